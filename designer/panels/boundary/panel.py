"""The data and what the network makes of it, live: the Data-and-boundary panel.

One panel, four views of a run, by its data (``RunInfo.mode``):

* ``plane`` (2-D data, :mod:`.plane`): the points over the network's output
  as a background heat-map, as in TensorFlow Playground. Left-click adds a
  point of the chosen class, right-click removes the nearest: draw your own
  dataset (one undo entry per click, built by ``core.data.points``). Any
  hidden unit's own output over the plane can be shown instead.
* ``line`` (one input, regression, :mod:`.scatter`): the fitted curve over the data;
* ``confusion`` (other classification data, :mod:`.confusion`): the confusion matrix;
* anything else (regression with several inputs): a note pointing to the curves.

Picking a sample for the backprop stepper: with **Pick for stepper** on (or
with Ctrl held), a left click on a point emits ``sample_picked(row, which)``:
``which`` is ``"train"`` or ``"test"`` and ``row`` the point's row in that
part, numbered as the training worker and the stepper's list number them.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QToolButton,
                               QWidget)

from core.data.dataset import DataError, Dataset
from core.data.points import with_point, without_nearest
from core.snapshot import RunInfo, Snapshot
from designer.training.commands import EditPoints

from ..common import Panel, Table, note_label, style_plot
from .confusion import ConfusionView
from .layout import SIDE_WIDTH, arrange
from .plane import PlaneView
from .scatter import LineView, ScatterView


class BoundaryPanel(Panel):
    """Data scatter over the output heat-map (2-D), fitted curve (1-D) or confusion matrix.

    Signals
    -------
    sample_picked(int, str)
        A point was picked for the backprop stepper (Pick for stepper on, or
        Ctrl+click): its row and ``"train"`` or ``"test"``.
    """

    sample_picked = Signal(int, str)
    export_stem = "data-and-boundary"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("boundary-panel")
        self.colour_by = QComboBox()
        self.colour_by.setToolTip(self.tr("Colour the plane by the network's output, or by one hidden unit's output"))
        self.colour_by.currentIndexChanged.connect(self.colour_by_changed)
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
        self.plane, self.line, self.confusion = PlaneView(self), LineView(self), ConfusionView(self)
        self.legend: pg.LegendItem | None = None
        self._mode = ""
        self._want_planes = False

    # ---------------------------------------------------------------------------------
    # layout
    # ---------------------------------------------------------------------------------

    #: Side column width when the controls stand beside the plot.
    SIDE_WIDTH = SIDE_WIDTH

    def _arrange(self, beside: bool) -> None:
        """Controls above and note below the plot, or both beside it (:func:`.layout.arrange`)."""
        arrange(self, beside)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_arrangement()

    def _fit_arrangement(self) -> None:
        beside = self._mode == "plane" and self.width() >= 2.2 * self.height()
        if beside != self.beside:
            self._arrange(beside)

    # ---------------------------------------------------------------------------------
    # a new run: the view of its data
    # ---------------------------------------------------------------------------------

    def style(self, title: str, left: str = "", bottom: str = "") -> None:
        """Title and axis labels of the plot, in the theme's colours (the views call it)."""
        style_plot(self.plot, self, title, left, bottom)

    def _views(self) -> dict[str, Any]:
        return {"plane": self.plane, "line": self.line, "confusion": self.confusion}

    def rebuild(self, info: RunInfo) -> None:
        self._clear()
        self._mode = info.mode
        self._fit_arrangement()
        vb = self.plot.getViewBox()
        vb.setAspectLocked(info.mode == "plane")
        vb.setMouseEnabled(x=info.mode != "confusion", y=info.mode != "confusion")
        self._show_bar(info)
        fx, fy = (info.feature_names + ("x1", "x2"))[:2] if info.feature_names else ("x1", "x2")
        if info.mode == "plane":
            self.plane.build(info, fx, fy)
        elif info.mode == "line":
            self.line.build(info, fx)
        elif info.mode == "confusion":
            self.confusion.build(info)
        else:
            self.style(self.tr("{0}: no picture for regression with several inputs").format(info.data_label))
            self.note.setText(self.tr("The curves panel shows how well the network fits (R²)."))

    def _clear(self) -> None:
        """An empty plot, axes reset, no legend: what a view builds on."""
        p = self.plot
        p.clear()
        if self.legend is not None:
            if self.legend in self.view.ci.items:
                self.view.ci.removeItem(self.legend)
            elif self.legend.scene() is not None:
                self.legend.scene().removeItem(self.legend)
            self.legend = None
        p.getViewBox().invertY(False)
        p.getAxis("bottom").setTicks(None)
        p.getAxis("left").setTicks(None)

    def export_table(self) -> Table:
        """What the current view draws: the points and the plane's values, the curve, or the matrix."""
        table = Table()
        view = self._views().get(self.snap.info.mode) if self.snap is not None else None
        if view is not None:
            view.fill_table(table, self.snap)
        return table

    def context_menu_allowed(self, pos: Any) -> bool:
        """Not on the data plane itself, where a right click removes a point; around it, yes."""
        if self._mode != "plane" or not self.view.isVisible():
            return True
        scene_pos = self.view.mapToScene(self.view.mapFrom(self, pos))
        return not self.plot.getViewBox().sceneBoundingRect().contains(scene_pos)

    def draw(self, snap: Snapshot) -> None:
        view = self._views().get(snap.info.mode)
        if view is not None:
            view.draw(snap)

    @Slot(int)
    def colour_by_changed(self, _index: int = 0) -> None:
        """The plane's colour-by choice: ask training for the hidden units' planes only while one is shown."""
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
    # clicks: drawing your own data, picking a sample for the stepper
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
            name = ds.class_names[k] if k < len(ds.class_names) else k
            text = self.tr("Add a point of class {0}").format(name)
        else:
            k, text = float(self.add_value.value() if label is None else label), self.tr("Add a point")
        try:
            new = with_point(ds, x, y, k)
        except DataError:
            return False
        self.controller.document.push(EditPoints(self.controller.document, new, text))
        return True

    def remove_point(self, x: float, y: float, radius: float) -> bool:
        """Remove the point nearest to (x, y) if it is within ``radius``; one undo entry."""
        ds = self._current_dataset()
        new = without_nearest(ds, x, y, radius) if ds is not None else None
        if new is None:
            return False
        self.controller.document.push(EditPoints(self.controller.document, new, self.tr("Remove a point")))
        return True

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
        view = self._views().get(self.info.mode) if self.info is not None else None
        return view.nearest(x, y, pixels) if isinstance(view, ScatterView) else None

    # ---------------------------------------------------------------------------------
    # saying why there is nothing to show
    # ---------------------------------------------------------------------------------

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
            return self.tr("Build a network first: the data and its decision boundary show here once it can train.")
        problems = list(doc.problems)
        if problems:
            lines = "\n".join(f"• {p.message}" for p in problems[:4])
            more = "\n" + self.tr("(+{0} more)").format(len(problems) - 4) if len(problems) > 4 else ""
            return self.tr("The network cannot train yet, so there is nothing to plot:") + f"\n\n{lines}{more}"
        if ctl.info is None and ctl.error:
            return self.tr("Nothing to plot: {0}").format(ctl.error)
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

    from designer.preview import run_with_training

    sys.exit(run_with_training(lambda ctl: BoundaryPanel().bind(ctl), "Data and decision boundary"))
