"""The trainer: learning on real data, exact resume, live settings, divergence."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from core.data.source import DataSource
from core.metrics import Targets, encode_targets
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
XOR_Y = np.array([0, 1, 1, 0])


def _trainer(sizes, act, out, loss, data: Targets, test=None, seed=0, **settings):
    spec = sequential(sizes, act, out, loss)
    model = compile_model(spec, init_parameters(spec, seed=seed))
    return Trainer(model, data, test, TrainingSettings(**settings))


def test_xor_2_4_1_reaches_full_accuracy():
    data = encode_targets(XOR_X, XOR_Y, "classification", 1)
    tr = _trainer([2, 4, 1], "tanh", "logistic", "bce", data,
                  optimizer="adam", hyper={"lr": 0.05}, batch_size=4, epochs=400)
    tr.run()
    last = tr.history.epochs[-1]
    assert last.train_metric == 1.0
    assert last.train_loss < 0.05
    assert tr.history.step_loss[0] > 10 * tr.history.step_loss[-1]


def test_toy_xor_dataset_learned_by_2_4_1():
    prep = DataSource("xor", n=200, seed=1).prepare(1)
    tr = _trainer([2, 4, 1], "tanh", "logistic", "bce", prep.train, prep.test,
                  optimizer="adam", hyper={"lr": 0.03}, batch_size=10, epochs=60)
    tr.run()
    assert tr.history.epochs[-1].train_metric == 1.0
    assert tr.history.epochs[-1].test_metric == 1.0


def test_two_arm_spiral_reaches_95_percent():
    prep = DataSource("spiral", n=400, noise=0.0, seed=0, test_fraction=0.0).prepare(1)
    tr = _trainer([2, 16, 16, 1], "tanh", "logistic", "bce", prep.train,
                  optimizer="adam", hyper={"lr": 0.01}, batch_size=16, epochs=300)
    tr.run()
    assert tr.history.epochs[-1].train_metric >= 0.95


def test_digits_reach_95_percent_test_accuracy():
    prep = DataSource("digits", standardize=True, seed=0).prepare(10)
    tr = _trainer([64, 32, 10], "tanh", "softmax", "ce", prep.train, prep.test,
                  optimizer="adam", hyper={"lr": 0.003}, batch_size=32, epochs=20)
    tr.run()
    assert tr.history.epochs[-1].test_metric >= 0.95


def test_regression_r2():
    prep = DataSource("regression", n=400, seed=0).prepare(1)
    tr = _trainer([2, 16, 1], "tanh", "identity", "mse", prep.train, prep.test,
                  optimizer="adam", hyper={"lr": 0.01}, batch_size=16, epochs=150)
    tr.run()
    assert tr.history.epochs[-1].test_metric > 0.9


def _spiral_trainer(**kw):
    prep = DataSource("spiral", n=120, seed=3, test_fraction=0.25).prepare(1)
    return _trainer([2, 6, 1], "tanh", "logistic", "bce", prep.train, prep.test, seed=5,
                    optimizer=kw.pop("optimizer", "adam"), hyper=kw.pop("hyper", {"lr": 0.01}),
                    batch_size=7, epochs=5, **kw)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_stop_and_resume_gives_the_same_weights(optimizer):
    straight = _spiral_trainer(optimizer=optimizer, hyper={"lr": 0.01})
    for _ in range(60):
        straight.step()

    first = _spiral_trainer(optimizer=optimizer, hyper={"lr": 0.01})
    for _ in range(23):  # stop in the middle of an epoch
        first.step()
    state = first.state_dict()
    resumed = _spiral_trainer(optimizer=optimizer, hyper={"lr": 0.01})
    resumed.load_state_dict(state)
    for _ in range(37):
        resumed.step()
    np.testing.assert_array_equal(resumed.model.theta, straight.model.theta)
    assert resumed.history.step_loss == straight.history.step_loss
    assert resumed.epoch == straight.epoch


def test_learning_rate_change_applies_at_next_step():
    a, b = _spiral_trainer(), _spiral_trainer()
    for _ in range(3):
        a.step(), b.step()
    b.set_hyper(lr=0.5)
    before = b.model.theta.copy()
    a.step(), b.step()
    moved_a = np.abs(a.model.theta - before).max()
    moved_b = np.abs(b.model.theta - before).max()
    assert moved_b > 10 * moved_a  # Adam's step is about lr per parameter
    assert b.optimizer.hyper["lr"] == 0.5 and b.settings.hyper["lr"] == 0.5


def test_batch_size_one_is_sgd_and_all_is_full_batch():
    tr = _spiral_trainer(optimizer="sgd", hyper={"lr": 0.1})
    n = len(tr.train)
    tr.set_batch_size(1)
    infos = [tr.step() for _ in range(n)]
    assert {len(i.batch) for i in infos} == {1}
    assert tr.epoch == 1
    tr.set_batch_size(n)
    info = tr.step()
    assert len(info.batch) == n and tr.epoch == 2


def test_events_and_history():
    tr = _spiral_trainer()
    steps, epochs = [], []
    tr.on_step.append(steps.append)
    tr.on_epoch.append(epochs.append)
    tr.run(epochs=2)
    assert len(epochs) == 2 and len(steps) == 2 * tr.steps_per_epoch
    assert epochs[-1].step == len(steps)
    assert 0.0 <= epochs[-1].test_metric <= 1.0
    assert len(tr.history.grad_norms) == len(steps)
    assert len(tr.history.grad_norms[0]) == 2  # one norm per weight matrix
    # The recorded norm is the true norm of that connection's gradient.
    g = tr.model.grads["W:c2"]
    np.testing.assert_allclose(tr.history.grad_norms[-1][1], np.linalg.norm(g), rtol=1e-12)


def test_l2_is_part_of_the_risk():
    tr = _spiral_trainer(l2=0.1)
    xb, yb = tr.train.X[:5], tr.train.Y[:5]
    m = tr.model
    w = m.theta[: m.n_weights]
    with_l2 = m.loss_and_grad(xb, yb)
    m.l2 = 0.0
    without = m.loss_and_grad(xb, yb)
    assert with_l2 == pytest.approx(without + 0.05 * float(w @ w), rel=1e-12)


def test_divergence_stops_with_finite_weights_and_a_reason():
    prep = DataSource("regression", n=100, seed=0).prepare(1)
    tr = _trainer([2, 8, 8, 1], "relu", "identity", "mse", prep.train, seed=2,
                  optimizer="sgd", hyper={"lr": 50.0}, batch_size=10, epochs=50)
    reasons = []
    tr.on_diverged.append(reasons.append)
    snapshots = {0: tr.model.theta.copy()}
    tr.on_step.append(lambda info: snapshots.__setitem__(info.step, tr.model.theta.copy()))
    with np.errstate(all="ignore"):
        tr.run()
    assert tr.diverged is not None and reasons == [tr.diverged]
    assert np.isfinite(tr.model.theta).all()
    # The weights kept are the last ones whose loss was finite: those before the
    # update of the last counted step (the weights after it gave the non-finite loss).
    last_good = snapshots[tr.step_count - 1]
    np.testing.assert_array_equal(tr.model.theta, last_good)
    assert "diverged" in tr.diverged.message and "learning rate" in tr.diverged.advice
    assert tr.diverged.where  # names a node or parameter
    assert tr.step() is None  # stays stopped until reset


def test_float32_training_learns_too():
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")
    model = compile_model(spec, init_parameters(spec, seed=0), dtype=np.float32)
    tr = Trainer(model, encode_targets(XOR_X, XOR_Y, "classification", 1),
                 settings=TrainingSettings("adam", {"lr": 0.05}, 4, 0.0, 0, 400))
    tr.run()
    assert model.theta.dtype == np.float32
    assert tr.history.epochs[-1].train_metric == 1.0


def test_core_never_imports_qt():
    code = (
        "import importlib, pkgutil, sys, core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'core.'):\n"
        "    if m.name != 'core.__main__': importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6', 'designer')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
