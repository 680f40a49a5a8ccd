"""The canvas tied to training and the optimiser lab, driven as a person does (designer.lab.canvas_link).

Thumbnails after a training step equal core's unit planes; the optimiser
internals colour the edges and "off" restores the weights; the activation
explorer follows the selected layer and sets its activation in one undo
entry; two edges' context menus choose the landscape's axes.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtWidgets import QMessageBox

from core.files import load_network, save_network
from core.model import compile_model
from core.probes import plane_activations
from designer.mainwindow import MainWindow
from designer.resources import examples_dir

from canvas_helpers import click


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    path = tmp_path / "xor.ffn"
    save_network(path, load_network(examples_dir() / "xor.ffn"))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave=False)
    w.resize(1400, 900)
    w.files.open_path(path)
    w.show()
    qtbot.waitExposed(w)
    w.canvas.fit()
    yield w
    land = w.canvas_link.landscape
    if land is not None:
        land.wait()
    w.document.model.mark_saved()
    w.close()
    w.deleteLater()


def _step(qtbot, w) -> None:
    n = w.training.last.step if w.training.last is not None else -1
    w.training.actions["step_batch"].trigger()
    qtbot.waitUntil(lambda: w.training.last is not None and w.training.last.step > n
                    and w.training.state != "running", timeout=30_000)


def _hidden(w) -> str:
    return next(n.id for n in w.document.spec.nodes.values() if n.kind == "layer")


def _edge_mid(w, cid: str, i: int, j: int) -> QPointF:
    item = w.canvas.canvas_scene.conn_items[cid]
    t = 0.4
    return QPointF(item.x_src + t * (item.x_dst - item.x_src), item.y_src[i] + t * (item.y_dst[j] - item.y_src[i]))


def test_thumbnails_after_a_step_equal_cores_unit_planes_and_a_click_shows_one_large(qtbot, window):
    w = window
    link = w.canvas_link
    assert link.thumbnails_action in w.view_menu.actions()
    link.thumbnails_action.trigger()
    _step(qtbot, w)
    nid = _hidden(w)
    item = w.canvas.canvas_scene.node_items[nid]
    qtbot.waitUntil(lambda: item.has_thumbnails() and w.training.last.unit_planes is not None, timeout=20_000)
    qtbot.waitUntil(lambda: w.training.state != "running")
    snap = w.training.last
    info = snap.info
    assert info.mode == "plane"
    expected = plane_activations(compile_model(info.spec, snap.params), info.unit_grid, info.features,
                                 info.standardizer)[nid]
    np.testing.assert_allclose(item.planes, expected, rtol=1e-9, atol=1e-12)
    assert len(item.thumbnails()) == w.document.spec.nodes[nid].units

    click(w.canvas, item.unit_center(1))         # the second unit, clicked on the canvas
    boundary = w.training_panels["Data and boundary"]
    assert boundary.colour_by.currentData() == (nid, 1)

    link.thumbnails_action.trigger()             # off: plain units again
    assert not item.has_thumbnails()


def test_internals_overlay_colours_the_edges_and_off_restores_the_weights(qtbot, window):
    w = window
    dock = w.lab_docks["Optimiser internals"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: bool(dock.property("built")))
    internals = dock.widget()
    _step(qtbot, w)
    qtbot.waitUntil(lambda: internals.model is not None, timeout=20_000)   # fed by the paused trainer
    assert "paused at step" in internals.source_label.text()
    cid = next(iter(w.document.spec.connections))
    item = w.canvas.canvas_scene.conn_items[cid]
    weights = {p.color().name() for p, _ in item._buckets(item._last_k)[0]}

    internals.set_quantity("grad")
    scale = w.canvas.edge_overlay_scale()
    assert scale is not None and scale.signed
    np.testing.assert_allclose(item.overlay, internals.overlay()[f"W:{cid}"])
    assert {p.color().name() for p, _ in item._buckets(item._last_k)[0]} != weights

    internals.set_quantity("lr")                 # positive: a sequential (log) scale
    assert not w.canvas.edge_overlay_scale().signed

    internals.set_quantity(None)
    assert w.canvas.edge_overlay_scale() is None and item.overlay is None
    assert {p.color().name() for p, _ in item._buckets(item._last_k)[0]} == weights


def test_explorer_follows_the_selected_layer_and_sets_its_activation_in_one_undo_entry(qtbot, window):
    w = window
    dock = w.lab_docks["Activation explorer"]
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: bool(dock.property("built")))
    explorer = dock.widget()
    stack = w.document.undo_stack
    n0 = stack.count()

    explorer.apply_activation.emit("relu")       # nothing selected: refused, said why
    assert stack.count() == n0
    assert "Select a layer" in w.statusBar().currentMessage()

    nid = _hidden(w)
    node = w.document.spec.nodes[nid]
    item = w.canvas.canvas_scene.node_items[nid]
    click(w.canvas, item.unit_center(0))
    assert explorer.current() == node.activation
    z = w.canvas_link.preactivations(nid)
    assert z is not None and z.shape[1] == node.units          # before training: from core
    assert explorer._z is not None and explorer._z.size == z.size

    old = node.activation
    explorer.apply_activation.emit("relu")
    assert stack.count() == n0 + 1
    assert w.document.spec.nodes[nid].activation == "relu"
    stack.undo()
    assert w.document.spec.nodes[nid].activation == old


def test_two_edges_context_menus_set_the_landscape_axes(qtbot, window):
    w = window
    canvas = w.canvas
    cid = next(iter(w.document.spec.connections))
    chosen = []
    for axis, (i, j) in ((1, (0, 0)), (2, (1, 2))):
        pos = _edge_mid(w, cid, i, j)
        click(canvas, pos)
        assert canvas.selection().edge == (cid, i, j)
        menu = canvas.context_menu(pos)
        action = next(a for a in menu.actions() if a.text().startswith(f"Use as landscape axis w{'₁₂'[axis - 1]}"))
        action.trigger()
        chosen.append((cid, i, j))
    land = w.canvas_link.landscape
    assert land is not None and not w.lab_docks["Loss landscape"].isHidden()
    assert [(e.connection, e.i, e.j) for e in land.axes()] == chosen
    assert land.wait()


def test_drawn_points_are_the_one_data_every_consumer_sees(tmp_path, capsys):
    """On xor.ffn with 20 drawn points the lab saw 200 samples while the stepper saw 20:
    training, the stepper, the lab panels and the command line now prepare the same data."""
    from core.cli import main
    from core.data.source import DataSource
    from core.files import load_network, save_network
    from core.live import TrainingEngine
    from core.snapshot import Job
    from designer.document import Document
    from designer.lab.common import document_data
    from designer.stepper.samples import stepper_data

    nf = load_network(examples_dir() / "xor.ffn")
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, size=(20, 2))
    points = {"X": X.tolist(), "y": [int(a * b > 0) for a, b in X], "task": "classification",
              "class_names": ["0", "1"], "name": "drawn"}
    doc = Document(nf)
    data = DataSource.from_dict({**doc.data.to_dict(), "points": points, "test_fraction": 0.0})
    doc.set_data(data=data)
    lab_train, _ = document_data(doc)
    stepper = stepper_data(doc)
    assert len(lab_train) == len(stepper.train) == 20
    assert np.array_equal(lab_train.X, stepper.train.X)
    path = tmp_path / "drawn.ffn"
    save_network(path, doc.to_file())
    assert main(["train", str(path), "--epochs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["train_samples"] == 20
    from core.live import QueueChannel
    engine = TrainingEngine(QueueChannel(), lambda kind, payload: None)
    info = engine._build(Job(doc.spec.copy(), dict(doc.params), doc.data, doc.training))[0]
    assert info.n_train == 20
