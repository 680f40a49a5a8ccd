"""Vanishing and exploding gradients: per-layer gradient norms of a deep stack.

A depth slider builds :func:`core.lab.deep_stack` with a chosen activation,
initialiser and initial-weight scale. The bar chart shows ‖∂R/∂W⁽ˡ⁾‖ for
every layer at initialisation (log scale, from :func:`core.lab.gradient_norms`);
**Train** runs a short SGD training on a copy (:func:`core.lab.train_steps`
as a job off the GUI thread, with a progress bar and Cancel) and draws every
layer's gradient norm over the steps. **Compare** is the lecture's one click: logistic with a small random
initialisation against ReLU with He initialisation, at the same depth
(:func:`core.lab.compare_depth`).

Run on its own with ``python -m designer.lab.vanishing``.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSlider, QSplitter, QWidget

from core.activations import ACTIVATIONS
from core.data.source import DataSource
from core.lab import compare_depth, deep_stack, gradient_norms, train_steps
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import INITIALISERS
from core.trainer import Trainer, TrainingSettings

from .. import forms
from ..i18n import activation_name
from ..jobs import Job, JobBar
from .common import LabPanel, SciSpinBox, is_dark, style_plot
from .vanishing_plots import BAR_COLOUR, NormBars, TrainingLines, layer_names

TOY_SETS = ("gaussians", "xor", "circles", "moons", "spiral")
COMPARE_COLOURS = {"logistic, small random init": "#d55e00", "ReLU, He init": "#009e73"}


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

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.norms: dict[str, float] = {}
        self.comparison: dict[str, dict[str, float]] | None = None
        self.trainer: Trainer | None = None
        self.job: Job | None = None
        self._data_cache: dict[str, object] = {}
        self._build()
        self.recompute()

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self._build_stack_controls()
        self.compare_button = forms.button(
            self.tr("Compare: logistic + small init  vs  ReLU + He init"), name="compare", on_click=self.compare,
            tip=self.tr("The same depth twice: logistic units with weights uniform in ±0.1, and ReLU units "
                        "with He initialisation"))
        self.steps_spin = forms.spin(1, 100_000, 300)
        self.lr_spin = SciSpinBox(0.5, 0.0, 100.0)
        self.lr_spin.setToolTip(self.tr("ε of plain SGD for the short training run"))
        self.train_button = forms.button(self.tr("Train"), name="train", on_click=self.train, tip=self.tr(
            "Train a copy of this stack with SGD and watch each layer's gradient"))
        self.status_label = forms.label()
        self.job_bar = JobBar()
        self.explain = forms.note(self.tr(
                    "Backpropagation multiplies the error by f′(z) and by the weights at every layer. "
                    "The logistic derivative is at most 0.25 (tanh's at most 1), so with small weights "
                    "the gradient shrinks layer after layer: the lower layers hardly learn. Large "
                    "initial weights make it grow instead (exploding gradients)."))
        depth = forms.row(self.depth_slider, self.depth_label, stretch=False)
        depth.setStretch(0, 1)
        stack_box = forms.section(self.tr("Deep stack"), forms.form(
            (self.tr("Hidden layers"), depth),
            (self.tr("Units per layer"), self.width_spin),
            (self.tr("Activation"), self.activation_combo),
            (self.tr("Initialisation"), self.init_combo),
            (self.tr("Initial weight scale"), self.scale_spin),
            (self.tr("Data"), self.data_combo),
        ), self.compare_button)
        train_box = forms.section(self.tr("Short training run"), forms.form(
            (self.tr("SGD steps"), self.steps_spin),
            (self.tr("Learning rate ε"), self.lr_spin),
        ), self.train_button, self.job_bar)
        left = forms.widget(forms.column(stack_box, train_box, self.status_label, self.explain, stretch=True))
        self.bar_plot, self.train_plot = NormBars(), TrainingLines()
        self.bar_legend, self.train_legend = self.bar_plot.legend, self.train_plot.legend
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.bar_plot)
        plots.addWidget(self.train_plot)
        plots.setChildrenCollapsible(False)
        self._place(left, plots)
        self._restyle()

    def _build_stack_controls(self) -> None:
        self.depth_slider = QSlider(Qt.Orientation.Horizontal)
        self.depth_slider.setObjectName("depth")
        self.depth_slider.setRange(1, 30)
        self.depth_slider.setValue(8)
        self.depth_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.depth_slider.setTickInterval(5)
        self.depth_label = QLabel()
        self.depth_label.setMinimumWidth(70)
        self.width_spin = forms.spin(1, 256, 8)
        elementwise = (a for a in ACTIVATIONS.values() if a.elementwise)
        self.activation_combo = forms.combo(((activation_name(a), a.name) for a in elementwise), current="logistic")
        self.init_combo = forms.combo(((n.replace("_", " "), n) for n in INITIALISERS if n != "zeros"),
                                      current="xavier_normal")
        self.scale_spin = SciSpinBox(1.0, 1e-4, 100.0)
        self.scale_spin.setToolTip(self.tr("Multiplies every initial weight: too small → vanishing, "
                                           "too large → exploding"))
        self.data_combo = forms.combo((name, name) for name in TOY_SETS)
        for w in (self.depth_slider, self.width_spin, self.scale_spin):
            w.valueChanged.connect(self.recompute)
        for w in (self.activation_combo, self.init_combo, self.data_combo):
            w.currentIndexChanged.connect(self.recompute)

    @property
    def _bars(self):
        """The bar series on screen (for tests and scripts)."""
        return self.bar_plot.bars

    @property
    def _lines(self):
        """The training plot's lines, one per layer (for tests and scripts)."""
        return self.train_plot.lines

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
        """The current activation, initialiser and scale, as the bars' legend names them."""
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
        self.bar_plot.draw({self.settings_label(): self.norms}, {self.settings_label(): BAR_COLOUR})
        self.status_label.setText(self._ratio_text(self.norms))
        self.norms_changed.emit()

    def compare(self) -> None:
        """The lecture's comparison at the current depth, width and data."""
        self._stop_training(clear=True)
        with np.errstate(all="ignore"):
            self.comparison = compare_depth(self.depth_slider.value(), self._data(),
                                            self.width_spin.value())
        self.bar_plot.draw(self.comparison, COMPARE_COLOURS)
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
        self.trainer = trainer = Trainer(model, data, None, settings, grad_norm_every=1)
        self.train_plot.make_lines(trainer.history.grad_norm_keys, self.lr_spin.value())
        self.train_button.setEnabled(False)
        job = Job(train_steps(trainer, self.steps_spin.value()), parent=self)
        job.yielded.connect(lambda step, j=job: self._draw_training() if j is self.job else None)
        job.finished.connect(lambda steps, j=job: self._trained(j))
        job.errored.connect(lambda message, j=job: self._train_failed(j, message))
        job.aborted.connect(lambda j=job: self._train_failed(j, self.tr("Cancelled.")))
        self.job = self.job_bar.watch(job).start()

    def is_training(self) -> bool:
        """True while the short training run runs."""
        return self.job is not None

    def _stop_training(self, clear: bool) -> None:
        if self.job is not None:
            self.job.abort()
            self.job = None
        self.train_button.setEnabled(True)
        if clear:
            self.trainer = None
            self.train_plot.make_lines([], self.lr_spin.value())

    def _trained(self, job: Job) -> None:
        if job is not self.job:
            return
        self._stop_training(clear=False)
        self._draw_training()
        tr = self.trainer
        msg = f"Trained {tr.step_count} steps; loss {tr.history.step_loss[-1]:.4g}." if tr.history.step_loss else ""
        if tr.diverged is not None:
            msg = str(tr.diverged)
        self.status_label.setText(self._ratio_text(self.norms) + "<br>" + msg)
        self.training_finished.emit()

    def _train_failed(self, job: Job, message: str) -> None:
        if job is self.job:
            self._stop_training(clear=False)
            self._draw_training()
            self.status_label.setText(self._ratio_text(self.norms) + "<br>" + message)

    # --- drawing -------------------------------------------------------------------------

    def layer_names(self, keys) -> list[str]:
        """Layers as the plots name them: 1, 2, …, and ``out``."""
        return layer_names(keys)

    def bar_heights(self) -> dict[str, np.ndarray]:
        """log10 of each series' norms, as drawn (for tests and scripts)."""
        return self.bar_plot.heights()

    def _draw_training(self) -> None:
        if self.trainer is not None and self.train_plot.draw(self.trainer.history):
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

    def _restyle(self) -> None:
        for p in (self.bar_plot, self.train_plot):
            style_plot(p, self.palette())
        self.train_plot.restyle(is_dark(self))

    def closeEvent(self, event) -> None:  # noqa: N802
        job = self.job
        self._stop_training(clear=False)
        if job is not None:
            job.wait(10.0)
        super().closeEvent(event)


def main() -> int:
    """Show the panel on its own."""
    from designer.preview import run_standalone

    return run_standalone(VanishingWidget, "Vanishing and exploding gradients", (1150, 760))


if __name__ == "__main__":
    raise SystemExit(main())
