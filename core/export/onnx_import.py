"""An ONNX feed-forward model brought back as a network with its weights.

:func:`import_onnx` reads ``Gemm``/``MatMul`` + ``Add`` layers with the
activations the program knows, skip connections included (the patterns
are in :mod:`.onnx_graph`), and refuses anything else with a message
naming the first ONNX node it cannot build. A model this program exported
carries its network in the metadata (:data:`~.onnx_export.HINT_KEY`); when
that description agrees with the graph it restores the names, positions,
removed edges and loss, so an export and import give back the same network.

The file is untrusted, as a ``.ffn`` is: it must be a regular file under
:data:`MAX_ONNX_BYTES`, is parsed from memory (external data files are
refused, never opened), and its counts of nodes, initializers and values
are capped with the ``.ffn`` format's own limits before any array is made.
"""
from __future__ import annotations

import json
import os
import re
import stat
from typing import Any

import numpy as np

from ..files.common import MAX_CONNECTIONS, MAX_NODES, MAX_PARAMETERS
from ..parameters import Params, bias_key, learned_key, weight_key
from ..spec import MAX_UNITS, NetworkSpec, Node, SpecError
from ..text import printable
from .onnx_export import HINT_KEY, require_onnx
from .onnx_graph import Act, GraphReader, Unsupported
from .plan import ExportError

MAX_ONNX_BYTES = 256 << 20
MAX_ONNX_NODES = 10 * MAX_NODES
_FLOATS = (1, 10, 11)   # TensorProto's FLOAT, FLOAT16, DOUBLE


class UnsupportedModel(ExportError):
    """A model that is not a network the program can build; ``node`` is the first ONNX node at fault."""

    def __init__(self, message: str, node: str | None = None):
        super().__init__(message)
        self.node = node


def import_onnx(path: str | os.PathLike) -> tuple[NetworkSpec, Params]:
    """The network and its parameters (float64) of the ONNX model at ``path``.

    Raises :class:`ExportError` (:class:`UnsupportedModel` for a model that
    is no feed-forward network of Gemm/MatMul + Add and known activations),
    with a one-line message that starts with the path.
    """
    onnx = require_onnx()
    where = printable(os.fspath(path), 200)
    blob = _read(path, where)
    try:
        model = onnx.ModelProto.FromString(blob)
    except Exception:  # protobuf's DecodeError and its relatives
        raise ExportError(f"{where}: not an ONNX model (it does not parse as one)") from None
    try:
        reader, out_act, n_inputs = _walk(model.graph)
        spec, params = _network(reader, out_act, n_inputs)
        spec, params = _apply_hint(model, spec, params)
        spec.validate()
    except Unsupported as e:
        raise UnsupportedModel(f"{where}: {printable(e, 300)}", e.node_name) from None
    except (ExportError, SpecError, ValueError) as e:
        raise ExportError(f"{where}: {printable(e, 300)}") from None
    return spec, params


def _read(path: str | os.PathLike, where: str) -> bytes:
    """The file's bytes: a regular file under the size cap, judged before it is read."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise ExportError(f"{where}: not a regular file")
            if st.st_size > MAX_ONNX_BYTES:
                raise ExportError(f"{where}: {st.st_size} bytes is more than the {MAX_ONNX_BYTES >> 20} MiB "
                                  "an ONNX model may have here")
            blob = f.read(MAX_ONNX_BYTES + 1)
    except OSError as e:
        raise ExportError(f"{where}: cannot read it ({e.strerror or e})") from None
    if len(blob) > MAX_ONNX_BYTES:
        raise ExportError(f"{where}: larger than the {MAX_ONNX_BYTES >> 20} MiB an ONNX model may have here")
    return blob


def _walk(graph: Any) -> tuple[GraphReader, Act, int | None]:
    """Read the graph into node outputs; the output's node, and the input width if declared."""
    if len(graph.node) > MAX_ONNX_NODES or len(graph.initializer) > 4 * MAX_CONNECTIONS:
        raise ExportError(f"the model has {len(graph.node)} nodes and {len(graph.initializer)} initializers, "
                          f"more than a network here can have ({MAX_ONNX_NODES} and {4 * MAX_CONNECTIONS})")
    if len(graph.sparse_initializer):
        raise ExportError("sparse initializers are not supported")
    constants = _constants(graph)
    inputs = [i for i in graph.input if i.name not in constants]
    if len(inputs) != 1 or len(graph.output) != 1:
        raise ExportError(f"the model must have one input and one output, not {len(inputs)} and "
                          f"{len(graph.output)}")
    reader = GraphReader(constants, inputs[0].name)
    reader.read([n for n in graph.node if n.op_type != "Constant"])
    out = reader.name(graph.output[0].name)
    producer = next((n for n in graph.node if out in n.output), None)
    if producer is None:
        raise ExportError("the model's output is not computed by any layer")
    reader.source(producer, out, "its result is not a layer's output, so it cannot be the model's")
    _unused(graph, reader)
    return reader, reader.kind[out], _declared_width(inputs[0])


def _unused(graph: Any, reader: GraphReader) -> None:
    """Refuse the first node whose result nothing reads (a branch that leads nowhere)."""
    read = {reader.name(t) for n in graph.node for t in n.input} | {reader.name(graph.output[0].name)}
    for n in graph.node:
        if n.op_type not in ("Constant", "Identity") and reader.name(n.output[0]) not in read:
            raise Unsupported(n, "its result is not used by the model's output")


def _declared_width(value_info: Any) -> int | None:
    dims = value_info.type.tensor_type.shape.dim
    if len(dims) == 2 and dims[1].HasField("dim_value") and dims[1].dim_value > 0:
        return int(dims[1].dim_value)
    return None


def _constants(graph: Any) -> dict[str, np.ndarray]:
    """Initializers and Constant nodes as float64 arrays, each judged before it is converted."""
    from onnx import numpy_helper
    out: dict[str, np.ndarray] = {}
    total = 0
    tensors = [(t.name, t) for t in graph.initializer]
    for n in graph.node:
        if n.op_type == "Constant":
            value = next((a for a in n.attribute if a.name == "value"), None)
            if value is None or len(n.output) != 1:
                raise Unsupported(n, "only a Constant holding a tensor is supported")
            tensors.append((n.output[0], value.t))
    for name, t in tensors:
        if t.data_location == t.EXTERNAL or len(t.external_data):
            raise ExportError(f"the tensor '{printable(name, 60)}' is stored in an external file, "
                              "which is not read here")
        if any(d < 0 for d in t.dims):
            raise ExportError(f"the tensor '{printable(name, 60)}' has a negative dimension")
        total += int(np.prod(t.dims, dtype=np.float64))
        if total > MAX_PARAMETERS:
            raise ExportError(f"the model's constants hold more than the {MAX_PARAMETERS} values "
                              "a network here can have")
        if t.data_type not in _FLOATS:
            raise ExportError(f"the tensor '{printable(name, 60)}' is not floating point")
        try:
            arr = numpy_helper.to_array(t)
        except Exception:   # data that does not fit its type and dims, in any of the ways onnx notices
            raise ExportError(f"the tensor '{printable(name, 60)}' is damaged (its data does not fit "
                              "its shape)") from None
        out[name] = arr.astype(np.float64)
    return out


def _network(reader: GraphReader, out: Act, n_inputs: int | None) -> tuple[NetworkSpec, Params]:
    """The spec and parameters of the node outputs the walk found."""
    acts = [a for a in reader.acts if a is not out] + [out]
    if len(acts) + 1 > MAX_NODES:
        raise ExportError(f"the model has {len(acts) + 1} layers, more than the {MAX_NODES} allowed")
    spec, params = NetworkSpec(), {}
    ids = _ids(reader, acts)
    width = n_inputs or next((w.shape[1] for a in acts for s, w in a.lin.terms if s == reader.input_name), 0)
    spec.add_node(Node(ids[reader.input_name], "input", int(width), name="input", bias=False))
    units = {reader.input_name: int(width)}
    for act in acts:
        units[act.tensor] = act.lin.units
        _add_node(spec, params, act, ids, units, is_output=act is out)
    _layout(spec)
    return spec, params


def _ids(reader: GraphReader, acts: list[Act]) -> dict[str, str]:
    """A node id per tensor: ``in``, ``out``, else the tensor's name made into an id."""
    ids = {reader.input_name: "in", acts[-1].tensor: "out"}
    taken = set(ids.values())
    for k, act in enumerate(acts[:-1], start=1):
        base = re.sub(r"[^A-Za-z0-9_.\-]+", "_", act.tensor).strip("_")[:56] or f"h{k}"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        ids[act.tensor] = name
        taken.add(name)
    return ids


def _add_node(spec: NetworkSpec, params: Params, act: Act, ids: dict[str, str], units: dict[str, int],
              is_output: bool) -> None:
    nid, u = ids[act.tensor], act.lin.units
    if u > MAX_UNITS:
        raise ExportError(f"{act.tensor}: {u} units is more than the {MAX_UNITS} allowed")
    loss = None
    if is_output:
        loss = "ce" if act.activation == "softmax" and u >= 2 else "bce" if act.activation == "logistic" else "mse"
    kind = "output" if is_output else "neuron" if u == 1 else "layer"
    spec.add_node(Node(nid, kind, u, act.activation, dict(act.hp), act.lin.bias is not None,
                       name="output" if is_output else printable(act.tensor, 64), loss=loss))
    weights: dict[str, np.ndarray] = {}
    for src, w in act.lin.terms:
        if w.shape != (u, units[src]):
            raise ExportError(f"{act.tensor}: weights of shape {list(w.shape)} do not join "
                              f"{units[src]} units to {u}")
        weights[src] = weights[src] + w if src in weights else w   # two matrices from one source add up
    for src, w in weights.items():
        if len(spec.connections) >= MAX_CONNECTIONS:
            raise ExportError(f"the model has more than the {MAX_CONNECTIONS} connections allowed")
        conn = spec.connect(ids[src], nid, f"c{len(spec.connections) + 1}")
        params[weight_key(conn.id)] = w
    if act.lin.bias is not None:
        params[bias_key(nid)] = act.lin.bias
    if act.gamma is not None:
        params[learned_key("gamma", nid)] = act.gamma


def _layout(spec: NetworkSpec) -> None:
    """Columns by depth, as the canvas lays out a new network."""
    rows: dict[int, int] = {}
    for nid, d in spec.depths().items():
        spec.nodes[nid].meta["pos"] = [200.0 * d, 120.0 * rows.get(d, 0)]
        rows[d] = rows.get(d, 0) + 1


# --- the exporter's own description ---------------------------------------------------

def _apply_hint(model: Any, spec: NetworkSpec, params: Params) -> tuple[NetworkSpec, Params]:
    """The saved network when the model carries one that agrees with its graph, else the graph's own."""
    raw = next((p.value for p in model.metadata_props if p.key == HINT_KEY), None)
    if raw is None or len(raw) > 16 << 20:
        return spec, params
    try:
        hint = json.loads(raw)
        saved = NetworkSpec.from_dict(hint["spec"])
        saved.validate()
        tensor_ids = {str(k): str(v) for k, v in hint["tensors"].items()}
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return spec, params
    ends = {kind: [n.id for n in saved.nodes_of_kind(kind)] for kind in ("input", "output")}
    rename = {}
    for node in spec.nodes.values():
        found = ends.get(node.kind) or [tensor_ids.get(node.name, "")]
        rename[node.id] = found[0]
    mapped = _matching_params(saved, spec, params, rename)
    return (saved, mapped) if mapped is not None else (spec, params)


def _matching_params(saved: NetworkSpec, spec: NetworkSpec, params: Params,
                     rename: dict[str, str]) -> Params | None:
    """``params`` under the saved network's names, or None if the graph is not that network."""
    if sorted(rename.values()) != sorted(saved.nodes) or len(saved.connections) != len(spec.connections):
        return None
    out: Params = {}
    for node in spec.nodes.values():
        s = saved.nodes[rename[node.id]]
        if s.units != node.units or (s.kind == "input") != (node.kind == "input") or s.bias != node.bias:
            return None
        if node.kind != "input" and not _same_activation(s, node):
            return None
        for key in (bias_key, lambda n: learned_key("gamma", n)):
            if key(node.id) in params:
                out[key(s.id)] = params[key(node.id)]
    pairs = {(c.src, c.dst): c for c in saved.connections.values()}
    for c in spec.connections.values():
        sc = pairs.get((rename[c.src], rename[c.dst]))
        if sc is None:
            return None
        w = params[weight_key(c.id)]
        if any(w[j, i] != 0 for i, j in sc.removed):
            return None
        out[weight_key(sc.id)] = w
    return out


def _same_activation(saved: Node, found: Node) -> bool:
    """The same function: swish with β = 1.702 is the logistic GELU; hyper-parameters to float32 digits."""
    from ..activations import get_activation

    def canon(n: Node) -> tuple[str, dict[str, float]]:
        act = get_activation(n.activation)
        hp = {k: v for k, v in act.hyper(n.activation_params).items() if k not in act.learned}
        return ("swish", {"beta": 1.702}) if act.name == "gelu_sigmoid" else (act.name, hp)

    (a, hp_a), (b, hp_b) = canon(saved), canon(found)
    return a == b and hp_a.keys() == hp_b.keys() and all(
        abs(hp_a[k] - hp_b[k]) <= 1e-6 * max(1.0, abs(hp_a[k])) for k in hp_a)
