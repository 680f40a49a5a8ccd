"""``backprop-studio export`` and ``import``: files that agree, one-line errors with status 2."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core import cli
from core.files import load_network
from core.model import compile_model
from test_export_nets import examples, inputs

XOR = Path([p for p in examples() if p.endswith("xor.ffn")][0])
ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_export_numpy_writes_a_file_that_predicts_like_the_program(capsys, tmp_path):
    out = tmp_path / "xor.py"
    code, text, err = run(capsys, "export", XOR, "--format", "numpy", "-o", out)
    assert code == 0, err
    assert str(out) in text
    spec = importlib.util.spec_from_file_location("xor_cli", out)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    nf = load_network(XOR)
    x = inputs(nf.spec)
    np.testing.assert_allclose(module.predict(x), compile_model(nf.spec, nf.params).forward(x), rtol=1e-12)
    assert '"""xor, exported from Backprop Studio' in out.read_text(encoding="utf-8")


def test_export_pytorch_and_onnx_then_import_gives_the_network_back(capsys, tmp_path):
    pytest.importorskip("onnx")
    code, _, err = run(capsys, "export", XOR, "--format", "pytorch", "-o", tmp_path / "xor_torch.py")
    assert code == 0, err
    assert "class Network(nn.Module)" in (tmp_path / "xor_torch.py").read_text(encoding="utf-8")
    code, _, err = run(capsys, "export", XOR, "--format", "onnx", "-o", tmp_path / "xor.onnx")
    assert code == 0, err
    code, text, err = run(capsys, "import", tmp_path / "xor.onnx", "-o", tmp_path / "back.ffn")
    assert code == 0, err
    assert "3 nodes" in text
    nf, back = load_network(XOR), load_network(tmp_path / "back.ffn")
    assert back.spec == nf.spec
    for k in nf.params:
        np.testing.assert_array_equal(back.params[k], nf.params[k].astype(np.float32))


def test_errors_are_one_line_with_status_2(capsys, tmp_path):
    code, _, err = run(capsys, "export", tmp_path / "missing.ffn", "--format", "numpy", "-o", tmp_path / "a.py")
    assert code == 2 and "missing.ffn" in one_line_error(err)
    code, _, err = run(capsys, "export", XOR, "--format", "keras", "-o", tmp_path / "a.py")
    assert code == 2 and "keras" in one_line_error(err)
    (tmp_path / "a.py").write_text("keep me")
    code, _, err = run(capsys, "export", XOR, "--format", "numpy", "-o", tmp_path / "a.py")
    assert code == 2 and "--force" in one_line_error(err)
    assert (tmp_path / "a.py").read_text() == "keep me"
    code, _, err = run(capsys, "export", XOR, "--format", "numpy", "-o", tmp_path / "no" / "dir" / "a.py")
    assert code == 2 and "cannot write" in one_line_error(err)
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\x00\xff" * 100)
    code, _, err = run(capsys, "import", junk, "-o", tmp_path / "j.ffn")
    assert code == 2 and "not an ONNX model" in one_line_error(err)
    assert not (tmp_path / "j.ffn").exists()


def test_an_unsupported_model_is_refused_naming_its_node(capsys, tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["y"], name="conv1")], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [helper.make_tensor("w", TensorProto.FLOAT, [1, 1, 1, 1], [1.0])])
    path = tmp_path / "conv.onnx"
    onnx.save(helper.make_model(graph), path)
    code, _, err = run(capsys, "import", path, "-o", tmp_path / "c.ffn")
    assert code == 2 and "node 'conv1' (Conv)" in one_line_error(err)


def test_without_onnx_the_export_says_how_to_install_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    code, _, err = run(capsys, "export", XOR, "--format", "onnx", "-o", tmp_path / "x.onnx")
    assert code == 2 and "pip install 'backprop-studio[onnx]'" in one_line_error(err)


def test_the_commands_load_no_qt(tmp_path):
    code = ("import sys; from core.cli import main\n"
            f"assert main(['export', {str(XOR)!r}, '--format', 'numpy', '-o', {str(tmp_path / 'q.py')!r}]) == 0\n"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'designer') if m in sys.modules]\n"
            "assert not bad, bad")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
