"""The canvas's editor: what the person does to the network, as commands on the document.

orange-canvas-core splits its canvas the same way: the view
(:class:`~designer.canvas.view.CanvasView`) shows the document and
navigates (zoom, fit, pan); the editor changes it. :class:`CanvasEditor`
holds the selection and the edits the menus, the keys and the context menu
offer (delete, copy, paste, add from the palette, remove and restore an
edge, re-initialise, arrange), each pushed as one undo command;
:class:`~designer.canvas.editor_input.CanvasInput` turns mouse and key
gestures into these edits and into the gestures of
:mod:`designer.canvas.interactions`; :class:`~designer.canvas.value_editor.ValueEditor`
types a weight or a bias in place. The view keeps its public slots and
hands them on here, so the main window sees one widget.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF
from PySide6.QtWidgets import QApplication

from core.spec import SpecError

from .. import commands as cmd
from ..palette import node_from_template
from . import clipboard
from .editor_input import CanvasInput
from .geometry import auto_layout, node_pos
from .value_editor import ValueEditor

if TYPE_CHECKING:
    from .view import CanvasView


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
        """Nothing at all is selected."""
        return not (self.nodes or self.connections or self.edge or self.unit)


class CanvasEditor(QObject):
    """The selection and the edits of one canvas; every change is one command on the document's undo stack."""

    def __init__(self, view: CanvasView):
        super().__init__(view)
        self.view = view
        self.document = view.document
        self.scene = view.canvas_scene
        self.values = ValueEditor(view)
        self.paste_count = 0     # pastes since the last copy: each lands a step further along
        self.input = CanvasInput(self)

    def _say(self, text: str) -> None:
        self.view.message.emit(text)

    def _push(self, command) -> bool:
        if command is None:
            return False
        self.document.push(command)
        return True

    def reset(self) -> None:
        """A network was opened: no gesture or typing goes on, pastes start at the first offset again."""
        self.values.close()
        self.input.cancel_gesture()
        self.paste_count = 0

    # --- selection -------------------------------------------------------------------

    def selection(self) -> Selection:
        """Nodes, whole connections, the single edge and the unit selected now."""
        sc = self.scene
        nodes = tuple(n for n, it in sc.node_items.items() if it.isSelected())
        conns = tuple(c for c, it in sc.conn_items.items() if it.isSelected())
        return Selection(nodes, conns, sc.selected_edge, sc.selected_unit)

    def selected_node_ids(self) -> list[str]:
        """The selected nodes' ids, in the document's order."""
        return [n for n, it in self.scene.node_items.items() if it.isSelected()]

    def select_nodes(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes (blocking the signal until the end: one emission)."""
        ids = set(ids)
        sc = self.scene
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
            self.view.selection_changed.emit()

    def select_all(self) -> None:
        """Select every node."""
        self.select_nodes(self.scene.node_items)

    def clear_selection(self) -> None:
        """Select nothing: no node, connection, edge or unit."""
        self.select_nodes(())
        self.scene.select_edge(None)
        self.scene.select_unit(None)

    def select_edge(self, conn_id: str, i: int, j: int) -> None:
        """Select one single edge (as clicking it does)."""
        self.select_nodes(())
        self.scene.select_edge(conn_id, i, j)

    # --- edits -----------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Delete the selected nodes and connections, or remove the selected single edge."""
        sel = self.selection()
        edges = [sel.edge] if sel.edge else []
        if sel.edge and not sel.nodes and not sel.connections:
            c = self.document.spec.connections.get(sel.edge[0])
            if c is not None and (sel.edge[1], sel.edge[2]) in set(map(tuple, c.removed)):
                self._say(self.tr("This edge is already removed: press Insert (or use Restore edge) to put it back"))
                return
        command = cmd.delete_command(self.document, sel.nodes, sel.connections, edges)
        if self._push(command):
            self._say(command.text())

    def set_selected_edge(self, present: bool) -> None:
        """Remove (False) or restore (True) the selected single edge."""
        e = self.scene.selected_edge
        if e is None:
            self._say(self.tr("Select a single edge first (click it)"))
            return
        try:
            command = cmd.SetEdgeCommand(self.document, *e, present)
        except SpecError as err:
            self._say(str(err).capitalize())
            return
        self._push(command)
        self._say(command.text())

    def reinitialise_selected(self) -> None:
        """Fresh initial weights for the selected nodes (all nodes if none is selected)."""
        ids = self.selected_node_ids()
        self._push(cmd.ReinitialiseCommand(self.document, ids or None))

    def edit_selected_value(self, text: str | None = None) -> bool:
        """Open the in-place editor for the selected edge's weight or unit's bias; True if opened."""
        return self.values.open(text)

    def copy(self) -> bool:
        """Put the selected nodes (their connections among them and their weights) on the clipboard."""
        payload = clipboard.copy_payload(self.document.spec, self.document.params, self.selected_node_ids())
        if payload is None:
            self._say(self.tr("Select nodes to copy"))
            return False
        QApplication.clipboard().setMimeData(clipboard.to_mime(payload))
        self.paste_count = 0
        n = len(payload["nodes"])
        self._say(self.tr("Copied 1 node") if n == 1 else self.tr("Copied {0} nodes").format(n))
        return True

    def cut(self) -> None:
        """Copy, then delete what was copied."""
        if self.copy():
            self.delete_selected()

    def paste(self) -> None:
        """Add the clipboard's nodes, a step further along each time, and select them."""
        payload = clipboard.from_mime(QApplication.clipboard().mimeData())
        if payload is None:
            self._say(self.tr("Nothing to paste: copy some nodes first"))
            return
        self.paste_count += 1
        try:
            nodes, conns, params = clipboard.paste_items(self.document.spec, payload,
                                                         clipboard.OFFSET * self.paste_count)
        except SpecError as e:
            self._say(self.tr("Cannot paste: {0}").format(e))
            return
        self._push(cmd.paste_command(self.document, nodes, conns, params,
                                     self.tr("Paste 1 node") if len(nodes) == 1
                                     else self.tr("Paste {0} nodes").format(len(nodes))))
        self.select_nodes(n.id for n in nodes)

    def add_from_template(self, template: dict, scene_pos: QPointF | tuple | None = None) -> str | None:
        """Add a palette node at ``scene_pos`` (default: the centre of the view); returns its id."""
        if scene_pos is None:
            c = self.view.mapToScene(self.view.viewport().rect().center())
            n = len(self.document.spec.nodes)
            scene_pos = (c.x() + 12 * (n % 5), c.y() + 12 * (n % 5))
        elif isinstance(scene_pos, QPointF):
            scene_pos = (scene_pos.x(), scene_pos.y())
        try:
            node = node_from_template(self.document.spec, template, scene_pos)
            command = cmd.AddNodeCommand(self.document, node)
        except (SpecError, KeyError, TypeError, ValueError) as e:
            self._say(self.tr("Cannot add this node: {0}").format(e))
            return None
        self._push(command)
        self.select_nodes([node.id])
        self.view.setFocus()
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
        self.view.fit()
