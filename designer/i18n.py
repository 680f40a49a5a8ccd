"""The program's language: Qt's own translation machinery, and a font that has the characters.

Every string a person sees is written in English in the code, marked with
``self.tr()`` or ``QCoreApplication.translate(context, text)`` (or
``QT_TRANSLATE_NOOP`` where a table of labels is built before a translator
exists). ``pyside6-lupdate`` collects them into
``resources/translations/backprop_studio_zh_CN.ts``, where the Chinese is
written with the textbook's terms (``glossary.tsv`` beside it, checked by
the tests), and ``pyside6-lrelease`` compiles that into the ``.qm`` file the
program loads. ``python -m designer.i18n`` runs both; the tests fail when the
committed ``.qm`` is not what the ``.ts`` compiles to, or when the code has
a string the ``.ts`` lacks.

The language follows the system's locale unless the person chose one in
View ▸ Language (kept in QSettings); a choice takes effect at the next
start, and the menu says so. Chinese text needs a font with CJK glyphs: where
the system has none, the subset of Droid Sans Fallback shipped in
``resources/fonts`` (Apache 2.0) is added to the application.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextLayout

from core.resources import resource_path
from core.text import Message

#: Languages offered in View ▸ Language: code -> its own name.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
#: The settings key of the chosen language ("" or absent: the system's).
SETTING = "view/language"
#: Base name of the compiled translations in ``resources/translations``.
CATALOG = "backprop_studio"
#: The shipped CJK font, for systems that have none.
FONT = "DroidSansFallback-subset.ttf"

_installed: list[QTranslator] = []


def system_language() -> str:
    """The system locale's language, as one of :data:`LANGUAGES` (English otherwise)."""
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def chosen_language(settings: QSettings | None = None, override: str | None = None) -> str:
    """The language to start in: ``override`` (``--language``), the saved choice, or the system's."""
    for value in (override, (settings or QSettings()).value(SETTING, "")):
        if isinstance(value, str) and value in LANGUAGES:
            return value
    return system_language()


def install(language: str, app: QCoreApplication | None = None) -> bool:
    """Load the program's and Qt's own translations for ``language``; True if any was loaded.

    English needs nothing: the code's strings are English. Qt's catalogue
    translates its standard buttons and dialogs (OK, Cancel, Save...).
    """
    app = app or QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return False
    loaded = False
    ours = QTranslator(app)
    try:
        folder = resource_path("translations")
    except FileNotFoundError:
        folder = None
    if folder is not None and ours.load(f"{CATALOG}_{language}", str(folder)):
        app.installTranslator(ours)
        _installed.append(ours)
        loaded = True
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if language.startswith("zh"):
        ensure_cjk_font()
    return loaded


def activation_name(activation: Any) -> str:
    """An activation's display name (core's ``Activation.display``) in the person's language."""
    return QCoreApplication.translate("Activations", activation.display)


def translate_message(message: Message | str) -> str:
    """A core :class:`~core.text.Message` in the person's language (a plain string as it is).

    The template is translated in the message's context, then its arguments
    filled in: those that are Messages themselves (an activation's name in a
    caption) are translated the same way, names and numbers stay as they are.
    """
    if not isinstance(message, Message):
        return message
    text = QCoreApplication.translate(message.context, message.template)
    if not message.args:
        return text
    return text.format(*(translate_message(a) if isinstance(a, Message) else str(a) for a in message.args))


def has_cjk_font() -> bool:
    """Whether Chinese text renders with real glyphs (a system font's or the shipped one's), not boxes.

    Asked of a text layout, not of the font database's writing systems:
    fontconfig calls a font Chinese only when it covers all of GB 2312, which
    the shipped subset does not, although Qt falls back to it glyph by glyph.
    """
    layout = QTextLayout("训练神经网络", QGuiApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return bool(runs) and all(0 not in run.glyphIndexes() for run in runs)


def ensure_cjk_font() -> str | None:
    """Add the shipped CJK font when the system has none; its family name, or None if not needed."""
    if has_cjk_font():
        return None
    try:
        path = resource_path("fonts", FONT)
    except FileNotFoundError:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


# --- building the catalogues (developers; the tests check the result) ---------------------------

#: Where lupdate looks: the designer, and core's files that mark strings with core.text.QT_TRANSLATE_NOOP.
SOURCES = ("designer", "core/examples.py", "core/activations.py", "core/trace", "core/tape.py", "core/losses.py")


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"pyside6-{name} is not installed (it comes with PySide6)")
    return found


def python_sources(root: Path) -> list[Path]:
    """The files ``lupdate`` reads: every module of the designer, and core's marked files."""
    out: list[Path] = []
    for name in SOURCES:
        path = root / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def update(root: Path, ts: Path) -> None:
    """Bring ``ts`` up to date with the strings in the code (``pyside6-lupdate``)."""
    files = [str(p) for p in python_sources(root)]
    subprocess.run([_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", *files, "-ts", str(ts)],
                   check=True, cwd=root)


def release(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (``pyside6-lrelease``)."""
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> None:
    """Collect the strings of the code into the catalogue (``python -m designer.i18n``)."""
    root = Path(__file__).resolve().parent.parent
    folder = root / "resources" / "translations"
    for language in LANGUAGES:
        if language == "en":
            continue
        ts = folder / f"{CATALOG}_{language}.ts"
        update(root, ts)
        release(ts, folder / f"{CATALOG}_{language}.qm")
        print(f"updated {ts.relative_to(root)} and its .qm", file=sys.stderr)


if __name__ == "__main__":
    main()
