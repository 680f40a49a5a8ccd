"""Copy and paste of nodes, the connections among them, and their weights.

The clipboard holds plain JSON under :data:`MIME_TYPE` (core's own
``to_dict`` form plus the parameters as nested lists), so a copy survives
between windows and never involves pickle. Pasting parses it back through
:meth:`core.spec.NetworkSpec.from_dict` (which checks everything), gives
every node and connection a fresh id, and shifts the positions so the copy
does not hide the original.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData

from core.parameters import Params, weight_key
from core.spec import Connection, NetworkSpec, Node, SpecError

MIME_TYPE = "application/x-backprop-studio-nodes"
OFFSET = 40.0


def copy_payload(spec: NetworkSpec, params: Params, node_ids: list[str]) -> dict[str, Any] | None:
    """Plain data for the selected nodes and the connections among them."""
    ids = [n for n in spec.nodes if n in set(node_ids)]
    if not ids:
        return None
    chosen = set(ids)
    conns = [c for c in spec.connections.values() if c.src in chosen and c.dst in chosen]
    keys = [weight_key(c.id) for c in conns]
    keys += [k for k in params if not k.startswith("W:") and k.split(":", 1)[1] in chosen]
    return {
        "nodes": [spec.nodes[n].to_dict() for n in ids],
        "connections": [c.to_dict() for c in conns],
        "params": {k: np.asarray(params[k]).tolist() for k in keys if k in params},
    }


def to_mime(payload: dict[str, Any]) -> QMimeData:
    """The payload as clipboard data: our own format, and a line of text for other programs."""
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
    n = len(payload["nodes"])
    mime.setText(QCoreApplication.translate("clipboard", "1 Backprop Studio node") if n == 1
                 else QCoreApplication.translate("clipboard", "{0} Backprop Studio nodes").format(n))
    return mime


def release_clipboard() -> None:
    """Empty the clipboard if it holds data set from Python, before the application ends.

    PySide6 (seen with 6.12) crashes at interpreter exit while the clipboard
    still owns a ``QMimeData`` made in Python: the C++ side deletes it with the
    application, then the Python side does too. Call this once the event loop
    has ended (the program's ``main``) and at the end of a test session. The
    copied nodes would not outlive the program on most platforms anyway.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None and isinstance(app, QApplication):
        board = app.clipboard()
        if board.ownsClipboard() or board.mimeData() is not None:
            board.clear()


def from_mime(mime: QMimeData | None) -> dict[str, Any] | None:
    """The payload on the clipboard, None if it holds no nodes of ours (or damaged ones)."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("nodes"), list) else None


def paste_items(spec: NetworkSpec, payload: dict[str, Any], shift: float = OFFSET
                ) -> tuple[list[Node], list[Connection], Params]:
    """Nodes, connections and parameters with fresh ids, ready for ``paste_command``.

    Raises :class:`SpecError` if the payload is not a valid piece of network.
    """
    piece = NetworkSpec.from_dict({"nodes": payload.get("nodes", []),
                                   "connections": payload.get("connections", [])})
    raw = payload.get("params") or {}
    if not isinstance(raw, dict):
        raise SpecError("the pasted weights are not readable")
    taken = set(spec.nodes) | set(spec.connections)
    rename: dict[str, str] = {}

    def fresh(prefix: str) -> str:
        k = 1
        while f"{prefix}{k}" in taken:
            k += 1
        taken.add(f"{prefix}{k}")
        return f"{prefix}{k}"

    nodes: list[Node] = []
    for node in piece.nodes.values():
        new = fresh(node.kind)
        rename[node.id] = new
        pos = node.meta.get("pos")
        if pos is not None:
            node.meta["pos"] = [float(pos[0]) + shift, float(pos[1]) + shift]
        params_key_old = node.id
        node.id = new
        node.meta.setdefault("_pasted_from", params_key_old)
        nodes.append(node)
    conns: list[Connection] = []
    params: Params = {}
    for c in piece.connections.values():
        new = fresh("c")
        old = weight_key(c.id)
        conns.append(Connection(new, rename[c.src], rename[c.dst], list(c.removed), dict(c.meta)))
        if old in raw:
            params[weight_key(new)] = _array(raw[old])
    for node in nodes:
        old_id = node.meta.pop("_pasted_from")
        for key, value in raw.items():
            kind, _, ident = str(key).partition(":")
            if kind != "W" and ident == old_id:      # b:<id>, gamma:<id>, ...
                params[f"{kind}:{node.id}"] = _array(value)
    return nodes, conns, params


def _array(value: Any) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise SpecError("the pasted weights are not numbers") from None
    if not np.all(np.isfinite(arr)):
        raise SpecError("the pasted weights are not finite")
    return arr
