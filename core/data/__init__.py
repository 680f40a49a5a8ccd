"""Data for training: the Dataset type, toy generators, CSV import, shipped
real datasets, and preprocessing (split, standardisation, derived features).

Headless: NumPy and the standard library only, never Qt.
"""
from __future__ import annotations

from .csvfile import load_csv
from .dataset import DataError, Dataset, Task
from .datasets import DATASET_NAMES, REAL_DATASETS, load_dataset
from .preprocess import FEATURES, Standardizer, derive_dataset, derive_features, train_test_split
from .toy import (
    TOY_DATASETS,
    circles,
    gaussians,
    make_toy,
    moons,
    regression,
    spiral,
    xor,
)

__all__ = [
    "DATASET_NAMES",
    "DataError",
    "Dataset",
    "FEATURES",
    "REAL_DATASETS",
    "Standardizer",
    "TOY_DATASETS",
    "Task",
    "circles",
    "derive_dataset",
    "derive_features",
    "gaussians",
    "load_csv",
    "load_dataset",
    "make_toy",
    "moons",
    "regression",
    "spiral",
    "train_test_split",
    "xor",
]
