"""One way to run a long computation off the GUI thread: a generator in a worker, stepped between yields.

The shape is superqt's ``GeneratorWorker``: the computation is a plain
Python generator (headless, in :mod:`core`), a :class:`Job` runs it in a
``QThreadPool`` thread and tells the GUI thread what happens through Qt
signals. Because the worker only acts between two ``next()`` calls, pause,
resume and cancel need no locks inside the computation: a generator that
yields a few times a second can be paused and cancelled promptly, and its
``finally`` blocks run when it is cancelled (``generator.close()``).

What a generator yields is read as:

* a :class:`core.progress.Progress`: its ``fraction`` moves the progress bar
  and its ``value`` (when not None) is the new partial result;
* a bare float: progress only;
* None: nothing (a chance to pause or cancel);
* anything else: a partial result.

Partial results are throttled: at most one ``yielded`` per
:attr:`Job.interval` (about 30 per second) and the latest value wins, so a
generator may yield thousands of times a second without flooding the event
loop. The last value always arrives, before ``finished``. A generator's
exception arrives as ``errored`` with a one-line message (the traceback goes
to the log, never to a person).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Generator, Iterator

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from core.progress import Progress

log = logging.getLogger(__name__)

#: Jobs whose worker still runs: kept alive here so no Python object a thread uses is collected.
_RUNNING: set["Job"] = set()

_NOTHING = object()


def abort_all() -> None:
    """Cancel every running job (the program is quitting: a pool thread must not keep it alive)."""
    for job in list(_RUNNING):
        job._control.cancel()


_QUIT_HOOKED = False


def _stop_all_on_quit() -> None:
    """Once per program: cancel the running jobs when the application is about to quit."""
    global _QUIT_HOOKED
    app = QCoreApplication.instance()
    if not _QUIT_HOOKED and app is not None:
        app.aboutToQuit.connect(abort_all)
        _QUIT_HOOKED = True


def describe_error(error: BaseException) -> str:
    """A one-line message for a person: the error's own text, or its kind when it has none."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def split_item(item: Any) -> tuple[float | None, Any]:
    """What one yielded item means: ``(fraction or None, value or _NOTHING)`` (see the module)."""
    if isinstance(item, Progress):
        return item.fraction, (_NOTHING if item.value is None else item.value)
    if item is None:
        return None, _NOTHING
    if isinstance(item, float):
        return item, _NOTHING
    return None, item


def paced(gen: Generator[Any, Any, Any], rate: Callable[[], float]) -> Generator[Any, Any, Any]:
    """``gen`` slowed to at most ``rate()`` items per second (0: full speed), asked after every item.

    For watching a computation in a lecture. The wait happens in the job's
    thread between two yields, so pause and cancel still act within one item.
    """
    due = time.perf_counter()
    try:
        while True:
            try:
                item = next(gen)
            except StopIteration as stop:
                return stop.value
            yield item
            per_second = rate()
            now = time.perf_counter()
            if not per_second:
                due = now
                continue
            due = max(due + 1.0 / per_second, now - 0.1)  # after a pause, no burst to catch up
            if due > now:
                time.sleep(due - now)
    finally:
        gen.close()


class _Bridge(QObject):
    """Lives in the GUI thread; the worker emits these, Qt queues them to the job's slots."""

    ready = Signal()
    ended = Signal(str, object)


class _Control:
    """The flags the GUI sets and the worker reads between yields, with the condition both wait on."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.abort = False
        self.pause = False
        self.parked = False
        self.done = False

    def cancel(self) -> None:
        """Ask the worker to stop at its next yield (and wake it if paused)."""
        with self.cond:
            self.abort = True
            self.cond.notify_all()

    def checkpoint(self) -> bool:
        """Called by the worker between yields: wait while paused; True when it should stop."""
        with self.cond:
            while self.pause and not self.abort:
                self.parked = True
                self.cond.notify_all()
                self.cond.wait()
            self.parked = False
            return self.abort


class _Runner(QRunnable):
    """Steps the generator in a pool thread and hands every item to the job."""

    def __init__(self, job: "Job", gen: Iterator[Any]):
        super().__init__()
        self.setAutoDelete(False)
        self.job, self.gen = job, gen

    def run(self) -> None:
        control = self.job._control
        try:
            kind, payload = self._loop(control)
        except Exception as e:  # reported as errored, never swallowed
            log.debug("job failed", exc_info=True)
            kind, payload = "errored", describe_error(e)
        with control.cond:
            control.done = True
            control.cond.notify_all()
        try:
            self.job._bridge.ended.emit(kind, payload)
        except RuntimeError:  # the window went away first (the program is closing): nobody to tell
            _RUNNING.discard(self.job)

    def _loop(self, control: _Control) -> tuple[str, Any]:
        while True:
            if control.checkpoint():
                close = getattr(self.gen, "close", None)
                if close is not None:
                    close()
                return "aborted", None
            try:
                item = next(self.gen)
            except StopIteration as stop:
                return "finished", stop.value
            self.job._offer(*split_item(item))


class Job(QObject):
    """A generator run off the GUI thread, with throttled results, pause, resume and cancel.

    Signals (all emitted on the GUI thread, whatever the slot)
    ----------------------------------------------------------
    started()
        :meth:`start` handed the job to its pool (it runs as soon as a thread is free).
    yielded(object)
        The latest partial result (throttled: at most one per ``interval``).
    progressed(float)
        The latest fraction done, 0…1 (throttled with ``yielded``).
    finished(object)
        The generator returned; its return value.
    errored(str)
        The generator raised; a one-line message.
    aborted()
        :meth:`abort` stopped the generator between two yields.
    ended()
        After any of ``finished``, ``errored`` and ``aborted``.
    """

    started = Signal()
    yielded = Signal(object)
    progressed = Signal(float)
    finished = Signal(object)
    errored = Signal(str)
    aborted = Signal()
    ended = Signal()

    def __init__(self, gen: Generator[Any, Any, Any] | Iterator[Any], interval: float = 1.0 / 30.0,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.interval = interval
        self._gen = gen
        self._control = _Control()
        self._lock = threading.Lock()
        self._value: Any = _NOTHING
        self._fraction: float | None = None
        self._posted = False
        self._last_emit = -1e9
        self._state = "new"
        self._bridge = _Bridge()
        self._bridge.ready.connect(self._deliver)
        self._bridge.ended.connect(self._end)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._deliver)
        self._runner: _Runner | None = None
        # A job whose owner (a panel) is deleted stops too: nobody would see its results.
        self.destroyed.connect(lambda *_, control=self._control: control.cancel())

    # --- the GUI's side ---------------------------------------------------------------

    def start(self, pool: QThreadPool | None = None) -> "Job":
        """Run the generator in ``pool`` (Qt's global pool by default); returns the job."""
        if self._state != "new":
            raise RuntimeError("a job runs once; make a new one")
        self._state = "running"
        _stop_all_on_quit()
        _RUNNING.add(self)
        self._runner = _Runner(self, self._gen)
        (pool or QThreadPool.globalInstance()).start(self._runner)
        self.started.emit()
        return self

    def is_running(self) -> bool:
        """True from :meth:`start` until the ending signal, paused or not."""
        return self._state == "running"

    def is_paused(self) -> bool:
        """True while a pause is asked for (the worker stops at its next yield)."""
        return self.is_running() and self._control.pause

    def pause(self, wait: float = 0.0) -> bool:
        """Stop at the next yield; with ``wait`` seconds, block until the worker is there.

        Returns True once the generator is parked (or was never running), so a
        caller that waits may read what the computation owns.
        """
        with self._control.cond:
            self._control.pause = True
            if wait > 0:
                self._control.cond.wait_for(lambda: self._control.parked or self._control.done, wait)
            return self._control.parked or self._control.done or self._state == "new"

    def resume(self) -> None:
        """Go on from where :meth:`pause` stopped."""
        with self._control.cond:
            self._control.pause = False
            self._control.cond.notify_all()

    def abort(self) -> None:
        """Cancel: the generator is closed at its next yield, then ``aborted`` is emitted."""
        self._control.cancel()

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until the worker has stopped (for shutdown and tests); False on timeout."""
        with self._control.cond:
            return self._control.cond.wait_for(lambda: self._control.done or self._state == "new", timeout)

    # --- the worker's side ------------------------------------------------------------

    def _offer(self, fraction: float | None, value: Any) -> None:
        """Keep the latest item; post one wake-up to the GUI thread unless one is on its way."""
        with self._lock:
            if fraction is not None:
                self._fraction = float(fraction)
            if value is not _NOTHING:
                self._value = value
            if self._posted:
                return
            self._posted = True
        try:
            self._bridge.ready.emit()
        except RuntimeError:  # the window went away first; the job is cancelled at the next yield
            self._control.abort = True

    # --- back on the GUI thread -------------------------------------------------------

    @Slot()
    def _deliver(self, force: bool = False) -> None:
        wait = self._last_emit + self.interval - time.perf_counter()
        if wait > 0 and not force:
            if not self._timer.isActive():
                self._timer.start(max(1, int(wait * 1000)))
            return
        with self._lock:
            value, fraction = self._value, self._fraction
            self._value, self._fraction, self._posted = _NOTHING, None, False
        self._last_emit = time.perf_counter()
        if fraction is not None:
            self.progressed.emit(fraction)
        if value is not _NOTHING:
            self.yielded.emit(value)

    @Slot(str, object)
    def _end(self, kind: str, payload: Any) -> None:
        self._timer.stop()
        self._deliver(force=True)
        self._state = kind
        _RUNNING.discard(self)
        if kind == "finished":
            self.finished.emit(payload)
        elif kind == "errored":
            self.errored.emit(payload)
        else:
            self.aborted.emit()
        self.ended.emit()


class JobBar(QWidget):
    """A progress bar and a Cancel button for the job a panel runs; hidden while none runs.

    It appears only when a job has run for :attr:`SHOW_AFTER_MS`, so a quick
    recomputation does not make the controls jump.
    """

    SHOW_AFTER_MS = 250

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.job: Job | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p %")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setToolTip(self.tr("Stop this computation"))
        self.cancel_button.clicked.connect(self.cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.cancel_button)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._appear)
        self.hide()

    def watch(self, job: Job) -> Job:
        """Follow ``job`` (instead of any earlier one) until it ends; returns it."""
        self.job = job
        self.bar.setValue(0)
        job.progressed.connect(lambda f, j=job: self._progress(j, f))
        job.ended.connect(lambda j=job: self._ended(j))
        self._show_timer.start(self.SHOW_AFTER_MS)
        return job

    def cancel(self) -> None:
        """Cancel the job followed (it stops at its next yield)."""
        if self.job is not None:
            self.job.abort()

    def _appear(self) -> None:
        if self.job is not None and self.job.is_running():
            self.show()

    def _progress(self, job: Job, fraction: float) -> None:
        if job is self.job:
            self.bar.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))

    def _ended(self, job: Job) -> None:
        if job is self.job:
            self.job = None
            self._show_timer.stop()
            self.hide()


def run_job(gen: Generator[Any, Any, Any] | Iterator[Any], parent: QObject | None = None, **slots: Any) -> Job:
    """Make a job, connect ``slots`` by signal name (``yielded=…, finished=…``) and start it."""
    job = Job(gen, parent=parent)
    for name, slot in slots.items():
        getattr(job, name).connect(slot)
    return job.start()
