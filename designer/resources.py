"""The example networks shipped in ``resources/examples/``, for the menus and first start.

Finding the folder is :func:`core.resources.resource_path`'s job (checkout,
PyInstaller bundle or installed package); this module only lists what is
there and reads each file's one-line description, so the File menu can say
what an example is before a person opens it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.files import NetworkFileError, load_network
from core.resources import resource_path

#: What ``backprop-studio`` opens when it is given no file: small, with its
#: dataset, ready to train.
DEFAULT_EXAMPLE = "xor.ffn"


@dataclass(frozen=True)
class Example:
    """One example file.

    ``error`` is the loader's message when the file cannot be read; the menu
    still lists it (disabled, with the message as tooltip) rather than hiding
    a broken installation.
    """

    path: Path
    description: str = ""
    error: str | None = None

    @property
    def title(self) -> str:
        """The file name without ``.ffn``, as the menu shows it."""
        return self.path.stem


def examples_dir() -> Path:
    """The ``resources/examples`` folder (raises FileNotFoundError naming where it looked)."""
    return resource_path("examples")


def list_examples() -> list[Example]:
    """Every ``.ffn`` in the examples folder, sorted by name, with its description."""
    try:
        folder = examples_dir()
    except FileNotFoundError:
        return []
    out = []
    for path in sorted(folder.glob("*.ffn"), key=lambda p: p.name.lower()):
        try:
            out.append(Example(path, load_network(path).description or ""))
        except NetworkFileError as e:
            out.append(Example(path, "", str(e)))
    return out


def default_example() -> Path | None:
    """The example opened on a first start, or None when it is not installed."""
    try:
        return resource_path("examples", DEFAULT_EXAMPLE)
    except FileNotFoundError:
        return None
