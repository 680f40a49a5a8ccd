"""What a branch may change at the moment it starts, checked, applied and described.

A branch is a new run that starts from another run's state at some step,
with something changed (issue #13): the learning rate, the optimiser, the
batch size, L2, the data seed or one weight typed in. The changes are kept
in a plain dict (``{"lr": 0.01, "weight": TypedWeight(...)}``), checked
against the trainer before anything moves (:func:`check_changes`), made on
a trainer that stands at the branch's moment (:func:`apply_changes`) and
described for the run's label (:func:`describe`).

The data seed is the seed of the batch order (``TrainingSettings.seed``): the
data stays, and the rest of the current epoch and every later epoch are
shuffled from the new seed, so the branch differs from its very first step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ..optim import OPTIMIZERS
from ..text import QT_TRANSLATE_NOOP
from ..trainer import Trainer

#: What a branch may change, in the order they are applied and described.
CHANGE_KEYS = ("optimizer", "lr", "batch_size", "l2", "data_seed", "weight")


@dataclass(frozen=True)
class TypedWeight:
    """One parameter value typed in: ``param`` ("W:<connection>", "b:<node>"), its index, the value."""

    param: str
    index: tuple[int, ...]
    value: float

    def to_dict(self) -> dict[str, Any]:
        return {"param": self.param, "index": list(self.index), "value": self.value}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TypedWeight":
        return cls(str(d["param"]), tuple(int(i) for i in d["index"]), float(d["value"]))


def _number(value: Any, what: str, low: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{what} must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < low:
        raise ValueError(f"{what} must be a finite number >= {low:g}, got {value!r}")
    return v


def _integer(value: Any, what: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ValueError(f"{what} must be an integer >= {low}, got {value!r}")
    return int(value)


def _check_weight(w: Any, trainer: Trainer) -> TypedWeight:
    if not isinstance(w, TypedWeight):
        raise ValueError(f"a typed weight must be a TypedWeight, got {w!r}")
    model = trainer.model
    view = model.params.get(w.param)
    if view is None:
        raise ValueError(f"the network has no parameter {w.param!r}")
    if len(w.index) != view.ndim or not all(0 <= i < n for i, n in zip(w.index, view.shape)):
        raise ValueError(f"{w.param} has shape {view.shape}; index {w.index} is outside it")
    mask = model.masks.get(w.param[2:]) if w.param.startswith("W:") else None
    if mask is not None and not mask[w.index]:
        raise ValueError(f"the edge {w.param}{list(w.index)} is removed; it has no weight to type")
    return TypedWeight(w.param, tuple(w.index), _number(w.value, "a typed weight", -math.inf))


def check_changes(changes: dict[str, Any], trainer: Trainer) -> dict[str, Any]:
    """The changes, checked and normalised; ValueError names the first bad one."""
    unknown = [k for k in changes if k not in CHANGE_KEYS]
    if unknown:
        raise ValueError(f"a branch cannot change {', '.join(unknown)}; it can change {', '.join(CHANGE_KEYS)}")
    out: dict[str, Any] = {}
    for key in CHANGE_KEYS:
        if key not in changes:
            continue
        v = changes[key]
        if key == "optimizer":
            if v not in OPTIMIZERS:
                raise ValueError(f"unknown optimiser {v!r}; valid ones: {', '.join(OPTIMIZERS)}")
            out[key] = v
        elif key in ("lr", "l2"):
            out[key] = _number(v, "the learning rate" if key == "lr" else "L2")
        elif key in ("batch_size", "data_seed"):
            out[key] = _integer(v, key.replace("_", " "), 1 if key == "batch_size" else 0)
        else:
            out[key] = _check_weight(v, trainer)
    return out


def apply_changes(trainer: Trainer, changes: dict[str, Any]) -> None:
    """Make checked ``changes`` on a trainer standing at the branch's moment."""
    if "optimizer" in changes:
        trainer.set_optimizer(changes["optimizer"])  # a fresh optimiser: its state starts afresh
    if "lr" in changes:
        trainer.set_hyper(lr=changes["lr"])
    if "batch_size" in changes:
        trainer.set_batch_size(changes["batch_size"])
    if "l2" in changes:
        trainer.set_l2(changes["l2"])
    if "data_seed" in changes:
        _reseed(trainer, changes["data_seed"])
    if "weight" in changes:
        w = changes["weight"]
        trainer.model.params[w.param][w.index] = w.value


def _reseed(trainer: Trainer, seed: int) -> None:
    """Shuffle the rest of this epoch, and every later epoch, from ``seed``."""
    state = trainer.shuffle_state()
    rng = np.random.default_rng(seed)
    perm, pos = state["perm"], state["pos"]
    perm[pos:] = rng.permutation(perm[pos:])
    state["rng"] = rng.bit_generator.state
    trainer.load_shuffle_state(state)
    trainer.settings.seed = seed


#: How each change reads in a run's label; the designer translates the templates with words in them.
TEMPLATES = {
    "optimizer": "{value}",
    "lr": "ε = {value}",
    "batch_size": QT_TRANSLATE_NOOP("Runs", "batch size {value}"),
    "l2": "L2 λ = {value}",
    "data_seed": QT_TRANSLATE_NOOP("Runs", "data seed {value}"),
    "weight": "{param}[{index}] = {value}",
}


def describe(changes: dict[str, Any], tr: Callable[[str], str] = str) -> str:
    """``"Adam, ε = 0.01, batch size 16"``: what a branch changed (``tr`` translates each template)."""
    parts = []
    for key in CHANGE_KEYS:
        if key not in changes:
            continue
        v = changes[key]
        if key == "optimizer":
            values = {"value": OPTIMIZERS[v].display_name}
        elif key == "weight":
            values = {"param": v.param, "index": ", ".join(map(str, v.index)), "value": f"{v.value:g}"}
        else:
            values = {"value": f"{v:g}" if isinstance(v, float) else str(v)}
        parts.append(tr(TEMPLATES[key]).format(**values))
    return ", ".join(parts)
