"""The canvas, driven by real mouse and key events (gesture -> one undo entry -> model)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication

from core.parameters import bias_key, init_parameters, weight_key
from core.spec import Node, sequential
from designer import commands as cmd
from designer.canvas import CanvasView
from designer.canvas.view import example_document
from designer.palette import Palette

from canvas_helpers import (MIDDLE, Viewport, canonical, centre, click, double_click, drag, drop, key, move,
                            port, press, release, wheel)


@pytest.fixture
def view(make_canvas):
    return make_canvas()


@pytest.fixture
def xor_view(make_canvas):
    return make_canvas("xor")


def messages(view) -> list[str]:
    out: list[str] = []
    view.message.connect(out.append)
    return out


def test_build_xor_with_palette_drags_and_port_drags(view, qtbot, monkeypatch):
    palette = Palette()
    qtbot.addWidget(palette)
    palette.show()
    doc = view.document

    # A real drag from the palette: QDrag.exec would wait for a platform drag
    # loop offscreen, so it is replaced by delivering the drag's own mime data
    # to the canvas as Qt's drop events.
    target = {}

    def fake_exec(self, *args, **kwargs):
        assert drop(view, self.mimeData(), target["pos"])
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)

    def drag_from_palette(kind, pos, units=None):
        entry = palette.entries[kind]
        if units is not None:
            entry.units.setValue(units)
        target["pos"] = pos
        from canvas_helpers import LEFT, NONE, NOMOD
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QMouseEvent
        p = QPointF(entry.rect().center())
        QApplication.sendEvent(entry, QMouseEvent(QEvent.Type.MouseButtonPress, p, p, LEFT, LEFT, NOMOD))
        p2 = p + QPointF(30, 5)
        QApplication.sendEvent(entry, QMouseEvent(QEvent.Type.MouseMove, p2, p2, NONE, LEFT, NOMOD))

    drag_from_palette("input", (-250, 0))
    drag_from_palette("layer", (0, 0), units=4)
    drag_from_palette("output", (250, 0))
    ids = list(doc.spec.nodes)
    assert [doc.spec.nodes[n].kind for n in ids] == ["input", "layer", "output"]
    inp, hid, out = ids
    assert doc.spec.nodes[inp].meta["pos"] == [-250.0, 0.0]

    drag(view, port(view, inp, "out"), port(view, hid, "in"))
    drag(view, port(view, hid, "out"), centre(view, out))   # anywhere on the target node works
    assert doc.undo_stack.count() == 5
    assert doc.can_train(), doc.problems

    expected = sequential([2, 4, 1], activation="tanh", output="logistic", loss="bce")
    assert canonical(doc.spec) == canonical(expected)
    full = doc.spec.to_dict()
    # The weights are core's, for this structure and seed.
    ref = init_parameters(doc.spec, doc.seed)
    assert all(np.array_equal(doc.params[k], ref[k]) for k in ref)

    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.spec.to_dict() == {"nodes": [], "connections": []}
    assert not view.canvas_scene.node_items and not view.canvas_scene.conn_items
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert doc.spec.to_dict() == full
    assert set(view.canvas_scene.node_items) == set(ids)
    assert len(view.canvas_scene.conn_items) == 2


def test_double_click_on_palette_adds_at_centre(view, qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    palette.node_requested.connect(view.add_from_template)
    entry = palette.entries["neuron"]
    qtbot.mouseDClick(entry, Qt.MouseButton.LeftButton)
    assert [n.kind for n in view.document.spec.nodes.values()] == ["neuron"]
    nid = next(iter(view.document.spec.nodes))
    x, y = view.document.spec.nodes[nid].meta["pos"]
    c = view.mapToScene(view.viewport().rect().center())
    assert abs(x - c.x()) < 30 and abs(y - c.y()) < 30
    assert view.selection().nodes == (nid,)


def test_drop_of_foreign_data_is_refused(view):
    from PySide6.QtCore import QMimeData
    mime = QMimeData()
    mime.setText("hello")
    assert not drop(view, mime, (0, 0))
    assert not view.document.spec.nodes


def test_cycle_is_refused_with_its_reason_on_the_status_signal(xor_view):
    view, doc = xor_view, xor_view.document
    doc.undo_stack.push(cmd.AddNodeCommand(doc, Node("n", "neuron", 1, "relu", meta={"pos": [200.0, 250.0]})))
    view.fit()
    drag(view, port(view, "h1", "out"), port(view, "n", "in"))
    assert "c3" in doc.spec.connections or len(doc.spec.connections) == 3
    said = messages(view)
    count = doc.undo_stack.count()
    drag(view, port(view, "n", "out"), port(view, "h1", "in"))
    assert doc.undo_stack.count() == count
    assert any("cycle" in m and "hidden 1" in m for m in said), said
    # Into an input: refused too, with its reason.
    drag(view, port(view, "h1", "out"), centre(view, "in"))
    assert doc.undo_stack.count() == count
    assert "nothing can feed into it" in said[-1], said
    # From an output's input port back to a source: a skip connection, accepted.
    drag(view, port(view, "out", "in"), centre(view, "in"))
    assert doc.undo_stack.count() == count + 1
    assert doc.spec.connections[doc.undo_stack.command(count).conn_id].src == "in"


def test_hover_feedback_while_connecting_and_escape_cancels(xor_view):
    view, doc = xor_view, xor_view.document
    count = doc.undo_stack.count()
    items = view.canvas_scene.node_items
    said = messages(view)
    press(view, port(view, "out", "in"))
    move(view, centre(view, "h1"))
    assert items["h1"].hint == "bad"             # already connected
    assert "already connected" in said[-1]       # the reason shows while hovering
    move(view, centre(view, "in"))
    assert items["in"].hint == "ok"              # a skip connection in -> out is fine
    key(view, Qt.Key.Key_Escape)
    assert view.editor.input.gesture is None and items["in"].hint is None
    release(view, centre(view, "in"))
    assert doc.undo_stack.count() == count


def test_invalid_states_are_flagged_on_the_nodes(view):
    doc = view.document
    view.add_from_template({"kind": "layer", "units": 3}, (0, 0))
    nid = next(iter(doc.spec.nodes))
    item = view.canvas_scene.node_items[nid]
    assert any("no incoming connection" in m for m in item.problems)
    tip = item.tooltip_at(QPointF(0, -item.frame_rect().height()))   # on the frame, not a unit
    assert "⚠" in tip and "no incoming" in tip
    view.add_from_template({"kind": "input", "units": 2}, (-200, 0))
    view.add_from_template({"kind": "output", "units": 1, "loss": None}, (200, 0))
    inp, out = list(doc.spec.nodes)[1:]
    drag(view, port(view, inp, "out"), port(view, nid, "in"))
    drag(view, port(view, nid, "out"), port(view, out, "in"))
    assert view.canvas_scene.node_items[out].problems == ["the output output has no loss"]
    assert not item.problems
    doc.undo_stack.push(cmd.SetNodePropsCommand(doc, out, {"loss": "mse"}))
    assert not view.canvas_scene.node_items[out].problems and doc.can_train()


def _edge_point(view, cid, i, j, t=0.5) -> QPointF:
    item = view.canvas_scene.conn_items[cid]
    return QPointF(item.x_src + (item.x_dst - item.x_src) * t,
                   item.y_src[i] + (item.y_dst[j] - item.y_src[i]) * t)


def test_click_an_edge_type_its_weight_enter(xor_view, qtbot):
    view, doc = xor_view, xor_view.document
    view.viewport().repaint()
    p = _edge_point(view, "c2", 2, 0, 0.6)
    click(view, p)
    assert view.selection().edge == ("c2", 2, 0)
    tip = view.canvas_scene.conn_items["c2"].tooltip((2, 0))
    assert f"w = {doc.params[weight_key('c2')][0, 2]:.6g}" in tip
    # click, type, Enter: typing starts the in-place editor
    key(view, Qt.Key.Key_Minus, text="-")
    editor = view.editor.values.line_edit
    assert editor is not None and editor.text() == "-"
    qtbot.keyClicks(editor, "0.75")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.params[weight_key("c2")][0, 2] == -0.75
    assert view.editor.values.line_edit is None
    doc.undo_stack.undo()
    assert doc.params[weight_key("c2")][0, 2] != -0.75
    # double-click opens the editor with the current value; Esc cancels
    double_click(view, p)
    assert view.editor.values.line_edit is not None
    qtbot.keyClick(view.editor.values.line_edit, Qt.Key.Key_Escape)
    assert view.editor.values.line_edit is None


def test_type_a_bias_in_place(xor_view, qtbot):
    view, doc = xor_view, xor_view.document
    unit = view.canvas_scene.node_items["h1"].unit_center(1)
    double_click(view, unit)
    assert view.selection().unit == ("h1", 1)
    ed = view.editor.values.line_edit
    ed.setText("abc")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert view.editor.values.line_edit is ed                    # not a number: stays open, says why
    ed.setText("0,5")                             # a decimal comma is accepted
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert doc.params[bias_key("h1")][1] == 0.5


def test_remove_and_restore_a_single_edge(xor_view):
    view, doc = xor_view, xor_view.document
    view.viewport().repaint()
    click(view, _edge_point(view, "c1", 1, 3))
    assert view.selection().edge == ("c1", 1, 3)
    key(view, Qt.Key.Key_Delete)
    assert (1, 3) in doc.spec.connections["c1"].removed
    assert doc.params[weight_key("c1")][3, 1] == 0.0
    view.viewport().repaint()
    click(view, _edge_point(view, "c1", 1, 3))     # a removed edge can still be picked
    assert view.selection().edge == ("c1", 1, 3)
    said = messages(view)
    key(view, Qt.Key.Key_Delete)
    assert "already removed" in said[-1]
    key(view, Qt.Key.Key_Insert)
    assert doc.spec.connections["c1"].removed == []
    assert doc.undo_stack.count() == 2


def test_rubber_band_select_then_delete_and_undo(xor_view):
    view, doc = xor_view, xor_view.document
    before = doc.spec.to_dict()
    a, b = centre(view, "h1"), centre(view, "out")
    drag(view, (a.x() - 60, a.y() - 200), (b.x() + 80, b.y() + 200))
    assert set(view.selection().nodes) == {"h1", "out"}
    key(view, Qt.Key.Key_Delete)
    assert list(doc.spec.nodes) == ["in"] and not doc.spec.connections
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.spec.to_dict() == before


def test_move_by_drag_is_one_entry_and_escape_puts_back(xor_view):
    view, doc = xor_view, xor_view.document
    start = list(doc.spec.nodes["h1"].meta["pos"])
    c = centre(view, "h1")
    grab = QPointF(c.x(), c.y() - view.canvas_scene.node_items["h1"].frame_rect().height() / 2 + 3)
    drag(view, grab, grab + QPointF(60, 40), steps=8)
    assert doc.undo_stack.count() == 1
    assert doc.spec.nodes["h1"].meta["pos"] == pytest.approx([start[0] + 60, start[1] + 40], abs=1.5)
    assert view.canvas_scene.node_items["h1"].pos().x() == pytest.approx(start[0] + 60, abs=1.5)
    # the edges follow
    assert view.canvas_scene.conn_items["c1"].x_dst < start[0] + 60
    doc.undo_stack.undo()
    assert doc.spec.nodes["h1"].meta["pos"] == start
    press(view, grab)
    for k in range(1, 5):
        move(view, grab + QPointF(20 * k, 0))
    key(view, Qt.Key.Key_Escape)
    release(view, grab + QPointF(80, 0))
    assert doc.spec.nodes["h1"].meta["pos"] == start
    assert doc.undo_stack.index() == 0 and not doc.undo_stack.canUndo()


def test_selection_signal_and_properties_of_a_click(xor_view):
    view = xor_view
    seen = []
    view.selection_changed.connect(lambda: seen.append(view.selection()))
    click(view, view.canvas_scene.node_items["h1"].unit_center(2))
    assert view.selection().nodes == ("h1",) and view.selection().unit == ("h1", 2)
    assert seen
    click(view, QPointF(-2000, -2000))
    assert view.selection().is_empty


def test_wheel_zoom_keys_fit_and_pan(xor_view):
    view = xor_view
    z0 = view.zoom()
    anchor = centre(view, "out")
    before = view.mapFromScene(anchor)
    wheel(view, anchor, 240)
    assert view.zoom() > z0 * 1.3
    assert (view.mapFromScene(anchor) - before).manhattanLength() <= 3    # zooms about the cursor
    key(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    z1 = view.zoom()
    key(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(z1 * 1.25)
    for _ in range(40):
        view.zoom_in()
    assert view.zoom() <= 6.0
    view.fit()
    vis = view.mapToScene(view.viewport().rect()).boundingRect()
    for it in view.canvas_scene.node_items.values():
        assert vis.contains(it.sceneBoundingRect())
    c0 = view.mapToScene(view.viewport().rect().center())
    drag(view, Viewport(500, 300), Viewport(400, 250), button=MIDDLE)
    c1 = view.mapToScene(view.viewport().rect().center())
    assert (c1 - c0).x() == pytest.approx(100 / view.zoom(), abs=2 / view.zoom())
    assert (c1 - c0).y() == pytest.approx(50 / view.zoom(), abs=2 / view.zoom())
    # space + drag pans too
    key(view, Qt.Key.Key_Space, text=" ")
    assert view.editor.input.space_held is False          # key() sends press and release
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " "))
    drag(view, Viewport(500, 300), Viewport(550, 300))
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Space,
                                           Qt.KeyboardModifier.NoModifier, " "))
    c2 = view.mapToScene(view.viewport().rect().center())
    assert (c2 - c1).x() < -20 / view.zoom()
    assert view.document.undo_stack.count() == 0


def test_copy_paste_nodes_with_their_weights(xor_view):
    view, doc = xor_view, xor_view.document
    view.select_nodes(["in", "h1"])
    assert view.copy()
    view.paste()
    assert doc.undo_stack.count() == 1
    new = [n for n in doc.spec.nodes if n not in ("in", "h1", "out")]
    assert len(new) == 2 and set(view.selection().nodes) == set(new)
    new_conn = [c for c in doc.spec.connections.values() if c.src in new]
    assert len(new_conn) == 1
    assert np.array_equal(doc.params[weight_key(new_conn[0].id)], doc.params[weight_key("c1")])
    a, b = doc.spec.nodes["h1"].meta["pos"], doc.spec.nodes[new_conn[0].dst].meta["pos"]
    assert b == [a[0] + 40, a[1] + 40]
    doc.undo_stack.undo()
    assert set(doc.spec.nodes) == {"in", "h1", "out"}


def test_auto_layout_columns_by_depth_one_entry(view):
    doc = view.document
    spec = sequential([2, 3, 3, 1])
    for n in spec.nodes.values():
        n.meta["pos"] = [0.0, 0.0]
    from core.files import NetworkFile
    doc.replace(NetworkFile(spec, {}))
    view.auto_layout()
    xs = [doc.spec.nodes[n].meta["pos"][0] for n in ("in", "h1", "h2", "out")]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert all(n.meta["pos"] == [0.0, 0.0] for n in doc.spec.nodes.values())


def test_tooltips_show_exact_numbers_and_live_values(xor_view):
    view = xor_view
    item = view.canvas_scene.node_items["h1"]
    local = QPointF(0, float(item.shape_info.ys[0]))
    assert "z and a show once" in item.tooltip_at(local)
    view.set_unit_values("h1", np.array([0.5, -0.25, 0.0, 1.0]), z=np.array([0.55, -0.26, 0.0, 2.0]))
    tip = item.tooltip_at(local)
    assert "z = 0.55" in tip and "a = 0.5" in tip and "b = 0" in tip
    assert item.value_colors() is not None
    view.clear_unit_values()
    assert item.values is None
    # port tooltips say what to do
    assert "Drag" in item.tooltip_at(item.port_pos("out"))


def test_weights_redraw_on_params_changed(xor_view):
    view, doc = xor_view, xor_view.document
    item = view.canvas_scene.conn_items["c1"]
    view.viewport().repaint()
    new = {k: v * 0 + 2.0 for k, v in doc.params.items()}
    doc.set_params(new)
    assert np.all(item.W == 2.0)
    assert np.all(view.canvas_scene.node_items["h1"].bias == 2.0)


def test_large_layers_are_blocks_and_bundles(qtbot):
    doc = example_document("big")
    v = CanvasView(doc)
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.show()
    qtbot.waitExposed(v)
    v.fit()
    v.viewport().repaint()
    item = v.canvas_scene.conn_items["c1"]
    assert v.canvas_scene.node_items["h1"].shape_info.style == "block"
    assert not item.is_exact()
    buckets, lines, _, _ = item._buckets(item._last_k)
    assert 0 < len(lines) <= 1024
    assert "bundles" in item.tooltip(None)


def test_dark_palette_changes_the_canvas_colours(xor_view):
    from designer.theme import dark_palette
    view = xor_view
    light_bg = view.canvas_scene.theme.background.lightness()
    view.setPalette(dark_palette())
    assert view.canvas_scene.theme.dark
    assert view.canvas_scene.theme.background.lightness() < light_bg
    view.viewport().repaint()


def test_scene_never_holds_state_the_document_lacks(xor_view):
    """Items are projections: after any undo the items equal the spec."""
    view, doc = xor_view, xor_view.document
    doc.undo_stack.push(cmd.delete_command(doc, ["h1"]))
    doc.undo_stack.undo()
    sc = view.canvas_scene
    assert set(sc.node_items) == set(doc.spec.nodes)
    assert set(sc.conn_items) == set(doc.spec.connections)
    for nid, it in sc.node_items.items():
        assert [it.pos().x(), it.pos().y()] == doc.spec.nodes[nid].meta["pos"]


def test_hover_highlights_an_edge_and_tooltip_events_show_numbers(xor_view):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip
    view, doc = xor_view, xor_view.document
    view.viewport().repaint()
    p = _edge_point(view, "c1", 0, 1, 0.3)      # (at 0.5 it crosses edge (1, 0))
    move(view, p, buttons=Qt.MouseButton.NoButton)
    assert view.canvas_scene.conn_items["c1"].hover_edge == (0, 1)
    assert view.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    vp = view.mapFromScene(p)
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, vp, view.viewport().mapToGlobal(vp)))
    assert f"w = {doc.params[weight_key('c1')][1, 0]:.6g}" in QToolTip.text()
    u = view.mapFromScene(view.canvas_scene.node_items["h1"].unit_center(3))
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, u, view.viewport().mapToGlobal(u)))
    assert "hidden 1 · unit 4" in QToolTip.text() and "b = 0" in QToolTip.text()
    move(view, QPointF(-3000, -3000), buttons=Qt.MouseButton.NoButton)
    assert view.canvas_scene.conn_items["c1"].hover_edge is None


def test_opening_another_network_drops_selection_and_values_and_fits(xor_view, qtbot):
    from core.files import NetworkFile
    view, doc = xor_view, xor_view.document
    view.select_nodes(["h1"])
    view.canvas_scene.select_unit("h1", 1)
    view.set_unit_values("h1", np.ones(4))
    spec = sequential([2, 4, 1])          # same ids, far away
    for k, n in enumerate(spec.nodes.values()):
        n.meta["pos"] = [5000.0 + 200 * k, 3000.0]
    doc.replace(NetworkFile(spec, {}))
    sc = view.canvas_scene
    assert view.selection().is_empty and sc.node_items["h1"].values is None
    qtbot.waitUntil(lambda: view.mapToScene(view.viewport().rect()).boundingRect().contains(
        sc.node_items["h1"].sceneBoundingRect()))


def test_context_menus_offer_what_fits_the_selection(xor_view):
    view = xor_view

    def texts(pos):
        return [a.text() for a in view.context_menu(pos).actions() if not a.isSeparator()]

    view.select_edge("c1", 0, 0)
    assert texts(QPointF()) == ["Type weight…", "Remove edge", "Use as landscape axis w₁",
                                "Use as landscape axis w₂"]
    view.remove_selected_edge()
    assert texts(QPointF()) == ["Restore edge"]
    view.select_nodes(["h1"])
    assert "Re-initialise weights" in texts(QPointF()) and "Delete" in texts(QPointF())
    view.clear_selection()
    assert texts(QPointF()) == ["Paste", "Arrange in columns", "Fit to window"]


def test_cut_is_copy_then_delete_in_one_entry(xor_view):
    view, doc = xor_view, xor_view.document
    view.select_nodes(["out"])
    key(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert "out" not in doc.spec.nodes and doc.undo_stack.count() == 1
    key(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [n.kind for n in doc.spec.nodes.values()].count("output") == 1
    assert doc.undo_stack.count() == 2
