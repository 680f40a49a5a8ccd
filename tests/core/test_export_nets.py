"""Networks the export tests run on: every example, and random ones with skips and masks."""
from __future__ import annotations

import glob
import os

import numpy as np

from core.activations import ACTIVATIONS
from core.files import load_network
from core.parameters import init_parameters
from core.resources import resource_path
from core.spec import NetworkSpec, Node

HIDDEN_ACTS = [a for a in ACTIVATIONS if a != "softmax"]
_HP = {"swish": ("beta", 0.5, 2.0), "leaky_relu": ("gamma", 0.01, 0.3), "elu": ("gamma", 0.3, 1.5),
       "prelu": ("gamma", 0.05, 0.5)}


def examples() -> list[str]:
    return sorted(glob.glob(os.path.join(resource_path("examples"), "*.ffn")))


def example(path: str):
    nf = load_network(path)
    return nf.spec, nf.params


def random_network(seed: int) -> tuple[NetworkSpec, dict[str, np.ndarray]]:
    """A DAG with single neurons, layers, skips, removed edges, every activation over the seeds."""
    rng = np.random.default_rng(seed)
    spec = NetworkSpec()
    spec.add_node(Node("in", "input", int(rng.integers(1, 5)), bias=False, name="input"))
    done = ["in"]
    for i in range(int(rng.integers(1, 5))):
        act = HIDDEN_ACTS[(seed * 3 + i) % len(HIDDEN_ACTS)]
        units = 1 if rng.random() < 0.3 else int(rng.integers(2, 6))
        spec.add_node(Node(f"h{i}", "neuron" if units == 1 else "layer", units, act, _hp(act, rng),
                           bias=bool(rng.random() < 0.8), name=f"hidden {i}"))
        srcs = {done[-1]} | {d for d in done[:-1] if rng.random() < 0.4}
        for s in sorted(srcs):
            spec.connect(s, f"h{i}")
        done.append(f"h{i}")
    loss = ("mse", "ce", "bce")[seed % 3]
    units = int(rng.integers(2, 5)) if loss == "ce" else 1 if loss == "bce" else int(rng.integers(1, 4))
    out_act = {"ce": "softmax", "bce": "logistic"}.get(loss, HIDDEN_ACTS[seed % len(HIDDEN_ACTS)])
    spec.add_node(Node("out", "output", units, out_act, _hp(out_act, rng), loss=loss, name="output"))
    for d in done:
        if d == done[-1] or not spec.outgoing(d) or rng.random() < 0.3:
            spec.connect(d, "out")
    _mask(spec, rng)
    params = init_parameters(spec, seed=seed)
    for k in params:
        if not k.startswith("W:"):
            params[k] = rng.uniform(0.05, 0.5, params[k].shape) if k.startswith("gamma:") \
                else rng.normal(0, 0.5, params[k].shape)
    return spec, params


def _hp(act: str, rng: np.random.Generator) -> dict[str, float]:
    if act not in _HP:
        return {}
    key, lo, hi = _HP[act]
    return {key: float(rng.uniform(lo, hi))}


def _mask(spec: NetworkSpec, rng: np.random.Generator) -> None:
    for c in list(spec.connections.values()):
        a, b = spec.nodes[c.src].units, spec.nodes[c.dst].units
        if a * b > 1 and rng.random() < 0.5:
            for _ in range(int(rng.integers(1, a * b))):
                spec.set_edge(c.id, int(rng.integers(a)), int(rng.integers(b)), False)


def inputs(spec: NetworkSpec, n: int = 9, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 1.5, (n, spec.input_node.units))


def test_the_random_networks_cover_what_an_export_must():
    seen_acts, seen_losses, skips, masks, neurons = set(), set(), 0, 0, 0
    for seed in range(30):
        spec, params = random_network(seed)
        spec.validate()
        seen_acts |= {n.activation for n in spec.nodes.values() if n.kind != "input"}
        seen_losses.add(spec.output_node.loss)
        depth = spec.depths()
        skips += sum(depth[c.dst] - depth[c.src] > 1 for c in spec.connections.values())
        masks += sum(bool(c.removed) for c in spec.connections.values())
        neurons += sum(n.kind == "neuron" for n in spec.nodes.values())
    assert seen_acts == set(ACTIVATIONS)
    assert seen_losses == {"mse", "ce", "bce"}
    assert skips > 5 and masks > 5 and neurons > 5
