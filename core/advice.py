"""What to change when the loss stays flat: read off a run's epochs, so the designer only shows it.

A student whose loss sits still for many epochs does not know whether to
wait, raise the learning rate or start again. TensorFlow Playground leaves
them guessing; here the run's own numbers decide which of the usual
remedies fits, and the designer offers it as a button:

- ε far below the optimiser's starting value: steps too small to move (ε × 10);
- ε far above it: steps that overshoot and bounce (ε ÷ 10);
- otherwise: stuck units (saturated or dead) or an unlucky start (new random weights).

Nothing is advised while the loss still falls, or once the network does well;
a slow fall counts only while little is learnt and ε is small (the reported
case: XOR at Adam's textbook ε = 0.001 crept from 0.99 to 0.65 in 100 epochs).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .defaults import START_LR
from .trainer import EpochInfo, TrainingSettings

#: Epochs the loss must stay flat for before anything is said.
WINDOW = 15
#: "Flat": the training loss fell by less than this share over the window.
FLAT = 0.01
#: "Slow": it fell by less than this share, while the metric stays poor and ε is small.
SLOW = 0.10
#: A training metric (accuracy or R²) at which the network counts as doing well.
GOOD_METRIC = 0.95
#: A training metric this low after a window of epochs has barely begun to learn.
POOR_METRIC = 0.75


@dataclass(frozen=True)
class Advice:
    """One remedy: why, and what the button does (``action``: raise_lr, lower_lr or new_weights)."""

    message: str
    action: str
    button: str


def flat_loss_advice(epochs: Sequence[EpochInfo], settings: TrainingSettings,
                     window: int = WINDOW) -> Advice | None:
    """The remedy for a run whose training loss has stayed flat for ``window`` epochs, else None."""
    if len(epochs) <= window:
        return None
    last, first = epochs[-1], epochs[-1 - window]
    if not (last.train_metric < GOOD_METRIC) or not first.train_loss > 0:
        return None  # doing well already (or nothing to compare)
    drop = (first.train_loss - last.train_loss) / first.train_loss
    lr = float(settings.hyper.get("lr", 0.0))
    start = START_LR.get(settings.optimizer)
    small_lr = start is not None and 0 < lr <= start / 5
    if drop > SLOW or (drop > FLAT and not (small_lr and last.train_metric < POOR_METRIC)):
        return None  # still falling (a slow fall is news only when ε is small and little is learnt)
    how = "stayed near" if drop <= FLAT else "fallen only slowly to"
    flat = (f"The training loss has {how} {last.train_loss:.3g} over {window} epochs "
            f"(epoch {first.epoch} → {last.epoch}).")
    if small_lr:
        return Advice(f"{flat} The learning rate ε = {lr:g} is small for this network: each step barely "
                      f"moves the weights. Try a larger one (it starts at {start:g}).", "raise_lr", "ε × 10")
    if start is not None and lr >= start * 20:
        return Advice(f"{flat} The learning rate ε = {lr:g} is large: the steps may overshoot and bounce "
                      "around the minimum. Try a smaller one.", "lower_lr", "ε ÷ 10")
    return Advice(f"{flat} The network may be stuck: units saturated or dead (see the Activations "
                  "panel), or a poor start. Try new random weights, or more hidden units.",
                  "new_weights", "New random weights")
