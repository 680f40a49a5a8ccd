"""The properties panel: what is selected on the canvas, and its settings.

For a node: name, units, activation (every core activation, with its γ/β
where it has one, and its formula), bias on/off, initialiser and its scale,
and the loss on the output; the selected unit's bias. For a single edge:
its weight, and removing or restoring it. For a connection: its size and
removed edges. Buttons re-initialise the weights of the node or of all.
One page per kind of selection (:mod:`.node_page`, :mod:`.pages`).

Every change is one undo command on the document's stack (numeric edits
held on a spin box merge into one entry); a refused change says why on the
canvas's status signal. The panel follows the canvas's selection and the
document's signals; it never keeps state of its own.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QStackedWidget,
                               QVBoxLayout, QWidget)

from core.parameters import count_parameters
from core.spec import SpecError

from .. import commands as cmd
from ..canvas import CanvasView
from ..document import Document
from .common import small
from .node_page import NodePage
from .pages import ConnectionPage, EdgePage, EmptyPage, MultiPage


class PropertiesPanel(QWidget):
    """Edit what is selected on ``canvas`` (a :class:`CanvasView` over ``document``).

    Signals
    -------
    message(str)
        Why an edit was refused (also sent through ``canvas.message``).
    """

    message = Signal(str)

    def __init__(self, document: Document, canvas: CanvasView, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = document
        self.canvas = canvas
        self.node_id: str | None = None
        self.edge: tuple[str, int, int] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(8)
        self.stack = QStackedWidget()
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.stack.currentChanged.connect(self._fit_page)
        lay.addWidget(self.stack)
        self.node_page = NodePage(document, self._push, canvas.message.emit)
        self.edge_page = EdgePage(document, self._push)
        self.conn_page = ConnectionPage(document, self._push)
        self.multi_page = MultiPage(document, self._push)
        self.pages: dict[str, QWidget] = {"empty": EmptyPage(), "node": self.node_page, "edge": self.edge_page,
                                          "connection": self.conn_page, "multi": self.multi_page}
        for page in self.pages.values():
            self.stack.addWidget(page)
        self._build_footer(lay)
        canvas.selection_changed.connect(self.refresh)
        document.structure_changed.connect(self.refresh)
        document.node_changed.connect(self._on_node_changed)
        document.params_changed.connect(self._refresh_values)
        document.problems_changed.connect(self.refresh)
        document.data_changed.connect(self._refresh_summary)  # the seed is a training setting
        self.refresh()
        self._fit_page(self.stack.currentIndex())

    def _build_footer(self, lay: QVBoxLayout) -> None:
        """Under every page: re-initialise or redraw all weights, and the network's size and seed."""
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)
        self.reinit_all = QPushButton(self.tr("Re-initialise all weights"))
        self.reinit_all.setToolTip(self.tr("Draw every weight afresh from its initialiser (with the seed); undoable"))
        self.reinit_all.clicked.connect(lambda: self._push(lambda: cmd.ReinitialiseCommand(self.doc)))
        self.new_weights = QPushButton(self.tr("New random weights"))
        self.new_weights.setToolTip(self.tr("Draw every weight with the next seed: another start for training "
                                            "(undoable; the seed is saved with the file)"))
        self.new_weights.clicked.connect(lambda: self._push(lambda: cmd.NewWeightsCommand(self.doc)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reinit_all)
        buttons.addWidget(self.new_weights)
        lay.addLayout(buttons)
        self.summary = small(QLabel())
        lay.addWidget(self.summary)
        lay.addStretch(1)

    def _fit_page(self, index: int) -> None:
        """Size the stack to the page shown, not to the tallest page."""
        for k in range(self.stack.count()):
            page = self.stack.widget(k)
            policy = QSizePolicy.Policy.Preferred if k == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.adjustSize()
        self.stack.updateGeometry()

    # --- showing the selection -------------------------------------------------------------

    def refresh(self, *_: Any) -> None:
        """Show the page of what the canvas has selected."""
        sel = self.canvas.selection()
        spec = self.doc.spec
        self.node_id = self.edge = None
        if sel.edge is not None and sel.edge[0] in spec.connections:
            self.edge = sel.edge
            self.edge_page.show_edge(sel.edge)
            page = "edge"
        elif len(sel.nodes) == 1 and sel.nodes[0] in spec.nodes:
            self.node_id = sel.nodes[0]
            self.node_page.show_node(self.node_id, sel.unit if sel.unit and sel.unit[0] == self.node_id else None)
            page = "node"
        elif len(sel.nodes) > 1:
            self.multi_page.show_nodes(sel.nodes)
            page = "multi"
        elif len(sel.connections) == 1 and sel.connections[0] in spec.connections:
            self.conn_page.show_connection(sel.connections[0])
            page = "connection"
        else:
            page = "empty"
        self.stack.setCurrentWidget(self.pages[page])
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        """The network's size and the seed its initial weights come from."""
        spec = self.doc.spec
        n = count_parameters(spec) if spec.nodes else 0
        self.summary.setText(self.tr("Network: {0} nodes, {1} connections, {2} trainable parameters; "
                                     "initial weights from seed {3}.").format(
            len(spec.nodes), len(spec.connections), f"{n:,}", self.doc.seed))
        self.reinit_all.setEnabled(bool(self.doc.params))
        self.new_weights.setEnabled(bool(self.doc.params))

    def _on_node_changed(self, node_id: str) -> None:
        if node_id == self.node_id:
            self.node_page.show_node(node_id, self.node_page.unit)

    def _refresh_values(self) -> None:
        if self.edge is not None and self.edge[0] in self.doc.spec.connections:
            self.edge_page.show_edge(self.edge)
        elif self.node_id is not None and self.node_id in self.doc.spec.nodes:
            self.node_page.show_unit_bias()

    # --- edits -------------------------------------------------------------------------------

    def _push(self, make: Callable[[], Any]) -> bool:
        """Build a command (it may refuse with a SpecError) and push it; say why when refused."""
        try:
            command = make()
        except SpecError as e:
            text = str(e)
            self.message.emit(text)
            self.canvas.message.emit(text)
            self.refresh()
            return False
        if command is None:
            return False
        self.doc.push(command)
        return True


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication, QSplitter

    from ..canvas.view import example_document

    app = QApplication(sys.argv)
    doc = example_document("mixed")
    split = QSplitter()
    canvas = CanvasView(doc)
    panel = PropertiesPanel(doc, canvas)
    split.addWidget(canvas)
    split.addWidget(panel)
    split.setSizes([800, 300])
    split.resize(1100, 700)
    split.show()
    canvas.fit()
    if "--unit" in sys.argv:
        canvas.select_nodes(["h1"])
        canvas.canvas_scene.select_unit("h1", 1)
    elif "--edge" in sys.argv:
        canvas.select_edge("c2", 1, 2)
    elif "--output" in sys.argv:
        canvas.select_nodes(["out"])
    if "--screenshot" in sys.argv:
        app.processEvents()
        split.grab().save(sys.argv[sys.argv.index("--screenshot") + 1])
    else:
        sys.exit(app.exec())
