"""Activation functions, each with its derivative, display name and formula.

One registry (``ACTIVATIONS``) maps a name to an :class:`Activation`. The
engine, the trace, the command line and the designer's explorer all read the
same objects, so the formula a student reads is the function that trains.

Each activation offers two faces:

* ``f(x, **hp)`` / ``df(x, **hp)``: plain, allocating functions for plots,
  tests and the trace;
* ``forward_into`` / ``backward_into``: the training hot path, writing into
  preallocated buffers so that a step allocates nothing.

Numerical range, as tested (``tests/core/test_activations.py``): in float64,
every ``f`` and ``f'`` and both fast paths give finite values, raise no
overflow or invalid-value warning, and match an independent scalar reference
(or, where exp overflows a scalar reference, the function's exact float64
limit) at ``|x|`` = 0, 1e1, 1e2, 1e4, 1e8, 1e150 and 1e300; stated: any input
of magnitude up to 1e300. Swish's ``βx`` itself overflows once ``|βx|``
passes about 1.8e308, so for β > 1 the bound is 1e300 / β. The float32 fast
paths are tested the same way up to ``|x| = 1e8`` (float32 itself ends near
3.4e38); float32 derivatives are accurate to about 1e-7 absolute (e.g.
1 − tanh²(10) is 0 there, truly 8.2e-9). One deliberate shortcut: the
logistic fast path clips z at −500 (−80 in float32) so exp(−z) cannot
overflow, so below that it returns σ(−500) ≈ 7e-218 where the exact value
underflows to 0. Underflow to 0 (exp(−1e4) *is* 0 in both types) is the
right answer, not a failure.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np

from .text import QT_TRANSLATE_NOOP

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

_erfc_ufunc = np.frompyfunc(math.erfc, 1, 1)


def _Phi(x: np.ndarray) -> np.ndarray:
    """The standard normal CDF Φ(x) = ½ erfc(−x/√2), elementwise (math.erfc).

    erfc rather than 1 + erf: for x < 0 the sum 1 + erf(x/√2) cancels to 0
    (already at x = −9), while erfc keeps every digit down to the underflow
    near x = −38. GELU is never on a hot path here.
    """
    x = np.asarray(x, dtype=float)
    return 0.5 * np.asarray(_erfc_ufunc(-x * _INV_SQRT_2), dtype=float)


def _sigmoid(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic function without overflow: exp(-|x|) never overflows."""
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    res = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if out is None:
        return res.astype(x.dtype if x.dtype.kind == "f" else float, copy=False)
    out[...] = res
    return out


def _softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + exp(x)) computed as max(x, 0) + log1p(exp(-|x|))."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


@dataclass(frozen=True)
class Activation:
    """An activation function f, its derivative f' and how to show them.

    Parameters
    ----------
    name
        Registry key, used in files and on the command line.
    display
        Name shown to a person.
    formula, derivative_formula
        Plain-text formulas in the lecture's notation.
    f, df
        ``f(x, **hp)`` and ``df(x, **hp)``; ``hp`` holds the hyper-parameters
        listed in ``params`` (e.g. ``gamma`` for LeakyReLU).
    params
        Hyper-parameter names with their defaults.
    learned
        Names of per-unit parameters that training learns (PReLU's gamma).
    zero_centred, saturating
        Properties the lecture discusses, shown by the explorer.
    """

    name: str
    display: str
    formula: str
    derivative_formula: str
    f: Callable[..., np.ndarray]
    df: Callable[..., np.ndarray]
    params: dict[str, float] = field(default_factory=dict)
    learned: tuple[str, ...] = ()
    zero_centred: bool = False
    saturating: bool = False
    elementwise: bool = True
    # Fast paths: (z, out, hp) -> out and (z, a, grad_a, out, hp) -> out.
    _fwd: Callable[..., np.ndarray] | None = None
    _bwd: Callable[..., np.ndarray] | None = None

    def hyper(self, given: dict[str, float] | None = None) -> dict[str, float]:
        """The hyper-parameters with defaults filled in; unknown keys refused."""
        hp = dict(self.params)
        for key, value in (given or {}).items():
            if key not in self.params:
                raise ValueError(
                    f"activation {self.name!r} has no parameter {key!r}"
                    + (f" (it has: {', '.join(self.params)})" if self.params else "")
                )
            hp[key] = float(value)
        return hp

    def forward_into(self, z: np.ndarray, out: np.ndarray, hp: dict) -> np.ndarray:
        """Write f(z) into ``out`` (which may not alias ``z``)."""
        if self._fwd is not None:
            return self._fwd(z, out, hp)
        out[...] = self.f(z, **hp)
        return out

    def backward_into(
        self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray, out: np.ndarray, hp: dict
    ) -> np.ndarray:
        """Write dL/dz = f'(z) * dL/da into ``out`` (elementwise activations)."""
        if self._bwd is not None:
            return self._bwd(z, a, grad_a, out, hp)
        np.multiply(self.df(z, **hp), grad_a, out=out)
        return out


# --- fast paths ---------------------------------------------------------------

def _identity_fwd(z, out, hp):
    np.copyto(out, z)
    return out


def _identity_bwd(z, a, g, out, hp):
    np.copyto(out, g)
    return out


def _tanh_fwd(z, out, hp):
    return np.tanh(z, out=out)


def _tanh_bwd(z, a, g, out, hp):
    np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)
    np.multiply(out, g, out=out)
    return out


def _logistic_fwd(z, out, hp):
    # 1/(1+exp(-z)); clip keeps exp finite in float32 and float64 alike.
    np.clip(z, -500.0 if z.dtype == np.float64 else -80.0, None, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def _logistic_bwd(z, a, g, out, hp):
    np.subtract(1.0, a, out=out)
    out *= a
    out *= g
    return out


@lru_cache(maxsize=64)
def _zeros(units: int, dtype: np.dtype) -> np.ndarray:
    """A shared read-only row of zeros, broadcast over the batch.

    NumPy's maximum against an array is SIMD-vectorised; against the scalar
    0 it runs about 2.5 times slower (a row: 4 µs for 128 × 256 float32 values,
    the scalar 10 µs). One row per width keeps the cache small.
    """
    z = np.zeros(units, dtype)
    z.flags.writeable = False
    return z


def _relu_fwd(z, out, hp):
    return np.maximum(z, _zeros(z.shape[-1], z.dtype) if z.ndim else 0, out=out)


def _relu_bwd(z, a, g, out, hp):
    # I(z > 0) written straight into the float buffer, then times dL/da: two fast passes.
    np.greater(z, 0, out=out)
    out *= g
    return out


# --- the functions ------------------------------------------------------------

def _leaky(x, gamma=0.01):
    return np.where(x > 0, x, gamma * x)


def _leaky_d(x, gamma=0.01):
    return np.where(x > 0, 1.0, gamma)


def _elu(x, gamma=1.0):
    # Piecewise, as the derivative is: the lecture's max(0, x) + min(0, γ(eˣ − 1))
    # is the same function only for γ ≥ 0 (for γ < 0 its min() makes it flat at 0
    # for x ≤ 0, while f' would still say γeˣ).
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, gamma * np.expm1(np.minimum(x, 0)))


def _elu_d(x, gamma=1.0):
    return np.where(x > 0, 1.0, gamma * np.exp(np.minimum(x, 0)))


def _elu_fwd(z, out, hp):
    # out = γ·expm1(min(z, 0)), then z where z > 0: the same piecewise f, in place.
    np.minimum(z, 0, out=out)
    np.expm1(out, out=out)
    out *= hp["gamma"]
    np.copyto(out, z, where=z > 0)
    return out


def _elu_bwd(z, a, g, out, hp):
    # f' = γeˣ for z ≤ 0, 1 for z > 0; times dL/da.
    np.minimum(z, 0, out=out)
    np.exp(out, out=out)
    out *= hp["gamma"]
    out[z > 0] = 1.0
    out *= g
    return out


def _swish(x, beta=1.0):
    return x * _sigmoid(beta * x)


def _swish_d(x, beta=1.0):
    s = _sigmoid(beta * x)
    return s + beta * x * s * (1 - s)


def _gelu(x):
    return x * _Phi(x)


#: Beyond this |x| the Gaussian density exp(−x²/2) is 0 in float64 (it underflows
#: from |x| ≈ 38.6) and σ(2√(2/π)(x + 0.044715x³)) is exactly 0 or 1 (from |x| ≈ 21),
#: so clipping x to it before squaring or cubing changes no result while keeping
#: x² and x³ finite (x³ overflows from |x| ≈ 5.6e102, x² from 1.3e154).
_GELU_CLIP = 50.0


def _gelu_d(x):
    x = np.asarray(x)
    cdf = _Phi(x)
    xc = np.clip(x, -_GELU_CLIP, _GELU_CLIP)
    pdf = _INV_SQRT_2PI * np.exp(-0.5 * xc * xc)
    return cdf + x * pdf


def _gelu_tanh_u(x):
    """√(2/π)(x + 0.044715x³) on x clipped to ±_GELU_CLIP (same tanh, no overflow)."""
    xc = np.clip(x, -_GELU_CLIP, _GELU_CLIP)
    return xc, _SQRT_2_OVER_PI * (xc + 0.044715 * xc**3)


def _gelu_tanh(x):
    # ½(1 + tanh u) = σ(2u) exactly; σ keeps its digits where 1 + tanh u cancels (x < −5).
    x = np.asarray(x)
    _, u = _gelu_tanh_u(x)
    return x * _sigmoid(2.0 * u)


def _gelu_tanh_d(x):
    # f' = ½(1 + tanh u) + ½x(1 − tanh² u) u' = s + 2x s(1 − s) u', with s = σ(2u).
    x = np.asarray(x)
    xc, u = _gelu_tanh_u(x)
    s = _sigmoid(2.0 * u)
    du = _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * xc * xc)
    # s(1 − s) is exactly 0 wherever x was clipped, so x · 0 · u' is 0, not inf · 0.
    return s + 2.0 * x * s * (1.0 - s) * du


def _gelu_sig(x):
    return x * _sigmoid(1.702 * np.asarray(x))


def _gelu_sig_d(x):
    s = _sigmoid(1.702 * np.asarray(x))
    return s + 1.702 * x * s * (1 - s)


def _softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_fwd(z, out, hp):
    np.subtract(z, z.max(axis=-1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=-1, keepdims=True)
    return out


def _softmax_bwd(z, a, g, out, hp):
    # Jacobian-vector product: a * (g - sum(g * a)).
    np.multiply(g, a, out=out)
    s = out.sum(axis=-1, keepdims=True)
    np.subtract(g, s, out=out)
    out *= a
    return out


def _softmax_diag(x):
    s = _softmax(x)
    return s * (1 - s)


_LIST = [
    Activation("identity", QT_TRANSLATE_NOOP("Activations", "Identity (linear)"), "f(x) = x", "f'(x) = 1",
               lambda x: np.asarray(x, dtype=float) * 1.0, lambda x: np.ones_like(np.asarray(x, dtype=float)),
               zero_centred=True, _fwd=_identity_fwd, _bwd=_identity_bwd),
    Activation("logistic", QT_TRANSLATE_NOOP("Activations", "Logistic (sigmoid)"), "σ(x) = 1 / (1 + exp(−x))",
               "σ'(x) = σ(x)(1 − σ(x))", _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
               saturating=True, _fwd=_logistic_fwd, _bwd=_logistic_bwd),
    Activation("tanh", QT_TRANSLATE_NOOP("Activations", "Tanh"), "tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)",
               "tanh'(x) = 1 − tanh(x)²",
               np.tanh, lambda x: 1 - np.tanh(x) ** 2, zero_centred=True, saturating=True,
               _fwd=_tanh_fwd, _bwd=_tanh_bwd),
    Activation("relu", "ReLU", "ReLU(x) = max(0, x)", "ReLU'(x) = I(x > 0)",
               lambda x: np.maximum(np.asarray(x, dtype=float), 0.0),
               lambda x: (np.asarray(x) > 0).astype(float), _fwd=_relu_fwd, _bwd=_relu_bwd),
    Activation("leaky_relu", "Leaky ReLU", "f(x) = x if x > 0 else γx", "f'(x) = 1 if x > 0 else γ",
               _leaky, _leaky_d, params={"gamma": 0.01}),
    Activation("prelu", QT_TRANSLATE_NOOP("Activations", "PReLU (learned γᵢ)"),
               "f(x) = x if x > 0 else γᵢx, γᵢ learned per unit",
               "f'(x) = 1 if x > 0 else γᵢ;  ∂f/∂γᵢ = x if x ≤ 0 else 0",
               _leaky, _leaky_d, params={"gamma": 0.25}, learned=("gamma",)),
    Activation("elu", "ELU", "f(x) = x if x > 0 else γ(eˣ − 1)",
               "f'(x) = I(x > 0) + I(x ≤ 0) γeˣ", _elu, _elu_d, params={"gamma": 1.0},
               zero_centred=True, _fwd=_elu_fwd, _bwd=_elu_bwd),
    Activation("softplus", "Softplus", "f(x) = log(1 + eˣ)", "f'(x) = 1 / (1 + e⁻ˣ)",
               _softplus, _sigmoid),
    Activation("swish", "Swish", "f(x) = x σ(βx)", "f'(x) = σ(βx) + βx σ(βx)(1 − σ(βx))",
               _swish, _swish_d, params={"beta": 1.0}),
    Activation("gelu", "GELU", "f(x) = x P(X ≤ x), X ~ N(0, 1)", "f'(x) = Φ(x) + x φ(x)",
               _gelu, _gelu_d),
    Activation("gelu_tanh", QT_TRANSLATE_NOOP("Activations", "GELU (tanh approx.)"),
               "f(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³)))", "its derivative",
               _gelu_tanh, _gelu_tanh_d),
    Activation("gelu_sigmoid", QT_TRANSLATE_NOOP("Activations", "GELU (logistic approx.)"), "f(x) = x σ(1.702x)",
               "f'(x) = σ(1.702x) + 1.702x σ(1.702x)(1 − σ(1.702x))", _gelu_sig, _gelu_sig_d),
    Activation("softmax", "Softmax", "softmax(z)ₖ = exp(zₖ) / Σⱼ exp(zⱼ)",
               "∂aₖ/∂zⱼ = aₖ(I(k = j) − aⱼ)", _softmax, _softmax_diag,
               elementwise=False, _fwd=_softmax_fwd, _bwd=_softmax_bwd),
]

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _LIST}

# Aliases accepted in files and on the command line.
ALIASES = {"sigmoid": "logistic", "linear": "identity", "leakyrelu": "leaky_relu"}


def get_activation(name: str) -> Activation:
    """Look an activation up by name, with a message listing the known ones."""
    key = ALIASES.get(name, name)
    try:
        return ACTIVATIONS[key]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}"
        ) from None
