"""Losses, as the last op on the tape, and the L2 structural-risk term.

* ``mse``: squared error with the lecture's ½: L = ½‖ŷ − y‖² per sample;
* ``ce``: softmax + cross-entropy L = −yᵀ log ŷ, fused so that it is stable
  (log-sum-exp) and its gradient is simply ŷ − y;
* ``bce``: sigmoid + binary cross-entropy, fused the same way.

The risk over a batch of m samples is the mean of the per-sample losses, so
the gradient g = (1/m) Σ ∇L, as in the lecture's mini-batch update.

The fused ops trust their targets: ``ce``'s value logsumexp(z) − yᵀz is the
cross-entropy only when each row of y adds up to 1, and ``bce``'s only when
y is in [0, 1]. Each loss class's :meth:`~LossOp.check_target` refuses other
targets with a :class:`TargetError`; the model calls it for targets given
from outside, the trainer once per dataset (not per step).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .activations import get_activation
from .tape import Op, Value


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
    """The tape's last op: the batch's mean loss, and the gradient it starts."""

    kind = "loss"
    name = ""
    fused = False  # True: this op also computes the output activation

    def __init__(self, node_id: str, z: Value, a: Value, scratch: np.ndarray):
        self.where, self.z, self.a, self.scratch = node_id, z, a, scratch
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

    def describe(self) -> dict[str, Any]:
        return {"y_hat": self.a.data, "y": self.y, "L": self.value,
                "dL/da": self.a.grad, "dL/dz": self.z.grad}


class SquaredError(LossOp):
    """L = ½ Σₖ (ŷₖ − yₖ)², averaged over the batch; dL/dŷ = (ŷ − y)/m."""

    name = "mse"

    def forward(self) -> None:
        d = self.scratch
        np.subtract(self.a.data, self.y, out=d)
        self.value = 0.5 * float(np.vdot(d, d)) / d.shape[0]

    def backward(self) -> None:
        np.multiply(self.scratch, 1.0 / self.scratch.shape[0], out=self.a.grad)


class SoftmaxCrossEntropy(LossOp):
    """ŷ = softmax(z), L = −yᵀ log ŷ = logsumexp(z) − yᵀz; dL/dz = (ŷ − y)/m."""

    name = "ce"
    fused = True
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

    def backward(self) -> None:
        g = self.z.grad
        np.subtract(self.a.data, self.y, out=g)
        g *= 1.0 / g.shape[0]


class SigmoidBinaryCrossEntropy(LossOp):
    """ŷ = σ(z), L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]; dL/dz = (ŷ − y)/m."""

    name = "bce"
    fused = True
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

    def backward(self) -> None:
        g = self.z.grad
        np.subtract(self.a.data, self.y, out=g)
        g *= 1.0 / g.shape[0]


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
