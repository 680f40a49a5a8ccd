"""The two ways the program lost work, reproduced through the real window, and shown gone.

1. Play on the XOR example, drag in a new layer, Save As: the save failed with
   "the optimiser state 's' has shape (17,), but the network has 21 parameters".
2. Move a node, Step epoch, Ctrl+Z: the document said it was saved, closing did
   not ask, and the trained weights were lost; undoing a typed weight after
   training put its pre-training value next to trained ones.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from canvas_helpers import centre, drag, drag_from_palette, port
from core.files import load_network, save_network
from core.optim_state import OptimizerMemory
from designer.mainwindow import MainWindow
from designer.resources import examples_dir

WAIT = 30_000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The XOR example opened from a copy, in a shown, active main window."""
    path = tmp_path / "xor.ffn"
    save_network(path, load_network(examples_dir() / "xor.ffn"))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    w.resize(1280, 800)
    w.files.open_path(path)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.test_path = path
    yield w
    w.document.model.mark_saved()
    w.close()
    w.deleteLater()


def _click(qtbot, w: MainWindow, key: str) -> None:
    qtbot.mouseClick(w.training_controls.buttons[key], Qt.MouseButton.LeftButton)


def _train(qtbot, w: MainWindow, steps: int) -> None:
    """Play until at least ``steps`` steps, then pause with the same button."""
    ctl = w.training
    _click(qtbot, w, "play")
    qtbot.waitUntil(lambda: ctl.last is not None and (ctl.last.step >= steps or ctl.state != "running"),
                    timeout=WAIT)
    if ctl.state == "running":                      # it may have reached its epochs already
        _click(qtbot, w, "play")
    qtbot.waitUntil(lambda: ctl.state != "running", timeout=WAIT)
    qtbot.waitUntil(lambda: doc_trained(w), timeout=WAIT)


def doc_trained(w: MainWindow) -> bool:
    """The stretch's undo entry is on the stack (it is pushed when the snapshot says paused)."""
    stack = w.document.undo_stack
    return stack.count() > 0 and stack.text(stack.count() - 1).startswith("Train")


def _save_as(qtbot, w: MainWindow, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_S, CTRL | SHIFT)


def test_play_then_a_new_layer_then_save_as_saves_and_reopens_the_same(window, qtbot, monkeypatch, tmp_path):
    w, doc = window, window.document
    _train(qtbot, w, 60)
    assert doc.optimizer is not None and doc.optimizer.t > 0
    layer = drag_from_palette(w, monkeypatch, "layer", (0.0, 260.0))
    out = tmp_path / "with-layer.ffn"
    _save_as(qtbot, w, monkeypatch, out)
    assert not doc.is_modified() and doc.path == out.resolve()
    back = load_network(out)
    assert layer in back.spec.nodes
    # now connected (real port drags), saved again: the moments of old weights kept, new ones zero
    inputs = [n for n in doc.spec.nodes if doc.spec.nodes[n].kind == "input"][0]
    output = doc.spec.output_node.id
    drag(w.canvas, port(w.canvas, inputs, "out"), port(w.canvas, layer, "in"))
    drag(w.canvas, port(w.canvas, layer, "out"), centre(w.canvas, output))
    assert doc.can_train()
    out2 = tmp_path / "connected.ffn"
    _save_as(qtbot, w, monkeypatch, out2)
    back = load_network(out2)
    memory = OptimizerMemory.from_state_dict(back.optimizer_state, back.spec)
    assert memory is not None and memory.equals(doc.optimizer)
    new_keys = [k for k in memory.arrays["s"] if layer in k]
    assert new_keys and all(not memory.arrays["s"][k].any() for k in new_keys)
    doc.model.forget_saved()
    assert w.autosaver.tick() is not None           # autosave writes the same document
    assert layer in load_network(w.autosaver.snapshot_path).spec.nodes
    # and training goes on from there without an error
    _train(qtbot, w, w.training.last.step + 20)
    assert not w.training_controls.training_error.isVisible()


def test_undo_after_training_never_marks_trained_weights_saved_nor_mixes_them(window, qtbot):
    w, doc = window, window.document
    saved = {k: v.copy() for k, v in doc.params.items()}
    inp = next(n for n in doc.spec.nodes if doc.spec.nodes[n].kind == "input")
    a = centre(w.canvas, inp)
    drag(w.canvas, a, QPointF(a.x() - 40, a.y() + 30))             # move a node
    assert doc.is_modified()
    _click(qtbot, w, "step_epoch")
    qtbot.waitUntil(lambda: w.training.state == "paused" and w.training.last.epoch >= 1, timeout=WAIT)
    qtbot.waitUntil(lambda: doc.undo_stack.text(doc.undo_stack.count() - 1).startswith("Train"),
                    timeout=WAIT)
    trained = {k: v.copy() for k, v in doc.params.items()}
    assert any(not np.array_equal(trained[k], saved[k]) for k in saved)

    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)           # undoes the training first, as a whole
    assert all(np.array_equal(doc.params[k], saved[k]) for k in saved)
    assert doc.history is None or len(doc.history.step_loss) == 0
    assert doc.is_modified() and w.isWindowModified()             # the move is still unsaved
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)           # undoes the move: this is what was saved
    assert not doc.is_modified() and not w.isWindowModified()
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL | SHIFT)   # both back: trained, and unsaved again
    assert all(np.array_equal(doc.params[k], trained[k]) for k in trained)
    assert doc.is_modified() and w.isWindowModified()
    assert w.autosaver.tick() is not None           # autosave keeps them


def test_undoing_a_typed_weight_after_training_never_mixes_old_and_trained_values(window, qtbot):
    w, doc = window, window.document
    cid = next(iter(doc.spec.connections))
    key = f"W:{cid}"
    w.canvas.select_edge(cid, 0, 0)
    box = w.properties.edge_page.weight_box
    box.selectAll()
    qtbot.keyClicks(box, "2.5")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert doc.params[key][0, 0] == pytest.approx(2.5)
    typed = {k: v.copy() for k, v in doc.params.items()}
    _train(qtbot, w, 40)
    assert not np.array_equal(doc.params[key], typed[key])
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)           # the training goes, whole
    assert all(np.array_equal(doc.params[k], typed[k]) for k in typed)
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)           # then the typed weight
    original = load_network(w.test_path).params
    assert all(np.array_equal(doc.params[k], original[k]) for k in original)
    assert not doc.is_modified()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_opening_a_network_whose_data_is_hostile_never_freezes_the_window(window, qtbot, tmp_path, kind):
    """File ▸ Open read the whole data path to preview it: a FIFO froze the window, /dev/zero ran
    out of memory. Now it is refused at once and the CSV box says why."""
    import os
    import signal

    from core.data.source import DataSource

    if kind == "fifo":
        target = tmp_path / "pipe.csv"
        os.mkfifo(target)
    else:
        target = "/dev/zero" if kind == "dev-zero" else tmp_path
    nf = load_network(window.test_path)
    nf.data = DataSource(name="csv", path=str(target))
    hostile = tmp_path / "hostile.ffn"
    save_network(hostile, nf)

    def stuck(*_):
        raise TimeoutError("the window froze on the data path")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    try:
        assert window.files.open_path(hostile)
        window.training_dock.raise_()
        for _ in range(5):
            QApplication.processEvents()
        qtbot.waitUntil(lambda: window.training_controls.training_error.isVisible(), timeout=WAIT)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert str(target) in window.training_controls.training_error.text()
    assert window.training_controls.csv_preview.rowCount() == 0     # nothing was read to preview
