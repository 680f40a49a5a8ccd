"""The canvas widget: a plain ``QGraphicsView`` over a :class:`CanvasScene`.

It turns mouse and key input into gestures (see
:mod:`designer.canvas.interactions`) and undo commands, and offers the
slots the main window puts in its menus. Run this module to look at it::

    python -m designer.canvas [--big|--mixed|--empty] [--values] [--dark] [--screenshot OUT.png]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent, QPainter,
                           QPen, QWheelEvent)
from PySide6.QtWidgets import QApplication, QGraphicsView, QLineEdit, QMenu, QWidget

from core.parameters import bias_key, weight_key
from core.spec import SpecError

from .. import commands as cmd
from ..document import Document
from ..palette import node_from_template, template_from_mime
from . import clipboard
from .colors import Theme
from .geometry import auto_layout, node_pos
from .interactions import (Interaction, MoveNodesInteraction, NewConnectionInteraction,
                           PanInteraction, RubberBandInteraction)
from .scene import CanvasScene, is_export_device

MIN_ZOOM, MAX_ZOOM = 0.04, 6.0
ZOOM_STEP = 1.25
FIT_MAX = 1.6
_EDIT_CHARS = set("0123456789-+.,")


@dataclass(frozen=True)
class Selection:
    """What is selected on the canvas.

    ``nodes`` and ``connections`` are ids; ``edge`` is ``(conn_id, i, j)``
    (unit i of the source to unit j of the destination); ``unit`` is
    ``(node_id, j)``. A unit is selected together with its node.
    """

    nodes: tuple[str, ...] = ()
    connections: tuple[str, ...] = ()
    edge: tuple[str, int, int] | None = None
    unit: tuple[str, int] | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.nodes or self.connections or self.edge or self.unit)


class CanvasView(QGraphicsView):
    """The network editor.

    Signals
    -------
    message(str)
        Something to tell the person on the status bar: why a connection was
        refused, what a gesture did.
    selection_changed()
        Nodes, connections, a single edge or a unit were (de)selected; read
        :meth:`selection`.
    zoom_changed(float)
        The zoom factor changed (1.0 = 100 %).
    landscape_axis_requested(int, object)
        From an edge's context menu: use this edge, ``(conn_id, i, j)``, as
        axis 1 or 2 of the loss landscape.
    """

    message = Signal(str)
    selection_changed = Signal()
    zoom_changed = Signal(float)
    #: Space pressed and let go without a pan in between: the window's Play/Pause.
    space_tapped = Signal()
    landscape_axis_requested = Signal(int, object)

    def __init__(self, document: Document, parent: QWidget | None = None):
        self.document = document
        self.canvas_scene = CanvasScene(document)
        super().__init__(self.canvas_scene, parent)
        self.canvas_scene.setParent(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.fitted = False  # True from fit() until the person zooms or pans
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)   # the grid scrolls as a pixmap
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # Pan with the middle button or space-drag, zoom with the wheel: no scroll bars.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Network canvas")
        self.gesture: Interaction | None = None
        self._space = False
        self._space_panned = False  # a pan happened while Space was held: the release is no tap
        self._editor: QLineEdit | None = None
        self._editing: tuple | None = None
        self._paste_count = 0
        self._overlay_label = ""
        self.canvas_scene.selectionChanged.connect(self.selection_changed)
        self.canvas_scene.sub_selection_changed.connect(self.selection_changed)
        document.structure_changed.connect(self.update_scene_rect)
        document.replaced.connect(self._on_replaced)
        self.update_scene_rect()

    def _on_replaced(self) -> None:
        """A network was opened: cancel any gesture and show it whole once laid out."""
        self._close_editor()
        if self.gesture is not None:
            self.gesture.cancel()
            self._end_gesture()
        self._paste_count = 0
        QTimer.singleShot(0, self.fit)

    # --- selection -------------------------------------------------------------------

    def selection(self) -> Selection:
        sc = self.canvas_scene
        nodes = tuple(n for n, it in sc.node_items.items() if it.isSelected())
        conns = tuple(c for c, it in sc.conn_items.items() if it.isSelected())
        return Selection(nodes, conns, sc.selected_edge, sc.selected_unit)

    def selected_node_ids(self) -> list[str]:
        return [n for n, it in self.canvas_scene.node_items.items() if it.isSelected()]

    def select_nodes(self, ids) -> None:
        """Select exactly these nodes (blocking the signal until the end: one emission)."""
        ids = set(ids)
        sc = self.canvas_scene
        changed = False
        sc.blockSignals(True)
        try:
            for it in sc.conn_items.values():
                if it.isSelected():
                    it.setSelected(False)
                    changed = True
            for nid, it in sc.node_items.items():
                if it.isSelected() != (nid in ids):
                    it.setSelected(nid in ids)
                    changed = True
        finally:
            sc.blockSignals(False)
        if changed:
            self.selection_changed.emit()

    def select_all(self) -> None:
        self.select_nodes(self.canvas_scene.node_items)

    def clear_selection(self) -> None:
        self.select_nodes(())
        self.canvas_scene.select_edge(None)
        self.canvas_scene.select_unit(None)

    def select_edge(self, conn_id: str, i: int, j: int) -> None:
        """Select one single edge (as clicking it does)."""
        self.select_nodes(())
        self.canvas_scene.select_edge(conn_id, i, j)

    # --- editing slots -----------------------------------------------------------------

    def _push(self, command) -> bool:
        if command is None:
            return False
        self.document.push(command)
        return True

    def delete_selected(self) -> None:
        """Delete the selected nodes and connections, or remove the selected single edge."""
        sel = self.selection()
        edges = [sel.edge] if sel.edge else []
        if sel.edge and not sel.nodes and not sel.connections:
            c = self.document.spec.connections.get(sel.edge[0])
            if c is not None and (sel.edge[1], sel.edge[2]) in set(map(tuple, c.removed)):
                self.message.emit("This edge is already removed: press Insert (or use "
                                  "Restore edge) to put it back")
                return
        command = cmd.delete_command(self.document, sel.nodes, sel.connections, edges)
        if self._push(command):
            self.message.emit(command.text())

    def remove_selected_edge(self) -> None:
        self._set_selected_edge(False)

    def restore_selected_edge(self) -> None:
        self._set_selected_edge(True)

    def _set_selected_edge(self, present: bool) -> None:
        e = self.canvas_scene.selected_edge
        if e is None:
            self.message.emit("Select a single edge first (click it)")
            return
        try:
            command = cmd.SetEdgeCommand(self.document, *e, present)
        except SpecError as err:
            self.message.emit(str(err).capitalize())
            return
        self._push(command)
        self.message.emit(command.text())

    def reinitialise_selected(self) -> None:
        """Fresh initial weights for the selected nodes (all nodes if none is selected)."""
        ids = self.selected_node_ids()
        self._push(cmd.ReinitialiseCommand(self.document, ids or None))

    def copy(self) -> bool:
        payload = clipboard.copy_payload(self.document.spec, self.document.params, self.selected_node_ids())
        if payload is None:
            self.message.emit("Select nodes to copy")
            return False
        QApplication.clipboard().setMimeData(clipboard.to_mime(payload))
        self._paste_count = 0
        n = len(payload["nodes"])
        self.message.emit(f"Copied {n} node{'s' * (n != 1)}")
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selected()

    def paste(self) -> None:
        payload = clipboard.from_mime(QApplication.clipboard().mimeData())
        if payload is None:
            self.message.emit("Nothing to paste: copy some nodes first")
            return
        self._paste_count += 1
        try:
            nodes, conns, params = clipboard.paste_items(self.document.spec, payload,
                                                         clipboard.OFFSET * self._paste_count)
        except SpecError as e:
            self.message.emit(f"Cannot paste: {e}")
            return
        self._push(cmd.paste_command(self.document, nodes, conns, params,
                                     f"Paste {len(nodes)} node{'s' * (len(nodes) != 1)}"))
        self.select_nodes(n.id for n in nodes)

    def add_from_template(self, template: dict, scene_pos: QPointF | tuple | None = None) -> str | None:
        """Add a palette node at ``scene_pos`` (default: the centre of the view); returns its id."""
        if scene_pos is None:
            c = self.mapToScene(self.viewport().rect().center())
            n = len(self.document.spec.nodes)
            scene_pos = (c.x() + 12 * (n % 5), c.y() + 12 * (n % 5))
        elif isinstance(scene_pos, QPointF):
            scene_pos = (scene_pos.x(), scene_pos.y())
        try:
            node = node_from_template(self.document.spec, template, scene_pos)
            command = cmd.AddNodeCommand(self.document, node)
        except (SpecError, KeyError, TypeError, ValueError) as e:
            self.message.emit(f"Cannot add this node: {e}")
            return None
        self._push(command)
        self.select_nodes([node.id])
        self.setFocus()
        return node.id

    def auto_layout(self) -> None:
        """Arrange the nodes in columns by depth (one undo entry), then fit them in view."""
        spec = self.document.spec
        if not spec.nodes:
            return
        first = next(iter(spec.nodes.values()))
        origin = node_pos(first) or (0.0, 0.0)
        positions = auto_layout(spec, (origin[0], 0.0))
        if any(node_pos(spec.nodes[n]) != p for n, p in positions.items()):
            self._push(cmd.auto_layout_command(self.document, positions))
        self.fit()

    # --- values shown on units ---------------------------------------------------------

    def set_unit_values(self, node_id: str, a: np.ndarray | None, z: np.ndarray | None = None) -> None:
        """Fill a node's units by their activations ``a`` (z is shown in tooltips)."""
        self.canvas_scene.set_unit_values(node_id, a, z)

    def clear_unit_values(self) -> None:
        self.canvas_scene.clear_unit_values()

    def set_unit_planes(self, planes: dict[str, np.ndarray] | None) -> None:
        """Thumbnails: each hidden unit's output over the 2-D input plane, on the unit.

        ``planes`` is ``{node id: array (ny, nx, units)}`` as in
        ``Snapshot.unit_planes`` (row 0 at the smallest x2); only nodes drawn
        as a column of units show them. None removes every thumbnail.
        """
        self.canvas_scene.set_unit_planes(planes)

    def set_edge_overlay(self, values: dict[str, np.ndarray] | None, signed: bool = True,
                         label: str = "") -> None:
        """Colour each edge by a per-parameter value instead of its weight.

        Parameters
        ----------
        values
            ``{parameter key: array shaped like the parameter}``, e.g.
            ``{"W:c1": (dst units, src units)}`` (other keys are ignored).
            None or ``{}`` turns the overlay off: edges follow the weights again.
        signed
            True: a diverging scale centred on 0 (magenta negative, green
            positive); False: a sequential, logarithmic one (pale to purple).
        label
            What the values are, for the legend drawn in the canvas's corner.
        """
        scale = self.canvas_scene.set_edge_overlay(values, signed)
        self._overlay_label = label if scale is not None else ""
        self.viewport().update()

    def edge_overlay_scale(self):
        """The overlay's :class:`~designer.canvas.edges.OverlayScale`, None when edges show weights."""
        return self.canvas_scene.overlay_scale

    # --- zoom and pan --------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` keeping the scene point under ``anchor`` (viewport coords) still."""
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        old = self.zoom()
        if abs(factor - old) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor / old, factor / old)
        self.update_scene_rect()
        after = self.mapToScene(anchor.toPoint())
        d = (after - before) * factor
        self.pan_by(-d.x(), -d.y())
        self.fitted = False
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole network (not larger than 160 %).

        Until the person zooms or pans, the view stays fitted: when the
        canvas changes size (a panel below it opens or grows), it fits again
        rather than cutting the network off.
        """
        self.fitted = True
        sc = self.canvas_scene
        items = list(sc.node_items.values())
        if not items:
            self.resetTransform()
            self.centerOn(0, 0)
            self.zoom_changed.emit(1.0)
            return
        rect = QRectF()
        for it in items:
            rect = rect.united(it.sceneBoundingRect())
        for it in sc.items():  # overlays that draw beside the network (the stepper's values)
            extent = it.fit_extent() if hasattr(it, "fit_extent") else None
            if extent is not None and not extent.isEmpty():
                rect = rect.united(extent)
        rect = rect.adjusted(-30, -30, 30, 30)
        self.update_scene_rect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > FIT_MAX or self.zoom() < MIN_ZOOM:
            s = min(max(self.zoom(), MIN_ZOOM), FIT_MAX)
            self.resetTransform()
            self.scale(s, s)
        self.update_scene_rect(rect)
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def pan_by(self, dx: float, dy: float) -> None:
        """Scroll the view by viewport pixels."""
        self.fitted = False
        self.update_scene_rect()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def update_scene_rect(self, extra: QRectF | None = None) -> None:
        """Room to pan around: the items and the visible area, plus a screenful each side."""
        sc = self.canvas_scene
        rect = QRectF()
        for it in sc.node_items.values():
            rect = rect.united(it.sceneBoundingRect())
        vis = self.mapToScene(self.viewport().rect()).boundingRect()
        rect = rect.united(vis)
        if extra is not None:
            rect = rect.united(extra)
        m = max(vis.width(), vis.height())
        new = rect.adjusted(-m, -m, m, m)
        if not self.sceneRect().contains(new) or self.sceneRect().width() > 4 * new.width():
            self.setSceneRect(new)

    # --- the in-place value editor --------------------------------------------------------

    def edit_selected_value(self, text: str | None = None) -> bool:
        """Open the editor for the selected edge's weight or unit's bias; True if opened."""
        sc, doc = self.canvas_scene, self.document
        if sc.selected_edge is not None:
            cid, i, j = sc.selected_edge
            conn = doc.spec.connections[cid]
            if (i, j) in set(map(tuple, conn.removed)):
                self.message.emit("This edge is removed: restore it (Insert) to give it a weight")
                return False
            value = float(doc.params[weight_key(cid)][j, i])
            item = sc.conn_items[cid]
            anchor = QPointF((item.x_src + item.x_dst) / 2, (item.y_src[i] + item.y_dst[j]) / 2)
            what = ("edge", cid, i, j)
            label = "weight"
        elif sc.selected_unit is not None:
            nid, j = sc.selected_unit
            node = doc.spec.nodes[nid]
            if bias_key(nid) not in doc.params:
                self.message.emit(f"{node.label} has no bias" + (" (inputs have none)" if node.kind == "input"
                                                                   else ": switch it on in Properties"))
                return False
            value = float(doc.params[bias_key(nid)][j])
            anchor = sc.node_items[nid].unit_center(j)
            what = ("bias", nid, j)
            label = "bias"
        else:
            return False
        self._close_editor()
        ed = QLineEdit(self.viewport())
        ed.setObjectName("canvas-value-editor")
        ed.setAccessibleName(f"Type the {label}")
        ed.setPlaceholderText(label)
        ed.setToolTip(f"Type the {label} and press Enter; Esc cancels")
        ed.setText(f"{value:.6g}" if text is None else text)
        if text is None:
            ed.selectAll()
        ed.setFixedWidth(110)
        p = self.mapFromScene(anchor)
        h = ed.sizeHint().height()
        # just above the edge or unit, so what is being edited stays visible
        ed.move(min(max(0, p.x() - 55), max(0, self.viewport().width() - 110)), max(0, p.y() - h - 10))
        ed.installEventFilter(self)
        ed.show()
        ed.setFocus()
        self._editor, self._editing = ed, what
        self.message.emit(f"Type the {label} and press Enter (Esc cancels)")
        return True

    def _commit_editor(self) -> None:
        ed, what = self._editor, self._editing
        if ed is None:
            return
        text = ed.text().strip().replace(",", ".")
        try:
            value = float(text)
            if what[0] == "edge":
                command = cmd.SetWeightCommand(self.document, what[1], what[2], what[3], value)
            else:
                command = cmd.SetBiasCommand(self.document, what[1], what[2], value)
        except ValueError:
            self.message.emit(f"{text!r} is not a number")
            return
        except SpecError as e:
            self.message.emit(str(e).capitalize())
            return
        self._close_editor()
        self._push(command)
        self.message.emit(command.text())

    def _close_editor(self) -> None:
        ed = self._editor
        self._editor = self._editing = None
        if ed is not None:
            ed.removeEventFilter(self)
            ed.hide()
            ed.deleteLater()
            self.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._editor:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self._close_editor()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Consumed here: QLineEdit would let Return reach the view, which
                # would open the editor again on the still-selected edge.
                self._commit_editor()
                return True
            if event.type() == QEvent.Type.FocusOut:
                self._close_editor()
        return super().eventFilter(obj, event)

    # --- mouse -------------------------------------------------------------------------------

    def _start(self, gesture: Interaction) -> None:
        self.gesture = gesture
        if gesture.cursor is not None:
            self.viewport().setCursor(gesture.cursor)

    def _end_gesture(self) -> None:
        if self.gesture is not None and self.gesture.done:
            self.gesture = None
            self.viewport().unsetCursor()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._close_editor()
        self.setFocus()
        if self.gesture is not None:
            event.accept()
            return
        sc = self.canvas_scene
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._space_panned = self._space_panned or self._space
            self._start(PanInteraction(self, event))
            return
        if button == Qt.MouseButton.RightButton:
            self._select_under(pos, event.modifiers())
            return
        if button != Qt.MouseButton.LeftButton:
            return
        additive = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.ShiftModifier))
        node = sc.node_at(pos)
        if node is not None:
            local = node.mapFromScene(pos)
            port = node.port_at(local, tol=max(3.0, 3.0 / max(self.zoom(), 1e-6)))
            if port is not None and not additive:
                self._start(NewConnectionInteraction(self, node, port))
                return
            if additive:
                node.setSelected(not node.isSelected())
                return
            self._select_under(pos, event.modifiers())
            self._start(MoveNodesInteraction(self, event, self.selected_node_ids()))
            return
        if self._select_under(pos, event.modifiers()):
            return
        self._start(RubberBandInteraction(self, event, additive))

    def _select_under(self, pos: QPointF, modifiers) -> bool:
        """Click-select what is under ``pos``; True if something was there."""
        sc = self.canvas_scene
        node = sc.node_at(pos)
        if node is not None:
            if not node.isSelected():
                self.select_nodes([node.node_id])
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
                self.select_edge(item.conn_id, *edge)
            else:
                sc.select_edge(None)
                sc.select_unit(None)
                self.select_nodes(())
                item.setSelected(True)
            return True
        if not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            self.clear_selection()
        return False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.gesture is not None:
            self.gesture.move(event)
            self._end_gesture()
            return
        super().mouseMoveEvent(event)      # hover events for the items
        if self._space:
            return
        pos = self.mapToScene(event.position().toPoint())
        sc = self.canvas_scene
        node = sc.node_at(pos)
        edge = None if node is not None or event.buttons() else sc.edge_at(pos)
        sc.set_hover_edge(edge)
        if node is not None and node.port_at(node.mapFromScene(pos)) is not None:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        elif edge is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.gesture is not None:
            self.gesture.release(event)
            self._end_gesture()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        sc = self.canvas_scene
        pos = self.mapToScene(event.position().toPoint())
        node = sc.node_at(pos)
        if node is not None:
            unit = node.unit_at(node.mapFromScene(pos))
            if unit is not None and node.kind != "input":
                sc.select_unit(node.node_id, unit)
                self.edit_selected_value()
            return
        hit = sc.connection_at(pos)
        if hit is not None and hit[1] is not None:
            self.select_edge(hit[0].conn_id, *hit[1])
            self.edit_selected_value()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.set_zoom(self.zoom() * 1.0015 ** delta, event.position())
        event.accept()

    # --- keys ----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.gesture is not None and self.gesture.key(event):
            self._end_gesture()
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        sel = self.canvas_scene
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space, self._space_panned = True, False
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return
        if key == Qt.Key.Key_Insert:
            self.restore_selected_edge()
            return
        for seq, slot in ((QKeySequence.StandardKey.SelectAll, self.select_all),
                          (QKeySequence.StandardKey.Copy, self.copy),
                          (QKeySequence.StandardKey.Paste, self.paste),
                          (QKeySequence.StandardKey.Cut, self.cut),
                          (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                          (QKeySequence.StandardKey.ZoomOut, self.zoom_out)):
            if event.matches(seq):
                slot()
                return
        if ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
            return
        if ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
            return
        if ctrl and key == Qt.Key.Key_0:
            self.fit()
            return
        if ctrl and key == Qt.Key.Key_L:
            self.auto_layout()
            return
        if sel.selected_edge is not None or sel.selected_unit is not None:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_selected_value()
                return
            if not ctrl and event.text() and event.text() in _EDIT_CHARS:
                self.edit_selected_value(event.text())
                return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            tapped = self._space and not self._space_panned
            self._space = False
            self.viewport().unsetCursor()
            if tapped:  # a tap is Play/Pause, as everywhere else; a hold and drag was a pan
                self.space_tapped.emit()
            return
        super().keyReleaseEvent(event)

    def leaveEvent(self, event) -> None:
        self.canvas_scene.set_hover_edge(None)
        super().leaveEvent(event)

    def focusOutEvent(self, event) -> None:
        self._space = False
        super().focusOutEvent(event)

    # --- drops from the palette --------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if template_from_mime(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if template_from_mime(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        template = template_from_mime(event.mimeData())
        if template is None:
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        if self.add_from_template(template, (round(pos.x() / 10) * 10, round(pos.y() / 10) * 10)):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    # --- context menu --------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(self.mapToScene(event.pos()))
        menu.exec(event.globalPos())

    def context_menu(self, pos: QPointF) -> QMenu:
        """The right-click menu for what is under ``pos`` (selected by the press)."""
        menu = QMenu(self)
        sel = self.selection()
        if sel.edge is not None:
            c = self.document.spec.connections[sel.edge[0]]
            removed = (sel.edge[1], sel.edge[2]) in set(map(tuple, c.removed))
            if removed:
                menu.addAction("Restore edge", self.restore_selected_edge)
            else:
                menu.addAction("Type weight…", self.edit_selected_value)
                menu.addAction("Remove edge", self.remove_selected_edge)
                menu.addSeparator()
                edge = sel.edge
                for axis, sub in ((1, "₁"), (2, "₂")):
                    menu.addAction(f"Use as landscape axis w{sub}",
                                   lambda a=axis: self.landscape_axis_requested.emit(a, edge))
        elif sel.unit is not None and self.document.spec.nodes[sel.unit[0]].kind != "input":
            menu.addAction("Type bias…", self.edit_selected_value)
        if sel.nodes:
            menu.addAction("Re-initialise weights", self.reinitialise_selected)
            menu.addAction("Copy", self.copy)
            menu.addAction("Delete", self.delete_selected)
        elif sel.connections:
            menu.addAction("Delete connection", self.delete_selected)
        if sel.is_empty:
            menu.addAction("Paste", self.paste)
            menu.addAction("Arrange in columns", self.auto_layout)
            menu.addAction("Fit to window", self.fit)
        return menu

    # --- look ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.canvas_scene.set_theme(Theme.for_palette(self.palette()))
            self.resetCachedContent()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()
        else:
            self.update_scene_rect()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if is_export_device(painter.device()):
            return
        if self.document.spec.nodes:
            if self.canvas_scene.overlay_scale is not None:
                self._draw_overlay_legend(painter)
            return
        painter.save()
        painter.resetTransform()
        th = self.canvas_scene.theme
        r = QRectF(self.viewport().rect()).adjusted(40, 40, -40, -40)
        f = painter.font()
        f.setPointSizeF(f.pointSizeF() + 3)
        painter.setFont(f)
        painter.setPen(th.text)
        painter.drawText(r.adjusted(0, -30, 0, -30), Qt.AlignmentFlag.AlignCenter, self.tr("Build a network"))
        f.setPointSizeF(f.pointSizeF() - 3)
        painter.setFont(f)
        painter.setPen(th.subtext)
        painter.drawText(r.adjusted(0, 20, 0, 20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.tr("Drag an Input, a Layer and an Output from the palette.\n"
                                 "Then drag from a node's right-hand port to the next node to connect them."))
        painter.restore()

    def _draw_overlay_legend(self, painter: QPainter) -> None:
        """What the edges show and its range, in the canvas's lower-left corner."""
        sc = self.canvas_scene.overlay_scale
        th = self.canvas_scene.theme
        pos, neg = sc.colors(th)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fm = painter.fontMetrics()
        title = f"Edges: {self._overlay_label or 'overlay'}"
        if sc.signed:
            swatches = list(reversed(neg)) + pos
            ticks = (f"−{sc.vmax:.3g}", "0", f"+{sc.vmax:.3g}")
            note = "magenta < 0 < green; wider: larger |value|"
        else:
            swatches = pos
            ticks = (f"≤{sc.vmin:.3g}", "", f"{sc.vmax:.3g}")
            note = "log scale; wider: larger value"
        bar_w = max(180, fm.horizontalAdvance(title) + 8, fm.horizontalAdvance(note) + 8)
        h = fm.height()
        box = QRectF(10, self.viewport().height() - (3 * h + 34), bar_w + 20, 3 * h + 24)
        bg = QColor(th.frame_fill)
        bg.setAlpha(235)
        painter.setPen(QPen(th.frame_border, 1.0))
        painter.setBrush(bg)
        painter.drawRoundedRect(box, 6, 6)
        x0, y = box.left() + 10, box.top() + 6
        painter.setPen(th.text)
        painter.drawText(QRectF(x0, y, bar_w, h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        y += h + 4
        cell = bar_w / len(swatches)
        painter.setPen(Qt.PenStyle.NoPen)
        for k, c in enumerate(swatches):
            painter.setBrush(c)
            painter.drawRect(QRectF(x0 + k * cell, y, cell + 0.5, 10))
        y += 14
        painter.setPen(th.subtext)
        for text, align in zip(ticks, (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                                       Qt.AlignmentFlag.AlignRight)):
            painter.drawText(QRectF(x0, y, bar_w, h), align | Qt.AlignmentFlag.AlignVCenter, text)
        y += h
        painter.drawText(QRectF(x0, y, bar_w, h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, note)
        painter.restore()


# --- preview -------------------------------------------------------------------------------------

def example_document(kind: str = "xor") -> Document:
    """A document for previews and benchmarks: "xor", "big" (500-500-10, 255,000 edges), "empty"."""
    from core.files import NetworkFile
    from core.spec import sequential
    doc = Document()
    if kind == "empty":
        return doc
    if kind == "big":
        spec = sequential([500, 500, 10], activation="relu", output="softmax", loss="ce")
    elif kind == "mixed":
        spec = sequential([2, 6, 4, 1])
        from core.spec import Node
        spec.add_node(Node("n1", "neuron", 1, "relu", name="skip neuron", meta={"pos": [300.0, 190.0]}))
        spec.connect("in", "n1")
        spec.connect("n1", "out")
        spec.add_node(Node("wide", "layer", 48, "elu", name="wide layer", meta={"pos": [300.0, -330.0]}))
        spec.connect("in", "wide")
    else:
        spec = sequential([2, 4, 1])
    positions = auto_layout(spec)
    for nid, p in positions.items():
        spec.nodes[nid].meta["pos"] = list(p)
    doc.replace(NetworkFile(spec, {}))
    return doc


def _main() -> None:
    import sys

    from ..palette import Palette
    app = QApplication(sys.argv)
    if "--dark" in sys.argv:
        from .. import theme
        theme.apply_theme("dark", app)
    kind = "big" if "--big" in sys.argv else "mixed" if "--mixed" in sys.argv else \
        "empty" if "--empty" in sys.argv else "xor"
    doc = example_document(kind)
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    palette = Palette()
    view = CanvasView(doc)
    side = QVBoxLayout()
    side.addWidget(palette)
    lay.addLayout(side)
    lay.addWidget(view, 1)
    status = QLabel()
    side.addWidget(status)
    view.message.connect(status.setText)
    palette.node_requested.connect(view.add_from_template)
    w.resize(1200, 760)
    w.show()
    if "--values" in sys.argv:
        rng = np.random.default_rng(1)
        for nid, node in doc.spec.nodes.items():
            view.set_unit_values(nid, np.tanh(rng.normal(size=node.units)))
    view.fit()
    if "--screenshot" in sys.argv:
        app.processEvents()
        w.grab().save(sys.argv[sys.argv.index("--screenshot") + 1])
        return
    sys.exit(app.exec())


if __name__ == "__main__":
    _main()
