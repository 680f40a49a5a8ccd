"""What the live panels show, computed headlessly from a model.

The designer draws; it does no maths of its own. Everything a training panel
needs beyond the trainer's history is computed here, on plain NumPy arrays,
so that it can be tested without Qt and reused by scripts:

* :func:`plane_grid` and :func:`plane_outputs`: the network's output over a
  grid of the 2-D input plane (the decision-boundary heat-map, as in
  TensorFlow Playground), with the same derived features and standardiser
  the training data went through;
* :func:`plane_activations`: every hidden unit's output over that plane (the
  small per-unit pictures);
* :func:`line_outputs`: a 1-D regression's fitted curve;
* :func:`unit_health`: how many logistic/tanh units are saturated and how
  many ReLUs are dead on a batch (why gradients vanish);
* :func:`output_gradient`: dL/dz at the output per sample, which is ŷ − y
  for the fused cross-entropies (the lecture's "p − y").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .activations import get_activation
from .data.preprocess import Standardizer, derive_features
from .model import Model
from .spec import NetworkSpec

#: A logistic or tanh unit counts as saturated on a sample when its output is
#: within this fraction of its range from a bound (f' is then below ~5 % of
#: its peak): logistic a < 0.0125 or a > 0.9875, tanh |a| > 0.975.
SATURATION_MARGIN = 0.0125
#: ... and as saturated overall when that holds on at least this share of the batch.
SATURATED_SHARE = 0.9

_BOUNDED = {"logistic": (0.0, 1.0), "tanh": (-1.0, 1.0)}
_RELU_LIKE = ("relu",)


@dataclass(frozen=True)
class PlaneGrid:
    """A regular grid over the raw 2-D input plane.

    ``points`` has shape ``(ny * nx, 2)`` in row-major order (y outer), so
    ``values.reshape(ny, nx)`` is an image with rows along x2.
    """

    xs: np.ndarray
    ys: np.ndarray
    points: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.ys), len(self.xs)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(x_min, x_max, y_min, y_max) of the grid's cell edges."""
        dx = (self.xs[-1] - self.xs[0]) / max(len(self.xs) - 1, 1)
        dy = (self.ys[-1] - self.ys[0]) / max(len(self.ys) - 1, 1)
        return (float(self.xs[0] - dx / 2), float(self.xs[-1] + dx / 2),
                float(self.ys[0] - dy / 2), float(self.ys[-1] + dy / 2))


def plane_bounds(X2d: np.ndarray, pad: float = 0.1, square: bool = True) -> tuple[float, float, float, float]:
    """Bounds around 2-D points, padded by ``pad`` of their span (and made square)."""
    X2d = np.asarray(X2d, dtype=float)
    if X2d.size == 0:
        return (-6.0, 6.0, -6.0, 6.0)
    lo, hi = X2d.min(axis=0), X2d.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    if square:
        span[:] = span.max()
        mid = (lo + hi) / 2
        lo, hi = mid - span / 2, mid + span / 2
    lo, hi = lo - pad * span, hi + pad * span
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def plane_grid(bounds: tuple[float, float, float, float], nx: int = 64, ny: int | None = None) -> PlaneGrid:
    """Cell centres of an ``nx`` by ``ny`` grid covering ``bounds`` (x0, x1, y0, y1)."""
    ny = nx if ny is None else ny
    x0, x1, y0, y1 = bounds
    dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
    xs = x0 + dx * (np.arange(nx) + 0.5)
    ys = y0 + dy * (np.arange(ny) + 0.5)
    gx, gy = np.meshgrid(xs, ys)
    return PlaneGrid(xs, ys, np.column_stack([gx.ravel(), gy.ravel()]))


def network_inputs(X2d: np.ndarray, features: Sequence[str] = (),
                   standardizer: Standardizer | None = None) -> np.ndarray:
    """Raw 2-D points as the network sees them: derived features, then standardised."""
    X = np.asarray(X2d, dtype=float)
    if features:
        X = derive_features(X, list(features))
    if standardizer is not None:
        X = standardizer.transform(X)
    return X


def plane_outputs(model: Model, grid: PlaneGrid, features: Sequence[str] = (),
                  standardizer: Standardizer | None = None) -> np.ndarray:
    """The network's outputs at every grid point: shape ``(ny, nx, n_outputs)``."""
    out = model.predict(network_inputs(grid.points, features, standardizer))
    ny, nx = grid.shape
    return out.reshape(ny, nx, -1)


def plane_activations(model: Model, grid: PlaneGrid, features: Sequence[str] = (),
                      standardizer: Standardizer | None = None,
                      nodes: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """Each non-input node's activations over the grid: ``{node: (ny, nx, units)}`` copies."""
    X = network_inputs(grid.points, features, standardizer)
    plan = model.run_forward(X)
    ny, nx = grid.shape
    wanted = [n for n in model.order if n != model.input_id] if nodes is None else list(nodes)
    return {n: plan.values[f"a:{n}"].data.reshape(ny, nx, -1).copy() for n in wanted}


def line_outputs(model: Model, xs: np.ndarray, standardizer: Standardizer | None = None) -> np.ndarray:
    """A one-input network's outputs along ``xs`` (raw units): shape ``(len(xs), n_outputs)``."""
    X = np.asarray(xs, dtype=float).reshape(-1, 1)
    if standardizer is not None:
        X = standardizer.transform(X)
    return model.predict(X)


def class_probabilities(outputs: np.ndarray) -> np.ndarray:
    """Per-class probabilities from a classifier's outputs.

    A single sigmoid unit gives P(class 1) = ŷ, so the two columns are
    1 − ŷ and ŷ; a softmax output is already a distribution.
    """
    outputs = np.asarray(outputs, dtype=float)
    if outputs.shape[-1] == 1:
        p1 = np.clip(outputs[..., 0], 0.0, 1.0)
        return np.stack([1.0 - p1, p1], axis=-1)
    return outputs


@dataclass(frozen=True)
class UnitHealth:
    """Saturated or dead units of one node on a batch.

    ``kind`` is "saturated" for logistic/tanh, "dead" for ReLU and "" for
    activations that do neither; ``flags`` marks each unit.
    """

    node: str
    activation: str
    kind: str
    units: int
    flags: np.ndarray

    @property
    def count(self) -> int:
        return int(self.flags.sum())


def unit_health(spec: NetworkSpec, activations: dict[str, tuple[np.ndarray, np.ndarray]],
                share: float = SATURATED_SHARE, margin: float = SATURATION_MARGIN) -> dict[str, UnitHealth]:
    """Count saturated logistic/tanh units and dead ReLUs on a batch.

    Parameters
    ----------
    activations
        ``{node: (z, a)}`` as :meth:`Model.activations` returns for a batch.
    share
        A bounded unit is saturated when its output is near a bound on at
        least this share of the samples (its derivative is then near zero,
        so almost no gradient passes through it).
    margin
        "Near a bound": within ``margin`` of the output range from it.

    A ReLU unit is dead when its net input is ≤ 0 on every sample: its
    output and its gradient are then 0 for the whole batch.
    """
    out: dict[str, UnitHealth] = {}
    for nid, (z, a) in activations.items():
        node = spec.nodes.get(nid)
        if node is None or node.kind == "input":
            continue
        act = get_activation(node.activation).name
        units = a.shape[1]
        if act in _BOUNDED and not (node.kind == "output" and node.loss in ("ce", "bce")):
            lo, hi = _BOUNDED[act]
            m = margin * (hi - lo)
            near = (a <= lo + m) | (a >= hi - m)
            flags = near.mean(axis=0) >= share if len(a) else np.zeros(units, bool)
            kind = "saturated"
        elif act in _RELU_LIKE:
            flags = (z <= 0).all(axis=0) if len(z) else np.zeros(units, bool)
            kind = "dead"
        else:
            flags, kind = np.zeros(units, bool), ""
        out[nid] = UnitHealth(nid, act, kind, units, np.asarray(flags, bool))
    return out


def output_gradient(model: Model, z: np.ndarray, a: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dL/dz at the output for each sample (not divided by the batch size).

    For softmax + cross-entropy and sigmoid + binary cross-entropy this is
    ŷ − y (the lecture's p − y); for squared error it is (ŷ − y) ⊙ f'(z).
    """
    Y = np.asarray(Y, dtype=float).reshape(a.shape)
    diff = a - Y
    if model.loss_name in ("ce", "bce"):
        return diff
    node = model.spec.nodes[model.output_id]
    act = get_activation(node.activation)
    if not act.elementwise:
        raise ValueError("squared error after a non-elementwise output activation is not supported here")
    return diff * act.df(z, **act.hyper(node.activation_params))
