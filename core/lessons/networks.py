"""The files the shipped lessons open beside them, built from code like the examples.

``resources/lessons/03-approximation.ffn``: one hidden layer of 2 tanh units
and a linear output, F(x) = Σ vᵢ tanh(wᵢx + bᵢ) + c, trained on
``03-sin2x.csv`` (y = sin 2x at 61 points of −3…3, two periods): too few
units to follow it, so lesson 3 asks the student to add some. Run
``python -m core.lessons.networks`` to write them again; a test checks the
shipped files are these.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from ..data.source import DataSource
from ..examples import COLUMN
from ..files import NetworkFile, save_network
from ..parameters import init_parameters
from ..spec import sequential
from ..trainer import TrainingSettings

__all__ = ["APPROXIMATION", "SINE", "approximation", "sine_csv", "write_networks"]

APPROXIMATION = "03-approximation.ffn"
SINE = "03-sin2x.csv"


def sine_csv() -> str:
    """The target: sin 2x at x = −3, −2.9, …, 3, as CSV text with the header ``x,y``."""
    xs = np.linspace(-3.0, 3.0, 61)
    return "\n".join(["x,y", *(f"{x:.2f},{np.sin(2 * x):.6f}" for x in xs)]) + "\n"


def approximation() -> NetworkFile:
    """1-2-1: two tanh units and a linear output, squared error, Adam, on the CSV beside it."""
    spec = sequential([1, 2, 1], "tanh", "identity", "mse", "xavier_uniform")
    for k, node in enumerate(spec.nodes.values()):
        node.meta["pos"] = [COLUMN * k, 0.0]
    return NetworkFile(spec, init_parameters(spec, 0),
                       TrainingSettings("adam", {"lr": 0.03}, batch_size=8, seed=0, epochs=300),
                       DataSource("csv", path=SINE, target="y", test_fraction=0.0))


def write_networks(folder: Path | None = None) -> list[Path]:
    """Write the lessons' files into ``folder`` (default: ``resources/lessons`` of this checkout)."""
    folder = Path(folder) if folder is not None else Path(__file__).resolve().parents[2] / "resources" / "lessons"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SINE).write_text(sine_csv(), encoding="utf-8")
    save_network(folder / APPROXIMATION, approximation())
    return [folder / SINE, folder / APPROXIMATION]


if __name__ == "__main__":
    for written in write_networks(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
