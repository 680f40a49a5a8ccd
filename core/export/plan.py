"""The forward pass as the exporters write it: one step per node, with names.

Every exporter walks the same :class:`ForwardPlan`: the network's nodes in
topological order, each with the variable it becomes, the weighted sums
that feed it (one per incoming connection, in the order the engine adds
them), its bias, its activation with hyper-parameters and its learned γ.
The names are made once here from the labels a person gave on the canvas,
so the NumPy file, the PyTorch module and the ONNX graph call a node the
same thing. Arrays are float64 copies with removed edges forced to 0, as
:meth:`core.model.Model.load_parameters` does.
"""
from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from ..activations import get_activation
from ..parameters import bias_key, edge_mask, learned_key, parameter_shapes, weight_key
from ..spec import Node, NetworkSpec, SpecError
from ..text import printable


class ExportError(ValueError):
    """A network that cannot be exported, or a model that cannot be imported, said on one line."""


@dataclass(frozen=True)
class Term:
    """One incoming connection's product ``src @ W.T``."""

    conn_id: str
    src: str          # the source node's id
    weight: str       # the variable holding W (dst × src)
    mask: str | None  # the variable holding its 0/1 mask, for a connection with removed edges


@dataclass(frozen=True)
class Step:
    """One node of the forward pass: ``var = f(Σ src @ W.T + b)``."""

    node: Node
    var: str
    label: str                  # the node's canvas label, unique, safe to print
    terms: tuple[Term, ...]
    bias: str | None
    activation: str             # the registry name (aliases resolved)
    hp: dict[str, float]        # hyper-parameters, the learned ones left out
    gamma: str | None           # the variable holding PReLU's learned γ


@dataclass
class ForwardPlan:
    """A network ready to be written out: its steps, arrays and sizes."""

    spec: NetworkSpec
    input: Step
    steps: list[Step]
    arrays: dict[str, np.ndarray] = field(default_factory=dict)   # variable -> float64 array
    keys: dict[str, str] = field(default_factory=dict)            # variable -> parameter key
    masks: dict[str, np.ndarray] = field(default_factory=dict)    # variable -> 0/1 mask

    @property
    def output(self) -> Step:
        return self.steps[-1]

    @property
    def n_inputs(self) -> int:
        return self.input.node.units

    @property
    def n_outputs(self) -> int:
        return self.output.node.units

    @property
    def loss(self) -> str:
        return self.output.node.loss or "mse"


#: Names the generated code uses itself, which a node's variable must not take.
RESERVED = frozenset({"np", "torch", "nn", "math", "base64", "sys", "csv", "self", "x", "y", "predict",
                      "load", "main", "sigmoid", "leaky_relu", "elu", "softplus", "swish", "gelu",
                      "gelu_tanh", "gelu_sigmoid", "softmax", "erfc", "relu", "tanh", "Network"})


class Names:
    """Unique Python identifiers made from labels: ``hidden 1`` becomes ``hidden_1``."""

    def __init__(self, reserved: frozenset[str] = RESERVED):
        self.taken: set[str] = set(reserved) | set(keyword.kwlist) | set(dir(builtins)) - {"input"}
        self.given: set[str] = set()

    def take(self, text: str, fallback: str, allow: str = "") -> str:
        """A new identifier close to ``text`` (else ``fallback``), suffixed ``_2``, ``_3`` when taken.

        ``allow`` is one reserved name this caller may have (the input node may be ``x``).
        """
        base = identifier(text) or identifier(fallback) or "node"
        name, k = base, 2
        while name in self.taken and not (name == allow and name not in self.given):
            name, k = f"{base}_{k}", k + 1
        self.taken.add(name)
        self.given.add(name)
        return name


def identifier(text: str) -> str:
    """``text`` as a Python identifier (letters of any script kept), or "" if nothing is left."""
    s = re.sub(r"\W+", "_", unicodedata.normalize("NFKC", text)).strip("_")[:48]
    if s and not s[0].isalpha() and s[0] != "_":
        s = "n_" + s
    return s if s.isidentifier() else ""


def build_plan(spec: NetworkSpec, params: Mapping[str, np.ndarray]) -> ForwardPlan:
    """The plan of a network that trains, or an :class:`ExportError` saying why it cannot be written."""
    try:
        spec.validate()
        order = spec.topological_order()
    except SpecError as e:
        raise ExportError(f"the network is not ready to export: {e}") from None
    _check_params(spec, params)
    names, labels = Names(), _unique_labels(spec)
    node_var: dict[str, str] = {}
    steps: list[Step] = []
    arrays: dict[str, np.ndarray] = {}
    keys: dict[str, str] = {}
    masks: dict[str, np.ndarray] = {}
    for nid in order:
        node = spec.nodes[nid]
        allow = {"input": "x", "output": "y"}.get(node.kind, "")
        var = node_var[nid] = names.take(node.label, f"node_{nid}", allow)
        if node.kind == "input":
            inp = Step(node, var, labels[nid], (), None, "identity", {}, None)
            continue
        step = _step(spec, node, var, labels[nid], node_var, names, params, arrays, keys, masks)
        steps.append(step)
    # Every node reaches the output in a network that trains, so the output comes last.
    return ForwardPlan(spec.copy(), inp, steps, arrays, keys, masks)


def _step(spec: NetworkSpec, node: Node, var: str, label: str, node_var: dict[str, str], names: Names,
          params: Mapping[str, np.ndarray], arrays: dict[str, np.ndarray], keys: dict[str, str],
          masks: dict[str, np.ndarray]) -> Step:
    """One node's step, its arrays added to ``arrays`` under fresh variable names."""
    def keep(prefix: str, key: str, value: np.ndarray) -> str:
        name = names.take(f"{prefix}_{var}", f"{prefix}_{key}")
        arrays[name], keys[name] = value, key
        return name

    terms = []
    for c in spec.incoming(node.id):
        w = np.array(params[weight_key(c.id)], dtype=np.float64)
        m = edge_mask(spec, c.id)
        if m is not None:
            w *= m
        wname = names.take(f"W_{var}__{node_var[c.src]}", f"W_{c.id}")
        arrays[wname], keys[wname] = w, weight_key(c.id)
        mname = None
        if m is not None:
            mname = names.take(f"mask_{var}__{node_var[c.src]}", f"mask_{c.id}")
            masks[mname] = m
        terms.append(Term(c.id, c.src, wname, mname))
    bias = keep("b", bias_key(node.id), np.array(params[bias_key(node.id)], np.float64)) if node.bias else None
    act = get_activation(node.activation)
    hp = {k: v for k, v in act.hyper(node.activation_params).items() if k not in act.learned}
    gamma = None
    if "gamma" in act.learned:
        gamma = keep("gamma", learned_key("gamma", node.id),
                     np.array(params[learned_key("gamma", node.id)], np.float64))
    return Step(node, var, label, tuple(terms), bias, act.name, hp, gamma)


def _check_params(spec: NetworkSpec, params: Mapping[str, np.ndarray]) -> None:
    """Every parameter present with its shape and finite: an export never writes NaN."""
    for key, shape in parameter_shapes(spec).items():
        if key not in params:
            raise ExportError(f"the network has no values for {key}")
        arr = np.asarray(params[key])
        if arr.shape != shape:
            raise ExportError(f"parameter {key} has shape {arr.shape}, expected {shape}")
        if not np.all(np.isfinite(arr)):
            raise ExportError(f"parameter {key} holds NaN or infinity")


def _unique_labels(spec: NetworkSpec) -> dict[str, str]:
    """Each node's label, safe to print on one line; a label two nodes share gets its id added."""
    raw = {nid: printable(n.label, 64) for nid, n in spec.nodes.items()}
    counts: dict[str, int] = {}
    for v in raw.values():
        counts[v] = counts.get(v, 0) + 1
    return {nid: v if counts[v] == 1 else f"{v} ({nid})" for nid, v in raw.items()}
