"""Designer tests: guard against PySide6's None reference-count bug first.

See :mod:`designer.pyside_compat`: without it, a long GUI test aborts the
interpreter on Python < 3.12.
"""
import designer.pyside_compat  # noqa: F401


def pytest_sessionfinish(session, exitstatus):
    """Hand back clipboard data set from Python (see designer.canvas.clipboard.release_clipboard)."""
    from designer.canvas.clipboard import release_clipboard

    release_clipboard()
