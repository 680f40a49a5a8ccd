"""What live training sends to whoever watches it: plain, immutable copies.

A :class:`RunInfo` describes what stays fixed while one trainer runs (the
data as drawn, the probe batch, the grid of the input plane); a
:class:`Snapshot` is one moment of training and refers to its ``RunInfo``.
Every array in both is a copy made by the worker and marked read-only, so the
GUI thread may keep and draw them while training goes on, and never reads an
array that the worker is writing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .data.preprocess import Standardizer
from .data.source import DataSource
from .parameters import Params
from .probes import PlaneGrid, UnitHealth
from .spec import NetworkSpec
from .trainer import Divergence, EpochInfo, TrainingSettings
from .early_stop import EarlyStop

#: Worker states, as ``Snapshot.state`` names them.
IDLE, RUNNING, PAUSED, DONE, DIVERGED = "idle", "running", "paused", "done", "diverged"


def frozen(a: np.ndarray) -> np.ndarray:
    """``a`` marked read-only (it must already be a copy nobody else writes)."""
    a.setflags(write=False)
    return a


@dataclass(frozen=True)
class Job:
    """Everything the worker needs to build a trainer: copies taken from the document.

    ``new_run`` starts a fresh run (history and step counts from 0, a new
    curve in the curves panel); otherwise the steps continue where the last
    trainer stopped (after a structure edit, a typed weight, a data tweak).
    """

    spec: NetworkSpec
    params: Params
    data: DataSource
    training: TrainingSettings
    base: Path | None = None
    new_run: bool = True
    target_epochs: int | None = None
    #: The optimiser's saved state (``Optimizer.state_dict()``), to continue a
    #: run where a file left it; ignored when it no longer fits the network.
    optimizer_state: dict[str, Any] | None = None


@dataclass(frozen=True)
class RunInfo:
    """What stays fixed while one trainer runs: the data and how to draw it.

    Attributes
    ----------
    generation
        Increases with every trainer the worker builds; panels rebuild what
        they drew from the data when it changes.
    run
        Increases with every new run (Reset, new data); the curves panel
        starts a new curve.
    mode
        How the data and the network's output can be drawn: ``"plane"``
        (2-D raw inputs: scatter over the output heat-map), ``"line"``
        (1 raw input, regression: fitted curve), ``"confusion"`` (other
        classification), ``"none"`` (other regression).
    raw_train, raw_test
        The inputs before derived features and standardisation, for plots.
    y_train, y_test
        Class numbers (classification) or target values (regression).
    probe
        Row indices into the training set of the probe batch whose
        activations every snapshot carries (sorted by class).
    probe_Y
        The probe's encoded targets (what the loss compares with).
    start_step
        The run's step count when this trainer was built (0 for a new run).
    """

    generation: int
    run: int
    spec: NetworkSpec
    task: str
    loss: str
    data_label: str
    feature_names: tuple[str, ...]
    input_names: tuple[str, ...]
    class_names: tuple[str, ...]
    features: tuple[str, ...]
    standardizer: Standardizer | None
    mode: str
    raw_train: np.ndarray
    raw_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    probe: np.ndarray
    probe_X: np.ndarray
    probe_Y: np.ndarray
    grid: PlaneGrid | None
    unit_grid: PlaneGrid | None
    line_xs: np.ndarray | None
    steps_per_epoch: int
    n_train: int
    n_test: int
    optimizer: str
    hyper: dict[str, float]
    batch_size: int
    start_step: int = 0

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    @property
    def metric_name(self) -> str:
        return "accuracy" if self.task == "classification" else "R²"


@dataclass(frozen=True)
class Snapshot:
    """One moment of training, published at a bounded rate; every array is a read-only copy.

    History fields (``step_losses``, ``epochs``, ``grad_norm_*``) hold only
    what is new since the previous snapshot the GUI received, so nothing is
    lost and nothing is sent twice; step numbers count from the start of the
    run, across trainer rebuilds.
    """

    info: RunInfo
    seq: int
    state: str
    step: int
    epoch: int
    epoch_progress: float
    target_epoch: int | None
    steps_per_second: float
    loss: float
    optimizer: str
    hyper: dict[str, float]
    batch_size: int
    l2: float
    params: Params
    activations: dict[str, tuple[np.ndarray, np.ndarray]]
    output_grad: np.ndarray | None
    health: dict[str, UnitHealth]
    grad_norms: dict[str, float]
    batch: np.ndarray
    first_step: int
    step_losses: np.ndarray
    epochs: tuple[EpochInfo, ...]
    grad_norm_keys: tuple[str, ...]
    grad_norm_steps: np.ndarray
    grad_norm_rows: np.ndarray
    plane: np.ndarray | None = None
    unit_planes: dict[str, np.ndarray] | None = None
    line: np.ndarray | None = None
    confusion: np.ndarray | None = None
    divergence: Divergence | None = None
    #: Early stopping ended the run (why, and which epoch's weights are kept).
    stopped: EarlyStop | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def unit_values(self, sample: int | None = None) -> dict[str, np.ndarray]:
        """Per node, one value per unit for colouring the canvas.

        The probe batch's mean activation, or the activations of one probe
        sample (an index into the probe batch).
        """
        out = {}
        for nid, (_z, a) in self.activations.items():
            out[nid] = a.mean(axis=0) if sample is None else a[min(sample, len(a) - 1)]
        return out
