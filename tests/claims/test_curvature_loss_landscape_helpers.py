"""Unit tests for the private helpers of geomcheck.claims.curvature_loss_landscape (source 002)."""

import numpy as np
import pytest
import sympy as sp

from geomcheck.claims.curvature_loss_landscape import _common as m
from geomcheck.claims.curvature_loss_landscape import appendix_b1_christoffel as b1
from geomcheck.claims.curvature_loss_landscape import appendix_b2_perturbations as b2
from geomcheck.claims.curvature_loss_landscape import s1_introduction as s1
from geomcheck.claims.curvature_loss_landscape import s3_flatness as s3
from geomcheck.claims.tools import prove_all_n, rng_for
from geomcheck.symbolic import graph_jets as gj
from geomcheck.symbolic.jets import JetRing


def test_crit_S_is_twice_sigma2_of_the_eigenvalues():
    H = sp.diag(1, 2, 3)
    assert m._crit_S(H) == 2 * (1 * 2 + 1 * 3 + 2 * 3)
    assert m._crit_S(sp.diag(100, 0)) == 0


def test_nuclear_norm_and_frobenius_exact():
    assert m._nuclear_norm(sp.diag(3, -4)) == 7
    assert m._frobenius_sq(sp.Matrix([[1, 2], [3, 4]])) == 30
    # non-symmetric: singular values of [[2, 2], [1, 2]] have sum sqrt(13 + 2 |det|) = sqrt(17)
    assert sp.simplify(m._nuclear_norm(sp.Matrix([[2, 2], [1, 2]])) - sp.sqrt(17)) == 0
    # agrees with numpy's SVD on a random matrix with rational-friendly entries
    M = sp.Matrix([[1, 2, 0], [0, 1, 3], [1, 0, 1]])
    num = complex(sp.N(m._nuclear_norm(M), 30))  # casus irreducibilis: radicals with a vanishing imaginary part
    assert abs(num.imag) < 1e-20
    assert abs(num.real - np.linalg.svd(np.array(M.tolist(), dtype=float), compute_uv=False).sum()) < 1e-10


def test_rational_orthogonal_and_unit_vector():
    rng = rng_for("test", 1)
    for q in (2, 3, 4):
        Q = m._rational_orthogonal(rng, q)
        assert Q.T * Q == sp.eye(q)
        x = sp.Matrix(m._rational_unit_vector(rng, q))
        assert (x.T * x)[0, 0] == 1


def test_norms_at_semidefinite_detects_the_identity_and_its_failure():
    from geomcheck.claims.model import Context

    rows = m._norms_at_semidefinite(+1, Context(), "t")
    assert rows and all(r["equal"] for r in rows)
    saddle = sp.diag(1, -1)
    assert m._crit_S(saddle) != m._nuclear_norm(saddle) ** 2 - m._frobenius_sq(saddle)


@pytest.mark.parametrize("q", [2, 3, 4])
def test_ball_volume_ratio_series_space_forms(q):
    rho, r = sp.symbols("rho", positive=True), sp.symbols("r", positive=True)
    S = q * (q - 1) / rho**2
    assert sp.simplify(m._ball_volume_ratio_series(q, +1, rho) - (1 - S / (6 * (q + 2)) * r**2)) == 0
    assert sp.simplify(m._ball_volume_ratio_series(q, -1, rho) - (1 + S / (6 * (q + 2)) * r**2)) == 0
    assert m._ball_volume_ratio_series(q, 0, rho) == 1


def test_ou_excess_loss_matches_simulation():
    t = sp.Rational(1, 5)
    lams = (sp.Integer(2), sp.Integer(1))
    exact = float(m._ou_excess_loss(lams, t))
    # exact Gaussian transition: x_t ~ N(0, (1 - e^{-2 lam t})/2) per eigen-direction
    rng = np.random.default_rng(0)
    var = np.array([(1 - np.exp(-2 * float(l) * float(t))) / 2 for l in lams])
    x = rng.standard_normal((200_000, 2)) * np.sqrt(var)
    est = (0.5 * (x**2) @ np.array([2.0, 1.0])).mean()
    assert abs(est - exact) < 5e-3
    assert abs(exact - float(sum(l * (1 - sp.exp(-2 * l * t)) / 4 for l in lams))) < 1e-12


def test_sphere_mean_quartic_formula():
    a, b = sp.Rational(2), sp.Rational(5)
    assert sp.simplify(m._sphere_mean_quartic_2d(a, b) - m._sphere_mean_quartic_formula(sp.diag(a, b))) == 0
    rng = np.random.default_rng(1)
    s = b2._unit_quartic_samples(rng, 200_000, np.array([1.0, 0.0, 3.0]))
    assert abs(s.mean() - float(m._sphere_mean_quartic_formula(sp.diag(1, 0, 3)))) < 0.05


def test_trig_identity_zero():
    u, v, c, f = s3._example_setup()
    assert s3._trig_identity_zero(sp.sin(2 * u) - 2 * sp.sin(u) * sp.cos(u) + sp.exp(c * u) * (sp.sin(v) ** 2 + sp.cos(v) ** 2 - 1), u, v, c)
    assert not s3._trig_identity_zero(sp.cos(2 * u) - 1 + sp.sin(u) ** 2, u, v, c)


def test_max_vertex_quadratic():
    assert s1._max_vertex_quadratic(sp.Matrix([[1, 1], [1, 1]])) == 4
    assert s1._max_vertex_quadratic(sp.diag(1, -1)) == 0


def test_covariant_derivative_and_bracket_on_the_sphere():
    th, ph = sp.symbols("theta phi", positive=True)
    from geomcheck.symbolic.metric import Metric

    G = Metric(sp.diag(1, sp.sin(th) ** 2), (th, ph)).christoffel()
    # ∇_{∂φ} ∂φ = -sin θ cos θ ∂θ
    nab = m._cov_derivative(G, (th, ph), [0, 1], [0, 1])
    assert sp.simplify(nab[0] + sp.sin(th) * sp.cos(th)) == 0 and sp.simplify(nab[1]) == 0
    assert m._lie_bracket((th, ph), [1, 0], [0, th]) == [0, 1]


def test_fp_cache_matches_a_fresh_ring():
    A = JetRing(3)
    cached = m._fp(A)
    fresh = m._FP(JetRing(3))
    assert all(A.is_zero(cached.R[k] - fresh.R[k]) for k in fresh.R)
    assert all(A.is_zero(cached.dgamma[i][j][l][k] - A.D(fresh.gamma[i][j][l], k))
               for i in range(3) for j in range(3) for l in range(3) for k in range(3))


def test_prove_reaches_the_pair_bound_and_detects_failures():
    def good(A):
        return [((i, j), gj.metric(A)[i][j], gj.metric(A)[j][i]) for i in range(A.n) for j in range(A.n)]

    res = prove_all_n(good, 2)
    assert res.holds_for_all_n and max(res.holds) >= res.pair_bound

    def bad(A):
        return [((i,), A.p(i), A.p(i) + A.beta * A.f(i, i)) for i in range(A.n)]

    res = prove_all_n(bad, 1)
    assert not res.holds_everywhere_tested and res.counterexamples


def test_printed_riemann_forms_are_distinguished():
    A = JetRing(2)
    F = m._fp(A)
    fixed = b1._riemann_fixed_B1(A)
    assert all(A.is_zero(F.Rc(*k) - v) for k, v in fixed.items())
    printed = b1._riemann_printed_B1(A)
    assert not all(A.is_zero(F.Rc(*k) - v) for k, v in printed.items())
