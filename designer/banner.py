"""A banner over the canvas: a bold title, a message, and buttons that act on it.

The divergence, flat-loss and failing-autosave banners all have this shape;
each chooses its colours (a red for errors, an amber for warnings, a blue
for advice) that stay readable in both themes and on a projector.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

#: (background, border, text) of each kind of banner.
COLOURS = {"error": ("#fdecea", "#d32f2f", "#611a15"),
           "warning": ("#fff4e5", "#ed6c02", "#663c00"),
           "advice": ("#e8f1fb", "#1565c0", "#0d3c61")}


class Banner(QFrame):
    """A titled message with buttons, hidden until :meth:`show` (subclasses fill it)."""

    def __init__(self, name: str, kind: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        back, border, ink = COLOURS[kind]
        self.setStyleSheet(f"#{name} {{ background: {back}; border: 1px solid {border}; border-radius: 4px; }} "
                           f"#{name} QLabel {{ color: {ink}; }}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.title)
        lay.addWidget(self.message)
        self._body = lay
        self.buttons = QHBoxLayout()
        lay.addLayout(self.buttons)
        self.hide()

    def add_label(self) -> QLabel:
        """Another wrapped line of text above the buttons."""
        label = QLabel()
        label.setWordWrap(True)
        self._body.insertWidget(self._body.count() - 1, label)
        return label

    def add_button(self, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def end_buttons(self, dismiss: bool = True) -> None:
        """Close the row of buttons, with a Dismiss button at its right end."""
        self.buttons.addStretch(1)
        if dismiss:
            self.add_button("Dismiss", self.dismiss)

    def dismiss(self) -> None:
        """The person closed it (subclasses may remember that)."""
        self.hide()
