"""Optimisers from the lecture, updating NumPy parameter arrays in place.

The shape follows ``torch.optim`` (an optimiser holds references to the
parameter arrays and to their gradient arrays; ``step()`` reads the gradients
and moves the parameters) because that is the shape students meet next. The
arithmetic follows the lecture, with its symbols as hyper-parameter names:

=========  ==========================================================
``lr``     ε, the learning rate (every optimiser)
``alpha``  α, Momentum's coefficient:  v <- α v - ε g;  θ <- θ + v
``delta``  δ, small constant for numerical stability
``rho``    ρ, RMSProp's decay rate:  r <- ρ r + (1 - ρ) g²
``rho1``   ρ1, Adam's decay rate of the first moment s
``rho2``   ρ2, Adam's decay rate of the second moment r
=========  ==========================================================

Why the code looks the way it does:

* ``step()`` is the per-step hot path of training and allocates nothing.
  Every parameter gets one scratch buffer of its own dtype at construction,
  and every update is a short, fixed sequence of NumPy ufuncs writing with
  ``out=``. Scalar factors (the learning rate, Adam's two bias corrections)
  are folded into Python floats once per step, so they cost no array pass.
  Folding changes where rounding happens, never the mathematics; the
  docstring of each class shows the identity it uses.
* Gradients are read from the arrays given at construction, so whoever
  computes gradients must write them *into* those arrays (``g[...] = ...``,
  ``np.matmul(..., out=g)``), not rebind them.
* ``hyper`` is a live dict: the GUI may change ``opt.hyper["lr"]`` between two
  steps and the next step uses the new value. Assignments are validated
  (unknown keys and out-of-range values raise ``ValueError``) so a slider can
  never put the optimiser into a state that divides by zero.
* ``preview()`` runs the very same arithmetic on copies of the state, so what
  the GUI shows as "the next update" is bit for bit what ``step()`` does.
* ``state_dict()`` / ``load_state_dict()`` save and restore everything the
  trajectory depends on (hyper-parameters, t, per-parameter state), so a saved
  training run continues bit-identically.

This module is headless: it never imports Qt.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np

__all__ = [
    "Optimizer",
    "SGD",
    "Momentum",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "OPTIMIZERS",
    "make_optimizer",
    "format_hyper",
    "SYMBOLS",
]


# --------------------------------------------------------------------------
# hyper-parameters
# --------------------------------------------------------------------------

def _check_lr(v: float) -> str | None:
    return None if v >= 0.0 else "must be >= 0"


def _check_decay(v: float) -> str | None:
    # 1 would freeze the average (and make Adam's 1 - rho^t zero): excluded.
    return None if 0.0 <= v < 1.0 else "must satisfy 0 <= value < 1"


def _check_delta(v: float) -> str | None:
    # delta keeps the denominator sqrt(r) + delta away from zero while r = 0.
    return None if v > 0.0 else "must be > 0 (it keeps sqrt(r) + delta away from 0)"


#: One validity rule per hyper-parameter name; a name means the same thing
#: in every optimiser that uses it.
_HYPER_RULES = {
    "lr": _check_lr,
    "alpha": _check_decay,
    "rho": _check_decay,
    "rho1": _check_decay,
    "rho2": _check_decay,
    "delta": _check_delta,
}


def _validated(owner: str, allowed: Iterable[str], key: object, value: object) -> float:
    """Return ``value`` as a Python float after checking key and range.

    A Python float (not a NumPy scalar) matters for speed: NumPy treats a
    Python float as a "weak" scalar, so float32 arrays stay float32 and no
    float64 temporary is made.
    """
    allowed = list(allowed)
    if key not in allowed:
        raise ValueError(
            f"unknown hyper-parameter {key!r} for optimiser {owner!r}; "
            f"valid ones: {', '.join(allowed)}"
        )
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"hyper-parameter {key!r} must be a number, got {value!r}")
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"hyper-parameter {key!r} must be a number, got {value!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"hyper-parameter {key!r} must be finite, got {value!r}")
    problem = _HYPER_RULES[key](v)  # type: ignore[index]
    if problem is not None:
        raise ValueError(f"hyper-parameter {key!r} {problem}, got {value!r}")
    return v


class _Hyper(dict):
    """A dict of hyper-parameters that validates every assignment.

    It is a real ``dict`` (reads are as fast as a plain dict's, the hot path
    reads it once per step) whose writes go through the optimiser's rules, so
    a GUI that sets ``opt.hyper["lr"] = x`` gets a ``ValueError`` at once for a
    bad value instead of NaNs later. Keys can be changed, never added or
    removed: the update rule needs every one of them.
    """

    __slots__ = ("_owner", "_allowed")

    def __init__(self, owner: str, allowed: Sequence[str], values: Mapping[str, Any]):
        super().__init__()
        self._owner = owner
        self._allowed = tuple(allowed)
        for k, v in values.items():
            self[k] = v

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, _validated(self._owner, self._allowed, key, value))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def setdefault(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key not in self:
            self[key] = default
        return self[key]

    def _no_removal(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(
            f"hyper-parameters of {self._owner!r} cannot be removed; "
            "assign a new value instead"
        )

    __delitem__ = pop = popitem = clear = _no_removal  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        # Pickle/copy as a plain dict: the rules come from the optimiser.
        return (dict, (dict(self),))


# --------------------------------------------------------------------------
# base class
# --------------------------------------------------------------------------

class Optimizer:
    """Base class: holds parameters, gradients, hyper-parameters and state.

    Parameters
    ----------
    params
        The arrays to optimise, updated in place. Typically one flat float64
        or float32 vector holding every weight and bias of the network
        (one array means one short run of NumPy calls per step), sometimes a
        few arrays.
    grads
        One array per parameter, same shape. Read at every ``step()``: fill
        them in place, do not rebind them.
    **hyper
        Hyper-parameters overriding ``defaults`` (lecture names, see
        ``hyper_info``). Unknown names raise ``ValueError``.

    Attributes
    ----------
    hyper : dict[str, float]
        Live hyper-parameters; a change applies from the next ``step()``.
    t : int
        Number of steps taken (Adam's bias correction uses it).
    params, grads : list of numpy.ndarray
        The arrays given at construction (not copies).
    """

    name: ClassVar[str] = ""
    display_name: ClassVar[str] = ""
    #: Hyper-parameters and their default values.
    defaults: ClassVar[dict[str, float]] = {}
    #: Hyper-parameter key -> lecture symbol and meaning, for labels/tooltips.
    hyper_info: ClassVar[dict[str, str]] = {}
    #: The update rule in the lecture's notation, for display.
    update_rule: ClassVar[str] = ""
    #: Names of the per-parameter state arrays, in storage order.
    state_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, params: list[np.ndarray], grads: list[np.ndarray], **hyper: float):
        params, grads = _check_arrays(params, grads)
        self.params: list[np.ndarray] = params
        self.grads: list[np.ndarray] = grads
        cls = type(self)
        for key in hyper:  # checked before defaults so the message names the culprit
            _validated(cls.name, cls.defaults, key, hyper[key])
        self.hyper: dict[str, float] = _Hyper(cls.name, tuple(cls.defaults), {**cls.defaults, **hyper})
        self.t: int = 0
        # State and scratch are allocated once, in the parameter's dtype and
        # memory layout, and never rebound afterwards (load/reset copy into
        # them), so step() allocates nothing.
        self._state: list[tuple[np.ndarray, ...]] = [
            tuple(np.zeros_like(p) for _ in cls.state_keys) for p in params
        ]
        self._slots: list[tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...], np.ndarray]] = [
            (p, g, st, np.empty_like(p)) for p, g, st in zip(params, grads, self._state)
        ]

    # -- what each optimiser defines ------------------------------------
    def _coefficients(self, t: int) -> tuple[float, ...]:
        """Scalars for step number ``t`` from the live hyper-parameters."""
        raise NotImplementedError

    @staticmethod
    def _update_into(g: np.ndarray, state: tuple[np.ndarray, ...], buf: np.ndarray,
                     c: tuple[float, ...]) -> np.ndarray:
        """Advance ``state`` in place and return an array holding Δθ.

        The returned array is ``buf`` or one of the state arrays; the caller
        adds it to θ. ``step()`` and ``preview()`` both call this, so they
        cannot disagree.
        """
        raise NotImplementedError

    def _preview_extras(self, entry: dict[str, np.ndarray], t: int) -> None:
        """Add derived quantities (Adam's bias-corrected moments) to ``entry``."""

    # -- public API ------------------------------------------------------
    def step(self) -> None:
        """Update every parameter in place from its gradient; ``t += 1``."""
        t = self.t + 1
        c = self._coefficients(t)
        update_into = self._update_into
        add = np.add
        for p, g, state, buf in self._slots:
            add(p, update_into(g, state, buf, c), out=p)
        self.t = t

    def preview(self) -> list[dict[str, np.ndarray]]:
        """What the next ``step()`` would do, without doing it.

        Returns
        -------
        list of dict
            One dict per parameter: ``"update"`` is Δθ (θ_after = θ + Δθ,
            bit for bit) and the other keys are the state arrays as they
            would be after the step (see the subclass for which). All arrays
            are fresh copies; params, state and ``t`` are untouched.
        """
        t = self.t + 1
        c = self._coefficients(t)
        out: list[dict[str, np.ndarray]] = []
        for p, g, state, _buf in self._slots:
            new_state = tuple(a.copy() for a in state)
            delta = self._update_into(g, new_state, np.empty_like(p), c)
            entry = {"update": delta.copy()}
            entry.update(zip(self.state_keys, new_state))
            self._preview_extras(entry, t)
            out.append(entry)
        return out

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to continue this trajectory exactly.

        Returns
        -------
        dict
            ``{"name", "hyper", "t", "state"}`` where ``state`` is a list with
            one ``{key: array copy}`` dict per parameter.
        """
        return {
            "name": self.name,
            "hyper": dict(self.hyper),
            "t": self.t,
            "state": [
                {k: a.copy() for k, a in zip(self.state_keys, state)} for state in self._state
            ],
        }

    def load_state_dict(self, d: Mapping[str, Any]) -> None:
        """Restore what ``state_dict()`` saved.

        Everything is checked before anything changes, so a bad dict leaves
        the optimiser as it was. Arrays may be lists (e.g. read back from
        JSON) and are copied into the existing buffers, cast to the
        parameter's dtype.

        Raises
        ------
        ValueError
            Wrong optimiser name, unknown or invalid hyper-parameter, bad
            ``t``, wrong number of parameters, missing or unknown state keys,
            wrong shapes, non-finite values or a negative squared-gradient
            accumulator ``r``.
        """
        if not isinstance(d, Mapping):
            raise ValueError(f"state dict must be a mapping, got {type(d).__name__}")
        missing = [k for k in ("name", "t", "state") if k not in d]
        if missing:
            raise ValueError(f"state dict lacks {', '.join(map(repr, missing))}")
        if d["name"] != self.name:
            raise ValueError(
                f"state dict is for optimiser {d['name']!r}, this one is {self.name!r}"
            )
        hyper = d.get("hyper", {})
        if not isinstance(hyper, Mapping):
            raise ValueError("state dict 'hyper' must be a mapping")
        new_hyper = {k: _validated(self.name, self.defaults, k, v) for k, v in hyper.items()}
        t = d["t"]
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, np.integer)) or t < 0:
            raise ValueError(f"state dict 't' must be an integer >= 0, got {t!r}")
        states = d["state"]
        if not isinstance(states, Sequence) or isinstance(states, (str, bytes)):
            raise ValueError("state dict 'state' must be a list with one dict per parameter")
        if len(states) != len(self.params):
            raise ValueError(
                f"state dict has state for {len(states)} parameter array(s), "
                f"this optimiser has {len(self.params)}"
            )
        checked: list[list[np.ndarray]] = []
        for i, (st, p) in enumerate(zip(states, self.params)):
            if not isinstance(st, Mapping):
                raise ValueError(f"state of parameter {i} must be a mapping")
            keys, want = set(st), set(self.state_keys)
            if keys != want:
                raise ValueError(
                    f"state of parameter {i} has keys {sorted(keys)}, "
                    f"{self.name!r} needs {sorted(want)}"
                )
            arrays = []
            for k in self.state_keys:
                a = np.asarray(st[k])
                if a.dtype.kind not in "iuf":
                    raise ValueError(
                        f"state {k!r} of parameter {i} must be real numbers, got dtype {a.dtype}"
                    )
                if a.shape != p.shape:
                    raise ValueError(
                        f"state {k!r} of parameter {i} has shape {a.shape}, "
                        f"the parameter has shape {p.shape}"
                    )
                if not np.all(np.isfinite(a)):
                    raise ValueError(f"state {k!r} of parameter {i} is not finite")
                if k == "r" and np.any(a < 0):
                    raise ValueError(
                        f"state 'r' of parameter {i} has negative entries; "
                        "it accumulates squared gradients"
                    )
                arrays.append(a)
            checked.append(arrays)
        # All checks passed: commit.
        self.hyper.update(new_hyper)
        self.t = int(t)
        for state, arrays in zip(self._state, checked):
            for dst, src in zip(state, arrays):
                np.copyto(dst, src, casting="unsafe")

    def reset(self) -> None:
        """Forget all state (``t = 0``, moments and accumulators zero).

        Hyper-parameters are kept. Buffers are zeroed in place, not replaced.
        """
        for state in self._state:
            for a in state:
                a.fill(0)
        self.t = 0

    def __repr__(self) -> str:
        hp = ", ".join(f"{k}={v:g}" for k, v in self.hyper.items())
        return f"{type(self).__name__}({hp}; t={self.t}, {len(self.params)} array(s))"


def _check_arrays(params: Any, grads: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Validate params/grads once, so step() need not check anything."""
    for what, seq in (("params", params), ("grads", grads)):
        if isinstance(seq, np.ndarray):
            raise TypeError(
                f"{what} must be a list of arrays; wrap a single array as [array]"
            )
    params, grads = list(params), list(grads)
    if len(params) != len(grads):
        raise ValueError(f"{len(params)} parameter array(s) but {len(grads)} gradient array(s)")
    for i, (p, g) in enumerate(zip(params, grads)):
        if not isinstance(p, np.ndarray) or not isinstance(g, np.ndarray):
            raise TypeError(f"params[{i}] and grads[{i}] must be numpy arrays")
        if p.dtype.kind != "f":
            raise ValueError(f"params[{i}] must have a floating dtype, got {p.dtype}")
        if g.dtype.kind != "f":
            raise ValueError(f"grads[{i}] must have a floating dtype, got {g.dtype}")
        if not p.flags.writeable:
            raise ValueError(f"params[{i}] is read-only; the optimiser updates it in place")
        if p.shape != g.shape:
            raise ValueError(f"params[{i}] has shape {p.shape} but grads[{i}] has shape {g.shape}")
    return params, grads


# --------------------------------------------------------------------------
# the lecture's optimisers
# --------------------------------------------------------------------------

#: The lecture's symbol for each hyper-parameter name, for display.
SYMBOLS = {"lr": "ε", "alpha": "α", "rho": "ρ", "rho1": "ρ₁", "rho2": "ρ₂", "delta": "δ"}


def format_hyper(hyper: Mapping[str, float], keys: Iterable[str] | None = None) -> str:
    """``"ε = 0.001, ρ₁ = 0.9, ρ₂ = 0.999"``: hyper-parameters in the lecture's symbols."""
    names = list(hyper) if keys is None else [k for k in keys if k in hyper]
    return ", ".join(f"{SYMBOLS.get(k, k)} = {float(hyper[k]):g}" for k in names)


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


# --------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------

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
