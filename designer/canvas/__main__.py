"""Look at the canvas on its own.

``python -m designer.canvas [--big|--mixed|--empty] [--values] [--dark] [--screenshot OUT.png]``.
"""
import sys

import numpy as np
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .view import CanvasView, example_document


def _main() -> None:
    from ..palette import Palette

    app = QApplication(sys.argv)
    if "--dark" in sys.argv:
        from .. import theme
        theme.apply_theme("dark", app)
    kind = "big" if "--big" in sys.argv else "mixed" if "--mixed" in sys.argv else \
        "empty" if "--empty" in sys.argv else "xor"
    doc = example_document(kind)
    w = QWidget()
    lay = QHBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    palette = Palette()
    view = CanvasView(doc)
    side = QVBoxLayout()
    side.addWidget(palette)
    lay.addLayout(side)
    lay.addWidget(view, 1)
    status = QLabel()
    side.addWidget(status)
    view.message.connect(status.setText)
    palette.node_requested.connect(view.add_from_template)
    w.resize(1200, 760)
    w.show()
    if "--values" in sys.argv:
        rng = np.random.default_rng(1)
        for nid, node in doc.spec.nodes.items():
            view.set_unit_values(nid, np.tanh(rng.normal(size=node.units)))
    view.fit()
    if "--screenshot" in sys.argv:
        app.processEvents()
        w.grab().save(sys.argv[sys.argv.index("--screenshot") + 1])
        return
    sys.exit(app.exec())



_main()
