"""The example networks shipped in ``resources/examples/``, built from code.

The ``.ffn`` files are generated, not drawn by hand, so that every number in
them is written down here where a reader (and a test) can check it against
the lecture. Run ``python -m core.examples`` to write them again after
changing this module or the file format; commit the result.

* ``single-neuron.ffn``: the lecture's linear neuron y = wx + b, w = 0.8,
  b = 0.2, squared error (x = 1.5, y = 0.8 gives L = 0.18, dL/dw = 0.9,
  dL/db = 0.6);
* ``sigmoid-neuron.ffn``: one logistic neuron with w = 0, b = 0 (the
  computation-graph example: df/dw = 0.25 at x = 1);
* ``lecture-3-3-3.ffn``: 3 inputs, 3 logistic hidden units, 3 logistic
  outputs, squared error, units numbered 1-9 as in the lecture, with fixed
  weights that are easy to read;
* ``xor.ffn``, ``spiral.ffn``, ``digits.ffn``: networks with their dataset
  settings, ready to train.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from .data.source import DataSource
from .defaults import default_training
from .files import NetworkFile, save_network
from .parameters import init_parameters
from .spec import NetworkSpec, Node, sequential
from .text import QT_TRANSLATE_NOOP
from .trainer import TrainingSettings

#: Horizontal distance between columns on the canvas, in scene pixels.
COLUMN = 220.0

#: The lecture network's fixed weights, W[j, i] = w_ij from unit i to unit j
#: (rows: units 4, 5, 6 resp. 7, 8, 9; columns: units 1, 2, 3 resp. 4, 5, 6).
LECTURE_W_HIDDEN = [[0.2, -0.1, 0.4],
                    [0.5, 0.3, -0.2],
                    [-0.3, 0.6, 0.1]]
LECTURE_W_OUTPUT = [[0.3, -0.4, 0.2],
                    [0.1, 0.5, -0.3],
                    [-0.2, 0.2, 0.6]]
#: A sample to trace through it (the designer's stepper may start from it).
LECTURE_SAMPLE = {"input": [1.0, 0.5, -1.0], "target": [1.0, 0.0, 0.0]}


def _pos(column: int, row: float = 0.0) -> dict[str, list[float]]:
    return {"pos": [COLUMN * column, row]}


def single_neuron() -> NetworkFile:
    """Y = wx + b with the lecture's w = 0.8, b = 0.2 and L = ½(y − y_gt)²."""
    spec = NetworkSpec()
    spec.add_node(Node("x", "input", 1, name="x", bias=False, meta=_pos(0)))
    spec.add_node(Node("y", "output", 1, "identity", name="y", loss="mse", meta=_pos(1)))
    spec.connect("x", "y", "w")
    params = {"W:w": np.array([[0.8]]), "b:y": np.array([0.2])}
    return NetworkFile(
        spec, params, TrainingSettings("sgd", {"lr": 0.1}, batch_size=1, epochs=20),
        DataSource("lecture-linear", test_fraction=0.0),
        view={"sample": {"input": [1.5], "target": [0.8]}},
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "The lecture's linear neuron y = wx + b (w = 0.8, b = 0.2), squared error: x = 1.5, y "
            "= 0.8 gives L = 0.18, dL/dw = 0.9, dL/db = 0.6."))


def sigmoid_neuron() -> NetworkFile:
    """F = σ(wx + b) with w = 0, b = 0: the lecture's computation graph h1..h6."""
    spec = NetworkSpec()
    spec.add_node(Node("x", "input", 1, name="x", bias=False, meta=_pos(0)))
    spec.add_node(Node("f", "output", 1, "logistic", name="f", loss="mse", meta=_pos(1)))
    spec.connect("x", "f", "w")
    params = {"W:w": np.array([[0.0]]), "b:f": np.array([0.0])}
    return NetworkFile(
        spec, params, TrainingSettings("sgd", {"lr": 0.1}, batch_size=1, epochs=20),
        DataSource("lecture-sigmoid", test_fraction=0.0),
        view={"sample": {"input": [1.0]}},
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "One logistic neuron f = σ(wx + b) with w = 0, b = 0: the lecture's computation graph "
            "h1..h6, where df/dw = 0.25 at x = 1."))


def lecture_3_3_3() -> NetworkFile:
    """3-3-3 logistic network, squared error, no biases: units 1-9 as in the lecture."""
    spec = NetworkSpec()
    spec.add_node(Node("in", "input", 3, name="inputs 1-3", bias=False,
                       meta={**_pos(0), "unit_labels": ["1", "2", "3"]}))
    spec.add_node(Node("hidden", "layer", 3, "logistic", bias=False, name="hidden 4-6",
                       meta={**_pos(1), "unit_labels": ["4", "5", "6"]}))
    spec.add_node(Node("out", "output", 3, "logistic", bias=False, name="outputs 7-9", loss="mse",
                       meta={**_pos(2), "unit_labels": ["7", "8", "9"]}))
    spec.connect("in", "hidden", "c1")
    spec.connect("hidden", "out", "c2")
    params = {"W:c1": np.array(LECTURE_W_HIDDEN), "W:c2": np.array(LECTURE_W_OUTPUT)}
    return NetworkFile(
        spec, params, TrainingSettings("sgd", {"lr": 0.5}, batch_size=1, epochs=20),
        DataSource("lecture-3-3-3", test_fraction=0.0),
        view={"sample": LECTURE_SAMPLE},
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "The lecture's 3-3-3 network: inputs 1-3, logistic hidden units 4-6 and outputs 7-9, "
            "squared error; follow dL/dw47 and dL/dw14 step by step."))


def _layered(sizes: list[int], activation: str, output: str, loss: str, seed: int = 0,
             init: str = "xavier_uniform") -> tuple[NetworkSpec, dict[str, np.ndarray]]:
    spec = sequential(sizes, activation, output, loss, init)
    for k, node in enumerate(spec.nodes.values()):
        node.meta["pos"] = [COLUMN * k, 0.0]
    return spec, init_parameters(spec, seed)


def _with_stats(src: DataSource, n_outputs: int) -> DataSource:
    """The data source with its standardiser fitted, so the file carries the statistics."""
    if src.standardize:
        src.prepare(n_outputs)
    return src


def xor() -> NetworkFile:
    """The lecture's XOR: 2-4-1 tanh with a logistic output, the network a first lesson trains."""
    spec, params = _layered([2, 4, 1], "tanh", "logistic", "bce")
    return NetworkFile(
        spec, params, default_training(),  # what New starts with
        data=_with_stats(DataSource("xor", n=200, noise=0.05, seed=0), 1),
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "XOR: no straight line separates it, four tanh hidden units bend the boundary (2-4-1, "
            "binary cross-entropy)."))


def spiral() -> NetworkFile:
    """Two interleaved spirals: a 2-16-16-1 net, the toy that needs depth to separate."""
    spec, params = _layered([2, 16, 16, 1], "tanh", "logistic", "bce")
    return NetworkFile(
        spec, params, TrainingSettings("adam", {"lr": 0.01}, batch_size=16, seed=0, epochs=300),
        data=_with_stats(DataSource("spiral", n=400, noise=0.05, seed=0, standardize=True), 1),
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "Two interleaved spirals: the hardest toy set, learned by two tanh layers of 16 "
            "(2-16-16-1)."))


def digits() -> NetworkFile:
    """8×8 handwritten digits: 64-32-10 with softmax cross-entropy, real data at a small size."""
    spec, params = _layered([64, 32, 10], "tanh", "softmax", "ce")
    return NetworkFile(
        spec, params, TrainingSettings("adam", {"lr": 0.01}, batch_size=32, seed=0, epochs=20),
        data=_with_stats(DataSource("digits", standardize=True, test_fraction=0.2, seed=0), 10),
        description=QT_TRANSLATE_NOOP(
            "Examples",
            "Handwritten 8x8 digits, standardised: 64 inputs, 32 tanh units, 10 softmax outputs "
            "with cross-entropy; about 96% on the test set in a second."))


def build_examples() -> dict[str, NetworkFile]:
    """Every example by its file name, in the order a menu lists them."""
    return {
        "single-neuron.ffn": single_neuron(),
        "sigmoid-neuron.ffn": sigmoid_neuron(),
        "lecture-3-3-3.ffn": lecture_3_3_3(),
        "xor.ffn": xor(),
        "spiral.ffn": spiral(),
        "digits.ffn": digits(),
    }


def examples_folder() -> Path:
    """``resources/examples`` of this checkout."""
    return Path(__file__).resolve().parent.parent / "resources" / "examples"


def write_examples(folder: Path | None = None) -> list[Path]:
    """Write every example into ``folder`` (default: ``resources/examples``)."""
    folder = Path(folder) if folder is not None else examples_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, nf in build_examples().items():
        save_network(folder / name, nf)
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write the examples (into resources/examples, or the folder given), so they are rebuilt from code."""
    args = sys.argv[1:] if argv is None else argv
    for p in write_examples(Path(args[0]) if args else None):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
