"""Help > About: the program's version, licence and the versions it runs on.

A student filing a bug report can copy this box as it is, so it names every
piece whose version matters.
"""
from __future__ import annotations

import platform
import re
import sys
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication

APP_NAME = "Backprop Studio"
LICENCE = "MIT"


def app_version() -> str:
    """The installed package's version, else the one in the checkout's pyproject.toml."""
    try:
        return metadata.version("backprop-studio")
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        m = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.MULTILINE)
    except OSError:
        m = None
    return m.group(1) if m else "unknown"


def component_versions() -> dict[str, str]:
    """Python, Qt, PySide6, pyqtgraph and NumPy versions, in that order."""
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "Python": f"{platform.python_version()} ({sys.implementation.name})",
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "pyqtgraph": pyqtgraph.__version__,
        "NumPy": numpy.__version__,
    }


def about_html() -> str:
    """The About box's rich text."""
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;&nbsp;{v}</td></tr>"
                   for k, v in component_versions().items())
    return (
        f"<h3>{APP_NAME} {app_version()}</h3><p>"
        + QCoreApplication.translate("about", "Build feedforward neural networks on a canvas, train them live "
                                     "and step through backpropagation one node at a time.")
        + "</p><p>"
        + QCoreApplication.translate("about", "Licence: {0}. Bundled datasets carry their own licences "
                                     "(see <tt>resources/datasets/README.md</tt>).").format(LICENCE)
        + f"</p><table>{rows}</table><p>"
        + QCoreApplication.translate("about", "Running on {0} {1}.").format(platform.system(), platform.release())
        + "</p>"
    )
