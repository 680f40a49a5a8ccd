"""What a long computation yields: how far it is, and optionally what it has so far.

The lab's computations are generators (:mod:`core.lab`): a script or a
test runs them to the end with :func:`run_to_end`, the designer runs them
off the GUI thread (``designer.jobs.Job``) and shows each :class:`Progress`
as a progress bar and a redraw. Between two yields a runner may pause or
cancel, so a generator yields often enough (a few times a second at least)
and keeps every change it makes undone in ``finally`` blocks.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Generator, Iterator, TypeVar

import numpy as np

R = TypeVar("R")


@dataclass(frozen=True)
class Progress:
    """How far a computation is (``fraction`` in 0…1, None if unknown) and, optionally, a partial result.

    ``value`` None means there is nothing new to show, only progress; a
    runner that throttles keeps only the latest value, so a value must be
    complete by itself (everything so far), never a difference to the last.
    """

    fraction: float | None = None
    value: Any = None


def run_to_end(gen: Generator[Any, Any, R] | Iterator[Any]) -> R | None:
    """Run a computation's generator headless and return what it returns."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


def part_of(gen: Generator[Any, Any, R], lo: float, hi: float, quiet: bool = True) -> Generator[Any, Any, R]:
    """Run ``gen`` as the stretch ``lo``…``hi`` of a bigger computation: its fractions rescaled.

    Each step runs under ``np.errstate(all="ignore")`` when ``quiet`` (a
    diverging optimiser's overflow is reported by its trainer, not warned
    about), and closing this generator closes ``gen``, so its ``finally``
    blocks run when a job is cancelled. Returns what ``gen`` returns.
    """
    try:
        while True:
            with np.errstate(all="ignore") if quiet else nullcontext():
                try:
                    item = next(gen)
                except StopIteration as stop:
                    return stop.value
            if isinstance(item, Progress) and item.fraction is not None:
                item = Progress(lo + (hi - lo) * item.fraction, item.value)
            elif isinstance(item, float):
                item = lo + (hi - lo) * item
            yield item
    finally:
        gen.close()

