"""What the lab panels share: optimiser lanes and colours, spin boxes, plot styling.

Nothing here computes anything about networks; :mod:`core.lab` does. This
module only decides how the panels look and which optimisers they offer,
so that the race, the landscape and the internals overlay use the same
names and the same colour for the same optimiser.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap, QValidator
from PySide6.QtWidgets import (QApplication, QCheckBox, QDoubleSpinBox, QFrame, QGridLayout, QLabel,
                               QScrollArea, QSplitter, QStyle, QVBoxLayout, QWidget)

from core.data.source import DataSource
from core.metrics import Targets
from core.optim import OPTIMIZERS
from core.parameters import init_parameters
from core.spec import NetworkSpec, sequential
from core.trainer import TrainingSettings


# --- optimiser lanes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Lane:
    """One optimiser as the lab offers it.

    ``batch`` says which examples each step averages over: ``"full"`` (the
    whole training set: gradient descent), ``"one"`` (one example: SGD) or
    ``"mini"`` (the panel's mini-batch size).
    """

    key: str
    optimizer: str
    name: str
    batch: str
    colour: str


#: The lecture's optimisers in the lecture's order, with one colour each
#: (Okabe–Ito hues, distinguishable with the common colour-vision deficiencies).
LANES: tuple[Lane, ...] = (
    Lane("gd", "sgd", "GD (full batch)", "full", "#e69f00"),
    Lane("sgd", "sgd", "SGD (one example)", "one", "#56b4e9"),
    Lane("minibatch", "sgd", "Mini-batch SGD", "mini", "#0072b2"),
    Lane("momentum", "momentum", "Momentum", "mini", "#009e73"),
    Lane("adagrad", "adagrad", "AdaGrad", "mini", "#cc79a7"),
    Lane("rmsprop", "rmsprop", "RMSProp", "mini", "#d55e00"),
    Lane("adam", "adam", "Adam", "mini", "#6a3d9a"),
)
LANE_BY_KEY = {lane.key: lane for lane in LANES}


def hyper_symbol(optimizer: str, key: str) -> str:
    """The lecture's symbol for a hyper-parameter (``"ε"`` for ``lr``), from ``hyper_info``."""
    info = OPTIMIZERS[optimizer].hyper_info.get(key, key)
    return info.split(" ", 1)[0]


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small square of one colour, for check boxes and table cells."""
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    return QIcon(pm)


# --- text --------------------------------------------------------------------------------------

_MARKS_RENDER: bool | None = None


def combining_marks_render() -> bool:
    """Whether this Qt draws combining accents such as the hat in r̂ (U+0302).

    Some Qt builds compose accents only where Unicode has a precomposed
    letter (ŝ, ŷ) and silently drop the rest (r̂): the hat would vanish from
    the lecture's notation. Checked once, by drawing.
    """
    global _MARKS_RENDER
    if _MARKS_RENDER is None:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QFont, QImage, QPainter

        def draw(text: str) -> QImage:
            img = QImage(40, 40, QImage.Format.Format_ARGB32)
            img.fill(QColor("white"))
            p = QPainter(img)
            p.setFont(QFont(QApplication.font().family(), 20))
            p.setPen(QColor("black"))
            p.drawText(QPointF(5, 32), text)
            p.end()
            return img
        _MARKS_RENDER = draw("r") != draw("r\u0302")
    return _MARKS_RENDER


def notation(text: str) -> str:
    """``text`` with r̂ written r^ where this Qt would drop the hat."""
    return text if combining_marks_render() else text.replace("r\u0302", "r^")


# --- number entry ---------------------------------------------------------------------------


class SciSpinBox(QDoubleSpinBox):
    """A spin box for numbers spanning decades (learning rates, δ, target losses).

    Shows ``0.001`` or ``1e-08`` as typed, accepts any float notation, and
    with ``log_steps`` the arrows step through 1, 2, 5, 10, 20, 50...
    """

    def __init__(self, value: float = 0.0, minimum: float = 0.0, maximum: float = 1e6,
                 log_steps: bool = True, step: float = 0.01, parent: QWidget | None = None):
        super().__init__(parent)
        self._log = log_steps
        self.setDecimals(15)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)
        self.setValue(value)
        self.setAccelerated(True)

    def textFromValue(self, v: float) -> str:  # noqa: N802 (Qt's name)
        return f"{v:.6g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # noqa: D401
        t = text.strip().replace(",", ".")
        if t in ("", "-", "+", ".", "e", "-."):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(t)
        except ValueError:
            if t[-1:] in "eE-+" and _floatish(t[:-1]):
                return QValidator.State.Intermediate, text, pos
            return QValidator.State.Invalid, text, pos
        if self.minimum() <= v <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if not self._log:
            super().stepBy(steps)
            return
        v = self.value()
        for _ in range(abs(steps)):
            v = _next_125(v, up=steps > 0, floor=self.minimum())
        self.setValue(min(max(v, self.minimum()), self.maximum()))


def _floatish(t: str) -> bool:
    try:
        float(t)
        return True
    except ValueError:
        return False


def _next_125(v: float, up: bool, floor: float) -> float:
    """The next value of the 1-2-5 series above or below ``v``."""
    if v <= 0:
        return max(floor, 1e-6) if up else 0.0
    e = math.floor(math.log10(v) + 1e-9)
    series = [m * 10.0 ** k for k in (e - 1, e, e + 1) for m in (1, 2, 5)]
    if up:
        return next(s for s in series if s > v * (1 + 1e-9))
    return next(s for s in reversed(series) if s < v * (1 - 1e-9))


def decay_spin(value: float) -> QDoubleSpinBox:
    """A spin box for α, ρ, ρ1, ρ2 in [0, 1), stepping by 0.01 and showing 0.9, 0.999."""
    return SciSpinBox(value, 0.0, 0.9999, log_steps=False, step=0.01)


def hyper_spin(optimizer: str, key: str, value: float) -> QDoubleSpinBox:
    """The right spin box for one hyper-parameter, with the lecture's meaning as tooltip."""
    if key in ("alpha", "rho", "rho1", "rho2"):
        sb = decay_spin(value)
    elif key == "delta":
        sb = SciSpinBox(value, 1e-12, 1.0)
    else:
        sb = SciSpinBox(value, 0.0, 100.0)
    sb.setToolTip(OPTIMIZERS[optimizer].hyper_info.get(key, key))
    sb.setObjectName(f"{optimizer}.{key}")
    return sb


class LaneTable(QWidget):
    """Check boxes for optimisers, each with its hyper-parameter spin boxes.

    One row per lane: a check box with the lane's colour and name (its
    update rule as tooltip), then one spin box per hyper-parameter from
    ``OPTIMIZERS[...].defaults``, labelled with the lecture's symbol.

    Signals
    -------
    changed()
        A lane was ticked or unticked, or a hyper-parameter changed.
    """

    changed = Signal()

    def __init__(self, lanes: tuple[Lane, ...] = LANES, ticked: tuple[str, ...] | None = None,
                 hyper: dict[str, dict[str, float]] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lanes = lanes
        self.checks: dict[str, QCheckBox] = {}
        self.spins: dict[str, dict[str, QDoubleSpinBox]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        ncols = max(len(OPTIMIZERS[lane.optimizer].defaults) for lane in lanes)
        for row, lane in enumerate(lanes):
            cls = OPTIMIZERS[lane.optimizer]
            cb = QCheckBox(lane.name)
            cb.setIcon(swatch(lane.colour))
            cb.setObjectName(f"lane-{lane.key}")
            cb.setChecked(ticked is None or lane.key in ticked)
            cb.setToolTip(notation(f"{cls.display_name}: {cls.update_rule}"))
            cb.toggled.connect(self.changed)
            self.checks[lane.key] = cb
            grid.addWidget(cb, row, 0)
            self.spins[lane.key] = {}
            values = dict(cls.defaults)
            values.update((hyper or {}).get(lane.key, {}))
            for col, (key, value) in enumerate(values.items()):
                lab = QLabel(hyper_symbol(lane.optimizer, key))
                lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                lab.setToolTip(cls.hyper_info.get(key, key))
                sb = hyper_spin(lane.optimizer, key, value)
                sb.setObjectName(f"{lane.key}.{key}")
                sb.setMinimumWidth(64)
                sb.valueChanged.connect(self.changed)
                lab.setBuddy(sb)
                self.spins[lane.key][key] = sb
                grid.addWidget(lab, row, 1 + 2 * col)
                grid.addWidget(sb, row, 2 + 2 * col)
        grid.setColumnStretch(2 + 2 * ncols, 1)

    def ticked(self) -> list[Lane]:
        """The lanes whose box is ticked, in the lecture's order."""
        return [lane for lane in self.lanes if self.checks[lane.key].isChecked()]

    def hyper(self, key: str) -> dict[str, float]:
        """The hyper-parameters set for lane ``key``."""
        return {k: float(sb.value()) for k, sb in self.spins[key].items()}

    def set_ticked(self, keys: list[str] | tuple[str, ...]) -> None:
        for k, cb in self.checks.items():
            cb.setChecked(k in keys)


def lane_label(lane: Lane, hyper: dict[str, float], batch: int | None = None) -> str:
    """``"Adam ε=0.01"`` (plus ``m=32`` for a mini-batch lane): legend and table text."""
    text = f"{lane.name} ε={hyper.get('lr', 0):g}"
    if lane.batch == "mini" and batch is not None:
        text += f" m={batch}"
    return text


# --- plots ------------------------------------------------------------------------------------


def style_plot(plot: pg.PlotWidget | pg.PlotItem, palette: QPalette | None = None) -> None:
    """Colour a plot from the widget palette (light or dark theme), not pyqtgraph's black.

    Only this plot is touched: pyqtgraph's global options are left alone.
    """
    pal = palette or QApplication.palette()
    base = pal.color(QPalette.ColorRole.Base)
    text = pal.color(QPalette.ColorRole.Text)
    item = plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot
    if isinstance(plot, pg.PlotWidget):
        plot.setBackground(base)
    for name in ("left", "bottom", "right", "top"):
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen(text))
        ax.setTextPen(pg.mkPen(text))
    item.titleLabel.setAttr("color", text.name())
    item.titleLabel.setText(item.titleLabel.text)
    span_title(item)
    if item.legend is not None:
        item.legend.setLabelTextColor(text)
        fill = QColor(base)
        fill.setAlpha(220)
        item.legend.setBrush(pg.mkBrush(fill))
        item.legend.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))


class _TitleLabel(pg.LabelItem):
    """pyqtgraph's title label without its claim to the whole text's width."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph's name
        super().updateMin()
        self.setMinimumWidth(0)


def span_title(item: pg.PlotItem) -> None:
    """Let the title row span the whole plot and never widen it.

    pyqtgraph puts the title over the data column only and gives it its
    text's width as a minimum (again at every resize), so in a narrow dock a
    long title pushes the axis, the legend or the colour bar out of the
    widget. The replacement label spans every column and asks for no
    width: a title wider than the plot is centred and runs into the margins.
    Call it after adding columns (a colour bar); calling it again does nothing.
    """
    old, layout = item.titleLabel, item.layout
    if isinstance(old, _TitleLabel):
        return
    label = _TitleLabel(old.text, parent=item, **old.opts)
    label.setVisible(old.isVisible())
    label.setMaximumHeight(old.maximumHeight())
    layout.removeItem(old)
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)
    layout.addItem(label, 0, 0, 1, layout.columnCount())
    item.titleLabel = label


def two_lines(name: str, detail: str) -> str:
    """A plot title on two lines, the detail smaller: narrow plots keep it whole."""
    return f"{name}<br><span style='font-size:9pt'>{detail}</span>"


def set_title(item: pg.PlotItem, title: str) -> None:
    """Set a plot's title; a title of two lines (``<br>``: a name, then a
    smaller detail) gets a row tall enough (pyqtgraph fixes it at 30 px)."""
    item.setTitle(title)
    height = 40 if "<br>" in title else 30
    item.titleLabel.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)


def text_colour(widget: QWidget | None = None) -> QColor:
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Text)


def is_dark(widget: QWidget | None = None) -> bool:
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def lane_pen(lane: Lane, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    return pg.mkPen(lane.colour, width=width, style=style)


class PowerOfTenAxis(pg.AxisItem):
    """An axis for values plotted as log10(v): ticks at whole powers, labelled 10⁻³."""

    _SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        if hi - lo < 1:
            return super().tickValues(minVal, maxVal, size)
        step = max(1, int(math.ceil((hi - lo) / max(size / 28.0, 1))))
        major = [float(v) for v in range(lo, hi + 1, step) if minVal <= v <= maxVal]
        return [(float(step), major)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for v in values:
            if abs(v - round(v)) < 1e-9:
                out.append("1" if round(v) == 0 else f"10{str(int(round(v))).translate(self._SUP)}")
            else:
                out.append(f"{10 ** v:.2g}")
        return out


# --- documents and data -------------------------------------------------------------------------


class DataProblem(Exception):
    """The document's network or data cannot be used right now, said in one line."""


def document_data(document) -> tuple[Targets, Targets | None]:
    """The document's training and test sets, prepared on a copy of its data source.

    Raises :class:`DataProblem` with a message for a person when the network
    cannot train (listing its problems) or the data cannot be loaded.
    """
    if not document.can_train():
        probs = "; ".join(p.message for p in document.problems[:3])
        raise DataProblem(f"The network cannot train yet: {probs}.")
    src = DataSource.from_dict(document.data.to_dict())
    base = document.path.parent if document.path is not None else None
    try:
        prepared = src.prepare(document.spec.output_node.units, base, n_inputs=document.spec.input_node.units)
    except Exception as e:  # DataError and friends: reported, not swallowed
        raise DataProblem(f"The data cannot be used: {e}") from None
    test = prepared.test if len(prepared.test) else None
    return prepared.train, test


def network_summary(spec: NetworkSpec) -> str:
    """``"2 → 8 → 8 → 1 (tanh, logistic)"`` for a chain; node count otherwise."""
    order = spec.topological_order()
    if len(spec.connections) == len(order) - 1:
        sizes = " → ".join(str(spec.nodes[n].units) for n in order)
        acts = list(dict.fromkeys(spec.nodes[n].activation for n in order if spec.nodes[n].kind != "input"))
        return f"{sizes} ({', '.join(acts)})"  # in layer order: hidden first, output last
    return f"{len(order)} groups, {len(spec.connections)} connections"


def demo_document(name: str = "spiral"):
    """A small network with its dataset, for running a panel on its own."""
    from core.files import NetworkFile
    from designer.document import Document

    spec = sequential([2, 8, 8, 1], "tanh", "logistic", "bce")
    training = TrainingSettings("adam", {"lr": 0.01}, 32, 0.0, 0, 100)
    data = DataSource(name, n=200, noise=0.0, seed=1)
    return Document(NetworkFile(spec, init_parameters(spec, 0), training, data,
                                description=f"{name}: 2-8-8-1 tanh"))


def run_standalone(make: Callable[[], QWidget], title: str, size: tuple[int, int] = (1100, 720)) -> int:
    """Show one panel in its own window (``python -m designer.lab.<module>``)."""
    app = QApplication.instance() or QApplication(sys.argv)
    w = make()
    w.setWindowTitle(title)
    w.resize(*size)
    w.show()
    return app.exec()


def finite_or_nan(v: float) -> float:
    return float(v) if v is not None and np.isfinite(v) else float("nan")


class _ControlsArea(QScrollArea):
    """A scroll area that asks for its contents' full size and needs little.

    QScrollArea's own size hint caps the contents at about 36 × 24 lines of
    text, which would shrink the lab's docks; asking for the full size lets
    the controls show whole wherever the window has room.
    """

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget().sizeHint() if self.widget() is not None else QSize(0, 0)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(inner.width() + bar, inner.height())


class ControlsSplitter(QSplitter):
    """Controls on the left, plots on the right; the first time it has a
    width, the controls get at most ``share`` of it (they scroll) and the
    plots the rest. After that the person's dragging rules."""

    def __init__(self, share: float = 0.42, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.share = share
        self._balanced = False
        self.setChildrenCollapsible(False)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self.width()
        if self._balanced or self.count() < 2 or width < 400:
            return
        self._balanced = True
        want = self.widget(0).sizeHint().width()
        left = max(self.widget(0).minimumSizeHint().width(), min(want, int(width * self.share)))
        self.setSizes([left, width - left - self.handleWidth()])


def scrollable(controls: QWidget) -> QScrollArea:
    """``controls`` in a frameless scroll area.

    A column of controls is as wide as its widest row; inside a scroll area
    it scrolls in a narrow dock instead of making the whole window wider
    than a laptop's screen. Where there is room it shows at its full size.
    """
    area = _ControlsArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(controls)
    area.setMinimumWidth(160)
    return area


class LabPanel(QWidget):
    """Base of the lab's panels: restyle the plots when the light/dark theme changes.

    Subclasses draw their plots in :meth:`_restyle` (called on every palette
    change); this keeps the theme plumbing in one place.
    """

    def _restyle(self) -> None:
        """Recolour the panel's plots from ``self.palette()``."""

    def _place(self, controls: QWidget, plots: QWidget) -> None:
        """The lab's one layout: controls on the left, plots taking the rest, never collapsed."""
        split = ControlsSplitter()
        split.addWidget(scrollable(controls))
        split.addWidget(plots)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)
