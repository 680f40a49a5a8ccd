"""The plane view of the Data-and-boundary panel: 2-D data over the network's output, as in TensorFlow Playground.

For two classes orange means "class 0", blue "class 1", white the boundary
where the network is undecided; more classes mix their colours by
probability. Any hidden unit's own output over the plane can be shown
instead. The current mini-batch is ringed. The heat-map is computed by the
training worker with core (``core.probes``), never here.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy

from core.activations import get_activation
from core.probes import class_probabilities
from core.snapshot import RunInfo, Snapshot

from ..common import CLASS_COLORS, Table, class_color, diverging_map, image_item, probability_map, symmetric_levels
from .scatter import ScatterView


class PlaneView(ScatterView):
    """The points over the output (or one unit's output) on the input plane."""

    mode = "plane"

    def __init__(self, panel: Any):
        super().__init__(panel)
        self.image = image_item()
        self.batch_pts = pg.ScatterPlotItem(size=15, pen=pg.mkPen(0, 0, 0, 255, width=2), brush=None, symbol="o")

    def build(self, info: RunInfo, fx: str, fy: str) -> None:
        """Axes, the image and the points for a new run; the colour-by and click-adds choices."""
        p = self.panel
        p.style(QCoreApplication.translate("BoundaryPanel", "{0}: data over the network's output")
                .format(info.data_label), fy, fx)
        p.plot.addItem(self.image)
        for item in (self.train_pts, self.test_pts, self.batch_pts):
            p.plot.addItem(item)
        self.set_points(info)
        self.batch_pts.setData([])
        self._fill_colour_by(info)
        self._fill_add(info)
        x0, x1, y0, y1 = info.grid.extent
        p.plot.setXRange(x0, x1, padding=0)
        p.plot.setYRange(y0, y1, padding=0)

    def place_legend(self, legend: pg.LegendItem) -> None:
        # Beside the plane, not on it: over the data it hid the top right corner.
        view = self.panel.view
        legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        view.addItem(legend, row=0, col=1)
        view.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)

    def fill_legend(self, legend: pg.LegendItem, info: RunInfo) -> None:
        if info.task == "classification":
            for k, name in enumerate(info.class_names):
                s = pg.ScatterPlotItem(size=8, brush=class_color(k), pen=pg.mkPen("w"))
                legend.addItem(s, QCoreApplication.translate("BoundaryPanel", "class {0}").format(name))
        super().fill_legend(legend, info)
        legend.addItem(pg.ScatterPlotItem(size=12, brush=None, pen=pg.mkPen("k", width=2)),
                       QCoreApplication.translate("BoundaryPanel", "mini-batch"))

    def _fill_colour_by(self, info: RunInfo) -> None:
        box = self.panel.colour_by
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(QCoreApplication.translate("BoundaryPanel", "the network's output"), None)
        spec = info.spec
        for nid in spec.topological_order():
            node = spec.nodes[nid]
            if node.kind in ("input", "output"):
                continue
            for u in range(node.units):
                box.addItem(QCoreApplication.translate("BoundaryPanel", "{0}, unit {1}").format(node.label, u + 1),
                            (nid, u))
        box.blockSignals(False)
        i = box.findData(keep) if keep is not None else 0
        box.setCurrentIndex(max(i, 0))
        self.panel.colour_by_changed()

    def _fill_add(self, info: RunInfo) -> None:
        box = self.panel.add_class
        keep = box.currentIndex()
        box.clear()
        for k, name in enumerate(info.class_names):
            box.addItem(QCoreApplication.translate("BoundaryPanel", "class {0}").format(name), k)
            box.setItemData(k, QColor(*CLASS_COLORS[k % len(CLASS_COLORS)]), Qt.ItemDataRole.DecorationRole)
        if 0 <= keep < box.count():
            box.setCurrentIndex(keep)

    # --- export -------------------------------------------------------------------------

    def fill_table(self, table: Table, snap: Any) -> None:
        """The points, then the background: each grid point of the plane and the value coloured there."""
        super().fill_table(table, snap)
        info = snap.info
        unit = self.panel.colour_by.currentData()
        showing_unit = unit is not None and snap.unit_planes is not None and unit[0] in snap.unit_planes
        grid = info.unit_grid if showing_unit else info.grid
        if grid is None or self.image.image is None:
            return
        fx, fy = self.axis_names(info)
        table.add(QCoreApplication.translate("BoundaryPanel", "plane: {0}").format(fx), grid.points[:, 0])
        table.add(QCoreApplication.translate("BoundaryPanel", "plane: {0}").format(fy), grid.points[:, 1])
        if showing_unit:
            label = info.spec.nodes[unit[0]].label
            table.add(QCoreApplication.translate("BoundaryPanel", "{0}, unit {1}: output").format(label, unit[1] + 1),
                      self.image.image.ravel())
        elif snap.plane is not None and info.task == "classification":
            p = class_probabilities(snap.plane)
            names = list(info.class_names) + [str(k) for k in range(len(info.class_names), p.shape[-1])]
            first = 1 if p.shape[-1] == 2 else 0  # two classes: the picture is p(class 1)
            for k in range(first, p.shape[-1]):
                header = QCoreApplication.translate("BoundaryPanel", "probability of class {0}").format(names[k])
                table.add(header, p[:, :, k].ravel())
        elif snap.plane is not None:
            table.add(QCoreApplication.translate("BoundaryPanel", "network's output"), snap.plane[:, :, 0].ravel())

    # --- drawing ------------------------------------------------------------------------

    def draw(self, snap: Snapshot) -> None:
        """The background (the output or a unit's) and the ringed mini-batch."""
        info = snap.info
        unit = self.panel.colour_by.currentData()
        grid = info.grid
        if unit is not None and snap.unit_planes is not None and unit[0] in snap.unit_planes:
            self._draw_unit(snap, *unit)
            grid = info.unit_grid
        elif snap.plane is not None and info.task == "classification":
            self._draw_classes(snap)
        elif snap.plane is not None:
            self._draw_values(snap)
        if grid is not None:
            x0, x1, y0, y1 = grid.extent
            self.image.setRect(x0, y0, x1 - x0, y1 - y0)
        b = snap.batch
        if len(b) and len(b) <= 512 and b.max(initial=-1) < len(info.raw_train):
            self.batch_pts.setData(pos=info.raw_train[b])
        else:
            self.batch_pts.setData([])

    def _draw_unit(self, snap: Snapshot, nid: str, u: int) -> None:
        info = snap.info
        img = snap.unit_planes[nid][:, :, u]
        act = get_activation(info.spec.nodes[nid].activation).name
        if act == "logistic":
            self.image.setColorMap(probability_map())
            levels = (0.0, 1.0)
        else:
            self.image.setColorMap(diverging_map())
            levels = (-1.0, 1.0) if act == "tanh" else symmetric_levels(img)
        self.image.setImage(img, levels=levels, autoLevels=False)
        self.panel.note.setText(QCoreApplication.translate(
            "BoundaryPanel", "{0}, unit {1} ({2}): its output at each point of the plane, from {3} (orange) to {4} "
                             "(blue).").format(info.spec.nodes[nid].label, u + 1, act,
                                                            f"{levels[0]:.3g}", f"{levels[1]:.3g}"))

    def _draw_classes(self, snap: Snapshot) -> None:
        info = snap.info
        p = class_probabilities(snap.plane)
        if p.shape[-1] == 2:
            self.image.setColorMap(probability_map())
            self.image.setImage(p[:, :, 1], levels=(0.0, 1.0), autoLevels=False)
            c0, c1 = (info.class_names + ("0", "1"))[:2] if info.class_names else ("0", "1")
            self.panel.note.setText(QCoreApplication.translate(
                "BoundaryPanel", "Background: the network's probability of class {1}: orange = class {0}, blue = "
                                 "class {1}, white = undecided (the boundary). Left-click adds a point, right-click "
                                 "removes one.").format(c0, c1))
            return
        colours = np.array([CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(p.shape[-1])], float)
        rgb = p @ colours  # display only: mix the class colours by probability
        conf = p.max(axis=-1, keepdims=True)
        rgb = 255.0 * (1 - conf) + rgb * conf
        self.image.setImage(np.clip(rgb, 0, 255).astype(np.uint8), autoLevels=False, levels=(0, 255))
        self.panel.note.setText(QCoreApplication.translate(
            "BoundaryPanel", "Background: the class the network predicts (its colour), paler where it is less sure. "
                             "Left-click adds a point, right-click removes one."))

    def _draw_values(self, snap: Snapshot) -> None:
        info = snap.info
        self.image.setColorMap(diverging_map())
        levels = symmetric_levels(np.concatenate([info.y_train.reshape(-1), info.y_test.reshape(-1)]))
        self.image.setImage(snap.plane[:, :, 0], levels=levels, autoLevels=False)
        self.panel.note.setText(QCoreApplication.translate(
            "BoundaryPanel", "Background: the network's output, orange = {0}, blue = {1}; points coloured by their "
                             "target on the same scale.").format(f"{levels[0]:.3g}", f"{levels[1]:.3g}"))
