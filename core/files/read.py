"""Loading a ``.ffn`` file: everything is checked before anything is returned.

Two phases, as orange's ``readwrite`` does: parse the members into plain
data and check it (caps first, then every field), then build the engine
objects. Every way a file can be wrong ends as one
:class:`~core.files.common.NetworkFileError` on one line.
"""
from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from .arrays import _check_arrays, _read_arrays
from .common import (HISTORY_MEMBER, MAX_CENTRAL_DIRECTORY, MAX_FILE_BYTES, MAX_HISTORY_VALUES,
                     MAX_JSON_VALUES,
                     MAX_MEMBERS, MAX_HISTORY_BYTES, MAX_JSON_BYTES,
                     MAX_TOTAL_BYTES, NETWORK_MEMBER, RUNS_MEMBER, WEIGHTS_MEMBER, NetworkFile, NetworkFileError,
                     _Bad, _size)
from ..text import printable
from ..timeline.saved import SavedRuns
from .history import _check_history
from .runs import _check_runs_arrays, _check_runs_meta, _read_runs_arrays
from .migrate import _upgrade
from .validate import _check_document
from .zipsafe import _members, _read_member, open_zip

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
    except (RuntimeError, ValueError) as e:   # a symlink loop on some Pythons, a NUL in the name
        raise _Bad(f"cannot read the file ({printable(e, 80)})") from None
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
        try:
            zf = open_zip(f, st.st_size, "the archive", MAX_MEMBERS, MAX_CENTRAL_DIRECTORY)
        except _Bad as e:
            if "not a zip archive" in str(e):
                raise _Bad("not a Backprop Studio network file: it is not a zip archive, "
                           "or it was cut short") from None
            raise
        with zf:
            members = _members(zf)
            budget = [MAX_TOTAL_BYTES]
            raw = _read_member(zf, members[NETWORK_MEMBER], MAX_JSON_BYTES, budget, NETWORK_MEMBER)
            doc = _parse_network(raw)
            doc = _upgrade(doc)
            parts = _check_document(doc)
            arrays = _read_arrays(zf, members[WEIGHTS_MEMBER], parts, budget)
            params, optimizer_state = _check_arrays(arrays, parts)
            history = None
            if HISTORY_MEMBER in members:
                raw = _read_member(zf, members[HISTORY_MEMBER], MAX_HISTORY_BYTES, budget, HISTORY_MEMBER)
                hdoc = _parse_history(raw)
                history = _check_history(hdoc)
            runs = _read_runs(zf, members, doc, parts, budget)
    return NetworkFile(parts.spec, params, parts.training, parts.data, parts.view,
                       optimizer_state, history, parts.description, runs)


def _read_runs(zf: Any, members: dict[str, Any], doc: dict[str, Any], parts: Any, budget: list[int]
               ) -> SavedRuns | None:
    """The tree of runs, if the file has one: network.json's ``runs`` and runs.npz, both or neither."""
    if doc.get("runs") is None:
        if RUNS_MEMBER in members:
            raise _Bad(f"the archive holds {RUNS_MEMBER}, but {NETWORK_MEMBER} lists no runs")
        return None
    meta = _check_runs_meta(doc["runs"], parts)
    if RUNS_MEMBER not in members:
        raise _Bad(f"the network file is incomplete: {RUNS_MEMBER} is missing")
    arrays = _read_runs_arrays(zf, members[RUNS_MEMBER], meta, budget)
    _check_runs_arrays(arrays, meta, parts)
    return SavedRuns(meta, arrays)



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



def _parse_history(raw: bytes) -> Any:
    """history.json, its size and count of numbers capped before it is parsed.

    Small numbers are a few bytes each but a Python object each once parsed,
    so the count (commas, counted in C) bounds the memory parsing costs. The
    saver calls this too: a history it writes is one the loader accepts.
    """
    if len(raw) > MAX_HISTORY_BYTES:
        raise _Bad(f"{HISTORY_MEMBER} is {_size(len(raw))}, more than the "
                   f"{_size(MAX_HISTORY_BYTES)} allowed")
    values = raw.count(b",") + 1
    if values > MAX_HISTORY_VALUES:
        raise _Bad(f"{HISTORY_MEMBER} holds about {values:,} values, more than the "
                   f"{MAX_HISTORY_VALUES:,} allowed (about 1 million steps of curves)")
    return _parse_json(raw, HISTORY_MEMBER, nan_allowed=False)


def _parse_network(raw: bytes) -> Any:
    """network.json, its count of values capped before it is parsed (the saver calls this too).

    Parsing is the one step that walks everything, so a cheap count (commas,
    counted in C) comes first: millions of zeros in ``view`` are refused in
    milliseconds, the same way on load and on save.
    """
    values = raw.count(b",") + 1
    if values > MAX_JSON_VALUES:
        raise _Bad(f"{NETWORK_MEMBER} holds about {values:,} values, more than the "
                   f"{MAX_JSON_VALUES:,} allowed")
    return _parse_json(raw, NETWORK_MEMBER)
