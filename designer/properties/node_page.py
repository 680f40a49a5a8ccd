"""The properties page of one node: name, units, activation and its γ/β, bias, initialiser, loss, a unit's bias.

Every change is one undo command, built by the panel's ``push`` (which says
why when core refuses it). Choosing a cross-entropy loss also picks the
output activation it needs, and the other way round, with a message saying
so: the lecture's pairs (softmax with cross-entropy, logistic with binary
cross-entropy) are never silently broken.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from core.activations import ACTIVATIONS, get_activation
from core.parameters import bias_key
from core.spec import INITIALISERS, LOSSES, MAX_UNITS

from .. import commands as cmd
from ..i18n import activation_name
from .common import INIT_NAMES, KIND_TITLES, LOSS_NAMES, PARAM_LABELS, form, small, title, tr, value_box

#: The output activation each cross-entropy needs.
_NEEDS = {"ce": "softmax", "bce": "logistic"}


def _combo() -> QComboBox:
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


class NodePage(QWidget):
    """Shows and edits ``node_id`` of ``doc``; ``push(make)`` pushes the command ``make()`` builds."""

    def __init__(self, doc: Any, push: Callable[[Callable[[], Any]], bool], say: Callable[[str], None]):
        super().__init__()
        self.doc, self._push, self._say = doc, push, say
        self.node_id: str | None = None
        self.unit: tuple[str, int] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.node_title = title()
        self.node_kind = small(QLabel())
        lay.addWidget(self.node_title)
        lay.addWidget(self.node_kind)
        self.node_form = form(lay)
        self._build_shape()
        self._build_activation()
        self._build_init()
        self._build_footer(lay)

    def _build_shape(self) -> None:
        f = self.node_form
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("a name for this node"))
        self.name_edit.editingFinished.connect(lambda: self._set({"name": self.name_edit.text().strip()}))
        f.addRow(self.tr("Name"), self.name_edit)
        self.units_box = QSpinBox()
        self.units_box.setRange(1, MAX_UNITS)
        self.units_box.setKeyboardTracking(False)
        self.units_box.setAccelerated(True)
        self.units_box.setToolTip(self.tr("Changing the units keeps every weight that still fits"))
        self.units_box.valueChanged.connect(lambda v: self._set({"units": int(v)}))
        f.addRow(self.tr("Units"), self.units_box)

    def _build_activation(self) -> None:
        """The activation with its formula and hyper-parameters, the bias, and (on the output) the loss."""
        f = self.node_form
        self.act_combo = _combo()
        for name, act in ACTIVATIONS.items():
            self.act_combo.addItem(activation_name(act), name)
        self.act_combo.activated.connect(self._activation_chosen)
        f.addRow(self.tr("Activation"), self.act_combo)
        self.formula = small(QLabel())
        f.addRow("", self.formula)
        self.param_boxes: dict[str, QDoubleSpinBox] = {}
        for pname in ("gamma", "beta"):
            box = value_box("")
            box.setRange(-100.0, 100.0)
            box.setDecimals(3)
            box.setSingleStep(0.01)
            box.valueChanged.connect(lambda v, p=pname: self._param_changed(p, v))
            self.param_boxes[pname] = box
            f.addRow("γ" if pname == "gamma" else "β", box)
        self.bias_check = QCheckBox(self.tr("each unit adds a bias b"))
        self.bias_check.toggled.connect(lambda on: self._set({"bias": bool(on)}))
        f.addRow(self.tr("Bias"), self.bias_check)
        self.loss_combo = _combo()
        self.loss_combo.addItem(self.tr("None"), None)
        for k, (name, text) in enumerate(LOSSES.items(), start=1):
            self.loss_combo.addItem(tr(LOSS_NAMES.get(name, text)), name)
            self.loss_combo.setItemData(k, text, Qt.ItemDataRole.ToolTipRole)
        self.loss_combo.activated.connect(self._loss_chosen)
        self.loss_combo.setToolTip(self.tr("Choosing cross-entropy also picks the output activation it needs"))

    def _build_init(self) -> None:
        """How fresh weights are drawn, then the loss row, then a selected unit's bias."""
        f = self.node_form
        self.init_combo = _combo()
        for name in INITIALISERS:
            self.init_combo.addItem(tr(INIT_NAMES.get(name, name)), name)
        self.init_combo.activated.connect(lambda k: self._set({"init": self.init_combo.itemData(k)}))
        self.init_combo.setToolTip(self.tr("How fresh weights into this node are drawn"))
        f.addRow(self.tr("Initialiser"), self.init_combo)
        self.scale_box = value_box(self.tr("Multiplies the spread of the initialiser (the bound a for Uniform)"))
        self.scale_box.setRange(0.0, 100.0)
        self.scale_box.setDecimals(3)
        self.scale_box.valueChanged.connect(lambda v: self._set({"init_scale": float(v)}))
        f.addRow(self.tr("Init scale"), self.scale_box)
        f.addRow(self.tr("Loss"), self.loss_combo)
        self.unit_bias = value_box(self.tr("The bias of the selected unit (Enter to set)"))
        self.unit_bias.valueChanged.connect(self._unit_bias_changed)
        self.unit_bias_label = QLabel(self.tr("Unit bias"))
        f.addRow(self.unit_bias_label, self.unit_bias)

    def _build_footer(self, lay: QVBoxLayout) -> None:
        """The node's problems, its parameter count and Re-initialise."""
        self.node_problems = QLabel()
        self.node_problems.setWordWrap(True)
        self.node_problems.setStyleSheet("color: #d93025;")
        lay.addWidget(self.node_problems)
        self.node_params = small(QLabel())
        lay.addWidget(self.node_params)
        row = QHBoxLayout()
        self.reinit_node = QPushButton(self.tr("Re-initialise weights"))
        self.reinit_node.setToolTip(self.tr("Fresh weights into this node and its biases (undoable)"))
        self.reinit_node.clicked.connect(
            lambda: self._push(lambda: cmd.ReinitialiseCommand(self.doc, [self.node_id])))
        row.addWidget(self.reinit_node)
        row.addStretch(1)
        lay.addLayout(row)

    # --- showing ---------------------------------------------------------------------------

    def show_node(self, node_id: str, unit: tuple[str, int] | None) -> None:
        """Fill the page from the document's node (signals blocked: showing is not editing)."""
        self.node_id, self.unit = node_id, unit
        node = self.doc.spec.nodes[node_id]
        blockers = [QSignalBlocker(w) for w in (self.name_edit, self.units_box, self.act_combo,
                                                 self.bias_check, self.init_combo, self.scale_box,
                                                 self.loss_combo, *self.param_boxes.values())]
        self.node_title.setText(node.label)
        self.node_kind.setText(f"{tr(KIND_TITLES.get(node.kind, node.kind))} · id {node.id}")
        if not self.name_edit.hasFocus():
            self.name_edit.setText(node.name)
        self.units_box.setValue(node.units)
        self.units_box.setEnabled(node.kind != "neuron")
        self._show_rows(node)
        self.bias_check.setChecked(node.bias)
        self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(node.init)))
        self.scale_box.setValue(node.init_scale)
        self.loss_combo.setCurrentIndex(max(0, self.loss_combo.findData(node.loss)))
        del blockers
        self._show_counts(node)
        self.show_unit_bias()

    def _show_rows(self, node: Any) -> None:
        """The rows that apply to this kind of node, and its activation's formula and hyper-parameters."""
        f = self.node_form
        is_input, is_output = node.kind == "input", node.kind == "output"
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
                f.labelForField(box).setText(tr(PARAM_LABELS.get((act.name, pname), pname)))
                box.setValue(hp[pname])
        self.reinit_node.setVisible(not is_input)

    def _show_counts(self, node: Any) -> None:
        """The node's problems and how many parameters come into it."""
        probs = [p.message for p in self.doc.problems if p.where == node.id]
        self.node_problems.setText("\n".join("⚠ " + m for m in probs))
        self.node_problems.setVisible(bool(probs))
        n_in = sum(self.doc.spec.nodes[c.src].units * node.units - len(c.removed)
                   for c in self.doc.spec.incoming(node.id))
        weights = self.tr("1 weight comes in") if n_in == 1 else self.tr("{0} weights come in").format(f"{n_in:,}")
        parts = [weights] if node.kind != "input" else [self.tr("none (the data's features)")]
        if bias_key(node.id) in self.doc.params:
            parts.append(self.tr("1 bias") if node.units == 1 else self.tr("{0} biases").format(f"{node.units:,}"))
        self.node_params.setText(self.tr("Parameters: {0}.").format(", ".join(parts)))

    def show_unit_bias(self) -> None:
        """The selected unit's bias row, shown only while a unit of this node is selected."""
        key = bias_key(self.node_id) if self.node_id else ""
        shown = self.unit is not None and key in self.doc.params
        self.node_form.setRowVisible(self.unit_bias, shown)
        if shown:
            j = self.unit[1]
            self.unit_bias_label.setText(self.tr("Bias of unit {0}").format(j + 1))
            if not self.unit_bias.hasFocus():
                with QSignalBlocker(self.unit_bias):
                    self.unit_bias.setValue(float(self.doc.params[key][j]))
            self.unit_bias.setToolTip(f"b = {float(self.doc.params[key][j]):.10g}")

    # --- edits -------------------------------------------------------------------------------

    def _node(self) -> Any:
        return self.doc.spec.nodes.get(self.node_id) if self.node_id else None

    def _set(self, changes: dict[str, Any]) -> None:
        node = self._node()
        if node is not None and not all(getattr(node, k) == v for k, v in changes.items()):
            self._push(lambda: cmd.SetNodePropsCommand(self.doc, self.node_id, changes))

    def _activation_chosen(self, index: int) -> None:
        name = self.act_combo.itemData(index)
        node = self._node()
        if node is None or get_activation(node.activation).name == name:
            return
        changes: dict[str, Any] = {"activation": name, "activation_params": {}}
        need = _NEEDS.get(node.loss or "")
        if need and name != need:
            changes["loss"] = "mse"
            self._say(self.tr("{0} needs a {1} output: the loss is now squared error")
                      .format(tr(LOSS_NAMES[node.loss]), need))
        self._set(changes)

    def _param_changed(self, pname: str, value: float) -> None:
        node = self._node()
        if node is not None:
            self._set({"activation_params": {**node.activation_params, pname: float(value)}})

    def _loss_chosen(self, index: int) -> None:
        loss = self.loss_combo.itemData(index)
        node = self._node()
        if node is None or node.loss == loss:
            return
        changes: dict[str, Any] = {"loss": loss}
        need = _NEEDS.get(loss or "")
        if need and get_activation(node.activation).name != need:
            changes.update(activation=need, activation_params={})
            self._say(self.tr("The {0} loss needs a {1} output: activation set to {1}")
                      .format(tr(LOSS_NAMES[loss]).lower(), need))
        self._set(changes)

    def _unit_bias_changed(self, value: float) -> None:
        if self.unit is None:
            return
        nid, j = self.unit
        key = bias_key(nid)
        if key in self.doc.params and abs(float(self.doc.params[key][j]) - value) > 0.5e-4:
            self._push(lambda: cmd.SetBiasCommand(self.doc, nid, j, value))
