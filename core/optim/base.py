"""The optimiser base class: parameters, gradients, state, ``step``, ``preview`` and saving.

Each optimiser (:mod:`.optimizers`) defines only its coefficients and its
update; everything they share, the allocation-free ``step()``, the
bit-identical ``preview()`` and the checked ``load_state_dict()``, is here once.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np

from .hyper import _Hyper, _validated

class Optimizer:
    """Base class: holds parameters, gradients, hyper-parameters and state.

    Parameters
    ----------
    params
        The arrays to optimise, updated in place. Typically one flat float64
        or float32 vector holding every weight and bias of the network
        (one array means one short run of NumPy calls per step), sometimes a
        few arrays.
    grads
        One array per parameter, same shape. Read at every ``step()``: fill
        them in place, do not rebind them.
    **hyper
        Hyper-parameters overriding ``defaults`` (lecture names, see
        ``hyper_info``). Unknown names raise ``ValueError``.

    Attributes
    ----------
    hyper : dict[str, float]
        Live hyper-parameters; a change applies from the next ``step()``.
    t : int
        Number of steps taken (Adam's bias correction uses it).
    params, grads : list of numpy.ndarray
        The arrays given at construction (not copies).
    """

    name: ClassVar[str] = ""
    display_name: ClassVar[str] = ""
    #: Hyper-parameters and their default values.
    defaults: ClassVar[dict[str, float]] = {}
    #: Hyper-parameter key -> lecture symbol and meaning, for labels/tooltips.
    hyper_info: ClassVar[dict[str, str]] = {}
    #: The update rule in the lecture's notation, for display.
    update_rule: ClassVar[str] = ""
    #: Names of the per-parameter state arrays, in storage order.
    state_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, params: list[np.ndarray], grads: list[np.ndarray], **hyper: float):
        params, grads = _check_arrays(params, grads)
        self.params: list[np.ndarray] = params
        self.grads: list[np.ndarray] = grads
        cls = type(self)
        for key in hyper:  # checked before defaults so the message names the culprit
            _validated(cls.name, cls.defaults, key, hyper[key])
        self.hyper: dict[str, float] = _Hyper(cls.name, tuple(cls.defaults), {**cls.defaults, **hyper})
        self.t: int = 0
        # State and scratch are allocated once, in the parameter's dtype and
        # memory layout, and never rebound afterwards (load/reset copy into
        # them), so step() allocates nothing.
        self._state: list[tuple[np.ndarray, ...]] = [
            tuple(np.zeros_like(p) for _ in cls.state_keys) for p in params
        ]
        self._slots: list[tuple[np.ndarray, np.ndarray, tuple[np.ndarray, ...], np.ndarray]] = [
            (p, g, st, np.empty_like(p)) for p, g, st in zip(params, grads, self._state)
        ]

    # -- what each optimiser defines ------------------------------------
    def _coefficients(self, t: int) -> tuple[float, ...]:
        """Scalars for step number ``t`` from the live hyper-parameters."""
        raise NotImplementedError

    @staticmethod
    def _update_into(g: np.ndarray, state: tuple[np.ndarray, ...], buf: np.ndarray,
                     c: tuple[float, ...]) -> np.ndarray:
        """Advance ``state`` in place and return an array holding Δθ.

        The returned array is ``buf`` or one of the state arrays; the caller
        adds it to θ. ``step()`` and ``preview()`` both call this, so they
        cannot disagree.
        """
        raise NotImplementedError

    def _preview_extras(self, entry: dict[str, np.ndarray], t: int) -> None:
        """Add derived quantities (Adam's bias-corrected moments) to ``entry``."""

    # -- public API ------------------------------------------------------
    def step(self) -> None:
        """Update every parameter in place from its gradient; ``t += 1``."""
        t = self.t + 1
        c = self._coefficients(t)
        update_into = self._update_into
        add = np.add
        for p, g, state, buf in self._slots:
            add(p, update_into(g, state, buf, c), out=p)
        self.t = t

    def preview(self) -> list[dict[str, np.ndarray]]:
        """What the next ``step()`` would do, without doing it.

        Returns
        -------
        list of dict
            One dict per parameter: ``"update"`` is Δθ (θ_after = θ + Δθ,
            bit for bit) and the other keys are the state arrays as they
            would be after the step (see the subclass for which). All arrays
            are fresh copies; params, state and ``t`` are untouched.
        """
        t = self.t + 1
        c = self._coefficients(t)
        out: list[dict[str, np.ndarray]] = []
        for p, g, state, _buf in self._slots:
            new_state = tuple(a.copy() for a in state)
            delta = self._update_into(g, new_state, np.empty_like(p), c)
            entry = {"update": delta.copy()}
            entry.update(zip(self.state_keys, new_state))
            self._preview_extras(entry, t)
            out.append(entry)
        return out

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to continue this trajectory exactly.

        Returns
        -------
        dict
            ``{"name", "hyper", "t", "state"}`` where ``state`` is a list with
            one ``{key: array copy}`` dict per parameter.
        """
        return {
            "name": self.name,
            "hyper": dict(self.hyper),
            "t": self.t,
            "state": [
                {k: a.copy() for k, a in zip(self.state_keys, state)} for state in self._state
            ],
        }

    def load_state_dict(self, d: Mapping[str, Any]) -> None:
        """Restore what ``state_dict()`` saved.

        Everything is checked before anything changes, so a bad dict leaves
        the optimiser as it was. Arrays may be lists (e.g. read back from
        JSON) and are copied into the existing buffers, cast to the
        parameter's dtype.

        Raises
        ------
        ValueError
            Wrong optimiser name, unknown or invalid hyper-parameter, bad
            ``t``, wrong number of parameters, missing or unknown state keys,
            wrong shapes, non-finite values or a negative squared-gradient
            accumulator ``r``.
        """
        new_hyper, t, states = self._checked_header(d)
        checked = [self._checked_state(i, st, p) for i, (st, p) in enumerate(zip(states, self.params))]
        # All checks passed: commit.
        self.hyper.update(new_hyper)
        self.t = int(t)
        for state, arrays in zip(self._state, checked):
            for dst, src in zip(state, arrays):
                np.copyto(dst, src, casting="unsafe")

    def _checked_header(self, d: Any) -> tuple[dict[str, float], int, Sequence[Any]]:
        """A state dict's name, hyper-parameters, ``t`` and list of states, checked; nothing changes."""
        if not isinstance(d, Mapping):
            raise ValueError(f"state dict must be a mapping, got {type(d).__name__}")
        missing = [k for k in ("name", "t", "state") if k not in d]
        if missing:
            raise ValueError(f"state dict lacks {', '.join(map(repr, missing))}")
        if d["name"] != self.name:
            raise ValueError(
                f"state dict is for optimiser {d['name']!r}, this one is {self.name!r}"
            )
        hyper = d.get("hyper", {})
        if not isinstance(hyper, Mapping):
            raise ValueError("state dict 'hyper' must be a mapping")
        new_hyper = {k: _validated(self.name, self.defaults, k, v) for k, v in hyper.items()}
        t = d["t"]
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, np.integer)) or t < 0:
            raise ValueError(f"state dict 't' must be an integer >= 0, got {t!r}")
        states = d["state"]
        if not isinstance(states, Sequence) or isinstance(states, (str, bytes)):
            raise ValueError("state dict 'state' must be a list with one dict per parameter")
        if len(states) != len(self.params):
            raise ValueError(
                f"state dict has state for {len(states)} parameter array(s), "
                f"this optimiser has {len(self.params)}"
            )
        return new_hyper, t, states

    def _checked_state(self, i: int, st: Any, p: np.ndarray) -> list[np.ndarray]:
        """Parameter ``i``'s saved state arrays, in ``state_keys`` order, each checked against ``p``."""
        if not isinstance(st, Mapping):
            raise ValueError(f"state of parameter {i} must be a mapping")
        keys, want = set(st), set(self.state_keys)
        if keys != want:
            raise ValueError(
                f"state of parameter {i} has keys {sorted(keys)}, "
                f"{self.name!r} needs {sorted(want)}"
            )
        arrays = []
        for k in self.state_keys:
            a = np.asarray(st[k])
            if a.dtype.kind not in "iuf":
                raise ValueError(
                    f"state {k!r} of parameter {i} must be real numbers, got dtype {a.dtype}"
                )
            if a.shape != p.shape:
                raise ValueError(
                    f"state {k!r} of parameter {i} has shape {a.shape}, "
                    f"the parameter has shape {p.shape}"
                )
            if not np.all(np.isfinite(a)):
                raise ValueError(f"state {k!r} of parameter {i} is not finite")
            if k == "r" and np.any(a < 0):
                raise ValueError(
                    f"state 'r' of parameter {i} has negative entries; "
                    "it accumulates squared gradients"
                )
            arrays.append(a)
        return arrays

    def reset(self) -> None:
        """Forget all state (``t = 0``, moments and accumulators zero).

        Hyper-parameters are kept. Buffers are zeroed in place, not replaced.
        """
        for state in self._state:
            for a in state:
                a.fill(0)
        self.t = 0

    def __repr__(self) -> str:
        hp = ", ".join(f"{k}={v:g}" for k, v in self.hyper.items())
        return f"{type(self).__name__}({hp}; t={self.t}, {len(self.params)} array(s))"


def _check_arrays(params: Any, grads: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Validate params/grads once, so step() need not check anything."""
    for what, seq in (("params", params), ("grads", grads)):
        if isinstance(seq, np.ndarray):
            raise TypeError(
                f"{what} must be a list of arrays; wrap a single array as [array]"
            )
    params, grads = list(params), list(grads)
    if len(params) != len(grads):
        raise ValueError(f"{len(params)} parameter array(s) but {len(grads)} gradient array(s)")
    for i, (p, g) in enumerate(zip(params, grads)):
        if not isinstance(p, np.ndarray) or not isinstance(g, np.ndarray):
            raise TypeError(f"params[{i}] and grads[{i}] must be numpy arrays")
        if p.dtype.kind != "f":
            raise ValueError(f"params[{i}] must have a floating dtype, got {p.dtype}")
        if g.dtype.kind != "f":
            raise ValueError(f"grads[{i}] must have a floating dtype, got {g.dtype}")
        if not p.flags.writeable:
            raise ValueError(f"params[{i}] is read-only; the optimiser updates it in place")
        if p.shape != g.shape:
            raise ValueError(f"params[{i}] has shape {p.shape} but grads[{i}] has shape {g.shape}")
    return params, grads
