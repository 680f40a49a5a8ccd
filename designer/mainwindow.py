"""The main window: a thin frame composing the panels around one shared document.

The window owns no network state and does no editing of its own. It puts
the canvas in the middle, the palette and the properties in docks, wires
menu actions to the canvas's slots, to the document's undo stack and to the
:class:`~designer.fileactions.FileController`, and shows what they say on
the title and status bar. Panels added later (training curves, the backprop
stepper) come in through :meth:`MainWindow.add_panel`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QRectF, QSettings, Qt, QTimer,
                            Signal, Slot)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from core.parameters import count_parameters

from . import about, i18n, theme
from .autosave import Autosaver
from .canvas import CanvasView, clipboard
from .commands import NewWeightsCommand
from .document import Document
from .fileactions import FileController
from .lab.canvas_link import CanvasLink
from .palette import Palette
from .training.divergence import DivergenceBanner
from .panels.plateau import PlateauBanner
from .autosave_banner import AutosaveBanner
from .properties import PropertiesPanel
from .resources import list_examples
from .stepper.panel import StepperPanel
from .docks import install_training

APP_TITLE = "Backprop Studio"

#: Every panel's title, for the translators: docks show them translated (context "Panels").
PANEL_TITLES = (
    QT_TRANSLATE_NOOP("Panels", "Palette"), QT_TRANSLATE_NOOP("Panels", "Properties"),
    QT_TRANSLATE_NOOP("Panels", "History"), QT_TRANSLATE_NOOP("Panels", "Training"),
    QT_TRANSLATE_NOOP("Panels", "Data and boundary"), QT_TRANSLATE_NOOP("Panels", "Curves"),
    QT_TRANSLATE_NOOP("Panels", "Activations"), QT_TRANSLATE_NOOP("Panels", "Weights"),
    QT_TRANSLATE_NOOP("Panels", "Gradients"), QT_TRANSLATE_NOOP("Panels", "Backprop stepper"),
    QT_TRANSLATE_NOOP("Panels", "Optimiser race"), QT_TRANSLATE_NOOP("Panels", "Loss landscape"),
    QT_TRANSLATE_NOOP("Panels", "Optimiser internals"), QT_TRANSLATE_NOOP("Panels", "Activation explorer"),
    QT_TRANSLATE_NOOP("Panels", "Vanishing gradients"),
)
Button = QMessageBox.StandardButton
ThemeIcon = QIcon.ThemeIcon


def _icon(name: ThemeIcon) -> QIcon:
    return QIcon.fromTheme(name)


def _stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other with no margins (the banner over the canvas)."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    for w in widgets:
        lay.addWidget(w, 1 if w is widgets[-1] else 0)
    return box


def lab_panels(document: Document) -> dict[str, Callable[[], QWidget]]:
    """The optimiser lab's panels, {dock title: factory}."""
    def race():
        from .lab.race import RaceWidget
        return RaceWidget(document)

    def landscape():
        from .lab.landscape import LandscapeWidget
        return LandscapeWidget(document)

    def internals():
        from .lab.internals import InternalsWidget
        return InternalsWidget(document)

    def activations():
        from .lab.activation_explorer import ActivationExplorer
        return ActivationExplorer()

    def vanishing():
        from .lab.vanishing import VanishingWidget
        return VanishingWidget()

    return {"Optimiser race": race, "Loss landscape": landscape, "Optimiser internals": internals,
            "Activation explorer": activations, "Vanishing gradients": vanishing}


class MainWindow(QMainWindow):
    """One document's window.

    Parameters
    ----------
    document
        The network to show; a new, empty one when None.
    settings
        Where recent files, theme and layout are remembered (the
        application's QSettings when None; tests pass a file of their own).
    autosave_root
        Folder for autosave sessions (``AppDataLocation/autosave`` when None).
    autosave
        False turns autosave off (the ``--screenshot`` run, which saves nothing).

    Signals
    -------
    closing()
        The person confirmed closing (nothing unsaved is left to ask about):
        panels that run work of their own (a training thread) stop it here.
    """

    closing = Signal()

    def __init__(self, document: Document | None = None, *, settings: QSettings | None = None,
                 autosave_root: Path | None = None, autosave: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.document = document or Document(parent=self)
        self.settings = settings if settings is not None else QSettings()
        self.files = FileController(self.document, self, self.settings)
        self.autosaver = Autosaver(self.document, autosave_root, parent=self) if autosave else None
        self.actions: dict[str, QAction] = {}
        self._panels_menu: QMenu | None = None

        Area = Qt.DockWidgetArea
        # Side columns run the full height; the bottom panels sit under the canvas only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)

        # Building: the canvas in the middle, the palette on the left.
        self.canvas = CanvasView(self.document)
        self.palette_panel = Palette()
        self.palette_panel.node_requested.connect(self.canvas.add_from_template)
        self.palette_dock = self.add_panel(self.palette_panel, "Palette", Area.LeftDockWidgetArea)

        # On the right, tabbed: Properties (raised by a selection), Training, History.
        self.properties = PropertiesPanel(self.document, self.canvas)
        self.properties_dock = self.add_panel(self.properties, "Properties", Area.RightDockWidgetArea)
        self.history_view = QUndoView(self.document.undo_stack)
        self.history_view.setEmptyLabel(self.tr("Opened"))
        self.history_dock = self.add_panel(self.history_view, "History", Area.RightDockWidgetArea)
        self.tabifyDockWidget(self.properties_dock, self.history_dock)

        # Training (designer.docks): its controls, its panels along the
        # bottom, the canvas coloured by activations; stopped on closing.
        # The divergence banner goes above the canvas (seen whichever tab is in front).
        self.training = install_training(self, banner=False, arrange=False)  # arranged below
        self.training_controls = self.training.controls
        self.training_panels = self.training.panels
        self.training_dock = self.training.docks["Training"]
        self.tabifyDockWidget(self.properties_dock, self.training_dock)
        self.training_dock.raise_()  # a newcomer's first step is Play
        self.divergence_banner = DivergenceBanner().bind(self.training)
        self.plateau_banner = PlateauBanner().bind(self.training)   # a flat loss: what to change
        banners: list[QWidget] = [self.divergence_banner, self.plateau_banner]
        self.autosave_banner: AutosaveBanner | None = None
        if self.autosaver is not None:  # stays over the canvas while autosave fails
            self.autosave_banner = AutosaveBanner(self.autosaver, self.files.save_as)
            banners.append(self.autosave_banner)
        self.setCentralWidget(_stacked(*banners, self.canvas))
        bottom = [self.training.docks[t] for t in ("Data and boundary", "Curves", "Activations",
                                                   "Weights", "Gradients")]

        # The backprop stepper (designer.stepper), beside them, shown from View > Panels.
        self.stepper = StepperPanel(self.document)
        self.stepper.attach_canvas(self.canvas)
        self.stepper_dock = self.add_panel(self.stepper, "Backprop stepper", object_name="StepperDock")
        bottom.append(self.stepper_dock)

        # The optimiser lab (designer.lab): built the first time a person opens one.
        self.lab_docks: dict[str, QDockWidget] = {}
        for title, factory in lab_panels(self.document).items():
            self.lab_docks[title] = self.add_lazy_panel(title, factory)
            bottom.append(self.lab_docks[title])
        # One tab group under the canvas: side by side, the plots would be too
        # narrow to read in a 1280-pixel window.
        for dock in bottom:
            self.removeDockWidget(dock)
        for i, dock in enumerate(bottom):
            self.addDockWidget(Area.BottomDockWidgetArea, dock)
            if i:
                self.tabifyDockWidget(bottom[0], dock)
            dock.setVisible(i < len(self.training_panels))
        bottom[0].raise_()
        # Dock sizes are set against a window of a laptop's size (a restored
        # geometry or --size resizes it afterwards; the canvas takes the rest).
        self.resize(1280, 800)
        self.resizeDocks([self.palette_dock, self.training_dock],  # the right group's tab in front
                         [max(210, self.palette_panel.sizeHint().width()),
                          max(330, self.training_controls.sizeHint().width())],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([bottom[0]], [320], Qt.Orientation.Vertical)
        # The docks first stood side by side and the window took their summed
        # minimum width as its own; now that they are tabbed, recompute it.
        self.layout().activate()

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        # Canvas <-> training and lab: thumbnails, edge overlay, activation explorer, landscape axes.
        self.canvas_link = CanvasLink(self)
        self.setAcceptDrops(True)
        self.actions[f"theme_{theme.current_theme()}"].setChecked(True)
        self._update_title(self.files.display_name)
        self._update_summary()
        self._update_actions()

    # --- composition ---------------------------------------------------------------

    def add_panel(self, widget: QWidget, title: str,
                  area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
                  object_name: str | None = None) -> QDockWidget:
        """Put a panel in a dock and list it under View > Panels.

        The training panels and the backprop stepper use this too; the
        object name (derived from the title) lets the layout be restored.
        """
        dock = QDockWidget(QCoreApplication.translate("Panels", title), self)
        dock.setProperty("title_en", title)  # --panel and the saved layout use the English title
        dock.setObjectName(object_name or f"dock-{title.lower().replace(' ', '-')}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        # Shown from the menu: to the front of its tab group (not hidden behind a
        # tab), with room to show what it holds.
        dock.toggleViewAction().triggered.connect(lambda on: on and self.bring_to_front(dock))
        dock.visibilityChanged.connect(self._tidy_tab_bars_soon)
        if self._panels_menu is not None:
            self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_lazy_panel(self, title: str, factory: Callable[[], QWidget],
                       area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        """A dock whose widget ``factory()`` builds the first time it is shown.

        For panels a person opens now and then (the optimiser lab): the
        window starts without paying for them.
        """
        dock = self.add_panel(QWidget(), title, area)

        def build(visible: bool) -> None:
            if visible and not dock.property("built"):
                dock.setProperty("built", True)
                dock.setWidget(factory())

        dock.visibilityChanged.connect(build)
        return dock

    def _action(self, key: str, text: str, slot=None, shortcut=None, icon: ThemeIcon | None = None,
                tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(_icon(icon))
        if tip:
            act.setStatusTip(tip)
        if slot is not None:
            act.triggered.connect(slot)
        self.actions[key] = act
        return act

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a, files = self._action, self.files
        a("new", self.tr("&New"), files.new, K.New, ThemeIcon.DocumentNew, self.tr("Start an empty network"))
        a("open", self.tr("&Open…"), files.open_dialog, K.Open, ThemeIcon.DocumentOpen, self.tr("Open a .ffn file"))
        a("save", self.tr("&Save"), files.save, K.Save, ThemeIcon.DocumentSave, self.tr("Save the network"))
        a("save_as", self.tr("Save &As…"), files.save_as, "Ctrl+Shift+S", ThemeIcon.DocumentSaveAs,
          self.tr("Save the network under a new name"))
        a("revert", self.tr("&Revert"), files.revert, tip=self.tr("Reload the network as last saved"))
        a("export_png", self.tr("Export Diagram as &PNG…"), lambda: self.export_diagram("png"),
          tip=self.tr("Save a picture of the network"))
        a("export_svg", self.tr("Export Diagram as S&VG…"), lambda: self.export_diagram("svg"),
          tip=self.tr("Save a scalable drawing of the network"))
        a("quit", self.tr("&Quit"), self.close, "Ctrl+Q", ThemeIcon.ApplicationExit)

        undo = a("undo", self.tr("&Undo"), self.document.undo, "Ctrl+Z", ThemeIcon.EditUndo)
        redo = a("redo", self.tr("&Redo"), self.document.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], ThemeIcon.EditRedo)
        stack = self.document.undo_stack
        # Bound methods, not lambdas: the stack outlives the window (see _connect).
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        c = self.canvas
        a("cut", self.tr("Cu&t"), c.cut, K.Cut, ThemeIcon.EditCut)
        a("copy", self.tr("&Copy"), c.copy, K.Copy, ThemeIcon.EditCopy)
        a("paste", self.tr("&Paste"), c.paste, K.Paste, ThemeIcon.EditPaste)
        a("delete", self.tr("&Delete"), c.delete_selected, [QKeySequence(K.Delete), "Backspace"],
          ThemeIcon.EditDelete, "Delete the selection (a selected edge is removed)")
        a("select_all", self.tr("Select &All"), c.select_all, K.SelectAll, ThemeIcon.EditSelectAll)
        a("edit_value", self.tr("&Type Weight or Bias…"), c.edit_selected_value, "F2",
          tip=self.tr("Type the value of the selected edge's weight or unit's bias"))
        a("restore_edge", self.tr("Restore &Edge"), c.restore_selected_edge, "Insert",
          tip=self.tr("Put back the selected removed edge"))
        a("reinit", self.tr("Re-&initialise Weights"), c.reinitialise_selected, "Ctrl+R",
          tip=self.tr("Fresh initial weights for the selected nodes (all nodes when none is selected)"))
        a("new_weights", self.tr("&New Random Weights"), self._new_weights, None,  # Ctrl+Shift+R is training's Reset
          tip=self.tr("Draw every weight with the next seed: another start for training"))
        history = self.history_dock.toggleViewAction()
        history.setText(self.tr("&History"))
        history.setShortcut(QKeySequence("Ctrl+H"))
        self.actions["history"] = history

        a("zoom_in", self.tr("Zoom &In"), c.zoom_in, ["Ctrl+=", "Ctrl++"], ThemeIcon.ZoomIn)
        a("zoom_out", self.tr("Zoom &Out"), c.zoom_out, "Ctrl+-", ThemeIcon.ZoomOut)
        a("zoom_reset", self.tr("&Actual Size"), c.zoom_reset, "Ctrl+1")
        a("fit", self.tr("&Fit to Window"), c.fit, "Ctrl+0", ThemeIcon.ZoomFitBest)
        a("auto_layout", self.tr("A&rrange in Columns"), c.auto_layout, "Ctrl+L",
          tip=self.tr("Lay the nodes out in columns by depth"))
        self._theme_group = QActionGroup(self)
        for name in theme.THEMES:
            act = a(f"theme_{name}", theme.LABELS[name], lambda _=False, n=name: self.set_theme(n))
            act.setCheckable(True)
            self._theme_group.addAction(act)
        a("about", self.tr("&About {0}").format(APP_TITLE), self.show_about)
        a("about_qt", self.tr("About &Qt"), QApplication.aboutQt)

    def _build_menus(self) -> None:
        bar, act = self.menuBar(), self.actions
        m = bar.addMenu(self.tr("&File"))
        m.addActions([act["new"], act["open"]])
        self.examples_menu = m.addMenu(self.tr("Open &Example"))
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        m.addActions([act["save"], act["save_as"], act["revert"]])
        m.addSeparator()
        m.addActions([act["export_png"], act["export_svg"]])
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
        self._panels_menu = m.addMenu(self.tr("&Panels"))
        for dock in self.findChildren(QDockWidget):
            self._panels_menu.addAction(dock.toggleViewAction())
        themes = m.addMenu(self.tr("&Theme"))
        themes.addActions(self._theme_group.actions())
        self._build_language_menu(m.addMenu(self.tr("&Language") + " / 语言"))
        self.view_menu = m

        m = bar.addMenu(self.tr("&Help"))
        m.addActions([act["about"], act["about_qt"]])

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("toolbar-main")
        tb.setMovable(False)
        act = self.actions
        tb.addActions([act["new"], act["open"], act["save"]])
        tb.addSeparator()
        tb.addActions([act["undo"], act["redo"]])
        tb.addSeparator()
        tb.addActions([act["zoom_in"], act["zoom_out"], act["fit"]])
        tb.addSeparator()
        tb.addActions(list(self.training.actions.values()))
        # Icons only when the platform's icon theme has all of them; a toolbar
        # mixing icons and words looks broken, words alone do not.
        complete = all(not a.icon().isNull() for a in tb.actions() if not a.isSeparator())
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle if complete
                              else Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self._problems, self._summary, self._zoom = QLabel(), QLabel(), QLabel("100%")
        self._training_status = QLabel()
        self._training_status.setToolTip(self.tr("Training: epoch, step, the last mini-batch's loss, speed"))
        self._zoom.setToolTip("Zoom (Ctrl+1: actual size, Ctrl+0: fit to window)")
        for label in (self._training_status, self._problems, self._summary, self._zoom):
            label.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(label)

    def _connect(self) -> None:
        doc, stack = self.document, self.document.undo_stack
        # A bound method, not a lambda: Qt drops the connection when the window
        # goes, while the document's undo stack (cleared at exit) lives on.
        doc.modified_changed.connect(self._on_modified_changed)
        doc.modified_changed.connect(self._update_actions)
        stack.indexChanged.connect(self._update_actions)
        doc.structure_changed.connect(self._update_summary)
        doc.structure_changed.connect(self._update_actions)
        doc.problems_changed.connect(self._update_summary)
        self.files.name_changed.connect(self._update_title)
        self.files.name_changed.connect(self._update_actions)
        self.files.message.connect(self.show_message)
        self.canvas.message.connect(self.show_message)
        self.canvas.space_tapped.connect(self.training.toggle)  # Space on the canvas: Play/Pause too
        self.canvas.selection_changed.connect(self._update_actions)
        self.canvas.selection_changed.connect(self._show_properties)
        self.canvas.installEventFilter(self)
        self.canvas.zoom_changed.connect(self._update_zoom)
        self.properties.message.connect(self.show_message)
        QApplication.clipboard().dataChanged.connect(self._update_actions)
        if self.autosaver is not None:
            self.autosaver.failed.connect(self.show_message)
        self.training_controls.csv_error.connect(self.show_message)
        self.training.status_changed.connect(self._training_status.setText)
        # A point picked on the data plot is walked in the stepper.
        self.training_panels["Data and boundary"].sample_picked.connect(self.pick_for_stepper)

    # --- what the window shows -----------------------------------------------------

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _update_title(self, name: str) -> None:
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_modified())

    def _update_summary(self, *_) -> None:
        spec = self.document.spec
        n_nodes = len(spec.nodes)
        n_params = count_parameters(spec)
        nodes = self.tr("1 node") if n_nodes == 1 else self.tr("{0} nodes").format(n_nodes)
        params = self.tr("1 parameter") if n_params == 1 else self.tr("{0} parameters").format(f"{n_params:,}")
        self._summary.setText(f"{nodes} · {params}")
        problems = self.document.problems
        if not spec.nodes:
            self._problems.setText(self.tr("Empty network"))
            self._problems.setToolTip(self.tr("Drag an input, layers and an output from the palette."))
        elif problems:
            self._problems.setText(f"⚠ {problems[0].message}" + (f" (+{len(problems) - 1} more)"
                                                                 if len(problems) > 1 else ""))
            self._problems.setToolTip("\n".join(p.message for p in problems))
        else:
            self._problems.setText("✓ " + self.tr("Ready to train"))
            self._problems.setToolTip(self.tr("The network is complete: every node reaches the output."))

    def _update_actions(self, *_) -> None:
        act = self.actions
        act["revert"].setEnabled(self.files.can_revert())
        sel = self.canvas.selection()
        act["copy"].setEnabled(bool(sel.nodes))
        act["cut"].setEnabled(bool(sel.nodes))
        act["delete"].setEnabled(not sel.is_empty)
        act["paste"].setEnabled(clipboard.from_mime(QApplication.clipboard().mimeData()) is not None)
        act["edit_value"].setEnabled(sel.edge is not None or sel.unit is not None)
        act["restore_edge"].setEnabled(sel.edge is not None)
        has_nodes = bool(self.document.spec.nodes)
        for key in ("select_all", "reinit", "new_weights", "auto_layout", "export_png", "export_svg"):
            act[key].setEnabled(has_nodes)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """On the canvas, Space is the canvas's own: a tap is Play/Pause, a hold and drag pans.

        The window's shortcut would fire on the press, before the canvas can
        tell a tap from the start of a pan; the canvas says which on the
        release (``CanvasView.space_tapped``).
        """
        if (obj is self.canvas and event.type() == QEvent.Type.ShortcutOverride
                and event.key() == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            event.accept()
            return True
        return super().eventFilter(obj, event)

    def _show_properties(self) -> None:
        """Selecting something on the canvas brings its properties to the front."""
        if not self.canvas.selection().is_empty and not self.properties_dock.isFloating():
            self.properties_dock.raise_()

    @Slot(int, str)
    def pick_for_stepper(self, row: int, which: str) -> None:
        """A sample picked on the Data-and-boundary plot: walk it in the stepper, brought to the front."""
        self.bring_to_front(self.stepper_dock)
        self.stepper.pick_sample(row, which)

    def _new_weights(self) -> None:
        if self.document.params:
            command = NewWeightsCommand(self.document)
            self.document.push(command)
            self.statusBar().showMessage(self.tr("New random weights: seed {0}").format(command.new_seed), 4000)

    def bring_to_front(self, dock: QDockWidget) -> None:
        """Show a dock and make it the current tab of its group.

        ``QDockWidget.raise_()`` alone does not always switch the tab of a dock
        that was hidden a moment ago (the tab is added on the next layout
        pass), so the tab bar is also told directly.
        """
        dock.show()
        dock.raise_()
        QApplication.processEvents()
        for bar in self.findChildren(QTabBar):
            for i in range(bar.count()):
                if bar.tabText(i) == dock.windowTitle():
                    bar.setCurrentIndex(i)
        self._grow_to_fit(dock)

    def _tidy_tab_bars_soon(self, _visible: bool = False) -> None:
        QTimer.singleShot(0, self, self._tidy_tab_bars)  # dropped if the window goes first

    def _tidy_tab_bars(self) -> None:
        """Whole tab titles with scroll arrows, rather than "Cu…", "Gr…" once many panels are open.

        Qt makes the docks' tab bars itself as panels come and go, so this
        runs again whenever a dock is shown or hidden.
        """
        for bar in self.findChildren(QTabBar):
            if bar.elideMode() != Qt.TextElideMode.ElideNone:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)

    def _grow_to_fit(self, dock: QDockWidget) -> None:
        """Make a panel below the canvas tall enough for what it shows.

        The bottom area starts low to leave the canvas room; a lab panel
        brought forward from the View menu wants more (its plots and
        controls), up to three fifths of the window: the canvas above keeps
        the rest and fits the network into it (CanvasView.fitted).
        """
        if dock.isFloating() or dock.widget() is None:
            return
        if self.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        want = min(dock.widget().sizeHint().height(), self.height() * 3 // 5)
        if dock.height() < want:
            self.resizeDocks([dock], [want], Qt.Orientation.Vertical)

    def _on_modified_changed(self, modified: bool) -> None:
        self.setWindowModified(modified)

    @Slot(str)
    def _undo_text(self, text: str) -> None:
        """The command's name on the tooltip, not the button: a text that changed with
        every edit made the toolbar's buttons jump.
        """
        self.actions["undo"].setToolTip(f"Undo {text}" if text else "Undo")
        self.actions["undo"].setStatusTip(f"Undo {text}" if text else "")

    @Slot(str)
    def _redo_text(self, text: str) -> None:
        self.actions["redo"].setToolTip(f"Redo {text}" if text else "Redo")
        self.actions["redo"].setStatusTip(f"Redo {text}" if text else "")

    def _update_zoom(self, factor: float) -> None:
        self._zoom.setText(f"{factor:.0%}")

    # --- File menu helpers ---------------------------------------------------------

    def _fill_examples_menu(self) -> None:
        menu = self.examples_menu
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
            act.triggered.connect(lambda _=False, p=ex.path: self.files.open_path(p, example=True))
        if not examples:
            menu.addAction("(no examples installed)").setEnabled(False)
        menu.setToolTipsVisible(True)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.files.recent.paths()
        for i, path in enumerate(paths, start=1):
            name = path.name.replace("&", "&&")
            act = menu.addAction(f"&{i}  {name}" if i < 10 else name)
            act.setToolTip(str(path) if path.exists() else f"{path} (not found)")
            act.setData(str(path))
            act.setEnabled(path.exists())
            act.triggered.connect(lambda _=False, p=path: self.files.open_path(p))
        if not paths:
            menu.addAction("(none yet)").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("&Clear Menu", self.files.recent.clear)
        menu.setToolTipsVisible(True)

    def export_diagram(self, kind: str) -> bool:
        """Export the canvas as ``png`` or ``svg`` through a file dialog."""
        # The network's own items: overlays (the stepper's) would add empty margins.
        sc = self.canvas.canvas_scene
        content = QRectF()
        for item in [*sc.node_items.values(), *sc.conn_items.values()]:
            content = content.united(item.sceneBoundingRect())
        return self.files.export_diagram(kind, self.canvas.scene(), content,
                                         self.canvas.palette().color(QPalette.ColorRole.Base))

    # --- Edit / View / Help --------------------------------------------------------

    def _build_language_menu(self, menu: QMenu) -> None:
        """中文 / English / the system's; each language named in itself, so anyone can find theirs."""
        group = QActionGroup(self)
        chosen = str(self.settings.value(i18n.SETTING, "") or "")
        for code, label in [("", self.tr("System language")), *i18n.LANGUAGES.items()]:
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == chosen)
            act.setData(code)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(act)
            self.actions[f"language_{code or 'system'}"] = act

    def set_language(self, code: str) -> None:
        """Remember the language; it applies from the next start (the window says so, in both)."""
        self.settings.setValue(i18n.SETTING, code)
        self.settings.sync()
        self.statusBar().showMessage(self.tr("The language changes when Backprop Studio starts again.")
                                     + "  重新启动后切换语言。", 8000)

    def set_theme(self, name: str) -> None:
        name = theme.apply_theme(name)
        self.actions[f"theme_{name}"].setChecked(True)
        self.settings.setValue("view/theme", name)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About {0}").format(APP_TITLE), about.about_html())

    # --- sessions: layout, recovery, closing ---------------------------------------

    def restore_layout(self) -> None:
        """Bring back the window's size and docks as a person left them."""
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def offer_recovery(self) -> bool:
        """After a crash: offer the unsaved work left behind (True if recovered)."""
        return self.autosaver is not None and self.files.offer_recovery(self.autosaver)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save("closing"):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.closing.emit()
        if self.autosaver is not None:
            self.autosaver.close_cleanly()
        event.accept()

    # --- drag and drop of files ----------------------------------------------------

    @staticmethod
    def _dropped_network(mime) -> Path | None:
        for url in mime.urls() if mime.hasUrls() else ():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".ffn"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_network(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_network(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        # Open after the drop finishes: the source must not wait on our dialogs.
        QTimer.singleShot(0, lambda: self.files.open_path(path))
