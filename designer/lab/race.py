"""Optimiser race: several optimisers, same start, same mini-batches, live.

The panel ticks optimisers (GD, SGD, mini-batch SGD, Momentum, AdaGrad,
RMSProp, Adam), each with its hyper-parameters, builds a
:class:`core.lab.OptimizerRace` over the document's network and data, and
runs :func:`core.lab.run_race` as a job (:mod:`designer.jobs`): off the GUI
thread, with a progress bar, Pause and Cancel. Loss curves (the risk on the
whole training set, recorded at fixed step intervals) are overlaid, one
colour per optimiser; the results table gives final loss and accuracy,
steps to reach a chosen loss and wall time.

Run on its own with ``python -m designer.lab.race``.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QSplitter, QVBoxLayout, QWidget

from core.lab import OptimizerRace, RaceFrame, Racer, run_race

from .. import forms
from ..jobs import Job, JobBar, paced
from .common import (LabPanel, LANES, ControlsSplitter, DataProblem, LaneTable, SciSpinBox, document_data,
                     lane_label, network_summary, scrollable, style_plot)
from .race_view import X_AXES, RacePlot, ResultsTable

#: Hyper-parameters that make the default race informative on a small network.
RACE_DEFAULTS = {
    "gd": {"lr": 0.5}, "sgd": {"lr": 0.05}, "minibatch": {"lr": 0.2},
    "momentum": {"lr": 0.05, "alpha": 0.9}, "adagrad": {"lr": 0.1},
    "rmsprop": {"lr": 0.005}, "adam": {"lr": 0.01},
}

PACES = (("full speed", 0), ("2000 steps/s", 2000), ("500 steps/s", 500), ("100 steps/s", 100),
         ("20 steps/s", 20))


class RaceWidget(LabPanel):
    """The optimiser race over a :class:`designer.document.Document`.

    Reads the document's spec, parameters, data and seed; never changes the
    document (every lane trains its own compiled copy).

    Signals
    -------
    race_started()
        A new race was built and began running.
    race_finished()
        The race ran all its steps (not emitted on Pause, Cancel or Clear).

    Attributes
    ----------
    race : core.lab.OptimizerRace | None
        The current race (lanes, batches seen, curves), None before Run.
        While it runs, only its job's thread steps it.
    lanes : list[Lane]
        The lanes of the current race, parallel to ``race.racers``.
    """

    race_started = Signal()
    race_finished = Signal()

    def __init__(self, document=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = None
        self.race: OptimizerRace | None = None
        self.lanes = []
        self.job: Job | None = None
        self._steps_done = 0
        self._total = 0
        self._metric = "accuracy"
        self._pace = 0
        self._build()
        if document is not None:
            self.set_document(document)

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.table = ResultsTable()
        self._build_settings()
        self.lane_table = LaneTable(LANES, ticked=("minibatch", "momentum", "adagrad", "rmsprop", "adam"),
                                    hyper=RACE_DEFAULTS)
        lanes_box = forms.section(self.tr("Optimisers (tick to race)"), self.lane_table, forms.note(
            self.tr("All lanes start from the network's current weights and draw the same "
                    "shuffled examples; lanes with the same batch size see identical mini-batches.")),
            stretch=True)
        self.network_label = forms.label(self.tr("No network"))
        self.status_label = forms.label("")
        self.job_bar = JobBar()
        settings_box = forms.section(self.tr("Race"), self.network_label, forms.form(
            (self.tr("Mini-batch size m"), self.batch_spin),
            (self.tr("Steps per lane"), self.steps_spin),
            (self.tr("Shuffle seed"), self.seed_spin),
            (self.tr("Target loss"), self.target_spin),
            (self.tr("Pace"), self.pace_combo),
        ), forms.row(self.run_button, self.pause_button, self.clear_button, stretch=False),
            self.job_bar, self.status_label)
        left = forms.widget(forms.column(settings_box))
        left.layout().addWidget(lanes_box, 1)
        self._lay_out(left, self._build_plot())
        self.table.set_headers("accuracy", self.target_spin.value())
        self._restyle()

    def _build_settings(self) -> None:
        self.batch_spin = forms.spin(1, 100_000, 32, tip=self.tr(
            "m, the mini-batch size of the mini-batch lanes (GD uses every example, SGD one)"))
        self.steps_spin = forms.spin(1, 1_000_000, 600, step=100, tip=self.tr("Updates each lane makes"))
        self.seed_spin = forms.spin(0, 2**31 - 1, 0, tip=self.tr(
            "Seed of the shuffling: the order of the examples, the same for every lane"))
        self.target_spin = SciSpinBox(0.3, 0.0, 1e6)
        forms.tip(self.target_spin, self.tr("The table counts the steps until the whole training-set loss "
                                            "first falls to this value"))
        self.pace_combo = forms.combo(PACES, tip=self.tr("Slow the race down to watch it in a lecture"),
                                      on_change=self._pace_changed)
        self.run_button = forms.button(self.tr("▶ Run race"), name="run", on_click=self.start,
                                       tip=self.tr("Build a new race from the current weights and run it"))
        self.pause_button = forms.button(self.tr("Pause"), name="pause", checkable=True, enabled=False)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.clear_button = forms.button(self.tr("Clear"), name="clear", on_click=self.clear)

    def _build_plot(self) -> QWidget:
        self.plot = RacePlot()
        self.legend = self.plot.legend
        self.xaxis_combo = forms.combo(((text, key) for key, text in X_AXES.items()), on_change=self._redraw)
        # Long choices: the closed box stays short (its list shows them whole).
        self.xaxis_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.xaxis_combo.setMinimumContentsLength(14)
        self.logy_check = QCheckBox(self.tr("log scale"))
        self.logy_check.toggled.connect(self._set_log)
        self.batch_loss_check = QCheckBox(self.tr("mini-batch losses"))
        self.batch_loss_check.setToolTip(self.tr("Also draw each step's mini-batch loss, faint: "
                                                 "the noise SGD lives with"))
        self.batch_loss_check.toggled.connect(self._redraw)
        options = forms.row(self.tr("x axis:"), self.xaxis_combo, self.logy_check, self.batch_loss_check)
        box = forms.widget(forms.column(options, self.plot))
        box.layout().setStretch(1, 1)
        return box

    def _lay_out(self, left: QWidget, plot_box: QWidget) -> None:
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

    @property
    def _curves(self):
        """The whole-set loss curves, one per lane (for tests and scripts)."""
        return self.plot.curves

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
        self._stop_job()
        race = self._build_race()
        if race is None:
            return False
        self.race = race
        self._set_headers(self._metric)
        self._total = self.steps_spin.value()
        self._steps_done = 0
        self.plot.make_curves(race, self.lanes, self.logy_check.isChecked())
        self._fill_table()
        self._set_pause_button(enabled=True, checked=False)
        self.status_label.setText(f"Racing {len(self.lanes)} optimiser(s) on {len(race.trainers[0].train)} "
                                  "training examples…")
        job = Job(paced(run_race(race, self._total), lambda: self._pace), parent=self)
        job.yielded.connect(lambda frame, j=job: self._frame(j, frame))
        job.finished.connect(lambda done, j=job: self._finished(j, done))
        job.aborted.connect(lambda j=job: self._cancelled(j))
        job.errored.connect(lambda message, j=job: self._failed(j, message))
        self.job = self.job_bar.watch(job).start()
        self.race_started.emit()
        return True

    def _build_race(self) -> OptimizerRace | None:
        """A race over the document for the ticked lanes; None, with the reason shown, if none can run."""
        doc = self.document
        if doc is None:
            self.status_label.setText(self.tr("No network to race."))
            return None
        lanes = self.lane_table.ticked()
        if not lanes:
            self.status_label.setText(self.tr("Tick at least one optimiser."))
            return None
        try:
            train, test = document_data(doc)
        except DataProblem as e:
            self.status_label.setText(str(e))
            return None
        n = len(train)
        m = min(self.batch_spin.value(), n)
        racers = []
        for lane in lanes:
            hyper = self.lane_table.hyper(lane.key)
            batch = {"full": n, "one": 1}.get(lane.batch, m)
            racers.append(Racer(lane.optimizer, hyper, batch, lane_label(lane, hyper, m)))
        with np.errstate(all="ignore"):  # a diverging lane is reported by its trainer
            race = OptimizerRace(doc.spec, doc.params, train, racers, test, seed=self.seed_spin.value(),
                                 target_loss=float(self.target_spin.value()))
            race.record()
        self.lanes = lanes
        self._metric = "accuracy" if train.task == "classification" else "R²"
        return race

    def is_running(self) -> bool:
        """True while the race steps (not while paused)."""
        return self.job is not None and self.job.is_running() and not self.job.is_paused()

    def pause(self) -> None:
        self.pause_button.setChecked(True)

    def resume(self) -> None:
        self.pause_button.setChecked(False)

    def _pause_toggled(self, paused: bool) -> None:
        job = self.job
        if self.race is None or job is None or not job.is_running():
            return
        if paused:
            job.pause(wait=2.0)  # the race is then still, and this thread may read it
            self.pause_button.setText(self.tr("Resume"))
            self._redraw()
            self._fill_table()
            self.status_label.setText(f"Paused at step {self._steps_done} of {self._total}.")
        else:
            self.pause_button.setText(self.tr("Pause"))
            job.resume()

    def clear(self) -> None:
        """Stop and forget the race, empty plot and table."""
        self._stop_job()
        self.race = None
        self.lanes = []
        self.plot.make_curves(None, [], False)
        self.table.setRowCount(0)
        self.pause_button.setEnabled(False)
        self.status_label.setText("")

    def _stop_job(self) -> None:
        """Cancel the running race's job and forget it (its late signals are ignored)."""
        if self.job is not None:
            self.job.abort()
            self.job.resume()
            self.job = None

    def _pace_changed(self) -> None:
        self._pace = self.pace_combo.currentData() or 0

    # --- the job's reports ---------------------------------------------------------------

    def _frame(self, job: Job, frame: RaceFrame) -> None:
        if job is not self.job:
            return
        self._steps_done = frame.step
        self._redraw()
        if frame.results is not None:
            self.table.fill(self.race, self.lanes, frame.results, self._metric)
        if not job.is_paused():
            self.status_label.setText(f"Step {self._steps_done} of {self._total}…")

    def _finished(self, job: Job, done: int) -> None:
        if job is not self.job:
            return
        self.job = None
        self._steps_done = self._total = done
        self._redraw()
        self._fill_table()
        self.pause_button.setEnabled(False)
        self.status_label.setText(f"Finished: {self._steps_done} steps per lane.")
        self.race_finished.emit()

    def _cancelled(self, job: Job) -> None:
        if job is not self.job:
            return
        self.job = None
        self._redraw()
        self._fill_table()
        self._set_pause_button(enabled=False, checked=False)
        self.status_label.setText(self.tr("Cancelled at step {0} of {1}.").format(self._steps_done, self._total))

    def _failed(self, job: Job, message: str) -> None:
        if job is not self.job:
            return
        self.job = None
        self._set_pause_button(enabled=False, checked=False)
        self.status_label.setText(self.tr("The race stopped: {0}").format(message))

    def _set_pause_button(self, enabled: bool, checked: bool) -> None:
        self.pause_button.setEnabled(enabled)
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(checked)
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.blockSignals(False)

    # --- drawing -----------------------------------------------------------------------

    def _set_headers(self, metric: str) -> None:
        self.table.set_headers(metric, self.target_spin.value())

    def _set_log(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(y=on)
        self._redraw()

    def _redraw(self) -> None:
        self.plot.draw(self.race, self.xaxis_combo.currentData(), self.logy_check.isChecked(),
                       self.batch_loss_check.isChecked())

    def _fill_table(self) -> None:
        """The results table from the race itself: only while its job is paused, stopped or done."""
        if self.race is not None:
            with np.errstate(all="ignore"):  # a diverging lane is reported by its trainer
                rows = self.race.results()
            self.table.fill(self.race, self.lanes, rows, self._metric)

    # --- theme -----------------------------------------------------------------------

    def _restyle(self) -> None:
        style_plot(self.plot, self.palette())

    def closeEvent(self, event) -> None:  # noqa: N802
        job = self.job
        self._stop_job()
        if job is not None:
            job.wait(10.0)
        super().closeEvent(event)


def main() -> int:
    """Show the race on its own, over a demo network."""
    from designer.preview import lab_document, run_standalone

    doc = lab_document()
    return run_standalone(lambda: RaceWidget(doc), "Optimiser race", (1200, 760))


if __name__ == "__main__":
    raise SystemExit(main())
