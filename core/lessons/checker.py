"""``lesson check``: play a lesson headless and compute every answer with the engine.

A teacher runs it before class and CI runs it over the shipped course. It
plays each step's actions in order on a :class:`~core.lessons.engine.Situation`
(opening networks, changing settings, training N steps, choosing the sample)
exactly as the Lessons panel plays them on the window, so each predict
question is computed on the network the student will have in front of them.
It reports, per question, the engine's answer, and one line per problem:
a file or example that does not exist, a node or panel that is not there, an
answer key the engine disagrees with, a goal the reference solution cannot
reach.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..files import NetworkFileError, load_network
from ..resources import resource_path
from .engine import Situation, apply_settings, apply_solution, compute, reach, within_tolerance
from .model import Action, Check, Lesson, LessonError, Step
from .parser import read_lesson

__all__ = ["PANELS", "Report", "check_lesson", "check_parsed", "find_node", "network_path"]

#: Dock titles a ``show panel`` action may name: the window's panels (a designer test keeps them in step).
PANELS = ("Palette", "Properties", "History", "Training", "Data and boundary", "Curves", "Activations",
          "Weights", "Gradients", "Backprop stepper", "Optimiser race", "Loss landscape",
          "Optimiser internals", "Activation explorer", "Vanishing gradients", "Lessons")


def network_path(action: Action, lesson: Lesson) -> Path:
    """The file an ``open`` action names: a shipped example, or a path beside the lesson."""
    kind, name = action.args
    if kind == "example":
        if "/" in name or "\\" in name:
            raise ValueError(f"an example is named by its file name only, not {name!r}")
        return resource_path("examples") / name
    folder = lesson.path.parent if lesson.path is not None else Path.cwd()
    return (folder / name).resolve()


def find_node(situation: Situation, name: str) -> str:
    """A node's id from its id or its name (case does not matter); ``ValueError`` listing the nodes."""
    spec = situation.spec
    if name in spec.nodes:
        return name
    for node in spec.nodes.values():
        if node.name and node.name.casefold() == name.casefold():
            return node.id
    raise ValueError(f"no node {name!r}; the nodes are " + ", ".join(spec.nodes))


@dataclass
class Report:
    """What ``lesson check`` found in one file: the engine's answers and the problems."""

    file: str
    lesson: Lesson | None = None
    answers: list[str] = field(default_factory=list)
    #: The engine's value of each predict question, by step number (1-based).
    values: dict[int, float] = field(default_factory=dict)
    problems: list[LessonError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check_lesson(path: str | os.PathLike) -> Report:
    """Read and check the lesson at ``path``."""
    try:
        lesson = read_lesson(path)
    except LessonError as e:
        return Report(str(path), problems=[e])
    return check_parsed(lesson, str(path))


def check_parsed(lesson: Lesson, name: str) -> Report:
    """Play ``lesson``'s steps headless; every check computed, every name looked up."""
    report = Report(name, lesson)
    player = _Player(lesson, report)
    for number, step in enumerate(lesson.steps, start=1):
        for action in step.actions:
            try:
                player.act(action)
            except (ValueError, OSError, NetworkFileError) as e:
                report.problems.append(LessonError(f"{action.text()}: {e}", name, action.line, "do"))
        if step.check is not None:
            try:
                report.answers.append(f"step {number} ({step.title.en}): " + player.answer(step, step.check))
            except (ValueError, OSError) as e:
                report.problems.append(LessonError(str(e), name, step.check.line, step.check.kind))
    return report


class _Player:
    """The lesson's actions applied to a headless situation (the network the student sees)."""

    def __init__(self, lesson: Lesson, report: Report):
        self.lesson, self.report = lesson, report
        self.situation: Situation | None = None

    def need(self) -> Situation:
        if self.situation is None:
            raise ValueError("no network is open yet: start with 'open example NAME.ffn'")
        return self.situation

    def act(self, action: Action) -> None:
        verb, args = action.verb, action.args
        if verb == "open":
            path = network_path(action, self.lesson)
            if not path.is_file():
                raise ValueError(f"no such file {path}")
            self.situation = Situation.from_network(load_network(path), path.parent)
        elif verb == "show":
            if args[1] not in PANELS:
                raise ValueError("no such panel; the panels are " + ", ".join(PANELS))
        elif verb == "select":
            self._select(args)
        elif verb == "set":
            self.need().settings = apply_settings(self.need().settings, action.options)
        elif verb == "run":
            self.need().train(int(args[0]))
        elif verb == "sample":
            self.need().choose_sample(args)
        elif verb == "walk":
            self.need().trace(action.options.get("level", "neuron"))

    def _select(self, args: list[str]) -> None:
        situation = self.need()
        if args[0] == "node":
            find_node(situation, args[1])
            return
        conn = situation.spec.connections.get(args[1])
        if conn is None:
            raise ValueError("no such connection; the connections are " + ", ".join(situation.spec.connections))
        i, j = int(args[2]), int(args[3])
        n_src, n_dst = situation.spec.nodes[conn.src].units, situation.spec.nodes[conn.dst].units
        if i >= n_src or j >= n_dst:
            raise ValueError(f"unit {i} → {j} is outside {n_src} × {n_dst}")

    def answer(self, step: Step, check: Check) -> str:
        question = check.question.en
        if check.kind == "choice":
            assert check.answer is not None
            return f"{question} → option {int(check.answer) + 1}: {check.options[int(check.answer)].en}"
        situation = self.need()
        if check.kind == "reach":
            assert check.goal is not None
            result = reach(check.goal, check.steps, apply_solution(situation, check.solution))
            how = " ".join(f"{k}={v}" for k, v in check.solution.items()) or "the settings as they are"
            if not result.reached:
                last = "" if result.value is None else f"; last {check.goal.metric} {result.value:.6g}"
                raise ValueError(f"goal '{check.goal.text}' not reached within {check.steps} steps with the "
                                 f"reference solution ({how}){last}")
            return f"{question} → reached after {result.steps} steps with {how}"
        assert check.quantity is not None
        value = compute(check.quantity, situation, check.level)
        self.report.values[self.lesson.steps.index(step) + 1] = value
        if check.answer is not None and not within_tolerance(check.answer, value, check.tolerance,
                                                             check.relative):
            tol = f"{check.tolerance:.3g}" + (" relative" if check.relative else "")
            raise ValueError(f"the answer key says {check.answer:g} but the engine computes {value:.6g} "
                             f"for '{check.quantity.text}' (tolerance {tol})")
        return f"{question} → {value:.6g}"
