"""The command line's grammar: the top-level options and one sub-parser per registered sub-command.

:data:`SUBCOMMANDS` is the registry: the modules whose ``add_parser(sub)``
adds their sub-command, in the order ``--help`` lists them.
"""
from __future__ import annotations

import argparse

from . import export, import_onnx, info, lesson, new, trace, train
from .common import PROG, Parser

#: Each module has ``NAME``, ``add_parser(sub)`` and ``run(ns) -> int`` (see the package docstring).
SUBCOMMANDS = (new, train, trace, info, lesson, export, import_onnx)
COMMANDS = tuple(m.NAME for m in SUBCOMMANDS)


def build_parser() -> argparse.ArgumentParser:
    """``backprop-studio``'s parser; each sub-command sets ``run`` to the function that carries it out."""
    p = Parser(
        prog=PROG,
        description="Build feedforward neural networks, train them, and step through "
                    "backpropagation. Without a sub-command, opens the designer: "
                    f"{PROG} [FILE.ffn] [--screenshot OUT.png] [--size WxH] [--version].",
        epilog="Exit status: 0 done, 1 training diverged, 2 error, 130 interrupted (Ctrl-C).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in SUBCOMMANDS:
        command.add_parser(sub)
    return p
