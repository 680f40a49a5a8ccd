"""One stepping session: a snapshot of the network, a sample, and a place in the walk.

The session holds no maths. It copies the document's spec and parameters,
compiles its own :class:`core.model.Model`, and asks :func:`core.trace.trace_sample`
for the steps at each zoom level (lazily, once per level). What the panel
shows is always one of those :class:`core.trace.TraceStep` objects.

The place in the walk is ``position``: how many steps of the current level
are done (0 = nothing computed yet, ``len(steps)`` = everything, update
preview included). Switching the level keeps the place: the current step is
mapped by what it computes (phase, node or connection, unit) to the nearest
step of the other level. The scalar level shows one unit's elementary graph:
its steps are filtered to the *selected unit* (by default the first output
unit).

Qt-free, so it can be tested and used without a window.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.model import Model, compile_model
from core.optim import Optimizer, format_hyper, make_optimizer
from core.parameters import Params
from core.spec import NetworkSpec
from core.trace import LEVELS, Trace, TraceStep, trace_sample
from core.trainer import TrainingSettings

__all__ = ["SampleError", "StepSession", "parse_values", "step_key"]


class SampleError(ValueError):
    """A typed input or target a person has to fix (the message says how)."""


def parse_values(text: str, count: int, what: str) -> np.ndarray:
    """``"1, 0.5, -1"`` as a float array of ``count`` numbers.

    Commas, semicolons or spaces separate the numbers; Unicode minus is
    accepted. Raises :class:`SampleError` naming the bad entry or the
    wrong count.
    """
    cleaned = text.replace("−", "-").replace(";", ",").replace(",", " ").split()
    noun = QCoreApplication.translate("SampleError", _WHAT.get(what, what))
    if not cleaned:
        raise SampleError((QCoreApplication.translate("SampleError", "Type the {0}: {1} number.") if count == 1
                           else QCoreApplication.translate("SampleError", "Type the {0}: {1} numbers."))
                          .format(noun, count))
    out = []
    for k, tok in enumerate(cleaned, 1):
        try:
            v = float(tok)
        except ValueError:
            raise SampleError(QCoreApplication.translate("SampleError", "The {0}'s value {1}, {2}, is not a number.")
                              .format(noun, k, repr(tok))) from None
        if not np.isfinite(v):
            raise SampleError(QCoreApplication.translate(
                "SampleError", "The {0}'s value {1}, {2}, is not a finite number.").format(noun, k, repr(tok)))
        out.append(v)
    if len(out) != count:
        raise SampleError(_needs(count, len(out)).format(noun, count, len(out)))
    return np.array(out, dtype=np.float64)


#: What parse_values reads, as its messages name it.
_WHAT = {"input": QT_TRANSLATE_NOOP("SampleError", "input"), "target": QT_TRANSLATE_NOOP("SampleError", "target")}


def _needs(count: int, typed: int) -> str:
    """"The {0} needs {1} numbers; {2} were typed.", in the person's language and the right number."""
    if count == 1:
        return QCoreApplication.translate("SampleError", "The {0} needs {1} number; {2} were typed.")
    if typed == 1:
        return QCoreApplication.translate("SampleError", "The {0} needs {1} numbers; {2} was typed.")
    return QCoreApplication.translate("SampleError", "The {0} needs {1} numbers; {2} were typed.")


def step_key(step: TraceStep, spec: NetworkSpec) -> tuple[str, str, str]:
    """What a step computes, comparable across levels: (phase, node or connection, role).

    Roles: ``"z"`` (net input), ``"a"`` (activation), ``"loss"``, ``"delta"``
    (a unit's gradient), ``"wgrad"``, ``"bgrad"``, ``"update"``, ``"other"``.
    Forward products on an edge belong to the destination's net input.
    """
    conns = spec.connections
    where, phase, kind = step.where, step.phase, step.kind
    if phase == "update":
        return (phase, where, "update")
    if phase == "loss":
        return (phase, where, "loss")
    if phase == "forward":
        if kind == "input":
            return (phase, where, "a")
        if where in conns:
            return (phase, conns[where].dst, "z")
        if kind in ("net_input", "bias"):
            return (phase, where, "z")
        if kind == "scalar_op":
            # the scalar ops of a net input end in "(= z…)"; the rest belong to the activation
            return (phase, where, "z" if "(= z" in step.symbol or " + b" in step.symbol else "a")
        return (phase, where, "a")
    # backward
    if kind in ("weight_grad",) or (where in conns):
        return (phase, where, "wgrad")
    if kind == "bias_grad" or kind == "bias":
        return (phase, where, "bgrad")
    if kind == "gamma_grad":
        return (phase, where, "other")
    return (phase, where, "delta")


@dataclass
class Unit:
    """A unit of the network: node id and index."""

    node: str
    index: int


class StepSession:
    """A walk through one sample's forward and backward pass.

    Parameters
    ----------
    spec, params
        The network; both are copied (the session is a snapshot).
    training
        The document's training settings: the optimiser (and its
        hyper-parameters) whose next update is previewed, and L2.
    x, y
        The sample; ``y`` may be None for a single-output network.
    level
        The zoom level to start at (``"neuron"``, ``"op"`` or ``"scalar"``).
    optimizer_state
        An optimiser ``state_dict()`` to continue from (after an applied
        update, or what training saved in the document); a fresh optimiser
        when None or when it does not fit this network and optimiser.
    sample_label
        How the panel names the sample ("training row 3", "typed").

    Raises
    ------
    ValueError
        The network cannot be compiled or traced on this sample (message
        for a person), or the optimiser is unknown.
    """

    def __init__(self, spec: NetworkSpec, params: Params, training: TrainingSettings,
                 x: np.ndarray, y: np.ndarray | None, level: str = "neuron",
                 optimizer_state: dict[str, Any] | None = None, sample_label: str = ""):
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        self.spec = spec.copy()
        self.params = {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}
        self.training = TrainingSettings.from_dict(training.to_dict())
        self.model: Model = compile_model(self.spec, self.params, l2=float(self.training.l2))
        self.optimizer: Optimizer = make_optimizer(self.training.optimizer, [self.model.theta],
                                                   [self.model.grad], **dict(self.training.hyper))
        if optimizer_state is not None and optimizer_state.get("name") == self.optimizer.name:
            try:
                self.optimizer.load_state_dict(optimizer_state)
            except ValueError:
                pass  # saved for another shape of network: the optimiser starts afresh
            self.optimizer.hyper.update(self.training.hyper)  # the settings shown win
        self.x = np.asarray(x, dtype=np.float64).reshape(-1).copy()
        self.y = None if y is None else np.asarray(y, dtype=np.float64).reshape(-1).copy()
        self.sample_label = sample_label
        self._traces: dict[str, Trace] = {}
        self.level = level
        out = self.model.output_id
        self.unit = Unit(out, 0)
        self.position = 0
        self.trace(level)  # fail now, with core's message, if the sample does not fit

    # --- traces ------------------------------------------------------------------------

    def trace(self, level: str | None = None) -> Trace:
        """The trace at ``level`` (the current one by default), computed once."""
        level = level or self.level
        t = self._traces.get(level)
        if t is None:
            t = trace_sample(self.model, self.x, self.y, level, self.optimizer)
            self._traces[level] = t
        return t

    def steps_for(self, level: str, unit: Unit | None = None) -> list[TraceStep]:
        """The steps walked at ``level``; at the scalar level only ``unit``'s (the selected one)."""
        steps = self.trace(level).steps
        if level != "scalar":
            return steps
        u = unit or self.unit
        return [s for s in steps if self._belongs(s, u)]

    def _belongs(self, s: TraceStep, u: Unit) -> bool:
        """A scalar step is part of unit ``u``'s elementary graph."""
        if s.where == u.node:
            return tuple(s.units) == (u.index,) or (s.phase == "loss")
        c = self.spec.connections.get(s.where)
        return c is not None and c.dst == u.node and len(s.units) == 2 and s.units[1] == u.index

    @property
    def steps(self) -> list[TraceStep]:
        """The steps of the current level (and selected unit at the scalar level)."""
        key = (self.level, self.unit.node, self.unit.index)
        if getattr(self, "_steps_key", None) != key:
            self._steps_cache = self.steps_for(self.level)
            self._steps_key = key
        return self._steps_cache

    @property
    def done(self) -> list[TraceStep]:
        """The steps computed so far."""
        return self.steps[: self.position]

    @property
    def current(self) -> TraceStep | None:
        """The step just computed (None before the first)."""
        return self.steps[self.position - 1] if self.position else None

    @property
    def at_end(self) -> bool:
        return self.position >= len(self.steps)

    # --- moving --------------------------------------------------------------------------

    def seek(self, position: int) -> int:
        """Go to ``position`` steps done (clamped); returns it."""
        self.position = max(0, min(int(position), len(self.steps)))
        return self.position

    def step_forward(self) -> int:
        return self.seek(self.position + 1)

    def step_back(self) -> int:
        return self.seek(self.position - 1)

    def reset(self) -> int:
        return self.seek(0)

    def run_to_end(self) -> int:
        return self.seek(len(self.steps))

    def end_of(self, phase: str) -> int:
        """The position right after the last step of ``phase`` (0 when there is none)."""
        found = [k for k, s in enumerate(self.steps) if s.phase == phase]
        return found[-1] + 1 if found else 0

    def run_to_end_of_forward(self) -> int:
        """To the end of the forward pass (the loss included, when there is one)."""
        return self.seek(max(self.end_of("forward"), self.end_of("loss")))

    # --- levels and units ----------------------------------------------------------------------

    def set_level(self, level: str) -> int:
        """Switch the zoom level, keeping the place; returns the new position."""
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        if level == self.level:
            return self.position
        cur = self.current
        if level == "scalar" and cur is not None:
            u = self._unit_of(cur)
            if u is not None:
                self.unit = u
        old_steps, old_pos = self.steps, self.position
        self.level = level
        if cur is None:
            return self.seek(0)
        return self.seek(self._map(cur, old_pos / max(len(old_steps), 1)) + 1)

    def set_unit(self, node: str, index: int) -> int:
        """Select the unit the scalar level expands; keeps the place as well as it can."""
        node_ = self.spec.nodes.get(node)
        if node_ is None or node_.kind == "input" or not 0 <= index < node_.units:
            raise ValueError(f"no unit {index} in a computing node {node!r}")
        cur, frac = self.current, self.position / max(len(self.steps), 1)
        self.unit = Unit(node, int(index))
        if self.level != "scalar":
            return self.position
        if cur is None:
            return self.seek(0)
        return self.seek(self._map(cur, frac) + 1)

    def _unit_of(self, s: TraceStep) -> Unit | None:
        """The computing unit a step is about (an edge's destination unit)."""
        node = self.spec.nodes.get(s.where)
        if node is not None:
            if node.kind == "input":
                return None
            j = s.units[0] if len(s.units) == 1 else (self.unit.index if self.unit.node == s.where else 0)
            return Unit(s.where, min(int(j), node.units - 1))
        c = self.spec.connections.get(s.where)
        if c is not None:
            j = s.units[1] if len(s.units) == 2 else (self.unit.index if self.unit.node == c.dst else 0)
            return Unit(c.dst, int(j))
        return None

    def _map(self, cur: TraceStep, frac: float) -> int:
        """Index in the current level's steps of the step nearest to ``cur`` (another level's)."""
        steps = self.steps
        if not steps:
            return -1
        key = step_key(cur, self.spec)
        same = [k for k, s in enumerate(steps) if step_key(s, self.spec) == key]
        if same:
            exact = [k for k in same if tuple(steps[k].units) == tuple(cur.units)]
            if exact:
                return exact[-1]
            if cur.units:
                # a unit's step mapped onto a whole-node step, or onto the unit's own chain
                within = [k for k in same if not steps[k].units or cur.units[-1] in steps[k].units[-1:]]
                if within:
                    return within[-1]
            return same[-1]
        phase = [k for k, s in enumerate(steps) if s.phase == cur.phase]
        if phase:
            return phase[min(len(phase) - 1, int(round(frac * (len(phase) - 1))))] if frac < 1 else phase[-1]
        order = ["forward", "loss", "backward", "update"]
        before = [k for k, s in enumerate(steps) if order.index(s.phase) < order.index(cur.phase)]
        return before[-1] if before else -1

    # --- what the panel shows besides steps -----------------------------------------------------

    def neuron_done(self) -> list[TraceStep]:
        """The neuron-level steps equivalent to where the walk is (for the canvas overlay)."""
        if self.level == "neuron":
            return self.done
        cur = self.current
        if cur is None:
            return []
        steps = self.steps_for("neuron")
        key = step_key(cur, self.spec)
        frac = self.position / max(len(self.steps), 1)
        same = [k for k, s in enumerate(steps) if step_key(s, self.spec) == key]
        if self.at_end:
            return steps
        if same:
            exact = [k for k in same if tuple(steps[k].units) == tuple(cur.units)]
            k = (exact or same)[-1]
        else:
            k = int(frac * len(steps)) - 1
        return steps[: k + 1]

    @property
    def updates(self) -> dict[str, dict[str, np.ndarray]]:
        """Per parameter key, the optimiser's previewed update (see :class:`core.trace.Trace`)."""
        return self.trace().updates or {}

    def update_steps(self) -> list[TraceStep]:
        """The update preview, one step per scalar parameter (neuron level)."""
        return [s for s in self.trace("neuron").steps if s.phase == "update"]

    def new_params(self) -> Params:
        """The parameters after the previewed update (what Apply update writes)."""
        out = {k: v.copy() for k, v in self.params.items()}
        for key, d in self.updates.items():
            out[key] = np.array(d["new_value"], dtype=np.float64, copy=True)
        return out

    def optimizer_state_after(self) -> dict[str, Any]:
        """The optimiser's state after the previewed update (to continue the next walk).

        Core's own preview (:meth:`core.optim.Optimizer.preview`, the one the
        trace's update steps show) gives the state arrays as the step leaves
        them, bit for bit; the state after is that, one step later. No
        second optimiser is stepped here.
        """
        self.trace()  # the model's grad holds this sample's gradient (every trace is of this sample)
        opt = self.optimizer
        after = opt.preview()[0]
        state = opt.state_dict()
        state["t"] = opt.t + 1
        state["state"] = [{k: after[k] for k in opt.state_keys}]
        return state

    def gradient(self, key: str) -> np.ndarray:
        """Core's gradient of one parameter for this sample."""
        return self.trace().gradients[key]

    def optimizer_title(self) -> str:
        """The optimiser's name as a person reads it ("Adam")."""
        return getattr(self.optimizer, "display_name", "") or self.optimizer.name

    def describe_optimizer(self) -> str:
        """``"Adam (ε = 0.001, ρ₁ = 0.9, …), update number 1"`` for the update preview's heading."""
        opt = self.optimizer
        return QCoreApplication.translate("StepSession", "{0} ({1}), update number {2}").format(
            self.optimizer_title(), format_hyper(opt.hyper), opt.t + 1)
