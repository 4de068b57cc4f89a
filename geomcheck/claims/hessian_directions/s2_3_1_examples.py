"""004, Sec. 2.3.1: extracting curvature information (the two examples (2.23) and (2.28), ensemble averages, the distribution of the projected curvatures, the summary bullets)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats
import sympy as sp

from ...landscape.statistics import ensemble_average_hessian, gaussian_limit_saddle_probability, limit_curvature_law, projected_curvatures, sample_projected_hessian
from ..model import Context, Outcome, Verdict
from ..tools import rng_for
from ._common import SQRT2, _hessian_at, _inertia, _loss_223_sym, _loss_228_sym, _mc_str, _mc_text, _mean_kappa_mc, _pm_spectrum, _psaddle_mc, _sci, add
from .shared import _expected_hessian_exact, _saddles_rarely
from .s2_2_random_projections import _count_228


def _ex1_hessians(ns=(1, 2, 3, 4)):
    rows = {}
    for n in ns:
        L, th = _loss_223_sym(n)
        Hm, g = _hessian_at(L, th, [0] * (2 * n) + [1])
        rows[n] = (Hm, g, _inertia(Hm))
    return rows


@add("004-ex1-all-same-magnitude", location="Sec. 2.3.1, paragraph 1",
     quote=r"""first example, we study a critical point for which (i) all principal curvatures have the
same magnitude""",
     expected=Verdict.TYPO, kind="verbal")
def _ex1_same(ctx: Context) -> Outcome:
    rows = _ex1_hessians()
    ok = all(inert == (n, n, 1) and all(v == 0 for v in g) for n, (Hm, g, inert) in rows.items())
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the Hessian (2.24) of (2.23) has n eigenvalues +1, n eigenvalues -1 and one eigenvalue 0 (the theta_{2n+1} direction): "
        "only the non-zero principal curvatures share the magnitude 1",
        rule="wording" if ok else "counterexample",
        correction=r"all \emph{non-zero} principal curvatures have magnitude $1$ ($\kappa^\theta\in\{1,-1\}$ with multiplicity $n$ each, and $\kappa^\theta_{2n+1}=0$)",
        evidence={str(n): {"inertia(+,-,0)": list(inert)} for n, (Hm, g, inert) in rows.items()},
        latex=(r"Exact inertia of the Hessian of (2.23) at $(0,\dots,0,1)$ for $n=1,\dots,4$: $(n,n,1)$ (positive, negative, zero). The zero eigenvalue "
               r"(direction $\theta_{2n+1}$) breaks ``all principal curvatures have the same magnitude''; the counts of positive and negative "
               r"directions are equal, as stated in (ii)."),
    )


@add("004-eq2.23-2.24-hessian", location="Sec. 2.3.1, Eqs. (2.23)-(2.24)",
     quote=r"""(2.24)

Hθ = diag(1, . . . , 1, −1, . . . , −1, 0) .""",
     expected=Verdict.TRUE, kind="equation")
def _eq224(ctx: Context) -> Outcome:
    rows = _ex1_hessians()
    ok = all(Hm == sp.diag(*([1] * n + [-1] * n + [0])) and all(v == 0 for v in g) for n, (Hm, g, inert) in rows.items())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(0, ..., 0, 1) is a critical point of (2.23) and the Hessian there is diag(1 (n times), -1 (n times), 0), exact for n = 1..4",
        correction=None if ok else "see evidence",
        evidence={str(n): str(list(Hm.diagonal())) for n, (Hm, g, inert) in rows.items()},
        latex=(r"$\partial_iL=\theta_{2n+1}\theta_i$ ($i\le n$), $-\theta_{2n+1}\theta_i$ ($n<i\le2n$), $\partial_{2n+1}L=\frac12\sum(\theta_i^2-\theta_{i+n}^2)$ all "
               r"vanish at $(0,\dots,0,1)$; the second derivatives are $\pm\theta_{2n+1}=\pm1$ on the diagonal and $\pm\theta_i=0$ in the last row and "
               r"column (SymPy, $n=1..4$; the pattern is the same for every $n$). The critical point is degenerate (the whole line $(0,\dots,0,t)$ is critical), "
               r"so the non-degeneracy assumed in Sec.~2.1 does not hold in this example."),
    )


@add("004-ex1-saddle-because-indefinite", location="Sec. 2.3.1, after Eq. (2.24)",
     quote=r"""Because Hθ is neither positive nor negative definite, the critical point is a saddle""",
     expected=Verdict.TYPO, kind="proof-step")
def _ex1_saddle(ctx: Context) -> Outcome:
    t1, t2, t = sp.symbols("t1 t2 t", real=True)
    L0 = t1 ** 2 + t2 ** 4
    H0 = sp.hessian(L0, (t1, t2)).subs({t1: 0, t2: 0})
    # L0 >= 0 = L0(0): a minimum although H0 = diag(2, 0) is not definite
    n = 2
    L, th = _loss_223_sym(n)
    star = {x: (1 if i == 2 * n else 0) for i, x in enumerate(th)}
    up = sp.expand(L.subs({**star, th[0]: t}))
    down = sp.expand(L.subs({**star, th[n]: t}))
    ok = H0 == sp.diag(2, 0) and up == t ** 2 / 2 and down == -t ** 2 / 2
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "'neither positive nor negative definite' does not imply a saddle (theta1^2 + theta2^4 at 0: H = diag(2, 0), a minimum); "
        "the conclusion holds because H has eigenvalues of both signs",
        rule="wording" if ok else "counterexample",
        correction=r"Because $H_\theta$ has eigenvalues of both signs (it is indefinite), the critical point is a saddle: "
                   r"$L(\theta^*+te_1)=\tfrac12t^2$ and $L(\theta^*+te_{n+1})=-\tfrac12t^2$.",
        evidence={"counterexample_hessian": str(H0.tolist()), "L_along_e1": str(up), "L_along_e_{n+1}": str(down)},
        latex=(r"Counterexample to the inference: $L=\theta_1^2+\theta_2^4$ has Hessian $\mathrm{diag}(2,0)$ at $0$, neither positive nor negative definite, but "
               r"$0$ is a (strict) minimum. For (2.23) the conclusion is right for the stronger reason that $H_\theta$ is indefinite: exactly, "
               f"$L(\\theta^*+te_1)={sp.latex(up)}$ and $L(\\theta^*+te_{{n+1}})={sp.latex(down)}$ ($n=2$)."),
    )


@add("004-ex1-kappa-in-pm1", location="Sec. 2.3.1, after Eq. (2.24)",
     quote=r"""with principal curvatures κθi ∈ {−1, 1} (1 ≤ i ≤ N ).""",
     expected=Verdict.TYPO, kind="equation")
def _ex1_pm1(ctx: Context) -> Outcome:
    rows = _ex1_hessians((1, 2, 3))
    ok = all(inert[2] == 1 for (Hm, g, inert) in rows.values())
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "kappa_N = kappa_{2n+1} = 0: the principal curvatures lie in {-1, 0, 1} (in {-1, 1} only for 1 <= i <= 2n)",
        rule="index" if ok else "counterexample",
        correction=r"$\kappa^\theta_i\in\{-1,1\}$ for $1\le i\le2n$ and $\kappa^\theta_{2n+1}=0$",
        evidence={str(n): list(inert) for n, (Hm, g, inert) in rows.items()},
        latex=r"The Hessian (2.24) ends with a $0$: exact inertia $(n,n,1)$ for $n=1,2,3$. (At a critical point the principal curvatures are the Hessian eigenvalues, 004-s2.1.)",
    )


@add("004-ex1-mean-curvature-zero", location="Sec. 2.3.1, after Eq. (2.24)",
     quote=r"""In this example, the mean
curvature, H, as defined in Eq. (2.20), is equal to 0.""",
     expected=Verdict.TRUE, kind="numeric")
def _ex1_H0(ctx: Context) -> Outcome:
    rows = _ex1_hessians()
    ok = all(Hm.trace() == 0 for (Hm, g, inert) in rows.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "tr H = n - n + 0 = 0, so H = tr(H)/N = 0",
        correction=None if ok else "see evidence",
        evidence={str(n): str(Hm.trace()) for n, (Hm, g, inert) in rows.items()},
        latex=r"$\mathrm{tr}H_\theta=n\cdot1+n\cdot(-1)+0=0$ (exact for $n=1..4$), so $\mathcal H=0$.",
    )


@add("004-ex1-apparently-flat", location="Sec. 2.3.1, after Eq. (2.24)",
     quote=r"""is also equal to 0, erroneously indicating an apparently flat loss landscape.""",
     expected=Verdict.TRUE, kind="verbal")
def _ex1_flat(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(3)
    rows = _ex1_hessians((2,))
    Hm = rows[2][0]
    ok = sp.expand(EA - H.trace()) == 0 and EB == 0 and Hm.trace() == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E[H_ab] = tr(H) I = 0 for (2.23): the eigenvalue kappa-bar of the expected projected Hessian vanishes although every |kappa_i| = 1 or 0",
        correction=None if ok else "see evidence",
        evidence={"tr_H": str(Hm.trace())},
        latex=r"$\mathbb E[H_{\alpha,\beta}]=\mathrm{tr}(H_\theta)I_2=0$ exactly: the averaged projection is flat, although the landscape is a saddle with curvatures $\pm1$.",
    )


def _ensemble_convergence(cid: str, ctx: Context, p: int, q: int) -> Outcome:
    rng = rng_for(cid, ctx.seed)
    R = 4000 if ctx.thorough else 1000
    trH, F = p - q, p + q
    rows = {}
    ok = True
    for S in (10, 100, 1000, 10000):
        # the sum of S independent W_2(p) is W_2(S p): ensemble averages sampled exactly
        A, B, _ = ensemble_average_hessian(_pm_spectrum(p, q), S, R, rng)
        rmsA = float(np.sqrt(np.mean((A - trH) ** 2)))
        rmsB = float(np.sqrt(np.mean(B ** 2)))
        predA, predB = math.sqrt(2 * F / S), math.sqrt(F / S)
        rows[S] = {"rms(<A>-E[A])": rmsA, "predicted": predA, "rms(<B>)": rmsB, "predicted_B": predB}
        ok &= abs(rmsA / predA - 1) < 0.15 and abs(rmsB / predB - 1) < 0.15
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"law of large numbers: <(H_ab)_ij> - E[(H_ab)_ij] has rms sqrt(2 tr H^2 / S) (diagonal) and sqrt(tr H^2 / S) (off-diagonal), E = tr(H) I = {trH} I",
        correction=None if ok else "see evidence",
        evidence={"spectrum(+,-)": [p, q], "replicates": R, "rows": {str(k): v for k, v in rows.items()}},
        latex=(f"Spectrum: ${p}$ eigenvalues $+1$, ${q}$ eigenvalues $-1$, so $\\mathbb E[H_{{\\alpha,\\beta}}]={trH}\\,I_2$ and $\\mathrm{{Var}}A=2\\,\\mathrm{{tr}}H^2={2 * F}$, "
               f"$\\mathrm{{Var}}B={F}$ (exact moments). Ensemble averages over $S$ samples are sampled exactly ($\\sum_{{k\\le S}}W_2(p)=W_2(Sp)$), ${R}$ replicates: "
               + "; ".join(f"$S={S}$: rms$={v['rms(<A>-E[A])']:.3g}$ (pred.\\ ${v['predicted']:.3g}$)" for S, v in rows.items())
               + r". The averages converge at the rate $S^{-1/2}$."),
    )


@add("004-ex1-expected-entries-zero", location="Sec. 2.3.1, Fig. 2(a) discussion",
     quote=r"""Note that E[(Hα,β )ij ] = 0 for all i, j.""",
     expected=Verdict.TRUE, kind="numeric")
def _ex1_entries0(ctx: Context) -> Outcome:
    return _ensemble_convergence("004-ex1-expected-entries-zero", ctx, 500, 500)


@add("004-eq2.26-limit", location="Sec. 2.3.1, Eq. (2.26) and after",
     quote=r"""we have that hκ̃α,β
in the limit S → ∞.""",
     expected=Verdict.TRUE, kind="equation")
def _eq226(ctx: Context) -> Outcome:
    cid = "004-eq2.26-limit"
    rng = rng_for(cid, ctx.seed)
    R = 4000 if ctx.thorough else 1000
    n = 500
    F = 2 * n
    rows, ok = {}, True
    for S in (10, 100, 1000, 10000):
        A, B, C = ensemble_average_hessian(_pm_spectrum(n, n), S, R, rng)
        kp, km = projected_curvatures(A, B, C)
        pred = math.sqrt(math.pi * F / (2 * S))
        rows[S] = {"mean_kappa_tilde_plus": float(kp.mean()), "stderr": float(kp.std() / math.sqrt(R)), "predicted": pred}
        ok &= abs(kp.mean() / pred - 1) < 0.1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "kappa-tilde_pm is a continuous function of (<A>, <B>, <C>) -> (tr H, 0, tr H): the limit is tr H = kappa-bar; for (2.23), n = 500, "
        "E<kappa-tilde_+> ~ sqrt(pi tr(H^2)/(2S)) -> 0",
        correction=None if ok else "see evidence",
        evidence={"rows": {str(k): v for k, v in rows.items()}, "replicates": R},
        latex=(r"By the strong law of large numbers and continuity of $(a,b,c)\mapsto\frac12(a+c\pm\sqrt{4b^2+(a-c)^2})$, "
               r"$\langle\tilde\kappa_\pm\rangle\to\frac12(2\,\mathrm{tr}H\pm0)=\bar\kappa^{\alpha,\beta}$. For (2.23) with $n=500$ the fluctuation term gives "
               r"$\mathbb E\langle\tilde\kappa_+\rangle\approx\sqrt{\pi\,\mathrm{tr}(H^2)/(2S)}$: "
               + "; ".join(f"$S={S}$: ${v['mean_kappa_tilde_plus']:.3g}\\pm{v['stderr']:.1g}$ (pred.\\ ${v['predicted']:.3g}$)" for S, v in rows.items())
               + "."),
    )


def _rayleigh_limit():
    """Large-n law of kappa_+ for a balanced +-1 spectrum (:func:`geomcheck.landscape.limit_curvature_law`):
    ``(Pr(kappa_+ < 0), skewness, Gaussian approximation of Pr, E R, Var R)``."""
    law = limit_curvature_law()
    return law.prob_kappa_plus_negative, law.skewness, law.gaussian_approximation, law.rayleigh_mean, law.rayleigh_variance


@add("004-ex1-plausibly-gaussian", location="Sec. 2.3.1, Fig. 3(a) discussion",
     quote=r"""We observe that the distributions are plausibly Gaussian.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _ex1_gauss(ctx: Context) -> Outcome:
    cid = "004-ex1-plausibly-gaussian"
    p_neg, skew, gauss_approx, m1, var = _rayleigh_limit()
    rng = rng_for(cid, ctx.seed)
    k = 1_000_000 if ctx.thorough else 200_000
    A, B, C = sample_projected_hessian(_pm_spectrum(500, 500), k, rng)
    kp, _ = projected_curvatures(A, B, C)
    z = (kp - kp.mean()) / kp.std()
    sk = float(np.mean(z ** 3))
    se = math.sqrt(6 / k)
    ok = abs(sk - float(skew)) < 5 * se + 0.01 and sk > 5 * se
    return Outcome(
        Verdict.AMBIGUOUS if ok else Verdict.NOT_CHECKABLE,
        f"the large-n law of kappa_+ is N(0,1) + Rayleigh(1) (scaled), with skewness {float(skew):.4f} (Monte Carlo n = 500: {sk:.4f}): "
        "close to, but not, Gaussian",
        rule="readings" if ok else None,
        correction=r"$\kappa_\pm/\sqrt{\mathrm{tr}H^2}\to\pm(G+R)$ in law, $G\sim\mathcal N(0,1)$, $R\sim$ Rayleigh$(1)$ independent: skewness "
                   r"$\frac{\sqrt{\pi/2}(\pi-3)}{(3-\pi/2)^{3/2}}\approx0.104$; the Gaussian approximation of $\Pr(\kappa_+<0)$ is off by $8\cdot10^{-4}$.",
        evidence={"limit_skewness": str(skew), "limit_skewness_float": float(skew), "mc_skewness_n500": sk, "mc_skewness_se": se,
                  "Pr(kappa_+<0)_exact_limit": str(p_neg), "Pr(kappa_+<0)_gaussian_approx": float(gauss_approx)},
        latex=(r"With $g=(A+C)/2$, $h=(A-C)/2$, $B$ asymptotically independent $\mathcal N(0,F)$ ($F=\mathrm{tr}H^2$, balanced spectrum), "
               r"$\kappa_+=g+\sqrt{h^2+B^2}$ = Gaussian + Rayleigh. Exact limit skewness "
               f"${sp.latex(skew)}\\approx{float(skew):.4f}$ (Monte Carlo, $n=500$: ${sk:.4f}\\pm{se:.1g}$, the excess being the finite-$n$ chi-square skewness). "
               f"Exact $\\Pr(\\kappa_+<0)\\to{sp.latex(p_neg)}\\approx{float(p_neg):.5f}$; the moment-matched Gaussian gives ${float(gauss_approx):.5f}$. "
               r"So ``plausibly Gaussian'' is fine as an approximation and false as an exact statement; which one is meant is not determined by the text."),
    )


@add("004-eq2.27-independence", location="Sec. 2.3.1, Eq. (2.27)",
     quote=r"""+ κ− > 0) = Pr(κ+ > 0) Pr(κ− > 0) + Pr(κ+ < 0) Pr(κ− < 0)""",
     expected=Verdict.FALSE, kind="probability")
def _eq227(ctx: Context) -> Outcome:
    cid = "004-eq2.27-independence"
    p_neg, skew, gauss_approx, m1, var = _rayleigh_limit()
    a = p_neg
    formula = sp.simplify(2 * a * (1 - a))
    correct = sp.simplify(2 * a)
    rng = rng_for(cid, ctx.seed)
    k = 1_000_000 if ctx.thorough else 300_000
    A, B, C = sample_projected_hessian(_pm_spectrum(500, 500), k, rng)
    kp, km = projected_curvatures(A, B, C)
    joint_pp = float(np.mean((kp > 0) & (km > 0)))
    prod_pp = float(np.mean(kp > 0) * np.mean(km > 0))
    never = int(np.sum((kp < 0) & (km > 0)))
    ok = formula == sp.Rational(1, 4) and sp.simplify(correct - (1 - 1 / SQRT2)) == 0 and never == 0 and abs(joint_pp - prod_pp) > 0.01
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "kappa_+ >= kappa_- always, so the two are not independent: Pr(kappa_+ kappa_- > 0) = Pr(kappa_- > 0) + Pr(kappa_+ < 0) "
        f"= 1 - 1/sqrt2 = {float(correct):.4f} in the limit, while the printed product formula gives exactly 1/4",
        rule="counterexample" if ok else None,
        correction=r"$\Pr(\kappa_+\kappa_->0)=\Pr(\kappa_->0)+\Pr(\kappa_+<0)$ (disjoint events, $\kappa_+\ge\kappa_-$); for the balanced example it tends to "
                   r"$1-1/\sqrt2\approx0.293$.",
        evidence={"a=Pr(kappa_+<0)_limit": str(a), "printed_formula_limit": str(formula), "correct_limit": str(correct),
                  "mc_n500_Pr(kp>0,km>0)": joint_pp, "mc_n500_Pr(kp>0)Pr(km>0)": prod_pp, "mc_count_kp<0<km": never, "samples": k},
        latex=(r"$\kappa_+\ge\kappa_-$ by definition, so $\{\kappa_+<0<\kappa_-\}=\emptyset$ and $\{\kappa_+>0,\kappa_->0\}=\{\kappa_->0\}$: the product form (2.27) "
               r"assumes independence that fails. In the large-$n$ limit of the balanced example, with $a=\Pr(\kappa_+<0)=\Pr(\kappa_->0)="
               f"{sp.latex(a)}$ (exact integral $\\int_0^\\infty re^{{-r^2/2}}\\Phi(-r)\\,dr$), (2.27) gives $2a(1-a)={sp.latex(formula)}$ \\emph{{exactly}} "
               f"(the paper's $\\approx0.25$), while the true value is $2a={sp.latex(correct)}\\approx{float(correct):.4f}$. Monte Carlo ($n=500$, ${k}$ samples): "
               f"$\\Pr(\\kappa_+>0,\\kappa_->0)={joint_pp:.4f}$ vs.\\ the product ${prod_pp:.4f}$; no sample has $\\kappa_+<0<\\kappa_-$."),
    )


@add("004-ex1-25-percent", location="Sec. 2.3.1, after Eq. (2.27)",
     quote=r"""That means that in about 25% of the simulated realizations,
the lower-dimensional loss landscape wrongly indicates that it does not correspond to
a saddle.""",
     expected=Verdict.FALSE, kind="probability")
def _ex1_25(ctx: Context) -> Outcome:
    cid = "004-ex1-25-percent"
    n_mc = 1_000_000 if ctx.thorough else 200_000
    rows = {}
    for n in (3, 10, 100, 500):
        m = _psaddle_mc(cid, ctx, n, n, n_mc)
        rows[n] = {"Pr(not saddle)": 1 - m.mean, "stderr": m.stderr}
    lim = 1 - 1 / SQRT2
    # with 20,000 realizations (Fig. 3), how unlikely is a fraction <= 0.26 when p = 0.292?
    p500 = rows[500]["Pr(not saddle)"]
    tail = float(stats.binom.cdf(int(0.26 * 20000), 20000, p500))
    ok = all(abs(r["Pr(not saddle)"] - 0.25) > 4 * r["stderr"] for n, r in rows.items() if n >= 10) and \
        abs(p500 - float(lim)) < 4 * rows[500]["stderr"] + 2e-3 and tail < 1e-6
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        f"the fraction of non-saddle projections is {rows[500]['Pr(not saddle)']:.4f} for n = 500 ({rows[10]['Pr(not saddle)']:.3f} for n = 10; "
        "limit 1 - 1/sqrt2 = 0.2929); 0.25 is the value of the flawed independence formula (2.27) (and of n = 3 only)",
        rule="counterexample" if ok else None,
        correction=r"in about $29\%$ ($1-1/\sqrt2\approx0.293$ for large $n$) of the realizations the projection does not show a saddle",
        evidence={"mc": {str(k): v for k, v in rows.items()}, "samples_each": n_mc, "limit": str(lim),
                  "binomial_Pr(frac<=0.26 | 20000 draws, p_n500)": tail},
        latex=(r"Exact sampling of $H_{\alpha,\beta}=W_2(n)-W_2(n)$, fraction of realizations with $\kappa_+\kappa_->0$: "
               + "; ".join(f"$n={n}$: ${r['Pr(not saddle)']:.4f}\\pm{r['stderr']:.1g}$" for n, r in rows.items())
               + r"; limit $1-1/\sqrt2\approx0.2929$ (claim 004-eq2.27). The dimension used for Fig.~3(a) is not stated; for every $n\ge10$ the fraction "
                 r"is above $0.28$, and with the $20\,000$ realizations of Fig.~3 a fraction near $0.25$ would be "
               + f"an event of probability ${_sci(tail)}$ at $n=500$. The paper's $0.25$ is exactly the value of the independence formula (2.27)."),
    )


@add("004-ex1-majority-identified", location="Sec. 2.3.1, paragraph 1",
     quote=r"""are able to correctly identify the saddle point in the majority
±
of simulated realizations.""",
     expected=Verdict.TRUE, kind="probability")
def _ex1_major(ctx: Context) -> Outcome:
    cid = "004-ex1-majority-identified"
    m = _psaddle_mc(cid, ctx, 500, 500, 1_000_000 if ctx.thorough else 200_000)
    ok = m.mean - 4 * m.stderr > 0.5
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"Pr(projection is a saddle) = {_mc_text(m)} for (2.23) with n = 500 (limit 1/sqrt2 = 0.7071): a majority",
        correction=None if ok else "see evidence",
        evidence={"Pr_saddle": m.as_evidence(), "limit": str(1 / SQRT2)},
        latex=f"$\\Pr(\\kappa_+\\kappa_-<0)={_mc_str(m)}$ ($n=500$, exact Wishart sampling), limit $2^{{-1/2}}$ (claim 004-abs-saddles).",
    )


@add("004-ex1-averaging-order-matters", location="Sec. 2.3.1, paragraph after Eq. (2.27)",
     quote=r"""We thus conclude that different ways
of averaging (either before or after calculating the principal curvatures) may lead to
different results with respect to the flatness of a dimension-reduced loss landscape.""",
     expected=Verdict.TRUE, kind="verbal")
def _ex1_order(ctx: Context) -> Outcome:
    cid = "004-ex1-averaging-order-matters"
    n_mc = 400_000 if ctx.thorough else 100_000
    kp = _mean_kappa_mc(cid, ctx, 500, 500, n_mc, 0)
    km = _mean_kappa_mc(cid, ctx, 500, 500, n_mc, 1)
    lim = sp.sqrt(sp.pi * 1000 / 2)
    ok = kp.mean - 4 * kp.stderr > 0 and km.mean + 4 * km.stderr < 0 and abs(kp.mean - float(lim)) < 4 * kp.stderr + 0.5
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"(2.23), n = 500: averaging after: E[kappa_+] = {kp.mean:.3g}, E[kappa_-] = {km.mean:.3g} (a saddle on average, limit +-sqrt(500 pi) = +-{float(lim):.2f}); "
        "averaging before: kappa-tilde_pm -> tr H = 0 (flat)",
        correction=None if ok else "see evidence",
        evidence={"E[kappa_+]": kp.as_evidence(), "E[kappa_-]": km.as_evidence(), "limit": str(lim)},
        latex=(f"Averaging the principal curvatures: $\\mathbb E[\\kappa_+]={_mc_str(kp)}$, $\\mathbb E[\\kappa_-]={_mc_str(km)}$ "
               f"(limit $\\pm\\sqrt{{\\pi\\,\\mathrm{{tr}}H^2/2}}=\\pm{float(lim):.2f}$): an average saddle. Averaging the Hessian first: "
               r"$\langle\tilde\kappa_\pm\rangle\to0$ (claim 004-eq2.26): flat. Both the ``capture the saddle behavior'' and the ``appears flat'' statements of this paragraph hold."),
    )


@add("004-eq2.28-parameter-range", location="Sec. 2.3.1, Eq. (2.28)",
     quote=r"""θi2 , n ∈ Z+ , ñ > n .""",
     expected=Verdict.TYPO, kind="equation")
def _eq228_range(ctx: Context) -> Outcome:
    # n~ = 2n: no negative eigenvalue; L >= 0 near (0, 0, 1): a (degenerate) local minimum, not a saddle
    (pos, neg, zero), g = _count_228(1, 2)
    L2, th2 = _loss_228_sym(1, 2)
    # n~ > 2n: the first sum reaches theta_{2n+1}; (0, ..., 0, 1) is not even critical
    th = sp.symbols("t1:4", real=True)
    L3 = th[2] * sp.Rational(1, 2) * (th[0] ** 2 + th[1] ** 2 + th[2] ** 2)
    g3 = [sp.diff(L3, v).subs({th[0]: 0, th[1]: 0, th[2]: 1}) for v in th]
    good = {}
    for n, nt in [(2, 3), (3, 4), (3, 5), (4, 7)]:
        (p_, q_, z_), gg = _count_228(n, nt)
        good[f"{n},{nt}"] = [p_, q_, z_]
    ok = neg == 0 and all(v == 0 for v in g) and g3[2] != 0 and all(v[0] > 0 and v[1] > 0 for v in good.values())
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the saddle needs n < n~ < 2n: for n~ = 2n there is no negative eigenvalue (L >= 0 near the point: a minimum), and for n~ > 2n "
        f"the first sum contains theta_{{2n+1}} and the point is not critical (dL/dtheta_3 = {g3[2]} for n = 1, n~ = 3)",
        rule="hypothesis" if ok else "counterexample",
        correction=r"$n\in\mathbb Z^+$, $n<\tilde n<2n$",
        evidence={"n1_nt2_inertia": [pos, neg, zero], "n1_nt3_gradient": [str(v) for v in g3], "valid_range_inertia": good},
        latex=(r"For $\tilde n=2n$ (e.g.\ $n=1,\tilde n=2$: $L=\theta_3\cdot\frac12(\theta_1^2+\theta_2^2)$) the Hessian at $(0,0,1)$ has inertia "
               f"$({pos},{neg},{zero})$ and $L\\ge0=L(\\theta^*)$ for $\\theta_3>0$: not a saddle. For $\\tilde n>2n$ the sum $\\sum_{{i\\le\\tilde n}}\\theta_i^2$ "
               f"includes $\\theta_{{2n+1}}$ and the gradient at $(0,\\dots,0,1)$ is ${sp.latex(sp.Matrix(g3).T)}$. For $n<\\tilde n<2n$ the point is a saddle "
               r"(exact inertia for $(n,\tilde n)\in\{(2,3),(3,4),(3,5),(4,7)\}$ in the evidence). The paper's values $(500,800)$, $(900,1000)$ are in range."),
    )


@add("004-eq2.29-multiplicity", location="Sec. 2.3.1, Eq. (2.29)",
     quote=r"""(2.29)

Hθ = diag(1, . . . , 1, −1, . . . , −1, 0) .
| {z } | {z }
ñ times

n times""",
     expected=Verdict.TYPO, kind="equation")
def _eq229(ctx: Context) -> Outcome:
    rows, ok = {}, True
    for n, nt in [(2, 3), (3, 4), (3, 5), (4, 7)]:
        L, th = _loss_228_sym(n, nt)
        Hm, g = _hessian_at(L, th, [0] * (2 * n) + [1])
        want = sp.diag(*([1] * nt + [-1] * (2 * n - nt) + [0]))
        rows[f"{n},{nt}"] = str(list(Hm.diagonal()))
        ok &= Hm == want and (2 * n - nt) != n and all(v == 0 for v in g)
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the -1 block of (2.29) has 2n - n~ entries (i = n~+1, ..., 2n in (2.28)), not n: with n printed, N would be n~ + n + 1 instead of 2n + 1",
        rule="symbol" if ok else "counterexample",
        correction=r"$H_\theta=\mathrm{diag}(\underbrace{1,\dots,1}_{\tilde n},\underbrace{-1,\dots,-1}_{2n-\tilde n},0)$",
        evidence={"diagonals": rows},
        latex=(r"Exact Hessians of (2.28) at $(0,\dots,0,1)$: "
               + "; ".join(f"$(n,\\tilde n)=({k})$: $\\mathrm{{diag}}{v.replace('[', '(').replace(']', ')')}$" for k, v in rows.items())
               + r". The block of $-1$'s has length $2n-\tilde n$ (this is what makes the later trace $600$ for $n=500$, $\tilde n=800$ right)."),
    )


@add("004-ex2-mean-curvature", location="Sec. 2.3.1, after Eq. (2.29)",
     quote=r"""The critical point is again a saddle, but the mean curvature is H = N −1 (ñ − n) > 0.""",
     expected=Verdict.TYPO, kind="equation")
def _ex2_H(ctx: Context) -> Outcome:
    rows, ok = {}, True
    for n, nt in [(2, 3), (3, 4), (3, 5), (4, 7)]:
        L, th = _loss_228_sym(n, nt)
        Hm, g = _hessian_at(L, th, [0] * (2 * n) + [1])
        N = 2 * n + 1
        rows[f"{n},{nt}"] = {"tr": str(Hm.trace()), "H": str(Hm.trace() / N), "printed": str(sp.Rational(nt - n, N))}
        ok &= Hm.trace() == 2 * (nt - n) and Hm.trace() / N != sp.Rational(nt - n, N)
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "tr H = n~ - (2n - n~) = 2(n~ - n), so H = 2(n~ - n)/N (= 600/1001 for n = 500, n~ = 800, consistent with the trace 600 of Sec. 2.3.2)",
        rule="factor" if ok else "counterexample",
        correction=r"$\mathcal H=N^{-1}\,2(\tilde n-n)>0$",
        evidence={"exact": rows, "n500_nt800": {"tr": 600, "H": "600/1001"}},
        latex=(r"$\mathrm{tr}H_\theta=\tilde n-(2n-\tilde n)=2(\tilde n-n)$, checked exactly: "
               + "; ".join(f"$({k})$: $\\mathrm{{tr}}={v['tr']}$" for k, v in rows.items())
               + r". Hence $\mathcal H=2(\tilde n-n)/N$, not $(\tilde n-n)/N$; the paper's own trace value $600$ for $(500,800)$ confirms the factor $2$. "
                 r"The sign statement $\mathcal H>0$ and ``again a saddle'' hold for $n<\tilde n<2n$."),
    )


@add("004-fig2c-ensemble-convergence", location="Sec. 2.3.1, Fig. 2(c) discussion",
     quote=r"""Figure 2(c)
shows that the ensemble averages h(Hα,β )ij i converge towards the expected value
E[(Hα,β )ij ] as the number of samples increases.""",
     expected=Verdict.TRUE, kind="numeric")
def _fig2c(ctx: Context) -> Outcome:
    return _ensemble_convergence("004-fig2c-ensemble-convergence", ctx, 800, 200)


def _ex2_positive(cid: str, ctx: Context) -> Outcome:
    n_mc = 400_000 if ctx.thorough else 100_000
    km = _mean_kappa_mc(cid, ctx, 800, 200, n_mc, 1)
    kp = _mean_kappa_mc(cid, ctx, 800, 200, n_mc, 0)
    lim_m = 600 - sp.sqrt(sp.pi * 1000 / 2)
    lim_p = 600 + sp.sqrt(sp.pi * 1000 / 2)
    ok = km.mean - 4 * km.stderr > 0 and abs(km.mean - float(lim_m)) < 4 * km.stderr + 1.0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"(2.28), n = 500, n~ = 800: E[kappa_-] = {km.mean:.4g} > 0, E[kappa_+] = {kp.mean:.4g} (limits 600 -+ sqrt(500 pi)); "
        "kappa-tilde_pm -> tr H = 600: both averages indicate a minimum",
        correction=None if ok else "see evidence",
        evidence={"E[kappa_-]": km.as_evidence(), "E[kappa_+]": kp.as_evidence(), "limits": [str(lim_m), str(lim_p)]},
        latex=(f"$\\mathbb E[\\kappa_-]={_mc_str(km)}$, $\\mathbb E[\\kappa_+]={_mc_str(kp)}$ (limits $600\\mp\\sqrt{{500\\pi}}\\approx{float(lim_m):.1f},\\ {float(lim_p):.1f}$), "
               r"and $\langle\tilde\kappa_\pm\rangle\to\mathrm{tr}H=600$: both ways of averaging give a minimum."),
    )


@add("004-ex2-averages-positive", location="Sec. 2.3.1, Fig. 2(d) discussion",
     quote=r"""Because of the dominance of positive
principal curvatures κθi in the original space, the corresponding ensemble averages
α,β
of principal curvatures (i.e., hκα,β
± i, hκ̃± i) in the lower-dimensional representation
approach positive values [Figure 2(d)].""",
     expected=Verdict.TRUE, kind="probability")
def _ex2_pos(ctx: Context) -> Outcome:
    return _ex2_positive("004-ex2-averages-positive", ctx)


@add("004-ex2-saddle-vanishingly-small", location="Sec. 2.3.1, Fig. 3(b) discussion",
     quote=r"""probability of observing a saddle in the lower-dimensional loss landscape is vanishingly
small [Figure 3(b)].""",
     expected=Verdict.TRUE, kind="probability")
def _ex2_small(ctx: Context) -> Outcome:
    cid = "004-ex2-saddle-vanishingly-small"
    n_mc = 4_000_000 if ctx.thorough else 1_000_000
    m = _psaddle_mc(cid, ctx, 800, 200, n_mc)
    lim = gaussian_limit_saddle_probability(600, 1000, exact=True)
    upper = -math.log(0.05) / n_mc if m.mean == 0 else None
    p20k = 1 - (1 - upper) ** 20000 if upper else None
    ok = m.mean == 0 and float(lim) < 1e-30
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"Gaussian limit exp(-90)/sqrt2 = {float(lim):.2g}; exact sampling: 0 saddles in {n_mc} projections (95% upper bound {upper:.1g})".replace("%", " percent")
        if ok else "saddles observed", 
        correction=None if ok else "see evidence",
        rule=None if ok else "counterexample",
        evidence={"mc": m.as_evidence(), "gaussian_limit": str(lim), "gaussian_limit_float": float(lim), "upper95": upper},
        latex=(f"$\\Pr(\\det H_{{\\alpha,\\beta}}<0)\\approx2^{{-1/2}}e^{{-600^2/(4\\cdot1000)}}=2^{{-1/2}}e^{{-90}}\\approx{float(lim):.2g}$; "
               f"in ${n_mc}$ exactly sampled projections none is a saddle (rule of three: $p<{upper:.1g}$ at $95\\%$ confidence), so the $20\\,000$ realizations "
               r"of Fig.~3(b) would show no saddle.").replace("95\\\\%", "95\\%")
        if ok else f"Exact sampling observed saddles: $\\Pr(\\det H_{{\\alpha,\\beta}}<0)={_mc_str(m)}$ in ${n_mc}$ projections.",
    )


@add("004-ex2-both-averagings-minimum", location="Sec. 2.3.1, end of example 2",
     quote=r"""In this second example both ways of averaging, before and after
calculating the lower-dimensional principal curvatures, suggest that the saddle in the
original space is a minimum in dimension-reduced space.""",
     expected=Verdict.TRUE, kind="verbal")
def _ex2_both(ctx: Context) -> Outcome:
    return _ex2_positive("004-ex2-both-averagings-minimum", ctx)


@add("004-summary-saddles-rarely-identified", location="Sec. 2.3.1, summary, bullet 1",
     quote=r"""Saddle points in the original space L(θ) are rarely identified as such in lowerdimensional representations L(θ + αη + βδ) if random directions are used.""",
     expected=Verdict.AMBIGUOUS, kind="probability")
def _sum_rarely(ctx: Context) -> Outcome:
    return _saddles_rarely("004-summary-saddles-rarely-identified", ctx)


@add("004-summary-convex-concave-captured", location="Sec. 2.3.1, summary, bullet 2",
     quote=r"""The mean curvature H = κ̄α,β /N correctly captures convex and concave
points (i.e., those associated with positive definite and negative definite Hessians Hθ ).""",
     expected=Verdict.TRUE, kind="verbal")
def _sum_convex(ctx: Context) -> Outcome:
    rng = rng_for("004-summary-convex-concave-captured", ctx.seed)
    lam = rng.uniform(0.01, 3.0, size=40)
    A, B, C = sample_projected_hessian(lam, 20_000, rng, method="gaussian")
    kp, km = projected_curvatures(A, B, C)
    all_pd = bool(np.all(km > 0))
    A2, B2, C2 = sample_projected_hessian(-lam, 20_000, rng, method="gaussian")
    kp2, km2 = projected_curvatures(A2, B2, C2)
    all_nd = bool(np.all(kp2 < 0))
    ok = all_pd and all_nd and lam.sum() > 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "H positive (negative) definite => tr H > 0 (< 0) and every projection G^T H G with rank G = 2 is positive (negative) definite",
        correction=None if ok else "see evidence",
        evidence={"random_pd_spectrum_min": float(lam.min()), "all_projections_pd": all_pd, "all_projections_nd": all_nd},
        latex=(r"$x^\top G^\top HGx=(Gx)^\top H(Gx)>0$ for $x\ne0$ when $H\succ0$ and $G$ has full column rank (almost surely), and $\mathrm{tr}H>0$: the sign of "
               r"$\mathcal H$ and every random projection agree (checked on $20\,000$ projections of a random positive definite spectrum, $N=40$, and its negative). "
               r"The converse fails: $\mathcal H>0$ at saddles (example 2)."),
    )


@add("004-summary-definite-points-scarce", location="Sec. 2.3.1, summary, bullet 2",
     quote=r"""However, such points are scarce in high-dimensional loss spaces [19,
7].""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _sum_scarce(ctx: Context) -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE,
        "an empirical / cited statement about neural-network loss landscapes (Dauphin et al., Baldi-Hornik); needs those landscapes",
        rule="empirical",
        evidence={"needed": "critical points of trained networks, or the cited random-field results"},
        latex=r"Not a statement about the constructions of this paper; checking it needs the critical points of real networks or the cited results.",
    )
