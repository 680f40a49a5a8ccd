"""What the properties pages share: their labels' look, value boxes, forms, and the names a person reads.

The names of initialisers and losses are marked for translation here
(context "PropertiesPanel") and shown through :func:`tr`.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout

INIT_NAMES = {
    "xavier_uniform": QT_TRANSLATE_NOOP("PropertiesPanel", "Xavier (Glorot) uniform"),
    "xavier_normal": QT_TRANSLATE_NOOP("PropertiesPanel", "Xavier (Glorot) normal"),
    "he_normal": QT_TRANSLATE_NOOP("PropertiesPanel", "He normal"),
    "he_uniform": QT_TRANSLATE_NOOP("PropertiesPanel", "He uniform"),
    "lecun_normal": QT_TRANSLATE_NOOP("PropertiesPanel", "LeCun normal"),
    "lecun_uniform": QT_TRANSLATE_NOOP("PropertiesPanel", "LeCun uniform"),
    "uniform": QT_TRANSLATE_NOOP("PropertiesPanel", "Uniform U(−a, a)"),
    "zeros": QT_TRANSLATE_NOOP("PropertiesPanel", "Zeros"),
}
PARAM_LABELS = {
    ("leaky_relu", "gamma"): QT_TRANSLATE_NOOP("PropertiesPanel", "γ (slope for x < 0)"),
    ("prelu", "gamma"): QT_TRANSLATE_NOOP("PropertiesPanel", "γ (start value, learned)"),
    ("elu", "gamma"): QT_TRANSLATE_NOOP("PropertiesPanel", "γ (scale for x < 0)"),
    ("swish", "beta"): "β",
}
LOSS_NAMES = {"mse": QT_TRANSLATE_NOOP("PropertiesPanel", "Squared error"),
              "ce": QT_TRANSLATE_NOOP("PropertiesPanel", "Softmax cross-entropy"),
              "bce": QT_TRANSLATE_NOOP("PropertiesPanel", "Binary cross-entropy")}
KIND_TITLES = {"input": QT_TRANSLATE_NOOP("PropertiesPanel", "Input"),
               "neuron": QT_TRANSLATE_NOOP("PropertiesPanel", "Neuron"),
               "layer": QT_TRANSLATE_NOOP("PropertiesPanel", "Layer"),
               "output": QT_TRANSLATE_NOOP("PropertiesPanel", "Output")}


def tr(text: str) -> str:
    """A name marked above, in the person's language."""
    return QCoreApplication.translate("PropertiesPanel", text)


def small(label: QLabel, delta: float = -1.0, muted: bool = True) -> QLabel:
    """A smaller, wrapped, selectable label: the explanations under a title."""
    f = label.font()
    f.setPointSizeF(max(f.pointSizeF() + delta, 7.5))
    label.setFont(f)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def title(text: str = "") -> QLabel:
    """A page's heading: what is selected."""
    label = QLabel(text)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() + 1.5)
    f.setWeight(QFont.Weight.DemiBold)
    label.setFont(f)
    label.setWordWrap(True)
    return label


def value_box(tip: str) -> QDoubleSpinBox:
    """A box for a weight or a bias: set on Enter, so typing 0.25 makes one edit, not four."""
    box = QDoubleSpinBox()
    box.setRange(-1e6, 1e6)
    box.setDecimals(4)
    box.setSingleStep(0.1)
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    box.setToolTip(tip)
    return box


def form(lay: QVBoxLayout) -> QFormLayout:
    """A form with right-aligned labels, added to ``lay``."""
    f = QFormLayout()
    f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    f.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    f.setHorizontalSpacing(10)
    f.setVerticalSpacing(7)
    lay.addLayout(f)
    return f
