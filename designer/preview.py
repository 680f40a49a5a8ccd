"""Small networks for running one panel on its own, for tests and for benchmarks: the one preview helper.

Every panel module can be run by itself (``python -m designer.panels.curves``,
``python -m designer.lab.race``); the tests and benchmarks need the same
small documents. They all come from here:

* :func:`preview_file` / :func:`preview_document`: a layered network with its
  dataset and training settings (the spiral by default: two tanh layers of 8,
  a logistic output with binary cross-entropy, Adam);
* :func:`canvas_document`: networks for the canvas alone ("xor", "big" with
  255,000 edges, "mixed" with a skip neuron and a wide layer, "empty"), laid out;
* :func:`run_with_training` and :func:`run_standalone`: a window around a panel.
"""
from __future__ import annotations

import sys
from typing import Any, Callable

from core.data.datasets import REAL_DATASETS, load_dataset
from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import init_parameters
from core.spec import Node, sequential
from core.trainer import TrainingSettings


def preview_file(dataset: str = "spiral", hidden: tuple[int, ...] = (8, 8), activation: str = "tanh",
                 lr: float = 0.01, batch_size: int = 10, seed: int = 0, *, n: int = 300, noise: float = 0.05,
                 data_seed: int | None = None, standardize: bool = True, epochs: int = 0) -> NetworkFile:
    """A small network for ``dataset`` (a toy set, "regression", "iris" or "digits"), untrained."""
    data_seed = seed if data_seed is None else data_seed
    if dataset in REAL_DATASETS:
        ds = load_dataset(dataset)
        spec = sequential([ds.n_features, *hidden, ds.n_classes], activation, "softmax", "ce")
        data = DataSource(name=dataset, standardize=standardize, test_fraction=0.2, seed=data_seed)
    else:
        output, loss = ("identity", "mse") if dataset == "regression" else ("logistic", "bce")
        spec = sequential([2, *hidden, 1], activation, output, loss)
        data = DataSource(name=dataset, n=n, noise=noise, standardize=standardize, seed=data_seed)
    training = TrainingSettings("adam", {"lr": lr}, batch_size, 0.0, seed, epochs)
    sizes = "-".join(str(spec.nodes[nid].units) for nid in spec.topological_order())
    return NetworkFile(spec, init_parameters(spec, seed), training, data, {}, None, None,
                       f"{dataset}: {sizes} {activation}")


def preview_document(dataset: str = "spiral", **kw: Any) -> Any:
    """A :class:`~designer.document.Document` holding :func:`preview_file`."""
    from designer.document import Document

    return Document(preview_file(dataset, **kw))


def lab_document(dataset: str = "spiral") -> Any:
    """What the lab panels run on by themselves: 2-8-8-1 tanh, batch 32, 100 epochs, 200 clean points."""
    return preview_document(dataset, batch_size=32, n=200, noise=0.0, data_seed=1, standardize=False, epochs=100)


def canvas_document(kind: str = "xor") -> Any:
    """A laid-out document for the canvas: "xor", "big" (500-500-10, 255,000 edges), "mixed" or "empty"."""
    from designer.canvas.geometry import auto_layout
    from designer.document import Document

    doc = Document()
    if kind == "empty":
        return doc
    if kind == "big":
        spec = sequential([500, 500, 10], activation="relu", output="softmax", loss="ce")
    elif kind == "mixed":
        spec = sequential([2, 6, 4, 1])
        spec.add_node(Node("n1", "neuron", 1, "relu", name="skip neuron", meta={"pos": [300.0, 190.0]}))
        spec.connect("in", "n1")
        spec.connect("n1", "out")
        spec.add_node(Node("wide", "layer", 48, "elu", name="wide layer", meta={"pos": [300.0, -330.0]}))
        spec.connect("in", "wide")
    else:
        spec = sequential([2, 4, 1])
    for nid, p in auto_layout(spec).items():
        spec.nodes[nid].meta["pos"] = list(p)
    doc.replace(NetworkFile(spec, {}))
    return doc


def run_standalone(make: Callable[[], Any], title: str, size: tuple[int, int] = (1100, 720)) -> int:
    """Show one panel in its own window (``python -m designer.lab.<module>``)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    w = make()
    w.setWindowTitle(title)
    w.resize(*size)
    w.show()
    return app.exec()


def run_with_training(make_panel: Callable[[Any], Any], title: str, dataset: str = "spiral",
                      play: bool = True, size: tuple[int, int] = (720, 480)) -> int:
    """Show ``make_panel(controller)`` beside the training controls and start training."""
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from designer.training.controller import TrainingController
    from designer.training.controls import TrainingControls

    app = QApplication.instance() or QApplication(sys.argv)
    doc = preview_document(dataset)
    ctl = TrainingController(doc)
    win = QWidget()
    win.setWindowTitle(title)
    lay = QHBoxLayout(win)
    lay.addWidget(TrainingControls(doc, ctl))
    lay.addWidget(make_panel(ctl), 1)
    win.resize(*size)
    win.show()
    app.aboutToQuit.connect(ctl.shutdown)
    if play:
        ctl.play()
    code = app.exec()
    win.close()
    win.deleteLater()  # widgets go before the application does
    app.processEvents()
    return code
