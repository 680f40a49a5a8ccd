"""Work around a PySide6 reference-count bug that aborts the program on Python < 3.12.

PySide6 6.12 built for the stable ABI returns ``None`` from every void
method (and ``True``/``False`` from bool methods) (``QPointF.setX``, ``QPainter.drawLine``, ...) without taking a new
reference to it: on Python 3.12+ ``None`` is immortal (PEP 683) and nothing
happens, but on 3.10/3.11 each call drops ``None``'s count by one, and after
some thousand calls the interpreter aborts with "Fatal Python error:
none_dealloc". A canvas makes that many calls in a few frames.

:func:`guard` measures whether the installed binding has the bug and, only
then, gives ``None`` a reference count so large that it can never reach
zero, which is what Python 3.12 does for every program. It is idempotent and
does nothing where the bug is absent.
"""
from __future__ import annotations

import ctypes
import sys

_done = False


_SINGLETONS = (None, True, False)


def has_none_refcount_bug() -> bool:
    """Whether calling a void PySide6 method drops a reference to ``None``."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QPointF

    p = QPointF()
    before = sys.getrefcount(None)
    for _ in range(64):
        p.setX(0.0)
    return sys.getrefcount(None) < before - 32


def guard() -> None:
    """Make ``None`` effectively immortal if (and only if) the binding needs it."""
    global _done
    if _done:
        return
    _done = True
    if has_none_refcount_bug():
        # The same happens to True and False returned by bool methods.
        # ob_refcnt is the first field of every CPython object.
        for obj in _SINGLETONS:
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 48


guard()
