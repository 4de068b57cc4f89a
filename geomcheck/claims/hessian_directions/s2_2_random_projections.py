"""004, Sec. 2.2: random projections (and the caption of Fig. 1, printed inside Sec. 2.2): near-orthogonality, chi-square tails, projected Hessian and its curvatures, expected Hessian, trace estimates."""

from __future__ import annotations

from functools import lru_cache
import math

import mpmath as mp
import numpy as np
from scipy import special
import sympy as sp

from ...landscape.statistics import gaussian_limit_saddle_probability, projected_curvatures, sample_projected_hessian
from ...symbolic.exact import tidy
from ..model import Context, Outcome, Verdict
from ..tools import monte_carlo, rng_for
from ._common import _chi2_cdf, _chi2_sf, _gauss_expect, _hessian_at, _inertia, _ip_rate, _ip_tail, _loss_228_sym, _mc_str, _mc_text, _pm_spectrum, _projected, _sci, add
from .shared import _expected_hessian_exact, _trace_is_n_mean_curvature
from .s2_1_geometry import _cayley, _toy_network


def _eigendirections(cid: str, ctx: Context) -> Outcome:
    n, nt = 3, 4
    L, th = _loss_228_sym(n, nt)
    a, b = sp.symbols("alpha beta", real=True)
    star = [0] * (2 * n) + [1]
    E = sp.eye(2 * n + 1)
    cases = {"(+,-)": (0, 4), "(+,+)": (0, 1), "(-,-)": (4, 5)}
    out, tex, ok = {}, {}, True
    for name, (i, j) in cases.items():
        sub = {x: s + a * E[i, k] + b * E[j, k] for k, (x, s) in enumerate(zip(th, star))}
        Lab = sp.expand(L.subs(sub))
        Hab = sp.hessian(Lab, (a, b))
        out[name] = str(Lab)
        tex[name] = sp.latex(Lab)
        det = Hab.det()
        want = {"(+,-)": det < 0, "(+,+)": det > 0 and Hab[0, 0] > 0, "(-,-)": det > 0 and Hab[0, 0] < 0}[name]
        ok &= bool(want) and sp.expand(Lab - (Hab[0, 0] * a ** 2 + Hab[1, 1] * b ** 2) / 2) == 0
    # general symmetric H: orthonormal eigenvectors u, v give H_ab = diag(lambda_u, lambda_v)
    Q = _cayley(sp.Matrix([[0, 1, sp.Rational(1, 2)], [-1, 0, 2], [-sp.Rational(1, 2), -2, 0]]))
    Hq = Q * sp.diag(5, -2, 1) * Q.T
    G = Q[:, :2]
    ok &= sp.simplify(G.T * Hq * G - sp.diag(5, -2)) == sp.zeros(2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for orthonormal eigenvectors eta, delta the projection is exactly 1/2(lambda_eta a^2 + lambda_delta b^2): saddle iff the signs differ, "
        "minimum / maximum iff both are positive / negative",
        correction=None if ok else "see evidence",
        evidence=out,
        latex=(r"For (2.28) with $n=3$, $\tilde n=4$ and coordinate eigenvectors: "
               + "; ".join(f"$({k})$: $L={v}$" for k, v in tex.items())
               + r". In general $H_{\alpha,\beta}=(u,v)^\top H(u,v)=\mathrm{diag}(\lambda_u,\lambda_v)$ for orthonormal eigenvectors (checked exactly with a rational "
                 r"orthogonal $Q$); for (2.28) the projected loss is exactly this quadratic because $\theta_{2n+1}$ stays $1$ along eigenvectors of non-zero eigenvalues."),
    )


@add("004-fig1-eigendirection-shapes", location="Fig. 1 caption, (a-c)",
     quote=r"""If the eigenvalues associated with η, δ have different signs, the corresponding loss
landscape is a saddle as depicted in panel (a).""",
     expected=Verdict.TRUE, kind="verbal")
def _fig1_eig(ctx: Context) -> Outcome:
    return _eigendirections("004-fig1-eigendirection-shapes", ctx)


def _count_228(n: int, nt: int):
    L, th = _loss_228_sym(n, nt)
    Hm, g = _hessian_at(L, th, [0] * (2 * n) + [1])
    return _inertia(Hm), g


@add("004-fig1-excess-positive-eigenvalues", location="Fig. 1 caption",
     quote=r"""Because there is an excess
of ñ − n = 100 positive eigenvalues in Hθ""",
     expected=Verdict.TYPO, kind="numeric")
def _fig1_excess(ctx: Context) -> Outcome:
    rows, ok = {}, True
    for n, nt in [(2, 3), (3, 4), (3, 5), (4, 5), (4, 7)]:
        (pos, neg, zero), g = _count_228(n, nt)
        rows[f"n={n},nt={nt}"] = {"positive": pos, "negative": neg, "zero": zero, "excess": pos - neg}
        ok &= pos == nt and neg == 2 * n - nt and pos - neg == 2 * (nt - n) and all(v == 0 for v in g)
    excess = 2 * (1000 - 900)
    return Outcome(
        Verdict.TYPO if ok and excess != 100 else Verdict.FALSE,
        "Eq. (2.28) has n~ eigenvalues +1 and 2n - n~ eigenvalues -1: the excess is 2(n~ - n) = 200 for n = 900, n~ = 1000, not n~ - n = 100",
        rule="factor" if ok and excess != 100 else "counterexample",
        correction=r"an excess of $\tilde n-(2n-\tilde n)=2(\tilde n-n)=200$ positive eigenvalues ($1000$ eigenvalues $+1$, $800$ eigenvalues $-1$)",
        evidence={"exact_counts": rows, "excess_n900_nt1000": excess},
        latex=(r"The Hessian of (2.28) at $(0,\dots,0,1)$ is $\mathrm{diag}(1^{\times\tilde n},(-1)^{\times(2n-\tilde n)},0)$ (the second sum runs over "
               r"$i=\tilde n+1,\dots,2n$). Exact inertia for $(n,\tilde n)\in\{(2,3),(3,4),(3,5),(4,5),(4,7)\}$: "
               + ", ".join(f"$({k.replace('nt', chr(92) + 'tilde n')})$: ${v['positive']}/{v['negative']}/{v['zero']}$" for k, v in rows.items())
               + r" (positive/negative/zero), excess $2(\tilde n-n)$ in each case. For $n=900$, $\tilde n=1000$ the excess is $200$. "
                 r"(The value $\tilde n-n$ would follow from the multiplicity printed in (2.29), which is itself a typo: see 004-eq2.29.)"),
    )


def _often_minimum(cid: str, ctx: Context) -> Outcome:
    n_mc = 2_000_000 if ctx.thorough else 400_000

    def sample(rng, k):
        A, B, C = sample_projected_hessian(_pm_spectrum(1000, 800), k, rng)
        kp, km = projected_curvatures(A, B, C)
        return (km > 0).astype(float)

    m = monte_carlo(sample, n_mc, claim_id=cid, seed=ctx.seed)
    lim = 1 - gaussian_limit_saddle_probability(200, 1800, exact=True)
    ok = m.mean - 4 * m.stderr > 0.99
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"for (2.28) with n = 900, n~ = 1000 a random 2-D projection shows a minimum with probability {_mc_text(m)} "
        f"(Gaussian limit {float(lim):.4f})",
        correction=None if ok else "see evidence",
        evidence={"Pr_minimum": m.as_evidence(), "gaussian_limit_Pr_not_saddle": str(lim), "float": float(lim)},
        latex=(r"$H_{\alpha,\beta}=W_2(1000)-W_2(800)$ (independent Wisharts, sampled exactly by the Bartlett decomposition); "
               f"$\\Pr(\\kappa_->0)={_mc_str(m)}$; the Gaussian limit gives $1-2^{{-1/2}}e^{{-200^2/(4\\cdot1800)}}\\approx{float(lim):.4f}$ "
               r"(a maximum, $\kappa_+<0$, is never observed). ``Often'' holds with a wide margin."),
    )


@add("004-fig1-random-often-convex", location="Fig. 1 caption",
     quote=r"""a projection onto a dimension-reduced space that is
spanned by the random directions η, δ is often associated with an apparently convex loss landscape.""",
     expected=Verdict.TRUE, kind="probability")
def _fig1_convex(ctx: Context) -> Outcome:
    return _often_minimum("004-fig1-random-often-convex", ctx)


@add("004-s2.2-almost-orthogonal", location="Sec. 2.2, paragraph 2",
     quote=r"""In fact, if the dimension of our space is large enough, with high
probability random vectors will be sufficiently close to orthogonal [26].""",
     expected=Verdict.TRUE, kind="probability")
def _almost_orth(ctx: Context) -> Outcome:
    eps = 0.1
    exact = {N: float(special.betainc((N - 1) / 2, 0.5, 1 - eps ** 2)) for N in (10, 100, 1000, 10000)}
    cid = "004-s2.2-almost-orthogonal"

    def sample(rng, k):
        u, v = rng.standard_normal((k, 10)), rng.standard_normal((k, 10))
        c = (u * v).sum(1) / np.sqrt((u * u).sum(1) * (v * v).sum(1))
        return (np.abs(c) >= eps).astype(float)

    m = monte_carlo(sample, 400_000 if ctx.thorough else 100_000, claim_id=cid, seed=ctx.seed)
    ok_mc = abs(m.mean - exact[10]) < 4 * m.stderr
    # union bound: m vectors with pairwise |cos| < eps exist when m^2 Pr < 2
    counts = {N: int(math.floor(math.sqrt(2 / p))) if p > 0 else "inf" for N, p in exact.items()}
    ok = ok_mc and exact[10000] < 1e-20 and all(exact[a] > exact[b] for a, b in [(10, 100), (100, 1000), (1000, 10000)])
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "cos^2 of two Gaussian vectors ~ Beta(1/2, (N-1)/2): Pr(|cos| >= 0.1) = I_{0.99}((N-1)/2, 1/2) = "
        f"{exact[100]:.3g}, {exact[1000]:.3g}, {exact[10000]:.3g} for N = 1e2, 1e3, 1e4",
        correction=None if ok else "see evidence",
        evidence={"Pr_abs_cos_ge_0.1": {str(k): v for k, v in exact.items()}, "mc_N10": m.as_evidence(),
                  "union_bound_count_of_0.1_orthogonal_vectors": {str(k): v for k, v in counts.items()}},
        latex=(r"For $\eta,\delta\sim\mathcal N(0,I_N)$, $\cos^2\angle(\eta,\delta)\sim\mathrm{Beta}(\frac12,\frac{N-1}2)$, so "
               r"$\Pr(|\cos|\ge\varepsilon)=I_{1-\varepsilon^2}(\frac{N-1}2,\frac12)$. With $\varepsilon=0.1$: "
               + ", ".join(f"$N={N}$: ${p:.3g}$" for N, p in exact.items())
               + f" (Monte Carlo at $N=10$: ${_mc_str(m)}$). By the union bound, $\\lfloor\\sqrt{{2/p}}\\rfloor$ random vectors are pairwise "
                 r"$0.1$-almost orthogonal with positive probability: "
               + ", ".join(f"$N={N}$: ${c}$" for N, c in counts.items() if isinstance(c, int))
               + r", far more than $N$ for large $N$ (``vastly many more almost-orthogonal directions'')."),
    )


@add("004-eq2.10-polarization", location="Sec. 2.2, Eq. (2.10)",
     quote=r"""(ηi + δi )2 − (ηi − δi )2 =
Xi2 − Yi2 ,
4
4
4
4
i=1

PN
where Xi , Yi ∼ N (0, 1).""",
     expected=Verdict.TYPO, kind="equation")
def _eq210(ctx: Context) -> Outcome:
    e, d = sp.symbols("eta delta", real=True)
    ident = sp.expand(e * d - ((e + d) ** 2 - (e - d) ** 2) / 4)
    varX = _gauss_expect((e + d) ** 2, [e, d])
    covXY = _gauss_expect((e + d) * (e - d), [e, d])
    # printed: X, Y ~ N(0,1): Var(1/4 (X^2 - Y^2)) = 1/4 per term, but Var(eta delta) = 1
    X, Y = sp.symbols("X Y", real=True)
    var_printed = _gauss_expect((X ** 2 - Y ** 2) ** 2 / 16, [X, Y])
    var_true = _gauss_expect((e * d) ** 2, [e, d])
    fixed = sp.expand(((e + d) ** 2 / 2 - (e - d) ** 2 / 2) / 2 - e * d)
    ok = ident == 0 and varX == 2 and covXY == 0 and var_printed != var_true and fixed == 0
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the polarization identity is right, but X_i = eta_i + delta_i ~ N(0, 2), not N(0, 1): with standard normal X, Y the "
        f"printed sum has variance N/4 instead of N",
        rule="factor" if ok else "counterexample",
        correction=r"$\sum_i\eta_i\delta_i=\sum_i\tfrac14(X_i^2-Y_i^2)$ with $X_i=\eta_i+\delta_i$, $Y_i=\eta_i-\delta_i$ independent $\mathcal N(0,2)$; "
                   r"equivalently $\tfrac12\sum_i(\hat X_i^2-\hat Y_i^2)$ with $\hat X_i=(\eta_i+\delta_i)/\sqrt2$, $\hat Y_i=(\eta_i-\delta_i)/\sqrt2\sim\mathcal N(0,1)$ independent.",
        evidence={"Var(eta+delta)": str(varX), "Cov(X,Y)": str(covXY), "Var_term_printed": str(var_printed), "Var_term_true": str(var_true)},
        latex=(r"$\eta\delta=\frac14((\eta+\delta)^2-(\eta-\delta)^2)$ exactly, but $\mathrm{Var}(\eta+\delta)="
               f"{varX}$, so $X_i\\sim\\mathcal N(0,2)$. Read with $X_i,Y_i\\sim\\mathcal N(0,1)$ the right-hand side has per-term variance "
               f"$\\mathrm{{Var}}(\\frac14(X^2-Y^2))={sp.latex(var_printed)}$ whereas $\\mathrm{{Var}}(\\eta\\delta)={var_true}$. "
               r"With $\hat X_i=(\eta_i+\delta_i)/\sqrt2$: $\frac12(\hat X_i^2-\hat Y_i^2)=\eta_i\delta_i$ exactly and $\mathrm{Cov}(\hat X_i,\hat Y_i)=0$ "
               r"(jointly Gaussian, hence independent): $\sum\eta_i\delta_i=\frac12(\chi^2_N-\chi'^2_N)$."),
    )


@add("004-s2.2-scalar-product-vanishes", location="Sec. 2.2, after Eq. (2.10)",
     quote=r"""the sum over the difference between Xi2 and Yi2 vanishes as N → ∞. That is, in the
limit N → ∞, the scalar product (2.10) vanishes and the vectors η, δ are orthogonal.""",
     expected=Verdict.FALSE, kind="verbal")
def _vanishes(ctx: Context) -> Outcome:
    N = sp.Symbol("N", positive=True, integer=True)
    g = sp.symbols("g1:9", real=True)
    e4, d4 = g[:4], g[4:]
    var4 = _gauss_expect(sum(a * b for a, b in zip(e4, d4)) ** 2, g)
    Eabs = sp.sqrt(2 / sp.pi) * sp.sqrt(2) * sp.gamma((N + 1) / 2) / sp.gamma(N / 2)
    vals = {str(k): float(Eabs.subs(N, k)) for k in (10, 100, 10000)}
    # Wendel's inequality Gamma(x+1/2)/Gamma(x) >= sqrt(x) (x/(x+1/2))^(1/2) with x = N/2: E|eta.delta| >= 2 sqrt(x^2/(pi (x+1/2)))
    mp.mp.dps = 30
    wendel_ok = all(mp.gamma(mp.mpf(k + 1) / 2) / mp.gamma(mp.mpf(k) / 2) >= mp.sqrt(mp.mpf(k) / 2) * mp.sqrt((mp.mpf(k) / 2) / (mp.mpf(k) / 2 + mp.mpf(1) / 2))
                    for k in (10, 100, 10000, 10 ** 8))
    ratio = {str(k): float(2 * mp.gamma(mp.mpf(k + 1) / 2) / (mp.sqrt(mp.pi) * mp.gamma(mp.mpf(k) / 2)) / mp.sqrt(k)) for k in (100, 10 ** 4, 10 ** 8)}
    lim_ratio = sp.sqrt(2 / sp.pi)
    ok = var4 == 4 and wendel_ok and abs(ratio[str(10 ** 8)] - float(lim_ratio)) < 1e-6
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "Var(sum eta_i delta_i) = N and E|eta.delta| = 2 Gamma((N+1)/2)/(sqrt(pi) Gamma(N/2)) ~ sqrt(2N/pi) -> infinity: "
        "only N^{-1} eta.delta and the cosine (E cos^2 = 1/N) vanish",
        rule="counterexample" if ok else None,
        correction=r"$N^{-1}\sum_i\eta_i\delta_i\to0$ almost surely and $\cos\angle(\eta,\delta)\to0$ ($\mathbb E\cos^2=1/N$): the directions become "
                   r"nearly orthogonal in angle, while $\eta^\top\delta$ itself has variance $N$ and grows like $\sqrt N$.",
        evidence={"Var_N4": str(var4), "E_abs_exact": str(Eabs), "E_abs_values": vals, "E_abs_over_sqrtN": ratio, "limit_E_abs_over_sqrtN": str(lim_ratio)},
        latex=(r"$\mathbb E[(\sum_i\eta_i\delta_i)^2]=\sum_{i,j}\mathbb E[\eta_i\eta_j]\mathbb E[\delta_i\delta_j]=N$ (exact, e.g.\ $N=4$ gives "
               f"${var4}$). Conditioning on $\\delta$, $\\eta^\\top\\delta\\sim\\mathcal N(0,|\\delta|^2)$, so $\\mathbb E|\\eta^\\top\\delta|={sp.latex(Eabs)}$: "
               + ", ".join(f"$N={k}$: ${v:.4g}$" for k, v in vals.items())
               + f"; by Wendel's inequality $\\Gamma(x+\\frac12)/\\Gamma(x)\\ge\\sqrt{{x}}\\,(x/(x+\\frac12))^{{1/2}}$ ($x=N/2$) it grows at least like "
                 f"$\\sqrt{{2N/\\pi}}(1+1/N)^{{-1/2}}$, and $\\mathbb E|\\eta^\\top\\delta|/\\sqrt N\\to{sp.latex(lim_ratio)}$. The scalar product does not vanish; it diverges. "
                 r"The difference of the two chi-squared sums likewise has standard deviation $2\sqrt{2N}$ (with the paper's $X_i\sim\mathcal N(0,2)$)."),
    )


_EPS_GRID = [0.05, 0.1, 0.3, 0.5, 1.0, 2.0, 4.0]
_N_GRID = [1, 2, 5, 10, 50, 100, 1000]


@add("004-eq2.11-chi2-upper-tail", location="Sec. 2.2, Eq. (2.11)",
     quote=r"""(2.11)
Pr
Xi − 1 ≥  +  ≤ e− 4""",
     expected=Verdict.TRUE, kind="probability")
def _eq211(ctx: Context) -> Outcome:
    mp.mp.dps = 30
    worst = (0, None)
    for N in _N_GRID:
        for e in _EPS_GRID:
            p = _chi2_sf(N * (1 + e + e * e / 2), N)
            r = p / mp.e ** (-N * e * e / 4)
            if r > worst[0]:
                worst = (r, (N, e))
    ok = worst[0] <= 1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "reading Pr[N^{-1} sum X_i^2 - 1 >= eps + eps^2/2] <= exp(-N eps^2/4): Laurent-Massart's upper tail with x = N eps^2/4; "
        f"exact chi-square tails on a grid: max ratio {float(worst[0]):.3g}",
        correction=None if ok else "see evidence",
        evidence={"max_ratio_prob_over_bound": str(mp.nstr(worst[0], 8)), "at_(N,eps)": str(worst[1]), "grid_N": _N_GRID, "grid_eps": _EPS_GRID},
        latex=(r"Reading (epsilon dropped by the extraction): $\Pr[\frac1N\sum X_i^2-1\ge\varepsilon+\frac{\varepsilon^2}2]\le e^{-N\varepsilon^2/4}$. "
               r"This is Laurent--Massart (2000, Lemma 1), $\Pr[\chi^2_N-N\ge2\sqrt{Nx}+2x]\le e^{-x}$, with $x=N\varepsilon^2/4$. "
               r"Exact tails (regularized incomplete gamma, 30 digits) for $N\in\{1,2,5,10,50,100,1000\}$, $\varepsilon\in\{0.05,\dots,4\}$: "
               f"the largest ratio probability/bound is ${mp.nstr(worst[0], 4)}$ at $(N,\\varepsilon)={worst[1]}$."),
    )


@add("004-eq2.12-chi2-lower-tail", location="Sec. 2.2, Eq. (2.12)",
     quote=r"""(2.12)
Pr 1 −
Xi ≥  ≤ e− 4""",
     expected=Verdict.TRUE, kind="probability")
def _eq212(ctx: Context) -> Outcome:
    mp.mp.dps = 30
    worst = (0, None)
    for N in _N_GRID:
        for e in [x for x in _EPS_GRID if x < 1] + [0.9, 0.99]:
            p = _chi2_cdf(N * (1 - e), N)
            r = p / mp.e ** (-N * e * e / 4)
            if r > worst[0]:
                worst = (r, (N, e))
    ok = worst[0] <= 1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Pr[1 - N^{-1} sum X_i^2 >= eps] <= exp(-N eps^2/4) is Laurent-Massart's lower tail; "
        f"exact chi-square tails on a grid: max ratio {float(worst[0]):.3g}",
        correction=None if ok else "see evidence",
        evidence={"max_ratio_prob_over_bound": str(mp.nstr(worst[0], 8)), "at_(N,eps)": str(worst[1])},
        latex=(r"$\Pr[N-\chi^2_N\ge2\sqrt{Nx}]\le e^{-x}$ with $x=N\varepsilon^2/4$ (for $\varepsilon\ge1$ the probability is $0$). "
               f"Exact lower tails on the grid give a largest ratio ${mp.nstr(worst[0], 4)}$ at $(N,\\varepsilon)={worst[1]}$."),
    )


@add("004-eq2.13-chi2-two-sided", location="Sec. 2.2, Eq. (2.13)",
     quote=r"""(2.13)
Pr
Xi − 1 ≥  ≤ 2e− 4 .""",
     expected=Verdict.FALSE, kind="probability")
def _eq213(ctx: Context) -> Outcome:
    mp.mp.dps = 40
    N, e = 100, 1
    p = _chi2_sf(N * (1 + e), N)
    bound = 2 * mp.e ** (-N * e * e / 4)
    # corrected (Chernoff) two-sided bound on a grid
    worst = 0
    for NN in _N_GRID:
        for ee in [0.05, 0.1, 0.3, 0.5, 0.9, 1.0, 2.0]:
            pr = _chi2_sf(NN * (1 + ee), NN) + (_chi2_cdf(NN * (1 - ee), NN) if ee < 1 else 0)
            cb = 2 * mp.e ** (-NN * (ee - mp.log(1 + ee)) / 2)
            worst = max(worst, pr / cb)
    ok = p > bound and worst <= 1
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        f"N = 100, eps = 1: Pr[chi2_100 >= 200] = {mp.nstr(p, 4)} > 2 exp(-25) = {mp.nstr(bound, 4)}; the upper chi-square tail decays at "
        "rate (eps - ln(1+eps))/2 < eps^2/4, so the bound fails for large N at every eps > 0",
        rule="counterexample" if ok else None,
        correction=r"$\Pr\big[|\tfrac1N\sum_iX_i^2-1|\ge\varepsilon\big]\le2\exp\!\big(-\tfrac N2(\varepsilon-\ln(1+\varepsilon))\big)$ (Chernoff; "
                   r"$\le2e^{-N\varepsilon^2/8}$ for $0<\varepsilon\le1$), or keep the two one-sided forms (2.11)--(2.12).",
        evidence={"N": N, "eps": e, "probability": mp.nstr(p, 12), "bound": mp.nstr(bound, 12),
                  "corrected_bound_max_ratio_on_grid": mp.nstr(worst, 6)},
        latex=(r"Reading: $\Pr[|\frac1N\sum X_i^2-1|\ge\varepsilon]\le2e^{-N\varepsilon^2/4}$ (absolute value bars lost; without them the one-sided upper "
               f"version fails at the same point). At $N=100$, $\\varepsilon=1$: $\\Pr[\\chi^2_{{100}}\\ge200]={_sci(p, 4)}$ but $2e^{{-25}}={_sci(bound, 4)}$. "
               r"By Cram\'er's theorem the upper tail is $e^{-N(\varepsilon-\ln(1+\varepsilon))/2+o(N)}$ and $\varepsilon-\ln(1+\varepsilon)<\varepsilon^2/2$, "
               r"so the bound fails for every $\varepsilon>0$ once $N$ is large; (2.11) avoids this with the deviation $\varepsilon+\varepsilon^2/2$. "
               f"The Chernoff form in the correction holds on the grid (largest ratio ${mp.nstr(worst, 4)}$)."),
    )


_READING_TEX = {"sqrt2*exp(-2N eps^2)": r"\sqrt2\,e^{-2N\varepsilon^2}", "2*exp(-2N eps^2)": r"2e^{-2N\varepsilon^2}",
                "exp(-2N eps^2)/sqrt2": r"e^{-2N\varepsilon^2}/\sqrt2", "2*exp(-N eps^2)": r"2e^{-N\varepsilon^2}"}


def _inner_product_bound(cid: str, ctx: Context, which: str) -> Outcome:
    mp.mp.dps = 20
    N, e = 100, mp.mpf("0.3")
    one = _ip_tail(N, e)
    two = 2 * one
    readings = {"sqrt2*exp(-2N eps^2)": mp.sqrt(2) * mp.e ** (-2 * N * e ** 2),
                "2*exp(-2N eps^2)": 2 * mp.e ** (-2 * N * e ** 2),
                "exp(-2N eps^2)/sqrt2": mp.e ** (-2 * N * e ** 2) / mp.sqrt(2)}
    if which == "A.5":
        readings = {"2*exp(-N eps^2)": 2 * mp.e ** (-N * e ** 2)}
    fails = all(one > b for b in readings.values())
    worst = 0
    for NN in (10, 50, 100, 1000):
        for ee in ("0.1", "0.3", "0.5"):
            worst = max(worst, 2 * _ip_tail(NN, ee) / (2 * mp.e ** (-NN * _ip_rate(ee))))
    ok = fails and worst <= 1
    rate = "2 eps^2" if which != "A.5" else "eps^2"
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        f"N = 100, eps = 0.3: Pr[N^-1 sum eta_i delta_i >= eps] = {mp.nstr(one, 4)} exceeds every reading of the bound "
        f"(largest {mp.nstr(max(readings.values()), 3)}); the true decay rate is ~eps^2/2, not {rate}",
        rule="counterexample" if ok else None,
        correction=r"$\Pr\big[|\tfrac1N\sum_i\eta_i\delta_i|\ge\varepsilon\big]\le2e^{-NI(\varepsilon)}$, "
                   r"$I(\varepsilon)=\tfrac12\big(s-1-\ln\tfrac{1+s}2\big)$, $s=\sqrt{1+4\varepsilon^2}$ (Chernoff, $I(\varepsilon)=\varepsilon^2/2+O(\varepsilon^4)$).",
        evidence={"N": N, "eps": "0.3", "one_sided_exact": mp.nstr(one, 10), "two_sided_exact": mp.nstr(two, 10),
                  "readings": {k: mp.nstr(v, 6) for k, v in readings.items()}, "corrected_bound_max_ratio": mp.nstr(worst, 6)},
        latex=(r"Exact tail by conditioning on $\delta$: $\Pr[\sum\eta_i\delta_i\ge N\varepsilon]=\mathbb E\,\bar\Phi(N\varepsilon/R)$, $R^2\sim\chi^2_N$ (quadrature). "
               f"At $N=100$, $\\varepsilon=0.3$: one-sided ${_sci(one, 4)}$, two-sided ${_sci(two, 4)}$, versus "
               + ", ".join(f"${_READING_TEX[k]}={_sci(v, 3)}$" for k, v in readings.items())
               + r". The mean of $\eta_i\delta_i$ has cumulant function $-\frac12\ln(1-t^2)$, so its large-deviation rate is $I(\varepsilon)\approx\varepsilon^2/2$ "
                 r"(CLT: variance $1/N$), and any bound $e^{-cN\varepsilon^2}$ with $c>\frac12$ fails for large $N$. "
               + f"The Chernoff bound in the correction holds at $N\\in\\{{10,50,100,1000\\}}$, $\\varepsilon\\in\\{{0.1,0.3,0.5\\}}$ (largest ratio ${mp.nstr(worst, 4)}$)."),
    )


@add("004-eq2.14-inner-product-bound", location="Sec. 2.2, Eq. (2.14)",
     quote=r"""ηi δi ≥  ≤ 2e−2N 
N i=1

in the limit of large N .""",
     expected=Verdict.FALSE, kind="probability")
def _eq214(ctx: Context) -> Outcome:
    return _inner_product_bound("004-eq2.14-inner-product-bound", ctx, "2.14")


@add("004-eq2.15-projected-hessian", location="Sec. 2.2, Eq. (2.15)",
     quote=r"""The Hessian
associated with the two-dimensional loss projection (2.9) is""",
     expected=Verdict.TRUE, kind="equation")
def _eq215(ctx: Context) -> Outcome:
    th = sp.symbols("t1:4", real=True)
    p0 = sp.symbols("p1:4", real=True)
    eta = sp.symbols("e1:4", real=True)
    dl = sp.symbols("d1:4", real=True)
    a, b = sp.symbols("alpha beta", real=True)
    monos = [m for m in sp.itermonomials(th, 3) if sp.Poly(m, *th).total_degree() >= 1]
    cs = sp.symbols(f"c0:{len(monos)}")
    L = sum(c * m for c, m in zip(cs, monos))
    sub = {th[i]: p0[i] + a * eta[i] + b * dl[i] for i in range(3)}
    Lab = L.subs(sub)
    Hab = sp.hessian(Lab, (a, b)).subs({a: 0, b: 0})
    H = sp.hessian(L, th).subs(dict(zip(th, p0)))
    E, D = sp.Matrix(eta), sp.Matrix(dl)
    want = sp.Matrix([[(E.T * H * E)[0], (E.T * H * D)[0]], [(D.T * H * E)[0], (D.T * H * D)[0]]])
    ok = (Hab - want).applyfunc(sp.expand) == sp.zeros(2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "d^2/d(alpha, beta)^2 L(theta*+alpha eta+beta delta) at 0 = [[eta^T H eta, eta^T H delta], [delta^T H eta, delta^T H delta]] (exact, generic cubic L)",
        correction=None if ok else "see evidence",
        evidence={"generic_cubic_terms": len(monos), "identity": ok},
        latex=(r"Chain rule, checked exactly for a generic cubic polynomial $L$ on $\mathbb R^3$ (19 symbolic coefficients) at a symbolic point with symbolic "
               r"$\eta,\delta$: $H_{\alpha,\beta}=(\eta,\delta)^\top H_\theta(\eta,\delta)$, i.e.\ $A=\eta^\top H\eta$, $B=\eta^\top H\delta$, $C=\delta^\top H\delta$."),
    )


@add("004-s2.2-chi-squared-prefactors", location="Sec. 2.2, after Eq. (2.15)",
     quote=r"""Elements of Hα,β are sums of second derivatives
in the original space weighted with chi-squared distributed prefactors.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _chi2_pref(ctx: Context) -> Outcome:
    x, y, u, v, t = sp.symbols("x y u v t", real=True)
    K = 12
    # moments of eta_i eta_j and of (U^2 - V^2)/2 agree (both laws have an MGF, so they are determined by their moments)
    mom_prod = [_gauss_expect((x * y) ** k, [x, y]) for k in range(1, K + 1)]
    mom_diff = [_gauss_expect(((u ** 2 - v ** 2) / 2) ** k, [u, v]) for k in range(1, K + 1)]
    same = mom_prod == mom_diff
    # and match the MGF (1 - t^2)^(-1/2) = sum binom(2m, m) t^(2m) / 4^m
    ser = sp.series((1 - t ** 2) ** sp.Rational(-1, 2), t, 0, K + 1).removeO()
    same &= all(sp.expand(ser).coeff(t, k) == mom_prod[k - 1] / sp.factorial(k) for k in range(1, K + 1))
    mgf_prod = (1 - t ** 2) ** sp.Rational(-1, 2)
    mgf_sq = (1 - 2 * t) ** sp.Rational(-1, 2)
    ser2 = sp.series(mgf_sq, t, 0, K + 1).removeO()
    chi1 = all(sp.expand(ser2).coeff(t, k) == _gauss_expect(x ** (2 * k), [x]) / sp.factorial(k) for k in range(1, K + 1))
    ok = same and chi1
    return Outcome(
        Verdict.AMBIGUOUS if ok else Verdict.NOT_CHECKABLE,
        "diagonal prefactors eta_i^2 are chi2_1, but off-diagonal ones eta_i eta_j (i != j) are symmetric (negative with probability 1/2): "
        "they are differences (U^2 - V^2)/2 of chi-squared variables, not chi-squared",
        rule="readings" if ok else None,
        correction=r"$(H_{\alpha,\beta})_{11}=\sum_iH_{ii}\eta_i^2+\sum_{i\ne j}H_{ij}\eta_i\eta_j$ with $\eta_i^2\sim\chi^2_1$ and "
                   r"$\eta_i\eta_j\overset{d}{=}\tfrac12(U^2-V^2)$, $U,V$ independent $\mathcal N(0,1)$.",
        evidence={"moments_eta_i_eta_j": [str(m) for m in mom_prod], "mgf_eta_i_eta_j": str(mgf_prod), "mgf_eta_sq": str(mgf_sq)},
        latex=(f"Exact moments up to order {K}: $\\mathbb E(\\eta_i\\eta_j)^k=\\mathbb E(\\frac{{U^2-V^2}}2)^k$, the Taylor coefficients of ${sp.latex(mgf_prod)}$; "
               f"those of $\\eta_i^2$ are the coefficients of ${sp.latex(mgf_sq)}$ ($\\chi^2_1$). "
               r"Reading (a), literal: every prefactor is chi-squared distributed --- false for $i\neq j$ ($\Pr(\eta_i\eta_j<0)=\frac12$). "
               r"Reading (b), as the preceding sentence says: prefactors are expressible through chi-squared variables as in (2.10) --- true."),
    )


@add("004-eq2.16-principal-curvatures", location="Sec. 2.2, Eq. (2.16)",
     quote=r"""p
1
A + C ± 4B 2 + (A − C)2 ,
2

where A = (Hθ )ij η i η j , B = (Hθ )ij η i δ j , and C = (Hθ )ij δ i δ j .""",
     expected=Verdict.TRUE, kind="equation")
def _eq216(ctx: Context) -> Outcome:
    A, B, C, lam = sp.symbols("A B C lam", real=True)
    M = sp.Matrix([[A, B], [B, C]])
    ev = sp.roots(sp.Poly((M - lam * sp.eye(2)).det(), lam))
    kp = (A + C + sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    km = (A + C - sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    ok = all(sp.expand((M - k * sp.eye(2)).det()) == 0 for k in (kp, km)) and sp.expand(kp + km - A - C) == 0 \
        and sp.simplify(kp * km - (A * C - B ** 2)) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "kappa_{+-} = (A + C +- sqrt(4B^2 + (A - C)^2))/2 are the roots of the characteristic polynomial of [[A, B], [B, C]] "
        "(principal curvatures of the projection at the critical point, cf. 004-s2.1)",
        correction=None if ok else "see evidence",
        evidence={"roots": [str(r) for r in ev]},
        latex=(r"$\det\begin{pmatrix}A-\kappa&B\\B&C-\kappa\end{pmatrix}=\kappa^2-(A+C)\kappa+AC-B^2$ has roots $\frac12(A+C\pm\sqrt{4B^2+(A-C)^2})$ "
               r"(checked symbolically; $\kappa_++\kappa_-=A+C$, $\kappa_+\kappa_-=AC-B^2$). At the critical point the projected graph's shape operator is "
               r"its Hessian (jet proof of 004-s2.1 with $n=2$), so these are its principal curvatures."),
    )


@add("004-s2.2-abc-distribution-unknown", location="Sec. 2.2, after Eq. (2.16)",
     quote=r"""To the best of our
knowledge, a closed, analytic expression for the distribution of the quantities A, B, C
is not yet known [20, 34, 8, 15].""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _abc_unknown(ctx: Context) -> Outcome:
    cid = "004-s2.2-abc-distribution-unknown"
    lams = np.array([1.0, -1.0, 2.0, 0.5])
    s_, u_, t_ = 0.1, 0.07, -0.15
    Mw = np.array([[s_, u_], [u_, t_]])
    mw = np.linalg.eigvalsh(Mw)
    phi = np.prod([(1 - 2j * l * m) ** -0.5 for l in lams for m in mw])
    n = 400_000 if ctx.thorough else 100_000

    def re_(rng, k):
        A, B, C = sample_projected_hessian(lams, k, rng, method="gaussian")
        return np.cos(s_ * A + 2 * u_ * B + t_ * C)

    def im_(rng, k):
        A, B, C = sample_projected_hessian(lams, k, rng, method="gaussian")
        return np.sin(s_ * A + 2 * u_ * B + t_ * C)

    mr = monte_carlo(re_, n, claim_id=cid + ":re", seed=ctx.seed)
    mi = monte_carlo(im_, n, claim_id=cid + ":im", seed=ctx.seed)
    ok = abs(mr.mean - phi.real) < 4 * mr.stderr + 1e-12 and abs(mi.mean - phi.imag) < 4 * mi.stderr + 1e-12
    return Outcome(
        Verdict.AMBIGUOUS if ok else Verdict.NOT_CHECKABLE,
        "the joint characteristic function of (A, B, C) is closed-form, prod_i det(I - 2i lambda_i M)^(-1/2) (G^T H G is a difference of Wisharts; "
        "Imhof inversion), while no elementary closed-form density is known for general spectra",
        rule="readings" if ok else None,
        correction=r"$\mathbb E\,e^{i(sA+2uB+tC)}=\prod_{i=1}^N\det\!\big(I_2-2i\lambda_iM\big)^{-1/2}$, $M=\begin{pmatrix}s&u\\u&t\end{pmatrix}$ "
                   r"(closed form; densities by Fourier/Imhof inversion).",
        evidence={"lambdas": lams.tolist(), "(s,u,t)": [s_, u_, t_], "cf_formula": [phi.real, phi.imag],
                  "mc_real": mr.as_evidence(), "mc_imag": mi.as_evidence()},
        latex=(r"With $g_i=(\eta_i,\delta_i)$, $sA+2uB+tC=\sum_i\lambda_i g_i^\top Mg_i$, and a Gaussian integral gives the closed form in the correction. "
               f"Check at $\\lambda=(1,-1,2,\\frac12)$, $(s,u,t)=({s_},{u_},{t_})$: formula ${phi.real:.6f}{phi.imag:+.6f}i$, Monte Carlo "
               f"${mr.mean:.6f}\\pm{mr.stderr:.1g}$, ${mi.mean:.6f}\\pm{mi.stderr:.1g}$ (imaginary part). "
               r"Reading (a) ``no closed-form description of the law'': false (closed-form joint characteristic function; $G^\top HG$ is a difference of "
               r"independent Wishart matrices when $H$ has eigenvalues $\pm1$). Reading (b) ``no elementary closed-form density for general spectra'': consistent "
               r"with the literature (generalized chi-square laws), not refutable here."),
    )


@lru_cache(maxsize=None)
def _li_example():
    """H = diag(1, 2, -3); eta = (1, 1, 0), delta = (0, 1, 1): exact weights of the principal curvatures."""
    kap = [1, 2, -3]
    H = sp.diag(*kap)
    G = sp.Matrix([[1, 0], [1, 1], [0, 1]])
    out = {}
    # raw directions: kappa_pm of G^T H G with unit eigenvectors c
    M = G.T * H * G
    for raw in (True, False):
        Gm = G if raw else sp.Matrix.hstack(*sp.GramSchmidt([G[:, 0], G[:, 1]], True))
        Mm = (Gm.T * H * Gm).applyfunc(tidy)
        res = []
        for val, mult, vecs in Mm.eigenvects():
            c = vecs[0] / sp.sqrt((vecs[0].T * vecs[0])[0])
            y = Gm * c
            w = [sp.simplify(y[i] ** 2) for i in range(3)]
            comb = sp.simplify(sum(wi * k for wi, k in zip(w, kap)) - val)
            res.append({"kappa": tidy(sp.simplify(val)), "weights": w, "sum_weights": sp.simplify(sum(w)), "residual": comb})
        out["raw" if raw else "orthonormal"] = res
    return out, M


def _li_check(raw: bool):
    ex, M = _li_example()
    key = "raw" if raw else "orthonormal"
    rows = ex[key]
    ok = all(r["residual"] == 0 and all(w.is_nonnegative for w in r["weights"]) for r in rows)
    if not raw:
        ok &= all(sp.simplify(r["sum_weights"] - 1) == 0 for r in rows)
    return ok, rows, M


@add("004-s2.2-li-et-al-weighted-averages", location="Sec. 2.2, quotation of Li et al. [38]",
     quote=r"""“the principal curvatures of a dimensionality-reduced plot (with random
Gaussian directions) are weighted averages of the principal curvatures of the fulldimensional surface”.""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="verbal")
def _li_quote(ctx: Context) -> Outcome:
    ok_o, rows_o, _ = _li_check(False)
    ok_r, rows_r, M = _li_check(True)
    # interlacing for random orthonormal frames of a random spectrum
    rng = rng_for("004-s2.2-li-et-al-weighted-averages", ctx.seed)
    lam = rng.normal(size=30)
    k = 5000
    G = rng.standard_normal((k, 30, 2))
    Q, _ = np.linalg.qr(G)
    Mk = np.einsum("kia,i,kib->kab", Q, lam, Q)
    ev = np.linalg.eigvalsh(Mk)
    inside = bool(np.all(ev >= lam.min() - 1e-12) and np.all(ev <= lam.max() + 1e-12))
    Graw = np.einsum("kia,i,kib->kab", G, lam, G)
    evr = np.linalg.eigvalsh(Graw)
    outside_raw = float(np.mean((evr > lam.max()) | (evr < lam.min())))
    ok = ok_o and ok_r and inside and outside_raw > 0.5
    return Outcome(
        Verdict.TRUE_UNDER_CONVENTION if ok else Verdict.FALSE,
        "kappa_{+-} = sum_i kappa_i (v_i . G c_{+-})^2: a weighted average of the principal curvatures for orthonormal directions (weights sum to 1); "
        "for raw Gaussian directions a nonnegative weighted sum with weights summing to |G c|^2 ~ N",
        rule="variant" if ok else "counterexample",
        correction=None if ok else "see evidence",
        convention=("directions normalized to an orthonormal pair (Li et al. normalize their directions): then kappa_{+-} are convex combinations of the "
                    f"kappa_i; with raw Gaussian directions the weights sum to |Gc|^2 (random frames, N = 30: {outside_raw:.0%} of projected curvatures "
                    "lie outside [kappa_min, kappa_max])"),
        evidence={"orthonormal_example": [{k: str(v) for k, v in r.items()} for r in rows_o],
                  "raw_example": [{k: str(v) for k, v in r.items()} for r in rows_r],
                  "random_orthonormal_frames_inside_range": inside, "raw_fraction_outside_range": outside_raw},
        latex=(r"If $c$ is a unit eigenvector of $H_{\alpha,\beta}=G^\top HG$, then $\kappa=c^\top G^\top HGc=\sum_i\kappa_i^\theta\,(v_i^\top Gc)^2$: a "
               r"nonnegative combination of the principal curvatures with weights $w_i=(v_i^\top Gc)^2$, $\sum_iw_i=|Gc|^2$. Exact example $H=\mathrm{diag}(1,2,-3)$, "
               r"$\eta=(1,1,0)$, $\delta=(0,1,1)$ after Gram--Schmidt: $\kappa_\pm="
               + ", ".join(sp.latex(r["kappa"]) for r in rows_o)
               + r"$ with weights summing to $1$ exactly. 5000 random orthonormal frames ($N=30$): all projected curvatures lie in "
                 r"$[\kappa_{\min},\kappa_{\max}]$ (Cauchy interlacing). For raw Gaussian directions the weights sum to $|Gc|^2$, and "
               + f"${outside_raw:.0%}$".replace("%", r"\%") + r" of the projected curvatures fall outside that interval."),
    )


@add("004-s2.2-not-weighted-averages-of-kappa", location="Sec. 2.2, paragraph after Eq. (2.16)",
     quote=r"""However, our results show that the principal curvatures κα,β
±
in a two-dimensional loss projection are weighted averages of the Hessian components
(Hθ )ij in the original space and not weighted averages of the principal curvatures κθi ,""",
     expected=Verdict.FALSE, kind="verbal")
def _not_weighted(ctx: Context) -> Outcome:
    ok_r, rows_r, M = _li_check(True)
    ok_o, rows_o, _ = _li_check(False)
    ok = ok_r and ok_o
    r0 = rows_r[0]
    return Outcome(
        Verdict.FALSE if ok else Verdict.AMBIGUOUS,
        "every projected principal curvature is sum_i kappa_i w_i with w_i = (v_i . G c)^2 >= 0, i.e. |Gc|^2 times a weighted average "
        "of the principal curvatures (exactly a weighted average for orthonormal directions)",
        rule="counterexample" if ok else None,
        correction=r"$\kappa^{\alpha,\beta}_\pm=\sum_{i=1}^N w_i^\pm\kappa_i^\theta$ with $w_i^\pm=(v_i^\top Gc_\pm)^2\ge0$, $\sum_iw_i^\pm=|Gc_\pm|^2$: "
                   r"weighted averages (up to the factor $|Gc_\pm|^2$) of the principal curvatures; hence $\kappa^\theta_N|Gc_\pm|^2\le\kappa^{\alpha,\beta}_\pm\le\kappa^\theta_1|Gc_\pm|^2$.",
        evidence={"raw_example": [{k: str(v) for k, v in r.items()} for r in rows_r], "H_ab": str(M.tolist())},
        latex=(r"Counterexample to ``not weighted averages of the $\kappa_i^\theta$'': $H=\mathrm{diag}(1,2,-3)$, $\eta=(1,1,0)$, $\delta=(0,1,1)$, "
               f"$H_{{\\alpha,\\beta}}={sp.latex(M)}$, $\\kappa_+={sp.latex(r0['kappa'])}$ and exactly "
               f"$\\kappa_+=1\\cdot{sp.latex(r0['weights'][0])}+2\\cdot{sp.latex(r0['weights'][1])}-3\\cdot{sp.latex(r0['weights'][2])}$ "
               r"(weights $(v_i^\top Gc_+)^2$; the identity $c^\top G^\top HGc=\sum_i\kappa_i(v_i^\top Gc)^2$ holds for every $H$, $G$). The Hessian-component "
               r"form $\sum_{ij}H_{ij}y_iy_j$ is the same number written in another basis, and the characteristic polynomial defining the $\kappa_i$ is irrelevant to it."),
    )


@add("004-s2.2-expectations-abc", location="Sec. 2.2, paragraph before Eq. (2.17)",
     quote=r"""in accordance with Eq. (2.10) we find that E[A] = E[C] = (Hθ )i i and E[B] = 0.""",
     expected=Verdict.TRUE, kind="equation")
def _exp_abc(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(4)
    ok = sp.expand(EA - H.trace()) == 0 and EB == 0 and sp.expand(EC - H.trace()) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E[eta^T H eta] = sum_ij H_ij E[eta_i eta_j] = tr H, E[eta^T H delta] = 0 (exact Gaussian moments, symbolic H)",
        correction=None if ok else "see evidence",
        evidence={"E[A]": str(EA), "E[B]": str(EB), "E[C]": str(EC)},
        latex=(f"Exact for a symbolic symmetric $4\\times4$ $H$: $\\mathbb E[A]={sp.latex(EA)}$, $\\mathbb E[B]={EB}$, $\\mathbb E[C]=\\mathbb E[A]$; "
               r"the argument is entrywise ($\mathbb E\eta_i\eta_j=\delta_{ij}$, $\mathbb E\eta_i\delta_j=0$), so it holds for every $N$. "
               r"(Only second moments are used; the chi-squared decomposition (2.10) is not needed.)"),
    )


@add("004-eq2.17-expected-hessian", location="Sec. 2.2, Eq. (2.17)",
     quote=r"""Hence, the expected, dimension-reduced Hessian is""",
     expected=Verdict.TRUE, kind="equation")
def _eq217(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(3)
    ok = sp.Matrix([[EA, EB], [EB, EC]]) == sp.Matrix([[H.trace(), 0], [0, H.trace()]]).applyfunc(sp.expand)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E[H_ab] = diag(tr H, tr H) exactly",
        correction=None if ok else "see evidence",
        evidence={"E[H_ab]": str([[EA, EB], [EB, EC]])},
        latex=r"From the exact moments: $\mathbb E[H_{\alpha,\beta}]=\mathrm{tr}(H_\theta)\,I_2$ (the $(H_\theta)^i{}_i$ of (2.17)).",
    )


@add("004-s2.2-kappa-bar-is-sum", location="Sec. 2.2, after Eq. (2.17)",
     quote=r"""The corresponding eigenvalue (or principal curvature) in dimension-reduced space, κ̄α,β , is therefore given by the sum over all prin [...] cipal curvatures in the original space""",
     expected=Verdict.TRUE, kind="equation")
def _kbar_sum(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(3)
    res = _trace_is_n_mean_curvature()
    ok = sp.expand(EA - H.trace()) == 0 and EB == 0 and res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E[H_ab] = tr(H) I has the double eigenvalue tr H, and at a critical point tr H = tr s = sum of the principal curvatures (exact, every n)",
        correction=None if ok else "see evidence",
        evidence={"trace_identity": res.evidence()},
        latex=(r"$\bar\kappa^{\alpha,\beta}$ is the (double) eigenvalue of $\mathbb E[H_{\alpha,\beta}]=\mathrm{tr}(H_\theta)I_2$; at the critical point the "
               r"principal curvatures are the eigenvalues of $s=H_\theta$ (004-s2.1) and $\mathrm{tr}\,s=\sum_i\kappa_i^\theta$ (jet proof, every $n$). "
               r"Note that $\bar\kappa^{\alpha,\beta}$ is the curvature of the averaged Hessian, not an average of curvatures."),
    )


def _sum_kappa_identity():
    A, B, C = sp.symbols("A B C", real=True)
    kp = (A + C + sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    km = (A + C - sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    return sp.expand(kp + km - (A + C)) == 0


@add("004-eq2.18-trace-from-kappas", location="Sec. 2.2, Eq. (2.18)",
     quote=r"""(2.18)
tr(Hθ ) =""",
     expected=Verdict.TRUE, kind="equation")
def _eq218(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(3)
    ok = _sum_kappa_identity() and sp.expand(EA + EC - 2 * H.trace()) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "kappa_+ + kappa_- = A + C identically, so (E[kappa_+] + E[kappa_-])/2 = (E[A] + E[C])/2 = tr H",
        correction=None if ok else "see evidence",
        evidence={"sum_identity": True},
        latex=r"$\kappa_++\kappa_-=A+C$ (symbolic), and $\mathbb E[A+C]=2\,\mathrm{tr}H$ (exact moments), hence $\mathrm{tr}H=\frac12(\mathbb E\kappa_++\mathbb E\kappa_-)$.",
    )


@add("004-eq2.19-kappa-bar", location="Sec. 2.2, Eq. (2.19)",
     quote=r"""(2.19)
κ̄
=
E[κα,β
κθi =
+ ] + E[κ− ] .""",
     expected=Verdict.TRUE, kind="equation")
def _eq219(ctx: Context) -> Outcome:
    H, EA, EB, EC = _expected_hessian_exact(3)
    res = _trace_is_n_mean_curvature()
    ok = _sum_kappa_identity() and sp.expand(EA + EC - 2 * H.trace()) == 0 and res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "kappa-bar = tr H = sum_i kappa_i (at the critical point) = (E[kappa_+] + E[kappa_-])/2",
        correction=None if ok else "see evidence",
        evidence={"trace_identity": res.evidence()},
        latex=r"Combines (2.17), (2.18) and $\mathrm{tr}\,s=\mathrm{tr}H$ at critical points (jet proof).",
    )


@add("004-eq2.20-mean-curvature", location="Sec. 2.2, Eq. (2.20)",
     quote=r"""The mean curvature H in the original space is related to κ̄α,β via""",
     expected=Verdict.TRUE, kind="equation")
def _eq220(ctx: Context) -> Outcome:
    res = _trace_is_n_mean_curvature()
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "H = tr(s)/N = (1/N) sum kappa_i = kappa-bar/N at a critical point (the average convention of geomcheck)",
        correction=None if ok else "see evidence",
        evidence=res.evidence(),
        latex=(r"With $\mathcal H=\mathrm{tr}(s)/N$ (average, as in geomcheck's conventions) and $\mathrm{tr}\,s=\mathrm{tr}H_\theta=\bar\kappa^{\alpha,\beta}$ at "
               r"the critical point (jet proof, every $n$), $\mathcal H=\bar\kappa^{\alpha,\beta}/N=\frac1N\sum_i\kappa_i^\theta$. Away from critical points "
               r"$\mathrm{tr}\,s=w(\mathrm{tr}H-\beta\nabla L^\top H\nabla L)\neq\mathrm{tr}H$."),
    )


@add("004-eq2.21-projected-gauss-newton", location="Sec. 2.2, Eq. (2.21)",
     quote=r"""In analogy with Eq. (2.8), the dimension-reduced Hessian Hα,β is connected to
the corresponding FIM Fα,β according to""",
     expected=Verdict.TRUE, kind="equation")
def _eq221(ctx: Context) -> Outcome:
    th, x, f = _toy_network()
    a, b = sp.symbols("alpha beta", real=True)
    eta = sp.symbols("e1:4", real=True)
    dl = sp.symbols("d1:4", real=True)
    p0 = [1, 2, -1]
    sub = {th[i]: p0[i] + a * eta[i] + b * dl[i] for i in range(3)}
    xs = [1, 2]
    ys = [sp.symbols(f"y{t}_1:3", real=True) for t in range(2)]
    T = 2
    fab = [[fk.subs(x, xv).subs(sub) for fk in f] for xv in xs]
    L = sum(sum((ys[t][k] - fab[t][k]) ** 2 for k in range(2)) for t in range(T)) / (2 * T)
    at0 = {a: 0, b: 0}
    Hab = sp.hessian(L, (a, b)).subs(at0)
    F = sp.zeros(2)
    R = sp.zeros(2)
    for t in range(T):
        for k in range(2):
            g = sp.Matrix([sp.diff(fab[t][k], v) for v in (a, b)]).subs(at0)
            F += g * g.T / T
            R += (ys[t][k] - fab[t][k].subs(at0)) * sp.hessian(fab[t][k], (a, b)).subs(at0) / T
    ok = (Hab - (F - R)).applyfunc(sp.expand) == sp.zeros(2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(2.8) applied to the reparametrized network theta* + alpha eta + beta delta: exact for symbolic eta, delta and labels",
        correction=None if ok else "see evidence",
        evidence={"identity": ok},
        latex=(r"The projected network $f_{(\alpha,\beta)}=f_{\theta^*+\alpha\eta+\beta\delta}$ is a network with two parameters, so (2.8) applies verbatim; "
               r"checked exactly for the toy network of (2.8), $\theta^*=(1,2,-1)$, symbolic $\eta,\delta$, labels. Equivalently $F_{\alpha,\beta}=G^\top F_\theta G$ and "
               r"$H_{\alpha,\beta}=G^\top H_\theta G$."),
    )


@add("004-eq2.22-hutchinson", location="Sec. 2.2, Eq. (2.22)",
     quote=r"""and compute z > Hθ z, an unbiased estimator of
tr(Hθ ).""",
     expected=Verdict.TRUE, kind="equation")
def _eq222(ctx: Context) -> Outcome:
    import itertools

    H = sp.Matrix([[2, 1, 0, -3], [1, -1, 4, 1], [0, 4, 5, 2], [-3, 1, 2, 7]]) / 3
    signs = list(itertools.product([-1, 1], repeat=4))
    rad_mean = sum((sp.Matrix(s).T * H * sp.Matrix(s))[0] for s in signs) / len(signs)
    rad_var = sum(((sp.Matrix(s).T * H * sp.Matrix(s))[0] - H.trace()) ** 2 for s in signs) / len(signs)
    z = sp.symbols("z1:5", real=True)
    Z = sp.Matrix(z)
    q = (Z.T * H * Z)[0]
    g_mean = _gauss_expect(q, z)
    g_var = _gauss_expect(sp.expand((q - H.trace()) ** 2), z)
    off = sum(H[i, j] ** 2 for i in range(4) for j in range(4) if i != j)
    fro = sum(H[i, j] ** 2 for i in range(4) for j in range(4))
    one = sp.ones(4, 1)
    corr = (one.T * H * one)[0]      # correlated z: all components the same Rademacher sign
    ok = rad_mean == H.trace() and g_mean == H.trace() and rad_var == 2 * off and g_var == 2 * fro and corr != H.trace()
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E[z^T H z] = tr H for i.i.d. zero-mean unit-variance z (exact: Rademacher enumeration, Gaussian moments); variances 2 sum_{i!=j} H_ij^2 and 2||H||_F^2",
        correction=None if ok else "see evidence",
        evidence={"trace": str(H.trace()), "rademacher_mean": str(rad_mean), "gaussian_mean": str(g_mean),
                  "rademacher_var": str(rad_var), "gaussian_var": str(g_var), "correlated_z_mean": str(corr)},
        latex=(f"For a rational symmetric $4\\times4$ $H$ ($\\mathrm{{tr}}H={sp.latex(H.trace())}$): the exact average of $z^\\top Hz$ over the 16 Rademacher vectors is "
               f"${sp.latex(rad_mean)}$, the Gaussian expectation ${sp.latex(g_mean)}$; variances ${sp.latex(rad_var)}=2\\sum_{{i\\ne j}}H_{{ij}}^2$ and "
               f"${sp.latex(g_var)}=2\\|H\\|_F^2$. Independence (uncorrelatedness) of the components is needed: with all $z_i$ equal to one Rademacher sign "
               f"$\\mathbb E[z^\\top Hz]=\\mathbf 1^\\top H\\mathbf 1={sp.latex(corr)}$."),
    )


@add("004-s2.2-alternative-unbiased-estimate", location="Sec. 2.2, after Eq. (2.22)",
     quote=r"""Instead of calculating the Hessian and estimating
tr(Hθ ) using Hutchinson’s method (2.22), an alternative unbiased estimate is provided""",
     expected=Verdict.TRUE, kind="verbal")
def _alt_unbiased(ctx: Context) -> Outcome:
    H, eta, dlt, A, B, C = _projected(3)
    kp = (A + C + sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    km = (A + C - sp.sqrt(4 * B ** 2 + (A - C) ** 2)) / 2
    ident = sp.expand((kp + km) / 2 - ((eta.T * H * eta)[0] + (dlt.T * H * dlt)[0]) / 2) == 0
    Em = _gauss_expect((A + C) / 2, list(eta) + list(dlt))
    ok = ident and sp.expand(Em - H.trace()) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(kappa_+ + kappa_-)/2 = (eta^T H eta + delta^T H delta)/2 identically: unbiased, and literally the average of two Gaussian Hutchinson samples",
        correction=None if ok else "see evidence",
        evidence={"identity": ident, "mean": str(Em)},
        latex=(r"$\frac12(\kappa_++\kappa_-)=\frac12(A+C)=\frac12(\eta^\top H\eta+\delta^\top H\delta)$ exactly, whose expectation is $\mathrm{tr}H$. "
               r"It is unbiased, but it is not a different estimator: it is Hutchinson's estimator (2.22) with two Gaussian probe vectors."),
    )
