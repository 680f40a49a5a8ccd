"""The headless document: modified means 'differs from the last save', the optimiser's memory
follows structure edits as the weights do, any document saves, and training states round-trip."""
from __future__ import annotations

import numpy as np
import pytest

from core.data.source import DataSource
from core.document import DocumentModel, TrainingState
from core.files import NetworkFile, load_network, save_network
from core.model import compile_model
from core.optim_state import OptimizerMemory
from core.parameters import parameter_shapes
from core.spec import Node, sequential
from core.trainer import Trainer, TrainingSettings


def xor_file(optimizer: str = "adam") -> NetworkFile:
    spec = sequential([2, 4, 1], "tanh", "sigmoid", "bce")
    from core.parameters import init_parameters
    return NetworkFile(spec, init_parameters(spec, 0), TrainingSettings(optimizer, {"lr": 0.03}, 16, 0.0, 0, 0),
                       DataSource(name="xor", n=64), {}, None, None)


def train(doc: DocumentModel, steps: int) -> TrainingState:
    """What the training controller does at a stretch's end, headless: train, then put the state in."""
    model = compile_model(doc.spec, doc.params)
    prepared = doc.data.prepare(doc.spec.output_node.units)
    trainer = Trainer(model, prepared.train, None, TrainingSettings.from_dict(doc.training.to_dict()))
    if doc.optimizer_state is not None:
        trainer.optimizer.load_state_dict(doc.optimizer_state)
    for _ in range(steps):
        trainer.step()
    after = TrainingState(model.unflatten(model.theta.copy()),
                          OptimizerMemory.from_state_dict(trainer.optimizer.state_dict(), doc.spec),
                          trainer.history)
    doc.set_training_state(after)
    return after


def test_modified_is_a_comparison_with_the_last_save_whatever_the_path(tmp_path):
    doc = DocumentModel(xor_file())
    events = []
    doc.subscribe(lambda e, *a: events.append((e, *a)))
    assert not doc.is_modified()
    old = doc.move_nodes({"in": (10.0, 20.0)})
    assert doc.is_modified() and ("modified_changed", True) in events
    doc.move_nodes(old)  # moved back by hand: what is shown is what was saved
    assert not doc.is_modified() and events[-1] == ("modified_changed", False)
    before = doc.training_state()
    train(doc, 20)
    assert doc.is_modified()
    doc.set_training_state(before)  # the training undone
    assert not doc.is_modified()


def test_the_optimiser_memory_follows_a_new_layer_and_the_document_still_saves(tmp_path):
    """The reported loss: train with Adam, add a layer and connect it, save: it used to fail with
    "the optimiser state 's' has shape (17,), but the network has 21 parameters"."""
    doc = DocumentModel(xor_file("adam"))
    train(doc, 30)
    s_before = {k: v.copy() for k, v in doc.optimizer.arrays["s"].items()}
    doc.add_node(Node("extra", "layer", 4, "relu"))
    save_network(tmp_path / "a.ffn", doc.to_file())           # a node with no connection yet
    doc.connect("h1", "extra", "c9")
    doc.connect("extra", "out", "c10")
    save_network(tmp_path / "b.ffn", doc.to_file())
    mem = doc.optimizer
    assert set(mem.arrays["s"]) == set(parameter_shapes(doc.spec))
    for k, v in s_before.items():                               # kept where the parameter still fits
        assert np.array_equal(mem.arrays["s"][k], v), k
    assert not mem.arrays["s"]["W:c9"].any() and not mem.arrays["r"]["b:extra"].any()   # fresh where new
    doc.remove_node("extra")
    assert "W:c9" not in doc.optimizer.arrays["s"]               # dropped where gone
    back = load_network(tmp_path / "b.ffn")
    again = OptimizerMemory.from_state_dict(back.optimizer_state, back.spec)
    assert again is not None and again.equals(mem)


def test_a_layer_that_grows_keeps_its_moments_for_the_units_it_had():
    doc = DocumentModel(xor_file("momentum"))
    train(doc, 25)
    v = doc.optimizer.arrays[next(iter(doc.optimizer.arrays))]["W:c1"].copy()
    doc.update_node("h1", {"units": 6})
    w = doc.optimizer.arrays[next(iter(doc.optimizer.arrays))]["W:c1"]
    assert w.shape == (6, 2) and np.array_equal(w[:4], v) and not w[4:].any()


def test_new_data_or_a_new_seed_drops_the_memory_of_the_old_run():
    doc = DocumentModel(xor_file())
    train(doc, 10)
    assert doc.optimizer is not None
    doc.set_data(training=TrainingSettings.from_dict({**doc.training.to_dict(), "batch_size": 8}))
    assert doc.optimizer is not None                            # a live setting keeps it
    doc.set_data(data=DataSource(name="circles", n=64))
    assert doc.optimizer is None


def test_a_loaded_file_with_a_state_for_another_network_starts_the_optimiser_afresh():
    nf = xor_file()
    nf.optimizer_state = {"name": "adam", "hyper": {}, "t": 3, "state": [{"s": np.zeros(5), "r": np.zeros(5)}]}
    assert DocumentModel(nf).optimizer is None


@pytest.mark.parametrize("make", [
    lambda d: d.add_node(Node("lonely", "layer", 3, "tanh")),
    lambda d: d.remove_node("out"),
    lambda d: d.disconnect("c1"),
])
def test_any_document_saves_and_reopens_the_same(tmp_path, make):
    doc = DocumentModel(xor_file())
    train(doc, 5)
    make(doc)
    path = tmp_path / "x.ffn"
    save_network(path, doc.to_file())
    again = DocumentModel(load_network(path))
    assert again.fingerprint() == doc.fingerprint()
    assert [p.message for p in again.problems] == [p.message for p in doc.problems]
