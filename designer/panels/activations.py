"""Each node's activations for the probe batch (heat-maps) or one sample (bars).

Nodes are drawn left to right in the network's order, each as a column of
its units, as on the canvas. For the output, three columns: the net input z
(the logits of a softmax), the output a (the probabilities p) and the
gradient the loss sends back, dL/dz, which for softmax + cross-entropy and
sigmoid + binary cross-entropy is p − y.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from core.activations import get_activation
from core.snapshot import RunInfo, Snapshot

from .common import (Panel, Table, diverging_map, image_item, nice_ceil, note_label, probability_map, style_plot,
                     symmetric_levels, unit_ticks)

#: Narrowest a node's column may get before the panel scrolls sideways.
COLUMN_WIDTH = 105

_BOUNDED_LEVELS = {"logistic": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}
_POS = pg.mkBrush(8, 119, 189, 210)
_NEG = pg.mkBrush(245, 147, 34, 210)


class _Column:
    """One node's (or one output quantity's) heat-map and bars, created once per structure."""

    def __init__(self, plot: pg.PlotItem, key: tuple[str, str], title: str, levels: tuple[float, float] | None,
                 prob: bool):
        self.plot, self.key, self.levels = plot, key, levels
        self.image = image_item()
        self.image.setColorMap(probability_map() if prob else diverging_map())
        plot.addItem(self.image)
        self.bars = pg.BarGraphItem(x0=0, y=[0], height=0.7, width=[0], brush=pg.mkBrush(8, 119, 189, 200),
                                    pen=pg.mkPen(None))
        plot.addItem(self.bars)
        self.zero = pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen(120, 120, 120, 150))
        plot.addItem(self.zero)
        self.title = title
        self.units = 1
        self.xr: tuple[float, float] | None = None


class ActivationsPanel(Panel):
    """Activations of the probe batch or of one sample, node by node."""

    export_stem = "activations"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activations-panel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.mode = QComboBox()
        self.mode.addItems([self.tr("Probe batch (heat-map)"), self.tr("One sample (bars)")])
        self.mode.setToolTip(self.tr("A fixed batch of training samples (one column of pixels each), "
                                     "or a single sample's values as bars"))
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.sample = QSpinBox()
        self.sample.setPrefix(self.tr("sample "))
        self.sample.setRange(1, 1)
        self.sample.valueChanged.connect(lambda _v: self.redraw())
        self.sample_info = QLabel()
        bar.addWidget(self.mode)
        bar.addWidget(self.sample)
        bar.addWidget(self.sample_info, 1)
        lay.addLayout(bar)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.view)
        lay.addWidget(self.scroll, 1)
        self.note = note_label()
        lay.addWidget(self.note)
        self._columns: list[_Column] = []
        self._on_mode(0)

    @property
    def one_sample(self) -> bool:
        return self.mode.currentIndex() == 1

    @Slot(int)
    def _on_mode(self, _index: int) -> None:
        self.sample.setEnabled(self.one_sample)
        if self.one_sample:
            self.note.setText(self.tr(
                "Bars: each unit's value for the chosen sample. Output: the net input z, the output "
                "(p: the probability) and the error the loss sends back, dL/dz = p − y."))
        else:
            self.note.setText(self.tr(
                "Each column of pixels is one sample of a fixed batch (sorted by class), each row "
                "one unit. Orange < 0 < blue; probabilities: orange = 0, blue = 1. Output: net "
                                      "input z, probability p, error p − y."))
        for col in self._columns:
            col.image.setVisible(not self.one_sample)
            col.bars.setVisible(self.one_sample)
            col.zero.setVisible(self.one_sample)
            col.xr = None
        self._relabel()
        self.redraw()

    def rebuild(self, info: RunInfo) -> None:
        for col in self._columns:
            self.view.removeItem(col.plot)
        self._columns = []
        spec = info.spec
        out_id = spec.output_node.id
        out = spec.nodes[out_id]
        fused = info.loss in ("ce", "bce")
        keys: list[tuple[tuple[str, str], str, tuple[float, float] | None, bool]] = []
        for nid in spec.topological_order():
            node = spec.nodes[nid]
            act = get_activation(node.activation).name if node.kind != "input" else "input"
            if nid == out_id:
                z_name = self.tr("logits z") if act == "softmax" else "z"
                a_name = self.tr("probabilities p") if act == "softmax" else (
                    "p" if act == "logistic" and fused else f"a ({act})")
                keys.append(((nid, "z"), f"{node.label}: {z_name}", None, False))
                keys.append(((nid, "a"), f"{node.label}: {a_name}", _BOUNDED_LEVELS.get(act),
                             act in ("logistic", "softmax")))
                keys.append(((nid, "g"), "p − y" if fused else "dL/dz",
                             (-1.0, 1.0) if fused else None, False))
            else:
                title = f"{node.label}" + (f" ({act})" if node.kind != "input" else " " + self.tr("(inputs)"))
                keys.append(((nid, "a"), title, _BOUNDED_LEVELS.get(act), act == "logistic"))
        n_probe = len(info.probe)
        for k, (key, title, levels, prob) in enumerate(keys):
            plot = self.view.addPlot(row=0, col=k)
            style_plot(plot, self, title)
            vb = plot.getViewBox()
            vb.invertY(True)
            vb.setMouseEnabled(x=False, y=False)
            vb.disableAutoRange()
            plot.hideButtons()
            units = spec.nodes[key[0]].units
            plot.setYRange(0.5, units + 0.5, padding=0)
            plot.getAxis("left").setTicks(unit_ticks(units))
            col = _Column(plot, key, title, levels, prob)
            col.units = units
            self._columns.append(col)
        self.view.setMinimumWidth(COLUMN_WIDTH * len(keys))
        self.sample.setRange(1, max(n_probe, 1))
        self._on_mode(self.mode.currentIndex())
        del out

    def export_table(self) -> Table:
        """The values drawn: per unit, its bar (one sample) or its row of the heat-map (one column per sample)."""
        table = Table()
        if self.one_sample:
            bars = [(col.title, np.asarray(col.bars.opts["width"], float)) for col in self._columns]
            table.add(self.tr("unit"), np.arange(1, max((len(w) for _t, w in bars), default=0) + 1))
            for title, widths in bars:
                table.add(title, widths)
            return table
        images = [(col.title, col.image.image) for col in self._columns if col.image.image is not None]
        table.add(self.tr("sample"), np.arange(1, max((img.shape[1] for _t, img in images), default=0) + 1))
        for title, img in images:
            for u, row in enumerate(img):
                table.add(self.tr("{0}, unit {1}").format(title, u + 1), row)
        return table

    def _relabel(self) -> None:
        for col in self._columns:
            p = col.plot
            p.setLabel("left", self.tr("unit"), color=p.getAxis("left").textPen().color().name())
            p.setLabel("bottom", self.tr("value") if self.one_sample else self.tr("sample"),
                       color=p.getAxis("bottom").textPen().color().name())

    def _values(self, snap: Snapshot, key: tuple[str, str]) -> np.ndarray:
        nid, what = key
        if what == "g":
            return snap.output_grad
        z, a = snap.activations[nid]
        return z if what == "z" else a

    def draw(self, snap: Snapshot) -> None:
        info = snap.info
        i = min(self.sample.value() - 1, len(info.probe) - 1)
        if self.one_sample:
            label = ""
            if info.task == "classification" and len(info.probe):
                cls = int(np.argmax(info.probe_Y[i])) if info.probe_Y.shape[1] > 1 else int(info.probe_Y[i, 0] > 0.5)
                name = info.class_names[cls] if cls < len(info.class_names) else str(cls)
                label = self.tr("class {0}").format(name)
            elif len(info.probe):
                label = self.tr("target {0}").format(f"{info.probe_Y[i, 0]:.3g}")
            self.sample_info.setText(self.tr("of {0} · {1}").format(len(info.probe), label))
        else:
            self.sample_info.setText(self.tr("{0} training samples").format(len(info.probe)))
        for col in self._columns:
            v = self._values(snap, col.key)
            if v is None:
                continue
            if self.one_sample:
                row = v[i]
                units = np.arange(1, len(row) + 1)
                col.bars.setOpts(x0=np.zeros_like(row), y=units, width=row, height=0.7,
                                 brushes=[_POS if r >= 0 else _NEG for r in row])
                m = col.levels[1] if col.levels else nice_ceil(float(np.abs(row).max(initial=0)) or 1.0)
                xr = (min(col.levels[0], 0.0) if col.levels else -m, m)
            else:
                img = v.T  # units down, samples across
                levels = col.levels or symmetric_levels(img, nice=False)
                col.image.setImage(img, levels=levels, autoLevels=False)
                xr = (0.0, float(img.shape[1]))
                if col.xr != xr:
                    col.image.setRect(0, 0.5, img.shape[1], img.shape[0])
            if col.xr != xr:
                col.xr = xr
                col.plot.setXRange(*xr, padding=0.02)


if __name__ == "__main__":
    import sys

    from designer.preview import run_with_training

    sys.exit(run_with_training(lambda ctl: ActivationsPanel().bind(ctl), "Activations"))
