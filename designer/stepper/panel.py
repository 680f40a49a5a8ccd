"""The backprop stepper panel: walk one sample's forward and backward pass step by step.

Every number on it comes from :mod:`core.trace` through a
:class:`~designer.stepper.session.StepSession`, which works on a snapshot of
the document's network. When the document's network, weights, data or
training settings change from outside (an edit, training, undo), the walk
ends with a message instead of showing stale numbers; the panel's own
Apply update is the one change it expects (it continues on the new weights).

The panel only composes its parts, each in its own module:

* :class:`~designer.stepper.picker.SamplePicker`: which sample (a dataset row, the list beside the walk, typed values);
* :class:`~designer.stepper.walk.WalkController`: the walk's state (the session, the level, the place), no widgets;
* :class:`~designer.stepper.controls.WalkControls`: zoom, moves, shortcuts, the slider;
* :class:`~designer.stepper.card.StepCard`, :class:`~designer.stepper.graph.ScalarGraphView` and the step table
  (:mod:`designer.stepper.table`): what the walk shows;
* :class:`~designer.stepper.overlay.StepOverlay`: the walk on the canvas.

Its public attributes and methods (``session``, ``start``, ``seek``,
``set_level``, ``pick_sample``, the widgets tests reach for) are those of
the panel before it was split, so the main window and the lessons use it
unchanged.
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from .card import StepCard
from .controls import WalkControls
from .graph import ScalarGraphView
from .names import LEVEL_NAMES, PHASE_COLOURS, PHASE_NAMES, SHORTCUTS  # noqa: F401 - their old home
from .picker import SamplePicker
from .session import SampleError, StepSession
from .table import StepTableModel, make_step_table
from .update import UpdateDialog
from .walk import WalkController

__all__ = ["SHORTCUTS", "StepperPanel"]

_MESSAGE_STYLE = ("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e0c060;"
                  " border-radius: 4px; padding: 6px; }")


class StepperPanel(QWidget):
    """A dock's worth of stepper for one document.

    Signals
    -------
    position_changed(int)
        The walk moved (steps done at the current level).
    session_changed()
        A walk started or ended (``session`` is None after it ended).
    """

    position_changed = Signal(int)
    session_changed = Signal()

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StepperPanel")
        self.doc = document
        self.overlay = None
        self.walk = WalkController(document, self)
        self._build()
        self._hand_on_parts()
        self._connect()
        self.picker.fill_defaults()
        self.start()

    @property
    def session(self) -> StepSession | None:
        """The walk in progress (None when there is none)."""
        return self.walk.session

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        self.picker = SamplePicker(self.doc)
        lay.addWidget(self.picker)
        self.controls = WalkControls(self.walk, self)
        lay.addWidget(self.controls.nav_box)
        lay.addLayout(self.controls.slider_row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_MESSAGE_STYLE)
        self.message.hide()
        lay.addWidget(self.message)
        lay.addWidget(self._build_splitters(), 1)

    def _build_splitters(self) -> QSplitter:
        """The card (and at the scalar level the graph) over the table; the sample list beside them."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.card_view = StepCard(self.font())
        split.addWidget(self.card_view)
        self.graph = ScalarGraphView()
        split.addWidget(self.graph)
        self.graph.hide()
        self.table_model = StepTableModel(self)
        self.table = make_step_table(self.table_model)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([290, 260, 220])
        self.splitter = split
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.setChildrenCollapsible(True)
        outer.addWidget(self.picker.sample_list)
        outer.addWidget(split)
        outer.setCollapsible(1, False)
        outer.setStretchFactor(0, 0)
        outer.setStretchFactor(1, 1)
        outer.setSizes([290, 910])
        self.outer_splitter = outer
        self._proportioned = False  # the sample list's width, set once
        self._user_split = False    # the person dragged card/graph/table apart: keep that
        return outer

    def _hand_on_parts(self) -> None:
        """The parts' widgets under the names the panel had before it was split (tests, lessons)."""
        p, c = self.picker, self.controls
        self.source, self.row, self.which_box, self.random_button = p.source, p.row, p.which_box, p.random_button
        self.input_edit, self.target_edit, self.start_button = p.input_edit, p.target_edit, p.start_button
        self.sample_stack, self.sample_error = p.sample_stack, p.sample_error
        self.sample_model, self.sample_list = p.sample_model, p.sample_list
        self.level_group, self.level_buttons, self.unit_box = c.level_group, c.level_buttons, c.unit_box
        self.buttons, self.actions, self.nav_box = c.buttons, c.actions, c.nav_box
        self.slider, self.position_label = c.slider, c.position_label
        self.card, self.card_scroll = self.card_view.label, self.card_view

    def _connect(self) -> None:
        self.picker.start_requested.connect(lambda: self.start())
        self.picker.sample_chosen.connect(self.pick_sample)
        self.actions["apply"].triggered.connect(self.show_update)
        self.table.clicked.connect(lambda idx: self.seek(idx.row() + 1))
        self.splitter.splitterMoved.connect(self._on_split_dragged)
        w = self.walk
        w.started.connect(self._on_started)
        w.moved.connect(self._on_moved)
        w.ended.connect(self._show_ended)
        w.stale.connect(self._clear_stale_problem)
        w.session_changed.connect(self.session_changed)

    # --- the sample ----------------------------------------------------------------------------

    def _data(self):
        """The data as the trainer sees it (prepared once per data settings)."""
        return self.picker.data()

    def which(self) -> str:
        """The part of the data the row number counts in: "train" or "test"."""
        return self.picker.which()

    def sample(self) -> tuple[np.ndarray, np.ndarray | None, str]:
        """The chosen sample (x, y, how to name it). Raises :class:`SampleError`."""
        return self.picker.sample()

    def pick_sample(self, row: int, which: str = "train") -> bool:
        """Walk dataset row ``row`` of ``which`` ("train" or "test"); the list shows it selected.

        The row numbers are those of the Data-and-boundary panel's
        ``sample_picked(row, which)`` and of the training worker.
        """
        self.picker.choose(row, which)
        return self.start()

    def random_row(self) -> None:
        """A random training row, walked at once."""
        self.picker.random_row()

    # --- sessions ------------------------------------------------------------------------------

    def start(self, optimizer_state=None, keep_place: bool = False) -> bool:
        """Start a walk on a fresh snapshot of the document; False (and a message) if it cannot."""
        self.picker.clear_problem()
        try:
            self.walk.check_network()
            x, y, label = self.picker.sample()
            self.walk.start(x, y, label, optimizer_state=optimizer_state, keep_place=keep_place)
        except (SampleError, ValueError) as e:
            self.picker.show_problem(str(e))
            if self.session is None:
                self._show_ended(str(e) if not isinstance(e, SampleError) else
                                 self.tr("No walk yet: fix the sample above, then press Start walk."))
            return False
        return True

    def end_session(self, why: str) -> None:
        """End the walk with a message (the numbers would be stale)."""
        self.walk.end(why)

    def _on_started(self) -> None:
        self.message.hide()
        self.controls.fill_units()
        self._show()

    def _on_moved(self) -> None:
        self.controls.sync_unit_box()
        self._show()

    def _show_ended(self, why: str) -> None:
        self.message.setText(self.tr("<b>The walk ended.</b> {0} Press <b>Start walk</b> to walk the network "
                                     "as it is now.").format(html.escape(why)))
        self.message.show()
        self.card_view.show_idle()
        self.table_model.set_steps([], 0)
        self.graph.set_walk([], 0)
        self.controls.show_walk()
        if self.overlay is not None:
            self.overlay.set_session(None)

    def _clear_stale_problem(self) -> None:
        """Without a walk, a message about the old network or data would mislead: drop it."""
        if self.session is None:
            self.picker.clear_problem()
            self.message.hide()

    # --- moving ----------------------------------------------------------------------------------

    def level(self) -> str:
        """The zoom level ("neuron", "op" or "scalar"), kept between walks."""
        return self.walk.level

    def set_level(self, level: str) -> None:
        """Switch the zoom level mid-walk, keeping the place."""
        self.controls.set_level(level)

    def select_unit(self, node: str, index: int) -> None:
        """Expand another unit at the scalar level."""
        self.walk.select_unit(node, index)

    def seek(self, position: int) -> None:
        """Go to ``position`` steps done."""
        self.walk.seek(position)

    def step_forward(self) -> None:
        self.walk.step_forward()

    def step_back(self) -> None:
        self.walk.step_back()

    def reset(self) -> None:
        self.walk.reset()

    def run_to_end_of_forward(self) -> None:
        self.walk.run_to_end_of_forward()

    def run_to_end(self) -> None:
        self.walk.run_to_end()

    # --- Apply update -------------------------------------------------------------------------

    def show_update(self) -> UpdateDialog | None:
        """Open the update preview (window-modal, not blocking); Apply pushes one undo entry."""
        if self.session is None:
            return None
        dlg = UpdateDialog(self.session, self)
        dlg.accepted.connect(self.apply_update)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.update_dialog = dlg
        dlg.open()
        return dlg

    def apply_update(self) -> None:
        """Write the previewed update into the document as one undoable step; keep walking."""
        state = self.walk.apply_update()
        if state is None:
            return
        self.start(optimizer_state=state)
        self.message.setText(self.tr("Update applied (Edit ▸ Undo restores the weights). "
                                     "This walk is the same sample on the new weights."))
        self.message.show()

    # --- canvas ------------------------------------------------------------------------------------

    def attach_canvas(self, canvas_view) -> None:
        """Draw the walk on the canvas: an overlay item above everything in its scene."""
        from .overlay import StepOverlay
        if self.overlay is not None:
            self.overlay.detach()
        self.overlay = StepOverlay(self.doc, canvas_view)
        self.overlay.set_session(self.session)

    # --- showing ------------------------------------------------------------------------------------

    def _show(self) -> None:
        s = self.session
        if s is None:
            return
        self.controls.show_walk()
        self.table_model.spec = s.spec
        self.table_model.set_steps(s.steps, s.position)
        if s.position:
            self.table.scrollTo(self.table_model.index(s.position - 1, 0))
            self.table.selectRow(s.position - 1)
        self.card.setText(self.card_html())
        scalar = s.level == "scalar"
        if self.graph.isHidden() == scalar:  # the level changed: share the height out again
            self.graph.setVisible(scalar)
            self._proportion()
        if scalar:
            self.graph.set_walk(s.steps, s.position)
        if self.overlay is not None:
            self.overlay.set_session(s)
        self.position_changed.emit(s.position)

    def card_html(self) -> str:
        """The current step in large type: formula, numbers, local × upstream = product, terms."""
        return self.card_view.html_for(self.session, self.unit_box.currentText())

    def sizeHint(self) -> QSize:  # noqa: N802
        """Room for a card, a graph and a table: brought forward, the dock grows towards it."""
        return QSize(1000, 640)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._proportion()

    def _on_split_dragged(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def _proportion(self) -> None:
        """Share the panel out by proportion, not by fixed sizes.

        Fixed sizes suit a tall panel of its own; in a dock under the canvas
        (300–450 pixels) they left the table two rows and the card half a
        formula. The sample list gets a quarter of the width (once); the card
        and, at the scalar level, the graph most of the height; the table a
        fifth, at least three rows. Once the person drags the parts apart,
        theirs stay.
        """
        width, height = self.outer_splitter.width(), self.splitter.height()
        if width < 400 or height < 150:
            return
        if not self._proportioned:
            self._proportioned = True
            left = max(180, min(290, width // 4))
            self.outer_splitter.setSizes([left, width - left])
        if self._user_split:
            return
        rows = self.table.verticalHeader().defaultSectionSize()
        table = max(4 * rows, height // 5)  # a header and three rows at least
        rest = max(height - table, 150)
        graph = rest * 2 // 5 if not self.graph.isHidden() else 0
        self.splitter.setSizes([rest - graph, graph, table])


if __name__ == "__main__":  # pragma: no cover - a preview of the panel on an example
    import sys

    from PySide6.QtWidgets import QApplication

    from core.files import load_network

    from ..document import Document

    app = QApplication(sys.argv)
    path = sys.argv[1] if len(sys.argv) > 1 else "resources/examples/lecture-3-3-3.ffn"
    doc = Document(load_network(path))
    w = StepperPanel(doc)
    w.resize(1200, 760)
    w.show()
    sys.exit(app.exec())
