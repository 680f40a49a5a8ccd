"""core.live: the live-training loop, driven headlessly through a queue channel."""
import math
import queue
import threading
import time

import numpy as np

from core.data.source import DataSource
from core.live import QueueChannel, TrainingEngine
from core.parameters import init_parameters
from core.snapshot import DIVERGED, DONE, PAUSED, Job
from core.spec import sequential
from core.trainer import TrainingSettings


class Harness:
    """An engine in a thread; snapshots are taken (acked) as they come."""

    def __init__(self, max_rate=200.0):
        self.chan = QueueChannel()
        self.out: queue.SimpleQueue = queue.SimpleQueue()
        self.engine = TrainingEngine(self.chan, lambda k, p: self.out.put((k, p)), max_rate)
        self.thread = threading.Thread(target=self.engine.run, daemon=True)
        self.thread.start()

    def next(self, kind="snapshot", timeout=10.0, until=None):
        end = time.time() + timeout
        while time.time() < end:
            try:
                k, p = self.out.get(timeout=0.1)
            except queue.Empty:
                continue
            if k == "snapshot":
                self.chan.put("ack")
            if k == "failed" and kind != "failed":
                raise AssertionError(p)
            if k == kind and (until is None or until(p)):
                return p
        raise AssertionError(f"no {kind} within {timeout} s")

    def close(self):
        self.chan.put("quit")
        self.thread.join(5)
        assert not self.thread.is_alive()


def _job(lr=0.05, optimizer="adam", act="tanh", out="logistic", loss="bce", data="xor", epochs=None, **kw):
    spec = sequential([2, 6, 1], act, out, loss)
    return Job(spec, init_parameters(spec, 0), DataSource(name=data, n=120, standardize=True),
               TrainingSettings(optimizer, {"lr": lr}, 10, 0.0, 0, 0), target_epochs=epochs, **kw)


def test_play_trains_and_history_arrives_in_pieces_without_loss():
    h = Harness()
    try:
        h.chan.put("load", _job())
        info = h.next("run")
        assert info.mode == "plane" and info.task == "classification" and len(info.probe) == 64
        first = h.next()
        assert first.step == 0 and first.plane.shape == (64, 64, 1)
        h.chan.put("play")
        snaps = []
        while not snaps or snaps[-1].step < 600:
            snaps.append(h.next())
        h.chan.put("pause")
        last = h.next(until=lambda s: s.state == PAUSED)
        snaps.append(last)
        losses = np.concatenate([s.step_losses for s in snaps])
        steps = np.concatenate([np.arange(s.first_step, s.first_step + len(s.step_losses)) for s in snaps])
        assert np.array_equal(steps, np.arange(1, last.step + 1))  # every step once, in order
        assert losses[-50:].mean() < losses[:50].mean()
        assert not np.array_equal(first.params["W:c1"], last.params["W:c1"])
        assert not last.params["W:c1"].flags.writeable
    finally:
        h.close()


def test_hyper_change_applies_at_next_step_and_epoch_goal_stops():
    h = Harness()
    try:
        h.chan.put("load", _job())
        h.next("run")
        h.chan.put("step", 3)
        s = h.next(until=lambda s: s.state == PAUSED)
        assert s.step == 3
        h.chan.put("hyper", {"lr": 0.125})
        h.chan.put("epoch")
        s = h.next(until=lambda s: s.state == PAUSED and s.step > 3)
        assert s.hyper["lr"] == 0.125 and h.engine.trainer.optimizer.hyper["lr"] == 0.125
        assert s.epoch == 1 and s.step == h.engine.trainer.steps_per_epoch
    finally:
        h.close()


def test_target_epochs_end_in_done():
    h = Harness()
    try:
        h.chan.put("load", _job(epochs=3))
        h.next("run")
        h.chan.put("play", 3)
        s = h.next(until=lambda s: s.state == DONE)
        assert s.epoch == 3 and s.target_epoch == 3
    finally:
        h.close()


def test_divergence_pauses_with_finite_weights_and_a_reason():
    h = Harness()
    try:
        h.chan.put("load", _job(lr=1e3, optimizer="sgd", act="identity", out="identity", loss="mse",
                                data="regression"))
        h.next("run")
        h.chan.put("play")
        s = h.next(until=lambda s: s.state == DIVERGED, timeout=20)
        assert s.divergence is not None and "diverged" in s.divergence.message
        assert all(np.isfinite(v).all() for v in s.params.values())
        assert math.isfinite(s.loss) or s.step > 0
    finally:
        h.close()


def test_a_job_that_does_not_fit_the_data_fails_with_a_message():
    h = Harness()
    try:
        spec = sequential([3, 4, 1], "tanh", "logistic", "bce")
        h.chan.put("load", Job(spec, init_parameters(spec, 0), DataSource(name="xor"),
                               TrainingSettings()))
        msg = h.next("failed")
        assert "input node" in msg and "3" in msg
    finally:
        h.close()
