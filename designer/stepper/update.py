"""Apply update: the optimiser's previewed step, shown per parameter, applied as one undo entry."""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.parameters import Params

from .session import StepSession
from .table import StepTableModel, make_step_table


class ApplyUpdateCommand(QUndoCommand):
    """Write the stepper's previewed update into the document; undo restores the old weights."""

    def __init__(self, document, before: Params, after: Params, text: str = ""):
        super().__init__(text or QCoreApplication.translate("ApplyUpdateCommand", "Apply backprop update"))
        self.doc = document
        self.before = {k: v.copy() for k, v in before.items()}
        self.after = {k: v.copy() for k, v in after.items()}

    def redo(self) -> None:
        self.doc.set_params(self.after)

    def undo(self) -> None:
        self.doc.set_params(self.before)


class UpdateTableModel(StepTableModel):
    """The update preview: one row per scalar parameter."""

    COLUMNS = (QT_TRANSLATE_NOOP("StepTable", "Parameter"), QT_TRANSLATE_NOOP("StepTable", "Rule"),
               QT_TRANSLATE_NOOP("StepTable", "With numbers"), QT_TRANSLATE_NOOP("StepTable", "New value"))

    @staticmethod
    def _text(s, col: int) -> str:
        if col == 0:
            # The parameter is the left side of the rule's last assignment: "...; θ ← θ − ..."
            # (Adam's rule first assigns s and r, Momentum's v).
            return s.symbol.rsplit(" ← ", 1)[0].split(";")[-1].strip() if " ← " in s.symbol else s.where
        if col == 1:
            return s.symbol
        if col == 2:
            return s.numbers
        from .table import fmt
        return fmt(s.result)


class UpdateDialog(QDialog):
    """What Apply update will do to every parameter; Apply pushes one undo command."""

    def __init__(self, session: StepSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Apply update"))
        self.session = session
        steps = session.update_steps()
        lay = QVBoxLayout(self)
        count = (self.tr("{0} parameter:") if len(steps) == 1 else self.tr("{0} parameters:")).format(len(steps))
        head = QLabel(f"<b>{html.escape(session.describe_optimizer())}</b><br>"
                      + self.tr("Each parameter moves by the optimiser's rule using this sample's gradient "
                                "(∂L/∂θ from the backward pass).") + " " + count)
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(head)
        self.model = UpdateTableModel(self)
        self.model.set_steps(steps, len(steps))
        self.table = make_step_table(self.model, self)
        for c, w in enumerate((90, 330, 500, 80)):
            self.table.setColumnWidth(c, w)
        lay.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setToolTip(self.tr("Write the new values into the network (one step in Edit ▸ Undo)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(1040, 420)
