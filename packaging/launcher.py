"""What the frozen bundle runs: the same entry point as the ``backprop-studio`` command.

PyInstaller needs a script, not a ``module:function`` entry point, so this
file stands in for the console script pip writes (``backprop_studio:main``, which
checks that no other package hides ``core`` or ``designer``: a bundle holds only its own).
``freeze_support`` lets a frozen program start worker processes
(multiprocessing's spawn start method re-runs this executable).
"""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from core.cli import main
    from designer.app import main as gui  # the bundle may lack the package metadata's entry points

    sys.exit(main(gui=gui))
