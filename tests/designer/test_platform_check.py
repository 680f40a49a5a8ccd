"""On a fresh desktop without libxcb-cursor0 the program says what to install, instead of Qt aborting."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer import platform_check as pc

REPO = Path(__file__).resolve().parents[2]


def fake_ldd(tmp_path: Path, missing: list[str]) -> str:
    """An ``ldd`` that reports ``missing`` as not found, as the real one does."""
    lines = ["\tlinux-vdso.so.1 (0x00007ffd)", "\tlibQt6Gui.so.6 => /x/libQt6Gui.so.6 (0x0000)"]
    lines += [f"\t{s} => not found" for s in missing]
    script = tmp_path / "ldd"
    script.write_text("#!/bin/sh\ncat <<'EOF'\n" + "\n".join(lines) + "\nEOF\n")
    script.chmod(0o755)
    return str(script)


def test_the_missing_libraries_are_read_from_ldd(tmp_path):
    ldd = fake_ldd(tmp_path, ["libxcb-cursor.so.0", "libxcb-icccm.so.4"])
    files = [tmp_path / "libqxcb.so", tmp_path / "libQt6XcbQpa.so.6"]
    assert pc.missing_libraries(files, ldd=ldd) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    assert pc.missing_libraries(files, ldd=fake_ldd(tmp_path, [])) == []
    assert pc.missing_libraries(files, ldd=str(tmp_path / "no-such-ldd")) == []   # cannot tell: say nothing


def test_the_message_names_the_libraries_and_the_commands_that_install_them():
    msg = pc.install_message(["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1",
                              "libxkbcommon-x11.so.0", "libweird9.so.2"])
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in msg
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libweird9-2" in msg
    assert "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms libxkbcommon-x11" in msg
    assert "sudo pacman -S xcb-util-cursor xcb-util-wm xcb-util-keysyms libxkbcommon-x11" in msg


@pytest.mark.parametrize("env, xcb", [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ({}, False),
])
def test_only_a_session_that_will_use_xcb_is_checked(env, xcb, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert pc.uses_xcb(env) is xcb


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_program_prints_the_message_and_exits_1_before_qt_can_abort(tmp_path):
    """The real command, with an ldd on PATH that reports libxcb-cursor0 missing."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_ldd(bin_dir, ["libxcb-cursor.so.0"])
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":99",
           "HOME": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    r = subprocess.run([sys.executable, "-m", "core.cli"], cwd=REPO, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert "libxcb-cursor.so.0" in r.stderr and "sudo apt install libxcb-cursor0" in r.stderr
    assert "Traceback" not in r.stderr and "Aborted" not in r.stderr
