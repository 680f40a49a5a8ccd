"""What every part of the ``.ffn`` reader and writer shares: names, caps, errors.

The caps live in one place because the saver and the loader must agree on
them: the saver runs the loader's checks on what it writes, so whatever
saves also loads, and a file the loader refuses could not have been saved.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..data.source import DataSource
from ..spec import NetworkSpec
from ..text import printable
from ..timeline.saved import SavedRuns
from ..trainer import History, TrainingSettings

FORMAT_NAME = "backprop-studio-network"
FILE_SUFFIX = ".ffn"
NETWORK_MEMBER = "network.json"
WEIGHTS_MEMBER = "weights.npz"
HISTORY_MEMBER = "history.json"
RUNS_MEMBER = "runs.npz"
OPT_PREFIX = "opt/"
# --- limits: what a teaching program's network can sensibly be ---------------------------
MiB = 1 << 20
MAX_NODES = 1000
MAX_CONNECTIONS = 2000
MAX_PARAMETERS = 20_000_000     # with Adam's s and r: 3 x 8 bytes each, within the byte cap
MAX_TOTAL_BYTES = 512 * MiB       # everything unpacked from one file, all members together
MAX_JSON_BYTES = 16 * MiB         # network.json
MAX_HISTORY_BYTES = 96 * MiB      # history.json: 1 M steps of a 3-layer network's curves fit
MAX_FILE_BYTES = MAX_TOTAL_BYTES + 64 * MiB
MAX_MEMBERS = 64                  # entries in the .ffn archive
MAX_ARRAYS = 4 * MAX_NODES + 4 * MAX_CONNECTIONS   # entries in weights.npz
MAX_CENTRAL_DIRECTORY = 64 * 1024   # the .ffn archive's table of contents (64 entries)
MAX_NPZ_DIRECTORY = 4 * MiB       # weights.npz's table of contents
MAX_REMOVED = 100_000             # removed edges in all connections together
MAX_JSON_VALUES = 1_000_000       # values in network.json (counted before it is parsed)
MAX_FREE_DEPTH = 100              # nesting of free JSON (view, meta), on save and on load
MAX_VIEW_BYTES = 4 * MiB          # the view settings, as compact JSON
MAX_HISTORY_VALUES = 8_000_000    # numbers in history.json (1 M steps of loss and 3 gradient norms fit)
MAX_DATA_POINTS = 1_000_000       # a toy dataset's n
MAX_DESCRIPTION = 10_000
MAX_RUNS = 100                    # runs in the tree of runs (network.json's "runs")
MAX_CHECKPOINTS = 20_000          # checkpoints of all runs together
MAX_RUN_SETTINGS = 1000           # distinct settings the checkpoints of one run ran with
MAX_SETTINGS_CHANGES = 10_000     # settings changes during training, all runs together
MAX_RUN_ARRAYS = 16 * MAX_RUNS    # entries in runs.npz
_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")   # the same rule as core.spec's node ids
_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # fixed, so the same network gives the same bytes
DRAWN_KEY = "drawn_data"   # where format 1 kept hand-drawn points: the designer's free view



class _Bad(Exception):
    """A problem found while reading, before the file's name is attached."""



class NetworkFileError(Exception):
    """A network file that cannot be read or written, explained on one line.

    ``path`` is the file concerned and ``problem`` what is wrong with it; the
    message is ``"<path>: <problem>"``, ready to show to a person as it is.
    ``unexpected`` is True when the problem was caught only by the last-resort
    handler (a case the specific checks did not foresee): still reported
    cleanly, but worth a specific check.
    """

    def __init__(self, path: str | os.PathLike | None, problem: str, unexpected: bool = False):
        self.path = None if path is None else os.fspath(path)
        self.problem = " ".join(str(problem).split())
        self.unexpected = unexpected
        super().__init__(f"{self.path}: {self.problem}" if self.path else self.problem)



@dataclass(eq=False)
class NetworkFile:
    """Everything one ``.ffn`` file holds.

    Attributes
    ----------
    spec
        The network's structure (node positions in ``node.meta["pos"]``).
    params
        Every parameter of ``spec`` by name (see :mod:`core.parameters`),
        float32 or float64.
    training
        The optimiser and its hyper-parameters, batch size, L2, seed, epochs.
    data
        The dataset reference and its preprocessing, or None.
    view
        The designer's visual settings: free, JSON-compatible data.
    optimizer_state
        ``Optimizer.state_dict()`` of an optimiser built over the model's flat
        parameter vector (``make_optimizer(name, [model.theta], [model.grad])``,
        as the trainer does), so training resumes where it stopped; or None.
    history
        The training curves, or None.
    description
        One line saying what the network is for (the examples menu shows it).
    runs
        The tree of runs with their checkpoints and curves
        (:meth:`core.runs.Runs.to_saved`), or None: one run, the history above.
    """

    spec: NetworkSpec
    params: dict[str, np.ndarray]
    training: TrainingSettings = field(default_factory=TrainingSettings)
    data: DataSource | None = None
    view: dict[str, Any] = field(default_factory=dict)
    optimizer_state: dict[str, Any] | None = None
    history: History | None = None
    description: str = ""
    runs: SavedRuns | None = None



def _json_path(parts: Any) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out



def _show(v: Any) -> str:
    """A value as a message shows it: cut to about 40 characters, control characters escaped."""
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "a list"
    if v is None:
        return "null"
    if isinstance(v, str):
        return '"' + printable(v, 38) + '"'
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**15:
        return f"a {len(str(abs(v)))}-digit number"
    s = json.dumps(v) if isinstance(v, (bool, int, float)) else type(v).__name__
    return printable(s, 40)


def _kind(v: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(v), type(v).__name__)



def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover



def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)



def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

