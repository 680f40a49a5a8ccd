"""``backprop-studio train``: train a network file on a dataset, optionally writing the result.

The steps, each a function: the settings (the file's, overridden by the
options), the data (the file's or ``--data``), a trainer that resumes the
file's optimiser state and curves when the data is the same, the loop
(:mod:`.progress` draws it and catches Ctrl-C), then the result, the file
and the exit status.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import math
import os
import time
from pathlib import Path
from typing import Any

from .common import (PROG, CLIError, compile_network, load, nonneg_float, nonneg_int, pos_int, print_json,
                     print_text, save, say_error)
from .progress import Progress, ctrl_c

NAME = "train"


def add_parser(sub: Any) -> None:
    """Register ``train`` and its options with the sub-command parsers ``sub``."""
    train = sub.add_parser("train", help="train a network file on a dataset",
                           description="Train a network. Settings not given here come from the file; "
                                       "the trained network is written only with --out.",
                           epilog="Ctrl-C stops between two steps, still writes --out and exits with "
                                  "status 130. A diverged run keeps its last good weights and exits 1.")
    train.add_argument("net", metavar="NET.ffn", help="network file")
    train.add_argument("--data", metavar="NAME|PATH.csv",
                       help="xor, circles, gaussians, spiral, moons, regression, iris, digits, or a CSV "
                            "file (default: the file's dataset)")
    train.add_argument("--target", metavar="COLUMN", help="target column of a CSV file (default: the last)")
    train.add_argument("--epochs", type=nonneg_int, metavar="N", help="epochs to train")
    train.add_argument("--batch-size", type=pos_int, metavar="N", help="samples per mini-batch")
    train.add_argument("--optimizer", choices=("sgd", "momentum", "adagrad", "rmsprop", "adam"))
    train.add_argument("--lr", type=nonneg_float, metavar="X", help="learning rate ε")
    train.add_argument("--l2", type=nonneg_float, metavar="X", help="L2 weight decay λ")
    train.add_argument("--seed", type=nonneg_int, metavar="N", help="seed of the mini-batch shuffling")
    train.add_argument("--patience", type=nonneg_int, metavar="N",
                       help="early stopping: stop once the test loss has not improved for N epochs and keep "
                            "the best epoch's weights (0: off)")
    train.add_argument("--out", metavar="OUT.ffn", help="write the trained network here (may be NET.ffn)")
    train.add_argument("--json", action="store_true",
                       help="print one JSON object: loss, train_accuracy and test_accuracy (or r2), "
                            "epochs, steps_per_second ...")
    train.set_defaults(run=run)


def run(ns: argparse.Namespace) -> int:
    """Train for ``--epochs`` (or the file's), report, write ``--out``; 1 if diverged, 130 on Ctrl-C."""
    nf = load(ns.net)
    model = compile_network(nf, ns.net)
    settings = _settings(nf, ns, model)
    src, same_data, dataset, prepared = _data(nf, ns, model)
    trainer = _trainer(nf, model, prepared, settings, same_data)
    start_epoch, start_step = trainer.epoch, trainer.step_count
    interrupted, seconds = _loop(trainer, settings.epochs, dataset.task, quiet=ns.json)
    result = _result(trainer, dataset.task, start_epoch)
    steps = trainer.step_count - start_step
    result.update(steps=steps, seconds=seconds, steps_per_second=steps / seconds if seconds > 0 else None,
                  data=src.label, train_samples=len(prepared.train), test_samples=len(prepared.test),
                  task=dataset.task, interrupted=interrupted,
                  diverged=None if trainer.diverged is None else str(trainer.diverged),
                  stopped_early=None if trainer.stopped is None else str(trainer.stopped),
                  best_epoch=None if trainer.stopped is None else trainer.stopped.best_epoch, out=ns.out)
    if ns.out:
        _save_trained(ns.out, nf, src, model, trainer)
    return _report(ns, result, trainer, interrupted)


def _settings(nf, ns: argparse.Namespace, model):
    """The file's training settings with the options given on the command line, checked."""
    from ..optim import make_optimizer

    settings = copy.deepcopy(nf.training)
    if ns.optimizer and ns.optimizer != settings.optimizer:
        settings.optimizer, settings.hyper = ns.optimizer, {}
    if ns.lr is not None:
        settings.hyper["lr"] = ns.lr
    for field in ("batch_size", "l2", "seed", "epochs", "patience"):
        if getattr(ns, field) is not None:
            setattr(settings, field, getattr(ns, field))
    try:
        make_optimizer(settings.optimizer, [model.theta.copy()], [model.grad.copy()], **settings.hyper)
    except ValueError as e:
        raise CLIError(str(e)) from None
    return settings


def _data(nf, ns: argparse.Namespace, model) -> tuple[Any, bool, Any, Any]:
    """(source, whether it is the file's own, dataset, prepared split), or a one-line reason why not."""
    from ..data.dataset import DataError

    try:
        base = Path(ns.net).resolve().parent
        src, same_data = _source(nf, ns, base)
        dataset = src.load(base)
        if dataset.n_features != model.n_inputs:
            raise CLIError(f"the network has {model.n_inputs} input unit(s) but the {src.label} data has "
                           f"{dataset.n_features} feature(s)")
        prepared = src.prepare(model.n_outputs, base, dataset=dataset)
    except DataError as e:
        raise CLIError(str(e)) from None
    except OSError as e:
        raise CLIError(f"cannot read the data: {e.strerror or e}") from None
    except MemoryError:
        raise CLIError("the data is too large to load into memory") from None
    return src, same_data, dataset, prepared


def _source(nf, ns: argparse.Namespace, base: Path) -> tuple[Any, bool]:
    """The data to train on, and whether it is the file's own (then its curves go on)."""
    from ..data.source import DataSource

    old = nf.data
    if old is not None and old.name == "csv" and old.path:  # a file's CSV path is relative to it
        old = copy.deepcopy(old)
        old.path = str(_resolve(old.path, base))
    if ns.data:
        src = DataSource.from_argument(ns.data, ns.target)
        if src.name == "csv":  # a typed path is relative to the working folder
            src.path = str(Path(src.path).resolve())
        if old is not None and old.points is None and old.name == src.name \
                and (src.name != "csv" or old.path == src.path) and ns.target in (None, old.target):
            return old, True
        return src, False
    if old is not None:
        src = copy.deepcopy(old)
        if ns.target:
            src.target = ns.target
        return src, True
    raise CLIError(f"{ns.net} names no dataset; choose one with --data (xor, circles, gaussians, "
                   "spiral, moons, regression, iris, digits or a .csv file)")


def _trainer(nf, model, prepared, settings, same_data: bool):
    """A trainer that resumes the file's optimiser state, and its curves when the data is the same."""
    from ..trainer import Trainer

    test = prepared.test if len(prepared.test) else None
    trainer = Trainer(model, prepared.train, test, settings)
    state = nf.optimizer_state
    if state is not None and state.get("name") == settings.optimizer:
        with contextlib.suppress(ValueError):  # a state that does not fit is simply not resumed
            trainer.optimizer.load_state_dict(state)
            trainer.optimizer.hyper.update(settings.hyper)
    if same_data and nf.history is not None and nf.history.grad_norm_keys == trainer.history.grad_norm_keys:
        trainer.history = nf.history  # the curves go on where they stopped
        trainer.epoch = nf.history.epochs[-1].epoch if nf.history.epochs else 0
        trainer.step_count = len(nf.history.step_loss)
    return trainer


def _loop(trainer, epochs: int, task: str, quiet: bool) -> tuple[bool, float]:
    """Train epoch by epoch until done, diverged, stopped early or Ctrl-C: (interrupted, seconds)."""
    stop = {"asked": False}
    progress = Progress(epochs, task, quiet=quiet)
    t0 = time.perf_counter()
    with ctrl_c(stop):
        target = trainer.epoch + epochs
        while (trainer.epoch < target and trainer.diverged is None and trainer.stopped is None
               and not stop["asked"]):
            trainer.run(epochs=1, should_stop=lambda: stop["asked"])
            progress.update(trainer)
    seconds = time.perf_counter() - t0
    progress.close()
    return stop["asked"], seconds


def _result(trainer, task: str, start_epoch: int) -> dict[str, Any]:
    """The scores after training: losses, then accuracies or R², then the epochs."""
    train_loss, train_metric = trainer.evaluate(trainer.train)
    test_loss, test_metric = trainer.evaluate(trainer.test) if trainer.test is not None else (math.nan, math.nan)
    result: dict[str, Any] = {"loss": train_loss, "test_loss": test_loss}
    if task == "classification":
        result.update(train_accuracy=train_metric, test_accuracy=test_metric)
    else:
        result.update(r2=test_metric if trainer.test is not None else train_metric,
                      train_r2=train_metric, test_r2=test_metric)
    result.update(epochs=trainer.epoch - start_epoch, total_epochs=trainer.epoch)
    return result


def _save_trained(out: str, nf, src, model, trainer) -> None:
    """Write the trained network, its settings, optimiser state and curves to ``out``."""
    from ..files import NetworkFile

    saved = src
    if src.name == "csv" and src.path:  # stored relative to the new file, so the two can move together
        saved = copy.deepcopy(src)
        saved.path = _relative(Path(src.path), Path(out).resolve().parent)
    save(out, NetworkFile(nf.spec, model.export_parameters(), trainer.settings, saved, nf.view,
                          trainer.optimizer.state_dict(), trainer.history, nf.description))


def _report(ns: argparse.Namespace, result: dict[str, Any], trainer, interrupted: bool) -> int:
    """Print the result (JSON or a summary) and return the exit status: 0, 1 diverged, 130 Ctrl-C."""
    if ns.json:
        print_json(result)
    else:
        print_text(_summary(result))
        if ns.out:
            print(f"saved {ns.out}")
        elif not interrupted:
            print("(not saved: add --out OUT.ffn to keep the trained network)")
    if trainer.diverged is not None:
        say_error(f"{PROG} train: {trainer.diverged}")
        return 1
    if interrupted:
        say_error(f"{PROG} train: stopped by Ctrl-C after {result['epochs']} epoch(s)"
                  + (f"; saved {ns.out}" if ns.out else ""))
        return 130
    return 0


def _resolve(path: str, base: Path) -> Path:
    """A data path stored in a file: relative to the file's folder, else as it is."""
    p = Path(path)
    if not p.is_absolute() and (base / p).exists():
        return (base / p).resolve()
    return p.resolve()


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` with forward slashes, or absolute (another drive)."""
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:
        return str(path)


def _summary(r: dict[str, Any]) -> str:
    """The result in one line (two when training stopped early)."""
    def f(v: Any, digits: int = 4) -> str:
        return "n/a" if v is None or (isinstance(v, float) and not math.isfinite(v)) else f"{v:.{digits}f}"

    if r["task"] == "classification":
        scores = f"train accuracy {f(r['train_accuracy'], 3)}, test accuracy {f(r['test_accuracy'], 3)}"
    else:
        scores = f"train R² {f(r['train_r2'], 3)}, test R² {f(r['test_r2'], 3)}"
    speed = f"{r['steps_per_second']:,.0f} steps/s" if r["steps_per_second"] else "no steps"
    text = (f"trained {r['epochs']} epoch(s), {r['steps']} steps in {r['seconds']:.2f} s ({speed}) "
            f"on {r['data']}: loss {f(r['loss'])}, {scores}")
    return text + (f"\n{r['stopped_early']}" if r.get("stopped_early") else "")
