"""``backprop-studio [FILE.ffn] [--screenshot OUT.png] [--size WxH] [--version]``: start the designer.

:func:`main` is what the ``backprop-studio`` command runs when it is given no
sub-command (``core/cli.py`` hands over to it). With no file it opens the
XOR example with its dataset, so a newcomer can press Train at once.

``--screenshot OUT.png`` is for documentation and checks: it opens the
window (on Qt's offscreen platform when there is no display), lays it out,
saves a grab of the whole window and exits 0, touching no settings, recent
files or autosaves.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ORGANIZATION = "Backprop Studio"
APP_NAME = "backprop-studio"
DISPLAY_NAME = "Backprop Studio"
DEFAULT_SIZE = (1280, 800)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="backprop-studio",
        description="Build feedforward neural networks on a canvas, train them live "
                    "and step through backprop.")
    p.add_argument("file", nargs="?", metavar="FILE.ffn",
                   help="network to open (default: the XOR example)")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="save a picture of the whole window to OUT.png and exit")
    p.add_argument("--size", metavar="WxH", type=_size,
                   help=f"window size in pixels (default {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]})")
    p.add_argument("--select", metavar="NODE", action="append", default=[],
                   help="select this node (its id or name) once the file is open, so the "
                        "properties panel shows it; may be repeated")
    p.add_argument("--panel", metavar="TITLE", action="append", default=[],
                   help="show this panel in front of its tab group (its title, as in "
                        "View > Panels: 'Curves', 'Backprop stepper'...); may be repeated")
    p.add_argument("--theme", choices=("system", "light", "dark"),
                   help="colour scheme for this run (default: the one chosen in View > Theme)")
    p.add_argument("--language", choices=("en", "zh_CN"),
                   help="language for this run (default: the one chosen in View > Language, "
                        "else the system's)")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, got {text!r}") from None
    if not (200 <= w <= 10_000 and 200 <= h <= 10_000):
        raise argparse.ArgumentTypeError(f"{text}: each side must be between 200 and 10000 pixels")
    return w, h


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _quiet_offscreen_messages() -> None:
    """Drop the offscreen platform's harmless "does not support propagateSizeHints" notes."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _application():
    """The QApplication, created once with names set so QSettings and QStandardPaths work."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (150 %) as they are, not rounded to 1x or 2x.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(DISPLAY_NAME)
    from .about import app_version
    app.setApplicationVersion(app_version())
    QGuiApplication.setDesktopFileName(APP_NAME)
    _set_window_icon(app)
    return app


def _set_window_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from core.resources import resource_path
    try:
        app.setWindowIcon(QIcon(str(resource_path("icons", "backprop-studio.svg"))))
    except FileNotFoundError:
        pass  # an incomplete installation still runs, with the platform's default icon


def main(argv: list[str] | None = None) -> int:
    """Run the designer; returns the exit status."""
    # Training runs in a child process: in a frozen (PyInstaller) build the
    # child starts this same program, and this turns it into the worker.
    import multiprocessing
    multiprocessing.freeze_support()
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as e:  # --help, or a usage error already printed
        return int(e.code or 0)
    if args.version:
        from .about import app_version
        print(f"backprop-studio {app_version()}")
        return 0
    if not _has_display() and "QT_QPA_PLATFORM" not in os.environ:
        if not args.screenshot:
            print("backprop-studio: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                  "Use --screenshot OUT.png, or the command-line sub-commands "
                  "(backprop-studio --help).", file=sys.stderr)
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before QApplication exists
    if not args.screenshot:
        from .platform_check import check_xcb
        problem = check_xcb()  # Qt would abort without a word a person can act on
        if problem:
            print(problem, file=sys.stderr)
            return 1

    app = _application()
    if app.platformName() == "offscreen":
        _quiet_offscreen_messages()
    if args.screenshot:
        return _screenshot(args)
    return _run(app, args)


def _open_initial(window, file: str | None) -> bool:
    """Open FILE, or the default example; False when FILE could not be opened."""
    from .resources import default_example

    if file:
        return window.files.open_path(file)
    example = default_example()
    return example is None or window.files.open_path(example, example=True)


def _select(window, names: list[str]) -> str | None:
    """Select the nodes named (by id or name); returns an error message for an unknown one."""
    nodes = window.document.spec.nodes.values()
    ids = []
    for name in names:
        found = [n.id for n in nodes if name in (n.id, n.name)]
        if not found:
            known = ", ".join(repr(n.label) for n in nodes) or "none"
            return f"--select {name}: no such node (the nodes are {known})"
        ids += found
    if ids:
        window.canvas.select_nodes(ids)
    return None


def _show_panels(window, titles: list[str]) -> str | None:
    """Show and raise the docks titled so; returns an error message for an unknown one."""
    from PySide6.QtWidgets import QDockWidget

    docks = {str(d.property("title_en") or d.windowTitle()).lower(): d for d in window.findChildren(QDockWidget)}
    docks.update({d.windowTitle().lower(): d for d in window.findChildren(QDockWidget)})
    for title in titles:
        dock = docks.get(title.lower())
        if dock is None:
            known = ", ".join(repr(d.windowTitle()) for d in docks.values())
            return f"--panel {title}: no such panel (the panels are {known})"
        window.bring_to_front(dock)
    return None


def _run(app, args) -> int:
    from PySide6.QtCore import QSettings, QTimer

    from .canvas.clipboard import release_clipboard
    from .mainwindow import MainWindow
    from .theme import apply_theme
    settings = QSettings()
    # The colours and the language first: widgets made afterwards start with the right ones.
    apply_theme(args.theme or str(settings.value("view/theme", "system")))
    from . import i18n
    i18n.install(i18n.chosen_language(settings, args.language))
    window = MainWindow(settings=settings)
    window.restore_layout()
    if args.size:
        window.resize(*args.size)
        window.show()
    elif window.settings.value("window/geometry") is None:
        _show_fitted(window)
    else:
        window.show()
    _open_initial(window, args.file)
    problem = _select(window, args.select) or _show_panels(window, args.panel)
    if problem:
        window.show_message(problem)
    QTimer.singleShot(0, window.offer_recovery)
    _quit_on_signals(app, window)
    code = app.exec()
    release_clipboard()
    return code


#: Room a window manager's title bar and borders take around the window, in pixels.
FRAME = (16, 48)


def first_size(available: tuple[int, int]) -> tuple[int, int] | None:
    """The first window size for a screen area of ``available`` (w, h); None: maximise instead.

    The default size when it fits with its frame; otherwise the window
    fills the screen (a 1280×800 window on a 1280×800 screen pushed its
    status bar off the bottom, and a 1366×768 laptop could not show it).
    """
    w, h = available
    if w >= DEFAULT_SIZE[0] + FRAME[0] and h >= DEFAULT_SIZE[1] + FRAME[1]:
        return DEFAULT_SIZE
    return None


def _show_fitted(window) -> None:
    """Show the window at its first size, within the screen's available area (the size is then remembered)."""
    area = window.screen().availableGeometry()
    size = first_size((area.width(), area.height()))
    if size is not None:
        window.resize(*size)
        window.move(area.x() + (area.width() - size[0]) // 2, area.y() + (area.height() - size[1]) // 2)
        window.show()
        return
    # Without a window manager a maximised window keeps its own size: give it the area too.
    window.resize(max(area.width() - FRAME[0], 640), max(area.height() - FRAME[1], 480))
    window.move(area.topLeft())
    window.showMaximized()


def _quit_on_signals(app, window) -> None:
    """Ctrl+C in the terminal (or SIGTERM): keep unsaved work for recovery and quit.

    No dialog: nobody may be at the window. The unsaved work is autosaved
    at once and the session is left as a crash leaves it, so the next start
    offers to recover it. A timer lets Python run its signal handlers, which
    it cannot do while Qt's event loop waits.
    """
    import signal

    from PySide6.QtCore import QTimer

    def stop(signum, _frame) -> None:
        if window.autosaver is not None:
            window.autosaver.tick()
            window.autosaver.abandon()
        window.closing.emit()  # training stops its process here
        app.exit(128 + signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(200)


def _screenshot(args) -> int:
    """Lay the window out, grab it to ``args.screenshot``, close it; 0 on success."""
    from PySide6.QtCore import QSettings

    from .mainwindow import MainWindow
    from .theme import apply_theme

    out = Path(args.screenshot)
    with tempfile.TemporaryDirectory(prefix="backprop-studio-shot-") as tmp:
        # Throw-away settings: a screenshot must not change the recent files or layout.
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        if args.theme:
            apply_theme(args.theme)
        from . import i18n
        i18n.install(i18n.chosen_language(settings, args.language))
        window = MainWindow(settings=settings, autosave=False)
        # No one is there to answer a dialog: errors go to stderr instead.
        window.files.on_error = lambda _title, text, details: print(
            f"backprop-studio: {text} {details}", file=sys.stderr)
        try:
            if not _open_initial(window, args.file):
                return 1
            problem = _select(window, args.select) or _show_panels(window, args.panel)
            if problem:
                print(f"backprop-studio: {problem}", file=sys.stderr)
                return 2
            window.resize(*(args.size or DEFAULT_SIZE))
            window.show()
            _settle(window)
            if args.panel:  # a tabbed dock comes to the front only once the window is shown
                _show_panels(window, args.panel)
                _settle(window)
            fit = getattr(window.canvas, "fit", None)
            if callable(fit):
                fit()
                _settle(window)
            pixmap = window.grab()
            out.parent.mkdir(parents=True, exist_ok=True)
            if not pixmap.save(str(out), "PNG"):
                print(f"backprop-studio: cannot write {out}", file=sys.stderr)
                return 1
        finally:
            window.close()
            window.deleteLater()
            if args.theme:
                apply_theme("system")
    print(f"saved {out} ({pixmap.width()}x{pixmap.height()})")
    return 0


def _settle(window) -> None:
    """Let Qt finish layout and painting (a few passes: docks resize after show)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(3):
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
