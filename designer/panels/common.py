"""What every training panel shares: binding to the controller, colours, plot setup.

A panel is a plain ``QWidget`` for a dock. :meth:`Panel.bind` connects it
to a :class:`~designer.training.controller.TrainingController`; from then on
it keeps the newest snapshot and draws it only while it is visible (a
hidden dock costs nothing; it catches up when shown). Panels create their
plot items once and update them with ``setData``/``setImage``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsItem, QLabel, QWidget

from core.snapshot import RunInfo, Snapshot
from designer.plot_export import PlotExporter, Table, layout_item


#: TensorFlow Playground's colours: orange for negative / class 0, blue for positive / class 1.
ORANGE = (245, 147, 34)
BLUE = (8, 119, 189)
WHITE = (255, 255, 255)
#: Class colours beyond two (colour-blind friendly, Okabe–Ito order after orange and blue).
CLASS_COLORS = [ORANGE, BLUE, (0, 158, 115), (204, 121, 167), (213, 94, 0), (86, 180, 233),
                (230, 159, 0), (0, 114, 178), (120, 120, 120), (153, 79, 0)]
#: One colour per run in the curves panel (newest run drawn strongest).
RUN_COLORS = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 127, 14),
              (23, 190, 207), (140, 86, 75), (227, 119, 194)]


def image_item(**kw: Any) -> pg.ImageItem:
    """An ImageItem whose arrays are (rows, columns) as printed: no global pyqtgraph option changed."""
    return pg.ImageItem(axisOrder="row-major", **kw)


def diverging_map() -> pg.ColorMap:
    """Orange (negative) – white (0) – blue (positive): weights, signed outputs, changes."""
    return pg.ColorMap([0.0, 0.5, 1.0], [ORANGE, WHITE, BLUE])


def probability_map() -> pg.ColorMap:
    """Orange (class 0, p = 0) – white (undecided) – blue (class 1, p = 1)."""
    return pg.ColorMap([0.0, 0.5, 1.0], [ORANGE, WHITE, BLUE])


def sequential_map() -> pg.ColorMap:
    """White (0) to blue (large): non-negative values such as ReLU outputs or counts."""
    return pg.ColorMap([0.0, 1.0], [WHITE, BLUE])


def class_color(k: int, alpha: int = 255) -> QColor:
    """Class ``k``'s colour, the same in every panel so a class is recognised at a glance."""
    r, g, b = CLASS_COLORS[k % len(CLASS_COLORS)]
    return QColor(r, g, b, alpha)


def run_color(number: int, alpha: int = 255) -> QColor:
    """Run ``number``'s colour, the same on every curve of that run."""
    r, g, b = RUN_COLORS[(number - 1) % len(RUN_COLORS)]
    return QColor(r, g, b, alpha)


def nice_ceil(v: float) -> float:
    """The next of 1, 2, 5 × 10ᵏ at or above ``v``: colour scales that change in steps, not every frame."""
    if not np.isfinite(v) or v <= 0:
        return 1.0
    e = np.floor(np.log10(v))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * 10 ** e >= v * (1 - 1e-12):
            return float(m * 10 ** e)
    return float(10 ** (e + 1))


def symmetric_levels(a: np.ndarray, floor: float = 1e-6, nice: bool = True) -> tuple[float, float]:
    """(-m, m) with m the largest finite |value| (rounded up to 1, 2, 5 × 10ᵏ): 0 stays white."""
    finite = a[np.isfinite(a)] if a.size else a
    m = float(np.abs(finite).max()) if finite.size else 1.0
    m = max(m, floor)
    if nice:
        m = nice_ceil(m)
    return -m, m


def text_color(widget: QWidget) -> QColor:
    """The theme's text colour, so plots follow light and dark themes."""
    return widget.palette().color(QPalette.ColorRole.WindowText)


def style_plot(plot: pg.PlotItem, widget: QWidget, title: str = "", left: str = "", bottom: str = "") -> None:
    """Axis labels and colours that follow the palette (light and dark themes)."""
    fg = text_color(widget)
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))
        ax.enableAutoSIPrefix(False)  # a changing "(x1e-3)" would relayout the plot every frame
        # Curves near the plot's edge mark the axes dirty on every frame; a cached axis is then
        # a pixmap copy instead of re-drawing every tick label (the dearest part of a frame).
        ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    if title:
        plot.setTitle(title, color=fg.name(), size="10pt")
    if left:
        plot.setLabel("left", left, color=fg.name())
    if bottom:
        plot.setLabel("bottom", bottom, color=fg.name())
    plot.setMenuEnabled(False)


def nice_span(v: float) -> float:
    """The next of 1, 1.5, 2, 3, 5, 7 × 10ᵏ at or above ``v``: axis ends that waste little room."""
    if not np.isfinite(v) or v <= 0:
        return 1.0
    e = np.floor(np.log10(v))
    for m in (1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0):
        if m * 10 ** e >= v * (1 - 1e-12):
            return float(m * 10 ** e)
    return float(10 ** (e + 1))


def log_ticks(lo: int, hi: int) -> list[list[tuple[float, str]]]:
    """Ticks for a log axis from 10^lo to 10^hi: labelled decades (and 2, 5 when few), 2…9 between."""
    step = max(1, int(np.ceil((hi - lo) / 6)))
    labelled = (1, 2, 5) if hi - lo <= 2 else (1,)
    major = [(float(np.log10(m) + k), f"{m * 10.0 ** k:g}") for k in range(lo, hi + 1)
             for m in labelled if (k - lo) % step == 0 and (k < hi or m == 1)]
    minor = [(float(np.log10(m) + k), "") for k in range(lo, hi) for m in range(2, 10)
             if m not in labelled] if step == 1 else []
    return [major, minor]


def unit_ticks(n: int) -> list[list[tuple[float, str]]]:
    """Whole-number ticks 1..n for unit axes (every k-th when there are many)."""
    step = 1 if n <= 12 else int(nice_ceil(n / 8))
    major = [(float(i), str(i)) for i in range(1, n + 1) if i == 1 or i % step == 0]
    return [major, []]


def _nice_step(span: float) -> float:
    return nice_ceil(max(span, 1e-12) / 5.0)


class Follow:
    """Keeps a plot's range around its data in coarse steps, until a person pans or zooms.

    pyqtgraph's auto-range moves the axes a little on every frame, and
    repainting axis labels is the most expensive part of a frame; ranges
    that change in steps (1, 2, 5 × 10ᵏ, whole decades on a log axis) leave
    the axes alone most of the time. Manual panning or zooming stops the
    following; :meth:`reset` resumes it.
    """

    def __init__(self, plot: pg.PlotItem, log_y: bool = False):
        self.plot = plot
        self.vb = plot.getViewBox()
        self.vb.disableAutoRange()
        self.log_y = log_y
        self.follow = True
        self._x: tuple[float, float] | None = None
        self._y: tuple[float, float] | None = None
        self.vb.sigRangeChangedManually.connect(self._manual)

    def _manual(self, *_args: Any) -> None:
        self.follow = False

    def reset(self, log_y: bool | None = None) -> None:
        if log_y is not None:
            self.log_y = log_y
            if not log_y:
                self.plot.getAxis("left").setTicks(None)
        self.follow = True
        self._x = self._y = None

    def update(self, x_min: float, x_max: float, y_min: float, y_max: float, tight: bool = False) -> None:
        """Show at least [x_min, x_max] × [y_min, y_max] (data units; NaN ignored).

        ``tight``: when nothing is growing any more (training stopped), the x
        axis ends just after the data instead of at the next coarse step.
        """
        if not self.follow:
            return
        if np.isfinite(x_max):
            x_max = max(x_max, x_min + 1e-9)
            span = (x_max - x_min) * 1.02
            xr = (x_min, x_min + (span if tight else nice_span(span)))
            if xr != self._x:
                self._x = xr
                self.vb.setXRange(*xr, padding=0)
        if not (np.isfinite(y_min) and np.isfinite(y_max)):
            return
        if self.log_y:
            lo = np.log10(max(y_min, 1e-12))
            hi = np.log10(max(y_max, 1e-12))
            yr = (float(np.floor(lo - 0.05)), float(np.ceil(hi + 0.05)))
        else:
            step = _nice_step(y_max - y_min)
            yr = (float(np.floor(y_min / step - 0.05) * step), float(np.ceil(y_max / step + 0.05) * step))
        if yr != self._y:
            self._y = yr
            self.vb.setYRange(*yr, padding=0)
            if self.log_y:  # pyqtgraph's own log ticks crowd their labels
                self.plot.getAxis("left").setTicks(log_ticks(int(yr[0]), int(yr[1])))


def note_label(text: str = "") -> QLabel:
    """A small explanatory line under a plot."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    f = lab.font()
    f.setPointSizeF(max(f.pointSizeF() * 0.9, 7.0))
    lab.setFont(f)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def node_label(spec: Any, nid: str) -> str:
    """A node as the canvas names it."""
    node = spec.nodes[nid]
    return node.label


def connection_label(spec: Any, cid: str) -> str:
    """A connection as "source → destination", by the canvas's names."""
    c = spec.connections[cid]
    return f"{node_label(spec, c.src)} → {node_label(spec, c.dst)}"


class Panel(QWidget):
    """Base of the training panels: keeps the newest snapshot, draws it when visible.

    Its context menu exports the plot (PNG, SVG) and the plotted data (CSV)
    through :attr:`plot_export`; a panel says what its data is in
    :meth:`export_table` and names its files with :attr:`export_stem`.
    """

    #: The suggested file name of its exports.
    export_stem = "plot"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller: Any = None
        self.snap: Snapshot | None = None
        self.info: RunInfo | None = None
        self._drawn_seq = -1
        self._drawn_generation = -1
        self.draw_count = 0
        self._note_at = 0.0
        self.setMinimumSize(320, 260)  # a squeezed dock still shows a readable plot
        self.plot_export = PlotExporter(self, self.export_stem, lambda: layout_item(self.view), self.export_table,
                                        self.context_menu_allowed)

    def set_note(self, label: QLabel, text: str, force: bool = False) -> None:
        """Change an explanatory label at most twice a second (a relayout costs a full repaint)."""
        import time

        if label.text() == text:
            return
        now = time.perf_counter()
        if force or now - self._note_at >= 0.5:
            self._note_at = now
            label.setText(text)

    def bind(self, controller: Any) -> "Panel":
        """Follow ``controller``'s snapshots (and show what it has already)."""
        self.controller = controller
        controller.snapshot_ready.connect(self.show_snapshot)
        controller.run_changed.connect(self._on_run)
        if controller.info is not None:
            self._on_run(controller.info)
        if controller.last is not None:
            self.show_snapshot(controller.last)
        return self

    @Slot(object)
    def _on_run(self, info: RunInfo) -> None:
        self.info = info

    @Slot(object)
    def show_snapshot(self, snap: Snapshot) -> None:
        self.snap = snap
        if self.isVisible():
            self._draw()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.snap is not None and self.snap.seq != self._drawn_seq:
            self._draw()

    def _draw(self) -> None:
        snap = self.snap
        if snap is None:
            return
        if snap.info.generation != self._drawn_generation:
            self._drawn_generation = snap.info.generation
            self.rebuild(snap.info)
        self.draw(snap)
        self._drawn_seq = snap.seq
        self.draw_count += 1

    def redraw(self) -> None:
        """Draw the newest snapshot again (after a change of a view option)."""
        if self.snap is not None and self.isVisible():
            self.draw(self.snap)

    # --- for subclasses -------------------------------------------------------------

    def rebuild(self, info: RunInfo) -> None:
        """The data or the structure changed: recreate what depends on them."""

    def draw(self, snap: Snapshot) -> None:
        """Update the plot items from ``snap``."""

    def export_table(self) -> Table:
        """The plotted values, as columns a person reads (what "Export data as CSV…" writes)."""
        return Table()

    def context_menu_allowed(self, pos: Any) -> bool:
        """Whether a right click at ``pos`` opens the export menu (the data plane uses it for points)."""
        return True
