"""How well a network does, and the targets it is trained against.

Kept apart from the losses: a loss is what training minimises, a metric is
what a person reads (accuracy for classification, R² for regression).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Targets:
    """Data ready for a model: inputs, encoded targets, and what metrics compare.

    ``Y`` is what the loss sees (one-hot rows for a softmax output, a 0/1
    column for a single sigmoid unit, raw values for regression); ``labels``
    holds the class numbers for accuracy (None for regression).
    """

    X: np.ndarray
    Y: np.ndarray
    labels: np.ndarray | None
    task: str

    def __len__(self) -> int:
        return self.X.shape[0]

    def subset(self, idx: np.ndarray) -> "Targets":
        return Targets(self.X[idx], self.Y[idx], None if self.labels is None else self.labels[idx],
                       self.task)


def encode_targets(X: np.ndarray, y: np.ndarray, task: str, n_outputs: int,
                   n_classes: int | None = None) -> Targets:
    """Encode ``y`` for a network with ``n_outputs`` output units.

    Raises a ValueError that says how the data and the network disagree.
    """
    X = np.asarray(X, dtype=float)
    if task == "classification":
        labels = np.asarray(y).astype(np.int64).reshape(-1)
        k = int(n_classes if n_classes is not None else labels.max(initial=0) + 1)
        if n_outputs == 1:
            if k > 2:
                raise ValueError(f"the output has 1 unit but the data has {k} classes; "
                                 f"give the output {k} units (softmax)")
            Y = labels[:, None].astype(float)
        else:
            if n_outputs != k:
                raise ValueError(f"the output has {n_outputs} units but the data has {k} classes")
            Y = np.eye(k)[labels]
        return Targets(X, Y, labels, task)
    Y = np.asarray(y, dtype=float)
    if Y.ndim == 1:
        Y = Y[:, None]
    if Y.shape[1] != n_outputs:
        raise ValueError(f"the output has {n_outputs} units but the data has {Y.shape[1]} target columns")
    return Targets(X, Y, None, task)


def predicted_classes(outputs: np.ndarray) -> np.ndarray:
    """Argmax for several outputs; a threshold at 0.5 for a single unit."""
    if outputs.shape[1] == 1:
        return (outputs[:, 0] > 0.5).astype(np.int64)
    return outputs.argmax(axis=1)


def accuracy(outputs: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of samples whose predicted class is the true one."""
    if len(labels) == 0:
        return float("nan")
    return float((predicted_classes(outputs) == labels).mean())


def r2_score(outputs: np.ndarray, targets: np.ndarray) -> float:
    """Coefficient of determination 1 − SS_res / SS_tot, over all output columns."""
    targets = targets.reshape(outputs.shape)
    ss_res = float(((targets - outputs) ** 2).sum())
    ss_tot = float(((targets - targets.mean(axis=0)) ** 2).sum())
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")


def metric_name(task: str) -> str:
    """The name of the second number a person reads beside the loss."""
    return "accuracy" if task == "classification" else "R²"


def score(outputs: np.ndarray, data: Targets) -> float:
    """The metric that suits the task: accuracy or R²."""
    if data.task == "classification":
        return accuracy(outputs, data.labels)
    return r2_score(outputs, data.Y)


def confusion_matrix(outputs: np.ndarray, labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts ``[true class, predicted class]``."""
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (labels, predicted_classes(outputs)), 1)
    return cm
