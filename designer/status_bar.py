"""The main window's status bar: training's line, the network's problems, its size, the zoom.

Permanent labels that follow the document, the canvas and the training
controller by themselves; the window's messages come and go on the left.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from core.parameters import count_parameters


class WindowStatus(QObject):
    """Fills ``window``'s status bar; the labels are also ``window._training_status``, ``_problems``,
    ``_summary`` and ``_zoom`` (where the tests look).
    """

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.problems, self.summary, self.zoom = QLabel(), QLabel(), QLabel("100%")
        self.training = QLabel()
        self.training.setToolTip(self.tr("Training: epoch, step, the last mini-batch's loss, speed"))
        self.zoom.setToolTip(self.tr("Zoom (Ctrl+1: actual size, Ctrl+0: fit to window)"))
        for label in (self.training, self.problems, self.summary, self.zoom):
            label.setContentsMargins(8, 0, 8, 0)
            window.statusBar().addPermanentWidget(label)
        window._training_status, window._problems = self.training, self.problems
        window._summary, window._zoom = self.summary, self.zoom
        doc = window.document
        doc.structure_changed.connect(self.show_summary)
        doc.problems_changed.connect(self.show_summary)
        window.canvas.zoom_changed.connect(self.show_zoom)
        window.training.status_changed.connect(self.training.setText)
        self.show_summary()

    def show_summary(self, *_: Any) -> None:
        """The network's size, and its first problem (or that it is ready to train)."""
        spec = self.window.document.spec
        n_nodes, n_params = len(spec.nodes), count_parameters(spec)
        nodes = self.tr("1 node") if n_nodes == 1 else self.tr("{0} nodes").format(n_nodes)
        params = self.tr("1 parameter") if n_params == 1 else self.tr("{0} parameters").format(f"{n_params:,}")
        self.summary.setText(f"{nodes} · {params}")
        problems = self.window.document.problems
        if not spec.nodes:
            self.problems.setText(self.tr("Empty network"))
            self.problems.setToolTip(self.tr("Drag an input, layers and an output from the palette."))
        elif problems:
            more = " " + self.tr("(+{0} more)").format(len(problems) - 1) if len(problems) > 1 else ""
            self.problems.setText(f"⚠ {problems[0].message}{more}")
            self.problems.setToolTip("\n".join(p.message for p in problems))
        else:
            self.problems.setText("✓ " + self.tr("Ready to train"))
            self.problems.setToolTip(self.tr("The network is complete: every node reaches the output."))

    def show_zoom(self, factor: float) -> None:
        """The canvas's zoom, as a percentage."""
        self.zoom.setText(f"{factor:.0%}")
