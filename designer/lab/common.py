"""What the lab panels share: plot styling, the document's data, the controls-beside-plots layout.

Nothing here computes anything about networks; :mod:`core.lab` does. This
module only decides how the panels look. The optimisers the panels offer
(:mod:`.lanes`), the decade spin box (:mod:`.spinbox`) and the notation
(:mod:`.notation`) have their own modules; their names are re-exported
here, so a panel imports what it shares from one place.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QApplication, QFrame, QScrollArea, QSplitter, QStyle, QVBoxLayout, QWidget)

from core.data.source import DataSource
from core.metrics import Targets
from core.spec import NetworkSpec

from .lanes import LANE_BY_KEY, LANES, Lane, LaneTable, lane_label, swatch  # noqa: F401 (re-exported)
from .lanes import decay_spin, hyper_spin, hyper_symbol  # noqa: F401 (re-exported)
from .notation import combining_marks_render, notation  # noqa: F401 (re-exported)
from .spinbox import SciSpinBox  # noqa: F401 (re-exported)


# --- plots ------------------------------------------------------------------------------------


def style_plot(plot: pg.PlotWidget | pg.PlotItem, palette: QPalette | None = None) -> None:
    """Colour a plot from the widget palette (light or dark theme), not pyqtgraph's black.

    Only this plot is touched: pyqtgraph's global options are left alone.
    """
    pal = palette or QApplication.palette()
    base = pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    if isinstance(plot, pg.PlotWidget):
        plot.setBackground(base)
    for name in ("left", "bottom", "right", "top"):
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen(text))
        ax.setTextPen(pg.mkPen(text))
    item.titleLabel.setAttr("color", text.name())
    item.titleLabel.setText(item.titleLabel.text)
    span_title(item)
    if item.legend is not None:
        item.legend.setLabelTextColor(text)
        fill = QColor(base)
        fill.setAlpha(220)
        item.legend.setBrush(pg.mkBrush(fill))
        item.legend.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))


class _TitleLabel(pg.LabelItem):
    """pyqtgraph's title label without its claim to the whole text's width."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph's name
        super().updateMin()
        self.setMinimumWidth(0)


def span_title(item: pg.PlotItem) -> None:
    """Let the title row span the whole plot and never widen it.

    pyqtgraph puts the title over the data column only and gives it its
    text's width as a minimum (again at every resize), so in a narrow dock a
    long title pushes the axis, the legend or the colour bar out of the
    widget. The replacement label spans every column and asks for no
    width: a title wider than the plot is centred and runs into the margins.
    Call it after adding columns (a colour bar); calling it again does nothing.
    """
    old, layout = item.titleLabel, item.layout
    if isinstance(old, _TitleLabel):
        return
    label = _TitleLabel(old.text, parent=item, **old.opts)
    label.setVisible(old.isVisible())
    label.setMaximumHeight(old.maximumHeight())
    layout.removeItem(old)
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)
    layout.addItem(label, 0, 0, 1, layout.columnCount())
    item.titleLabel = label


def two_lines(name: str, detail: str) -> str:
    """A plot title on two lines, the detail smaller: narrow plots keep it whole."""
    return f"{name}<br><span style='font-size:9pt'>{detail}</span>"


def set_title(item: pg.PlotItem, title: str) -> None:
    """Set a plot's title; a title of two lines (``<br>``: a name, then a
    smaller detail) gets a row tall enough (pyqtgraph fixes it at 30 px).
    """
    item.setTitle(title)
    height = 40 if "<br>" in title else 30
    item.titleLabel.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)


def text_colour(widget: QWidget | None = None) -> QColor:
    """The theme's text colour (the widget's palette, else the application's)."""
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Text)


def is_dark(widget: QWidget | None = None) -> bool:
    """Whether the theme is dark: plots pick colours that show on it."""
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def lane_pen(lane: Lane, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    """A pen in the lane's colour."""
    return pg.mkPen(lane.colour, width=width, style=style)


class PowerOfTenAxis(pg.AxisItem):
    """An axis for values plotted as log10(v): ticks at whole powers, labelled 10⁻³."""

    _SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        if hi - lo < 1:
            return super().tickValues(minVal, maxVal, size)
        step = max(1, int(math.ceil((hi - lo) / max(size / 28.0, 1))))
        major = [float(v) for v in range(lo, hi + 1, step) if minVal <= v <= maxVal]
        return [(float(step), major)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for v in values:
            if abs(v - round(v)) < 1e-9:
                out.append("1" if round(v) == 0 else f"10{str(int(round(v))).translate(self._SUP)}")
            else:
                out.append(f"{10 ** v:.2g}")
        return out


# --- documents and data -------------------------------------------------------------------------


class DataProblem(Exception):
    """The document's network or data cannot be used right now, said in one line."""


def document_data(document) -> tuple[Targets, Targets | None]:
    """The document's training and test sets, prepared on a copy of its data source.

    Raises :class:`DataProblem` with a message for a person when the network
    cannot train (listing its problems) or the data cannot be loaded.
    """
    if not document.can_train():
        probs = "; ".join(p.message for p in document.problems[:3])
        raise DataProblem(f"The network cannot train yet: {probs}.")
    src = DataSource.from_dict(document.data.to_dict())
    base = document.path.parent if document.path is not None else None
    try:
        prepared = src.prepare(document.spec.output_node.units, base, n_inputs=document.spec.input_node.units)
    except Exception as e:  # DataError and friends: reported, not swallowed
        raise DataProblem(f"The data cannot be used: {e}") from None
    test = prepared.test if len(prepared.test) else None
    return prepared.train, test


def network_summary(spec: NetworkSpec) -> str:
    """``"2 → 8 → 8 → 1 (tanh, logistic)"`` for a chain; node count otherwise."""
    order = spec.topological_order()
    if len(spec.connections) == len(order) - 1:
        sizes = " → ".join(str(spec.nodes[n].units) for n in order)
        acts = list(dict.fromkeys(spec.nodes[n].activation for n in order if spec.nodes[n].kind != "input"))
        return f"{sizes} ({', '.join(acts)})"  # in layer order: hidden first, output last
    return f"{len(order)} groups, {len(spec.connections)} connections"


def finite_or_nan(v: float) -> float:
    """``v`` as a float, NaN where it is None or not finite (a gap in a curve)."""
    return float(v) if v is not None and np.isfinite(v) else float("nan")


class _ControlsArea(QScrollArea):
    """A scroll area that asks for its contents' full size and needs little.

    QScrollArea's own size hint caps the contents at about 36 × 24 lines of
    text, which would shrink the lab's docks; asking for the full size lets
    the controls show whole wherever the window has room.
    """

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget().sizeHint() if self.widget() is not None else QSize(0, 0)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(inner.width() + bar, inner.height())


class ControlsSplitter(QSplitter):
    """Controls on the left, plots on the right; the first time it has a
    width, the controls get at most ``share`` of it (they scroll) and the
    plots the rest. After that the person's dragging rules.
    """

    def __init__(self, share: float = 0.42, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.share = share
        self._balanced = False
        self.setChildrenCollapsible(False)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self.width()
        if self._balanced or self.count() < 2 or width < 400:
            return
        self._balanced = True
        want = self.widget(0).sizeHint().width()
        left = max(self.widget(0).minimumSizeHint().width(), min(want, int(width * self.share)))
        self.setSizes([left, width - left - self.handleWidth()])


def scrollable(controls: QWidget) -> QScrollArea:
    """``controls`` in a frameless scroll area.

    A column of controls is as wide as its widest row; inside a scroll area
    it scrolls in a narrow dock instead of making the whole window wider
    than a laptop's screen. Where there is room it shows at its full size.
    """
    area = _ControlsArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(controls)
    area.setMinimumWidth(160)
    return area


class LabPanel(QWidget):
    """Base of the lab's panels: restyle the plots when the light/dark theme changes.

    Subclasses draw their plots in :meth:`_restyle` (called on every palette
    change); this keeps the theme plumbing in one place.
    """

    def _restyle(self) -> None:
        """Recolour the panel's plots from ``self.palette()``."""

    def _place(self, controls: QWidget, plots: QWidget) -> None:
        """The lab's one layout: controls on the left, plots taking the rest, never collapsed."""
        split = ControlsSplitter()
        split.addWidget(scrollable(controls))
        split.addWidget(plots)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)
