"""Put the training controls and panels into the main window, wired: one call.

It lives beside the main window, not in ``designer.training``, because it
composes the training side with the panels that show it, and training must
not import its panels (an import-linter contract in pyproject.toml).

``controller = install_training(window)`` is all the main window needs. It
uses only what the window and the canvas already offer:

* ``window.document``, ``window.add_panel(widget, title, area, object_name)``
  (docks listed under View > Panels, layout restored by object name) and
  ``window.closing`` (the training process is stopped there);
* ``window.canvas.set_unit_values(node_id, a, z)``: units are coloured by the
  probe batch's mean activation, or by the sample chosen in the activations
  panel; ``window.canvas.selection_changed`` / ``selection()``: selecting a
  connection shows its weights, selecting a unit colours the data plane by
  that unit.

The training actions (Play/Pause on Space, Step batch F10, Step epoch F11,
Reset Ctrl+Shift+R) are added to the window so their shortcuts work
everywhere in it; put ``controller.actions`` in a menu or toolbar as well
if you like.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from core.snapshot import Snapshot

from .panels import make_panels
from .training.controller import TrainingController
from .training.controls import TrainingControls

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


def install_training(window: Any, banner: bool = True, mode: str | None = None,
                     arrange: bool = True) -> TrainingController:
    """Dock the training controls and the five panels in ``window``; return the controller.

    ``banner=False`` leaves the divergence banner out of the Training dock
    (for a window that shows its own :class:`~designer.training.divergence.DivergenceBanner`
    elsewhere); ``mode`` is the worker's ("process", the default, or "thread").
    ``arrange=False`` leaves the panels' arrangement to a window that makes its
    own: rearranging tabbed docks afterwards leaves Qt's old tab bar showing.
    """
    doc = window.document
    ctl = TrainingController(doc, parent=window, mode=mode)
    controls = TrainingControls(doc, ctl, banner=banner)
    docks = {"Training": window.add_panel(controls, "Training", RIGHT, "dock-training")}
    panels = make_panels(ctl)
    for title, panel in panels.items():
        docks[title] = window.add_panel(panel, title, BOTTOM, f"dock-training-{title.split()[0].lower()}")
    if arrange:
        _arrange(window, docks)
    window.addActions(list(ctl.actions.values()))
    closing = getattr(window, "closing", None)
    if closing is not None:
        closing.connect(ctl.shutdown)
    canvas = getattr(window, "canvas", None)
    if canvas is not None:
        _wire_canvas(canvas, ctl, panels)
    ctl.panels = panels          # for tests and menus
    ctl.docks = docks
    ctl.controls = controls
    return ctl


def _arrange(window: Any, docks: dict[str, Any]) -> None:
    """The data plot beside the tabbed curves / activations / weights / gradients."""
    tabs = [docks[t] for t in ("Curves", "Activations", "Weights", "Gradients")]
    window.splitDockWidget(docks["Data and boundary"], tabs[0], Qt.Orientation.Horizontal)
    for d in tabs[1:]:
        window.tabifyDockWidget(tabs[0], d)
    tabs[0].raise_()
    window.resizeDocks([docks["Data and boundary"]], [360], Qt.Orientation.Vertical)
    window.resizeDocks([docks["Data and boundary"], tabs[0]], [480, 700], Qt.Orientation.Horizontal)
    window.resizeDocks([docks["Training"]], [350], Qt.Orientation.Horizontal)


def _wire_canvas(canvas: Any, ctl: TrainingController, panels: dict[str, Any]) -> None:
    activations = panels["Activations"]
    set_values = getattr(canvas, "set_unit_values", None)
    if set_values is not None:
        def colour(snap: Snapshot) -> None:
            sample = activations.sample.value() - 1 if activations.one_sample else None
            for nid, (z, a) in snap.activations.items():
                if sample is None:
                    set_values(nid, a.mean(axis=0), z.mean(axis=0))
                else:
                    i = min(sample, len(a) - 1)
                    set_values(nid, a[i], z[i])
        ctl.snapshot_ready.connect(colour)

    changed = getattr(canvas, "selection_changed", None)
    selection = getattr(canvas, "selection", None)
    if changed is None or selection is None:
        return
    weights, boundary = panels["Weights"], panels["Data and boundary"]

    def follow() -> None:
        sel = selection()
        conn = sel.edge[0] if getattr(sel, "edge", None) else (sel.connections[0] if sel.connections else None)
        if conn is not None:
            weights.set_connection(conn)
        unit = getattr(sel, "unit", None)
        if unit is not None:
            i = boundary.colour_by.findData(tuple(unit))
            if i >= 0:
                boundary.colour_by.setCurrentIndex(i)
    changed.connect(follow)
