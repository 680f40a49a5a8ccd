"""Running the model's own tape once on one sample and copying its numbers out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..activations import get_activation
from ..losses import LossOp
from ..model import Model, Plan
from ..parameters import learned_key, weight_key
from ..spec import Connection
from ..tape import Op

# ----------------------------------------------------------------------------
# running the tape once and copying its numbers out
# ----------------------------------------------------------------------------

@dataclass
class _Run:
    """The tape's numbers for one sample, copied out (1-D per node, float64)."""

    model: Model
    x: np.ndarray
    y: np.ndarray | None
    z: dict[str, np.ndarray]
    a: dict[str, np.ndarray]
    dz: dict[str, np.ndarray]
    da: dict[str, np.ndarray]
    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]
    loss: float | None
    risk: float | None
    fused: bool                      # fused loss op (ce/bce) run with a target
    ops: list[Op]                    # the tape's ops in order; each explains itself
    loss_op: LossOp                  # the last of them
    removed: dict[str, set[tuple[int, int]]]

    @property
    def spec(self):
        return self.model.spec

    @property
    def order(self) -> list[str]:
        return self.model.order

    @property
    def out(self) -> str:
        return self.model.output_id

    @property
    def obj(self) -> str:
        """What is differentiated: the loss L, or the network's function f without a target."""
        return "f" if self.y is None else "L"

    def sources(self, c: Connection, j: int) -> list[int]:
        """The units i of ``c``'s source with an edge (i, j) present."""
        gone = self.removed[c.id]
        return [i for i in range(self.spec.nodes[c.src].units) if (i, j) not in gone]

    def in_edges(self, nid: str, j: int) -> list[tuple[Connection, int]]:
        """Present edges into unit j of ``nid``, in the tape's order."""
        return [(c, i) for c in self.spec.incoming(nid) for i in self.sources(c, j)]

    def out_edges(self, nid: str, j: int) -> list[tuple[Connection, int]]:
        """Present edges out of unit j of ``nid`` (skip connections included)."""
        out = []
        for c in self.spec.outgoing(nid):
            gone = self.removed[c.id]
            out += [(c, k) for k in range(self.spec.nodes[c.dst].units) if (j, k) not in gone]
        return out

    def w(self, c: Connection, i: int, j: int) -> float:
        return float(self.params[weight_key(c.id)][j, i])

    def hyper(self, nid: str) -> dict[str, Any]:
        """The activation's hyper-parameters, with PReLU's learned γ per unit."""
        node = self.spec.nodes[nid]
        act = get_activation(node.activation)
        hp: dict[str, Any] = act.hyper(node.activation_params)
        if "gamma" in act.learned:
            hp["gamma"] = self.params[learned_key("gamma", nid)]
        return hp


def _check_target(Y: np.ndarray, loss: str) -> None:
    """A target the loss can take: cross-entropy compares probabilities.

    Outside [0, 1] (or, for softmax, not summing to 1) the formulas still
    give numbers, a negative "loss" among them, which would teach the wrong
    thing.
    """
    if not np.all(np.isfinite(Y)):
        raise ValueError("the target holds a value that is not a finite number")
    if loss in ("bce", "ce") and (Y.min() < 0.0 or Y.max() > 1.0):
        bad = float(Y[(Y < 0.0) | (Y > 1.0)][0])
        what = "binary cross-entropy" if loss == "bce" else "softmax cross-entropy"
        raise ValueError(f"the target {bad:g} is not a probability: {what} needs targets between 0 and 1 "
                         f"(a class: 0 or 1{'' if loss == 'bce' else ', one 1 among 0s'})")
    if loss == "ce" and abs(float(Y.sum()) - 1.0) > 1e-6:
        raise ValueError(f"the target adds up to {float(Y.sum()):g}: softmax cross-entropy needs one "
                         "probability per class adding up to 1 (a class: one 1 among 0s)")


def _run(model: Model, x: np.ndarray, y: np.ndarray | None) -> _Run:
    """Run forward and backward on the tape for one sample; copy every number out."""
    X = np.asarray(x, dtype=np.float64)
    if X.ndim == 2 and X.shape[0] == 1:
        X = X[0]
    if X.ndim == 0:
        X = X.reshape(1)
    if X.ndim != 1:
        raise ValueError(f"a trace takes one sample; the input has shape {np.shape(x)}")
    if X.shape[0] != model.n_inputs:
        raise ValueError(f"the input has {X.shape[0]} values; the network takes {model.n_inputs}")
    Y = None
    if y is not None:
        Y = np.asarray(y, dtype=np.float64).reshape(-1)
        if Y.shape[0] != model.n_outputs:
            raise ValueError(f"the target has {Y.shape[0]} values; the network has "
                             f"{model.n_outputs} output{'s' if model.n_outputs != 1 else ''}")
        _check_target(Y, model.loss_name)
        risk: float | None = float(model.loss_and_grad(X[None, :], Y[None, :]))
        plan = model.plan(1)  # the plan loss_and_grad just ran
        loss: float | None = float(plan.loss.value)
    else:
        if model.n_outputs != 1:
            raise ValueError(
                f"this network has {model.n_outputs} outputs: a target is needed to start the "
                "backward pass from the loss (without a target only a single-output network "
                "can start from ∂ŷ/∂ŷ = 1)")
        plan = model.run_forward(X[None, :])
        _seed_backward(model, plan)
        risk = loss = None

    z, a, dz, da = {}, {}, {}, {}
    for nid in model.order:
        va = plan.values[f"a:{nid}"]
        a[nid] = np.array(va.data[0], dtype=np.float64)
        if va.grad is not None:
            da[nid] = np.array(va.grad[0], dtype=np.float64)
        vz = plan.values.get(f"z:{nid}")
        if vz is not None:
            z[nid] = np.array(vz.data[0], dtype=np.float64)
            dz[nid] = np.array(vz.grad[0], dtype=np.float64)
    return _Run(
        model=model, x=X.copy(), y=Y, z=z, a=a, dz=dz, da=da,
        params={k: np.array(v, dtype=np.float64) for k, v in model.params.items()},
        grads={k: v.copy() for k, v in model.grads.items()},
        loss=loss, risk=risk, fused=bool(plan.loss.fused and Y is not None),
        ops=list(plan.ops), loss_op=plan.loss,
        removed={c.id: set(map(tuple, c.removed)) for c in model.spec.connections.values()},
    )


def _seed_backward(model: Model, plan: Plan) -> None:
    """Backward on the tape from ∂ŷ/∂ŷ = 1 instead of from a loss.

    Every op but the loss runs its own ``backward``. With a fused loss
    (sigmoid + BCE) the output activation is not an op on the tape (the
    loss computes it), so its derivative seeds ∂ŷ/∂z with the same
    activation object's ``backward_into`` that the engine uses.
    """
    out = model.output_id
    z, a = plan.values[f"z:{out}"], plan.values[f"a:{out}"]
    a.grad.fill(1.0)
    if plan.loss.fused:
        act = get_activation(model.spec.nodes[out].activation)
        act.backward_into(z.data, a.data, a.grad, z.grad, {})
    for op in reversed(plan.ops):
        if op is not plan.loss:
            op.backward()
