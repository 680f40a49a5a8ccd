"""Time travel: how long recomputing a moment takes against a step, for scrubbing at 30 fps.

Run on purpose: ``python -m pytest -q -s tests/benchmarks/test_timeline_speed.py``.
The digits case trains the digits example's shape (64-32-10, Adam, batch 32)
for 10,000 steps while recording checkpoints in the default budget, then
scrubs from the end to the start in 300 frames (a drag across the timeline)
and prints the time per frame against the 33 ms a frame has at 30 fps. The
large case measures a 784-256-256-10 checkpoint and step, and prints the
spacing and worst recompute a 20,000-step run gets within 300 MB. Both save
their runs in a .ffn file trimmed to the default and print its size and the
save and load times. The bars
are asserted only when ``BENCH_ASSERT=1`` (timings on a shared machine are
too noisy for the normal test run).
"""
from __future__ import annotations

import os
import time

import numpy as np

from core.data.source import DataSource
from core.files import NetworkFile, load_network, save_network
from core.metrics import Targets
from core.model import compile_model
from core.parameters import init_parameters
from core.runs import Runs
from core.spec import sequential
from core.timeline import DEFAULT_BUDGET, Checkpoints, Moment
from core.trainer import Trainer, TrainingSettings

FRAME = 1 / 30


def _digits_trainer() -> Trainer:
    prep = DataSource("digits", standardize=True, seed=0).prepare(10)
    spec = sequential([64, 32, 10], "tanh", "softmax", "ce")
    model = compile_model(spec, init_parameters(spec, seed=0))
    return Trainer(model, prep.train, prep.test, TrainingSettings("adam", {"lr": 0.003}, 32, 0.0, 0))


def test_scrubbing_a_10000_step_digits_run():
    tr = _digits_trainer()
    store = Checkpoints(tr, _digits_trainer, DEFAULT_BUDGET)
    t0 = time.perf_counter()
    for _ in range(10_000):
        tr.step()
        store.record(tr)
    step_s = (time.perf_counter() - t0) / 10_000
    bare = _digits_trainer()
    t0 = time.perf_counter()
    for _ in range(10_000):
        bare.step()
    bare_s = (time.perf_counter() - t0) / 10_000
    frames = np.linspace(10_000, 0, 300).astype(int)
    times = []
    for s in frames:
        t1 = time.perf_counter()
        store.state_at(int(s))
        times.append(time.perf_counter() - t1)
    times_ms = np.array(times) * 1e3
    print(f"\ndigits 64-32-10 Adam b32: step {bare_s * 1e6:.0f} µs, step+record {step_s * 1e6:.0f} µs; "
          f"checkpoints {len(store.steps)} "
          f"every {store.spacing} steps, {store.nbytes / 2**20:.1f} MiB of {DEFAULT_BUDGET / 2**20:.0f} MiB; "
          f"scrub end→start, 300 frames: median {np.median(times_ms):.2f} ms, max {times_ms.max():.2f} ms "
          f"(a frame at 30 fps: {FRAME * 1e3:.1f} ms)")
    assert store.nbytes <= DEFAULT_BUDGET
    if os.environ.get("BENCH_ASSERT") == "1":
        assert times_ms.max() < FRAME * 1e3


def test_checkpoints_of_a_784_256_256_10_network(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6000, 784))
    Y = np.eye(10)[rng.integers(0, 10, 6000)]
    spec = sequential([784, 256, 256, 10], "relu", "softmax", "ce")

    def make() -> Trainer:
        model = compile_model(spec, init_parameters(spec, seed=0))
        return Trainer(model, Targets(X, Y, None, "regression"),  # no epoch-end metric
                       settings=TrainingSettings("adam", {"lr": 1e-3}, 32, 0.0, 0))

    budget = 300 * 10**6
    runs = Runs(make(), make, budget)
    tr, store = runs.trainer, runs.checkpoints("1")
    t0 = time.perf_counter()
    for _ in range(200):
        runs.step()
    step_s = (time.perf_counter() - t0) / 200
    m = Moment.capture(tr)
    size = m.own_nbytes + m.shuffle["perm"].nbytes
    k = budget // size
    spacing = 1
    while 20_000 // spacing + 1 > k:
        spacing *= 2
    t1 = time.perf_counter()
    store.state_at(store.last - 1)
    one = time.perf_counter() - t1
    print(f"\n784-256-256-10 Adam b32: step+record {step_s * 1e3:.2f} ms, checkpoint {size / 2**20:.2f} MiB; "
          f"in 300 MB {k} checkpoints: a 20,000-step run keeps one every {spacing} steps, so a moment is "
          f"recomputed in at most {(spacing - 1) * step_s:.2f} s (one step back: {one * 1e3:.1f} ms)")
    assert store.nbytes <= budget
    print(f"784-256-256-10, 200 steps: {_save_and_load(runs, tmp_path, 'big.ffn')}")


def _save_and_load(runs: Runs, tmp_path, name: str) -> str:
    """Save the runs in a .ffn file (default trimming) and load them back: sizes and times."""
    tr = runs.trainer
    t0 = time.perf_counter()
    saved = runs.to_saved()
    nf = NetworkFile(tr.model.spec, tr.model.export_parameters(), TrainingSettings.from_dict(tr.settings.to_dict()),
                     None, {}, tr.optimizer.state_dict(), tr.history, "", saved)
    save_network(tmp_path / name, nf)
    t1 = time.perf_counter()
    back = load_network(tmp_path / name)
    t2 = time.perf_counter()
    assert back.runs is not None
    size = (tmp_path / name).stat().st_size
    return f"file {size / 2**20:.1f} MiB, saved in {t1 - t0:.2f} s, loaded in {t2 - t1:.2f} s"


def test_saving_a_10000_step_digits_run_with_its_checkpoints(tmp_path):
    runs = Runs(_digits_trainer(), _digits_trainer)
    for _ in range(10_000):
        runs.step()
    print(f"\ndigits, 10,000 steps: {_save_and_load(runs, tmp_path, 'digits.ffn')}")
