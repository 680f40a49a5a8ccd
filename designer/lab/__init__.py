"""The optimiser lab: dockable panels for the lecture's optimisation chapter.

Each panel is a plain ``QWidget`` that the main window puts in a dock and
that also runs on its own (``python -m designer.lab.<module>``):

* :mod:`.race`: :class:`~designer.lab.race.RaceWidget`, optimisers racing
  from the same start on the same mini-batches;
* :mod:`.landscape`: :class:`~designer.lab.landscape.LandscapeWidget`, loss
  surfaces with each optimiser's path, the lecture's σ(w₂σ(w₁x)) built in;
* :mod:`.internals`: :class:`~designer.lab.internals.InternalsWidget`, an
  overlay of per-parameter optimiser state for the canvas's edges;
* :mod:`.activation_explorer`:
  :class:`~designer.lab.activation_explorer.ActivationExplorer`, every
  activation with its derivative and the lecture's table;
* :mod:`.vanishing`: :class:`~designer.lab.vanishing.VanishingWidget`,
  per-layer gradient norms of deep stacks.

The panels draw; :mod:`core.lab` computes.
"""
