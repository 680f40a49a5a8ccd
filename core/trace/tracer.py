"""What a tape op is handed when it explains itself: the sample's numbers, their names, the steps so far.

Each op of :mod:`core.tape` and :mod:`core.losses` describes its own forward
and backward steps (``explain_forward``/``explain_backward`` at op zoom,
``expand`` at scalar zoom), as micrograd's ops carry their own backward. The
trace hands each call a :class:`Tracer`: :class:`~core.trace.op.OpTracer` at
op zoom, :class:`~core.trace.scalar_graph.ScalarGraph` at scalar zoom. The
ops read numbers only from it (copies of the tape's, see :mod:`.run`), never
from their live buffers, and add steps through it.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..text import QT_TRANSLATE_NOOP, Message
from .notation import _Names, _Steps
from .run import _Run
from .steps import TraceStep


class Tracer:
    """The sample's numbers (``run``), the notation (``names``) and the step list (``steps``)."""

    def __init__(self, run: _Run, names: _Names, steps: _Steps):
        self.run, self.names, self.steps = run, names, steps

    @property
    def obj(self) -> str:
        """What is differentiated: ``"L"``, or ``"f"`` (the network's output) without a target."""
        return self.run.obj

    @property
    def l2(self) -> bool:
        """Whether weight gradients carry the L2 term (a model with λ, run with a target)."""
        return bool(self.run.model.l2) and self.run.y is not None

    def add(self, phase: str, kind: str, where: str, units: Iterable[int], symbol: str,
            numbers: str, result: Any, terms: list[dict[str, Any]] | None = None,
            local: Any = None, upstream: Any = None, product: Any = None,
            label: str | Message = "") -> TraceStep:
        """Append a step (see :class:`~core.trace.steps.TraceStep` for the fields)."""
        return self.steps.add(phase, kind, where, units, symbol, numbers, result, terms,
                              local, upstream, product, label)

    def seed(self, what: str | None = None) -> None:
        """The step that starts the backward pass from ∂ŷ/∂ŷ = 1 when there is no target."""
        out = self.run.out
        what = what or self.names.a(out, 0)
        self.add("backward", "seed", out, (0,), f"∂f/∂{what} = 1", f"∂f/∂{what} = 1", 1.0,
                 local=None, upstream=None, product=None,
                 label=Message(QT_TRANSLATE_NOOP(
                     "Trace", "no target: the backward pass starts from ∂ŷ/∂ŷ = 1 (f is the network's output)")))
