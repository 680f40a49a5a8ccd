"""Training panels: model change -> view updates, gesture -> one undo entry (pytest-qt, offscreen).

Each test trains a small network in the worker process and checks what the
panels hold (plot data, images, labels), not pixels. Set
``BACKPROP_SHOTS=<folder>`` to also save each panel as a PNG mid-training.
"""
from __future__ import annotations

import os
from pathlib import Path

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
from designer.panels import make_panels
from designer.panels.boundary import BoundaryPanel
from designer.panels.curves import CurvesPanel
from designer.panels.gradients import GradientsPanel
from designer.panels.weights import WeightsPanel
from designer.training.controller import TrainingController
from designer.preview import preview_file

WAIT = 20_000


@pytest.fixture
def trained(qtbot):
    """``trained(nf, panels)``: a controller with the given panels shown, after some training."""
    made = []

    def make(nf: NetworkFile, panels: dict[str, QWidget] | None = None, steps: int = 300, speed=None):
        doc = Document(nf)
        ctl = TrainingController(doc)
        shown = panels if panels is not None else make_panels(ctl)
        for p in shown.values():
            if p.controller is None:
                p.bind(ctl)
            p.resize(560, 420)
            qtbot.addWidget(p)
            p.show()
        made.append((ctl, shown))
        qtbot.waitUntil(lambda: ctl.last is not None, timeout=WAIT)
        if speed:
            ctl.set_speed(speed)
        ctl.play()
        qtbot.waitUntil(lambda: ctl.last.step >= steps, timeout=WAIT)
        return doc, ctl, shown

    yield make
    for ctl, _shown in made:
        ctl.shutdown()


def _shot(panel: QWidget, name: str) -> None:
    folder = os.environ.get("BACKPROP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        panel.grab().save(str(Path(folder) / f"{name}.png"))


def test_every_panel_draws_mid_training(qtbot, trained):
    doc, ctl, panels = trained(preview_file("spiral"), steps=1500, speed=3000)
    counts = {k: p.draw_count for k, p in panels.items()}
    qtbot.waitUntil(lambda: all(p.draw_count >= counts[k] + 5 for k, p in panels.items()), timeout=WAIT)
    for name, p in panels.items():
        _shot(p, f"spiral-{name.split()[0].lower()}")
    curves = panels["Curves"]
    run = ctl.record.current
    cv = curves._curves[run.number]
    x, y = cv.batch.getData()
    assert len(x) > 0 and np.all(np.isfinite(y))
    assert len(cv.train.getData()[0]) == len(run.epochs) > 0
    acts = panels["Activations"]
    assert [c.key for c in acts._columns][:3] == [("in", "a"), ("h1", "a"), ("h2", "a")]
    assert acts._columns[1].image.image.shape == (8, 64)  # units × probe samples
    weights = panels["Weights"]
    assert weights.w_image.image.shape == (8, 2)
    grads = panels["Gradients"]
    gx, gy = grads._curves["W:c1"].getData()
    assert len(gx) > 0
    texts = [t.textItem.toPlainText() for t in grads._labels]
    assert texts[0].endswith("saturated") and "of 8" in texts[0]
    boundary = panels["Data and boundary"]
    assert boundary.plane.image.image.shape == (64, 64)
    assert 0 < len(boundary.plane.batch_pts.data) <= 10  # the current mini-batch, ringed
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    acts.mode.setCurrentIndex(1)
    acts.sample.setValue(40)
    _shot(acts, "spiral-activations-sample")
    widths = acts._columns[-1].bars.opts["width"]
    p, y = ctl.last.activations["out"][1][39, 0], ctl.info.probe_Y[39, 0]
    assert widths[0] == pytest.approx(p - y)  # the p − y column of the chosen sample


def test_softmax_output_shows_logits_probabilities_and_p_minus_y(qtbot, trained):
    from designer.panels.activations import ActivationsPanel

    panel = ActivationsPanel()
    doc, ctl, _ = trained(preview_file("iris", hidden=(5,), lr=0.02, batch_size=8), {"a": panel}, steps=200)
    titles = [c.title for c in panel._columns]
    assert titles[-3:] == ["output: logits z", "output: probabilities p", "p − y"]
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    snap = ctl.last
    assert np.allclose(snap.output_grad, snap.activations["out"][1] - ctl.info.probe_Y)
    assert np.allclose(snap.activations["out"][1].sum(axis=1), 1.0)
    _shot(panel, "iris-activations")


def test_confusion_matrix_for_data_that_is_not_two_dimensional(qtbot, trained):
    panel = BoundaryPanel()
    doc, ctl, _ = trained(preview_file("iris", hidden=(5,), lr=0.02, batch_size=8), {"b": panel}, steps=400)
    qtbot.waitUntil(lambda: panel.confusion.last is not None, timeout=WAIT)
    cm = panel.confusion.last
    assert cm.shape == (3, 3) and cm.sum() == ctl.info.n_test
    texts = [t.textItem.toPlainText() for t in panel.confusion.texts]
    assert texts[0] == (str(cm[0, 0]) if cm[0, 0] else "")
    assert "of" in panel.note.text() and "right" in panel.note.text()
    _shot(panel, "iris-confusion")


def test_one_input_regression_shows_the_fitted_curve(qtbot, trained, tmp_path):
    csv = tmp_path / "wave.csv"
    xs = np.linspace(-3, 3, 80)
    csv.write_text("x,y\n" + "".join(f"{x:.4f},{np.sin(x):.4f}\n" for x in xs))
    spec = sequential([1, 12, 1], "tanh", "identity", "mse")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.02}, 8, 0.0, 0, 0),
                     DataSource(name="csv", path=str(csv), standardize=True), {}, None, None)
    panel = BoundaryPanel()
    doc, ctl, _ = trained(nf, {"b": panel}, steps=1500)
    assert ctl.info.mode == "line"
    x, y = panel.line.curve.getData()
    assert len(x) == 200 and np.all(np.isfinite(y))
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    fit = np.interp(xs, *panel.line.curve.getData())
    assert np.abs(fit - np.sin(xs)).mean() < 0.25  # the curve follows the data
    _shot(panel, "wave-fit")


def test_clicks_on_the_plane_add_and_remove_points_one_undo_entry_each(qtbot, trained):
    panel = BoundaryPanel()
    doc, ctl, _ = trained(preview_file("gaussians"), {"b": panel}, steps=50)
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    n0 = ctl.info.n_train + ctl.info.n_test
    panel.add_class.setCurrentIndex(1)
    view = panel.view
    vp = view.viewport()
    target = view.mapFromScene(panel.scene_pos(4.0, 4.0))
    entries = doc.undo_stack.count()  # the training stretch is one
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=target)
    assert doc.undo_stack.count() == entries + 1
    drawn = doc.data.points  # part of the data source: training, the stepper, the lab and the CLI use them
    assert len(drawn["X"]) == n0 + 1 and drawn["y"][-1] == 1
    assert drawn["X"][-1] == pytest.approx([4.0, 4.0], abs=0.3)
    qtbot.waitUntil(lambda: ctl.info.n_train + ctl.info.n_test == n0 + 1, timeout=WAIT)
    qtbot.mouseClick(vp, Qt.MouseButton.RightButton, pos=target)
    assert doc.undo_stack.count() == entries + 2 and len(doc.data.points["X"]) == n0
    doc.undo()
    doc.undo()
    assert doc.data.points is None and "drawn_data" not in doc.view
    qtbot.waitUntil(lambda: ctl.info.n_train + ctl.info.n_test == n0, timeout=WAIT)


def test_a_hidden_unit_can_colour_the_plane(qtbot, trained):
    panel = BoundaryPanel()
    doc, ctl, _ = trained(preview_file("xor", hidden=(4,)), {"b": panel}, steps=100)
    panel.colour_by.setCurrentIndex(2)  # hidden 1, unit 2
    qtbot.waitUntil(lambda: ctl.last.unit_planes is not None, timeout=WAIT)
    image = panel.plane.image
    qtbot.waitUntil(lambda: image.image is not None and image.image.shape == (28, 28), timeout=WAIT)
    assert "unit 2" in panel.note.text()


def test_earlier_runs_stay_overlaid_with_their_optimiser_and_learning_rate(qtbot, trained):
    panel = CurvesPanel()
    doc, ctl, _ = trained(preview_file("xor", hidden=(4,), lr=0.05), {"c": panel}, steps=400)
    ctl.reset_weights()
    qtbot.waitUntil(lambda: len(ctl.record.runs) == 2, timeout=WAIT)
    ctl.play()
    qtbot.waitUntil(lambda: len(ctl.record.current.loss) > 200, timeout=WAIT)
    labels = [item.text for _sample, item in panel.loss_legend.items]
    assert labels == ["Adam ε=0.05", "Adam ε=0.05"]
    assert len(panel._curves) == 2
    panel.clear_earlier()
    assert len(panel._curves) == 1 and len(ctl.record.runs) == 1
    panel.x_axis.setCurrentIndex(1)  # per epoch
    x, _y = panel._curves[ctl.record.current.number].train.getData()
    assert np.array_equal(x, np.arange(1, len(x) + 1))


def test_weights_panel_follows_the_chosen_connection_and_shows_the_change(qtbot, trained):
    panel = WeightsPanel()
    doc, ctl, _ = trained(preview_file("spiral"), {"w": panel}, steps=200, speed=2000)
    panel.set_connection("c2")
    assert panel.connection_id == "c2"
    qtbot.waitUntil(lambda: panel.w_image.image.shape == (8, 8) and np.abs(panel.d_image.image).max() > 0,
                    timeout=WAIT)
    W = ctl.last.params["W:c2"]
    assert panel.w_image.image.shape == W.shape


def test_gradients_panel_counts_dead_relus(qtbot, trained):
    spec = sequential([2, 6, 1], "relu", "logistic", "bce")
    params = init_parameters(spec, 0)
    params["b:h1"][:3] = -50.0  # three units that never fire
    nf = NetworkFile(spec, params, TrainingSettings("sgd", {"lr": 0.01}, 10, 0.0, 0, 0),
                     DataSource(name="xor", n=100, standardize=True), {}, None, None)
    panel = GradientsPanel()
    doc, ctl, _ = trained(nf, {"g": panel}, steps=20)
    qtbot.waitUntil(lambda: panel._labels and panel._labels[0].textItem.toPlainText() == "3 of 6 dead",
                    timeout=WAIT)


# --- polish: progress bar, saved history, a network that cannot train, dark theme -------------


def test_progress_bar_hidden_until_a_fixed_number_of_epochs_runs_and_saved_history_shown(qtbot, trained):
    from designer.training.controls import TrainingControls

    doc, ctl, _ = trained(preview_file("xor"), {}, steps=120)
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    assert doc.history is not None and doc.history.step_loss
    # the same network opened again: its saved history, not "Epoch 0 · step 0"
    doc2 = Document(doc.to_file())
    ctl2 = TrainingController(doc2)
    try:
        controls = TrainingControls(doc2, ctl2)
        qtbot.addWidget(controls)
        controls.show()
        qtbot.waitUntil(lambda: ctl2.last is not None, timeout=WAIT)
        last = doc.history.epochs[-1]
        assert controls.status.text() == (f"Saved: epoch {last.epoch} · step {last.step:,} · "
                                          f"training loss {last.train_loss:.4g}")
        assert not controls.progress.isVisible()  # no empty bar that looks like a text field
        # a fixed number of epochs: the bar shows and says how far
        doc2.training.epochs = 3
        doc2.set_data(training=doc2.training)
        qtbot.mouseClick(controls.buttons["play"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controls.progress.isVisible(), timeout=WAIT)
        assert "epoch" in controls.progress.format() or "epochs done" in controls.progress.format()
        assert controls.status.text().startswith("Epoch")
    finally:
        ctl2.shutdown()


def test_boundary_says_why_when_the_network_cannot_train(qtbot):
    nf = preview_file("xor")
    out = next(c for c in nf.spec.connections.values() if c.dst == nf.spec.output_node.id)
    del nf.spec.connections[out.id]
    doc = Document(nf)
    assert doc.problems
    ctl = TrainingController(doc)
    try:
        panel = BoundaryPanel().bind(ctl)
        qtbot.addWidget(panel)
        panel.resize(560, 420)
        panel.show()
        qtbot.waitUntil(lambda: panel.blocked.isVisible(), timeout=WAIT)
        assert doc.problems[0].message in panel.blocked.text()
        assert not panel.view.isVisible() and not panel.colour_by.isVisible()
        _shot(panel, "boundary-cannot-train")
    finally:
        ctl.shutdown()


def test_confusion_matrix_follows_the_dark_theme(qtbot, trained):
    from PySide6.QtGui import QColor, QPalette

    panel = BoundaryPanel()
    pal = panel.palette()
    pal.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    pal.setColor(QPalette.ColorRole.Window, QColor(45, 45, 45))
    pal.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(230, 230, 230))
    panel.setPalette(pal)
    doc, ctl, _ = trained(preview_file("iris", hidden=(6,)), {"b": panel}, steps=60)
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused" and panel.info.mode == "confusion", timeout=WAIT)
    lut = panel.confusion.cm_image.lut
    if callable(lut):
        lut = lut(256)
    zero = np.asarray(lut)[0][:3]
    assert tuple(int(v) for v in zero) == (30, 30, 30)  # empty cells are the dark base, not white
    _shot(panel, "confusion-dark")


def test_a_wide_low_data_panel_puts_its_controls_beside_the_square_plane(qtbot, trained):
    """Under the canvas the dock is wide and low: the plane gets the height, the controls the side."""
    panel = BoundaryPanel()
    doc, ctl, _ = trained(preview_file("gaussians"), {"b": panel}, steps=20)
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    panel.show()

    def plane_height() -> float:
        return panel.plot.getViewBox().sceneBoundingRect().height()

    panel.resize(640, 560)  # about square: controls above, note below
    qtbot.waitUntil(lambda: not panel.beside and panel.view.height() > 300)
    assert panel.colour_by.y() < panel.view.y() < panel.note.y()
    panel.resize(900, 300)  # wide and low, as under the canvas
    qtbot.waitUntil(lambda: panel.beside)
    QApplication.processEvents()
    beside = plane_height()
    assert panel.colour_by.x() > panel.view.x() + panel.view.width() - 1  # the controls stand to the right
    assert panel.note.x() > panel.view.x() + panel.view.width() - 1
    legend = panel.legend.sceneBoundingRect()  # beside the plane, not over its data
    assert legend.width() > 0 and not legend.intersects(panel.plot.getViewBox().sceneBoundingRect())
    panel._arrange(beside=False)  # the same size stacked leaves the plane lower
    QApplication.processEvents()
    assert plane_height() < beside - 40


def test_when_training_stops_the_curves_end_at_the_right_edge(qtbot, trained):
    panel = CurvesPanel()
    doc, ctl, _ = trained(preview_file("xor", hidden=(4,), lr=0.05), {"c": panel}, steps=300)
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.state == "paused", timeout=WAIT)
    qtbot.waitUntil(lambda: panel.snap is not None and panel.snap.state == "paused", timeout=WAIT)
    panel._update_all(force=True)
    x, _y = panel._curves[ctl.record.current.number].batch.getData()
    left, right = panel.loss_plot.getViewBox().viewRange()[0]
    assert x[-1] <= right <= x[-1] * 1.05  # not up to the next coarse step (300 -> 500)
