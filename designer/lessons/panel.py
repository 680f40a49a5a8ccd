"""The Lessons panel: the course's lessons, one step at a time, with checks the engine answers.

A dock a person opens from Help ▸ Lessons (F1). On top the lessons (a
drop-down list, to leave the room to the text) with each one's progress
(checks passed of checks, remembered in QSettings);
below, the step's title and text (Markdown through QTextDocument, Unicode
maths, a size that can be raised for a projector), its check
(:class:`CheckBox`) and Back / Restart step / Next. Entering a step carries
out its actions on the window (:class:`LessonDriver`); a lesson file can
also be opened from disk or dropped on the panel.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel,
                               QPushButton, QTextBrowser, QVBoxLayout, QWidget)

from core.lessons import (Check, GoalResult, Lesson, LessonError, compute, network_path, reach, read_lesson,
                          shipped_lessons)
from core.lessons.engine import step_position

from .. import i18n
from .check_box import CheckBox
from .driver import LessonDriver
from .progress import Progress

__all__ = ["LessonsPanel"]

#: Text sizes offered (points), for a laptop up to a projector.
SIZES = (11, 12, 14, 16, 20, 24)


def _hard_breaks(markdown: str) -> str:
    """Every line of a lesson's text on its own line (formulas are written one a line), as Markdown."""
    return "\n".join(line + "  " if line.strip() else line for line in markdown.splitlines())


class LessonsPanel(QWidget):
    """The course and the open lesson. ``window`` is the main window the lessons act on.

    Signals
    -------
    step_shown(int)
        A step (0-based) of the current lesson is on screen, its actions done.
    """

    step_shown = Signal(int)

    def __init__(self, window: Any, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.settings = settings if settings is not None else QSettings()
        self.progress = Progress(self.settings)
        self.driver = LessonDriver(window, self)
        self.lessons: list[Lesson] = []
        self.lesson: Lesson | None = None
        self.index = 0
        self.language = "zh" if i18n.chosen_language(self.settings).startswith("zh") else "en"
        self.setAcceptDrops(True)
        self._build()
        for path in shipped_lessons():
            self._add(path, report=False)
        self._fill_list()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.addLayout(self._build_top())
        self.lesson_box = QComboBox()   # its list shows every lesson with its progress
        self.lesson_box.setPlaceholderText(self.tr("Choose a lesson…"))
        self.lesson_box.setToolTip(self.tr("The lessons, with the checks you passed in each"))
        self.lesson_box.currentIndexChanged.connect(self._lesson_chosen)
        self.lesson_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lesson_box.setMinimumContentsLength(12)   # long titles must not widen the window's left column
        self.position = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.lesson_box, 1)
        row.addWidget(self.position)
        lay.addLayout(row)
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("lessonStepTitle")
        lay.addWidget(self.title)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        lay.addWidget(self.text, 1)
        self.check_box = CheckBox()
        self.check_box.passed.connect(self._passed)
        self.check_box.revealed.connect(self._show_card)
        lay.addWidget(self.check_box)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #c0392b;")
        lay.addWidget(self.problem)
        nav = QHBoxLayout()
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.clicked.connect(self.back)
        self.restart_button = QPushButton(self.tr("Restart step"))
        self.restart_button.setToolTip(self.tr("Do this step's actions again (reopening its network) and clear "
                                               "its answer"))
        self.restart_button.clicked.connect(self.restart_step)
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.clicked.connect(self.next)
        for w in (self.back_button, self.restart_button, self.next_button):
            nav.addWidget(w)
        nav.addStretch(1)
        lay.addLayout(nav)
        size = int(self.settings.value("lessons/text_size", 14) or 14)
        self.size_box.setCurrentIndex(SIZES.index(size) if size in SIZES else SIZES.index(14))
        self._size_chosen()
        self._welcome()

    def _build_top(self) -> QHBoxLayout:
        """Open a lesson, the lesson's language and the text size (larger for a projector)."""
        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open lesson…"))
        self.open_button.setToolTip(self.tr("Open a lesson file (.md) from disk; you can also drop one here"))
        self.open_button.clicked.connect(self.open_dialog)
        self.language_box = QComboBox()
        self.language_box.addItem("English", "en")
        self.language_box.addItem("中文", "zh")
        self.language_box.setCurrentIndex(1 if self.language == "zh" else 0)
        self.language_box.setToolTip(self.tr("The language of the lesson's text"))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.size_box = QComboBox()
        for size in SIZES:
            self.size_box.addItem(self.tr("{0} pt").format(size), size)
        self.size_box.setToolTip(self.tr("Text size (larger for a projector)"))
        self.size_box.currentIndexChanged.connect(self._size_chosen)
        for w in (self.open_button, self.language_box, self.size_box):
            top.addWidget(w)
        top.addStretch(1)
        return top

    def _welcome(self) -> None:
        """Before a lesson is chosen: what the panel is for (nothing is done to the window yet)."""
        self.title.setText(self.tr("Lessons"))
        self.text.setMarkdown(self.tr(
            "The lecture, step by step. Choose a lesson above: each step shows the network and the panel "
            "it talks about and ends with a question the program checks.\n\n"
            "Open your own lesson with **Open lesson…** or drop a lesson file here."))
        self.check_box.set_check(None, self.language, None)
        for b in (self.back_button, self.restart_button, self.next_button):
            b.setEnabled(False)
        self.position.clear()

    # --- the course ---------------------------------------------------------------------------

    def _add(self, path: Path, report: bool = True) -> Lesson | None:
        try:
            lesson = read_lesson(path)
        except LessonError as e:
            if report:
                self.problem.setText(str(e))
            return None
        for k, old in enumerate(self.lessons):
            if old.path == lesson.path:
                self.lessons[k] = lesson
                return lesson
        self.lessons.append(lesson)
        return lesson

    def _item_text(self, lesson: Lesson) -> str:
        checks = [k for k, s in enumerate(lesson.steps) if s.check is not None]
        done = len(self.progress.passed(lesson.key) & set(checks))
        mark = "✓ " if checks and done == len(checks) else ""
        number = lesson.key.split("-", 1)[0]
        number = f"{int(number)}. " if number.isdigit() else ""
        # the progress first: a long title is cut off in a narrow dock
        return f"{mark}{number}({done}/{len(checks)}) {lesson.title.get(self.language)}"

    def _fill_list(self) -> None:
        box = self.lesson_box
        box.blockSignals(True)
        current = box.currentIndex()
        box.clear()
        for k, lesson in enumerate(self.lessons):
            box.addItem(self._item_text(lesson))
            box.setItemData(k, str(lesson.path or ""), Qt.ItemDataRole.ToolTipRole)
        box.setCurrentIndex(current)
        box.blockSignals(False)

    def open_path(self, path: str | Path) -> bool:
        """Open the lesson file at ``path`` (added to the list) at the step the student left it."""
        lesson = self._add(Path(path))
        if lesson is None:
            return False
        self._fill_list()
        self.lesson_box.setCurrentIndex(self.lessons.index(lesson))
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open lesson"), "",
                                              self.tr("Lessons (*.md);;All files (*)"))
        if path:
            self.open_path(path)

    def _lesson_chosen(self, row: int) -> None:
        if 0 <= row < len(self.lessons):
            self.start(self.lessons[row])

    def start(self, lesson: Lesson, step: int | None = None) -> None:
        """Show ``lesson`` at ``step`` (default: where the student left it)."""
        self.lesson = lesson
        self.driver.sample = None
        first = self.progress.step(lesson.key) if step is None else step
        first = min(max(first, 0), len(lesson.steps) - 1)
        self._replay(first)  # the networks, settings and sample the earlier steps set up
        self.show_step(first, act=True)

    # --- steps --------------------------------------------------------------------------------

    def _replay(self, upto: int) -> None:
        """Before starting at a later step: the earlier steps' networks, samples and settings."""
        assert self.lesson is not None
        for step in self.lesson.steps[:upto]:
            for action in step.actions:
                if action.verb in ("open", "sample", "set"):
                    self._perform(action, reopen=False)

    def _perform(self, action, reopen: bool) -> bool:
        assert self.lesson is not None
        if action.verb == "open" and not reopen and self._already_open(action):
            return True
        try:
            self.driver.perform(action, self.lesson)
        except (ValueError, OSError) as e:
            line = self.tr("Line {0}: {1}: {2}").format(action.line, action.text(), str(e))
            self.problem.setText((self.problem.text() + "\n" + line).strip())
            return False
        return True

    def _already_open(self, action) -> bool:
        assert self.lesson is not None
        try:
            return Path(self.window.files.source or "").resolve() == network_path(action, self.lesson).resolve()
        except (ValueError, OSError, TypeError):
            return False

    def show_step(self, index: int, act: bool = True, reopen: bool = False) -> None:
        """Show step ``index`` of the lesson; with ``act``, carry out its actions first."""
        lesson = self.lesson
        if lesson is None:
            return
        self.index = index = min(max(index, 0), len(lesson.steps) - 1)
        self.progress.set_step(lesson.key, index)
        step = lesson.steps[index]
        self.problem.clear()
        if act:
            for action in step.actions:
                self._perform(action, reopen)
            own = self.driver.dock("Lessons")
            if own is not None and own.isVisible():  # a panel shown may share its tab group
                self.window.bring_to_front(own)
        self._render()
        self.step_shown.emit(index)

    def _render(self) -> None:
        lesson = self.lesson
        if lesson is None:
            self._welcome()
            return
        step = lesson.steps[self.index]
        lang = self.language
        self.title.setText(f"{self.index + 1}. {step.title.get(lang)}")
        intro = lesson.intro.get(lang) if self.index == 0 else ""
        self.text.setMarkdown(_hard_breaks("\n\n".join(t for t in (intro, step.body.get(lang)) if t)))
        self.check_box.set_check(step.check, lang, self._engine)
        done = self.index in self.progress.passed(lesson.key)
        self.position.setText(self.tr("Step {0} of {1}").format(self.index + 1, len(lesson.steps))
                              + ("  ✓" if done else ""))
        self.restart_button.setEnabled(True)
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(lesson.steps) - 1)

    def next(self) -> None:
        self.show_step(self.index + 1)

    def back(self) -> None:
        self.show_step(self.index - 1)

    def restart_step(self) -> None:
        """Do the step's actions again, reopening its network, and clear its answer."""
        self.show_step(self.index, act=True, reopen=True)

    def _engine(self, check: Check) -> float | GoalResult:
        """The engine's answer on the network as it is now in the window."""
        situation = self.driver.situation()
        if check.kind == "reach":
            assert check.goal is not None
            return reach(check.goal, check.steps, situation)
        assert check.quantity is not None
        return compute(check.quantity, situation, check.level)

    def _passed(self) -> None:
        if self.lesson is not None:
            self.progress.mark_passed(self.lesson.key, self.index)
            self._fill_list()
            self._render_position()
            self._show_card()

    def _render_position(self) -> None:
        assert self.lesson is not None
        self.position.setText(self.tr("Step {0} of {1}").format(self.index + 1, len(self.lesson.steps)) + "  ✓")

    def _show_card(self) -> None:
        """Answered or shown: the stepper's chain-rule card for the step asked about, when a walk is on."""
        stepper = self.window.stepper
        check = self.check_box.check
        if getattr(stepper, "session", None) is None or check is None or check.quantity is None:
            return
        try:
            position = step_position(check.quantity, self.driver.situation(), check.level)
        except ValueError:
            return
        if position is not None:
            stepper.set_level(check.level)
            stepper.seek(position + 1)
            dock = self.driver.dock("Backprop stepper")
            if dock is not None:
                self.window.bring_to_front(dock)

    # --- language, size, drops -----------------------------------------------------------------

    def _language_chosen(self, _index: int) -> None:
        self.language = self.language_box.currentData() or "en"
        self._fill_list()
        self._render()

    def _size_chosen(self, *_: object) -> None:
        size = int(self.size_box.currentData() or 14)
        self.settings.setValue("lessons/text_size", size)
        font = QFont(self.font())
        font.setPointSize(size)
        self.text.document().setDefaultFont(font)
        self.check_box.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSize(size + 2)
        self.title.setFont(bold)

    @staticmethod
    def dropped_lesson(event: QDragEnterEvent | QDropEvent) -> Path | None:
        """The lesson file (``.md``) a drag carries, if any (the main window takes drops too)."""
        mime = event.mimeData()
        for url in mime.urls() if mime.hasUrls() else ():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".md"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.dropped_lesson(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self.dropped_lesson(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

