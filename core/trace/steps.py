"""What a trace is made of: :class:`TraceStep` and :class:`Trace`, plain data for any view."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..formulas import DIGITS, MAX_SHOWN
from ..text import Message

__all__ = ["DIGITS", "LEVELS", "MAX_SHOWN", "PHASES", "Trace", "TraceStep"]

#: Zoom levels, from coarse to fine.
LEVELS = ("op", "neuron", "scalar")
#: Phases, in the order the steps come.
PHASES = ("forward", "loss", "backward", "update")

# ----------------------------------------------------------------------------
# the data the stepper displays
# ----------------------------------------------------------------------------

@dataclass
class TraceStep:
    """One step of the walk: what is computed, where, with which numbers.

    Attributes
    ----------
    index
        Position in :attr:`Trace.steps` (0-based).
    phase
        ``"forward"``, ``"loss"``, ``"backward"`` or ``"update"``.
    level
        The zoom level this step belongs to.
    kind
        What the step computes: ``"input"``, ``"net_input"``,
        ``"activation"``, ``"loss"``, ``"l2"``, ``"seed"``, ``"delta"``,
        ``"weight_grad"``, ``"bias_grad"``, ``"gamma_grad"`` (neuron and
        scalar levels); ``"scalar_op"``, ``"sum_grad"`` (where several paths
        meet), ``"loss_grad"`` (scalar level); ``"matmul"``, ``"bias"``,
        ``"activation"``, ``"loss"``, ``"seed"`` (op level); ``"update"``.
    where
        The spec node id or connection id to highlight.
    units
        Unit indices: ``(j,)`` for a unit of ``where``, ``(i, j)`` for the
        edge from unit i of the source to unit j of the destination, ``()``
        for the whole node or connection.
    symbol
        The formula with symbols, e.g. ``"z₄ = w₁₄a₁ + w₂₄a₂ + w₃₄a₃ + b₄"``.
    numbers
        The same formula with the numbers in it, ending in ``= result``.
    result
        The value computed (read off the tape wherever the tape has it): a
        float, or nested lists at the op level.
    terms
        Where a sum is formed (paths meeting, a net input, a loss over
        outputs), one dict per term with at least ``symbol`` and ``value``;
        op level: the named arrays involved (``name``, ``value``); scalar
        forward ops: the op's inputs with their local derivatives.
    local, upstream, product
        Backward steps: the local derivative, the upstream gradient and
        their product (floats; lists at the op level).
    label
        A short caption, in English (what the command line prints).
    message
        The same caption as a :class:`core.text.Message`, which the
        program's window shows in the person's language (``None``: the label is
        a name, not a sentence). Not part of :meth:`to_dict`.
    """

    index: int
    phase: str
    level: str
    kind: str
    where: str
    units: tuple[int, ...]
    symbol: str
    numbers: str
    result: float | list | None
    terms: list[dict[str, Any]] = field(default_factory=list)
    local: float | list | None = None
    upstream: float | list | None = None
    product: float | list | None = None
    label: str = ""
    message: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (non-finite numbers become ``None``)."""
        return {
            "index": self.index, "phase": self.phase, "level": self.level, "kind": self.kind,
            "where": self.where, "units": [int(u) for u in self.units],
            "symbol": self.symbol, "numbers": self.numbers, "result": _jsonable(self.result),
            "terms": _jsonable(self.terms), "local": _jsonable(self.local),
            "upstream": _jsonable(self.upstream), "product": _jsonable(self.product),
            "label": self.label,
        }


@dataclass
class Trace:
    """Every step for one sample at one level, and what it ends with.

    Attributes
    ----------
    steps
        Forward, loss, backward, then (with an optimiser) update steps.
    gradients
        Every parameter's gradient by key (``"W:c1"``, ``"b:h1"``,
        ``"gamma:h1"``), copied from the tape: equal to what
        ``Model.loss_and_grad`` gives for this sample (L2 term included).
        Without a target, the gradients of the single output ŷ instead.
    loss
        The risk ``Model.loss_and_grad`` returns (loss, plus λ/2‖W‖² when
        the model has L2); ``None`` without a target.
    output
        The network's output ŷ for the sample.
    level
        ``"neuron"``, ``"op"`` or ``"scalar"``.
    updates
        With an optimiser: per parameter key, what its next ``step()``
        would do (``"update"`` = Δθ, the state it would hold afterwards,
        e.g. Adam's ``"s"``, ``"r"``, ``"s_hat"``, ``"r_hat"``,
        ``"step_size"``; plus ``"value"``, ``"new_value"``, ``"grad"`` and
        the state before, as ``"s_prev"``...). Nothing is applied.
    x, y
        The sample's input and target (``y`` is ``None`` without one).
    """

    steps: list[TraceStep]
    gradients: dict[str, np.ndarray]
    loss: float | None
    output: np.ndarray
    level: str
    updates: dict[str, dict[str, np.ndarray]] | None = None
    x: np.ndarray | None = None
    y: np.ndarray | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data: floats, strings and lists (non-finite -> ``None``)."""
        return {
            "level": self.level,
            "input": _jsonable(self.x),
            "target": _jsonable(self.y),
            "output": _jsonable(self.output),
            "loss": _jsonable(self.loss),
            "gradients": {k: _jsonable(v) for k, v in self.gradients.items()},
            "updates": None if self.updates is None else {
                k: {n: _jsonable(a) for n, a in d.items()} for k, d in self.updates.items()},
            "steps": [s.to_dict() for s in self.steps],
        }

    def last_index(self, phase: str) -> int | None:
        """Index of the last step of ``phase`` ("run to the end of the forward pass")."""
        found = [s.index for s in self.steps if s.phase == phase]
        return found[-1] if found else None

def _plain(v: Any) -> Any:
    """Floats for scalars, nested lists for arrays: what a step stores."""
    if v is None or isinstance(v, (str, list)):
        return v
    if isinstance(v, np.ndarray):
        return v.astype(np.float64).tolist()
    return float(v)


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return f if math.isfinite(f) else None
    if isinstance(v, np.ndarray):
        return _jsonable(v.tolist())
    if isinstance(v, dict):
        return {str(k): _jsonable(t) for k, t in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(t) for t in v]
    return str(v)
