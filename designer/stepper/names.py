"""What the stepper's parts call things: the walk's phases and zoom levels, their colours, the shortcuts.

The navigation bar, the card and the panel all name the same phases and
levels, so the names live once here. They are marked for translation in the
"StepperPanel" context (where they were first written); :func:`phase_name`
and :func:`level_name` translate them in that context whichever part asks.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

__all__ = ["LEVEL_NAMES", "PHASE_COLOURS", "PHASE_NAMES", "SHORTCUTS", "level_name", "native", "phase_name"]

#: Shortcuts (window-wide; chosen not to clash with the canvas's Ctrl+=/Ctrl+-/Delete/Ctrl+Z
#: nor training's Space/F10/F11/Ctrl+Shift+R).
SHORTCUTS = {
    "back": "Alt+Left", "forward": "Alt+Right", "end_forward": "Alt+Shift+Right",
    "end": "Alt+End", "reset": "Alt+Home", "apply": "Alt+Shift+U",
    "neuron": "Alt+1", "op": "Alt+2", "scalar": "Alt+3",
}
#: The phases' names on the card (upper case, as the walk's headings).
PHASE_NAMES = {"forward": QT_TRANSLATE_NOOP("StepperPanel", "FORWARD"),
               "loss": QT_TRANSLATE_NOOP("StepperPanel", "LOSS"),
               "backward": QT_TRANSLATE_NOOP("StepperPanel", "BACKWARD"),
               "update": QT_TRANSLATE_NOOP("StepperPanel", "UPDATE")}
LEVEL_NAMES = {"neuron": QT_TRANSLATE_NOOP("StepperPanel", "Neuron"), "op": QT_TRANSLATE_NOOP("StepperPanel", "Op"),
               "scalar": QT_TRANSLATE_NOOP("StepperPanel", "Scalar")}
PHASE_COLOURS = {"forward": "#2e7d32", "loss": "#6a1b9a", "backward": "#c62828", "update": "#1565c0"}


def native(key: str) -> str:
    """The shortcut of action ``key`` as the platform writes it (for tooltips and the card)."""
    return QKeySequence(SHORTCUTS[key]).toString(QKeySequence.SequenceFormat.NativeText)


def phase_name(phase: str) -> str:
    """A phase's heading in the person's language ("BACKWARD"); an unknown phase as it is."""
    return QCoreApplication.translate("StepperPanel", PHASE_NAMES.get(phase, phase))


def level_name(level: str) -> str:
    """A zoom level's name in the person's language ("Neuron")."""
    return QCoreApplication.translate("StepperPanel", LEVEL_NAMES[level])
