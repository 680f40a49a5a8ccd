"""Vanishing and exploding gradients: per-layer gradient norms of a deep stack.

A depth slider builds :func:`core.lab.deep_stack` with a chosen activation,
initialiser and initial-weight scale. The bar chart shows ‖∂R/∂W⁽ˡ⁾‖ for
every layer at initialisation (log scale, from :func:`core.lab.gradient_norms`);
**Train** runs a short SGD training on a copy (a :class:`core.trainer.Trainer`
stepped from a ``QTimer``) and draws every layer's gradient norm over the
steps. **Compare** is the lecture's one click: logistic with a small random
initialisation against ReLU with He initialisation, at the same depth
(:func:`core.lab.compare_depth`).

Run on its own with ``python -m designer.lab.vanishing``.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from core.activations import ACTIVATIONS
from core.data.source import DataSource
from core.lab import compare_depth, deep_stack, gradient_norms
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import INITIALISERS
from core.trainer import Trainer, TrainingSettings

from .common import LabPanel, PowerOfTenAxis, SciSpinBox, is_dark, set_title, style_plot, two_lines

TOY_SETS = ("gaussians", "xor", "circles", "moons", "spiral")
COMPARE_COLOURS = {"logistic, small random init": "#d55e00", "ReLU, He init": "#009e73"}
BAR_COLOUR = "#0072b2"
_CMAP = pg.colormap.get("viridis")


class VanishingWidget(LabPanel):
    """Gradient norms per layer of a deep stack, at initialisation and while training.

    Signals
    -------
    norms_changed()
        The bars changed (new stack, comparison, or a training step drawn).
    training_finished()
        The short training run ended.

    Attributes
    ----------
    norms : dict[str, float]
        ‖∂R/∂W‖ per weight matrix at initialisation, input side first, for
        the current settings (what the bars show outside comparison mode).
    comparison : dict[str, dict[str, float]] | None
        The last comparison (None when the bars show the current settings).
    trainer : core.trainer.Trainer | None
        The short training run, if any.
    """

    norms_changed = Signal()
    training_finished = Signal()

    SLICE_SECONDS = 0.02

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.norms: dict[str, float] = {}
        self.comparison: dict[str, dict[str, float]] | None = None
        self.trainer: Trainer | None = None
        self._data_cache: dict[str, object] = {}
        self._train_target = 0
        self._last_draw = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._bars: list[pg.BarGraphItem] = []
        self._lines: list[pg.PlotDataItem] = []
        self._build()
        self.recompute()

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.depth_slider = QSlider(Qt.Orientation.Horizontal)
        self.depth_slider.setObjectName("depth")
        self.depth_slider.setRange(1, 30)
        self.depth_slider.setValue(8)
        self.depth_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.depth_slider.setTickInterval(5)
        self.depth_label = QLabel()
        self.depth_label.setMinimumWidth(70)
        self.width_spin = QSpinBox()
        self.width_spin.setRange(1, 256)
        self.width_spin.setValue(8)
        self.activation_combo = QComboBox()
        for a in ACTIVATIONS.values():
            if a.elementwise:
                self.activation_combo.addItem(a.display, a.name)
        self.activation_combo.setCurrentIndex(self.activation_combo.findData("logistic"))
        self.init_combo = QComboBox()
        for name in INITIALISERS:
            if name != "zeros":
                self.init_combo.addItem(name.replace("_", " "), name)
        self.init_combo.setCurrentIndex(self.init_combo.findData("xavier_normal"))
        self.scale_spin = SciSpinBox(1.0, 1e-4, 100.0)
        self.scale_spin.setToolTip(self.tr("Multiplies every initial weight: too small → vanishing, "
                                           "too large → exploding"))
        self.data_combo = QComboBox()
        for name in TOY_SETS:
            self.data_combo.addItem(name, name)
        for w in (self.depth_slider, self.width_spin, self.scale_spin):
            w.valueChanged.connect(self.recompute)
        for w in (self.activation_combo, self.init_combo, self.data_combo):
            w.currentIndexChanged.connect(self.recompute)

        self.compare_button = QPushButton(self.tr("Compare: logistic + small init  vs  ReLU + He init"))
        self.compare_button.setObjectName("compare")
        self.compare_button.setToolTip(self.tr("The same depth twice: logistic units with weights uniform in "
                                               "±0.1, and ReLU units with He initialisation"))
        self.compare_button.clicked.connect(self.compare)

        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 100_000)
        self.steps_spin.setValue(300)
        self.lr_spin = SciSpinBox(0.5, 0.0, 100.0)
        self.lr_spin.setToolTip(self.tr("ε of plain SGD for the short training run"))
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setObjectName("train")
        self.train_button.setToolTip(self.tr("Train a copy of this stack with SGD and watch each layer's gradient"))
        self.train_button.clicked.connect(self.train)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        depth = QHBoxLayout()
        depth.addWidget(self.depth_slider, 1)
        depth.addWidget(self.depth_label)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Hidden layers"), depth)
        form.addRow(self.tr("Units per layer"), self.width_spin)
        form.addRow(self.tr("Activation"), self.activation_combo)
        form.addRow(self.tr("Initialisation"), self.init_combo)
        form.addRow(self.tr("Initial weight scale"), self.scale_spin)
        form.addRow(self.tr("Data"), self.data_combo)
        stack_box = QGroupBox(self.tr("Deep stack"))
        sl = QVBoxLayout(stack_box)
        sl.addLayout(form)
        sl.addWidget(self.compare_button)
        train_form = QFormLayout()
        train_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        train_form.addRow(self.tr("SGD steps"), self.steps_spin)
        train_form.addRow(self.tr("Learning rate ε"), self.lr_spin)
        train_box = QGroupBox(self.tr("Short training run"))
        tl = QVBoxLayout(train_box)
        tl.addLayout(train_form)
        tl.addWidget(self.train_button)
        self.explain = QLabel(self.tr(
                    "Backpropagation multiplies the error by f′(z) and by the weights at every layer. "
                    "The logistic derivative is at most 0.25 (tanh's at most 1), so with small weights "
                    "the gradient shrinks layer after layer: the lower layers hardly learn. Large "
                    "initial weights make it grow instead (exploding gradients)."))
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: palette(placeholder-text);")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(stack_box)
        ll.addWidget(train_box)
        ll.addWidget(self.status_label)
        ll.addWidget(self.explain)
        ll.addStretch(1)

        self.bar_plot = pg.PlotWidget(axisItems={"left": PowerOfTenAxis("left")})
        self.bar_plot.setMinimumSize(320, 200)
        bi = self.bar_plot.getPlotItem()
        bi.setMenuEnabled(False)
        bi.setMouseEnabled(x=False, y=False)
        bi.showGrid(y=True, alpha=0.25)
        set_title(bi, two_lines("Gradient norm ‖∂R/∂W⁽ˡ⁾‖ per layer", "at initialisation"))
        bi.setLabel("left", "gradient norm (log scale)")
        bi.setLabel("bottom", "layer l (input side → output)")
        self.bar_legend = bi.addLegend(offset=(8, 8))
        self.train_plot = pg.PlotWidget()
        self.train_plot.setMinimumSize(320, 180)
        ti = self.train_plot.getPlotItem()
        ti.setMenuEnabled(False)
        ti.showGrid(x=True, y=True, alpha=0.25)
        ti.setLogMode(y=True)
        ti.setTitle(self.tr("During training: press Train"))
        ti.setLabel("left", "gradient norm (log scale)")
        ti.setLabel("bottom", "SGD step")
        self.train_legend = ti.addLegend(offset=(-8, 8), labelTextSize="8pt", colCount=2)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.bar_plot)
        plots.addWidget(self.train_plot)
        plots.setChildrenCollapsible(False)

        self._place(left, plots)
        self._restyle()

    # --- model and data --------------------------------------------------------------

    def _data(self):
        name = self.data_combo.currentData()
        if name not in self._data_cache:
            self._data_cache[name] = DataSource(name, n=128, seed=0, test_fraction=0.0).prepare(1).train
        return self._data_cache[name]

    def _stack(self):
        data = self._data()
        spec = deep_stack(self.depth_slider.value(), self.width_spin.value(),
                          self.activation_combo.currentData(), data.X.shape[1], data.Y.shape[1],
                          self.init_combo.currentData(), float(self.scale_spin.value()))
        return spec, data

    def settings_label(self) -> str:
        return (f"{self.activation_combo.currentText()}, {self.init_combo.currentText()} "
                f"× {self.scale_spin.value():g}")

    # --- actions ------------------------------------------------------------------------

    def recompute(self) -> None:
        """Rebuild the stack for the current settings and draw its gradient norms at initialisation."""
        self._stop_training(clear=True)
        self.depth_label.setText(f"{self.depth_slider.value()} layers")
        spec, data = self._stack()
        model = compile_model(spec, init_parameters(spec, 0))
        with np.errstate(all="ignore"):
            self.norms = gradient_norms(model, data)
        self.comparison = None
        self._draw_bars({self.settings_label(): self.norms}, {self.settings_label(): BAR_COLOUR})
        self.status_label.setText(self._ratio_text(self.norms))
        self.norms_changed.emit()

    def compare(self) -> None:
        """The lecture's comparison at the current depth, width and data."""
        self._stop_training(clear=True)
        with np.errstate(all="ignore"):
            self.comparison = compare_depth(self.depth_slider.value(), self._data(),
                                            self.width_spin.value())
        self._draw_bars(self.comparison, COMPARE_COLOURS)
        self.status_label.setText("<br>".join(f"<b>{k}</b>: {self._ratio_text(v)}"
                                              for k, v in self.comparison.items()))
        self.norms_changed.emit()

    def train(self) -> None:
        """Train a copy of the current stack with SGD, drawing every layer's gradient norm."""
        self._stop_training(clear=True)
        if self.comparison is not None:
            self.recompute()
        spec, data = self._stack()
        model = compile_model(spec, init_parameters(spec, 0))
        settings = TrainingSettings("sgd", {"lr": float(self.lr_spin.value())}, 32, 0.0, 0, 10**6)
        self.trainer = Trainer(model, data, None, settings, grad_norm_every=1)
        self._train_target = self.steps_spin.value()
        self._make_lines(self.trainer.history.grad_norm_keys)
        self._last_draw = time.perf_counter()
        self.train_button.setEnabled(False)
        self._timer.start()

    def is_training(self) -> bool:
        return self._timer.isActive()

    def _stop_training(self, clear: bool) -> None:
        self._timer.stop()
        self.train_button.setEnabled(True)
        if clear:
            self.trainer = None
            self._make_lines([])

    def _tick(self) -> None:
        tr = self.trainer
        if tr is None:
            self._timer.stop()
            return
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):  # divergence is caught and reported by the trainer
            while (tr.step_count < self._train_target and tr.diverged is None
                   and time.perf_counter() - t0 < self.SLICE_SECONDS):
                tr.step()
        done = tr.step_count >= self._train_target or tr.diverged is not None
        now = time.perf_counter()
        if done or now - self._last_draw >= 1.0 / 30.0:
            self._draw_training()
            self._last_draw = now
        if done:
            self._stop_training(clear=False)
            msg = f"Trained {tr.step_count} steps; loss {tr.history.step_loss[-1]:.4g}." if tr.history.step_loss else ""
            if tr.diverged is not None:
                msg = str(tr.diverged)
            self.status_label.setText(self._ratio_text(self.norms) + "<br>" + msg)
            self.training_finished.emit()

    # --- drawing -------------------------------------------------------------------------

    def layer_names(self, keys) -> list[str]:
        n = len(keys)
        return [f"{k + 1}" if k < n - 1 else "out" for k in range(n)]

    def bar_heights(self) -> dict[str, np.ndarray]:
        """log10 of each series' norms, as drawn (for tests and scripts)."""
        return {label: np.log10(np.maximum(np.array(list(v.values())), 1e-300))
                for label, v in self._shown.items()}

    def _draw_bars(self, series: dict[str, dict[str, float]], colours: dict[str, str]) -> None:
        item = self.bar_plot.getPlotItem()
        for b in self._bars:
            item.removeItem(b)
        self._bars = []
        self.bar_legend.clear()
        self._shown = series
        logs = [np.log10(np.maximum(np.array(list(v.values()), dtype=float), 1e-300)) for v in series.values()]
        finite = np.concatenate([l[np.isfinite(l)] for l in logs]) if logs else np.array([0.0])
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
            self._bars.append(bar)
            self.bar_legend.addItem(bar, label)
        keys = list(next(iter(series.values())).keys()) if series else []
        names = self.layer_names(keys)
        step = max(1, len(names) // 15)
        ticks = [(i + 1, n) for i, n in enumerate(names) if i % step == 0 or i == len(names) - 1]
        item.getAxis("bottom").setTicks([ticks])
        item.setXRange(0.4, len(keys) + 0.6, padding=0)
        item.setYRange(base, top, padding=0)

    def _make_lines(self, keys) -> None:
        item = self.train_plot.getPlotItem()
        for c in self._lines:
            item.removeItem(c)
        self._lines = []
        self.train_legend.clear()
        n = len(keys)
        names = self.layer_names(keys)
        show = {0, n - 1} | set(range(0, n, max(1, n // 6)))
        for k, key in enumerate(keys):
            c = pg.PlotDataItem(pen=self._line_pen(k, n))
            item.addItem(c)
            self._lines.append(c)
            if k in show:
                self.train_legend.addItem(c, f"layer {names[k]}")
        item.setLogMode(y=True)
        self.train_legend.setVisible(n > 0)
        set_title(item, two_lines("During training", f"SGD, ε = {self.lr_spin.value():g}, batches of 32")
                  if n else "During training: press Train")

    def _draw_training(self) -> None:
        tr = self.trainer
        if tr is None or not tr.history.grad_norms:
            return
        steps = np.asarray(tr.history.grad_norm_steps, dtype=float)
        norms = np.asarray(tr.history.grad_norms, dtype=float)
        for k, c in enumerate(self._lines):
            y = norms[:, k]
            c.setData(steps, np.where(y > 0, y, np.nan), connect="finite")
        self.norms_changed.emit()

    @staticmethod
    def _ratio_text(norms: dict[str, float]) -> str:
        v = list(norms.values())
        if len(v) < 2 or not v[-1] or not math.isfinite(v[0]) or not math.isfinite(v[-1]):
            return ""
        r = v[0] / v[-1]
        if r == 0:
            return "The first layer's gradient is exactly 0."
        e = math.log10(r)
        word = "smaller" if e < 0 else "larger"
        return (f"First layer's gradient = {r:.2g} × the output layer's "
                f"({abs(e):.1f} orders of magnitude {word}).")

    # --- theme ---------------------------------------------------------------------------

    def _line_pen(self, k: int, n: int):
        """Layer k of n in viridis, input side dark to output side light; on a dark
        background the dark end is left out (layer 1 in deep purple disappeared there)."""
        lo, hi = (0.4, 1.0) if is_dark(self) else (0.0, 0.9)
        return pg.mkPen(_CMAP.map(lo + (hi - lo) * k / max(n - 1, 1), mode="qcolor"), width=1.6)

    def _restyle(self) -> None:
        for p in (self.bar_plot, self.train_plot):
            style_plot(p, self.palette())
        lines = getattr(self, "_lines", [])  # none yet while the panel is being built
        for k, line in enumerate(lines):
            line.setPen(self._line_pen(k, len(lines)))

    def closeEvent(self, event) -> None:  # noqa: N802
        self._timer.stop()
        super().closeEvent(event)


def main() -> int:
    from .common import run_standalone

    return run_standalone(VanishingWidget, "Vanishing and exploding gradients", (1150, 760))


if __name__ == "__main__":
    raise SystemExit(main())
