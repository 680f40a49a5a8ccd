"""Hostile and awkward network files: refused fast, cheaply, on one clear line.

Every file here is crafted in the test (small on disk) for one class of
attack that once cost minutes or gigabytes; each refusal must be a
NetworkFileError naming the file and the member, within a generous time
bound. Also: whatever saves loads and whatever loads saves.
"""
from __future__ import annotations

import io
import json
import math
import os
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core import files
from core.cli import main
from core.data.source import DataSource
from core.files import NetworkFile, NetworkFileError, load_network, save_network
from core.parameters import init_parameters
from core.spec import NetworkSpec, Node, sequential
from core.text import printable
from core.trainer import History, TrainingSettings

FAST = 2.0   # seconds: the promise for every refusal
MEMORY = 512 * 2**20   # bytes: the promise for every refusal


def small(view=None, spec=None) -> NetworkFile:
    spec = spec or sequential([2, 3, 1], "tanh", "logistic", "bce")
    return NetworkFile(spec, init_parameters(spec, 0), TrainingSettings(), DataSource("xor", n=20),
                       view if view is not None else {"zoom": 1})


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def zip_bytes(parts: dict[str, bytes], method=zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def refused(path: Path, *words: str) -> str:
    """Load ``path``: it must be refused with one line, within FAST seconds and MEMORY bytes.

    Memory is measured with tracemalloc, which NumPy reports its buffers to,
    so an array or a zip member unpacked before a cap counts.
    """
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(NetworkFileError) as err:
            load_network(path)
        took = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    msg = str(err.value)
    assert took < FAST, f"took {took:.1f} s: {msg}"
    assert peak < MEMORY, f"used {peak / 2**20:.0f} MiB: {msg}"
    assert "\n" not in msg and msg.startswith(str(path)) and not err.value.unexpected, msg
    for w in words:
        assert w in msg, msg
    return msg


def base_parts(tmp_path: Path) -> dict[str, bytes]:
    save_network(tmp_path / "good.ffn", small())
    return parts_of(tmp_path / "good.ffn")


def with_end_record(z: bytes, entries: int | None = None, zip64_entries: int | None = None,
                    comment: bytes = b"") -> bytes:
    """``z`` with its end record's entry count changed, a zip64 record and locator, a comment."""
    at = z.rfind(b"PK\x05\x06")
    head, eocd = z[:at], bytearray(z[at:at + 22])
    if entries is not None:
        eocd[8:10] = eocd[10:12] = struct.pack("<H", entries)
    eocd[20:22] = struct.pack("<H", len(comment))
    z64 = b""
    if zip64_entries is not None:
        cd_size, cd_off = struct.unpack("<II", eocd[12:20])
        rec = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0,
                          zip64_entries, zip64_entries, cd_size, cd_off)
        loc = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(head), 1)
        z64 = rec + loc
    return head + z64 + bytes(eocd) + comment


# --- 1. zip bombs ---------------------------------------------------------------------------

def test_weights_npz_listing_millions_of_entries_is_refused_before_zipfile_parses_it(tmp_path):
    parts = base_parts(tmp_path)
    parts["weights.npz"] = with_end_record(parts["weights.npz"], zip64_entries=10_000_000)
    path = tmp_path / "bomb.ffn"
    path.write_bytes(zip_bytes(parts))
    refused(path, "weights.npz lists 10,000,000 entries", f"at most {files.MAX_ARRAYS:,}")


def test_weights_npz_with_a_huge_central_directory_is_refused(tmp_path):
    parts = base_parts(tmp_path)
    z = bytearray(parts["weights.npz"])
    at = z.rfind(b"PK\x05\x06")
    z[at + 12:at + 16] = struct.pack("<I", 200 * 2**20)
    parts["weights.npz"] = bytes(z)
    path = tmp_path / "cd.ffn"
    path.write_bytes(zip_bytes(parts))
    refused(path, "weights.npz has a table of contents of 200.0 MiB", "4.0 MiB")


def test_a_zip64_end_record_does_not_bypass_the_entry_cap(tmp_path):
    path = tmp_path / "z64.ffn"
    path.write_bytes(with_end_record(zip_bytes(base_parts(tmp_path)), zip64_entries=5_000_000))
    refused(path, "the archive lists 5,000,000 entries", "at most 64")


def test_a_signature_hidden_in_the_comment_does_not_bypass_the_entry_cap(tmp_path):
    z = zip_bytes(base_parts(tmp_path))
    at = z.rfind(b"PK\x05\x06")
    fake = z[at:at + 20] + b"\x00\x00"        # a well-formed end record claiming 3 entries
    path = tmp_path / "hidden.ffn"
    path.write_bytes(with_end_record(z, entries=60_000, comment=b"x" + fake))
    refused(path, "lists 60,000 entries")


def test_one_budget_for_everything_unpacked_from_a_file(tmp_path, monkeypatch):
    """weights.npz no longer gets a fresh allowance for the arrays it unpacks."""
    monkeypatch.setattr(files.read, "MAX_TOTAL_BYTES", 3 * 2**20)
    parts = base_parts(tmp_path)

    def npy(a: np.ndarray) -> bytes:
        one = io.BytesIO()
        np.lib.format.write_array(one, a)
        return one.getvalue()

    keys = list(np.load(io.BytesIO(parts["weights.npz"])).files)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("W:c2.npy", npy(np.random.default_rng(0).random(62_500)), zipfile.ZIP_STORED)
        zf.writestr("W:c1.npy", npy(np.zeros(380_000)), zipfile.ZIP_DEFLATED)   # 2.9 MiB of zeros
        for k in keys:
            if k not in ("W:c1", "W:c2"):
                zf.writestr(f"{k}.npy", npy(np.zeros(1)))
    parts["weights.npz"] = inner.getvalue()
    path = tmp_path / "budget.ffn"
    path.write_bytes(zip_bytes(parts))
    refused(path, "weights.npz: W:c1 would unpack to 2.9 MiB", "more than the 2.5 MiB left of the")


# --- 2. slow validation ---------------------------------------------------------------------

def doc_variant(tmp_path: Path, change, name="bad.ffn") -> Path:
    parts = base_parts(tmp_path)
    doc = json.loads(parts["network.json"])
    change(doc)
    parts["network.json"] = json.dumps(doc, separators=(",", ":")).encode()
    path = tmp_path / name
    path.write_bytes(zip_bytes(parts, zipfile.ZIP_DEFLATED))
    return path


def test_two_million_removed_pairs_are_refused_at_once(tmp_path):
    path = doc_variant(tmp_path, lambda d: d["spec"]["connections"][0].update(removed=[[0, 0]] * 2_000_000))
    assert path.stat().st_size < 100_000
    refused(path, "network.json holds about 4,000,0", f"more than the {files.MAX_JSON_VALUES:,} allowed")


def test_removed_pairs_are_capped_at_the_connections_own_edges(tmp_path):
    path = doc_variant(tmp_path, lambda d: d["spec"]["connections"][0].update(removed=[[0, 0]] * 90_000))
    refused(path, "$.spec.connections[0].removed", "more than the 6 removed edges allowed",
            "the connection has 6 edges")


@pytest.mark.parametrize("n, words", [
    (380_000, ["network.json holds about", "values"]),
    (50_000, ["$.spec.nodes", f"more than the {files.MAX_NODES:,}"]),
])
def test_hundreds_of_thousands_of_nodes_are_refused_at_once(tmp_path, n, words):
    path = doc_variant(tmp_path, lambda d: d["spec"]["nodes"].extend(
        {"id": f"n{k}", "kind": "neuron", "units": 1} for k in range(n)))
    refused(path, *words)


# --- 3. messages explain, they do not echo --------------------------------------------------

def test_a_shown_value_is_cut_and_its_control_characters_escaped(tmp_path):
    evil = "\x1b]0;pwned\x07\r" + "A" * 5000
    msg = refused(doc_variant(tmp_path, lambda d: d["training"].update(optimizer=evil)),
                  "$.training.optimizer", "expected one of sgd")
    assert "\x1b" not in msg and "\x07" not in msg and "\r" not in msg and "A" * 60 not in msg
    assert "\\e" in msg


def test_a_huge_number_is_described_not_echoed(tmp_path):
    msg = refused(doc_variant(tmp_path, lambda d: d["spec"]["nodes"][1].update(units=10**400)),
                  "$.spec.nodes[1].units", "100000")
    assert "0000000000000000000000" not in msg


def test_printable_escapes_terminal_controls_and_keeps_text():
    assert printable("σ(w·x) → ŷ") == "σ(w·x) → ŷ"
    assert printable("a\x1b[2Jb\x07\r\u202e\x01") == "a\\e[2Jb\\a\\r\\u202e\\x01"
    assert printable("x" * 100, 40) == "x" * 40 + "…"


# --- 4. data paths are never opened by the loader -------------------------------------------

@pytest.mark.parametrize("target", ["/dev/zero", "folder", "fifo"])
def test_loading_never_reads_the_data_path(tmp_path, target):
    if target == "folder":
        target = str(tmp_path)
    elif target == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = str(tmp_path / "pipe.csv")
        os.mkfifo(target)
    path = doc_variant(tmp_path, lambda d: d.update(data={"name": "csv", "path": target}))
    t0 = time.perf_counter()
    nf = load_network(path)
    assert time.perf_counter() - t0 < FAST and nf.data.path == target


def test_train_on_a_folder_as_data_is_one_line_and_exit_2(tmp_path, capsys):
    path = doc_variant(tmp_path, lambda d: d.update(data={"name": "csv", "path": str(tmp_path)}))
    assert main(["train", str(path), "--epochs", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "unexpected error" not in err, err


# --- 5. terminal escapes in what the CLI prints ---------------------------------------------

def test_info_escapes_control_characters_from_the_file(tmp_path, capsys):
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    spec.nodes[list(spec.nodes)[1]].name = "evil\x1b]2;title\x07\rname"
    nf = small(spec=spec)
    nf.description = "desc\x1b[31mred"
    save_network(tmp_path / "e.ffn", nf)
    assert main(["info", str(tmp_path / "e.ffn")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "evil\\e]2;title\\a\\rname" in out and "desc\\e[31mred" in out


def test_the_cycle_error_escapes_control_characters(tmp_path, capsys):
    def loop(d):
        d["spec"]["nodes"][1]["name"] = "h\x1b[2J"
        d["spec"]["connections"].append({"id": "back", "src": "out", "dst": "h1"})
    path = doc_variant(tmp_path, loop)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cycle" in err and "\x1b" not in err and "h\\e[2J" in err


# --- 6. stray temporary files ---------------------------------------------------------------

def test_a_save_removes_stale_temporaries_of_its_own_target_only(tmp_path):
    target = tmp_path / "net.ffn"
    old = time.time() - 3600
    stale = tmp_path / ".net.ffn.0123456789ab.tmp"
    fresh = tmp_path / ".net.ffn.ba9876543210.tmp"      # a save running right now
    other = tmp_path / ".other.ffn.0123456789ab.tmp"    # another target's
    odd = tmp_path / ".net.ffn.notmine.tmp"             # not the saver's pattern
    for p in (stale, fresh, other, odd):
        p.write_bytes(b"partial")
    for p in (stale, other, odd):
        os.utime(p, (old, old))
    save_network(target, small())
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([target.name, fresh.name, other.name, odd.name])


# --- 7. symlink loops -----------------------------------------------------------------------

def test_a_symlink_loop_is_a_clean_error_to_load_and_to_save(tmp_path):
    a, b = tmp_path / "a.ffn", tmp_path / "b.ffn"
    a.symlink_to(b)
    b.symlink_to(a)
    refused(a, "cannot read the file")
    with pytest.raises(NetworkFileError, match="cannot save"):
        save_network(a, small())
    assert a.is_symlink() and b.is_symlink()


# --- whatever saves loads, whatever loads saves ---------------------------------------------

def unfinished_specs() -> list[NetworkSpec]:
    out = []
    s = NetworkSpec()
    out.append(s)                                                   # empty
    s = NetworkSpec()
    s.add_node(Node("x", "input", 2, meta={"pos": [0.0, 0.0]}))
    out.append(s)                                                   # an input only
    s = NetworkSpec()
    s.add_node(Node("x", "input", 2))
    s.add_node(Node("h", "layer", 3, "tanh"))
    out.append(s)                                                   # a node with no connections
    s = NetworkSpec()
    s.add_node(Node("x", "input", 2))
    s.add_node(Node("h", "layer", 3, "relu"))
    s.connect("x", "h", "c")
    s.set_edge("c", 1, 2, present=False)
    out.append(s)                                                   # no output node
    s = sequential([2, 3, 1], "tanh", "logistic", "bce")
    s.add_node(Node("d", "layer", 4, "elu"))
    s.connect("in", "d", "dangle") if "in" in s.nodes else s.connect(next(iter(s.nodes)), "d", "dangle")
    out.append(s)                                                   # a dangling layer
    return out


@pytest.mark.parametrize("k", range(5))
def test_an_unfinished_network_saves_and_reopens_as_the_same_document(tmp_path, k):
    spec = unfinished_specs()[k]
    params = init_parameters(spec, 3)
    save_network(tmp_path / "u.ffn", NetworkFile(spec, params))
    back = load_network(tmp_path / "u.ffn")
    assert back.spec.to_dict() == spec.to_dict()
    assert back.params.keys() == params.keys()
    assert all(back.params[key].tobytes() == params[key].tobytes() for key in params)


def nested(depth: int) -> dict:
    v: dict = {}
    for _ in range(depth - 1):
        v = {"a": v}
    return v


def test_a_deep_view_is_refused_the_same_way_on_load_and_on_save(tmp_path):
    deep = nested(600)
    with pytest.raises(NetworkFileError) as err:
        save_network(tmp_path / "s.ffn", small(view=deep))
    assert f"$.view: nested more than {files.MAX_FREE_DEPTH} levels deep" in str(err.value)
    assert not (tmp_path / "s.ffn").exists()
    refused(doc_variant(tmp_path, lambda d: d.update(view=deep)),
            f"$.view: nested more than {files.MAX_FREE_DEPTH} levels deep")
    save_network(tmp_path / "ok.ffn", small(view=nested(files.MAX_FREE_DEPTH)))
    assert load_network(tmp_path / "ok.ffn").view == nested(files.MAX_FREE_DEPTH)


def test_a_huge_view_is_refused_the_same_way_on_load_and_on_save(tmp_path):
    view = {"zeros": [0] * 7_000_000}
    t0 = time.perf_counter()
    with pytest.raises(NetworkFileError) as err:
        save_network(tmp_path / "s.ffn", small(view=view))
    assert time.perf_counter() - t0 < 10
    said = f"more than the {files.MAX_JSON_VALUES:,} allowed"
    assert "network.json holds about 7,00" in str(err.value) and said in str(err.value)
    refused(doc_variant(tmp_path, lambda d: d.update(view=view)), "network.json holds about 7,00", said)
    text = {"text": "x" * (5 * 2**20)}        # big without many values: the view's own cap
    with pytest.raises(NetworkFileError, match=r"\$\.view: 5\.0 MiB of settings, more than the 4\.0 MiB"):
        save_network(tmp_path / "s.ffn", small(view=text))
    refused(doc_variant(tmp_path, lambda d: d.update(view=text)), "$.view: 5.0 MiB of settings")


def test_a_history_over_the_cap_is_refused_by_the_saver_naming_history_json(tmp_path, monkeypatch):
    monkeypatch.setattr(files.read, "MAX_HISTORY_VALUES", 1000)
    nf = small()
    nf.history = History(step_loss=[0.5] * 2000)
    with pytest.raises(NetworkFileError) as err:
        save_network(tmp_path / "h.ffn", nf)
    assert "history.json holds about 2,00" in str(err.value) and "more than the 1,000 allowed" in str(err.value)
    assert not (tmp_path / "h.ffn").exists()


def test_the_history_cap_fits_a_million_steps_of_a_three_layer_network():
    row = len(json.dumps([0.12345678901234567] * 3))
    step = len(json.dumps(0.12345678901234567)) + len("1000000,") + row + 3
    assert 1_000_000 * step < files.MAX_HISTORY_BYTES
    assert 1_000_000 * (1 + 1 + 3) < files.MAX_HISTORY_VALUES
    assert math.isfinite(step)
