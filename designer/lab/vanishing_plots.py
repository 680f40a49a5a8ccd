"""The vanishing-gradients panel's two plots: gradient norms per layer as bars, and over training as lines.

They draw numbers from :mod:`core.lab` (``gradient_norms``, a trainer's
``history.grad_norms``); the panel (:mod:`.vanishing`) decides which.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from .common import PowerOfTenAxis, set_title, two_lines

BAR_COLOUR = "#0072b2"
_CMAP = pg.colormap.get("viridis")


def layer_names(keys) -> list[str]:
    """Layers as the plots name them: 1, 2, …, and ``out`` for the output layer."""
    n = len(keys)
    return [f"{k + 1}" if k < n - 1 else "out" for k in range(n)]


def _logs(values) -> np.ndarray:
    return np.log10(np.maximum(np.array(list(values), dtype=float), 1e-300))


class NormBars(pg.PlotWidget):
    """‖∂R/∂W⁽ˡ⁾‖ per layer on a log scale, one series of bars per setting (two when comparing)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, axisItems={"left": PowerOfTenAxis("left")})
        self.setMinimumSize(320, 200)
        self.bars: list[pg.BarGraphItem] = []
        self.shown: dict[str, dict[str, float]] = {}
        bi = self.getPlotItem()
        bi.setMenuEnabled(False)
        bi.setMouseEnabled(x=False, y=False)
        bi.showGrid(y=True, alpha=0.25)
        set_title(bi, two_lines(self.tr("Gradient norm ‖∂R/∂W⁽ˡ⁾‖ per layer"), self.tr("at initialisation")))
        bi.setLabel("left", self.tr("gradient norm (log scale)"))
        bi.setLabel("bottom", self.tr("layer l (input side → output)"))
        self.legend = bi.addLegend(offset=(8, 8))

    def heights(self) -> dict[str, np.ndarray]:
        """log10 of each series' norms, as drawn."""
        return {label: _logs(v.values()) for label, v in self.shown.items()}

    def draw(self, series: dict[str, dict[str, float]], colours: dict[str, str]) -> None:
        """Bars for each series (label → norms per weight matrix), side by side per layer."""
        item = self.getPlotItem()
        for b in self.bars:
            item.removeItem(b)
        self.bars = []
        self.legend.clear()
        self.shown = series
        logs = [_logs(v.values()) for v in series.values()]
        finite = np.concatenate([lg[np.isfinite(lg)] for lg in logs]) if logs else np.array([0.0])
        base = math.floor(float(finite.min()) if finite.size else 0.0) - 0.5
        hi = float(finite.max()) if finite.size else 1.0
        k = len(series)
        top = hi + 0.3 + 0.2 * k * (hi - base)  # headroom for the legend
        width = 0.8 / k
        for s, ((label, norms), lg) in enumerate(zip(series.items(), logs)):
            x = np.arange(1, len(norms) + 1) + (s - (k - 1) / 2) * width
            h = np.where(np.isfinite(lg), lg, base) - base
            bar = pg.BarGraphItem(x=x, height=h, width=width * 0.92, y0=base,
                                  brush=pg.mkBrush(colours.get(label, BAR_COLOUR)), pen=None)
            item.addItem(bar)
            self.bars.append(bar)
            self.legend.addItem(bar, label)
        keys = list(next(iter(series.values())).keys()) if series else []
        names = layer_names(keys)
        step = max(1, len(names) // 15)
        ticks = [(i + 1, n) for i, n in enumerate(names) if i % step == 0 or i == len(names) - 1]
        item.getAxis("bottom").setTicks([ticks])
        item.setXRange(0.4, len(keys) + 0.6, padding=0)
        item.setYRange(base, top, padding=0)


class TrainingLines(pg.PlotWidget):
    """Every layer's gradient norm over the SGD steps of the short training run, input side dark."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(320, 180)
        self.lines: list[pg.PlotDataItem] = []
        self.dark = False
        ti = self.getPlotItem()
        ti.setMenuEnabled(False)
        ti.showGrid(x=True, y=True, alpha=0.25)
        ti.setLogMode(y=True)
        ti.setTitle(self.tr("During training: press Train"))
        ti.setLabel("left", self.tr("gradient norm (log scale)"))
        ti.setLabel("bottom", self.tr("SGD step"))
        self.legend = ti.addLegend(offset=(-8, 8), labelTextSize="8pt", colCount=2)

    def make_lines(self, keys, lr: float) -> None:
        """One line per weight matrix (none: back to "press Train"), a legend for a few of them."""
        item = self.getPlotItem()
        for c in self.lines:
            item.removeItem(c)
        self.lines = []
        self.legend.clear()
        n = len(keys)
        names = layer_names(keys)
        show = {0, n - 1} | set(range(0, n, max(1, n // 6)))
        for k, key in enumerate(keys):
            c = pg.PlotDataItem(pen=self.line_pen(k, n))
            item.addItem(c)
            self.lines.append(c)
            if k in show:
                self.legend.addItem(c, self.tr("layer {0}").format(names[k]))
        item.setLogMode(y=True)
        self.legend.setVisible(n > 0)
        set_title(item, two_lines(self.tr("During training"), self.tr("SGD, ε = {0:g}, batches of 32").format(lr))
                  if n else self.tr("During training: press Train"))

    def draw(self, history) -> bool:
        """The norms recorded so far in a trainer's ``history``; False when there are none yet."""
        n = min(len(history.grad_norm_steps), len(history.grad_norms))  # the trainer may be appending
        if not n:
            return False
        steps = np.asarray(history.grad_norm_steps[:n], dtype=float)
        norms = np.asarray(history.grad_norms[:n], dtype=float)
        for k, c in enumerate(self.lines):
            y = norms[:, k]
            c.setData(steps, np.where(y > 0, y, np.nan), connect="finite")
        return True

    def line_pen(self, k: int, n: int):
        """Layer k of n in viridis, input side dark to output side light; on a dark
        background the dark end is left out (layer 1 in deep purple disappeared there).
        """
        lo, hi = (0.4, 1.0) if self.dark else (0.0, 0.9)
        return pg.mkPen(_CMAP.map(lo + (hi - lo) * k / max(n - 1, 1), mode="qcolor"), width=1.6)

    def restyle(self, dark: bool) -> None:
        """Recolour the lines for a light or dark background."""
        self.dark = dark
        for k, line in enumerate(self.lines):
            line.setPen(self.line_pen(k, len(self.lines)))
