"""The lecture's notation as this Qt can draw it (the hat of r̂ is dropped by some builds)."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication


_MARKS_RENDER: bool | None = None


def combining_marks_render() -> bool:
    """Whether this Qt draws combining accents such as the hat in r̂ (U+0302).

    Some Qt builds compose accents only where Unicode has a precomposed
    letter (ŝ, ŷ) and silently drop the rest (r̂): the hat would vanish from
    the lecture's notation. Checked once, by drawing.
    """
    global _MARKS_RENDER
    if _MARKS_RENDER is None:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QFont, QImage, QPainter

        def draw(text: str) -> QImage:
            img = QImage(40, 40, QImage.Format.Format_ARGB32)
            img.fill(QColor("white"))
            p = QPainter(img)
            p.setFont(QFont(QApplication.font().family(), 20))
            p.setPen(QColor("black"))
            p.drawText(QPointF(5, 32), text)
            p.end()
            return img
        _MARKS_RENDER = draw("r") != draw("r\u0302")
    return _MARKS_RENDER


def notation(text: str) -> str:
    """``text`` with r̂ written r^ where this Qt would drop the hat."""
    return text if combining_marks_render() else text.replace("r\u0302", "r^")
