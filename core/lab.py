"""The optimisation chapter as computations: races, landscapes, deep stacks.

Everything the designer's optimiser lab and activation explorer draw is
computed here, headless and tested:

* :class:`OptimizerRace` runs several optimisers from the same initial
  weights on the same mini-batches, side by side, one step each in turn;
* :func:`landscape` evaluates the loss on a grid around the current point,
  along two chosen parameters or two random directions, and
  :func:`project_path` puts a run's trajectory on that plane;
* :func:`lecture_network` is the lecture's y = σ(w₂ σ(w₁ x)), whose loss
  surface is non-convex under squared error and under cross-entropy, and
  :func:`lecture_data` its training data;
* :func:`optimizer_internals` gives each parameter's gradient, momentum
  velocity, Adam ŝ and r̂, effective step and learning rate, for colouring
  edges;
* :func:`deep_stack` and :func:`gradient_norms` show vanishing and exploding
  gradients: per-layer gradient norms of a deep network at initialisation;
* :func:`saturation_mask` and :func:`saturation_intervals` mark where an
  activation's derivative is small.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .metrics import Targets
from .model import Model, compile_model
from .optim import Optimizer, make_optimizer
from .parameters import Params, init_parameters
from .spec import NetworkSpec, Node
from .trainer import Trainer, TrainingSettings


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


# --- loss landscapes ---------------------------------------------------------------------


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


def landscape(model: Model, data: Targets, d1: np.ndarray, d2: np.ndarray,
              span: float | tuple[float, float] = 1.0, resolution: int = 41,
              centre: np.ndarray | None = None) -> Landscape:
    """Evaluate the risk on a ``resolution × resolution`` grid around ``centre``.

    The model's weights are restored afterwards, whatever happens.
    """
    sx, sy = (span, span) if np.isscalar(span) else span
    xs = np.linspace(-sx, sx, resolution)
    ys = np.linspace(-sy, sy, resolution)
    saved = model.theta.copy()
    c = saved.copy() if centre is None else np.asarray(centre, dtype=model.dtype)
    L = np.empty((resolution, resolution))
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            for iy, b in enumerate(ys):
                for ix, a in enumerate(xs):
                    model.theta[...] = c + a * d1 + b * d2
                    L[iy, ix] = model.loss(data.X, data.Y)
    finally:
        model.theta[...] = saved
    return Landscape(xs, ys, L, c, d1, d2)


def project_path(path: list[np.ndarray], scape: Landscape) -> np.ndarray:
    """Coordinates (a, b) of each point of a trajectory on the landscape's plane.

    Least squares on [d1 d2]: exact for paths along two chosen parameters.
    """
    D = np.stack([scape.d1, scape.d2], axis=1)
    P = np.stack(path) - scape.centre
    coef, *_ = np.linalg.lstsq(D, P.T, rcond=None)
    return coef.T


def lecture_network(loss: str = "mse", w1: float = 0.0, w2: float = 0.0) -> tuple[NetworkSpec, Params]:
    """y = σ(w₂ σ(w₁ x)): one input, one logistic hidden neuron, one logistic output, no biases.

    The lecture draws this network's loss over (w₁, w₂) for squared error and
    for cross-entropy to show that neither surface is convex.
    """
    spec = NetworkSpec()
    spec.add_node(Node("x", "input", 1, bias=False, name="x", meta={"pos": [0.0, 0.0]}))
    spec.add_node(Node("h", "neuron", 1, "logistic", bias=False, name="h", meta={"pos": [220.0, 0.0]}))
    spec.add_node(Node("y", "output", 1, "logistic", bias=False, name="y",
                       loss="bce" if loss in ("ce", "bce") else "mse", meta={"pos": [440.0, 0.0]}))
    spec.connect("x", "h", "w1")
    spec.connect("h", "y", "w2")
    return spec, {"W:w1": np.array([[w1]]), "W:w2": np.array([[w2]])}


def lecture_data(samples: str = "one") -> Targets:
    """Training data for :func:`lecture_network`'s landscape.

    ``"one"``
        The single example x = 1, y = 1 of the lecture's figure: gradient
        descent and SGD coincide.
    ``"few"``
        Eight examples, x = ±0.5, ±1, ±1.5, ±2 with y = 1 for x > 0 and y = 0
        for x < 0: one example per step (SGD) no longer follows the full
        gradient (GD), so their paths differ.
    """
    if samples == "one":
        x, y = np.array([1.0]), np.array([1.0])
    elif samples == "few":
        x = np.array([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0])
        y = (x > 0).astype(float)
    else:
        raise ValueError(f"unknown lecture data {samples!r}; use 'one' or 'few'")
    return Targets(x[:, None], y[:, None], None, "regression")


# --- optimiser internals, per parameter ----------------------------------------------------

#: What :func:`optimizer_internals` can return, with the name a person reads.
INTERNAL_QUANTITIES: dict[str, str] = {
    "grad": "gradient g",
    "v": "momentum velocity v",
    "s_hat": "Adam ŝ (bias-corrected first moment)",
    "r_hat": "Adam r̂ (bias-corrected second moment)",
    "step": "effective step −Δθ",
    "lr": "per-parameter learning rate",
}


def optimizer_internals(model: Model, optimizer) -> dict[str, dict[str, np.ndarray]]:
    """Per-parameter values of an optimiser's next step, keyed like the model's parameters.

    ``optimizer`` must be built over ``[model.theta]`` with ``[model.grad]``
    (as :class:`~core.trainer.Trainer` builds it); ``model.grad`` holds the
    gradient the next step will use. Nothing is changed: the values come
    from :meth:`~core.optim.Optimizer.preview`.

    Returns ``{quantity: {parameter key: array}}`` with the quantities of
    :data:`INTERNAL_QUANTITIES` that the optimiser has:

    * ``grad``: g, for every optimiser;
    * ``step``: −Δθ, the step the update takes (ε g for SGD, −v for
      Momentum, ε g / (√r + δ) for AdaGrad and RMSProp, ε ŝ / (√r̂ + δ) for
      Adam);
    * ``lr``: the per-parameter learning rate, ε everywhere for SGD and
      Momentum, ε / (√r + δ) for AdaGrad and RMSProp, ε / (√r̂ + δ) for Adam;
    * ``v`` (Momentum), ``s_hat`` and ``r_hat`` (Adam): the state after the step.
    """
    prev = optimizer.preview()
    if len(prev) != 1 or prev[0]["update"].shape != model.theta.shape:
        raise ValueError("the optimiser must be built over the model's flat parameter vector theta")
    entry = prev[0]
    hyper = optimizer.hyper
    flat: dict[str, np.ndarray] = {"grad": model.grad.copy(), "step": -entry["update"]}
    if "v" in entry:
        flat["v"] = entry["v"]
    if "step_size" in entry:
        flat["s_hat"], flat["r_hat"] = entry["s_hat"], entry["r_hat"]
        flat["lr"] = entry["step_size"]
    elif "r" in entry:
        flat["lr"] = hyper["lr"] / (np.sqrt(entry["r"]) + hyper["delta"])
    else:
        flat["lr"] = np.full_like(model.theta, hyper["lr"])
    return {q: {k: v.copy() for k, v in model.unflatten(a).items()} for q, a in flat.items()}


def training_state(spec: NetworkSpec, params: Params, optimizer_state: dict, grad: np.ndarray,
                   l2: float = 0.0) -> tuple[Model, Optimizer]:
    """A paused trainer's model and optimiser, rebuilt from copies (a snapshot's).

    ``optimizer_state`` is :meth:`~core.optim.Optimizer.state_dict` of the
    trainer's optimiser and ``grad`` the flat gradient of its last step;
    the result is ready for :func:`optimizer_internals`. Raises ValueError
    when they do not fit the network.
    """
    model = compile_model(spec, params, l2=l2)
    grad = np.asarray(grad, dtype=model.grad.dtype).reshape(-1)
    if grad.shape != model.grad.shape:
        raise ValueError("the gradient does not fit the network")
    model.grad[...] = grad
    opt = make_optimizer(optimizer_state["name"], [model.theta], [model.grad], **optimizer_state["hyper"])
    opt.load_state_dict(optimizer_state)
    return model, opt


# --- vanishing and exploding gradients ---------------------------------------------------------


def deep_stack(depth: int, width: int = 8, activation: str = "logistic", n_in: int = 2,
               n_out: int = 1, init: str = "xavier_normal", init_scale: float = 1.0,
               output: str = "logistic", loss: str = "bce") -> NetworkSpec:
    """``depth`` hidden layers of ``width`` units, for the vanishing-gradient demo."""
    if depth < 1:
        raise ValueError("a deep stack needs at least one hidden layer")
    spec = NetworkSpec()
    spec.add_node(Node("in", "input", n_in, bias=False, name="input", meta={"pos": [0.0, 0.0]}))
    prev = "in"
    for k in range(1, depth + 1):
        nid = f"h{k}"
        spec.add_node(Node(nid, "layer", width, activation, init=init, init_scale=init_scale,
                           name=f"layer {k}", meta={"pos": [160.0 * k, 0.0]}))
        spec.connect(prev, nid, f"c{k}")
        prev = nid
    spec.add_node(Node("out", "output", n_out, output, init=init, init_scale=init_scale,
                       name="output", loss=loss, meta={"pos": [160.0 * (depth + 1), 0.0]}))
    spec.connect(prev, "out", f"c{depth + 1}")
    return spec


def gradient_norms(model: Model, data: Targets) -> dict[str, float]:
    """‖∂R/∂W‖ for every weight matrix, input side first, on a batch."""
    model.loss_and_grad(data.X, data.Y)
    return {k: float(np.linalg.norm(g)) for k, g in model.grads.items() if k.startswith("W:")}


def compare_depth(depth: int, data: Targets, width: int = 8, seed: int = 0) -> dict[str, dict[str, float]]:
    """The lecture's one-click comparison: logistic + small init against ReLU + He init."""
    out = {}
    for label, act, init, scale in (("logistic, small random init", "logistic", "uniform", 0.1),
                                    ("ReLU, He init", "relu", "he_normal", 1.0)):
        spec = deep_stack(depth, width, act, data.X.shape[1], data.Y.shape[1], init, scale)
        model = compile_model(spec, init_parameters(spec, seed))
        out[label] = gradient_norms(model, data)
    return out


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
