"""Vanishing and exploding gradients: per-layer gradient norms of deep stacks.

:func:`deep_stack` builds the stack, :func:`gradient_norms` measures it at
initialisation, :func:`compare_depth` is the lecture's one-click
comparison, and :func:`train_steps` trains it a few steps as a generator
(the designer runs it as a job and draws the norms as they come).
"""
from __future__ import annotations

from typing import Generator

import numpy as np

from ..metrics import Targets
from ..model import Model, compile_model
from ..parameters import init_parameters
from ..progress import Progress
from ..spec import NetworkSpec, Node
from ..trainer import Trainer



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


def train_steps(trainer: Trainer, steps: int) -> Generator[Progress, None, int]:
    """Step ``trainer`` until it has made ``steps`` steps or diverged, one step per yield.

    Yields ``Progress(fraction, step count)``; returns the step count. A
    divergence is caught and reported by the trainer (``trainer.diverged``),
    so overflow warnings are silenced.
    """
    start = trainer.step_count
    todo = max(steps - start, 1)
    while trainer.step_count < steps and trainer.diverged is None:
        with np.errstate(all="ignore"):
            trainer.step()
        yield Progress((trainer.step_count - start) / todo, trainer.step_count)
    return trainer.step_count
