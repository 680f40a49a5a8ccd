"""Exact replay: training on from a checkpoint equals never stopping, bit for bit."""
from __future__ import annotations

import numpy as np
import pytest

from core.data.source import DataSource
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings

OPTIMIZERS = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]


def make_trainer(optimizer: str = "adam", batch_size: int = 7, sizes=(2, 5, 4, 1), seed: int = 3,
                 patience: int = 0, dtype=np.float64) -> Trainer:
    """A small random network on 90 spiral points (7 does not divide 68 training samples)."""
    prep = DataSource("spiral", n=90, seed=2, test_fraction=0.25).prepare(1)
    spec = sequential(list(sizes), "tanh", "logistic", "bce")
    model = compile_model(spec, init_parameters(spec, seed=seed), dtype=dtype)
    settings = TrainingSettings(optimizer=optimizer, hyper={"lr": 0.02}, batch_size=batch_size,
                                seed=seed, patience=patience)
    return Trainer(model, prep.train, prep.test, settings)


def assert_same_state(a: Trainer, b: Trainer) -> None:
    """Parameters, optimiser state, shuffle state and history equal exactly."""
    assert np.array_equal(a.model.theta, b.model.theta)
    sa, sb = a.optimizer.state_dict(), b.optimizer.state_dict()
    assert (sa["name"], sa["hyper"], sa["t"]) == (sb["name"], sb["hyper"], sb["t"])
    for pa, pb in zip(sa["state"], sb["state"]):
        assert pa.keys() == pb.keys()
        for k in pa:
            assert np.array_equal(pa[k], pb[k]), k
    ha, hb = a.shuffle_state(), b.shuffle_state()
    assert ha["rng"] == hb["rng"] and np.array_equal(ha["perm"], hb["perm"])
    assert (ha["pos"], ha["epoch"], ha["step"]) == (hb["pos"], hb["epoch"], hb["step"])
    assert a.history.to_dict() == b.history.to_dict()


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("k", [1, 9, 10, 23])  # mid-epoch, just before and at an epoch's end (10 steps)
def test_checkpoint_restore_into_fresh_trainer_equals_straight_run(optimizer, k):
    n = 47
    straight = make_trainer(optimizer)
    for _ in range(n):
        straight.step()
    first = make_trainer(optimizer)
    for _ in range(k):
        first.step()
    state = first.state_dict()
    for _ in range(5):  # the original goes on; the checkpoint must not follow it
        first.step()
    resumed = make_trainer(optimizer, seed=99)  # other initial weights: everything comes from the state
    resumed.load_state_dict(state)
    for _ in range(n - k):
        resumed.step()
    assert straight.steps_per_epoch == 10
    assert_same_state(resumed, straight)
    assert straight.history.step_loss[-1] != straight.history.step_loss[-2]


def test_shuffle_state_is_what_decides_the_batches():
    a, b = make_trainer(), make_trainer()
    for _ in range(13):
        a.step()
        b.step()
    b.load_shuffle_state({**a.shuffle_state(), "rng": make_trainer().rng.bit_generator.state})
    for _ in range(7):  # the rest of the epoch is the same permutation; the next epoch differs
        assert np.array_equal(a.step().batch, b.step().batch)
    assert not np.array_equal(a.step().batch, b.step().batch)


def test_shuffle_state_of_other_data_is_refused():
    a = make_trainer()
    state = a.shuffle_state()
    with pytest.raises(ValueError, match="68"):
        a.load_shuffle_state({**state, "perm": np.arange(10)})


def test_early_stopping_state_replays_too():
    straight, first = make_trainer(patience=2), make_trainer(patience=2)
    for _ in range(35):
        straight.step()
    for _ in range(12):
        first.step()
    resumed = make_trainer(patience=2)
    resumed.load_state_dict(first.state_dict())
    for _ in range(23):
        resumed.step()
    assert_same_state(resumed, straight)
    assert resumed.early.best_epoch == straight.early.best_epoch
