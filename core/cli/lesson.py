"""``backprop-studio lesson check FILE...``: validate lessons before class and print their answers.

A thin wrapper: the checking and what it prints are :mod:`core.lessons`
(:func:`core.lessons.lesson_check`), so the panel, the tests and this
command share one checker.
"""
from __future__ import annotations

import argparse
from typing import Any

NAME = "lesson"


def add_parser(sub: Any) -> None:
    """Register ``lesson check`` with the sub-command parsers ``sub``."""
    lesson = sub.add_parser("lesson", help="check lesson files (the course's format, docs/lessons.md)",
                            description="Work with lessons: Markdown files that walk through the lecture "
                                        "with questions the program answers.")
    actions = lesson.add_subparsers(dest="lesson_command", metavar="ACTION", required=True,
                                    parser_class=type(lesson))
    check = actions.add_parser("check", help="validate lessons and print the engine's answer to each question",
                               description="Play each lesson headless: every example, node and panel it "
                                           "names must exist, every predict question gets the engine's "
                                           "answer (printed; an answer key must agree), every reach goal "
                                           "must be reached by the lesson's reference solution.",
                               epilog="Exit status: 0 every lesson passes, 2 otherwise (one line per problem "
                                      "on stderr: file:line: :::directive: what is wrong).")
    check.add_argument("files", nargs="+", metavar="FILE.md", help="lesson files")
    check.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Check every file; 0 when all pass, 2 otherwise."""
    from ..lessons import lesson_check
    return lesson_check(list(ns.files))
