"""The lecture's two-weight network y = σ(w₂ σ(w₁ x)) and its training data.

Small enough to draw its whole loss surface over (w₁, w₂): under squared
error and under cross-entropy neither surface is convex.
"""
from __future__ import annotations

import numpy as np

from ..metrics import Targets
from ..parameters import Params
from ..spec import NetworkSpec, Node


def lecture_network(loss: str = "mse", w1: float = 0.0, w2: float = 0.0) -> tuple[NetworkSpec, Params]:
    """The lecture's y = σ(w₂ σ(w₁ x)): one input, one logistic hidden neuron, one logistic output, no biases.

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


