"""Text from files made safe to print.

A network file is untrusted: a node name or a description can hold ESC,
BEL or CR, which a terminal would obey (move the cursor, retitle the
window, hide the rest of the line). Everything the command line prints
from a file, and every value an error message shows, goes through
:func:`printable` first.

The trace's captions are :class:`Message` objects: English when printed,
translatable where the designer shows them, with core still free of Qt.
"""
from __future__ import annotations

import unicodedata

__all__ = ["Message", "QT_TRANSLATE_NOOP", "printable"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e", "\x07": "\\a", "\x08": "\\b"}


def _escape(ch: str) -> str:
    """One character as it prints: control and format characters (bidi overrides) escaped."""
    if ch in _NAMED:
        return _NAMED[ch]
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return ch


def printable(text: object, limit: int | None = None) -> str:
    r"""``text`` with control characters escaped, cut to about ``limit`` characters.

    Plain text (letters of any script, Greek formulas, arrows) is left
    alone; only what a terminal would interpret is escaped, as ``\e``,
    ``\x07``, ``\u202e``. A cut string ends with ``…``.
    """
    s = str(text)
    if limit is not None and len(s) > limit:
        s = s[:limit]
        cut = True
    else:
        cut = False
    if s.isprintable() and not cut:
        return s
    out = "".join(_escape(ch) for ch in s)
    if limit is not None and len(out) > limit:
        out, cut = out[:limit], True
    return out + ("…" if cut else "")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for the designer's translators and return it unchanged.

    ``pyside6-lupdate`` collects calls by this name from core's sources too
    (see ``designer/i18n.py``), so a string core makes, such as an example's
    description, is translated where the designer shows it, while core
    itself stays free of Qt.
    """
    return text



class Message:
    """A sentence core writes for a person, kept as its English template and arguments.

    Core is Qt-free, yet the trace's captions must read in the student's
    language. So a caption is built as ``Message(QT_TRANSLATE_NOOP("Trace",
    "net input of {0}"), "4")``: ``str()`` gives the English (what the command
    line prints and the tests pin), and the designer translates the template
    (``designer.i18n.translate_message``), then fills in the arguments,
    translating those that are Messages themselves. ``context`` is the
    translation context the template was marked in.
    """

    __slots__ = ("template", "args", "context")

    def __init__(self, template: str, *args: object, context: str = "Trace"):
        self.template, self.args, self.context = template, args, context

    def __str__(self) -> str:
        return self.template.format(*(str(a) for a in self.args)) if self.args else self.template

    def __repr__(self) -> str:
        return f"Message({self.template!r}{''.join(', ' + repr(a) for a in self.args)}, context={self.context!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, self.args, self.context) == (other.template, other.args, other.context)

    def __hash__(self) -> int:
        return hash((self.template, self.args, self.context))

    def __bool__(self) -> bool:
        return bool(self.template)
