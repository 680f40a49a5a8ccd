"""The stepper's dataset: the samples it can walk, as a list, and a layout that wraps.

:func:`stepper_data` prepares the document's data exactly as training does
(hand-drawn points included, derived features, the train/test split,
standardising fitted on the training part), so a row number means the same
sample here, in the training worker and on the Data-and-boundary plot:
``(row, "train")`` is ``prepared.train`` row ``row`` and the plot's
``raw_train[row]``; ``(row, "test")`` likewise for the test part.

:class:`SampleListModel` lists both parts (training rows first) for a
virtualised ``QTableView``: row number, which part, the inputs the network
sees and the target (class name for classification).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPoint, QRect,
                            QSize, Qt)
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

from core.data.source import DataSource, PreparedData

from .table import fmt

__all__ = ["FlowLayout", "SampleListModel", "part_name", "stepper_data", "WHICH"]

#: The two parts of the data, as the ``which`` of ``sample_picked(row, which)``.
WHICH = ("train", "test")


def stepper_data(document: Any) -> PreparedData:
    """The document's data prepared as the training worker prepares it (raises DataError/ValueError)."""
    source = DataSource.from_dict(document.data.to_dict())
    base = Path(document.path).parent if getattr(document, "path", None) else None
    spec = document.spec
    return source.prepare(spec.output_node.units, base=base, n_inputs=spec.input_node.units)


#: The parts' names in the list's second column.
_PARTS = {"train": QT_TRANSLATE_NOOP("SampleList", "train"), "test": QT_TRANSLATE_NOOP("SampleList", "test")}


def part_name(which: str) -> str:
    """The list's name for a part ("train" or "test") in the person's language."""
    return QCoreApplication.translate("SampleList", _PARTS[which])

class SampleListModel(QAbstractTableModel):
    """Training rows then test rows: #, set, inputs, target. Cells are formatted when shown."""

    HEADERS = ("#", QT_TRANSLATE_NOOP("SampleList", "set"), QT_TRANSLATE_NOOP("SampleList", "inputs x"),
               QT_TRANSLATE_NOOP("SampleList", "target"))
    MAX_INPUTS = 6

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.prepared: PreparedData | None = None
        self._n_train = 0
        self._n_test = 0
        self._class_names: list[str] = []

    def set_data(self, prepared: PreparedData | None) -> None:
        self.beginResetModel()
        self.prepared = prepared
        self._n_train = len(prepared.train) if prepared is not None else 0
        self._n_test = len(prepared.test) if prepared is not None else 0
        ds = prepared.dataset if prepared is not None else None
        self._class_names = list(ds.class_names) if ds is not None and ds.task == "classification" else []
        self.endResetModel()

    # --- rows <-> samples ---------------------------------------------------------------------

    def sample_at(self, list_row: int) -> tuple[int, str]:
        """(row in its part, "train" or "test") of a list row."""
        if list_row < self._n_train:
            return list_row, "train"
        return list_row - self._n_train, "test"

    def list_row(self, row: int, which: str) -> int:
        """The list row of a sample (-1 if there is none)."""
        n = self._n_train if which == "train" else self._n_test
        if not 0 <= row < n:
            return -1
        return row if which == "train" else self._n_train + row

    def count(self, which: str) -> int:
        return self._n_train if which == "train" else self._n_test

    # --- Qt ----------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else self._n_train + self._n_test

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("SampleList", self.HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("SampleList", (
                QT_TRANSLATE_NOOP("SampleList", "Row number within its part (training or test)"),
                QT_TRANSLATE_NOOP("SampleList", "train: a training row; test: a held-out test row"),
                QT_TRANSLATE_NOOP("SampleList", "The inputs the network sees (after derived features and "
                                                "standardising)"),
                QT_TRANSLATE_NOOP("SampleList", "The class, or the target value"))[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.prepared is None:
            return None
        row, which = self.sample_at(index.row())
        part = self.prepared.train if which == "train" else self.prepared.test
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(row)
            if col == 1:
                return part_name(which)
            if col == 2:
                x = part.X[row]
                text = ", ".join(fmt(float(v)) for v in x[:self.MAX_INPUTS])
                return text + (f", … ({len(x)})" if len(x) > self.MAX_INPUTS else "")
            return self._target_text(part, row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and which == "test":
            from PySide6.QtGui import QColor
            return QColor(128, 128, 128)
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return "x = " + ", ".join(fmt(float(v)) for v in part.X[row])
        return None

    def _target_text(self, part: Any, row: int) -> str:
        if part.labels is not None:
            k = int(part.labels[row])
            name = self._class_names[k] if k < len(self._class_names) else str(k)
            return QCoreApplication.translate("SampleList", "class {0}").format(name)
        y = np.asarray(part.Y[row]).reshape(-1)
        return ", ".join(fmt(float(v)) for v in y[:self.MAX_INPUTS])


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        w = sum(i.sizeHint().width() + self.spacing() for i in self._items if not i.isEmpty())
        h = max((i.sizeHint().height() for i in self._items if not i.isEmpty()), default=0)
        return QSize(w, h)

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        r = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = r.x(), r.y(), 0
        sp = self.spacing()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > r.right() + 1 and line > 0:
                x, y, line = r.x(), y + line + sp, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + sp
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
