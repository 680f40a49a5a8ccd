"""``backprop-studio export NET.ffn --format numpy|pytorch|onnx -o OUT``: a network out to the real tools.

A thin wrapper: the files are :mod:`core.export`'s (``docs/export.md``
describes them); this module reads the arguments, keeps an existing file
unless ``--force``, and turns an :class:`~core.export.ExportError` (a
network not ready, ``onnx`` not installed) into the one-line error.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from .common import CLIError, load

NAME = "export"
FORMATS = ("numpy", "pytorch", "onnx")   # core.export.FORMATS, named here so --help needs no import


def add_parser(sub: Any) -> None:
    """Register ``export`` and its options with the sub-command parsers ``sub``."""
    export = sub.add_parser("export", help="write a network as NumPy or PyTorch code, or as an ONNX model",
                            description="Write a network file's network with its trained weights as a "
                                        "standalone NumPy file (predict(x); run as a script it turns a CSV of "
                                        "inputs into outputs), a PyTorch module (load()) or an ONNX model "
                                        "(input x, output y, opset 20). Every format gives the output after "
                                        "the output activation.")
    export.add_argument("net", metavar="NET.ffn", help="network file")
    export.add_argument("--format", required=True, choices=FORMATS, help="numpy, pytorch or onnx")
    export.add_argument("-o", "--out", required=True, metavar="OUT", help="file to write (.py or .onnx)")
    export.add_argument("--force", action="store_true", help="replace OUT if it exists")
    export.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Write the network in the format asked for; 0 when written."""
    from ..export import ExportError, export_network
    from ..text import printable
    refuse_existing(ns.out, ns.force)
    nf = load(ns.net)
    try:
        export_network(nf.spec, nf.params, ns.format, ns.out, title=Path(ns.net).stem)
    except ExportError as e:
        raise CLIError(f"{ns.net}: {e}") from None
    except OSError as e:
        raise CLIError(f"{ns.out}: cannot write it ({e.strerror or e})") from None
    print(f"wrote {printable(ns.out)}: {ns.format}, {len(nf.spec.nodes)} nodes")
    return 0


def refuse_existing(path: str, force: bool) -> None:
    """An existing file is replaced only with ``--force``."""
    if os.path.exists(path) and not force:
        raise CLIError(f"{path} already exists; use --force to replace it")
