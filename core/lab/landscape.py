"""Loss landscapes: the risk on a grid around a point, along two directions, and paths on that plane.

:func:`landscape_rows` computes the grid one row per yield, so the designer
can show its progress and cancel it; :func:`landscape` is the same run to
the end, for scripts and tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generator

import numpy as np

from ..metrics import Targets
from ..model import Model
from ..progress import run_to_end


@dataclass
class Landscape:
    """The loss on a grid ``L[iy, ix]`` at ``centre + xs[ix] d1 + ys[iy] d2``."""

    xs: np.ndarray
    ys: np.ndarray
    loss: np.ndarray
    centre: np.ndarray
    d1: np.ndarray
    d2: np.ndarray


def direction_of(model: Model, key: str, index: tuple[int, ...] = ()) -> np.ndarray:
    """A unit vector in ``theta`` along one named parameter entry (e.g. one edge)."""
    d = np.zeros_like(model.theta)
    view = model.unflatten(d)[key]
    view[index if index else (0,) * view.ndim] = 1.0
    return d


def random_directions(model: Model, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two random directions, each scaled per parameter array to that array's norm.

    The filter-normalised directions of Li et al. (2018): without the scaling,
    big and small layers would not be comparable on one picture.
    """
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(2):
        d = rng.normal(size=model.theta.shape)
        views = model.unflatten(d)
        for k, v in views.items():
            p = model.params[k]
            nv, npar = np.linalg.norm(v), np.linalg.norm(p)
            v *= (npar / nv) if nv > 0 and npar > 0 else 0.0
        out.append(d)
    return out[0], out[1]


def landscape_rows(model: Model, data: Targets, d1: np.ndarray, d2: np.ndarray,
                   span: float | tuple[float, float] = 1.0, resolution: int = 41,
                   centre: np.ndarray | None = None) -> Generator[float, None, Landscape]:
    """Evaluate the risk on a ``resolution × resolution`` grid around ``centre``, one row per yield.

    Yields the fraction of rows done; returns the :class:`Landscape`. The
    model's weights are restored afterwards, whatever happens (cancelled
    included: closing the generator runs the ``finally``).
    """
    sx, sy = (span, span) if np.isscalar(span) else span
    xs = np.linspace(-sx, sx, resolution)
    ys = np.linspace(-sy, sy, resolution)
    saved = model.theta.copy()
    c = saved.copy() if centre is None else np.asarray(centre, dtype=model.dtype)
    L = np.empty((resolution, resolution))
    try:
        for iy, b in enumerate(ys):
            with np.errstate(over="ignore", invalid="ignore"):
                for ix, a in enumerate(xs):
                    model.theta[...] = c + a * d1 + b * d2
                    L[iy, ix] = model.loss(data.X, data.Y)
            yield (iy + 1) / resolution
    finally:
        model.theta[...] = saved
    return Landscape(xs, ys, L, c, d1, d2)


def landscape(model: Model, data: Targets, d1: np.ndarray, d2: np.ndarray,
              span: float | tuple[float, float] = 1.0, resolution: int = 41,
              centre: np.ndarray | None = None) -> Landscape:
    """Evaluate the risk on a ``resolution × resolution`` grid around ``centre``.

    The model's weights are restored afterwards, whatever happens.
    """
    return run_to_end(landscape_rows(model, data, d1, d2, span, resolution, centre))


def project_path(path: list[np.ndarray], scape: Landscape) -> np.ndarray:
    """Coordinates (a, b) of each point of a trajectory on the landscape's plane.

    Least squares on [d1 d2]: exact for paths along two chosen parameters.
    """
    D = np.stack([scape.d1, scape.d2], axis=1)
    P = np.stack(path) - scape.centre
    coef, *_ = np.linalg.lstsq(D, P.T, rcond=None)
    return coef.T
