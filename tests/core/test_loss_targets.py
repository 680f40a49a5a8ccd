"""Cross-entropy losses refuse targets they would silently get wrong.

Softmax cross-entropy's fused value logsumexp(z) − yᵀz equals −yᵀ log ŷ only
when y's row adds up to 1; binary cross-entropy needs y in [0, 1]. The model
checks targets given from outside; the trainer checks once per dataset.
"""
from __future__ import annotations

import numpy as np
import pytest

from core.losses import LOSS_OPS, TargetError, loss_value
from core.metrics import Targets
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings


def _model(output="softmax", loss="ce", sizes=(2, 4, 3)):
    spec = sequential(list(sizes), "tanh", output, loss)
    return compile_model(spec, init_parameters(spec, seed=1))


X = np.random.default_rng(0).normal(size=(5, 2))
ONE_HOT = np.eye(3)[[0, 1, 2, 1, 0]]


def test_multi_hot_target_is_refused_naming_the_row():
    model = _model()
    Y = ONE_HOT.copy()
    Y[2] = [1.0, 1.0, 0.0]  # row 3 is multi-hot: adds up to 2
    with pytest.raises(TargetError) as e:
        model.loss_and_grad(X, Y)
    assert str(e.value) == ("row 3 of the target adds up to 2, but softmax cross-entropy needs "
                            "each row to be a probability distribution (adding up to 1)")
    assert isinstance(e.value, ValueError) and e.value.row == 3 and e.value.value == 2.0
    with pytest.raises(TargetError, match="row 3 of the target adds up to 2"):
        model.loss(X, Y)


def test_the_refused_loss_would_have_been_wrong():
    """What the check prevents: the fused value is not −yᵀ log ŷ for a multi-hot row."""
    model = _model()
    Y = ONE_HOT.copy()
    Y[2] = [1.0, 1.0, 0.0]
    plan = model.run_forward(X, Y)  # the unchecked inner path
    y_hat = model.forward(X)
    true_ce = -float((Y * np.log(y_hat)).sum()) / len(X)
    assert abs(plan.loss.value - true_ce) > 1e-3


def test_soft_and_one_hot_targets_pass():
    model = _model()
    soft = np.array([[0.2, 0.3, 0.5]] * 5)
    r1 = model.loss_and_grad(X, soft)
    y_hat = model.forward(X)
    assert r1 == pytest.approx(-float((soft * np.log(y_hat)).sum()) / 5, rel=1e-12)
    model.loss_and_grad(X, ONE_HOT)
    model.loss_and_grad(X, ONE_HOT.astype(np.float32))


@pytest.mark.parametrize("row,bad", [([1.5, -0.5, 0.0], -0.5), ([np.nan, 1.0, 0.0], np.nan)])
def test_softmax_ce_refuses_entries_outside_0_1(row, bad):
    model = _model()
    Y = ONE_HOT.copy()
    Y[1] = row
    with pytest.raises(TargetError, match=r"row 2 of the target holds .* softmax cross-entropy") as e:
        model.loss_and_grad(X, Y)
    assert e.value.row == 2


def test_binary_ce_refuses_targets_outside_0_1():
    model = _model("logistic", "bce", (2, 3, 1))
    y = np.array([[0.0], [1.0], [0.25], [2.0], [1.0]])
    with pytest.raises(TargetError) as e:
        model.loss_and_grad(X, y)
    assert str(e.value) == ("row 4 of the target holds 2 (column 1), but binary cross-entropy "
                            "needs targets from 0 to 1 (the probability of class 1)")
    with pytest.raises(TargetError, match="row 1 of the target holds -1"):
        model.loss_and_grad(X, -np.ones(5))
    model.loss_and_grad(X, np.array([0.0, 1.0, 0.25, 1.0, 0.0]))  # soft labels are fine


def test_squared_error_takes_any_target():
    model = _model("identity", "mse", (2, 3, 3))
    model.loss_and_grad(X, np.full((5, 3), 7.0))


def test_loss_value_checks_too():
    with pytest.raises(TargetError):
        loss_value("ce", np.full((1, 3), 1 / 3), np.array([[1.0, 1.0, 0.0]]))
    with pytest.raises(TargetError):
        loss_value("bce", np.array([[0.5]]), np.array([[3.0]]))
    assert LOSS_OPS["mse"].check_target(np.array([[5.0]])) is None


def test_trainer_checks_its_targets_once_at_the_start():
    model = _model()
    Y = ONE_HOT.copy()
    Y[4] = [0.0, 1.0, 1.0]
    with pytest.raises(TargetError, match="row 5 of the target adds up to 2"):
        Trainer(model, Targets(X, Y, None, "classification"))


def test_trainer_steps_do_not_pay_for_the_check(monkeypatch):
    """The check runs once per dataset, never inside a step."""
    model = _model()
    tr = Trainer(model, Targets(X, ONE_HOT, np.array([0, 1, 2, 1, 0]), "classification"),
                 settings=TrainingSettings(batch_size=2))
    calls = []
    monkeypatch.setattr(type(model), "check_target", lambda self, Y: calls.append(Y.shape))
    for _ in range(7):  # crosses two epoch ends (their evaluation too)
        tr.step()
    assert calls == []
