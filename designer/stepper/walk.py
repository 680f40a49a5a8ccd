"""The walk's state apart from the widgets that show it: the session, the zoom level, the place.

:class:`WalkController` is what the stepper panel's widgets (the sample
picker, the navigation bar, the card, the table, the graph) drive and
follow: every move of the walk goes through it and it says, by signals,
when the widgets should show the walk again. It holds no widget, so a test
starts a walk, steps, zooms and applies an update with a document alone.

It holds no maths either: the numbers are :class:`~designer.stepper.session.StepSession`'s,
which reads them off core's trace. What it decides is *whether there is a
walk*: it ends the walk when the document's network, weights, data or
training settings change from outside (an edit, training, undo), because
its numbers would be stale, and it lets its own Apply update through.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from .names import unit_name
from .session import SampleError, StepSession
from .update import ApplyUpdateCommand

__all__ = ["ACTION_KEYS", "WalkController"]

#: The moves a person can ask for, as the navigation bar's buttons name them.
ACTION_KEYS = ("reset", "back", "forward", "end_forward", "end", "apply")


class WalkController(QObject):
    """One document's walk: which sample (the session), which step, which zoom level and unit.

    Signals
    -------
    started()
        A new session began (its first showing is due).
    moved()
        The place, the level or the scalar level's unit changed (with a session, or the level without one).
    ended(str)
        The walk ended; the text says why, for a person.
    stale()
        The network or the data changed while there was no walk: a message about the old one would mislead.
    session_changed()
        A walk started or ended (``session`` is None after it ended).
    """

    started = Signal()
    moved = Signal()
    ended = Signal(str)
    stale = Signal()
    session_changed = Signal()

    def __init__(self, document: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = document
        self.session: StepSession | None = None
        self.level = "neuron"        # the zoom level, kept while no walk is in progress
        self._applying = False       # our own Apply update is the one change that keeps the walk
        document.structure_changed.connect(self._on_structure_changed)
        document.params_changed.connect(self._on_params_changed)
        document.data_changed.connect(self._on_data_changed)

    # --- starting and ending --------------------------------------------------------------------

    def check_network(self) -> None:
        """Raise :class:`SampleError` (a message for a person) when the document's network cannot be walked."""
        if not self.doc.spec.nodes:
            raise SampleError(self.tr("Build a network first: the stepper walks the network on the canvas."))
        problems = self.doc.problems
        if problems:
            raise SampleError(self.tr("The network cannot be stepped yet: {0}.").format(
                "; ".join(p.message for p in problems[:3])))

    def start(self, x: np.ndarray, y: np.ndarray | None, label: str,
              optimizer_state: dict[str, Any] | None = None, keep_place: bool = False) -> StepSession:
        """Walk sample ``(x, y)`` on a fresh snapshot of the document, at the current level.

        Without ``optimizer_state`` the walk continues the optimiser memory
        training left in the document, as its next step would. With
        ``keep_place`` the new walk keeps the old one's unit and goes to its
        end (a walk restarted on new weights). Raises ``ValueError`` (core's
        message) when the sample does not fit the network; the old walk then
        stays.
        """
        old = self.session
        if optimizer_state is None:
            optimizer_state = getattr(self.doc, "optimizer_state", None)
        session = StepSession(self.doc.spec, self.doc.params, self.doc.training, x, y, self.level,
                              optimizer_state=optimizer_state, sample_label=label)
        if keep_place and old is not None and old.unit.node in session.spec.nodes:
            session.unit = old.unit
        self.session = session
        self.started.emit()
        if keep_place and old is not None:
            self.seek(len(session.steps))
        self.session_changed.emit()
        return session

    def end(self, why: str) -> None:
        """End the walk with a reason (its numbers would be stale)."""
        if self.session is None:
            return
        self.session = None
        self.ended.emit(why)
        self.session_changed.emit()

    def _outdated(self, why: str) -> None:
        if self.session is not None:
            self.end(why)
        else:
            self.stale.emit()

    def _on_structure_changed(self) -> None:
        self._outdated(self.tr("The network was edited, so its numbers are no longer these."))

    def _on_params_changed(self) -> None:
        if not self._applying and self.session is not None:
            self.end(self.tr("The weights changed (training, an edit or undo)."))

    def _on_data_changed(self) -> None:
        self._outdated(self.tr("The data or the training settings changed."))

    # --- moving -----------------------------------------------------------------------------------

    def seek(self, position: int) -> None:
        """Go to ``position`` steps done (clamped); nothing happens without a walk or a change."""
        s = self.session
        if s is not None and position != s.position:
            s.seek(position)
            self.moved.emit()

    def step_forward(self) -> None:
        if self.session is not None:
            self.seek(self.session.position + 1)

    def step_back(self) -> None:
        if self.session is not None:
            self.seek(self.session.position - 1)

    def reset(self) -> None:
        self.seek(0)

    def run_to_end_of_forward(self) -> None:
        """To the end of the forward pass, the loss included."""
        s = self.session
        if s is not None:
            self.seek(max(s.end_of("forward"), s.end_of("loss")))

    def run_to_end(self) -> None:
        if self.session is not None:
            self.seek(len(self.session.steps))

    def set_level(self, level: str) -> None:
        """Switch the zoom level, keeping the place; without a walk, the next one starts there."""
        self.level = level
        if self.session is not None:
            self.session.set_level(level)
            self.moved.emit()

    def select_unit(self, node: str, index: int) -> None:
        """Expand another unit at the scalar level (``ValueError`` for a unit the network lacks)."""
        if self.session is None:
            return
        self.session.set_unit(node, index)
        self.moved.emit()

    # --- what a person may do next, and the units to choose from ------------------------------------

    def available(self) -> dict[str, bool]:
        """Per move of :data:`ACTION_KEYS`, whether it would do something now."""
        s = self.session
        if s is None:
            return dict.fromkeys(ACTION_KEYS, False)
        n, p = len(s.steps), s.position
        return {"reset": p > 0, "back": p > 0, "forward": p < n, "end": p < n,
                "end_forward": p < max(s.end_of("forward"), s.end_of("loss")),
                "apply": bool(s.updates) and s.y is not None}

    def unit_choices(self) -> list[tuple[str, tuple[str, int]]]:
        """The units the scalar level can expand, in the network's order: (name, (node, index))."""
        s = self.session
        if s is None:
            return []
        out = []
        for nid in s.model.order:
            node = s.spec.nodes[nid]
            if node.kind == "input":
                continue
            labels = node.meta.get("unit_labels")
            for j in range(node.units):
                name = (unit_name(labels[j]) if isinstance(labels, list) and len(labels) == node.units
                        else (f"{nid}" if node.units == 1 else f"{nid}[{j}]"))
                out.append((name, (nid, j)))
        return out

    # --- Apply update -------------------------------------------------------------------------------

    def apply_update(self) -> dict[str, Any] | None:
        """Write the previewed update into the document as one undo entry.

        Returns the optimiser's state after that update, to start the next
        walk from (None without a walk). The walk itself is not restarted
        here: the sample is the picker's to read again.
        """
        s = self.session
        if s is None:
            return None
        state = s.optimizer_state_after()
        cmd = ApplyUpdateCommand(self.doc, {k: v for k, v in s.params.items()}, s.new_params(),
                                 self.tr("Apply backprop update ({0})").format(s.optimizer_title()))
        self._applying = True
        try:
            self.doc.push(cmd)
        finally:
            self._applying = False
        return state
