"""Random edits: thousands of add/connect/mask/delete/move/props/paste/undo/redo steps.

Nothing may raise (pytest-qt also fails the test on an exception inside a
Qt slot or paint), the canvas's items must always match the spec, undoing
everything must give back the empty network, and redoing everything must
give back exactly the network (weights included) that was there before.
"""
from __future__ import annotations

import random

import numpy as np
import pytest

from core.spec import Node, SpecError
from designer import commands as cmd
from designer.canvas import CanvasView
from designer.canvas import clipboard
from designer.document import Document

STEPS = 2000


def _state(doc: Document):
    return doc.spec.to_dict(), {k: v.copy() for k, v in doc.params.items()}


def _same(a, b) -> bool:
    (sa, pa), (sb, pb) = a, b
    return sa == sb and pa.keys() == pb.keys() and all(np.array_equal(pa[k], pb[k]) for k in pa)


def _check_scene(view: CanvasView) -> None:
    sc, spec = view.canvas_scene, view.document.spec
    assert set(sc.node_items) == set(spec.nodes)
    assert set(sc.conn_items) == set(spec.connections)
    for nid, item in sc.node_items.items():
        assert item.shape_info.units == spec.nodes[nid].units
    for cid, item in sc.conn_items.items():
        c = spec.connections[cid]
        assert (item.n_src, item.n_dst) == (spec.nodes[c.src].units, spec.nodes[c.dst].units)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_edits_never_raise_and_undo_all_gives_the_empty_network(qtbot, seed):
    rng = random.Random(seed)
    doc = Document()
    view = CanvasView(doc)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    stack = doc.undo_stack
    refused = 0

    def push(make):
        nonlocal refused
        try:
            command = make()
        except SpecError:
            refused += 1
            return
        if command is not None:
            stack.push(command)

    def any_node():
        return rng.choice(list(doc.spec.nodes)) if doc.spec.nodes else None

    def any_conn():
        return rng.choice(list(doc.spec.connections)) if doc.spec.connections else None

    for step in range(STEPS // 2):
        r = rng.random()
        spec = doc.spec
        if r < 0.16 or len(spec.nodes) < 2:
            kind = rng.choice(["input", "neuron", "layer", "layer", "output"])
            units = 1 if kind == "neuron" else rng.choice([1, 2, 3, 5, 40])
            nid = spec.new_id(kind)
            push(lambda: cmd.AddNodeCommand(doc, Node(nid, kind, units, rng.choice(["tanh", "relu", "identity"]),
                                                      meta={"pos": [rng.uniform(-400, 400), rng.uniform(-300, 300)]})))
        elif r < 0.36:
            a, b = any_node(), any_node()
            push(lambda: cmd.ConnectCommand(doc, a, b))
        elif r < 0.46:
            cid = any_conn()
            if cid:
                c = spec.connections[cid]
                i, j = rng.randrange(spec.nodes[c.src].units), rng.randrange(spec.nodes[c.dst].units)
                present = (i, j) in set(map(tuple, c.removed))
                push(lambda: cmd.SetEdgeCommand(doc, cid, i, j, present))
        elif r < 0.52:
            cid = any_conn()
            if cid:
                c = spec.connections[cid]
                i, j = rng.randrange(spec.nodes[c.src].units), rng.randrange(spec.nodes[c.dst].units)
                push(lambda: cmd.SetWeightCommand(doc, cid, i, j, rng.uniform(-3, 3)))
        elif r < 0.60:
            ids = rng.sample(list(spec.nodes), k=min(len(spec.nodes), rng.randint(1, 2)))
            push(lambda: cmd.delete_command(doc, ids, [c for c in [any_conn()] if c and rng.random() < 0.3]))
        elif r < 0.68:
            nid = any_node()
            push(lambda: cmd.MoveNodesCommand(doc, {nid: (rng.uniform(-500, 500), rng.uniform(-400, 400))},
                                              drag_id=rng.choice([None, 7])))
        elif r < 0.76:
            nid = any_node()
            node = spec.nodes[nid]
            changes = rng.choice([
                {"units": rng.choice([1, 2, 4, 7, 33])} if node.kind != "neuron" else {"name": "n"},
                {"activation": rng.choice(["prelu", "elu", "swish", "logistic"]), "activation_params": {}},
                {"bias": not node.bias},
                {"loss": rng.choice(["mse", "bce", None])} if node.kind == "output" else {"init": "he_normal"},
            ])
            push(lambda: cmd.SetNodePropsCommand(doc, nid, changes))
        elif r < 0.80:
            ids = rng.sample(list(spec.nodes), k=min(len(spec.nodes), 2))
            payload = clipboard.copy_payload(spec, doc.params, ids)
            if payload:
                nodes, conns, params = clipboard.paste_items(spec, payload)
                push(lambda: cmd.paste_command(doc, nodes, conns, params))
        elif r < 0.83:
            push(lambda: cmd.ReinitialiseCommand(doc, [any_node()] if rng.random() < 0.5 else None))
        elif r < 0.85:
            cid = any_conn()
            if cid:
                push(lambda: cmd.restore_edges_command(doc, cid))
        elif r < 0.93:
            for _ in range(rng.randint(1, 3)):
                stack.undo()
        else:
            for _ in range(rng.randint(1, 2)):
                stack.redo()
        if step % 25 == 0:
            _check_scene(view)
            view.fit()
            view.viewport().repaint()

    _check_scene(view)
    full, at = _state(doc), stack.index()       # the walk may end after undos: redo up to here
    while stack.canUndo():
        stack.undo()
    assert doc.spec.to_dict() == {"nodes": [], "connections": []}
    assert doc.params == {}
    _check_scene(view)
    while stack.index() < at:
        stack.redo()
    assert _same(_state(doc), full)
    while stack.canRedo():
        stack.redo()
    _check_scene(view)
    assert stack.count() > 50 and refused > 0
