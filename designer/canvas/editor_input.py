"""The canvas's input: mouse, keys, drops from the palette and the context menu, read as gestures.

:class:`CanvasInput` watches the view and its viewport (an event filter,
as orange-canvas-core's scheme editor watches its scene) before the view
sees anything. A press starts a gesture of :mod:`designer.canvas.interactions`
(connect from a port, move nodes, rubber band, pan), which gets the
following moves, keys and the release until it is done; clicks select;
keys and menu entries call the :class:`~designer.canvas.editor.CanvasEditor`'s
edits; a palette node dropped on the canvas is added where it lands. What
is not used here (hover, tooltips, the wheel's zoom) goes on to the view.

Space is two things: a hold and drag pans, a tap (no pan in between) is
the window's Play/Pause (the view's ``space_tapped``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QMenu

from ..palette import template_from_mime
from .interactions import (Interaction, MoveNodesInteraction, NewConnectionInteraction, PanInteraction,
                           RubberBandInteraction)

if TYPE_CHECKING:
    from .editor import CanvasEditor

_EDIT_CHARS = set("0123456789-+.,")
_ADDITIVE = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class CanvasInput(QObject):
    """Reads the canvas's events for one :class:`~designer.canvas.editor.CanvasEditor`."""

    def __init__(self, editor: CanvasEditor):
        super().__init__(editor)
        self.editor = editor
        self.view = editor.view
        self.scene = editor.scene
        self.gesture: Interaction | None = None
        self.space_held = False
        self.space_panned = False     # a pan happened while Space was held: the release is no tap
        E = QEvent.Type
        self._on_view: dict[QEvent.Type, Callable[[QEvent], bool]] = {
            E.KeyPress: self._key_press, E.KeyRelease: self._key_release, E.Leave: self._leave,
            E.FocusOut: self._focus_out, E.ContextMenu: self._context_menu_event}
        self._on_viewport: dict[QEvent.Type, Callable[[QEvent], bool]] = {
            E.MouseButtonPress: self._mouse_press, E.MouseMove: self._mouse_move,
            E.MouseButtonRelease: self._mouse_release, E.MouseButtonDblClick: self._double_click,
            E.DragEnter: self._drag_over, E.DragMove: self._drag_over, E.Drop: self._drop,
            E.ContextMenu: self._context_menu_event}
        self._viewport = self.view.viewport()
        self.view.installEventFilter(self)
        self._viewport.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Use the event (True: the view does not see it) or let the view have it."""
        table = self._on_viewport if obj is self._viewport else self._on_view if obj is self.view else None
        handler = table.get(event.type()) if table is not None else None
        return bool(handler(event)) if handler is not None else False

    # --- gestures --------------------------------------------------------------------------

    def _start(self, gesture: Interaction) -> None:
        self.gesture = gesture
        if gesture.cursor is not None:
            self.view.viewport().setCursor(gesture.cursor)

    def _end_gesture(self) -> None:
        if self.gesture is not None and self.gesture.done:
            self.gesture = None
            self.view.viewport().unsetCursor()

    def cancel_gesture(self) -> None:
        """Drop the gesture under way, leaving the document as it was (a network was opened)."""
        if self.gesture is not None:
            self.gesture.cancel()
            self._end_gesture()

    # --- mouse -------------------------------------------------------------------------------

    def _mouse_press(self, event: QMouseEvent) -> bool:
        self.editor.values.close()
        self.view.setFocus()
        if self.gesture is not None:
            event.accept()
            return True
        pos = self.view.mapToScene(event.position().toPoint())
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self.space_held):
            self.space_panned = self.space_panned or self.space_held
            self._start(PanInteraction(self.view, event))
        elif button == Qt.MouseButton.RightButton:
            self._select_under(pos, event.modifiers())
        elif button == Qt.MouseButton.LeftButton:
            self._left_press(event, pos)
        return True

    def _left_press(self, event: QMouseEvent, pos: QPointF) -> None:
        """On a port: connect; on a node: (de)select and move; elsewhere: select or rubber-band."""
        additive = bool(event.modifiers() & _ADDITIVE)
        node = self.scene.node_at(pos)
        if node is None:
            if not self._select_under(pos, event.modifiers()):
                self._start(RubberBandInteraction(self.view, event, additive))
            return
        port = node.port_at(node.mapFromScene(pos), tol=max(3.0, 3.0 / max(self.view.zoom(), 1e-6)))
        if port is not None and not additive:
            self._start(NewConnectionInteraction(self.view, node, port))
        elif additive:
            node.setSelected(not node.isSelected())
        else:
            self._select_under(pos, event.modifiers())
            self._start(MoveNodesInteraction(self.view, event, self.editor.selected_node_ids()))

    def _select_under(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> bool:
        """Click-select what is under ``pos``; True if something was there."""
        sc, ed = self.scene, self.editor
        node = sc.node_at(pos)
        if node is not None:
            if not node.isSelected():
                ed.select_nodes([node.node_id])
            unit = node.unit_at(node.mapFromScene(pos))
            if unit is not None:
                sc.select_unit(node.node_id, unit)
            else:
                sc.select_unit(None)
            return True
        hit = sc.connection_at(pos)
        if hit is not None:
            item, edge = hit
            if edge is not None:
                ed.select_edge(item.conn_id, *edge)
            else:
                sc.select_edge(None)
                sc.select_unit(None)
                ed.select_nodes(())
                item.setSelected(True)
            return True
        if not modifiers & _ADDITIVE:
            ed.clear_selection()
        return False

    def _mouse_move(self, event: QMouseEvent) -> bool:
        if self.gesture is not None:
            self.gesture.move(event)
            self._end_gesture()
            return True
        if self.space_held:
            return False           # the view still sends hover events to the items
        pos = self.view.mapToScene(event.position().toPoint())
        sc = self.scene
        node = sc.node_at(pos)
        edge = None if node is not None or event.buttons() else sc.edge_at(pos)
        sc.set_hover_edge(edge)
        vp = self.view.viewport()
        if node is not None and node.port_at(node.mapFromScene(pos)) is not None:
            vp.setCursor(Qt.CursorShape.CrossCursor)
        elif edge is not None:
            vp.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            vp.unsetCursor()
        return False

    def _mouse_release(self, event: QMouseEvent) -> bool:
        if self.gesture is None:
            return False
        self.gesture.release(event)
        self._end_gesture()
        return True

    def _double_click(self, event: QMouseEvent) -> bool:
        """On a unit: type its bias; on a single edge: type its weight."""
        if event.button() != Qt.MouseButton.LeftButton:
            return True
        sc = self.scene
        pos = self.view.mapToScene(event.position().toPoint())
        node = sc.node_at(pos)
        if node is not None:
            unit = node.unit_at(node.mapFromScene(pos))
            if unit is not None and node.kind != "input":
                sc.select_unit(node.node_id, unit)
                self.editor.edit_selected_value()
            return True
        hit = sc.connection_at(pos)
        if hit is not None and hit[1] is not None:
            self.editor.select_edge(hit[0].conn_id, *hit[1])
            self.editor.edit_selected_value()
        return True

    def _leave(self, event: QEvent) -> bool:
        self.scene.set_hover_edge(None)
        return False

    # --- keys ----------------------------------------------------------------------------------

    def _key_press(self, event: QKeyEvent) -> bool:
        if self.gesture is not None and self.gesture.key(event):
            self._end_gesture()
            return True
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held, self.space_panned = True, False
            self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        slot = self._key_slot(event)
        if slot is not None:
            slot()
            return True
        return self._typing_key(event)

    def _key_slot(self, event: QKeyEvent) -> Callable[[], object] | None:
        """The edit or view slot a key asks for (the window's shortcuts did not take it)."""
        ed, view, K = self.editor, self.view, Qt.Key
        plain = {K.Key_Escape: ed.clear_selection, K.Key_Delete: ed.delete_selected,
                 K.Key_Backspace: ed.delete_selected, K.Key_Insert: lambda: ed.set_selected_edge(True)}
        if event.key() in plain:
            return plain[event.key()]
        S = QKeySequence.StandardKey
        for seq, slot in ((S.SelectAll, ed.select_all), (S.Copy, ed.copy), (S.Paste, ed.paste), (S.Cut, ed.cut),
                          (S.ZoomIn, view.zoom_in), (S.ZoomOut, view.zoom_out)):
            if event.matches(seq):
                return slot
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return {K.Key_Equal: view.zoom_in, K.Key_Plus: view.zoom_in, K.Key_Minus: view.zoom_out,
                    K.Key_0: view.fit, K.Key_L: ed.auto_layout}.get(event.key())
        return None

    def _typing_key(self, event: QKeyEvent) -> bool:
        """Enter, F2 or a digit on a selected edge or unit opens the value editor."""
        if self.scene.selected_edge is None and self.scene.selected_unit is None:
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.editor.edit_selected_value()
            return True
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if not ctrl and event.text() and event.text() in _EDIT_CHARS:
            self.editor.edit_selected_value(event.text())
            return True
        return False

    def _key_release(self, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_Space or event.isAutoRepeat():
            return False
        tapped = self.space_held and not self.space_panned
        self.space_held = False
        self.view.viewport().unsetCursor()
        if tapped:  # a tap is Play/Pause, as everywhere else; a hold and drag was a pan
            self.view.space_tapped.emit()
        return True

    def _focus_out(self, event: QEvent) -> bool:
        self.space_held = False
        return False

    # --- drops from the palette and the context menu -----------------------------------------------

    def _drag_over(self, event: QDropEvent) -> bool:
        if template_from_mime(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        return True

    def _drop(self, event: QDropEvent) -> bool:
        """Add the palette's node where it lands, on the 10-pixel grid."""
        template = template_from_mime(event.mimeData())
        if template is None:
            event.ignore()
            return True
        pos = self.view.mapToScene(event.position().toPoint())
        if self.editor.add_from_template(template, (round(pos.x() / 10) * 10, round(pos.y() / 10) * 10)):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        return True

    def _context_menu_event(self, event: QContextMenuEvent) -> bool:
        self.context_menu(self.view.mapToScene(event.pos())).exec(event.globalPos())
        return True

    def context_menu(self, pos: QPointF) -> QMenu:
        """The right-click menu for what is under ``pos`` (selected by the press)."""
        ed = self.editor
        menu = QMenu(self.view)
        sel = ed.selection()
        if sel.edge is not None:
            self._edge_entries(menu, sel.edge)
        elif sel.unit is not None and self.editor.document.spec.nodes[sel.unit[0]].kind != "input":
            menu.addAction(self.tr("Type bias…"), ed.edit_selected_value)
        if sel.nodes:
            menu.addAction(self.tr("Re-initialise weights"), ed.reinitialise_selected)
            menu.addAction(self.tr("Copy"), ed.copy)
            menu.addAction(self.tr("Delete"), ed.delete_selected)
        elif sel.connections:
            menu.addAction(self.tr("Delete connection"), ed.delete_selected)
        if sel.is_empty:
            menu.addAction(self.tr("Paste"), ed.paste)
            menu.addAction(self.tr("Arrange in columns"), ed.auto_layout)
            menu.addAction(self.tr("Fit to window"), self.view.fit)
        return menu

    def _edge_entries(self, menu: QMenu, edge: tuple[str, int, int]) -> None:
        """A removed edge can be restored; a present one typed, removed, or used as a landscape axis."""
        ed = self.editor
        c = ed.document.spec.connections[edge[0]]
        if (edge[1], edge[2]) in set(map(tuple, c.removed)):
            menu.addAction(self.tr("Restore edge"), lambda: ed.set_selected_edge(True))
            return
        menu.addAction(self.tr("Type weight…"), ed.edit_selected_value)
        menu.addAction(self.tr("Remove edge"), lambda: ed.set_selected_edge(False))
        menu.addSeparator()
        for axis, sub in ((1, "₁"), (2, "₂")):
            menu.addAction(self.tr("Use as landscape axis w{0}").format(sub),
                           lambda a=axis: self.view.landscape_axis_requested.emit(a, edge))
