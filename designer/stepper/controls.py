"""The stepper's navigation: the zoom level, the unit, the moves (buttons and shortcuts) and the slider.

One line of controls when there is room, wrapped when the dock is narrow
(:class:`~designer.stepper.samples.FlowLayout`), with the slider and the
"step 5 of 58" under it. The controls only ask the
:class:`~designer.stepper.walk.WalkController` to move and show what it
allows; they hold no state of the walk.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLabel, QRadioButton, QSlider, QToolButton, QWidget

from .names import SHORTCUTS, level_name, native, phase_word
from .samples import FlowLayout
from .walk import WalkController

__all__ = ["LEVEL_TIPS", "WalkControls"]

LEVELS = ("neuron", "op", "scalar")
#: The level buttons' tooltips (the shortcut is added).
LEVEL_TIPS = {"neuron": QT_TRANSLATE_NOOP("WalkControls", "One unit at a time: z, a, δ and ∂L/∂w"),
              "op": QT_TRANSLATE_NOOP("WalkControls", "The tape's matrix operations, with their numbers"),
              "scalar": QT_TRANSLATE_NOOP("WalkControls",
                                          "The selected unit's elementary ops (x·w, +b, ×(−1), exp, +1, 1/x)")}


class WalkControls(QObject):
    """The navigation bar and the slider over one :class:`WalkController`.

    Two pieces the panel places one under the other in its own layout:
    ``nav_box`` (a widget) and ``slider_row`` (a layout). Not one widget of
    their own: a wrapping bar nested one layout deeper settled its height an
    event later, and the panel under it moved by a pixel.

    ``level_buttons``, ``unit_box``, ``buttons``, ``actions`` (window-wide
    shortcuts, see :data:`~designer.stepper.names.SHORTCUTS`, added to
    ``nav_box``), ``slider`` and ``position_label`` are public: the panel
    hands them on as its own.
    """

    def __init__(self, walk: WalkController, parent: QObject | None = None):
        super().__init__(parent)
        self.walk = walk
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QToolButton] = {}
        self.level_buttons: dict[str, QRadioButton] = {}
        self.nav_box = QWidget()
        nav = FlowLayout(self.nav_box)
        self._add_levels(nav)
        self._add_moves(nav)
        self._add_level_shortcuts()
        self.slider_row = self._slider_row()
        self.level_group.buttonClicked.connect(self._level_clicked)
        self.unit_box.activated.connect(self._unit_chosen)
        self.slider.valueChanged.connect(walk.seek)

    # --- building ----------------------------------------------------------------------------

    def _add_levels(self, nav: FlowLayout) -> None:
        """"Zoom:" with a radio button per level, and the scalar level's unit chooser."""
        self.level_group = QButtonGroup(self)
        nav.addWidget(QLabel(self.tr("Zoom:")))
        for lv in LEVELS:
            b = QRadioButton(level_name(lv))
            b.setToolTip(QCoreApplication.translate("WalkControls", LEVEL_TIPS[lv]) + f" ({native(lv)})")
            self.level_group.addButton(b)
            self.level_buttons[lv] = b
            nav.addWidget(b)
        self.level_buttons["neuron"].setChecked(True)
        self.unit_box = QComboBox()
        self.unit_box.setToolTip(self.tr("The unit the scalar level expands into its elementary graph"))
        self.unit_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        nav.addWidget(self.unit_box)

    def _moves(self) -> tuple[tuple[str, str, str, Callable[[], None] | None], ...]:
        """(key, text, tooltip, what it does) of each move, in the bar's order.

        Apply update does nothing here: the panel opens the update preview
        (a dialog wants the panel as its parent) and connects it.
        """
        w = self.walk
        return (
            ("reset", self.tr("Reset"), self.tr("Back to the start: nothing computed"), w.reset),
            ("back", self.tr("◀ Step back"), self.tr("Undo the last step of the walk"), w.step_back),
            ("forward", self.tr("Step forward ▶"), self.tr("Compute the next step"), w.step_forward),
            ("end_forward", self.tr("Run to end of forward pass"), self.tr("Compute every value up to the loss"),
             w.run_to_end_of_forward),
            ("end", self.tr("Run to end"),
             self.tr("Compute every step, the backward pass and the update preview"), w.run_to_end),
            ("apply", self.tr("Apply update…"),
             self.tr("Show each parameter's update w ← w − ε ∂L/∂w by the "
                     "current optimiser's rule, then apply it (one undo step)"), None),
        )

    def _action(self, key: str, text: str) -> QAction:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(SHORTCUTS[key]))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.nav_box.addAction(act)
        self.actions[key] = act
        return act

    def _add_moves(self, nav: FlowLayout) -> None:
        """A button per move, each showing its action (shortcut included)."""
        for key, text, tip, slot in self._moves():
            act = self._action(key, text)
            act.setToolTip(f"{tip} ({native(key)})")
            if slot is not None:
                act.triggered.connect(slot)
            b = QToolButton()
            b.setDefaultAction(act)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[key] = b
            nav.addWidget(b)

    def _add_level_shortcuts(self) -> None:
        """Alt+1/2/3 switch the level (actions without buttons: the radio buttons are there)."""
        for lv in LEVELS:
            act = self._action(lv, level_name(lv))
            act.triggered.connect(lambda _=False, lv=lv: self.set_level(lv))

    def _slider_row(self) -> QHBoxLayout:
        slide = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.setToolTip(self.tr("Every step of the walk: drag to go anywhere"))
        self.position_label = QLabel()
        self.position_label.setMinimumWidth(150)
        slide.addWidget(self.slider, 1)
        slide.addWidget(self.position_label)
        return slide

    # --- a person's choices -------------------------------------------------------------------------

    def set_level(self, level: str) -> None:
        """Check ``level``'s button and switch the walk to it, keeping the place."""
        self.level_buttons[level].setChecked(True)
        self.walk.set_level(level)

    def _level_clicked(self, button) -> None:
        for lv, b in self.level_buttons.items():
            if b is button:
                self.set_level(lv)

    def _unit_chosen(self, k: int) -> None:
        data = self.unit_box.itemData(k)
        if self.walk.session is not None and data:
            self.walk.select_unit(*data)

    # --- showing the walk ---------------------------------------------------------------------------

    def fill_units(self) -> None:
        """The unit chooser lists the new walk's computing units."""
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        for name, data in self.walk.unit_choices():
            self.unit_box.addItem(name, data)
        self.unit_box.blockSignals(False)
        self.sync_unit_box()

    def sync_unit_box(self) -> None:
        """Shown at the scalar level only, on the walk's unit."""
        s = self.walk.session
        self.unit_box.setVisible(self.walk.level == "scalar")
        if s is None:
            return
        for k in range(self.unit_box.count()):
            if self.unit_box.itemData(k) == (s.unit.node, s.unit.index):
                self.unit_box.setCurrentIndex(k)

    def show_walk(self) -> None:
        """Enable what would do something, and put the slider and "step p of n" at the walk's place."""
        for key, ok in self.walk.available().items():
            self.actions[key].setEnabled(ok)
        s = self.walk.session
        n = len(s.steps) if s is not None else 0
        p = s.position if s is not None else 0
        self.slider.blockSignals(True)
        self.slider.setMaximum(n)
        self.slider.setValue(p)
        self.slider.setEnabled(s is not None)
        self.slider.blockSignals(False)
        if s is not None:
            cur = s.current
            ph = f" · {phase_word(cur.phase)}" if cur else ""
            self.position_label.setText(self.tr("step {0} of {1}").format(p, n) + ph)
        else:
            self.position_label.setText(self.tr("no walk"))
