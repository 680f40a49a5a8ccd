"""The Data-and-boundary panel: the data and what the network makes of it, in one of four views."""
from .panel import BoundaryPanel

__all__ = ["BoundaryPanel"]
