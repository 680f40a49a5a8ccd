"""Typing a number on the canvas: the line edit that opens over the selected edge or unit.

Double-click, Enter, F2 or a typed digit on a selected single edge opens it
with the edge's weight; on a selected unit, with the unit's bias. Enter
pushes one :class:`~designer.commands.SetWeightCommand` or
:class:`~designer.commands.SetBiasCommand`; Esc, a click elsewhere or the
focus leaving closes it without a change. What does not parse stays open
and says why, so nothing typed is lost silently.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtWidgets import QLineEdit

from core.parameters import bias_key, weight_key
from core.spec import SpecError

from .. import commands as cmd

if TYPE_CHECKING:
    from .view import CanvasView

WIDTH = 110


class ValueEditor(QObject):
    """At most one open line edit over the canvas's viewport, and what it edits.

    ``what`` is ``("edge", conn_id, i, j)`` or ``("bias", node_id, j)``.
    """

    def __init__(self, view: CanvasView):
        super().__init__(view)
        self.view = view
        self.line_edit: QLineEdit | None = None
        self.what: tuple | None = None

    def _target(self) -> tuple[tuple, float, QPointF, str] | None:
        """What the selection lets one type: (what, its value, where in the scene, "weight"/"bias")."""
        sc, doc, say = self.view.canvas_scene, self.view.document, self.view.message.emit
        if sc.selected_edge is not None:
            cid, i, j = sc.selected_edge
            if (i, j) in set(map(tuple, doc.spec.connections[cid].removed)):
                say(self.tr("This edge is removed: restore it (Insert) to give it a weight"))
                return None
            item = sc.conn_items[cid]
            anchor = QPointF((item.x_src + item.x_dst) / 2, (item.y_src[i] + item.y_dst[j]) / 2)
            return ("edge", cid, i, j), float(doc.params[weight_key(cid)][j, i]), anchor, "weight"
        if sc.selected_unit is not None:
            nid, j = sc.selected_unit
            node = doc.spec.nodes[nid]
            if bias_key(nid) not in doc.params:
                say(self.tr("{0} has no bias (inputs have none)").format(node.label) if node.kind == "input"
                    else self.tr("{0} has no bias: switch it on in Properties").format(node.label))
                return None
            return ("bias", nid, j), float(doc.params[bias_key(nid)][j]), sc.node_items[nid].unit_center(j), "bias"
        return None

    def open(self, text: str | None = None) -> bool:
        """Open over the selected edge's weight or unit's bias (``text`` typed already); True if opened."""
        target = self._target()
        if target is None:
            return False
        what, value, anchor, label = target
        self.close()
        ed = QLineEdit(self.view.viewport())
        ed.setObjectName("canvas-value-editor")
        weight = label == "weight"
        ed.setAccessibleName(self.tr("Type the weight") if weight else self.tr("Type the bias"))
        ed.setPlaceholderText(self.tr("weight") if weight else self.tr("bias"))
        ed.setToolTip(self.tr("Type the weight and press Enter; Esc cancels") if weight
                      else self.tr("Type the bias and press Enter; Esc cancels"))
        ed.setText(f"{value:.6g}" if text is None else text)
        if text is None:
            ed.selectAll()
        ed.setFixedWidth(WIDTH)
        p = self.view.mapFromScene(anchor)
        h = ed.sizeHint().height()
        # just above the edge or unit, so what is being edited stays visible
        ed.move(min(max(0, p.x() - WIDTH // 2), max(0, self.view.viewport().width() - WIDTH)),
                max(0, p.y() - h - 10))
        ed.installEventFilter(self)
        ed.show()
        ed.setFocus()
        self.line_edit, self.what = ed, what
        self.view.message.emit(self.tr("Type the weight and press Enter (Esc cancels)") if weight
                               else self.tr("Type the bias and press Enter (Esc cancels)"))
        return True

    def commit(self) -> None:
        """Push the typed value as one command and close; what does not parse stays open, saying why."""
        ed, what, say = self.line_edit, self.what, self.view.message.emit
        if ed is None:
            return
        text = ed.text().strip().replace(",", ".")
        doc = self.view.document
        try:
            value = float(text)
            if what[0] == "edge":
                command = cmd.SetWeightCommand(doc, what[1], what[2], what[3], value)
            else:
                command = cmd.SetBiasCommand(doc, what[1], what[2], value)
        except ValueError:
            say(self.tr("{0} is not a number").format(repr(text)))
            return
        except SpecError as e:
            say(str(e).capitalize())
            return
        self.close()
        doc.push(command)
        say(command.text())

    def close(self) -> None:
        """Close without a change (and give the canvas its focus back)."""
        ed = self.line_edit
        self.line_edit = self.what = None
        if ed is not None:
            ed.removeEventFilter(self)
            ed.hide()
            ed.deleteLater()
            self.view.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.line_edit:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.close()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Consumed here: QLineEdit would let Return reach the view, which
                # would open the editor again on the still-selected edge.
                self.commit()
                return True
            if event.type() == QEvent.Type.FocusOut:
                self.close()
        return super().eventFilter(obj, event)
