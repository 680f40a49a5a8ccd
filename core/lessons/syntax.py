"""The small languages inside a lesson's directives: actions, quantities, goals, settings.

Each parser takes the words a teacher wrote on one line and returns the
model's data or raises ``ValueError`` with a sentence saying what was
expected; :mod:`core.lessons.parser` adds the file, line and directive.
Parsing everything up front means a typo is found by ``lesson check`` (and
on opening the lesson), not in the middle of a class.
"""
from __future__ import annotations

import math
import re

from .model import Action, Goal, Quantity

__all__ = ["GOAL_METRICS", "LEVELS", "SETTING_KEYS", "VERBS", "parse_action", "parse_goal", "parse_number",
           "parse_quantity", "parse_settings"]

#: What a ``:::do`` line may start with, and the shape of the rest.
VERBS = {
    "open": "open example NAME.ffn | open file PATH.ffn",
    "show": "show panel TITLE",
    "select": "select node NAME | select edge CONNECTION I J",
    "set": "set optimizer=sgd lr=0.1 batch=1 l2=0 seed=0 (any of them)",
    "run": "run N steps",
    "sample": "sample X1, X2, ... -> Y1, Y2, ... | sample row N",
    "walk": "walk [level=neuron|op|scalar] [at=N]",
}
#: Trace zoom levels a question or a walk may name (core.trace's).
LEVELS = ("neuron", "op", "scalar")
#: Training settings ``set`` and a reference solution may change; other keys are optimiser hyper-parameters.
SETTING_KEYS = ("optimizer", "batch", "l2", "seed")
#: What a reach goal may measure.
GOAL_METRICS = ("loss", "test loss", "accuracy", "test accuracy")

_AFTER = re.compile(r"^(?P<name>.+?)\s+after\s+(?P<n>\d+)\s+steps?$")
_GOAL = re.compile(r"^(?P<metric>[a-z ]+?)\s*(?P<op><=|>=|<|>)\s*(?P<value>\S+)$")
_MAX_STEPS = 1_000_000


def parse_number(text: str, what: str = "a number") -> float:
    """A finite float, or ``ValueError`` naming ``what`` was expected."""
    try:
        value = float(text.strip().replace("−", "-"))
    except ValueError:
        raise ValueError(f"expected {what}, got {text.strip()!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"expected {what}, got {text.strip()!r}")
    return value


def parse_steps(text: str) -> int:
    """``N`` or ``N steps``: a positive step count, bounded so a check ends."""
    words = text.split()
    if not words or len(words) > 2 or (len(words) == 2 and words[1] not in ("step", "steps")) \
            or not words[0].isdigit():
        raise ValueError(f"expected a number of steps such as '200 steps', got {text.strip()!r}")
    n = int(words[0])
    if not 0 < n <= _MAX_STEPS:
        raise ValueError(f"a number of steps from 1 to {_MAX_STEPS:,}, got {n}")
    return n


def parse_settings(words: list[str], numbers: bool = True) -> dict[str, str]:
    """``key=value`` words into a dict; with ``numbers``, values other than ``optimizer`` must be numbers."""
    out: dict[str, str] = {}
    for word in words:
        key, eq, value = word.partition("=")
        if not eq or not key or not value:
            raise ValueError(f"expected key=value, got {word!r}")
        if numbers and key != "optimizer":
            parse_number(value, f"a number for {key}")
        out[key] = value
    return out


def _floats(text: str) -> list[str]:
    values = [v for v in re.split(r"[,\s]+", text.strip()) if v]
    for v in values:
        parse_number(v)
    return values


def parse_action(text: str, line: int = 0) -> Action:
    """One ``:::do`` line as an :class:`Action`; ``ValueError`` if its shape is wrong."""
    verb, _, rest = text.strip().partition(" ")
    words = rest.split()
    if verb not in VERBS:
        raise ValueError(f"unknown action {verb!r}; one of: {', '.join(VERBS)}")
    ok = {
        "open": len(words) == 2 and words[0] in ("example", "file") and words[1].endswith(".ffn"),
        "show": len(words) >= 2 and words[0] == "panel",
        "select": (len(words) == 2 and words[0] == "node")
        or (len(words) == 4 and words[0] == "edge" and words[2].isdigit() and words[3].isdigit()),
        "set": bool(words),
        "run": len(words) in (1, 2),
        "sample": True,
        "walk": True,
    }[verb]
    if not ok:
        raise ValueError(f"expected '{VERBS[verb]}', got {text.strip()!r}")
    if verb == "run":
        return Action(verb, [str(parse_steps(rest))], line=line)
    if verb == "sample" and words[:1] == ["row"]:
        if len(words) != 2 or not words[1].isdigit():
            raise ValueError(f"expected 'sample row N' (a row of the training data, from 0), got {text.strip()!r}")
        return Action(verb, words, line=line)
    if verb == "sample":
        x, arrow, y = rest.partition("->")
        if not _floats(x):
            raise ValueError(f"expected '{VERBS[verb]}', got {text.strip()!r}")
        return Action(verb, [" ".join(_floats(x)), " ".join(_floats(y)) if arrow else ""], line=line)
    if verb in ("set", "walk"):
        options = parse_settings(words, numbers=verb == "set")
        _check_walk(verb, options)
        return Action(verb, [], options, line=line)
    if verb == "show":
        return Action(verb, ["panel", " ".join(words[1:])], line=line)
    return Action(verb, words, line=line)


def _check_walk(verb: str, options: dict[str, str]) -> None:
    if verb != "walk":
        return
    unknown = set(options) - {"level", "at"}
    if unknown:
        raise ValueError(f"walk takes level= and at=, not {', '.join(sorted(unknown))}")
    level = options.get("level", "neuron")
    if level not in LEVELS:
        raise ValueError(f"walk level={level}: one of {', '.join(LEVELS)}")
    if "at" in options and not options["at"].isdigit():
        raise ValueError(f"walk at={options['at']}: a step number from 0")


def parse_quantity(text: str) -> Quantity:
    """What a predict question asks for (see :class:`Quantity`)."""
    t = " ".join(text.split())
    after = _AFTER.match(t)
    if t == "loss":
        return Quantity("loss", text=t)
    if after:
        n = parse_steps(after["n"])
        if after["name"] == "training loss":
            return Quantity("training-loss", steps=n, text=t)
        return Quantity("after", after["name"], n, text=t)
    verb, _, name = t.partition(" ")
    if verb in ("trace", "update", "value") and name:
        return Quantity(verb, name, text=t)
    raise ValueError("expected 'loss', 'trace NAME' (δ₇, ∂L/∂w₄₇), 'value NAME' (a weight now), 'update NAME' "
                     "(w₄₇ after one step on the sample), 'NAME after N steps' or 'training loss after N steps', "
                     f"got {t!r}")


def parse_goal(text: str) -> Goal:
    """``loss < 0.05``, ``test accuracy >= 0.9`` or ``diverges``."""
    t = " ".join(text.split())
    if t == "diverges":
        return Goal("diverges", text=t)
    m = _GOAL.match(t)
    if not m or m["metric"] not in GOAL_METRICS:
        raise ValueError(f"expected 'METRIC < VALUE' with METRIC one of {', '.join(GOAL_METRICS)}, "
                         f"or 'diverges', got {t!r}")
    return Goal(m["metric"], m["op"], parse_number(m["value"]), text=t)
