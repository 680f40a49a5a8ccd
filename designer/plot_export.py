"""Export any panel's plot as PNG or SVG and its data as CSV: one helper for every pyqtgraph panel.

A teacher takes a curve or a heat-map into slides (PNG, SVG) or a
spreadsheet (CSV). The pictures come from pyqtgraph's own exporters
(:class:`~pyqtgraph.exporters.ImageExporter`, :class:`~pyqtgraph.exporters.SVGExporter`),
so what is exported is what is drawn. The CSV is not pyqtgraph's
``CSVExporter``: that one names its columns ``x0000``/``y0000`` and knows only
curves, not heat-maps or bars. Each panel instead hands over a :class:`Table`
of the values it plotted, under headers a person understands ("step",
"training loss (run 1: Adam ε=0.01)"), with every digit (shortest round-trip
text), so a column read back equals the plotted data.

Every file is written whole or not at all, with the network files' own atomic
writer; a failure is one message box naming the file and the reason, never
a traceback.

A panel takes part through :class:`PlotExporter`: given its widget, the
graphics item to draw and a function returning its :class:`Table`, it adds
"Export plot…" and "Export data as CSV…" to the widget's context menu; the
same menu can sit in File ▸ Export.
"""
from __future__ import annotations

import csv
import importlib
import io
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from core.files.write import _write_atomically
from designer.fileactions import message_box

#: PNG pixels per screen pixel: sharp on slides and high-DPI screens (as the diagram's export).
PNG_SCALE = 2
#: Where the next file dialog opens: the folder of the last export (this session).
_last_folder: list[Path] = []


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlotExport", text)


# ---------------------------------------------------------------------------------------------
# the data: a table of named columns
# ---------------------------------------------------------------------------------------------

@dataclass
class Table:
    """Named columns of possibly different lengths (shorter ones end in empty cells).

    Panels fill it with what they plot: :meth:`add` for any column,
    :meth:`add_curve` for a pyqtgraph curve's x and y.
    """

    headers: list[str] = field(default_factory=list)
    columns: list[Sequence[Any]] = field(default_factory=list)

    def add(self, header: str, values: Sequence[Any] | np.ndarray) -> None:
        """One column: numbers (NaN becomes an empty cell) or text."""
        self.headers.append(header)
        self.columns.append(np.asarray(values).reshape(-1) if isinstance(values, np.ndarray) else list(values))

    def add_curve(self, item: Any, x_header: str, y_header: str) -> None:
        """A curve's x and y as drawn (nothing for a hidden curve).

        x is left out when a column of that name already holds the same x.
        """
        if not item.isVisible():
            return
        x, y = curve_data(item)
        if x is None or y is None or not len(x):
            return
        known = self._x_of(x_header)
        if known is None or not np.array_equal(known, x, equal_nan=True):
            self.add(x_header, x)
        self.add(y_header, y)

    def _x_of(self, header: str) -> np.ndarray | None:
        for h, col in zip(reversed(self.headers), reversed(self.columns)):
            if h == header:
                return col if isinstance(col, np.ndarray) else None
        return None

    def rows(self) -> list[list[str]]:
        """The header row then the data rows, as text."""
        n = max((len(c) for c in self.columns), default=0)
        out = [list(self.headers)]
        for i in range(n):
            out.append([cell_text(c[i]) if i < len(c) else "" for c in self.columns])
        return out

    def csv_bytes(self) -> bytes:
        """UTF-8 with a byte-order mark, so spreadsheets read "‖∂L/∂W‖" and Chinese headers right."""
        buf = io.StringIO()
        csv.writer(buf).writerows(self.rows())
        return buf.getvalue().encode("utf-8-sig")


def plot_items_table(plots: Sequence[Any]) -> Table:
    """Every curve, scatter, bar set and image of the given pyqtgraph ``PlotItem``s, named by the plot.

    For panels whose items speak for themselves: a curve's columns are its
    legend name (or the plot's title) with the axis label, "Adam · step" and
    "Adam · loss R(θ)"; an image gives one row per pixel (x, y, value); a
    bar set its positions and heights. A curve drawn twice (a halo under a
    path) is written once.
    """
    table, seen = Table(), []
    for plot in plots:
        x_label, y_label = axis_label(plot, "bottom") or "x", axis_label(plot, "left") or "y"
        title = plain_text(plot.titleLabel.text) if plot.titleLabel.isVisible() else ""
        for k, item in enumerate(i for i in plot.items if i.isVisible()):
            name = item.name() if hasattr(item, "name") and callable(item.name) and item.name() else \
                (title or _tr("curve {0}").format(k + 1))
            if isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem)):
                x, y = curve_data(item)
                if x is None or not len(x) or any(np.array_equal(x, a) and np.array_equal(y, b) for a, b in seen):
                    continue
                seen.append((x, y))
                table.add(f"{name} · {x_label}", x)
                table.add(f"{name} · {y_label}", y)
            elif isinstance(item, pg.BarGraphItem):
                _add_bars(table, item, name, x_label, y_label)
            elif isinstance(item, pg.ImageItem) and item.image is not None and item.image.ndim == 2:
                _add_image(table, item, title or name, x_label, y_label)
    return table


def _add_bars(table: Table, item: Any, name: str, x_label: str, y_label: str) -> None:
    opts = item.opts
    x = opts.get("x") if opts.get("x") is not None else opts.get("x0")
    if x is None or opts.get("height") is None:
        return
    x = np.broadcast_to(np.asarray(x, float), np.shape(opts["height"]))
    table.add(f"{name} · {x_label}", x)
    table.add(f"{name} · {y_label}", np.asarray(opts["height"], float))


def _add_image(table: Table, item: Any, name: str, x_label: str, y_label: str) -> None:
    """One row per pixel, at its centre in the plot's coordinates (rows of a row-major image run along y)."""
    img = np.asarray(item.image, float)
    rect = item.mapRectToParent(item.boundingRect())
    rows, cols = img.shape if item.axisOrder == "row-major" else img.T.shape
    xs = rect.left() + (np.arange(cols) + 0.5) * rect.width() / cols
    ys = rect.top() + (np.arange(rows) + 0.5) * rect.height() / rows
    gx, gy = np.meshgrid(xs, ys)
    values = img if item.axisOrder == "row-major" else img.T
    table.add(f"{name} · {x_label}", gx.ravel())
    table.add(f"{name} · {y_label}", gy.ravel())
    table.add(name, values.ravel())


def axis_label(plot: Any, side: str) -> str:
    """An axis's label as plain text ('' when it has none)."""
    axis = plot.getAxis(side)
    return plain_text(axis.labelText) if axis.isVisible() and axis.labelText else ""


def plain_text(html: str) -> str:
    """A pyqtgraph label's text without its markup ("<span>x<sub>1</sub></span>" -> "x1")."""
    return re.sub(r"<[^>]+>", "", html or "").replace("&nbsp;", " ").strip()


def cell_text(v: Any) -> str:
    """A value as a CSV cell: every digit of a float, '' for NaN, text as it is."""
    if isinstance(v, (str, np.str_)):
        return str(v)
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    f = float(v)
    if math.isnan(f):
        return ""
    return repr(f) if not f.is_integer() or abs(f) >= 1e16 else str(int(f))


def curve_data(item: Any) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The (x, y) a curve was given, before any log or display mapping pyqtgraph applies."""
    if hasattr(item, "getOriginalDataset"):
        x, y = item.getOriginalDataset()
    else:
        x, y = item.getData()
    if x is None or y is None:
        return None, None
    return np.asarray(x, float), np.asarray(y, float)


# ---------------------------------------------------------------------------------------------
# the files
# ---------------------------------------------------------------------------------------------

def image_bytes(item: Any, kind: str, background: QColor | None = None, scale: int = PNG_SCALE) -> bytes:
    """``item`` (a pyqtgraph graphics item or scene) drawn as PNG or SVG by pyqtgraph's exporters."""
    if kind == "svg":
        with _svg_closepath_compat():
            return pg_exporters.SVGExporter(item).export(toBytes=True)
    exporter = pg_exporters.ImageExporter(item)
    if background is not None:
        exporter.parameters()["background"] = background
    width = int(exporter.parameters()["width"])
    exporter.parameters()["width"] = max(1, width * scale)  # the height follows, keeping the aspect
    image: QImage = exporter.export(toBytes=True)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise OSError(_tr("the picture could not be encoded"))
    buf.close()
    return bytes(data.data())


def close_paths_explicitly(d: str) -> str:
    """An SVG path's "Z" (close) as a line back to its subpath's start.

    The same outline, in the "x,y" tokens pyqtgraph's SVG exporter can read.
    """
    tokens, start = d.split(), "0,0"
    for i, t in enumerate(tokens):
        if t[:1] in "Mm" and "," in t:
            start = t[1:]
        elif t in ("Z", "z"):
            tokens[i] = f"L{start}"
    return " ".join(tokens)


@contextmanager
def _svg_closepath_compat() -> Iterator[None]:
    """For one SVG export, pyqtgraph's coordinate fixer is handed closed paths as explicit lines.

    pyqtgraph 0.14.0's SVG exporter stops at the "Z" Qt 6 writes to close a
    rectangle (a view box's outline): pyqtgraph issue #3485, fixed after
    that release ("svg path: support Z closepath command").
    """
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def correct(node: Any, defs: Any, item: Any, options: Any) -> Any:
        for path in node.getElementsByTagName("path"):
            d = path.getAttribute("d")
            if "Z" in d or "z" in d:
                path.setAttribute("d", close_paths_explicitly(d))
        return original(node, defs, item, options)

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original


def write_file(path: Path, blob: bytes) -> None:
    """Whole or not at all: a temporary file beside ``path``, fsync, rename (the network files' writer)."""
    _write_atomically(Path(path), blob)


def _filter_label(kind: str) -> str:
    labels = {"png": _tr("PNG image (*.png)"), "svg": _tr("SVG drawing (*.svg)"), "csv": _tr("CSV table (*.csv)"),
              "py": _tr("Python file (*.py)"), "onnx": _tr("ONNX model (*.onnx)")}
    return labels[kind]


def ask_path(parent: QWidget | None, title: str, stem: str, kinds: Sequence[str],
             folder: str | Path | None = None) -> tuple[Path, str] | None:
    """Ask where to save; returns (path with its suffix, kind) or None when cancelled.

    The kind is the suffix typed when it is one of ``kinds``, else the
    chosen filter's, whose suffix is then added. The dialog opens in
    ``folder``, else where the last export went, else the home folder.
    """
    filters = [_filter_label(k) for k in kinds]
    start = Path(folder) if folder else (_last_folder[-1] if _last_folder else Path.home())
    chosen, selected = QFileDialog.getSaveFileName(parent, title, str(start / f"{stem}.{kinds[0]}"),
                                                   ";;".join(filters), filters[0])
    if not chosen:
        return None
    path = Path(chosen)
    typed = path.suffix.lower().lstrip(".")
    if typed in kinds:
        kind = typed
    else:
        kind = kinds[filters.index(selected)] if selected in filters else kinds[0]
        path = path.with_name(f"{path.name}.{kind}")
    _last_folder[:] = [path.parent]
    return path, kind


def show_error(parent: QWidget | None, path: Path, error: BaseException) -> None:
    """One clear message: which file, and why (the system's reason, not a traceback)."""
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    message_box(parent, QMessageBox.Icon.Warning, _tr("Cannot export"),
                _tr("“{0}” could not be written: {1}").format(path.name, reason))


def save_with_dialog(parent: QWidget | None, title: str, stem: str, kinds: Sequence[str],
                     write: Callable[[Path, str], None], folder: str | Path | None = None) -> Path | None:
    """Ask where, then ``write(path, kind)`` (atomically, see :func:`write_file`); errors as one message.

    Returns the path written, or None (cancelled or failed).
    """
    answer = ask_path(parent, title, stem, kinds, folder)
    if answer is None:
        return None
    path, kind = answer
    try:
        write(path, kind)
    except Exception as e:  # noqa: BLE001 - any failure is said once, in words, never as a traceback
        show_error(parent, path, e)
        return None
    return path


# ---------------------------------------------------------------------------------------------
# a panel's menu
# ---------------------------------------------------------------------------------------------

class PlotExporter(QObject):
    """"Export plot…" and "Export data as CSV…" for one panel, in its context menu and wherever else.

    ``item()`` returns what to draw (a pyqtgraph item, usually the layout
    ``GraphicsLayoutWidget.ci``); ``table()`` the plotted data. ``allow(pos)``
    may refuse the context menu at a point of the widget (a right click
    there means something else, as removing a point on the data plane).
    """

    def __init__(self, widget: QWidget, stem: str, item: Callable[[], Any], table: Callable[[], Table],
                 allow: Callable[[QPoint], bool] | None = None):
        super().__init__(widget)
        self.widget, self.stem, self._item, self._table, self._allow = widget, stem, item, table, allow
        self.plot_action = QAction(self.tr("Export plot…"), self)
        self.plot_action.setStatusTip(self.tr("Save this plot as a PNG picture or an SVG drawing"))
        self.plot_action.triggered.connect(self.export_plot)
        self.csv_action = QAction(self.tr("Export data as CSV…"), self)
        self.csv_action.setStatusTip(self.tr("Save the plotted values as a table for a spreadsheet"))
        self.csv_action.triggered.connect(self.export_csv)
        self.menu = QMenu(widget)
        self.fill_menu(self.menu)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._context_menu)
        self.last_path: Path | None = None

    def fill_menu(self, menu: QMenu) -> None:
        """Put the two export actions into ``menu``."""
        menu.addAction(self.plot_action)
        menu.addAction(self.csv_action)

    def _context_menu(self, pos: QPoint) -> None:
        if self._allow is not None and not self._allow(pos):
            return
        self.menu.popup(self.widget.mapToGlobal(pos))  # not exec: no nested event loop

    def export_plot(self) -> Path | None:
        """Ask where, then write the plot as PNG (twice the screen's pixels, the theme's background) or SVG."""
        background = self.widget.palette().color(self.widget.backgroundRole())
        path = save_with_dialog(self.widget, self.tr("Export plot"), self.stem, ("png", "svg"),
                                lambda path, kind: write_file(path, image_bytes(self._item(), kind, background)))
        return self._done(path)

    def export_csv(self) -> Path | None:
        """Ask where, then write the plotted values as CSV."""
        path = save_with_dialog(self.widget, self.tr("Export data as CSV"), self.stem, ("csv",),
                                lambda path, _kind: write_file(path, self._table().csv_bytes()))
        return self._done(path)

    def _done(self, path: Path | None) -> Path | None:
        if path is not None:
            self.last_path = path
            window = self.widget.window()
            bar = window.statusBar() if hasattr(window, "statusBar") else None
            if bar is not None:
                bar.showMessage(self.tr("Exported {0}").format(path.name), 5000)
        return path


def layout_item(view: pg.GraphicsLayoutWidget) -> Any:
    """What a panel's picture is: the whole layout of its plots (titles, axes, legends, colour bars)."""
    return view.ci
