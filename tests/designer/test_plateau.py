"""A loss that will not fall gets a hint over the canvas, with a button that does what it says."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import TrainingSettings
from designer.mainwindow import MainWindow

WAIT = 60_000


def test_the_old_start_on_xor_gets_a_hint_and_its_button_raises_the_learning_rate(qtbot, tmp_path):
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.001}, 32, 0.0, 0, 100),
                     DataSource(name="xor"), {}, None, None)
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.document.replace(nf)
    w.resize(1280, 800)
    w.show()
    w.training_controls.speed.setCurrentText("Fastest")
    banner = w.plateau_banner
    assert not banner.isVisible()
    qtbot.mouseClick(w.training_controls.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(banner.isVisible, timeout=WAIT)
    assert "ε = 0.001" in banner.message.text() and banner.apply.text() == "ε × 10"
    qtbot.waitUntil(lambda: w.training.state != "running", timeout=WAIT)
    qtbot.mouseClick(banner.apply, Qt.MouseButton.LeftButton)
    assert w.document.training.hyper["lr"] == pytest.approx(0.01)
    assert not banner.isVisible()
    assert w.document.undo_stack.text(w.document.undo_stack.index() - 1) == "Learning rate 0.001 → 0.01"
    w.document.model.mark_saved()
    w.close()
