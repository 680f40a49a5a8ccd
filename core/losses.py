"""Losses, as the last op on the tape, and the L2 structural-risk term.

* ``mse``: squared error with the lecture's ½: L = ½‖ŷ − y‖² per sample;
* ``ce``: softmax + cross-entropy L = −yᵀ log ŷ, fused so that it is stable
  (log-sum-exp) and its gradient is simply ŷ − y;
* ``bce``: sigmoid + binary cross-entropy, fused the same way.

The risk over a batch of m samples is the mean of the per-sample losses, so
the gradient g = (1/m) Σ ∇L, as in the lecture's mini-batch update.

Each loss op explains itself to the trace as the tape's other ops do (see
:mod:`core.tape`): the loss term by term, where the backward pass starts,
and for a fused op the output activation it computes.

The fused ops trust their targets: ``ce``'s value logsumexp(z) − yᵀz is the
cross-entropy only when each row of y adds up to 1, and ``bce``'s only when
y is in [0, 1]. Each loss class's :meth:`~LossOp.check_target` refuses other
targets with a :class:`TargetError`; the model calls it for targets given
from outside, the trainer once per dataset (not per step).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .activations import get_activation
from .formulas import arr_text as arr
from .formulas import fmt, fmtp, sum_text
from .tape import Op, Value
from .text import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from .trace.op import OpTracer
    from .trace.scalar_graph import ScalarGraph
    from .trace.tracer import Tracer


class TargetError(ValueError):
    """Targets a loss cannot compare the network's output with.

    Attributes
    ----------
    row : int
        The first bad row, numbered from 1 as the message says.
    value : float
        What is wrong in it: the row's sum, or the offending entry.
    """

    def __init__(self, message: str, row: int, value: float):
        super().__init__(message)
        self.row, self.value = row, value


def _check_unit_interval(y: np.ndarray, what: str) -> None:
    """Every entry in [0, 1] (NaN refused too): two reductions, then a search only on failure."""
    if y.size == 0 or (y.min() >= 0.0 and y.max() <= 1.0):
        return
    bad = ~((y >= 0.0) & (y <= 1.0))
    r, c = (int(i) for i in np.argwhere(bad)[0])
    v = float(y[r, c])
    raise TargetError(f"row {r + 1} of the target holds {v:g} (column {c + 1}), but {what}", r + 1, v)


class LossOp(Op):
    """The tape's last op: the batch's mean loss, and the gradient it starts.

    A subclass gives its ``forward``/``backward`` and, for the trace, its
    ``formula``, ``title`` and :meth:`_loss_terms` (the loss term by term),
    and how the gradient starts (:meth:`_explain_gradient` at op zoom,
    :meth:`_scalar_loss_grad` at scalar zoom).
    """

    kind = "loss"
    name = ""
    fused = False  # True: this op also computes the output activation
    formula = ""   # the loss over the whole output, for the op zoom
    title = ""     # what the loss step of the neuron and scalar zooms is called

    def __init__(self, node_id: str, z: Value, a: Value, scratch: np.ndarray):
        self.where, self.node, self.z, self.a, self.scratch = node_id, node_id, z, a, scratch
        self.y: np.ndarray | None = None
        self.value = float("nan")

    def set_target(self, y: np.ndarray) -> None:
        """Use ``y`` for the next forward; unchecked (see :meth:`check_target`)."""
        self.y = y

    @classmethod
    def check_target(cls, y: np.ndarray) -> None:
        """Raise :class:`TargetError` if this loss cannot use the ``(m, k)`` targets ``y``.

        One vectorised pass or two over ``y``; any target suits squared error.
        """

    # --- how the trace explains the loss ---------------------------------------

    def explain_forward(self, tr: OpTracer) -> None:
        """L for the sample at op zoom, with ŷ and y (no step without a target: the loss does not run)."""
        run = tr.run
        if run.y is None:
            return
        yh, y = run.a[run.out], run.y
        tr.add("loss", "loss", run.out, (), self.formula,
               f"L = {fmt(run.loss)}  (ŷ = {arr(yh)}, y = {arr(y)})", run.loss,
               [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "the loss op")))

    def explain_backward(self, tr: OpTracer) -> None:
        """Where the backward pass starts at op zoom: the loss's gradient, or ∂ŷ/∂ŷ = 1 without a target."""
        if tr.run.y is None:
            tr.seed("ŷ")
        else:
            self._explain_gradient(tr)

    def _explain_gradient(self, tr: OpTracer) -> None:
        raise NotImplementedError(f"the {self.name} loss does not explain its gradient")

    def explain_loss(self, tr: Tracer) -> None:
        """L for the sample term by term, for the neuron and scalar zooms."""
        run = tr.run
        assert run.y is not None and run.loss is not None
        terms, sym, num = self._loss_terms(tr, run.a[run.out], run.y)
        tr.add("loss", "loss", run.out, (), sym, f"{num} = {fmt(run.loss)}", run.loss, terms,
               label=Message(self.title))

    def _loss_terms(self, tr: Tracer, yh: np.ndarray, y: np.ndarray) -> tuple[list[dict[str, Any]], str, str]:
        """One term per output unit (symbol, numbers, value), and the whole loss in symbols and numbers."""
        raise NotImplementedError(f"the {self.name} loss does not explain its terms")

    def scalar_output_grad(self, g: ScalarGraph, vi: int) -> None:
        """Scalar zoom: the gradient the loss hands to output ŷ_k (value ``vi``), or 1 without a target."""
        v = g.vals[vi]
        k = v.units[0]
        g.grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
        if g.run.y is None:
            g.add("backward", "seed", g.run.out, (k,), f"∂f/∂{v.name} = ∂f/∂{v.alias} = 1",
                  f"∂f/∂{v.name} = 1", g.grad[vi],
                  label=Message(QT_TRANSLATE_NOOP("Trace", "no target: the backward pass starts from ∂ŷ/∂ŷ = 1")))
        else:
            self._scalar_loss_grad(g, vi, k)

    def _scalar_loss_grad(self, g: ScalarGraph, vi: int, k: int) -> None:
        v, out = g.vals[vi], g.run.out
        g.add("backward", "loss_grad", out, (k,), f"∂L/∂{v.name}", f"∂L/∂{v.name} = {fmt(g.grad[vi])}",
              g.grad[vi], label=Message(QT_TRANSLATE_NOOP("Trace", "loss derivative by output {0}"),
                                        g.names.label(out, k)))

    def scalar_delta(self, g: ScalarGraph, vi: int) -> None:
        """Scalar zoom: ∂L/∂z_k handed straight to value ``vi`` (only a loss fused with its activation)."""
        raise NotImplementedError(f"the {self.name} loss is not fused with its activation")


class SquaredError(LossOp):
    """L = ½ Σₖ (ŷₖ − yₖ)², averaged over the batch; dL/dŷ = (ŷ − y)/m."""

    name = "mse"
    formula = "L = ½ ‖ŷ − y‖²"
    title = QT_TRANSLATE_NOOP("Trace", "squared error ½‖ŷ − y‖²")

    def forward(self) -> None:
        d = self.scratch
        np.subtract(self.a.data, self.y, out=d)
        self.value = 0.5 * float(np.vdot(d, d)) / d.shape[0]

    def backward(self) -> None:
        np.multiply(self.scratch, 1.0 / self.scratch.shape[0], out=self.a.grad)

    def _explain_gradient(self, tr: OpTracer) -> None:
        run = tr.run
        yh, y = run.a[run.out], run.y
        tr.add("backward", "loss", run.out, (), "∂L/∂ŷ = ŷ − y",
               f"∂L/∂ŷ = {arr(yh)} − {arr(y)} = {arr(run.da[run.out])}", run.da[run.out],
               [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "squared error: ∂L/∂ŷ = ŷ − y")))

    def _loss_terms(self, tr: Tracer, yh: np.ndarray, y: np.ndarray) -> tuple[list[dict[str, Any]], str, str]:
        nm, out, n = tr.names, tr.run.out, len(yh)
        terms = []
        for k in range(n):
            d = float(yh[k] - y[k])
            terms.append({"where": out, "units": [k], "symbol": f"½ ({nm.a(out, k)} − {nm.y(k)})²",
                          "numbers": f"½ ({fmt(yh[k])} − {fmtp(y[k])})²", "value": 0.5 * d * d})
        if n == 1:
            return terms, f"L = ½ ({nm.a(out, 0)} − {nm.y(0)})²", f"L = ½ ({fmt(yh[0])} − {fmtp(y[0])})²"
        return (terms, "L = ½ [" + sum_text([f"({nm.a(out, k)} − {nm.y(k)})²" for k in range(n)]) + "]",
                "L = ½ [" + sum_text([f"({fmt(yh[k])} − {fmtp(y[k])})²" for k in range(n)]) + "]")

    def _scalar_loss_grad(self, g: ScalarGraph, vi: int, k: int) -> None:
        v, out, nm = g.vals[vi], g.run.out, g.names
        yh, t = float(g.run.a[out][k]), float(g.run.y[k])  # type: ignore[index]
        g.add("backward", "loss_grad", out, (k,), f"∂L/∂{v.name} = ∂L/∂{v.alias} = {v.alias} − {nm.y(k)}",
              f"∂L/∂{v.name} = {fmt(yh)} − {fmtp(t)} = {fmt(g.grad[vi])}", g.grad[vi],
              label=Message(QT_TRANSLATE_NOOP("Trace", "squared error, derivative by output {0}"), nm.label(out, k)))


class FusedLossOp(LossOp):
    """A loss computed together with its output activation: the gradient it starts is ∂L/∂z = (ŷ − y)/m.

    For the trace it also explains that activation, which is not an op of
    its own on the tape: at op zoom ŷ = f(z) before the loss, at scalar zoom
    the activation's elementary ops, marked as fused so that the backward
    walk takes ∂L/∂z from here.
    """

    fused = True

    def backward(self) -> None:
        g = self.z.grad
        np.subtract(self.a.data, self.y, out=g)
        g *= 1.0 / g.shape[0]

    def explain_forward(self, tr: OpTracer) -> None:
        """ŷ = f(z), computed by this op even without a target, then the loss."""
        run, out = tr.run, tr.run.out
        tr.add("forward", "activation", out, (), f"ŷ = {tr.act_sym(out)}", f"ŷ = {arr(run.a[out])}",
               run.a[out], [{"name": tr.names.vec("z", out), "value": run.z[out].tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "activation of {0} (done by the fused loss op)"), out))
        super().explain_forward(tr)

    def explain_backward(self, tr: OpTracer) -> None:
        """δ = ŷ − y; without a target, ∂f/∂ŷ = 1 times the activation's own derivative."""
        super().explain_backward(tr)
        run, out = tr.run, tr.run.out
        if run.y is not None:
            return
        fs, D = tr.fprime(out), tr.names.vec("δ", out)
        tr.add("backward", "activation", out, (), f"{D} = {tr.act_name(out)}'({tr.names.vec('z', out)}) ⊙ ∂f/∂ŷ",
               f"{D} = {arr(fs)} ⊙ {arr(run.da[out])} = {arr(run.dz[out])}", run.dz[out],
               local=fs, upstream=run.da[out], product=fs * run.da[out],
               label=Message(QT_TRANSLATE_NOOP("Trace", "activation of {0} (computed by the fused loss op), backward"),
                             out))

    def _explain_gradient(self, tr: OpTracer) -> None:
        run, out = tr.run, tr.run.out
        yh, y, D = run.a[out], run.y, tr.names.vec("δ", out)
        tr.add("backward", "loss", out, (), f"{D} = ∂L/∂{tr.names.vec('z', out)} = ŷ − y",
               f"{D} = {arr(yh)} − {arr(y)} = {arr(run.dz[out])}", run.dz[out],
               [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "{0} loss fused with its activation: ∂L/∂z = ŷ − y"),
                             self.name))

    def expand(self, g: ScalarGraph, j: int) -> None:
        """The output activation of unit j, fused when the loss runs (with a target)."""
        g.activation(self.node, j, fused=g.run.fused)

    def scalar_output_grad(self, g: ScalarGraph, vi: int) -> None:
        if g.run.y is None:  # the loss does not run: start from ŷ as an unfused loss would
            super().scalar_output_grad(g, vi)
        # with a target the fused loss gives ∂L/∂z directly (scalar_delta), not ∂L/∂ŷ

    def scalar_delta(self, g: ScalarGraph, vi: int) -> None:
        v, out, nm = g.vals[vi], g.run.out, g.names
        k = v.units[-1]
        yh, t = float(g.run.a[out][k]), float(g.run.y[k])  # type: ignore[index]
        g.grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
        g.add("backward", "delta", out, (k,), f"∂L/∂{v.name} = ∂L/∂{v.alias} = {nm.a(out, k)} − {nm.y(k)}",
              f"∂L/∂{v.name} = {fmt(yh)} − {fmtp(t)} = {fmt(g.grad[vi])}", g.grad[vi],
              label=Message(QT_TRANSLATE_NOOP("Trace", "δ of output {0}: {1} fused with its activation gives ŷ − y"),
                            nm.label(out, k), self.name))


class SoftmaxCrossEntropy(FusedLossOp):
    """ŷ = softmax(z), L = −yᵀ log ŷ = logsumexp(z) − yᵀz; dL/dz = (ŷ − y)/m."""

    name = "ce"
    formula = "L = −yᵀ log ŷ"
    title = QT_TRANSLATE_NOOP("Trace", "softmax + cross-entropy −yᵀ log ŷ")
    _NEEDS = ("softmax cross-entropy needs each row to be a probability distribution "
              "(values from 0 to 1, adding up to 1)")

    @classmethod
    def check_target(cls, y: np.ndarray) -> None:
        """Each row a probability distribution: entries in [0, 1] adding up to 1.

        A multi-hot row such as (1, 1, 0) would silently give
        −Σ yₖ log ŷₖ + (Σ yₖ − 1) logsumexp(z)'s wrong value and gradient.
        """
        y = np.asarray(y)
        if y.ndim != 2 or y.size == 0:
            return
        _check_unit_interval(y, cls._NEEDS)
        s = y.sum(axis=1)
        tol = 1e-9 if y.dtype == np.float64 else 1e-5
        off = np.abs(s - 1.0)
        if off.max() > tol:
            r = int(np.argmax(off > tol))
            raise TargetError(
                f"row {r + 1} of the target adds up to {float(s[r]):g}, but softmax "
                "cross-entropy needs each row to be a probability distribution (adding up to 1)",
                r + 1, float(s[r]))

    def forward(self) -> None:
        z, a = self.z.data, self.a.data
        zmax = z.max(axis=1, keepdims=True)
        np.subtract(z, zmax, out=a)
        np.exp(a, out=a)
        s = a.sum(axis=1, keepdims=True)
        a /= s
        m = z.shape[0]
        self.value = (float(np.log(s).sum() + zmax.sum()) - float(np.vdot(self.y, z))) / m

    def _loss_terms(self, tr: Tracer, yh: np.ndarray, y: np.ndarray) -> tuple[list[dict[str, Any]], str, str]:
        nm, out, n = tr.names, tr.run.out, len(yh)
        terms = [{"where": out, "units": [k], "symbol": f"−{nm.y(k)} log {nm.a(out, k)}",
                  "numbers": f"−{fmtp(y[k])} · log {fmt(yh[k])}",
                  "value": -float(y[k]) * math.log(max(float(yh[k]), 1e-300))} for k in range(n)]
        return (terms, "L = −(" + sum_text([f"{nm.y(k)} log {nm.a(out, k)}" for k in range(n)]) + ")",
                "L = −(" + sum_text([f"{fmt(y[k])} · log {fmt(yh[k])}" for k in range(n)]) + ")")


class SigmoidBinaryCrossEntropy(FusedLossOp):
    """ŷ = σ(z), L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]; dL/dz = (ŷ − y)/m."""

    name = "bce"
    formula = "L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]"
    title = QT_TRANSLATE_NOOP("Trace", "sigmoid + binary cross-entropy")
    _logistic = get_activation("logistic")

    @classmethod
    def check_target(cls, y: np.ndarray) -> None:
        """Every target in [0, 1]: the probability of class 1."""
        y = np.asarray(y)
        if y.ndim == 2 and y.size:
            _check_unit_interval(y, "binary cross-entropy needs targets from 0 to 1 "
                                    "(the probability of class 1)")

    def forward(self) -> None:
        z = self.z.data
        self._logistic.forward_into(z, self.a.data, {})
        # log(1 + e^z) − y z, written stably as max(z, 0) + log1p(e^−|z|) − y z.
        t = self.scratch
        np.abs(z, out=t)
        np.negative(t, out=t)
        np.exp(t, out=t)
        np.log1p(t, out=t)
        total = float(t.sum()) + float(np.maximum(z, 0).sum()) - float(np.vdot(self.y, z))
        self.value = total / z.shape[0]

    def _loss_terms(self, tr: Tracer, yh: np.ndarray, y: np.ndarray) -> tuple[list[dict[str, Any]], str, str]:
        nm, out = tr.names, tr.run.out
        terms = []
        for k in range(len(yh)):
            p, t = float(yh[k]), float(y[k])
            a, yk = nm.a(out, k), nm.y(k)
            terms.append({"where": out, "units": [k], "symbol": f"−[{yk} log {a} + (1 − {yk}) log(1 − {a})]",
                          "numbers": f"−[{fmt(t)} · log {fmt(p)} + (1 − {fmt(t)}) · log(1 − {fmt(p)})]",
                          "value": -(t * math.log(max(p, 1e-300)) + (1 - t) * math.log(max(1 - p, 1e-300)))})
        return (terms, "L = " + sum_text([t["symbol"] for t in terms]),
                "L = " + sum_text([t["numbers"] for t in terms]))


LOSS_OPS: dict[str, type[LossOp]] = {
    "mse": SquaredError, "ce": SoftmaxCrossEntropy, "bce": SigmoidBinaryCrossEntropy,
}


def loss_value(name: str, y_hat: np.ndarray, y: np.ndarray) -> float:
    """A loss from the output's activations, for checks and plots (not the hot path)."""
    y_hat, y = np.atleast_2d(y_hat), np.atleast_2d(y)
    m = y_hat.shape[0]
    if name in LOSS_OPS:
        LOSS_OPS[name].check_target(y)
    if name == "mse":
        return 0.5 * float(((y_hat - y) ** 2).sum()) / m
    eps = 1e-300
    if name == "ce":
        return -float((y * np.log(np.maximum(y_hat, eps))).sum()) / m
    if name == "bce":
        return -float((y * np.log(np.maximum(y_hat, eps))
                       + (1 - y) * np.log(np.maximum(1 - y_hat, eps))).sum()) / m
    raise ValueError(f"unknown loss {name!r}")


def l2_penalty(weights: np.ndarray, lam: float) -> float:
    """The structural-risk term λ/2 ‖W‖²_F over weights only (biases excluded)."""
    return 0.5 * lam * float(np.vdot(weights, weights))
