"""A banner over the canvas while autosave fails: the person's unsaved work is not protected.

A status-bar message went by unnoticed: after a crash the recovery brought
back old work, and nobody had known that autosave was failing. This banner
stays until a try succeeds (the autosaver retries every few seconds), and
offers the two ways out: try again now, or save the work somewhere else.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .autosave import Autosaver


class AutosaveBanner(QFrame):
    """"Autosave is failing: …" with Try again and Save As…, shown until autosave works again."""

    def __init__(self, autosaver: Autosaver, save_as: Callable[[], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.autosaver = autosaver
        self.setObjectName("autosave-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The same warning colours in both themes: dark text on amber stays readable on a projector.
        self.setStyleSheet("#autosave-banner { background: #fff4e5; border: 1px solid #ed6c02; "
                           "border-radius: 4px; } #autosave-banner QLabel { color: #663c00; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel("<b>Autosave is failing</b>: your unsaved work is not protected against a crash.")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.title)
        lay.addWidget(self.reason)
        row = QHBoxLayout()
        self.retry = QPushButton("Try again now")
        self.retry.clicked.connect(autosaver.tick)
        self.save_as = QPushButton("Save As…")
        self.save_as.setToolTip("Save the network to a file you choose")
        self.save_as.clicked.connect(save_as)
        row.addWidget(self.retry)
        row.addWidget(self.save_as)
        row.addStretch(1)
        lay.addLayout(row)
        autosaver.failed.connect(self._on_failed)
        autosaver.recovered.connect(self.hide)
        self.hide()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        seconds = max(1, round(self.autosaver.retry_ms / 1000))
        self.reason.setText(f"{message}. Trying again every {seconds} s until it works.")
        self.show()
