"""The optimiser lab's computations: race fairness, landscapes, deep stacks."""
from __future__ import annotations

import math

import numpy as np
import pytest

from core.data.source import DataSource
from core.lab import (OptimizerRace, Racer, compare_depth, direction_of, landscape,
                      lecture_network, project_path, random_directions, saturation_mask)
from core.metrics import Targets
from core.model import compile_model
from core.parameters import flatten, init_parameters
from core.spec import sequential


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


@pytest.fixture
def spiral():
    return DataSource("spiral", n=120, seed=2).prepare(1)


def test_race_lanes_start_equal_and_see_identical_batches(spiral):
    spec = sequential([2, 6, 1], "tanh", "logistic", "bce")
    params = init_parameters(spec, seed=3)
    racers = [Racer("sgd", {"lr": 0.1}, 8), Racer("momentum", {"lr": 0.05}, 8),
              Racer("adagrad", {"lr": 0.05}, 8), Racer("rmsprop", {"lr": 0.01}, 8),
              Racer("adam", {"lr": 0.01}, 8)]
    race = OptimizerRace(spec, params, spiral.train, racers, spiral.test, seed=7, target_loss=0.6)
    for theta in race.initial_theta[1:]:
        np.testing.assert_array_equal(theta, race.initial_theta[0])
    race.run(40)
    seen = race.batches_seen
    assert all(len(s) == 40 for s in seen)
    for lane in seen[1:]:
        for a, b in zip(lane, seen[0]):
            np.testing.assert_array_equal(a, b)
    # Different optimisers, same start and batches: different weights afterwards.
    finals = [tr.model.theta for tr in race.trainers]
    assert not np.allclose(finals[0], finals[4])
    rows = race.results()
    assert [r.steps for r in rows] == [40] * 5
    assert all(r.seconds > 0 and 0 <= r.metric <= 1 for r in rows)


def test_full_batch_lane_takes_the_whole_set(spiral):
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    n = len(spiral.train)
    race = OptimizerRace(spec, init_parameters(spec, 0), spiral.train,
                         [Racer("sgd", {"lr": 0.1}, n), Racer("sgd", {"lr": 0.1}, 1)])
    race.run(3)
    assert [len(b) for b in race.batches_seen[0]] == [n, n, n]
    assert [len(b) for b in race.batches_seen[1]] == [1, 1, 1]


@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_lecture_surface_matches_the_formula(loss):
    spec, params = lecture_network(loss)
    model = compile_model(spec, params)
    x, y = 1.0, 1.0
    data = Targets(np.array([[x]]), np.array([[y]]), None, "regression")
    d1, d2 = direction_of(model, "W:w1"), direction_of(model, "W:w2")
    scape = landscape(model, data, d1, d2, span=6.0, resolution=13)
    for iy, w2 in enumerate(scape.ys):
        for ix, w1 in enumerate(scape.xs):
            yhat = _sig(w2 * _sig(w1 * x))
            want = 0.5 * (yhat - y) ** 2 if loss == "mse" else -(y * math.log(yhat) + (1 - y) * math.log(1 - yhat))
            assert scape.loss[iy, ix] == pytest.approx(want, rel=1e-12)
    np.testing.assert_array_equal(model.theta, [0.0, 0.0])  # weights restored


def test_lecture_surface_is_not_convex():
    spec, params = lecture_network("mse")
    model = compile_model(spec, params)
    data = Targets(np.array([[1.0]]), np.array([[1.0]]), None, "regression")
    scape = landscape(model, data, direction_of(model, "W:w1"), direction_of(model, "W:w2"), 10.0, 41)
    L = scape.loss
    # Convexity fails: some midpoint lies above the chord between two grid points.
    row = L[35]  # w2 fixed at a positive value, along w1
    mids = row[1:-1] > 0.5 * (row[:-2] + row[2:]) + 1e-12
    assert mids.any()


def test_path_projection_is_exact_along_chosen_parameters(spiral):
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    model = compile_model(spec, init_parameters(spec, 1))
    d1, d2 = direction_of(model, "W:c1", (0, 1)), direction_of(model, "W:c2", (0, 2))
    scape = landscape(model, spiral.train, d1, d2, 1.0, 5)
    p = model.theta.copy()
    p[np.argmax(d1)] += 0.3
    p[np.argmax(d2)] -= 0.2
    coords = project_path([model.theta.copy(), p], scape)
    np.testing.assert_allclose(coords, [[0, 0], [0.3, -0.2]], atol=1e-12)


def test_random_directions_are_scaled_per_array(spiral):
    spec = sequential([2, 5, 1], "tanh", "logistic", "bce")
    model = compile_model(spec, init_parameters(spec, 1))
    d1, _ = random_directions(model, seed=4)
    v = model.unflatten(d1)
    np.testing.assert_allclose(np.linalg.norm(v["W:c1"]), np.linalg.norm(model.params["W:c1"]))


def test_logistic_gradients_vanish_and_relu_he_do_not():
    data = DataSource("gaussians", n=64, seed=0).prepare(1).train
    norms = compare_depth(8, data, width=8)
    sig = list(norms["logistic, small random init"].values())
    relu = list(norms["ReLU, He init"].values())
    # First layer's gradient relative to the last: tiny for logistic, not for ReLU.
    assert sig[0] / sig[-1] < 1e-6
    assert relu[0] / relu[-1] > 1e-2


def test_saturation_marks_flat_regions():
    x = np.array([-10.0, 0.0, 10.0])
    np.testing.assert_array_equal(saturation_mask("logistic", x), [True, False, True])
    np.testing.assert_array_equal(saturation_mask("relu", np.array([-1.0, 1.0])), [True, False])


# --- additions for the designer's lab panels ----------------------------------------------


def test_race_records_whole_set_curves_and_examples_seen(spiral):
    from core.lab import RacePoint
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    n = len(spiral.train)
    race = OptimizerRace(spec, init_parameters(spec, 0), spiral.train,
                         [Racer("sgd", {"lr": 0.5}, n), Racer("sgd", {"lr": 0.5}, 1)], target_loss=0.6931)
    first = race.record()
    race.run(4)
    race.record()
    assert [len(c) for c in race.curves] == [2, 2]
    assert isinstance(first[0], RacePoint) and first[0].step == 0 and first[0].epochs == 0
    gd, sgd = race.curves[0][-1], race.curves[1][-1]
    assert (gd.step, sgd.step) == (4, 4)
    assert gd.epochs == pytest.approx(4.0) and sgd.epochs == pytest.approx(4 / n)
    # The recorded value is the whole-set risk, the same the results table reports.
    assert gd.loss == pytest.approx(race.results()[0].loss)
    assert gd.seconds == race.seconds[0]
    assert race.reached_risk[0] is None or race.reached_risk[0] <= 4


def test_race_reached_risk_needs_the_whole_set_below_target(spiral):
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    race = OptimizerRace(spec, init_parameters(spec, 0), spiral.train,
                         [Racer("adam", {"lr": 0.05}, 16)], target_loss=10.0)
    race.record()
    assert race.reached_risk == [0]  # already below a generous target at the start
    race2 = OptimizerRace(spec, init_parameters(spec, 0), spiral.train,
                          [Racer("adam", {"lr": 0.05}, 16)], target_loss=1e-9)
    race2.run(3)
    race2.record()
    assert race2.reached_risk == [None]


def test_race_marks_diverged_lanes_and_stops_recording_them(spiral):
    spec = sequential([2, 4, 1], "relu", "identity", "mse")
    data = Targets(spiral.train.X * 1e3, spiral.train.Y, None, "regression")
    race = OptimizerRace(spec, init_parameters(spec, 0), data,
                         [Racer("sgd", {"lr": 1e3}, 8), Racer("sgd", {"lr": 1e-9}, 8)])
    with np.errstate(all="ignore"):
        race.run(30)
    assert race.diverged() == [True, False]
    pts = race.record()
    assert pts[0] is None and pts[1] is not None


def test_lecture_data():
    from core.lab import lecture_data
    one = lecture_data("one")
    np.testing.assert_array_equal(one.X, [[1.0]])
    np.testing.assert_array_equal(one.Y, [[1.0]])
    few = lecture_data("few")
    assert few.X.shape == (8, 1)
    np.testing.assert_array_equal(few.Y[:, 0], few.X[:, 0] > 0)
    with pytest.raises(ValueError):
        lecture_data("many")


@pytest.mark.parametrize("name", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_optimizer_internals_follow_the_lecture(name, spiral):
    from core.lab import INTERNAL_QUANTITIES, optimizer_internals
    from core.optim import make_optimizer
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    model = compile_model(spec, init_parameters(spec, 1))
    opt = make_optimizer(name, [model.theta], [model.grad], lr=0.05)
    for _ in range(3):  # some state first
        model.loss_and_grad(spiral.train.X, spiral.train.Y)
        opt.step()
    model.loss_and_grad(spiral.train.X, spiral.train.Y)
    theta, t = model.theta.copy(), opt.t
    out = optimizer_internals(model, opt)
    np.testing.assert_array_equal(model.theta, theta)  # nothing changed
    assert opt.t == t
    assert set(out) <= set(INTERNAL_QUANTITIES)
    assert set(out["grad"]) == set(model.params)
    np.testing.assert_array_equal(out["grad"]["W:c1"], model.grads["W:c1"])
    g = model.grad
    flat = {q: flatten(out[q], model.shapes, model.dtype) for q in out}
    prev = opt.preview()[0]
    np.testing.assert_array_equal(flat["step"], -prev["update"])
    h = opt.hyper
    if name in ("sgd", "momentum"):
        np.testing.assert_array_equal(flat["lr"], h["lr"])
    if name == "sgd":
        np.testing.assert_allclose(flat["step"], h["lr"] * g)
    if name == "momentum":
        np.testing.assert_array_equal(flat["v"], prev["v"])
        np.testing.assert_allclose(flat["step"], -prev["v"])
    if name in ("adagrad", "rmsprop"):
        want = h["lr"] / (np.sqrt(prev["r"]) + h["delta"])
        np.testing.assert_allclose(flat["lr"], want)
        np.testing.assert_allclose(flat["step"], want * g, rtol=1e-12)
    if name == "adam":
        t1 = opt.t + 1
        s_hat = prev["s"] / (1 - h["rho1"] ** t1)
        r_hat = prev["r"] / (1 - h["rho2"] ** t1)
        np.testing.assert_allclose(flat["s_hat"], s_hat)
        np.testing.assert_allclose(flat["r_hat"], r_hat)
        np.testing.assert_allclose(flat["lr"], h["lr"] / (np.sqrt(r_hat) + h["delta"]))
        # The lecture's effective step eps s_hat / (sqrt(r_hat) + delta), no trailing g.
        np.testing.assert_allclose(flat["step"], h["lr"] * s_hat / (np.sqrt(r_hat) + h["delta"]),
                                   rtol=1e-9)
    else:
        assert "s_hat" not in out and "r_hat" not in out


def test_saturation_intervals():
    from core.lab import saturation_intervals
    iv = saturation_intervals("logistic", -6, 6, 0.05)
    assert len(iv) == 2
    (a0, b0), (a1, b1) = iv
    assert a0 == -6 and b1 == 6
    # σ'(x) = 0.05 where σ(x) = (1 ± sqrt(0.8)) / 2, i.e. |x| ≈ 2.887
    edge = math.log((1 + math.sqrt(0.8)) / (1 - math.sqrt(0.8)))
    assert b0 == pytest.approx(-edge, abs=0.01) and a1 == pytest.approx(edge, abs=0.01)
    assert saturation_intervals("relu", -2, 2) == [(-2.0, 0.0)]
    assert saturation_intervals("identity", -2, 2) == []
    assert len(saturation_intervals("leaky_relu", -2, 2, 0.05, gamma=0.5)) == 0
