"""The shipped course: ``resources/lessons/*.md`` in the order their names give (``04-…`` is lesson 4)."""
from __future__ import annotations

from pathlib import Path

from ..resources import resource_path

__all__ = ["shipped_lessons"]


def shipped_lessons() -> list[Path]:
    """The course's lesson files, sorted by name (empty if the folder is missing)."""
    try:
        folder = resource_path("lessons")
    except FileNotFoundError:
        return []
    return sorted(folder.glob("*.md"))
