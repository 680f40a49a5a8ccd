"""The engine's answers to a lesson's questions, from the same code that trains and traces.

A :class:`Situation` is what a question is asked about: a network, its
training settings, its data and the sample the stepper walks. The checker
builds one by playing a lesson's actions headless; the Lessons panel builds
one from the open document. Both then call :func:`compute` and
:func:`reach`, so the value a student is compared with is the value
``lesson check`` printed before class.

Only public APIs are used: :func:`core.trace.trace_sample` for a sample's
numbers (and its optimiser preview for "after one step"),
:class:`core.trainer.Trainer` for "after N steps" and reach goals.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..data.source import DataSource
from ..defaults import switched_hyper
from ..model import Model, compile_model
from ..optim import OPTIMIZERS, make_optimizer
from ..parameters import init_parameters
from ..spec import NetworkSpec
from ..trace import Trace, trace_sample
from ..trainer import Trainer, TrainingSettings
from .model import Goal, Quantity
from .syntax import parse_number

__all__ = ["GoalResult", "Situation", "apply_settings", "apply_solution", "canonical", "compute",
           "parameter_index", "reach", "step_position", "within_tolerance"]

_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_RAW_KEY = re.compile(r"^(?P<key>(?:W|b|gamma):[^\[\]]+)\[(?P<i>\d+)(?:,\s*(?P<j>\d+))?\]$")


def canonical(name: str) -> str:
    """A name as compared: subscripts as digits, δ/∂/ŷ spelt out, no spaces (so ``dL/dw47`` = ``∂L/∂w₄₇``)."""
    out = name.translate(_SUB).replace("δ", "delta").replace("∂", "d").replace("ŷ", "yhat")
    return "".join(out.split())


@dataclass
class Situation:
    """A network with its settings, data and sample: everything a question's answer depends on."""

    spec: NetworkSpec
    params: dict[str, np.ndarray]
    settings: TrainingSettings
    data: DataSource | None = None
    sample: tuple[list[float], list[float] | None] | None = None
    base: Path | None = None
    optimizer_state: dict[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def from_network(cls, nf: Any, base: Path | None = None) -> "Situation":
        """From a loaded :class:`core.files.NetworkFile` (its stored sample, if any)."""
        sample = (nf.view or {}).get("sample")
        pair = None if not sample else (list(sample["input"]), sample.get("target"))
        return cls(nf.spec.copy(), {k: np.array(v, dtype=float) for k, v in nf.params.items()},
                   TrainingSettings.from_dict(nf.training.to_dict()),
                   copy.deepcopy(nf.data), pair, base, copy.deepcopy(nf.optimizer_state))

    def model(self) -> Model:
        """The compiled network over a copy of the parameters."""
        return compile_model(self.spec, {k: v.copy() for k, v in self.params.items()})

    def trace(self, level: str = "neuron", with_optimizer: bool = False) -> Trace:
        """The sample's trace (``ValueError`` if there is no sample or it does not fit)."""
        if self.sample is None:
            raise ValueError("no sample to trace: add 'sample X -> Y' to a :::do block")
        model = self.model()
        x, y = self.sample
        optimizer = None
        if with_optimizer:
            if y is None:
                raise ValueError("an update needs a target: 'sample X -> Y'")
            optimizer = make_optimizer(self.settings.optimizer, [model.theta], [model.grad],
                                       **self.settings.hyper)
        return trace_sample(model, np.asarray(x, float), None if y is None else np.asarray(y, float),
                            level, optimizer)

    def trainer(self) -> Trainer:
        """A trainer on a copy of the network and the prepared data, from the current weights."""
        if self.data is None:
            raise ValueError("the network names no dataset to train on")
        model = self.model()
        prepared = copy.deepcopy(self.data).prepare(model.n_outputs, self.base, n_inputs=model.n_inputs)
        test = prepared.test if len(prepared.test) else None
        return Trainer(model, prepared.train, test, TrainingSettings.from_dict(self.settings.to_dict()))

    def choose_sample(self, args: list[str]) -> None:
        """The ``sample`` action: typed values (``["1 0.5", "1 0"]``) or a training row (``["row", "3"]``)."""
        model = self.model()
        if args[0] == "row":
            train = self.trainer().train
            row = int(args[1])
            if row >= len(train.X):
                raise ValueError(f"the training data has rows 0 to {len(train.X) - 1}")
            self.sample = ([float(v) for v in train.X[row]], [float(v) for v in train.Y[row]])
            return
        x = [float(v) for v in args[0].split()]
        y = [float(v) for v in args[1].split()] if args[1] else None
        if len(x) != model.n_inputs or (y is not None and len(y) != model.n_outputs):
            raise ValueError(f"the network takes {model.n_inputs} input(s) and gives {model.n_outputs} "
                             "output(s)")
        self.sample = (x, y)

    def train(self, steps: int) -> None:
        """Train ``steps`` steps and keep the weights (the ``run N steps`` action)."""
        trainer = self.trainer()
        for _ in range(steps):
            if trainer.step() is None:
                break
        self.params = {k: v.copy() for k, v in trainer.model.params.items()}


def apply_settings(settings: TrainingSettings, options: dict[str, str]) -> TrainingSettings:
    """``settings`` changed by ``set``-style options (optimizer, batch, l2, seed, hyper-parameters)."""
    out = TrainingSettings.from_dict(settings.to_dict())
    if any(key.startswith("units.") for key in options):
        raise ValueError("units.NODE=N changes the network: only a reach check's solution may use it")
    name = options.get("optimizer", out.optimizer)
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer={name}: one of {', '.join(OPTIMIZERS)}")
    if name != out.optimizer:
        out.hyper, out.optimizer = switched_hyper(out.optimizer, out.hyper, name), name
    for key, value in options.items():
        if key == "batch":
            out.batch_size = int(parse_number(value))
            if out.batch_size < 1:
                raise ValueError("batch must be at least 1")
        elif key == "seed":
            out.seed = int(parse_number(value))
        elif key == "l2":
            out.l2 = parse_number(value)
        elif key != "optimizer":
            out.hyper[key] = parse_number(value)
    make_optimizer(out.optimizer, [np.zeros(1)], [np.zeros(1)], **out.hyper)  # unknown or bad values raise
    return out


def apply_solution(situation: Situation, options: dict[str, str]) -> Situation:
    """A copy of ``situation`` with a reach check's reference solution applied.

    Training settings as :func:`apply_settings` takes them, and ``units.NODE=N``
    for a layer of N units (the parameters that still fit kept, new ones
    drawn from the seed, as the designer does), so that a lesson can ask a
    student to add units and prove that it is enough.
    """
    units = {key[len("units."):]: value for key, value in options.items() if key.startswith("units.")}
    settings = apply_settings(situation.settings, {k: v for k, v in options.items() if not k.startswith("units.")})
    trial = Situation(**{**situation.__dict__, "settings": settings})
    if units:
        spec = trial.spec.copy()
        for node_id, value in units.items():
            n = int(parse_number(value))
            if node_id not in spec.nodes or spec.nodes[node_id].kind != "layer" or not 1 <= n <= 4096:
                raise ValueError(f"units.{node_id}={value}: a hidden layer's id and 1 to 4096 units")
            spec.nodes[node_id].units = n
        trial.spec = spec
        trial.params = init_parameters(spec, int(settings.seed), keep=trial.params)
    return trial


def _step_named(trace: Trace, name: str):
    wanted = canonical(name)
    for step in trace.steps:
        if canonical(step.symbol.split(" = ")[0]) == wanted:
            return step
    names = [s.symbol.split(" = ")[0] for s in trace.steps if s.symbol]
    shown = ", ".join(dict.fromkeys(names[:40]))
    raise ValueError(f"no step of the {trace.level} trace is called {name}; the steps are {shown}")


def step_position(quantity: Quantity, situation: Situation, level: str = "neuron") -> int | None:
    """Where the step a ``trace`` question asks about comes in the walk (0-based), for showing its card."""
    if quantity.kind != "trace":
        return None
    trace = situation.trace(level)
    return trace.steps.index(_step_named(trace, quantity.name))


def parameter_index(trace: Trace, name: str) -> tuple[str, tuple[int, ...]]:
    """A parameter's key and index from its name (``w₄₇``, ``b``) or raw form (``W:c2[0,0]``)."""
    raw = _RAW_KEY.match(name.replace(" ", ""))
    if raw:
        return raw["key"], tuple(int(v) for v in (raw["i"], raw["j"]) if v is not None)
    gradient = next((s for s in trace.steps for lhs in [s.symbol.split(" = ")[0]]
                     if s.kind in ("weight_grad", "bias_grad")
                     and canonical(lhs).split("/", 1)[-1] == "d" + canonical(name)), None)
    if gradient is None:
        raise ValueError(f"no weight or bias is called {name} (write it as in the trace, e.g. w₄₇, or "
                         "as W:connection[j,i])")
    if gradient.kind == "bias_grad":
        return f"b:{gradient.where}", tuple(gradient.units)
    i, j = gradient.units
    return f"W:{gradient.where}", (j, i)


def _read(params: dict[str, np.ndarray], key: str, index: tuple[int, ...]) -> float:
    if key not in params:
        raise ValueError(f"the network has no parameter {key}")
    try:
        return float(params[key][index])
    except IndexError:
        raise ValueError(f"{key}{list(index)} is outside its shape {params[key].shape}") from None


def compute(quantity: Quantity, situation: Situation, level: str = "neuron") -> float:
    """The engine's value of ``quantity`` in ``situation`` (``ValueError`` with the reason if none)."""
    kind = quantity.kind
    if kind == "loss":
        loss = situation.trace(level).loss
        if loss is None:
            raise ValueError("the sample has no target, so no loss: 'sample X -> Y'")
        return float(loss)
    if kind == "trace":
        result = _step_named(situation.trace(level), quantity.name).result
        if not isinstance(result, (int, float)):
            raise ValueError(f"{quantity.name} is not a single number at {level} level")
        return float(result)
    if kind == "value":
        key, index = parameter_index(situation.trace("neuron"), quantity.name)
        return _read(situation.params, key, index)
    if kind == "update":
        trace = situation.trace("neuron", with_optimizer=True)
        key, index = parameter_index(trace, quantity.name)
        assert trace.updates is not None
        return float(trace.updates[key]["new_value"][index])
    trainer = situation.trainer()
    for _ in range(quantity.steps):
        if trainer.step() is None:
            raise ValueError(f"training diverged before {quantity.steps} steps: {trainer.diverged}")
    if kind == "training-loss":
        return float(trainer.evaluate(trainer.train)[0])
    key, index = parameter_index(situation.trace("neuron"), quantity.name)
    return _read(trainer.model.params, key, index)


@dataclass
class GoalResult:
    """Whether a goal was reached, after how many steps, and the value measured last."""

    reached: bool
    steps: int
    value: float | None


def _measure(goal: Goal, trainer: Trainer) -> float:
    test = goal.metric.startswith("test")
    if test and trainer.test is None:
        raise ValueError(f"'{goal.metric}': the data has no test part")
    loss, metric = trainer.evaluate(trainer.test if test else trainer.train)
    return float(loss if goal.metric.endswith("loss") else metric)


def _holds(goal: Goal, value: float) -> bool:
    return {"<": value < goal.value, "<=": value <= goal.value,
            ">": value > goal.value, ">=": value >= goal.value}[goal.op]


def reach(goal: Goal, steps: int, situation: Situation, every: int = 10) -> GoalResult:
    """Train from ``situation`` for at most ``steps`` steps; reached as soon as the goal holds.

    The goal is measured before training and then every ``every`` steps
    (and at the end), so a goal already met is met at step 0.
    """
    trainer = situation.trainer()
    value: float | None = None
    for done in range(steps + 1):
        if goal.metric == "diverges":
            if trainer.diverged is not None:
                return GoalResult(True, done, None)
        elif done % every == 0 or done == steps or trainer.diverged is not None:
            if trainer.diverged is not None:
                return GoalResult(False, done, value)
            value = _measure(goal, trainer)
            if _holds(goal, value):
                return GoalResult(True, done, value)
        if done < steps:
            trainer.step()
    return GoalResult(False, steps, value)


def within_tolerance(typed: float, value: float, tolerance: float, relative: bool = False) -> bool:
    """Whether a typed prediction counts as the engine's ``value`` (absolute or relative tolerance)."""
    allowed = tolerance * abs(value) if relative else tolerance
    return abs(typed - value) <= allowed + 1e-12
