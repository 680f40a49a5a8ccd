"""What the optimiser race shows: the loss curves of every lane and the results table.

Both only draw what a :class:`core.lab.OptimizerRace` holds; the race panel
(:mod:`.race`) decides when.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from core.lab import OptimizerRace, RaceResult

from .common import swatch

#: The x axes a race can be drawn against (English; translated where shown, context "RacePlot").
X_AXES = {
    "step": QT_TRANSLATE_NOOP("RacePlot", "updates (steps)"),
    "epochs": QT_TRANSLATE_NOOP("RacePlot", "epochs (examples seen ÷ training-set size)"),
    "seconds": QT_TRANSLATE_NOOP("RacePlot", "wall time of the lane (s)"),
}

#: The results table's headers and their tooltips (English; translated in ``set_headers``).
COLUMNS = (
    QT_TRANSLATE_NOOP("ResultsTable", "Optimiser"),
    QT_TRANSLATE_NOOP("ResultsTable", "Steps"),
    QT_TRANSLATE_NOOP("ResultsTable", "Train loss"),
    QT_TRANSLATE_NOOP("ResultsTable", "Train {m}"),
    QT_TRANSLATE_NOOP("ResultsTable", "Test loss"),
    QT_TRANSLATE_NOOP("ResultsTable", "Test {m}"),
    QT_TRANSLATE_NOOP("ResultsTable", "Steps to ≤ {t}"),
    QT_TRANSLATE_NOOP("ResultsTable", "Time (s)"),
)
COLUMN_TIPS = (
    QT_TRANSLATE_NOOP("ResultsTable", "Optimiser and its learning rate ε (m: mini-batch size)"),
    QT_TRANSLATE_NOOP("ResultsTable", "Updates made"),
    QT_TRANSLATE_NOOP("ResultsTable", "Risk on the whole training set"),
    QT_TRANSLATE_NOOP("ResultsTable", "Score on the whole training set"),
    QT_TRANSLATE_NOOP("ResultsTable", "Risk on the test set"),
    QT_TRANSLATE_NOOP("ResultsTable", "Score on the test set"),
    QT_TRANSLATE_NOOP("ResultsTable", "First recorded step at which the whole training-set loss was at or below "
                                      "the target"),
    QT_TRANSLATE_NOOP("ResultsTable", "Time spent computing this lane's steps"),
)


class RacePlot(pg.PlotWidget):
    """The whole-training-set loss of every lane, with each step's mini-batch loss faint behind.

    Curves are made once per race (:meth:`make_curves`) and then only
    updated with ``setData`` (:meth:`draw`).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(320, 220)
        self.curves: list[pg.PlotDataItem] = []
        self.batch_curves: list[pg.PlotDataItem] = []
        item = self.getPlotItem()
        item.setTitle(self.tr("Loss on the whole training set"))
        item.setLabel("left", self.tr("loss R(θ)"))
        item.setLabel("bottom", QCoreApplication.translate("RacePlot", X_AXES["step"]))
        item.showGrid(x=True, y=True, alpha=0.25)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.legend = item.addLegend(offset=(10, -10))  # bottom left: loss curves fall away from it
        self.legend.setVisible(False)  # until a race has lanes to name
        item.setMenuEnabled(False)

    def make_curves(self, race: OptimizerRace | None, lanes, log: bool) -> None:
        """One curve and one faint mini-batch curve per lane of ``race`` (none without a race)."""
        item = self.getPlotItem()
        for c in self.curves + self.batch_curves:
            item.removeItem(c)
        self.legend.clear()
        self.curves, self.batch_curves = [], []
        self.legend.setVisible(race is not None)  # no empty box before the first race
        if race is None:
            return
        for lane in lanes:
            faint = pg.mkColor(lane.colour)
            faint.setAlpha(55)
            bc = pg.PlotDataItem(pen=pg.mkPen(faint, width=1))
            bc.setZValue(-1)
            item.addItem(bc)
            self.batch_curves.append(bc)
        for lane, racer in zip(lanes, race.racers):
            c = pg.PlotDataItem(pen=pg.mkPen(lane.colour, width=2.2), name=racer.label)
            item.addItem(c)
            self.curves.append(c)
        item.setLogMode(y=log)

    def draw(self, race: OptimizerRace | None, key: str, log: bool, show_batches: bool) -> None:
        """Put the race's recorded curves on the ``key`` axis (a step, epochs or seconds)."""
        self.getPlotItem().setLabel("bottom", QCoreApplication.translate("RacePlot", X_AXES[key]))
        if race is None:
            return
        show_batches = show_batches and key != "seconds"
        for k, (curve, bcurve) in enumerate(zip(self.curves, self.batch_curves)):
            pts = list(race.curves[k])  # a copy: the race's thread may append meanwhile
            x = np.array([getattr(p, key) for p in pts], dtype=float)
            y = _positive(np.array([p.loss for p in pts], dtype=float), log)
            curve.setData(x, y, connect="finite")
            name = race.racers[k].label + ("  " + self.tr("(diverged)") if race.trainers[k].diverged else "")
            label = self.legend.getLabel(curve)
            if label is not None and label.text != name:
                label.setText(name)
            bcurve.setVisible(show_batches)
            if show_batches:
                bx, losses = _batch_losses(race, k, key)
                bcurve.setData(bx, _positive(losses, log), connect="finite")


def _positive(y: np.ndarray, log: bool) -> np.ndarray:
    return np.where(y > 0, y, np.nan) if log else y


def _batch_losses(race: OptimizerRace, k: int, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Lane ``k``'s mini-batch losses against steps or epochs."""
    losses = np.asarray(race.trainers[k].history.step_loss, dtype=float)
    if key == "step":
        return np.arange(1, len(losses) + 1, dtype=float), losses
    n = max(len(race.trainers[0].train), 1)
    sizes = np.fromiter((len(b) for b in race.batches_seen[k][: len(losses)]), float)
    return np.cumsum(sizes) / n, losses[: len(sizes)]


class ResultsTable(QTableWidget):
    """One row per lane: final losses and scores, steps to the target, time; the best loss in bold."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def set_headers(self, metric: str, target: float) -> None:
        """Headers naming the metric (accuracy or R²) and the target loss."""
        t = f"{target:g}"
        short = self.tr("acc.") if metric == "accuracy" else metric
        self.setHorizontalHeaderLabels([QCoreApplication.translate("ResultsTable", c).format(m=short, t=t)
                                        for c in COLUMNS])
        for j, tip in enumerate(COLUMN_TIPS):
            self.horizontalHeaderItem(j).setToolTip(QCoreApplication.translate("ResultsTable", tip))

    def fill(self, race: OptimizerRace, lanes, rows: list[RaceResult], metric: str) -> None:
        """Show ``rows`` (``race.results()``, computed where the race may be read)."""
        self.setRowCount(len(rows))
        finite = [r.loss for r in rows if math.isfinite(r.loss)]
        best = min(finite) if finite else None
        bold = QFont()
        bold.setBold(True)
        for i, (lane, r) in enumerate(zip(lanes, rows)):
            div = race.trainers[i].diverged
            for j, text in enumerate(_cells(r, div, race.reached_risk[i], metric == "accuracy")):
                it = QTableWidgetItem(text)
                if j == 0:
                    it.setIcon(swatch(lane.colour))
                    it.setToolTip(div.message if div else race.racers[i].label)
                else:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if best is not None and r.loss == best and j == 2:
                    it.setFont(bold)
                self.setItem(i, j, it)


def _cells(r: RaceResult, div, reached: int | None, pct: bool) -> list[str]:
    return [
        r.label,
        QCoreApplication.translate("ResultsTable", "{0} (diverged)").format(r.steps) if div else f"{r.steps}",
        QCoreApplication.translate("ResultsTable", "diverged") if div and not math.isfinite(r.loss) else _fmt(r.loss),
        _fmt(r.metric, pct=pct),
        _fmt(r.test_loss),
        _fmt(r.test_metric, pct=pct),
        "—" if reached is None else f"{reached}",
        f"{r.seconds:.3f}",
    ]


def _fmt(v: float, pct: bool = False) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    return f"{100 * v:.1f} %" if pct else f"{v:.4g}"
