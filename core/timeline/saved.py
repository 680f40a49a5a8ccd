"""One run's checkpoints and curves as plain data and arrays, for a file, and back.

What :func:`run_to_saved` makes is what ``core/files`` stores: a small JSON
object (the settings the checkpoints ran with, listed once each, the
settings changes, early stops) and a few arrays per run, one row per
checkpoint, so that saving and loading cost array copies rather than
Python lists. For run ``i`` the arrays are named ``r<i>.<name>``:

=============  ================  ===================================================
name           shape, dtype      what
=============  ================  ===================================================
``info``       (K, 6) int64      step, position in the permutation, epoch, the
                                 optimiser's t, index into ``settings``, index into
                                 ``perms``
``rng``        (K, 6) uint64     the PCG64 generator: state (high, low 64 bits),
                                 increment (high, low), has_uint32, uinteger
``theta``      (K, P) float      the parameters, in ``core.parameters.flat_views``
                                 order over the spec's parameters
``opt.<key>``  (Kₖ, P) float     the optimiser's state ``key`` ("s", "r", "v"), one
                                 row per checkpoint whose optimiser has that key
``early``      (Kₑ, 3) float64   early stopping: patience, best loss, best epoch,
                                 one row per checkpoint with early stopping on
``best``       (Kₑ, P) float     early stopping's best parameters, the same rows
``perms``      (Q, n) uint       the distinct permutations of the training samples
``loss``       (L,) float64      the curve: one loss per step from step 1
``epochs``     (E, 6) float64    epoch, step, train loss, train metric, test loss,
                                 test metric (NaN without a test set)
``gn_steps``   (G,) int64        the steps with gradient norms
``gn``         (G, W) float64    the gradient norm of each weight array at those steps
=============  ================  ===================================================
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..early_stop import EarlyStop
from ..optim import OPTIMIZERS
from ..trainer import EpochInfo, History, Trainer
from .checkpoints import Checkpoints
from .moment import Change, Moment, compact_perm

_MASK = (1 << 64) - 1


@dataclass(eq=False)
class SavedRuns:
    """The run tree as a file holds it: ``meta`` (JSON-able) and ``arrays`` (named ``r<i>.<name>``)."""

    meta: dict[str, Any]
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


def _rng_row(state: dict[str, Any]) -> list[int]:
    s, inc = int(state["state"]["state"]), int(state["state"]["inc"])
    return [s >> 64, s & _MASK, inc >> 64, inc & _MASK, int(state["has_uint32"]), int(state["uinteger"])]


def _rng_state(row: np.ndarray) -> dict[str, Any]:
    r = [int(v) for v in row]
    return {"bit_generator": "PCG64", "state": {"state": (r[0] << 64) | r[1], "inc": (r[2] << 64) | r[3]},
            "has_uint32": r[4], "uinteger": r[5]}


def run_to_saved(store: Checkpoints, steps: list[int], spacing: int, head: Moment, history: History
                 ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The checkpoints at ``steps`` (on the grid of ``spacing``) and ``head`` (the last step), changes, curves."""
    moments = [store.moment(s) for s in steps] + ([head] if head.step not in steps else [])
    pairs: list[dict[str, Any]] = []
    perms: list[np.ndarray] = []
    info, rng, stopped = [], [], []
    for i, m in enumerate(moments):
        pair = {"settings": m.settings, "hyper": m.optimizer["hyper"]}
        if pair not in pairs:
            pairs.append(pair)
        if not perms or perms[-1] is not m.shuffle["perm"]:
            perms.append(m.shuffle["perm"])
        info.append([m.step, m.shuffle["pos"], m.shuffle["epoch"], m.optimizer["t"], pairs.index(pair),
                     len(perms) - 1])
        rng.append(_rng_row(m.shuffle["rng"]))
        if m.stopped is not None:
            stopped.append({"row": i, "epoch": m.stopped.epoch, "best_epoch": m.stopped.best_epoch,
                            "best_loss": m.stopped.best_loss, "watched": m.stopped.watched})
    arrays = {"info": np.array(info, np.int64), "rng": np.array(rng, np.uint64),
              "theta": np.stack([m.theta for m in moments]), "perms": np.stack(perms)}
    keys = dict.fromkeys(k for m in moments for st in m.optimizer["state"] for k in st)
    for k in keys:
        arrays[f"opt.{k}"] = np.stack([m.optimizer["state"][0][k] for m in moments if k in m.optimizer["state"][0]])
    early = [m for m in moments if m.early is not None]
    arrays["early"] = np.array([[e.early["patience"], e.early["best_loss"], e.early["best_epoch"]] for e in early],
                               np.float64).reshape(len(early), 3)
    arrays["best"] = (np.stack([e.early["best_theta"] for e in early]) if early
                      else np.zeros((0, arrays["theta"].shape[1]), arrays["theta"].dtype))
    arrays.update(_history_arrays(history))
    changes = [{"step": c.step, "settings": c.settings, "hyper": c.hyper, "new_optimizer": c.new_optimizer,
                "went_on": c.went_on} for c in store.changes]
    meta = {"last": store.last, "spacing": spacing, "settings": copy.deepcopy(pairs),
            "settings_changes": copy.deepcopy(changes), "stopped": stopped,
            "grad_norm_keys": list(history.grad_norm_keys)}
    return meta, arrays


def _history_arrays(h: History) -> dict[str, np.ndarray]:
    epochs = [[e.epoch, e.step, e.train_loss, e.train_metric, e.test_loss, e.test_metric] for e in h.epochs]
    return {"loss": np.array(h.step_loss, np.float64),
            "epochs": np.array(epochs, np.float64).reshape(len(epochs), 6),
            "gn_steps": np.array(h.grad_norm_steps, np.int64),
            "gn": np.array(h.grad_norms, np.float64).reshape(len(h.grad_norms), len(h.grad_norm_keys))}


def history_from_saved(meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> History:
    """The curves of a saved run."""
    epochs = [EpochInfo(int(r[0]), int(r[1]), *(float(v) for v in r[2:])) for r in arrays["epochs"]]
    return History(step_loss=arrays["loss"].tolist(), epochs=epochs, grad_norm_keys=list(meta["grad_norm_keys"]),
                   grad_norm_steps=[int(s) for s in arrays["gn_steps"]], grad_norms=arrays["gn"].tolist())


def run_from_saved(meta: dict[str, Any], arrays: dict[str, np.ndarray], replayer: Callable[[], Trainer],
                   budget: int) -> Checkpoints:
    """A run's checkpoint store from what :func:`run_to_saved` made (already checked by the file reader)."""
    perms = [compact_perm(p) for p in arrays["perms"]]
    rows = {k[4:]: iter(arrays[k]) for k in arrays if k.startswith("opt.")}
    early_rows = iter(zip(arrays["early"], arrays["best"]))
    stopped = {s["row"]: EarlyStop(s["epoch"], s["best_epoch"], s["best_loss"], s["watched"]) for s in meta["stopped"]}
    moments = []
    for i, (row, rng, theta) in enumerate(zip(arrays["info"], arrays["rng"], arrays["theta"])):
        step, pos, epoch, t, pair, perm = (int(v) for v in row)
        settings, hyper = meta["settings"][pair]["settings"], meta["settings"][pair]["hyper"]
        keys = OPTIMIZERS[settings["optimizer"]].state_keys
        state = {k: _frozen(next(rows[k])) for k in keys}
        early = None
        if settings.get("patience", 0) > 0:
            e, best = next(early_rows)
            early = {"patience": int(e[0]), "best_loss": float(e[1]), "best_epoch": int(e[2]),
                     "best_theta": _frozen(best)}
        shuffle = {"rng": _rng_state(rng), "perm": perms[perm], "pos": pos, "epoch": epoch, "step": step}
        optimizer = {"name": settings["optimizer"], "hyper": dict(hyper), "t": t, "state": [state]}
        moments.append(Moment(step, _frozen(theta), optimizer, shuffle, copy.deepcopy(settings), early,
                              stopped.get(i)))
    changes = [Change(c["step"], copy.deepcopy(c["settings"]), dict(c["hyper"]), c["new_optimizer"], c["went_on"])
               for c in meta["settings_changes"]]
    head = moments.pop() if len(moments) > 1 and (moments[-1].step - moments[0].step) % meta["spacing"] else None
    store = Checkpoints.from_moments(moments, changes, meta["last"], meta["spacing"], replayer, budget)
    store.pin_head(head)
    return store


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a)
    a.flags.writeable = False
    return a


def thinned_steps(store: Checkpoints, budget: int) -> tuple[list[int], int]:
    """The store's checkpoints on the coarsest doubling of its grid that fits ``budget`` bytes, and that spacing.

    The first checkpoint always stays, so the result may exceed a budget
    too small for two.
    """
    steps = store.steps
    per = max(1, store.nbytes // max(1, len(steps)))
    d = store.spacing
    while len(steps) > 1 and len(steps) * per > budget:
        d *= 2
        steps = [s for s in steps if (s - store.first) % d == 0]
    return steps, d
