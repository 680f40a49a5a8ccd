"""Format versions: each older ``network.json`` is brought up to date step by step.

``MIGRATIONS[n]`` turns a version-``n`` document into version ``n + 1``, so a
file of any older version is migrated before it is checked, and the checks
only ever see the current format.
"""
from __future__ import annotations

from typing import Any, Callable

from ..data.dataset import DataError
from ..data.points import check_points
from ..data.source import DataSource
from .common import DRAWN_KEY, FORMAT_NAME, NETWORK_MEMBER, _Bad, _is_int, _kind, _show

#: The format version this program writes; it reads this one and all older ones.
FORMAT_VERSION = 2



def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 2 keeps drawn points in the data source (``data.points``), not in ``view``.

    In format 1 they were the designer's private ``view["drawn_data"]``, so the
    command line trained on the named dataset instead. The payload is checked
    here because the ``view`` it came from was free JSON that nothing checked.
    """
    view = doc.get("view")
    if not isinstance(view, dict) or DRAWN_KEY not in view:
        return doc
    raw = view.pop(DRAWN_KEY)
    if not raw:   # the designer wrote nothing or an empty payload: no drawn points
        return doc
    try:
        points = check_points(raw)
    except DataError as e:
        raise _Bad(f"{NETWORK_MEMBER} at $.view.{DRAWN_KEY}: {e}") from None
    data = doc.get("data")
    if data is None:
        data = DataSource().to_dict()
        data.pop("points", None)
    if isinstance(data, dict):
        data["points"] = points
        doc["data"] = data
    return doc



#: ``MIGRATIONS[n]`` turns a ``network.json`` document of format version ``n``
#: into one of version ``n + 1`` (it may change the document in place and
#: return it). Each version has a fixture file in ``tests/fixtures/`` that
#: must keep loading.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}



def _upgrade(doc: Any) -> dict[str, Any]:
    """Check the format name and version, and migrate an older document to the current one."""
    if not isinstance(doc, dict):
        raise _Bad(f"{NETWORK_MEMBER} must hold a JSON object, not {_kind(doc)}")
    fmt = doc.get("format")
    if fmt != FORMAT_NAME:
        raise _Bad(f"not a Backprop Studio network file ({NETWORK_MEMBER} says its format is "
                   f"{_show(fmt)}, expected {FORMAT_NAME!r})")
    v = doc.get("format_version")
    if not _is_int(v) or v < 1:
        raise _Bad(f"{NETWORK_MEMBER} at $.format_version: expected a whole number of at least 1, "
                   f"got {_show(v)}")
    if v > FORMAT_VERSION:
        raise _Bad(f"written by a newer Backprop Studio (format {v}); this version reads format "
                   f"{FORMAT_VERSION} and older. Update Backprop Studio to open it")
    while v < FORMAT_VERSION:
        step = MIGRATIONS.get(v)
        if step is None:  # pragma: no cover - a programming error, caught by the tests
            raise _Bad(f"format {v} files cannot be read by this version (no migration)")
        doc = step(doc)
        v += 1
        doc["format_version"] = v
    return doc

