"""The JSON Schema as a test oracle for the loader's hand checks.

The loader has one validator, the hand checks of :mod:`core.files.validate`
(fast on hostile input, no dependency). The shipped schema describes the
same format for other programs; these tests keep the two in agreement:
everything the program writes is valid by the schema, and documents the
schema refuses are refused by the loader too.
"""
from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import pytest

from core.files import NetworkFileError, load_network
from core.files.migrate import _upgrade
from core.schema import load_schema

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "resources" / "examples").glob("*.ffn")) + sorted((ROOT / "tests" / "fixtures").glob("*.ffn"))


def validator(name: str):
    schema = load_schema(name)
    return jsonschema.validators.validator_for(schema)(schema)


def network_doc(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return _upgrade(json.loads(zf.read("network.json")))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_is_valid_by_the_schema(path):
    errors = list(validator("network").iter_errors(network_doc(path)))
    assert not errors, errors[0].message
    with zipfile.ZipFile(path) as zf:
        if "history.json" in zf.namelist():
            errors = list(validator("history").iter_errors(json.loads(zf.read("history.json"))))
            assert not errors, errors[0].message


BAD = [
    lambda d: d["spec"]["nodes"][1].update(units="three"),
    lambda d: d["spec"]["nodes"][1].update(units=10**9),
    lambda d: d["spec"]["nodes"][1].update(kind="blob"),
    lambda d: d["training"].update(batch_size=0),
    lambda d: d["training"].update(optimizer="lbfgs"),
    lambda d: d.update(spec=[]),
    lambda d: d["data"].update(test_fraction=1.5),
    lambda d: d["spec"]["connections"][0].update(removed=[[0]]),
    lambda d: d.update(description=5),
    lambda d: d.pop("training"),
    lambda d: d["data"].update(points={"X": [[0, 0]], "y": [0], "task": "clusters"}),
    lambda d: d["data"].update(points={"X": [[0, 0]] * 10_001, "y": [0] * 10_001}),
]


@pytest.mark.parametrize("k", range(len(BAD)))
def test_what_the_schema_refuses_the_loader_refuses(tmp_path, k):
    src = ROOT / "tests" / "fixtures" / "xor-drawn-v1.ffn"
    doc = copy.deepcopy(network_doc(src))
    BAD[k](doc)
    assert list(validator("network").iter_errors(doc)), "the schema accepts it"
    with zipfile.ZipFile(src) as zf:
        weights = zf.read("weights.npz")
    path = tmp_path / "bad.ffn"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("network.json", json.dumps(doc))
        zf.writestr("weights.npz", weights)
    with pytest.raises(NetworkFileError):
        load_network(path)
