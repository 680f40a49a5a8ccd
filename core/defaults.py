"""The one set of starting settings: what New, the CLI's ``new`` and the examples begin with.

The optimisers' own defaults are the textbook's (Adam's ε = 0.001), which
suit large networks and long runs. A student's first network is small and
trains for 100 epochs: with ε = 0.001 and batches of 32, Input → Layer(4,
tanh) → Output ended XOR near chance (loss 0.654 against ln 2 ≈ 0.693).
These starting values make each toy data set learn with a small network in
the default epochs (``tests/core/test_defaults.py`` trains them all), and
each optimiser has its own starting learning rate, taken when a person
switches optimiser unless they chose a learning rate themselves.
"""
from __future__ import annotations

from typing import Mapping

from .optim import OPTIMIZERS
from .trainer import TrainingSettings

#: A learning rate ε per optimiser that makes a small network learn the toy sets in 100 epochs.
START_LR: dict[str, float] = {"sgd": 0.1, "momentum": 0.03, "adagrad": 0.1, "rmsprop": 0.01, "adam": 0.03}
#: Samples per mini-batch: small batches give a small network many steps per epoch.
BATCH_SIZE = 16
#: Epochs one Play runs for.
EPOCHS = 100
#: The optimiser a new network starts with.
OPTIMIZER = "adam"


def start_hyper(optimizer: str) -> dict[str, float]:
    """An optimiser's hyper-parameters as a new network starts them: its own, with the starting ε."""
    cls = OPTIMIZERS[optimizer]
    return {**cls.defaults, "lr": START_LR.get(optimizer, cls.defaults["lr"])}


def default_training(optimizer: str = OPTIMIZER, seed: int = 0) -> TrainingSettings:
    """The training settings of a new network."""
    return TrainingSettings(optimizer, start_hyper(optimizer), BATCH_SIZE, 0.0, seed, EPOCHS)


def switched_hyper(old: str, old_hyper: Mapping[str, float], new: str) -> dict[str, float]:
    """The hyper-parameters after switching from optimiser ``old`` to ``new``.

    The new optimiser's starting values, except that a learning rate the
    person chose (one that is not ``old``'s starting or textbook value) is
    kept: they set it on purpose.
    """
    hyper = start_hyper(new)
    lr = old_hyper.get("lr")
    if lr is not None and old in OPTIMIZERS:
        untouched = {START_LR.get(old), OPTIMIZERS[old].defaults["lr"]}
        if not any(v is not None and abs(float(lr) - v) <= 1e-12 * max(v, 1.0) for v in untouched):
            hyper["lr"] = float(lr)
    return hyper
