"""The data points of the Data-and-boundary panel, shared by its plane and curve views.

Training points filled, test points ringed, in the class colours every
panel uses (or, for regression, coloured by target); a legend saying so.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from core.snapshot import RunInfo

from ..common import Table, class_color, diverging_map, symmetric_levels


class ScatterView:
    """Training and test points on ``panel.plot``, with the legend; a base for the plane and the curve."""

    #: The RunInfo mode this view draws.
    mode = ""

    def __init__(self, panel: Any):
        self.panel = panel
        self.train_pts = pg.ScatterPlotItem(size=8, pen=pg.mkPen(255, 255, 255, 230, width=1.2))
        self.test_pts = pg.ScatterPlotItem(size=8, pen=pg.mkPen(20, 20, 20, 230, width=1.5))

    def set_points(self, info: RunInfo) -> None:
        """Put the run's points on the plot and (re)fill the legend."""
        tx, vx = self.positions(info)
        self.train_pts.setData(pos=tx, brush=self.brushes(info, info.y_train))
        self.test_pts.setData(pos=vx, brush=self.brushes(info, info.y_test))
        legend = self._legend()
        legend.clear()
        self.fill_legend(legend, info)

    def fill_table(self, table: Table, snap: Any) -> None:
        """The points as drawn: which set, where, and their class or target."""
        info = snap.info
        sets, xs, ys, labels = [], [], [], []
        for which, pts, y in ((QCoreApplication.translate("BoundaryPanel", "training"), self.train_pts, info.y_train),
                              (QCoreApplication.translate("BoundaryPanel", "test"), self.test_pts, info.y_test)):
            px, py = pts.getData()
            if px is None or not len(px):
                continue
            sets += [which] * len(px)
            xs.append(np.asarray(px, float))
            ys.append(np.asarray(py, float))
            labels += self.target_texts(info, y)
        fx, fy = self.axis_names(info)
        table.add(QCoreApplication.translate("BoundaryPanel", "point set"), sets)
        table.add(fx, np.concatenate(xs) if xs else np.empty(0))
        table.add(fy, np.concatenate(ys) if ys else np.empty(0))
        table.add(QCoreApplication.translate("BoundaryPanel", "class") if info.task == "classification"
                  else QCoreApplication.translate("BoundaryPanel", "target"), labels)

    def axis_names(self, info: RunInfo) -> tuple[str, str]:
        """The names of the plotted x and y (the plane: the two inputs)."""
        names = tuple(info.feature_names) + ("x1", "x2")
        return names[0], names[1]

    def target_texts(self, info: RunInfo, y: np.ndarray) -> list[Any]:
        """Each point's class name, or its target value."""
        if info.task == "classification":
            names = list(info.class_names)
            return [names[int(v)] if int(v) < len(names) else str(int(v)) for v in np.asarray(y).reshape(-1)]
        return list(np.asarray(y, float).reshape(len(y), -1)[:, 0])

    def positions(self, info: RunInfo) -> tuple[np.ndarray, np.ndarray]:
        """Where the training and the test points go (the plane: their two inputs)."""
        return info.raw_train, info.raw_test

    def fill_legend(self, legend: pg.LegendItem, info: RunInfo) -> None:
        """What the legend lists after the test points' ring."""
        legend.addItem(pg.ScatterPlotItem(size=8, brush=pg.mkBrush(150, 150, 150),
                                          pen=pg.mkPen((20, 20, 20), width=1.5)),
                       QCoreApplication.translate("BoundaryPanel", "test"))

    def _legend(self) -> pg.LegendItem:
        p = self.panel
        if p.legend is None:
            p.legend = pg.LegendItem(offset=(-2, 2), labelTextColor=(30, 30, 30),
                                     brush=pg.mkBrush(255, 255, 255, 210), verSpacing=-4)
            self.place_legend(p.legend)
        return p.legend

    def place_legend(self, legend: pg.LegendItem) -> None:
        """On the plot's corner (the plane puts it beside the plot instead)."""
        legend.setParentItem(self.panel.plot.getViewBox())

    def brushes(self, info: RunInfo, y: np.ndarray) -> list[Any]:
        """One brush per point: its class colour, or its target on the diverging scale."""
        if info.task == "classification":
            cache = [pg.mkBrush(class_color(k)) for k in range(max(info.n_classes, 1))]
            return [cache[int(v)] for v in y]
        cmap = diverging_map()
        v = np.asarray(y, float).reshape(-1)
        lo, hi = symmetric_levels(np.concatenate([info.y_train.reshape(-1), info.y_test.reshape(-1)]))
        cols = cmap.map((v - lo) / (hi - lo), mode="qcolor")
        return [pg.mkBrush(c) for c in cols]

    def nearest(self, x: float, y: float, pixels: float) -> tuple[int, str] | None:
        """(row, "train" or "test") of the point drawn nearest (x, y), within ``pixels`` on screen."""
        vb = self.panel.plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = max(vb.width(), 1.0), max(vb.height(), 1.0)
        sx, sy = (x1 - x0) / w, (y1 - y0) / h  # data units per pixel
        best: tuple[float, int, str] | None = None
        for which, pts in (("train", self.train_pts), ("test", self.test_pts)):
            px, py = pts.getData()
            if px is None or not len(px):
                continue
            d = np.hypot((np.asarray(px) - x) / sx, (np.asarray(py) - y) / sy)
            i = int(np.argmin(d))
            if best is None or d[i] < best[0]:
                best = (float(d[i]), i, which)
        if best is None or best[0] > pixels:
            return None
        return best[1], best[2]


class LineView(ScatterView):
    """One input, regression: the data as (x, target) and the network's output as a curve over x."""

    mode = "line"

    def __init__(self, panel: Any):
        super().__init__(panel)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(214, 39, 40, width=3))

    def build(self, info: RunInfo, fx: str) -> None:
        """Axes, the points and the curve for a new run."""
        p = self.panel
        p.style(QCoreApplication.translate("BoundaryPanel", "{0}: fitted curve").format(info.data_label),
                QCoreApplication.translate("BoundaryPanel", "target y"), fx)
        for item in (self.train_pts, self.test_pts, self.curve):
            p.plot.addItem(item)
        self.set_points(info)
        p.plot.enableAutoRange()

    def positions(self, info: RunInfo) -> tuple[np.ndarray, np.ndarray]:
        tx = np.column_stack([info.raw_train[:, 0], info.y_train.reshape(len(info.raw_train), -1)[:, 0]])
        vx = np.column_stack([info.raw_test[:, 0], info.y_test.reshape(len(info.raw_test), -1)[:, 0]]) \
            if len(info.raw_test) else np.empty((0, 2))
        return tx, vx

    def axis_names(self, info: RunInfo) -> tuple[str, str]:
        return super().axis_names(info)[0], QCoreApplication.translate("BoundaryPanel", "target y")

    def fill_table(self, table: Table, snap: Any) -> None:
        """The points, then the network's output over x."""
        super().fill_table(table, snap)
        table.add_curve(self.curve, QCoreApplication.translate("BoundaryPanel", "curve: {0}").format(
            super().axis_names(snap.info)[0]), QCoreApplication.translate("BoundaryPanel", "network's output"))

    def brushes(self, info: RunInfo, y: np.ndarray) -> list[Any]:
        if info.task == "classification":
            return super().brushes(info, y)
        return [pg.mkBrush(120, 120, 120, 200)] * len(y)

    def fill_legend(self, legend: pg.LegendItem, info: RunInfo) -> None:
        super().fill_legend(legend, info)
        legend.addItem(self.curve, QCoreApplication.translate("BoundaryPanel", "network's output"))

    def draw(self, snap: Any) -> None:
        """The network's output over x."""
        if snap.line is None:
            return
        self.curve.setData(snap.info.line_xs, snap.line[:, 0])
        self.panel.note.setText(QCoreApplication.translate(
            "BoundaryPanel", "Grey points: the data (training filled, test ringed); red: the network's output for "
                             "each input."))

