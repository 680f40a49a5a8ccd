"""One item per connection, painting all its edges in a handful of batched calls.

A connection between two groups is drawn as the lines from every unit of
its source to every unit of its destination, coloured by the sign of the
weight (blue positive, orange negative) and sized by its magnitude. The
lines are sorted into buckets (sign x magnitude), each one pen and one
``QPainter.drawLines`` call on a NumPy array passed by pointer, so a frame
costs a dozen calls, not one per edge.

Level of detail: when the units' rows are closer than :data:`MIN_ROW_PX`
on screen, or a connection has more than :data:`LINE_BUDGET` edges, rows
are grouped (powers of two) and each group pair is drawn as one line of
their *mean* weight. A 500 x 500 dense connection is 32 x 32 = 1,024 lines
at most: drawing its 250,000 single lines costs over a second per frame in
Qt's raster engine (measured), and at that density they are not told apart
anyway. Single edges can be picked, typed and removed whenever the
connection is drawn edge by edge.

Overlay: :meth:`ConnectionItem.set_overlay` colours the edges by another
per-edge quantity instead of the weights, on the scale of
:mod:`designer.canvas.edge_overlay`, with the same buckets.
"""
from __future__ import annotations

import math

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .colors import Theme
from .edge_overlay import N_BUCKETS, OverlayScale

LINE_BUDGET = 1024      # lines drawn per connection at most
MIN_ROW_PX = 1.6        # rows closer than this on screen are grouped
WEIGHT_SCALE = 1.0      # |w| at which a single edge is drawn at full strength
Z_EDGES = -10.0

def draw_lines(painter: QPainter, lines: np.ndarray) -> None:
    """Draw an (n, 4) float64 array of x1, y1, x2, y2 in one call, without copying."""
    n = len(lines)
    if not n:
        return
    arr = np.ascontiguousarray(lines, dtype=np.float64)
    painter.drawLines(shiboken6.wrapInstance(arr.ctypes.data, QLineF), n)


def _group_starts(n: int, k: int) -> np.ndarray:
    return np.arange(0, n, k)


def _pow2_at_least(x: float) -> int:
    return 1 if x <= 1 else 1 << math.ceil(math.log2(x))


class ConnectionItem(QGraphicsItem):
    """All edges of one :class:`core.spec.Connection`, painted in batches.

    The scene feeds it geometry (:meth:`set_geometry`), weights
    (:meth:`set_weights`) and selection; it never reads the document itself.
    Coordinates are scene coordinates (the item sits at the origin).
    """

    def __init__(self, conn_id: str, theme: Theme):
        super().__init__()
        self.conn_id = conn_id
        self.theme = theme
        self.setZValue(Z_EDGES)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.x_src = self.x_dst = 0.0
        self.y_src = np.zeros(1)
        self.y_dst = np.zeros(1)
        self.row_src = self.row_dst = math.inf     # scene distance between rows
        self.W: np.ndarray | None = None
        self.removed: list[tuple[int, int]] = []
        self.selected_edge: tuple[int, int] | None = None
        self.hover_edge: tuple[int, int] | None = None
        self.src_label = self.dst_label = ""
        self._rect = QRectF()
        self._agg: dict[tuple[int, int], tuple] = {}
        self._lines: dict[tuple[int, int], tuple] = {}
        self._last_k = (1, 1)
        self.overlay: np.ndarray | None = None
        self.overlay_scale: OverlayScale | None = None

    # --- inputs ---------------------------------------------------------------------

    def set_geometry(self, x_src: float, y_src: np.ndarray, row_src: float,
                     x_dst: float, y_dst: np.ndarray, row_dst: float) -> None:
        """Where each source unit's edges leave and each destination unit's arrive."""
        self.prepareGeometryChange()
        self.x_src, self.x_dst = float(x_src), float(x_dst)
        self.y_src, self.y_dst = np.asarray(y_src, float), np.asarray(y_dst, float)
        self.row_src, self.row_dst = row_src, row_dst
        ys = np.concatenate([self.y_src, self.y_dst])
        pad = 6.0
        x0, x1 = min(self.x_src, self.x_dst), max(self.x_src, self.x_dst)
        self._rect = QRectF(x0 - pad, float(ys.min()) - pad, x1 - x0 + 2 * pad,
                            float(ys.max() - ys.min()) + 2 * pad)
        self._lines.clear()
        self._last_k = self.group_factors(self._view_lod())
        self.update()

    def _view_lod(self) -> float:
        """The zoom of the first view showing this item (1.0 when none)."""
        sc = self.scene()
        views = sc.views() if sc is not None else []
        return views[0].transform().m11() if views else 1.0

    def set_weights(self, W: np.ndarray | None, removed: list[tuple[int, int]]) -> None:
        """The connection's weight matrix (dst units x src units) and its removed edges."""
        shape = (len(self.y_dst), len(self.y_src))
        self.W = None if W is None or W.shape != shape else W
        self.removed = [tuple(p) for p in removed]
        self._agg.clear()
        self._lines.clear()
        self.update()

    def set_overlay(self, values: np.ndarray | None, scale: OverlayScale | None = None) -> None:
        """Colour the edges by ``values`` (dst units x src units) on ``scale``; None: by weight."""
        shape = (len(self.y_dst), len(self.y_src))
        if values is None or scale is None or np.shape(values) != shape:
            values, scale = None, None
        if values is None and self.overlay is None:
            return
        self.overlay = None if values is None else np.asarray(values, float)
        self.overlay_scale = scale
        self._agg.clear()
        self._lines.clear()
        self.update()

    def set_labels(self, src: str, dst: str) -> None:
        self.src_label, self.dst_label = src, dst

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._lines.clear()
        self.update()

    @property
    def n_src(self) -> int:
        return len(self.y_src)

    @property
    def n_dst(self) -> int:
        return len(self.y_dst)

    # --- level of detail ------------------------------------------------------------

    def group_factors(self, lod: float) -> tuple[int, int]:
        """Rows grouped per line on each side at this zoom (1, 1 = edge by edge)."""
        ks = 1 if self.row_src * lod >= MIN_ROW_PX else _pow2_at_least(MIN_ROW_PX / (self.row_src * lod))
        kd = 1 if self.row_dst * lod >= MIN_ROW_PX else _pow2_at_least(MIN_ROW_PX / (self.row_dst * lod))
        ns, nd = self.n_src, self.n_dst
        while math.ceil(ns / ks) * math.ceil(nd / kd) > LINE_BUDGET:
            if math.ceil(ns / ks) >= math.ceil(nd / kd):
                ks *= 2
            else:
                kd *= 2
        return min(ks, _pow2_at_least(ns)), min(kd, _pow2_at_least(nd))

    def is_exact(self, lod: float | None = None) -> bool:
        """Whether single edges are drawn (and so can be picked) at this zoom."""
        k = self._last_k if lod is None else self.group_factors(lod)
        return k == (1, 1)

    def _aggregate(self, k: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Mean weight per group pair, present-edge counts, and the groups' mean rows."""
        if k in self._agg:
            return self._agg[k]
        ks, kd = k
        ns, nd = self.n_src, self.n_dst
        mask = np.ones((nd, ns))
        for i, j in self.removed:
            if i < ns and j < nd:
                mask[j, i] = 0.0
        W = self.overlay if self.overlay is not None else self.W
        W = np.nan_to_num(W) if W is not None else np.zeros((nd, ns))
        if k == (1, 1):
            out = (W * mask, mask, self.y_src, self.y_dst)
        else:
            s, d = _group_starts(ns, ks), _group_starts(nd, kd)
            sums = np.add.reduceat(np.add.reduceat(W * mask, d, axis=0), s, axis=1)
            counts = np.add.reduceat(np.add.reduceat(mask, d, axis=0), s, axis=1)
            means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
            ys = np.add.reduceat(self.y_src, s) / np.diff(np.append(s, ns))
            yd = np.add.reduceat(self.y_dst, d) / np.diff(np.append(d, nd))
            out = (means, counts, ys, yd)
        self._agg[k] = out
        return out

    def _buckets(self, k: tuple[int, int]):
        """Lines sorted into (pen, lines) buckets for this grouping, cached."""
        if k in self._lines:
            return self._lines[k]
        values, counts, ys, yd = self._aggregate(k)
        nd, ns = values.shape
        present = counts > 0
        jj, ii = np.nonzero(present)
        lines = np.empty((len(ii), 4))
        lines[:, 0] = self.x_src
        lines[:, 1] = ys[ii]
        lines[:, 2] = self.x_dst
        lines[:, 3] = yd[jj]
        w = values[jj, ii]
        exact = k == (1, 1)
        if self.overlay is not None and self.overlay_scale is not None:
            buckets = self.overlay_scale.buckets(self.theme, w, lines)
        else:
            buckets = self._weight_buckets(w, lines, exact)
        gone = np.empty((0, 4))
        if exact and self.removed:
            rem = [(i, j) for i, j in self.removed if i < ns and j < nd]
            if rem:
                r = np.array(rem)
                gone = np.empty((len(r), 4))
                gone[:, 0], gone[:, 1] = self.x_src, self.y_src[r[:, 0]]
                gone[:, 2], gone[:, 3] = self.x_dst, self.y_dst[r[:, 1]]
        result = (buckets, lines, gone, w)
        self._lines[k] = result
        return result

    def _weight_buckets(self, w: np.ndarray, lines: np.ndarray, exact: bool) -> list:
        """(pen, lines) buckets coloured by the weights' sign and magnitude."""
        th = self.theme
        if exact:
            scale, w_min, w_span = WEIGHT_SCALE, 0.7, 2.8
        else:
            scale = float(np.abs(w).max()) if len(w) and np.abs(w).max() > 0 else 1.0
            w_min, w_span = 0.5, 1.6
        t = np.minimum(np.abs(w) / scale, 1.0)
        level = np.minimum((t * N_BUCKETS).astype(int), N_BUCKETS - 1)
        buckets = []
        for lev in range(N_BUCKETS):
            tm = (lev + 0.5) / N_BUCKETS
            width = w_min + w_span * tm
            for positive in (True, False):
                sel = (level == lev) & ((w >= 0) == positive)
                if not sel.any():
                    continue
                color = th.mix(th.neutral, th.positive if positive else th.negative, 0.25 + 0.75 * tm)
                pen = QPen(color, width)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                buckets.append((pen, np.ascontiguousarray(lines[sel])))
        return buckets

    # --- painting ---------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        k = self.group_factors(lod)
        self._last_k = k
        buckets, lines, gone, _ = self._buckets(k)
        th = self.theme
        # Bundles are a texture of up to LINE_BUDGET long lines: antialiasing
        # them costs about 3x the frame (measured) and is not seen.
        aa = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        if k != (1, 1):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self.isSelected() and len(lines):
            halo = QPen(th.mix(th.background, th.selection, 0.45), 5.0)
            halo.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(halo)
            draw_lines(painter, lines)
        if len(gone):
            pen = QPen(th.removed_edge, 1.0, Qt.PenStyle.DotLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            draw_lines(painter, gone)
        for pen, arr in buckets:
            painter.setPen(pen)
            draw_lines(painter, arr)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        if k == (1, 1):
            for edge, color, extra in ((self.hover_edge, th.mix(th.background, th.selection, 0.5), 2.0),
                                       (self.selected_edge, th.selection, 3.0)):
                if edge is None or edge[0] >= self.n_src or edge[1] >= self.n_dst:
                    continue
                i, j = edge
                w = self.weight(i, j)
                line = QLineF(self.x_src, self.y_src[i], self.x_dst, self.y_dst[j])
                painter.setPen(QPen(color, 0.7 + 2.8 * min(abs(w) / WEIGHT_SCALE, 1.0) + 2 * extra))
                painter.drawLine(line)
                if (i, j) in self.removed:
                    pen = QPen(th.removed_edge, 1.2, Qt.PenStyle.DotLine)
                elif self.overlay is not None and self.overlay_scale is not None:
                    pen = QPen(self.overlay_scale.color(self.theme, self.overlay_value(i, j)), 2.5)
                else:
                    pen = QPen(th.signed(w, WEIGHT_SCALE, 0.25), 0.7 + 2.8 * min(abs(w) / WEIGHT_SCALE, 1.0))
                painter.setPen(pen)
                painter.drawLine(line)

    # --- picking ----------------------------------------------------------------------

    def overlay_value(self, i: int, j: int) -> float:
        return float(self.overlay[j, i]) if self.overlay is not None else float("nan")

    def weight(self, i: int, j: int) -> float:
        return float(self.W[j, i]) if self.W is not None else 0.0

    def edge_at(self, p: QPointF, tol: float) -> tuple[int, int] | None:
        """The single edge (i, j) nearest ``p`` within ``tol`` scene units, removed ones included.

        Only when the connection is drawn edge by edge; None otherwise.
        """
        if self._last_k != (1, 1) or not self._rect.contains(p):
            return None
        ns, nd = self.n_src, self.n_dst
        if ns * nd > 4 * LINE_BUDGET:
            return None
        x, y = p.x(), p.y()
        dx = self.x_dst - self.x_src
        if abs(dx) < 1e-9:
            return None
        t = (x - self.x_src) / dx
        if not -0.02 <= t <= 1.02:
            return None
        # Vertical distance to each line at this x, turned into perpendicular distance.
        ya = self.y_src[None, :]
        yb = self.y_dst[:, None]
        y_at = ya + (yb - ya) * min(max(t, 0.0), 1.0)
        slope = (yb - ya) / dx
        dist = np.abs(y - y_at) / np.sqrt(1.0 + slope * slope)
        j, i = np.unravel_index(int(np.argmin(dist)), dist.shape)
        return (int(i), int(j)) if dist[j, i] <= tol else None

    def near(self, p: QPointF, tol: float) -> bool:
        """Whether ``p`` is on one of the drawn lines (single edges or bundles)."""
        if not self._rect.contains(p):
            return False
        _, lines, gone, _ = self._buckets(self._last_k)
        all_lines = np.vstack([lines, gone]) if len(gone) else lines
        if not len(all_lines):
            return False
        x1, y1, x2, y2 = all_lines.T
        dx, dy = x2 - x1, y2 - y1
        L2 = dx * dx + dy * dy
        L2[L2 == 0] = 1.0
        t = np.clip(((p.x() - x1) * dx + (p.y() - y1) * dy) / L2, 0.0, 1.0)
        d2 = (x1 + t * dx - p.x()) ** 2 + (y1 + t * dy - p.y()) ** 2
        return bool(d2.min() <= tol * tol)

    def tooltip(self, edge: tuple[int, int] | None) -> str:
        """The exact weight of an edge, or a summary of the whole connection."""
        ns, nd = self.n_src, self.n_dst
        if edge is not None:
            i, j = edge
            head = f"{self.src_label} [{i + 1}] → {self.dst_label} [{j + 1}]"
            if (i, j) in self.removed:
                return head + "\n" + QCoreApplication.translate(
                    "ConnectionItem", "removed edge (select it and press Delete again to restore)")
            extra = ("\n" + QCoreApplication.translate(
                "ConnectionItem", "shown: {0:.4g}").format(self.overlay_value(i, j))
                     if self.overlay is not None else "")
            return (f"{head}\nw = {self.weight(i, j):.6g}{extra}\n"
                    + QCoreApplication.translate("ConnectionItem", "double-click to type a new weight"))
        text = (f"{self.src_label} → {self.dst_label}\n"
                + QCoreApplication.translate("ConnectionItem", "{0} × {1} = {2:,} edges").format(ns, nd, ns * nd))
        if self.removed:
            text += " " + QCoreApplication.translate("ConnectionItem", "({0:,} removed)").format(len(self.removed))
        if self.W is not None and self.W.size:
            text += "\n" + QCoreApplication.translate(
                "ConnectionItem", "weights from {0:.4g} to {1:.4g}, mean |w| = {2:.4g}").format(
                float(self.W.min()), float(self.W.max()), float(np.abs(self.W).mean()))
        if self._last_k != (1, 1):
            gs, gd = math.ceil(ns / self._last_k[0]), math.ceil(nd / self._last_k[1])
            text += "\n" + QCoreApplication.translate(
                "ConnectionItem", "drawn as {0} × {1} bundles of their mean weight").format(gs, gd)
            text += QCoreApplication.translate(
                "ConnectionItem", "; zoom in for single edges") if ns * nd <= LINE_BUDGET else ""
        return text
