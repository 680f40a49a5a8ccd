"""A flat loss gets the remedy that fits it; a falling or a good one gets none."""
from __future__ import annotations

from core.advice import WINDOW, flat_loss_advice
from core.defaults import start_hyper
from core.trainer import EpochInfo, TrainingSettings


def epochs(losses, metric=0.5):
    return [EpochInfo(i + 1, 10 * (i + 1), loss, metric, float("nan"), float("nan"))
            for i, loss in enumerate(losses)]


def settings(optimizer="adam", lr=None):
    hyper = start_hyper(optimizer)
    if lr is not None:
        hyper["lr"] = lr
    return TrainingSettings(optimizer, hyper, 16, 0.0, 0, 100)


FLAT = [0.70 - 0.0001 * i for i in range(WINDOW + 5)]


def test_nothing_is_said_while_the_loss_falls_or_the_network_does_well():
    falling = [0.7 * 0.97 ** i for i in range(WINDOW + 5)]
    assert flat_loss_advice(epochs(falling), settings(lr=0.0001)) is None
    assert flat_loss_advice(epochs(FLAT, metric=0.99), settings(lr=0.0001)) is None
    assert flat_loss_advice(epochs(FLAT[:WINDOW]), settings(lr=0.0001)) is None    # too early to say


def test_a_small_learning_rate_gets_raise_it():
    a = flat_loss_advice(epochs(FLAT), settings(lr=0.001))
    assert a is not None and a.action == "raise_lr" and a.button == "ε × 10"
    assert "ε = 0.001" in a.message and f"over {WINDOW} epochs" in a.message


def test_a_large_learning_rate_gets_lower_it():
    a = flat_loss_advice(epochs(FLAT), settings("sgd", lr=5.0))
    assert a is not None and a.action == "lower_lr"


def test_a_sensible_learning_rate_gets_new_weights():
    a = flat_loss_advice(epochs(FLAT), settings())
    assert a is not None and a.action == "new_weights" and "saturated or dead" in a.message


def test_the_reported_case_gets_raise_the_learning_rate():
    """XOR, 2-4-1, with the old start (Adam ε = 0.001): its real curve, trained here."""
    from core.data.source import DataSource
    from core.model import compile_model
    from core.parameters import init_parameters
    from core.spec import sequential
    from core.trainer import Trainer

    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    data = DataSource(name="xor").prepare(1)
    old = TrainingSettings("adam", {"lr": 0.001}, 32, 0.0, 0, 100)
    trainer = Trainer(compile_model(spec, init_parameters(spec, 0)), data.train, data.test, old)
    advice = None
    for _ in range(100):
        trainer.run_epoch()
        advice = advice or flat_loss_advice(trainer.history.epochs, old)
    assert advice is not None and advice.action == "raise_lr"


def test_a_slow_fall_late_in_a_good_run_is_left_alone():
    slow = [0.30 * 0.995 ** i for i in range(WINDOW + 5)]
    assert flat_loss_advice(epochs(slow, metric=0.9), settings()) is None
    assert flat_loss_advice(epochs(slow, metric=0.9), settings(lr=0.001)) is None
