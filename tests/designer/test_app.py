"""``backprop-studio`` as a person starts it: arguments, --screenshot, --version."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from core.files import load_network, save_network
from designer.app import main
from designer.resources import examples_dir

REPO = Path(__file__).resolve().parents[2]


def _headless_env(home: Path) -> dict[str, str]:
    """The environment of a machine with no display at all (settings kept in ``home``)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(REPO)
    env["XDG_CONFIG_HOME"], env["XDG_DATA_HOME"] = str(home / "config"), str(home / "data")
    return env


def test_screenshot_writes_a_png_of_the_asked_size(qapp, tmp_path, capsys):
    out = tmp_path / "window.png"
    assert main(["--screenshot", str(out), "--size", "1280x800"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert "saved" in capsys.readouterr().out


def test_screenshot_of_a_given_file(qapp, tmp_path):
    path = tmp_path / "net.ffn"
    save_network(path, load_network(examples_dir() / "xor.ffn"))
    out = tmp_path / "shots" / "net.png"  # its folder is made
    assert main([str(path), "--screenshot", str(out), "--size", "900x600"]) == 0
    assert QImage(str(out)).size().toTuple() == (900, 600)


def test_screenshot_of_a_bad_file_fails_with_the_loaders_message(qapp, tmp_path, capsys):
    bad = tmp_path / "bad.ffn"
    bad.write_text("nonsense")
    out = tmp_path / "bad.png"
    assert main([str(bad), "--screenshot", str(out)]) == 1
    assert not out.exists()
    assert "bad.ffn" in capsys.readouterr().err


def test_screenshot_in_a_subprocess_as_a_user_would(tmp_path):
    out = tmp_path / "sub.png"
    proc = subprocess.run([sys.executable, "-m", "designer.app", "--screenshot", str(out),
                           "--size", "1024x640"], cwd=tmp_path, env=_headless_env(tmp_path),
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert QImage(str(out)).size().toTuple() == (1024, 640)
    assert proc.stderr == ""  # no Qt noise on a clean run


def test_without_a_display_the_window_is_refused_with_a_reason(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "designer.app"], cwd=tmp_path, env=_headless_env(tmp_path),
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "no display" in proc.stderr


def test_version(capsys):
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("backprop-studio ") and out.strip().split()[-1][0].isdigit()


@pytest.mark.parametrize("size", ["big", "1280", "10x10", "1280x-5"])
def test_bad_size_is_a_usage_error(size, capsys):
    assert main(["--screenshot", "x.png", "--size", size]) == 2
    assert "--size" in capsys.readouterr().err


def test_application_names_make_settings_and_paths_work(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication, QStandardPaths
    main(["--screenshot", str(tmp_path / "x.png"), "--size", "400x300"])
    assert QCoreApplication.applicationName() == "backprop-studio"
    assert QCoreApplication.organizationName() == "Backprop Studio"
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert "backprop-studio" in data


def test_the_backprop_studio_command_hands_over_to_the_designer(tmp_path):
    """``backprop-studio --screenshot ...`` (core.cli's entry point) reaches :func:`main`."""
    out = tmp_path / "cli.png"
    example = REPO / "resources" / "examples" / "xor.ffn"
    proc = subprocess.run([sys.executable, "-m", "core.cli", str(example), "--screenshot", str(out),
                           "--size", "800x600"], cwd=tmp_path, env=_headless_env(tmp_path),
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert QImage(str(out)).size().toTuple() == (800, 600)
    version = subprocess.run([sys.executable, "-m", "core.cli", "--version"], cwd=tmp_path,
                             env=_headless_env(tmp_path), capture_output=True, text=True, timeout=120, check=False)
    assert version.returncode == 0 and version.stdout.startswith("backprop-studio ")


def test_screenshot_can_select_a_node_for_the_properties_panel(qapp, tmp_path, capsys):
    out = tmp_path / "sel.png"
    assert main(["--screenshot", str(out), "--select", "hidden 1", "--size", "800x600"]) == 0
    assert out.is_file()
    assert main(["--screenshot", str(tmp_path / "no.png"), "--select", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no such node" in err and "'hidden 1'" in err
    assert not (tmp_path / "no.png").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_the_terminal_quits_and_keeps_nothing_half_done(tmp_path):
    """The window runs (offscreen) until Ctrl+C; it then quits at once with status 130."""
    import signal
    import time
    env = _headless_env(tmp_path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.Popen([sys.executable, "-m", "designer.app"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not list((tmp_path / "data").rglob("autosave/*/lock")):  # the window exists
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the window did not start"
            time.sleep(0.1)
        time.sleep(1.5)  # and the event loop runs
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err


def test_screenshot_can_bring_a_panel_forward(qapp, tmp_path, capsys):
    out = tmp_path / "panel.png"
    assert main(["--screenshot", str(out), "--panel", "curves", "--size", "900x700"]) == 0
    assert out.is_file()
    assert main(["--screenshot", str(tmp_path / "no.png"), "--panel", "nope"]) == 2
    assert "no such panel" in capsys.readouterr().err


def test_closing_after_an_edit_prints_nothing(tmp_path):
    """Quitting once printed 'Internal C++ object (MainWindow) already deleted' from a lambda
    on the undo stack, which outlives the window. Run the real program, edit, close, five times."""
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\n"
        "if __name__ == '__main__':\n"
        "    import designer\n"
        "    from PySide6.QtCore import QTimer\n"
        "    from PySide6.QtWidgets import QApplication, QMessageBox\n"
        "    import designer.fileactions as fa\n"
        "    fa.message_box = lambda *a, **k: QMessageBox.StandardButton.Discard\n"
        "    from designer import app\n"
        "    def later():\n"
        "        w = next(x for x in QApplication.topLevelWidgets() if x.objectName() == 'MainWindow')\n"
        "        w.training_controls.hyper_boxes['lr'].setValue(0.05)  # an undoable edit\n"
        "        QTimer.singleShot(300, w.close)\n"
        "    app._application()\n"
        "    QTimer.singleShot(500, later)\n"
        "    sys.exit(app.main([]))\n")
    env = {**_headless_env(tmp_path), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    for _ in range(5):
        proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "already deleted" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("available, size", [
    ((1920, 1080), (1280, 800)),      # room for the default size and a title bar
    ((1280, 800), None),              # the default would push the status bar off: fill the screen
    ((1366, 768), None),
    ((1280, 720), None),
])
def test_the_first_window_fits_the_screen(available, size):
    from designer.app import first_size
    assert first_size(available) == size


def test_a_window_shown_fitted_stays_within_the_available_area(qtbot, tmp_path):
    """The offscreen screen is 800×800: smaller than the default size, so the window fills it."""
    from PySide6.QtCore import QSettings

    from designer.app import _show_fitted
    from designer.mainwindow import MainWindow
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    qtbot.addWidget(w)
    _show_fitted(w)
    area = w.screen().availableGeometry()
    assert area.width() < 1296
    assert w.frameGeometry().width() <= area.width() and w.height() <= area.height()
    assert w.isMaximized() or w.height() <= area.height() - 48
    w.close()
