"""Live training: the loop the designer's worker runs, in a thread or in a child process.

:class:`TrainingEngine` owns a :class:`core.trainer.Trainer` built from a
:class:`~core.snapshot.Job`, takes commands from a
:class:`Channel` (play, pause, step, new hyper-parameters...) between two
steps, and hands out :class:`~core.snapshot.Snapshot` copies at
most ``max_rate`` times a second, time-based, never per step, and only when
the receiver has taken the previous one (``ack``): a slow receiver gets
fewer snapshots, never a backlog, and nothing in the history is lost because
each snapshot carries everything new since the last one taken.

It lives in core because it imports no Qt: :mod:`designer.training.worker`
runs it in a child process that imports only core (the default: training
then never competes with the GUI for Python's GIL) or in its own QThread,
and turns what it emits into Qt signals.
"""
from __future__ import annotations

import math
import queue
import time
from dataclasses import replace
from typing import Any, Callable

import numpy as np

from .data.preprocess import derive_dataset, train_test_split
from .data.source import DataSource
from .metrics import confusion_matrix
from .model import Model, compile_model
from .probes import (line_outputs, output_gradient, plane_activations, plane_bounds, plane_grid,
                         plane_outputs, unit_health)
from .trainer import EpochInfo, Trainer, TrainingSettings

from .snapshot import DIVERGED, DONE, IDLE, PAUSED, RUNNING, Job, RunInfo, Snapshot, frozen

#: Rows of the training set whose activations every snapshot carries.
PROBE_SIZE = 64
#: Resolution of the output heat-map over the input plane, and of the per-unit pictures.
GRID_RES = 64
UNIT_GRID_RES = 28
#: While training, the engine looks for commands at least this often (seconds).
_POLL = 0.002
#: ... and at its clock for the next snapshot at least this often.
_SLICE = 0.02


class Channel:
    """Where commands come from. ``get`` blocks up to ``timeout`` (None: forever) and
    raises ``queue.Empty``; ``pending`` says cheaply whether one is waiting.
    """

    def get(self, timeout: float | None) -> tuple[str, Any]:
        raise NotImplementedError

    def pending(self) -> bool:
        raise NotImplementedError


class QueueChannel(Channel):
    """Commands from a thread of the same process."""

    def __init__(self) -> None:
        self.q: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self.flag = False

    def put(self, cmd: str, arg: Any = None) -> None:
        self.q.put((cmd, arg))
        self.flag = True

    def get(self, timeout: float | None) -> tuple[str, Any]:
        self.flag = False
        if timeout is None:
            return self.q.get()
        if timeout <= 0:
            return self.q.get_nowait()
        return self.q.get(timeout=timeout)

    def pending(self) -> bool:
        return self.flag or not self.q.empty()


class PipeChannel(Channel):
    """Commands from the parent process through a ``multiprocessing`` connection."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def get(self, timeout: float | None) -> tuple[str, Any]:
        if timeout is None or timeout > 0:
            if not self.conn.poll(timeout):
                raise queue.Empty
        elif not self.conn.poll():
            raise queue.Empty
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return ("quit", None)

    def pending(self) -> bool:
        try:
            return self.conn.poll()
        except (EOFError, OSError):
            return True


#: Settings a person changes while training runs: the command and how the trainer takes it.
_LIVE_SETTINGS: dict[str, Callable[[Any, Any], Any]] = {
    "hyper": lambda tr, arg: tr.set_hyper(**arg),
    "patience": lambda tr, arg: tr.set_patience(int(arg)),
    "optimizer": lambda tr, arg: tr.set_optimizer(arg[0], **arg[1]),
    "batch": lambda tr, arg: tr.set_batch_size(arg),
    "l2": lambda tr, arg: tr.set_l2(arg),
}


class TrainingEngine:
    """The loop: commands in, snapshots out. ``emit(kind, payload)`` sends
    ``("snapshot", Snapshot)``, ``("run", RunInfo)`` or ``("failed", str)``.
    """

    def __init__(self, channel: Channel, emit: Callable[[str, Any], None], max_rate: float = 40.0):
        self.channel = channel
        self.emit = emit
        self.max_rate = float(max_rate)
        self._quit = False
        self.trainer: Trainer | None = None
        self._eval: Model | None = None
        self.info: RunInfo | None = None
        self._prepared = None
        self._state = IDLE
        self._running = False
        self._step_budget = 0
        self._epoch_goal: int | None = None
        self._target_epochs: int | None = None   # per Play: None = until stopped
        self._target_epoch: int | None = None
        self._speed: float | None = None
        self._next_step_at = 0.0
        self._want_unit_planes = False
        self._generation = 0
        self._run = 0
        self._step_offset = 0
        self._epoch_offset = 0
        self._sent = (0, 0, 0)
        self._carry: list[tuple] = []
        self._in_flight = False
        self._force = False
        self._last_publish = 0.0
        self._seq = 0
        self._rate = 0.0
        self._rate_mark = (time.perf_counter(), 0)
        self._last_loss = math.nan
        self._last_batch = np.empty(0, np.intp)

    def _busy(self) -> bool:
        return self.trainer is not None and (self._running or bool(self._step_budget) or
                                             self._epoch_goal is not None)

    def run(self) -> None:
        """Until told to quit: wait for commands while idle, train while busy, publish."""
        while not self._quit:
            if not self._busy():
                publish_due = self.trainer is not None and self._force and not self._in_flight
                self._drain(block=True, timeout=0.0 if publish_due else None)
            elif self.channel.pending():
                self._drain(block=False)
            if self._quit:
                break
            if self._busy():
                self._train_for(self._time_slice())
            self._maybe_publish()

    def _time_slice(self) -> float:
        """How long to train before looking at the clock for the next snapshot."""
        due = self._last_publish + 1.0 / self.max_rate - time.perf_counter()
        return max(min(due, _SLICE), 0.001)

    # --- commands -----------------------------------------------------------------------

    def _drain(self, block: bool, timeout: float | None = None) -> None:
        first = True
        while True:
            try:
                cmd, arg = self.channel.get(timeout if (block and first) else 0.0)
            except queue.Empty:
                return
            first = False
            try:
                self._do(cmd, arg)
            except Exception as e:  # a command must never end the loop
                self.emit("failed", f"{type(e).__name__}: {e}")
            if self._quit:
                return

    def _do(self, cmd: str, arg: Any) -> None:
        tr = self.trainer
        if cmd == "quit":
            self._quit = True
            if tr is not None:  # a last snapshot, whatever the receiver has taken, for closing
                if self._state == RUNNING:
                    self._halt(PAUSED)
                self._in_flight = False
                self._force = True
                self._maybe_publish()
        elif cmd == "ack":
            self._in_flight = False
        elif cmd == "load":
            self._load(arg)
        elif cmd == "target":
            self._target_epochs = arg if arg else None
            self._target_epoch = None if tr is None or not arg else self._epoch_now() + int(arg)
        elif cmd == "speed":
            self._speed = float(arg) if arg else None
        elif cmd == "unit_planes":
            self._want_unit_planes = arg
            self._force = True
        elif tr is None:
            return
        elif cmd in ("play", "step", "epoch"):
            self._start(cmd, arg)
        elif cmd == "pause":
            self._halt(PAUSED)
        elif cmd in _LIVE_SETTINGS:  # applied at the next step, and shown at once
            _LIVE_SETTINGS[cmd](tr, arg)
            self._force = True

    def _start(self, cmd: str, arg: Any) -> None:
        """Play (until paused or the target epoch), Step (``arg`` batches) or Step epoch; not after divergence."""
        tr = self.trainer
        if tr.diverged is not None:
            return
        tr.go_on()  # after an early stop: on from the best weights, with fresh patience
        if cmd == "play":
            epochs = arg if arg is not None else self._target_epochs
            if epochs and (self._target_epoch is None or self._epoch_now() >= self._target_epoch):
                self._target_epoch = self._epoch_now() + int(epochs)
            elif not epochs:
                self._target_epoch = None
            self._running = True
            self._step_budget, self._epoch_goal = 0, None
        elif cmd == "step":
            self._running, self._epoch_goal = False, None
            self._step_budget += arg
        else:
            self._running, self._step_budget = False, 0
            self._epoch_goal = tr.epoch + 1
        self._set_state(RUNNING)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self._force = True

    def _halt(self, state: str) -> None:
        self._running, self._step_budget, self._epoch_goal = False, 0, None
        self._set_state(state)
        self._force = True

    def _epoch_now(self) -> int:
        return self._epoch_offset + (self.trainer.epoch if self.trainer is not None else 0)

    # --- building -------------------------------------------------------------------------

    def _load(self, job: Job) -> None:
        self._collect()  # keep what the old trainer has not sent yet
        old = self.trainer
        self.trainer, self._eval, self.info = None, None, None
        self._halt(IDLE if job.new_run or old is None else PAUSED)
        if job.new_run or old is None:
            self._run += 1
            self._step_offset = self._epoch_offset = 0
            self._carry.clear()
            self._target_epoch = None
        else:
            self._step_offset += old.step_count
            self._epoch_offset += old.epoch
        self._target_epochs = job.target_epochs
        try:
            info, trainer, evaluator = self._build(job)
        except Exception as e:  # DataError, SpecError, ValueError: all worded for a person
            self._force = False
            self.emit("failed", str(e))
            return
        self.trainer, self._eval, self.info = trainer, evaluator, info
        self._sent = (0, 0, 0)
        self._last_loss, self._last_batch = math.nan, np.empty(0, np.intp)
        self.emit("run", info)
        self._force = True

    def _build(self, job: Job) -> tuple[RunInfo, Trainer, Model]:
        spec = job.spec
        spec.validate()
        out = spec.output_node
        n_outputs = out.units
        source = DataSource.from_dict(job.data.to_dict())
        features = list(source.features)
        raw = replace(source, features=[]).load(job.base)  # the plane the data plot draws
        ds = derive_dataset(raw, features) if features else raw
        prepared = source.prepare(n_outputs, base=job.base, dataset=ds, n_inputs=spec.input_node.units)
        if source.test_fraction > 0 and len(raw) >= 4:
            raw_train, raw_test = train_test_split(raw, source.test_fraction, source.seed)
        else:
            raw_train, raw_test = raw, raw.subset(slice(0, 0))
        settings = TrainingSettings.from_dict(job.training.to_dict())
        dtype = np.float64
        model = compile_model(spec, job.params, dtype=dtype)
        trainer = Trainer(model, prepared.train, prepared.test, settings)
        _resume_optimizer(trainer, job.optimizer_state)
        evaluator = compile_model(spec, job.params, dtype=dtype)

        train = prepared.train
        n = len(train)
        rng = np.random.default_rng(settings.seed + 7919)
        probe = np.sort(rng.permutation(n)[:PROBE_SIZE])
        if train.labels is not None:
            probe = probe[np.argsort(train.labels[probe], kind="stable")]
        raw_dims = raw.n_features
        if raw_dims == 2:
            mode = "plane"
        elif raw_dims == 1 and ds.task == "regression" and not features:
            mode = "line"
        elif ds.task == "classification":
            mode = "confusion"
        else:
            mode = "none"
        grid = unit_grid = line_xs = None
        if mode == "plane":
            bounds = plane_bounds(np.vstack([raw_train.X, raw_test.X]), pad=0.08)
            grid = plane_grid(bounds, GRID_RES)
            unit_grid = plane_grid(bounds, UNIT_GRID_RES)
        elif mode == "line":
            lo, hi = plane_bounds(np.column_stack([raw.X[:, 0], raw.X[:, 0]]), pad=0.05)[:2]
            line_xs = frozen(np.linspace(lo, hi, 200))
        self._generation += 1
        info = RunInfo(
            generation=self._generation, run=self._run, spec=spec.copy(), task=ds.task,
            loss=model.loss_name, data_label=raw.name or source.label,
            feature_names=tuple(raw.feature_names), input_names=tuple(ds.feature_names),
            class_names=tuple(ds.class_names) if ds.task == "classification" else (),
            features=tuple(features), standardizer=prepared.standardizer, mode=mode,
            raw_train=frozen(np.array(raw_train.X)), raw_test=frozen(np.array(raw_test.X)),
            y_train=frozen(np.array(raw_train.y)), y_test=frozen(np.array(raw_test.y)),
            probe=frozen(probe), probe_X=frozen(train.X[probe].copy()),
            probe_Y=frozen(train.Y[probe].copy()), grid=grid, unit_grid=unit_grid,
            line_xs=line_xs, steps_per_epoch=trainer.steps_per_epoch, n_train=n,
            n_test=len(prepared.test), optimizer=settings.optimizer,
            hyper=dict(trainer.optimizer.hyper), batch_size=settings.batch_size)
        self._prepared = prepared
        return info, trainer, evaluator

    # --- training -------------------------------------------------------------------------

    def _train_for(self, seconds: float) -> None:
        """Step until ``seconds`` pass, a command arrives, or a goal is reached."""
        tr = self.trainer
        assert tr is not None
        step = tr.step
        now = time.perf_counter()
        end = now + seconds
        look = now + _POLL
        speed = self._speed
        pending = self.channel.pending
        clock = time.perf_counter
        while True:
            if speed:
                now = time.perf_counter()
                if now < self._next_step_at:
                    wait = min(self._next_step_at, end) - now
                    if wait > 0:
                        time.sleep(wait)
                    if time.perf_counter() < self._next_step_at:
                        return
                self._next_step_at = max(self._next_step_at + 1.0 / speed, time.perf_counter() - 0.1)
            info = step()
            if info is None:
                self._diverged()
                return
            self._last_loss, self._last_batch = info.loss, info.batch
            if tr.stopped is not None:  # early stopping ended the run: the best weights are back
                self._halt(DONE)
                return
            if self._step_budget:
                self._step_budget -= 1
                if not self._step_budget:
                    self._halt(PAUSED)
                    return
            if self._epoch_goal is not None and tr.epoch >= self._epoch_goal:
                self._halt(PAUSED)
                return
            if self._running and self._target_epoch is not None and self._epoch_now() >= self._target_epoch:
                self._halt(DONE)
                return
            now = clock()
            if now >= look:
                if now >= end or pending():
                    return
                look = now + _POLL

    def _diverged(self) -> None:
        self._halt(DIVERGED)

    # --- publishing -----------------------------------------------------------------------

    def _maybe_publish(self) -> None:
        if self._in_flight or self.trainer is None:
            return
        now = time.perf_counter()
        if not self._force and now - self._last_publish < 1.0 / self.max_rate:
            return
        if not self._force and not (self._running or self._step_budget or self._epoch_goal is not None):
            return
        self._force = False
        self._last_publish = now
        snap = self._snapshot(now)
        self._in_flight = True
        self.emit("snapshot", snap)

    def _collect(self) -> None:
        """Move what the trainer's history gained since the last snapshot into ``_carry``."""
        tr = self.trainer
        if tr is None:
            return
        h = tr.history
        s0, e0, g0 = self._sent
        s1, e1, g1 = len(h.step_loss), len(h.epochs), len(h.grad_norm_steps)
        if s1 == s0 and e1 == e0 and g1 == g0:
            return
        so, eo = self._step_offset, self._epoch_offset
        losses = np.array(h.step_loss[s0:s1], dtype=float)
        epochs = tuple(EpochInfo(e.epoch + eo, e.step + so, e.train_loss, e.train_metric,
                                 e.test_loss, e.test_metric) for e in h.epochs[e0:e1])
        gsteps = np.array(h.grad_norm_steps[g0:g1], dtype=np.int64) + so
        grows = np.array(h.grad_norms[g0:g1], dtype=float).reshape(len(gsteps), len(h.grad_norm_keys))
        self._carry.append((so + s0 + 1, losses, epochs, tuple(h.grad_norm_keys), gsteps, grows))
        self._sent = (s1, e1, g1)

    def _take_carry(self) -> tuple[int, np.ndarray, tuple, tuple, np.ndarray, np.ndarray]:
        """Everything collected since the last snapshot, joined (keys may differ across rebuilds)."""
        keys = self.info.spec and tuple(f"W:{c}" for c in self.info.spec.connections)
        first = self._step_offset + self._sent[0] + 1
        if not self._carry:
            return first, np.empty(0), (), keys, np.empty(0, np.int64), np.empty((0, len(keys)))
        first = self._carry[0][0]
        losses = np.concatenate([c[1] for c in self._carry])
        epochs = tuple(e for c in self._carry for e in c[2])
        steps, rows = [], []
        for _f, _l, _e, k, gs, gr in self._carry:
            if len(gs) == 0:
                continue
            if k == keys:
                rows.append(gr)
            else:  # a rebuild changed the connections: map columns by name
                idx = {key: j for j, key in enumerate(k)}
                m = np.full((len(gs), len(keys)), np.nan)
                for j, key in enumerate(keys):
                    if key in idx:
                        m[:, j] = gr[:, idx[key]]
                rows.append(m)
            steps.append(gs)
        self._carry.clear()
        gsteps = np.concatenate(steps) if steps else np.empty(0, np.int64)
        grows = np.vstack(rows) if rows else np.empty((0, len(keys)))
        return first, losses, epochs, keys, gsteps, grows

    def _snapshot(self, now: float) -> Snapshot:
        tr, ev, info = self.trainer, self._eval, self.info
        assert tr is not None and ev is not None and info is not None
        self._collect()
        first, losses, epochs, keys, gsteps, grows = self._take_carry()
        # steps per second over the last ~half second of training
        t0, n0 = self._rate_mark
        steps_now = self._step_offset + tr.step_count
        if now - t0 >= 0.5 or steps_now < n0:
            if steps_now >= n0 and now > t0 and self._state == RUNNING:
                self._rate = (steps_now - n0) / (now - t0)
            self._rate_mark = (now, steps_now)
        # evaluate on a second model so the trainer's recorded tapes stay as they are
        theta = tr.model.theta.copy()
        ev.theta[...] = theta
        frozen(theta)
        params = tr.model.unflatten(theta)
        acts = ev.activations(info.probe_X)
        for z, a in acts.values():
            frozen(z), frozen(a)
        out_z, out_a = acts[ev.output_id]
        out_grad = frozen(output_gradient(ev, out_z, out_a, info.probe_Y))
        health = unit_health(info.spec, acts)
        gn = {k[2:]: float(v) for k, v in zip(tr.history.grad_norm_keys,
                                               tr.history.grad_norms[-1])} if tr.history.grad_norms else {}
        plane = unit_planes = line = confusion = None
        prep = self._prepared
        if info.mode == "plane" and info.grid is not None:
            plane = frozen(plane_outputs(ev, info.grid, info.features, info.standardizer))
            if self._want_unit_planes and info.unit_grid is not None:
                unit_planes = plane_activations(ev, info.unit_grid, info.features, info.standardizer)
                for a in unit_planes.values():
                    frozen(a)
        elif info.mode == "line" and info.line_xs is not None:
            line = frozen(line_outputs(ev, info.line_xs, info.standardizer))
        elif info.mode == "confusion":
            part = prep.test if len(prep.test) else prep.train
            confusion = frozen(confusion_matrix(ev.predict(part.X), part.labels, max(info.n_classes, 1)))
        self._seq += 1
        done_at = tr.history.epochs[-1].step if tr.history.epochs else 0
        epoch_progress = self._epoch_now() + min((tr.step_count - done_at) / tr.steps_per_epoch, 0.999)
        return Snapshot(
            info=info, seq=self._seq, state=self._state, step=steps_now, epoch=self._epoch_now(),
            epoch_progress=epoch_progress, target_epoch=self._target_epoch,
            steps_per_second=self._rate, loss=self._last_loss, optimizer=tr.settings.optimizer,
            hyper=dict(tr.optimizer.hyper), batch_size=tr.settings.batch_size, l2=tr.settings.l2,
            params=params, activations=acts, output_grad=out_grad, health=health, grad_norms=gn,
            batch=frozen(np.array(self._last_batch)), first_step=first, step_losses=frozen(losses),
            epochs=epochs, grad_norm_keys=keys, grad_norm_steps=frozen(gsteps),
            grad_norm_rows=frozen(grows), plane=plane, unit_planes=unit_planes, line=line,
            confusion=confusion, divergence=tr.diverged, stopped=tr.stopped, extra=self._paused_state(tr))

    def _paused_state(self, tr: Trainer) -> dict[str, Any]:
        """While not running: the optimiser's state and the last gradient (for its internals).

        ``{"optimizer_state": Optimizer.state_dict(), "grad": flat gradient copy}``;
        empty while running (40 copies a second would cost for nothing).
        """
        if self._state == RUNNING:
            return {}
        return {"optimizer_state": tr.optimizer.state_dict(), "grad": frozen(tr.model.grad.copy())}



def _resume_optimizer(trainer: Trainer, state: dict[str, Any] | None) -> None:
    """Continue the optimiser's moments and step count from a saved state, when they still fit.

    A state saved for another optimiser, or for a network whose shape has
    changed since, is left out: the optimiser then starts afresh, as it would
    after any structure edit.
    """
    if not state or state.get("name") != trainer.optimizer.name:
        return
    try:
        trainer.optimizer.load_state_dict(state)
    except (ValueError, KeyError, TypeError):
        return
    trainer.optimizer.hyper.update(trainer.settings.hyper)  # the settings shown win over the saved ones


def child_main(conn: Any, max_rate: float) -> None:
    """Entry point of the training process: run the engine over a pipe until told to quit.

    Snapshots travel without their :class:`RunInfo` (it was sent once with
    ``"run"``); the parent puts it back. Large, unchanging data is so sent
    once per trainer, not 40 times a second.
    """
    def emit(kind: str, payload: Any) -> None:
        if kind == "snapshot":
            payload = replace(payload, info=payload.info.generation)
        try:
            conn.send((kind, payload))
        except (BrokenPipeError, EOFError, OSError):
            engine._quit = True

    engine = TrainingEngine(PipeChannel(conn), emit, max_rate)
    try:
        engine.run()
    finally:
        try:
            conn.send(("bye", None))
        except (BrokenPipeError, EOFError, OSError):
            pass
        conn.close()
