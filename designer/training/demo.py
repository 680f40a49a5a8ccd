"""A demo document for running the training widgets on their own (``python -m designer.panels.curves``).

The spiral: two inputs, two tanh layers of 8, a logistic output with binary
cross-entropy, standardised inputs, Adam. Every panel's ``__main__`` and the
benchmark start from it.
"""
from __future__ import annotations

from typing import Any, Callable

from core.data.source import DataSource
from core.files import NetworkFile
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import TrainingSettings


def demo_file(dataset: str = "spiral", hidden: tuple[int, ...] = (8, 8), activation: str = "tanh",
              lr: float = 0.01, batch_size: int = 10, seed: int = 0) -> NetworkFile:
    """A small network for ``dataset`` (a toy set, "iris" or "digits")."""
    from core.data.datasets import REAL_DATASETS, load_dataset

    if dataset in REAL_DATASETS:
        ds = load_dataset(dataset)
        n_in, n_out = ds.n_features, ds.n_classes
        spec = sequential([n_in, *hidden, n_out], activation, "softmax", "ce")
        data = DataSource(name=dataset, standardize=True, test_fraction=0.2, seed=seed)
    elif dataset == "regression":
        spec = sequential([2, *hidden, 1], activation, "identity", "mse")
        data = DataSource(name=dataset, n=300, noise=0.05, standardize=True, seed=seed)
    else:
        spec = sequential([2, *hidden, 1], activation, "logistic", "bce")
        data = DataSource(name=dataset, n=300, noise=0.05, standardize=True, seed=seed)
    training = TrainingSettings("adam", {"lr": lr}, batch_size, 0.0, seed, 0)
    return NetworkFile(spec, init_parameters(spec, seed), training, data, {}, None, None,
                       f"{dataset} demo")


def demo_document(dataset: str = "spiral", **kw: Any):
    """A :class:`~designer.document.Document` holding :func:`demo_file`."""
    from designer.document import Document

    return Document(demo_file(dataset, **kw))


def run_demo(make_panel: Callable[[Any], Any], title: str, dataset: str = "spiral",
             play: bool = True, size: tuple[int, int] = (720, 480)) -> int:
    """Show ``make_panel(controller)`` beside the training controls and start training."""
    import sys

    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from .controller import TrainingController
    from .controls import TrainingControls

    app = QApplication.instance() or QApplication(sys.argv)
    doc = demo_document(dataset)
    ctl = TrainingController(doc)
    win = QWidget()
    win.setWindowTitle(title)
    lay = QHBoxLayout(win)
    controls = TrainingControls(doc, ctl)
    lay.addWidget(controls)
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
