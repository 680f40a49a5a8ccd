"""``backprop-studio`` sub-commands, run as a new user would.

Most tests call :func:`core.cli.main` in-process (fast); a few run the real
command in a subprocess where that is the point: no Qt imported, Ctrl-C,
a terminal's progress bar, no traceback ever.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core import cli
from core.files import load_network, save_network
from core.parameters import init_parameters
from core.spec import sequential
from core.files import NetworkFile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict:
    lines = out.strip().splitlines()
    return json.loads(lines[-1])


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def subprocess_cli(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core.cli", *map(str, args)], cwd=kw.pop("cwd", ROOT),
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=timeout, **kw)


# --- acceptance ---------------------------------------------------------------------------

def test_trace_of_the_lecture_neuron(capsys):
    code, out, err = run(capsys, "trace", EXAMPLES / "single-neuron.ffn", "--input", "1.5", "--target", "0.8")
    assert code == 0, err
    assert "L = ½ (1.4 − 0.8)² = 0.18" in out
    assert "∂L/∂w = (1.4 − 0.8) · 1.5 = 0.9" in out
    assert "∂L/∂b = (1.4 − 0.8) = 0.6" in out
    code, out, err = run(capsys, "trace", EXAMPLES / "single-neuron.ffn", "--input", "1.5", "--target", "0.8",
                         "--json")
    assert code == 0 and len(out.strip().splitlines()) == 1
    d = last_json(out)
    assert d["loss"] == pytest.approx(0.18)
    assert d["gradients"]["W:w"] == [[pytest.approx(0.9)]] and d["gradients"]["b:y"] == [pytest.approx(0.6)]
    assert d["steps"] and all("symbol" in s for s in d["steps"])


def test_trace_of_the_computation_graph_at_scalar_level(capsys):
    code, out, err = run(capsys, "trace", EXAMPLES / "sigmoid-neuron.ffn", "--input", "1", "--level", "scalar")
    assert code == 0, err
    for h in ("h₁ = x · w", "h₂ = h₁ + b", "h₃ = −h₂", "h₄ = exp(h₃)", "h₅ = h₄ + 1", "h₆ = 1 / h₅"):
        assert h in out
    assert "∂f/∂w = 1 · −0.25 · 1 · 1 · −1 · 1 · 1 = 0.25" in out
    code, out, _ = run(capsys, "trace", EXAMPLES / "sigmoid-neuron.ffn", "--input", "1", "--level", "scalar",
                       "--json")
    d = last_json(out)
    assert d["gradients"]["W:w"] == [[pytest.approx(0.25)]] and d["loss"] is None


def test_trace_takes_a_class_number_for_a_softmax_output(capsys, tmp_path):
    path = tmp_path / "soft.ffn"
    assert run(capsys, "new", path, "--layers", "2,3,3")[0] == 0
    code, out, err = run(capsys, "trace", path, "--input", "0.5,-1", "--target", "2", "--json")
    assert code == 0, err
    assert last_json(out)["target"] == [0.0, 0.0, 1.0]


def test_trace_filters_a_large_network_by_phase_and_place(capsys):
    """The digits network's trace has thousands of steps; --phase and --where pick a few."""
    args = ["trace", EXAMPLES / "digits.ffn", "--input", ",".join(["0.5"] * 64), "--target", "3", "--json"]
    code, out, err = run(capsys, *args)
    whole = last_json(out)
    assert code == 0 and len(whole["steps"]) > 4000
    spec = load_network(EXAMPLES / "digits.ffn").spec
    out_node = spec.output_node
    code, out, err = run(capsys, *args, "--phase", "backward", "--where", out_node.name.upper())  # a name
    part = last_json(out)
    assert code == 0, err
    assert part["steps"] and all(s["phase"] == "backward" and s["where"] == out_node.id for s in part["steps"])
    assert part["steps"] == [s for s in whole["steps"] if s["phase"] == "backward" and s["where"] == out_node.id]
    assert set(part["gradients"]) == {k for k in whole["gradients"] if k.endswith(":" + out_node.id)}
    assert part["loss"] == whole["loss"]
    conn = next(iter(spec.connections))
    code, out, err = run(capsys, *args[:-1], "--phase", "update", "--where", conn)
    assert code == 0, err
    assert "W:" + conn in out and "Δ =" in out and "── update" in out and "── forward" not in out
    code, out, err = run(capsys, *args, "--where", "nowhere")
    assert code == 2
    line = one_line_error(err)
    assert "--where nowhere" in line and out_node.id in line and conn in line


def test_new_then_train_xor_reaches_accuracy_one(capsys, tmp_path):
    net, out_net = tmp_path / "xor.ffn", tmp_path / "trained.ffn"
    code, out, err = run(capsys, "new", net, "--layers", "2,8,8,1")
    assert code == 0 and "2-8-8-1" in out, err
    code, out, err = run(capsys, "train", net, "--data", "xor", "--out", out_net, "--json")
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1
    r = last_json(out)
    assert r["train_accuracy"] == 1.0 and r["test_accuracy"] == 1.0
    assert r["epochs"] == 100 and r["steps_per_second"] > 0 and r["loss"] < 0.05
    nf = load_network(out_net)
    assert nf.data.name == "xor" and nf.optimizer_state["t"] == r["steps"]
    assert len(nf.history.epochs) == 100


def test_digits_example_reaches_95_percent_on_the_test_set(capsys):
    code, out, err = run(capsys, "train", EXAMPLES / "digits.ffn", "--json")
    assert code == 0, err
    r = last_json(out)
    assert r["test_accuracy"] >= 0.95, r


def test_regression_reports_r2(capsys, tmp_path):
    net = tmp_path / "reg.ffn"
    run(capsys, "new", net, "--layers", "2,16,1", "--output", "identity")
    code, out, err = run(capsys, "train", net, "--data", "regression", "--epochs", "60", "--json")
    assert code == 0, err
    r = last_json(out)
    assert "r2" in r and "train_accuracy" not in r and r["r2"] > 0.8


# --- new ----------------------------------------------------------------------------------

def test_new_defaults_and_choices(capsys, tmp_path):
    path = tmp_path / "a.ffn"
    code, out, _ = run(capsys, "new", path, "--layers", "4,5,3", "--activation", "relu", "--init", "he_normal",
                       "--seed", "3", "--json")
    assert code == 0
    d = last_json(out)
    assert (d["output"], d["loss"], d["parameters"]) == ("softmax", "ce", 4 * 5 + 5 + 5 * 3 + 3)
    nf = load_network(path)
    assert [n.activation for n in nf.spec.nodes.values()] == ["identity", "relu", "softmax"]
    assert nf.training.seed == 3 and nf.description
    assert [n.meta["pos"][0] for n in nf.spec.nodes.values()] == [0.0, 220.0, 440.0]
    fresh = init_parameters(nf.spec, 3)
    assert all(np.array_equal(nf.params[k], fresh[k]) for k in fresh)
    run(capsys, "new", tmp_path / "b.ffn", "--layers", "2,1", "--loss", "mse")
    out_node = load_network(tmp_path / "b.ffn").spec.output_node
    assert (out_node.activation, out_node.loss) == ("identity", "mse")
    run(capsys, "new", tmp_path / "c.ffn", "--layers", "2,1", "--output", "sigmoid", "--loss", "mse")
    out_node = load_network(tmp_path / "c.ffn").spec.output_node
    assert (out_node.activation, out_node.loss) == ("logistic", "mse")


def test_new_refuses_to_overwrite_without_force(capsys, tmp_path):
    path = tmp_path / "a.ffn"
    assert run(capsys, "new", path, "--layers", "2,1")[0] == 0
    code, _, err = run(capsys, "new", path, "--layers", "2,3,1")
    assert code == 2 and "already exists" in one_line_error(err)
    assert run(capsys, "new", path, "--layers", "2,3,1", "--force")[0] == 0
    assert load_network(path).spec.nodes["h1"].units == 3


# --- train --------------------------------------------------------------------------------

def test_settings_not_given_come_from_the_file(capsys, tmp_path):
    net = tmp_path / "n.ffn"
    run(capsys, "new", net, "--layers", "2,4,1")
    code, out, err = run(capsys, "train", net, "--data", "xor", "--epochs", "3", "--batch-size", "40",
                         "--optimizer", "momentum", "--lr", "0.05", "--l2", "0.001", "--out", net, "--json")
    assert code == 0, err
    r = last_json(out)
    assert r["epochs"] == 3 and r["steps"] == 3 * 4  # 160 training samples in batches of 40
    nf = load_network(net)
    assert (nf.training.optimizer, nf.training.hyper["lr"], nf.training.batch_size, nf.training.l2,
            nf.training.epochs) == ("momentum", 0.05, 40, 0.001, 3)
    # again, nothing given: the file's settings and data, and the run goes on
    code, out, err = run(capsys, "train", net, "--out", net, "--json")
    assert code == 0, err
    r = last_json(out)
    assert r["steps"] == 12 and r["total_epochs"] == 6 and r["data"] == "xor"
    nf = load_network(net)
    assert len(nf.history.epochs) == 6 and nf.optimizer_state["name"] == "momentum"
    assert nf.optimizer_state["t"] == 24


def test_train_keeps_the_files_data_settings_and_standardiser(capsys, tmp_path):
    out_net = tmp_path / "s.ffn"
    code, out, err = run(capsys, "train", EXAMPLES / "spiral.ffn", "--epochs", "1", "--out", out_net)
    assert code == 0, err
    source = load_network(EXAMPLES / "spiral.ffn").data
    assert load_network(out_net).data == source


def test_plain_progress_lines_when_not_on_a_terminal(capsys, tmp_path):
    net = tmp_path / "n.ffn"
    run(capsys, "new", net, "--layers", "2,4,1")
    code, out, err = run(capsys, "train", net, "--data", "gaussians", "--epochs", "20")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].startswith("epoch 2/20") and "\r" not in out
    assert any(line.startswith("epoch 20/20") for line in lines)
    assert "trained 20 epoch(s)" in out and "not saved" in out


def test_csv_data_with_a_target_column(capsys, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    label = (X[:, 0] + X[:, 2] > 0).astype(int)
    csv = tmp_path / "points.csv"
    csv.write_text("a,kind,b,c\n" + "".join(f"{x[0]},{k},{x[1]},{x[2]}\n" for x, k in zip(X, label)))
    net = tmp_path / "n.ffn"
    run(capsys, "new", net, "--layers", "3,4,1")
    code, out, err = run(capsys, "train", net, "--data", csv, "--target", "kind", "--epochs", "200",
                         "--out", net, "--json")
    assert code == 0, err
    assert last_json(out)["train_accuracy"] > 0.9
    assert load_network(net).data.target == "kind"
    assert load_network(net).data.path == "points.csv"  # relative to the network file


def test_a_csv_path_is_kept_relative_to_the_network_file(capsys, tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "nets").mkdir()
    rows = "".join(f"{i % 7},{(i * 3) % 5},{i % 2}\n" for i in range(40))
    (tmp_path / "data" / "d.csv").write_text("a,b,y\n" + rows)
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "nets/n.ffn", "--layers", "2,3,1")
    code, _, err = run(capsys, "train", "nets/n.ffn", "--data", "data/d.csv", "--epochs", "1", "--out", "nets/n.ffn")
    assert code == 0, err
    assert load_network(tmp_path / "nets" / "n.ffn").data.path == "../data/d.csv"
    monkeypatch.chdir(tmp_path / "data")  # elsewhere, the file still finds its data
    code, out, err = run(capsys, "train", "../nets/n.ffn", "--epochs", "1", "--json")
    assert code == 0, err
    assert last_json(out)["data"] == "d.csv"


def test_a_diverging_run_keeps_its_last_good_weights(capsys, tmp_path):
    net = tmp_path / "n.ffn"
    run(capsys, "new", net, "--layers", "2,8,1", "--output", "identity", "--activation", "relu")
    code, out, err = run(capsys, "train", net, "--data", "regression", "--optimizer", "sgd", "--lr", "1e6",
                         "--epochs", "50", "--out", tmp_path / "d.ffn", "--json")
    assert code == 1
    assert "diverged" in one_line_error(err).lower()
    assert last_json(out)["diverged"]
    nf = load_network(tmp_path / "d.ffn")
    assert all(np.isfinite(a).all() for a in nf.params.values())


def test_ctrl_c_stops_cleanly_and_still_writes_out(tmp_path):
    net, out_net = tmp_path / "n.ffn", tmp_path / "out.ffn"
    spec = sequential([64, 64, 10], "tanh", "softmax", "ce")
    nf = load_network(EXAMPLES / "digits.ffn")
    save_network(net, NetworkFile(spec, init_parameters(spec), nf.training, nf.data))
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "train", str(net), "--epochs", "100000",
                             "--out", str(out_net), "--json"], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "stopped by Ctrl-C" in one_line_error(err)
    r = last_json(out)
    assert r["interrupted"] is True and 0 < r["epochs"] < 100000
    assert load_network(out_net).optimizer_state["t"] == r["steps"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal(tmp_path):
    import pty
    net = tmp_path / "n.ffn"
    assert cli.main(["new", str(net), "--layers", "2,4,1"]) == 0
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "train", str(net), "--data", "xor",
                             "--epochs", "300"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    out, _ = proc.communicate(timeout=60)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    bar = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0
    assert "\r[" in bar and "epoch 300/300" in bar and "#" * 24 in bar
    assert b"epoch 30/300" not in out  # no plain lines when the bar is drawn


# --- info ---------------------------------------------------------------------------------

def test_info(capsys):
    code, out, err = run(capsys, "info", EXAMPLES / "digits.ffn")
    assert code == 0, err
    assert "parameters: 2,410" in out and "adam (lr=0.01)" in out and "digits" in out
    assert "hidden 1  layer      32 units  tanh" in out
    code, out, err = run(capsys, "info", EXAMPLES / "lecture-3-3-3.ffn", "--json")
    d = last_json(out)
    assert d["parameters"] == 18 and [n["units"] for n in d["nodes"]] == [3, 3, 3]
    assert d["training"]["optimizer"] == "sgd" and d["problems"] == []


def test_info_of_an_unfinished_network_says_what_is_missing(capsys, tmp_path):
    from core.spec import NetworkSpec, Node
    spec = NetworkSpec()
    spec.add_node(Node("in", "input", 2))
    save_network(tmp_path / "wip.ffn", NetworkFile(spec, {}))
    code, out, _ = run(capsys, "info", tmp_path / "wip.ffn")
    assert code == 0 and "cannot train yet: add an output node" in out
    code, _, err = run(capsys, "train", tmp_path / "wip.ffn", "--data", "xor")
    assert code == 2 and "not ready to run" in one_line_error(err)


# --- errors: one line, exit 2 -------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["info", "missing.ffn"], "no such file"),
    (["train", "{net}", "--data", "nope"], "unknown dataset 'nope'"),
    (["train", "{net}", "--data", "iris"], "2 input unit(s) but the iris data has 4"),
    (["train", "{net}"], "names no dataset"),
    (["train", "{net}", "--data", "xor", "--lr", "-1"], "--lr"),
    (["train", "{net}", "--data", "xor", "--epochs", "many"], "--epochs"),
    (["train", "{net}", "--data", "missing.csv"], "missing.csv"),
    (["trace", "{net}", "--input", "1"], "takes 2 input value(s)"),
    (["trace", "{net}", "--input", "1,x"], "--input must be numbers"),
    (["trace", "{net}", "--input", "1,2", "--target", "1,2"], "1 output(s)"),
    (["trace", "{net}", "--input", "1,2", "--level", "atom"], "invalid choice"),
    (["new", "{tmp}/x.ffn", "--layers", "2"], "--layers"),
    (["new", "{tmp}/x.ffn", "--layers", "2,1", "--loss", "ce"], "at least 2 output units"),
    (["new", "{tmp}/x.ffn", "--layers", "2,3", "--activation", "foo"], "unknown activation 'foo'"),
    (["new", "{tmp}/x.ffn", "--layers", "2,3", "--init", "magic"], "unknown initialiser"),
    (["new", "{tmp}/no/such/dir/x.ffn", "--layers", "2,3"], "cannot save"),
    (["new", "{tmp}/x.ffn"], "--layers"),
    (["trian", "{net}"], "invalid choice: 'trian'"),
    (["info"], "NET.ffn"),
])
def test_errors_are_one_line_and_exit_2(capsys, tmp_path, args, words):
    net = tmp_path / "net.ffn"
    cli.main(["new", str(net), "--layers", "2,3,1"])
    capsys.readouterr()
    args = [a.format(net=net, tmp=tmp_path) for a in args]
    code, out, err = run(capsys, *args)
    assert code == 2
    line = one_line_error(err)
    assert words in line, line


def test_help_for_every_command(capsys):
    for args in (["--help"], ["new", "--help"], ["train", "--help"], ["trace", "--help"], ["info", "--help"]):
        code, out, _ = run(capsys, *args)
        assert code == 0 and "usage: backprop-studio" in out
    _, out, _ = run(capsys, "--help")
    assert all(c in out for c in ("new", "train", "trace", "info")) and "designer" in out


def test_corrupt_files_give_exit_2_and_one_line(capsys, tmp_path):
    """The file fuzz, through the command line: every refused file is exit 2 and one line."""
    from tests.core.test_files import _mutations, members
    base = tmp_path / "base.ffn"
    save_network(base, load_network(EXAMPLES / "xor.ffn"))
    parts, raw = members(base), base.read_bytes()
    rng = random.Random(7)
    path = tmp_path / "corrupt.ffn"
    refused = 0
    for _ in range(300):
        path.write_bytes(_mutations(rng, parts, raw))
        code, out, err = run(capsys, "info", path)
        if code == 0:
            continue
        assert code == 2
        line = one_line_error(err)
        assert str(path) in line and "unexpected error" not in line
        refused += 1
    assert refused > 150


def test_no_traceback_in_a_real_process(tmp_path):
    bad = tmp_path / "bad.ffn"
    bad.write_bytes(b"PK\x03\x04 not really")
    for args in (["info", bad], ["train", bad, "--data", "xor"], ["trace", bad, "--input", "1"]):
        p = subprocess_cli(*args)
        assert p.returncode == 2 and p.stdout == ""
        assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
        assert "bad.ffn" in p.stderr


# --- no Qt, and the hand-over to the designer ---------------------------------------------

def test_sub_commands_import_no_qt(tmp_path):
    code = f"""
import sys
from core.cli import main
net = {str(tmp_path / 'n.ffn')!r}
assert main(["new", net, "--layers", "2,3,1"]) == 0
assert main(["train", net, "--data", "xor", "--epochs", "2", "--out", net]) == 0
assert main(["trace", net, "--input", "1,2", "--target", "1"]) == 0
assert main(["info", net, "--json"]) == 0
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "PyQt5", "PyQt6", "designer"))
print("QT:", qt)
"""
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "QT: []"


def test_no_sub_command_hands_over_to_the_designer(monkeypatch):
    import types
    seen = []
    fake = types.ModuleType("designer.app")
    fake.main = lambda argv=None: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "designer.app", fake)
    assert cli.main([]) == 0
    assert cli.main(["net.ffn"]) == 0
    assert cli.main(["--screenshot", "x.png", "--size", "800x600"]) == 0
    assert seen == [[], ["net.ffn"], ["--screenshot", "x.png", "--size", "800x600"]]


def test_without_the_designer_one_clear_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "designer.app", None)  # import fails
    code, out, err = run(capsys)
    assert code == 2
    line = one_line_error(err)
    assert "designer cannot start" in line and "new, train, trace, info" in line


def test_trace_refuses_a_target_the_loss_cannot_take(capsys, tmp_path):
    code, out, err = run(capsys, "trace", EXAMPLES / "xor.ffn", "--input", "1,2", "--target", "-1")
    assert code == 2 and "the target -1 is not a probability" in one_line_error(err)
    code, out, err = run(capsys, "trace", EXAMPLES / "digits.ffn", "--input", ",".join(["0"] * 64),
                         "--target", ",".join(["0.5"] + ["0"] * 9))
    assert code == 2 and "adds up to 0.5" in one_line_error(err)
    code, out, err = run(capsys, "trace", EXAMPLES / "single-neuron.ffn", "--input", "1.5", "--target", "-7")
    assert code == 0, err  # squared error takes any number


def test_core_imports_neither_qt_nor_the_designer_anywhere_in_its_source():
    """Not even lazily: the window is found through the 'backprop_studio.gui' entry point."""
    import ast
    banned = {"designer", "PySide6", "pyqtgraph", "shiboken6"}
    found = []
    for path in (ROOT / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in banned]
    assert found == []


def test_no_sub_command_hands_over_to_the_registered_window(monkeypatch, capsys):
    seen = []
    assert cli.main(["--screenshot", "x.png"], gui=lambda args: seen.append(args) or 0) == 0
    assert seen == [["--screenshot", "x.png"]]
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group=None: [])
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert cli.GUI_GROUP in err and "sub-commands" in err
