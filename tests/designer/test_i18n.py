"""Chinese through Qt's own machinery: the catalogue is complete and fresh, uses the textbook's terms,
and the window shows it, readably, even on a machine without a Chinese font."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QRawFont

from designer import i18n

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "resources" / "translations"
TS = FOLDER / "backprop_studio_zh_CN.ts"
QM = FOLDER / "backprop_studio_zh_CN.qm"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            out[(name, m.findtext("source"))] = m.find("translation")
    return out


def test_every_string_in_the_code_is_in_the_catalogue_and_translated(tmp_path):
    """lupdate over the code, into a copy of the catalogue, finds nothing new and nothing gone."""
    if shutil.which("pyside6-lupdate") is None and shutil.which("lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    i18n.update(REPO, copy)
    committed, fresh = messages(TS), messages(copy)
    assert set(fresh) == set(committed), "run python -m designer.i18n, then packaging/i18n/fill.py"
    unfinished = [k for k, t in committed.items() if t.get("type") or not (t.text or "").strip()]
    assert unfinished == []


def test_the_compiled_catalogue_is_what_the_source_compiles_to(tmp_path):
    if shutil.which("pyside6-lrelease") is None and shutil.which("lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "fresh.qm"
    i18n.release(TS, out)
    assert out.read_bytes() == QM.read_bytes(), "run packaging/i18n/fill.py"


def _glossary() -> list[tuple[str, str, bool]]:
    """(English, Chinese, the course's own term) for each row of the project's glossary."""
    rows = []
    for line in (FOLDER / "glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            rows.append((cells[0], cells[1], len(cells) < 3 or cells[2] != "project"))
    return rows


def test_the_translations_use_the_textbooks_terms():
    shared = Path(REPO.parent / "shared" / "glossary-zh.md")
    if shared.is_file():  # the project's glossary agrees with the course's
        text = shared.read_text(encoding="utf-8")
        for _en, zh, course in _glossary():
            assert not course or zh in text, f"{zh} is not in the course's glossary"
    wrong = []
    for (_ctx, source), tr in messages(TS).items():
        plain = source.replace("&", "").replace("Backprop Studio", "")  # the name stays a name
        for en, zh, _course in _glossary():
            if re.search(rf"\b{re.escape(en)}", plain, re.IGNORECASE) and zh not in (tr.text or ""):
                wrong.append(f"{source!r} → {tr.text!r}: '{en}' is {zh}")
    assert wrong == []


def test_the_shipped_font_has_every_character_of_the_translations(qapp):
    font = QRawFont(str(REPO / "resources" / "fonts" / i18n.FONT), 12)
    assert font.isValid()
    text = "".join(t.text or "" for t in messages(TS).values())
    cjk = {c for c in text if 0x3000 <= ord(c) <= 0x9FFF or 0xFF00 <= ord(c) <= 0xFFEF}
    assert len(cjk) > 200
    missing = sorted(c for c in cjk if not font.supportsCharacter(ord(c)))
    assert missing == [], "run packaging/i18n/subset_font.py"


@pytest.fixture
def chinese(qapp):
    assert i18n.install("zh_CN", qapp)
    yield
    i18n.install("en", qapp)


def test_the_window_in_chinese(chinese, qtbot, tmp_path):
    from designer.mainwindow import MainWindow
    from designer.resources import default_example
    from test_layout_sizes import problems
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.files.open_path(default_example(), example=True)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[:4] == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert w.training_dock.windowTitle() == "训练" and w.palette_dock.windowTitle() == "组件"
    assert w.training_controls.buttons["play"].text() == "开始"
    assert w.training_controls.patience.specialValueText() == "关闭"
    assert problems(w) == []                 # nothing cut or outside the window in Chinese either
    assert i18n.has_cjk_font()               # the system's, or the shipped one added
    w.close()


def test_the_language_follows_the_setting_then_the_system(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.chosen_language(settings) == "zh_CN"
    settings.setValue(i18n.SETTING, "en")
    assert i18n.chosen_language(settings) == "en"
    assert i18n.chosen_language(settings, override="zh_CN") == "zh_CN"
    settings.setValue(i18n.SETTING, "klingon")
    assert i18n.chosen_language(settings) == "zh_CN"


def test_choosing_a_language_in_the_view_menu_is_remembered_and_says_when(qtbot, tmp_path):
    from designer.mainwindow import MainWindow
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    w.show()
    w.actions["language_zh_CN"].trigger()
    assert settings.value(i18n.SETTING) == "zh_CN"
    assert "重新启动" in w.statusBar().currentMessage()
    w.close()


def test_without_a_chinese_font_the_shipped_one_is_added(qapp, monkeypatch):
    """A machine with no CJK font would show boxes: the subset shipped in resources/fonts is added."""
    real = i18n.has_cjk_font
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: False)
    family = i18n.ensure_cjk_font()
    assert family and "Droid" in family
    assert real()                             # Chinese now lays out with real glyphs, none is a box

