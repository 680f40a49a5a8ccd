"""The data and what the network makes of it, live.

* 2-D data: the points over the network's output as a background heat-map,
  as in TensorFlow Playground (for two classes orange means "class 0", blue
  "class 1", white the boundary where the network is undecided); the
  current mini-batch is ringed. Left-click adds a point of the chosen class,
  right-click removes the nearest: draw your own dataset (one undo entry per
  click). Any hidden unit's own output over the plane can be shown instead.
* picking a sample for the backprop stepper: with **Pick for stepper** on (or
  with Ctrl held), a left click on a point (2-D plane or 1-D curve) emits
  ``sample_picked(row, which)``: ``which`` is ``"train"`` or ``"test"`` and
  ``row`` the point's row in that part, numbered as the training worker and
  the stepper's list number them. The main window walks it in the stepper.
* one input, regression: the fitted curve over the data;
* other classification data: the confusion matrix on the test set.

The heat-map is evaluated by the worker with core (``core.probes``), never here.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from core.activations import get_activation
from core.data.dataset import DataError, Dataset
from core.probes import class_probabilities
from designer.training.commands import EditPoints
from core.snapshot import RunInfo, Snapshot

from .common import (BLUE, CLASS_COLORS, Panel, class_color, diverging_map, image_item, note_label,
                     probability_map, sequential_map, style_plot, symmetric_levels)


class BoundaryPanel(Panel):
    """Data scatter over the output heat-map (2-D), fitted curve (1-D) or confusion matrix.

    Signals
    -------
    sample_picked(int, str)
        A point was picked for the backprop stepper (Pick for stepper on, or
        Ctrl+click): its row and ``"train"`` or ``"test"``.
    """

    sample_picked = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("boundary-panel")
        self.colour_by = QComboBox()
        self.colour_by.setToolTip(self.tr("Colour the plane by the network's output, or by one hidden unit's output"))
        self.colour_by.currentIndexChanged.connect(self._on_colour_by)
        self.add_class = QComboBox()
        self.add_class.setToolTip(self.tr("Left-click on the plot adds a point of this class; right-click removes one"))
        self.add_value = QDoubleSpinBox()
        self.add_value.setRange(-1e6, 1e6)
        self.add_value.setDecimals(3)
        self.add_value.setToolTip(self.tr("Left-click on the plot adds a point with this target value"))
        self.add_label = QLabel(self.tr("Click adds"))
        self.colour_label = QLabel(self.tr("Colour by"))
        self.pick_button = QToolButton()
        self.pick_button.setText(self.tr("Pick for stepper"))
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(self.tr("On: a click on a point walks that sample in the Backprop stepper "
                                            "(Ctrl+click does so at any time)"))
        self.pick_button.toggled.connect(self._on_pick_mode)
        self.blocked = QLabel()
        self.blocked.setObjectName("boundary-blocked")
        self.blocked.setWordWrap(True)
        self.blocked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blocked.setMargin(16)
        self.blocked.hide()

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(None)
        self.plot = self.view.addPlot()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.note = note_label()
        self.view.scene().sigMouseClicked.connect(self._on_click)
        self.beside = False  # controls and note beside the plot (a wide, low dock) or above/below it
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._arrange(beside=False)

        self.image = image_item()
        self.train_pts = pg.ScatterPlotItem(size=8, pen=pg.mkPen(255, 255, 255, 230, width=1.2))
        self.test_pts = pg.ScatterPlotItem(size=8, pen=pg.mkPen(20, 20, 20, 230, width=1.5))
        self.batch_pts = pg.ScatterPlotItem(size=15, pen=pg.mkPen(0, 0, 0, 255, width=2), brush=None,
                                            symbol="o")
        self.curve = pg.PlotDataItem(pen=pg.mkPen(214, 39, 40, width=3))
        self.cm_image = image_item()
        self.cm_image.setColorMap(sequential_map())
        self.legend: pg.LegendItem | None = None
        self._cm_texts: list[pg.TextItem] = []
        self._cm_last: np.ndarray | None = None
        self._mode = ""
        self._units: list[tuple[str, int]] = []
        self._want_planes = False

    # ---------------------------------------------------------------------------------
    # structure
    # ---------------------------------------------------------------------------------

    # ---------------------------------------------------------------------------------
    # layout
    # ---------------------------------------------------------------------------------

    #: Side column width when the controls stand beside the plot.
    SIDE_WIDTH = 230

    def _arrange(self, beside: bool) -> None:
        """Controls above and note below the plot, or both in a column beside it.

        The plane is drawn square (a circle stays a circle), so in a wide and
        low dock, under the canvas, the space above and below the plot is
        worth more than the space beside it: there the controls and the note
        move to the side and the square grows by about a third.
        """
        grid = self._grid
        for w in (self.colour_label, self.colour_by, self.add_label, self.add_class, self.add_value,
                  self.pick_button, self.blocked, self.view, self.note):
            grid.removeWidget(w)
        for layout in getattr(self, "_rows", []):
            grid.removeItem(layout)
        self.beside = beside
        if beside:
            side = QVBoxLayout()
            for row in ((self.colour_label,), (self.colour_by,), (self.add_label,),
                        (self.add_class, self.add_value), (self.pick_button,)):
                line = QHBoxLayout()
                for w in row:
                    line.addWidget(w, 1)
                side.addLayout(line)
            side.addWidget(self.note)
            side.addStretch(1)
            grid.addWidget(self.view, 0, 0)
            grid.addWidget(self.blocked, 0, 0)
            grid.addLayout(side, 0, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
            grid.setRowStretch(0, 1)
            grid.setRowStretch(1, 0)
            grid.setRowStretch(2, 0)
            grid.setColumnMinimumWidth(1, self.SIDE_WIDTH)
            self.note.setMaximumWidth(self.SIDE_WIDTH)
            self._rows = [side]
        else:
            bar = QHBoxLayout()
            for w, stretch in ((self.colour_label, 0), (self.colour_by, 1), (self.add_label, 0),
                               (self.add_class, 0), (self.add_value, 0), (self.pick_button, 0)):
                bar.addWidget(w, stretch)
            grid.addLayout(bar, 0, 0)
            grid.addWidget(self.view, 1, 0)
            grid.addWidget(self.blocked, 1, 0)
            grid.addWidget(self.note, 2, 0)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
            grid.setColumnMinimumWidth(1, 0)
            grid.setRowStretch(0, 0)
            grid.setRowStretch(1, 1)
            grid.setRowStretch(2, 0)
            self.note.setMaximumWidth(16777215)
            self._rows = [bar]

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_arrangement()

    def _fit_arrangement(self) -> None:
        beside = self._mode == "plane" and self.width() >= 2.2 * self.height()
        if beside != self.beside:
            self._arrange(beside)

    def rebuild(self, info: RunInfo) -> None:
        p = self.plot
        p.clear()
        if self.legend is not None:
            if self.legend in self.view.ci.items:
                self.view.ci.removeItem(self.legend)
            elif self.legend.scene() is not None:
                self.legend.scene().removeItem(self.legend)
            self.legend = None
        self._cm_texts = []
        self._cm_last = None
        self._mode = info.mode
        self._fit_arrangement()
        p.getViewBox().invertY(False)
        p.getViewBox().setAspectLocked(info.mode == "plane")
        p.getAxis("bottom").setTicks(None)
        p.getAxis("left").setTicks(None)
        p.getViewBox().setMouseEnabled(x=info.mode != "confusion", y=info.mode != "confusion")
        plane = info.mode == "plane"
        self._show_bar(info)
        fx, fy = (info.feature_names + ("x1", "x2"))[:2] if info.feature_names else ("x1", "x2")
        if plane:
            style_plot(p, self, self.tr("{0}: data over the network's output").format(info.data_label), fy, fx)
            p.addItem(self.image)
            for item in (self.train_pts, self.test_pts, self.batch_pts):
                p.addItem(item)
            self._set_points(info)
            self._fill_colour_by(info)
            self._fill_add(info)
            x0, x1, y0, y1 = info.grid.extent
            p.setXRange(x0, x1, padding=0)
            p.setYRange(y0, y1, padding=0)
        elif info.mode == "line":
            style_plot(p, self, self.tr("{0}: fitted curve").format(info.data_label), self.tr("target y"), fx)
            p.addItem(self.train_pts)
            p.addItem(self.test_pts)
            p.addItem(self.curve)
            self._set_points(info)
            p.enableAutoRange()
        elif info.mode == "confusion":
            title = (self.tr("{0}: confusion matrix on the test set") if info.n_test
                     else self.tr("{0}: confusion matrix on the training set")).format(info.data_label)
            style_plot(p, self, title, self.tr("true class"), self.tr("predicted class"))
            p.getViewBox().invertY(True)
            p.addItem(self.cm_image)
            base = self.palette().color(QPalette.ColorRole.Base)  # 0 cells blend in, light or dark theme
            self.cm_image.setColorMap(pg.ColorMap([0.0, 1.0], [base, QColor(*BLUE)]))
            k = max(info.n_classes, 1)
            ticks = [(i, info.class_names[i] if i < len(info.class_names) else str(i)) for i in range(k)]
            p.getAxis("bottom").setTicks([ticks])
            p.getAxis("left").setTicks([ticks])
            fg = self.palette().text().color()
            for i in range(k):
                for j in range(k):
                    t = pg.TextItem("", anchor=(0.5, 0.5), color=fg)
                    t.setPos(j, i)
                    p.addItem(t)
                    self._cm_texts.append(t)
            p.setXRange(-0.5, k - 0.5, padding=0.02)
            p.setYRange(-0.5, k - 0.5, padding=0.02)
        else:
            style_plot(p, self, self.tr("{0}: no picture for regression with several inputs").format(info.data_label))
            self.note.setText(self.tr("The curves panel shows how well the network fits (R²)."))

    def _set_points(self, info: RunInfo) -> None:
        if info.mode == "plane":
            tx, vx = info.raw_train, info.raw_test
        else:
            tx = np.column_stack([info.raw_train[:, 0], info.y_train.reshape(len(info.raw_train), -1)[:, 0]])
            vx = np.column_stack([info.raw_test[:, 0], info.y_test.reshape(len(info.raw_test), -1)[:, 0]]) \
                if len(info.raw_test) else np.empty((0, 2))
        self.train_pts.setData(pos=tx, brush=self._brushes(info, info.y_train))
        self.test_pts.setData(pos=vx, brush=self._brushes(info, info.y_test))
        self.batch_pts.setData([])
        if self.legend is None:
            self.legend = pg.LegendItem(offset=(-2, 2), labelTextColor=(30, 30, 30),
                                        brush=pg.mkBrush(255, 255, 255, 210), verSpacing=-4)
            if info.mode == "plane":
                # Beside the plane, not on it: over the data it hid the top right corner.
                self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
                self.view.addItem(self.legend, row=0, col=1)
                self.view.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
            else:
                self.legend.setParentItem(self.plot.getViewBox())
        self.legend.clear()
        if info.task == "classification" and info.mode == "plane":
            for k, name in enumerate(info.class_names):
                s = pg.ScatterPlotItem(size=8, brush=class_color(k), pen=pg.mkPen("w"))
                self.legend.addItem(s, self.tr("class {0}").format(name))
        self.legend.addItem(pg.ScatterPlotItem(size=8, brush=pg.mkBrush(150, 150, 150),
                                               pen=pg.mkPen((20, 20, 20), width=1.5)), self.tr("test"))
        if info.mode == "plane":
            self.legend.addItem(pg.ScatterPlotItem(size=12, brush=None, pen=pg.mkPen("k", width=2)),
                                self.tr("mini-batch"))
        else:
            self.legend.addItem(self.curve, self.tr("network's output"))

    def _brushes(self, info: RunInfo, y: np.ndarray) -> list[Any]:
        if info.task == "classification":
            cache = [pg.mkBrush(class_color(k)) for k in range(max(info.n_classes, 1))]
            return [cache[int(v)] for v in y]
        if info.mode == "line":
            return [pg.mkBrush(120, 120, 120, 200)] * len(y)
        cmap = diverging_map()
        v = np.asarray(y, float).reshape(-1)
        lo, hi = symmetric_levels(np.concatenate([info.y_train.reshape(-1), info.y_test.reshape(-1)]))
        cols = cmap.map((v - lo) / (hi - lo), mode="qcolor")
        return [pg.mkBrush(c) for c in cols]

    def _fill_colour_by(self, info: RunInfo) -> None:
        keep = self.colour_by.currentData()
        self.colour_by.blockSignals(True)
        self.colour_by.clear()
        self.colour_by.addItem(self.tr("the network's output"), None)
        self._units = []
        spec = info.spec
        for nid in spec.topological_order():
            node = spec.nodes[nid]
            if node.kind in ("input", "output"):
                continue
            for u in range(node.units):
                self.colour_by.addItem(f"{node.label}, unit {u + 1}", (nid, u))
        self.colour_by.blockSignals(False)
        i = self.colour_by.findData(keep) if keep is not None else 0
        self.colour_by.setCurrentIndex(max(i, 0))
        self._on_colour_by(self.colour_by.currentIndex())

    def _fill_add(self, info: RunInfo) -> None:
        keep = self.add_class.currentIndex()
        self.add_class.clear()
        for k, name in enumerate(info.class_names):
            self.add_class.addItem(self.tr("class {0}").format(name), k)
            self.add_class.setItemData(k, QColor(*CLASS_COLORS[k % len(CLASS_COLORS)]),
                                       Qt.ItemDataRole.DecorationRole)
        if 0 <= keep < self.add_class.count():
            self.add_class.setCurrentIndex(keep)

    @Slot(int)
    def _on_colour_by(self, _index: int) -> None:
        want = self.colour_by.currentData() is not None
        if want != self._want_planes and self.controller is not None:
            self._want_planes = want
            self.controller.want_unit_planes(want)
        self.redraw()

    def show_unit(self, node_id: str, unit: int) -> bool:
        """Colour the plane by one hidden unit's output (what clicking its thumbnail shows).

        ``unit`` counts from 0. Returns False when the plane has no such unit
        (not 2-D data, an input or output node, or no run yet).
        """
        # Compared item by item: QComboBox.findData does not match Python tuples
        # once designer.pyside_compat is active.
        want = (node_id, int(unit))
        i = next((k for k in range(self.colour_by.count())
                  if tuple(self.colour_by.itemData(k) or ()) == want), -1)
        if i < 0:
            return False
        self.colour_by.setCurrentIndex(i)
        return True

    # ---------------------------------------------------------------------------------
    # drawing
    # ---------------------------------------------------------------------------------

    def draw(self, snap: Snapshot) -> None:
        info = snap.info
        if info.mode == "plane":
            self._draw_plane(snap)
        elif info.mode == "line" and snap.line is not None:
            self.curve.setData(info.line_xs, snap.line[:, 0])
            self.note.setText(self.tr("Grey points: the data (training filled, test ringed); red: the network's "
                                      "output for each input."))
        elif info.mode == "confusion" and snap.confusion is not None:
            self._draw_confusion(snap)

    def _draw_plane(self, snap: Snapshot) -> None:
        info = snap.info
        unit = self.colour_by.currentData()
        grid = info.grid
        if unit is not None and snap.unit_planes is not None and unit[0] in snap.unit_planes:
            nid, u = unit
            img = snap.unit_planes[nid][:, :, u]
            grid = info.unit_grid
            act = get_activation(info.spec.nodes[nid].activation).name
            if act == "logistic":
                self.image.setColorMap(probability_map())
                levels = (0.0, 1.0)
            elif act == "tanh":
                self.image.setColorMap(diverging_map())
                levels = (-1.0, 1.0)
            else:
                self.image.setColorMap(diverging_map())
                levels = symmetric_levels(img)
            self.image.setImage(img, levels=levels, autoLevels=False)
            self.note.setText(f"{info.spec.nodes[nid].label}, unit {u + 1} ({act}): its output at each point "
                              f"of the plane, from {levels[0]:.3g} (orange) to {levels[1]:.3g} (blue).")
        elif snap.plane is not None:
            out = snap.plane
            if info.task == "classification":
                p = class_probabilities(out)
                if p.shape[-1] == 2:
                    self.image.setColorMap(probability_map())
                    self.image.setImage(p[:, :, 1], levels=(0.0, 1.0), autoLevels=False)
                    c0, c1 = (info.class_names + ("0", "1"))[:2] if info.class_names else ("0", "1")
                    self.note.setText(self.tr("Background: the network's probability of class {1}: orange = "
                                              "class {0}, blue = class {1}, white = undecided (the boundary). "
                                              "Left-click adds a point, right-click removes one.").format(c0, c1))
                else:
                    colours = np.array([CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(p.shape[-1])], float)
                    rgb = p @ colours  # display only: mix the class colours by probability
                    conf = p.max(axis=-1, keepdims=True)
                    rgb = 255.0 * (1 - conf) + rgb * conf
                    self.image.setImage(np.clip(rgb, 0, 255).astype(np.uint8), autoLevels=False, levels=(0, 255))
                    self.note.setText(self.tr("Background: the class the network predicts (its colour), paler where "
                                              "it is less sure. Left-click adds a point, right-click removes one."))
            else:
                self.image.setColorMap(diverging_map())
                ys = np.concatenate([info.y_train.reshape(-1), info.y_test.reshape(-1)])
                levels = symmetric_levels(ys)
                self.image.setImage(out[:, :, 0], levels=levels, autoLevels=False)
                self.note.setText(f"Background: the network's output, orange = {levels[0]:.3g}, blue = "
                                  f"{levels[1]:.3g}; points coloured by their target on the same scale.")
        if grid is not None:
            x0, x1, y0, y1 = grid.extent
            self.image.setRect(x0, y0, x1 - x0, y1 - y0)
        b = snap.batch
        if len(b) and len(b) <= 512 and b.max(initial=-1) < len(info.raw_train):
            self.batch_pts.setData(pos=info.raw_train[b])
        else:
            self.batch_pts.setData([])

    def _draw_confusion(self, snap: Snapshot) -> None:
        cm = snap.confusion
        if self._cm_last is not None and np.array_equal(cm, self._cm_last):
            return
        self._cm_last = cm
        k = cm.shape[0]
        self.cm_image.setImage(cm.astype(float), levels=(0.0, max(float(cm.max()), 1.0)), autoLevels=False)
        self.cm_image.setRect(-0.5, -0.5, k, k)
        top = max(int(cm.max()), 1)
        for idx, t in enumerate(self._cm_texts):
            i, j = divmod(idx, k)
            if i < k and j < k:
                v = int(cm[i, j])
                t.setText(str(v) if v else "")
                t.setColor((255, 255, 255) if v > 0.6 * top else self.palette().text().color())
        total = int(cm.sum())
        right = int(np.trace(cm))
        self.note.setText(f"Rows: the true class, columns: the class the network predicts. "
                          f"{right} of {total} right ({right / max(total, 1):.1%}); off the diagonal: mistakes.")

    # ---------------------------------------------------------------------------------
    # drawing your own data
    # ---------------------------------------------------------------------------------

    def _on_click(self, ev: Any) -> None:
        if self._maybe_pick(ev):
            return
        info = self.info
        if info is None or info.mode != "plane" or self.controller is None:
            return
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        pos = vb.mapSceneToView(ev.scenePos())
        if ev.button() == Qt.MouseButton.LeftButton:
            self.add_point(pos.x(), pos.y())
            ev.accept()
        elif ev.button() == Qt.MouseButton.RightButton:
            (x0, x1), (y0, y1) = vb.viewRange()
            self.remove_point(pos.x(), pos.y(), radius=0.04 * max(x1 - x0, y1 - y0))
            ev.accept()

    def _current_dataset(self) -> Dataset | None:
        doc = self.controller.document
        try:  # the drawn points, when there are some
            src = replace(doc.data, features=[])
            return src.load(doc.path.parent if getattr(doc, "path", None) else None)
        except (DataError, OSError):
            return None

    def add_point(self, x: float, y: float, label: float | None = None) -> bool:
        """Add a point at (x, y) of the chosen class (or target value); one undo entry."""
        ds = self._current_dataset()
        if ds is None or ds.n_features != 2:
            return False
        if ds.task == "classification":
            k = int(self.add_class.currentData() if label is None else label)
            y_new = np.concatenate([ds.y, [k]])
            names = list(ds.class_names)
            new = Dataset(np.vstack([ds.X, [[x, y]]]), y_new, "classification", ["x1", "x2"], names, ds.name)
            text = f"Add a point of class {names[k] if k < len(names) else k}"
        else:
            v = float(self.add_value.value() if label is None else label)
            new = Dataset(np.vstack([ds.X, [[x, y]]]), np.vstack([ds.y.reshape(-1, 1), [[v]]]), "regression",
                          ["x1", "x2"], [], ds.name)
            text = "Add a point"
        self.controller.document.push(EditPoints(self.controller.document, new, text))
        return True

    def remove_point(self, x: float, y: float, radius: float) -> bool:
        """Remove the point nearest to (x, y) if it is within ``radius``; one undo entry."""
        ds = self._current_dataset()
        if ds is None or ds.n_features != 2 or len(ds) <= 4:
            return False
        d = np.hypot(ds.X[:, 0] - x, ds.X[:, 1] - y)
        i = int(np.argmin(d))
        if d[i] > radius:
            return False
        keep = np.ones(len(ds), bool)
        keep[i] = False
        new = ds.subset(keep)
        if new.task == "classification" and len(np.unique(new.y)) < 2:
            return False
        self.controller.document.push(EditPoints(self.controller.document, new, "Remove a point"))
        return True

    # ---------------------------------------------------------------------------------
    # picking a sample for the stepper; saying why there is nothing to show
    # ---------------------------------------------------------------------------------

    def _show_bar(self, info: RunInfo | None) -> None:
        plane = info is not None and info.mode == "plane"
        classify = info is not None and info.task == "classification"
        picking = self.pick_button.isChecked()
        for w in (self.colour_by, self.colour_label):
            w.setVisible(plane)
        self.add_label.setVisible(plane)
        self.add_label.setText(self.tr("Click picks a sample for the stepper") if picking else self.tr("Click adds"))
        self.add_class.setVisible(plane and classify and not picking)
        self.add_value.setVisible(plane and not classify and not picking)
        self.pick_button.setVisible(info is not None and info.mode in ("plane", "line"))

    def _on_pick_mode(self, _on: bool) -> None:
        self._show_bar(self.info if not self.blocked.isVisible() else None)

    def _maybe_pick(self, ev: Any) -> bool:
        """Pick mode or Ctrl+left click: the nearest point goes to the stepper."""
        if ev.button() != Qt.MouseButton.LeftButton:
            return False
        ctrl = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not (ctrl or self.pick_button.isChecked()):
            return False
        vb = self.plot.getViewBox()
        if self.info is None or not vb.sceneBoundingRect().contains(ev.scenePos()):
            return False
        pos = vb.mapSceneToView(ev.scenePos())
        ev.accept()
        hit = self.nearest_point(pos.x(), pos.y())
        if hit is not None:
            self.sample_picked.emit(*hit)
        return True

    def nearest_point(self, x: float, y: float, pixels: float = 12.0) -> tuple[int, str] | None:
        """(row, "train" or "test") of the point drawn nearest (x, y), within ``pixels`` on screen."""
        info = self.info
        if info is None or info.mode not in ("plane", "line"):
            return None
        vb = self.plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = max(vb.width(), 1.0), max(vb.height(), 1.0)
        sx, sy = (x1 - x0) / w, (y1 - y0) / h  # data units per pixel
        best: tuple[float, int, str] | None = None
        for which, pts in (("train", self.train_pts), ("test", self.test_pts)):
            px, py = pts.getData()
            if px is None or not len(px):
                continue
            d = np.hypot((np.asarray(px) - x) / sx, (np.asarray(py) - y) / sy)
            i = int(np.argmin(d))
            if best is None or d[i] < best[0]:
                best = (float(d[i]), i, which)
        if best is None or best[0] > pixels:
            return None
        return best[1], best[2]

    def bind(self, controller: Any) -> "BoundaryPanel":
        super().bind(controller)
        controller.error_changed.connect(self._update_blocked)
        controller.run_changed.connect(self._update_blocked)
        doc = getattr(controller, "document", None)
        if doc is not None and hasattr(doc, "problems_changed"):
            doc.problems_changed.connect(self._update_blocked)
        self._update_blocked()
        return self

    def why_blocked(self) -> str:
        """Why there is nothing to plot ('' when there is): the document's problems, or training's error."""
        ctl = self.controller
        if ctl is None:
            return ""
        doc = ctl.document
        if not doc.spec.nodes:
            return "Build a network first: the data and its decision boundary show here once it can train."
        problems = list(doc.problems)
        if problems:
            lines = "\n".join(f"• {p.message}" for p in problems[:4])
            more = f"\n(+{len(problems) - 4} more)" if len(problems) > 4 else ""
            return f"The network cannot train yet, so there is nothing to plot:\n\n{lines}{more}"
        if ctl.info is None and ctl.error:
            return f"Nothing to plot: {ctl.error}"
        return ""

    def _update_blocked(self, *_: Any) -> None:
        why = self.why_blocked()
        self.blocked.setText(why)
        self.blocked.setVisible(bool(why))
        self.view.setVisible(not why)
        self.note.setVisible(not why)
        self._show_bar(None if why else self.info)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.snap is not None:
            self._drawn_generation = -1  # rebuild: axes, texts and the matrix's colours follow the theme
            if self.isVisible():
                self._draw()

    def scene_pos(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is in the scene (for tests that click on it)."""
        return self.plot.getViewBox().mapViewToScene(QPointF(x, y))


if __name__ == "__main__":
    import sys

    from designer.training.demo import run_demo

    sys.exit(run_demo(lambda ctl: BoundaryPanel().bind(ctl), "Data and decision boundary"))
