"""Where a network's data comes from and how it is prepared, as plain settings.

A :class:`DataSource` is what a ``.ffn`` file stores as its dataset
reference, what the command line's ``--data`` builds and what the designer's
data panel edits: a dataset name (toy, shipped or a CSV path), the toy
generator's size/noise/seed, the split, the derived features and whether to
standardise. :meth:`DataSource.prepare` turns it into model-ready
:class:`~core.metrics.Targets`, fitting the standardiser on the training
part only and remembering its statistics so a saved file reproduces them.

``points`` holds hand-drawn 2-D points (see :mod:`core.data.points`); when it
is set they *are* the data, whatever ``name`` says, so the designer, the
command line and the lab all train on what a person drew.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..metrics import Targets, encode_targets
from .csvfile import load_csv
from .dataset import DataError, Dataset
from .points import check_points, points_dataset
from .datasets import LECTURE_DATASETS, REAL_DATASETS, load_dataset
from .preprocess import FEATURES, Standardizer, derive_dataset, train_test_split
from .toy import TOY_DATASETS, make_toy


@dataclass
class PreparedData:
    """A dataset split and encoded for one network."""

    dataset: Dataset
    train: Targets
    test: Targets
    standardizer: Standardizer | None
    train_set: Dataset
    test_set: Dataset


@dataclass
class DataSource:
    """A dataset reference and its preprocessing."""

    name: str = "xor"
    path: str | None = None
    target: str | None = None
    n: int = 200
    noise: float = 0.0
    seed: int = 0
    test_fraction: float = 0.2
    features: list[str] = field(default_factory=list)
    standardize: bool = False
    standardizer: dict[str, Any] | None = None
    points: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DataSource":
        """A source from plain data; drawn points are checked (they may come from a file)."""
        src = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        if src.points is not None:
            src.points = check_points(src.points)
        return src

    @classmethod
    def from_argument(cls, arg: str, target: str | None = None) -> "DataSource":
        """``xor``, ``digits`` or ``path/to/file.csv``, as typed on the command line."""
        if arg.lower().endswith((".csv", ".csv.gz", ".txt")) or "/" in arg or "\\" in arg:
            return cls(name="csv", path=arg, target=target, standardize=True)
        if arg not in TOY_DATASETS and arg not in REAL_DATASETS:
            known = ", ".join([*TOY_DATASETS, *REAL_DATASETS])
            raise DataError(f"unknown dataset {arg!r}; use one of {known} or a .csv file")
        if arg in LECTURE_DATASETS:
            return cls(name=arg, test_fraction=0.0)
        return cls(name=arg, standardize=arg in REAL_DATASETS)

    @property
    def label(self) -> str:
        if self.points is not None:
            return "drawn points"
        return Path(self.path).name if self.name == "csv" and self.path else self.name

    def load(self, base: Path | None = None) -> Dataset:
        """The raw dataset, with derived features applied."""
        if self.points is not None:
            ds = points_dataset(self.points)
        elif self.name == "csv":
            if not self.path:
                raise DataError("the data source is a CSV file but no path is given")
            p = Path(self.path)
            if not p.is_absolute() and base is not None and (base / p).exists():
                p = base / p
            ds = load_csv(p, target=self.target)
        elif self.name in TOY_DATASETS:
            ds = make_toy(self.name, n=self.n, noise=self.noise, seed=self.seed)
        else:
            ds = load_dataset(self.name)
        if self.features:
            unknown = [f for f in self.features if f not in FEATURES]
            if unknown:
                raise DataError(f"unknown input feature(s): {', '.join(unknown)}")
            ds = derive_dataset(ds, self.features)
        return ds

    def prepare(self, n_outputs: int, base: Path | None = None,
                dataset: Dataset | None = None, n_inputs: int | None = None) -> PreparedData:
        """Split, standardise (fitted on the training part) and encode for ``n_outputs`` units.

        The one way data reaches a network: training, the stepper, the lab
        panels and the command line all call this, so they see the same
        samples (drawn points and derived features included). ``n_inputs``:
        refuse data whose feature count does not match the input node.
        """
        ds = dataset if dataset is not None else self.load(base)
        if n_inputs is not None and ds.n_features != n_inputs:
            names = ", ".join(ds.feature_names) if ds.feature_names else f"{ds.n_features} columns"
            raise DataError(f"{self.label} has {ds.n_features} input feature(s) ({names}) but the "
                            f"input node has {n_inputs} unit(s): give the input node {ds.n_features} units")
        if self.test_fraction > 0 and len(ds) >= 4:
            train, test = train_test_split(ds, self.test_fraction, self.seed)
        else:
            train, test = ds, ds.subset(slice(0, 0))
        scaler = None
        if self.standardize:
            if self.standardizer is not None:
                scaler = Standardizer.from_dict(self.standardizer)
            else:
                scaler = Standardizer().fit(train.X)
                self.standardizer = scaler.to_dict()
            train = scaler.transform(train)
            test = scaler.transform(test) if len(test) else test
        try:
            enc = [encode_targets(part.X, part.y, part.task, n_outputs, ds.n_classes or None)
                   for part in (train, test)]
        except ValueError as e:
            raise DataError(f"{self.label}: {e}") from None
        return PreparedData(ds, enc[0], enc[1], scaler, train, test)
