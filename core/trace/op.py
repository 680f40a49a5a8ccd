"""The op level: the tape's matrix operations with their arrays."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..activations import get_activation
from ..losses import LOSS_OPS
from ..parameters import bias_key, learned_key, weight_key
from .common import _act_name, _l2_sym, _seed_step
from .notation import _FNAME, _arr, _fmt, _Names, _Steps
from .run import _Run

# ----------------------------------------------------------------------------
# op level
# ----------------------------------------------------------------------------

def _op_level(run: _Run, nm: _Names, S: _Steps) -> None:
    out = run.out
    running: dict[str, np.ndarray] = {}
    last_writer = {}  # node -> index in run.ops of the last op writing z
    for n, (kind, where, src, dst, *_rest) in enumerate(run.ops):
        if kind in ("matmul", "bias"):
            last_writer[dst] = n
    act_names = {nid: _act_name(run, nid) for nid in run.order if nid != nm.input}

    def act_sym(nid: str) -> str:
        name = act_names[nid]
        return nm.vec("z", nid) if name == "identity" else f"{_FNAME.get(name, name)}({nm.vec('z', nid)})"

    # forward
    for n, (kind, where, src, dst, acc, wg) in enumerate(run.ops):
        Z = nm.vec("z", dst)
        if kind == "matmul":
            W = run.params[weight_key(where)]
            av = run.a[src]
            contrib = W @ av
            new = contrib if not acc else running[dst] + contrib
            if last_writer[dst] == n:
                new = run.z[dst]
            Wn, A = nm.mat(where), nm.vec("a", src)
            terms = [{"name": Wn, "value": W.tolist()}, {"name": A, "value": av.tolist()},
                     {"name": f"{Wn} {A}", "value": contrib.tolist()}]
            if acc:
                sym = f"{Z} = {Z} + {Wn} {A}"
                num = f"{Z} = {_arr(running[dst])} + {_arr(W)} {_arr(av)} = {_arr(new)}"
            else:
                sym = f"{Z} = {Wn} {A}"
                num = f"{Z} = {_arr(W)} {_arr(av)} = {_arr(new)}"
            running[dst] = new
            S.add("forward", "matmul", where, (), sym, num, new, terms,
                  label=f"matmul of connection {where}: {src} → {dst}")
        elif kind == "bias":
            bv = run.params[bias_key(where)]
            before = running.get(where, np.zeros_like(bv))
            S.add("forward", "bias", where, (), f"{Z} = {Z} + {nm.vec('b', where)}",
                  f"{Z} = {_arr(before)} + {_arr(bv)} = {_arr(run.z[where])}", run.z[where],
                  [{"name": nm.vec("b", where), "value": bv.tolist()}],
                  label=f"bias add of {where}")
            running[where] = run.z[where]
        elif kind == "activation":
            A = nm.vec("a", where)
            S.add("forward", "activation", where, (), f"{A} = {act_sym(where)}",
                  f"{A} = {_arr(run.a[where])}", run.a[where],
                  [{"name": Z, "value": run.z[where].tolist()}],
                  label=f"activation of {where}: {get_activation(act_names[where]).display}")
        elif kind == "loss":
            if run.y is None:  # the loss does not run; a fused one's activation still does
                if _loss_fused(run):
                    _op_fused_activation(run, nm, S, act_sym)
                continue
            _op_loss_forward(run, nm, S, act_sym)
        else:
            S.add("forward", kind, where, (), kind, kind, None, label=f"{kind} op of {where}")

    # backward
    if run.y is None:
        _seed_step(run, nm, S, "ŷ")
        if _loss_fused(run):
            fs = _fprime_vec(run, out)
            S.add("backward", "activation", out, (), f"{nm.vec('δ', out)} = {act_names[out]}'({nm.vec('z', out)}) ⊙ ∂f/∂ŷ",
                  f"{nm.vec('δ', out)} = {_arr(fs)} ⊙ {_arr(run.da[out])} = {_arr(run.dz[out])}",
                  run.dz[out], local=fs, upstream=run.da[out], product=fs * run.da[out],
                  label=f"activation of {out} (computed by the fused loss op), backward")
    running_da: dict[str, np.ndarray] = {}
    O = run.obj
    for kind, where, src, dst, acc, wg in reversed(run.ops):
        D = nm.vec("δ", dst)
        if kind == "loss":
            if run.y is None:
                continue
            yh, y = run.a[out], run.y
            if run.fused:
                S.add("backward", "loss", out, (), f"{D} = ∂L/∂{nm.vec('z', out)} = ŷ − y",
                      f"{D} = {_arr(yh)} − {_arr(y)} = {_arr(run.dz[out])}", run.dz[out],
                      [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
                      label=f"{run.model.loss_name} loss fused with its activation: ∂L/∂z = ŷ − y")
            else:
                S.add("backward", "loss", out, (), "∂L/∂ŷ = ŷ − y",
                      f"∂L/∂ŷ = {_arr(yh)} − {_arr(y)} = {_arr(run.da[out])}", run.da[out],
                      [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
                      label="squared error: ∂L/∂ŷ = ŷ − y")
        elif kind == "activation":
            A = nm.vec("a", where)
            up, res = run.da[where], run.dz[where]
            if act_names[where] == "softmax":
                s = float(np.vdot(run.a[where], up))
                S.add("backward", "activation", where, (),
                      f"{D} = {A} ⊙ (∂{O}/∂{A} − {A}ᵀ ∂{O}/∂{A})",
                      f"{D} = {_arr(run.a[where])} ⊙ ({_arr(up)} − {_fmt(s)}) = {_arr(res)}", res,
                      [{"name": f"∂{O}/∂{A}", "value": up.tolist()}], upstream=up,
                      label=f"softmax of {where}, backward (its Jacobian times the upstream gradient)")
            else:
                fs = _fprime_vec(run, where)
                F = _FNAME.get(act_names[where], act_names[where]) or "f"
                fz = f"{F}'({nm.vec('z', where)})"
                S.add("backward", "activation", where, (),
                      f"{D} = ∂{O}/∂{nm.vec('z', where)} = {fz} ⊙ ∂{O}/∂{A}",
                      f"{D} = {_arr(fs)} ⊙ {_arr(up)} = {_arr(res)}", res,
                      [{"name": fz, "value": fs.tolist()},
                       {"name": f"∂{O}/∂{A}", "value": up.tolist()}],
                      local=fs, upstream=up, product=fs * up,
                      label=f"activation of {where}, backward: {get_activation(act_names[where]).display}")
                if "gamma" in get_activation(act_names[where]).learned:
                    key = learned_key("gamma", where)
                    S.add("backward", "gamma_grad", where, (),
                          f"∂{O}/∂γ[{where}] = ∂{O}/∂{A} ⊙ min({nm.vec('z', where)}, 0)",
                          f"∂{O}/∂γ[{where}] = {_arr(up)} ⊙ {_arr(np.minimum(run.z[where], 0))}"
                          f" = {_arr(run.grads[key])}", run.grads[key],
                          label=f"PReLU's learned γ of {where}")
        elif kind == "bias":
            g = run.grads[bias_key(where)]
            S.add("backward", "bias", where, (), f"∂{O}/∂{nm.vec('b', where)} = {D}",
                  f"∂{O}/∂{nm.vec('b', where)} = {_arr(g)}", g,
                  local=np.ones_like(g), upstream=run.dz[where], product=run.dz[where],
                  label=f"bias add of {where}, backward")
        elif kind == "matmul":
            key = weight_key(where)
            W, av, dv = run.params[key], run.a[src], run.dz[dst]
            g = run.grads[key]
            Wn, A = nm.mat(where), nm.vec("a", src)
            outer = np.outer(dv, av)
            mask = run.model.masks.get(where)
            if mask is not None:
                outer = outer * mask
            l2 = _l2_sym(run)
            lhs = f"∂R/∂{Wn}" if l2 else f"∂{O}/∂{Wn}"
            sym = f"{lhs} = {D} {A}ᵀ" + (" ⊙ mask" if mask is not None else "") + (f" + λ{Wn}" if l2 else "")
            num = f"{lhs} = {_arr(dv)} {_arr(av)}ᵀ" + (f" + {_fmt(run.model.l2)} {_arr(W)}" if l2 else "") + f" = {_arr(g)}"
            terms: list[dict[str, Any]] = [{"name": D, "value": dv.tolist()}, {"name": A, "value": av.tolist()}]
            if mask is not None:
                terms.append({"name": "mask", "value": mask.tolist()})
            if wg is not None:
                contrib = W.T @ dv
                running_da[src] = contrib if wg == "write" else running_da[src] + contrib
                op = "=" if wg == "write" else "+="
                sym += f";  ∂{O}/∂{A} {op} {Wn}ᵀ {D}"
                num += (f";  ∂{O}/∂{A} = {_arr(contrib)}" if wg == "write" else
                        f";  ∂{O}/∂{A} += {_arr(contrib)} → {_arr(running_da[src])}")
                terms += [{"name": f"{Wn}ᵀ {D}", "value": contrib.tolist()},
                          {"name": f"∂{O}/∂{A} so far", "value": running_da[src].tolist()}]
            S.add("backward", "matmul", where, (), sym, num, g, terms, local=av, upstream=dv,
                  product=outer, label=f"matmul of connection {where}, backward"
                  + (" (adds to a gradient another path already wrote)" if wg == "add" else ""))


def _loss_fused(run: _Run) -> bool:
    """Whether the output activation is computed by a fused loss op (ce/bce)."""
    return LOSS_OPS[run.model.loss_name].fused


def _fprime_vec(run: _Run, nid: str) -> np.ndarray:
    act = get_activation(run.spec.nodes[nid].activation)
    return np.asarray(act.df(run.z[nid], **run.hyper(nid)), dtype=np.float64).reshape(-1)


def _op_fused_activation(run: _Run, nm: _Names, S: _Steps, act_sym) -> None:
    out = run.out
    S.add("forward", "activation", out, (), f"ŷ = {act_sym(out)}", f"ŷ = {_arr(run.a[out])}",
          run.a[out], [{"name": nm.vec("z", out), "value": run.z[out].tolist()}],
          label=f"activation of {out} (done by the fused loss op)")


def _op_loss_forward(run: _Run, nm: _Names, S: _Steps, act_sym) -> None:
    out = run.out
    yh, y = run.a[out], run.y
    assert y is not None
    name = run.model.loss_name
    if run.fused:
        _op_fused_activation(run, nm, S, act_sym)
    sym = {"mse": "L = ½ ‖ŷ − y‖²", "ce": "L = −yᵀ log ŷ",
           "bce": "L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]"}[name]
    S.add("loss", "loss", out, (), sym, f"{sym.split(' = ')[0]} = {_fmt(run.loss)}  (ŷ = {_arr(yh)}, y = {_arr(y)})",
          run.loss, [{"name": "ŷ", "value": yh.tolist()}, {"name": "y", "value": y.tolist()}],
          label="the loss op")
    if run.model.l2:
        S.add("loss", "l2", out, (), "R = L + ½ λ ‖W‖²_F",
              f"R = {_fmt(run.loss)} + ½ · {_fmt(run.model.l2)} · ‖W‖² = {_fmt(run.risk)}", run.risk,
              label="structural risk with L2 weight decay")
