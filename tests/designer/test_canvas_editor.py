"""The canvas's editor split: events reach the editor through its filter; the look helpers' numbers."""
import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from designer.canvas.colors import Theme
from designer.canvas.edge_overlay import N_BUCKETS, OverlayScale
from designer.canvas.node_paint import lut_index

from canvas_helpers import centre, click


def test_keys_the_editor_does_not_use_go_on_to_the_view(make_canvas):
    view = make_canvas("xor")
    click(view, centre(view, "h1"))
    ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    assert view.editor.input.eventFilter(view, ev) is False       # not an edit: the view has it
    ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert view.editor.input.eventFilter(view, ev) is True
    assert view.selection().is_empty


def test_units_and_strips_share_one_look_up_of_values():
    # -max..max onto 0..255, the range at least -1..1
    assert lut_index(np.array([-2.0, 0.0, 2.0])).tolist() == [0, 128, 255]
    assert lut_index(np.array([0.5, -0.5])).tolist() == [191, 64]
    assert lut_index(np.array([])).tolist() == []


def test_one_overlay_value_is_drawn_in_its_buckets_colour():
    th = Theme.for_palette()
    sc = OverlayScale(True, 0.0, 2.0)
    pos, neg = sc.colors(th)
    assert sc.color(th, -2.0) == neg[N_BUCKETS - 1]
    assert sc.color(th, 0.1) == pos[0]           # 0.05 of the way: the weakest bucket
    assert sc.color(th, 1.0) == pos[N_BUCKETS // 2]
    w = np.array([-2.0, 0.1, 1.0, 1.1])
    lines = np.arange(16.0).reshape(4, 4)
    buckets = sc.buckets(th, w, lines)
    assert sum(len(a) for _, a in buckets) == 4
    assert [round(p.widthF(), 3) for p, _ in buckets] == [0.933, 2.333, 3.267]
