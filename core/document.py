"""The document: everything a person made, with the one set of mutators that change it.

A :class:`DocumentModel` owns the network's structure, its parameters, the
optimiser's memory, the training history, the training settings, the data
source (hand-drawn points included) and the free view settings. Nothing
else writes them: the designer's undo commands are thin adapters over these
mutators, the training controller hands finished training to
:meth:`DocumentModel.set_training_state`, and the designer's ``Document``
QObject only relays the events below as Qt signals. The model is Qt-free,
so the same rules are tested headlessly (``tests/core/test_document*.py``).

Whether the document is *modified* is a comparison, not a flag: the
fingerprint of what a save would write against the fingerprint at the last
save. So no path (undo after training, an edit and its opposite, training
that is undone) can make unsaved work look saved, or saved work unsaved.

Events (``listener(name, *args)``): ``structure_changed``, ``node_changed``
(node id), ``params_changed``, ``data_changed``, ``training_changed`` (the
optimiser memory or the history were replaced), ``problems_changed``
(list of problems), ``replaced``, ``modified_changed`` (bool).
"""
from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import numpy as np

from .data.source import DataSource
from .defaults import default_training
from .files import NetworkFile
from .optim_state import OptimizerMemory
from .parameters import Params, init_parameters
from .spec import NetworkSpec, Problem
from .structure_edits import StructureEdits
from .trainer import History, TrainingSettings

Listener = Callable[..., None]


@dataclass(frozen=True)
class TrainingState:
    """What a stretch of training moves: parameters, optimiser memory, history.

    A training undo entry holds two of these (before and after); they are
    copies, so later edits never reach into them.
    """

    params: Params
    optimizer: OptimizerMemory | None
    history: History | None

    def step_count(self) -> int:
        return len(self.history.step_loss) if self.history is not None else 0

    def epoch(self) -> int:
        return self.history.epochs[-1].epoch if self.history is not None and self.history.epochs else 0


class DocumentModel(StructureEdits):
    """One network being edited, headless. See the module docstring."""

    def __init__(self, nf: NetworkFile | None = None) -> None:
        self._listeners: list[Listener] = []
        self._batch_depth = 0
        self._structure_dirty = False
        self._moved: dict[str, None] = {}
        self._restore: Params = {}
        self._revision = 0
        self._digest: tuple[int, bytes] | None = None
        self._history_digest: tuple[int, bytes] | None = None
        self._saved_digest: bytes | None = None
        self._was_modified = False
        self._load(nf or NetworkFile(NetworkSpec(), {}, default_training(), DataSource(), {}, None, None))
        self._saved_digest = self.fingerprint()

    # --- listeners -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(event, *args)`` after every change (see the module docstring)."""
        self._listeners.append(listener)

    def _emit(self, event: str, *args: Any) -> None:
        for listener in list(self._listeners):
            listener(event, *args)

    def _changed(self, *events: str, node: str | None = None) -> None:
        """A mutation happened: new revision, its events, and whether modified flipped."""
        self._revision += 1
        for e in events:
            if e == "node_changed":
                self._emit(e, node)
            elif e == "problems_changed":
                self._emit(e, self.problems)
            else:
                self._emit(e)
        self._check_modified()

    def _check_modified(self) -> None:
        now = self.is_modified()
        if now != self._was_modified:
            self._was_modified = now
            self._emit("modified_changed", now)

    # --- the whole document --------------------------------------------------------------

    def _load(self, nf: NetworkFile) -> None:
        self.spec: NetworkSpec = nf.spec
        self.training: TrainingSettings = nf.training
        self.params: Params = init_parameters(nf.spec, int(nf.training.seed), keep=nf.params)
        self.data: DataSource = nf.data or DataSource()
        self.view: dict[str, Any] = dict(nf.view or {})
        state = nf.optimizer_state
        self.optimizer: OptimizerMemory | None = (
            OptimizerMemory.from_state_dict(state, nf.spec) if state is not None else None)
        self.history: History | None = nf.history
        self.description: str = nf.description
        self._problems: list[Problem] = self.spec.problems()

    @property
    def seed(self) -> int:
        """The seed of the initial weights (and of training's batch order): saved with the file."""
        return int(self.training.seed)

    @property
    def optimizer_state(self) -> dict[str, Any] | None:
        """The optimiser's memory in the trainer's flat form, for the network as it is now."""
        return None if self.optimizer is None else self.optimizer.to_state_dict(self.spec)

    def replace(self, nf: NetworkFile) -> None:
        """Show another network (New, Open, Revert); it counts as saved."""
        self._load(nf)
        self._revision += 1
        self._saved_digest = self.fingerprint()
        self._emit("replaced")
        self._changed("structure_changed", "problems_changed", "params_changed", "data_changed",
                      "training_changed")

    def to_file(self) -> NetworkFile:
        """What Save writes: copies, so saving never races with editing."""
        return NetworkFile(self.spec.copy(), {k: v.copy() for k, v in self.params.items()},
                           TrainingSettings.from_dict(self.training.to_dict()),
                           DataSource.from_dict(self.data.to_dict()), json.loads(json.dumps(self.view)),
                           self.optimizer_state, self.history, self.description)

    # --- modified: differs from what was last saved ------------------------------------------

    def fingerprint(self) -> bytes:
        """A digest of everything a save writes (cached until the next change)."""
        if self._digest is not None and self._digest[0] == self._revision:
            return self._digest[1]
        h = hashlib.blake2b(digest_size=16)
        text = json.dumps([self.spec.to_dict(), self.training.to_dict(), self.data.to_dict(),
                           self.view, self.description], sort_keys=True, default=repr)
        h.update(text.encode("utf-8"))
        _hash_arrays(h, self.params)
        if self.optimizer is not None:
            h.update(repr((self.optimizer.name, sorted(self.optimizer.hyper.items()), self.optimizer.t)).encode())
            for k in sorted(self.optimizer.arrays):
                h.update(k.encode())
                _hash_arrays(h, self.optimizer.arrays[k])
        h.update(self._history_fingerprint())
        self._digest = (self._revision, h.digest())
        return self._digest[1]

    def _history_fingerprint(self) -> bytes:
        """The history's digest, kept while the same History object stands (it is never edited)."""
        key = id(self.history)
        if self._history_digest is not None and self._history_digest[0] == key:
            return self._history_digest[1]
        h = hashlib.blake2b(digest_size=16)
        if self.history is not None:
            hist = self.history
            h.update(np.asarray(hist.step_loss, dtype=np.float64).tobytes())
            h.update(json.dumps([hist.to_dict()["epochs"], hist.grad_norm_keys], default=repr).encode())
            h.update(np.asarray(hist.grad_norm_steps, dtype=np.int64).tobytes())
            h.update(np.asarray(hist.grad_norms, dtype=np.float64).tobytes())
        else:
            h.update(b"none")
        self._history_digest = (key, h.digest())
        return self._history_digest[1]

    def mark_saved(self, digest: bytes | None = None) -> None:
        """What was just written is the saved state (``digest``: the fingerprint taken when it was copied)."""
        self._saved_digest = digest if digest is not None else self.fingerprint()
        self._check_modified()

    def forget_saved(self) -> None:
        """Nothing on disk holds this state (recovered work, an example's copy): it is unsaved."""
        self._saved_digest = None
        self._check_modified()

    def is_modified(self) -> bool:
        return self.fingerprint() != self._saved_digest

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def can_train(self) -> bool:
        return not self._problems

    # --- training results, data, settings, view ---------------------------------------------

    def training_state(self) -> TrainingState:
        """Copies of what training moves, for a training undo entry."""
        return TrainingState({k: v.copy() for k, v in self.params.items()}, self.optimizer, self.history)

    def set_training_state(self, state: TrainingState, live: bool = False) -> None:
        """Put trained (or un-trained, on undo) parameters, optimiser memory and history in place.

        ``live``: only the parameters, while training runs (the canvas
        follows); the stretch's end puts the whole state in.
        """
        self.params = {k: np.array(v, copy=True) for k, v in state.params.items()}
        if live:
            self._changed("params_changed")
            return
        self.optimizer = state.optimizer.fitted(self.spec) if state.optimizer is not None else None
        self.history = state.history
        self._changed("params_changed", "training_changed")

    def set_optimizer(self, memory: OptimizerMemory | None) -> None:
        """Replace the optimiser's memory (None: training starts it afresh)."""
        if memory is self.optimizer:
            return
        self.optimizer = memory
        self._changed("training_changed")

    def set_params(self, params: Params) -> None:
        """Replace weights (re-initialise, undo of a typed weight or of a reset)."""
        self.params = {k: np.array(v, copy=True) for k, v in params.items()}
        self._changed("params_changed")

    def set_data(self, data: DataSource | None = None, training: TrainingSettings | None = None) -> None:
        """Another data source (drawn points included) or other training settings.

        New data or a new seed begins a new run, so the optimiser's memory of
        the old one goes (an undo brings it back with the old data); so does
        the memory of an optimiser that is no longer chosen (Adam's moments
        mean nothing to momentum, and would be saved as if they did).
        """
        new_run = False
        if data is not None:
            new_run = _data_key(data) != _data_key(self.data)
            self.data = data
        if training is not None:
            new_run = new_run or int(training.seed) != self.seed
            new_run = new_run or (self.optimizer is not None and training.optimizer != self.optimizer.name)
            self.training = training
        if new_run:
            self.optimizer = None
        self._changed("data_changed", *(["training_changed"] if new_run else []))

    def set_view(self, key: str, value: Any) -> None:
        """One of the free view settings (None removes it)."""
        if value is None:
            self.view.pop(key, None)
        else:
            self.view[key] = json.loads(json.dumps(value))
        self._changed("data_changed")

    # --- batches of edits ---------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several edits (a macro command) into one refit and one set of events."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                moved, self._moved = list(self._moved), {}
                if self._structure_dirty:
                    self._structure_dirty = False
                    self.structure_edited()
                for nid in moved:
                    if nid in self.spec.nodes:
                        self._changed("node_changed", node=nid)

    def structure_edited(self, restore: Params | None = None) -> None:
        """After any structure edit: refit parameters and the optimiser's memory, recheck.

        ``restore`` holds arrays an undo saved (a removed connection's weights,
        the rows a shrunk layer lost); they win over the current ones, so undo
        gives back the exact weights rather than fresh ones. Inside
        :meth:`batch` the refit and the events wait for the batch's end.
        """
        if restore:
            self._restore.update(restore)
        if self._batch_depth:
            self._structure_dirty = True
            return
        keep = dict(self.params)
        keep.update(self._restore)
        self._restore = {}
        self.params = init_parameters(self.spec, self.seed, keep=keep)
        if self.optimizer is not None:
            self.optimizer = self.optimizer.fitted(self.spec)
        self._problems = self.spec.problems()
        self._changed("structure_changed", "problems_changed", "params_changed")


def _data_key(d: DataSource) -> str:
    """What makes data other data (the stored standardiser is derived from it)."""
    out = d.to_dict()
    out.pop("standardizer", None)
    return json.dumps(out, sort_keys=True, default=repr)


def _hash_arrays(h: Any, arrays: Params) -> None:
    for k in sorted(arrays):
        a = np.ascontiguousarray(arrays[k])
        h.update(f"{k}|{a.dtype.str}|{a.shape}".encode())
        h.update(a.tobytes())
