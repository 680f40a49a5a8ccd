"""What the stepper's parts call things: the walk's phases and zoom levels, their colours, the shortcuts.

The navigation bar, the card and the panel all name the same phases and
levels, so the names live once here. They are marked for translation in the
"StepperPanel" context (where they were first written); :func:`phase_name`
and :func:`level_name` translate them in that context whichever part asks.
The steps' captions come from core as :class:`core.text.Message` objects;
:func:`step_caption` shows them in the person's language.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

from core.trace import TraceStep

from ..i18n import translate_message

__all__ = ["LEVEL_NAMES", "PHASE_COLOURS", "PHASE_NAMES", "PHASE_WORDS", "SHORTCUTS", "level_name", "native",
           "phase_name", "phase_word", "step_caption", "unit_name"]

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
#: The phases' names in the table's Phase column (lower case, as core names them).
PHASE_WORDS = {"forward": QT_TRANSLATE_NOOP("StepperPanel", "forward"),
               "loss": QT_TRANSLATE_NOOP("StepperPanel", "loss"),
               "backward": QT_TRANSLATE_NOOP("StepperPanel", "backward"),
               "update": QT_TRANSLATE_NOOP("StepperPanel", "update")}
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


def phase_word(phase: str) -> str:
    """A phase as the table's Phase column writes it ("backward"), in the person's language."""
    return QCoreApplication.translate("StepperPanel", PHASE_WORDS.get(phase, phase))


def unit_name(label: object) -> str:
    """A labelled unit as the stepper names it: "unit 4" (单元 4)."""
    return QCoreApplication.translate("StepperPanel", "unit {0}").format(label)


def step_caption(step: TraceStep) -> str:
    """A step's caption in the person's language (core's English ``label`` when it has no message)."""
    return translate_message(step.message) if step.message is not None else step.label
