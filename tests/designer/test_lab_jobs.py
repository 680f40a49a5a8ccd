"""The lab panels' long computations run as jobs: a progress bar and Cancel, and the GUI thread stays free."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("pytestqt")


@pytest.fixture
def document(qtbot):
    from designer.preview import lab_document
    return lab_document("moons")


def test_race_cancel_keeps_what_was_raced(qtbot, document):
    from designer.lab.race import RaceWidget
    w = RaceWidget(document)
    qtbot.addWidget(w)
    w.steps_spin.setValue(1_000_000)
    qtbot.mouseClick(w.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.job_bar.bar.value() > 0 or w.race.trainers[0].step_count > 50, timeout=10000)
    job = w.job
    with qtbot.waitSignal(job.aborted, timeout=5000):
        qtbot.mouseClick(w.job_bar.cancel_button, Qt.MouseButton.LeftButton)
    steps = w.race.trainers[0].step_count
    assert 0 < steps < 1_000_000 and not w.is_running()
    assert w.table.rowCount() == len(w.race.racers)
    assert w.table.item(0, 1).text() == str(steps)  # the table shows where the race stopped
    assert "Cancelled" in w.status_label.text() and not w.pause_button.isEnabled()
    qtbot.wait(50)
    assert w.race.trainers[0].step_count == steps


def test_landscape_cancel_keeps_the_last_surfaces(qtbot, document):
    from designer.lab.landscape import LandscapeWidget
    w = LandscapeWidget(document)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=30000)
    before = w.plots[0].grid_values().copy()
    w.resolution.setValue(201)
    w.steps_spin.blockSignals(True)
    w.steps_spin.setValue(50_000)
    w.steps_spin.blockSignals(False)
    w.set_random_directions(seed=2)
    assert w.is_busy() and not w.compute_button.isEnabled()
    with qtbot.waitSignal(w.job.aborted, timeout=10000):
        w.job_bar.cancel()
    assert not w.is_busy() and w.compute_button.isEnabled()
    assert w.status_label.text() == "Cancelled."
    assert (w.plots[0].grid_values() == before).all()


def test_a_new_lecture_start_replaces_the_computation_running(qtbot):
    from designer.lab.landscape import LandscapeWidget
    w = LandscapeWidget()
    qtbot.addWidget(w)
    computed = []
    w.computed.connect(lambda: computed.append(w.w1_spin.value()))
    w.set_lecture_start(1.0, 1.0)
    w.set_lecture_start(-3.0, 2.0)
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=30000)
    assert computed == [-3.0]  # only the newest settings are drawn
    x, y = w.plots[0].paths[0].getData()
    assert (x[0], y[0]) == pytest.approx((-3.0, 2.0))


def test_vanishing_training_can_be_cancelled(qtbot):
    from designer.lab.vanishing import VanishingWidget
    w = VanishingWidget()
    qtbot.addWidget(w)
    w.steps_spin.setValue(100_000)
    qtbot.mouseClick(w.train_button, Qt.MouseButton.LeftButton)
    assert w.is_training() and not w.train_button.isEnabled()
    qtbot.waitUntil(lambda: w.trainer.step_count > 20, timeout=10000)
    with qtbot.waitSignal(w.job.aborted, timeout=5000):
        w.job_bar.cancel()
    steps = w.trainer.step_count
    assert not w.is_training() and w.train_button.isEnabled() and steps < 100_000
    x, _ = w._lines[0].getData()
    assert len(x) >= steps - 1  # drawn up to where it stopped


def test_internals_warm_up_can_be_cancelled(qtbot, document):
    from designer.lab.internals import InternalsWidget
    w = InternalsWidget(document)
    qtbot.addWidget(w)
    w.warm_steps.setValue(100_000)
    qtbot.mouseClick(w.warm_button, Qt.MouseButton.LeftButton)
    job = w.job
    assert job is not None and w.values == {}
    with qtbot.waitSignal(job.aborted, timeout=5000):
        w.job_bar.cancel()
    assert w.job is None and w.values == {} and w.source_label.text() == "Cancelled."
    qtbot.mouseClick(w.from_network, Qt.MouseButton.LeftButton)  # no warm-up: at once
    assert w.values and "current weights" in w.source_label.text()
