"""``history.json``: the training curves, checked field by field.

JSON has no NaN, so the writer stores NaN (the test scores without a test
set) as null and the reader turns null back into NaN.
"""
from __future__ import annotations

import math
from typing import Any

from ..trainer import EpochInfo, History
from .common import HISTORY_MEMBER, _Bad, _is_int, _is_num, _show

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

