"""Steps shared by the neuron and scalar levels: inputs, activations, the loss, f'(z)."""
from __future__ import annotations

import numpy as np

from ..activations import get_activation
from ..parameters import learned_key
from ..text import QT_TRANSLATE_NOOP, Message
from .notation import _FNAME, _fmt, _fmtp, _Names, _Steps, _sum
from .run import _Run
from .tracer import Tracer

# ----------------------------------------------------------------------------
# pieces shared by the neuron and scalar levels
# ----------------------------------------------------------------------------

def _act_name(run: _Run, nid: str) -> str:
    return get_activation(run.spec.nodes[nid].activation).name


def _fprime(run: _Run, nm: _Names, nid: str, j: int) -> tuple[str, str, float]:
    """f'(z_j) for display: (symbol, with numbers, value), in the lecture's forms."""
    name = _act_name(run, nid)
    act = get_activation(name)
    zv, av = float(run.z[nid][j]), float(run.a[nid][j])
    a, z = nm.a(nid, j), nm.z(nid, j)
    if name == "logistic":
        return f"{a} (1 − {a})", f"{_fmt(av)} · (1 − {_fmt(av)})", av * (1.0 - av)
    if name == "tanh":
        return f"(1 − {a}²)", f"(1 − {_fmtp(av)}²)", 1.0 - av * av
    if name == "identity":
        return "1", "1", 1.0
    if name == "relu":
        return f"I({z} > 0)", f"I({_fmt(zv)} > 0)", float(zv > 0)
    value = float(np.asarray(act.df(run.z[nid], **run.hyper(nid)), dtype=np.float64).reshape(-1)[j])
    return f"{_FNAME.get(name, name)}'({z})", _fmt(value), value


def _fprime_vec(run: _Run, nid: str) -> np.ndarray:
    """f'(z) of every unit of ``nid``, computed for display next to the upstream gradient."""
    act = get_activation(run.spec.nodes[nid].activation)
    return np.asarray(act.df(run.z[nid], **run.hyper(nid)), dtype=np.float64).reshape(-1)


def _times(factor_sym: str, expr: str) -> str:
    """``factor expr``, dropping a factor of 1."""
    return expr if factor_sym == "1" else f"{factor_sym} {expr}"


def _times_n(factor_num: str, expr: str) -> str:
    return expr if factor_num == "1" else f"{factor_num} · {expr}"


def _input_steps(run: _Run, nm: _Names, S: _Steps) -> None:
    nid = nm.input
    for i, v in enumerate(run.x):
        a = nm.a(nid, i)
        if a.startswith("x"):
            sym, num = a, f"{a} = {_fmt(v)}"
        else:
            sym, num = f"{a} = {nm.x(i)}", f"{a} = {_fmt(v)}"
        S.add("forward", "input", nid, (i,), sym, num, v,
              label=Message(QT_TRANSLATE_NOOP("Trace", "input {0}"), nm.label(nid, i)))


def _activation_forward(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """a_j = f(z_j), the value read off the tape."""
    name = _act_name(run, nid)
    a, z = nm.a(nid, j), nm.z(nid, j)
    zv, av = run.z[nid], float(run.a[nid][j])
    F = _FNAME.get(name, name)
    node = run.spec.nodes[nid]
    if name == "identity":
        sym, num = f"{a} = {z}", f"{a} = {_fmt(av)}"
    elif name == "softmax":
        zs = [nm.z(nid, k) for k in range(node.units)]
        sym = f"{a} = exp({z}) / ({_sum([f'exp({s})' for s in zs])})"
        num = (f"{a} = exp({_fmt(zv[j])}) / ({_sum([f'exp({_fmt(t)})' for t in zv])})"
               f" = {_fmt(av)}")
    elif name == "prelu":
        g = float(run.params[learned_key("gamma", nid)][j])
        sym = f"{a} = PReLU({z}) = {z} if {z} > 0 else {nm.gamma(nid, j)} {z}"
        num = f"{a} = PReLU({_fmt(zv[j])}; γ = {_fmt(g)}) = {_fmt(av)}"
    else:
        sym, num = f"{a} = {F}({z})", f"{a} = {F}({_fmt(zv[j])}) = {_fmt(av)}"
    if run.fused and nid == run.out:
        label = QT_TRANSLATE_NOOP("Trace", "activation of {0}: {1} (computed by the fused loss op)")
    else:
        label = QT_TRANSLATE_NOOP("Trace", "activation of {0}: {1}")
    display = Message(get_activation(name).display, context="Activations")
    S.add("forward", "activation", nid, (j,), sym, num, av, label=Message(label, nm.label(nid, j), display))


def _loss_steps(run: _Run, nm: _Names, S: _Steps) -> None:
    """L for the sample, term by term as the loss op writes it, then the L2 term of the risk."""
    assert run.y is not None and run.loss is not None
    run.loss_op.explain_loss(Tracer(run, nm, S))
    if run.model.l2:
        lam = run.model.l2
        w2 = sum(float(np.vdot(v, v)) for k, v in run.params.items() if k.startswith("W:"))
        S.add("loss", "l2", run.out, (), "R = L + ½ λ ‖W‖²_F",
              f"R = {_fmt(run.loss)} + ½ · {_fmt(lam)} · {_fmt(w2)} = {_fmt(run.risk)}", run.risk,
              label=Message(QT_TRANSLATE_NOOP(
                  "Trace", "structural risk: the loss plus L2 weight decay (biases excluded)")))


def _seed_step(run: _Run, nm: _Names, S: _Steps, what: str | None = None) -> None:
    """∂f/∂ŷ = 1: where the backward pass starts without a target."""
    Tracer(run, nm, S).seed(what)


def _l2_sym(run: _Run) -> bool:
    return bool(run.model.l2) and run.y is not None
