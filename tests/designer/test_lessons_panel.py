"""The Lessons panel as a student uses it: F1, a lesson chosen, predictions typed (wrong, then
right) with real key clicks, hints, Next, progress remembered; lessons 4 and 6 all the way through."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from core.lessons import PANELS
from designer.lessons import LessonsPanel
from designer.mainwindow import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings=settings, autosave=False)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.document.model.mark_saved()  # nothing left to ask about
    w.training.shutdown()
    w.close()
    w.deleteLater()


def _choose(panel: LessonsPanel, number: str) -> None:
    """Click the lesson whose file starts with ``number`` in the list."""
    row = next(k for k, lesson in enumerate(panel.lessons) if lesson.key.startswith(number))
    panel.lesson_box.setCurrentIndex(row)


def _predict(qtbot, panel: LessonsPanel, text: str) -> str:
    """Type a prediction with key clicks and press Enter; the feedback line."""
    edit = panel.check_box.answer_edit
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return panel.check_box.feedback.text()


def _wrong_then_right(qtbot, panel: LessonsPanel, wrong: str, right: str, value: str) -> None:
    feedback = _predict(qtbot, panel, wrong)
    assert feedback.startswith("Not quite"), feedback
    assert panel.index not in panel.progress.passed(panel.lesson.key)
    feedback = _predict(qtbot, panel, right)
    assert feedback == f"Right: the engine computes {value}.", feedback
    assert panel.index in panel.progress.passed(panel.lesson.key)


def test_f1_and_help_lessons_open_the_panel(qtbot, window):
    assert not window.lessons_dock.isVisible()
    assert window.actions["lessons"].shortcut().toString() == "F1"
    window.activateWindow()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F1)
    qtbot.waitUntil(window.lessons_dock.isVisible)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.actions["lessons"] in help_menu.actions()
    assert window.lessons.lesson_box.count() >= 3 and window.lessons.check_box.isHidden()   # nothing chosen yet


def test_every_panel_a_lesson_may_show_is_a_dock(window):
    for title in PANELS:
        assert window.lessons.driver.dock(title) is not None, title


def test_lesson_4_as_a_student(qtbot, window, settings):
    window.show_lessons()
    panel = window.lessons
    _choose(panel, "04")
    assert window.files.source.name == "single-neuron.ffn"
    assert window.canvas.selected_node_ids() == ["y"]
    _wrong_then_right(qtbot, panel, "0.2", "0.18", "0.18")
    qtbot.mouseClick(panel.check_box.hint_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.hints.text() == "Hint 1: First compute y = 0.8 · 1.5 + 0.2 = 1.4."

    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert window.stepper.session is not None and window.stepper.level() == "neuron"
    _wrong_then_right(qtbot, panel, "1.5", "0.9", "0.9")
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    _wrong_then_right(qtbot, panel, "0.9", "0,6".replace(",", "."), "0.6")
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert window.document.training.optimizer == "sgd" and window.document.training.hyper["lr"] == 0.1
    _wrong_then_right(qtbot, panel, "0.8", "0.71", "0.71")

    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)   # reach: train a copy from here
    qtbot.mouseClick(panel.check_box.check_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.feedback.text().startswith("Reached after ")

    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)   # multiple choice
    options = panel.check_box.option_group.buttons()
    qtbot.mouseClick(options[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_box.check_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.feedback.text().startswith("Not quite")
    qtbot.mouseClick(options[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_box.check_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.feedback.text() == "Right."
    assert not panel.next_button.isEnabled()
    assert panel.lesson_box.currentText() == "✓ 4. (6/6) Gradient descent on a linear neuron"

    again = LessonsPanel(window, settings)   # the next session remembers
    row = next(k for k, lesson in enumerate(again.lessons) if lesson.key.startswith("04"))
    assert again.lesson_box.itemText(row).startswith("✓ 4.")
    assert again.progress.step(again.lessons[row].key) == 5
    again.deleteLater()


def test_lesson_6_as_a_student(qtbot, window):
    window.show_lessons()
    panel = window.lessons
    _choose(panel, "06")
    assert window.files.source.name == "lecture-3-3-3.ffn"
    _wrong_then_right(qtbot, panel, "0.25", "-0.25", "-0.25")
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    _wrong_then_right(qtbot, panel, "0.128", "-0.1283", "-0.128273")
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    selection = window.canvas.selection()
    assert selection.edge is not None
    _wrong_then_right(qtbot, panel, "0.056", "-0.0562", "-0.0561611")
    panel.check_box.answer_edit.setText("−0.0562")   # a pasted Unicode minus counts too
    panel.check_box.submit()
    assert panel.check_box.feedback.text() == "Right: the engine computes -0.0561611."
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_box.answer_button, Qt.MouseButton.LeftButton)   # gives up: the answer
    assert panel.check_box.feedback.text() == "The answer: -0.0130457"
    assert window.stepper_dock.isVisible()   # with the stepper's card for that step
    assert "∂L/∂w₁₄ = a₁ δ₄" in window.stepper.card_html()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    _wrong_then_right(qtbot, panel, "0.3", "0.3281", "0.328081")


def test_chinese_text_and_a_bad_lesson_file(qtbot, window, tmp_path: Path):
    window.show_lessons()
    panel = window.lessons
    _choose(panel, "05")
    panel.language_box.setCurrentIndex(1)
    assert panel.title.text() == "1. 计算图的前向计算"
    assert panel.check_box.question.text().startswith("当 x = 1")
    bad = tmp_path / "bad.md"
    bad.write_text("# Bad | 坏\n## One | 一\n:::predcit\n:::\n", encoding="utf-8")
    assert not panel.open_path(bad)
    assert panel.problem.text() == f"{bad}:3: unknown directive :::predcit; one of :::en, :::zh, :::do, " \
                                   ":::predict, :::reach, :::choice"


def test_the_shipped_font_has_every_character_of_the_lessons(qapp):
    """The course's Chinese reads on a machine without a Chinese font (the subset is added then)."""
    from PySide6.QtGui import QRawFont

    from core.lessons import shipped_lessons
    from designer import i18n
    root = Path(__file__).resolve().parents[2]
    font = QRawFont(str(root / "resources" / "fonts" / i18n.FONT), 12)
    text = "".join(p.read_text(encoding="utf-8") for p in shipped_lessons())
    missing = sorted({c for c in text if 0x3000 <= ord(c) <= 0x9FFF or 0xFF00 <= ord(c) <= 0xFFEF}
                     - {c for c in text if font.supportsCharacter(ord(c))})
    assert missing == [], "run packaging/i18n/subset_font.py"


def test_a_lesson_file_dropped_on_the_window_opens_in_the_panel(qtbot, window, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mine = tmp_path / "mine.md"
    mine.write_text("# Mine | 我的\n## One | 一\n:::en\nHello\n:::\n:::zh\n你好\n:::\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(mine))])
    target = window.canvas.viewport()
    args = (QPointF(80, 80), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(*args)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.lessons.lesson is not None)
    assert window.lessons_dock.isVisible()
    assert window.lessons.lesson_box.currentText() == "(0/0) Mine"
    assert window.lessons.text.toPlainText() == "Hello"


def test_run_n_steps_trains_the_window_as_lesson_check_does(qtbot, window, tmp_path: Path):
    """'run 7 steps' goes through the window's training; the weight after it is the one lesson check computed."""
    from core.lessons import check_lesson
    lesson = tmp_path / "run.md"
    lesson.write_text("# Run | 训练\n## One | 一\n:::do\nopen example single-neuron.ffn\nrun 7 steps\n:::\n"
                      ":::predict\nquestion: w?\nquantity: value w\n:::\n", encoding="utf-8")
    expected = check_lesson(lesson).values[1]
    window.show_lessons()
    assert window.lessons.open_path(lesson)
    qtbot.waitUntil(lambda: window.document.history is not None and len(window.document.history.step_loss) >= 7,
                    timeout=20000)
    qtbot.waitUntil(lambda: window.training.state != "running", timeout=20000)
    assert len(window.document.history.step_loss) == 7
    qtbot.waitUntil(lambda: abs(float(window.document.params["W:w"][0, 0]) - expected) < 1e-12, timeout=5000)
    _wrong_then_right(qtbot, window.lessons, "0.8", f"{expected:.6f}", f"{expected:.6g}")


def test_lesson_3_more_units_reach_the_goal(qtbot, window):
    """The network beside the lesson opens with its CSV; 2 units miss the goal, 8 reach it."""
    from designer.commands.values import SetNodePropsCommand
    window.show_lessons()
    panel = window.lessons
    _choose(panel, "03")
    assert window.files.source.name == "03-approximation.ffn"
    assert window.document.spec.nodes["h1"].units == 2
    panel.show_step(2)
    assert panel.check_box.check.kind == "reach"
    qtbot.mouseClick(panel.check_box.check_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.feedback.text().startswith("Not reached within 3000 steps from here with these settings.")
    window.document.push(SetNodePropsCommand(window.document, "h1", {"units": 8}))
    qtbot.mouseClick(panel.check_box.check_button, Qt.MouseButton.LeftButton)
    assert panel.check_box.feedback.text().startswith("Reached after ")
