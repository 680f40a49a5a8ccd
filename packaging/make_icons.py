#!/usr/bin/env python3
"""Render the program's icon in every size a desktop asks for, from the one SVG.

``resources/icons/backprop-studio.svg`` is the only drawing; every PNG is
made from it here, so a change to the icon is one edit and one run, and no
hand-exported PNG can fall out of step with it. Rendering uses Qt's own SVG
renderer (``PySide6.QtSvg.QSvgRenderer``, part of PySide6-Essentials), so
no Inkscape, rsvg or Pillow is needed.

Output, below ``--out`` (default ``build/icons``), in the freedesktop
hicolor layout that ``packaging/linux/install.sh`` copies into
``~/.local/share/icons``::

    hicolor/16x16/apps/backprop-studio.png
    ...
    hicolor/512x512/apps/backprop-studio.png
    hicolor/scalable/apps/backprop-studio.svg

The PyInstaller spec runs this script during a build and hands the 256 px
PNG to PyInstaller as the Windows/macOS executable icon (PyInstaller turns
it into ``.ico``/``.icns`` when Pillow is installed).

Usage::

    python packaging/make_icons.py [--svg FILE.svg] [--out DIR] [--sizes 16,32,...]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ICON_NAME = "backprop-studio"
#: The sizes of the freedesktop icon theme spec's hicolor fallback theme that
#: launchers, panels, file managers and software centres look for.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
REPO = Path(__file__).resolve().parent.parent
DEFAULT_SVG = REPO / "resources" / "icons" / f"{ICON_NAME}.svg"
DEFAULT_OUT = REPO / "build" / "icons"


def _ensure_gui_application() -> None:
    """QPainter needs a QGuiApplication; make one (offscreen when headless) if none exists."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        return
    if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    # Kept on the module so it is not garbage-collected while we paint.
    global _APP
    _APP = QGuiApplication([sys.argv[0] if sys.argv else "make_icons"])


def render_png(svg: Path, size: int, out: Path) -> Path:
    """Render ``svg`` to a ``size`` x ``size`` PNG with a transparent background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui_application()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not an SVG drawing Qt can render")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")
    return out


def make_icons(svg: Path = DEFAULT_SVG, out_dir: Path = DEFAULT_OUT,
               sizes: tuple[int, ...] = SIZES) -> dict[int | str, Path]:
    """Write the hicolor tree below ``out_dir``; returns {size: png, "scalable": svg}."""
    svg = Path(svg)
    out_dir = Path(out_dir)
    written: dict[int | str, Path] = {}
    for size in sizes:
        png = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        written[size] = render_png(svg, size, png)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written["scalable"] = scalable
    return written


def main(argv: list[str] | None = None) -> int:
    """Render the icon in every size the platforms ask for, from one drawing."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--svg", type=Path, default=DEFAULT_SVG, help=f"source drawing (default {DEFAULT_SVG})")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    p.add_argument("--sizes", default=",".join(map(str, SIZES)),
                   help="comma-separated pixel sizes (default: %(default)s)")
    args = p.parse_args(argv)
    try:
        sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    except ValueError:
        p.error(f"--sizes: expected whole numbers such as 16,32,48, got {args.sizes!r}")
    try:
        written = make_icons(args.svg, args.out, sizes)
    except ImportError as e:
        print(f"make_icons: needs PySide6 with QtSvg ({e}); pip install PySide6-Essentials",
              file=sys.stderr)
        return 1
    except (OSError, ValueError) as e:
        print(f"make_icons: {e}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} icons below {args.out / 'hicolor'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
