"""The stepper's walk without its widgets: WalkController on a document, and the optimiser state after an update.

The controller is what the panel's widgets drive; here it is driven
directly, as a lesson or a script would, and checked with the lecture
network's numbers (x = (1, 0.5, −1), y = (1, 0, 0): 58 neuron-level steps,
the loss after step 22, δ₄ = −0.01305 at step 29).
"""
from __future__ import annotations

import numpy as np
import pytest

from core.files import load_network
from core.model import compile_model
from core.optim import make_optimizer
from core.trainer import TrainingSettings
from designer import commands as cmd
from designer.document import Document
from designer.stepper.session import SampleError, StepSession
from designer.stepper.walk import ACTION_KEYS, WalkController

EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "examples"
X, Y = np.array([1.0, 0.5, -1.0]), np.array([1.0, 0.0, 0.0])


def _walk(qapp, name: str = "lecture-3-3-3.ffn") -> tuple[WalkController, Document, list[str]]:
    doc = Document(load_network(EXAMPLES / name))
    walk = WalkController(doc)
    heard: list[str] = []
    walk.started.connect(lambda: heard.append("started"))
    walk.moved.connect(lambda: heard.append("moved"))
    walk.ended.connect(lambda why: heard.append(f"ended: {why}"))
    walk.stale.connect(lambda: heard.append("stale"))
    return walk, doc, heard


def test_a_walk_moves_and_says_what_may_be_done_next(qapp):
    walk, _doc, heard = _walk(qapp)
    assert walk.available() == dict.fromkeys(ACTION_KEYS, False)  # no walk: nothing to do
    s = walk.start(X, Y, "typed values")
    assert walk.session is s and heard == ["started"] and len(s.steps) == 58
    assert walk.available() == {"reset": False, "back": False, "forward": True, "end": True,
                                "end_forward": True, "apply": True}
    walk.step_forward()
    walk.step_forward()
    walk.step_back()
    assert s.position == 1 and heard == ["started", "moved", "moved", "moved"]
    walk.run_to_end_of_forward()
    assert s.position == s.end_of("loss") and s.current.phase == "loss"
    assert not walk.available()["end_forward"] and walk.available()["back"]
    walk.seek(29)
    assert s.current.symbol.startswith("δ₄") and s.current.result == pytest.approx(-0.01305, abs=1e-5)
    n = len(heard)
    walk.seek(29)  # no change, no signal
    assert len(heard) == n
    walk.run_to_end()
    assert s.at_end and not walk.available()["forward"] and not walk.available()["end"]
    walk.reset()
    assert s.position == 0


def test_the_level_is_kept_between_walks_and_switching_keeps_the_place(qapp):
    walk, _doc, heard = _walk(qapp)
    walk.set_level("scalar")  # no walk yet: the next one starts there
    assert walk.level == "scalar" and heard == []
    s = walk.start(X, Y, "typed")
    assert s.level == "scalar" and (s.unit.node, s.unit.index) == ("out", 0)
    walk.set_level("neuron")
    walk.seek(29)  # δ₄
    walk.set_level("scalar")
    assert (s.unit.node, s.unit.index) == ("hidden", 0)
    assert s.current.phase == "backward" and s.current.where == "hidden"
    walk.select_unit("out", 2)
    assert (s.unit.node, s.unit.index) == ("out", 2)
    with pytest.raises(ValueError):
        walk.select_unit("in", 0)  # an input unit computes nothing


def test_unit_choices_name_the_lecture_units_by_their_numbers(qapp):
    walk, _doc, _ = _walk(qapp)
    assert walk.unit_choices() == []
    walk.start(X, Y, "typed")
    assert walk.unit_choices() == [("unit 4", ("hidden", 0)), ("unit 5", ("hidden", 1)), ("unit 6", ("hidden", 2)),
                                   ("unit 7", ("out", 0)), ("unit 8", ("out", 1)), ("unit 9", ("out", 2))]
    walk, _doc, _ = _walk(qapp, "xor.ffn")  # no labels: node ids and indices
    walk.start(np.array([1.0, 0.0]), np.array([1.0]), "typed")
    names = [name for name, _ in walk.unit_choices()]
    assert names[0] == "h1[0]" and names[-1] == "out"


def test_the_network_is_checked_before_the_sample(qapp):
    doc = Document()
    walk = WalkController(doc)
    with pytest.raises(SampleError, match="Build a network first"):
        walk.check_network()
    walk, _doc, _ = _walk(qapp)
    walk.check_network()  # the lecture network can be walked
    with pytest.raises(ValueError):
        walk.start(np.array([1.0, 2.0]), Y, "typed")  # two inputs for three
    assert walk.session is None


def test_outside_changes_end_the_walk_and_stale_messages_are_dropped(qapp):
    walk, doc, heard = _walk(qapp)
    walk.start(X, Y, "typed")
    doc.undo_stack.push(cmd.SetWeightCommand(doc, "c1", 0, 0, 0.7))
    assert walk.session is None and heard[-1] == "ended: The weights changed (training, an edit or undo)."
    doc.undo_stack.undo()  # no walk: weights changing again says nothing
    assert heard[-1].startswith("ended")
    doc.set_data(training=TrainingSettings(optimizer="adam"))
    assert heard[-1] == "stale"  # no walk: a message about the old data would mislead
    walk.start(X, Y, "typed")
    doc.set_data(training=TrainingSettings(optimizer="sgd", hyper={"lr": 0.5}))
    assert walk.session is None and heard[-1] == "ended: The data or the training settings changed."


def test_apply_update_is_one_undo_entry_and_keeps_nothing_stale(qapp):
    walk, doc, heard = _walk(qapp)
    s = walk.start(X, Y, "typed")
    expected = s.new_params()
    n = doc.undo_stack.count()
    state = walk.apply_update()
    assert doc.undo_stack.count() == n + 1 and doc.undo_stack.undoText().startswith("Apply backprop update (")
    for k, v in expected.items():
        np.testing.assert_array_equal(doc.params[k], v)
    np.testing.assert_allclose(doc.params["W:c2"][0, 0], 0.3 + 0.5 * 0.05616, atol=1e-5)  # w₄₇ ← 0.3 − 0.5 · (−0.05616)
    assert walk.session is s and not any(h.startswith("ended") for h in heard)  # its own update keeps the walk
    assert state["name"] == "sgd" and state["t"] == 1
    doc.undo_stack.undo()
    assert walk.session is None  # undo is an outside change


@pytest.mark.parametrize("name", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_the_state_after_an_update_is_the_optimisers_own_step(name):
    """optimizer_state_after (core's preview) equals, bit for bit, what stepping a real optimiser leaves."""
    nf = load_network(EXAMPLES / "lecture-3-3-3.ffn")
    training = TrainingSettings(optimizer=name, hyper={"lr": 0.1})
    model = compile_model(nf.spec, nf.params)
    opt = make_optimizer(name, [model.theta], [model.grad], lr=0.1)
    rng = np.random.default_rng(3)
    for _ in range(4):  # some memory to continue from
        model.grad[...] = rng.normal(size=model.grad.shape)
        opt.step()
    before = opt.state_dict()
    s = StepSession(nf.spec, nf.params, training, X, Y, optimizer_state=before)
    after = s.optimizer_state_after()
    model = compile_model(nf.spec, nf.params)  # the snapshot's weights, the warm-up's memory
    opt = make_optimizer(name, [model.theta], [model.grad], lr=0.1)
    opt.load_state_dict(before)
    model.loss_and_grad(X[None, :], Y[None, :])  # this sample's gradient
    opt.step()
    real = opt.state_dict()
    assert after["name"] == name and after["t"] == real["t"] == 5 and after["hyper"] == real["hyper"]
    assert set(after["state"][0]) == set(real["state"][0])
    for k, v in real["state"][0].items():
        np.testing.assert_array_equal(after["state"][0][k], v)
    assert s.optimizer.t == 4  # previewing changed nothing
