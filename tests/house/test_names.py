"""The installed top-level names 'core' and 'designer' can collide with another distribution's (issue 18).

The limitation is documented (README, docs/architecture.md); these tests show
what happens: the command names the package in the way and what to do,
instead of failing inside an import.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import backprop_studio

ROOT = Path(__file__).resolve().parents[2]


def test_in_this_environment_core_and_designer_are_the_programs_own():
    assert backprop_studio.foreign_packages() == {}


def test_another_core_in_the_way_is_named_with_what_to_do(tmp_path):
    other = tmp_path / "core"
    other.mkdir()
    (other / "__init__.py").write_text("OTHER = True\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}  # earlier on the path than the installed program
    run = "import sys, backprop_studio; sys.exit(backprop_studio.main(['info']))"
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "'core' (found at " + str(other / "__init__.py") in done.stderr
    assert "virtual environment" in done.stderr
    assert "'designer' (found at" not in done.stderr           # the program's own designer is not blamed


def test_the_installed_command_runs_through_the_check():
    """The console script pip writes calls backprop_studio.main, which runs the command."""
    script = Path(sys.executable).with_name("backprop-studio")
    done = subprocess.run([str(script), "info", str(ROOT / "resources" / "examples" / "xor.ffn")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "xor" in done.stdout.lower()
