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
from core.parameters import init_parameters
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
