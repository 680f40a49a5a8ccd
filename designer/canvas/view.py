"""The canvas widget: a ``QGraphicsView`` that shows a :class:`CanvasScene`, and its editor.

orange-canvas-core's split: the view shows the document (the scene's items
follow its signals), zooms, fits and pans, and paints what lies over the
network (the hint on an empty canvas, the edge overlay's legend); the
:class:`~designer.canvas.editor.CanvasEditor` it owns reads the mouse and
the keys and turns them into commands on the document. The view keeps the
editor's slots as its own (``copy``, ``delete_selected``...), so the main
window, the panels and the tests talk to one widget. Run this module to
look at it::

    python -m designer.canvas [--big|--mixed|--empty] [--values] [--dark] [--screenshot OUT.png]
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QMenu, QWidget

from ..document import Document
from ..preview import canvas_document as example_document
from .colors import Theme
from .edge_overlay import draw_overlay_legend
from .editor import CanvasEditor, Selection
from .scene import CanvasScene, is_export_device

__all__ = ["CanvasView", "Selection", "example_document"]

MIN_ZOOM, MAX_ZOOM = 0.04, 6.0
ZOOM_STEP = 1.25
FIT_MAX = 1.6


class CanvasView(QGraphicsView):
    """The network canvas: shows the document, and edits it through its :attr:`editor`.

    Signals
    -------
    message(str)
        Something to tell the person on the status bar: why a connection was
        refused, what a gesture did.
    selection_changed()
        Nodes, connections, a single edge or a unit were (de)selected; read
        :meth:`selection`.
    zoom_changed(float)
        The zoom factor changed (1.0 = 100 %).
    space_tapped()
        Space pressed and let go without a pan in between: the window's Play/Pause.
    landscape_axis_requested(int, object)
        From an edge's context menu: use this edge, ``(conn_id, i, j)``, as
        axis 1 or 2 of the loss landscape.
    """

    message = Signal(str)
    selection_changed = Signal()
    zoom_changed = Signal(float)
    space_tapped = Signal()
    landscape_axis_requested = Signal(int, object)

    def __init__(self, document: Document, parent: QWidget | None = None):
        self.document = document
        self.canvas_scene = CanvasScene(document)
        super().__init__(self.canvas_scene, parent)
        self.canvas_scene.setParent(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.fitted = False  # True from fit() until the person zooms or pans
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)   # the grid scrolls as a pixmap
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # Pan with the middle button or space-drag, zoom with the wheel: no scroll bars.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Network canvas")
        self._overlay_label = ""
        self.editor = CanvasEditor(self)
        self.canvas_scene.selectionChanged.connect(self.selection_changed)
        self.canvas_scene.sub_selection_changed.connect(self.selection_changed)
        document.structure_changed.connect(self.update_scene_rect)
        document.replaced.connect(self._on_replaced)
        self.update_scene_rect()

    def _on_replaced(self) -> None:
        """A network was opened: the editor drops what it was doing; show the network whole once laid out."""
        self.editor.reset()
        QTimer.singleShot(0, self.fit)

    # --- selection and edits: the editor's, offered here for the menus and the panels -------------

    def selection(self) -> Selection:
        """What is selected now (see :class:`Selection`)."""
        return self.editor.selection()

    def selected_node_ids(self) -> list[str]:
        return self.editor.selected_node_ids()

    def select_nodes(self, ids: Iterable[str]) -> None:
        """Select exactly these nodes (one ``selection_changed``)."""
        self.editor.select_nodes(ids)

    def select_all(self) -> None:
        self.editor.select_all()

    def clear_selection(self) -> None:
        self.editor.clear_selection()

    def select_edge(self, conn_id: str, i: int, j: int) -> None:
        """Select one single edge (as clicking it does)."""
        self.editor.select_edge(conn_id, i, j)

    def delete_selected(self) -> None:
        """Delete the selected nodes and connections, or remove the selected single edge."""
        self.editor.delete_selected()

    def remove_selected_edge(self) -> None:
        self.editor.set_selected_edge(False)

    def restore_selected_edge(self) -> None:
        self.editor.set_selected_edge(True)

    def reinitialise_selected(self) -> None:
        """Fresh initial weights for the selected nodes (all nodes if none is selected)."""
        self.editor.reinitialise_selected()

    def edit_selected_value(self, text: str | None = None) -> bool:
        """Open the editor for the selected edge's weight or unit's bias; True if opened."""
        return self.editor.edit_selected_value(text)

    def copy(self) -> bool:
        return self.editor.copy()

    def cut(self) -> None:
        self.editor.cut()

    def paste(self) -> None:
        self.editor.paste()

    def add_from_template(self, template: dict, scene_pos: QPointF | tuple | None = None) -> str | None:
        """Add a palette node at ``scene_pos`` (default: the centre of the view); returns its id."""
        return self.editor.add_from_template(template, scene_pos)

    def auto_layout(self) -> None:
        """Arrange the nodes in columns by depth (one undo entry), then fit them in view."""
        self.editor.auto_layout()

    def context_menu(self, pos: QPointF) -> QMenu:
        """The right-click menu for what is under ``pos`` (selected by the press)."""
        return self.editor.input.context_menu(pos)

    # --- values shown on units ---------------------------------------------------------

    def set_unit_values(self, node_id: str, a: np.ndarray | None, z: np.ndarray | None = None) -> None:
        """Fill a node's units by their activations ``a`` (z is shown in tooltips)."""
        self.canvas_scene.set_unit_values(node_id, a, z)

    def clear_unit_values(self) -> None:
        self.canvas_scene.clear_unit_values()

    def set_unit_planes(self, planes: dict[str, np.ndarray] | None) -> None:
        """Thumbnails: each hidden unit's output over the 2-D input plane, on the unit.

        ``planes`` is ``{node id: array (ny, nx, units)}`` as in
        ``Snapshot.unit_planes`` (row 0 at the smallest x2); only nodes drawn
        as a column of units show them. None removes every thumbnail.
        """
        self.canvas_scene.set_unit_planes(planes)

    def set_edge_overlay(self, values: dict[str, np.ndarray] | None, signed: bool = True,
                         label: str = "") -> None:
        """Colour each edge by a per-parameter value instead of its weight.

        Parameters
        ----------
        values
            ``{parameter key: array shaped like the parameter}``, e.g.
            ``{"W:c1": (dst units, src units)}`` (other keys are ignored).
            None or ``{}`` turns the overlay off: edges follow the weights again.
        signed
            True: a diverging scale centred on 0 (magenta negative, green
            positive); False: a sequential, logarithmic one (pale to purple).
        label
            What the values are, for the legend drawn in the canvas's corner.
        """
        scale = self.canvas_scene.set_edge_overlay(values, signed)
        self._overlay_label = label if scale is not None else ""
        self.viewport().update()

    def edge_overlay_scale(self):
        """The overlay's :class:`~designer.canvas.edges.OverlayScale`, None when edges show weights."""
        return self.canvas_scene.overlay_scale

    # --- zoom and pan --------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` keeping the scene point under ``anchor`` (viewport coords) still."""
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        old = self.zoom()
        if abs(factor - old) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor / old, factor / old)
        self.update_scene_rect()
        after = self.mapToScene(anchor.toPoint())
        d = (after - before) * factor
        self.pan_by(-d.x(), -d.y())
        self.fitted = False
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole network (not larger than 160 %).

        Until the person zooms or pans, the view stays fitted: when the
        canvas changes size (a panel below it opens or grows), it fits again
        rather than cutting the network off.
        """
        self.fitted = True
        sc = self.canvas_scene
        items = list(sc.node_items.values())
        if not items:
            self.resetTransform()
            self.centerOn(0, 0)
            self.zoom_changed.emit(1.0)
            return
        rect = QRectF()
        for it in items:
            rect = rect.united(it.sceneBoundingRect())
        for it in sc.items():  # overlays that draw beside the network (the stepper's values)
            extent = it.fit_extent() if hasattr(it, "fit_extent") else None
            if extent is not None and not extent.isEmpty():
                rect = rect.united(extent)
        rect = rect.adjusted(-30, -30, 30, 30)
        self.update_scene_rect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > FIT_MAX or self.zoom() < MIN_ZOOM:
            s = min(max(self.zoom(), MIN_ZOOM), FIT_MAX)
            self.resetTransform()
            self.scale(s, s)
        self.update_scene_rect(rect)
        self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def pan_by(self, dx: float, dy: float) -> None:
        """Scroll the view by viewport pixels."""
        self.fitted = False
        self.update_scene_rect()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def update_scene_rect(self, extra: QRectF | None = None) -> None:
        """Room to pan around: the items and the visible area, plus a screenful each side."""
        sc = self.canvas_scene
        rect = QRectF()
        for it in sc.node_items.values():
            rect = rect.united(it.sceneBoundingRect())
        vis = self.mapToScene(self.viewport().rect()).boundingRect()
        rect = rect.united(vis)
        if extra is not None:
            rect = rect.united(extra)
        m = max(vis.width(), vis.height())
        new = rect.adjusted(-m, -m, m, m)
        if not self.sceneRect().contains(new) or self.sceneRect().width() > 4 * new.width():
            self.setSceneRect(new)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel zooms about the mouse (there are no scroll bars)."""
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.set_zoom(self.zoom() * 1.0015 ** delta, event.position())
        event.accept()

    # --- look ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.canvas_scene.set_theme(Theme.for_palette(self.palette()))
            self.resetCachedContent()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()
        else:
            self.update_scene_rect()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if is_export_device(painter.device()):
            return
        if self.document.spec.nodes:
            sc = self.canvas_scene
            if sc.overlay_scale is not None:
                draw_overlay_legend(painter, sc.overlay_scale, sc.theme, self._overlay_label, self.viewport().height())
            return
        self._draw_empty_hint(painter)

    def _draw_empty_hint(self, painter: QPainter) -> None:
        """On an empty canvas: what to do first."""
        painter.save()
        painter.resetTransform()
        th = self.canvas_scene.theme
        r = QRectF(self.viewport().rect()).adjusted(40, 40, -40, -40)
        f = painter.font()
        f.setPointSizeF(f.pointSizeF() + 3)
        painter.setFont(f)
        painter.setPen(th.text)
        painter.drawText(r.adjusted(0, -30, 0, -30), Qt.AlignmentFlag.AlignCenter, self.tr("Build a network"))
        f.setPointSizeF(f.pointSizeF() - 3)
        painter.setFont(f)
        painter.setPen(th.subtext)
        painter.drawText(r.adjusted(0, 20, 0, 20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.tr("Drag an Input, a Layer and an Output from the palette.\n"
                                 "Then drag from a node's right-hand port to the next node to connect them."))
        painter.restore()
