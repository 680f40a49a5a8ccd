"""The Training dock's settings box: optimiser and its hyper-parameters, batch size, L2, epochs, early stopping.

Every change is one undo command on the document (consecutive changes of
one setting merge); the controller hands live changes to the running
trainer, which applies them at its next step. Switching optimiser applies
the new optimiser's own starting ε unless the person chose one
(``core.defaults.switched_hyper``).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from core.defaults import switched_hyper
from core.optim import OPTIMIZERS
from core.trainer import TrainingSettings

from .commands import SetTraining, revised
from .widgets import LogSpinBox, short_label

#: The batch size stored for "all" (full-batch gradient descent): larger than any dataset here.
ALL_BATCH = 1_000_000


class SettingsBox(QGroupBox):
    """The "Training" group of the dock."""

    def __init__(self, document: Any, parent: QWidget | None = None):
        super().__init__(self.tr("Training"), parent)
        self.document = document
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_optimizer(form)
        self._build_hyper(form)
        self._build_schedule(form)

    def _build_optimizer(self, form: QFormLayout) -> None:
        """The optimiser and its update rule, written out as the lecture writes it."""
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

    def _build_hyper(self, form: QFormLayout) -> None:
        """One row per hyper-parameter of any optimiser; :meth:`sync` shows the current one's."""
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
            lab = QLabel(short_label(key, info))
            lab.setToolTip(info)
            w.setToolTip(info)
            form.addRow(lab, w)
            self.hyper_boxes[key] = w
            self.hyper_labels[key] = lab
        self.hyper_boxes["lr"].setObjectName("learning-rate")

    def _build_schedule(self, form: QFormLayout) -> None:
        """Batch size, L2 λ, epochs and early stopping."""
        self.batch = _count(self.tr("all (full batch)"), self.tr("Samples per gradient step: 1 = stochastic gradient "
                                                                 "descent, all = full-batch gradient descent (set 0)"),
                            100000)
        self.batch.valueChanged.connect(self._on_batch)
        form.addRow(self.tr("Batch size"), self.batch)
        self.l2 = LogSpinBox(0.0, 10.0)
        self.l2.setToolTip(self.tr("λ of the L2 penalty λ/2 ‖W‖² (weight decay); 0 = none"))
        self.l2.valueChanged.connect(lambda v: self._set_training("l2", self.tr("Change L2 λ"), l2=float(v)))
        form.addRow("L2 λ", self.l2)
        self.epochs = _count(self.tr("until stopped"),
                             self.tr("Play trains this many epochs, then stops (0: until you pause)"))
        self.epochs.valueChanged.connect(
            lambda v: self._set_training("epochs", self.tr("Change epochs"), epochs=int(v)))
        form.addRow(self.tr("Epochs"), self.epochs)
        self.patience = _count(self.tr("off"), self.tr("Early stopping: stop once the test loss (the training loss "
                                                       "without a test set) has not improved for this many epochs, "
                                                       "and keep the weights of its best epoch (off: train all the "
                                                       "epochs)"))
        self.patience.setSuffix(self.tr(" epochs"))
        self.patience.valueChanged.connect(
            lambda v: self._set_training("patience", self.tr("Change early stopping"), patience=int(v)))
        form.addRow(self.tr("Stop early"), self.patience)

    @Slot()
    def sync(self) -> None:
        """Show the document's training settings (after any change, undo included)."""
        t: TrainingSettings = self.document.training
        blockers = [QSignalBlocker(w) for w in (self.optimizer, self.batch, self.l2, self.epochs, self.patience,
                                                *self.hyper_boxes.values())]
        self.optimizer.setCurrentIndex(max(self.optimizer.findData(t.optimizer), 0))
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

    def _set_training(self, field: str, text: str, **changes: Any) -> None:
        t = revised(self.document.training, **changes)
        if t is not None:
            self.document.push(SetTraining(self.document, t, field, text))

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
        # the new optimiser's starting ε, unless the person chose one themselves
        hyper = switched_hyper(t.optimizer, t.hyper, name)
        self._set_training("optimizer", self.tr("Use {0}").format(OPTIMIZERS[name].display_name), optimizer=name,
                           hyper=hyper)

    @Slot(int)
    def _on_batch(self, value: int) -> None:
        self._set_training("batch_size", self.tr("Change batch size"),
                           batch_size=ALL_BATCH if value == 0 else int(value))


def _count(special: str, tip: str, maximum: int = 1_000_000) -> QSpinBox:
    """A count whose 0 means something in words ("all", "until stopped", "off")."""
    w = QSpinBox()
    w.setRange(0, maximum)
    w.setSpecialValueText(special)
    w.setToolTip(tip)
    w.setKeyboardTracking(False)
    return w
