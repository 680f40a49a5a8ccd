"""Undo commands of the training side: reset weights, data and settings, drawn points, input features.

Each command only calls :class:`~designer.document.Document` mutators, as
the editing commands do. Continuous edits of one setting (typing a learning
rate, spinning the batch size) merge into one undo entry. Training results
are not commands: the controller puts trained weights into the document
without touching the undo stack; a reset of the weights is one.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtGui import QUndoCommand

from core.data.dataset import Dataset
from core.data.source import DataSource
from core.parameters import Params
from core.trainer import TrainingSettings

#: ``document.view`` key under which hand-drawn 2-D points are kept (and saved).
DRAWN_KEY = "drawn_data"

_MERGE_SETTINGS = 0x5E71
_MERGE_DATA = 0x5E72


class ResetWeights(QUndoCommand):
    """Back to the initial weights for the document's seed (core's ``init_parameters``)."""

    def __init__(self, document: Any, text: str = "Reset weights"):
        super().__init__(text)
        self.doc = document
        self.old: Params | None = None

    def redo(self) -> None:
        self.old = self.doc.reinitialise()

    def undo(self) -> None:
        assert self.old is not None
        self.doc.set_params(self.old)


class SetTraining(QUndoCommand):
    """Change training settings (optimiser, hyper-parameters, batch size, L2, epochs).

    Consecutive changes of the same ``field`` merge into one entry.
    """

    def __init__(self, document: Any, training: TrainingSettings, field: str, text: str):
        super().__init__(text)
        self.doc = document
        self.field = field
        self.before = TrainingSettings.from_dict(document.training.to_dict())
        self.after = TrainingSettings.from_dict(training.to_dict())

    def id(self) -> int:
        return _MERGE_SETTINGS

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTraining) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.doc.set_data(training=TrainingSettings.from_dict(self.after.to_dict()))

    def undo(self) -> None:
        self.doc.set_data(training=TrainingSettings.from_dict(self.before.to_dict()))


class SetData(QUndoCommand):
    """Choose another dataset or change its settings (size, noise, seed, split...).

    Consecutive changes of the same ``field`` merge. Hand-drawn points are
    dropped when the dataset itself changes (``clear_drawn``) and come back
    on undo.
    """

    def __init__(self, document: Any, data: DataSource, field: str, text: str,
                 clear_drawn: bool = False):
        super().__init__(text)
        self.doc = document
        self.field = field
        self.before = DataSource.from_dict(document.data.to_dict())
        self.after = DataSource.from_dict(data.to_dict())
        self.drawn_before = document.view.get(DRAWN_KEY)
        self.clear_drawn = clear_drawn and self.drawn_before is not None

    def id(self) -> int:
        return _MERGE_DATA

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetData) or other.field != self.field or other.clear_drawn:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self.clear_drawn:
            self.doc.view.pop(DRAWN_KEY, None)
        self.doc.set_data(data=DataSource.from_dict(self.after.to_dict()))

    def undo(self) -> None:
        if self.clear_drawn:
            self.doc.view[DRAWN_KEY] = self.drawn_before
        self.doc.set_data(data=DataSource.from_dict(self.before.to_dict()))


def drawn_dataset(view: dict[str, Any]) -> Dataset | None:
    """The hand-drawn points kept in ``document.view``, as a Dataset (None if none)."""
    d = view.get(DRAWN_KEY)
    if not d:
        return None
    X = np.asarray(d["X"], dtype=float).reshape(-1, 2)
    task = d.get("task", "classification")
    if task == "classification":
        y = np.asarray(d["y"], dtype=np.int64)
        names = list(d.get("class_names") or [])
        k = max(int(y.max(initial=0)) + 1, len(names), 2)
        names = names + [str(i) for i in range(len(names), k)]
        return Dataset(X, y, "classification", ["x1", "x2"], names, d.get("name", "drawn"))
    y = np.asarray(d["y"], dtype=float).reshape(-1, 1)
    return Dataset(X, y, "regression", ["x1", "x2"], [], d.get("name", "drawn"))


def drawn_payload(ds: Dataset) -> dict[str, Any]:
    """A dataset of 2-D points as plain JSON data for ``document.view``."""
    y = ds.y.tolist() if ds.task == "classification" else ds.y.reshape(-1).tolist()
    return {"X": ds.X.tolist(), "y": y, "task": ds.task, "class_names": list(ds.class_names),
            "name": ds.name or "drawn"}


class EditPoints(QUndoCommand):
    """Add or remove hand-drawn points (the dataset becomes the drawn one)."""

    def __init__(self, document: Any, dataset: Dataset, text: str):
        super().__init__(text)
        self.doc = document
        self.before = document.view.get(DRAWN_KEY)
        self.after = drawn_payload(dataset)

    def redo(self) -> None:
        self.doc.view[DRAWN_KEY] = self.after
        self.doc.set_data()

    def undo(self) -> None:
        if self.before is None:
            self.doc.view.pop(DRAWN_KEY, None)
        else:
            self.doc.view[DRAWN_KEY] = self.before
        self.doc.set_data()


class SetInputFeatures(QUndoCommand):
    """Choose the derived input features of 2-D data; the input node gets one unit per feature.

    The weights that still fit are kept (the document refits the rest); the
    stored standardiser is dropped because its columns no longer match.
    """

    def __init__(self, document: Any, features: list[str], text: str = "Choose input features"):
        super().__init__(text)
        self.doc = document
        self.before_data = DataSource.from_dict(document.data.to_dict())
        after = DataSource.from_dict(document.data.to_dict())
        after.features = [] if list(features) == ["x1", "x2"] else list(features)
        after.standardizer = None
        self.after_data = after
        spec = document.spec
        self.input_id = next((n.id for n in spec.nodes.values() if n.kind == "input"), None)
        self.before_units = spec.nodes[self.input_id].units if self.input_id else None
        self.after_units = max(len(features), 1)
        self.saved: Params = {}

    def _set_units(self, units: int, restore: Params | None = None) -> None:
        if self.input_id is None or self.doc.spec.nodes[self.input_id].units == units:
            return
        update = getattr(self.doc, "update_node", None)
        if update is not None:
            update(self.input_id, {"units": units}, restore=restore or None)
        else:  # an older Document without fine-grained mutators
            self.doc.spec.nodes[self.input_id].units = units
            self.doc.structure_edited()

    def redo(self) -> None:
        if self.input_id is not None:
            keys = [k for k in self.doc.params if k.startswith("W:")
                    and self.doc.spec.connections[k[2:]].src == self.input_id]
            self.saved = {k: np.array(self.doc.params[k], copy=True) for k in keys}
        self.doc.set_data(data=DataSource.from_dict(self.after_data.to_dict()))
        self._set_units(self.after_units)

    def undo(self) -> None:
        self.doc.set_data(data=DataSource.from_dict(self.before_data.to_dict()))
        if self.before_units is not None:
            self._set_units(self.before_units, self.saved)
