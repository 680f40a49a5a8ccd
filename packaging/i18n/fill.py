"""Write packaging/i18n/zh_CN.py's table into the .ts and compile the .qm.

Run ``python -m designer.i18n`` first (it collects the strings), then
``python packaging/i18n/fill.py``. A string without a translation is
reported and stays "unfinished" (the program then shows its English).
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from zh_CN import ZH_CN  # noqa: E402

from designer.i18n import CATALOG, release  # noqa: E402


def fill(ts: Path, table: dict[str, str]) -> list[str]:
    """Put ``table``'s translations into ``ts``; the sources it has none for."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        if source in table:
            tr.text = table[source]
            tr.attrib.pop("type", None)
        elif not (tr.text or "").strip():
            missing.append(source)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return missing


def main() -> int:
    """Fill the catalogue and compile it; the exit code says whether strings are untranslated."""
    folder = ROOT / "resources" / "translations"
    ts = folder / f"{CATALOG}_zh_CN.ts"
    missing = fill(ts, ZH_CN)
    release(ts, folder / f"{CATALOG}_zh_CN.qm")
    for source in missing:
        print(f"no translation: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
