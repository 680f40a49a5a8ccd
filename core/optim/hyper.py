"""Hyper-parameters: the rules that keep them in range, the live dict that enforces them, their symbols.

A slider in the GUI writes ``opt.hyper["lr"]`` directly; the rules here make
a bad value a ``ValueError`` at once instead of NaNs a hundred steps later.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

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


#: The lecture's symbol for each hyper-parameter name, for display.
SYMBOLS = {"lr": "ε", "alpha": "α", "rho": "ρ", "rho1": "ρ₁", "rho2": "ρ₂", "delta": "δ"}


def format_hyper(hyper: Mapping[str, float], keys: Iterable[str] | None = None) -> str:
    """``"ε = 0.001, ρ₁ = 0.9, ρ₂ = 0.999"``: hyper-parameters in the lecture's symbols."""
    names = list(hyper) if keys is None else [k for k in keys if k in hyper]
    return ", ".join(f"{SYMBOLS.get(k, k)} = {float(hyper[k]):g}" for k in names)
