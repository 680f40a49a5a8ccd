"""``main``: a sub-command, or else the designer through the ``backprop_studio.gui`` entry point."""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Callable, Sequence

from .common import PROG, CLIError, UsageError, say_error
from .parser import COMMANDS, build_parser

#: The entry-point group a graphical front end registers its ``main(argv)`` under.
GUI_GROUP = "backprop_studio.gui"


def main(argv: Sequence[str] | None = None, gui: Callable[[list[str]], int] | None = None) -> int:
    """Run ``backprop-studio`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    With no sub-command the window opens: ``gui``, or else the program
    registered under the ``backprop_studio.gui`` entry point (the designer
    registers itself in ``pyproject.toml``), so core never names it.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if _is_for_designer(args):
        return _designer(args, gui)
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except UsageError as e:
        say_error(str(e))
        return 2
    except SystemExit as e:  # --help
        return int(e.code or 0)
    command = f"{PROG} {ns.command}"
    try:
        return int(ns.run(ns))
    except CLIError as e:
        say_error(f"{command}: {e}")
    except KeyboardInterrupt:
        say_error(f"{command}: interrupted")
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")
        return 0
    except Exception as e:  # a bug: still one line, never a traceback
        detail = " ".join(str(e).split())
        say_error(f"{command}: unexpected error ({type(e).__name__}: {detail}); please report it")
    return 2


def _is_for_designer(args: list[str]) -> bool:
    """No sub-command: nothing at all, a file, or a designer option such as --screenshot."""
    if not args:
        return True
    first = args[0]
    if first in COMMANDS or first in ("-h", "--help"):
        return False
    return first.startswith("-") or first.lower().endswith(".ffn") or os.path.exists(first)


def _designer(args: list[str], gui: Callable[[list[str]], int] | None = None) -> int:
    """Hand over to the window: ``gui`` or the one registered under :data:`GUI_GROUP`."""
    try:
        if gui is None:
            from importlib.metadata import entry_points
            found = list(entry_points(group=GUI_GROUP))
            if not found:
                raise ImportError(f"no program is registered under the '{GUI_GROUP}' entry point; "
                                  "install Backprop Studio with pip")
            gui = found[0].load()
    except ImportError as e:
        say_error(f"{PROG}: the designer cannot start here ({e}); the sub-commands "
                  f"{', '.join(COMMANDS)} still work (see {PROG} --help)")
        return 2
    return int(gui(args) or 0)


def _tolerant_output() -> None:
    """Formulas use Greek letters and arrows: never crash on a terminal that lacks them."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
