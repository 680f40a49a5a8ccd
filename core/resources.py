"""Find files in the ``resources/`` folder wherever the program runs from.

The same code runs from a git checkout, from a PyInstaller bundle and from an
installed package, and each puts ``resources/`` somewhere else. Looking in
one helper keeps every caller (datasets, example networks, icons) free of
path guessing, and the error says where it looked.
"""
from __future__ import annotations

import site
import sys
from pathlib import Path

APP_DIR_NAME = "backprop-studio"


def resource_roots() -> list[Path]:
    """Candidate ``resources`` folders, most specific first.

    1. ``<repo>/resources`` beside ``core/`` (a checkout or an editable install);
    2. ``sys._MEIPASS/resources`` (a PyInstaller bundle unpacks there);
    3. ``<sys.prefix>/share/backprop-studio/resources`` (an installed package);
    4. ``<user base>/share/backprop-studio/resources`` (``pip install --user``).
    """
    roots = [Path(__file__).resolve().parent.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(Path(sys.prefix) / "share" / APP_DIR_NAME / "resources")
    # ``pip install --user`` puts data files under the user base instead.
    roots.append(Path(site.getuserbase()) / "share" / APP_DIR_NAME / "resources")
    return roots


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts...>``, from the first place that has it.

    Parameters
    ----------
    *parts : str
        Path components below ``resources/``, e.g. ``("datasets", "iris.csv")``;
        none gives the folder itself.

    Raises
    ------
    FileNotFoundError
        If no candidate folder holds it; the message lists every place tried,
        so a broken installation can be diagnosed from the message alone.
    """
    tried = [root.joinpath(*parts) for root in resource_roots()]
    for candidate in tried:
        if candidate.exists():
            return candidate
    rel = "/".join(("resources", *parts))
    places = "\n  ".join(str(p) for p in tried)
    raise FileNotFoundError(f"cannot find {rel}; looked in:\n  {places}")
