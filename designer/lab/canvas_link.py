"""What ties the canvas to training and to the optimiser lab, in one place.

The main window makes one :class:`CanvasLink` after its panels exist; the
link only connects signals and calls the panels' public methods, so the
window stays thin and the numbers still come from core and the snapshots:

* **Unit thumbnails** (View > Unit Thumbnails): while on, the training
  controller is asked for each unit's output over the input plane
  (``want_unit_planes``) and every snapshot's ``unit_planes`` go to
  :meth:`CanvasView.set_unit_planes`; clicking a hidden unit shows its plane
  large in the Data-and-boundary panel (:meth:`BoundaryPanel.show_unit`).
  Only for 2-D data (``RunInfo.mode == "plane"``).
* **Optimiser internals on the edges**: the internals panel's
  ``overlay_changed`` colours the canvas's edges
  (:meth:`CanvasView.set_edge_overlay`); whenever training is paused or
  stepped, the trainer's optimiser state and last gradient (carried by the
  snapshot) are rebuilt with :func:`core.lab.training_state` and handed to
  :meth:`InternalsWidget.set_training_state`.
* **Activation explorer**: the layer selected on the canvas is the
  explorer's current activation, with its pre-activation distribution from
  the latest snapshot (or, before training, from core's
  ``Model.activations`` on a probe batch); the explorer's
  ``apply_activation`` sets that layer's activation as one undo command.
* **Loss landscape**: an edge's context menu ("Use as landscape axis w₁ /
  w₂") chooses the landscape's axes; once both are chosen the landscape
  panel opens and computes.

Lab panels are built lazily (the first time their dock is shown); the link
wires each one when it appears.
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from core.lab import training_state
from core.model import compile_model
from core.snapshot import DONE, PAUSED, Snapshot
from core.spec import SpecError

from .. import commands as cmd
from .common import DataProblem, document_data

#: Rows of the training set whose pre-activations the explorer shows before training.
PROBE_ROWS = 256
#: The explorer's histogram follows training at most this often (seconds).
EXPLORER_INTERVAL = 0.25


class CanvasLink(QObject):
    """Connects the canvas, the training controller and the lab panels of one window.

    Parameters
    ----------
    window
        The main window: ``document``, ``canvas``, ``training`` (the
        controller, with ``panels``/``docks``), ``lab_docks`` ({title: dock}),
        ``view_menu`` and ``show_message``.
    """

    def __init__(self, window: Any):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.canvas = window.canvas
        self.controller = window.training
        self.internals = None
        self.explorer = None
        self.landscape = None
        self.axes: list[tuple[str, int, int] | None] = [None, None]
        self._internals_key: tuple = ()
        self._explorer_time = 0.0

        self.thumbnails_action = QAction(self.tr("Unit &Thumbnails"), window)
        self.thumbnails_action.setCheckable(True)
        self.thumbnails_action.setStatusTip(self.tr("Draw each hidden unit as a small picture of its output over "
                                                    "the input plane (2-D data); click a unit to see it large"))
        self.thumbnails_action.toggled.connect(self.set_thumbnails)
        menu = getattr(window, "view_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.thumbnails_action)

        self.controller.snapshot_ready.connect(self._on_snapshot)
        boundary = self.controller.panels.get("Data and boundary")
        if boundary is not None:
            boundary.colour_by.currentIndexChanged.connect(
                lambda _i: self.thumbnails_on() and self._ask_for_planes())
        self.canvas.selection_changed.connect(self._on_selection)
        self.canvas.landscape_axis_requested.connect(self.use_edge_as_axis)
        self.document.replaced.connect(self._forget_axes)
        for title, dock in getattr(window, "lab_docks", {}).items():
            dock.visibilityChanged.connect(lambda _on, t=title: self._wire_lab(t))
            self._wire_lab(title)

    # --- lab panels, built lazily -----------------------------------------------------

    def lab_widget(self, title: str, show: bool = True):
        """The lab panel titled ``title`` (its dock shown and raised first when ``show``)."""
        dock = self.window.lab_docks[title]
        if show:
            dock.show()
            dock.raise_()
        self._wire_lab(title)
        return dock.widget()

    def _wire_lab(self, title: str) -> None:
        dock = self.window.lab_docks.get(title)
        w = dock.widget() if dock is not None else None
        if w is None or not dock.property("built"):
            return
        if title == "Optimiser internals" and self.internals is not w:
            self.internals = w
            w.overlay_changed.connect(self._show_overlay)
            self._internals_key = ()
            if self.controller.last is not None:
                self._feed_internals(self.controller.last)
        elif title == "Activation explorer" and self.explorer is not w:
            self.explorer = w
            w.apply_activation.connect(self.apply_activation)
            self._update_explorer(force=True)
        elif title == "Loss landscape":
            self.landscape = w

    # --- thumbnails ----------------------------------------------------------------------

    def set_thumbnails(self, on: bool) -> None:
        """Show (or hide) every hidden unit's plane on the canvas, live."""
        if self.thumbnails_action.isChecked() != on:
            self.thumbnails_action.setChecked(on)       # comes back here through toggled
            return
        self._ask_for_planes()
        if not on:
            self.canvas.set_unit_planes(None)
        elif self.controller.last is not None:
            self._thumbnails_from(self.controller.last)

    def _ask_for_planes(self) -> None:
        """Planes in the snapshots while the thumbnails or the boundary panel want them.

        The boundary panel asks on its own when it shows one unit, and stops
        asking when it goes back to the network's output: ask again after it.
        """
        boundary = self.controller.panels.get("Data and boundary")
        panel_wants = boundary is not None and boundary.colour_by.currentData() is not None
        self.controller.want_unit_planes(self.thumbnails_on() or panel_wants)

    def thumbnails_on(self) -> bool:
        return self.thumbnails_action.isChecked()

    def _thumbnails_from(self, snap: Snapshot) -> None:
        if snap.info.mode != "plane":
            self.canvas.set_unit_planes(None)
        elif snap.unit_planes is not None:
            self.canvas.set_unit_planes(snap.unit_planes)

    # --- following training ---------------------------------------------------------------

    def _on_snapshot(self, snap: Snapshot) -> None:
        if self.thumbnails_on():
            self._thumbnails_from(snap)
        if self.internals is not None and snap.state in (PAUSED, DONE):
            self._feed_internals(snap)
        if self.explorer is not None and self.explorer.isVisible():
            self._update_explorer()

    def _feed_internals(self, snap: Snapshot) -> None:
        """The paused trainer's optimiser, rebuilt from the snapshot, into the internals panel."""
        state, grad = snap.extra.get("optimizer_state"), snap.extra.get("grad")
        key = (snap.info.generation, snap.step)
        if state is None or grad is None or key == self._internals_key:
            return
        try:
            model, opt = training_state(snap.info.spec, snap.params, state, grad, snap.l2)
        except (ValueError, KeyError) as e:
            self.window.show_message(self.tr("Optimiser internals: {0}").format(e))
            return
        self._internals_key = key
        self.internals.set_training_state(model, opt, self.tr("training, paused at step {0}").format(snap.step))

    def _show_overlay(self, values: dict) -> None:
        w = self.internals
        self.canvas.set_edge_overlay(values or None, w.is_signed() if w is not None else True,
                                     w.quantity_label() if w is not None else "")

    # --- the selected layer -----------------------------------------------------------------

    def selected_layer(self) -> str | None:
        """The one non-input node selected on the canvas (or whose unit is), else None."""
        sel = self.canvas.selection()
        ids = list(sel.nodes)
        if sel.unit is not None and sel.unit[0] not in ids:
            ids.append(sel.unit[0])
        spec = self.document.spec
        ids = [n for n in ids if n in spec.nodes and spec.nodes[n].kind != "input"]
        return ids[0] if len(ids) == 1 else None

    def _on_selection(self) -> None:
        nid = self.canvas.selection().unit
        if nid is not None:
            boundary = self.controller.panels.get("Data and boundary")
            if boundary is not None and boundary.show_unit(*nid) and self.thumbnails_on():
                self.controller.docks["Data and boundary"].raise_()
        if self.explorer is not None:
            self._update_explorer(force=True)

    def preactivations(self, nid: str) -> np.ndarray | None:
        """Net inputs z of layer ``nid`` for a batch: the latest snapshot's, or computed by core."""
        node = self.document.spec.nodes[nid]
        snap = self.controller.last
        if snap is not None and nid in snap.activations:
            z = snap.activations[nid][0]
            if z.ndim == 2 and z.shape[1] == node.units and \
                    snap.info.spec.nodes.get(nid) is not None and \
                    snap.info.spec.nodes[nid].activation == node.activation:
                return z
        try:
            train, _ = document_data(self.document)
            model = compile_model(self.document.spec, self.document.params)
            return model.activations(train.X[:PROBE_ROWS])[nid][0]
        except (DataProblem, SpecError, ValueError, KeyError):
            return None

    def _update_explorer(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._explorer_time < EXPLORER_INTERVAL:
            return
        self._explorer_time = now
        nid = self.selected_layer()
        if nid is None or self.explorer is None:
            return
        node = self.document.spec.nodes[nid]
        if force:
            self.explorer.set_activation(node.activation, node.activation_params or None)
        self.explorer.set_preactivations(self.preactivations(nid), node.label)

    def apply_activation(self, name: str) -> bool:
        """Set the selected layer's activation to ``name`` (with the explorer's γ/β): one undo entry."""
        nid = self.selected_layer()
        if nid is None:
            self.window.show_message(self.tr("Select a layer on the canvas first: its activation is the one set"))
            return False
        node = self.document.spec.nodes[nid]
        hyper = self.explorer.hyper(name) if self.explorer is not None else {}
        if node.activation == name and dict(node.activation_params) == hyper:
            self.window.show_message(self.tr("{0} already uses {1}").format(node.label, name))
            return False
        try:
            command = cmd.SetNodePropsCommand(self.document, nid,
                                              {"activation": name, "activation_params": hyper})
        except SpecError as e:
            self.window.show_message(self.tr("Cannot use {0} for {1}: {2}").format(name, node.label, e))
            return False
        self.document.push(command)
        self.window.show_message(command.text())
        return True

    # --- landscape axes from edges ----------------------------------------------------------

    def use_edge_as_axis(self, axis: int, edge: tuple[str, int, int]) -> None:
        """Remember ``edge`` as landscape axis 1 or 2; with both, show and compute the landscape."""
        self.axes[axis - 1] = tuple(edge)
        other = self.axes[2 - axis]
        sub = "₁₂"
        name = self._edge_name(edge)
        if other is None:
            self.window.show_message(self.tr("Landscape axis w{0}: {1}. Now choose w{2} from another edge's "
                                             "right-click menu.").format(sub[axis - 1], name, sub[2 - axis]))
            return
        if other == tuple(edge):
            self.window.show_message(self.tr("Choose two different edges for the two landscape axes"))
            return
        landscape = self.lab_widget("Loss landscape")
        try:
            landscape.set_axes_from_edges(self.axes[0], self.axes[1])
        except ValueError as e:
            self.window.show_message(self.tr("Cannot use these edges: {0}").format(e))
            return
        self.window.show_message(self.tr("Loss landscape over w₁ = {0} and w₂ = {1}")
                                 .format(self._edge_name(self.axes[0]), self._edge_name(self.axes[1])))

    def _edge_name(self, edge) -> str:
        spec = self.document.spec
        c = spec.connections.get(edge[0])
        if c is None:
            return str(edge)
        return f"{spec.nodes[c.src].label}[{edge[1] + 1}] → {spec.nodes[c.dst].label}[{edge[2] + 1}]"

    def _forget_axes(self) -> None:
        self.axes = [None, None]
