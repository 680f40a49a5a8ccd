"""ONNX import: round trips, foreign models, refusals naming the node, hostile files."""
from __future__ import annotations

import numpy as np
import pytest

from core.export import MAX_ONNX_BYTES, ExportError, UnsupportedModel, export_onnx, import_onnx, onnx_model
from core.export import onnx_import
from core.model import compile_model
from test_export_nets import example, examples, inputs, random_network

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

NETWORKS = [pytest.param(lambda p=p: example(p), id=p.rsplit("/", 1)[-1]) for p in examples()] + [
    pytest.param(lambda s=s: random_network(s), id=f"random{s}") for s in range(30)]


def save(tmp_path, model, name="m.onnx"):
    path = tmp_path / name
    path.write_bytes(model.SerializeToString())
    return path


@pytest.mark.parametrize("make", NETWORKS)
def test_an_onnx_round_trip_gives_back_the_same_network_and_parameters(make, tmp_path):
    spec, params = make()
    for dtype in (np.float64, np.float32):
        path = tmp_path / f"net-{dtype.__name__}.onnx"
        export_onnx(spec, params, path, dtype=dtype)
        spec2, params2 = import_onnx(path)
        assert spec2 == spec
        assert params2.keys() == params.keys()
        for k in params:
            np.testing.assert_array_equal(params2[k], np.asarray(params[k]).astype(dtype), err_msg=k)


@pytest.mark.parametrize("make", NETWORKS)
def test_a_model_without_the_programs_description_is_read_from_its_graph_alone(make, tmp_path):
    spec, params = make()
    model = onnx_model(spec, params, np.float64)
    del model.metadata_props[:]
    spec2, params2 = import_onnx(save(tmp_path, model))
    assert len(spec2.nodes) == len(spec.nodes) and len(spec2.connections) == len(spec.connections)
    assert spec2.output_node.loss == spec.output_node.loss or spec.output_node.loss == "mse"
    x = inputs(spec)
    want = compile_model(spec, params).forward(x)
    np.testing.assert_allclose(compile_model(spec2, params2).forward(x), want, rtol=1e-6, atol=1e-9)


def foreign(nodes, inits, n_in=3, n_out=2, name="foreign"):
    graph = helper.make_graph(
        nodes, name, [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", n_in])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", n_out])],
        [numpy_helper.from_array(np.asarray(v, np.float32), k) for k, v in inits.items()])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def test_a_pytorch_style_model_with_matmul_add_and_a_skip_is_imported(tmp_path):
    rng = np.random.default_rng(0)
    w1, b1, w2, ws, b2 = (rng.normal(size=s) for s in ((3, 4), (4,), (4, 2), (3, 2), (2,)))
    nodes = [helper.make_node("MatMul", ["input", "w1"], ["/fc1/MatMul"], name="/fc1/MatMul"),
             helper.make_node("Add", ["/fc1/MatMul", "b1"], ["/fc1/Add"], name="/fc1/Add"),
             helper.make_node("Relu", ["/fc1/Add"], ["/act/Relu"], name="/act/Relu"),
             helper.make_node("Gemm", ["/act/Relu", "w2", "b2"], ["/fc2/Gemm"], name="/fc2/Gemm"),
             helper.make_node("MatMul", ["input", "ws"], ["/skip/MatMul"], name="/skip/MatMul"),
             helper.make_node("Add", ["/fc2/Gemm", "/skip/MatMul"], ["/sum"], name="/sum"),
             helper.make_node("Softmax", ["/sum"], ["logits"], name="/softmax", axis=1)]
    path = save(tmp_path, foreign(nodes, {"w1": w1, "b1": b1, "w2": w2, "ws": ws, "b2": b2}))
    spec, params = import_onnx(path)
    assert [n.activation for n in spec.nodes.values()] == ["identity", "relu", "softmax"]
    assert spec.output_node.loss == "ce" and len(spec.connections) == 3
    x = rng.normal(size=(5, 3))
    h = np.maximum(x @ w1.astype(np.float32) + b1.astype(np.float32), 0)
    z = h @ w2.astype(np.float32) + b2.astype(np.float32) + x @ ws.astype(np.float32)
    want = np.exp(z - z.max(1, keepdims=True))
    want /= want.sum(1, keepdims=True)
    np.testing.assert_allclose(compile_model(spec, params).forward(x), want, rtol=1e-9)


@pytest.mark.parametrize("bad, culprit", [
    (helper.make_node("Conv", ["input", "w"], ["logits"], name="conv1"), "conv1"),
    (helper.make_node("Mul", ["input", "input"], ["logits"], name="square"), "square"),
])
def test_an_unsupported_node_is_refused_by_name(bad, culprit, tmp_path):
    path = save(tmp_path, foreign([bad], {"w": np.ones((2, 3, 1, 1))}))
    with pytest.raises(UnsupportedModel, match=f"node '{culprit}'") as e:
        import_onnx(path)
    assert e.value.node == culprit and "\n" not in str(e.value)


def test_the_first_unsupported_node_is_named_and_a_preactivation_read_twice_is_refused(tmp_path):
    w = np.ones((3, 2))
    nodes = [helper.make_node("Gemm", ["input", "w"], ["z"], name="dense"),
             helper.make_node("Tanh", ["z"], ["a"], name="tanh"),
             helper.make_node("Gemm", ["z", "w2"], ["z2"], name="reads z"),
             helper.make_node("LayerNormalization", ["z2", "s"], ["logits"], name="norm")]
    path = save(tmp_path, foreign(nodes, {"w": w.T, "w2": np.ones((2, 2)), "s": np.ones(2)}))
    with pytest.raises(UnsupportedModel, match="node 'reads z'"):
        import_onnx(path)


def test_a_branch_that_leads_nowhere_is_refused(tmp_path):
    nodes = [helper.make_node("Gemm", ["input", "w"], ["logits"], name="dense", transB=1),
             helper.make_node("Gemm", ["input", "w"], ["dead"], name="unused", transB=1)]
    with pytest.raises(UnsupportedModel, match="node 'unused'.*not used"):
        import_onnx(save(tmp_path, foreign(nodes, {"w": np.ones((2, 3))})))


def test_hostile_files_are_refused_cheaply_with_one_line(tmp_path, monkeypatch):
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"\xff\xfe not protobuf " * 50)
    with pytest.raises(ExportError, match="not an ONNX model"):
        import_onnx(junk)
    with pytest.raises(ExportError, match="not a regular file|cannot read"):
        import_onnx(tmp_path)
    with pytest.raises(ExportError, match="cannot read"):
        import_onnx(tmp_path / "missing.onnx")
    big = tmp_path / "big.onnx"
    with open(big, "wb") as f:
        f.truncate(MAX_ONNX_BYTES + 1)   # sparse: refused by its size before a byte is read
    with pytest.raises(ExportError, match="MiB"):
        import_onnx(big)


def test_huge_or_external_tensors_are_refused_before_they_are_made(tmp_path, monkeypatch):
    model = foreign([helper.make_node("Gemm", ["input", "w"], ["logits"], name="dense", transB=1)],
                    {"w": np.ones((2, 3))})
    t = model.graph.initializer[0]
    t.dims[:] = [100_000, 100_000]   # claims 10^10 values without holding them
    with pytest.raises(ExportError, match="more than"):
        import_onnx(save(tmp_path, model, "huge.onnx"))
    t.dims[:] = [2, 3]
    t.data_location = TensorProto.EXTERNAL
    t.external_data.add(key="location", value="../../etc/passwd")
    with pytest.raises(ExportError, match="external file"):
        import_onnx(save(tmp_path, model, "external.onnx"))
    monkeypatch.setattr(onnx_import, "MAX_ONNX_NODES", 1)
    nodes = [helper.make_node("Gemm", ["input", "w"], ["z"], name="a", transB=1),
             helper.make_node("Tanh", ["z"], ["logits"], name="b")]
    with pytest.raises(ExportError, match="nodes"):
        import_onnx(save(tmp_path, foreign(nodes, {"w": np.ones((2, 3))}), "many.onnx"))


def test_a_description_that_disagrees_with_the_graph_is_ignored(tmp_path):
    spec, params = random_network(5)
    model = onnx_model(spec, params, np.float64)
    other, _ = random_network(6)
    import json
    hint = json.loads(model.metadata_props[0].value)
    hint["spec"] = other.to_dict()
    model.metadata_props[0].value = json.dumps(hint)
    spec2, params2 = import_onnx(save(tmp_path, model))
    x = inputs(spec)
    assert spec2 != spec and spec2 != other
    # the graph's own numbers: LeakyRelu's and Elu's alpha are float32 attributes
    np.testing.assert_allclose(compile_model(spec2, params2).forward(x), compile_model(spec, params).forward(x),
                               rtol=1e-6, atol=1e-9)


def test_without_onnx_the_message_says_how_to_install_it(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "onnx", None)
    spec, params = random_network(1)
    with pytest.raises(ExportError, match=r"pip install 'backprop-studio\[onnx\]'"):
        onnx_model(spec, params)


def test_damaged_models_end_in_an_export_error_or_a_network_never_anything_else(tmp_path):
    spec, params = random_network(8)
    blob = bytearray(onnx_model(spec, params).SerializeToString())
    rng = np.random.default_rng(0)
    outcomes = set()
    for k in range(60):
        damaged = bytearray(blob)
        if k % 3 == 0:
            damaged = damaged[: int(rng.integers(1, len(blob)))]
        for _ in range(int(rng.integers(1, 6))):
            damaged[int(rng.integers(len(damaged)))] = int(rng.integers(256))
        path = tmp_path / f"d{k}.onnx"
        path.write_bytes(bytes(damaged))
        try:
            import_onnx(path)
            outcomes.add("read")
        except ExportError as e:
            assert "\n" not in str(e) and str(path) in str(e)
            outcomes.add("refused")
    assert "refused" in outcomes


def test_identity_sum_constant_and_a_sigmoid_output_are_understood(tmp_path):
    rng = np.random.default_rng(2)
    w1, w2, b = rng.normal(size=(4, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2,))
    nodes = [helper.make_node("Constant", [], ["b"], value=numpy_helper.from_array(b.astype(np.float32))),
             helper.make_node("Gemm", ["input", "w1"], ["z1"], name="g1", transB=1),
             helper.make_node("LeakyRelu", ["z1"], ["a1"], name="leaky", alpha=0.2),
             helper.make_node("Identity", ["a1"], ["a1b"], name="same"),
             helper.make_node("MatMul", ["a1b", "w2t"], ["m"], name="m"),
             helper.make_node("Sum", ["m", "b"], ["z2"], name="sum"),
             helper.make_node("Sigmoid", ["z2"], ["logits"], name="sig")]
    spec, params = import_onnx(save(tmp_path, foreign(nodes, {"w1": w1, "w2t": w2.T})))
    assert [n.activation for n in spec.nodes.values()] == ["identity", "leaky_relu", "logistic"]
    assert spec.output_node.loss == "bce"
    assert spec.nodes[list(spec.nodes)[1]].activation_params["gamma"] == pytest.approx(0.2)
