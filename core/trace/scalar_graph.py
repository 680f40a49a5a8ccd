"""The scalar zoom's graph: the sample's network as scalars and elementary ops, as in micrograd.

The tape's ops build it unit by unit (``expand`` in :mod:`core.tape` and
:mod:`core.losses`): a product a·w per edge, the sum of the products, the
bias, the activation's elementary ops. Each elementary op records its local
derivatives, so that the backward walk (:mod:`.scalar`) is the chain rule
and nothing else. Values are named ``h₁, h₂, ...`` in the order they are
made, as in the lecture; the values the tape also holds (each z_j and a_j)
carry the tape's numbers and gradients.

The graph is built first and described afterwards (:meth:`ScalarGraph.describe_forward`),
because which value is z_j (the product, the sum or the bias add) is known
only once the unit's net input is complete.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formulas import SUBSCRIPT, fmt, sum_text
from ..text import QT_TRANSLATE_NOOP, Message
from .notation import _Names, _Steps
from .run import _Run
from .scalar_activation import expand_activation
from .tracer import Tracer


@dataclass
class ScalarValue:
    """One scalar in the elementary graph: an input, a parameter or an h."""

    name: str
    value: float
    role: str                        # "input" | "h" | "weight" | "bias" | "gamma"
    where: str
    units: tuple[int, ...]
    block: tuple
    alias: str = ""                  # a₄ / ŷ₇ / z₄ where the neuron level names it
    tape_grad: float | None = None   # the gradient as the tape holds it
    output: bool = False             # the network's output unit
    consumers: list[tuple[int, int]] = field(default_factory=list)  # (op, input position)

    @property
    def ref(self) -> str:
        """How a consuming op writes this value: a unit's output by its a₄ / ŷ₇, else its own name."""
        return self.alias if self.alias and self.role == "h" and not self.alias.startswith("z") else self.name


@dataclass
class ElementaryOp:
    """One elementary op: out = op(inputs), with the local derivatives and how to write it."""

    out: int
    inputs: list[int]
    local: list[float]
    local_sym: list[str]
    where: str
    units: tuple[int, ...]
    fused: bool = False              # part of a loss fused with its activation
    expr: str = ""                   # the op in symbols, e.g. "h₁ + b₄"
    expr_num: str = ""               # the same with numbers
    label: str | Message = ""


class ScalarGraph(Tracer):
    """Values and elementary ops, grouped in blocks (one per unit; softmax's outputs in one more).

    The backward walk goes over nodes in reverse order, a node's blocks in
    :attr:`blocks` order and each block's values in reverse.
    """

    def __init__(self, run: _Run, names: _Names, steps: _Steps):
        super().__init__(run, names, steps)
        self.loss = run.loss_op
        self.vals: list[ScalarValue] = []
        self.ops: list[ElementaryOp] = []
        self.blocks: dict[str, list[tuple]] = {}
        self.block_vals: dict[tuple, list[int]] = {}
        self.unit_out: dict[tuple[str, int], int] = {}  # (node, unit) -> the value that is its a
        self.grad: dict[int, float] = {}                 # filled by the backward walk
        self._block: tuple = ("input",)
        self._count = 0
        self._products: dict[tuple[str, int], list[int]] = {}
        self._z: dict[tuple[str, int], int] = {}

    # --- building -------------------------------------------------------------

    def add_inputs(self) -> None:
        """The sample's inputs, the graph's leaves."""
        nid = self.names.input
        for i, xv in enumerate(self.run.x):
            v = ScalarValue(self.names.a(nid, i), float(xv), "input", nid, (i,), ("input",))
            self.unit_out[(nid, i)] = self.value(v)

    def start_block(self, nid: str, block: tuple, first: bool = False) -> None:
        """Put the values made from now on in ``block`` of node ``nid`` (``first``: walked back first)."""
        self._block = block
        blocks = self.blocks.setdefault(nid, [])
        if first:
            blocks.insert(0, block)
        else:
            blocks.append(block)

    def value(self, v: ScalarValue) -> int:
        """Add a value; its index."""
        self.vals.append(v)
        self.block_vals.setdefault(v.block, []).append(len(self.vals) - 1)
        return len(self.vals) - 1

    def h(self, value: float, where: str, units: tuple[int, ...], alias: str = "",
          tape_grad: float | None = None) -> int:
        """A new intermediate value hₙ in the current block."""
        self._count += 1
        name = f"h{str(self._count).translate(SUBSCRIPT)}"
        return self.value(ScalarValue(name, float(value), "h", where, units, self._block, alias, tape_grad))

    def param(self, name: str, value: float, role: str, where: str, units: tuple[int, ...],
              tape_grad: float) -> int:
        """A parameter (``role`` "weight", "bias" or "gamma") with the tape's gradient."""
        return self.value(ScalarValue(name, value, role, where, units, self._block, tape_grad=tape_grad))

    def op(self, out: int, inputs: list[int], local: list[float], local_sym: list[str], expr: str,
           expr_num: str, label: str | Message, fused: bool = False) -> None:
        """Record an elementary op making value ``out`` from ``inputs``, each ∂out/∂input in ``local``."""
        v = self.vals[out]
        self.ops.append(ElementaryOp(out, inputs, local, local_sym, v.where, v.units, fused, expr, expr_num, label))
        for pos, i in enumerate(inputs):
            self.vals[i].consumers.append((len(self.ops) - 1, pos))

    # --- the net input z_j ----------------------------------------------------

    def add_product(self, nid: str, j: int, vi: int) -> None:
        """A product w·a that adds into z_j."""
        self._products.setdefault((nid, j), []).append(vi)

    def sum_of_products(self, nid: str, j: int) -> int | None:
        """The products into z_j summed by one op (one product: itself; none: None)."""
        prods = self._products.pop((nid, j), [])
        if len(prods) < 2:
            return prods[0] if prods else None
        total = sum(self.vals[p].value for p in prods)
        hs = self.h(total, nid, (j,))
        self.op(hs, prods, [1.0] * len(prods), ["1"] * len(prods), sum_text([self.vals[p].name for p in prods]),
                sum_text([fmt(self.vals[p].value) for p in prods]),
                Message(QT_TRANSLATE_NOOP("Trace", "sum of the products into {0}"), self.names.label(nid, j)))
        return hs

    def set_net_input(self, nid: str, j: int, vi: int) -> None:
        """Value ``vi`` is z_j: it takes the tape's z_j and ∂/∂z_j, and is named z_j alongside."""
        v = self.vals[vi]
        v.alias, v.value = self.names.z(nid, j), float(self.run.z[nid][j])
        v.tape_grad = float(self.run.dz[nid][j])
        self._z[(nid, j)] = vi

    def net_input(self, nid: str, j: int) -> int:
        """z_j, completing it if no bias add did: the sum of the products, or 0 without any."""
        if (nid, j) not in self._z:
            pre = self.sum_of_products(nid, j)
            if pre is None:
                pre = self.h(0.0, nid, (j,))
                self.op(pre, [], [], [], "0", "0",
                        Message(QT_TRANSLATE_NOOP("Trace", "{0} has no inputs and no bias"), self.names.label(nid, j)))
            self.set_net_input(nid, j, pre)
        return self._z[(nid, j)]

    def activation(self, nid: str, j: int, fused: bool) -> None:
        """Unit j's a = f(z_j) (see :mod:`.scalar_activation`); ``fused``: computed by the loss op."""
        expand_activation(self, nid, j, fused)

    # --- describing -----------------------------------------------------------

    def describe_forward(self) -> None:
        """One forward step per elementary op, in the order they were made."""
        vals = self.vals
        for o in self.ops:
            v = vals[o.out]
            terms = [{"input": vals[i].ref, "value": vals[i].value, "local_symbol": f"∂{v.name}/∂{vals[i].ref}",
                      "local": lo} for i, lo in zip(o.inputs, o.local)]
            alias = f"  (= {v.alias})" if v.alias else ""
            self.add("forward", "scalar_op", v.where, v.units, f"{v.name} = {o.expr}{alias}",
                     f"{v.name} = {o.expr_num} = {fmt(v.value)}", v.value, terms, label=o.label)
