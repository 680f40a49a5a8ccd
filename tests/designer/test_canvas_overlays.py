"""The canvas's edge overlay (optimiser internals) and unit thumbnails, seen as a person sees them."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from core.parameters import weight_key


@pytest.fixture
def view(make_canvas):
    return make_canvas("xor", (900, 600))


def _pixel(view, conn_id: str, i: int, j: int) -> QColor:
    """The colour on screen at the middle of one edge."""
    item = view.canvas_scene.conn_items[conn_id]
    mid = QPointF((item.x_src + item.x_dst) / 2, (item.y_src[i] + item.y_dst[j]) / 2)
    img = view.viewport().grab().toImage()
    p = view.mapFromScene(mid)
    ratio = img.devicePixelRatio()
    return img.pixelColor(int(p.x() * ratio), int(p.y() * ratio))


def _pens(view, conn_id):
    item = view.canvas_scene.conn_items[conn_id]
    buckets, *_ = item._buckets(item._last_k)
    return {pen.color().name() for pen, _ in buckets}


def test_overlay_colours_follow_the_values_and_off_restores_weights(view):
    doc = view.document
    keys = {weight_key(c): doc.params[weight_key(c)].shape for c in doc.spec.connections}
    weight_colours = _pens(view, "c1")
    before = _pixel(view, "c1", 0, 0)

    values = {k: np.full(shape, 1e-3) for k, shape in keys.items()}
    values["W:c1"][0, 0] = -2.0          # one strongly negative edge: magenta, strongest
    view.set_edge_overlay(values, True, "gradient g")
    scale = view.edge_overlay_scale()
    assert scale is not None and scale.signed and scale.vmax == pytest.approx(2.0)
    assert _pens(view, "c1") != weight_colours
    neg = _pixel(view, "c1", 0, 0)
    assert neg.red() > neg.green() and neg.blue() > neg.green()      # magenta-ish

    values["W:c1"][0, 0] = 2.0           # the same edge turns green
    view.set_edge_overlay(values, True, "gradient g")
    pos = _pixel(view, "c1", 0, 0)
    assert pos.green() > pos.red() and pos.green() > pos.blue()

    view.set_edge_overlay({k: np.abs(v) + 1e-6 for k, v in values.items()}, False, "Adam r̂")
    assert not view.edge_overlay_scale().signed

    view.set_edge_overlay({}, True, "")
    assert view.edge_overlay_scale() is None
    assert _pens(view, "c1") == weight_colours
    assert _pixel(view, "c1", 0, 0) == before


def test_thumbnails_draw_each_units_plane_only_on_columns(view):
    doc = view.document
    rng = np.random.default_rng(0)
    planes = {"h1": np.tanh(rng.normal(size=(28, 28, doc.spec.nodes["h1"].units))),
              "out": rng.normal(size=(28, 28, 1))}
    view.set_unit_planes(planes)
    h1, out = view.canvas_scene.node_items["h1"], view.canvas_scene.node_items["out"]
    assert h1.has_thumbnails() and len(h1.thumbnails()) == doc.spec.nodes["h1"].units
    assert not out.has_thumbnails() or out.shape_info.style == "column"
    np.testing.assert_array_equal(h1.planes, planes["h1"])
    # the top-left pixel of unit 0's thumbnail shows the plane's top-left (largest x2, smallest x1)
    img = h1.thumbnails()[0]
    lo, hi = h1.thumbnail_levels()
    lut = h1.theme.lut()
    idx = int(np.clip(np.round((planes["h1"][-1, 0, 0] - lo) / (hi - lo) * 255), 0, 255))
    assert img.pixel(0, 0) & 0xFFFFFF == int(lut[idx]) & 0xFFFFFF
    view.set_unit_planes(None)
    assert not h1.has_thumbnails()
