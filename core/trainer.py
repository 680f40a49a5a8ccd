"""Training: epochs of shuffled mini-batches, with events and a history.

The :class:`Trainer` is headless and steps only when asked (``step``,
``run_epoch``, ``run``), so whoever drives it decides about pausing: the
command line runs it in a loop, the designer in a worker thread between
snapshots. Everything that decides the next step (the weights, the
optimiser's state, the random generator, the current permutation and the
position in it) is in :meth:`Trainer.state_dict`, so stopping and resuming
gives exactly the weights that never stopping would have given.

If a loss or a gradient turns NaN or infinite, training stops before the
update is applied, the last finite weights stay in place, and a
:class:`Divergence` says where it began and what usually helps.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import numpy as np

from .early_stop import EarlyStop, EarlyStopping
from .metrics import Targets, score
from .model import Model
from .optim import make_optimizer


@dataclass
class TrainingSettings:
    """What a person chooses before pressing Train; saved in ``.ffn`` files."""

    optimizer: str = "adam"
    hyper: dict[str, float] = field(default_factory=dict)
    batch_size: int = 32
    l2: float = 0.0
    seed: int = 0
    epochs: int = 100
    #: Early stopping: stop once the test loss has not improved for this many epochs (0: off).
    patience: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainingSettings":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


@dataclass
class StepInfo:
    """What one mini-batch step did."""

    step: int
    epoch: int
    loss: float
    grad_norm: float
    batch: np.ndarray


@dataclass
class EpochInfo:
    """The scores at the end of an epoch (test values are NaN without a test set)."""

    epoch: int
    step: int
    train_loss: float
    train_metric: float
    test_loss: float
    test_metric: float


@dataclass
class Divergence:
    """Why training stopped: where the first non-finite number appeared."""

    step: int
    epoch: int
    where: str
    message: str
    advice: str = ("Try a smaller learning rate, a smaller initial weight scale or another "
                   "initialiser, or a bounded activation such as tanh.")

    def __str__(self) -> str:
        return f"{self.message} {self.advice}"


@dataclass
class History:
    """Curves for the panels and files: per-step loss, per-epoch scores, gradient norms."""

    step_loss: list[float] = field(default_factory=list)
    epochs: list[EpochInfo] = field(default_factory=list)
    grad_norm_keys: list[str] = field(default_factory=list)
    grad_norm_steps: list[int] = field(default_factory=list)
    grad_norms: list[list[float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "step_loss": list(self.step_loss),
            "epochs": [asdict(e) for e in self.epochs],
            "grad_norm_keys": list(self.grad_norm_keys),
            "grad_norm_steps": list(self.grad_norm_steps),
            "grad_norms": [list(r) for r in self.grad_norms],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "History":
        return cls(
            step_loss=[float(v) for v in d.get("step_loss", [])],
            epochs=[EpochInfo(**e) for e in d.get("epochs", [])],
            grad_norm_keys=list(d.get("grad_norm_keys", [])),
            grad_norm_steps=[int(v) for v in d.get("grad_norm_steps", [])],
            grad_norms=[[float(x) for x in r] for r in d.get("grad_norms", [])],
        )


class Trainer:
    """Mini-batch training of a compiled :class:`Model` on prepared :class:`Targets`.

    Listeners (plain callables) are told of every step, epoch and divergence;
    none of them may change the model while it is being called.
    """

    def __init__(self, model: Model, train: Targets, test: Targets | None = None,
                 settings: TrainingSettings | None = None, grad_norm_every: int = 1):
        self.model = model
        self.settings = settings or TrainingSettings()
        self.train = self._cast(train)
        self.test = None if test is None or len(test) == 0 else self._cast(test)
        # Targets are checked once here, so the steps can skip the check (checked=True).
        for part in (self.train, self.test):
            if part is not None:
                model.check_target(part.Y)
        self.grad_norm_every = grad_norm_every
        self.model.l2 = float(self.settings.l2)
        self.optimizer = make_optimizer(self.settings.optimizer, [model.theta], [model.grad],
                                        **self.settings.hyper)
        self.rng = np.random.default_rng(self.settings.seed)
        self.epoch = 0
        self.step_count = 0
        self._perm = np.arange(len(self.train))
        self._pos = len(self.train)  # start a fresh epoch on the first step
        self.history = History(grad_norm_keys=[k for k in model.slices if k.startswith("W:")])
        self._wgrads = [model.grad[model.slices[k][0]] for k in self.history.grad_norm_keys]
        self._other_grads = model.grad[model.n_weights:]  # biases, learned activation parameters
        self._backup = model.theta.copy()
        self._xbuf: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.diverged: Divergence | None = None
        #: Set when early stopping ended the run (the best epoch's weights are then back in place).
        self.stopped: EarlyStop | None = None
        self.early: EarlyStopping | None = None
        self.set_patience(self.settings.patience)
        self.on_step: list[Callable[[StepInfo], None]] = []
        self.on_epoch: list[Callable[[EpochInfo], None]] = []
        self.on_diverged: list[Callable[[Divergence], None]] = []

    def _cast(self, data: Targets) -> Targets:
        dt = self.model.dtype
        return Targets(np.ascontiguousarray(data.X, dt), np.ascontiguousarray(data.Y, dt),
                       data.labels, data.task)

    # --- live settings ----------------------------------------------------------

    def set_patience(self, patience: int) -> None:
        """Turn early stopping on (epochs without a better test loss) or off (0), live."""
        self.settings.patience = int(patience)
        if patience <= 0:
            self.early = None
        elif self.early is None:
            self.early = EarlyStopping(patience, self.model.theta, self.epoch)
        else:
            self.early.patience = int(patience)

    def go_on(self) -> None:
        """Train on after an early stop (Play again): a fresh window of patience from now."""
        if self.stopped is not None and self.early is not None:
            self.early.go_on(self.epoch)
        self.stopped = None

    def set_hyper(self, **hyper: float) -> None:
        """Change learning rate or other hyper-parameters; the next step uses them."""
        for k in hyper:
            if k not in self.optimizer.hyper:
                raise ValueError(f"{self.optimizer.name} has no hyper-parameter {k!r}")
        self.optimizer.hyper.update({k: float(v) for k, v in hyper.items()})
        self.settings.hyper.update({k: float(v) for k, v in hyper.items()})

    def set_optimizer(self, name: str, **hyper: float) -> None:
        """Switch optimiser (its state starts afresh)."""
        self.optimizer = make_optimizer(name, [self.model.theta], [self.model.grad], **hyper)
        self.settings.optimizer, self.settings.hyper = name, dict(hyper)

    def set_batch_size(self, n: int) -> None:
        if n < 1:
            raise ValueError("the batch size must be at least 1")
        self.settings.batch_size = int(n)

    def set_l2(self, lam: float) -> None:
        self.model.l2 = self.settings.l2 = float(lam)

    # --- stepping ---------------------------------------------------------------

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.train) / self.settings.batch_size)

    def _batch(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bufs = self._xbuf.get(len(idx))
        if bufs is None:
            bufs = self._xbuf[len(idx)] = (
                np.empty((len(idx), self.train.X.shape[1]), self.model.dtype),
                np.empty((len(idx), self.train.Y.shape[1]), self.model.dtype))
        # mode="clip": the indices come from a permutation, and NumPy buffers
        # ``out`` in the default mode="raise", which costs a second copy.
        np.take(self.train.X, idx, axis=0, out=bufs[0], mode="clip")
        np.take(self.train.Y, idx, axis=0, out=bufs[1], mode="clip")
        return bufs

    def step(self) -> StepInfo | None:
        """One mini-batch: gradient, update, events. None once training has diverged."""
        if self.diverged is not None:
            return None
        n = len(self.train)
        if self._pos >= n:
            self._perm = self.rng.permutation(n)
            self._pos = 0
        idx = self._perm[self._pos: self._pos + self.settings.batch_size]
        self._pos += len(idx)
        xb, yb = self._batch(idx)
        model = self.model
        loss = model.loss_and_grad(xb, yb, checked=True)
        # Squared gradient norms, one BLAS dot per weight matrix plus one for the
        # rest: the divergence check and the per-layer history share one pass.
        sq = [float(np.vdot(g, g)) for g in self._wgrads]
        gn2 = sum(sq) + float(np.vdot(self._other_grads, self._other_grads))
        if not (math.isfinite(loss) and math.isfinite(gn2)):
            self._diverge(xb)
            return None
        np.copyto(self._backup, model.theta)
        self.optimizer.step()
        self.step_count += 1
        self.history.step_loss.append(loss)
        if self.grad_norm_every and self.step_count % self.grad_norm_every == 0:
            self.history.grad_norm_steps.append(self.step_count)
            self.history.grad_norms.append([math.sqrt(v) for v in sq])
        info = StepInfo(self.step_count, self.epoch, loss, math.sqrt(gn2), idx)
        for f in self.on_step:
            f(info)
        if self._pos >= n:
            self.epoch += 1
            self._end_epoch()
        return info

    def evaluate(self, data: Targets) -> tuple[float, float]:
        """(risk, metric) on a whole set with the current weights."""
        loss = self.model.loss(data.X, data.Y, checked=data is self.train or data is self.test)
        return loss, score(self.model.predict(data.X), data)

    def _end_epoch(self) -> None:
        tl, tm = self.evaluate(self.train)
        vl, vm = self.evaluate(self.test) if self.test is not None else (math.nan, math.nan)
        info = EpochInfo(self.epoch, self.step_count, tl, tm, vl, vm)
        if not math.isfinite(tl):
            self._diverge(self.train.X[:256])
            return
        self.history.epochs.append(info)
        for f in self.on_epoch:
            f(info)
        if self.early is not None and self.stopped is None:
            self.stopped = self.early.after_epoch(info, self.model.theta)

    def run_epoch(self) -> EpochInfo | None:
        """Steps until the current epoch ends; its scores, or None on divergence."""
        start = self.epoch
        while self.epoch == start:
            if self.step() is None:
                return None
        return self.history.epochs[-1] if self.history.epochs else None

    def run(self, epochs: int | None = None, should_stop: Callable[[], bool] | None = None,
            max_seconds: float | None = None) -> None:
        """Train for ``epochs`` more epochs (default: the settings'), or until told to stop."""
        target = self.epoch + (self.settings.epochs if epochs is None else epochs)
        t0 = time.perf_counter()
        while self.epoch < target and self.diverged is None and self.stopped is None:
            self.step()
            if should_stop is not None and should_stop():
                break
            if max_seconds is not None and time.perf_counter() - t0 > max_seconds:
                break

    # --- divergence ---------------------------------------------------------------

    def _diverge(self, xb: np.ndarray) -> None:
        """Restore the last finite weights and explain where things blew up."""
        model = self.model
        np.copyto(model.theta, self._backup)
        where, message = _locate_non_finite(model, xb)
        self.diverged = Divergence(self.step_count, self.epoch, where, message)
        for f in self.on_diverged:
            f(self.diverged)

    # --- state ------------------------------------------------------------------------

    def shuffle_state(self) -> dict[str, Any]:
        """Where the batch order stands: the generator, this epoch's permutation and the place in it.

        Together with the weights and the optimiser's state this decides the
        next batch, so a checkpoint that keeps it replays a run bit for bit
        (the batch size may not divide the data: the position is kept, not
        derived). Keys ``rng``, ``perm`` (a copy), ``pos``, ``epoch``,
        ``step``, as in :meth:`state_dict`.
        """
        return {"rng": self.rng.bit_generator.state, "perm": self._perm.copy(), "pos": self._pos,
                "epoch": self.epoch, "step": self.step_count}

    def load_shuffle_state(self, state: dict[str, Any]) -> None:
        """Put back what :meth:`shuffle_state` returned (any integer dtype for ``perm``)."""
        perm = np.array(state["perm"], dtype=np.intp)
        if perm.shape != (len(self.train),) or not 0 <= int(state["pos"]) <= len(self.train):
            raise ValueError(f"the shuffle state is for {perm.size} samples, this trainer has {len(self.train)}")
        self.rng.bit_generator.state = state["rng"]
        self._perm = perm
        self._pos, self.epoch, self.step_count = int(state["pos"]), int(state["epoch"]), int(state["step"])

    def state_dict(self) -> dict[str, Any]:
        """Everything the next step depends on, so a resumed run continues exactly."""
        return {
            "theta": self.model.theta.copy(),
            "optimizer": self.optimizer.state_dict(),
            **self.shuffle_state(),
            "settings": self.settings.to_dict(),
            "history": self.history.to_dict(),
            "early": None if self.early is None else self.early.state_dict(),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.model.theta[...] = state["theta"]
        self.settings = TrainingSettings.from_dict(state["settings"])
        self.model.l2 = self.settings.l2
        self.optimizer = make_optimizer(self.settings.optimizer, [self.model.theta], [self.model.grad],
                                        **self.settings.hyper)
        self.optimizer.load_state_dict(state["optimizer"])
        self.load_shuffle_state(state)
        self.history = History.from_dict(state["history"])
        self.diverged = self.stopped = None
        self.early = None
        self.set_patience(self.settings.patience)
        if self.early is not None and state.get("early"):
            self.early.load_state_dict(state["early"])


def _locate_non_finite(model: Model, xb: np.ndarray) -> tuple[str, str]:
    """Name the first node (in forward order) or parameter where NaN/Inf appeared."""
    spec = model.spec
    big_key = max(model.params, key=lambda k: float(np.abs(model.params[k]).max(initial=0)))
    big = float(np.abs(model.params[big_key]).max(initial=0))
    grew = f" The largest weight is {big:.3g} in {_param_label(model, big_key)}."
    with np.errstate(all="ignore"):
        plan = model.run_forward(xb)
        for nid in model.order:
            z = plan.values.get(f"z:{nid}")
            if z is not None and not np.isfinite(z.data).all():
                return nid, (f"Training diverged: the net input z of {spec.nodes[nid].label} "
                             "became infinite or NaN." + grew)
        for k, g in model.grads.items():
            if not np.isfinite(g).all():
                return k, (f"Training diverged: the gradient of {_param_label(model, k)} "
                           "became infinite or NaN." + grew)
    out = spec.nodes[model.output_id]
    return model.output_id, f"Training diverged: the loss at {out.label} became infinite or NaN." + grew


def _param_label(model: Model, key: str) -> str:
    kind, ident = key.split(":", 1)
    spec = model.spec
    if kind == "W":
        c = spec.connections[ident]
        return f"the weights {spec.nodes[c.src].label} → {spec.nodes[c.dst].label}"
    what = "bias" if kind == "b" else kind
    return f"the {what} of {spec.nodes[ident].label}"
