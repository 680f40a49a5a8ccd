"""``backprop-studio info``: what a network file holds, as text or one JSON object."""
from __future__ import annotations

import argparse
import math
from typing import Any

from .common import load, print_json, print_text

NAME = "info"
_GENERATED = ("xor", "circles", "gaussians", "spiral", "moons", "regression")


def add_parser(sub: Any) -> None:
    """Register ``info`` and its options with the sub-command parsers ``sub``."""
    info = sub.add_parser("info", help="show what a network file holds",
                          description="Structure, parameter count, training settings, dataset and "
                                      "training history of a network file.")
    info.add_argument("net", metavar="NET.ffn", help="network file")
    info.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    info.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Describe ``NET.ffn``: the text lists nodes in the order they compute, JSON keeps every number."""
    from ..spec import SpecError

    nf = load(ns.net)
    try:
        order = nf.spec.topological_order()
    except SpecError:
        order = list(nf.spec.nodes)
    info = _info(ns.net, nf, order)
    if ns.json:
        if info["data"] is not None and info["data"].get("standardizer"):
            info["data"]["standardizer"] = {"columns": len(info["data"]["standardizer"]["mean"])}
        print_json(info)
        return 0
    print_text(_info_text(nf, info, order))
    return 0


def _info(path: str, nf, order: list[str]) -> dict[str, Any]:
    """Everything ``info`` reports, as the JSON object (the text is made from it and the file)."""
    from ..parameters import count_parameters, parameter_shapes

    spec = nf.spec
    problems = [p.message for p in spec.problems()]
    shapes = parameter_shapes(spec)
    n_params = count_parameters(spec)
    hist = nf.history
    last = hist.epochs[-1] if hist is not None and hist.epochs else None
    opt = nf.optimizer_state
    return {
        "file": path,
        "description": nf.description,
        "nodes": [{"id": n.id, "name": n.name, "kind": n.kind, "units": n.units, "activation": n.activation,
                   "bias": n.bias, "loss": n.loss} for n in (spec.nodes[i] for i in order)],
        "connections": [{"id": c.id, "src": c.src, "dst": c.dst, "removed_edges": len(c.removed)}
                        for c in spec.connections.values()],
        "parameters": n_params,
        "parameter_shapes": {k: list(s) for k, s in shapes.items()},
        "training": nf.training.to_dict(),
        "data": None if nf.data is None else nf.data.to_dict(),
        "optimizer_state": None if opt is None else {"name": opt["name"], "t": opt["t"]},
        "history": None if hist is None else {
            "epochs": len(hist.epochs), "steps": len(hist.step_loss),
            "last": None if last is None else {
                "epoch": last.epoch, "train_loss": last.train_loss, "train_metric": last.train_metric,
                "test_loss": last.test_loss, "test_metric": last.test_metric}},
        "problems": problems,
    }


def _info_text(nf, info: dict[str, Any], order: list[str]) -> str:
    """The text of ``info``: structure, parameters, training, data, optimiser state, history."""
    out = [f"{info['file']}" + (f": {nf.description}" if nf.description else ""), ""]
    out += _structure_lines(nf.spec, order)
    out.append(f"parameters: {info['parameters']:,}")
    t = nf.training
    hyper = ", ".join(f"{k}={v:g}" for k, v in t.hyper.items())
    out.append(f"training: {t.optimizer}" + (f" ({hyper})" if hyper else "")
               + f", batch size {t.batch_size}, L2 {t.l2:g}, seed {t.seed}, {t.epochs} epochs")
    out.append(_data_line(nf.data))
    opt = nf.optimizer_state
    out.append("optimiser state: " + ("none" if opt is None else f"{opt['name']} after {opt['t']} steps"))
    out.append(_history_line(info["history"]))
    if info["problems"]:
        out.append("cannot train yet: " + "; ".join(dict.fromkeys(info["problems"])))
    return "\n".join(out)


def _structure_lines(spec, order: list[str]) -> list[str]:
    """One line per node (in computing order), then one per connection with its weight count."""
    out = [f"structure ({len(spec.nodes)} nodes, {len(spec.connections)} connections):"]
    wid = max([len(n.label) for n in spec.nodes.values()] + [4])
    for nid in order:
        n = spec.nodes[nid]
        unit = "unit " if n.units == 1 else "units"
        what = "" if n.kind == "input" else f"  {n.activation}" + ("" if n.bias else ", no bias")
        if n.loss:
            what += f", loss {n.loss}"
        out.append(f"  {n.label:<{wid}}  {n.kind:<6} {n.units:>6} {unit}{what}")
    for c in spec.connections.values():
        n_w = spec.nodes[c.src].units * spec.nodes[c.dst].units - len(set(map(tuple, c.removed)))
        cut = f", {len(c.removed)} edge{'' if len(c.removed) == 1 else 's'} removed" if c.removed else ""
        out.append(f"  {c.id}: {spec.nodes[c.src].label} → {spec.nodes[c.dst].label} ({n_w} weights{cut})")
    return out


def _data_line(d) -> str:
    """The dataset the file names, with what makes it reproducible."""
    if d is None:
        return "data: none (train with --data)"
    bits = [f"path {d.path}" if d.path else "", f"target {d.target}" if d.target else ""]
    if d.points is not None:
        bits.append(f"{len(d.points['X'])} points")
    elif d.name in _GENERATED:
        bits.append(f"n={d.n}, noise {d.noise:g}, seed {d.seed}")
    bits.append(f"test {d.test_fraction:.0%}")
    if d.features:
        bits.append("features " + ", ".join(d.features))
    if d.standardize:
        bits.append("standardised" + (" (statistics saved)" if d.standardizer else ""))
    return f"data: {d.label} (" + "; ".join(b for b in bits if b) + ")"


def _history_line(h: dict[str, Any] | None) -> str:
    """The training history's size and its last epoch's scores."""
    if h is None:
        return "history: none"
    line = f"history: {h['epochs']} epochs, {h['steps']} steps"
    if h["last"]:
        last = h["last"]
        line += f"; last epoch: loss {last['train_loss']:.4g}, train {last['train_metric']:.3f}"
        if math.isfinite(last["test_metric"]):
            line += f", test {last['test_metric']:.3f}"
    return line
