"""A panel's plotted data as a table of named columns, written as CSV a spreadsheet reads.

Not pyqtgraph's ``CSVExporter``, which names its columns ``x0000``/``y0000``
and knows only curves: a panel hands over a :class:`Table` of the values it
plotted under headers a person understands ("step", "training loss (run 1:
Adam ε=0.01)"), or :func:`plot_items_table` reads a plot's own items when
their legend names and axis labels say enough. Every float is written with
every digit (shortest round-trip text), so a column read back equals the
plotted data.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication




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
                (title or QCoreApplication.translate("PlotExport", "curve {0}").format(k + 1))
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
