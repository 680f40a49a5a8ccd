"""The optimiser's next update, previewed per parameter without applying it."""
from __future__ import annotations

import numpy as np

from ..model import Model
from ..optim import Optimizer
from ..text import QT_TRANSLATE_NOOP, Message
from .common import _l2_sym
from .notation import _SUPERSCRIPT, _arr, _fmt, _fmtp, _Names, _Steps
from .run import _Run

# ----------------------------------------------------------------------------
# the optimiser's next update, previewed
# ----------------------------------------------------------------------------

def _preview(model: Model, optimizer: Optimizer) -> dict[str, dict[str, np.ndarray]]:
    """What ``optimizer.step()`` would do with this sample's gradient, per parameter.

    A twin of the optimiser (same class, hyper-parameters, state and t) is
    built over copies of ``model.theta`` and ``model.grad`` and asked for
    its ``preview()``: the optimiser's own arithmetic on this sample's
    gradient, whichever network's arrays the real one is bound to, and
    nothing of the real one changes.
    """
    params = getattr(optimizer, "params", None)
    if not params or len(params) != 1 or params[0].shape != model.theta.shape:
        raise ValueError("the optimiser must be built over one flat vector laid out like "
                         "model.theta (make_optimizer(name, [model.theta], [model.grad]))")
    twin = type(optimizer)([model.theta.copy()], [model.grad.copy()], **dict(optimizer.hyper))
    before = optimizer.state_dict()
    twin.load_state_dict(before)
    entry = twin.preview()[0]
    out: dict[str, dict[str, np.ndarray]] = {}
    split = {k: model.unflatten(np.asarray(v)) for k, v in entry.items()}
    prev = {k: model.unflatten(np.asarray(v)) for k, v in before["state"][0].items()}
    theta, grad = model.unflatten(model.theta), model.unflatten(model.grad)
    for key in model.slices:
        d = {name: parts[key].copy() for name, parts in split.items()}
        d.update({f"{name}_prev": parts[key].copy() for name, parts in prev.items()})
        d["value"] = theta[key].copy()
        d["new_value"] = theta[key] + d["update"]
        d["grad"] = grad[key].copy()
        out[key] = d
    return out


def _update_formula(opt: Optimizer, t: int, p: str, g_sym: str, u: dict[str, float]) -> tuple[str, str]:
    """The optimiser's real rule for one scalar, with symbols and with numbers."""
    h = opt.hyper
    w, g, new = u["value"], u["grad"], u["new_value"]
    name = opt.name
    if name == "sgd":
        return (f"{p} ← {p} − ε {g_sym}",
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} · {_fmtp(g)} = {_fmt(new)}")
    if name == "momentum":
        return (f"v ← α v − ε {g_sym};  {p} ← {p} + v",
                f"v ← {_fmt(h['alpha'])} · {_fmtp(u['v_prev'])} − {_fmt(h['lr'])} · {_fmtp(g)} = {_fmt(u['v'])};  "
                f"{p} ← {_fmt(w)} + {_fmtp(u['v'])} = {_fmt(new)}")
    if name == "adagrad":
        return (f"r ← r + ({g_sym})²;  {p} ← {p} − ε / (√r + δ) · {g_sym}",
                f"r ← {_fmt(u['r_prev'])} + {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} / (√{_fmt(u['r'])} + {_fmt(h['delta'])}) · {_fmtp(g)}"
                f" = {_fmt(new)}")
    if name == "rmsprop":
        return (f"r ← ρ r + (1 − ρ) ({g_sym})²;  {p} ← {p} − ε / (√r + δ) · {g_sym}",
                f"r ← {_fmt(h['rho'])} · {_fmt(u['r_prev'])} + {_fmt(1 - h['rho'])} · {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} / (√{_fmt(u['r'])} + {_fmt(h['delta'])}) · {_fmtp(g)}"
                f" = {_fmt(new)}")
    if name == "adam":
        tt = str(t).translate(_SUPERSCRIPT)
        return (f"s ← ρ₁ s + (1 − ρ₁) {g_sym};  r ← ρ₂ r + (1 − ρ₂) ({g_sym})²;  "
                f"ŝ = s / (1 − ρ₁ᵗ);  r̂ = r / (1 − ρ₂ᵗ);  {p} ← {p} − ε ŝ / (√r̂ + δ)",
                f"s ← {_fmt(h['rho1'])} · {_fmtp(u['s_prev'])} + {_fmt(1 - h['rho1'])} · {_fmtp(g)} = {_fmt(u['s'])};  "
                f"r ← {_fmt(h['rho2'])} · {_fmt(u['r_prev'])} + {_fmt(1 - h['rho2'])} · {_fmtp(g)}² = {_fmt(u['r'])};  "
                f"ŝ = {_fmtp(u['s'])} / (1 − {_fmt(h['rho1'])}{tt}) = {_fmt(u['s_hat'])};  "
                f"r̂ = {_fmt(u['r'])} / (1 − {_fmt(h['rho2'])}{tt}) = {_fmt(u['r_hat'])};  "
                f"{p} ← {_fmt(w)} − {_fmt(h['lr'])} · {_fmtp(u['s_hat'])} / (√{_fmt(u['r_hat'])} + {_fmt(h['delta'])})"
                f" = {_fmt(new)}")
    return (f"{p} ← {p} + Δ{p}   ({opt.update_rule})",
            f"{p} ← {_fmt(w)} + {_fmtp(u['update'])} = {_fmt(new)}")


def _update_steps(run: _Run, nm: _Names, S: _Steps, opt: Optimizer,
                  updates: dict[str, dict[str, np.ndarray]]) -> None:
    """One "update" step per scalar parameter (per array at the op level)."""
    t = opt.t + 1
    obj = "R" if _l2_sym(run) else run.obj
    title = getattr(opt, "display_name", "") or opt.name
    for key, d in updates.items():
        kind, ident = key.split(":", 1)
        where = ident
        if S.level == "op":
            P = nm.mat(ident) if kind == "W" else (nm.vec("b", ident) if kind == "b" else f"{kind}[{ident}]")
            S.add("update", "update", where, (), f"{P} ← {P} + Δ{P}   ({opt.update_rule})",
                  f"{P} ← {_arr(d['value'])} + {_arr(d['update'])} = {_arr(d['new_value'])}",
                  d["new_value"], [{"name": n, "value": np.asarray(a).tolist()} for n, a in d.items()],
                  label=Message(QT_TRANSLATE_NOOP("Trace", "{0} update of {1} (previewed, not applied)"), title, key))
            continue
        shape = d["value"].shape
        for idx in np.ndindex(*shape):
            if kind == "W":
                j, i = idx
                if (i, j) in run.removed[ident]:
                    continue
                units: tuple[int, ...] = (i, j)
            else:
                units = (idx[0],)
            p = nm.param(key, idx)
            u = {n: float(np.asarray(a)[idx]) for n, a in d.items()}
            sym, num = _update_formula(opt, t, p, f"∂{obj}/∂{p}", u)
            terms = [{"name": n, "value": u[n]} for n in d if n not in ("value", "new_value")]
            S.add("update", "update", where, units, sym, num, u["new_value"], terms,
                  label=Message(QT_TRANSLATE_NOOP("Trace", "{0} update of {1} (previewed, not applied)"), title, p))
