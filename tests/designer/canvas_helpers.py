"""Drive the canvas as a person does: raw mouse events with buttons held.

``QTest.mouseMove`` carries no buttons, so a drag is sent as QMouseEvents
(press, moves with the button held, release) to the view's viewport, the
way orange-canvas-core's ``gui/test.py`` does. Positions are scene
coordinates.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from core.spec import NetworkSpec

LEFT = Qt.MouseButton.LeftButton
MIDDLE = Qt.MouseButton.MiddleButton
NONE = Qt.MouseButton.NoButton
NOMOD = Qt.KeyboardModifier.NoModifier


class Viewport(QPointF):
    """A position already in viewport pixels (for pans, where the scene moves under the mouse)."""


def _vp_point(view, scene_pos) -> QPointF:
    if isinstance(scene_pos, Viewport):
        return QPointF(scene_pos)
    if isinstance(scene_pos, tuple):
        scene_pos = QPointF(*scene_pos)
    return QPointF(view.mapFromScene(scene_pos))


def mouse_event(view, etype: QEvent.Type, scene_pos, button=LEFT, buttons=None, modifiers=NOMOD) -> None:
    vp = view.viewport()
    p = _vp_point(view, scene_pos)
    if buttons is None:
        buttons = button if etype != QEvent.Type.MouseButtonRelease else NONE
    ev = QMouseEvent(etype, p, QPointF(vp.mapToGlobal(p.toPoint())), button, buttons, modifiers)
    QApplication.sendEvent(vp, ev)


def press(view, pos, button=LEFT, modifiers=NOMOD) -> None:
    mouse_event(view, QEvent.Type.MouseButtonPress, pos, button, button, modifiers)


def move(view, pos, buttons=LEFT, modifiers=NOMOD) -> None:
    mouse_event(view, QEvent.Type.MouseMove, pos, NONE, buttons, modifiers)


def release(view, pos, button=LEFT, modifiers=NOMOD) -> None:
    mouse_event(view, QEvent.Type.MouseButtonRelease, pos, button, NONE, modifiers)


def click(view, pos, button=LEFT, modifiers=NOMOD) -> None:
    press(view, pos, button, modifiers)
    release(view, pos, button, modifiers)


def double_click(view, pos) -> None:
    click(view, pos)
    mouse_event(view, QEvent.Type.MouseButtonDblClick, pos, LEFT, LEFT)
    release(view, pos)


def drag(view, a, b, button=LEFT, steps: int = 6, modifiers=NOMOD) -> None:
    """Press at a, move in steps with the button held, release at b."""
    kind = Viewport if isinstance(a, Viewport) else QPointF
    a = QPointF(*a) if isinstance(a, tuple) else QPointF(a)
    b = QPointF(*b) if isinstance(b, tuple) else QPointF(b)
    press(view, kind(a), button, modifiers)
    for k in range(1, steps + 1):
        move(view, kind(a + (b - a) * (k / steps)), button, modifiers)
    b = kind(b)
    release(view, b, button, modifiers)


def key(widget, k, modifiers=NOMOD, text: str = "") -> None:
    for t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(t, k, modifiers, text))


def wheel(view, scene_pos, delta: int) -> None:
    vp = view.viewport()
    p = _vp_point(view, scene_pos)
    ev = QWheelEvent(p, QPointF(vp.mapToGlobal(p.toPoint())), QPoint(0, 0), QPoint(0, delta),
                     NONE, NOMOD, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)


def drop(view, mime, scene_pos) -> bool:
    """Deliver a drop as Qt does at the end of a drag: enter, move, drop."""
    vp = view.viewport()
    p = _vp_point(view, scene_pos)
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(p, actions, mime, NONE, NOMOD)
    QApplication.sendEvent(vp, enter)
    if not enter.isAccepted():
        return False
    mv = QDragMoveEvent(p, actions, mime, NONE, NOMOD)
    QApplication.sendEvent(vp, mv)
    ev = QDropEvent(p, actions, mime, NONE, NOMOD)
    QApplication.sendEvent(vp, ev)
    return ev.isAccepted()


def drag_from_palette(window, monkeypatch, kind: str, scene_pos: tuple[float, float]) -> str:
    """Press and move on the main window's palette entry ``kind``; the drag drops at ``scene_pos``.

    ``QDrag.exec`` would wait for a platform drag loop offscreen, so it is
    replaced by delivering the drag's own mime data to the canvas as Qt's
    drop events. Returns the new node's id.
    """
    from PySide6.QtGui import QDrag
    view = window.canvas
    monkeypatch.setattr(QDrag, "exec", lambda self, *a, **k: (drop(view, self.mimeData(), scene_pos),
                                                              Qt.DropAction.CopyAction)[1])
    before = set(window.document.spec.nodes)
    entry = window.palette_panel.entries[kind]
    p = QPointF(entry.rect().center())
    QApplication.sendEvent(entry, QMouseEvent(QEvent.Type.MouseButtonPress, p, p, LEFT, LEFT, NOMOD))
    p2 = p + QPointF(30, 5)
    QApplication.sendEvent(entry, QMouseEvent(QEvent.Type.MouseMove, p2, p2, NONE, LEFT, NOMOD))
    (new,) = set(window.document.spec.nodes) - before
    return new


def port(view, node_id: str, which: str) -> QPointF:
    item = view.canvas_scene.node_items[node_id]
    return item.mapToScene(item.port_pos(which))


def centre(view, node_id: str) -> QPointF:
    return view.canvas_scene.node_items[node_id].scenePos()


def canonical(spec: NetworkSpec) -> dict:
    """A spec as plain data without ids, names and positions (for comparing structures)."""
    d = spec.to_dict()
    order = {n["id"]: k for k, n in enumerate(d["nodes"])}
    nodes = []
    for n in d["nodes"]:
        n = {k: v for k, v in n.items() if k not in ("id", "name", "meta")}
        nodes.append(n)
    conns = sorted((order[c["src"]], order[c["dst"]], tuple(map(tuple, c.get("removed", []))))
                   for c in d["connections"])
    return {"nodes": nodes, "connections": conns}
