"""002, Section 3."""

from __future__ import annotations

import itertools
import sympy as sp
from ...symbolic.graph import GraphMetric
from ...symbolic.reparam import hessian_spectrum_counterexample
from ..model import Context, Outcome, Verdict
from ._common import (
    _crit_S,
    _eq7_outcome,
    _frobenius_sq,
    _graph_S_at,
    _minibatch_S_outcome,
    _norms_at_semidefinite,
    _nuclear_norm,
    _ou_excess_loss,
    _pullback_naturality,
    _quadratic,
    _quartic_bound_check,
    add,
)
from ..tools import monte_carlo


@add("002-sec3-peak-or-valley-norms", location="Sec. 3, first paragraph",
     quote=r"""Corollary 2.1 establishes a connection between the scalar curvature at each peak or valley in the loss landscape and the magnitude of the Hessian: $\mathbf{S}(\mathbf{x}) = \|\mathbf{H}\|_*^2 - \|\mathbf{H}\|_F^2$.""",
     expected=Verdict.TRUE, kind="equation")
def _sec3_peak_valley(ctx: Context) -> Outcome:
    valleys = _norms_at_semidefinite(+1, ctx, "002-sec3-peak-or-valley-norms")
    peaks = _norms_at_semidefinite(-1, ctx, "002-sec3-peak-or-valley-norms")
    u, v = sp.symbols("u v", real=True)
    Hpeak = sp.diag(-1, -2)
    graph_peak = _graph_S_at(_quadratic(Hpeak, (u, v)), (u, v), (0, 0))
    norms_peak = _nuclear_norm(Hpeak) ** 2 - _frobenius_sq(Hpeak)
    ok = all(r["equal"] for r in valleys + peaks) and graph_peak == norms_peak
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at a peak H <= 0 and ||H||_*^2 = (-tr H)^2 = (tr H)^2; at a valley H >= 0: both give Eq. (5); saddles excluded",
        correction=None if ok else r"$S=(\mathrm{tr}H)^2-\mathrm{tr}(H^2)$",
        evidence={"valleys": valleys, "peaks": peaks, "graph_peak_-u^2/2-v^2": {"S": str(graph_peak), "norms": str(norms_peak)}},
        latex=(r"At a local extremum $H$ is semidefinite ($\succeq0$ at a valley, $\preceq0$ at a peak), so "
               r"$\|H\|_*=\sum_i|\lambda_i|=|\mathrm{tr}H|$ and $\|H\|_*^2=(\mathrm{tr}H)^2$; $\|H\|_F^2=\mathrm{tr}(H^2)$ always. "
               r"Checked exactly on seeded rational $\pm Q\,\mathrm{diag}(\lambda)Q^\top$, $\lambda\ge0$ and on the peak $-\tfrac12u^2-v^2$ "
               r"($S=4=\|H\|_*^2-\|H\|_F^2=9-5$). At a saddle it fails (see the previous claim), which the sentence excludes."),
        rule=None if ok else 'counterexample',
    )


def _cited(reason: str, needed: str) -> Outcome:
    return Outcome(Verdict.NOT_CHECKABLE, reason, evidence={"needed": needed}, rule="empirical",
                   latex=tex_text(f"Not checkable here: {needed}."))


def tex_text(text: str) -> str:
    """Plain text made safe for LaTeX (used for prose assembled at run time)."""
    from ..report import tex_escape

    return tex_escape(text)


@add("002-sec3.1-wei-schwab", location="Sec. 3.1, paragraph 1",
     quote=r"""Wei and Schwab (2019) revealed that stochastic gradient descent (SGD) reduces the trace of the loss function’s Hessian in the context of over-parameterized networks.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _wei(ctx: Context) -> Outcome:
    return _cited("an empirical/theoretical result of a cited paper about trained over-parameterized networks",
                  "the cited paper's setting (noise model, network class) and training runs to measure tr H along SGD")


@add("002-sec3.1-orvieto-anticorrelated", location="Sec. 3.1, paragraph 1",
     quote=r"""discovered that SGD with anti-correlated perturbations enhances generalization due to the induced noise reducing the Hessian’s trace.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _orvieto1(ctx: Context) -> Outcome:
    return _cited("a generalization result of a cited paper (Anti-PGD), empirical for deep nets",
                  "the cited paper's experiments (trained networks, test error) to relate generalization to tr H")


@add("002-sec3.1-orvieto-upper-limit", location="Sec. 3.1, paragraph 1",
     quote=r"""They also identified that the trace serves as an upper limit on the mean loss over a posterior distribution.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _orvieto2(ctx: Context) -> Outcome:
    # f(x) = x² + x⁴ at its minimum 0, posterior N(0, σ²): E f = σ² + 3σ⁴, tr H = 2.
    x, z = sp.symbols("x z", real=True)
    sig = sp.symbols("sigma", positive=True)
    f = x**2 + x**4
    H = sp.diff(f, x, 2).subs(x, 0)
    dens = sp.exp(-z**2 / (2 * sig**2)) / sp.sqrt(2 * sp.pi * sig**2)
    Ef = sp.simplify(sp.integrate(f.subs(x, z) * dens, (z, -sp.oo, sp.oo)))
    gap = sp.simplify(Ef - (f.subs(x, 0) + sig**2 / 2 * H))
    second_order = sp.simplify(sp.limit(gap / sig**2, sig, 0)) == 0
    bound_fails = sp.simplify(gap - 3 * sig**4) == 0  # > 0 for every σ > 0
    # the quadratic case: equality
    fq = x**2
    Efq = sp.simplify(sp.integrate(fq.subs(x, z) * dens, (z, -sp.oo, sp.oo)))
    quad_equal = sp.simplify(Efq - sig**2 / 2 * 2) == 0
    ambiguous = second_order and bound_fails and quad_equal
    return Outcome(
        Verdict.AMBIGUOUS if ambiguous else Verdict.TRUE,
        "E_N(x*,s^2 I)[f] = f(x*) + s^2/2 tr H + O(s^4) is an equality to second order, not an upper bound (f = x^2 + x^4 exceeds it)",
        evidence={"f": str(f), "E_f": str(Ef), "f(0)+sigma^2/2 trH": str(sig**2 / 2 * H), "gap": str(gap),
                  "quadratic_equality": quad_equal},
        latex=(r"(a) Reading `$\mathbb E_{\theta\sim\mathcal N(x^*,\sigma^2I)}[f(\theta)]\le f(x^*)+\tfrac{\sigma^2}{2}\mathrm{tr}H$ for every smooth $f$': "
               r"false, for $f=x^2+x^4$ at $x^*=0$, $\mathbb E f=\sigma^2+3\sigma^4>\sigma^2=\tfrac{\sigma^2}{2}\mathrm{tr}H$ for every $\sigma>0$ (exact Gaussian moments). "
               r"(b) Reading `to second order in $\sigma$': $\mathbb E f-f(x^*)=\tfrac{\sigma^2}{2}\mathrm{tr}H+O(\sigma^4)$, an equality, "
               r"hence an upper bound only up to $O(\sigma^4)$; exact for quadratic $f$. The cited statement is not precise enough to decide."),
        rule='readings' if ambiguous else None,
    )


@add("002-sec3.1-ju", location="Sec. 3.1, paragraph 1",
     quote=r"""Furthermore, within Graphical Neural Networks, Ju et al. (2023) demonstrated that the trace of the Hessian can evaluate the model’s resilience to noise.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _ju(ctx: Context) -> Outcome:
    return _cited("a result of a cited paper on graph neural networks (PAC-Bayes bounds and experiments)",
                  "the cited paper's bound statement and its trained graph neural networks")


@add("002-sec3.1-saddle-trace", location="Sec. 3.1, 'The saddle point problem'",
     quote=r"""For instance, if half of the eigenvalues are positive and the other half are negative, with their sum equaling zero, the trace of the Hessian will also be zero. This is misleading as it suggests a flat region, when in reality it is a saddle point.""",
     expected=Verdict.TRUE, kind="verbal")
def _saddle(ctx: Context) -> Outcome:
    u, v, w1, w2 = sp.symbols("u v w1 w2", real=True)
    cases = {}
    ok = True
    for name, lams, xs in (("q=2", (1, -1), (u, v)), ("q=4", (3, 1, -2, -2), (u, v, w1, w2))):
        H = sp.diag(*lams)
        f = _quadratic(H, xs)
        S = _graph_S_at(f, xs, (0,) * len(xs))
        indefinite = not H.is_positive_semidefinite and not H.is_negative_semidefinite
        cases[name] = {"eigenvalues": list(lams), "trace": str(H.trace()), "S": str(S), "saddle": indefinite}
        ok &= H.trace() == 0 and indefinite and S == -(H * H).trace() and S < 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "trace = sum of eigenvalues = 0, yet the critical point is a saddle (indefinite H) with S = -tr(H^2) < 0",
        correction=None if ok else "trace zero does not imply a saddle",
        evidence=cases,
        latex=(r"$\mathrm{tr}H=\sum\lambda_i=0$; an indefinite Hessian at a critical point is a saddle (second-derivative test), "
               r"and there $S=(\mathrm{tr}H)^2-\mathrm{tr}H^2=-\sum\lambda_i^2<0$, which distinguishes it from a flat region ($S=0$, $H=0$). "
               r"Graphs of $\tfrac12(u^2-v^2)$ and of $\tfrac12(3u^2+v^2-2w_1^2-2w_2^2)$: trace $0$, $S=-2$ and $S=-18$."),
        rule=None if ok else 'counterexample',
    )


def _example_setup():
    u, v = sp.symbols("u v", real=True)
    c = sp.symbols("c", positive=True)
    f = sp.exp(-c * u) * sp.sin(u) * sp.sin(v)
    return u, v, c, f


def _trig_identity_zero(expr, u, v, c) -> bool:
    """Exact: ``expr`` (in exp(c u), sin, cos of u, v) vanishes identically.

    Double angles are expanded, ``sin u, cos u, sin v, cos v, exp(c u)`` become symbols and the
    numerator is reduced modulo ``su²+cu²−1, sv²+cv²−1`` (a Gröbner basis: coprime leading terms).
    """
    su, cu, sv, cv, E = sp.symbols("su cu sv cv E")
    e = sp.expand_trig(expr)
    e = e.subs({sp.exp(c * u): E}).subs({sp.sin(u): su, sp.cos(u): cu, sp.sin(v): sv, sp.cos(v): cv})
    if e.has(u) or e.has(v):
        raise ValueError(f"could not make {expr} algebraic")
    num = sp.expand(sp.numer(sp.together(e)))
    _, rem = sp.reduced(num, [su**2 + cu**2 - 1, sv**2 + cv**2 - 1], su, sv, cu, cv, E, c)
    return sp.expand(rem) == 0


@add("002-ex3.1-limit-flatter", location="Sec. 3.1, Example 3.1",
     quote=r"""We notably have $\lim_{u \rightarrow \infty} f(u, v) = 0$, and so the surface tends to be flatter with u increasing.""",
     expected=Verdict.TRUE, kind="example")
def _ex31_limit(ctx: Context) -> Outcome:
    u, v, c, f = _example_setup()
    # |f| <= e^{-cu}; every derivative is e^{-cu} times a trigonometric polynomial with bounded
    # coefficients, so |H_ij| <= C e^{-cu} and |S| <= 2|det H| <= C' e^{-2cu}
    H = sp.hessian(f, (u, v))
    bounds = [sp.expand(sp.simplify(H[i, j] * sp.exp(c * u))) for i in range(2) for j in range(2)]
    bounded = all(not b.has(sp.exp) for b in bounds)
    lim_env = sp.limit(sp.exp(-c * u), u, sp.oo) == 0
    lim_S_env = sp.limit(sp.exp(-2 * c * u) * (c + 1) ** 2 * 4, u, sp.oo) == 0
    ok = bounded and lim_env and lim_S_env
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "|f| <= e^{-cu}, every Hessian entry is e^{-cu} times a bounded trigonometric polynomial, so f, H and S all tend to 0",
        correction=None if ok else "f does not flatten",
        evidence={"e^{cu} H": [str(b) for b in bounds]},
        latex=(r"$|f|\le e^{-cu}\to0$ ($c>0$). Each entry of $e^{cu}H$ is a trigonometric polynomial in $u,v$ with coefficients "
               r"polynomial in $c$ (computed), hence bounded, so $|\mathrm{tr}H|,\|H\|=O(e^{-cu})$ and, in dimension 2, "
               r"$|S|=2|\det H|\beta^2=O(e^{-2cu})$: the graph becomes flat as $u\to\infty$ (not monotonically: $f$ oscillates)."),
        rule=None if ok else 'counterexample',
    )


@add("002-ex3.1-trace", location="Sec. 3.1, Example 3.1, first displayed line",
     quote=r"""\text{tr}(\mathbf{H})(\mathbf{x}) &= e^{-cu} (-2u \cos(u) + (c^2 - 2) \sin(u)) \sin(v)""",
     expected=Verdict.TYPO, kind="example")
def _ex31_trace(ctx: Context) -> Outcome:
    u, v, c, f = _example_setup()
    tr = sp.diff(f, u, 2) + sp.diff(f, v, 2)
    printed = sp.exp(-c * u) * (-2 * u * sp.cos(u) + (c**2 - 2) * sp.sin(u)) * sp.sin(v)
    fixed = sp.exp(-c * u) * (-2 * c * sp.cos(u) + (c**2 - 2) * sp.sin(u)) * sp.sin(v)
    fixed_ok = sp.simplify(tr - fixed) == 0
    pt = {u: sp.pi, v: sp.pi / 2, c: 1}
    val_true, val_printed = sp.simplify(tr.subs(pt)), sp.simplify(printed.subs(pt))
    typo = fixed_ok and val_true != val_printed
    return Outcome(
        Verdict.TYPO if typo else (Verdict.TRUE if sp.simplify(tr - printed) == 0 else Verdict.FALSE),
        "-2u cos(u) must be -2c cos(u): f_uu + f_vv = e^{-cu}(-2c cos u + (c^2-2) sin u) sin v",
        rule="symbol" if typo else "counterexample",
        correction=r"$\mathrm{tr}(H)=e^{-cu}(-2c\cos u+(c^2-2)\sin u)\sin v$",
        evidence={"derived": str(sp.factor(sp.simplify(tr))), "at (u,v,c)=(pi,pi/2,1)": {"derived": str(val_true), "printed": str(val_printed)}},
        latex=(r"$f_u=e^{-cu}(\cos u-c\sin u)\sin v$, $f_{uu}=e^{-cu}(-2c\cos u+(c^2-1)\sin u)\sin v$, $f_{vv}=-f$, so "
               r"$\mathrm{tr}H=e^{-cu}(-2c\cos u+(c^2-2)\sin u)\sin v$ (exact). At $(u,v,c)=(\pi,\tfrac\pi2,1)$ this is "
               f"${sp.latex(val_true)}$ while the printed formula gives ${sp.latex(val_printed)}$."),
    )


@add("002-ex3.1-scalar", location="Sec. 3.1, Example 3.1, second displayed line",
     quote=r"""\mathbf{S}(\mathbf{x}) &= \frac{(c^2 - 1) \cos(2u) - \cos(2v) - c(c - 2 \sin(2u))}{e^{2cu} + \cos(v) \sin(u)^2 + (\cos(u) - c \sin(u)) \sin(v)^2}""",
     expected=Verdict.FALSE, kind="example")
def _ex31_scalar(ctx: Context) -> Outcome:
    u, v, c, f = _example_setup()
    S = GraphMetric(f, (u, v), params=(c,)).scalar_curvature()
    N = (c**2 - 1) * sp.cos(2 * u) - sp.cos(2 * v) - c * (c - 2 * sp.sin(2 * u))
    printed = N / (sp.exp(2 * c * u) + sp.cos(v) * sp.sin(u) ** 2 + (sp.cos(u) - c * sp.sin(u)) * sp.sin(v) ** 2)
    D = sp.exp(2 * c * u) + sp.cos(v) ** 2 * sp.sin(u) ** 2 + (sp.cos(u) - c * sp.sin(u)) ** 2 * sp.sin(v) ** 2
    corrected = sp.exp(2 * c * u) * N / D**2
    corrected_ok = _trig_identity_zero(S - corrected, u, v, c)
    pt = {u: sp.pi / 2, v: sp.pi / 2, c: 2}
    val_true, val_printed = sp.simplify(S.subs(pt)), sp.simplify(printed.subs(pt))
    differs = sp.N(val_true - val_printed, 30) != 0
    false = corrected_ok and differs
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "numerator right, but the denominator must be squared (with squared cos v and (cos u - c sin u)) and a factor e^{2cu} is missing",
        correction=(r"$S=\dfrac{e^{2cu}\,[(c^2-1)\cos2u-\cos2v-c(c-2\sin2u)]}{\big(e^{2cu}+\cos^2v\sin^2u+(\cos u-c\sin u)^2\sin^2v\big)^2}$"),
        evidence={"at (u,v,c)=(pi/2,pi/2,2)": {"derived": str(val_true), "printed": str(val_printed),
                                              "derived_float": str(sp.N(val_true, 15)), "printed_float": str(sp.N(val_printed, 15))},
                  "corrected_formula_exact": corrected_ok},
        latex=(r"In dimension 2, $S=2\det H\,\beta^2$ with $e^{2cu}\det H=\tfrac12[(c^2-1)\cos2u-\cos2v-c(c-2\sin2u)]$ and "
               r"$e^{2cu}|\nabla f|^2=\sin^2u\cos^2v+(\cos u-c\sin u)^2\sin^2v$. The corrected formula equals the graph's scalar curvature "
               r"exactly (trigonometric identity decided by reduction modulo $\sin^2+\cos^2-1$). "
               r"At $(u,v,c)=(\tfrac\pi2,\tfrac\pi2,2)$: $S=" + sp.latex(val_true) + r"$ but the printed formula gives $"
               + sp.latex(val_printed) + r"$. The printed denominator misses three squares and the factor $e^{2cu}$."),
        rule='counterexample' if false else None,
    )


def _minibatch_example():
    """Per-sample losses ℓ_d(x) = a_d x²/2 (a = 1, 2, 3, 6), x ∈ R: exact batch Hessians."""
    x = sp.symbols("x", real=True)
    a = [sp.Integer(1), sp.Integer(2), sp.Integer(3), sp.Integer(6)]
    losses = [ai * x**2 / 2 for ai in a]

    def hess(batch, mean=True):
        L = sum(losses[i] for i in batch)
        if mean:
            L = L / len(batch)
        return sp.diff(L, x, 2)

    return hess


def _minibatch_outcome(verdict_if_ok: Verdict) -> Outcome:
    hess = _minibatch_example()
    D = [0, 1, 2, 3]
    equal = ([0, 1], [2, 3])
    unequal = ([0], [1, 2, 3])
    HD = hess(D)
    eq_mean = sp.Rational(1, 2) * (hess(equal[0]) + hess(equal[1]))
    uneq_mean = sp.Rational(1, 2) * (hess(unequal[0]) + hess(unequal[1]))
    uneq_weighted = sp.Rational(1, 4) * hess(unequal[0]) + sp.Rational(3, 4) * hess(unequal[1])
    HD_sum = hess(D, mean=False)
    sum_of_sums = hess(equal[0], mean=False) + hess(equal[1], mean=False)
    ok = HD == eq_mean and HD != uneq_mean and HD == uneq_weighted and HD_sum == sum_of_sums and HD_sum != eq_mean
    ev = {"H_D (mean loss)": str(HD), "equal batches, (1/k) sum H_B": str(eq_mean),
          "unequal batches (1|3), (1/k) sum H_B": str(uneq_mean), "unequal, size-weighted": str(uneq_weighted),
          "H_D (sum loss)": str(HD_sum), "sum loss, sum of batch Hessians": str(sum_of_sums)}
    if not ok:
        return Outcome(Verdict.FALSE, "the mini-batch Hessian relation fails", correction="H_D = sum_i (|B_i|/|D|) H_Bi", evidence=ev,
                       rule="counterexample")
    conv = ("per-sample-averaged losses and k batches of equal size give H_D = (1/k) sum_i H_Bi (here 3 = (1+5)/2); "
            "with unequal sizes H_D = sum_i (|B_i|/|D|) H_Bi (3 = 1/4 + 3/4*11/3, not (1 + 11/3)/2 = 7/3); "
            "with summed losses H_D = sum_i H_Bi (12, not 6)")
    return Outcome(
        verdict_if_ok, "linearity gives the mean only for mean losses over equal-size batches; otherwise a size-weighted mean or a sum",
        convention=conv if verdict_if_ok is Verdict.TRUE_UNDER_CONVENTION else None,
        rule="normalisation" if verdict_if_ok is Verdict.TRUE_UNDER_CONVENTION else None,
        evidence=ev,
        latex=(r"Data $\ell_d(x)=\tfrac{a_d}{2}x^2$, $a=(1,2,3,6)$, $L_B=\tfrac1{|B|}\sum_{d\in B}\ell_d$. "
               r"Equal batches $\{1,2\},\{3,4\}$: $H_D=3=\tfrac12(\tfrac32+\tfrac92)$, true. Unequal batches $\{1\},\{2,3,4\}$: "
               r"$\tfrac12(1+\tfrac{11}{3})=\tfrac73\ne3=\tfrac14\cdot1+\tfrac34\cdot\tfrac{11}3$. Summed losses: "
               r"$H_D=12=\sum_iH_{B_i}$, not the mean $6$."),
    )


@add("002-sec3.1-minibatch-mean", location="Sec. 3.1, 'The expected flatness over mini-batches'",
     quote=r"""By linearity, the Hessian of the loss function over the entire dataset can be written as the mean of the Hessian of mini-batches i.e.:

$$\mathbf{H}_{\mathcal{D}} = \frac{1}{k} \sum_i \mathbf{H}_{\mathcal{B}_i}$$""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="equation")
def _minibatch_mean(ctx: Context) -> Outcome:
    return _minibatch_outcome(Verdict.TRUE_UNDER_CONVENTION)


@add("002-sec3.1-trace-chain", location="Sec. 3.1, after Fig. 3",
     quote=r"""As a consequence, since the trace commutes with a summation, we have: $\text{tr}(\mathbf{H}_{\mathcal{D}}) = \text{tr}(\frac{1}{k} \sum_i \mathbf{H}_{\mathcal{B}_i}) = \frac{1}{k} \sum_i \text{tr}(\mathbf{H}_{\mathcal{B}_i}) = \mathbb{E}[\text{tr}(\mathbf{H}_{\mathcal{B}_i})]$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _trace_chain(ctx: Context) -> Outcome:
    k = 3
    Hs = [sp.Matrix(2, 2, sp.symbols(f"h{b}_1:5")) for b in range(k)]
    HD = sum(Hs, sp.zeros(2, 2)) / k
    ok = sp.expand(HD.trace() - sum(H.trace() for H in Hs) / k) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the trace is linear: tr((1/k) sum H_Bi) = (1/k) sum tr(H_Bi), the mean over a uniformly drawn batch (given the previous line)",
        correction=None if ok else r"$\mathrm{tr}$ is linear",
        evidence={"symbolic_identity_k=3_2x2": ok},
        latex=(r"Given $H_D=\tfrac1k\sum_iH_{B_i}$ (previous claim, with its convention), linearity of the trace gives the chain, "
               r"with $\mathbb E$ the uniform average over the $k$ batches (checked symbolically for $k=3$ generic $2\times2$ matrices)."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.1-trace-is-expectation-wording", location="Sec. 3.1, sentence before Eq. (6)",
     quote=r"""The trace of the Hessian of the loss function over the entire dataset is the expectation of the Hessian over""",
     expected=Verdict.TYPO, kind="verbal")
def _trace_wording(ctx: Context) -> Outcome:
    H1, H2 = sp.Matrix([[1, 2], [2, 3]]), sp.Matrix([[3, 0], [0, -1]])
    HD = (H1 + H2) / 2
    mean_trace = (H1.trace() + H2.trace()) / 2
    typo = HD.trace() == mean_trace and HD.shape == (2, 2)
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "a scalar cannot equal the (matrix) expectation of the Hessian: it is the expectation of the trace, as Eq. (6) states",
        correction=r"The trace of the Hessian over the dataset is the expectation of the \emph{trace} of the mini-batch Hessians.",
        evidence={"H_D": str(HD.tolist()), "tr_H_D": str(HD.trace()), "mean_of_traces": str(mean_trace)},
        latex=(r"$\mathbb E[H_{B_i}]=H_D$ is a matrix (here $\begin{pmatrix}2&1\\1&1\end{pmatrix}$); the scalar $\mathrm{tr}H_D=3$ equals "
               r"$\mathbb E[\mathrm{tr}H_{B_i}]=\tfrac12(4+2)$, which is what Eq.~(6) says."),
        rule='wording' if typo else 'counterexample',
    )


@add("002-eq6-trace-expectation", location="Sec. 3.1, Eq. (6)",
     quote=r"$$\text{tr}(\mathbf{H}_{\mathcal{D}}) = \mathbb{E}[\text{tr}(\mathbf{H}_{\mathcal{B}_i})] \quad (6)$$",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="equation")
def _eq6(ctx: Context) -> Outcome:
    return _minibatch_outcome(Verdict.TRUE_UNDER_CONVENTION)


@add("002-fig3-flat-over-dataset", location="Sec. 3.1, paragraph before Eq. (6) and Fig. 3 caption",
     quote=r"""In Figure 3, the dataset is split in such a way that the trace of the Hessian is null for each batch, which means that the curve is considered as flat over the entire dataset.""",
     expected=Verdict.TRUE, kind="verbal")
def _fig3(ctx: Context) -> Outcome:
    # the implication, with two non-zero traceless batch Hessians
    H1, H2 = sp.Matrix([[1, 2], [2, -1]]), sp.Matrix([[-3, 0], [0, 3]])
    HD = (H1 + H2) / 2
    ok = H1.trace() == 0 and H2.trace() == 0 and HD.trace() == 0 and HD != sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "by Eq. (6), traceless batch Hessians give a traceless full Hessian even when no Hessian is zero; the figure's data are not given",
        correction=None if ok else "tr(H_D) = mean tr(H_Bi)",
        evidence={"H_B1": str(H1.tolist()), "H_B2": str(H2.tolist()), "H_D": str(HD.tolist()), "tr_H_D": str(HD.trace())},
        latex=(r"The implication $\mathrm{tr}H_{B_i}=0\ \forall i\Rightarrow\mathrm{tr}H_D=0$ follows from Eq.~(6); e.g.\ "
               r"$H_{B_1}=\begin{pmatrix}1&2\\2&-1\end{pmatrix}$, $H_{B_2}=\mathrm{diag}(-3,3)$ give $H_D=\begin{pmatrix}-1&1\\1&1\end{pmatrix}\neq0$ "
               r"with trace $0$. The data and model of Fig.~3 (a sine fit split in 7 batches) are not given, so the split itself is not checkable."),
        rule=None if ok else 'counterexample',
    )


@add("002-prop3.1-minibatch-scalar", location="Sec. 3.1, Proposition 3.1",
     quote=r"""The scalar curvature of the hessian of the full dataset is not equal to the expectation of the Scalar curvature over mini-batches. That is there exists a dataset, \mathcal{D} , and mini-batches, $\{\mathcal{B}_1, \mathcal{B}_2, \dots, \mathcal{B}_k\}$ such that:""",
     expected=Verdict.TRUE, kind="proposition")
def _prop31(ctx: Context) -> Outcome:
    return _minibatch_S_outcome()


@add("002-sec3.2-seong", location="Sec. 3.2, 'Perturbations on the weights'",
     quote=r"""Seong et al. (2018) showed that the robustness of the loss function to inputs perturbations is related to the Hessian.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _seong(ctx: Context) -> Outcome:
    return _cited("a result of a cited paper on input perturbations of trained networks",
                  "the cited paper's statement and its trained models")


@add("002-sec3.2-upper-bounded-by-norm", location="Sec. 3.2, 'Perturbations on the weights'",
     quote=r"""We similarly show that the resilience of the loss function to weights perturbations is upper bounded by the norm of the Hessian.""",
     expected=Verdict.TRUE, kind="verbal")
def _upper_bounded(ctx: Context) -> Outcome:
    ok, ev = _quartic_bound_check(ctx, "002-sec3.2-upper-bounded-by-norm")
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "to leading order in eps the squared loss change is eps^4/4 (x^T H x)^2 <= eps^4/4 ||H||_F^2 (the remainder is discussed under Eq. (7))",
        correction=None if ok else r"$(x^\top Hx)^2\le\|H\|_F^2$",
        evidence=ev,
        latex=(r"Reading: to leading order in the perturbation size (as in the proof of Prop.~3.2), "
               r"$(f(x_{\min}+\varepsilon x)-f(x_{\min}))^2=\tfrac{\varepsilon^4}{4}(x^\top Hx)^2+O(\varepsilon^5)$ and "
               r"$(x^\top Hx)^2\le\|H\|_2^2\le\|H\|_F^2=\mathrm{tr}H^2$ for $\|x\|=1$ (exact checks on seeded rational data). "
               r"Without the leading-order qualifier it fails, see Eq.~(7)."),
        rule=None if ok else 'counterexample',
    )


def _rank_one_counterexample():
    """H1 = diag(10, 0) (S = 0) vs H2 = I (S = 2) at minima of quadratic losses, exact."""
    u, v = sp.symbols("u v", real=True)
    eps = sp.symbols("epsilon", positive=True)
    H1, H2 = sp.diag(10, 0), sp.eye(2)
    f1, f2 = _quadratic(H1, (u, v)), _quadratic(H2, (u, v))
    S1, S2 = _graph_S_at(f1, (u, v), (0, 0)), _graph_S_at(f2, (u, v), (0, 0))
    d1 = sp.expand((f1.subs({u: eps, v: 0}) - f1.subs({u: 0, v: 0})) ** 2)
    d2 = sp.expand((f2.subs({u: eps, v: 0}) - f2.subs({u: 0, v: 0})) ** 2)
    return {"H1": H1, "H2": H2, "S1": S1, "S2": S2, "d1": d1, "d2": d2,
            "trH2": ((H1 * H1).trace(), (H2 * H2).trace())}


@add("002-sec3.2-smaller-S-robust", location="Sec. 3.2, 'Perturbations on the weights'",
     quote=r"""Additionally, a smaller scalar curvature implies stronger robustness.""",
     expected=Verdict.FALSE, kind="verbal")
def _smaller_S(ctx: Context) -> Outcome:
    c = _rank_one_counterexample()
    false = 0 <= c["S1"] < c["S2"] and sp.simplify(c["d1"] - c["d2"]) != 0 and sp.simplify(c["d1"] / c["d2"]) == 100
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "S = 0 for every rank-one Hessian: H = diag(10,0) (S = 0) is 100 times less robust along e1 than H = I (S = 2)",
        correction=(r"Robustness to weight perturbations is governed (to leading order) by $(x^\top Hx)^2\le\mathrm{tr}(H^2)$, "
                    r"which $S=(\mathrm{tr}H)^2-\mathrm{tr}H^2$ does not bound."),
        evidence={"S": [str(c["S1"]), str(c["S2"])], "tr_H2": [str(t) for t in c["trH2"]],
                  "squared_change_along_e1": [str(c["d1"]), str(c["d2"])]},
        latex=(r"Losses $f_1=5u^2$ ($H_1=\mathrm{diag}(10,0)$) and $f_2=\tfrac12(u^2+v^2)$ ($H_2=I$), both minimised at $0$. "
               r"From the graph metric $S_1=0<S_2=2$, but the perturbation $\varepsilon e_1$ gives "
               r"$(f_1(\varepsilon e_1)-f_1(0))^2=25\varepsilon^4$ and $(f_2(\varepsilon e_1)-f_2(0))^2=\varepsilon^4/4$ (exact, every $\varepsilon$)."),
        rule='counterexample' if false else None,
    )


@add("002-eq7-perturbation-bound", location="Sec. 3.2, Proposition 3.2, Eq. (7)",
     quote=r"$$\|f(\mathbf{x}_{\min} + \varepsilon\mathbf{x}) - f(\mathbf{x}_{\min})\|_2^2 \leq \frac{1}{4}\varepsilon^4 \text{tr}(\mathbf{H}_{\min}^2) \quad (7)$$",
     expected=Verdict.TYPO, kind="proposition")
def _eq7(ctx: Context) -> Outcome:
    return _eq7_outcome(ctx, "002-eq7-perturbation-bound")


@add("002-eq8-scalar-orders-trace", location="Sec. 3.2, Eq. (8)",
     quote=r"$$0 \leq S(\mathbf{x}_1) \leq S(\mathbf{x}_2) \iff 0 \leq \text{tr}(\mathbf{H}_1)^2 - \text{tr}(\mathbf{H}_1^2) \leq \text{tr}(\mathbf{H}_2)^2 - \text{tr}(\mathbf{H}_2^2) \Rightarrow \text{tr}(\mathbf{H}_1^2) \leq \text{tr}(\mathbf{H}_2^2). \quad (8)$$",
     expected=Verdict.FALSE, kind="equation")
def _eq8(ctx: Context) -> Outcome:
    c = _rank_one_counterexample()
    # the ⟺ part: at minima S = (tr H)² − tr H² (Eq. (5)) — the graph values agree
    iff_ok = c["S1"] == _crit_S(c["H1"]) and c["S2"] == _crit_S(c["H2"])
    implication_fails = 0 <= c["S1"] <= c["S2"] and c["trH2"][0] > c["trH2"][1]
    return Outcome(
        Verdict.FALSE if (iff_ok and implication_fails) else Verdict.TRUE,
        "the equivalence holds (Eq. (5) at minima), the implication does not: H1 = diag(10,0), H2 = I give 0 <= 0 <= 2 but tr H1^2 = 100 > 2",
        correction=(r"$0\le S(x_1)\le S(x_2)\iff0\le(\mathrm{tr}H_1)^2-\mathrm{tr}H_1^2\le(\mathrm{tr}H_2)^2-\mathrm{tr}H_2^2$; "
                    r"no inequality between $\mathrm{tr}H_1^2$ and $\mathrm{tr}H_2^2$ follows."),
        evidence={"S": [str(c["S1"]), str(c["S2"])], "tr_H2": [str(t) for t in c["trH2"]], "iff_part_ok": iff_ok},
        latex=(r"The equivalence is Eq.~(5) at the two minima (checked: graph $S$ equals $(\mathrm{tr}H)^2-\mathrm{tr}H^2$). "
               r"The implication is false: $H_1=\mathrm{diag}(10,0)$, $H_2=I$ are Hessians of minima with $S_1=0\le S_2=2$ but "
               r"$\mathrm{tr}H_1^2=100>2=\mathrm{tr}H_2^2$. ($S=2\sigma_2(\lambda)$ vanishes on every rank-one $H$.)"),
        rule='counterexample' if iff_ok and implication_fails else None,
    )


@add("002-sec3.2-flatter-more-robust", location="Sec. 3.2, display after Eq. (8)",
     quote=r"""A flatter minima $S(\mathbf{x}_1) \leq S(\mathbf{x}_2)$ leads to more robustness of the loss function to weights perturbations:

$$\|f(\mathbf{x}_1 + \varepsilon\mathbf{x}) - f(\mathbf{x}_1)\|_2^2 \leq \|f(\mathbf{x}_2 + \varepsilon\mathbf{x}) - f(\mathbf{x}_2)\|_2^2.$$""",
     expected=Verdict.FALSE, kind="proposition")
def _flatter_robust(ctx: Context) -> Outcome:
    c = _rank_one_counterexample()
    false = c["S1"] <= c["S2"] and bool(sp.simplify(c["d1"] - c["d2"]) > 0)
    # even tr H1² <= tr H2² (the intermediate conclusion of (8)) does not give it for every direction x
    Ha, Hb = sp.diag(1, 0), sp.diag(sp.Rational(9, 10), sp.Rational(9, 10))
    side = {"H1": str(Ha.tolist()), "H2": str(Hb.tolist()), "S": [str(_crit_S(Ha)), str(_crit_S(Hb))],
            "tr_H2": [str((Ha * Ha).trace()), str((Hb * Hb).trace())],
            "(x^T H x)^2 at x=e1": [str(Ha[0, 0] ** 2), str(Hb[0, 0] ** 2)]}
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "S(x1) = 0 <= S(x2) = 2 with H1 = diag(10,0), H2 = I, yet along e1 the loss changes by 25 eps^4 vs eps^4/4",
        correction=(r"No ordering of the perturbations follows from $S(x_1)\le S(x_2)$; to leading order "
                    r"$\|f(x_i+\varepsilon x)-f(x_i)\|^2=\tfrac{\varepsilon^4}{4}(x^\top H_ix)^2$, ordered for every direction $x$ iff $H_1\preceq H_2$ (Loewner order of the positive semidefinite Hessians)."),
        evidence={"S": [str(c["S1"]), str(c["S2"])], "squared_change_along_e1": [str(c["d1"]), str(c["d2"])],
                  "even_with_trH2_ordered": side},
        latex=(r"Exact quadratic losses $f_1=5u^2$, $f_2=\tfrac12(u^2+v^2)$ (minima at $0$): $S_1=0\le S_2=2$ but "
               r"$25\varepsilon^4>\varepsilon^4/4$ along $x=e_1$, for every $\varepsilon$. Even adding the (invalid) conclusion of Eq.~(8), "
               r"$\mathrm{tr}H_1^2\le\mathrm{tr}H_2^2$, does not help: $H_1=\mathrm{diag}(1,0)$ ($S=0$, $\mathrm{tr}H^2=1$), "
               r"$H_2=\tfrac9{10}I$ ($S=\tfrac{81}{50}$, $\mathrm{tr}H^2=\tfrac{81}{50}$) give $1>\tfrac{81}{100}$ along $e_1$."),
        rule='counterexample' if false else None,
    )


@add("002-fig4-noise-level", location="Sec. 3.2 text and Fig. 4 caption",
     quote=r"""In Figure 4, we consider $\varepsilon \sim \mathcal{N}(0, 0.01)$ to be a small perturbation""",
     expected=Verdict.TRUE, kind="numeric")
def _fig4_noise(ctx: Context) -> Outcome:
    text_var = sp.Rational(1, 100)
    caption_var = sp.Rational(1, 10) ** 2
    ok = text_var == caption_var
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "N(0, 0.01) in the text and N(0, 0.1^2) in the caption agree when the second argument is the variance (0.1^2 = 0.01)",
        correction=None if ok else r"$\mathcal N(0,0.1^2)$",
        evidence={"text_variance": str(text_var), "caption_variance": str(caption_var)},
        latex=(r"With the usual $\mathcal N(\mu,\sigma^2)$ notation both give standard deviation $0.1$ ($0.1^2=\tfrac1{100}$). "
               r"Note: Fig.~4 perturbs each weight independently, so the perturbation vector has norm about $0.1\sqrt q$, not the "
               r"$\varepsilon\ll1$ of Prop.~3.2 with a unit direction."),
        rule=None if ok else 'counterexample',
    )


@add("002-fig4-caption-empirical", location="Fig. 4 caption",
     quote=r"""As expected the model on the left with scalar curvature ≈ 430 is more robust to perturbations compared to the right model with scalar curvature ≈ 610 .""",
     expected=Verdict.NOT_CHECKABLE, kind="numeric")
def _fig4_caption(ctx: Context) -> Outcome:
    return _cited("the two trained deep nets, their Hessians (S ~ 430, 610) and the perturbation runs are not available",
                  "the authors' two trained networks and data, to compute their Hessians at the learned weights (S and tr H^2) "
                  "and repeat the N(0, 0.1^2) weight perturbations; note 'as expected' is not implied by Prop. 3.2 "
                  "(see 002-sec3.2-smaller-S-robust)")


@add("002-sec3.2-fig4-variance-law", location="Sec. 3.2, paragraph after the display following Eq. (8)",
     quote=r"""When the scalar curvature is smaller, the variance across the perturbations at the minimum is smaller and the perturbations are more centered around the original loss function.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _fig4_var(ctx: Context) -> Outcome:
    sig = sp.symbols("sigma", positive=True)
    c = _rank_one_counterexample()
    var = [sig**4 / 2 * (H * H).trace() for H in (c["H1"], c["H2"])]
    mean = [sig**2 / 2 * H.trace() for H in (c["H1"], c["H2"])]
    # Monte Carlo cross-check of the variance formula Var(z^T H z / 2) = σ⁴/2 tr(H²) at σ = 1, H = diag(10, 0)
    mc = monte_carlo(lambda rng, k: (5 * rng.standard_normal(k) ** 2 - 5) ** 2, 20_000 * (5 if ctx.thorough else 1),
                     claim_id="002-sec3.2-fig4-variance-law", seed=ctx.seed)
    lo, hi = mc.interval()
    law_false = c["S1"] < c["S2"] and bool(var[0] > var[1]) and lo <= 50 <= hi
    return Outcome(
        Verdict.AMBIGUOUS if law_false else Verdict.TRUE,
        "as a description of Fig. 4 it needs the authors' nets; as a general law it is false (S = 0 with variance 50 s^4 vs S = 2 with s^4)",
        evidence={"S": [str(c["S1"]), str(c["S2"])], "variance": [str(v) for v in var], "mean": [str(m) for m in mean],
                  "monte_carlo_variance_H1_sigma1": mc.as_evidence()},
        latex=(r"(a) Reading `in Fig.~4': not checkable without the two trained networks. "
               r"(b) Reading `in general': for an isotropic perturbation $z\sim\mathcal N(0,\sigma^2I)$ of a quadratic minimum, "
               r"$\mathrm{Var}[\tfrac12z^\top Hz]=\tfrac{\sigma^4}{2}\mathrm{tr}H^2$ and the mean shift is $\tfrac{\sigma^2}{2}\mathrm{tr}H$; "
               r"$H_1=\mathrm{diag}(10,0)$ ($S=0$) gives variance $50\sigma^4$ and mean $5\sigma^2$, $H_2=I$ ($S=2$) gives $\sigma^4$ and $\sigma^2$: "
               f"false. (Seeded Monte Carlo of the variance for $H_1$, $\\sigma=1$: ${mc.mean:.3f}\\pm{mc.stderr:.3f}$, "
               f"$n={mc.samples}$, exact $50$.)"),
        rule='readings' if law_false else None,
    )


@add("002-eq9-ou-process", location="Sec. 3.2, Eq. (9)",
     quote=r"$$d\mathbf{x}_t = -\mathbf{H}\mathbf{x}_t dt + \mathbf{H}^{\frac{1}{2}} dW_t \quad (9)$$",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="equation")
def _eq9(ctx: Context) -> Outcome:
    eta, B, sig2, lam, x = sp.symbols("eta B sigma2 lambda x", positive=True)
    # one SGD step on f = λ x²/2 (x measured from x_min) with gradient noise of covariance λ/B:
    # Δx = −η(λx + ξ): mean −ηλx, variance η² λ / B.
    # Euler–Maruyama step of dx = −λ x dt + σ λ^{1/2} dW with dt = η: mean −ηλx, variance σ² η λ.
    sol = sp.solve(sp.Eq(sig2 * eta * lam, eta**2 * lam / B), sig2)
    ok = sol == [eta / B]
    return Outcome(
        Verdict.TRUE_UNDER_CONVENTION if ok else Verdict.FALSE,
        "matching one SGD step (noise covariance H/B) with an Euler step gives dx = -H x dt + sqrt(eta/B) H^{1/2} dW; Eq. (9) is eta/B = 1, x_min = 0",
        correction=None if ok else r"$dx_t=-H(x_t-x_{\min})dt+\sqrt{\eta/B}\,H^{1/2}dW_t$",
        convention=("x is measured from x_min (quadratic loss around the minimum) and the noise scale eta/B (learning rate / batch size) "
                    "is 1; in general dx = -H(x - x_min) dt + sqrt(eta/B) H^(1/2) dW, which rescales Eq. (10) by eta/B"),
        evidence={"noise_scale_sigma^2": str(sol)},
        latex=(r"Quadratic model $f=\tfrac12(x-x_{\min})^\top H(x-x_{\min})$, gradient-noise covariance $\approx H/B$ (Jastrzebski et al.). "
               r"One SGD step $\Delta x=-\eta(H(x-x_{\min})+\xi)$ has mean $-\eta H(x-x_{\min})$ and covariance $\eta^2H/B$; the Euler step "
               r"of $dx=-H(x-x_{\min})dt+\sigma H^{1/2}dW$ with $dt=\eta$ has mean $-\eta H(x-x_{\min})$ and covariance $\sigma^2\eta H$, so "
               r"$\sigma^2=\eta/B$ (solved symbolically). Eq.~(9) is the case $x_{\min}=0$, $\eta/B=1$."),
        rule='normalisation' if ok else 'counterexample',
    )


@add("002-eq10-escaping-efficiency", location="Sec. 3.2, Eq. (10)",
     quote=r"$$\mathbb{E}[f(\mathbf{x}_t) - f(\mathbf{x}_{\min})] \approx \frac{t}{2} \text{tr}(\mathbf{H}^2). \quad (10)$$",
     expected=Verdict.TRUE, kind="equation")
def _eq10(ctx: Context) -> Outcome:
    t = sp.symbols("t", positive=True)
    lams = sp.symbols("lambda1:4", positive=True)
    E = _ou_excess_loss(lams, t)
    closed = sum(l * (1 - sp.exp(-2 * l * t)) / 4 for l in lams)
    closed_ok = sp.simplify(E - closed) == 0
    series = sp.expand(sp.series(E, t, 0, 3).removeO())
    first = sp.expand(series.coeff(t, 1))
    second = sp.expand(series.coeff(t, 2))
    ok = closed_ok and sp.expand(first - sum(l**2 for l in lams) / 2) == 0 and series.coeff(t, 0) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for Eq. (9) from x_min, E[f(x_t) - f(x_min)] = (1/4) sum lambda_i (1 - e^{-2 lambda_i t}) = (t/2) tr(H^2) + O(t^2)",
        correction=None if ok else r"$\mathbb E[f(x_t)-f(x_{\min})]=\tfrac14\mathrm{tr}(H(I-e^{-2Ht}))$",
        evidence={"exact": str(closed), "t^1_coefficient": str(first), "t^2_coefficient": str(second)},
        latex=(r"For $f=\tfrac12x^\top Hx$ and Eq.~(9) started at $x_0=x_{\min}=0$, in the eigenbasis of $H$ the Itô isometry gives "
               r"$\mathrm{Var}(x_t^{(i)})=\int_0^t\lambda_ie^{-2\lambda_i(t-s)}ds=\tfrac12(1-e^{-2\lambda_it})$, hence exactly "
               r"$\mathbb E[f(x_t)-f(x_{\min})]=\tfrac14\sum_i\lambda_i(1-e^{-2\lambda_it})=\tfrac t2\mathrm{tr}(H^2)-\tfrac{t^2}{2}\mathrm{tr}(H^3)+O(t^3)$ "
               r"(computed for three eigenvalues). The approximation is the first-order term, valid for $t\ll1/\lambda_{\max}$; "
               r"it saturates at $\tfrac14\mathrm{tr}H$ for large $t$."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.2-escape-small-S", location="Sec. 3.2, paragraph after Eq. (10)",
     quote=r"""Similar to the example above, gradient descent will have more difficulties to escape from a minima with a small scalar curvature, and so it will converge more quickly to the flat minima.""",
     expected=Verdict.FALSE, kind="verbal")
def _escape(ctx: Context) -> Outcome:
    t = sp.symbols("t", positive=True)
    E1 = _ou_excess_loss((sp.Integer(10), sp.Integer(0)), t)  # H1 = diag(10, 0): S = 0
    E2 = _ou_excess_loss((sp.Integer(1), sp.Integer(1)), t)   # H2 = I: S = 2
    t0 = sp.Rational(1, 100)
    v1, v2 = sp.simplify(E1.subs(t, t0)), sp.simplify(E2.subs(t, t0))
    false = sp.N(v1 - v2, 30) > 0 and _crit_S(sp.diag(10, 0)) < _crit_S(sp.eye(2))
    # for every t > 0: E1 − E2 = (5/2)(1 − e^{−20t}) − (1/2)(1 − e^{−2t}) > 0 since 1 − e^{−20t} > 1 − e^{−2t}
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "escaping efficiency is governed by tr(H^2), not S: H = diag(10,0) (S = 0) escapes faster than H = I (S = 2) at every t",
        correction=r"Escaping efficiency $\approx\tfrac t2\mathrm{tr}(H^2)$ is not ordered by $S$.",
        evidence={"E1(t)": str(E1), "E2(t)": str(E2), "at t=1/100": [str(sp.N(v1, 15)), str(sp.N(v2, 15))]},
        latex=(r"Exactly, for Eq.~(9): $H_1=\mathrm{diag}(10,0)$ ($S=0$) gives $\mathbb E[\Delta f]=\tfrac52(1-e^{-20t})$ and "
               r"$H_2=I$ ($S=2$) gives $\tfrac12(1-e^{-2t})$; the former is larger for every $t>0$, so the minimum with the smaller "
               r"scalar curvature is escaped more easily, contrary to the claim."),
        rule='counterexample' if false else None,
    )


@add("002-prop3.3-overparameterized", location="Sec. 3.2, Proposition 3.3",
     quote=r"$$S(\mathbf{x}_{\min}) \underset{q \rightarrow \infty}{\sim} \text{tr}(\mathbf{H})^2$$",
     expected=Verdict.TRUE, kind="proposition")
def _prop33(ctx: Context) -> Outcome:
    q = sp.symbols("q", positive=True, integer=True)
    lam, a, b = sp.symbols("lambda a b", positive=True)
    ratio_equal = sp.simplify((q**2 * lam**2 - q * lam**2) / (q * lam) ** 2)
    lim_equal = sp.limit(ratio_equal, q, sp.oo)
    # eigenvalues only in [a, b] with 0 < a <= b: 1 >= S/(tr H)^2 = 1 - sum λ²/(sum λ)² >= 1 - b²/(a² q)
    lower = 1 - b**2 / (a**2 * q)
    lim_band = sp.limit(lower, q, sp.oo)
    # exact spot check of the band bound: q = 12 eigenvalues in [1, 2]
    lams = [1 + sp.Rational(k, 11) for k in range(12)]
    H = sp.diag(*lams)
    spot = 1 >= _crit_S(H) / H.trace() ** 2 >= 1 - sp.Rational(2) ** 2 / (1 * len(lams))
    ok = lim_equal == 1 and lim_band == 1 and spot
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with equal eigenvalues lambda > 0, S/(tr H)^2 = 1 - 1/q -> 1; also for eigenvalues in any fixed [a, b], a > 0",
        correction=None if ok else r"$S\sim(\mathrm{tr}H)^2$",
        evidence={"ratio_equal_eigenvalues": str(ratio_equal), "lower_bound_band": str(lower)},
        latex=(r"$S/(\mathrm{tr}H)^2=1-\sum\lambda_i^2/(\sum\lambda_i)^2$. Equal eigenvalues $\lambda>0$: $1-\tfrac1q\to1$. "
               r"Eigenvalues in $[a,b]$, $a>0$: $\sum\lambda_i^2\le qb^2$, $(\sum\lambda_i)^2\ge q^2a^2$, so the ratio lies in "
               r"$[1-\tfrac{b^2}{a^2q},1]\to1$. For $\lambda=0$ both sides vanish and $\sim$ is degenerate."),
        rule=None if ok else 'counterexample',
    )


@add("002-prop3.3-proof", location="Sec. 3.2, proof of Proposition 3.3",
     quote=r"""Then we, have $\|\mathbf{H}\|_*^2 = q^2 \lambda^2$ and $\|\mathbf{H}\|_F^2 = q \lambda^2$. When the number of parameters increases, $\|\mathbf{H}\|_F^2 = o(\|\mathbf{H}\|_*^2)$, and as a consequence $\|\mathbf{H}\|_*^2 - \|\mathbf{H}\|_F^2 \sim \|\mathbf{H}\|_*^2$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _prop33_proof(ctx: Context) -> Outcome:
    lam = sp.Rational(3, 2)
    rows = []
    ok = True
    for q in (2, 3, 5):
        H = lam * sp.eye(q)
        nuc, fro = _nuclear_norm(H) ** 2, _frobenius_sq(H)
        ok &= nuc == q**2 * lam**2 and fro == q * lam**2
        rows.append({"q": q, "nuclear_sq": str(nuc), "frobenius_sq": str(fro)})
    qs, ls = sp.symbols("q lambda", positive=True)
    ok &= sp.limit(qs * ls**2 / (qs**2 * ls**2), qs, sp.oo) == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for H = lambda I_q: ||H||_*^2 = q^2 lambda^2, ||H||_F^2 = q lambda^2 = o(q^2 lambda^2) (lambda > 0), hence the equivalence",
        correction=None if ok else r"$\|\lambda I_q\|_*^2=q^2\lambda^2$",
        evidence={"examples_lambda=3/2": rows},
        latex=(r"For $H=\lambda I_q$ the singular values are all $|\lambda|$: $\|H\|_*^2=q^2\lambda^2$, $\|H\|_F^2=q\lambda^2$ "
               r"(computed for $q=2,3,5$, $\lambda=\tfrac32$), and $q\lambda^2/(q^2\lambda^2)=1/q\to0$. Requires $\lambda>0$ "
               r"(the proof allows $\lambda\ge0$; for $\lambda=0$ both norms vanish)."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.2-ghorbani-flat-spectrum", location="Sec. 3.2, paragraph after Proposition 3.3",
     quote=r"""The empirical results show that during the optimization process, the spectrum of the eigenvalues becomes entirely flat, especially when the neural network includes batch normalization.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _ghorbani(ctx: Context) -> Outcome:
    return _cited("an empirical statement about Hessian spectra of trained networks (Ghorbani et al. 2019)",
                  "Hessian eigenvalue densities of the trained networks of the cited study; note that study reports a bulk "
                  "near zero with outliers, which batch normalization suppresses, not equal eigenvalues")


@add("002-sec3.3-alters-shape", location="Sec. 3.3, paragraph 1",
     quote=r"""this reparametrization alters the shape of the loss function landscape in \mathbb{R}^q""",
     expected=Verdict.TRUE, kind="verbal")
def _alters(ctx: Context) -> Outcome:
    ce = hessian_spectrum_counterexample()
    ok = ce.hessian_spectrum_changed and ce.shape_eigenvalues_graph_of_pullback != ce.shape_eigenvalues_x
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the graph of f∘phi is another hypersurface: its principal curvatures differ from those of the graph of f at corresponding points",
        correction=None if ok else "the landscape is unchanged",
        evidence={"f": str(ce.f), "phi": str(ce.phi), "point_y": str(ce.point_y),
                  "hessian_eigenvalues": [str(ce.hessian_eigenvalues_x), str(ce.hessian_eigenvalues_y)],
                  "principal_curvatures_graph_f": str(ce.shape_eigenvalues_x),
                  "principal_curvatures_graph_f_phi": str(ce.shape_eigenvalues_graph_of_pullback)},
        latex=(r"$f=x_1^2+x_2^2$, $\varphi(y)=(2y_1,y_2)$, at $y=(\tfrac12,1)$: the Hessian eigenvalues change from "
               + "$" + sp.latex(ce.hessian_eigenvalues_x) + "$ to $" + sp.latex(ce.hessian_eigenvalues_y)
               + r"$ and the principal curvatures of the two graphs differ ($" + sp.latex(ce.shape_eigenvalues_x)
               + "$ vs $" + sp.latex(ce.shape_eigenvalues_graph_of_pullback) + r"$)."),
        rule=None if ok else 'counterexample',
    )


def _reparam_example():
    """f = x^T diag(1,2,3) x / 2 (minimum at 0), φ(y) = J y with a shear J (det J = 1)."""
    xs = sp.symbols("x1:4", real=True)
    ys = sp.symbols("y1:4", real=True)
    H = sp.diag(1, 2, 3)
    J = sp.Matrix([[1, 1, 0], [0, 1, 0], [0, 0, 1]])
    f = _quadratic(H, xs)
    phi = list(J * sp.Matrix(ys))
    fphi = sp.expand(f.subs(dict(zip(xs, phi)), simultaneous=True))
    return xs, ys, H, J, f, fphi


@add("002-sec3.3-S-not-invariant", location="Sec. 3.3, paragraph 2",
     quote=r"""The scalar curvature is not invariant under reparametrization of the parameter space, and it should not be.""",
     expected=Verdict.TRUE, kind="verbal")
def _S_not_inv(ctx: Context) -> Outcome:
    xs, ys, H, J, f, fphi = _reparam_example()
    S_f = _graph_S_at(f, xs, (0, 0, 0))
    S_fphi = _graph_S_at(fphi, ys, (0, 0, 0))
    ok = S_f != S_fphi
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the graph of f∘phi has another scalar curvature: 22 vs 28 at the minimum for a shear phi",
        correction=None if ok else "S is invariant",
        evidence={"S_graph_f_at_0": str(S_f), "S_graph_f_phi_at_0": str(S_fphi), "J": str(J.tolist())},
        latex=(r"$f=\tfrac12(x_1^2+2x_2^2+3x_3^2)$ and the shear $x=Jy$, $J=\begin{pmatrix}1&1&0\\0&1&0\\0&0&1\end{pmatrix}$: "
               r"the graph of $f$ has $S(0)=22$, the graph of $f\circ\varphi$ has $S(0)=28$ (engine, exact). The normative "
               r"`it should not be' is not a mathematical claim."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.3-isometry-invariance", location="Sec. 3.3, paragraph 2",
     quote=r"""As a consequence, it is also equivariant under diffeomorphism, and notably, if \mathcal{M} and \mathcal{M}' are two Riemannian manifolds related by an isometry $\Psi : \mathcal{M} \rightarrow \mathcal{M}'$, then $S(\mathbf{x}) = S(\Psi(\mathbf{x}))$, for all $\mathbf{x} \in \mathcal{M}$.""",
     expected=Verdict.TRUE, kind="verbal")
def _isometry(ctx: Context) -> Outcome:
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    f = x1**2 + x1 * x2**2 / 2
    phi = [y1 + y2**2, y2]
    ok, _ = _pullback_naturality(f, (x1, x2), phi, (y1, y2))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "S of the pulled-back metric phi^*g equals S∘phi identically (first principles, exact)",
        correction=None if ok else r"$S_{\varphi^*g}=S_g\circ\varphi$",
        evidence={"f": str(f), "phi": str(phi), "S_pullback_minus_S_phi": "0" if ok else "nonzero"},
        latex=(r"Reading: $\Psi$ an isometry $(M,\Psi^*g')\to(M',g')$; then $S_{\Psi^*g'}=S_{g'}\circ\Psi$ (naturality; `equivariant' "
               r"means this). Checked from first principles: graph metric of $f=x_1^2+\tfrac12x_1x_2^2$, pulled back by "
               r"$\varphi(y)=(y_1+y_2^2,y_2)$; the scalar curvature of $\varphi^*g$ minus $S_g\circ\varphi$ cancels exactly."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.3-hessian-chain-rule", location="Sec. 3.3, paragraph 3",
     quote=r"$$\mathbf{H}(f \circ \varphi) = \mathbf{J}(\varphi)^\top \mathbf{H}(f) \mathbf{J}(\varphi) + \mathbf{J}_k(f) \mathbf{H}^k(\varphi),$$",
     expected=Verdict.TRUE, kind="equation")
def _chain(ctx: Context) -> Outcome:
    # generic second-order Taylor polynomials: the identity at a point involves only 2-jets
    ok = True
    for n in (2, 3):
        xs = sp.symbols(f"x1:{n + 1}", real=True)
        ys = sp.symbols(f"y1:{n + 1}", real=True)
        coeffs = iter(sp.symbols(f"a0:{200}"))
        f = sum(next(coeffs) * m for m in itertools.chain([1], xs, [xs[i] * xs[j] for i in range(n) for j in range(i, n)]))
        phi = [sum(next(coeffs) * m for m in itertools.chain([1], ys, [ys[i] * ys[j] for i in range(n) for j in range(i, n)]))
               for _ in range(n)]
        comp = f.subs(dict(zip(xs, phi)), simultaneous=True)
        lhs = sp.hessian(comp, ys)
        J = sp.Matrix(phi).jacobian(ys)
        Hf = sp.hessian(f, xs).subs(dict(zip(xs, phi)), simultaneous=True)
        grad = [sp.diff(f, x).subs(dict(zip(xs, phi)), simultaneous=True) for x in xs]
        rhs = J.T * Hf * J + sum((grad[k] * sp.hessian(phi[k], ys) for k in range(n)), sp.zeros(n, n))
        ok &= all(sp.expand(e) == 0 for e in (lhs - rhs))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "chain rule: d^2(f∘phi) = J^T (H_f∘phi) J + sum_k (d_k f∘phi) Hess(phi^k), exact for generic 2-jets (n = 2, 3)",
        correction=None if ok else r"$H(f\circ\varphi)=J^\top(H_f\circ\varphi)J+\sum_k(\partial_kf\circ\varphi)H(\varphi^k)$",
        evidence={"dims": [2, 3]},
        latex=(r"$\partial_a\partial_b(f\circ\varphi)=\partial_b\big(\sum_k(\partial_kf\circ\varphi)\partial_a\varphi^k\big)="
               r"\sum_{k,l}(\partial_k\partial_lf\circ\varphi)\partial_a\varphi^k\partial_b\varphi^l+\sum_k(\partial_kf\circ\varphi)\partial_a\partial_b\varphi^k$. "
               r"Verified as a polynomial identity for generic quadratic $f$ and $\varphi$ ($n=2,3$); $H(f)$ is evaluated at $\varphi(x)$."),
        rule=None if ok else 'counterexample',
    )


@add("002-sec3.3-scalar-after-reparam", location="Sec. 3.3, last display",
     quote=r"""$$\begin{aligned} S(\mathbf{x}) &= \|\mathbf{H}_f\|_*^2 - \|\mathbf{H}_f\|_F^2, \\ S(\mathbf{x}') &= \|\mathbf{J}_\varphi \mathbf{J}_\varphi^\top \mathbf{H}_f\|_*^2 - \|\mathbf{J}_\varphi \mathbf{J}_\varphi^\top \mathbf{H}_f\|_F^2. \end{aligned}$$""",
     expected=Verdict.FALSE, kind="equation")
def _S_reparam(ctx: Context) -> Outcome:
    xs, ys, H, J, f, fphi = _reparam_example()
    S_f = _graph_S_at(f, xs, (0, 0, 0))            # graph of f at x' = φ(0) = 0
    S_fphi = _graph_S_at(fphi, ys, (0, 0, 0))      # graph of f∘φ at 0
    M = J * J.T * H
    printed_prime = sp.simplify(_nuclear_norm(M) ** 2 - _frobenius_sq(M))
    printed_first = _nuclear_norm(H) ** 2 - _frobenius_sq(H)
    HJ = J.T * H * J
    corrected = _crit_S(HJ)
    trace_form = _crit_S(M)
    ok_corr = corrected == S_fphi and trace_form == S_fphi and printed_first == S_f
    false = ok_corr and printed_prime != S_fphi and printed_prime != S_f
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "the norms of the non-symmetric J J^T H are not its traces: 4 + 6 sqrt(17) instead of 28 (graph of f∘phi); the labels x, x' are also swapped",
        correction=(r"$S_{f\circ\varphi}(x)=(\mathrm{tr}(J^\top H_fJ))^2-\mathrm{tr}((J^\top H_fJ)^2)=(\mathrm{tr}(JJ^\top H_f))^2-\mathrm{tr}((JJ^\top H_f)^2)$ "
                    r"$=\|J^\top H_fJ\|_*^2-\|J^\top H_fJ\|_F^2$ at a minimum, and $S_f(x')=\|H_f\|_*^2-\|H_f\|_F^2$ with $x'=\varphi(x)$."),
        evidence={"H_f": str(H.tolist()), "J": str(J.tolist()), "S_graph_f_at_x'": str(S_f), "S_graph_f_phi_at_x": str(S_fphi),
                  "printed_S(x')": str(printed_prime), "printed_S(x')_float": str(sp.N(printed_prime, 15)),
                  "trace_form_with_JJ^TH": str(trace_form)},
        latex=(r"With $f$ defined on $M'$ and $x'=\varphi(x)$, the Hessian of $f\circ\varphi$ at a minimum is $J^\top H_fJ$, similar to "
               r"$JJ^\top H_f$ (same traces of powers), but $JJ^\top H_f$ is not symmetric, so its nuclear and Frobenius norms are not "
               r"$|\mathrm{tr}|$ and $\sqrt{\mathrm{tr}(M^2)}$. Example: $H_f=\mathrm{diag}(1,2,3)$, $J$ the shear $e_2\mapsto e_1+e_2$: "
               r"$M=JJ^\top H_f=\begin{pmatrix}2&2&0\\1&2&0\\0&0&3\end{pmatrix}$, $\|M\|_*^2-\|M\|_F^2=(3+\sqrt{17})^2-22=4+6\sqrt{17}$, "
               r"while the graph of $f\circ\varphi$ has $S=28=(\mathrm{tr}M)^2-\mathrm{tr}M^2$ and the graph of $f$ has $S=22$ "
               r"(engine, exact). Moreover the first line belongs to $x'$ (where $f$ lives), not to $x$."),
        rule='counterexample' if false else None,
    )
