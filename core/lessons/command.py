"""``backprop-studio lesson check FILE...``: what the command prints, kept beside the checker.

The command-line module only parses arguments and calls :func:`lesson_check`,
so the output a teacher reads is tested here with the checker it reports on.
"""
from __future__ import annotations

import sys
from typing import TextIO

from .checker import check_lesson

__all__ = ["lesson_check"]


def lesson_check(paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check each lesson file: its answers on ``out``, one line per problem on ``err``.

    Returns 0 when every file passes, 2 otherwise (the program's status for an error).
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    status = 0
    for path in paths:
        report = check_lesson(path)
        steps = report.lesson.steps if report.lesson is not None else []
        n = sum(step.check is not None for step in steps)
        checks = "1 check" if n == 1 else f"{n} checks"
        if report.ok:
            print(f"{path}: {checks}, all passing", file=out)
        else:
            status = 2
            count = "1 problem" if len(report.problems) == 1 else f"{len(report.problems)} problems"
            print(f"{path}: {checks}, {count}", file=out)
        for line in report.answers:
            print(f"  {line}", file=out)
        for problem in report.problems:
            print(str(problem), file=err)
    return status
