"""The Backprop Studio designer: the Qt program, a view and controller over core.

The PySide6 work-around in :mod:`designer.pyside_compat` is applied first,
whatever module of the designer is imported, before any Qt call is made.
"""
from . import pyside_compat  # noqa: F401
