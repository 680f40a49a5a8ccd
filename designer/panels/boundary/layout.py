"""Where the Data-and-boundary panel's controls and note go: above and below the plot, or beside it."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

#: Side column width when the controls stand beside the plot.
SIDE_WIDTH = 230


def arrange(panel: Any, beside: bool) -> None:
    """Controls above and note below the plot, or both in a column beside it.

    The plane is drawn square (a circle stays a circle), so in a wide and
    low dock, under the canvas, the space above and below the plot is
    worth more than the space beside it: there the controls and the note
    move to the side and the square grows by about a third.
    """
    grid = panel._grid
    for w in (panel.colour_label, panel.colour_by, panel.add_label, panel.add_class, panel.add_value,
              panel.pick_button, panel.blocked, panel.view, panel.note):
        grid.removeWidget(w)
    for layout in getattr(panel, "_rows", []):
        grid.removeItem(layout)
    panel.beside = beside
    if beside:
        side = QVBoxLayout()
        for row in ((panel.colour_label,), (panel.colour_by,), (panel.add_label,),
                    (panel.add_class, panel.add_value), (panel.pick_button,)):
            line = QHBoxLayout()
            for w in row:
                line.addWidget(w, 1)
            side.addLayout(line)
        side.addWidget(panel.note)
        side.addStretch(1)
        grid.addWidget(panel.view, 0, 0)
        grid.addWidget(panel.blocked, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 0)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 0)
        grid.setRowStretch(2, 0)
        grid.setColumnMinimumWidth(1, SIDE_WIDTH)
        panel.note.setMaximumWidth(SIDE_WIDTH)
        panel._rows = [side]
    else:
        bar = QHBoxLayout()
        for w, stretch in ((panel.colour_label, 0), (panel.colour_by, 1), (panel.add_label, 0),
                           (panel.add_class, 0), (panel.add_value, 0), (panel.pick_button, 0)):
            bar.addWidget(w, stretch)
        grid.addLayout(bar, 0, 0)
        grid.addWidget(panel.view, 1, 0)
        grid.addWidget(panel.blocked, 1, 0)
        grid.addWidget(panel.note, 2, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 0)
        grid.setColumnMinimumWidth(1, 0)
        grid.setRowStretch(0, 0)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 0)
        panel.note.setMaximumWidth(16777215)
        panel._rows = [bar]
