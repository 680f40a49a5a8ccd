"""The backprop stepper: the lecture's worked examples on screen, core-equal gradients, undo.

Gestures are made as a person makes them: typing the sample, clicking the
panel's buttons, pressing its shortcuts.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.files import load_network
from core.model import compile_model
from core.spec import Node
from designer import commands as cmd
from designer.document import Document
from designer.stepper.panel import SHORTCUTS, StepperPanel
from designer.stepper.session import SampleError, StepSession, parse_values

EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "examples"


def _panel(qtbot, name: str, x: str, y: str) -> tuple[StepperPanel, Document]:
    doc = Document(load_network(EXAMPLES / name))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.source.setCurrentIndex(1)
    panel.input_edit.clear()
    qtbot.keyClicks(panel.input_edit, x)
    panel.target_edit.clear()
    qtbot.keyClicks(panel.target_edit, y)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.session is not None, panel.sample_error.text()
    return panel, doc


def _click(qtbot, panel: StepperPanel, key: str) -> None:
    qtbot.mouseClick(panel.buttons[key], Qt.MouseButton.LeftButton)


def _walk_text(qtbot, panel: StepperPanel) -> str:
    """Everything the card shows while stepping forward to the end, step by step."""
    _click(qtbot, panel, "reset")
    seen = []
    while panel.actions["forward"].isEnabled():
        _click(qtbot, panel, "forward")
        seen.append(panel.card.text())
    return "\n".join(seen)


def test_lecture_network_forward_equations_and_w47_w14(qtbot):
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    text = _walk_text(qtbot, panel)
    # forward equations in the lecture's notation, with numbers
    assert "z₄ = w₁₄a₁ + w₂₄a₂ + w₃₄a₃" in text
    assert "z₄ = 0.2 · 1 − 0.1 · 0.5 + 0.4 · −1 = −0.25" in text
    assert "ŷ₇ = σ(z₇)" in text and "σ(−0.05388) = 0.4865" in text
    # the output weight w_47: (ŷ₇ − y₇) ŷ₇ (1 − ŷ₇) a₄
    assert "∂L/∂w₄₇ = a₄ δ₇ = (ŷ₇ − y₇) ŷ₇ (1 − ŷ₇) a₄" in text
    assert "(0.4865 − 1) · 0.4865 · (1 − 0.4865) · 0.4378 = −0.05616" in text
    # the hidden weight w_14 with its sum over the outputs, term by term
    assert "∂L/∂w₁₄ = a₁ δ₄ = a₁ a₄ (1 − a₄) (w₄₇δ₇ + w₄₈δ₈ + w₄₉δ₉)" in text
    assert "∂L/∂w₁₄ = 1 · −0.01305 = −0.01305" in text
    for term in ("a₁ a₄ (1 − a₄) w₄₇δ₇", "a₁ a₄ (1 − a₄) w₄₈δ₈", "a₁ a₄ (1 − a₄) w₄₉δ₉"):
        assert term in text
    # and the update of w_47 with the file's SGD (ε = 0.5)
    assert "w₄₇ ← 0.3 − 0.5 · (−0.05616) = 0.3281" in text
    # the table lists every step so far
    assert panel.table_model.rowCount() == len(panel.session.steps)


def test_sigmoid_neuron_scalar_level_h1_to_h6(qtbot):
    panel, _ = _panel(qtbot, "sigmoid-neuron.ffn", "1", "")
    qtbot.mouseClick(panel.level_buttons["scalar"], Qt.MouseButton.LeftButton)
    assert panel.session.level == "scalar"
    text = _walk_text(qtbot, panel)
    for formula in ("h₁ = 1 · 0 = 0", "h₂ = 0 + 0 = 0", "h₄ = exp(−0) = 1", "h₅ = 1 + 1 = 2",
                    "h₆ = 1 / 2 = 0.5", "∂f/∂h₅ = −0.25 · 1 = −0.25",
                    "∂f/∂w = 1 · −0.25 · 1 · 1 · −1 · 1 · 1 = 0.25"):
        assert formula in text, formula
    # the little graph shows every op with its value and gradient
    g = panel.graph
    assert g.isVisible()
    assert set(b.name for b in g.boxes.values()) >= {"x", "w", "b", "h₁", "h₂", "h₃", "h₄", "h₅", "h₆"}
    assert g.boxes["h₆"].value == pytest.approx(0.5)
    assert [b.op for n, b in sorted(g.boxes.items()) if not b.leaf] == ["×", "+ b", "× (−1)", "exp", "+ 1", "1 / x"]
    panel.seek(len(panel.session.steps))
    _, grads, _ = g._state()
    assert grads["w"][0] == pytest.approx(0.25) and grads["h₅"][0] == pytest.approx(-0.25)


def test_single_neuron_numbers_in_the_panel(qtbot):
    panel, _ = _panel(qtbot, "single-neuron.ffn", "1.5", "0.8")
    text = _walk_text(qtbot, panel)
    assert "= 1.4" in text          # y = wx + b
    assert "= 0.18" in text         # L
    assert "∂L/∂w" in text and "= 0.9" in text
    assert "∂L/∂b" in text and "= 0.6" in text
    s = panel.session
    assert s.trace().loss == pytest.approx(0.18)
    assert s.gradient("W:w")[0, 0] == pytest.approx(0.9) and s.gradient("b:y")[0] == pytest.approx(0.6)


def _random_doc(rng: np.random.Generator) -> Document:
    doc = Document()
    push = doc.undo_stack.push
    acts = ["tanh", "logistic", "relu", "identity", "softplus"]
    nin = int(rng.integers(1, 4))
    push(cmd.AddNodeCommand(doc, Node("in", "input", nin, bias=False, meta={"pos": [0, 0]})))
    prev = "in"
    for k in range(int(rng.integers(1, 3))):
        nid = f"h{k}"
        push(cmd.AddNodeCommand(doc, Node(nid, "layer", int(rng.integers(1, 5)), str(rng.choice(acts)),
                                          meta={"pos": [200 * (k + 1), 0]})))
        push(cmd.ConnectCommand(doc, prev, nid))
        prev = nid
    nout = int(rng.integers(1, 4))
    push(cmd.AddNodeCommand(doc, Node("out", "output", nout, "logistic", loss="mse", meta={"pos": [700, 0]})))
    push(cmd.ConnectCommand(doc, prev, "out"))
    if rng.random() < 0.5:  # a skip connection: several paths meet
        push(cmd.ConnectCommand(doc, "in", "out"))
    return doc


@pytest.mark.parametrize("seed", range(5))
def test_random_networks_every_gradient_shown_equals_core(qtbot, seed):
    rng = np.random.default_rng(seed)
    doc = _random_doc(rng)
    assert doc.can_train(), doc.problems
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    nin, nout = doc.spec.input_node.units, doc.spec.output_node.units
    x, y = rng.normal(size=nin), rng.random(nout)
    panel.source.setCurrentIndex(1)
    panel.input_edit.setText(", ".join(repr(float(v)) for v in x))
    panel.target_edit.setText(", ".join(repr(float(v)) for v in y))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    model = compile_model(doc.spec, doc.params)
    model.loss_and_grad(x[None, :], y[None, :])
    expected = {k: v.copy() for k, v in model.grads.items()}
    for level in ("neuron", "scalar", "op"):
        qtbot.mouseClick(panel.level_buttons[level], Qt.MouseButton.LeftButton)
        units = [panel.unit_box.itemData(k) for k in range(panel.unit_box.count())] if level == "scalar" else [None]
        for u in units:
            if u is not None:
                panel.select_unit(*u)
            _click(qtbot, panel, "end")
            assert panel.table_model.rowCount() == len(panel.session.steps)
            for row in range(panel.table_model.rowCount()):
                s = panel.table_model.step(row)
                if s.kind == "weight_grad" and len(s.units) == 2:
                    i, j = s.units
                    assert s.result == pytest.approx(expected[f"W:{s.where}"][j, i], rel=1e-9, abs=1e-12)
                elif s.kind == "bias_grad" and len(s.units) == 1:
                    assert s.result == pytest.approx(expected[f"b:{s.where}"][s.units[0]], rel=1e-9, abs=1e-12)
    for key, g in expected.items():
        np.testing.assert_allclose(panel.session.gradient(key), g, rtol=1e-12, atol=1e-15)


def test_level_switch_keeps_the_place(qtbot):
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    panel.seek(29)  # δ₄
    assert panel.session.current.symbol.startswith("δ₄")
    qtbot.mouseClick(panel.level_buttons["scalar"], Qt.MouseButton.LeftButton)
    s = panel.session
    assert (s.unit.node, s.unit.index) == ("hidden", 0)
    assert s.current.phase == "backward" and s.current.where == "hidden"
    qtbot.mouseClick(panel.level_buttons["op"], Qt.MouseButton.LeftButton)
    assert "δ[hidden]" in panel.session.current.symbol
    qtbot.mouseClick(panel.level_buttons["neuron"], Qt.MouseButton.LeftButton)
    assert panel.session.current.phase == "backward" and panel.session.current.where == "hidden"


def test_buttons_and_shortcuts(qtbot):
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    s = panel.session
    _click(qtbot, panel, "end_forward")
    assert s.current.phase == "loss" and s.position == s.end_of("loss")
    _click(qtbot, panel, "back")
    assert s.current.phase == "forward"
    with qtbot.waitActive(panel):
        panel.activateWindow()
    pos = s.position
    qtbot.keyClick(panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert s.position == pos + 1
    qtbot.keyClick(panel, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert s.position == 0
    qtbot.keyClick(panel, Qt.Key.Key_End, Qt.KeyboardModifier.AltModifier)
    assert s.at_end
    qtbot.keyClick(panel, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert panel.session.level == "scalar"
    for key, act in panel.actions.items():
        if key in ("neuron", "op", "scalar"):
            continue
        assert act.shortcut().toString() == SHORTCUTS[key]
        assert "(" in act.toolTip() and ")" in act.toolTip()
    # the slider covers every step
    panel.slider.setValue(5)
    assert panel.session.position == 5
    assert panel.slider.maximum() == len(panel.session.steps)


def test_typed_sample_errors_are_clear(qtbot):
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    panel.input_edit.setText("1, abc, 3")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert "value 2, 'abc', is not a number" in panel.sample_error.text()
    panel.input_edit.setText("1, 2")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert "needs 3 numbers; 2 were typed" in panel.sample_error.text()
    with pytest.raises(SampleError):
        parse_values("", 2, "input")
    assert list(parse_values("1; −2 3", 3, "input")) == [1.0, -2.0, 3.0]


def test_dataset_row_and_random(qtbot):
    doc = Document(load_network(EXAMPLES / "xor.ffn"))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    panel.source.setCurrentIndex(0)
    panel.row.setValue(3)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.session is not None and panel.session.sample_label == "training row 3"
    qtbot.mouseClick(panel.random_button, Qt.MouseButton.LeftButton)
    assert panel.session.sample_label.startswith("training row")


def test_apply_update_is_one_undo_entry_and_undo_restores(qtbot):
    panel, doc = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    before = {k: v.copy() for k, v in doc.params.items()}
    expected = panel.session.new_params()
    n = doc.undo_stack.count()
    _click(qtbot, panel, "apply")
    dlg = panel.update_dialog
    assert dlg.isVisible() and dlg.model.rowCount() == 18
    assert "w₄₇ ← w₄₇ − ε ∂L/∂w₄₇" in [dlg.model.step(r).symbol for r in range(18)]
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == n + 1
    np.testing.assert_allclose(doc.params["W:c2"][0, 0], 0.3 + 0.5 * 0.05616, atol=1e-5)
    for k in expected:
        np.testing.assert_array_equal(doc.params[k], expected[k])
    assert panel.session is not None  # its own update does not end the walk
    assert panel.session.trace().loss < 0.4604
    doc.undo_stack.undo()
    for k in before:
        np.testing.assert_array_equal(doc.params[k], before[k])
    assert panel.session is None and panel.message.isVisible()


def test_adam_update_shows_s_r_hats_and_step_size(qtbot):
    doc = Document(load_network(EXAMPLES / "single-neuron.ffn"))
    from core.trainer import TrainingSettings
    doc.set_data(training=TrainingSettings(optimizer="adam", hyper={"lr": 0.01}))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    panel.source.setCurrentIndex(1)
    panel.input_edit.setText("1.5")
    panel.target_edit.setText("0.8")
    panel.start()
    _click(qtbot, panel, "apply")
    rules = " ".join(panel.update_dialog.model.step(r).symbol + panel.update_dialog.model.step(r).numbers
                     for r in range(panel.update_dialog.model.rowCount()))
    for sym in ("s ←", "r ←", "ŝ =", "r̂ =", "√r̂"):
        assert sym in rules
    assert "Adam" in panel.update_dialog.findChild(type(panel.message)).text()
    model = panel.update_dialog.model  # the Parameter column names the parameter, not Adam's s
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["w", "b"]
    panel.update_dialog.reject()


def test_editing_the_network_ends_the_walk_with_a_message(qtbot):
    panel, doc = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    _click(qtbot, panel, "forward")
    doc.undo_stack.push(cmd.SetWeightCommand(doc, "c1", 0, 0, 0.7))
    assert panel.session is None
    assert panel.message.isVisible() and "walk ended" in panel.message.text()
    assert "No walk" in panel.card.text() and panel.table_model.rowCount() == 0
    assert not panel.actions["forward"].isEnabled()
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.session is not None and not panel.message.isVisible()
    doc.undo_stack.push(cmd.AddNodeCommand(doc, Node("extra", "neuron", 1, "relu")))
    assert panel.session is None and "edited" in panel.message.text()


def test_large_network_table_seeks_anywhere_in_a_long_walk(qtbot):
    doc = Document()
    push = doc.undo_stack.push
    push(cmd.AddNodeCommand(doc, Node("in", "input", 30, bias=False)))
    push(cmd.AddNodeCommand(doc, Node("h", "layer", 60, "tanh")))
    push(cmd.AddNodeCommand(doc, Node("out", "output", 10, "logistic", loss="mse")))
    push(cmd.ConnectCommand(doc, "in", "h"))
    push(cmd.ConnectCommand(doc, "h", "out"))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    panel.source.setCurrentIndex(1)
    panel.input_edit.setText(", ".join(["0.1"] * 30))
    panel.target_edit.setText(", ".join(["0"] * 10))
    panel.start()
    n = len(panel.session.steps)
    assert n > 5000
    _click(qtbot, panel, "end")
    for _ in range(20):
        _click(qtbot, panel, "back")
    panel.slider.setValue(n // 2)
    QApplication.processEvents()
    assert panel.table_model.rowCount() == n // 2


def test_overlay_on_the_canvas(qtbot):
    canvas_mod = pytest.importorskip("designer.canvas")
    panel, doc = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    canvas = canvas_mod.CanvasView(doc)
    qtbot.addWidget(canvas)
    panel.attach_canvas(canvas)
    ov = panel.overlay
    assert ov.scene() is canvas.scene()
    assert ov.zValue() > max(i.zValue() for i in canvas.scene().items() if i is not ov)
    assert ov.shape().isEmpty()  # never takes a click from the canvas
    panel.seek(29)  # δ₄: three paths meet
    units, edges, reached = ov._computed()
    assert units[("hidden", 0)]["δ"] == pytest.approx(-0.01305, abs=1e-5)
    assert reached["out"] == {0, 1, 2}
    p = ov.unit_point("hidden", 0)
    assert p == canvas.scene().node_items["hidden"].unit_center(0)
    canvas.grab()  # paints without error
    doc.undo_stack.push(cmd.SetWeightCommand(doc, "c1", 0, 0, 0.7))
    assert ov.session is None


def test_session_is_a_snapshot():
    nf = load_network(EXAMPLES / "lecture-3-3-3.ffn")
    s = StepSession(nf.spec, nf.params, nf.training, np.array([1, 0.5, -1.0]), np.array([1.0, 0, 0]))
    nf.params["W:c1"][0, 0] = 99.0
    assert s.params["W:c1"][0, 0] == pytest.approx(0.2)
    assert s.run_to_end_of_forward() == s.end_of("loss")


# --- picking the sample from the dataset's list ----------------------------------------------


def test_the_sample_list_shows_train_and_test_rows_and_a_click_walks_one(qtbot):
    doc = Document(load_network(EXAMPLES / "xor.ffn"))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitExposed(panel)
    data = panel._data()
    model, view = panel.sample_model, panel.sample_list
    n_train, n_test = len(data.train), len(data.test)
    assert n_test > 0 and model.rowCount() == n_train + n_test
    # a training row: "#", "set", inputs, class
    assert [model.index(5, c).data() for c in range(2)] == ["5", "train"]
    assert model.index(5, 3).data().startswith("class ")
    # click the third test row, as a person does
    k = n_train + 2
    view.scrollTo(model.index(k, 0))
    rect = view.visualRect(model.index(k, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    s = panel.session
    assert s is not None and s.sample_label == "test row 2"
    np.testing.assert_allclose(s.x, data.test.X[2])
    np.testing.assert_allclose(s.y, data.test.Y[2])
    assert panel.which() == "test" and panel.row.value() == 2
    # pick_sample (the data plot's route) selects the row in the list
    assert panel.pick_sample(7, "train")
    assert view.currentIndex().row() == 7 and panel.session.sample_label == "training row 7"
    # typing a row of the test set by hand walks the same numbers
    panel.which_box.setCurrentIndex(1)
    panel.which_box.activated.emit(1)
    panel.row.setValue(2)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    np.testing.assert_allclose(panel.session.x, data.test.X[2])


def test_the_stepper_shrinks_to_600_pixels(qtbot):
    doc = Document(load_network(EXAMPLES / "lecture-3-3-3.ffn"))
    panel = StepperPanel(doc)
    qtbot.addWidget(panel)
    assert panel.minimumSizeHint().width() <= 600
    panel.resize(600, 520)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.width() == 600
    # the navigation wraps: every button is inside the panel
    for b in panel.buttons.values():
        assert b.mapTo(panel, b.rect().topRight()).x() <= 600


def test_a_walk_continues_the_optimiser_state_training_left(qtbot):
    """After training, Apply update previews the optimiser's real next step (t continues)."""
    import numpy as np

    from core.optim import make_optimizer
    from designer.stepper.session import StepSession
    from core.files import load_network
    from core.model import compile_model
    from core.resources import resource_path

    nf = load_network(resource_path("examples", "xor.ffn"))
    model = compile_model(nf.spec, nf.params)
    opt = make_optimizer(nf.training.optimizer, [model.theta], [model.grad], **nf.training.hyper)
    rng = np.random.default_rng(0)
    for _ in range(5):
        model.grad[...] = rng.normal(size=model.grad.shape)
        opt.step()
    state = opt.state_dict()
    s = StepSession(nf.spec, nf.params, nf.training, np.array([1.0, -1.0]), np.array([1.0]),
                    optimizer_state=state)
    assert s.optimizer.t == 5
    # A state for another network shape is left out instead of failing.
    bad = dict(state, state=[{k: v[:3] for k, v in state["state"][0].items()}])
    s2 = StepSession(nf.spec, nf.params, nf.training, np.array([1.0, -1.0]), np.array([1.0]),
                     optimizer_state=bad)
    assert s2.optimizer.t == 0


def test_named_units_show_real_subscripts_in_the_card_table_and_tooltip(qtbot):
    """Core writes z_{h1[0]} for a unit without a number; the stepper sets it as z<sub>h1[0]</sub>."""
    from designer.stepper.table import FormulaDelegate, formula_html
    assert formula_html("z_{out} = w_{h1[0],out}a_{h1[0]} + b_{out}") == (
        "z<sub>out</sub> = w<sub>h1[0],out</sub>a<sub>h1[0]</sub> + b<sub>out</sub>")
    assert formula_html("w₁₄ < 1 & _{x}") == "w₁₄ &lt; 1 &amp; <sub>x</sub>"  # escaped first
    panel, _doc = _panel(qtbot, "xor.ffn", "1, 0", "1")
    text = _walk_text(qtbot, panel)
    assert "_{" not in text and "<sub>h1[0]</sub>" in text and "<sub>out</sub>" in text
    model = panel.table_model
    row = next(r for r in range(model.rowCount()) if "_{" in model.index(r, 3).data())
    assert "<sub>" in model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(panel.table.itemDelegate(), FormulaDelegate)
    panel.table.scrollTo(model.index(row, 3))
    assert not panel.table.grab().isNull()  # the delegate paints those rows


def test_the_table_counts_the_walk_as_the_card_does_at_every_level(qtbot):
    """At the scalar level the walk is one unit's part of the trace; # still runs 1, 2, 3, ..."""
    panel, _doc = _panel(qtbot, "xor.ffn", "1, 0", "1")
    for level in ("neuron", "op", "scalar"):
        qtbot.mouseClick(panel.level_buttons[level], Qt.MouseButton.LeftButton)
        _click(qtbot, panel, "reset")
        for _ in range(5):
            _click(qtbot, panel, "forward")
        model = panel.table_model
        assert model.rowCount() == panel.session.position == 5
        assert [model.index(r, 0).data() for r in range(5)] == ["1", "2", "3", "4", "5"]
        assert f"step 5 of {len(panel.session.steps)}" in panel.card.text()


def test_a_target_the_loss_cannot_take_is_refused_with_the_reason(qtbot):
    """XOR's output is sigmoid + cross-entropy: y = −1 would show a negative 'loss'."""
    panel, _ = _panel(qtbot, "xor.ffn", "1, 0", "1")
    for bad, words in (("-1", "the target -1 is not a probability"), ("2", "the target 2 is not a probability")):
        panel.target_edit.setText(bad)
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
        assert words in panel.sample_error.text() and "between 0 and 1" in panel.sample_error.text()
    panel.target_edit.setText("0.25")  # a probability is fine
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.session is not None and panel.session.y is not None


def test_the_card_names_the_unit_once_at_the_scalar_level(qtbot):
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    qtbot.mouseClick(panel.level_buttons["scalar"], Qt.MouseButton.LeftButton)
    text = panel.card.text()
    assert f"Scalar level, unit {panel.unit_box.currentText()[5:]}<" in text and "unit unit" not in text
    panel, _ = _panel(qtbot, "xor.ffn", "1, 0", "1")
    qtbot.mouseClick(panel.level_buttons["scalar"], Qt.MouseButton.LeftButton)
    assert f"Scalar level, unit {panel.unit_box.currentText()}<" in panel.card.text()


def test_where_names_the_lecture_units_by_their_numbers(qtbot):
    """The lecture network's formulas say δ₄ and w₄₇; the Where column says unit 4 and 4 → 7."""
    panel, _ = _panel(qtbot, "lecture-3-3-3.ffn", "1, 0.5, -1", "1, 0, 0")
    _click(qtbot, panel, "end")
    model = panel.table_model
    wheres = {model.index(r, 2).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    assert any(w == "unit 4" and f.startswith("δ₄") for w, f in wheres.items())
    assert any(w == "4 → 7" and "w₄₇" in f for w, f in wheres.items())
    panel, _ = _panel(qtbot, "xor.ffn", "1, 0", "1")  # no labels: node ids and indices, as before
    _click(qtbot, panel, "end")
    model = panel.table_model
    wheres = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert "h1[0]" in wheres and not any(w.startswith("unit") for w in wheres)
