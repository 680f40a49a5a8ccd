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
