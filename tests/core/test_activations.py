"""Activation functions against the lecture's table, written out independently.

Every reference below is scalar Python (``math``), not the engine's NumPy code,
so a slip in either one shows up as a disagreement.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from core.activations import ACTIVATIONS, ALIASES, get_activation

# --- the lecture's table, scalar and independent -------------------------------


def _sig(x: float) -> float:
    # 1/(1+exp(-x)), evaluated on the side where exp cannot overflow.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _phi(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def _Phi(x: float) -> float:
    # erfc keeps the lower tail's digits, where 1 + erf(x/√2) cancels to 0 (x < −9)
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


_C = math.sqrt(2.0 / math.pi)


def _half_1_plus_tanh(u: float) -> float:
    # ½(1 + tanh u), written for u < 0 as e^{2u} / (1 + e^{2u}) so it keeps its digits
    if u >= 0:
        return 0.5 * (1.0 + math.tanh(u))
    e = math.exp(2.0 * u)
    return e / (1.0 + e)


def _gelu_tanh(x):
    return x * _half_1_plus_tanh(_C * (x + 0.044715 * x**3))


def _gelu_tanh_d(x):
    u = _C * (x + 0.044715 * x**3)
    du = _C * (1.0 + 3.0 * 0.044715 * x * x)
    sech2 = 1.0 / math.cosh(u) ** 2 if abs(u) < 350 else 0.0  # cosh overflows past ~710
    return _half_1_plus_tanh(u) + 0.5 * x * sech2 * du


def _swish(x, beta):
    return x * _sig(beta * x)


def _swish_d(x, beta):
    s = _sig(beta * x)
    return s + beta * x * s * (1.0 - s)


# name -> (f(x, **hp), f'(x, **hp)); elementwise ones only (softmax separately).
REFERENCE = {
    "identity": (lambda x: x, lambda x: 1.0),
    "logistic": (lambda x: 1.0 / (1.0 + math.exp(-x)), lambda x: _sig(x) * (1.0 - _sig(x))),
    "tanh": (lambda x: (math.exp(x) - math.exp(-x)) / (math.exp(x) + math.exp(-x)),
             lambda x: 1.0 - math.tanh(x) ** 2),
    "relu": (lambda x: max(0.0, x), lambda x: 1.0 if x > 0 else 0.0),
    "leaky_relu": (lambda x, gamma: x if x > 0 else gamma * x,
                   lambda x, gamma: 1.0 if x > 0 else gamma),
    "prelu": (lambda x, gamma: x if x > 0 else gamma * x,
              lambda x, gamma: 1.0 if x > 0 else gamma),
    # piecewise: the lecture's max(0, x) + min(0, γ(eˣ − 1)) equals it only for γ ≥ 0
    "elu": (lambda x, gamma: x if x > 0 else gamma * (math.exp(x) - 1.0),
            lambda x, gamma: (1.0 if x > 0 else 0.0) + (gamma * math.exp(x) if x <= 0 else 0.0)),
    "softplus": (lambda x: math.log1p(math.exp(x)), lambda x: 1.0 / (1.0 + math.exp(-x))),
    "swish": (_swish, _swish_d),
    "gelu": (lambda x: x * _Phi(x), lambda x: _Phi(x) + x * _phi(x)),
    "gelu_tanh": (_gelu_tanh, _gelu_tanh_d),
    "gelu_sigmoid": (lambda x: x * _sig(1.702 * x),
                     lambda x: _sig(1.702 * x) + 1.702 * x * _sig(1.702 * x) * (1 - _sig(1.702 * x))),
}

# Hyper-parameter values to try for each activation ({} = defaults only).
HYPER = {
    "leaky_relu": [{}, {"gamma": 0.01}, {"gamma": 0.2}, {"gamma": 0.5}],
    "prelu": [{}, {"gamma": 0.25}, {"gamma": 0.1}, {"gamma": 0.7}],
    # negative γ too: f and f' must describe the same function for every γ
    "elu": [{}, {"gamma": 1.0}, {"gamma": 0.5}, {"gamma": 2.0}, {"gamma": -0.5}, {"gamma": -1.0}],
    "swish": [{}, {"beta": 1.0}, {"beta": 0.5}, {"beta": 2.5}],
}

# Non-smooth points (derivative jumps); finite differences stay away from them.
KINKED = {"relu", "leaky_relu", "prelu", "elu"}

CASES = [
    pytest.param(name, hp, id=f"{name}-{'-'.join(f'{k}={v}' for k, v in hp.items()) or 'default'}")
    for name in ACTIVATIONS
    for hp in HYPER.get(name, [{}])
]
ELEMENTWISE_CASES = [c for c in CASES if c.values[0] != "softmax"]

# Moderate inputs where every reference formula is exact in float64.
X = np.concatenate([np.linspace(-6.0, 6.0, 121), [-2.5e-3, 1e-3, 0.0, -0.0, 17.3, -17.3]])
# Same grid without points near a kink.
X_SMOOTH = X[np.abs(X) > 1e-3]

EXTREMES = [-1e4, -1e3, -50.0, 0.0, 50.0, 1e3, 1e4]


def _hp_for_ref(name: str, hp: dict) -> dict:
    """The full hyper-parameters the reference needs: defaults from the lecture."""
    defaults = {"leaky_relu": {"gamma": 0.01}, "prelu": {"gamma": 0.25},
                "elu": {"gamma": 1.0}, "swish": {"beta": 1.0}}
    return {**defaults.get(name, {}), **hp}


def _ref(name, hp, xs, which):
    fn = REFERENCE[name][which]
    full = _hp_for_ref(name, hp)
    return np.array([fn(float(x), **full) for x in xs])


def _ref_softmax(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z, dtype=float)
    for r, row in enumerate(z):
        m = max(row)
        e = [math.exp(v - m) for v in row]
        s = sum(e)
        out[r] = [v / s for v in e]
    return out


@pytest.fixture
def strict():
    """Every warning is an error and NumPy raises on overflow/invalid/divide.

    Underflow is allowed: exp(-1e4) *is* 0 in every float type, so flushing it
    to zero is the right answer, not a numerical problem.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            yield


# --- the registry ---------------------------------------------------------------


def test_every_activation_has_an_independent_reference():
    assert set(REFERENCE) | {"softmax"} == set(ACTIVATIONS)
    # hyper-parameter defaults are the ones the reference table assumes
    for name, act in ACTIVATIONS.items():
        assert act.hyper() == _hp_for_ref(name, {}), name


def test_get_activation_unknown_lists_known_names():
    with pytest.raises(ValueError) as e:
        get_activation("nope")
    msg = str(e.value)
    assert "'nope'" in msg
    for name in ACTIVATIONS:
        assert name in msg


def test_aliases_resolve():
    assert get_activation("sigmoid") is ACTIVATIONS["logistic"]
    assert get_activation("linear") is ACTIVATIONS["identity"]
    assert get_activation("leakyrelu") is ACTIVATIONS["leaky_relu"]
    for alias, target in ALIASES.items():
        assert get_activation(alias).name == target


def test_hyper_fills_defaults_and_refuses_unknown():
    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky.hyper() == {"gamma": 0.01}
    assert leaky.hyper({"gamma": 1}) == {"gamma": 1.0}
    assert isinstance(leaky.hyper({"gamma": 1})["gamma"], float)
    with pytest.raises(ValueError, match="'beta'") as e:
        leaky.hyper({"beta": 2.0})
    assert "gamma" in str(e.value)  # says which parameters it does have
    with pytest.raises(ValueError, match="relu.*'gamma'"):
        ACTIVATIONS["relu"].hyper({"gamma": 0.1})
    with pytest.raises(ValueError, match="'gamma'"):
        ACTIVATIONS["swish"].hyper({"beta": 1.0, "gamma": 0.1})
    assert ACTIVATIONS["prelu"].learned == ("gamma",)


# --- f and f' against the table --------------------------------------------------


@pytest.mark.parametrize("name,hp", ELEMENTWISE_CASES)
def test_f_matches_lecture_table(name, hp):
    act = ACTIVATIONS[name]
    got = act.f(X, **act.hyper(hp))
    np.testing.assert_allclose(got, _ref(name, hp, X, 0), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name,hp", ELEMENTWISE_CASES)
def test_df_matches_lecture_table(name, hp):
    act = ACTIVATIONS[name]
    xs = X_SMOOTH if name in KINKED else X
    got = act.df(xs, **act.hyper(hp))
    np.testing.assert_allclose(got, _ref(name, hp, xs, 1), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name,hp", ELEMENTWISE_CASES)
def test_df_matches_central_differences(name, hp):
    act = ACTIVATIONS[name]
    full = act.hyper(hp)
    xs = X_SMOOTH if name in KINKED else X
    h = 1e-5
    num = (act.f(xs + h, **full) - act.f(xs - h, **full)) / (2 * h)
    np.testing.assert_allclose(act.df(xs, **full), num, rtol=1e-6, atol=1e-9)


def test_kink_conventions():
    """At x = 0 exactly, the table's I(x > 0) / I(x <= 0) decide the derivative."""
    zero = np.array([0.0])
    assert ACTIVATIONS["relu"].df(zero)[0] == 0.0
    assert ACTIVATIONS["leaky_relu"].df(zero, gamma=0.3)[0] == 0.3
    assert ACTIVATIONS["elu"].df(zero, gamma=2.0)[0] == 2.0
    assert ACTIVATIONS["elu"].f(np.array([-1e4]), gamma=2.0)[0] == -2.0


def test_softmax_matches_definition():
    act = ACTIVATIONS["softmax"]
    rng = np.random.default_rng(1)
    z = rng.normal(size=(6, 4)) * 3
    ref = _ref_softmax(z)
    np.testing.assert_allclose(act.f(z), ref, rtol=1e-13)
    np.testing.assert_allclose(act.f(z).sum(axis=1), 1.0, rtol=1e-14)
    # its df is the Jacobian's diagonal a_k (1 - a_k)
    np.testing.assert_allclose(act.df(z), ref * (1 - ref), rtol=1e-12)
    # shift invariance
    np.testing.assert_allclose(act.f(z + 123.0), ref, rtol=1e-12)


# --- the fast paths agree with f and df ------------------------------------------


@pytest.mark.parametrize("name,hp", ELEMENTWISE_CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fast_paths_equal_f_and_df(name, hp, dtype):
    act = ACTIVATIONS[name]
    full = act.hyper(hp)
    rng = np.random.default_rng(7)
    z64 = rng.normal(scale=3.0, size=(9, 5))
    z64[np.abs(z64) < 1e-3] = 0.5
    z = z64.astype(dtype)
    out = np.full_like(z, np.nan)
    res = act.forward_into(z, out, full)
    assert res is out and out.dtype == dtype
    a_ref = act.f(z.astype(np.float64), **full)
    tol = 1e-12 if dtype == np.float64 else 2e-6
    np.testing.assert_allclose(out, a_ref, rtol=tol, atol=tol)

    g = rng.normal(size=z.shape).astype(dtype)
    gz = np.full_like(z, np.nan)
    res = act.backward_into(z, out, g, gz, full)
    assert res is gz and gz.dtype == dtype
    expect = act.df(z.astype(np.float64), **full) * g.astype(np.float64)
    np.testing.assert_allclose(gz, expect, rtol=tol * 10, atol=tol)


def test_prelu_fast_path_with_per_unit_gamma():
    act = ACTIVATIONS["prelu"]
    gamma = np.array([0.1, 0.25, 0.9])
    z = np.array([[-2.0, -2.0, -2.0], [3.0, -1.0, 0.5]])
    out = np.empty_like(z)
    act.forward_into(z, out, {"gamma": gamma})
    np.testing.assert_array_equal(out, [[-0.2, -0.5, -1.8], [3.0, -0.25, 0.5]])
    g = np.ones_like(z) * 2.0
    gz = np.empty_like(z)
    act.backward_into(z, out, g, gz, {"gamma": gamma})
    np.testing.assert_array_equal(gz, [[0.2, 0.5, 1.8], [2.0, 0.5, 2.0]])


def _numeric_softmax_jacobian(z: np.ndarray, h: float = 1e-6) -> np.ndarray:
    f = ACTIVATIONS["softmax"].f
    n = z.size
    J = np.empty((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        J[:, j] = (f(z + e) - f(z - e)) / (2 * h)
    return J  # J[k, j] = d a_k / d z_j


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_fast_paths(dtype):
    act = ACTIVATIONS["softmax"]
    rng = np.random.default_rng(3)
    z = rng.normal(scale=2.0, size=(5, 4))
    g = rng.normal(size=(5, 4))
    zt, gt = z.astype(dtype), g.astype(dtype)
    a = np.empty_like(zt)
    act.forward_into(zt, a, {})
    tol = 1e-12 if dtype == np.float64 else 2e-6
    np.testing.assert_allclose(a, _ref_softmax(z), rtol=tol, atol=tol)
    gz = np.empty_like(zt)
    act.backward_into(zt, a, gt, gz, {})
    for r in range(z.shape[0]):
        J = _numeric_softmax_jacobian(z[r])
        # the chain rule: dL/dz_j = sum_k dL/da_k * d a_k / d z_j
        np.testing.assert_allclose(gz[r], J.T @ g[r], rtol=1e-6 if dtype == np.float64 else 1e-4,
                                   atol=1e-8 if dtype == np.float64 else 1e-5)
    # and against the analytic Jacobian diag(a) - a a^T
    for r in range(z.shape[0]):
        s = _ref_softmax(z[r:r + 1])[0]
        J = np.diag(s) - np.outer(s, s)
        np.testing.assert_allclose(gz[r], J.T @ g[r], rtol=tol * 100, atol=tol)


# --- numerical stability -----------------------------------------------------------


@pytest.mark.parametrize("name,hp", CASES)
def test_extreme_inputs_are_finite_and_silent(name, hp, strict):
    act = ACTIVATIONS[name]
    full = act.hyper(hp)
    x = np.array(EXTREMES)
    if not act.elementwise:
        x = x[None, :]
    a = act.f(x, **full)
    d = act.df(x, **full)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d)), (a, d)
    for dtype in (np.float64, np.float32):
        z = x.astype(dtype)
        out = np.empty_like(z)
        act.forward_into(z, out, full)
        gz = np.empty_like(z)
        act.backward_into(z, out, np.ones_like(z), gz, full)
        assert np.all(np.isfinite(out)) and np.all(np.isfinite(gz)), (dtype, out, gz)
        # and they are the right limits, not just finite
        np.testing.assert_allclose(out, a.astype(dtype), rtol=1e-5, atol=1e-30)


def test_extreme_values_are_the_right_limits(strict):
    x = np.array(EXTREMES)
    A = ACTIVATIONS
    np.testing.assert_allclose(A["logistic"].f(x), [0, 0, _sig(-50), 0.5, _sig(50), 1, 1], rtol=1e-15)
    np.testing.assert_array_equal(A["tanh"].f(x), [-1, -1, -1, 0, 1, 1, 1])
    np.testing.assert_allclose(A["softplus"].f(x), [0, 0, math.exp(-50), math.log(2), 50, 1e3, 1e4],
                               rtol=1e-15)
    np.testing.assert_allclose(A["elu"].f(x, gamma=1.5), [-1.5, -1.5, -1.5, 0, 50, 1e3, 1e4], rtol=1e-15)
    np.testing.assert_allclose(A["gelu"].f(x), [0, 0, 0, 0, 50, 1e3, 1e4], atol=1e-300)
    np.testing.assert_allclose(A["gelu_tanh"].f(x), [0, 0, 0, 0, 50, 1e3, 1e4], atol=1e-300)
    np.testing.assert_allclose(A["swish"].f(x), [0, 0, -50 * _sig(-50), 0, 50, 1e3, 1e4],
                               rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(A["logistic"].df(x)[[0, 6]], 0.0, atol=1e-300)
    np.testing.assert_allclose(A["softplus"].df(x), A["logistic"].f(x), rtol=1e-15)
    s = A["softmax"].f(np.array([[-1e4, 0.0, 1e4], [1e4, 1e4, -1e4]]))
    np.testing.assert_allclose(s, [[0, 0, 1], [0.5, 0.5, 0]], atol=1e-300)


# --- the properties the lecture points out -------------------------------------------


GRID = np.linspace(-8.0, 8.0, 16001)  # contains 0 exactly (index 8000)


def test_logistic_derivative_peaks_at_quarter_at_zero():
    d = ACTIVATIONS["logistic"].df(GRID)
    assert GRID[np.argmax(d)] == 0.0
    assert d.max() == 0.25
    assert np.all(d <= 0.25) and np.all(d > 0)


def test_tanh_derivative_peaks_at_one_at_zero():
    d = ACTIVATIONS["tanh"].df(GRID)
    assert GRID[np.argmax(d)] == 0.0
    assert d.max() == 1.0
    assert np.all(d <= 1.0)


def test_tanh_is_zero_centred_logistic_is_not():
    tanh, logi = ACTIVATIONS["tanh"], ACTIVATIONS["logistic"]
    t, s = tanh.f(GRID), logi.f(GRID)
    assert tanh.f(np.array([0.0]))[0] == 0.0
    np.testing.assert_allclose(t, -t[::-1], atol=1e-15)  # odd
    assert abs(t.mean()) < 1e-12
    # logistic: always positive, centred on 1/2
    assert logi.f(np.array([0.0]))[0] == 0.5
    assert np.all(s > 0)
    assert s.mean() == pytest.approx(0.5, abs=1e-12)
    assert tanh.zero_centred and not logi.zero_centred
    assert tanh.saturating and logi.saturating
    assert not ACTIVATIONS["relu"].saturating


def test_saturation_shrinks_the_gradient():
    """Vanishing gradient: far from 0 the sigmoid-type derivatives are tiny, ReLU's is 1."""
    x = np.array([10.0])
    assert ACTIVATIONS["logistic"].df(x)[0] < 1e-4
    assert ACTIVATIONS["tanh"].df(x)[0] < 1e-8
    assert ACTIVATIONS["relu"].df(x)[0] == 1.0
    # five logistic layers at best scale the error by 0.25**5
    assert 0.25**5 == pytest.approx(ACTIVATIONS["logistic"].df(np.zeros(5)).prod())


# --- ELU for every γ, negative included -------------------------------------------


@pytest.mark.parametrize("gamma", [-1.0, -0.5, 0.5, 1.0, 2.0])
def test_elu_f_and_df_agree_for_every_gamma(gamma):
    """Central differences of f (both faces) match f' (both faces), left and right of 0."""
    act = ACTIVATIONS["elu"]
    hp = {"gamma": gamma}
    xs = X_SMOOTH
    h = 1e-6
    num = (act.f(xs + h, **hp) - act.f(xs - h, **hp)) / (2 * h)
    np.testing.assert_allclose(act.df(xs, **hp), num, rtol=1e-6, atol=1e-9)
    # the in-place training path: forward_into's differences against backward_into
    def fwd(z):
        out = np.empty_like(z)
        return act.forward_into(z, out, hp)
    num_fast = (fwd(xs + h) - fwd(xs - h)) / (2 * h)
    gz = np.empty_like(xs)
    act.backward_into(xs, fwd(xs), np.ones_like(xs), gz, hp)
    np.testing.assert_allclose(gz, num_fast, rtol=1e-6, atol=1e-9)
    # and the values are the piecewise ones: γ(eˣ − 1) on the left, x on the right
    left = xs[xs < 0]
    np.testing.assert_allclose(act.f(left, **hp), gamma * np.expm1(left), rtol=1e-15)
    np.testing.assert_allclose(fwd(left), gamma * np.expm1(left), rtol=1e-15)
    assert act.f(np.array([-3.0]), **hp)[0] == pytest.approx(gamma * (math.exp(-3.0) - 1.0), rel=1e-15)


def test_elu_negative_gamma_is_not_flat_on_the_left():
    # the lecture's max/min form is 0 for every x <= 0 when γ < 0; the piecewise form is not
    f = ACTIVATIONS["elu"].f(np.array([-2.0, -1.0]), gamma=-1.0)
    np.testing.assert_allclose(f, [1.0 - math.exp(-2.0), 1.0 - math.exp(-1.0)], rtol=1e-15)


def test_elu_piecewise_equals_the_lectures_form_for_nonnegative_gamma():
    act = ACTIVATIONS["elu"]
    for gamma in (0.0, 0.5, 1.0, 2.0):
        lecture = np.maximum(0, X) + np.minimum(0, gamma * np.expm1(X))
        np.testing.assert_allclose(act.f(X, gamma=gamma), lecture, rtol=1e-15, atol=0)


def test_elu_formula_text_is_the_piecewise_form():
    act = ACTIVATIONS["elu"]
    assert act.formula == "f(x) = x if x > 0 else γ(eˣ − 1)"
    assert "min(" not in act.formula and "max(" not in act.formula


# --- the range the module docstring states ------------------------------------------

import core.activations as _activations_module  # noqa: E402

#: The magnitudes the docstring promises; float32 (max ≈ 3.4e38) only up to 1e8.
RANGE = [1e1, 1e2, 1e4, 1e8, 1e150, 1e300]
RANGE_F32 = [m for m in RANGE if m <= 1e8]

# f and f' for x → +∞ and x → −∞ (exact in float64 from |x| = 1e4: the
# exponentials involved underflow to 0 there).
_LIMITS = {
    "identity": (lambda x, **h: (x, 1.0), lambda x, **h: (x, 1.0)),
    "logistic": (lambda x, **h: (1.0, 0.0), lambda x, **h: (0.0, 0.0)),
    "tanh": (lambda x, **h: (1.0, 0.0), lambda x, **h: (-1.0, 0.0)),
    "relu": (lambda x, **h: (x, 1.0), lambda x, **h: (0.0, 0.0)),
    "leaky_relu": (lambda x, gamma: (x, 1.0), lambda x, gamma: (gamma * x, gamma)),
    "prelu": (lambda x, gamma: (x, 1.0), lambda x, gamma: (gamma * x, gamma)),
    "elu": (lambda x, gamma: (x, 1.0), lambda x, gamma: (-gamma, 0.0)),
    "softplus": (lambda x, **h: (x, 1.0), lambda x, **h: (0.0, 0.0)),
    "swish": (lambda x, beta: (x, 1.0), lambda x, beta: (0.0, 0.0)),
    "gelu": (lambda x, **h: (x, 1.0), lambda x, **h: (0.0, 0.0)),
    "gelu_tanh": (lambda x, **h: (x, 1.0), lambda x, **h: (0.0, 0.0)),
    "gelu_sigmoid": (lambda x, **h: (x, 1.0), lambda x, **h: (0.0, 0.0)),
}


def _expected(name, hp, x):
    """(f, f') at x: the scalar reference up to |x| = 1e2, the exact limit beyond."""
    full = _hp_for_ref(name, hp)
    if abs(x) <= 1e2:
        return REFERENCE[name][0](x, **full), REFERENCE[name][1](x, **full)
    return _LIMITS[name][0 if x > 0 else 1](x, **full)


def test_docstring_states_the_tested_range():
    doc = _activations_module.__doc__
    assert "1e300" in doc and "1e8" in doc
    assert "and beyond" not in doc
    for m in ("1e1", "1e2", "1e4", "1e8", "1e150", "1e300"):
        assert m in doc


@pytest.mark.parametrize("mag", RANGE)
@pytest.mark.parametrize("name,hp", ELEMENTWISE_CASES)
def test_stated_range_finite_silent_and_accurate(name, hp, mag, strict):
    act = ACTIVATIONS[name]
    full = act.hyper(hp)
    xs = np.array([-mag, mag])
    exp = np.array([_expected(name, hp, float(x)) for x in xs])  # (2, [f, f'])
    a, d = act.f(xs, **full), act.df(xs, **full)
    np.testing.assert_allclose(a, exp[:, 0], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(d, exp[:, 1], rtol=1e-12, atol=1e-300)
    dtypes = [np.float64] + ([np.float32] if mag in RANGE_F32 else [])
    for dtype in dtypes:
        z = xs.astype(dtype)
        out = np.empty_like(z)
        act.forward_into(z, out, full)
        gz = np.empty_like(z)
        act.backward_into(z, out, np.ones_like(z), gz, full)
        if dtype == np.float64:
            # the logistic fast path clips z at −500 so exp(−z) stays finite:
            # it gives σ(−500) = 7.1e-218 for every z below, where the true value is 0
            rtol, atol = 1e-12, 1e-200
        else:
            # float32 keeps ~7 digits of quantities of order 1: 1 − tanh²(10) and
            # σ(10)(1 − σ(10)) cancel to 0 or 4.5417e-5 (true 8.2e-9, 4.5396e-5)
            rtol, atol = 1e-6, 1e-7
        np.testing.assert_allclose(out, exp[:, 0].astype(dtype), rtol=rtol, atol=atol)
        np.testing.assert_allclose(gz, exp[:, 1].astype(dtype), rtol=rtol, atol=atol)


@pytest.mark.parametrize("mag", RANGE)
def test_stated_range_softmax(mag, strict):
    act = ACTIVATIONS["softmax"]
    z = np.array([[-mag, 0.0, mag], [mag, mag, -mag]])
    expect = _ref_softmax(z) if mag <= 1e2 else [[0, 0, 1], [0.5, 0.5, 0]]
    np.testing.assert_allclose(act.f(z), expect, rtol=1e-12, atol=1e-300)
    out = np.empty_like(z)
    act.forward_into(z, out, {})
    np.testing.assert_allclose(out, expect, rtol=1e-12, atol=1e-300)
    gz = np.empty_like(z)
    act.backward_into(z, out, np.ones_like(z), gz, {})
    assert np.all(np.isfinite(gz)) and np.all(np.isfinite(act.df(z)))
