"""Training off the GUI thread: a QThread that runs the training engine and relays its snapshots.

The GUI talks to the worker only through commands (each public method sends
one and returns at once: the GUI thread never waits) and hears back only
through signals carrying immutable :class:`~core.snapshot.Snapshot`
copies, at most ``max_rate`` a second and only after the previous one was
taken (:meth:`TrainingWorker.ack`).

The :class:`core.live.TrainingEngine` that owns the core
``Trainer`` runs, by default, in a child process that this QThread starts
and listens to. Why not in the thread itself: a Python thread that trains
flat out holds the GIL, and every time the GUI thread lets go of it inside
Qt (a paint, a pyqtgraph callback) it must wait to get it back; measured on
the spiral with all panels open, the window then drew 3 to 12 frames a
second and the event loop stalled for seconds. In its own process the
trainer has its own GIL and core; this thread spends its life blocked on
the pipe. ``mode="thread"`` runs the engine in this QThread instead (no
process; for debugging or platforms without processes).

Shut it down with :meth:`TrainingWorker.shutdown` (stop, then wait), as the
controller does when the window closes; the child process is ended too.
"""
from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import threading
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from core.live import QueueChannel, TrainingEngine, child_main
from core.trainer import TrainingSettings
from core.snapshot import Job, RunInfo, Snapshot

#: "process" (default) or "thread"; see the module docstring.
DEFAULT_MODE = "process"

#: The variables the BLAS libraries NumPy may use read for their thread count.
_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def child_blas_threads(cores: int | None = None) -> int:
    """BLAS threads for the training child: every core but one, which the window keeps.

    With OpenBLAS's default (a thread per core) the child's spinning
    threads took the core the GUI paints on: on a 64-512-512-10 network the
    window kept 31% of headless speed at 28 Hz; with one BLAS thread on two
    cores it trained 2.1× faster at 31 Hz (see docs/performance.md).
    """
    n = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, n - 1)


@contextmanager
def _blas_threads(n: int):
    """Start a spawned child with ``n`` BLAS threads, unless the person set a count themselves."""
    unset = [v for v in _BLAS_VARS if v not in os.environ]
    for v in unset:
        os.environ[v] = str(n)
    try:
        yield
    finally:
        for v in unset:
            os.environ.pop(v, None)

#: Workers not yet shut down. Held strongly, so a thread is never destroyed while it runs
#: (a window deleted without closing, a test that forgot); the rest stop at exit.
_LIVE: set["TrainingWorker"] = set()


@atexit.register
def _shutdown_all() -> None:
    for worker in list(_LIVE):
        worker.shutdown(2000)


class TrainingWorker(QThread):
    """The training thread (and, in process mode, the training process behind it).

    Signals
    -------
    snapshot_ready(Snapshot)
        A new snapshot; the receiver must call :meth:`ack` once it has
        taken it, or no further snapshot comes.
    run_ready(RunInfo)
        A trainer was built (new data, structure or run); sent before the
        first snapshot that refers to it.
    failed(str)
        A job could not be built (the data does not fit the network, a
        file went missing...): the message, worded for a person.
    """

    snapshot_ready = Signal(object)
    run_ready = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, max_rate: float = 40.0, mode: str = DEFAULT_MODE):
        super().__init__(parent)
        if mode not in ("process", "thread"):
            raise ValueError(f"mode must be 'process' or 'thread', not {mode!r}")
        self.setObjectName("training-worker")
        self.max_rate = float(max_rate)
        self.mode = mode
        self._lock = threading.Lock()
        self._infos: dict[int, RunInfo] = {}
        self._closed = False
        self._stopping = False
        #: The newest snapshot this thread relayed; after :meth:`shutdown`, the last one of all.
        self.final_snapshot: Snapshot | None = None
        self.engine: TrainingEngine | None = None
        self.process: Any = None
        _LIVE.add(self)
        if mode == "thread":
            self._channel = QueueChannel()
            self.engine = TrainingEngine(self._channel, self._emit, self.max_rate)
        else:
            ctx = mp.get_context("spawn")  # never fork a process that runs Qt
            self._conn, child = ctx.Pipe(duplex=True)
            process = ctx.Process(target=child_main, args=(child, self.max_rate),
                                  name="backprop-studio-training", daemon=True)
            try:
                with _blas_threads(child_blas_threads()):
                    process.start()
            except BaseException:
                _LIVE.discard(self)  # nothing to shut down at exit
                child.close()
                self._conn.close()
                raise
            self.process = process
            child.close()

    # ================================================================================
    # GUI side: every method sends one command and returns
    # ================================================================================

    def _put(self, name: str, arg: Any = None) -> None:
        if self._closed:
            return
        if self.mode == "thread":
            self._channel.put(name, arg)
            return
        with self._lock:
            try:
                self._conn.send((name, arg))
            except (BrokenPipeError, EOFError, OSError):
                self._closed = True

    def load(self, job: Job) -> None:
        """Build a new trainer from ``job`` (and publish a first snapshot)."""
        self._put("load", job)

    def play(self, epochs: int | None = None) -> None:
        """Train until paused, or for ``epochs`` more epochs if given."""
        self._put("play", epochs)

    def pause(self) -> None:
        self._put("pause")

    def step_batch(self, n: int = 1) -> None:
        """Train ``n`` mini-batches, then pause."""
        self._put("step", int(n))

    def step_epoch(self) -> None:
        """Train until the current epoch ends, then pause."""
        self._put("epoch")

    def set_hyper(self, **hyper: float) -> None:
        """Change learning rate etc.; the next step uses them."""
        self._put("hyper", hyper)

    def set_optimizer(self, name: str, hyper: dict[str, float]) -> None:
        """Switch optimiser; its state starts afresh."""
        self._put("optimizer", (name, dict(hyper)))

    def set_batch_size(self, n: int) -> None:
        self._put("batch", int(n))

    def set_l2(self, lam: float) -> None:
        self._put("l2", float(lam))

    def set_patience(self, epochs: int) -> None:
        """Early stopping after this many epochs without a better test loss (0: off)."""
        self._put("patience", int(epochs))

    def send_settings(self, old: TrainingSettings, new: TrainingSettings) -> None:
        """Hand the trainer what changed between two training settings; it applies them at its next step."""
        if new.optimizer != old.optimizer:
            self.set_optimizer(new.optimizer, dict(new.hyper))
        elif new.hyper != old.hyper:
            changed = {k: v for k, v in new.hyper.items() if old.hyper.get(k) != v}
            if changed:
                self.set_hyper(**changed)
        if new.batch_size != old.batch_size:
            self.set_batch_size(new.batch_size)
        if new.l2 != old.l2:
            self.set_l2(new.l2)
        if new.patience != old.patience:
            self.set_patience(new.patience)
        if new.epochs != old.epochs:
            self.set_target_epochs(new.epochs or None)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Cap training at this many steps per second (None or 0: as fast as possible)."""
        self._put("speed", steps_per_second)

    def set_target_epochs(self, epochs: int | None) -> None:
        """Stop after this many epochs of the run (None: until stopped)."""
        self._put("target", epochs)

    def want_unit_planes(self, on: bool) -> None:
        """Also send each unit's output over the input plane (for thumbnails)."""
        self._put("unit_planes", bool(on))

    def ack(self) -> None:
        """The GUI has taken the last snapshot: the next one may be sent."""
        self._put("ack")

    def stop(self) -> None:
        """Ask the engine (and this thread) to end after the current step."""
        self._stopping = True
        self._put("quit")

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop and wait for the thread (and the process) to end; True if they did."""
        _LIVE.discard(self)
        self.stop()
        ok = self.wait(timeout_ms) if self.isRunning() else True
        if self.process is not None:
            self.process.join(timeout_ms / 1000)
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(1.0)
                ok = False
        self._closed = True
        return ok

    @property
    def ended(self) -> bool:
        """The engine is gone (stopped, or its process died): commands go nowhere."""
        return self._closed

    # ================================================================================
    # this thread
    # ================================================================================

    def _emit(self, kind: str, payload: Any) -> None:
        if kind == "snapshot":
            self.final_snapshot = payload
            self.snapshot_ready.emit(payload)
        elif kind == "run":
            self.run_ready.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)

    def run(self) -> None:
        if self.mode == "thread":
            assert self.engine is not None
            self.engine.run()
            return
        conn = self._conn
        while True:
            try:
                kind, payload = conn.recv()  # blocks without the GIL
            except (EOFError, OSError):
                break
            if kind == "bye":
                break
            if kind == "run":
                self._infos[payload.generation] = payload
                for g in [g for g in self._infos if g < payload.generation - 2]:
                    del self._infos[g]
            elif kind == "snapshot":
                info = self._infos.get(payload.info)
                if info is None:
                    continue
                payload = _refrozen(replace(payload, info=info))
            self._emit(kind, payload)
        self._closed = True
        if not self._stopping:  # the process died (killed, out of memory): say so, never hang
            self.failed.emit("The training process ended unexpectedly. A new one has started: "
                             "press Play to train on from the weights the network holds.")


def _refrozen(snap: Snapshot) -> Snapshot:
    """Arrays come out of a pipe writeable; mark them read-only again."""
    for v in snap.params.values():
        v.setflags(write=False)
    for z, a in snap.activations.values():
        z.setflags(write=False)
        a.setflags(write=False)
    return snap
