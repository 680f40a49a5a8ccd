"""Early stopping: end training when the held-out loss stops improving, keeping the best weights.

Training longer than the data supports over-fits: the training loss still
falls while the test loss rises. With a patience of N epochs, training stops
once the test loss (the training loss when there is no test set) has not
reached a new best for N epochs, and the weights of the best epoch are put
back. Simbrain and Weka offer the same; Keras calls it ``EarlyStopping`` with
``restore_best_weights``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # the trainer imports this module
    from .trainer import EpochInfo


@dataclass(frozen=True)
class EarlyStop:
    """Why and where training stopped early."""

    epoch: int
    best_epoch: int
    best_loss: float
    watched: str  # "test loss" or "training loss"

    def __str__(self) -> str:
        return (f"Stopped early at epoch {self.epoch}: the {self.watched} has not improved for "
                f"{self.epoch - self.best_epoch} epochs; the weights of epoch {self.best_epoch} "
                f"({self.watched} {self.best_loss:.4g}) are kept.")


class EarlyStopping:
    """The best epoch so far and its weights; told of each epoch's scores by the trainer."""

    def __init__(self, patience: int, theta: np.ndarray, epoch: int = 0):
        self.patience = int(patience)
        self.best_loss = math.inf
        self.best_epoch = epoch
        self._best_theta = theta.copy()

    def after_epoch(self, info: EpochInfo, theta: np.ndarray) -> EarlyStop | None:
        """Remember a new best, or stop: put the best weights back into ``theta`` and say why."""
        has_test = math.isfinite(info.test_loss)
        loss = info.test_loss if has_test else info.train_loss
        if loss < self.best_loss:
            self.best_loss, self.best_epoch = loss, info.epoch
            self._best_theta[...] = theta
            return None
        if info.epoch - self.best_epoch < self.patience:
            return None
        theta[...] = self._best_theta
        return EarlyStop(info.epoch, self.best_epoch, self.best_loss,
                         "test loss" if has_test else "training loss")

    def go_on(self, epoch: int) -> None:
        """Training continues after a stop (Play again): a fresh window of patience from ``epoch``."""
        self.best_epoch = epoch

    def state_dict(self) -> dict[str, Any]:
        return {"patience": self.patience, "best_loss": self.best_loss, "best_epoch": self.best_epoch,
                "best_theta": self._best_theta.copy()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.patience = int(state["patience"])
        self.best_loss, self.best_epoch = float(state["best_loss"]), int(state["best_epoch"])
        self._best_theta[...] = state["best_theta"]
