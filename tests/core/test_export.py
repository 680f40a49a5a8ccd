"""The NumPy, PyTorch and ONNX exports give the program's own outputs.

The reference is the engine's forward (core.model); the NumPy file is run
from its text, the PyTorch file in float64, the ONNX model in ONNX Runtime
in float32: 1e-12 relative for the first two, 1e-5 for ONNX, on every
example and on 30 random networks with skips, masks, single neurons, every
activation and every loss.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from core.export import ExportError, numpy_source, onnx_model, torch_source
from core.model import compile_model
from core.spec import sequential
from test_export_nets import example, examples, inputs, random_network

NETWORKS = [pytest.param(lambda p=p: example(p), id=p.rsplit("/", 1)[-1]) for p in examples()] + [
    pytest.param(lambda s=s: random_network(s), id=f"random{s}") for s in range(30)]


def reference(spec, params, x):
    return compile_model(spec, params).forward(x)


def close(got, want, rel):
    """Relative agreement, on the scale of the outputs (a near-zero output is judged against it)."""
    got, want = np.asarray(got, np.float64), np.asarray(want, np.float64)
    assert got.shape == want.shape
    scale = max(1e-300, float(np.abs(want).max()))
    np.testing.assert_allclose(got, want, rtol=rel, atol=rel * scale)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("make", NETWORKS)
def test_the_numpy_file_predicts_what_the_program_does(make, tmp_path):
    spec, params = make()
    path = tmp_path / "net_np.py"
    path.write_text(numpy_source(spec, params, "test"), encoding="utf-8")
    x = inputs(spec)
    module = load_module(path, f"net_np_{id(path)}")
    close(module.predict(x), reference(spec, params, x), 1e-12)
    assert module.predict(x[0]).shape == (1, spec.output_node.units)


@pytest.mark.parametrize("make", NETWORKS)
def test_the_pytorch_module_predicts_what_the_program_does(make, tmp_path):
    torch = pytest.importorskip("torch")
    spec, params = make()
    path = tmp_path / "net_torch.py"
    path.write_text(torch_source(spec, params, "test"), encoding="utf-8")
    net = load_module(path, f"net_torch_{id(path)}").load()
    x = inputs(spec)
    with torch.no_grad():
        y = net(torch.tensor(x, dtype=torch.float64)).numpy()
    close(y, reference(spec, params, x), 1e-12)
    assert isinstance(net, torch.nn.Module)


@pytest.mark.parametrize("make", NETWORKS)
def test_onnx_runtime_predicts_what_the_program_does_in_float32(make):
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    spec, params = make()
    model = onnx_model(spec, params)
    onnx.checker.check_model(model, full_check=True)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = inputs(spec)
    (y,) = session.run(["y"], {"x": x.astype(np.float32)})
    close(y, reference(spec, params, x), 1e-5)
    names = {n.name.split("/")[0] for n in model.graph.node}
    assert names == {n.label for n in spec.nodes.values() if n.kind != "input"}


def test_the_pytorch_module_keeps_removed_edges_removed_while_it_trains(tmp_path):
    torch = pytest.importorskip("torch")
    spec, params = random_network(4)
    masked = next(c for c in spec.connections.values() if c.removed)
    path = tmp_path / "masked.py"
    path.write_text(torch_source(spec, params), encoding="utf-8")
    net = load_module(path, "masked_net").load()
    x = torch.tensor(inputs(spec), dtype=torch.float64)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        net(x).sum().backward()
        opt.step()
    names = [n for n in dict(net.named_buffers()) if n.startswith("mask_")]
    assert names, "a connection with removed edges has a mask"
    i, j = masked.removed[0]
    effective = {n: getattr(net, "W_" + n[len("mask_"):]) * getattr(net, n) for n in names}
    assert any(float(w[j, i].detach()) == 0.0 for w in effective.values())


def test_the_numpy_file_runs_as_a_script_without_the_program(tmp_path):
    spec, params = example(examples()[-1])
    path = tmp_path / "xor_np.py"
    path.write_text(numpy_source(spec, params, "xor"), encoding="utf-8")
    x = inputs(spec, 5)
    csv_in = tmp_path / "in.csv"
    csv_in.write_text("a,b\n" + "\n".join(",".join(repr(float(v)) for v in row) for row in x) + "\n")
    blocker = "import sys, runpy; sys.modules['core'] = None; sys.modules['designer'] = None; "
    for args, stdin in (([str(csv_in)], None), ([], csv_in.read_text())):
        code = blocker + f"sys.argv = {[str(path), *args]!r}; runpy.run_path({str(path)!r}, run_name='__main__')"
        done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True,
                              cwd=tmp_path, timeout=60)
        assert done.returncode == 0, done.stderr
        got = np.array([[float(v) for v in line.split(",")] for line in done.stdout.split()])
        close(got, reference(spec, params, x), 1e-15)
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n3\n")
    done = subprocess.run([sys.executable, str(path), str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "row 2" in done.stderr and "Traceback" not in done.stderr


def test_the_numpy_file_is_readable_one_line_per_node():
    spec, params = random_network(7)
    text = numpy_source(spec, params)
    body = text.split("def predict(x):")[1].split("def main")[0]
    for node in spec.nodes.values():
        assert f"# {node.label}:" in body
    code = [line.strip() for line in body.splitlines()[2:] if line.strip() and not line.strip().startswith("#")]
    assert len(code) == len(spec.nodes) + 1  # one line per node, then return
    assert code[1].startswith("hidden_0 = ")


def test_names_from_labels_are_python_identifiers_and_unique(tmp_path):
    spec = sequential([2, 3, 3, 1])
    spec.nodes["h1"].name = "隐藏层 1"
    spec.nodes["h2"].name = "np"          # a name the file uses itself
    spec.nodes["out"].name = '"""\n import os'
    from core.parameters import init_parameters
    params = init_parameters(spec, seed=3)
    text = numpy_source(spec, params, 'a "title"\\')
    compile(text, "net.py", "exec")
    assert "隐藏层_1 = np.tanh(" in text and "np_2 = " in text
    x = inputs(spec)
    path = tmp_path / "names.py"
    path.write_text(text, encoding="utf-8")
    close(load_module(path, "names_net").predict(x), reference(spec, params, x), 1e-12)


def test_a_network_that_cannot_train_is_not_exported():
    spec = sequential([2, 3, 1])
    spec.disconnect("c2")
    with pytest.raises(ExportError, match="not ready to export"):
        numpy_source(spec, {})
    spec = sequential([2, 1])
    with pytest.raises(ExportError, match="W:c1"):
        numpy_source(spec, {"b:out": np.zeros(1)})


def test_large_arrays_are_embedded_exactly_as_base64(tmp_path):
    from core.parameters import init_parameters
    spec = sequential([80, 60, 2], output="softmax", loss="ce")
    params = init_parameters(spec, seed=1)
    text = numpy_source(spec, params)
    assert "_decode(" in text and "import base64" in text
    path = tmp_path / "big.py"
    path.write_text(text, encoding="utf-8")
    module = load_module(path, "big_net")
    np.testing.assert_array_equal(module.W_hidden_1__input, params["W:c1"])


def test_the_pytorch_file_runs_in_an_interpreter_that_cannot_import_the_program(tmp_path):
    pytest.importorskip("torch")
    spec, params = random_network(11)
    path = tmp_path / "net_torch.py"
    path.write_text(torch_source(spec, params), encoding="utf-8")
    x = inputs(spec, 4)
    code = ("import sys; sys.modules['core'] = None; sys.modules['designer'] = None; sys.path.insert(0, sys.argv[1])\n"
            "import torch, net_torch\n"
            f"x = torch.tensor({x.tolist()!r}, dtype=torch.float64)\n"
            "print(repr(net_torch.load()(x).detach().numpy().tolist()))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    close(np.array(eval(done.stdout)), reference(spec, params, x), 1e-12)
