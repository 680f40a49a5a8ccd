"""Two-dimensional toy datasets in the spirit of TensorFlow Playground.

Each generator draws points with ``np.random.default_rng(seed)``, so a seed
stored in a network file brings back the very same points. Inputs are on the
Playground's scale (roughly -6..6), where an untrained network with unit
weights still has something to show; standardise them before training if
you want the lecture's textbook setting.

``noise`` is one dial for every generator: 0 gives the clean shape, 0.5 makes
the classes overlap heavily. It is a fraction of the dataset's scale (the
radius of about 5 for the point clouds, the target's amplitude of 1 for
``regression``), so the same slider means the same thing on every dataset.
Classification sets have labels 0 and 1 in equal numbers (the first class
gets the extra point when ``n`` is odd), shuffled.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .dataset import DataError, Dataset

DEFAULT_N = 200
DEFAULT_NOISE = 0.1
DEFAULT_SEED = 0

_RADIUS = 5.0
_FEATURES = ["x1", "x2"]
_CLASSES = ["0", "1"]


def _check(n: int, noise: float, least: int = 2) -> None:
    """Refuse sizes and noise levels that cannot give a meaningful set."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < least:
        raise DataError(
            f"the number of points must be a whole number of at least {least}, not {n!r}"
        )
    try:
        ok = bool(np.isfinite(noise)) and noise >= 0 and not isinstance(noise, bool)
    except TypeError:
        ok = False
    if not ok:
        raise DataError(f"noise must be a number >= 0, not {noise!r}")


def _halves(n: int) -> tuple[int, int]:
    """Class sizes: as equal as possible, the first class one larger if n is odd."""
    return n - n // 2, n // 2


def _two_classes(name: str, X0: np.ndarray, X1: np.ndarray, rng: np.random.Generator) -> Dataset:
    """Stack the two classes, shuffle the rows and wrap them as a dataset."""
    X = np.vstack([X0, X1])
    y = np.concatenate([np.zeros(len(X0), np.int64), np.ones(len(X1), np.int64)])
    order = rng.permutation(len(X))
    return Dataset(X[order], y[order], "classification", list(_FEATURES), list(_CLASSES), name)


def xor(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Four quadrants, class 1 where ``x1 * x2 < 0``.

    The classic problem that no single neuron can solve: it needs a hidden
    layer (or the derived feature ``x1*x2``). Points keep a small margin from
    the axes so that with no noise the quadrants are cleanly separated.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    margin = 0.3

    def draw(m: int, same_sign: bool) -> np.ndarray:
        mag = rng.uniform(margin, _RADIUS, size=(m, 2))
        s1 = rng.choice([-1.0, 1.0], size=m)
        s2 = s1 if same_sign else -s1
        return mag * np.column_stack([s1, s2])

    X0, X1 = draw(n0, True), draw(n1, False)
    X0 += rng.normal(0.0, noise * _RADIUS, X0.shape)
    X1 += rng.normal(0.0, noise * _RADIUS, X1.shape)
    return _two_classes("xor", X0, X1, rng)


def circles(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Class 0 inside a disc of radius 2.5, class 1 on a ring from 3.5 to 5.

    Separable only by a closed curve: a network needs at least three hidden
    units, or the derived features ``x1^2`` and ``x2^2``.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)

    def ring(m: int, r_in: float, r_out: float) -> np.ndarray:
        # sqrt of a uniform radius^2 spreads points evenly over the area
        r = np.sqrt(rng.uniform(r_in**2, r_out**2, m))
        t = rng.uniform(0.0, 2 * np.pi, m)
        return np.column_stack([r * np.cos(t), r * np.sin(t)])

    X0 = ring(n0, 0.0, 0.5 * _RADIUS)
    X1 = ring(n1, 0.7 * _RADIUS, _RADIUS)
    X0 += rng.normal(0.0, noise * _RADIUS, X0.shape)
    X1 += rng.normal(0.0, noise * _RADIUS, X1.shape)
    return _two_classes("circles", X0, X1, rng)


def gaussians(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Two round Gaussian clouds centred at (2, 2) and (-2, -2).

    Linearly separable at low noise: the set on which a single neuron (a
    logistic regression) already succeeds. The spread grows from 0.5 (no
    noise) to 3 (noise 0.5), where the clouds overlap.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    std = 0.5 + noise * _RADIUS
    X0 = rng.normal(2.0, std, (n0, 2))
    X1 = rng.normal(-2.0, std, (n1, 2))
    return _two_classes("gaussians", X0, X1, rng)


def spiral(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Two interleaved spiral arms, each winding 1.75 turns out to radius 5.

    The hardest of the set: it needs several hidden layers or many derived
    features. The arms are half a turn apart; noise jitters each point.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)

    def arm(m: int, delta: float) -> np.ndarray:
        s = np.sort(rng.uniform(0.0, 1.0, m))
        r = s * _RADIUS
        t = 1.75 * 2 * np.pi * s + delta
        return np.column_stack([r * np.sin(t), r * np.cos(t)])

    X0, X1 = arm(n0, 0.0), arm(n1, np.pi)
    X0 += rng.normal(0.0, noise * _RADIUS / 2, X0.shape)
    X1 += rng.normal(0.0, noise * _RADIUS / 2, X1.shape)
    return _two_classes("spiral", X0, X1, rng)


def moons(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Two interlocking half-moons, scaled and centred to about -5..5 by -2.5..2.5.

    Not linearly separable, but a small hidden layer bends a boundary between
    them; the usual second step after the Gaussians.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _halves(n)
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    X0 = np.column_stack([np.cos(t0), np.sin(t0)])
    X1 = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    scale = _RADIUS / 1.5
    X0 = (X0 - [0.5, 0.25]) * scale
    X1 = (X1 - [0.5, 0.25]) * scale
    X0 += rng.normal(0.0, noise * _RADIUS / 2, X0.shape)
    X1 += rng.normal(0.0, noise * _RADIUS / 2, X1.shape)
    return _two_classes("moons", X0, X1, rng)


def regression(
    n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """A smooth surface ``y = sin(pi x1 / 6) cos(pi x2 / 6)`` over -6..6 squared.

    One hill and one valley per axis, amplitude 1: smooth enough for a few
    tanh units, curved enough that a linear model visibly fails. Noise is
    Gaussian on the target with standard deviation ``noise``.
    """
    _check(n, noise, least=1)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6.0, 6.0, (n, 2))
    y = np.sin(np.pi * X[:, 0] / 6.0) * np.cos(np.pi * X[:, 1] / 6.0)
    y = y + rng.normal(0.0, noise, n)
    return Dataset(X, y.reshape(-1, 1), "regression", list(_FEATURES), [], "regression")


ToyGenerator = Callable[..., Dataset]

#: Name -> generator, in the order a menu should list them (easy to hard).
TOY_DATASETS: dict[str, ToyGenerator] = {
    "gaussians": gaussians,
    "xor": xor,
    "circles": circles,
    "moons": moons,
    "spiral": spiral,
    "regression": regression,
}


def make_toy(
    name: str, n: int = DEFAULT_N, noise: float = DEFAULT_NOISE, seed: int | None = DEFAULT_SEED
) -> Dataset:
    """Generate the toy dataset called ``name``; see :data:`TOY_DATASETS`."""
    try:
        gen = TOY_DATASETS[name]
    except (KeyError, TypeError):
        known = ", ".join(TOY_DATASETS)
        raise DataError(f"unknown toy dataset {name!r}; choose one of: {known}") from None
    return gen(n=n, noise=noise, seed=seed)
