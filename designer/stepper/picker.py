"""The stepper's sample: a dataset row (from the list, the row box or the data plot) or typed values.

:class:`SamplePicker` is the line over the walk (Sample: row N of the
training set, or x = …, y = …, and Start walk) with the problem line under
it, and the dataset's list that sits beside the walk. It reads the document's
data as training does (:func:`~designer.stepper.samples.stepper_data`,
prepared once per data settings) and hands out the chosen sample; it starts
nothing itself but asks, by signals, for a walk.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from core.data.source import PreparedData

from .samples import SampleListModel, part_name, stepper_data
from .session import SampleError, parse_values

__all__ = ["SamplePicker", "sample_list_view"]


def sample_list_view(model: SampleListModel, row_height: int) -> QTableView:
    """The dataset's samples as a virtualised table: whole rows selected, one at a time, uniform heights."""
    view = QTableView()
    view.setObjectName("stepper-samples")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    vh = view.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: virtualised
    vh.setDefaultSectionSize(row_height)
    hh = view.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(True)
    hh.setMinimumSectionSize(24)
    part = max(view.fontMetrics().horizontalAdvance(part_name(w)) for w in ("train", "test")) + 12
    for col, w in enumerate((36, max(40, part), 112)):  # the part's name fits, in either language
        hh.resizeSection(col, w)
    view.setMinimumWidth(120)
    return view


def _row_of(*items: QWidget | str, stretch: bool = False, widths: dict[int, int] | None = None) -> QWidget:
    """Widgets (a string becomes a label) side by side without margins, as one widget."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for k, item in enumerate(items):
        lay.addWidget(QLabel(item) if isinstance(item, str) else item, (widths or {}).get(k, 0))
    if stretch:
        lay.addStretch(1)
    return box


class SamplePicker(QWidget):
    """Which sample to walk, and the dataset's list of samples (``sample_list``, placed by the panel).

    Signals
    -------
    start_requested()
        Start walk, or Return in a typed field.
    sample_chosen(int, str)
        A row of the list was selected, or Random drew one: (row, "train" or "test") to walk.
    """

    start_requested = Signal()
    sample_chosen = Signal(int, str)

    def __init__(self, document: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = document
        self._prepared_key: tuple | None = None
        self._prepared: PreparedData | None = None
        self._picking = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addLayout(self._sample_line())
        self.sample_error = QLabel()
        self.sample_error.setStyleSheet("color: #c62828;")
        self.sample_error.setWordWrap(True)
        self.sample_error.hide()
        lay.addWidget(self.sample_error)
        self.sample_model = SampleListModel(self)
        self.sample_list = sample_list_view(self.sample_model, self.fontMetrics().height() + 6)
        self.sample_list.setToolTip(self.tr("The dataset's samples (training rows, then test rows): select one to "
                                            "walk it. A click on a point of the Data-and-boundary plot picks it too."))
        self._connect()
        document.structure_changed.connect(self.refresh)  # the output's units decide the targets' encoding
        document.data_changed.connect(self.refresh)

    def _make_fields(self) -> None:
        self.source = QComboBox()
        self.source.addItems([self.tr("Dataset row"), self.tr("Typed values")])
        self.source.setToolTip(self.tr("Walk a row of the training set, or values you type"))
        self.row = QSpinBox()
        self.row.setMinimum(0)
        self.row.setToolTip(self.tr("Which row (0-based) of the training or test set to walk"))
        self.which_box = QComboBox()
        self.which_box.addItem(self.tr("training set"), "train")
        self.which_box.addItem(self.tr("test set"), "test")
        self.which_box.setToolTip(self.tr("Walk a row of the training set or of the held-out test set"))
        self.random_button = QPushButton(self.tr("Random"))
        self.random_button.setToolTip(self.tr("Pick a random training-set row"))
        self.input_edit = QLineEdit()
        self.input_edit.setPlaceholderText(self.tr("input, e.g. 1, 0.5, −1"))
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(self.tr("target, e.g. 1, 0, 0 (empty: ∂ŷ/∂ŷ = 1)"))
        self.start_button = QPushButton(self.tr("Start walk"))
        self.start_button.setToolTip(self.tr("Take a fresh snapshot of the network and walk this sample"))

    def _sample_line(self) -> QGridLayout:
        """Sample: [Dataset row ▾] row N of the [training set ▾] Random | x = … y = …   [Start walk]."""
        self._make_fields()
        self.sample_stack = QStackedWidget()
        self.sample_stack.addWidget(_row_of(self.tr("row"), self.row, self.tr("of the"), self.which_box,
                                            self.random_button, stretch=True))
        self.sample_stack.addWidget(_row_of("x =", self.input_edit, "y =", self.target_edit, widths={1: 1, 3: 1}))
        sample = QGridLayout()
        sample.addWidget(QLabel(self.tr("Sample:")), 0, 0)
        sample.addWidget(self.source, 0, 1)
        sample.addWidget(self.sample_stack, 0, 2)
        sample.addWidget(self.start_button, 0, 3)
        sample.setColumnStretch(2, 1)
        return sample

    def _connect(self) -> None:
        self.source.currentIndexChanged.connect(self.sample_stack.setCurrentIndex)
        self.random_button.clicked.connect(self.random_row)
        self.start_button.clicked.connect(lambda: self.start_requested.emit())
        self.input_edit.returnPressed.connect(lambda: self.start_requested.emit())
        self.target_edit.returnPressed.connect(lambda: self.start_requested.emit())
        self.which_box.activated.connect(self._on_which)
        self.sample_list.selectionModel().currentRowChanged.connect(self._on_sample_row)

    # --- the data -------------------------------------------------------------------------------

    def data(self) -> PreparedData:
        """The data as the trainer sees it (:func:`stepper_data`; prepared once per data settings)."""
        key = (repr(self.doc.data.to_dict()),
               self.doc.spec.output_node.units, str(self.doc.path) if self.doc.path else "")
        if key != self._prepared_key:
            self._prepared = None
            self._prepared_key = None
            self._prepared = stepper_data(self.doc)
            self._prepared_key = key
        return self._prepared

    def part(self, which: str):
        """The training or the test part of the data."""
        data = self.data()
        return data.train if which == "train" else data.test

    def which(self) -> str:
        """The part of the data the row number counts in: "train" or "test"."""
        return self.which_box.currentData() or "train"

    def fill_defaults(self) -> None:
        """Typed values of the network's sizes, and the list; typed values when the data cannot be used."""
        spec = self.doc.spec
        try:
            nin, nout = spec.input_node.units, spec.output_node.units
        except Exception:
            return
        if not self.input_edit.text():
            self.input_edit.setText(", ".join(["1"] * nin))
        if not self.target_edit.text():
            self.target_edit.setText(", ".join(["0"] * nout))
        try:
            self._fill_samples()
        except Exception:
            self.source.setCurrentIndex(1)

    def refresh(self) -> None:
        """The network or the data changed: prepare the data again and list it."""
        self._prepared_key = None
        try:
            self._fill_samples()
        except Exception:
            pass  # reported when a dataset row is asked for

    def _fill_samples(self) -> None:
        """The sample list and the row box from the data (raises if it cannot be prepared)."""
        try:
            data = self.data()
        except Exception:
            self.sample_model.set_data(None)
            raise
        if data is not self.sample_model.prepared:
            self.sample_model.set_data(data)
        self.row.setMaximum(max(len(self.part(self.which())) - 1, 0))

    def _on_which(self, _index: int) -> None:
        try:
            self.row.setMaximum(max(len(self.part(self.which())) - 1, 0))
        except Exception:
            pass  # reported when a dataset row is asked for

    # --- choosing --------------------------------------------------------------------------------

    def choose(self, row: int, which: str = "train") -> None:
        """Show dataset row ``row`` of ``which`` as the sample, selected in the list."""
        self.source.setCurrentIndex(0)
        self.which_box.setCurrentIndex(max(self.which_box.findData(which), 0))
        self._on_which(0)
        self.row.setValue(row)
        self._select_in_list(row, which)

    def _select_in_list(self, row: int, which: str) -> None:
        k = self.sample_model.list_row(row, which)
        if k < 0:
            return
        self._picking = True
        try:
            idx = self.sample_model.index(k, 0)
            selection = self.sample_list.selectionModel()
            selection.setCurrentIndex(idx, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
            self.sample_list.scrollTo(idx)
        finally:
            self._picking = False

    def _on_sample_row(self, current, _previous) -> None:
        if self._picking or not current.isValid():
            return
        self.sample_chosen.emit(*self.sample_model.sample_at(current.row()))

    def random_row(self) -> None:
        """A random training row, to be walked at once."""
        try:
            n = len(self.part("train").X)
        except Exception as e:
            self.show_problem(self.tr("The dataset cannot be used: {0}").format(e))
            return
        self.sample_chosen.emit(int(np.random.default_rng().integers(n)), "train")

    def sample(self) -> tuple[np.ndarray, np.ndarray | None, str]:
        """The chosen sample (x, y, how to name it). Raises :class:`SampleError`."""
        spec = self.doc.spec
        nin, nout = spec.input_node.units, spec.output_node.units
        if self.source.currentIndex() == 0:
            return self._dataset_sample(nin)
        x = parse_values(self.input_edit.text(), nin, "input")
        if not self.target_edit.text().strip():
            if nout != 1:
                raise SampleError(self.tr("Type the target: {0} numbers (without one, only a single-output "
                                          "network can be walked from ∂ŷ/∂ŷ = 1).").format(nout))
            return x, None, self.tr("typed input, no target")
        y = parse_values(self.target_edit.text(), nout, "target")
        return x, y, self.tr("typed values")

    def _dataset_sample(self, nin: int) -> tuple[np.ndarray, np.ndarray, str]:
        """The row box's row of the chosen part, checked against the network's ``nin`` inputs."""
        which = self.which()
        train = which == "train"
        try:
            part = self.part(which)
        except Exception as e:
            raise SampleError(self.tr("The dataset cannot be used ({0}); type the values instead.").format(e)) from None
        n = len(part.X)
        r = self.row.value()
        if n == 0:
            raise SampleError(self.tr("The training set is empty.") if train else self.tr("The test set is empty."))
        if not 0 <= r < n:
            raise SampleError((self.tr("The training set has rows 0 to {0}.") if train
                               else self.tr("The test set has rows 0 to {0}.")).format(n - 1))
        if part.X.shape[1] != nin:
            raise SampleError(self.tr("The dataset has {0} inputs; the network takes {1}.").format(
                part.X.shape[1], nin))
        label = (self.tr("training row {0}") if train else self.tr("test row {0}")).format(r)
        return np.array(part.X[r], dtype=float), np.array(part.Y[r], dtype=float), label

    # --- problems ----------------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Say under the sample what is wrong with it."""
        self.sample_error.setText(text)
        self.sample_error.show()

    def clear_problem(self) -> None:
        self.sample_error.hide()
