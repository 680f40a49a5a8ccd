"""core.probes: what the live panels show, computed without Qt."""
import numpy as np
import pytest

from core.data.preprocess import Standardizer, derive_features
from core.model import compile_model
from core.parameters import init_parameters
from core.probes import (class_probabilities, line_outputs, network_inputs, output_gradient,
                         plane_activations, plane_bounds, plane_grid, plane_outputs, unit_health)
from core.spec import sequential


def _model(sizes, act="tanh", out="logistic", loss="bce", seed=0):
    spec = sequential(sizes, act, out, loss)
    return compile_model(spec, init_parameters(spec, seed))


def test_grid_covers_bounds_row_major():
    g = plane_grid((-1.0, 1.0, -2.0, 2.0), nx=4, ny=2)
    assert g.points.shape == (8, 2)
    assert np.allclose(g.xs, [-0.75, -0.25, 0.25, 0.75])
    assert np.allclose(g.ys, [-1.0, 1.0])
    # row-major, y outer: the first row has y = ys[0] and x running
    assert np.allclose(g.points[:4, 1], -1.0) and np.allclose(g.points[:4, 0], g.xs)
    assert g.extent == (-1.0, 1.0, -2.0, 2.0)


def test_bounds_are_square_and_padded():
    x0, x1, y0, y1 = plane_bounds(np.array([[0.0, 0.0], [4.0, 2.0]]), pad=0.25)
    assert x1 - x0 == pytest.approx(y1 - y0) == pytest.approx(6.0)
    assert (x0 + x1) / 2 == pytest.approx(2.0) and (y0 + y1) / 2 == pytest.approx(1.0)


def test_plane_outputs_equal_predict_on_the_same_inputs_with_features_and_scaler():
    feats = ["x1", "x2", "x1*x2"]
    model = _model([3, 4, 1])
    g = plane_grid((-3, 3, -3, 3), nx=5)
    scaler = Standardizer().fit(derive_features(g.points * 2, feats))
    out = plane_outputs(model, g, feats, scaler)
    assert out.shape == (5, 5, 1)
    ref = model.predict(scaler.transform(derive_features(g.points, feats)))
    assert np.allclose(out.reshape(-1, 1), ref)
    acts = plane_activations(model, g, feats, scaler)
    assert set(acts) == {"h1", "out"}
    assert acts["h1"].shape == (5, 5, 4)
    assert np.allclose(acts["out"].reshape(-1, 1), ref)


def test_line_outputs_for_one_input():
    model = _model([1, 3, 1], out="identity", loss="mse")
    xs = np.linspace(-1, 1, 7)
    assert np.allclose(line_outputs(model, xs), model.predict(xs[:, None]))


def test_class_probabilities():
    p = class_probabilities(np.array([[0.2], [0.9]]))
    assert np.allclose(p, [[0.8, 0.2], [0.1, 0.9]])
    soft = np.array([[0.1, 0.7, 0.2]])
    assert class_probabilities(soft) is not None and np.allclose(class_probabilities(soft), soft)


def test_unit_health_counts_saturated_and_dead():
    spec = sequential([2, 3, 3, 1], "tanh", "logistic", "bce")
    spec.nodes["h2"].activation = "relu"
    m = 10
    a1 = np.tile([0.999, 0.1, -0.99], (m, 1))          # units 0 and 2 saturated
    z2 = np.tile([-1.0, 0.5, -0.1], (m, 1))
    z2[0, 2] = 0.3  # unit 0 dead; unit 2 alive on one sample
    acts = {"in": (np.zeros((m, 2)), np.zeros((m, 2))), "h1": (np.arctanh(a1), a1),
            "h2": (z2, np.maximum(z2, 0)), "out": (np.full((m, 1), 9.0), np.full((m, 1), 0.9999))}
    h = unit_health(spec, acts)
    assert h["h1"].kind == "saturated" and h["h1"].count == 2 and list(h["h1"].flags) == [True, False, True]
    assert h["h2"].kind == "dead" and h["h2"].count == 1
    assert h["out"].kind == "" and h["out"].count == 0   # a fused loss output is not "saturated"
    assert "in" not in h


def test_output_gradient_is_p_minus_y_for_cross_entropy_and_matches_the_tape():
    spec = sequential([2, 4, 3], "tanh", "softmax", "ce")
    model = compile_model(spec, init_parameters(spec, 1))
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2))
    Y = np.eye(3)[[0, 1, 2, 1, 0]]
    z, a = model.activations(X)["out"]
    g = output_gradient(model, z, a, Y)
    assert np.allclose(g, a - Y)
    plan = model.run_forward(X, Y)
    for b in plan.backward_calls:
        b()
    assert np.allclose(plan.values["z:out"].grad * len(X), g)


def test_output_gradient_for_squared_error_includes_the_derivative():
    spec = sequential([2, 3, 1], "tanh", "tanh", "mse")
    model = compile_model(spec, init_parameters(spec, 2))
    X = np.array([[0.5, -1.0], [1.0, 2.0]])
    Y = np.array([[0.3], [-0.2]])
    z, a = model.activations(X)["out"]
    g = output_gradient(model, z, a, Y)
    plan = model.run_forward(X, Y)
    for b in plan.backward_calls:
        b()
    assert np.allclose(plan.values["z:out"].grad * len(X), g)


def test_network_inputs_identity_without_features():
    X = np.array([[1.0, 2.0]])
    assert np.array_equal(network_inputs(X), X)
