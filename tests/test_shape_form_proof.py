"""Exact proofs of the symmetric form similar to the shape operator (geomcheck.symbolic.shape_form)."""

import pytest
import sympy as sp

from geomcheck.symbolic import shape_form
from geomcheck.symbolic.shape_form import (
    SHAPE_FORM_IDENTITIES,
    prove_rank_one_scalars,
    prove_shape_form,
    prove_shape_form_matrices,
)


def test_scalar_identities_every_n():
    checks = prove_rank_one_scalars()
    assert {c.key for c in checks} == set(SHAPE_FORM_IDENTITIES)
    assert all(c.holds and c.n is None for c in checks), [c.key for c in checks if not c.holds]


@pytest.mark.parametrize("n", range(1, 7))
def test_matrix_identities_fixed_n(n):
    checks = prove_shape_form_matrices(n)
    assert {c.key for c in checks} == set(SHAPE_FORM_IDENTITIES)
    bad = [c.key for c in checks if not c.holds]
    assert not bad, f"n={n}: {bad}"
    assert next(c for c in checks if c.key == "similarity").components == n * n


def test_prove_shape_form_default_dimensions():
    proof = prove_shape_form()
    assert proof.dimensions == (2, 3, 4, 5, 6)
    assert proof.all_hold and proof.holds_for_all_n
    assert {c.n for c in proof.matrix_checks} == {2, 3, 4, 5, 6}
    assert "P² = |p|² P" in proof.argument


# --- the proofs discriminate: wrong coefficients are refuted --------------------------

def test_wrong_scalar_coefficient_is_refuted(monkeypatch):
    w = shape_form._W
    # c = (1 - w)/q is right; 1/(2 r²) = w²/2 (the first-order guess) is wrong unless p = 0
    monkeypatch.setattr(shape_form, "_coefficients", lambda: (w**2 / 2, w / (1 + w)))
    checks = {c.key: c.holds for c in prove_rank_one_scalars()}
    assert not checks["inverse_sqrt"] and not checks["inverse_sqrt_squared"]
    assert not checks["similarity"] and not checks["sqrt_inverse_pair"]
    assert checks["sqrt"]  # e untouched


def test_wrong_sqrt_coefficient_is_refuted(monkeypatch):
    w = shape_form._W
    monkeypatch.setattr(shape_form, "_coefficients", lambda: (w**2 / (1 + w), sp.Rational(1, 2)))
    checks = {c.key: c.holds for c in prove_rank_one_scalars()}
    assert not checks["sqrt"] and not checks["sqrt_inverse_pair"]
    assert checks["inverse_sqrt"]


@pytest.mark.parametrize("n", [2, 3])
def test_wrong_jet_coefficient_is_refuted(monkeypatch, n):
    # (1+w) c = w (instead of w²): g^{-1/2} wrong, so the similarity fails entrywise
    monkeypatch.setattr(shape_form, "_jet_numerators", lambda A: (A.w, A.w))
    checks = {c.key: c.holds for c in prove_shape_form_matrices(n)}
    assert not checks["similarity"] and not checks["inverse_sqrt"]
    assert checks["sqrt"]


def test_bad_dimension():
    with pytest.raises(ValueError):
        prove_shape_form_matrices(0)
