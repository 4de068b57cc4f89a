"""Shared definitions of the 002 claims: the source, the claim set and the helpers that more than one
section uses (section-local helpers stay in their section module)."""

from __future__ import annotations

from functools import cached_property, lru_cache
import sympy as sp
from ...symbolic import graph_jets as gj
from ...symbolic.graph import GraphMetric
from ...symbolic.jets import JetRing, sum_
from ...symbolic.reparam import pullback_metric
from ...symbolic.exact import tidy
from ..model import ClaimSet, Context, Outcome, Source, Verdict
from ..tools import counterexample, jet_point_latex, prove_all_n, prove_jet_identity, rng_for

SOURCE = Source("002", "002_5f888e640e46d81a.txt", "On the curvature of the loss landscape (Pouplin, Roy, Singh, Arvanitidis)")


CLAIMS = ClaimSet(SOURCE)


add = CLAIMS.add


DIMS = range(2, 9)  # exact checks for n = 2..8 where no all-n bound applies


DIMS_ALL = range(2, 11)  # (kept for reference) identities with an index bound use prove_all_n: n = 2..bound


DIMS_CE = range(2, 5)  # enough to exhibit a counterexample to a printed (false) form


class _FP:
    """First-principles graph quantities over an algebra (JetRing or WeightBounds), lazily."""

    def __init__(self, A):
        self.A = A

    @cached_property
    def g(self):
        return gj.metric(self.A)

    @cached_property
    def ginv(self):
        return gj.inverse_metric_cf(self.A)

    @cached_property
    def gamma(self):
        return gj.christoffel_fp(self.A, self.g, self.ginv)

    @cached_property
    def R(self):
        return gj.riemann_fp(self.A, self.gamma)

    @cached_property
    def dgamma(self):
        """``dgamma[i][j][m][k] = ∂_k Γ^i_{jm}`` (symmetric in j, m; computed once)."""
        A, G, n = self.A, self.gamma, self.A.n
        out = [[[None] * n for _ in range(n)] for _ in range(n)]
        for i in range(n):
            for j in range(n):
                for m in range(j, n):
                    row = [A.D(G[i][j][m], k) for k in range(n)]
                    out[i][j][m] = out[i][m][j] = row
        return out

    def Rc(self, i, j, k, m):
        """``R^i_{jkm}`` for any (k, m)."""
        return gj.riemann_component(self.A, self.R, i, j, k, m)

    @cached_property
    def Ric(self):
        return gj.ricci_from_riemann(self.A, self.R)

    @cached_property
    def S(self):
        return gj.scalar_from_ricci(self.A, self.ginv, self.Ric)


@lru_cache(maxsize=None)
def _fp_ring(n: int) -> _FP:
    return _FP(JetRing(n, max_order=3))


def _fp(A) -> _FP:
    """Cached quantities for a JetRing of order 3 (same FLINT context per n), fresh otherwise."""
    if isinstance(A, JetRing) and A.max_order == 3:
        return _fp_ring(A.n)
    return _FP(A)


def _delta(A, i, j):
    return A.one if i == j else A.zero


def _trH(A):
    return sum_(A, (A.f(r, r) for r in range(A.n)))


def _trH2(A):
    n = A.n
    return sum_(A, (A.f(r, s) * A.f(s, r) for r in range(n) for s in range(n)))


def _pHp(A):
    Hp = gj.hessian_times_grad(A)
    return sum_(A, (A.p(r) * Hp[r] for r in range(A.n)))


def _pH2p(A):
    Hp = gj.hessian_times_grad(A)
    return sum_(A, (Hp[r] * Hp[r] for r in range(A.n)))


def _crit_S(H: sp.Matrix) -> sp.Expr:
    """``(tr H)^2 - tr(H^2)``: the scalar curvature at a critical point with Hessian ``H``."""
    H = sp.Matrix(H)
    return sp.expand(H.trace() ** 2 - (H * H).trace())


def _frobenius_sq(M: sp.Matrix) -> sp.Expr:
    M = sp.Matrix(M)
    return sp.expand(sum(e**2 for e in M))


def _nuclear_norm(M: sp.Matrix) -> sp.Expr:
    """Exact sum of the singular values (square roots of the eigenvalues of ``M^T M``)."""
    M = sp.Matrix(M)
    total = sp.S.Zero
    for val, mult in (M.T * M).eigenvals().items():
        total += mult * sp.sqrt(val)
    return sp.radsimp(sp.sqrtdenest(sp.simplify(total)))


def _graph_S_at(f, coords, point) -> sp.Expr:
    """Scalar curvature of the graph of ``f`` at ``point`` (exact)."""
    S = GraphMetric(f, coords).scalar_curvature().subs(dict(zip(coords, point)), simultaneous=True)
    return tidy(sp.simplify(S))


def _quadratic(H: sp.Matrix, xs) -> sp.Expr:
    x = sp.Matrix(xs)
    return sp.expand((x.T * sp.Matrix(H) * x)[0, 0] / 2)


def _ball_volume_ratio_series(q: int, sign: int, rho: sp.Symbol, order: int = 4) -> sp.Expr:
    """``vol B_g(r) / vol B_e(r)`` as a series in ``r`` for the space form of curvature ``sign/rho^2``.

    In geodesic polar coordinates ``vol B_g(r) = |S^{q-1}| ∫_0^r sn(t)^{q-1} dt`` with
    ``sn = rho sin(t/rho)`` (sphere) or ``rho sinh(t/rho)`` (hyperbolic space); ``vol B_e(r) =
    |S^{q-1}| r^q / q``.
    """
    t, r = sp.symbols("t r", positive=True)
    sn = rho * (sp.sin(t / rho) if sign > 0 else sp.sinh(t / rho)) if sign else t
    integrand = sp.series(sn ** (q - 1), t, 0, q - 1 + order + 1).removeO()
    vol = sp.integrate(integrand, (t, 0, r))
    return sp.expand(sp.series(q * vol / r**q, r, 0, order).removeO())


def _ou_excess_loss(lams, t) -> sp.Expr:
    """Exact ``E[f(x_t) - f(x_min)]`` for ``dx = -H x dt + H^{1/2} dW``, ``x_0 = x_min = 0``,
    ``f = x^T H x / 2`` and ``H = diag(lams)`` (any symmetric ``H`` by rotation invariance).

    Itô isometry: ``Var(x_t^{(i)}) = ∫_0^t e^{-2 lam (t-s)} lam ds``.
    """
    s = sp.symbols("s", positive=True)
    total = sp.S.Zero
    for lam in lams:
        var = sp.integrate(sp.exp(-2 * lam * (t - s)) * lam, (s, 0, t))
        total += lam * var / 2
    return sp.simplify(total)


def _sphere_mean_quartic_2d(a, b) -> sp.Expr:
    """Exact mean of ``(x^T diag(a, b) x)^2`` over the unit circle."""
    th = sp.symbols("theta", real=True)
    return sp.simplify(sp.integrate((a * sp.cos(th) ** 2 + b * sp.sin(th) ** 2) ** 2, (th, 0, 2 * sp.pi)) / (2 * sp.pi))


def _sphere_mean_quartic_formula(H: sp.Matrix) -> sp.Expr:
    """``E_{x ~ U(S^{q-1})}[(x^T H x)^2] = ((tr H)^2 + 2 tr(H^2)) / (q (q + 2))``."""
    H = sp.Matrix(H)
    q = H.shape[0]
    return sp.Rational(1, q * (q + 2)) * (H.trace() ** 2 + 2 * (H * H).trace())


def _cov_derivative(gamma, coords, X, Y):
    """``(∇_X Y)^k = X^i ∂_i Y^k + Γ^k_{ij} X^i Y^j`` (``gamma[k, i, j] = Γ^k_{ij}``)."""
    n = len(coords)
    return [sp.expand(sum(X[i] * sp.diff(Y[k], coords[i]) for i in range(n))
                      + sum(gamma[k, i, j] * X[i] * Y[j] for i in range(n) for j in range(n)))
            for k in range(n)]


def _lie_bracket(coords, X, Y):
    n = len(coords)
    return [sp.expand(sum(X[i] * sp.diff(Y[k], coords[i]) - Y[i] * sp.diff(X[k], coords[i]) for i in range(n)))
            for k in range(n)]


def _zero_vector(v) -> bool:
    return all(sp.simplify(c) == 0 for c in v)


def _all_benefits_outcome() -> Outcome:
    u, v = sp.symbols("u v", real=True)
    H1, H2 = sp.diag(100, 0), sp.eye(2)
    f1, f2 = _quadratic(H1, (u, v)), _quadratic(H2, (u, v))
    S1, S2 = _graph_S_at(f1, (u, v), (0, 0)), _graph_S_at(f2, (u, v), (0, 0))
    eps = sp.symbols("epsilon", positive=True)
    d1 = sp.expand((f1.subs({u: eps, v: 0}) - f1.subs({u: 0, v: 0})) ** 2)
    d2 = sp.expand((f2.subs({u: eps, v: 0}) - f2.subs({u: 0, v: 0})) ** 2)
    trH2 = ((H1 * H1).trace(), (H2 * H2).trace())
    false = S1 < S2 and trH2[0] > trH2[1] and sp.simplify(d1 - d2) != 0 and (d1 / d2) == 10**4
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "S vanishes for every rank-one Hessian, so it controls neither tr(H^2) nor the perturbation bound the Hessian norm gives",
        rule="counterexample" if false else None,
        correction=(r"At a minimum $S=(\mathrm{tr}H)^2-\mathrm{tr}(H^2)=2\sigma_2(\lambda(H))$; it does not bound "
                    r"$\mathrm{tr}(H^2)$ (e.g. $S=0$ for $H=\mathrm{diag}(100,0)$), so it does not inherit the Hessian-norm bounds."),
        evidence={"S": [str(S1), str(S2)], "tr_H2": [str(trH2[0]), str(trH2[1])],
                  "squared_loss_change_along_e1": [str(d1), str(d2)]},
        latex=(r"The benefits the paper attributes to the Hessian norm (Prop.~3.2 and Eq.~(10)) are bounds in "
               r"$\mathrm{tr}(H^2)$. Computed from the graph metric: $f_1=50u^2$ ($H_1=\mathrm{diag}(100,0)$) has $S=0$ and "
               r"$f_2=\tfrac12(u^2+v^2)$ has $S=2$, yet $\mathrm{tr}H_1^2=10^4\gg\mathrm{tr}H_2^2=2$ and the perturbation "
               r"$u=\varepsilon$ changes the loss by $(f_1(\varepsilon,0)-f_1(0))^2=2500\varepsilon^4$ vs $\varepsilon^4/4$. "
               r"The `flatter' minimum in scalar curvature is the less robust one."),
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


@lru_cache(maxsize=None)
def _riemann_statement_outcome() -> Outcome:
    """Eq. (3) = Prop. B.3 as printed, against the first-principles Riemann tensor (computed once)."""
    def build_printed(A):
        R, P = _fp(A).R, _riemann_as_printed(A)
        return [(key, R[key], P[key]) for key in R]

    def build_fixed(A):
        R, P = _fp(A).R, _riemann_fixed(A)
        return [(key, R[key], P[key]) for key in R]

    printed = prove_jet_identity(build_printed, DIMS_CE)
    fixed = prove_all_n(build_fixed, 4)
    if printed.holds_everywhere_tested:
        return Outcome(Verdict.TRUE, "Eq. (3) as printed equals the Riemann tensor", evidence=printed.evidence())
    verdict = Verdict.TYPO if fixed.holds_for_all_n else Verdict.FALSE
    ce = counterexample(printed)
    return Outcome(
        verdict,
        "two index typos: f_jm f_jk must be f_im f_jk, and f_rk f_im must be f_rk f_jm; the fixed form is exact for every n",
        rule="index" if verdict is Verdict.TYPO else "counterexample",
        correction=r"$R^i{}_{jkm}=\beta(f_{ik}f_{jm}-f_{im}f_{jk})-\beta^2f_if_r(f_{rk}f_{jm}-f_{rm}f_{jk})$",
        evidence={"as_printed": printed.evidence(), "corrected": fixed.evidence(), "counterexample": ce},
        latex=(r"Deriving $R^i{}_{jkm}$ from $\Gamma^i_{kl}=\beta f_if_{kl}$ on the jet ring gives "
               r"$\beta(f_{ik}f_{jm}-f_{im}f_{jk})-\beta^2f_if_r(f_{rk}f_{jm}-f_{rm}f_{jk})$. "
               r"As printed, the first bracket reads $f_{jm}f_{jk}$ and the second $f_{rk}f_{im}$; "
               f"at the rational jet {jet_point_latex(ce['jet'])}, component {ce['component']} the printed form gives "
               f"${ce['rhs']}$ but the Riemann tensor is ${ce['lhs']}$ (component index $(i,j,k,m)$, 0-based)."),
    )


def _scalar_as_printed(A):
    """Eq. (4) = Prop. B.4 as printed: β((tr H)² − tr H²) + 2β² ∇fᵀ(H² − tr(H) H)∇f."""
    b = A.beta
    return b * (_trH(A) * _trH(A) - _trH2(A)) + A.const(2) * b * b * (_pH2p(A) - _trH(A) * _pHp(A))


@lru_cache(maxsize=None)
def _scalar_statement_result():
    def build(A):
        return [((), _fp(A).S, _scalar_as_printed(A))]

    return prove_all_n(build, 0)


def _rational_orthogonal(rng, q: int) -> sp.Matrix:
    """A rational orthogonal matrix: the Cayley transform (I − K)(I + K)^{-1} of a rational skew K."""
    K = sp.zeros(q, q)
    for i in range(q):
        for j in range(i + 1, q):
            K[i, j] = sp.Rational(int(rng.integers(-3, 4)), int(rng.integers(1, 4)))
            K[j, i] = -K[i, j]
    return (sp.eye(q) - K) * (sp.eye(q) + K).inv()


def _norms_at_semidefinite(sign: int, ctx: Context, claim_id: str):
    """Exact check of (tr H)² − tr H² = ‖H‖_*² − ‖H‖_F² on seeded rational (sign·PSD) matrices.

    ``H = Q diag(λ) Qᵀ`` with a rational orthogonal ``Q`` and rational ``λ ≥ 0`` (times ``sign``),
    so the singular values (square roots of the eigenvalues of ``HᵀH``) are exact rationals.
    """
    rng = rng_for(claim_id, ctx.seed)
    rows = []
    for q in (2, 3, 4):
        Q = _rational_orthogonal(rng, q)
        lams = [sp.Rational(int(rng.integers(0, 7)), int(rng.integers(1, 4))) for _ in range(q)]
        H = sign * (Q * sp.diag(*lams) * Q.T)
        lhs = _crit_S(H)
        rhs = sp.simplify(_nuclear_norm(H) ** 2 - _frobenius_sq(H))
        rows.append({"H": str(H.tolist()), "S": str(lhs), "nuclear_sq_minus_frobenius_sq": str(rhs),
                     "equal": bool(sp.simplify(lhs - rhs) == 0)})
    return rows


def _minibatch_S_outcome() -> Outcome:
    x1, x2 = sp.symbols("x1 x2", real=True)
    # per-sample losses ℓ_d = (a_d · x)² / 2, all minimised at x = 0 (a common critical point)
    losses = [x1**2 / 2, x2**2 / 2]
    batches = [[0], [1]]
    S_batches = [_graph_S_at(sum(losses[i] for i in b) / len(b), (x1, x2), (0, 0)) for b in batches]
    S_full = _graph_S_at(sum(losses) / 2, (x1, x2), (0, 0))
    mean_S = sum(S_batches) / len(S_batches)
    ok = S_full != mean_S
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "S is quadratic in H at a critical point: losses x1^2/2 and x2^2/2 give S(H_D) = 1/2 but E[S(H_Bi)] = 0",
        correction=None if ok else "S is linear in H",
        evidence={"S_batches": [str(s) for s in S_batches], "S_full": str(S_full), "mean_S_batches": str(mean_S)},
        latex=(r"Reading: at a common critical point $S$ depends only on $H$ (Eq.~(5)), $S(H)=(\mathrm{tr}H)^2-\mathrm{tr}H^2$, "
               r"which is quadratic, not linear. Dataset: two samples with losses $\tfrac12x_1^2$ and $\tfrac12x_2^2$, one per batch, all "
               r"minimised at $0$. From the graph metric: $S(H_{B_1})=S(H_{B_2})=0$ (rank one), $H_D=\tfrac12I$, $S(H_D)=1-\tfrac12=\tfrac12\neq0$."),
        rule=None if ok else 'counterexample',
    )


def _rational_unit_vector(rng, q):
    """A rational unit vector (inverse stereographic projection of a rational point)."""
    t = [sp.Rational(int(rng.integers(-5, 6)), int(rng.integers(1, 6))) for _ in range(q - 1)]
    s2 = sum(ti**2 for ti in t)
    return [2 * ti / (1 + s2) for ti in t] + [(s2 - 1) / (1 + s2)]


def _quartic_bound_check(ctx: Context, claim_id: str, trials: int = 60):
    """Exact check of (x^T H x)^2 <= lambda_max^2 <= tr(H^2) for rational unit x, symmetric rational H."""
    rng = rng_for(claim_id, ctx.seed)
    worst = None
    for _ in range(trials * (5 if ctx.thorough else 1)):
        q = int(rng.integers(2, 5))
        M = sp.Matrix(q, q, [int(v) for v in rng.integers(-4, 5, size=q * q)])
        H = (M + M.T) / 2
        x = sp.Matrix(_rational_unit_vector(rng, q))
        lhs = ((x.T * H * x)[0, 0]) ** 2
        rhs = (H * H).trace()
        jensen = (x.T * H * H * x)[0, 0]  # (x^T H x)^2 <= x^T H^2 x (Cauchy–Schwarz) <= tr(H^2)
        if not (lhs <= jensen <= rhs):
            return False, {"H": str(H.tolist()), "x": str(list(x))}
        ratio = lhs / rhs if rhs else 0
        if worst is None or ratio > worst:
            worst = ratio
    return True, {"max_ratio_found": str(worst)}


def _perturbation_outcome() -> Outcome:
    x, eps = sp.symbols("x epsilon", real=True)
    f = x**2 + x**3  # strict local minimum at 0, H = 2, tr(H^2) = 4
    H = sp.diff(f, x, 2).subs(x, 0)
    e = sp.Rational(1, 10)
    lhs = (f.subs(x, e) - f.subs(x, 0)) ** 2
    rhs = sp.Rational(1, 4) * e**4 * H**2
    gap = sp.expand((f.subs(x, eps) - f.subs(x, 0)) ** 2 - eps**4 / 4 * H**2)  # = 2ε⁵ + ε⁶ > 0
    return f, e, lhs, rhs, gap


def _eq7_outcome(ctx: Context, claim_id: str) -> Outcome:
    f, e, lhs, rhs, gap = _perturbation_outcome()
    eps = sp.symbols("epsilon", real=True)
    fails = lhs > rhs and sp.expand(gap - (2 * eps**5 + eps**6)) == 0
    # corrected statement: Taylor + (x^T H x)^2 <= tr(H^2) for unit x
    ok_ineq, ev_ineq = _quartic_bound_check(ctx, claim_id)
    verdict = Verdict.TYPO if (fails and ok_ineq) else (Verdict.FALSE if fails else Verdict.TRUE)
    return Outcome(
        verdict,
        "false as printed (no remainder): f = x^2 + x^3, eps = 1/10 violates it; true with + o(eps^4), and exactly for quadratic f",
        rule={Verdict.TYPO: "factor", Verdict.FALSE: "counterexample"}.get(verdict),
        correction=(r"$\|f(x_{\min}+\varepsilon x)-f(x_{\min})\|_2^2\le\tfrac14\varepsilon^4\,\mathrm{tr}(H_{\min}^2)+o(\varepsilon^4)$ "
                    r"(indeed $\le\tfrac14\varepsilon^4\lambda_{\max}(H^2)+o(\varepsilon^4)$)"),
        evidence={"counterexample": {"f": str(f), "x_min": "0", "x": "1", "epsilon": str(e), "lhs": str(lhs), "rhs": str(rhs),
                                     "lhs_minus_rhs_in_epsilon": str(gap)},
                  "corrected_inequality_checks": ev_ineq, "corrected_inequality_ok": ok_ineq},
        latex=(r"Counterexample: $q=1$, $f(x)=x^2+x^3$ (strict local minimum at $0$, $H=2$, $\mathrm{tr}H^2=4$), $x=1$: "
               r"$(f(\varepsilon)-f(0))^2-\tfrac14\varepsilon^4\cdot4=2\varepsilon^5+\varepsilon^6>0$ for every $\varepsilon>0$; at "
               r"$\varepsilon=\tfrac1{10}$ the left side is $\tfrac{121}{10^6}>\tfrac{1}{10^4}$. Corrected: Taylor gives "
               r"$f(x_{\min}+\varepsilon x)-f(x_{\min})=\tfrac{\varepsilon^2}{2}x^\top Hx+O(\varepsilon^3)$, so the square is "
               r"$\tfrac{\varepsilon^4}{4}(x^\top Hx)^2+O(\varepsilon^5)$, and for $\|x\|=1$, by Cauchy--Schwarz, "
               r"$(x^\top Hx)^2\le\|Hx\|^2=x^\top H^2x\le\lambda_{\max}(H^2)\le\mathrm{tr}(H^2)$ "
               r"(checked exactly on seeded rational symmetric $H$ and rational unit $x$). For quadratic $f$ it holds without remainder."),
    )


def _pullback_naturality(f, xs, phi, ys):
    G = GraphMetric(f, xs)
    S = G.scalar_curvature()
    P = pullback_metric(G, phi, ys)
    Sp = P.scalar_curvature(simplify=False)
    diff = sp.cancel(sp.together(Sp - S.subs(dict(zip(xs, phi)), simultaneous=True)))
    return diff == 0, Sp


def _levi_civita_rows(A, gam):
    """Metric compatibility ∂_k g_ij = Γ^l_{ki} g_lj + Γ^l_{kj} g_il and symmetry Γ^i_{kl} = Γ^i_{lk}."""
    n = A.n
    g = gj.metric(A)
    rows = []
    for k in range(n):
        for i in range(n):
            for j in range(n):
                rhs = sum_(A, (gam[l][k][i] * g[l][j] + gam[l][k][j] * g[i][l] for l in range(n)))
                rows.append((("compat", k, i, j), A.D(g[i][j], k), rhs))
                rows.append((("sym", k, i, j), gam[k][i][j], gam[k][j][i]))
    return rows
