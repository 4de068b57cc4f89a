"""004, Appendix A: the concentration inequality."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from scipy import stats
import sympy as sp

from ..model import Context, Outcome, Verdict
from ..tools import below, rng_for
from ._common import SQRT2, _chi2_sf, _gauss_expect, _ip_tail, _sci, add
from .s2_2_random_projections import _inner_product_bound


@add("004-appA-identity", location="Appendix A, paragraph 1",
     quote=r"""|(4N )−1 i Xi2 − 1 + 1 − Yi2 | = |(X̃ − 1 + 1 − Ỹ )/4|""",
     expected=Verdict.TRUE, kind="equation")
def _appA_id(ctx: Context) -> Outcome:
    N = 3
    e = sp.symbols("e1:4", real=True)
    d = sp.symbols("d1:4", real=True)
    Xt = sum((e[i] + d[i]) ** 2 for i in range(N)) / N
    Yt = sum((e[i] - d[i]) ** 2 for i in range(N)) / N
    lhs = sum(e[i] * d[i] for i in range(N)) / N
    mid = sum((e[i] + d[i]) ** 2 - 1 + 1 - (e[i] - d[i]) ** 2 for i in range(N)) / (4 * N)
    ok = sp.expand(lhs - mid) == 0 and sp.expand(lhs - (Xt - 1 + 1 - Yt) / 4) == 0
    EX = _gauss_expect(Xt, list(e) + list(d))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "N^{-1} sum eta_i delta_i = (4N)^{-1} sum (X_i^2 - 1 + 1 - Y_i^2) = (X~ - 1 + 1 - Y~)/4 identically (but E[X~] = 2, so '-1' does not centre X~)",
        correction=None if ok else "see evidence",
        evidence={"E[X~]": str(EX)},
        latex=(r"Exact polynomial identity ($N=3$, symbolic $\eta,\delta$; the terms are per-index so the identity holds for every $N$). Note "
               f"$\\mathbb E[\\tilde X]={EX}$ for $X_i=\\eta_i+\\delta_i$: the $\\pm1$ inserted in the identity do not centre $\\tilde X$ and $\\tilde Y$ (004-appA-gaussian-approximation)."),
    )


@add("004-appA-independence", location="Appendix A, paragraph 1",
     quote=r"""Note that X̃ and Ỹ are independent because the covariance
associated with the corresponding bivariate normal distribution vanishes.""",
     expected=Verdict.TRUE, kind="proof-step")
def _appA_ind(ctx: Context) -> Outcome:
    e, d = sp.symbols("eta delta", real=True)
    cov = _gauss_expect((e + d) * (e - d), [e, d])
    ok = cov == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(X_i, Y_i) = (eta_i + delta_i, eta_i - delta_i) is a linear image of a Gaussian vector with Cov = 0, hence independent; X~, Y~ are functions of independent vectors",
        correction=None if ok else "see evidence",
        evidence={"Cov(X_i,Y_i)": str(cov)},
        latex=r"$\mathrm{Cov}(\eta+\delta,\eta-\delta)=\mathrm{Var}\eta-\mathrm{Var}\delta=0$ (exact); jointly Gaussian and uncorrelated implies independent, for each $i$ and across $i$.",
    )


@add("004-appA-A1-last-step", location="Appendix A, Eq. (A.1), last step",
     quote=r"""where we used inequality (2.12) in the last step.""",
     expected=Verdict.FALSE, kind="proof-step")
def _appA_step(ctx: Context) -> Outcome:
    mp.mp.dps = 30
    N = 100
    # X~ = N^{-1} sum (eta + delta)^2 = 2 chi2_N / N: Pr[X~ - 1 >= t] = Pr[chi2_N >= N(1+t)/2]
    rows = {}
    for t in (sp.Rational(1, 2), sp.Rational(-3, 10), sp.Integer(1)):
        p = _chi2_sf(N * (1 + float(t)) / 2, N)
        bound = mp.e ** (-N * float(t) ** 2 / 4)
        rows[str(t)] = {"probability": mp.nstr(p, 8), "claimed_bound": mp.nstr(bound, 8), "violated": bool(p > bound)}
    ok = all(r["violated"] for r in rows.values())
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "Pr[X~ - 1 >= t | Y~ = y] <= exp(-N t^2/4) with t = 4 eps + y - 1 is false: X~ = 2 chi2_N/N has mean 2, (2.12) bounds the lower tail not the "
        f"upper, and for t < 0 the bound is < 1 (N = 100, t = 1/2: probability {rows['1/2']['probability'][:6]} vs bound {rows['1/2']['claimed_bound'][:6]})",
        rule="counterexample" if ok else None,
        correction=r"With $\hat X=\tilde X/2\sim\chi^2_N/N$: $\Pr[\hat X-1\ge t]\le e^{-N(t-\ln(1+t))/2}$ for $t\ge0$ (Chernoff), and only the trivial bound $1$ for $t<0$.",
        evidence={"N": N, "cases": rows},
        latex=(r"Three independent defects in the step $\Pr[\tilde X-1\ge4\varepsilon+y-1]\le e^{-N(4\varepsilon+y-1)^2/4}$: (a) (2.12) is a lower-tail inequality, "
               r"the event is an upper tail; (b) $X_i=\eta_i+\delta_i\sim\mathcal N(0,2)$, so $\tilde X=2\chi^2_N/N$ has mean $2$ and the chi-square inequalities "
               r"(for mean $1$) do not apply; (c) the integral runs over all $y>0$, including $4\varepsilon+y-1<0$, where the probability is close to $1$. Exact values at $N=100$: "
               + "; ".join(f"$t={sp.latex(sp.sympify(k))}$: $\\Pr={_sci(v['probability'], 3)}$ vs.\\ bound ${_sci(v['claimed_bound'], 3)}$" for k, v in rows.items())
               + "."),
    )


@add("004-appA-gaussian-approximation", location="Appendix A, before Eq. (A.2)",
     quote=r"""In the limit of large N , we approximate the chi-squared distribution function fỸ (y) by a Gaussian with mean 1 and
variance 2/N .""",
     expected=Verdict.TYPO, kind="proof-step")
def _appA_gauss(ctx: Context) -> Outcome:
    e, d = sp.symbols("eta delta", real=True)
    m1 = _gauss_expect((e - d) ** 2, [e, d])
    m2 = _gauss_expect((e - d) ** 4, [e, d])
    var1 = m2 - m1 ** 2
    Nn = sp.Symbol("N", positive=True)
    mean_Y, var_Y = m1, var1 / Nn
    # corrected with Y_i = (eta_i - delta_i)/sqrt 2: mean 1, variance 2/N
    mh = _gauss_expect((e - d) ** 2 / 2, [e, d])
    vh = _gauss_expect((e - d) ** 4 / 4, [e, d]) - mh ** 2
    ok = mean_Y == 2 and sp.simplify(var_Y - 8 / Nn) == 0 and mh == 1 and vh == 2
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "with Y_i = eta_i - delta_i (as defined in Appendix A), Y~ has mean 2 and variance 8/N; mean 1 and variance 2/N hold for Y_i = (eta_i - delta_i)/sqrt2",
        rule="factor" if ok else "counterexample",
        correction=r"$f_{\tilde Y}\approx\mathcal N(2,8/N)$ for $Y_i=\eta_i-\delta_i$ (or normalize $Y_i=(\eta_i-\delta_i)/\sqrt2$, which gives $\mathcal N(1,2/N)$ but changes the factor $\frac14$ into $\frac12$)",
        evidence={"E[Y_i^2]": str(m1), "Var(Y_i^2)": str(var1), "normalized": [str(mh), str(vh)]},
        latex=(f"Exact moments: $\\mathbb E(\\eta-\\delta)^2={m1}$, $\\mathrm{{Var}}(\\eta-\\delta)^2={var1}$, so $\\tilde Y$ has mean ${m1}$ and variance ${var1}/N$. "
               f"For $(\\eta-\\delta)/\\sqrt2$: mean ${mh}$, variance ${vh}$ per term, i.e.\\ $\\mathcal N(1,2/N)$ --- the normalization missing since (2.10)."),
    )


@add("004-eqA.2-bound", location="Appendix A, Eq. (A.2)",
     quote=r"""e−2N 
Pr
ηi δi ≥  ≤ √""",
     expected=Verdict.FALSE, kind="probability")
def _eqA2(ctx: Context) -> Outcome:
    u, y = sp.symbols("u y", real=True)
    N, eps = sp.symbols("N epsilon", positive=True)
    dens = sp.sqrt(N / (4 * sp.pi)) * sp.exp(-N * (y - 1) ** 2 / 4)           # N(1, 2/N)
    integ = sp.integrate(sp.exp(-N * (4 * eps + y - 1) ** 2 / 4) * dens, (y, -sp.oo, sp.oo), conds="none")
    integ = sp.simplify(integ)
    ok_int = sp.simplify(integ - sp.exp(-2 * N * eps ** 2) / SQRT2) == 0
    mp.mp.dps = 20
    one = _ip_tail(100, "0.3")
    bound = mp.e ** (-2 * 100 * mp.mpf("0.09")) / mp.sqrt(2)
    ok = ok_int and one > bound
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "the Gaussian integral is evaluated correctly (= exp(-2N eps^2)/sqrt2), but the bound it produces is false: N = 100, eps = 0.3: "
        f"Pr = {mp.nstr(one, 4)} > {mp.nstr(bound, 4)} (the error is in the last step of (A.1))",
        rule="counterexample" if ok else None,
        correction=r"$\Pr\big[\tfrac1N\sum_i\eta_i\delta_i\ge\varepsilon\big]\le e^{-NI(\varepsilon)}$, $I(\varepsilon)=\tfrac12(s-1-\ln\tfrac{1+s}2)$, $s=\sqrt{1+4\varepsilon^2}$",
        evidence={"integral": str(integ), "one_sided_exact_N100_eps0.3": mp.nstr(one, 10), "claimed": mp.nstr(bound, 10)},
        latex=(r"$\int_{\mathbb R}e^{-N(4\varepsilon+y-1)^2/4}\,\mathcal N(y;1,2/N)\,dy="
               f"{sp.latex(integ)}$ (SymPy), i.e.\\ the paper's $e^{{-2N\\varepsilon^2}}/\\sqrt2$ (the integral over $(0,\\infty)$ differs by an exponentially small amount). "
               f"But the inequality is false: at $N=100$, $\\varepsilon=0.3$ the exact one-sided probability is ${_sci(one, 4)}$ versus ${_sci(bound, 3)}$."),
    )


@add("004-eqA.3-inner-product-bound", location="Appendix A, Eq. (A.3)",
     quote=r"""(A.3)

Pr

#
N
√
2
1 X
ηi δi ≥  ≤ 2e−2N  .""",
     expected=Verdict.FALSE, kind="probability")
def _eqA3(ctx: Context) -> Outcome:
    return _inner_product_bound("004-eqA.3-inner-product-bound", ctx, "A.3")


@add("004-eqA.4-union-bound", location="Appendix A, Eq. (A.4)",
     quote=r"""= Pr(X ≥ /2) + Pr(Y ≥ /2) ,""",
     expected=Verdict.TRUE, kind="proof-step")
def _eqA4(ctx: Context) -> Outcome:
    x, y, e = sp.symbols("x y epsilon", real=True)
    # pointwise: 1{x+y>=e} 1{x<e/2} <= 1{y>=e/2}: x < e/2 and x + y >= e imply y > e/2
    rng = rng_for("004-eqA.4-union-bound", ctx.seed)
    pts = rng.uniform(-3, 3, size=(200_000, 3))
    lhs = (pts[:, 0] + pts[:, 1] >= pts[:, 2]).astype(int)
    rhs = (pts[:, 0] >= pts[:, 2] / 2).astype(int) + (pts[:, 1] >= pts[:, 2] / 2).astype(int)
    pointwise = below(lhs, rhs)
    grid = {}
    for ev in (0.1, 0.5, 1.0, 2.0, 4.0):
        grid[ev] = (float(stats.norm.sf(ev / math.sqrt(2))), float(2 * stats.norm.sf(ev / 2)))
    ok = pointwise and all(below(a, b) for a, b in grid.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "1{x+y>=eps} <= 1{x>=eps/2} + 1{y>=eps/2} pointwise (if both x, y < eps/2 then x + y < eps); independence is not needed",
        correction=None if ok else "see evidence",
        evidence={"pointwise_random_check": pointwise, "gaussian_example": {str(k): list(v) for k, v in grid.items()}},
        latex=(r"If $x<\varepsilon/2$ and $x+y\ge\varepsilon$ then $y>\varepsilon/2$, so $1_{x+y\ge\varepsilon}1_{x<\varepsilon/2}\le1_{y\ge\varepsilon/2}$ and "
               r"$1_{x+y\ge\varepsilon}1_{x\ge\varepsilon/2}\le1_{x\ge\varepsilon/2}$; integrating gives (A.4) for any joint law (the product form of $f_{X,Y}$ is not used). "
               r"Example $X,Y\sim\mathcal N(0,1)$: $\bar\Phi(\varepsilon/\sqrt2)\le2\bar\Phi(\varepsilon/2)$ for "
               + ", ".join(f"$\\varepsilon={k}$ (${a:.3g}\\le{b:.3g}$)" for k, (a, b) in grid.items()) + "."),
    )


@add("004-eqA.5-inner-product-bound", location="Appendix A, Eq. (A.5)",
     quote=r"""ηi δi ≥  ≤ 2e−N  .""",
     expected=Verdict.FALSE, kind="probability")
def _eqA5(ctx: Context) -> Outcome:
    return _inner_product_bound("004-eqA.5-inner-product-bound", ctx, "A.5")
