"""``python -m designer.canvas [--big|--mixed|--empty] [--values] [--dark] [--screenshot OUT.png]``."""
from .view import _main

_main()
