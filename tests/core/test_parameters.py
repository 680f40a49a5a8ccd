"""Parameters keyed by the spec's ids: shapes, initialisers, keeping weights across edits."""
from __future__ import annotations

import math

import numpy as np
import pytest

from core.parameters import (
    count_parameters,
    edge_mask,
    fan_in,
    fan_out,
    fresh_parameter,
    init_array,
    init_parameters,
    parameter_shapes,
)
from core.spec import NetworkSpec, Node, sequential


def skip_net(hidden_act="tanh") -> NetworkSpec:
    """in(2) → h(3) → out(1), plus the skip in → out; p is a PReLU neuron on the side."""
    s = NetworkSpec()
    s.add_node(Node("in", "input", 2, bias=False))
    s.add_node(Node("h", "layer", 3, hidden_act))
    s.add_node(Node("p", "neuron", 1, "prelu", bias=False))
    s.add_node(Node("out", "output", 1, "identity", loss="mse"))
    s.connect("in", "h", "c1")
    s.connect("h", "out", "c2")
    s.connect("in", "out", "skip")
    s.connect("in", "p", "cp")
    s.connect("p", "out", "po")
    return s


def trained_like(params, seed=99):
    """Every array replaced by arbitrary non-zero values, as after training."""
    rng = np.random.default_rng(seed)
    return {k: rng.normal(size=v.shape) + 3.0 for k, v in params.items()}


# --- shapes and counting ---------------------------------------------------------------


def test_shapes_W_is_dst_by_src():
    s = skip_net()
    assert parameter_shapes(s) == {
        "W:c1": (3, 2), "W:c2": (1, 3), "W:skip": (1, 2), "W:cp": (1, 2), "W:po": (1, 1),
        "b:h": (3,), "b:out": (1,),
        "gamma:p": (1,),
    }
    # weights come first: the L2 term covers theta[:n_weights]
    keys = list(parameter_shapes(s))
    assert all(k.startswith("W:") for k in keys[:5])
    p = init_parameters(s, seed=1)
    assert {k: v.shape for k, v in p.items()} == parameter_shapes(s)
    assert all(v.dtype == np.float64 for v in p.values())
    p32 = init_parameters(s, seed=1, dtype=np.float32)
    assert all(v.dtype == np.float32 for v in p32.values())
    np.testing.assert_allclose(p32["W:c1"], p["W:c1"], rtol=1e-7)


def test_biases_start_at_zero_and_prelu_gamma_at_its_value():
    s = skip_net()
    s.nodes["p"].activation_params = {"gamma": 0.4}
    p = init_parameters(s, seed=3)
    assert np.all(p["b:h"] == 0) and np.all(p["b:out"] == 0)
    assert p["gamma:p"].tolist() == [0.4]
    s.nodes["p"].activation_params = {}
    assert init_parameters(s, seed=3)["gamma:p"].tolist() == [0.25]


def test_count_parameters_excludes_removed_edges():
    s = sequential([2, 3, 1])
    assert count_parameters(s) == 2 * 3 + 3 + 3 * 1 + 1 == 13
    s.set_edge("c1", 0, 1, False)
    s.set_edge("c1", 1, 2, False)
    assert count_parameters(s) == 11
    s.connections["c1"].removed.append((1, 2))  # a duplicate counts once
    assert count_parameters(s) == 11
    s.nodes["h1"].bias = False
    assert count_parameters(s) == 8
    assert count_parameters(skip_net()) == 6 + 3 + 2 + 2 + 1 + 3 + 1 + 1


# --- initialisers ------------------------------------------------------------------------


def big_net(init: str, scale: float = 1.0, n_in=300, n_h=500, n_out=4) -> NetworkSpec:
    s = sequential([n_in, n_h, n_out], activation="relu", output="identity", loss="mse")
    s.nodes["h1"].init = init
    s.nodes["h1"].init_scale = scale
    return s


def test_fan_in_and_fan_out():
    s = skip_net()
    assert fan_in(s, "out") == 3 + 2 + 1  # h, in and p feed it
    assert fan_in(s, "h") == 2
    assert fan_out(s, "in") == 3 + 1 + 1  # it feeds h, out and p
    assert fan_out(s, "h") == 1
    assert fan_out(s, "out") == 1 and fan_in(s, "in") == 1  # never 0


def test_xavier_uniform_bound():
    s = big_net("xavier_uniform")
    W = init_parameters(s, seed=0)["W:c1"]
    assert W.shape == (500, 300)
    a = math.sqrt(6.0 / (300 + 500))  # fan_in = 300 inputs, fan_out = 500 units
    assert np.abs(W).max() <= a
    assert np.abs(W).max() > 0.999 * a
    assert W.var() == pytest.approx(a * a / 3, rel=0.02)
    assert abs(W.mean()) < 0.01 * a


def test_xavier_uses_fan_out_of_source_in_a_dag():
    """z_dst sums over every incoming connection, a^src feeds every outgoing one."""
    big = NetworkSpec()
    big.add_node(Node("in", "input", 400, bias=False))
    big.add_node(Node("h", "layer", 100, "tanh"))
    big.add_node(Node("out", "output", 200, "identity", loss="mse"))
    big.connect("in", "h", "c1")
    big.connect("h", "out", "c2")
    big.connect("in", "out", "skip")
    p = init_parameters(big, seed=2)
    a_c1 = math.sqrt(6.0 / (400 + (100 + 200)))  # into h: fan_in 400, 'in' feeds 300 units
    a_c2 = math.sqrt(6.0 / ((100 + 400) + 200))  # into out: fan_in 500, 'h' feeds 200 units
    a_skip = math.sqrt(6.0 / ((100 + 400) + (100 + 200)))
    for key, a in [("W:c1", a_c1), ("W:c2", a_c2), ("W:skip", a_skip)]:
        W = p[key]
        assert np.abs(W).max() <= a, key
        assert np.abs(W).max() > 0.99 * a, key


@pytest.mark.parametrize("init,std", [
    ("he_normal", math.sqrt(2.0 / 300)),
    ("xavier_normal", math.sqrt(2.0 / (300 + 500))),
    ("lecun_normal", math.sqrt(1.0 / 300)),
    ("he_uniform", math.sqrt(6.0 / 300) / math.sqrt(3)),
    ("lecun_uniform", math.sqrt(3.0 / 300) / math.sqrt(3)),
    ("uniform", 1.0 / math.sqrt(3)),
])
def test_initialiser_spread(init, std):
    W = init_parameters(big_net(init), seed=4)["W:c1"]
    assert W.std() == pytest.approx(std, rel=0.02)
    assert abs(W.mean()) < 0.02 * std
    if init.endswith("uniform"):
        assert np.abs(W).max() <= std * math.sqrt(3)
        assert np.abs(W).max() > 0.999 * std * math.sqrt(3)
    # the scale multiplies the spread (for 'uniform' it is the bound)
    W2 = init_parameters(big_net(init, scale=0.5), seed=4)["W:c1"]
    np.testing.assert_allclose(W2, 0.5 * W, rtol=1e-15)


def test_he_normal_std_on_a_big_layer():
    W = init_parameters(big_net("he_normal", n_in=400, n_h=600), seed=11)["W:c1"]
    assert W.shape == (600, 400)
    assert W.std() == pytest.approx(math.sqrt(2.0 / 400), rel=0.02)


def test_zeros_initialiser():
    assert np.all(init_parameters(big_net("zeros"), seed=1)["W:c1"] == 0)
    with pytest.raises(ValueError, match="unknown initialiser"):
        init_array("bogus", (2, 2), 2, 2, np.random.default_rng(0))


# --- seeds -------------------------------------------------------------------------------


def test_same_seed_same_parameters_different_seed_differs():
    s = skip_net()
    a, b = init_parameters(s, seed=5), init_parameters(s, seed=5)
    c = init_parameters(s, seed=6)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    for k in ("W:c1", "W:c2", "W:skip", "W:cp"):
        assert not np.any(a[k] == c[k]), k
    # independent of anything else in the process
    np.random.seed(123)
    np.random.rand(10)
    d = init_parameters(s, seed=5)
    for k in a:
        np.testing.assert_array_equal(a[k], d[k])


def test_fresh_values_depend_on_seed_and_name_only():
    """A connection's draws do not depend on which other parameters exist."""
    s = sequential([3, 4, 2], output="identity", loss="mse", init="he_normal")
    before = init_parameters(s, seed=8)
    s.add_node(Node("extra", "layer", 5, "tanh", init="he_normal"))
    s.connect("h1", "extra", "cx")
    s.connect("extra", "out", "cy")  # changes out's fan_in, not h1's
    after = init_parameters(s, seed=8)
    np.testing.assert_array_equal(after["W:c1"], before["W:c1"])
    assert set(after) - set(before) == {"W:cx", "W:cy", "b:extra"}


# --- keeping weights across edits ----------------------------------------------------------


def grown(s: NetworkSpec, node: str, units: int) -> NetworkSpec:
    g = s.copy()
    g.nodes[node].units = units
    return g


@pytest.mark.parametrize("init", ["xavier_uniform", "he_normal", "uniform"])
def test_growing_a_layer_keeps_old_weights_bit_identical(init):
    s = sequential([2, 3, 2], output="identity", loss="mse", init=init)
    old = trained_like(init_parameters(s, seed=7))
    g = grown(s, "h1", 4)
    new = init_parameters(g, seed=7, keep=old)
    fresh_big = init_parameters(g, seed=7)
    assert new["W:c1"].shape == (4, 2) and new["W:c2"].shape == (2, 4)
    # every old weight and bias bit-identical
    np.testing.assert_array_equal(new["W:c1"][:3], old["W:c1"])
    np.testing.assert_array_equal(new["W:c2"][:, :3], old["W:c2"])
    np.testing.assert_array_equal(new["b:h1"][:3], old["b:h1"])
    np.testing.assert_array_equal(new["b:out"], old["b:out"])
    # the new unit: its incoming row and outgoing column are what a fresh init of the bigger net draws
    np.testing.assert_array_equal(new["W:c1"][3], fresh_big["W:c1"][3])
    np.testing.assert_array_equal(new["W:c2"][:, 3], fresh_big["W:c2"][:, 3])
    assert new["b:h1"][3] == 0.0
    assert np.all(new["W:c1"][3] != 0) and np.all(new["W:c2"][:, 3] != 0)
    # the inputs must not alias: editing the new set leaves the kept one alone
    new["W:c1"][0, 0] = 1234.0
    assert old["W:c1"][0, 0] != 1234.0


def test_growing_the_input_adds_a_column_only():
    s = sequential([2, 3, 1], output="identity", loss="mse")
    old = trained_like(init_parameters(s, seed=1))
    g = grown(s, "in", 3)
    new = init_parameters(g, seed=1, keep=old)
    np.testing.assert_array_equal(new["W:c1"][:, :2], old["W:c1"])
    np.testing.assert_array_equal(new["W:c1"][:, 2], init_parameters(g, seed=1)["W:c1"][:, 2])
    for k in ("W:c2", "b:h1", "b:out"):
        np.testing.assert_array_equal(new[k], old[k])


def test_shrinking_keeps_the_overlap():
    s = sequential([3, 4, 2], output="identity", loss="mse")
    old = trained_like(init_parameters(s, seed=2))
    g = grown(s, "h1", 2)
    new = init_parameters(g, seed=2, keep=old)
    np.testing.assert_array_equal(new["W:c1"], old["W:c1"][:2])
    np.testing.assert_array_equal(new["W:c2"], old["W:c2"][:, :2])
    np.testing.assert_array_equal(new["b:h1"], old["b:h1"][:2])
    np.testing.assert_array_equal(new["b:out"], old["b:out"])


def test_only_reinitialises_just_that_node():
    s = skip_net()
    fresh = init_parameters(s, seed=4)
    old = trained_like(fresh)
    new = init_parameters(s, seed=4, keep=old, only={"h"})
    # h's incoming weights and bias are fresh ...
    np.testing.assert_array_equal(new["W:c1"], fresh["W:c1"])
    np.testing.assert_array_equal(new["b:h"], fresh["b:h"])
    # ... and everything else is kept, including h's outgoing weights (they belong to 'out')
    for k in ("W:c2", "W:skip", "W:cp", "W:po", "b:out", "gamma:p"):
        np.testing.assert_array_equal(new[k], old[k])
    new = init_parameters(s, seed=4, keep=old, only={"p"})
    np.testing.assert_array_equal(new["gamma:p"], [0.25])
    np.testing.assert_array_equal(new["W:cp"], fresh["W:cp"])
    np.testing.assert_array_equal(new["W:c1"], old["W:c1"])


def test_keep_with_a_different_seed_keeps_values():
    s = skip_net()
    old = trained_like(init_parameters(s, seed=0))
    new = init_parameters(s, seed=12345, keep=old)
    for k in old:
        np.testing.assert_array_equal(new[k], old[k])


# --- masked edges ----------------------------------------------------------------------------


def test_masked_edges_are_zero():
    s = sequential([3, 4, 2], output="identity", loss="mse", init="uniform")
    s.set_edge("c1", 2, 1, False)  # from input unit 2 to hidden unit 1: W[1, 2]
    s.set_edge("c2", 0, 1, False)
    m = edge_mask(s, "c1")
    assert m.shape == (4, 3) and m[1, 2] == 0 and m.sum() == 11
    assert edge_mask(s, "c2")[1, 0] == 0
    p = init_parameters(s, seed=3)
    assert p["W:c1"][1, 2] == 0.0 and p["W:c2"][1, 0] == 0.0
    assert np.count_nonzero(p["W:c1"]) == 11 and np.count_nonzero(p["W:c2"]) == 7
    assert fresh_parameter(s, "W:c1", (4, 3), 3)[1, 2] == 0.0
    # a kept (trained) value on an edge removed since then is zeroed too
    old = trained_like(p)
    s.set_edge("c1", 0, 0, False)
    new = init_parameters(s, seed=3, keep=old)
    assert new["W:c1"][0, 0] == 0.0 and new["W:c1"][1, 2] == 0.0
    assert new["W:c1"][3, 0] == old["W:c1"][3, 0]
    # restoring the edge does not resurrect a value: it is whatever is kept (0 here)
    s.set_edge("c1", 0, 0, True)
    assert init_parameters(s, seed=3, keep=new)["W:c1"][0, 0] == 0.0
    assert edge_mask(sequential([2, 2]), "c1") is None
