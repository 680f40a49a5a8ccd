"""Optimiser races: several optimisers from the same weights on the same mini-batches.

:class:`OptimizerRace` holds the lanes; :func:`run_race` steps it as a
generator, so the designer can run it off the GUI thread, show progress,
pause it and cancel it between two steps (``designer.jobs``).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Generator

import numpy as np

from ..metrics import Targets
from ..model import compile_model
from ..parameters import Params
from ..progress import Progress
from ..spec import NetworkSpec
from ..trainer import Trainer, TrainingSettings


# --- optimiser race ------------------------------------------------------------------


@dataclass
class Racer:
    """One lane of the race: an optimiser, its hyper-parameters and batch size."""

    optimizer: str
    hyper: dict[str, float] = field(default_factory=dict)
    batch_size: int = 32
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            lr = self.hyper.get("lr")
            self.label = self.optimizer + (f" lr={lr:g}" if lr is not None else "") + (
                f" batch={self.batch_size}")


@dataclass
class RacePoint:
    """One lane's risk on the whole training set at one moment of the race.

    ``epochs`` counts the examples the lane has seen, in training-set sizes,
    so lanes with different batch sizes can be compared per example as well
    as per update; ``seconds`` is the lane's own stepping time so far.
    """

    step: int
    epochs: float
    seconds: float
    loss: float
    metric: float


@dataclass
class RaceResult:
    """How one lane did."""

    label: str
    steps: int
    loss: float
    metric: float
    test_loss: float
    test_metric: float
    steps_to_target: int | None
    seconds: float


class OptimizerRace:
    """Several trainers, identical start, identical batch order, stepped in turn.

    Every lane gets its own compiled copy of the same parameters and a
    trainer seeded with the same seed, so lanes with the same batch size draw
    exactly the same mini-batches in the same order; ``batches_seen`` records
    them so this can be checked.
    """

    def __init__(self, spec: NetworkSpec, params: Params, train: Targets, racers: list[Racer],
                 test: Targets | None = None, seed: int = 0, target_loss: float | None = None,
                 track: tuple[str, str] | None = None):
        self.racers = racers
        self.target_loss = target_loss
        self.trainers: list[Trainer] = []
        self.seconds = [0.0] * len(racers)
        self.reached: list[int | None] = [None] * len(racers)
        self.batches_seen: list[list[np.ndarray]] = [[] for _ in racers]
        self.initial_theta: list[np.ndarray] = []
        self.paths: list[list[np.ndarray]] = [[] for _ in racers]
        # Whole-training-set curves, filled by record() (see there).
        self.curves: list[list[RacePoint]] = [[] for _ in racers]
        self.reached_risk: list[int | None] = [None] * len(racers)
        self.examples_seen: list[int] = [0] * len(racers)
        for k, r in enumerate(racers):
            model = compile_model(spec, params)
            settings = TrainingSettings(r.optimizer, dict(r.hyper), r.batch_size, 0.0, seed, 10**9)
            tr = Trainer(model, train, test, settings, grad_norm_every=0)
            tr.on_step.append(lambda info, k=k: self.batches_seen[k].append(info.batch.copy()))
            tr.on_step.append(lambda info, k=k: self._count(k, len(info.batch)))
            self.trainers.append(tr)
            self.initial_theta.append(model.theta.copy())
            self.paths[k].append(model.theta.copy())

    def step(self) -> None:
        """One mini-batch for every lane that has not diverged."""
        for k, tr in enumerate(self.trainers):
            if tr.diverged is not None:
                continue
            t0 = time.perf_counter()
            info = tr.step()
            self.seconds[k] += time.perf_counter() - t0
            self.paths[k].append(tr.model.theta.copy())
            if (info is not None and self.target_loss is not None and self.reached[k] is None
                    and info.loss <= self.target_loss):
                self.reached[k] = info.step

    def run(self, steps: int) -> None:
        """Make ``steps`` steps in every lane, headless (a script's or a test's race)."""
        for _ in range(steps):
            self.step()

    def _count(self, k: int, n: int) -> None:
        self.examples_seen[k] += n

    def record(self) -> list[RacePoint | None]:
        """Evaluate every lane's risk and metric on the whole training set, now.

        The mini-batch losses are noisy (one example for SGD), so the curves a
        person compares are these whole-set values, appended to
        ``curves[k]``. A lane that has diverged is not evaluated again (None).
        With a ``target_loss``, ``reached_risk[k]`` becomes the first recorded
        step whose whole-set risk is at or below it: unlike ``reached``
        (the first *mini-batch* loss below the target), one lucky example
        cannot reach it.
        """
        out: list[RacePoint | None] = []
        n = max(len(self.trainers[0].train), 1) if self.trainers else 1
        for k, tr in enumerate(self.trainers):
            if tr.diverged is not None:
                out.append(None)
                continue
            with np.errstate(over="ignore", invalid="ignore"):
                loss, metric = tr.evaluate(tr.train)
            point = RacePoint(tr.step_count, self.examples_seen[k] / n, self.seconds[k],
                              float(loss), float(metric))
            self.curves[k].append(point)
            if (self.target_loss is not None and self.reached_risk[k] is None
                    and math.isfinite(loss) and loss <= self.target_loss):
                self.reached_risk[k] = tr.step_count
            out.append(point)
        return out

    def diverged(self) -> list[bool]:
        """Which lanes stopped because their loss or gradient became NaN or infinite."""
        return [tr.diverged is not None for tr in self.trainers]

    def results(self) -> list[RaceResult]:
        """The results table: final scores on the whole sets, steps to target, time."""
        out = []
        for k, (r, tr) in enumerate(zip(self.racers, self.trainers)):
            loss, metric = tr.evaluate(tr.train)
            tl, tm = tr.evaluate(tr.test) if tr.test is not None else (math.nan, math.nan)
            out.append(RaceResult(r.label, tr.step_count, loss, metric, tl, tm, self.reached[k],
                                  self.seconds[k]))
        return out


@dataclass(frozen=True)
class RaceFrame:
    """Where a running race is: ``step`` of ``total`` steps per lane, and the latest results table.

    ``results`` is computed in the race's own thread (evaluating a lane uses
    its model's buffers, which only that thread may touch while it steps) at
    most every ``table_every`` seconds; None before the first.
    """

    step: int
    total: int
    results: list[RaceResult] | None = None


def run_race(race: OptimizerRace, steps: int, record_every: int | None = None,
             table_every: float = 0.5) -> Generator[Progress, None, int]:
    """Step ``race`` ``steps`` times, recording the whole-set curves; yield after every step.

    The curves are recorded every ``record_every`` steps (by default about
    300 points per curve) and at the last step. When every lane has diverged
    the race stops early. Yields ``Progress(done / steps, RaceFrame)``;
    returns the number of steps made.
    """
    every = record_every or max(1, steps // 300)
    results: list[RaceResult] | None = None
    last_table = time.perf_counter()
    done = 0
    while done < steps:
        with np.errstate(all="ignore"):  # a diverging lane is stopped and reported by its trainer
            race.step()
            done += 1
            if done % every == 0 or done == steps:
                race.record()
            stopped = all(race.diverged())
            if stopped:
                race.record()
            if time.perf_counter() - last_table >= table_every:
                results, last_table = race.results(), time.perf_counter()
        yield Progress(done / steps, RaceFrame(done, steps, results))
        if stopped:
            break
    return done
