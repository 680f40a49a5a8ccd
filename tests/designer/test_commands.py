"""Undo commands: each edit is one entry, undo restores the exact spec and weights."""
from __future__ import annotations

import numpy as np
import pytest

from core.parameters import bias_key, init_parameters, weight_key
from core.spec import Node, SpecError, sequential
from designer import commands as cmd
from designer.document import Document


def _doc_with(spec) -> Document:
    doc = Document()
    with doc.batch():
        for n in spec.nodes.values():
            doc.add_node(n)
        for c in spec.connections.values():
            doc.model.connect(c.src, c.dst, c.id)
    doc.undo_stack.clear()
    doc.model.mark_saved()
    return doc


def _state(doc: Document):
    return doc.spec.to_dict(), {k: v.copy() for k, v in doc.params.items()}


def _same(a, b) -> bool:
    (sa, pa), (sb, pb) = a, b
    return sa == sb and pa.keys() == pb.keys() and all(np.array_equal(pa[k], pb[k]) for k in pa)


@pytest.fixture
def doc(qapp):
    return _doc_with(sequential([2, 4, 1]))


def test_add_and_connect_undo_redo(qapp):
    doc = Document()
    push = doc.undo_stack.push
    push(cmd.AddNodeCommand(doc, Node("in", "input", 2, bias=False)))
    push(cmd.AddNodeCommand(doc, Node("h", "layer", 4, "tanh")))
    push(cmd.AddNodeCommand(doc, Node("out", "output", 1, "logistic", loss="bce")))
    push(cmd.ConnectCommand(doc, "in", "h"))
    push(cmd.ConnectCommand(doc, "h", "out"))
    full = _state(doc)
    assert doc.can_train()
    assert doc.undo_stack.count() == 5
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.spec.to_dict() == {"nodes": [], "connections": []} and doc.params == {}
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert _same(_state(doc), full)


def test_connect_refuses_a_cycle_before_pushing(doc):
    with pytest.raises(SpecError, match="itself"):
        cmd.ConnectCommand(doc, "h1", "h1")
    with pytest.raises(SpecError, match="output"):
        cmd.ConnectCommand(doc, "out", "h1")
    doc.undo_stack.push(cmd.AddNodeCommand(doc, Node("n", "neuron", 1, "relu")))
    doc.undo_stack.push(cmd.ConnectCommand(doc, "h1", "n"))
    with pytest.raises(SpecError, match="cycle: .*hidden 1.*→"):
        cmd.ConnectCommand(doc, "n", "h1")
    assert doc.undo_stack.count() == 2


def test_delete_restores_order_and_trained_weights(doc):
    doc.set_params({k: v + 0.5 for k, v in doc.params.items()})   # as if trained
    before = _state(doc)
    doc.undo_stack.push(cmd.delete_command(doc, ["h1"]))
    assert list(doc.spec.nodes) == ["in", "out"] and not doc.spec.connections
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _same(_state(doc), before)
    doc.undo_stack.redo()
    doc.undo_stack.undo()
    assert _same(_state(doc), before)


def test_mask_and_restore_an_edge(doc):
    W0 = doc.params[weight_key("c1")].copy()
    doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c1", 1, 2, False))
    assert (1, 2) in doc.spec.connections["c1"].removed
    assert doc.params[weight_key("c1")][2, 1] == 0.0
    doc.undo_stack.undo()
    assert np.array_equal(doc.params[weight_key("c1")], W0)
    doc.undo_stack.redo()
    doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c1", 1, 2, True))
    assert doc.params[weight_key("c1")][2, 1] == W0[2, 1]   # core's seeded fresh value
    with pytest.raises(SpecError, match="already there"):
        cmd.SetEdgeCommand(doc, "c1", 1, 2, True)


def test_typed_weight_and_bias(doc):
    doc.undo_stack.push(cmd.SetWeightCommand(doc, "c1", 0, 3, "-1.25"))
    assert doc.params[weight_key("c1")][3, 0] == -1.25
    doc.undo_stack.push(cmd.SetBiasCommand(doc, "h1", 2, 0.5))
    assert doc.params[bias_key("h1")][2] == 0.5
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _same(_state(doc), _state(_doc_with(sequential([2, 4, 1]))))
    with pytest.raises(SpecError, match="finite"):
        cmd.SetWeightCommand(doc, "c1", 0, 0, float("nan"))
    with pytest.raises(SpecError, match="no bias"):
        cmd.SetBiasCommand(doc, "in", 0, 1.0)


def test_units_change_keeps_weights_and_undo_gives_back_dropped_rows(doc):
    doc.set_params({k: v + 1.0 for k, v in doc.params.items()})
    before = _state(doc)
    doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c2", 3, 0, False))
    after_mask = _state(doc)
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"units": 2}))
    W1 = doc.params[weight_key("c1")]
    assert W1.shape == (2, 2) and np.array_equal(W1, before[1][weight_key("c1")][:2])
    assert doc.spec.connections["c2"].removed == []     # the mark fell outside
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"units": 6}))   # merges: 4 -> 6
    assert doc.params[weight_key("c1")].shape == (6, 2)
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert _same(_state(doc), after_mask)
    doc.undo_stack.undo()
    assert _same(_state(doc), before)


def test_spin_box_edits_merge(doc):
    for u in (5, 6, 7):
        doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"units": u}))
    assert doc.undo_stack.count() == 1 and doc.spec.nodes["h1"].units == 7
    doc.undo_stack.undo()
    assert doc.spec.nodes["h1"].units == 4
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"name": "a"}))
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"name": "b"}))
    assert doc.undo_stack.count() == 2


def test_properties_refused_or_flagged(doc):
    with pytest.raises(SpecError, match="units"):
        cmd.SetNodePropsCommand(doc, "h1", {"units": 0})
    with pytest.raises(SpecError, match="no parameter"):
        cmd.SetNodePropsCommand(doc, "h1", {"activation": "relu", "activation_params": {"gamma": 1.0}})
    with pytest.raises(SpecError, match="needs a logistic output"):
        cmd.SetNodePropsCommand(doc, "out", {"activation": "tanh"})     # a file could not hold it
    with pytest.raises(SpecError, match="only offered on the output"):
        cmd.SetNodePropsCommand(doc, "h1", {"activation": "softmax"})
    with pytest.raises(SpecError, match="only the output"):
        cmd.AddNodeCommand(doc, Node("x", "layer", 2, loss="mse"))
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "out", {"loss": None}))
    assert any("has no loss" in p.message for p in doc.problems)       # flagged, not refused
    doc.undo_stack.undo()
    assert doc.can_train()


def test_activation_with_learned_gamma_and_bias_switch_undo(doc):
    before = _state(doc)
    doc.undo_stack.push(cmd.SetNodePropsCommand(
        doc, "h1", {"activation": "prelu", "activation_params": {"gamma": 0.1}}))
    assert np.allclose(doc.params["gamma:h1"], 0.1)
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, "h1", {"bias": False}))
    assert bias_key("h1") not in doc.params
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _same(_state(doc), before)


def test_moves_merge_per_drag_and_vanish_when_back_home(doc):
    d = cmd.new_drag_id()
    for x in (10, 20, 30):
        doc.undo_stack.push(cmd.MoveNodesCommand(doc, {"h1": (x, 5)}, drag_id=d))
    assert doc.undo_stack.count() == 1 and doc.spec.nodes["h1"].meta["pos"] == [30, 5]
    doc.undo_stack.undo()
    assert doc.spec.nodes["h1"].meta["pos"] == [200.0, 0.0]
    doc.undo_stack.redo()
    d2 = cmd.new_drag_id()
    doc.undo_stack.push(cmd.MoveNodesCommand(doc, {"h1": (50, 50)}, drag_id=d2))
    doc.undo_stack.push(cmd.MoveNodesCommand(doc, {"h1": (30, 5)}, drag_id=d2))
    assert doc.undo_stack.count() == 1       # the second drag ended where it began


def test_reinitialise_node_and_all(doc):
    fresh = _state(doc)
    doc.set_params({k: v * 3 + 1 for k, v in doc.params.items()})
    trained = _state(doc)
    doc.undo_stack.push(cmd.ReinitialiseCommand(doc, ["out"]))
    assert np.array_equal(doc.params[weight_key("c2")], fresh[1][weight_key("c2")])
    assert np.array_equal(doc.params[weight_key("c1")], trained[1][weight_key("c1")])
    doc.undo_stack.push(cmd.ReinitialiseCommand(doc))
    assert _same(_state(doc), fresh)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert _same(_state(doc), trained)


def test_paste_adds_nodes_connections_and_weights_in_one_entry(doc):
    n1 = Node("p1", "layer", 3, "relu", meta={"pos": [0, 300]})
    n2 = Node("p2", "neuron", 1, "tanh", meta={"pos": [200, 300]})
    from core.spec import Connection
    conn = Connection("pc", "p1", "p2", removed=[(1, 0)])
    W = np.array([[0.5, 0.0, -0.5]])
    doc.undo_stack.push(cmd.paste_command(doc, [n1, n2], [conn], {weight_key("pc"): W,
                                                                   bias_key("p2"): np.array([0.25])}))
    assert doc.undo_stack.count() == 1
    assert np.array_equal(doc.params[weight_key("pc")], W)
    assert doc.params[bias_key("p2")][0] == 0.25
    doc.undo_stack.undo()
    assert "p1" not in doc.spec.nodes
    doc.undo_stack.redo()
    assert np.array_equal(doc.params[weight_key("pc")], W)


def test_structure_signal_once_per_macro(doc, qtbot):
    seen = []
    doc.structure_changed.connect(lambda: seen.append(1))
    doc.undo_stack.push(cmd.delete_command(doc, ["in", "h1", "out"]))
    assert len(seen) == 1
    doc.undo_stack.undo()
    assert len(seen) == 2


def test_init_parameters_equal_to_core(doc):
    expected = init_parameters(doc.spec, doc.seed)
    assert all(np.array_equal(doc.params[k], expected[k]) for k in expected)


def test_restoring_several_edges_in_one_entry_gives_each_its_weight(doc):
    fresh = doc.params[weight_key("c1")].copy()
    for i, j in ((0, 0), (1, 3), (0, 2)):
        doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c1", i, j, False))
    masked = _state(doc)
    doc.undo_stack.push(cmd.restore_edges_command(doc, "c1"))
    assert doc.spec.connections["c1"].removed == []
    assert np.array_equal(doc.params[weight_key("c1")], fresh)
    doc.undo_stack.undo()
    assert _same(_state(doc), masked)
    doc.undo_stack.redo()
    assert np.array_equal(doc.params[weight_key("c1")], fresh)


def test_new_random_weights_uses_the_next_seed_and_undoes_exactly():
    """Re-initialise repeats the seed's weights; New random weights draws the next seed's."""
    from core.files import load_network
    from core.parameters import init_parameters
    from designer.commands import NewWeightsCommand, ReinitialiseCommand
    from designer.resources import examples_dir
    doc = Document(load_network(examples_dir() / "xor.ffn"))
    trained = {k: v + 0.5 for k, v in doc.params.items()}
    doc.set_params(trained)
    seed = doc.seed
    doc.undo_stack.push(NewWeightsCommand(doc))
    assert doc.seed == doc.training.seed == seed + 1
    for k, v in init_parameters(doc.spec, seed + 1).items():
        np.testing.assert_array_equal(doc.params[k], v)
    assert not np.array_equal(doc.params["W:c1"], init_parameters(doc.spec, seed)["W:c1"])
    assert doc.to_file().training.seed == seed + 1  # saved with the file
    doc.undo_stack.push(ReinitialiseCommand(doc))  # the same seed gives the same weights again
    for k, v in init_parameters(doc.spec, seed + 1).items():
        np.testing.assert_array_equal(doc.params[k], v)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.seed == seed
    for k, v in trained.items():
        np.testing.assert_array_equal(doc.params[k], v)
