"""The one in-memory shape of a dataset, and the one exception for bad data.

Toy generators, the CSV reader and the shipped real datasets all return a
:class:`Dataset`, so the trainer, the panels and the command line handle a
single type. The constructor checks and normalises its arrays once: code that
receives a ``Dataset`` can trust its shapes and dtypes instead of re-checking.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Task = Literal["classification", "regression"]
TargetKind = Literal["onehot", "binary"]


#: Inputs and regression targets beyond this size are refused: standardising
#: squares them, and near 1e300 the spread overflows to infinity.
MAX_ABS_VALUE = 1e100


@dataclass(frozen=True)
class BadCell:
    """One bad row of a data file: where it is, what it holds, and why it cannot be used.

    ``row`` is numbered as a text editor numbers lines (the header is row 1);
    ``column`` is the column's name, or "" when the whole row is wrong.
    """

    row: int
    column: str
    value: str
    why: str

    def describe(self) -> str:
        col = f", column '{self.column}'" if self.column else ""
        return f"row {self.row}{col}: {self.why}"


class DataError(ValueError):
    """Any problem with data, worded for the person who supplied it.

    One type lets the designer catch every data problem in one place and show
    the message as it is; a ``ValueError`` subclass so plain scripts that
    already catch ``ValueError`` keep working. ``bad`` lists the bad rows of
    a file (up to a limit) so that a preview can mark them.
    """

    def __init__(self, message: str, bad: tuple[BadCell, ...] | list[BadCell] = ()) -> None:
        super().__init__(message)
        self.bad: tuple[BadCell, ...] = tuple(bad)


@dataclass
class Dataset:
    """Inputs, targets and the names a person needs to read them.

    Parameters
    ----------
    X : np.ndarray
        Inputs, shape ``(n, d)``; stored as float64.
    y : np.ndarray
        Classification: class indices ``0..C-1``, shape ``(n,)``, int64.
        Regression: targets, shape ``(n, k)``, float64 (a 1-D array is taken
        as ``k = 1``).
    task : {"classification", "regression"}
        Decides how ``y`` is read and which losses make sense.
    feature_names : list of str
        One per column of ``X``; the canvas labels the input units with them.
        Empty means ``x1, x2, ...``.
    class_names : list of str
        Classification only, one per class, in label order. Empty means
        ``"0", "1", ...`` up to the largest label. Must be empty for
        regression.
    name : str
        Shown in titles and stored in network files as the data reference.
    """

    X: np.ndarray
    y: np.ndarray
    task: Task
    feature_names: list[str] = field(default_factory=list)
    class_names: list[str] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        X = np.asarray(self.X)
        if X.ndim == 1:
            X = X.reshape(-1, 1)
        if X.ndim != 2:
            raise DataError(f"inputs must be a table (n rows x d columns), got shape {X.shape}")
        if not (np.issubdtype(X.dtype, np.number) or X.dtype == bool):
            raise DataError(f"inputs must be numbers, got {X.dtype}")
        X = np.array(X, dtype=np.float64)
        if not np.all(np.isfinite(X)):
            row, col = np.argwhere(~np.isfinite(X))[0]
            raise DataError(f"input row {row + 1}, column {col + 1} is not a finite number")
        _refuse_huge(X, "input")
        self.X = X
        n, d = X.shape

        if not self.feature_names:
            self.feature_names = [f"x{j + 1}" for j in range(d)]
        self.feature_names = [str(s) for s in self.feature_names]
        if len(self.feature_names) != d:
            raise DataError(f"{len(self.feature_names)} feature names for {d} input columns")
        self.class_names = [str(s) for s in self.class_names]

        if self.task == "classification":
            self.y = self._class_labels(self.y, n)
        elif self.task == "regression":
            self.y = self._regression_targets(self.y, n)
            if self.class_names:
                raise DataError("a regression dataset has no class names")
        else:
            raise DataError(f"task must be 'classification' or 'regression', not {self.task!r}")

    def _class_labels(self, y: np.ndarray, n: int) -> np.ndarray:
        """Check labels are whole numbers in ``0..C-1``; fill missing class names."""
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.ndim != 1 or y.shape[0] != n:
            raise DataError(f"classification labels must have shape ({n},), got {y.shape}")
        if y.dtype.kind in "fc":
            if not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
                raise DataError("classification labels must be whole numbers 0, 1, 2, ...")
        elif y.dtype.kind not in "iub":
            raise DataError(f"classification labels must be whole numbers, got {y.dtype}")
        y = y.astype(np.int64)
        if n and y.min() < 0:
            raise DataError("classification labels must not be negative")
        top = int(y.max()) + 1 if n else 0
        if not self.class_names:
            self.class_names = [str(c) for c in range(top)]
        if top > len(self.class_names):
            raise DataError(
                f"label {top - 1} has no class name (only {len(self.class_names)} names given)"
            )
        return y

    @staticmethod
    def _regression_targets(y: np.ndarray, n: int) -> np.ndarray:
        """Check targets are finite numbers and give them the ``(n, k)`` shape."""
        y = np.asarray(y)
        if y.ndim == 1:
            y = y.reshape(-1, 1)
        if y.ndim != 2 or y.shape[0] != n:
            raise DataError(f"regression targets must have shape ({n}, k), got {y.shape}")
        if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
            raise DataError(f"regression targets must be numbers, got {y.dtype}")
        y = np.array(y, dtype=np.float64)
        if not np.all(np.isfinite(y)):
            raise DataError("regression targets must be finite numbers")
        _refuse_huge(y, "target")
        return y

    def __len__(self) -> int:
        return self.X.shape[0]

    @property
    def n_samples(self) -> int:
        """Number of rows."""
        return self.X.shape[0]

    @property
    def n_features(self) -> int:
        """Number of input columns, i.e. units in the input group."""
        return self.X.shape[1]

    @property
    def n_classes(self) -> int:
        """Number of classes; 0 for regression."""
        return len(self.class_names) if self.task == "classification" else 0

    @property
    def n_outputs(self) -> int:
        """Width of ``targets()``: classes for classification, k for regression."""
        return self.n_classes if self.task == "classification" else self.y.shape[1]

    def targets(self, kind: TargetKind | None = None) -> np.ndarray:
        """Targets as the float matrix a loss compares the network output with.

        Parameters
        ----------
        kind : {"onehot", "binary"}, optional
            ``"onehot"``: ``(n, C)`` rows with a single 1, for softmax +
            cross-entropy. ``"binary"``: a ``(n, 1)`` column of 0/1, for one
            sigmoid output with binary cross-entropy; needs exactly two
            classes. ``None`` (default): one-hot for classification, the
            ``(n, k)`` targets for regression.

        Returns
        -------
        np.ndarray
            A new float64 array; changing it does not change the dataset.
        """
        if self.task == "regression":
            if kind is not None:
                raise DataError(f"{kind!r} targets need class labels; this dataset is regression")
            return self.y.copy()
        if kind in (None, "onehot"):
            out = np.zeros((self.n_samples, self.n_classes))
            out[np.arange(self.n_samples), self.y] = 1.0
            return out
        if kind == "binary":
            if self.n_classes != 2:
                raise DataError(
                    f"a single 0/1 output needs 2 classes; {self.name or 'this dataset'} "
                    f"has {self.n_classes}"
                )
            return self.y.astype(np.float64).reshape(-1, 1)
        raise DataError(f"target kind must be 'onehot' or 'binary', not {kind!r}")

    def subset(self, idx: np.ndarray | list[int] | slice) -> Dataset:
        """Rows ``idx`` (indices, boolean mask or slice) as a new dataset.

        The arrays are copies and the names are kept, so train and test parts
        can be transformed independently and still label the same classes.
        """
        if not isinstance(idx, slice):
            idx = np.asarray(idx)
            if idx.dtype != bool and idx.size == 0:
                idx = idx.astype(np.int64)
            if idx.dtype.kind not in "iub":
                raise DataError(f"row indices must be integers or a boolean mask, got {idx.dtype}")
        try:
            X, y = self.X[idx], self.y[idx]
        except IndexError as exc:
            raise DataError(f"cannot take rows from {self.n_samples} samples: {exc}") from None
        return Dataset(
            X=X.copy(),
            y=y.copy(),
            task=self.task,
            feature_names=list(self.feature_names),
            class_names=list(self.class_names),
            name=self.name,
        )


def _refuse_huge(a: np.ndarray, what: str) -> None:
    """Refuse values no standardiser can scale (their squares overflow), naming the first."""
    if a.size and float(np.abs(a).max()) > MAX_ABS_VALUE:
        row, col = np.argwhere(np.abs(a) > MAX_ABS_VALUE)[0]
        raise DataError(f"{what} row {row + 1}, column {col + 1} holds {a[row, col]:.3g}, larger than "
                        f"{MAX_ABS_VALUE:.0e} in size: rescale the data (standardising it would overflow)")
