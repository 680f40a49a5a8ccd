"""One sample's forward and backward pass, step by step, read off the tape.

This is what the backprop stepper walks through and what ``backprop-studio
trace`` prints. It is *not* a second engine: :func:`trace_sample` runs the
model's own tape on a batch of one (``Model.loss_and_grad``, or the same ops
seeded with ∂ŷ/∂ŷ = 1 when there is no target) and then reads every net
input z, activation a, gradient ∂L/∂z (δ), ∂L/∂a and parameter gradient off
the tape's buffers. A student therefore sees exactly the numbers that
training uses; the gradients a trace ends with are bit for bit the
trainer's for that sample.

What the trace computes itself is only what the tape never stores and a
person needs to follow the chain rule: the individual products of a sum
(w_ij·a_i in a net input, w_jk·δ_k in a hidden δ, each path's contribution
to a hidden weight's gradient), the local derivatives f'(z) shown next to
their upstream gradient, and at the scalar level the intermediate values
of an expanded neuron (−z, exp(−z), 1 + exp(−z)). Each such display value
sits next to the tape's result, and the tests check that they agree.

Three zoom levels, the same data shape for all (:class:`TraceStep`):

* ``"neuron"``: per unit, z_j = Σ_i w_ij a_i + b_j then a_j = f(z_j), the
  loss, then backward δ_j = f'(z_j) Σ_k w_jk δ_k (each term kept),
  ∂L/∂w_ij = a_i δ_j and ∂L/∂b_j = δ_j;
* ``"op"``: the tape's ops in order (matmul, bias, activation, loss) with
  their input, output and gradient arrays;
* ``"scalar"``: every neuron expanded into elementary operations (a
  logistic neuron with one input is the lecture's h1 = x·w, h2 = h1 + b,
  h3 = −h2, h4 = exp(h3), h5 = h4 + 1, h6 = 1/h5), each with its value,
  and backward its local derivative, upstream gradient and product.

Each step names the spec node or connection it belongs to (``where``) and
the unit indices (``units``: ``(j,)`` for a unit, ``(i, j)`` for the edge
from unit i of the source to unit j of the destination, as in
``Connection.removed``), so that the canvas can highlight it.

Formulas use the lecture's notation with Unicode subscripts. Units are
named by the optional spec node meta ``"unit_labels"`` (e.g. ``["4", "5",
"6"]`` to number units globally as the lecture does); otherwise by node id
(``h1`` for a one-unit node, ``h1[0]`` in a layer). A network of a single
neuron with a single input uses the lecture's bare x, w, b.

Headless: never imports Qt.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from .activations import get_activation
from .losses import LOSS_OPS, LossOp
from .model import Model, Plan
from .optim import Optimizer
from .parameters import bias_key, learned_key, weight_key
from .spec import Connection
from .tape import Activate, BiasAdd, Dense

__all__ = ["LEVELS", "PHASES", "Trace", "TraceStep", "format_table", "trace_sample"]

#: Zoom levels, from coarse to fine.
LEVELS = ("op", "neuron", "scalar")
#: Phases, in the order the steps come.
PHASES = ("forward", "loss", "backward", "update")
#: Significant digits in the ``numbers`` formulas (results keep full precision).
DIGITS = 4
#: Longest sum written out in a formula; every term stays in ``terms``.
MAX_SHOWN = 8


# ----------------------------------------------------------------------------
# the data the stepper displays
# ----------------------------------------------------------------------------

@dataclass
class TraceStep:
    """One step of the walk: what is computed, where, with which numbers.

    Attributes
    ----------
    index
        Position in :attr:`Trace.steps` (0-based).
    phase
        ``"forward"``, ``"loss"``, ``"backward"`` or ``"update"``.
    level
        The zoom level this step belongs to.
    kind
        What the step computes: ``"input"``, ``"net_input"``,
        ``"activation"``, ``"loss"``, ``"l2"``, ``"seed"``, ``"delta"``,
        ``"weight_grad"``, ``"bias_grad"``, ``"gamma_grad"`` (neuron and
        scalar levels); ``"scalar_op"``, ``"sum_grad"`` (where several paths
        meet), ``"loss_grad"`` (scalar level); ``"matmul"``, ``"bias"``,
        ``"activation"``, ``"loss"``, ``"seed"`` (op level); ``"update"``.
    where
        The spec node id or connection id to highlight.
    units
        Unit indices: ``(j,)`` for a unit of ``where``, ``(i, j)`` for the
        edge from unit i of the source to unit j of the destination, ``()``
        for the whole node or connection.
    symbol
        The formula with symbols, e.g. ``"z₄ = w₁₄a₁ + w₂₄a₂ + w₃₄a₃ + b₄"``.
    numbers
        The same formula with the numbers in it, ending in ``= result``.
    result
        The value computed (read off the tape wherever the tape has it): a
        float, or nested lists at the op level.
    terms
        Where a sum is formed (paths meeting, a net input, a loss over
        outputs), one dict per term with at least ``symbol`` and ``value``;
        op level: the named arrays involved (``name``, ``value``); scalar
        forward ops: the op's inputs with their local derivatives.
    local, upstream, product
        Backward steps: the local derivative, the upstream gradient and
        their product (floats; lists at the op level).
    label
        A short caption.
    """

    index: int
    phase: str
    level: str
    kind: str
    where: str
    units: tuple[int, ...]
    symbol: str
    numbers: str
    result: float | list | None
    terms: list[dict[str, Any]] = field(default_factory=list)
    local: float | list | None = None
    upstream: float | list | None = None
    product: float | list | None = None
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (non-finite numbers become ``None``)."""
        return {
            "index": self.index, "phase": self.phase, "level": self.level, "kind": self.kind,
            "where": self.where, "units": [int(u) for u in self.units],
            "symbol": self.symbol, "numbers": self.numbers, "result": _jsonable(self.result),
            "terms": _jsonable(self.terms), "local": _jsonable(self.local),
            "upstream": _jsonable(self.upstream), "product": _jsonable(self.product),
            "label": self.label,
        }


@dataclass
class Trace:
    """Every step for one sample at one level, and what it ends with.

    Attributes
    ----------
    steps
        Forward, loss, backward, then (with an optimiser) update steps.
    gradients
        Every parameter's gradient by key (``"W:c1"``, ``"b:h1"``,
        ``"gamma:h1"``), copied from the tape: equal to what
        ``Model.loss_and_grad`` gives for this sample (L2 term included).
        Without a target, the gradients of the single output ŷ instead.
    loss
        The risk ``Model.loss_and_grad`` returns (loss, plus λ/2‖W‖² when
        the model has L2); ``None`` without a target.
    output
        The network's output ŷ for the sample.
    level
        ``"neuron"``, ``"op"`` or ``"scalar"``.
    updates
        With an optimiser: per parameter key, what its next ``step()``
        would do (``"update"`` = Δθ, the state it would hold afterwards,
        e.g. Adam's ``"s"``, ``"r"``, ``"s_hat"``, ``"r_hat"``,
        ``"step_size"``; plus ``"value"``, ``"new_value"``, ``"grad"`` and
        the state before, as ``"s_prev"``...). Nothing is applied.
    x, y
        The sample's input and target (``y`` is ``None`` without one).
    """

    steps: list[TraceStep]
    gradients: dict[str, np.ndarray]
    loss: float | None
    output: np.ndarray
    level: str
    updates: dict[str, dict[str, np.ndarray]] | None = None
    x: np.ndarray | None = None
    y: np.ndarray | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data: floats, strings and lists (non-finite -> ``None``)."""
        return {
            "level": self.level,
            "input": _jsonable(self.x),
            "target": _jsonable(self.y),
            "output": _jsonable(self.output),
            "loss": _jsonable(self.loss),
            "gradients": {k: _jsonable(v) for k, v in self.gradients.items()},
            "updates": None if self.updates is None else {
                k: {n: _jsonable(a) for n, a in d.items()} for k, d in self.updates.items()},
            "steps": [s.to_dict() for s in self.steps],
        }

    def last_index(self, phase: str) -> int | None:
        """Index of the last step of ``phase`` ("run to the end of the forward pass")."""
        found = [s.index for s in self.steps if s.phase == phase]
        return found[-1] if found else None


# ----------------------------------------------------------------------------
# entry point
# ----------------------------------------------------------------------------

def trace_sample(model: Model, x: np.ndarray, y: np.ndarray | None = None, level: str = "neuron",
                 optimizer: Optimizer | None = None) -> Trace:
    """Run ``model``'s tape on one sample and list its steps at ``level``.

    Parameters
    ----------
    model
        The compiled network. Its parameters are not changed. Its batch-of-1
        buffers are overwritten and ``model.grad`` is left holding this
        sample's gradient, so that ``optimizer.step()`` right after would
        apply exactly the update previewed here.
    x
        One sample's input, shape ``(n_inputs,)`` (or ``(1, n_inputs)``).
    y
        Its target, shape ``(n_outputs,)``. Without one, the backward pass
        starts from ∂ŷ/∂ŷ = 1 (the lecture's computation-graph example),
        which needs a single-output network.
    level
        ``"neuron"``, ``"op"`` or ``"scalar"``.
    optimizer
        When given, an ``"update"`` step per parameter shows what its next
        ``step()`` would do, computed by its own ``preview()`` on a copy of
        its state (never applied). It must be built over one flat vector
        laid out like ``model.theta`` (as the trainer builds it); it may
        belong to another copy of the network (the stepper's snapshot).

    Raises
    ------
    ValueError
        Unknown level; wrong input or target size; no target for a network
        with several outputs; an optimiser over arrays shaped otherwise.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown trace level {level!r}; one of {', '.join(LEVELS)}")
    run = _run(model, x, y)
    names = _Names(run)
    steps = _Steps(level)
    if level == "neuron":
        _neuron_level(run, names, steps)
    elif level == "op":
        _op_level(run, names, steps)
    else:
        _scalar_level(run, names, steps)
    updates = None
    if optimizer is not None:
        updates = _preview(model, optimizer)
        _update_steps(run, names, steps, optimizer, updates)
    return Trace(steps.steps, run.grads, run.risk, run.a[run.out].copy(), level, updates,
                 run.x.copy(), None if run.y is None else run.y.copy())


# ----------------------------------------------------------------------------
# running the tape once and copying its numbers out
# ----------------------------------------------------------------------------

@dataclass
class _Run:
    """The tape's numbers for one sample, copied out (1-D per node, float64)."""

    model: Model
    x: np.ndarray
    y: np.ndarray | None
    z: dict[str, np.ndarray]
    a: dict[str, np.ndarray]
    dz: dict[str, np.ndarray]
    da: dict[str, np.ndarray]
    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]
    loss: float | None
    risk: float | None
    fused: bool                      # fused loss op (ce/bce) run with a target
    ops: list[tuple[str, str, str, str, bool, str | None]]
    removed: dict[str, set[tuple[int, int]]]

    @property
    def spec(self):
        return self.model.spec

    @property
    def order(self) -> list[str]:
        return self.model.order

    @property
    def out(self) -> str:
        return self.model.output_id

    @property
    def obj(self) -> str:
        """What is differentiated: the loss L, or the network's function f without a target."""
        return "f" if self.y is None else "L"

    def in_edges(self, nid: str, j: int) -> list[tuple[Connection, int]]:
        """Present edges into unit j of ``nid``, in the tape's order."""
        out = []
        for c in self.spec.incoming(nid):
            gone = self.removed[c.id]
            out += [(c, i) for i in range(self.spec.nodes[c.src].units) if (i, j) not in gone]
        return out

    def out_edges(self, nid: str, j: int) -> list[tuple[Connection, int]]:
        """Present edges out of unit j of ``nid`` (skip connections included)."""
        out = []
        for c in self.spec.outgoing(nid):
            gone = self.removed[c.id]
            out += [(c, k) for k in range(self.spec.nodes[c.dst].units) if (j, k) not in gone]
        return out

    def w(self, c: Connection, i: int, j: int) -> float:
        return float(self.params[weight_key(c.id)][j, i])

    def hyper(self, nid: str) -> dict[str, Any]:
        """The activation's hyper-parameters, with PReLU's learned γ per unit."""
        node = self.spec.nodes[nid]
        act = get_activation(node.activation)
        hp: dict[str, Any] = act.hyper(node.activation_params)
        if "gamma" in act.learned:
            hp["gamma"] = self.params[learned_key("gamma", nid)]
        return hp


def _run(model: Model, x: np.ndarray, y: np.ndarray | None) -> _Run:
    """Run forward and backward on the tape for one sample; copy every number out."""
    X = np.asarray(x, dtype=np.float64)
    if X.ndim == 2 and X.shape[0] == 1:
        X = X[0]
    if X.ndim == 0:
        X = X.reshape(1)
    if X.ndim != 1:
        raise ValueError(f"a trace takes one sample; the input has shape {np.shape(x)}")
    if X.shape[0] != model.n_inputs:
        raise ValueError(f"the input has {X.shape[0]} values; the network takes {model.n_inputs}")
    Y = None
    if y is not None:
        Y = np.asarray(y, dtype=np.float64).reshape(-1)
        if Y.shape[0] != model.n_outputs:
            raise ValueError(f"the target has {Y.shape[0]} values; the network has "
                             f"{model.n_outputs} output{'s' if model.n_outputs != 1 else ''}")
        risk: float | None = float(model.loss_and_grad(X[None, :], Y[None, :]))
        plan = model.plan(1)  # the plan loss_and_grad just ran
        loss: float | None = float(plan.loss.value)
    else:
        if model.n_outputs != 1:
            raise ValueError(
                f"this network has {model.n_outputs} outputs: a target is needed to start the "
                "backward pass from the loss (without a target only a single-output network "
                "can start from ∂ŷ/∂ŷ = 1)")
        plan = model.run_forward(X[None, :])
        _seed_backward(model, plan)
        risk = loss = None

    z, a, dz, da = {}, {}, {}, {}
    for nid in model.order:
        va = plan.values[f"a:{nid}"]
        a[nid] = np.array(va.data[0], dtype=np.float64)
        if va.grad is not None:
            da[nid] = np.array(va.grad[0], dtype=np.float64)
        vz = plan.values.get(f"z:{nid}")
        if vz is not None:
            z[nid] = np.array(vz.data[0], dtype=np.float64)
            dz[nid] = np.array(vz.grad[0], dtype=np.float64)
    ops: list[tuple[str, str, str, str, bool, str | None]] = []
    for op in plan.ops:
        if isinstance(op, Dense):
            ops.append(("matmul", op.where, op.src.node, op.z.node, op.accumulate, op.write_grad))
        elif isinstance(op, BiasAdd):
            ops.append(("bias", op.where, op.where, op.where, False, None))
        elif isinstance(op, Activate):
            ops.append(("activation", op.where, op.where, op.where, False, None))
        elif isinstance(op, LossOp):
            ops.append(("loss", op.where, op.where, op.where, False, None))
        else:  # an op kind this module does not know yet: show it by name
            ops.append((op.kind, op.where, op.where, op.where, False, None))
    return _Run(
        model=model, x=X.copy(), y=Y, z=z, a=a, dz=dz, da=da,
        params={k: np.array(v, dtype=np.float64) for k, v in model.params.items()},
        grads={k: v.copy() for k, v in model.grads.items()},
        loss=loss, risk=risk, fused=bool(plan.loss.fused and Y is not None), ops=ops,
        removed={c.id: set(map(tuple, c.removed)) for c in model.spec.connections.values()},
    )


def _seed_backward(model: Model, plan: Plan) -> None:
    """Backward on the tape from ∂ŷ/∂ŷ = 1 instead of from a loss.

    Every op but the loss runs its own ``backward``. With a fused loss
    (sigmoid + BCE) the output activation is not an op on the tape (the
    loss computes it), so its derivative seeds ∂ŷ/∂z with the same
    activation object's ``backward_into`` that the engine uses.
    """
    out = model.output_id
    z, a = plan.values[f"z:{out}"], plan.values[f"a:{out}"]
    a.grad.fill(1.0)
    if plan.loss.fused:
        act = get_activation(model.spec.nodes[out].activation)
        act.backward_into(z.data, a.data, a.grad, z.grad, {})
    for op in reversed(plan.ops):
        if op is not plan.loss:
            op.backward()


# ----------------------------------------------------------------------------
# notation
# ----------------------------------------------------------------------------

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_FNAME = {
    "identity": "", "logistic": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "LeakyReLU",
    "prelu": "PReLU", "elu": "ELU", "softplus": "softplus", "swish": "swish", "gelu": "GELU",
    "gelu_tanh": "GELU_tanh", "gelu_sigmoid": "GELU_σ", "softmax": "softmax",
}


def _sub(*labels: str) -> str:
    """Subscript for unit labels: Unicode digits as in w₁₄, else ``_{h1[0],h2[1]}``."""
    if all(lb == "" for lb in labels):
        return ""
    if all(lb.isascii() and lb.isdigit() for lb in labels):
        sep = "" if all(len(lb) == 1 for lb in labels) else ","
        return sep.join(lb.translate(_SUBSCRIPT) for lb in labels)
    return "_{" + ",".join(labels) + "}"


def format_number(v: float) -> str:
    """A number for a formula: 4 significant digits, Unicode minus, −0 kept, ·10ⁿ.

    Public so that every view of a trace (table, card, canvas) writes numbers
    exactly as the formulas do.
    """
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    s = f"{v:.{DIGITS}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}·10{str(int(exp)).translate(_SUPERSCRIPT)}"
    return s.replace("-", "−")


_fmt = format_number


def _fmtp(v: float) -> str:
    """A number in parentheses when negative (after a minus sign or before ²)."""
    s = _fmt(v)
    return f"({s})" if s.startswith("−") else s


def _sum(parts: Sequence[str], empty: str = "0") -> str:
    """``a + b − c``: terms joined, long sums elided (``terms`` keeps them all)."""
    if not parts:
        return empty
    shown = list(parts[:MAX_SHOWN])
    out = shown[0]
    for p in shown[1:]:
        out += f" − {p[1:]}" if p.startswith("−") else f" + {p}"
    if len(parts) > MAX_SHOWN:
        out += f" + … ({len(parts) - MAX_SHOWN} more)"
    return out


def _arr(v: Any) -> str:
    """A small array with its numbers; a large one by its shape."""
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return _fmt(a)
    if a.size > 12:
        return "⟨" + "×".join(map(str, a.shape)) + "⟩"
    if a.ndim == 1:
        return "[" + ", ".join(_fmt(t) for t in a) + "]"
    return "[" + ", ".join(_arr(r) for r in a) + "]"


class _Names:
    """Symbols for units, weights and vectors in the lecture's notation."""

    def __init__(self, run: _Run):
        spec = run.spec
        self.run = run
        self.obj = run.obj
        self.out = run.out
        self.input = run.model.input_id
        non_input = sum(n.units for n in spec.nodes.values() if n.kind != "input")
        labelled = any("unit_labels" in n.meta for n in spec.nodes.values())
        self.tiny = spec.nodes[self.input].units == 1 and non_input == 1 and not labelled
        self.labels: dict[str, list[str]] = {}
        for n in spec.nodes.values():
            given = n.meta.get("unit_labels")
            if self.tiny:
                self.labels[n.id] = [""] * n.units
            elif (isinstance(given, list) and len(given) == n.units
                  and all(isinstance(s, (str, int)) for s in given)):
                self.labels[n.id] = [str(s) for s in given]
            elif n.kind == "input":  # inputs are x₁, x₂, ... (1-based) by default
                self.labels[n.id] = [str(i + 1) for i in range(n.units)]
            else:
                self.labels[n.id] = [n.id] if n.units == 1 else [f"{n.id}[{i}]" for i in range(n.units)]
        # With labels of its own the input is a₁, a₂ as in the lecture's z₄ = w₁₄a₁ + ...
        self.input_is_x = self.tiny or "unit_labels" not in spec.nodes[self.input].meta

    def label(self, nid: str, j: int) -> str:
        """The unit as a person reads it (``"4"``, ``"h1[0]"``, ``"x1"``, or the node id)."""
        lb = self.labels[nid][j] or nid
        return f"x{lb}" if nid == self.input and self.input_is_x and lb.isdigit() else lb

    def _s(self, nid: str, j: int) -> str:
        return _sub(self.labels[nid][j])

    def a(self, nid: str, j: int) -> str:
        if nid == self.out:
            return "ŷ" + self._s(nid, j)
        if nid == self.input and self.input_is_x:
            return "x" + self._s(nid, j)
        return "a" + self._s(nid, j)

    def x(self, j: int) -> str:
        return "x" + self._s(self.input, j)

    def z(self, nid: str, j: int) -> str:
        return "z" + self._s(nid, j)

    def d(self, nid: str, j: int) -> str:
        return "δ" + self._s(nid, j)

    def y(self, j: int) -> str:
        return "y" + self._s(self.out, j)

    def b(self, nid: str, j: int) -> str:
        return "b" + self._s(nid, j)

    def gamma(self, nid: str, j: int) -> str:
        return "γ" + self._s(nid, j)

    def w(self, c: Connection, i: int, j: int) -> str:
        return "w" + _sub(self.labels[c.src][i], self.labels[c.dst][j])

    def param(self, key: str, idx: tuple[int, ...]) -> str:
        """The symbol of one scalar parameter, e.g. ``w₁₄`` for ``("W:c1", (0, 0))``."""
        kind, ident = key.split(":", 1)
        if kind == "W":
            c = self.run.spec.connections[ident]
            return self.w(c, idx[1], idx[0])
        if kind == "b":
            return self.b(ident, idx[0])
        return kind.replace("gamma", "γ") + self._s(ident, idx[0])

    # vectors, for the op level
    def vec(self, kind: str, nid: str) -> str:
        if kind == "a" and nid == self.out:
            return "ŷ"
        if kind == "a" and nid == self.input:
            return "x"
        return kind if self.tiny else f"{kind}[{nid}]"

    def mat(self, cid: str) -> str:
        return "W" if self.tiny else f"W[{cid}]"


class _Steps:
    """Collects steps, numbering them."""

    def __init__(self, level: str):
        self.level = level
        self.steps: list[TraceStep] = []

    def add(self, phase: str, kind: str, where: str, units: Iterable[int], symbol: str,
            numbers: str, result: Any, terms: list[dict[str, Any]] | None = None,
            local: Any = None, upstream: Any = None, product: Any = None,
            label: str = "") -> TraceStep:
        step = TraceStep(len(self.steps), phase, self.level, kind, where,
                         tuple(int(u) for u in units), symbol, numbers, _plain(result),
                         terms or [], _plain(local), _plain(upstream), _plain(product), label)
        self.steps.append(step)
        return step


def _plain(v: Any) -> Any:
    """Floats for scalars, nested lists for arrays: what a step stores."""
    if v is None or isinstance(v, (str, list)):
        return v
    if isinstance(v, np.ndarray):
        return v.astype(np.float64).tolist()
    return float(v)


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else None
    if isinstance(v, np.ndarray):
        return _jsonable(v.tolist())
    if isinstance(v, dict):
        return {str(k): _jsonable(t) for k, t in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(t) for t in v]
    return str(v)


# ----------------------------------------------------------------------------
# pieces shared by the neuron and scalar levels
# ----------------------------------------------------------------------------

def _act_name(run: _Run, nid: str) -> str:
    return get_activation(run.spec.nodes[nid].activation).name


def _fprime(run: _Run, nm: _Names, nid: str, j: int) -> tuple[str, str, float]:
    """f'(z_j) for display: (symbol, with numbers, value), in the lecture's forms."""
    name = _act_name(run, nid)
    act = get_activation(name)
    zv, av = float(run.z[nid][j]), float(run.a[nid][j])
    a, z = nm.a(nid, j), nm.z(nid, j)
    if name == "logistic":
        return f"{a} (1 − {a})", f"{_fmt(av)} · (1 − {_fmt(av)})", av * (1.0 - av)
    if name == "tanh":
        return f"(1 − {a}²)", f"(1 − {_fmtp(av)}²)", 1.0 - av * av
    if name == "identity":
        return "1", "1", 1.0
    if name == "relu":
        return f"I({z} > 0)", f"I({_fmt(zv)} > 0)", float(zv > 0)
    value = float(np.asarray(act.df(run.z[nid], **run.hyper(nid)), dtype=np.float64).reshape(-1)[j])
    return f"{_FNAME.get(name, name)}'({z})", _fmt(value), value


def _times(factor_sym: str, expr: str) -> str:
    """``factor expr``, dropping a factor of 1."""
    return expr if factor_sym == "1" else f"{factor_sym} {expr}"


def _times_n(factor_num: str, expr: str) -> str:
    return expr if factor_num == "1" else f"{factor_num} · {expr}"


def _input_steps(run: _Run, nm: _Names, S: _Steps) -> None:
    nid = nm.input
    for i, v in enumerate(run.x):
        a = nm.a(nid, i)
        if a.startswith("x"):
            sym, num = a, f"{a} = {_fmt(v)}"
        else:
            sym, num = f"{a} = {nm.x(i)}", f"{a} = {_fmt(v)}"
        S.add("forward", "input", nid, (i,), sym, num, v, label=f"input {nm.label(nid, i)}")


def _activation_forward(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """a_j = f(z_j), the value read off the tape."""
    name = _act_name(run, nid)
    a, z = nm.a(nid, j), nm.z(nid, j)
    zv, av = run.z[nid], float(run.a[nid][j])
    F = _FNAME.get(name, name)
    node = run.spec.nodes[nid]
    if name == "identity":
        sym, num = f"{a} = {z}", f"{a} = {_fmt(av)}"
    elif name == "softmax":
        zs = [nm.z(nid, k) for k in range(node.units)]
        sym = f"{a} = exp({z}) / ({_sum([f'exp({s})' for s in zs])})"
        num = (f"{a} = exp({_fmt(zv[j])}) / ({_sum([f'exp({_fmt(t)})' for t in zv])})"
               f" = {_fmt(av)}")
    elif name == "prelu":
        g = float(run.params[learned_key("gamma", nid)][j])
        sym = f"{a} = PReLU({z}) = {z} if {z} > 0 else {nm.gamma(nid, j)} {z}"
        num = f"{a} = PReLU({_fmt(zv[j])}; γ = {_fmt(g)}) = {_fmt(av)}"
    else:
        sym, num = f"{a} = {F}({z})", f"{a} = {F}({_fmt(zv[j])}) = {_fmt(av)}"
    how = " (computed by the fused loss op)" if run.fused and nid == run.out else ""
    S.add("forward", "activation", nid, (j,), sym, num, av,
          label=f"activation of {nm.label(nid, j)}: {get_activation(name).display}{how}")


def _loss_steps(run: _Run, nm: _Names, S: _Steps) -> None:
    """L for the sample (and the L2 term of the risk), values off the tape."""
    out, loss_name = run.out, run.model.loss_name
    yh, y = run.a[out], run.y
    assert y is not None and run.loss is not None
    n = len(yh)
    terms: list[dict[str, Any]] = []
    if loss_name == "mse":
        for k in range(n):
            d = float(yh[k] - y[k])
            terms.append({"where": out, "units": [k], "symbol": f"½ ({nm.a(out, k)} − {nm.y(k)})²",
                          "numbers": f"½ ({_fmt(yh[k])} − {_fmtp(y[k])})²", "value": 0.5 * d * d})
        if n == 1:
            sym = f"L = ½ ({nm.a(out, 0)} − {nm.y(0)})²"
            num = f"L = ½ ({_fmt(yh[0])} − {_fmtp(y[0])})²"
        else:
            sym = "L = ½ [" + _sum([f"({nm.a(out, k)} − {nm.y(k)})²" for k in range(n)]) + "]"
            num = "L = ½ [" + _sum([f"({_fmt(yh[k])} − {_fmtp(y[k])})²" for k in range(n)]) + "]"
        label = "squared error ½‖ŷ − y‖²"
    elif loss_name == "ce":
        for k in range(n):
            v = -float(y[k]) * math.log(max(float(yh[k]), 1e-300))
            terms.append({"where": out, "units": [k], "symbol": f"−{nm.y(k)} log {nm.a(out, k)}",
                          "numbers": f"−{_fmtp(y[k])} · log {_fmt(yh[k])}", "value": v})
        sym = "L = −(" + _sum([f"{nm.y(k)} log {nm.a(out, k)}" for k in range(n)]) + ")"
        num = "L = −(" + _sum([f"{_fmt(y[k])} · log {_fmt(yh[k])}" for k in range(n)]) + ")"
        label = "softmax + cross-entropy −yᵀ log ŷ"
    else:  # bce
        for k in range(n):
            p, t = float(yh[k]), float(y[k])
            v = -(t * math.log(max(p, 1e-300)) + (1 - t) * math.log(max(1 - p, 1e-300)))
            a_, y_ = nm.a(out, k), nm.y(k)
            terms.append({"where": out, "units": [k],
                          "symbol": f"−[{y_} log {a_} + (1 − {y_}) log(1 − {a_})]",
                          "numbers": f"−[{_fmt(t)} · log {_fmt(p)} + (1 − {_fmt(t)}) · log(1 − {_fmt(p)})]",
                          "value": v})
        sym = "L = " + _sum([t["symbol"] for t in terms])
        num = "L = " + _sum([t["numbers"] for t in terms])
        label = "sigmoid + binary cross-entropy"
    S.add("loss", "loss", out, (), sym, f"{num} = {_fmt(run.loss)}", run.loss, terms, label=label)
    if run.model.l2:
        lam = run.model.l2
        w2 = sum(float(np.vdot(v, v)) for k, v in run.params.items() if k.startswith("W:"))
        S.add("loss", "l2", out, (), "R = L + ½ λ ‖W‖²_F",
              f"R = {_fmt(run.loss)} + ½ · {_fmt(lam)} · {_fmt(w2)} = {_fmt(run.risk)}", run.risk,
              label="structural risk: the loss plus L2 weight decay (biases excluded)")


def _seed_step(run: _Run, nm: _Names, S: _Steps, what: str | None = None) -> None:
    out = run.out
    what = what or nm.a(out, 0)
    S.add("backward", "seed", out, (0,), f"∂f/∂{what} = 1", f"∂f/∂{what} = 1", 1.0,
          local=None, upstream=None, product=None,
          label="no target: the backward pass starts from ∂ŷ/∂ŷ = 1 (f is the network's output)")


def _l2_sym(run: _Run) -> bool:
    return bool(run.model.l2) and run.y is not None


# ----------------------------------------------------------------------------
# neuron level
# ----------------------------------------------------------------------------

def _neuron_level(run: _Run, nm: _Names, S: _Steps) -> None:
    spec = run.spec
    for nid in run.order:
        node = spec.nodes[nid]
        if node.kind == "input":
            _input_steps(run, nm, S)
            continue
        if _act_name(run, nid) == "softmax":  # needs every z of the node first
            for j in range(node.units):
                _net_input_step(run, nm, S, nid, j)
            for j in range(node.units):
                _activation_forward(run, nm, S, nid, j)
        else:
            for j in range(node.units):
                _net_input_step(run, nm, S, nid, j)
                _activation_forward(run, nm, S, nid, j)
    if run.y is not None:
        _loss_steps(run, nm, S)
    else:
        _seed_step(run, nm, S)
    for nid in reversed(run.order):
        node = spec.nodes[nid]
        if node.kind == "input":
            continue
        for j in range(node.units):
            if nid == run.out:
                expanded = _delta_output(run, nm, S, nid, j)
            else:
                expanded = None
                _delta_hidden(run, nm, S, nid, j)
            for c, i in run.in_edges(nid, j):
                _weight_grad_step(run, nm, S, c, i, j, expanded)
            if node.bias:
                _bias_grad_step(run, nm, S, nid, j, expanded)
            if "gamma" in get_activation(node.activation).learned:
                _gamma_grad_step(run, nm, S, nid, j)


def _net_input_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """z_j = Σ_i w_ij a_i + b_j: each product kept, z_j itself off the tape."""
    node = run.spec.nodes[nid]
    terms: list[dict[str, Any]] = []
    syms, nums = [], []
    for c, i in run.in_edges(nid, j):
        wv, av = run.w(c, i, j), float(run.a[c.src][i])
        s = f"{nm.w(c, i, j)}{nm.a(c.src, i)}"
        n = f"{_fmt(wv)} · {_fmt(av)}"
        syms.append(s)
        nums.append(n)
        terms.append({"where": c.id, "units": [i, j], "symbol": s, "numbers": n,
                      "w": wv, "a": av, "value": wv * av})
    if node.bias:
        bv = float(run.params[bias_key(nid)][j])
        syms.append(nm.b(nid, j))
        nums.append(_fmt(bv))
        terms.append({"where": nid, "units": [j], "symbol": nm.b(nid, j), "numbers": _fmt(bv),
                      "value": bv})
    z = nm.z(nid, j)
    zv = float(run.z[nid][j])
    S.add("forward", "net_input", nid, (j,), f"{z} = {_sum(syms)}",
          f"{z} = {_sum(nums)} = {_fmt(zv)}", zv, terms,
          label=f"net input of {nm.label(nid, j)}")


def _delta_output(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> tuple[str, str]:
    """δ_k of an output unit, from the loss (or from 1 without a target).

    Returns the expanded form of δ_k (symbols, numbers) that the weight
    gradients repeat, as the lecture writes ∂L/∂w₄₇ = (ŷ₇ − y₇) ŷ₇ (1 − ŷ₇) a₄.
    """
    d, z, yh = nm.d(nid, j), nm.z(nid, j), nm.a(nid, j)
    dz = float(run.dz[nid][j])
    ŷ = float(run.a[nid][j])
    label = f"δ of output {nm.label(nid, j)}"
    if run.fused:
        t = float(run.y[j])  # type: ignore[index]
        es, en = f"({yh} − {nm.y(j)})", f"({_fmt(ŷ)} − {_fmtp(t)})"
        S.add("backward", "delta", nid, (j,), f"{d} = ∂L/∂{z} = {yh} − {nm.y(j)}",
              f"{d} = {_fmt(ŷ)} − {_fmtp(t)} = {_fmt(dz)}", dz,
              label=label + f" ({run.model.loss_name} fused with its activation: ŷ − y)")
        return es, en
    if _act_name(run, nid) == "softmax":
        n = run.spec.nodes[nid].units
        yv, g = run.a[nid], run.da[nid]
        terms = []
        for k in range(n):
            jac = float(yv[k] * ((k == j) - yv[j]))
            terms.append({"via": nm.label(nid, k), "where": nid, "units": [k],
                          "symbol": f"∂{nm.a(nid, k)}/∂{z} · ∂{run.obj}/∂{nm.a(nid, k)}",
                          "local": jac, "upstream": float(g[k]), "value": jac * float(g[k])})
        S.add("backward", "delta", nid, (j,),
              f"{d} = Σₖ ∂ŷₖ/∂{z} ∂{run.obj}/∂ŷₖ = {yh} (∂{run.obj}/∂{yh} − Σₖ ŷₖ ∂{run.obj}/∂ŷₖ)",
              f"{d} = {_fmt(ŷ)} · ({_fmt(g[j])} − ({_sum([f'{_fmt(yv[k])} · {_fmt(g[k])}' for k in range(n)])}))"
              f" = {_fmt(dz)}", dz, terms, product=sum(t["value"] for t in terms),
              label=label + " (softmax: every output's path meets here)")
        return d, _fmt(dz)
    fs, fn, fv = _fprime(run, nm, nid, j)
    up = float(run.da[nid][j])
    if run.y is None:
        es, en = fs, fn
        sym = f"{d} = ∂f/∂{z} = ∂{yh}/∂{z} = {fs}"
    else:
        t = float(run.y[j])
        us, un = f"({yh} − {nm.y(j)})", f"({_fmt(ŷ)} − {_fmtp(t)})"
        es = us if fs == "1" else f"{us} {fs}"
        en = un if fn == "1" else f"{un} · {fn}"
        sym = f"{d} = ∂L/∂{yh} · ∂{yh}/∂{z} = {es}"
    S.add("backward", "delta", nid, (j,), sym, f"{d} = {en} = {_fmt(dz)}", dz,
          local=fv, upstream=up, product=fv * up, label=label)
    return es, en


def _delta_hidden(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """δ_j = f'(z_j) Σ_k w_jk δ_k over every outgoing edge, each term kept."""
    d = nm.d(nid, j)
    fs, fn, fv = _fprime(run, nm, nid, j)
    terms, syms, nums = [], [], []
    for c, k in run.out_edges(nid, j):
        wv, dk = run.w(c, j, k), float(run.dz[c.dst][k])
        s = f"{nm.w(c, j, k)}{nm.d(c.dst, k)}"
        n = f"{_fmt(wv)} · {_fmt(dk)}"
        syms.append(s)
        nums.append(n)
        terms.append({"via": nm.label(c.dst, k), "where": c.id, "units": [j, k], "symbol": s,
                      "numbers": n, "w": wv, "delta": dk, "value": wv * dk})
    up = float(run.da[nid][j])  # Σ_k w_jk δ_k as the tape summed it
    ssym = syms[0] if len(syms) == 1 else f"({_sum(syms)})"
    snum = nums[0] if len(nums) == 1 else f"({_sum(nums)})"
    dz = float(run.dz[nid][j])
    S.add("backward", "delta", nid, (j,), f"{d} = {_times(fs, ssym)}",
          f"{d} = {_times_n(fn, snum)} = {_fmt(dz)}", dz, terms, local=fv, upstream=up,
          product=fv * up,
          label=f"δ of {nm.label(nid, j)}: f'(z) times the sum over its {len(terms)} outgoing edge(s)")


def _weight_grad_step(run: _Run, nm: _Names, S: _Steps, c: Connection, i: int, j: int,
                      expanded: tuple[str, str] | None) -> None:
    """∂L/∂w_ij = a_i δ_j (+ λ w_ij), the result off the tape."""
    nid, O = c.dst, run.obj
    w, a, d = nm.w(c, i, j), nm.a(c.src, i), nm.d(nid, j)
    ai, dj = float(run.a[c.src][i]), float(run.dz[nid][j])
    g = float(run.grads[weight_key(c.id)][j, i])
    l2 = _l2_sym(run)
    forms = [f"{a} {d}"]
    nums = f"{_fmt(ai)} · {_fmt(dj)}"
    terms: list[dict[str, Any]] = []
    if expanded is not None:
        forms.append(f"{expanded[0]} {a}")
        nums = f"{expanded[1]} · {_fmt(ai)}"
    else:
        fs, fn, fv = _fprime(run, nm, nid, j)
        parts = []
        for c2, k in run.out_edges(nid, j):
            wv, dk = run.w(c2, j, k), float(run.dz[c2.dst][k])
            parts.append(f"{nm.w(c2, j, k)}{nm.d(c2.dst, k)}")
            terms.append({"via": nm.label(c2.dst, k), "where": c2.id, "units": [j, k],
                          "symbol": f"{a} {_times(fs, parts[-1])}",
                          "numbers": f"{_fmt(ai)} · {_times_n(fn, f'{_fmt(wv)} · {_fmt(dk)}')}",
                          "value": ai * fv * wv * dk})
        inner = parts[0] if len(parts) == 1 else f"({_sum(parts)})"
        forms.append(f"{a} {_times(fs, inner)}")
    lhs = f"∂R/∂{w}" if l2 else f"∂{O}/∂{w}"
    if l2:
        lam, wv = run.model.l2, run.w(c, i, j)
        forms = [f"{f} + λ{w}" for f in forms]
        nums += f" + {_fmt(lam)} · {_fmtp(wv)}"
    S.add("backward", "weight_grad", c.id, (i, j), f"{lhs} = " + " = ".join(forms),
          f"{lhs} = {nums} = {_fmt(g)}", g, terms, local=ai, upstream=dj, product=ai * dj,
          label=f"gradient of the weight {nm.label(c.src, i)} → {nm.label(nid, j)}"
          + (f", summed over the {len(terms)} paths through {nm.label(nid, j)}" if len(terms) > 1 else ""))


def _bias_grad_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int,
                    expanded: tuple[str, str] | None) -> None:
    b, d = nm.b(nid, j), nm.d(nid, j)
    dj = float(run.dz[nid][j])
    g = float(run.grads[bias_key(nid)][j])
    sym = f"∂{run.obj}/∂{b} = {d}" + (f" = {expanded[0]}" if expanded else "")
    num = f"∂{run.obj}/∂{b} = {expanded[1]} = {_fmt(g)}" if expanded else f"∂{run.obj}/∂{b} = {_fmt(g)}"
    S.add("backward", "bias_grad", nid, (j,), sym, num, g,
          local=1.0, upstream=dj, product=dj, label=f"gradient of the bias of {nm.label(nid, j)}")


def _gamma_grad_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """PReLU's learned γ_j: ∂L/∂γ_j = ∂L/∂a_j · (z_j if z_j ≤ 0 else 0)."""
    gsym, a, z = nm.gamma(nid, j), nm.a(nid, j), nm.z(nid, j)
    zv, up = float(run.z[nid][j]), float(run.da[nid][j])
    loc = zv if zv <= 0 else 0.0
    g = float(run.grads[learned_key("gamma", nid)][j])
    S.add("backward", "gamma_grad", nid, (j,),
          f"∂{run.obj}/∂{gsym} = ∂{run.obj}/∂{a} · ({z} if {z} ≤ 0 else 0)",
          f"∂{run.obj}/∂{gsym} = {_fmt(up)} · {_fmtp(loc)} = {_fmt(g)}", g,
          local=loc, upstream=up, product=loc * up,
          label=f"gradient of PReLU's learned γ of {nm.label(nid, j)}")


# ----------------------------------------------------------------------------
# op level
# ----------------------------------------------------------------------------

def _op_level(run: _Run, nm: _Names, S: _Steps) -> None:
    out = run.out
    running: dict[str, np.ndarray] = {}
    last_writer = {}  # node -> index in run.ops of the last op writing z
    for n, (kind, where, src, dst, *_rest) in enumerate(run.ops):
        if kind in ("matmul", "bias"):
            last_writer[dst] = n
    act_names = {nid: _act_name(run, nid) for nid in run.order if nid != nm.input}

    def act_sym(nid: str) -> str:
        name = act_names[nid]
        return nm.vec("z", nid) if name == "identity" else f"{_FNAME.get(name, name)}({nm.vec('z', nid)})"

    # forward
    for n, (kind, where, src, dst, acc, wg) in enumerate(run.ops):
        Z = nm.vec("z", dst)
        if kind == "matmul":
            W = run.params[weight_key(where)]
            av = run.a[src]
            contrib = W @ av
            new = contrib if not acc else running[dst] + contrib
            if last_writer[dst] == n:
                new = run.z[dst]
            Wn, A = nm.mat(where), nm.vec("a", src)
            terms = [{"name": Wn, "value": W.tolist()}, {"name": A, "value": av.tolist()},
                     {"name": f"{Wn} {A}", "value": contrib.tolist()}]
            if acc:
                sym = f"{Z} = {Z} + {Wn} {A}"
                num = f"{Z} = {_arr(running[dst])} + {_arr(W)} {_arr(av)} = {_arr(new)}"
            else:
                sym = f"{Z} = {Wn} {A}"
                num = f"{Z} = {_arr(W)} {_arr(av)} = {_arr(new)}"
            running[dst] = new
            S.add("forward", "matmul", where, (), sym, num, new, terms,
                  label=f"matmul of connection {where}: {src} → {dst}")
        elif kind == "bias":
            bv = run.params[bias_key(where)]
            before = running.get(where, np.zeros_like(bv))
            S.add("forward", "bias", where, (), f"{Z} = {Z} + {nm.vec('b', where)}",
                  f"{Z} = {_arr(before)} + {_arr(bv)} = {_arr(run.z[where])}", run.z[where],
                  [{"name": nm.vec("b", where), "value": bv.tolist()}],
                  label=f"bias add of {where}")
            running[where] = run.z[where]
        elif kind == "activation":
            A = nm.vec("a", where)
            S.add("forward", "activation", where, (), f"{A} = {act_sym(where)}",
                  f"{A} = {_arr(run.a[where])}", run.a[where],
                  [{"name": Z, "value": run.z[where].tolist()}],
                  label=f"activation of {where}: {get_activation(act_names[where]).display}")
        elif kind == "loss":
            if run.y is None:  # the loss does not run; a fused one's activation still does
                if _loss_fused(run):
                    _op_fused_activation(run, nm, S, act_sym)
                continue
            _op_loss_forward(run, nm, S, act_sym)
        else:
            S.add("forward", kind, where, (), kind, kind, None, label=f"{kind} op of {where}")

    # backward
    if run.y is None:
        _seed_step(run, nm, S, "ŷ")
        if _loss_fused(run):
            fs = _fprime_vec(run, out)
            S.add("backward", "activation", out, (), f"{nm.vec('δ', out)} = {act_names[out]}'({nm.vec('z', out)}) ⊙ ∂f/∂ŷ",
                  f"{nm.vec('δ', out)} = {_arr(fs)} ⊙ {_arr(run.da[out])} = {_arr(run.dz[out])}",
                  run.dz[out], local=fs, upstream=run.da[out], product=fs * run.da[out],
                  label=f"activation of {out} (computed by the fused loss op), backward")
    running_da: dict[str, np.ndarray] = {}
    O = run.obj
    for kind, where, src, dst, acc, wg in reversed(run.ops):
        D = nm.vec("δ", dst)
        if kind == "loss":
            if run.y is None:
                continue
            yh, y = run.a[out], run.y
            if run.fused:
                S.add("backward", "loss", out, (), f"{D} = ∂L/∂{nm.vec('z', out)} = ŷ − y",
                      f"{D} = {_arr(yh)} − {_arr(y)} = {_arr(run.dz[out])}", run.dz[out],
                      [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
                      label=f"{run.model.loss_name} loss fused with its activation: ∂L/∂z = ŷ − y")
            else:
                S.add("backward", "loss", out, (), "∂L/∂ŷ = ŷ − y",
                      f"∂L/∂ŷ = {_arr(yh)} − {_arr(y)} = {_arr(run.da[out])}", run.da[out],
                      [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
                      label="squared error: ∂L/∂ŷ = ŷ − y")
        elif kind == "activation":
            A = nm.vec("a", where)
            up, res = run.da[where], run.dz[where]
            if act_names[where] == "softmax":
                s = float(np.vdot(run.a[where], up))
                S.add("backward", "activation", where, (),
                      f"{D} = {A} ⊙ (∂{O}/∂{A} − {A}ᵀ ∂{O}/∂{A})",
                      f"{D} = {_arr(run.a[where])} ⊙ ({_arr(up)} − {_fmt(s)}) = {_arr(res)}", res,
                      [{"name": f"∂{O}/∂{A}", "value": up.tolist()}], upstream=up,
                      label=f"softmax of {where}, backward (its Jacobian times the upstream gradient)")
            else:
                fs = _fprime_vec(run, where)
                F = _FNAME.get(act_names[where], act_names[where]) or "f"
                fz = f"{F}'({nm.vec('z', where)})"
                S.add("backward", "activation", where, (),
                      f"{D} = ∂{O}/∂{nm.vec('z', where)} = {fz} ⊙ ∂{O}/∂{A}",
                      f"{D} = {_arr(fs)} ⊙ {_arr(up)} = {_arr(res)}", res,
                      [{"name": fz, "value": fs.tolist()},
                       {"name": f"∂{O}/∂{A}", "value": up.tolist()}],
                      local=fs, upstream=up, product=fs * up,
                      label=f"activation of {where}, backward: {get_activation(act_names[where]).display}")
                if "gamma" in get_activation(act_names[where]).learned:
                    key = learned_key("gamma", where)
                    S.add("backward", "gamma_grad", where, (),
                          f"∂{O}/∂γ[{where}] = ∂{O}/∂{A} ⊙ min({nm.vec('z', where)}, 0)",
                          f"∂{O}/∂γ[{where}] = {_arr(up)} ⊙ {_arr(np.minimum(run.z[where], 0))}"
                          f" = {_arr(run.grads[key])}", run.grads[key],
                          label=f"PReLU's learned γ of {where}")
        elif kind == "bias":
            g = run.grads[bias_key(where)]
            S.add("backward", "bias", where, (), f"∂{O}/∂{nm.vec('b', where)} = {D}",
                  f"∂{O}/∂{nm.vec('b', where)} = {_arr(g)}", g,
                  local=np.ones_like(g), upstream=run.dz[where], product=run.dz[where],
                  label=f"bias add of {where}, backward")
        elif kind == "matmul":
            key = weight_key(where)
            W, av, dv = run.params[key], run.a[src], run.dz[dst]
            g = run.grads[key]
            Wn, A = nm.mat(where), nm.vec("a", src)
            outer = np.outer(dv, av)
            mask = run.model.masks.get(where)
            if mask is not None:
                outer = outer * mask
            l2 = _l2_sym(run)
            lhs = f"∂R/∂{Wn}" if l2 else f"∂{O}/∂{Wn}"
            sym = f"{lhs} = {D} {A}ᵀ" + (" ⊙ mask" if mask is not None else "") + (f" + λ{Wn}" if l2 else "")
            num = f"{lhs} = {_arr(dv)} {_arr(av)}ᵀ" + (f" + {_fmt(run.model.l2)} {_arr(W)}" if l2 else "") + f" = {_arr(g)}"
            terms: list[dict[str, Any]] = [{"name": D, "value": dv.tolist()}, {"name": A, "value": av.tolist()}]
            if mask is not None:
                terms.append({"name": "mask", "value": mask.tolist()})
            if wg is not None:
                contrib = W.T @ dv
                running_da[src] = contrib if wg == "write" else running_da[src] + contrib
                op = "=" if wg == "write" else "+="
                sym += f";  ∂{O}/∂{A} {op} {Wn}ᵀ {D}"
                num += (f";  ∂{O}/∂{A} = {_arr(contrib)}" if wg == "write" else
                        f";  ∂{O}/∂{A} += {_arr(contrib)} → {_arr(running_da[src])}")
                terms += [{"name": f"{Wn}ᵀ {D}", "value": contrib.tolist()},
                          {"name": f"∂{O}/∂{A} so far", "value": running_da[src].tolist()}]
            S.add("backward", "matmul", where, (), sym, num, g, terms, local=av, upstream=dv,
                  product=outer, label=f"matmul of connection {where}, backward"
                  + (" (adds to a gradient another path already wrote)" if wg == "add" else ""))


def _loss_fused(run: _Run) -> bool:
    """Whether the output activation is computed by a fused loss op (ce/bce)."""
    return LOSS_OPS[run.model.loss_name].fused


def _fprime_vec(run: _Run, nid: str) -> np.ndarray:
    act = get_activation(run.spec.nodes[nid].activation)
    return np.asarray(act.df(run.z[nid], **run.hyper(nid)), dtype=np.float64).reshape(-1)


def _op_fused_activation(run: _Run, nm: _Names, S: _Steps, act_sym) -> None:
    out = run.out
    S.add("forward", "activation", out, (), f"ŷ = {act_sym(out)}", f"ŷ = {_arr(run.a[out])}",
          run.a[out], [{"name": nm.vec("z", out), "value": run.z[out].tolist()}],
          label=f"activation of {out} (done by the fused loss op)")


def _op_loss_forward(run: _Run, nm: _Names, S: _Steps, act_sym) -> None:
    out = run.out
    yh, y = run.a[out], run.y
    assert y is not None
    name = run.model.loss_name
    if run.fused:
        _op_fused_activation(run, nm, S, act_sym)
    sym = {"mse": "L = ½ ‖ŷ − y‖²", "ce": "L = −yᵀ log ŷ",
           "bce": "L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]"}[name]
    S.add("loss", "loss", out, (), sym, f"{sym.split(' = ')[0]} = {_fmt(run.loss)}  (ŷ = {_arr(yh)}, y = {_arr(y)})",
          run.loss, [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
          label="the loss op")
    if run.model.l2:
        S.add("loss", "l2", out, (), "R = L + ½ λ ‖W‖²_F",
              f"R = {_fmt(run.loss)} + ½ · {_fmt(run.model.l2)} · ‖W‖² = {_fmt(run.risk)}", run.risk,
              label="structural risk with L2 weight decay")


# ----------------------------------------------------------------------------
# scalar level: each neuron as a small computation graph
# ----------------------------------------------------------------------------

@dataclass
class _SV:
    """One scalar in the elementary graph: an input, a parameter or an h."""

    name: str
    value: float
    role: str                        # "input" | "h" | "weight" | "bias" | "gamma"
    where: str
    units: tuple[int, ...]
    block: tuple
    alias: str = ""                  # a₄ / ŷ₇ / z₄ where the neuron level names it
    tape_grad: float | None = None   # the gradient as the tape holds it
    output: bool = False             # the network's output unit
    consumers: list[tuple[int, int]] = field(default_factory=list)  # (op, input position)

    @property
    def ref(self) -> str:
        """How a consuming op writes this value: a unit's output by its a₄ / ŷ₇, else its own name."""
        return self.alias if self.alias and self.role == "h" and not self.alias.startswith("z") else self.name


@dataclass
class _SO:
    """One elementary op: out = op(inputs), with the local derivatives."""

    out: int
    inputs: list[int]
    local: list[float]
    local_sym: list[str]
    where: str
    units: tuple[int, ...]
    fused: bool = False


def _scalar_level(run: _Run, nm: _Names, S: _Steps) -> None:
    """Every neuron as elementary ops; backward, one chain-rule step per value.

    Forward builds a small graph (values ``h₁, h₂, ...`` and parameters,
    ops with their local derivatives) and emits one step per op. The
    values the tape also holds (each z_j and a_j) take the tape's numbers;
    the ones in between (x·w, −z, exp(−z), ...) are computed for display.

    Backward walks the nodes in reverse order (units ascending, each
    unit's values in reverse): a value with one consumer gets local ×
    upstream; one with several (a unit feeding several neurons, a z under
    a softmax) gets the sum over its paths, each term kept; a parameter
    gets the whole chain of local derivatives down from the nearest point
    where paths meet. Results are the tape's wherever it has them.
    """
    spec, out = run.spec, run.out
    vals: list[_SV] = []
    ops: list[_SO] = []
    blocks: dict[str, list[tuple]] = {}
    block_vals: dict[tuple, list[int]] = {}
    unit_out: dict[tuple[str, int], int] = {}
    counter = [0]

    def value(v: _SV) -> int:
        vals.append(v)
        block_vals.setdefault(v.block, []).append(len(vals) - 1)
        return len(vals) - 1

    def h(value_: float, where: str, units: tuple[int, ...], block: tuple, alias: str = "",
          tape_grad: float | None = None) -> int:
        counter[0] += 1
        return value(_SV(f"h{str(counter[0]).translate(_SUBSCRIPT)}", float(value_), "h", where,
                         units, block, alias, tape_grad))

    def op(out_: int, inputs: list[int], local: list[float], local_sym: list[str], expr: str,
           expr_num: str, label: str, fused: bool = False) -> None:
        o = _SO(out_, inputs, local, local_sym, vals[out_].where, vals[out_].units, fused)
        ops.append(o)
        for pos, i in enumerate(inputs):
            vals[i].consumers.append((len(ops) - 1, pos))
        v = vals[out_]
        terms = [{"input": vals[i].ref, "value": vals[i].value, "local_symbol": f"∂{v.name}/∂{vals[i].ref}",
                  "local": lo} for i, lo in zip(inputs, local)]
        alias = f"  (= {v.alias})" if v.alias else ""
        S.add("forward", "scalar_op", v.where, v.units, f"{v.name} = {expr}{alias}",
              f"{v.name} = {expr_num} = {_fmt(v.value)}", v.value, terms, label=label)

    # inputs
    for i, xv in enumerate(run.x):
        sym = nm.a(nm.input, i)
        idx = value(_SV(sym, float(xv), "input", nm.input, (i,), ("input",)))
        unit_out[(nm.input, i)] = idx
    _input_steps(run, nm, S)

    def z_chain(nid: str, j: int, block: tuple) -> int:
        node = spec.nodes[nid]
        edges = run.in_edges(nid, j)
        zv, dz = float(run.z[nid][j]), float(run.dz[nid][j])
        n_pre = len(edges)
        last = "bias" if node.bias else ("sum" if n_pre >= 2 else ("mul" if n_pre == 1 else "zero"))
        zalias = nm.z(nid, j)
        prods = []
        for c, i in edges:
            src = unit_out[(c.src, i)]
            key = weight_key(c.id)
            wv = run.w(c, i, j)
            wi = value(_SV(nm.w(c, i, j), wv, "weight", c.id, (i, j), block,
                           tape_grad=float(run.grads[key][j, i])))
            av = vals[src].value
            is_z = last == "mul"
            hi = h(zv if is_z else av * wv, c.id, (i, j), block, zalias if is_z else "",
                   dz if is_z else None)
            op(hi, [src, wi], [wv, av], [vals[wi].name, vals[src].ref],
               f"{vals[src].ref} · {vals[wi].name}", f"{_fmt(av)} · {_fmt(wv)}",
               f"product on the edge {nm.label(c.src, i)} → {nm.label(nid, j)}")
            prods.append(hi)
        pre = prods[0] if prods else None
        if n_pre >= 2:
            is_z = last == "sum"
            total = sum(vals[p].value for p in prods)
            hs = h(zv if is_z else total, nid, (j,), block, zalias if is_z else "", dz if is_z else None)
            op(hs, prods, [1.0] * n_pre, ["1"] * n_pre, _sum([vals[p].name for p in prods]),
               _sum([_fmt(vals[p].value) for p in prods]), f"sum of the products into {nm.label(nid, j)}")
            pre = hs
        if node.bias:
            key = bias_key(nid)
            bv = float(run.params[key][j])
            bi = value(_SV(nm.b(nid, j), bv, "bias", nid, (j,), block, tape_grad=float(run.grads[key][j])))
            hb = h(zv, nid, (j,), block, zalias, dz)
            if pre is None:
                op(hb, [bi], [1.0], ["1"], vals[bi].name, _fmt(bv), f"bias of {nm.label(nid, j)} (no inputs)")
            else:
                op(hb, [pre, bi], [1.0, 1.0], ["1", "1"], f"{vals[pre].name} + {vals[bi].name}",
                   _sum([_fmt(vals[pre].value), _fmt(bv)]), f"add the bias of {nm.label(nid, j)}")
            pre = hb
        if pre is None:
            pre = h(zv, nid, (j,), block, zalias, dz)
            op(pre, [], [], [], "0", "0", f"{nm.label(nid, j)} has no inputs and no bias")
        return pre

    def act_chain(nid: str, j: int, zi: int, block: tuple) -> int:
        name = _act_name(run, nid)
        av = float(run.a[nid][j])
        is_out = nid == out
        fused = run.fused and is_out
        alias = nm.a(nid, j)
        da = None if fused else float(run.da[nid][j])
        zv = vals[zi].value
        zn = vals[zi].name
        lbl = nm.label(nid, j)
        if name == "logistic" and not fused:
            h3 = h(-zv, nid, (j,), block)
            op(h3, [zi], [-1.0], ["−1"], f"−{zn}", f"−{_fmtp(zv)}", f"logistic of {lbl}: multiply by −1")
            with np.errstate(over="ignore"):
                e = float(np.exp(vals[h3].value))
            h4 = h(e, nid, (j,), block)
            op(h4, [h3], [e], [f"exp({vals[h3].name})"], f"exp({vals[h3].name})",
               f"exp({_fmt(vals[h3].value)})", f"logistic of {lbl}: exp")
            h5 = h(e + 1.0, nid, (j,), block)
            op(h5, [h4], [1.0], ["1"], f"{vals[h4].name} + 1", f"{_fmt(e)} + 1", f"logistic of {lbl}: add 1")
            d5 = e + 1.0
            h6 = h(av, nid, (j,), block, alias, da)
            op(h6, [h5], [-1.0 / (d5 * d5)], [f"−1/{vals[h5].name}²"], f"1 / {vals[h5].name}",
               f"1 / {_fmt(d5)}", f"logistic of {lbl}: reciprocal")
            return h6
        gi = None
        if "gamma" in get_activation(name).learned:  # registered before its op, like w and b
            key = learned_key("gamma", nid)
            gi = value(_SV(nm.gamma(nid, j), float(run.params[key][j]), "gamma", nid, (j,), block,
                           tape_grad=float(run.grads[key][j])))
        ha = h(av, nid, (j,), block, alias, da)
        if name == "identity":
            op(ha, [zi], [1.0], ["1"], zn, _fmt(zv), f"identity activation of {lbl}")
        elif name == "tanh":
            op(ha, [zi], [1.0 - av * av], [f"1 − {vals[ha].name}²"], f"tanh({zn})", f"tanh({_fmt(zv)})",
               f"tanh activation of {lbl}")
        elif name == "relu":
            op(ha, [zi], [float(zv > 0)], [f"I({zn} > 0)"], f"ReLU({zn})", f"ReLU({_fmt(zv)})",
               f"ReLU activation of {lbl}")
        else:
            F = _FNAME.get(name, name)
            fv = float(_fprime_vec(run, nid)[j]) if not fused else float(av * (1 - av))
            inputs, local, lsym = [zi], [fv], [f"{F}'({zn})"]
            if gi is not None:
                inputs.append(gi)
                local.append(zv if zv <= 0 else 0.0)
                lsym.append(f"min({zn}, 0)")
            how = " (fused with the loss)" if fused else ""
            op(ha, inputs, local, lsym, f"{F}({zn})", f"{F}({_fmt(zv)})",
               f"{get_activation(name).display} activation of {lbl}{how}", fused)
        return ha

    for nid in run.order:
        node = spec.nodes[nid]
        if node.kind == "input":
            continue
        blocks[nid] = []
        if _act_name(run, nid) == "softmax":
            # The softmax outputs form one block, walked back first; then each unit's z chain.
            block = (nid, "softmax")
            blocks[nid].append(block)
            zs = []
            for j in range(node.units):
                blocks[nid].append((nid, j))
                zs.append(z_chain(nid, j, (nid, j)))
            yv = run.a[nid]
            fused = run.fused and nid == out
            for k in range(node.units):
                da = None if fused else float(run.da[nid][k])
                hk = h(float(yv[k]), nid, (k,), block, nm.a(nid, k), da)
                local = [float(yv[k] * ((k == j) - yv[j])) for j in range(node.units)]
                op(hk, zs, local, [f"{nm.a(nid, k)}(I({k}={j}) − {nm.a(nid, j)})" for j in range(node.units)],
                   f"exp({vals[zs[k]].name}) / ({_sum([f'exp({vals[t].name})' for t in zs])})",
                   f"exp({_fmt(vals[zs[k]].value)}) / ({_sum([f'exp({_fmt(vals[t].value)})' for t in zs])})",
                   f"softmax output {nm.label(nid, k)}" + (" (fused with the loss)" if fused else ""), fused)
                unit_out[(nid, k)] = hk
                vals[hk].output = nid == out
        else:
            for j in range(node.units):
                block = (nid, j)
                blocks[nid].append(block)
                zi = z_chain(nid, j, block)
                ai = act_chain(nid, j, zi, block)
                unit_out[(nid, j)] = ai
                vals[ai].output = nid == out
    if run.y is not None:
        _loss_steps(run, nm, S)

    # backward: nodes in reverse order, units ascending, each block's values in reverse
    O = run.obj
    grad: dict[int, float] = {}
    lam = run.model.l2 if _l2_sym(run) else 0.0
    for nid in reversed(run.order):
        if nid == nm.input:
            continue
        for block in blocks[nid]:
            for vi in reversed(block_vals[block]):
                v = vals[vi]
                if v.role == "input":
                    continue
                if v.output:
                    if run.fused:
                        continue  # the fused loss gives ∂L/∂z directly
                    k = v.units[0]
                    grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
                    if run.y is None:
                        S.add("backward", "seed", out, (k,), f"∂f/∂{v.name} = ∂f/∂{v.alias} = 1",
                              f"∂f/∂{v.name} = 1", grad[vi],
                              label="no target: the backward pass starts from ∂ŷ/∂ŷ = 1")
                    else:
                        yh, t = float(run.a[out][k]), float(run.y[k])
                        if run.model.loss_name == "mse":
                            S.add("backward", "loss_grad", out, (k,),
                                  f"∂L/∂{v.name} = ∂L/∂{v.alias} = {v.alias} − {nm.y(k)}",
                                  f"∂L/∂{v.name} = {_fmt(yh)} − {_fmtp(t)} = {_fmt(grad[vi])}", grad[vi],
                                  label=f"squared error, derivative by output {nm.label(out, k)}")
                        else:  # a loss whose activation is not fused (not offered today)
                            S.add("backward", "loss_grad", out, (k,), f"∂L/∂{v.name}",
                                  f"∂L/∂{v.name} = {_fmt(grad[vi])}", grad[vi],
                                  label=f"loss derivative by output {nm.label(out, k)}")
                    continue
                cons = v.consumers
                if cons and all(ops[o].fused for o, _ in cons):
                    k = v.units[-1]
                    yh, t = float(run.a[out][k]), float(run.y[k])  # type: ignore[index]
                    grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
                    S.add("backward", "delta", out, (k,),
                          f"∂L/∂{v.name} = ∂L/∂{v.alias} = {nm.a(out, k)} − {nm.y(k)}",
                          f"∂L/∂{v.name} = {_fmt(yh)} − {_fmtp(t)} = {_fmt(grad[vi])}", grad[vi],
                          label=f"δ of output {nm.label(out, k)}: {run.model.loss_name} fused with "
                          "its activation gives ŷ − y")
                    continue
                if len(cons) == 1:
                    o, pos = cons[0]
                    so = ops[o]
                    ov = vals[so.out]
                    loc, up = so.local[pos], grad[so.out]
                    prod = loc * up
                    res = prod if v.tape_grad is None else float(v.tape_grad)
                    grad[vi] = res
                    if v.role == "h":
                        sym = (f"∂{O}/∂{v.name} = ∂{ov.name}/∂{v.name} · ∂{O}/∂{ov.name}"
                               f" = {so.local_sym[pos]} · ∂{O}/∂{ov.name}")
                        lab = f"chain rule through {ov.name}" + (
                            f"; this is δ = ∂{O}/∂{v.alias}" if v.alias.startswith("z") else "")
                        S.add("backward", "scalar_op", v.where, v.units, sym,
                              f"∂{O}/∂{v.name} = {_fmt(loc)} · {_fmt(up)} = {_fmt(res)}", res,
                              local=loc, upstream=up, product=prod, label=lab)
                    else:
                        _scalar_param_step(run, S, vals, ops, grad, vi, o, pos, lam, O)
                    continue
                # several consumers: the paths meet here and their gradients add up
                terms, syms, nums = [], [], []
                total = 0.0
                for o, pos in cons:
                    so = ops[o]
                    ov = vals[so.out]
                    loc, up = so.local[pos], grad[so.out]
                    s = f"{so.local_sym[pos]} · ∂{O}/∂{ov.name}"
                    n = f"{_fmt(loc)} · {_fmt(up)}"
                    syms.append(s)
                    nums.append(n)
                    terms.append({"via": ov.name, "where": so.where, "units": list(so.units), "symbol": s,
                                  "numbers": n, "local": loc, "upstream": up, "value": loc * up})
                    total += loc * up
                res = total if v.tape_grad is None else float(v.tape_grad)
                grad[vi] = res
                named = v.alias or v.name
                S.add("backward", "sum_grad", v.where, v.units,
                      f"∂{O}/∂{v.name} = {_sum(syms)}", f"∂{O}/∂{v.name} = {_sum(nums)} = {_fmt(res)}",
                      res, terms, product=total,
                      label=f"{len(terms)} paths meet at {named}: their gradients add up")


def _scalar_param_step(run: _Run, S: _Steps, vals: list[_SV], ops: list[_SO], grad: dict[int, float],
                       vi: int, o: int, pos: int, lam: float, O: str) -> None:
    """∂L/∂θ for one scalar parameter, with the whole chain of local derivatives.

    The chain climbs from the parameter's op through every value with a
    single consumer up to where paths meet (or the output), as the lecture
    writes df/dw = 1 · −0.25 · 1 · 1 · −1 · 1 · 1.
    """
    v = vals[vi]
    so = ops[o]
    factors = [(f"∂{vals[so.out].name}/∂{v.name}", so.local[pos])]
    top = so.out
    while True:
        t = vals[top]
        if t.output or len(t.consumers) != 1 or ops[t.consumers[0][0]].fused:
            break
        o2, p2 = t.consumers[0]
        factors.append((f"∂{vals[ops[o2].out].name}/∂{t.name}", ops[o2].local[p2]))
        top = ops[o2].out
    chain = [(f"∂{O}/∂{vals[top].name}", grad[top])] + list(reversed(factors))
    loc, up = so.local[pos], grad[so.out]
    res = float(v.tape_grad)  # type: ignore[arg-type]
    grad[vi] = res
    kind = {"weight": "weight_grad", "bias": "bias_grad", "gamma": "gamma_grad"}[v.role]
    l2 = lam and v.role == "weight"
    lhs = f"∂R/∂{v.name}" if l2 else f"∂{O}/∂{v.name}"
    sym = f"{lhs} = " + " · ".join(s for s, _ in chain) + (f" + λ{v.name}" if l2 else "")
    num = f"{lhs} = " + " · ".join(_fmt(x) for _, x in chain) + (
        f" + {_fmt(lam)} · {_fmtp(v.value)}" if l2 else "") + f" = {_fmt(res)}"
    S.add("backward", kind, v.where, v.units, sym, num, res,
          [{"symbol": s, "value": x} for s, x in chain], local=loc, upstream=up, product=loc * up,
          label=f"gradient of {v.name}: the chain of local derivatives")


# ----------------------------------------------------------------------------
# the optimiser's next update, previewed
# ----------------------------------------------------------------------------

def _preview(model: Model, optimizer: Optimizer) -> dict[str, dict[str, np.ndarray]]:
    """What ``optimizer.step()`` would do with this sample's gradient, per parameter.

    A twin of the optimiser (same class, hyper-parameters, state and t) is
    built over copies of ``model.theta`` and ``model.grad`` and asked for
    its ``preview()``: the optimiser's own arithmetic on this sample's
    gradient, whichever network's arrays the real one is bound to, and
    nothing of the real one changes.
    """
    params = getattr(optimizer, "params", None)
    if not params or len(params) != 1 or params[0].shape != model.theta.shape:
        raise ValueError("the optimiser must be built over one flat vector laid out like "
                         "model.theta (make_optimizer(name, [model.theta], [model.grad]))")
    twin = type(optimizer)([model.theta.copy()], [model.grad.copy()], **dict(optimizer.hyper))
    before = optimizer.state_dict()
    twin.load_state_dict(before)
    entry = twin.preview()[0]
    out: dict[str, dict[str, np.ndarray]] = {}
    split = {k: model.unflatten(np.asarray(v)) for k, v in entry.items()}
    prev = {k: model.unflatten(np.asarray(v)) for k, v in before["state"][0].items()}
    theta, grad = model.unflatten(model.theta), model.unflatten(model.grad)
    for key in model.slices:
        d = {name: parts[key].copy() for name, parts in split.items()}
        d.update({f"{name}_prev": parts[key].copy() for name, parts in prev.items()})
        d["value"] = theta[key].copy()
        d["new_value"] = theta[key] + d["update"]
        d["grad"] = grad[key].copy()
        out[key] = d
    return out


def _update_formula(opt: Optimizer, t: int, p: str, g_sym: str, u: dict[str, float]) -> tuple[str, str]:
    """The optimiser's real rule for one scalar, with symbols and with numbers."""
    h = opt.hyper
    w, g, new = u["value"], u["grad"], u["new_value"]
    name = opt.name
    if name == "sgd":
        return (f"{p} ← {p} − ε {g_sym}",
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} · {_fmtp(g)} = {_fmt(new)}")
    if name == "momentum":
        return (f"v ← α v − ε {g_sym};  {p} ← {p} + v",
                f"v ← {_fmt(h['alpha'])} · {_fmtp(u['v_prev'])} − {_fmt(h['lr'])} · {_fmtp(g)} = {_fmt(u['v'])};  "
                f"{p} ← {_fmt(w)} + {_fmtp(u['v'])} = {_fmt(new)}")
    if name == "adagrad":
        return (f"r ← r + ({g_sym})²;  {p} ← {p} − ε / (√r + δ) · {g_sym}",
                f"r ← {_fmt(u['r_prev'])} + {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} / (√{_fmt(u['r'])} + {_fmt(h['delta'])}) · {_fmtp(g)}"
                f" = {_fmt(new)}")
    if name == "rmsprop":
        return (f"r ← ρ r + (1 − ρ) ({g_sym})²;  {p} ← {p} − ε / (√r + δ) · {g_sym}",
                f"r ← {_fmt(h['rho'])} · {_fmt(u['r_prev'])} + {_fmt(1 - h['rho'])} · {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} / (√{_fmt(u['r'])} + {_fmt(h['delta'])}) · {_fmtp(g)}"
                f" = {_fmt(new)}")
    if name == "adam":
        tt = str(t).translate(_SUPERSCRIPT)
        return (f"s ← ρ₁ s + (1 − ρ₁) {g_sym};  r ← ρ₂ r + (1 − ρ₂) ({g_sym})²;  "
                f"ŝ = s / (1 − ρ₁ᵗ);  r̂ = r / (1 − ρ₂ᵗ);  {p} ← {p} − ε ŝ / (√r̂ + δ)",
                f"s ← {_fmt(h['rho1'])} · {_fmtp(u['s_prev'])} + {_fmt(1 - h['rho1'])} · {_fmtp(g)} = {_fmt(u['s'])};  "
                f"r ← {_fmt(h['rho2'])} · {_fmt(u['r_prev'])} + {_fmt(1 - h['rho2'])} · {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"ŝ = {_fmtp(u['s'])} / (1 − {_fmt(h['rho1'])}{tt}) = {_fmt(u['s_hat'])};  "
                f"r̂ = {_fmt(u['r'])} / (1 − {_fmt(h['rho2'])}{tt}) = {_fmt(u['r_hat'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} · {_fmtp(u['s_hat'])} / (√{_fmt(u['r_hat'])} + {_fmt(h['delta'])})"
                f" = {_fmt(new)}")
    return (f"{p} ← {p} + Δ{p}   ({opt.update_rule})",
            f"{p} ← {_fmt(w)} + {_fmtp(u['update'])} = {_fmt(new)}")


def _update_steps(run: _Run, nm: _Names, S: _Steps, opt: Optimizer,
                  updates: dict[str, dict[str, np.ndarray]]) -> None:
    """One "update" step per scalar parameter (per array at the op level)."""
    t = opt.t + 1
    O = "R" if _l2_sym(run) else run.obj
    title = getattr(opt, "display_name", "") or opt.name
    for key, d in updates.items():
        kind, ident = key.split(":", 1)
        where = ident
        if S.level == "op":
            P = nm.mat(ident) if kind == "W" else (nm.vec("b", ident) if kind == "b" else f"{kind}[{ident}]")
            S.add("update", "update", where, (), f"{P} ← {P} + Δ{P}   ({opt.update_rule})",
                  f"{P} ← {_arr(d['value'])} + {_arr(d['update'])} = {_arr(d['new_value'])}",
                  d["new_value"], [{"name": n, "value": np.asarray(a).tolist()} for n, a in d.items()],
                  label=f"{title} update of {key} (previewed, not applied)")
            continue
        shape = d["value"].shape
        for idx in np.ndindex(*shape):
            if kind == "W":
                j, i = idx
                if (i, j) in run.removed[ident]:
                    continue
                units: tuple[int, ...] = (i, j)
            else:
                units = (idx[0],)
            p = nm.param(key, idx)
            u = {n: float(np.asarray(a)[idx]) for n, a in d.items()}
            sym, num = _update_formula(opt, t, p, f"∂{O}/∂{p}", u)
            terms = [{"name": n, "value": u[n]} for n in d if n not in ("value", "new_value")]
            S.add("update", "update", where, units, sym, num, u["new_value"], terms,
                  label=f"{title} update of {p} (previewed, not applied)")


# ----------------------------------------------------------------------------
# the command line's table
# ----------------------------------------------------------------------------

def format_table(trace: Trace) -> str:
    """The steps as a readable plain-text table, for ``backprop-studio trace``.

    One row per step: number, phase, where (node or connection, with unit
    indices), the formula with symbols, and under it the same formula with
    the numbers; backward rows add local × upstream = product, and sums add
    their terms. Then the loss, every gradient and any previewed update.
    """
    lines = [f"Trace of one sample, {trace.level} level"]
    if trace.x is not None:
        lines.append(f"  input  x = {_arr_full(trace.x)}")
    if trace.y is not None:
        lines.append(f"  target y = {_arr_full(trace.y)}")
    lines.append(f"  output ŷ = {_arr_full(trace.output)}")
    rows = []
    for s in trace.steps:
        where = s.where + ("[" + ",".join(map(str, s.units)) + "]" if s.units else "")
        rows.append((s, f"{s.index + 1}", where))
    wn = max([len(r[1]) for r in rows] + [1])
    ww = min(max([len(r[2]) for r in rows] + [5]), 24)
    phase = None
    for s, num, where in rows:
        if s.phase != phase:
            phase = s.phase
            lines.append("")
            lines.append(f"── {phase} " + "─" * 40)
        pad = " " * (wn + 2 + 9 + ww + 2)
        lines.append(f"{num:>{wn}}  {s.phase:<8} {where:<{ww}}  {s.symbol}")
        lines.append(f"{pad}{s.numbers}")
        if isinstance(s.local, float) and isinstance(s.upstream, float):
            lines.append(f"{pad}local {_fmt(s.local)} × upstream {_fmt(s.upstream)} = {_fmt(s.product or 0.0)}")
        # the terms of a sum, one per line (the scalar level's chain is already in the numbers)
        if (s.kind in ("delta", "weight_grad", "sum_grad", "net_input", "loss") and s.level != "op"
                and not (s.level == "scalar" and s.kind == "weight_grad") and 1 < len(s.terms) <= MAX_SHOWN):
            for t in s.terms:
                if "symbol" in t and isinstance(t.get("value"), float):
                    via = f" (via {t['via']})" if "via" in t else ""
                    lines.append(f"{pad}  term {t['symbol']} = {_fmt(t['value'])}{via}")
    lines.append("")
    if trace.loss is not None:
        lines.append(f"loss: {trace.loss:.10g}")
    lines.append("gradients:")
    for k, g in trace.gradients.items():
        lines.append(f"  {k} = {_arr_full(g, len(k) + 5)}")
    if trace.updates is not None:
        lines.append("previewed update (not applied):")
        for k, d in trace.updates.items():
            lines.append(f"  {k}: Δ = {_arr_full(d['update'], len(k) + 8)}")
            lines.append(f"  {' ' * len(k)}  new value = {_arr_full(d['new_value'], len(k) + 16)}")
    return "\n".join(lines) + "\n"


def _arr_full(v: Any, indent: int = 0) -> str:
    """An array at full precision, wrapped lines indented under its first."""
    a = np.asarray(v, dtype=np.float64)
    text = np.array2string(a, precision=6, separator=", ", suppress_small=False,
                           max_line_width=max(100 - indent, 40), threshold=200)
    return text.replace("\n", "\n" + " " * indent)
