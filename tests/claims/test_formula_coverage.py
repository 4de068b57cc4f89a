"""Issue 14, finding 7: every claim about the graph metric or the shape operator is derived twice.

The registered claims split into

(a) formulas about the graph metric or the shape operator (metric, Christoffel symbols, curvature
    tensors, scalar / Gaussian / mean / principal curvatures, normals, second fundamental form,
    their critical-point and reparametrization laws where the object is the graph's) — each is a
    ``Statement`` of ``test_second_derivation.py`` or is named by a ``@derives`` test of
    ``test_second_derivation*.py``: a float64 autodiff derivation that shares no code with the
    claim's check and fails when it disagrees with the recorded verdict;
(b) everything else — selected by a rule (kind ``probability`` / ``algorithm`` / ``numeric``;
    verdict NOT_CHECKABLE) or listed below with the reason.

(a) claims without a second derivation yet are listed in ``NOT_YET_DERIVED`` with what it would take.

The test fails when a claim is in neither, in both, or when a listed id no longer exists: a new
formula claim without a second derivation, or a stale list, is caught.
"""

from __future__ import annotations

import pytest

from geomcheck.claims import Verdict

from . import test_second_derivation as formulas
from . import test_second_derivation_shapes as shapes  # noqa: F401  (registers its @derives tests)
from .graph_oracle import CLAIMS, DERIVED

#: (b) by rule: kinds whose claims are Monte-Carlo / probability statements, algorithms or numbers
#: about the papers' experiments — none is a formula of the graph's geometry ...
RULE_KINDS: dict[str, str] = {
    "probability": "a probability / Monte-Carlo statement about random projections or Gaussian vectors",
    "algorithm": "an algorithm (trace estimation, Hessian directions, annihilation)",
    "numeric": "a number about a paper's example or experiment (parameter counts, eigenvalues, traces)",
}
#: ... except these, which are derived (a mean curvature of 004's example)
RULE_EXCEPTIONS: frozenset[str] = frozenset({"004-ex1-mean-curvature-zero"})
#: (b) by rule: empirical results (the authors' data or models)
RULE_VERDICT = Verdict.NOT_CHECKABLE

#: (b) by list: reason -> claim ids
NOT_GRAPH_FORMULAS: dict[str, tuple[str, ...]] = {
    "the plain (calculus) Hessian of the loss — its definition, chain rule, Taylor / Morse expansions, "
    "reparametrization law and spectrum; no metric or shape operator": (
        "000-hessian-def", "001-hessian-def", "003-hessian-definition", "003-bilinear-form", "003-taylor-second-order",
        "003-loss-maps-to-phi-inverse", "003-chain-rule-step1", "003-chain-rule-step2", "003-second-term-vanishes",
        "003-hessian-law-at-minimum", "003-vector-law", "003-inverse-jacobian", "003-bilinear-cancellation-step",
        "003-bilinear-result", "003-dummy-index-rename", "003-bilinear-invariant-at-minimum", "003-matrix-form-congruence",
        "003-det-law", "003-det-not-invariant", "003-consensus-eigenvalues", "003-consensus-determinant", "003-consensus-trace",
        "003-consensus-bilinear-noncritical", "003-intro-quantities-invariant", "003-downstream-not-invariant",
        "002-sec3.3-hessian-chain-rule", "002-sec3.1-saddle-trace", "002-ex3.1-trace", "002-prop3.3-proof",
        "002-propB4-proof-notices", "004-eq2.1-quadratic-expansion", "004-eq2.2-morse-lemma", "004-eq2.3-hessian-definition",
        "004-eq2.23-2.24-hessian", "004-eq2.28-parameter-range", "004-eq2.29-multiplicity", "004-ex1-saddle-because-indefinite",
        "004-disc-cooper-global-minima", "004-fig1-eigendirection-shapes", "004-s2.3.3-eigendirection-shapes",
        "004-eq3.1-hessian-vector-product", "004-eq2.15-projected-hessian",
    ),
    "notation of a reparametrization or of index placement, not a formula of the graph": (
        "003-reparam-diffeomorphism", "003-einstein-covector",
    ),
    "mini-batches, weight perturbations and SGD dynamics of f (linearity of the trace, Taylor bounds, "
    "an OU process); S enters only through Cor. 2.1 (002-cor2.1-critical, derived)": (
        "002-sec3.1-minibatch-mean", "002-sec3.1-trace-chain", "002-sec3.1-trace-is-expectation-wording", "002-eq6-trace-expectation",
        "002-fig3-flat-over-dataset", "002-sec3.2-upper-bounded-by-norm", "002-sec3.2-smaller-S-robust", "002-eq7-perturbation-bound",
        "002-eq8-scalar-orders-trace", "002-sec3.2-flatter-more-robust", "002-sec3.2-fig4-variance-law", "002-eq9-ou-process",
        "002-eq10-escaping-efficiency", "002-sec3.2-escape-small-S", "002-propB5-equivalence", "002-eq11-perturbation-bound",
        "002-propB5-proof-taylor", "002-propB5-proof-eigenvector", "002-propB5-proof-coordinates", "002-propB5-proof-final",
    ),
    "arithmetic on the printed matrices of App. B.3 (not Hessians: non-symmetric, 2x3) with S(H) = tr(H)^2 - tr(H^2) "
    "as a function of a matrix; that formula of the graph is 002-cor2.1-critical (derived)": (
        "002-propB6-proof-matrices", "002-propB6-proof-traces", "002-propB6-proof-curvatures", "002-propB6-proof-full-hessian",
        "002-propB6-proof-same-trace", "002-propB6-proof-value",
    ),
    "004's random projections: statistics of projected Hessians (a principal curvature at a critical point is a "
    "Hessian eigenvalue: 004-s2.1-shape-operator-is-hessian and 004-eq2.20-mean-curvature, derived)": (
        "004-abs-expected-curvature-proportional", "004-abs-mean-curvature-determines", "004-eq2.10-polarization",
        "004-s2.2-scalar-product-vanishes", "004-s2.2-chi-squared-prefactors", "004-s2.2-abc-distribution-unknown",
        "004-s2.2-li-et-al-weighted-averages", "004-s2.2-not-weighted-averages-of-kappa", "004-s2.2-expectations-abc",
        "004-eq2.17-expected-hessian", "004-s2.2-kappa-bar-is-sum", "004-eq2.18-trace-from-kappas", "004-eq2.19-kappa-bar",
        "004-eq2.22-hutchinson", "004-s2.2-alternative-unbiased-estimate", "004-ex1-apparently-flat", "004-eq2.26-limit",
        "004-ex1-plausibly-gaussian", "004-ex1-averaging-order-matters", "004-ex2-both-averagings-minimum",
        "004-s2.3.2-efficient-alternative", "004-s3-on-average-sum-of-curvatures", "004-disc-expected-curvature-proportional",
        "004-disc-saddles-appear-on-average", "004-disc-flatness-apparent", "004-appA-identity", "004-appA-independence",
        "004-appA-A1-last-step", "004-appA-gaussian-approximation", "004-eqA.4-union-bound",
    ),
    "Fisher information, Gauss-Newton and the annihilation eigen-method (004 Sec. 2.1, App. B)": (
        "004-eq2.4-2.5-fisher", "004-eq2.6-empirical-fim", "004-eq2.8-hessian-fim", "004-global-optimum-fim-equals-hessian",
        "004-eq2.21-projected-gauss-newton", "004-eqB.1-saddle-hessian-example", "004-eqB.2-first-annihilation-step",
        "004-eqB.3-rayleigh-quotient", "004-appB-limit", "004-appB-identification",
    ),
    "about the literature, citations, figures or the paper's own evaluation (no formula)": (
        "000-curvature-matrix-of-L", "000-flatness-disputed", "000-prop1-proof-citation", "001-prop1-proof-citation",
        "002-sec1-flat-low-precision", "002-sec1-dinh-not-invariant", "002-fig1-robust-flatter", "002-sec1-all-benefits",
        "002-sec3.1-orvieto-upper-limit", "002-sec4-hessian-norm-gauge", "002-sec4-all-advantages", "003-dinh-flatness",
        "004-intro-semicircle-shift", "004-intro-baldi-hornik", "004-s3-figure-6-references", "004-fig7-caption-panel-labels",
    ),
    "verbal: interpretation, motivation, orientation words or tensor types, no formula to evaluate (the formulas "
    "they refer to are derived under their own ids)": (
        "000-outward-normal", "000-isometric-reparametrization", "000-gaussian-as-remedy", "000-prop2-proof-gram-schmidt",
        "003-intro-calculus-default", "003-calculus-E-equals-H", "003-discrepancy-ignoring-gamma", "003-flatness-is-curvature",
        "003-cause-of-noninvariance", "003-hessian-covariant-2-tensor", "003-eigenvalues-type-mismatch", "003-raise-index-11-tensor",
        "003-correct-object-shape-operator", "003-newton-not-invariant", "003-euclidean-justified",
    ),
    "topology: the graph is an embedded hypersurface (a manifold); no metric or shape-operator formula (the rank of "
    "dZ is derived under 000-coordinate-basis)": (
        "000-hypersurface-def", "000-graph-is-hypersurface", "001-caption-graph", "003-graph-is-hypersurface",
    ),
    "the rendering (001) dropped a formula the sentence needs: ill-posed as rendered, nothing to evaluate (the "
    "000 twin is derived)": (
        "001-hypersurface-def", "001-induced-metric", "001-graph-is-hypersurface", "001-second-fundamental-form-def",
        "001-normal-two-choices", "001-gaussian-mean-def", "001-example-curvatures", "001-gauss-intrinsic", "001-prop1",
    ),
    "notation: the verdict rests on set braces {x, y, 0} vs a point (x, y, 0); the two surfaces are derived under "
    "000-example-curvatures": (
        "000-example-parametrizations",
    ),
}


#: (a) claims NOT derived a second time yet, with what it would take (counted and printed separately)
NOT_YET_DERIVED: dict[str, str] = {
    # none at present (the geodesic-ball claims of 002 are derived by the slow test_geodesic_ball_volumes)
}


def _covered() -> set[str]:
    return {st.claim_id for st in formulas.STATEMENTS} | set(DERIVED)


def _not_graph_formulas() -> dict[str, str]:
    out: dict[str, str] = {}
    for cid, claim in CLAIMS.items():
        if claim.kind in RULE_KINDS and cid not in RULE_EXCEPTIONS:
            out[cid] = RULE_KINDS[claim.kind]
        elif claim.expected is RULE_VERDICT:
            out[cid] = "an empirical result (NOT_CHECKABLE): needs the authors' data or models"
    for reason, ids in NOT_GRAPH_FORMULAS.items():
        for cid in ids:
            assert cid not in out, f"{cid} is listed twice in (b)"
            out[cid] = reason
    return out


def test_the_lists_name_registered_claims():
    listed = [cid for ids in NOT_GRAPH_FORMULAS.values() for cid in ids] + sorted(RULE_EXCEPTIONS)
    stale = [cid for cid in listed if cid not in CLAIMS]
    assert not stale, f"listed ids that are no longer claims: {stale}"
    assert set(NOT_YET_DERIVED) <= set(CLAIMS), "a not-yet-derived id is no longer a claim"
    assert len(listed) == len(set(listed)), "an id is listed twice"
    assert RULE_EXCEPTIONS <= _covered(), "a rule exception must be derived"
    assert all(reason.strip() for reason in NOT_GRAPH_FORMULAS)


def test_every_claim_is_derived_twice_or_listed_with_a_reason():
    covered, other, gaps = _covered(), _not_graph_formulas(), set(NOT_YET_DERIVED)
    for name, (x, y) in {"derived / not a graph formula": (covered, set(other)), "derived / not yet derived": (covered, gaps),
                         "not a graph formula / not yet derived": (set(other), gaps)}.items():
        assert not x & y, f"in two sets at once ({name}): {sorted(x & y)}"
    missing = sorted(set(CLAIMS) - covered - set(other) - gaps)
    assert not missing, ("claims with neither a second derivation (test_second_derivation*.py) nor a reason in "
                         f"test_formula_coverage.py: {missing}")
    assert covered | set(other) | gaps == set(CLAIMS)


def test_coverage_counts(capsys):
    """The counts of finding 7 (printed with -s; checked for consistency only)."""
    covered, other = _covered(), _not_graph_formulas()
    rows = []
    for src in sorted({c.source.id for c in CLAIMS.values()}):
        ids = [cid for cid, c in CLAIMS.items() if c.source.id == src]
        rows.append((src, len(ids), sum(cid in covered for cid in ids), sum(cid in NOT_YET_DERIVED for cid in ids),
                     sum(cid in other for cid in ids)))
    assert sum(r[2] for r in rows) == len(covered) and sum(r[4] for r in rows) == len(other)
    assert all(n == a + g + b for _, n, a, g, b in rows)
    with capsys.disabled():
        print("\nsource  claims  (a) derived twice  (a) not yet  (b) not a graph formula")
        for src, n, a, g, b in rows:
            print(f"{src:>6}  {n:>6}  {a:>17}  {g:>11}  {b:>23}")


# =============================================================================================
# the second derivation decides: a flipped recorded verdict must fail it
# =============================================================================================


def _flipped(verdict: Verdict, content_only: bool) -> Verdict:
    """The opposite verdict: TRUE-like -> FALSE, TYPO/FALSE -> TRUE, AMBIGUOUS -> TRUE; where only the
    content is derivable (a word is the issue: TRUE and TYPO both pass), FALSE."""
    if verdict in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION) or content_only:
        return Verdict.FALSE
    return Verdict.TRUE


def _with_verdict(monkeypatch, claim_id: str, verdict: Verdict) -> None:
    import dataclasses

    monkeypatch.setitem(CLAIMS, claim_id, dataclasses.replace(CLAIMS[claim_id], expected=verdict))


@pytest.mark.parametrize("st", formulas.STATEMENTS, ids=lambda st: st.claim_id)
def test_a_flipped_verdict_fails_the_statement(st, monkeypatch):
    _with_verdict(monkeypatch, st.claim_id, _flipped(CLAIMS[st.claim_id].expected, st.printed is None))
    with pytest.raises(AssertionError):
        formulas.test_second_derivation_agrees_with_the_verdict(st)


@pytest.mark.slow
@pytest.mark.parametrize("claim_id", sorted(DERIVED), ids=str)
def test_a_flipped_verdict_fails_the_derivation(claim_id, monkeypatch):
    test = getattr(shapes, DERIVED[claim_id], None) or getattr(formulas, DERIVED[claim_id])
    _with_verdict(monkeypatch, claim_id, _flipped(CLAIMS[claim_id].expected, False))
    with pytest.raises(AssertionError, match=claim_id):
        test()
