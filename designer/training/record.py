"""The GUI side's memory of training: every run's curves, grown from snapshot deltas.

The worker sends only what is new in each snapshot; the controller appends
it here, and the curves and gradients panels draw from here, so a panel
opened late still shows the whole run and earlier runs stay overlaid. A
run ends when its weights are reset or its data changes; the current run
converts back to a core :class:`~core.trainer.History` for saving.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from core.optim import OPTIMIZERS
from core.trainer import EpochInfo, History

from core.snapshot import Snapshot

#: At most this many runs are kept (the oldest go first).
MAX_RUNS = 8


class Grow:
    """A float array that grows by appending in amortised O(1); ``view()`` is the filled part."""

    def __init__(self, width: int | None = None, dtype: type = float):
        self._w = width
        shape = (64,) if width is None else (64, width)
        self._a = np.empty(shape, dtype)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=self._a.dtype)
        k = len(values)
        if k == 0:
            return
        if self.n + k > len(self._a):
            cap = max(2 * len(self._a), self.n + k)
            bigger = np.empty((cap,) + self._a.shape[1:], self._a.dtype)
            bigger[: self.n] = self._a[: self.n]
            self._a = bigger
        self._a[self.n: self.n + k] = values
        self.n += k

    def view(self) -> np.ndarray:
        return self._a[: self.n]

    def __len__(self) -> int:
        return self.n


class Decimated:
    """A growing series kept to a bounded number of points for drawing.

    Points are averaged in buckets; when more than ``2 * limit`` buckets
    exist, neighbours merge and the bucket size doubles, so appending stays
    O(1) on average and a curve of a million steps draws as fast as one of
    a thousand. Display only: the full series stays in :class:`Run`.
    """

    def __init__(self, width: int = 1, limit: int = 600):
        self.limit = limit
        self.width = width
        self.size = 1                       # samples per bucket
        self.x = Grow()
        self.y = Grow(width=width)
        self._sx = 0.0                      # the partial bucket: sums and count
        self._sy = np.zeros(width)
        self._n = 0

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        xs = np.asarray(xs, float)
        ys = np.asarray(ys, float).reshape(len(xs), self.width)
        i = 0
        k = len(xs)
        if self._n:  # top up the partial bucket first
            take = min(self.size - self._n, k)
            self._sx += xs[:take].sum()
            self._sy += ys[:take].sum(axis=0)
            self._n += take
            i = take
            if self._n == self.size:
                self.x.extend([self._sx / self.size])
                self.y.extend((self._sy / self.size)[None, :])
                self._sx, self._sy, self._n = 0.0, np.zeros(self.width), 0
        full = (k - i) // self.size
        if full:
            j = i + full * self.size
            self.x.extend(xs[i:j].reshape(full, self.size).mean(axis=1))
            self.y.extend(ys[i:j].reshape(full, self.size, self.width).mean(axis=1))
            i = j
        if i < k:
            self._sx += xs[i:].sum()
            self._sy += ys[i:].sum(axis=0)
            self._n += k - i
        while len(self.x) > 2 * self.limit:
            self._halve()

    def _halve(self) -> None:
        x, y = self.x.view(), self.y.view()
        m = len(x) // 2 * 2
        nx = (x[0:m:2] + x[1:m:2]) / 2
        ny = (y[0:m:2] + y[1:m:2]) / 2
        if m < len(x):  # an odd bucket left over goes back into the partial one
            self._sx += x[m] * self.size
            self._sy += y[m] * self.size
            self._n += self.size
        self.size *= 2
        self.x, self.y = Grow(), Grow(width=self.width)
        self.x.extend(nx)
        self.y.extend(ny)
        if self._n >= self.size:
            self.x.extend([self._sx / self._n])
            self.y.extend((self._sy / self._n)[None, :])
            self._sx, self._sy, self._n = 0.0, np.zeros(self.width), 0

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) to draw: the full buckets and the partial one."""
        x, y = self.x.view(), self.y.view()
        if self._n:
            x = np.append(x, self._sx / self._n)
            y = np.vstack([y, (self._sy / self._n)[None, :]])
        return x, y


def run_label(optimizer: str, hyper: dict[str, float]) -> str:
    """"Adam ε=0.001": the optimiser and learning rate a run was trained with."""
    cls = OPTIMIZERS.get(optimizer)
    name = cls.display_name if cls is not None else optimizer
    lr = hyper.get("lr")
    return f"{name} ε={lr:g}" if lr is not None else name


class Run:
    """One run's curves: batch loss per step, scores per epoch, gradient norms per connection."""

    def __init__(self, number: int, label: str, task: str, optimizer: str, hyper: dict[str, float]):
        self.number = number
        self.label = label
        self.task = task
        self.optimizer = optimizer
        self.hyper = dict(hyper)
        # The label's parts: (text, optimiser, lr, steps recorded when it began).
        self._parts: list[tuple[str, str, float | None, int]] = [(label, optimizer, hyper.get("lr"), 0)]
        self.step = Grow(dtype=np.int64)
        self.loss = Grow()
        self.epochs: list[EpochInfo] = []
        self.epoch_cols = Grow(width=6)  # epoch, step, train loss, train metric, test loss, test metric
        self.grad_keys: list[str] = []
        self.grad_step = Grow(dtype=np.int64)
        self.grad_rows = Grow(width=0)
        self.loss_drawn = Decimated()
        self.grad_drawn = Decimated(width=0)

    @property
    def metric_name(self) -> str:
        return "accuracy" if self.task == "classification" else "R²"

    def relabel(self, optimizer: str, hyper: dict[str, float]) -> None:
        """Note a learning-rate or optimiser change within the run: "Adam ε=0.01 → 0.001".

        Settings that never took a step (changed again before training went
        on) leave no trace: the label tells what the run's steps used.
        """
        lr, done = hyper.get("lr"), len(self.loss)
        parts = self._parts
        if len(parts) > 1 and parts[-1][3] == done:
            parts.pop()  # nothing was trained with the last change
        _, last_opt, last_lr, _ = parts[-1]
        if parts[-1][3] == done and len(parts) == 1:
            parts[0] = (run_label(optimizer, hyper), optimizer, lr, 0)  # before the first step
        elif optimizer != last_opt:
            parts.append((run_label(optimizer, hyper), optimizer, lr, done))
        elif lr is not None and lr != last_lr:
            parts.append((f"{lr:g}", optimizer, lr, done))
        self.label = " → ".join(p[0] for p in parts)
        self.optimizer, self.hyper = optimizer, dict(hyper)

    def add(self, snap: Snapshot) -> None:
        if len(snap.step_losses):
            steps = np.arange(snap.first_step, snap.first_step + len(snap.step_losses))
            self.step.extend(steps)
            self.loss.extend(snap.step_losses)
            self.loss_drawn.extend(steps, snap.step_losses)
        if snap.epochs:
            self.epochs.extend(snap.epochs)
            self.epoch_cols.extend(np.array([[e.epoch, e.step, e.train_loss, e.train_metric,
                                              e.test_loss, e.test_metric] for e in snap.epochs]))
        if len(snap.grad_norm_steps):
            keys = list(snap.grad_norm_keys)
            rows = snap.grad_norm_rows
            if keys != self.grad_keys:
                self._widen(keys)
                idx = [self.grad_keys.index(k) for k in keys]
                full = np.full((len(rows), len(self.grad_keys)), np.nan)
                full[:, idx] = rows
                rows = full
            self.grad_step.extend(snap.grad_norm_steps)
            self.grad_rows.extend(rows)
            self.grad_drawn.extend(snap.grad_norm_steps, rows)

    def _widen(self, keys: list[str]) -> None:
        new = [k for k in keys if k not in self.grad_keys]
        if not new:
            return
        old = self.grad_rows.view()
        self.grad_keys.extend(new)
        g = Grow(width=len(self.grad_keys))
        if len(old):
            pad = np.full((len(old), len(self.grad_keys)), np.nan)
            pad[:, : old.shape[1]] = old
            g.extend(pad)
        self.grad_rows = g
        self.grad_drawn = Decimated(width=len(self.grad_keys))
        if len(self.grad_step):
            self.grad_drawn.extend(self.grad_step.view(), self.grad_rows.view())

    def grad_series(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, norms) of one weight's gradient norm (key ``W:<connection>``), bounded for drawing."""
        if key not in self.grad_keys:
            return np.empty(0), np.empty(0)
        x, y = self.grad_drawn.view()
        return x, y[:, self.grad_keys.index(key)]

    def loss_series(self) -> tuple[np.ndarray, np.ndarray]:
        """(steps, batch losses), bounded for drawing (bucket means when long)."""
        x, y = self.loss_drawn.view()
        return x, y[:, 0]

    def to_history(self) -> History:
        """The run as core's History, for ``document.history`` (and so for Save)."""
        rows = self.grad_rows.view()
        return History(
            step_loss=[float(v) for v in self.loss.view()],
            epochs=list(self.epochs),
            grad_norm_keys=list(self.grad_keys),
            grad_norm_steps=[int(s) for s in self.grad_step.view()],
            grad_norms=[[float(v) for v in r] for r in rows],
        )

    @classmethod
    def from_history(cls, number: int, label: str, task: str, history: History,
                     optimizer: str = "", hyper: dict[str, float] | None = None) -> "Run":
        """A saved history, shown as a run (e.g. after opening a file)."""
        run = cls(number, label, task, optimizer, hyper or {})
        losses = np.array(history.step_loss, dtype=float)
        run.step.extend(np.arange(1, len(losses) + 1))
        run.loss.extend(losses)
        run.loss_drawn.extend(np.arange(1, len(losses) + 1), losses)
        run.epochs = list(history.epochs)
        if history.epochs:
            run.epoch_cols.extend(np.array([[e.epoch, e.step, e.train_loss, e.train_metric,
                                             e.test_loss, e.test_metric] for e in history.epochs],
                                           dtype=float))
        if history.grad_norm_steps and history.grad_norm_keys:
            run.grad_keys = list(history.grad_norm_keys)
            run.grad_rows = Grow(width=len(run.grad_keys))
            run.grad_step.extend(np.array(history.grad_norm_steps))
            run.grad_rows.extend(np.array(history.grad_norms, dtype=float))
            run.grad_drawn = Decimated(width=len(run.grad_keys))
            run.grad_drawn.extend(run.grad_step.view(), run.grad_rows.view())
        return run


class TrainingRecord:
    """All runs of this session, newest last."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self._worker_run: int | None = None

    @property
    def current(self) -> Run | None:
        return self.runs[-1] if self.runs else None

    def start_run(self, label: str, task: str, optimizer: str, hyper: dict[str, float]) -> Run:
        number = self.runs[-1].number + 1 if self.runs else 1
        run = Run(number, label, task, optimizer, hyper)
        self.runs.append(run)
        del self.runs[:-MAX_RUNS]
        return run

    def add(self, snap: Snapshot) -> bool:
        """Append a snapshot's news; True when it began a new run."""
        new = snap.info.run != self._worker_run
        if new:
            self._worker_run = snap.info.run
            self.start_run(run_label(snap.optimizer, snap.hyper), snap.info.task, snap.optimizer, snap.hyper)
        run = self.current
        assert run is not None
        if not new and (snap.optimizer != run.optimizer or snap.hyper.get("lr") != run.hyper.get("lr")):
            run.relabel(snap.optimizer, snap.hyper)
        run.add(snap)
        return new

    def add_saved(self, history: Any, training: Any, spec: Any) -> None:
        """The history saved with a file, as an earlier run ("saved run"), when it holds any steps."""
        if history is None or not (history.step_loss or history.epochs):
            return
        try:
            loss = spec.output_node.loss
        except Exception:  # no output node yet
            loss = None
        task = "regression" if loss == "mse" else "classification"
        self.runs.append(Run.from_history(len(self.runs) + 1, "saved run", task, history, training.optimizer,
                                          training.hyper))

    def clear(self) -> None:
        self.runs.clear()
        self._worker_run = None

