"""Issue 14, finding 6: a verdict follows from its check's computation.

Every check is run (in fresh processes: checks cache intermediate results) with the data its
verdict is computed from falsified — exact zero tests negated, SymPy simplifications and
comparisons made in the claim modules negated, readings, Monte-Carlo estimates, samples and tails
moved (``tests/claims/flip_primitives.py``, driven in passes by ``tests/claims/verdict_scan.py``).
A check that reached a falsified primitive must change its verdict (or raise); a check that
reaches none must be in :data:`NOT_COMPUTED` with its reason, and that table plus the reached
checks must be exactly all claims, so a new check that ignores its computation fails here.
The checks whose booleans are forced one by one (monkeypatching the data they compute from)
follow below the scan.
"""

import pytest
import sympy as sp

from geomcheck.claims import Context, Verdict, all_claims
from geomcheck.claims.hessian_invariance import _common as m003
from geomcheck.claims.hessian_invariance import non_invariance, riemannian_hessian, tensor_analysis

from .verdict_scan import scan

CLAIMS = all_claims()

_EMPIRICAL = "NOT_CHECKABLE: an empirical result of the authors' networks or experiments; nothing is computed"
_CITED = "NOT_CHECKABLE: a cited paper's empirical result; nothing is computed"

#: claims that reach no falsified primitive, each with why (issue 14, finding 6: keep this small)
NOT_COMPUTED: dict[str, str] = {
    "000-flatness-conjecture": "NOT_CHECKABLE: a conjecture about trained networks; nothing is computed",
    "002-sec3.1-wei-schwab": _CITED,
    "002-sec3.1-orvieto-anticorrelated": _CITED,
    "002-sec3.1-ju": _CITED,
    "002-sec3.2-seong": _CITED,
    "002-fig4-caption-empirical": _CITED,
    "002-sec3.2-ghorbani-flat-spectrum": _CITED,
    "004-summary-definite-points-scarce": _EMPIRICAL,
    "004-s3-resnet56-eigenvalues": _EMPIRICAL,
    "004-s3-random-directions-show-minimum": _EMPIRICAL,
    "004-s3-densenet-eigenvalues": _EMPIRICAL,
    "004-s3-fig7-loss-reduction": _EMPIRICAL,
    "004-s3-resnet-small-improvements": _EMPIRICAL,
    "004-disc-negative-curvature-reductions": _EMPIRICAL,
    "004-fig7-caption-panel-labels": "set logic on the panel letters printed in the caption; no computation of ours to falsify",
}


def _ids(sources):
    return [cid for cid, c in CLAIMS.items() if c.source.id in sources]


def _assert_verdicts_follow(result, ids, must_use=()):
    assert not result.ignoring, ("verdict unchanged although the data it is computed from was falsified: "
                                 f"{ {cid: result.primitives[cid] for cid in sorted(result.ignoring)} }")
    unreached = set(ids) - result.reached()
    exempt = {cid for cid in ids if cid in NOT_COMPUTED}
    assert not unreached - exempt, f"checks that reach no falsified primitive (falsify their data, or exempt them with a reason): {sorted(unreached - exempt)}"
    assert not exempt - unreached, f"exempted but reached (remove from NOT_COMPUTED): {sorted(exempt - unreached)}"
    for cid in must_use:
        assert cid in result.changed, f"{cid} no longer rests on a falsifiable computation"
    # a check may refuse falsified data, but with a clear error (a message naming the problem), never a crash
    unclear = {cid: e for cid, e in result.errors.items() if not e.startswith(("RuntimeError: ", "ValueError: "))}
    assert not unclear, f"checks that crash on falsified data instead of refusing it clearly: {unclear}"


def test_not_computed_table_names_claims_with_reasons():
    assert set(NOT_COMPUTED) <= set(CLAIMS), sorted(set(NOT_COMPUTED) - set(CLAIMS))
    assert all(reason.strip() for reason in NOT_COMPUTED.values())
    assert len(NOT_COMPUTED) <= 0.1 * len(CLAIMS)


def test_000_003_checks_change_verdict_when_their_zero_tests_are_flipped():
    ids = _ids(("000", "003"))
    _assert_verdicts_follow(scan(ids), ids,
                            ("003-riem-law-step-substitution", "000-prop1", "000-shape-operator-def", "003-christoffel-law",
                             "000-gaussian-mean-def", "003-newton-not-invariant"))


@pytest.mark.slow
def test_every_check_follows_its_computation():
    ids = list(CLAIMS)
    result = scan(ids)
    _assert_verdicts_follow(result, ids, ("002-eq3-riemann", "002-eq4-scalar", "002-ex3.1-scalar", "004-ex1-25-percent"))
    # the union is every claim: reached and changed, or exempted with a reason
    assert set(result.changed) | set(NOT_COMPUTED) == set(CLAIMS)


def _verdict(cid):
    return CLAIMS[cid].check(Context()).verdict


def test_newton_verdict_follows_its_three_booleans(monkeypatch):
    assert _verdict("003-newton-not-invariant") is Verdict.AMBIGUOUS
    # an affine map: the calculus Newton direction is already invariant, so reading (a) fails -> FALSE
    monkeypatch.setattr(tensor_analysis, "SHEAR", (m003.P1 + 2 * m003.P2, m003.P2))
    assert _verdict("003-newton-not-invariant") is Verdict.FALSE


def test_downstream_verdict_follows_the_computed_changes(monkeypatch):
    assert _verdict("003-downstream-not-invariant") is Verdict.TRUE
    # if every spectrum looked alike, the eigenvalue change the reason asserts is not there -> FALSE
    monkeypatch.setattr(non_invariance, "_eigs", lambda M: [sp.Integer(0)])
    assert _verdict("003-downstream-not-invariant") is Verdict.FALSE


def test_downstream_reason_reports_the_determinant_as_computed(monkeypatch):
    assert "det kept" in CLAIMS["003-downstream-not-invariant"].check(Context()).reason
    H0 = m003._shear_example()
    monkeypatch.setattr(non_invariance, "_shear_example", lambda: (H0[0], H0[1], 2 * H0[2]))
    assert "det changed" in CLAIMS["003-downstream-not-invariant"].check(Context()).reason


def test_substitution_step_verdict_follows_the_literal_reading(monkeypatch):
    assert _verdict("003-riem-law-step-substitution") is Verdict.TRUE_UNDER_CONVENTION
    monkeypatch.setattr(riemannian_hessian, "_cz", lambda e: False)
    assert _verdict("003-riem-law-step-substitution") is Verdict.TYPO
