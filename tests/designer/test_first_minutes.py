"""A student's first five minutes: New, build XOR with the mouse, Play with the defaults, and it learns."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from canvas_helpers import centre, drag, drag_from_palette, port
from designer.mainwindow import MainWindow


WAIT = 60_000


def test_new_then_xor_built_with_the_mouse_learns_with_the_defaults(qtbot, tmp_path, monkeypatch):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)      # File ▸ New
    doc = w.document
    assert doc.spec.nodes == {} and doc.data.name == "xor"
    w.training_controls.speed.setCurrentText("Fastest")                        # not needed to learn
    inp = drag_from_palette(w, monkeypatch, "input", (-250.0, 0.0))
    hidden = drag_from_palette(w, monkeypatch, "layer", (0.0, 0.0))           # 4 units, as offered
    out = drag_from_palette(w, monkeypatch, "output", (250.0, 0.0))
    assert doc.spec.nodes[hidden].units == 4
    drag(w.canvas, port(w.canvas, inp, "out"), port(w.canvas, hidden, "in"))
    drag(w.canvas, port(w.canvas, hidden, "out"), centre(w.canvas, out))
    assert doc.can_train(), doc.problems
    qtbot.waitUntil(lambda: w.training_controls.buttons["play"].isEnabled(), timeout=WAIT)
    qtbot.mouseClick(w.training_controls.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.training.state == "done", timeout=WAIT)
    last = w.training.record.current.epochs[-1]
    assert last.epoch == doc.training.epochs == 100
    assert last.test_metric >= 0.95, last
    doc.model.mark_saved()
    w.close()


def test_new_leaves_nothing_of_the_last_networks_training_on_screen(qtbot, tmp_path):
    """New kept the old "100 epochs done" bar and status line."""
    from designer.resources import default_example
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.show()
    w.files.open_path(default_example(), example=True)
    c = w.training_controls
    c.speed.setCurrentText("Fastest")
    qtbot.waitUntil(lambda: c.buttons["play"].isEnabled(), timeout=WAIT)
    qtbot.mouseClick(c.buttons["step_epoch"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.training.last is not None and w.training.last.epoch == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "Epoch 1" in c.status.text(), timeout=WAIT)
    w.document.model.mark_saved()
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)      # File ▸ New
    assert w.document.spec.nodes == {}
    assert not c.progress.isVisible() and c.status.text() == ""
    assert "Epoch" not in w._training_status.text()
    assert w.training.record.runs == []
    w.close()
