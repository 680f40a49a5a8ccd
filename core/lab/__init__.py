"""The optimisation chapter as computations: races, landscapes, deep stacks.

Everything the designer's optimiser lab and activation explorer draw is
computed here, headless and tested, one module per panel:

* :mod:`.race`: :class:`OptimizerRace` runs several optimisers from the
  same initial weights on the same mini-batches, side by side, one step
  each in turn; :func:`run_race` steps it as a generator;
* :mod:`.landscape`: :func:`landscape` evaluates the loss on a grid around
  the current point, along two chosen parameters or two random directions
  (:func:`landscape_rows` row by row), and :func:`project_path` puts a
  run's trajectory on that plane;
* :mod:`.lecture`: :func:`lecture_network` is the lecture's
  y = σ(w₂ σ(w₁ x)), whose loss surface is non-convex under squared error
  and under cross-entropy, and :func:`lecture_data` its training data;
* :mod:`.surfaces`: what the landscape panel shows (surfaces with each
  optimiser's path), as generators;
* :mod:`.internals`: :func:`optimizer_internals` gives each parameter's
  gradient, momentum velocity, Adam ŝ and r̂, effective step and learning
  rate, for colouring edges; :func:`warm_up` trains a copy first;
* :mod:`.vanishing`: :func:`deep_stack` and :func:`gradient_norms` show
  vanishing and exploding gradients: per-layer gradient norms of a deep
  network at initialisation; :func:`train_steps` trains it;
* :mod:`.saturation`: :func:`saturation_mask` and
  :func:`saturation_intervals` mark where an activation's derivative is small.

The long computations are generators yielding :class:`core.progress.Progress`,
so the designer runs them off the GUI thread with a progress bar and Cancel
(``designer.jobs``); :func:`core.progress.run_to_end` runs one headless.
"""
from .internals import INTERNAL_QUANTITIES, WarmedUp, optimizer_internals, training_state, warm_up
from .landscape import Landscape, direction_of, landscape, landscape_rows, project_path, random_directions
from .lecture import lecture_data, lecture_network
from .race import OptimizerRace, RaceFrame, RacePoint, RaceResult, Racer, run_race
from .saturation import saturation_intervals, saturation_mask
from .surfaces import Edge, SurfaceResult, lecture_surfaces, network_surface, race_steps
from .vanishing import compare_depth, deep_stack, gradient_norms, train_steps

__all__ = [
    "INTERNAL_QUANTITIES", "WarmedUp", "optimizer_internals", "training_state", "warm_up",
    "Landscape", "direction_of", "landscape", "landscape_rows", "project_path", "random_directions",
    "lecture_data", "lecture_network",
    "OptimizerRace", "RaceFrame", "RacePoint", "RaceResult", "Racer", "run_race",
    "saturation_intervals", "saturation_mask",
    "Edge", "SurfaceResult", "lecture_surfaces", "network_surface", "race_steps",
    "compare_depth", "deep_stack", "gradient_norms", "train_steps",
]
