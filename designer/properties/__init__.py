"""The properties panel (:class:`PropertiesPanel`): one page per kind of selection on the canvas."""
from .common import INIT_NAMES, KIND_TITLES, LOSS_NAMES, PARAM_LABELS
from .panel import PropertiesPanel

__all__ = ["INIT_NAMES", "KIND_TITLES", "LOSS_NAMES", "PARAM_LABELS", "PropertiesPanel"]
