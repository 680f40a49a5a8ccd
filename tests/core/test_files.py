"""Network files (.ffn): round trips, atomic saves, and every way a file can be bad.

The promises tested here: what is saved loads back bit for bit; a process
killed while saving leaves the old file or the new one, never a mix; and a
bad file, whatever is wrong with it, gives one NetworkFileError with a clear
one-line message, never another exception and never a half-loaded network.
"""
from __future__ import annotations

import io
import json
import math
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import files
from core.activations import ACTIVATIONS
from core.data.source import DataSource
from core.examples import LECTURE_SAMPLE, LECTURE_W_HIDDEN, LECTURE_W_OUTPUT, build_examples
from core.files import (FORMAT_VERSION, NetworkFile, NetworkFileError, load_network,
                        save_network)
from core.model import compile_model
from core.optim import OPTIMIZERS
from core.parameters import flat_views, init_parameters, parameter_shapes
from core.schema import load_schema
from core.spec import INITIALISERS, LOSSES, NODE_KINDS, NetworkSpec, Node, sequential
from core.trainer import EpochInfo, History, TrainingSettings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "network-v1.ffn"


# --- helpers ------------------------------------------------------------------------------

def small_file(seed: int = 0, with_state: bool = True) -> NetworkFile:
    """A 2-3-2 network with optimiser state and history: every member present."""
    spec = sequential([2, 3, 2], "tanh", "softmax", "ce")
    params = init_parameters(spec, seed)
    n = sum(a.size for a in params.values())
    opt = {"name": "adam", "hyper": {"lr": 0.01}, "t": 4,
           "state": [{"s": np.linspace(-1, 1, n), "r": np.linspace(0, 2, n)}]} if with_state else None
    hist = History([1.0, 0.5], [EpochInfo(1, 2, 0.5, 0.5, math.nan, math.nan)],
                   ["W:c1", "W:c2"], [2], [[0.25, 0.75]])
    return NetworkFile(spec, params, TrainingSettings("adam", {"lr": 0.01}, 16, 0.0, 3, 10),
                       DataSource("xor", n=50), {"zoom": 2}, opt, hist, "small")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def npz(arrays: dict[str, np.ndarray], allow_pickle: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, a in arrays.items():
            one = io.BytesIO()
            np.lib.format.write_array(one, a, allow_pickle=allow_pickle)
            zf.writestr(f"{k}.npy", one.getvalue())
    return buf.getvalue()


def read_npz(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def variant(tmp_path: Path, name: str = "bad.ffn", doc=None, arrays=None, extra=None,
            drop=(), base: NetworkFile | None = None) -> Path:
    """A copy of a valid file with network.json and/or weights.npz changed."""
    good = tmp_path / "good-source.ffn"
    save_network(good, base or small_file())
    parts = members(good)
    if doc is not None:
        d = json.loads(parts["network.json"])
        doc(d)
        parts["network.json"] = json.dumps(d).encode()
    if arrays is not None:
        a = read_npz(parts["weights.npz"])
        arrays(a)
        parts["weights.npz"] = npz(a)
    for k in drop:
        parts.pop(k, None)
    parts.update(extra or {})
    return write_zip(tmp_path / name, parts)


def load_error(path: Path) -> NetworkFileError:
    with pytest.raises(NetworkFileError) as info:
        load_network(path)
    err = info.value
    msg = str(err)
    assert "\n" not in msg and str(path) in msg, msg
    assert not err.unexpected, f"only the last-resort handler caught this: {msg}"
    return err


@pytest.fixture
def schema_mode():
    """The loader has one validator, its hand checks; the JSON Schema is the tests' oracle
    (``tests/core/test_schema_oracle.py``). Kept as a fixture so the tests that once ran in
    two modes still say which checks they exercise."""
    return "hand checks"


def same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(
        a[k].dtype == b[k].dtype and a[k].shape == b[k].shape and a[k].tobytes() == b[k].tobytes()
        for k in a)


# --- round trips --------------------------------------------------------------------------

def test_round_trip_keeps_everything(tmp_path):
    nf = small_file()
    save_network(tmp_path / "a.ffn", nf)
    back = load_network(tmp_path / "a.ffn")
    assert back.spec == nf.spec
    assert same_arrays(back.params, nf.params)
    assert back.training == nf.training
    assert back.data == nf.data
    assert back.view == {"zoom": 2}
    assert back.description == "small"
    assert back.optimizer_state["name"] == "adam" and back.optimizer_state["t"] == 4
    assert back.optimizer_state["hyper"] == {"lr": 0.01, "rho1": 0.9, "rho2": 0.999, "delta": 1e-8} \
        or back.optimizer_state["hyper"] == {"lr": 0.01}
    for k in ("s", "r"):
        assert np.array_equal(back.optimizer_state["state"][0][k], nf.optimizer_state["state"][0][k])
    assert back.history.step_loss == [1.0, 0.5]
    e = back.history.epochs[0]
    assert (e.epoch, e.step, e.train_loss) == (1, 2, 0.5) and math.isnan(e.test_loss)
    assert back.history.grad_norms == [[0.25, 0.75]]


def test_a_trained_run_resumes_exactly_from_a_file(tmp_path):
    """Weights + optimiser state from a file continue the optimiser's trajectory bit for bit."""
    from core.metrics import encode_targets
    from core.trainer import Trainer
    from core.data import make_toy
    ds = make_toy("xor", n=64, noise=0.1, seed=1)
    data = encode_targets(ds.X, ds.y, "classification", 1, 2)
    spec = sequential([2, 4, 1], "tanh", "logistic", "bce")

    def trainer(params):
        return Trainer(compile_model(spec, params), data, None, TrainingSettings("adam", {"lr": 0.05}, 64))

    a = trainer(init_parameters(spec, 0))
    for _ in range(5):
        a.step()
    save_network(tmp_path / "t.ffn", NetworkFile(spec, a.model.export_parameters(), a.settings,
                                                 optimizer_state=a.optimizer.state_dict(),
                                                 history=a.history))
    nf = load_network(tmp_path / "t.ffn")
    b = trainer(nf.params)
    b.optimizer.load_state_dict(nf.optimizer_state)
    b.rng.bit_generator.state = a.rng.bit_generator.state  # the shuffling is not in the file
    for _ in range(5):
        a.step()
        b.step()
    assert np.array_equal(a.model.theta, b.model.theta)


def test_weights_npz_is_an_ordinary_npz(tmp_path):
    nf = small_file()
    save_network(tmp_path / "a.ffn", nf)
    with zipfile.ZipFile(tmp_path / "a.ffn") as zf:
        assert zf.namelist()[0] == "network.json"
        z = np.load(io.BytesIO(zf.read("weights.npz")), allow_pickle=False)
        assert np.array_equal(z["W:c1"], nf.params["W:c1"])
        assert "opt/s/W:c1" in z.files and "opt/r/b:out" in z.files
        doc = json.loads(zf.read("network.json"))
    assert doc["format"] == "backprop-studio-network" and doc["format_version"] == files.FORMAT_VERSION == 2
    assert doc["optimizer"]["state_keys"] == ["s", "r"] and doc["optimizer"]["t"] == 4


def test_same_network_same_bytes(tmp_path):
    save_network(tmp_path / "a.ffn", small_file())
    save_network(tmp_path / "b.ffn", small_file())
    assert (tmp_path / "a.ffn").read_bytes() == (tmp_path / "b.ffn").read_bytes()


def test_empty_and_unfinished_networks_can_be_saved(tmp_path):
    """The designer saves work in progress: no output yet, no connections."""
    save_network(tmp_path / "empty.ffn", NetworkFile(NetworkSpec(), {}, TrainingSettings(),
                                                      DataSource(), {}, None, None, ""))
    assert load_network(tmp_path / "empty.ffn").spec.nodes == {}
    spec = NetworkSpec()
    spec.add_node(Node("in", "input", 2))
    spec.add_node(Node("h", "layer", 3, "relu"))
    save_network(tmp_path / "wip.ffn", NetworkFile(spec, init_parameters(spec)))
    assert load_network(tmp_path / "wip.ffn").spec == spec


def test_float32_networks_stay_float32(tmp_path):
    nf = small_file(with_state=False)
    nf.params = {k: v.astype(np.float32) for k, v in nf.params.items()}
    save_network(tmp_path / "a.ffn", nf)
    back = load_network(tmp_path / "a.ffn")
    assert same_arrays(back.params, nf.params)


def test_every_settings_field_survives(tmp_path):
    """A field added to TrainingSettings or DataSource must be added to the file checks too."""
    training = TrainingSettings("momentum", {"lr": 0.2, "alpha": 0.5}, 7, 0.01, 11, 33)
    data = DataSource("csv", path="data/my.csv", target="label", n=77, noise=0.3, seed=5,
                      test_fraction=0.3, features=[], standardize=True,
                      standardizer={"mean": [1.0, 2.0], "scale": [0.5, 4.0]})
    nf = small_file(with_state=False)
    nf.training, nf.data = training, data
    save_network(tmp_path / "a.ffn", nf)
    back = load_network(tmp_path / "a.ffn")
    assert back.training.to_dict() == training.to_dict()
    assert back.data.to_dict() == data.to_dict()
    toy = DataSource("circles", features=["x1^2", "x2^2"], seed=None)
    nf.data = toy
    save_network(tmp_path / "b.ffn", nf)
    assert load_network(tmp_path / "b.ffn").data.to_dict() == toy.to_dict()


# hypothesis: random DAGs, random weights (any finite bit pattern), random settings

_ACTS = [a for a in ACTIVATIONS if a != "softmax"]


@st.composite
def networks(draw):
    spec = NetworkSpec()
    n_in = draw(st.integers(1, 4))
    spec.add_node(Node("in", "input", n_in, bias=False,
                       meta={"pos": [draw(st.floats(-1e3, 1e3)), 0.0]}))
    hidden = draw(st.integers(0, 4))
    ids = ["in"]
    for k in range(hidden):
        act = draw(st.sampled_from(_ACTS))
        units = draw(st.integers(1, 4))
        node = Node(f"h{k}", draw(st.sampled_from(["layer", "neuron"])) if units == 1 else "layer",
                    units, act, bias=draw(st.booleans()), init=draw(st.sampled_from(INITIALISERS)),
                    name=draw(st.text(max_size=8)), meta={"note": draw(st.text(max_size=5))})
        spec.add_node(node)
        for src in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)):
            spec.connect(src, node.id)
        ids.append(node.id)
    loss = draw(st.sampled_from(list(LOSSES)))
    units = draw(st.integers(2, 3)) if loss == "ce" else draw(st.integers(1, 3))
    act = {"ce": "softmax", "bce": "logistic"}.get(loss) or draw(st.sampled_from(_ACTS))
    spec.add_node(Node("out", "output", units, act, loss=loss))
    for src in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)):
        spec.connect(src, "out")
    c = draw(st.sampled_from(list(spec.connections.values())))
    if draw(st.booleans()):
        spec.set_edge(c.id, 0, 0, present=False)
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    finite = st.floats(allow_nan=False, allow_infinity=False, width=32 if dtype == np.float32 else 64)
    params = {}
    for key, shape in parameter_shapes(spec).items():
        values = draw(st.lists(finite, min_size=math.prod(shape), max_size=math.prod(shape)))
        params[key] = np.array(values, dtype=dtype).reshape(shape)
    opt_name = draw(st.sampled_from(list(OPTIMIZERS)))
    n = sum(math.prod(s) for s in parameter_shapes(spec).values())
    state = {k: np.abs(np.array(draw(st.lists(finite, min_size=n, max_size=n)), dtype=dtype))
             for k in OPTIMIZERS[opt_name].state_keys}
    opt = draw(st.sampled_from([None, {"name": opt_name, "hyper": {"lr": 0.5}, "t": draw(st.integers(0, 10**6)),
                                       "state": [state]}]))
    training = TrainingSettings(opt_name, {"lr": draw(st.floats(0, 10))}, draw(st.integers(1, 512)),
                                draw(st.floats(0, 1)), draw(st.integers(0, 2**63 - 1)),
                                draw(st.integers(0, 10**6)))
    desc = draw(st.text(max_size=40))
    view = draw(st.dictionaries(st.text(max_size=5), st.one_of(st.integers(-10, 10), st.text(max_size=5),
                                                              st.booleans(), st.none()), max_size=3))
    return NetworkFile(spec, params, training, None, view, opt, None, desc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(nf=networks())
def test_round_trip_property(tmp_path, nf):
    path = tmp_path / "rt.ffn"
    save_network(path, nf)
    back = load_network(path)
    assert back.spec == nf.spec
    assert same_arrays(back.params, nf.params)
    assert back.training == nf.training
    assert back.view == nf.view and back.description == nf.description
    if nf.optimizer_state is None:
        assert back.optimizer_state is None
    else:
        assert back.optimizer_state["t"] == nf.optimizer_state["t"]
        assert same_arrays(back.optimizer_state["state"][0], nf.optimizer_state["state"][0])


# --- examples -----------------------------------------------------------------------------

def test_examples_on_disk_are_the_generated_ones():
    built = build_examples()
    assert sorted(p.name for p in EXAMPLES.glob("*.ffn")) == sorted(built)
    for name, nf in built.items():
        disk = load_network(EXAMPLES / name)
        assert disk.spec == nf.spec, name
        assert same_arrays(disk.params, {k: np.asarray(v) for k, v in nf.params.items()}), name
        assert disk.training == nf.training and disk.description == nf.description, name
        assert disk.description and "\n" not in disk.description, name
        for node in disk.spec.nodes.values():
            assert len(node.meta["pos"]) == 2, name


def test_single_neuron_example_is_the_lecture():
    nf = load_network(EXAMPLES / "single-neuron.ffn")
    model = compile_model(nf.spec, nf.params)
    assert model.forward(np.array([[1.5]]))[0, 0] == pytest.approx(1.4)
    loss = model.loss_and_grad(np.array([[1.5]]), np.array([[0.8]]))
    assert loss == pytest.approx(0.18)
    assert model.grads["W:w"][0, 0] == pytest.approx(0.9)
    assert model.grads["b:y"][0] == pytest.approx(0.6)


def test_sigmoid_neuron_example_is_the_computation_graph():
    nf = load_network(EXAMPLES / "sigmoid-neuron.ffn")
    assert nf.params["W:w"].tolist() == [[0.0]] and nf.params["b:f"].tolist() == [0.0]
    assert nf.spec.nodes["f"].activation == "logistic"
    model = compile_model(nf.spec, nf.params)
    assert model.forward(np.array([[1.0]]))[0, 0] == pytest.approx(0.5)
    # df/dw = x σ'(wx + b) = 1 * 0.25: with L = ½(f − y)², dL/dw = (f − y) df/dw
    model.loss_and_grad(np.array([[1.0]]), np.array([[-0.5]]))
    assert model.grads["W:w"][0, 0] == pytest.approx(1.0 * 0.25)


def test_lecture_network_numbers():
    nf = load_network(EXAMPLES / "lecture-3-3-3.ffn")
    spec = nf.spec
    assert [n.meta["unit_labels"] for n in spec.nodes.values()] == [["1", "2", "3"], ["4", "5", "6"],
                                                                   ["7", "8", "9"]]
    assert all(n.activation == "logistic" and not n.bias for n in list(spec.nodes.values())[1:])
    assert spec.output_node.loss == "mse"
    assert nf.params["W:c1"].tolist() == LECTURE_W_HIDDEN and nf.params["W:c2"].tolist() == LECTURE_W_OUTPUT
    x, y = np.array(LECTURE_SAMPLE["input"]), np.array(LECTURE_SAMPLE["target"])
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    a_h = sig(np.array(LECTURE_W_HIDDEN) @ x)
    y_hat = sig(np.array(LECTURE_W_OUTPUT) @ a_h)
    model = compile_model(spec, nf.params)
    assert model.forward(x[None])[0] == pytest.approx(y_hat)
    model.loss_and_grad(x[None], y[None])
    # dL_s7/dw_47 = (ŷ7 − y7) ŷ7 (1 − ŷ7) a4: output unit 7 is row 0, hidden unit 4 column 0
    assert model.grads["W:c2"][0, 0] == pytest.approx((y_hat[0] - y[0]) * y_hat[0] * (1 - y_hat[0]) * a_h[0])
    # w_14 collects the contributions of every output it reaches
    delta_out = (y_hat - y) * y_hat * (1 - y_hat)
    delta_4 = a_h[0] * (1 - a_h[0]) * float(np.array(LECTURE_W_OUTPUT)[:, 0] @ delta_out)
    assert model.grads["W:c1"][0, 0] == pytest.approx(delta_4 * x[0])


def test_ready_to_train_examples_have_their_data():
    for name, data, sizes in [("xor.ffn", "xor", (2, 1)), ("spiral.ffn", "spiral", (2, 1)),
                              ("digits.ffn", "digits", (64, 10))]:
        nf = load_network(EXAMPLES / name)
        assert nf.data is not None and nf.data.name == data
        assert (nf.spec.input_node.units, nf.spec.output_node.units) == sizes
        nf.spec.validate()
    digits = load_network(EXAMPLES / "digits.ffn")
    assert digits.data.standardize and len(digits.data.standardizer["mean"]) == 64


# --- the version-1 fixture and migrations -------------------------------------------------

def test_version_1_fixture_keeps_loading(schema_mode):
    nf = load_network(FIXTURE_V1)
    spec = nf.spec
    assert list(spec.nodes) == ["in", "h1", "n1", "out"]
    assert [c.id for c in spec.connections.values()] == ["c1", "c2", "c3", "c4", "skip"]
    assert spec.connections["c1"].removed == [(1, 2)]
    assert spec.nodes["h1"].activation == "prelu" and spec.nodes["h1"].activation_params == {"gamma": 0.25}
    assert spec.nodes["n1"].bias is False and spec.nodes["out"].loss == "ce"
    assert spec.nodes["n1"].meta["pos"] == [220.0, 160.0]
    assert nf.params["W:c2"].tolist() == [[1.5, -2.0]]
    assert nf.params["W:skip"].dtype == np.float32
    assert nf.params["gamma:h1"].tolist() == [0.25, 0.25, 0.3]
    assert nf.training == TrainingSettings("adam", {"lr": 0.005, "rho1": 0.8}, 8, 0.001, 7, 12)
    assert nf.data.name == "moons" and nf.data.standardizer == {"mean": [0.5, -0.25], "scale": [2.0, 1.5]}
    assert nf.view == {"zoom": 1.25, "show_values": True}
    assert nf.optimizer_state["t"] == 3
    # The fixture holds s per parameter: 0.00, 0.01, ... in parameter order, row by row.
    shapes = parameter_shapes(spec)
    s_views, pos = flat_views(nf.optimizer_state["state"][0]["s"], shapes), 0
    assert sum(math.prod(shape) for shape in shapes.values()) == 28
    for key, shape in shapes.items():
        n = math.prod(shape)
        assert s_views[key].tolist() == (np.arange(pos, pos + n) / 100.0).reshape(shape).tolist(), key
        pos += n
    assert math.isnan(nf.history.epochs[0].test_loss)
    assert nf.description == "Fixture of format version 1: one of everything."
    model = compile_model(spec, nf.params)
    assert np.isfinite(model.forward(np.array([[0.5, -1.0]]))).all()


def test_migrations_run_in_order(monkeypatch, tmp_path):
    seen = []

    def v2_to_v3(doc):
        seen.append(doc["format_version"])
        doc["description"] = "migrated: " + doc["description"]
        return doc

    monkeypatch.setattr(files.migrate, "FORMAT_VERSION", 3)
    monkeypatch.setattr(files.migrate, "MIGRATIONS", {1: lambda d: seen.append(d["format_version"]) or d,
                                              2: v2_to_v3})
    nf = load_network(FIXTURE_V1)
    assert seen == [1, 2] and nf.description.startswith("migrated: Fixture")


def test_a_newer_format_is_refused_with_its_number(tmp_path):
    path = variant(tmp_path, doc=lambda d: d.update(format_version=FORMAT_VERSION + 1))
    err = load_error(path)
    assert f"written by a newer Backprop Studio (format {FORMAT_VERSION + 1})" in str(err)


def test_schema_enumerations_agree_with_the_engine():
    s = load_schema("network")["$defs"]
    assert s["node"]["properties"]["kind"]["enum"] == list(NODE_KINDS)
    assert s["node"]["properties"]["loss"]["oneOf"][1]["enum"] == list(LOSSES)
    assert s["training"]["properties"]["optimizer"]["enum"] == list(OPTIMIZERS)
    assert s["optimizer"]["properties"]["name"]["enum"] == list(OPTIMIZERS)
    assert s["node"]["properties"]["units"]["maximum"] == files.MAX_UNITS
    assert s["spec"]["properties"]["nodes"]["maxItems"] == files.MAX_NODES
    assert s["spec"]["properties"]["connections"]["maxItems"] == files.MAX_CONNECTIONS


def test_the_files_module_does_not_need_jsonschema():
    code = ("import sys; sys.modules['jsonschema'] = None\n"
            "from core.files import load_network\n"
            f"nf = load_network({str(FIXTURE_V1)!r})\n"
            "print(len(nf.params))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "8"


# --- atomic saving ------------------------------------------------------------------------

def test_a_normal_save_leaves_no_temporary_files(tmp_path):
    for k in range(3):
        save_network(tmp_path / "a.ffn", small_file(seed=k))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ffn"]


def test_a_failed_save_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch):
    path = tmp_path / "a.ffn"
    save_network(path, small_file(seed=1))
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(NetworkFileError, match="No space left on device") as err:
        save_network(path, small_file(seed=2))
    assert str(path) in str(err.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ffn"]


def test_saving_what_cannot_load_is_refused_before_touching_the_disk(tmp_path):
    path = tmp_path / "a.ffn"
    nf = small_file()
    nf.params["W:c1"] = nf.params["W:c1"].copy()
    nf.params["W:c1"][0, 0] = np.nan
    with pytest.raises(NetworkFileError, match="NaN"):
        save_network(path, nf)
    nf = small_file()
    del nf.params["b:out"]
    with pytest.raises(NetworkFileError, match="b:out"):
        save_network(path, nf)
    nf = small_file()
    nf.view = {"bad": float("inf")}
    with pytest.raises(NetworkFileError, match="cannot save"):
        save_network(path, nf)
    nf = small_file()
    nf.data = DataSource("digits", standardize=True, standardizer={"mean": [0.0], "scale": [1.0]})
    with pytest.raises(NetworkFileError, match="standardiser has 1 columns"):
        save_network(path, nf)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(NetworkFileError, match="cannot save"):
        save_network(tmp_path / "no" / "such" / "folder.ffn", small_file())


def test_save_keeps_the_files_permissions(tmp_path):
    path = tmp_path / "a.ffn"
    save_network(path, small_file())
    os.chmod(path, 0o600)
    save_network(path, small_file(seed=3))
    assert (path.stat().st_mode & 0o777) == 0o600


_CHILD = textwrap.dedent("""
    import sys
    import numpy as np
    from core.files import NetworkFile, save_network
    from core.parameters import init_parameters
    from core.spec import sequential
    spec = sequential([64, 256, 256, 10], "tanh", "softmax", "ce")
    base = init_parameters(spec, 0)
    path = sys.argv[1]
    version = 1
    print("ready", flush=True)
    while True:
        params = {k: np.full_like(v, float(version)) for k, v in base.items()}
        save_network(path, NetworkFile(spec, params, description=str(version)))
        print(version, flush=True)  # saved: the parent counts these before it kills
        version += 1
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_a_process_mid_save_leaves_an_old_or_new_complete_file(tmp_path):
    """30 times: a child saves a ~90k-parameter network in a loop and is killed at a random moment.

    Run k waits until the child has finished k % 6 saves, then kills it after
    a random delay, so the kills land at different stages of the loop by
    construction (the count, not the machine's speed, spreads them).
    """
    path = tmp_path / "net.ffn"
    spec = sequential([64, 256, 256, 10], "tanh", "softmax", "ce")
    save_network(path, NetworkFile(spec, {k: np.zeros_like(v) for k, v in init_parameters(spec).items()},
                                   description="0"))
    rng = random.Random(1234)
    seen = set()
    for run in range(30):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert child.stdout.readline().strip() == b"ready"
        for _ in range(run % 6):
            child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.12))
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        nf = load_network(path)  # must not raise
        version = int(nf.description)
        assert all((a == version).all() for a in nf.params.values()), "a mix of two versions"
        assert version >= run % 6, (run, version)  # at least the saves the child reported
        seen.add(version)
    # By construction the kills came after 0 to 5 finished saves, so the file went past version 5.
    assert max(seen) >= 5, f"the kills did not land at different moments: {sorted(seen)}"


# --- bad files: each case with its message ------------------------------------------------

def test_missing_file(tmp_path):
    assert "no such file" in str(load_error(tmp_path / "nope.ffn"))


def test_folder_instead_of_file(tmp_path):
    assert "is a folder" in str(load_error(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.ffn"
    save_network(path, small_file())
    path.chmod(0)
    try:
        assert "cannot read" in str(load_error(path))
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"hello, I am a text file\n", "not a zip archive"),
    (b"PK\x03\x04garbage", "not a zip archive"),
])
def test_not_a_network_file(tmp_path, content, words):
    path = tmp_path / "x.ffn"
    path.write_bytes(content)
    assert words in str(load_error(path))


def test_truncated_file(tmp_path):
    path = tmp_path / "t.ffn"
    save_network(path, small_file())
    data = path.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 30):
        path.write_bytes(data[:cut])
        assert "cut short" in str(load_error(path))


@pytest.mark.parametrize("gone", ["network.json", "weights.npz"])
def test_missing_member(tmp_path, gone):
    err = load_error(variant(tmp_path, drop=[gone]))
    assert f"{gone} is missing" in str(err)


def test_zip_of_something_else(tmp_path):
    path = write_zip(tmp_path / "photos.ffn", {"cat.jpg": b"\xff\xd8"})
    assert "not a Backprop Studio network file" in str(load_error(path))


def test_wrong_format_name(tmp_path):
    err = load_error(variant(tmp_path, doc=lambda d: d.update(format="keras")))
    assert "not a Backprop Studio network file" in str(err) and "keras" in str(err)


def test_json_that_is_not_json(tmp_path):
    err = load_error(variant(tmp_path, extra={"network.json": b'{"format": "backprop-studio-network",'}))
    assert "network.json is damaged: not valid JSON" in str(err)
    err = load_error(variant(tmp_path, extra={"network.json": b"\xff\xfe\x00garbage"}))
    assert "not UTF-8" in str(err)
    err = load_error(variant(tmp_path, extra={"network.json": b"[" * 100_000 + b"]" * 100_000}))
    assert "network.json" in str(err)


def test_nan_in_json_is_refused(tmp_path):
    good = tmp_path / "g.ffn"
    save_network(good, small_file())
    parts = members(good)
    parts["network.json"] = parts["network.json"].replace(b'"l2": 0.0', b'"l2": NaN')
    assert "NaN" in str(load_error(write_zip(tmp_path / "n.ffn", parts)))
    parts["network.json"] = members(good)["network.json"].replace(b'"l2": 0.0', b'"l2": 1e999')
    assert "too large" in str(load_error(write_zip(tmp_path / "n.ffn", parts)))


@pytest.mark.parametrize("change, where, words", [
    (lambda d: d["spec"]["nodes"][1].update(units="three"), "$.spec.nodes[1].units", ""),
    (lambda d: d["spec"]["nodes"][1].update(kind="blob"), "$.spec.nodes[1].kind", ""),
    (lambda d: d["training"].update(batch_size=0), "$.training.batch_size", ""),
    (lambda d: d["training"].update(optimizer="lbfgs"), "$.training.optimizer", ""),
    (lambda d: d["training"]["hyper"].update(lr="fast"), "$.training.hyper.lr", ""),
    (lambda d: d.update(spec=[]), "$.spec", ""),
    (lambda d: d["data"].update(test_fraction=1.5), "$.data.test_fraction", ""),
    (lambda d: d["spec"]["connections"][0].update(removed=[[0]]), "$.spec.connections[0].removed[0]", ""),
    (lambda d: d["spec"]["nodes"][0]["meta"].update(pos="left"), "$.spec.nodes[0].meta.pos", ""),
    (lambda d: d.update(description=5), "$.description", ""),
    (lambda d: d.pop("training"), "$", "training"),
])
def test_schema_violations_name_the_json_path(tmp_path, schema_mode, change, where, words):
    err = load_error(variant(tmp_path, doc=change))
    assert f"network.json at {where}" in str(err)
    assert words in str(err)


def test_hand_check_messages_say_what_was_expected(tmp_path):
    err = load_error(variant(tmp_path, doc=lambda d: d["training"].update(batch_size=0)))
    assert "expected a whole number from 1 to" in str(err) and "got 0" in str(err)
    err = load_error(variant(tmp_path, doc=lambda d: d["training"]["hyper"].update(lr=-1)))
    assert "$.training.hyper" in str(err) and "lr" in str(err)
    err = load_error(variant(tmp_path, doc=lambda d: d["data"].update(name="mnist")))
    assert "$.data.name" in str(err) and "mnist" in str(err)


def test_unknown_activation(tmp_path, schema_mode):
    err = load_error(variant(tmp_path, doc=lambda d: d["spec"]["nodes"][1].update(activation="swoosh")))
    assert "unknown activation 'swoosh'" in str(err)


def test_cycle_names_its_nodes(tmp_path, schema_mode):
    def loop(d):
        d["spec"]["connections"].append({"id": "back", "src": "out", "dst": "h1"})
    err = load_error(variant(tmp_path, doc=loop))
    assert "cycle" in str(err) and "hidden 1 → output → hidden 1" in str(err)


def test_connection_to_a_missing_node(tmp_path, schema_mode):
    err = load_error(variant(tmp_path, doc=lambda d: d["spec"]["connections"][0].update(dst="ghost")))
    assert "ghost" in str(err) and "does not exist" in str(err)


def test_a_layer_of_a_billion_units(tmp_path, schema_mode):
    err = load_error(variant(tmp_path, doc=lambda d: d["spec"]["nodes"][1].update(units=10**9)))
    assert "$.spec.nodes[1].units" in str(err) or "100000" in str(err)


def test_too_many_parameters_is_refused_before_reading_arrays(tmp_path, schema_mode):
    def huge(d):
        d["spec"]["nodes"][0]["units"] = 100_000
        d["spec"]["nodes"][1]["units"] = 100_000
    err = load_error(variant(tmp_path, doc=huge))
    assert "parameters, more than the 20,000,000" in str(err)


def test_too_many_nodes(tmp_path, schema_mode):
    def many(d):
        d["spec"]["nodes"] += [{"id": f"x{k}", "kind": "layer", "units": 1} for k in range(files.MAX_NODES)]
    err = load_error(variant(tmp_path, doc=many))
    assert "$.spec.nodes" in str(err)


def test_a_large_awkward_graph_loads_quickly(tmp_path):
    """Connections listed backwards along a long chain: the spec's checks must not go cubic."""
    n = 400
    spec = {"nodes": [{"id": "in", "kind": "input", "units": 1}]
            + [{"id": f"n{i}", "kind": "neuron", "units": 1} for i in range(n)],
            "connections": [{"id": f"c{i}", "src": f"n{i}", "dst": f"n{i + 1}"} for i in reversed(range(n - 1))]
            + [{"id": "c_in", "src": "in", "dst": "n0"}]}
    params = {f"W:c{i}": np.ones((1, 1)) for i in range(n - 1)}
    params.update({f"b:n{i}": np.zeros(1) for i in range(n)}, **{"W:c_in": np.ones((1, 1))})
    nf = NetworkFile(NetworkSpec.from_dict({"nodes": spec["nodes"], "connections": []}), {})
    path = variant(tmp_path, base=NetworkFile(sequential([1, 1]), init_parameters(sequential([1, 1]))),
                   doc=lambda d: d.update(spec=spec), arrays=lambda a: (a.clear(), a.update(params)))
    back = load_network(path)
    assert [c for c in back.spec.connections][:2] == [f"c{n - 2}", f"c{n - 3}"]
    del nf


def test_array_of_the_wrong_shape(tmp_path):
    err = load_error(variant(tmp_path, arrays=lambda a: a.update({"W:c1": np.zeros((4, 2))})))
    assert "W:c1 (the weights input → hidden 1) has shape (4, 2), but the network needs (3, 2)" in str(err)


@pytest.mark.parametrize("dtype", [np.int64, np.complex128, np.float16, np.bool_])
def test_array_of_the_wrong_dtype(tmp_path, dtype):
    err = load_error(variant(tmp_path, arrays=lambda a: a.update({"b:out": np.zeros(2, dtype)})))
    assert "weights must be float32 or float64" in str(err)


def test_structured_array_is_refused(tmp_path):
    arr = np.zeros(2, dtype=[("a", "<f8")])
    err = load_error(variant(tmp_path, arrays=lambda a: a.update({"b:out": arr})))
    assert "float32 or float64" in str(err)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_weights(tmp_path, bad):
    def poison(a):
        a["W:c2"] = a["W:c2"].copy()
        a["W:c2"][1, 2] = bad
    err = load_error(variant(tmp_path, arrays=poison))
    assert "W:c2 (the weights hidden 1 → output) holds NaN or infinite values" in str(err)


def test_nan_in_the_optimiser_state(tmp_path):
    def poison(a):
        a["opt/s/b:h1"] = np.array([0.0, np.nan, 0.0])
    assert "the optimiser's s of b:h1" in str(load_error(variant(tmp_path, arrays=poison)))


def test_negative_squared_gradient_average(tmp_path):
    def poison(a):
        a["opt/r/b:h1"] = np.array([0.0, -1.0, 0.0])
    assert "negative" in str(load_error(variant(tmp_path, arrays=poison)))


def test_missing_and_unknown_arrays(tmp_path):
    err = load_error(variant(tmp_path, arrays=lambda a: a.pop("b:h1")))
    assert "has no array for b:h1 (the bias of hidden 1)" in str(err)
    err = load_error(variant(tmp_path, arrays=lambda a: a.update({"W:zz": np.zeros(1)})))
    assert "'W:zz' that this network does not have" in str(err)


def test_pickled_array_is_refused(tmp_path):
    good = tmp_path / "g.ffn"
    save_network(good, small_file())
    parts = members(good)
    arrays = read_npz(parts["weights.npz"])
    arrays["b:out"] = np.array([{"evil": 1}, None], dtype=object)
    parts["weights.npz"] = npz(arrays, allow_pickle=True)
    err = load_error(write_zip(tmp_path / "p.ffn", parts))
    assert "pickled Python objects" in str(err)


def test_array_whose_data_does_not_match_its_header(tmp_path):
    good = tmp_path / "g.ffn"
    save_network(good, small_file())
    parts = members(good)
    inner = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(parts["weights.npz"])) as src, zipfile.ZipFile(inner, "w") as dst:
        for i in src.infolist():
            data = src.read(i)
            if i.filename == "b:out.npy":  # claim a billion numbers, hold two
                data = data.replace(b"(2,)", b"(1000000000,)")
            dst.writestr(i.filename, data)
    parts["weights.npz"] = inner.getvalue()
    err = load_error(write_zip(tmp_path / "h.ffn", parts))
    assert "does not match its header" in str(err)


@pytest.mark.parametrize("name, words", [
    ("../evil.txt", "climbs out of the archive"),
    ("a/../../evil.txt", "climbs out of the archive"),
    ("/etc/evil", "absolute path"),
    ("C:\\evil", "absolute path"),
])
def test_dangerous_member_names(tmp_path, name, words):
    path = variant(tmp_path, extra={name: b"boo"})
    assert words in str(load_error(path))


def test_dangerous_names_inside_weights(tmp_path):
    good = tmp_path / "g.ffn"
    save_network(good, small_file())
    parts = members(good)
    arrays = read_npz(parts["weights.npz"])
    arrays["../../x"] = np.zeros(1)
    parts["weights.npz"] = npz(arrays)
    assert "climbs out" in str(load_error(write_zip(tmp_path / "d.ffn", parts)))


def test_duplicate_members(tmp_path):
    good = tmp_path / "g.ffn"
    save_network(good, small_file())
    parts = members(good)
    path = tmp_path / "dup.ffn"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
        zf.writestr("network.json", b"{}")
    assert "twice" in str(load_error(path))


def test_zip_bomb_json(tmp_path):
    """17 MiB of spaces pack into a few KiB: refused from the declared size, before unpacking."""
    big = b"{" + b" " * (17 * 2**20) + b"}"
    path = variant(tmp_path, extra={"network.json": big})
    assert path.stat().st_size < 200_000
    err = load_error(path)
    assert "more than the 16.0 MiB allowed" in str(err) and "zip bomb" in str(err)


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip's directory declares for ``member``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for sig, off in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        i = data.find(sig)
        while i >= 0:
            name_off = i + (46 if sig == b"PK\x01\x02" else 30)
            if data[name_off: name_off + len(name)] == name:
                data[i + off: i + off + 4] = size.to_bytes(4, "little")
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_huge(tmp_path):
    path = tmp_path / "bomb.ffn"
    save_network(path, small_file())
    _patch_declared_size(path, "weights.npz", 3 * 2**30)
    err = load_error(path)
    assert "zip bomb" in str(err) and "weights.npz" in str(err)


def test_zip_that_lies_small_about_its_size(tmp_path):
    path = tmp_path / "liar.ffn"
    save_network(path, small_file())
    _patch_declared_size(path, "network.json", 100)
    assert "network.json" in str(load_error(path))


def test_damaged_history(tmp_path, schema_mode):
    path = variant(tmp_path, extra={"history.json": b'{"step_loss": [1, "x"]}'})
    assert "history.json at $.step_loss[1]" in str(load_error(path))
    path = variant(tmp_path, extra={"history.json": b'{"grad_norm_steps": [1], "grad_norms": []}'})
    assert "history.json" in str(load_error(path))


def test_standardiser_that_does_not_fit_the_input(tmp_path, schema_mode):
    def bad(d):
        d["data"]["standardize"] = True
        d["data"]["standardizer"] = {"mean": [0.0, 0.0, 0.0], "scale": [1.0, 1.0, 1.0]}
    assert "the standardiser has 3 columns but the input input has 2 units" in str(
        load_error(variant(tmp_path, doc=bad)))
    assert "$.data.standardizer" in str(load_error(variant(
        tmp_path, doc=lambda d: d["data"].update(standardizer={"mean": [0.0, 0.0], "scale": [1.0, 0.0]}))))


def test_optimiser_metadata_must_fit_its_arrays(tmp_path, schema_mode):
    err = load_error(variant(tmp_path, doc=lambda d: d["optimizer"].update(state_keys=["v"])))
    assert "$.optimizer" in str(err)
    err = load_error(variant(tmp_path, doc=lambda d: d["optimizer"].update(name="momentum", state_keys=["v"])))
    assert "'opt/s/W:c1' that this network does not have" in str(err)


# --- the fuzz -----------------------------------------------------------------------------

_OTHER_VALUES = [None, True, False, 0, -1, 1.5, -1e300, 10**30, "", "x" * 70, "W:c1", [], [1, "a"], {},
                 {"id": 1}, [[0, 0]]]


def _paths(x, prefix=()):
    """Every path into a JSON document."""
    yield prefix
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _paths(v, prefix + (i,))


def _set(doc, path, value):
    if not path:
        return value
    ref = doc
    for p in path[:-1]:
        ref = ref[p]
    ref[path[-1]] = value
    return doc


def _mutations(rng: random.Random, parts: dict[str, bytes], raw: bytes):
    """One mutated file as bytes, by one of several kinds of damage."""
    kind = rng.randrange(10)
    if kind == 0:  # truncation
        return raw[: rng.randrange(len(raw))]
    if kind == 1:  # byte flips in the archive itself
        b = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(b))
            b[i] = rng.randrange(256)
        return bytes(b)
    new = dict(parts)
    if kind in (2, 3):  # a JSON value swapped for one of another type (network.json or history.json)
        member = "network.json" if kind == 2 or "history.json" not in parts else "history.json"
        doc = json.loads(parts[member])
        path = rng.choice(list(_paths(doc)))
        value = rng.choice(_OTHER_VALUES)
        doc = _set(doc, path, json.loads(json.dumps(value)))
        new[member] = json.dumps(doc).encode()
    elif kind == 4:  # byte flips inside network.json, re-zipped so the CRC is right
        b = bytearray(parts["network.json"])
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(len(b))] = rng.choice(b'{}[]",:0123456789-eE.tnfx \xff')
        new["network.json"] = bytes(b)
    elif kind == 5:  # byte flips inside weights.npz, re-zipped
        b = bytearray(parts["weights.npz"])
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        new["weights.npz"] = bytes(b)
    elif kind == 6:  # members removed or renamed
        name = rng.choice(list(parts))
        data = new.pop(name)
        if rng.random() < 0.5:
            new[rng.choice(["Network.json", "weights.npy", "x/../network.json", name + ".bak", "/abs"])] = data
    elif kind == 7:  # a field removed from network.json
        doc = json.loads(parts["network.json"])
        path = rng.choice([p for p in _paths(doc) if p])
        ref = doc
        for p in path[:-1]:
            ref = ref[p]
        del ref[path[-1]]
        new["network.json"] = json.dumps(doc).encode()
    elif kind == 8:  # bytes of one .npy changed (mostly its header), weights.npz re-zipped with good CRCs
        with zipfile.ZipFile(io.BytesIO(parts["weights.npz"])) as zf:
            inner = {i.filename: bytearray(zf.read(i)) for i in zf.infolist()}
        b = inner[rng.choice(list(inner))]
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(min(len(b), 128))] = rng.choice(b"{}()[],:'0123456789<>|fiObuU TrueFalse \x00\xff")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, data in inner.items():
                zf.writestr(name, bytes(data))
        new["weights.npz"] = buf.getvalue()
    else:  # an array changed in weights.npz: shape, dtype, values
        arrays = read_npz(parts["weights.npz"])
        key = rng.choice(list(arrays))
        arrays[key] = rng.choice([np.zeros((7,)), arrays[key].astype(np.int32), arrays[key].T.copy(),
                                  np.full_like(arrays[key], np.nan), arrays[key][..., :0], np.zeros(())])
        new["weights.npz"] = npz(arrays)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in new.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("mode", ["seed 2024", "seed 4202"])
def test_fuzz_only_network_file_errors_come_out(tmp_path, mode):
    sources = [small_file(), load_network(FIXTURE_V1), load_network(EXAMPLES / "lecture-3-3-3.ffn")]
    bases = []
    for k, nf in enumerate(sources):
        p = tmp_path / f"base{k}.ffn"
        save_network(p, nf)
        bases.append((members(p), p.read_bytes()))
    rng = random.Random(int(mode.split()[1]))
    path = tmp_path / "fuzz.ffn"
    outcomes = {"loaded": 0, "refused": 0}
    for case in range(1250):
        parts, raw = bases[case % len(bases)]
        path.write_bytes(_mutations(rng, parts, raw))
        try:
            nf = load_network(path)
        except NetworkFileError as e:
            msg = str(e)
            assert msg.startswith(str(path)) and "\n" not in msg
            assert not e.unexpected, f"case {case}: only the last-resort handler caught: {msg}"
            outcomes["refused"] += 1
        else:  # a harmless change (a description, a position...): what loads is whole
            assert nf.params.keys() == parameter_shapes(nf.spec).keys()
            assert all(np.isfinite(a).all() for a in nf.params.values())
            outcomes["loaded"] += 1
    assert outcomes["refused"] > 800
