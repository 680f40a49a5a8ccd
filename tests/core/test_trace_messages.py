"""The trace's captions as structured messages: English when printed, a template and arguments to translate.

The designer shows a step's caption in the person's language from
``TraceStep.message``; the command line and the golden digests read
``TraceStep.label``. These must say the same thing, at every zoom level.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from core.files import load_network
from core.model import Model
from core.optim import make_optimizer
from core.text import Message
from core.trace import LEVELS, trace_sample

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _lecture_trace(level: str):
    nf = load_network(EXAMPLES / "lecture-3-3-3.ffn")
    model = Model(nf.spec, nf.params, l2=nf.training.l2)
    opt = make_optimizer(nf.training.optimizer, [model.theta], [model.grad], **nf.training.hyper)
    return trace_sample(model, np.array([1.0, 0.5, -1.0]), np.array([1.0, 0.0, 0.0]), level, opt)


def test_message_prints_as_the_english_it_was_built_from():
    display = Message("Logistic (sigmoid)", context="Activations")
    m = Message("activation of {0}: {1}", "4", display)
    assert str(m) == "activation of 4: Logistic (sigmoid)"
    assert m == Message("activation of {0}: {1}", "4", display) and m != Message("activation of {0}: {1}", "5", display)
    assert str(Message("the loss op")) == "the loss op" and str(Message("{0} paths", 3)) == "3 paths"


def test_every_step_carries_its_caption_as_a_message_equal_to_its_label():
    for level in LEVELS:
        steps = _lecture_trace(level).steps
        assert all(isinstance(s.message, Message) and str(s.message) == s.label for s in steps), level
        assert all("message" not in s.to_dict() for s in steps)  # the JSON and the digests are as before


def test_the_hidden_delta_of_the_lecture_is_a_template_with_the_unit_and_the_edge_count():
    step = _lecture_trace("neuron").steps[28]  # step 29 of 58: δ₄
    assert step.symbol.startswith("δ₄ = ")
    assert step.label == "δ of 4: f'(z) times the sum over its 3 outgoing edges"
    assert step.message.template == "δ of {0}: f'(z) times the sum over its {1} outgoing edges"
    assert step.message.args == ("4", 3) and step.message.context == "Trace"
