"""What the edges show when they do not show the weights: the overlay's colour scale and its legend.

The canvas can colour every edge by another per-edge quantity (an
optimiser's gradient, velocity, step...) instead of its weight. One
:class:`OverlayScale` covers every connection, so colours compare across
layers; each :class:`~designer.canvas.edges.ConnectionItem` sorts its lines
into the scale's buckets (so an overlay costs what the weights cost to
draw), and :func:`draw_overlay_legend` tells the person what they are
looking at. Signed values use a diverging scale centred on 0
(:data:`OVERLAY_NEG` / :data:`OVERLAY_POS`, distinct from the weights'
orange and blue so that nobody mistakes one for the other); positive ones a
sequential, logarithmic scale (:data:`OVERLAY_SEQ`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from .colors import Theme

N_BUCKETS = 6           # magnitude levels per sign (the weights use as many)

OVERLAY_NEG = QColor("#c51b7d")     # PiYG: magenta for negative overlay values
OVERLAY_POS = QColor("#4d9221")     # green for positive ones
OVERLAY_SEQ = QColor("#6a1b9a")     # deep purple for the largest positive values


@dataclass(frozen=True)
class OverlayScale:
    """How overlay values map to colour strength: ``t`` in [0, 1] per value.

    Signed: ``|v| / vmax``. Unsigned: ``log10(v)`` between ``log10(vmin)`` and
    ``log10(vmax)`` (values span orders of magnitude, e.g. Adam's r̂).
    """

    signed: bool
    vmin: float
    vmax: float

    def strength(self, v: np.ndarray) -> np.ndarray:
        v = np.asarray(v, float)
        if self.signed:
            return np.minimum(np.abs(v) / self.vmax, 1.0) if self.vmax > 0 else np.zeros_like(v)
        lo, hi = math.log10(self.vmin), math.log10(self.vmax)
        lv = np.log10(np.maximum(v, self.vmin))
        return np.clip((lv - lo) / (hi - lo), 0.0, 1.0) if hi > lo else np.ones_like(v)

    def colors(self, theme: Theme, levels: int = N_BUCKETS) -> tuple[list[QColor], list[QColor]]:
        """The bucket colours (positive side, negative side) from weakest to strongest."""
        pos, neg = [], []
        for lev in range(levels):
            tm = 0.25 + 0.75 * (lev + 0.5) / levels
            if self.signed:
                pos.append(theme.mix(theme.neutral, OVERLAY_POS, tm))
                neg.append(theme.mix(theme.neutral, OVERLAY_NEG, tm))
            else:
                pos.append(theme.mix(theme.neutral, OVERLAY_SEQ, tm))
        return pos, neg

    def color(self, theme: Theme, v: float) -> QColor:
        """The colour one value is drawn with (its bucket's)."""
        t = float(self.strength(np.array([v]))[0]) if np.isfinite(v) else 0.0
        lev = min(int(t * N_BUCKETS), N_BUCKETS - 1)
        pos, neg = self.colors(theme)
        return pos[lev] if (v >= 0 or not self.signed) else neg[lev]

    def buckets(self, theme: Theme, w: np.ndarray, lines: np.ndarray) -> list[tuple[QPen, np.ndarray]]:
        """(pen, lines) buckets for the values ``w`` of ``lines``: colour and width by strength."""
        level = np.minimum((self.strength(w) * N_BUCKETS).astype(int), N_BUCKETS - 1)
        pos, neg = self.colors(theme)
        buckets = []
        for lev in range(N_BUCKETS):
            width = 0.7 + 2.8 * (lev + 0.5) / N_BUCKETS
            for positive in ((True, False) if self.signed else (True,)):
                sel = level == lev
                if self.signed:
                    sel &= (w >= 0) == positive
                if not sel.any():
                    continue
                pen = QPen(pos[lev] if positive else neg[lev], width)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                buckets.append((pen, np.ascontiguousarray(lines[sel])))
        return buckets

    @classmethod
    def fit(cls, arrays, signed: bool) -> "OverlayScale":
        """A scale covering every finite value of ``arrays``."""
        finite = [np.asarray(a, float)[np.isfinite(a)] for a in arrays]
        finite = [a for a in finite if a.size]
        if not finite:
            return cls(signed, 0.0, 1.0)
        if signed:
            vmax = max(float(np.abs(a).max()) for a in finite)
            return cls(True, 0.0, vmax if vmax > 0 else 1.0)
        positive = [a[a > 0] for a in finite]
        positive = [a for a in positive if a.size]
        if not positive:
            return cls(False, 1e-12, 1.0)
        vmax = max(float(a.max()) for a in positive)
        vmin = max(min(float(a.min()) for a in positive), vmax * 1e-4)
        return cls(False, vmin, vmax)


def draw_overlay_legend(painter: QPainter, scale: OverlayScale, theme: Theme, label: str, height: int) -> None:
    """What the edges show and its range, in the lower-left corner of a viewport ``height`` pixels high."""
    pos, neg = scale.colors(theme)
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fm = painter.fontMetrics()
    title = QCoreApplication.translate(
        "EdgeOverlay", "Edges: {0}").format(label or QCoreApplication.translate("EdgeOverlay", "overlay"))
    if scale.signed:
        swatches = list(reversed(neg)) + pos
        ticks = (f"−{scale.vmax:.3g}", "0", f"+{scale.vmax:.3g}")
        note = QCoreApplication.translate("EdgeOverlay", "magenta < 0 < green; wider: larger |value|")
    else:
        swatches = pos
        ticks = (f"≤{scale.vmin:.3g}", "", f"{scale.vmax:.3g}")
        note = QCoreApplication.translate("EdgeOverlay", "log scale; wider: larger value")
    bar_w = max(180, fm.horizontalAdvance(title) + 8, fm.horizontalAdvance(note) + 8)
    h = fm.height()
    box = QRectF(10, height - (3 * h + 34), bar_w + 20, 3 * h + 24)
    bg = QColor(theme.frame_fill)
    bg.setAlpha(235)
    painter.setPen(QPen(theme.frame_border, 1.0))
    painter.setBrush(bg)
    painter.drawRoundedRect(box, 6, 6)
    x0, y = box.left() + 10, box.top() + 6
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setPen(theme.text)
    painter.drawText(QRectF(x0, y, bar_w, h), left, title)
    y += h + 4
    cell = bar_w / len(swatches)
    painter.setPen(Qt.PenStyle.NoPen)
    for k, c in enumerate(swatches):
        painter.setBrush(c)
        painter.drawRect(QRectF(x0 + k * cell, y, cell + 0.5, 10))
    y += 14
    painter.setPen(theme.subtext)
    for text, align in zip(ticks, (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                                   Qt.AlignmentFlag.AlignRight)):
        painter.drawText(QRectF(x0, y, bar_w, h), align | Qt.AlignmentFlag.AlignVCenter, text)
    y += h
    painter.drawText(QRectF(x0, y, bar_w, h), left, note)
    painter.restore()
