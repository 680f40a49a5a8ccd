"""``backprop-studio trace``: one sample's forward and backward pass, step by step."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from .common import CLIError, compile_network, floats, load, print_json, print_text

NAME = "trace"
TRACE_PHASES = ("forward", "loss", "backward", "update")


def add_parser(sub: Any) -> None:
    """Register ``trace`` and its options with the sub-command parsers ``sub``."""
    trace = sub.add_parser("trace", help="show one sample's forward and backward pass step by step",
                           description="Run one sample through the network and list every forward and "
                                       "backward step with its formula and numbers.")
    trace.add_argument("net", metavar="NET.ffn", help="network file")
    trace.add_argument("--input", required=True, metavar="V[,V...]", help="the sample's input values")
    trace.add_argument("--target", metavar="V[,V...]",
                       help="its target (for a softmax output also a class number); without it the "
                            "backward pass starts from d(output)/d(output) = 1")
    trace.add_argument("--level", choices=("neuron", "op", "scalar"), default="neuron",
                       help="neuron: z, a, δ per unit (default); op: the tape's matrix ops; "
                            "scalar: each neuron as elementary operations")
    trace.add_argument("--phase", action="append", choices=TRACE_PHASES, metavar="PHASE",
                       help="show only the steps of this phase: forward, loss, backward or update "
                            "(may be repeated)")
    trace.add_argument("--where", action="append", metavar="NAME",
                       help="show only the steps at this node or connection, by its id or name, and "
                            "only its gradients (may be repeated): a large network's trace runs to "
                            "thousands of steps")
    trace.add_argument("--json", action="store_true", help="print one JSON object: steps, gradients, loss")
    trace.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Trace the sample (with the update the file's optimiser would make, given a target) and print it."""
    import numpy as np

    try:
        from ..trace import format_table, trace_sample
    except ImportError as e:
        raise CLIError(f"the step-by-step trace is not available in this version ({e})") from None

    nf = load(ns.net)
    model = compile_network(nf, ns.net)
    x = floats(ns.input, "--input")
    if len(x) != model.n_inputs:
        raise CLIError(f"the network takes {model.n_inputs} input value(s); --input gave {len(x)}")
    y = None if ns.target is None else _target(ns.target, model)
    optimizer = None if y is None else _optimizer(nf, model)
    try:
        trace = trace_sample(model, np.array(x), None if y is None else np.array(y), ns.level, optimizer)
    except ValueError as e:
        raise CLIError(str(e)) from None
    trace = _filtered(trace, nf.spec, ns.phase, ns.where)
    if ns.json:
        d = trace.to_dict()
        d.setdefault("steps", [])
        d.setdefault("gradients", {k: v for k, v in trace.gradients.items()})
        d.setdefault("loss", trace.loss)
        print_json(d)
    else:
        print_text(format_table(trace))
    return 0


def _target(text: str, model) -> list[float]:
    """``--target`` as one value per output; a class number becomes its one-hot row under softmax and CE."""
    y = floats(text, "--target")
    if (len(y) == 1 and model.n_outputs > 1 and model.loss_name == "ce"
            and float(y[0]).is_integer() and 0 <= y[0] < model.n_outputs):
        y = [1.0 if k == int(y[0]) else 0.0 for k in range(model.n_outputs)]  # a class number
    if len(y) != model.n_outputs:
        raise CLIError(f"the network has {model.n_outputs} output(s); --target gave {len(y)} value(s)")
    return y


def _optimizer(nf, model):
    """The file's optimiser with its saved state, to preview the update; None if it cannot be made."""
    from ..optim import make_optimizer

    try:
        optimizer = make_optimizer(nf.training.optimizer, [model.theta], [model.grad], **nf.training.hyper)
        state = nf.optimizer_state
        if state is not None and state.get("name") == optimizer.name:
            optimizer.load_state_dict(state)
            optimizer.hyper.update(nf.training.hyper)
    except ValueError:
        return None
    return optimizer


def _filtered(trace: Any, spec: Any, phases: list[str] | None, wheres: list[str] | None) -> Any:
    """The trace with only the chosen phases and places (numbers keep their place in the whole)."""
    if not phases and not wheres:
        return trace
    places: set[str] | None = None
    if wheres:
        places = set()
        for name in wheres:
            places.add(_place(spec, name))
    steps = [s for s in trace.steps
             if (not phases or s.phase in phases) and (places is None or s.where in places)]
    if not steps:
        print("no step matches " + " and ".join(
            filter(None, [phases and "--phase " + ", ".join(phases), wheres and "--where " + ", ".join(wheres)])),
            file=sys.stderr)
    keep = (lambda key: True) if places is None else (lambda key: key.split(":", 1)[1] in places)
    updates = None if trace.updates is None else {k: v for k, v in trace.updates.items() if keep(k)}
    return dataclasses.replace(trace, steps=steps, updates=updates,
                               gradients={k: v for k, v in trace.gradients.items() if keep(k)})


def _place(spec: Any, name: str) -> str:
    """A node or connection id from its id or its name (case does not matter)."""
    if name in spec.nodes or name in spec.connections:
        return name
    folded = name.casefold()
    for n in spec.nodes.values():
        if n.name and n.name.casefold() == folded:
            return n.id
    nodes = ", ".join(f"{n.id} ({n.name})" if n.name and n.name != n.id else n.id for n in spec.nodes.values())
    raise CLIError(f"--where {name}: no node or connection of that name; the nodes are {nodes}; "
                   f"the connections are {', '.join(spec.connections) or 'none'}")
