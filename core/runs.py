"""Runs as a tree: branch from any moment of a run, rename, delete, make current.

A :class:`Run` is a record: an id, a name, its parent, the step of the
parent at which it starts, and what it changed there (see
:mod:`core.timeline.branch`). :class:`Runs` holds the records with each
run's :class:`~core.timeline.Checkpoints` and curves, and the one trainer
that trains: the current run's. Branching puts that trainer at the parent's
state at the branch step (recomputed exactly), makes the changes, and the
new run trains on from there while the parent stays whole. Steps are
counted from the root, so a branch that starts at step 300 takes step 301
next, and its curves join its parent's at step 300.

Memory: all runs' checkpoints share one budget, split evenly; a branch
thins the others to make room, and deleting gives room back. Files:
:meth:`Runs.to_saved` thins every run to a file budget (its first and last
moments always kept) and :meth:`Runs.from_saved` rebuilds the tree; a person
can trim further with :meth:`Runs.keep_only_current` and
:meth:`Runs.keep_end`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .text import QT_TRANSLATE_NOOP
from .timeline import Checkpoints, Moment
from .timeline.branch import TypedWeight, apply_changes, check_changes, describe
from .timeline.saved import SavedRuns, history_from_saved, run_from_saved, run_to_saved, thinned_steps
from .trainer import History, StepInfo, Trainer

#: The default memory budget of all runs' checkpoints together.
DEFAULT_TOTAL_BUDGET = 256 * 1024 * 1024
#: The default bytes of checkpoints a file keeps, all runs together (the curves come on top).
DEFAULT_FILE_BUDGET = 32 * 1024 * 1024
#: The version of the saved form (:meth:`Runs.to_saved`).
RUNS_VERSION = 1


@dataclass
class Run:
    """One run: where it starts in its parent and what it changed there."""

    id: str
    name: str = ""
    parent: str | None = None
    branch_step: int = 0
    changes: dict[str, Any] = field(default_factory=dict)

    def label(self, tr: Callable[[str], str] = str) -> str:
        """What differs from the parent ("ε = 0.01, batch size 16"); empty for a run without a parent."""
        return describe(self.changes, tr)

    def title(self, tr: Callable[[str], str] = str) -> str:
        """What a person reads: the name given, else what differs, else "Run 1"."""
        return self.name or self.label(tr) or tr(QT_TRANSLATE_NOOP("Runs", "Run {number}")).format(number=self.id)


@dataclass
class Removed:
    """What :meth:`Runs.delete` took away, so an undo can put it back."""

    runs: list[tuple[Run, Checkpoints, History]]
    current: str


class Runs:
    """The tree of runs of one network, with the trainer that trains the current one.

    ``trainer`` trains; ``replayer()`` makes another trainer over the same
    network and data, on which moments between checkpoints are recomputed.
    Call :meth:`record` right after every step of ``trainer`` (or step with
    :meth:`step`).
    """

    def __init__(self, trainer: Trainer, replayer: Callable[[], Trainer], budget: int = DEFAULT_TOTAL_BUDGET,
                 name: str = ""):
        self.trainer = trainer
        self.budget = int(budget)
        self._replayer = replayer
        self._runs: dict[str, Run] = {"1": Run("1", name, branch_step=trainer.step_count)}
        self._stores: dict[str, Checkpoints] = {"1": Checkpoints(trainer, replayer, self.budget)}
        self._histories: dict[str, History] = {}  # the runs that are not current
        self._next = 2
        self.current = "1"

    # --- reading ---------------------------------------------------------------------------

    def __getitem__(self, run_id: str) -> Run:
        return self._runs[run_id]

    def __iter__(self) -> Iterator[Run]:
        return iter(list(self._runs.values()))

    def __len__(self) -> int:
        return len(self._runs)

    def children(self, run_id: str) -> list[Run]:
        """The runs branched from ``run_id``, in the order they were made."""
        return [r for r in self._runs.values() if r.parent == run_id]

    def subtree(self, run_id: str) -> list[str]:
        """``run_id`` and every run branched from it, directly or not, parents first."""
        out = [run_id]
        for rid in out:
            out.extend(r.id for r in self.children(rid))
        return out

    def checkpoints(self, run_id: str) -> Checkpoints:
        return self._stores[run_id]

    def last_step(self, run_id: str) -> int:
        """The step the run has reached."""
        return self._stores[run_id].last

    def history(self, run_id: str) -> History:
        """The run's curves from step 0 (its parent's up to the branch step, then its own)."""
        return self.trainer.history if run_id == self.current else self._histories[run_id]

    def state_at(self, run_id: str, step: int) -> Moment:
        """The run's state after ``step`` steps; before the branch step, its parent's."""
        run = self._runs[run_id]
        while run.parent is not None and step < run.branch_step:
            run = self._runs[run.parent]
        return self._stores[run.id].state_at(step)

    # --- training ------------------------------------------------------------------------------

    def record(self) -> None:
        """Note the step the trainer just took in the current run."""
        self._stores[self.current].record(self.trainer)

    def step(self) -> StepInfo | None:
        """One step of the current run, recorded."""
        info = self.trainer.step()
        self.record()
        return info

    # --- the tree ------------------------------------------------------------------------------

    def branch(self, parent: str, step: int, name: str = "", **changes: Any) -> Run:
        """A new current run from ``parent``'s state at ``step`` with ``changes`` made there.

        Nothing changes if the changes or the step are refused (ValueError)
        or the budget cannot hold another run's checkpoints.
        """
        if parent not in self._runs:
            raise ValueError(f"there is no run {parent!r}")
        checked = check_changes(changes, self.trainer)
        moment = self.state_at(parent, step)
        share = self.budget // (len(self._runs) + 1)
        if 2 * (moment.own_nbytes + moment.shuffle["perm"].nbytes) > share:
            raise ValueError(f"a memory budget of {self.budget} bytes cannot hold another run's checkpoints")
        history = _history_until(self.history(parent), step)
        run = Run(str(self._next), name.strip(), parent, step, checked)
        self._leave_current()
        try:
            moment.load_into(self.trainer, history)
            apply_changes(self.trainer, checked)
            store = Checkpoints(self.trainer, self._replayer, share)
        except Exception:
            self._enter(self.current)
            raise
        self._next += 1
        self._runs[run.id], self._stores[run.id] = run, store
        self.current = run.id
        self._rebalance()
        return run

    def make_current(self, run_id: str) -> None:
        """Train ``run_id`` from now on: the trainer goes to its last step, with its curves."""
        if run_id not in self._runs:
            raise ValueError(f"there is no run {run_id!r}")
        if run_id == self.current:
            return
        self._leave_current()
        self._enter(run_id)

    def rename(self, run_id: str, name: str) -> None:
        """Give a run a name (an empty one: it is called by what differs again)."""
        self._runs[run_id].name = name.strip()

    def delete(self, run_id: str) -> Removed:
        """Delete a run and every run branched from it; the first run cannot be deleted.

        If the current run goes, its parent becomes current. Returns what
        went, for :meth:`put_back`.
        """
        run = self._runs.get(run_id)
        if run is None:
            raise ValueError(f"there is no run {run_id!r}")
        if run.parent is None:
            raise ValueError("the first run cannot be deleted")
        gone = self.subtree(run_id)
        removed = Removed([], self.current)
        if self.current in gone:
            self.make_current(run.parent)
        for rid in gone:
            removed.runs.append((self._runs.pop(rid), self._stores.pop(rid), self._histories.pop(rid)))
        self._rebalance()
        return removed

    def put_back(self, removed: Removed) -> None:
        """Undo a :meth:`delete`: the runs return as they were, and so does the current run."""
        for run, store, history in removed.runs:
            self._runs[run.id], self._stores[run.id], self._histories[run.id] = run, store, history
        self._rebalance()
        self.make_current(removed.current)

    # --- trimming ----------------------------------------------------------------------------

    def keep_only_current(self) -> None:
        """Delete every other run; the current one becomes the first, starting where it branched.

        Its moments before its branch step were its ancestors' and go with
        them (its curves stay whole); a run without a name keeps what
        differed as its name. Not undoable: ask first.
        """
        run = self._runs[self.current]
        if not run.name:
            run.name = run.title()
        run.parent, run.changes = None, {}
        for rid in list(self._runs):
            if rid != run.id:
                del self._runs[rid], self._stores[rid], self._histories[rid]
        self._rebalance()

    def keep_end(self, steps: int) -> None:
        """Keep only the last ``steps`` steps of every run (from the checkpoint at or before), curves whole."""
        if steps < 0:
            raise ValueError(f"cannot keep {steps} steps")
        for store in self._stores.values():
            store.drop_before(max(store.first, store.last - steps))

    # --- saving ------------------------------------------------------------------------------

    def to_saved(self, budget: int = DEFAULT_FILE_BUDGET) -> SavedRuns:
        """The tree as JSON-able data and arrays (see :mod:`core.timeline.saved`), checkpoints thinned to ``budget``.

        Each run keeps its checkpoints on the coarsest doubling of its grid
        that fits an even share of ``budget``; the first moment of each run
        always stays, so every run can be recomputed from its start.
        """
        share = budget // len(self._runs)
        meta: dict[str, Any] = {"version": RUNS_VERSION, "current": self.current, "next": self._next, "runs": []}
        arrays: dict[str, Any] = {}
        for i, run in enumerate(self._runs.values()):
            store = self._stores[run.id]
            head = self._head(run.id)
            steps, spacing = thinned_steps(store, share - head.own_nbytes)
            part, part_arrays = run_to_saved(store, steps, spacing, head, self.history(run.id))
            changes = {k: v.to_dict() if isinstance(v, TypedWeight) else v for k, v in run.changes.items()}
            meta["runs"].append({"id": run.id, "name": run.name, "parent": run.parent,
                                 "branch_step": run.branch_step, "changes": changes, **part})
            arrays.update({f"r{i}.{k}": v for k, v in part_arrays.items()})
        return SavedRuns(meta, arrays)

    @classmethod
    def from_saved(cls, trainer: Trainer, replayer: Callable[[], Trainer], saved: SavedRuns,
                   budget: int = DEFAULT_TOTAL_BUDGET) -> "Runs":
        """The tree a file held (checked by the file reader), with ``trainer`` at the current run's last step.

        ValueError if the runs do not fit the trainer's network or data (the
        data changed since they were saved): the caller then starts one run.
        """
        meta, arrays = saved.meta, saved.arrays
        self = cls.__new__(cls)
        self.trainer, self.budget, self._replayer = trainer, int(budget), replayer
        self._runs, self._stores, self._histories = {}, {}, {}
        share = self.budget // len(meta["runs"])
        for i, r in enumerate(meta["runs"]):
            sub = {k[len(f"r{i}."):]: v for k, v in arrays.items() if k.startswith(f"r{i}.")}
            if sub["theta"].shape[1] != trainer.model.theta.size or sub["perms"].shape[1] != len(trainer.train):
                raise ValueError(f"run {r['id']} was saved for {sub['theta'].shape[1]} parameters and "
                                 f"{sub['perms'].shape[1]} training samples, not {trainer.model.theta.size} "
                                 f"and {len(trainer.train)}")
            changes = {k: TypedWeight.from_dict(v) if k == "weight" else v for k, v in r["changes"].items()}
            self._runs[r["id"]] = Run(r["id"], r["name"], r["parent"], r["branch_step"], changes)
            self._stores[r["id"]] = run_from_saved(r, sub, replayer, share)
            self._histories[r["id"]] = history_from_saved(r, sub)
        self._next, self.current = int(meta["next"]), meta["current"]
        self._enter(self.current)
        return self

    # --- helpers -------------------------------------------------------------------------------

    def _head(self, run_id: str) -> Moment:
        """The moment of the run's last step: the trainer's for the current run, else kept."""
        store = self._stores[run_id]
        if run_id != self.current:
            return store.head if store.head is not None else store.state_at(store.last)
        if self.trainer.step_count != store.last:
            raise ValueError(f"the trainer is at step {self.trainer.step_count}, its run at {store.last}: "
                             "record every step")
        if self.trainer.diverged is not None:  # it put back the weights of the step before: recompute
            return store.state_at(store.last)
        return Moment.capture(self.trainer)

    def _leave_current(self) -> None:
        """Keep the current run's curves and last moment; the trainer is about to stand elsewhere."""
        self._histories[self.current] = self.trainer.history
        store = self._stores[self.current]
        if self.trainer.step_count == store.last:
            store.pin_head(self._head(self.current))

    def _enter(self, run_id: str) -> None:
        store = self._stores[run_id]
        store.state_at(store.last).load_into(self.trainer, self._histories.pop(run_id))
        store.follow(self.trainer)
        self.current = run_id

    def _rebalance(self) -> None:
        share = self.budget // len(self._runs)
        for store in self._stores.values():
            store.set_budget(share)


def _history_until(history: History, step: int) -> History:
    """The curves up to and including ``step`` (a branch's start), as a new History."""
    out = History.from_dict(history.to_dict())
    out.step_loss = out.step_loss[:step]
    out.epochs = [e for e in out.epochs if e.step <= step]
    keep = [i for i, s in enumerate(out.grad_norm_steps) if s <= step]
    out.grad_norm_steps = [out.grad_norm_steps[i] for i in keep]
    out.grad_norms = [out.grad_norms[i] for i in keep]
    return out
