"""The one line that says where training is: "Epoch 12 · step 1,530 · batch loss 0.213 · 1,840 steps/s".

Kept apart from the controller because the Training dock, the status bar
and the tests all read it, and it is plain text from a snapshot (and, before
any training of a session, from the saved history).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from core.snapshot import DIVERGED, DONE, IDLE, PAUSED, RUNNING, Snapshot


def status_text(snap: Snapshot) -> str:
    """"Epoch 12 · step 1,530 · batch loss 0.213 · 1,840 steps/s".

    The loss is the last mini-batch's (what the step descended on), so it
    says so: the Curves panel's solid line is the whole training set's.
    """
    parts = [QCoreApplication.translate("TrainingController", "Epoch {0}").format(snap.epoch),
             QCoreApplication.translate("TrainingController", "step {0}").format(f"{snap.step:,}")]
    if snap.loss == snap.loss:  # not NaN
        parts.append(QCoreApplication.translate("TrainingController", "batch loss {0}").format(f"{snap.loss:.4g}"))
    if snap.state == RUNNING and snap.steps_per_second > 0:
        parts.append(QCoreApplication.translate("TrainingController", "{0} steps/s")
                     .format(f"{snap.steps_per_second:,.0f}"))
    elif snap.state == DONE and snap.stopped is not None:
        parts.append(QCoreApplication.translate("TrainingController", "stopped early, epoch {0}'s weights kept")
                     .format(snap.stopped.best_epoch))
    elif snap.state == DONE:
        parts.append(QCoreApplication.translate("TrainingController", "done"))
    elif snap.state == DIVERGED:
        parts.append(QCoreApplication.translate("TrainingController", "diverged"))
    elif snap.state == PAUSED:
        parts.append(QCoreApplication.translate("TrainingController", "paused"))
    return " · ".join(parts)


def describe(snap: Snapshot, history: Any, record: Any) -> str:
    """:func:`status_text`, but before any training of this session a saved history's last
    epoch and step ("Saved: epoch 40 · step 4,000 · loss 0.0213"), not "Epoch 0 · step 0".
    """
    h = history
    if (snap.state == IDLE and snap.step == 0 and h is not None and (h.epochs or h.step_loss)
            and not any(r.label != "saved run" and len(r.loss) for r in record.runs)):
        if h.epochs:
            e = h.epochs[-1]
            epoch, step, loss = e.epoch, e.step, e.train_loss
            what = QCoreApplication.translate("TrainingController", "training loss")
        else:
            epoch, step, loss = 0, len(h.step_loss), h.step_loss[-1]
            what = QCoreApplication.translate("TrainingController", "batch loss")
        text = QCoreApplication.translate("TrainingController", "Saved: epoch {0} · step {1}").format(
            epoch, f"{step:,}")
        if loss == loss:
            text += f" · {what} {loss:.4g}"
        return text
    return status_text(snap)
