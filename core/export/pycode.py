"""What the NumPy and the PyTorch files share: formulas, helpers, arrays as source text.

The two generated files read alike on purpose: a student who has read the
NumPy ``predict`` recognises the PyTorch ``forward`` line by line. Each
activation is one entry of :data:`FORMULAS`, with the call written into the
forward line for each library and the helper functions it needs. The
helpers follow :mod:`core.activations` formula for formula (the stable
sigmoid, GELU through ``erfc``, the tanh GELU as ``z σ(2u)``, softplus as
``max(z, 0) + log1p(exp(−|z|))``), because the exported network must give
the program's own outputs to 1e-12, not merely the same function on paper.
"""
from __future__ import annotations

import base64
import textwrap
from dataclasses import dataclass

import numpy as np

from ..text import printable
from .plan import ForwardPlan, Step

#: Arrays with more values than this are embedded as base64 of float64
#: little-endian instead of a list of numbers, to keep the file quick to load.
LITERAL_MAX = 4096


@dataclass(frozen=True)
class Formula:
    """How one activation is written: a call per library and the helpers it uses."""

    numpy: str
    torch: str
    helpers: tuple[str, ...] = ()


FORMULAS: dict[str, Formula] = {
    "identity": Formula("{z}", "{z}"),
    "logistic": Formula("sigmoid({z})", "torch.sigmoid({z})", ("sigmoid",)),
    "tanh": Formula("np.tanh({z})", "torch.tanh({z})"),
    "relu": Formula("np.maximum({z}, 0.0)", "torch.relu({z})"),
    "leaky_relu": Formula("leaky_relu({z}, {gamma})", "leaky_relu({z}, {gamma})", ("leaky_relu",)),
    "prelu": Formula("leaky_relu({z}, {gamma})", "leaky_relu({z}, {gamma})", ("leaky_relu",)),
    "elu": Formula("elu({z}, {gamma})", "elu({z}, {gamma})", ("elu",)),
    "softplus": Formula("softplus({z})", "softplus({z})", ("softplus",)),
    "swish": Formula("swish({z}, {beta})", "swish({z}, {beta})", ("sigmoid", "swish")),
    "gelu": Formula("gelu({z})", "gelu({z})", ("erfc", "gelu")),
    "gelu_tanh": Formula("gelu_tanh({z})", "gelu_tanh({z})", ("sigmoid", "gelu_tanh")),
    "gelu_sigmoid": Formula("gelu_sigmoid({z})", "gelu_sigmoid({z})", ("sigmoid", "gelu_sigmoid")),
    "softmax": Formula("softmax({z})", "torch.softmax({z}, dim=-1)", ("softmax",)),
}

_NUMPY_HELPERS = {
    "sigmoid": '''
def sigmoid(z):
    """σ(z) = 1 / (1 + exp(−z)), written with exp(−|z|) so that it never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
''',
    "leaky_relu": '''
def leaky_relu(z, gamma):
    """z if z > 0 else γz (PReLU: γ learned, one per unit)."""
    return np.where(z > 0, z, gamma * z)
''',
    "elu": '''
def elu(z, gamma):
    """z if z > 0 else γ(exp(z) − 1)."""
    return np.where(z > 0, z, gamma * np.expm1(np.minimum(z, 0.0)))
''',
    "softplus": '''
def softplus(z):
    """log(1 + exp(z)), written as max(z, 0) + log1p(exp(−|z|)) so that it never overflows."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
''',
    "swish": '''
def swish(z, beta):
    """z σ(βz)."""
    return z * sigmoid(beta * z)
''',
    "erfc": '''
_erfc = np.frompyfunc(math.erfc, 1, 1)


def erfc(z):
    """The complementary error function, elementwise (NumPy has none; math.erfc is exact)."""
    return np.asarray(_erfc(z), dtype=np.float64)
''',
    "gelu": '''
def gelu(z):
    """z Φ(z), with the normal CDF Φ(z) = ½ erfc(−z/√2) (erfc keeps the digits 1 + erf loses)."""
    return z * (0.5 * erfc(-z * (1.0 / math.sqrt(2.0))))
''',
    "gelu_tanh": '''
def gelu_tanh(z):
    """½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), written as z σ(2u) (the same, more digits).

    z is clipped to ±50 inside u only: beyond it σ(2u) is exactly 0 or 1, and z³ stays finite.
    """
    zc = np.clip(z, -50.0, 50.0)
    u = math.sqrt(2.0 / math.pi) * (zc + 0.044715 * zc**3)
    return z * sigmoid(2.0 * u)
''',
    "gelu_sigmoid": '''
def gelu_sigmoid(z):
    """z σ(1.702z), the logistic approximation of GELU."""
    return z * sigmoid(1.702 * z)
''',
    "softmax": '''
def softmax(z):
    """exp(zₖ) / Σⱼ exp(zⱼ) along each row, shifted by the row's maximum so that exp never overflows."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
''',
}

_TORCH_HELPERS = {
    "sigmoid": "",
    "softmax": "",
    "erfc": "",
    "leaky_relu": '''
def leaky_relu(z, gamma):
    """z if z > 0 else γz (PReLU: γ learned, one per unit)."""
    return torch.where(z > 0, z, gamma * z)
''',
    "elu": '''
def elu(z, gamma):
    """z if z > 0 else γ(exp(z) − 1)."""
    return torch.where(z > 0, z, gamma * torch.expm1(torch.clamp(z, max=0.0)))
''',
    "softplus": '''
def softplus(z):
    """log(1 + exp(z)), written as max(z, 0) + log1p(exp(−|z|)) (no threshold, unlike F.softplus)."""
    return torch.clamp(z, min=0.0) + torch.log1p(torch.exp(-z.abs()))
''',
    "swish": '''
def swish(z, beta):
    """z σ(βz)."""
    return z * torch.sigmoid(beta * z)
''',
    "gelu": '''
def gelu(z):
    """z Φ(z), with the normal CDF Φ(z) = ½ erfc(−z/√2) (erfc keeps the digits 1 + erf loses)."""
    return z * (0.5 * torch.special.erfc(-z * (1.0 / math.sqrt(2.0))))
''',
    "gelu_tanh": '''
def gelu_tanh(z):
    """½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), written as z σ(2u) (the same, more digits)."""
    zc = torch.clamp(z, -50.0, 50.0)
    u = math.sqrt(2.0 / math.pi) * (zc + 0.044715 * zc**3)
    return z * torch.sigmoid(2.0 * u)
''',
    "gelu_sigmoid": '''
def gelu_sigmoid(z):
    """z σ(1.702z), the logistic approximation of GELU."""
    return z * torch.sigmoid(1.702 * z)
''',
}


def helpers(plan: ForwardPlan, library: str) -> list[str]:
    """The helper functions the plan's activations use, in a fixed order, for ``numpy`` or ``torch``."""
    table = _NUMPY_HELPERS if library == "numpy" else _TORCH_HELPERS
    wanted = {h for s in plan.steps for h in FORMULAS[s.activation].helpers}
    return [table[name].strip() for name in table if name in wanted and table[name]]


def forward_line(step: Step, var_of: dict[str, str], library: str, prefix: str = "") -> str:
    """``var = f(src @ W.T + … + b)``: one node's line, ``prefix`` before parameter names (``self.``)."""
    parts = []
    for t in step.terms:
        w = f"{prefix}{t.weight}"
        if t.mask is not None and library == "torch":
            w = f"({w} * {prefix}{t.mask})"
        parts.append(f"{var_of[t.src]} @ {w}.T")
    if step.bias:
        parts.append(f"{prefix}{step.bias}")
    z = " + ".join(parts)
    gamma = f"{prefix}{step.gamma}" if step.gamma else repr(step.hp.get("gamma"))
    formula = getattr(FORMULAS[step.activation], library)
    return f"{step.var} = " + formula.format(z=z, gamma=gamma, beta=repr(step.hp.get("beta")))


def describe(step: Step) -> str:
    """A comment saying what a node is, as the canvas shows it."""
    node = step.node
    units = "1 unit" if node.units == 1 else f"{node.units} units"
    act = "" if node.kind == "input" else f", {step.activation}"
    hp = "".join(f" {k}={v!r}" for k, v in step.hp.items())
    loss = f", loss {node.loss}" if node.loss else ""
    return f"# {step.label}: {node.kind}, {units}{act}{hp}{loss}"


def array_source(arr: np.ndarray, library: str) -> str:
    """An expression rebuilding ``arr`` exactly: a list of reprs, or base64 of float64 little-endian."""
    arr = np.asarray(arr, dtype=np.float64)
    if arr.size > LITERAL_MAX:
        text = base64.b64encode(arr.astype("<f8").tobytes()).decode("ascii")
        lines = "\n".join(textwrap.wrap(text, 100))
        return f'_decode(\n"""\n{lines}\n""", {arr.shape!r})'
    body = _nested(arr.tolist(), "")
    if library == "numpy":
        return f"np.array({body}, dtype=np.float64)"
    return f"torch.tensor({body}, dtype=torch.float64)"


def _nested(values: object, indent: str) -> str:
    """A nested list one row a line, wrapped at 100 columns (repr keeps every digit of a float)."""
    if not isinstance(values, list) or not values or not isinstance(values[0], list):
        text = ", ".join(repr(v) for v in values) if isinstance(values, list) else repr(values)
        wrapped = textwrap.wrap(text, 100 - len(indent))
        if len(wrapped) <= 1:
            return f"[{text}]"
        return "[\n" + "\n".join(indent + "    " + w for w in wrapped) + "\n" + indent + "]"
    rows = ",\n".join(indent + "    " + _nested(v, indent + "    ") for v in values)
    return "[\n" + rows + ",\n" + indent + "]"


DECODE = {
    "numpy": '''

def _decode(text, shape):
    """An array stored as base64 of float64 little-endian."""
    return np.frombuffer(base64.b64decode(text), dtype="<f8").reshape(shape).copy()
''',
    "torch": '''

def _decode(text, shape):
    """A tensor stored as base64 of float64 little-endian."""
    values = array.array("d", base64.b64decode(text))
    if sys.byteorder == "big":
        values.byteswap()
    return torch.tensor(values.tolist(), dtype=torch.float64).reshape(shape)
''',
}


def needs_decode(plan: ForwardPlan) -> bool:
    """Whether any array is large enough to be stored as base64."""
    return any(a.size > LITERAL_MAX for a in plan.arrays.values())


def uses_math(plan: ForwardPlan) -> bool:
    """Whether a helper needs the math module (the GELUs)."""
    return any(s.activation in ("gelu", "gelu_tanh") for s in plan.steps)


def safe_text(text: str) -> str:
    """Text for a docstring: one printable line, no quotes that could end it, no backslashes."""
    return printable(text, 120).replace("\\", "/").replace('"""', "'''")
