"""A banner that notices a flat loss and offers the remedy core's advice picks, as a button.

Core reads the run's epochs (:func:`core.advice.flat_loss_advice`); this
only shows it, over the canvas, and does what the button says as an undoable
edit. After a remedy or a Dismiss it waits another window of epochs before
speaking again, so it never nags.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from core.advice import WINDOW, Advice, flat_loss_advice
from core.snapshot import Snapshot
from core.trainer import TrainingSettings
from designer.banner import Banner
from designer.commands import NewWeightsCommand
from designer.training.commands import SetTraining


class PlateauBanner(Banner):
    """"The loss has stayed flat: …" with one button that applies the advice."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("plateau-banner", "advice", self.tr("<b>The loss is hardly falling</b>"), parent)
        self.apply = self.add_button("", self._apply)
        self.end_buttons()
        self.controller: Any = None
        self.advice: Advice | None = None
        self._run: object | None = None
        self._seen = 0            # epochs of the current run already judged
        self._quiet_until = 0     # no advice before this many epochs (after a remedy or Dismiss)

    def bind(self, controller: Any) -> "PlateauBanner":
        self.controller = controller
        controller.snapshot_ready.connect(self._on_snapshot)
        return self

    def dismiss(self) -> None:
        """Closed by Dismiss or a remedy: quiet for another window of epochs."""
        self._quiet_until = self._seen + WINDOW
        self.hide()

    @Slot(object)
    def _on_snapshot(self, _snap: Snapshot) -> None:
        run = self.controller.record.current if self.controller is not None else None
        if run is None:
            return
        if run is not self._run:  # a new run: judge it afresh
            self._run, self._seen, self._quiet_until = run, 0, 0
            self.hide()
        if len(run.epochs) == self._seen:
            return
        self._seen = len(run.epochs)
        if self._seen < self._quiet_until:
            return
        advice = flat_loss_advice(run.epochs, self.controller.document.training)
        if advice is None:
            self.hide()  # the loss falls again: nothing to say
            return
        self.advice = advice
        self.message.setText(advice.message)
        self.apply.setText(advice.button)
        self.show()

    @Slot()
    def _apply(self) -> None:
        doc, advice = self.controller.document, self.advice
        if advice is None:
            return
        if advice.action == "new_weights":
            doc.push(NewWeightsCommand(doc))
        else:
            t = TrainingSettings.from_dict(doc.training.to_dict())
            lr = float(t.hyper.get("lr", 0.0))
            new = lr * 10 if advice.action == "raise_lr" else lr / 10
            t.hyper = {**t.hyper, "lr": new}
            doc.push(SetTraining(doc, t, "hyper:lr:advice", self.tr("Learning rate {0:g} → {1:g}").format(lr, new)))
        self.dismiss()
