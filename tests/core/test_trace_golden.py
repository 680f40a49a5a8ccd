"""The trace's words and numbers, pinned: a digest of every step of a few representative traces.

The other trace tests check that the numbers are right; this one checks
that a refactoring changed nothing a person reads: every step's phase,
kind, place, formulas with their numbers, terms and label, and the
command line's table, at each zoom level. The networks cover a lecture
example, skip connections, removed edges, PReLU's learned γ, softmax with
cross-entropy, L2 and an optimiser's previewed update, and a fused
sigmoid neuron without a target.

Numbers enter the digest as the formulas write them (4 digits) and rounded
to 9 significant digits elsewhere, so that the last bit of a BLAS sum on
another machine does not change it. After an intended change of wording,
print the new digests with ``python tests/core/test_trace_golden.py``.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pytest

from core.files import load_network
from core.model import Model
from core.optim import make_optimizer
from core.parameters import init_parameters
from core.spec import NetworkSpec, Node
from core.trace import LEVELS, Trace, format_table, trace_sample

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _rounded(v):
    if isinstance(v, float):
        return float(f"{v:.9g}") if math.isfinite(v) else repr(v)
    if isinstance(v, dict):
        return {k: _rounded(t) for k, t in v.items()}
    if isinstance(v, (list, tuple)):
        return [_rounded(t) for t in v]
    return v


def digest(trace: Trace) -> str:
    """sha256 over the table and every step's fields (numbers rounded)."""
    h = hashlib.sha256(format_table(trace).encode())
    for s in trace.steps:
        h.update(json.dumps(_rounded(s.to_dict()), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()


def lecture_case():
    nf = load_network(EXAMPLES / "lecture-3-3-3.ffn")
    model = Model(nf.spec, nf.params, l2=nf.training.l2)
    opt = make_optimizer(nf.training.optimizer, [model.theta], [model.grad], **nf.training.hyper)
    y = np.zeros(model.n_outputs)
    y[0] = 1.0 if model.loss_name != "mse" else 0.5
    return model, np.linspace(-0.5, 0.8, model.n_inputs), y, opt


def skip_case():
    """Skips, removed edges, PReLU, a logistic layer without bias, softmax + CE, L2 and Adam."""
    s = NetworkSpec()
    s.add_node(Node("x", "input", 2, bias=False))
    s.add_node(Node("h0", "layer", 3, "prelu"))
    s.add_node(Node("h1", "layer", 2, "logistic", bias=False))
    s.add_node(Node("out", "output", 3, "softmax", loss="ce"))
    s.connect("x", "h0", "c0")
    s.connect("x", "h1", "c1")
    s.connect("h0", "h1", "c2")
    s.connect("h0", "out", "c3")
    s.connect("h1", "out", "c4")
    s.connections["c2"].removed = [(0, 1), (2, 0)]
    s.connections["c3"].removed = [(1, 2)]
    params = init_parameters(s, seed=5)
    params["gamma:h0"] = np.array([0.1, 0.25, 0.4])
    params["b:h0"] = np.array([-0.3, 0.2, -0.1])
    model = Model(s, params, l2=0.01)
    x, y = np.array([0.7, -1.2]), np.array([0.0, 1.0, 0.0])
    opt = make_optimizer("adam", [model.theta], [model.grad])
    model.loss_and_grad(x[None, :], y[None, :])
    opt.step()
    return model, x, y, opt


def mixed_case():
    """tanh, ELU and GELU layers into a two-output identity with squared error, and momentum."""
    s = NetworkSpec()
    s.add_node(Node("x", "input", 3, bias=False))
    s.add_node(Node("a", "layer", 2, "tanh"))
    s.add_node(Node("b", "layer", 2, "elu"))
    s.add_node(Node("c", "layer", 1, "gelu"))
    s.add_node(Node("out", "output", 2, "identity", loss="mse"))
    for src, dst in [("x", "a"), ("a", "b"), ("x", "c"), ("b", "out"), ("c", "out"), ("a", "out")]:
        s.connect(src, dst)
    model = Model(s, init_parameters(s, seed=11))
    opt = make_optimizer("momentum", [model.theta], [model.grad])
    return model, np.array([0.3, -0.9, 1.4]), np.array([0.25, -0.5]), opt


def sigmoid_no_target_case():
    s = NetworkSpec()
    s.add_node(Node("x", "input", 1, bias=False))
    s.add_node(Node("y", "output", 1, "logistic", loss="bce"))
    s.connect("x", "y", "c1")
    return Model(s, {"W:c1": np.array([[-0.8]]), "b:y": np.array([0.3])}), np.array([1.5]), None, None


CASES = {"lecture": lecture_case, "skip": skip_case, "mixed": mixed_case,
         "sigmoid_no_target": sigmoid_no_target_case}

# computed with the trace before its ops explained themselves (commit 4fe3db1)
PINNED = {
    "lecture/op": "8696467335434f52d3ff57012508dd01f624ce06cd9768a68b062a27adef8994",
    "lecture/neuron": "c44867c9768880422e7bd38b24cb4da889e7404a75d4eb2fa5c4e024eb95876a",
    "lecture/scalar": "7eb55d1f93800f5e8766a0377a5b5dae099d23ebc38b1ac2c15407dd5342632c",
    "skip/op": "62e6fc59f2eaf262fc6f0fe374704dd8c7a635b258fbe056ab3ec102b5afd4d4",
    "skip/neuron": "e2d8031c2f1845d3f45d210c2f845c3467122e6f1b26f54c5fd322c3432dd717",
    "skip/scalar": "6c8e290ba1e4b6fccb7bba084faef6d42caee625e6eca27e07c2d454afe054cb",
    "mixed/op": "a07f7373b8e9ffa9ca8343e7be4e041cdae19e3bb369459ed90f0bad00446947",
    "mixed/neuron": "cc7079e1e62cc36bd6c6d708192d1d65d34b75858f5773dcf03ca242fc277844",
    "mixed/scalar": "93a3430db2e11910b8cb28360f09ba6b0a9b5575c8438c6cf9f1aee71e196cf1",
    "sigmoid_no_target/op": "fa69b92512ec552bde3280d76a71a755135e6349ef9418bc196845148100e81c",
    "sigmoid_no_target/neuron": "c32f84908ae10268bc1f36d1fbabb58003e6246d5ec27a77584a75ab1da76bb3",
    "sigmoid_no_target/scalar": "afd8aced8207059d3280cb0daf54f2de9e6c4fb738a2cef55c6584e2ec2c4466",
}


def compute() -> dict[str, str]:
    out = {}
    for name, make in CASES.items():
        for level in LEVELS:
            model, x, y, opt = make()
            out[f"{name}/{level}"] = digest(trace_sample(model, x, y, level, opt))
    return out


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("level", LEVELS)
def test_trace_is_unchanged(name, level):
    model, x, y, opt = CASES[name]()
    assert digest(trace_sample(model, x, y, level, opt)) == PINNED[f"{name}/{level}"]


if __name__ == "__main__":
    for key, value in compute().items():
        print(f'    "{key}": "{value}",')
