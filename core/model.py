"""Compile a spec and its parameters into a model that runs on batches.

:func:`compile_model` records the tape once per batch size: for each node in
topological order, one :class:`~core.tape.Dense` op per incoming connection
(z = Σ W a_src), a bias add, the activation, and at the output the loss.
All parameters live in one flat vector ``theta`` (weights first, then
biases, then learned activation parameters), with named views into it, and
all gradients in its twin ``grad``. Optimisers then update one array in a
handful of NumPy calls whatever the network's shape, and the L2 term covers
``theta[:n_weights]`` in one call.

Removed (masked) edges have weight 0 from the start and their gradient is
masked in backward, so they stay 0 under every optimiser without masking
the forward pass.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .losses import LOSS_OPS, LossOp
from .parameters import (Params, bias_key, edge_mask, flat_views, learned_key, parameter_shapes,
                         weight_key)
from .spec import NetworkSpec, SpecError
from .tape import Activate, BiasAdd, Dense, Op, Value

_MAX_PLANS = 6


@dataclass
class Plan:
    """The tape recorded for one batch size: values by name and ops in order."""

    size: int
    values: dict[str, Value]
    ops: list[Op]
    loss: LossOp
    forward_calls: list
    backward_calls: list


class Model:
    """A compiled network: forward on a batch, loss, and every parameter's gradient."""

    def __init__(self, spec: NetworkSpec, params: Params, dtype: type | np.dtype = np.float64,
                 l2: float = 0.0):
        spec.validate()
        self.spec = spec.copy()
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float64, np.float32):
            raise ValueError(f"dtype must be float64 or float32, not {self.dtype}")
        self.l2 = float(l2)
        self.order = self.spec.topological_order()
        self.input_id = self.spec.input_node.id
        self.output_id = self.spec.output_node.id
        out = self.spec.nodes[self.output_id]
        self.loss_name: str = out.loss or "mse"
        self.n_inputs = self.spec.nodes[self.input_id].units
        self.n_outputs = out.units
        self._layout(params)
        self._plans: OrderedDict[int, Plan] = OrderedDict()
        self._w_scratch = np.empty(self.n_weights, self.dtype)

    # --- parameters -----------------------------------------------------------

    def _layout(self, params: Params) -> None:
        shapes = parameter_shapes(self.spec)
        missing = [k for k in shapes if k not in params]
        if missing:
            raise SpecError(f"no values for parameters: {', '.join(missing)}")
        for k, shape in shapes.items():
            if tuple(np.shape(params[k])) != shape:
                raise SpecError(f"parameter {k} has shape {np.shape(params[k])}, expected {shape}")
        self.shapes = shapes
        self.slices: dict[str, tuple[slice, tuple[int, ...]]] = {}
        pos = 0
        for k, shape in shapes.items():
            n = int(np.prod(shape))
            self.slices[k] = (slice(pos, pos + n), shape)
            pos += n
        self.n_weights = sum(int(np.prod(s)) for k, s in shapes.items() if k.startswith("W:"))
        self.theta = np.empty(pos, self.dtype)
        self.grad = np.zeros(pos, self.dtype)
        self.params = self.unflatten(self.theta)
        self.grads = self.unflatten(self.grad)
        self.masks: dict[str, np.ndarray] = {}
        for c in self.spec.connections.values():
            m = edge_mask(self.spec, c.id)
            if m is not None:
                self.masks[c.id] = m.astype(self.dtype)
        self.load_parameters(params)

    def unflatten(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        """Named views into any vector laid out like ``theta`` (grads, optimiser state).

        ``slices[k]`` says which block of the vector holds parameter ``k``;
        within a weight's block the order is :func:`~core.parameters.flat_views`'s.
        """
        return flat_views(flat, self.shapes)

    def load_parameters(self, params: Params) -> None:
        """Copy values in (masked edges forced to 0), keeping the same buffers."""
        for k, view in self.params.items():
            view[...] = params[k]
            if k.startswith("W:") and k[2:] in self.masks:
                view *= self.masks[k[2:]]

    def export_parameters(self) -> Params:
        """A copy of every parameter, safe to keep while training goes on."""
        return {k: v.copy() for k, v in self.params.items()}

    # --- the tape -------------------------------------------------------------

    def plan(self, m: int) -> Plan:
        """The tape for batch size ``m``, recorded once and then reused."""
        plan = self._plans.get(m)
        if plan is None:
            plan = self._record(m)
            self._plans[m] = plan
            if len(self._plans) > _MAX_PLANS:
                self._plans.popitem(last=False)
        else:
            self._plans.move_to_end(m)
        return plan

    def _record(self, m: int) -> Plan:
        spec, dt = self.spec, self.dtype
        values: dict[str, Value] = {}
        ops: list[Op] = []
        loss: LossOp | None = None
        ones = np.ones(m, dt)  # sums over the batch, as a product (see BiasAdd)
        for nid in self.order:
            node = spec.nodes[nid]
            u = node.units
            if node.kind == "input":
                values[f"a:{nid}"] = Value(f"a:{nid}", nid, None, None)
                continue
            z = values[f"z:{nid}"] = Value(f"z:{nid}", nid, np.zeros((m, u), dt), np.zeros((m, u), dt))
            a = values[f"a:{nid}"] = Value(f"a:{nid}", nid, np.zeros((m, u), dt), np.zeros((m, u), dt))
            scratch = np.empty((m, u), dt)
            for k, c in enumerate(spec.incoming(nid)):
                src = values[f"a:{c.src}"]
                key = weight_key(c.id)
                src_scratch = None if src.grad is None else np.empty_like(src.grad)
                ops.append(Dense(c.id, src, z, self.params[key], self.grads[key], self.masks.get(c.id),
                                 accumulate=k > 0, write_grad=None if src.grad is None else "?",
                                 scratch=scratch, scratch_src=src_scratch))
            if node.bias:
                ops.append(BiasAdd(nid, z, self.params[bias_key(nid)], self.grads[bias_key(nid)], ones))
            act = get_activation(node.activation)
            is_out = nid == self.output_id
            loss_cls = LOSS_OPS[self.loss_name] if is_out else None
            if not (loss_cls and loss_cls.fused):
                gamma = ggamma = None
                if "gamma" in act.learned:
                    gamma = self.params[learned_key("gamma", nid)]
                    ggamma = self.grads[learned_key("gamma", nid)]
                ops.append(Activate(nid, act, act.hyper(node.activation_params), z, a, gamma, ggamma))
            if loss_cls:
                loss = loss_cls(nid, z, a, np.empty((m, u), dt))
                ops.append(loss)
        # In the backward walk, the first op to reach a value writes its gradient, later ones add.
        seen: set[str] = set()
        for op in reversed(ops):
            if isinstance(op, Dense) and op.write_grad == "?":
                op.write_grad = "add" if op.src.name in seen else "write"
                seen.add(op.src.name)
        assert loss is not None
        return Plan(m, values, ops, loss, [op.forward for op in ops],
                    [op.backward for op in reversed(ops)])

    # --- running --------------------------------------------------------------

    def _as_input(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.n_inputs:
            raise ValueError(f"input has shape {X.shape}; the network takes {self.n_inputs} features")
        if X.dtype != self.dtype or not X.flags.c_contiguous:
            X = np.ascontiguousarray(X, dtype=self.dtype)
        return X

    def run_forward(self, X: np.ndarray, Y: np.ndarray | None = None) -> Plan:
        """Run the tape forward on a batch (and the loss if targets are given)."""
        X = self._as_input(X)
        plan = self.plan(X.shape[0])
        plan.values[f"a:{self.input_id}"].data = X
        if Y is None:
            for op in plan.ops:
                if op is not plan.loss:
                    op.forward()
            if plan.loss.fused:  # the fused loss also computes the output activation
                out = self.spec.nodes[self.output_id]
                get_activation(out.activation).forward_into(plan.loss.z.data, plan.loss.a.data, {})
        else:
            plan.loss.set_target(self._as_target(Y, X.shape[0]))
            for f in plan.forward_calls:
                f()
        return plan

    def _as_target(self, Y: np.ndarray, m: int) -> np.ndarray:
        Y = np.asarray(Y)
        if Y.ndim == 1:
            Y = Y[:, None] if self.n_outputs == 1 or Y.shape[0] == m else Y[None, :]
        if Y.shape != (m, self.n_outputs):
            raise ValueError(f"targets have shape {Y.shape}; expected ({m}, {self.n_outputs})")
        if Y.dtype != self.dtype:
            Y = Y.astype(self.dtype)
        return Y

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The network's outputs for a batch (a fresh copy)."""
        return self.run_forward(X).values[f"a:{self.output_id}"].data.copy()

    def check_target(self, Y: np.ndarray) -> None:
        """Refuse targets the output's loss cannot use, naming the first bad row.

        Softmax cross-entropy needs rows that add up to 1 (a multi-hot row
        would give a wrong loss silently), binary cross-entropy targets in
        [0, 1]; squared error takes any. Raises
        :class:`~core.losses.TargetError` (a ``ValueError``); a ``Y`` of the
        wrong shape is left for the forward pass to refuse. One vectorised
        pass over ``Y``, and only for the cross-entropies.
        """
        if self.loss_name == "mse":
            return
        Y = np.asarray(Y)
        if Y.ndim == 1:  # as _as_target reads it: a column for one output, else one row
            Y = Y[:, None] if self.n_outputs == 1 else Y[None, :]
        if Y.ndim != 2 or Y.shape[1] != self.n_outputs:
            return  # a wrong shape: run_forward's _as_target says how it differs
        LOSS_OPS[self.loss_name].check_target(Y)

    def loss_and_grad(self, X: np.ndarray, Y: np.ndarray, *, checked: bool = False) -> float:
        """Forward, loss and backward on one batch: fills ``grad``, returns the risk.

        The risk is the mean loss plus λ/2 ‖W‖²_F when ``l2`` is set.
        ``checked=True`` says ``Y`` already passed :meth:`check_target` (the
        trainer checks its targets once, not at every step); otherwise they
        are checked here.
        """
        if not checked:
            self.check_target(Y)
        plan = self.run_forward(X, Y)
        for b in plan.backward_calls:
            b()
        value = plan.loss.value
        if self.l2:
            w, gw = self.theta[: self.n_weights], self.grad[: self.n_weights]
            value += 0.5 * self.l2 * float(np.vdot(w, w))
            np.multiply(w, self.l2, out=self._w_scratch)
            gw += self._w_scratch
        return value

    def loss(self, X: np.ndarray, Y: np.ndarray, batch: int = 4096, *, checked: bool = False) -> float:
        """The risk over a whole set, computed in chunks, without gradients.

        ``checked`` as for :meth:`loss_and_grad`.
        """
        if not checked:
            self.check_target(Y)
        X = self._as_input(X)
        total = 0.0
        for s in range(0, X.shape[0], batch):
            xb = X[s: s + batch]
            total += self.run_forward(xb, Y[s: s + batch]).loss.value * xb.shape[0]
        value = total / max(X.shape[0], 1)
        if self.l2:
            w = self.theta[: self.n_weights]
            value += 0.5 * self.l2 * float(np.vdot(w, w))
        return value

    def predict(self, X: np.ndarray, batch: int = 4096) -> np.ndarray:
        """Outputs for any number of samples, in chunks."""
        X = self._as_input(X)
        parts = [self.forward(X[s: s + batch]) for s in range(0, X.shape[0], batch)]
        return np.concatenate(parts) if parts else np.empty((0, self.n_outputs), self.dtype)

    def activations(self, X: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each node's (z, a) for a batch, copied: what the canvas colours units by."""
        plan = self.run_forward(X)
        out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for nid in self.order:
            a = plan.values[f"a:{nid}"].data
            z = plan.values.get(f"z:{nid}")
            out[nid] = (a.copy() if z is None else z.data.copy(), a.copy())
        return out


def compile_model(spec: NetworkSpec, params: Params, dtype: type | np.dtype = np.float64,
                  l2: float = 0.0) -> Model:
    """Check ``spec`` and build a :class:`Model` over a copy of ``params``."""
    return Model(spec, params, dtype, l2)
