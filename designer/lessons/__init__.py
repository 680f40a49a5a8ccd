"""The Lessons panel: the course (``resources/lessons``) walked through inside the program.

* :mod:`.panel`: :class:`LessonsPanel`, the dock's widget (lesson list, step text, navigation);
* :mod:`.check_box`: the step's check (predict, choice, reach) compared with the engine;
* :mod:`.driver`: a lesson's actions carried out on the main window's public API;
* :mod:`.progress`: the student's progress per lesson in QSettings.

The lesson format, parser and the engine's answers are headless, in :mod:`core.lessons`.
"""
from __future__ import annotations

from .panel import LessonsPanel

__all__ = ["LessonsPanel"]
