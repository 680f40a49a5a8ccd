"""Loss landscape: the loss around a point as a heat map with contours, and optimiser paths.

Two sources:

* **The lecture's network** y = σ(w₂ σ(w₁ x)) (:func:`core.lab.lecture_network`):
  two plots side by side, squared error next to cross-entropy, over (w₁, w₂),
  with the paths of GD, SGD, Momentum, AdaGrad, RMSProp and Adam from the
  same start. Click a plot to start them from there.
* **This network** (the document's): the loss along two chosen edges
  (:meth:`LandscapeWidget.set_axes_from_edges`, which the canvas can call)
  or two random, filter-normalised directions, around the current weights,
  with each optimiser's path projected on that plane. Computed in a worker
  thread.

All numbers come from :mod:`core.lab` (``landscape``, ``direction_of``,
``random_directions``, ``OptimizerRace``, ``project_path``); this module
draws them. Run on its own with ``python -m designer.lab.landscape``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QRadioButton, QSpinBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from core.lab import (Landscape, OptimizerRace, Racer, direction_of, landscape, lecture_data,
                      lecture_network, project_path, random_directions)
from core.model import compile_model

from .common import (LabPanel, LANES, DataProblem, LaneTable, SciSpinBox, document_data, lane_label,
                     set_title, span_title, style_plot, two_lines)

LECTURE_LANES = tuple(lane for lane in LANES if lane.key != "minibatch")

#: Learning rates that make the lecture's surfaces tell their story in ~150 steps.
LECTURE_DEFAULTS = {
    "gd": {"lr": 2.0}, "sgd": {"lr": 2.0}, "momentum": {"lr": 0.5, "alpha": 0.9},
    "adagrad": {"lr": 1.0}, "rmsprop": {"lr": 0.05}, "adam": {"lr": 0.1},
}
NETWORK_DEFAULTS = {
    "gd": {"lr": 0.5}, "sgd": {"lr": 0.05}, "minibatch": {"lr": 0.2},
    "momentum": {"lr": 0.05}, "adagrad": {"lr": 0.1}, "rmsprop": {"lr": 0.005}, "adam": {"lr": 0.01},
}

LECTURE_DATA = {
    "few": "eight examples x = ±0.5 … ±2, y = 1 if x > 0 else 0",
    "one": "one example x = 1, y = 1 (the lecture's figure)",
}


LOSS_TITLES = {
    "mse": two_lines("Squared error", "½(ŷ − y)²"),
    "bce": two_lines("Cross-entropy", "−y log ŷ − (1−y) log(1−ŷ)"),
}

#: Pale at low loss, dark at high: the coloured paths stay visible everywhere.
_CMAP = pg.ColorMap([0.0, 0.35, 0.7, 1.0], ["#fbfaf4", "#d9d4c3", "#9a9383", "#4a463f"])


@dataclass
class SurfaceResult:
    """What one plot shows: the grid, and each lane's path in plot coordinates."""

    title: str
    scape: Landscape
    paths: list[np.ndarray]
    diverged: list[bool]
    offset: tuple[float, float] = (0.0, 0.0)


# --- one plot ---------------------------------------------------------------------------------


class SurfacePlot(pg.PlotWidget):
    """A heat map of the loss with contour lines, a colour bar and one path per optimiser.

    The image holds the grid exactly as :func:`core.lab.landscape` returns
    it (``image[iy, ix]``, row-major), each pixel centred on its grid point.
    """

    N_CONTOURS = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(210, 220)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=_CMAP, interactive=False, width=14)
        self.colorbar.axis.enableAutoSIPrefix(False)
        self.colorbar.setImageItem(self.image, insert_in=item)
        span_title(item)
        self.contours = []
        for _ in range(self.N_CONTOURS):
            iso = pg.IsocurveItem(level=0.0, pen=pg.mkPen((60, 60, 60, 110), width=1), axisOrder="row-major")
            iso.setParentItem(self.image)
            self.contours.append(iso)
        self.legend = item.addLegend(offset=(8, 8), labelTextSize="8pt")
        self.halos: list[pg.PlotDataItem] = []
        self.paths: list[pg.PlotDataItem] = []
        self.ends: list[pg.ScatterPlotItem] = []
        self.start = pg.ScatterPlotItem(size=13, symbol="star", pen=pg.mkPen("k", width=1),
                                        brush=pg.mkBrush("w"))
        self.start.setZValue(20)
        item.addItem(self.start)
        self.lanes = []

    #: Below this width the legend would cover the surface; the colour
    #: swatches beside each optimiser's name in the controls still tell them apart.
    LEGEND_MIN_WIDTH = 330

    legend_wanted = True

    def want_legend(self, wanted: bool) -> None:
        """Show the legend here (where the plot is wide enough for it) or never."""
        self.legend_wanted = wanted
        self._fit_legend()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        legend = self.__dict__.get("legend")  # PlotWidget resizes itself before __init__ ends
        if legend is not None:
            legend.setVisible(self.legend_wanted and self.width() >= self.LEGEND_MIN_WIDTH)

    def set_lanes(self, lanes, labels: list[str]) -> None:
        """One path item per lane, created once (then only ``setData``)."""
        item = self.getPlotItem()
        for it in self.halos + self.paths + self.ends:
            item.removeItem(it)
        self.legend.clear()
        self.halos, self.paths, self.ends = [], [], []
        self.lanes = list(lanes)
        for lane, label in zip(lanes, labels):
            halo = pg.PlotDataItem(pen=pg.mkPen((255, 255, 255, 200), width=4.5))
            path = pg.PlotDataItem(pen=pg.mkPen(lane.colour, width=2.2), name=label)
            end = pg.ScatterPlotItem(size=8, symbol="o", pen=pg.mkPen("w", width=1.2),
                                     brush=pg.mkBrush(lane.colour))
            for z, it in ((5, halo), (6, path), (7, end)):
                it.setZValue(z)
                item.addItem(it)
            self.halos.append(halo)
            self.paths.append(path)
            self.ends.append(end)

    def show_surface(self, scape: Landscape, title: str, offset=(0.0, 0.0),
                     labels: tuple[str, str] = ("", "")) -> None:
        """Draw the grid: image, contours at evenly spread loss quantiles, colour bar."""
        xs, ys = scape.xs + offset[0], scape.ys + offset[1]
        L = np.asarray(scape.loss, dtype=float)
        finite = L[np.isfinite(L)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if hi <= lo:
            hi = lo + 1e-12
        self.image.setImage(L, autoLevels=False)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        self.image.setRect(rect)
        self.colorbar.setLevels((lo, hi))
        levels = np.quantile(finite, np.linspace(0.04, 0.96, self.N_CONTOURS)) if finite.size else []
        for iso, level in zip(self.contours, levels):
            iso.setData(np.where(np.isfinite(L), L, hi), float(level))
        item = self.getPlotItem()
        set_title(item, title)
        item.setLabel("bottom", labels[0])
        item.setLabel("left", labels[1])
        item.setRange(rect=rect, padding=0.02)

    def show_paths(self, paths: list[np.ndarray], diverged: list[bool], offset=(0.0, 0.0)) -> None:
        ox, oy = offset
        for k, (halo, path, end) in enumerate(zip(self.halos, self.paths, self.ends)):
            if k >= len(paths) or len(paths[k]) == 0:
                for it in (halo, path):
                    it.setData([], [])
                end.setData([], [])
                continue
            p = paths[k]
            x, y = p[:, 0] + ox, p[:, 1] + oy
            halo.setData(x, y)
            path.setData(x, y)
            end.setData([x[-1]], [y[-1]], symbol="x" if diverged[k] else "o")
        if paths and len(paths[0]):
            self.start.setData([paths[0][0, 0] + ox], [paths[0][0, 1] + oy])
        else:
            self.start.setData([], [])

    def restyle_colorbar(self, palette) -> None:
        text = palette.color(palette.ColorRole.Text)
        ax = self.colorbar.axis
        ax.setPen(pg.mkPen(text))
        ax.setTextPen(pg.mkPen(text))
        ax.setLabel("loss", color=text.name())

    def grid_values(self) -> np.ndarray:
        """The values the image shows, as ``loss[iy, ix]``."""
        return np.asarray(self.image.image)


# --- background work ------------------------------------------------------------------------


class _Emitter(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    """Runs a plain function in the pool and reports back through queued signals."""

    def __init__(self, fn, generation: int):
        super().__init__()
        self.fn, self.generation = fn, generation
        self.emitter = _Emitter()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with np.errstate(all="ignore"):
                result = self.fn()
        except Exception as e:  # reported in the panel's status line, never swallowed
            self.emitter.failed.emit(self.generation, f"{type(e).__name__}: {e}")
            return
        self.emitter.done.emit(self.generation, result)


def _paths_on(scape: Landscape, race: OptimizerRace) -> list[np.ndarray]:
    return [project_path(p, scape) for p in race.paths]


def lecture_surfaces(samples: str, start: tuple[float, float], span: float, resolution: int,
                     racers: list[Racer], steps: int, seed: int = 0) -> list[SurfaceResult]:
    """Both lecture surfaces (squared error, cross-entropy) with every racer's path.

    The grid is centred on (0, 0), so plot coordinates are (w₁, w₂) themselves.
    """
    data = lecture_data(samples)
    out = []
    for loss in ("mse", "bce"):
        spec, params = lecture_network(loss, *start)
        model = compile_model(spec, params)
        d1, d2 = direction_of(model, "W:w1"), direction_of(model, "W:w2")
        scape = landscape(model, data, d1, d2, span, resolution, centre=np.zeros(2))
        race = OptimizerRace(spec, params, data, racers, seed=seed)
        race.run(steps)
        out.append(SurfaceResult(LOSS_TITLES[loss], scape, _paths_on(scape, race), race.diverged()))
    return out


@dataclass(frozen=True)
class Edge:
    """One edge of the network: unit ``i`` of the connection's source to unit ``j`` of its target."""

    connection: str
    i: int
    j: int


def network_surface(spec, params, train, axes, span: float, resolution: int, racers: list[Racer],
                    steps: int, seed: int = 0) -> SurfaceResult:
    """The document network's loss around its current weights, with projected paths.

    ``axes`` is ``(Edge, Edge)`` or ``("random", seed)``.
    """
    model = compile_model(spec, params)
    offset = (0.0, 0.0)
    if axes[0] == "random":
        d1, d2 = random_directions(model, int(axes[1]))
    else:
        e1, e2 = axes
        d1 = direction_of(model, f"W:{e1.connection}", (e1.j, e1.i))
        d2 = direction_of(model, f"W:{e2.connection}", (e2.j, e2.i))
        offset = (float(model.theta @ d1), float(model.theta @ d2))
    scape = landscape(model, train, d1, d2, span, resolution)
    race = OptimizerRace(spec, params, train, racers, seed=seed)
    race.run(steps)
    return SurfaceResult(two_lines("Loss of this network", "around its current weights"), scape,
                         _paths_on(scape, race), race.diverged(), offset)


# --- the panel ---------------------------------------------------------------------------------


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
        self._generation = 0
        self._busy = False
        self._pending = False
        self._jobs: dict[int, _Job] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build()
        if document is not None:
            self.set_document(document)
        self.compute()

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("The lecture's network y = σ(w₂ σ(w₁ x))"), "lecture")
        self.mode_combo.addItem(self.tr("This network (two edges or two random directions)"), "network")
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)

        # lecture page
        self.data_combo = QComboBox()
        for key, text in LECTURE_DATA.items():
            self.data_combo.addItem(text, key)
        self.w1_spin = SciSpinBox(5.0, -50, 50, log_steps=False, step=0.5)
        self.w2_spin = SciSpinBox(-6.0, -50, 50, log_steps=False, step=0.5)
        for sb in (self.w1_spin, self.w2_spin):
            sb.setToolTip(self.tr("Where every optimiser starts; or click a plot"))
        self.lecture_span = SciSpinBox(10.0, 0.1, 100, log_steps=False, step=1.0)
        self.lecture_span.setToolTip(self.tr("The plots show w₁ and w₂ from −span to +span"))
        self.lecture_lanes = LaneTable(LECTURE_LANES, hyper=LECTURE_DEFAULTS)
        lp = QWidget()
        lf = QFormLayout(lp)
        lf.setContentsMargins(0, 0, 0, 0)
        lf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lf.addRow(self.tr("Data"), self.data_combo)
        start = QHBoxLayout()
        start.addWidget(QLabel("w₁"))
        start.addWidget(self.w1_spin)
        start.addWidget(QLabel("w₂"))
        start.addWidget(self.w2_spin)
        start.addStretch(1)
        lf.addRow(self.tr("Start"), start)
        lf.addRow(self.tr("Span ±"), self.lecture_span)
        lf.addRow(self.lecture_lanes)
        hint = QLabel(self.tr("GD and SGD use plain steps; Momentum and the adaptive methods use every "
                              "example per step, so only their update rules differ. Click a plot to "
                              "start everyone there."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        lf.addRow(hint)
        for w in (self.data_combo,):
            w.currentIndexChanged.connect(self._lecture_changed)
        for sb in (self.w1_spin, self.w2_spin, self.lecture_span):
            sb.valueChanged.connect(self._lecture_changed)
        self.lecture_lanes.changed.connect(self._lecture_changed)

        # network page
        self.edge_radio = QRadioButton(self.tr("two edges"))
        self.random_radio = QRadioButton(self.tr("two random directions (filter-normalised)"))
        self.edge_radio.setChecked(True)
        self.axes_group = QButtonGroup(self)
        self.axes_group.addButton(self.edge_radio)
        self.axes_group.addButton(self.random_radio)
        self.edge_widgets = []
        edges = QGridLayout()
        edges.setContentsMargins(0, 0, 0, 0)
        for row, name in enumerate(("x axis", "y axis")):
            conn = QComboBox()
            conn.setToolTip(self.tr("The connection the edge belongs to"))
            i = QSpinBox()
            i.setToolTip(self.tr("Unit i of the connection's source (counting from 0)"))
            j = QSpinBox()
            j.setToolTip(self.tr("Unit j of the connection's target (counting from 0)"))
            conn.currentIndexChanged.connect(self._edge_ranges)
            edges.addWidget(QLabel(name), row, 0)
            edges.addWidget(conn, row, 1)
            edges.addWidget(QLabel(self.tr("from unit")), row, 2)
            edges.addWidget(i, row, 3)
            edges.addWidget(QLabel(self.tr("to unit")), row, 4)
            edges.addWidget(j, row, 5)
            self.edge_widgets.append((conn, i, j))
        edges.setColumnStretch(1, 1)
        self.random_seed = QSpinBox()
        self.random_seed.setRange(0, 2**31 - 1)
        self.random_seed.setToolTip(self.tr("Seed of the two random directions"))
        self.network_span = SciSpinBox(2.0, 1e-3, 100, log_steps=False, step=0.5)
        self.network_span.setToolTip(self.tr("Half-width of the picture: in weight values along edges, "
                                             "in multiples of the weights' norm along random directions"))
        self.resolution = QSpinBox()
        self.resolution.setRange(5, 201)
        self.resolution.setValue(41)
        self.resolution.setToolTip(self.tr("Grid points per side (each is one loss evaluation on the training set)"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 100_000)
        self.batch_spin.setValue(32)
        self.batch_spin.setToolTip(self.tr("m, the mini-batch size of the mini-batch lanes"))
        self.network_lanes = LaneTable(LANES, ticked=("gd", "sgd", "momentum", "adam"),
                                       hyper=NETWORK_DEFAULTS)
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setObjectName("compute")
        self.compute_button.clicked.connect(self.compute)
        self.random_radio.toggled.connect(self._axes_kind_changed)
        np_ = QWidget()
        nf = QFormLayout(np_)
        nf.setContentsMargins(0, 0, 0, 0)
        nf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        kinds = QHBoxLayout()
        kinds.addWidget(self.edge_radio)
        kinds.addWidget(self.random_radio)
        kinds.addStretch(1)
        nf.addRow(self.tr("Axes"), kinds)
        nf.addRow(edges)
        nf.addRow(self.tr("Random seed"), self.random_seed)
        self._enable_axes()
        nf.addRow(self.tr("Span ±"), self.network_span)
        nf.addRow(self.tr("Grid"), self.resolution)
        nf.addRow(self.tr("Mini-batch size m"), self.batch_spin)
        nf.addRow(self.network_lanes)
        nf.addRow(self.compute_button)
        note = QLabel(self.tr("Every optimiser trains all weights from the current point; its path is "
                              "projected on the plane of the picture, whose surface holds every other "
                              "weight fixed."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        nf.addRow(note)

        self.pages = QStackedWidget()
        self.pages.addWidget(lp)
        self.pages.addWidget(np_)

        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 100_000)
        self.steps_spin.setValue(150)
        self.steps_spin.setToolTip(self.tr("Updates each optimiser makes"))
        self.steps_spin.valueChanged.connect(self._lecture_changed)
        controls = QGroupBox(self.tr("Landscape"))
        cl = QVBoxLayout(controls)
        cl.addWidget(self.mode_combo)
        sf = QFormLayout()
        sf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        sf.addRow(self.tr("Steps"), self.steps_spin)
        cl.addLayout(sf)
        cl.addWidget(self.pages)
        cl.addStretch(1)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        cl.addWidget(self.status_label)

        self.plots = [SurfacePlot(), SurfacePlot()]
        plots = QWidget()
        pl = QHBoxLayout(plots)
        pl.setContentsMargins(0, 0, 0, 0)
        for p in self.plots:
            pl.addWidget(p)
            p.scene().sigMouseClicked.connect(lambda ev, p=p: self._plot_clicked(p, ev))
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(plots, 1)
        rl.addWidget(self.caption)

        self._place(controls, right)
        self._restyle()
        self._set_caption()

    # --- document -----------------------------------------------------------------

    def set_document(self, document) -> None:
        """Offer ``document``'s network as a source (its edges fill the axis choices)."""
        if self.document is not None:
            self.document.structure_changed.disconnect(self._fill_edges)
        self.document = document
        if document is not None:
            document.structure_changed.connect(self._fill_edges)
            self.batch_spin.setValue(int(document.training.batch_size))
        self._fill_edges()

    def _fill_edges(self) -> None:
        doc = self.document
        conns = list(doc.spec.connections.values()) if doc is not None else []
        for k, (combo, i, j) in enumerate(self.edge_widgets):
            old = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for c in conns:
                src, dst = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
                combo.addItem(f"{src.label} → {dst.label}", c.id)
            idx = combo.findData(old)
            combo.setCurrentIndex(idx if idx >= 0 else min(k, len(conns) - 1) if conns else -1)
            combo.blockSignals(False)
        self._edge_ranges()
        if conns and self.edge_widgets[0][0].currentData() == self.edge_widgets[1][0].currentData():
            self.edge_widgets[1][2].setValue(min(1, self.edge_widgets[1][2].maximum()))

    def _edge_ranges(self) -> None:
        doc = self.document
        for combo, i, j in self.edge_widgets:
            cid = combo.currentData()
            if doc is None or cid not in doc.spec.connections:
                i.setRange(0, 0)
                j.setRange(0, 0)
                continue
            c = doc.spec.connections[cid]
            i.setRange(0, doc.spec.nodes[c.src].units - 1)
            j.setRange(0, doc.spec.nodes[c.dst].units - 1)

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
        self.edge_radio.setChecked(True)
        for (combo, i, j), e in zip(self.edge_widgets, (edge1, edge2)):
            e = e if isinstance(e, Edge) else Edge(*e)
            idx = combo.findData(e.connection)
            if idx < 0:
                raise ValueError(f"the network has no connection {e.connection!r}")
            combo.setCurrentIndex(idx)
            self._edge_ranges()
            if not (0 <= e.i <= i.maximum() and 0 <= e.j <= j.maximum()):
                raise ValueError(f"edge ({e.i}, {e.j}) is outside connection {e.connection!r}")
            i.setValue(e.i)
            j.setValue(e.j)
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
        if self.random_radio.isChecked():
            return ("random", self.random_seed.value())
        return tuple(Edge(c.currentData(), i.value(), j.value()) for c, i, j in self.edge_widgets)

    def mode(self) -> str:
        return self.mode_combo.currentData()

    def is_busy(self) -> bool:
        return self._busy

    def compute(self) -> None:
        """Recompute the surfaces and paths for the current settings, in the background."""
        if self._busy:
            self._pending = True
            return
        job = self._make_job()
        if job is None:
            return
        self._generation += 1
        gen = self._generation
        fn, lanes, labels, meta = job
        runnable = _Job(fn, gen)
        runnable.emitter.done.connect(self._job_done)
        runnable.emitter.failed.connect(self._job_failed)
        self._jobs[gen] = runnable
        self._job_meta = (lanes, labels, meta)
        self._busy = True
        self.compute_button.setEnabled(False)
        self.status_label.setText(self.tr("Computing…"))
        self._pool.start(runnable)

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
        steps = self.steps_spin.value()
        if self.mode() == "lecture":
            samples = self.data_combo.currentData()
            lanes, racers, labels = self._racers(self.lecture_lanes, None, 0)
            n = len(lecture_data(samples))
            racers = [Racer(r.optimizer, r.hyper, min(r.batch_size, n), r.label) for r in racers]
            start = (float(self.w1_spin.value()), float(self.w2_spin.value()))
            span = float(self.lecture_span.value())
            res = 101

            def fn():
                return lecture_surfaces(samples, start, span, res, racers, steps)
            return fn, lanes, labels, {"labels": ("w₁", "w₂")}
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
        span, res, seed = float(self.network_span.value()), self.resolution.value(), doc.seed

        def fn():
            return [network_surface(spec, params, train, axes, span, res, racers, steps, seed)]
        return fn, lanes, labels, {"labels": self._axis_labels(axes)}

    def _axis_labels(self, axes) -> tuple[str, str]:
        if axes[0] == "random":
            return ("α along direction 1 (× weight norms)", "β along direction 2 (× weight norms)")
        out = []
        spec = self.document.spec
        for e in axes:
            c = spec.connections[e.connection]
            out.append(f"weight {spec.nodes[c.src].label}[{e.i}] → {spec.nodes[c.dst].label}[{e.j}]")
        return tuple(out)

    def _job_done(self, generation: int, results) -> None:
        self._jobs.pop(generation, None)
        self._busy = False
        self.compute_button.setEnabled(True)
        if self._pending:
            self._pending = False
            self.compute()
            return
        lanes, labels, meta = self._job_meta
        self.results = list(results)
        lecture = len(self.results) == 2
        self.plots[1].setVisible(lecture)
        for plot, res in zip(self.plots, self.results):
            plot.set_lanes(lanes, labels)
            plot.show_surface(res.scape, res.title, res.offset, meta["labels"])
            plot.show_paths(res.paths, res.diverged, res.offset)
        # One legend is enough when the plots stand side by side.
        self.plots[0].want_legend(True)
        self.plots[1].want_legend(not lecture)
        self._restyle()
        gone = [lab for lab, d in zip(labels, self.results[0].diverged) if d]
        self.status_label.setText("Diverged: " + ", ".join(gone) if gone else "")
        self._set_caption()
        self.computed.emit()

    def _job_failed(self, generation: int, message: str) -> None:
        self._jobs.pop(generation, None)
        self._busy = False
        self.compute_button.setEnabled(True)
        self._report(f"Could not compute the landscape: {message}")
        if self._pending:
            self._pending = False
            self.compute()

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

    def _axes_kind_changed(self, random: bool) -> None:
        self.network_span.setValue(1.0 if random else 2.0)
        self._enable_axes()

    def _enable_axes(self) -> None:
        random = self.random_radio.isChecked()
        for row in self.edge_widgets:
            for w in row:
                w.setEnabled(not random)
        self.random_seed.setEnabled(random)

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
        for sb, v in ((self.w1_spin, w1), (self.w2_spin, w2)):
            sb.blockSignals(True)
            sb.setValue(round(v, 2))
            sb.blockSignals(False)
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
        self._pool.waitForDone(10000)
        super().closeEvent(event)


def main() -> int:
    from .common import demo_document, run_standalone

    doc = demo_document()
    return run_standalone(lambda: LandscapeWidget(doc), "Loss landscape", (1400, 720))


if __name__ == "__main__":
    raise SystemExit(main())
