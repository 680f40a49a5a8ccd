"""The Training dock's data box: which dataset, its size, noise and seed, the split, the input features.

Every change a person makes here is one undo command on the document
(consecutive changes of one setting merge); the box shows the document's
data source again after any change, undo included.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSignalBlocker, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QSpinBox, QWidget)

from core.data.datasets import REAL_DATASETS
from core.data.preprocess import FEATURES
from core.data.source import DataSource
from core.data.toy import TOY_DATASETS

from .commands import SetData, SetInputFeatures, revised
from .csv_box import CSV, CsvBox

#: The datasets' names as a person reads them (context "TrainingControls", shared with the dock's other texts).
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
#: What an undo entry calls each data field.
_FIELD_NAMES = {"n": "points", "noise": "noise", "seed": "data seed", "test_fraction": "test share",
                "standardize": "standardisation"}


class DataBox(QGroupBox):
    """The "Data" group: the dataset, its generator's settings or CSV file, the split and the inputs."""

    def __init__(self, document: Any, parent: QWidget | None = None):
        super().__init__(self.tr("Data"), parent)
        self.document = document
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.dataset = QComboBox()
        for name in (*TOY_DATASETS, *REAL_DATASETS):
            self.dataset.addItem(QCoreApplication.translate("TrainingControls", _DATASET_LABELS.get(name, name)),
                                 name)
        self.dataset.addItem(self.tr("CSV file…"), CSV)
        self.dataset.activated.connect(self._on_dataset)
        form.addRow(self.tr("Dataset"), self.dataset)
        self.drawn_note = QLabel(self.tr("Your own points (click the data plot to add, right-click to remove)"))
        self.drawn_note.setWordWrap(True)
        form.addRow(self.drawn_note)
        form.addRow(self._build_toy())
        self.csv = CsvBox(document)
        form.addRow(self.csv)
        form.addRow(self.tr("Split"), self._build_split())
        form.addRow(*self._build_features())

    def _build_toy(self) -> QWidget:
        """Number of points, noise and seed of a generated dataset."""
        self.toy_box = QWidget()
        toy = QHBoxLayout(self.toy_box)
        toy.setContentsMargins(0, 0, 0, 0)
        self.n_points = _spin(QSpinBox(), 10, 5000, self.tr("Number of points"), step=50)
        self.noise = _spin(QDoubleSpinBox(), 0.0, 0.5, self.tr("Noise: 0 is the clean shape, 0.5 makes the classes "
                                                             "overlap"), step=0.05)
        self.noise.setDecimals(2)
        self.data_seed = _spin(QSpinBox(), 0, 99999, self.tr("Seed: the same seed draws the same points"))
        for label, w in (("n", self.n_points), (self.tr("noise"), self.noise), (self.tr("seed"), self.data_seed)):
            toy.addWidget(QLabel(label))
            toy.addWidget(w, 1)
        self.n_points.valueChanged.connect(lambda v: self._set_data("n", n=int(v)))
        self.noise.valueChanged.connect(lambda v: self._set_data("noise", noise=float(v)))
        self.data_seed.valueChanged.connect(lambda v: self._set_data("seed", seed=int(v)))
        return self.toy_box

    def _build_split(self) -> QHBoxLayout:
        """The test share and standardisation, both fitted on the training part only."""
        self.test_share = _spin(QSpinBox(), 0, 90, self.tr("Share of the points held out to test on (never trained "
                                                            "on)"))
        self.test_share.setSuffix(self.tr(" % test"))
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
        return split

    def _build_features(self) -> tuple[QLabel, QWidget]:
        """The derived inputs of a 2-D dataset (x₁², sin x₁, …), TensorFlow Playground's feature choice."""
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
        return self.features_label, self.features_box

    @Slot()
    def sync(self) -> None:
        """Show the document's data source (after any change, undo included)."""
        d: DataSource = self.document.data
        blockers = [QSignalBlocker(w) for w in (self.dataset, self.n_points, self.noise, self.data_seed,
                                                self.test_share, self.standardize)]
        i = self.dataset.findData(d.name)
        self.dataset.setCurrentIndex(i if i >= 0 else self.dataset.count() - 1)
        drawn = bool(d.points)
        self.toy_box.setVisible(d.name in TOY_DATASETS and not drawn)
        self.drawn_note.setVisible(drawn)
        self.csv.setVisible(d.name == CSV)
        if d.name == CSV and d.path and d.path != self.csv.shown_path:
            self.csv.preview(d.path, d.target)
        self.n_points.setValue(int(d.n))
        self.noise.setValue(float(d.noise))
        self.data_seed.setValue(int(d.seed or 0))
        self.test_share.setValue(int(round(d.test_fraction * 100)))
        self.standardize.setChecked(bool(d.standardize))
        del blockers
        self.sync_features()

    @Slot()
    def sync_features(self) -> None:
        """Tick the inputs the network is fed; they show only for 2-D data."""
        d = self.document.data
        two_d = d.name in TOY_DATASETS or bool(d.points)
        self.features_box.setVisible(two_d)
        self.features_label.setVisible(two_d)
        chosen = set(d.features or ["x1", "x2"])
        for name, cb in self.feature_checks.items():
            with QSignalBlocker(cb):
                cb.setChecked(name in chosen)

    def _set_data(self, field: str, **changes: Any) -> None:
        d = revised(self.document.data, **changes)
        if d is not None:
            label = _FIELD_NAMES.get(field, field)
            self.document.push(SetData(self.document, d, field, self.tr("Change {0}").format(label),
                                       clear_drawn=field in ("n", "noise", "seed")))

    @Slot(int)
    def _on_dataset(self, index: int) -> None:
        name = self.dataset.itemData(index)
        d = self.document.data
        if name == CSV:
            self.csv.setVisible(True)
            if d.name != CSV and not self.csv.choose():
                self.sync()
            return
        if name == d.name and not d.points:
            return
        new = DataSource.from_dict(d.to_dict())
        new.name, new.path, new.target, new.standardizer = name, None, None, None
        new.standardize = True
        if name not in TOY_DATASETS:
            new.features = []
        self.document.push(SetData(self.document, new, "dataset",
                                   self.tr("Use {0}").format(self.dataset.itemText(index)), clear_drawn=True))

    @Slot(bool)
    def _on_feature(self, _on: bool) -> None:
        chosen = [n for n, cb in self.feature_checks.items() if cb.isChecked()]
        if not chosen:  # at least one input: undo the last click
            self.sync_features()
            return
        if chosen != list(self.document.data.features or ["x1", "x2"]):
            self.document.push(SetInputFeatures(self.document, chosen))


def _spin(w: Any, low: float, high: float, tip: str, step: float | None = None) -> Any:
    """A spin box that commits when the person stops typing (one undo entry, one retrain, not one per key)."""
    w.setRange(low, high)
    if step is not None:
        w.setSingleStep(step)
    w.setToolTip(tip)
    w.setKeyboardTracking(False)
    return w
