"""Commands that move nodes on the canvas: a drag (merged into one entry) and the column layout."""
from __future__ import annotations

from core.spec import Node, SpecError
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..document import Document
from .base import MOVE_ID, DocumentCommand, MacroCommand, Position


class MoveNodesCommand(DocumentCommand):
    """Move nodes to new canvas positions (stored in ``node.meta["pos"]``).

    A drag pushes one of these per mouse move with the same ``drag_id``; they
    merge into one undo entry, and a drag that ends where it began leaves none.
    """

    def __init__(self, doc: Document, positions: dict[str, Position], drag_id: int | None = None,
                 text: str | None = None, parent: MacroCommand | None = None):
        unknown = [n for n in positions if n not in doc.spec.nodes]
        if unknown:
            raise SpecError(f"there is no node {unknown[0]!r}", unknown[0])
        if text is None:
            if len(positions) == 1:
                text = QCoreApplication.translate("Commands", "Move {0}").format(
                    doc.spec.nodes[next(iter(positions))].label)
            else:
                text = QCoreApplication.translate("Commands", "Move {0} nodes").format(len(positions))
        super().__init__(doc, text, parent)
        self.new = {k: (float(v[0]), float(v[1])) for k, v in positions.items()}
        self.old = {k: _pos(doc.spec.nodes[k]) for k in positions}
        self.drag_id = drag_id

    def redo(self) -> None:
        self.doc.move_nodes(self.new)

    def undo(self) -> None:
        self.doc.move_nodes(self.old)

    def id(self) -> int:
        return MOVE_ID if self.drag_id is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, MoveNodesCommand) or other.drag_id != self.drag_id
                or set(other.new) != set(self.new)):
            return False
        self.new = dict(other.new)
        if all(self.old.get(k) is not None and _close(self.old[k], v) for k, v in self.new.items()):
            self.setObsolete(True)
        return True


def _pos(node: Node) -> Position | None:
    p = node.meta.get("pos")
    return (float(p[0]), float(p[1])) if p is not None else None


def _close(a: Position, b: Position) -> bool:
    return abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) < 1e-9


# --- weights as a whole -------------------------------------------------------------


def auto_layout_command(doc: Document, positions: dict[str, Position]) -> MoveNodesCommand:
    """Move every node to the column-by-depth place the canvas computed."""
    return MoveNodesCommand(doc, positions, text=QCoreApplication.translate("Commands", "Auto-layout"))
