"""Every dataset the program offers by name: shipped real sets and toy sets.

A network file stores its data as a name; this module turns the name back
into a :class:`Dataset`. Real datasets are plain CSV files in
``resources/datasets/`` read by :func:`load_csv`, so they need nothing beyond
NumPy and the standard library, and a person can open them in a spreadsheet.
"""
from __future__ import annotations

import functools

from ..resources import resource_path
from .csvfile import load_csv
from .dataset import DataError, Dataset
from .toy import TOY_DATASETS, make_toy

#: Real datasets: name -> file in resources/datasets (target = last column).
REAL_DATASETS: dict[str, str] = {
    "iris": "iris.csv",
    "digits": "digits.csv.gz",
    "lecture-linear": "lecture-linear.csv",
    "lecture-sigmoid": "lecture-sigmoid.csv",
    "lecture-3-3-3": "lecture-3-3-3.csv",
}

#: The few rows that go with the lecture's example networks (the worked
#: sample first): kept exactly as written, never standardised or split.
LECTURE_DATASETS: tuple[str, ...] = ("lecture-linear", "lecture-sigmoid", "lecture-3-3-3")

#: Real datasets whose target is a number to predict rather than a class.
_REGRESSION = {"lecture-linear"}

#: Every name :func:`load_dataset` accepts, real sets first.
DATASET_NAMES: tuple[str, ...] = (*REAL_DATASETS, *TOY_DATASETS)


def load_dataset(name: str) -> Dataset:
    """Load a shipped real dataset or generate a toy one with default settings.

    Parameters
    ----------
    name : str
        One of :data:`DATASET_NAMES`. Toy sets use the defaults of
        :func:`make_toy` (call it directly to choose size, noise or seed).

    Raises
    ------
    DataError
        For an unknown name, or if a shipped file is missing or damaged (a
        broken installation, reported with the places searched).
    """
    if not isinstance(name, str):
        raise DataError(f"a dataset name must be text, not {name!r}")
    if name in REAL_DATASETS:
        ds = _shipped(name)
        return Dataset(ds.X.copy(), ds.y.copy(), ds.task, list(ds.feature_names), list(ds.class_names), ds.name)
    if name in TOY_DATASETS:
        return make_toy(name)
    raise DataError(f"unknown dataset {name!r}; choose one of: {', '.join(DATASET_NAMES)}")


@functools.lru_cache(maxsize=None)
def _shipped(name: str) -> Dataset:
    """A shipped file read once per process (digits took 0.3 s a read, and was read on every open);
    callers get copies, so the cached arrays are never changed.
    """
    try:
        path = resource_path("datasets", REAL_DATASETS[name])
    except FileNotFoundError as exc:
        raise DataError(f"the {name} dataset is not installed: {exc}") from None
    task = "regression" if name in _REGRESSION else "classification"
    return load_csv(path, task=task, name=name)
