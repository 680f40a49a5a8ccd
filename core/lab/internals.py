"""Optimiser internals per parameter: gradient, velocity, ŝ, r̂, effective step and learning rate.

:func:`optimizer_internals` reads an optimiser's next step without taking
it; :func:`training_state` rebuilds a paused trainer's model and optimiser
from a snapshot's copies; :func:`warm_up` trains a copy of a network a few
steps first (a generator, so the designer runs it as a job), so momentum
and the adaptive accumulators have a history to show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generator

import numpy as np

from ..metrics import Targets
from ..model import Model, compile_model
from ..optim import Optimizer, make_optimizer
from ..parameters import Params
from ..progress import Progress
from ..spec import NetworkSpec
from ..trainer import Divergence, Trainer, TrainingSettings


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


@dataclass
class WarmedUp:
    """A copy of a network trained ``steps`` steps, with the gradient of the whole training set.

    ``saved_state`` says what became of the document's saved optimiser
    state: ``"loaded"``, ``"stale"`` (it no longer fits the network) or
    None (there was none).
    """

    model: Model
    optimizer: Optimizer
    steps: int
    saved_state: str | None
    diverged: Divergence | None


def warm_up(spec: NetworkSpec, params: Params, train: Targets, settings: TrainingSettings,
            optimizer_state: dict | None = None, steps: int = 0) -> Generator[Progress, None, WarmedUp]:
    """Train a copy of the network ``steps`` steps from its optimiser's saved state, one step per yield.

    Stops early when training diverges. The network given is not changed.
    """
    model = compile_model(spec, params)
    saved = None
    with np.errstate(all="ignore"):
        trainer = Trainer(model, train, None, settings, grad_norm_every=0)
    if optimizer_state:
        try:
            trainer.optimizer.load_state_dict(optimizer_state)
            saved = "loaded"
        except ValueError:
            saved = "stale"
    for k in range(steps):
        with np.errstate(all="ignore"):
            info = trainer.step()
        if info is None:
            break
        yield Progress((k + 1) / steps)
    with np.errstate(all="ignore"):
        model.loss_and_grad(train.X, train.Y)
    return WarmedUp(model, trainer.optimizer, trainer.step_count, saved, trainer.diverged)
