"""The command line's plain-text table of a trace."""
from __future__ import annotations

from typing import Any

import numpy as np

from .notation import _fmt
from .steps import MAX_SHOWN, Trace

# ----------------------------------------------------------------------------
# the command line's table
# ----------------------------------------------------------------------------

def format_table(trace: Trace) -> str:
    """The steps as a readable plain-text table, for ``backprop-studio trace``.

    One row per step: number, phase, where (node or connection, with unit
    indices), the formula with symbols, and under it the same formula with
    the numbers; backward rows add local × upstream = product, and sums add
    their terms. Then the loss, every gradient and any previewed update.
    """
    lines = [f"Trace of one sample, {trace.level} level"]
    if trace.x is not None:
        lines.append(f"  input  x = {_arr_full(trace.x)}")
    if trace.y is not None:
        lines.append(f"  target y = {_arr_full(trace.y)}")
    lines.append(f"  output ŷ = {_arr_full(trace.output)}")
    rows = []
    for s in trace.steps:
        where = s.where + ("[" + ",".join(map(str, s.units)) + "]" if s.units else "")
        rows.append((s, f"{s.index + 1}", where))
    wn = max([len(r[1]) for r in rows] + [1])
    ww = min(max([len(r[2]) for r in rows] + [5]), 24)
    phase = None
    for s, num, where in rows:
        if s.phase != phase:
            phase = s.phase
            lines.append("")
            lines.append(f"── {phase} " + "─" * 40)
        pad = " " * (wn + 2 + 9 + ww + 2)
        lines.append(f"{num:>{wn}}  {s.phase:<8} {where:<{ww}}  {s.symbol}")
        lines.append(f"{pad}{s.numbers}")
        if isinstance(s.local, float) and isinstance(s.upstream, float):
            lines.append(f"{pad}local {_fmt(s.local)} × upstream {_fmt(s.upstream)} = {_fmt(s.product or 0.0)}")
        # the terms of a sum, one per line (the scalar level's chain is already in the numbers)
        if (s.kind in ("delta", "weight_grad", "sum_grad", "net_input", "loss") and s.level != "op"
                and not (s.level == "scalar" and s.kind == "weight_grad") and 1 < len(s.terms) <= MAX_SHOWN):
            for t in s.terms:
                if "symbol" in t and isinstance(t.get("value"), float):
                    via = f" (via {t['via']})" if "via" in t else ""
                    lines.append(f"{pad}  term {t['symbol']} = {_fmt(t['value'])}{via}")
    lines.append("")
    if trace.loss is not None:
        lines.append(f"loss: {trace.loss:.10g}")
    lines.append("gradients:")
    for k, g in trace.gradients.items():
        lines.append(f"  {k} = {_arr_full(g, len(k) + 5)}")
    if trace.updates is not None:
        lines.append("previewed update (not applied):")
        for k, d in trace.updates.items():
            lines.append(f"  {k}: Δ = {_arr_full(d['update'], len(k) + 8)}")
            lines.append(f"  {' ' * len(k)}  new value = {_arr_full(d['new_value'], len(k) + 16)}")
    return "\n".join(lines) + "\n"


def _arr_full(v: Any, indent: int = 0) -> str:
    """An array at full precision, wrapped lines indented under its first."""
    a = np.asarray(v, dtype=np.float64)
    text = np.array2string(a, precision=6, separator=", ", suppress_small=False,
                           max_line_width=max(100 - indent, 40), threshold=200)
    return text.replace("\n", "\n" + " " * indent)
