"""No sequence of edits, training, undo, save, autosave and crash loses or mixes up work.

A hypothesis state machine drives the document as the window does: the
editing commands, training stretches (real training by core's trainer, pushed
as the controller pushes them), undo and redo, Save, autosave, and a crash
followed by recovery from the autosaved file. After every step:

- what reopens from the last save is what was shown when it was saved;
- modified is true exactly when the document differs from the last save;
- the document can always be saved (valid for training or not).

Undo then redo gives back the same document bit for bit, and undoing every
entry then redoing them all does too.
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from core.data.source import DataSource
from core.document import DocumentModel, TrainingState
from core.files import NetworkFile, load_network, save_network
from core.model import compile_model
from core.optim_state import OptimizerMemory
from core.parameters import init_parameters
from core.spec import Node, SpecError, sequential
from core.trainer import Trainer, TrainingSettings
from designer import commands as cmd
from designer.document import Document
from designer.training.commands import SetData, SetTraining, TrainStretch

_ids = itertools.count()


def _start() -> NetworkFile:
    spec = sequential([2, 3, 1], "tanh", "logistic", "bce")
    return NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.05}, 8, 0.0, 0, 0),
                       DataSource(name="xor", n=32, test_fraction=0.0), {}, None, None)


def _train(doc: Document, steps: int) -> None:
    """What the training controller does for one stretch: train on the document's state, push one entry."""
    before = doc.training_state()
    model = compile_model(doc.spec, doc.params)
    data = doc.data.prepare(doc.spec.output_node.units, n_inputs=doc.spec.input_node.units)
    trainer = Trainer(model, data.train, None, TrainingSettings.from_dict(doc.training.to_dict()))
    if doc.optimizer_state is not None:
        trainer.optimizer.load_state_dict(doc.optimizer_state)
    for _ in range(steps):
        trainer.step()
    after = TrainingState(model.unflatten(model.theta.copy()),
                          OptimizerMemory.from_state_dict(trainer.optimizer.state_dict(), doc.spec),
                          trainer.history)
    doc.set_training_state(after)
    doc.undo_stack.push(TrainStretch(doc, before, doc.training_state(), steps, (before.epoch(), after.epoch())))


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="bps-stateful-"))
        self.doc = Document(_start())
        self.saved_path: Path | None = None
        self.saved_fp: bytes | None = self.doc.fingerprint()  # a new document counts as saved
        self.autosaved: tuple[Path, bytes] | None = None

    # --- edits, each one undo entry --------------------------------------------------------

    def _push(self, make) -> None:
        try:
            command = make()
        except SpecError:
            return  # refused before pushing, as the window refuses it
        self.doc.undo_stack.push(command)

    def _node(self, data) -> str | None:
        nodes = list(self.doc.spec.nodes)
        return data.draw(st.sampled_from(nodes)) if nodes else None

    @rule(units=st.integers(1, 4), act=st.sampled_from(["tanh", "relu", "logistic"]))
    def add_layer(self, units: int, act: str) -> None:
        nid = f"n{next(_ids)}"
        self._push(lambda: cmd.AddNodeCommand(self.doc, Node(nid, "layer", units, act, meta={"pos": [0.0, 0.0]})))

    @rule(data=st.data())
    def connect(self, data) -> None:
        a, b = self._node(data), self._node(data)
        if a and b:
            self._push(lambda: cmd.ConnectCommand(self.doc, a, b))

    @rule(data=st.data())
    def remove_node(self, data) -> None:
        nid = self._node(data)
        if nid:
            self._push(lambda: cmd.delete_command(self.doc, [nid], []))

    @rule(data=st.data(), units=st.integers(1, 5))
    def resize(self, data, units: int) -> None:
        nid = self._node(data)
        if nid and self.doc.spec.nodes[nid].kind == "layer":
            self._push(lambda: cmd.SetNodePropsCommand(self.doc, nid, {"units": units}))

    @rule(data=st.data(), value=st.floats(-3, 3, allow_nan=False))
    def type_weight(self, data, value: float) -> None:
        conns = list(self.doc.spec.connections)
        if conns:
            cid = data.draw(st.sampled_from(conns))
            c = self.doc.spec.connections[cid]
            i = data.draw(st.integers(0, self.doc.spec.nodes[c.src].units - 1))
            j = data.draw(st.integers(0, self.doc.spec.nodes[c.dst].units - 1))
            self._push(lambda: cmd.SetWeightCommand(self.doc, cid, i, j, value))

    @rule(data=st.data(), x=st.floats(-300, 300, allow_nan=False))
    def move(self, data, x: float) -> None:
        nid = self._node(data)
        if nid:
            self._push(lambda: cmd.MoveNodesCommand(self.doc, {nid: (x, 10.0)}))

    @rule(optimizer=st.sampled_from(["adam", "momentum", "sgd", "rmsprop"]))
    def choose_optimizer(self, optimizer: str) -> None:
        t = TrainingSettings.from_dict({**self.doc.training.to_dict(), "optimizer": optimizer})
        self._push(lambda: SetTraining(self.doc, t, "optimizer", "Optimiser"))

    @rule(n=st.sampled_from([24, 32, 40]))
    def other_data(self, n: int) -> None:
        d = DataSource.from_dict({**self.doc.data.to_dict(), "n": n})
        self._push(lambda: SetData(self.doc, d, "n", "Points"))

    @precondition(lambda self: self.doc.can_train())
    @rule(steps=st.integers(1, 12))
    def train(self, steps: int) -> None:
        _train(self.doc, steps)

    # --- undo and redo -------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        self.doc.undo()

    @rule()
    def redo(self) -> None:
        self.doc.redo()

    @precondition(lambda self: self.doc.undo_stack.canUndo())
    @rule()
    def undo_then_redo_is_the_same(self) -> None:
        fp = self.doc.fingerprint()
        self.doc.undo()
        self.doc.redo()
        assert self.doc.fingerprint() == fp

    @rule()
    def undo_all_then_redo_all_is_the_same(self) -> None:
        fp, stack = self.doc.fingerprint(), self.doc.undo_stack
        at = stack.index()
        while stack.canUndo():
            self.doc.undo()
        while stack.index() < at:
            self.doc.redo()
        assert self.doc.fingerprint() == fp

    # --- files --------------------------------------------------------------------------

    @rule()
    def save(self) -> None:
        path = self.folder / "net.ffn"
        digest = self.doc.fingerprint()
        save_network(path, self.doc.to_file())   # any document saves
        self.doc.mark_saved(path, digest)
        self.saved_path, self.saved_fp = path, digest

    @rule()
    def autosave(self) -> None:
        if self.doc.is_modified():
            path = self.folder / "unsaved.ffn"
            save_network(path, self.doc.to_file())
            self.autosaved = (path, self.doc.fingerprint())

    @precondition(lambda self: self.autosaved is not None)
    @rule()
    def crash_and_recover(self) -> None:
        """The window dies; the next start recovers the autosaved work, unsaved, with a new undo stack."""
        path, fp = self.autosaved
        recovered = Document(load_network(path))
        recovered.forget_saved()
        assert recovered.fingerprint() == fp
        self.doc = recovered
        self.saved_fp = None
        self.autosaved = None

    # --- what must hold after every step --------------------------------------------------

    @invariant()
    def modified_means_differs_from_the_last_save(self) -> None:
        assert self.doc.is_modified() == (self.doc.fingerprint() != self.saved_fp)

    @invariant()
    def what_reopens_is_what_was_saved(self) -> None:
        if self.saved_path is not None and self.saved_fp is not None:
            assert DocumentModel(load_network(self.saved_path)).fingerprint() == self.saved_fp

    @invariant()
    def the_optimiser_memory_fits_the_network(self) -> None:
        state = self.doc.optimizer_state
        if state is not None:
            n = sum(v.size for v in self.doc.params.values())
            assert all(a.shape == (n,) for a in state["state"][0].values())


DocumentMachine.TestCase.settings = settings(
    max_examples=100, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
test_no_sequence_loses_or_mixes_work = DocumentMachine.TestCase
