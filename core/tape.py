"""A small reverse-mode tape: operations that remember what backward needs.

Each operation is an object with ``forward`` and ``backward``, in the spirit
of the lecture's ``Matmul`` class: forward computes its output and keeps
references to its inputs; backward turns the gradient of its output into
the gradients of its inputs and parameters. A :class:`~core.model.Model`
records these ops once, in topological order, over preallocated buffers
(a static graph), then replays them every step: running forward walks the
list, running backward walks it in reverse.

Where a value feeds several ops (a layer with a skip connection), their
gradients add up: the first op to reach it in the backward walk *writes*
its gradient, the later ones *add*. That makes backward idempotent (running
it twice gives the same gradients, never double) without zeroing buffers.

The same ops, run on one sample, are what :mod:`core.trace` shows step by
step: there is one engine, not a second teaching engine. Each op also says
how it explains itself, next to its forward and backward (a new op is one
class to write): ``explain_forward``/``explain_backward`` write its steps at
op zoom, with its input, output and gradient arrays; ``expand`` writes unit
j's part at scalar zoom as elementary ops with their local derivatives, and
the trace runs the chain rule over them. The trace hands these a tracer
holding the sample's numbers (see :mod:`core.trace.tracer`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .activations import Activation
from .formulas import arr_text as arr
from .formulas import fmt, function_symbol, sum_text
from .parameters import bias_key, learned_key, weight_key
from .text import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from .trace.op import OpTracer
    from .trace.scalar_graph import ScalarGraph


class Value:
    """A named batch of numbers in the graph, with the gradient of the loss."""

    __slots__ = ("name", "node", "data", "grad")

    def __init__(self, name: str, node: str, data: np.ndarray | None, grad: np.ndarray | None):
        self.name = name          # e.g. "z:h1" or "a:h1"
        self.node = node          # spec node id it belongs to
        self.data = data          # (batch, units)
        self.grad = grad          # dL/d(data), same shape; None where no gradient is needed

    def __repr__(self) -> str:
        shape = None if self.data is None else self.data.shape
        return f"Value({self.name}, {shape})"


class Op:
    """One step of the tape, and how the trace explains it.

    ``where`` names the spec node or connection, ``node`` the node whose
    values the op computes, ``out`` the value it writes (None: none the
    trace shows). The explaining methods default to a step naming the op,
    so an op the trace has no words for still shows up at op zoom.
    """

    kind = "op"
    where: str = ""
    node: str = ""
    out: Value | None = None

    def forward(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def backward(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def explain_forward(self, tr: OpTracer) -> None:
        """Add this op's forward step(s) at op zoom."""
        tr.add("forward", self.kind, self.where, (), self.kind, self.kind, None,
               label=Message(QT_TRANSLATE_NOOP("Trace", "{0} op of {1}"), self.kind, self.where))

    def explain_backward(self, tr: OpTracer) -> None:
        """Add this op's backward step(s) at op zoom (none by default)."""

    def expand(self, g: ScalarGraph, j: int) -> None:
        """Add this op's elementary ops for unit j of ``node`` at scalar zoom (none by default)."""


class Dense(Op):
    """z_dst (+)= a_src Wᵀ for one connection; backward gives dW and da_src.

    Parameters
    ----------
    accumulate
        False for the first connection into ``z`` (writes), True after (adds).
    write_grad
        False when ``src`` needs no gradient (the input), "write" for the
        first op to reach ``src.grad`` in the backward walk, "add" after.
    """

    kind = "matmul"

    def __init__(self, conn_id: str, src: Value, z: Value, W: np.ndarray, gW: np.ndarray,
                 mask: np.ndarray | None, accumulate: bool, write_grad: str | None,
                 scratch: np.ndarray | None, scratch_src: np.ndarray | None):
        self.where, self.node, self.out = conn_id, z.node, z
        self.src, self.z, self.W, self.gW, self.mask = src, z, W, gW, mask
        self.accumulate, self.write_grad = accumulate, write_grad
        self.scratch, self.scratch_src = scratch, scratch_src
        self.WT = W.T  # a view: BLAS reads it transposed without a copy
        # dW = dL/dzᵀ · a_src, written in whichever orientation gW is stored
        # contiguously (the model stores weights transposed, see flat_views).
        self._gW_transposed = not gW.flags.c_contiguous

    def forward(self) -> None:
        if self.accumulate:
            np.matmul(self.src.data, self.WT, out=self.scratch)
            self.z.data += self.scratch
        else:
            np.matmul(self.src.data, self.WT, out=self.z.data)

    def backward(self) -> None:
        gz = self.z.grad
        if self._gW_transposed:
            np.matmul(self.src.data.T, gz, out=self.gW.T)
        else:
            np.matmul(gz.T, self.src.data, out=self.gW)
        if self.mask is not None:
            self.gW *= self.mask
        if self.write_grad == "write":
            np.matmul(gz, self.W, out=self.src.grad)
        elif self.write_grad == "add":
            np.matmul(gz, self.W, out=self.scratch_src)
            self.src.grad += self.scratch_src

    # --- how the trace explains it (core.trace) ---

    def explain_forward(self, tr: OpTracer) -> None:
        """Op zoom: z = W a_src, or z = z + W a_src after the first connection into z."""
        run, nm = tr.run, tr.names
        src, dst = self.src.node, self.z.node
        W, av = run.params[weight_key(self.where)], run.a[src]
        contrib = W @ av
        before = tr.z_so_far.get(dst)
        new = run.z[dst] if tr.finishes(self) else (before + contrib if self.accumulate else contrib)
        Z, Wn, A = nm.vec("z", dst), nm.mat(self.where), nm.vec("a", src)
        if self.accumulate:
            sym, num = f"{Z} = {Z} + {Wn} {A}", f"{Z} = {arr(before)} + {arr(W)} {arr(av)} = {arr(new)}"
        else:
            sym, num = f"{Z} = {Wn} {A}", f"{Z} = {arr(W)} {arr(av)} = {arr(new)}"
        tr.z_so_far[dst] = new
        tr.add("forward", "matmul", self.where, (), sym, num, new,
               [{"name": Wn, "value": W.tolist()}, {"name": A, "value": av.tolist()},
                {"name": f"{Wn} {A}", "value": contrib.tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "matmul of connection {0}: {1} → {2}"), self.where, src, dst))

    def explain_backward(self, tr: OpTracer) -> None:
        """Op zoom: ∂L/∂W = δ a_srcᵀ (masked, + λW with L2), and ∂L/∂a_src (+)= Wᵀ δ."""
        run, nm, obj = tr.run, tr.names, tr.obj
        key, src, dst = weight_key(self.where), self.src.node, self.z.node
        W, av, dv, g = run.params[key], run.a[src], run.dz[dst], run.grads[key]
        Wn, A, D = nm.mat(self.where), nm.vec("a", src), nm.vec("δ", dst)
        masked = self.mask is not None
        outer = np.outer(dv, av) * self.mask if masked else np.outer(dv, av)
        lhs = f"∂R/∂{Wn}" if tr.l2 else f"∂{obj}/∂{Wn}"
        sym = f"{lhs} = {D} {A}ᵀ" + (" ⊙ mask" if masked else "") + (f" + λ{Wn}" if tr.l2 else "")
        num = (f"{lhs} = {arr(dv)} {arr(av)}ᵀ" + (f" + {fmt(run.model.l2)} {arr(W)}" if tr.l2 else "")
               + f" = {arr(g)}")
        terms: list[dict[str, Any]] = [{"name": D, "value": dv.tolist()}, {"name": A, "value": av.tolist()}]
        if masked:
            terms.append({"name": "mask", "value": self.mask.tolist()})
        if self.write_grad is not None:
            s2, n2, t2 = self._explain_src_grad(tr, W, dv, Wn, A, D)
            sym, num, terms = sym + s2, num + n2, terms + t2
        tr.add("backward", "matmul", self.where, (), sym, num, g, terms, local=av, upstream=dv,
               product=outer, label=Message(
                   QT_TRANSLATE_NOOP("Trace", "matmul of connection {0}, backward (adds to a gradient another path "
                                              "already wrote)") if self.write_grad == "add"
                   else QT_TRANSLATE_NOOP("Trace", "matmul of connection {0}, backward"), self.where))

    def _explain_src_grad(self, tr: OpTracer, W: np.ndarray, dv: np.ndarray, Wn: str, A: str,
                          D: str) -> tuple[str, str, list[dict[str, Any]]]:
        """∂/∂a_src = Wᵀ δ: written by the first op in the backward walk, added by later ones."""
        obj, src, first = tr.obj, self.src.node, self.write_grad == "write"
        contrib = W.T @ dv
        so_far = tr.da_so_far[src] = contrib if first else tr.da_so_far[src] + contrib
        sym = f";  ∂{obj}/∂{A} {'=' if first else '+='} {Wn}ᵀ {D}"
        num = (f";  ∂{obj}/∂{A} = {arr(contrib)}" if first
               else f";  ∂{obj}/∂{A} += {arr(contrib)} → {arr(so_far)}")
        return sym, num, [{"name": f"{Wn}ᵀ {D}", "value": contrib.tolist()},
                          {"name": f"∂{obj}/∂{A} so far", "value": so_far.tolist()}]

    def expand(self, g: ScalarGraph, j: int) -> None:
        """Scalar zoom: one product a_i · w_ij per present edge into unit j (∂/∂a_i = w_ij, ∂/∂w_ij = a_i)."""
        run, nm = g.run, g.names
        c = run.spec.connections[self.where]
        gW = run.grads[weight_key(c.id)]
        for i in run.sources(c, j):
            src = g.unit_out[(c.src, i)]
            wv, av = run.w(c, i, j), g.vals[src].value
            wi = g.param(nm.w(c, i, j), wv, "weight", c.id, (i, j), float(gW[j, i]))
            hi = g.h(av * wv, c.id, (i, j))
            a, w = g.vals[src].ref, g.vals[wi].name
            g.op(hi, [src, wi], [wv, av], [w, a], f"{a} · {w}", f"{fmt(av)} · {fmt(wv)}",
                 Message(QT_TRANSLATE_NOOP("Trace", "product on the edge {0} → {1}"),
                         nm.label(c.src, i), nm.label(c.dst, j)))
            g.add_product(c.dst, j, hi)


class BiasAdd(Op):
    """z += b; backward: dL/db = sum over the batch of dL/dz.

    The sum is written as the product 1ᵀ (dL/dz) with a vector of ones, which
    BLAS does in about half the time of ``np.sum(axis=0)``.
    """

    kind = "bias"

    def __init__(self, node_id: str, z: Value, b: np.ndarray, gb: np.ndarray, ones: np.ndarray):
        self.where, self.node, self.out = node_id, node_id, z
        self.z, self.b, self.gb, self.ones = z, b, gb, ones

    def forward(self) -> None:
        self.z.data += self.b

    def backward(self) -> None:
        np.matmul(self.ones, self.z.grad, out=self.gb)

    # --- how the trace explains it (core.trace) ---

    def explain_forward(self, tr: OpTracer) -> None:
        """Op zoom: z = z + b, ending with the tape's z."""
        run, nid = tr.run, self.where
        bv = run.params[bias_key(nid)]
        before = tr.z_so_far.get(nid, np.zeros_like(bv))
        Z, B = tr.names.vec("z", nid), tr.names.vec("b", nid)
        tr.add("forward", "bias", nid, (), f"{Z} = {Z} + {B}",
               f"{Z} = {arr(before)} + {arr(bv)} = {arr(run.z[nid])}", run.z[nid],
               [{"name": B, "value": bv.tolist()}], label=Message(QT_TRANSLATE_NOOP("Trace", "bias add of {0}"), nid))
        tr.z_so_far[nid] = run.z[nid]

    def explain_backward(self, tr: OpTracer) -> None:
        """Op zoom: ∂L/∂b = δ (one sample: the batch sum has one term)."""
        run, nid = tr.run, self.where
        g = run.grads[bias_key(nid)]
        B = tr.names.vec("b", nid)
        tr.add("backward", "bias", nid, (), f"∂{tr.obj}/∂{B} = {tr.names.vec('δ', nid)}",
               f"∂{tr.obj}/∂{B} = {arr(g)}", g, local=np.ones_like(g), upstream=run.dz[nid],
               product=run.dz[nid], label=Message(QT_TRANSLATE_NOOP("Trace", "bias add of {0}, backward"), nid))

    def expand(self, g: ScalarGraph, j: int) -> None:
        """Scalar zoom: z_j = (the sum of the products) + b_j, with local derivatives 1 and 1."""
        run, nm, nid = g.run, g.names, self.where
        pre = g.sum_of_products(nid, j)
        bv = float(run.params[bias_key(nid)][j])
        bi = g.param(nm.b(nid, j), bv, "bias", nid, (j,), float(run.grads[bias_key(nid)][j]))
        hb = g.h(float(run.z[nid][j]), nid, (j,))
        b = g.vals[bi].name
        if pre is None:
            g.op(hb, [bi], [1.0], ["1"], b, fmt(bv),
                 Message(QT_TRANSLATE_NOOP("Trace", "bias of {0} (no inputs)"), nm.label(nid, j)))
        else:
            p = g.vals[pre]
            g.op(hb, [pre, bi], [1.0, 1.0], ["1", "1"], f"{p.name} + {b}", sum_text([fmt(p.value), fmt(bv)]),
                 Message(QT_TRANSLATE_NOOP("Trace", "add the bias of {0}"), nm.label(nid, j)))
        g.set_net_input(nid, j, hb)


class Activate(Op):
    """a = f(z); backward: dL/dz = f'(z) ⊙ dL/da (softmax: its Jacobian product)."""

    kind = "activation"

    def __init__(self, node_id: str, act: Activation, hp: dict, z: Value, a: Value,
                 gamma: np.ndarray | None = None, ggamma: np.ndarray | None = None):
        self.where, self.node, self.out = node_id, node_id, a
        self.act, self.hp, self.z, self.a = act, hp, z, a
        self.gamma, self.ggamma = gamma, ggamma
        if gamma is not None:
            self.hp = dict(hp, gamma=gamma)  # the learned γ, one per unit, read live

    def forward(self) -> None:
        self.act.forward_into(self.z.data, self.a.data, self.hp)

    def backward(self) -> None:
        self.act.backward_into(self.z.data, self.a.data, self.a.grad, self.z.grad, self.hp)
        if self.ggamma is not None:
            # dL/dγ_i = sum over the batch of dL/da * z where z <= 0.
            z = self.z.data
            np.sum(self.a.grad * np.where(z <= 0, z, 0.0), axis=0, out=self.ggamma)

    # --- how the trace explains it (core.trace) ---

    def explain_forward(self, tr: OpTracer) -> None:
        """Op zoom: a = f(z), the tape's a."""
        run, nid = tr.run, self.where
        A = tr.names.vec("a", nid)
        tr.add("forward", "activation", nid, (), f"{A} = {tr.act_sym(nid)}", f"{A} = {arr(run.a[nid])}",
               run.a[nid], [{"name": tr.names.vec("z", nid), "value": run.z[nid].tolist()}],
               label=Message(QT_TRANSLATE_NOOP("Trace", "activation of {0}: {1}"), nid, self._display()))

    def explain_backward(self, tr: OpTracer) -> None:
        """Op zoom: δ = f'(z) ⊙ ∂L/∂a (softmax: its Jacobian times ∂L/∂a), then PReLU's ∂L/∂γ."""
        run, nm, obj, nid = tr.run, tr.names, tr.obj, self.where
        A, Z, D = nm.vec("a", nid), nm.vec("z", nid), nm.vec("δ", nid)
        up, res = run.da[nid], run.dz[nid]
        if self.act.name == "softmax":
            s = float(np.vdot(run.a[nid], up))
            tr.add("backward", "activation", nid, (), f"{D} = {A} ⊙ (∂{obj}/∂{A} − {A}ᵀ ∂{obj}/∂{A})",
                   f"{D} = {arr(run.a[nid])} ⊙ ({arr(up)} − {fmt(s)}) = {arr(res)}", res,
                   [{"name": f"∂{obj}/∂{A}", "value": up.tolist()}], upstream=up,
                   label=Message(QT_TRANSLATE_NOOP(
                       "Trace", "softmax of {0}, backward (its Jacobian times the upstream gradient)"), nid))
            return
        fs = tr.fprime(nid)
        fz = f"{function_symbol(self.act.name) or 'f'}'({Z})"
        tr.add("backward", "activation", nid, (), f"{D} = ∂{obj}/∂{Z} = {fz} ⊙ ∂{obj}/∂{A}",
               f"{D} = {arr(fs)} ⊙ {arr(up)} = {arr(res)}", res,
               [{"name": fz, "value": fs.tolist()}, {"name": f"∂{obj}/∂{A}", "value": up.tolist()}],
               local=fs, upstream=up, product=fs * up,
               label=Message(QT_TRANSLATE_NOOP("Trace", "activation of {0}, backward: {1}"), nid, self._display()))
        if "gamma" in self.act.learned:
            g = run.grads[learned_key("gamma", nid)]
            tr.add("backward", "gamma_grad", nid, (), f"∂{obj}/∂γ[{nid}] = ∂{obj}/∂{A} ⊙ min({Z}, 0)",
                   f"∂{obj}/∂γ[{nid}] = {arr(up)} ⊙ {arr(np.minimum(run.z[nid], 0))} = {arr(g)}", g,
                   label=Message(QT_TRANSLATE_NOOP("Trace", "PReLU's learned γ of {0}"), nid))

    def _display(self) -> Message:
        """The activation's display name, translated where the designer shows it."""
        return Message(self.act.display, context="Activations")

    def expand(self, g: ScalarGraph, j: int) -> None:
        """Scalar zoom: unit j's a = f(z) as elementary ops (σ as the lecture's four steps)."""
        g.activation(self.where, j, fused=False)
