"""Tests of geomcheck.landscape.statistics (004's statistics of random 2-D projections).

References are independent of the code under test: the direct definition with N-vectors
(``method="gaussian"``), dense ``eigvalsh``, cases with exactly known answers (N = 2: the
projection is a congruence, Sylvester's law fixes its signature), the exact moments of the
projected entries, and the closed-form large-N limits derived in the module docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from geomcheck.landscape import statistics as st
from geomcheck.landscape import projected_saddle_probability
from geomcheck.numeric import InvalidInputError


def test_wishart2_moments():
    rng = np.random.default_rng(1)
    p, k = 7, 200_000
    w11, w12, w22 = st.wishart2(p, k, rng)
    for x, mean, var in ((w11, p, 2 * p), (w22, p, 2 * p), (w12, 0, p)):
        assert abs(x.mean() - mean) < 5 * math.sqrt(var / k)
        assert abs(x.var() / var - 1) < 0.05


def test_wishart2_degenerate_dimensions():
    rng = np.random.default_rng(0)
    assert all(np.all(c == 0) for c in st.wishart2(0, 5, rng))
    w11, w12, w22 = st.wishart2(1, 1000, rng)
    assert np.allclose(w11 * w22, w12 ** 2)          # rank one


def test_wishart_sampler_matches_the_definition_for_a_general_spectrum():
    """Grouped Wishart sampling (O(#distinct) per sample) has the law of eta^T H eta etc. with N-vectors."""
    lam = [2.0, 2.0, -1.0, 0.5, 0.5, 0.5, -3.0, 0.0, 1.5]
    k = 200_000
    A1, B1, C1 = st.sample_projected_hessian(lam, k, np.random.default_rng(2))
    A2, B2, C2 = st.sample_projected_hessian(lam, k, np.random.default_rng(3), method="gaussian")
    for ev in (lambda A, B, C: A * C - B * B < 0, lambda A, B, C: st.projected_curvatures(A, B, C)[1] > 0):
        p1, p2 = np.mean(ev(A1, B1, C1)), np.mean(ev(A2, B2, C2))
        assert abs(p1 - p2) < 5 * math.sqrt(2 * p1 * (1 - p1) / k)
    t, F = sum(lam), sum(x * x for x in lam)
    for A in (A1, A2):                                # exact moments: E A = t, Var A = 2F
        assert abs(A.mean() - t) < 5 * math.sqrt(2 * F / k) and abs(A.var() / (2 * F) - 1) < 0.03
    assert abs(B1.var() / F - 1) < 0.03 and abs(np.mean(A1 * B1)) < 5 * math.sqrt(2 * F * F / k) * 2


def test_projected_curvatures_are_eigenvalues():
    rng = np.random.default_rng(4)
    A, B, C = rng.normal(size=(3, 50))
    kp, km = st.projected_curvatures(A, B, C)
    for i in range(50):
        assert np.allclose([km[i], kp[i]], np.linalg.eigvalsh([[A[i], B[i]], [B[i], C[i]]]))


def test_exact_cases_in_two_dimensions():
    """N = 2: G^T H G is a congruence of H (G invertible a.s.), so its signature is H's (Sylvester)."""
    saddle = projected_saddle_probability([1.0, -1.0], num_samples=5000, seed=0)
    assert (saddle.value, saddle.saddle, saddle.stderr, saddle.saddle_stderr) == (0.0, 1.0, 0.0, 0.0)
    bowl = projected_saddle_probability([1.0, 3.0], num_samples=5000, seed=0)
    assert (bowl.value, bowl.minimum, bowl.maximum) == (1.0, 1.0, 0.0)
    cap = projected_saddle_probability([-1.0, -0.2], num_samples=5000, seed=0)
    assert (cap.value, cap.minimum, cap.maximum) == (1.0, 0.0, 1.0)
    flat = projected_saddle_probability([2.0, 0.0, 0.0], num_samples=1000, seed=0)   # rank one: det = 0
    assert (flat.value, flat.saddle) == (0.0, 0.0)


def test_default_standard_error_and_balanced_limit():
    """(2.23) with n = 500: Pr(no saddle) -> 1 - 1/sqrt2 (the limit needs max lambda^2/F = 1/1000 small)."""
    r = projected_saddle_probability([1.0, -1.0, 0.0], num_samples=100_000, seed=5, multiplicities=[500, 500, 1])
    assert r.stderr <= 0.002 and r.num_samples == 100_000 and r.seed == 5
    assert r.gaussian_limit == pytest.approx(1 - 1 / math.sqrt(2), rel=1e-15)
    assert r.lindeberg == pytest.approx(1e-3)
    assert abs(r.value - r.gaussian_limit) < 4 * r.stderr + 3e-3
    assert r.value + r.saddle == pytest.approx(1.0, abs=1e-12) and r.minimum + r.maximum == pytest.approx(r.value)


def test_gauss_limit_against_monte_carlo():
    k = 400_000
    A, B, C = st.sample_projected_hessian([1.0, -1.0], k, np.random.default_rng(3), multiplicities=[400, 300])
    p = np.mean(A * C - B * B < 0)
    assert abs(p - st.gaussian_limit_saddle_probability(100, 700)) < 0.01
    assert st.gaussian_limit_saddle_probability(0, 1) == pytest.approx(1 / math.sqrt(2))
    import sympy as sp
    assert st.gaussian_limit_saddle_probability(0, 1, exact=True) == sp.sqrt(2) / 2


def test_curvature_means_and_limits():
    m = st.projected_curvature_means([1.0, -1.0], multiplicities=[800, 200], num_samples=50_000, seed=1)
    assert m.limit_minus == pytest.approx(600 - math.sqrt(500 * math.pi))
    assert abs(m.minus - m.limit_minus) < 4 * m.minus_stderr + 1.0 and abs(m.plus - m.limit_plus) < 4 * m.plus_stderr + 1.0
    # (kappa_+ + kappa_-)/2 = (A + C)/2 is unbiased for tr H (004, Eq. 2.18)
    assert abs((m.plus + m.minus) / 2 - 600) < 4 * (m.plus_stderr + m.minus_stderr)
    scaled = st.projected_curvature_means([1.0, -1.0], multiplicities=[800, 200], num_samples=50_000, seed=1, scale=3.0)
    assert scaled.plus == pytest.approx(3 * m.plus, rel=1e-12) and scaled.limit_plus == pytest.approx(3 * m.limit_plus)


def test_skewness_limit_and_density():
    import sympy as sp
    law = st.limit_curvature_law()
    assert float(law.skewness) == pytest.approx(st.LIMIT_SKEWNESS, rel=1e-12)
    assert float(law.skewness) == pytest.approx(0.10386, abs=1e-5)
    d = st.projected_curvature_distribution([1.0, -1.0], multiplicities=[500, 500], num_samples=200_000, seed=7)
    assert abs(d.skewness_plus - st.LIMIT_SKEWNESS) < 5 * d.skewness_stderr + 0.01
    assert abs(d.skewness_minus + st.LIMIT_SKEWNESS) < 5 * d.skewness_stderr + 0.01
    # the limit density integrates to 1, has mean t + sqrt(pi F / 2), and matches the histogram
    t, F = 0.0, 1000.0
    x = np.linspace(-250, 300, 2201)
    f = d.limit_density(x, "plus", t, F)
    assert np.trapezoid(f, x) == pytest.approx(1.0, abs=1e-5)
    assert np.trapezoid(x * f, x) == pytest.approx(math.sqrt(math.pi * F / 2), rel=1e-4)
    hist, edges = np.histogram(d.plus, bins=40, range=(-60, 140), density=True)
    mid = (edges[1:] + edges[:-1]) / 2
    assert np.max(np.abs(hist - d.limit_density(mid, "plus", t, F))) < 0.0015
    assert float(law.prob_kappa_plus_negative) == pytest.approx(np.mean(d.plus < 0), abs=0.005)
    assert sp.simplify(2 * law.prob_kappa_plus_negative - (1 - 1 / sp.sqrt(2))) == 0


def test_ensemble_averages_both_ways():
    rng = np.random.default_rng(8)
    A, B, C = st.ensemble_average_hessian([1.0, -1.0], 100, 4000, rng, multiplicities=[800, 200])
    assert abs(A.mean() - 600) < 5 * math.sqrt(2 * 1000 / 100 / 4000)
    assert abs(np.sqrt(np.mean((A - 600) ** 2)) / math.sqrt(2 * 1000 / 100) - 1) < 0.05
    assert abs(np.sqrt(np.mean(B ** 2)) / math.sqrt(1000 / 100) - 1) < 0.05
    tr = st.ensemble_trajectory([1.0, -1.0], multiplicities=[500, 500], num_samples=20_000, seed=9)
    kp, km = st.projected_curvatures(tr.A[:1], tr.B[:1], tr.C[:1])
    assert (tr.after_plus[0], tr.before_plus[0]) == (kp[0], kp[0])          # S = 1: the same number
    # "before" tends to tr H = 0 like S^{-1/2}; "after" to E kappa_+ ~ sqrt(500 pi) = 39.6
    assert abs(tr.before_plus[-1]) < 5 * math.sqrt(math.pi * 1000 / 2 / 20_000) and abs(tr.after_plus[-1] - 39.6) < 2.0


def test_determinism_and_generators():
    a = projected_saddle_probability([1.0, -2.0, 0.5], num_samples=3000, seed=11)
    b = projected_saddle_probability([1.0, -2.0, 0.5], num_samples=3000, seed=11)
    c = projected_saddle_probability([1.0, -2.0, 0.5], num_samples=3000, seed=np.random.default_rng(11))
    assert a == b and (a.value, a.stderr) == (c.value, c.stderr) and c.seed is None


@pytest.mark.parametrize("kwargs, match", [
    (dict(hessian_eigenvalues=[]), "non-empty"),
    (dict(hessian_eigenvalues=[[1.0, 2.0]]), "1-D"),
    (dict(hessian_eigenvalues=[1.0, float("nan")]), "NaN"),
    (dict(hessian_eigenvalues=["a"]), "real numbers"),
    (dict(hessian_eigenvalues=[1.0, -1.0], num_samples=1), "too small"),
    (dict(hessian_eigenvalues=[1.0, -1.0], num_samples=10.0), "int"),
    (dict(hessian_eigenvalues=[1.0, -1.0], num_samples=True), "int"),
    (dict(hessian_eigenvalues=[1.0, -1.0], seed=-1), "seed"),
    (dict(hessian_eigenvalues=[1.0, -1.0], multiplicities=[1]), "multiplicities"),
    (dict(hessian_eigenvalues=[1.0, -1.0], multiplicities=[1, 0]), "multiplicities"),
    (dict(hessian_eigenvalues=[1.0, -1.0], batch=0), "batch"),
])
def test_bad_input(kwargs, match):
    kwargs.setdefault("num_samples", 100)
    with pytest.raises(InvalidInputError, match=match):
        projected_saddle_probability(**kwargs)


def test_bad_input_samplers():
    rng = np.random.default_rng(0)
    with pytest.raises(InvalidInputError, match="method"):
        st.sample_projected_hessian([1.0], 5, rng, method="qr")
    with pytest.raises(InvalidInputError, match="positive"):
        st.gaussian_limit_saddle_probability(1.0, 0.0)
    with pytest.raises(InvalidInputError, match="scale"):
        st.projected_curvature_means([1.0, -1.0], num_samples=10, scale=0.0)
