"""``weights.npz``: arrays parsed from their ``.npy`` headers, never unpickled.

Each header is checked (float only, size agrees with the shape) before its
data is touched, and every array must be exactly one the spec or the
optimiser metadata calls for.
"""
from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from typing import Any

import numpy as np

from ..parameters import flatten
from ..spec import NetworkSpec
from .common import (MAX_ARRAYS, MAX_NPZ_DIRECTORY, MAX_TOTAL_BYTES, OPT_PREFIX, WEIGHTS_MEMBER, _Bad, _FLOAT_DTYPES,
                     _is_int)
from .validate import _Parts
from .zipsafe import _member_name_problem, _read_member, open_zip

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
    inner, by_key = _npz_entries(zf, info, budget, WEIGHTS_MEMBER, MAX_ARRAYS)
    want = _expected_arrays(parts)
    for key in by_key:
        if key not in want:
            raise _Bad(f"{WEIGHTS_MEMBER} holds an array {key!r} that this network does not have")
    for key in want:
        if key not in by_key:
            raise _Bad(f"{WEIGHTS_MEMBER} has no array for {_describe(parts.spec, key)}")
    arrays: dict[str, np.ndarray] = {}
    for key, i in by_key.items():
        label = f"{WEIGHTS_MEMBER}: {key}"
        data = _read_member(inner, i, MAX_TOTAL_BYTES, budget, label, packed_charged=True)
        arrays[key] = _parse_npy(data, label)
    return arrays


def _npz_entries(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], label: str,
                 max_arrays: int) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """An ``.npz`` member opened (its table of contents judged first) and its arrays by name, none read yet."""
    raw = _read_member(zf, info, MAX_TOTAL_BYTES, budget, label)
    try:
        inner = open_zip(io.BytesIO(raw), len(raw), label, max_arrays, MAX_NPZ_DIRECTORY)
        infos = inner.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
            KeyError, IndexError, OverflowError, struct.error):
        raise _Bad(f"{label} is damaged: it is not an .npz archive") from None
    except _Bad as e:
        if "not a zip archive" in str(e):
            raise _Bad(f"{label} is damaged: it is not an .npz archive") from None
        raise
    if len(infos) > max_arrays:
        raise _Bad(f"{label} holds {len(infos)} arrays, far more than a network has")
    by_key: dict[str, zipfile.ZipInfo] = {}
    for i in infos:
        problem = _member_name_problem(i.filename)
        if problem:
            raise _Bad(f"{label} holds an entry with {problem}; refusing to read it")
        if not i.filename.endswith(".npy"):
            raise _Bad(f"{label} holds {i.filename!r}, which is not a .npy array")
        key = i.filename[:-4]
        if key in by_key:
            raise _Bad(f"{label} holds the array {key!r} twice")
        by_key[key] = i
    return inner, by_key



def _parse_npy(raw: bytes, label: str, dtypes: tuple[np.dtype, ...] = _FLOAT_DTYPES) -> np.ndarray:
    """One ``.npy`` array: header checked (no pickle, one of ``dtypes``, size agrees), then copied."""
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
    if dtype.newbyteorder("=") not in dtypes:
        if dtypes == _FLOAT_DTYPES:
            raise _Bad(f"{label} holds {dtype} values; weights must be float32 or float64 numbers")
        raise _Bad(f"{label} holds {dtype} values; expected {' or '.join(map(str, dtypes))}")
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

