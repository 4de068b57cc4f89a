"""004, Sec. 4: discussion and conclusion."""

from __future__ import annotations

import sympy as sp

from ...landscape.statistics import projected_curvatures, sample_projected_hessian
from ..model import Context, Outcome, Verdict
from ..tools import monte_carlo
from ._common import _inertia, _mc_str, _pm_spectrum, _psaddle_mc, add
from .shared import _appear_on_average, _expected_hessian_exact, _proportional, _trace_estimate_no_hvp


@add("004-disc-expected-curvature-proportional", location="Sec. 4, paragraph 2",
     quote=r"""is proportional to the mean curvature H = tr(Hθ )/N in the original loss
space.""",
     expected=Verdict.TRUE, kind="verbal")
def _disc_prop(ctx: Context) -> Outcome:
    return _proportional("004-disc-expected-curvature-proportional", ctx)


@add("004-disc-trace-without-hvp", location="Sec. 4, paragraph 2",
     quote=r"""The connection between κ̄α,β and tr(Hθ ) shows that Hessian trace estimates
can be computed directly from curvature information in lower-dimensional random
projections without explicitly calculating Hessians or Hessian-vector products as in
Hutchinson’s method [30].""",
     expected=Verdict.TRUE, kind="algorithm")
def _disc_trace(ctx: Context) -> Outcome:
    return _trace_estimate_no_hvp("004-disc-trace-without-hvp", ctx)


@add("004-disc-saddles-appear-on-average", location="Sec. 4, paragraph 3",
     quote=r"""Depending on the value of the mean curvature in the original loss space, saddle
points appear, on average, as either minima (H > 0), maxima (H < 0), or almost flat
regions (H ≈ 0).""",
     expected=Verdict.TRUE, kind="verbal")
def _disc_avg(ctx: Context) -> Outcome:
    return _appear_on_average(ctx)


@add("004-disc-saddles-may-not-be-identified", location="Sec. 4, paragraph 1",
     quote=r"""we show that saddle points in the original space
may not be identified as such in lower-dimensional representations if such random
projections are used.""",
     expected=Verdict.TRUE, kind="probability")
def _disc_may(ctx: Context) -> Outcome:
    cid = "004-disc-saddles-may-not-be-identified"
    n_mc = 400_000 if ctx.thorough else 100_000
    bal = _psaddle_mc(cid, ctx, 500, 500, n_mc)
    fig1 = _psaddle_mc(cid, ctx, 1000, 800, n_mc)
    ok = 1 - bal.mean - 4 * bal.stderr > 0.2 and 1 - fig1.mean > 0.99
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"projections of saddles fail to show a saddle with probability {1 - bal.mean:.3f} ((2.23), n = 500) and {1 - fig1.mean:.4f} (Fig. 1 setting)",
        correction=None if ok else "see evidence",
        evidence={"balanced": bal.as_evidence(), "fig1": fig1.as_evidence()},
        latex=(f"$\\Pr(\\text{{no saddle}})={1 - bal.mean:.4f}\\pm{bal.stderr:.1g}$ for (2.23) and ${1 - fig1.mean:.4f}\\pm{fig1.stderr:.1g}$ for the Fig.~1 "
               r"spectrum: saddles are often missed (``may'')."),
    )


@add("004-disc-cooper-global-minima", location="Sec. 4, paragraph 4",
     quote=r"""It has been shown
by Cooper [17] that for any global minimum of L, the corresponding Hessian Hθ has
rn positive eigenvalues, N − rn eigenvalues equal to 0, and no negative eigenvalues.""",
     expected=Verdict.FALSE, kind="proposition")
def _cooper(ctx: Context) -> Outcome:
    a, b = sp.symbols("a b", real=True)
    # (i) zero-loss global minimum with a rank-deficient Jacobian: f = a b x, one sample x = 1, y = 0, r = n = 1, N = 2
    L1 = (0 - a * b) ** 2 / 2
    H1 = sp.hessian(L1, (a, b)).subs({a: 0, b: 0})
    pos1 = _inertia(H1)
    # generic point of the same minimum set: rank rn = 1
    H1g = sp.hessian(L1, (a, b)).subs({a: 1, b: 0})
    pos1g = _inertia(H1g)
    # (ii) a model that cannot interpolate: f = a^2 + b^2, y = -1: global minimum at 0 with 2 > rn positive eigenvalues
    L2 = (-1 - a ** 2 - b ** 2) ** 2 / 2
    H2 = sp.hessian(L2, (a, b)).subs({a: 0, b: 0})
    pos2 = _inertia(H2)
    ok = pos1[0] == 0 and pos1g[0] == 1 and pos2[0] == 2
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "f = a b x with one sample (r n = 1): the global minimum (0, 0) has H = 0, no positive eigenvalue; f = a^2 + b^2 with y = -1 (no interpolation): "
        "the global minimum has 2 > r n positive eigenvalues",
        rule="counterexample" if ok else None,
        correction=r"At a zero-loss global minimum of the squared loss, $H_\theta=\frac1TJ^\top J$: $\mathrm{rank}J\le rn$ positive eigenvalues, $N-\mathrm{rank}J$ zeros, "
                   r"none negative; exactly $rn$ positive ones when $J$ has full row rank (Cooper's generic case).",
        evidence={"i_inertia_at_0": list(pos1), "i_inertia_at_(1,0)": list(pos1g), "ii_inertia": list(pos2), "H_ii": str(H2.tolist())},
        latex=(r"(i) $f_\theta(x)=abx$, one sample $x=1$, $y=0$ ($r=n=1$, $N=2$): every point of $\{ab=0\}$ is a global minimum; at $(0,0)$ the Hessian is "
               f"${sp.latex(H1)}$ (inertia ${pos1}$), at $(1,0)$ it has one positive eigenvalue (inertia ${pos1g}$). (ii) $f_\\theta=a^2+b^2$, $y=-1$: "
               f"$L=\\frac12(1+a^2+b^2)^2$ has its global minimum at $0$ with $H={sp.latex(H2)}$: ${pos2[0]}>rn=1$ positive eigenvalues. The statement needs "
               r"interpolation (zero loss) and a full-rank Jacobian (genericity), as in Cooper's setting."),
    )


@add("004-disc-flatness-apparent", location="Sec. 4, paragraph 5",
     quote=r"""Our work shows that flatness in randomly
projected loss landscapes might be just apparent and a consequence of (large) principal curvatures of opposite sign that cancel out each other.""",
     expected=Verdict.TRUE, kind="verbal")
def _disc_flat(ctx: Context) -> Outcome:
    cid = "004-disc-flatness-apparent"
    c = 100.0
    n_mc = 400_000 if ctx.thorough else 100_000

    def sample(rng, k):
        A, B, C = sample_projected_hessian(_pm_spectrum(500, 500), k, rng)
        return c * projected_curvatures(A, B, C)[0]

    m = monte_carlo(sample, n_mc, claim_id=cid, seed=ctx.seed)
    H, EA, EB, EC = _expected_hessian_exact(3)
    ok = m.mean > 1000 and sp.expand(EA - H.trace()) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"H = 100 diag(I_500, -I_500): E[H_ab] = tr(H) I = 0 (flat on average) while a single projection has E[kappa_+] = {m.mean:.4g}",
        correction=None if ok else "see evidence",
        evidence={"E[kappa_+]_c100": m.as_evidence()},
        latex=(r"With curvatures $\pm c$ ($c=100$, $500$ each), $\mathbb E[H_{\alpha,\beta}]=0$ for every $c$, while a single random projection has "
               f"$\\mathbb E\\kappa_+={_mc_str(m)}$ ($\\approx c\\sqrt{{500\\pi}}$): the flatness of the average comes from cancelling large curvatures."),
    )


@add("004-disc-negative-curvature-reductions", location="Sec. 4, paragraph 6",
     quote=r"""Our results suggest that negative curvature directions
are useful to achieve substantial loss reductions, even after completed training.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _disc_neg(ctx: Context) -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE,
        "an empirical suggestion from the DenseNet-121 experiment; needs the trained networks",
        rule="empirical",
        evidence={"needed": "trained networks and their negative-curvature directions"},
        latex=r"Empirical (Fig.~7); not checkable without the trained models.",
    )
