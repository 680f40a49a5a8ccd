"""A unit's activation as elementary ops at scalar zoom, for every activation function.

The :class:`~core.tape.Activate` op and the losses fused with their
activation (:class:`~core.losses.FusedLossOp`) both expand unit j through
here, so the lecture's forms are written once: the logistic function as
h₃ = −z, h₄ = exp(h₃), h₅ = h₄ + 1, h₆ = 1/h₅; tanh, ReLU and the identity
with their derivatives in symbols; any other function as one op with f'(z);
PReLU with its learned γ as a second input; softmax as one op per output
over every z of the layer, made once the layer's last unit has its z.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..activations import get_activation
from ..formulas import fmt, fmtp, function_symbol, sum_text
from ..parameters import learned_key
from ..text import QT_TRANSLATE_NOOP, Message
from .common import _act_name, _fprime_vec

if TYPE_CHECKING:
    from .scalar_graph import ScalarGraph


def expand_activation(g: ScalarGraph, nid: str, j: int, fused: bool) -> None:
    """a_j = f(z_j) after unit j's net input; ``fused``: the loss op computes it (its δ is ŷ − y)."""
    zi = g.net_input(nid, j)
    name = _act_name(g.run, nid)
    if name == "softmax":  # needs every z of the layer
        if j == g.run.spec.nodes[nid].units - 1:
            _softmax(g, nid, fused)
        return
    ai = _logistic(g, nid, j, zi) if name == "logistic" and not fused else _one_op(g, nid, j, zi, name, fused)
    g.unit_out[(nid, j)] = ai
    g.vals[ai].output = nid == g.run.out


def _logistic(g: ScalarGraph, nid: str, j: int, zi: int) -> int:
    """σ(z) in the lecture's four steps: −z, exp, + 1, reciprocal."""
    run, lbl = g.run, g.names.label(nid, j)
    zv, zn = g.vals[zi].value, g.vals[zi].name
    h3 = g.h(-zv, nid, (j,))
    g.op(h3, [zi], [-1.0], ["−1"], f"−{zn}", f"−{fmtp(zv)}",
         Message(QT_TRANSLATE_NOOP("Trace", "logistic of {0}: multiply by −1"), lbl))
    n3 = g.vals[h3].name
    with np.errstate(over="ignore"):
        e = float(np.exp(g.vals[h3].value))
    h4 = g.h(e, nid, (j,))
    g.op(h4, [h3], [e], [f"exp({n3})"], f"exp({n3})", f"exp({fmt(g.vals[h3].value)})",
         Message(QT_TRANSLATE_NOOP("Trace", "logistic of {0}: exp"), lbl))
    h5 = g.h(e + 1.0, nid, (j,))
    n4, n5 = g.vals[h4].name, g.vals[h5].name
    g.op(h5, [h4], [1.0], ["1"], f"{n4} + 1", f"{fmt(e)} + 1",
         Message(QT_TRANSLATE_NOOP("Trace", "logistic of {0}: add 1"), lbl))
    d5 = e + 1.0
    h6 = g.h(float(run.a[nid][j]), nid, (j,), g.names.a(nid, j), float(run.da[nid][j]))
    g.op(h6, [h5], [-1.0 / (d5 * d5)], [f"−1/{n5}²"], f"1 / {n5}", f"1 / {fmt(d5)}",
         Message(QT_TRANSLATE_NOOP("Trace", "logistic of {0}: reciprocal"), lbl))
    return h6


def _one_op(g: ScalarGraph, nid: str, j: int, zi: int, name: str, fused: bool) -> int:
    """The activation as one op: a = f(z) with its local derivative (and PReLU's γ as a second input)."""
    run, lbl = g.run, g.names.label(nid, j)
    av = float(run.a[nid][j])
    zv, zn = g.vals[zi].value, g.vals[zi].name
    gi = None
    if "gamma" in get_activation(name).learned:  # registered before its op, like w and b
        key = learned_key("gamma", nid)
        gi = g.param(g.names.gamma(nid, j), float(run.params[key][j]), "gamma", nid, (j,),
                     float(run.grads[key][j]))
    ha = g.h(av, nid, (j,), g.names.a(nid, j), None if fused else float(run.da[nid][j]))
    if name == "identity":
        g.op(ha, [zi], [1.0], ["1"], zn, fmt(zv),
             Message(QT_TRANSLATE_NOOP("Trace", "identity activation of {0}"), lbl))
    elif name == "tanh":
        g.op(ha, [zi], [1.0 - av * av], [f"1 − {g.vals[ha].name}²"], f"tanh({zn})", f"tanh({fmt(zv)})",
             Message(QT_TRANSLATE_NOOP("Trace", "tanh activation of {0}"), lbl))
    elif name == "relu":
        g.op(ha, [zi], [float(zv > 0)], [f"I({zn} > 0)"], f"ReLU({zn})", f"ReLU({fmt(zv)})",
             Message(QT_TRANSLATE_NOOP("Trace", "ReLU activation of {0}"), lbl))
    else:
        F = function_symbol(name)
        fv = float(_fprime_vec(run, nid)[j]) if not fused else float(av * (1 - av))
        inputs, local, lsym = [zi], [fv], [f"{F}'({zn})"]
        if gi is not None:
            inputs.append(gi)
            local.append(zv if zv <= 0 else 0.0)
            lsym.append(f"min({zn}, 0)")
        label = (QT_TRANSLATE_NOOP("Trace", "{0} activation of {1} (fused with the loss)") if fused
                 else QT_TRANSLATE_NOOP("Trace", "{0} activation of {1}"))
        display = Message(get_activation(name).display, context="Activations")
        g.op(ha, inputs, local, lsym, f"{F}({zn})", f"{F}({fmt(zv)})", Message(label, display, lbl), fused)
    return ha


def _softmax(g: ScalarGraph, nid: str, fused: bool) -> None:
    """ŷ_k = exp(z_k) / Σ exp(z), each output one op over every z (∂ŷ_k/∂z_j = ŷ_k (I(k=j) − ŷ_j))."""
    run, nm = g.run, g.names
    n = run.spec.nodes[nid].units
    g.start_block(nid, (nid, "softmax"), first=True)  # walked back before the units' z chains
    zs = [g.net_input(nid, j) for j in range(n)]
    yv = run.a[nid]
    for k in range(n):
        hk = g.h(float(yv[k]), nid, (k,), nm.a(nid, k), None if fused else float(run.da[nid][k]))
        local = [float(yv[k] * ((k == j) - yv[j])) for j in range(n)]
        g.op(hk, zs, local, [f"{nm.a(nid, k)}(I({k}={j}) − {nm.a(nid, j)})" for j in range(n)],
             f"exp({g.vals[zs[k]].name}) / ({sum_text([f'exp({g.vals[t].name})' for t in zs])})",
             f"exp({fmt(g.vals[zs[k]].value)}) / ({sum_text([f'exp({fmt(g.vals[t].value)})' for t in zs])})",
             Message(QT_TRANSLATE_NOOP("Trace", "softmax output {0} (fused with the loss)") if fused
                     else QT_TRANSLATE_NOOP("Trace", "softmax output {0}"), nm.label(nid, k)), fused)
        g.unit_out[(nid, k)] = hk
        g.vals[hk].output = nid == run.out
