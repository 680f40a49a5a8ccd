"""One moment of a run, and the settings changes between moments.

A :class:`Moment` is everything the next training step depends on, taken
from a :class:`~core.trainer.Trainer` after a step: the parameters, the
optimiser's state, the shuffle state (generator, permutation, position),
the settings and early stopping's memory. Loading it into any trainer over
the same network and data and stepping on gives the original run's numbers
bit for bit. Its arrays are read-only copies, so checkpoints, the scrubbing
cache and whoever asked may share one moment without copying it again.

A person may change settings while a run trains (a learning-rate slider, a
new optimiser, Play again after an early stop). A :class:`Change` records
such a change at the first step that ran with it, so replaying from an
earlier checkpoint makes the same change at the same step. :class:`Watch`
notices changes by comparing what the trainer holds after each step with
what it held after the previous one.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..early_stop import EarlyStop
from ..trainer import History, Trainer, TrainingSettings

#: What a moment costs beyond its arrays (the dicts and objects around them), counted in budgets.
OVERHEAD_BYTES = 2048


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def compact_perm(perm: np.ndarray) -> np.ndarray:
    """The permutation in the smallest unsigned dtype that holds it (uint16 for up to 65,536 samples)."""
    n = len(perm)
    dtype = np.uint16 if n <= 1 << 16 else np.uint32 if n <= 1 << 32 else np.uint64
    return _frozen(perm.astype(dtype))


@dataclass(frozen=True, eq=False)
class Moment:
    """The state after ``step`` steps of a run: load it into a trainer to go on from there."""

    step: int
    theta: np.ndarray
    optimizer: dict[str, Any]
    shuffle: dict[str, Any]
    settings: dict[str, Any]
    early: dict[str, Any] | None = None
    stopped: EarlyStop | None = None

    @classmethod
    def capture(cls, trainer: Trainer, share: "Moment | None" = None) -> "Moment":
        """Copy the trainer's state; the permutation is shared with ``share`` when it is the same one."""
        opt = trainer.optimizer.state_dict()
        opt["state"] = [{k: _frozen(a) for k, a in st.items()} for st in opt["state"]]
        shuffle = trainer.shuffle_state()
        old = share.shuffle["perm"] if share is not None else None
        if old is not None and old.shape == shuffle["perm"].shape and np.array_equal(old, shuffle["perm"]):
            shuffle["perm"] = old
        else:
            shuffle["perm"] = compact_perm(shuffle["perm"])
        early = None if trainer.early is None else trainer.early.state_dict()
        if early is not None:
            early["best_theta"] = _frozen(early["best_theta"])
        return cls(trainer.step_count, _frozen(trainer.model.theta.copy()), opt, shuffle,
                   trainer.settings.to_dict(), early, trainer.stopped)

    def load_into(self, trainer: Trainer, history: History | None = None) -> None:
        """Make ``trainer`` stand at this moment (``history``: the curves up to it; empty if None)."""
        if history is None:
            history = History(grad_norm_keys=list(trainer.history.grad_norm_keys))
        trainer.load_state_dict({"theta": self.theta, "optimizer": self.optimizer, **self.shuffle,
                                 "settings": copy.deepcopy(self.settings), "history": history.to_dict(),
                                 "early": self.early})
        trainer.stopped = self.stopped

    def arrays(self) -> list[np.ndarray]:
        """Every array this moment holds but may share: theta, optimiser state, early stopping's best."""
        out = [self.theta]
        for st in self.optimizer["state"]:
            out.extend(st.values())
        if self.early is not None:
            out.append(self.early["best_theta"])
        return out

    @property
    def own_nbytes(self) -> int:
        """Bytes this moment alone holds (the permutation, often shared, is counted by the store)."""
        return sum(a.nbytes for a in self.arrays()) + OVERHEAD_BYTES

    def equals(self, other: "Moment") -> bool:
        """Bit-for-bit equality of everything the next step depends on."""
        mine, theirs = self.arrays(), other.arrays()
        return (self.step == other.step and self.settings == other.settings
                and len(mine) == len(theirs)
                and all(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(mine, theirs))
                and _same_shuffle(self.shuffle, other.shuffle)
                and self.optimizer["hyper"] == other.optimizer["hyper"]
                and self.optimizer["t"] == other.optimizer["t"]
                and _early_key(self.early) == _early_key(other.early) and self.stopped == other.stopped)


def _same_shuffle(a: dict[str, Any], b: dict[str, Any]) -> bool:
    scalars = ("rng", "pos", "epoch", "step")
    return all(a[k] == b[k] for k in scalars) and np.array_equal(a["perm"], b["perm"])


def _early_key(early: dict[str, Any] | None) -> tuple[Any, ...] | None:
    return None if early is None else (early["patience"], early["best_loss"], early["best_epoch"])


@dataclass(frozen=True)
class Change:
    """Settings that changed while a run trained, effective from ``step`` (the first step that used them).

    ``new_optimizer``: a fresh optimiser was made (its state starts afresh);
    ``went_on``: training went on after an early stop (Play again).
    """

    step: int
    settings: dict[str, Any]
    hyper: dict[str, float]
    new_optimizer: bool = False
    went_on: bool = False

    def apply(self, trainer: Trainer) -> None:
        """Make the same change to a trainer that replays the run, just before ``step``."""
        s = self.settings
        if self.new_optimizer:
            trainer.set_optimizer(s["optimizer"], **s["hyper"])
        trainer.optimizer.hyper.update(self.hyper)
        trainer.settings.hyper = dict(s["hyper"])
        trainer.set_batch_size(int(s["batch_size"]))
        trainer.set_l2(float(s["l2"]))
        trainer.set_patience(int(s["patience"]))
        trainer.settings = TrainingSettings.from_dict(copy.deepcopy(s))  # what no setter changes (seed, epochs)
        if self.went_on:
            trainer.go_on()


class Watch:
    """Notices settings changes between two recorded steps of one trainer."""

    def __init__(self, trainer: Trainer) -> None:
        self._optimizer = trainer.optimizer
        self._key = _settings_key(trainer)
        self._stopped = trainer.stopped

    def after_step(self, trainer: Trainer) -> Change | None:
        """The change that the step just taken ran with, or None if nothing changed since the last one."""
        key = _settings_key(trainer)
        new_optimizer = trainer.optimizer is not self._optimizer
        # go_on() clears the stop; a stop right after it is a new EarlyStop object.
        went_on = self._stopped is not None and trainer.stopped is not self._stopped
        changed = key != self._key or new_optimizer or went_on
        self._optimizer, self._key, self._stopped = trainer.optimizer, key, trainer.stopped
        if not changed:
            return None
        return Change(trainer.step_count, trainer.settings.to_dict(), dict(trainer.optimizer.hyper),
                      new_optimizer, went_on)


def _settings_key(trainer: Trainer) -> tuple[Any, ...]:
    s = trainer.settings
    return (s.optimizer, dict(trainer.optimizer.hyper), dict(s.hyper), s.batch_size, trainer.model.l2,
            s.patience, s.epochs, s.seed)
