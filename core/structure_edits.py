"""The structure edits of a document: nodes, connections, edges, node fields, positions, values.

Split from :mod:`core.document` to keep each module readable: this mixin
holds the fine-grained mutators the designer's undo commands call (add,
remove, connect, mask an edge, change a node, move, type a value,
re-initialise). Each returns what its undo needs (the removed node and its
parameters, the old value), and ends in :meth:`DocumentModel.structure_edited`
or one event, so views never have to guess what changed.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import numpy as np

from .parameters import Params, fresh_parameter, init_parameters, weight_key
from .spec import Connection, NetworkSpec, Node, SpecError


class StructureEdits:
    """Mutators of the structure; mixed into :class:`core.document.DocumentModel`."""

    spec: NetworkSpec
    params: Params
    _restore: Params
    _batch_depth: int
    _moved: dict[str, None]

    def structure_edited(self, restore: Params | None = None) -> None:  # pragma: no cover - see DocumentModel
        raise NotImplementedError

    def _changed(self, *events: str, node: str | None = None) -> None:  # pragma: no cover
        raise NotImplementedError

    @property
    def seed(self) -> int:  # pragma: no cover - see DocumentModel
        raise NotImplementedError

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
            self._changed("node_changed", node=node_id)
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
                self._changed("node_changed", node=nid)
        return old

    def set_param_value(self, key: str, index: tuple[int, ...], value: float) -> float:
        """Set one number (a typed weight or bias); return the old one."""
        arr = self.param(key)
        old = float(arr[index])
        arr[index] = float(value)
        self._changed("params_changed")
        return old

    def reinitialise(self, only: set[str] | None = None) -> Params:
        """Draw fresh weights for ``only`` these nodes (or all) with the seed; return the old ones."""
        old = {k: v.copy() for k, v in self.params.items()}
        if only is None:
            self.params = init_parameters(self.spec, self.seed)
        else:
            self.params = init_parameters(self.spec, self.seed, keep=self.params, only=set(only))
        self._changed("params_changed")
        return old


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
