"""The network canvas: a scene that follows the document, its view, and the view's editor.

Files
-----
``scene.py`` (the items follow the document), ``nodes.py`` / ``node_paint.py``
(a node's item and its drawing), ``edges.py`` / ``edge_overlay.py`` (a
connection's batched edges, and the overlay's scale and legend),
``view.py`` (shows, zooms, fits, pans), ``editor.py`` (selection and edits as
commands), ``editor_input.py`` (mouse, keys, drops and the context menu read
as gestures), ``interactions.py`` (the drag gestures), ``value_editor.py``
(typing a weight or bias in place), ``clipboard.py``, ``geometry.py``,
``colors.py``.

Wiring (what the main window connects)
--------------------------------------
``canvas = CanvasView(document)``
    The central widget. It follows ``document``'s signals by itself and
    pushes every edit as one command on ``document.undo_stack``.

Signals of :class:`CanvasView`

* ``message(str)``: show on the status bar (why a connection was refused,
  what a gesture did).
* ``selection_changed()``: read ``canvas.selection()`` (a :class:`Selection`
  with ``nodes``, ``connections``, ``edge=(conn_id, i, j)``,
  ``unit=(node_id, j)``).
* ``zoom_changed(float)``: 1.0 is 100 %.

Slots for menus (all argument-free)

* Edit: ``copy``, ``cut``, ``paste``, ``delete_selected``, ``select_all``,
  ``clear_selection``, ``remove_selected_edge``, ``restore_selected_edge``,
  ``edit_selected_value`` (type a weight/bias in place),
  ``reinitialise_selected`` (all nodes when none is selected).
* View: ``zoom_in``, ``zoom_out``, ``zoom_reset``, ``fit``, ``auto_layout``.

The view registers *no* QAction shortcuts of its own (so there is no
ambiguity with the window's): its editor's input handles Delete,
Backspace, Esc, Insert, Enter/F2, Ctrl+A/C/X/V, Ctrl+=/+/-/0, Ctrl+L and
space-drag panning when the window did not take those keys.

Palette: ``palette = designer.palette.Palette()``; real drag-and-drop onto
the canvas works by itself (mime type ``designer.palette.MIME_TYPE``);
connect ``palette.node_requested`` to ``canvas.add_from_template`` for
double-click.

Properties: ``designer.properties.PropertiesPanel(document, canvas)``
follows the canvas selection and the document by itself.

Live values (training, the backprop stepper):
``canvas.set_unit_values(node_id, a, z=None)`` colours a node's units by
their activations (z and a show in the unit tooltips);
``canvas.clear_unit_values()``. Weights and biases redraw by themselves on
``document.params_changed`` (keep that at ~30 Hz at most).

Opening a file: after ``Document.replace`` (which emits ``replaced``) the
canvas drops the old items, selection and live values, and fits the new
network in view by itself.

Read-only item API other panels may use (the stepper's overlay does):
``canvas.canvas_scene.node_items[node_id]`` (``.unit_center(j)`` in scene
coordinates, ``.shape_info``), ``canvas.canvas_scene.conn_items[conn_id]``;
positions for layout maths come from :mod:`designer.canvas.geometry`
(``node_shape``, ``node_pos``, ``auto_layout``), never from items.

Export: ``canvas.scene()`` renders without the grid and without a
background of its own (the exporter fills it), so ``export_png/svg`` work.

Look at it: ``python -m designer.canvas [--big|--mixed|--empty] [--values]
[--dark] [--screenshot OUT.png]``; the benchmark is
``python -m pytest -q -s tests/benchmarks/test_canvas_speed.py``.

Qt binding note: importing this package (or ``designer.document``) applies
:mod:`designer.pyside_compat`, which keeps PySide6 6.12 from aborting
Python 3.11 after a few thousand calls.
"""
from .. import pyside_compat  # noqa: F401  (before any Qt call)
from .scene import CanvasScene
from .view import CanvasView, Selection

__all__ = ["CanvasView", "CanvasScene", "Selection"]
