"""Reading an ONNX graph as the program's layers: weighted sums through activations.

The graph is walked once in its own (topological) order, and each tensor is
given a kind by the operator that makes it, in the spirit of a table of
rules (:data:`_RULES`, one function per operator):

* the input ``x``, a constant (an initializer or a ``Constant``);
* a weighted sum :class:`Lin`: ``Gemm`` or ``MatMul`` of a node's output by
  a constant matrix, and ``Add``/``Sum`` of such sums and constant biases;
* a node's output :class:`Act`: a known activation of a weighted sum, or a
  weighted sum another layer reads (a linear node); swish and the logistic
  GELU are recognised as ``z · Sigmoid(β z)``.

A tensor that is inside a node (a weighted sum, a sigmoid gate) may be read
only by the pattern it belongs to; anything else, and any operator not in
the table, stops the walk with :class:`Unsupported` naming that ONNX node:
the first one, in the graph's order, that the program cannot build.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np


class Unsupported(Exception):
    """An ONNX node the program cannot turn into part of a network."""

    def __init__(self, node: Any, why: str):
        self.node_name = node.name or f"#{node.op_type}"
        super().__init__(f"node '{self.node_name}' ({node.op_type}): {why}")


@dataclass
class Lin:
    """Σ source · Wᵀ (+ bias): W is (units × source units), float64."""

    terms: list[tuple[str, np.ndarray]]
    bias: np.ndarray | None
    units: int


@dataclass
class Act:
    """A network node's output: ``activation(lin)``, with hyper-parameters and PReLU's γ."""

    tensor: str
    lin: Lin
    activation: str
    hp: dict[str, float] = field(default_factory=dict)
    gamma: np.ndarray | None = None


@dataclass
class Gate:
    """Sigmoid(β · z) of the weighted sum ``z`` (β None: a plain Sigmoid), awaiting ``z · gate``."""

    z: str
    beta: float | None


@dataclass
class Scaled:
    """β · z of the weighted sum ``z``, awaiting its Sigmoid."""

    z: str
    beta: float


class GraphReader:
    """The walk: tensor kinds, which tensors were read where, the node outputs found."""

    def __init__(self, constants: dict[str, np.ndarray], input_name: str):
        self.kind: dict[str, Any] = {input_name: "input"}
        self.constants = constants
        self.alias: dict[str, str] = {}
        self.claimed: set[str] = set()      # tensors read inside a node's pattern
        self.acts: list[Act] = []
        self.input_name = input_name

    def name(self, tensor: str) -> str:
        return self.alias.get(tensor, tensor)

    def read(self, nodes: list[Any]) -> None:
        for node in nodes:
            if node.domain not in ("", "ai.onnx"):
                raise Unsupported(node, f"operator of the domain '{node.domain}'")
            rule = _RULES.get(node.op_type)
            if rule is None:
                raise Unsupported(node, "not an operator of a feed-forward network the program can build")
            if len(node.output) != 1 or not node.input:
                raise Unsupported(node, "not one output and at least one input")
            try:
                rule(self, node)
            except IndexError:   # an input the operator needs is missing
                raise Unsupported(node, "too few inputs") from None

    # --- what a rule may ask ---------------------------------------------------------

    def claim(self, node: Any, tensor: str) -> Any:
        """Read ``tensor`` inside a pattern: only once, and only if nothing else used it as a node."""
        t = self.name(tensor)
        if t in self.claimed:
            raise Unsupported(node, "reads a value that belongs inside another layer")
        self.claimed.add(t)
        return self.kind.get(t)

    def source(self, node: Any, tensor: str, why: str = "multiplies a value that is not a layer's output") -> str:
        """A tensor a weight matrix multiplies: the input or a node's output (a sum read here is linear)."""
        t = self.name(tensor)
        k = self.kind.get(t)
        if k == "input" or isinstance(k, Act):
            return t
        if isinstance(k, Lin) and t not in self.claimed:
            self.kind[t] = self.finish(Act(t, k, "identity"))
            return t
        if isinstance(k, Gate) and k.beta is None and t not in self.claimed:
            z = self.kind.get(k.z)
            if isinstance(z, Lin) and k.z not in self.claimed:
                self.claimed.add(k.z)
                self.kind[t] = self.finish(Act(t, z, "logistic"))
                return t
        raise Unsupported(node, why)

    def finish(self, act: Act) -> Act:
        self.acts.append(act)
        return act

    def const(self, node: Any, tensor: str, what: str) -> np.ndarray:
        t = self.name(tensor)
        if t not in self.constants:
            raise Unsupported(node, f"its {what} must be a constant")
        return self.constants[t]


def _lin_input(r: GraphReader, node: Any, tensor: str) -> Lin:
    k = r.claim(node, tensor)
    if not isinstance(k, Lin):
        raise Unsupported(node, "its input must be a weighted sum (Gemm, MatMul, Add)")
    return k


def _vector(r: GraphReader, node: Any, arr: np.ndarray, units: int, what: str) -> np.ndarray:
    """A bias or slope: one value per unit (or one for all), in any shape that broadcasts so."""
    flat = np.asarray(arr, dtype=np.float64).reshape(-1)
    if arr.ndim > 2 or (arr.ndim == 2 and arr.shape[0] != 1) or flat.size not in (1, units):
        raise Unsupported(node, f"its {what} of shape {list(arr.shape)} does not fit {units} units")
    return np.broadcast_to(flat, (units,)).copy()


def _gemm(r: GraphReader, node: Any) -> None:
    attrs = {a.name: a for a in node.attribute}
    if attrs.get("transA") is not None and attrs["transA"].i:
        raise Unsupported(node, "transA is not supported")
    alpha = attrs["alpha"].f if "alpha" in attrs else 1.0
    beta = attrs["beta"].f if "beta" in attrs else 1.0
    b = r.const(node, node.input[1], "weight matrix B")
    if b.ndim != 2:
        raise Unsupported(node, "its weights must be a matrix")
    w = (b if "transB" in attrs and attrs["transB"].i else b.T) * alpha
    src = r.source(node, node.input[0])
    bias = None
    if len(node.input) > 2 and node.input[2]:
        bias = _vector(r, node, r.const(node, node.input[2], "bias C") * beta, w.shape[0], "bias")
    r.kind[node.output[0]] = Lin([(src, np.asarray(w, np.float64))], bias, w.shape[0])


def _matmul(r: GraphReader, node: Any) -> None:
    b = r.const(node, node.input[1], "second input")
    if b.ndim != 2:
        raise Unsupported(node, "its weights must be a matrix")
    src = r.source(node, node.input[0])
    r.kind[node.output[0]] = Lin([(src, np.asarray(b.T, np.float64))], None, b.shape[1])


def _add(r: GraphReader, node: Any) -> None:
    if len(node.input) < 2 and node.op_type == "Add":
        raise Unsupported(node, "needs two inputs")
    lins, consts = [], []
    for t in node.input:
        if r.name(t) in r.constants:
            consts.append(r.constants[r.name(t)])
        else:
            lins.append(_lin_input(r, node, t))
    if not lins:
        raise Unsupported(node, "adds only constants")
    units = lins[0].units
    if any(lin.units != units for lin in lins):
        raise Unsupported(node, "adds weighted sums of different sizes")
    biases = [lin.bias for lin in lins if lin.bias is not None]
    biases += [_vector(r, node, c, units, "bias") for c in consts]
    bias = None if not biases else np.sum(biases, axis=0)
    r.kind[node.output[0]] = Lin([t for lin in lins for t in lin.terms], bias, units)


def _activation(name: str, hp: Callable[[Any], dict[str, float]] | None = None) -> Callable:
    def rule(r: GraphReader, node: Any) -> None:
        lin = _lin_input(r, node, node.input[0])
        out = node.output[0]
        r.kind[out] = r.finish(Act(out, lin, name, hp(node) if hp else {}))
    return rule


def _attr(node: Any, key: str, default: Any) -> Any:
    for a in node.attribute:
        if a.name == key:
            return a.s.decode("utf-8", "replace") if a.type == a.STRING else a.i if a.type == a.INT else a.f
    return default


def _gelu(r: GraphReader, node: Any) -> None:
    approx = _attr(node, "approximate", "none")
    if approx not in ("none", "tanh"):
        raise Unsupported(node, f"GELU approximation '{approx}'")
    _activation("gelu" if approx == "none" else "gelu_tanh")(r, node)


def _softmax(r: GraphReader, node: Any) -> None:
    if _attr(node, "axis", -1) not in (-1, 1):
        raise Unsupported(node, "softmax over another axis than the units")
    _activation("softmax")(r, node)


def _prelu(r: GraphReader, node: Any) -> None:
    lin = _lin_input(r, node, node.input[0])
    gamma = _vector(r, node, r.const(node, node.input[1], "slope"), lin.units, "slope")
    r.kind[node.output[0]] = r.finish(Act(node.output[0], lin, "prelu", {}, gamma))


def _sigmoid(r: GraphReader, node: Any) -> None:
    t = r.name(node.input[0])
    k = r.kind.get(t)
    if isinstance(k, Scaled):
        r.claim(node, t)
        r.kind[node.output[0]] = Gate(k.z, k.beta)
    elif isinstance(k, Lin) and t not in r.claimed:
        r.kind[node.output[0]] = Gate(t, None)   # a logistic node, unless z · gate follows
    else:
        raise Unsupported(node, "its input must be a weighted sum (Gemm, MatMul, Add)")


def _mul(r: GraphReader, node: Any) -> None:
    a, b = (r.name(t) for t in node.input[:2])
    for z, other in ((a, b), (b, a)):
        k = r.kind.get(z)
        if isinstance(k, Lin) and other in r.constants and r.constants[other].size == 1:
            r.kind[node.output[0]] = Scaled(z, float(r.constants[other].reshape(-1)[0]))
            return
        g = r.kind.get(other)
        if isinstance(k, Lin) and isinstance(g, Gate) and g.z == z and other not in r.claimed:
            r.claim(node, other)
            r.claimed.add(z)
            beta = 1.0 if g.beta is None else g.beta
            act = "gelu_sigmoid" if abs(beta - 1.702) <= 1e-6 * 1.702 else "swish"
            hp = {"beta": beta} if act == "swish" else {}
            r.kind[node.output[0]] = r.finish(Act(node.output[0], k, act, hp))
            return
    raise Unsupported(node, "only z · Sigmoid(β z) (swish) is supported")


def _identity(r: GraphReader, node: Any) -> None:
    r.alias[node.output[0]] = r.name(node.input[0])


_RULES: dict[str, Callable[[GraphReader, Any], None]] = {
    "Gemm": _gemm, "MatMul": _matmul, "Add": _add, "Sum": _add,
    "Relu": _activation("relu"), "Tanh": _activation("tanh"), "Softplus": _activation("softplus"),
    "LeakyRelu": _activation("leaky_relu", lambda n: {"gamma": float(_attr(n, "alpha", 0.01))}),
    "Elu": _activation("elu", lambda n: {"gamma": float(_attr(n, "alpha", 1.0))}),
    "PRelu": _prelu, "Gelu": _gelu, "Softmax": _softmax, "Sigmoid": _sigmoid, "Mul": _mul,
    "Identity": _identity,
}
