"""Undo commands of the training side: a stretch of training, reset weights, data and settings,
drawn points, input features.

Each command only calls the document's mutators, as the editing commands
do. Continuous edits of one setting (typing a learning rate, spinning the
batch size) merge into one undo entry. A stretch of training (Play to
Pause, Step batch, Step epoch) is one entry too, :class:`TrainStretch`:
undoing it puts back the parameters, the optimiser's memory and the history
from before it, so no later undo can mix trained and untrained values.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from core.data.dataset import Dataset
from core.data.points import points_payload
from core.document import TrainingState
from core.data.source import DataSource
from core.parameters import Params
from core.trainer import TrainingSettings

from ..commands import DocumentCommand


_MERGE_SETTINGS = 0x5E71
_MERGE_DATA = 0x5E72


def revised(settings: Any, **changes: Any) -> Any:
    """A copy of ``settings`` (a DataSource or TrainingSettings) with ``changes``, or None if nothing changed.

    Widgets call it before pushing a command, so a value shown again after an
    undo makes no new undo entry.
    """
    new = type(settings).from_dict(settings.to_dict())
    for k, v in changes.items():
        setattr(new, k, v)
    return None if new.to_dict() == settings.to_dict() else new


class TrainStretch(QUndoCommand):
    """One stretch of training: "Train 300 steps (epoch 0 → 15)".

    Pushed by the training controller when the stretch ends (training
    paused, a step finished, or the person edits something while it runs),
    after the trained state is already in the document: the first redo does
    nothing. Not a :class:`DocumentCommand`: it restores the optimiser's
    memory itself, as part of the training state.
    """

    def __init__(self, document: Any, before: TrainingState, after: TrainingState,
                 steps: int, epochs: tuple[int, int]):
        text = (QCoreApplication.translate("Commands", "Train 1 step (epoch {1} → {2})") if steps == 1
                else QCoreApplication.translate("Commands", "Train {0} steps (epoch {1} → {2})"))
        super().__init__(text.format(f"{steps:,}", *epochs))
        self.doc = document
        self.before, self.after = before, after
        self.steps = steps
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.doc.set_training_state(self.after)

    def undo(self) -> None:
        self.doc.set_training_state(self.before)


class ResetWeights(DocumentCommand):
    """Back to the initial weights for the document's seed (core's ``init_parameters``),
    with the optimiser's memory cleared: a new run starts from t = 0.
    """

    def __init__(self, document: Any, text: str = "Reset weights"):
        super().__init__(document, text)
        self.old: Params | None = None

    def redo(self) -> None:
        self.old = self.doc.reinitialise()
        self.doc.set_optimizer(None)

    def undo(self) -> None:
        assert self.old is not None
        self.doc.set_params(self.old)


class SetTraining(DocumentCommand):
    """Change training settings (optimiser, hyper-parameters, batch size, L2, epochs).

    Consecutive changes of the same ``field`` merge into one entry.
    """

    def __init__(self, document: Any, training: TrainingSettings, field: str, text: str):
        super().__init__(document, text)
        self.field = field
        self.before = TrainingSettings.from_dict(document.training.to_dict())
        self.after = TrainingSettings.from_dict(training.to_dict())

    @property
    def during_training(self) -> bool:
        """A running trainer takes this change at its next step (anything but a new seed)."""
        return int(self.after.seed) == int(self.before.seed)

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


class SetData(DocumentCommand):
    """Choose another dataset or change its settings (size, noise, seed, split...).

    Consecutive changes of the same ``field`` merge. Hand-drawn points are
    dropped when the dataset itself changes (``clear_drawn``) and come back
    on undo.
    """

    def __init__(self, document: Any, data: DataSource, field: str, text: str,
                 clear_drawn: bool = False):
        super().__init__(document, text)
        self.field = field
        self.before = DataSource.from_dict(document.data.to_dict())
        self.after = DataSource.from_dict(data.to_dict())
        self.clear_drawn = clear_drawn and self.before.points is not None
        if self.clear_drawn:
            self.after.points = None

    def id(self) -> int:
        return _MERGE_DATA

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetData) or other.field != self.field or other.clear_drawn:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.doc.set_data(data=DataSource.from_dict(self.after.to_dict()))

    def undo(self) -> None:
        self.doc.set_data(data=DataSource.from_dict(self.before.to_dict()))


class EditPoints(DocumentCommand):
    """Add or remove hand-drawn points: they become the data source's points (saved with it,
    used by training, the stepper, every lab panel and the CLI alike).
    """

    def __init__(self, document: Any, dataset: Dataset, text: str):
        super().__init__(document, text)
        self.before = DataSource.from_dict(document.data.to_dict())
        self.after = DataSource.from_dict({**document.data.to_dict(), "points": points_payload(dataset),
                                           "standardizer": None})

    def redo(self) -> None:
        self.doc.set_data(data=DataSource.from_dict(self.after.to_dict()))

    def undo(self) -> None:
        self.doc.set_data(data=DataSource.from_dict(self.before.to_dict()))


class SetInputFeatures(DocumentCommand):
    """Choose the derived input features of 2-D data; the input node gets one unit per feature.

    The weights that still fit are kept (the document refits the rest); the
    stored standardiser is dropped because its columns no longer match.
    """

    def __init__(self, document: Any, features: list[str], text: str = "Choose input features"):
        super().__init__(document, text)
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
        self.doc.update_node(self.input_id, {"units": units}, restore=restore or None)

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
