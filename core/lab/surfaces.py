"""What the loss-landscape panel shows, computed: a surface and every optimiser's path on it.

Two sources, both generators yielding :class:`~core.progress.Progress`
(the designer runs them as jobs, cancellable between rows of the grid and
steps of the race):

* :func:`lecture_surfaces`: the lecture's network under squared error and
  under cross-entropy, over (w₁, w₂) themselves;
* :func:`network_surface`: a network's loss around its current weights,
  along two edges or two random directions, paths projected on that plane.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generator

import numpy as np

from ..metrics import Targets
from ..model import compile_model
from ..parameters import Params
from ..progress import Progress, part_of
from ..spec import NetworkSpec
from .landscape import Landscape, direction_of, landscape_rows, project_path, random_directions
from .lecture import lecture_data, lecture_network
from .race import OptimizerRace, Racer


@dataclass
class SurfaceResult:
    """What one plot shows: the grid, and each lane's path in plot coordinates.

    ``kind`` names the surface: ``"mse"`` or ``"bce"`` (the lecture's two
    losses) or ``"network"``; ``offset`` is added to the grid's coordinates
    to read the weights themselves (along edges).
    """

    kind: str
    scape: Landscape
    paths: list[np.ndarray]
    diverged: list[bool]
    offset: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Edge:
    """One edge of the network: unit ``i`` of the connection's source to unit ``j`` of its target."""

    connection: str
    i: int
    j: int


def race_steps(race: OptimizerRace, steps: int) -> Generator[float, None, OptimizerRace]:
    """Step every lane ``steps`` times, yielding the fraction done; returns the race."""
    for k in range(steps):
        race.step()
        yield (k + 1) / steps
    return race


def _surface(kind: str, scape_gen, race: OptimizerRace, steps: int, lo: float, hi: float,
             offset=(0.0, 0.0)) -> Generator[Progress, None, SurfaceResult]:
    """The grid (first half of ``lo``…``hi``), then the race (second half), then the paths projected."""
    mid = (lo + hi) / 2
    scape = yield from part_of(scape_gen, lo, mid)
    yield from part_of(race_steps(race, steps), mid, hi)
    paths = [project_path(p, scape) for p in race.paths]
    return SurfaceResult(kind, scape, paths, race.diverged(), offset)


def lecture_surfaces(samples: str, start: tuple[float, float], span: float, resolution: int,
                     racers: list[Racer], steps: int,
                     seed: int = 0) -> Generator[Progress, None, list[SurfaceResult]]:
    """Both lecture surfaces (squared error, cross-entropy) with every racer's path.

    The grid is centred on (0, 0), so plot coordinates are (w₁, w₂) themselves.
    """
    data = lecture_data(samples)
    out = []
    for k, loss in enumerate(("mse", "bce")):
        spec, params = lecture_network(loss, *start)
        model = compile_model(spec, params)
        d1, d2 = direction_of(model, "W:w1"), direction_of(model, "W:w2")
        rows = landscape_rows(model, data, d1, d2, span, resolution, centre=np.zeros(2))
        race = OptimizerRace(spec, params, data, racers, seed=seed)
        out.append((yield from _surface(loss, rows, race, steps, k / 2, (k + 1) / 2)))
    return out


def network_surface(spec: NetworkSpec, params: Params, train: Targets, axes, span: float, resolution: int,
                    racers: list[Racer], steps: int,
                    seed: int = 0) -> Generator[Progress, None, list[SurfaceResult]]:
    """The network's loss around its current weights, with projected paths (a list of one result).

    ``axes`` is ``(Edge, Edge)`` or ``("random", seed)``.
    """
    model = compile_model(spec, params)
    offset = (0.0, 0.0)
    if axes[0] == "random":
        d1, d2 = random_directions(model, int(axes[1]))
    else:
        e1, e2 = axes
        d1 = direction_of(model, f"W:{e1.connection}", (e1.j, e1.i))
        d2 = direction_of(model, f"W:{e2.connection}", (e2.j, e2.i))
        offset = (float(model.theta @ d1), float(model.theta @ d2))
    rows = landscape_rows(model, train, d1, d2, span, resolution)
    race = OptimizerRace(spec, params, train, racers, seed=seed)
    return [(yield from _surface("network", rows, race, steps, 0.0, 1.0, offset))]
