"""Core training speed against PyTorch CPU, in the same process.

Run on purpose: ``python -m pytest -q -s tests/benchmarks``. Each case
trains the same architecture, batch size, optimiser (Adam), dtype and
initial weights in core and in PyTorch (2 threads) and prints steps/s and
the ratio. The bars come from the issue that asked for them; they are
printed, and asserted only when ``BENCH_ASSERT=1`` (timings on a shared
machine are too noisy for the normal test run).

Some build machines set ``OPENBLAS_CORETYPE``/``OPENBLAS_L2_SIZE``, which
make NumPy's OpenBLAS use older kernels than the CPU has (AVX2 instead of
AVX-512 on the development machine: float32 products take twice as long);
PyTorch does not use OpenBLAS and is not affected. A user's machine does
not set them. When they are set, each case is measured twice: as the
environment stands, in this process, and with OpenBLAS choosing its own
kernels, in a child process without those variables (core and PyTorch
still share one process there). Both lines are printed; the bar applies to
the second, the configuration users run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.metrics import Targets
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import Trainer, TrainingSettings

torch = pytest.importorskip("torch")

CASES = [
    # name, sizes, hidden activation, batch, dtype, bar (core / torch)
    ("2-8-8-2 tanh/softmax", [2, 8, 8, 2], "tanh", 10, np.float64, 4.0),
    ("64-32-10 tanh/softmax", [64, 32, 10], "tanh", 32, np.float64, 4.0),
    ("784-256-256-10 relu/softmax f32", [784, 256, 256, 10], "relu", 128, np.float32, 1.5),
]


def _data(n_in: int, n_out: int, n: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, n_in)).astype(dtype)
    Y = np.eye(n_out, dtype=dtype)[rng.integers(0, n_out, n)]
    return X, Y


def _core_stepper(spec, params, X, Y, batch, dtype):
    """One training step of core.Trainer per call (Adam, lr 1e-3)."""
    model = compile_model(spec, params, dtype=dtype)
    data = Targets(X, Y, None, "regression")  # no epoch-end metric: time the steps only
    tr = Trainer(model, data, settings=TrainingSettings("adam", {"lr": 1e-3}, batch, 0.0, 0, 10**9),
                 grad_norm_every=1)
    tr._end_epoch = lambda: None  # the benchmark times steps, as the torch loop does
    return tr.step


def _torch_stepper(spec, params, X, Y, batch, dtype, act):
    """The same network, data and optimiser as a plain PyTorch loop, one step per call."""
    torch.set_num_threads(2)
    tdt = torch.float64 if dtype == np.float64 else torch.float32
    layers = []
    conns = list(spec.connections.values())
    for k, c in enumerate(conns):
        W = params[f"W:{c.id}"]
        lin = torch.nn.Linear(W.shape[1], W.shape[0]).to(tdt)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(W, dtype)))
            lin.bias.copy_(torch.from_numpy(params[f"b:{c.dst}"].astype(dtype)))
        layers.append(lin)
        if k < len(conns) - 1:
            layers.append(torch.nn.Tanh() if act == "tanh" else torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(Y.argmax(1))
    lossf = torch.nn.CrossEntropyLoss()
    gen = np.random.default_rng(0)
    order = {"perm": torch.from_numpy(gen.permutation(len(X))), "pos": 0}

    def step():
        if order["pos"] + batch > len(X):
            order["perm"], order["pos"] = torch.from_numpy(gen.permutation(len(X))), 0
        idx = order["perm"][order["pos"]: order["pos"] + batch]
        order["pos"] += batch
        opt.zero_grad()
        loss = lossf(net(Xt[idx]), yt[idx])
        loss.backward()
        opt.step()
        return loss.item()

    return step


_SETTLE = 0.3  # seconds for the other side's idle threads to stop spinning


def _rate(step, seconds: float) -> float:
    """Steps per second of ``step`` over about ``seconds``."""
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for _ in range(25):
            step()
        n += 25
    return n / (time.perf_counter() - t0)


def _compare(core_step, torch_step, seconds: float, rounds: int) -> tuple[float, float, float]:
    """Median core rate, torch rate and ratio over alternating rounds.

    The two run turn about in short windows, so a slow spell of a shared
    machine falls on both rather than on whichever happened to run then.
    Each window starts after a pause: OpenBLAS's worker threads keep
    spinning for tens of milliseconds after a product (and PyTorch's for a
    while after its ops), which without the pause would slow the side timed
    next by about a tenth.
    """
    for _ in range(20):
        core_step()
        torch_step()
    core, ref = [], []
    for _ in range(rounds):
        time.sleep(_SETTLE)
        core.append(_rate(core_step, seconds / rounds))
        time.sleep(_SETTLE)
        ref.append(_rate(torch_step, seconds / rounds))
    ratios = [c / r for c, r in zip(core, ref)]
    return float(np.median(core)), float(np.median(ref)), float(np.median(ratios))


# Environment variables that change which OpenBLAS kernels NumPy uses.
_OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def measure(case_name: str, seconds: float) -> tuple[float, float, float]:
    """Median core steps/s, PyTorch steps/s and their ratio for one case."""
    _, sizes, act, batch, dtype, _ = next(c for c in CASES if c[0] == case_name)
    spec = sequential(sizes, act, "softmax", "ce")
    params = init_parameters(spec, seed=0)
    X, Y = _data(sizes[0], sizes[-1], 2000, dtype)
    return _compare(_core_stepper(spec, params, X, Y, batch, dtype),
                    _torch_stepper(spec, params, X, Y, batch, dtype, act), seconds, rounds=8)


def _measure_without_overrides(case_name: str, seconds: float) -> tuple[float, float, float]:
    """:func:`measure` in a child process whose OpenBLAS picks its own kernels."""
    env = {k: v for k, v in os.environ.items() if k not in _OPENBLAS_OVERRIDES}
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    code = ("import json, sys; from tests.benchmarks.test_core_speed import measure; "
            "print(json.dumps(measure(sys.argv[1], float(sys.argv[2]))))")
    out = subprocess.run([sys.executable, "-c", code, case_name, str(seconds)], env=env, cwd=root,
                         capture_output=True, text=True, check=True).stdout
    return tuple(json.loads(out.strip().splitlines()[-1]))


def _line(name: str, result: tuple[float, float, float], what: str) -> str:
    core_rate, torch_rate, ratio = result
    return (f"{name:34s} core {core_rate:9.0f} steps/s   torch {torch_rate:9.0f} steps/s   "
            f"ratio {ratio:5.2f}x   {what}")


@pytest.mark.parametrize("name,sizes,act,batch,dtype,bar", CASES, ids=[c[0] for c in CASES])
def test_core_vs_torch(name, sizes, act, batch, dtype, bar):
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))  # per side, split in 8 alternating rounds
    here = measure(name, seconds)
    overrides = {k: os.environ[k] for k in _OPENBLAS_OVERRIDES if k in os.environ}
    if overrides:
        print("\n" + _line(name, here, "with " + " ".join(f"{k}={v}" for k, v in overrides.items())))
        judged = _measure_without_overrides(name, seconds)
        print(_line(name, judged, f"OpenBLAS's own kernels (bar {bar}x)"))
    else:
        judged = here
        print("\n" + _line(name, judged, f"(bar {bar}x)"))
    if os.environ.get("BENCH_ASSERT") == "1":
        assert judged[2] >= bar
