"""Network files (``.ffn``): saved atomically, loaded defensively.

A ``.ffn`` file is a zip archive, the shape of Keras's ``.keras``:

* ``network.json``: format name and version, the spec (with canvas
  positions in each node's ``meta``), the designer's visual settings, the
  training settings, the dataset reference with its preprocessing
  (standardisation statistics included), the optimiser's metadata and a
  one-line description;
* ``weights.npz``: every parameter under its name (``W:<connection>``,
  ``b:<node>``, ``gamma:<node>``) and the optimiser's state arrays as
  ``opt/<state key>/<parameter name>``; read without pickle;
* ``history.json`` (optional): the training curves.

``docs/file-format.md`` describes the format for people, the JSON Schemas in
:mod:`core.schema` for programs.

Why it is written the way it is:

* **Saving is atomic.** The whole archive is built in memory first (so a
  network that cannot be saved fails before the disk is touched), written to
  a temporary file in the destination folder, flushed, fsynced and renamed
  over the old file with :func:`os.replace`. A crash or a kill at any moment
  leaves either the old file or the new one, never a mix; an error removes
  the temporary file.
* **Loading trusts nothing.** Files come from e-mail, USB sticks and other
  versions of the program. Every way a file can be wrong ends as one
  :class:`NetworkFileError` whose one-line message names the file and says
  what is wrong: never a traceback, never a half-loaded network (nothing is
  returned until everything has been checked). Sizes are capped *before*
  anything is unpacked, so a zip bomb or a "layer of 10⁹ units" is refused
  instead of filling memory. Arrays are parsed from their ``.npy`` header
  with pickling refused. The JSON is checked against the shipped schema when
  the optional ``jsonschema`` package is installed, and by the hand-written
  checks here always (the program must not need ``jsonschema``).
* **Old files keep loading.** ``format_version`` is a whole number;
  :data:`MIGRATIONS` turns a version-N ``network.json`` into version N+1, one
  step per version, so every old file is brought up to date before it is
  checked. A file from a newer program is refused with a message saying so.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import secrets
import stat
import struct
import zipfile
import zlib
from collections import deque
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .data.dataset import DataError
from .data.datasets import REAL_DATASETS
from .data.points import check_points
from .data.preprocess import FEATURES
from .data.source import DataSource
from .data.toy import TOY_DATASETS
from .optim import OPTIMIZERS, make_optimizer
from .parameters import flat_views, flatten, parameter_shapes
from .schema import load_schema
from .spec import LOSSES, MAX_UNITS, NODE_KINDS, NetworkSpec, SpecError
from .trainer import EpochInfo, History, TrainingSettings

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MIGRATIONS",
    "NetworkFile",
    "NetworkFileError",
    "load_network",
    "save_network",
]

FORMAT_NAME = "backprop-studio-network"
#: The format version this program writes; it reads this one and all older ones.
FORMAT_VERSION = 2
FILE_SUFFIX = ".ffn"

NETWORK_MEMBER = "network.json"
WEIGHTS_MEMBER = "weights.npz"
HISTORY_MEMBER = "history.json"
OPT_PREFIX = "opt/"

# --- limits: what a teaching program's network can sensibly be ---------------------------
MiB = 1 << 20
MAX_NODES = 1000
MAX_CONNECTIONS = 2000
MAX_PARAMETERS = 20_000_000     # with Adam's s and r: 3 x 8 bytes each, within the byte cap
MAX_TOTAL_BYTES = 512 * MiB       # everything unpacked from one file, all members together
MAX_JSON_BYTES = 16 * MiB         # network.json
MAX_HISTORY_BYTES = 64 * MiB      # history.json
MAX_FILE_BYTES = MAX_TOTAL_BYTES + 64 * MiB
MAX_MEMBERS = 64                  # entries in the .ffn archive
MAX_ARRAYS = 4 * MAX_NODES + 4 * MAX_CONNECTIONS   # entries in weights.npz
MAX_CENTRAL_DIRECTORY = 4 * MiB
MAX_DATA_POINTS = 1_000_000       # a toy dataset's n
MAX_DESCRIPTION = 10_000

_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")   # the same rule as core.spec's node ids
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # fixed, so the same network gives the same bytes

DRAWN_KEY = "drawn_data"   # where format 1 kept hand-drawn points: the designer's free view


class _Bad(Exception):
    """A problem found while reading, before the file's name is attached."""


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 2 keeps drawn points in the data source (``data.points``), not in ``view``.

    In format 1 they were the designer's private ``view["drawn_data"]``, so the
    command line trained on the named dataset instead. The payload is checked
    here because the ``view`` it came from was free JSON that nothing checked.
    """
    view = doc.get("view")
    if not isinstance(view, dict) or DRAWN_KEY not in view:
        return doc
    raw = view.pop(DRAWN_KEY)
    if not raw:   # the designer wrote nothing or an empty payload: no drawn points
        return doc
    try:
        points = check_points(raw)
    except DataError as e:
        raise _Bad(f"{NETWORK_MEMBER} at $.view.{DRAWN_KEY}: {e}") from None
    data = doc.get("data")
    if data is None:
        data = DataSource().to_dict()
        data.pop("points", None)
    if isinstance(data, dict):
        data["points"] = points
        doc["data"] = data
    return doc


#: ``MIGRATIONS[n]`` turns a ``network.json`` document of format version ``n``
#: into one of version ``n + 1`` (it may change the document in place and
#: return it). Each version has a fixture file in ``tests/fixtures/`` that
#: must keep loading.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class NetworkFileError(Exception):
    """A network file that cannot be read or written, explained on one line.

    ``path`` is the file concerned and ``problem`` what is wrong with it; the
    message is ``"<path>: <problem>"``, ready to show to a person as it is.
    ``unexpected`` is True when the problem was caught only by the last-resort
    handler (a case the specific checks did not foresee): still reported
    cleanly, but worth a specific check.
    """

    def __init__(self, path: str | os.PathLike | None, problem: str, unexpected: bool = False):
        self.path = None if path is None else os.fspath(path)
        self.problem = " ".join(str(problem).split())
        self.unexpected = unexpected
        super().__init__(f"{self.path}: {self.problem}" if self.path else self.problem)


@dataclass(eq=False)
class NetworkFile:
    """Everything one ``.ffn`` file holds.

    Attributes
    ----------
    spec
        The network's structure (node positions in ``node.meta["pos"]``).
    params
        Every parameter of ``spec`` by name (see :mod:`core.parameters`),
        float32 or float64.
    training
        The optimiser and its hyper-parameters, batch size, L2, seed, epochs.
    data
        The dataset reference and its preprocessing, or None.
    view
        The designer's visual settings: free, JSON-compatible data.
    optimizer_state
        ``Optimizer.state_dict()`` of an optimiser built over the model's flat
        parameter vector (``make_optimizer(name, [model.theta], [model.grad])``,
        as the trainer does), so training resumes where it stopped; or None.
    history
        The training curves, or None.
    description
        One line saying what the network is for (the examples menu shows it).
    """

    spec: NetworkSpec
    params: dict[str, np.ndarray]
    training: TrainingSettings = field(default_factory=TrainingSettings)
    data: DataSource | None = None
    view: dict[str, Any] = field(default_factory=dict)
    optimizer_state: dict[str, Any] | None = None
    history: History | None = None
    description: str = ""


# =========================================================================================
# saving
# =========================================================================================

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


def _archive_bytes(nf: NetworkFile) -> bytes:
    """The complete ``.ffn`` archive, after the checks a loader would make."""
    doc, arrays, history = _to_parts(nf)
    try:
        text = _pretty(json.loads(json.dumps(doc, allow_nan=False, default=_json_default))) + "\n"
    except (TypeError, ValueError, RecursionError) as e:
        raise _Bad(f"the network holds a value a file cannot store ({e})") from None
    # What is saved must load: run the loader's own checks on what would be written.
    checked = _parse_json(text.encode("utf-8"), NETWORK_MEMBER)
    _check_schema(checked, "network", NETWORK_MEMBER)
    parts = _check_document(checked)
    _check_arrays(arrays, parts)
    members = [(NETWORK_MEMBER, text.encode("utf-8"), zipfile.ZIP_DEFLATED),
               (WEIGHTS_MEMBER, _npz_bytes(arrays), zipfile.ZIP_STORED)]
    if history is not None:
        members.append((HISTORY_MEMBER, history, zipfile.ZIP_DEFLATED))
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
        "format_version": FORMAT_VERSION,
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
        _check_history(_parse_json(history, HISTORY_MEMBER))
    return doc, arrays, history


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
        path = path.resolve()   # replace the file the link points to, keep the link
    folder = path.parent
    mode = None
    with suppress(OSError):
        mode = stat.S_IMODE(os.stat(path).st_mode)
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


# =========================================================================================
# loading
# =========================================================================================

def load_network(path: str | os.PathLike) -> NetworkFile:
    """Read a ``.ffn`` file, checking everything before returning anything.

    Raises
    ------
    NetworkFileError
        For every way the file can be missing, unreadable, damaged, too big,
        from a newer program or not a network file at all; the one-line
        message names the file and the problem. No other exception escapes
        (except ``KeyboardInterrupt``).
    """
    p = Path(os.fspath(path))
    try:
        return _load(p)
    except _Bad as e:
        raise NetworkFileError(p, str(e)) from None
    except NetworkFileError:
        raise
    except MemoryError:
        raise NetworkFileError(p, "is too large to load into memory") from None
    except RecursionError:
        raise NetworkFileError(p, "is damaged: its data is nested too deeply") from None
    except Exception as e:  # last resort: still one clear line, never a traceback
        detail = " ".join(str(e).split())[:200]
        raise NetworkFileError(p, f"is damaged or not a Backprop Studio network file "
                                  f"({type(e).__name__}: {detail})", unexpected=True) from None


def _load(p: Path) -> NetworkFile:
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise _Bad("no such file") from None
    except OSError as e:
        raise _Bad(f"cannot read the file ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise _Bad("is a folder, not a network file")
    if not stat.S_ISREG(st.st_mode):
        raise _Bad("is not a regular file")
    if st.st_size == 0:
        raise _Bad("the file is empty: not a Backprop Studio network file")
    if st.st_size > MAX_FILE_BYTES:
        raise _Bad(f"the file is {_size(st.st_size)}, more than the {_size(MAX_FILE_BYTES)} "
                   "a network file can be")
    try:
        f = open(p, "rb")
    except OSError as e:
        raise _Bad(f"cannot read the file ({e.strerror or e})") from None
    with f:
        _check_end_record(f, st.st_size)
        try:
            zf = zipfile.ZipFile(f)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
                KeyError, IndexError, OverflowError, struct.error):
            raise _Bad("not a Backprop Studio network file: it is not a zip archive, "
                       "or it was cut short") from None
        with zf:
            members = _members(zf)
            budget = [MAX_TOTAL_BYTES]
            raw = _read_member(zf, members[NETWORK_MEMBER], MAX_JSON_BYTES, budget, NETWORK_MEMBER)
            doc = _parse_json(raw, NETWORK_MEMBER)
            doc = _upgrade(doc)
            _check_schema(doc, "network", NETWORK_MEMBER)
            parts = _check_document(doc)
            arrays = _read_arrays(zf, members[WEIGHTS_MEMBER], parts, budget)
            params, optimizer_state = _check_arrays(arrays, parts)
            history = None
            if HISTORY_MEMBER in members:
                raw = _read_member(zf, members[HISTORY_MEMBER], MAX_HISTORY_BYTES, budget, HISTORY_MEMBER)
                hdoc = _parse_json(raw, HISTORY_MEMBER, nan_allowed=False)
                _check_schema(hdoc, "history", HISTORY_MEMBER)
                history = _check_history(hdoc)
    return NetworkFile(parts.spec, params, parts.training, parts.data, parts.view,
                       optimizer_state, history, parts.description)


def _check_end_record(f: Any, size: int) -> None:
    """Refuse an archive whose table of contents is absurdly large, before zipfile reads it."""
    tail = min(size, 65536 + 22)
    f.seek(size - tail)
    buf = f.read(tail)
    i = buf.rfind(b"PK\x05\x06")
    if i >= 0 and len(buf) - i >= 22:
        entries = int.from_bytes(buf[i + 10: i + 12], "little")
        cd_size = int.from_bytes(buf[i + 12: i + 16], "little")
        if entries > MAX_MEMBERS or cd_size > MAX_CENTRAL_DIRECTORY:
            raise _Bad(f"the archive lists {entries} entries; a network file has only a few "
                       "(this is not a Backprop Studio network file)")
    f.seek(0)


def _member_name_problem(name: str) -> str | None:
    """Why an archive member name is unsafe, or None."""
    if not name or "\x00" in name:
        return "an empty or invalid name"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[/\\]", name):
        return f"an absolute path ({name!r})"
    if any(part == ".." for part in re.split(r"[/\\]", name)):
        return f"a path that climbs out of the archive ({name!r})"
    return None


def _members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Bad(f"the archive holds {len(infos)} entries; a network file has only a few")
    out: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        problem = _member_name_problem(info.filename)
        if problem:
            raise _Bad(f"the archive holds an entry with {problem}; refusing to read it")
        if info.filename in out:
            raise _Bad(f"the archive holds {info.filename!r} twice")
        out[info.filename] = info
    if NETWORK_MEMBER not in out and WEIGHTS_MEMBER not in out:
        raise _Bad(f"not a Backprop Studio network file (the archive has no {NETWORK_MEMBER}), "
                   "or it was cut short")
    for required in (NETWORK_MEMBER, WEIGHTS_MEMBER):
        if required not in out:
            raise _Bad(f"the network file is incomplete: {required} is missing")
    return out


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: list[int],
                 label: str) -> bytes:
    """A member's bytes, refusing before unpacking if it would exceed ``limit`` or the budget."""
    limit = min(limit, budget[0])
    if info.flag_bits & 0x1:
        raise _Bad(f"{label} is encrypted")
    if info.file_size > limit:
        raise _Bad(f"{label} would unpack to {_size(info.file_size)}, more than the "
                   f"{_size(limit)} allowed (a damaged file or a zip bomb)")
    try:
        with zf.open(info) as m:
            data = m.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, OverflowError, IndexError, struct.error) as e:
        detail = " ".join(str(e).split())[:120]
        raise _Bad(f"{label} is damaged ({detail or type(e).__name__})") from None
    if len(data) > limit:
        raise _Bad(f"{label} unpacks to more than the {_size(limit)} allowed (a damaged file or a zip bomb)")
    if len(data) != info.file_size:
        raise _Bad(f"{label} is damaged (cut short)")
    budget[0] -= len(data)
    return data


def _no_constant(name: str) -> Any:
    raise _Bad(f"holds {name}, which is not a number a network file may contain")


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise _Bad(f"holds the number {text[:40]}, which is too large")
    return v


def _parse_json(raw: bytes, label: str, nan_allowed: bool = False) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Bad(f"{label} is damaged: it is not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except _Bad as e:
        raise _Bad(f"{label} {e}") from None
    except json.JSONDecodeError as e:
        raise _Bad(f"{label} is damaged: not valid JSON ({e.msg} at line {e.lineno}, "
                   f"column {e.colno})") from None
    except RecursionError:
        raise _Bad(f"{label} is damaged: nested too deeply") from None
    except ValueError as e:
        raise _Bad(f"{label} is damaged: not valid JSON ({' '.join(str(e).split())[:120]})") from None


def _upgrade(doc: Any) -> dict[str, Any]:
    """Check the format name and version, and migrate an older document to the current one."""
    if not isinstance(doc, dict):
        raise _Bad(f"{NETWORK_MEMBER} must hold a JSON object, not {_kind(doc)}")
    fmt = doc.get("format")
    if fmt != FORMAT_NAME:
        raise _Bad(f"not a Backprop Studio network file ({NETWORK_MEMBER} says its format is "
                   f"{_show(fmt)}, expected {FORMAT_NAME!r})")
    v = doc.get("format_version")
    if not _is_int(v) or v < 1:
        raise _Bad(f"{NETWORK_MEMBER} at $.format_version: expected a whole number of at least 1, "
                   f"got {_show(v)}")
    if v > FORMAT_VERSION:
        raise _Bad(f"written by a newer Backprop Studio (format {v}); this version reads format "
                   f"{FORMAT_VERSION} and older. Update Backprop Studio to open it")
    while v < FORMAT_VERSION:
        step = MIGRATIONS.get(v)
        if step is None:  # pragma: no cover - a programming error, caught by the tests
            raise _Bad(f"format {v} files cannot be read by this version (no migration)")
        doc = step(doc)
        v += 1
        doc["format_version"] = v
    return doc


# --- the JSON Schema (optional) -----------------------------------------------------------

_VALIDATORS: dict[str, Any] = {}


def _validator(name: str) -> Any:
    """A compiled jsonschema validator, or None when jsonschema is not installed."""
    if name not in _VALIDATORS:
        try:
            import jsonschema
        except ImportError:
            _VALIDATORS[name] = None
        else:
            try:
                schema = load_schema(name)
            except (OSError, ValueError):  # a bundle without the schema files: hand checks only
                _VALIDATORS[name] = None
            else:
                cls = jsonschema.validators.validator_for(schema)
                _VALIDATORS[name] = cls(schema)
    return _VALIDATORS[name]


def _check_schema(doc: Any, schema: str, label: str) -> None:
    validator = _validator(schema)
    if validator is None:
        return
    from jsonschema.exceptions import best_match
    err = best_match(validator.iter_errors(doc))
    if err is not None:
        message = " ".join(err.message.split())
        if len(message) > 160:
            message = message[:157] + "..."
        raise _Bad(f"{label} at {_json_path(err.absolute_path)}: {message}")


# --- hand checks: complete without jsonschema ---------------------------------------------

@dataclass
class _Parts:
    spec: NetworkSpec
    training: TrainingSettings
    data: DataSource | None
    view: dict[str, Any]
    description: str
    optimizer: dict[str, Any] | None
    shapes: dict[str, tuple[int, ...]]


def _json_path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _show(v: Any) -> str:
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "a list"
    if v is None:
        return "null"
    s = json.dumps(v, ensure_ascii=False) if isinstance(v, (str, bool, int, float)) else repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _kind(v: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(v), type(v).__name__)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _fail(path: tuple, expected: str, value: Any) -> None:
    raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: expected {expected}, got {_show(value)}")


def _get(d: dict, key: str, path: tuple, default: Any = ...) -> Any:
    if key in d:
        return d[key]
    if default is ...:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: the required field '{key}' is missing")
    return default


def _obj(v: Any, path: tuple) -> dict:
    if not isinstance(v, dict):
        _fail(path, "an object", v)
    return v


def _list(v: Any, path: tuple, most: int | None = None) -> list:
    if not isinstance(v, list):
        _fail(path, "a list", v)
    if most is not None and len(v) > most:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: {len(v)} entries, more than the "
                   f"{most} a network may have")
    return v


def _int(v: Any, path: tuple, lo: int, hi: int) -> int:
    if not _is_int(v) or not lo <= v <= hi:
        _fail(path, f"a whole number from {lo} to {hi}", v)
    return v


def _num(v: Any, path: tuple, lo: float | None = None, hi: float | None = None,
         lo_open: bool = False, hi_open: bool = False) -> float:
    ok = _is_num(v)
    if ok and lo is not None:
        ok = v > lo if lo_open else v >= lo
    if ok and hi is not None:
        ok = v < hi if hi_open else v <= hi
    if not ok:
        rng = []
        if lo is not None:
            rng.append(f"{'>' if lo_open else '≥'} {lo:g}")
        if hi is not None:
            rng.append(f"{'<' if hi_open else '≤'} {hi:g}")
        _fail(path, "a number" + (" " + " and ".join(rng) if rng else ""), v)
    return float(v)


def _str(v: Any, path: tuple, most: int | None = None, optional: bool = False) -> str | None:
    if optional and v is None:
        return None
    if not isinstance(v, str):
        _fail(path, "text" + (" or null" if optional else ""), v)
    if most is not None and len(v) > most:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: the text is longer than {most} characters")
    return v


def _bool(v: Any, path: tuple) -> bool:
    if not isinstance(v, bool):
        _fail(path, "true or false", v)
    return v


def _check_document(doc: dict[str, Any]) -> _Parts:
    """Every field of a (current-version) network.json, into engine objects."""
    description = _str(doc.get("description", ""), ("description",), MAX_DESCRIPTION)
    view = _obj(doc.get("view", {}), ("view",))
    spec = _check_spec(_get(doc, "spec", ()))
    shapes = parameter_shapes(spec)
    total = sum(math.prod(s) for s in shapes.values())
    if total > MAX_PARAMETERS:
        raise _Bad(f"the network has {total:,} parameters, more than the {MAX_PARAMETERS:,} "
                   "Backprop Studio handles")
    training = _check_training(_get(doc, "training", ()))
    data = _check_data(doc.get("data"), spec)
    opt = _check_optimizer(doc.get("optimizer"))
    return _Parts(spec, training, data, view, description or "", opt, shapes)


def _label(raw: dict) -> str:
    name = raw.get("name")
    return name if isinstance(name, str) and name else str(raw.get("id"))


def _check_spec(raw: Any) -> NetworkSpec:
    """The structure: fast checks of size and shape first, then the spec's own rules."""
    _obj(raw, ("spec",))
    nodes = _list(_get(raw, "nodes", ("spec",)), ("spec", "nodes"), MAX_NODES)
    conns = _list(raw.get("connections", []), ("spec", "connections"), MAX_CONNECTIONS)
    labels: dict[str, str] = {}
    for k, n in enumerate(nodes):
        path = ("spec", "nodes", k)
        _obj(n, path)
        nid = _get(n, "id", path)
        if not isinstance(nid, str) or not _ID_RE.match(nid):
            _fail(path + ("id",), "an id of 1-64 letters, digits, '_', '-' or '.'", nid)
        labels.setdefault(nid, _label(n))
        _check_node_fields(n, path)
        meta = _obj(n.get("meta", {}), path + ("meta",))
        if "pos" in meta:
            pos = meta["pos"]
            if not (isinstance(pos, list) and len(pos) == 2 and all(_is_num(v) for v in pos)):
                _fail(path + ("meta", "pos"), "a position [x, y] of two numbers", pos)
    for k, c in enumerate(conns):
        path = ("spec", "connections", k)
        _obj(c, path)
        for key in ("id", "src", "dst"):
            v = _get(c, key, path)
            if not isinstance(v, str) or not _ID_RE.match(v):
                _fail(path + (key,), "an id of 1-64 letters, digits, '_', '-' or '.'", v)
        for key in ("src", "dst"):
            if c[key] not in labels:
                raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path + (key,))}: connection {c['id']} "
                           f"refers to a node {c[key]!r} that does not exist")
        removed = _list(c.get("removed", []), path + ("removed",))
        for i, pair in enumerate(removed):
            if not (isinstance(pair, list) and len(pair) == 2
                    and all(_is_int(v) and 0 <= v < MAX_UNITS for v in pair)):
                _fail(path + ("removed", i), "a pair [i, j] of unit numbers", pair)
        _obj(c.get("meta", {}), path + ("meta",))
    order = _topological(list(labels), conns, labels)
    # Adding connections in topological order keeps the spec's per-connection cycle
    # check short (each search ends at once), so even a large file builds quickly.
    ordered = sorted(conns, key=lambda c: order[c["src"]])
    try:
        spec = NetworkSpec.from_dict({"nodes": nodes, "connections": ordered})
    except SpecError as e:
        raise _Bad(f"{NETWORK_MEMBER}: the network is not valid: {e}") from None
    spec.connections = {c["id"]: spec.connections[c["id"]] for c in conns}
    return spec


def _check_node_fields(n: dict, path: tuple) -> None:
    """Types and ranges of a node's fields, with their JSON paths (the spec checks the meaning)."""
    kind = _get(n, "kind", path)
    if not isinstance(kind, str) or kind not in NODE_KINDS:
        _fail(path + ("kind",), f"one of {', '.join(NODE_KINDS)}", kind)
    _int(_get(n, "units", path), path + ("units",), 1, MAX_UNITS)
    for key in ("activation", "init", "name"):
        if key in n:
            _str(n[key], path + (key,), 1000)
    params = _obj(n.get("activation_params", {}), path + ("activation_params",))
    for k, v in params.items():
        _num(v, path + ("activation_params", k))
    if "bias" in n:
        _bool(n["bias"], path + ("bias",))
    if "init_scale" in n:
        _num(n["init_scale"], path + ("init_scale",))
    loss = n.get("loss")
    if loss is not None and (not isinstance(loss, str) or loss not in LOSSES):
        _fail(path + ("loss",), f"null or one of {', '.join(LOSSES)}", loss)


def _topological(ids: list[str], conns: list[dict], labels: dict[str, str]) -> dict[str, int]:
    """Each node's position in a topological order; a cycle is refused, its nodes named."""
    succ: dict[str, list[str]] = {i: [] for i in ids}
    pred: dict[str, list[str]] = {i: [] for i in ids}
    indeg = dict.fromkeys(ids, 0)
    for c in conns:
        succ[c["src"]].append(c["dst"])
        pred[c["dst"]].append(c["src"])
        indeg[c["dst"]] += 1
    ready = deque(i for i in ids if indeg[i] == 0)
    order: dict[str, int] = {}
    while ready:
        n = ready.popleft()
        order[n] = len(order)
        for m in succ[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    if len(order) < len(ids):
        left = {i for i in ids if i not in order}
        walk, seen = [next(i for i in ids if i in left)], set()
        while walk[-1] not in seen:
            seen.add(walk[-1])
            walk.append(next(p for p in pred[walk[-1]] if p in left))
        loop = walk[walk.index(walk[-1]):][::-1]
        names = " → ".join(labels[i] for i in loop)
        raise _Bad(f"{NETWORK_MEMBER}: the connections make a cycle: {names}; "
                   "a feedforward network must not loop back")
    return order


def _check_training(raw: Any) -> TrainingSettings:
    path = ("training",)
    _obj(raw, path)
    d = TrainingSettings()
    name = _get(raw, "optimizer", path)
    if not isinstance(name, str) or name not in OPTIMIZERS:
        _fail(path + ("optimizer",), f"one of {', '.join(OPTIMIZERS)}", name)
    hyper = _check_hyper(raw.get("hyper", {}), path + ("hyper",), name)
    return TrainingSettings(
        optimizer=name,
        hyper=hyper,
        batch_size=_int(raw.get("batch_size", d.batch_size), path + ("batch_size",), 1, 10_000_000),
        l2=_num(raw.get("l2", d.l2), path + ("l2",), lo=0.0),
        seed=_int(raw.get("seed", d.seed), path + ("seed",), 0, 2**63 - 1),
        epochs=_int(raw.get("epochs", d.epochs), path + ("epochs",), 0, 1_000_000_000),
    )


def _check_hyper(raw: Any, path: tuple, optimizer: str) -> dict[str, float]:
    _obj(raw, path)
    for k, v in raw.items():
        if not _is_num(v):
            _fail(path + (k,), "a number", v)
    try:
        make_optimizer(optimizer, [np.zeros(1)], [np.zeros(1)], **raw)
    except (ValueError, TypeError) as e:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: {e}") from None
    return {k: float(v) for k, v in raw.items()}


def _check_data(raw: Any, spec: NetworkSpec) -> DataSource | None:
    if raw is None:
        return None
    path = ("data",)
    _obj(raw, path)
    d = DataSource()
    name = _get(raw, "name", path)
    known = ["csv", *TOY_DATASETS, *REAL_DATASETS]
    if not isinstance(name, str) or name not in known:
        _fail(path + ("name",), f"a dataset name ({', '.join(known)})", name)
    src = DataSource(
        name=name,
        path=_str(raw.get("path"), path + ("path",), 4096, optional=True),
        target=_str(raw.get("target"), path + ("target",), 1000, optional=True),
        n=_int(raw.get("n", d.n), path + ("n",), 1, MAX_DATA_POINTS),
        noise=_num(raw.get("noise", d.noise), path + ("noise",), lo=0.0),
        seed=None if raw.get("seed", d.seed) is None else
        _int(raw.get("seed", d.seed), path + ("seed",), 0, 2**63 - 1),
        test_fraction=_num(raw.get("test_fraction", d.test_fraction), path + ("test_fraction",),
                           lo=0.0, hi=1.0, hi_open=True),
        features=list(_list(raw.get("features", []), path + ("features",), len(FEATURES))),
        standardize=_bool(raw.get("standardize", d.standardize), path + ("standardize",)),
        standardizer=None,
        points=_check_points_field(raw.get("points"), path + ("points",)),
    )
    if name == "csv" and not src.path and src.points is None:
        _fail(path + ("path",), "the path of the CSV file", src.path)
    for i, f in enumerate(src.features):
        if not isinstance(f, str) or f not in FEATURES:
            _fail(path + ("features", i), f"a derived feature ({', '.join(FEATURES)})", f)
    if len(set(src.features)) != len(src.features):
        raise _Bad(f"{NETWORK_MEMBER} at $.data.features: a feature is listed twice")
    stats = raw.get("standardizer")
    if stats is not None:
        spath = path + ("standardizer",)
        _obj(stats, spath)
        mean = _list(_get(stats, "mean", spath), spath + ("mean",), MAX_UNITS)
        scale = _list(_get(stats, "scale", spath), spath + ("scale",), MAX_UNITS)
        for i, v in enumerate(mean):
            _num(v, spath + ("mean", i))
        for i, v in enumerate(scale):
            _num(v, spath + ("scale", i), lo=0.0, lo_open=True)
        if len(mean) != len(scale):
            raise _Bad(f"{NETWORK_MEMBER} at {_json_path(spath)}: {len(mean)} means but "
                       f"{len(scale)} scales")
        inputs = spec.nodes_of_kind("input")
        if len(inputs) == 1 and inputs[0].units != len(mean):
            raise _Bad(f"{NETWORK_MEMBER} at {_json_path(spath)}: the standardiser has "
                       f"{len(mean)} columns but the input {inputs[0].label} has "
                       f"{inputs[0].units} units")
        src.standardizer = {"mean": [float(v) for v in mean], "scale": [float(v) for v in scale]}
    return src


def _check_points_field(raw: Any, path: tuple) -> dict[str, Any] | None:
    """Drawn points (``data.points``), checked by :func:`core.data.points.check_points`."""
    if raw is None:
        return None
    try:
        return check_points(raw)
    except DataError as e:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: {e}") from None


def _check_optimizer(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    path = ("optimizer",)
    _obj(raw, path)
    name = _get(raw, "name", path)
    if not isinstance(name, str) or name not in OPTIMIZERS:
        _fail(path + ("name",), f"one of {', '.join(OPTIMIZERS)}", name)
    hyper = _check_hyper(raw.get("hyper", {}), path + ("hyper",), name)
    t = _int(_get(raw, "t", path), path + ("t",), 0, 2**62)
    keys = _list(_get(raw, "state_keys", path), path + ("state_keys",))
    want = list(OPTIMIZERS[name].state_keys)
    if sorted(k for k in keys if isinstance(k, str)) != sorted(want) or len(keys) != len(want):
        _fail(path + ("state_keys",), f"the {name} state keys {want}", keys)
    return {"name": name, "hyper": hyper, "t": t, "state_keys": want}


# --- arrays -------------------------------------------------------------------------------

def _expected_arrays(parts: _Parts) -> dict[str, tuple[int, ...]]:
    want = dict(parts.shapes)
    if parts.optimizer is not None:
        for k in parts.optimizer["state_keys"]:
            for key, shape in parts.shapes.items():
                want[f"{OPT_PREFIX}{k}/{key}"] = shape
    return want


def _read_arrays(zf: zipfile.ZipFile, info: zipfile.ZipInfo, parts: _Parts,
                 budget: list[int]) -> dict[str, np.ndarray]:
    """The arrays of weights.npz, each checked against its ``.npy`` header before it is read."""
    raw = _read_member(zf, info, MAX_TOTAL_BYTES, budget, WEIGHTS_MEMBER)
    try:
        inner = zipfile.ZipFile(io.BytesIO(raw))
        infos = inner.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
            KeyError, IndexError, OverflowError, struct.error):
        raise _Bad(f"{WEIGHTS_MEMBER} is damaged: it is not an .npz archive") from None
    if len(infos) > MAX_ARRAYS:
        raise _Bad(f"{WEIGHTS_MEMBER} holds {len(infos)} arrays, far more than a network has")
    want = _expected_arrays(parts)
    by_key: dict[str, zipfile.ZipInfo] = {}
    for i in infos:
        problem = _member_name_problem(i.filename)
        if problem:
            raise _Bad(f"{WEIGHTS_MEMBER} holds an entry with {problem}; refusing to read it")
        if not i.filename.endswith(".npy"):
            raise _Bad(f"{WEIGHTS_MEMBER} holds {i.filename!r}, which is not a .npy array")
        key = i.filename[:-4]
        if key in by_key:
            raise _Bad(f"{WEIGHTS_MEMBER} holds the array {key!r} twice")
        if key not in want:
            raise _Bad(f"{WEIGHTS_MEMBER} holds an array {key!r} that this network does not have")
        by_key[key] = i
    for key in want:
        if key not in by_key:
            raise _Bad(f"{WEIGHTS_MEMBER} has no array for {_describe(parts.spec, key)}")
    # The arrays get a budget of their own: weights.npz itself was counted in the file's.
    inner_budget = [MAX_TOTAL_BYTES]
    arrays: dict[str, np.ndarray] = {}
    for key, i in by_key.items():
        label = f"{WEIGHTS_MEMBER}: {key}"
        data = _read_member(inner, i, MAX_TOTAL_BYTES, inner_budget, label)
        arrays[key] = _parse_npy(data, label)
    return arrays


def _parse_npy(raw: bytes, label: str) -> np.ndarray:
    """One ``.npy`` array: header checked (no pickle, float only, size agrees), then copied."""
    fmt = np.lib.format
    f = io.BytesIO(raw)
    try:
        version = fmt.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = fmt.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = fmt.read_array_header_2_0(f)
        else:
            raise ValueError(f"unsupported .npy version {version}")
    except Exception as e:  # the header is untrusted text parsed by NumPy
        detail = " ".join(str(e).split())[:100]
        raise _Bad(f"{label} is damaged: not a valid .npy array ({detail})") from None
    if dtype.hasobject:
        raise _Bad(f"{label} holds pickled Python objects, which Backprop Studio never loads "
                   "(they could run code)")
    if dtype.newbyteorder("=") not in _FLOAT_DTYPES:
        raise _Bad(f"{label} holds {dtype} values; weights must be float32 or float64 numbers")
    if not isinstance(shape, tuple) or not all(_is_int(n) and n >= 0 for n in shape) or len(shape) > 8:
        raise _Bad(f"{label} is damaged: its header has an invalid shape")
    count = math.prod(shape)
    offset = f.tell()
    if len(raw) - offset != count * dtype.itemsize:
        raise _Bad(f"{label} is damaged: its data does not match its header "
                   f"({len(raw) - offset} bytes for shape {shape})")
    flat = np.frombuffer(raw, dtype=dtype, count=count, offset=offset)
    arr = flat.reshape(shape, order="F" if fortran else "C")
    return np.array(arr, dtype=dtype.newbyteorder("="), order="C")


def _check_arrays(arrays: dict[str, np.ndarray], parts: _Parts
                  ) -> tuple[dict[str, np.ndarray], dict[str, Any] | None]:
    """Shapes, dtypes and finiteness of every array; the optimiser state reassembled."""
    spec = parts.spec
    for key, shape in _expected_arrays(parts).items():
        if key not in arrays:
            raise _Bad(f"{WEIGHTS_MEMBER} has no array for {_describe(spec, key)}")
        a = arrays[key]
        if a.dtype not in _FLOAT_DTYPES:
            raise _Bad(f"{WEIGHTS_MEMBER}: {_describe(spec, key)} holds {a.dtype} values, "
                       "expected float32 or float64")
        if a.shape != shape:
            raise _Bad(f"{WEIGHTS_MEMBER}: {_describe(spec, key)} has shape {a.shape}, "
                       f"but the network needs {shape}")
        if not np.isfinite(a).all():
            raise _Bad(f"{WEIGHTS_MEMBER}: {_describe(spec, key)} holds NaN or infinite values")
    params = {k: arrays[k] for k in parts.shapes}
    opt = parts.optimizer
    if opt is None:
        return params, None
    state: dict[str, np.ndarray] = {}
    for k in opt["state_keys"]:
        pieces = {key: arrays[f"{OPT_PREFIX}{k}/{key}"] for key in parts.shapes}
        flat = flatten(pieces, parts.shapes, np.result_type(*pieces.values()) if pieces else np.float64)
        if k == "r" and (flat < 0).any():
            raise _Bad(f"{WEIGHTS_MEMBER}: the optimiser's squared-gradient average r has "
                       "negative entries")
        state[k] = flat
    return params, {"name": opt["name"], "hyper": dict(opt["hyper"]), "t": opt["t"], "state": [state]}


def _describe(spec: NetworkSpec, key: str) -> str:
    """A parameter name with what it is, e.g. ``W:c1 (the weights input → hidden 1)``."""
    prefix = ""
    if key.startswith(OPT_PREFIX):
        k, key = key[len(OPT_PREFIX):].split("/", 1)
        prefix = f"the optimiser's {k} of "
    kind, _, ident = key.partition(":")
    what = key
    if kind == "W" and ident in spec.connections:
        c = spec.connections[ident]
        what = f"{key} (the weights {spec.nodes[c.src].label} → {spec.nodes[c.dst].label})"
    elif ident in spec.nodes:
        noun = "bias" if kind == "b" else kind
        what = f"{key} (the {noun} of {spec.nodes[ident].label})"
    return prefix + what


# --- history ------------------------------------------------------------------------------

def _check_history(raw: Any) -> History:
    def bad(where: str, expected: str, v: Any) -> None:
        raise _Bad(f"{HISTORY_MEMBER} at {where}: expected {expected}, got {_show(v)}")

    def num(v: Any, where: str) -> float:
        if v is None:
            return math.nan
        if not _is_num(v):
            bad(where, "a number or null", v)
        return float(v)

    def lst(v: Any, where: str) -> list:
        if not isinstance(v, list):
            bad(where, "a list", v)
        return v

    if not isinstance(raw, dict):
        bad("$", "an object", raw)
    step_loss = [num(v, f"$.step_loss[{i}]") for i, v in enumerate(lst(raw.get("step_loss", []), "$.step_loss"))]
    epochs = []
    for i, e in enumerate(lst(raw.get("epochs", []), "$.epochs")):
        where = f"$.epochs[{i}]"
        if not isinstance(e, dict):
            bad(where, "an object", e)
        vals = {}
        for k in ("epoch", "step"):
            v = e.get(k)
            if not _is_int(v) or v < 0:
                bad(f"{where}.{k}", "a whole number ≥ 0", v)
            vals[k] = v
        for k in ("train_loss", "train_metric", "test_loss", "test_metric"):
            if k not in e:
                raise _Bad(f"{HISTORY_MEMBER} at {where}: the required field '{k}' is missing")
            vals[k] = num(e[k], f"{where}.{k}")
        epochs.append(EpochInfo(**vals))
    keys = lst(raw.get("grad_norm_keys", []), "$.grad_norm_keys")
    for i, k in enumerate(keys):
        if not isinstance(k, str):
            bad(f"$.grad_norm_keys[{i}]", "text", k)
    steps = lst(raw.get("grad_norm_steps", []), "$.grad_norm_steps")
    for i, s in enumerate(steps):
        if not _is_int(s) or s < 0:
            bad(f"$.grad_norm_steps[{i}]", "a whole number ≥ 0", s)
    rows = lst(raw.get("grad_norms", []), "$.grad_norms")
    if len(rows) != len(steps):
        raise _Bad(f"{HISTORY_MEMBER}: {len(rows)} rows of gradient norms for {len(steps)} steps")
    norms = []
    for i, r in enumerate(rows):
        lst(r, f"$.grad_norms[{i}]")
        if len(r) != len(keys):
            raise _Bad(f"{HISTORY_MEMBER} at $.grad_norms[{i}]: {len(r)} values for {len(keys)} keys")
        norms.append([num(v, f"$.grad_norms[{i}][{j}]") for j, v in enumerate(r)])
    return History(step_loss=step_loss, epochs=epochs, grad_norm_keys=list(keys),
                   grad_norm_steps=list(steps), grad_norms=norms)


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover
