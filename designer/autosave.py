"""Autosave of unsaved work, and recovery after a crash.

Each running window owns a *session folder* under
``<AppDataLocation>/autosave/``, holding

``lock``
    a :class:`QLockFile`, held while the window is open: it says "this
    session is alive". Qt writes the process id into it, so a lock left
    behind by a process that died is recognised as stale.
``unsaved.ffn``
    the document as it was at the last tick when it had unsaved changes,
    written atomically by :func:`core.files.save_network`.
``session.json``
    where that work came from (its file, if any) and when it was saved.

Closing the window cleanly removes the whole folder: that absence is the
"closed cleanly" marker. A folder that is still there, whose lock nobody
holds, belongs to a run that crashed; if it has an ``unsaved.ffn``, the next
start offers to recover it. Several windows (or several copies of the
program) can run at once without touching each other's folders.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer, Signal

from core.files import NetworkFileError, load_network, save_network

from .document import Document

INTERVAL_MS = 60_000
#: After a failed autosave, the next try comes this soon (and again, until one succeeds).
RETRY_MS = 15_000
SNAPSHOT = "unsaved.ffn"
INFO = "session.json"
LOCK = "lock"


def default_root() -> Path:
    """``<AppDataLocation>/autosave`` (needs the application name set first)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


def _lock(folder: Path) -> QLockFile:
    lock = QLockFile(str(folder / LOCK))
    # 0: a lock is stale only when its process is gone, never because it is old.
    lock.setStaleLockTime(0)
    return lock


def _write_json_atomically(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Recoverable:
    """Work left behind by a session that did not close cleanly."""

    folder: Path
    snapshot: Path
    source: Path | None
    saved_at: float
    _lock: QLockFile

    @property
    def label(self) -> str:
        """What the recovery question calls this work."""
        name = self.source.name if self.source else QCoreApplication.translate("Recoverable", "an untitled network")
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return QCoreApplication.translate("Recoverable", "{0} (autosaved {1})").format(name, when)

    def load(self):
        """The :class:`~core.files.NetworkFile` saved in it (raises NetworkFileError)."""
        return load_network(self.snapshot)

    def discard(self) -> None:
        """Delete it for good."""
        self._lock.unlock()
        shutil.rmtree(self.folder, ignore_errors=True)

    def release(self) -> None:
        """Keep it on disk for a later start (and let others look at it)."""
        self._lock.unlock()


class Autosaver(QObject):
    """Saves a document's unsaved work every minute into this session's folder.

    Signals
    -------
    saved(str)
        A snapshot was written (its path).
    failed(str)
        Writing failed (the reason). The window shows a banner on the
        canvas that stays until a try succeeds; tries then come every
        :data:`RETRY_MS` instead of every minute.
    recovered()
        A try succeeded after one or more failures (the banner goes).
    """

    saved = Signal(str)
    failed = Signal(str)
    recovered = Signal()

    def __init__(self, document: Document, root: Path | None = None,
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None,
                 retry_ms: int = RETRY_MS):
        super().__init__(parent)
        self.interval_ms, self.retry_ms = interval_ms, retry_ms
        #: Why the last try failed; None while autosave works.
        self.failing: str | None = None
        self.document = document
        self.root = Path(root) if root is not None else default_root()
        self.folder = self.root / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.folder)
        self._lock.tryLock(0)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    @property
    def snapshot_path(self) -> Path:
        return self.folder / SNAPSHOT

    def tick(self) -> Path | None:
        """Write the document if it has unsaved changes; forget the snapshot if not.

        Returns the snapshot's path when one was written.
        """
        if not self.document.is_modified():
            self._forget_snapshot()
            self._succeeded()
            return None
        try:
            save_network(self.snapshot_path, self.document.to_file())
            src = str(self.document.path) if self.document.path else None
            _write_json_atomically(self.folder / INFO, {"source": src, "saved_at": time.time()})
        except (OSError, NetworkFileError) as e:
            self.failing = str(e)
            self._timer.setInterval(self.retry_ms)
            self.failed.emit(self.tr("Autosave failed: {0}").format(e))
            return None
        self._succeeded()
        self.saved.emit(str(self.snapshot_path))
        return self.snapshot_path

    def _succeeded(self) -> None:
        """Back to the usual interval after failures, and say so once."""
        if self.failing is not None:
            self.failing = None
            self._timer.setInterval(self.interval_ms)
            self.recovered.emit()

    def _forget_snapshot(self) -> None:
        for name in (SNAPSHOT, INFO):
            (self.folder / name).unlink(missing_ok=True)

    def close_cleanly(self) -> None:
        """The window closed on purpose: nothing to recover, remove the folder."""
        self._timer.stop()
        self._lock.unlock()
        shutil.rmtree(self.folder, ignore_errors=True)

    def abandon(self) -> None:
        """Stop as a crash would: release the lock, leave the files behind.

        For tests (a real crash releases the lock by ending the process).
        """
        self._timer.stop()
        self._lock.unlock()

    def recoverable(self) -> list[Recoverable]:
        """Work left by crashed sessions, newest first; each is locked until
        :meth:`Recoverable.discard` or :meth:`Recoverable.release`.

        Dead sessions with nothing unsaved are removed on the way.
        """
        found = []
        if not self.root.is_dir():
            return found
        for folder in self.root.iterdir():
            if not folder.is_dir() or folder == self.folder:
                continue
            lock = _lock(folder)
            if not lock.tryLock(0):
                continue  # a live session (another window or program)
            snapshot = folder / SNAPSHOT
            if not snapshot.is_file():
                lock.unlock()
                shutil.rmtree(folder, ignore_errors=True)
                continue
            source, saved_at = None, snapshot.stat().st_mtime
            try:
                info = json.loads((folder / INFO).read_text(encoding="utf-8"))
                source = Path(info["source"]) if info.get("source") else None
                saved_at = float(info.get("saved_at", saved_at))
            except (OSError, ValueError, TypeError, KeyError):
                pass  # the snapshot is what matters; its origin is a nicety
            found.append(Recoverable(folder, snapshot, source, saved_at, lock))
        found.sort(key=lambda r: r.saved_at, reverse=True)
        return found
