"""Tests for core/optim.py: the lecture's optimisers over NumPy arrays.

The reference values are computed here, in plain Python floats, straight from
the lecture's equations (section "Optimisers"), never by calling the code
under test.
"""
from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.optim import (
    OPTIMIZERS,
    AdaGrad,
    Adam,
    Momentum,
    Optimizer,
    RMSProp,
    SGD,
    make_optimizer,
)

NAMES = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]

THETA0 = [1.0, -2.0, 0.5]
# Fixed gradient sequence; the 0.0 entries exercise delta (r = 0 there).
GRADS = [
    [0.5, -1.0, 0.0],
    [0.1, 0.3, -0.4],
    [-0.2, 0.0, 1.0],
]
# Non-default hyper-parameters so that a defaults mix-up would show.
HYPER = {
    "sgd": {"lr": 0.2},
    "momentum": {"lr": 0.1, "alpha": 0.8},
    "adagrad": {"lr": 0.3, "delta": 1e-7},
    "rmsprop": {"lr": 0.05, "rho": 0.7, "delta": 1e-6},
    "adam": {"lr": 0.02, "rho1": 0.8, "rho2": 0.95, "delta": 1e-8},
}


# ---------------------------------------------------------------------------
# the lecture's equations, in plain Python, one coordinate at a time
# ---------------------------------------------------------------------------

def lecture_sgd(theta, grads, lrs, **_):
    """theta <- theta - eps g."""
    theta = list(theta)
    hist = []
    for g, eps in zip(grads, lrs):
        theta = [th - eps * gi for th, gi in zip(theta, g)]
        hist.append({"theta": list(theta)})
    return hist


def lecture_momentum(theta, grads, lrs, alpha, **_):
    """v <- alpha v - eps g; theta <- theta + v."""
    theta = list(theta)
    v = [0.0] * len(theta)
    hist = []
    for g, eps in zip(grads, lrs):
        v = [alpha * vi - eps * gi for vi, gi in zip(v, g)]
        theta = [th + vi for th, vi in zip(theta, v)]
        hist.append({"theta": list(theta), "v": list(v)})
    return hist


def lecture_adagrad(theta, grads, lrs, delta, **_):
    """r <- r + g^2; theta <- theta - eps / (sqrt(r) + delta) * g."""
    theta = list(theta)
    r = [0.0] * len(theta)
    hist = []
    for g, eps in zip(grads, lrs):
        r = [ri + gi * gi for ri, gi in zip(r, g)]
        theta = [th - eps / (math.sqrt(ri) + delta) * gi for th, ri, gi in zip(theta, r, g)]
        hist.append({"theta": list(theta), "r": list(r)})
    return hist


def lecture_rmsprop(theta, grads, lrs, rho, delta, **_):
    """r <- rho r + (1 - rho) g^2; theta <- theta - eps / (sqrt(r) + delta) * g."""
    theta = list(theta)
    r = [0.0] * len(theta)
    hist = []
    for g, eps in zip(grads, lrs):
        r = [rho * ri + (1 - rho) * gi * gi for ri, gi in zip(r, g)]
        theta = [th - eps / (math.sqrt(ri) + delta) * gi for th, ri, gi in zip(theta, r, g)]
        hist.append({"theta": list(theta), "r": list(r)})
    return hist


def lecture_adam(theta, grads, lrs, rho1, rho2, delta, **_):
    """s, r moments; s_hat = s/(1-rho1^t), r_hat = r/(1-rho2^t);
    theta <- theta - eps s_hat / (sqrt(r_hat) + delta)   (no extra g)."""
    theta = list(theta)
    s = [0.0] * len(theta)
    r = [0.0] * len(theta)
    hist = []
    for t, (g, eps) in enumerate(zip(grads, lrs), start=1):
        s = [rho1 * si + (1 - rho1) * gi for si, gi in zip(s, g)]
        r = [rho2 * ri + (1 - rho2) * gi * gi for ri, gi in zip(r, g)]
        s_hat = [si / (1 - rho1**t) for si in s]
        r_hat = [ri / (1 - rho2**t) for ri in r]
        theta = [th - eps * sh / (math.sqrt(rh) + delta) for th, sh, rh in zip(theta, s_hat, r_hat)]
        hist.append({"theta": list(theta), "s": list(s), "r": list(r),
                     "s_hat": s_hat, "r_hat": r_hat})
    return hist


LECTURE = {
    "sgd": lecture_sgd,
    "momentum": lecture_momentum,
    "adagrad": lecture_adagrad,
    "rmsprop": lecture_rmsprop,
    "adam": lecture_adam,
}


def run(opt: Optimizer, grad_arrays, grad_values, lrs=None):
    """Step ``opt`` once per gradient, filling the gradient array in place."""
    out = []
    for i, gv in enumerate(grad_values):
        if lrs is not None:
            opt.hyper["lr"] = lrs[i]
        grad_arrays[0][...] = gv
        opt.step()
        out.append(opt.params[0].copy())
    return out


def fresh(name, dtype=np.float64, theta=THETA0, **hyper):
    p = np.array(theta, dtype=dtype)
    g = np.zeros_like(p)
    return make_optimizer(name, [p], [g], **hyper), g


# ---------------------------------------------------------------------------
# the lecture's numbers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_first_three_steps_follow_the_lecture(name):
    hp = HYPER[name]
    opt, g = fresh(name, **hp)
    expected = LECTURE[name](THETA0, GRADS, [hp["lr"]] * 3, **hp)
    for k, (gv, exp) in enumerate(zip(GRADS, expected), start=1):
        g[...] = gv
        opt.step()
        assert opt.t == k
        assert opt.params[0].tolist() == pytest.approx(exp["theta"], rel=1e-12, abs=1e-15)
        state = opt.state_dict()["state"][0]
        for key in opt.state_keys:
            assert state[key].tolist() == pytest.approx(exp[key], rel=1e-12, abs=1e-15)


def test_hand_worked_numbers():
    """A few values worked out on paper, independent of any loop."""
    # SGD, eps = 0.2: 1 - 0.2*0.5 = 0.9; -2 + 0.2 = -1.8; 0.5 - 0 = 0.5.
    opt, g = fresh("sgd", lr=0.2)
    g[...] = GRADS[0]
    opt.step()
    assert opt.params[0].tolist() == pytest.approx([0.9, -1.8, 0.5], rel=1e-15)

    # Momentum, eps 0.1, alpha 0.8: v1 = -0.1*g1 = [-0.05, 0.1, 0];
    # v2 = 0.8*v1 - 0.1*g2 = [-0.05, 0.05, 0.04];
    # theta2 = [1 - 0.1, -2 + 0.15, 0.5 + 0.04] = [0.9, -1.85, 0.54].
    opt, g = fresh("momentum", lr=0.1, alpha=0.8)
    run(opt, [g], GRADS[:2])
    assert opt.state_dict()["state"][0]["v"].tolist() == pytest.approx([-0.05, 0.05, 0.04], rel=1e-13)
    assert opt.params[0].tolist() == pytest.approx([0.9, -1.85, 0.54], rel=1e-13)

    # AdaGrad, eps 0.3: first step r = g^2, so theta moves by
    # -0.3 * g / (|g| + delta): almost exactly 0.3 against the sign of g,
    # and not at all where g = 0 (0 / delta = 0, no division by zero).
    opt, g = fresh("adagrad", lr=0.3, delta=1e-7)
    g[...] = GRADS[0]
    opt.step()
    assert opt.params[0].tolist() == pytest.approx(
        [1.0 - 0.3 * 0.5 / (0.5 + 1e-7), -2.0 + 0.3 * 1.0 / (1.0 + 1e-7), 0.5], rel=1e-15)

    # RMSProp, rho 0.75, eps 0.1: r1 = 0.25 g^2 -> sqrt(r1) = 0.5 |g|;
    # step = 0.1 * g / (0.5 |g|) = 0.2 sign(g) (delta negligible).
    opt, g = fresh("rmsprop", lr=0.1, rho=0.75, delta=1e-12)
    g[...] = GRADS[0]
    opt.step()
    assert opt.params[0].tolist() == pytest.approx([0.8, -1.8, 0.5], rel=1e-10)

    # Adam: at t = 1 the bias corrections give s_hat = g, r_hat = g^2, so
    # the step is eps * g / (|g| + delta): eps against the sign of g.
    opt, g = fresh("adam", lr=0.02, rho1=0.8, rho2=0.95, delta=1e-8)
    g[...] = GRADS[0]
    opt.step()
    assert opt.params[0].tolist() == pytest.approx([0.98, -1.98, 0.5], rel=1e-9)


def test_adam_has_no_stray_factor_g():
    """The slide's trailing g is a typo: scaling g must not scale step 1."""
    moves = []
    for scale in (1.0, 1000.0):
        opt, g = fresh("adam", lr=0.01)
        g[...] = [scale * x for x in GRADS[0]]
        opt.step()
        moves.append(opt.params[0] - np.array(THETA0))
    np.testing.assert_allclose(moves[0], moves[1], rtol=1e-6)
    assert np.max(np.abs(moves[1])) == pytest.approx(0.01, rel=1e-6)


# ---------------------------------------------------------------------------
# live hyper-parameters
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_lr_change_applies_at_next_step(name):
    hp = HYPER[name]
    lrs = [hp["lr"], 3.0 * hp["lr"], 0.5 * hp["lr"]]
    opt, g = fresh(name, **hp)
    got = run(opt, [g], GRADS, lrs=lrs)
    expected = LECTURE[name](THETA0, GRADS, lrs, **hp)
    for th, exp in zip(got, expected):
        assert th.tolist() == pytest.approx(exp["theta"], rel=1e-12, abs=1e-15)
    # and differs from the constant-lr run from the second step on
    constant = LECTURE[name](THETA0, GRADS, [hp["lr"]] * 3, **hp)
    assert got[0].tolist() == pytest.approx(constant[0]["theta"], rel=1e-12, abs=1e-15)
    assert got[1].tolist() != pytest.approx(constant[1]["theta"], rel=1e-6)


def test_other_hyper_change_applies_at_next_step():
    opt, g = fresh("adam", **HYPER["adam"])
    g[...] = GRADS[0]
    opt.step()
    opt.hyper["rho1"] = 0.5
    g[...] = GRADS[1]
    opt.step()
    # by hand: s1 = 0.2 g1; s2 = 0.5 s1 + 0.5 g2, bias corrected by 1 - 0.5^2
    s2 = [0.5 * 0.2 * a + 0.5 * b for a, b in zip(GRADS[0], GRADS[1])]
    assert opt.state_dict()["state"][0]["s"].tolist() == pytest.approx(s2, rel=1e-13)


def test_hyper_assignment_is_validated():
    opt, _ = fresh("rmsprop")
    with pytest.raises(ValueError, match="'bogus'.*lr, rho, delta"):
        opt.hyper["bogus"] = 1.0
    with pytest.raises(ValueError, match="'lr'"):
        opt.hyper["lr"] = -0.1
    with pytest.raises(ValueError, match="'rho'"):
        opt.hyper["rho"] = 1.0
    with pytest.raises(ValueError, match="'delta'"):
        opt.hyper["delta"] = 0.0
    with pytest.raises(ValueError, match="finite"):
        opt.hyper["lr"] = float("nan")
    with pytest.raises(ValueError):
        del opt.hyper["lr"]
    with pytest.raises(ValueError, match="'rho'"):
        opt.hyper.update(rho=-0.5)
    assert opt.hyper == RMSProp.defaults
    opt.hyper["lr"] = np.float32(0.5)  # numbers of any kind become Python floats
    assert type(opt.hyper["lr"]) is float and opt.hyper["lr"] == 0.5


# ---------------------------------------------------------------------------
# preview
# ---------------------------------------------------------------------------

def _two_params(name, dtype=np.float64, seed=0, **hyper):
    rng = np.random.default_rng(seed)
    params = [rng.standard_normal((3, 4)).astype(dtype), rng.standard_normal(5).astype(dtype)]
    grads = [np.zeros_like(p) for p in params]
    return make_optimizer(name, params, grads, **hyper), rng


def _fill(opt, rng):
    for g in opt.grads:
        g[...] = rng.standard_normal(g.shape)


@pytest.mark.parametrize("name", NAMES)
def test_preview_is_what_step_does_and_changes_nothing(name):
    opt, rng = _two_params(name, **HYPER[name])
    for _ in range(2):
        _fill(opt, rng)
        opt.step()
    _fill(opt, rng)
    before = [p.copy() for p in opt.params]
    sd_before = opt.state_dict()

    pv = opt.preview()

    for p, b in zip(opt.params, before):
        np.testing.assert_array_equal(p, b)
    sd_after = opt.state_dict()
    assert sd_after["t"] == sd_before["t"] == 2
    for a, b in zip(sd_after["state"], sd_before["state"]):
        for k in a:
            np.testing.assert_array_equal(a[k], b[k])

    expected_keys = {"update", *opt.state_keys}
    if name == "adam":
        expected_keys |= {"s_hat", "r_hat", "step_size"}
    assert [set(e) for e in pv] == [expected_keys] * 2

    opt.step()
    for p, b, e in zip(opt.params, before, pv):
        np.testing.assert_array_equal(p, b + e["update"])  # bit for bit
        assert not np.all(e["update"] == 0)
    for st_now, e in zip(opt.state_dict()["state"], pv):
        for k in opt.state_keys:
            np.testing.assert_array_equal(st_now[k], e[k])

    if name == "adam":
        h, t = opt.hyper, opt.t
        for e in pv:
            np.testing.assert_allclose(e["s_hat"], e["s"] / (1 - h["rho1"] ** t), rtol=1e-15)
            np.testing.assert_allclose(e["r_hat"], e["r"] / (1 - h["rho2"] ** t), rtol=1e-15)
            np.testing.assert_allclose(
                e["step_size"], h["lr"] / (np.sqrt(e["r_hat"]) + h["delta"]), rtol=1e-15)
            # update = -step_size * s_hat (the lecture's form), up to rounding
            np.testing.assert_allclose(e["update"], -e["step_size"] * e["s_hat"], rtol=1e-13)


def test_preview_arrays_are_copies():
    opt, g = fresh("momentum")
    g[...] = GRADS[0]
    pv = opt.preview()
    pv[0]["update"][...] = 99.0
    pv[0]["v"][...] = 99.0
    opt.step()
    assert opt.params[0].tolist() == pytest.approx([1.0 - 0.005, -2.0 + 0.01, 0.5])


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    grads=st.lists(
        st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=4, max_size=4),
        min_size=1, max_size=4),
)
def test_preview_matches_step_for_any_gradients(name, grads):
    opt, g = fresh(name, theta=[0.5, -0.5, 2.0, 0.0])
    for gv in grads:
        g[...] = gv
        before = opt.params[0].copy()
        upd = opt.preview()[0]["update"]
        opt.step()
        np.testing.assert_array_equal(opt.params[0], before + upd)
        assert np.all(np.isfinite(opt.params[0]))


# ---------------------------------------------------------------------------
# state_dict / load_state_dict / reset
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", NAMES)
def test_state_dict_round_trip_is_bit_identical(name, dtype):
    opt, rng = _two_params(name, dtype=dtype, **HYPER[name])
    grad_seq = [[rng.standard_normal(g.shape) for g in opt.grads] for _ in range(5)]

    def feed(o, gs):
        for g, v in zip(o.grads, gs):
            g[...] = v
        o.step()

    for gs in grad_seq[:2]:
        feed(opt, gs)
    saved = opt.state_dict()
    saved_params = [p.copy() for p in opt.params]
    for gs in grad_seq[2:]:
        feed(opt, gs)

    # a fresh optimiser with default hyper-parameters: load must restore them
    params2 = [p.copy() for p in saved_params]
    other = make_optimizer(name, params2, [np.zeros_like(p) for p in params2])
    other.load_state_dict(saved)
    assert other.t == 2
    assert other.hyper == HYPER[name]
    for gs in grad_seq[2:]:
        feed(other, gs)
    for a, b in zip(opt.params, other.params):
        assert a.dtype == b.dtype == dtype
        np.testing.assert_array_equal(a, b)


def test_state_dict_holds_copies():
    opt, g = fresh("adam")
    g[...] = GRADS[0]
    opt.step()
    sd = opt.state_dict()
    sd["state"][0]["s"][...] = 123.0
    sd["hyper"]["lr"] = -5.0
    assert opt.state_dict()["state"][0]["s"].tolist() == pytest.approx([0.05, -0.1, 0.0])
    assert opt.hyper["lr"] == Adam.defaults["lr"]


def test_load_state_dict_accepts_lists_from_json():
    opt, g = fresh("rmsprop")
    g[...] = GRADS[0]
    opt.step()
    sd = opt.state_dict()
    sd["state"] = [{"r": sd["state"][0]["r"].tolist()}]
    other, _ = fresh("rmsprop")
    other.load_state_dict(sd)
    np.testing.assert_array_equal(other.state_dict()["state"][0]["r"], opt.state_dict()["state"][0]["r"])


@pytest.mark.parametrize(
    "corrupt, message",
    [
        (lambda d: d["state"][0].__setitem__("s", np.zeros((3, 5))), r"shape \(3, 5\).*\(3, 4\)"),
        (lambda d: d["state"][1].__setitem__("r", np.zeros(4)), r"shape \(4,\).*\(5,\)"),
        (lambda d: d.__setitem__("name", "rmsprop"), "'rmsprop'.*'adam'"),
        (lambda d: d["state"].pop(), "1 parameter array.*has 2"),
        (lambda d: d["state"][0].pop("r"), "keys"),
        (lambda d: d["state"][0].__setitem__("v", np.zeros((3, 4))), "keys"),
        (lambda d: d["hyper"].__setitem__("beta1", 0.9), "'beta1'.*lr, rho1, rho2, delta"),
        (lambda d: d["hyper"].__setitem__("rho2", 1.5), "'rho2'"),
        (lambda d: d.__setitem__("t", -1), "'t'"),
        (lambda d: d.__setitem__("t", 2.5), "'t'"),
        (lambda d: d["state"][0]["r"].__setitem__((0, 0), -1.0), "negative"),
        (lambda d: d["state"][0]["s"].__setitem__((0, 0), np.nan), "not finite"),
        (lambda d: d.pop("state"), "lacks 'state'"),
    ],
)
def test_load_state_dict_rejects_bad_dicts(corrupt, message):
    opt, rng = _two_params("adam")
    _fill(opt, rng)
    opt.step()
    bad = opt.state_dict()
    corrupt(bad)
    target, rng2 = _two_params("adam", lr=0.5)
    _fill(target, rng2)
    target.step()
    target.step()
    before = target.state_dict()
    with pytest.raises(ValueError, match=message):
        target.load_state_dict(bad)
    # nothing changed
    after = target.state_dict()
    assert after["t"] == 2 and after["hyper"] == before["hyper"]
    for a, b in zip(after["state"], before["state"]):
        for k in a:
            np.testing.assert_array_equal(a[k], b[k])


@pytest.mark.parametrize("name", NAMES)
def test_reset_starts_over(name):
    opt, g = fresh(name, **HYPER[name])
    run(opt, [g], GRADS)
    opt.reset()
    assert opt.t == 0
    for st_ in opt.state_dict()["state"]:
        for a in st_.values():
            assert not a.any()
    assert opt.hyper == HYPER[name]
    # from the current point, it behaves like a brand-new optimiser
    start = opt.params[0].tolist()
    run(opt, [g], GRADS[:2])
    expected = LECTURE[name](start, GRADS[:2], [HYPER[name]["lr"]] * 2, **HYPER[name])
    assert opt.params[0].tolist() == pytest.approx(expected[-1]["theta"], rel=1e-12, abs=1e-15)


# ---------------------------------------------------------------------------
# dtypes, allocation, construction
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name):
    opt32, g32 = fresh(name, dtype=np.float32, **HYPER[name])
    opt64, g64 = fresh(name, dtype=np.float64, **HYPER[name])
    p32 = opt32.params[0]
    for gv in GRADS:
        g32[...] = gv
        g64[...] = gv
        pv = opt32.preview()
        for k, a in pv[0].items():
            assert a.dtype == np.float32, k
        opt32.step()
        opt64.step()
    assert opt32.params[0] is p32 and p32.dtype == np.float32
    for a in opt32.state_dict()["state"][0].values():
        assert a.dtype == np.float32
    np.testing.assert_allclose(p32, opt64.params[0], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_step_does_not_allocate(name):
    n = 20_000  # 160 kB per float64 array: any temporary would show
    p = np.linspace(-1.0, 1.0, n)
    g = np.cos(p)
    opt = make_optimizer(name, [p], [g])
    opt.step()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(10):
            opt.step()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - base < 8 * n // 10, f"step() allocated {peak - base} bytes"
    assert opt.t == 11


def test_params_are_updated_in_place_and_grads_read_live():
    p = np.zeros(3)
    g = np.zeros(3)
    opt = SGD([p], [g], lr=0.5)
    g[...] = [1.0, 2.0, -4.0]
    opt.step()
    assert p.tolist() == [-0.5, -1.0, 2.0]
    np.multiply(g, 0.5, out=g)  # the trainer writes gradients into g
    opt.step()
    assert p.tolist() == [-0.75, -1.5, 3.0]


def test_views_into_one_flat_vector():
    flat = np.arange(6, dtype=np.float64)
    gflat = np.ones(6)
    W, b = flat[:4].reshape(2, 2), flat[4:]
    opt = Momentum([W, b], [gflat[:4].reshape(2, 2), gflat[4:]], lr=0.5, alpha=0.0)
    opt.step()
    assert flat.tolist() == [-0.5, 0.5, 1.5, 2.5, 3.5, 4.5]


def test_registry_and_class_metadata():
    assert list(OPTIMIZERS) == NAMES
    assert [OPTIMIZERS[n] for n in NAMES] == [SGD, Momentum, AdaGrad, RMSProp, Adam]
    assert {n: set(OPTIMIZERS[n].defaults) for n in NAMES} == {
        "sgd": {"lr"},
        "momentum": {"lr", "alpha"},
        "adagrad": {"lr", "delta"},
        "rmsprop": {"lr", "rho", "delta"},
        "adam": {"lr", "rho1", "rho2", "delta"},
    }
    for cls in OPTIMIZERS.values():
        assert set(cls.hyper_info) == set(cls.defaults)
        assert cls.hyper_info["lr"].startswith("ε")
        assert cls.display_name and cls.update_rule
    assert Adam.defaults == {"lr": 1e-3, "rho1": 0.9, "rho2": 0.999, "delta": 1e-8}
    assert Momentum.hyper_info["alpha"].startswith("α")
    assert Adam.hyper_info["rho1"].startswith("ρ1")


def test_make_optimizer_errors_name_the_culprit():
    p, g = np.zeros(2), np.zeros(2)
    with pytest.raises(ValueError, match="'nadam'.*sgd, momentum, adagrad, rmsprop, adam"):
        make_optimizer("nadam", [p], [g])
    with pytest.raises(ValueError, match="'beta1'.*lr, rho1, rho2, delta"):
        make_optimizer("adam", [p], [g], beta1=0.9)
    with pytest.raises(ValueError, match="'momentum'.*lr, alpha"):
        make_optimizer("momentum", [p], [g], momentum=0.9)
    opt = make_optimizer("Adam", [p], [g], lr=0.5)
    assert isinstance(opt, Adam) and opt.hyper["lr"] == 0.5


def test_construction_checks_arrays():
    p = np.zeros(3)
    with pytest.raises(ValueError, match="shape"):
        SGD([p], [np.zeros(4)])
    with pytest.raises(ValueError, match="1 parameter array.*2 gradient"):
        SGD([p], [np.zeros(3), np.zeros(3)])
    with pytest.raises(ValueError, match="floating"):
        SGD([np.zeros(3, dtype=int)], [np.zeros(3)])
    ro = np.zeros(3)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        SGD([ro], [np.zeros(3)])
    with pytest.raises(TypeError, match="list of arrays"):
        SGD(p, np.zeros(3))


# ---------------------------------------------------------------------------
# learning and agreement with torch.optim
# ---------------------------------------------------------------------------

def _quadratic(dim=10, seed=1):
    """f(theta) = 1/2 (theta - c)^T A (theta - c), A SPD with eigenvalues 0.5..2."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
    A = q @ np.diag(np.linspace(0.5, 2.0, dim)) @ q.T
    c = rng.standard_normal(dim)
    theta0 = c + rng.standard_normal(dim)
    return A, c, theta0


# Defaults except where 500 steps of the default lr cannot cover a distance
# of about 3: AdaGrad's steps shrink like 1/sqrt(t), RMSProp and Adam move
# about lr per step.
LEARNING_LR = {"sgd": None, "momentum": None, "adagrad": 0.5, "rmsprop": 0.01, "adam": 0.05}


@pytest.mark.parametrize("name", NAMES)
def test_reduces_convex_quadratic_loss(name):
    A, c, theta0 = _quadratic()
    p = theta0.copy()
    g = np.zeros_like(p)
    hyper = {} if LEARNING_LR[name] is None else {"lr": LEARNING_LR[name]}
    opt = make_optimizer(name, [p], [g], **hyper)

    def loss():
        d = p - c
        return 0.5 * d @ A @ d

    start = loss()
    for _ in range(500):
        np.matmul(A, p - c, out=g)
        opt.step()
    assert loss() < 0.1 * start


TORCH_CASES = {
    "sgd": ("SGD", {"lr": 0.1}, {"lr": 0.1}),
    "momentum": ("SGD", {"lr": 0.05, "alpha": 0.9}, {"lr": 0.05, "momentum": 0.9, "dampening": 0.0}),
    "adagrad": ("Adagrad", {"lr": 0.3, "delta": 1e-7},
                {"lr": 0.3, "eps": 1e-7, "initial_accumulator_value": 0.0, "lr_decay": 0.0}),
    "rmsprop": ("RMSprop", {"lr": 0.02, "rho": 0.8, "delta": 1e-6},
                {"lr": 0.02, "alpha": 0.8, "eps": 1e-6, "momentum": 0.0, "centered": False}),
    "adam": ("Adam", {"lr": 0.05, "rho1": 0.8, "rho2": 0.99, "delta": 1e-8},
             {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-8}),
}


@pytest.mark.parametrize("name", NAMES)
def test_matches_torch_optim_trajectory(name):
    """torch.optim on the same quadratic, 20 steps, float64.

    Momentum: torch keeps b <- alpha b + g, theta <- theta - lr b, which is
    the lecture's v = -lr b while lr is constant (it is here).
    """
    torch = pytest.importorskip("torch")
    torch_name, ours, theirs = TORCH_CASES[name]
    A, c, theta0 = _quadratic(seed=3)
    p = theta0.copy()
    g = np.zeros_like(p)
    opt = make_optimizer(name, [p], [g], **ours)
    tp = torch.nn.Parameter(torch.tensor(theta0, dtype=torch.float64))
    topt = getattr(torch.optim, torch_name)([tp], **theirs)
    tA = torch.tensor(A)
    tc = torch.tensor(c)
    for _ in range(20):
        np.matmul(A, p - c, out=g)
        opt.step()
        tp.grad = tA @ (tp.detach() - tc)
        topt.step()
        np.testing.assert_allclose(p, tp.detach().numpy(), rtol=1e-11, atol=1e-13)
    assert not np.allclose(p, theta0)
