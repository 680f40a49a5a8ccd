"""The ``backprop-studio`` command's entry point: checks that ``core`` and ``designer`` are this program's own.

Backprop Studio installs two top-level packages, ``core`` and ``designer``
(the source folders' names). Another distribution that also installs a
top-level ``core`` or ``designer`` into the same environment hides one of
them, and Python would fail deep inside with a confusing ImportError. This
module's name is the project's own, so it always imports; it finds where
``core`` and ``designer`` come from before importing them and, if either is
not beside this file, says which package is in the way and what to do.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

#: The top-level packages this program installs.
PACKAGES = ("core", "designer")


def foreign_packages(home: Path | None = None) -> dict[str, str]:
    """{name: where it was found} for each of :data:`PACKAGES` that is not the one beside this file."""
    home = (home or Path(__file__).resolve().parent).resolve()
    found = {}
    for name in PACKAGES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        locations = [Path(p).resolve() for p in (spec.submodule_search_locations or [])] if spec else []
        if not any(loc == home / name for loc in locations):
            found[name] = origin or (str(locations[0]) if locations else "nowhere")
    return found


def collision_message(foreign: dict[str, str]) -> str:
    """One paragraph a person can act on."""
    names = ", ".join(f"'{n}' (found at {where})" for n, where in foreign.items())
    return (f"backprop-studio: another installed package takes the name of Backprop Studio's own {names}. "
            "Backprop Studio installs top-level packages named 'core' and 'designer'; install it in a virtual "
            "environment of its own (python3 -m venv .venv && . .venv/bin/activate && pip install backprop-studio), "
            "or uninstall the other package.")


def main(argv: list[str] | None = None) -> int:
    """Run the command (``core.cli.main``) once ``core`` and ``designer`` are known to be this program's."""
    foreign = foreign_packages()
    if foreign:
        print(collision_message(foreign), file=sys.stderr)
        return 2
    from core.cli import main as cli_main
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
