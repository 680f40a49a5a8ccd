"""Designer tests: guard against PySide6's None reference-count bug first.

See :mod:`designer.pyside_compat`: without it, a long GUI test aborts the
interpreter on Python < 3.12.
"""
import designer.pyside_compat  # noqa: F401
