"""The open network: spec, parameters, data settings, file path, undo stack.

Every user edit is one ``QUndoCommand`` pushed on :attr:`Document.undo_stack`;
commands only call the document's mutators below, which change core's data
and emit signals. The canvas and the panels are views that listen to those
signals; they never change each other. The window's modified flag is
``not undo_stack.isClean()``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import Params, init_parameters
from core.spec import NetworkSpec, Problem
from core.trainer import History, TrainingSettings


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
        The data source or training settings changed.
    path_changed(str)
        The file the document is saved in changed.
    problems_changed(list)
        The list of :class:`core.spec.Problem` changed.
    """

    structure_changed = Signal()
    node_changed = Signal(str)
    params_changed = Signal()
    data_changed = Signal()
    path_changed = Signal(str)
    problems_changed = Signal(list)

    def __init__(self, nf: NetworkFile | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        nf = nf or NetworkFile(NetworkSpec(), {}, TrainingSettings(), DataSource(), {}, None, None)
        self._load(nf)

    # --- whole-document ---------------------------------------------------------

    def _load(self, nf: NetworkFile) -> None:
        self.spec: NetworkSpec = nf.spec
        self.seed: int = nf.training.seed
        self.params: Params = init_parameters(nf.spec, self.seed, keep=nf.params)
        self.training: TrainingSettings = nf.training
        self.data: DataSource = nf.data or DataSource()
        self.view: dict[str, Any] = dict(nf.view or {})
        self.optimizer_state = nf.optimizer_state
        self.history: History | None = nf.history
        self.description: str = nf.description
        self._problems: list[Problem] = self.spec.problems()

    def replace(self, nf: NetworkFile, path: Path | None = None) -> None:
        """Show another network (New, Open, Revert): clears undo history."""
        self.undo_stack.clear()
        self._load(nf)
        self.path = path
        self.undo_stack.setClean()
        self.path_changed.emit(str(path or ""))
        self._emit_all()

    def to_file(self) -> NetworkFile:
        """What Save writes: copies, so saving never races with editing."""
        return NetworkFile(self.spec.copy(), {k: v.copy() for k, v in self.params.items()},
                           TrainingSettings.from_dict(self.training.to_dict()),
                           DataSource.from_dict(self.data.to_dict()), dict(self.view),
                           self.optimizer_state, self.history, self.description)

    def mark_saved(self, path: Path) -> None:
        self.path = Path(path)
        self.undo_stack.setClean()
        self.path_changed.emit(str(self.path))

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def can_train(self) -> bool:
        return not self._problems

    # --- mutators (called by undo commands only) ---------------------------------

    def structure_edited(self) -> None:
        """After any structure edit: refit parameters (keeping what fits), recheck."""
        self.params = init_parameters(self.spec, self.seed, keep=self.params)
        self._problems = self.spec.problems()
        self.structure_changed.emit()
        self.problems_changed.emit(self.problems)
        self.params_changed.emit()

    def set_params(self, params: Params) -> None:
        """Replace weights (training results, re-initialise, a typed weight)."""
        self.params = {k: np.array(v, copy=True) for k, v in params.items()}
        self.params_changed.emit()

    def set_data(self, data: DataSource | None = None, training: TrainingSettings | None = None) -> None:
        if data is not None:
            self.data = data
        if training is not None:
            self.training = training
        self.data_changed.emit()

    def _emit_all(self) -> None:
        self.structure_changed.emit()
        self.problems_changed.emit(self.problems)
        self.params_changed.emit()
        self.data_changed.emit()
