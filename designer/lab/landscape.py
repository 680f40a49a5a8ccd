"""Loss landscape: the loss around a point as a heat map with contours, and optimiser paths.

Two sources:

* **The lecture's network** y = σ(w₂ σ(w₁ x)) (:func:`core.lab.lecture_network`):
  two plots side by side, squared error next to cross-entropy, over (w₁, w₂),
  with the paths of GD, SGD, Momentum, AdaGrad, RMSProp and Adam from the
  same start. Click a plot to start them from there.
* **This network** (the document's): the loss along two chosen edges
  (:meth:`LandscapeWidget.set_axes_from_edges`, which the canvas can call)
  or two random, filter-normalised directions, around the current weights,
  with each optimiser's path projected on that plane.

All numbers come from :mod:`core.lab` (:func:`~core.lab.lecture_surfaces`
and :func:`~core.lab.network_surface`, run as a job off the GUI thread with
a progress bar and Cancel, see :mod:`designer.jobs`); this module and its
two helpers (:mod:`.surface_plot`, :mod:`.landscape_pages`) draw them. Run
on its own with ``python -m designer.lab.landscape``.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from core.lab import (Edge, Racer, SurfaceResult, lecture_data, lecture_surfaces,  # noqa: F401 (re-exported)
                      network_surface)

from .. import forms
from ..jobs import Job, JobBar
from .common import LabPanel, DataProblem, LaneTable, document_data, lane_label, style_plot, two_lines
from .landscape_pages import LecturePage, NetworkPage, axis_labels
from .surface_plot import SurfacePlot

#: Each surface's title, by :attr:`core.lab.SurfaceResult.kind`.
TITLES = {
    "mse": two_lines("Squared error", "½(ŷ − y)²"),
    "bce": two_lines("Cross-entropy", "−y log ŷ − (1−y) log(1−ŷ)"),
    "network": two_lines("Loss of this network", "around its current weights"),
}


class LandscapeWidget(LabPanel):
    """Loss surfaces with optimiser paths: the lecture's network, or the document's.

    Signals
    -------
    computed()
        New surfaces and paths are on screen.
    failed(str)
        A computation failed; the message is also shown in the panel.

    Attributes
    ----------
    results : list[SurfaceResult]
        What the plots show (two for the lecture, one for the network).
    plots : list[SurfacePlot]
        The two plots (the second is hidden for the document's network).
    """

    computed = Signal()
    failed = Signal(str)

    def __init__(self, document=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = None
        self.results: list[SurfaceResult] = []
        self.job: Job | None = None
        self._pool = QThreadPool(self)  # one at a time: a new computation waits for the cancelled one
        self._pool.setMaxThreadCount(1)
        self._build()
        if document is not None:
            self.set_document(document)
        self.compute()

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.mode_combo = forms.combo([
            (self.tr("The lecture's network y = σ(w₂ σ(w₁ x))"), "lecture"),
            (self.tr("This network (two edges or two random directions)"), "network"),
        ], on_change=self._mode_changed)
        self.lecture, self.network = LecturePage(), NetworkPage()
        self.network.spec_source = lambda: self.document.spec if self.document is not None else None
        self.lecture.changed.connect(self._lecture_changed)
        self.network.compute_button.clicked.connect(self.compute)
        self._alias_controls()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.lecture)
        self.pages.addWidget(self.network)
        self.steps_spin = forms.spin(1, 100_000, 150, tip=self.tr("Updates each optimiser makes"),
                                     on_change=self._lecture_changed)
        self.status_label = forms.label("")
        self.job_bar = JobBar()
        controls = forms.section(self.tr("Landscape"), self.mode_combo,
                                 forms.form((self.tr("Steps"), self.steps_spin)), self.pages)
        controls.layout().addStretch(1)
        controls.layout().addWidget(self.job_bar)
        controls.layout().addWidget(self.status_label)
        self.plots = [SurfacePlot(), SurfacePlot()]
        for p in self.plots:
            p.scene().sigMouseClicked.connect(lambda ev, p=p: self._plot_clicked(p, ev))
        self.caption = forms.label()
        right = forms.column(forms.row(*self.plots, stretch=False), self.caption, margins=0)
        right.setStretch(0, 1)
        self._place(controls, forms.widget(right))
        self._restyle()
        self._set_caption()

    def _alias_controls(self) -> None:
        """The pages' controls under the names scripts and tests have always used."""
        lp, np_ = self.lecture, self.network
        self.data_combo, self.w1_spin, self.w2_spin = lp.data_combo, lp.w1_spin, lp.w2_spin
        self.lecture_span, self.lecture_lanes = lp.span, lp.lanes
        self.edge_radio, self.random_radio, self.edge_widgets = np_.edge_radio, np_.random_radio, np_.edge_widgets
        self.random_seed, self.network_span, self.resolution = np_.random_seed, np_.span, np_.resolution
        self.batch_spin, self.network_lanes, self.compute_button = np_.batch_spin, np_.lanes, np_.compute_button

    # --- document -----------------------------------------------------------------

    def set_document(self, document) -> None:
        """Offer ``document``'s network as a source (its edges fill the axis choices)."""
        if self.document is not None:
            self.document.structure_changed.disconnect(self.network.fill_edges)
        self.document = document
        if document is not None:
            document.structure_changed.connect(self.network.fill_edges)
            self.batch_spin.setValue(int(document.training.batch_size))
        self.network.fill_edges()

    # --- public API ---------------------------------------------------------------------

    def set_axes_from_edges(self, edge1, edge2, compute: bool = True) -> None:
        """Show the document network's loss along two edges.

        Parameters
        ----------
        edge1, edge2
            Each ``(connection id, i, j)`` (or an :class:`Edge`): the edge from
            unit ``i`` of the connection's source to unit ``j`` of its target,
            i.e. the weight ``W[j, i]``, as the canvas knows it.
        compute
            Compute right away (in the background; ``computed`` tells when done).
        """
        self.mode_combo.setCurrentIndex(self.mode_combo.findData("network"))
        self.network.set_edges(edge1, edge2)
        if compute:
            self.compute()

    def set_random_directions(self, seed: int = 0, compute: bool = True) -> None:
        """Show the document network's loss along two random directions."""
        self.mode_combo.setCurrentIndex(self.mode_combo.findData("network"))
        self.random_radio.setChecked(True)
        self.random_seed.setValue(seed)
        if compute:
            self.compute()

    def axes(self):
        """The network page's axes: ``(Edge, Edge)`` or ``("random", seed)``."""
        return self.network.axes()

    def mode(self) -> str:
        """``"lecture"`` or ``"network"``: which source the plots show."""
        return self.mode_combo.currentData()

    def is_busy(self) -> bool:
        """True while a computation runs."""
        return self.job is not None

    def compute(self) -> None:
        """Recompute the surfaces and paths for the current settings, in the background.

        A computation still running is cancelled: only the newest settings count.
        """
        made = self._make_job()
        if made is None:
            return
        gen, lanes, labels, axis_names = made
        if self.job is not None:
            self.job.abort()
        job = Job(gen, parent=self)
        job.finished.connect(lambda results, j=job: self._job_done(j, results))
        job.errored.connect(lambda message, j=job: self._job_failed(j, message))
        job.aborted.connect(lambda j=job: self._job_cancelled(j))
        self.job, self._job_meta = job, (lanes, labels, axis_names)
        self.compute_button.setEnabled(False)
        self.status_label.setText(self.tr("Computing…"))
        self.job_bar.watch(job).start(self._pool)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until background work is done (for scripts and shutdown)."""
        return self._pool.waitForDone(msecs)

    # --- computing ------------------------------------------------------------------------

    def _racers(self, table: LaneTable, n: int | None, m: int) -> tuple[list, list[Racer], list[str]]:
        lanes, racers, labels = [], [], []
        for lane in table.ticked():
            hyper = table.hyper(lane.key)
            if n is None:  # the lecture: plain GD/SGD, everyone else on the full gradient
                batch = 1 if lane.batch == "one" else 10**6
            else:
                batch = {"full": n, "one": 1}.get(lane.batch, m)
            label = lane_label(lane, hyper, m if n is not None else None)
            lanes.append(lane)
            racers.append(Racer(lane.optimizer, hyper, batch, label))
            labels.append(label)
        return lanes, racers, labels

    def _make_job(self):
        """The computation for the current settings, with what drawing it needs; None if it cannot run."""
        steps = self.steps_spin.value()
        if self.mode() == "lecture":
            samples = self.data_combo.currentData()
            lanes, racers, labels = self._racers(self.lecture_lanes, None, 0)
            n = len(lecture_data(samples))
            racers = [Racer(r.optimizer, r.hyper, min(r.batch_size, n), r.label) for r in racers]
            gen = lecture_surfaces(samples, self.lecture.start(), float(self.lecture_span.value()), 101,
                                   racers, steps)
            return gen, lanes, labels, ("w₁", "w₂")
        doc = self.document
        if doc is None:
            self._report("No network: open or build one, or look at the lecture's network.")
            return None
        try:
            train, _ = document_data(doc)
        except DataProblem as e:
            self._report(str(e))
            return None
        axes = self.axes()
        if axes[0] != "random" and any(e.connection is None for e in axes):
            self._report("The network has no connections to choose edges from.")
            return None
        lanes, racers, labels = self._racers(self.network_lanes, len(train), self.batch_spin.value())
        spec = doc.spec.copy()
        params = {k: v.copy() for k, v in doc.params.items()}
        gen = network_surface(spec, params, train, axes, float(self.network_span.value()),
                              self.resolution.value(), racers, steps, doc.seed)
        return gen, lanes, labels, axis_labels(spec, axes)

    def _job_done(self, job: Job, results: list[SurfaceResult]) -> None:
        if job is not self.job:
            return
        self._job_ended()
        lanes, labels, axis_names = self._job_meta
        self.results = list(results)
        lecture = len(self.results) == 2
        self.plots[1].setVisible(lecture)
        for plot, res in zip(self.plots, self.results):
            plot.set_lanes(lanes, labels)
            plot.show_surface(res.scape, TITLES[res.kind], res.offset, axis_names)
            plot.show_paths(res.paths, res.diverged, res.offset)
        # One legend is enough when the plots stand side by side.
        self.plots[0].want_legend(True)
        self.plots[1].want_legend(not lecture)
        self._restyle()
        gone = [lab for lab, d in zip(labels, self.results[0].diverged) if d]
        self.status_label.setText("Diverged: " + ", ".join(gone) if gone else "")
        self._set_caption()
        self.computed.emit()

    def _job_failed(self, job: Job, message: str) -> None:
        if job is self.job:
            self._job_ended()
            self._report(f"Could not compute the landscape: {message}")

    def _job_cancelled(self, job: Job) -> None:
        if job is self.job:  # Cancel pressed (a newer computation replacing it is not 'cancelled')
            self._job_ended()
            self.status_label.setText(self.tr("Cancelled."))

    def _job_ended(self) -> None:
        self.job = None
        self.compute_button.setEnabled(True)

    def _report(self, message: str) -> None:
        self.status_label.setText(message)
        self.failed.emit(message)

    # --- reactions --------------------------------------------------------------------------

    def _mode_changed(self) -> None:
        lecture = self.mode() == "lecture"
        self.pages.setCurrentIndex(0 if lecture else 1)
        self.plots[1].setVisible(lecture)
        self._set_caption()
        if lecture:
            self.compute()
        else:
            self.status_label.setText(self.tr("Choose two edges or random directions, then Compute."))

    def _lecture_changed(self) -> None:
        if self.mode() == "lecture":
            self.compute()

    def _plot_clicked(self, plot: SurfacePlot, ev) -> None:
        if self.mode() != "lecture" or ev.button() != Qt.MouseButton.LeftButton:
            return
        vb = plot.getPlotItem().vb
        pos = ev.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p: QPointF = vb.mapSceneToView(pos)
        self.set_lecture_start(p.x(), p.y())

    def set_lecture_start(self, w1: float, w2: float) -> None:
        """Start the lecture's optimisers at (w₁, w₂) and recompute their paths."""
        self.lecture.set_start(w1, w2)
        self._lecture_changed()

    def _set_caption(self) -> None:
        if self.mode() == "lecture":
            self.caption.setText(self.tr(
                        "<b>Neither surface is convex.</b> Squared error has flat plateaus where the output "
                        "neuron saturates (σ′ ≈ 0): plain gradient steps crawl there, while the adaptive "
                        "methods divide by √r and keep moving. Cross-entropy's output gradient ŷ − y does "
                        "not vanish when the output is confidently wrong. ★ start, ● end."))
        else:
            self.caption.setText(self.tr(
                        "The loss of this network on its training set, around the current weights (centre). "
                        "★ start, ● end of each optimiser's run, projected on the picture's plane."))

    # --- theme ---------------------------------------------------------------------------

    def _restyle(self) -> None:
        for p in self.plots:
            style_plot(p, self.palette())
            p.restyle_colorbar(self.palette())

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.job is not None:
            self.job.abort()
        self._pool.waitForDone(10000)
        super().closeEvent(event)


def main() -> int:
    """Show the landscape on its own, over a demo network."""
    from designer.preview import lab_document, run_standalone

    doc = lab_document()
    return run_standalone(lambda: LandscapeWidget(doc), "Loss landscape", (1400, 720))


if __name__ == "__main__":
    raise SystemExit(main())
