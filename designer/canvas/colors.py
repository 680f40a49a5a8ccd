"""Colours of the canvas in one place, for light and dark palettes.

Weights and values use TensorFlow Playground's code: blue for positive,
orange for negative, stronger for larger magnitudes. Both hues stay legible
on a light and on a dark canvas. Edge colours are *opaque* mixes of the hue
with the canvas background (not alpha): Qt's raster engine draws translucent
lines many times slower than opaque ones, and a bundle of thousands of
edges must repaint within a frame.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtGui import QColor, QGuiApplication, QPalette

POSITIVE = QColor("#0877bd")        # TF Playground's blue
NEGATIVE = QColor("#f59322")        # TF Playground's orange


@dataclass(frozen=True)
class Theme:
    """The colours one canvas paints with."""

    dark: bool
    background: QColor
    grid: QColor
    frame_fill: QColor
    frame_border: QColor
    unit_fill: QColor
    unit_border: QColor
    text: QColor
    subtext: QColor
    neutral: QColor          # a weight of 0, a value of 0
    positive: QColor
    negative: QColor
    selection: QColor
    problem: QColor
    ok: QColor
    port: QColor
    removed_edge: QColor

    @classmethod
    def light(cls) -> "Theme":
        return cls(
            dark=False,
            background=QColor("#f6f7f9"), grid=QColor("#dde1e6"),
            frame_fill=QColor("#ffffff"), frame_border=QColor("#c4cad3"),
            unit_fill=QColor("#ffffff"), unit_border=QColor("#6b7685"),
            text=QColor("#1f2328"), subtext=QColor("#5f6b7a"),
            neutral=QColor("#d5d9df"), positive=POSITIVE, negative=NEGATIVE,
            selection=QColor("#7c4dff"), problem=QColor("#d93025"), ok=QColor("#1e8e3e"),
            port=QColor("#8893a2"), removed_edge=QColor("#b8bec7"),
        )

    @classmethod
    def dark_theme(cls) -> "Theme":
        return cls(
            dark=True,
            background=QColor("#1d1f23"), grid=QColor("#30343b"),
            frame_fill=QColor("#272a30"), frame_border=QColor("#454b55"),
            unit_fill=QColor("#33373e"), unit_border=QColor("#9aa4b2"),
            text=QColor("#e6e8eb"), subtext=QColor("#a3acb9"),
            neutral=QColor("#3b4048"), positive=QColor("#3b9fe0"), negative=QColor("#f7a14a"),
            selection=QColor("#a78bfa"), problem=QColor("#ff6b5e"), ok=QColor("#4cc47a"),
            port=QColor("#7d8796"), removed_edge=QColor("#555c66"),
        )

    @classmethod
    def for_palette(cls, palette: QPalette | None = None) -> "Theme":
        """Light or dark, following the palette (designer.theme sets it app-wide).

        The canvas background is the palette's ``Base`` colour, which is also
        what File > Export fills a PNG with, and text uses ``Text``.
        """
        if palette is None:
            app = QGuiApplication.instance()
            palette = app.palette() if app is not None else QPalette()
        base = palette.color(QPalette.ColorRole.Base)
        theme = cls.dark_theme() if base.lightness() < 128 else cls.light()
        text = palette.color(QPalette.ColorRole.Text)
        return replace(theme, background=base, text=text,
                       grid=theme.mix(base, text, 0.13 if theme.dark else 0.12))

    # --- derived colours ------------------------------------------------------

    def mix(self, a: QColor, b: QColor, t: float) -> QColor:
        """Opaque colour ``t`` of the way from ``a`` to ``b``."""
        t = min(max(t, 0.0), 1.0)
        return QColor(round(a.red() + (b.red() - a.red()) * t),
                      round(a.green() + (b.green() - a.green()) * t),
                      round(a.blue() + (b.blue() - a.blue()) * t))

    def signed(self, value: float, scale: float = 1.0, floor: float = 0.0) -> QColor:
        """Blue for positive, orange for negative; ``floor`` keeps tiny values visible."""
        t = floor + (1.0 - floor) * min(abs(value) / scale, 1.0) if scale > 0 else 1.0
        return self.mix(self.neutral, self.positive if value >= 0 else self.negative, t)

    def lut(self, n: int = 256) -> np.ndarray:
        """A diverging colour table, orange (-1) through neutral (0) to blue (+1), as ARGB32."""
        t = np.linspace(-1.0, 1.0, n)
        neg = np.array(self.negative.getRgb()[:3], float)
        pos = np.array(self.positive.getRgb()[:3], float)
        mid = np.array(self.unit_fill.getRgb()[:3], float)
        rgb = np.where(t[:, None] < 0, mid + (neg - mid) * (-t[:, None]), mid + (pos - mid) * t[:, None])
        rgb = np.clip(np.round(rgb), 0, 255).astype(np.uint32)
        return (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)
