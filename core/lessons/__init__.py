"""Lessons: the lecture walked through inside the program, with questions the engine answers.

A lesson is a text file a teacher writes (Markdown with a few directives,
both languages in one file; ``docs/lessons.md``). This package is headless:

* :mod:`.model`: the data (:class:`Lesson`, :class:`Step`, :class:`Action`,
  :class:`Check` of kind predict, reach or choice, :class:`Text` in both languages);
* :mod:`.parser` and :mod:`.syntax`: the file into that data, every error
  naming the file, line and directive;
* :mod:`.engine`: the engine's answers (:func:`compute`, :func:`reach`) on a
  :class:`Situation` (a network, its settings, data and sample);
* :mod:`.checker`: ``lesson check``, playing a lesson headless (:mod:`.command`: what it prints);
* :mod:`.course`: the shipped lessons in ``resources/lessons``.

The Lessons panel (``designer/lessons``) reads the same data and asks the
same engine functions, so what a student is compared with is what the
check printed.
"""
from __future__ import annotations

from .checker import PANELS, Report, check_lesson, check_parsed, find_node, network_path
from .command import lesson_check
from .course import shipped_lessons
from .engine import GoalResult, Situation, apply_settings, compute, reach, within_tolerance
from .model import CHECK_KINDS, Action, Check, Goal, Lesson, LessonError, Quantity, Step, Text
from .parser import MAX_BYTES, parse_lesson, read_lesson

__all__ = ["CHECK_KINDS", "MAX_BYTES", "PANELS", "Action", "Check", "Goal", "GoalResult", "Lesson",
           "LessonError", "Quantity", "Report", "Situation", "Step", "Text", "apply_settings",
           "check_lesson", "check_parsed", "compute", "lesson_check", "find_node", "network_path", "parse_lesson",
           "reach", "read_lesson", "shipped_lessons", "within_tolerance"]
