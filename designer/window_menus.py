"""The main window's actions, menus and toolbar, built in one place.

The window composes panels; this builds what a person reaches from the menu
bar and the toolbar (each action with its shortcut, icon and status tip),
and fills the menus that change (examples, recent files, language). Every
action goes into ``window.actions`` by key, where the window enables them
and the tests find them.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QToolBar

from . import i18n, theme
from .export_menu import ExportMenu
from .resources import list_examples

APP_TITLE = "Backprop Studio"
ThemeIcon = QIcon.ThemeIcon


class WindowMenus(QObject):
    """Builds ``window``'s actions, menus and toolbar, and keeps the changing menus filled."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

    def _action(self, key: str, text: str, slot=None, shortcut=None, icon: ThemeIcon | None = None,
                tip: str = "") -> QAction:
        act = QAction(text, self.window)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(QIcon.fromTheme(icon))
        if tip:
            act.setStatusTip(tip)
        if slot is not None:
            act.triggered.connect(slot)
        self.window.actions[key] = act
        return act

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a, files = self._action, self.window.files
        a("new", self.tr("&New"), files.new, K.New, ThemeIcon.DocumentNew, self.tr("Start an empty network"))
        a("open", self.tr("&Open…"), files.open_dialog, K.Open, ThemeIcon.DocumentOpen, self.tr("Open a .ffn file"))
        a("save", self.tr("&Save"), files.save, K.Save, ThemeIcon.DocumentSave, self.tr("Save the network"))
        a("save_as", self.tr("Save &As…"), files.save_as, "Ctrl+Shift+S", ThemeIcon.DocumentSaveAs,
          self.tr("Save the network under a new name"))
        a("revert", self.tr("&Revert"), files.revert, tip=self.tr("Reload the network as last saved"))
        a("export_png", self.tr("Export Diagram as &PNG…"), lambda: self.window.export_diagram("png"),
          tip=self.tr("Save a picture of the network"))
        a("export_svg", self.tr("Export Diagram as S&VG…"), lambda: self.window.export_diagram("svg"),
          tip=self.tr("Save a scalable drawing of the network"))
        a("quit", self.tr("&Quit"), self.window.close, "Ctrl+Q", ThemeIcon.ApplicationExit)

        undo = a("undo", self.tr("&Undo"), self.window.document.undo, "Ctrl+Z", ThemeIcon.EditUndo)
        redo = a("redo", self.tr("&Redo"), self.window.document.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], ThemeIcon.EditRedo)
        stack = self.window.document.undo_stack
        # Bound methods, not lambdas: the stack outlives the window (see _connect).
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        c = self.window.canvas
        a("cut", self.tr("Cu&t"), c.cut, K.Cut, ThemeIcon.EditCut)
        a("copy", self.tr("&Copy"), c.copy, K.Copy, ThemeIcon.EditCopy)
        a("paste", self.tr("&Paste"), c.paste, K.Paste, ThemeIcon.EditPaste)
        a("delete", self.tr("&Delete"), c.delete_selected, [QKeySequence(K.Delete), "Backspace"],
          ThemeIcon.EditDelete, self.tr("Delete the selection (a selected edge is removed)"))
        a("select_all", self.tr("Select &All"), c.select_all, K.SelectAll, ThemeIcon.EditSelectAll)
        a("edit_value", self.tr("&Type Weight or Bias…"), c.edit_selected_value, "F2",
          tip=self.tr("Type the value of the selected edge's weight or unit's bias"))
        a("restore_edge", self.tr("Restore &Edge"), c.restore_selected_edge, "Insert",
          tip=self.tr("Put back the selected removed edge"))
        a("reinit", self.tr("Re-&initialise Weights"), c.reinitialise_selected, "Ctrl+R",
          tip=self.tr("Fresh initial weights for the selected nodes (all nodes when none is selected)"))
        # no shortcut: Ctrl+Shift+R is training's Reset
        a("new_weights", self.tr("&New Random Weights"), self.window._new_weights, None,
          tip=self.tr("Draw every weight with the next seed: another start for training"))
        history = self.window.history_dock.toggleViewAction()
        history.setText(self.tr("&History"))
        history.setShortcut(QKeySequence("Ctrl+H"))
        self.window.actions["history"] = history

        a("zoom_in", self.tr("Zoom &In"), c.zoom_in, ["Ctrl+=", "Ctrl++"], ThemeIcon.ZoomIn)
        a("zoom_out", self.tr("Zoom &Out"), c.zoom_out, "Ctrl+-", ThemeIcon.ZoomOut)
        a("zoom_reset", self.tr("&Actual Size"), c.zoom_reset, "Ctrl+1")
        a("fit", self.tr("&Fit to Window"), c.fit, "Ctrl+0", ThemeIcon.ZoomFitBest)
        a("auto_layout", self.tr("A&rrange in Columns"), c.auto_layout, "Ctrl+L",
          tip=self.tr("Lay the nodes out in columns by depth"))
        self.theme_group = QActionGroup(self)
        for name in theme.THEMES:
            act = a(f"theme_{name}", theme.LABELS[name], lambda _=False, n=name: self.window.set_theme(n))
            act.setCheckable(True)
            self.theme_group.addAction(act)
        self._build_help_actions()
        a("about", self.tr("&About {0}").format(APP_TITLE), self.window.show_about)
        a("about_qt", self.tr("About &Qt"), QApplication.aboutQt)

    def _build_help_actions(self) -> None:
        """Help > Lessons (F1): the course in the Lessons dock."""
        self._action("lessons", self.tr("&Lessons"), self.window.show_lessons, QKeySequence.StandardKey.HelpContents,
                     tip=self.tr("The course: the lecture step by step, with questions the program checks"))

    def _build_menus(self) -> None:
        bar, act = self.window.menuBar(), self.window.actions
        m = bar.addMenu(self.tr("&File"))
        m.addActions([act["new"], act["open"]])
        self.window.examples_menu = m.addMenu(self.tr("Open &Example"))
        self.window.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.window.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        m.addSeparator()
        m.addActions([act["save"], act["save_as"], act["revert"]])
        m.addSeparator()
        self.window.export_menu = m.addMenu(self.tr("&Export"))
        ExportMenu(self.window).fill(self.window.export_menu)
        m.addSeparator()
        m.addAction(act["quit"])
        self._fill_examples_menu()

        m = bar.addMenu(self.tr("&Edit"))
        m.addActions([act["undo"], act["redo"], act["history"]])
        m.addSeparator()
        m.addActions([act["cut"], act["copy"], act["paste"], act["delete"]])
        m.addSeparator()
        m.addActions([act["edit_value"], act["restore_edge"], act["reinit"], act["new_weights"]])
        m.addSeparator()
        m.addAction(act["select_all"])

        m = bar.addMenu(self.tr("&View"))
        m.addActions([act["zoom_in"], act["zoom_out"], act["zoom_reset"], act["fit"]])
        m.addSeparator()
        m.addAction(act["auto_layout"])
        m.addSeparator()
        self.window._panels_menu = m.addMenu(self.tr("&Panels"))
        for dock in self.window.findChildren(QDockWidget):
            self.window._panels_menu.addAction(dock.toggleViewAction())
        themes = m.addMenu(self.tr("&Theme"))
        themes.addActions(self.theme_group.actions())
        self._build_language_menu(m.addMenu(self.tr("&Language") + " / 语言"))
        self.window.view_menu = m

        m = bar.addMenu(self.tr("&Help"))
        m.addAction(act["lessons"])
        m.addSeparator()
        m.addActions([act["about"], act["about_qt"]])

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self.window)
        tb.setObjectName("toolbar-main")
        tb.setMovable(False)
        act = self.window.actions
        tb.addActions([act["new"], act["open"], act["save"]])
        tb.addSeparator()
        tb.addActions([act["undo"], act["redo"]])
        tb.addSeparator()
        tb.addActions([act["zoom_in"], act["zoom_out"], act["fit"]])
        tb.addSeparator()
        tb.addActions(list(self.window.training.actions.values()))
        # Icons only when the platform's icon theme has all of them; a toolbar
        # mixing icons and words looks broken, words alone do not.
        complete = all(not a.icon().isNull() for a in tb.actions() if not a.isSeparator())
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle if complete
                              else Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.window.toolbar = tb


    def _fill_examples_menu(self) -> None:
        """File ▸ Open Example: the shipped examples, each with its description."""
        menu = self.window.examples_menu
        menu.clear()
        examples = list_examples()
        for ex in examples:
            description = QCoreApplication.translate("Examples", ex.description) if ex.description else ""
            label = f"{ex.title} — {description}" if description else ex.title
            act = menu.addAction(label.replace("&", "&&"))
            act.setObjectName(f"example-{ex.title}")
            act.setData(str(ex.path))
            if ex.error:
                act.setEnabled(False)
                act.setToolTip(ex.error)
            act.triggered.connect(lambda _=False, p=ex.path: self.window.files.open_path(p, example=True))
        if not examples:
            menu.addAction(self.tr("(no examples installed)")).setEnabled(False)
        menu.setToolTipsVisible(True)

    def fill_recent_menu(self) -> None:
        """File ▸ Open Recent, filled as it opens (files come and go between two looks)."""
        menu = self.window.recent_menu
        menu.clear()
        paths = self.window.files.recent.paths()
        for i, path in enumerate(paths, start=1):
            name = path.name.replace("&", "&&")
            act = menu.addAction(f"&{i}  {name}" if i < 10 else name)
            act.setToolTip(str(path) if path.exists() else self.tr("{0} (not found)").format(path))
            act.setData(str(path))
            act.setEnabled(path.exists())
            act.triggered.connect(lambda _=False, p=path: self.window.files.open_path(p))
        if not paths:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("&Clear Menu"), self.window.files.recent.clear)
        menu.setToolTipsVisible(True)


    def _build_language_menu(self, menu: QMenu) -> None:
        """中文 / English / the system's; each language named in itself, so anyone can find theirs."""
        group = QActionGroup(self)
        chosen = str(self.window.settings.value(i18n.SETTING, "") or "")
        for code, label in [("", self.tr("System language")), *i18n.LANGUAGES.items()]:
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == chosen)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.window.set_language(c))
            group.addAction(act)
            self.window.actions[f"language_{code or 'system'}"] = act


    @Slot(str)
    def _undo_text(self, text: str) -> None:
        """The command's name on the tooltip, not the button: a text that changed with
        every edit made the toolbar's buttons jump.
        """
        tip = self.tr("Undo {0}").format(text) if text else self.tr("Undo")
        self.window.actions["undo"].setToolTip(tip)
        self.window.actions["undo"].setStatusTip(tip if text else "")

    @Slot(str)
    def _redo_text(self, text: str) -> None:
        tip = self.tr("Redo {0}").format(text) if text else self.tr("Redo")
        self.window.actions["redo"].setToolTip(tip)
        self.window.actions["redo"].setStatusTip(tip if text else "")

