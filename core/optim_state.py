"""The optimiser's memory, kept per parameter so that it follows structure edits.

The trainer's optimiser runs over one flat vector (``Optimizer.state_dict()``
holds one array per state key over all parameters at once), whose layout
depends on the network's structure. A document cannot keep it in that form:
after adding a layer the flat arrays no longer line up with the parameters,
and a save refused "the optimiser state 's' has shape (17,), but the network
has 21 parameters". :class:`OptimizerMemory` keeps the same numbers split by
parameter name, like the weights, so a structure edit treats them as it
treats the weights (:func:`core.parameters.refit_arrays`): kept where the
parameter still fits, fresh (zero) where it is new, dropped where it is gone.
It is converted back to the flat form only when a trainer needs it.

Instances are never changed in place: every edit makes a new one, so an undo
command may hold on to the one it replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .optim import OPTIMIZERS
from .parameters import Params, flat_views, parameter_shapes, refit_arrays
from .spec import NetworkSpec


@dataclass(frozen=True)
class OptimizerMemory:
    """An optimiser's state split by parameter.

    Attributes
    ----------
    name
        The optimiser it belongs to ("adam", "momentum", ...).
    hyper
        The hyper-parameters it ran with last.
    t
        Steps taken (Adam's bias correction reads it).
    arrays
        ``{state key: {parameter name: array}}``, e.g. ``{"s": {"W:c1": ...}}``.
    """

    name: str
    hyper: dict[str, float] = field(default_factory=dict)
    t: int = 0
    arrays: dict[str, Params] = field(default_factory=dict)

    @classmethod
    def from_state_dict(cls, state: Mapping[str, Any], spec: NetworkSpec) -> "OptimizerMemory | None":
        """Split a trainer's flat ``state_dict()`` for ``spec``; None if it does not fit.

        A state that does not fit (another network's, an unknown optimiser)
        is no state at all: training then starts the optimiser afresh, as it
        does after any structure edit.
        """
        name = state.get("name") if isinstance(state, Mapping) else None
        cls_ = OPTIMIZERS.get(name) if isinstance(name, str) else None
        per = state.get("state") if cls_ is not None else None
        if cls_ is None or not isinstance(per, (list, tuple)) or len(per) != 1:
            return None
        shapes = parameter_shapes(spec)
        total = sum(int(np.prod(s)) for s in shapes.values())
        arrays: dict[str, Params] = {}
        for k in cls_.state_keys:
            flat = np.asarray(per[0].get(k) if isinstance(per[0], Mapping) else None)
            if flat.shape != (total,) or flat.dtype.kind != "f":
                return None
            arrays[k] = {key: np.array(v) for key, v in flat_views(flat, shapes).items()}
        hyper = {k: float(v) for k, v in dict(state.get("hyper") or {}).items()}
        return cls(name, hyper, int(state.get("t") or 0), arrays)

    def to_state_dict(self, spec: NetworkSpec) -> dict[str, Any]:
        """The flat ``Optimizer.state_dict()`` a trainer over ``spec`` loads."""
        shapes = parameter_shapes(spec)
        state: dict[str, np.ndarray] = {}
        for k, per in self.fitted(spec).arrays.items():
            dtype = next(iter(per.values())).dtype if per else np.float64
            flat = np.zeros(sum(int(np.prod(s)) for s in shapes.values()), dtype)
            for key, view in flat_views(flat, shapes).items():
                view[...] = per[key]
            state[k] = flat
        return {"name": self.name, "hyper": dict(self.hyper), "t": int(self.t), "state": [state]}

    def fitted(self, spec: NetworkSpec) -> "OptimizerMemory":
        """This memory for ``spec``'s parameters: kept where they fit, zero where new, dropped where gone."""
        if all(_same_keys(per, spec) for per in self.arrays.values()):
            return self
        arrays = {k: refit_arrays(spec, per, lambda key, shape: np.zeros(shape), dtype=None)
                  for k, per in self.arrays.items()}
        return OptimizerMemory(self.name, dict(self.hyper), self.t, arrays)

    def equals(self, other: "OptimizerMemory | None") -> bool:
        """Bit-for-bit equality (dataclass ``==`` cannot compare arrays)."""
        if other is None or (self.name, self.hyper, self.t) != (other.name, other.hyper, other.t):
            return False
        if self.arrays.keys() != other.arrays.keys():
            return False
        return all(a.keys() == other.arrays[k].keys() and
                   all(np.array_equal(v, other.arrays[k][p]) and v.dtype == other.arrays[k][p].dtype
                       for p, v in a.items())
                   for k, a in self.arrays.items())


def _same_keys(per: Params, spec: NetworkSpec) -> bool:
    shapes = parameter_shapes(spec)
    if per.keys() != shapes.keys() or any(per[k].shape != s for k, s in shapes.items()):
        return False
    return not any(c.removed for c in spec.connections.values())
