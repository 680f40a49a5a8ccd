"""JSON Schemas of the files Backprop Studio writes, shipped as package data.

``network.schema.json`` describes ``network.json`` inside a ``.ffn`` file and
``history.schema.json`` its optional ``history.json``; ``docs/file-format.md``
explains both. They describe the format for other programs; the loader's
one validator is the hand checks of :mod:`core.files.validate` (fast on
hostile input, no dependency), and ``tests/core/test_schema_oracle.py``
uses these schemas as an oracle to keep the two in agreement.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """The schema ``<name>.schema.json`` as a dict (read once, then cached)."""
    with open(SCHEMA_DIR / f"{name}.schema.json", encoding="utf-8") as f:
        return json.load(f)
