"""The GUI side of training: ties the document to the worker thread.

:class:`TrainingController` owns one :class:`~designer.training.worker.TrainingWorker`
and the actions a person uses (Play/Pause, Step one batch, Step one epoch,
Reset weights). It

* builds jobs from copies of the document, and rebuilds the worker's trainer
  when the structure, the data or the weights change outside training (an
  edit while training pauses it first; Play resumes with a freshly compiled
  model that keeps every weight that still fits);
* forwards live setting changes (learning rate, optimiser, batch size, L2)
  to the running trainer, which applies them at its next step;
* receives snapshots, records the history (:class:`TrainingRecord`) and
  passes each snapshot on to the panels; puts the trained weights into the
  document while training (throttled, so the canvas follows) and, when a
  stretch of training ends (paused, stopped, diverged, or an edit comes
  while it runs), the whole training state (weights, the optimiser's
  memory, the history) as one undo entry (:class:`TrainStretch`). Nothing
  here writes the document but its mutators.

The GUI thread never waits on the worker, except in :meth:`shutdown` (on
close), which stops the thread and waits for it to end.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from core.data.source import DataSource
from core.snapshot import DIVERGED, IDLE, PAUSED, RUNNING, Job, RunInfo, Snapshot
from core.trainer import TrainingSettings

from .actions import SHORTCUTS, make_actions, show_state  # noqa: F401  (SHORTCUTS: where callers found it)
from .commands import ResetWeights
from .record import TrainingRecord
from .status import describe, status_text
from .stretch import StretchRecorder
from .worker import TrainingWorker


#: The first speed: a pace a person can watch (see :meth:`TrainingController.steps_per_second`).
WATCH = "watch"
#: How long one run of the set epochs takes at the WATCH pace.
WATCH_SECONDS = 4.0


class TrainingController(QObject):
    """Play, pause, step and reset training of one document.

    Signals
    -------
    snapshot_ready(Snapshot)
        A new snapshot (the record already holds its history); panels draw it.
    run_changed(RunInfo)
        The worker built a trainer for new data or structure; panels
        rebuild what they drew from the data.
    state_changed(str)
        "idle", "running", "paused", "done" (the epochs asked for are
        done) or "diverged".
    diverged(Divergence)
        Training produced NaN/Inf; it is paused and the document holds the
        last finite weights.
    status_changed(str)
        One line for a status bar: epoch, step, loss, steps/s.
    error_changed(str)
        Why training cannot start (empty when it can).
    cleared()
        Another network was loaded (New, Open, Revert): what was shown of
        the last one's training (progress, status) goes.
    """

    snapshot_ready = Signal(object)
    run_changed = Signal(object)
    state_changed = Signal(str)
    diverged = Signal(object)
    status_changed = Signal(str)
    error_changed = Signal(str)
    cleared = Signal()

    #: Trained weights go into the document at most this often while training.
    live_params_interval = 0.1

    def __init__(self, document: Any, parent: QObject | None = None, max_rate: float = 40.0,
                 mode: str | None = None):
        super().__init__(parent)
        self.document = document
        self.record = TrainingRecord()
        self.state = IDLE
        self.error = ""
        self.last: Snapshot | None = None
        self.info: RunInfo | None = None
        #: Steps a second Play is capped at: None as fast as it goes, WATCH a pace that
        #: makes one run of the set epochs last about WATCH_SECONDS (the first choice).
        self.speed: float | str | None = WATCH
        self._stale = True          # the worker's trainer does not match the document
        self._new_run = True        # the next build starts a new run
        self._sent_training = TrainingSettings.from_dict(document.training.to_dict())
        self._loads_pending = 0     # jobs sent whose trainer has not reported yet
        self._shut_down = False
        self._blocking = False
        self._spec = document.spec
        #: Training's results into the document, each stretch one undo entry.
        self.stretches = StretchRecorder(document, self.record)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload)

        self._worker_args = {"max_rate": max_rate, **({"mode": mode} if mode else {})}
        self.worker = self._start_worker()
        # Deleted with its window without a close (or the app quits): the worker stops too.
        holder = self._holder = [self.worker]

        def stop_workers(*_: object) -> None:
            for w in holder:
                try:
                    w.shutdown(2000)
                except RuntimeError:  # its Qt side was deleted first: nothing left running
                    pass
        self.destroyed.connect(stop_workers)

        self.actions = make_actions(self, {"play": self.toggle, "step_batch": self.step_batch,
                                            "step_epoch": self.step_epoch, "reset": self.reset_weights})
        document.structure_changed.connect(self._on_structure)
        document.params_changed.connect(self._on_params)
        document.data_changed.connect(self._on_data)
        document.training_changed.connect(self._on_training)
        document.before_edit.append(self.end_stretch)
        self._load_saved_history()
        self._schedule_reload()

    def _load_saved_history(self) -> None:
        """Show the curves saved with the document as an earlier run."""
        self.record.add_saved(self.document.history, self.document.training, self.document.spec)

    def document_replaced(self) -> None:
        """Call after ``Document.replace`` (New, Open, Revert): forget this network's runs.

        Training pauses, the curves of the earlier network go, the opened
        file's saved history shows as an earlier run, and the next trainer
        starts a new run.
        """
        if self.state == RUNNING:
            self.worker.pause()
        self.stretches.open = None
        self._show_document_history()
        self.cleared.emit()
        self.status_changed.emit("")

    def _show_document_history(self) -> None:
        """The curves show the document's history as its one run; the next trainer starts a new run."""
        self.record.clear()
        self.stretches.history_shown = self.document.history
        self._load_saved_history()
        self._new_run = True
        self._schedule_reload()

    def _start_worker(self) -> TrainingWorker:
        worker = TrainingWorker(**self._worker_args)
        worker.snapshot_ready.connect(self._on_snapshot, Qt.ConnectionType.QueuedConnection)
        worker.run_ready.connect(self._on_run, Qt.ConnectionType.QueuedConnection)
        worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        worker.start()
        return worker

    # --- actions ----------------------------------------------------------------------

    def _update_actions(self) -> None:
        show_state(self.actions, running=self.state == RUNNING, can_train=not self._blocking)

    # --- what a person does -------------------------------------------------------------

    @Slot()
    def toggle(self) -> None:
        """Play/Pause (Space)."""
        if self.state == RUNNING:
            self.pause()
        else:
            self.play()

    @Slot()
    def play(self) -> None:
        """Train until paused (or for the settings' epochs, if not 0)."""
        if not self._ready():
            return
        epochs = self.document.training.epochs or None
        self.worker.set_speed(self.steps_per_second())
        self.worker.play(epochs)
        self._set_state(RUNNING)

    @Slot()
    def pause(self) -> None:
        self.worker.pause()

    @Slot()
    def step_batch(self) -> None:
        if self._ready():
            self.worker.set_speed(None)
            self.worker.step_batch(1)

    @Slot()
    def step_epoch(self) -> None:
        if self._ready():
            self.worker.set_speed(None)
            self.worker.step_epoch()

    @Slot()
    def reset_weights(self) -> None:
        """One undoable command: the initial weights for the seed; a new run begins."""
        if self.state == RUNNING:
            self.worker.pause()
        self._new_run = True
        self.document.push(ResetWeights(self.document))  # its weights, with no optimiser memory

    def set_speed(self, steps_per_second: float | str | None) -> None:
        """Cap training at this many steps per second (None: as fast as it goes; WATCH: watchable)."""
        self.speed = steps_per_second or None
        self.worker.set_speed(self.steps_per_second())

    def steps_per_second(self) -> float | None:
        """The cap to send: WATCH becomes the rate at which the set epochs take about WATCH_SECONDS.

        So XOR's 100 short epochs and the spiral's 300 both form their
        boundary over a few seconds, and digits' 20 long ones do not drag.
        """
        if self.speed != WATCH:
            return self.speed  # type: ignore[return-value]
        per_epoch = self.info.steps_per_epoch if self.info is not None else 10
        epochs = self.document.training.epochs or 100
        return max(30.0, per_epoch * epochs / WATCH_SECONDS)

    def want_unit_planes(self, on: bool) -> None:
        """Ask for each unit's output over the input plane in the snapshots (thumbnails)."""
        self.worker.want_unit_planes(on)

    def _ready(self) -> bool:
        """Make sure the worker trains what the document shows; False if it cannot."""
        if not self.document.can_train():
            problems = self.document.problems
            self._set_error(problems[0].message if problems else "the network cannot be trained yet")
            return False
        if self._stale:
            self._reload()
        return not self._blocking

    # --- building jobs ------------------------------------------------------------------

    def _schedule_reload(self) -> None:
        self._stale = True
        self._reload_timer.start()

    @Slot()
    def _reload(self) -> None:
        """Send the worker a job built from copies of the document."""
        self._reload_timer.stop()
        doc = self.document
        if not doc.can_train():
            problems = doc.problems
            self._set_error(problems[0].message if problems else "the network is empty")
            self._stale = True
            return
        base = doc.path.parent if getattr(doc, "path", None) else None
        job = Job(spec=doc.spec.copy(), params={k: v.copy() for k, v in doc.params.items()},
                  data=DataSource.from_dict(doc.data.to_dict()),
                  training=TrainingSettings.from_dict(doc.training.to_dict()), base=base,
                  new_run=self._new_run,
                  target_epochs=doc.training.epochs or None,
                  optimizer_state=doc.optimizer_state)
        self._sent_training = TrainingSettings.from_dict(doc.training.to_dict())
        self._set_error("")
        self._loads_pending += 1
        self.worker.load(job)
        self._stale = False
        self._new_run = False

    # --- the document changed -------------------------------------------------------------

    @Slot()
    def _on_structure(self) -> None:
        """An edit of the structure: pause; the next Play compiles the edited network.

        A new spec object means another network (``Document.replace``: New,
        Open, Revert); edits change the spec in place.
        """
        if self.document.spec is not self._spec:
            self._spec = self.document.spec
            self.document_replaced()
            return
        if self.state == RUNNING:
            self.worker.pause()
        self._schedule_reload()

    @Slot()
    def _on_params(self) -> None:
        if self.stretches.pushing:
            return
        if self.state == RUNNING:
            self.worker.pause()
        self._schedule_reload()

    @Slot()
    def _on_data(self) -> None:
        """Settings changed: live ones go to the trainer; data changes rebuild it."""
        doc = self.document
        new, old = doc.training, self._sent_training
        if self._stale:
            self._schedule_reload()
            return
        data_changed = self.info is None or self._data_key() != self._loaded_data_key
        if data_changed or new.seed != old.seed:
            if self.state == RUNNING:
                self.worker.pause()
            self._new_run = True  # the document dropped the optimiser's memory of the old data
            self._schedule_reload()
            return
        self.worker.send_settings(old, new)
        self._sent_training = TrainingSettings.from_dict(new.to_dict())

    @Slot()
    def _on_training(self) -> None:
        """The document's history was replaced by someone else (a training stretch undone or
        redone): show that history, and train on from the document's state as a new run.
        """
        if self.stretches.pushing or self.document.history is self.stretches.history_shown:
            return
        if self.state == RUNNING:
            self.worker.pause()
        self.stretches.open = None
        self._show_document_history()

    def _data_key(self) -> str:
        d = self.document.data.to_dict()
        d.pop("standardizer", None)
        return repr(d)

    _loaded_data_key = ""

    # --- the worker said something ----------------------------------------------------------

    @Slot(object)
    def _on_run(self, info: RunInfo) -> None:
        self._loads_pending = max(self._loads_pending - 1, 0)
        self.info = info
        self._loaded_data_key = self._data_key()
        self.run_changed.emit(info)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._loads_pending = max(self._loads_pending - 1, 0)
        self._stale = True
        self._set_state(IDLE)
        if self.worker.ended and not self._shut_down:
            # the training process died: start another; Play trains from the document's weights
            self.worker.wait(1000)
            self._loads_pending = 0
            self.worker = self._start_worker()
            self._holder[0] = self.worker
            self.info = None
            self._set_error(message, blocking=False)
        else:
            self._set_error(message)

    @Slot(object)
    def _on_snapshot(self, snap: Snapshot) -> None:
        self.worker.ack()
        prev, self.last = self.last, snap
        self.record.add(snap)
        previous = self.state
        self._set_state(snap.state)
        now = time.perf_counter()
        if snap.state == RUNNING:
            if now - self.stretches.last_push >= self.live_params_interval and self._can_push(snap):
                self.stretches.put_live(prev, snap, now)
        elif snap.state != IDLE and (snap.step != snap.info.start_step or snap.state == DIVERGED):
            self._finish(snap, prev, now)
        self.snapshot_ready.emit(snap)
        self.status_changed.emit(self.describe(snap))
        if snap.state == DIVERGED and snap.divergence is not None and previous != DIVERGED:
            self._stale = True  # Play after a divergence starts from the last finite weights
            self.diverged.emit(snap.divergence)

    def _can_push(self, snap: Snapshot) -> bool:
        """False when the document changed since the job was sent: its own values win."""
        return not (self._stale or self._loads_pending or
                    (self.info is not None and snap.info.generation != self.info.generation))

    def _finish(self, snap: Snapshot, prev: Snapshot | None, now: float) -> None:
        """Training paused, stopped or diverged: its state in as one undo entry (unless the document moved on)."""
        if self._can_push(snap):
            self.stretches.finish(snap, prev, now)
        else:
            self.end_stretch()

    def end_stretch(self) -> None:
        """End an open stretch of training now: it becomes its own undo entry (see :class:`.StretchRecorder`)."""
        last = self.last
        self.stretches.end(last, last is not None and self._can_push(last))

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._update_actions()
            self.state_changed.emit(state)

    def _set_error(self, message: str, blocking: bool = True) -> None:
        """Say why training cannot go on (``blocking``) or what happened to it."""
        self._blocking = bool(message) and blocking
        if message != self.error:
            self.error = message
            self._update_actions()
            self.error_changed.emit(message)

    # --- status ------------------------------------------------------------------------------

    def describe(self, snap: Snapshot) -> str:
        """The status line (:func:`.status.describe`): a saved history's end before any training."""
        return describe(snap, getattr(self.document, "history", None), self.record)

    #: "Epoch 12 · step 1,530 · batch loss 0.213 · 1,840 steps/s" (:func:`.status.status_text`).
    status_text = staticmethod(status_text)

    # --- closing ------------------------------------------------------------------------------

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop training and the worker (waits for it), keep the trained weights; call on close."""
        if self._shut_down:
            return not self.worker.isRunning()
        self._shut_down = True
        was_running = self.state == RUNNING
        self._reload_timer.stop()
        if self.end_stretch in self.document.before_edit:
            self.document.before_edit.remove(self.end_stretch)
        for sig, slot in ((self.document.structure_changed, self._on_structure),
                          (self.document.params_changed, self._on_params),
                          (self.document.data_changed, self._on_data),
                          (self.document.training_changed, self._on_training),
                          (self.worker.snapshot_ready, self._on_snapshot),
                          (self.worker.run_ready, self._on_run),
                          (self.worker.failed, self._on_failed)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError, SystemError):
                pass
        ok = self.worker.shutdown(timeout_ms)
        final = self.worker.final_snapshot
        if was_running and final is not None and final is not self.last and not self._stale \
                and not self._loads_pending and self.info is not None \
                and final.info.generation == self.info.generation:
            self.record.add(final)  # the steps since the last snapshot the panels saw
            prev, self.last = self.last, final
            self._finish(replace(final, state=PAUSED), prev, time.perf_counter())
        else:
            self.end_stretch()
        self._set_state(IDLE)
        return ok

