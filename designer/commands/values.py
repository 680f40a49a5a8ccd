"""Commands that change values: one weight or bias typed in, a node's properties, fresh weights."""
from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from typing import Any

from core.parameters import Params, bias_key, weight_key
from core.spec import SpecError
from core.trainer import TrainingSettings
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..document import Document
from .base import PROPS_ID, VALUE_ID, DocumentCommand, MacroCommand


def _finite(value: float, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise SpecError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(v):
        raise SpecError(f"{what} must be a finite number")
    return v


class _ValueCommand(DocumentCommand):
    """Set one number; consecutive edits of the same number (spin-box arrows) merge."""

    key: str
    index: tuple[int, ...]
    value: float
    _old: float

    def redo(self) -> None:
        self._old = self.doc.set_param_value(self.key, self.index, self.value)

    def undo(self) -> None:
        self.doc.set_param_value(self.key, self.index, self._old)

    def id(self) -> int:
        return VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _ValueCommand) or (other.key, other.index) != (self.key, self.index):
            return False
        self.value = other.value
        self.setText(other.text())
        if self.value == self._old:
            self.setObsolete(True)
        return True


class SetWeightCommand(_ValueCommand):
    """Type the weight of one present edge."""

    def __init__(self, doc: Document, conn_id: str, i: int, j: int, value: float,
                 parent: MacroCommand | None = None):
        c = doc.spec.connections.get(conn_id)
        if c is None:
            raise SpecError(f"there is no connection {conn_id!r}", conn_id)
        if (i, j) in set(map(tuple, c.removed)):
            raise SpecError("this edge is removed: restore it before giving it a weight", conn_id)
        a, b = doc.spec.nodes[c.src], doc.spec.nodes[c.dst]
        if not (0 <= i < a.units and 0 <= j < b.units):
            raise SpecError(f"there is no edge ({i}, {j}) between {a.label} and {b.label}", conn_id)
        self.value = _finite(value, "a weight")
        super().__init__(doc, QCoreApplication.translate("Commands", "Set weight {0}[{1}] → {2}[{3}] = {4}").format(
            a.label, i + 1, b.label, j + 1, f"{self.value:g}"),
                         parent)
        self.key, self.index = weight_key(conn_id), (j, i)
        self._old = 0.0


class SetBiasCommand(_ValueCommand):
    """Type the bias of one unit."""

    def __init__(self, doc: Document, node_id: str, j: int, value: float,
                 parent: MacroCommand | None = None):
        node = doc.spec.nodes.get(node_id)
        if node is None:
            raise SpecError(f"there is no node {node_id!r}", node_id)
        key = bias_key(node_id)
        if key not in doc.params:
            raise SpecError(f"{node.label} has no bias: switch its bias on first", node_id)
        if not 0 <= j < node.units:
            raise SpecError(f"{node.label} has no unit {j + 1}", node_id)
        self.value = _finite(value, "a bias")
        text = QCoreApplication.translate("Commands", "Set bias {0}[{1}] = {2}").format(node.label, j + 1,
                                                                                        f"{self.value:g}")
        super().__init__(doc, text, parent)
        self.key, self.index = key, (j,)
        self._old = 0.0


# --- node properties ------------------------------------------------------------

_MERGEABLE = frozenset({"units", "activation_params", "init_scale"})
_NAMES = {"name": QT_TRANSLATE_NOOP("Commands", "name"), "units": QT_TRANSLATE_NOOP("Commands", "units"),
          "activation": QT_TRANSLATE_NOOP("Commands", "activation"),
          "activation_params": QT_TRANSLATE_NOOP("Commands", "activation parameter"),
          "bias": QT_TRANSLATE_NOOP("Commands", "bias"), "init": QT_TRANSLATE_NOOP("Commands", "initialiser"),
          "init_scale": QT_TRANSLATE_NOOP("Commands", "initial scale"), "loss": QT_TRANSLATE_NOOP("Commands", "loss"),
          "kind": QT_TRANSLATE_NOOP("Commands", "kind"), "meta": QT_TRANSLATE_NOOP("Commands", "properties")}


class SetNodePropsCommand(DocumentCommand):
    """Change a node's fields (name, units, activation, params, bias, init, loss).

    Changing the units keeps every weight that still fits (core's rule) and
    undo gives back the exact rows and columns that were dropped. Continuous
    numeric edits of the same fields of the same node (a spin box held down)
    merge into one entry.
    """

    def __init__(self, doc: Document, node_id: str, changes: dict[str, Any],
                 parent: MacroCommand | None = None):
        doc.check_node_changes(node_id, changes)
        node = doc.spec.nodes[node_id]
        what = ", ".join(QCoreApplication.translate("Commands", _NAMES.get(k, k)) for k in changes)
        text = QCoreApplication.translate("Commands", "Change {0} of {1}").format(what, node.label)
        super().__init__(doc, text, parent)
        self.node_id = node_id
        self.changes = copy.deepcopy(changes)
        self._old: dict[str, Any] = {}
        self._saved: Params | None = None
        self._after: Params | None = None

    def redo(self) -> None:
        """Change the node; a redo after an undo puts back the very arrays the first redo made.

        Without ``_after`` a merged 3 → 1 → 2 units edit redid as 3 → 2 and
        kept the old second row, where the edit had made a fresh one.
        """
        if self._saved is None:
            self._saved = self.doc.saved_params(self.doc.node_keys(self.node_id))
        self._old = self.doc.update_node(self.node_id, copy.deepcopy(self.changes), restore=self._after)
        if self._after is None:
            self._after = self.doc.saved_params(self.doc.node_keys(self.node_id))

    def undo(self) -> None:
        self.doc.update_node(self.node_id, copy.deepcopy(self._old), restore=self._saved)

    def id(self) -> int:
        return PROPS_ID if set(self.changes) <= _MERGEABLE else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodePropsCommand) or other.node_id != self.node_id:
            return False
        if set(other.changes) != set(self.changes):
            return False
        self.changes = copy.deepcopy(other.changes)
        self._after = other._after  # what the last edit left; _old and _saved stay the first's
        return True


# --- positions --------------------------------------------------------------------



class ReinitialiseCommand(DocumentCommand):
    """Draw fresh initial weights (core's seeded initialisers) for some nodes or all."""

    def __init__(self, doc: Document, node_ids: Iterable[str] | None = None,
                 parent: MacroCommand | None = None):
        self.only = None if node_ids is None else set(node_ids)
        if self.only is not None:
            missing = [n for n in self.only if n not in doc.spec.nodes]
            if missing:
                raise SpecError(f"there is no node {missing[0]!r}", missing[0])
        if self.only is None:
            text = "Re-initialise all weights"
        elif len(self.only) == 1:
            text = QCoreApplication.translate("Commands", "Re-initialise {0}").format(
                doc.spec.nodes[next(iter(self.only))].label)
        else:
            text = QCoreApplication.translate("Commands", "Re-initialise {0} nodes").format(len(self.only))
        super().__init__(doc, text, parent)
        self._old: Params = {}

    def redo(self) -> None:
        self._old = self.doc.reinitialise(self.only)

    def undo(self) -> None:
        self.doc.set_params(self._old)


class NewWeightsCommand(DocumentCommand):
    """Draw every weight with the next seed: other initial weights, undoably.

    Re-initialising with the same seed gives the same weights back (which a
    lesson can rely on); a new seed shows that another start trains to
    another result. The seed is a training setting, saved with the file, so
    the new weights can be drawn again on any machine.
    """

    def __init__(self, doc: Document, seed: int | None = None, parent: MacroCommand | None = None):
        self.new_seed = doc.seed + 1 if seed is None else int(seed)
        text = QCoreApplication.translate("Commands", "New random weights (seed {0})").format(self.new_seed)
        super().__init__(doc, text, parent)
        self._old_params: Params = {}
        self._old_training = TrainingSettings.from_dict(doc.training.to_dict())

    def redo(self) -> None:
        training = TrainingSettings.from_dict(self._old_training.to_dict())
        training.seed = self.new_seed
        self.doc.set_data(training=training)
        self._old_params = self.doc.reinitialise()

    def undo(self) -> None:
        self.doc.set_data(training=TrainingSettings.from_dict(self._old_training.to_dict()))
        self.doc.set_params(self._old_params)


# --- macros ------------------------------------------------------------------------------
