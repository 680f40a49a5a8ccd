"""A lesson's actions carried out on the main window, through its public API only.

The Lessons panel asks this for everything it does to the rest of the
window, so the list of window calls a lesson can make is here in one place:
open a network (``window.files.open_path``), bring a dock to the front
(``window.bring_to_front``), select on the canvas (``select_nodes``,
``select_edge``), change training settings (one undoable ``SetTraining``),
train N steps (``window.training.step_batch``), start a backprop walk
(``window.stepper``'s public methods). The engine's answers come from
:mod:`core.lessons` on a :class:`~core.lessons.Situation` built from the
open document, the same functions ``lesson check`` runs.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from core.lessons import Action, Lesson, Situation, apply_settings, find_node, network_path

from ..training.commands import SetTraining

__all__ = ["LessonDriver"]

#: Most training steps a ``run`` action sends to the training process.
MAX_RUN = 10_000


class LessonDriver(QObject):
    """Carries out :class:`~core.lessons.Action` s on ``window`` and builds the engine's situation."""

    def __init__(self, window: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        #: The sample the lesson chose (``sample`` action); None: the network file's own.
        self.sample: tuple[list[float], list[float] | None] | None = None

    def situation(self) -> Situation:
        """The open document as the engine sees it, with the lesson's sample."""
        doc = self.window.document
        path = getattr(doc, "path", None)
        situation = Situation.from_network(doc.to_file(), path.parent if path else None)
        if self.sample is not None:
            situation.sample = self.sample
        return situation

    def perform(self, action: Action, lesson: Lesson) -> None:
        """Carry out one action; ``ValueError`` (or ``OSError``) says why it could not be done."""
        handler = getattr(self, "_" + action.verb)
        handler(action, lesson)

    def _open(self, action: Action, lesson: Lesson) -> None:
        path = network_path(action, lesson)
        if not path.is_file():
            raise ValueError(self.tr("No such file: {0}").format(str(path)))
        self.sample = None
        if not self.window.files.open_path(path, example=action.args[0] == "example"):
            raise ValueError(self.tr("The network was not opened."))

    def dock(self, title: str) -> QDockWidget | None:
        """The dock whose English title is ``title``."""
        for dock in self.window.findChildren(QDockWidget):
            if str(dock.property("title_en") or dock.windowTitle()) == title:
                return dock
        return None

    def _show(self, action: Action, lesson: Lesson) -> None:
        dock = self.dock(action.args[1])
        if dock is None:
            raise ValueError(self.tr("No panel called {0}").format(action.args[1]))
        self.window.bring_to_front(dock)

    def _select(self, action: Action, lesson: Lesson) -> None:
        args = action.args
        if args[0] == "node":
            self.window.canvas.select_nodes([find_node(self.situation(), args[1])])
        else:
            self.window.canvas.select_edge(args[1], int(args[2]), int(args[3]))

    def _set(self, action: Action, lesson: Lesson) -> None:
        doc = self.window.document
        settings = apply_settings(doc.training, action.options)
        doc.push(SetTraining(doc, settings, "lesson", self.tr("Lesson: training settings")))

    def _run(self, action: Action, lesson: Lesson) -> None:
        for _ in range(min(int(action.args[0]), MAX_RUN)):
            self.window.training.step_batch()

    def _sample(self, action: Action, lesson: Lesson) -> None:
        situation = self.situation()
        situation.choose_sample(action.args)
        self.sample = situation.sample

    def _walk(self, action: Action, lesson: Lesson) -> None:
        stepper = self.window.stepper
        dock = self.dock("Backprop stepper")
        if dock is not None:
            self.window.bring_to_front(dock)
        stepper.set_level(action.options.get("level", "neuron"))
        started = self._walk_row(stepper) or self._walk_typed(stepper)
        if not started:
            raise ValueError(self.tr("The stepper could not start this walk."))
        if "at" in action.options:
            stepper.seek(int(action.options["at"]))

    def _walk_row(self, stepper: Any) -> bool:
        """Walk the lesson's sample as a row of the training data when it is one."""
        situation = self.situation()
        if situation.sample is None or situation.sample[1] is None or situation.data is None:
            return False
        try:
            train = situation.trainer().train
        except (ValueError, OSError):
            return False
        x, y = (np.asarray(v, float) for v in situation.sample)
        rows = np.flatnonzero(np.all(np.isclose(train.X, x), axis=1) & np.all(np.isclose(train.Y, y), axis=1))
        return bool(len(rows)) and bool(stepper.pick_sample(int(rows[0]), "train"))

    def _walk_typed(self, stepper: Any) -> bool:
        """Type the sample into the stepper (no data row has it, e.g. a sample without a target)."""
        sample = self.situation().sample
        edits = getattr(stepper, "input_edit", None), getattr(stepper, "target_edit", None)
        source = getattr(stepper, "source", None)
        if sample is None or None in edits or source is None:
            return bool(stepper.start())
        source.setCurrentIndex(1)
        edits[0].setText(", ".join(f"{v:g}" for v in sample[0]))
        edits[1].setText("" if sample[1] is None else ", ".join(f"{v:g}" for v in sample[1]))
        return bool(stepper.start())
