"""Small builders for the control columns of panels: rows of label + widget, grouped in sections.

A panel's controls were long ``_build`` methods that repeated the same five
lines per spin box (make, range, value, tooltip, connect) and per form row.
These helpers say the same in one line each, so a panel's layout reads as a
list of what a person sees, top to bottom::

    self.steps_spin = forms.spin(1, 1_000_000, 600, step=100, tip=self.tr("Updates each lane makes"))
    box = forms.section(self.tr("Race"), forms.form(
        (self.tr("Steps per lane"), self.steps_spin),
        (self.tr("Pace"), self.pace_combo),
    ))

Nothing here translates: callers pass text already through ``self.tr`` (so
the string keeps its panel's translation context), and the helpers only
place it.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Union

from PySide6.QtWidgets import (QBoxLayout, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLayout,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

#: One item of a row or a section: a widget, a layout, a plain label text, or None (left out).
Item = Union[QWidget, QLayout, str, None]
#: One row of a form: ``(label, field)`` or a single widget/layout spanning both columns.
Row = Union[tuple[str, Union[QWidget, QLayout]], QWidget, QLayout, None]

#: The grey used for notes under the controls (a palette role, so it follows the theme).
NOTE_STYLE = "color: palette(placeholder-text);"


def tip(widget: QWidget, text: str) -> QWidget:
    """Give ``widget`` a tooltip and return it, to set both where it is made."""
    if text:
        widget.setToolTip(text)
    return widget


def spin(minimum: int, maximum: int, value: int, *, step: int = 1, tip: str = "",
         on_change: Callable[[int], Any] | None = None) -> QSpinBox:
    """An integer spin box with its range, value, step and tooltip; optionally connected."""
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setSingleStep(step)
    if tip:
        box.setToolTip(tip)
    if on_change is not None:
        box.valueChanged.connect(on_change)
    return box


def combo(items: Iterable[tuple[str, Any]], *, tip: str = "", current: Any = None,
          on_change: Callable[[int], Any] | None = None) -> QComboBox:
    """A combo box of ``(text, data)`` choices; ``current`` selects the one with that data.

    ``on_change`` is connected after the choices are filled and the current
    one is set, so building the box does not call it.
    """
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    if tip:
        box.setToolTip(tip)
    if on_change is not None:
        box.currentIndexChanged.connect(on_change)
    return box


def button(text: str, *, name: str = "", tip: str = "", on_click: Callable[..., Any] | None = None,
           checkable: bool = False, enabled: bool = True) -> QPushButton:
    """A push button with its object name (tests and style sheets find it by that) and tooltip."""
    b = QPushButton(text)
    if name:
        b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.setCheckable(checkable)
    b.setEnabled(enabled)
    if on_click is not None:
        b.clicked.connect(on_click)
    return b


def label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label that wraps, for status lines and summaries that change length."""
    lab = QLabel(text)
    lab.setWordWrap(wrap)
    return lab


def note(text: str) -> QLabel:
    """A wrapped, greyed explanation under the controls."""
    lab = label(text)
    lab.setStyleSheet(NOTE_STYLE)
    return lab


def _add(layout: QBoxLayout, item: Item) -> None:
    if item is None:
        return
    if isinstance(item, str):
        layout.addWidget(QLabel(item))
    elif isinstance(item, QLayout):
        layout.addLayout(item)
    else:
        layout.addWidget(item)


def row(*items: Item, stretch: bool = True) -> QHBoxLayout:
    """Items side by side (a string becomes a label), with a stretch at the end unless told not."""
    lay = QHBoxLayout()
    for item in items:
        _add(lay, item)
    if stretch:
        lay.addStretch(1)
    return lay


def column(*items: Item, margins: int | None = None, stretch: bool = False) -> QVBoxLayout:
    """Items one under the other; ``margins=0`` for a column inside another layout."""
    lay = QVBoxLayout()
    if margins is not None:
        lay.setContentsMargins(margins, margins, margins, margins)
    for item in items:
        _add(lay, item)
    if stretch:
        lay.addStretch(1)
    return lay


def form(*rows: Row, parent: QWidget | None = None, margins: int | None = None) -> QFormLayout:
    """Label + field rows; fields keep their size hint (a spin box stays spin-box wide).

    A row is ``(label, widget or layout)``, or a single widget or layout that
    spans both columns (a lane table, a note, a button); None rows are left
    out, so optional rows read inline.
    """
    lay = QFormLayout(parent) if parent is not None else QFormLayout()
    lay.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    if margins is not None:
        lay.setContentsMargins(margins, margins, margins, margins)
    for r in rows:
        if r is None:
            continue
        if isinstance(r, tuple):
            lay.addRow(*r)
        else:
            lay.addRow(r)
    return lay


def section(title: str, *items: Item, stretch: bool = False) -> QGroupBox:
    """A titled group box holding ``items`` one under the other."""
    box = QGroupBox(title)
    lay = QVBoxLayout(box)
    for item in items:
        _add(lay, item)
    if stretch:
        lay.addStretch(1)
    return box


def widget(layout: QLayout, margins: int | None = 0) -> QWidget:
    """A plain widget around ``layout`` (for a splitter, a stacked page or a scroll area)."""
    w = QWidget()
    if margins is not None:
        layout.setContentsMargins(margins, margins, margins, margins)
    w.setLayout(layout)
    return w
