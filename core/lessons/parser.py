"""Read a lesson file: Markdown headings, bilingual text blocks and a few directives.

The format (``docs/lessons.md``)::

    # Gradient descent | 梯度下降            the lesson's title, English | Chinese
    ## The loss | 损失                       a step
    :::en / :::zh ... :::                    the step's text (Markdown, Unicode maths)
    :::do ... :::                            actions, one a line
    :::predict / :::reach / :::choice ... :::  the step's check, key: value lines

Anything else outside a block is refused with its line number, so a
mistyped directive is never silently shown as text. A file larger than
:data:`MAX_BYTES` is refused before it is read.
"""
from __future__ import annotations

import os
from itertools import zip_longest
from pathlib import Path

from .model import CHECK_KINDS, Check, Lesson, LessonError, Step, Text
from .syntax import LEVELS, parse_action, parse_goal, parse_number, parse_quantity, parse_settings, parse_steps

__all__ = ["MAX_BYTES", "MAX_STEPS", "parse_lesson", "read_lesson"]

#: Largest lesson file read (a lesson is a few kilobytes of text).
MAX_BYTES = 256 * 1024
#: Most steps a lesson may have.
MAX_STEPS = 200
_BLOCKS = ("en", "zh", "do", *CHECK_KINDS)
#: Keys each check block accepts (``question``, ``hint``, ``option``, ``explain`` also as ``.en``/``.zh``).
KEYS = {
    "predict": ("question", "hint", "explain", "quantity", "level", "tolerance", "answer"),
    "reach": ("question", "hint", "explain", "goal", "within", "solution"),
    "choice": ("question", "hint", "explain", "option", "answer"),
}
_TEXT_KEYS = ("question", "hint", "explain", "option")


def read_lesson(path: str | os.PathLike) -> Lesson:
    """Read and parse the lesson at ``path``; :class:`LessonError` if it cannot be used."""
    p = Path(path)
    try:
        if not p.is_file():
            raise LessonError("not a lesson file (no such file, or a folder)", str(p))
        if p.stat().st_size > MAX_BYTES:
            raise LessonError(f"larger than {MAX_BYTES // 1024} KiB; a lesson is text", str(p))
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise LessonError(f"cannot read it: {e.strerror or e}", str(p)) from None
    if len(raw) > MAX_BYTES:
        raise LessonError(f"larger than {MAX_BYTES // 1024} KiB; a lesson is text", str(p))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise LessonError("not UTF-8 text", str(p), line) from None
    return parse_lesson(text, str(p), p.resolve())


def parse_lesson(text: str, name: str = "<lesson>", path: Path | None = None) -> Lesson:
    """Parse a lesson's text; ``name`` is the file named in errors, ``path`` kept for relative files."""
    parser = _Parser(name)
    for number, line in enumerate(text.splitlines(), start=1):
        parser.line(number, line)
    return parser.finish(path)


class _Parser:
    """Line by line: outside a block, headings; inside, the block's lines until ``:::``."""

    def __init__(self, name: str):
        self.name = name
        self.title: Text | None = None
        self.intro = Text()
        self.steps: list[Step] = []
        self.block: str | None = None
        self.block_line = 0
        self.lines: list[tuple[int, str]] = []

    def error(self, message: str, line: int, directive: str = "") -> LessonError:
        return LessonError(message, self.name, line, directive)

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self.block is not None:
            if stripped == ":::":
                self.close(number)
            else:
                self.lines.append((number, line.rstrip()))
        elif stripped.startswith(":::"):
            self.open(number, stripped[3:].strip())
        elif stripped.startswith("## "):
            self.step(number, stripped[3:])
        elif stripped.startswith("# "):
            if self.title is not None:
                raise self.error("a second lesson title ('# '); steps start with '## '", number)
            self.title = _both(stripped[2:])
        elif stripped and not (stripped.startswith("<!--") and stripped.endswith("-->")):
            raise self.error("text outside a block: put it inside :::en or :::zh ... :::", number)

    def step(self, number: int, heading: str) -> None:
        if self.title is None:
            raise self.error("a step before the lesson's title ('# English | 中文')", number)
        if len(self.steps) >= MAX_STEPS:
            raise self.error(f"more than {MAX_STEPS} steps", number)
        self.steps.append(Step(_both(heading), line=number))

    def open(self, number: int, name: str) -> None:
        if name not in _BLOCKS:
            raise self.error(f"unknown directive :::{name}; one of " + ", ".join(f":::{b}" for b in _BLOCKS),
                             number)
        if name not in ("en", "zh") and not self.steps:
            raise self.error("actions and checks belong to a step: start one with '## Title | 标题'",
                             number, name)
        if name in CHECK_KINDS and self.steps[-1].check is not None:
            raise self.error("a step has at most one check", number, name)
        self.block, self.block_line, self.lines = name, number, []

    def close(self, number: int) -> None:
        name, self.block = self.block, None
        assert name is not None
        if name in ("en", "zh"):
            words = "\n".join(text for _, text in self.lines).strip("\n")
            target = self.steps[-1].body if self.steps else self.intro
            if getattr(target, name):
                raise self.error(f"a second :::{name} block in this step", self.block_line, name)
            setattr(target, name, words)
        elif name == "do":
            for n, text in self.lines:
                if text.strip() and not text.strip().startswith("<!--"):
                    try:
                        self.steps[-1].actions.append(parse_action(text, n))
                    except ValueError as e:
                        raise self.error(str(e), n, name) from None
        else:
            self.steps[-1].check = _Check(self, name).build()

    def finish(self, path: Path | None) -> Lesson:
        if self.block is not None:
            raise self.error(f":::{self.block} is never closed with ':::'", self.block_line, self.block)
        if self.title is None:
            raise self.error("no title: a lesson starts with '# English title | 中文标题'", 1)
        if not self.steps:
            raise self.error("no steps: each starts with '## Title | 标题'", 1)
        return Lesson(self.title, self.steps, self.intro, path)


def _both(heading: str) -> Text:
    """``English | 中文`` into a :class:`Text` (one part: the same words in both)."""
    en, bar, zh = heading.partition(" | ")
    return Text(en.strip(), zh.strip() if bar else en.strip())


class _Check:
    """A check block's ``key: value`` lines into a :class:`Check`."""

    def __init__(self, parser: _Parser, kind: str):
        self.parser, self.kind = parser, kind
        self.values: dict[str, tuple[int, str]] = {}
        self.texts: dict[str, dict[str, list[str]]] = {k: {"en": [], "zh": []} for k in _TEXT_KEYS}
        for number, text in parser.lines:
            if text.strip() and not text.strip().startswith("<!--"):
                self.entry(number, text)

    def fail(self, message: str, number: int = 0) -> LessonError:
        return self.parser.error(message, number or self.parser.block_line, self.kind)

    def entry(self, number: int, text: str) -> None:
        key, colon, value = text.strip().partition(":")
        key, value = key.strip(), value.strip()
        base, _, lang = key.partition(".")
        if not colon or base not in KEYS[self.kind] or (lang and (lang not in ("en", "zh")
                                                                  or base not in _TEXT_KEYS)):
            raise self.fail(f"expected 'key: value' with key one of {', '.join(KEYS[self.kind])} "
                            f"(text keys also as key.en / key.zh), got {text.strip()!r}", number)
        if base in _TEXT_KEYS:
            for language in (lang,) if lang else ("en", "zh"):
                self.texts[base][language].append(value)
        elif base in self.values:
            raise self.fail(f"{base} given twice", number)
        else:
            self.values[base] = (number, value)

    def text_list(self, key: str) -> list[Text]:
        both = self.texts[key]
        return [Text(en or "", zh or "") for en, zh in zip_longest(both["en"], both["zh"])]

    def need(self, key: str) -> tuple[int, str]:
        if key not in self.values:
            raise self.fail(f"needs '{key}:'")
        return self.values[key]

    def build(self) -> Check:
        questions = self.text_list("question")
        if not questions:
            raise self.fail("needs 'question:' (or question.en: and question.zh:)")
        check = Check(self.kind, questions[0], self.parser.block_line, self.text_list("hint"),
                      (self.text_list("explain") or [Text()])[0])
        try:
            getattr(self, "_" + self.kind)(check)
        except ValueError as e:
            if isinstance(e, LessonError):
                raise
            raise self.fail(str(e), self._line) from None
        return check

    _line = 0

    def _value(self, key: str) -> str:
        self._line, value = self.need(key)
        return value

    def _predict(self, check: Check) -> None:
        check.quantity = parse_quantity(self._value("quantity"))
        if "level" in self.values:
            check.level = self._value("level")
            if check.level not in LEVELS:
                raise ValueError(f"level {check.level}: one of {', '.join(LEVELS)}")
        if "tolerance" in self.values:
            tol = self._value("tolerance")
            check.relative = tol.endswith("%")
            check.tolerance = parse_number(tol.rstrip("%"), "a tolerance such as 0.001 or 1%")
            check.tolerance /= 100 if check.relative else 1
            if check.tolerance <= 0:
                raise ValueError("the tolerance must be above 0")
        if "answer" in self.values:
            check.answer = parse_number(self._value("answer"), "the answer as a number")

    def _reach(self, check: Check) -> None:
        check.goal = parse_goal(self._value("goal"))
        check.steps = parse_steps(self._value("within"))
        if "solution" in self.values:
            check.solution = parse_settings(self._value("solution").split())

    def _choice(self, check: Check) -> None:
        check.options = self.text_list("option")
        if len(check.options) < 2:
            raise self.fail("needs at least two 'option:' lines")
        answer = self._value("answer")
        if not answer.isdigit() or not 1 <= int(answer) <= len(check.options):
            raise ValueError(f"answer: the number of the right option, 1 to {len(check.options)}")
        check.answer = int(answer) - 1
