"""Exact proofs of the graph-metric closed forms, and that the proofs can fail."""

import pytest

from geomcheck.symbolic import graph_jets as gj
from geomcheck.symbolic import proofs
from geomcheck.symbolic.proofs import (
    IDENTITIES,
    dimension_free_bounds,
    dimension_free_status,
    prove_graph_identities,
)


@pytest.mark.parametrize("n", range(1, 11))
def test_all_closed_forms_hold_exactly(n):
    result = prove_graph_identities(n)
    failed = [c.key for c in result.checks if not c.holds]
    assert not failed, f"n={n}: {failed}"
    expected = {spec.key for spec in IDENTITIES}
    if n > proofs.DEFAULT_MAX_N_GAUSS_KRONECKER:
        expected.discard("gauss_kronecker")
    assert {c.key for c in result.checks} == expected
    # Riemann: every (i, j, k<m) component, the rest by antisymmetry of the definition
    assert result.check("riemann").components == n * n * n * (n - 1) // 2


@pytest.mark.slow
@pytest.mark.parametrize("n", [11, 12])
def test_all_closed_forms_hold_beyond_ten(n):
    assert prove_graph_identities(n).all_hold


# --- the proofs discriminate: a wrong closed form is refuted ---------------------------

def _wrong_scalar(A):  # sign of the β² term flipped
    n = A.n
    b = A.beta
    Hp = gj.hessian_times_grad(A)
    trH = gj.sum_(A, (A.f(r, r) for r in range(n)))
    trH2 = gj.sum_(A, (A.f(r, s) * A.f(s, r) for r in range(n) for s in range(n)))
    pHp = gj.sum_(A, (A.p(r) * Hp[r] for r in range(n)))
    pH2p = gj.sum_(A, (Hp[r] * Hp[r] for r in range(n)))
    return b * (trH * trH - trH2) + A.const(2) * b * b * (trH * pHp - pH2p)


def _wrong_christoffel(A):  # missing β: Γ^i_kl = f_i f_kl
    n = A.n
    return [[[A.p(i) * A.f(k, l) for l in range(n)] for k in range(n)] for i in range(n)]


def _wrong_shape(A):  # h instead of g⁻¹h
    return gj.second_fundamental_form_cf(A)


def _wrong_riemann(A):  # the β² group dropped: that is the *lowered* tensor, not R^i_jkm
    n = A.n
    b = A.beta
    return {
        (i, j, k, m): b * (A.f(i, k) * A.f(j, m) - A.f(i, m) * A.f(j, k))
        for i in range(n) for j in range(n) for k in range(n) for m in range(k + 1, n)
    }


@pytest.mark.parametrize(
    "attr, wrong, key",
    [
        ("scalar_cf", _wrong_scalar, "scalar_curvature"),
        ("christoffel_cf", _wrong_christoffel, "christoffel"),
        ("shape_operator_cf", _wrong_shape, "shape_operator"),
        ("riemann_cf", _wrong_riemann, "riemann"),
    ],
)
@pytest.mark.parametrize("n", [2, 3])
def test_wrong_closed_forms_are_refuted(monkeypatch, attr, wrong, key, n):
    monkeypatch.setattr(gj, attr, wrong)
    result = prove_graph_identities(n)
    check = result.check(key)
    assert not check.holds and check.counterexample is not None
    assert not result.all_hold


def test_n2_scalar_is_twice_gaussian_curvature_only_in_two_dimensions():
    # S = 2K holds for n = 2 (Gauss' theorema egregium); the proof engine decides it.
    from geomcheck.symbolic.jets import JetRing

    for n, expected in [(2, True), (3, False)]:
        A = JetRing(n)
        H = [[A.f(i, j) for j in range(n)] for i in range(n)]
        K = A.w ** (n + 2) * gj.determinant(A, H)
        assert A.is_zero(gj.scalar_cf(A) - A.const(2) * K) is expected


def test_dimension_free_bounds_are_covered_by_proven_dimensions():
    bounds = dimension_free_bounds()
    # every contraction identity has a finite bound, at most 9 index pairs
    assert set(bounds) == {s.key for s in IDENTITIES if s.contraction_identity}
    assert max(bounds.values()) <= 10
    status = dimension_free_status([prove_graph_identities(n) for n in range(2, 11)])
    assert all(st.holds_for_all_n for st in status), [st for st in status if not st.holds_for_all_n]


def test_dimension_free_status_requires_large_enough_n():
    status = dimension_free_status([prove_graph_identities(n) for n in range(2, 4)])
    by_key = {st.key: st for st in status}
    assert not by_key["riemann"].holds_for_all_n  # d = 8 > 3
    assert by_key["normal"].holds_for_all_n  # d = 2 <= 3


def test_bad_dimension():
    with pytest.raises(ValueError, match="positive integer"):
        prove_graph_identities(0)
