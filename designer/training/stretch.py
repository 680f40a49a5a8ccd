"""Training as an edit: the snapshots of a stretch of training become one undo entry.

While training runs, the newest weights go into the document now and then
(``live``, so the canvas follows) without an undo entry. When the stretch
ends (Pause, a step done, divergence, or an edit, an undo or a save
arriving while it runs), the whole trained state (weights, the optimiser's
memory, the history) goes in once more and one :class:`TrainStretch` is
pushed, whose undo puts back the state from before the stretch. So no later
undo can mix trained and untrained values.
"""
from __future__ import annotations

from typing import Any

from core.document import TrainingState
from core.optim_state import OptimizerMemory
from core.snapshot import RUNNING, Snapshot

from .commands import TrainStretch


class StretchRecorder:
    """Puts training's results into ``document`` and records each stretch as one undo entry.

    ``pushing`` is true while it writes into the document, so the
    controller can tell its own echo from someone else's edit.
    """

    def __init__(self, document: Any, record: Any):
        self.document = document
        self.record = record
        self.pushing = False
        self.last_push = 0.0
        #: (run generation, step) of the last state put in: nothing new since means nothing to push.
        self.pushed_key: tuple = ()
        #: The history object the document holds after our last write.
        self.history_shown = document.history
        #: An open stretch: the training state before it and the (step, epoch) it began at.
        self.open: tuple[TrainingState, int, int] | None = None

    def begin(self, prev: Snapshot | None, snap: Snapshot) -> None:
        """Remember the document's training state before the first trained weights go in."""
        if self.open is None:
            same_run = prev is not None and prev.step <= snap.step and prev.info.run == snap.info.run
            start = (prev.step, prev.epoch) if same_run else (snap.info.start_step, 0)
            self.open = (self.document.training_state(), *start)

    def put(self, state: TrainingState, live: bool = False) -> None:
        """Write a training state into the document through its mutator."""
        self.pushing = True
        try:
            self.document.set_training_state(state, live=live)
        finally:
            self.pushing = False
        self.history_shown = self.document.history

    def put_live(self, prev: Snapshot | None, snap: Snapshot, now: float) -> None:
        """Training runs: its newest weights into the document (no undo entry yet)."""
        self.begin(prev, snap)
        self.put(TrainingState(snap.params, None, None), live=True)
        self.last_push, self.pushed_key = now, (snap.info.generation, snap.step)

    def finish(self, snap: Snapshot, prev: Snapshot | None, now: float) -> None:
        """Training paused, stopped or diverged: the whole trained state in, as one undo entry."""
        key = (snap.info.generation, snap.step)
        if self.open is None and key == self.pushed_key:
            return  # nothing trained since the last entry
        self.begin(prev, snap)
        state = snap.extra.get("optimizer_state")
        memory = OptimizerMemory.from_state_dict(state, self.document.spec) if state is not None else None
        run = self.record.current
        history = run.to_history() if run is not None else self.document.history
        self.put(TrainingState(snap.params, memory, history))
        self.last_push, self.pushed_key = now, key
        self.commit(snap.step, snap.epoch)

    def end(self, last: Snapshot | None, can_push: bool) -> None:
        """End an open stretch now (an edit, an undo or a save comes): it becomes its own undo entry.

        While training runs the optimiser's memory is not sent (40 copies a
        second would cost for nothing), so a stretch ended mid-run keeps the
        newest weights and history and starts the optimiser afresh, rather
        than pairing trained weights with the memory from before them.
        """
        if self.open is None:
            return
        if last is not None and last.state == RUNNING and can_push:
            run = self.record.current
            self.put(TrainingState(last.params, None, run.to_history() if run is not None else None))
            self.pushed_key = (last.info.generation, last.step)
        step, epoch = (last.step, last.epoch) if last is not None else (0, 0)
        self.commit(step, epoch)

    def commit(self, step: int, epoch: int) -> None:
        """Push the open stretch as one undo entry, "Train 300 steps (epoch 0 → 15)"."""
        if self.open is None:
            return
        before, step0, epoch0 = self.open
        self.open = None
        self.document.undo_stack.push(TrainStretch(self.document, before, self.document.training_state(),
                                                   max(step - step0, 0), (epoch0, epoch)))
