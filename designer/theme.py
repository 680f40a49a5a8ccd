"""Light and dark colour schemes for the whole application.

"System" keeps the platform's style and palette. "Light" and "Dark" use the
Fusion style, the one Qt style that follows a custom palette faithfully on
every platform, with palettes chosen so that text, disabled text, links and
selections all stay legible. Widgets that paint themselves (the canvas, the
plots) should take their colours from ``QPalette`` so they follow along; Qt
sends them a ``PaletteChange`` event when the scheme changes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyle, QStyleFactory, QWidget

THEMES = ("system", "light", "dark")
LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark"}

_system_style: str | None = None
_system_palette: QPalette | None = None
_current = "system"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def _palette(colors: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    pal = QPalette()
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    for role, value in disabled.items():
        pal.setColor(Group.Disabled, role, QColor(value))
    return pal


def light_palette() -> QPalette:
    """The light theme's colours (Fusion, so every platform looks alike)."""
    return _palette({
        Role.Window: "#f3f3f3", Role.WindowText: "#1f1f1f",
        Role.Base: "#ffffff", Role.AlternateBase: "#f5f6f8",
        Role.ToolTipBase: "#ffffdc", Role.ToolTipText: "#1f1f1f",
        Role.PlaceholderText: "#767676",
        Role.Text: "#1f1f1f", Role.Button: "#f0f0f0", Role.ButtonText: "#1f1f1f",
        Role.BrightText: "#d32f2f",
        Role.Light: "#ffffff", Role.Midlight: "#e8e8e8", Role.Mid: "#b8b8b8",
        Role.Dark: "#9c9c9c", Role.Shadow: "#6e6e6e",
        Role.Highlight: "#2f6fce", Role.HighlightedText: "#ffffff",
        Role.Link: "#1a5fb4", Role.LinkVisited: "#6a3fb4",
    }, {
        Role.WindowText: "#9a9a9a", Role.Text: "#9a9a9a", Role.ButtonText: "#9a9a9a",
        Role.Highlight: "#b8c7df",
    })


def dark_palette() -> QPalette:
    """The dark theme's colours, chosen for contrast on a projector."""
    return _palette({
        Role.Window: "#2b2d30", Role.WindowText: "#e6e6e6",
        Role.Base: "#1e1f22", Role.AlternateBase: "#26282b",
        Role.ToolTipBase: "#3c3f41", Role.ToolTipText: "#e6e6e6",
        Role.PlaceholderText: "#8c8c8c",
        Role.Text: "#e6e6e6", Role.Button: "#35373b", Role.ButtonText: "#e6e6e6",
        Role.BrightText: "#ff6b6b",
        Role.Light: "#4a4d52", Role.Midlight: "#3c3f43", Role.Mid: "#2f3134",
        Role.Dark: "#1a1b1d", Role.Shadow: "#0d0d0e",
        Role.Highlight: "#2d6bd0", Role.HighlightedText: "#ffffff",
        Role.Link: "#7aa7f0", Role.LinkVisited: "#b39ddb",
    }, {
        Role.WindowText: "#7c7f84", Role.Text: "#7c7f84", Role.ButtonText: "#7c7f84",
        Role.Highlight: "#4a5568",
    })


class OutlinedIndicators(QProxyStyle):
    """Fusion, with a ring around every check box and radio button.

    Fusion outlines them in the window colour darkened by 40 %, which on a
    dark window is the colour of the box itself: an unchecked "Neuron" or
    "x₁²" all but disappears. The ring uses the palette's mid-light text
    colour, so it shows on light and dark alike.
    """

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        if element not in (QStyle.PrimitiveElement.PE_IndicatorRadioButton,
                           QStyle.PrimitiveElement.PE_IndicatorCheckBox):
            return
        colour = QColor(option.palette.color(QPalette.ColorRole.Text))
        colour.setAlphaF(0.55)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            side = min(r.width(), r.height())
            painter.drawEllipse(QRectF(r.center().x() - side / 2, r.center().y() - side / 2, side, side))
        else:
            painter.drawRoundedRect(r, 2, 2)
        painter.restore()


def apply_theme(name: str, app: QApplication | None = None) -> str:
    """Switch the whole application to ``name`` (one of :data:`THEMES`); returns it.

    An unknown name (say, from an old settings file) falls back to "system".
    """
    global _system_style, _system_palette, _current
    app = app or QApplication.instance()
    if name not in THEMES:
        name = "system"
    if _system_style is None:
        _system_style = app.style().name()
        _system_palette = QPalette(app.palette())
    if name == "system":
        app.setStyle(QStyleFactory.create(_system_style))
        app.setPalette(_system_palette)
    else:
        app.setStyle(OutlinedIndicators(QStyleFactory.create("Fusion")))
        app.setPalette(light_palette() if name == "light" else dark_palette())
    _refresh_style_sheets(app)
    _current = name
    return name


def current_theme() -> str:
    """The scheme last applied with :func:`apply_theme` ("system" before any)."""
    return _current


def _refresh_style_sheets(app: QApplication) -> None:
    """Re-read style sheets that name palette colours (``color: palette(placeholder-text)``).

    Qt resolves ``palette(...)`` when a style sheet is set, not when the
    palette changes; setting the same sheet again picks up the new colours.
    Only the windows on screen are visited: windows already closed may be
    on their way to deletion, and dialogs are made afresh when opened.
    """
    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in (top, *top.findChildren(QWidget)):
            sheet = widget.styleSheet()
            if "palette(" in sheet:
                widget.setStyleSheet(sheet)


def error_color(palette: QPalette) -> QColor:
    """A red for error text that reads on this palette's background, whatever the theme.

    The palette's BrightText is red only in our own themes; the system
    theme's is white, which made error text nearly invisible on a light window.
    """
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80" if dark else "#b3261e")


class ErrorLabel(QLabel):
    """A label whose text is an error: red that stays readable when the theme changes."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()

    def _restyle(self) -> None:
        pal = self.palette()
        want = error_color(pal)
        if pal.color(QPalette.ColorRole.WindowText) != want:  # setPalette sends PaletteChange again
            pal.setColor(QPalette.ColorRole.WindowText, want)
            self.setPalette(pal)
