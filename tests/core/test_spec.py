"""The network as data: building, refusals, problems, plain-data round trip."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.activations import ACTIVATIONS
from core.spec import (
    INITIALISERS,
    Connection,
    CycleError,
    NetworkSpec,
    Node,
    SpecError,
    sequential,
)


def _inp(units=2, id="in"):
    return Node(id, "input", units, bias=False)


def _out(units=1, id="out", act="identity", loss="mse"):
    return Node(id, "output", units, act, loss=loss)


def small() -> NetworkSpec:
    s = NetworkSpec()
    s.add_node(_inp(2))
    s.add_node(Node("h", "layer", 3, "tanh"))
    s.add_node(_out(1))
    s.connect("in", "h", "c1")
    s.connect("h", "out", "c2")
    return s


def wheres(spec: NetworkSpec) -> dict:
    return {p.where: p.message for p in spec.problems()}


# --- building ----------------------------------------------------------------------


def test_build_small_network():
    s = small()
    assert list(s.nodes) == ["in", "h", "out"]
    assert [(c.src, c.dst) for c in s.connections.values()] == [("in", "h"), ("h", "out")]
    assert s.input_node.id == "in" and s.output_node.id == "out"
    assert [c.id for c in s.incoming("h")] == ["c1"] and [c.id for c in s.outgoing("h")] == ["c2"]
    assert s.problems() == []
    s.validate()  # quiet
    assert s.new_id("c") == "c3"


def test_add_node_refuses_bad_fields_naming_the_node():
    s = NetworkSpec()
    s.add_node(_inp())
    with pytest.raises(SpecError, match="already"):
        s.add_node(Node("in", "layer", 2))
    with pytest.raises(SpecError, match="units") as e:
        s.add_node(Node("h", "layer", 0))
    assert e.value.where == "h"
    with pytest.raises(SpecError, match="exactly one unit"):
        s.add_node(Node("n", "neuron", 2))
    with pytest.raises(SpecError, match="unknown kind"):
        s.add_node(Node("x", "blob", 2))
    with pytest.raises(SpecError, match="unknown activation 'nope'") as e:
        s.add_node(Node("h2", "layer", 2, "nope", name="Hidden two"))
    assert e.value.where == "h2" and "Hidden two" in str(e.value)
    with pytest.raises(SpecError, match="softmax is only offered on the output"):
        s.add_node(Node("h3", "layer", 2, "softmax"))
    with pytest.raises(SpecError, match="needs a softmax output"):
        s.add_node(Node("o", "output", 3, "logistic", loss="ce"))
    with pytest.raises(SpecError, match="needs a logistic output"):
        s.add_node(Node("o", "output", 3, "tanh", loss="bce"))
    with pytest.raises(SpecError, match="only the output node carries a loss"):
        s.add_node(Node("h4", "layer", 2, loss="mse"))
    with pytest.raises(SpecError, match="initialiser"):
        s.add_node(Node("h5", "layer", 2, init="magic"))
    assert list(s.nodes) == ["in"]  # nothing bad got in
    # aliases are fine for the loss' activation
    s.add_node(Node("o", "output", 1, "sigmoid", loss="bce"))


# --- connecting ------------------------------------------------------------------------


def test_connect_refusals():
    s = small()
    s.add_node(Node("h2", "layer", 2))
    n_before = len(s.connections)
    with pytest.raises(SpecError, match="itself") as e:
        s.connect("h", "h")
    assert e.value.where == "h"
    with pytest.raises(SpecError, match="input") as e:
        s.connect("h", "in")
    assert e.value.where == "in"
    with pytest.raises(SpecError, match="output") as e:
        s.connect("out", "h2")
    assert e.value.where == "out"
    with pytest.raises(SpecError, match="already connected"):
        s.connect("in", "h")
    with pytest.raises(SpecError, match="no node 'ghost'"):
        s.connect("ghost", "h")
    with pytest.raises(SpecError, match="already a connection with id"):
        s.connect("in", "h2", "c1")
    assert len(s.connections) == n_before
    for src, dst in [("h", "h"), ("h", "in"), ("out", "h2"), ("in", "h"), ("ghost", "h"), ("h", "ghost")]:
        assert not s.can_connect(src, dst), (src, dst)
    for src, dst in [("in", "h2"), ("h2", "out"), ("h", "h2"), ("in", "out"), ("h2", "h")]:
        assert s.can_connect(src, dst), (src, dst)
    assert len(s.connections) == n_before  # can_connect only asks


def test_cycle_error_names_the_nodes_on_the_cycle():
    s = NetworkSpec()
    for nid, name in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]:
        s.add_node(Node(nid, "layer", 2, name=name))
    s.add_node(Node("d", "layer", 2, name="Delta"))
    s.connect("a", "b")
    s.connect("b", "c")
    s.connect("d", "a")  # not on the cycle
    assert not s.can_connect("c", "a")
    with pytest.raises(CycleError) as e:
        s.connect("c", "a")
    assert e.value.cycle == ["a", "b", "c"]
    msg = str(e.value)
    assert "Alpha → Beta → Gamma → Alpha" in msg
    assert "Delta" not in msg
    assert isinstance(e.value, SpecError)
    assert len(s.connections) == 3


def test_add_connection_checks_removed_edges():
    s = small()
    s.disconnect("c2")
    with pytest.raises(SpecError, match="removed edge"):
        s.add_connection(Connection("c2", "h", "out", [(3, 0)]))
    s.add_connection(Connection("c2", "h", "out", [(2, 0)]))
    assert s.problems() == []


def test_set_edge_toggles_and_refuses_out_of_range():
    s = small()
    s.set_edge("c1", 1, 2, False)
    s.set_edge("c1", 0, 0, False)
    assert s.connections["c1"].removed == [(0, 0), (1, 2)]
    s.set_edge("c1", 0, 0, True)
    assert s.connections["c1"].removed == [(1, 2)]
    with pytest.raises(SpecError):
        s.set_edge("c1", 2, 0, False)  # 'in' has only units 0 and 1
    assert s.connections["c1"].removed == [(1, 2)]
    edges = {(c.id, i, j) for c, i, j in s.edges()}
    assert ("c1", 1, 2) not in edges and len(edges) == 2 * 3 - 1 + 3


def test_remove_node_takes_its_connections():
    s = small()
    node, gone = s.remove_node("h")
    assert node.id == "h" and {c.id for c in gone} == {"c1", "c2"}
    assert s.connections == {}


# --- problems --------------------------------------------------------------------------


def test_problem_node_not_reaching_output():
    s = small()
    s.add_node(Node("dead", "layer", 2, name="dead end"))
    s.connect("in", "dead")
    probs = wheres(s)
    assert set(probs) == {"dead"}
    assert "dead end does not reach the output" in probs["dead"]
    with pytest.raises(SpecError, match="dead end does not reach the output"):
        s.validate()


def test_problem_node_without_input():
    s = small()
    s.add_node(Node("float", "layer", 2))
    s.connect("float", "out")
    assert "has no incoming connection" in wheres(s)["float"]


def test_problem_output_without_loss():
    s = NetworkSpec()
    s.add_node(_inp())
    s.add_node(Node("out", "output", 1, "identity", name="Result"))
    s.connect("in", "out")
    probs = wheres(s)
    assert probs == {"out": "the output Result has no loss"}


def test_problem_mask_of_wrong_shape_names_connection():
    s = small()
    s.set_edge("c1", 1, 2, False)  # edge from in unit 1 to h unit 2
    assert s.problems() == []
    s.nodes["h"].units = 2  # the layer shrank: unit 2 is gone
    probs = wheres(s)
    assert "c1" in probs
    assert "mask of the wrong shape" in probs["c1"] and "(1, 2)" in probs["c1"]


def test_problem_unknown_activation_names_node():
    s = small()
    s.nodes["h"].activation = "swishy"
    probs = wheres(s)
    assert set(probs) == {"h"}
    assert "unknown activation 'swishy'" in probs["h"]


def test_problem_ce_with_non_softmax_output():
    s = small()
    out = s.nodes["out"]
    out.units, out.activation, out.loss = 3, "logistic", "ce"
    probs = wheres(s)
    assert set(probs) == {"out"}
    assert "ce loss needs a softmax output, not logistic" in probs["out"]
    out.activation = "softmax"
    assert s.problems() == []
    out.units = 1
    assert "at least 2 output units" in wheres(s)["out"]


def test_problem_input_and_output_counts():
    s = NetworkSpec()
    msgs = [p.message for p in s.problems()]
    assert "add an input node" in msgs and "add an output node" in msgs
    s = small()
    s.add_node(_inp(id="in2"))
    s.connect("in2", "h")
    assert wheres(s) == {"in2": "only one input node is allowed"}
    with pytest.raises(SpecError, match="more than one input"):
        s.input_node


def test_problem_cycle_reported():
    s = small()
    s.add_node(Node("h2", "layer", 2))
    s.connect("h", "h2")
    s.connect("h2", "out")
    s.connections["back"] = Connection("back", "h2", "h")  # sneaked in, e.g. by a bad file
    probs = s.problems()
    assert len(probs) == 1 and probs[0].where in ("h", "h2")
    assert "cycle" in probs[0].message
    assert "h → h2 → h" in probs[0].message or "h2 → h → h2" in probs[0].message
    with pytest.raises(CycleError):
        s.topological_order()


# --- order and depth ---------------------------------------------------------------------


def skip_dag() -> NetworkSpec:
    """in → h1 → h2 → out with skips in→h2, h1→out, in→out; nodes added out of order."""
    s = NetworkSpec()
    s.add_node(_out(1))
    s.add_node(Node("h2", "layer", 3, "relu"))
    s.add_node(_inp(2))
    s.add_node(Node("h1", "layer", 4, "tanh"))
    for src, dst in [("h2", "out"), ("in", "h2"), ("h1", "out"), ("in", "out"), ("h1", "h2"), ("in", "h1")]:
        s.connect(src, dst)
    return s


def test_topological_order_with_skip_connections():
    s = skip_dag()
    order = s.topological_order()
    assert sorted(order) == sorted(s.nodes)
    pos = {n: k for k, n in enumerate(order)}
    for c in s.connections.values():
        assert pos[c.src] < pos[c.dst], c
    assert order == ["in", "h1", "h2", "out"]  # the only valid order here


def test_depths_are_longest_paths():
    s = skip_dag()
    assert s.depths() == {"in": 0, "h1": 1, "h2": 2, "out": 3}
    s.disconnect(next(c.id for c in s.connections.values() if (c.src, c.dst) == ("h1", "h2")))
    assert s.depths() == {"in": 0, "h1": 1, "h2": 1, "out": 2}


# --- sequential --------------------------------------------------------------------------


def test_sequential_builds_the_lecture_shape():
    s = sequential([3, 4, 1, 2], activation="relu", output="softmax", loss="ce", init="he_normal")
    assert [(n.id, n.kind, n.units) for n in s.nodes.values()] == [
        ("in", "input", 3), ("h1", "layer", 4), ("h2", "neuron", 1), ("out", "output", 2)]
    assert [(c.id, c.src, c.dst) for c in s.connections.values()] == [
        ("c1", "in", "h1"), ("c2", "h1", "h2"), ("c3", "h2", "out")]
    assert s.nodes["h1"].activation == "relu" and s.nodes["h1"].init == "he_normal"
    assert s.nodes["out"].activation == "softmax" and s.nodes["out"].loss == "ce"
    assert not s.nodes["in"].bias
    assert s.problems() == []
    assert s.depths() == {"in": 0, "h1": 1, "h2": 2, "out": 3}
    # defaults: tanh hidden, logistic output, bce
    d = sequential([2, 1])
    assert d.nodes["out"].activation == "logistic" and d.nodes["out"].loss == "bce"
    assert list(d.connections) == ["c1"]
    with pytest.raises(SpecError):
        sequential([3])
    with pytest.raises(SpecError, match="needs a softmax"):
        sequential([2, 3, 2], output="logistic", loss="ce")


# --- plain data ------------------------------------------------------------------------------


def test_to_dict_from_dict_round_trip_small():
    s = skip_dag()
    s.nodes["h1"].meta["pos"] = [10.0, 20.0]
    s.set_edge(next(iter(s.connections)), 2, 0, False)
    d = s.to_dict()
    back = NetworkSpec.from_dict(json.loads(json.dumps(d)))
    assert back == s and back.to_dict() == d
    assert back.topological_order() == s.topological_order()
    c = s.copy()
    c.nodes["h1"].meta["pos"][0] = 99.0
    c.nodes["h1"].units = 7
    assert s.nodes["h1"].meta["pos"] == [10.0, 20.0] and s.nodes["h1"].units == 4


HIDDEN_ACTS = sorted(a for a in ACTIVATIONS if a != "softmax")
OUTPUTS = [("identity", "mse"), ("tanh", "mse"), ("logistic", "bce"), ("softmax", "ce"), ("softmax", "mse")]
_ident = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True)


@st.composite
def random_specs(draw):
    n_hidden = draw(st.integers(0, 5))
    ids = draw(st.lists(_ident, min_size=n_hidden + 2, max_size=n_hidden + 2, unique=True))
    s = NetworkSpec()
    order = []
    in_units = draw(st.integers(1, 6))
    nodes = [Node(ids[0], "input", in_units, bias=False, name=draw(st.text(max_size=8)))]
    for k in range(n_hidden):
        act = draw(st.sampled_from(HIDDEN_ACTS))
        params = {p: draw(st.floats(0.01, 3.0)) for p in ACTIVATIONS[act].params if draw(st.booleans())}
        units = draw(st.integers(1, 6))
        nodes.append(Node(
            ids[k + 1], "neuron" if units == 1 and draw(st.booleans()) else "layer", units, act,
            params, draw(st.booleans()), draw(st.sampled_from(INITIALISERS)),
            draw(st.floats(0.1, 2.0)), draw(st.text(max_size=8)), None,
            {"pos": [draw(st.floats(-500, 500)), draw(st.floats(-500, 500))]} if draw(st.booleans()) else {},
        ))
    out_act, loss = draw(st.sampled_from(OUTPUTS))
    nodes.append(Node(ids[-1], "output", draw(st.integers(2, 4)), out_act, loss=loss))
    # insert in a random order; connections only go forward in the list order
    for node in draw(st.permutations(nodes)):
        s.add_node(node)
    order = [n.id for n in nodes]
    for a in range(len(order)):
        for b in range(a + 1, len(order)):
            if draw(st.booleans()):
                c = s.connect(order[a], order[b], f"e{a}_{b}")
                nu_src, nu_dst = s.nodes[order[a]].units, s.nodes[order[b]].units
                pairs = draw(st.lists(st.tuples(st.integers(0, nu_src - 1), st.integers(0, nu_dst - 1)),
                                      max_size=4))
                for i, j in pairs:
                    s.set_edge(c.id, i, j, False)
    return s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_specs())
def test_round_trip_random_dags(spec):
    d = spec.to_dict()
    text = json.dumps(d)
    back = NetworkSpec.from_dict(json.loads(text))
    assert back == spec
    assert back.to_dict() == d
    assert json.dumps(back.to_dict()) == text
    assert back.topological_order() == spec.topological_order()
    assert [(c.id, i, j) for c, i, j in back.edges()] == [(c.id, i, j) for c, i, j in spec.edges()]
    assert [(p.where, p.message) for p in back.problems()] == [(p.where, p.message) for p in spec.problems()]


@pytest.mark.parametrize("mutate,field", [
    (lambda d: d["nodes"][1].update(units="3"), "nodes[1].units must be int, not str"),
    (lambda d: d["nodes"][1].update(units=True), "nodes[1].units must be int, not bool"),
    (lambda d: d["nodes"][0].update(bias="no"), "nodes[0].bias must be bool"),
    (lambda d: d["nodes"][1].update(init_scale="big"), "nodes[1].init_scale must be float"),
    (lambda d: d["nodes"][1].update(activation=3), "nodes[1].activation must be str"),
    (lambda d: d["nodes"][1].update(activation_params={"gamma": "x"}), "nodes[1].activation_params.gamma"),
    (lambda d: d["nodes"][2].update(loss=5), "nodes[2].loss must be a string"),
    (lambda d: d["nodes"][1].update(meta=[1]), "nodes[1].meta must be dict"),
    (lambda d: d["nodes"][1].pop("id"), "nodes[1] is missing 'id'"),
    (lambda d: d["nodes"].__setitem__(1, "h"), "nodes[1] must be an object"),
    (lambda d: d["connections"][0].update(src=1), "connections[0].src must be str"),
    (lambda d: d["connections"][1].update(dst="ghost"), "connections[1] (c2) refers to a node 'ghost'"),
    (lambda d: d["connections"][0].update(removed=[[0]]), "connections[0].removed must hold [i, j] pairs"),
    (lambda d: d["connections"][0].update(removed=[[0, 1.5]]), "connections[0].removed must hold"),
    (lambda d: d["connections"][0].update(removed="all"), "connections[0].removed must be list"),
    (lambda d: d.update(nodes={}), "network.nodes must be list"),
    (lambda d: d.pop("nodes"), "network is missing 'nodes'"),
])
def test_from_dict_errors_name_the_field(mutate, field):
    d = json.loads(json.dumps(small().to_dict()))
    mutate(d)
    with pytest.raises(SpecError) as e:
        NetworkSpec.from_dict(d)
    assert field in str(e.value)


def test_from_dict_refuses_non_object_and_bad_structure():
    with pytest.raises(SpecError, match="must be an object"):
        NetworkSpec.from_dict([1, 2])
    d = small().to_dict()
    d["connections"].append({"id": "back", "src": "out", "dst": "h"})
    with pytest.raises(SpecError, match="output"):
        NetworkSpec.from_dict(d)
    d = small().to_dict()
    d["connections"][0]["removed"] = [[5, 0]]
    with pytest.raises(SpecError, match="removed edge"):
        NetworkSpec.from_dict(d)
    # defaults fill in what a minimal file leaves out
    s = NetworkSpec.from_dict({"nodes": [{"id": "x", "kind": "input", "units": 2}]})
    n = s.nodes["x"]
    assert (n.activation, n.bias, n.init, n.init_scale, n.name) == ("identity", True, "xavier_uniform", 1.0, "")
    assert s.connections == {}
    # an int init_scale is accepted as a float
    d = small().to_dict()
    d["nodes"][1]["init_scale"] = 2
    assert NetworkSpec.from_dict(d).nodes["h"].init_scale == 2.0
