"""Activation explorer: every activation with its derivative, the lecture's table, saturation.

The table lists every activation of :data:`core.activations.ACTIVATIONS`
with the lecture's formulas; the rows selected in it are plotted, f solid
and f′ dashed in one colour. For the current row the plot shades where the
activation saturates (|f′| below a threshold, from
:func:`core.lab.saturation_intervals`), marks whether its outputs are
zero-centred, and offers γ/β sliders where it has them. The pre-activations
z of a layer can be overlaid as a histogram (:meth:`set_preactivations`),
and **Use for selected layer** asks the main window to set that layer's
activation (:attr:`apply_activation`).

Run on its own with ``python -m designer.lab.activation_explorer``.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QSlider, QSplitter, QVBoxLayout, QWidget

from core.activations import ACTIVATIONS, get_activation
from core.lab import saturation_intervals, saturation_mask

from .. import forms
from ..i18n import activation_name
from .common import LabPanel, SciSpinBox, style_plot
from .explorer_views import PLOTTABLE, ActivationPlot, ActivationTable

#: Slider ranges (low, high, step) for the hyper-parameters the registry declares.
SLIDER_RANGES = {
    ("leaky_relu", "gamma"): (0.0, 1.0, 0.01),
    ("prelu", "gamma"): (0.0, 1.0, 0.01),
    ("elu", "gamma"): (0.0, 3.0, 0.05),
    ("swish", "beta"): (0.0, 5.0, 0.05),
}
SYMBOLS = {"gamma": "γ", "beta": "β"}

#: What the lecture says about each activation.
NOTES = {
    "identity": "Linear: a stack of linear layers is still linear. Used at regression outputs.",
    "logistic": "Squashes into (0, 1). Not zero-centred: the next layer's inputs are all positive, "
                "so the gradients of a unit's incoming weights share one sign (bias shift, slower "
                "descent). Saturates at both ends: f′ ≤ 0.25, so errors shrink layer after layer.",
    "tanh": "Zero-centred, in (−1, 1). Still saturates at both ends, but f′ ≤ 1.",
    "relu": "Cheap and one-sided: f′ = 1 for x > 0, which eases vanishing gradients. For x ≤ 0 "
            "f′ = 0: a unit whose net input is always negative never learns again (dying ReLU).",
    "leaky_relu": "A small slope γ for x < 0 keeps the gradient alive: no dying units.",
    "prelu": "Like Leaky ReLU, but each unit i learns its own slope γᵢ (∂f/∂γᵢ = x for x ≤ 0).",
    "elu": "Smooth for x < 0, with outputs down to −γ: closer to zero-centred than ReLU; "
           "saturates on the left.",
    "softplus": "A smooth ReLU; its derivative is the logistic function. Not zero-centred.",
    "swish": "x σ(βx): β → 0 gives x/2, large β approaches ReLU. Not monotone: a small dip below 0.",
    "gelu": "x times the probability that a standard normal X ≤ x: a smooth, slightly "
            "non-monotone ReLU.",
    "gelu_tanh": "The tanh approximation of GELU.",
    "gelu_sigmoid": "The logistic approximation of GELU: x σ(1.702x).",
    "softmax": "Acts on a whole vector (turns net inputs into probabilities): nothing to plot "
               "unit by unit. Used with cross-entropy at the output.",
}

class ActivationExplorer(LabPanel):
    """Every activation and its derivative, with the lecture's table.

    Signals
    -------
    apply_activation(str)
        The person pressed **Use for selected layer**: set the selected
        layer's activation to this registry name (e.g. ``"leaky_relu"``).
        Its γ/β as set on the sliders are in :meth:`hyper`.
    current_changed(str)
        The activation the explorer is about (the current table row) changed.
    """

    apply_activation = Signal(str)
    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._hyper: dict[str, dict[str, float]] = {n: dict(ACTIVATIONS[n].params) for n in ACTIVATIONS}
        self._current = "logistic"
        self._z: np.ndarray | None = None
        self._z_label = ""
        self._build()
        self.set_activation("logistic", also=("tanh",))

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = ActivationTable(NOTES)
        self._rows = self.table.rows
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.currentCellChanged.connect(self._current_cell_changed)
        self.plot = ActivationPlot()
        self.legend, self.curves, self.shades = self.plot.legend, self.plot.curves, self.plot.shades
        self.hist, self.zero_mark = self.plot.hist, self.plot.zero_mark
        self.range_spin = SciSpinBox(6.0, 0.5, 100.0, log_steps=False, step=1.0)
        self.range_spin.setToolTip(self.tr("The plot shows x from −range to +range"))
        self.range_spin.valueChanged.connect(self._redraw)
        self.range_spin.setMinimumWidth(60)
        self.threshold_spin = SciSpinBox(0.05, 0.0, 1.0, log_steps=True)
        self.threshold_spin.setToolTip(self.tr("Shade where |f′(x)| is below this: the saturated, flat regions"))
        self.threshold_spin.valueChanged.connect(self._redraw)
        self.threshold_spin.setMinimumWidth(70)
        self.hist_check = QCheckBox(self.tr("pre-activations of the selected layer"))
        self.hist_check.setChecked(True)
        self.hist_check.setEnabled(False)
        self.hist_check.toggled.connect(self._redraw)
        self.apply_button = forms.button(self.tr("Use for selected layer"), name="apply",
                                         on_click=lambda: self.apply_activation.emit(self._current))
        self.title, self.note = QLabel(), QLabel()
        f = QFont(self.title.font())
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        for lab in (self.title, self.note):
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.TextFormat.RichText)
        bottom = forms.row(self.hist_check)
        bottom.addWidget(self.apply_button)
        controls = forms.column(self.title, self.note, forms.form(
            (self.tr("x range ±"), forms.row(self.range_spin, self.tr("saturated where |f′| <"), self.threshold_spin)),
        ), self._build_sliders(), bottom, margins=0)
        right = forms.column(self.plot, forms.widget(controls), margins=0)
        right.setStretch(0, 1)
        left = forms.column(self.table, forms.note(self.tr(
            "Select rows to compare (Ctrl/Shift-click); the current row is shaded and explained.")), margins=0)
        left.setStretch(0, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(forms.widget(right))
        split.addWidget(forms.widget(left))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._restyle()

    def _build_sliders(self) -> QGridLayout:
        """A γ and a β slider with their symbol and value; shown for activations that have them."""
        self.sliders: dict[str, tuple[QSlider, QLabel, QLabel]] = {}
        sliders = QGridLayout()
        sliders.setContentsMargins(0, 0, 0, 0)
        for row, key in enumerate(("gamma", "beta")):
            s = QSlider(Qt.Orientation.Horizontal)
            s.setObjectName(key)
            lab = QLabel()
            lab.setMinimumWidth(90)
            name = QLabel(SYMBOLS[key])
            s.valueChanged.connect(lambda v, key=key: self._slider_moved(key, v))
            for col, w in enumerate((name, s, lab)):
                sliders.addWidget(w, row, col)
            self.sliders[key] = (s, lab, name)
        return sliders

    # --- public API ----------------------------------------------------------------------

    def set_activation(self, name: str, hyper: dict[str, float] | None = None,
                       also: tuple[str, ...] = ()) -> None:
        """Make ``name`` the current activation (e.g. the selected layer's), with its γ/β.

        ``also`` lists activations to plot beside it for comparison.
        """
        act = get_activation(name)
        if hyper:
            self._hyper[act.name].update(act.hyper(hyper))
        self.table.blockSignals(True)
        self.table.clearSelection()
        for other in (act.name, *also):
            r = self._rows[get_activation(other).name]
            for c in range(self.table.columnCount()):
                self.table.item(r, c).setSelected(True)
        self.table.setCurrentCell(self._rows[act.name], 0,
                                  self.table.selectionModel().SelectionFlag.NoUpdate)
        self.table.blockSignals(False)
        self._set_current(act.name)

    def current(self) -> str:
        """The registry name of the current activation."""
        return self._current

    def selected(self) -> list[str]:
        """Every activation plotted (selected rows), in table order."""
        rows = sorted({i.row() for i in self.table.selectedItems()})
        names = list(ACTIVATIONS)
        out = [names[r] for r in rows if names[r] in PLOTTABLE]
        if self._current in PLOTTABLE and self._current not in out:
            out.append(self._current)
        return out

    def hyper(self, name: str | None = None) -> dict[str, float]:
        """γ/β set for ``name`` (default: the current activation)."""
        return dict(self._hyper[name or self._current])

    def set_hyper(self, key: str, value: float) -> None:
        """Set the current activation's γ or β (moves its slider)."""
        s, _, _ = self.sliders[key]
        lo, hi, step = SLIDER_RANGES[(self._current, key)]
        s.setValue(int(round((value - lo) / step)))

    def set_preactivations(self, z: np.ndarray | None, label: str = "") -> None:
        """Overlay the distribution of a layer's net inputs z (any shape); None clears it.

        ``label`` names the layer in the plot's caption.
        """
        if z is None or np.size(z) == 0:
            self._z = None
            self._z_label = ""
        else:
            z = np.asarray(z, dtype=float).ravel()
            self._z = z[np.isfinite(z)]
            self._z_label = label
        self.hist_check.setEnabled(self._z is not None)
        self._redraw()

    def x_values(self) -> np.ndarray:
        """The x of the plotted curves: 601 points over ±range."""
        r = float(self.range_spin.value())
        return np.linspace(-r, r, 601)

    # --- reactions -----------------------------------------------------------------------

    def _selection_changed(self) -> None:
        self._redraw()

    def _current_cell_changed(self, row: int, *_):
        if row < 0:
            return
        name = list(ACTIVATIONS)[row]
        self._set_current(name)

    def _set_current(self, name: str) -> None:
        changed = name != self._current
        self._current = name
        act = ACTIVATIONS[name]
        for key, (s, lab, sym) in self.sliders.items():
            has = key in act.params and (name, key) in SLIDER_RANGES
            for w in (s, lab, sym):
                w.setVisible(has)
            if has:
                lo, hi, step = SLIDER_RANGES[(name, key)]
                s.blockSignals(True)
                s.setRange(0, int(round((hi - lo) / step)))
                s.setValue(int(round((self._hyper[name][key] - lo) / step)))
                s.blockSignals(False)
                lab.setText(f"{SYMBOLS[key]} = {self._hyper[name][key]:.2f}")
        self.note.setText(html.escape(NOTES.get(name, "")))
        self.apply_button.setEnabled(True)
        self.apply_button.setToolTip(f"Set the selected layer's activation to {act.display}")
        self._redraw()
        if changed:
            self.current_changed.emit(name)

    def _slider_moved(self, key: str, v: int) -> None:
        lo, hi, step = SLIDER_RANGES[(self._current, key)]
        value = round(lo + v * step, 6)
        self._hyper[self._current][key] = value
        self.sliders[key][1].setText(f"{SYMBOLS[key]} = {value:.2f}")
        self._redraw()

    # --- drawing ---------------------------------------------------------------------------

    def _redraw(self) -> None:
        x = self.x_values()
        shown = self.selected()
        item = self.plot.getPlotItem()
        self.legend.clear()
        for name, (fc, dc) in self.curves.items():
            visible = name in shown
            fc.setVisible(visible)
            dc.setVisible(visible)
            if not visible:
                continue
            act = ACTIVATIONS[name]
            hp = act.hyper(self._hyper[name])
            fc.setData(x, act.f(x, **hp))
            dc.setData(x, act.df(x, **hp))
            hp_text = ", ".join(f"{SYMBOLS.get(k, k)}={v:g}" for k, v in hp.items())
            label = activation_name(act) + (f" ({hp_text})" if hp_text else "")
            self.legend.addItem(fc, f"{label}: f")
            self.legend.addItem(dc, f"{label}: f′")
        self._shade(x)
        self._mark_zero_centred(x)
        self._draw_histogram(x)
        item.setXRange(x[0], x[-1], padding=0.01)
        item.enableAutoRange(axis="y")

    def _shade(self, x: np.ndarray) -> None:
        name = self._current
        intervals = []
        threshold = self.threshold_spin.value()
        if name in PLOTTABLE:
            hp = ACTIVATIONS[name].hyper(self._hyper[name])
            intervals = saturation_intervals(name, float(x[0]), float(x[-1]), float(threshold), **hp)
        self.plot.shade(intervals, f"|f′(x)| < {threshold:g}: saturated",
                        f"{ACTIVATIONS[name].display} saturated: |f′| &lt; {threshold:g}")
        self.saturated_intervals = intervals

    def _mark_zero_centred(self, x: np.ndarray) -> None:
        name = self._current
        act = ACTIVATIONS[name]
        head = (f"<b>{html.escape(activation_name(act))}</b> &nbsp; {html.escape(act.formula)} &nbsp;&nbsp; "
                f"{html.escape(act.derivative_formula)}")
        if name not in PLOTTABLE:
            self.zero_mark.setData([], [])
            self.title.setText(head)
            return
        act = ACTIVATIONS[name]
        hp = act.hyper(self._hyper[name])
        f0 = float(act.f(np.array([0.0]), **hp)[0])
        good = act.zero_centred
        col = "#009e73" if good else "#d55e00"
        self.zero_mark.setData([0.0], [f0], symbol="o", pen=pg.mkPen(col, width=2),
                               brush=pg.mkBrush(col if good else (0, 0, 0, 0)))
        text = "● zero-centred outputs" if good else "○ outputs not zero-centred"
        self.title.setText(f"{head}<br><span style='color:{col}'>{text}</span>"
                           f" (marked at x = 0: f(0) = {f0:.3g})")

    def _draw_histogram(self, x: np.ndarray) -> None:
        z = self._z if self.hist_check.isChecked() else None
        self.plot.show_histogram(z, x, f"pre-activations z{' of ' + self._z_label if self._z_label else ''}")
        if z is None:
            self.hist_caption = ""
            self.note.setText(html.escape(NOTES.get(self._current, "")))
            return
        frac = 0.0
        if self._current in PLOTTABLE and len(z):
            hp = ACTIVATIONS[self._current].hyper(self._hyper[self._current])
            frac = float(saturation_mask(self._current, z, float(self.threshold_spin.value()), **hp).mean())
        where = f" of {self._z_label}" if self._z_label else ""
        self.hist_caption = (f"{100 * frac:.0f} % of the {len(z)} pre-activations{where} "
                             f"are in {ACTIVATIONS[self._current].display}'s saturated region")
        self.note.setText(html.escape(NOTES.get(self._current, ""))
                          + f"<br><b>{html.escape(self.hist_caption)}.</b>")

    # --- theme ---------------------------------------------------------------------------

    def _restyle(self) -> None:
        style_plot(self.plot, self.palette())


def main() -> int:
    """Show the explorer on its own, with example pre-activations."""
    from designer.preview import run_standalone

    def make():
        w = ActivationExplorer()
        z = np.random.default_rng(0).normal(0.0, 2.5, size=2000)
        w.set_preactivations(z, "hidden 1 (example data)")
        return w
    return run_standalone(make, "Activation explorer", (900, 860))


if __name__ == "__main__":
    raise SystemExit(main())
