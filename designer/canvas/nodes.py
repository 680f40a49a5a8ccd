"""The item that draws one node: a neuron, a column of units, or a heat-map block.

A disposable projection of a :class:`core.spec.Node`: the scene creates it,
feeds it the node (:meth:`NodeItem.set_node`), its biases, its units' values
and its problems, and throws it away when the node goes. Nothing is ever
read back from it to save (positions live in ``node.meta["pos"]``).
Ports are painted by the node and found with :meth:`NodeItem.port_at`; the
connect gesture starts from the output port (right) and ends on another
node's input port (left), or anywhere on that node.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from core.spec import Node

from .colors import Theme
from .geometry import LABEL_GAP, PORT_R, NodeShape, node_shape
from .node_paint import SHORT_ACTIVATION, lut_column, lut_index, paint_node, subtitle

__all__ = ["NodeItem", "SHORT_ACTIVATION", "Z_NODES", "subtitle"]

Z_NODES = 10.0

class NodeItem(QGraphicsItem):
    """One node of the network on the canvas."""

    def __init__(self, node: Node, theme: Theme, font: QFont | None = None):
        super().__init__()
        self.node_id = node.id
        self.theme = theme
        self.setZValue(Z_NODES)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        base = QFont(font) if font is not None else QFont()
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(max(base.pointSizeF(), 9.0))
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.sub_font = QFont(base)
        self.sub_font.setPointSizeF(max(base.pointSizeF() - 1.0, 7.5))
        self.values: np.ndarray | None = None
        self.pre: np.ndarray | None = None
        self.bias: np.ndarray | None = None
        self.problems: list[str] = []
        self.hint: str | None = None            # "ok" / "bad" while a connection is dragged
        self.hover_port: str | None = None
        self.hover_unit: int | None = None
        self.selected_unit: int | None = None
        self._heat: QImage | None = None
        self._bias_img: QImage | None = None
        self.planes: np.ndarray | None = None        # (ny, nx, units): thumbnails
        self._thumbs: list[QImage] | None = None
        self.set_node(node)

    # --- inputs -----------------------------------------------------------------------

    def set_node(self, node: Node) -> None:
        """Take the node's fields (after any edit); resets values whose shape no longer fits."""
        self.prepareGeometryChange()
        self.kind = node.kind
        self.label = node.label
        self.activation = node.activation
        self.subtitle = subtitle(node)
        self.shape_ = node_shape(node)
        if self.values is not None and len(self.values) != self.shape_.units:
            self.values, self.pre = None, None
        if self.bias is not None and len(self.bias) != self.shape_.units:
            self.bias = None
        if self.planes is not None and self.planes.shape[-1] != self.shape_.units:
            self.planes = None
        self._thumbs = None
        if self.selected_unit is not None and self.selected_unit >= self.shape_.units:
            self.selected_unit = None
        self._rect = self._compute_rect()
        self._heat = self._bias_img = None
        self.update()

    def set_values(self, a: np.ndarray | None, z: np.ndarray | None = None) -> None:
        """The units' activations a (and pre-activations z) to colour them with."""
        n = self.shape_.units
        self.values = None if a is None else np.asarray(a, float).reshape(-1)[:n]
        self.pre = None if z is None else np.asarray(z, float).reshape(-1)[:n]
        if self.values is not None and len(self.values) != n:
            self.values = None
        self._heat = None
        self.update()

    def set_planes(self, planes: np.ndarray | None) -> None:
        """Each unit's output over the input plane, ``(ny, nx, units)``, drawn as thumbnails.

        Only a column of units (not a single neuron, not a block) shows them;
        a plane whose unit count does not fit is ignored.
        """
        if planes is not None and (planes.ndim != 3 or planes.shape[-1] != self.shape_.units):
            planes = None
        if planes is None and self.planes is None:
            return
        self.planes = planes
        self._thumbs = None
        self.update()

    def has_thumbnails(self) -> bool:
        """Whether this node draws its units as thumbnails of their planes (hidden columns only)."""
        return self.planes is not None and self.shape_.style == "column" and self.kind not in ("input", "output")

    def thumbnail_levels(self) -> tuple[float, float]:
        """The value range the thumbnails' colour scale spans (orange low, blue high).

        logistic: 0 to 1; tanh: -1 to 1; others: symmetric around 0, the
        node's largest |value|, so the node's units compare with one another.
        """
        if self.activation in ("logistic", "sigmoid"):
            return 0.0, 1.0
        if self.activation == "tanh" or self.planes is None:
            return -1.0, 1.0
        m = float(np.nanmax(np.abs(self.planes))) if self.planes.size else 1.0
        m = m if np.isfinite(m) and m > 0 else 1.0
        return -m, m

    def thumbnails(self) -> list[QImage]:
        """One cached image per unit (row 0 is the top of the plane: largest x2)."""
        if self._thumbs is None and self.planes is not None:
            lo, hi = self.thumbnail_levels()
            lut = self.theme.lut()
            t = (np.nan_to_num(self.planes) - lo) / (hi - lo)
            idx = np.clip(np.round(t * 255), 0, 255).astype(int)
            self._thumbs = []
            for k in range(self.planes.shape[-1]):
                buf = np.ascontiguousarray(lut[idx[::-1, :, k]])
                h, w = buf.shape
                self._thumbs.append(QImage(buf.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy())
        return self._thumbs or []

    def set_bias(self, b: np.ndarray | None) -> None:
        self.bias = None if b is None else np.asarray(b, float).reshape(-1)
        self._bias_img = None
        self.update()

    def set_problems(self, messages: list[str]) -> None:
        if messages != self.problems:
            self.problems = list(messages)
            self.update()

    def set_hint(self, hint: str | None) -> None:
        if hint != self.hint:
            self.hint = hint
            self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._heat = self._bias_img = self._thumbs = None
        self.update()

    # --- geometry ------------------------------------------------------------------------

    @property
    def shape_info(self) -> NodeShape:
        return self.shape_

    def frame_rect(self) -> QRectF:
        return QRectF(*self.shape_.frame)

    def title_rect(self) -> QRectF:
        fm = QFontMetricsF(self.title_font)
        w = fm.horizontalAdvance(self.label) + 4
        f = self.frame_rect()
        return QRectF(-w / 2, f.top() - LABEL_GAP - fm.height(), w, fm.height())

    def sub_rect(self) -> QRectF:
        fm = QFontMetricsF(self.sub_font)
        w = fm.horizontalAdvance(self.subtitle) + 4
        f = self.frame_rect()
        return QRectF(-w / 2, f.bottom() + LABEL_GAP - 1, w, fm.height())

    def _compute_rect(self) -> QRectF:
        f = self.frame_rect().adjusted(-PORT_R - 5, -5, PORT_R + 5, 5)
        return f.united(self.title_rect()).united(self.sub_rect()).adjusted(-5, -2, 5, 2)

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)     # overlapping parts stay inside
        path.addRect(self.frame_rect())
        for port in ("in", "out"):
            c = self.port_pos(port)
            if c is not None:
                path.addEllipse(c, PORT_R + 4, PORT_R + 4)
        path.addRect(self.title_rect())
        path.addRect(self.sub_rect())
        return path

    def port_pos(self, which: str) -> QPointF | None:
        s = self.shape_
        if which == "in" and s.has_in:
            return QPointF(*s.in_port)
        if which == "out" and s.has_out:
            return QPointF(*s.out_port)
        return None

    def port_at(self, p: QPointF, tol: float = 4.0) -> str | None:
        """"in" or "out" if the local point ``p`` is on a port."""
        for which in ("out", "in"):
            c = self.port_pos(which)
            if c is not None and (p - c).manhattanLength() <= PORT_R + tol + 2:
                if (p.x() - c.x()) ** 2 + (p.y() - c.y()) ** 2 <= (PORT_R + tol) ** 2:
                    return which
        return None

    def unit_at(self, p: QPointF) -> int | None:
        """The unit under the local point ``p``."""
        s = self.shape_
        if s.style == "block":
            f = self.frame_rect()
            if not f.contains(p):
                return None
            k = int((p.y() - f.top()) / f.height() * s.units)
            return min(max(k, 0), s.units - 1)
        d2 = p.x() ** 2 + (p.y() - s.ys) ** 2
        k = int(np.argmin(d2))
        return k if d2[k] <= (s.radius + 2) ** 2 else None

    def unit_center(self, k: int) -> QPointF:
        """Scene position of unit k's centre."""
        return self.mapToScene(QPointF(0.0, float(self.shape_.ys[k])))

    # --- painting (the drawing itself is in node_paint) ----------------------------------------

    def value_colors(self) -> list[QColor] | None:
        """Each unit's fill for its activation, None before the network has run."""
        if self.values is None:
            return None
        lut = self.theme.lut()
        return [QColor.fromRgb(int(lut[i])) for i in lut_index(self.values)]

    def heatmap(self) -> QImage | None:
        """A block's activations as a one-pixel-wide image (cached until the values change)."""
        if self._heat is None and self.values is not None:
            self._heat = lut_column(self.values, self.theme.lut())
        return self._heat

    def bias_strip(self) -> QImage | None:
        """A block's biases as a one-pixel-wide image (cached until they change)."""
        if self._bias_img is None and self.bias is not None and len(self.bias):
            self._bias_img = lut_column(self.bias, self.theme.lut())
        return self._bias_img

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        paint_node(self, painter)

    # --- hover -------------------------------------------------------------------------------

    def hoverMoveEvent(self, event) -> None:
        p = event.pos()
        port = self.port_at(p)
        unit = None if port else self.unit_at(p)
        if port != self.hover_port or unit != self.hover_unit:
            self.hover_port, self.hover_unit = port, unit
            self.update()

    def hoverLeaveEvent(self, event) -> None:
        if self.hover_port or self.hover_unit is not None:
            self.hover_port = self.hover_unit = None
            self.update()

    def tooltip_at(self, p: QPointF) -> str:
        """What hovering at local point ``p`` tells: a port's use, a unit's numbers, the node."""
        port = self.port_at(p)
        if port == "out":
            return QCoreApplication.translate(
                "NodeItem", "{0}: output port\nDrag from here to another node to connect").format(self.label)
        if port == "in":
            return QCoreApplication.translate(
                "NodeItem", "{0}: input port\nDrag from here to the node that should feed it").format(self.label)
        unit = self.unit_at(p)
        lines: list[str] = []
        if unit is not None:
            lines.append(QCoreApplication.translate("NodeItem", "{0} · unit {1}").format(self.label, unit + 1))
            if self.kind == "input":
                lines.append(f"x = {self.values[unit]:.6g}" if self.values is not None
                             else QCoreApplication.translate("NodeItem", "its value comes from the data"))
            else:
                if self.pre is not None:
                    lines.append(f"z = {self.pre[unit]:.6g}")
                if self.values is not None:
                    lines.append(f"a = {self.values[unit]:.6g}")
                if self.values is None and self.pre is None:
                    lines.append(QCoreApplication.translate(
                        "NodeItem", "z and a show once the network runs on a sample"))
                lines.append(f"b = {self.bias[unit]:.6g}" if self.bias is not None
                             else QCoreApplication.translate("NodeItem", "no bias"))
        else:
            lines.append(f"{self.label} — {self.subtitle}")
        if self.problems:
            lines += ["⚠ " + m for m in self.problems]
        return "\n".join(lines)
