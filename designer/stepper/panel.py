"""The backprop stepper panel: walk one sample's forward and backward pass step by step.

Every number on it comes from :mod:`core.trace` through a
:class:`~designer.stepper.session.StepSession`, which works on a snapshot of
the document's network. When the document's network, weights, data or
training settings change from outside (an edit, training, undo), the walk
ends with a message instead of showing stale numbers; the panel's own
Apply update is the one change it expects (it continues on the new weights).
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QFrame, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton, QScrollArea,
                               QSlider, QSpinBox, QSplitter, QStackedWidget, QTableView,
                               QToolButton, QVBoxLayout, QWidget)

from core.trace import TraceStep


from .graph import ScalarGraphView
from .samples import FlowLayout, SampleListModel, stepper_data
from .session import SampleError, StepSession, parse_values
from .table import StepTableModel, fmt, formula_html, make_step_table, where_text
from .update import ApplyUpdateCommand, UpdateDialog

#: Shortcuts (window-wide; chosen not to clash with the canvas's Ctrl+=/Ctrl+-/Delete/Ctrl+Z
#: nor training's Space/F10/F11/Ctrl+Shift+R).
SHORTCUTS = {
    "back": "Alt+Left", "forward": "Alt+Right", "end_forward": "Alt+Shift+Right",
    "end": "Alt+End", "reset": "Alt+Home", "apply": "Alt+Shift+U",
    "neuron": "Alt+1", "op": "Alt+2", "scalar": "Alt+3",
}
#: The phases' names on the card (upper case, as the walk's headings).
PHASE_NAMES = {"forward": QT_TRANSLATE_NOOP("StepperPanel", "FORWARD"),
               "loss": QT_TRANSLATE_NOOP("StepperPanel", "LOSS"),
               "backward": QT_TRANSLATE_NOOP("StepperPanel", "BACKWARD"),
               "update": QT_TRANSLATE_NOOP("StepperPanel", "UPDATE")}
LEVEL_NAMES = {"neuron": QT_TRANSLATE_NOOP("StepperPanel", "Neuron"), "op": QT_TRANSLATE_NOOP("StepperPanel", "Op"),
               "scalar": QT_TRANSLATE_NOOP("StepperPanel", "Scalar")}
PHASE_COLOURS = {"forward": "#2e7d32", "loss": "#6a1b9a", "backward": "#c62828", "update": "#1565c0"}


def _native(key: str) -> str:
    return QKeySequence(SHORTCUTS[key]).toString(QKeySequence.SequenceFormat.NativeText)


#: What the card says when no walk is in progress: how to start one.
_IDLE_CARD = ("<i>No walk in progress.</i> Pick a sample (a row of the list, a point on the data "
              "plot with Ctrl+click, or typed values) and press <b>Start walk</b>.")

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
        self.session: StepSession | None = None
        self.overlay = None
        self._applying = False
        self._prepared_key = None
        self._prepared = None
        self.actions: dict[str, QAction] = {}
        self._build()
        document.structure_changed.connect(self._on_structure_changed)
        document.params_changed.connect(self._on_params_changed)
        document.data_changed.connect(self._on_data_changed)
        self._fill_sample_defaults()
        self.start()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)

        # sample
        sample = QGridLayout()
        self.source = QComboBox()
        self.source.addItems([self.tr("Dataset row"), self.tr("Typed values")])
        self.source.setToolTip(self.tr("Walk a row of the training set, or values you type"))
        self.row = QSpinBox()
        self.row.setMinimum(0)
        self.row.setToolTip(self.tr("Which row (0-based) of the training or test set to walk"))
        self.which_box = QComboBox()
        self.which_box.addItem(self.tr("training set"), "train")
        self.which_box.addItem(self.tr("test set"), "test")
        self.which_box.setToolTip(self.tr("Walk a row of the training set or of the held-out test set"))
        self.random_button = QPushButton(self.tr("Random"))
        self.random_button.setToolTip(self.tr("Pick a random training-set row"))
        self.input_edit = QLineEdit()
        self.input_edit.setPlaceholderText(self.tr("input, e.g. 1, 0.5, −1"))
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(self.tr("target, e.g. 1, 0, 0 (empty: ∂ŷ/∂ŷ = 1)"))
        self.start_button = QPushButton(self.tr("Start walk"))
        self.start_button.setToolTip(self.tr("Take a fresh snapshot of the network and walk this sample"))
        sample.addWidget(QLabel(self.tr("Sample:")), 0, 0)
        sample.addWidget(self.source, 0, 1)
        self.sample_stack = QStackedWidget()
        rowbox = QWidget()
        rl = QHBoxLayout(rowbox)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("row")))
        rl.addWidget(self.row)
        rl.addWidget(QLabel(self.tr("of the")))
        rl.addWidget(self.which_box)
        rl.addWidget(self.random_button)
        rl.addStretch(1)
        typed = QWidget()
        tl = QHBoxLayout(typed)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel("x ="))
        tl.addWidget(self.input_edit, 1)
        tl.addWidget(QLabel("y ="))
        tl.addWidget(self.target_edit, 1)
        self.sample_stack.addWidget(rowbox)
        self.sample_stack.addWidget(typed)
        sample.addWidget(self.sample_stack, 0, 2)
        sample.addWidget(self.start_button, 0, 3)
        sample.setColumnStretch(2, 1)
        lay.addLayout(sample)
        self.sample_error = QLabel()
        self.sample_error.setStyleSheet("color: #c62828;")
        self.sample_error.setWordWrap(True)
        self.sample_error.hide()
        lay.addWidget(self.sample_error)

        # level and navigation: one line when there is room, wrapped when the dock is narrow
        nav_box = QWidget()
        nav = FlowLayout(nav_box)
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        nav.addWidget(QLabel(self.tr("Zoom:")))
        for lv in ("neuron", "op", "scalar"):
            b = QRadioButton(self.tr(LEVEL_NAMES[lv]))
            b.setToolTip({"neuron": "One unit at a time: z, a, δ and ∂L/∂w",
                          "op": "The tape's matrix operations, with their numbers",
                          "scalar": "The selected unit's elementary ops (x·w, +b, ×(−1), exp, +1, 1/x)"}[lv]
                         + f" ({_native(lv)})")
            self.level_group.addButton(b)
            self.level_buttons[lv] = b
            nav.addWidget(b)
        self.level_buttons["neuron"].setChecked(True)
        self.unit_box = QComboBox()
        self.unit_box.setToolTip(self.tr("The unit the scalar level expands into its elementary graph"))
        self.unit_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        nav.addWidget(self.unit_box)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("reset", self.tr("Reset"), self.tr("Back to the start: nothing computed"), self.reset),
            ("back", self.tr("◀ Step back"), self.tr("Undo the last step of the walk"), self.step_back),
            ("forward", self.tr("Step forward ▶"), self.tr("Compute the next step"), self.step_forward),
            ("end_forward", self.tr("Run to end of forward pass"), self.tr("Compute every value up to the loss"),
             self.run_to_end_of_forward),
            ("end", self.tr("Run to end"),
             self.tr("Compute every step, the backward pass and the update preview"), self.run_to_end),
            ("apply", self.tr("Apply update…"),
             self.tr("Show each parameter's update w ← w − ε ∂L/∂w by the "
                     "current optimiser's rule, then apply it (one undo step)"), self.show_update),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(SHORTCUTS[key]))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{tip} ({_native(key)})")
            act.triggered.connect(slot)
            self.addAction(act)
            self.actions[key] = act
            b = QToolButton()
            b.setDefaultAction(act)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[key] = b
            nav.addWidget(b)
        for lv in ("neuron", "op", "scalar"):
            act = QAction(self.tr(LEVEL_NAMES[lv]), self)
            act.setShortcut(QKeySequence(SHORTCUTS[lv]))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _=False, lv=lv: self.set_level(lv))
            self.addAction(act)
            self.actions[lv] = act
        lay.addWidget(nav_box)
        self.nav_box = nav_box

        slide = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.setToolTip(self.tr("Every step of the walk: drag to go anywhere"))
        self.position_label = QLabel()
        self.position_label.setMinimumWidth(150)
        slide.addWidget(self.slider, 1)
        slide.addWidget(self.position_label)
        lay.addLayout(slide)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e0c060;"
                                   " border-radius: 4px; padding: 6px; }")
        self.message.hide()
        lay.addWidget(self.message)

        # card (+ scalar graph) over the table
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        top = split
        self.card = QLabel(_IDLE_CARD)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setMargin(8)
        f = QFont(self.font())
        f.setPointSizeF(max(f.pointSizeF(), 9.0) * 1.45)
        self.card.setFont(f)
        card_scroll = QScrollArea()
        card_scroll.setWidgetResizable(True)
        card_scroll.setWidget(self.card)
        card_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        card_scroll.setMinimumHeight(110)
        self.card_scroll = card_scroll
        top.addWidget(card_scroll)
        self.graph = ScalarGraphView()
        top.addWidget(self.graph)
        self.graph.hide()
        self.table_model = StepTableModel(self)
        self.table = make_step_table(self.table_model)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([290, 260, 220])
        self.splitter = split

        # the dataset's samples, beside the walk: selecting one walks it
        self.sample_model = SampleListModel(self)
        self.sample_list = QTableView()
        self.sample_list.setObjectName("stepper-samples")
        self.sample_list.setModel(self.sample_model)
        self.sample_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sample_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sample_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample_list.setAlternatingRowColors(True)
        self.sample_list.setWordWrap(False)
        self.sample_list.verticalHeader().hide()
        vh = self.sample_list.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: virtualised
        vh.setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.sample_list.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setMinimumSectionSize(24)
        for col, w in enumerate((36, 40, 112)):
            hh.resizeSection(col, w)
        self.sample_list.setToolTip(self.tr("The dataset's samples (training rows, then test rows): select one to "
                                            "walk it. A click on a point of the Data-and-boundary plot picks it too."))
        self.sample_list.setMinimumWidth(120)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.setChildrenCollapsible(True)
        outer.addWidget(self.sample_list)
        outer.addWidget(split)
        outer.setCollapsible(1, False)
        outer.setStretchFactor(0, 0)
        outer.setStretchFactor(1, 1)
        outer.setSizes([290, 910])
        lay.addWidget(outer, 1)
        self.outer_splitter = outer
        self._proportioned = False  # the sample list's width, set once
        self._user_split = False    # the person dragged card/graph/table apart: keep that
        split.splitterMoved.connect(self._on_split_dragged)

        self.source.currentIndexChanged.connect(self.sample_stack.setCurrentIndex)
        self.random_button.clicked.connect(self.random_row)
        self.start_button.clicked.connect(lambda: self.start())
        self.input_edit.returnPressed.connect(lambda: self.start())
        self.target_edit.returnPressed.connect(lambda: self.start())
        self.level_group.buttonClicked.connect(self._level_clicked)
        self.unit_box.activated.connect(self._unit_chosen)
        self.slider.valueChanged.connect(self.seek)
        self.table.clicked.connect(lambda idx: self.seek(idx.row() + 1))
        self.which_box.activated.connect(self._on_which)
        self.sample_list.selectionModel().currentRowChanged.connect(self._on_sample_row)
        self._picking = False

    # --- the sample ----------------------------------------------------------------------------

    def _fill_sample_defaults(self) -> None:
        spec = self.doc.spec
        try:
            nin, nout = spec.input_node.units, spec.output_node.units
        except Exception:
            return
        if not self.input_edit.text():
            self.input_edit.setText(", ".join(["1"] * nin))
        if not self.target_edit.text():
            self.target_edit.setText(", ".join(["0"] * nout))
        try:
            self._fill_samples()
        except Exception:
            self.source.setCurrentIndex(1)
            return

    def _data(self):
        """The data as the trainer sees it (:func:`stepper_data`; prepared once per data settings)."""
        key = (repr(self.doc.data.to_dict()),
               self.doc.spec.output_node.units, str(self.doc.path) if self.doc.path else "")
        if key != self._prepared_key:
            self._prepared = None
            self._prepared_key = None
            self._prepared = stepper_data(self.doc)
            self._prepared_key = key
        return self._prepared

    def _train_set(self):
        """The training set as the trainer sees it."""
        return self._data().train

    def _part(self, which: str):
        data = self._data()
        return data.train if which == "train" else data.test

    def which(self) -> str:
        """The part of the data the row number counts in: "train" or "test"."""
        return self.which_box.currentData() or "train"

    def _fill_samples(self) -> None:
        """The sample list and the row box from the data (raises if it cannot be prepared)."""
        try:
            data = self._data()
        except Exception:
            self.sample_model.set_data(None)
            raise
        if data is not self.sample_model.prepared:
            self.sample_model.set_data(data)
        self.row.setMaximum(max(len(self._part(self.which())) - 1, 0))

    def _on_which(self, _index: int) -> None:
        try:
            self.row.setMaximum(max(len(self._part(self.which())) - 1, 0))
        except Exception:
            pass  # reported when a dataset row is asked for

    def pick_sample(self, row: int, which: str = "train") -> bool:
        """Walk dataset row ``row`` of ``which`` ("train" or "test"); the list shows it selected.

        The row numbers are those of the Data-and-boundary panel's
        ``sample_picked(row, which)`` and of the training worker.
        """
        self.source.setCurrentIndex(0)
        self.which_box.setCurrentIndex(max(self.which_box.findData(which), 0))
        self._on_which(0)
        self.row.setValue(row)
        self._select_in_list(row, which)
        return self.start()

    def _select_in_list(self, row: int, which: str) -> None:
        k = self.sample_model.list_row(row, which)
        if k < 0:
            return
        self._picking = True
        try:
            idx = self.sample_model.index(k, 0)
            self.sample_list.selectionModel().setCurrentIndex(
                idx, self.sample_list.selectionModel().SelectionFlag.ClearAndSelect
                | self.sample_list.selectionModel().SelectionFlag.Rows)
            self.sample_list.scrollTo(idx)
        finally:
            self._picking = False

    def _on_sample_row(self, current, _previous) -> None:
        if self._picking or not current.isValid():
            return
        row, which = self.sample_model.sample_at(current.row())
        self.pick_sample(row, which)

    def random_row(self) -> None:
        """A random training row, walked at once."""
        try:
            n = len(self._train_set().X)
        except Exception as e:
            self._sample_problem(f"The dataset cannot be used: {e}")
            return
        self.pick_sample(int(np.random.default_rng().integers(n)), "train")

    def sample(self) -> tuple[np.ndarray, np.ndarray | None, str]:
        """The chosen sample (x, y, how to name it). Raises :class:`SampleError`."""
        spec = self.doc.spec
        nin, nout = spec.input_node.units, spec.output_node.units
        if self.source.currentIndex() == 0:
            which = self.which()
            name = "training" if which == "train" else "test"
            try:
                part = self._part(which)
            except Exception as e:
                raise SampleError(f"The dataset cannot be used ({e}); type the values instead.") from None
            n = len(part.X)
            r = self.row.value()
            if n == 0:
                raise SampleError(f"The {name} set is empty.")
            if not 0 <= r < n:
                raise SampleError(f"The {name} set has rows 0 to {n - 1}.")
            if part.X.shape[1] != nin:
                raise SampleError(f"The dataset has {part.X.shape[1]} inputs; the network takes {nin}.")
            return np.array(part.X[r], dtype=float), np.array(part.Y[r], dtype=float), f"{name} row {r}"
        x = parse_values(self.input_edit.text(), nin, "input")
        if not self.target_edit.text().strip():
            if nout != 1:
                raise SampleError(f"Type the target: {nout} numbers (without one, only a single-output "
                                  "network can be walked from ∂ŷ/∂ŷ = 1).")
            return x, None, "typed input, no target"
        y = parse_values(self.target_edit.text(), nout, "target")
        return x, y, "typed values"

    def _sample_problem(self, text: str) -> None:
        self.sample_error.setText(text)
        self.sample_error.show()

    # --- sessions ------------------------------------------------------------------------------

    def start(self, optimizer_state=None, keep_place: bool = False) -> bool:
        """Start a walk on a fresh snapshot of the document; False (and a message) if it cannot."""
        self.sample_error.hide()
        level = self.level()
        old = self.session
        try:
            if not self.doc.spec.nodes:
                raise SampleError("Build a network first: the stepper walks the network on the canvas.")
            problems = self.doc.problems
            if problems:
                raise SampleError("The network cannot be stepped yet: "
                                  + "; ".join(p.message for p in problems[:3]) + ".")
            x, y, label = self.sample()
            if optimizer_state is None:  # continue the moments training left, as its next step would
                optimizer_state = getattr(self.doc, "optimizer_state", None)
            session = StepSession(self.doc.spec, self.doc.params, self.doc.training, x, y, level,
                                  optimizer_state=optimizer_state, sample_label=label)
        except (SampleError, ValueError) as e:
            self._sample_problem(str(e))
            if self.session is None:
                self._show_ended(str(e) if not isinstance(e, SampleError) else
                                 self.tr("No walk yet: fix the sample above, then press Start walk."))
            return False
        if keep_place and old is not None and old.unit.node in session.spec.nodes:
            session.unit = old.unit
        self.session = session
        self.message.hide()
        self._fill_units()
        self._show()
        if keep_place and old is not None:
            self.seek(len(session.steps))
        self.session_changed.emit()
        return True

    def end_session(self, why: str) -> None:
        """End the walk with a message (the numbers would be stale)."""
        if self.session is None:
            return
        self.session = None
        self._show_ended(why)
        self.session_changed.emit()

    def _show_ended(self, why: str) -> None:
        self.message.setText(f"<b>The walk ended.</b> {html.escape(why)} "
                             "Press <b>Start walk</b> to walk the network as it is now.")
        self.message.show()
        self.card.setText(_IDLE_CARD)
        self.table_model.set_steps([], 0)
        self.graph.set_walk([], 0)
        self._update_controls()
        if self.overlay is not None:
            self.overlay.set_session(None)

    def _clear_stale_problem(self) -> None:
        """Without a walk, a message about the old network or data would mislead: drop it."""
        if self.session is None:
            self.sample_error.hide()
            self.message.hide()

    def _on_structure_changed(self) -> None:
        if self.session is not None:
            self.end_session("The network was edited, so its numbers are no longer these.")
        else:
            self._clear_stale_problem()
        self._prepared_key = None
        try:
            self._fill_samples()  # the output's units decide the targets' encoding
        except Exception:
            pass

    def _on_params_changed(self) -> None:
        if self._applying:
            return
        if self.session is not None:
            self.end_session("The weights changed (training, an edit or undo).")

    def _on_data_changed(self) -> None:
        self._prepared_key = None
        if self.session is not None:
            self.end_session("The data or the training settings changed.")
        else:
            self._clear_stale_problem()
        try:
            self._fill_samples()
        except Exception:
            pass  # reported when a dataset row is asked for

    # --- moving ----------------------------------------------------------------------------------

    def level(self) -> str:
        for lv, b in self.level_buttons.items():
            if b.isChecked():
                return lv
        return "neuron"

    def _level_clicked(self, button) -> None:
        for lv, b in self.level_buttons.items():
            if b is button:
                self.set_level(lv)

    def set_level(self, level: str) -> None:
        """Switch the zoom level mid-walk, keeping the place."""
        self.level_buttons[level].setChecked(True)
        if self.session is not None:
            self.session.set_level(level)
            self._sync_unit_box()
            self._show()

    def _fill_units(self) -> None:
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        s = self.session
        if s is not None:
            for nid in s.model.order:
                node = s.spec.nodes[nid]
                if node.kind == "input":
                    continue
                labels = node.meta.get("unit_labels")
                for j in range(node.units):
                    name = (f"unit {labels[j]}" if isinstance(labels, list) and len(labels) == node.units
                            else (f"{nid}" if node.units == 1 else f"{nid}[{j}]"))
                    self.unit_box.addItem(name, (nid, j))
        self.unit_box.blockSignals(False)
        self._sync_unit_box()

    def _sync_unit_box(self) -> None:
        s = self.session
        self.unit_box.setVisible(self.level() == "scalar")
        if s is None:
            return
        for k in range(self.unit_box.count()):
            if self.unit_box.itemData(k) == (s.unit.node, s.unit.index):
                self.unit_box.setCurrentIndex(k)

    def _unit_chosen(self, k: int) -> None:
        data = self.unit_box.itemData(k)
        if self.session is not None and data:
            self.select_unit(*data)

    def select_unit(self, node: str, index: int) -> None:
        """Expand another unit at the scalar level."""
        if self.session is None:
            return
        self.session.set_unit(node, index)
        self._sync_unit_box()
        self._show()

    def seek(self, position: int) -> None:
        if self.session is None:
            return
        if position != self.session.position:
            self.session.seek(position)
            self._show()

    def step_forward(self) -> None:
        if self.session is not None:
            self.seek(self.session.position + 1)

    def step_back(self) -> None:
        if self.session is not None:
            self.seek(self.session.position - 1)

    def reset(self) -> None:
        self.seek(0)

    def run_to_end_of_forward(self) -> None:
        if self.session is not None:
            s = self.session
            self.seek(max(s.end_of("forward"), s.end_of("loss")))

    def run_to_end(self) -> None:
        if self.session is not None:
            self.seek(len(self.session.steps))

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
        s = self.session
        if s is None:
            return
        state = s.optimizer_state_after()
        cmd = ApplyUpdateCommand(self.doc, {k: v for k, v in s.params.items()}, s.new_params(),
                                 f"Apply backprop update ({s.describe_optimizer().split(' (')[0]})")
        self._applying = True
        try:
            self.doc.push(cmd)
        finally:
            self._applying = False
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

    def _update_controls(self) -> None:
        s = self.session
        live = s is not None
        n = len(s.steps) if live else 0
        p = s.position if live else 0
        self.actions["back"].setEnabled(live and p > 0)
        self.actions["reset"].setEnabled(live and p > 0)
        self.actions["forward"].setEnabled(live and p < n)
        self.actions["end"].setEnabled(live and p < n)
        self.actions["end_forward"].setEnabled(live and p < max(s.end_of("forward"), s.end_of("loss")) if live
                                               else False)
        self.actions["apply"].setEnabled(live and bool(s.updates) and s.y is not None)
        self.slider.blockSignals(True)
        self.slider.setMaximum(n)
        self.slider.setValue(p)
        self.slider.setEnabled(live)
        self.slider.blockSignals(False)
        if live:
            cur = s.current
            ph = f" · {self.tr(PHASE_NAMES.get(cur.phase, cur.phase)).lower()}" if cur else ""
            self.position_label.setText(self.tr("step {0} of {1}").format(p, n) + ph)
        else:
            self.position_label.setText(self.tr("no walk"))

    def _show(self) -> None:
        s = self.session
        if s is None:
            return
        self._update_controls()
        steps = s.steps
        self.table_model.spec = s.spec
        self.table_model.set_steps(steps, s.position)
        if s.position:
            self.table.scrollTo(self.table_model.index(s.position - 1, 0))
            self.table.selectRow(s.position - 1)
        self.card.setText(self.card_html())
        scalar = s.level == "scalar"
        if self.graph.isHidden() == scalar:  # the level changed: share the height out again
            self.graph.setVisible(scalar)
            self._proportion()
        if scalar:
            self.graph.set_walk(steps, s.position)
        if self.overlay is not None:
            self.overlay.set_session(s)
        self.position_changed.emit(s.position)

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

    def card_html(self) -> str:
        """The current step in large type: formula, numbers, local × upstream = product, terms."""
        s = self.session
        if s is None:
            return ""
        head = (f"<span style='color:gray'>{html.escape(s.sample_label)}: x = {html.escape(fmt(list(s.x)))}"
                + (f", y = {html.escape(fmt(list(s.y)))}" if s.y is not None else ", no target (∂ŷ/∂ŷ = 1)")
                + " · " + self.tr("{0} level").format(self.tr(LEVEL_NAMES[s.level]))
                + (f", {self._unit_phrase()}" if s.level == "scalar" else "")
                + "</span>")
        cur = s.current
        if cur is None:
            return (head + "<p style='font-size:large'>"
                    + self.tr("Nothing computed yet. Press <b>Step forward</b> ({0}) to compute the first value.")
                    .format(_native("forward")) + "</p>")
        col = PHASE_COLOURS.get(cur.phase, "black")
        parts = [head,
                 f"<div><span style='color:{col}; font-weight:bold'>{self.tr(PHASE_NAMES.get(cur.phase, cur.phase))}"
                 "</span> &nbsp;" + self.tr("step {0} of {1}").format(s.position, len(s.steps))
                 + f" &nbsp;·&nbsp; <code>{html.escape(where_text(cur, s.spec))}</code>"
                 f"{' &nbsp;·&nbsp; ' + formula_html(cur.label) if cur.label else ''}</div>",
                 f"<p style='font-size:x-large; margin:6px 0'>{formula_html(cur.symbol)}</p>"]
        if cur.level == "op":
            parts.append(f"<div style='font-size:medium; margin:4px 0'>{self._op_numbers(cur)}</div>")
        else:
            parts.append(f"<p style='font-size:x-large; margin:6px 0'><b>{formula_html(cur.numbers)}</b></p>")
        if isinstance(cur.local, float) and isinstance(cur.upstream, float):
            parts.append(f"<p style='font-size:large; margin:4px 0'>local {fmt(cur.local)} × upstream "
                         f"{fmt(cur.upstream)} = <b>{fmt(cur.product)}</b></p>")
        terms = [t for t in cur.terms if "symbol" in t and isinstance(t.get("value"), float)]
        if (cur.level != "op" and len(terms) > 1
                and not (cur.level == "scalar" and cur.kind in ("weight_grad", "bias_grad"))):
            title = {"delta": "the paths meet here: term by term",
                     "sum_grad": "the paths meet here: term by term",
                     "weight_grad": "the sum over the outputs it reaches, term by term",
                     "net_input": "the products, term by term",
                     "loss": "the loss per output"}.get(cur.kind, "terms")
            rows = "".join(
                f"<tr><td>{formula_html(t['symbol'])}</td><td>&nbsp;=&nbsp;</td>"
                f"<td align='right'>{fmt(t['value'])}</td>"
                f"<td style='color:gray'>&nbsp;{('via ' + html.escape(str(t['via']))) if 'via' in t else ''}</td></tr>"
                for t in terms[:24])
            more = f"<tr><td colspan=4>… {len(terms) - 24} more (in the table)</td></tr>" if len(terms) > 24 else ""
            parts.append(f"<p style='margin:4px 0 0 0'>{title}:</p><table cellspacing=2>{rows}{more}</table>")
        return "".join(parts)

    def _unit_phrase(self) -> str:
        """``unit 4`` (labelled units already read so) or ``unit h1[0]``."""
        text = self.unit_box.currentText()
        return html.escape(text if text.startswith("unit ") else f"unit {text}")

    def _op_numbers(self, cur: TraceStep) -> str:
        """An op step's arrays as small matrices with their numbers."""
        cells = []
        for t in cur.terms:
            v = t.get("value")
            if v is None:
                continue
            a = np.asarray(v, dtype=float)
            cells.append(f"<td valign='middle' style='padding-right:10px'>{formula_html(str(t.get('name', '')))} ="
                         f"</td><td valign='middle' style='padding-right:18px'>{_matrix_html(a)}</td>")
        res = np.asarray(cur.result, dtype=float) if cur.result is not None else None
        if res is not None and res.size:
            cells.append(f"<td valign='middle' style='padding-right:10px'>→ result =</td>"
                         f"<td valign='middle'>{_matrix_html(res)}</td>")
        extra = ""
        if isinstance(cur.local, list):
            extra = (f"<table><tr><td valign='middle'>local derivative =&nbsp;</td><td>"
                     f"{_matrix_html(np.asarray(cur.local, dtype=float))}</td></tr></table>")
        table = f"<table><tr>{''.join(cells)}</tr></table>" if cells else ""
        return table + extra


def _matrix_html(a: np.ndarray, limit: int = 8) -> str:
    """A small matrix (or vector as a column) as a bordered table; big ones by their shape."""
    if a.ndim == 0:
        return fmt(float(a))
    if a.ndim == 1:
        a = a[:, None]
    if a.shape[0] > limit or a.shape[1] > limit:
        return f"⟨{a.shape[0]}×{a.shape[1]} matrix⟩"
    rows = "".join("<tr>" + "".join(f"<td align='right' style='padding:0 4px'>{fmt(v)}</td>" for v in r)
                   + "</tr>" for r in a)
    return f"<table style='border-left:2px solid gray; border-right:2px solid gray' cellspacing=0>{rows}</table>"


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
