"""The properties panel: each change is one undo entry; the panel follows the selection."""
from __future__ import annotations

import numpy as np
import pytest

from core.activations import ACTIVATIONS
from core.parameters import bias_key, weight_key
from designer.canvas import CanvasView
from designer.canvas.view import example_document
from designer.properties import PropertiesPanel


@pytest.fixture
def panel(qtbot):
    doc = example_document("xor")
    canvas = CanvasView(doc)
    p = PropertiesPanel(doc, canvas)
    qtbot.addWidget(canvas)
    qtbot.addWidget(p)
    p.resize(320, 600)
    p.show()
    return p


def page(panel) -> str:
    return next(k for k, w in panel.pages.items() if w is panel.stack.currentWidget())


def test_follows_the_selection(panel):
    c = panel.canvas
    assert page(panel) == "empty"
    c.select_nodes(["h1"])
    assert page(panel) == "node" and panel.node_page.name_edit.text() == "hidden 1"
    c.select_nodes(["h1", "out"])
    assert page(panel) == "multi" and "2 nodes" in panel.multi_page.multi_title.text()
    c.select_edge("c1", 0, 2)
    assert page(panel) == "edge"
    w = panel.doc.params[weight_key("c1")][2, 0]
    assert panel.edge_page.weight_box.value() == pytest.approx(w, abs=1e-4)
    assert f"{w:.10g}" in panel.edge_page.weight_exact.text()
    c.clear_selection()
    c.canvas_scene.conn_items["c2"].setSelected(True)
    assert page(panel) == "connection" and "4 × 1 = 4 edges" in panel.conn_page.conn_info.text()


def test_units_change_is_one_entry_and_keeps_weights(panel, qtbot):
    doc = panel.doc
    panel.canvas.select_nodes(["h1"])
    W = doc.params[weight_key("c1")].copy()
    panel.node_page.units_box.setValue(6)
    assert doc.spec.nodes["h1"].units == 6 and doc.undo_stack.count() == 1
    assert np.array_equal(doc.params[weight_key("c1")][:4], W)
    panel.node_page.units_box.setValue(7)                    # the arrows again: merges
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert panel.node_page.units_box.value() == 4            # the panel follows undo


def test_every_activation_is_offered_with_its_parameters(panel):
    doc = panel.doc
    panel.canvas.select_nodes(["h1"])
    offered = [panel.node_page.act_combo.itemData(k) for k in range(panel.node_page.act_combo.count())]
    assert offered == list(ACTIVATIONS)
    view = panel.node_page.act_combo.view()
    assert view.isRowHidden(offered.index("softmax"))          # softmax only on the output
    panel.node_page.act_combo.setCurrentIndex(offered.index("leaky_relu"))
    panel.node_page.act_combo.activated.emit(offered.index("leaky_relu"))
    assert doc.spec.nodes["h1"].activation == "leaky_relu"
    box = panel.node_page.param_boxes["gamma"]
    assert panel.node_page.node_form.isRowVisible(box) and box.value() == pytest.approx(0.01)
    assert not panel.node_page.node_form.isRowVisible(panel.node_page.param_boxes["beta"])
    assert "γ" in panel.node_page.formula.text()
    box.setValue(0.2)
    assert doc.spec.nodes["h1"].activation_params == {"gamma": 0.2}
    panel.node_page.act_combo.activated.emit(offered.index("swish"))
    assert panel.node_page.node_form.isRowVisible(panel.node_page.param_boxes["beta"])
    assert doc.spec.nodes["h1"].activation_params == {}
    assert doc.undo_stack.count() == 3
    panel.canvas.select_nodes(["out"])
    assert not panel.node_page.act_combo.view().isRowHidden(offered.index("softmax"))


def test_loss_and_activation_stay_compatible_and_problems_show(panel):
    doc = panel.doc
    said = []
    panel.canvas.message.connect(said.append)
    panel.canvas.select_nodes(["out"])
    assert panel.node_page.node_form.isRowVisible(panel.node_page.loss_combo)
    k = panel.node_page.loss_combo.findData("ce")
    panel.node_page.loss_combo.activated.emit(k)                # 1 output unit: core says why not
    assert doc.spec.nodes["out"].loss == "bce" and "at least 2" in said[-1]
    assert panel.node_page.loss_combo.currentData() == "bce"    # the panel shows what is, not what was tried
    panel.node_page.units_box.setValue(3)
    panel.node_page.loss_combo.activated.emit(k)
    node = doc.spec.nodes["out"]
    assert node.loss == "ce" and node.activation == "softmax"
    offered = [panel.node_page.act_combo.itemData(i) for i in range(panel.node_page.act_combo.count())]
    panel.node_page.act_combo.activated.emit(offered.index("tanh"))
    assert node.activation == "tanh" and node.loss == "mse" and "squared error" in said[-1]
    panel.node_page.loss_combo.activated.emit(panel.node_page.loss_combo.findData(None))
    assert not panel.node_page.node_problems.isHidden() and "no loss" in panel.node_page.node_problems.text()
    assert doc.undo_stack.count() == 4


def test_bias_switch_initialiser_and_name(panel):
    doc = panel.doc
    panel.canvas.select_nodes(["h1"])
    panel.node_page.bias_check.setChecked(False)
    assert bias_key("h1") not in doc.params
    panel.node_page.init_combo.activated.emit(panel.node_page.init_combo.findData("he_normal"))
    assert doc.spec.nodes["h1"].init == "he_normal"
    panel.node_page.name_edit.setText("features")
    panel.node_page.name_edit.editingFinished.emit()
    assert doc.spec.nodes["h1"].name == "features"
    assert panel.node_page.node_title.text() == "features"
    assert doc.undo_stack.count() == 3
    panel.canvas.select_nodes(["in"])
    assert not panel.node_page.node_form.isRowVisible(panel.node_page.act_combo)        # an input only has features


def test_edge_weight_and_remove_restore(panel):
    doc = panel.doc
    panel.canvas.select_edge("c2", 3, 0)
    panel.edge_page.weight_box.setValue(1.5)
    assert doc.params[weight_key("c2")][0, 3] == 1.5
    panel.edge_page.weight_box.setValue(1.6)                  # arrows: one entry
    assert doc.undo_stack.count() == 1
    panel.edge_page.edge_toggle.click()
    assert (3, 0) in doc.spec.connections["c2"].removed
    assert panel.edge_page.edge_toggle.text() == "Restore edge" and not panel.edge_page.weight_box.isEnabled()
    panel.edge_page.edge_toggle.click()
    assert doc.spec.connections["c2"].removed == []
    assert doc.undo_stack.count() == 3


def test_unit_bias(panel):
    doc = panel.doc
    panel.canvas.select_nodes(["h1"])
    panel.canvas.canvas_scene.select_unit("h1", 2)
    assert panel.node_page.node_form.isRowVisible(panel.node_page.unit_bias)
    panel.node_page.unit_bias.setValue(-0.3)
    assert doc.params[bias_key("h1")][2] == -0.3


def test_restore_all_edges_and_reinitialise(panel):
    doc = panel.doc
    from designer import commands as cmd
    doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c1", 0, 0, False))
    doc.undo_stack.push(cmd.SetEdgeCommand(doc, "c1", 1, 3, False))
    panel.canvas.canvas_scene.conn_items["c1"].setSelected(True)
    assert panel.conn_page.restore_all.isEnabled()
    panel.conn_page.restore_all.click()
    assert doc.spec.connections["c1"].removed == [] and doc.undo_stack.count() == 3
    trained = {k: v + 1 for k, v in doc.params.items()}
    doc.set_params(trained)
    panel.canvas.select_nodes(["out"])
    panel.node_page.reinit_node.click()
    assert not np.array_equal(doc.params[weight_key("c2")], trained[weight_key("c2")])
    assert np.array_equal(doc.params[weight_key("c1")], trained[weight_key("c1")])
    panel.reinit_all.click()
    assert not np.array_equal(doc.params[weight_key("c1")], trained[weight_key("c1")])
    assert doc.undo_stack.count() == 5


def test_refusal_is_said_on_the_canvas_status(panel):
    said = []
    panel.canvas.message.connect(said.append)
    panel.canvas.select_nodes(["out"])
    panel.doc.params.pop(bias_key("out"))      # a state the panel could not have offered
    panel.canvas.canvas_scene.select_unit("out", 0)
    panel.node_page.unit = ("out", 0)
    from designer import commands as cmd
    assert not panel._push(lambda: cmd.SetBiasCommand(panel.doc, "out", 0, 1.0))
    assert said and "no bias" in said[-1]
