"""The check at the end of a lesson step: predict a number, pick an option, or reach a state.

The right answer is never stored in the widget: pressing Check asks the
engine (a callable the panel passes, over the open document), so a student
is compared with the value the program itself computes, to the tolerance
the lesson states. A wrong answer offers the lesson's hints one at a time,
then the answer itself (with the lesson's explanation).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from core.lessons import Check, GoalResult, within_tolerance
from core.lessons.syntax import parse_number

__all__ = ["CheckBox"]

#: Colours of the feedback line (readable in the light and the dark theme).
RIGHT, WRONG = "#2e8b3e", "#c0392b"


class CheckBox(QWidget):
    """One step's question with its input, Check, Hint and Show answer buttons.

    Signals
    -------
    passed()
        The student answered right (or reached the goal).
    revealed()
        The answer was shown (the panel brings the stepper's card forward).
    """

    passed = Signal()
    revealed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.check: Check | None = None
        self.language = "en"
        self.engine: Callable[[Check], float | GoalResult] | None = None
        self._hints_shown = 0
        self._tries = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel(wordWrap=True)
        self.question.setObjectName("lessonQuestion")
        lay.addWidget(self.question)
        self.answer_edit = QLineEdit()
        self.answer_edit.setPlaceholderText(self.tr("Your prediction, e.g. 0.25"))
        self.answer_edit.returnPressed.connect(self.submit)
        self.options = QVBoxLayout()
        self.option_group = QButtonGroup(self)
        lay.addWidget(self.answer_edit)
        lay.addLayout(self.options)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.submit)
        self.hint_button = QPushButton(self.tr("Hint"))
        self.hint_button.clicked.connect(self.show_hint)
        self.answer_button = QPushButton(self.tr("Show answer"))
        self.answer_button.clicked.connect(self.reveal)
        for b in (self.check_button, self.hint_button, self.answer_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.feedback = QLabel(wordWrap=True)
        self.feedback.setObjectName("lessonFeedback")
        lay.addWidget(self.feedback)
        self.hints = QLabel(wordWrap=True)
        lay.addWidget(self.hints)

    def set_check(self, check: Check | None, language: str,
                  engine: Callable[[Check], float | GoalResult] | None) -> None:
        """Show ``check`` (None: hide everything) in ``language``; ``engine`` computes the answer."""
        self.check, self.language, self.engine = check, language, engine
        self._hints_shown = self._tries = 0
        self.feedback.clear()
        self.hints.clear()
        self.answer_edit.clear()
        for button in self.option_group.buttons():
            self.option_group.removeButton(button)
            self.options.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.setVisible(check is not None)
        if check is None:
            return
        self.question.setText(check.question.get(language))
        self.answer_edit.setVisible(check.kind == "predict")
        for k, option in enumerate(check.options):
            button = QRadioButton(option.get(language))
            self.option_group.addButton(button, k)
            self.options.addWidget(button)
        self.check_button.setText(self.tr("Check") if check.kind != "reach" else self.tr("Check my network"))
        self.hint_button.setEnabled(bool(check.hints))
        self.answer_button.setVisible(check.kind != "reach")

    def _say(self, text: str, right: bool | None) -> None:
        colour = "" if right is None else (RIGHT if right else WRONG)
        self.feedback.setStyleSheet(f"color: {colour};" if colour else "")
        self.feedback.setText(text)

    def submit(self) -> None:
        """Compare the student's answer with the engine's; say right or wrong."""
        check = self.check
        if check is None or self.engine is None:
            return
        try:
            if check.kind == "choice":
                self._judge(self.option_group.checkedId() == check.answer, self.option_group.checkedId() >= 0)
            elif check.kind == "reach":
                self._reach(check)
            else:
                self._predict(check)
        except ValueError as e:
            self._say(self.tr("The engine cannot answer this here: {0}").format(str(e)), None)

    def _predict(self, check: Check) -> None:
        text = self.answer_edit.text().strip()
        if not text:
            self._say(self.tr("Type a number first."), None)
            return
        try:
            typed = parse_number(text)
        except ValueError:
            self._say(self.tr("{0} is not a number.").format(text), False)
            return
        value = float(self.engine(check))  # type: ignore[misc, arg-type]
        right = within_tolerance(typed, value, check.tolerance, check.relative)
        self._judge(right, True, self.tr("Right: the engine computes {0}.").format(f"{value:.6g}") if right
                    else self.tr("Not quite: {0} is off by more than {1}.").format(text, self._tolerance()))

    def _reach(self, check: Check) -> None:
        """Train a copy from the network as it is, with the student's settings, for the lesson's steps."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # up to a few seconds on a big network
        try:
            result = self.engine(check)  # type: ignore[misc]
        finally:
            QApplication.restoreOverrideCursor()
        assert isinstance(result, GoalResult)
        self._judge(result.reached, True,
                    self.tr("Reached after {0} steps from here.").format(result.steps) if result.reached
                    else self.tr("Not reached within {0} steps from here with these settings.").format(check.steps))

    def _tolerance(self) -> str:
        check = self.check
        assert check is not None
        return f"{check.tolerance * 100:g}%" if check.relative else f"{check.tolerance:g}"

    def _judge(self, right: bool, answered: bool, text: str = "") -> None:
        if not answered:
            self._say(self.tr("Choose an answer first."), None)
            return
        self._tries += 1
        if right:
            self._say(text or self.tr("Right."), True)
            self.passed.emit()
            return
        more = self.tr(" Try again, or take a hint.") if self._hints_shown < len(self.check.hints) else ""
        self._say((text or self.tr("Not quite.")) + more, False)

    def show_hint(self) -> None:
        """The next hint (they add up below the feedback)."""
        check = self.check
        if check is None or self._hints_shown >= len(check.hints):
            return
        self._hints_shown += 1
        shown = [f"{self.tr('Hint')} {k + 1}: {h.get(self.language)}" for k, h in
                 enumerate(check.hints[:self._hints_shown])]
        self.hints.setText("\n".join(shown))
        self.hint_button.setEnabled(self._hints_shown < len(check.hints))

    def reveal(self) -> None:
        """Show the answer: the engine's value (or the right option) and the lesson's explanation."""
        check = self.check
        if check is None or self.engine is None:
            return
        try:
            if check.kind == "choice":
                answer = check.options[int(check.answer or 0)].get(self.language)
            else:
                answer = f"{float(self.engine(check)):.6g}"  # type: ignore[arg-type]
        except ValueError as e:
            self._say(self.tr("The engine cannot answer this here: {0}").format(str(e)), None)
            return
        text = self.tr("The answer: {0}").format(answer)
        if check.explain:
            text += "\n" + check.explain.get(self.language)
        self._say(text, None)
        self.revealed.emit()
