"""Optimiser race: several optimisers, same start, same mini-batches, live.

The panel ticks optimisers (GD, SGD, mini-batch SGD, Momentum, AdaGrad,
RMSProp, Adam), each with its hyper-parameters, builds a
:class:`core.lab.OptimizerRace` over the document's network and data, and
steps it from a ``QTimer`` in time slices of about 25 ms, so the window stays
responsive without a thread. Loss curves (the risk on the whole training
set, recorded at fixed step intervals) are overlaid, one colour per
optimiser; the results table gives final loss and accuracy, steps to reach a
chosen loss and wall time.

Run on its own with ``python -m designer.lab.race``.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from core.lab import OptimizerRace, Racer, RaceResult

from .common import (LabPanel, LANES, ControlsSplitter, DataProblem, LaneTable, SciSpinBox, document_data,
                     lane_label, network_summary, scrollable, style_plot, swatch)

#: Hyper-parameters that make the default race informative on a small network.
RACE_DEFAULTS = {
    "gd": {"lr": 0.5}, "sgd": {"lr": 0.05}, "minibatch": {"lr": 0.2},
    "momentum": {"lr": 0.05, "alpha": 0.9}, "adagrad": {"lr": 0.1},
    "rmsprop": {"lr": 0.005}, "adam": {"lr": 0.01},
}

X_AXES = {
    "step": "updates (steps)",
    "epochs": "epochs (examples seen ÷ training-set size)",
    "seconds": "wall time of the lane (s)",
}

COLUMNS = ("Optimiser", "Steps", "Train loss", "Train {m}", "Test loss", "Test {m}",
           "Steps to ≤ {t}", "Time (s)")
COLUMN_TIPS = ("Optimiser and its learning rate ε (m: mini-batch size)", "Updates made",
               "Risk on the whole training set", "Score on the whole training set",
               "Risk on the test set", "Score on the test set",
               "First recorded step at which the whole training-set loss was at or below the target",
               "Time spent computing this lane's steps")


class RaceWidget(LabPanel):
    """The optimiser race over a :class:`designer.document.Document`.

    Reads the document's spec, parameters, data and seed; never changes the
    document (every lane trains its own compiled copy).

    Signals
    -------
    race_started()
        A new race was built and began running.
    race_finished()
        The race ran all its steps (not emitted on Pause or Clear).

    Attributes
    ----------
    race : core.lab.OptimizerRace | None
        The current race (lanes, batches seen, curves), None before Run.
    lanes : list[Lane]
        The lanes of the current race, parallel to ``race.racers``.
    """

    race_started = Signal()
    race_finished = Signal()

    SLICE_SECONDS = 0.025
    DRAW_INTERVAL = 1.0 / 30.0
    TABLE_INTERVAL = 0.5

    def __init__(self, document=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = None
        self.race: OptimizerRace | None = None
        self.lanes = []
        self._steps_done = 0
        self._total = 0
        self._record_every = 1
        self._last_draw = 0.0
        self._last_table = 0.0
        self._curves: list[pg.PlotDataItem] = []
        self._batch_curves: list[pg.PlotDataItem] = []
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._credit = 0.0
        self._last_tick = 0.0
        self._timer.timeout.connect(self._tick)
        self._build()
        if document is not None:
            self.set_document(document)

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.lane_table = LaneTable(LANES, ticked=("minibatch", "momentum", "adagrad", "rmsprop", "adam"),
                                    hyper=RACE_DEFAULTS)
        lanes_box = QGroupBox(self.tr("Optimisers (tick to race)"))
        lb = QVBoxLayout(lanes_box)
        lb.addWidget(self.lane_table)
        note = QLabel(self.tr("All lanes start from the network's current weights and draw the same "
                              "shuffled examples; lanes with the same batch size see identical mini-batches."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        lb.addWidget(note)
        lb.addStretch(1)

        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 100_000)
        self.batch_spin.setValue(32)
        self.batch_spin.setToolTip(self.tr("m, the mini-batch size of the mini-batch lanes "
                                           "(GD uses every example, SGD one)"))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 1_000_000)
        self.steps_spin.setValue(600)
        self.steps_spin.setSingleStep(100)
        self.steps_spin.setToolTip(self.tr("Updates each lane makes"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr("Seed of the shuffling: the order of the examples, the same for every lane"))
        self.target_spin = SciSpinBox(0.3, 0.0, 1e6)
        self.target_spin.setToolTip(self.tr("The table counts the steps until the whole training-set loss "
                                            "first falls to this value"))
        self.xaxis_combo = QComboBox()
        for key, text in X_AXES.items():
            self.xaxis_combo.addItem(text, key)
        self.xaxis_combo.currentIndexChanged.connect(self._redraw)
        # Long choices: the closed box stays short (its list shows them whole).
        self.xaxis_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.xaxis_combo.setMinimumContentsLength(14)
        self.logy_check = QCheckBox(self.tr("log scale"))
        self.logy_check.setChecked(False)
        self.logy_check.toggled.connect(self._set_log)
        self.batch_loss_check = QCheckBox(self.tr("mini-batch losses"))
        self.batch_loss_check.setToolTip(self.tr("Also draw each step's mini-batch loss, faint: "
                                                 "the noise SGD lives with"))
        self.batch_loss_check.toggled.connect(self._redraw)
        self.pace_combo = QComboBox()
        for text, pace in (("full speed", 0), ("2000 steps/s", 2000), ("500 steps/s", 500),
                           ("100 steps/s", 100), ("20 steps/s", 20)):
            self.pace_combo.addItem(text, pace)
        self.pace_combo.setToolTip(self.tr("Slow the race down to watch it in a lecture"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Mini-batch size m"), self.batch_spin)
        form.addRow(self.tr("Steps per lane"), self.steps_spin)
        form.addRow(self.tr("Shuffle seed"), self.seed_spin)
        form.addRow(self.tr("Target loss"), self.target_spin)
        form.addRow(self.tr("Pace"), self.pace_combo)
        settings_box = QGroupBox(self.tr("Race"))
        sb = QVBoxLayout(settings_box)
        self.network_label = QLabel(self.tr("No network"))
        self.network_label.setWordWrap(True)
        sb.addWidget(self.network_label)
        sb.addLayout(form)

        self.run_button = QPushButton(self.tr("▶ Run race"))
        self.run_button.setObjectName("run")
        self.run_button.setToolTip(self.tr("Build a new race from the current weights and run it"))
        self.run_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pause")
        self.pause_button.setCheckable(True)
        self.pause_button.setEnabled(False)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clear")
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.clear_button)
        sb.addLayout(buttons)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        sb.addWidget(self.status_label)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(settings_box)
        ll.addWidget(lanes_box, 1)

        self.plot = pg.PlotWidget()
        self.plot.setMinimumSize(320, 220)
        item = self.plot.getPlotItem()
        item.setTitle(self.tr("Loss on the whole training set"))
        item.setLabel("left", "loss R(θ)")
        item.setLabel("bottom", X_AXES["step"])
        item.showGrid(x=True, y=True, alpha=0.25)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.legend = item.addLegend(offset=(10, -10))  # bottom left: loss curves fall away from it
        self.legend.setVisible(False)  # until a race has lanes to name
        item.setMenuEnabled(False)
        plot_opts = QHBoxLayout()
        plot_opts.addWidget(QLabel(self.tr("x axis:")))
        plot_opts.addWidget(self.xaxis_combo)
        plot_opts.addWidget(self.logy_check)
        plot_opts.addWidget(self.batch_loss_check)
        plot_opts.addStretch(1)
        plot_box = QWidget()
        pl = QVBoxLayout(plot_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addLayout(plot_opts)
        pl.addWidget(self.plot, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self._set_headers("accuracy")

        top = ControlsSplitter()
        top.addWidget(scrollable(left))
        top.addWidget(plot_box)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        row_h = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(int(row_h * 4.5) + 8)
        split.setSizes([600, row_h * 7 + 10])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._restyle()

    def _set_headers(self, metric: str) -> None:
        t = f"{self.target_spin.value():g}"
        short = "acc." if metric == "accuracy" else metric
        self.table.setHorizontalHeaderLabels([c.format(m=short, t=t) for c in COLUMNS])
        for j, tip in enumerate(COLUMN_TIPS):
            self.table.horizontalHeaderItem(j).setToolTip(tip)

    # --- document ----------------------------------------------------------------------

    def set_document(self, document) -> None:
        """Race on ``document``'s network and data (the current race, if any, is kept)."""
        if self.document is not None:
            for sig in (self.document.structure_changed, self.document.data_changed):
                sig.disconnect(self._document_changed)
        self.document = document
        if document is not None:
            document.structure_changed.connect(self._document_changed)
            document.data_changed.connect(self._document_changed)
            self.seed_spin.setValue(int(document.training.seed))
            self.batch_spin.setValue(int(document.training.batch_size))
        self._document_changed()

    def _document_changed(self) -> None:
        doc = self.document
        if doc is None:
            self.network_label.setText(self.tr("No network"))
            return
        try:
            net = network_summary(doc.spec) if doc.can_train() else "(network not complete)"
        except Exception:  # a half-built network: say so, nothing to race
            net = "(network not complete)"
        self.network_label.setText(f"<b>Network</b> {net}<br><b>Data</b> {doc.data.label}")
        if self.race is not None:
            self.status_label.setText(self.tr("The network or data changed: Run to race the new one."))

    # --- running ---------------------------------------------------------------------

    def start(self) -> bool:
        """Build a new race from the document's current weights and start it.

        Returns False (with the reason in the status line) when nothing can run.
        """
        self._timer.stop()
        doc = self.document
        if doc is None:
            self.status_label.setText(self.tr("No network to race."))
            return False
        lanes = self.lane_table.ticked()
        if not lanes:
            self.status_label.setText(self.tr("Tick at least one optimiser."))
            return False
        try:
            train, test = document_data(doc)
        except DataProblem as e:
            self.status_label.setText(str(e))
            return False
        n = len(train)
        m = min(self.batch_spin.value(), n)
        racers = []
        for lane in lanes:
            hyper = self.lane_table.hyper(lane.key)
            batch = {"full": n, "one": 1}.get(lane.batch, m)
            racers.append(Racer(lane.optimizer, hyper, batch, lane_label(lane, hyper, m)))
        with np.errstate(all="ignore"):
            self.race = OptimizerRace(doc.spec, doc.params, train, racers, test,
                                      seed=self.seed_spin.value(),
                                      target_loss=float(self.target_spin.value()))
            self.race.record()
        self.lanes = lanes
        self._metric = "accuracy" if train.task == "classification" else "R²"
        self._set_headers(self._metric)
        self._total = self.steps_spin.value()
        self._steps_done = 0
        self._record_every = max(1, self._total // 300)
        self._make_curves()
        self._fill_table()
        self._last_draw = self._last_table = self._last_tick = time.perf_counter()
        self._credit = 0.0
        self.pause_button.setEnabled(True)
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(False)
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.blockSignals(False)
        self.status_label.setText(f"Racing {len(lanes)} optimiser(s) on {n} training examples…")
        self._timer.start()
        self.race_started.emit()
        return True

    def is_running(self) -> bool:
        return self._timer.isActive()

    def pause(self) -> None:
        self.pause_button.setChecked(True)

    def resume(self) -> None:
        self.pause_button.setChecked(False)

    def _pause_toggled(self, paused: bool) -> None:
        if self.race is None or self._steps_done >= self._total:
            return
        if paused:
            self._timer.stop()
            self.pause_button.setText(self.tr("Resume"))
            self._redraw()
            self._fill_table()
            self.status_label.setText(f"Paused at step {self._steps_done} of {self._total}.")
        else:
            self.pause_button.setText(self.tr("Pause"))
            self._last_tick = time.perf_counter()
            self._timer.start()

    def clear(self) -> None:
        """Stop and forget the race, empty plot and table."""
        self._timer.stop()
        self.race = None
        self.lanes = []
        self._make_curves()
        self.table.setRowCount(0)
        self.pause_button.setEnabled(False)
        self.status_label.setText("")

    def _tick(self) -> None:
        race = self.race
        if race is None:
            self._timer.stop()
            return
        t0 = time.perf_counter()
        pace = self.pace_combo.currentData() or 0
        budget = self._total
        if pace:
            self._credit += pace * min(t0 - self._last_tick, 0.1)
            budget = min(self._total, self._steps_done + int(self._credit))
            self._credit -= int(self._credit)
        self._last_tick = t0
        with np.errstate(all="ignore"):  # a diverging lane is stopped and reported by the trainer
            while self._steps_done < budget and time.perf_counter() - t0 < self.SLICE_SECONDS:
                race.step()
                self._steps_done += 1
                if self._steps_done % self._record_every == 0 or self._steps_done == self._total:
                    race.record()
                if all(race.diverged()):
                    self._total = self._steps_done
                    race.record()
        now = time.perf_counter()
        done = self._steps_done >= self._total
        if done or now - self._last_draw >= self.DRAW_INTERVAL:
            self._redraw()
            self._last_draw = now
        if done or now - self._last_table >= self.TABLE_INTERVAL:
            self._fill_table(final=done)
            self._last_table = time.perf_counter()
        if done:
            self._timer.stop()
            self.pause_button.setEnabled(False)
            self.status_label.setText(f"Finished: {self._steps_done} steps per lane.")
            self.race_finished.emit()
        else:
            self.status_label.setText(f"Step {self._steps_done} of {self._total}…")

    # --- drawing -----------------------------------------------------------------------

    def _make_curves(self) -> None:
        item = self.plot.getPlotItem()
        for c in self._curves + self._batch_curves:
            item.removeItem(c)
        self.legend.clear()
        self._curves, self._batch_curves = [], []
        self.legend.setVisible(self.race is not None)  # no empty box before the first race
        if self.race is None:
            return
        for lane, racer in zip(self.lanes, self.race.racers):
            faint = pg.mkColor(lane.colour)
            faint.setAlpha(55)
            bc = pg.PlotDataItem(pen=pg.mkPen(faint, width=1))
            bc.setZValue(-1)
            item.addItem(bc)
            self._batch_curves.append(bc)
        for lane, racer in zip(self.lanes, self.race.racers):
            c = pg.PlotDataItem(pen=pg.mkPen(lane.colour, width=2.2), name=racer.label)
            item.addItem(c)
            self._curves.append(c)
        item.setLogMode(y=self.logy_check.isChecked())

    def _set_log(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(y=on)
        self._redraw()

    def _redraw(self) -> None:
        race = self.race
        key = self.xaxis_combo.currentData()
        self.plot.getPlotItem().setLabel("bottom", X_AXES[key])
        if race is None:
            return
        log = self.logy_check.isChecked()
        show_batches = self.batch_loss_check.isChecked() and key != "seconds"
        n = max(len(race.trainers[0].train), 1)
        for k, (curve, bcurve) in enumerate(zip(self._curves, self._batch_curves)):
            pts = race.curves[k]
            x = np.array([getattr(p, key) for p in pts], dtype=float)
            y = np.array([p.loss for p in pts], dtype=float)
            if log:
                y = np.where(y > 0, y, np.nan)
            curve.setData(x, y, connect="finite")
            name = race.racers[k].label + ("  (diverged)" if race.trainers[k].diverged else "")
            label = self.legend.getLabel(curve)
            if label is not None and label.text != name:
                label.setText(name)
            if show_batches:
                losses = np.asarray(race.trainers[k].history.step_loss, dtype=float)
                if key == "step":
                    bx = np.arange(1, len(losses) + 1, dtype=float)
                else:
                    sizes = np.fromiter((len(b) for b in race.batches_seen[k]), float, len(losses))
                    bx = np.cumsum(sizes) / n
                if log:
                    losses = np.where(losses > 0, losses, np.nan)
                bcurve.setData(bx, losses, connect="finite")
                bcurve.setVisible(True)
            else:
                bcurve.setVisible(False)

    def _fill_table(self, final: bool = False) -> None:
        race = self.race
        if race is None:
            return
        rows: list[RaceResult] = race.results()
        self.table.setRowCount(len(rows))
        finite = [r.loss for r in rows if math.isfinite(r.loss)]
        best = min(finite) if finite else None
        bold = QFont()
        bold.setBold(True)
        for i, (lane, r) in enumerate(zip(self.lanes, rows)):
            div = race.trainers[i].diverged
            reached = race.reached_risk[i]
            cells = [
                r.label,
                f"{r.steps}",
                "diverged" if div and not math.isfinite(r.loss) else _fmt(r.loss),
                _fmt(r.metric, pct=self._metric == "accuracy"),
                _fmt(r.test_loss),
                _fmt(r.test_metric, pct=self._metric == "accuracy"),
                "—" if reached is None else f"{reached}",
                f"{r.seconds:.3f}",
            ]
            if div:
                cells[1] = f"{r.steps} (diverged)"
            for j, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if j == 0:
                    it.setIcon(swatch(lane.colour))
                    it.setToolTip(div.message if div else race.racers[i].label)
                else:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if best is not None and r.loss == best and j == 2:
                    it.setFont(bold)
                self.table.setItem(i, j, it)

    # --- theme -----------------------------------------------------------------------

    def _restyle(self) -> None:
        style_plot(self.plot, self.palette())

    def closeEvent(self, event) -> None:  # noqa: N802
        self._timer.stop()
        super().closeEvent(event)


def _fmt(v: float, pct: bool = False) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    return f"{100 * v:.1f} %" if pct else f"{v:.4g}"


def main() -> int:
    from .common import demo_document, run_standalone

    doc = demo_document()
    return run_standalone(lambda: RaceWidget(doc), "Optimiser race", (1200, 760))


if __name__ == "__main__":
    raise SystemExit(main())
