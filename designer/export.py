"""File > Export diagram: the canvas's scene as a PNG picture or an SVG drawing.

The scene is rendered, not the view: the export holds the whole network at
its natural size whatever the window's zoom and scroll, with a margin, on
the canvas's background colour (PNG) or a transparent one (SVG, so it sits
on any slide).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

MARGIN = 24.0
#: PNG pixels per scene unit: sharp on slides and high-DPI screens.
PNG_SCALE = 2.0
MAX_PNG_SIDE = 16_000


def diagram_rect(scene: QGraphicsScene, content: QRectF | None = None) -> QRectF:
    """What to export: ``content`` (default: every item), plus a margin.

    Pass ``content`` when the scene holds items that paint nothing most of
    the time (overlays), whose bounding rectangles would add empty margins.
    """
    rect = QRectF(content) if content is not None else scene.itemsBoundingRect()
    if rect.isEmpty():
        rect = QRectF(0, 0, 200, 120)
    return rect.marginsAdded(QMarginsF(MARGIN, MARGIN, MARGIN, MARGIN))


def export_png(scene: QGraphicsScene, path: str | Path, background: QColor | None = None,
               content: QRectF | None = None) -> QSize:
    """Write the scene as a PNG; returns its size in pixels. Raises OSError on failure."""
    rect = diagram_rect(scene, content)
    scale = min(PNG_SCALE, MAX_PNG_SIDE / max(rect.width(), rect.height()))
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if background is None:
        brush = scene.backgroundBrush()
        background = brush.color() if brush.style() != Qt.BrushStyle.NoBrush else QColor("white")
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return size


def export_svg(scene: QGraphicsScene, path: str | Path, title: str = "",
               content: QRectF | None = None) -> None:
    """Write the scene as an SVG drawing in scene units. Raises OSError on failure."""
    rect = diagram_rect(scene, content)
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setTitle(title or "Network diagram")
    gen.setDescription("Exported from Backprop Studio")
    gen.setSize(QSize(round(rect.width()), round(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"could not write {path}")
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    if not Path(path).is_file():
        raise OSError(f"could not write {path}")
