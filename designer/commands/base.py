"""The undo commands' base: a command edits one document through its mutators only.

Orange-canvas-core's shape: ``redo`` and ``undo`` call the document's
mutators and nothing else; a composite edit is a :class:`MacroCommand` of
children. Training's optimiser memory is kept per command, so undoing an
edit puts the memory back with the weights.
"""
from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..document import Document

# Command ids for QUndoCommand.id(): commands with the same id may merge.
MOVE_ID = 1001
PROPS_ID = 1002
VALUE_ID = 1003

#: A point on the canvas (scene coordinates).
Position = tuple[float, float]

_drag_ids = itertools.count(1)


def new_drag_id() -> int:
    """A token for one continuous gesture (a drag): its moves merge into one entry."""
    return next(_drag_ids)


class DocumentCommand(QUndoCommand):
    """Base class: a command that edits one document.

    Every subclass's ``redo``/``undo`` is wrapped (``__init_subclass__``) so
    that the optimiser's memory comes back exactly on undo: a structure edit
    refits it (the moments of a removed layer are dropped) and new data
    clears it, and the document alone cannot know which arrays an undo
    wants back. The memory objects are never changed in place, so holding
    the one from before the first redo is enough; a later redo puts back
    the one the first redo left (or, after a merge, the last merged
    edit's), so redo gives back the very same document too. Only the
    outermost command of a macro does this.
    """

    _depth: dict[int, int] = {}

    def __init__(self, doc: Document, text: str, parent: MacroCommand | None = None):
        # Children are kept in a Python list, not handed to Qt as
        # QUndoCommand(text, parent): PySide6 6.12 does not give the C++
        # parent ownership of such a child, so Python later deletes it under
        # the parent's feet (a crash in redo or at garbage collection).
        super().__init__(text)
        self.doc = doc
        self._memory_before: Any = _UNSET
        self._memory_after: Any = _UNSET
        if parent is not None:
            parent.children.append(self)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("redo", "undo"):
            if name in cls.__dict__:
                setattr(cls, name, _keeping_memory(cls.__dict__[name], name == "undo"))
        if "mergeWith" in cls.__dict__:
            cls.mergeWith = _merging_memory(cls.__dict__["mergeWith"])


_UNSET = object()


def _keeping_memory(method: Any, is_undo: bool) -> Any:
    """Wrap a command's redo or undo so the outermost one restores the optimiser memory."""
    def wrapped(self: DocumentCommand) -> None:
        key = id(self.doc)
        depth = DocumentCommand._depth.get(key, 0)
        if depth == 0 and not is_undo and self._memory_before is _UNSET:
            self._memory_before = self.doc.optimizer
        DocumentCommand._depth[key] = depth + 1
        try:
            method(self)
        finally:
            DocumentCommand._depth[key] = depth
            if not depth:
                DocumentCommand._depth.pop(key, None)
        if depth == 0 and is_undo and self._memory_before is not _UNSET:
            self.doc.set_optimizer(self._memory_before)
        elif depth == 0 and not is_undo:
            if self._memory_after is _UNSET:
                self._memory_after = self.doc.optimizer
            else:
                self.doc.set_optimizer(self._memory_after)
    wrapped.__doc__ = method.__doc__
    wrapped.__name__ = method.__name__
    return wrapped


def _merging_memory(method: Any) -> Any:
    """Wrap ``mergeWith``: the merged entry redoes to the memory the newer edit left."""
    def wrapped(self: DocumentCommand, other: QUndoCommand) -> bool:
        merged = method(self, other)
        if merged and isinstance(other, DocumentCommand):
            self._memory_after = other._memory_after
        return merged
    wrapped.__doc__ = method.__doc__
    wrapped.__name__ = method.__name__
    return wrapped


class MacroCommand(DocumentCommand):
    """A parent command: its children redo in order and undo in reverse order.

    They run inside one :meth:`Document.batch`, so the document refits
    parameters and emits its signals once, however many nodes and
    connections the children add or remove.
    """

    def __init__(self, doc: Document, text: str, parent: MacroCommand | None = None):
        self.children: list[DocumentCommand] = []
        super().__init__(doc, text, parent)

    def redo(self) -> None:
        with self.doc.batch():
            for child in self.children:
                child.redo()

    def undo(self) -> None:
        with self.doc.batch():
            for child in reversed(self.children):
                child.undo()


# --- nodes --------------------------------------------------------------------
