"""Runs as a tree: branch at a step with a change, rename, delete (and put back), make current."""
from __future__ import annotations

import numpy as np
import pytest

from core.data.source import DataSource
from core.model import compile_model
from core.parameters import init_parameters
from core.runs import Runs
from core.spec import sequential
from core.timeline import Moment
from core.timeline.branch import TypedWeight
from core.trainer import Trainer, TrainingSettings
from tests.core.test_trainer_replay import assert_same_state, make_trainer


def _runs(optimizer: str = "adam", steps: int = 100, budget: int = 10**7) -> Runs:
    runs = Runs(make_trainer(optimizer), lambda: make_trainer(optimizer), budget)
    for _ in range(steps):
        runs.step()
    return runs


def _straight(name: str, k: int, then: int, **change):
    """A plain trainer: k steps, a change made by hand, ``then`` more steps."""
    tr = make_trainer(name)
    for _ in range(k):
        tr.step()
    if "lr" in change:
        tr.set_hyper(lr=change["lr"])
    if "optimizer" in change:
        tr.set_optimizer(change["optimizer"])
    if "batch_size" in change:
        tr.set_batch_size(change["batch_size"])
    if "weight" in change:
        w = change["weight"]
        tr.model.params[w.param][w.index] = w.value
    for _ in range(then):
        tr.step()
    return tr


@pytest.mark.parametrize("change", [{"lr": 0.2}, {"optimizer": "sgd"}, {"batch_size": 4},
                                    {"weight": TypedWeight("W:c2", (3, 4), -2.0)}])
def test_a_branch_starts_from_the_parents_state_and_the_parent_stays_whole(change):
    runs = _runs()
    parent_end = Moment.capture(runs.trainer)
    child = runs.branch("1", 37, **change)
    assert runs.current == child.id == "2" and child.parent == "1" and child.branch_step == 37
    assert runs.trainer.step_count == 37 and len(runs.trainer.history.step_loss) == 37
    for _ in range(50):
        runs.step()
    assert_same_state(runs.trainer, _straight("adam", 37, 50, **change))
    assert runs.last_step("2") == 87 and runs.last_step("1") == 100
    assert runs.state_at("1", 100).equals(parent_end)
    assert runs.state_at("2", 20).equals(runs.state_at("1", 20))  # before the branch: the parent's
    assert runs.history("2").step_loss[:37] == runs.history("1").step_loss[:37]
    assert runs.history("2").step_loss[37:] != runs.history("1").step_loss[37:87]


def test_switching_runs_trains_each_on_where_it_stopped():
    runs = _runs("momentum", 60)
    runs.branch("1", 30, lr=0.05)
    for _ in range(10):
        runs.step()
    runs.make_current("1")
    assert runs.trainer.step_count == 60 and len(runs.trainer.history.step_loss) == 60
    for _ in range(20):
        runs.step()
    assert_same_state(runs.trainer, _straight("momentum", 80, 0))
    runs.make_current("2")
    for _ in range(15):
        runs.step()
    assert_same_state(runs.trainer, _straight("momentum", 30, 25, lr=0.05))


def test_a_typed_weight_and_a_data_seed():
    runs = _runs(steps=40)
    w = TypedWeight("W:c1", (2, 1), 0.75)
    runs.branch("1", 25, weight=w)
    assert runs.trainer.model.params["W:c1"][2, 1] == 0.75
    model = runs.trainer.model
    assert model.unflatten(runs.state_at("2", 25).theta)["W:c1"][2, 1] == 0.75
    assert model.unflatten(runs.state_at("1", 25).theta)["W:c1"][2, 1] != 0.75
    pos = runs.trainer.shuffle_state()["pos"]
    runs.branch("1", 25, data_seed=9)
    seeded = runs.trainer.shuffle_state()
    parent = runs.state_at("1", 25).shuffle
    assert np.array_equal(seeded["perm"][:pos], parent["perm"][:pos])  # the epoch's past stays
    assert not np.array_equal(seeded["perm"][pos:], parent["perm"][pos:])
    assert sorted(seeded["perm"][pos:]) == sorted(parent["perm"][pos:])  # the same samples remain
    assert runs.trainer.settings.seed == 9


def test_labels_say_what_differs_and_names_win():
    runs = _runs(steps=20)
    assert runs["1"].title() == "Run 1" and runs["1"].label() == ""
    b = runs.branch("1", 10, optimizer="rmsprop", lr=0.01, batch_size=16)
    assert b.label() == "RMSProp, ε = 0.01, batch size 16" == b.title()
    for _ in range(5):
        runs.step()
    c = runs.branch("2", 12, l2=0.001, data_seed=3, weight=TypedWeight("b:h1", (0,), -1.5))
    assert c.label() == "L2 λ = 0.001, data seed 3, b:h1[0] = -1.5"
    runs.rename(c.id, "  careful  ")
    assert c.title() == "careful" and c.label().startswith("L2")
    runs.rename(c.id, "")
    assert c.title() == c.label()
    assert c.label(lambda s: s.replace("data seed", "数据种子")) == "L2 λ = 0.001, 数据种子 3, b:h1[0] = -1.5"


def test_delete_takes_the_subtree_and_put_back_restores_it():
    runs = _runs(steps=50)
    runs.branch("1", 20, lr=0.1)
    for _ in range(5):
        runs.step()
    runs.branch("2", 22, batch_size=3)
    for _ in range(5):
        runs.step()
    end = Moment.capture(runs.trainer)
    runs.branch("1", 40, lr=0.3)
    runs.make_current("3")
    assert [r.id for r in runs.children("1")] == ["2", "4"] and runs.subtree("2") == ["2", "3"]
    removed = runs.delete("2")
    assert [r.id for r in runs] == ["1", "4"] and runs.current == "1"
    assert runs.trainer.step_count == 50
    with pytest.raises(ValueError, match="first run"):
        runs.delete("1")
    runs.put_back(removed)
    assert [r.id for r in runs] == ["1", "4", "2", "3"] and runs.current == "3"
    assert Moment.capture(runs.trainer).equals(end)
    assert runs.branch("1", 5).id == "5"  # ids are never reused


def test_bad_branches_change_nothing():
    runs = _runs(steps=30)
    before = Moment.capture(runs.trainer)
    bad = [dict(lr=-1.0), dict(optimizer="lbfgs"), dict(batch_size=0), dict(momentum=0.9),
           dict(weight=TypedWeight("W:nope", (0, 0), 1.0)), dict(weight=TypedWeight("W:c1", (9, 0), 1.0)),
           dict(data_seed=1.5), dict(l2=float("nan"))]
    for change in bad:
        with pytest.raises(ValueError):
            runs.branch("1", 10, **change)
    with pytest.raises(ValueError, match="outside this run"):
        runs.branch("1", 31)
    with pytest.raises(ValueError, match="no run"):
        runs.branch("7", 3)
    assert len(runs) == 1 and runs.current == "1" and Moment.capture(runs.trainer).equals(before)


def test_all_runs_share_one_budget():
    one = Moment.capture(make_trainer())
    size = one.own_nbytes + one.shuffle["perm"].nbytes
    runs = _runs(steps=200, budget=60 * size)
    assert runs.checkpoints("1").nbytes <= 60 * size
    for parent in ("1", "2", "1"):
        runs.branch(parent, 50)
        for _ in range(100):
            runs.step()
    total = sum(runs.checkpoints(r.id).nbytes for r in runs)
    assert total <= runs.budget and all(runs.checkpoints(r.id).budget == 15 * size for r in runs)
    removed = runs.delete("2")
    assert runs.checkpoints("1").budget == 30 * size
    runs.put_back(removed)
    with pytest.raises(ValueError, match="cannot hold another run"):
        for _ in range(40):
            runs.branch("1", 10)
    assert sum(runs.checkpoints(r.id).nbytes for r in runs) <= runs.budget


def _tree() -> Runs:
    """Three runs with settings changes, early stopping and a typed weight."""
    runs = Runs(make_trainer("adam", patience=2), lambda: make_trainer("adam", patience=2), 10**7)
    for n in range(120):
        if n == 40:
            runs.trainer.set_hyper(lr=0.01)
        if runs.trainer.stopped is not None:
            runs.trainer.go_on()
        runs.step()
    runs.branch("1", 55, optimizer="momentum", weight=TypedWeight("W:c1", (0, 1), 0.5))
    for _ in range(30):
        runs.step()
    runs.branch("2", 70, batch_size=3)
    for _ in range(20):
        runs.step()
    runs.make_current("2")
    runs.rename("3", "small batches")
    return runs


def test_the_saved_tree_comes_back_exactly():
    runs = _tree()
    saved = runs.to_saved(budget=10**7)
    again = Runs.from_saved(make_trainer("adam", seed=11, patience=2), lambda: make_trainer("adam", patience=2),
                            saved, 10**7)
    assert [(r.id, r.name, r.parent, r.branch_step, r.label()) for r in again] == \
        [(r.id, r.name, r.parent, r.branch_step, r.label()) for r in runs]
    assert again.current == "2" and Moment.capture(again.trainer).equals(Moment.capture(runs.trainer))
    for r in runs:
        assert again.history(r.id).to_dict() == runs.history(r.id).to_dict()
        assert again.checkpoints(r.id).changes == runs.checkpoints(r.id).changes
        for s in range(r.branch_step, runs.last_step(r.id) + 1, 3):
            assert again.state_at(r.id, s).equals(runs.state_at(r.id, s)), (r.id, s)
    for _ in range(25):  # both go on alike
        runs.step()
        again.step()
    assert_same_state(again.trainer, runs.trainer)
    assert again.branch("3", 85).id == "4"


def test_saving_thins_checkpoints_to_the_file_budget():
    runs = _tree()
    size = Moment.capture(runs.trainer).own_nbytes
    saved = runs.to_saved(budget=3 * 8 * size)
    arrays = saved.arrays
    kept = [arrays[f"r{i}.info"].shape[0] for i in range(3)]
    assert all(2 <= k <= 8 for k in kept)
    assert sum(arrays[f"r{i}.theta"].nbytes for i in range(3)) < 3 * 8 * size
    again = Runs.from_saved(make_trainer("adam", patience=2), lambda: make_trainer("adam", patience=2), saved)
    for s in (0, 17, 54, 55, 99, 120):
        assert again.state_at("1", s).equals(runs.state_at("1", s)), s


def test_saved_runs_of_other_data_are_refused():
    saved = _tree().to_saved()
    with pytest.raises(ValueError, match="training samples"):
        Runs.from_saved(_other_data(), make_trainer, saved)


def _other_data() -> Trainer:
    """The same network on 50 spiral points instead of 90."""
    prep = DataSource("spiral", n=50, seed=2, test_fraction=0.25).prepare(1)
    spec = sequential([2, 5, 4, 1], "tanh", "logistic", "bce")
    return Trainer(compile_model(spec, init_parameters(spec, seed=3)), prep.train, prep.test, TrainingSettings())


def test_keep_only_the_current_run():
    runs = _tree()
    runs.make_current("3")
    end, at_80 = Moment.capture(runs.trainer), runs.state_at("3", 80)
    title = runs["3"].title()
    runs.keep_only_current()
    assert [r.id for r in runs] == ["3"] and runs["3"].parent is None and runs["3"].label() == ""
    assert runs["3"].title() == title == "small batches"
    assert runs.state_at("3", 80).equals(at_80) and Moment.capture(runs.trainer).equals(end)
    with pytest.raises(ValueError, match="outside this run"):
        runs.state_at("3", 60)
    assert runs.checkpoints("3").budget == runs.budget
    again = Runs.from_saved(make_trainer("adam", patience=2), lambda: make_trainer("adam", patience=2),
                            runs.to_saved())
    assert again.state_at("3", 80).equals(at_80) and len(again.history("3").step_loss) == 90


def test_keep_the_end_of_each_run():
    runs = _tree()
    before = {r.id: [runs.state_at(r.id, s) for s in range(runs.last_step(r.id) - 12, runs.last_step(r.id) + 1)]
              for r in runs}
    nbytes = sum(runs.checkpoints(r.id).nbytes for r in runs)
    runs.keep_end(12)
    assert sum(runs.checkpoints(r.id).nbytes for r in runs) < nbytes
    for r in runs:
        store = runs.checkpoints(r.id)
        assert store.last - 12 - store.spacing < store.first <= store.last - 12
        got = [runs.state_at(r.id, s) for s in range(store.last - 12, store.last + 1)]
        assert all(a.equals(b) for a, b in zip(got, before[r.id]))
        with pytest.raises(ValueError, match="outside this run"):
            store.state_at(store.first - 1)
    saved = runs.to_saved()
    again = Runs.from_saved(make_trainer("adam", patience=2), lambda: make_trainer("adam", patience=2), saved)
    assert again.state_at("1", 110).equals(before["1"][2])


def test_a_diverged_run_keeps_the_moment_of_its_last_step():
    runs = _runs("sgd", steps=10)
    runs.trainer.set_l2(1e150)  # the next update makes the weights enormous, the loss after it infinite
    for _ in range(20):
        if runs.step() is None:
            break
    last = runs.last_step("1")
    assert runs.trainer.diverged is not None and runs.trainer.step_count == last == 11
    straight = make_trainer("sgd")
    for _ in range(10):
        straight.step()
    straight.set_l2(1e150)
    straight.step()
    runs.branch("1", 5, lr=0.01)
    head = runs.checkpoints("1").head
    assert head.step == last and np.array_equal(head.theta, straight.model.theta)
