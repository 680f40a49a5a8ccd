"""Optimiser internals on the edges: per-parameter gradient, velocity, ŝ, r̂, step and learning rate.

A small control with a combo box ("Colour edges by"). It reads an
optimiser's next step through :func:`core.lab.optimizer_internals` (which
calls ``Optimizer.preview()`` and the model's ``unflatten``) and emits the
chosen quantity per parameter array, keyed like the model's parameters, for
the canvas to colour edges by. A strip plot and a table show the same
numbers here, one dot per weight, so the panel also works on its own.

Where the optimiser comes from:

* the main window's trainer: :meth:`InternalsWidget.set_training_state`
  (call it on the GUI thread with a model and optimiser nobody is stepping,
  e.g. while paused, or with copies);
* the document itself: **From the network** builds the document's optimiser
  (with its saved state, if it fits) at the current weights, with the
  gradient of the whole training set; **Warm up** first trains a copy for a
  few steps (:func:`core.lab.warm_up`, run as a job off the GUI thread with
  a progress bar and Cancel), so that momentum and the adaptive accumulators
  have a history. The document is never changed.

Run on its own with ``python -m designer.lab.internals``.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.lab import WarmedUp, optimizer_internals
from core.lab import warm_up as warm_up_copy
from core.optim import OPTIMIZERS, format_hyper
from core.progress import run_to_end
from core.trainer import TrainingSettings

from .. import forms
from ..jobs import Job, JobBar
from .common import LabPanel, DataProblem, document_data, notation, style_plot
from .parameter_names import axis_names as _axis_names, parameter_names as _parameter_names

#: Combo entries in the lecture's order: key of core.lab.INTERNAL_QUANTITIES, or None for "off".
QUANTITIES = (None, "grad", "v", "s_hat", "r_hat", "step", "lr")

#: Quantities whose values have a sign (a diverging colour scale suits them).
SIGNED = {"grad", "v", "s_hat", "step"}

_LABELS = {
    None: "off (no overlay)",
    "grad": "gradient g",
    "v": "momentum velocity v",
    "s_hat": "Adam ŝ (bias-corrected mean of g)",
    "r_hat": "Adam r̂ (bias-corrected mean of g²)",
}
_STEP = {
    "sgd": "effective step ε g",
    "momentum": "effective step −v",
    "adagrad": "effective step ε g / (√r + δ)",
    "rmsprop": "effective step ε g / (√r + δ)",
    "adam": "effective step ε ŝ / (√r̂ + δ)",
}
_LR = {
    "sgd": "learning rate ε (the same for every weight)",
    "momentum": "learning rate ε (the same for every weight)",
    "adagrad": "per-parameter learning rate ε / (√r + δ)",
    "rmsprop": "per-parameter learning rate ε / (√r + δ)",
    "adam": "per-parameter learning rate ε / (√r̂ + δ)",
}
_SHORT = {"grad": "g", "v": "v", "s_hat": "ŝ", "r_hat": "r\u0302", "step": "−Δθ", "lr": "learning rate"}
_EXPLAIN = {
    None: "Choose what the canvas colours each edge by.",
    "grad": "∂R/∂w for every weight: which edges the data pushes hardest.",
    "v": "Momentum's velocity v ← αv − εg: an exponentially decaying sum of past steps.",
    "s_hat": "Adam's first moment ŝ: a smoothed gradient, corrected for starting at 0.",
    "r_hat": "Adam's second moment r̂: a smoothed g², how large each weight's gradients have been.",
    "step": "How far the next update moves each weight (−Δθ).",
    "lr": "The step per unit of gradient. AdaGrad, RMSProp and Adam give every weight its own: "
          "large where gradients have been small, small where they have been large.",
}


class InternalsWidget(LabPanel):
    """Pick an optimiser quantity; emit it per parameter for the canvas's edges.

    Signals
    -------
    overlay_changed(dict)
        ``{parameter key: numpy array}``, keys as in the model's parameters
        (``"W:c1"`` is the weight matrix of connection ``c1``, shape
        ``(target units, source units)``, so ``W[j, i]`` is the edge from
        unit ``i`` to unit ``j``; ``"b:h1"`` a bias vector; ``"gamma:h1"``
        PReLU's learned slopes). Arrays are copies the receiver may keep.
        An empty dict means "overlay off". Emitted when the quantity or the
        optimiser state changes. :meth:`is_signed` says whether the values
        have a sign (use a diverging colour scale centred on 0) or are
        positive (a sequential, preferably logarithmic one);
        :meth:`quantity_label` is a caption for the legend.
    """

    overlay_changed = Signal(dict)

    def __init__(self, document=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = None
        self.model = None
        self.optimizer = None
        self.values: dict[str, dict[str, np.ndarray]] = {}
        self._names: dict[str, str] = {}
        self.job: Job | None = None
        self._build()
        if document is not None:
            self.set_document(document)

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.combo = forms.combo(((notation(_LABELS.get(q, q or "")), q) for q in QUANTITIES),
                                 on_change=self._quantity_changed)
        self.combo.setObjectName("quantity")
        self.source_label = forms.label(self.tr("No optimiser yet."))
        self.from_network = forms.button(self.tr("From the network"), on_click=lambda: self.load_from_document(0),
                                         tip=self.tr("The document's optimiser at the current weights, with the "
                                                     "gradient of the whole training set"))
        self.warm_steps = forms.spin(1, 100_000, 50)
        self.warm_steps.setSuffix(self.tr(" steps"))
        self.warm_button = forms.button(
            self.tr("Warm up"), on_click=lambda: self.load_from_document(self.warm_steps.value()),
            tip=self.tr("Train a copy of the network for this many steps first, so the "
                        "optimiser's state has a history (the document is not changed)"))
        self.job_bar = JobBar()
        self.explain = forms.note(_EXPLAIN[None])
        self._build_plot()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Parameter", "min", "median", "max"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        form = QFormLayout()  # the fields fill the width here (no forms.form: it keeps them at their size)
        form.addRow(self.tr("Colour edges by"), self.combo)
        form.addRow(self.tr("Optimiser"), forms.row(self.from_network, self.warm_button, self.warm_steps))
        lay = forms.column(form, self.job_bar, self.source_label, self.explain, self.plot, self.table, margins=4)
        lay.setStretch(4, 2)
        lay.setStretch(5, 1)
        self.setLayout(lay)
        self._enable_quantities()
        self._restyle()

    def _build_plot(self) -> None:
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(160)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.showGrid(y=True, alpha=0.25)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.scatter = pg.PlotDataItem(pen=None, symbol="o", symbolSize=6, symbolPen=None)
        item.addItem(self.scatter)
        self.zero_line = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen((128, 128, 128, 160), width=1))
        item.addItem(self.zero_line)

    # --- sources ----------------------------------------------------------------------

    def set_document(self, document) -> None:
        """Use ``document`` for the From-the-network and Warm-up buttons."""
        if self.document is not None:
            self.document.structure_changed.disconnect(self._document_changed)
        self.document = document
        if document is not None:
            document.structure_changed.connect(self._document_changed)

    def _document_changed(self) -> None:
        # The old arrays no longer match the network: drop them.
        self.model = self.optimizer = None
        self.values = {}
        self.source_label.setText(self.tr("The network changed: press From the network or Warm up."))
        self._show()

    def set_training_state(self, model, optimizer, source: str = "training") -> None:
        """Show ``optimizer``'s next step on ``model`` (the trainer's, or copies).

        ``optimizer`` must be built over ``[model.theta]`` / ``[model.grad]``,
        as :class:`core.trainer.Trainer` builds it; ``model.grad`` should hold
        the gradient the next step uses (after a trainer step it holds the last
        mini-batch's). Nothing is changed. Call on the GUI thread while nobody
        steps them.
        """
        self.model, self.optimizer = model, optimizer
        self.values = optimizer_internals(model, optimizer)
        self._names = _parameter_names(model)
        hp = format_hyper(optimizer.hyper, ("lr", "alpha", "rho", "rho1", "rho2"))
        self.source_label.setText(
            f"<b>{OPTIMIZERS[optimizer.name].display_name}</b> ({hp}), next step t = {optimizer.t + 1}; "
            f"from {source}.")
        self._enable_quantities()
        self._show()

    def load_from_document(self, warm_up: int = 0) -> bool:
        """Build the document's optimiser on a copy of its network (optionally train ``warm_up`` steps).

        The gradient shown is that of the whole training set at the resulting
        weights. Without warm-up it is shown at once; a warm-up runs as a job
        off the GUI thread (a progress bar and Cancel) and is shown when done.
        Returns False, with the reason shown, when it cannot.
        """
        doc = self.document
        if doc is None:
            self.source_label.setText(self.tr("No network."))
            return False
        try:
            train, _ = document_data(doc)
        except DataProblem as e:
            self.source_label.setText(str(e))
            return False
        if self.job is not None:
            self.job.abort()
            self.job = None
        settings = TrainingSettings.from_dict(doc.training.to_dict())
        gen = warm_up_copy(doc.spec, doc.params, train, settings, doc.optimizer_state, warm_up)
        if not warm_up:
            self._warmed(None, run_to_end(gen), warm_up)
            return True
        job = Job(gen, parent=self)
        job.finished.connect(lambda result, j=job: self._warmed(j, result, warm_up))
        job.errored.connect(lambda message, j=job: self._warm_failed(j, message))
        job.aborted.connect(lambda j=job: self._warm_failed(j, self.tr("Cancelled.")))
        self.job = self.job_bar.watch(job).start()
        return True

    def _warmed(self, job: Job | None, got: WarmedUp, warm_up: int) -> None:
        if job is not self.job:
            return
        self.job = None
        note = {"loaded": "with its saved state, ",
                "stale": "(its saved state no longer fits the network), "}.get(got.saved_state, "")
        what = (f"a copy of the network after {got.steps} warm-up step(s)" if warm_up
                else "the network's current weights")
        self.set_training_state(got.model, got.optimizer, f"{what}, {note}gradient of the whole training set")
        if got.diverged is not None:
            self.source_label.setText(self.source_label.text() + f" {got.diverged}")

    def _warm_failed(self, job: Job, message: str) -> None:
        if job is self.job:
            self.job = None
            self.source_label.setText(message)

    # --- the quantity ------------------------------------------------------------------

    def quantity(self) -> str | None:
        """The chosen key of :data:`core.lab.INTERNAL_QUANTITIES`, or None when off."""
        return self.combo.currentData()

    def set_quantity(self, quantity: str | None) -> None:
        idx = self.combo.findData(quantity)
        if idx < 0:
            raise ValueError(f"unknown quantity {quantity!r}")
        self.combo.setCurrentIndex(idx)

    def quantity_label(self) -> str:
        return self.combo.currentText()

    def is_signed(self) -> bool:
        return self.quantity() in SIGNED

    def overlay(self) -> dict[str, np.ndarray]:
        """What the last ``overlay_changed`` carried: ``{parameter key: array}`` or ``{}``."""
        q = self.quantity()
        if q is None or q not in self.values:
            return {}
        return {k: v.copy() for k, v in self.values[q].items()}

    def _enable_quantities(self) -> None:
        name = self.optimizer.name if self.optimizer is not None else None
        model = self.combo.model()
        for row in range(self.combo.count()):
            q = self.combo.itemData(row)
            if q == "step":
                self.combo.setItemText(row, notation(_STEP.get(name, "effective step −Δθ")))
            elif q == "lr":
                self.combo.setItemText(row, notation(_LR.get(name, "per-parameter learning rate")))
            available = q is None or (q in self.values if self.values else q in ("grad", "step", "lr"))
            model.item(row).setEnabled(available)
            tip = "" if available else "This optimiser has no such state"
            self.combo.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
        q = self.quantity()
        if q is not None and self.values and q not in self.values:
            self.combo.setCurrentIndex(self.combo.findData("grad"))

    def _quantity_changed(self) -> None:
        self._show()

    # --- drawing --------------------------------------------------------------------------

    def _show(self) -> None:
        q = self.quantity()
        self.explain.setText(notation(_EXPLAIN.get(q, "")))
        overlay = self.overlay()
        self._draw(overlay, q)
        self.overlay_changed.emit(overlay)

    def _draw(self, overlay: dict[str, np.ndarray], q: str | None) -> None:
        item = self.plot.getPlotItem()
        keys = list(overlay)
        signed = q in SIGNED
        item.setLogMode(y=bool(keys) and not signed)
        self.zero_line.setVisible(bool(keys) and signed)
        xs, ys, brushes = [], [], []
        palette = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6a3d9a")
        for k, key in enumerate(keys):
            v = np.asarray(overlay[key], dtype=float).ravel()
            n = len(v)
            x = k + (np.linspace(-0.35, 0.35, n) if n > 1 else np.zeros(n))
            if not signed:
                v = np.where(v > 0, v, np.nan)
            xs.append(x)
            ys.append(v)
            brushes += [pg.mkBrush(palette[k % len(palette)])] * n
        if keys:
            x, y = np.concatenate(xs), np.concatenate(ys)
            ok = np.isfinite(y)
            self.scatter.setData(x[ok], y[ok], symbolBrush=[b for b, good in zip(brushes, ok) if good])
        else:
            self.scatter.setData([], [])
        short = _axis_names(self.model) if keys else {}
        item.getAxis("bottom").setTicks([[(k, short.get(key, key)) for k, key in enumerate(keys)]])
        item.setLabel("left", notation(_SHORT.get(q, "")) if keys else "")
        item.setTitle("One dot per weight or bias, grouped by parameter array" if keys else
                      "Choose a quantity and where the optimiser comes from")
        if keys:
            item.setXRange(-0.6, len(keys) - 0.4, padding=0)
            item.enableAutoRange(axis="y")
        self.table.setRowCount(len(keys))
        for r, key in enumerate(keys):
            v = np.asarray(overlay[key], dtype=float).ravel()
            cells = [self._names.get(key, key), f"{v.min():.3g}", f"{np.median(v):.3g}", f"{v.max():.3g}"]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if c:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    it.setToolTip(key)
                self.table.setItem(r, c, it)

    # --- theme ----------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.job is not None:
            self.job.abort()
            self.job.wait(10.0)
        super().closeEvent(event)

    def _restyle(self) -> None:
        style_plot(self.plot, self.palette())


def main() -> int:
    """Show the panel on its own, over a demo network."""
    from designer.preview import lab_document, run_standalone

    doc = lab_document()

    def make():
        w = InternalsWidget(doc)
        w.load_from_document(50)
        w.set_quantity("lr")
        return w
    return run_standalone(make, "Optimiser internals", (560, 640))


if __name__ == "__main__":
    raise SystemExit(main())
