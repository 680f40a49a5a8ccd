"""How a person reads a model's parameter arrays: ``W input → hidden 1`` rather than ``W:c1``.

The optimiser-internals panel labels its strip plot and table with these.
"""
from __future__ import annotations


def parameter_places(model) -> dict[str, tuple[str, str]]:
    """Each parameter array's symbol and the layers it belongs to:
    ``"W:c1"`` → ``("W", "input → hidden 1")``, ``"b:h1"`` → ``("b", "hidden 1")``.
    """
    spec = model.spec
    out = {}
    for key in model.slices:
        kind, ident = key.split(":", 1)
        symbol = {"gamma": "γ"}.get(kind, kind)
        if kind == "W" and ident in spec.connections:
            c = spec.connections[ident]
            out[key] = (symbol, f"{spec.nodes[c.src].label} → {spec.nodes[c.dst].label}")
        elif ident in spec.nodes:
            out[key] = (symbol, spec.nodes[ident].label)
    return out


def axis_names(model) -> dict[str, str]:
    """Short, for the axis: ``"W input → hidden 1"``, ``"b hidden 1"``."""
    return {key: f"{symbol} {place}" for key, (symbol, place) in parameter_places(model).items()}


def parameter_names(model) -> dict[str, str]:
    """With the key, for the table: ``"W:c1  input → hidden 1"``."""
    return {key: f"{key}  {place}" for key, (_symbol, place) in parameter_places(model).items()}
