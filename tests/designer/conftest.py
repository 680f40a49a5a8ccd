"""Designer tests: guard against PySide6's None reference-count bug first.

See :mod:`designer.pyside_compat`: without it, a long GUI test aborts the
interpreter on Python < 3.12.
"""
import designer.pyside_compat  # noqa: F401

import pytest


@pytest.fixture
def make_canvas(qtbot):
    """A shown canvas over a document: the empty one at 100 % and centred on the origin, or an
    example's (``make_canvas("xor")``), fitted to the window."""
    from designer.canvas import CanvasView
    from designer.canvas.view import example_document
    from designer.document import Document

    def make(example: str | None = None, size: tuple[int, int] = (1000, 700)) -> CanvasView:
        v = CanvasView(example_document(example) if example else Document())
        qtbot.addWidget(v)
        v.resize(*size)
        v.show()
        qtbot.waitExposed(v)
        if example:
            v.fit()
        else:
            v.resetTransform()
            v.centerOn(0, 0)
        return v

    return make


def pytest_sessionfinish(session, exitstatus):
    """Hand back clipboard data set from Python (see designer.canvas.clipboard.release_clipboard)."""
    from designer.canvas.clipboard import release_clipboard

    release_clipboard()
