"""``backprop-studio``: the designer, or a headless sub-command.

::

    backprop-studio [FILE.ffn] [--screenshot OUT.png] ...     open the designer
    backprop-studio new OUT.ffn --layers 2,8,8,1 [...]        make a network file
    backprop-studio train NET.ffn --data xor [...]            train it
    backprop-studio trace NET.ffn --input 1.5 --target 0.8    one sample, step by step
    backprop-studio info NET.ffn                              what a file holds

The sub-commands import no Qt (a test checks ``sys.modules``), so they run on
servers and in CI. Their conventions, the same for all of them:

* an error is one line on stderr and exit status 2, never a traceback;
* ``--json`` makes standard output a single line holding one JSON object;
* ``train`` draws a progress bar when stderr is a terminal and prints plain
  lines otherwise; Ctrl-C stops it between two steps, still writes ``--out``
  and exits with status 130; a diverged run exits with status 1.

Anything else (no arguments, a file, an option such as ``--screenshot``) is
handed to the designer, imported only then.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import json
import math
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

PROG = "backprop-studio"
COMMANDS = ("new", "train", "trace", "info")
TRACE_PHASES = ("forward", "loss", "backward", "update")


class CLIError(Exception):
    """A problem to report on one line (exit status 2)."""


class _UsageError(CLIError):
    """A command line argparse refused."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``prog: error: message (see prog --help)``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


# =========================================================================================
# entry point
# =========================================================================================

def main(argv: Sequence[str] | None = None, gui: Callable[[list[str]], int] | None = None) -> int:
    """Run ``backprop-studio`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    With no sub-command the window opens: ``gui``, or else the program
    registered under the ``backprop_studio.gui`` entry point (the designer
    registers itself in ``pyproject.toml``), so core never names it.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    if _is_for_designer(args):
        return _designer(args, gui)
    parser = _parser()
    try:
        ns = parser.parse_args(args)
    except _UsageError as e:
        _say_error(str(e))
        return 2
    except SystemExit as e:  # --help
        return int(e.code or 0)
    command = f"{PROG} {ns.command}"
    try:
        return int(ns.run(ns))
    except CLIError as e:
        _say_error(f"{command}: {e}")
    except KeyboardInterrupt:
        _say_error(f"{command}: interrupted")
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")
        return 0
    except Exception as e:  # a bug: still one line, never a traceback
        detail = " ".join(str(e).split())
        _say_error(f"{command}: unexpected error ({type(e).__name__}: {detail}); please report it")
    return 2


def _is_for_designer(args: list[str]) -> bool:
    """No sub-command: nothing at all, a file, or a designer option such as --screenshot."""
    if not args:
        return True
    first = args[0]
    if first in COMMANDS or first in ("-h", "--help"):
        return False
    return first.startswith("-") or first.lower().endswith(".ffn") or os.path.exists(first)


#: The entry-point group a graphical front end registers its ``main(argv)`` under.
GUI_GROUP = "backprop_studio.gui"


def _designer(args: list[str], gui: Callable[[list[str]], int] | None = None) -> int:
    """Hand over to the window: ``gui`` or the one registered under :data:`GUI_GROUP`."""
    try:
        if gui is None:
            from importlib.metadata import entry_points
            found = list(entry_points(group=GUI_GROUP))
            if not found:
                raise ImportError(f"no program is registered under the '{GUI_GROUP}' entry point; "
                                  "install Backprop Studio with pip")
            gui = found[0].load()
    except ImportError as e:
        _say_error(f"{PROG}: the designer cannot start here ({e}); the sub-commands "
                   f"{', '.join(COMMANDS)} still work (see {PROG} --help)")
        return 2
    return int(gui(args) or 0)


def _tolerant_output() -> None:
    """Formulas use Greek letters and arrows: never crash on a terminal that lacks them."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _say_error(message: str) -> None:
    """One line on stderr; control characters from a file (ESC, BEL, CR) escaped."""
    from .text import printable
    print(printable(" ".join(message.split())), file=sys.stderr, flush=True)


def _print_text(text: str) -> None:
    """Text made from a file's contents, each line with its control characters escaped."""
    from .text import printable
    print("\n".join(printable(line) for line in text.split("\n")))


def _print_json(obj: dict[str, Any]) -> None:
    print(json.dumps(_finite(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":")))


def _finite(x: Any) -> Any:
    """JSON has no NaN or infinity: they become null."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {str(k): _finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_finite(v) for v in x]
    if hasattr(x, "tolist"):  # NumPy arrays and scalars
        return _finite(x.tolist())
    return x


# =========================================================================================
# the parser
# =========================================================================================

def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Build feedforward neural networks, train them, and step through "
                    "backpropagation. Without a sub-command, opens the designer: "
                    f"{PROG} [FILE.ffn] [--screenshot OUT.png] [--size WxH] [--version].",
        epilog="Exit status: 0 done, 1 training diverged, 2 error, 130 interrupted (Ctrl-C).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = sub.add_parser("new", help="make a new layered network file",
                         description="Make a layered network (input, hidden layers, output) with fresh "
                                     "weights and save it.")
    new.add_argument("out", metavar="OUT.ffn", help="file to write")
    new.add_argument("--layers", required=True, metavar="N,N,...",
                     help="units per layer from input to output, e.g. 2,8,8,1")
    new.add_argument("--activation", default="tanh", metavar="NAME",
                     help="activation of the hidden layers (default tanh; e.g. logistic, relu, "
                          "leaky_relu, elu, softplus, swish, gelu)")
    new.add_argument("--output", choices=("sigmoid", "softmax", "identity"),
                     help="output activation (default: sigmoid for one output unit, softmax for "
                          "several, or what --loss needs)")
    new.add_argument("--loss", choices=("mse", "ce", "bce"),
                     help="loss (default: bce after sigmoid, ce after softmax, mse after identity)")
    new.add_argument("--init", metavar="NAME", default="xavier_uniform",
                     help="weight initialiser (default xavier_uniform; also xavier_normal, he_normal, "
                          "he_uniform, lecun_normal, lecun_uniform, uniform, zeros)")
    new.add_argument("--seed", type=_nonneg_int, default=0, metavar="N",
                     help="random seed of the initial weights and of training (default 0)")
    new.add_argument("--force", action="store_true", help="replace OUT.ffn if it exists")
    new.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    new.set_defaults(run=cmd_new)

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
    train.add_argument("--epochs", type=_nonneg_int, metavar="N", help="epochs to train")
    train.add_argument("--batch-size", type=_pos_int, metavar="N", help="samples per mini-batch")
    train.add_argument("--optimizer", choices=("sgd", "momentum", "adagrad", "rmsprop", "adam"))
    train.add_argument("--lr", type=_nonneg_float, metavar="X", help="learning rate ε")
    train.add_argument("--l2", type=_nonneg_float, metavar="X", help="L2 weight decay λ")
    train.add_argument("--seed", type=_nonneg_int, metavar="N", help="seed of the mini-batch shuffling")
    train.add_argument("--patience", type=_nonneg_int, metavar="N",
                       help="early stopping: stop once the test loss has not improved for N epochs and keep "
                            "the best epoch's weights (0: off)")
    train.add_argument("--out", metavar="OUT.ffn", help="write the trained network here (may be NET.ffn)")
    train.add_argument("--json", action="store_true",
                       help="print one JSON object: loss, train_accuracy and test_accuracy (or r2), "
                            "epochs, steps_per_second ...")
    train.set_defaults(run=cmd_train)

    trace = sub.add_parser("trace", help="show one sample's forward and backward pass step by step",
                           description="Run one sample through the network and list every forward and "
                                       "backward step with its formula and numbers.")
    trace.add_argument("net", metavar="NET.ffn", help="network file")
    trace.add_argument("--input", required=True, metavar="V[,V...]", help="the sample's input values")
    trace.add_argument("--target", metavar="V[,V...]",
                       help="its target (for a softmax output also a class number); without it the "
                            "backward pass starts from d(output)/d(output) = 1")
    trace.add_argument("--level", choices=("neuron", "op", "scalar"), default="neuron",
                       help="neuron: z, a, δ per unit (default); op: the tape's matrix ops; "
                            "scalar: each neuron as elementary operations")
    trace.add_argument("--phase", action="append", choices=TRACE_PHASES, metavar="PHASE",
                       help="show only the steps of this phase: forward, loss, backward or update "
                            "(may be repeated)")
    trace.add_argument("--where", action="append", metavar="NAME",
                       help="show only the steps at this node or connection, by its id or name, and "
                            "only its gradients (may be repeated): a large network's trace runs to "
                            "thousands of steps")
    trace.add_argument("--json", action="store_true", help="print one JSON object: steps, gradients, loss")
    trace.set_defaults(run=cmd_trace)

    info = sub.add_parser("info", help="show what a network file holds",
                          description="Structure, parameter count, training settings, dataset and "
                                      "training history of a network file.")
    info.add_argument("net", metavar="NET.ffn", help="network file")
    info.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    info.set_defaults(run=cmd_info)
    return p


def _number(text: str, kind: Callable[[str], Any], test: Callable[[Any], bool], what: str) -> Any:
    try:
        v = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    if not test(v):
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
    return v


def _nonneg_int(text: str) -> int:
    return _number(text, int, lambda v: v >= 0, "a whole number ≥ 0")


def _pos_int(text: str) -> int:
    return _number(text, int, lambda v: v >= 1, "a whole number ≥ 1")


def _nonneg_float(text: str) -> float:
    return _number(text, float, lambda v: math.isfinite(v) and v >= 0, "a number ≥ 0")


def _floats(text: str, option: str) -> list[float]:
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip() != ""]
    except ValueError:
        raise CLIError(f"{option} must be numbers separated by commas, got {text!r}") from None
    if not values or not all(math.isfinite(v) for v in values):
        raise CLIError(f"{option} must be finite numbers separated by commas, got {text!r}")
    return values


# =========================================================================================
# shared helpers
# =========================================================================================

def _load(path: str):
    from .files import NetworkFileError, load_network
    try:
        return load_network(path)
    except NetworkFileError as e:
        raise CLIError(str(e)) from None


def _save(path: str, nf) -> None:
    from .files import NetworkFileError, save_network
    try:
        save_network(path, nf)
    except NetworkFileError as e:
        raise CLIError(str(e)) from None


def _compile(nf, path: str):
    """The model of a file's network, or a one-line reason it cannot run."""
    from .model import compile_model
    from .spec import SpecError
    try:
        return compile_model(nf.spec, nf.params)
    except (SpecError, ValueError) as e:
        raise CLIError(f"{path}: the network is not ready to run: {e}") from None


# =========================================================================================
# new
# =========================================================================================

_OUTPUT_LOSS = {"sigmoid": "bce", "softmax": "ce", "identity": "mse"}
_LOSS_OUTPUT = {"bce": "sigmoid", "ce": "softmax", "mse": "identity"}


def cmd_new(ns: argparse.Namespace) -> int:
    from .activations import get_activation
    from .files import MAX_PARAMETERS, NetworkFile
    from .parameters import count_parameters, init_parameters
    from .spec import INITIALISERS, SpecError, sequential
    from .defaults import default_training

    try:
        sizes = [int(v) for v in ns.layers.split(",")]
    except ValueError:
        raise CLIError(f"--layers must be whole numbers separated by commas, like 2,8,8,1; "
                       f"got {ns.layers!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise CLIError(f"--layers needs at least an input and an output size, each at least 1; "
                       f"got {ns.layers!r}")
    try:
        hidden = get_activation(ns.activation).name
    except ValueError as e:
        raise CLIError(f"--activation: {e}") from None
    if hidden == "softmax":
        raise CLIError("--activation: softmax is only offered on the output (use --output softmax)")
    if ns.init not in INITIALISERS:
        raise CLIError(f"--init: unknown initialiser {ns.init!r}; one of {', '.join(INITIALISERS)}")
    output, loss = ns.output, ns.loss
    if output is None and loss is None:
        output = "sigmoid" if sizes[-1] == 1 else "softmax"
    if loss is None:
        loss = _OUTPUT_LOSS[output]
    if output is None:
        output = _LOSS_OUTPUT[loss]
    if os.path.exists(ns.out) and not ns.force:
        raise CLIError(f"{ns.out} already exists; use --force to replace it")
    act_out = {"sigmoid": "logistic"}.get(output, output)
    try:
        spec = sequential(sizes, hidden, act_out, loss, ns.init)
        spec.validate()
    except SpecError as e:
        raise CLIError(str(e)) from None
    n_params = count_parameters(spec)
    if n_params > MAX_PARAMETERS:
        raise CLIError(f"{n_params:,} parameters is more than the {MAX_PARAMETERS:,} a network file holds")
    for k, node in enumerate(spec.nodes.values()):
        node.meta["pos"] = [220.0 * k, 0.0]
    shape = "-".join(map(str, sizes))
    nf = NetworkFile(spec, init_parameters(spec, ns.seed),
                     default_training(seed=ns.seed),
                     description=f"A {shape} network: {hidden} hidden layers, {output} output, {loss} loss.")
    _save(ns.out, nf)
    if ns.json:
        _print_json({"out": ns.out, "layers": sizes, "activation": hidden, "output": output, "loss": loss,
                     "init": ns.init, "seed": ns.seed, "parameters": n_params})
    else:
        print(f"wrote {ns.out}: {shape}, {hidden} hidden, {output} output, {loss} loss, "
              f"{n_params} parameters")
    return 0


# =========================================================================================
# train
# =========================================================================================

def cmd_train(ns: argparse.Namespace) -> int:
    from .data.dataset import DataError
    from .data.source import DataSource
    from .files import NetworkFile
    from .optim import make_optimizer
    from .trainer import Trainer

    nf = _load(ns.net)
    model = _compile(nf, ns.net)
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

    same_data = False
    try:
        base = Path(ns.net).resolve().parent
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
                src, same_data = old, True
        elif old is not None:
            src, same_data = copy.deepcopy(old), True
            if ns.target:
                src.target = ns.target
        else:
            raise CLIError(f"{ns.net} names no dataset; choose one with --data (xor, circles, gaussians, "
                           "spiral, moons, regression, iris, digits or a .csv file)")
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
    task = dataset.task

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

    epochs = settings.epochs
    stop = {"asked": False}
    progress = _Progress(epochs, task, quiet=ns.json)
    start_epoch, start_step = trainer.epoch, trainer.step_count
    t0 = time.perf_counter()
    with _ctrl_c(stop):
        target = trainer.epoch + epochs
        while (trainer.epoch < target and trainer.diverged is None and trainer.stopped is None
               and not stop["asked"]):
            trainer.run(epochs=1, should_stop=lambda: stop["asked"])
            progress.update(trainer)
    seconds = time.perf_counter() - t0
    progress.close()
    steps = trainer.step_count - start_step

    train_loss, train_metric = trainer.evaluate(trainer.train)
    test_loss, test_metric = trainer.evaluate(trainer.test) if trainer.test is not None else (math.nan, math.nan)
    result: dict[str, Any] = {"loss": train_loss, "test_loss": test_loss}
    if task == "classification":
        result.update(train_accuracy=train_metric, test_accuracy=test_metric)
    else:
        result.update(r2=test_metric if trainer.test is not None else train_metric,
                      train_r2=train_metric, test_r2=test_metric)
    result.update(epochs=trainer.epoch - start_epoch, total_epochs=trainer.epoch, steps=steps,
                  seconds=seconds, steps_per_second=steps / seconds if seconds > 0 else None,
                  data=src.label, train_samples=len(prepared.train), test_samples=len(prepared.test),
                  task=task, interrupted=stop["asked"],
                  diverged=None if trainer.diverged is None else str(trainer.diverged),
                  stopped_early=None if trainer.stopped is None else str(trainer.stopped),
                  best_epoch=None if trainer.stopped is None else trainer.stopped.best_epoch, out=ns.out)

    if ns.out:
        saved = src
        if src.name == "csv" and src.path:  # stored relative to the new file, so the two can move together
            saved = copy.deepcopy(src)
            saved.path = _relative(Path(src.path), Path(ns.out).resolve().parent)
        _save(ns.out, NetworkFile(nf.spec, model.export_parameters(), trainer.settings, saved, nf.view,
                                  trainer.optimizer.state_dict(), trainer.history, nf.description))
    if ns.json:
        _print_json(result)
    else:
        _print_text(_summary(result))
        if ns.out:
            print(f"saved {ns.out}")
        elif not stop["asked"]:
            print("(not saved: add --out OUT.ffn to keep the trained network)")
    if trainer.diverged is not None:
        _say_error(f"{PROG} train: {trainer.diverged}")
        return 1
    if stop["asked"]:
        _say_error(f"{PROG} train: stopped by Ctrl-C after {result['epochs']} epoch(s)"
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


@contextlib.contextmanager
def _ctrl_c(stop: dict[str, bool]):
    """First Ctrl-C: finish the current step and stop. Second: stop at once."""
    def handler(signum, frame):
        if stop["asked"]:
            raise KeyboardInterrupt
        stop["asked"] = True

    try:
        old = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: Ctrl-C keeps its default meaning
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


class _Progress:
    """A bar on a terminal (stderr), a few plain lines otherwise (stdout), nothing with --json."""

    def __init__(self, epochs: int, task: str, quiet: bool):
        self.epochs, self.task = epochs, task
        self.tty = sys.stderr.isatty()
        self.quiet = quiet and not self.tty
        self.done = 0
        self.every = max(1, epochs // 10)
        self.last_draw = 0.0
        self.drawn = False

    def update(self, trainer) -> None:
        self.done += 1
        if self.quiet or not trainer.history.epochs:
            return
        e = trainer.history.epochs[-1]
        metric = "acc" if self.task == "classification" else "R²"
        text = f"epoch {self.done}/{self.epochs}  loss {e.train_loss:.4f}  train {metric} {e.train_metric:.3f}"
        if math.isfinite(e.test_metric):
            text += f"  test {metric} {e.test_metric:.3f}"
        if self.tty:
            now = time.perf_counter()
            if now - self.last_draw < 0.1 and self.done < self.epochs:
                return
            self.last_draw = now
            width = 24
            filled = int(width * self.done / max(self.epochs, 1))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {text}\x1b[K")
            sys.stderr.flush()
            self.drawn = True
        elif self.done % self.every == 0 or self.done == self.epochs:
            print(text, flush=True)

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()


# =========================================================================================
# trace
# =========================================================================================

def cmd_trace(ns: argparse.Namespace) -> int:
    import numpy as np

    from .optim import make_optimizer
    try:
        from .trace import format_table, trace_sample
    except ImportError as e:
        raise CLIError(f"the step-by-step trace is not available in this version ({e})") from None

    nf = _load(ns.net)
    model = _compile(nf, ns.net)
    x = _floats(ns.input, "--input")
    if len(x) != model.n_inputs:
        raise CLIError(f"the network takes {model.n_inputs} input value(s); --input gave {len(x)}")
    y = None
    if ns.target is not None:
        y = _floats(ns.target, "--target")
        if (len(y) == 1 and model.n_outputs > 1 and model.loss_name == "ce"
                and float(y[0]).is_integer() and 0 <= y[0] < model.n_outputs):
            y = [1.0 if k == int(y[0]) else 0.0 for k in range(model.n_outputs)]  # a class number
        if len(y) != model.n_outputs:
            raise CLIError(f"the network has {model.n_outputs} output(s); --target gave {len(y)} value(s)")
    optimizer = None
    if y is not None:
        try:
            optimizer = make_optimizer(nf.training.optimizer, [model.theta], [model.grad], **nf.training.hyper)
            state = nf.optimizer_state
            if state is not None and state.get("name") == optimizer.name:
                optimizer.load_state_dict(state)
                optimizer.hyper.update(nf.training.hyper)
        except ValueError:
            optimizer = None
    try:
        trace = trace_sample(model, np.array(x), None if y is None else np.array(y), ns.level, optimizer)
    except ValueError as e:
        raise CLIError(str(e)) from None
    trace = _filtered(trace, nf.spec, ns.phase, ns.where)
    if ns.json:
        d = trace.to_dict()
        d.setdefault("steps", [])
        d.setdefault("gradients", {k: v for k, v in trace.gradients.items()})
        d.setdefault("loss", trace.loss)
        _print_json(d)
    else:
        _print_text(format_table(trace))
    return 0


def _filtered(trace: Any, spec: Any, phases: list[str] | None, wheres: list[str] | None) -> Any:
    """The trace with only the chosen phases and places (numbers keep their place in the whole)."""
    import dataclasses

    if not phases and not wheres:
        return trace
    places: set[str] | None = None
    if wheres:
        places = set()
        for name in wheres:
            places.add(_place(spec, name))
    steps = [s for s in trace.steps
             if (not phases or s.phase in phases) and (places is None or s.where in places)]
    if not steps:
        print("no step matches " + " and ".join(
            filter(None, [phases and "--phase " + ", ".join(phases), wheres and "--where " + ", ".join(wheres)])),
            file=sys.stderr)
    keep = (lambda key: True) if places is None else (lambda key: key.split(":", 1)[1] in places)
    updates = None if trace.updates is None else {k: v for k, v in trace.updates.items() if keep(k)}
    return dataclasses.replace(trace, steps=steps, updates=updates,
                               gradients={k: v for k, v in trace.gradients.items() if keep(k)})


def _place(spec: Any, name: str) -> str:
    """A node or connection id from its id or its name (case does not matter)."""
    if name in spec.nodes or name in spec.connections:
        return name
    folded = name.casefold()
    for n in spec.nodes.values():
        if n.name and n.name.casefold() == folded:
            return n.id
    nodes = ", ".join(f"{n.id} ({n.name})" if n.name and n.name != n.id else n.id for n in spec.nodes.values())
    raise CLIError(f"--where {name}: no node or connection of that name; the nodes are {nodes}; "
                   f"the connections are {', '.join(spec.connections) or 'none'}")


# =========================================================================================
# info
# =========================================================================================

def cmd_info(ns: argparse.Namespace) -> int:
    from .parameters import count_parameters, parameter_shapes
    from .spec import SpecError

    nf = _load(ns.net)
    spec = nf.spec
    try:
        order = spec.topological_order()
    except SpecError:
        order = list(spec.nodes)
    problems = [p.message for p in spec.problems()]
    shapes = parameter_shapes(spec)
    n_params = count_parameters(spec)
    hist = nf.history
    last = hist.epochs[-1] if hist is not None and hist.epochs else None
    opt = nf.optimizer_state
    info: dict[str, Any] = {
        "file": ns.net,
        "description": nf.description,
        "nodes": [{"id": n.id, "name": n.name, "kind": n.kind, "units": n.units, "activation": n.activation,
                   "bias": n.bias, "loss": n.loss} for n in (spec.nodes[i] for i in order)],
        "connections": [{"id": c.id, "src": c.src, "dst": c.dst, "removed_edges": len(c.removed)}
                        for c in spec.connections.values()],
        "parameters": n_params,
        "parameter_shapes": {k: list(s) for k, s in shapes.items()},
        "training": nf.training.to_dict(),
        "data": None if nf.data is None else nf.data.to_dict(),
        "optimizer_state": None if opt is None else {"name": opt["name"], "t": opt["t"]},
        "history": None if hist is None else {
            "epochs": len(hist.epochs), "steps": len(hist.step_loss),
            "last": None if last is None else {
                "epoch": last.epoch, "train_loss": last.train_loss, "train_metric": last.train_metric,
                "test_loss": last.test_loss, "test_metric": last.test_metric}},
        "problems": problems,
    }
    if ns.json:
        if info["data"] is not None and info["data"].get("standardizer"):
            info["data"]["standardizer"] = {"columns": len(info["data"]["standardizer"]["mean"])}
        _print_json(info)
        return 0
    _print_text(_info_text(nf, info, order))
    return 0


def _info_text(nf, info: dict[str, Any], order: list[str]) -> str:
    spec = nf.spec
    out = [f"{info['file']}" + (f": {nf.description}" if nf.description else "")]
    out.append("")
    out.append(f"structure ({len(spec.nodes)} nodes, {len(spec.connections)} connections):")
    wid = max([len(n.label) for n in spec.nodes.values()] + [4])
    for nid in order:
        n = spec.nodes[nid]
        unit = "unit " if n.units == 1 else "units"
        what = "" if n.kind == "input" else f"  {n.activation}" + ("" if n.bias else ", no bias")
        if n.loss:
            what += f", loss {n.loss}"
        out.append(f"  {n.label:<{wid}}  {n.kind:<6} {n.units:>6} {unit}{what}")
    for c in spec.connections.values():
        n_w = spec.nodes[c.src].units * spec.nodes[c.dst].units - len(set(map(tuple, c.removed)))
        cut = f", {len(c.removed)} edge{'' if len(c.removed) == 1 else 's'} removed" if c.removed else ""
        out.append(f"  {c.id}: {spec.nodes[c.src].label} → {spec.nodes[c.dst].label} ({n_w} weights{cut})")
    out.append(f"parameters: {info['parameters']:,}")
    t = nf.training
    hyper = ", ".join(f"{k}={v:g}" for k, v in t.hyper.items())
    out.append(f"training: {t.optimizer}" + (f" ({hyper})" if hyper else "")
               + f", batch size {t.batch_size}, L2 {t.l2:g}, seed {t.seed}, {t.epochs} epochs")
    d = nf.data
    if d is None:
        out.append("data: none (train with --data)")
    else:
        bits = [f"path {d.path}" if d.path else "", f"target {d.target}" if d.target else ""]
        if d.points is not None:
            bits.append(f"{len(d.points['X'])} points")
        elif d.name in ("xor", "circles", "gaussians", "spiral", "moons", "regression"):
            bits.append(f"n={d.n}, noise {d.noise:g}, seed {d.seed}")
        bits.append(f"test {d.test_fraction:.0%}")
        if d.features:
            bits.append("features " + ", ".join(d.features))
        if d.standardize:
            bits.append("standardised" + (" (statistics saved)" if d.standardizer else ""))
        out.append(f"data: {d.label} (" + "; ".join(b for b in bits if b) + ")")
    opt = nf.optimizer_state
    out.append("optimiser state: " + ("none" if opt is None else f"{opt['name']} after {opt['t']} steps"))
    h = info["history"]
    if h is None:
        out.append("history: none")
    else:
        line = f"history: {h['epochs']} epochs, {h['steps']} steps"
        if h["last"]:
            last = h["last"]
            line += f"; last epoch: loss {last['train_loss']:.4g}, train {last['train_metric']:.3f}"
            if math.isfinite(last["test_metric"]):
                line += f", test {last['test_metric']:.3f}"
        out.append(line)
    if info["problems"]:
        out.append("cannot train yet: " + "; ".join(dict.fromkeys(info["problems"])))
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
