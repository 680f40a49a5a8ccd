"""The lecture's five optimisers, each its update rule in NumPy ufuncs, and the registry by name."""
from __future__ import annotations

import math

import numpy as np

from .base import Optimizer

_LR = "ε (learning rate)"
_DELTA = "δ (small constant for numerical stability)"


class SGD(Optimizer):
    """Stochastic gradient descent: θ <- θ - ε g.

    Full-batch gradient descent, SGD and mini-batch SGD differ only in how
    many examples the gradient g averages over, which the trainer decides;
    the update is the same.

    Preview keys: ``"update"`` only (SGD has no state).
    """

    name = "sgd"
    display_name = "SGD"
    defaults = {"lr": 0.1}
    hyper_info = {"lr": _LR}
    update_rule = "θ ← θ − ε g"
    state_keys = ()

    def _coefficients(self, t: int) -> tuple[float, ...]:
        return (-self.hyper["lr"],)

    @staticmethod
    def _update_into(g, state, buf, c):
        np.multiply(g, c[0], out=buf)  # Δθ = −ε g
        return buf


class Momentum(Optimizer):
    """SGD with momentum: v <- α v - ε g;  θ <- θ + v.

    The velocity v is an exponentially decaying sum of past steps; α sets how
    long the past is remembered (α = 0 is plain SGD). Δθ is v itself.

    Equivalent to ``torch.optim.SGD(momentum=α, dampening=0)`` as long as ε
    stays constant: torch keeps b = v / (−ε) instead of v, so a change of ε
    rescales torch's whole history but only the new term here.

    Preview keys: ``"update"`` and ``"v"``.
    """

    name = "momentum"
    display_name = "Momentum"
    defaults = {"lr": 0.01, "alpha": 0.9}
    hyper_info = {"lr": _LR, "alpha": "α (momentum coefficient)"}
    update_rule = "v ← α v − ε g;  θ ← θ + v"
    state_keys = ("v",)

    def _coefficients(self, t: int) -> tuple[float, ...]:
        h = self.hyper
        return (h["alpha"], h["lr"])

    @staticmethod
    def _update_into(g, state, buf, c):
        (v,) = state
        alpha, lr = c
        np.multiply(v, alpha, out=v)
        np.multiply(g, lr, out=buf)
        np.subtract(v, buf, out=v)  # v = α v − ε g
        return v


class AdaGrad(Optimizer):
    """AdaGrad (2011): r <- r + g²;  θ <- θ - ε / (√r + δ) ⊙ g.

    Each parameter's step size ε / (√r + δ) shrinks with the total squared
    gradient it has seen, so steep directions slow down first. Computed in
    the lecture's grouping: the per-parameter step size first, then ⊙ g.

    Preview keys: ``"update"`` and ``"r"``.
    """

    name = "adagrad"
    display_name = "AdaGrad"
    defaults = {"lr": 0.01, "delta": 1e-7}
    hyper_info = {"lr": _LR, "delta": _DELTA}
    update_rule = "r ← r + g ⊙ g;  θ ← θ − ε / (√r + δ) ⊙ g"
    state_keys = ("r",)

    def _coefficients(self, t: int) -> tuple[float, ...]:
        h = self.hyper
        return (h["delta"], -h["lr"])

    @staticmethod
    def _update_into(g, state, buf, c):
        (r,) = state
        delta, neg_lr = c
        np.multiply(g, g, out=buf)
        np.add(r, buf, out=r)             # r = r + g²
        np.sqrt(r, out=buf)
        np.add(buf, delta, out=buf)       # √r + δ
        np.divide(neg_lr, buf, out=buf)   # −ε / (√r + δ)
        np.multiply(buf, g, out=buf)      # Δθ
        return buf


class RMSProp(Optimizer):
    """RMSProp (2012): r <- ρ r + (1 - ρ) g²;  θ <- θ - ε / (√r + δ) ⊙ g.

    AdaGrad with a decaying average instead of a sum, so the step size does
    not shrink for ever. Matches ``torch.optim.RMSprop(alpha=ρ, eps=δ)``
    (torch also adds eps outside the square root).

    Preview keys: ``"update"`` and ``"r"``.
    """

    name = "rmsprop"
    display_name = "RMSProp"
    defaults = {"lr": 0.001, "rho": 0.9, "delta": 1e-6}
    hyper_info = {
        "lr": _LR,
        "rho": "ρ (decay rate of the average of squared gradients r)",
        "delta": _DELTA,
    }
    update_rule = "r ← ρ r + (1 − ρ) g ⊙ g;  θ ← θ − ε / (√r + δ) ⊙ g"
    state_keys = ("r",)

    def _coefficients(self, t: int) -> tuple[float, ...]:
        h = self.hyper
        return (h["rho"], 1.0 - h["rho"], h["delta"], -h["lr"])

    @staticmethod
    def _update_into(g, state, buf, c):
        (r,) = state
        rho, one_minus_rho, delta, neg_lr = c
        np.multiply(r, rho, out=r)
        np.multiply(g, g, out=buf)
        np.multiply(buf, one_minus_rho, out=buf)
        np.add(r, buf, out=r)             # r = ρ r + (1 − ρ) g²
        np.sqrt(r, out=buf)
        np.add(buf, delta, out=buf)       # √r + δ
        np.divide(neg_lr, buf, out=buf)   # −ε / (√r + δ)
        np.multiply(buf, g, out=buf)      # Δθ
        return buf


class Adam(Optimizer):
    """Adam (2014): momentum on s plus RMSProp on r, both bias-corrected.

    The lecture's form, with t the step number starting at 1::

        s <- ρ1 s + (1 - ρ1) g          r <- ρ2 r + (1 - ρ2) g²
        ŝ = s / (1 - ρ1^t)              r̂ = r / (1 - ρ2^t)
        θ <- θ - ε ŝ / (√r̂ + δ)

    (no extra factor g: the slide's trailing "g" is a typo). The bias
    corrections only undo the zero start of s and r.

    For speed, ŝ and r̂ are never stored: with b1 = 1 - ρ1^t, b2 = 1 - ρ2^t,

        ε ŝ / (√r̂ + δ) = (ε √b2 / b1) · s / (√r + δ √b2)

    exactly, so one scalar step size and one scalar stability term replace
    two array passes. Matches ``torch.optim.Adam(betas=(ρ1, ρ2), eps=δ)``
    up to rounding.

    Preview keys: ``"update"``, ``"s"``, ``"r"``, ``"s_hat"``, ``"r_hat"``
    and ``"step_size"`` = ε / (√r̂ + δ), the effective per-parameter step
    size (Δθ = −step_size ⊙ ŝ).
    """

    name = "adam"
    display_name = "Adam"
    defaults = {"lr": 0.001, "rho1": 0.9, "rho2": 0.999, "delta": 1e-8}
    hyper_info = {
        "lr": _LR,
        "rho1": "ρ1 (decay rate of the first moment s)",
        "rho2": "ρ2 (decay rate of the second moment r)",
        "delta": _DELTA,
    }
    update_rule = (
        "s ← ρ1 s + (1 − ρ1) g;  r ← ρ2 r + (1 − ρ2) g ⊙ g;  "
        "ŝ = s / (1 − ρ1^t);  r̂ = r / (1 − ρ2^t);  θ ← θ − ε ŝ / (√r̂ + δ)"
    )
    state_keys = ("s", "r")

    def _coefficients(self, t: int) -> tuple[float, ...]:
        h = self.hyper
        rho1, rho2 = h["rho1"], h["rho2"]
        sqrt_b2 = math.sqrt(1.0 - rho2**t)
        b1 = 1.0 - rho1**t
        return (
            rho1, 1.0 - rho1, rho2, 1.0 - rho2,
            h["delta"] * sqrt_b2,         # δ √b2
            -h["lr"] * sqrt_b2 / b1,      # −ε √b2 / b1
        )

    @staticmethod
    def _update_into(g, state, buf, c):
        s, r = state
        rho1, one_minus_rho1, rho2, one_minus_rho2, delta_hat, neg_step = c
        np.multiply(s, rho1, out=s)
        np.multiply(g, one_minus_rho1, out=buf)
        np.add(s, buf, out=s)               # s = ρ1 s + (1 − ρ1) g
        np.multiply(r, rho2, out=r)
        np.multiply(g, g, out=buf)
        np.multiply(buf, one_minus_rho2, out=buf)
        np.add(r, buf, out=r)               # r = ρ2 r + (1 − ρ2) g²
        np.sqrt(r, out=buf)
        np.add(buf, delta_hat, out=buf)     # √r + δ √b2
        np.divide(s, buf, out=buf)          # s / (√r + δ √b2)
        np.multiply(buf, neg_step, out=buf) # Δθ = −ε ŝ / (√r̂ + δ) (in place by a scalar: the cheapest pass)
        return buf

    def _preview_extras(self, entry: dict[str, np.ndarray], t: int) -> None:
        h = self.hyper
        s_hat = entry["s"] / (1.0 - h["rho1"] ** t)
        r_hat = entry["r"] / (1.0 - h["rho2"] ** t)
        entry["s_hat"] = s_hat
        entry["r_hat"] = r_hat
        entry["step_size"] = h["lr"] / (np.sqrt(r_hat) + h["delta"])


#: Optimiser name -> class, in the lecture's order.
OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, AdaGrad, RMSProp, Adam)
}


def make_optimizer(name: str, params: list[np.ndarray], grads: list[np.ndarray],
                   **hyper: float) -> Optimizer:
    """Build the optimiser called ``name`` (see ``OPTIMIZERS``).

    Raises
    ------
    ValueError
        Unknown ``name`` or unknown/invalid hyper-parameter; the message
        names the culprit and lists the valid choices.
    """
    cls = OPTIMIZERS.get(name.lower() if isinstance(name, str) else name)
    if cls is None:
        raise ValueError(
            f"unknown optimiser {name!r}; valid ones: {', '.join(OPTIMIZERS)}"
        )
    return cls(params, grads, **hyper)
