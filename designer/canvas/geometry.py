"""Where things are drawn: unit positions, node frames, ports, auto-layout.

Plain functions of a :class:`core.spec.Node` (no Qt items), so the items,
the hit tests, the edge bundles and the auto-layout all agree, and a test
can check them without a scene. Coordinates are relative to the node's
centre, which is what ``node.meta["pos"]`` stores.

* A single neuron is one big circle.
* A group of up to :data:`MAX_COLUMN` units is a column of circles in a frame.
* A larger group is a compact block: one heat-map row per unit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.spec import NetworkSpec, Node

MAX_COLUMN = 32          # beyond this, a layer is drawn as a block with a heat-map
NEURON_R = 18.0          # a single neuron
#: (most units, radius, step) of a column: big circles for a few units, smaller for many
COLUMN_SIZES = ((8, 11.0, 30.0), (16, 9.0, 23.0), (MAX_COLUMN, 7.0, 17.0))
PAD_X, PAD_Y = 9.0, 9.0
BLOCK_W = 38.0
BLOCK_MIN_H, BLOCK_MAX_H = 140.0, 380.0
PORT_R = 5.5
LABEL_GAP = 6.0
COLUMN_GAP = 170.0       # auto-layout: horizontal distance between frames
ROW_GAP = 60.0           # auto-layout: vertical distance between frames in a column


@dataclass(frozen=True)
class NodeShape:
    """How one node is laid out around its centre."""

    style: str               # "neuron", "column" or "block"
    units: int
    radius: float            # unit circle radius (0 for a block)
    ys: np.ndarray           # unit centres (column) or row centres (block), top to bottom
    frame: tuple[float, float, float, float]   # x, y, w, h of the frame
    has_in: bool
    has_out: bool

    @property
    def half_width(self) -> float:
        return self.frame[2] / 2

    @property
    def in_port(self) -> tuple[float, float]:
        return (-self.half_width, 0.0)

    @property
    def out_port(self) -> tuple[float, float]:
        return (self.half_width, 0.0)

    def attach_x(self, side: int) -> float:
        """Where edges leave (side=+1, right) or arrive (side=-1, left), relative x."""
        if self.style == "block":
            return side * BLOCK_W / 2
        return side * self.radius

    @property
    def row_height(self) -> float:
        """Height of one unit's row in a block (its heat-map cell)."""
        return self.frame[3] / self.units if self.style == "block" else 2 * self.radius


def node_shape(node: Node) -> NodeShape:
    """The layout of ``node``: style, unit centres, frame and ports."""
    n = max(int(node.units), 1)
    has_in, has_out = node.kind != "input", node.kind != "output"
    if node.kind == "neuron" or (n == 1 and node.kind != "input" and node.kind != "output"):
        r = NEURON_R
        return NodeShape("neuron", 1, r, np.zeros(1), (-r - 4, -r - 4, 2 * r + 8, 2 * r + 8),
                         has_in, has_out)
    if n <= MAX_COLUMN:
        r, step = next((r, step) for most, r, step in COLUMN_SIZES if n <= most)
        ys = (np.arange(n) - (n - 1) / 2) * step
        h = (n - 1) * step + 2 * r + 2 * PAD_Y
        w = 2 * r + 2 * PAD_X
        return NodeShape("column", n, r, ys, (-w / 2, -h / 2, w, h), has_in, has_out)
    h = float(np.clip(n * 1.0, BLOCK_MIN_H, BLOCK_MAX_H))
    ys = -h / 2 + (np.arange(n) + 0.5) * (h / n)
    w = BLOCK_W
    return NodeShape("block", n, 0.0, ys, (-w / 2, -h / 2, w, h), has_in, has_out)


def node_size(node: Node) -> tuple[float, float]:
    """Width and height of a node's frame (for layout)."""
    s = node_shape(node)
    return s.frame[2], s.frame[3]


def auto_layout(spec: NetworkSpec, origin: tuple[float, float] = (0.0, 0.0)) -> dict[str, tuple[float, float]]:
    """Positions in columns by depth (core's longest path from a source).

    Each column is stacked and centred on ``origin``'s y; columns are spaced
    by the widest frame plus :data:`COLUMN_GAP`. Within a column, nodes keep
    the order of their current y (then insertion order), so a person's
    arrangement survives where it can.
    """
    if not spec.nodes:
        return {}
    try:
        depth = spec.depths()
    except Exception:           # a cycle cannot be laid out by depth: keep insertion order
        depth = {nid: k for k, nid in enumerate(spec.nodes)}
    columns: dict[int, list[str]] = {}
    for nid in spec.nodes:
        columns.setdefault(depth[nid], []).append(nid)
    pos: dict[str, tuple[float, float]] = {}
    x = origin[0]
    prev_half = 0.0
    for k, d in enumerate(sorted(columns)):
        ids = sorted(columns[d], key=lambda n: (_y(spec.nodes[n]), list(spec.nodes).index(n)))
        sizes = [node_size(spec.nodes[n]) for n in ids]
        half = max(w for w, _ in sizes) / 2
        if k:
            x += prev_half + COLUMN_GAP + half
        prev_half = half
        total = sum(h for _, h in sizes) + ROW_GAP * (len(ids) - 1)
        y = origin[1] - total / 2
        for nid, (_, h) in zip(ids, sizes):
            pos[nid] = (round(x, 1), round(y + h / 2, 1))
            y += h + ROW_GAP
    return pos


def _y(node: Node) -> float:
    p = node.meta.get("pos")
    return float(p[1]) if p is not None else 0.0


def node_pos(node: Node) -> tuple[float, float] | None:
    """The node's stored centre, or None if the file had no layout."""
    p = node.meta.get("pos")
    if p is None:
        return None
    try:
        return float(p[0]), float(p[1])
    except (TypeError, ValueError, IndexError):
        return None
