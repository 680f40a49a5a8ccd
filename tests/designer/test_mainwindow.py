"""The main window: files, the unsaved-changes question, autosave and recovery, menus, shortcuts.

Every dialog is replaced through ``monkeypatch``: ``QMessageBox.exec`` answers
from a queue the test fills (an unexpected dialog fails the test instead of
blocking it), and the file dialogs return the path the test chooses.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, QRect, QRectF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPainter, QPalette, QUndoCommand
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QGraphicsScene,
    QMenu,
    QMessageBox,
)

from colours import contrast
from core.files import NetworkFileError, load_network, save_network
from core.spec import Node
from designer import export, theme
from designer.mainwindow import MainWindow
from designer.resources import examples_dir, list_examples

REPO = Path(__file__).resolve().parents[2]
Button = QMessageBox.StandardButton


# --- helpers ----------------------------------------------------------------------------


class AddNode(QUndoCommand):
    """A minimal undoable edit, as the editing half's commands make them."""

    def __init__(self, document, node_id: str):
        super().__init__(f"Add {node_id}")
        self.document, self.node = document, Node(node_id, "neuron", 1, "tanh", meta={"pos": [0.0, 0.0]})

    def redo(self):
        self.document.spec.add_node(Node(**{**self.node.__dict__, "meta": dict(self.node.meta)}))
        self.document.structure_edited()

    def undo(self):
        self.document.spec.remove_node(self.node.id)
        self.document.structure_edited()


def edit(window: MainWindow, node_id: str = "extra") -> None:
    window.document.undo_stack.push(AddNode(window.document, node_id))


class Dialogs:
    """Stands in for every QMessageBox: answers from a queue and remembers what was asked."""

    def __init__(self):
        self.answers: list[Button] = []
        self.shown: list[dict] = []

    def exec(self, box: QMessageBox) -> int:
        self.shown.append({"title": box.windowTitle(), "text": box.text(),
                           "info": box.informativeText(), "icon": box.icon()})
        if not self.answers:
            raise AssertionError(f"unexpected dialog: {box.windowTitle()}: {box.text()}")
        return self.answers.pop(0)


@pytest.fixture
def dialogs(monkeypatch):
    d = Dialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: d.exec(box))
    return d


@pytest.fixture
def save_dialog(monkeypatch):
    """``save_dialog.path`` is what Save as "chooses" (None: the person cancels)."""
    class Chooser:
        path: Path | None = None
        calls = 0

        def __call__(self, *args, **kwargs):
            Chooser.calls += 1
            return (str(self.path) if self.path else "", "")

    chooser = Chooser()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    return chooser


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, tmp_path, settings, dialogs):
    """Windows sharing one settings file and autosave folder, as runs on one machine do."""
    made: list[MainWindow] = []

    def make(**kwargs) -> MainWindow:
        w = MainWindow(settings=settings, autosave_root=tmp_path / "autosave", **kwargs)
        w.resize(1000, 700)
        made.append(w)
        return w

    yield make
    for w in made:
        w.document.model.mark_saved()  # nothing left to ask about
        w.close()
        w.deleteLater()


@pytest.fixture
def xor_file(tmp_path):
    path = tmp_path / "xor.ffn"
    save_network(path, load_network(examples_dir() / "xor.ffn"))
    return path


# --- title and the modified mark ----------------------------------------------------------


def test_title_shows_file_name_and_unsaved_mark(make_window, xor_file):
    w = make_window()
    assert w.windowTitle().startswith("Untitled[*]")
    assert w.files.open_path(xor_file)
    assert w.windowTitle() == "xor.ffn[*] — Backprop Studio"
    assert not w.isWindowModified()
    edit(w)
    assert w.isWindowModified()
    w.document.undo_stack.undo()
    assert not w.isWindowModified()  # back at the saved state


def test_example_opens_unsaved_to_its_own_name_and_save_asks_where(make_window, save_dialog, tmp_path):
    w = make_window()
    assert w.files.open_path(examples_dir() / "xor.ffn", example=True)
    assert w.document.path is None
    assert "xor (example)" in w.windowTitle()
    save_dialog.path = tmp_path / "mine"  # no suffix: one is added
    assert w.files.save()
    assert save_dialog.calls == 1
    assert (tmp_path / "mine.ffn").is_file()
    assert w.windowTitle().startswith("mine.ffn[*]")


# --- the unsaved-changes question ----------------------------------------------------------


@pytest.mark.parametrize("gesture", ["close", "new", "open"])
def test_cancel_keeps_everything(make_window, dialogs, xor_file, tmp_path, gesture):
    w = make_window()
    w.show()
    w.files.open_path(xor_file)
    edit(w)
    spec_before = w.document.spec.copy()
    other = tmp_path / "other.ffn"
    save_network(other, load_network(xor_file))
    dialogs.answers = [Button.Cancel]
    if gesture == "close":
        assert not w.close()
        assert w.isVisible()
    elif gesture == "new":
        assert not w.files.new()
    else:
        assert not w.files.open_path(other)
    assert len(dialogs.shown) == 1 and "save the changes" in dialogs.shown[0]["text"]
    assert w.document.spec == spec_before and w.document.is_modified()
    assert w.document.path == xor_file.resolve()
    assert load_network(xor_file).spec != spec_before  # nothing was written


@pytest.mark.parametrize("gesture", ["close", "new", "open"])
def test_discard_goes_on_without_saving(make_window, dialogs, xor_file, tmp_path, gesture):
    w = make_window()
    w.show()
    w.files.open_path(xor_file)
    on_disk = xor_file.read_bytes()
    edit(w)
    dialogs.answers = [Button.Discard]
    if gesture == "close":
        assert w.close()
        assert not w.isVisible()
    elif gesture == "new":
        assert w.files.new()
        assert w.document.spec.nodes == {} and w.document.path is None
        assert w.windowTitle().startswith("Untitled[*]") and not w.isWindowModified()
    else:
        other = tmp_path / "other.ffn"
        save_network(other, load_network(examples_dir() / "xor.ffn"))
        assert w.files.open_path(other)
        assert w.document.path == other.resolve() and not w.document.is_modified()
    assert xor_file.read_bytes() == on_disk
    assert len(dialogs.shown) == 1


@pytest.mark.parametrize("gesture", ["close", "new", "open"])
def test_save_writes_then_goes_on(make_window, dialogs, xor_file, tmp_path, gesture):
    w = make_window()
    w.show()
    w.files.open_path(xor_file)
    edit(w, "added")
    dialogs.answers = [Button.Save]
    if gesture == "close":
        assert w.close()
    elif gesture == "new":
        assert w.files.new()
    else:
        other = tmp_path / "other.ffn"
        save_network(other, load_network(examples_dir() / "xor.ffn"))
        assert w.files.open_path(other)
    assert "added" in load_network(xor_file).spec.nodes


def test_save_on_an_untitled_network_asks_where_and_cancelling_that_cancels(
        make_window, dialogs, save_dialog, tmp_path):
    w = make_window()
    w.show()
    edit(w)
    dialogs.answers = [Button.Save]
    save_dialog.path = None  # the person cancels the Save as dialog
    assert not w.close()
    assert w.isVisible() and w.document.is_modified()
    dialogs.answers = [Button.Save]
    save_dialog.path = tmp_path / "kept.ffn"
    assert w.close()
    assert "extra" in load_network(tmp_path / "kept.ffn").spec.nodes


def test_no_question_without_changes(make_window, dialogs, xor_file):
    w = make_window()
    w.show()
    w.files.open_path(xor_file)
    closing = []
    w.closing.connect(lambda: closing.append(True))
    assert w.close()
    assert dialogs.shown == []
    assert closing == [True]  # panels were told to stop their work


def test_a_cancelled_close_does_not_tell_panels_to_stop(make_window, dialogs):
    w = make_window()
    w.show()
    edit(w)
    closing = []
    w.closing.connect(lambda: closing.append(True))
    dialogs.answers = [Button.Cancel]
    assert not w.close()
    assert closing == []


# --- bad files ----------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04garbage"])
def test_bad_file_shows_the_loaders_message_and_leaves_the_document(make_window, dialogs, xor_file,
                                                                    tmp_path, content):
    bad = tmp_path / "bad.ffn"
    bad.write_bytes(content)
    with pytest.raises(NetworkFileError) as err:
        load_network(bad)
    w = make_window()
    w.files.open_path(xor_file)
    edit(w)
    spec, params = w.document.spec.copy(), {k: v.copy() for k, v in w.document.params.items()}
    count, title = w.document.undo_stack.count(), w.windowTitle()
    dialogs.answers = [Button.Ok]
    assert not w.files.open_path(bad)
    assert len(dialogs.shown) == 1
    shown = dialogs.shown[0]
    assert shown["icon"] == QMessageBox.Icon.Critical and "bad.ffn" in shown["text"]
    assert shown["info"] == str(err.value)
    assert w.document.spec == spec
    assert w.document.params.keys() == params.keys()
    assert all(np.array_equal(w.document.params[k], params[k]) for k in params)
    assert w.document.undo_stack.count() == count and w.document.is_modified()
    assert w.document.path == xor_file.resolve() and w.windowTitle() == title


def test_missing_file_is_reported_and_dropped_from_recent(make_window, dialogs, xor_file, tmp_path):
    w = make_window()
    gone = tmp_path / "gone.ffn"
    save_network(gone, load_network(xor_file))
    w.files.open_path(gone)
    w.files.open_path(xor_file)
    gone.unlink()
    dialogs.answers = [Button.Ok]
    assert not w.files.open_path(gone)
    assert gone.resolve() not in w.files.recent.paths()
    assert w.document.path == xor_file.resolve()


# --- save and open ------------------------------------------------------------------------


def test_save_then_open_gives_an_equal_network(make_window, save_dialog, tmp_path):
    w = make_window()
    w.files.open_path(examples_dir() / "xor.ffn", example=True)
    edit(w, "added")
    w.document.set_params({k: v + 0.25 for k, v in w.document.params.items()})
    before = w.document.to_file()
    save_dialog.path = tmp_path / "round.ffn"
    assert w.actions["save"].isEnabled()
    w.actions["save"].trigger()
    assert not w.document.is_modified() and not w.isWindowModified()

    w2 = make_window()
    assert w2.files.open_path(tmp_path / "round.ffn")
    after = w2.document.to_file()
    assert after.spec == before.spec
    assert after.params.keys() == before.params.keys()
    for k in before.params:
        np.testing.assert_array_equal(after.params[k], before.params[k])
    assert after.training.to_dict() == before.training.to_dict()
    assert after.data.to_dict() == before.data.to_dict()
    assert after.description == before.description


def test_revert_reloads_after_asking(make_window, dialogs, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    assert not w.actions["revert"].isEnabled()
    edit(w)
    assert w.actions["revert"].isEnabled()
    dialogs.answers = [Button.Cancel]
    assert not w.files.revert()
    assert "extra" in w.document.spec.nodes
    dialogs.answers = [Button.Discard]
    w.actions["revert"].trigger()
    assert "extra" not in w.document.spec.nodes
    assert not w.document.is_modified() and w.document.path == xor_file.resolve()


def test_a_recent_file_that_became_a_symlink_loop_is_reported_and_dropped(make_window, dialogs, xor_file,
                                                                          tmp_path):
    """A RuntimeError used to escape from the recent-files list."""
    w = make_window()
    loop = tmp_path / "loop.ffn"
    save_network(loop, load_network(xor_file))
    w.files.open_path(loop)
    w.files.open_path(xor_file)
    loop.unlink()
    other = tmp_path / "other.ffn"
    loop.symlink_to(other)
    other.symlink_to(loop)
    dialogs.answers = [Button.Ok]
    assert not w.files.open_path(loop)
    assert dialogs.shown and "loop.ffn" in dialogs.shown[0]["text"] + dialogs.shown[0]["info"]
    assert all(p.name != "loop.ffn" for p in w.files.recent.paths())
    assert w.document.path == xor_file.resolve()


def test_recent_files_menu_lists_saved_and_opened_files(make_window, xor_file, tmp_path, save_dialog):
    w = make_window()
    w.files.open_path(xor_file)
    save_dialog.path = tmp_path / "second.ffn"
    w.files.save_as()
    w.menus.fill_recent_menu()
    listed = [a.data() for a in w.recent_menu.actions() if a.data()]
    assert listed == [str((tmp_path / "second.ffn").resolve()), str(xor_file.resolve())]
    w2 = make_window()  # same settings: another run
    assert w2.files.recent.paths()[0] == (tmp_path / "second.ffn").resolve()


def test_dropping_a_network_file_on_the_canvas_opens_it(make_window, qtbot, xor_file):
    """The canvas takes only palette drops; a file dropped on it reaches the window."""
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(xor_file))])
    target = w.canvas.viewport()
    enter = QDragEnterEvent(QPointF(80, 80), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(80, 80), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: w.document.path == xor_file.resolve())
    assert w.windowTitle().startswith("xor.ffn")


def test_other_drops_are_not_taken(make_window):
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/picture.png")])
    assert w._dropped_network(mime) is None
    mime.setText("hello")
    assert MainWindow._dropped_network(QMimeData()) is None


# --- examples -----------------------------------------------------------------------------


def test_examples_menu_lists_every_example_with_its_description(make_window):
    w = make_window()
    files = sorted(str(p) for p in examples_dir().glob("*.ffn"))
    assert files, "no example networks installed"
    listed = {a.data(): a for a in w.examples_menu.actions() if a.data()}
    assert sorted(listed) == files
    for ex in list_examples():
        assert ex.error is None, f"{ex.path.name}: {ex.error}"
        assert ex.description, f"{ex.path.name} has no description"
        assert ex.description.replace("&", "&&") in listed[str(ex.path)].text()


def test_choosing_an_example_opens_it(make_window):
    w = make_window()
    act = next(a for a in w.examples_menu.actions() if a.data())
    act.trigger()
    assert w.document.spec.nodes
    assert w.files.source == Path(act.data())


# --- autosave and recovery ----------------------------------------------------------------


def test_autosave_and_recovery_round_trip(make_window, dialogs, xor_file):
    w1 = make_window()
    w1.files.open_path(xor_file)
    assert w1.autosaver.tick() is None  # nothing unsaved, nothing written
    edit(w1, "unsaved-node")
    snapshot = w1.autosaver.tick()
    assert snapshot is not None and snapshot.is_file()
    assert "unsaved-node" in load_network(snapshot).spec.nodes
    spec = w1.document.spec.copy()

    w_live = make_window()
    assert w_live.offer_recovery() is False  # w1 is still running: not offered
    assert dialogs.shown == []

    w1.autosaver.abandon()  # what a crash leaves behind
    w2 = make_window()
    dialogs.answers = [Button.Yes]
    assert w2.offer_recovery()
    assert "xor.ffn" in dialogs.shown[0]["text"]
    assert w2.document.spec == spec
    assert w2.document.is_modified() and w2.isWindowModified()
    assert w2.document.path == xor_file.resolve()  # Save goes back to where it came from
    assert not snapshot.parent.exists()  # taken over by w2's own session
    assert w2.autosaver.snapshot_path.is_file()

    w3 = make_window()
    assert not w3.offer_recovery()  # offered once only


def test_recovery_can_be_discarded_or_postponed(make_window, dialogs):
    w1 = make_window()
    edit(w1)
    w1.autosaver.tick()
    w1.autosaver.abandon()
    w2 = make_window()
    dialogs.answers = [Button.Ignore]  # "Not Now"
    assert not w2.offer_recovery()
    assert w1.autosaver.snapshot_path.is_file()
    dialogs.answers = [Button.Discard]
    assert not w2.offer_recovery()
    assert not w1.autosaver.folder.exists()
    assert not make_window().offer_recovery()
    assert len(dialogs.shown) == 2


def test_a_damaged_autosave_is_reported_and_kept(make_window, dialogs):
    w1 = make_window()
    edit(w1)
    w1.autosaver.tick()
    w1.autosaver.abandon()
    w1.autosaver.snapshot_path.write_bytes(b"half written")
    w2 = make_window()
    dialogs.answers = [Button.Yes, Button.Ok]
    assert not w2.offer_recovery()
    assert dialogs.shown[1]["title"] == "Cannot recover" and "unsaved.ffn" in dialogs.shown[1]["info"]
    assert w1.autosaver.snapshot_path.is_file()  # kept for a later try
    assert w2.document.spec.nodes == {} and not w2.document.is_modified()


def test_a_failing_autosave_shows_a_banner_that_stays_until_a_retry_works(make_window, qtbot):
    """It used to say so only on the status bar, and the work was lost in the crash that followed."""
    w = make_window()
    w.autosaver.retry_ms = 50
    w.show()
    edit(w, "precious")
    w.autosaver.snapshot_path.mkdir()          # something in the way: the write must fail
    w.autosaver.tick()
    banner = w.autosave_banner
    assert banner.isVisible() and "Autosave failed" in banner.reason.text()
    assert w.autosaver._timer.interval() == 50  # retrying soon, not in a minute
    qtbot.wait(200)                             # retries fail too: the banner stays
    assert banner.isVisible()
    w.autosaver.snapshot_path.rmdir()           # the way is clear: the next retry works
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert "precious" in load_network(w.autosaver.snapshot_path).spec.nodes
    assert w.autosaver._timer.interval() == w.autosaver.interval_ms


def test_saving_or_closing_cleanly_leaves_nothing_to_recover(make_window, dialogs, xor_file):
    w1 = make_window()
    w1.files.open_path(xor_file)
    edit(w1)
    w1.autosaver.tick()
    w1.files.save()
    assert w1.autosaver.tick() is None
    assert not w1.autosaver.snapshot_path.exists()
    edit(w1, "more")
    w1.autosaver.tick()
    dialogs.answers = [Button.Discard]
    assert w1.close()
    assert not w1.autosaver.folder.exists()  # the "closed cleanly" marker
    assert not make_window().offer_recovery()


def test_recovery_after_a_real_crash(make_window, dialogs, tmp_path):
    """A separate Python process edits, autosaves and dies without closing."""
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(REPO)!r})
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from designer.mainwindow import MainWindow
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_mainwindow import edit
        w = MainWindow(settings=QSettings({str(tmp_path / 'child.ini')!r}, QSettings.Format.IniFormat),
                       autosave_root={str(tmp_path / 'autosave')!r})
        edit(w, "made-before-the-crash")
        w.autosaver.tick()
        os._exit(3)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=120)
    assert proc.returncode == 3, proc.stderr
    w = make_window()
    dialogs.answers = [Button.Yes]
    assert w.offer_recovery()
    assert "made-before-the-crash" in w.document.spec.nodes
    assert "untitled" in dialogs.shown[0]["text"]


# --- shortcuts and actions ----------------------------------------------------------------


def test_keyboard_shortcuts_trigger_the_actions(make_window, qtbot, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    edit(w, "a")
    edit(w, "b")
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "b" not in w.document.spec.nodes and "a" in w.document.spec.nodes
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "b" in w.document.spec.nodes
    assert w.isWindowModified()
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not w.document.is_modified() and not w.isWindowModified()
    assert "b" in load_network(xor_file).spec.nodes


def test_menus_hold_the_actions(make_window):
    w = make_window()
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    file_menu = w.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    for expected in ("&New", "&Open…", "Open &Example", "Open &Recent", "&Save", "Save &As…",
                     "&Revert", "&Export", "&Quit"):
        assert expected in texts
    export_texts = [a.text() for a in w.export_menu.actions()]
    for expected in ("Network as &NumPy…", "Network as &PyTorch…", "Network as &ONNX…",
                     "Training &History as CSV…", "Export Diagram as &PNG…", "Export Diagram as S&VG…", "&Plots"):
        assert expected in export_texts
    assert w.actions["undo"].shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in w.actions["redo"].shortcuts()]
    panels = [a.text().replace("&", "") for a in w._panels_menu.actions()]
    assert {"Palette", "Properties", "History"} <= set(panels)


def test_history_dock_lists_the_edits(make_window):
    w = make_window()
    w.show()
    assert not w.history_dock.isHidden()
    edit(w, "first")
    model = w.history_view.model()
    assert model.rowCount() == 2  # the opened state, then the edit
    assert model.index(1, 0).data() == "Add first"


def test_add_panel_makes_a_dock_listed_under_view(make_window):
    from PySide6.QtWidgets import QLabel
    w = make_window()
    dock = w.add_panel(QLabel("curves"), "Training curves")
    assert dock.objectName() == "dock-training-curves"
    assert dock.toggleViewAction() in w._panels_menu.actions()


def test_status_bar_summarises_the_network(make_window, xor_file):
    w = make_window()
    assert "0 nodes" in w._summary.text()
    w.files.open_path(xor_file)
    assert "3 nodes" in w._summary.text()
    assert "Ready to train" in w._problems.text()
    w.files.message.emit("hello")
    assert w.statusBar().currentMessage() == "hello"


def test_about_names_every_version(make_window, monkeypatch):
    import numpy
    import pyqtgraph
    import PySide6
    seen = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: seen.update(text=text))
    w = make_window()
    w.actions["about"].trigger()
    for v in (PySide6.__version__, pyqtgraph.__version__, numpy.__version__, "MIT", "Python"):
        assert v in seen["text"]


def test_dark_and_light_themes_are_legible(make_window, qapp):
    w = make_window()
    try:
        for name in ("dark", "light"):
            w.set_theme(name)
            pal = qapp.palette()
            for fg, bg in ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                           (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                           (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight)):
                assert contrast(pal.color(fg), pal.color(bg)) >= 4.5, (name, fg)
            assert w.actions[f"theme_{name}"].isChecked()
            assert w.settings.value("view/theme") == name
    finally:
        theme.apply_theme("system")


def test_style_sheets_naming_palette_colours_follow_a_theme_change(make_window, qapp):
    from PySide6.QtWidgets import QLabel
    w = make_window()
    hint = QLabel("hint", w)
    hint.setStyleSheet("color: palette(placeholder-text);")
    w.show()
    try:
        w.set_theme("dark")
        hint.ensurePolished()
        assert hint.palette().color(QPalette.ColorRole.WindowText) == \
            theme.dark_palette().color(QPalette.ColorRole.PlaceholderText)
    finally:
        theme.apply_theme("system")


# --- diagram export -----------------------------------------------------------------------


def test_export_png_and_svg(qapp, tmp_path):
    scene = QGraphicsScene()
    scene.addEllipse(0, 0, 40, 40)
    scene.addText("hidden 1").setPos(0, 50)
    size = export.export_png(scene, tmp_path / "d.png")
    image = QImage(str(tmp_path / "d.png"))
    assert image.width() == size.width() and image.height() == size.height() and size.width() > 80
    export.export_svg(scene, tmp_path / "d.svg", "xor")
    text = (tmp_path / "d.svg").read_text(encoding="utf-8")
    assert "<svg" in text and "<title>xor</title>" in text


def test_export_actions_write_the_canvas(make_window, save_dialog, tmp_path, xor_file):
    w = make_window()
    if not hasattr(w.canvas, "scene"):
        pytest.skip("the canvas is not installed yet")
    w.files.open_path(xor_file)
    for kind in ("png", "svg"):
        save_dialog.path = tmp_path / f"diagram.{kind}"
        assert w.export_diagram(kind)
        assert (tmp_path / f"diagram.{kind}").stat().st_size > 100


def test_edit_menu_drives_the_canvas_and_undo_restores(make_window, qtbot, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    spec = w.document.spec.copy()
    assert not w.actions["delete"].isEnabled()  # nothing selected
    w.actions["select_all"].trigger()
    assert w.actions["delete"].isEnabled() and w.actions["copy"].isEnabled()
    w.actions["copy"].trigger()
    assert w.actions["paste"].isEnabled()
    w.actions["delete"].trigger()
    assert w.document.spec.nodes == {}
    assert "Empty network" in w._problems.text()
    w.actions["paste"].trigger()
    assert len(w.document.spec.nodes) == len(spec.nodes)
    w.actions["undo"].trigger()
    w.actions["undo"].trigger()
    assert w.document.spec == spec
    assert not w.isWindowModified()


def test_view_actions_zoom_the_canvas(make_window, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.actions["zoom_reset"].trigger()
    assert w._zoom.text() == "100%"
    w.actions["zoom_in"].trigger()
    assert w.canvas.zoom() > 1.0 and w._zoom.text() != "100%"
    w.actions["fit"].trigger()
    w.actions["zoom_out"].trigger()


# --- training, the stepper and the lab in the window ------------------------------------


def test_the_window_fits_a_1280_by_800_screen(make_window):
    w = make_window()
    w.resize(1280, 800)
    w.show()
    assert w.minimumSizeHint().width() <= 1280 and w.minimumSizeHint().height() <= 800
    assert (w.width(), w.height()) == (1280, 800)


def test_training_is_one_click_away_and_panels_are_listed(make_window):
    w = make_window()
    w.show()
    assert not w.training_dock.visibleRegion().isEmpty()  # the raised tab on the right
    assert w.training.actions["play"] in w.toolbar.actions()
    panels = [a.text().replace("&", "") for a in w._panels_menu.actions()]
    for title in (*w.training_panels, "Training", "Backprop stepper", "Optimiser race",
                  "Loss landscape", "Optimiser internals", "Activation explorer", "Vanishing gradients"):
        assert title in panels


def test_selecting_a_node_brings_its_properties_forward(make_window, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.training_dock.raise_()
    w.canvas.select_nodes(["h1"])
    assert not w.properties_dock.visibleRegion().isEmpty()


def test_lab_panels_are_built_when_first_shown(make_window, qtbot):
    w = make_window()
    w.show()
    dock = next(d for d in w.findChildren(QDockWidget) if d.windowTitle() == "Activation explorer")
    assert dock.isHidden() and not dock.property("built")
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: bool(dock.property("built")))
    assert type(dock.widget()).__name__ == "ActivationExplorer"


def test_trained_weights_count_as_unsaved_work(make_window, dialogs, qtbot, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    before = {k: v.copy() for k, v in w.document.params.items()}
    w.training.actions["step_epoch"].trigger()
    qtbot.waitUntil(lambda: any(not np.array_equal(before[k], w.document.params[k]) for k in before),
                    timeout=30_000)
    qtbot.waitUntil(lambda: w.isWindowModified(), timeout=10_000)
    assert w.document.is_modified()
    assert w.autosaver.tick() is not None  # autosave keeps trained weights too
    dialogs.answers = [Button.Save]
    assert w.close()
    saved = load_network(xor_file)
    assert any(not np.array_equal(before[k], saved.params[k]) for k in before)
    assert not w.training.worker.isRunning()  # the window stopped its training thread


def test_space_on_the_canvas_a_tap_plays_a_hold_and_drag_pans(make_window, qtbot, xor_file):
    """Space did nothing once the canvas had focus; now a tap is Play/Pause, as everywhere else."""
    from canvas_helpers import Viewport, drag
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.waitUntil(lambda: w.training_controls.buttons["play"].isEnabled(), timeout=30_000)
    w.canvas.setFocus()
    # hold Space and drag: a pan, no training
    qtbot.keyPress(w.canvas, Qt.Key.Key_Space)
    assert w.training.state == "idle"
    before = w.canvas.mapToScene(w.canvas.viewport().rect().center())
    drag(w.canvas, Viewport(200, 200), Viewport(320, 260))
    qtbot.keyRelease(w.canvas, Qt.Key.Key_Space)
    assert w.canvas.mapToScene(w.canvas.viewport().rect().center()) != before
    assert w.training.state == "idle"
    # a tap: Play; another tap: Pause
    qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    assert w.training.state == "running"
    qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.training.state in ("paused", "done"), timeout=30_000)


def test_the_layout_comes_back_next_time(make_window):
    w1 = make_window()
    w1.resize(1100, 760)
    w1.show()
    w1.palette_dock.hide()
    w1.stepper_dock.toggleViewAction().trigger()
    size = (w1.width(), w1.height())
    assert w1.close()
    w2 = make_window()
    w2.restore_layout()
    w2.show()
    assert w2.palette_dock.isHidden()
    assert not w2.stepper_dock.isHidden()
    # restoreGeometry keeps a window on its screen (the offscreen one is 800 px wide); the
    # stepper no longer forces a wider window, so the size comes back as far as the screen allows
    avail = w2.screen().availableGeometry()
    assert w2.width() == pytest.approx(min(size[0], avail.width()), abs=4)
    assert w2.height() == pytest.approx(min(size[1], avail.height()), abs=4)


def test_a_point_clicked_on_the_data_plot_is_walked_in_the_stepper(make_window, qtbot, xor_file):
    w = make_window()
    w.resize(1400, 900)
    w.files.open_path(xor_file)
    w.show()
    boundary = w.training_panels["Data and boundary"]
    w.training.docks["Data and boundary"].raise_()
    qtbot.waitUntil(lambda: w.training.info is not None and boundary.info is not None
                    and boundary.draw_count > 0, timeout=20_000)
    info = boundary.info
    assert len(info.raw_test) > 2
    view, vp = boundary.view, boundary.view.viewport()
    picked = []
    boundary.sample_picked.connect(lambda r, which: picked.append((r, which)))
    # Ctrl+click on a test point
    x, y = info.raw_test[2]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=view.mapFromScene(boundary.scene_pos(x, y)))
    assert picked == [(2, "test")]
    assert w.document.undo_stack.count() == 0  # nothing was added
    assert not w.stepper_dock.isHidden() and not w.stepper_dock.visibleRegion().isEmpty()
    s = w.stepper.session
    assert s is not None and s.sample_label == "test row 2"
    data = w.stepper._data()
    np.testing.assert_allclose(data.test_set.X[2], info.raw_test[2])  # the same sample
    np.testing.assert_allclose(s.x, data.test.X[2])
    # the panel's pick mode: a plain click picks a training point
    w.training.docks["Data and boundary"].raise_()
    qtbot.mouseClick(boundary.pick_button, Qt.MouseButton.LeftButton)
    assert boundary.pick_button.isChecked() and not boundary.add_class.isVisible()
    x, y = info.raw_train[5]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=view.mapFromScene(boundary.scene_pos(x, y)))
    assert picked[-1] == (5, "train") and w.stepper.session.sample_label == "training row 5"
    assert w.document.undo_stack.count() == 0


def test_status_bar_shows_epoch_step_loss_and_speed_while_training(make_window, qtbot, xor_file):
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.training.actions["step_epoch"].trigger()
    qtbot.waitUntil(lambda: "Epoch 1" in w._training_status.text(), timeout=15000)
    text = w._training_status.text()
    assert "step" in text and "loss" in text
    assert w.statusBar().isAncestorOf(w._training_status)


def test_saved_optimizer_state_lets_training_resume(make_window, dialogs, qtbot, xor_file):
    """Adam's moments and step count are saved with trained weights and picked up again."""
    w = make_window()
    w.files.open_path(xor_file)
    w.show()
    w.training.actions["step_epoch"].trigger()
    qtbot.waitUntil(lambda: w.document.optimizer_state is not None, timeout=15000)
    state = w.document.optimizer_state
    assert state["name"] == w.document.training.optimizer and state["t"] > 0
    assert w.files.save()
    saved = load_network(xor_file)
    assert saved.optimizer_state["t"] == state["t"]
    np.testing.assert_array_equal(saved.optimizer_state["state"][0]["s"], state["state"][0]["s"])
    # Reopened, one more epoch continues the count instead of starting at t = 1.
    w2 = make_window()
    w2.files.open_path(xor_file)
    w2.show()
    w2.training.actions["step_epoch"].trigger()
    qtbot.waitUntil(lambda: (w2.document.optimizer_state or {}).get("t", 0) > state["t"], timeout=15000)
    # Reset forgets it.
    w2.training.reset_weights()
    assert w2.document.optimizer_state is None


# --- fitting a laptop screen ------------------------------------------------------------------


def _shown_example(make_window, qtbot, example: str, width: int, height: int) -> MainWindow:
    """A window showing one of the examples at ``width`` × ``height``."""
    w = make_window()
    assert w.files.open_path(examples_dir() / example, example=True)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    return w


def _panel_item(w: MainWindow, title: str):
    """The View ▸ Panels entry a person clicks to open the panel ``title``."""
    return next(a for a in w._panels_menu.actions() if a.text() == title)


LAB_PANELS = ["Optimiser race", "Loss landscape", "Optimiser internals", "Activation explorer",
              "Vanishing gradients", "Backprop stepper"]


@pytest.mark.parametrize("title", LAB_PANELS)
def test_every_panel_fits_a_1280_by_800_window(make_window, qtbot, title):
    """A lab panel brought forward must not make the window wider than a laptop screen."""
    w = _shown_example(make_window, qtbot, "digits.ffn", 1280, 800)
    dock = next(d for d in w.findChildren(QDockWidget) if d.windowTitle() == title)
    w.bring_to_front(dock)
    QApplication.processEvents()
    assert w.minimumSizeHint().width() <= 1280
    assert w.width() <= 1280


def test_a_lab_panel_brought_forward_gets_room_below_the_canvas(make_window, qtbot):
    w = make_window()
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    land = next(d for d in w.findChildren(QDockWidget) if d.windowTitle() == "Loss landscape")
    item = _panel_item(w, "Loss landscape")
    assert not item.isChecked()
    item.trigger()  # View ▸ Panels ▸ Loss landscape, clicked: it opens
    want = min(land.widget().sizeHint().height(), w.height() * 3 // 5)
    qtbot.waitUntil(lambda: land.height() >= want - 40)  # less a title bar and a splitter handle
    w.resizeDocks([land], [300], Qt.Orientation.Vertical)  # the person drags the area low
    qtbot.waitUntil(lambda: land.height() < 320)
    item.trigger()  # closed from the menu ...
    assert not land.isVisible()
    item.trigger()  # ... and opened again: room again
    qtbot.waitUntil(lambda: land.height() >= want - 40)
    assert land.height() <= w.height() * 3 // 5 + 4  # the canvas keeps two fifths


def test_no_stale_tab_bar_over_the_canvas_or_a_panel(make_window, qtbot):
    """Each dock's tab shows in one tab bar only (Qt left an old one in sight before)."""
    from PySide6.QtWidgets import QTabBar
    w = make_window()
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    w.bring_to_front(w.stepper_dock)
    seen: dict[str, int] = {}
    for bar in w.findChildren(QTabBar):
        if bar.isVisible() and w.rect().intersects(bar.geometry()):
            for i in range(bar.count()):
                seen[bar.tabText(i)] = seen.get(bar.tabText(i), 0) + 1
    assert seen and all(n == 1 for n in seen.values()), seen


def test_new_random_weights_from_the_edit_menu_and_the_properties_button(make_window, qtbot, xor_file):
    from core.parameters import init_parameters
    w = make_window()
    assert w.files.open_path(xor_file)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    seed = w.document.seed
    edit_menu = next(m for m in w.menuBar().findChildren(QMenu) if m.title() == "&Edit")
    item = next(a for a in edit_menu.actions() if a.text() == "&New Random Weights")
    assert item.isEnabled()
    item.trigger()  # the menu item clicked
    assert w.document.seed == seed + 1
    np.testing.assert_array_equal(w.document.params["W:c1"], init_parameters(w.document.spec, seed + 1)["W:c1"])
    assert f"seed {seed + 1}" in w.properties.summary.text()
    qtbot.mouseClick(w.properties.new_weights, Qt.MouseButton.LeftButton)
    assert w.document.seed == seed + 2 and f"seed {seed + 2}" in w.properties.summary.text()
    assert w.document.undo_stack.undoText() == f"New random weights (seed {seed + 2})"
    w.document.undo_stack.undo()
    w.document.undo_stack.undo()
    assert w.document.seed == seed and f"seed {seed}" in w.properties.summary.text()


def test_the_fitted_network_stays_whole_when_a_panel_below_grows(make_window, qtbot):
    w = _shown_example(make_window, qtbot, "digits.ffn", 1440, 900)
    canvas = w.canvas
    canvas.fit()

    def whole() -> bool:
        view = QRectF(canvas.viewport().rect())
        return all(view.contains(canvas.mapFromScene(it.sceneBoundingRect()).boundingRect().toRectF())
                   for it in canvas.canvas_scene.node_items.values())

    assert whole()
    item = _panel_item(w, "Optimiser race")
    item.trigger()  # the race opens below and takes room from the canvas
    qtbot.waitUntil(lambda: canvas.height() < 420)
    qtbot.waitUntil(whole)
    canvas.zoom_in()
    canvas.zoom_in()  # the person's own zoom is kept from now on
    zoom = canvas.zoom()
    w.resize(1440, 860)
    qtbot.waitUntil(lambda: w.height() == 860)
    assert canvas.zoom() == zoom


def test_many_open_panels_keep_whole_tab_titles(make_window, qtbot):
    from PySide6.QtWidgets import QTabBar
    w = make_window()
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    for title in ("Optimiser race", "Loss landscape", "Vanishing gradients", "Backprop stepper"):
        _panel_item(w, title).trigger()
    bottom = None

    def settled() -> bool:
        nonlocal bottom
        bars = [b for b in w.findChildren(QTabBar) if b.isVisible() and b.count() >= 9]
        bottom = bars[0] if bars else None
        return bottom is not None and bottom.elideMode() == Qt.TextElideMode.ElideNone

    qtbot.waitUntil(settled)
    assert bottom.usesScrollButtons()
    assert "Curves" in [bottom.tabText(i) for i in range(bottom.count())]


def test_the_stepper_in_the_window_shows_card_graph_and_table(make_window, qtbot):
    """Opened from the menu in a 1440 × 900 window, walking the lecture network at the scalar level."""
    w = _shown_example(make_window, qtbot, "lecture-3-3-3.ffn", 1440, 900)
    _panel_item(w, "Backprop stepper").trigger()
    p = w.stepper
    p.source.setCurrentIndex(1)
    p.input_edit.setText("1, 0.5, -1")
    p.target_edit.setText("1, 0, 0")
    qtbot.mouseClick(p.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(p.level_buttons["scalar"], Qt.MouseButton.LeftButton)
    for _ in range(13):
        qtbot.mouseClick(p.buttons["forward"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    card, graph, table = p.splitter.sizes()
    assert card >= 160 and graph >= 100  # the formula with its numbers; the graph around the step
    assert table >= 3 * p.table.verticalHeader().defaultSectionSize()
    g = p.graph
    focus = g.mapFromScene(g._focus)
    assert g.viewport().rect().contains(focus)  # the current box is in sight
    canvas = w.canvas  # the walk's values beside the units stay on the canvas, not cut at its edge
    qtbot.waitUntil(lambda: not p.overlay.fit_extent().isEmpty())
    qtbot.waitUntil(lambda: QRectF(canvas.viewport().rect()).contains(
        canvas.mapFromScene(p.overlay.fit_extent()).boundingRect().toRectF()))


def test_unchecked_boxes_and_radio_buttons_show_in_the_dark_theme(make_window, qapp):
    """Fusion outlined them in almost the window's own colour on a dark palette."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton
    w = make_window()
    try:
        w.set_theme("dark")
        window = qapp.palette().color(QPalette.ColorRole.Window)
        for kind, element in ((QRadioButton, QStyle.PrimitiveElement.PE_IndicatorRadioButton),
                              (QCheckBox, QStyle.PrimitiveElement.PE_IndicatorCheckBox)):
            button = kind("x", w)
            button.ensurePolished()
            opt = QStyleOptionButton()
            opt.initFrom(button)
            opt.state |= QStyle.StateFlag.State_Off
            size = qapp.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, opt, button) + 4
            opt.rect = QRect(2, 2, size - 4, size - 4)
            image = QImage(size, size, QImage.Format.Format_ARGB32)
            image.fill(window)
            painter = QPainter(image)
            qapp.style().drawPrimitive(element, opt, painter, button)
            painter.end()
            c = size // 2
            inside = image.pixelColor(c, c)  # the unchecked box's own fill
            edge = max(contrast(image.pixelColor(x, c), inside) for x in range(2, 6))
            assert edge >= 2.0, (kind.__name__, edge)  # its outline stands out from it
    finally:
        theme.apply_theme("system")
