"""The open network as the designer sees it: core's document, its undo stack and its file path.

:class:`core.document.DocumentModel` owns everything the person made and
the one set of mutators that change it; this QObject relays its events as
Qt signals and keeps what only a window has: the ``QUndoStack`` and the
path of the file. Every edit is one ``QUndoCommand`` pushed with
:meth:`Document.push`; commands only call the model's mutators. Training is
an edit too (``designer.training.commands.TrainStretch``). The window's
modified flag is the model's: what is shown differs from what was last saved.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from . import pyside_compat  # noqa: F401  (before any Qt call: see its docstring)
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.document import DocumentModel
from core.files import NetworkFile

#: What the document relays from the model as it is: reads of its state and its mutators.
_RELAYED = frozenset({
    "spec", "params", "training", "data", "view", "optimizer", "optimizer_state", "history",
    "description", "seed", "problems", "can_train", "to_file", "fingerprint", "training_state",
    "set_training_state", "set_optimizer", "set_params", "set_data", "set_view", "batch",
    "structure_edited", "param", "saved_params", "node_keys", "add_node", "remove_node",
    "add_connection", "set_edge", "check_node_changes", "update_node", "move_nodes",
    "set_param_value", "reinitialise",
})
# Not relayed: connect and disconnect, which QObject has (commands call doc.model.connect).


class Document(QObject):
    """One network being edited.

    Signals
    -------
    structure_changed()
        Nodes or connections were added, removed or changed (units,
        activation, masks...). Views rebuild what they draw.
    node_changed(str)
        One node's properties or position changed (its id).
    params_changed()
        Weights or biases changed (training, editing a weight, re-init).
    data_changed()
        The data source, the drawn points or the training settings changed.
    training_changed()
        The optimiser's memory or the training history were replaced
        (a training stretch ended or was undone, new data began a new run).
    path_changed(str)
        The file the document is saved in changed.
    problems_changed(list)
        The list of :class:`core.spec.Problem` changed.
    replaced()
        Another network was loaded (New, Open, Revert): views drop what they
        showed (selection, live values) before the usual signals follow.
    modified_changed(bool)
        What is shown started or stopped differing from the last save.
    """

    structure_changed = Signal()
    node_changed = Signal(str)
    params_changed = Signal()
    data_changed = Signal()
    training_changed = Signal()
    path_changed = Signal(str)
    problems_changed = Signal(list)
    replaced = Signal()
    modified_changed = Signal(bool)

    def __init__(self, nf: NetworkFile | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        #: Called before anything is pushed or undone: the training controller ends an
        #: open training stretch there, so its undo entry comes before the edit's.
        self.before_edit: list[Callable[[], None]] = []
        self.model = DocumentModel(nf)
        self.model.subscribe(self._relay)

    def __getattr__(self, name: str) -> Any:
        """The model's state and mutators, read through (see ``_RELAYED``)."""
        if name in _RELAYED:
            return getattr(self.__dict__["model"], name) if "model" in self.__dict__ else None
        raise AttributeError(name)

    def _relay(self, event: str, *args: Any) -> None:
        getattr(self, event).emit(*args)

    # --- the window's side -------------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Do an edit as one undo entry, after an open training stretch has become its own.

        A command that training takes in as it runs (a new learning rate,
        batch size or L2: ``during_training`` true) leaves the stretch open,
        so spinning a box while training merges into one entry instead of
        cutting the training into pieces.
        """
        if not getattr(command, "during_training", False):
            self.end_stretch()
        self.undo_stack.push(command)

    def undo(self) -> None:
        self.end_stretch()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.end_stretch()
        self.undo_stack.redo()

    def end_stretch(self) -> None:
        for hook in list(self.before_edit):
            hook()

    def replace(self, nf: NetworkFile, path: Path | None = None) -> None:
        """Show another network (New, Open, Revert): clears undo history."""
        self.undo_stack.clear()
        self.path = path
        self.model.replace(nf)
        self.undo_stack.setClean()
        self.path_changed.emit(str(path or ""))

    def mark_saved(self, path: Path, digest: bytes | None = None) -> None:
        """``path`` now holds what the document showed when ``digest`` was taken."""
        self.path = Path(path)
        self.undo_stack.setClean()
        self.model.mark_saved(digest)
        self.path_changed.emit(str(self.path))

    def is_modified(self) -> bool:
        return self.model.is_modified()

    def forget_saved(self) -> None:
        """Nothing on disk holds what is shown (recovered work): closing asks, autosave keeps it."""
        self.undo_stack.resetClean()
        self.model.forget_saved()
