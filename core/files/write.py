"""Saving a ``.ffn`` file: checked as the loader would, then written atomically.

The archive is built in memory and the loader's own checks run on it, so
what saves also loads; then a temporary file beside the target is written,
fsynced and renamed over it, so a crash leaves the old file or the new one.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import secrets
import stat
import time
import zipfile
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np

from ..data.source import DataSource
from ..optim import OPTIMIZERS
from ..parameters import flat_views, parameter_shapes
from ..spec import NetworkSpec
from ..trainer import History, TrainingSettings
from . import migrate
from .arrays import _check_arrays
from .common import (FORMAT_NAME, HISTORY_MEMBER, NETWORK_MEMBER, OPT_PREFIX, RUNS_MEMBER, WEIGHTS_MEMBER,
                     MAX_JSON_BYTES, NetworkFile, NetworkFileError, _Bad, _FLOAT_DTYPES, _ZIP_DATE,
                     _size)
from ..text import printable
from ..timeline.saved import SavedRuns
from .history import _check_history
from .runs import _check_runs_arrays, _check_runs_meta
from .read import _parse_history, _parse_network
from .validate import _check_document, _check_free

def save_network(path: str | os.PathLike, nf: NetworkFile) -> None:
    """Write ``nf`` to ``path`` atomically.

    The file is either left as it was (on any error, or if the process dies
    while writing) or replaced by the complete new one. No temporary file is
    left behind except by a process killed mid-write (then a hidden
    ``.<name>.<random>.tmp`` may remain beside it; the destination is intact).

    Raises
    ------
    NetworkFileError
        If the network cannot be stored (parameters that do not fit the
        spec, NaN weights, settings a file cannot hold) or the file cannot be
        written (missing folder, no permission, disk full).
    """
    p = Path(os.fspath(path))
    try:
        blob = _archive_bytes(nf)
    except _Bad as e:
        raise NetworkFileError(p, f"cannot save: {e}") from None
    try:
        _write_atomically(p, blob)
    except OSError as e:
        raise NetworkFileError(p, f"cannot save: {e.strerror or e}") from None
    except (RuntimeError, ValueError) as e:   # a symlink loop, a NUL in the name
        raise NetworkFileError(p, f"cannot save: {printable(e, 80)}") from None



def _archive_bytes(nf: NetworkFile) -> bytes:
    """The complete ``.ffn`` archive, after the checks a loader would make."""
    doc, arrays, history = _to_parts(nf)
    runs_arrays = _runs_to_parts(nf, doc)
    try:
        compact = json.dumps(doc, allow_nan=False, default=_json_default, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as e:
        raise _Bad(f"the network holds a value a file cannot store ({printable(e, 80)})") from None
    # What is saved must load: run the loader's own checks (caps first) on what would be written.
    checked = _parse_network(compact.encode("utf-8"))
    parts = _check_document(checked)
    _check_arrays(arrays, parts)
    if checked.get("runs") is not None:
        _check_runs_arrays(runs_arrays, _check_runs_meta(checked["runs"], parts), parts)
    text = _pretty(checked) + "\n"
    if len(text.encode("utf-8")) > MAX_JSON_BYTES:
        raise _Bad(f"{NETWORK_MEMBER} would be {_size(len(text.encode('utf-8')))}, more than the "
                   f"{_size(MAX_JSON_BYTES)} a network file may hold")
    members = [(NETWORK_MEMBER, text.encode("utf-8"), zipfile.ZIP_DEFLATED),
               (WEIGHTS_MEMBER, _npz_bytes(arrays), zipfile.ZIP_STORED)]
    if history is not None:
        members.append((HISTORY_MEMBER, history, zipfile.ZIP_DEFLATED))
    if nf.runs is not None:
        members.append((RUNS_MEMBER, _npz_bytes(runs_arrays), zipfile.ZIP_STORED))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()



def _to_parts(nf: NetworkFile) -> tuple[dict[str, Any], dict[str, np.ndarray], bytes | None]:
    """network.json as a dict, the arrays of weights.npz, history.json as bytes."""
    if not isinstance(nf, NetworkFile):
        raise _Bad(f"expected a NetworkFile, got {type(nf).__name__}")
    if not isinstance(nf.spec, NetworkSpec):
        raise _Bad("NetworkFile.spec must be a NetworkSpec")
    if not isinstance(nf.training, TrainingSettings):
        raise _Bad("NetworkFile.training must be TrainingSettings")
    if nf.data is not None and not isinstance(nf.data, DataSource):
        raise _Bad("NetworkFile.data must be a DataSource or None")
    if not isinstance(nf.view, dict):
        raise _Bad("NetworkFile.view must be a dict")
    _check_free(nf.view, ("view",))   # before json.dumps can recurse into it
    if not isinstance(nf.description, str):
        raise _Bad("NetworkFile.description must be text")
    if nf.history is not None and not isinstance(nf.history, History):
        raise _Bad("NetworkFile.history must be a History or None")
    if not isinstance(nf.params, dict):
        raise _Bad("NetworkFile.params must be a dict of arrays")
    spec = nf.spec
    shapes = parameter_shapes(spec)
    missing = [k for k in shapes if k not in nf.params]
    extra = [k for k in nf.params if k not in shapes]
    if missing or extra:
        said = ([f"no values for {', '.join(missing)}"] if missing else []) + \
               ([f"values for {', '.join(map(str, extra))} that the network does not have"] if extra else [])
        raise _Bad(f"the parameters do not match the network: {'; '.join(said)}")
    arrays: dict[str, np.ndarray] = {}
    for key in shapes:
        arrays[key] = _storable(nf.params[key], key)
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": migrate.FORMAT_VERSION,
        "generator": _generator(),
        "description": nf.description,
        "spec": spec.to_dict(),
        "view": nf.view,
        "training": nf.training.to_dict(),
        "data": None if nf.data is None else nf.data.to_dict(),
        "optimizer": None,
    }
    if nf.optimizer_state is not None:
        meta, opt_arrays = _optimizer_to_parts(nf.optimizer_state, shapes)
        doc["optimizer"] = meta
        arrays.update(opt_arrays)
    history = None
    if nf.history is not None:
        try:
            text = json.dumps(_nan_to_none(nf.history.to_dict()), allow_nan=False,
                              separators=(",", ":"), default=_json_default)
        except (TypeError, ValueError, RecursionError) as e:
            raise _Bad(f"the training history holds a value a file cannot store ({e})") from None
        history = text.encode("utf-8")
        _check_history(_parse_history(history))
    return doc, arrays, history



def _runs_to_parts(nf: NetworkFile, doc: dict[str, Any]) -> dict[str, np.ndarray]:
    """The tree of runs: its description into ``doc["runs"]``, its arrays (as they will be stored) returned."""
    if nf.runs is None:
        return {}
    if not isinstance(nf.runs, SavedRuns) or not isinstance(nf.runs.meta, dict) or \
            not isinstance(nf.runs.arrays, dict):
        raise _Bad("NetworkFile.runs must be SavedRuns (Runs.to_saved()) or None")
    doc["runs"] = nf.runs.meta
    out = {}
    for key, a in nf.runs.arrays.items():
        if not isinstance(a, np.ndarray):
            raise _Bad(f"the run array {key!r} is not an array")
        out[key] = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("="), copy=False))
    return out


def _storable(value: Any, key: str) -> np.ndarray:
    """An array as it will be stored: float32/float64 kept bit for bit, ints as float64."""
    try:
        a = np.asarray(value)
    except Exception:
        raise _Bad(f"{key} is not an array of numbers") from None
    if a.dtype in _FLOAT_DTYPES:
        a = a.astype(a.dtype.newbyteorder("="), copy=False)
    elif a.dtype.kind in "biuf":
        a = a.astype(np.float64)
    else:
        raise _Bad(f"{key} holds {a.dtype} values, not numbers")
    return np.ascontiguousarray(a)



def _optimizer_to_parts(state: Any, shapes: dict[str, tuple[int, ...]]
                        ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Split a flat ``Optimizer.state_dict()`` into one array per parameter and key."""
    if not isinstance(state, dict) or not {"name", "t", "state"} <= set(state):
        raise _Bad("the optimiser state must be an Optimizer.state_dict()")
    name = state["name"]
    cls = OPTIMIZERS.get(name) if isinstance(name, str) else None
    if cls is None:
        raise _Bad(f"the optimiser state is for an unknown optimiser {name!r}")
    per = state["state"]
    total = sum(int(np.prod(s)) for s in shapes.values())
    if not isinstance(per, (list, tuple)) or len(per) != 1 or not isinstance(per[0], dict):
        raise _Bad("the optimiser state must be for one flat parameter vector, "
                   "as the trainer's optimiser is")
    if set(per[0]) != set(cls.state_keys):
        raise _Bad(f"the {name} optimiser state has keys {sorted(per[0])}, expected {list(cls.state_keys)}")
    arrays: dict[str, np.ndarray] = {}
    for k in cls.state_keys:
        flat = np.asarray(per[0][k])
        if flat.shape != (total,):
            raise _Bad(f"the optimiser state {k!r} has shape {flat.shape}, "
                       f"but the network has {total} parameters")
        for key, view in flat_views(flat, shapes).items():
            arrays[f"{OPT_PREFIX}{k}/{key}"] = _storable(view, f"{OPT_PREFIX}{k}/{key}")
    meta = {"name": name, "hyper": {k: float(v) for k, v in dict(state.get("hyper", {})).items()},
            "t": state["t"], "state_keys": list(cls.state_keys)}
    if isinstance(meta["t"], np.integer):
        meta["t"] = int(meta["t"])
    return meta, arrays



def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ordinary ``.npz`` archive (``np.load`` reads it), members stored uncompressed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for key, arr in arrays.items():
            one = io.BytesIO()
            np.lib.format.write_array(one, arr, allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, one.getvalue())
    return buf.getvalue()



def _write_atomically(path: Path, blob: bytes) -> None:
    """Temporary file beside ``path``, flush, fsync, rename; no leftovers on error."""
    if path.is_symlink():
        try:   # replace the file the link points to, keep the link; a loop is an OSError
            path = Path(os.path.realpath(path, strict=True))
        except FileNotFoundError:   # a link to a file not made yet
            path = Path(os.path.realpath(path))
    folder = path.parent
    mode = None
    with suppress(OSError):
        mode = stat.S_IMODE(os.stat(path).st_mode)
    _remove_stale_temporaries(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise OSError(f"cannot create a temporary file in {folder}")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            with suppress(OSError):
                os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)



_TMP_RE = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{12}\.tmp$")
STALE_SECONDS = 60


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what a killed save to ``path`` left behind: ``.<name>.<12 hex>.tmp``, a minute old.

    Only names exactly of the saver's own pattern for this target, only
    regular files (never a link), and only those older than a minute, so a
    save running right now in another process keeps its file.
    """
    folder, now = path.parent, time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        m = _TMP_RE.match(e.name)
        if not m or m.group("name") != path.name:
            continue
        with suppress(OSError):
            st = e.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_SECONDS:
                os.unlink(e.path)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)



def _generator() -> str:
    try:
        from importlib.metadata import version
        return f"Backprop Studio {version('backprop-studio')}"
    except Exception:
        return "Backprop Studio"



def _json_default(o: Any) -> Any:
    """NumPy numbers and arrays in free-form settings become plain JSON."""
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(f"{type(o).__name__} is not JSON")



def _pretty(x: Any, indent: str = "") -> str:
    """JSON for people: one field per line, short lists of plain values on one line."""
    inner = indent + "  "
    if isinstance(x, dict) and x:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, inner)}" for k, v in x.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(x, list) and x and any(isinstance(v, (dict, list)) for v in x):
        return "[\n" + ",\n".join(inner + _pretty(v, inner) for v in x) + "\n" + indent + "]"
    return json.dumps(x, ensure_ascii=False, allow_nan=False)



def _nan_to_none(x: Any) -> Any:
    """JSON has no NaN: non-finite numbers of the curves are stored as null."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _nan_to_none(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_nan_to_none(v) for v in x]
    return x

