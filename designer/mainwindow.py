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

from PySide6.QtCore import (QEvent, QObject, QRectF, QSettings, Qt, QTimer,
                            Signal, Slot)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QUndoView,
    QVBoxLayout,
    QWidget,
)


from . import about, i18n, theme
from .autosave import Autosaver
from .canvas import CanvasView, clipboard
from .commands import NewWeightsCommand
from .document import Document
from .fileactions import FileController, dropped_network
from .lab import lab_panels
from .lab.canvas_link import CanvasLink
from .palette import Palette
from .training.divergence import DivergenceBanner
from .panels.plateau import PlateauBanner
from .autosave_banner import AutosaveBanner
from .properties import PropertiesPanel
from .stepper.panel import StepperPanel
from .lessons import LessonsPanel
from .dock_layout import DockLayout
from .docks import install_training
from .status_bar import WindowStatus
from .window_menus import APP_TITLE, WindowMenus

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
        self._panels_menu: QMenu | None = None   # View ▸ Panels, once the menus are built
        self.dock_layout = DockLayout(self)

        # Side columns run the full height; the bottom panels sit under the canvas only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._build_editing()
        self._build_training()
        self._build_bottom()
        self._build_lessons()
        self.menus = WindowMenus(self)   # actions, menus, toolbar
        self.status = WindowStatus(self)  # the status bar's labels
        self._connect()
        # Canvas <-> training and lab: thumbnails, edge overlay, activation explorer, landscape axes.
        self.canvas_link = CanvasLink(self)
        self.setAcceptDrops(True)
        self.actions[f"theme_{theme.current_theme()}"].setChecked(True)
        self._update_title(self.files.display_name)
        self._update_actions()

    # --- composition ---------------------------------------------------------------

    def _build_editing(self) -> None:
        """The canvas in the middle, the palette on the left, Properties and History on the right."""
        Area = Qt.DockWidgetArea
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

    def _build_training(self) -> None:
        """The Training dock beside Properties, its panels below, its banners above the canvas."""
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

    def _build_bottom(self) -> None:
        """Under the canvas, one tab group: the training panels, the stepper and the optimiser lab."""
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
        self.dock_layout.arrange_bottom(bottom, n_shown=len(self.training_panels))
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

    def _build_lessons(self) -> None:
        """The Lessons dock (designer.lessons) over the palette, shown by Help > Lessons or F1.

        On the left, so that the Properties and Training docks a lesson talks
        about stay in view beside it.
        """
        self.lessons = LessonsPanel(self, self.settings)
        self.lessons_dock = self.add_panel(self.lessons, "Lessons", Qt.DockWidgetArea.LeftDockWidgetArea)
        self.lessons_dock.hide()
        # Tabbed with the palette the first time it is shown: a hidden tab would widen the left column.
        self.lessons_dock.visibilityChanged.connect(self._place_lessons)

    def _place_lessons(self, visible: bool) -> None:
        if visible and not self.lessons_dock.isFloating() and not self.tabifiedDockWidgets(self.lessons_dock):
            self.tabifyDockWidget(self.palette_dock, self.lessons_dock)
            self.lessons_dock.raise_()
            QTimer.singleShot(0, self._widen_lessons)

    def _widen_lessons(self) -> None:
        """Room for the lesson's text beside the canvas."""
        if not self.lessons_dock.isFloating() and self.lessons_dock.width() < 440:
            self.resizeDocks([self.lessons_dock], [440], Qt.Orientation.Horizontal)

    def show_lessons(self) -> None:
        """Help > Lessons (F1): the Lessons dock in front, its list focused."""
        self.bring_to_front(self.lessons_dock)
        self._widen_lessons()
        self.lessons.setFocus()

    def add_panel(self, widget: QWidget, title: str,
                  area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
                  object_name: str | None = None) -> QDockWidget:
        """Put a panel in a dock and list it under View > Panels (:meth:`.DockLayout.add_panel`)."""
        return self.dock_layout.add_panel(widget, title, area, object_name)

    def add_lazy_panel(self, title: str, factory: Callable[[], QWidget],
                       area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        """A dock whose widget ``factory()`` builds the first time it is shown."""
        return self.dock_layout.add_lazy_panel(title, factory, area)

    def _connect(self) -> None:
        doc, stack = self.document, self.document.undo_stack
        # A bound method, not a lambda: Qt drops the connection when the window
        # goes, while the document's undo stack (cleared at exit) lives on.
        doc.modified_changed.connect(self.setWindowModified)
        doc.modified_changed.connect(self._update_actions)
        stack.indexChanged.connect(self._update_actions)
        doc.structure_changed.connect(self._update_actions)
        self.files.name_changed.connect(self._update_title)
        self.files.name_changed.connect(self._update_actions)
        self.files.message.connect(self.show_message)
        self.canvas.message.connect(self.show_message)
        self.canvas.space_tapped.connect(self.training.toggle)  # Space on the canvas: Play/Pause too
        self.canvas.selection_changed.connect(self._update_actions)
        self.canvas.selection_changed.connect(self._show_properties)
        self.canvas.installEventFilter(self)
        self.properties.message.connect(self.show_message)
        QApplication.clipboard().dataChanged.connect(self._update_actions)
        if self.autosaver is not None:
            self.autosaver.failed.connect(self.show_message)
        self.training_controls.csv_error.connect(self.show_message)
        # A point picked on the data plot is walked in the stepper.
        self.training_panels["Data and boundary"].sample_picked.connect(self.pick_for_stepper)

    # --- what the window shows -----------------------------------------------------

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _update_title(self, name: str) -> None:
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.is_modified())

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
        """Show a dock and make it the current tab of its group (:meth:`.DockLayout.bring_to_front`)."""
        self.dock_layout.bring_to_front(dock)

    # --- File menu helpers ---------------------------------------------------------

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

    _dropped_network = staticmethod(dropped_network)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_network(event.mimeData()) is not None or LessonsPanel.dropped_lesson(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        lesson = LessonsPanel.dropped_lesson(event)
        if lesson is not None:  # a lesson file: opened in the Lessons panel
            event.acceptProposedAction()
            self.show_lessons()
            QTimer.singleShot(0, lambda: self.lessons.open_path(lesson))
            return
        path = self._dropped_network(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        # Open after the drop finishes: the source must not wait on our dialogs.
        QTimer.singleShot(0, lambda: self.files.open_path(path))
