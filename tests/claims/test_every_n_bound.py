"""The every-n status of a jet proof needs an exact proof at some n >= the invariant-theory bound.

``JetIdentityResult.holds_for_all_n`` (geomcheck.claims.tools) turns proofs for finitely many
``n`` into a statement for every ``n``; that step is only valid from the pair bound on (see
:mod:`geomcheck.symbolic.proofs`).  Dropping the requirement must fail these tests.
"""

import pytest

from geomcheck.claims import Context, Verdict, all_claims
from geomcheck.claims.curvature_loss_landscape import _common as m002
from geomcheck.claims.tools import JetIdentityResult, prove_jet_identity


@pytest.mark.parametrize(
    "holds, bound, expected",
    [
        ({2: True, 3: True, 4: True}, 5, False),   # every tested n below the bound
        ({2: True, 3: True, 4: True, 5: True}, 5, True),   # reaches the bound
        ({2: True, 9: True}, 5, True),
        ({2: True, 3: False, 5: True}, 5, False),   # a failing n
        ({2: True, 3: True}, None, False),   # no bound computed: no every-n claim
        ({}, 2, False),
    ],
)
def test_holds_for_all_n_needs_a_proof_at_the_bound(holds, bound, expected):
    assert JetIdentityResult(holds, {}, bound).holds_for_all_n is expected


def test_riemann_closed_form_proven_below_its_bound_is_not_every_n():
    """002's corrected Riemann tensor: exact for n = 2, 3, but its pair bound is larger, so the
    every-n status must wait for a proof at n >= bound."""
    def build(A):
        R, P = m002._fp(A).R, m002._riemann_fixed(A)
        return [(key, R[key], P[key]) for key in R]

    low = prove_jet_identity(build, range(2, 4), free_indices=4)
    assert low.pair_bound > 3
    assert low.holds_everywhere_tested and not low.holds_for_all_n
    assert low.evidence()["holds_for_all_n"] is False


def test_a_typo_verdict_needs_the_every_n_proof_of_its_correction(monkeypatch):
    """With the corrected Eq. (3) proven only for n < bound, 002-eq3-riemann cannot be a TYPO
    (true after the fix for every n) any more: its check answers FALSE."""
    claim = all_claims()["002-eq3-riemann"]
    assert claim.check(Context()).verdict is Verdict.TYPO

    def truncated(build, free_indices, **kwargs):  # the every-n proof stopped at n = 3, below the bound
        return prove_jet_identity(build, range(2, 4), free_indices=free_indices)

    monkeypatch.setattr(m002, "prove_all_n", truncated)
    m002._riemann_statement_outcome.cache_clear()  # the outcome is cached: recompute it truncated ...
    try:
        assert claim.check(Context()).verdict is Verdict.FALSE
    finally:
        m002._riemann_statement_outcome.cache_clear()  # ... and never leave the truncated one behind
