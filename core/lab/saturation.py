"""Where an activation saturates: the flat regions where its derivative is small.

The activation explorer shades them; a histogram of pre-activations tells
how many units sit there.
"""
from __future__ import annotations

import numpy as np

from ..activations import get_activation


def saturation_mask(name: str, x: np.ndarray, threshold: float = 0.05, **hp: float) -> np.ndarray:
    """True where |f'(x)| < threshold: the flat, saturated regions of an activation."""
    act = get_activation(name)
    return np.abs(act.df(np.asarray(x, dtype=float), **act.hyper(hp))) < threshold


def saturation_intervals(name: str, lo: float, hi: float, threshold: float = 0.05, n: int = 2001,
                         **hp: float) -> list[tuple[float, float]]:
    """The intervals of [lo, hi] where |f'(x)| < threshold, for shading a plot.

    Found on a grid of ``n`` points; each interval runs from its first to its
    last saturated grid point.
    """
    x = np.linspace(lo, hi, n)
    m = saturation_mask(name, x, threshold, **hp)
    edges = np.flatnonzero(np.diff(m.astype(np.int8)))
    starts = ([0] if m[0] else []) + [int(e) + 1 for e in edges if not m[e]]
    ends = [int(e) for e in edges if m[e]] + ([n - 1] if m[-1] else [])
    return [(float(x[a]), float(x[b])) for a, b in zip(starts, ends)]
