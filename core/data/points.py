"""Hand-drawn 2-D points as part of a data source.

The designer lets a person click points onto the input plane. They used to
live in the designer's free ``view`` settings, so the command line and the
lab never saw them; now :class:`~core.data.source.DataSource` carries them
as ``points`` and every consumer trains on the same data.

The payload is plain JSON so a ``.ffn`` file can store it::

    {"X": [[x1, x2], ...], "y": [...], "task": "classification" | "regression",
     "class_names": [...], "name": "drawn"}

A file is untrusted, so :func:`check_points` validates a payload before
anything is built from it, cheaply (lengths and types, never a loop that a
hostile number can make long) and with messages that name the field and
the limit instead of echoing the value.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .dataset import DataError, Dataset

__all__ = ["MAX_CLASSES", "MAX_NAME", "MAX_POINTS", "check_points", "points_dataset",
           "points_payload", "with_point", "without_nearest"]

#: Points a person can sensibly draw; far more than a click-drawn set ever has.
MAX_POINTS = 10_000
#: Classes of drawn points: also caps the class names a label can ask for
#: (a label of 10**12 once made the designer build 10**12 names).
MAX_CLASSES = 32
#: Length of the dataset's name and of each class name.
MAX_NAME = 100
TASKS = ("classification", "regression")


def _bad(field: str, expected: str) -> DataError:
    return DataError(f"drawn points: {field} must be {expected}")


def _is_number(v: Any) -> bool:
    """A finite int or float; bool is refused (``True`` is not a coordinate)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _short_text(v: Any, field: str) -> str:
    if not isinstance(v, str) or len(v) > MAX_NAME:
        raise _bad(field, f"text of at most {MAX_NAME} characters")
    return v


def check_points(raw: Any) -> dict[str, Any]:
    """A validated copy of an untrusted points payload.

    Raises
    ------
    DataError
        Naming the field, what was expected and the limit, e.g.
        ``drawn points: y[3] must be a class number from 0 to 31``.
    """
    if not isinstance(raw, dict):
        raise _bad("the points", "an object with X, y and task")
    task = raw.get("task", "classification")
    if task not in TASKS:
        raise _bad("task", "'classification' or 'regression'")
    X, y = raw.get("X"), raw.get("y")
    if not isinstance(X, list) or len(X) > MAX_POINTS:
        raise _bad("X", f"a list of at most {MAX_POINTS} points [x1, x2]")
    if not isinstance(y, list) or len(y) != len(X):
        raise _bad("y", f"a list as long as X ({len(X)} values)")
    for i, p in enumerate(X):
        if not (isinstance(p, list) and len(p) == 2 and _is_number(p[0]) and _is_number(p[1])):
            raise _bad(f"X[{i}]", "a point [x1, x2] of two finite numbers")
    if task == "classification":
        for i, v in enumerate(y):
            if not (isinstance(v, int) and not isinstance(v, bool) and 0 <= v < MAX_CLASSES):
                raise _bad(f"y[{i}]", f"a class number from 0 to {MAX_CLASSES - 1}")
    else:
        for i, v in enumerate(y):
            if not _is_number(v):
                raise _bad(f"y[{i}]", "a finite number")
    names = raw.get("class_names", [])
    if not isinstance(names, list) or len(names) > MAX_CLASSES:
        raise _bad("class_names", f"a list of at most {MAX_CLASSES} names")
    if task == "regression" and names:
        raise _bad("class_names", "empty for regression points")
    names = [_short_text(s, f"class_names[{i}]") for i, s in enumerate(names)]
    name = _short_text(raw.get("name", "drawn"), "name")
    return {"X": [[float(a), float(b)] for a, b in X],
            "y": [int(v) for v in y] if task == "classification" else [float(v) for v in y],
            "task": task, "class_names": names, "name": name or "drawn"}


def points_dataset(payload: dict[str, Any]) -> Dataset:
    """The points as a 2-D :class:`Dataset` (at least two classes for classification).

    The payload is checked first, so a hostile one fails with a
    :class:`DataError` instead of building something huge.
    """
    d = check_points(payload)
    X = np.asarray(d["X"], dtype=float).reshape(-1, 2)
    if d["task"] == "classification":
        y = np.asarray(d["y"], dtype=np.int64)
        names = list(d["class_names"])
        k = max(int(y.max(initial=0)) + 1, len(names), 2)
        names = names + [str(i) for i in range(len(names), k)]
        return Dataset(X, y, "classification", ["x1", "x2"], names, d["name"])
    y = np.asarray(d["y"], dtype=float).reshape(-1, 1)
    return Dataset(X, y, "regression", ["x1", "x2"], [], d["name"])


def points_payload(ds: Dataset) -> dict[str, Any]:
    """A dataset of 2-D points as the plain JSON payload a data source stores."""
    if ds.n_features != 2:
        raise DataError(f"drawn points have two inputs x1, x2; this dataset has {ds.n_features}")
    y = ds.y.tolist() if ds.task == "classification" else ds.y.reshape(-1).tolist()
    return {"X": ds.X.tolist(), "y": y, "task": ds.task, "class_names": list(ds.class_names),
            "name": ds.name or "drawn"}


def with_point(ds: Dataset, x: float, y: float, label: float) -> Dataset:
    """``ds`` (2-D) with one more point at (x, y): of class ``label``, or with target ``label`` in regression.

    The data plot's left click: the designer pushes the result as one undo entry.
    """
    if ds.n_features != 2:
        raise DataError(f"points can be drawn on 2-D data only, not on {ds.n_features} inputs")
    X = np.vstack([ds.X, [[x, y]]])
    if ds.task == "classification":
        k = int(label)
        if not 0 <= k < max(len(ds.class_names), 1):
            raise DataError(f"class {k} is not one of the {len(ds.class_names)} classes")
        return Dataset(X, np.concatenate([ds.y, [k]]), "classification", ["x1", "x2"], list(ds.class_names),
                       ds.name)
    return Dataset(X, np.vstack([ds.y.reshape(-1, 1), [[float(label)]]]), "regression", ["x1", "x2"], [], ds.name)


def without_nearest(ds: Dataset, x: float, y: float, radius: float, keep_at_least: int = 4) -> Dataset | None:
    """``ds`` without the point nearest (x, y), or None when none is within ``radius`` or too few would stay.

    The data plot's right click. A classification keeps at least two classes,
    so what is left can still be trained on.
    """
    if ds.n_features != 2 or len(ds) <= keep_at_least:
        return None
    d = np.hypot(ds.X[:, 0] - x, ds.X[:, 1] - y)
    i = int(np.argmin(d))
    if d[i] > radius:
        return None
    keep = np.ones(len(ds), bool)
    keep[i] = False
    new = ds.subset(keep)
    if new.task == "classification" and len(np.unique(new.y)) < 2:
        return None
    return new
