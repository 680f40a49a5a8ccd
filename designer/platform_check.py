"""Find the system libraries Qt's X11 plugin needs, before Qt aborts for want of them.

PySide6 6.5 and newer load the ``xcb`` platform plugin only when
``libxcb-cursor0`` (and, on a minimal desktop, a few other small xcb
libraries) is installed. Without it Qt prints a message about
"xcb-cursor0" and *aborts* the process, which a new student meets as
"the program crashes on start". This module asks the dynamic linker
(``ldd``) which of the plugin's libraries are missing, and the program then
prints one clear message naming them and the command that installs them,
for apt, dnf and pacman. Nothing here imports Qt's GUI modules, so it runs
before anything can abort.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Package names of the usual missing libraries, by soname: (apt, dnf, pacman).
PACKAGES: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def uses_xcb(environ: dict[str, str] | None = None) -> bool:
    """Whether Qt will pick its X11 (xcb) plugin on this Linux desktop."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland = env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland"
    return bool(env.get("DISPLAY")) and not wayland


def xcb_plugin_files() -> list[Path]:
    """Qt's xcb plugin and the library it links, as this PySide6 installation has them."""
    import PySide6  # the package only: no Qt library is loaded by this import

    base = Path(PySide6.__file__).parent / "Qt"
    files = [base / "plugins" / "platforms" / "libqxcb.so", *sorted((base / "lib").glob("libQt6XcbQpa.so*"))]
    return [f for f in files if f.is_file()]


def missing_libraries(files: list[Path], ldd: str | None = None, timeout: float = 10.0) -> list[str]:
    """The sonames ``ldd`` reports as "not found" for any of ``files`` (empty when it cannot tell)."""
    ldd = ldd or shutil.which("ldd")
    if not ldd or not files:
        return []
    missing: dict[str, None] = {}
    for f in files:
        try:
            out = subprocess.run([ldd, str(f)], capture_output=True, text=True, timeout=timeout).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        missing.update(dict.fromkeys(_NOT_FOUND.findall(out)))
    return list(missing)


def _debian_name(soname: str) -> str:
    """Debian's rule for a library package: libfoo.so.1 -> libfoo1, libfoo-x11.so.0 -> libfoo-x11-0."""
    m = re.match(r"^(lib.+)\.so\.(\d+)", soname)
    if not m:
        return soname
    stem, major = m.groups()
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def install_message(missing: list[str]) -> str:
    """What to tell a person: which libraries are missing and the command that installs them."""
    apt = [PACKAGES.get(s, (_debian_name(s),))[0] for s in missing]
    dnf = list(dict.fromkeys(PACKAGES[s][1] for s in missing if s in PACKAGES))
    pac = list(dict.fromkeys(PACKAGES[s][2] for s in missing if s in PACKAGES))
    lines = [
        "backprop-studio: cannot open its window: Qt's X11 (xcb) platform plugin needs "
        f"system libraries that are not installed: {', '.join(missing)}.",
        "Install them, then start the program again:",
        f"  Debian, Ubuntu:  sudo apt install {' '.join(apt)}",
    ]
    if dnf:
        lines.append(f"  Fedora:          sudo dnf install {' '.join(dnf)}")
    if pac:
        lines.append(f"  Arch:            sudo pacman -S {' '.join(pac)}")
    return "\n".join(lines)


def check_xcb() -> str | None:
    """The message to print when the window cannot open for missing libraries, else None."""
    if not uses_xcb():
        return None
    missing = missing_libraries(xcb_plugin_files())
    return install_message(missing) if missing else None
