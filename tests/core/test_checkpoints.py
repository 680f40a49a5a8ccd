"""Checkpoints within a memory budget; any step recomputed exactly from the nearest one."""
from __future__ import annotations

import numpy as np
import pytest

from core.metrics import Targets
from core.model import compile_model
from core.timeline import Checkpoints, Moment
from core.timeline.moment import OVERHEAD_BYTES
from core.trainer import Trainer, TrainingSettings
from tests.core.test_trace import random_network
from tests.core.test_trainer_replay import OPTIMIZERS, assert_same_state, make_trainer


def _run(trainer: Trainer, store: Checkpoints | None, steps: int, edits=None) -> list[Moment]:
    """Step, apply ``edits[step](trainer)`` before that step, record; every moment captured."""
    moments = [Moment.capture(trainer)]
    for _ in range(steps):
        edit = (edits or {}).get(trainer.step_count + 1)
        if edit is not None:
            edit(trainer)
        trainer.step()
        if store is not None:
            store.record(trainer)
        moments.append(Moment.capture(trainer))
    return moments


def _budget(trainer: Trainer, n: int) -> int:
    """Bytes for about ``n`` checkpoints of this trainer."""
    m = Moment.capture(trainer)
    return n * (m.own_nbytes + m.shuffle["perm"].nbytes)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_state_at_random_steps_equals_the_straight_run(optimizer):
    tr = make_trainer(optimizer)
    store = Checkpoints(tr, lambda: make_trainer(optimizer, seed=77), _budget(tr, 12))
    moments = _run(tr, store, 250)
    assert store.spacing > 8 and len(store.steps) <= 12
    rng = np.random.default_rng(0)
    picks = list(rng.integers(0, 251, 40)) + [250, 249, 0, 1, 248, 247, 246]  # back and forth
    for s in picks:
        assert store.state_at(int(s)).equals(moments[s]), s
    assert not store.state_at(5).equals(moments[6])


def test_changes_during_the_run_are_replayed_at_their_steps():
    edits = {
        31: lambda t: t.set_hyper(lr=0.005),
        57: lambda t: t.set_batch_size(5),
        80: lambda t: t.set_optimizer("momentum", lr=0.03),
        95: lambda t: t.set_l2(1e-3),
        120: lambda t: t.set_optimizer("momentum", lr=0.03),  # same name: a fresh state all the same
        140: lambda t: t.set_patience(1),
        150: lambda t: setattr(t.settings, "seed", 12),  # changes nothing but the settings saved
    }
    tr = make_trainer("adam")
    store = Checkpoints(tr, lambda: make_trainer("adam"), _budget(tr, 6))
    moments = _run(tr, store, 200, edits)
    assert [c.step for c in store.changes] == sorted(edits)
    assert store.changes[4].new_optimizer and not store.changes[3].new_optimizer
    for s in range(0, 201, 3):
        assert store.state_at(s).equals(moments[s]), s


def test_going_on_after_an_early_stop_is_replayed():
    tr = make_trainer("sgd", patience=1)
    tr.set_hyper(lr=0.5)
    store = Checkpoints(tr, lambda: make_trainer("sgd", patience=1), _budget(tr, 5))
    moments, went_on = [Moment.capture(tr)], 0
    while tr.step_count < 300:
        if tr.stopped is not None:
            tr.go_on()
            went_on += 1
        tr.step()
        store.record(tr)
        moments.append(Moment.capture(tr))
    assert went_on >= 2 and sum(c.went_on for c in store.changes) == went_on
    for s in range(0, 301, 7):
        assert store.state_at(s).equals(moments[s]), s


def test_restoring_a_step_and_training_on_equals_the_straight_run():
    tr = make_trainer("rmsprop")
    store = Checkpoints(tr, lambda: make_trainer("rmsprop"), _budget(tr, 8))
    _run(tr, store, 120)
    straight = make_trainer("rmsprop")
    _run(straight, None, 150)
    live = make_trainer("rmsprop", seed=5)
    history = type(tr.history).from_dict(tr.history.to_dict())
    history.step_loss = history.step_loss[:77]
    history.epochs = [e for e in history.epochs if e.step <= 77]
    history.grad_norm_steps, history.grad_norms = history.grad_norm_steps[:77], history.grad_norms[:77]
    store.restore(live, 77, history)
    _run(live, None, 73)
    assert_same_state(live, straight)


def test_memory_stays_within_the_budget_whatever_the_length():
    tr = make_trainer("adam", batch_size=3, sizes=(2, 3, 1))
    budget = _budget(tr, 40)
    store = Checkpoints(tr, lambda: make_trainer("adam", batch_size=3, sizes=(2, 3, 1)), budget)
    worst = 0
    for n in range(1, 20001):
        tr.step()
        store.record(tr)
        worst = max(worst, store.nbytes)
        if n in (39, 1000, 20000):
            steps = store.steps
            k = budget // (Moment.capture(tr).own_nbytes + Moment.capture(tr).shuffle["perm"].nbytes)
            assert steps[0] == 0 and all(s % store.spacing == 0 for s in steps)
            assert len(steps) <= k and store.spacing <= max(1, 2 * n / (k - 1))
    assert worst <= budget
    assert store.spacing == 512 and store.steps[-1] == 19968  # 20000 // 512 + 1 = 40 fit
    assert 20000 - store.nearest(20000) < store.spacing


def test_checkpoints_of_one_epoch_share_its_permutation():
    tr = make_trainer()
    store = Checkpoints(tr, make_trainer, 10**7)
    _run(tr, store, 25)  # 10 steps an epoch: the fresh trainer's permutation and three drawn
    assert store.spacing == 1 and len(store.steps) == 26
    one = Moment.capture(tr).own_nbytes
    assert store.nbytes == 26 * one + 4 * 68 * 2  # uint16 permutations, 68 samples
    assert store.state_at(12).shuffle["perm"].dtype == np.uint16


def test_a_smaller_budget_thins_at_once_and_a_tiny_one_is_refused():
    tr = make_trainer()
    store = Checkpoints(tr, make_trainer, 10**7)
    _run(tr, store, 64)
    store.set_budget(_budget(tr, 10))
    assert store.nbytes <= store.budget and store.spacing == 8 and store.steps[0] == 0
    with pytest.raises(ValueError, match="two checkpoints"):
        Checkpoints(make_trainer(), make_trainer, OVERHEAD_BYTES)


def test_steps_must_be_recorded_one_by_one_and_stay_inside_the_run():
    tr = make_trainer()
    store = Checkpoints(tr, make_trainer, 10**6)
    tr.step()
    tr.step()
    with pytest.raises(ValueError, match="record every step"):
        store.record(tr)
    with pytest.raises(ValueError, match="outside this run"):
        store.state_at(1)
    with pytest.raises(ValueError, match="step 2"):
        store.follow(tr)


@pytest.mark.parametrize("seed", range(6))
def test_random_networks_replay_exactly_with_every_optimiser(seed):
    spec, params, _, _, l2 = random_network(seed)
    rng = np.random.default_rng(seed)
    n, units, loss = 37, spec.output_node.units, spec.output_node.loss
    X = rng.normal(size=(n, spec.input_node.units))
    Y = (np.eye(units)[rng.integers(0, units, n)] if loss == "ce" else
         rng.integers(0, 2, (n, units)).astype(float) if loss == "bce" else rng.normal(size=(n, units)))
    dtype = np.float32 if seed % 2 else np.float64
    for optimizer in OPTIMIZERS:
        def make() -> Trainer:
            model = compile_model(spec, params, dtype=dtype)
            return Trainer(model, Targets(X, Y, None, "regression"),
                           settings=TrainingSettings(optimizer, {"lr": 0.01}, 5, l2, seed))

        tr = make()
        store = Checkpoints(tr, make, _budget(tr, 6))
        moments = _run(tr, store, 90)
        assert store.spacing >= 16, optimizer
        for s in rng.permutation(91)[:25]:
            assert store.state_at(int(s)).equals(moments[s]), (optimizer, s)
        assert moments[-1].theta.dtype == dtype


def test_a_pinned_head_is_at_hand_counted_and_let_go_by_the_next_step():
    tr = make_trainer()
    store = Checkpoints(tr, make_trainer, _budget(tr, 12))
    moments = _run(tr, store, 37)
    assert store.head is None and 37 not in store.steps and store.spacing == 4
    before = store.nbytes
    store.pin_head(Moment.capture(tr))
    assert store.head.equals(moments[37]) and store.state_at(37) is store.head
    assert store.nbytes == before + store.head.own_nbytes + store.head.shuffle["perm"].nbytes
    assert store.nbytes <= store.budget and store.spacing == 4
    store.set_budget(before)  # the head stays; the grid thins to make room
    assert store.nbytes <= before and store.spacing == 8 and store.head is not None
    with pytest.raises(ValueError, match="step 37"):
        store.pin_head(moments[36])
    _run(tr, store, 1)
    assert store.head is None and store.nbytes <= before
