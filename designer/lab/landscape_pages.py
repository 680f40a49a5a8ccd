"""The loss landscape's two sets of controls: the lecture's network, and this network.

Each page only holds and reads its controls (what a person chose); the
landscape panel (:mod:`.landscape`) turns that into a computation.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QLabel, QRadioButton, QSpinBox, QWidget

from core.lab import Edge

from .. import forms
from .common import LANES, LaneTable, SciSpinBox

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
    "few": QT_TRANSLATE_NOOP("landscape", "eight examples x = ±0.5 … ±2, y = 1 if x > 0 else 0"),
    "one": QT_TRANSLATE_NOOP("landscape", "one example x = 1, y = 1 (the lecture's figure)"),
}


class LecturePage(QWidget):
    """Data, start (w₁, w₂), span and optimisers for the lecture's σ(w₂σ(w₁x)).

    Signals
    -------
    changed()
        Any of them changed (the panel recomputes at once: the network is tiny).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_combo = forms.combo((QCoreApplication.translate("landscape", text), key)
                                      for key, text in LECTURE_DATA.items())
        self.w1_spin = SciSpinBox(5.0, -50, 50, log_steps=False, step=0.5)
        self.w2_spin = SciSpinBox(-6.0, -50, 50, log_steps=False, step=0.5)
        for sb in (self.w1_spin, self.w2_spin):
            sb.setToolTip(self.tr("Where every optimiser starts; or click a plot"))
        self.span = SciSpinBox(10.0, 0.1, 100, log_steps=False, step=1.0)
        self.span.setToolTip(self.tr("The plots show w₁ and w₂ from −span to +span"))
        self.lanes = LaneTable(LECTURE_LANES, hyper=LECTURE_DEFAULTS)
        forms.form(
            (self.tr("Data"), self.data_combo),
            (self.tr("Start"), forms.row("w₁", self.w1_spin, "w₂", self.w2_spin)),
            (self.tr("Span ±"), self.span),
            self.lanes,
            forms.note(self.tr("GD and SGD use plain steps; Momentum and the adaptive methods use every "
                               "example per step, so only their update rules differ. Click a plot to "
                               "start everyone there.")),
            parent=self, margins=0)
        self.data_combo.currentIndexChanged.connect(self.changed)
        for sb in (self.w1_spin, self.w2_spin, self.span):
            sb.valueChanged.connect(self.changed)
        self.lanes.changed.connect(self.changed)

    def set_start(self, w1: float, w2: float) -> None:
        """Move the start without a ``changed`` per spin box (the caller recomputes once)."""
        for sb, v in ((self.w1_spin, w1), (self.w2_spin, w2)):
            sb.blockSignals(True)
            sb.setValue(round(v, 2))
            sb.blockSignals(False)

    def start(self) -> tuple[float, float]:
        """The start (w₁, w₂) as chosen."""
        return float(self.w1_spin.value()), float(self.w2_spin.value())


class NetworkPage(QWidget):
    """Axes (two edges or two random directions), span, grid, batch size and optimisers for a network."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: Where the network comes from: the panel's document's spec, or None.
        self.spec_source: Callable[[], object] = lambda: None
        self.edge_radio = QRadioButton(self.tr("two edges"))
        self.random_radio = QRadioButton(self.tr("two random directions (filter-normalised)"))
        self.edge_radio.setChecked(True)
        self.axes_group = QButtonGroup(self)
        self.axes_group.addButton(self.edge_radio)
        self.axes_group.addButton(self.random_radio)
        edges = self._build_edges()
        self.random_seed = forms.spin(0, 2**31 - 1, 0, tip=self.tr("Seed of the two random directions"))
        self.span = SciSpinBox(2.0, 1e-3, 100, log_steps=False, step=0.5)
        self.span.setToolTip(self.tr("Half-width of the picture: in weight values along edges, "
                                     "in multiples of the weights' norm along random directions"))
        self.resolution = forms.spin(5, 201, 41, tip=self.tr(
            "Grid points per side (each is one loss evaluation on the training set)"))
        self.batch_spin = forms.spin(1, 100_000, 32, tip=self.tr("m, the mini-batch size of the mini-batch lanes"))
        self.lanes = LaneTable(LANES, ticked=("gd", "sgd", "momentum", "adam"), hyper=NETWORK_DEFAULTS)
        self.compute_button = forms.button(self.tr("Compute"), name="compute")
        self.random_radio.toggled.connect(self._axes_kind_changed)
        self.enable_axes()
        forms.form(
            (self.tr("Axes"), forms.row(self.edge_radio, self.random_radio)),
            edges,
            (self.tr("Random seed"), self.random_seed),
            (self.tr("Span ±"), self.span),
            (self.tr("Grid"), self.resolution),
            (self.tr("Mini-batch size m"), self.batch_spin),
            self.lanes,
            self.compute_button,
            forms.note(self.tr("Every optimiser trains all weights from the current point; its path is "
                               "projected on the plane of the picture, whose surface holds every other "
                               "weight fixed.")),
            parent=self, margins=0)

    def _build_edges(self) -> QGridLayout:
        """Two rows "x axis / y axis: connection, from unit i, to unit j"."""
        self.edge_widgets: list[tuple[QComboBox, QSpinBox, QSpinBox]] = []
        edges = QGridLayout()
        edges.setContentsMargins(0, 0, 0, 0)
        for row, name in enumerate((self.tr("x axis"), self.tr("y axis"))):
            conn = forms.tip(QComboBox(), self.tr("The connection the edge belongs to"))
            i = forms.tip(QSpinBox(), self.tr("Unit i of the connection's source (counting from 0)"))
            j = forms.tip(QSpinBox(), self.tr("Unit j of the connection's target (counting from 0)"))
            conn.currentIndexChanged.connect(self.edge_ranges)
            for col, w in enumerate((QLabel(name), conn, QLabel(self.tr("from unit")), i,
                                     QLabel(self.tr("to unit")), j)):
                edges.addWidget(w, row, col)
            self.edge_widgets.append((conn, i, j))
        edges.setColumnStretch(1, 1)
        return edges

    # --- the network's edges ---------------------------------------------------------

    def fill_edges(self) -> None:
        """Offer the network's connections, keeping the choices that still exist."""
        spec = self.spec_source()
        conns = list(spec.connections.values()) if spec is not None else []
        for k, (combo, i, j) in enumerate(self.edge_widgets):
            old = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for c in conns:
                src, dst = spec.nodes[c.src], spec.nodes[c.dst]
                combo.addItem(f"{src.label} → {dst.label}", c.id)
            idx = combo.findData(old)
            combo.setCurrentIndex(idx if idx >= 0 else min(k, len(conns) - 1) if conns else -1)
            combo.blockSignals(False)
        self.edge_ranges()
        if conns and self.edge_widgets[0][0].currentData() == self.edge_widgets[1][0].currentData():
            self.edge_widgets[1][2].setValue(min(1, self.edge_widgets[1][2].maximum()))

    def edge_ranges(self) -> None:
        """Unit spin boxes bounded by the chosen connection's source and target sizes."""
        spec = self.spec_source()
        for combo, i, j in self.edge_widgets:
            cid = combo.currentData()
            if spec is None or cid not in spec.connections:
                i.setRange(0, 0)
                j.setRange(0, 0)
                continue
            c = spec.connections[cid]
            i.setRange(0, spec.nodes[c.src].units - 1)
            j.setRange(0, spec.nodes[c.dst].units - 1)

    def set_edges(self, edge1, edge2) -> None:
        """Choose two edges (each an :class:`Edge` or ``(connection, i, j)``); ValueError if not in the network."""
        self.edge_radio.setChecked(True)
        for (combo, i, j), e in zip(self.edge_widgets, (edge1, edge2)):
            e = e if isinstance(e, Edge) else Edge(*e)
            idx = combo.findData(e.connection)
            if idx < 0:
                raise ValueError(f"the network has no connection {e.connection!r}")
            combo.setCurrentIndex(idx)
            self.edge_ranges()
            if not (0 <= e.i <= i.maximum() and 0 <= e.j <= j.maximum()):
                raise ValueError(f"edge ({e.i}, {e.j}) is outside connection {e.connection!r}")
            i.setValue(e.i)
            j.setValue(e.j)

    def axes(self):
        """``(Edge, Edge)`` or ``("random", seed)``."""
        if self.random_radio.isChecked():
            return ("random", self.random_seed.value())
        return tuple(Edge(c.currentData(), i.value(), j.value()) for c, i, j in self.edge_widgets)

    def _axes_kind_changed(self, random: bool) -> None:
        self.span.setValue(1.0 if random else 2.0)
        self.enable_axes()

    def enable_axes(self) -> None:
        """Edge choices for edges, the seed for random directions."""
        random = self.random_radio.isChecked()
        for row in self.edge_widgets:
            for w in row:
                w.setEnabled(not random)
        self.random_seed.setEnabled(random)


def axis_labels(spec, axes) -> tuple[str, str]:
    """What the plot's axes read: the two weights, or the two random directions."""
    if axes[0] == "random":
        return (QCoreApplication.translate("landscape", "α along direction 1 (× weight norms)"),
                QCoreApplication.translate("landscape", "β along direction 2 (× weight norms)"))
    out = []
    for e in axes:
        c = spec.connections[e.connection]
        out.append(QCoreApplication.translate("landscape", "weight {0}[{1}] → {2}[{3}]")
                   .format(spec.nodes[c.src].label, e.i, spec.nodes[c.dst].label, e.j))
    return tuple(out)
