"""JSON Schemas of the files Backprop Studio writes, shipped as package data.

``network.schema.json`` describes ``network.json`` inside a ``.ffn`` file and
``history.schema.json`` its optional ``history.json``; ``docs/file-format.md``
explains both. :mod:`core.files` checks every file it reads against them
when the optional ``jsonschema`` package is installed (and by hand always).
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
