"""Preparing data for training: train/test split, standardisation, derived features.

Each step is kept separate and explicit because each is a lesson: the split
shows overfitting, the standardiser shows why input scale matters for
gradient descent (and that its statistics must come from the training part
only, or the test score flatters), and the derived features show that
``x1*x2`` lets a single neuron solve XOR.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, TypeVar

import numpy as np

from .dataset import DataError, Dataset

ArrayOrDataset = TypeVar("ArrayOrDataset", np.ndarray, Dataset)


def train_test_split(
    ds: Dataset, test_fraction: float = 0.2, seed: int | None = 0, stratify: bool = True
) -> tuple[Dataset, Dataset]:
    """Split rows at random into a training and a test part.

    Parameters
    ----------
    ds : Dataset
        The data to split.
    test_fraction : float
        Share of rows for the test part, strictly between 0 and 1. The test
        part gets ``round(n * test_fraction)`` rows, but at least one and
        leaving at least one for training.
    seed : int or None
        Seed for ``np.random.default_rng``: the same seed gives the same split.
    stratify : bool
        For classification, give each class the same share in both parts
        (up to rounding), so a small test set still holds every class. Ignored
        for regression.

    Returns
    -------
    (train, test) : tuple of Dataset
        Both keep the rows in their original order; shuffling for training is
        the trainer's job.
    """
    try:
        f = float(test_fraction)
    except (TypeError, ValueError):
        raise DataError(f"the test fraction must be a number, not {test_fraction!r}") from None
    if not 0.0 < f < 1.0:
        raise DataError(f"the test fraction must be between 0 and 1 (exclusive), not {f}")
    n = ds.n_samples
    if n < 2:
        raise DataError(f"cannot split {n} sample(s) into a training and a test part")
    n_test = min(max(int(round(n * f)), 1), n - 1)
    rng = np.random.default_rng(seed)

    if stratify and ds.task == "classification":
        test = _stratified_test_rows(ds.y, n_test, rng)
    else:
        test = rng.permutation(n)[:n_test]
    is_test = np.zeros(n, dtype=bool)
    is_test[test] = True
    return ds.subset(~is_test), ds.subset(is_test)


def _stratified_test_rows(y: np.ndarray, n_test: int, rng: np.random.Generator) -> np.ndarray:
    """Pick test rows class by class, quotas by the largest-remainder rule.

    The quotas add up to exactly ``n_test``; each class's quota is its
    proportional share rounded down, and the rows left over go to the
    classes with the largest fractional parts (ties: lower class first).
    """
    classes, counts = np.unique(y, return_counts=True)
    ideal = n_test * counts / counts.sum()
    quota = np.floor(ideal).astype(np.int64)
    leftover = n_test - int(quota.sum())
    quota[np.argsort(-(ideal - quota), kind="stable")[:leftover]] += 1
    picks = [
        rng.permutation(np.flatnonzero(y == c))[:q] for c, q in zip(classes, quota)
    ]
    return np.concatenate(picks)


class Standardizer:
    """Shift and scale each input column to mean 0 and standard deviation 1.

    Gradient descent converges much faster when inputs share one scale, and
    the weight initialisation assumes inputs of about unit size. Fit it on the
    training part only and apply it unchanged to the test part and to new
    inputs: the test part must stay unseen. Constant columns keep scale 1 (they
    become 0) instead of dividing by zero.

    ``fit``/``transform`` accept an array ``(n, d)`` or a :class:`Dataset`
    (whose ``X`` is transformed) and return the same kind.
    """

    #: A column whose standard deviation is below this times max(1, |mean|)
    #: counts as constant (rounding noise, not information).
    CONSTANT_TOL = 1e-12

    def __init__(self, mean: np.ndarray | None = None, scale: np.ndarray | None = None) -> None:
        self.mean_: np.ndarray | None = None
        self.scale_: np.ndarray | None = None
        if mean is not None or scale is not None:
            self._set(mean, scale)

    @property
    def fitted(self) -> bool:
        """Whether the statistics are known (by ``fit`` or ``from_dict``)."""
        return self.mean_ is not None

    def fit(self, data: np.ndarray | Dataset) -> Standardizer:
        """Learn each column's mean and standard deviation from ``data``."""
        X = _inputs(data)
        if X.shape[0] == 0:
            raise DataError("cannot fit a standardiser on zero rows")
        # an exactly constant column keeps its value as mean, so it becomes
        # exactly 0 (np.mean of 0.1, 0.1, 0.1 is not exactly 0.1)
        mean = np.where(np.all(X == X[0], axis=0), X[0], X.mean(axis=0))
        std = X.std(axis=0)
        constant = std <= self.CONSTANT_TOL * np.maximum(1.0, np.abs(mean))
        self.mean_ = mean
        self.scale_ = np.where(constant, 1.0, std)
        return self

    def transform(self, data: ArrayOrDataset) -> ArrayOrDataset:
        """``(X - mean) / scale`` with the fitted statistics."""
        mean, scale = self._stats(data)
        return _with_inputs(data, (_inputs(data) - mean) / scale)

    def inverse_transform(self, data: ArrayOrDataset) -> ArrayOrDataset:
        """Back to the original units, e.g. to label plot axes in centimetres."""
        mean, scale = self._stats(data)
        return _with_inputs(data, _inputs(data) * scale + mean)

    def fit_transform(self, data: ArrayOrDataset) -> ArrayOrDataset:
        """``fit(data)`` then ``transform(data)``, for the training part."""
        return self.fit(data).transform(data)

    def to_dict(self) -> dict[str, list[float]]:
        """Plain lists, so a network file can store them in JSON."""
        if not self.fitted:
            raise DataError("the standardiser has not been fitted yet")
        assert self.mean_ is not None and self.scale_ is not None
        return {"mean": self.mean_.tolist(), "scale": self.scale_.tolist()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Standardizer:
        """Rebuild from :meth:`to_dict` output; a bad dict is a DataError."""
        if not isinstance(d, dict) or "mean" not in d or "scale" not in d:
            raise DataError("standardiser settings need a 'mean' and a 'scale' list")
        return cls(d["mean"], d["scale"])

    def _set(self, mean: Any, scale: Any) -> None:
        try:
            m = np.asarray(mean, dtype=np.float64)
            s = np.asarray(scale, dtype=np.float64)
        except (TypeError, ValueError):
            raise DataError("standardiser mean and scale must be lists of numbers") from None
        if m.ndim != 1 or s.shape != m.shape:
            raise DataError(
                f"standardiser mean and scale must be lists of equal length, "
                f"got shapes {m.shape} and {s.shape}"
            )
        if not (np.all(np.isfinite(m)) and np.all(np.isfinite(s)) and np.all(s > 0)):
            raise DataError("standardiser means must be finite and scales finite and positive")
        self.mean_, self.scale_ = m, s

    def _stats(self, data: np.ndarray | Dataset) -> tuple[np.ndarray, np.ndarray]:
        if self.mean_ is None or self.scale_ is None:
            raise DataError("the standardiser has not been fitted yet")
        d = _inputs(data).shape[1]
        if d != self.mean_.shape[0]:
            raise DataError(
                f"the standardiser was fitted on {self.mean_.shape[0]} columns, "
                f"but this data has {d}"
            )
        return self.mean_, self.scale_


def _inputs(data: np.ndarray | Dataset) -> np.ndarray:
    """The ``(n, d)`` float input matrix of an array or a dataset."""
    try:
        X = data.X if isinstance(data, Dataset) else np.asarray(data, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError("inputs must be a table of numbers") from None
    if X.ndim != 2:
        raise DataError(f"inputs must be a table (n rows x d columns), got shape {X.shape}")
    return X


def _with_inputs(data: ArrayOrDataset, X: np.ndarray) -> ArrayOrDataset:
    """Same kind as ``data`` (array or dataset) carrying the new inputs ``X``."""
    if isinstance(data, Dataset):
        return dataclasses.replace(data, X=X)
    return X


#: Derived features of 2-D inputs, by name, in the order a menu shows them.
FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin x1": lambda x1, x2: np.sin(x1),
    "sin x2": lambda x1, x2: np.sin(x2),
}


def derive_features(X2d: np.ndarray, names: list[str]) -> np.ndarray:
    """Columns computed from the two inputs ``x1, x2``, one per name.

    Parameters
    ----------
    X2d : np.ndarray
        Shape ``(n, 2)``: a toy dataset's ``x1`` and ``x2``.
    names : list of str
        Keys of :data:`FEATURES`, in the column order wanted; no repeats.

    Returns
    -------
    np.ndarray
        Shape ``(n, len(names))``, float64.
    """
    try:
        X = np.asarray(X2d, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError("derived features need a table of numbers") from None
    if X.ndim != 2 or X.shape[1] != 2:
        raise DataError(
            "derived features need 2-D data (two input columns, x1 and x2); "
            f"this data has shape {X.shape}"
        )
    if isinstance(names, str) or not names:
        raise DataError("choose at least one feature, as a list of names")
    unknown = [nm for nm in names if nm not in FEATURES]
    if unknown:
        raise DataError(
            f"unknown feature {unknown[0]!r}; the features are: {', '.join(FEATURES)}"
        )
    if len(set(names)) != len(names):
        raise DataError(f"each feature can be chosen once; got {list(names)}")
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([FEATURES[nm](x1, x2) for nm in names])


def derive_dataset(ds: Dataset, names: list[str]) -> Dataset:
    """``ds`` with its two inputs replaced by the derived ``names`` columns."""
    return dataclasses.replace(ds, X=derive_features(ds.X, names), feature_names=list(names))
