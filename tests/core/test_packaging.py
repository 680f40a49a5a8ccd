"""Desktop integration files: they parse, agree with each other, and name icons that exist.

The full PyInstaller build is too slow for the normal run (``packaging/build.sh
--smoke`` does it on purpose); these checks catch the mistakes that break a
desktop entry silently: a typo in an icon or MIME type name, a release
version that lags behind pyproject, a magic rule that matches no real file,
an icon rendered at the wrong size.
"""
from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from fnmatch import fnmatch
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
APP = "backprop-studio"
APP_ID = "io.github.backprop_studio.BackpropStudio"
MIME_TYPE = "application/x-backprop-studio-network"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
DESKTOP = LINUX / f"{APP}.desktop"
MIME_XML = LINUX / f"{APP}.xml"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(DESKTOP, encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def _pyproject_version() -> str:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def _icon_exists(name: str) -> bool:
    return (ICONS / f"{name}.svg").is_file()


def test_desktop_entry_is_complete_and_names_an_existing_icon():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Backprop Studio"
    assert entry["Exec"].split()[0] == APP and entry["Exec"].endswith("%f")
    assert _icon_exists(entry["Icon"]), f"no resources/icons/{entry['Icon']}.svg"
    assert MIME_TYPE in entry["MimeType"].split(";")
    for key in ("Categories", "Keywords", "MimeType"):
        assert entry[key].endswith(";"), f"{key} must end with ';'"
    assert "Education" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"


def test_desktop_entry_passes_desktop_file_validate():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_parses_and_matches_the_desktop_entry():
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mt,) = root.findall(f"{MIME_NS}mime-type")
    assert mt.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mt.findall(f"{MIME_NS}glob")] == ["*.ffn"]
    assert _icon_exists(mt.find(f"{MIME_NS}icon").get("name"))
    assert mt.find(f"{MIME_NS}sub-class-of").get("type") == "application/zip"
    assert mt.find(f"{MIME_NS}comment").text


def _magic_rules() -> list[tuple[int, bytes, list]]:
    """The <match> tree as (offset, bytes, children), with the spec's C-style escapes decoded."""
    def decode(value: str) -> bytes:
        return value.encode("latin-1").decode("unicode_escape").encode("latin-1")

    def walk(node) -> list:
        return [(int(m.get("offset")), decode(m.get("value")), walk(m))
                for m in node.findall(f"{MIME_NS}match") if m.get("type") == "string"]

    mt = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    return walk(mt.find(f"{MIME_NS}magic"))


def _matches(data: bytes, rules: list) -> bool:
    return any(data[off:off + len(val)] == val and (not kids or _matches(data, kids))
               for off, val, kids in rules)


def test_mime_magic_recognises_the_shipped_example_networks():
    examples = sorted((REPO / "resources" / "examples").glob("*.ffn"))
    if not examples:
        pytest.skip("no example networks in resources/examples yet")
    rules = _magic_rules()
    assert rules, "the MIME type has no magic"
    for path in examples:
        assert fnmatch(path.name, "*.ffn")
        assert _matches(path.read_bytes()[:256], rules), f"magic does not match {path.name}"
    assert not _matches(b"PK\x03\x04" + b"\0" * 26 + b"weights.npz", rules)  # any other zip


def test_metainfo_parses_and_agrees_with_the_other_files():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id"
    assert (LINUX / launchable.text).is_file(), f"launchable {launchable.text} is not in packaging/linux"
    assert _icon_exists(root.find("icon").text)
    assert root.findtext("provides/mediatype") == MIME_TYPE
    assert root.findtext("provides/binary") == APP
    assert root.findtext("project_license") == "MIT"
    versions = [r.get("version") for r in root.findall("releases/release")]
    assert versions and versions[0] == _pyproject_version(), \
        "add a <release> for the version in pyproject.toml (newest first)"


def test_metainfo_passes_appstreamcli_validate():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_icon_is_one_svg_and_pyproject_installs_the_resources():
    svg = ET.parse(ICONS / f"{APP}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 128 128"  # square
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for folder in ("datasets", "examples", "icons"):
        assert f'"share/{APP}/resources/{folder}"' in text, f"pyproject does not install resources/{folder}"


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The hicolor tree make_icons.py writes (in a subprocess: keeps Qt out of this one)."""
    pytest.importorskip("PySide6.QtSvg", reason="make_icons needs PySide6's QtSvg")
    out = tmp_path_factory.mktemp("icons")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(REPO / "packaging" / "make_icons.py"), "--out", str(out)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "hicolor"


def test_make_icons_renders_every_hicolor_size(rendered):
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from make_icons import SIZES
    finally:
        sys.path.remove(str(REPO / "packaging"))
    assert SIZES[0] == 16 and SIZES[-1] == 512
    for size in SIZES:
        png = rendered / f"{size}x{size}" / "apps" / f"{APP}.png"
        assert _png_size(png) == (size, size)
    assert (rendered / "scalable" / "apps" / f"{APP}.svg").read_bytes() == (ICONS / f"{APP}.svg").read_bytes()
    # Transparent corners (the rounded square leaves them empty), opaque middle.
    from PySide6.QtGui import QImage  # only after the subprocess proved Qt works here

    img = QImage(str(rendered / "256x256" / "apps" / f"{APP}.png"))
    assert img.pixelColor(0, 0).alpha() == 0
    assert img.pixelColor(128, 128).alpha() == 255


def test_install_and_uninstall_scripts_round_trip(rendered, tmp_path):
    sh = shutil.which("sh")
    if sh is None or sys.platform == "win32":
        pytest.skip("needs a POSIX shell")
    program = tmp_path / "bin dir" / APP
    program.parent.mkdir()
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    home = tmp_path / "share"
    env = dict(os.environ, PATH="/usr/bin:/bin")
    result = subprocess.run([sh, str(LINUX / "install.sh"), "--exec", str(program), "--data-home", str(home),
                             "--icons", str(rendered)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr

    installed = home / "applications" / f"{APP}.desktop"
    lines = installed.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{program}" %f' in lines  # quoted: the path has a space
    assert f"TryExec={program}" in lines
    assert (home / "mime" / "packages" / f"{APP}.xml").is_file()
    assert (home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert _png_size(home / "icons" / "hicolor" / "48x48" / "apps" / f"{APP}.png") == (48, 48)
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP}.svg").is_file()

    result = subprocess.run([sh, str(LINUX / "uninstall.sh"), "--data-home", str(home)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    left = [p for p in home.rglob("*") if p.is_file() and APP in p.name]
    assert left == []


def test_install_script_refuses_a_path_a_launcher_cannot_name(tmp_path):
    sh = shutil.which("sh")
    if sh is None or sys.platform == "win32":
        pytest.skip("needs a POSIX shell")
    program = tmp_path / "100%" / APP
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    result = subprocess.run([sh, str(LINUX / "install.sh"), "--exec", str(program),
                             "--data-home", str(tmp_path / "share"), "--icons", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "cannot name" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()
