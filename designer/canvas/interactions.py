"""Mouse gestures on the canvas, each a small object (orange-canvas-core's shape).

The editor's input (:mod:`designer.canvas.editor_input`) creates one when
a press starts something (a drag from a port, a drag on a node, a drag on
empty canvas, a pan) and forwards the following mouse and key events to it
until it says it is done. A gesture pushes
exactly one undo command when it ends (a move pushes merged steps of one
entry), shows what it would do while it runs, and Esc cancels it, leaving
the document as it was.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsRectItem

from core.spec import SpecError

from .. import commands as cmd
from .geometry import node_pos
from .nodes import NodeItem

if TYPE_CHECKING:
    from .view import CanvasView


class Interaction:
    """Base class: receives events until :attr:`done`."""

    cursor: Qt.CursorShape | None = None

    def __init__(self, view: "CanvasView"):
        self.view = view
        self.scene = view.canvas_scene
        self.doc = view.document
        self.done = False

    def move(self, event: QMouseEvent) -> None:
        pass

    def release(self, event: QMouseEvent) -> None:
        self.finish()

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key; True if used. Esc cancels every gesture."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        self.finish()

    def finish(self) -> None:
        self.done = True
        self.cleanup()

    def cleanup(self) -> None:
        pass


class PanInteraction(Interaction):
    """Drag with the middle button, or with space held, to move the view."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, view: "CanvasView", event: QMouseEvent):
        super().__init__(view)
        self.last = event.position()

    def move(self, event: QMouseEvent) -> None:
        d = event.position() - self.last
        self.last = event.position()
        self.view.pan_by(-d.x(), -d.y())


class MoveNodesInteraction(Interaction):
    """Drag selected nodes; each step is a merged :class:`MoveNodesCommand`."""

    def __init__(self, view: "CanvasView", event: QMouseEvent, node_ids: list[str]):
        super().__init__(view)
        self.press = event.position()
        self.press_scene = view.mapToScene(event.position().toPoint())
        # From the document; a node a file stored without a position is where
        # the scene's fallback layout shows it.
        self.start = {nid: node_pos(self.doc.spec.nodes[nid]) or self.scene.node_items[nid].pos().toTuple()
                      for nid in node_ids}
        self.drag_id = cmd.new_drag_id()
        self.moving = False

    def move(self, event: QMouseEvent) -> None:
        if not self.moving:
            if (event.position() - self.press).manhattanLength() < QApplication.startDragDistance():
                return
            self.moving = True
            self.view.viewport().setCursor(Qt.CursorShape.SizeAllCursor)
        p = self.view.mapToScene(event.position().toPoint())
        dx, dy = p.x() - self.press_scene.x(), p.y() - self.press_scene.y()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:     # snap to the grid
            dx, dy = round(dx / 10) * 10, round(dy / 10) * 10
        self._push({nid: (x + dx, y + dy) for nid, (x, y) in self.start.items()})

    def _push(self, positions) -> None:
        live = {k: v for k, v in positions.items() if k in self.doc.spec.nodes}
        if live:
            self.doc.push(cmd.MoveNodesCommand(self.doc, live, drag_id=self.drag_id))

    def cancel(self) -> None:
        if self.moving:
            self._push(self.start)     # merges into the drag's entry, which then vanishes
        self.finish()

    def cleanup(self) -> None:
        self.view.viewport().unsetCursor()
        self.view.update_scene_rect()


class RubberBandInteraction(Interaction):
    """Drag on empty canvas to select the nodes a rectangle touches."""

    def __init__(self, view: "CanvasView", event: QMouseEvent, add: bool):
        super().__init__(view)
        self.origin = view.mapToScene(event.position().toPoint())
        self.add = add
        self.before = set(view.selected_node_ids()) if add else set()
        th = self.scene.theme
        self.rect_item = QGraphicsRectItem()
        pen = QPen(th.selection, 1.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.rect_item.setPen(pen)
        fill = th.mix(th.background, th.selection, 0.12)
        fill.setAlpha(110)
        self.rect_item.setBrush(fill)
        self.rect_item.setZValue(1000)
        self.rect_item.hide()
        self.scene.addItem(self.rect_item)

    def rect(self, event: QMouseEvent) -> QRectF:
        p = self.view.mapToScene(event.position().toPoint())
        return QRectF(self.origin, p).normalized()

    def move(self, event: QMouseEvent) -> None:
        r = self.rect(event)
        self.rect_item.setRect(r)
        self.rect_item.show()
        self._select(r)

    def release(self, event: QMouseEvent) -> None:
        if self.rect_item.isVisible():
            self._select(self.rect(event))
        self.finish()

    def _select(self, r: QRectF) -> None:
        hit = {nid for nid, it in self.scene.node_items.items()
               if it.mapRectToScene(it.frame_rect()).intersects(r)}
        self.view.select_nodes(hit | self.before)

    def cancel(self) -> None:
        self.view.select_nodes(self.before)
        self.finish()

    def cleanup(self) -> None:
        self.scene.removeItem(self.rect_item)


class NewConnectionInteraction(Interaction):
    """Drag from a node's output port to another node (or from an input port back).

    While dragging, the node under the cursor turns green if core would accept
    the connection and red if not; on release the connection is pushed, or
    core's reason is sent to the status bar.
    """

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view: "CanvasView", item: NodeItem, port: str):
        super().__init__(view)
        self.item = item
        self.port = port                      # "out": item is the source; "in": the target
        self.anchor = item.mapToScene(item.port_pos(port))
        self.target: NodeItem | None = None
        th = self.scene.theme
        self.line = QGraphicsPathItem()
        pen = QPen(th.selection, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line.setPen(pen)
        self.line.setZValue(1000)
        self.scene.addItem(self.line)
        self._draw(self.anchor)
        view.message.emit(QCoreApplication.translate(
            "NewConnectionInteraction", "Drop on another node to connect; Esc cancels"))

    def _ends(self, target: NodeItem) -> tuple[str, str]:
        if self.port == "out":
            return self.item.node_id, target.node_id
        return target.node_id, self.item.node_id

    def _draw(self, p: QPointF) -> None:
        a, b = (self.anchor, p) if self.port == "out" else (p, self.anchor)
        path = QPainterPath(a)
        dx = max(abs(b.x() - a.x()) * 0.5, 30.0)
        path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
        self.line.setPath(path)

    def _set_target(self, item: NodeItem | None) -> None:
        if item is self.item:
            item = None
        if self.target is not None and self.target is not item:
            self.target.set_hint(None)
        changed = item is not self.target
        self.target = item
        if item is not None:
            src, dst = self._ends(item)
            spec = self.doc.spec
            try:
                spec.check_connect(src, dst)
            except SpecError as e:
                item.set_hint("bad")
                if changed:
                    self.view.message.emit(QCoreApplication.translate(
                        "NewConnectionInteraction", "Cannot connect: {0}").format(e))
            else:
                item.set_hint("ok")
                if changed:
                    self.view.message.emit(QCoreApplication.translate(
                        "NewConnectionInteraction", "Release to connect {0} → {1}")
                                           .format(spec.nodes[src].label, spec.nodes[dst].label))

    def move(self, event: QMouseEvent) -> None:
        p = self.view.mapToScene(event.position().toPoint())
        target = self.scene.node_at(p)
        self._set_target(target)
        if target is not None and target is not self.item:
            end = target.port_pos("in" if self.port == "out" else "out")
            self._draw(target.mapToScene(end) if end is not None else p)
        else:
            self._draw(p)

    def release(self, event: QMouseEvent) -> None:
        p = self.view.mapToScene(event.position().toPoint())
        target = self.scene.node_at(p)
        if target is None or target is self.item:
            if QLineF(self.anchor, p).length() > 4 / max(self.scene.view_scale, 1e-6):
                self.view.message.emit(QCoreApplication.translate(
                    "NewConnectionInteraction", "No connection: drop the line on another node"))
            self.finish()
            return
        src, dst = self._ends(target)
        try:
            command = cmd.ConnectCommand(self.doc, src, dst)
        except SpecError as e:
            self.view.message.emit(QCoreApplication.translate(
                "NewConnectionInteraction", "Cannot connect: {0}").format(e))
        else:
            self.doc.push(command)
            a, b = self.doc.spec.nodes[src], self.doc.spec.nodes[dst]
            self.view.message.emit(QCoreApplication.translate(
                "NewConnectionInteraction", "Connected {0} → {1} ({2} weights)")
                                   .format(a.label, b.label, a.units * b.units))
        self.finish()

    def cancel(self) -> None:
        self.view.message.emit(QCoreApplication.translate("NewConnectionInteraction", "Connection cancelled"))
        self.finish()

    def cleanup(self) -> None:
        if self.target is not None:
            self.target.set_hint(None)
        self.scene.removeItem(self.line)
