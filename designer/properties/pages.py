"""The properties pages other than a node's: nothing selected, one edge, one connection, several nodes.

Each page shows what the document holds for its selection; its buttons push
undo commands through the panel's ``push``, which says why core refused one.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.parameters import weight_key

from .. import commands as cmd
from .common import form, small, title, value_box

Push = Callable[[Callable[[], Any]], bool]


def _column(page: QWidget) -> QVBoxLayout:
    lay = QVBoxLayout(page)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(8)
    return lay


def _button_row(lay: QVBoxLayout, *buttons: QPushButton) -> None:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    lay.addLayout(row)


class EmptyPage(QWidget):
    """What to click, when nothing is selected."""

    def __init__(self) -> None:
        super().__init__()
        lay = _column(self)
        lay.addWidget(title(self.tr("Nothing selected")))
        lay.addWidget(small(QLabel(self.tr(
            "Click a node, a unit or a single edge on the canvas to see and change it here. "
            "Drag on empty canvas to select several nodes."))))


class EdgePage(QWidget):
    """One edge: its weight to read exactly or type, and removing or restoring it."""

    def __init__(self, doc: Any, push: Push):
        super().__init__()
        self.doc, self._push = doc, push
        self.edge: tuple[str, int, int] | None = None
        lay = _column(self)
        self.edge_title = title()
        self.edge_sub = small(QLabel())
        lay.addWidget(self.edge_title)
        lay.addWidget(self.edge_sub)
        f = form(lay)
        self.weight_box = value_box(self.tr("The weight of this edge (Enter to set; arrows step by 0.1)"))
        self.weight_box.valueChanged.connect(self._weight_changed)
        f.addRow(self.tr("Weight"), self.weight_box)
        self.weight_exact = small(QLabel())
        f.addRow("", self.weight_exact)
        self.edge_toggle = QPushButton()
        self.edge_toggle.clicked.connect(self._toggle_edge)
        _button_row(lay, self.edge_toggle)

    def show_edge(self, edge: tuple[str, int, int]) -> None:
        """Show edge ``(connection, i, j)``: from unit i of the source to unit j of the destination."""
        self.edge = edge
        cid, i, j = edge
        c = self.doc.spec.connections[cid]
        a, b = self.doc.spec.nodes[c.src], self.doc.spec.nodes[c.dst]
        removed = (i, j) in set(map(tuple, c.removed))
        self.edge_title.setText(self.tr("Edge {0} [{1}] → {2} [{3}]").format(a.label, i + 1, b.label, j + 1))
        self.edge_sub.setText(self.tr("From unit {0} of {1} to unit {2} of {3}: the weight W[{2}, {0}] of "
                                      "connection {4}.").format(i + 1, a.label, j + 1, b.label, cid))
        w = float(self.doc.params[weight_key(cid)][j, i])
        with QSignalBlocker(self.weight_box):
            if not self.weight_box.hasFocus():
                self.weight_box.setValue(w)
        self.weight_box.setEnabled(not removed)
        self.weight_exact.setText(self.tr("removed: this edge is not part of the network") if removed
                                  else self.tr("exactly {0}").format(f"{w:.10g}"))
        self.edge_toggle.setText(self.tr("Restore edge") if removed else self.tr("Remove edge"))
        self.edge_toggle.setToolTip(self.tr("Put this single edge back (Insert)") if removed
                                    else self.tr("Take this single edge out of the network (Delete)"))

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


class ConnectionPage(QWidget):
    """One connection: its size, removed edges, the range of its weights."""

    def __init__(self, doc: Any, push: Push):
        super().__init__()
        self.doc, self._push = doc, push
        self.conn_id: str | None = None
        lay = _column(self)
        self.conn_title = title()
        self.conn_info = small(QLabel(), muted=False)
        lay.addWidget(self.conn_title)
        lay.addWidget(self.conn_info)
        self.restore_all = QPushButton(self.tr("Restore removed edges"))
        self.restore_all.clicked.connect(
            lambda: self._push(lambda: cmd.restore_edges_command(self.doc, self.conn_id)))
        self.delete_conn = QPushButton(self.tr("Delete connection"))
        self.delete_conn.clicked.connect(
            lambda: self._push(lambda: cmd.delete_command(self.doc, conn_ids=[self.conn_id])))
        _button_row(lay, self.restore_all, self.delete_conn)

    def show_connection(self, conn_id: str) -> None:
        """Show connection ``conn_id``."""
        self.conn_id = conn_id
        c = self.doc.spec.connections[conn_id]
        a, b = self.doc.spec.nodes[c.src], self.doc.spec.nodes[c.dst]
        W = self.doc.params.get(weight_key(c.id))
        self.conn_title.setText(f"{a.label} → {b.label}")
        text = self.tr("{0} × {1} = {2} edges").format(a.units, b.units, f"{a.units * b.units:,}")
        if c.removed:
            text += self.tr(", {0} removed").format(f"{len(c.removed):,}")
        if W is not None and W.size:
            text += "\n" + self.tr("Weights from {0} to {1}, mean |w| = {2}").format(
                f"{float(W.min()):.4g}", f"{float(W.max()):.4g}", f"{float(np.abs(W).mean()):.4g}")
        text += "\n" + self.tr("Click a single edge to see or type its weight.")
        self.conn_info.setText(text)
        self.restore_all.setEnabled(bool(c.removed))


class MultiPage(QWidget):
    """Several nodes: which, and re-initialising their weights together."""

    def __init__(self, doc: Any, push: Push):
        super().__init__()
        self.doc, self._push = doc, push
        self.nodes: tuple[str, ...] = ()
        lay = _column(self)
        self.multi_title = title()
        self.multi_info = small(QLabel())
        lay.addWidget(self.multi_title)
        lay.addWidget(self.multi_info)
        b = QPushButton(self.tr("Re-initialise their weights"))
        b.clicked.connect(lambda: self._push(lambda: cmd.ReinitialiseCommand(self.doc, self.nodes)))
        _button_row(lay, b)

    def show_nodes(self, nodes: tuple[str, ...]) -> None:
        """Show the selected ``nodes``."""
        spec = self.doc.spec
        self.nodes = tuple(n for n in nodes if n in spec.nodes)
        self.multi_title.setText(self.tr("{0} nodes selected").format(len(self.nodes)))
        self.multi_info.setText(", ".join(spec.nodes[n].label for n in self.nodes) + "\n"
                                + self.tr("Drag one of them to move them all; Delete removes them."))
