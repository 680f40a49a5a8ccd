"""How the lecture writes numbers and formulas: 4 digits, Unicode minus and subscripts.

Plain string helpers with no dependency on the rest of ``core``, so that the
tape's ops (:mod:`core.tape`, :mod:`core.losses`) can write their own trace
formulas next to their forward and backward, and :mod:`core.trace` writes the
rest the same way.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

#: Significant digits in the ``numbers`` formulas (results keep full precision).
DIGITS = 4
#: Longest sum written out in a formula; every term stays in a step's ``terms``.
MAX_SHOWN = 8

SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
#: The symbol a formula writes for each activation function (identity: none).
FUNCTION_SYMBOLS = {
    "identity": "", "logistic": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "LeakyReLU",
    "prelu": "PReLU", "elu": "ELU", "softplus": "softplus", "swish": "swish", "gelu": "GELU",
    "gelu_tanh": "GELU_tanh", "gelu_sigmoid": "GELU_σ", "softmax": "softmax",
}


def function_symbol(name: str) -> str:
    """The symbol of activation ``name`` in a formula (σ, tanh, ...; its own name if none)."""
    return FUNCTION_SYMBOLS.get(name, name)


def format_number(v: float) -> str:
    """A number for a formula: 4 significant digits, Unicode minus, −0 kept, ·10ⁿ.

    Public so that every view of a trace (table, card, canvas) writes numbers
    exactly as the formulas do.
    """
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    s = f"{v:.{DIGITS}g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}·10{str(int(exp)).translate(SUPERSCRIPT)}"
    return s.replace("-", "−")


fmt = format_number


def fmtp(v: float) -> str:
    """A number in parentheses when negative (after a minus sign or before ²)."""
    s = fmt(v)
    return f"({s})" if s.startswith("−") else s


def sum_text(parts: Sequence[str], empty: str = "0") -> str:
    """``a + b − c``: terms joined, long sums elided (a step's ``terms`` keeps them all)."""
    if not parts:
        return empty
    shown = list(parts[:MAX_SHOWN])
    out = shown[0]
    for p in shown[1:]:
        out += f" − {p[1:]}" if p.startswith("−") else f" + {p}"
    if len(parts) > MAX_SHOWN:
        out += f" + … ({len(parts) - MAX_SHOWN} more)"
    return out


def arr_text(v: Any) -> str:
    """A small array with its numbers; a large one by its shape."""
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return fmt(a)
    if a.size > 12:
        return "⟨" + "×".join(map(str, a.shape)) + "⟩"
    if a.ndim == 1:
        return "[" + ", ".join(fmt(t) for t in a) + "]"
    return "[" + ", ".join(arr_text(r) for r in a) + "]"
