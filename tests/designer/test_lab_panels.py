"""The optimiser lab panels (designer/lab), driven as a person would: ticks, clicks, sliders.

Each test checks that what a panel shows is what core.lab computes.
(Named test_lab_panels.py, not test_lab.py: pytest's default import mode needs test
file names to be unique across tests/core and tests/designer, which have no __init__.py.)
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from colours import contrast
from core.lab import direction_of, landscape, lecture_data, lecture_network
from core.model import compile_model

pytest.importorskip("pytestqt")


@pytest.fixture
def document(qtbot):
    from designer.preview import lab_document
    return lab_document("moons")


# --- race -----------------------------------------------------------------------------------


def _tick_only(table, keys):
    for key, cb in table.checks.items():
        if cb.isChecked() != (key in keys):
            cb.click()


def test_race_runs_fair_lanes_and_fills_the_table(qtbot, document):
    from designer.lab.race import RaceWidget
    w = RaceWidget(document)
    qtbot.addWidget(w)
    _tick_only(w.lane_table, ["gd", "sgd", "minibatch", "momentum", "adam"])
    w.steps_spin.setValue(40)
    w.batch_spin.setValue(16)
    w.lane_table.spins["adam"]["lr"].setValue(0.05)
    with qtbot.waitSignal(w.race_finished, timeout=20000):
        qtbot.mouseClick(w.run_button, Qt.MouseButton.LeftButton)
    race = w.race
    assert [lane.key for lane in w.lanes] == ["gd", "sgd", "minibatch", "momentum", "adam"]
    assert [r.hyper["lr"] for r in race.racers][-1] == 0.05
    # Same start for everyone, the document's weights.
    for theta in race.initial_theta:
        np.testing.assert_array_equal(theta, race.initial_theta[0])
    model = compile_model(document.spec, document.params)
    np.testing.assert_array_equal(race.initial_theta[0], model.theta)
    # Lanes with the same batch size saw identical mini-batches, step for step.
    mini = race.batches_seen[2:]
    assert all(len(s) == 40 for s in race.batches_seen)
    for lane in mini[1:]:
        for a, b in zip(lane, mini[0]):
            np.testing.assert_array_equal(a, b)
    assert all(len(b) == 16 for b in mini[0][:5])
    # SGD (one example) walks through the same shuffled order as the mini-batch lanes.
    sgd_order = np.concatenate(race.batches_seen[1])
    np.testing.assert_array_equal(sgd_order, np.concatenate(mini[0])[: len(sgd_order)])
    n = len(race.trainers[0].train)
    assert all(len(b) == n for b in race.batches_seen[0])  # GD: every example, every step
    # The table: one row per lane, filled with the race's own results.
    assert w.table.rowCount() == 5
    rows = race.results()
    for i, r in enumerate(rows):
        assert w.table.item(i, 0).text() == r.label
        assert w.table.item(i, 1).text() == "40"
        assert w.table.item(i, 2).text() == f"{r.loss:.4g}"
        assert w.table.item(i, 3).text().endswith("%")
        assert float(w.table.item(i, 7).text()) >= 0
    # One curve per lane, holding the recorded whole-set losses.
    for k, curve in enumerate(w._curves):
        x, y = curve.getData()
        np.testing.assert_allclose(y, [p.loss for p in race.curves[k]])
        assert x[-1] == 40
    assert "ε=0.05" in w.legend.items[-1][1].text


def test_race_legend_appears_with_the_lanes(qtbot, document):
    from designer.lab.race import RaceWidget
    w = RaceWidget(document)
    qtbot.addWidget(w)
    w.show()
    assert not w.legend.isVisible()  # no empty box before a race
    qtbot.mouseClick(w.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.race is not None, timeout=10000)
    assert w.legend.isVisible() and len(w.legend.items) == len(w.race.racers)


def test_race_pause_resume_and_clear(qtbot, document):
    from designer.lab.race import RaceWidget
    w = RaceWidget(document)
    qtbot.addWidget(w)
    _tick_only(w.lane_table, ["minibatch", "rmsprop"])
    w.steps_spin.setValue(400)
    w.pace_combo.setCurrentIndex(w.pace_combo.count() - 1)  # slowest: 20 steps/s
    qtbot.mouseClick(w.run_button, Qt.MouseButton.LeftButton)
    assert w.is_running()
    qtbot.mouseClick(w.pause_button, Qt.MouseButton.LeftButton)
    assert not w.is_running()
    done = w.race.trainers[0].step_count
    assert done < 400
    qtbot.wait(50)
    assert w.race.trainers[0].step_count == done
    w.pace_combo.setCurrentIndex(0)
    with qtbot.waitSignal(w.race_finished, timeout=20000):
        qtbot.mouseClick(w.pause_button, Qt.MouseButton.LeftButton)
    assert [tr.step_count for tr in w.race.trainers] == [400, 400]
    qtbot.mouseClick(w.clear_button, Qt.MouseButton.LeftButton)
    assert w.race is None and w.table.rowCount() == 0


def test_race_says_why_it_cannot_run(qtbot, document):
    from designer.lab.race import RaceWidget
    w = RaceWidget(document)
    qtbot.addWidget(w)
    _tick_only(w.lane_table, [])
    qtbot.mouseClick(w.run_button, Qt.MouseButton.LeftButton)
    assert w.race is None and "Tick" in w.status_label.text()


# --- landscape ------------------------------------------------------------------------------


def _settle(qtbot, w):
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=30000)


def test_lecture_landscape_shows_core_grids_and_paths(qtbot):
    from designer.lab.landscape import LandscapeWidget
    w = LandscapeWidget()
    qtbot.addWidget(w)
    _settle(qtbot, w)
    assert w.mode() == "lecture" and len(w.results) == 2
    span = w.lecture_span.value()
    data = lecture_data(w.data_combo.currentData())
    for plot, loss in zip(w.plots, ("mse", "bce")):
        spec, params = lecture_network(loss)
        model = compile_model(spec, params)
        want = landscape(model, data, direction_of(model, "W:w1"), direction_of(model, "W:w2"),
                         span, plot.grid_values().shape[0], centre=np.zeros(2))
        np.testing.assert_array_equal(plot.grid_values(), want.loss)
        # Every path starts at the chosen start, in (w1, w2) coordinates.
        for path in plot.paths:
            x, y = path.getData()
            assert (x[0], y[0]) == pytest.approx((w.w1_spin.value(), w.w2_spin.value()))
    # Squared error: plain GD barely leaves the plateau; Adam does.
    res = w.results[0]
    keys = [lane.key for lane in w.plots[0].lanes]
    gd, adam = res.paths[keys.index("gd")], res.paths[keys.index("adam")]
    assert np.linalg.norm(gd[-1] - gd[0]) < 0.5 * np.linalg.norm(adam[-1] - adam[0])


def test_lecture_landscape_click_moves_the_start(qtbot):
    from designer.lab.landscape import LandscapeWidget
    w = LandscapeWidget()
    qtbot.addWidget(w)
    _settle(qtbot, w)
    with qtbot.waitSignal(w.computed, timeout=30000):
        w.set_lecture_start(-2.0, 3.0)
    x, y = w.plots[1].paths[0].getData()
    assert (x[0], y[0]) == pytest.approx((-2.0, 3.0))
    # Unticking a lane removes its path.
    with qtbot.waitSignal(w.computed, timeout=30000):
        w.lecture_lanes.checks["momentum"].click()
    assert "momentum" not in [lane.key for lane in w.plots[0].lanes]


def test_network_landscape_along_two_edges(qtbot, document):
    from designer.lab.landscape import LandscapeWidget
    from designer.lab.common import document_data
    w = LandscapeWidget(document)
    qtbot.addWidget(w)
    _settle(qtbot, w)
    w.resolution.setValue(9)
    w.steps_spin.setValue(10)
    with qtbot.waitSignal(w.computed, timeout=30000):
        w.set_axes_from_edges(("c2", 0, 1), ("c2", 3, 2))
    assert w.mode() == "network" and not w.plots[1].isVisible()
    model = compile_model(document.spec, document.params)
    d1, d2 = direction_of(model, "W:c2", (1, 0)), direction_of(model, "W:c2", (2, 3))
    train, _ = document_data(document)
    want = landscape(model, train, d1, d2, w.network_span.value(), 9)
    np.testing.assert_allclose(w.plots[0].grid_values(), want.loss, rtol=1e-12)
    # Axes show the weights themselves; paths start at the current weights.
    x, y = w.plots[0].paths[0].getData()
    assert (x[0], y[0]) == pytest.approx((document.params["W:c2"][1, 0], document.params["W:c2"][2, 3]))
    with pytest.raises(ValueError):
        w.set_axes_from_edges(("nope", 0, 0), ("c2", 0, 0), compute=False)
    with qtbot.waitSignal(w.computed, timeout=30000):
        w.set_random_directions(seed=3)
    assert w.plots[0].grid_values().shape == (9, 9)


# --- optimiser internals --------------------------------------------------------------------


def _expected_internals(document, steps):
    from core.lab import optimizer_internals
    from core.trainer import Trainer, TrainingSettings
    from designer.lab.common import document_data
    train, _ = document_data(document)
    model = compile_model(document.spec, document.params)
    tr = Trainer(model, train, None, TrainingSettings.from_dict(document.training.to_dict()), 0)
    for _ in range(steps):
        tr.step()
    model.loss_and_grad(train.X, train.Y)
    return optimizer_internals(model, tr.optimizer)


def test_internals_emit_the_chosen_quantity_per_parameter(qtbot, document):
    from designer.lab.internals import InternalsWidget
    w = InternalsWidget(document)
    qtbot.addWidget(w)
    got = []
    w.overlay_changed.connect(got.append)
    w.warm_steps.setValue(20)
    with qtbot.waitSignal(w.overlay_changed, timeout=20000):  # the warm-up runs as a job
        qtbot.mouseClick(w.warm_button, Qt.MouseButton.LeftButton)
    assert got[-1] == {}  # overlay off until a quantity is chosen
    want = _expected_internals(document, 20)
    params_before = {k: v.copy() for k, v in document.params.items()}
    for q in ("grad", "s_hat", "r_hat", "step", "lr"):
        w.combo.setCurrentIndex(w.combo.findData(q))
        overlay = got[-1]
        assert set(overlay) == set(document.params)
        for key, arr in overlay.items():
            assert arr.shape == document.params[key].shape
            np.testing.assert_array_equal(arr, want[q][key])
        assert w.is_signed() == (q in ("grad", "s_hat", "step"))
    # Adam's effective step is eps s_hat / (sqrt(r_hat) + delta), edge by edge.
    h = w.optimizer.hyper
    np.testing.assert_allclose(want["step"]["W:c1"], h["lr"] * want["s_hat"]["W:c1"]
                               / (np.sqrt(want["r_hat"]["W:c1"]) + h["delta"]), rtol=1e-9)
    # The plot shows every parameter once; the table one row per array.
    x, y = w.scatter.getData()
    assert len(x) == sum(v.size for v in document.params.values())
    assert w.table.rowCount() == len(document.params)
    # Adam has no velocity v: that entry is disabled.
    row = w.combo.findData("v")
    assert not w.combo.model().item(row).isEnabled()
    for k, v in document.params.items():  # the document is untouched
        np.testing.assert_array_equal(v, params_before[k])
    w.combo.setCurrentIndex(0)
    assert got[-1] == {}


def test_internals_follow_a_momentum_trainer(qtbot, document):
    from core.optim import make_optimizer
    from designer.lab.internals import InternalsWidget
    w = InternalsWidget()
    qtbot.addWidget(w)
    model = compile_model(document.spec, document.params)
    opt = make_optimizer("momentum", [model.theta], [model.grad], lr=0.1, alpha=0.9)
    x = np.random.default_rng(0).normal(size=(16, 2))
    y = (x[:, :1] > 0).astype(float)
    for _ in range(3):
        model.loss_and_grad(x, y)
        opt.step()
    w.set_quantity("v")
    got = []
    w.overlay_changed.connect(got.append)
    w.set_training_state(model, opt)
    np.testing.assert_array_equal(got[-1]["W:c2"], model.unflatten(opt.preview()[0]["v"])["W:c2"])
    assert "Momentum" in w.source_label.text()
    for q in ("s_hat", "r_hat"):
        assert not w.combo.model().item(w.combo.findData(q)).isEnabled()


# --- activation explorer --------------------------------------------------------------------


def test_explorer_curves_are_the_registry_functions(qtbot):
    from core.activations import ACTIVATIONS
    from designer.lab.activation_explorer import PLOTTABLE, ActivationExplorer
    w = ActivationExplorer()
    qtbot.addWidget(w)
    w.table.selectAll()  # a person pressing Ctrl+A: every activation at once
    x = w.x_values()
    assert set(w.selected()) == set(PLOTTABLE)
    for name in PLOTTABLE:
        act = ACTIVATIONS[name]
        fc, dc = w.curves[name]
        assert fc.isVisible() and dc.isVisible()
        fx, fy = fc.getData()
        dx, dy = dc.getData()
        np.testing.assert_array_equal(fx, x)
        np.testing.assert_allclose(fy, act.f(x, **act.hyper()), rtol=0, atol=0)
        np.testing.assert_allclose(dy, act.df(x, **act.hyper()), rtol=0, atol=0)
    # The lecture's table: one row per activation with its formulas.
    for r, act in enumerate(ACTIVATIONS.values()):
        assert w.table.item(r, 1).text() == act.formula
        assert w.table.item(r, 2).text() == act.derivative_formula
        assert w.table.item(r, 3).text() == ("yes" if act.zero_centred else "no")


def test_explorer_slider_changes_gamma_and_shading_follows(qtbot):
    from core.activations import ACTIVATIONS
    from core.lab import saturation_intervals
    from designer.lab.activation_explorer import ActivationExplorer
    w = ActivationExplorer()
    qtbot.addWidget(w)
    w.table.setCurrentCell(list(ACTIVATIONS).index("leaky_relu"), 0)  # a click on the row
    assert w.current() == "leaky_relu"
    slider, label, _ = w.sliders["gamma"]
    assert slider.isVisibleTo(w) and not w.sliders["beta"][0].isVisibleTo(w)
    slider.setFocus()
    for _ in range(20):
        qtbot.keyClick(slider, Qt.Key.Key_Right)  # 0.01 + 20 × 0.01
    assert w.hyper()["gamma"] == pytest.approx(0.21)
    assert label.text() == "γ = 0.21"
    x = w.x_values()
    _, fy = w.curves["leaky_relu"][0].getData()
    np.testing.assert_allclose(fy, ACTIVATIONS["leaky_relu"].f(x, gamma=0.21))
    _, dy = w.curves["leaky_relu"][1].getData()
    assert dy.min() == pytest.approx(0.21)
    # γ = 0.21 is above the threshold: no saturated region any more.
    assert w.saturated_intervals == saturation_intervals("leaky_relu", x[0], x[-1], 0.05, gamma=0.21) == []
    assert not any(r.isVisible() for r in w.shades)
    # Logistic saturates at both ends.
    w.set_activation("logistic")
    assert len(w.saturated_intervals) == 2 and sum(r.isVisible() for r in w.shades) == 2


def test_explorer_preactivations_and_apply_button(qtbot):
    from core.lab import saturation_mask
    from designer.lab.activation_explorer import ActivationExplorer
    w = ActivationExplorer()
    qtbot.addWidget(w)
    z = np.random.default_rng(1).normal(0, 3, size=(50, 8))
    w.set_activation("tanh")
    w.set_preactivations(z, "hidden 1")
    assert w.hist.isVisible()
    edges, share = w.hist.getData()
    assert share.sum() == pytest.approx(100.0 * np.mean(np.abs(z) <= w.range_spin.value()))
    frac = saturation_mask("tanh", z.ravel()).mean()
    assert f"{100 * frac:.0f} %" in w.note.text() and "hidden 1" in w.note.text()
    w.hist_check.click()
    assert not w.hist.isVisible()
    w.set_preactivations(None)
    assert not w.hist_check.isEnabled()
    with qtbot.waitSignal(w.apply_activation) as sig:
        qtbot.mouseClick(w.apply_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["tanh"]


# --- vanishing gradients --------------------------------------------------------------------


def test_vanishing_bars_for_logistic_decay_with_depth(qtbot):
    from core.data.source import DataSource
    from core.lab import deep_stack, gradient_norms
    from core.parameters import init_parameters
    from designer.lab.vanishing import VanishingWidget
    w = VanishingWidget()
    qtbot.addWidget(w)
    w.activation_combo.setCurrentIndex(w.activation_combo.findData("logistic"))
    w.init_combo.setCurrentIndex(w.init_combo.findData("xavier_normal"))
    w.depth_slider.setFocus()
    for _ in range(4):
        qtbot.keyClick(w.depth_slider, Qt.Key.Key_Right)
    depth = w.depth_slider.value()
    assert depth == 12 and w.depth_label.text() == "12 layers"
    # The bars are core's gradient norms of that stack.
    data = DataSource("gaussians", n=128, seed=0, test_fraction=0.0).prepare(1).train
    spec = deep_stack(depth, 8, "logistic", 2, 1, "xavier_normal", 1.0)
    want = gradient_norms(compile_model(spec, init_parameters(spec, 0)), data)
    assert w.norms == pytest.approx(want, rel=1e-12)
    (bar,) = w._bars
    heights = bar.opts["height"]
    assert len(heights) == depth + 1
    # Logistic: the gradient shrinks from the output towards the input, by orders of magnitude.
    logs = np.log10(list(want.values()))
    np.testing.assert_allclose(heights - heights[-1], logs - logs[-1])
    assert heights[-1] - heights[0] > 4
    assert np.all(np.diff(heights[2:]) > 0)
    # Deeper is worse: the first layer's share falls with depth.
    first_share = []
    for d in (4, 8, 12):
        w.depth_slider.setValue(d)
        v = list(w.norms.values())
        first_share.append(v[0] / v[-1])
    assert first_share[0] > first_share[1] > first_share[2]


def test_vanishing_compare_and_train(qtbot):
    from core.data.source import DataSource
    from core.lab import compare_depth
    from designer.lab.vanishing import VanishingWidget
    w = VanishingWidget()
    qtbot.addWidget(w)
    w.depth_slider.setValue(6)
    qtbot.mouseClick(w.compare_button, Qt.MouseButton.LeftButton)
    data = DataSource("gaussians", n=128, seed=0, test_fraction=0.0).prepare(1).train
    assert w.comparison == compare_depth(6, data, 8)
    assert len(w._bars) == 2
    sig, relu = (b.opts["height"] for b in w._bars)
    assert sig[-1] - sig[0] > 4 and abs(relu[-1] - relu[0]) < 2
    w.steps_spin.setValue(30)
    with qtbot.waitSignal(w.training_finished, timeout=20000):
        qtbot.mouseClick(w.train_button, Qt.MouseButton.LeftButton)
    assert w.comparison is None and w.trainer.step_count == 30
    assert len(w._lines) == 7
    x, y = w._lines[0].getData()  # log10 of the values: the plot is in log mode
    np.testing.assert_allclose(10 ** y, np.asarray(w.trainer.history.grad_norms)[:, 0], rtol=1e-9)
    from designer import theme
    try:  # every layer's line shows on the dark background too (layer 1 was deep purple on black)
        theme.apply_theme("dark")
        QApplication.processEvents()
        w._restyle()
        base = w.palette().color(QPalette.ColorRole.Base)
        assert min(contrast(line.opts["pen"].color(), base) for line in w._lines) >= 3.0
    finally:
        theme.apply_theme("system")




def _shown_landscape(qtbot, width: int, height: int):
    """The landscape panel on its own, shown at ``width`` × ``height``."""
    from designer.lab.landscape import LandscapeWidget
    w = LandscapeWidget()
    qtbot.addWidget(w)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_narrow_landscape_plots_keep_axes_colour_bar_and_title_inside(qtbot):
    """In a narrow dock the plots shrink whole: nothing is pushed out of the widget."""
    w = _shown_landscape(qtbot, 620, 330)
    _settle(qtbot, w)
    qtbot.waitUntil(lambda: all(p.width() < 300 for p in w.plots))
    for plot in w.plots:
        item = plot.getPlotItem()
        assert item.width() <= plot.width() + 0.5  # the scene's plot fits its widget
        assert plot.colorbar.mapRectToScene(plot.colorbar.boundingRect()).right() <= plot.width() + 0.5
        assert not plot.legend.isVisible()  # it would cover the surface; the swatches name the lanes
    w.resize(1400, 600)
    qtbot.waitUntil(lambda: w.plots[0].width() >= w.plots[0].LEGEND_MIN_WIDTH)
    assert w.plots[0].legend.isVisible() and not w.plots[1].legend.isVisible()


def test_lab_controls_leave_the_plots_most_of_the_width(qtbot):
    from designer.lab.common import ControlsSplitter
    w = _shown_landscape(qtbot, 800, 500)
    split = w.findChild(ControlsSplitter)
    qtbot.waitUntil(lambda: split._balanced)
    controls, plots = split.sizes()
    assert controls <= 0.42 * split.width() + 1 and plots > controls
    dragged = controls - 40
    split.setSizes([dragged, split.width() - dragged])  # the person drags: that stays
    w.resize(900, 500)
    qtbot.waitUntil(lambda: split.width() > 850)
    assert split.sizes()[0] == dragged  # the extra width goes to the plots
