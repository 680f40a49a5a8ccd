"""Export any panel's plot as PNG or SVG and its data as CSV: one helper for every pyqtgraph panel.

A teacher takes a curve or a heat-map into slides (PNG, SVG) or a
spreadsheet (CSV). The pictures come from pyqtgraph's own exporters
(:class:`~pyqtgraph.exporters.ImageExporter`, :class:`~pyqtgraph.exporters.SVGExporter`),
so what is exported is what is drawn. The CSV comes from
:mod:`designer.plot_table`: the values a panel plotted, under headers a
person understands, with every digit.

Every file is written whole or not at all, with the network files' own atomic
writer; a failure is one message box naming the file and the reason, never
a traceback.

A panel takes part through :class:`PlotExporter`: given its widget, the
graphics item to draw and a function returning its :class:`Table`, it adds
"Export plot…" and "Export data as CSV…" to the widget's context menu; the
same menu can sit in File ▸ Export.
"""
from __future__ import annotations

import importlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from core.files.write import _write_atomically
from designer.fileactions import message_box
from designer.plot_table import Table, cell_text, curve_data, plot_items_table

__all__ = ["PNG_SCALE", "PlotExporter", "Table", "ask_path", "cell_text", "close_paths_explicitly", "curve_data",
           "image_bytes", "install_plot_export", "layout_item", "plot_items_table", "save_with_dialog",
           "show_error", "write_file"]

#: PNG pixels per screen pixel: sharp on slides and high-DPI screens (as the diagram's export).
PNG_SCALE = 2
#: Where the next file dialog opens: the folder of the last export (this session).
_last_folder: list[Path] = []



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
        raise OSError(QCoreApplication.translate("PlotExport", "the picture could not be encoded"))
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
    labels = {
        "png": QCoreApplication.translate("PlotExport", "PNG image (*.png)"),
        "svg": QCoreApplication.translate("PlotExport", "SVG drawing (*.svg)"),
        "csv": QCoreApplication.translate("PlotExport", "CSV table (*.csv)"),
        "py": QCoreApplication.translate("PlotExport", "Python file (*.py)"),
        "onnx": QCoreApplication.translate("PlotExport", "ONNX model (*.onnx)"),
    }
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
    message_box(parent, QMessageBox.Icon.Warning, QCoreApplication.translate("PlotExport", "Cannot export"),
                QCoreApplication.translate("PlotExport", "“{0}” could not be written: {1}").format(path.name, reason))


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
        #: Where (global) the last right click opened the menu; read once by the next export.
        self.menu_at: QPoint | None = None

    def fill_menu(self, menu: QMenu) -> None:
        """Put the two export actions into ``menu``."""
        menu.addAction(self.plot_action)
        menu.addAction(self.csv_action)

    def _context_menu(self, pos: QPoint) -> None:
        if self._allow is not None and not self._allow(pos):
            return
        self.menu_at = self.widget.mapToGlobal(pos)
        self.menu.popup(self.widget.mapToGlobal(pos))  # not exec: no nested event loop

    def export_plot(self) -> Path | None:
        """Ask where, then write the plot as PNG (twice the screen's pixels, the theme's background) or SVG."""
        background = self.widget.palette().color(self.widget.backgroundRole())
        item = self._item()
        self.menu_at = None
        path = save_with_dialog(self.widget, self.tr("Export plot"), self.stem, ("png", "svg"),
                                lambda path, kind: write_file(path, image_bytes(item, kind, background)))
        return self._done(path)

    def export_csv(self) -> Path | None:
        """Ask where, then write the plotted values as CSV (a word instead when nothing is plotted yet)."""
        table = self._table()
        if not any(len(column) for column in table.columns):
            message_box(self.widget, QMessageBox.Icon.Information, self.tr("Nothing to export"),
                        self.tr("Nothing is plotted here yet: train the network, or run the panel, first."))
            return None
        path = save_with_dialog(self.widget, self.tr("Export data as CSV"), self.stem, ("csv",),
                                lambda path, _kind: write_file(path, table.csv_bytes()))
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


def install_plot_export(widget: QWidget, stem: str, plots: Callable[[], Sequence[Any]]) -> PlotExporter:
    """Export menu for a panel of separate pyqtgraph plots (``PlotItem``s, visible ones from ``plots()``).

    The picture is the plot right-clicked (the first one when the export
    comes from File ▸ Export); the CSV holds every plot's items
    (:func:`plot_items_table`).
    """
    exporter: PlotExporter

    def picture() -> Any:
        shown = [p for p in plots() if p.scene() is not None and p.scene().views()]
        at = exporter.menu_at
        for plot in shown:
            view = plot.scene().views()[0]
            if at is not None and view.isVisible() and view.rect().contains(view.mapFromGlobal(at)):
                return plot
        if not shown:
            raise OSError(QCoreApplication.translate("PlotExport", "there is no plot to export yet"))
        return shown[0]

    exporter = PlotExporter(widget, stem, picture, lambda: plot_items_table(plots()))
    return exporter
