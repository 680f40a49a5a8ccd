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
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from core.spec import Node

from .colors import Theme
from .geometry import PORT_R, LABEL_GAP, NodeShape, node_shape

Z_NODES = 10.0

SHORT_ACTIVATION = {
    "identity": "linear", "logistic": "σ", "tanh": "tanh", "relu": "ReLU",
    "leaky_relu": "LReLU", "prelu": "PReLU", "elu": "ELU", "softplus": "softplus",
    "swish": "swish", "gelu": "GELU", "gelu_tanh": "GELU", "gelu_sigmoid": "GELU",
    "softmax": "softmax", "sigmoid": "σ", "linear": "linear", "leakyrelu": "LReLU",
}
SHORT_LOSS = {"mse": "MSE", "ce": "cross-entropy", "bce": "BCE"}


def subtitle(node: Node) -> str:
    """The second line under a node's name: what it computes, in a few characters."""
    act = SHORT_ACTIVATION.get(node.activation, node.activation)
    if node.kind == "input":
        return (QCoreApplication.translate("Canvas", "1 input") if node.units == 1
                else QCoreApplication.translate("Canvas", "{0} inputs").format(node.units))
    if node.kind == "neuron":
        return QCoreApplication.translate("Canvas", "neuron") + f" · {act}"
    text = f"{node.units} × {act}"
    if node.kind == "output":
        text += " · " + (SHORT_LOSS.get(node.loss, node.loss) if node.loss
                         else QCoreApplication.translate("Canvas", "no loss"))
    return text


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

    def _title_rect(self) -> QRectF:
        fm = QFontMetricsF(self.title_font)
        w = fm.horizontalAdvance(self.label) + 4
        f = self.frame_rect()
        return QRectF(-w / 2, f.top() - LABEL_GAP - fm.height(), w, fm.height())

    def _sub_rect(self) -> QRectF:
        fm = QFontMetricsF(self.sub_font)
        w = fm.horizontalAdvance(self.subtitle) + 4
        f = self.frame_rect()
        return QRectF(-w / 2, f.bottom() + LABEL_GAP - 1, w, fm.height())

    def _compute_rect(self) -> QRectF:
        f = self.frame_rect().adjusted(-PORT_R - 5, -5, PORT_R + 5, 5)
        return f.united(self._title_rect()).united(self._sub_rect()).adjusted(-5, -2, 5, 2)

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
        path.addRect(self._title_rect())
        path.addRect(self._sub_rect())
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

    # --- painting ----------------------------------------------------------------------------

    def _value_colors(self) -> list | None:
        if self.values is None:
            return None
        lut = self.theme.lut()
        v = self.values
        scale = max(1.0, float(np.abs(v).max())) if len(v) else 1.0
        idx = np.clip(np.round((v / scale + 1.0) * 127.5), 0, 255).astype(int)
        return [QColor.fromRgb(int(lut[i])) for i in idx]

    def _heatmap(self) -> QImage | None:
        if self._heat is None and self.values is not None:
            lut = self.theme.lut()
            v = self.values
            scale = max(1.0, float(np.abs(v).max())) if len(v) else 1.0
            idx = np.clip(np.round((v / scale + 1.0) * 127.5), 0, 255).astype(int)
            buf = np.ascontiguousarray(lut[idx].reshape(-1, 1))
            self._heat = QImage(buf.data, 1, len(v), 4, QImage.Format.Format_RGB32).copy()
        return self._heat

    def _bias_strip(self) -> QImage | None:
        if self._bias_img is None and self.bias is not None and len(self.bias):
            b = self.bias
            scale = max(1.0, float(np.abs(b).max()))
            lut = self.theme.lut()
            idx = np.clip(np.round((b / scale + 1.0) * 127.5), 0, 255).astype(int)
            buf = np.ascontiguousarray(lut[idx].reshape(-1, 1))
            self._bias_img = QImage(buf.data, 1, len(b), 4, QImage.Format.Format_RGB32).copy()
        return self._bias_img

    def _border_pen(self) -> QPen:
        th = self.theme
        if self.hint == "ok":
            return QPen(th.ok, 2.5)
        if self.hint == "bad":
            return QPen(th.problem, 2.5)
        if self.isSelected():
            return QPen(th.selection, 2.2)
        if self.problems:
            return QPen(th.problem, 2.0)
        return QPen(th.frame_border, 1.2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        th, s = self.theme, self.shape_
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        f = self.frame_rect()
        border = self._border_pen()
        if self.isSelected() or self.hint:
            glow = QPen(th.mix(th.background, border.color(), 0.3), 7.0)
            painter.setPen(glow)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if s.style == "neuron":
                painter.drawEllipse(f.adjusted(2, 2, -2, -2))
            else:
                painter.drawRoundedRect(f, 7, 7)
        if s.style == "neuron":
            self._paint_neuron(painter, border)
        else:
            painter.setPen(border)
            painter.setBrush(th.frame_fill)
            painter.drawRoundedRect(f, 7, 7)
            if s.style == "column":
                self._paint_column(painter)
            else:
                self._paint_block(painter)
        self._paint_ports(painter)
        if lod >= 0.35:
            # A soft plate of canvas colour keeps labels readable over edges.
            plate = QColor(th.background)
            plate.setAlpha(215)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(plate)
            for r in (self._title_rect(), self._sub_rect()):
                painter.drawRoundedRect(r.adjusted(-3, 0, 3, 0), 4, 4)
            painter.setPen(th.text)
            painter.setFont(self.title_font)
            painter.drawText(self._title_rect(), Qt.AlignmentFlag.AlignCenter, self.label)
            painter.setPen(th.subtext)
            painter.setFont(self.sub_font)
            painter.drawText(self._sub_rect(), Qt.AlignmentFlag.AlignCenter, self.subtitle)
        if self.problems:
            c = QPointF(f.right() - 1, f.top() + 1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(th.problem)
            painter.drawEllipse(c, 7.5, 7.5)
            painter.setPen(QPen(Qt.GlobalColor.white, 2.0))
            painter.drawLine(QPointF(c.x(), c.y() - 3.8), QPointF(c.x(), c.y() + 0.8))
            painter.drawPoint(QPointF(c.x(), c.y() + 3.6))

    def _unit_pen(self, k: int) -> QPen:
        th = self.theme
        if k == self.selected_unit:
            return QPen(th.selection, 2.4)
        if k == self.hover_unit:
            return QPen(th.mix(th.unit_border, th.selection, 0.6), 1.8)
        return QPen(th.unit_border, 1.2)

    def _paint_neuron(self, painter: QPainter, border: QPen) -> None:
        th, s = self.theme, self.shape_
        r = s.radius
        colors = self._value_colors()
        painter.setPen(border if (self.isSelected() or self.problems or self.hint)
                       else self._unit_pen(0))
        painter.setBrush(QBrush(colors[0]) if colors else th.unit_fill)
        painter.drawEllipse(QPointF(0, 0), r, r)
        if self.selected_unit == 0 and not self.isSelected():
            painter.setPen(self._unit_pen(0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r, r)
        glyph = SHORT_ACTIVATION.get(self.activation, self.activation)
        font = QFont(self.sub_font)
        font.setPointSizeF(self.sub_font.pointSizeF() + (3 if len(glyph) <= 2 else 0))
        painter.setFont(font)
        painter.setPen(th.text)
        painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, glyph)
        self._paint_bias_square(painter, 0, QPointF(0, 0), r)

    def _paint_column(self, painter: QPainter) -> None:
        th, s = self.theme, self.shape_
        r = s.radius
        colors = self._value_colors()
        square = self.kind == "input"
        thumbs = self.thumbnails() if self.has_thumbnails() else None
        for k, y in enumerate(s.ys):
            if thumbs:
                # TF Playground's picture: the unit's output over the input plane.
                rect = QRectF(-r, y - r, 2 * r, 2 * r)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(rect, thumbs[k])
                painter.setPen(self._unit_pen(k))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
                self._paint_bias_square(painter, k, QPointF(0.0, float(y)), r)
                continue
            painter.setPen(self._unit_pen(k))
            painter.setBrush(QBrush(colors[k]) if colors else th.unit_fill)
            c = QPointF(0.0, float(y))
            if square:
                painter.drawRoundedRect(QRectF(-r, y - r, 2 * r, 2 * r), 3, 3)
            else:
                painter.drawEllipse(c, r, r)
            self._paint_bias_square(painter, k, c, r)

    def _paint_bias_square(self, painter: QPainter, k: int, c: QPointF, r: float) -> None:
        """TF Playground's bias mark: a small square on the unit's lower-left rim."""
        if self.bias is None or k >= len(self.bias):
            return
        th = self.theme
        side = max(5.0, r * 0.5)
        d = r * 0.80                    # mostly outside the rim, at its lower left
        rect = QRectF(c.x() - d - side / 2, c.y() + d - side / 2, side, side)
        painter.setPen(QPen(th.unit_border, 0.8))
        painter.setBrush(th.signed(float(self.bias[k]), 1.0, 0.2))
        painter.drawRect(rect)

    def _paint_block(self, painter: QPainter) -> None:
        th, s = self.theme, self.shape_
        f = self.frame_rect()
        inner = f.adjusted(4, 4, -4, -4)
        heat = self._heatmap()
        painter.setPen(Qt.PenStyle.NoPen)
        if heat is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(inner, heat)
        else:
            painter.setBrush(th.unit_fill)
            painter.drawRect(inner)
            # faint rule every 10 units so a block still reads as units
            pen = QPen(th.mix(th.unit_fill, th.unit_border, 0.25), 0)
            painter.setPen(pen)
            step = 10
            for k in range(step, s.units, step):
                y = inner.top() + inner.height() * k / s.units
                painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y))
        strip = self._bias_strip()
        if strip is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRectF(inner.left(), inner.top(), 5, inner.height()), strip)
        painter.setPen(QPen(th.unit_border, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(inner)
        for k, pen in ((self.hover_unit, QPen(th.mix(th.unit_border, th.selection, 0.6), 1.5)),
                       (self.selected_unit, QPen(th.selection, 2.0))):
            if k is None:
                continue
            h = inner.height() / s.units
            y = inner.top() + k * h
            painter.setPen(pen)
            painter.drawRect(QRectF(inner.left() - 2, y - 1, inner.width() + 4, max(h, 1.0) + 2))

    def _paint_ports(self, painter: QPainter) -> None:
        th = self.theme
        for which in ("in", "out"):
            c = self.port_pos(which)
            if c is None:
                continue
            hot = self.hover_port == which
            painter.setPen(QPen(th.selection if hot else th.port, 1.5))
            painter.setBrush(th.selection if hot else th.frame_fill)
            painter.drawEllipse(c, PORT_R + (1.0 if hot else 0.0), PORT_R + (1.0 if hot else 0.0))

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
            return f"{self.label}: output port\nDrag from here to another node to connect"
        if port == "in":
            return f"{self.label}: input port\nDrag from here to the node that should feed it"
        unit = self.unit_at(p)
        lines: list[str] = []
        if unit is not None:
            lines.append(f"{self.label} · unit {unit + 1}")
            if self.kind == "input":
                lines.append(f"x = {self.values[unit]:.6g}" if self.values is not None
                             else "its value comes from the data")
            else:
                if self.pre is not None:
                    lines.append(f"z = {self.pre[unit]:.6g}")
                if self.values is not None:
                    lines.append(f"a = {self.values[unit]:.6g}")
                if self.values is None and self.pre is None:
                    lines.append("z and a show once the network runs on a sample")
                lines.append(f"b = {self.bias[unit]:.6g}" if self.bias is not None else "no bias")
        else:
            lines.append(f"{self.label} — {self.subtitle}")
        if self.problems:
            lines += ["⚠ " + m for m in self.problems]
        return "\n".join(lines)
