"""The lecture's notation: unit and vector names, the step list (numbers as :mod:`core.formulas` writes them)."""
from __future__ import annotations

from typing import Any, Iterable

from ..formulas import FUNCTION_SYMBOLS as _FNAME, SUBSCRIPT as _SUBSCRIPT, SUPERSCRIPT as _SUPERSCRIPT
from ..formulas import arr_text as _arr, fmt as _fmt, fmtp as _fmtp, format_number, sum_text as _sum
from ..spec import Connection
from ..text import Message
from .run import _Run
from .steps import TraceStep, _plain

__all__ = ["_FNAME", "_SUBSCRIPT", "_SUPERSCRIPT", "_Names", "_Steps", "_arr", "_fmt", "_fmtp", "_sum",
           "format_number"]

# ----------------------------------------------------------------------------
# notation
# ----------------------------------------------------------------------------

def _sub(*labels: str) -> str:
    """Subscript for unit labels: Unicode digits as in w₁₄, else ``_{h1[0],h2[1]}``."""
    if all(lb == "" for lb in labels):
        return ""
    if all(lb.isascii() and lb.isdigit() for lb in labels):
        sep = "" if all(len(lb) == 1 for lb in labels) else ","
        return sep.join(lb.translate(_SUBSCRIPT) for lb in labels)
    return "_{" + ",".join(labels) + "}"


class _Names:
    """Symbols for units, weights and vectors in the lecture's notation."""

    def __init__(self, run: _Run):
        spec = run.spec
        self.run = run
        self.obj = run.obj
        self.out = run.out
        self.input = run.model.input_id
        non_input = sum(n.units for n in spec.nodes.values() if n.kind != "input")
        labelled = any("unit_labels" in n.meta for n in spec.nodes.values())
        self.tiny = spec.nodes[self.input].units == 1 and non_input == 1 and not labelled
        self.labels: dict[str, list[str]] = {}
        for n in spec.nodes.values():
            given = n.meta.get("unit_labels")
            if self.tiny:
                self.labels[n.id] = [""] * n.units
            elif (isinstance(given, list) and len(given) == n.units
                  and all(isinstance(s, (str, int)) for s in given)):
                self.labels[n.id] = [str(s) for s in given]
            elif n.kind == "input":  # inputs are x₁, x₂, ... (1-based) by default
                self.labels[n.id] = [str(i + 1) for i in range(n.units)]
            else:
                self.labels[n.id] = [n.id] if n.units == 1 else [f"{n.id}[{i}]" for i in range(n.units)]
        # With labels of its own the input is a₁, a₂ as in the lecture's z₄ = w₁₄a₁ + ...
        self.input_is_x = self.tiny or "unit_labels" not in spec.nodes[self.input].meta

    def label(self, nid: str, j: int) -> str:
        """The unit as a person reads it (``"4"``, ``"h1[0]"``, ``"x1"``, or the node id)."""
        lb = self.labels[nid][j] or nid
        return f"x{lb}" if nid == self.input and self.input_is_x and lb.isdigit() else lb

    def _s(self, nid: str, j: int) -> str:
        return _sub(self.labels[nid][j])

    def a(self, nid: str, j: int) -> str:
        if nid == self.out:
            return "ŷ" + self._s(nid, j)
        if nid == self.input and self.input_is_x:
            return "x" + self._s(nid, j)
        return "a" + self._s(nid, j)

    def x(self, j: int) -> str:
        return "x" + self._s(self.input, j)

    def z(self, nid: str, j: int) -> str:
        return "z" + self._s(nid, j)

    def d(self, nid: str, j: int) -> str:
        return "δ" + self._s(nid, j)

    def y(self, j: int) -> str:
        return "y" + self._s(self.out, j)

    def b(self, nid: str, j: int) -> str:
        return "b" + self._s(nid, j)

    def gamma(self, nid: str, j: int) -> str:
        return "γ" + self._s(nid, j)

    def w(self, c: Connection, i: int, j: int) -> str:
        return "w" + _sub(self.labels[c.src][i], self.labels[c.dst][j])

    def param(self, key: str, idx: tuple[int, ...]) -> str:
        """The symbol of one scalar parameter, e.g. ``w₁₄`` for ``("W:c1", (0, 0))``."""
        kind, ident = key.split(":", 1)
        if kind == "W":
            c = self.run.spec.connections[ident]
            return self.w(c, idx[1], idx[0])
        if kind == "b":
            return self.b(ident, idx[0])
        return kind.replace("gamma", "γ") + self._s(ident, idx[0])

    # vectors, for the op level
    def vec(self, kind: str, nid: str) -> str:
        if kind == "a" and nid == self.out:
            return "ŷ"
        if kind == "a" and nid == self.input:
            return "x"
        return kind if self.tiny else f"{kind}[{nid}]"

    def mat(self, cid: str) -> str:
        return "W" if self.tiny else f"W[{cid}]"


class _Steps:
    """Collects steps, numbering them."""

    def __init__(self, level: str):
        self.level = level
        self.steps: list[TraceStep] = []

    def add(self, phase: str, kind: str, where: str, units: Iterable[int], symbol: str,
            numbers: str, result: Any, terms: list[dict[str, Any]] | None = None,
            local: Any = None, upstream: Any = None, product: Any = None,
            label: str | Message = "") -> TraceStep:
        """Append a step; a :class:`Message` label is kept as the step's ``message`` too."""
        message = label if isinstance(label, Message) else None
        step = TraceStep(len(self.steps), phase, self.level, kind, where,
                         tuple(int(u) for u in units), symbol, numbers, _plain(result),
                         terms or [], _plain(local), _plain(upstream), _plain(product), str(label), message)
        self.steps.append(step)
        return step
