"""Small widgets and texts of the Training dock, shared by its boxes.

:class:`LogSpinBox` steps scale-free values (learning rates, λ, δ) along
1, 2, 5, 10, …, since a person tries ε = 0.01, 0.02, 0.05 rather than
0.0100, 0.0101; the text helpers keep labels short in both languages.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget


class LogSpinBox(QDoubleSpinBox):
    """A spin box for scale-free values (learning rates, λ, δ): arrows step 1, 2, 5, 10, ..."""

    def __init__(self, minimum: float, maximum: float, decimals: int = 8, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setStepType(QAbstractSpinBox.StepType.DefaultStepType)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # noqa: D102
        t = text.strip().replace(",", ".")
        if t in ("", "-", ".", "e", "1e", "1e-") or t.endswith(("e", "e-")):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(t)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        ok = self.minimum() <= v <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        v = self.value()
        ladder = [1.0, 2.0, 5.0]
        for _ in range(abs(steps)):
            if v <= 0:
                v = max(self.minimum(), 1e-6) if steps > 0 else 0.0
                continue
            e = math.floor(math.log10(v) + 1e-9)
            m = v / 10 ** e
            if steps > 0:
                nxt = next((x for x in ladder if x > m + 1e-9), None)
                v = (nxt or 10.0) * 10 ** e
            else:
                prv = next((x for x in reversed(ladder) if x < m - 1e-9), None)
                v = prv * 10 ** e if prv else 5.0 * 10 ** (e - 1)
        self.setValue(min(max(v, self.minimum()), self.maximum()))


def short_label(key: str, info: str) -> str:
    """"ε learning rate" from "ε (learning rate)", in the person's language."""
    symbol, _, rest = info.partition(" (")
    rest = rest.rstrip(")")
    if key == "lr":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "learning rate")
    if key == "delta":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "stability")
    if rest.split(" ")[0] == "decay":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "decay")
    if rest.split(" ")[0] == "momentum":
        return f"{symbol} " + QCoreApplication.translate("TrainingControls", "momentum")
    return f"{symbol} {rest.split(' ')[0] if rest else ''}".strip()


def duration(seconds: float) -> str:
    """A time left as a person says it: "<1 s", "40 s", "12 min", "1.5 h"."""
    if seconds < 1:
        return "<1 s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"

