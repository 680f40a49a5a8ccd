"""``backprop-studio new``: a layered network file with fresh weights."""
from __future__ import annotations

import argparse
import os
from typing import Any

from .common import CLIError, nonneg_int, print_json, save

NAME = "new"

_OUTPUT_LOSS = {"sigmoid": "bce", "softmax": "ce", "identity": "mse"}
_LOSS_OUTPUT = {"bce": "sigmoid", "ce": "softmax", "mse": "identity"}


def add_parser(sub: Any) -> None:
    """Register ``new`` and its options with the sub-command parsers ``sub``."""
    new = sub.add_parser("new", help="make a new layered network file",
                         description="Make a layered network (input, hidden layers, output) with fresh "
                                     "weights and save it.")
    new.add_argument("out", metavar="OUT.ffn", help="file to write")
    new.add_argument("--layers", required=True, metavar="N,N,...",
                     help="units per layer from input to output, e.g. 2,8,8,1")
    new.add_argument("--activation", default="tanh", metavar="NAME",
                     help="activation of the hidden layers (default tanh; e.g. logistic, relu, "
                          "leaky_relu, elu, softplus, swish, gelu)")
    new.add_argument("--output", choices=("sigmoid", "softmax", "identity"),
                     help="output activation (default: sigmoid for one output unit, softmax for "
                          "several, or what --loss needs)")
    new.add_argument("--loss", choices=("mse", "ce", "bce"),
                     help="loss (default: bce after sigmoid, ce after softmax, mse after identity)")
    new.add_argument("--init", metavar="NAME", default="xavier_uniform",
                     help="weight initialiser (default xavier_uniform; also xavier_normal, he_normal, "
                          "he_uniform, lecun_normal, lecun_uniform, uniform, zeros)")
    new.add_argument("--seed", type=nonneg_int, default=0, metavar="N",
                     help="random seed of the initial weights and of training (default 0)")
    new.add_argument("--force", action="store_true", help="replace OUT.ffn if it exists")
    new.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    new.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Check every option before writing anything, then write ``OUT.ffn`` and say what it holds."""
    from ..defaults import default_training
    from ..files import MAX_PARAMETERS, NetworkFile
    from ..parameters import count_parameters, init_parameters
    from ..spec import SpecError, sequential

    sizes = _sizes(ns.layers)
    hidden = _hidden_activation(ns)
    output, loss = _output_and_loss(ns.output, ns.loss, sizes[-1])
    if os.path.exists(ns.out) and not ns.force:
        raise CLIError(f"{ns.out} already exists; use --force to replace it")
    act_out = {"sigmoid": "logistic"}.get(output, output)
    try:
        spec = sequential(sizes, hidden, act_out, loss, ns.init)
        spec.validate()
    except SpecError as e:
        raise CLIError(str(e)) from None
    n_params = count_parameters(spec)
    if n_params > MAX_PARAMETERS:
        raise CLIError(f"{n_params:,} parameters is more than the {MAX_PARAMETERS:,} a network file holds")
    for k, node in enumerate(spec.nodes.values()):
        node.meta["pos"] = [220.0 * k, 0.0]
    shape = "-".join(map(str, sizes))
    nf = NetworkFile(spec, init_parameters(spec, ns.seed),
                     default_training(seed=ns.seed),
                     description=f"A {shape} network: {hidden} hidden layers, {output} output, {loss} loss.")
    save(ns.out, nf)
    if ns.json:
        print_json({"out": ns.out, "layers": sizes, "activation": hidden, "output": output, "loss": loss,
                    "init": ns.init, "seed": ns.seed, "parameters": n_params})
    else:
        print(f"wrote {ns.out}: {shape}, {hidden} hidden, {output} output, {loss} loss, "
              f"{n_params} parameters")
    return 0


def _sizes(layers: str) -> list[int]:
    """``--layers 2,8,8,1`` as numbers: an input and an output size at least."""
    try:
        sizes = [int(v) for v in layers.split(",")]
    except ValueError:
        raise CLIError(f"--layers must be whole numbers separated by commas, like 2,8,8,1; "
                       f"got {layers!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise CLIError(f"--layers needs at least an input and an output size, each at least 1; "
                       f"got {layers!r}")
    return sizes


def _hidden_activation(ns: argparse.Namespace) -> str:
    """The hidden layers' activation by its canonical name (``--init`` is checked here too)."""
    from ..activations import get_activation
    from ..spec import INITIALISERS

    try:
        hidden = get_activation(ns.activation).name
    except ValueError as e:
        raise CLIError(f"--activation: {e}") from None
    if hidden == "softmax":
        raise CLIError("--activation: softmax is only offered on the output (use --output softmax)")
    if ns.init not in INITIALISERS:
        raise CLIError(f"--init: unknown initialiser {ns.init!r}; one of {', '.join(INITIALISERS)}")
    return hidden


def _output_and_loss(output: str | None, loss: str | None, n_outputs: int) -> tuple[str, str]:
    """Whichever of output activation and loss is missing follows from the other (or the output size)."""
    if output is None and loss is None:
        output = "sigmoid" if n_outputs == 1 else "softmax"
    if loss is None:
        loss = _OUTPUT_LOSS[output]
    if output is None:
        output = _LOSS_OUTPUT[loss]
    return output, loss
