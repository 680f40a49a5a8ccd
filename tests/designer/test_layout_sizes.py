"""The window at a laptop's and a projector's sizes: nothing outside it, no label cut, room for the canvas."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget

from designer.mainwindow import MainWindow
from designer.resources import default_example


def _in_scroll_area(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisible() and not w.visibleRegion().isEmpty()  # a dock tabbed behind another is not seen


def problems(top: QWidget) -> list[str]:
    """Widgets outside the window, and single-line labels and buttons narrower than their text."""
    out = []
    frame = QRect(QPoint(0, 0), top.size())
    for w in top.findChildren(QWidget):
        if not _shown(w, top) or _in_scroll_area(w, top) or w.window() is not top:
            continue
        r = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
        if isinstance(w, (QLabel, QAbstractButton)) and not frame.contains(r):
            out.append(f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r} "
                       f"outside the window at {r}")
        if isinstance(w, QLabel) and not w.wordWrap() and w.text():
            need = w.fontMetrics().horizontalAdvance(w.text()) if "<" not in w.text() else 0
            if need > w.width() + 1:
                out.append(f"label {w.text()!r} cut: {w.width()} px for {need}")
    return out


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_window_is_usable_at_laptop_and_projector_sizes(qtbot, tmp_path, size):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.files.open_path(default_example(), example=True)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    for _ in range(5):
        QApplication.processEvents()
    assert (w.width(), w.height()) == size
    assert problems(w) == []
    canvas = w.canvas
    share = canvas.width() * canvas.height() / (size[0] * size[1])
    assert share >= 0.2, f"the canvas has {share:.0%} of the window"
    w.close()


def test_the_check_finds_a_cut_label_and_a_button_outside(qtbot):
    from PySide6.QtWidgets import QPushButton
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(200, 100)
    label = QLabel("a label far too long for its forty pixels", top)
    label.setGeometry(0, 0, 40, 20)
    button = QPushButton("out", top)
    button.setGeometry(180, 90, 60, 30)
    top.show()
    qtbot.waitExposed(top)
    found = problems(top)
    assert any("cut" in p for p in found) and any("outside" in p and "'out'" in p for p in found)
