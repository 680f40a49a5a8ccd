"""A spin box for numbers spanning decades: learning rates, δ, target losses.

Typed as ``0.001`` or ``1e-08``, shown as typed, and stepped through the
1-2-5 series (1, 2, 5, 10, 20, 50…) where that is how a person thinks of
the number.
"""
from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class SciSpinBox(QDoubleSpinBox):
    """A spin box for numbers spanning decades (learning rates, δ, target losses).

    Shows ``0.001`` or ``1e-08`` as typed, accepts any float notation, and
    with ``log_steps`` the arrows step through 1, 2, 5, 10, 20, 50...
    """

    def __init__(self, value: float = 0.0, minimum: float = 0.0, maximum: float = 1e6,
                 log_steps: bool = True, step: float = 0.01, parent: QWidget | None = None):
        super().__init__(parent)
        self._log = log_steps
        self.setDecimals(15)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)
        self.setValue(value)
        self.setAccelerated(True)

    def textFromValue(self, v: float) -> str:  # noqa: N802 (Qt's name)
        return f"{v:.6g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # noqa: D401
        t = text.strip().replace(",", ".")
        if t in ("", "-", "+", ".", "e", "-."):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(t)
        except ValueError:
            if t[-1:] in "eE-+" and _floatish(t[:-1]):
                return QValidator.State.Intermediate, text, pos
            return QValidator.State.Invalid, text, pos
        if self.minimum() <= v <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if not self._log:
            super().stepBy(steps)
            return
        v = self.value()
        for _ in range(abs(steps)):
            v = _next_125(v, up=steps > 0, floor=self.minimum())
        self.setValue(min(max(v, self.minimum()), self.maximum()))


def _floatish(t: str) -> bool:
    try:
        float(t)
        return True
    except ValueError:
        return False


def _next_125(v: float, up: bool, floor: float) -> float:
    """The next value of the 1-2-5 series above or below ``v``."""
    if v <= 0:
        return max(floor, 1e-6) if up else 0.0
    e = math.floor(math.log10(v) + 1e-9)
    series = [m * 10.0 ** k for k in (e - 1, e, e + 1) for m in (1, 2, 5)]
    if up:
        return next(s for s in series if s > v * (1 + 1e-9))
    return next(s for s in reversed(series) if s < v * (1 - 1e-9))
