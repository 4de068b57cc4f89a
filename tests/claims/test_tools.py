"""The shared building blocks of claim checks (geomcheck.claims.tools)."""

import pytest

from geomcheck.claims import Verdict
from geomcheck.claims.model import cited_rule
from geomcheck.claims.tools import (
    JetIdentityResult,
    identity_outcome,
    matrix_pairs,
    prove_all_n,
    proven,
    typo_outcome,
    verdict_from_readings,
)
from geomcheck.symbolic import graph_jets as gj


def _metric_symmetric(A):
    g = gj.metric(A)
    return matrix_pairs(g, [list(r) for r in zip(*g)])


def _wrong_metric(A):  # g_ij = delta_ij + f_i f_j, compared with delta_ij + f_i f_i: false for i != j
    g = gj.metric(A)
    return [((i, j), g[i][j], (A.one if i == j else A.zero) + A.p(i) * A.p(i)) for i in range(A.n) for j in range(A.n)]


def test_matrix_pairs_indexes_entries():
    rows = matrix_pairs([[1, 2], [3, 4]], [[5, 6], [7, 8]], tag="M")
    assert rows[1] == (("M", 0, 1), 2, 6) and len(rows) == 4
    assert matrix_pairs([[1]], [[2]])[0] == ((0, 0), 1, 2)


def test_prove_all_n_reaches_the_bound_and_respects_a_cap():
    res = prove_all_n(_metric_symmetric, 2)
    assert res.holds_for_all_n and max(res.holds) >= res.pair_bound
    capped = prove_all_n(_metric_symmetric, 2, at_least=2, at_most=2)
    assert list(capped.holds) == [2]
    assert capped.holds_for_all_n is (capped.pair_bound <= 2)


def test_identity_outcome_true_false():
    ok = identity_outcome(prove_all_n(_metric_symmetric, 2), reason="g is symmetric", latex="x", correction="c")
    assert ok.verdict is Verdict.TRUE and ok.reason == "g is symmetric"
    bad = identity_outcome(prove_all_n(_wrong_metric, 2), reason="r", latex="x", correction="g = I + p p^T")
    assert bad.verdict is Verdict.FALSE and cited_rule(bad.reason) == (Verdict.FALSE, "counterexample")
    assert bad.evidence["counterexample"]["jet"] and bad.correction == "g = I + p p^T"


def test_typo_outcome_needs_the_fix_proven():
    printed, fixed = prove_all_n(_wrong_metric, 2), prove_all_n(_metric_symmetric, 2)
    typo = typo_outcome(printed, fixed, reason="an index", correction="fixed", latex="x", rule="index")
    assert typo.verdict is Verdict.TYPO and typo.reason.startswith("[TYPO: index]")
    assert typo_outcome(printed, printed, reason="r", correction="c", latex="x").verdict is Verdict.FALSE
    assert typo_outcome(fixed, fixed, reason="r", correction="c", latex="x").verdict is Verdict.TRUE


def test_proven_refuses_an_every_n_claim_below_the_bound():
    res = JetIdentityResult({2: True, 3: True}, {}, 6)
    with pytest.raises(RuntimeError, match="pair bound"):
        proven(res)
    assert proven(res, all_n=False)


def test_verdict_from_readings():
    assert verdict_from_readings({"a": True, "b": True}) == (Verdict.TRUE, None)
    assert verdict_from_readings({"a": True, "b": False}) == (Verdict.AMBIGUOUS, "readings")
    assert verdict_from_readings({"a": False}) == (Verdict.FALSE, "counterexample")
    with pytest.raises(ValueError):
        verdict_from_readings({})
