"""The scalar level's little graph: one unit's elementary ops with values and gradients.

Drawn as the lecture's computation-graph figure: leaves (x, w, b, the
incoming a's) on the left, then h₁ = x·w, h₂ = h₁ + b, h₃ = −h₂,
h₄ = exp(h₃), h₅ = h₄ + 1, h₆ = 1/h₅ left to right. Each box shows its
value once the forward walk has computed it and its gradient ∂L/∂h once
the backward walk has; each edge shows its local derivative once the
gradient has flowed through it. Boxes not reached yet are grey; the
current step's box is outlined.

Everything comes from the steps' own fields (the names on the left of
their formulas, their ``terms``, their results): no maths here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from core.trace import TraceStep

from .table import fmt, formula_html

BOX_W, BOX_H = 150.0, 66.0
COL_GAP, ROW_GAP = 104.0, 22.0

_ALIAS = re.compile(r"\(= ([^)]+)\)")


def _add_text(scene, text: str, font: QFont, colour: QColor):
    """A text item for the graph; a formula's ``_{…}`` is set as a real subscript."""
    if "_{" not in text:
        item = scene.addSimpleText(text, font)
        item.setBrush(QBrush(colour))
        return item
    item = scene.addText("", font)
    item.document().setDocumentMargin(0)
    item.setDefaultTextColor(colour)
    item.setHtml(formula_html(text))
    return item


def _op_text(step: TraceStep) -> str:
    """The elementary op in a few characters, from the step's caption and formula."""
    label = step.label
    rhs = step.symbol.split(" = ", 1)[1] if " = " in step.symbol else step.symbol
    rhs = _ALIAS.sub("", rhs).strip()
    if "product on the edge" in label:
        return "×"
    if "sum of the products" in label:
        return "Σ"
    if "add the bias" in label or "bias of" in label:
        return "+ b"
    if "multiply by −1" in label:
        return "× (−1)"
    if label.endswith(": exp"):
        return "exp"
    if "add 1" in label:
        return "+ 1"
    if "reciprocal" in label:
        return "1 / x"
    if "(" in rhs:
        return rhs.split("(", 1)[0] or rhs
    return rhs


def _lhs_name(step: TraceStep) -> str:
    """``h₅`` from ``∂f/∂h₅ = …`` or from ``h₅ = …``."""
    lhs = step.symbol.split(" = ", 1)[0].strip()
    if "/∂" in lhs:
        return lhs.split("/∂", 1)[1].strip()
    return lhs


@dataclass
class _Style:
    """What the graph is drawn with."""

    text: QColor
    base: QColor
    leaf: QColor
    grey: QColor
    accent: QColor
    grad: QColor
    font: QFont
    small: QFont
    fm: QFontMetricsF


class _Box:
    def __init__(self, name: str, leaf: bool):
        self.name = name
        self.leaf = leaf
        self.alias = ""
        self.op = ""
        self.expr = ""
        self.value: float | None = None
        self.grad: float | None = None
        self.grad_sym = ""
        self.inputs: list[tuple[str, str, float]] = []  # (input name, local symbol, local value)
        self.step: int | None = None       # index (in the unit's steps) of its forward step
        self.col = 0
        self.pos = QPointF()


class ScalarGraphView(QGraphicsView):
    """A read-only drawing of the selected unit's elementary computation graph."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setMinimumHeight(90)  # the panel shares its height out (StepperPanel._proportion)
        self._steps: list[TraceStep] = []
        self._count = 0
        self.boxes: dict[str, _Box] = {}
        self.setToolTip(self.tr("The selected unit's elementary operations, as in the lecture's figure: "
                                "each box's value (forward) and gradient (backward); "
                                "the local derivative on each arrow"))

    # --- feeding -----------------------------------------------------------------------------

    def set_walk(self, steps: list[TraceStep], count: int) -> None:
        """The unit's steps and how many are done; rebuilds the drawing."""
        if steps is not self._steps:
            self._steps = steps
            self._build()
        self._count = count
        self._draw()

    def _build(self) -> None:
        boxes: dict[str, _Box] = {}
        alias_of: dict[str, str] = {}
        for k, s in enumerate(self._steps):
            if s.phase != "forward" or s.kind != "scalar_op":
                continue
            name = _lhs_name(s)
            b = boxes.setdefault(name, _Box(name, False))
            b.leaf = False
            m = _ALIAS.search(s.symbol)
            b.alias = m.group(1) if m else ""
            if b.alias:
                alias_of[b.alias] = name
            b.op = _op_text(s)
            b.expr = _ALIAS.sub("", s.symbol.split(" = ", 1)[1]).strip()
            b.value = float(s.result) if isinstance(s.result, (int, float)) else None
            b.step = k
            for t in s.terms:
                src = str(t.get("input", ""))
                src = alias_of.get(src, src)
                if src not in boxes:
                    leaf = _Box(src, True)
                    leaf.value = float(t["value"]) if isinstance(t.get("value"), (int, float)) else None
                    boxes[src] = leaf
                b.inputs.append((src, str(t.get("local_symbol", "")), t.get("local")))
        # columns: an op one right of its deepest input; a leaf just left of its first consumer
        for b in boxes.values():
            if not b.leaf:
                b.col = 1 + max([boxes[i].col if not boxes[i].leaf else 0 for i, _, _ in b.inputs] + [0])
        for b in boxes.values():
            if b.leaf:
                cons = [c.col for c in boxes.values() if any(i == b.name for i, _, _ in c.inputs)]
                b.col = (min(cons) - 1) if cons else 0
        cols: dict[int, list[_Box]] = {}
        for b in boxes.values():
            cols.setdefault(b.col, []).append(b)
        for c, items in cols.items():
            # ops on the main row, leaves stacked above them
            items.sort(key=lambda b: (not b.leaf, b.step if b.step is not None else -1))
            n = len(items)
            for r, b in enumerate(items):
                y = (r - (n - 1)) * (BOX_H + ROW_GAP) if n > 1 else 0.0
                b.pos = QPointF(c * (BOX_W + COL_GAP), y)
        self.boxes = boxes
        self._alias_of = alias_of

    # --- drawing -------------------------------------------------------------------------------

    def _state(self) -> tuple[set[str], dict[str, tuple[float, str]], str | None]:
        """Which boxes have values, which gradients, and the current box."""
        valued: set[str] = {b.name for b in self.boxes.values() if b.leaf}
        grads: dict[str, tuple[float, str]] = {}
        current = None
        for s in self._steps[: self._count]:
            name = _lhs_name(s)
            name = self._alias_of.get(name, name)
            if s.phase == "forward":
                valued.add(name)
            elif s.phase == "backward" and isinstance(s.result, (int, float)):
                grads[name] = (float(s.result), s.symbol.split(" = ", 1)[0])
        if self._count:
            cur = self._steps[self._count - 1]
            current = self._alias_of.get(_lhs_name(cur), _lhs_name(cur))
        return valued, grads, current

    def _style(self) -> _Style:
        """Colours and fonts from the view's palette and font (they follow the theme)."""
        pal = self.palette()
        text_c = pal.color(QPalette.ColorRole.Text)
        base_c = pal.color(QPalette.ColorRole.Base)
        grey = QColor(text_c)
        grey.setAlpha(90)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() - 1.5)
        return _Style(text=text_c, base=base_c, leaf=QColor(pal.color(QPalette.ColorRole.AlternateBase)), grey=grey,
                      accent=QColor("#e07b00"),
                      grad=QColor("#c0392b") if base_c.lightness() > 128 else QColor("#ff8a80"),
                      font=font, small=small, fm=QFontMetricsF(small))

    def _draw(self) -> None:
        sc = self.scene()
        sc.clear()
        if not self.boxes:
            sc.addText(self.tr("No elementary graph for this unit."))
            return
        st = self._style()
        valued, grads, current = self._state()
        for b in self.boxes.values():  # arrows first, boxes over them
            for src, lsym, lval in b.inputs:
                a = self.boxes.get(src)
                if a is not None:
                    self._draw_arrow(sc, st, a, b, src in valued, lsym, lval if src in grads else None)
        for b in self.boxes.values():
            self._draw_box(sc, st, b, b.name in valued, grads.get(b.name), b.name == current)
        sc.setSceneRect(sc.itemsBoundingRect().adjusted(-12, -12, 12, 12))
        box = self.boxes.get(current) if current else None
        self._focus = QRectF(box.pos, box.pos + QPointF(BOX_W, BOX_H)).center() if box else None
        self.fit()

    @staticmethod
    def _draw_arrow(sc: QGraphicsScene, st: _Style, a: _Box, b: _Box, valued: bool, lsym: str,
                    lval: float | None) -> None:
        """The edge from box ``a`` into box ``b``; its local derivative once the gradient flowed (``lval``)."""
        p1 = a.pos + QPointF(BOX_W, BOX_H / 2)
        p2 = b.pos + QPointF(0, BOX_H / 2)
        path = QPainterPath(p1)
        mid = (p1.x() + p2.x()) / 2
        path.cubicTo(QPointF(mid, p1.y()), QPointF(mid, p2.y()), p2)
        pen = QPen(st.text if valued else st.grey, 1.4)
        sc.addPath(path, pen)
        head = QPainterPath(p2)
        head.lineTo(p2 + QPointF(-8, -4))
        head.lineTo(p2 + QPointF(-8, 4))
        head.closeSubpath()
        sc.addPath(head, QPen(Qt.PenStyle.NoPen), QBrush(pen.color()))
        if lval is None:
            return
        t = _add_text(sc, f"{lsym} = {fmt(lval)}" if lsym else fmt(lval), st.small, st.grad)
        w = t.boundingRect().width()
        level = a.pos.y() == b.pos.y()
        t.setPos(mid - w / 2 if level else p1.x() + 4,
                 (p1.y() + p2.y()) / 2 - st.fm.height() - 2 if level else p1.y() - st.fm.height() - 1)

    @staticmethod
    def _draw_box(sc: QGraphicsScene, st: _Style, b: _Box, has_val: bool, grad: tuple[float, str] | None,
                  current: bool) -> None:
        """One box: its name (and formula), its value once computed, its gradient once the backward pass reached it."""
        rect = QRectF(b.pos, b.pos + QPointF(BOX_W, BOX_H))
        ink = st.text if has_val else st.grey
        pen = QPen(st.accent, 3) if current else QPen(ink, 1.2)
        sc.addRect(rect, pen, QBrush(st.leaf if b.leaf else QColor(st.base)))
        title = f"{b.name} = {b.expr}" if not b.leaf else b.name + (f" = {b.alias}" if b.alias else "")
        t = _add_text(sc, title, st.font, ink)
        t.setPos(rect.left() + 6, rect.top() + 3)
        line = st.fm.height()
        if b.alias and not b.leaf:
            ta = _add_text(sc, f"(= {b.alias})", st.small, st.grey)
            ta.setPos(rect.right() - ta.boundingRect().width() - 5, rect.top() + 5 + line)
        v = sc.addSimpleText(QCoreApplication.translate("ScalarGraphView", "value {0}").format(
            fmt(b.value) if has_val and b.value is not None else "?"), st.small)
        v.setBrush(QBrush(ink))
        v.setPos(rect.left() + 6, rect.top() + 5 + line)
        if grad is not None:
            gt = _add_text(sc, f"{grad[1]} = {fmt(grad[0])}", st.small, st.grad)
        else:
            gt = sc.addSimpleText(QCoreApplication.translate("ScalarGraphView", "gradient ?"), st.small)
            gt.setBrush(QBrush(st.grey))
        gt.setPos(rect.left() + 6, rect.top() + 7 + 2 * line)

    def fit(self) -> None:
        """Show the whole graph, never magnified beyond 1:1 nor shrunk below 55 %.

        When even 55 % does not show it all, the current step's box is kept
        in the middle, so the step being explained is always in sight.
        """
        r = self.scene().sceneRect()
        if r.isEmpty():
            return
        self.resetTransform()
        vw, vh = self.viewport().width(), self.viewport().height()
        s = min(vw / r.width(), vh / r.height(), 1.0)
        if s < 1.0:
            self.scale(max(s, 0.55), max(s, 0.55))
        focus = getattr(self, "_focus", None)
        self.centerOn(focus if s < 0.55 and focus is not None else r.center())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()
