"""The scalar level: each neuron as a small computation graph (the lecture's h1..h6)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..activations import get_activation
from ..parameters import bias_key, learned_key, weight_key
from .common import _act_name, _input_steps, _l2_sym, _loss_steps
from .notation import _FNAME, _SUBSCRIPT, _fmt, _fmtp, _Names, _Steps, _sum
from .op import _fprime_vec
from .run import _Run

# ----------------------------------------------------------------------------
# scalar level: each neuron as a small computation graph
# ----------------------------------------------------------------------------

@dataclass
class _SV:
    """One scalar in the elementary graph: an input, a parameter or an h."""

    name: str
    value: float
    role: str                        # "input" | "h" | "weight" | "bias" | "gamma"
    where: str
    units: tuple[int, ...]
    block: tuple
    alias: str = ""                  # a₄ / ŷ₇ / z₄ where the neuron level names it
    tape_grad: float | None = None   # the gradient as the tape holds it
    output: bool = False             # the network's output unit
    consumers: list[tuple[int, int]] = field(default_factory=list)  # (op, input position)

    @property
    def ref(self) -> str:
        """How a consuming op writes this value: a unit's output by its a₄ / ŷ₇, else its own name."""
        return self.alias if self.alias and self.role == "h" and not self.alias.startswith("z") else self.name


@dataclass
class _SO:
    """One elementary op: out = op(inputs), with the local derivatives."""

    out: int
    inputs: list[int]
    local: list[float]
    local_sym: list[str]
    where: str
    units: tuple[int, ...]
    fused: bool = False


def _scalar_level(run: _Run, nm: _Names, S: _Steps) -> None:
    """Every neuron as elementary ops; backward, one chain-rule step per value.

    Forward builds a small graph (values ``h₁, h₂, ...`` and parameters,
    ops with their local derivatives) and emits one step per op. The
    values the tape also holds (each z_j and a_j) take the tape's numbers;
    the ones in between (x·w, −z, exp(−z), ...) are computed for display.

    Backward walks the nodes in reverse order (units ascending, each
    unit's values in reverse): a value with one consumer gets local ×
    upstream; one with several (a unit feeding several neurons, a z under
    a softmax) gets the sum over its paths, each term kept; a parameter
    gets the whole chain of local derivatives down from the nearest point
    where paths meet. Results are the tape's wherever it has them.
    """
    spec, out = run.spec, run.out
    vals: list[_SV] = []
    ops: list[_SO] = []
    blocks: dict[str, list[tuple]] = {}
    block_vals: dict[tuple, list[int]] = {}
    unit_out: dict[tuple[str, int], int] = {}
    counter = [0]

    def value(v: _SV) -> int:
        vals.append(v)
        block_vals.setdefault(v.block, []).append(len(vals) - 1)
        return len(vals) - 1

    def h(value_: float, where: str, units: tuple[int, ...], block: tuple, alias: str = "",
          tape_grad: float | None = None) -> int:
        counter[0] += 1
        return value(_SV(f"h{str(counter[0]).translate(_SUBSCRIPT)}", float(value_), "h", where,
                         units, block, alias, tape_grad))

    def op(out_: int, inputs: list[int], local: list[float], local_sym: list[str], expr: str,
           expr_num: str, label: str, fused: bool = False) -> None:
        o = _SO(out_, inputs, local, local_sym, vals[out_].where, vals[out_].units, fused)
        ops.append(o)
        for pos, i in enumerate(inputs):
            vals[i].consumers.append((len(ops) - 1, pos))
        v = vals[out_]
        terms = [{"input": vals[i].ref, "value": vals[i].value, "local_symbol": f"∂{v.name}/∂{vals[i].ref}",
                  "local": lo} for i, lo in zip(inputs, local)]
        alias = f"  (= {v.alias})" if v.alias else ""
        S.add("forward", "scalar_op", v.where, v.units, f"{v.name} = {expr}{alias}",
              f"{v.name} = {expr_num} = {_fmt(v.value)}", v.value, terms, label=label)

    # inputs
    for i, xv in enumerate(run.x):
        sym = nm.a(nm.input, i)
        idx = value(_SV(sym, float(xv), "input", nm.input, (i,), ("input",)))
        unit_out[(nm.input, i)] = idx
    _input_steps(run, nm, S)

    def z_chain(nid: str, j: int, block: tuple) -> int:
        node = spec.nodes[nid]
        edges = run.in_edges(nid, j)
        zv, dz = float(run.z[nid][j]), float(run.dz[nid][j])
        n_pre = len(edges)
        last = "bias" if node.bias else ("sum" if n_pre >= 2 else ("mul" if n_pre == 1 else "zero"))
        zalias = nm.z(nid, j)
        prods = []
        for c, i in edges:
            src = unit_out[(c.src, i)]
            key = weight_key(c.id)
            wv = run.w(c, i, j)
            wi = value(_SV(nm.w(c, i, j), wv, "weight", c.id, (i, j), block,
                           tape_grad=float(run.grads[key][j, i])))
            av = vals[src].value
            is_z = last == "mul"
            hi = h(zv if is_z else av * wv, c.id, (i, j), block, zalias if is_z else "",
                   dz if is_z else None)
            op(hi, [src, wi], [wv, av], [vals[wi].name, vals[src].ref],
               f"{vals[src].ref} · {vals[wi].name}", f"{_fmt(av)} · {_fmt(wv)}",
               f"product on the edge {nm.label(c.src, i)} → {nm.label(nid, j)}")
            prods.append(hi)
        pre = prods[0] if prods else None
        if n_pre >= 2:
            is_z = last == "sum"
            total = sum(vals[p].value for p in prods)
            hs = h(zv if is_z else total, nid, (j,), block, zalias if is_z else "", dz if is_z else None)
            op(hs, prods, [1.0] * n_pre, ["1"] * n_pre, _sum([vals[p].name for p in prods]),
               _sum([_fmt(vals[p].value) for p in prods]), f"sum of the products into {nm.label(nid, j)}")
            pre = hs
        if node.bias:
            key = bias_key(nid)
            bv = float(run.params[key][j])
            bi = value(_SV(nm.b(nid, j), bv, "bias", nid, (j,), block, tape_grad=float(run.grads[key][j])))
            hb = h(zv, nid, (j,), block, zalias, dz)
            if pre is None:
                op(hb, [bi], [1.0], ["1"], vals[bi].name, _fmt(bv), f"bias of {nm.label(nid, j)} (no inputs)")
            else:
                op(hb, [pre, bi], [1.0, 1.0], ["1", "1"], f"{vals[pre].name} + {vals[bi].name}",
                   _sum([_fmt(vals[pre].value), _fmt(bv)]), f"add the bias of {nm.label(nid, j)}")
            pre = hb
        if pre is None:
            pre = h(zv, nid, (j,), block, zalias, dz)
            op(pre, [], [], [], "0", "0", f"{nm.label(nid, j)} has no inputs and no bias")
        return pre

    def act_chain(nid: str, j: int, zi: int, block: tuple) -> int:
        name = _act_name(run, nid)
        av = float(run.a[nid][j])
        is_out = nid == out
        fused = run.fused and is_out
        alias = nm.a(nid, j)
        da = None if fused else float(run.da[nid][j])
        zv = vals[zi].value
        zn = vals[zi].name
        lbl = nm.label(nid, j)
        if name == "logistic" and not fused:
            h3 = h(-zv, nid, (j,), block)
            op(h3, [zi], [-1.0], ["−1"], f"−{zn}", f"−{_fmtp(zv)}", f"logistic of {lbl}: multiply by −1")
            with np.errstate(over="ignore"):
                e = float(np.exp(vals[h3].value))
            h4 = h(e, nid, (j,), block)
            op(h4, [h3], [e], [f"exp({vals[h3].name})"], f"exp({vals[h3].name})",
               f"exp({_fmt(vals[h3].value)})", f"logistic of {lbl}: exp")
            h5 = h(e + 1.0, nid, (j,), block)
            op(h5, [h4], [1.0], ["1"], f"{vals[h4].name} + 1", f"{_fmt(e)} + 1", f"logistic of {lbl}: add 1")
            d5 = e + 1.0
            h6 = h(av, nid, (j,), block, alias, da)
            op(h6, [h5], [-1.0 / (d5 * d5)], [f"−1/{vals[h5].name}²"], f"1 / {vals[h5].name}",
               f"1 / {_fmt(d5)}", f"logistic of {lbl}: reciprocal")
            return h6
        gi = None
        if "gamma" in get_activation(name).learned:  # registered before its op, like w and b
            key = learned_key("gamma", nid)
            gi = value(_SV(nm.gamma(nid, j), float(run.params[key][j]), "gamma", nid, (j,), block,
                           tape_grad=float(run.grads[key][j])))
        ha = h(av, nid, (j,), block, alias, da)
        if name == "identity":
            op(ha, [zi], [1.0], ["1"], zn, _fmt(zv), f"identity activation of {lbl}")
        elif name == "tanh":
            op(ha, [zi], [1.0 - av * av], [f"1 − {vals[ha].name}²"], f"tanh({zn})", f"tanh({_fmt(zv)})",
               f"tanh activation of {lbl}")
        elif name == "relu":
            op(ha, [zi], [float(zv > 0)], [f"I({zn} > 0)"], f"ReLU({zn})", f"ReLU({_fmt(zv)})",
               f"ReLU activation of {lbl}")
        else:
            F = _FNAME.get(name, name)
            fv = float(_fprime_vec(run, nid)[j]) if not fused else float(av * (1 - av))
            inputs, local, lsym = [zi], [fv], [f"{F}'({zn})"]
            if gi is not None:
                inputs.append(gi)
                local.append(zv if zv <= 0 else 0.0)
                lsym.append(f"min({zn}, 0)")
            how = " (fused with the loss)" if fused else ""
            op(ha, inputs, local, lsym, f"{F}({zn})", f"{F}({_fmt(zv)})",
               f"{get_activation(name).display} activation of {lbl}{how}", fused)
        return ha

    for nid in run.order:
        node = spec.nodes[nid]
        if node.kind == "input":
            continue
        blocks[nid] = []
        if _act_name(run, nid) == "softmax":
            # The softmax outputs form one block, walked back first; then each unit's z chain.
            block = (nid, "softmax")
            blocks[nid].append(block)
            zs = []
            for j in range(node.units):
                blocks[nid].append((nid, j))
                zs.append(z_chain(nid, j, (nid, j)))
            yv = run.a[nid]
            fused = run.fused and nid == out
            for k in range(node.units):
                da = None if fused else float(run.da[nid][k])
                hk = h(float(yv[k]), nid, (k,), block, nm.a(nid, k), da)
                local = [float(yv[k] * ((k == j) - yv[j])) for j in range(node.units)]
                op(hk, zs, local, [f"{nm.a(nid, k)}(I({k}={j}) − {nm.a(nid, j)})" for j in range(node.units)],
                   f"exp({vals[zs[k]].name}) / ({_sum([f'exp({vals[t].name})' for t in zs])})",
                   f"exp({_fmt(vals[zs[k]].value)}) / ({_sum([f'exp({_fmt(vals[t].value)})' for t in zs])})",
                   f"softmax output {nm.label(nid, k)}" + (" (fused with the loss)" if fused else ""), fused)
                unit_out[(nid, k)] = hk
                vals[hk].output = nid == out
        else:
            for j in range(node.units):
                block = (nid, j)
                blocks[nid].append(block)
                zi = z_chain(nid, j, block)
                ai = act_chain(nid, j, zi, block)
                unit_out[(nid, j)] = ai
                vals[ai].output = nid == out
    if run.y is not None:
        _loss_steps(run, nm, S)

    # backward: nodes in reverse order, units ascending, each block's values in reverse
    O = run.obj
    grad: dict[int, float] = {}
    lam = run.model.l2 if _l2_sym(run) else 0.0
    for nid in reversed(run.order):
        if nid == nm.input:
            continue
        for block in blocks[nid]:
            for vi in reversed(block_vals[block]):
                v = vals[vi]
                if v.role == "input":
                    continue
                if v.output:
                    if run.fused:
                        continue  # the fused loss gives ∂L/∂z directly
                    k = v.units[0]
                    grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
                    if run.y is None:
                        S.add("backward", "seed", out, (k,), f"∂f/∂{v.name} = ∂f/∂{v.alias} = 1",
                              f"∂f/∂{v.name} = 1", grad[vi],
                              label="no target: the backward pass starts from ∂ŷ/∂ŷ = 1")
                    else:
                        yh, t = float(run.a[out][k]), float(run.y[k])
                        if run.model.loss_name == "mse":
                            S.add("backward", "loss_grad", out, (k,),
                                  f"∂L/∂{v.name} = ∂L/∂{v.alias} = {v.alias} − {nm.y(k)}",
                                  f"∂L/∂{v.name} = {_fmt(yh)} − {_fmtp(t)} = {_fmt(grad[vi])}", grad[vi],
                                  label=f"squared error, derivative by output {nm.label(out, k)}")
                        else:  # a loss whose activation is not fused (not offered today)
                            S.add("backward", "loss_grad", out, (k,), f"∂L/∂{v.name}",
                                  f"∂L/∂{v.name} = {_fmt(grad[vi])}", grad[vi],
                                  label=f"loss derivative by output {nm.label(out, k)}")
                    continue
                cons = v.consumers
                if cons and all(ops[o].fused for o, _ in cons):
                    k = v.units[-1]
                    yh, t = float(run.a[out][k]), float(run.y[k])  # type: ignore[index]
                    grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
                    S.add("backward", "delta", out, (k,),
                          f"∂L/∂{v.name} = ∂L/∂{v.alias} = {nm.a(out, k)} − {nm.y(k)}",
                          f"∂L/∂{v.name} = {_fmt(yh)} − {_fmtp(t)} = {_fmt(grad[vi])}", grad[vi],
                          label=f"δ of output {nm.label(out, k)}: {run.model.loss_name} fused with "
                          "its activation gives ŷ − y")
                    continue
                if len(cons) == 1:
                    o, pos = cons[0]
                    so = ops[o]
                    ov = vals[so.out]
                    loc, up = so.local[pos], grad[so.out]
                    prod = loc * up
                    res = prod if v.tape_grad is None else float(v.tape_grad)
                    grad[vi] = res
                    if v.role == "h":
                        sym = (f"∂{O}/∂{v.name} = ∂{ov.name}/∂{v.name} · ∂{O}/∂{ov.name}"
                               f" = {so.local_sym[pos]} · ∂{O}/∂{ov.name}")
                        lab = f"chain rule through {ov.name}" + (
                            f"; this is δ = ∂{O}/∂{v.alias}" if v.alias.startswith("z") else "")
                        S.add("backward", "scalar_op", v.where, v.units, sym,
                              f"∂{O}/∂{v.name} = {_fmt(loc)} · {_fmt(up)} = {_fmt(res)}", res,
                              local=loc, upstream=up, product=prod, label=lab)
                    else:
                        _scalar_param_step(run, S, vals, ops, grad, vi, o, pos, lam, O)
                    continue
                # several consumers: the paths meet here and their gradients add up
                terms, syms, nums = [], [], []
                total = 0.0
                for o, pos in cons:
                    so = ops[o]
                    ov = vals[so.out]
                    loc, up = so.local[pos], grad[so.out]
                    s = f"{so.local_sym[pos]} · ∂{O}/∂{ov.name}"
                    n = f"{_fmt(loc)} · {_fmt(up)}"
                    syms.append(s)
                    nums.append(n)
                    terms.append({"via": ov.name, "where": so.where, "units": list(so.units), "symbol": s,
                                  "numbers": n, "local": loc, "upstream": up, "value": loc * up})
                    total += loc * up
                res = total if v.tape_grad is None else float(v.tape_grad)
                grad[vi] = res
                named = v.alias or v.name
                S.add("backward", "sum_grad", v.where, v.units,
                      f"∂{O}/∂{v.name} = {_sum(syms)}", f"∂{O}/∂{v.name} = {_sum(nums)} = {_fmt(res)}",
                      res, terms, product=total,
                      label=f"{len(terms)} paths meet at {named}: their gradients add up")


def _scalar_param_step(run: _Run, S: _Steps, vals: list[_SV], ops: list[_SO], grad: dict[int, float],
                       vi: int, o: int, pos: int, lam: float, O: str) -> None:
    """∂L/∂θ for one scalar parameter, with the whole chain of local derivatives.

    The chain climbs from the parameter's op through every value with a
    single consumer up to where paths meet (or the output), as the lecture
    writes df/dw = 1 · −0.25 · 1 · 1 · −1 · 1 · 1.
    """
    v = vals[vi]
    so = ops[o]
    factors = [(f"∂{vals[so.out].name}/∂{v.name}", so.local[pos])]
    top = so.out
    while True:
        t = vals[top]
        if t.output or len(t.consumers) != 1 or ops[t.consumers[0][0]].fused:
            break
        o2, p2 = t.consumers[0]
        factors.append((f"∂{vals[ops[o2].out].name}/∂{t.name}", ops[o2].local[p2]))
        top = ops[o2].out
    chain = [(f"∂{O}/∂{vals[top].name}", grad[top])] + list(reversed(factors))
    loc, up = so.local[pos], grad[so.out]
    res = float(v.tape_grad)  # type: ignore[arg-type]
    grad[vi] = res
    kind = {"weight": "weight_grad", "bias": "bias_grad", "gamma": "gamma_grad"}[v.role]
    l2 = lam and v.role == "weight"
    lhs = f"∂R/∂{v.name}" if l2 else f"∂{O}/∂{v.name}"
    sym = f"{lhs} = " + " · ".join(s for s, _ in chain) + (f" + λ{v.name}" if l2 else "")
    num = f"{lhs} = " + " · ".join(_fmt(x) for _, x in chain) + (
        f" + {_fmt(lam)} · {_fmtp(v.value)}" if l2 else "") + f" = {_fmt(res)}"
    S.add("backward", kind, v.where, v.units, sym, num, res,
          [{"symbol": s, "value": x} for s, x in chain], local=loc, upstream=up, product=loc * up,
          label=f"gradient of {v.name}: the chain of local derivatives")
