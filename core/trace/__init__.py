"""One sample's forward and backward pass, step by step, read off the tape.

This is what the backprop stepper walks through and what ``backprop-studio
trace`` prints. It is *not* a second engine: :func:`trace_sample` runs the
model's own tape on a batch of one (``Model.loss_and_grad``, or the same ops
seeded with ∂ŷ/∂ŷ = 1 when there is no target) and then reads every net
input z, activation a, gradient ∂L/∂z (δ), ∂L/∂a and parameter gradient off
the tape's buffers. A student therefore sees exactly the numbers that
training uses; the gradients a trace ends with are bit for bit the
trainer's for that sample.

What the trace computes itself is only what the tape never stores and a
person needs to follow the chain rule: the individual products of a sum
(w_ij·a_i in a net input, w_jk·δ_k in a hidden δ, each path's contribution
to a hidden weight's gradient), the local derivatives f'(z) shown next to
their upstream gradient, and at the scalar level the intermediate values
of an expanded neuron (−z, exp(−z), 1 + exp(−z)). Each such display value
sits next to the tape's result, and the tests check that they agree.

Three zoom levels, the same data shape for all (:class:`TraceStep`):

* ``"neuron"``: per unit, z_j = Σ_i w_ij a_i + b_j then a_j = f(z_j), the
  loss, then backward δ_j = f'(z_j) Σ_k w_jk δ_k (each term kept),
  ∂L/∂w_ij = a_i δ_j and ∂L/∂b_j = δ_j;
* ``"op"``: the tape's ops in order (matmul, bias, activation, loss) with
  their input, output and gradient arrays;
* ``"scalar"``: every neuron expanded into elementary operations (a
  logistic neuron with one input is the lecture's h1 = x·w, h2 = h1 + b,
  h3 = −h2, h4 = exp(h3), h5 = h4 + 1, h6 = 1/h5), each with its value,
  and backward its local derivative, upstream gradient and product.

Each step names the spec node or connection it belongs to (``where``) and
the unit indices (``units``: ``(j,)`` for a unit, ``(i, j)`` for the edge
from unit i of the source to unit j of the destination, as in
``Connection.removed``), so that the canvas can highlight it.

Formulas use the lecture's notation with Unicode subscripts. Units are
named by the optional spec node meta ``"unit_labels"`` (e.g. ``["4", "5",
"6"]`` to number units globally as the lecture does); otherwise by node id
(``h1`` for a one-unit node, ``h1[0]`` in a layer). A network of a single
neuron with a single input uses the lecture's bare x, w, b.

Headless: never imports Qt.

Each tape op explains itself, next to its forward and backward
(:mod:`core.tape`, :mod:`core.losses`): ``explain_forward`` and
``explain_backward`` at op zoom, ``expand`` at scalar zoom (its elementary
ops with their local derivatives). Adding an op to the tape is one class to
write; the levels here only walk the tape and hand each op a tracer.

The package holds one module per part: :mod:`.steps` (the data),
:mod:`.run` (the tape run once), :mod:`.notation` (names and the step
list), :mod:`.tracer` (what an op is handed), :mod:`.common`,
:mod:`.neuron`, :mod:`.op`, :mod:`.scalar` (the three levels; the scalar
graph in :mod:`.scalar_graph`, activations as elementary ops in
:mod:`.scalar_activation`), :mod:`.update` (the optimiser preview) and
:mod:`.table`.
"""
from __future__ import annotations

import numpy as np

from ..model import Model
from ..optim import Optimizer
from .neuron import _neuron_level
from .notation import _Names, _Steps, format_number
from .op import _op_level
from .run import _run
from .scalar import _scalar_level
from .steps import DIGITS, LEVELS, MAX_SHOWN, PHASES, Trace, TraceStep
from .table import format_table
from .update import _preview, _update_steps

__all__ = ["DIGITS", "LEVELS", "MAX_SHOWN", "PHASES", "Trace", "TraceStep", "format_number",
           "format_table", "trace_sample"]


def trace_sample(model: Model, x: np.ndarray, y: np.ndarray | None = None, level: str = "neuron",
                 optimizer: Optimizer | None = None) -> Trace:
    """Run ``model``'s tape on one sample and list its steps at ``level``.

    Parameters
    ----------
    model
        The compiled network. Its parameters are not changed. Its batch-of-1
        buffers are overwritten and ``model.grad`` is left holding this
        sample's gradient, so that ``optimizer.step()`` right after would
        apply exactly the update previewed here.
    x
        One sample's input, shape ``(n_inputs,)`` (or ``(1, n_inputs)``).
    y
        Its target, shape ``(n_outputs,)``. Without one, the backward pass
        starts from ∂ŷ/∂ŷ = 1 (the lecture's computation-graph example),
        which needs a single-output network.
    level
        ``"neuron"``, ``"op"`` or ``"scalar"``.
    optimizer
        When given, an ``"update"`` step per parameter shows what its next
        ``step()`` would do, computed by its own ``preview()`` on a copy of
        its state (never applied). It must be built over one flat vector
        laid out like ``model.theta`` (as the trainer builds it); it may
        belong to another copy of the network (the stepper's snapshot).

    Raises
    ------
    ValueError
        Unknown level; wrong input or target size; no target for a network
        with several outputs; an optimiser over arrays shaped otherwise.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown trace level {level!r}; one of {', '.join(LEVELS)}")
    run = _run(model, x, y)
    names = _Names(run)
    steps = _Steps(level)
    if level == "neuron":
        _neuron_level(run, names, steps)
    elif level == "op":
        _op_level(run, names, steps)
    else:
        _scalar_level(run, names, steps)
    updates = None
    if optimizer is not None:
        updates = _preview(model, optimizer)
        _update_steps(run, names, steps, optimizer, updates)
    return Trace(steps.steps, run.grads, run.risk, run.a[run.out].copy(), level, updates,
                 run.x.copy(), None if run.y is None else run.y.copy())
