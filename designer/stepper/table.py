"""The table of steps done so far, and number formatting shared by the stepper's views.

:class:`StepTableModel` is a plain ``QAbstractTableModel`` over a list of
:class:`core.trace.TraceStep`: only the rows on screen are ever asked for,
so a walk of 5,000+ steps stays responsive (the view must use fixed row
heights, which :func:`make_step_table` sets up).
"""
from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, QPointF, QRectF, Qt)
from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QWidget)

from core.trace import TraceStep, format_number

from .names import phase_word, step_caption, unit_name

_SUBSCRIPT = re.compile(r"_\{([^{}]*)\}")



def fmt(v: Any) -> str:
    """A number or a list of numbers as the trace writes them (core.trace.format_number)."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    return format_number(v)


def formula_html(text: str) -> str:
    """A trace formula as rich text: core writes a subscript that is not all
    digits as ``z_{h1[0]}`` (plain text, for the command line); here it
    becomes a real subscript, z<sub>h1[0]</sub>.
    """
    return _SUBSCRIPT.sub(r"<sub>\1</sub>", html.escape(text))


class FormulaDelegate(QStyledItemDelegate):
    """Draws a formula cell with its subscripts set small and low, in the view's own font."""

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or "_{" not in text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if opt.widget is not None:  # background, selection, focus: as any cell
            opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        role = (QPalette.ColorRole.HighlightedText if opt.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        right = align is not None and bool(Qt.AlignmentFlag(int(align)) & Qt.AlignmentFlag.AlignRight)
        painter.save()
        painter.setPen(opt.palette.color(role))
        _draw_formula(painter, QRectF(opt.rect.adjusted(4, 0, -4, 0)), text, opt.font, right)
        painter.restore()


def _draw_formula(painter, rect: QRectF, text: str, font: QFont, right: bool) -> None:
    """``text`` on one line in ``rect``, each ``_{…}`` as a subscript; cut with "…" if too long."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * 0.75)
    else:
        small.setPixelSize(max(1, round(font.pixelSize() * 0.75)))
    pieces = [(piece, QFontMetricsF(small if k % 2 else font), small if k % 2 else font, k % 2 == 1)
              for k, piece in enumerate(_SUBSCRIPT.split(text)) if piece]  # text, subscript, text, ...
    metrics = QFontMetricsF(font)
    total = sum(m.horizontalAdvance(piece) for piece, m, _, _ in pieces)
    x = max(rect.left(), rect.right() - total) if right else rect.left()
    room = rect.right() - metrics.horizontalAdvance("…")
    baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) / 2
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    for piece, m, f, sub in pieces:
        painter.setFont(f)
        at = QPointF(x, baseline + (metrics.ascent() * 0.25 if sub else 0.0))
        width = m.horizontalAdvance(piece)
        if x + total > rect.right() and x + width > room:  # the last piece that shows, then "…"
            painter.drawText(at, m.elidedText(piece + "…", Qt.TextElideMode.ElideRight, max(rect.right() - x, 0.0)))
            return
        painter.drawText(at, piece)
        x += width
        total -= width


def where_text(step: TraceStep, spec: Any = None) -> str:
    """Where a step happens, as the formulas name it.

    With ``spec`` and units that carry labels (the lecture's 1 … 9):
    ``unit 4`` for a unit, ``4 → 7`` for an edge. Otherwise the node or
    connection id with 0-based indices: ``hidden[0]``, ``c2[1,0]``, ``out``.
    """
    plain = step.where + ("[" + ",".join(map(str, step.units)) + "]" if step.units else "")
    if spec is None or not step.units:
        return plain

    def label(nid: str, k: int) -> str | None:
        node = spec.nodes.get(nid)
        given = node.meta.get("unit_labels") if node is not None else None
        return str(given[k]) if isinstance(given, list) and 0 <= k < len(given) else None

    if step.where in spec.nodes and len(step.units) == 1:
        lb = label(step.where, step.units[0])
        return unit_name(lb) if lb is not None else plain
    c = spec.connections.get(step.where)
    if c is not None and len(step.units) == 2:
        a, b = label(c.src, step.units[0]), label(c.dst, step.units[1])
        return f"{a} → {b}" if a is not None and b is not None else plain
    return plain


class StepTableModel(QAbstractTableModel):
    """Rows: the steps done so far (the first ``count`` of ``steps``)."""

    COLUMNS = ("#", QT_TRANSLATE_NOOP("StepTable", "Phase"), QT_TRANSLATE_NOOP("StepTable", "Where"),
               QT_TRANSLATE_NOOP("StepTable", "Formula"), QT_TRANSLATE_NOOP("StepTable", "With numbers"),
               QT_TRANSLATE_NOOP("StepTable", "Local"), QT_TRANSLATE_NOOP("StepTable", "Upstream"),
               QT_TRANSLATE_NOOP("StepTable", "Product"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps: list[TraceStep] = []
        self._count = 0
        self.spec: Any = None  # the walked network's spec: unit labels for the Where column

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
            return QCoreApplication.translate("StepTable", self.COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tip = {
                "Local": QT_TRANSLATE_NOOP("StepTable", "The local derivative of this step's op"),
                "Upstream": QT_TRANSLATE_NOOP("StepTable",
                                              "The gradient arriving from above (∂L/∂ of the op's output)"),
                "Product": QT_TRANSLATE_NOOP("StepTable", "local × upstream: the chain rule's product"),
            }.get(self.COLUMNS[section])
            return QCoreApplication.translate("StepTable", tip) if tip else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        s = self._steps[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0 and self.COLUMNS[0] == "#":
                # The walk's own count, as the card's "step n of N": at the scalar
                # level the walk is one unit's steps, a part of the whole trace.
                return str(index.row() + 1)
            if col == 2 and self.COLUMNS[2] == "Where":
                return where_text(s, self.spec)
            return self._text(s, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [formula_html(s.symbol), formula_html(s.numbers)]
            if s.label:
                lines.insert(0, formula_html(step_caption(s)))
            if isinstance(s.local, float):
                lines.append(QCoreApplication.translate("StepTable", "local {0} × upstream {1} = {2}").format(
                    fmt(s.local), fmt(s.upstream), fmt(s.product)))
            return "<p style='white-space:pre'>" + "<br>".join(lines) + "</p>"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 5, 6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(s: TraceStep, col: int) -> str:
        """Column ``col`` of a step (column 0, the walk's count, comes from :meth:`data`)."""
        if col == 1:
            return phase_word(s.phase)
        if col == 2:
            return where_text(s)
        if col == 3:
            return s.symbol
        if col == 4:
            return s.numbers
        value = (s.local, s.upstream, s.product)[col - 5]
        if value is None or isinstance(value, (list, tuple)) and len(str(value)) > 60:
            return "" if value is None else QCoreApplication.translate("StepTable", "(matrix: see the card)")
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
    view.setItemDelegate(FormulaDelegate(view))  # any cell with a z_{h1[0]} in it
    return view
