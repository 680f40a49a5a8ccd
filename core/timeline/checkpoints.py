"""Checkpoints of one run within a memory budget, and any step recomputed from them exactly.

The scheme (a doubling grid): checkpoints are kept at the steps
``first + k·d`` for a spacing ``d`` that starts at 1, so a short run keeps
every step. Whenever the checkpoints' memory would exceed the budget, ``d``
doubles and every checkpoint off the new grid is dropped, which frees about
half of them; the run's first moment (``k = 0``) is always kept.

The bound. Let ``c`` be the bytes of one checkpoint (parameters, optimiser
state, early stopping's best weights, :data:`~core.timeline.moment.OVERHEAD_BYTES`
for the objects, plus its permutation, which checkpoints of one epoch
share) and ``K = budget // c`` the number that fit. After every recorded
step the store holds at most ``budget`` bytes, whatever the run's length
(:attr:`Checkpoints.nbytes` counts them; the settings changes, a few hundred
bytes each at the rate a person changes settings, are counted too but never
dropped). After ``N`` steps the spacing is the smallest power of two with
``N // d + 1 ≤ K``, so ``d ≤ 2N / (K − 1)``, and :meth:`Checkpoints.state_at`
replays at most ``d − 1`` steps. Example: a 64-32-10 network with Adam is
about 60 KB a checkpoint, so 64 MiB keep about 1,100 of them and a
10,000-step run is recomputed from at most 15 steps back.

A run that is not training also keeps the moment of its last step
(:meth:`Checkpoints.pin_head`), counted in the same budget, so switching
to it or opening it from a file replays nothing.

A step between checkpoints is recomputed on a separate *replay* trainer (over
the same network and data, made by the function given to the store), never
on the trainer that trains: from the nearest earlier checkpoint, making the
recorded settings changes at their steps. Replay is deterministic, so the
result equals the original bit for bit; scrubbing forward continues from
where the last replay stopped instead of starting again.
"""
from __future__ import annotations

import bisect
from typing import Callable

from ..trainer import History, Trainer
from .moment import OVERHEAD_BYTES, Change, Moment, Watch

#: The default memory budget of one run's checkpoints.
DEFAULT_BUDGET = 64 * 1024 * 1024
#: The replay trainer's history is dropped beyond this many steps (nobody reads it).
_REPLAY_HISTORY = 4096


class Checkpoints:
    """One run's checkpoints on a doubling grid within ``budget`` bytes (see the module docstring).

    Call :meth:`record` right after every step of the trainer that trains
    (settings may change between steps, not inside a step listener).
    """

    def __init__(self, trainer: Trainer, replayer: Callable[[], Trainer], budget: int = DEFAULT_BUDGET):
        self._setup(Moment.capture(trainer), replayer, budget)
        self._watch: Watch | None = Watch(trainer)
        if 2 * self.nbytes > self.budget:
            raise ValueError(f"a memory budget of {self.budget} bytes does not hold two checkpoints "
                             f"of {self.nbytes} bytes")

    @classmethod
    def from_moments(cls, moments: list[Moment], changes: list[Change], last: int, spacing: int,
                     replayer: Callable[[], Trainer], budget: int = DEFAULT_BUDGET) -> "Checkpoints":
        """A store rebuilt from saved moments (the first is the run's start) and settings changes.

        It records nothing until :meth:`follow` is given a trainer at ``last``.
        """
        self = cls.__new__(cls)
        self._setup(moments[0], replayer, budget)
        self._watch = None
        self.last, self.spacing = int(last), int(spacing)
        for m in moments[1:]:
            self._add(m)
        for c in changes:
            self._changes[c.step] = c
            self._own += OVERHEAD_BYTES
        self._fit()
        return self

    def _setup(self, base: Moment, replayer: Callable[[], Trainer], budget: int) -> None:
        self._replayer = replayer
        self._scratch: Trainer | None = None
        self._scratch_at: int | None = None
        self.first = self.last = base.step
        self.spacing = 1
        self.budget = int(budget)
        self._steps: list[int] = []
        self._kept: dict[int, Moment] = {}
        self._perms: dict[int, list] = {}  # id(perm) -> [perm, how many moments hold it]
        self._own = 0  # bytes held, kept up to date by _add, _drop and record
        self._changes: dict[int, Change] = {}
        self._head: Moment | None = None  # the last step's moment, off the grid, while nothing records
        self._add(base)

    # --- recording ----------------------------------------------------------------------

    def record(self, trainer: Trainer) -> None:
        """Note the step the trainer just took: its settings changes and, on the grid, a checkpoint."""
        step = trainer.step_count
        if step == self.last:  # no step was taken (diverged, or recorded already)
            return
        if step != self.last + 1:
            raise ValueError(f"step {step} recorded after step {self.last}: record every step")
        if self._watch is None:
            raise ValueError("the store follows no trainer yet (call follow)")
        self.pin_head(None)
        change = self._watch.after_step(trainer)
        if change is not None:
            self._changes[step] = change
            self._own += OVERHEAD_BYTES
        self.last = step
        if (step - self.first) % self.spacing == 0:
            self._add(Moment.capture(trainer, share=self._kept[self._steps[-1]]))
        self._fit()

    def follow(self, trainer: Trainer) -> None:
        """Record a trainer that was just put at this run's last step (the run trains on)."""
        if trainer.step_count != self.last:
            raise ValueError(f"the trainer is at step {trainer.step_count}, the run at {self.last}")
        self._watch = Watch(trainer)

    def pin_head(self, moment: Moment | None) -> None:
        """Keep the moment of the last step too (a run that is not training), so it is at hand at once.

        Its bytes count in the budget; the next recorded step lets it go.
        """
        if self._head is not None:
            self._own -= self._head.own_nbytes + self._head.shuffle["perm"].nbytes
        if moment is not None and moment.step != self.last:
            raise ValueError(f"the head is the moment of step {self.last}, not {moment.step}")
        self._head = None if moment is None or moment.step in self._kept else moment
        if self._head is not None:
            self._own += self._head.own_nbytes + self._head.shuffle["perm"].nbytes
            self._fit()

    @property
    def head(self) -> Moment | None:
        """The last step's moment when it is kept (a checkpoint there, or the pinned head)."""
        return self._kept.get(self.last, self._head)

    def set_budget(self, budget: int) -> None:
        """A new budget (the runs share one): checkpoints are thinned at once to fit it."""
        self.budget = int(budget)
        self._fit()

    def drop_before(self, step: int) -> None:
        """Forget the moments before ``step`` (keep only the end of a run).

        The run then starts at its last checkpoint at or before ``step``;
        the settings changes up to there are in that checkpoint already.
        """
        start = self.nearest(step)
        for s in self._steps:
            if s < start:
                self._drop(s)
        self._steps = [s for s in self._steps if s >= start]
        for s in [s for s in self._changes if s <= start]:
            del self._changes[s]
            self._own -= OVERHEAD_BYTES
        self.first = start
        if self._scratch_at is not None and self._scratch_at < start:
            self._scratch_at = None

    def _add(self, m: Moment) -> None:
        self._steps.append(m.step)
        self._kept[m.step] = m
        self._own += m.own_nbytes
        held = self._perms.setdefault(id(m.shuffle["perm"]), [m.shuffle["perm"], 0])
        if not held[1]:
            self._own += m.shuffle["perm"].nbytes
        held[1] += 1

    def _drop(self, step: int) -> None:
        m = self._kept.pop(step)
        self._own -= m.own_nbytes
        key = id(m.shuffle["perm"])
        self._perms[key][1] -= 1
        if not self._perms[key][1]:
            self._own -= m.shuffle["perm"].nbytes
            del self._perms[key]

    def _fit(self) -> None:
        """Double the spacing and drop what falls off the grid until the budget holds (the first stays)."""
        while self.nbytes > self.budget and len(self._steps) > 1:
            self.spacing *= 2
            for s in self._steps:
                if (s - self.first) % self.spacing:
                    self._drop(s)
            self._steps = [s for s in self._steps if s in self._kept]

    # --- reading ---------------------------------------------------------------------------

    @property
    def nbytes(self) -> int:
        """The bytes held: checkpoints (shared permutations once) and the settings changes."""
        return self._own

    @property
    def steps(self) -> list[int]:
        """The steps that have a checkpoint, in order."""
        return list(self._steps)

    @property
    def changes(self) -> list[Change]:
        """The settings changes during the run, in order."""
        return [self._changes[s] for s in sorted(self._changes)]

    def moment(self, step: int) -> Moment:
        """The checkpoint kept at ``step`` (KeyError if none is)."""
        return self._kept[step]

    def nearest(self, step: int) -> int:
        """The checkpoint a moment at ``step`` is recomputed from: the last one at or before it."""
        self._check(step)
        return self._steps[bisect.bisect_right(self._steps, step) - 1]

    def state_at(self, step: int) -> Moment:
        """The run's state after ``step`` steps, exactly as it was: kept, or recomputed."""
        start = self.nearest(step)
        if start == step:
            return self._kept[step]
        if step == self.last and self._head is not None:
            return self._head
        tr = self._replay_trainer()
        if self._scratch_at is None or not start <= self._scratch_at <= step:
            self._scratch_at = None
            self._kept[start].load_into(tr)
            self._scratch_at = start
        self._advance(tr, step)
        return Moment.capture(tr, share=self._kept[start])

    def restore(self, trainer: Trainer, step: int, history: History | None = None) -> None:
        """Put ``trainer`` at ``step`` of this run (``history``: the curves up to it)."""
        self.state_at(step).load_into(trainer, history)

    def _check(self, step: int) -> None:
        if not self.first <= step <= self.last:
            raise ValueError(f"step {step} is outside this run (steps {self.first} to {self.last})")

    def _replay_trainer(self) -> Trainer:
        if self._scratch is None:
            self._scratch = self._replayer()
        return self._scratch

    def _advance(self, tr: Trainer, step: int) -> None:
        """Step the replay trainer on to ``step``, making each recorded change at its step."""
        assert self._scratch_at is not None
        while self._scratch_at < step:
            s = self._scratch_at + 1
            change = self._changes.get(s)
            if change is not None:
                change.apply(tr)
            if tr.step() is None:
                self._scratch_at = None
                raise RuntimeError(f"replaying step {s} diverged, which the run itself did not")
            self._scratch_at = s
        if len(tr.history.step_loss) > _REPLAY_HISTORY:
            tr.history = History(grad_norm_keys=list(tr.history.grad_norm_keys))
