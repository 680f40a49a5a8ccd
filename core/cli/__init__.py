"""``backprop-studio``: the designer, or a headless sub-command.

::

    backprop-studio [FILE.ffn] [--screenshot OUT.png] ...     open the designer
    backprop-studio new OUT.ffn --layers 2,8,8,1 [...]        make a network file
    backprop-studio train NET.ffn --data xor [...]            train it
    backprop-studio trace NET.ffn --input 1.5 --target 0.8    one sample, step by step
    backprop-studio info NET.ffn                              what a file holds
    backprop-studio lesson check LESSON.md ...                validate lessons, print their answers

The sub-commands import no Qt (a test checks ``sys.modules``), so they run on
servers and in CI. Their conventions, the same for all of them:

* an error is one line on stderr and exit status 2, never a traceback;
* ``--json`` makes standard output a single line holding one JSON object;
* ``train`` draws a progress bar when stderr is a terminal and prints plain
  lines otherwise; Ctrl-C stops it between two steps, still writes ``--out``
  and exits with status 130; a diverged run exits with status 1.

Anything else (no arguments, a file, an option such as ``--screenshot``) is
handed to the designer, imported only then, through the
``backprop_studio.gui`` entry point (:data:`GUI_GROUP`), so core never names it.

The package, a module each:

* :mod:`.entry`: :func:`main`, which picks a sub-command or the designer and
  turns every failure into one line;
* :mod:`.parser`: the top-level parser and :data:`~.parser.SUBCOMMANDS`, the
  registry of sub-commands;
* :mod:`.common`: what they share (:class:`CLIError`, ``--json`` output,
  number options, loading and saving network files);
* :mod:`.new`, :mod:`.train` (with :mod:`.progress`), :mod:`.trace`,
  :mod:`.info`, :mod:`.lesson`: one sub-command each.

Adding a sub-command ``foo``: write ``core/cli/foo.py`` holding ``NAME = "foo"``,
``add_parser(sub)`` (``sub.add_parser("foo", help=...)``, its arguments, and
``set_defaults(run=run)``) and ``run(ns) -> int`` (the exit status; raise
:class:`CLIError` for a one-line error, import heavy modules inside it), then
add ``foo`` to :data:`~.parser.SUBCOMMANDS` in ``parser.py``: that one line
makes ``main`` route ``backprop-studio foo`` to it and ``--help`` list it.
"""
from __future__ import annotations

from . import info as _info
from . import new as _new
from . import trace as _trace
from . import train as _train
from .common import PROG, CLIError
from .entry import GUI_GROUP, main
from .parser import COMMANDS, SUBCOMMANDS, build_parser

# the sub-commands under their names from when they lived in one module
cmd_new, cmd_train, cmd_trace, cmd_info = _new.run, _train.run, _trace.run, _info.run
TRACE_PHASES = _trace.TRACE_PHASES

__all__ = ["COMMANDS", "GUI_GROUP", "PROG", "SUBCOMMANDS", "CLIError", "build_parser", "cmd_info", "cmd_new",
           "cmd_trace", "cmd_train", "main", "TRACE_PHASES"]
