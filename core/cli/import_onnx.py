"""``backprop-studio import MODEL.onnx -o NET.ffn``: an ONNX feed-forward model back as a network file.

A thin wrapper over :func:`core.export.import_onnx`, which reads Gemm or
MatMul + Add layers with the activations the program knows and refuses
anything else naming the first ONNX node it cannot build; the network is
saved with the starting training settings of a new network.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import CLIError, save
from .export import refuse_existing

NAME = "import"


def add_parser(sub: Any) -> None:
    """Register ``import`` and its options with the sub-command parsers ``sub``."""
    imp = sub.add_parser("import", help="bring an ONNX feed-forward model back as a network file",
                         description="Read an ONNX model made of Gemm or MatMul + Add layers with activations "
                                     "the program knows (skip connections included) and save it as a network "
                                     "file with its weights. Anything else is refused, naming the first ONNX "
                                     "node that cannot be built.")
    imp.add_argument("model", metavar="MODEL.onnx", help="ONNX model")
    imp.add_argument("-o", "--out", required=True, metavar="NET.ffn", help="network file to write")
    imp.add_argument("--force", action="store_true", help="replace NET.ffn if it exists")
    imp.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Read the model and save it; 0 when saved."""
    from ..defaults import default_training
    from ..export import ExportError, import_onnx
    from ..files import NetworkFile
    from ..parameters import count_parameters
    from ..text import printable
    refuse_existing(ns.out, ns.force)
    try:
        spec, params = import_onnx(ns.model)
    except ExportError as e:
        raise CLIError(str(e)) from None
    nf = NetworkFile(spec, params, default_training(), description=f"Imported from {Path(ns.model).name}.")
    save(ns.out, nf)
    print(f"wrote {printable(ns.out)}: {len(spec.nodes)} nodes, {len(spec.connections)} connections, "
          f"{count_parameters(spec)} parameters")
    return 0
