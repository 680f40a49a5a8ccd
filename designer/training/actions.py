"""The training actions a person uses everywhere in the window: Play/Pause, Step batch, Step epoch, Reset.

QActions with shortcuts (Space, F10, F11, Ctrl+Shift+R) and standard icons;
the dock shows them as buttons, the window adds them so the shortcuts work
wherever the focus is. The controller owns them and says when they are
enabled (:func:`show_state`).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

#: Shortcuts of the training actions.
SHORTCUTS = {"play": "Space", "step_batch": "F10", "step_epoch": "F11", "reset": "Ctrl+Shift+R"}
_ICONS = {"play": QStyle.StandardPixmap.SP_MediaPlay, "step_batch": QStyle.StandardPixmap.SP_MediaSeekForward,
          "step_epoch": QStyle.StandardPixmap.SP_MediaSkipForward, "reset": QStyle.StandardPixmap.SP_BrowserReload}


def _style() -> QStyle | None:
    return QApplication.style() if QApplication.instance() is not None else None


def make_actions(parent: QObject, slots: dict[str, Callable[[], Any]]) -> dict[str, QAction]:
    """The four actions, each triggering ``slots[key]``."""
    texts = {
        "play": (QCoreApplication.translate("TrainingController", "Play"),
                 QCoreApplication.translate("TrainingController", "Train until paused")),
        "step_batch": (QCoreApplication.translate("TrainingController", "Step batch"),
                       QCoreApplication.translate("TrainingController", "Train one mini-batch, then pause")),
        "step_epoch": (QCoreApplication.translate("TrainingController", "Step epoch"),
                       QCoreApplication.translate("TrainingController", "Train to the end of this epoch, then pause")),
        "reset": (QCoreApplication.translate("TrainingController", "Reset"),
                  QCoreApplication.translate("TrainingController", "Back to the initial weights for this seed "
                                                                   "(undoable); starts a new run")),
    }
    style = _style()
    actions = {}
    for key, (text, tip) in texts.items():
        act = QAction(text, parent)
        keys = QKeySequence(SHORTCUTS[key])
        act.setShortcut(keys)
        act.setToolTip(f"{tip} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slots[key])
        act.setObjectName(f"training-{key}")
        if style is not None:
            act.setIcon(style.standardIcon(_ICONS[key]))
        actions[key] = act
    return actions


def show_state(actions: dict[str, QAction], running: bool, can_train: bool) -> None:
    """Play reads Pause while training runs; the steps need a stopped, trainable network."""
    play = actions["play"]
    play.setText(QCoreApplication.translate("TrainingController", "Pause") if running
                 else QCoreApplication.translate("TrainingController", "Play"))
    style = _style()
    if style is not None:
        play.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause if running else _ICONS["play"]))
    tip = (QCoreApplication.translate("TrainingController", "Pause training") if running
           else QCoreApplication.translate("TrainingController", "Train until paused"))
    play.setToolTip(f"{tip} ({SHORTCUTS['play']})")
    play.setEnabled(running or can_train)
    actions["step_batch"].setEnabled(can_train and not running)
    actions["step_epoch"].setEnabled(can_train and not running)
