"""Early stopping ends training when the test loss stops improving and keeps the best epoch's weights."""
from __future__ import annotations

import json

import numpy as np
import pytest

from core.cli import main
from core.data.source import DataSource
from core.files import NetworkFile, load_network, save_network
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings


def overfitting_trainer(patience: int) -> Trainer:
    """A big network on 30 noisy points: its test loss turns up long before 400 epochs."""
    spec = sequential([2, 64, 64, 1], "tanh", "logistic", "bce")
    data = DataSource(name="xor", n=30, noise=0.5, test_fraction=0.5, seed=1).prepare(1)
    settings = TrainingSettings("adam", {"lr": 0.03}, 8, 0.0, 0, 400, patience)
    return Trainer(compile_model(spec, init_parameters(spec, 0)), data.train, data.test, settings)


def test_training_stops_once_the_test_loss_has_not_improved_for_patience_epochs():
    tr = overfitting_trainer(patience=10)
    tr.run()
    stop = tr.stopped
    assert stop is not None and stop.watched == "test loss"
    assert tr.epoch == stop.epoch < 400 and stop.epoch - stop.best_epoch == 10
    losses = [e.test_loss for e in tr.history.epochs]
    assert stop.best_loss == min(losses) == losses[stop.best_epoch - 1]
    # the weights are the best epoch's: their test loss is the best one, not the last epoch's
    assert tr.evaluate(tr.test)[0] == pytest.approx(stop.best_loss, rel=1e-12)
    assert losses[-1] > stop.best_loss
    assert "the weights of epoch" in str(stop)


def test_off_trains_every_epoch_and_on_follows_the_same_path_until_it_stops():
    plain = overfitting_trainer(patience=0)
    plain.run(epochs=60)
    assert plain.stopped is None and plain.epoch == 60
    early = overfitting_trainer(patience=10)
    early.run(epochs=60)
    stop = early.stopped
    assert stop is not None and stop.epoch < 60     # the same trajectory up to the stop
    assert [e.test_loss for e in early.history.epochs] == [e.test_loss for e in plain.history.epochs][:stop.epoch]


def test_play_again_goes_on_from_the_best_weights_with_fresh_patience():
    tr = overfitting_trainer(patience=5)
    tr.run()
    first = tr.stopped
    assert first is not None
    tr.go_on()
    tr.run(epochs=3)
    assert tr.stopped is None and tr.epoch == first.epoch + 3


def test_resuming_from_a_state_dict_stops_where_an_unbroken_run_stops():
    a = overfitting_trainer(patience=8)
    a.run()
    b = overfitting_trainer(patience=8)
    b.run(epochs=5)
    state = b.state_dict()
    c = overfitting_trainer(patience=8)
    c.load_state_dict(state)
    c.run()
    assert c.stopped == a.stopped and np.array_equal(c.model.theta, a.model.theta)


def test_the_setting_is_saved_in_the_file_and_the_cli_stops_early(tmp_path, capsys):
    spec = sequential([2, 64, 64, 1], "tanh", "logistic", "bce")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.03}, 8, 0.0, 0, 400),
                     DataSource(name="xor", n=30, noise=0.5, test_fraction=0.5, seed=1), {}, None, None)
    path = tmp_path / "net.ffn"
    save_network(path, nf)
    out = tmp_path / "out.ffn"
    assert main(["train", str(path), "--patience", "10", "--out", str(out), "--json"]) == 0
    r = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert r["epochs"] < 400 and r["best_epoch"] == r["epochs"] - 10 and "Stopped early" in r["stopped_early"]
    assert load_network(out).training.patience == 10
