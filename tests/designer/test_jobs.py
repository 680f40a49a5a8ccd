"""designer/jobs.py: a real generator run off the GUI thread, as the lab panels run their computations."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from core.progress import Progress

pytest.importorskip("pytestqt")


def _count(n: int, pause: float = 0.0, log: list | None = None):
    """Yield (fraction, everything so far) for i < n, then return the sum: a computation in miniature."""
    seen = []
    try:
        for i in range(n):
            if pause:
                time.sleep(pause)
            seen.append(i)
            if log is not None:
                log.append(threading.current_thread() is threading.main_thread())
            yield Progress((i + 1) / n, list(seen))
        return sum(seen)
    finally:
        if log is not None:
            log.append("closed")


def test_yields_reach_the_gui_thread_and_the_return_value_arrives(qtbot):
    from designer.jobs import Job
    where, values, fractions = [], [], []
    gui = QThread.currentThread()
    job = Job(_count(50, pause=0.002, log=where))
    job.yielded.connect(lambda v: (values.append(v), fractions.append(QThread.currentThread() is gui)))
    job.progressed.connect(lambda f: fractions.append(f))
    with qtbot.waitSignal(job.finished, timeout=10000) as sig:
        job.start()
        assert job.is_running()
    assert sig.args == [sum(range(50))]
    assert not job.is_running()
    assert where[:50] == [False] * 50  # the generator ran in a worker thread
    assert where[-1] == "closed"
    assert values and values[-1] == list(range(50))  # the last value always arrives
    assert all(f is True for f in fractions if isinstance(f, bool))  # slots ran on the GUI thread
    assert 1.0 in fractions


def test_throttling_coalesces_to_the_latest_value(qtbot):
    from designer.jobs import Job
    values = []
    job = Job(_count(20000), interval=0.05)
    job.yielded.connect(values.append)
    with qtbot.waitSignal(job.finished, timeout=20000):
        job.start()
    assert values[-1] == list(range(20000))
    assert len(values) < 200  # far fewer than 20000 yields reached the GUI
    lengths = [len(v) for v in values]
    assert lengths == sorted(lengths)  # never an older value after a newer one


def test_abort_stops_promptly_between_yields(qtbot):
    from designer.jobs import Job
    log = []
    job = Job(_count(100000, pause=0.001, log=log))
    ended = []
    job.finished.connect(lambda v: ended.append("finished"))
    job.ended.connect(lambda: ended.append("ended"))
    job.start()
    qtbot.waitUntil(lambda: len(log) > 5, timeout=5000)
    t0 = time.perf_counter()
    with qtbot.waitSignal(job.aborted, timeout=5000):
        job.abort()
    assert time.perf_counter() - t0 < 1.0
    assert ended == ["ended"]
    assert log[-1] == "closed"  # the generator's finally ran (generator.close())
    assert len(log) < 100000


def test_errors_arrive_as_errored_with_a_message(qtbot):
    from designer.jobs import Job

    def broken():
        yield 0.5
        raise ValueError("the gradient does not fit the network\nmore detail")

    job = Job(broken())
    got = []
    job.finished.connect(got.append)
    with qtbot.waitSignal(job.errored, timeout=5000) as sig:
        job.start()
    assert sig.args == ["the gradient does not fit the network"]
    assert got == []


def test_pause_parks_the_generator_and_resume_goes_on(qtbot):
    from designer.jobs import Job
    log = []
    job = Job(_count(400, pause=0.002, log=log))
    job.start()
    qtbot.waitUntil(lambda: len(log) > 3, timeout=5000)
    assert job.pause(wait=2.0)
    assert job.is_paused() and job.is_running()
    n = len(log)
    qtbot.wait(100)
    assert len(log) == n  # nothing ran while paused
    with qtbot.waitSignal(job.finished, timeout=10000) as sig:
        job.resume()
    assert sig.args == [sum(range(400))]


def test_plain_floats_are_progress_and_other_items_are_values(qtbot):
    from designer.jobs import run_job

    def mixed():
        yield 0.25
        yield None
        yield "half"
        yield Progress(1.0)
        return "done"

    values, fractions = [], []
    job = run_job(mixed(), yielded=values.append, progressed=fractions.append)
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    assert values == ["half"]
    assert fractions[-1] == 1.0


def test_paced_slows_a_generator_to_the_rate_asked(qtbot):
    from designer.jobs import paced
    rate = [50.0]
    t0 = time.perf_counter()
    gen = paced(_count(10), lambda: rate[0])
    items = []
    while True:
        try:
            items.append(next(gen))
        except StopIteration as stop:
            result = stop.value
            break
    assert time.perf_counter() - t0 >= 0.15  # 10 items at 50 per second (a 0.1 s start is allowed)
    assert result == sum(range(10)) and len(items) == 10
    rate[0] = 0  # full speed: no waiting
    t0 = time.perf_counter()
    assert len(list(paced(_count(200), lambda: rate[0]))) == 200
    assert time.perf_counter() - t0 < 0.5


def test_job_bar_follows_the_job_and_cancel_stops_it(qtbot):
    from designer.jobs import Job, JobBar
    bar = JobBar()
    qtbot.addWidget(bar)
    bar.SHOW_AFTER_MS = 0
    job = Job(_count(100000, pause=0.001))
    bar.watch(job).start()
    assert not bar.isVisible()  # hidden until the job has run a moment
    qtbot.waitUntil(lambda: bar.isVisible() and bar.bar.value() > 0, timeout=5000)
    assert bar.cancel_button.text() == "Cancel"
    with qtbot.waitSignal(job.aborted, timeout=5000):
        bar.cancel_button.click()
    assert bar.job is None and not bar.isVisible()


def test_a_job_whose_owner_is_deleted_stops(qtbot):
    from PySide6.QtCore import QObject
    from designer.jobs import Job
    owner = QObject()
    log = []
    job = Job(_count(100000, pause=0.001, log=log), parent=owner)
    job.start()
    qtbot.waitUntil(lambda: len(log) > 3, timeout=5000)
    owner.deleteLater()
    qtbot.waitUntil(lambda: log[-1] == "closed", timeout=5000)
