"""Training panels (pyqtgraph), each a QWidget for a dock.

Each has ``bind(controller)`` and follows the controller's snapshots:
:class:`~.curves.CurvesPanel`, :class:`~.activations.ActivationsPanel`,
:class:`~.weights.WeightsPanel`, :class:`~.gradients.GradientsPanel`,
:class:`~.boundary.BoundaryPanel`. :func:`make_panels` builds them all.
(The divergence banner belongs to the training dock: :mod:`designer.training.divergence`.)
"""
from __future__ import annotations

from typing import Any


def make_panels(controller: Any) -> dict[str, Any]:
    """Every training panel, bound to ``controller``: {dock title: widget}."""
    from .activations import ActivationsPanel
    from .boundary import BoundaryPanel
    from .curves import CurvesPanel
    from .gradients import GradientsPanel
    from .weights import WeightsPanel

    return {
        "Curves": CurvesPanel().bind(controller),
        "Data and boundary": BoundaryPanel().bind(controller),
        "Activations": ActivationsPanel().bind(controller),
        "Weights": WeightsPanel().bind(controller),
        "Gradients": GradientsPanel().bind(controller),
    }
