"""A lesson as plain data: what the parser builds, the checker verifies and the panel shows.

Kept apart from the parser so that the Lessons panel and the checker read
one shape without knowing the file syntax. Every piece a person reads is a
:class:`Text` holding both languages, because a lesson file carries both
(a teacher writes one file, the class reads it in either language).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHECK_KINDS", "Action", "Check", "Goal", "Lesson", "LessonError", "Quantity", "Step", "Text"]

#: The kinds of check a step may end with.
CHECK_KINDS = ("predict", "reach", "choice")


class LessonError(ValueError):
    """A lesson file that cannot be read or does not check: where, and what is wrong.

    ``str()`` is one line, ``file:line: :::directive: message``, so a teacher
    running ``lesson check`` before class finds the place at once.
    """

    def __init__(self, message: str, file: str = "", line: int = 0, directive: str = ""):
        self.message, self.file, self.line, self.directive = message, file, line, directive
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """``file:line: :::directive: message`` (parts that are unknown left out)."""
        place = self.file or "<lesson>"
        if self.line:
            place += f":{self.line}"
        where = f" :::{self.directive}:" if self.directive else ""
        return f"{place}:{where} {self.message}"


@dataclass
class Text:
    """The same words in English and Chinese; either may be empty (the other one is shown)."""

    en: str = ""
    zh: str = ""

    def get(self, language: str) -> str:
        """The text in ``language`` (``"zh"`` or anything else for English), else the other one."""
        first, second = (self.zh, self.en) if language.startswith("zh") else (self.en, self.zh)
        return first or second

    def __bool__(self) -> bool:
        return bool(self.en or self.zh)


@dataclass
class Action:
    """One thing a step does to the window, e.g. ``open example single-neuron.ffn``.

    ``verb`` is ``open``, ``show``, ``select``, ``set``, ``run``, ``sample``
    or ``walk``; ``args`` the words after it, already checked for shape by
    the parser; ``options`` the ``key=value`` words (``set``, ``walk``).
    """

    verb: str
    args: list[str]
    options: dict[str, str] = field(default_factory=dict)
    line: int = 0

    def text(self) -> str:
        """The action as written in the file (for messages)."""
        return " ".join([self.verb, *self.args, *(f"{k}={v}" for k, v in self.options.items())])


@dataclass
class Quantity:
    """What a predict question asks the engine for.

    ``kind``: ``loss`` (the sample's loss), ``trace`` (a trace step by the
    name on the left of its formula, e.g. δ₇), ``value`` (a parameter as
    it is now), ``update`` (a parameter after
    one optimiser step on the sample), ``after`` (a parameter after
    ``steps`` training steps on the data), ``training-loss`` (the training
    loss after ``steps`` steps). ``name`` is the step or parameter name.
    """

    kind: str
    name: str = ""
    steps: int = 0
    text: str = ""


@dataclass
class Goal:
    """A state to reach, ``metric op value`` (``loss < 0.05``), or ``diverges``."""

    metric: str
    op: str = ""
    value: float = 0.0
    text: str = ""


@dataclass
class Check:
    """The question a step ends with.

    predict: ``quantity`` (+ ``level``, ``tolerance``, relative when
    ``relative``; ``answer`` the key the author wrote, checked against the
    engine). reach: ``goal`` within ``steps`` training steps, reachable with
    the reference ``solution`` (training settings as ``key=value``).
    choice: ``options`` and the 0-based index of the right one in ``answer``.
    """

    kind: str
    question: Text
    line: int = 0
    hints: list[Text] = field(default_factory=list)
    explain: Text = field(default_factory=Text)
    quantity: Quantity | None = None
    level: str = "neuron"
    tolerance: float = 1e-3
    relative: bool = False
    answer: float | None = None
    goal: Goal | None = None
    steps: int = 0
    solution: dict[str, str] = field(default_factory=dict)
    options: list[Text] = field(default_factory=list)


@dataclass
class Step:
    """One screen of a lesson: its words, what it does to the window, and an optional check."""

    title: Text
    body: Text = field(default_factory=Text)
    actions: list[Action] = field(default_factory=list)
    check: Check | None = None
    line: int = 0


@dataclass
class Lesson:
    """A sequence of steps read from one file (``path`` resolves files it opens)."""

    title: Text
    steps: list[Step]
    intro: Text = field(default_factory=Text)
    path: Path | None = None

    @property
    def key(self) -> str:
        """A stable name for remembering progress: the file's stem."""
        return self.path.stem if self.path is not None else self.title.en
