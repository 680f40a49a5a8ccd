"""New, Open, Save, Save as, Revert, the unsaved-changes question, export and recovery.

One :class:`FileController` per window, over that window's
:class:`~designer.document.Document`. Loading always finishes before the
document is touched: a file that cannot be read shows the loader's own
message (:class:`core.files.NetworkFileError`) and leaves the open network
exactly as it was, unsaved changes included.

Dialogs are ordinary ``QMessageBox``/``QFileDialog`` calls, made in one
place each, so tests can replace them with ``monkeypatch``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QGraphicsScene, QMessageBox, QWidget

from core.data.source import DataSource
from core.defaults import default_training
from core.files import NetworkFile, NetworkFileError, load_network, save_network
from core.spec import NetworkSpec

from . import export
from .autosave import Autosaver
from .document import Document
from .recent import RecentFiles, absolute

SUFFIX = ".ffn"
FILTER = "Backprop Studio networks (*.ffn)"
UNTITLED = "Untitled"
Button = QMessageBox.StandardButton


def empty_network() -> NetworkFile:
    """What File > New shows: no nodes, the default data and training settings."""
    return NetworkFile(NetworkSpec(), {}, default_training(), DataSource(), {}, None, None, "")


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                informative: str = "", buttons: Button = Button.Ok,
                default: Button = Button.Ok, labels: dict[Button, str] | None = None) -> Button:
    """Show a modal message box and return the standard button chosen.

    Every question and error of the file workflow goes through here (and so
    through ``QMessageBox.exec``, which tests patch).
    """
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setInformativeText(informative)
    box.setDefaultButton(default)
    for button, label in (labels or {}).items():
        box.button(button).setText(label)
    return Button(box.exec())


def dropped_network(mime: Any) -> Path | None:
    """The first local ``.ffn`` file in dropped data, or None."""
    for url in mime.urls() if mime.hasUrls() else ():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".ffn"):
            return Path(url.toLocalFile())
    return None


class FileController(QObject):
    """The File menu's work for one document.

    Signals
    -------
    name_changed(str)
        What the window title should call the document changed
        ("Untitled", "xor.ffn", "xor (example)").
    message(str)
        A short note for the status bar ("Saved xor.ffn").
    recent_changed()
        The recent-files list changed.
    """

    name_changed = Signal(str)
    message = Signal(str)
    recent_changed = Signal()

    def __init__(self, document: Document, window: QWidget, settings: QSettings):
        super().__init__(window)
        self.document = document
        self.window = window
        self.settings = settings
        self.recent = RecentFiles(settings)
        #: Where Revert reloads from: the file, or the example it started as.
        self.source: Path | None = document.path
        self._name = document.path.name if document.path else UNTITLED
        #: How load and save errors reach the person: ``(title, text, details)``.
        #: A message box by default; the ``--screenshot`` run prints instead.
        self.on_error: Callable[[str, str, str], None] = self._error_box

    # --- what the title shows ------------------------------------------------------

    @property
    def display_name(self) -> str:
        return self._name

    def _set_name(self, name: str) -> None:
        self._name = name
        self.name_changed.emit(name)

    def can_revert(self) -> bool:
        return self.source is not None and self.document.is_modified()

    # --- the question --------------------------------------------------------------

    def _save_question(self, action: str) -> str:
        """The question before ``action``, one whole sentence per action so a translator sees it entire."""
        questions = {
            "closing": self.tr("Do you want to save the changes to “{0}” before closing?"),
            "starting a new network": self.tr("Do you want to save the changes to “{0}” before starting a new "
                                              "network?"),
            "opening another network": self.tr("Do you want to save the changes to “{0}” before opening another "
                                               "network?"),
            "recovering": self.tr("Do you want to save the changes to “{0}” before recovering?"),
        }
        default = self.tr("Do you want to save the changes to “{0}” before {1}?")
        return questions.get(action, default).format(self.display_name, action)

    def maybe_save(self, action: str = "closing") -> bool:
        """Ask Save / Discard / Cancel if there are unsaved changes.

        Returns True when the caller may go on: nothing was unsaved, the
        changes were saved, or the person chose to discard them. Cancel, or
        a Save that did not happen (its dialog cancelled, a write error),
        returns False and leaves everything as it was.
        """
        if not self.document.is_modified():
            return True
        answer = message_box(
            self.window, QMessageBox.Icon.Warning, self.tr("Unsaved changes"), self._save_question(action),
            self.tr("If you don't save, your changes will be lost."),
            Button.Save | Button.Discard | Button.Cancel, Button.Save,
            {Button.Discard: self.tr("Don't Save")})
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    # --- New / Open ----------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_save("starting a new network"):
            return False
        self.document.replace(empty_network(), None)
        self.source = None
        self._set_name(UNTITLED)
        self.message.emit(self.tr("New network"))
        return True

    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open network"), self.dialog_dir(),
                                              self.tr("Backprop Studio networks (*.ffn)"))
        return bool(path) and self.open_path(path)

    def _read(self, path: Path) -> NetworkFile | None:
        """Load a file, or explain in a dialog why not (and return None)."""
        try:
            return load_network(path)
        except (NetworkFileError, OSError) as e:
            self.on_error(self.tr("Cannot open file"), self.tr("“{0}” could not be opened.").format(path.name), str(e))
            self.message.emit(self.tr("Could not open {0}").format(path.name))
            return None

    def open_path(self, path: str | Path, *, example: bool = False) -> bool:
        """Open a file (or, with ``example``, a read-only copy of an example).

        The file is read first, so a bad file never costs the open work; the
        unsaved-changes question comes only once there is something to show.
        """
        path = Path(path)
        nf = self._read(path)
        if nf is None:
            if not example and not path.exists():
                self.recent.remove(path)
                self.recent_changed.emit()
            return False
        if not self.maybe_save("opening another network"):
            return False
        if example:
            # Examples live in the installation; saving goes through Save as.
            self.document.replace(nf, None)
            self._set_name(f"{path.stem} (example)")
        else:
            self.document.replace(nf, absolute(path))
            self._set_name(path.name)
            self._remember(path)
        self.source = path
        self.message.emit(self.tr("Opened the example {0}").format(path.stem) if example
                          else self.tr("Opened {0}").format(path.name))
        return True

    def recover(self, nf: NetworkFile, source: Path | None) -> None:
        """Show recovered work, unsaved, belonging to the file it came from (if any)."""
        self.document.replace(nf, source)
        self.document.forget_saved()  # it was never saved: keep it marked
        self.source = source
        self._set_name(source.name if source else UNTITLED)
        self.message.emit(self.tr("Recovered unsaved work"))

    # --- Save ----------------------------------------------------------------------

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        start = self.document.path or Path(self.dialog_dir()) / (self._suggested_stem() + SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save network as"), str(start),
                                              self.tr("Backprop Studio networks (*.ffn)"))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        digest = self.document.fingerprint()
        try:
            save_network(path, self.document.to_file())
        except (NetworkFileError, OSError) as e:
            self.on_error(self.tr("Cannot save file"), self.tr("“{0}” could not be saved.").format(path.name), str(e))
            return False
        self.document.mark_saved(absolute(path), digest)
        self.source = path
        self._set_name(path.name)
        self._remember(path)
        self.message.emit(self.tr("Saved {0}").format(path.name))
        return True

    def revert(self) -> bool:
        """Reload the file (or example) from disk, after asking."""
        if self.source is None:
            return False
        if self.document.is_modified():
            answer = message_box(
                self.window, QMessageBox.Icon.Question, self.tr("Revert"),
                self.tr("Discard all changes to “{0}” and reload it?").format(self.display_name),
                self.tr("This cannot be undone."), Button.Discard | Button.Cancel, Button.Cancel,
                {Button.Discard: self.tr("Revert")})
            if answer != Button.Discard:
                return False
        nf = self._read(self.source)
        if nf is None:
            return False
        self.document.replace(nf, self.document.path)
        self.message.emit(self.tr("Reverted to the saved {0}").format(self.source.name))
        return True

    # --- export and recovery -------------------------------------------------------

    def export_diagram(self, kind: str, scene: QGraphicsScene, content: QRectF | None = None,
                       background: QColor | None = None) -> bool:
        """Ask where, then write ``scene`` as ``png`` or ``svg`` (see :mod:`designer.export`)."""
        stem = self._suggested_stem()
        start = Path(self.dialog_dir()) / f"{stem}.{kind}"
        filt = self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)")
        chosen, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export diagram as {0}").format(kind.upper()),
                                                str(start), filt)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != "." + kind:
            path = path.with_name(path.name + "." + kind)
        try:
            if kind == "png":
                export.export_png(scene, path, background, content)
            else:
                export.export_svg(scene, path, stem, content)
        except OSError as e:
            self.on_error(self.tr("Cannot export"), self.tr("“{0}” could not be written.").format(path.name), str(e))
            return False
        self.message.emit(self.tr("Exported {0}").format(path.name))
        return True

    def offer_recovery(self, autosaver: Autosaver) -> bool:
        """After a crash: offer the work other sessions left behind, newest first.

        Returns True when work was recovered. Declined work is deleted
        ("Discard") or kept for the next start ("Not Now"); once one piece
        is recovered, the rest waits for the next start.
        """
        recovered = False
        for item in autosaver.recoverable():
            if recovered:
                item.release()
                continue
            answer = message_box(
                self.window, QMessageBox.Icon.Question, self.tr("Recover unsaved work"),
                self.tr("Backprop Studio did not close properly last time. Recover {0}?").format(item.label),
                self.tr("The recovered network opens with its changes unsaved; save it to keep it."),
                Button.Yes | Button.Discard | Button.Ignore, Button.Yes,
                {Button.Yes: self.tr("Recover"), Button.Ignore: self.tr("Not Now")})
            if answer == Button.Discard:
                item.discard()
            elif answer == Button.Yes and self.maybe_save("recovering"):
                try:
                    nf = item.load()
                except NetworkFileError as e:
                    self.on_error(self.tr("Cannot recover"), self.tr("The autosaved work could not be read; "
                                                                     "it is kept for a later try."), str(e))
                    item.release()
                    continue
                self.recover(nf, item.source)
                autosaver.tick()  # now this session's: safe if this run crashes too
                item.discard()
                recovered = True
            else:
                item.release()
        return recovered

    # --- helpers -------------------------------------------------------------------

    def _error_box(self, title: str, text: str, details: str) -> None:
        message_box(self.window, QMessageBox.Icon.Critical, title, text, details)

    def _remember(self, path: Path) -> None:
        self.recent.add(path)
        self.settings.setValue("files/last_dir", str(absolute(path).parent))
        self.recent_changed.emit()

    def dialog_dir(self) -> str:
        last = self.settings.value("files/last_dir", "")
        if last and Path(last).is_dir():
            return str(last)
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    def _suggested_stem(self) -> str:
        name = self.display_name.removesuffix(" (example)").removesuffix(SUFFIX)
        return "network" if name == UNTITLED else name
