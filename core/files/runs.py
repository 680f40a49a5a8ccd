"""The tree of runs in a file: network.json's ``runs`` and the arrays of ``runs.npz``.

Optional, like ``history.json``: a file without them loads as one run. The
JSON part (:func:`_check_runs_meta`) says which runs there are, their
parents and branch steps, what each changed, the settings its checkpoints
ran with and the settings changes during training; ``runs.npz`` holds the
checkpoints and curves as arrays, one row per checkpoint (the layout is in
:mod:`core.timeline.saved`). Both are checked completely, counts first and
every array's header before its data, as the other members are; the
saver runs the same checks on what it writes.
"""
from __future__ import annotations

import math
import zipfile
from typing import Any

import numpy as np

from ..optim import OPTIMIZERS
from ..timeline.branch import CHANGE_KEYS
from .arrays import _npz_entries, _parse_npy
from .checks import _bool, _fail, _get, _int, _list, _num, _obj, _str
from .common import (MAX_CHECKPOINTS, MAX_CONNECTIONS, MAX_RUN_ARRAYS, MAX_RUN_SETTINGS, MAX_RUNS,
                     MAX_SETTINGS_CHANGES, MAX_TOTAL_BYTES, NETWORK_MEMBER, RUNS_MEMBER, _Bad, _FLOAT_DTYPES,
                     _ID_RE)
from .validate import _check_hyper, _check_training, _Parts
from .zipsafe import _read_member

#: The newest version of the runs this program reads and writes.
RUNS_VERSION = 1
_MAX_STEP = 10**12
_INTS = (np.dtype(np.int64),)
_UINTS = (np.dtype(np.uint16), np.dtype(np.uint32), np.dtype(np.uint64))
_F64 = (np.dtype(np.float64),)
#: Each array of a run, and the dtypes it may have.
_RUN_ARRAYS = {"info": _INTS, "rng": (np.dtype(np.uint64),), "theta": _FLOAT_DTYPES, "perms": _UINTS,
               "early": _F64, "best": _FLOAT_DTYPES, "loss": _F64, "epochs": _F64, "gn_steps": _INTS, "gn": _F64}


def _check_runs_meta(raw: Any, parts: _Parts) -> dict[str, Any]:
    """network.json's ``runs``: version, the runs (parents before children), the current one."""
    path = ("runs",)
    _obj(raw, path)
    version = _get(raw, "version", path)
    if isinstance(version, int) and not isinstance(version, bool) and version > RUNS_VERSION:
        raise _Bad(f"{NETWORK_MEMBER} at $.runs.version: the runs were written by a newer Backprop Studio "
                   f"(runs format {version}); this one reads up to {RUNS_VERSION}. Update Backprop Studio")
    _int(version, path + ("version",), 1, RUNS_VERSION)
    runs = _list(_get(raw, "runs", path), path + ("runs",), MAX_RUNS, "runs allowed")
    if not runs:
        _fail(path + ("runs",), "at least one run", runs)
    changes = sum(len(r.get("settings_changes", [])) if isinstance(r, dict) and
                  isinstance(r.get("settings_changes", []), list) else 0 for r in runs)
    if changes > MAX_SETTINGS_CHANGES:
        raise _Bad(f"{NETWORK_MEMBER} at $.runs: {changes:,} settings changes, more than the "
                   f"{MAX_SETTINGS_CHANGES:,} allowed")
    ids: list[str] = []
    for i, r in enumerate(runs):
        ids.append(_check_run(r, path + ("runs", i), ids, parts))
    current = _get(raw, "current", path)
    if current not in ids:
        _fail(path + ("current",), "the id of one of the runs", current)
    nxt = _int(_get(raw, "next", path), path + ("next",), 1, 10**9)
    if any(i.isdigit() and int(i) >= nxt for i in ids):
        _fail(path + ("next",), "a number above every run's id", nxt)
    return raw


def _check_run(r: Any, path: tuple, ids: list[str], parts: _Parts) -> str:
    """One run's record; returns its id (``ids``: the runs before it, where its parent must be)."""
    _obj(r, path)
    rid = _get(r, "id", path)
    if not isinstance(rid, str) or not _ID_RE.match(rid) or rid in ids:
        _fail(path + ("id",), "a new id of 1-64 letters, digits, '_', '-', '.'", rid)
    _str(r.get("name", ""), path + ("name",), 200)
    parent = r.get("parent")
    if (parent is None) != (not ids) or (parent is not None and parent not in ids):
        _fail(path + ("parent",), "null for the first run, else the id of an earlier run", parent)
    first = _int(_get(r, "branch_step", path), path + ("branch_step",), 0, _MAX_STEP)
    _int(_get(r, "last", path), path + ("last",), first, _MAX_STEP)
    spacing = _int(_get(r, "spacing", path), path + ("spacing",), 1, 1 << 40)
    if spacing & (spacing - 1):
        _fail(path + ("spacing",), "a power of two", spacing)
    _check_branch_changes(r.get("changes", {}), path + ("changes",), parts, parent is None)
    pairs = _list(_get(r, "settings", path), path + ("settings",), MAX_RUN_SETTINGS)
    if not pairs:
        _fail(path + ("settings",), "at least one entry", pairs)
    for j, pair in enumerate(pairs):
        _check_pair(pair, path + ("settings", j))
    _check_settings_changes(_get(r, "settings_changes", path), path + ("settings_changes",), r)
    _check_stopped(_get(r, "stopped", path), path + ("stopped",))
    keys = _list(_get(r, "grad_norm_keys", path), path + ("grad_norm_keys",), MAX_CONNECTIONS)
    for j, k in enumerate(keys):
        _str(k, path + ("grad_norm_keys", j), 100)
    return rid


def _check_pair(pair: Any, path: tuple) -> None:
    """Settings and the optimiser's hyper-parameters, as a checkpoint ran with them."""
    _obj(pair, path)
    settings = _check_training(_get(pair, "settings", path), path + ("settings",))
    _check_hyper(_get(pair, "hyper", path), path + ("hyper",), settings.optimizer)


def _check_settings_changes(raw: Any, path: tuple, run: dict[str, Any]) -> None:
    changes = _list(raw, path, MAX_SETTINGS_CHANGES)
    after = run["branch_step"]
    for j, c in enumerate(changes):
        where = path + (j,)
        _obj(c, where)
        after = _int(_get(c, "step", where), where + ("step",), after + 1, run["last"])
        _check_pair(c, where)
        _bool(_get(c, "new_optimizer", where), where + ("new_optimizer",))
        _bool(_get(c, "went_on", where), where + ("went_on",))


def _check_stopped(raw: Any, path: tuple) -> None:
    row = -1
    for j, s in enumerate(_list(raw, path, MAX_CHECKPOINTS)):
        where = path + (j,)
        _obj(s, where)
        row = _int(_get(s, "row", where), where + ("row",), row + 1, MAX_CHECKPOINTS)
        epoch = _int(_get(s, "epoch", where), where + ("epoch",), 0, _MAX_STEP)
        _int(_get(s, "best_epoch", where), where + ("best_epoch",), 0, epoch)
        _num(_get(s, "best_loss", where), where + ("best_loss",))
        if _get(s, "watched", where) not in ("test loss", "training loss"):
            _fail(where + ("watched",), '"test loss" or "training loss"', s["watched"])


def _check_branch_changes(raw: Any, path: tuple, parts: _Parts, first: bool) -> None:
    """What a branch changed where it started (the first run changed nothing)."""
    _obj(raw, path)
    for key, v in raw.items():
        where = path + (key,)
        if key not in CHANGE_KEYS or first:
            _fail(path, "no changes for the first run" if first else f"changes among {', '.join(CHANGE_KEYS)}",
                  key)
        if key == "optimizer" and v not in OPTIMIZERS:
            _fail(where, f"one of {', '.join(OPTIMIZERS)}", v)
        elif key in ("lr", "l2"):
            _num(v, where, lo=0.0)
        elif key == "batch_size":
            _int(v, where, 1, 10_000_000)
        elif key == "data_seed":
            _int(v, where, 0, 2**63 - 1)
        elif key == "weight":
            _check_typed_weight(v, where, parts)


def _check_typed_weight(v: Any, path: tuple, parts: _Parts) -> None:
    _obj(v, path)
    param = _get(v, "param", path)
    shape = parts.shapes.get(param) if isinstance(param, str) else None
    if shape is None:
        _fail(path + ("param",), "a parameter of the network", param)
    index = _list(_get(v, "index", path), path + ("index",), len(shape))
    if len(index) != len(shape):
        _fail(path + ("index",), f"{len(shape)} indices", index)
    for j, (i, n) in enumerate(zip(index, shape)):
        _int(i, path + ("index", j), 0, n - 1)
    _num(_get(v, "value", path), path + ("value",))


# --- runs.npz --------------------------------------------------------------------------------

def _read_runs_arrays(zf: zipfile.ZipFile, info: zipfile.ZipInfo, meta: dict[str, Any],
                      budget: list[int]) -> dict[str, np.ndarray]:
    """The arrays of runs.npz: every name known before anything is unpacked, each header before its data."""
    inner, by_key = _npz_entries(zf, info, budget, RUNS_MEMBER, MAX_RUN_ARRAYS)
    arrays: dict[str, np.ndarray] = {}
    for key in by_key:
        _array_dtypes(key, len(meta["runs"]))
    for key, i in by_key.items():
        label = f"{RUNS_MEMBER}: {key}"
        data = _read_member(inner, i, MAX_TOTAL_BYTES, budget, label, packed_charged=True)
        arrays[key] = _parse_npy(data, label, _array_dtypes(key, len(meta["runs"])))
    return arrays


def _array_dtypes(key: str, n_runs: int) -> tuple[np.dtype, ...]:
    """The dtypes the array ``r<i>.<name>`` may have; a name no run has is refused."""
    run, _, name = key.partition(".")
    ok = run[:1] == "r" and run[1:].isdigit() and int(run[1:]) < n_runs and str(int(run[1:])) == run[1:]
    if ok and name.startswith("opt."):
        return _FLOAT_DTYPES
    if not ok or name not in _RUN_ARRAYS:
        raise _Bad(f"{RUNS_MEMBER} holds an array {key!r} that no run has")
    return _RUN_ARRAYS[name]


def _check_runs_arrays(arrays: dict[str, np.ndarray], meta: dict[str, Any], parts: _Parts) -> None:
    """Every run's arrays: present, shaped as its checkpoints say, values in range."""
    size = sum(math.prod(s) for s in parts.shapes.values())
    total = 0
    for i, run in enumerate(meta["runs"]):
        sub = {k[len(f"r{i}."):]: v for k, v in arrays.items() if k.startswith(f"r{i}.")}
        for key in sub:
            _array_dtypes(f"r{i}.{key}", len(meta["runs"]))
        total += _check_run_arrays(sub, run, f"{RUNS_MEMBER}: r{i}.", size)
        if total > MAX_CHECKPOINTS:
            raise _Bad(f"{RUNS_MEMBER} holds more than the {MAX_CHECKPOINTS:,} checkpoints allowed")
    unknown = [k for k in arrays if not any(k.startswith(f"r{i}.") for i in range(len(meta["runs"])))]
    if unknown:
        raise _Bad(f"{RUNS_MEMBER} holds an array {unknown[0]!r} that no run has")


def _array(sub: dict[str, np.ndarray], name: str, label: str, shape: tuple[int | None, ...],
           dtypes: tuple[np.dtype, ...]) -> np.ndarray:
    """``sub[name]``, present, of one of ``dtypes`` and of ``shape`` (None: any length)."""
    a = sub.get(name)
    if a is None:
        raise _Bad(f"{label}{name} is missing")
    if a.dtype not in dtypes or a.ndim != len(shape) or any(n is not None and n != m for n, m in zip(shape, a.shape)):
        want = " × ".join("any" if n is None else str(n) for n in shape)
        raise _Bad(f"{label}{name} holds {a.dtype} values of shape {a.shape}, expected {want} "
                   f"{' or '.join(map(str, dtypes))}")
    return a


def _bad_if(cond: Any, label: str, what: str) -> None:
    if bool(cond):
        raise _Bad(f"{label}{what}")


def _check_run_arrays(sub: dict[str, np.ndarray], run: dict[str, Any], label: str, size: int) -> int:
    """One run's checkpoints: counters, generator, parameters, optimiser state, early stopping; returns K."""
    info = _array(sub, "info", label, (None, 6), _INTS)
    k = len(info)
    _bad_if(k < 1, label, "info: a run needs at least its first checkpoint")
    steps, pos, epoch, t, pair, perm = info.T
    _bad_if(steps[0] < run["branch_step"] or steps[-1] > run["last"] or (np.diff(steps) <= 0).any(), label,
            "info: the checkpoints' steps must grow, within the run")
    _bad_if(steps[-1] != run["last"], label, "info: the last checkpoint must be the run's last step")
    _bad_if(((steps[:-1] - steps[0]) % run["spacing"] != 0).any(), label, "info: a checkpoint is off the run's spacing")
    _bad_if((pos < 0).any() or (epoch < 0).any() or (t < 0).any(), label, "info: a negative counter")
    _bad_if((pair < 0).any() or (pair >= len(run["settings"])).any(), label, "info: no such settings")
    rng = _array(sub, "rng", label, (k, 6), (np.dtype(np.uint64),))
    _bad_if((rng[:, 4] > 1).any() or (rng[:, 5] >= 1 << 32).any(), label, "rng: not a PCG64 generator's state")
    theta = _array(sub, "theta", label, (k, size), _FLOAT_DTYPES)
    _bad_if(not np.isfinite(theta).all(), label, "theta: NaN or infinite parameters")
    settings = [p["settings"] for p in run["settings"]]
    wanted: dict[str, int] = {}
    for p in pair:
        for key in OPTIMIZERS[settings[p]["optimizer"]].state_keys:
            wanted[key] = wanted.get(key, 0) + 1
    extra = [n for n in sub if n.startswith("opt.") and n[4:] not in wanted]
    _bad_if(extra, label, f"{extra[:1]}: no checkpoint's optimiser has this state")
    for key, rows in wanted.items():
        a = _array(sub, f"opt.{key}", label, (rows, size), (theta.dtype,))
        _bad_if(not np.isfinite(a).all() or (key == "r" and (a < 0).any()), label,
                f"opt.{key}: NaN, infinite or (for r) negative optimiser state")
    patience = np.array([settings[p].get("patience", 0) for p in pair])
    early = _array(sub, "early", label, (int((patience > 0).sum()), 3), _F64)
    _bad_if((early[:, 0] != patience[patience > 0]).any() or np.isnan(early[:, 1]).any()
            or not np.isfinite(early[:, 2]).all() or (early[:, 2] < 0).any() or (early[:, 2] % 1).any(), label,
            "early: not early stopping's state")
    best = _array(sub, "best", label, (len(early), size), (theta.dtype,))
    _bad_if(not np.isfinite(best).all(), label, "best: NaN or infinite parameters")
    _check_perms(sub, label, perm, pos, k)
    _bad_if(run["stopped"] and run["stopped"][-1]["row"] >= k, label, "info: an early stop at no checkpoint")
    _check_curves(sub, label, len(run["grad_norm_keys"]))
    return k


def _check_perms(sub: dict[str, np.ndarray], label: str, perm: np.ndarray, pos: np.ndarray, k: int) -> None:
    """The distinct permutations: each a permutation of the training samples, used in order."""
    perms = _array(sub, "perms", label, (None, None), _UINTS)
    q, n = perms.shape
    _bad_if(q < 1 or q > k or n < 1, label, "perms: one to as many permutations as checkpoints")
    _bad_if(perm[0] != 0 or (np.diff(perm) < 0).any() or (np.diff(perm) > 1).any() or perm[-1] != q - 1, label,
            "info: the checkpoints must use the permutations in order")
    _bad_if((pos > n).any(), label, "info: a position beyond the permutation")
    _bad_if((np.sort(perms, axis=1) != np.arange(n)).any(), label,
            "perms: not a permutation of the training samples")


def _check_curves(sub: dict[str, np.ndarray], label: str, n_keys: int) -> None:
    """The run's curves: per-step loss, per-epoch scores, gradient norms (NaN allowed, infinity not)."""
    loss = _array(sub, "loss", label, (None,), _F64)
    epochs = _array(sub, "epochs", label, (None, 6), _F64)
    steps = _array(sub, "gn_steps", label, (None,), _INTS)
    gn = _array(sub, "gn", label, (len(steps), n_keys), _F64)
    for name, a in (("loss", loss), ("epochs", epochs), ("gn", gn)):
        _bad_if(np.isinf(a).any(), label, f"{name}: an infinite value")
    counters = epochs[:, :2]
    _bad_if(not np.isfinite(counters).all() or (counters < 0).any() or (counters % 1).any(), label,
            "epochs: the epoch and step must be whole numbers ≥ 0")
    _bad_if((steps < 0).any(), label, "gn_steps: a negative step")
