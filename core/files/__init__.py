"""Network files (``.ffn``): saved atomically, loaded defensively.

A ``.ffn`` file is a zip archive, the shape of Keras's ``.keras``:

* ``network.json``: format name and version, the spec (with canvas
  positions in each node's ``meta``), the designer's visual settings, the
  training settings, the data source with its preprocessing (standardisation
  statistics and drawn points included), the optimiser's metadata and a
  one-line description;
* ``weights.npz``: every parameter under its name (``W:<connection>``,
  ``b:<node>``, ``gamma:<node>``) and the optimiser's state arrays as
  ``opt/<state key>/<parameter name>``; read without pickle;
* ``history.json`` (optional): the training curves;
* ``runs.npz`` with network.json's ``runs`` (optional): the tree of runs,
  their checkpoints and curves as arrays (:mod:`.runs`).

``docs/file-format.md`` describes the format for people, the JSON Schemas in
:mod:`core.schema` for programs (and for the tests, which use them as an
oracle: the runtime checks are the hand-written ones, so there is one
validator and the program does not need ``jsonschema``).

Why it is written the way it is:

* **Saving is atomic** (:mod:`.write`). The archive is built in memory and
  the loader's own checks run on it, so what saves also loads; then a
  temporary file beside the target is fsynced and renamed over it.
* **Loading trusts nothing** (:mod:`.read`, :mod:`.zipsafe`,
  :mod:`.validate`, :mod:`.arrays`, :mod:`.history`). Files come from
  e-mail, USB sticks and other versions of the program. Every way a file can
  be wrong ends as one :class:`NetworkFileError` whose one-line message names
  the file, the member and the field: never a traceback, never a half-loaded
  network. Caps (:mod:`.common`, shared with the saver) are checked before
  anything is unpacked or walked, so hostile files are refused fast.
* **Old files keep loading** (:mod:`.migrate`). :data:`MIGRATIONS` turns a
  version-N ``network.json`` into version N+1, one step per version; a file
  from a newer program is refused with a message saying so.
"""
from __future__ import annotations

import os  # noqa: F401  (tests patch files.os.replace to simulate a full disk)

from .common import (FILE_SUFFIX, FORMAT_NAME, HISTORY_MEMBER, MAX_ARRAYS, MAX_CENTRAL_DIRECTORY,
                     MAX_CONNECTIONS, MAX_DATA_POINTS, MAX_DESCRIPTION, MAX_FILE_BYTES, MAX_FREE_DEPTH,
                     MAX_HISTORY_VALUES, MAX_JSON_VALUES, MAX_NPZ_DIRECTORY, MAX_REMOVED, MAX_VIEW_BYTES,
                     MAX_HISTORY_BYTES, MAX_JSON_BYTES, MAX_MEMBERS, MAX_NODES, MAX_PARAMETERS,
                     MAX_TOTAL_BYTES, NETWORK_MEMBER, OPT_PREFIX, WEIGHTS_MEMBER, MiB, NetworkFile,
                     NetworkFileError)
from .migrate import FORMAT_VERSION, MIGRATIONS
from .read import load_network
from .write import save_network
from ..spec import MAX_UNITS

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MIGRATIONS",
    "NetworkFile",
    "NetworkFileError",
    "load_network",
    "save_network",
]
