"""Claims of 002: Pouplin, Roy, Singh, Arvanitidis, "On the curvature of the loss landscape".

Every check derives the truth with the engine (never from the paper) and compares.
"""

from __future__ import annotations

import sympy as sp

from ..symbolic import graph_jets as gj
from ..symbolic.jets import sum_
from .model import ClaimSet, Context, Outcome, Source, Verdict
from .tools import jet_point_latex, prove_jet_identity

SOURCE = Source("002", "002_5f888e640e46d81a.txt", "On the curvature of the loss landscape (Pouplin, Roy, Singh, Arvanitidis)")
CLAIMS = ClaimSet(SOURCE)
add = CLAIMS.add

DIMS = range(2, 9)  # exact proofs for n = 2..8; the pair bounds (<= 9) are reached with DIMS_ALL
DIMS_ALL = range(2, 11)


def _matrix_pairs(L, R):
    return [((i, j), L[i][j], R[i][j]) for i in range(len(L)) for j in range(len(L[0]))]


@add("002-eq1-metric", location="Sec. 2, Definition 2.1, Eq. (1)",
     quote=r"$$g_{ij} = \delta_{ij} + \partial_i f \partial_j f. \quad (1)$$",
     expected=Verdict.TRUE, kind="definition")
def _eq1(ctx: Context) -> Outcome:
    # <∂_iX, ∂_jX> with ∂_iX = (e_i, f_i), computed on the jet ring, equals δ_ij + f_i f_j
    def build(A):
        T = gj.tangent_vectors(A)
        g = gj.metric(A)
        n = A.n
        return [((i, j), sum_(A, (T[i][a] * T[j][a] for a in range(n + 1))), g[i][j])
                for i in range(n) for j in range(n)]

    res = prove_jet_identity(build, DIMS_ALL, free_indices=2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "pull-back of the Euclidean metric by X(x) = (x, f(x)): <d_iX, d_jX> = delta_ij + f_i f_j, exact for every n",
        correction=None if ok else "g_ij = <d_iX, d_jX>",
        evidence=res.evidence(),
        latex=r"$\partial_iX=(e_i,f_i)$, so $\langle\partial_iX,\partial_jX\rangle=\delta_{ij}+f_if_j$; "
              r"checked exactly on the jet ring for $n=2,\dots,10$ and for every $n$ by the invariant-theory bound.",
    )


@add("002-eq2-christoffel", location="Sec. 2, Proposition 2.1, Eq. (2)",
     quote=r"$$\Gamma_{kl}^i = \beta f_{,i} f_{,kl}, \quad (2)$$",
     expected=Verdict.TRUE, kind="proposition")
def _eq2(ctx: Context) -> Outcome:
    def build(A):
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        fp, cf = gj.christoffel_fp(A, g, ginv), gj.christoffel_cf(A)
        n = A.n
        return [((i, k, l), fp[i][k][l], cf[i][k][l]) for i in range(n) for k in range(n) for l in range(n)]

    res = prove_jet_identity(build, DIMS_ALL, free_indices=3)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Gamma^i_kl = beta f_i f_kl equals (1/2) g^ij (d_k g_jl + d_l g_jk - d_j g_kl) exactly, every n",
        correction=None if ok else r"$\Gamma^i_{kl}=\beta f_if_{kl}$",
        evidence=res.evidence(),
        latex=r"First kind: $\Gamma_{j,kl}=f_jf_{kl}$; raising with $g^{ij}=\delta_{ij}-\beta f_if_j$ gives "
              r"$(1-\beta|\nabla f|^2)f_if_{kl}=\beta f_if_{kl}$. Exact on the jet ring for $n=2..10$; every $n$ by invariant theory.",
    )


def _riemann_as_printed(A):
    """Eq. (3) exactly as printed: β(f_ik f_jm − f_jm f_jk) − β² f_i f_r (f_rk f_im − f_rm f_jk)."""
    n, b = A.n, A.beta
    return {
        (i, j, k, m): b * (A.f(i, k) * A.f(j, m) - A.f(j, m) * A.f(j, k))
        - b * b * A.p(i) * sum_(A, (A.p(r) * (A.f(r, k) * A.f(i, m) - A.f(r, m) * A.f(j, k)) for r in range(n)))
        for i in range(n) for j in range(n) for k in range(n) for m in range(k + 1, n)
    }


def _riemann_fixed(A):
    """Minimal fix: f_jm f_jk -> f_im f_jk and f_rk f_im -> f_rk f_jm."""
    n, b = A.n, A.beta
    return {
        (i, j, k, m): b * (A.f(i, k) * A.f(j, m) - A.f(i, m) * A.f(j, k))
        - b * b * A.p(i) * sum_(A, (A.p(r) * (A.f(r, k) * A.f(j, m) - A.f(r, m) * A.f(j, k)) for r in range(n)))
        for i in range(n) for j in range(n) for k in range(n) for m in range(k + 1, n)
    }


@add("002-eq3-riemann", location="Sec. 2, Proposition 2.2, Eq. (3)",
     quote=r"$$\mathbf{R}_{jkm}^i = \beta(f_{,ik}f_{,jm} - f_{,jm}f_{,jk}) - \beta^2 f_{,i}f_{,r}(f_{,rk}f_{,im} - f_{,rm}f_{,jk}), \quad (3)$$",
     expected=Verdict.TYPO, kind="proposition")
def _eq3(ctx: Context) -> Outcome:
    def fp(A):
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        return gj.riemann_fp(A, gj.christoffel_fp(A, g, ginv))

    def build_printed(A):
        R, P = fp(A), _riemann_as_printed(A)
        return [(key, R[key], P[key]) for key in R]

    def build_fixed(A):
        R, P = fp(A), _riemann_fixed(A)
        return [(key, R[key], P[key]) for key in R]

    printed = prove_jet_identity(build_printed, range(2, 5))
    fixed = prove_jet_identity(build_fixed, DIMS_ALL, free_indices=4)
    if printed.holds_everywhere_tested:
        return Outcome(Verdict.TRUE, "Eq. (3) as printed equals the Riemann tensor", evidence=printed.evidence())
    verdict = Verdict.TYPO if fixed.holds_for_all_n else Verdict.FALSE
    ce = printed.counterexamples[min(printed.counterexamples)]
    return Outcome(
        verdict,
        "two index typos: f_jm f_jk must be f_im f_jk, and f_rk f_im must be f_rk f_jm; the fixed form is exact for every n",
        correction=r"$R^i{}_{jkm}=\beta(f_{ik}f_{jm}-f_{im}f_{jk})-\beta^2f_if_r(f_{rk}f_{jm}-f_{rm}f_{jk})$",
        evidence={"as_printed": printed.evidence(), "corrected": fixed.evidence(), "counterexample": ce},
        latex=(r"Deriving $R^i{}_{jkm}$ from $\Gamma^i_{kl}=\beta f_if_{kl}$ on the jet ring gives "
               r"$\beta(f_{ik}f_{jm}-f_{im}f_{jk})-\beta^2f_if_r(f_{rk}f_{jm}-f_{rm}f_{jk})$. "
               r"As printed, the first bracket reads $f_{jm}f_{jk}$ and the second $f_{rk}f_{im}$; "
               f"at the rational jet {jet_point_latex(ce['jet'])}, component {ce['component']} the printed form gives "
               f"${ce['rhs']}$ but the Riemann tensor is ${ce['lhs']}$ (component index $(i,j,k,m)$, 0-based)."),
    )


@add("002-eq4-scalar", location="Sec. 2, Proposition 2.3, Eq. (4)",
     quote=r"$$\mathbf{S} = \beta (\text{tr}(\mathbf{H})^2 - \text{tr}(\mathbf{H}^2)) + 2\beta^2 (\nabla f^\top (\mathbf{H}^2 - \text{tr}(\mathbf{H})\mathbf{H})\nabla f), \quad (4)$$",
     expected=Verdict.TRUE, kind="proposition")
def _eq4(ctx: Context) -> Outcome:
    def printed(A):
        n, b = A.n, A.beta
        Hp = gj.hessian_times_grad(A)
        trH = sum_(A, (A.f(r, r) for r in range(n)))
        trH2 = sum_(A, (A.f(r, s) * A.f(s, r) for r in range(n) for s in range(n)))
        pH2p = sum_(A, (Hp[r] * Hp[r] for r in range(n)))
        pHp = sum_(A, (A.p(r) * Hp[r] for r in range(n)))
        return b * (trH * trH - trH2) + A.const(2) * b * b * (pH2p - trH * pHp)

    def build(A):
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        R = gj.riemann_fp(A, gj.christoffel_fp(A, g, ginv))
        S = gj.scalar_from_ricci(A, ginv, gj.ricci_from_riemann(A, R))
        return [((), S, printed(A))]

    res = prove_jet_identity(build, DIMS_ALL, free_indices=0)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "S from the metric (Christoffel -> Riemann -> Ricci -> trace) equals Eq. (4) exactly, every n",
        correction=None if ok else r"$S=\beta((\mathrm{tr}H)^2-\mathrm{tr}H^2)-2\beta^2(\mathrm{tr}H\,p^\top Hp-|Hp|^2)$",
        evidence=res.evidence(),
        latex=r"$g^{jm}\mathrm{Ric}_{jm}=\beta((\mathrm{tr}H)^2-\mathrm{tr}H^2)-2\beta^2(\mathrm{tr}H\,\nabla f^\top H\nabla f-\nabla f^\top H^2\nabla f)$, "
              r"which is Eq. (4) rearranged; exact for $n=2..10$, every $n$ by invariant theory.",
    )


@add("002-cor2.1-critical", location="Sec. 2, Corollary 2.1, Eq. (5)",
     quote=r"$$\mathbf{S}(\mathbf{x}_{\min}) = \text{tr}(\mathbf{H})^2 - \text{tr}(\mathbf{H}^2) \quad (5)$$",
     expected=Verdict.TRUE, kind="corollary")
def _eq5(ctx: Context) -> Outcome:
    # at ∇f = 0: β = 1, every β² term carries a factor of p; substitute p = 0, w = 1
    def build(A):
        n = A.n
        S0 = A.at_critical_point(gj.scalar_cf(A))
        trH = sum_(A, (A.f(r, r) for r in range(n)))
        trH2 = sum_(A, (A.f(r, s) * A.f(s, r) for r in range(n) for s in range(n)))
        return [((), S0, trH * trH - trH2)]

    res = prove_jet_identity(build, DIMS_ALL, free_indices=0)
    ok = res.holds_everywhere_tested
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at grad f = 0, beta = 1 and the beta^2 terms vanish: S = (tr H)^2 - tr(H^2), exact",
        correction=None if ok else "S = (tr H)^2 - tr(H^2) at critical points",
        evidence=res.evidence(),
        latex=r"Setting $\nabla f=0$ (so $\beta=1$) in the proven closed form leaves $(\mathrm{tr}H)^2-\mathrm{tr}H^2$; "
              r"valid at every critical point (minimum, maximum or saddle), not only at minima.",
    )
