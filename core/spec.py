"""The network as pure data: groups of units joined by connections.

A :class:`NetworkSpec` is what a person builds on the canvas and what a file
stores. Nodes are *groups of units* (an input group with one unit per
feature, a single neuron, a layer of n units, an output group that carries
the loss); connections join two groups, dense unless single edges are
removed. Any directed acyclic graph is allowed, skip connections included.

Nothing here knows about weight arrays: parameters live in
:mod:`core.parameters`, keyed by the ids used here, so that editing the
structure keeps every weight that still fits.

Validation comes in two forms, as in orange-canvas-core: ``check_connect``
raises a typed error for a gesture, ``can_connect`` answers yes or no for
hover feedback, and :meth:`NetworkSpec.problems` lists everything that keeps
a network from training (the canvas marks those nodes continuously).
"""
from __future__ import annotations

import copy
import itertools
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .activations import ALIASES, get_activation

NODE_KINDS = ("input", "neuron", "layer", "output")
LOSSES = {
    "mse": "Squared error ½‖ŷ − y‖²",
    "ce": "Softmax + cross-entropy −yᵀ log ŷ",
    "bce": "Sigmoid + binary cross-entropy",
}
LOSS_ACTIVATION = {"ce": "softmax", "bce": "logistic"}
INITIALISERS = (
    "xavier_uniform", "xavier_normal", "he_normal", "he_uniform",
    "lecun_normal", "lecun_uniform", "uniform", "zeros",
)
MAX_UNITS = 100_000
_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


class SpecError(ValueError):
    """A network that cannot be built as asked; ``where`` names the node or connection."""

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.where = where


class CycleError(SpecError):
    """A connection would close a loop; ``cycle`` lists the node ids on it."""

    def __init__(self, cycle: list[str], names: list[str]):
        loop = " → ".join(names + names[:1])
        super().__init__(f"this connection would make a cycle: {loop}", where=cycle[0])
        self.cycle = cycle


@dataclass(frozen=True)
class Problem:
    """One reason a network cannot train, attached to a node or connection."""

    where: str | None
    message: str


@dataclass
class Node:
    """A group of units with one activation, one bias switch and one initialiser.

    ``meta`` is free-form, JSON-compatible data that the engine ignores (the
    canvas keeps the node's position there as ``meta["pos"] = [x, y]``).
    """

    id: str
    kind: str = "layer"
    units: int = 1
    activation: str = "identity"
    activation_params: dict[str, float] = field(default_factory=dict)
    bias: bool = True
    init: str = "xavier_uniform"
    init_scale: float = 1.0
    name: str = ""
    loss: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """What a person calls this node: its name, else its id."""
        return self.name or self.id

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "units": self.units,
            "activation": self.activation, "bias": self.bias,
            "init": self.init, "init_scale": self.init_scale, "name": self.name,
        }
        if self.activation_params:
            d["activation_params"] = dict(self.activation_params)
        if self.loss is not None:
            d["loss"] = self.loss
        if self.meta:
            d["meta"] = copy.deepcopy(self.meta)
        return d


@dataclass
class Connection:
    """A dense connection from every unit of ``src`` to every unit of ``dst``.

    ``removed`` lists the single edges taken out, as ``(i, j)`` pairs: from
    unit i of ``src`` to unit j of ``dst`` (the weight ``W[j, i]``).
    """

    id: str
    src: str
    dst: str
    removed: list[tuple[int, int]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "src": self.src, "dst": self.dst}
        if self.removed:
            d["removed"] = [list(p) for p in sorted(set(self.removed))]
        if self.meta:
            d["meta"] = copy.deepcopy(self.meta)
        return d


class NetworkSpec:
    """Nodes and connections of one feedforward network, in insertion order."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.connections: dict[str, Connection] = {}

    # --- building -------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        """An id not used yet by any node or connection, like ``layer3``."""
        for k in itertools.count(1):
            cand = f"{prefix}{k}"
            if cand not in self.nodes and cand not in self.connections:
                return cand
        raise AssertionError("unreachable")

    def add_node(self, node: Node) -> Node:
        """Add ``node``; its fields are checked so a bad node never gets in."""
        if node.id in self.nodes or node.id in self.connections:
            raise SpecError(f"there is already a node or connection with id {node.id!r}", node.id)
        _check_node(node)
        self.nodes[node.id] = node
        return node

    def remove_node(self, node_id: str) -> tuple[Node, list[Connection]]:
        """Remove a node and every connection touching it; return them for undo."""
        node = self._node(node_id)
        gone = [c for c in self.connections.values() if node_id in (c.src, c.dst)]
        for c in gone:
            del self.connections[c.id]
        del self.nodes[node_id]
        return node, gone

    def check_connect(self, src: str, dst: str) -> None:
        """Raise a :class:`SpecError` saying why ``src → dst`` is not allowed."""
        a, b = self._node(src), self._node(dst)
        if src == dst:
            raise SpecError(f"{a.label} cannot connect to itself", src)
        if b.kind == "input":
            raise SpecError(f"{b.label} is an input: nothing can feed into it", dst)
        if a.kind == "output":
            raise SpecError(f"{a.label} is the output: the network ends there", src)
        if any(c.src == src and c.dst == dst for c in self.connections.values()):
            raise SpecError(f"{a.label} is already connected to {b.label}", dst)
        path = self._path(dst, src)
        if path is not None:
            raise CycleError(path, [self.nodes[n].label for n in path])

    def can_connect(self, src: str, dst: str) -> bool:
        """Whether ``src → dst`` would be accepted (for hover feedback)."""
        try:
            self.check_connect(src, dst)
        except (SpecError, KeyError):
            return False
        return True

    def connect(self, src: str, dst: str, conn_id: str | None = None) -> Connection:
        """Join two nodes densely; refused with a clear reason if invalid."""
        self.check_connect(src, dst)
        cid = conn_id or self.new_id("c")
        if cid in self.connections or cid in self.nodes:
            raise SpecError(f"there is already a connection with id {cid!r}", cid)
        conn = Connection(cid, src, dst)
        self.connections[cid] = conn
        return conn

    def add_connection(self, conn: Connection) -> Connection:
        """Add a whole connection (with removed edges), e.g. when undoing a delete."""
        self.check_connect(conn.src, conn.dst)
        if conn.id in self.connections or conn.id in self.nodes:
            raise SpecError(f"there is already a connection with id {conn.id!r}", conn.id)
        self._check_removed(conn)
        self.connections[conn.id] = conn
        return conn

    def disconnect(self, conn_id: str) -> Connection:
        """Remove a connection and return it."""
        if conn_id not in self.connections:
            raise SpecError(f"there is no connection {conn_id!r}", conn_id)
        return self.connections.pop(conn_id)

    def set_edge(self, conn_id: str, i: int, j: int, present: bool) -> None:
        """Remove (mask) or restore the single edge from unit i to unit j."""
        conn = self.connections[conn_id]
        pairs = set(map(tuple, conn.removed))
        pairs.discard((i, j))
        if not present:
            pairs.add((i, j))
        old = conn.removed
        conn.removed = sorted(pairs)
        try:
            self._check_removed(conn)
        except SpecError:
            conn.removed = old
            raise

    # --- questions ------------------------------------------------------------

    def incoming(self, node_id: str) -> list[Connection]:
        return [c for c in self.connections.values() if c.dst == node_id]

    def outgoing(self, node_id: str) -> list[Connection]:
        return [c for c in self.connections.values() if c.src == node_id]

    def nodes_of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == kind]

    @property
    def input_node(self) -> Node:
        nodes = self.nodes_of_kind("input")
        if len(nodes) != 1:
            raise SpecError("the network needs exactly one input node" if not nodes
                            else "the network has more than one input node")
        return nodes[0]

    @property
    def output_node(self) -> Node:
        nodes = self.nodes_of_kind("output")
        if len(nodes) != 1:
            raise SpecError("the network needs an output node" if not nodes
                            else "the network has more than one output node")
        return nodes[0]

    def topological_order(self) -> list[str]:
        """Node ids so that every connection goes forward (Kahn's algorithm)."""
        indeg = {n: 0 for n in self.nodes}
        for c in self.connections.values():
            indeg[c.dst] += 1
        succ = self._successors()
        ready = deque(n for n in self.nodes if indeg[n] == 0)
        order: list[str] = []
        while ready:
            n = ready.popleft()
            order.append(n)
            for d in succ[n]:
                indeg[d] -= 1
                if indeg[d] == 0:
                    ready.append(d)
        if len(order) != len(self.nodes):
            stuck = next(n for n in self.nodes if n not in order)
            cycle = self._find_cycle(stuck)
            raise CycleError(cycle, [self.nodes[n].label for n in cycle])
        return order

    def depths(self) -> dict[str, int]:
        """Longest path from a source to each node: the column for auto-layout."""
        depth: dict[str, int] = {}
        for n in self.topological_order():
            depth[n] = max((depth[c.src] + 1 for c in self.incoming(n)), default=0)
        return depth

    def problems(self) -> list[Problem]:
        """Everything that keeps this network from training, node by node."""
        out: list[Problem] = []
        inputs, outputs = self.nodes_of_kind("input"), self.nodes_of_kind("output")
        if not inputs:
            out.append(Problem(None, "add an input node"))
        if len(inputs) > 1:
            out += [Problem(n.id, "only one input node is allowed") for n in inputs[1:]]
        if not outputs:
            out.append(Problem(None, "add an output node"))
        if len(outputs) > 1:
            out += [Problem(n.id, "only one output node is allowed") for n in outputs[1:]]
        for node in self.nodes.values():
            try:
                _check_node(node)
            except SpecError as e:
                out.append(Problem(node.id, str(e)))
        for conn in self.connections.values():
            try:
                self._check_removed(conn)
            except SpecError as e:
                out.append(Problem(conn.id, str(e)))
        try:
            self.topological_order()
        except CycleError as e:
            out.append(Problem(e.where, str(e)))
            return out
        reach_out = self._reaching({n.id for n in outputs}, backwards=True)
        reach_in = self._reaching({n.id for n in inputs}, backwards=False)
        for node in self.nodes.values():
            if node.kind != "input" and not self.incoming(node.id):
                out.append(Problem(node.id, f"{node.label} has no incoming connection"))
            elif node.kind != "input" and node.id not in reach_in and inputs:
                out.append(Problem(node.id, f"{node.label} is not reached from the input"))
            if node.kind != "output" and outputs and node.id not in reach_out:
                out.append(Problem(node.id, f"{node.label} does not reach the output"))
        for node in outputs:
            if not node.loss:
                out.append(Problem(node.id, f"the output {node.label} has no loss"))
        return out

    def validate(self) -> None:
        """Raise a :class:`SpecError` with every problem, or return quietly."""
        probs = self.problems()
        if probs:
            names = {p.where: self.nodes[p.where].label for p in probs if p.where in self.nodes}
            lines = [f"{names.get(p.where, p.where)}: {p.message}" if p.where and p.where in names
                     else p.message for p in probs]
            raise SpecError("; ".join(dict.fromkeys(lines)), probs[0].where)

    # --- plain data -----------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [n.to_dict() for n in self.nodes.values()],
            "connections": [c.to_dict() for c in self.connections.values()],
        }

    @classmethod
    def from_dict(cls, data: Any) -> "NetworkSpec":
        """Build a spec from plain data, with a :class:`SpecError` naming what is wrong."""
        if not isinstance(data, dict):
            raise SpecError("the network must be an object with 'nodes' and 'connections'")
        spec = cls()
        nodes = _field(data, "nodes", list, "network")
        conns = _field(data, "connections", list, "network", default=[])
        for k, raw in enumerate(nodes):
            spec.add_node(_node_from_dict(raw, f"nodes[{k}]"))
        for k, raw in enumerate(conns):
            where = f"connections[{k}]"
            if not isinstance(raw, dict):
                raise SpecError(f"{where} must be an object")
            cid = _field(raw, "id", str, where)
            src, dst = _field(raw, "src", str, where), _field(raw, "dst", str, where)
            for end in (src, dst):
                if end not in spec.nodes:
                    raise SpecError(f"{where} ({cid}) refers to a node {end!r} that does not exist", cid)
            removed = _field(raw, "removed", list, where, default=[])
            pairs = []
            for p in removed:
                if (not isinstance(p, (list, tuple)) or len(p) != 2
                        or not all(isinstance(v, int) and not isinstance(v, bool) for v in p)):
                    raise SpecError(f"{where}.removed must hold [i, j] pairs of unit numbers", cid)
                pairs.append((p[0], p[1]))
            meta = _field(raw, "meta", dict, where, default={})
            spec.add_connection(Connection(cid, src, dst, pairs, dict(meta)))
        return spec

    def copy(self) -> "NetworkSpec":
        return NetworkSpec.from_dict(self.to_dict())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NetworkSpec) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        parts = ", ".join(f"{n.id}:{n.kind}[{n.units}]" for n in self.nodes.values())
        return f"NetworkSpec({parts}; {len(self.connections)} connections)"

    # --- helpers --------------------------------------------------------------

    def _node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise SpecError(f"there is no node {node_id!r}", node_id) from None

    def _check_removed(self, conn: Connection) -> None:
        a, b = self.nodes[conn.src], self.nodes[conn.dst]
        for i, j in conn.removed:
            if not (0 <= i < a.units and 0 <= j < b.units):
                raise SpecError(
                    f"connection {a.label} → {b.label}: removed edge ({i}, {j}) is outside "
                    f"the {a.units} × {b.units} units it joins (mask of the wrong shape)", conn.id)

    def _path(self, start: str, goal: str) -> list[str] | None:
        """A path of node ids from start to goal along connections, or None."""
        succ = self._successors()
        parent: dict[str, str | None] = {start: None}
        stack = [start]
        while stack:
            n = stack.pop()
            if n == goal:
                path = [n]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])  # type: ignore[arg-type]
                return path[::-1]
            for d in succ.get(n, ()):
                if d not in parent:
                    parent[d] = n
                    stack.append(d)
        return None

    def _successors(self, backwards: bool = False) -> dict[str, list[str]]:
        """Adjacency lists, built once per question: keeps checks linear in size."""
        adj: dict[str, list[str]] = {n: [] for n in self.nodes}
        for c in self.connections.values():
            a, b = (c.dst, c.src) if backwards else (c.src, c.dst)
            if a in adj:
                adj[a].append(b)
        return adj

    def _find_cycle(self, start: str) -> list[str]:
        for c in self.connections.values():
            path = self._path(c.dst, c.src)
            if path is not None and start in path:
                return path
        for c in self.connections.values():
            path = self._path(c.dst, c.src)
            if path is not None:
                return path
        return [start]

    def _reaching(self, seeds: set[str], backwards: bool) -> set[str]:
        adj = self._successors(backwards)
        seen, todo = set(seeds), list(seeds)
        while todo:
            for b in adj.get(todo.pop(), ()):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen

    def edges(self) -> Iterator[tuple[Connection, int, int]]:
        """Every present single edge as (connection, i, j)."""
        for c in self.connections.values():
            gone = set(map(tuple, c.removed))
            for j in range(self.nodes[c.dst].units):
                for i in range(self.nodes[c.src].units):
                    if (i, j) not in gone:
                        yield c, i, j


def _check_node(node: Node) -> None:
    """Raise a SpecError if a node's own fields are wrong."""
    where = node.label
    if not isinstance(node.id, str) or not _ID_RE.match(node.id):
        raise SpecError(f"node id {node.id!r} must be 1-64 letters, digits, '_', '-' or '.'", str(node.id))
    if node.kind not in NODE_KINDS:
        raise SpecError(f"{where}: unknown kind {node.kind!r} (one of {', '.join(NODE_KINDS)})", node.id)
    if not isinstance(node.units, int) or isinstance(node.units, bool) or node.units < 1:
        raise SpecError(f"{where}: units must be a whole number of at least 1, not {node.units!r}", node.id)
    if node.units > MAX_UNITS:
        raise SpecError(f"{where}: {node.units} units is more than the {MAX_UNITS} allowed", node.id)
    if node.kind == "neuron" and node.units != 1:
        raise SpecError(f"{where}: a single neuron has exactly one unit", node.id)
    try:
        act = get_activation(node.activation)
        act.hyper(node.activation_params)
    except ValueError as e:
        raise SpecError(f"{where}: {e}", node.id) from None
    if node.init not in INITIALISERS:
        raise SpecError(f"{where}: unknown initialiser {node.init!r} (one of {', '.join(INITIALISERS)})", node.id)
    if node.kind == "output":
        if node.loss is not None and node.loss not in LOSSES:
            raise SpecError(f"{where}: unknown loss {node.loss!r} (one of {', '.join(LOSSES)})", node.id)
        need = LOSS_ACTIVATION.get(node.loss or "")
        if need and ALIASES.get(node.activation, node.activation) != need:
            raise SpecError(f"{where}: the {node.loss} loss needs a {need} output, not {node.activation}", node.id)
        if node.loss == "ce" and node.units < 2:
            raise SpecError(f"{where}: softmax + cross-entropy needs at least 2 output units", node.id)
    elif node.loss is not None:
        raise SpecError(f"{where}: only the output node carries a loss", node.id)
    if act.name == "softmax" and node.kind != "output":
        raise SpecError(f"{where}: softmax is only offered on the output node", node.id)


_MISSING = object()


def _field(d: dict, key: str, typ: type | tuple, where: str, default: Any = _MISSING) -> Any:
    if key not in d:
        if default is _MISSING:
            raise SpecError(f"{where} is missing '{key}'")
        return default
    v = d[key]
    ok = isinstance(v, typ) and not (typ in (int, float) and isinstance(v, bool))
    if typ is float and isinstance(v, int) and not isinstance(v, bool):
        ok, v = True, float(v)
    if not ok:
        tname = typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)
        raise SpecError(f"{where}.{key} must be {tname}, not {type(v).__name__}")
    return v


def _node_from_dict(raw: Any, where: str) -> Node:
    if not isinstance(raw, dict):
        raise SpecError(f"{where} must be an object")
    params = _field(raw, "activation_params", dict, where, default={})
    for k, v in params.items():
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise SpecError(f"{where}.activation_params.{k} must be a number")
    loss = raw.get("loss")
    if loss is not None and not isinstance(loss, str):
        raise SpecError(f"{where}.loss must be a string")
    return Node(
        id=_field(raw, "id", str, where),
        kind=_field(raw, "kind", str, where),
        units=_field(raw, "units", int, where),
        activation=_field(raw, "activation", str, where, default="identity"),
        activation_params={k: float(v) for k, v in params.items()},
        bias=_field(raw, "bias", bool, where, default=True),
        init=_field(raw, "init", str, where, default="xavier_uniform"),
        init_scale=_field(raw, "init_scale", float, where, default=1.0),
        name=_field(raw, "name", str, where, default=""),
        loss=loss,
        meta=dict(_field(raw, "meta", dict, where, default={})),
    )


def sequential(
    sizes: Iterable[int],
    activation: str = "tanh",
    output: str = "logistic",
    loss: str = "bce",
    init: str = "xavier_uniform",
) -> NetworkSpec:
    """A plain layered network ``sizes[0] → ... → sizes[-1]``, laid out in columns.

    The shape the command line's ``new --layers`` builds and the lecture draws.
    """
    sizes = list(sizes)
    if len(sizes) < 2:
        raise SpecError("a network needs at least an input and an output size")
    spec = NetworkSpec()
    prev = spec.add_node(Node("in", "input", sizes[0], name="input", bias=False,
                              meta={"pos": [0.0, 0.0]}))
    for k, n in enumerate(sizes[1:-1], start=1):
        node = spec.add_node(Node(f"h{k}", "neuron" if n == 1 else "layer", n, activation, init=init,
                                  name=f"hidden {k}", meta={"pos": [200.0 * k, 0.0]}))
        spec.connect(prev.id, node.id, f"c{k}")
        prev = node
    k = len(sizes) - 1
    out = spec.add_node(Node("out", "output", sizes[-1], output, init=init, name="output",
                             loss=loss, meta={"pos": [200.0 * k, 0.0]}))
    spec.connect(prev.id, out.id, f"c{k}")
    return spec
