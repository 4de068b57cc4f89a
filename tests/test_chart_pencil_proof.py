"""The chart pencil (second fundamental form, metric) proven exactly: ``prove_chart_pencil``."""

from __future__ import annotations

import pytest
import sympy as sp

import geomcheck.symbolic.chart_pencil as cp


def test_identities_hold_for_n_2_and_3() -> None:
    proof = cp.prove_chart_pencil((2, 3))
    assert proof.all_hold
    assert {(c.key, c.n) for c in proof.checks} == {(k, n) for k in cp.CHART_PENCIL_IDENTITIES for n in (2, 3)}
    assert "chain rule" in proof.argument


def test_counterexample_spectra_exact() -> None:
    ce = cp.counterexample_spectra()
    assert ce["theta_side"] == (sp.Rational(2, 27), sp.Rational(2, 3))
    assert ce["chart_pencil"] == ce["theta_side"]
    assert ce["hessian_of_composite"] == (2, 8)
    # graph of f∘φ over Euclidean ψ: g = I + qqᵀ with q = (4, 2) at ψ = (1/2, 1), H = diag(8, 2)
    q = sp.Matrix([4, 2])
    s = (sp.eye(2) + q * q.T).inv() * sp.diag(8, 2) / sp.sqrt(21)
    want = sorted(s.eigenvals(multiple=True), key=float)
    got = ce["graph_of_composite"]
    assert all(sp.simplify(a - b) == 0 for a, b in zip(got, want))


def test_a_wrong_claim_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mutation: the claimed forms use a Hessian H + ε·E that is not the Hessian of the f SymPy
    composes (the claim, not the computation, is wrong): second_form and similarity must fail,
    normal and metric (which do not involve H) must still hold."""
    real_jets = cp._jets

    def jets_wrong_h(n: int):
        out = list(real_jets(n))
        out[3] = out[3] + sp.Symbol("eps") * sp.ones(n, n)
        return tuple(out)

    monkeypatch.setattr(cp, "_jets", jets_wrong_h)
    proof = cp.prove_chart_pencil((2,))
    assert not proof.check("second_form", 2).holds
    assert not proof.check("similarity", 2).holds
    assert proof.check("normal", 2).holds and proof.check("metric", 2).holds
    assert not proof.all_hold


def test_bad_dimensions() -> None:
    for bad in (0, -1, True, 2.0, 5):
        with pytest.raises(ValueError):
            cp.prove_chart_pencil((bad,))
