"""The confusion-matrix view of the Data-and-boundary panel: classification data with more than two inputs.

Rows are the true class, columns the predicted one, on the test set when
there is one; each cell shows its count, and the note says how many are right.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from core.snapshot import RunInfo, Snapshot

from ..common import BLUE, Table, image_item, sequential_map


class ConfusionView:
    """A k × k image of counts with a number in each cell."""

    mode = "confusion"

    def __init__(self, panel: Any):
        self.panel = panel
        self.cm_image = image_item()
        self.cm_image.setColorMap(sequential_map())
        self.texts: list[pg.TextItem] = []
        self.last: np.ndarray | None = None

    def build(self, info: RunInfo) -> None:
        """Axes labelled by class, the image, and an empty text per cell."""
        panel, p = self.panel, self.panel.plot
        self.texts, self.last = [], None
        title = (QCoreApplication.translate("BoundaryPanel", "{0}: confusion matrix on the test set") if info.n_test
                 else QCoreApplication.translate("BoundaryPanel", "{0}: confusion matrix on the training set"))
        panel.style(title.format(info.data_label), QCoreApplication.translate("BoundaryPanel", "true class"),
                    QCoreApplication.translate("BoundaryPanel", "predicted class"))
        p.getViewBox().invertY(True)
        p.addItem(self.cm_image)
        base = panel.palette().color(QPalette.ColorRole.Base)  # 0 cells blend in, light or dark theme
        self.cm_image.setColorMap(pg.ColorMap([0.0, 1.0], [base, QColor(*BLUE)]))
        k = max(info.n_classes, 1)
        ticks = [(i, info.class_names[i] if i < len(info.class_names) else str(i)) for i in range(k)]
        p.getAxis("bottom").setTicks([ticks])
        p.getAxis("left").setTicks([ticks])
        fg = panel.palette().text().color()
        for i in range(k):
            for j in range(k):
                t = pg.TextItem("", anchor=(0.5, 0.5), color=fg)
                t.setPos(j, i)
                p.addItem(t)
                self.texts.append(t)
        p.setXRange(-0.5, k - 0.5, padding=0.02)
        p.setYRange(-0.5, k - 0.5, padding=0.02)

    def fill_table(self, table: Table, snap: Snapshot) -> None:
        """The matrix: one row per true class, one column of counts per predicted class."""
        cm, info = self.last, snap.info
        if cm is None:
            return
        names = [info.class_names[i] if i < len(info.class_names) else str(i) for i in range(cm.shape[0])]
        table.add(QCoreApplication.translate("BoundaryPanel", "true class"), names)
        for j, name in enumerate(names):
            table.add(QCoreApplication.translate("BoundaryPanel", "predicted {0}").format(name), cm[:, j])

    def draw(self, snap: Snapshot) -> None:
        """The counts (skipped when unchanged: the matrix changes far less often than it is sent)."""
        cm = snap.confusion
        if cm is None or (self.last is not None and np.array_equal(cm, self.last)):
            return
        self.last = cm
        k = cm.shape[0]
        self.cm_image.setImage(cm.astype(float), levels=(0.0, max(float(cm.max()), 1.0)), autoLevels=False)
        self.cm_image.setRect(-0.5, -0.5, k, k)
        top = max(int(cm.max()), 1)
        for idx, t in enumerate(self.texts):
            i, j = divmod(idx, k)
            if i < k and j < k:
                v = int(cm[i, j])
                t.setText(str(v) if v else "")
                t.setColor((255, 255, 255) if v > 0.6 * top else self.panel.palette().text().color())
        total, right = int(cm.sum()), int(np.trace(cm))
        self.panel.note.setText(QCoreApplication.translate(
            "BoundaryPanel", "Rows: the true class, columns: the class the network predicts. {0} of {1} right ({2}); "
                             "off the diagonal: mistakes.").format(right, total, f"{right / max(total, 1):.1%}"))
