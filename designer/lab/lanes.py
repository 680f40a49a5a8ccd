"""The lab's optimisers ("lanes"): names, colours, hyper-parameter spin boxes and the table to tick them.

The race, the landscape and the internals overlay use the same names and
the same colour for the same optimiser; this module is where they are
decided.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QWidget

from core.optim import OPTIMIZERS

from .notation import notation
from .spinbox import SciSpinBox


@dataclass(frozen=True)
class Lane:
    """One optimiser as the lab offers it.

    ``batch`` says which examples each step averages over: ``"full"`` (the
    whole training set: gradient descent), ``"one"`` (one example: SGD) or
    ``"mini"`` (the panel's mini-batch size).
    """

    key: str
    optimizer: str
    name: str
    batch: str
    colour: str


#: The lecture's optimisers in the lecture's order, with one colour each
#: (Okabe–Ito hues, distinguishable with the common colour-vision deficiencies).
LANES: tuple[Lane, ...] = (
    Lane("gd", "sgd", QT_TRANSLATE_NOOP("lanes", "GD (full batch)"), "full", "#e69f00"),
    Lane("sgd", "sgd", QT_TRANSLATE_NOOP("lanes", "SGD (one example)"), "one", "#56b4e9"),
    Lane("minibatch", "sgd", QT_TRANSLATE_NOOP("lanes", "Mini-batch SGD"), "mini", "#0072b2"),
    Lane("momentum", "momentum", "Momentum", "mini", "#009e73"),
    Lane("adagrad", "adagrad", "AdaGrad", "mini", "#cc79a7"),
    Lane("rmsprop", "rmsprop", "RMSProp", "mini", "#d55e00"),
    Lane("adam", "adam", "Adam", "mini", "#6a3d9a"),
)
LANE_BY_KEY = {lane.key: lane for lane in LANES}


def hyper_symbol(optimizer: str, key: str) -> str:
    """The lecture's symbol for a hyper-parameter (``"ε"`` for ``lr``), from ``hyper_info``."""
    info = OPTIMIZERS[optimizer].hyper_info.get(key, key)
    return info.split(" ", 1)[0]


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small square of one colour, for check boxes and table cells."""
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    return QIcon(pm)


def decay_spin(value: float) -> QDoubleSpinBox:
    """A spin box for α, ρ, ρ1, ρ2 in [0, 1), stepping by 0.01 and showing 0.9, 0.999."""
    return SciSpinBox(value, 0.0, 0.9999, log_steps=False, step=0.01)


def hyper_spin(optimizer: str, key: str, value: float) -> QDoubleSpinBox:
    """The right spin box for one hyper-parameter, with the lecture's meaning as tooltip."""
    if key in ("alpha", "rho", "rho1", "rho2"):
        sb = decay_spin(value)
    elif key == "delta":
        sb = SciSpinBox(value, 1e-12, 1.0)
    else:
        sb = SciSpinBox(value, 0.0, 100.0)
    sb.setToolTip(OPTIMIZERS[optimizer].hyper_info.get(key, key))
    sb.setObjectName(f"{optimizer}.{key}")
    return sb


class LaneTable(QWidget):
    """Check boxes for optimisers, each with its hyper-parameter spin boxes.

    One row per lane: a check box with the lane's colour and name (its
    update rule as tooltip), then one spin box per hyper-parameter from
    ``OPTIMIZERS[...].defaults``, labelled with the lecture's symbol.

    Signals
    -------
    changed()
        A lane was ticked or unticked, or a hyper-parameter changed.
    """

    changed = Signal()

    def __init__(self, lanes: tuple[Lane, ...] = LANES, ticked: tuple[str, ...] | None = None,
                 hyper: dict[str, dict[str, float]] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lanes = lanes
        self.checks: dict[str, QCheckBox] = {}
        self.spins: dict[str, dict[str, QDoubleSpinBox]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        ncols = max(len(OPTIMIZERS[lane.optimizer].defaults) for lane in lanes)
        for row, lane in enumerate(lanes):
            cls = OPTIMIZERS[lane.optimizer]
            cb = QCheckBox(QCoreApplication.translate("lanes", lane.name))
            cb.setIcon(swatch(lane.colour))
            cb.setObjectName(f"lane-{lane.key}")
            cb.setChecked(ticked is None or lane.key in ticked)
            cb.setToolTip(notation(f"{cls.display_name}: {cls.update_rule}"))
            cb.toggled.connect(self.changed)
            self.checks[lane.key] = cb
            grid.addWidget(cb, row, 0)
            self.spins[lane.key] = {}
            values = dict(cls.defaults)
            values.update((hyper or {}).get(lane.key, {}))
            for col, (key, value) in enumerate(values.items()):
                lab = QLabel(hyper_symbol(lane.optimizer, key))
                lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                lab.setToolTip(cls.hyper_info.get(key, key))
                sb = hyper_spin(lane.optimizer, key, value)
                sb.setObjectName(f"{lane.key}.{key}")
                sb.setMinimumWidth(64)
                sb.valueChanged.connect(self.changed)
                lab.setBuddy(sb)
                self.spins[lane.key][key] = sb
                grid.addWidget(lab, row, 1 + 2 * col)
                grid.addWidget(sb, row, 2 + 2 * col)
        grid.setColumnStretch(2 + 2 * ncols, 1)

    def ticked(self) -> list[Lane]:
        """The lanes whose box is ticked, in the lecture's order."""
        return [lane for lane in self.lanes if self.checks[lane.key].isChecked()]

    def hyper(self, key: str) -> dict[str, float]:
        """The hyper-parameters set for lane ``key``."""
        return {k: float(sb.value()) for k, sb in self.spins[key].items()}

    def set_ticked(self, keys: list[str] | tuple[str, ...]) -> None:
        """Tick exactly the lanes in ``keys``."""
        for k, cb in self.checks.items():
            cb.setChecked(k in keys)


def lane_label(lane: Lane, hyper: dict[str, float], batch: int | None = None) -> str:
    """``"Adam ε=0.01"`` (plus ``m=32`` for a mini-batch lane): legend and table text."""
    text = f"{QCoreApplication.translate('lanes', lane.name)} ε={hyper.get('lr', 0):g}"
    if lane.batch == "mini" and batch is not None:
        text += f" m={batch}"
    return text
