"""A banner that explains a divergence: where NaN/Inf began and what usually helps.

It shows when the controller reports a divergence (training is then paused
and the document holds the last finite weights) and offers the two usual
remedies as buttons: a ten times smaller learning rate, or fresh weights.
It hides itself when training runs again.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from core.trainer import Divergence, TrainingSettings
from designer.banner import Banner
from designer.training.commands import SetTraining
from core.snapshot import RUNNING


class DivergenceBanner(Banner):
    """"Training diverged: …" with the advice and two remedies."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("divergence-banner", "error",
                         "<b>Training diverged</b>: the numbers became infinite or NaN.", parent)
        self.advice = self.add_label()
        self.kept = self.add_label()
        self.kept.setText(self.tr("Training is paused; the network keeps the last weights that were still finite."))
        self.lower_lr = self.add_button(self.tr("Learning rate ÷ 10"), self._lower_lr,
                                        "Divide the learning rate ε by ten (undoable)")
        self.reset = self.add_button(self.tr("Reset weights"), self._reset)
        self.end_buttons()
        self.controller: Any = None
        self.divergence: Divergence | None = None

    def bind(self, controller: Any) -> "DivergenceBanner":
        self.controller = controller
        controller.diverged.connect(self.show_divergence)
        controller.state_changed.connect(self._on_state)
        return self

    @Slot(object)
    def show_divergence(self, d: Divergence) -> None:
        self.divergence = d
        self.title.setText(self.tr("<b>Training diverged</b> at step {0} (epoch {1}).").format(f"{d.step:,}", d.epoch))
        self.message.setText(d.message)
        self.advice.setText(self.tr("<b>What helps:</b> {0}").format(d.advice))
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
