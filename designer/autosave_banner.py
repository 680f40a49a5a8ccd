"""A banner over the canvas while autosave fails: the person's unsaved work is not protected.

A status-bar message went by unnoticed: after a crash the recovery brought
back old work, and nobody had known that autosave was failing. This banner
stays until a try succeeds (the autosaver retries every few seconds), and
offers the two ways out: try again now, or save the work somewhere else.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from .autosave import Autosaver
from .banner import Banner


class AutosaveBanner(Banner):
    """"Autosave is failing: …" with Try again and Save As…, shown until autosave works again."""

    def __init__(self, autosaver: Autosaver, save_as: Callable[[], object],
                 parent: QWidget | None = None):
        super().__init__("autosave-banner", "warning", self.tr("<b>Autosave is failing</b>: your unsaved work is "
                                                               "not protected against a crash."), parent)
        self.autosaver = autosaver
        self.reason = self.message
        self.retry = self.add_button(self.tr("Try again now"), autosaver.tick)
        self.save_as = self.add_button(self.tr("Save As…"), save_as, self.tr("Save the network to a file you choose"))
        self.end_buttons(dismiss=False)
        autosaver.failed.connect(self._on_failed)
        autosaver.recovered.connect(self.hide)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        seconds = max(1, round(self.autosaver.retry_ms / 1000))
        self.reason.setText(self.tr("{0}. Trying again every {1} s until it works.").format(message, seconds))
        self.show()
