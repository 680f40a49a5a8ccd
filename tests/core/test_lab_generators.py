"""The lab's long computations as generators: the same numbers as running them at once, progress that
reaches 1, and cancelling (closing the generator) leaves nothing changed."""
from __future__ import annotations

import numpy as np
import pytest

from core.data.source import DataSource
from core.lab import (Edge, OptimizerRace, RaceFrame, Racer, direction_of, landscape, landscape_rows,
                      lecture_data, lecture_network, lecture_surfaces, network_surface, run_race,
                      train_steps, warm_up)
from core.model import compile_model
from core.parameters import init_parameters
from core.progress import Progress, run_to_end
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings


@pytest.fixture
def moons():
    return DataSource("moons", n=80, seed=1).prepare(1)


def _net():
    spec = sequential([2, 5, 1], "tanh", "logistic", "bce")
    return spec, init_parameters(spec, seed=4)


def _fractions(items):
    return [i.fraction if isinstance(i, Progress) else i for i in items]


def test_run_race_records_like_the_loop_it_replaces(moons):
    spec, params = _net()
    racers = [Racer("sgd", {"lr": 0.1}, 8), Racer("adam", {"lr": 0.01}, 8)]
    a = OptimizerRace(spec, params, moons.train, racers, seed=2)
    items = list(run_race(a, 30, record_every=10, table_every=0.0))
    assert len(items) == 30 and items[-1].fraction == 1.0
    frame = items[-1].value
    assert isinstance(frame, RaceFrame) and (frame.step, frame.total) == (30, 30)
    assert [r.loss for r in frame.results] == [r.loss for r in a.results()]
    b = OptimizerRace(spec, params, moons.train, racers, seed=2)
    for k in range(30):
        b.step()
        if (k + 1) % 10 == 0:
            b.record()
    assert [[p.loss for p in c] for c in a.curves] == [[p.loss for p in c] for c in b.curves]
    assert [len(c) for c in a.curves] == [3, 3]


def test_run_race_stops_when_every_lane_diverged(moons):
    spec = sequential([2, 5, 1], "relu", "identity", "mse")
    race = OptimizerRace(spec, init_parameters(spec, 4), moons.train, [Racer("sgd", {"lr": 1e3}, 80)], seed=0)
    done = run_to_end(run_race(race, 500))
    assert done < 500 and all(race.diverged())


def test_landscape_rows_are_the_landscape_and_cancelling_restores_the_weights(moons):
    spec, params = _net()
    model = compile_model(spec, params)
    d1, d2 = direction_of(model, "W:c1", (0, 0)), direction_of(model, "W:c2", (0, 1))
    rows = landscape_rows(model, moons.train, d1, d2, 1.5, 7)
    items = []
    while True:
        try:
            items.append(next(rows))
        except StopIteration as stop:
            scape = stop.value
            break
    assert items == pytest.approx([(k + 1) / 7 for k in range(7)])
    np.testing.assert_array_equal(scape.loss, landscape(model, moons.train, d1, d2, 1.5, 7).loss)
    theta = model.theta.copy()
    cancelled = landscape_rows(model, moons.train, d1, d2, 1.5, 7)
    next(cancelled)
    assert not np.array_equal(model.theta, theta)  # mid-grid: the weights are moved
    cancelled.close()
    np.testing.assert_array_equal(model.theta, theta)


def test_lecture_surfaces_progress_and_results():
    racers = [Racer("sgd", {"lr": 2.0}, 1), Racer("adam", {"lr": 0.1}, 1)]
    gen = lecture_surfaces("one", (5.0, -6.0), 10.0, 11, racers, 20)
    items = []
    while True:
        try:
            items.append(next(gen))
        except StopIteration as stop:
            results = stop.value
            break
    f = _fractions(items)
    assert f == sorted(f) and f[-1] == pytest.approx(1.0) and f[0] > 0
    assert [r.kind for r in results] == ["mse", "bce"]
    spec, params = lecture_network("bce", 5.0, -6.0)
    model = compile_model(spec, params)
    want = landscape(model, lecture_data("one"), direction_of(model, "W:w1"), direction_of(model, "W:w2"),
                     10.0, 11, centre=np.zeros(2))
    np.testing.assert_array_equal(results[1].scape.loss, want.loss)
    assert all(len(p) == 21 for p in results[0].paths)  # the start and 20 steps
    np.testing.assert_allclose(results[0].paths[0][0], (5.0, -6.0))


def test_network_surface_along_edges_reads_the_weights(moons):
    spec, params = _net()
    res = run_to_end(network_surface(spec, params, moons.train, (Edge("c1", 0, 1), Edge("c2", 2, 0)),
                                     1.0, 5, [Racer("sgd", {"lr": 0.5}, 80)], 5))
    (one,) = res
    assert one.kind == "network" and one.offset == (params["W:c1"][1, 0], params["W:c2"][0, 2])
    np.testing.assert_allclose(one.paths[0][0], (0.0, 0.0), atol=1e-12)


def test_warm_up_equals_training_a_copy(moons):
    spec, params = _net()
    settings = TrainingSettings("momentum", {"lr": 0.1, "alpha": 0.9}, 16, 0.0, 3, 10**6)
    got = run_to_end(warm_up(spec, params, moons.train, settings, None, 12))
    model = compile_model(spec, params)
    tr = Trainer(model, moons.train, None, settings, grad_norm_every=0)
    for _ in range(12):
        tr.step()
    model.loss_and_grad(moons.train.X, moons.train.Y)
    assert got.steps == 12 and got.saved_state is None and got.diverged is None
    np.testing.assert_array_equal(got.model.theta, model.theta)
    np.testing.assert_array_equal(got.model.grad, model.grad)
    stale = run_to_end(warm_up(spec, params, moons.train, settings, {"name": "adam", "hyper": {}}, 0))
    assert stale.saved_state == "stale" and stale.steps == 0


def test_train_steps_counts_to_the_target(moons):
    spec, params = _net()
    tr = Trainer(compile_model(spec, params), moons.train, None,
                 TrainingSettings("sgd", {"lr": 0.1}, 32, 0.0, 0, 10**6), grad_norm_every=1)
    items = list(train_steps(tr, 15))
    assert tr.step_count == 15 and len(items) == 15
    assert items[-1] == Progress(1.0, 15)
    assert len(tr.history.grad_norms) == 15
