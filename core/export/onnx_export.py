"""The network as an ONNX model: input ``x`` [N, inputs], output ``y`` [N, outputs].

The graph uses the default domain at opset :data:`OPSET` (20, the first
with ``Gelu``) and IR version 9. Each network node becomes a few ONNX nodes
named after it (``hidden 1/Gemm input``, ``hidden 1/Tanh``): one ``Gemm``
per incoming connection (``a W^T``, the node's bias on the first), ``Add``
where connections meet, then the activation. Tensors and weights carry the
same names as in the NumPy and PyTorch files. Activations ONNX has no
operator for are written as the program computes them: swish as
``z · Sigmoid(β z)``, the logistic GELU as ``z · Sigmoid(1.702 z)``.

The network as the program saves it (names, positions, removed edges, the
loss, exact hyper-parameters) rides along in the model's ``metadata_props``
under :data:`HINT_KEY`, so :func:`core.export.onnx_import.import_onnx`
gives back the same network; other tools ignore it.

``onnx`` is an optional dependency (``pip install 'backprop-studio[onnx]'``);
without it :func:`require_onnx` raises an :class:`ExportError` saying so.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

import numpy as np

from ..spec import NetworkSpec
from .plan import ExportError, ForwardPlan, Step, build_plan

OPSET = 20
IR_VERSION = 9
HINT_KEY = "backprop_studio.network"
INPUT, OUTPUT = "x", "y"
_SIMPLE = {"logistic": "Sigmoid", "tanh": "Tanh", "relu": "Relu", "softplus": "Softplus"}


def require_onnx() -> Any:
    """The ``onnx`` module, or an :class:`ExportError` telling how to install it."""
    try:
        import onnx
    except ImportError:
        raise ExportError("ONNX export and import need the onnx package, which is not installed: "
                          "pip install 'backprop-studio[onnx]'") from None
    return onnx


def onnx_model(spec: NetworkSpec, params: Mapping[str, np.ndarray], dtype: Any = np.float32,
               title: str = "") -> Any:
    """The ``onnx.ModelProto`` of a network with its trained parameters, in float32 or float64."""
    onnx = require_onnx()
    from onnx import helper
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ExportError(f"an ONNX export is float32 or float64, not {dtype}")
    plan = build_plan(spec, params)
    graph = _Graph(plan, dtype)
    for step in plan.steps:
        graph.node_ops(step)
    elem = helper.np_dtype_to_tensor_dtype(dtype)
    g = helper.make_graph(
        graph.nodes, _graph_name(title),
        [helper.make_tensor_value_info(INPUT, elem, ["N", plan.n_inputs])],
        [helper.make_tensor_value_info(OUTPUT, elem, ["N", plan.n_outputs])],
        graph.initializers)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION,
                              producer_name="Backprop Studio", doc_string=_doc(plan))
    hint = {"spec": plan.spec.to_dict(), "tensors": graph.tensor_of}
    helper.set_model_props(model, {HINT_KEY: json.dumps(hint, ensure_ascii=False, separators=(",", ":"))})
    onnx.checker.check_model(model)
    return model


class _Graph:
    """The ONNX nodes and initializers of a plan, built node by node."""

    def __init__(self, plan: ForwardPlan, dtype: np.dtype):
        from onnx import helper, numpy_helper
        self.helper, self.numpy_helper = helper, numpy_helper
        self.plan, self.dtype = plan, dtype
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.var_tensor = {plan.input.node.id: INPUT}
        self.tensor_of = {INPUT: plan.input.node.id}   # tensor -> node id, for the importer's hint
        self.label_of = {s.node.id: s.label for s in [plan.input, *plan.steps]}
        for name, arr in plan.arrays.items():
            self.constant(name, arr)

    def constant(self, name: str, value: Any) -> str:
        self.initializers.append(self.numpy_helper.from_array(np.asarray(value, dtype=self.dtype), name))
        return name

    def op(self, op_type: str, inputs: list[str], output: str, name: str, **attrs: Any) -> str:
        self.nodes.append(self.helper.make_node(op_type, inputs, [output], name=name, **attrs))
        return output

    def node_ops(self, step: Step) -> None:
        """The Gemms, Adds and activation of one network node."""
        out = OUTPUT if step.node.kind == "output" else step.var
        self.tensor_of[out] = step.node.id
        z = out if step.activation == "identity" else f"{step.var}/z"
        sums = []
        for k, t in enumerate(step.terms):
            src = self.var_tensor[t.src]
            inputs = [src, t.weight] + ([step.bias] if step.bias and k == 0 else [])
            part = z if len(step.terms) == 1 else f"{step.var}/z{k + 1}"
            sums.append(self.op("Gemm", inputs, part, f"{step.label}/Gemm {self.label_of[t.src]}", transB=1))
        acc = sums[0]
        for k, part in enumerate(sums[1:], start=2):
            acc = self.op("Add", [acc, part], z if k == len(sums) else f"{step.var}/sum{k}", f"{step.label}/Add {k}")
        self._activation(step, z, out)
        self.var_tensor[step.node.id] = out

    def _activation(self, step: Step, z: str, out: str) -> None:
        act, label = step.activation, step.label
        if act == "identity":
            return
        if act in _SIMPLE:
            self.op(_SIMPLE[act], [z], out, f"{label}/{_SIMPLE[act]}")
        elif act == "leaky_relu":
            self.op("LeakyRelu", [z], out, f"{label}/LeakyRelu", alpha=step.hp["gamma"])
        elif act == "prelu":
            self.op("PRelu", [z, step.gamma or ""], out, f"{label}/PRelu")
        elif act == "elu":
            self.op("Elu", [z], out, f"{label}/Elu", alpha=step.hp["gamma"])
        elif act in ("gelu", "gelu_tanh"):
            self.op("Gelu", [z], out, f"{label}/Gelu", approximate="none" if act == "gelu" else "tanh")
        elif act == "softmax":
            self.op("Softmax", [z], out, f"{label}/Softmax", axis=-1)
        elif act in ("swish", "gelu_sigmoid"):
            beta = step.hp["beta"] if act == "swish" else 1.702
            scaled = z
            if beta != 1.0:
                scaled = self.op("Mul", [z, self.constant(f"beta_{step.var}", beta)], f"{step.var}/beta_z",
                                 f"{label}/Mul beta")
            gate = self.op("Sigmoid", [scaled], f"{step.var}/gate", f"{label}/Sigmoid")
            self.op("Mul", [z, gate], out, f"{label}/Mul")
        else:  # pragma: no cover - every activation of the registry is handled above
            raise ExportError(f"{label}: no ONNX form for the activation {act}")


def _graph_name(title: str) -> str:
    from ..text import printable
    return printable(title or "network", 64)


def _doc(plan: ForwardPlan) -> str:
    return (f"Exported from Backprop Studio (ONNX opset {OPSET}). Input x [N, {plan.n_inputs}]; output y "
            f"[N, {plan.n_outputs}] after the output activation ({plan.output.activation}; trained with the "
            f"{plan.loss} loss).")
