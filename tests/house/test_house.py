"""The house rules a machine checks (issue 18): ruff's style and docstring rules, and the map's import arrows.

They run with the rest of the suite, so the README's one test command (and CI) keeps them; the
rules themselves live in pyproject.toml ([tool.ruff], [tool.importlinter]).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    done = _run(sys.executable, "-m", "ruff", "check", "--no-cache", "core", "designer", "packaging", "tests",
               "backprop_studio.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = _run(str(lint), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_broken_arrow_is_caught(tmp_path):
    """The contracts bite: in a copy of the map, a core module that imports Qt breaks the first one."""
    for package in ("core", "designer", "designer/panels", "designer/lab", "designer/stepper", "designer/training"):
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "core" / "probe.py").write_text("import PySide6.QtCore\n")
    (tmp_path / "designer" / "lab" / "probe.py").write_text("import designer.stepper\n")
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.returncode != 0
    assert "core.probe -> PySide6" in done.stdout
    assert "designer.lab.probe -> designer.stepper" in done.stdout
