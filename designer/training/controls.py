"""The Training dock: Play/Pause/Step/Reset, speed and progress over the data and settings boxes.

The dock composes three parts: the run buttons with speed, progress and
status (here), :class:`~.data_box.DataBox` (which data) and
:class:`~.settings_box.SettingsBox` (how to train). Every setting a person
changes is one undo command on the document; the controller then hands live
changes to the running trainer, which applies them at its next step.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QScrollArea,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from core.snapshot import DONE, RUNNING, Snapshot

from .controller import WATCH, TrainingController
from .data_box import DataBox
from .settings_box import ALL_BATCH, SettingsBox  # noqa: F401  (ALL_BATCH: where callers found it)
from .widgets import LogSpinBox, duration  # noqa: F401  (LogSpinBox: where callers found it)
from ..theme import ErrorLabel

#: Speed choices: label -> steps per second (None: as fast as possible).
#: Labels in English; shown translated, context "TrainingControls".
SPEEDS = {
    QT_TRANSLATE_NOOP("TrainingControls", "Watchable"): WATCH,
    QT_TRANSLATE_NOOP("TrainingControls", "Fastest"): None,
    QT_TRANSLATE_NOOP("TrainingControls", "1000 steps/s"): 1000.0,
    QT_TRANSLATE_NOOP("TrainingControls", "300 steps/s"): 300.0,
    QT_TRANSLATE_NOOP("TrainingControls", "100 steps/s"): 100.0,
    QT_TRANSLATE_NOOP("TrainingControls", "30 steps/s"): 30.0,
    QT_TRANSLATE_NOOP("TrainingControls", "10 steps/s"): 10.0,
    QT_TRANSLATE_NOOP("TrainingControls", "3 steps/s"): 3.0,
    QT_TRANSLATE_NOOP("TrainingControls", "1 step/s"): 1.0,
}


class TrainingControls(QWidget):
    """The dock's contents. ``controller.actions`` become its buttons.

    With ``banner`` (the default) a :class:`~designer.training.divergence.DivergenceBanner`
    shows under the buttons when training diverges.

    Signals
    -------
    csv_error(str)
        A chosen CSV file could not be used (the message also shows in place).
    """

    csv_error = Signal(str)

    def __init__(self, document: Any, controller: TrainingController, parent: QWidget | None = None,
                 banner: bool = True):
        super().__init__(parent)
        self._with_banner = banner
        self.setObjectName("training-controls")
        self.document = document
        self.controller = controller
        self._progress_mark: tuple[float, float] | None = None
        self._rate = 0.0
        self._build()
        self.addActions(list(controller.actions.values()))
        self.data_box.sync()
        self.settings_box.sync()
        document.data_changed.connect(self.data_box.sync)
        document.data_changed.connect(self.settings_box.sync)
        document.structure_changed.connect(self.data_box.sync_features)
        controller.snapshot_ready.connect(self.show_snapshot)
        controller.state_changed.connect(self._on_state)
        controller.cleared.connect(self._on_cleared)
        controller.error_changed.connect(self._show_training_error)
        self._show_training_error(controller.error)

    # ================================================================================
    # layout
    # ================================================================================

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(self._build_buttons())
        outer.addLayout(self._build_speed())
        self._build_status(outer)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        self.data_box = DataBox(self.document)
        self.settings_box = SettingsBox(self.document)
        self.data_box.csv.csv_error.connect(self.csv_error)
        lay.addWidget(self.data_box)
        lay.addWidget(self.settings_box)
        lay.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def _build_buttons(self) -> QGridLayout:
        """Play, Reset, Step batch, Step epoch: the controller's actions as big buttons."""
        buttons = QGridLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for k, key in enumerate(("play", "reset", "step_batch", "step_epoch")):
            b = QToolButton()
            b.setDefaultAction(self.controller.actions[key])
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space stays Play/Pause
            buttons.addWidget(b, k // 2, k % 2)
            self.buttons[key] = b
        self.buttons["play"].setMinimumWidth(80)
        return buttons

    def _build_speed(self) -> QHBoxLayout:
        """Watchable by default, so a first Play shows the boundary forming; Fastest one click away."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Speed")))
        self.speed = QComboBox()
        for label, rate in SPEEDS.items():
            self.speed.addItem(self.tr(label), rate)
        # the longest entry must not widen the dock (and so the smallest window)
        self.speed.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.speed.setMinimumContentsLength(9)
        self.speed.setCurrentIndex(max(0, list(SPEEDS.values()).index(self.controller.speed)
                                       if self.controller.speed in SPEEDS.values() else 0))
        self.speed.setToolTip(self.tr("Watchable: one run of the set epochs takes a few seconds, so the boundary "
                                      "visibly forms. Fastest: as fast as this computer goes. Slower: single steps"))
        self.speed.currentIndexChanged.connect(lambda i: self.controller.set_speed(self.speed.itemData(i)))
        row.addWidget(self.speed, 1)
        return row

    def _build_status(self, outer: QVBoxLayout) -> None:
        """Progress and time left, the status line, a training error and the divergence banner."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setToolTip(self.tr("Progress towards the number of epochs asked for, and the time left"))
        self.progress.hide()  # shown while a fixed number of epochs runs
        outer.addWidget(self.progress)
        self.status = QLabel(self.tr("Ready"))
        self.status.setObjectName("training-status")
        outer.addWidget(self.status)
        self.training_error = ErrorLabel()
        self.training_error.setWordWrap(True)
        self.training_error.setObjectName("training-error")
        self.training_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.training_error.hide()
        outer.addWidget(self.training_error)
        self.divergence = None
        if self._with_banner:  # what diverged and what helps, right under the buttons
            from .divergence import DivergenceBanner
            self.divergence = DivergenceBanner().bind(self.controller)
            outer.addWidget(self.divergence)

    # what a person (and a test) reaches through the dock: the boxes' widgets

    @property
    def dataset(self) -> QComboBox:
        """The dataset chooser."""
        return self.data_box.dataset

    @property
    def feature_checks(self) -> dict:
        """The input-feature tick boxes, by feature name."""
        return self.data_box.feature_checks

    @property
    def hyper_boxes(self) -> dict:
        """The optimiser's hyper-parameter spin boxes, by key ("lr", "beta1", ...)."""
        return self.settings_box.hyper_boxes

    @property
    def patience(self) -> Any:
        """The early-stopping spin box."""
        return self.settings_box.patience

    @property
    def csv_label(self) -> QLabel:
        """The name of the CSV file in use, beside "Choose…"."""
        return self.data_box.csv.csv_label

    @property
    def csv_preview(self) -> Any:
        """The CSV file's first rows, bad rows marked."""
        return self.data_box.csv.csv_preview

    @property
    def csv_target(self) -> QComboBox:
        """The CSV file's target column."""
        return self.data_box.csv.csv_target

    @property
    def csv_error_label(self) -> QLabel:
        """Why a chosen CSV file was not used."""
        return self.data_box.csv.csv_error_label

    def open_csv(self, path: str | Path, target: str | None = None) -> bool:
        """Use a CSV file as the dataset (see :meth:`.csv_box.CsvBox.open_csv`)."""
        return self.data_box.csv.open_csv(path, target)

    # ================================================================================
    # training -> widgets
    # ================================================================================

    @Slot(object)
    def show_snapshot(self, snap: Snapshot) -> None:
        """Status line and progress from a snapshot."""
        self.status.setText(self.controller.describe(snap))
        target = snap.target_epoch
        self.progress.setVisible(bool(target))  # an empty bar looked like a text field
        if target:
            done = min(snap.epoch_progress / target, 1.0) if target else 0.0
            self.progress.setValue(int(done * 1000))
            now = time.perf_counter()
            mark = self._progress_mark
            if snap.state == RUNNING:
                if mark is not None and now > mark[0] and snap.epoch_progress > mark[1]:
                    rate = (snap.epoch_progress - mark[1]) / (now - mark[0])
                    self._rate = rate if self._rate == 0 else 0.8 * self._rate + 0.2 * rate
                self._progress_mark = (now, snap.epoch_progress)
            left = (target - snap.epoch_progress) / self._rate if self._rate > 0 else None
            text = self.tr("epoch {0} of {1}").format(snap.epoch, target)
            if snap.state == RUNNING and left is not None:
                text += " · " + self.tr("{0} left").format(duration(left))
            elif snap.state == DONE and snap.stopped is not None:
                text = self.tr("stopped early at epoch {0} (best: {1})").format(snap.stopped.epoch,
                                                                             snap.stopped.best_epoch)
            elif snap.state == DONE:
                text = self.tr("{0} epochs done").format(target)
            self.progress.setFormat(text)
            self.progress.setToolTip(str(snap.stopped) if snap.stopped is not None else "")
        else:
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("epoch {0}").format(snap.epoch) if snap.step else "")

    @Slot()
    def _on_cleared(self) -> None:
        """Another network: no "100 epochs done" left over from the last one."""
        self.progress.setVisible(False)
        self.progress.setValue(0)
        self._progress_mark, self._rate = None, 0.0
        self.status.setText("")

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state != RUNNING:
            self._progress_mark = None

    @Slot(str)
    def _show_training_error(self, message: str) -> None:
        self.training_error.setText(message)
        self.training_error.setVisible(bool(message))


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from designer.preview import preview_document

    app = QApplication(sys.argv)
    doc = preview_document()
    ctl = TrainingController(doc)
    w = TrainingControls(doc, ctl)
    w.resize(340, 720)
    w.show()
    app.aboutToQuit.connect(ctl.shutdown)
    sys.exit(app.exec())

