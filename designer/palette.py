"""The palette: input, neuron, layer and output, to drag onto the canvas.

Each entry is a *template* (a small dict of node fields). Dragging an entry
starts a real drag-and-drop carrying the template as :data:`MIME_TYPE`;
the canvas accepts the drop and adds the node where it lands.
Double-clicking an entry (or pressing Enter on it) emits
:attr:`Palette.node_requested`, which the main window connects to
``CanvasView.add_from_template`` to add the node at the view's centre.

The palette knows nothing of the document: it only describes nodes.
"""
from __future__ import annotations

import json
from typing import Any

from . import pyside_compat  # noqa: F401  (before any Qt call)
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QMimeData, QPointF, QRectF, QSize,
                            Qt, Signal)
from PySide6.QtGui import QColor, QDrag, QFont, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from core.spec import MAX_UNITS, NetworkSpec, Node

MIME_TYPE = "application/x-backprop-studio-node"

#: What each palette entry adds (the Layer's units come from its spin box).
TEMPLATES: dict[str, dict[str, Any]] = {
    "input": {"kind": "input", "units": 2, "activation": "identity", "bias": False},
    "neuron": {"kind": "neuron", "units": 1, "activation": "tanh"},
    "layer": {"kind": "layer", "units": 4, "activation": "tanh"},
    "output": {"kind": "output", "units": 1, "activation": "logistic", "loss": "bce"},
}
TITLES = {"input": QT_TRANSLATE_NOOP("Palette", "Input"), "neuron": QT_TRANSLATE_NOOP("Palette", "Neuron"),
          "layer": QT_TRANSLATE_NOOP("Palette", "Layer"), "output": QT_TRANSLATE_NOOP("Palette", "Output")}
DESCRIPTIONS = {
    "input": QT_TRANSLATE_NOOP("Palette", "One unit per feature of the data"),
    "neuron": QT_TRANSLATE_NOOP("Palette", "A single unit: z = Σ wᵢxᵢ + b, a = f(z)"),
    "layer": QT_TRANSLATE_NOOP("Palette", "A group of units sharing one activation"),
    "output": QT_TRANSLATE_NOOP("Palette", "The prediction, with its loss"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Palette", text)
_ID_PREFIX = {"input": "input", "neuron": "neuron", "layer": "layer", "output": "output"}
_FIELDS = ("kind", "units", "activation", "activation_params", "bias", "init", "init_scale",
           "name", "loss")


def template_to_mime(template: dict[str, Any]) -> QMimeData:
    """Mime data for a drag (or a simulated drop in a test)."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(json.dumps(template).encode("utf-8")))
    mime.setText(TITLES.get(template.get("kind", ""), "Node"))
    return mime


def template_from_mime(mime: QMimeData) -> dict[str, Any] | None:
    """The template a drop carries, or None if it is not a palette drag."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("kind") not in TEMPLATES:
        return None
    return data


def default_name(spec: NetworkSpec, kind: str) -> str:
    """A name a student reads easily: "input", "hidden 2", "neuron 1", "output"."""
    names = {n.name for n in spec.nodes.values()}
    if kind in ("input", "output"):
        base, k = kind, 1
        while (base if k == 1 else f"{base} {k}") in names:
            k += 1
        return base if k == 1 else f"{base} {k}"
    base = "hidden" if kind == "layer" else "neuron"
    k = 1 + sum(1 for n in spec.nodes.values() if n.kind == kind)
    while f"{base} {k}" in names:
        k += 1
    return f"{base} {k}"


def node_from_template(spec: NetworkSpec, template: dict[str, Any],
                       pos: tuple[float, float] | None = None) -> Node:
    """A new :class:`Node` with a fresh id, a readable name and its position."""
    kind = template["kind"]
    fields = {k: v for k, v in {**TEMPLATES[kind], **template}.items() if k in _FIELDS}
    fields.setdefault("name", default_name(spec, kind))
    node_id = spec.new_id(_ID_PREFIX[kind])
    meta = {"pos": [round(float(pos[0]), 1), round(float(pos[1]), 1)]} if pos is not None else {}
    return Node(id=node_id, meta=meta, **fields)


def palette_icon(kind: str, size: int = 40, dark: bool = False) -> QPixmap:
    """A small drawing of each kind: squares for inputs, circles for units."""
    ratio = 2.0
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = QColor("#9aa4b2") if dark else QColor("#5f6b7a")
    fill = QColor("#33373e") if dark else QColor("#ffffff")
    blue, orange = QColor("#3b9fe0" if dark else "#0877bd"), QColor("#f59322")
    p.setPen(QPen(line, 1.4))
    c = size / 2
    if kind == "neuron":
        p.setBrush(fill)
        p.drawEllipse(QPointF(c, c), size * 0.34, size * 0.34)
        f = QFont()
        f.setPointSizeF(size * 0.28)
        p.setFont(f)
        p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "σ")
    else:
        n = 3
        r = size * 0.12
        for k in range(n):
            y = c + (k - 1) * size * 0.29
            p.setBrush(blue if (kind == "output" and k == 1) else (orange if kind == "layer" and k == 2 else fill))
            if kind == "input":
                p.drawRoundedRect(QRectF(c - r, y - r, 2 * r, 2 * r), 2, 2)
            else:
                p.drawEllipse(QPointF(c, y), r, r)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(line, 1.0))
        p.drawRoundedRect(QRectF(c - r - 5, size * 0.08, 2 * r + 10, size * 0.84), 5, 5)
    p.end()
    return pm


class PaletteEntry(QFrame):
    """One draggable card: icon, title, one line of description."""

    activated = Signal(dict)

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"palette-{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(QCoreApplication.translate(
            "Palette", "Drag onto the canvas, or double-click to add it in the middle of the view"))
        self.setAccessibleName(f"{_t(TITLES[kind])} (palette)")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(10)
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        self.icon = QLabel()
        self.icon.setPixmap(palette_icon(kind, 36, dark))
        self.icon.setFixedSize(36, 36)
        lay.addWidget(self.icon)
        text = QVBoxLayout()
        text.setSpacing(1)
        title = QLabel(_t(TITLES[kind]))
        f = title.font()
        f.setWeight(QFont.Weight.DemiBold)
        title.setFont(f)
        desc = QLabel(_t(DESCRIPTIONS[kind]))
        desc.setWordWrap(True)
        desc.setForegroundRole(desc.foregroundRole())
        sf = desc.font()
        sf.setPointSizeF(max(sf.pointSizeF() - 1, 7.5))
        desc.setFont(sf)
        desc.setEnabled(True)
        desc.setStyleSheet("color: palette(placeholder-text);")
        text.addWidget(title)
        text.addWidget(desc)
        self.units: QSpinBox | None = None
        if kind == "layer":
            row = QHBoxLayout()
            row.setSpacing(4)
            lab = QLabel(self.tr("units"))
            lab.setFont(sf)
            self.units = QSpinBox()
            self.units.setRange(1, MAX_UNITS)
            self.units.setValue(TEMPLATES["layer"]["units"])
            self.units.setAccelerated(True)
            self.units.setToolTip(self.tr("How many units the new layer gets (over 32 it is drawn as a block)"))
            self.units.setAccessibleName("Units of a new layer")
            row.addWidget(lab)
            row.addWidget(self.units)
            row.addStretch(1)
            text.addLayout(row)
        lay.addLayout(text, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._press: QPointF | None = None

    def template(self) -> dict[str, Any]:
        t = dict(TEMPLATES[self.kind])
        if self.units is not None:
            t["units"] = int(self.units.value())
        return t

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (self._press is not None and event.buttons() & Qt.MouseButton.LeftButton
                and (event.position() - self._press).manhattanLength() >= QApplication.startDragDistance()):
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(template_to_mime(self.template()))
            pm = palette_icon(self.kind, 44, self.palette().color(self.backgroundRole()).lightness() < 128)
            drag.setPixmap(pm)
            drag.setHotSpot(pm.rect().center() / pm.devicePixelRatio())
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.template())
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.template())
            return
        super().keyPressEvent(event)


class Palette(QWidget):
    """The node palette.

    Signals
    -------
    node_requested(dict)
        A person double-clicked an entry (or pressed Enter on it): add this
        template at the centre of the canvas
        (``palette.node_requested.connect(canvas.add_from_template)``).
    """

    node_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        self.entries: dict[str, PaletteEntry] = {}
        for kind in ("input", "neuron", "layer", "output"):
            entry = PaletteEntry(kind, self)
            entry.activated.connect(self.node_requested)
            self.entries[kind] = entry
            lay.addWidget(entry)
        hint = QLabel(QCoreApplication.translate(
            "Palette", "Drag onto the canvas, then drag from a node's right port to another node to connect them."))
        hint.setWordWrap(True)
        f = hint.font()
        f.setPointSizeF(max(f.pointSizeF() - 1, 7.5))
        hint.setFont(f)
        hint.setStyleSheet("color: palette(placeholder-text);")
        lay.addSpacing(4)
        lay.addWidget(hint)
        lay.addStretch(1)

    def sizeHint(self) -> QSize:
        return QSize(220, 420)


if __name__ == "__main__":
    import sys

    from designer import pyside_compat  # noqa: F401

    app = QApplication(sys.argv)
    w = Palette()
    w.node_requested.connect(lambda t: print("requested", t))
    w.resize(230, 440)
    w.show()
    if "--screenshot" in sys.argv:
        w.grab().save(sys.argv[sys.argv.index("--screenshot") + 1])
    else:
        sys.exit(app.exec())
