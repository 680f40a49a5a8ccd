"""What ``train`` shows while it runs, and how Ctrl-C stops it between two steps."""
from __future__ import annotations

import contextlib
import math
import signal
import sys
import time
from typing import Iterator


@contextlib.contextmanager
def ctrl_c(stop: dict[str, bool]) -> Iterator[None]:
    """First Ctrl-C: finish the current step and stop. Second: stop at once."""
    def handler(signum, frame):
        if stop["asked"]:
            raise KeyboardInterrupt
        stop["asked"] = True

    try:
        old = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: Ctrl-C keeps its default meaning
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


class Progress:
    """A bar on a terminal (stderr), a few plain lines otherwise (stdout), nothing with --json."""

    def __init__(self, epochs: int, task: str, quiet: bool):
        self.epochs, self.task = epochs, task
        self.tty = sys.stderr.isatty()
        self.quiet = quiet and not self.tty
        self.done = 0
        self.every = max(1, epochs // 10)
        self.last_draw = 0.0
        self.drawn = False

    def update(self, trainer) -> None:
        """One more epoch done: redraw the bar (at most ten times a second) or print every tenth."""
        self.done += 1
        if self.quiet or not trainer.history.epochs:
            return
        e = trainer.history.epochs[-1]
        metric = "acc" if self.task == "classification" else "R²"
        text = f"epoch {self.done}/{self.epochs}  loss {e.train_loss:.4f}  train {metric} {e.train_metric:.3f}"
        if math.isfinite(e.test_metric):
            text += f"  test {metric} {e.test_metric:.3f}"
        if self.tty:
            self._draw(text)
        elif self.done % self.every == 0 or self.done == self.epochs:
            print(text, flush=True)

    def _draw(self, text: str) -> None:
        now = time.perf_counter()
        if now - self.last_draw < 0.1 and self.done < self.epochs:
            return
        self.last_draw = now
        width = 24
        filled = int(width * self.done / max(self.epochs, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {text}\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def close(self) -> None:
        """End the bar's line so what follows starts on its own."""
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
