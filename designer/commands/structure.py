"""Commands that change the network's structure: add and remove nodes, connect, remove single edges,
delete a selection, paste.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable

import numpy as np
from core.parameters import Params, weight_key
from core.spec import Connection, NetworkSpec, Node, SpecError
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..document import Document
from .base import DocumentCommand, MacroCommand


class AddNodeCommand(DocumentCommand):
    """Add one node (from the palette, or as part of a paste)."""

    def __init__(self, doc: Document, node: Node, parent: MacroCommand | None = None,
                 restore: Params | None = None):
        if node.id in doc.spec.nodes or node.id in doc.spec.connections:
            raise SpecError(f"there is already a node with id {node.id!r}", node.id)
        NetworkSpec().add_node(copy.deepcopy(node))       # core's node check, before pushing
        super().__init__(doc, QCoreApplication.translate("Commands", "Add {0}").format(node.label), parent)
        self.node = copy.deepcopy(node)
        self._saved: Params | None = restore

    def redo(self) -> None:
        self.doc.add_node(copy.deepcopy(self.node), restore=self._saved)

    def undo(self) -> None:
        # Keep what the node holds now (trained or typed values) for redo.
        _, _, self._saved = self.doc.remove_node(self.node.id)


class RemoveNodeCommand(DocumentCommand):
    """Remove one node; use :func:`delete_command` so its connections go first."""

    def __init__(self, doc: Document, node_id: str, parent: MacroCommand | None = None):
        text = QCoreApplication.translate("Commands", "Remove {0}").format(doc.spec.nodes[node_id].label)
        super().__init__(doc, text, parent)
        self.node_id = node_id
        self._node: Node | None = None
        self._gone: list[tuple[int, Connection]] = []
        self._saved: Params = {}
        self._index = 0

    def redo(self) -> None:
        spec = self.doc.spec
        self._index = list(spec.nodes).index(self.node_id)
        conn_index = {cid: k for k, cid in enumerate(spec.connections)}
        self._node, gone, self._saved = self.doc.remove_node(self.node_id)
        self._gone = [(conn_index[c.id], c) for c in gone]

    def undo(self) -> None:
        self.doc.add_node(self._node, restore=self._saved, index=self._index)
        for index, conn in self._gone:
            self.doc.add_connection(conn, restore=self._saved, index=index)


class ConnectCommand(DocumentCommand):
    """Join two nodes densely. The constructor raises core's reason if refused."""

    def __init__(self, doc: Document, src: str, dst: str, conn_id: str | None = None,
                 parent: MacroCommand | None = None):
        doc.spec.check_connect(src, dst)
        a, b = doc.spec.nodes[src], doc.spec.nodes[dst]
        text = QCoreApplication.translate("Commands", "Connect {0} → {1}").format(a.label, b.label)
        super().__init__(doc, text, parent)
        self.src, self.dst = src, dst
        self.conn_id = conn_id or doc.spec.new_id("c")
        self._conn: Connection | None = None
        self._saved: Params = {}

    def redo(self) -> None:
        if self._conn is None:
            self.doc.model.connect(self.src, self.dst, self.conn_id)
        else:
            self.doc.add_connection(copy.deepcopy(self._conn), restore=self._saved)

    def undo(self) -> None:
        self._conn, self._saved = self.doc.model.disconnect(self.conn_id)


class AddConnectionCommand(DocumentCommand):
    """Add a whole connection (removed edges included) with given weights, e.g. on paste."""

    def __init__(self, doc: Document, conn: Connection, restore: Params | None = None,
                 parent: MacroCommand | None = None):
        super().__init__(doc, QCoreApplication.translate("Commands", "Add connection"), parent)
        self.conn = copy.deepcopy(conn)
        self._saved = restore or {}

    def redo(self) -> None:
        self.doc.add_connection(copy.deepcopy(self.conn), restore=self._saved)

    def undo(self) -> None:
        _, self._saved = self.doc.model.disconnect(self.conn.id)


class DisconnectCommand(DocumentCommand):
    """Remove a connection; undo puts it back at its place with its weights."""

    def __init__(self, doc: Document, conn_id: str, parent: MacroCommand | None = None):
        c = doc.spec.connections[conn_id]
        a, b = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
        text = QCoreApplication.translate("Commands", "Disconnect {0} → {1}").format(a.label, b.label)
        super().__init__(doc, text, parent)
        self.conn_id = conn_id
        self._conn: Connection | None = None
        self._saved: Params = {}
        self._index = 0

    def redo(self) -> None:
        self._index = list(self.doc.spec.connections).index(self.conn_id)
        self._conn, self._saved = self.doc.model.disconnect(self.conn_id)

    def undo(self) -> None:
        self.doc.add_connection(copy.deepcopy(self._conn), restore=self._saved, index=self._index)


# --- single edges, weights and biases -------------------------------------------

class SetEdgeCommand(DocumentCommand):
    """Remove (mask) or restore the single edge from unit i of src to unit j of dst."""

    def __init__(self, doc: Document, conn_id: str, i: int, j: int, present: bool,
                 parent: MacroCommand | None = None):
        c = doc.spec.connections.get(conn_id)
        if c is None:
            raise SpecError(f"there is no connection {conn_id!r}", conn_id)
        a, b = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
        if not (0 <= i < a.units and 0 <= j < b.units):
            raise SpecError(f"there is no edge ({i}, {j}) between {a.label} and {b.label}", conn_id)
        is_present = (i, j) not in set(map(tuple, c.removed))
        if is_present == present:
            raise SpecError("this edge is already " + ("there" if present else "removed"), conn_id)
        text = (QCoreApplication.translate("Commands", "Restore edge {0}[{1}] → {2}[{3}]") if present
                else QCoreApplication.translate("Commands", "Remove edge {0}[{1}] → {2}[{3}]"))
        super().__init__(doc, text.format(a.label, i + 1, b.label, j + 1), parent)
        self.conn_id, self.i, self.j, self.present = conn_id, i, j, present
        self._old_weight = 0.0
        self._new_weight: float | None = None

    def redo(self) -> None:
        self._old_weight = self.doc.set_edge(self.conn_id, self.i, self.j, self.present,
                                             weight=self._new_weight)
        if self.present:
            self._new_weight = float(self.doc.param(weight_key(self.conn_id))[self.j, self.i])

    def undo(self) -> None:
        self.doc.set_edge(self.conn_id, self.i, self.j, not self.present, weight=self._old_weight)


def delete_command(doc: Document, node_ids: Iterable[str] = (), conn_ids: Iterable[str] = (),
                   edges: Iterable[tuple[str, int, int]] = ()) -> QUndoCommand | None:
    """One undo entry that deletes nodes, connections and single edges.

    Children, in order: each single edge to mask (unless its connection goes
    too), each connection touching a deleted node or chosen itself, then each
    node. Undo runs them backwards, so everything returns to its place.
    Returns None when there is nothing to delete.
    """
    spec = doc.spec
    nodes = [n for n in dict.fromkeys(node_ids) if n in spec.nodes]
    conns = [c for c in dict.fromkeys(conn_ids) if c in spec.connections]
    for c in spec.connections.values():
        if (c.src in nodes or c.dst in nodes) and c.id not in conns:
            conns.append(c.id)
    edge_list = []
    for cid, i, j in dict.fromkeys(edges):
        c = spec.connections.get(cid)
        if c is None or cid in conns or (i, j) in set(map(tuple, c.removed)):
            continue
        edge_list.append((cid, i, j))
    if not (nodes or conns or edge_list):
        return None
    parts = []
    if nodes:
        parts.append(spec.nodes[nodes[0]].label if len(nodes) == 1
                     else QCoreApplication.translate("Commands", "{0} nodes").format(len(nodes)))
    explicit = [c for c in conns if not (spec.connections[c].src in nodes or spec.connections[c].dst in nodes)]
    if explicit:
        parts.append(QCoreApplication.translate("Commands", "a connection") if len(explicit) == 1
                     else QCoreApplication.translate("Commands", "{0} connections").format(len(explicit)))
    if edge_list:
        parts.append(QCoreApplication.translate("Commands", "an edge") if len(edge_list) == 1
                     else QCoreApplication.translate("Commands", "{0} edges").format(len(edge_list)))
    text = QCoreApplication.translate("Commands", "Delete {0}").format(
        QCoreApplication.translate("Commands", " and ").join(parts))
    macro = MacroCommand(doc, text)
    for cid, i, j in edge_list:
        SetEdgeCommand(doc, cid, i, j, False, parent=macro)
    for cid in conns:
        DisconnectCommand(doc, cid, parent=macro)
    for nid in nodes:
        RemoveNodeCommand(doc, nid, parent=macro)
    return macro


def restore_edges_command(doc: Document, conn_id: str) -> QUndoCommand | None:
    """One entry restoring every removed edge of a connection (None if there is none)."""
    c = doc.spec.connections[conn_id]
    if not c.removed:
        return None
    a, b = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
    text = QCoreApplication.translate("Commands", "Restore {0} edges {1} → {2}").format(
        len(c.removed), a.label, b.label)
    macro = MacroCommand(doc, text)
    for i, j in list(c.removed):
        SetEdgeCommand(doc, conn_id, i, j, True, parent=macro)
    return macro


def paste_command(doc: Document, nodes: list[Node], conns: list[Connection],
                  params: Params | None = None, text: str = "Paste") -> QUndoCommand:
    """One entry adding nodes and the connections among them, with their weights.

    The ids must already be free in ``doc`` (see :mod:`designer.canvas.clipboard`).
    """
    params = params or {}
    macro = MacroCommand(doc, text)
    for node in nodes:
        keep = {k: np.array(v) for k, v in params.items() if k.split(":", 1)[1] == node.id}
        AddNodeCommand(doc, node, parent=macro, restore=keep)
    for conn in conns:
        key = weight_key(conn.id)
        keep = {key: np.array(params[key])} if key in params else {}
        AddConnectionCommand(doc, conn, restore=keep, parent=macro)
    return macro
