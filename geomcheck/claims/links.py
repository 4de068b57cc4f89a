"""Linked claims: one statement made in two places.

The same mathematical statement appears more than once in the sources — blog post 000 and its
plain-text rendering 001, a paper's introduction and its discussion (002), an abstract, a summary
and a discussion (004), and across documents (000's Proposition 2 and 004's Sec. 2.1).  A
:class:`Link` records such a pair, how the two share their check, and — when their verdicts
differ — the recorded reason (by the labelling rule of :mod:`geomcheck.claims.model`, e.g. the
rendering dropped a formula the sentence needs, or one document fixes a convention the other
leaves open).  ``tests/claims/test_links.py`` fails when linked claims disagree without a
recorded reason, and when a recorded reason has gone stale (the verdicts agree again).

Sharing: ``"same-check"`` — both claims call one function of their module (e.g. 002's Eq. (3) and
Prop. B.3 both return ``_riemann_statement_outcome()``); ``"runs-other"`` — the second claim's
check runs the first claim's check and decides from its outcome (every 001 claim runs the 000
check named in its evidence as ``claim_000``); ``"separate"`` — the two are checked
independently (different documents, or different wording that needs its own computation).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Link", "LINKS", "links_of"]


@dataclass(frozen=True)
class Link:
    """Two claims stating the same thing (``a`` is the primary place)."""

    a: str
    b: str
    #: "same-check", "runs-other" (b's check runs a's) or "separate"
    shared: str
    #: why the verdicts differ (None: they must agree)
    differs_because: str | None = None

    def __post_init__(self) -> None:
        if self.shared not in ("same-check", "runs-other", "separate"):
            raise ValueError(f"shared must be same-check, runs-other or separate, got {self.shared!r}")
        if self.a == self.b:
            raise ValueError(f"a claim cannot be linked to itself: {self.a}")
        if self.differs_because is not None and not self.differs_because.strip():
            raise ValueError("differs_because must be a reason or None")


_DROPPED = ("AMBIGUOUS (ill-posed) in 001: the plain-text rendering drops a formula the sentence needs; "
            "000 states it with the formula")
_GARBLED = "TYPO (rendering) in 001: the rendering garbles the statement that 000 prints correctly"

LINKS: tuple[Link, ...] = (
    # ---- 000 (LaTeX source) and 001 (its plain-text rendering): 001's check runs 000's
    Link("000-hessian-def", "001-hessian-def", "runs-other"),
    Link("000-eigenspectrum-curvatures", "001-eigenspectrum-curvatures", "runs-other"),
    Link("000-hypersurface-def", "001-hypersurface-def", "runs-other"),
    Link("000-induced-metric", "001-induced-metric", "runs-other", _DROPPED),
    Link("000-graph-is-hypersurface", "001-graph-is-hypersurface", "runs-other", _DROPPED),
    Link("000-graph-is-hypersurface", "001-caption-graph", "runs-other"),
    Link("000-second-fundamental-form-def", "001-second-fundamental-form-def", "runs-other", _DROPPED),
    Link("000-normal-two-choices", "001-normal-two-choices", "runs-other", _DROPPED),
    Link("000-gaussian-mean-def", "001-gaussian-mean-def", "runs-other", _DROPPED),
    Link("000-normal-sections", "001-normal-sections", "runs-other"),
    Link("000-not-intrinsic", "001-not-intrinsic", "runs-other"),
    Link("000-not-intrinsic", "001-caption-extrinsic", "runs-other"),
    Link("000-example-curvatures", "001-example-curvatures", "runs-other", _DROPPED),
    Link("000-depends-on-parametrization", "001-depends-on-parametrization", "runs-other"),
    Link("000-gauss-intrinsic-up-to-sign", "001-gauss-intrinsic", "runs-other", _DROPPED),
    Link("000-prop1", "001-prop1", "runs-other", _DROPPED),
    Link("000-prop1-proof-citation", "001-prop1-proof-citation", "runs-other"),
    Link("000-prop2", "001-prop2-garbled", "runs-other", _GARBLED),
    Link("000-prop2-proof-diagonal", "001-prop2-proof-diagonal", "runs-other"),
    Link("000-local-quadratic", "001-local-quadratic", "runs-other"),
    Link("000-mean-is-trace", "001-mean-is-trace", "runs-other"),
    Link("000-different-parametrization", "001-different-parametrization", "runs-other"),
    Link("000-different-parametrization", "001-caption-not-invariant", "runs-other"),
    Link("000-curvature-changes-same-function", "001-curvature-changes-same-function", "runs-other"),
    Link("000-gaussian-is-det-hessian", "001-gaussian-is-det-hessian", "runs-other"),
    # ---- 002: introduction vs discussion, main text vs appendix (one check each)
    Link("002-sec1-all-benefits", "002-sec4-all-advantages", "same-check"),
    Link("002-eq3-riemann", "002-propB3-riemann", "same-check"),
    Link("002-eq7-perturbation-bound", "002-eq11-perturbation-bound", "same-check"),
    Link("002-sec3.1-minibatch-mean", "002-eq6-trace-expectation", "same-check"),
    Link("002-sec3.2-smaller-S-robust", "002-sec3.2-flatter-more-robust", "separate"),
    # ---- across documents
    Link("000-mean-is-trace", "003-curvatures-eig-det-trace", "separate",
         "000 defines the mean curvature as the average, so 'trace' contradicts the post's own convention (TYPO, "
         "document-convention); 003 gives no definition (it points to 000 'for intuition' only), so there the sum "
         "convention is a convention the document leaves open (TRUE_UNDER_CONVENTION, mean)"),
    Link("000-prop2", "004-s2.1-shape-operator-is-hessian", "separate",
         "004 prints 'the matrix of the shape parameter', an object it never defines (the sentence before defines the shape operator): "
         "false as printed, true after one word (TYPO, wording), and its graph's normal is never oriented, so the correction names the "
         "upward one; 000's Proposition 2 names the shape operator and its proof fixes the upward normal (0,...,0,1), so it is TRUE as printed"),
    # ---- 004: abstract vs summary vs discussion (checks live in 004's modules; shared ones in its shared.py)
    Link("004-abs-saddles-rarely-identified", "004-summary-saddles-rarely-identified", "same-check"),
    Link("004-abs-saddles-rarely-identified", "004-disc-saddles-may-not-be-identified", "separate",
         "different claims about the same probability p of a projection showing the saddle: the discussion's 'may not be identified' "
         "says p < 1, true for every saddle (p <= 1/sqrt2; TRUE); the abstract's 'rarely identified' says p is small, true for saddles with "
         "|tr H| >> ||H||_F and false for the paper's own balanced example (2.23), p = 0.71 (AMBIGUOUS, readings)"),
    Link("004-abs-expected-curvature-proportional", "004-disc-expected-curvature-proportional", "same-check"),
    Link("004-abs-trace-without-hvp", "004-disc-trace-without-hvp", "same-check"),
    # settled (issue 13): both average the projected Hessian, the average the paper fixes (its "expected curvature", Eqs. 2.17-2.20;
    # the abstract's "Hence" derives the sentence from it, the discussion's next sentence names it): both TRUE, one check
    Link("004-abs-mean-curvature-determines", "004-disc-saddles-appear-on-average", "same-check"),
    Link("004-abs-trace-without-hvp", "004-s2.3.2-efficient-alternative", "separate",
         "the abstract says only that the curvature-based trace estimate needs no Hessian and no HVP (TRUE); Sec. 2.3.2 adds that it "
         "'may thus provide a computationally efficient alternative', which depends on the loss evaluations per probe (not stated) "
         "and on the cost of an HVP relative to a forward pass (AMBIGUOUS, readings)"),
    Link("004-s2.2-kappa-bar-is-sum", "004-s3-on-average-sum-of-curvatures", "separate",
         "Sec. 2.2 speaks of kappa-bar, the eigenvalue of the expected projected Hessian, which equals the sum of the principal "
         "curvatures (TRUE); Sec. 3 says 'the principal curvatures' kappa_+- of (2.16) are 'on average' that sum, and the paper "
         "averages them in two ways that differ (Sec. 2.3.1): each E[kappa_+-] is not the sum, their mean is (AMBIGUOUS, readings)"),
    # ---- 004: a figure caption and the text, the main text and the appendix (one check each)
    Link("004-fig1-random-often-convex", "004-s2.3.3-random-often-minimum", "same-check"),
    Link("004-fig1-eigendirection-shapes", "004-s2.3.3-eigendirection-shapes", "same-check"),
    Link("004-eq2.14-inner-product-bound", "004-eqA.3-inner-product-bound", "same-check"),
    Link("004-abs-trace-without-hvp", "004-s2.3.2-quadratic-fit-trace", "same-check"),
    Link("004-appB-limit", "004-appB-annihilation-method", "separate",
         "the floating-point caveat (rounding restores a v_k component when c_k = v_k . z0 = 0) is evidence in both and decides neither: "
         "the limit of (B.3) is an exact statement about the c_j and needs the omitted hypothesis c_k != 0 (TYPO, hypothesis); the method's "
         "sentence only names the eigenvalue the method targets, true whatever the start (TRUE)"),
)


def links_of(claim_id: str) -> list[Link]:
    """Every link that involves ``claim_id``."""
    return [link for link in LINKS if claim_id in (link.a, link.b)]
