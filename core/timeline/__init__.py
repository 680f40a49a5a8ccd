"""Time travel's headless store: moments of a run, and checkpoints within a memory budget.

``moment`` holds :class:`Moment` (everything the next step depends on) and
:class:`Change` (a settings change during a run); ``checkpoints`` holds
:class:`Checkpoints`, one run's checkpoints on a doubling grid and any step
recomputed from them exactly. The tree of runs is :mod:`core.runs`.
"""
from .checkpoints import DEFAULT_BUDGET, Checkpoints
from .moment import Change, Moment

__all__ = ["Checkpoints", "DEFAULT_BUDGET", "Change", "Moment"]
