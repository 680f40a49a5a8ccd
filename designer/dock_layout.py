"""The main window's docks: adding panels, bringing one to the front, keeping tab titles whole.

Qt's dock widgets do most of it; what is here is what they leave to the
application: a panel listed under View ▸ Panels and restored by object name,
panels built the first time they are shown, a tab really switched when a
hidden dock is shown, and a bottom panel grown to show what it holds.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar, QWidget


#: Every panel's title, for the translators: docks show them translated (context "Panels").
PANEL_TITLES = (
    QT_TRANSLATE_NOOP("Panels", "Palette"), QT_TRANSLATE_NOOP("Panels", "Properties"),
    QT_TRANSLATE_NOOP("Panels", "History"), QT_TRANSLATE_NOOP("Panels", "Training"),
    QT_TRANSLATE_NOOP("Panels", "Data and boundary"), QT_TRANSLATE_NOOP("Panels", "Curves"),
    QT_TRANSLATE_NOOP("Panels", "Activations"), QT_TRANSLATE_NOOP("Panels", "Weights"),
    QT_TRANSLATE_NOOP("Panels", "Gradients"), QT_TRANSLATE_NOOP("Panels", "Backprop stepper"),
    QT_TRANSLATE_NOOP("Panels", "Optimiser race"), QT_TRANSLATE_NOOP("Panels", "Loss landscape"),
    QT_TRANSLATE_NOOP("Panels", "Optimiser internals"), QT_TRANSLATE_NOOP("Panels", "Activation explorer"),
    QT_TRANSLATE_NOOP("Panels", "Vanishing gradients"), QT_TRANSLATE_NOOP("Panels", "Lessons"),
)


class DockLayout(QObject):
    """The docks of ``window`` (a QMainWindow with ``_panels_menu``, the View ▸ Panels menu once built)."""

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window

    def arrange_bottom(self, bottom: list[QDockWidget], n_shown: int) -> None:
        """One tab group under the canvas, its first ``n_shown`` tabs shown.

        Side by side, the plots would be too narrow to read in a 1280-pixel window.
        """
        w = self.window
        for dock in bottom:
            w.removeDockWidget(dock)
        for i, dock in enumerate(bottom):
            w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            if i:
                w.tabifyDockWidget(bottom[0], dock)
            dock.setVisible(i < n_shown)
        bottom[0].raise_()

    def add_panel(self, widget: QWidget, title: str,
                  area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
                  object_name: str | None = None) -> QDockWidget:
        """Put a panel in a dock and list it under View > Panels.

        The training panels and the backprop stepper use this too; the
        object name (derived from the title) lets the layout be restored.
        """
        dock = QDockWidget(QCoreApplication.translate("Panels", title), self.window)
        dock.setProperty("title_en", title)  # --panel and the saved layout use the English title
        dock.setObjectName(object_name or f"dock-{title.lower().replace(' ', '-')}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.window.addDockWidget(area, dock)
        # Shown from the menu: to the front of its tab group (not hidden behind a
        # tab), with room to show what it holds.
        dock.toggleViewAction().triggered.connect(lambda on: on and self.bring_to_front(dock))
        dock.visibilityChanged.connect(self._tidy_tab_bars_soon)
        if self.window._panels_menu is not None:
            self.window._panels_menu.addAction(dock.toggleViewAction())
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

    def bring_to_front(self, dock: QDockWidget) -> None:
        """Show a dock and make it the current tab of its group.

        ``QDockWidget.raise_()`` alone does not always switch the tab of a dock
        that was hidden a moment ago (the tab is added on the next layout
        pass), so the tab bar is also told directly.
        """
        dock.show()
        dock.raise_()
        QApplication.processEvents()
        for bar in self.window.findChildren(QTabBar):
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
        for bar in self.window.findChildren(QTabBar):
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
        if self.window.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        want = min(dock.widget().sizeHint().height(), self.window.height() * 3 // 5)
        if dock.height() < want:
            self.window.resizeDocks([dock], [want], Qt.Orientation.Vertical)
