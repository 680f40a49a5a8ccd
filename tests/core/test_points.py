"""Drawn points as part of the data source, and format 2's migration of them.

Format 1 kept hand-drawn points in the designer's free ``view["drawn_data"]``,
where the command line never saw them; format 2 keeps them in
``data.points``. These tests cover :mod:`core.data.points`,
``DataSource.points`` and the committed version-1 fixture.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from core.cli import main
from core.data.dataset import DataError, Dataset
from core.data.points import (MAX_CLASSES, MAX_POINTS, check_points, points_dataset, points_payload, with_point,
                              without_nearest)
from core.data.source import DataSource
from core.files import FORMAT_VERSION, NetworkFile, NetworkFileError, load_network, save_network
from core.parameters import init_parameters
from core.spec import sequential

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "xor-drawn-v1.ffn"


def payload(**change) -> dict:
    d = {"X": [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]], "y": [0, 1, 1], "task": "classification",
         "class_names": ["a", "b"], "name": "drawn"}
    d.update(change)
    return d


# --- core.data.points -----------------------------------------------------------------------

def test_points_dataset_and_payload_round_trip():
    ds = points_dataset(payload())
    assert ds.task == "classification" and ds.n_samples == 3 and ds.class_names == ["a", "b"]
    assert ds.feature_names == ["x1", "x2"] and ds.name == "drawn"
    assert points_payload(ds) == payload()


def test_one_drawn_class_still_gives_two_class_names():
    ds = points_dataset(payload(y=[0, 0, 0], class_names=[]))
    assert ds.class_names == ["0", "1"]


def test_a_drawn_point_joins_its_class_and_the_nearest_goes_within_the_radius():
    ds = points_dataset(payload(X=[[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5]], y=[0, 1, 1, 0, 1]))
    more = with_point(ds, 0.25, -0.75, 1)
    assert len(more) == 6 and more.X[-1].tolist() == [0.25, -0.75] and more.y[-1] == 1
    assert more.class_names == ds.class_names and len(ds) == 5          # the original is untouched
    with pytest.raises(DataError, match="class 7"):
        with_point(ds, 0, 0, 7)
    fewer = without_nearest(more, 0.3, -0.7, radius=0.1)
    assert fewer is not None and len(fewer) == 5 and [0.25, -0.75] not in fewer.X.tolist()
    assert without_nearest(more, 3.0, 3.0, radius=0.1) is None          # nothing near enough
    two = points_dataset(payload(X=[[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]], y=[0, 0, 0, 0, 1]))
    assert without_nearest(two, 4, 4, radius=0.5) is None               # the last point of a class stays
    reg = points_dataset(payload(X=[[0, 0], [1, 0]], y=[0.5, -1.0], task="regression", class_names=[]))
    assert with_point(reg, 2, 2, 3.5).y.reshape(-1).tolist() == [0.5, -1.0, 3.5]


def test_regression_points():
    ds = points_dataset(payload(task="regression", y=[0.5, -1.0, 2.0], class_names=[]))
    assert ds.y.shape == (3, 1) and ds.n_classes == 0
    assert points_payload(ds)["y"] == [0.5, -1.0, 2.0]


@pytest.mark.parametrize("change, field, limit", [
    ({"y": [0, 10**12, 1]}, "y[1]", f"0 to {MAX_CLASSES - 1}"),
    ({"y": [0, -1, 1]}, "y[1]", "class number"),
    ({"y": [0, True, 1]}, "y[1]", "class number"),
    ({"y": [0, 1]}, "y", "as long as X"),
    ({"X": [[0.0, 1.0], [1.0], [0.5, 0.5]]}, "X[1]", "two finite numbers"),
    ({"X": [[0.0, 1.0], [1.0, False], [0.5, 0.5]]}, "X[1]", "two finite numbers"),
    ({"X": [[0.0, 1.0], [1.0, float("nan")], [0.5, 0.5]]}, "X[1]", "finite"),
    ({"X": [[0.0, 0.0]] * (MAX_POINTS + 1), "y": [0] * (MAX_POINTS + 1)}, "X", str(MAX_POINTS)),
    ({"task": "clustering"}, "task", "regression"),
    ({"class_names": ["c"] * (MAX_CLASSES + 1)}, "class_names", str(MAX_CLASSES)),
    ({"class_names": ["x" * 101, "b"]}, "class_names[0]", "100 characters"),
    ({"name": 5}, "name", "text"),
    ({"task": "regression", "y": [0.0, 1.0, "x"], "class_names": []}, "y[2]", "finite number"),
])
def test_check_points_names_the_field_and_the_limit(change, field, limit):
    with pytest.raises(DataError) as err:
        check_points(payload(**change))
    msg = str(err.value)
    assert f"drawn points: {field} must be" in msg and limit in msg, msg
    assert "1000000000000" not in msg and len(msg) < 120


# --- DataSource.points ----------------------------------------------------------------------

def test_a_source_with_points_loads_them_with_derived_features():
    src = DataSource("xor", n=200, features=["x1", "x2", "x1*x2"], points=payload())
    assert src.label == "drawn points"
    ds = src.load()
    assert ds.n_samples == 3 and ds.n_features == 3
    assert np.allclose(ds.X[:, 2], [0.0, 0.0, 0.25])
    back = DataSource.from_dict(json.loads(json.dumps(src.to_dict())))
    assert back == src


def test_from_dict_checks_the_points():
    with pytest.raises(DataError, match=r"y\[0\] must be a class number"):
        DataSource.from_dict({"name": "xor", "points": payload(y=[99, 0, 0])})


def test_points_round_trip_through_a_file(tmp_path):
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    src = DataSource("xor", test_fraction=0.0, points=payload())
    save_network(tmp_path / "p.ffn", NetworkFile(spec, init_parameters(spec, 0), data=src))
    with zipfile.ZipFile(tmp_path / "p.ffn") as zf:
        doc = json.loads(zf.read("network.json"))
    assert doc["format_version"] == FORMAT_VERSION == 2
    assert doc["data"]["points"]["y"] == [0, 1, 1]
    assert load_network(tmp_path / "p.ffn").data == src


# --- the version-1 fixture and its migration ------------------------------------------------

def test_the_v1_fixture_is_a_version_1_file_with_drawn_points_in_view():
    with zipfile.ZipFile(FIXTURE) as zf:
        doc = json.loads(zf.read("network.json"))
    assert doc["format_version"] == 1
    assert len(doc["view"]["drawn_data"]["X"]) == 20


def test_the_v1_fixture_loads_with_its_points_in_the_data_source():
    nf = load_network(FIXTURE)
    assert "drawn_data" not in nf.view and nf.view == {"zoom": 1.0}
    assert nf.data is not None and nf.data.points is not None
    assert len(nf.data.points["X"]) == 20 and nf.data.points["class_names"] == ["blue", "orange"]
    ds = nf.data.load()
    assert isinstance(ds, Dataset) and ds.n_samples == 20


def test_the_cli_trains_a_v1_file_on_its_20_drawn_points(tmp_path, capsys):
    out = tmp_path / "x.ffn"
    assert main(["train", str(FIXTURE), "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["data"] == "drawn points"
    assert result["train_samples"] == 20 and result["test_samples"] == 0
    assert result["steps"] == 5 * 5          # 5 epochs of 20 points in batches of 4
    again = load_network(out)
    assert again.data.points == load_network(FIXTURE).data.points


def test_data_xor_on_the_command_line_means_the_xor_set_not_the_points(tmp_path, capsys):
    assert main(["train", str(FIXTURE), "--data", "xor", "--epochs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["data"] == "xor" and result["train_samples"] + result["test_samples"] == 200


def write_v1(tmp_path: Path, drawn) -> Path:
    with zipfile.ZipFile(FIXTURE) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = json.loads(parts["network.json"])
    doc["view"]["drawn_data"] = drawn
    parts["network.json"] = json.dumps(doc).encode()
    path = tmp_path / "v1.ffn"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("drawn, problem", [
    ({"X": [[0, 0]], "y": [10**12], "task": "classification"}, "y[0] must be a class number"),
    ({"X": "many", "y": []}, "X must be a list of at most 10000"),
    ([1, 2, 3], "must be an object"),
])
def test_a_malformed_v1_drawn_data_is_refused_naming_view_drawn_data(tmp_path, drawn, problem):
    path = write_v1(tmp_path, drawn)
    with pytest.raises(NetworkFileError) as err:
        load_network(path)
    msg = str(err.value)
    assert "\n" not in msg and "$.view.drawn_data" in msg and problem in msg, msg


def test_an_empty_v1_drawn_data_means_no_points(tmp_path):
    nf = load_network(write_v1(tmp_path, None))
    assert nf.data.points is None and "drawn_data" not in nf.view
