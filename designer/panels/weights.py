"""One connection's weights: the matrix as a heat-map, their histogram, and how they just changed.

The matrix W of a connection from a group of n units to a group of m units
has m rows (one per receiving unit) and n columns (one per sending unit),
as in z = W a + b. The change is W now minus W at the previous snapshot,
on its own colour scale, so that it shows where learning happens even when
the weights themselves barely move.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.parameters import weight_key
from core.snapshot import RunInfo, Snapshot

from .common import (Follow, Panel, Table, connection_label, diverging_map, image_item, nice_ceil, note_label,
                     style_plot, symmetric_levels, unit_ticks)


class WeightsPanel(Panel):
    """The selected connection's weight matrix, histogram and change since the last snapshot."""

    export_stem = "weights"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("weights-panel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Connection")))
        self.connection = QComboBox()
        self.connection.setToolTip(self.tr("Which weights to show (selecting a connection on the canvas picks it too)"))
        self.connection.currentIndexChanged.connect(self._on_connection)
        bar.addWidget(self.connection, 1)
        lay.addLayout(bar)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.w_plot = self.view.addPlot(row=0, col=0)
        self.w_image = image_item()
        self.w_image.setColorMap(diverging_map())
        self.w_plot.addItem(self.w_image)
        self.w_bar = pg.ColorBarItem(colorMap=diverging_map(), interactive=False, width=12)
        self.w_bar.setImageItem(self.w_image, insert_in=self.w_plot)
        self.d_plot = self.view.addPlot(row=0, col=2)
        self.d_image = image_item()
        self.d_image.setColorMap(diverging_map())
        self.d_plot.addItem(self.d_image)
        self.d_bar = pg.ColorBarItem(colorMap=diverging_map(), interactive=False, width=12)
        self.d_bar.setImageItem(self.d_image, insert_in=self.d_plot)
        self.h_plot = self.view.addPlot(row=1, col=0, colspan=3)
        self.hist = pg.PlotCurveItem(x=[0.0, 1.0], y=[0.0], stepMode="center", fillLevel=0,
                                     brush=pg.mkBrush(8, 119, 189, 160),
                                     pen=pg.mkPen(8, 119, 189))
        self.h_plot.addItem(self.hist)
        self.h_zero = pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(120, 120, 120, 160))
        self.h_plot.addItem(self.h_zero)
        style_plot(self.w_plot, self, self.tr("Weights W"), self.tr("receiving unit"), self.tr("sending unit"))
        style_plot(self.d_plot, self, self.tr("Change since last look ΔW"), self.tr("receiving unit"),
                   self.tr("sending unit"))
        style_plot(self.h_plot, self, self.tr("Histogram of the weights"), self.tr("count"), self.tr("weight"))
        for p in (self.w_plot, self.d_plot):
            p.getViewBox().invertY(True)
            p.getViewBox().setAspectLocked(False)
            p.hideButtons()
        for cbar in (self.w_bar, self.d_bar):
            cbar.axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            cbar.axis.enableAutoSIPrefix(False)
        self.h_plot.hideButtons()
        self.h_follow = Follow(self.h_plot)
        self.view.ci.layout.setRowStretchFactor(0, 3)
        self.view.ci.layout.setRowStretchFactor(1, 2)
        lay.addWidget(self.view, 1)
        self.note = note_label()
        lay.addWidget(self.note)
        self._conn: str | None = None
        self._prev: np.ndarray | None = None
        self._prev_key: tuple = ()
        self._shape: tuple | None = None
        self._hist_x: tuple | None = None
        self._d_rect = False

    # --- API for the main window ------------------------------------------------------

    def set_connection(self, conn_id: str) -> None:
        """Show this connection (call it when the canvas selects a connection)."""
        i = self.connection.findData(conn_id)
        if i >= 0:
            self.connection.setCurrentIndex(i)

    @property
    def connection_id(self) -> str | None:
        return self._conn

    def export_table(self) -> Table:
        """One row per weight (receiving unit, sending unit, w, Δw), then the histogram's bins beside them."""
        table = Table()
        W, D = self.w_image.image, self.d_image.image
        if W is None:
            return table
        name = self.connection.currentText().split("  (")[0]
        rows, cols = np.indices(W.shape)
        table.add(self.tr("receiving unit"), rows.ravel() + 1)
        table.add(self.tr("sending unit"), cols.ravel() + 1)
        table.add(self.tr("weight w ({0})").format(name), W.ravel())
        if D is not None and D.shape == W.shape:
            table.add(self.tr("change since last look Δw"), D.ravel())
        edges, counts = self.hist.getData()
        if edges is not None and len(counts):
            table.add(self.tr("histogram: bin from"), np.asarray(edges[:-1], float))
            table.add(self.tr("histogram: bin to"), np.asarray(edges[1:], float))
            table.add(self.tr("histogram: count"), np.asarray(counts, float))
        return table

    # --- drawing -------------------------------------------------------------------------

    def rebuild(self, info: RunInfo) -> None:
        keep = self._conn
        self.connection.blockSignals(True)
        self.connection.clear()
        for cid in info.spec.connections:
            c = info.spec.connections[cid]
            m, n = info.spec.nodes[c.dst].units, info.spec.nodes[c.src].units
            self.connection.addItem(f"{connection_label(info.spec, cid)}  ({m}×{n})", cid)
        self.connection.blockSignals(False)
        i = self.connection.findData(keep) if keep else -1
        self.connection.setCurrentIndex(i if i >= 0 else 0)
        self._on_connection(self.connection.currentIndex())

    @Slot(int)
    def _on_connection(self, index: int) -> None:
        self._conn = self.connection.itemData(index) if index >= 0 else None
        self._prev_key = ()
        self._shape = None
        self._hist_x = None
        self.h_follow.reset()
        self.redraw()

    def draw(self, snap: Snapshot) -> None:
        if self._conn is None:
            return
        W = snap.params.get(weight_key(self._conn))
        if W is None:
            return
        lo, hi = symmetric_levels(W)
        self.w_image.setImage(W, levels=(lo, hi), autoLevels=False)
        if W.shape != self._shape:  # fixed ranges: axes repaint only when the shape changes
            self._shape = W.shape
            self.w_image.setRect(0.5, 0.5, W.shape[1], W.shape[0])
            self._d_rect = False
            for plot in (self.w_plot, self.d_plot):
                plot.getViewBox().disableAutoRange()
                plot.setXRange(0.5, W.shape[1] + 0.5, padding=0)
                plot.setYRange(0.5, W.shape[0] + 0.5, padding=0)
                plot.getAxis("bottom").setTicks(unit_ticks(W.shape[1]))
                plot.getAxis("left").setTicks(unit_ticks(W.shape[0]))
        if self.w_bar.levels() != (lo, hi):
            self.w_bar.setLevels((lo, hi))
        key = (snap.info.generation, self._conn)
        if key != self._prev_key:
            self._prev_key, self._prev, self._cur, self._cur_step = key, None, None, -1
        if snap.step != self._cur_step:
            self._prev, self._cur, self._cur_step = self._cur, W, snap.step
        if self._prev is not None and self._prev.shape == W.shape:
            D = W - self._prev  # display only: what the last steps changed
        else:
            D = np.zeros_like(W)
        dlo, dhi = symmetric_levels(D, floor=1e-12)
        self.d_image.setImage(D, levels=(dlo, dhi), autoLevels=False)
        if not self._d_rect:  # an ImageItem's rect needs its image first
            self._d_rect = True
            self.d_image.setRect(0.5, 0.5, D.shape[1], D.shape[0])
        if self.d_bar.levels() != (dlo, dhi):
            self.d_bar.setLevels((dlo, dhi))
        finite = W[np.isfinite(W)]
        bins = int(np.clip(np.sqrt(finite.size) * 2, 10, 60))
        counts, edges = np.histogram(finite, bins=bins, range=(lo, hi)) if finite.size else \
            (np.zeros(1), np.array([0.0, 1.0]))
        self.hist.setData(edges, counts)
        if self.h_follow.follow and self._hist_x != (lo, hi):
            self._hist_x = (lo, hi)
            self.h_plot.setXRange(lo, hi, padding=0.02)
        self.h_follow.update(0.0, np.nan, 0.0, nice_ceil(float(counts.max(initial=1))))
        c = snap.info.spec.connections[self._conn]
        self.set_note(self.note,
            self.tr("{0}×{1} weights, row = unit of {2}, column = unit of {3}; orange < 0 < blue. "
                    "Largest |w| = {4:.3g}, largest change since the last picture |Δw| = {5:.2g} (step {6:,}).")
            .format(W.shape[0], W.shape[1], snap.info.spec.nodes[c.dst].label, snap.info.spec.nodes[c.src].label,
                    float(np.abs(W).max(initial=0)), float(np.abs(D).max(initial=0)), snap.step),
            force=snap.state != "running")

    _cur: np.ndarray | None = None
    _cur_step = -1


if __name__ == "__main__":
    import sys

    from designer.preview import run_with_training

    sys.exit(run_with_training(lambda ctl: WeightsPanel().bind(ctl), "Weights"))
