"""The network as a PyTorch module in a file of its own.

The file defines ``Network(nn.Module)``, whose ``forward`` is the NumPy
export's ``predict`` line for line (one line per node, named as on the
canvas), and ``load()``, which returns it with the trained weights in
float64. Every weight, bias and PReLU γ is an ``nn.Parameter`` under the
same name as in the NumPy file, so training can go on in PyTorch; a
connection with removed edges multiplies its weights by a 0/1 mask buffer,
so the removed edges stay removed there too. It imports only ``torch`` and
the standard library: Backprop Studio need not be installed.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from ..spec import NetworkSpec
from .plan import ForwardPlan, build_plan
from .pycode import DECODE, array_source, describe, forward_line, helpers, needs_decode, safe_text, uses_math


def torch_source(spec: NetworkSpec, params: Mapping[str, np.ndarray], title: str = "") -> str:
    """The text of the PyTorch file for a network and its trained parameters."""
    plan = build_plan(spec, params)
    decode = needs_decode(plan)
    imports = (["import array", "import base64"] if decode else []) + (["import math"] if uses_math(plan) else [])
    imports += (["import sys"] if decode else []) + ["", "import torch", "from torch import nn"]
    blocks = [_docstring(plan, title) + "\n\n" + "\n".join(imports).lstrip("\n"),
              *helpers(plan, "torch"), _module(plan), _load(), *([DECODE["torch"].strip()] if decode else []),
              _arrays(plan)]
    return "\n\n\n".join(blocks) + "\n"


def _docstring(plan: ForwardPlan, title: str) -> str:
    return (f'"""{safe_text(title or "A network")}, exported from Backprop Studio as a PyTorch module.\n\n'
            f"load() returns the Network with its trained weights, in float64 (load(torch.float32) for\n"
            f"float32). Its forward takes x of shape (N, {plan.n_inputs}) and returns the (N, {plan.n_outputs}) "
            f"outputs after\nthe output activation ({plan.output.activation}; the network trained with the "
            f"{plan.loss} loss):\n\n"
            "    from this_file import load\n"
            "    net = load()\n"
            "    y = net(torch.tensor(x, dtype=torch.float64))\n\n"
            "Each node of the network is one line of forward(), named as on the canvas.\n"
            '"""')


def _module(plan: ForwardPlan) -> str:
    lines = ["class Network(nn.Module):",
             '    """The network, one line of forward() per node; parameters named after the nodes."""',
             "",
             "    def __init__(self):",
             "        super().__init__()"]
    for name, arr in plan.arrays.items():
        lines.append(f"        self.{name} = nn.Parameter(torch.zeros({tuple(arr.shape)!r}, dtype=torch.float64))"
                     f"  # {plan.keys[name]}")
    for name in plan.masks:
        lines.append(f"        self.register_buffer({name!r}, MASKS[{name!r}].clone())  # removed edges are 0")
    var_of = {plan.input.node.id: plan.input.var}
    lines += ["",
              "    def forward(self, x):",
              f'        """The outputs (N, {plan.n_outputs}) for inputs x of shape (N, {plan.n_inputs})."""',
              f"        {describe(plan.input)}"]
    if plan.input.var != "x":
        lines.append(f"        {plan.input.var} = x")
    for step in plan.steps:
        var_of[step.node.id] = step.var
        lines += [f"        {describe(step)}", "        " + forward_line(step, var_of, "torch", "self.")]
    lines.append(f"        return {plan.output.var}")
    return "\n".join(lines)


def _load() -> str:
    return '''def load(dtype=torch.float64):
    """The Network with its trained parameters, as ``dtype``, in evaluation mode."""
    net = Network()
    with torch.no_grad():
        for name, value in PARAMETERS.items():
            getattr(net, name).copy_(value)
    return net.to(dtype).eval()'''


def _arrays(plan: ForwardPlan) -> str:
    lines = ["# --- the trained parameters, every digit kept (W: destination units × source units) ---",
             "PARAMETERS = {"]
    for name, arr in plan.arrays.items():
        lines.append(f"    {name!r}: {_indented(array_source(arr, 'torch'))},  # {plan.keys[name]}")
    lines.append("}")
    lines.append("MASKS = {" + ("" if plan.masks else "}"))
    if plan.masks:
        for name, mask in plan.masks.items():
            lines.append(f"    {name!r}: {_indented(array_source(mask, 'torch'))},")
        lines.append("}")
    return "\n".join(lines)


def _indented(source: str) -> str:
    """A multi-line expression indented to sit inside the dictionary (base64 text left as it is)."""
    if '"""' in source:
        return source
    return source.replace("\n", "\n    ")
