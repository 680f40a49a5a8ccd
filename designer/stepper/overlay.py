"""The walk drawn on the canvas, without touching the canvas's own items.

:class:`StepOverlay` is one ``QGraphicsObject`` added to the canvas's scene
above everything (z = 10⁶). Its shape is empty, so it is never hit by a
click, a hover or the canvas's own picking; it only paints:

* a translucent veil over units the forward pass has not reached yet;
* the values computed so far next to each unit (z, a, δ) and the gradient
  of every computed edge as a thin line coloured by sign (red negative, blue
  positive), with the numbers on the edges into the current unit;
* the current unit (a ring), edge (a thick line) or whole node/connection;
* where several paths meet (a hidden δ, a hidden weight's gradient), the
  sum term by term in a small box beside the unit.

Unit positions come from the canvas items' public geometry
(``scene.node_items[nid].unit_center(j)`` and ``.shape_info``) when the
scene has them, else from ``node.meta["pos"]`` and
:func:`designer.canvas.geometry.node_shape`.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsObject

from core.trace import TraceStep

from .table import fmt

Z_OVERLAY = 1_000_000.0
MAX_LABELLED_UNITS = 12      # value labels beside units only for columns this small
MAX_DRAWN_EDGES = 400        # gradient lines only for connections this small


@dataclass
class _Style:
    """What one paint of the overlay draws with."""

    fm: QFontMetricsF
    veil: QColor
    text: QColor
    bg: QColor
    neg: QColor
    pos: QColor
    accent: QColor


class StepOverlay(QGraphicsObject):
    """Paints the stepper's walk over the canvas scene."""

    def __init__(self, document, canvas_view):
        super().__init__()
        self.doc = document
        self.view = canvas_view
        self._scene = canvas_view.scene() if hasattr(canvas_view, "scene") else canvas_view
        self.setZValue(Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.session = None
        self._rect = QRectF()
        self._drawn = QRectF()       # the labels painted last time, in scene coordinates
        self._extent = QRectF()      # what fit_extent() reports
        self._scene.addItem(self)

    def detach(self) -> None:
        """Take the overlay off the canvas."""
        if self.scene() is not None:
            self.scene().removeItem(self)

    # --- state -----------------------------------------------------------------------------

    def set_session(self, session) -> None:
        """Show ``session``'s walk at its current position (None: draw nothing)."""
        if session is None or session is not self.session:
            self._extent = QRectF()
        self.session = session
        self.prepareGeometryChange()
        rect = QRectF()
        for item in self._scene.items():
            if item is not self:
                rect = rect.united(item.sceneBoundingRect())
        self._rect = rect.adjusted(-260, -160, 260, 160)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def fit_extent(self) -> QRectF:
        """Where the walk's labels were drawn: fitting the canvas keeps them in view too."""
        return QRectF(self._extent)

    def _labels_moved(self) -> None:
        """After a paint: if the labels reach somewhere new, a fitted canvas fits again.

        The extent only grows during a walk (set_session starts it afresh), so
        stepping back and forth does not make the canvas zoom in and out.
        """
        grown = self._extent.united(self._drawn) if not self._extent.isEmpty() else QRectF(self._drawn)
        if grown == self._extent:
            return
        self._extent = grown
        if getattr(self.view, "fitted", False) and hasattr(self.view, "fit"):
            QTimer.singleShot(0, self.view, self.view.fit)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks, hovers and picking go to the canvas

    # --- geometry (the canvas's public API, with a fallback) ---------------------------------------

    def unit_point(self, nid: str, j: int) -> QPointF | None:
        """Scene centre of unit j of node ``nid``."""
        items = getattr(self._scene, "node_items", None)
        if items and nid in items and hasattr(items[nid], "unit_center"):
            return items[nid].unit_center(j)
        from designer.canvas.geometry import node_pos, node_shape
        node = self.doc.spec.nodes.get(nid)
        if node is None:
            return None
        p = node_pos(node) or (0.0, 0.0)
        sh = node_shape(node)
        return QPointF(p[0], p[1] + float(sh.ys[min(j, len(sh.ys) - 1)]))

    def _shape(self, nid: str):
        items = getattr(self._scene, "node_items", None)
        if items and nid in items and hasattr(items[nid], "shape_info"):
            return items[nid].shape_info
        from designer.canvas.geometry import node_shape
        return node_shape(self.doc.spec.nodes[nid])

    def _frame(self, nid: str) -> QRectF | None:
        c = self.unit_point(nid, 0)
        if c is None:
            return None
        sh = self._shape(nid)
        x, y, w, h = sh.frame
        centre = QPointF(c.x(), c.y() - float(sh.ys[0]))
        return QRectF(centre.x() + x, centre.y() + y, w, h)

    def _radius(self, nid: str) -> float:
        sh = self._shape(nid)
        return sh.radius if sh.radius > 0 else sh.row_height / 2

    def _edge(self, cid: str, i: int, j: int) -> tuple[QPointF, QPointF] | None:
        c = self.session.spec.connections.get(cid) if self.session else None
        if c is None or c.src not in self.doc.spec.nodes or c.dst not in self.doc.spec.nodes:
            return None
        a, b = self.unit_point(c.src, i), self.unit_point(c.dst, j)
        if a is None or b is None:
            return None
        return (a + QPointF(self._shape(c.src).attach_x(+1), 0), b + QPointF(self._shape(c.dst).attach_x(-1), 0))

    # --- what the walk has computed ---------------------------------------------------------------

    def _computed(self) -> tuple[dict, dict, dict]:
        """Per unit its z, a, δ so far; per edge its gradient; per node whether it was reached."""
        units: dict[tuple[str, int], dict[str, float]] = {}
        edges: dict[tuple[str, int, int], float] = {}
        reached: dict[str, set[int]] = {}
        self._edge_sym: dict[tuple[str, int, int], str] = {}
        for s in self.session.neuron_done():
            if not isinstance(s.result, float):
                continue
            if s.kind in ("input", "activation", "net_input", "delta", "bias_grad") and len(s.units) == 1:
                key = (s.where, s.units[0])
                name = {"input": "a", "activation": "a", "net_input": "z", "delta": "δ",
                        "bias_grad": "∂b"}[s.kind]
                units.setdefault(key, {})[name] = s.result
                if s.kind in ("input", "activation"):
                    reached.setdefault(s.where, set()).add(s.units[0])
            elif s.kind == "weight_grad" and len(s.units) == 2:
                edges[(s.where, s.units[0], s.units[1])] = s.result
                self._edge_sym[(s.where, s.units[0], s.units[1])] = s.symbol.split(" = ", 1)[0]
        return units, edges, reached

    # --- painting ---------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self._drawn = QRectF()
        try:
            self._paint(painter)
        finally:
            self._labels_moved()

    def _style(self, painter: QPainter) -> _Style:
        """Colours from the canvas's palette (light or dark) and the labels' small font, set on ``painter``."""
        font = QFont(painter.font())
        font.setPointSizeF(8.0)
        painter.setFont(font)
        base = self._scene.palette().color(self._scene.palette().ColorRole.Base) if hasattr(
            self._scene, "palette") else QColor("white")
        dark = base.lightness() < 128
        veil = QColor(base)
        veil.setAlpha(185)
        label_bg = QColor(base)
        label_bg.setAlpha(225)
        return _Style(fm=QFontMetricsF(font), veil=veil, text=QColor("#eeeeee" if dark else "#202020"), bg=label_bg,
                      neg=QColor("#d32f2f"), pos=QColor("#1976d2"), accent=QColor("#ff9800"))

    def _paint(self, painter: QPainter) -> None:
        s = self.session
        if s is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        units, edges, reached = self._computed()
        st = self._style(painter)
        self._paint_gradients(painter, edges, st)
        self._paint_veil(painter, reached, st)
        cur = s.current
        if cur is not None:  # the current unit / edge / node
            self._paint_current(painter, cur, st.accent, edges, st.fm, st.text, st.bg)
        self._paint_values(painter, units, st)
        if cur is not None:  # where several paths meet: the sum term by term
            self._paint_terms(painter, cur, st.fm, st.text, st.bg, st.accent)

    def _paint_gradients(self, painter: QPainter, edges: dict, st: _Style) -> None:
        """The gradients computed so far: a thin line per edge, coloured by sign (small connections only)."""
        spec = self.session.spec
        for (cid, i, j), g in edges.items():
            c = spec.connections.get(cid)
            if c is None or spec.nodes[c.src].units * spec.nodes[c.dst].units > MAX_DRAWN_EDGES:
                continue
            e = self._edge(cid, i, j)
            if e is None:
                continue
            col = QColor(st.neg if g < 0 else st.pos)
            col.setAlpha(150)
            painter.setPen(QPen(col, 2.0))
            painter.drawLine(e[0], e[1])

    def _paint_veil(self, painter: QPainter, reached: dict[str, set[int]], st: _Style) -> None:
        """A veil over what the forward pass has not reached: per unit, or a whole block until it is reached."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(st.veil))
        for nid, node in self.session.spec.nodes.items():
            if nid not in self.doc.spec.nodes:
                continue
            done = reached.get(nid, set())
            if len(done) >= node.units:
                continue
            sh = self._shape(nid)
            if sh.style == "block" or node.units > MAX_LABELLED_UNITS * 3:
                fr = self._frame(nid) if not done else None
                if fr is not None:
                    painter.drawRoundedRect(fr.adjusted(-2, -2, 2, 2), 6, 6)
                continue
            r = self._radius(nid) + 3
            for j in range(node.units):
                p = self.unit_point(nid, j) if j not in done else None
                if p is not None:
                    painter.drawEllipse(p, r, r)

    def _paint_values(self, painter: QPainter, units: dict, st: _Style) -> None:
        """Beside each unit of a small node: z and a, and under them δ coloured by sign."""
        spec = self.session.spec
        for (nid, j), vals in units.items():
            node = spec.nodes.get(nid)
            if node is None or nid not in self.doc.spec.nodes or node.units > MAX_LABELLED_UNITS:
                continue
            p = self.unit_point(nid, j)
            if p is None:
                continue
            parts = [f"{k} {fmt(v)}" for k, v in vals.items() if k in ("z", "a")]
            r = self._radius(nid)
            x = p.x() + r + 3
            y = p.y() - r - 1
            self._label(painter, QPointF(x, y), "  ".join(parts), st.fm, st.text, st.bg)
            if "δ" in vals:
                self._label(painter, QPointF(x, y + st.fm.height() + 1), f"δ {fmt(vals['δ'])}", st.fm,
                            st.neg if vals["δ"] < 0 else st.pos, st.bg, bold=True)

    def _label(self, painter: QPainter, at: QPointF, text: str, fm: QFontMetricsF, colour: QColor,
               bg: QColor, bold: bool = False) -> QRectF:
        if not text:
            return QRectF()
        w, h = fm.horizontalAdvance(text) + 6, fm.height() + 1
        rect = QRectF(at.x(), at.y() - 1, w * (1.08 if bold else 1.0), h)
        self._drawn = self._drawn.united(rect)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(bg))
        painter.drawRoundedRect(rect, 3, 3)
        f = painter.font()
        f.setBold(bold)
        painter.setFont(f)
        painter.setPen(QPen(colour))
        painter.drawText(rect.adjusted(3, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        f.setBold(False)
        painter.setFont(f)
        return rect

    def _paint_current(self, painter, cur: TraceStep, accent: QColor, edges, fm, text_c, bg) -> None:
        spec = self.session.spec
        pen = QPen(accent, 4.0)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if cur.where in spec.connections:
            c = spec.connections[cid := cur.where]
            if len(cur.units) == 2:
                pairs = [tuple(cur.units)]
            else:
                n = spec.nodes[c.src].units * spec.nodes[c.dst].units
                pairs = [(i, j) for i in range(spec.nodes[c.src].units) for j in range(spec.nodes[c.dst].units)] \
                    if n <= MAX_DRAWN_EDGES else []
            painter.setPen(pen)
            for i, j in pairs:
                e = self._edge(cid, i, j)
                if e is not None:
                    painter.drawLine(e[0], e[1])
            if len(cur.units) == 2:
                e = self._edge(cid, *cur.units)
                if e is not None:
                    # the edge's gradient (or the product being formed) near its middle
                    g = edges.get((cid, cur.units[0], cur.units[1]))
                    lhs = self._edge_sym.get((cid, cur.units[0], cur.units[1]), "∂L/∂w")
                    txt = (f"{lhs} = {fmt(g)}" if g is not None and cur.phase == "backward"
                           else (f"{fmt(cur.result)}" if isinstance(cur.result, float) else ""))
                    mid = e[0] * 0.4 + e[1] * 0.6
                    self._label(painter, mid + QPointF(-20, -fm.height() - 4), txt, fm, text_c, bg, bold=True)
            elif not pairs:
                fa, fb = self._frame(c.src), self._frame(c.dst)
                if fa is not None and fb is not None:
                    painter.drawLine(fa.center(), fb.center())
            # the destination unit too, lightly
            return
        node = spec.nodes.get(cur.where)
        if node is None or cur.where not in self.doc.spec.nodes:
            return
        painter.setPen(pen)
        if len(cur.units) == 1:
            p = self.unit_point(cur.where, cur.units[0])
            if p is not None:
                r = self._radius(cur.where) + 5
                painter.drawEllipse(p, r, r)
        else:
            fr = self._frame(cur.where)
            if fr is not None:
                painter.drawRoundedRect(fr.adjusted(-5, -5, 5, 5), 8, 8)

    def _paint_terms(self, painter, cur: TraceStep, fm, text_c, bg, accent) -> None:
        """A box listing the terms of a sum where several paths meet (δ of a hidden unit...)."""
        if cur.kind not in ("delta", "sum_grad", "weight_grad") or cur.level == "op":
            return
        terms = [t for t in cur.terms if "via" in t and isinstance(t.get("value"), float)]
        if len(terms) < 2:
            return
        spec = self.session.spec
        if cur.where in spec.connections and len(cur.units) == 2:
            c = spec.connections[cur.where]
            anchor = self.unit_point(c.dst, cur.units[1])
            r = self._radius(c.dst)
        elif cur.where in spec.nodes and len(cur.units) == 1:
            anchor = self.unit_point(cur.where, cur.units[0])
            r = self._radius(cur.where)
        else:
            return
        if anchor is None:
            return
        shown = terms[:8]
        lines = [self.tr("{0} paths meet here; their terms add up:").format(len(terms))]
        lines += [f"  {t['symbol']} = {fmt(t['value'])}  " + self.tr("(via {0})").format(t["via"]) for t in shown]
        if len(terms) > len(shown):
            lines.append("  " + self.tr("… {0} more").format(len(terms) - len(shown)))
        lines.append("  " + self.tr("sum → {0}").format(fmt(cur.result)) if cur.kind != "delta" else
                     f"  Σ = {fmt(cur.upstream)}  →  δ = {fmt(cur.result)}")
        w = max(fm.horizontalAdvance(t) for t in lines) + 12
        h = len(lines) * (fm.height() + 1) + 8
        node_id = c.dst if cur.where in spec.connections else cur.where
        fr = self._frame(node_id)
        top = (fr.bottom() + 40) if fr is not None else anchor.y() + r + 36
        box = QRectF(anchor.x() - w / 2, top, w, h)
        self._drawn = self._drawn.united(box)
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(QBrush(bg))
        painter.drawRoundedRect(box, 5, 5)
        painter.drawLine(QPointF(anchor.x(), anchor.y() + r + 4), QPointF(anchor.x(), box.top()))
        painter.setPen(QPen(text_c))
        y = box.top() + 4
        for t in lines:
            painter.drawText(QRectF(box.left() + 6, y, w, fm.height() + 1),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, t)
            y += fm.height() + 1
