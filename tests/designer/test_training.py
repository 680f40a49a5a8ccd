"""Live training, driven through the controls as a person would (pytest-qt, offscreen).

Training runs in a child process (the default); each test waits for the
snapshots it needs with ``qtbot.waitUntil`` and shuts the controller down.
"""
from __future__ import annotations

import re

import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import TrainingSettings
from designer.document import Document
from designer.training.controller import TrainingController
from designer.training.controls import TrainingControls
from designer.preview import preview_file

WAIT = 20_000  # ms; a child process starts and imports NumPy first


def _doc(nf: NetworkFile | None = None) -> Document:
    return Document(nf or preview_file("xor", hidden=(6,), lr=0.03, batch_size=10))


@pytest.fixture
def rig(qtbot):
    """A document, its controller and the controls in a window, as the main window would dock them."""
    made = []

    def make(nf: NetworkFile | None = None, mode: str | None = None):
        doc = _doc(nf)
        ctl = TrainingController(doc, mode=mode)
        win = QWidget()
        controls = TrainingControls(doc, ctl, win)
        controls.resize(340, 700)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: ctl.last is not None, timeout=WAIT)  # the untrained snapshot
        made.append((ctl, win))  # qtbot holds widgets weakly
        return doc, ctl, controls

    yield make
    for ctl, _win in made:
        assert ctl.shutdown()
        assert not ctl.worker.isRunning()
        if ctl.worker.process is not None:
            assert not ctl.worker.process.is_alive()


def _click(qtbot, controls: TrainingControls, key: str) -> None:
    qtbot.mouseClick(controls.buttons[key], Qt.MouseButton.LeftButton)


def test_play_makes_the_loss_fall_and_snapshots_bring_changing_weights(qtbot, rig):
    doc, ctl, controls = rig()
    first = ctl.last
    seen = []
    ctl.snapshot_ready.connect(seen.append)
    controls.speed.setCurrentText("1000 steps/s")  # slow enough to watch
    _click(qtbot, controls, "play")
    assert ctl.state == "running"
    qtbot.waitUntil(lambda: ctl.last.epoch >= 40, timeout=WAIT)
    assert ctl.last.steps_per_second < 1300
    assert len(seen) >= 3
    weights = [s.params["W:c1"] for s in seen[-3:]]
    assert not np.array_equal(weights[0], weights[-1])
    assert not np.array_equal(first.params["W:c1"], weights[-1])
    run = ctl.record.current
    losses = run.epoch_cols.view()[:, 2]
    assert losses[-1] < 0.6 * losses[0]
    assert "steps/s" in controls.status.text() and "Epoch" in controls.status.text()
    # the canvas follows the weights while training: the document gets them, throttled
    assert not np.array_equal(doc.params["W:c1"], first.params["W:c1"])
    _click(qtbot, controls, "play")  # pause
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)


def test_space_pauses_and_the_document_keeps_the_trained_weights(qtbot, rig):
    doc, ctl, controls = rig()
    initial = {k: v.copy() for k, v in doc.params.items()}
    undo_before = doc.undo_stack.count()
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctl.last.step > 200, timeout=WAIT)
    qtbot.keyClick(controls, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    last = ctl.last
    for k in doc.params:
        assert np.array_equal(doc.params[k], last.params[k]), k
    assert not np.array_equal(doc.params["W:c1"], initial["W:c1"])
    # the stretch of training is one undo entry, named by its steps and epochs
    assert doc.undo_stack.count() == undo_before + 1
    assert re.fullmatch(r"Train [\d,]+ steps \(epoch \d+ → \d+\)", doc.undo_stack.text(undo_before))
    assert doc.history is not None and len(doc.history.step_loss) == last.step


def test_step_batch_and_step_epoch(qtbot, rig):
    doc, ctl, controls = rig()
    _click(qtbot, controls, "step_batch")
    qtbot.waitUntil(lambda: ctl.last.step == 1 and ctl.state == "paused", timeout=WAIT)
    assert np.array_equal(doc.params["W:c1"], ctl.last.params["W:c1"])
    _click(qtbot, controls, "step_epoch")
    qtbot.waitUntil(lambda: ctl.last.epoch == 1 and ctl.state == "paused", timeout=WAIT)
    assert ctl.last.step == ctl.info.steps_per_epoch


def test_a_learning_rate_change_mid_run_is_applied(qtbot, rig):
    doc, ctl, controls = rig()
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 50, timeout=WAIT)
    box = controls.hyper_boxes["lr"]
    box.setValue(0.005)
    assert doc.training.hyper["lr"] == pytest.approx(0.005)
    qtbot.waitUntil(lambda: ctl.last.hyper["lr"] == pytest.approx(0.005), timeout=WAIT)
    assert ctl.state == "running"  # applied at the next step, without stopping
    box.setValue(0.002)
    qtbot.waitUntil(lambda: ctl.last.hyper["lr"] == pytest.approx(0.002), timeout=WAIT)
    # one undo entry for the whole edit of the learning rate
    assert doc.undo_stack.count() == 1
    assert ctl.record.current.label.endswith("0.002")


def test_the_trainer_in_the_worker_thread_gets_the_new_learning_rate(qtbot, rig):
    doc, ctl, controls = rig(mode="thread")
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 20, timeout=WAIT)
    controls.hyper_boxes["lr"].setValue(0.004)
    qtbot.waitUntil(lambda: ctl.worker.engine.trainer.optimizer.hyper["lr"] == 0.004, timeout=WAIT)


def test_a_diverging_run_pauses_with_the_message_and_finite_weights(qtbot, rig):
    spec = sequential([2, 8, 1], "identity", "identity", "mse")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("sgd", {"lr": 50.0}, 10, 0.0, 0, 0),
                     DataSource(name="regression", n=200, standardize=True), {}, None, None)
    doc, ctl, controls = rig(nf)
    diverged = []
    ctl.diverged.connect(diverged.append)
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.state == "diverged", timeout=WAIT)
    assert diverged and "diverged" in diverged[0].message
    banner = controls.divergence
    assert banner.isVisible()
    assert "diverged" in banner.message.text() and "learning rate" in banner.advice.text()
    assert all(np.isfinite(v).all() for v in doc.params.values())
    # what helps: a smaller learning rate, one click, undoable; Play then trains again
    qtbot.mouseClick(banner.lower_lr, Qt.MouseButton.LeftButton)
    assert doc.training.hyper["lr"] == pytest.approx(5.0)
    assert not banner.isVisible()


def test_reset_weights_is_one_undo_entry_back_to_the_seeded_start(qtbot, rig):
    doc, ctl, controls = rig()
    start = init_parameters(doc.spec, doc.seed)
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 100, timeout=WAIT)
    _click(qtbot, controls, "reset")
    # the training so far became its own entry, then the reset
    assert doc.undo_stack.count() == 2
    assert doc.undo_stack.text(0).startswith("Train ") and doc.undo_stack.text(1) == "Reset weights"
    for k in start:
        assert np.array_equal(doc.params[k], start[k]), k
    qtbot.waitUntil(lambda: ctl.state != "running" and ctl.last.step == 0, timeout=WAIT)
    for k in start:  # the trained weights that were still arriving did not overwrite the reset
        assert np.array_equal(doc.params[k], start[k]), k
    assert len(ctl.record.runs) == 2  # a new run (its own curve)
    trained = ctl.record.runs[0]
    doc.undo_stack.undo()
    assert not np.array_equal(doc.params["W:c1"], start["W:c1"])
    assert len(trained.loss) > 100


def test_a_structure_edit_while_training_pauses_and_play_resumes_with_it(qtbot, rig):
    doc, ctl, controls = rig()
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 100, timeout=WAIT)
    trained_w = doc.params["W:c1"].copy()
    doc.update_node("h1", {"units": 7})  # what the canvas's command does
    qtbot.waitUntil(lambda: ctl.state == "paused" and ctl.last.params["W:c1"].shape == (7, 2), timeout=WAIT)
    assert doc.params["W:c1"].shape == (7, 2)
    assert np.allclose(doc.params["W:c1"][:6], trained_w, atol=0.5)  # kept where they fit
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.state == "running" and ctl.last.params["W:c1"].shape == (7, 2), timeout=WAIT)
    step = ctl.last.step
    qtbot.waitUntil(lambda: ctl.last.step > step + 100, timeout=WAIT)
    assert len(ctl.record.runs) == 1  # the same run goes on


def test_stopping_while_training_ends_the_worker_cleanly(qtbot, rig, qtlog):
    doc, ctl, controls = rig()
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 100, timeout=WAIT)
    assert ctl.shutdown()
    assert not ctl.worker.isRunning() and not ctl.worker.process.is_alive()
    assert all(np.isfinite(v).all() for v in doc.params.values())
    assert doc.params["W:c1"].tobytes() == ctl.last.params["W:c1"].tobytes()
    QApplication.processEvents()
    assert not [m for m in qtlog.records if "Destroyed while thread" in m.message]


def test_a_csv_with_a_bad_row_shows_the_error_in_place_and_keeps_the_previous_data(qtbot, rig, tmp_path):
    doc, ctl, controls = rig()
    good = tmp_path / "good.csv"
    good.write_text("a,b,label\n" + "".join(f"{i % 5},{(i * 7) % 3},{i % 2}\n" for i in range(40)))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,0\n3,oops,1\n4,5,0\n" + "1,1,0\n" * 20 + "7,,1\n")
    assert controls.open_csv(good)
    assert doc.data.name == "csv" and doc.data.path == str(good)
    assert controls.csv_preview.rowCount() > 0 and controls.csv_target.currentText() == "label"
    assert controls.csv_label.text().startswith("good.csv")
    assert not controls.open_csv(bad)
    assert controls.csv_error_label.isVisible()
    text = controls.csv_error_label.text()
    assert "bad.csv" in text and "2 bad rows" in text
    assert "row 3, column 'b': 'oops' is not a number" in text and "row 25, column 'b'" in text
    assert doc.data.path == str(good)  # the previous dataset stays
    assert controls.csv_label.text() == "good.csv (in use)"   # never the name of a file not used
    # the bad file is shown with its bad rows, the first ones and the one far down, marked
    t = controls.csv_preview
    rows = [t.verticalHeaderItem(i).text() for i in range(t.rowCount())]
    assert rows[:3] == ["2", "3", "4"] and rows[-1] == "25"
    marked = {(rows[i], t.horizontalHeaderItem(c).text()) for i in range(t.rowCount())
              for c in range(t.columnCount()) if t.item(i, c).background().color().name() != "#000000"}
    assert marked == {("3", "b"), ("25", "b")}
    assert "not a number" in t.item(1, 1).toolTip()
    qtbot.waitUntil(lambda: ctl.info is not None and ctl.info.data_label == "good", timeout=WAIT)


def test_choosing_input_features_changes_the_input_units_in_one_undo_entry(qtbot, rig):
    doc, ctl, controls = rig()
    assert doc.spec.nodes["in"].units == 2
    controls.feature_checks["x1*x2"].setChecked(True)
    assert doc.spec.nodes["in"].units == 3
    assert doc.data.features == ["x1", "x2", "x1*x2"]
    qtbot.waitUntil(lambda: ctl.info is not None and ctl.info.input_names == ("x1", "x2", "x1*x2"),
                    timeout=WAIT)
    assert not controls.training_error.isVisible()
    doc.undo_stack.undo()
    assert doc.spec.nodes["in"].units == 2 and doc.data.features == []
    assert not controls.feature_checks["x1*x2"].isChecked()


def test_choosing_another_dataset_that_does_not_fit_says_why(qtbot, rig):
    doc, ctl, controls = rig()
    i = controls.dataset.findData("iris")
    controls.dataset.setCurrentIndex(i)
    controls.dataset.activated.emit(i)
    assert doc.data.name == "iris"
    qtbot.waitUntil(lambda: controls.training_error.isVisible(), timeout=WAIT)
    assert "4 input feature" in controls.training_error.text()
    assert not ctl.actions["step_batch"].isEnabled()


def test_a_replaced_document_starts_afresh_with_its_saved_curves(qtbot, rig):
    doc, ctl, controls = rig()
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 300, timeout=WAIT)
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    saved = doc.to_file()  # what Save writes: the trained weights and the history
    assert saved.history is not None and len(saved.history.step_loss) == ctl.last.step
    doc.replace(saved)  # what File > Open does; the controller notices by itself
    assert [r.label for r in ctl.record.runs] == ["saved run"]
    qtbot.waitUntil(lambda: ctl.info is not None and ctl.info.run == 2, timeout=WAIT)
    assert np.array_equal(ctl.last.params["W:c1"], saved.params["W:c1"])


def test_a_training_process_that_dies_is_reported_not_hung(qtbot, rig):
    doc, ctl, controls = rig()
    old = ctl.worker
    old.process.kill()
    qtbot.waitUntil(lambda: "ended unexpectedly" in ctl.error, timeout=WAIT)
    assert controls.training_error.isVisible()
    assert ctl.worker is not old and ctl.worker.process.is_alive()
    _click(qtbot, controls, "play")  # trains again, and the message goes
    qtbot.waitUntil(lambda: ctl.last.step > 50 and ctl.last.info.generation == 1, timeout=WAIT)
    assert not ctl.error and not controls.training_error.isVisible()


def test_installed_in_the_main_window_it_colours_the_canvas_and_follows_its_selection(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from designer.mainwindow import MainWindow
    from designer.docks import install_training

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(_doc(preview_file("spiral")), settings=settings, autosave=False)
    qtbot.addWidget(w)
    ctl = getattr(w, "training", None) or install_training(w)  # the window may install it itself
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: ctl.last is not None, timeout=WAIT)
    ctl.actions["play"].trigger()  # the toolbar button / Space
    qtbot.waitUntil(lambda: ctl.last.step > 300, timeout=WAIT)
    scene = w.canvas.canvas_scene
    qtbot.waitUntil(lambda: "h1" in scene._values, timeout=WAIT)
    assert np.allclose(scene._values["h1"][0], ctl.last.activations["h1"][1].mean(axis=0), atol=0.5)
    sc = w.canvas.canvas_scene
    sc.conn_items["c2"].setSelected(True)
    qtbot.waitUntil(lambda: ctl.panels["Weights"].connection_id == "c2", timeout=WAIT)
    if os.environ.get("BACKPROP_SHOTS"):
        w.grab().save(os.path.join(os.environ["BACKPROP_SHOTS"], "main-window-training.png"))
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    w.document.model.mark_saved()  # as if saved: nothing to ask about on close
    w.close()
    qtbot.waitUntil(lambda: not ctl.worker.isRunning(), timeout=WAIT)
    assert not ctl.worker.process.is_alive()


def test_the_status_says_the_loss_is_the_last_mini_batch_s():
    from designer.training.controller import RUNNING, TrainingController
    from types import SimpleNamespace
    snap = SimpleNamespace(epoch=3, step=1530, loss=0.2134, state=RUNNING, steps_per_second=1840.0)
    assert TrainingController.status_text(snap) == "Epoch 3 · step 1,530 · batch loss 0.2134 · 1,840 steps/s"


def test_a_runs_label_tells_the_settings_its_steps_used():
    import numpy as np
    from designer.training.record import Run, run_label

    def steps(run, n):
        run.loss.extend(np.ones(n))

    run = Run(1, run_label("adam", {"lr": 0.03}), "classification", "adam", {"lr": 0.03})
    run.relabel("sgd", {"lr": 0.1})  # changed before any step: the run is simply SGD
    run.relabel("sgd", {"lr": 100.0})
    assert run.label == "SGD ε=100"
    steps(run, 50)
    run.relabel("sgd", {"lr": 0.5})
    run.relabel("adam", {"lr": 0.01})  # two changes between steps: only the last counts
    steps(run, 10)
    assert run.label == "SGD ε=100 → Adam ε=0.01"
    run.relabel("adam", {"lr": 0.001})
    steps(run, 10)
    assert run.label == "SGD ε=100 → Adam ε=0.01 → 0.001"
    run.relabel("adam", {"lr": 0.001})  # no change: no new part
    assert run.label.count("→") == 2


def test_training_starts_at_a_watchable_pace_and_fastest_is_one_click_away(qtbot, rig):
    """Play used to finish in under a second with nothing to watch."""
    nf = preview_file("xor", hidden=(6,), lr=0.03, batch_size=10)
    nf.training.epochs = 30
    doc, ctl, controls = rig(nf)
    assert controls.speed.currentText().startswith("Watchable")
    qtbot.waitUntil(lambda: ctl.info is not None, timeout=WAIT)
    per_epoch, epochs = ctl.info.steps_per_epoch, doc.training.epochs
    assert ctl.steps_per_second() == pytest.approx(per_epoch * epochs / 4.0)   # one run in about 4 s
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.last.step > 5, timeout=WAIT)
    assert ctl.state == "running"
    controls.speed.setCurrentText("Fastest")                # applied while it runs
    assert ctl.speed is None and ctl.steps_per_second() is None
    qtbot.waitUntil(lambda: ctl.state != "running", timeout=WAIT)
    assert ctl.last.epoch == epochs


def test_early_stopping_from_the_dock_stops_and_keeps_the_best_weights(qtbot, rig):
    from core.data.source import DataSource
    from core.files import NetworkFile
    from core.parameters import init_parameters

    spec = sequential([2, 64, 64, 1], "tanh", "logistic", "bce")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.03}, 8, 0.0, 0, 400),
                     DataSource(name="xor", n=30, noise=0.5, test_fraction=0.5, seed=1), {}, None, None)
    doc, ctl, controls = rig(nf)
    controls.speed.setCurrentText("Fastest")
    controls.patience.setValue(10)                      # as typed into "Stop early"
    assert doc.training.patience == 10
    _click(qtbot, controls, "play")
    qtbot.waitUntil(lambda: ctl.state == "done", timeout=WAIT)
    stop = ctl.last.stopped
    assert stop is not None and stop.epoch - stop.best_epoch == 10 and ctl.last.epoch < 400
    assert "stopped early" in controls.progress.format() and "kept" in controls.status.text()
    # the document holds the best epoch's weights: their test loss is the best one
    from core.model import compile_model
    model = compile_model(doc.spec, doc.params)
    data = doc.data.prepare(1)
    assert model.loss(data.test.X, data.test.Y) == pytest.approx(stop.best_loss, rel=1e-9)


def test_the_training_child_leaves_a_core_to_the_window(qtbot, rig, monkeypatch):
    """Its BLAS threads took the core the window paints on (31% of headless speed on a big net)."""
    import os
    import sys

    from designer.training.worker import child_blas_threads
    assert [child_blas_threads(n) for n in (1, 2, 8)] == [1, 1, 7]
    for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(v, raising=False)
    doc, ctl, controls = rig()
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")
    env = dict(kv.split("=", 1) for kv in
               open(f"/proc/{ctl.worker.process.pid}/environ").read().split("\0") if "=" in kv)
    assert env["OPENBLAS_NUM_THREADS"] == str(child_blas_threads())
    assert "OPENBLAS_NUM_THREADS" not in os.environ        # the window's own setting is untouched
