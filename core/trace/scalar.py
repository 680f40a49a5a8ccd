"""The scalar level: each neuron as a small computation graph (the lecture's h1..h6), then the chain rule.

Forward, the tape's ops build the graph unit by unit (:mod:`.scalar_graph`)
and each elementary op becomes a step. Backward walks the nodes in reverse
order (units ascending, each unit's values in reverse): a value with one
consumer gets local × upstream; one with several (a unit feeding several
neurons, a z under a softmax) gets the sum over its paths, each term kept; a
parameter gets the whole chain of local derivatives down from the nearest
point where paths meet. Where the chain starts, the loss op says what it
hands over. Results are the tape's wherever it has them.
"""
from __future__ import annotations

from ..text import QT_TRANSLATE_NOOP, Message
from .common import _input_steps, _loss_steps
from .notation import _fmt, _fmtp, _Names, _Steps, _sum
from .run import _Run
from .scalar_graph import ScalarGraph


def _scalar_level(run: _Run, nm: _Names, S: _Steps) -> None:
    """Every neuron as elementary ops; backward, one chain-rule step per value."""
    g = ScalarGraph(run, nm, S)
    g.add_inputs()
    _input_steps(run, nm, S)
    for nid in run.order:
        if nid == nm.input:
            continue
        ops = [op for op in run.ops if op.node == nid]
        for j in range(run.spec.nodes[nid].units):
            g.start_block(nid, (nid, j))
            for op in ops:
                op.expand(g, j)
    g.describe_forward()
    if run.y is not None:
        _loss_steps(run, nm, S)
    for nid in reversed(run.order):
        if nid == nm.input:
            continue
        for block in g.blocks[nid]:
            for vi in reversed(g.block_vals.get(block, [])):
                _backward_step(g, vi)


def _backward_step(g: ScalarGraph, vi: int) -> None:
    """The gradient of value ``vi``, from its consumers' (already known) gradients."""
    v = g.vals[vi]
    cons = v.consumers
    if v.role == "input":
        return
    if v.output:
        g.loss.scalar_output_grad(g, vi)
    elif cons and all(g.ops[o].fused for o, _ in cons):
        g.loss.scalar_delta(g, vi)
    elif len(cons) == 1 and v.role == "h":
        _chain_step(g, vi)
    elif len(cons) == 1:
        _param_step(g, vi)
    else:  # several consumers (or none): the paths meet here and their gradients add up
        _paths_meet(g, vi)


def _chain_step(g: ScalarGraph, vi: int) -> None:
    """∂L/∂h = ∂out/∂h · ∂L/∂out through the one op that consumes h (f for L without a target)."""
    v, obj = g.vals[vi], g.obj
    o, pos = v.consumers[0]
    so = g.ops[o]
    ov = g.vals[so.out]
    loc, up = so.local[pos], g.grad[so.out]
    prod = loc * up
    res = g.grad[vi] = prod if v.tape_grad is None else float(v.tape_grad)
    sym = f"∂{obj}/∂{v.name} = ∂{ov.name}/∂{v.name} · ∂{obj}/∂{ov.name} = {so.local_sym[pos]} · ∂{obj}/∂{ov.name}"
    lab = Message(QT_TRANSLATE_NOOP("Trace", "chain rule through {0}; this is δ = ∂{1}/∂{2}") if v.alias.startswith("z")
                  else QT_TRANSLATE_NOOP("Trace", "chain rule through {0}"), ov.name, obj, v.alias)
    g.add("backward", "scalar_op", v.where, v.units, sym, f"∂{obj}/∂{v.name} = {_fmt(loc)} · {_fmt(up)} = {_fmt(res)}",
          res, local=loc, upstream=up, product=prod, label=lab)


def _paths_meet(g: ScalarGraph, vi: int) -> None:
    """∂L/∂v = Σ over v's consumers of local · upstream, each term kept."""
    v, obj = g.vals[vi], g.obj
    terms, syms, nums = [], [], []
    total = 0.0
    for o, pos in v.consumers:
        so = g.ops[o]
        ov = g.vals[so.out]
        loc, up = so.local[pos], g.grad[so.out]
        s, n = f"{so.local_sym[pos]} · ∂{obj}/∂{ov.name}", f"{_fmt(loc)} · {_fmt(up)}"
        syms.append(s)
        nums.append(n)
        terms.append({"via": ov.name, "where": so.where, "units": list(so.units), "symbol": s,
                      "numbers": n, "local": loc, "upstream": up, "value": loc * up})
        total += loc * up
    res = g.grad[vi] = total if v.tape_grad is None else float(v.tape_grad)
    g.add("backward", "sum_grad", v.where, v.units, f"∂{obj}/∂{v.name} = {_sum(syms)}",
          f"∂{obj}/∂{v.name} = {_sum(nums)} = {_fmt(res)}", res, terms, product=total,
          label=Message(QT_TRANSLATE_NOOP("Trace", "{0} paths meet at {1}: their gradients add up"),
                        len(terms), v.alias or v.name))


def _param_step(g: ScalarGraph, vi: int) -> None:
    """∂L/∂θ for one scalar parameter, with the whole chain of local derivatives.

    The chain climbs from the parameter's op through every value with a
    single consumer up to where paths meet (or the output), as the lecture
    writes df/dw = 1 · −0.25 · 1 · 1 · −1 · 1 · 1.
    """
    v, obj = g.vals[vi], g.obj
    o, pos = v.consumers[0]
    so = g.ops[o]
    factors = [(f"∂{g.vals[so.out].name}/∂{v.name}", so.local[pos])]
    top = so.out
    while True:
        t = g.vals[top]
        if t.output or len(t.consumers) != 1 or g.ops[t.consumers[0][0]].fused:
            break
        o2, p2 = t.consumers[0]
        factors.append((f"∂{g.vals[g.ops[o2].out].name}/∂{t.name}", g.ops[o2].local[p2]))
        top = g.ops[o2].out
    chain = [(f"∂{obj}/∂{g.vals[top].name}", g.grad[top])] + list(reversed(factors))
    loc, up = so.local[pos], g.grad[so.out]
    res = g.grad[vi] = float(v.tape_grad)  # type: ignore[arg-type]
    kind = {"weight": "weight_grad", "bias": "bias_grad", "gamma": "gamma_grad"}[v.role]
    lam = g.run.model.l2 if g.l2 and v.role == "weight" else 0.0
    lhs = f"∂R/∂{v.name}" if lam else f"∂{obj}/∂{v.name}"
    sym = f"{lhs} = " + " · ".join(s for s, _ in chain) + (f" + λ{v.name}" if lam else "")
    num = f"{lhs} = " + " · ".join(_fmt(x) for _, x in chain) + (
        f" + {_fmt(lam)} · {_fmtp(v.value)}" if lam else "") + f" = {_fmt(res)}"
    g.add("backward", kind, v.where, v.units, sym, num, res,
          [{"symbol": s, "value": x} for s, x in chain], local=loc, upstream=up, product=loc * up,
          label=Message(QT_TRANSLATE_NOOP("Trace", "gradient of {0}: the chain of local derivatives"), v.name))
