"""The hand checks of ``network.json``: every field, cheap caps first.

These are the only runtime validator (the JSON Schema in :mod:`core.schema`
is a description for other programs and a test oracle), so they must be
complete, and they must be fast on hostile input: counts are capped before
anything walks a list, and each list is walked once.
"""
from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..data.dataset import DataError
from ..data.datasets import REAL_DATASETS
from ..data.points import check_points
from ..data.preprocess import FEATURES
from ..data.source import DataSource
from ..data.toy import TOY_DATASETS
from ..optim import OPTIMIZERS, make_optimizer
from ..parameters import parameter_shapes
from ..spec import LOSSES, MAX_UNITS, NODE_KINDS, NetworkSpec, SpecError
from ..trainer import TrainingSettings
from .checks import _bool, _fail, _get, _int, _list, _num, _obj, _str
from .common import (MAX_CONNECTIONS, MAX_DATA_POINTS, MAX_DESCRIPTION, MAX_NODES, MAX_PARAMETERS,
                     MAX_FREE_DEPTH, MAX_REMOVED, MAX_VIEW_BYTES, NETWORK_MEMBER, _Bad, _ID_RE,
                     _is_int, _is_num, _json_path, _size)

@dataclass
class _Parts:
    spec: NetworkSpec
    training: TrainingSettings
    data: DataSource | None
    view: dict[str, Any]
    description: str
    optimizer: dict[str, Any] | None
    shapes: dict[str, tuple[int, ...]]



def _check_free(raw: Any, path: tuple, most_bytes: int | None = None) -> dict[str, Any]:
    """Free JSON (``view``, ``meta``): an object, nested at most MAX_FREE_DEPTH deep.

    The same check runs when saving, so what loads also saves: a view nested
    600 deep loaded once but then could not be written (the writer recursed
    too deeply), and a view of millions of zeros saved as a network.json
    larger than the loader accepts.
    """
    _obj(raw, path)
    level, depth = [raw], 1
    while level:
        if depth > MAX_FREE_DEPTH:
            raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: nested more than "
                       f"{MAX_FREE_DEPTH} levels deep")
        nxt: list = []
        for v in level:
            nxt.extend(x for x in (v.values() if isinstance(v, dict) else v)
                       if isinstance(x, (dict, list)))
        level, depth = nxt, depth + 1
    if most_bytes is not None:
        size = len(json.dumps(raw, separators=(",", ":"), allow_nan=False, default=str))
        if size > most_bytes:
            raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path)}: {_size(size)} of settings, "
                       f"more than the {_size(most_bytes)} allowed")
    return raw


def _check_document(doc: dict[str, Any]) -> _Parts:
    """Every field of a (current-version) network.json, into engine objects."""
    description = _str(doc.get("description", ""), ("description",), MAX_DESCRIPTION)
    view = _check_free(doc.get("view", {}), ("view",), MAX_VIEW_BYTES)
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
    units: dict[str, int] = {}
    removed_total = 0
    for k, n in enumerate(nodes):
        path = ("spec", "nodes", k)
        _obj(n, path)
        nid = _get(n, "id", path)
        if not isinstance(nid, str) or not _ID_RE.match(nid):
            _fail(path + ("id",), "an id of 1-64 letters, digits, '_', '-' or '.'", nid)
        labels.setdefault(nid, _label(n))
        _check_node_fields(n, path)
        units.setdefault(nid, n["units"])
        meta = _check_free(n.get("meta", {}), path + ("meta",))
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
        edges = units[c["src"]] * units[c["dst"]]
        removed = _list(c.get("removed", []), path + ("removed",), min(edges, MAX_REMOVED),
                        f"removed edges allowed (the connection has {edges:,} edges; at "
                        f"most {MAX_REMOVED:,} in one file)")
        removed_total += len(removed)
        if removed_total > MAX_REMOVED:
            raise _Bad(f"{NETWORK_MEMBER} at {_json_path(path + ('removed',))}: more than "
                       f"{MAX_REMOVED:,} removed edges in all connections together")
        for i, pair in enumerate(removed):
            if not (isinstance(pair, list) and len(pair) == 2
                    and all(_is_int(v) and 0 <= v < MAX_UNITS for v in pair)):
                _fail(path + ("removed", i), "a pair [i, j] of unit numbers", pair)
        _check_free(c.get("meta", {}), path + ("meta",))
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



def _check_training(raw: Any, path: tuple = ("training",)) -> TrainingSettings:
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
        patience=_int(raw.get("patience", d.patience), path + ("patience",), 0, 1_000_000),
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

