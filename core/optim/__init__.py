"""Optimisers from the lecture, updating NumPy parameter arrays in place.

The shape follows ``torch.optim`` (an optimiser holds references to the
parameter arrays and to their gradient arrays; ``step()`` reads the gradients
and moves the parameters) because that is the shape students meet next. The
arithmetic follows the lecture, with its symbols as hyper-parameter names:

=========  ==========================================================
``lr``     ε, the learning rate (every optimiser)
``alpha``  α, Momentum's coefficient:  v <- α v - ε g;  θ <- θ + v
``delta``  δ, small constant for numerical stability
``rho``    ρ, RMSProp's decay rate:  r <- ρ r + (1 - ρ) g²
``rho1``   ρ1, Adam's decay rate of the first moment s
``rho2``   ρ2, Adam's decay rate of the second moment r
=========  ==========================================================

Why the code looks the way it does:

* ``step()`` is the per-step hot path of training and allocates nothing.
  Every parameter gets one scratch buffer of its own dtype at construction,
  and every update is a short, fixed sequence of NumPy ufuncs writing with
  ``out=``. Scalar factors (the learning rate, Adam's two bias corrections)
  are folded into Python floats once per step, so they cost no array pass.
  Folding changes where rounding happens, never the mathematics; the
  docstring of each class shows the identity it uses.
* Gradients are read from the arrays given at construction, so whoever
  computes gradients must write them *into* those arrays (``g[...] = ...``,
  ``np.matmul(..., out=g)``), not rebind them.
* ``hyper`` is a live dict: the GUI may change ``opt.hyper["lr"]`` between two
  steps and the next step uses the new value. Assignments are validated
  (unknown keys and out-of-range values raise ``ValueError``) so a slider can
  never put the optimiser into a state that divides by zero.
* ``preview()`` runs the very same arithmetic on copies of the state, so what
  the GUI shows as "the next update" is bit for bit what ``step()`` does.
* ``state_dict()`` / ``load_state_dict()`` save and restore everything the
  trajectory depends on (hyper-parameters, t, per-parameter state), so a saved
  training run continues bit-identically.

The package, a module each: :mod:`.hyper` (the hyper-parameters' rules,
the validating dict, the lecture's symbols), :mod:`.base` (:class:`Optimizer`,
what every optimiser shares), :mod:`.optimizers` (SGD, Momentum, AdaGrad,
RMSProp, Adam, and :data:`OPTIMIZERS` / :func:`make_optimizer`).

This package is headless: it never imports Qt.
"""
from __future__ import annotations

from .base import Optimizer
from .hyper import SYMBOLS, format_hyper
from .optimizers import OPTIMIZERS, SGD, AdaGrad, Adam, Momentum, RMSProp, make_optimizer

__all__ = [
    "Optimizer",
    "SGD",
    "Momentum",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "OPTIMIZERS",
    "make_optimizer",
    "format_hyper",
    "SYMBOLS",
]
