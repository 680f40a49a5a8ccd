"""Cut the CJK fallback font down to the characters the translations use.

Backprop Studio ships ``resources/fonts/DroidSansFallback-subset.ttf`` for
systems without any Chinese font (``designer.i18n.ensure_cjk_font``). The
full Droid Sans Fallback is 4 MB; the program needs only the characters of
its translations (and, later, of its lessons). Run after changing a
translation, with fontTools installed (``pip install fonttools``; it is not
a dependency of the program) and the full font from Debian's
``fonts-droid-fallback`` (Apache License 2.0, see resources/fonts/README.md)::

    python packaging/i18n/subset_font.py [/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf]

The tests check that the shipped subset covers every character of the
translations.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FULL = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
OUT = ROOT / "resources" / "fonts" / "DroidSansFallback-subset.ttf"


def needed_text() -> str:
    """Every character of every translation and shipped lesson, plus the CJK punctuation a sentence may use."""
    chars = set("，。、：；？！（）《》“”‘’…—·「」【】％")
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        for tr in ET.parse(ts).getroot().iter("translation"):
            chars.update(tr.text or "")
    for lesson in (ROOT / "resources" / "lessons").glob("*.md"):  # the course's Chinese text
        chars.update(lesson.read_text(encoding="utf-8"))
    return "".join(sorted(c for c in chars if ord(c) > 0x7F))


def main() -> int:
    """Rebuild the shipped font subset from the characters the translations use."""
    from fontTools import subset

    full = Path(sys.argv[1]) if len(sys.argv) > 1 else FULL
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = needed_text()
    options = subset.Options()
    options.name_IDs = ["*"]          # keep the name table (family name, licence)
    options.notdef_outline = True
    font = subset.load_font(str(full), options)
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    subset.save_font(font, str(OUT), options)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(text)} characters, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
