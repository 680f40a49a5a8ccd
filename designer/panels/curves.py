"""Loss and accuracy (or R²) curves, per step or per epoch, with earlier runs overlaid.

Each run (from a reset or a change of data to the next) gets one colour and
a label with its optimiser and learning rate, so that runs with different
optimisers can be compared on one plot: the optimiser curves. Solid lines
are the training set, dashed lines the test set, the faint line the loss of
each mini-batch.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from designer.training.record import Run
from core.snapshot import RUNNING, Snapshot

from .common import Follow, Panel, Table, note_label, run_color, style_plot

#: Above this many batch losses the faint curve is refreshed at most twice a second.
_BIG = 50000
_LOG_FLOOR = 1e-12


class _RunCurves:
    """The plot items of one run, created once."""

    def __init__(self, run: Run, loss_plot: pg.PlotItem, metric_plot: pg.PlotItem):
        self.run = run
        c = run_color(run.number)
        faint = run_color(run.number, 70)
        self.batch = loss_plot.plot(pen=pg.mkPen(faint, width=1))
        self.train = loss_plot.plot(pen=pg.mkPen(c, width=2), name=run.label)
        self.test = loss_plot.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
        self.train_m = metric_plot.plot(pen=pg.mkPen(c, width=2), name=run.label)
        self.test_m = metric_plot.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
        self.items = [self.batch, self.train, self.test, self.train_m, self.test_m]
        self.label = run.label
        self.batch_drawn_at = 0.0
        self.batch_n = -1
        self.epochs_n = -1

    def remove(self, loss_plot: pg.PlotItem, metric_plot: pg.PlotItem) -> None:
        for it in self.items[:3]:
            loss_plot.removeItem(it)
        for it in self.items[3:]:
            metric_plot.removeItem(it)

    def set_current(self, current: bool) -> None:
        c = run_color(self.run.number, 255 if current else 150)
        w = 2 if current else 1.5
        self.train.setPen(pg.mkPen(c, width=w))
        self.test.setPen(pg.mkPen(c, width=w, style=Qt.PenStyle.DashLine))
        self.train_m.setPen(pg.mkPen(c, width=w))
        self.test_m.setPen(pg.mkPen(c, width=w, style=Qt.PenStyle.DashLine))
        self.batch.setVisible(current)


class CurvesPanel(Panel):
    """Train/test loss and metric over steps or epochs, every run of this session overlaid."""

    export_stem = "curves"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("curves-panel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.x_axis = QComboBox()
        self.x_axis.addItems([self.tr("per step"), self.tr("per epoch")])
        self.x_axis.setToolTip(self.tr("Horizontal axis: mini-batch steps or epochs (passes over the training set)"))
        self.x_axis.currentIndexChanged.connect(self._reset_view)
        self.log = QCheckBox(self.tr("Log scale"))
        self.log.setToolTip(self.tr("Loss on a logarithmic scale: shows progress when the loss is already small"))
        self.log.setChecked(True)
        self.log.toggled.connect(self._on_log)
        self.batch_box = QCheckBox(self.tr("Mini-batch loss"))
        self.batch_box.setChecked(True)
        self.batch_box.setToolTip(self.tr("The loss of each mini-batch (noisy) behind the per-epoch curves"))
        self.batch_box.toggled.connect(lambda _on: self._reset_view())
        fit = QPushButton(self.tr("Fit"))
        fit.setToolTip(self.tr("Show all of the curves again (after zooming or panning) and follow them"))
        fit.clicked.connect(self._reset_view)
        clear = QPushButton(self.tr("Clear earlier runs"))
        clear.setToolTip(self.tr("Keep only the current run's curves"))
        clear.clicked.connect(self.clear_earlier)
        bar.addWidget(self.x_axis)
        bar.addWidget(self.log)
        bar.addWidget(self.batch_box)
        bar.addStretch(1)
        bar.addWidget(fit)
        bar.addWidget(clear)
        lay.addLayout(bar)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.loss_plot = self.view.addPlot(row=0, col=0)
        self.metric_plot = self.view.addPlot(row=1, col=0)
        self.metric_plot.setXLink(self.loss_plot)
        style_plot(self.loss_plot, self, self.tr("Loss (risk)"), self.tr("loss"), "")
        style_plot(self.metric_plot, self, self.tr("Accuracy"), self.tr("accuracy"), self.tr("step"))
        self.loss_plot.showGrid(x=True, y=True, alpha=0.15)
        self.metric_plot.showGrid(x=True, y=True, alpha=0.15)
        self.loss_plot.setLogMode(y=True)
        # Top right, inside the plot: clear of the loss axis's numbers on the left (a falling loss
        # leaves that corner empty), and short plots (~300 px) are not covered from the bottom up.
        self.loss_legend = self.loss_plot.addLegend(offset=(-8, 4), labelTextColor=(30, 30, 30),
                                                   brush=pg.mkBrush(255, 255, 255, 190), verSpacing=-6)
        self.loss_plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.metric_plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.loss_follow = Follow(self.loss_plot, log_y=True)
        self.metric_follow = Follow(self.metric_plot)
        self.loss_plot.hideButtons()
        self.metric_plot.hideButtons()
        lay.addWidget(self.view, 1)
        self.note = note_label(self.tr("Solid: training set · dashed: test set · faint: each mini-batch. "
                                       "Each colour is one run, labelled with its optimiser and learning rate ε."))
        lay.addWidget(self.note)
        self._curves: dict[int, _RunCurves] = {}
        self._metric_name = ""

    # --- options ------------------------------------------------------------------------

    @property
    def per_epoch(self) -> bool:
        return self.x_axis.currentIndex() == 1

    @Slot(bool)
    def _on_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self._reset_view()

    @Slot()
    def _reset_view(self, *_args) -> None:
        for cv in self._curves.values():
            cv.batch_n = cv.epochs_n = -1
        style_plot(self.metric_plot, self, bottom=self.tr("epoch") if self.per_epoch else self.tr("step"))
        self.loss_follow.reset(self.log.isChecked())
        self.metric_follow.reset()
        if self.controller is not None:
            self._sync_runs()
            self._update_all(force=True)

    @Slot()
    def clear_earlier(self) -> None:
        """Forget the earlier runs (here and in the record), keep the current one."""
        if self.controller is None:
            return
        rec = self.controller.record
        del rec.runs[:-1]
        self._sync_runs()

    # --- export -------------------------------------------------------------------------

    def export_table(self) -> Table:
        """Every curve as drawn, run by run: its x (step or epoch) and its values."""
        table = Table()
        x_name = self.tr("epoch") if self.per_epoch else self.tr("step at the end of each epoch")
        metric = self.tr("accuracy") if self._metric_name == "accuracy" else self._metric_name
        for number, cv in sorted(self._curves.items()):
            run = self.tr("run {0} ({1})").format(number, cv.label)
            batch_x = self.tr("{0}: mini-batch, in epochs") if self.per_epoch else self.tr("{0}: mini-batch step")
            table.add_curve(cv.batch, batch_x.format(run), self.tr("{0}: mini-batch loss").format(run))
            x = f"{run}: {x_name}"
            table.add_curve(cv.train, x, self.tr("{0}: training loss").format(run))
            table.add_curve(cv.test, x, self.tr("{0}: test loss").format(run))
            table.add_curve(cv.train_m, x, self.tr("{0}: training {1}").format(run, metric))
            table.add_curve(cv.test_m, x, self.tr("{0}: test {1}").format(run, metric))
        return table

    # --- drawing ------------------------------------------------------------------------

    def _sync_runs(self) -> None:
        """One set of items per run in the record; the newest is drawn strongest."""
        runs = {r.number: r for r in self.controller.record.runs}
        for number in list(self._curves):
            if number not in runs:
                self._curves.pop(number).remove(self.loss_plot, self.metric_plot)
        newest = max(runs) if runs else None
        for number, run in runs.items():
            cv = self._curves.get(number)
            if cv is None:
                cv = self._curves[number] = _RunCurves(run, self.loss_plot, self.metric_plot)
            cv.set_current(number == newest)
            if cv.label != run.label:
                cv.label = run.label
                self.loss_legend.removeItem(cv.train)
                self.loss_legend.addItem(cv.train, run.label)
            if not self.batch_box.isChecked():
                cv.batch.setVisible(False)

    def draw(self, snap: Snapshot) -> None:
        name = snap.info.metric_name
        if name != self._metric_name:
            self._metric_name = name
            title = self.tr("Accuracy") if name == "accuracy" else self.tr("R² (1 = perfect fit)")
            style_plot(self.metric_plot, self, title, self.tr("accuracy") if name == "accuracy" else name,
                       self.tr("epoch") if self.per_epoch else self.tr("step"))
        if set(self._curves) != {r.number for r in self.controller.record.runs} or \
                any(cv.label != cv.run.label for cv in self._curves.values()):
            self._sync_runs()
        self._update_all(force=False)

    def _update_all(self, force: bool) -> None:
        runs = self.controller.record.runs
        newest = runs[-1].number if runs else None
        spe = self.snap.info.steps_per_epoch if self.snap is not None else 1
        self._bounds = [np.nan] * 5  # x max, loss min, loss max, metric min, metric max
        for run in runs:
            cv = self._curves.get(run.number)
            if cv is None:
                continue
            self._update_run(cv, run, run.number == newest, max(spe, 1), force)
        xmax, lmin, lmax, mmin, mmax = self._bounds
        stopped = self.snap is not None and self.snap.state != RUNNING  # the curves end here
        self.loss_follow.update(0.0, xmax, lmin, lmax, tight=stopped)
        if self._metric_name == "accuracy":
            mmin, mmax = min(mmin, 0.5) if np.isfinite(mmin) else 0.0, 1.0
        self.metric_follow.update(0.0, np.nan, mmin, mmax)  # its x axis is linked to the loss plot's

    def _grow(self, i: int, lo: bool, values: np.ndarray) -> None:
        v = values[np.isfinite(values)]
        if v.size:
            m = float(v.min() if lo else v.max())
            cur = self._bounds[i]
            self._bounds[i] = m if not np.isfinite(cur) else (min(cur, m) if lo else max(cur, m))

    def _update_run(self, cv: _RunCurves, run: Run, current: bool, steps_per_epoch: int, force: bool) -> None:
        n = len(run.loss)
        now = time.perf_counter()
        log = self.log.isChecked()
        if current and self.batch_box.isChecked() and n != cv.batch_n and \
                (force or n < _BIG or now - cv.batch_drawn_at > 0.5):
            x, y = run.loss_series()
            if log:
                y = np.maximum(y, _LOG_FLOOR)
            cv.batch.setData(x / steps_per_epoch if self.per_epoch else x, y)
            cv.batch_n, cv.batch_drawn_at = n, now
        if current and self.batch_box.isChecked() and n:
            x, y = run.loss_series()
            self._grow(0, False, x / steps_per_epoch if self.per_epoch else x)
            self._grow(1, True, y)
            self._grow(2, False, y)
        k = len(run.epochs)
        if k and k == cv.epochs_n and not force:
            cols = run.epoch_cols.view()
            x = cols[:, 0] if self.per_epoch else cols[:, 1]
            self._grow(0, False, x)
            for j in (2, 4):
                self._grow(1, True, cols[:, j])
                self._grow(2, False, cols[:, j])
            for j in (3, 5):
                self._grow(3, True, cols[:, j])
                self._grow(4, False, cols[:, j])
        if k != cv.epochs_n or force:
            cv.epochs_n = k
            cols = run.epoch_cols.view()
            if k:
                x = cols[:, 0] if self.per_epoch else cols[:, 1]
                tl, tm, vl, vm = cols[:, 2], cols[:, 3], cols[:, 4], cols[:, 5]
                if log:
                    tl, vl = np.maximum(tl, _LOG_FLOOR), np.maximum(vl, _LOG_FLOOR)
                cv.train.setData(x, tl, connect="finite")
                cv.train_m.setData(x, tm, connect="finite")
                self._grow(0, False, x)
                for arr in (tl, vl):
                    self._grow(1, True, arr)
                    self._grow(2, False, arr)
                for arr in (tm, vm):
                    self._grow(3, True, arr)
                    self._grow(4, False, arr)
                has_test = bool(np.isfinite(vl).any())
                if has_test:
                    cv.test.setData(x, vl, connect="finite")
                    cv.test_m.setData(x, vm, connect="finite")
                else:
                    cv.test.setData([], [])
                    cv.test_m.setData([], [])
            else:
                for it in (cv.train, cv.test, cv.train_m, cv.test_m):
                    it.setData([], [])


if __name__ == "__main__":
    import sys

    from designer.preview import run_with_training

    sys.exit(run_with_training(lambda ctl: CurvesPanel().bind(ctl), "Curves"))
