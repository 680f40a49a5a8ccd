"""The neuron level: z_j, a_j, then δ_j = f'(z_j) Σ_k w_jk δ_k with every term, ∂L/∂w_ij, ∂L/∂b_j."""
from __future__ import annotations

from typing import Any

from ..activations import get_activation
from ..parameters import bias_key, learned_key, weight_key
from ..spec import Connection
from ..text import QT_TRANSLATE_NOOP, Message
from .common import (
    _act_name,
    _activation_forward,
    _fprime,
    _input_steps,
    _l2_sym,
    _loss_steps,
    _seed_step,
    _times,
    _times_n,
)
from .notation import _fmt, _fmtp, _Names, _Steps, _sum
from .run import _Run

# ----------------------------------------------------------------------------
# neuron level
# ----------------------------------------------------------------------------

def _neuron_level(run: _Run, nm: _Names, S: _Steps) -> None:
    spec = run.spec
    for nid in run.order:
        node = spec.nodes[nid]
        if node.kind == "input":
            _input_steps(run, nm, S)
            continue
        if _act_name(run, nid) == "softmax":  # needs every z of the node first
            for j in range(node.units):
                _net_input_step(run, nm, S, nid, j)
            for j in range(node.units):
                _activation_forward(run, nm, S, nid, j)
        else:
            for j in range(node.units):
                _net_input_step(run, nm, S, nid, j)
                _activation_forward(run, nm, S, nid, j)
    if run.y is not None:
        _loss_steps(run, nm, S)
    else:
        _seed_step(run, nm, S)
    for nid in reversed(run.order):
        node = spec.nodes[nid]
        if node.kind == "input":
            continue
        for j in range(node.units):
            if nid == run.out:
                expanded = _delta_output(run, nm, S, nid, j)
            else:
                expanded = None
                _delta_hidden(run, nm, S, nid, j)
            for c, i in run.in_edges(nid, j):
                _weight_grad_step(run, nm, S, c, i, j, expanded)
            if node.bias:
                _bias_grad_step(run, nm, S, nid, j, expanded)
            if "gamma" in get_activation(node.activation).learned:
                _gamma_grad_step(run, nm, S, nid, j)


def _net_input_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """z_j = Σ_i w_ij a_i + b_j: each product kept, z_j itself off the tape."""
    node = run.spec.nodes[nid]
    terms: list[dict[str, Any]] = []
    syms, nums = [], []
    for c, i in run.in_edges(nid, j):
        wv, av = run.w(c, i, j), float(run.a[c.src][i])
        s = f"{nm.w(c, i, j)}{nm.a(c.src, i)}"
        n = f"{_fmt(wv)} · {_fmt(av)}"
        syms.append(s)
        nums.append(n)
        terms.append({"where": c.id, "units": [i, j], "symbol": s, "numbers": n,
                      "w": wv, "a": av, "value": wv * av})
    if node.bias:
        bv = float(run.params[bias_key(nid)][j])
        syms.append(nm.b(nid, j))
        nums.append(_fmt(bv))
        terms.append({"where": nid, "units": [j], "symbol": nm.b(nid, j), "numbers": _fmt(bv),
                      "value": bv})
    z = nm.z(nid, j)
    zv = float(run.z[nid][j])
    S.add("forward", "net_input", nid, (j,), f"{z} = {_sum(syms)}",
          f"{z} = {_sum(nums)} = {_fmt(zv)}", zv, terms,
          label=Message(QT_TRANSLATE_NOOP("Trace", "net input of {0}"), nm.label(nid, j)))


def _delta_output(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> tuple[str, str]:
    """δ_k of an output unit, from the loss (or from 1 without a target).

    Returns the expanded form of δ_k (symbols, numbers) that the weight
    gradients repeat, as the lecture writes ∂L/∂w₄₇ = (ŷ₇ − y₇) ŷ₇ (1 − ŷ₇) a₄.
    """
    d, z, yh = nm.d(nid, j), nm.z(nid, j), nm.a(nid, j)
    dz = float(run.dz[nid][j])
    ŷ = float(run.a[nid][j])
    unit = nm.label(nid, j)
    if run.fused:
        t = float(run.y[j])  # type: ignore[index]
        es, en = f"({yh} − {nm.y(j)})", f"({_fmt(ŷ)} − {_fmtp(t)})"
        S.add("backward", "delta", nid, (j,), f"{d} = ∂L/∂{z} = {yh} − {nm.y(j)}",
              f"{d} = {_fmt(ŷ)} − {_fmtp(t)} = {_fmt(dz)}", dz,
              label=Message(QT_TRANSLATE_NOOP("Trace", "δ of output {0} ({1} fused with its activation: ŷ − y)"),
                            unit, run.model.loss_name))
        return es, en
    if _act_name(run, nid) == "softmax":
        n = run.spec.nodes[nid].units
        yv, g = run.a[nid], run.da[nid]
        terms = []
        for k in range(n):
            jac = float(yv[k] * ((k == j) - yv[j]))
            terms.append({"via": nm.label(nid, k), "where": nid, "units": [k],
                          "symbol": f"∂{nm.a(nid, k)}/∂{z} · ∂{run.obj}/∂{nm.a(nid, k)}",
                          "local": jac, "upstream": float(g[k]), "value": jac * float(g[k])})
        S.add("backward", "delta", nid, (j,),
              f"{d} = Σₖ ∂ŷₖ/∂{z} ∂{run.obj}/∂ŷₖ = {yh} (∂{run.obj}/∂{yh} − Σₖ ŷₖ ∂{run.obj}/∂ŷₖ)",
              f"{d} = {_fmt(ŷ)} · ({_fmt(g[j])} − ({_sum([f'{_fmt(yv[k])} · {_fmt(g[k])}' for k in range(n)])}))"
              f" = {_fmt(dz)}", dz, terms, product=sum(t["value"] for t in terms),
              label=Message(QT_TRANSLATE_NOOP("Trace", "δ of output {0} (softmax: every output's path meets here)"),
                            unit))
        return d, _fmt(dz)
    fs, fn, fv = _fprime(run, nm, nid, j)
    up = float(run.da[nid][j])
    if run.y is None:
        es, en = fs, fn
        sym = f"{d} = ∂f/∂{z} = ∂{yh}/∂{z} = {fs}"
    else:
        t = float(run.y[j])
        us, un = f"({yh} − {nm.y(j)})", f"({_fmt(ŷ)} − {_fmtp(t)})"
        es = us if fs == "1" else f"{us} {fs}"
        en = un if fn == "1" else f"{un} · {fn}"
        sym = f"{d} = ∂L/∂{yh} · ∂{yh}/∂{z} = {es}"
    S.add("backward", "delta", nid, (j,), sym, f"{d} = {en} = {_fmt(dz)}", dz,
          local=fv, upstream=up, product=fv * up, label=Message(QT_TRANSLATE_NOOP("Trace", "δ of output {0}"), unit))
    return es, en


def _delta_hidden(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """δ_j = f'(z_j) Σ_k w_jk δ_k over every outgoing edge, each term kept."""
    d = nm.d(nid, j)
    fs, fn, fv = _fprime(run, nm, nid, j)
    terms, syms, nums = [], [], []
    for c, k in run.out_edges(nid, j):
        wv, dk = run.w(c, j, k), float(run.dz[c.dst][k])
        s = f"{nm.w(c, j, k)}{nm.d(c.dst, k)}"
        n = f"{_fmt(wv)} · {_fmt(dk)}"
        syms.append(s)
        nums.append(n)
        terms.append({"via": nm.label(c.dst, k), "where": c.id, "units": [j, k], "symbol": s,
                      "numbers": n, "w": wv, "delta": dk, "value": wv * dk})
    up = float(run.da[nid][j])  # Σ_k w_jk δ_k as the tape summed it
    ssym = syms[0] if len(syms) == 1 else f"({_sum(syms)})"
    snum = nums[0] if len(nums) == 1 else f"({_sum(nums)})"
    dz = float(run.dz[nid][j])
    S.add("backward", "delta", nid, (j,), f"{d} = {_times(fs, ssym)}",
          f"{d} = {_times_n(fn, snum)} = {_fmt(dz)}", dz, terms, local=fv, upstream=up,
          product=fv * up,
          label=Message(QT_TRANSLATE_NOOP("Trace", "δ of {0}: f'(z) times the sum over its {1} outgoing edge")
                        if len(terms) == 1 else
                        QT_TRANSLATE_NOOP("Trace", "δ of {0}: f'(z) times the sum over its {1} outgoing edges"),
                        nm.label(nid, j), len(terms)))


def _weight_grad_step(run: _Run, nm: _Names, S: _Steps, c: Connection, i: int, j: int,
                      expanded: tuple[str, str] | None) -> None:
    """∂L/∂w_ij = a_i δ_j (+ λ w_ij), the result off the tape."""
    nid, obj = c.dst, run.obj
    w, a, d = nm.w(c, i, j), nm.a(c.src, i), nm.d(nid, j)
    ai, dj = float(run.a[c.src][i]), float(run.dz[nid][j])
    g = float(run.grads[weight_key(c.id)][j, i])
    l2 = _l2_sym(run)
    forms = [f"{a} {d}"]
    nums = f"{_fmt(ai)} · {_fmt(dj)}"
    terms: list[dict[str, Any]] = []
    if expanded is not None:
        forms.append(f"{expanded[0]} {a}")
        nums = f"{expanded[1]} · {_fmt(ai)}"
    else:
        fs, fn, fv = _fprime(run, nm, nid, j)
        parts = []
        for c2, k in run.out_edges(nid, j):
            wv, dk = run.w(c2, j, k), float(run.dz[c2.dst][k])
            parts.append(f"{nm.w(c2, j, k)}{nm.d(c2.dst, k)}")
            terms.append({"via": nm.label(c2.dst, k), "where": c2.id, "units": [j, k],
                          "symbol": f"{a} {_times(fs, parts[-1])}",
                          "numbers": f"{_fmt(ai)} · {_times_n(fn, f'{_fmt(wv)} · {_fmt(dk)}')}",
                          "value": ai * fv * wv * dk})
        inner = parts[0] if len(parts) == 1 else f"({_sum(parts)})"
        forms.append(f"{a} {_times(fs, inner)}")
    lhs = f"∂R/∂{w}" if l2 else f"∂{obj}/∂{w}"
    if l2:
        lam, wv = run.model.l2, run.w(c, i, j)
        forms = [f"{f} + λ{w}" for f in forms]
        nums += f" + {_fmt(lam)} · {_fmtp(wv)}"
    S.add("backward", "weight_grad", c.id, (i, j), f"{lhs} = " + " = ".join(forms),
          f"{lhs} = {nums} = {_fmt(g)}", g, terms, local=ai, upstream=dj, product=ai * dj,
          label=Message(QT_TRANSLATE_NOOP("Trace", "gradient of the weight {0} → {1}, summed over the {2} paths "
                                                   "through {1}") if len(terms) > 1 else
                        QT_TRANSLATE_NOOP("Trace", "gradient of the weight {0} → {1}"),
                        nm.label(c.src, i), nm.label(nid, j), len(terms)))


def _bias_grad_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int,
                    expanded: tuple[str, str] | None) -> None:
    b, d = nm.b(nid, j), nm.d(nid, j)
    dj = float(run.dz[nid][j])
    g = float(run.grads[bias_key(nid)][j])
    sym = f"∂{run.obj}/∂{b} = {d}" + (f" = {expanded[0]}" if expanded else "")
    num = f"∂{run.obj}/∂{b} = {expanded[1]} = {_fmt(g)}" if expanded else f"∂{run.obj}/∂{b} = {_fmt(g)}"
    S.add("backward", "bias_grad", nid, (j,), sym, num, g,
          local=1.0, upstream=dj, product=dj,
          label=Message(QT_TRANSLATE_NOOP("Trace", "gradient of the bias of {0}"), nm.label(nid, j)))


def _gamma_grad_step(run: _Run, nm: _Names, S: _Steps, nid: str, j: int) -> None:
    """PReLU's learned γ_j: ∂L/∂γ_j = ∂L/∂a_j · (z_j if z_j ≤ 0 else 0)."""
    gsym, a, z = nm.gamma(nid, j), nm.a(nid, j), nm.z(nid, j)
    zv, up = float(run.z[nid][j]), float(run.da[nid][j])
    loc = zv if zv <= 0 else 0.0
    g = float(run.grads[learned_key("gamma", nid)][j])
    S.add("backward", "gamma_grad", nid, (j,),
          f"∂{run.obj}/∂{gsym} = ∂{run.obj}/∂{a} · ({z} if {z} ≤ 0 else 0)",
          f"∂{run.obj}/∂{gsym} = {_fmt(up)} · {_fmtp(loc)} = {_fmt(g)}", g,
          local=loc, upstream=up, product=loc * up,
          label=Message(QT_TRANSLATE_NOOP("Trace", "gradient of PReLU's learned γ of {0}"), nm.label(nid, j)))
