"""The CSV part of the Training dock's data box: the file, a preview of its first rows, its target column.

A CSV file is read when chosen, by core (``core.data.csvfile``), and a bad
file's message (file, row, column) is shown here, in place, with its bad
rows marked red in the preview, while the previous dataset stays in use.
The name beside "Choose…" is always the file training uses.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.data.csvfile import load_csv, preview_csv
from core.data.dataset import BadCell, DataError
from core.data.source import DataSource

from .commands import SetData
from ..theme import ErrorLabel

#: The data source name of a CSV file.
CSV = "csv"
_PREVIEW_ROWS = 8
#: The fill of a bad cell in the CSV preview: a red light enough to read dark text on, in either theme.
_ERROR_FILL = "#f4a6a6"


class CsvBox(QWidget):
    """File name and Choose…, the preview table, the target column and the error of a CSV dataset.

    Signals
    -------
    csv_error(str)
        A chosen CSV file could not be used (the message also shows in place).
    """

    csv_error = Signal(str)

    def __init__(self, document: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._path: str | None = None
        self._columns: list[str] = []
        cv = QVBoxLayout(self)
        cv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.csv_label = QLabel(self.tr("No file chosen"))
        self.csv_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose)
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
        self.csv_target.activated.connect(self._on_target)
        trow.addWidget(self.csv_target, 1)
        cv.addLayout(trow)
        self.csv_error_label = ErrorLabel()
        self.csv_error_label.setObjectName("csv-error")
        self.csv_error_label.setWordWrap(True)
        self.csv_error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.csv_error_label.hide()
        cv.addWidget(self.csv_error_label)

    @property
    def shown_path(self) -> str | None:
        """The file the preview shows (the document's, or one just refused)."""
        return self._path

    @Slot()
    def choose(self) -> bool:
        """Ask for a file and try it (a refused one is explained in place); False when the person cancelled."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a CSV file"), "",
                                              "CSV files (*.csv *.csv.gz *.tsv *.txt);;All files (*)")
        if not path:
            return False
        self.open_csv(path)
        return True

    def open_csv(self, path: str | Path, target: str | None = None) -> bool:
        """Use a CSV file as the dataset; on a bad file show why, in place, and keep the old data.

        The file's name beside "Choose…" is always the file training uses:
        a refused file is named only in the error, and its bad rows are
        marked in the preview. Returns True if the file was taken.
        """
        path = str(path)
        self.setVisible(True)
        try:
            ds = load_csv(path, target=target)
        except DataError as e:
            self.preview(path, target, e.bad)
            self._show_error(self.tr("“{0}” was not used.").format(Path(path).name) + f" {e}")
            self._name_in_use()
            return False
        self.preview(path, target)
        self._show_error("")
        d = DataSource.from_dict(self.document.data.to_dict())
        d.name, d.path, d.target = CSV, path, target
        d.features, d.standardize, d.standardizer = [], True, None
        what = self.tr("{0} rows, {1} features, ").format(ds.n_samples, ds.n_features) + (
            self.tr("{0} classes").format(ds.n_classes) if ds.task == "classification" else self.tr("regression"))
        self.document.push(SetData(self.document, d, "dataset", self.tr("Use {0}").format(Path(path).name),
                                   clear_drawn=True))
        self.csv_label.setText(f"{Path(path).name} — {what}")
        self.csv_label.setToolTip(path)
        return True

    def _name_in_use(self) -> None:
        """Beside "Choose…": the CSV file training uses now, or that none is."""
        d = self.document.data
        in_use = d.path if d.name == CSV and d.path else None
        self.csv_label.setText(self.tr("{0} (in use)").format(Path(in_use).name) if in_use
                               else self.tr("No file in use"))
        self.csv_label.setToolTip(in_use or "")

    def _show_error(self, message: str) -> None:
        self.csv_error_label.setText(message)
        self.csv_error_label.setVisible(bool(message))
        if message:
            self.csv_error.emit(message)

    def preview(self, path: str, target: str | None, bad: tuple[BadCell, ...] = ()) -> None:
        """The first rows as text, and the bad rows marked (even of a bad file, so a person can see it)."""
        self._path = path
        by_row = {b.row: b for b in bad}
        try:
            header, body = preview_csv(path, _PREVIEW_ROWS, frozenset(by_row))
        except DataError:
            header, body = [], []
        self._fill_table(header, body, by_row)
        self._columns = header
        with QSignalBlocker(self.csv_target):
            self.csv_target.clear()
            self.csv_target.addItems(header)
            if header:
                self.csv_target.setCurrentIndex(header.index(target) if target in header else len(header) - 1)
        if not bad:
            self.csv_label.setText(Path(path).name)
            self.csv_label.setToolTip(path)

    def _fill_table(self, header: list[str], body: list[tuple[int, list[str]]], by_row: dict[int, BadCell]) -> None:
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

    @Slot(int)
    def _on_target(self, index: int) -> None:
        if self._path and 0 <= index < len(self._columns):
            self.open_csv(self._path, self._columns[index])
