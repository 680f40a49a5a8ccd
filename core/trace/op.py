"""The op level: the tape's matrix operations with their arrays, each op explaining itself.

The walk is the tape's own: forward over its ops, then backward over them
reversed, asking each op (``explain_forward``/``explain_backward``, written
next to its ``forward``/``backward`` in :mod:`core.tape` and
:mod:`core.losses`) to add its steps. :class:`OpTracer` is what they are
handed: the sample's numbers and names, and the two sums a vector view has
to carry from op to op (z while connections add into it, ∂L/∂a while paths
add into it).
"""
from __future__ import annotations

import numpy as np

from ..activations import get_activation
from ..formulas import function_symbol
from ..tape import Op
from ..text import QT_TRANSLATE_NOOP, Message
from .common import _fprime_vec
from .notation import _fmt, _Names, _Steps
from .run import _Run
from .tracer import Tracer


class OpTracer(Tracer):
    """The op zoom's tracer: numbers, names, steps, and the partial sums between ops."""

    def __init__(self, run: _Run, names: _Names, steps: _Steps):
        super().__init__(run, names, steps)
        self.z_so_far: dict[str, np.ndarray] = {}   # z of a node as its ops have added so far
        self.da_so_far: dict[str, np.ndarray] = {}  # ∂L/∂a of a node as the backward walk has added so far
        # The last op to write a value shows the tape's number rather than the sum recomputed here.
        self._last_writer = {op.out.name: op for op in run.ops if op.out is not None}

    def finishes(self, op: Op) -> bool:
        """Whether ``op`` is the last to write its value (its result is then the tape's)."""
        return op.out is not None and self._last_writer.get(op.out.name) is op

    def act_name(self, nid: str) -> str:
        """The activation of node ``nid`` by its registry name."""
        return get_activation(self.run.spec.nodes[nid].activation).name

    def act_sym(self, nid: str) -> str:
        """f(z) of a whole node: ``σ(z[h1])``, or just ``z[h1]`` for the identity."""
        name, z = self.act_name(nid), self.names.vec("z", nid)
        return z if name == "identity" else f"{function_symbol(name)}({z})"

    def fprime(self, nid: str) -> np.ndarray:
        """f'(z) of every unit of ``nid``, for display next to the upstream gradient."""
        return _fprime_vec(self.run, nid)


def _op_level(run: _Run, nm: _Names, S: _Steps) -> None:
    """Forward over the tape's ops, the L2 term, then backward over them reversed."""
    tr = OpTracer(run, nm, S)
    for op in run.ops:
        op.explain_forward(tr)
    if run.y is not None and run.model.l2:  # not an op: the model adds it to the loss
        S.add("loss", "l2", run.out, (), "R = L + ½ λ ‖W‖²_F",
              f"R = {_fmt(run.loss)} + ½ · {_fmt(run.model.l2)} · ‖W‖² = {_fmt(run.risk)}", run.risk,
              label=Message(QT_TRANSLATE_NOOP("Trace", "structural risk with L2 weight decay")))
    for op in reversed(run.ops):
        op.explain_backward(tr)
