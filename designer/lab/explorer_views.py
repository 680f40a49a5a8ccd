"""The activation explorer's two views: the lecture's table of activations, and the plot of f and f′.

They show what :data:`core.activations.ACTIVATIONS` and
:func:`core.lab.saturation_intervals` give; the explorer
(:mod:`.activation_explorer`) decides which activation is current and
which are compared.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.activations import ACTIVATIONS

from ..i18n import activation_name

#: Activations that act unit by unit, so f and f′ are curves over x.
PLOTTABLE = [a.name for a in ACTIVATIONS.values() if a.elementwise]

#: Distinct colours for the curves (Okabe–Ito first, then a few more).
COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6a3d9a",
           "#8c564b", "#b8860b", "#17becf", "#7f7f7f", "#bcbd22"]
SHADE = (240, 228, 66, 70)
_GREY = (128, 128, 128, 150)


def colour(name: str) -> str:
    """The one colour an activation has in the table and the plot."""
    return COLOURS[PLOTTABLE.index(name) % len(COLOURS)] if name in PLOTTABLE else "#7f7f7f"


class ActivationTable(QTableWidget):
    """One row per activation: name, f, f′, zero-centred, saturates; the lecture's note as tooltip.

    Rows of activations that cannot be plotted (softmax) are greyed and not selectable.
    """

    def __init__(self, notes: dict[str, str], parent: QWidget | None = None):
        names = list(ACTIVATIONS)
        super().__init__(len(names), 5, parent)
        self.setHorizontalHeaderLabels(["Activation", "f(x)", "f′(x)", "zero-centred", "saturates"])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rows = {name: r for r, name in enumerate(names)}
        grey = QBrush(self.palette().color(self.palette().ColorRole.PlaceholderText))
        for r, name in enumerate(names):
            a = ACTIVATIONS[name]
            cells = [activation_name(a), a.formula, a.derivative_formula,
                     "yes" if a.zero_centred else "no", "yes" if a.saturating else "no"]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                it.setToolTip(notes.get(name, ""))
                if c >= 3:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if name not in PLOTTABLE:
                    it.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    it.setForeground(grey)
                if c == 0 and name in PLOTTABLE:
                    it.setData(Qt.ItemDataRole.DecorationRole, QColor(colour(name)))
                self.setItem(r, c, it)


class ActivationPlot(pg.PlotWidget):
    """f solid and f′ dashed per activation, saturated regions shaded, f(0) marked, and a histogram
    of pre-activations on its own right-hand axis.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(360, 260)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setLabel("bottom", self.tr("x (net input z)"))
        item.setLabel("left", self.tr("f(x)  solid,   f′(x)  dashed"))
        # Bottom right: activations rise from left to right, so that corner is empty for all of them.
        self.legend = item.addLegend(offset=(-8, -8), labelTextSize="9pt")
        self.shades: list[pg.LinearRegionItem] = []
        item.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(_GREY)))
        item.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(_GREY)))
        self.curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        for name in PLOTTABLE:
            f = pg.PlotDataItem(pen=pg.mkPen(colour(name), width=2.4))
            d = pg.PlotDataItem(pen=pg.mkPen(colour(name), width=2.0, style=Qt.PenStyle.DashLine))
            for c in (f, d):
                c.setVisible(False)
                c.setZValue(5)
                item.addItem(c)
            self.curves[name] = (f, d)
        self.zero_mark = pg.ScatterPlotItem(size=11)
        self.zero_mark.setZValue(8)
        item.addItem(self.zero_mark)
        # Legend samples for the shading and the histogram (items with no data).
        self.shade_key = pg.PlotDataItem(pen=pg.mkPen(SHADE[:3] + (160,)), fillLevel=0, brush=pg.mkBrush(*SHADE))
        self.hist_key = pg.PlotDataItem(pen=pg.mkPen((110, 110, 110, 160)), fillLevel=0,
                                        brush=pg.mkBrush(140, 140, 140, 45))
        self._build_histogram(item)

    def _build_histogram(self, item: pg.PlotItem) -> None:
        self.hist_vb = pg.ViewBox()
        self.hist_vb.setMouseEnabled(False, False)
        item.showAxis("right")
        item.scene().addItem(self.hist_vb)
        item.getAxis("right").linkToView(self.hist_vb)
        item.getAxis("right").enableAutoSIPrefix(False)
        self.hist_vb.setXLink(item)
        self.hist = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen((110, 110, 110, 160)),
                                    brush=pg.mkBrush(140, 140, 140, 45))
        self.hist_vb.addItem(self.hist)
        item.vb.sigResized.connect(self._sync_views)

    def _sync_views(self) -> None:
        vb = self.getPlotItem().vb
        self.hist_vb.setGeometry(vb.sceneBoundingRect())
        self.hist_vb.linkedViewChanged(vb, self.hist_vb.XAxis)

    def shade(self, intervals: list[tuple[float, float]], tip: str, legend: str) -> None:
        """Shade ``intervals`` of x (regions made once, then reused); a legend entry when there are any."""
        item = self.getPlotItem()
        while len(self.shades) < len(intervals):
            reg = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*SHADE), pen=pg.mkPen(SHADE[:3] + (90,)))
            reg.setZValue(-5)
            item.addItem(reg)
            self.shades.append(reg)
        for k, reg in enumerate(self.shades):
            reg.setVisible(k < len(intervals))
            if k < len(intervals):
                reg.setRegion(intervals[k])
                reg.setToolTip(tip)
        if intervals:
            self.legend.addItem(self.shade_key, legend)

    def show_histogram(self, z: np.ndarray | None, x: np.ndarray, legend: str) -> None:
        """The share of ``z`` per bin over x's range, in the lower half of the plot; None hides it."""
        show = z is not None
        self.hist.setVisible(show)
        axis = self.getPlotItem().getAxis("right")
        axis.setStyle(showValues=show)
        axis.setLabel(self.tr("% of pre-activations z") if show else "")
        if not show:
            return
        counts, edges = np.histogram(z, bins=60, range=(x[0], x[-1]))
        share = 100.0 * counts / max(len(z), 1)
        self.hist.setData(edges, share)
        self.legend.addItem(self.hist_key, legend)
        # The histogram fills the lower half of the plot at most: the curves stay readable.
        self.hist_vb.setYRange(0, max(float(share.max()) * 2.0, 1e-9), padding=0)
