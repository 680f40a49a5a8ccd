"""What every sub-command shares: the one-line error, the output rules and the file helpers.

The conventions of the package docstring live here once, so a new
sub-command follows them by calling these functions rather than by
repeating them: :class:`CLIError` for a one-line error with status 2,
:func:`print_json` for ``--json``, :func:`print_text` for text made from a
file's contents.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, Callable

PROG = "backprop-studio"


class CLIError(Exception):
    """A problem to report on one line (exit status 2)."""


class UsageError(CLIError):
    """A command line argparse refused."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``prog: error: message (see prog --help)``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


# --- output --------------------------------------------------------------------------------

def say_error(message: str) -> None:
    """One line on stderr; control characters from a file (ESC, BEL, CR) escaped."""
    from ..text import printable
    print(printable(" ".join(message.split())), file=sys.stderr, flush=True)


def print_text(text: str) -> None:
    """Text made from a file's contents, each line with its control characters escaped."""
    from ..text import printable
    print("\n".join(printable(line) for line in text.split("\n")))


def print_json(obj: dict[str, Any]) -> None:
    """``--json``: one line holding one JSON object, so scripts can read the last line."""
    print(json.dumps(finite(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def finite(x: Any) -> Any:
    """JSON has no NaN or infinity: they become null."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [finite(v) for v in x]
    if hasattr(x, "tolist"):  # NumPy arrays and scalars
        return finite(x.tolist())
    return x


# --- arguments -----------------------------------------------------------------------------

def _number(text: str, kind: Callable[[str], Any], test: Callable[[Any], bool], what: str) -> Any:
    try:
        v = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    if not test(v):
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return v


def nonneg_int(text: str) -> int:
    """An argparse ``type``: a whole number ≥ 0, refused in argparse's one-line way otherwise."""
    return _number(text, int, lambda v: v >= 0, "a whole number ≥ 0")


def pos_int(text: str) -> int:
    """An argparse ``type``: a whole number ≥ 1."""
    return _number(text, int, lambda v: v >= 1, "a whole number ≥ 1")


def nonneg_float(text: str) -> float:
    """An argparse ``type``: a finite number ≥ 0."""
    return _number(text, float, lambda v: math.isfinite(v) and v >= 0, "a number ≥ 0")


def floats(text: str, option: str) -> list[float]:
    """Finite numbers separated by commas (or semicolons), as ``--input`` and ``--target`` take them."""
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip() != ""]
    except ValueError:
        raise CLIError(f"{option} must be numbers separated by commas, got {text!r}") from None
    if not values or not all(math.isfinite(v) for v in values):
        raise CLIError(f"{option} must be finite numbers separated by commas, got {text!r}")
    return values


# --- network files -------------------------------------------------------------------------

def load(path: str):
    """The network file at ``path``, or a one-line reason it cannot be read."""
    from ..files import NetworkFileError, load_network
    try:
        return load_network(path)
    except NetworkFileError as e:
        raise CLIError(str(e)) from None


def save(path: str, nf) -> None:
    """Write ``nf`` to ``path``, or raise a one-line reason it cannot be written."""
    from ..files import NetworkFileError, save_network
    try:
        save_network(path, nf)
    except NetworkFileError as e:
        raise CLIError(str(e)) from None


def compile_network(nf, path: str):
    """The model of a file's network, or a one-line reason it cannot run."""
    from ..model import compile_model
    from ..spec import SpecError
    try:
        return compile_model(nf.spec, nf.params)
    except (SpecError, ValueError) as e:
        raise CLIError(f"{path}: the network is not ready to run: {e}") from None
