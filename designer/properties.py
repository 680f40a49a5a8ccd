"""The properties panel: what is selected on the canvas, and its settings.

For a node: name, units, activation (every core activation, with its γ/β
where it has one, and its formula), bias on/off, initialiser and its scale,
and the loss on the output; the selected unit's bias. For a single edge:
its weight, and removing or restoring it. For a connection: its size and
removed edges. Buttons re-initialise the weights of the node or of all.

Every change is one undo command on the document's stack (numeric edits
held on a spin box merge into one entry); a refused change says why on the
canvas's status signal. The panel follows the canvas's selection and the
document's signals; it never keeps state of its own.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from core.activations import ACTIVATIONS, get_activation
from core.parameters import bias_key, count_parameters, weight_key
from core.spec import INITIALISERS, LOSSES, MAX_UNITS, SpecError

from . import commands as cmd
from .canvas import CanvasView
from .document import Document

INIT_NAMES = {
    "xavier_uniform": "Xavier (Glorot) uniform", "xavier_normal": "Xavier (Glorot) normal",
    "he_normal": "He normal", "he_uniform": "He uniform", "lecun_normal": "LeCun normal",
    "lecun_uniform": "LeCun uniform", "uniform": "Uniform U(−a, a)", "zeros": "Zeros",
}
PARAM_LABELS = {
    ("leaky_relu", "gamma"): "γ (slope for x < 0)",
    ("prelu", "gamma"): "γ (start value, learned)",
    ("elu", "gamma"): "γ (scale for x < 0)",
    ("swish", "beta"): "β",
}
LOSS_NAMES = {"mse": "Squared error", "ce": "Softmax cross-entropy", "bce": "Binary cross-entropy"}
KIND_TITLES = {"input": QT_TRANSLATE_NOOP("PropertiesPanel", "Input"),
               "neuron": QT_TRANSLATE_NOOP("PropertiesPanel", "Neuron"),
               "layer": QT_TRANSLATE_NOOP("PropertiesPanel", "Layer"),
               "output": QT_TRANSLATE_NOOP("PropertiesPanel", "Output")}


def _small(label: QLabel, delta: float = -1.0, muted: bool = True) -> QLabel:
    f = label.font()
    f.setPointSizeF(max(f.pointSizeF() + delta, 7.5))
    label.setFont(f)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _title(text: str = "") -> QLabel:
    label = QLabel(text)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() + 1.5)
    f.setWeight(QFont.Weight.DemiBold)
    label.setFont(f)
    label.setWordWrap(True)
    return label


def _value_box(tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-1e6, 1e6)
    box.setDecimals(4)
    box.setSingleStep(0.1)
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    box.setToolTip(tip)
    return box


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
        self.unit: tuple[str, int] | None = None
        self.conn_id: str | None = None
        self.nodes: tuple[str, ...] = ()
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
        self.pages: dict[str, QWidget] = {}
        self._build_empty()
        self._build_node()
        self._build_edge()
        self._build_connection()
        self._build_multi()
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
        self.summary = _small(QLabel())
        lay.addWidget(self.summary)
        lay.addStretch(1)
        canvas.selection_changed.connect(self.refresh)
        document.structure_changed.connect(self.refresh)
        document.node_changed.connect(self._on_node_changed)
        document.params_changed.connect(self._refresh_values)
        document.problems_changed.connect(self.refresh)
        document.data_changed.connect(self._refresh_summary)  # the seed is a training setting
        self.refresh()
        self._fit_page(self.stack.currentIndex())

    # --- pages ---------------------------------------------------------------------------

    def _page(self, name: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.pages[name] = page
        self.stack.addWidget(page)
        return page, lay

    def _fit_page(self, index: int) -> None:
        """Size the stack to the page shown, not to the tallest page."""
        for k in range(self.stack.count()):
            page = self.stack.widget(k)
            policy = QSizePolicy.Policy.Preferred if k == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.adjustSize()
        self.stack.updateGeometry()

    def _form(self, lay: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(7)
        lay.addLayout(form)
        return form

    def _build_empty(self) -> None:
        _, lay = self._page("empty")
        lay.addWidget(_title("Nothing selected"))
        lay.addWidget(_small(QLabel(self.tr(
                    "Click a node, a unit or a single edge on the canvas to see and change it here. "
                    "Drag on empty canvas to select several nodes."))))

    def _build_node(self) -> None:
        _, lay = self._page("node")
        self.node_title = _title()
        self.node_kind = _small(QLabel())
        lay.addWidget(self.node_title)
        lay.addWidget(self.node_kind)
        f = self.node_form = self._form(lay)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("a name for this node"))
        self.name_edit.editingFinished.connect(self._name_edited)
        f.addRow(self.tr("Name"), self.name_edit)
        self.units_box = QSpinBox()
        self.units_box.setRange(1, MAX_UNITS)
        self.units_box.setKeyboardTracking(False)
        self.units_box.setAccelerated(True)
        self.units_box.setToolTip(self.tr("Changing the units keeps every weight that still fits"))
        self.units_box.valueChanged.connect(lambda v: self._set({"units": int(v)}))
        f.addRow(self.tr("Units"), self.units_box)
        self.act_combo = QComboBox()
        self.act_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.act_combo.setMinimumContentsLength(8)
        for name, act in ACTIVATIONS.items():
            self.act_combo.addItem(act.display, name)
        self.act_combo.activated.connect(self._activation_chosen)
        f.addRow(self.tr("Activation"), self.act_combo)
        self.formula = _small(QLabel())
        f.addRow("", self.formula)
        self.param_boxes: dict[str, QDoubleSpinBox] = {}
        for pname in ("gamma", "beta"):
            box = _value_box("")
            box.setRange(-100.0, 100.0)
            box.setDecimals(3)
            box.setSingleStep(0.01)
            box.valueChanged.connect(lambda v, p=pname: self._param_changed(p, v))
            self.param_boxes[pname] = box
            f.addRow("γ" if pname == "gamma" else "β", box)
        self.bias_check = QCheckBox(self.tr("each unit adds a bias b"))
        self.bias_check.toggled.connect(lambda on: self._set({"bias": bool(on)}))
        f.addRow(self.tr("Bias"), self.bias_check)
        self.init_combo = QComboBox()
        self.init_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.init_combo.setMinimumContentsLength(8)
        for name in INITIALISERS:
            self.init_combo.addItem(INIT_NAMES.get(name, name), name)
        self.init_combo.activated.connect(
            lambda k: self._set({"init": self.init_combo.itemData(k)}))
        self.init_combo.setToolTip(self.tr("How fresh weights into this node are drawn"))
        f.addRow(self.tr("Initialiser"), self.init_combo)
        self.scale_box = _value_box("Multiplies the spread of the initialiser (the bound a for Uniform)")
        self.scale_box.setRange(0.0, 100.0)
        self.scale_box.setDecimals(3)
        self.scale_box.valueChanged.connect(lambda v: self._set({"init_scale": float(v)}))
        f.addRow(self.tr("Init scale"), self.scale_box)
        self.loss_combo = QComboBox()
        self.loss_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.loss_combo.setMinimumContentsLength(8)
        self.loss_combo.addItem(self.tr("None"), None)
        for k, (name, text) in enumerate(LOSSES.items(), start=1):
            self.loss_combo.addItem(LOSS_NAMES.get(name, text), name)
            self.loss_combo.setItemData(k, text, Qt.ItemDataRole.ToolTipRole)
        self.loss_combo.activated.connect(self._loss_chosen)
        self.loss_combo.setToolTip(self.tr("Choosing cross-entropy also picks the output activation it needs"))
        f.addRow(self.tr("Loss"), self.loss_combo)
        self.unit_bias = _value_box("The bias of the selected unit (Enter to set)")
        self.unit_bias.valueChanged.connect(self._unit_bias_changed)
        self.unit_bias_label = QLabel(self.tr("Unit bias"))
        f.addRow(self.unit_bias_label, self.unit_bias)
        self.node_problems = QLabel()
        self.node_problems.setWordWrap(True)
        self.node_problems.setStyleSheet("color: #d93025;")
        lay.addWidget(self.node_problems)
        self.node_params = _small(QLabel())
        lay.addWidget(self.node_params)
        row = QHBoxLayout()
        self.reinit_node = QPushButton(self.tr("Re-initialise weights"))
        self.reinit_node.setToolTip(self.tr("Fresh weights into this node and its biases (undoable)"))
        self.reinit_node.clicked.connect(
            lambda: self._push(lambda: cmd.ReinitialiseCommand(self.doc, [self.node_id])))
        row.addWidget(self.reinit_node)
        row.addStretch(1)
        lay.addLayout(row)

    def _build_edge(self) -> None:
        _, lay = self._page("edge")
        self.edge_title = _title()
        self.edge_sub = _small(QLabel())
        lay.addWidget(self.edge_title)
        lay.addWidget(self.edge_sub)
        f = self._form(lay)
        self.weight_box = _value_box("The weight of this edge (Enter to set; arrows step by 0.1)")
        self.weight_box.valueChanged.connect(self._weight_changed)
        f.addRow(self.tr("Weight"), self.weight_box)
        self.weight_exact = _small(QLabel())
        f.addRow("", self.weight_exact)
        self.edge_toggle = QPushButton()
        self.edge_toggle.clicked.connect(self._toggle_edge)
        row = QHBoxLayout()
        row.addWidget(self.edge_toggle)
        row.addStretch(1)
        lay.addLayout(row)

    def _build_connection(self) -> None:
        _, lay = self._page("connection")
        self.conn_title = _title()
        self.conn_info = _small(QLabel(), muted=False)
        lay.addWidget(self.conn_title)
        lay.addWidget(self.conn_info)
        row = QHBoxLayout()
        self.restore_all = QPushButton(self.tr("Restore removed edges"))
        self.restore_all.clicked.connect(
            lambda: self._push(lambda: cmd.restore_edges_command(self.doc, self.conn_id)))
        self.delete_conn = QPushButton(self.tr("Delete connection"))
        self.delete_conn.clicked.connect(
            lambda: self._push(lambda: cmd.delete_command(self.doc, conn_ids=[self.conn_id])))
        row.addWidget(self.restore_all)
        row.addWidget(self.delete_conn)
        row.addStretch(1)
        lay.addLayout(row)

    def _build_multi(self) -> None:
        _, lay = self._page("multi")
        self.multi_title = _title()
        self.multi_info = _small(QLabel())
        lay.addWidget(self.multi_title)
        lay.addWidget(self.multi_info)
        row = QHBoxLayout()
        b = QPushButton(self.tr("Re-initialise their weights"))
        b.clicked.connect(lambda: self._push(lambda: cmd.ReinitialiseCommand(self.doc, self.nodes)))
        row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)

    # --- showing the selection -------------------------------------------------------------

    def refresh(self, *_: Any) -> None:
        sel = self.canvas.selection()
        spec = self.doc.spec
        self.node_id = self.edge = self.unit = self.conn_id = None
        self.nodes = sel.nodes
        if sel.edge is not None and sel.edge[0] in spec.connections:
            self.edge = sel.edge
            self._show_edge()
        elif len(sel.nodes) == 1 and sel.nodes[0] in spec.nodes:
            self.node_id = sel.nodes[0]
            self.unit = sel.unit if sel.unit and sel.unit[0] == self.node_id else None
            self._show_node()
        elif len(sel.nodes) > 1:
            self._show_multi()
        elif len(sel.connections) == 1 and sel.connections[0] in spec.connections:
            self.conn_id = sel.connections[0]
            self._show_connection()
        else:
            self.stack.setCurrentWidget(self.pages["empty"])
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
            self._show_node()

    def _refresh_values(self) -> None:
        if self.edge is not None and self.edge[0] in self.doc.spec.connections:
            self._show_edge()
        elif self.node_id is not None and self.node_id in self.doc.spec.nodes:
            self._show_unit_bias()

    def _show_node(self) -> None:
        node = self.doc.spec.nodes[self.node_id]
        blockers = [QSignalBlocker(w) for w in (self.name_edit, self.units_box, self.act_combo,
                                                 self.bias_check, self.init_combo, self.scale_box,
                                                 self.loss_combo, *self.param_boxes.values())]
        self.node_title.setText(node.label)
        self.node_kind.setText(f"{self.tr(KIND_TITLES.get(node.kind, node.kind))} · id {node.id}")
        if not self.name_edit.hasFocus():
            self.name_edit.setText(node.name)
        self.units_box.setValue(node.units)
        self.units_box.setEnabled(node.kind != "neuron")
        f = self.node_form
        is_input, is_output = node.kind == "input", node.kind == "output"
        f.setRowVisible(self.units_box, True)
        f.labelForField(self.units_box).setText(self.tr("Features") if is_input else self.tr("Units"))
        for w in (self.act_combo, self.formula, self.bias_check, self.init_combo, self.scale_box):
            f.setRowVisible(w, not is_input)
        f.setRowVisible(self.loss_combo, is_output)
        # softmax is offered on the output only (core refuses it elsewhere)
        view = self.act_combo.view()
        for k in range(self.act_combo.count()):
            view.setRowHidden(k, self.act_combo.itemData(k) == "softmax" and not is_output)
        act = get_activation(node.activation)
        self.act_combo.setCurrentIndex(max(0, self.act_combo.findData(act.name)))
        self.formula.setText(act.formula)
        hp = act.hyper(node.activation_params)
        for pname, box in self.param_boxes.items():
            shown = pname in act.params and not is_input
            f.setRowVisible(box, shown)
            if shown:
                f.labelForField(box).setText(PARAM_LABELS.get((act.name, pname), pname))
                box.setValue(hp[pname])
        self.bias_check.setChecked(node.bias)
        self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(node.init)))
        self.scale_box.setValue(node.init_scale)
        self.loss_combo.setCurrentIndex(max(0, self.loss_combo.findData(node.loss)))
        del blockers
        probs = [p.message for p in self.doc.problems if p.where == node.id]
        self.node_problems.setText("\n".join("⚠ " + m for m in probs))
        self.node_problems.setVisible(bool(probs))
        n_in = sum(self.doc.spec.nodes[c.src].units * node.units - len(c.removed)
                   for c in self.doc.spec.incoming(node.id))
        weights = self.tr("1 weight comes in") if n_in == 1 else self.tr("{0} weights come in").format(f"{n_in:,}")
        parts = [weights] if not is_input else [self.tr("none (the data's features)")]
        if bias_key(node.id) in self.doc.params:
            parts.append(self.tr("1 bias") if node.units == 1 else self.tr("{0} biases").format(f"{node.units:,}"))
        self.node_params.setText(self.tr("Parameters: {0}.").format(", ".join(parts)))
        self.reinit_node.setVisible(not is_input)
        self._show_unit_bias()
        self.stack.setCurrentWidget(self.pages["node"])

    def _show_unit_bias(self) -> None:
        f = self.node_form
        key = bias_key(self.node_id) if self.node_id else ""
        shown = self.unit is not None and key in self.doc.params
        f.setRowVisible(self.unit_bias, shown)
        if shown:
            j = self.unit[1]
            self.unit_bias_label.setText(f"Bias of unit {j + 1}")
            if not self.unit_bias.hasFocus():
                with QSignalBlocker(self.unit_bias):
                    self.unit_bias.setValue(float(self.doc.params[key][j]))
            self.unit_bias.setToolTip(f"b = {float(self.doc.params[key][j]):.10g}")

    def _show_edge(self) -> None:
        cid, i, j = self.edge
        c = self.doc.spec.connections[cid]
        a, b = self.doc.spec.nodes[c.src], self.doc.spec.nodes[c.dst]
        removed = (i, j) in set(map(tuple, c.removed))
        self.edge_title.setText(f"Edge {a.label} [{i + 1}] → {b.label} [{j + 1}]")
        self.edge_sub.setText(f"From unit {i + 1} of {a.label} to unit {j + 1} of {b.label}: "
                              f"the weight W[{j + 1}, {i + 1}] of connection {cid}.")
        w = float(self.doc.params[weight_key(cid)][j, i])
        with QSignalBlocker(self.weight_box):
            if not self.weight_box.hasFocus():
                self.weight_box.setValue(w)
        self.weight_box.setEnabled(not removed)
        self.weight_exact.setText("removed: this edge is not part of the network" if removed
                                  else f"exactly {w:.10g}")
        self.edge_toggle.setText("Restore edge" if removed else "Remove edge")
        self.edge_toggle.setToolTip("Put this single edge back (Insert)" if removed
                                    else "Take this single edge out of the network (Delete)")
        self.stack.setCurrentWidget(self.pages["edge"])

    def _show_connection(self) -> None:
        c = self.doc.spec.connections[self.conn_id]
        a, b = self.doc.spec.nodes[c.src], self.doc.spec.nodes[c.dst]
        W = self.doc.params.get(weight_key(c.id))
        self.conn_title.setText(f"{a.label} → {b.label}")
        text = f"{a.units} × {b.units} = {a.units * b.units:,} edges"
        if c.removed:
            text += f", {len(c.removed):,} removed"
        if W is not None and W.size:
            text += (f"\nWeights from {float(W.min()):.4g} to {float(W.max()):.4g}, "
                     f"mean |w| = {float(np.abs(W).mean()):.4g}")
        text += "\nClick a single edge to see or type its weight."
        self.conn_info.setText(text)
        self.restore_all.setEnabled(bool(c.removed))
        self.stack.setCurrentWidget(self.pages["connection"])

    def _show_multi(self) -> None:
        spec = self.doc.spec
        ids = [n for n in self.nodes if n in spec.nodes]
        self.multi_title.setText(f"{len(ids)} nodes selected")
        self.multi_info.setText(", ".join(spec.nodes[n].label for n in ids)
                                + "\nDrag one of them to move them all; Delete removes them.")
        self.stack.setCurrentWidget(self.pages["multi"])

    # --- edits -------------------------------------------------------------------------------

    def _push(self, make: Callable[[], Any]) -> bool:
        """Build a command (it may refuse with a SpecError) and push it."""
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

    def _set(self, changes: dict[str, Any]) -> None:
        if self.node_id is None:
            return
        node = self.doc.spec.nodes[self.node_id]
        if all(getattr(node, k) == v for k, v in changes.items()):
            return
        self._push(lambda: cmd.SetNodePropsCommand(self.doc, self.node_id, changes))

    def _name_edited(self) -> None:
        if self.node_id is not None:
            self._set({"name": self.name_edit.text().strip()})

    def _activation_chosen(self, index: int) -> None:
        name = self.act_combo.itemData(index)
        node = self.doc.spec.nodes.get(self.node_id) if self.node_id else None
        if node is None or get_activation(node.activation).name == name:
            return
        changes: dict[str, Any] = {"activation": name, "activation_params": {}}
        need = {"ce": "softmax", "bce": "logistic"}.get(node.loss or "")
        if need and name != need:
            changes["loss"] = "mse"
            self.canvas.message.emit(f"{LOSS_NAMES[node.loss]} needs a {need} output: "
                                     "the loss is now squared error")
        self._set(changes)

    def _param_changed(self, pname: str, value: float) -> None:
        node = self.doc.spec.nodes.get(self.node_id) if self.node_id else None
        if node is None:
            return
        params = dict(node.activation_params)
        params[pname] = float(value)
        self._set({"activation_params": params})

    def _loss_chosen(self, index: int) -> None:
        loss = self.loss_combo.itemData(index)
        node = self.doc.spec.nodes.get(self.node_id) if self.node_id else None
        if node is None or node.loss == loss:
            return
        changes: dict[str, Any] = {"loss": loss}
        need = {"ce": "softmax", "bce": "logistic"}.get(loss or "")
        if need and get_activation(node.activation).name != need:
            changes.update(activation=need, activation_params={})
            self.canvas.message.emit(f"The {LOSS_NAMES[loss].lower()} loss needs a {need} output: "
                                     f"activation set to {need}")
        self._set(changes)

    def _unit_bias_changed(self, value: float) -> None:
        if self.unit is None:
            return
        nid, j = self.unit
        key = bias_key(nid)
        if key in self.doc.params and abs(float(self.doc.params[key][j]) - value) > 0.5e-4:
            self._push(lambda: cmd.SetBiasCommand(self.doc, nid, j, value))

    def _weight_changed(self, value: float) -> None:
        if self.edge is None:
            return
        cid, i, j = self.edge
        if abs(float(self.doc.params[weight_key(cid)][j, i]) - value) > 0.5e-4:
            self._push(lambda: cmd.SetWeightCommand(self.doc, cid, i, j, value))

    def _toggle_edge(self) -> None:
        if self.edge is None:
            return
        cid, i, j = self.edge
        removed = (i, j) in set(map(tuple, self.doc.spec.connections[cid].removed))
        self._push(lambda: cmd.SetEdgeCommand(self.doc, cid, i, j, removed))


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication, QSplitter

    from .canvas.view import example_document

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
