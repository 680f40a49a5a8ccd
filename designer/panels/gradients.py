"""Gradient norms per connection over time (log scale), and saturated or dead units.

Vanishing gradients show as the lines of the connections near the input
lying orders of magnitude below those near the output; exploding ones as
lines shooting up. Below, each layer's units that barely pass any gradient
on the probe batch: logistic/tanh units stuck near a bound (saturated,
f′ ≈ 0) and ReLUs whose net input is ≤ 0 for every sample (dead).
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from core.probes import SATURATED_SHARE
from core.snapshot import RunInfo, Snapshot

from .common import Follow, Panel, Table, connection_label, note_label, run_color, style_plot

_FLOOR = 1e-30
_BIG = 50000


class GradientsPanel(Panel):
    """‖∂L/∂W‖ per connection over steps, and counts of saturated/dead units per layer."""

    export_stem = "gradients"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradients-panel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.log = QCheckBox(self.tr("Log scale"))
        self.log.setChecked(True)
        self.log.setToolTip(self.tr("Gradient norms span many orders of magnitude when they vanish or explode"))
        self.log.toggled.connect(self._on_log)
        bar.addWidget(self.log)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.norm_plot = self.view.addPlot(row=0, col=0)
        style_plot(self.norm_plot, self, self.tr("Gradient norm ‖∂L/∂W‖ per connection"), self.tr("norm"),
                   self.tr("step"))
        self.norm_plot.setLogMode(y=True)
        self.norm_plot.showGrid(x=True, y=True, alpha=0.15)
        self.norm_plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.norm_plot.hideButtons()
        self.follow = Follow(self.norm_plot, log_y=True)
        self.legend = self.norm_plot.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 190),
                                              labelTextColor=(30, 30, 30))
        self.unit_plot = self.view.addPlot(row=1, col=0)
        style_plot(self.unit_plot, self, self.tr("Units passing almost no gradient (probe batch)"),
                   self.tr("units"), "")
        self.unit_plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.unit_plot.hideButtons()
        self.all_bars = pg.BarGraphItem(x=[0], height=[0], width=0.6, brush=pg.mkBrush(180, 180, 180, 120),
                                        pen=pg.mkPen(150, 150, 150))
        self.bad_bars = pg.BarGraphItem(x=[0], height=[0], width=0.6, brush=pg.mkBrush(214, 39, 40, 200),
                                        pen=pg.mkPen(None))
        self.unit_plot.addItem(self.all_bars)
        self.unit_plot.addItem(self.bad_bars)
        self.view.ci.layout.setRowStretchFactor(0, 3)
        self.view.ci.layout.setRowStretchFactor(1, 2)
        lay.addWidget(self.view, 1)
        self.note = note_label(
            self.tr("Grey: all units of a layer; red: saturated (logistic/tanh output near its bound on ≥ "
                    "{0:.0%} of the probe samples, so f′ ≈ 0) or dead (ReLU with z ≤ 0 on every sample).")
            .format(SATURATED_SHARE))
        lay.addWidget(self.note)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._labels: list[pg.TextItem] = []
        self._nodes: list[str] = []
        self._drawn_n = -1
        self._drawn_run = -1
        self._drawn_at = 0.0
        self._bars_key = None

    @Slot(bool)
    def _on_log(self, on: bool) -> None:
        self.norm_plot.setLogMode(y=on)
        self.follow.reset(on)
        self._drawn_n = -1
        self.redraw()

    def export_table(self) -> Table:
        """Each connection's gradient norm over the steps, then per layer its units and those passing none."""
        table = Table()
        spec = self.snap.info.spec if self.snap is not None else None
        for key, item in self._curves.items():
            label = connection_label(spec, key[2:]) if spec is not None and key[2:] in spec.connections else key
            table.add_curve(item, self.tr("step"), self.tr("‖∂L/∂W‖ {0}").format(label))
        if spec is not None and self._nodes:
            table.add(self.tr("layer"), [spec.nodes[n].label if n in spec.nodes else n for n in self._nodes])
            table.add(self.tr("units"), np.asarray(self.all_bars.opts["height"], float))
            table.add(self.tr("units passing almost no gradient"), np.asarray(self.bad_bars.opts["height"], float))
        return table

    def rebuild(self, info: RunInfo) -> None:
        spec = info.spec
        for key in list(self._curves):
            if key[2:] not in spec.connections:
                item = self._curves.pop(key)
                self.norm_plot.removeItem(item)
                self.legend.removeItem(item)
        for k, cid in enumerate(spec.connections):
            key = f"W:{cid}"
            label = connection_label(spec, cid)
            item = self._curves.get(key)
            if item is None:
                item = self.norm_plot.plot(pen=pg.mkPen(run_color(k + 1), width=1), name=label)
                self._curves[key] = item
            else:
                self.legend.removeItem(item)
                self.legend.addItem(item, label)
        for t in self._labels:
            self.unit_plot.removeItem(t)
        self._labels = []
        self._nodes = [n for n in spec.topological_order() if spec.nodes[n].kind != "input"]
        ticks = [(i, spec.nodes[n].label) for i, n in enumerate(self._nodes)]
        self.unit_plot.getAxis("bottom").setTicks([ticks])
        for i, _n in enumerate(self._nodes):
            t = pg.TextItem("", anchor=(0.5, 1.0), color=self.palette().text().color())
            t.setPos(i, 0)
            self.unit_plot.addItem(t)
            self._labels.append(t)
        self._drawn_n = -1
        self._bars_key = None
        self.follow.reset()

    def draw(self, snap: Snapshot) -> None:
        run = self.controller.record.current if self.controller is not None else None
        if run is not None:
            n = len(run.grad_step)
            if n != self._drawn_n or run.number != self._drawn_run:
                now = time.perf_counter()
                if n < _BIG or now - self._drawn_at > 0.5 or run.number != self._drawn_run:
                    self._drawn_at = now
                    lo, hi, xmax = np.inf, -np.inf, np.nan
                    for key, item in self._curves.items():
                        s, v = run.grad_series(key)
                        if len(v):
                            v = np.maximum(v, _FLOOR) if self.log.isChecked() else v
                            item.setData(s, v, connect="finite")
                            fin = v[np.isfinite(v)]
                            if fin.size:
                                lo, hi = min(lo, float(fin.min())), max(hi, float(fin.max()))
                            xmax = float(s[-1])
                        else:
                            item.setData([], [])
                    if np.isfinite(lo):
                        self.follow.update(0.0, xmax, lo, hi)
                    self._drawn_n, self._drawn_run = n, run.number
        heights, bad, texts = [], [], []
        for node in self._nodes:
            h = snap.health.get(node)
            units = h.units if h is not None else snap.info.spec.nodes[node].units
            count = h.count if h is not None else 0
            heights.append(units)
            bad.append(count)
            if h is None or not h.kind:
                texts.append(f"{h.activation if h else ''}: –")
            else:
                # kind is "saturated" or "dead" (core.probes), one whole text each for the translator
                texts.append((self.tr("{0} of {1} saturated") if h.kind == "saturated"
                              else self.tr("{0} of {1} dead")).format(count, units))
        key = (tuple(heights), tuple(bad), tuple(texts))
        if key == self._bars_key:
            return
        self._bars_key = key
        x = np.arange(len(self._nodes))
        self.all_bars.setOpts(x=x, height=np.array(heights, float), width=0.6)
        self.bad_bars.setOpts(x=x, height=np.array(bad, float), width=0.6)
        for t, text, hgt in zip(self._labels, texts, heights):
            t.setText(text)
            t.setPos(t.pos().x(), hgt)
        top = max(heights) if heights else 1
        self.unit_plot.setYRange(0, top * 1.25, padding=0)
        self.unit_plot.setXRange(-0.6, max(len(self._nodes) - 0.4, 0.6), padding=0)


if __name__ == "__main__":
    import sys

    from designer.preview import run_with_training

    sys.exit(run_with_training(lambda ctl: GradientsPanel().bind(ctl), "Gradients"))
