"""A banner that explains a divergence: where NaN/Inf began and what usually helps.

It shows when the controller reports a divergence (training is then paused
and the document holds the last finite weights) and offers the two usual
remedies as buttons: a ten times smaller learning rate, or fresh weights.
It hides itself when training runs again.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.trainer import Divergence, TrainingSettings
from designer.training.commands import SetTraining
from core.snapshot import RUNNING


class DivergenceBanner(QFrame):
    """"Training diverged: …" with the advice and two remedies."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("divergence-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.transparent)
        self.setStyleSheet("#divergence-banner { background: #fdecea; border: 1px solid #d32f2f; "
                           "border-radius: 4px; } #divergence-banner QLabel { color: #611a15; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel("<b>Training diverged</b>: the numbers became infinite or NaN.")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.kept = QLabel("Training is paused; the network keeps the last weights that were still finite.")
        self.kept.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.message)
        lay.addWidget(self.advice)
        lay.addWidget(self.kept)
        row = QHBoxLayout()
        self.lower_lr = QPushButton("Learning rate ÷ 10")
        self.lower_lr.setToolTip("Divide the learning rate ε by ten (undoable)")
        self.lower_lr.clicked.connect(self._lower_lr)
        self.reset = QPushButton("Reset weights")
        self.reset.clicked.connect(self._reset)
        close = QPushButton("Dismiss")
        close.clicked.connect(self.hide)
        row.addWidget(self.lower_lr)
        row.addWidget(self.reset)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        self.controller: Any = None
        self.divergence: Divergence | None = None
        self.hide()

    def bind(self, controller: Any) -> "DivergenceBanner":
        self.controller = controller
        controller.diverged.connect(self.show_divergence)
        controller.state_changed.connect(self._on_state)
        return self

    @Slot(object)
    def show_divergence(self, d: Divergence) -> None:
        self.divergence = d
        self.title.setText(f"<b>Training diverged</b> at step {d.step:,} (epoch {d.epoch}).")
        self.message.setText(d.message)
        self.advice.setText(f"<b>What helps:</b> {d.advice}")
        self.show()

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == RUNNING:
            self.hide()

    @Slot()
    def _lower_lr(self) -> None:
        if self.controller is None:
            return
        doc = self.controller.document
        t = TrainingSettings.from_dict(doc.training.to_dict())
        from core.optim import OPTIMIZERS
        lr = float(t.hyper.get("lr", OPTIMIZERS[t.optimizer].defaults["lr"]))
        t.hyper = {**t.hyper, "lr": lr / 10}
        doc.push(SetTraining(doc, t, "hyper:lr:divergence", f"Learning rate {lr:g} → {lr / 10:g}"))
        self.hide()

    @Slot()
    def _reset(self) -> None:
        if self.controller is not None:
            self.controller.reset_weights()
        self.hide()
