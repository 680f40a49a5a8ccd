"""File ▸ Export: the network as NumPy, PyTorch or ONNX, the training history as CSV, the diagram and every plot.

A student takes the trained network to the tools they use next (the code is
:mod:`core.export`; ``docs/export.md`` says how to use each file); a teacher
takes the curves of every run into a spreadsheet. The diagram's PNG/SVG
actions stay the window's (``export_png``/``export_svg``); each training
panel's plot and data are offered here too, through the same actions as its
context menu (:class:`designer.plot_export.PlotExporter`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu, QMessageBox

from core.export import ExportError, export_network, require_onnx

from .fileactions import message_box
from .plot_export import Table, save_with_dialog, write_file

#: Format -> (file kind, suffix added to the stem): PyTorch's file must not shadow the NumPy one.
NETWORK_FORMATS = {"numpy": ("py", ""), "pytorch": ("py", "_torch"), "onnx": ("onnx", "")}
ONNX_INSTALL = 'pip install "backprop-studio[onnx]"'


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


def history_table(runs: Sequence[Any]) -> Table:
    """Every run's history, one row per step: its mini-batch loss, and at an epoch's last step the epoch's scores.

    ``runs`` are :class:`designer.training.record.Run` (the curves panel's).
    """
    names = {"accuracy": _tr("accuracy"), "R²": "R²"}
    metric = " / ".join(sorted({names.get(run.metric_name, run.metric_name) for run in runs})) or names["accuracy"]
    cols: dict[str, list[Any]] = {k: [] for k in ("run", "label", "step", "epoch", "loss", "tl", "tm", "vl", "vm")}
    for run in runs:
        steps, losses = run.step.view(), run.loss.view()
        scores = run.epoch_cols.view()   # epoch, step, train loss, train metric, test loss, test metric
        rows = np.union1d(steps, scores[:, 1]).astype(np.int64) if len(scores) else np.asarray(steps, np.int64)
        at = _lookup(steps, rows)
        loss = np.where(at >= 0, losses[np.maximum(at, 0)] if len(losses) else np.nan, np.nan)
        ep = _lookup(scores[:, 1], rows) if len(scores) else np.full(len(rows), -1)
        cols["run"] += [run.number] * len(rows)
        cols["label"] += [run.label] * len(rows)
        cols["step"].append(rows)
        cols["loss"].append(loss)
        for key, j in (("epoch", 0), ("tl", 2), ("tm", 3), ("vl", 4), ("vm", 5)):
            cols[key].append(np.where(ep >= 0, scores[np.maximum(ep, 0), j] if len(scores) else np.nan, np.nan))
    table = Table()
    headers = {"run": _tr("run"), "label": _tr("optimiser and learning rate"), "step": _tr("step"),
               "epoch": _tr("epoch (on the step that ends it)"), "loss": _tr("mini-batch loss"),
               "tl": _tr("training loss"), "tm": _tr("training {0}").format(metric), "vl": _tr("test loss"),
               "vm": _tr("test {0}").format(metric)}
    for key, values in cols.items():
        joined = values if key in ("run", "label") else (np.concatenate(values) if values else np.empty(0))
        table.add(headers[key], joined)
    return table


def _lookup(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of each wanted value in the sorted ``keys``, or -1 where it is absent."""
    keys = np.asarray(keys)
    i = np.searchsorted(keys, wanted)
    found = (i < len(keys)) & (keys[np.minimum(i, max(len(keys) - 1, 0))] == wanted) if len(keys) else \
        np.zeros(len(wanted), bool)
    return np.where(found, i, -1)


def module_stem(name: str) -> str:
    """A file name Python can import: "XOR net (1)" -> "XOR_net_1"."""
    stem = re.sub(r"\W+", "_", name).strip("_") or "network"
    return f"net_{stem}" if stem[0].isdigit() else stem


class ExportMenu(QObject):
    """Fills File ▸ Export and carries out its network and history exports."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window

    def fill(self, menu: QMenu) -> None:
        """Network formats, the history, the diagram, then one submenu per training panel."""
        for fmt, text in (("numpy", self.tr("Network as &NumPy…")), ("pytorch", self.tr("Network as &PyTorch…")),
                          ("onnx", self.tr("Network as &ONNX…"))):
            act = menu.addAction(text, lambda f=fmt: self.export_network(f))
            act.setObjectName(f"export-{fmt}")
            self.window.actions[f"export_{fmt}"] = act
        menu.addSeparator()
        act = menu.addAction(self.tr("Training &History as CSV…"), self.export_history)
        act.setStatusTip(self.tr("Every run's loss per step and scores per epoch, as a table"))
        self.window.actions["export_history"] = act
        menu.addSeparator()
        menu.addActions([self.window.actions["export_png"], self.window.actions["export_svg"]])
        menu.addSeparator()
        self.plots_menu = menu.addMenu(self.tr("&Plots"))
        self.plots_menu.aboutToShow.connect(self.fill_plots)
        self.fill_plots()

    def fill_plots(self) -> None:
        """File ▸ Export ▸ Plots: a submenu per panel that can export, the lab's once they have been opened."""
        menu = self.plots_menu
        menu.clear()
        panels = dict(getattr(self.window, "training_panels", {}))
        panels.update({title: dock.widget() for title, dock in getattr(self.window, "lab_docks", {}).items()})
        for title, panel in panels.items():
            exporter = getattr(panel, "plot_export", None)
            if exporter is not None:
                exporter.fill_menu(menu.addMenu(QCoreApplication.translate("Panels", title)))

    def _stem(self) -> str:
        files = self.window.files
        name = files.display_name.removesuffix(" (example)").removesuffix(".ffn")
        return name if name and not name.startswith("Untitled") else "network"

    def export_network(self, fmt: str) -> Path | None:
        """Ask where, then write the network with its trained weights as ``fmt`` (see docs/export.md)."""
        if fmt == "onnx":
            try:
                require_onnx()
            except ExportError:
                message_box(self.window, QMessageBox.Icon.Information, self.tr("ONNX is not installed"), self.tr(
                    "Exporting to ONNX needs the onnx package, which is not installed. Install it with\n\n{0}\n\n"
                    "then start Backprop Studio again.").format(ONNX_INSTALL))
                return None
        doc, (kind, suffix) = self.window.document, NETWORK_FORMATS[fmt]
        stem = (module_stem(self._stem()) if kind == "py" else self._stem()) + suffix
        spec, params, title = doc.spec, dict(doc.params), self._stem()
        path = save_with_dialog(self.window, self.tr("Export network"), stem, (kind,),
                                lambda p, _k: export_network(spec, params, fmt, p, title),
                                self.window.files.dialog_dir())
        if path is not None:
            self.window.show_message(self.tr("Exported {0}").format(path.name))
        return path

    def export_history(self) -> Path | None:
        """Ask where, then write every run's history (the curves panel's runs) as CSV."""
        runs = list(self.window.training.record.runs)
        if not any(len(run.step) or len(run.epochs) for run in runs):
            message_box(self.window, QMessageBox.Icon.Information, self.tr("No training history"),
                        self.tr("Nothing has been trained yet: there is no history to export."))
            return None
        table = history_table(runs)
        path = save_with_dialog(self.window, self.tr("Export training history"), f"{self._stem()}-history",
                                ("csv",), lambda p, _k: write_file(p, table.csv_bytes()),
                                self.window.files.dialog_dir())
        if path is not None:
            self.window.show_message(self.tr("Exported {0}").format(path.name))
        return path

