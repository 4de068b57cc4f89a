"""The jet ring: derivation rules, the zero test, conversions and the weight bounds."""

import pytest
import sympy as sp

from geomcheck.symbolic import graph_jets as gj
from geomcheck.symbolic.jets import Bound, JetRing, WeightBounds, multi_indices


def test_variables_and_symmetry_of_mixed_partials():
    A = JetRing(3, max_order=3)
    assert A.f(0, 1) == A.f(1, 0)
    assert A.f(2, 0, 1) == A.f(0, 1, 2)
    assert len(A.indices) == 3 + 6 + 10
    assert len(multi_indices(4, 2)) == 10


def test_total_derivative_of_generators():
    A = JetRing(2, max_order=3)
    assert A.D(A.p(0), 1) == A.f(0, 1)
    assert A.D(A.f(0, 1), 1) == A.f(0, 1, 1)
    # D_k w = -w³ Σ f_r f_rk  (w = (1 + |p|²)^(-1/2))
    assert A.D(A.w, 0) == -(A.w**3) * (A.p(0) * A.f(0, 0) + A.p(1) * A.f(1, 0))


def test_total_derivative_matches_sympy_chain_rule():
    x1, x2 = sp.symbols("x1 x2", real=True)
    f = sp.Function("f")(x1, x2)
    A = JetRing(2, max_order=3)
    P = A.w**3 * A.p(0) * A.f(0, 1) + A.f(1, 1) ** 2
    subs = [1 / sp.sqrt(1 + f.diff(x1) ** 2 + f.diff(x2) ** 2)] + [
        f.diff(*[(x1, x2)[i] for i in idx]) for idx in A.indices
    ]
    for k, xk in enumerate((x1, x2)):
        lhs = A.to_sympy(A.D(P, k), subs)
        rhs = sp.diff(A.to_sympy(P, subs), xk)
        assert sp.simplify(lhs - rhs) == 0


def test_zero_test_is_exact():
    A = JetRing(3)
    beta_times_D = A.beta * A.D_poly()
    assert A.is_zero(beta_times_D - 1)
    assert not A.is_zero(beta_times_D - 1 + A.f(0, 1) * A.w**2 / 10**12)
    assert not A.is_zero(A.w)  # w = 1/sqrt(1+|p|²) never vanishes
    # sqrt(1+|p|²) is irrational: w·(odd) + (even) = 0 forces both parts to vanish
    assert not A.is_zero(A.w * A.D_poly() - A.one)


def test_derivative_order_overflow_is_reported():
    A = JetRing(2, max_order=2)
    with pytest.raises(ValueError, match="max_order"):
        A.D(A.f(0, 1), 0)
    with pytest.raises(ValueError, match="outside this jet ring"):
        A.f(0, 0, 0)
    with pytest.raises(ValueError, match="positive integer"):
        JetRing(0)


def test_weight_bounds_are_upper_bounds_of_actual_polynomials():
    """The syntactic bound of each construction dominates the weights actually present."""
    n = 5
    A, B = JetRing(n), WeightBounds(n)
    weights = A.weights()

    def actual(P):
        ws = [sum(e * wt for e, wt in zip(m, weights)) for m in P.monoms()]
        return (max(ws) if ws else None), (max((m[0] for m in P.monoms()), default=None))

    g_A, g_B = gj.metric(A), gj.metric(B)
    G_A = gj.christoffel_fp(A, g_A, gj.inverse_metric_cf(A))
    G_B = gj.christoffel_fp(B, g_B, gj.inverse_metric_cf(B))
    R_A, R_B = gj.riemann_fp(A, G_A), gj.riemann_fp(B, G_B)
    for key in R_A:
        wt, wd = actual(R_A[key])
        if wt is not None:
            assert wt <= R_B[key].weight and wd <= R_B[key].wdeg
    assert Bound(3, 2).numerator_weight() == 6


def test_sympy_conversion_round_trip():
    A = JetRing(2, max_order=2)
    P = A.const(3) * A.w**2 * A.p(0) * A.f(1, 1) - A.one
    expr = A.to_sympy(P)
    w, f1, f22 = A.sympy_symbols[0], A.sympy_symbols[1], A.sympy_symbols[5]
    assert sp.expand(expr - (3 * w**2 * f1 * f22 - 1)) == 0
