"""A student's progress per lesson, remembered in QSettings between sessions.

Per lesson (keyed by its file's stem): the step they were on and the steps
whose check they passed. Kept apart from the panel so a test (or a reset
button) reads and writes it without a window.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

__all__ = ["Progress"]


class Progress:
    """Read and write ``lessons/<key>/step`` and ``lessons/<key>/passed`` in ``settings``."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def step(self, key: str) -> int:
        """The step (0-based) the student was on."""
        try:
            return max(0, int(self.settings.value(f"lessons/{key}/step", 0)))
        except (TypeError, ValueError):
            return 0

    def set_step(self, key: str, step: int) -> None:
        self.settings.setValue(f"lessons/{key}/step", int(step))

    def passed(self, key: str) -> set[int]:
        """The steps (0-based) whose check the student passed."""
        raw = self.settings.value(f"lessons/{key}/passed", "")
        text = raw if isinstance(raw, str) else ",".join(map(str, raw or []))
        return {int(v) for v in text.split(",") if v.strip().isdigit()}

    def mark_passed(self, key: str, step: int) -> None:
        done = self.passed(key) | {int(step)}
        self.settings.setValue(f"lessons/{key}/passed", ",".join(map(str, sorted(done))))

    def forget(self, key: str) -> None:
        """Start the lesson afresh."""
        self.settings.remove(f"lessons/{key}")
