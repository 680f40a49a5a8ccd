"""Undo commands: every edit a person makes in the designer is one of these.

The shape is orange-canvas-core's: a command only calls the
:class:`~designer.document.Document`'s mutators (``redo: doc.add_node``,
``undo: doc.remove_node``); the canvas and the panels follow the document's
signals, so no command ever touches a view. Deleting nodes is a parent
command with one child per removed connection and per node, so that undo
puts everything back in its old order, weights included.

A command whose edit core would refuse raises :class:`core.spec.SpecError`
in its constructor, before it is pushed: a refused gesture never leaves a
dead entry on the undo stack, and its message goes to the status bar.
"""
from __future__ import annotations

import copy
import itertools
import math
from typing import Any, Iterable

import numpy as np
from PySide6.QtGui import QUndoCommand

from core.parameters import Params, bias_key, weight_key
from core.spec import Connection, NetworkSpec, Node, SpecError
from core.trainer import TrainingSettings

from .document import Document

# Command ids for QUndoCommand.id(): commands with the same id may merge.
MOVE_ID = 1001
PROPS_ID = 1002
VALUE_ID = 1003

_drag_ids = itertools.count(1)


def new_drag_id() -> int:
    """A token for one continuous gesture (a drag): its moves merge into one entry."""
    return next(_drag_ids)


class DocumentCommand(QUndoCommand):
    """Base class: a command that edits one document.

    Every subclass's ``redo``/``undo`` is wrapped (``__init_subclass__``) so
    that the optimiser's memory comes back exactly on undo: a structure edit
    refits it (the moments of a removed layer are dropped) and new data
    clears it, and the document alone cannot know which arrays an undo
    wants back. The memory objects are never changed in place, so holding
    the one from before the first redo is enough; a later redo puts back
    the one the first redo left (or, after a merge, the last merged
    edit's), so redo gives back the very same document too. Only the
    outermost command of a macro does this.
    """

    _depth: dict[int, int] = {}

    def __init__(self, doc: Document, text: str, parent: "MacroCommand | None" = None):
        # Children are kept in a Python list, not handed to Qt as
        # QUndoCommand(text, parent): PySide6 6.12 does not give the C++
        # parent ownership of such a child, so Python later deletes it under
        # the parent's feet (a crash in redo or at garbage collection).
        super().__init__(text)
        self.doc = doc
        self._memory_before: Any = _UNSET
        self._memory_after: Any = _UNSET
        if parent is not None:
            parent.children.append(self)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("redo", "undo"):
            if name in cls.__dict__:
                setattr(cls, name, _keeping_memory(cls.__dict__[name], name == "undo"))
        if "mergeWith" in cls.__dict__:
            setattr(cls, "mergeWith", _merging_memory(cls.__dict__["mergeWith"]))


_UNSET = object()


def _keeping_memory(method: Any, is_undo: bool) -> Any:
    """Wrap a command's redo or undo so the outermost one restores the optimiser memory."""
    def wrapped(self: DocumentCommand) -> None:
        key = id(self.doc)
        depth = DocumentCommand._depth.get(key, 0)
        if depth == 0 and not is_undo and self._memory_before is _UNSET:
            self._memory_before = self.doc.optimizer
        DocumentCommand._depth[key] = depth + 1
        try:
            method(self)
        finally:
            DocumentCommand._depth[key] = depth
            if not depth:
                DocumentCommand._depth.pop(key, None)
        if depth == 0 and is_undo and self._memory_before is not _UNSET:
            self.doc.set_optimizer(self._memory_before)
        elif depth == 0 and not is_undo:
            if self._memory_after is _UNSET:
                self._memory_after = self.doc.optimizer
            else:
                self.doc.set_optimizer(self._memory_after)
    wrapped.__doc__ = method.__doc__
    wrapped.__name__ = method.__name__
    return wrapped


def _merging_memory(method: Any) -> Any:
    """Wrap ``mergeWith``: the merged entry redoes to the memory the newer edit left."""
    def wrapped(self: DocumentCommand, other: QUndoCommand) -> bool:
        merged = method(self, other)
        if merged and isinstance(other, DocumentCommand):
            self._memory_after = other._memory_after
        return merged
    wrapped.__doc__ = method.__doc__
    wrapped.__name__ = method.__name__
    return wrapped


class MacroCommand(DocumentCommand):
    """A parent command: its children redo in order and undo in reverse order.

    They run inside one :meth:`Document.batch`, so the document refits
    parameters and emits its signals once, however many nodes and
    connections the children add or remove.
    """

    def __init__(self, doc: Document, text: str, parent: "MacroCommand | None" = None):
        self.children: list[DocumentCommand] = []
        super().__init__(doc, text, parent)

    def redo(self) -> None:
        with self.doc.batch():
            for child in self.children:
                child.redo()

    def undo(self) -> None:
        with self.doc.batch():
            for child in reversed(self.children):
                child.undo()


# --- nodes --------------------------------------------------------------------

class AddNodeCommand(DocumentCommand):
    """Add one node (from the palette, or as part of a paste)."""

    def __init__(self, doc: Document, node: Node, parent: MacroCommand | None = None,
                 restore: Params | None = None):
        if node.id in doc.spec.nodes or node.id in doc.spec.connections:
            raise SpecError(f"there is already a node with id {node.id!r}", node.id)
        NetworkSpec().add_node(copy.deepcopy(node))       # core's node check, before pushing
        super().__init__(doc, f"Add {node.label}", parent)
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
        super().__init__(doc, f"Remove {doc.spec.nodes[node_id].label}", parent)
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
        super().__init__(doc, f"Connect {a.label} → {b.label}", parent)
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
        super().__init__(doc, "Add connection", parent)
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
        super().__init__(doc, f"Disconnect {a.label} → {b.label}", parent)
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
        what = "Restore" if present else "Remove"
        super().__init__(doc, f"{what} edge {a.label}[{i + 1}] → {b.label}[{j + 1}]", parent)
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


def _finite(value: float, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise SpecError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(v):
        raise SpecError(f"{what} must be a finite number")
    return v


class _ValueCommand(DocumentCommand):
    """Set one number; consecutive edits of the same number (spin-box arrows) merge."""

    key: str
    index: tuple[int, ...]
    value: float
    _old: float

    def redo(self) -> None:
        self._old = self.doc.set_param_value(self.key, self.index, self.value)

    def undo(self) -> None:
        self.doc.set_param_value(self.key, self.index, self._old)

    def id(self) -> int:
        return VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _ValueCommand) or (other.key, other.index) != (self.key, self.index):
            return False
        self.value = other.value
        self.setText(other.text())
        if self.value == self._old:
            self.setObsolete(True)
        return True


class SetWeightCommand(_ValueCommand):
    """Type the weight of one present edge."""

    def __init__(self, doc: Document, conn_id: str, i: int, j: int, value: float,
                 parent: MacroCommand | None = None):
        c = doc.spec.connections.get(conn_id)
        if c is None:
            raise SpecError(f"there is no connection {conn_id!r}", conn_id)
        if (i, j) in set(map(tuple, c.removed)):
            raise SpecError("this edge is removed: restore it before giving it a weight", conn_id)
        a, b = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
        if not (0 <= i < a.units and 0 <= j < b.units):
            raise SpecError(f"there is no edge ({i}, {j}) between {a.label} and {b.label}", conn_id)
        self.value = _finite(value, "a weight")
        super().__init__(doc, f"Set weight {a.label}[{i + 1}] → {b.label}[{j + 1}] = {self.value:g}",
                         parent)
        self.key, self.index = weight_key(conn_id), (j, i)
        self._old = 0.0


class SetBiasCommand(_ValueCommand):
    """Type the bias of one unit."""

    def __init__(self, doc: Document, node_id: str, j: int, value: float,
                 parent: MacroCommand | None = None):
        node = doc.spec.nodes.get(node_id)
        if node is None:
            raise SpecError(f"there is no node {node_id!r}", node_id)
        key = bias_key(node_id)
        if key not in doc.params:
            raise SpecError(f"{node.label} has no bias: switch its bias on first", node_id)
        if not 0 <= j < node.units:
            raise SpecError(f"{node.label} has no unit {j + 1}", node_id)
        self.value = _finite(value, "a bias")
        super().__init__(doc, f"Set bias {node.label}[{j + 1}] = {self.value:g}", parent)
        self.key, self.index = key, (j,)
        self._old = 0.0


# --- node properties ------------------------------------------------------------

_MERGEABLE = frozenset({"units", "activation_params", "init_scale"})
_NAMES = {"name": "name", "units": "units", "activation": "activation",
          "activation_params": "activation parameter", "bias": "bias", "init": "initialiser",
          "init_scale": "initial scale", "loss": "loss", "kind": "kind", "meta": "properties"}


class SetNodePropsCommand(DocumentCommand):
    """Change a node's fields (name, units, activation, params, bias, init, loss).

    Changing the units keeps every weight that still fits (core's rule) and
    undo gives back the exact rows and columns that were dropped. Continuous
    numeric edits of the same fields of the same node (a spin box held down)
    merge into one entry.
    """

    def __init__(self, doc: Document, node_id: str, changes: dict[str, Any],
                 parent: MacroCommand | None = None):
        doc.check_node_changes(node_id, changes)
        node = doc.spec.nodes[node_id]
        what = ", ".join(_NAMES.get(k, k) for k in changes)
        super().__init__(doc, f"Change {what} of {node.label}", parent)
        self.node_id = node_id
        self.changes = copy.deepcopy(changes)
        self._old: dict[str, Any] = {}
        self._saved: Params | None = None
        self._after: Params | None = None

    def redo(self) -> None:
        """Change the node; a redo after an undo puts back the very arrays the first redo made.

        Without ``_after`` a merged 3 → 1 → 2 units edit redid as 3 → 2 and
        kept the old second row, where the edit had made a fresh one.
        """
        if self._saved is None:
            self._saved = self.doc.saved_params(self.doc.node_keys(self.node_id))
        self._old = self.doc.update_node(self.node_id, copy.deepcopy(self.changes), restore=self._after)
        if self._after is None:
            self._after = self.doc.saved_params(self.doc.node_keys(self.node_id))

    def undo(self) -> None:
        self.doc.update_node(self.node_id, copy.deepcopy(self._old), restore=self._saved)

    def id(self) -> int:
        return PROPS_ID if set(self.changes) <= _MERGEABLE else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodePropsCommand) or other.node_id != self.node_id:
            return False
        if set(other.changes) != set(self.changes):
            return False
        self.changes = copy.deepcopy(other.changes)
        self._after = other._after  # what the last edit left; _old and _saved stay the first's
        return True


# --- positions --------------------------------------------------------------------

Position = tuple[float, float]


class MoveNodesCommand(DocumentCommand):
    """Move nodes to new canvas positions (stored in ``node.meta["pos"]``).

    A drag pushes one of these per mouse move with the same ``drag_id``; they
    merge into one undo entry, and a drag that ends where it began leaves none.
    """

    def __init__(self, doc: Document, positions: dict[str, Position], drag_id: int | None = None,
                 text: str | None = None, parent: MacroCommand | None = None):
        unknown = [n for n in positions if n not in doc.spec.nodes]
        if unknown:
            raise SpecError(f"there is no node {unknown[0]!r}", unknown[0])
        if text is None:
            text = (f"Move {doc.spec.nodes[next(iter(positions))].label}" if len(positions) == 1
                    else f"Move {len(positions)} nodes")
        super().__init__(doc, text, parent)
        self.new = {k: (float(v[0]), float(v[1])) for k, v in positions.items()}
        self.old = {k: _pos(doc.spec.nodes[k]) for k in positions}
        self.drag_id = drag_id

    def redo(self) -> None:
        self.doc.move_nodes(self.new)

    def undo(self) -> None:
        self.doc.move_nodes(self.old)

    def id(self) -> int:
        return MOVE_ID if self.drag_id is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, MoveNodesCommand) or other.drag_id != self.drag_id
                or set(other.new) != set(self.new)):
            return False
        self.new = dict(other.new)
        if all(self.old.get(k) is not None and _close(self.old[k], v) for k, v in self.new.items()):
            self.setObsolete(True)
        return True


def _pos(node: Node) -> Position | None:
    p = node.meta.get("pos")
    return (float(p[0]), float(p[1])) if p is not None else None


def _close(a: Position, b: Position) -> bool:
    return abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) < 1e-9


# --- weights as a whole -------------------------------------------------------------

class ReinitialiseCommand(DocumentCommand):
    """Draw fresh initial weights (core's seeded initialisers) for some nodes or all."""

    def __init__(self, doc: Document, node_ids: Iterable[str] | None = None,
                 parent: MacroCommand | None = None):
        self.only = None if node_ids is None else set(node_ids)
        if self.only is not None:
            missing = [n for n in self.only if n not in doc.spec.nodes]
            if missing:
                raise SpecError(f"there is no node {missing[0]!r}", missing[0])
        if self.only is None:
            text = "Re-initialise all weights"
        elif len(self.only) == 1:
            text = f"Re-initialise {doc.spec.nodes[next(iter(self.only))].label}"
        else:
            text = f"Re-initialise {len(self.only)} nodes"
        super().__init__(doc, text, parent)
        self._old: Params = {}

    def redo(self) -> None:
        self._old = self.doc.reinitialise(self.only)

    def undo(self) -> None:
        self.doc.set_params(self._old)


class NewWeightsCommand(DocumentCommand):
    """Draw every weight with the next seed: other initial weights, undoably.

    Re-initialising with the same seed gives the same weights back (which a
    lesson can rely on); a new seed shows that another start trains to
    another result. The seed is a training setting, saved with the file, so
    the new weights can be drawn again on any machine.
    """

    def __init__(self, doc: Document, seed: int | None = None, parent: MacroCommand | None = None):
        self.new_seed = doc.seed + 1 if seed is None else int(seed)
        super().__init__(doc, f"New random weights (seed {self.new_seed})", parent)
        self._old_params: Params = {}
        self._old_training = TrainingSettings.from_dict(doc.training.to_dict())

    def redo(self) -> None:
        training = TrainingSettings.from_dict(self._old_training.to_dict())
        training.seed = self.new_seed
        self.doc.set_data(training=training)
        self._old_params = self.doc.reinitialise()

    def undo(self) -> None:
        self.doc.set_data(training=TrainingSettings.from_dict(self._old_training.to_dict()))
        self.doc.set_params(self._old_params)


# --- macros ------------------------------------------------------------------------------

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
        parts.append(spec.nodes[nodes[0]].label if len(nodes) == 1 else f"{len(nodes)} nodes")
    explicit = [c for c in conns if not (spec.connections[c].src in nodes or spec.connections[c].dst in nodes)]
    if explicit:
        parts.append("a connection" if len(explicit) == 1 else f"{len(explicit)} connections")
    if edge_list:
        parts.append("an edge" if len(edge_list) == 1 else f"{len(edge_list)} edges")
    macro = MacroCommand(doc, "Delete " + " and ".join(parts))
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
    macro = MacroCommand(doc, f"Restore {len(c.removed)} edges {a.label} → {b.label}")
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


def auto_layout_command(doc: Document, positions: dict[str, Position]) -> MoveNodesCommand:
    """Move every node to the column-by-depth place the canvas computed."""
    return MoveNodesCommand(doc, positions, text="Auto-layout")
