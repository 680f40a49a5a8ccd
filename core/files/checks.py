"""Typed field checks for ``network.json``, each failing with the field's JSON path.

Small functions so every hand check words its refusal the same way:
``network.json at $.training.batch_size: expected a whole number from 1 to
10000000, got 0``.
"""
from __future__ import annotations

from typing import Any

from .common import NETWORK_MEMBER, _Bad, _is_int, _is_num, _json_path, _show

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



def _list(v: Any, path: tuple, most: int | None = None, what: str = "entries allowed") -> list:
    """A list of at most ``most`` items, its length checked before anything walks it."""
    if not isinstance(v, list):
        _fail(path, "a list", v)
    if most is not None and len(v) > most:
        raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: {len(v):,} entries, more than the "
                   f"{most:,} {what}")
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

