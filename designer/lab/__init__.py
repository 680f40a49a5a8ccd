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

The panels draw; :mod:`core.lab` computes. A panel's long computation
(a race, a surface, a warm-up, a short training run) is a generator in
:mod:`core.lab` run by :class:`designer.jobs.Job` off the GUI thread, with a
progress bar and Cancel (:class:`designer.jobs.JobBar`); controls are laid
out with :mod:`designer.forms`. Beside the panels: their views
(:mod:`.race_view`, :mod:`.surface_plot`, :mod:`.landscape_pages`,
:mod:`.vanishing_plots`, :mod:`.explorer_views`) and what they share
(:mod:`.common`, :mod:`.lanes`, :mod:`.spinbox`, :mod:`.notation`).
"""
from typing import Any, Callable


def lab_panels(document: Any) -> dict[str, Callable[[], Any]]:
    """The optimiser lab's panels, {dock title: factory}."""
    def race():
        from .race import RaceWidget
        return RaceWidget(document)

    def landscape():
        from .landscape import LandscapeWidget
        return LandscapeWidget(document)

    def internals():
        from .internals import InternalsWidget
        return InternalsWidget(document)

    def activations():
        from .activation_explorer import ActivationExplorer
        return ActivationExplorer()

    def vanishing():
        from .vanishing import VanishingWidget
        return VanishingWidget()

    return {"Optimiser race": race, "Loss landscape": landscape, "Optimiser internals": internals,
            "Activation explorer": activations, "Vanishing gradients": vanishing}
