"""The canvas scene: follows the document's signals and draws its network.

It keeps a ``dict`` from node id to :class:`NodeItem` and from connection id
to :class:`ConnectionItem` (orange-canvas-core's shape), adds and removes
items as the spec changes, repositions them from ``node.meta["pos"]``, and
repaints weights when :attr:`Document.params_changed` fires. It never edits
the document: gestures push commands (see :mod:`designer.canvas.interactions`).

Besides Qt's item selection (nodes and whole connections), it holds a
*sub-selection*: one single edge ``(conn_id, i, j)`` or one unit
``(node_id, j)``, for the properties panel and the in-place editor.
"""
from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPagedPaintDevice, QPainter, QPen, QPicture
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from core.parameters import bias_key, weight_key
from core.spec import Problem

from ..document import Document
from .colors import Theme
from .edges import ConnectionItem, OverlayScale
from .geometry import auto_layout, node_pos
from .nodes import NodeItem

GRID = 20.0


class CanvasScene(QGraphicsScene):
    """The items of one document's network.

    Signals
    -------
    sub_selection_changed()
        The selected single edge or unit changed (Qt's ``selectionChanged``
        covers nodes and whole connections).
    """

    sub_selection_changed = Signal()

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.doc = document
        self.theme = Theme.for_palette()
        self.node_items: dict[str, NodeItem] = {}
        self.conn_items: dict[str, ConnectionItem] = {}
        self.selected_edge: tuple[str, int, int] | None = None
        self.selected_unit: tuple[str, int] | None = None
        self._values: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
        self._fallback: dict[str, tuple[float, float]] = {}
        self.edge_overlay: dict[str, np.ndarray] = {}       # connection id -> values
        self.overlay_scale: OverlayScale | None = None
        self._planes: dict[str, np.ndarray] = {}            # node id -> (ny, nx, units)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        document.replaced.connect(self.clear_all)
        document.structure_changed.connect(self.sync)
        document.node_changed.connect(self.on_node_changed)
        document.params_changed.connect(self.on_params_changed)
        document.problems_changed.connect(self.on_problems_changed)
        self.sync()

    # --- following the document ----------------------------------------------------------

    def sync(self) -> None:
        """Make the items match the spec: add, remove, update (after any structure edit)."""
        spec = self.doc.spec
        for nid in [n for n in self.node_items if n not in spec.nodes]:
            self.removeItem(self.node_items.pop(nid))
            self._values.pop(nid, None)
        for cid in [c for c in self.conn_items if c not in spec.connections]:
            self.removeItem(self.conn_items.pop(cid))
        missing = [n for n in spec.nodes.values() if node_pos(n) is None]
        self._fallback = auto_layout(spec) if missing else {}
        font = self.font()
        for node in spec.nodes.values():
            item = self.node_items.get(node.id)
            if item is None:
                item = NodeItem(node, self.theme, font)
                self.node_items[node.id] = item
                self.addItem(item)
                if node.id in self._values:
                    item.set_values(*self._values[node.id])
                if node.id in self._planes:
                    item.set_planes(self._planes[node.id])
            else:
                item.set_node(node)
            self._place(node.id)
        for conn in spec.connections.values():
            item = self.conn_items.get(conn.id)
            if item is None:
                item = ConnectionItem(conn.id, self.theme)
                self.conn_items[conn.id] = item
                self.addItem(item)
            item.set_labels(spec.nodes[conn.src].label, spec.nodes[conn.dst].label)
            self._update_geometry(conn.id)
            item.set_overlay(self.edge_overlay.get(conn.id), self.overlay_scale)
        self._check_sub_selection()
        self.on_params_changed()
        self.on_problems_changed(self.doc.problems)

    def clear_all(self) -> None:
        """Another network was loaded: forget every item, selection and live value."""
        had_sub = self.selected_edge is not None or self.selected_unit is not None
        self.selected_edge = self.selected_unit = None
        self._values.clear()
        self._planes.clear()
        self.edge_overlay, self.overlay_scale = {}, None
        for item in list(self.node_items.values()) + list(self.conn_items.values()):
            self.removeItem(item)
        self.node_items.clear()
        self.conn_items.clear()
        if had_sub:
            self.sub_selection_changed.emit()

    def _place(self, nid: str) -> None:
        node = self.doc.spec.nodes[nid]
        pos = node_pos(node) or self._fallback.get(nid, (0.0, 0.0))
        self.node_items[nid].setPos(QPointF(*pos))

    def _update_geometry(self, cid: str) -> None:
        conn = self.doc.spec.connections[cid]
        a, b = self.node_items[conn.src], self.node_items[conn.dst]
        sa, sb = a.shape_info, b.shape_info
        pa, pb = a.pos(), b.pos()
        self.conn_items[cid].set_geometry(
            pa.x() + sa.attach_x(+1), pa.y() + sa.ys, _row(sa),
            pb.x() + sb.attach_x(-1), pb.y() + sb.ys, _row(sb))

    def on_node_changed(self, nid: str) -> None:
        """A node moved or was renamed: move its item and the edges touching it."""
        if nid not in self.node_items or nid not in self.doc.spec.nodes:
            return
        node = self.doc.spec.nodes[nid]
        item = self.node_items[nid]
        item.set_node(node)
        self._place(nid)
        for c in self.doc.spec.connections.values():
            if nid in (c.src, c.dst) and c.id in self.conn_items:
                self.conn_items[c.id].set_labels(self.doc.spec.nodes[c.src].label,
                                                 self.doc.spec.nodes[c.dst].label)
                self._update_geometry(c.id)

    def on_params_changed(self) -> None:
        """Weights or biases changed: hand the new arrays to the items (they repaint lazily)."""
        params = self.doc.params
        for cid, item in self.conn_items.items():
            conn = self.doc.spec.connections.get(cid)
            if conn is not None:
                item.set_weights(params.get(weight_key(cid)), conn.removed)
        for nid, item in self.node_items.items():
            item.set_bias(params.get(bias_key(nid)))

    def on_problems_changed(self, problems: list[Problem]) -> None:
        per_node: dict[str, list[str]] = {}
        for p in problems:
            if p.where in self.node_items:
                per_node.setdefault(p.where, []).append(p.message)
            elif p.where in self.doc.spec.connections:
                c = self.doc.spec.connections[p.where]
                per_node.setdefault(c.dst, []).append(p.message)
        for nid, item in self.node_items.items():
            item.set_problems(per_node.get(nid, []))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for item in list(self.node_items.values()) + list(self.conn_items.values()):
            item.set_theme(theme)
        self.update()

    # --- live values -------------------------------------------------------------------------

    def set_unit_values(self, node_id: str, a: np.ndarray | None, z: np.ndarray | None = None) -> None:
        """Colour a node's units by their activations (and remember z for tooltips)."""
        if a is None:
            self._values.pop(node_id, None)
        else:
            self._values[node_id] = (np.array(a, float).reshape(-1),
                                     None if z is None else np.array(z, float).reshape(-1))
        item = self.node_items.get(node_id)
        if item is not None:
            item.set_values(*(self._values.get(node_id) or (None, None)))

    def clear_unit_values(self) -> None:
        for nid in list(self._values):
            self.set_unit_values(nid, None)

    def set_unit_planes(self, planes: dict[str, np.ndarray] | None) -> None:
        """Each unit's output over the input plane, ``{node id: (ny, nx, units)}``; None clears."""
        self._planes = dict(planes or {})
        for nid, item in self.node_items.items():
            item.set_planes(self._planes.get(nid))

    def set_edge_overlay(self, values: dict[str, np.ndarray] | None, signed: bool = True) -> OverlayScale | None:
        """Colour edges by per-parameter values (``{"W:<conn id>": array}``); None or {}: by weight.

        One scale covers every connection, so colours compare across layers;
        it is returned (None when off) for a legend.
        """
        values = values or {}
        per_conn = {cid: np.asarray(values[weight_key(cid)], float) for cid in self.conn_items
                    if weight_key(cid) in values}
        self.edge_overlay = per_conn
        self.overlay_scale = OverlayScale.fit(per_conn.values(), signed) if per_conn else None
        for cid, item in self.conn_items.items():
            item.set_overlay(per_conn.get(cid), self.overlay_scale)
        return self.overlay_scale

    # --- sub-selection: one edge or one unit -------------------------------------------------

    def select_edge(self, cid: str | None, i: int = 0, j: int = 0) -> None:
        new = None if cid is None else (cid, int(i), int(j))
        old_unit = self.selected_unit
        self._set_unit_marker(None)
        if new == self.selected_edge and old_unit is None:
            return
        if self.selected_edge and self.selected_edge[0] in self.conn_items:
            self.conn_items[self.selected_edge[0]].selected_edge = None
            self.conn_items[self.selected_edge[0]].update()
        self.selected_edge = new
        if new and new[0] in self.conn_items:
            self.conn_items[new[0]].selected_edge = (new[1], new[2])
            self.conn_items[new[0]].update()
        self.sub_selection_changed.emit()

    def select_unit(self, nid: str | None, j: int = 0) -> None:
        new = None if nid is None else (nid, int(j))
        had_edge = self.selected_edge is not None
        if had_edge:
            cid = self.selected_edge[0]
            if cid in self.conn_items:
                self.conn_items[cid].selected_edge = None
                self.conn_items[cid].update()
            self.selected_edge = None
        if new == self.selected_unit and not had_edge:
            return
        self._set_unit_marker(new)
        self.sub_selection_changed.emit()

    def _set_unit_marker(self, new: tuple[str, int] | None) -> None:
        if self.selected_unit and self.selected_unit[0] in self.node_items:
            self.node_items[self.selected_unit[0]].selected_unit = None
            self.node_items[self.selected_unit[0]].update()
        self.selected_unit = new
        if new and new[0] in self.node_items:
            self.node_items[new[0]].selected_unit = new[1]
            self.node_items[new[0]].update()

    def _check_sub_selection(self) -> None:
        """Drop a sub-selection whose edge or unit no longer exists (after undo, delete...)."""
        spec = self.doc.spec
        e = self.selected_edge
        if e is not None:
            c = spec.connections.get(e[0])
            if c is None or e[1] >= spec.nodes[c.src].units or e[2] >= spec.nodes[c.dst].units:
                self.selected_edge = None
                self.sub_selection_changed.emit()
            else:
                self.conn_items[e[0]].selected_edge = (e[1], e[2])
        u = self.selected_unit
        if u is not None:
            n = spec.nodes.get(u[0])
            if n is None or u[1] >= n.units:
                self._set_unit_marker(None)
                self.sub_selection_changed.emit()
            else:
                self.node_items[u[0]].selected_unit = u[1]

    def set_hover_edge(self, hit: tuple[str, tuple[int, int]] | None) -> None:
        """Highlight the single edge under the mouse (``(conn_id, (i, j))``), or none."""
        for cid, item in self.conn_items.items():
            edge = hit[1] if hit is not None and hit[0] == cid else None
            if item.hover_edge != edge:
                item.hover_edge = edge
                item.update()

    # --- finding things -------------------------------------------------------------------

    @property
    def view_scale(self) -> float:
        views = self.views()
        return views[0].transform().m11() if views else 1.0

    def pick_tolerance(self) -> float:
        """Scene distance that is about 5 pixels on screen."""
        return 5.0 / max(self.view_scale, 1e-6)

    def node_at(self, p: QPointF) -> NodeItem | None:
        """The topmost node whose shape holds scene point ``p``."""
        for item in sorted(self.node_items.values(), key=lambda it: -it.zValue()):
            local = item.mapFromScene(p)
            if item.boundingRect().contains(local) and item.shape().contains(local):
                return item
        return None

    def edge_at(self, p: QPointF) -> tuple[str, tuple[int, int]] | None:
        """The single edge under ``p`` (only connections drawn edge by edge have them)."""
        tol = self.pick_tolerance()
        for cid, item in self.conn_items.items():
            edge = item.edge_at(p, tol)
            if edge is not None:
                return cid, edge
        return None

    def connection_at(self, p: QPointF) -> tuple[ConnectionItem, tuple[int, int] | None] | None:
        """The connection under ``p`` and, when drawn edge by edge, the single edge."""
        tol = self.pick_tolerance()
        best = None
        for item in self.conn_items.values():
            edge = item.edge_at(p, tol)
            if edge is not None:
                return item, edge
            if best is None and item.near(p, tol):
                best = (item, None)
        return best

    # --- drawing ---------------------------------------------------------------------------------

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        p = event.scenePos()
        text = ""
        node = self.node_at(p)
        if node is not None:
            text = node.tooltip_at(node.mapFromScene(p))
        else:
            hit = self.connection_at(p)
            if hit is not None:
                text = hit[0].tooltip(hit[1])
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.setAccepted(bool(text))

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        # Only on screen (the view, its background cache, a grab): an export
        # to an image, SVG, PDF or picture fills its own background, no grid.
        if is_export_device(painter.device()):
            return
        th = self.theme
        painter.fillRect(rect, th.background)
        lod = painter.worldTransform().m11()
        step = GRID
        while step * lod < 14:
            step *= 2
        xs = np.arange(np.floor(rect.left() / step) * step, rect.right() + step, step)
        ys = np.arange(np.floor(rect.top() / step) * step, rect.bottom() + step, step)
        if len(xs) * len(ys) > 40_000:
            return
        pts = np.empty((len(xs) * len(ys), 2))
        pts[:, 0] = np.tile(xs, len(ys))
        pts[:, 1] = np.repeat(ys, len(xs))
        pen = QPen(th.grid, 2.0 if lod * step >= 28 else 1.5)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints(shiboken6.wrapInstance(pts.ctypes.data, QPointF), len(pts))


def is_export_device(device) -> bool:
    """Whether a painter draws into a file-like target rather than the screen."""
    return (isinstance(device, (QImage, QPicture, QPagedPaintDevice))
            or type(device).__name__ == "QSvgGenerator")


def _row(shape) -> float:
    """Scene distance between two neighbouring unit rows of a node."""
    if shape.units < 2:
        return float("inf")
    return float(shape.ys[1] - shape.ys[0])
