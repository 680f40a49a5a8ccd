"""The open network: spec, parameters, data settings, file path, undo stack.

Every user edit is one ``QUndoCommand`` pushed on :attr:`Document.undo_stack`;
commands only call the document's mutators below, which change core's data
and emit signals. The canvas and the panels are views that listen to those
signals; they never change each other. The window's modified flag is
``not undo_stack.isClean()``.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from . import pyside_compat  # noqa: F401  (before any Qt call: see its docstring)
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import Params, fresh_parameter, init_parameters, weight_key
from core.spec import Connection, NetworkSpec, Node, Problem, SpecError
from core.trainer import History, TrainingSettings


class Document(QObject):
    """One network being edited.

    Signals
    -------
    structure_changed()
        Nodes or connections were added, removed or changed (units,
        activation, masks...). Views rebuild what they draw.
    node_changed(str)
        One node's properties or position changed (its id).
    params_changed()
        Weights or biases changed (training, editing a weight, re-init).
    data_changed()
        The data source or training settings changed.
    path_changed(str)
        The file the document is saved in changed.
    problems_changed(list)
        The list of :class:`core.spec.Problem` changed.
    replaced()
        Another network was loaded (New, Open, Revert): views drop what they
        showed (selection, live values) before the usual signals follow.
    """

    structure_changed = Signal()
    node_changed = Signal(str)
    params_changed = Signal()
    data_changed = Signal()
    path_changed = Signal(str)
    problems_changed = Signal(list)
    replaced = Signal()

    def __init__(self, nf: NetworkFile | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self._batch_depth = 0
        self._structure_dirty = False
        self._moved: dict[str, None] = {}
        self._restore: Params = {}
        nf = nf or NetworkFile(NetworkSpec(), {}, TrainingSettings(), DataSource(), {}, None, None)
        self._load(nf)

    # --- whole-document ---------------------------------------------------------

    def _load(self, nf: NetworkFile) -> None:
        self.spec: NetworkSpec = nf.spec
        self.training: TrainingSettings = nf.training
        self.params: Params = init_parameters(nf.spec, self.seed, keep=nf.params)
        self.data: DataSource = nf.data or DataSource()
        self.view: dict[str, Any] = dict(nf.view or {})
        self.optimizer_state = nf.optimizer_state
        self.history: History | None = nf.history
        self.description: str = nf.description
        self._problems: list[Problem] = self.spec.problems()

    @property
    def seed(self) -> int:
        """The seed of the initial weights (and of training's batch order): saved with the file."""
        return int(self.training.seed)

    def replace(self, nf: NetworkFile, path: Path | None = None) -> None:
        """Show another network (New, Open, Revert): clears undo history."""
        self.undo_stack.clear()
        self._load(nf)
        self.path = path
        self.undo_stack.setClean()
        self.path_changed.emit(str(path or ""))
        self.replaced.emit()
        self._emit_all()

    def to_file(self) -> NetworkFile:
        """What Save writes: copies, so saving never races with editing."""
        return NetworkFile(self.spec.copy(), {k: v.copy() for k, v in self.params.items()},
                           TrainingSettings.from_dict(self.training.to_dict()),
                           DataSource.from_dict(self.data.to_dict()), dict(self.view),
                           self.optimizer_state, self.history, self.description)

    def mark_saved(self, path: Path) -> None:
        self.path = Path(path)
        self.undo_stack.setClean()
        self.path_changed.emit(str(self.path))

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_unsaved(self) -> None:
        """Changes made outside the undo stack (trained weights) are unsaved work: say so.

        No undo entry is added; the stack just stops being clean (closing asks
        to save, autosave keeps them) until the next save.
        """
        if self.undo_stack.isClean():
            self.undo_stack.resetClean()

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def can_train(self) -> bool:
        return not self._problems

    # --- mutators (called by undo commands only) ---------------------------------

    def structure_edited(self, restore: Params | None = None) -> None:
        """After any structure edit: refit parameters (keeping what fits), recheck.

        ``restore`` holds arrays an undo saved (a removed connection's weights,
        the rows a shrunk layer lost); they win over the current ones, so undo
        gives back the exact weights rather than fresh ones. Inside
        :meth:`batch` the refit and the signals wait for the batch's end.
        """
        if restore:
            self._restore.update(restore)
        if self._batch_depth:
            self._structure_dirty = True
            return
        keep = dict(self.params)
        keep.update(self._restore)
        self._restore = {}
        self.params = init_parameters(self.spec, self.seed, keep=keep)
        self._problems = self.spec.problems()
        self.structure_changed.emit()
        self.problems_changed.emit(self.problems)
        self.params_changed.emit()

    def set_params(self, params: Params) -> None:
        """Replace weights (training results, re-initialise, a typed weight)."""
        self.params = {k: np.array(v, copy=True) for k, v in params.items()}
        self.params_changed.emit()

    def set_data(self, data: DataSource | None = None, training: TrainingSettings | None = None) -> None:
        if data is not None:
            self.data = data
        if training is not None:
            self.training = training
        self.data_changed.emit()

    # --- fine-grained mutators (designer.commands calls these) -------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several edits (a macro command) into one refit and one set of signals."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                moved, self._moved = list(self._moved), {}
                if self._structure_dirty:
                    self._structure_dirty = False
                    self.structure_edited()
                for nid in moved:
                    if nid in self.spec.nodes:
                        self.node_changed.emit(nid)

    def param(self, key: str) -> np.ndarray:
        """One parameter array as it stands, including an edit still pending in a batch."""
        return self._restore.get(key, self.params[key])

    def saved_params(self, keys: list[str]) -> Params:
        """Copies of the named arrays that exist, for an undo to put back."""
        out: Params = {}
        for k in keys:
            arr = self._restore.get(k, self.params.get(k))
            if arr is not None:
                out[k] = np.array(arr, copy=True)
        return out

    def node_keys(self, node_id: str) -> list[str]:
        """Names of every parameter owned by or touching a node."""
        names = dict.fromkeys([*self.params, *self._restore])     # inside a batch, pending ones too
        keys = [k for k in names if k.split(":", 1)[1] == node_id and not k.startswith("W:")]
        keys += [weight_key(c.id) for c in self.spec.connections.values() if node_id in (c.src, c.dst)]
        return keys

    def add_node(self, node: Node, restore: Params | None = None, index: int | None = None) -> Node:
        """Add a node (``restore``: its saved parameters, ``index``: its old place, when undoing a delete)."""
        self.spec.add_node(node)
        if index is not None:
            _move_key(self.spec.nodes, node.id, index)
        self.structure_edited(restore)
        return node

    def remove_node(self, node_id: str) -> tuple[Node, list[Connection], Params]:
        """Remove a node and its connections; return them with their parameters."""
        saved = self.saved_params(self.node_keys(node_id))
        node, gone = self.spec.remove_node(node_id)
        self.structure_edited()
        return node, gone, saved

    def connect(self, src: str, dst: str, conn_id: str | None = None) -> Connection:
        """Join two nodes densely (core refuses a cycle with a :class:`SpecError`)."""
        conn = self.spec.connect(src, dst, conn_id)
        self.structure_edited()
        return conn

    def add_connection(self, conn: Connection, restore: Params | None = None,
                       index: int | None = None) -> Connection:
        """Put back a whole connection (removed edges and weights included) at its old place."""
        self.spec.add_connection(conn)
        if index is not None:
            _move_key(self.spec.connections, conn.id, index)
        self.structure_edited(restore)
        return conn

    def disconnect(self, conn_id: str) -> tuple[Connection, Params]:
        """Remove a connection; return it and its weights."""
        saved = self.saved_params([weight_key(conn_id)])
        conn = self.spec.disconnect(conn_id)
        self.structure_edited()
        return conn, saved

    def set_edge(self, conn_id: str, i: int, j: int, present: bool,
                 weight: float | None = None) -> float:
        """Remove (mask) or restore the edge from unit i to unit j; return its old weight.

        A restored edge gets ``weight`` if given, else its fresh initial value
        (core's seeded initialiser), never a silent zero.
        """
        key = weight_key(conn_id)
        # Inside a batch an earlier edit of this matrix is still pending in _restore.
        W = np.array(self.param(key), copy=True)
        old = float(W[j, i])
        self.spec.set_edge(conn_id, i, j, present)
        if present:
            if weight is None:
                weight = float(fresh_parameter(self.spec, key, W.shape, self.seed)[j, i])
            W[j, i] = weight
        else:
            W[j, i] = 0.0
        self.structure_edited({key: W})
        return old

    def check_node_changes(self, node_id: str, changes: dict[str, Any]) -> None:
        """Raise a :class:`SpecError` if :meth:`update_node` would refuse ``changes``."""
        node = self.spec.nodes.get(node_id)
        if node is None:
            raise SpecError(f"there is no node {node_id!r}", node_id)
        _check_editable(replace(node, **{k: v for k, v in changes.items() if k != "_removed"}))

    def update_node(self, node_id: str, changes: dict[str, Any],
                    restore: Params | None = None) -> dict[str, Any]:
        """Change a node's fields; return the old values (what undo passes back).

        Changes that core's node check refuses raise a :class:`SpecError`
        (units out of range, an unknown activation, parameter or initialiser,
        a loss that needs another output activation); problems between nodes
        are allowed and show up in :attr:`problems`.
        Fewer units also drops the removed-edge marks that fall outside; they
        come back in the returned dict under ``"_removed"``. ``restore``: saved
        parameters an undo puts back (the rows a shrunk layer lost).
        """
        node = self.spec.nodes[node_id]
        restore_removed = changes.get("_removed")
        fields = {k: v for k, v in changes.items() if k != "_removed"}
        probe = replace(node, **fields)
        _check_editable(probe)
        old = {k: _copy_field(getattr(node, k)) for k in fields}
        structural = any(k not in ("name", "meta") for k in fields)
        if "units" in fields:
            removed_before = {c.id: list(c.removed) for c in self.spec.connections.values()
                              if node_id in (c.src, c.dst) and c.removed}
            if removed_before:
                old["_removed"] = removed_before
        for k, v in fields.items():
            setattr(node, k, _copy_field(v))
        if "units" in fields:
            for c in self.spec.connections.values():
                if node_id in (c.src, c.dst):
                    if restore_removed is not None and c.id in restore_removed:
                        c.removed = [tuple(p) for p in restore_removed[c.id]]
                    n_src, n_dst = self.spec.nodes[c.src].units, self.spec.nodes[c.dst].units
                    c.removed = [(i, j) for i, j in c.removed if i < n_src and j < n_dst]
        if structural:
            self.structure_edited(restore)
        elif self._batch_depth:
            self._moved[node_id] = None
        else:
            self.node_changed.emit(node_id)
        return old

    def move_nodes(self, positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float] | None]:
        """Set canvas positions (``node.meta["pos"]``); return the old ones."""
        old: dict[str, tuple[float, float] | None] = {}
        for nid, pos in positions.items():
            node = self.spec.nodes[nid]
            p = node.meta.get("pos")
            old[nid] = (float(p[0]), float(p[1])) if p is not None else None
            if pos is None:
                node.meta.pop("pos", None)
            else:
                node.meta["pos"] = [float(pos[0]), float(pos[1])]
            self._moved[nid] = None
        if not self._batch_depth:
            moved, self._moved = list(self._moved), {}
            for nid in moved:
                self.node_changed.emit(nid)
        return old

    def set_param_value(self, key: str, index: tuple[int, ...], value: float) -> float:
        """Set one number (a typed weight or bias); return the old one."""
        arr = self.param(key)
        old = float(arr[index])
        arr[index] = float(value)
        self.params_changed.emit()
        return old

    def reinitialise(self, only: set[str] | None = None) -> Params:
        """Draw fresh weights for ``only`` these nodes (or all) with the seed; return the old ones."""
        old = {k: v.copy() for k, v in self.params.items()}
        if only is None:
            self.params = init_parameters(self.spec, self.seed)
        else:
            self.params = init_parameters(self.spec, self.seed, keep=self.params, only=set(only))
        self.params_changed.emit()
        return old

    def _emit_all(self) -> None:
        self.structure_changed.emit()
        self.problems_changed.emit(self.problems)
        self.params_changed.emit()
        self.data_changed.emit()


def _move_key(d: dict, key: str, index: int) -> None:
    """Move ``key`` to position ``index`` of an insertion-ordered dict, in place.

    Undo puts a node or connection back where it was, so that undoing a
    delete gives back the very same spec (its order included).
    """
    items = list(d.items())
    pos = next(k for k, (name, _) in enumerate(items) if name == key)
    item = items.pop(pos)
    items.insert(min(max(index, 0), len(items)), item)
    d.clear()
    d.update(items)


def _copy_field(v: Any) -> Any:
    """Node fields that are containers are copied, so undo keeps its own."""
    return copy.deepcopy(v) if isinstance(v, dict) else v


def _check_editable(node: Node) -> None:
    """Refuse node fields that core's own node check refuses.

    The probe is core's public ``add_node`` on an empty spec, so the
    designer accepts exactly the nodes a file can hold (a loss that does
    not suit the activation, softmax on a hidden layer, too many units...);
    what is wrong *between* nodes (no path to the output, no loss) stays
    allowed and is flagged by :attr:`Document.problems`.
    """
    NetworkSpec().add_node(copy.deepcopy(node))
