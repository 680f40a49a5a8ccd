"""The compiled model: the lecture's worked examples, and gradient checks on many random DAGs."""
from __future__ import annotations

import math

import numpy as np
import pytest

from core.activations import ACTIVATIONS
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import NetworkSpec, Node, sequential

HIDDEN = sorted(a for a in ACTIVATIONS if a != "softmax")
KINKED = {"relu", "leaky_relu", "prelu", "elu"}
OUTPUTS = [("identity", "mse"), ("logistic", "mse"), ("tanh", "mse"), ("softmax", "mse"),
           ("softmax", "ce"), ("logistic", "bce")]
INITS = ["xavier_uniform", "xavier_normal", "he_normal", "lecun_uniform", "uniform"]


# --- a gradient checker -----------------------------------------------------------------


def free_entries(model) -> np.ndarray:
    """True for every entry of theta the network really has (masked edges excluded).

    The forward pass is not masked (masked weights are simply kept at 0), so
    the loss does change if one perturbs a masked weight: those entries are
    not parameters and must not be differentiated numerically.
    """
    free = np.ones(model.theta.size, dtype=bool)
    views = model.unflatten(free)
    for cid, mask in model.masks.items():
        views[f"W:{cid}"][...] = mask != 0
    return free


def numeric_gradient(model, X, Y, free, h):
    theta = model.theta
    g = np.zeros_like(theta)
    for i in np.flatnonzero(free):
        t = theta[i]
        theta[i] = t + h
        lp = model.loss(X, Y)
        theta[i] = t - h
        lm = model.loss(X, Y)
        theta[i] = t
        g[i] = (lp - lm) / (2 * h)
    return g


def check_gradient(model, X, Y, analytic, rng, h=1e-6, tol=1e-6, n_dirs=3):
    """Compare ``analytic`` (dR/dtheta) with central differences of the risk.

    Returns (ok, errors): norm-based relative errors ‖a − n‖ / max(‖a‖, ‖n‖)
    over the full gradient and, for random unit directions v, |Dv R − a·v| / ‖a‖;
    plus the largest analytic gradient on a masked edge (must be exactly 0).
    """
    analytic = np.asarray(analytic, dtype=np.float64)
    free = free_entries(model)
    num = numeric_gradient(model, X, Y, free, h)
    scale = max(np.linalg.norm(analytic), np.linalg.norm(num), 1e-300)
    errs = {"full": float(np.linalg.norm(analytic - num) / scale)}
    base = model.theta.copy()
    for k in range(n_dirs):
        v = rng.normal(size=base.size) * free
        v /= np.linalg.norm(v)
        model.theta[:] = base + h * v
        lp = model.loss(X, Y)
        model.theta[:] = base - h * v
        lm = model.loss(X, Y)
        model.theta[:] = base
        errs[f"dir{k}"] = float(abs((lp - lm) / (2 * h) - analytic @ v) / scale)
    masked = float(np.abs(analytic[~free]).max()) if (~free).any() else 0.0
    ok = all(e < tol for e in errs.values()) and masked == 0.0
    errs["masked"] = masked
    return ok, errs


# --- random networks -----------------------------------------------------------------------


def _hp(rng, act):
    if act in ("leaky_relu", "elu"):
        return {"gamma": float(rng.uniform(0.05, 2.0 if act == "elu" else 0.4))}
    if act == "swish":
        return {"beta": float(rng.uniform(0.3, 2.5))}
    return {}


def random_dag(rng, hidden_act, out_act, loss):
    """A random DAG: 1-4 hidden nodes of 1-5 units in a random topological order,
    random skip connections (any forward pair), random removed edges."""
    n_in = int(rng.integers(1, 4))
    n_out = int(rng.integers(2, 4)) if out_act == "softmax" else int(rng.integers(1, 4))
    hidden = [f"h{k}" for k in range(int(rng.integers(1, 5)))]
    order = ["in"] + [str(h) for h in rng.permutation(hidden)] + ["out"]
    nodes = {"in": Node("in", "input", n_in, bias=False),
             "out": Node("out", "output", n_out, out_act, loss=loss, bias=bool(rng.random() < 0.8),
                         init=str(rng.choice(INITS)))}
    for h in hidden:
        u = int(rng.integers(1, 6))
        nodes[h] = Node(h, "layer", u, hidden_act, _hp(rng, hidden_act), bias=bool(rng.random() < 0.8),
                        init=str(rng.choice(INITS)), init_scale=float(rng.uniform(0.7, 1.5)))
    spec = NetworkSpec()
    for nid in rng.permutation(list(nodes)):  # insertion order != topological order
        spec.add_node(nodes[str(nid)])
    pairs = set()
    for k in range(1, len(order)):  # every node fed by an earlier one ...
        pairs.add((order[int(rng.integers(0, k))], order[k]))
    for k in range(1, len(order) - 1):  # ... and feeding a later one
        pairs.add((order[k], order[int(rng.integers(k + 1, len(order)))]))
    for a in range(len(order)):
        for b in range(a + 1, len(order)):
            if rng.random() < 0.35:
                pairs.add((order[a], order[b]))
    for src, dst in sorted(pairs):
        c = spec.connect(src, dst)
        for i in range(spec.nodes[src].units):
            for j in range(spec.nodes[dst].units):
                if rng.random() < 0.15:
                    spec.set_edge(c.id, i, j, False)
    assert spec.problems() == []
    params = init_parameters(spec, seed=int(rng.integers(0, 2**31)))
    for k in params:
        if k.startswith("b:"):
            params[k] = rng.normal(scale=0.5, size=params[k].shape)
        elif k.startswith("gamma:"):
            params[k] = rng.uniform(0.05, 0.6, size=params[k].shape)
    return spec, params


def random_targets(rng, loss, m, n_out):
    if loss == "ce":
        Y = np.eye(n_out)[rng.integers(0, n_out, m)]
        Y[0] = rng.dirichlet(np.ones(n_out))  # a soft target row too
        return Y
    if loss == "bce":
        Y = (rng.random((m, n_out)) < 0.5).astype(float)
        Y[0] = rng.random(n_out)
        return Y
    return rng.normal(size=(m, n_out))


def random_case(rng, hidden_act, out_act, loss, l2=0.0, dtype=np.float64):
    """A random net, batch and targets, with every kinked pre-activation at |z| > 1e-3."""
    for _ in range(100):
        spec, params = random_dag(rng, hidden_act, out_act, loss)
        model = compile_model(spec, params, dtype=dtype, l2=l2)
        m = int(rng.integers(1, 6))
        X = rng.normal(size=(m, model.n_inputs))
        Y = random_targets(rng, loss, m, model.n_outputs)
        if hidden_act not in KINKED:
            return spec, params, model, X, Y
        acts = model.activations(X)
        if all(np.abs(acts[n][0]).min() > 1e-3 for n in spec.nodes if n not in ("in", "out")):
            return spec, params, model, X, Y
    raise AssertionError("could not draw a network away from the kinks")


# --- gradient checks on many random DAGs -------------------------------------------------------


@pytest.mark.parametrize("out_act,loss", OUTPUTS, ids=[f"{a}-{loss}" for a, loss in OUTPUTS])
@pytest.mark.parametrize("hidden_act", HIDDEN)
def test_gradient_check_random_dags(hidden_act, out_act, loss):
    rng = np.random.default_rng([HIDDEN.index(hidden_act), OUTPUTS.index((out_act, loss))])
    for trial, l2 in enumerate([0.0, 0.1, 0.0, 0.1]):
        spec, params, model, X, Y = random_case(rng, hidden_act, out_act, loss, l2)
        risk = model.loss_and_grad(X, Y)
        assert risk == pytest.approx(model.loss(X, Y), rel=1e-14)
        ok, errs = check_gradient(model, X, Y, model.grad.copy(), rng)
        assert ok, (trial, errs, spec)
        if hidden_act == "prelu":
            gam = [k for k in model.slices if k.startswith("gamma:")]
            assert gam, "PReLU nodes must have learned gammas"
            assert all(np.all(model.params[k] != 0.25) for k in gam)  # the random values are in


def test_prelu_gamma_gradient_is_checked():
    """dL/dγ_i = Σ dL/da · z over samples where z ≤ 0; nonzero here, and agrees numerically."""
    s = sequential([2, 3, 1], activation="prelu", output="identity", loss="mse")
    p = init_parameters(s, seed=0)
    p["W:c1"] = np.array([[1.0, 0.5], [-1.0, 0.2], [0.3, -0.8]])
    p["gamma:h1"] = np.array([0.1, 0.2, 0.3])
    model = compile_model(s, p)
    X = np.array([[-1.0, 0.5], [2.0, 1.0], [-0.5, -2.0]])
    Y = np.array([[0.3], [-0.2], [1.0]])
    model.loss_and_grad(X, Y)
    z, _ = model.activations(X)["h1"]
    ga = (model.forward(X) - Y) / 3 @ p["W:c2"]  # dL/da of the hidden layer
    expect = (ga * np.where(z <= 0, z, 0.0)).sum(axis=0)
    assert np.all(np.abs(expect) > 1e-3)
    np.testing.assert_allclose(model.grads["gamma:h1"], expect, rtol=1e-13)
    ok, errs = check_gradient(model, X, Y, model.grad.copy(), np.random.default_rng(0))
    assert ok, errs


def test_gradient_checker_catches_wrong_gradients():
    rng = np.random.default_rng(42)
    spec, params, model, X, Y = random_case(rng, "tanh", "softmax", "ce", l2=0.1)
    model.loss_and_grad(X, Y)
    good = model.grad.copy()
    ok, errs = check_gradient(model, X, Y, good, rng)
    assert ok, errs
    free = np.flatnonzero(free_entries(model))
    # one entry off by 0.01 % of the gradient's norm
    bad = good.copy()
    bad[free[len(free) // 2]] += 1e-4 * np.linalg.norm(good)
    ok, errs = check_gradient(model, X, Y, bad, rng)
    assert not ok and errs["full"] > 1e-6
    # a sign error on one bias
    bad = good.copy()
    b_sl = model.slices["b:out"][0] if "b:out" in model.slices else model.slices["W:" + next(iter(spec.connections))][0]
    bad[b_sl.start] = -bad[b_sl.start] + 1e-3
    assert not check_gradient(model, X, Y, bad, rng)[0]
    # forgetting the L2 term
    model.l2 = 0.0
    model.loss_and_grad(X, Y)
    no_l2 = model.grad.copy()
    model.l2 = 0.1
    assert not check_gradient(model, X, Y, no_l2, rng)[0]
    # a nonzero gradient on a masked edge
    masked = np.flatnonzero(~free_entries(model))
    if masked.size:
        bad = good.copy()
        bad[masked[0]] = 1e-3
        ok, errs = check_gradient(model, X, Y, bad, rng)
        assert not ok and errs["masked"] == 1e-3


# --- L2 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_l2_covers_weights_only(seed):
    rng = np.random.default_rng(100 + seed)
    spec, params, model, X, Y = random_case(rng, "prelu", *OUTPUTS[seed])
    assert model.l2 == 0.0
    r0 = model.loss_and_grad(X, Y)
    g0 = {k: v.copy() for k, v in model.grads.items()}
    model.l2 = 0.1
    r1 = model.loss_and_grad(X, Y)
    W2 = sum(float((v**2).sum()) for k, v in model.params.items() if k.startswith("W:"))
    assert r1 - r0 == pytest.approx(0.05 * W2, rel=1e-12)
    assert model.loss(X, Y) == pytest.approx(r1, rel=1e-14)
    for k, g in model.grads.items():
        if k.startswith("W:"):
            np.testing.assert_allclose(g - g0[k], 0.1 * model.params[k], rtol=1e-12, atol=1e-15)
        else:  # biases and PReLU's gamma are not penalised: bit-identical
            np.testing.assert_array_equal(g, g0[k], err_msg=k)
    assert any(k.startswith("b:") for k in model.grads)


# --- the lecture's worked examples ---------------------------------------------------------------


def single_neuron(activation, w, b):
    s = NetworkSpec()
    s.add_node(Node("x", "input", 1, bias=False))
    s.add_node(Node("y", "output", 1, activation, loss="mse"))
    s.connect("x", "y", "c")
    return compile_model(s, {"W:c": np.array([[w]]), "b:y": np.array([b])})


def test_worked_example_linear_neuron():
    model = single_neuron("identity", 0.8, 0.2)
    x, y_gt = np.array([[1.5]]), np.array([[0.8]])
    assert model.forward(x)[0, 0] == pytest.approx(1.4, abs=1e-15)
    L = model.loss_and_grad(x, y_gt)
    assert L == pytest.approx(0.18, abs=1e-15)
    assert model.grads["W:c"][0, 0] == pytest.approx(0.9, abs=1e-15)  # dL/dw = 0.6 * 1.5
    assert model.grads["b:y"][0] == pytest.approx(0.6, abs=1e-15)  # dL/db = dL/dy = 0.6


def test_worked_example_sigmoid_graph():
    """f(x; w, b) = 1 / (exp(-(wx + b)) + 1) at x = 1, w = 0, b = 0: df/dw = 0.25."""
    x, w, b = 1.0, 0.0, 0.0
    # the lecture's graph, step by step, and the product of its local derivatives
    h1 = x * w
    h2 = h1 + b
    h3 = -h2
    h4 = math.exp(h3)
    h5 = h4 + 1
    h6 = 1 / h5
    chain = (-1 / h5**2) * 1 * math.exp(h3) * -1 * 1 * x
    assert chain == 0.25 and h6 == 0.5

    model = single_neuron("logistic", w, b)
    y_gt = 0.3
    model.loss_and_grad(np.array([[x]]), np.array([[y_gt]]))
    y = model.forward(np.array([[x]]))[0, 0]
    assert y == 0.5
    # mse: dL/dw = (y - y_gt) df/dw, so df/dw = grad_w / (y - y_gt)
    assert model.grads["W:c"][0, 0] / (y - y_gt) == pytest.approx(0.25, abs=1e-15)
    assert model.grads["b:y"][0] / (y - y_gt) == pytest.approx(0.25, abs=1e-15)
    assert model.grads["W:c"][0, 0] / (y - y_gt) == pytest.approx(chain, abs=1e-15)


def _sig(v):
    return 1.0 / (1.0 + math.exp(-v))


# Lecture's 3-3-3 net. w[(i, j)]: weight from unit i to unit j; inputs 1-3, hidden 4-6, outputs 7-9.
W_IN = {(1, 4): 0.15, (2, 4): -0.2, (3, 4): 0.35, (1, 5): 0.4, (2, 5): 0.55, (3, 5): -0.6,
        (1, 6): -0.7, (2, 6): 0.25, (3, 6): 0.9}
W_OUT = {(4, 7): 0.3, (5, 7): -0.45, (6, 7): 0.8, (4, 8): -0.5, (5, 8): 0.65, (6, 8): 0.1,
         (4, 9): 0.75, (5, 9): -0.3, (6, 9): -0.85}
X_333 = {1: 1.0, 2: 0.5, 3: -1.5}
Y_333 = {7: 0.0, 8: 1.0, 9: 0.5}


def lecture_333_model():
    s = NetworkSpec()
    s.add_node(Node("in", "input", 3, bias=False))
    s.add_node(Node("hid", "layer", 3, "logistic", bias=False))
    s.add_node(Node("out", "output", 3, "logistic", bias=False, loss="mse"))
    s.connect("in", "hid", "c1")
    s.connect("hid", "out", "c2")
    # W[j, i] = weight from unit i of the source to unit j of the destination
    W1 = np.array([[W_IN[(i, j)] for i in (1, 2, 3)] for j in (4, 5, 6)])
    W2 = np.array([[W_OUT[(i, j)] for i in (4, 5, 6)] for j in (7, 8, 9)])
    return compile_model(s, {"W:c1": W1, "W:c2": W2})


def lecture_333_by_hand():
    a = dict(X_333)
    for j in (4, 5, 6):  # delta_j = sum_i w_ij a_i, a_j = sigmoid(delta_j)
        a[j] = _sig(sum(W_IN[(i, j)] * a[i] for i in (1, 2, 3)))
    for k in (7, 8, 9):
        a[k] = _sig(sum(W_OUT[(j, k)] * a[j] for j in (4, 5, 6)))
    return a


def test_worked_example_333_output_weight():
    a = lecture_333_by_hand()
    model = lecture_333_model()
    x = np.array([[X_333[1], X_333[2], X_333[3]]])
    y = np.array([[Y_333[7], Y_333[8], Y_333[9]]])
    L = model.loss_and_grad(x, y)
    assert L == pytest.approx(sum(0.5 * (a[k] - Y_333[k]) ** 2 for k in (7, 8, 9)), rel=1e-14)
    np.testing.assert_allclose(model.forward(x)[0], [a[7], a[8], a[9]], rtol=1e-14)
    # dL_s7/dw_47 = (ŷ7 − y7) ŷ7 (1 − ŷ7) a4; w_47 reaches output 7 only
    d_w47 = (a[7] - Y_333[7]) * a[7] * (1 - a[7]) * a[4]
    assert model.grads["W:c2"][0, 0] == pytest.approx(d_w47, rel=1e-13)
    # and every other output weight the same way
    for (j, k) in W_OUT:
        hand = (a[k] - Y_333[k]) * a[k] * (1 - a[k]) * a[j]
        assert model.grads["W:c2"][k - 7, j - 4] == pytest.approx(hand, rel=1e-13), (j, k)


def test_worked_example_333_hidden_weight_sums_over_outputs():
    a = lecture_333_by_hand()
    model = lecture_333_model()
    x = np.array([[X_333[1], X_333[2], X_333[3]]])
    y = np.array([[Y_333[7], Y_333[8], Y_333[9]]])
    model.loss_and_grad(x, y)
    # w_14 reaches every output through unit 4: the paths' contributions add up
    parts = [(a[k] - Y_333[k]) * a[k] * (1 - a[k]) * W_OUT[(4, k)] * a[4] * (1 - a[4]) * a[1]
             for k in (7, 8, 9)]
    d_w14 = parts[0] + parts[1] + parts[2]
    assert all(abs(p) > 1e-4 for p in parts)  # each path matters
    assert model.grads["W:c1"][0, 0] == pytest.approx(d_w14, rel=1e-13)
    assert model.grads["W:c1"][0, 0] != pytest.approx(parts[0], rel=1e-3)  # not output 7 alone
    for (i, j) in W_IN:
        hand = sum((a[k] - Y_333[k]) * a[k] * (1 - a[k]) * W_OUT[(j, k)] for k in (7, 8, 9)) \
            * a[j] * (1 - a[j]) * a[i]
        assert model.grads["W:c1"][j - 4, i - 1] == pytest.approx(hand, rel=1e-13), (i, j)
    # the update w'_14 = w_14 − η ΣdL/dw_14
    eta = 0.5
    model.theta -= eta * model.grad
    assert model.params["W:c1"][0, 0] == pytest.approx(W_IN[(1, 4)] - eta * d_w14, rel=1e-14)


def test_risk_is_the_batch_mean():
    model = lecture_333_model()
    rng = np.random.default_rng(5)
    X = rng.normal(size=(7, 3))
    Y = rng.random((7, 3))
    R = model.loss_and_grad(X, Y)
    G = model.grad.copy()
    per_loss, per_grad = [], []
    for n in range(7):
        per_loss.append(model.loss_and_grad(X[n], Y[n:n + 1]))
        per_grad.append(model.grad.copy())
    assert R == pytest.approx(np.mean(per_loss), rel=1e-14)
    np.testing.assert_allclose(G, np.mean(per_grad, axis=0), rtol=1e-12, atol=1e-16)
    # the chunked loss over a whole set is the same mean
    assert model.loss(X, Y, batch=3) == pytest.approx(R, rel=1e-14)
    np.testing.assert_allclose(model.predict(X, batch=2), model.forward(X), rtol=1e-15)


# --- the tape's bookkeeping ----------------------------------------------------------------------


def skip_model(l2=0.0, dtype=np.float64, loss=("softmax", "ce")):
    """in(3) → h1(4, prelu) → h2(3, gelu) → h3(2, elu) → out, with skips and a removed edge."""
    s = NetworkSpec()
    s.add_node(Node("in", "input", 3, bias=False))
    s.add_node(Node("h1", "layer", 4, "prelu"))
    s.add_node(Node("h2", "layer", 3, "gelu", bias=False))
    s.add_node(Node("h3", "layer", 2, "elu", {"gamma": 0.7}))
    s.add_node(Node("out", "output", 3, loss[0], loss=loss[1]))
    for src, dst, cid in [("in", "h1", "a"), ("h1", "h2", "b"), ("h2", "h3", "c"), ("h3", "out", "d"),
                          ("in", "h2", "s1"), ("h1", "out", "s2"), ("in", "out", "s3"), ("h1", "h3", "s4")]:
        s.connect(src, dst, cid)
    s.set_edge("b", 1, 2, False)  # h1 unit 1 → h2 unit 2 removed
    s.set_edge("s3", 0, 0, False)
    p = init_parameters(s, seed=3)
    rng = np.random.default_rng(3)
    for k in p:
        if k.startswith("b:"):
            p[k] = rng.normal(scale=0.3, size=p[k].shape)
    p["gamma:h1"] = np.array([0.1, 0.2, 0.3, 0.4])
    X = rng.normal(size=(6, 3))
    Y = np.eye(3)[[0, 1, 2, 1, 0, 2]] if loss[1] == "ce" else (
        rng.integers(0, 2, (6, 3)).astype(float) if loss[1] == "bce" else rng.normal(size=(6, 3)))
    return s, p, compile_model(s, p, dtype=dtype, l2=l2), X, Y


def test_backward_is_idempotent():
    s, p, model, X, Y = skip_model(l2=0.1)
    r1 = model.loss_and_grad(X, Y)
    g1 = model.grad.copy()
    r2 = model.loss_and_grad(X, Y)
    assert r1 == r2
    np.testing.assert_array_equal(model.grad, g1)
    # another batch size in between (another recorded tape), then back
    model.loss_and_grad(X[:2], Y[:2])
    assert not np.array_equal(model.grad, g1)
    for m in range(1, 9):  # more sizes than the plan cache holds
        model.loss_and_grad(np.tile(X, (2, 1))[:m], np.tile(Y, (2, 1))[:m])
    assert model.loss_and_grad(X, Y) == r1
    np.testing.assert_array_equal(model.grad, g1)
    ok, errs = check_gradient(model, X, Y, g1, np.random.default_rng(1))
    assert ok, errs


def test_masked_edges_have_zero_gradient_and_stay_zero():
    s, p, model, X, Y = skip_model(l2=0.1)
    assert p["W:b"][2, 1] == 0 and p["W:s3"][0, 0] == 0
    for _ in range(20):  # plain gradient descent with L2
        model.loss_and_grad(X, Y)
        assert model.grads["W:b"][2, 1] == 0.0 and model.grads["W:s3"][0, 0] == 0.0
        assert np.count_nonzero(model.grads["W:b"]) == 11
        model.theta -= 0.5 * model.grad
    assert model.params["W:b"][2, 1] == 0.0 and model.params["W:s3"][0, 0] == 0.0
    # loading values puts masked edges back to 0
    q = {k: v + 1.0 for k, v in model.export_parameters().items()}
    model.load_parameters(q)
    assert model.params["W:b"][2, 1] == 0.0 and model.params["W:b"][0, 0] == q["W:b"][0, 0]
    # exported parameters are copies
    e = model.export_parameters()
    e["W:a"][0, 0] = 99.0
    assert model.params["W:a"][0, 0] != 99.0


def test_forward_without_targets_applies_fused_output_activation():
    for loss in [("softmax", "ce"), ("logistic", "bce")]:
        s, p, model, X, Y = skip_model(loss=loss)
        model.loss_and_grad(X, Y)
        z, a = model.activations(X)["out"]
        ref = ACTIVATIONS[loss[0]].f(z)
        np.testing.assert_allclose(a, ref, rtol=1e-14)
        np.testing.assert_allclose(model.forward(X), ref, rtol=1e-14)
        fresh = compile_model(s, p)  # forward first, with no loss ever run
        np.testing.assert_allclose(fresh.forward(X), ref, rtol=1e-14)


@pytest.mark.parametrize("out_act,loss", OUTPUTS)
def test_float32_agrees_with_float64(out_act, loss):
    rng = np.random.default_rng(OUTPUTS.index((out_act, loss)))
    for _ in range(3):
        spec, params, m64, X, Y = random_case(rng, str(rng.choice(HIDDEN)), out_act, loss, l2=0.1)
        m32 = compile_model(spec, params, dtype=np.float32, l2=0.1)
        assert m32.theta.dtype == np.float32 and m32.grad.dtype == np.float32
        r64, r32 = m64.loss_and_grad(X, Y), m32.loss_and_grad(X, Y)
        assert r32 == pytest.approx(r64, rel=1e-5, abs=1e-6)
        err = np.linalg.norm(m32.grad.astype(np.float64) - m64.grad) / np.linalg.norm(m64.grad)
        assert err < 1e-4
        out32 = m32.forward(X)
        assert out32.dtype == np.float32
        np.testing.assert_allclose(out32, m64.forward(X), rtol=1e-4, atol=1e-5)


def test_input_shape_errors_name_the_feature_count():
    s, p, model, X, Y = skip_model()
    with pytest.raises(ValueError, match="takes 3 features"):
        model.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="takes 3 features"):
        model.loss_and_grad(np.zeros((4, 5)), Y[:4])
    with pytest.raises(ValueError, match="takes 3 features"):
        model.forward(np.zeros(4))
    with pytest.raises(ValueError, match="takes 3 features"):
        model.forward(np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match=r"expected \(6, 3\)"):
        model.loss_and_grad(X, Y[:, :2])
    # a single sample as a 1-D vector is fine
    np.testing.assert_allclose(model.forward(X[0]), model.forward(X)[:1], rtol=1e-14)


def test_bad_parameters_are_refused():
    s, p, model, X, Y = skip_model()
    q = dict(p)
    q["W:a"] = np.zeros((3, 4))
    with pytest.raises(ValueError, match="W:a"):
        compile_model(s, q)
    q = dict(p)
    del q["gamma:h1"]
    with pytest.raises(ValueError, match="gamma:h1"):
        compile_model(s, q)
    with pytest.raises(ValueError, match="dtype"):
        compile_model(s, p, dtype=np.int32)


# --- against torch -------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [("softmax", "ce"), ("logistic", "bce"), ("identity", "mse"),
                                  ("tanh", "mse"), ("softmax", "mse")])
@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_matches_torch_on_skip_connection_net(loss, l2):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    s, p, model, X, Y = skip_model(l2=l2, loss=loss)
    R = model.loss_and_grad(X, Y)

    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in p.items()}
    x, y = torch.tensor(X), torch.tensor(Y)

    def lin(a, key):
        return a @ t[key].T

    h1 = F.prelu(lin(x, "W:a") + t["b:h1"], t["gamma:h1"])
    h2 = F.gelu(lin(h1, "W:b") + lin(x, "W:s1"))
    h3 = F.elu(lin(h2, "W:c") + lin(h1, "W:s4") + t["b:h3"], alpha=0.7)
    z = lin(h3, "W:d") + lin(h1, "W:s2") + lin(x, "W:s3") + t["b:out"]
    m = X.shape[0]
    if loss[1] == "ce":
        L = F.cross_entropy(z, y, reduction="sum") / m
    elif loss[1] == "bce":
        L = F.binary_cross_entropy_with_logits(z, y, reduction="sum") / m
    else:
        yhat = {"identity": z, "tanh": torch.tanh(z), "softmax": torch.softmax(z, dim=1)}[loss[0]]
        L = 0.5 * ((yhat - y) ** 2).sum() / m
    L = L + 0.5 * l2 * sum((t[k] ** 2).sum() for k in t if k.startswith("W:"))
    L.backward()

    assert R == pytest.approx(L.item(), rel=1e-12, abs=1e-12)
    for k, v in t.items():
        g = v.grad.numpy()
        if k in ("W:b", "W:s3"):  # removed edges: torch sees a weight of 0 it may move; we mask it
            g = g * model.masks[k[2:]]
        np.testing.assert_allclose(model.grads[k], g, rtol=1e-10, atol=1e-12, err_msg=k)
