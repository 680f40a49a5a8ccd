"""Parameters of a network, keyed by the spec's node and connection ids.

A network's parameters are a plain ``dict`` from a name to an array:

* ``W:<connection id>``: the weight matrix of a connection, shape
  ``(dst units, src units)`` as in the lecture's W^(l) in R^{M_l x M_{l-1}};
* ``b:<node id>``: the bias vector of a node that has a bias;
* ``gamma:<node id>``: a learned activation parameter per unit (PReLU).

Keying by id is what lets a structure edit keep every weight that still
fits: :func:`init_parameters` with ``keep=`` copies what is there and
initialises only what is new. Each array's fresh values come from a random
generator seeded by ``(seed, name)``, so a new unit gets the same initial
weights whatever else changed, and "reset weights" gives back the same
network for the same seed.
"""
from __future__ import annotations

import math
import zlib
from typing import Callable, Mapping

import numpy as np

from .activations import get_activation
from .spec import NetworkSpec, Node

Params = dict[str, np.ndarray]


def weight_key(conn_id: str) -> str:
    """The parameter name of a connection's weights, as files and the canvas name them."""
    return f"W:{conn_id}"


def bias_key(node_id: str) -> str:
    """The parameter name of a node's biases."""
    return f"b:{node_id}"


def learned_key(name: str, node_id: str) -> str:
    """The parameter name of a node's learned activation parameter (PReLU's γ)."""
    return f"{name}:{node_id}"


def parameter_shapes(spec: NetworkSpec) -> dict[str, tuple[int, ...]]:
    """Every parameter's name and shape, weights first (the L2 term covers those)."""
    shapes: dict[str, tuple[int, ...]] = {}
    for c in spec.connections.values():
        shapes[weight_key(c.id)] = (spec.nodes[c.dst].units, spec.nodes[c.src].units)
    for n in spec.nodes.values():
        if n.kind != "input" and n.bias:
            shapes[bias_key(n.id)] = (n.units,)
    for n in spec.nodes.values():
        if n.kind != "input":
            for name in get_activation(n.activation).learned:
                shapes[learned_key(name, n.id)] = (n.units,)
    return shapes


def flat_views(flat: np.ndarray, shapes: dict[str, tuple[int, ...]]) -> dict[str, np.ndarray]:
    """Named views into a vector laid out as the model keeps its parameters.

    Parameters follow each other in the order of ``shapes``. A weight matrix
    W (dst × src) is stored transposed, one source unit's outgoing weights
    after another, so that Wᵀ, the operand the forward product a·Wᵀ reads,
    is contiguous: BLAS runs about a tenth faster on the first layer of a
    784-input network that way. The views still have the shape dst × src,
    so nothing outside this function sees the difference.
    """
    views: dict[str, np.ndarray] = {}
    pos = 0
    for k, shape in shapes.items():
        n = int(np.prod(shape))
        block = flat[pos: pos + n]
        views[k] = block.reshape(shape[::-1]).T if k.startswith("W:") else block.reshape(shape)
        pos += n
    return views


def flatten(arrays: Mapping[str, np.ndarray], shapes: dict[str, tuple[int, ...]],
            dtype: type | np.dtype = np.float64) -> np.ndarray:
    """The inverse of :func:`flat_views`: one vector from named arrays."""
    flat = np.empty(sum(int(np.prod(s)) for s in shapes.values()), dtype)
    for k, view in flat_views(flat, shapes).items():
        view[...] = arrays[k]
    return flat


def edge_mask(spec: NetworkSpec, conn_id: str) -> np.ndarray | None:
    """1.0 where an edge is present, 0.0 where removed; None for a full connection."""
    c = spec.connections[conn_id]
    if not c.removed:
        return None
    mask = np.ones((spec.nodes[c.dst].units, spec.nodes[c.src].units))
    for i, j in c.removed:
        mask[j, i] = 0.0
    return mask


def fan_in(spec: NetworkSpec, node_id: str) -> int:
    """Units feeding a node over all its incoming connections."""
    return sum(spec.nodes[c.src].units for c in spec.incoming(node_id)) or 1


def fan_out(spec: NetworkSpec, node_id: str) -> int:
    """Units a node's outputs reach over all its outgoing connections."""
    return sum(spec.nodes[c.dst].units for c in spec.outgoing(node_id)) or 1


def _rng(seed: int, key: str) -> np.random.Generator:
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(key.encode())])


def init_array(scheme: str, shape: tuple[int, ...], fan_in_: int, fan_out_: int,
               rng: np.random.Generator, scale: float = 1.0) -> np.ndarray:
    """Draw one weight array by a named scheme.

    ``scale`` multiplies the spread of every scheme (the vanishing-gradient
    demo turns it down); for ``uniform`` it is the bound a of U(-a, a).
    """
    if scheme == "zeros":
        return np.zeros(shape)
    if scheme == "uniform":
        return rng.uniform(-scale, scale, shape)
    if scheme == "xavier_uniform":
        a = math.sqrt(6.0 / (fan_in_ + fan_out_))
        return scale * rng.uniform(-a, a, shape)
    if scheme == "xavier_normal":
        return scale * rng.normal(0.0, math.sqrt(2.0 / (fan_in_ + fan_out_)), shape)
    if scheme == "he_normal":
        return scale * rng.normal(0.0, math.sqrt(2.0 / fan_in_), shape)
    if scheme == "he_uniform":
        a = math.sqrt(6.0 / fan_in_)
        return scale * rng.uniform(-a, a, shape)
    if scheme == "lecun_normal":
        return scale * rng.normal(0.0, math.sqrt(1.0 / fan_in_), shape)
    if scheme == "lecun_uniform":
        a = math.sqrt(3.0 / fan_in_)
        return scale * rng.uniform(-a, a, shape)
    raise ValueError(f"unknown initialiser {scheme!r}")


def fresh_parameter(spec: NetworkSpec, key: str, shape: tuple[int, ...], seed: int) -> np.ndarray:
    """The initial value of one parameter for ``seed``, independent of the others."""
    kind, ident = key.split(":", 1)
    if kind == "W":
        conn = spec.connections[ident]
        dst: Node = spec.nodes[conn.dst]
        arr = init_array(dst.init, shape, fan_in(spec, dst.id), fan_out(spec, conn.src),
                         _rng(seed, key), dst.init_scale)
        mask = edge_mask(spec, ident)
        return arr if mask is None else arr * mask
    if kind == "b":
        return np.zeros(shape)
    node = spec.nodes[ident]
    return np.full(shape, get_activation(node.activation).hyper(node.activation_params)[kind])


def init_parameters(
    spec: NetworkSpec,
    seed: int = 0,
    keep: Mapping[str, np.ndarray] | None = None,
    dtype: np.dtype | type = np.float64,
    only: set[str] | None = None,
) -> Params:
    """Parameters for ``spec``: kept where they fit, fresh where they are new.

    Parameters
    ----------
    keep
        Existing parameters. An array of the right shape is kept as it is; one
        whose node gained or lost units keeps its overlapping block and only
        the new rows and columns are drawn fresh.
    only
        Re-initialise just these node ids (their incoming weights, bias and
        learned parameters) and keep everything else ("re-initialise node").
    """
    keep = keep or {}
    if only is not None:
        keep = {k: v for k, v in keep.items() if k in parameter_shapes(spec) and _owner(spec, k) not in only}
    return refit_arrays(spec, keep, lambda key, shape: fresh_parameter(spec, key, shape, seed), dtype)


def refit_arrays(spec: NetworkSpec, keep: Mapping[str, np.ndarray],
                 fresh: Callable[[str, tuple[int, ...]], np.ndarray],
                 dtype: np.dtype | type | None = np.float64) -> Params:
    """One array per parameter of ``spec``: ``keep``'s where it fits, ``fresh`` where it is new.

    The one rule for everything that follows the parameters through a
    structure edit (the weights, and the optimiser's moments beside them):
    an array of the right shape is kept; one whose node gained or lost units
    keeps its overlapping block, the rest comes from ``fresh(key, shape)``;
    arrays of parameters that are gone are dropped; removed edges are zero.
    ``dtype`` None keeps each kept array's own dtype.
    """
    out: Params = {}
    for key, shape in parameter_shapes(spec).items():
        old = keep.get(key)
        want = dtype if dtype is not None else (old.dtype if old is not None else np.float64)
        if old is not None and old.shape == shape:
            arr = np.array(old, dtype=want)
        else:
            arr = np.asarray(fresh(key, shape)).astype(want)
            if old is not None and old.ndim == len(shape):
                block = tuple(slice(0, min(a, b)) for a, b in zip(old.shape, shape))
                arr[block] = old[block]
        if key.startswith("W:"):
            mask = edge_mask(spec, key[2:])
            if mask is not None:
                arr *= mask.astype(want)
        out[key] = arr
    return out


def _owner(spec: NetworkSpec, key: str) -> str:
    """The node a parameter belongs to (a weight belongs to its destination)."""
    kind, ident = key.split(":", 1)
    return spec.connections[ident].dst if kind == "W" else ident


def count_parameters(spec: NetworkSpec) -> int:
    """How many numbers training adjusts (removed edges not counted)."""
    total = 0
    for key, shape in parameter_shapes(spec).items():
        n = int(np.prod(shape))
        if key.startswith("W:"):
            n -= len(set(map(tuple, spec.connections[key[2:]].removed)))
        total += n
    return total
