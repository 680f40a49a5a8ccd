"""The File > Open recent list, kept in QSettings between runs."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "files/recent"
MAX_RECENT = 10


def absolute(path: Path | str) -> Path:
    """``path`` resolved, or only made absolute where it cannot be resolved.

    A symlink loop makes ``Path.resolve`` raise (RuntimeError before Python
    3.13, OSError after); a name in a list of files is still worth keeping.
    """
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


class RecentFiles:
    """Most recently opened or saved files, newest first, without duplicates.

    Paths are stored absolute. A file that has disappeared stays listed until
    a person tries to open it (the menu shows it disabled), because a
    network on an unplugged drive is not gone for good.
    """

    def __init__(self, settings: QSettings, limit: int = MAX_RECENT):
        self._settings = settings
        self._limit = limit

    def paths(self) -> list[Path]:
        raw = self._settings.value(KEY, [])
        if isinstance(raw, str):  # QSettings returns a lone string for a one-item list
            raw = [raw]
        return [Path(p) for p in (raw or []) if p]

    def add(self, path: Path | str) -> None:
        p = absolute(path)
        items = [p] + [q for q in self.paths() if q != p]
        self._store(items[: self._limit])

    def remove(self, path: Path | str) -> None:
        p = absolute(path)
        self._store([q for q in self.paths() if q != p])

    def clear(self) -> None:
        self._store([])

    def _store(self, items: list[Path]) -> None:
        self._settings.setValue(KEY, [str(p) for p in items])
        self._settings.sync()
