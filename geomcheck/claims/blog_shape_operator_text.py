"""Claims of 001: the plain-text rendering (formulas stripped) of the blog post 000,
"Hessian and Curvatures in Machine Learning: A Differential-Geometric View".

The mathematics of the post is checked in :mod:`geomcheck.claims.blog_shape_operator` (000).
Each claim here pairs a statement of 001 with the same statement in 000's LaTeX source and
checks the *rendering* programmatically:

1. strip the math (``$...$``, ``\\[...\\]``) from the 000 text, normalise both texts (the
   rendering's mojibake ``â`` and 000's typographic quotes/dashes become spaces; lower case) and
   compare the word/punctuation token sequences;
2. tokens differ → the rendering changed the text: **TYPO** (correction: the statement as in 000;
   the corrected statement is proven by running 000's check);
3. same tokens, but a dropped formula is one the sentence needs (a display, a formula with a
   relation/operator such as ``=``, ``\\mapsto``, ``\\det``, ``\\geq``, or a dimension as in
   ``$d$-dimensional``) → **AMBIGUOUS**: the rendered sentence is ill-posed;
4. same tokens and only referents dropped (``$\\ell$``, ``$p$``, ``$L$``) → the rendering preserves
   the statement, whose verdict is then the one 000's check computes (TRUE when the statement is
   true; a false statement stays false in any rendering).

Figure captions that exist only in 001 are checked on their own (the mathematics again via 000).
Private helpers: ``strip_math``, ``tokens``, ``essential``, ``compare_rendering`` (unit-tested in
``tests/claims/test_blog_shape_operator_helpers.py``).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .blog_shape_operator import CLAIMS as CLAIMS_000
from .blog_shape_operator import SOURCE as SOURCE_000
from .model import ClaimSet, Context, Outcome, Source, Verdict
from .registry import source_text
from .report import tex_escape

SOURCE = Source("001", "001_d6c574946e5435a8.txt",
                "Hessian and Curvatures in Machine Learning: A Differential-Geometric View (plain-text rendering, formulas stripped)")
CLAIMS = ClaimSet(SOURCE)
add = CLAIMS.add

# =============================================================================================
# rendering comparison helpers
# =============================================================================================

_MATH = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|\\\(.*?\\\)|\$[^$]*\$", re.S)
#: characters normalised to a space before tokenising: 000's typographic punctuation and the
#: rendering's mojibake (UTF-8 bytes of ’ “ ” — read as Latin-1, continuation bytes lost: 'â')
_PUNCT = str.maketrans({c: " " for c in "—–’‘“”â"})
#: a formula containing one of these states a relation or a computation: the sentence needs it
_ESSENTIAL_TOKENS = ("=", r"\mapsto", r"\to", r"\geq", r"\leq", ">", "<", r"\det", r"\mathrm{tr}", r"\tr",
                     r"\frac", r"\sum", r"\prod", r"\inner", r"\langle", r"\subseteq", r"\hookrightarrow",
                     r"\partial", r"\{", r"\kappa")


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strip_math(tex: str) -> tuple[str, list[dict]]:
    """``tex`` with every formula removed (as the plain-text rendering does) and the formulas,
    each with whether it is a display and the text that follows it."""
    formulas = []
    for m in _MATH.finditer(tex):
        body = m.group()
        formulas.append({"formula": _ws(body), "display": body.startswith(("$$", r"\[")),
                         "following": tex[m.end():m.end() + 20]})
    return _MATH.sub(" ", tex), formulas


def tokens(text: str) -> list[str]:
    """Lower-case word and punctuation tokens, typographic punctuation/mojibake removed."""
    return re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.translate(_PUNCT).lower())


def essential(formula: dict) -> bool:
    """Does the sentence need this formula (display, relation/operator, or a dimension)?"""
    if formula["display"]:
        return True
    if any(tok in formula["formula"] for tok in _ESSENTIAL_TOKENS):
        return True
    return formula["following"].startswith(("-dimensional", "-st"))


def compare_rendering(seg000: str, text001: str) -> dict:
    """Compare a statement of 000 (LaTeX) with its plain-text rendering in 001."""
    prose, formulas = strip_math(seg000)
    a, b = tokens(prose), tokens(text001)
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            changes.append({"op": op, "000": " ".join(a[i1:i2]), "001": " ".join(b[j1:j2])})
    return {
        "same_prose": a == b,
        "changes": changes,
        "dropped": [f["formula"] for f in formulas],
        "dropped_essential": [f["formula"] for f in formulas if essential(f)],
        "mojibake_in_001": "â" in text001,
        "n_tokens": len(b),
    }


def _in(hay: str, needle: str) -> bool:
    return _ws(needle) in _ws(hay)


@lru_cache(maxsize=None)
def _run000(claim_id: str, ctx: Context) -> Outcome:
    return CLAIMS_000.claims[claim_id].check(ctx)


def _texttt_list(items) -> str:
    return ", ".join(r"\texttt{" + tex_escape(s) + "}" for s in items) or "none"


def _rendering_outcome(ctx: Context, *, claim_id: str, seg000: str, claim000: str, typo_correction: str | None = None) -> Outcome:
    text000, text001 = source_text(SOURCE_000.file), source_text(SOURCE.file)
    quote001 = CLAIMS.claims[claim_id].quote
    if not _in(text000, seg000):
        raise ValueError(f"{claim_id}: the 000 segment is not in {SOURCE_000.file}")
    if not _in(text001, quote001):
        raise ValueError(f"{claim_id}: the quote is not in {SOURCE.file}")
    cmp = compare_rendering(seg000, quote001)
    ref = _run000(claim000, ctx)
    evidence = {"rendering": cmp, "claim_000": claim000, "verdict_000": ref.verdict.value}
    if not cmp["same_prose"]:
        shown = "; ".join(f"'{c['000']}' -> '{c['001']}'" for c in cmp["changes"][:4])
        proven = ref.verdict in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION)
        return Outcome(
            Verdict.TYPO if proven else Verdict.FALSE,
            f"the rendering garbles the statement ({len(cmp['changes'])} changes: {shown}); as written in 000 it is proven ({claim000})",
            rule="rendering" if proven else "counterexample",
            correction=typo_correction or "the statement as printed in 000",
            convention=ref.convention,
            evidence=evidence,
            latex=(r"Token-by-token comparison with 000 (formulas removed from 000, mojibake normalised) finds changes: "
                   + _texttt_list([f"{c['000']} -> {c['001']}" for c in cmp["changes"]])
                   + rf". The statement as printed in 000 is checked in {tex_escape(claim000)}: verdict "
                   + tex_escape(ref.verdict.value) + ". " + ref.latex),
        )
    if cmp["dropped_essential"]:
        return Outcome(
            Verdict.AMBIGUOUS,
            f"the prose is rendered faithfully but {len(cmp['dropped_essential'])} formula(s) the sentence needs are dropped; ill-posed as rendered",
            rule="ill-posed",
            evidence=evidence,
            latex=(r"The rendered words equal those of 000 with its formulas removed, but the sentence depends on dropped formula(s): "
                   + _texttt_list(cmp["dropped_essential"])
                   + rf". Without them the statement cannot be read. In 000 (with formulas) it is {tex_escape(claim000)}: verdict "
                   + tex_escape(ref.verdict.value) + "."),
        )
    return Outcome(
        ref.verdict,
        (f"rendering faithful ({'only referents dropped' if cmp['dropped'] else 'no formula in the statement'}); "
         f"the statement itself, as in {claim000}: {ref.bare_reason}"),
        rule=ref.rule,
        correction=ref.correction,
        convention=ref.convention,
        evidence=evidence,
        latex=(r"The rendered words equal those of 000 with its formulas removed; the dropped formulas are only names of objects "
               r"recoverable from the context (" + _texttt_list(cmp["dropped"]) + r"), so the statement is preserved. Its verdict is "
               rf"that of {tex_escape(claim000)}: " + ref.latex),
    )


def _caption_outcome(ctx: Context, *, claim_id: str, claim000: str, same_truth: bool, reason: str,
                     correction: str | None, latex: str) -> Outcome:
    """A figure caption present only in 001, whose mathematics 000's check ``claim000`` decides:
    ``same_truth`` says whether the caption is true exactly when that 000 statement is; ``reason``
    describes the expected outcome (true iff ``correction`` is None)."""
    caption = CLAIMS.claims[claim_id].quote
    only_in_001 = not _in(source_text(SOURCE_000.file), caption) and _in(source_text(SOURCE.file), caption)
    if not only_in_001:  # the caption verdict and its text below rest on 000 having only a placeholder here
        raise ValueError(f"{claim_id}: the caption is not found in 001 alone; judge it as a rendering of 000 instead")
    ref = _run000(claim000, ctx)
    ref_true = ref.verdict in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION)
    if ref.verdict not in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION, Verdict.FALSE):
        raise ValueError(f"{claim_id}: 000 verdict {ref.verdict} does not decide the caption")
    caption_true = ref_true if same_truth else not ref_true
    return Outcome(
        Verdict.TRUE if caption_true else Verdict.FALSE,
        reason if caption_true == (correction is None) else f"caption decided by {claim000}, whose verdict is {ref.verdict.value}",
        correction=None if caption_true else (correction or "see " + claim000),
        rule=None if caption_true else "counterexample",
        evidence={"only_in_001": only_in_001, "claim_000": claim000, "verdict_000": ref.verdict.value, "evidence_000": ref.evidence},
        latex=(r"Caption present only in the rendering (000 has a figure placeholder). " + latex + " " + ref.latex),
    )


# =============================================================================================
# the claims, in document order
# =============================================================================================

_Q000 = {cid: c.quote for cid, c in CLAIMS_000.claims.items()}


@add("001-hessian-def", location="paragraph 1, last sentence",
     quote=r"""Assuming the standard basis for , from calculus we know that the second partial derivatives of at a point form a matrix called the Hessian matrix at .""",
     expected=Verdict.TRUE, kind="definition")
def _hessian_def(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-hessian-def", seg000=_Q000["000-hessian-def"], claim000="000-hessian-def")


@add("001-eigenspectrum-curvatures", location="paragraph 2, sentence 2",
     quote=r"""Indeed, it is well-justified since as we have learned in calculus, the eigenspectrum of this Hessian matrix represents the curvatures of the loss landscape of at .""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _eigenspectrum(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-eigenspectrum-curvatures", seg000=_Q000["000-eigenspectrum-curvatures"],
                              claim000="000-eigenspectrum-curvatures")


@add("001-hypersurface-def", location="Sec. Loss Landscapes as Hypersurfaces, paragraph 1",
     quote=r"""We call an -dimensional manifold a (Euclidean) hypersurface of if is a subset of (equipped with the standard basis) and the inclusion is a smooth topological embedding.""",
     expected=Verdict.AMBIGUOUS, kind="definition")
def _hypersurface(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-hypersurface-def", seg000=_Q000["000-hypersurface-def"], claim000="000-hypersurface-def")


@add("001-induced-metric", location="Sec. Loss Landscapes as Hypersurfaces, paragraph 1 (display dropped)",
     quote=r"""we can equip with an induced metric characterized at each point by
for all tangent vectors .""",
     expected=Verdict.AMBIGUOUS, kind="definition")
def _induced_metric(ctx: Context) -> Outcome:
    seg = ("we can equip $M$ with an induced metric characterized at each point $p \\in M$ by\n\n"
           + _Q000["000-induced-metric"] + "\n\nfor all tangent vectors $v, w \\in T_pM$.")
    return _rendering_outcome(ctx, claim_id="001-induced-metric", seg000=seg, claim000="000-induced-metric")


@add("001-graph-is-hypersurface", location="Sec. Loss Landscapes as Hypersurfaces, paragraph on graphs",
     quote=r"""Let is a smooth real-valued function over an open subset , then the graph of is the subset which is a hypersurface in .""",
     expected=Verdict.AMBIGUOUS, kind="proposition")
def _graph(ctx: Context) -> Outcome:
    seg = r"Let $g: U \to \R$ is a smooth real-valued function over an open subset $U \subseteq \R^n$, " + _Q000["000-graph-is-hypersurface"]
    return _rendering_outcome(ctx, claim_id="001-graph-is-hypersurface", seg000=seg, claim000="000-graph-is-hypersurface")


@add("001-caption-graph", location="figure caption after the loss-landscape paragraph (only in 001)",
     quote=r"""The graph of a function as a hypersurface.""",
     expected=Verdict.TRUE, kind="verbal")
def _caption_graph(ctx: Context) -> Outcome:
    return _caption_outcome(
        ctx, claim_id="001-caption-graph", claim000="000-graph-is-hypersurface", same_truth=True,
        reason="caption only in 001; the graph of a smooth function is an embedded hypersurface (checked in 000-graph-is-hypersurface)",
        correction=None, latex=r"The caption asserts that the graph of a function is a hypersurface:")


@add("001-second-fundamental-form-def", location="Sec. The Second Fundamental Form and Shape Operator (display dropped)",
     quote=r"""We define the second fundamental form as the map that takes two vector fields on and yielding normal vector fields of , as follows:""",
     expected=Verdict.AMBIGUOUS, kind="definition")
def _sff(ctx: Context) -> Outcome:
    seg = ("We define the second fundamental form as the map $\\mathrm{II}$ that takes two vector fields on $L$ and yielding normal "
           "vector fields of $L$, as follows:\n\n" + _Q000["000-second-fundamental-form-def"])
    return _rendering_outcome(ctx, claim_id="001-second-fundamental-form-def", seg000=seg, claim000="000-second-fundamental-form-def")


@add("001-normal-two-choices", location="Sec. The Second Fundamental Form and Shape Operator, paragraph after the figure",
     quote=r"""Since is a -dimensional hypersurface of -dimensional Euclidean space, the normal space at each point of has dimension one, and there exist only two ways of choosing a unit vector field normal to .""",
     expected=Verdict.AMBIGUOUS, kind="proposition")
def _two_choices(ctx: Context) -> Outcome:
    seg = "Since $L$ is a $d$-dimensional hypersurface of $(d+1)$-dimensional Euclidean space, " + _Q000["000-normal-two-choices"]
    return _rendering_outcome(ctx, claim_id="001-normal-two-choices", seg000=seg, claim000="000-normal-two-choices")


@add("001-gaussian-mean-def", location="Sec. Principal Curvatures, paragraph 1, sentence 3",
     quote=r"""Moreover, we also define the Gaussian curvature as and the mean curvature as .""",
     expected=Verdict.AMBIGUOUS, kind="definition")
def _gauss_mean(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-gaussian-mean-def", seg000=_Q000["000-gaussian-mean-def"], claim000="000-gaussian-mean-def")


@add("001-normal-sections", location="Sec. Principal Curvatures, paragraph on the intuition in R^3",
     quote=r"""We can now compute the curvature of this curve at as usual, in the calculus sense (the reciprocal of the radius of the osculating circle at ). Then, the principal curvatures of at are the minimum and maximum curvatures obtained this way.""",
     expected=Verdict.FALSE, kind="proposition")
def _normal_sections(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-normal-sections", seg000=_Q000["000-normal-sections"], claim000="000-normal-sections")


@add("001-not-intrinsic", location="Sec. Principal Curvatures, paragraph 3",
     quote=r"""Principal and mean curvatures are not intrinsic to a hypersurface. There are two hypersurfaces that are isometric, but have different principal curvatures and hence different mean curvatures.""",
     expected=Verdict.TRUE, kind="proposition")
def _not_intrinsic(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-not-intrinsic", seg000=_Q000["000-not-intrinsic"], claim000="000-not-intrinsic")


@add("001-caption-extrinsic", location="figure caption in Sec. Principal Curvatures (only in 001)",
     quote=r"""Principal curvatures are extrinsic.""",
     expected=Verdict.TRUE, kind="verbal")
def _caption_extrinsic(ctx: Context) -> Outcome:
    return _caption_outcome(
        ctx, claim_id="001-caption-extrinsic", claim000="000-not-intrinsic", same_truth=True,
        reason="caption only in 001; isometric plane and half-cylinder have different principal curvatures (checked in 000-not-intrinsic)",
        correction=None, latex=r"Extrinsic = not determined by the metric:")


@add("001-example-curvatures", location="Sec. Principal Curvatures, plane vs half-cylinder example, sentence 4",
     quote=r"""Indeed, assuming a downward pointing normal, we can see that for the plane and for the half-cylinder and thus their mean curvatures differ.""",
     expected=Verdict.AMBIGUOUS, kind="example")
def _example_curv(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-example-curvatures", seg000=_Q000["000-example-curvatures"], claim000="000-example-curvatures")


@add("001-depends-on-parametrization", location="Sec. Principal Curvatures, plane vs half-cylinder example, last sentence",
     quote=r"""Thus, both principal and mean curvatures depend on the choice of the parametrization and not intrinsic.""",
     expected=Verdict.FALSE, kind="verbal")
def _depends(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-depends-on-parametrization", seg000=_Q000["000-depends-on-parametrization"],
                              claim000="000-depends-on-parametrization")


@add("001-gauss-intrinsic", location="Sec. Principal Curvatures, paragraph on Gaussian curvature, sentence 1",
     quote=r"""Remarkably, the Gaussian curvature is intrinsic: All isometric hypersurfaces of dimension have the same Gaussian curvature (up to sign).""",
     expected=Verdict.AMBIGUOUS, kind="proposition")
def _gauss_intrinsic(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-gauss-intrinsic", seg000=_Q000["000-gauss-intrinsic-up-to-sign"],
                              claim000="000-gauss-intrinsic-up-to-sign")


@add("001-prop1", location="Sec. The Loss Landscape's Hessian, Proposition 1 (display dropped)",
     quote=r"""Then the scalar second fundamental form is given by
Where is the last component of the unit normal field.""",
     expected=Verdict.AMBIGUOUS, kind="proposition")
def _prop1(ctx: Context) -> Outcome:
    seg = ("Then the scalar second fundamental form is given by\n\n" + _Q000["000-prop1"]
           + "\n\nWhere $N^{d+1}$ is the last component of the unit normal field.")
    return _rendering_outcome(ctx, claim_id="001-prop1", seg000=seg, claim000="000-prop1")


@add("001-prop1-proof-citation", location="Proof of Prop. 1, sentence 1",
     quote=r"""To show the first equality, one can refer to Proposition 8.23 in [1], which works for any parametrization and not just the graph parametrization.""",
     expected=Verdict.TYPO, kind="proof-step")
def _citation(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-prop1-proof-citation", seg000=_Q000["000-prop1-proof-citation"],
                              claim000="000-prop1-proof-citation")


@add("001-prop2-garbled", location="Proposition 2 (rendered with markdown emphasis)",
     quote=r"""Proposition 2. _Suppose is a loss landscape with its graph parametrization and let \theta__ \in \R^d be a critical point of and p\__ := (\theta*\*^1, \dots, \theta*_^d, \ell(\theta\__)) \in L. Then the matrix of the shape operator of at is equal to the Hessian matrix of at ._""",
     expected=Verdict.TYPO, kind="proposition")
def _prop2(ctx: Context) -> Outcome:
    seg = (r"Proposition 2. Suppose $L \subseteq \R^{d+1}$ is a loss landscape with its graph parametrization and let "
           r"$\theta_* \in \R^d$ be a critical point of $\ell$ and $p_* := (\theta_*^1, \dots, \theta_*^d, \ell(\theta_*)) \in L$. "
           + _Q000["000-prop2"])
    return _rendering_outcome(
        ctx, claim_id="001-prop2-garbled", seg000=seg, claim000="000-prop2",
        typo_correction=(r"Suppose $L\subseteq\mathbb{R}^{d+1}$ is a loss landscape with its graph parametrization, $\theta_*\in\mathbb{R}^d$ "
                         r"a critical point of $\ell$ and $p_*:=(\theta_*^1,\dots,\theta_*^d,\ell(\theta_*))\in L$. Then the matrix of the shape "
                         r"operator $s$ of $L$ at $p_*$ is equal to the Hessian matrix of $\ell$ at $\theta_*$ (upward normal)"))


@add("001-prop2-proof-diagonal", location="Proof of Prop. 2, paragraph 2, sentences 2-3",
     quote=r"""Moreover, since we have an orthonormal basis for , the metric of at is represented by the diagonal matrix. This implies that the matrix of the shape operator at is equal to the matrix of the second fundamental form and the claim follows directly.""",
     expected=Verdict.TYPO, kind="proof-step")
def _diagonal(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-prop2-proof-diagonal", seg000=_Q000["000-prop2-proof-diagonal"],
                              claim000="000-prop2-proof-diagonal")


@add("001-local-quadratic", location="Sec. The Loss Landscape's Hessian, side note after Prop. 2",
     quote=r"""At any point in a hypersurface with any parametrization, the principal curvatures give a concise description of the local shape of the hypersurface by approximating it with the graph of a quadratic function.""",
     expected=Verdict.TRUE, kind="proposition")
def _local_quadratic(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-local-quadratic", seg000=_Q000["000-local-quadratic"], claim000="000-local-quadratic")


@add("001-mean-is-trace", location="Sec. Flatness and Generalization, paragraph 2, sentence 1 (parenthesis)",
     quote=r"""(the eigenvalues and trace of the Hessian of , resp.)""",
     expected=Verdict.TYPO, kind="verbal")
def _mean_trace(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-mean-is-trace", seg000=_Q000["000-mean-is-trace"], claim000="000-mean-is-trace")


@add("001-different-parametrization", location="Sec. Flatness and Generalization, paragraph 2, sentence 2",
     quote=r"""Different parametrization of can yield different principal and mean curvatures.""",
     expected=Verdict.FALSE, kind="verbal")
def _diff_param(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-different-parametrization", seg000=_Q000["000-different-parametrization"],
                              claim000="000-different-parametrization")


@add("001-caption-not-invariant", location="figure caption in Sec. Flatness and Generalization (only in 001)",
     quote=r"""Principal curvatures are not invariant under reparametrization.""",
     expected=Verdict.FALSE, kind="verbal")
def _caption_not_invariant(ctx: Context) -> Outcome:
    # the caption is true exactly when 000-different-parametrization ("different parametrizations can yield
    # different principal curvatures") is
    return _caption_outcome(
        ctx, claim_id="001-caption-not-invariant", claim000="000-different-parametrization", same_truth=True,
        reason=("caption only in 001; principal curvatures of a hypersurface ARE invariant under its reparametrization; only replacing "
                "ell by ell o phi (another landscape) changes them"),
        correction=(r"principal curvatures are invariant under reparametrization of the hypersurface ($\tilde s=J^{-1}sJ$); a reparametrization "
                    r"$\varphi$ of parameter space replaces the landscape by the graph of $\ell\circ\varphi$, whose principal curvatures differ"),
        latex=r"The caption is the claim of 000-different-parametrization, checked there:")


@add("001-curvature-changes-same-function", location="Sec. Flatness and Generalization, paragraph 3, sentences 1-2",
     quote=r"""It is clear that the principal curvature changes even though functionally, the NN still represents the same function. Thus, we cannot actually connect the notion of âflatnessâ that are common in literature to the generalization ability of the NN.""",
     expected=Verdict.TRUE, kind="verbal")
def _changes(ctx: Context) -> Outcome:
    return _rendering_outcome(ctx, claim_id="001-curvature-changes-same-function", seg000=_Q000["000-curvature-changes-same-function"],
                              claim000="000-curvature-changes-same-function")


@add("001-gaussian-is-det-hessian", location="Sec. Flatness and Generalization, last sentence",
     quote=r"""some intrinsic notion of flatnessâfor starter, the Gaussian curvature, which can be easily computed since it is just the determinant of the Hessian at the minima.""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="proposition")
def _gauss_det(ctx: Context) -> Outcome:
    seg = "some intrinsic notion of flatness—for starter, " + _Q000["000-gaussian-is-det-hessian"]
    return _rendering_outcome(ctx, claim_id="001-gaussian-is-det-hessian", seg000=seg, claim000="000-gaussian-is-det-hessian")
