"""``python -m core.cli``: the same as the ``backprop-studio`` command."""
from .entry import main

raise SystemExit(main())
