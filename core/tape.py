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
step: there is one engine, not a second teaching engine.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .activations import Activation


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
    """One step of the tape. ``where`` names the spec node or connection."""

    kind = "op"
    where: str = ""

    def forward(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def backward(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """Inputs, outputs and gradients by name, for the op-level trace."""
        return {}


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
        self.where = conn_id
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

    def describe(self) -> dict[str, Any]:
        return {"a_src": self.src.data, "W": self.W, "dL/dz": self.z.grad, "dL/dW": self.gW,
                "dL/da_src": self.src.grad}


class BiasAdd(Op):
    """z += b; backward: dL/db = sum over the batch of dL/dz.

    The sum is written as the product 1ᵀ (dL/dz) with a vector of ones, which
    BLAS does in about half the time of ``np.sum(axis=0)``.
    """

    kind = "bias"

    def __init__(self, node_id: str, z: Value, b: np.ndarray, gb: np.ndarray, ones: np.ndarray):
        self.where, self.z, self.b, self.gb, self.ones = node_id, z, b, gb, ones

    def forward(self) -> None:
        self.z.data += self.b

    def backward(self) -> None:
        np.matmul(self.ones, self.z.grad, out=self.gb)

    def describe(self) -> dict[str, Any]:
        return {"b": self.b, "z": self.z.data, "dL/dz": self.z.grad, "dL/db": self.gb}


class Activate(Op):
    """a = f(z); backward: dL/dz = f'(z) ⊙ dL/da (softmax: its Jacobian product)."""

    kind = "activation"

    def __init__(self, node_id: str, act: Activation, hp: dict, z: Value, a: Value,
                 gamma: np.ndarray | None = None, ggamma: np.ndarray | None = None):
        self.where, self.act, self.hp, self.z, self.a = node_id, act, hp, z, a
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

    def describe(self) -> dict[str, Any]:
        return {"z": self.z.data, "a": self.a.data, "dL/da": self.a.grad, "dL/dz": self.z.grad}
