"""``python -m core.cli``: the same as the ``backprop-studio`` command."""
from .entry import main

if __name__ == "__main__":  # importing this module (as the headless-import test does) must not run the program
    raise SystemExit(main())
