"""The tree of runs in a .ffn file: saved and reopened exactly, older files as one run, hostile files refused."""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

import numpy as np
import pytest

from core.data.source import DataSource
from core.files import NetworkFile, load_network, save_network
from core.runs import DEFAULT_FILE_BUDGET, Runs
from core.timeline import Moment
from core.trainer import TrainingSettings
from tests.core.test_hostile_files import parts_of, refused, zip_bytes
from tests.core.test_runs import _tree
from tests.core.test_trainer_replay import assert_same_state, make_trainer


def _file(runs: Runs, budget: int = DEFAULT_FILE_BUDGET) -> NetworkFile:
    tr = runs.trainer
    return NetworkFile(tr.model.spec, tr.model.export_parameters(), TrainingSettings.from_dict(tr.settings.to_dict()),
                       DataSource("spiral", n=90, seed=2, test_fraction=0.25), {}, tr.optimizer.state_dict(),
                       tr.history, "", runs.to_saved(budget))


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[Path, Runs]:
    runs = _tree()
    path = tmp_path_factory.mktemp("runs") / "tree.ffn"
    save_network(path, _file(runs))
    return path, runs


def _reopen(path: Path) -> Runs:
    return Runs.from_saved(make_trainer("adam", seed=8, patience=2), lambda: make_trainer("adam", patience=2),
                           load_network(path).runs)


def test_the_tree_saves_and_reopens_exactly(saved):
    path, runs = saved
    again = _reopen(path)
    assert [(r.id, r.title(), r.parent, r.branch_step) for r in again] == \
        [(r.id, r.title(), r.parent, r.branch_step) for r in runs]
    assert again.current == runs.current and Moment.capture(again.trainer).equals(Moment.capture(runs.trainer))
    for r in runs:
        assert again.history(r.id).to_dict() == runs.history(r.id).to_dict()
        for s in range(r.branch_step, runs.last_step(r.id) + 1, 4):
            assert again.state_at(r.id, s).equals(runs.state_at(r.id, s)), (r.id, s)
    again.make_current("3")
    runs.make_current("3")
    for _ in range(12):
        again.step()
        runs.step()
    assert_same_state(again.trainer, runs.trainer)
    runs.make_current("2")


def test_saving_twice_gives_the_same_bytes(saved, tmp_path):
    path, _ = saved
    save_network(tmp_path / "again.ffn", load_network(path))
    assert (tmp_path / "again.ffn").read_bytes() == path.read_bytes()


def test_a_file_without_runs_loads_as_one_run(tmp_path):
    tr = make_trainer()
    for _ in range(20):
        tr.step()
    nf = NetworkFile(tr.model.spec, tr.model.export_parameters(), tr.settings, None, {}, None, tr.history)
    save_network(tmp_path / "old.ffn", nf)
    assert "runs.npz" not in parts_of(tmp_path / "old.ffn")
    assert load_network(tmp_path / "old.ffn").runs is None
    example = load_network(Path("resources/examples/xor.ffn"))
    assert example.runs is None
    runs = Runs(tr, make_trainer)
    assert len(runs) == 1 and runs["1"].branch_step == 20 and runs.state_at("1", 20).step == 20


def test_a_long_run_saves_within_the_file_budget(tmp_path):
    runs = Runs(make_trainer(batch_size=3), lambda: make_trainer(batch_size=3), budget=10**8)
    for _ in range(3000):
        runs.step()
    one = Moment.capture(runs.trainer).own_nbytes
    budget = 40 * one
    save_network(tmp_path / "long.ffn", _file(runs, budget))
    parts = parts_of(tmp_path / "long.ffn")
    curves = 8 * 3000 * 2  # the loss and one gradient norm per step (two weight arrays: 3 numbers)
    assert len(parts["runs.npz"]) < budget + 8 * 3000 * 4 + curves
    back = load_network(tmp_path / "long.ffn").runs
    kept = back.arrays["r0.info"][:, 0]
    assert 2 <= len(kept) <= 41 and kept[-1] == 3000 and back.meta["runs"][0]["spacing"] >= 64
    again = Runs.from_saved(make_trainer(batch_size=3), lambda: make_trainer(batch_size=3), back)
    for s in (0, 1234, 2999, 3000):
        assert again.state_at("1", s).equals(runs.state_at("1", s))


# --- hostile files ---------------------------------------------------------------------------------


def _variant(saved, tmp_path: Path, doc=None, arrays=None, drop: str | None = None) -> Path:
    """The saved tree with network.json's runs changed by ``doc(runs)`` or runs.npz by ``arrays(dict)``."""
    path, _ = saved
    parts = parts_of(path)
    if doc is not None:
        d = json.loads(parts["network.json"])
        doc(d["runs"])
        parts["network.json"] = json.dumps(d).encode()
    if arrays is not None:
        with np.load(io.BytesIO(parts["runs.npz"])) as z:
            a = {k: z[k] for k in z.files}
        arrays(a)
        buf = io.BytesIO()
        np.savez(buf, **a)
        parts["runs.npz"] = buf.getvalue()
    if drop:
        del parts[drop]
    out = tmp_path / "bad.ffn"
    out.write_bytes(zip_bytes(parts))
    return out


def _set(a: dict, key: str, value) -> None:
    a[key] = value


@pytest.mark.parametrize("change, words", [
    (lambda r: r.update(version=2), ("newer Backprop Studio", "runs format 2")),
    (lambda r: r.update(current="9"), ("$.runs.current",)),
    (lambda r: r.update(next=2), ("$.runs.next",)),
    (lambda r: r["runs"][1].update(parent="7"), ("$.runs.runs[1].parent",)),
    (lambda r: r["runs"][2].update(id="1"), ("$.runs.runs[2].id",)),
    (lambda r: r["runs"][0].update(changes={"lr": 0.1}), ("$.runs.runs[0].changes",)),
    (lambda r: r["runs"][1]["changes"].update(momentum=0.5), ("$.runs.runs[1].changes",)),
    (lambda r: r["runs"][1]["changes"].update(weight={"param": "W:c1", "index": [9, 0], "value": 1}),
     ("$.runs.runs[1].changes.weight.index[0]",)),
    (lambda r: r["runs"][0].update(spacing=3), ("spacing", "a power of two")),
    (lambda r: r["runs"][0]["settings"][0]["settings"].update(batch_size=0), ("settings[0].settings.batch_size",)),
    (lambda r: r["runs"][0]["settings"][0]["hyper"].update(lr=-1), ("settings[0].hyper",)),
    (lambda r: r["runs"][0]["settings_changes"][0].update(step=10**6), ("settings_changes[0].step",)),
    (lambda r: r["runs"].extend([{}] * 200), ("203 entries", "100 runs allowed")),
    (lambda r: r["runs"][0].update(settings_changes=[{}] * 20_000), ("20,000 settings changes",)),
])
def test_bad_run_descriptions_are_refused(saved, tmp_path, change, words):
    refused(_variant(saved, tmp_path, doc=change), "network.json", *words)


@pytest.mark.parametrize("change, words", [
    (lambda a: a["r0.theta"].__setitem__((0, 0), np.nan), ("r0.theta", "NaN")),
    (lambda a: a["r1.opt.v"].__setitem__((0, 0), np.inf), ("r1.opt.v",)),
    (lambda a: a["r0.opt.r"].__setitem__((0, 0), -1.0), ("r0.opt.r", "negative")),
    (lambda a: a["r0.perms"].__setitem__((0, 0), a["r0.perms"][0, 1]), ("r0.perms", "permutation")),
    (lambda a: a["r0.info"].__setitem__((1, 0), 10**6), ("r0.info",)),
    (lambda a: a["r0.info"].__setitem__((0, 4), 5), ("r0.info", "no such settings")),
    (lambda a: a["r0.rng"].__setitem__((0, 4), 7), ("r0.rng",)),
    (lambda a: _set(a, "r0.perms", a["r0.perms"].astype(float)), ("r0.perms", "float64")),
    (lambda a: _set(a, "r0.theta", a["r0.theta"][:, :3]), ("r0.theta", "shape")),
    (lambda a: _set(a, "r5.theta", a["r0.theta"]), ("r5.theta", "no run has")),
    (lambda a: _set(a, "r0.opt.q", a["r0.theta"]), ("no checkpoint's optimiser",)),
    (lambda a: a.pop("r2.loss"), ("r2.loss is missing",)),
    (lambda a: _set(a, "r0.loss", np.array([np.inf])), ("r0.loss", "infinite")),
    (lambda a: _set(a, "r1.early", np.zeros((0, 3))), ("r1.early",)),
])
def test_bad_run_arrays_are_refused(saved, tmp_path, change, words):
    refused(_variant(saved, tmp_path, arrays=change), "runs.npz", *words)


def test_the_last_step_must_be_kept(saved, tmp_path):
    refused(_variant(saved, tmp_path, doc=lambda r: r["runs"][0].update(last=r["runs"][0]["last"] + 1)),
            "runs.npz: r0.info", "the run's last step")


def test_a_pickle_in_runs_npz_is_refused(saved, tmp_path):
    path = _variant(saved, tmp_path, arrays=lambda a: _set(a, "r0.loss", np.array([{"run": "code"}], dtype=object)))
    refused(path, "runs.npz: r0.loss", "pickled")


def test_runs_and_their_arrays_come_together(saved, tmp_path):
    refused(_variant(saved, tmp_path, drop="runs.npz"), "runs.npz is missing")
    refused(_variant(saved, tmp_path, doc=lambda r: r.clear()), "network.json at $.runs")
    path, _ = saved
    parts = parts_of(path)
    d = json.loads(parts["network.json"])
    del d["runs"]
    parts["network.json"] = json.dumps(d).encode()
    (tmp_path / "bad.ffn").write_bytes(zip_bytes(parts))
    refused(tmp_path / "bad.ffn", "runs.npz", "lists no runs")


def test_a_million_settings_changes_are_refused_at_once(saved, tmp_path):
    t0 = time.perf_counter()
    refused(_variant(saved, tmp_path, doc=lambda r: r["runs"][0].update(settings_changes=[0] * 900_000)),
            "settings changes")
    assert time.perf_counter() - t0 < 2.0
