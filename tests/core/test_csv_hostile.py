"""CSV files that point at hostile data, or hold many bad rows: every one refused with one line.

An outside check used `/dev/zero`, a FIFO, a folder and a gzip bomb as the
data path (training ran out of memory or hung), and a 200 MB CSV cost 4 GB.
Every refusal names the file; a bad file lists each bad row up to a limit.
"""
from __future__ import annotations

import gzip
import os
import threading

import numpy as np
import pytest

from core.cli import main
from core.data import csvfile
from core.data.csvfile import MAX_REPORTED, load_csv
from core.data.dataset import MAX_ABS_VALUE, DataError, Dataset
from core.files import NetworkFile, save_network
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import TrainingSettings
from core.data.source import DataSource


def _refuses_within(seconds: float, fn) -> DataError:
    """Run ``fn`` in a thread: it must raise DataError before ``seconds`` (a FIFO would block)."""
    out: dict[str, BaseException] = {}

    def run() -> None:
        try:
            fn()
        except BaseException as e:  # noqa: BLE001 - handed to the test thread
            out["e"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "the reader blocked"
    assert isinstance(out.get("e"), DataError), out
    return out["e"]  # type: ignore[return-value]


@pytest.mark.parametrize("kind", ["dev-zero", "folder", "fifo"])
def test_a_path_that_is_not_a_regular_file_is_refused_without_reading(tmp_path, kind):
    if kind == "dev-zero":
        path = "/dev/zero"
    elif kind == "folder":
        path = str(tmp_path)
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        path = str(tmp_path / "pipe.csv")
        os.mkfifo(path)
    err = _refuses_within(30, lambda: load_csv(path))
    msg = str(err)
    assert msg.startswith(path) and "\n" not in msg
    assert ("folder" if kind == "folder" else "not a regular file") in msg


def test_a_file_over_the_size_cap_is_refused_by_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CSV_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("a,b\n" + "1,2\n" * 400)
    with pytest.raises(DataError, match=r"big\.csv: the file is larger than"):
        load_csv(path)


def test_a_gzip_bomb_stops_at_the_cap(tmp_path, monkeypatch):
    """10 MB of zeros packed into about 10 kB: unpacking stops at the cap, not at the end."""
    monkeypatch.setattr(csvfile, "MAX_CSV_BYTES", 100_000)
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n" + b"0" * 10_000_000))
    assert path.stat().st_size < 50_000
    with pytest.raises(DataError, match="larger than"):
        load_csv(path)


def test_a_truncated_gzip_file_is_called_damaged(tmp_path):
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n1,2\n3,4\n" * 100)[:-20])
    with pytest.raises(DataError, match="damaged"):
        load_csv(path)


def test_every_bad_row_is_listed_with_row_column_value_and_why(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,label\n1,2,a\nabc,2,b\n3,,a\n4,5\n6,7,\n8,1e300,b\n")
    with pytest.raises(DataError) as e:
        load_csv(path)
    err = e.value
    assert str(err).startswith(f"{path}: 5 bad rows: row 3, column 'x1': 'abc' is not a number")
    assert [(b.row, b.column) for b in err.bad] == [(3, "x1"), (4, "x2"), (5, ""), (6, "label"), (7, "x2")]
    assert err.bad[0].value == "abc" and err.bad[4].value == "1e300"
    assert "larger than 1e+100" in err.bad[4].why and "\n" not in str(err)


def test_a_file_bad_on_every_row_names_the_first_ones_and_counts_the_rest(tmp_path):
    path = tmp_path / "worse.csv"
    path.write_text("x,y\n" + "oops,1\n" * 500)
    with pytest.raises(DataError) as e:
        load_csv(path)
    assert len(e.value.bad) == MAX_REPORTED
    assert "500 bad rows" in str(e.value) and f"and {500 - MAX_REPORTED} more" in str(e.value)
    assert [b.row for b in e.value.bad] == list(range(2, 2 + MAX_REPORTED))


def test_a_bad_regression_target_is_listed_with_the_other_bad_rows(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text("x,y\n1,0.5\n2,high\nq,0.1\n")
    with pytest.raises(DataError) as e:
        load_csv(path, task="regression")
    assert [b.row for b in e.value.bad] == [3, 4]


def test_inputs_near_1e300_are_refused_up_front_with_a_reason():
    X = np.array([[0.0, 1.0], [2.0, 3e300]])
    with pytest.raises(DataError, match=r"input row 2, column 2 holds 3e\+300.*standardising it would overflow"):
        Dataset(X, np.array([0, 1]), "classification")
    assert MAX_ABS_VALUE == 1e100
    Dataset(np.array([[1e99, -1e99]]), np.array([0]), "classification")  # large but fine


def test_train_on_hostile_data_paths_is_one_line_and_exit_2(tmp_path, capsys):
    huge = tmp_path / "huge.csv"
    huge.write_text("a,b,label\n1,2,0\n3,1e300,1\n4,5,0\n6,7,1\n")
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    for target in ("/dev/zero", str(tmp_path), str(huge)):
        nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings(),
                         DataSource(name="csv", path=target), {}, None, None)
        path = tmp_path / "net.ffn"
        save_network(path, nf)
        assert main(["train", str(path), "--epochs", "1"]) == 2
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "unexpected error" not in err and target in err, err
