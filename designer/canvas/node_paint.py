"""How a node looks: the words under it and the drawing of its frame, units, ports and labels.

:class:`~designer.canvas.nodes.NodeItem` holds a node's state (its shape,
values, biases, hover, selection, problems) and answers questions about it
(where is a port, which unit is here); the functions here draw that state.
Units are coloured through the theme's 256-entry look-up table
(:func:`lut_index`), the same for single units, a block's heat map and the
bias strip.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from core.spec import Node

from .geometry import PORT_R

if TYPE_CHECKING:
    from .nodes import NodeItem

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



def lut_index(v: np.ndarray) -> np.ndarray:
    """Rows of the look-up table for values ``v``: -max..max onto 0..255, max at least 1."""
    scale = max(1.0, float(np.abs(v).max())) if len(v) else 1.0
    return np.clip(np.round((v / scale + 1.0) * 127.5), 0, 255).astype(int)


def lut_column(v: np.ndarray, lut: np.ndarray) -> QImage:
    """A one-pixel-wide image, one row per value, coloured through ``lut``."""
    buf = np.ascontiguousarray(lut[lut_index(v)].reshape(-1, 1))
    return QImage(buf.data, 1, len(v), 4, QImage.Format.Format_RGB32).copy()



def paint_node(item: NodeItem, painter: QPainter) -> None:
    """Draw the node: its frame or circle, its units, ports, labels and any problem mark."""
    th, s = item.theme, item.shape_
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    f = item.frame_rect()
    border = _border_pen(item)
    if item.isSelected() or item.hint:
        glow = QPen(th.mix(th.background, border.color(), 0.3), 7.0)
        painter.setPen(glow)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if s.style == "neuron":
            painter.drawEllipse(f.adjusted(2, 2, -2, -2))
        else:
            painter.drawRoundedRect(f, 7, 7)
    if s.style == "neuron":
        _paint_neuron(item, painter, border)
    else:
        painter.setPen(border)
        painter.setBrush(th.frame_fill)
        painter.drawRoundedRect(f, 7, 7)
        if s.style == "column":
            _paint_column(item, painter)
        else:
            _paint_block(item, painter)
    _paint_ports(item, painter)
    if lod >= 0.35:
        _paint_labels(item, painter)
    if item.problems:
        _paint_problem_mark(item, painter, f)


def _unit_pen(item: NodeItem, k: int) -> QPen:
    th = item.theme
    if k == item.selected_unit:
        return QPen(th.selection, 2.4)
    if k == item.hover_unit:
        return QPen(th.mix(th.unit_border, th.selection, 0.6), 1.8)
    return QPen(th.unit_border, 1.2)


def _paint_neuron(item: NodeItem, painter: QPainter, border: QPen) -> None:
    th, s = item.theme, item.shape_
    r = s.radius
    colors = item.value_colors()
    painter.setPen(border if (item.isSelected() or item.problems or item.hint)
                   else _unit_pen(item, 0))
    painter.setBrush(QBrush(colors[0]) if colors else th.unit_fill)
    painter.drawEllipse(QPointF(0, 0), r, r)
    if item.selected_unit == 0 and not item.isSelected():
        painter.setPen(_unit_pen(item, 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), r, r)
    glyph = SHORT_ACTIVATION.get(item.activation, item.activation)
    font = QFont(item.sub_font)
    font.setPointSizeF(item.sub_font.pointSizeF() + (3 if len(glyph) <= 2 else 0))
    painter.setFont(font)
    painter.setPen(th.text)
    painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, glyph)
    _paint_bias_square(item, painter, 0, QPointF(0, 0), r)


def _paint_column(item: NodeItem, painter: QPainter) -> None:
    th, s = item.theme, item.shape_
    r = s.radius
    colors = item.value_colors()
    square = item.kind == "input"
    thumbs = item.thumbnails() if item.has_thumbnails() else None
    for k, y in enumerate(s.ys):
        if thumbs:
            # TF Playground's picture: the unit's output over the input plane.
            rect = QRectF(-r, y - r, 2 * r, 2 * r)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(rect, thumbs[k])
            painter.setPen(_unit_pen(item, k))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            _paint_bias_square(item, painter, k, QPointF(0.0, float(y)), r)
            continue
        painter.setPen(_unit_pen(item, k))
        painter.setBrush(QBrush(colors[k]) if colors else th.unit_fill)
        c = QPointF(0.0, float(y))
        if square:
            painter.drawRoundedRect(QRectF(-r, y - r, 2 * r, 2 * r), 3, 3)
        else:
            painter.drawEllipse(c, r, r)
        _paint_bias_square(item, painter, k, c, r)


def _paint_bias_square(item: NodeItem, painter: QPainter, k: int, c: QPointF, r: float) -> None:
    """TF Playground's bias mark: a small square on the unit's lower-left rim."""
    if item.bias is None or k >= len(item.bias):
        return
    th = item.theme
    side = max(5.0, r * 0.5)
    d = r * 0.80                    # mostly outside the rim, at its lower left
    rect = QRectF(c.x() - d - side / 2, c.y() + d - side / 2, side, side)
    painter.setPen(QPen(th.unit_border, 0.8))
    painter.setBrush(th.signed(float(item.bias[k]), 1.0, 0.2))
    painter.drawRect(rect)


def _paint_block(item: NodeItem, painter: QPainter) -> None:
    th, s = item.theme, item.shape_
    f = item.frame_rect()
    inner = f.adjusted(4, 4, -4, -4)
    heat = item.heatmap()
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
    strip = item.bias_strip()
    if strip is not None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(QRectF(inner.left(), inner.top(), 5, inner.height()), strip)
    painter.setPen(QPen(th.unit_border, 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(inner)
    for k, pen in ((item.hover_unit, QPen(th.mix(th.unit_border, th.selection, 0.6), 1.5)),
                   (item.selected_unit, QPen(th.selection, 2.0))):
        if k is None:
            continue
        h = inner.height() / s.units
        y = inner.top() + k * h
        painter.setPen(pen)
        painter.drawRect(QRectF(inner.left() - 2, y - 1, inner.width() + 4, max(h, 1.0) + 2))


def _paint_ports(item: NodeItem, painter: QPainter) -> None:
    th = item.theme
    for which in ("in", "out"):
        c = item.port_pos(which)
        if c is None:
            continue
        hot = item.hover_port == which
        painter.setPen(QPen(th.selection if hot else th.port, 1.5))
        painter.setBrush(th.selection if hot else th.frame_fill)
        painter.drawEllipse(c, PORT_R + (1.0 if hot else 0.0), PORT_R + (1.0 if hot else 0.0))


def _paint_labels(item: NodeItem, painter: QPainter) -> None:
    """The name above and the subtitle below, on a soft plate of canvas colour (readable over edges)."""
    th = item.theme
    plate = QColor(th.background)
    plate.setAlpha(215)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(plate)
    for r in (item.title_rect(), item.sub_rect()):
        painter.drawRoundedRect(r.adjusted(-3, 0, 3, 0), 4, 4)
    painter.setPen(th.text)
    painter.setFont(item.title_font)
    painter.drawText(item.title_rect(), Qt.AlignmentFlag.AlignCenter, item.label)
    painter.setPen(th.subtext)
    painter.setFont(item.sub_font)
    painter.drawText(item.sub_rect(), Qt.AlignmentFlag.AlignCenter, item.subtitle)


def _paint_problem_mark(item: NodeItem, painter: QPainter, f: QRectF) -> None:
    """A white "!" on a red disc at the frame's top-right corner."""
    th = item.theme
    c = QPointF(f.right() - 1, f.top() + 1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(th.problem)
    painter.drawEllipse(c, 7.5, 7.5)
    painter.setPen(QPen(Qt.GlobalColor.white, 2.0))
    painter.drawLine(QPointF(c.x(), c.y() - 3.8), QPointF(c.x(), c.y() + 0.8))
    painter.drawPoint(QPointF(c.x(), c.y() + 3.6))


def _border_pen(item: NodeItem) -> QPen:
    """Selected, hinted (a connection being dragged), with a problem, or plain."""
    th = item.theme
    if item.hint == "ok":
        return QPen(th.ok, 2.5)
    if item.hint == "bad":
        return QPen(th.problem, 2.5)
    if item.isSelected():
        return QPen(th.selection, 2.2)
    if item.problems:
        return QPen(th.problem, 2.0)
    return QPen(th.frame_border, 1.2)
