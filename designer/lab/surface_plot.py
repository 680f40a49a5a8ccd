"""One loss surface on screen: a heat map with contour lines, a colour bar and each optimiser's path.

It draws a :class:`core.lab.Landscape` and paths already in plot
coordinates; the landscape panel (:mod:`.landscape`) computes them.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QWidget

from core.lab import Landscape

from .common import set_title, span_title

#: Pale at low loss, dark at high: the coloured paths stay visible everywhere.
_CMAP = pg.ColorMap([0.0, 0.35, 0.7, 1.0], ["#fbfaf4", "#d9d4c3", "#9a9383", "#4a463f"])


class SurfacePlot(pg.PlotWidget):
    """A heat map of the loss with contour lines, a colour bar and one path per optimiser.

    The image holds the grid exactly as :func:`core.lab.landscape` returns
    it (``image[iy, ix]``, row-major), each pixel centred on its grid point.
    """

    N_CONTOURS = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(210, 220)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=_CMAP, interactive=False, width=14)
        self.colorbar.axis.enableAutoSIPrefix(False)
        self.colorbar.setImageItem(self.image, insert_in=item)
        span_title(item)
        self.contours = []
        for _ in range(self.N_CONTOURS):
            iso = pg.IsocurveItem(level=0.0, pen=pg.mkPen((60, 60, 60, 110), width=1), axisOrder="row-major")
            iso.setParentItem(self.image)
            self.contours.append(iso)
        self.legend = item.addLegend(offset=(8, 8), labelTextSize="8pt")
        self.halos: list[pg.PlotDataItem] = []
        self.paths: list[pg.PlotDataItem] = []
        self.ends: list[pg.ScatterPlotItem] = []
        self.start = pg.ScatterPlotItem(size=13, symbol="star", pen=pg.mkPen("k", width=1),
                                        brush=pg.mkBrush("w"))
        self.start.setZValue(20)
        item.addItem(self.start)
        self.lanes = []

    #: Below this width the legend would cover the surface; the colour
    #: swatches beside each optimiser's name in the controls still tell them apart.
    LEGEND_MIN_WIDTH = 330

    legend_wanted = True

    def want_legend(self, wanted: bool) -> None:
        """Show the legend here (where the plot is wide enough for it) or never."""
        self.legend_wanted = wanted
        self._fit_legend()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        legend = self.__dict__.get("legend")  # PlotWidget resizes itself before __init__ ends
        if legend is not None:
            legend.setVisible(self.legend_wanted and self.width() >= self.LEGEND_MIN_WIDTH)

    def set_lanes(self, lanes, labels: list[str]) -> None:
        """One path item per lane, created once (then only ``setData``)."""
        item = self.getPlotItem()
        for it in self.halos + self.paths + self.ends:
            item.removeItem(it)
        self.legend.clear()
        self.halos, self.paths, self.ends = [], [], []
        self.lanes = list(lanes)
        for lane, label in zip(lanes, labels):
            halo = pg.PlotDataItem(pen=pg.mkPen((255, 255, 255, 200), width=4.5))
            path = pg.PlotDataItem(pen=pg.mkPen(lane.colour, width=2.2), name=label)
            end = pg.ScatterPlotItem(size=8, symbol="o", pen=pg.mkPen("w", width=1.2),
                                     brush=pg.mkBrush(lane.colour))
            for z, it in ((5, halo), (6, path), (7, end)):
                it.setZValue(z)
                item.addItem(it)
            self.halos.append(halo)
            self.paths.append(path)
            self.ends.append(end)

    def show_surface(self, scape: Landscape, title: str, offset=(0.0, 0.0),
                     labels: tuple[str, str] = ("", "")) -> None:
        """Draw the grid: image, contours at evenly spread loss quantiles, colour bar."""
        xs, ys = scape.xs + offset[0], scape.ys + offset[1]
        L = np.asarray(scape.loss, dtype=float)
        finite = L[np.isfinite(L)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if hi <= lo:
            hi = lo + 1e-12
        self.image.setImage(L, autoLevels=False)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        self.image.setRect(rect)
        self.colorbar.setLevels((lo, hi))
        levels = np.quantile(finite, np.linspace(0.04, 0.96, self.N_CONTOURS)) if finite.size else []
        for iso, level in zip(self.contours, levels):
            iso.setData(np.where(np.isfinite(L), L, hi), float(level))
        item = self.getPlotItem()
        set_title(item, title)
        item.setLabel("bottom", labels[0])
        item.setLabel("left", labels[1])
        item.setRange(rect=rect, padding=0.02)

    def show_paths(self, paths: list[np.ndarray], diverged: list[bool], offset=(0.0, 0.0)) -> None:
        """Each lane's path, a white halo under it, a dot at its end (a cross if it diverged)."""
        ox, oy = offset
        for k, (halo, path, end) in enumerate(zip(self.halos, self.paths, self.ends)):
            if k >= len(paths) or len(paths[k]) == 0:
                for it in (halo, path):
                    it.setData([], [])
                end.setData([], [])
                continue
            p = paths[k]
            x, y = p[:, 0] + ox, p[:, 1] + oy
            halo.setData(x, y)
            path.setData(x, y)
            end.setData([x[-1]], [y[-1]], symbol="x" if diverged[k] else "o")
        if paths and len(paths[0]):
            self.start.setData([paths[0][0, 0] + ox], [paths[0][0, 1] + oy])
        else:
            self.start.setData([], [])

    def restyle_colorbar(self, palette) -> None:
        """The colour bar's axis in the theme's text colour."""
        text = palette.color(palette.ColorRole.Text)
        ax = self.colorbar.axis
        ax.setPen(pg.mkPen(text))
        ax.setTextPen(pg.mkPen(text))
        ax.setLabel(self.tr("loss"), color=text.name())

    def grid_values(self) -> np.ndarray:
        """The values the image shows, as ``loss[iy, ix]``."""
        return np.asarray(self.image.image)
