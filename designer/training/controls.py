"""The training controls dock: data, optimiser and its settings, Play/Pause/Step/Reset, progress.

Every setting a person changes here is one undo command on the document
(consecutive changes of one setting merge); the controller then hands live
changes (learning rate, optimiser, batch size, L2) to the running trainer,
which applies them at its next step. A CSV file is read when chosen, and a
bad file's message (file, row, column) is shown here, in place, while the
previous dataset stays in use.
"""
from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QColor, QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from core.data.csvfile import load_csv, preview_csv
from core.data.dataset import BadCell, DataError
from core.data.datasets import REAL_DATASETS
from core.data.preprocess import FEATURES
from core.data.source import DataSource
from core.data.toy import TOY_DATASETS
from core.defaults import switched_hyper
from core.optim import OPTIMIZERS
from core.trainer import TrainingSettings

from .commands import SetData, SetInputFeatures, SetTraining
from .controller import WATCH, TrainingController
from ..theme import ErrorLabel
from core.snapshot import DONE, RUNNING, Snapshot

#: The batch size stored for "all" (full-batch gradient descent): larger than any dataset here.
ALL_BATCH = 1_000_000
#: Speed choices: label -> steps per second (None: as fast as possible).
#: Speed choices (labels in English; shown translated, context "TrainingControls").
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
_DATASET_LABELS = {
    "xor": "XOR",
    "gaussians": QT_TRANSLATE_NOOP("TrainingControls", "Two Gaussians"),
    "circles": QT_TRANSLATE_NOOP("TrainingControls", "Circles"),
    "moons": QT_TRANSLATE_NOOP("TrainingControls", "Moons"),
    "spiral": QT_TRANSLATE_NOOP("TrainingControls", "Spiral"),
    "regression": QT_TRANSLATE_NOOP("TrainingControls", "Regression surface"),
    "iris": QT_TRANSLATE_NOOP("TrainingControls", "Iris (4 features, 3 classes)"),
    "digits": QT_TRANSLATE_NOOP("TrainingControls", "Digits 8×8 (64 features, 10 classes)"),
    "lecture-linear": QT_TRANSLATE_NOOP("TrainingControls", "Lecture: linear neuron (x = 1.5, y = 0.8 first)"),
    "lecture-sigmoid": QT_TRANSLATE_NOOP("TrainingControls", "Lecture: sigmoid neuron (x = ±0.5 … ±2)"),
    "lecture-3-3-3": QT_TRANSLATE_NOOP("TrainingControls", "Lecture: 3-3-3 network (6 samples, 3 classes)"),
}
_FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
                   "sin x1": "sin x₁", "sin x2": "sin x₂"}
_CSV = "csv"
_PREVIEW_ROWS = 8
#: The fill of a bad cell in the CSV preview: a red light enough to read dark text on, in either theme.
_ERROR_FILL = "#f4a6a6"


class LogSpinBox(QDoubleSpinBox):
    """A spin box for scale-free values (learning rates, λ, δ): arrows step 1, 2, 5, 10, ..."""

    def __init__(self, minimum: float, maximum: float, decimals: int = 8, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setStepType(QAbstractSpinBox.StepType.DefaultStepType)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # noqa: D102
        t = text.strip().replace(",", ".")
        if t in ("", "-", ".", "e", "1e", "1e-") or t.endswith(("e", "e-")):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(t)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        ok = self.minimum() <= v <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        v = self.value()
        ladder = [1.0, 2.0, 5.0]
        for _ in range(abs(steps)):
            if v <= 0:
                v = max(self.minimum(), 1e-6) if steps > 0 else 0.0
                continue
            e = math.floor(math.log10(v) + 1e-9)
            m = v / 10 ** e
            if steps > 0:
                nxt = next((x for x in ladder if x > m + 1e-9), None)
                v = (nxt or 10.0) * 10 ** e
            else:
                prv = next((x for x in reversed(ladder) if x < m - 1e-9), None)
                v = prv * 10 ** e if prv else 5.0 * 10 ** (e - 1)
        self.setValue(min(max(v, self.minimum()), self.maximum()))


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
        self._csv_path: str | None = None
        self._csv_columns: list[str] = []
        self._progress_mark: tuple[float, float] | None = None
        self._rate = 0.0
        self._build()
        self.addActions(list(controller.actions.values()))
        self._sync()
        document.data_changed.connect(self._sync)
        document.structure_changed.connect(self._sync_features)
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

        # --- run buttons, speed, progress, status -------------------------------------
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
        outer.addLayout(buttons)

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
        outer.addLayout(row)

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

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._build_data())
        lay.addWidget(self._build_training())
        lay.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def _build_data(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.dataset = QComboBox()
        for name in TOY_DATASETS:
            self.dataset.addItem(self.tr(_DATASET_LABELS.get(name, name)), name)
        for name in REAL_DATASETS:
            self.dataset.addItem(self.tr(_DATASET_LABELS.get(name, name)), name)
        self.dataset.addItem(self.tr("CSV file…"), _CSV)
        self.dataset.activated.connect(self._on_dataset)
        form.addRow(self.tr("Dataset"), self.dataset)

        self.drawn_note = QLabel(self.tr("Your own points (click the data plot to add, right-click to remove)"))
        self.drawn_note.setWordWrap(True)
        form.addRow(self.drawn_note)

        self.toy_box = QWidget()
        toy = QHBoxLayout(self.toy_box)
        toy.setContentsMargins(0, 0, 0, 0)
        self.n_points = QSpinBox()
        self.n_points.setRange(10, 5000)
        self.n_points.setSingleStep(50)
        self.n_points.setToolTip(self.tr("Number of points"))
        self.n_points.setKeyboardTracking(False)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 0.5)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        self.noise.setToolTip(self.tr("Noise: 0 is the clean shape, 0.5 makes the classes overlap"))
        self.noise.setKeyboardTracking(False)
        self.data_seed = QSpinBox()
        self.data_seed.setRange(0, 99999)
        self.data_seed.setToolTip(self.tr("Seed: the same seed draws the same points"))
        self.data_seed.setKeyboardTracking(False)
        for label, w in (("n", self.n_points), (self.tr("noise"), self.noise), (self.tr("seed"), self.data_seed)):
            toy.addWidget(QLabel(label))
            toy.addWidget(w, 1)
        self.n_points.valueChanged.connect(lambda v: self._set_data("n", n=int(v)))
        self.noise.valueChanged.connect(lambda v: self._set_data("noise", noise=float(v)))
        self.data_seed.valueChanged.connect(lambda v: self._set_data("seed", seed=int(v)))
        form.addRow(self.toy_box)

        # CSV: file, preview, target, error
        self.csv_box = QWidget()
        cv = QVBoxLayout(self.csv_box)
        cv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.csv_label = QLabel(self.tr("No file chosen"))
        self.csv_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_csv)
        top.addWidget(self.csv_label, 1)
        top.addWidget(choose)
        cv.addLayout(top)
        self.csv_preview = QTableWidget(0, 0)
        self.csv_preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.csv_preview.setMaximumHeight(170)
        self.csv_preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.csv_preview.verticalHeader().setDefaultSectionSize(20)
        cv.addWidget(self.csv_preview)
        trow = QHBoxLayout()
        trow.addWidget(QLabel(self.tr("Target column")))
        self.csv_target = QComboBox()
        self.csv_target.activated.connect(self._on_csv_target)
        trow.addWidget(self.csv_target, 1)
        cv.addLayout(trow)
        self.csv_error_label = ErrorLabel()
        self.csv_error_label.setObjectName("csv-error")
        self.csv_error_label.setWordWrap(True)
        self.csv_error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.csv_error_label.hide()
        cv.addWidget(self.csv_error_label)
        form.addRow(self.csv_box)

        self.test_share = QSpinBox()
        self.test_share.setRange(0, 90)
        self.test_share.setSuffix(self.tr(" % test"))
        self.test_share.setToolTip(self.tr("Share of the points held out to test on (never trained on)"))
        self.test_share.setKeyboardTracking(False)
        self.test_share.valueChanged.connect(
            lambda v: self._set_data("test_fraction", test_fraction=v / 100.0, standardizer=None))
        self.standardize = QCheckBox(self.tr("Standardise inputs"))
        self.standardize.setToolTip(self.tr("Shift and scale each input to mean 0 and standard deviation 1 "
                                            "(statistics from the training part only)"))
        self.standardize.toggled.connect(
            lambda on: self._set_data("standardize", standardize=bool(on), standardizer=None))
        split = QHBoxLayout()
        split.addWidget(self.test_share)
        split.addWidget(self.standardize)
        form.addRow(self.tr("Split"), split)

        self.features_box = QWidget()
        grid = QGridLayout(self.features_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.feature_checks: dict[str, QCheckBox] = {}
        for k, name in enumerate(FEATURES):
            cb = QCheckBox(_FEATURE_LABELS.get(name, name))
            cb.setToolTip(self.tr("Feed {0} to the network as an input unit").format(name))
            cb.toggled.connect(self._on_feature)
            grid.addWidget(cb, k // 4, k % 4)
            self.feature_checks[name] = cb
        self.features_label = QLabel(self.tr("Inputs"))
        form.addRow(self.features_label, self.features_box)
        return box

    def _build_training(self) -> QGroupBox:
        box = QGroupBox(self.tr("Training"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.optimizer = QComboBox()
        for name, cls in OPTIMIZERS.items():
            self.optimizer.addItem(cls.display_name, name)
            self.optimizer.setItemData(self.optimizer.count() - 1, cls.update_rule, Qt.ItemDataRole.ToolTipRole)
        self.optimizer.activated.connect(self._on_optimizer)
        form.addRow(self.tr("Optimiser"), self.optimizer)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        # A serif face for the formula: it reads as maths, and common sans faces
        # (DejaVu Sans) misplace the combining hat of r̂.
        rule_font = self.rule.font()
        rule_font.setFamilies(["DejaVu Serif", "Times New Roman", "serif"])
        rule_font.setStyleHint(rule_font.StyleHint.Serif)
        self.rule.setFont(rule_font)
        self.rule.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.rule)

        self.hyper_boxes: dict[str, QDoubleSpinBox] = {}
        self.hyper_labels: dict[str, QLabel] = {}
        keys: list[str] = []
        for cls in OPTIMIZERS.values():
            keys += [k for k in cls.defaults if k not in keys]
        for key in keys:
            if key in ("lr", "delta"):
                w: QDoubleSpinBox = LogSpinBox(1e-12 if key == "delta" else 0.0, 100.0 if key == "lr" else 1.0)
            else:
                w = QDoubleSpinBox()
                w.setRange(0.0, 0.9999)
                w.setDecimals(4)
                w.setSingleStep(0.01)
                w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v, k=key: self._set_hyper(k, float(v)))
            info = next((c.hyper_info[key] for c in OPTIMIZERS.values() if key in c.hyper_info), key)
            lab = QLabel(_short_label(key, info))
            lab.setToolTip(info)
            w.setToolTip(info)
            form.addRow(lab, w)
            self.hyper_boxes[key] = w
            self.hyper_labels[key] = lab
        self.hyper_boxes["lr"].setObjectName("learning-rate")

        self.batch = QSpinBox()
        self.batch.setRange(0, 100000)
        self.batch.setSpecialValueText(self.tr("all (full batch)"))
        self.batch.setToolTip(self.tr("Samples per gradient step: 1 = stochastic gradient descent, "
                                      "all = full-batch gradient descent (set 0)"))
        self.batch.setKeyboardTracking(False)
        self.batch.valueChanged.connect(self._on_batch)
        form.addRow(self.tr("Batch size"), self.batch)
        self.l2 = LogSpinBox(0.0, 10.0)
        self.l2.setToolTip(self.tr("λ of the L2 penalty λ/2 ‖W‖² (weight decay); 0 = none"))
        self.l2.valueChanged.connect(lambda v: self._set_training("l2", self.tr("Change L2 λ"), l2=float(v)))
        form.addRow("L2 λ", self.l2)
        self.epochs = QSpinBox()
        self.epochs.setRange(0, 1_000_000)
        self.epochs.setSpecialValueText(self.tr("until stopped"))
        self.epochs.setToolTip(self.tr("Play trains this many epochs, then stops (0: until you pause)"))
        self.epochs.setKeyboardTracking(False)
        self.epochs.valueChanged.connect(
            lambda v: self._set_training("epochs", self.tr("Change epochs"), epochs=int(v)))
        form.addRow(self.tr("Epochs"), self.epochs)
        self.patience = QSpinBox()
        self.patience.setRange(0, 1_000_000)
        self.patience.setSpecialValueText(self.tr("off"))
        self.patience.setSuffix(self.tr(" epochs"))
        self.patience.setToolTip(self.tr("Early stopping: stop once the test loss (the training loss without a "
                                         "test set) has not improved for this many epochs, and keep the weights "
                                         "of its best epoch (off: train all the epochs)"))
        self.patience.setKeyboardTracking(False)
        self.patience.valueChanged.connect(
            lambda v: self._set_training("patience", self.tr("Change early stopping"), patience=int(v)))
        form.addRow(self.tr("Stop early"), self.patience)
        return box

    # ================================================================================
    # document -> widgets
    # ================================================================================

    @Slot()
    def _sync(self) -> None:
        """Show the document's data and training settings (after any change, undo included)."""
        doc = self.document
        d: DataSource = doc.data
        t: TrainingSettings = doc.training
        blockers = [QSignalBlocker(w) for w in (self.dataset, self.n_points, self.noise, self.data_seed,
                                                self.test_share, self.standardize, self.optimizer,
                                                self.batch, self.l2, self.epochs, self.patience,
                                                *self.hyper_boxes.values())]
        i = self.dataset.findData(d.name)
        self.dataset.setCurrentIndex(i if i >= 0 else self.dataset.count() - 1)
        is_toy = d.name in TOY_DATASETS
        drawn = bool(doc.data.points)
        self.toy_box.setVisible(is_toy and not drawn)
        self.drawn_note.setVisible(drawn)
        self.csv_box.setVisible(d.name == _CSV)
        if d.name == _CSV and d.path and d.path != self._csv_path:
            self._preview_csv(d.path, d.target)
        self.n_points.setValue(int(d.n))
        self.noise.setValue(float(d.noise))
        self.data_seed.setValue(int(d.seed or 0))
        self.test_share.setValue(int(round(d.test_fraction * 100)))
        self.standardize.setChecked(bool(d.standardize))

        i = self.optimizer.findData(t.optimizer)
        self.optimizer.setCurrentIndex(max(i, 0))
        cls = OPTIMIZERS.get(t.optimizer, OPTIMIZERS["adam"])
        self.rule.setText(cls.update_rule)
        values = {**cls.defaults, **t.hyper}
        for key, w in self.hyper_boxes.items():
            on = key in cls.defaults
            w.setVisible(on)
            self.hyper_labels[key].setVisible(on)
            if on:
                w.setValue(float(values[key]))
        self.batch.setValue(0 if t.batch_size >= ALL_BATCH else int(t.batch_size))
        self.l2.setValue(float(t.l2))
        self.epochs.setValue(int(t.epochs))
        self.patience.setValue(int(t.patience))
        del blockers
        self._sync_features()

    @Slot()
    def _sync_features(self) -> None:
        d = self.document.data
        two_d = (d.name in TOY_DATASETS or bool(self.document.data.points))
        self.features_box.setVisible(two_d)
        self.features_label.setVisible(two_d)
        chosen = set(d.features or ["x1", "x2"])
        for name, cb in self.feature_checks.items():
            with QSignalBlocker(cb):
                cb.setChecked(name in chosen)

    # ================================================================================
    # widgets -> document (one undo command each, merged while the same field changes)
    # ================================================================================

    def _push(self, cmd) -> None:
        self.document.push(cmd)

    def _set_data(self, field: str, **changes: Any) -> None:
        d = DataSource.from_dict(self.document.data.to_dict())
        for k, v in changes.items():
            setattr(d, k, v)
        if d.to_dict() == self.document.data.to_dict():
            return
        label = {"n": "points", "noise": "noise", "seed": "data seed", "test_fraction": "test share",
                 "standardize": "standardisation"}.get(field, field)
        self._push(SetData(self.document, d, field, self.tr("Change {0}").format(label),
                           clear_drawn=field in ("n", "noise", "seed")))

    def _set_training(self, field: str, text: str, **changes: Any) -> None:
        t = TrainingSettings.from_dict(self.document.training.to_dict())
        for k, v in changes.items():
            setattr(t, k, v)
        if t.to_dict() == self.document.training.to_dict():
            return
        self._push(SetTraining(self.document, t, field, text))

    def _set_hyper(self, key: str, value: float) -> None:
        t = self.document.training
        cls = OPTIMIZERS.get(t.optimizer, OPTIMIZERS["adam"])
        if key not in cls.defaults:
            return
        hyper = {**{k: v for k, v in t.hyper.items() if k in cls.defaults}, key: value}
        name = "learning rate" if key == "lr" else key
        self._set_training(f"hyper:{key}", self.tr("Change {0}").format(name), hyper=hyper)

    @Slot(int)
    def _on_optimizer(self, index: int) -> None:
        name = self.optimizer.itemData(index)
        t = self.document.training
        if name == t.optimizer:
            return
        cls = OPTIMIZERS[name]
        # the new optimiser's starting ε, unless the person chose one themselves
        hyper = switched_hyper(t.optimizer, t.hyper, name)
        self._set_training("optimizer", self.tr("Use {0}").format(cls.display_name), optimizer=name, hyper=hyper)

    @Slot(int)
    def _on_batch(self, value: int) -> None:
        self._set_training("batch_size", self.tr("Change batch size"),
                           batch_size=ALL_BATCH if value == 0 else int(value))

    @Slot(int)
    def _on_dataset(self, index: int) -> None:
        name = self.dataset.itemData(index)
        d = self.document.data
        if name == _CSV:
            self.csv_box.setVisible(True)
            if d.name != _CSV:
                self._choose_csv()
            return
        if name == d.name and not self.document.data.points:
            return
        new = DataSource.from_dict(d.to_dict())
        new.name, new.path, new.target, new.standardizer = name, None, None, None
        new.standardize = True
        if name not in TOY_DATASETS:
            new.features = []
        self._push(SetData(self.document, new, "dataset", self.tr("Use {0}").format(self.dataset.itemText(index)),
                           clear_drawn=True))

    @Slot(bool)
    def _on_feature(self, _on: bool) -> None:
        chosen = [n for n, cb in self.feature_checks.items() if cb.isChecked()]
        if not chosen:  # at least one input: undo the last click
            self._sync_features()
            return
        current = list(self.document.data.features or ["x1", "x2"])
        if chosen == current:
            return
        self._push(SetInputFeatures(self.document, chosen))

    # --- CSV --------------------------------------------------------------------------

    @Slot()
    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a CSV file"), "",
                                              "CSV files (*.csv *.csv.gz *.tsv *.txt);;All files (*)")
        if path:
            self.open_csv(path)
        else:
            self._sync()

    def open_csv(self, path: str | Path, target: str | None = None) -> bool:
        """Use a CSV file as the dataset; on a bad file show why, in place, and keep the old data.

        The file's name beside "Choose…" is always the file training uses:
        a refused file is named only in the error, and its bad rows are
        marked in the preview. Returns True if the file was taken.
        """
        path = str(path)
        self.csv_box.setVisible(True)
        try:
            ds = load_csv(path, target=target)
        except DataError as e:
            self._preview_csv(path, target, e.bad)
            self._show_csv_error(self.tr("“{0}” was not used.").format(Path(path).name) + f" {e}")
            self._name_csv_in_use()
            return False
        self._preview_csv(path, target)
        self._show_csv_error("")
        d = DataSource.from_dict(self.document.data.to_dict())
        d.name, d.path, d.target = _CSV, path, target
        d.features, d.standardize, d.standardizer = [], True, None
        what = self.tr("{0} rows, {1} features, ").format(ds.n_samples, ds.n_features) + (
            self.tr("{0} classes").format(ds.n_classes) if ds.task == "classification" else self.tr("regression"))
        self._push(SetData(self.document, d, "dataset", self.tr("Use {0}").format(Path(path).name), clear_drawn=True))
        self.csv_label.setText(f"{Path(path).name} — {what}")
        self.csv_label.setToolTip(path)
        return True

    def _name_csv_in_use(self) -> None:
        """Beside "Choose…": the CSV file training uses now, or that none is."""
        d = self.document.data
        in_use = d.path if d.name == _CSV and d.path else None
        self.csv_label.setText(self.tr("{0} (in use)").format(Path(in_use).name) if in_use
                               else self.tr("No file in use"))
        self.csv_label.setToolTip(in_use or "")

    def _show_csv_error(self, message: str) -> None:
        self.csv_error_label.setText(message)
        self.csv_error_label.setVisible(bool(message))
        if message:
            self.csv_error.emit(message)

    def _preview_csv(self, path: str, target: str | None, bad: tuple[BadCell, ...] = ()) -> None:
        """The first rows as text, and the bad rows marked (even of a bad file, so a person can see it)."""
        self._csv_path = path
        by_row = {b.row: b for b in bad}
        try:
            header, body = preview_csv(path, _PREVIEW_ROWS, frozenset(by_row))
        except DataError:
            header, body = [], []
        t = self.csv_preview
        t.clear()
        t.setColumnCount(len(header))
        t.setRowCount(len(body))
        t.setHorizontalHeaderLabels(header)
        t.setVerticalHeaderLabels([str(r) for r, _ in body])  # file rows: the header is 1
        red, ink = QColor(_ERROR_FILL), QColor("#000000")
        for i, (r, row) in enumerate(body):
            problem = by_row.get(r)
            for c in range(len(header)):
                item = QTableWidgetItem(row[c] if c < len(row) else "")
                if problem is not None and (not problem.column or problem.column == header[c]):
                    item.setBackground(red)
                    item.setForeground(ink)
                    item.setToolTip(problem.describe())
                t.setItem(i, c, item)
        self._csv_columns = header
        with QSignalBlocker(self.csv_target):
            self.csv_target.clear()
            self.csv_target.addItems(header)
            if header:
                self.csv_target.setCurrentIndex(header.index(target) if target in header else len(header) - 1)
        if not bad:
            self.csv_label.setText(Path(path).name)
            self.csv_label.setToolTip(path)

    @Slot(int)
    def _on_csv_target(self, index: int) -> None:
        if self._csv_path and 0 <= index < len(self._csv_columns):
            self.open_csv(self._csv_path, self._csv_columns[index])

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
                text += " · " + self.tr("{0} left").format(_duration(left))
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


def _short_label(key: str, info: str) -> str:
    """"ε learning rate" from "ε (learning rate)", in the person's language."""
    symbol, _, rest = info.partition(" (")
    rest = rest.rstrip(")")
    if key == "lr":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "learning rate")
    if key == "delta":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "stability")
    if rest.split(" ")[0] == "decay":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "decay")
    if rest.split(" ")[0] == "momentum":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "momentum")
    return f"{symbol} {rest.split(' ')[0] if rest else ''}".strip()


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "<1 s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    from .demo import demo_document

    app = QApplication(sys.argv)
    doc = demo_document()
    ctl = TrainingController(doc)
    w = TrainingControls(doc, ctl)
    w.resize(340, 720)
    w.show()
    app.aboutToQuit.connect(ctl.shutdown)
    sys.exit(app.exec())
