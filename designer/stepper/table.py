"""The table of steps done so far, and number formatting shared by the stepper's views.

:class:`StepTableModel` is a plain ``QAbstractTableModel`` over a list of
:class:`core.trace.TraceStep`: only the rows on screen are ever asked for,
so a walk of 5,000+ steps stays responsive (the view must use fixed row
heights, which :func:`make_step_table` sets up).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from core.trace import TraceStep, format_number



def fmt(v: Any) -> str:
    """A number or a list of numbers as the trace writes them (core.trace.format_number)."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    return format_number(v)


def where_text(step: TraceStep) -> str:
    """``hidden[0]`` / ``c2[1,0]`` / ``out``: the node or connection and unit indices."""
    return step.where + ("[" + ",".join(map(str, step.units)) + "]" if step.units else "")


class StepTableModel(QAbstractTableModel):
    """Rows: the steps done so far (the first ``count`` of ``steps``)."""

    COLUMNS = ("#", "Phase", "Where", "Formula", "With numbers", "Local", "Upstream", "Product")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps: list[TraceStep] = []
        self._count = 0

    # --- feeding ----------------------------------------------------------------------------

    def set_steps(self, steps: list[TraceStep], count: int) -> None:
        """Show ``steps[:count]``; a different list resets, the same list inserts/removes rows."""
        count = max(0, min(count, len(steps)))
        if steps is not self._steps:
            self.beginResetModel()
            self._steps, self._count = steps, count
            self.endResetModel()
            return
        self.set_count(count)

    def set_count(self, count: int) -> None:
        """Rows appear and disappear as the walk goes forward and back."""
        count = max(0, min(count, len(self._steps)))
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()

    def step(self, row: int) -> TraceStep:
        return self._steps[row]

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                "Local": "The local derivative of this step's op",
                "Upstream": "The gradient arriving from above (∂L/∂ of the op's output)",
                "Product": "local × upstream: the chain rule's product",
            }.get(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        s = self._steps[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{s.symbol}\n{s.numbers}"
            if s.label:
                text = f"{s.label}\n{text}"
            if isinstance(s.local, float):
                text += f"\nlocal {fmt(s.local)} × upstream {fmt(s.upstream)} = {fmt(s.product)}"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 5, 6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(s: TraceStep, col: int) -> str:
        if col == 0:
            return str(s.index + 1)
        if col == 1:
            return s.phase
        if col == 2:
            return where_text(s)
        if col == 3:
            return s.symbol
        if col == 4:
            return s.numbers
        value = (s.local, s.upstream, s.product)[col - 5]
        if value is None or isinstance(value, (list, tuple)) and len(str(value)) > 60:
            return "" if value is None else "(matrix: see the card)"
        return fmt(value)


def make_step_table(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A table view that stays fast for thousands of rows (fixed row heights, no word wrap)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 8)
    hh = view.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(False)
    widths = (42, 72, 84, 300, 380, 70, 80, 80)
    for c, w in enumerate(widths[: model.columnCount()]):
        view.setColumnWidth(c, w)
    font = QFont(view.font())
    view.setFont(font)
    return view
