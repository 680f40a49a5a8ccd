"""The step-by-step trace: the lecture's worked examples with their exact
numbers, and, on random networks, the trace's gradients equal to the
trainer's (``Model.loss_and_grad`` on the same sample) at every level.

Reference values are computed here independently: from the lecture's
numbers, by hand-written NumPy forward passes, or by central finite
differences, never by calling the trace.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from core.model import Model
from core.optim import OPTIMIZERS, make_optimizer
from core.parameters import init_parameters
from core.spec import NetworkSpec, Node
from core.trace import LEVELS, Trace, TraceStep, format_table, trace_sample


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def single_neuron(act: str, w: float, b: float, loss: str = "mse") -> Model:
    s = NetworkSpec()
    s.add_node(Node("x", "input", 1, bias=False))
    s.add_node(Node("y", "output", 1, act, loss=loss))
    s.connect("x", "y", "c1")
    return Model(s, {"W:c1": np.array([[w]]), "b:y": np.array([b])})


def steps_of(trace: Trace, kind: str, phase: str | None = None) -> list[TraceStep]:
    return [s for s in trace.steps if s.kind == kind and (phase is None or s.phase == phase)]


# --- the lecture's linear neuron ------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_linear_neuron_lecture_numbers(level):
    """x = 1.5, w = 0.8, b = 0.2, y_gt = 0.8: y = 1.4, L = 0.18, dL/dw = 0.9, dL/db = 0.6."""
    m = single_neuron("identity", 0.8, 0.2)
    t = trace_sample(m, np.array([1.5]), np.array([0.8]), level=level)
    assert t.loss == pytest.approx(0.18)
    assert t.output == pytest.approx([1.4])
    assert t.gradients["W:c1"][0, 0] == pytest.approx(0.9)
    assert t.gradients["b:y"] == pytest.approx([0.6])
    (loss,) = steps_of(t, "loss", "loss")
    assert loss.result == pytest.approx(0.18) and "0.18" in loss.numbers
    if level == "op":
        (mm,) = steps_of(t, "matmul", "backward")
        assert mm.result[0][0] == pytest.approx(0.9) and "0.9" in mm.numbers
        (bb,) = steps_of(t, "bias", "backward")
        assert bb.result == pytest.approx([0.6])
        return
    (gw,) = steps_of(t, "weight_grad")
    (gb,) = steps_of(t, "bias_grad")
    assert gw.where == "c1" and gw.units == (0, 0)
    assert gw.result == pytest.approx(0.9) and gw.numbers.endswith("= 0.9")
    assert gw.symbol.startswith("∂L/∂w = ")
    assert gb.result == pytest.approx(0.6) and gb.numbers.endswith("= 0.6")
    if level == "neuron":
        (z,) = steps_of(t, "net_input")
        assert z.symbol == "z = wx + b" and z.numbers == "z = 0.8 · 1.5 + 0.2 = 1.4"
        (d,) = steps_of(t, "delta")
        assert d.upstream == pytest.approx(0.6)  # dL/dy = 0.6
    else:  # dL/dy = 0.6 is its own step
        (dy,) = steps_of(t, "loss_grad")
        assert dy.result == pytest.approx(0.6) and dy.numbers == "∂L/∂h₃ = 1.4 − 0.8 = 0.6"


# --- the lecture's computation graph: f = 1 / (exp(-(wx + b)) + 1) ------------------


def test_sigmoid_neuron_scalar_level_is_the_lectures_graph():
    m = single_neuron("logistic", 0.0, 0.0)
    t = trace_sample(m, [1.0], level="scalar")
    ops = [s for s in t.steps if s.kind == "scalar_op" and s.phase == "forward"]
    assert [s.symbol.split("  (=")[0] for s in ops] == [
        "h₁ = x · w", "h₂ = h₁ + b", "h₃ = −h₂", "h₄ = exp(h₃)", "h₅ = h₄ + 1", "h₆ = 1 / h₅"]
    assert [s.result for s in ops] == [0.0, 0.0, 0.0, 1.0, 2.0, 0.5]
    assert math.copysign(1.0, ops[2].result) == -1.0 and ops[2].numbers == "h₃ = −0 = −0"
    # the lecture's local derivatives: dh1/dw = x, dh1/dx = w; dh6/dh5 = -1/h5^2
    assert {d["input"]: d["local"] for d in ops[0].terms} == {"x": 0.0, "w": 1.0}
    assert ops[5].terms[0]["local"] == -0.25
    (dw,) = steps_of(t, "weight_grad")
    assert dw.result == 0.25 and t.gradients["W:c1"][0, 0] == 0.25
    assert "1 · −0.25 · 1 · 1 · −1 · 1 · 1 = 0.25" in dw.numbers
    assert dw.symbol == "∂f/∂w = ∂f/∂h₆ · ∂h₆/∂h₅ · ∂h₅/∂h₄ · ∂h₄/∂h₃ · ∂h₃/∂h₂ · ∂h₂/∂h₁ · ∂h₁/∂w"
    assert [f["value"] for f in dw.terms] == [1.0, -0.25, 1.0, 1.0, -1.0, 1.0, 1.0]
    # each backward op: local derivative, upstream gradient, product
    back = [s for s in t.steps if s.kind == "scalar_op" and s.phase == "backward"]
    assert [(s.local, s.upstream, s.product) for s in back[:4]] == [
        (-0.25, 1.0, -0.25), (1.0, -0.25, -0.25), (1.0, -0.25, -0.25), (-1.0, -0.25, 0.25)]
    (seed,) = steps_of(t, "seed")
    assert seed.result == 1.0 and t.steps.index(seed) < t.steps.index(back[0])
    assert t.loss is None


@pytest.mark.parametrize("level", ["neuron", "op"])
def test_sigmoid_neuron_without_target_starts_from_one(level):
    t = trace_sample(single_neuron("logistic", 0.0, 0.0), [1.0], level=level)
    assert t.gradients["W:c1"][0, 0] == 0.25 and t.gradients["b:y"][0] == 0.25
    (seed,) = steps_of(t, "seed")
    assert seed.phase == "backward" and seed.result == 1.0
    if level == "neuron":
        (dw,) = steps_of(t, "weight_grad")
        assert dw.symbol.startswith("∂f/∂w") and dw.result == 0.25


def test_multi_output_without_target_is_refused():
    m = Model(*_net_333())
    with pytest.raises(ValueError, match="target is needed"):
        trace_sample(m, [0.1, 0.2, 0.3])


# --- the lecture's 3-3-3 network -----------------------------------------------------


def _net_333(loss: str = "mse"):
    s = NetworkSpec()
    s.add_node(Node("in", "input", 3, bias=False, meta={"unit_labels": ["1", "2", "3"]}))
    s.add_node(Node("h", "layer", 3, "logistic", meta={"unit_labels": ["4", "5", "6"]}))
    s.add_node(Node("out", "output", 3, "logistic", loss=loss, meta={"unit_labels": ["7", "8", "9"]}))
    s.connect("in", "h", "c1")
    s.connect("h", "out", "c2")
    rng = np.random.default_rng(3)
    params = {"W:c1": rng.normal(size=(3, 3)), "b:h": rng.normal(size=3) * 0.1,
              "W:c2": rng.normal(size=(3, 3)), "b:out": rng.normal(size=3) * 0.1}
    return s, params


def test_lecture_333_network():
    spec, p = _net_333()
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.0, 1.0])
    t = trace_sample(Model(spec, p), x, y)
    # an independent forward and backward pass in the lecture's notation
    a_h = sig(p["W:c1"] @ x + p["b:h"])
    yh = sig(p["W:c2"] @ a_h + p["b:out"])
    d_out = (yh - y) * yh * (1 - yh)
    d_h = a_h * (1 - a_h) * (p["W:c2"].T @ d_out)

    z4 = next(s for s in steps_of(t, "net_input") if s.where == "h" and s.units == (0,))
    assert z4.symbol == "z₄ = w₁₄a₁ + w₂₄a₂ + w₃₄a₃ + b₄"
    assert z4.result == pytest.approx(p["W:c1"][0] @ x + p["b:h"][0])
    a4 = next(s for s in steps_of(t, "activation") if s.where == "h" and s.units == (0,))
    assert a4.symbol == "a₄ = σ(z₄)" and a4.result == pytest.approx(a_h[0])

    w47 = next(s for s in steps_of(t, "weight_grad") if s.where == "c2" and s.units == (0, 0))
    assert "(ŷ₇ − y₇) ŷ₇ (1 − ŷ₇) a₄" in w47.symbol
    assert w47.result == pytest.approx((yh[0] - y[0]) * yh[0] * (1 - yh[0]) * a_h[0])
    assert w47.local == pytest.approx(a_h[0]) and w47.upstream == pytest.approx(d_out[0])

    w14 = next(s for s in steps_of(t, "weight_grad") if s.where == "c1" and s.units == (0, 0))
    assert w14.symbol == "∂L/∂w₁₄ = a₁ δ₄ = a₁ a₄ (1 − a₄) (w₄₇δ₇ + w₄₈δ₈ + w₄₉δ₉)"
    assert [term["via"] for term in w14.terms] == ["7", "8", "9"]
    contrib = [x[0] * a_h[0] * (1 - a_h[0]) * p["W:c2"][k, 0] * d_out[k] for k in range(3)]
    assert [term["value"] for term in w14.terms] == pytest.approx(contrib)
    assert w14.result == pytest.approx(sum(contrib)) == pytest.approx(x[0] * d_h[0])

    d4 = next(s for s in steps_of(t, "delta") if s.where == "h" and s.units == (0,))
    assert d4.symbol == "δ₄ = a₄ (1 − a₄) (w₄₇δ₇ + w₄₈δ₈ + w₄₉δ₉)"
    assert d4.result == pytest.approx(d_h[0]) and len(d4.terms) == 3
    # order: forward, loss, then backward from the outputs to the hidden layer
    phases = [s.phase for s in t.steps]
    assert phases == sorted(phases, key=["forward", "loss", "backward"].index)
    assert t.steps.index(w47) < t.steps.index(d4) < t.steps.index(w14)
    # the update with plain SGD: w'_14 = w_14 - eta dL/dw_14
    opt = make_optimizer("sgd", [np.zeros(1)], [np.zeros(1)], lr=0.5)
    m = Model(spec, p)
    opt = make_optimizer("sgd", [m.theta], [m.grad], lr=0.5)
    t = trace_sample(m, x, y, optimizer=opt)
    u14 = next(s for s in steps_of(t, "update") if s.where == "c1" and s.units == (0, 0))
    assert u14.symbol == "w₁₄ ← w₁₄ − ε ∂L/∂w₁₄"
    assert u14.result == pytest.approx(p["W:c1"][0, 0] - 0.5 * x[0] * d_h[0])


def test_default_labels_name_units_by_node_id():
    s = NetworkSpec()
    s.add_node(Node("x", "input", 2, bias=False))
    s.add_node(Node("h1", "layer", 2, "tanh"))
    s.add_node(Node("out", "output", 1, "identity", loss="mse"))
    s.connect("x", "h1", "c1")
    s.connect("h1", "out", "c2")
    m = Model(s, init_parameters(s, seed=1))
    t = trace_sample(m, [1.0, 2.0], [0.5])
    z = next(st for st in steps_of(t, "net_input") if st.where == "h1" and st.units == (1,))
    assert z.symbol == "z_{h1[1]} = w_{1,h1[1]}x₁ + w_{2,h1[1]}x₂ + b_{h1[1]}"
    assert steps_of(t, "input")[1].numbers == "x₂ = 2"
    w = next(st for st in steps_of(t, "weight_grad") if st.where == "c2" and st.units == (1, 0))
    assert w.symbol.startswith("∂L/∂w_{h1[1],out} = a_{h1[1]} δ_{out} = (ŷ_{out} − y_{out}) a_{h1[1]}")


# --- one engine: the trace's gradients are the trainer's -----------------------------

HIDDEN_ACTS = ["logistic", "tanh", "relu", "identity", "leaky_relu", "prelu", "elu",
               "softplus", "swish", "gelu_tanh"]


def random_network(seed: int, loss: str | None = None, n_out: int | None = None):
    """A random DAG: skip connections, removed edges, mixed activations, any loss."""
    rng = np.random.default_rng(seed)
    s = NetworkSpec()
    s.add_node(Node("x", "input", int(rng.integers(1, 4)), bias=False))
    ids = ["x"]
    for h in range(int(rng.integers(0, 4))):
        nid = f"h{h}"
        s.add_node(Node(nid, "layer", int(rng.integers(1, 4)), str(rng.choice(HIDDEN_ACTS)),
                        bias=bool(rng.random() < 0.8)))
        for src in rng.choice(ids, size=int(rng.integers(1, min(len(ids), 2) + 1)), replace=False):
            s.connect(str(src), nid)
        ids.append(nid)
    loss = loss or str(rng.choice(["mse", "ce", "bce"]))
    units = n_out or {"ce": int(rng.integers(2, 4)), "bce": int(rng.integers(1, 3)),
                      "mse": int(rng.integers(1, 4))}[loss]
    act = {"ce": "softmax", "bce": "logistic"}.get(loss) or str(rng.choice(
        ["identity", "logistic", "tanh", "relu"] + (["softmax"] if units > 1 else [])))
    s.add_node(Node("out", "output", units, act, loss=loss, bias=bool(rng.random() < 0.8)))
    for nid in ids:
        if not s.outgoing(nid) or rng.random() < 0.4:  # skip connections to the output
            s.connect(nid, "out")
    for c in s.connections.values():
        if rng.random() < 0.5:
            n_src, n_dst = s.nodes[c.src].units, s.nodes[c.dst].units
            c.removed = [(i, j) for i in range(n_src) for j in range(n_dst) if rng.random() < 0.3]
    params = init_parameters(s, seed=seed)
    for k in params:
        if k.startswith("b:"):
            params[k] = rng.normal(size=params[k].shape) * 0.5
        if k.startswith("gamma:"):
            params[k] = rng.uniform(0.05, 0.5, size=params[k].shape)
    x = rng.normal(size=s.input_node.units)
    if loss == "ce":
        y = np.eye(units)[rng.integers(units)]
    elif loss == "bce":
        y = rng.integers(0, 2, size=units).astype(float)
    else:
        y = rng.normal(size=units)
    l2 = 0.01 if rng.random() < 0.3 else 0.0
    return s, params, x, y, l2


def check_display_matches_tape(t: Trace, model: Model) -> None:
    """Every displayed product and sum agrees with the tape's result it sits next to."""
    l2 = model.l2 and t.y is not None
    close = dict(rel=1e-9, abs=1e-12)
    for s in t.steps:
        if s.phase == "backward" and s.product is not None and not (l2 and s.kind in ("weight_grad", "matmul")):
            np.testing.assert_allclose(s.product, s.result, rtol=1e-9, atol=1e-12, err_msg=str(s))
        values = [term["value"] for term in s.terms if isinstance(term.get("value"), float)]
        if s.kind == "net_input" or s.kind == "sum_grad" or (s.kind == "loss" and s.level != "op"):
            assert sum(values) == pytest.approx(s.result, **close), s
        if s.kind == "delta" and values and s.upstream is not None:  # Σ_k w_jk δ_k = ∂L/∂a_j
            assert sum(values) == pytest.approx(s.upstream, **close), s
        if s.kind == "weight_grad" and s.level == "neuron" and values:  # one term per path
            assert sum(values) == pytest.approx(s.product, **close), s


@pytest.mark.parametrize("seed", range(50))
def test_random_networks_gradients_equal_the_trainers(seed):
    spec, params, x, y, l2 = random_network(seed)
    dtype = np.float32 if seed % 10 == 9 else np.float64
    ref = Model(spec, params, l2=l2, dtype=dtype)
    risk = ref.loss_and_grad(x[None, :], y[None, :])
    model = Model(spec, params, l2=l2, dtype=dtype)
    for level in LEVELS:
        t = trace_sample(model, x, y, level=level)
        assert t.loss == risk
        assert set(t.gradients) == set(ref.grads)
        for k, g in ref.grads.items():
            np.testing.assert_array_equal(t.gradients[k], g, err_msg=f"{level} {k}")
        np.testing.assert_array_equal(t.output, ref.plan(1).values["a:out"].data[0])
        # the steps themselves end with the same numbers
        if dtype == np.float64:
            check_display_matches_tape(t, model)
        if level == "op":
            for s in steps_of(t, "matmul", "backward"):
                np.testing.assert_array_equal(s.result, ref.grads[f"W:{s.where}"])
        else:
            weights = {(s.where, s.units): s.result for s in steps_of(t, "weight_grad")}
            present = {(c.id, (i, j)) for c, i, j in ref.spec.edges()}
            assert set(weights) == present
            for (cid, (i, j)), v in weights.items():
                assert v == ref.grads[f"W:{cid}"][j, i]
            for s in steps_of(t, "bias_grad"):
                assert s.result == ref.grads[f"b:{s.where}"][s.units[0]]
            for s in steps_of(t, "gamma_grad"):
                assert s.result == ref.grads[f"gamma:{s.where}"][s.units[0]]
        json.dumps(t.to_dict(), allow_nan=False)


@pytest.mark.parametrize("seed", range(12))
def test_random_single_output_networks_without_target_give_the_outputs_gradient(seed):
    spec, params, x, _y, _l2 = random_network(1000 + seed, loss=["mse", "bce"][seed % 2], n_out=1)
    model = Model(spec, params)
    t = trace_sample(model, x, level=LEVELS[seed % 3])
    # central finite differences of y_hat itself, in float64
    probe = Model(spec, params)
    eps = 1e-6
    for k, g in t.gradients.items():
        view = probe.params[k]
        num = np.zeros_like(g)
        for idx in np.ndindex(*g.shape):
            if k.startswith("W:") and k[2:] in probe.masks and probe.masks[k[2:]][idx] == 0:
                continue
            old = view[idx]
            view[idx] = old + eps
            up = probe.forward(x)[0, 0]
            view[idx] = old - eps
            down = probe.forward(x)[0, 0]
            view[idx] = old
            num[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-7, err_msg=k)
    assert steps_of(t, "seed")


# --- the optimiser's next update, previewed --------------------------------------------


def test_adam_preview_shows_its_moments_and_changes_nothing():
    spec, p = _net_333()
    m = Model(spec, p)
    opt = make_optimizer("adam", [m.theta], [m.grad], lr=0.01)
    X = np.random.default_rng(0).normal(size=(4, 3))
    Y = np.ones((4, 3))
    for _ in range(2):  # some history, so s and r are not zero
        m.loss_and_grad(X, Y)
        opt.step()
    theta, state = m.theta.copy(), opt.state_dict()
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.0, 1.0])
    t = trace_sample(m, x, y, optimizer=opt)
    np.testing.assert_array_equal(m.theta, theta)
    assert opt.t == 2
    for a, b in zip(opt.state_dict()["state"][0].values(), state["state"][0].values()):
        np.testing.assert_array_equal(a, b)
    u = t.updates["W:c2"]
    assert {"update", "s", "r", "s_hat", "r_hat", "step_size", "value", "new_value"} <= set(u)
    # by the lecture's equations, from the state before and this sample's gradient
    g = t.gradients["W:c2"]
    s_prev, r_prev = u["s_prev"], u["r_prev"]
    s = 0.9 * s_prev + 0.1 * g
    r = 0.999 * r_prev + 0.001 * g * g
    s_hat, r_hat = s / (1 - 0.9**3), r / (1 - 0.999**3)
    np.testing.assert_allclose(u["s"], s)
    np.testing.assert_allclose(u["r"], r)
    np.testing.assert_allclose(u["s_hat"], s_hat)
    np.testing.assert_allclose(u["r_hat"], r_hat)
    np.testing.assert_allclose(u["update"], -0.01 * s_hat / (np.sqrt(r_hat) + 1e-8))
    step = next(st for st in steps_of(t, "update") if st.where == "c2" and st.units == (0, 0))
    assert "ŝ = s / (1 − ρ₁ᵗ)" in step.symbol and "r̂" in step.symbol
    np.testing.assert_array_equal(u["value"], m.params["W:c2"])
    assert step.result == pytest.approx(m.params["W:c2"][0, 0] + u["update"][0, 0])
    names = {term["name"] for term in step.terms}
    assert {"s", "r", "s_hat", "r_hat", "step_size"} <= names
    # the real optimiser, bound to this model, previews the same (model.grad holds the sample's)
    real = m.unflatten(opt.preview()[0]["update"])
    for k, d in t.updates.items():
        np.testing.assert_array_equal(d["update"], real[k])
    # and applying it gives the previewed values
    opt.step()
    for k, d in t.updates.items():
        np.testing.assert_array_equal(m.params[k], d["new_value"])


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize("level", LEVELS)
def test_every_optimiser_previews_per_parameter(name, level):
    spec, params, x, y, l2 = random_network(7)
    m = Model(spec, params, l2=l2)
    other = Model(spec, params, l2=l2)  # the optimiser may belong to another copy (a snapshot)
    opt = make_optimizer(name, [other.theta], [other.grad])
    t = trace_sample(m, x, y, level=level, optimizer=opt)
    assert set(t.updates) == set(m.params)
    for k, d in t.updates.items():
        np.testing.assert_array_equal(d["new_value"], m.params[k] + d["update"])
        assert set(opt.state_keys) <= set(d)
    ups = steps_of(t, "update")
    assert ups and all(s.phase == "update" for s in ups) and t.steps[-1].phase == "update"
    if level != "op":
        assert len(ups) == sum(1 for _ in m.spec.edges()) + sum(v.size for k, v in m.params.items()
                                                                  if not k.startswith("W:"))
        for s in ups:
            kind = "W" if s.where in m.spec.connections else "b" if f"b:{s.where}" in m.params else "gamma"
            idx = (s.units[1], s.units[0]) if kind == "W" else s.units
            assert s.result == t.updates[f"{kind}:{s.where}"]["new_value"][idx]
    np.testing.assert_array_equal(other.theta, Model(spec, params, l2=l2).theta)


def test_optimizer_over_other_arrays_is_refused():
    m = single_neuron("identity", 0.8, 0.2)
    opt = make_optimizer("sgd", [np.zeros(5)], [np.zeros(5)])
    with pytest.raises(ValueError, match="model.theta"):
        trace_sample(m, [1.5], [0.8], optimizer=opt)


# --- output for people and programs -----------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_to_dict_is_json(level):
    spec, p = _net_333("bce")
    m = Model(spec, p)
    opt = make_optimizer("adam", [m.theta], [m.grad])
    t = trace_sample(m, [0.5, -1.0, 2.0], [1.0, 0.0, 1.0], level=level, optimizer=opt)
    d = json.loads(json.dumps(t.to_dict(), allow_nan=False))
    assert d["level"] == level and len(d["steps"]) == len(t.steps)
    assert set(d["gradients"]) == set(t.gradients) and d["loss"] == pytest.approx(t.loss)
    assert d["steps"][0]["index"] == 0 and isinstance(d["steps"][0]["units"], list)
    assert d["updates"]["W:c1"]["s_hat"]


def test_format_table_shows_the_numbers():
    t = trace_sample(single_neuron("identity", 0.8, 0.2), [1.5], [0.8])
    text = format_table(t)
    for piece in ("L = ½ (ŷ − y)²", "= 0.18", "∂L/∂w", "= 0.9", "∂L/∂b", "= 0.6", "1.4"):
        assert piece in text
    text = format_table(trace_sample(single_neuron("logistic", 0.0, 0.0), [1.0], level="scalar"))
    assert "h₆ = 1 / h₅" in text and "1 · −0.25 · 1 · 1 · −1 · 1 · 1 = 0.25" in text


def test_each_op_explains_itself():
    """The levels only walk the tape: an op's own explain_forward/explain_backward/expand write its steps."""
    from core.tape import Op

    class Scale(Op):  # a pass-through op the trace has never heard of
        kind = "scale"

        def __init__(self, node: str):
            self.where = self.node = node

        def forward(self) -> None:
            pass

        def backward(self) -> None:
            pass

    class Explained(Scale):
        def explain_backward(self, tr) -> None:
            tr.add("backward", "scale", self.where, (), "s = 1", "s = 1", 1.0, label="explained")

        def expand(self, g, j) -> None:
            v = g.h(1.0, self.node, (j,))
            g.op(v, [], [], [], "1", "1", "a constant")

    m = single_neuron("identity", 0.8, 0.2)
    m.loss_and_grad(np.array([[1.5]]), np.array([[0.8]]))
    ops = m.plan(1).ops
    ops.insert(len(ops) - 1, Scale("y"))  # shown, not run: the plan's calls are bound already
    t = trace_sample(m, [1.5], [0.8], level="op")
    note = [s for s in t.steps if s.kind == "scale"]
    assert [(s.phase, s.label) for s in note] == [("forward", "scale op of y")]
    assert t.gradients["W:c1"][0, 0] == pytest.approx(0.9)
    ops[len(ops) - 2] = Explained("y")
    t = trace_sample(m, [1.5], [0.8], level="op")
    assert [(s.phase, s.label) for s in t.steps if s.kind == "scale"] == [
        ("forward", "scale op of y"), ("backward", "explained")]
    t = trace_sample(m, [1.5], [0.8], level="scalar")
    assert "a constant" in [s.label for s in t.steps if s.kind == "scalar_op"]


def test_bad_arguments():
    m = single_neuron("identity", 0.8, 0.2)
    with pytest.raises(ValueError, match="level"):
        trace_sample(m, [1.5], [0.8], level="matrix")
    with pytest.raises(ValueError, match="input"):
        trace_sample(m, [1.5, 2.0], [0.8])
    with pytest.raises(ValueError, match="target"):
        trace_sample(m, [1.5], [0.8, 0.1])
    with pytest.raises(ValueError, match="one sample"):
        trace_sample(m, np.ones((2, 1)), [0.8])


def test_trace_never_imports_qt():
    for path in (Path(__file__).parents[2] / "core" / "trace").glob("*.py"):
        src = path.read_text()
        assert "PySide" not in src and "pyqtgraph" not in src and "designer" not in src, path
