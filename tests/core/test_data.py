"""Tests for core.data: datasets, toy generators, CSV import, shipped data, preprocessing."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.data import (
    DATASET_NAMES,
    FEATURES,
    TOY_DATASETS,
    DataError,
    Dataset,
    Standardizer,
    derive_dataset,
    derive_features,
    load_csv,
    load_dataset,
    make_toy,
    train_test_split,
)
from core.resources import resource_path

REPO = Path(__file__).resolve().parents[2]
CLASSIFIERS = [name for name in TOY_DATASETS if name != "regression"]


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------- Dataset


def small() -> Dataset:
    X = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]])
    return Dataset(X, np.array([0, 1, 1, 0]), "classification", ["a", "b"], ["no", "yes"], "s")


def test_dataset_helpers():
    ds = small()
    assert (ds.n_samples, ds.n_features, ds.n_classes, len(ds)) == (4, 2, 2, 4)
    assert ds.X.dtype == np.float64 and ds.y.dtype == np.int64
    onehot = ds.targets("onehot")
    np.testing.assert_array_equal(onehot, [[1, 0], [0, 1], [0, 1], [1, 0]])
    np.testing.assert_array_equal(ds.targets(), onehot)
    np.testing.assert_array_equal(ds.targets("binary"), [[0.0], [1.0], [1.0], [0.0]])
    assert ds.targets("binary").dtype == np.float64


def test_subset_copies_rows_and_keeps_names():
    ds = small()
    sub = ds.subset([3, 1])
    np.testing.assert_array_equal(sub.X, [[6.0, 7.0], [2.0, 3.0]])
    np.testing.assert_array_equal(sub.y, [0, 1])
    assert sub.class_names == ["no", "yes"] and sub.feature_names == ["a", "b"]
    sub.X[0, 0] = 99.0
    assert ds.X[3, 0] == 6.0
    mask = ds.subset(ds.y == 1)
    assert mask.n_samples == 2 and mask.n_classes == 2


def test_regression_dataset_and_targets():
    ds = Dataset(np.zeros((3, 2)), np.array([1.0, 2.0, 3.5]), "regression")
    assert ds.y.shape == (3, 1) and ds.n_classes == 0 and ds.n_outputs == 1
    assert ds.feature_names == ["x1", "x2"]
    np.testing.assert_array_equal(ds.targets(), [[1.0], [2.0], [3.5]])
    with pytest.raises(DataError, match="regression"):
        ds.targets("onehot")


def test_binary_targets_need_two_classes():
    ds = Dataset(np.zeros((3, 1)), np.array([0, 1, 2]), "classification")
    assert ds.class_names == ["0", "1", "2"]
    assert ds.targets().shape == (3, 3)
    with pytest.raises(DataError, match="2 classes"):
        ds.targets("binary")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(X=np.zeros((3, 2)), y=np.zeros(4, int)), "shape"),
        (dict(X=np.zeros((3, 2)), y=np.array([0, 1, 5]), class_names=["a", "b"]), "no class name"),
        (dict(X=np.zeros((2, 2)), y=np.array([0.5, 1.0])), "whole numbers"),
        (dict(X=np.zeros((2, 2)), y=np.array([-1, 0])), "negative"),
        (dict(X=np.array([[np.nan, 0.0]]), y=np.array([0])), "finite"),
        (dict(X=np.zeros((2, 2)), y=np.array([0, 1]), feature_names=["a"]), "feature names"),
    ],
)
def test_dataset_rejects_bad_arrays(kwargs, match):
    with pytest.raises(DataError, match=match):
        Dataset(task="classification", **kwargs)


def test_data_error_is_value_error():
    assert issubclass(DataError, ValueError)


# ------------------------------------------------------------------------ toys


@pytest.mark.parametrize("name", list(TOY_DATASETS))
def test_toy_shapes_and_scale(name):
    ds = make_toy(name, n=301, noise=0.1, seed=3)
    assert ds.X.shape == (301, 2) and ds.X.dtype == np.float64
    assert ds.feature_names == ["x1", "x2"] and ds.name == name
    assert np.all(np.isfinite(ds.X))
    # Playground scale: spread over several units, but within about -8..8
    assert 3.0 < np.abs(ds.X).max() < 8.0
    if name == "regression":
        assert ds.task == "regression" and ds.y.shape == (301, 1)
    else:
        assert ds.task == "classification" and ds.class_names == ["0", "1"]
        np.testing.assert_array_equal(np.bincount(ds.y), [151, 150])


@pytest.mark.parametrize("name", list(TOY_DATASETS))
def test_toy_deterministic_per_seed_and_differs_across_seeds(name):
    a = make_toy(name, n=50, noise=0.2, seed=7)
    b = make_toy(name, n=50, noise=0.2, seed=7)
    c = make_toy(name, n=50, noise=0.2, seed=8)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.allclose(a.X, c.X)


def test_toy_registry_functions_match_make_toy():
    for name, gen in TOY_DATASETS.items():
        np.testing.assert_array_equal(gen(n=20, noise=0.0, seed=1).X, make_toy(name, 20, 0.0, 1).X)


def test_toy_rows_are_shuffled():
    y = make_toy("xor", n=200, seed=0).y
    assert 0 < y[:100].sum() < 100


def test_clean_toys_follow_their_rule():
    xor = make_toy("xor", n=400, noise=0.0, seed=0)
    np.testing.assert_array_equal(xor.y, (xor.X[:, 0] * xor.X[:, 1] < 0).astype(int))
    circ = make_toy("circles", n=400, noise=0.0, seed=0)
    r = np.hypot(circ.X[:, 0], circ.X[:, 1])
    assert r[circ.y == 0].max() <= 2.5 and r[circ.y == 1].min() >= 3.5
    gauss = make_toy("gaussians", n=400, noise=0.0, seed=0)
    np.testing.assert_allclose(gauss.X[gauss.y == 0].mean(axis=0), [2, 2], atol=0.15)
    np.testing.assert_allclose(gauss.X[gauss.y == 1].mean(axis=0), [-2, -2], atol=0.15)
    reg = make_toy("regression", n=100, noise=0.0, seed=0)
    expected = np.sin(np.pi * reg.X[:, 0] / 6) * np.cos(np.pi * reg.X[:, 1] / 6)
    np.testing.assert_allclose(reg.y[:, 0], expected)
    assert np.abs(reg.X).max() <= 6.0


def test_toy_noise_spreads_points():
    clean = make_toy("regression", n=500, noise=0.0, seed=0)
    noisy = make_toy("regression", n=500, noise=0.3, seed=0)
    resid = noisy.y - np.sin(np.pi * noisy.X[:, :1] / 6) * np.cos(np.pi * noisy.X[:, 1:] / 6)
    assert resid.std() == pytest.approx(0.3, rel=0.15)
    assert clean.y.std() != noisy.y.std()


@pytest.mark.parametrize("kwargs", [dict(n=1), dict(n=2.5), dict(noise=-0.1), dict(noise="x")])
def test_toy_rejects_bad_settings(kwargs):
    with pytest.raises(DataError):
        make_toy("moons", **kwargs)


def test_unknown_toy_lists_choices():
    with pytest.raises(DataError, match="unknown toy dataset 'donut'.*spiral"):
        make_toy("donut")


# ------------------------------------------------------------------------- CSV


def test_csv_string_labels(tmp_path):
    path = write(
        tmp_path,
        "width, height ,kind\n1.5,2,dog\n\n3,4e-1,cat\n-1,0,dog\n7,8,bird\n",
        "pets.csv",
    )
    ds = load_csv(path)
    assert ds.task == "classification" and ds.name == "pets"
    assert ds.feature_names == ["width", "height"]
    assert ds.class_names == ["bird", "cat", "dog"]
    np.testing.assert_array_equal(ds.y, [2, 1, 2, 0])
    np.testing.assert_array_equal(ds.X, [[1.5, 2.0], [3.0, 0.4], [-1.0, 0.0], [7.0, 8.0]])


def test_csv_target_by_name_and_index(tmp_path):
    path = write(tmp_path, "label,a,b\n1,0.5,10\n0,1.5,20\n1,2.5,30\n0,3.5,40\n")
    by_name = load_csv(path, target="label")
    by_index = load_csv(path, target=0)
    by_negative = load_csv(path, target=-3)
    for ds in (by_name, by_index, by_negative):
        assert ds.feature_names == ["a", "b"]
        np.testing.assert_array_equal(ds.y, [1, 0, 1, 0])
        assert ds.task == "classification" and ds.class_names == ["0", "1"]
    reg = load_csv(path, target="b")
    assert reg.task == "regression" and reg.feature_names == ["label", "a"]
    np.testing.assert_array_equal(reg.y[:, 0], [10, 20, 30, 40])


def test_csv_auto_task(tmp_path):
    ints = "\n".join(f"{i},{i % 3 + 1}" for i in range(30))
    ds = load_csv(write(tmp_path, "x,y\n" + ints + "\n"))
    assert ds.task == "classification" and ds.class_names == ["1", "2", "3"]
    np.testing.assert_array_equal(np.bincount(ds.y), [10, 10, 10])
    floats = "\n".join(f"{i},{i * 0.37}" for i in range(30))
    assert load_csv(write(tmp_path, "x,y\n" + floats + "\n")).task == "regression"
    many = "\n".join(f"{i},{i}" for i in range(30))  # 30 distinct integers: a measurement
    assert load_csv(write(tmp_path, "x,y\n" + many + "\n")).task == "regression"
    forced = load_csv(write(tmp_path, "x,y\n" + ints + "\n"), task="regression")
    assert forced.task == "regression" and forced.y.shape == (30, 1)
    classes = load_csv(write(tmp_path, "x,y\n" + many + "\n"), task="classification")
    assert classes.n_classes == 30


def test_csv_semicolons_bom_and_gzip(tmp_path):
    text = "\ufeffa;b;c\n1;2;x\n3;4;y\n"
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ["a", "b"] and ds.class_names == ["x", "y"]
    gz = tmp_path / "packed.csv.gz"
    gz.write_bytes(gzip.compress(b"a,b,c\n1,2,x\n3,4,y\n"))
    packed = load_csv(gz)
    assert packed.name == "packed"
    np.testing.assert_array_equal(packed.X, ds.X)


def csv_error(tmp_path, content, **kwargs) -> str:
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)
    assert "bad.csv" in str(info.value)
    return str(info.value)


def test_csv_bad_value_names_row_and_column(tmp_path):
    msg = csv_error(tmp_path, "sepal,petal,kind\n1,2,a\n3,4,b\n5,abc,a\n")
    assert "row 4" in msg and "'petal'" in msg and "'abc'" in msg and "not a number" in msg


def test_csv_row_numbers_count_blank_and_multiline_rows(tmp_path):
    msg = csv_error(tmp_path, 'a,b,c\n1,2,"two\nlines"\n\n3,x,y\n')
    assert "row 5" in msg and "'b'" in msg


@pytest.mark.parametrize("cell", ["", "  ", "NA", "nan", "?"])
def test_csv_missing_value(tmp_path, cell):
    msg = csv_error(tmp_path, f"a,b,c\n1,2,x\n{cell},2,y\n")
    assert "row 3" in msg and "'a'" in msg and "missing" in msg


def test_csv_missing_target(tmp_path):
    msg = csv_error(tmp_path, "a,b,c\n1,2,x\n1,2,\n")
    assert "row 3" in msg and "'c'" in msg and "missing" in msg


def test_csv_infinite_value(tmp_path):
    msg = csv_error(tmp_path, "a,b,c\n1,inf,x\n")
    assert "row 2" in msg and "'b'" in msg and "finite" in msg


def test_csv_ragged_rows(tmp_path):
    short = csv_error(tmp_path, "a,b,c\n1,2,x\n1,2\n")
    assert "row 3" in short and "2 values" in short and "3 columns" in short and "'c'" in short
    long = csv_error(tmp_path, "a,b,c\n1,2,x,9\n")
    assert "row 2" in long and "4 values" in long and "'9'" in long


def test_csv_unknown_target(tmp_path):
    msg = csv_error(tmp_path, "a,b,c\n1,2,x\n", target="species")
    assert "'species'" in msg and "a, b, c" in msg
    assert "out of range" in csv_error(tmp_path, "a,b,c\n1,2,x\n", target=3)


@pytest.mark.parametrize("content", ["", "\n\n  \n", b""])
def test_csv_empty_file(tmp_path, content):
    assert "empty" in csv_error(tmp_path, content)


def test_csv_header_only_and_bad_headers(tmp_path):
    assert "no data rows" in csv_error(tmp_path, "a,b,c\n")
    assert "twice" in csv_error(tmp_path, "a,b,a\n1,2,3\n")
    assert "column 2 has no name" in csv_error(tmp_path, "a,,c\n1,2,3\n")
    assert "one column" in csv_error(tmp_path, "a\n1\n")


def test_csv_regression_needs_numeric_target(tmp_path):
    msg = csv_error(tmp_path, "a,b\n1,2\n3,dog\n", task="regression")
    assert "row 3" in msg and "'b'" in msg and "'dog'" in msg


def test_csv_binary_garbage(tmp_path):
    rng = np.random.default_rng(0)
    assert "binary" in csv_error(tmp_path, bytes(rng.integers(0, 256, 4000, dtype=np.uint8)))
    png_like = b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4
    assert "UTF-8" in csv_error(tmp_path, png_like)
    assert "gzip" in csv_error(tmp_path, b"\x1f\x8b\x08\x00garbage")


def test_csv_non_utf8_names_row(tmp_path):
    msg = csv_error(tmp_path, "a,b,c\n1,2,x\n3,4,caf\xe9\n".encode("latin-1"))
    assert "row 3" in msg and "UTF-8" in msg


def test_csv_unreadable_file(tmp_path):
    with pytest.raises(DataError, match="cannot read the file"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="cannot read the file"):
        load_csv(tmp_path)


def test_csv_rejects_bad_task(tmp_path):
    with pytest.raises(DataError, match="task"):
        load_csv(write(tmp_path, "a,b\n1,2\n"), task="clustering")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_csv_never_raises_anything_but_data_error(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(blob)
    try:
        load_csv(path)
    except DataError:
        pass


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="0123456789.,;\"x-e\n ", max_size=80),
    st.sampled_from(["auto", "classification", "regression"]),
)
def test_csv_text_never_raises_anything_but_data_error(tmp_path_factory, text, task):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_text(text, encoding="utf-8")
    try:
        ds = load_csv(path, task=task)
    except DataError:
        return
    assert ds.X.shape[0] == ds.y.shape[0] >= 1


# -------------------------------------------------------------- shipped data


def test_iris():
    ds = load_dataset("iris")
    assert ds.X.shape == (150, 4) and ds.task == "classification" and ds.name == "iris"
    assert ds.class_names == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(np.bincount(ds.y), [50, 50, 50])
    # Fisher's published means (cm)
    np.testing.assert_allclose(ds.X.mean(axis=0), [5.8433, 3.0573, 3.758, 1.1993], atol=1e-4)
    np.testing.assert_array_equal(ds.X[0], [5.1, 3.5, 1.4, 0.2])
    assert ds.y[0] == 0 and ds.y[-1] == 2


def test_digits():
    ds = load_dataset("digits")
    assert ds.X.shape == (1797, 64) and ds.n_classes == 10
    assert ds.class_names == [str(d) for d in range(10)]
    np.testing.assert_array_equal(
        np.bincount(ds.y), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    )
    assert ds.X.min() == 0 and ds.X.max() == 16 and np.all(ds.X == np.round(ds.X))
    assert ds.feature_names[0] == "pixel_0_0" and ds.feature_names[-1] == "pixel_7_7"
    assert ds.y[0] == 0  # the first image is a zero: a ring of ink, an empty middle
    img = ds.X[0].reshape(8, 8)
    assert img[3:5, 3:5].sum() < img[1:3, 2:6].sum()


def test_shipped_files_are_small_and_documented():
    folder = resource_path("datasets")
    assert folder == REPO / "resources" / "datasets"
    for name in ("iris.csv", "digits.csv.gz"):
        assert (folder / name).stat().st_size < 100_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for word in ("UCI", "Fisher", "1936", "Alpaydin", "Kaynak", "1998", "CC BY 4.0"):
        assert word in readme


def test_load_dataset_names_and_toys():
    assert DATASET_NAMES[:2] == ("iris", "digits")
    assert set(TOY_DATASETS) <= set(DATASET_NAMES)
    np.testing.assert_array_equal(load_dataset("spiral").X, make_toy("spiral").X)
    with pytest.raises(DataError, match="unknown dataset 'mnist'.*iris.*xor"):
        load_dataset("mnist")


def test_resource_path_reports_where_it_looked():
    with pytest.raises(FileNotFoundError) as info:
        resource_path("datasets", "no-such-file.csv")
    msg = str(info.value)
    assert "no-such-file.csv" in msg and str(REPO / "resources") in msg
    assert os.path.join("share", "backprop-studio", "resources") in msg


def test_resource_path_checks_frozen_bundle(tmp_path, monkeypatch):
    (tmp_path / "resources" / "icons").mkdir(parents=True)
    (tmp_path / "resources" / "icons" / "only-in-bundle.svg").write_text("<svg/>")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    found = resource_path("icons", "only-in-bundle.svg")
    assert found == tmp_path / "resources" / "icons" / "only-in-bundle.svg"


def test_data_package_imports_no_qt():
    code = (
        "import sys, core.data, core.resources; core.data.load_dataset('iris');"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'sklearn')];"
        "print(bad); sys.exit(bool(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


# ---------------------------------------------------------------- preprocess


def test_split_sizes_and_disjoint_rows():
    ds = make_toy("moons", n=101, seed=0)
    train, test = train_test_split(ds, test_fraction=0.3, seed=4)
    assert (train.n_samples, test.n_samples) == (71, 30)
    rows = {tuple(r) for r in np.vstack([train.X, test.X])}
    assert rows == {tuple(r) for r in ds.X}
    assert train.class_names == ds.class_names


def test_split_is_stratified():
    ds = load_dataset("iris")
    train, test = train_test_split(ds, test_fraction=0.2, seed=1)
    np.testing.assert_array_equal(np.bincount(test.y), [10, 10, 10])
    np.testing.assert_array_equal(np.bincount(train.y), [40, 40, 40])
    digits = load_dataset("digits")
    _, dtest = train_test_split(digits, 0.25, seed=2)
    assert dtest.n_samples == 449
    expected = np.bincount(digits.y) * 449 / 1797
    assert np.all(np.abs(np.bincount(dtest.y) - expected) < 1)


def test_split_uneven_classes_keeps_proportions():
    y = np.array([0] * 90 + [1] * 10)
    ds = Dataset(np.arange(100.0).reshape(-1, 1), y, "classification")
    for seed in range(5):
        _, test = train_test_split(ds, 0.2, seed=seed)
        np.testing.assert_array_equal(np.bincount(test.y), [18, 2])
    _, loose = train_test_split(ds, 0.2, seed=0, stratify=False)
    assert loose.n_samples == 20


def test_split_deterministic_and_seed_dependent():
    ds = make_toy("gaussians", n=200, seed=0)
    a, _ = train_test_split(ds, 0.25, seed=5)
    b, _ = train_test_split(ds, 0.25, seed=5)
    c, _ = train_test_split(ds, 0.25, seed=6)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, c.X)


def test_split_regression_and_bad_fractions():
    ds = make_toy("regression", n=10, seed=0)
    train, test = train_test_split(ds, 0.01, seed=0)
    assert (train.n_samples, test.n_samples) == (9, 1)
    for bad in (0.0, 1.0, -0.5, "half"):
        with pytest.raises(DataError):
            train_test_split(ds, bad, seed=0)
    with pytest.raises(DataError):
        train_test_split(ds.subset([0]), 0.5, seed=0)


def test_standardizer_fits_on_train_only():
    ds = load_dataset("iris")
    train, test = train_test_split(ds, 0.3, seed=0)
    scaler = Standardizer()
    strain = scaler.fit_transform(train)
    stest = scaler.transform(test)
    assert isinstance(strain, Dataset) and strain.class_names == ds.class_names
    np.testing.assert_allclose(strain.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(strain.X.std(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(scaler.mean_, train.X.mean(axis=0))
    # the test part is only shifted and scaled, not centred on its own mean
    np.testing.assert_allclose(stest.X, (test.X - train.X.mean(0)) / train.X.std(0))
    assert np.abs(stest.X.mean(axis=0)).max() > 1e-3
    assert test.X.min() > 0  # the originals are untouched (Iris is in cm, all positive)
    np.testing.assert_allclose(scaler.inverse_transform(stest.X), test.X)


def test_standardizer_constant_column_and_json_round_trip():
    X = np.array([[1.0, 0.1, -3.0], [2.0, 0.1, 5.0], [3.0, 0.1, 7.0]])
    scaler = Standardizer().fit(X)
    Z = scaler.transform(X)
    assert np.all(np.isfinite(Z))
    np.testing.assert_array_equal(Z[:, 1], 0.0)
    assert scaler.scale_[1] == 1.0
    saved = json.loads(json.dumps(scaler.to_dict()))
    assert set(saved) == {"mean", "scale"} and isinstance(saved["mean"], list)
    again = Standardizer.from_dict(saved)
    np.testing.assert_array_equal(again.transform(X), Z)


def test_standardizer_errors():
    with pytest.raises(DataError, match="not been fitted"):
        Standardizer().transform(np.zeros((2, 2)))
    with pytest.raises(DataError, match="fitted on 2 columns"):
        Standardizer().fit(np.ones((3, 2))).transform(np.ones((3, 3)))
    for bad in ({"mean": [0.0]}, {"mean": [0.0, 1.0], "scale": [1.0]}, {"mean": [0], "scale": [0]}):
        with pytest.raises(DataError):
            Standardizer.from_dict(bad)
    with pytest.raises(DataError):
        Standardizer().fit(np.zeros((0, 2)))


def test_derived_feature_values():
    X = np.array([[1.0, 2.0], [-3.0, 0.5], [0.0, -1.5]])
    names = list(FEATURES)
    assert names == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin x1", "sin x2"]
    F = derive_features(X, names)
    assert F.shape == (3, 7)
    np.testing.assert_array_equal(F[:, 0], X[:, 0])
    np.testing.assert_array_equal(F[:, 1], X[:, 1])
    np.testing.assert_array_equal(F[:, 2], [1.0, 9.0, 0.0])
    np.testing.assert_array_equal(F[:, 3], [4.0, 0.25, 2.25])
    np.testing.assert_array_equal(F[:, 4], [2.0, -1.5, -0.0])
    np.testing.assert_allclose(F[:, 5], np.sin([1.0, -3.0, 0.0]))
    np.testing.assert_allclose(F[:, 6], np.sin([2.0, 0.5, -1.5]))
    np.testing.assert_array_equal(derive_features(X, ["x1*x2", "x1"]), F[:, [4, 0]])


def test_x1x2_makes_xor_linearly_separable():
    ds = make_toy("xor", n=200, noise=0.0, seed=0)
    derived = derive_dataset(ds, ["x1*x2"])
    assert derived.feature_names == ["x1*x2"] and derived.n_features == 1
    np.testing.assert_array_equal(derived.y, (derived.X[:, 0] < 0).astype(int))


def test_derived_features_errors():
    with pytest.raises(DataError, match="2-D data"):
        derive_features(np.zeros((4, 3)), ["x1"])
    with pytest.raises(DataError, match="2-D data"):
        derive_features(np.zeros(4), ["x1"])
    with pytest.raises(DataError, match="unknown feature 'cos x1'"):
        derive_features(np.zeros((4, 2)), ["x1", "cos x1"])
    with pytest.raises(DataError, match="once"):
        derive_features(np.zeros((4, 2)), ["x1", "x1"])
    with pytest.raises(DataError, match="at least one"):
        derive_features(np.zeros((4, 2)), [])
    with pytest.raises(DataError, match="2-D data"):
        derive_dataset(load_dataset("iris"), ["x1"])


# --- the lecture's small datasets, shipped with the example networks -------------------------


@pytest.mark.parametrize("name,shape,task,first", [
    ("lecture-linear", (6, 1), "regression", ([1.5], 0.8)),
    ("lecture-sigmoid", (8, 1), "classification", ([1.0], 1)),
    ("lecture-3-3-3", (6, 3), "classification", ([1.0, 0.5, -1.0], 0)),
])
def test_lecture_datasets_start_with_the_worked_sample(name, shape, task, first):
    from core.data import load_dataset
    from core.data.source import DataSource

    ds = load_dataset(name)
    assert ds.X.shape == shape and ds.task == task
    np.testing.assert_array_equal(ds.X[0], first[0])
    assert float(np.ravel(ds.y[0])[0]) == first[1]
    # As an example network's data: not split, not standardised, row 0 kept first.
    src = DataSource.from_argument(name)
    prep = src.prepare(3 if name == "lecture-3-3-3" else 1)
    assert len(prep.test) == 0 and prep.standardizer is None
    np.testing.assert_array_equal(prep.train.X[0], first[0])


def test_lecture_3_3_3_targets_are_the_lectures_one_hot_rows():
    from core.data.source import DataSource

    prep = DataSource("lecture-3-3-3", test_fraction=0.0).prepare(3)
    np.testing.assert_array_equal(prep.train.Y[0], [1.0, 0.0, 0.0])


def test_a_shipped_dataset_is_read_once_and_each_caller_gets_its_own_copy(monkeypatch):
    from core.data import datasets
    first = datasets.load_dataset("iris")
    monkeypatch.setattr(datasets, "load_csv", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read again")))
    second = datasets.load_dataset("iris")
    assert np.array_equal(first.X, second.X) and first.class_names == second.class_names
    first.X[0, 0] = 1e6
    assert datasets.load_dataset("iris").X[0, 0] != 1e6
