"""003, the Riemannian Hessian."""

from __future__ import annotations

from types import SimpleNamespace
import sympy as sp
from ...symbolic.metric import Metric
from ...symbolic.reparam import christoffel_law_holds, transform_christoffel
from ..model import Context, Outcome, Verdict
from ._common import (
    _christoffel,
    _first_kind,
    _generic,
    _inv_small,
    _J_sym,
    _L,
    _rat_zero,
    _riemannian_law_outcome,
    _s,
    _sym_matrix,
    _zero,
    add,
    GENERIC_DIMS,
    P1,
    P2,
    PHI,
    POLAR,
    PS,
    R,
    SHEAR,
    T1,
    T2,
    TH,
)


def _polar_geodesic_check():
    """Straight line (3 + a t, 4 + b t) in polar coordinates: psi'' = -Gamma psi' psi' at t = 0 and the
    second derivative of a concrete loss along it equals the Riemannian Hessian."""
    a, b, t = sp.symbols("a b t", real=True)
    x, y = 3 + a * t, 4 + b * t
    r_t, p_t = sp.sqrt(x**2 + y**2), sp.atan(y / x)
    at0 = {t: 0}
    vel = [sp.simplify(sp.diff(q, t).subs(at0)) for q in (r_t, p_t)]
    acc = [sp.simplify(sp.diff(q, t, 2).subs(at0)) for q in (r_t, p_t)]
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    geo = [sp.simplify(acc[k] + sum(Gam[k][i][j].subs(pt) * vel[i] * vel[j] for i in range(2) for j in range(2)))
           for k in range(2)]
    Lt = R**3 * sp.sin(PHI) + R**2 * sp.cos(2 * PHI)  # an arbitrary loss written in polar coordinates
    direct = sp.simplify(sp.diff(Lt.subs({R: r_t, PHI: p_t}), t, 2).subs(at0))
    Hess = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                     - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt)
    V = sp.Matrix(vel)
    formula = sp.simplify((V.T * Hess * V)[0])
    calc = sp.simplify((V.T * sp.hessian(Lt, (R, PHI)).subs(pt) * V)[0])
    return SimpleNamespace(vel=vel, acc=acc, geo=geo, direct=direct, formula=formula, calc=calc, Lt=Lt, Gam=Gam)


@add("003-riemannian-hessian-definition", location="Sec. 'The Riemannian Hessian', first display",
     quote=r"""H_{ij} = \frac{\partial^2 \L}{\partial \theta^i \partial \theta^j} - \Gamma^k_{ij} \frac{\partial \L}{\partial \theta^k} ,""",
     expected=Verdict.TRUE, kind="definition")
def _riemdef(ctx: Context) -> Outcome:
    c = _polar_geodesic_check()
    ok = all(g == 0 for g in c.geo) and sp.simplify(c.direct - c.formula) == 0 and sp.simplify(c.direct - c.calc) != 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(nabla dL)_ij = d_i d_j L - Gamma^k_ij d_k L: equals d^2/dt^2 L along geodesics (checked in polar coordinates); the same formula defines it for any connection",
        correction=None if ok else "wrong sign of the connection term",
        evidence={"velocity": _s(c.vel), "acceleration": _s(c.acc), "geodesic_residual": _s(c.geo),
                  "d2/dt2 L": _s(c.direct), "Riemannian_formula": _s(c.formula), "calculus_formula": _s(c.calc)},
        latex=(r"Euclidean plane in polar coordinates $(r,\phi)$, $g=\mathrm{diag}(1,r^2)$, at $(x,y)=(3,4)$ ($r=5$). The straight line "
               r"$(3+at,4+bt)$ is a geodesic; its polar velocity and acceleration at $t=0$ satisfy $\ddot\psi^k+\Gamma^k_{ij}\dot\psi^i\dot\psi^j=0$ exactly. "
               f"For $\\tilde{{\\mathcal{{L}}}}={_L(c.Lt)}$: $\\frac{{d^2}}{{dt^2}}\\tilde{{\\mathcal{{L}}}}={_L(c.direct)}$, which equals "
               r"$\dot\psi^\top(\partial^2\tilde{\mathcal{L}}-\Gamma^k\partial_k\tilde{\mathcal{L}})\dot\psi$ and differs from the calculus form "
               f"${_L(c.calc)}$. For an arbitrary connection, $(\\nabla\\mathrm d\\mathcal{{L}})_{{ij}}=\\partial_i\\partial_j\\mathcal{{L}}-\\Gamma^k_{{ij}}\\partial_k\\mathcal{{L}}$ "
               r"is the definition (with $\nabla_{\partial_i}\partial_j=\Gamma^k_{ij}\partial_k$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-calculus-case-gamma-zero", location="Sec. 'The Riemannian Hessian', paragraph after the first display",
     quote=r"""In the calculus case, where the Euclidean metric and the Cartesian coordinates are assumed by default, $\Gamma^k_{ij}$ vanishes identically; hence the previous definition of the Hessian.""",
     expected=Verdict.TRUE, kind="verbal")
def _gamma0(ctx: Context) -> Outcome:
    X = sp.symbols("x1:4")
    Gam = Metric(sp.eye(3), X).christoffel()
    zero = all(e == 0 for e in sp.flatten(Gam))
    ok = zero
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "constant metric => all Christoffel symbols vanish, so H_ij reduces to the matrix of second partials (the Riemannian Hessian generalizes it)",
        correction=None if ok else "Gamma does not vanish",
        evidence={"Gamma_euclidean_R3": _s(sp.flatten(Gam))},
        latex=r"For $g=I$ (any constant metric) $\partial g=0$, so $\Gamma^k_{ij}=0$ (engine, $n=3$) and $H_{ij}=\partial_i\partial_j\mathcal{L}$. Only in affine (Cartesian) coordinates: in polar coordinates $\Gamma\neq0$ (see 003-gamma-nonzero-polar).",
        rule=None if ok else 'counterexample',
    )


def _printed_gamma_law(gamma_theta, X, theta_of_psi, psi):
    """Eq. as printed: Gamma~^k_ij = Gamma^o_mn dpsi^k/dtheta^o dtheta^m/dpsi^i dtheta^n/dpsi^j + d2theta^o/dpsi^i dpsi^j dpsi^k/dtheta^o."""
    d = len(psi)
    K = sp.Matrix(theta_of_psi).jacobian(psi)
    A = _inv_small(K)  # A[k, o] = dpsi^k / dtheta^o
    sub = dict(zip(X, theta_of_psi))
    G = [[[sp.sympify(gamma_theta[o][m][n]).subs(sub, simultaneous=True) for n in range(d)] for m in range(d)] for o in range(d)]
    return [[[sum(G[o][m][n] * A[k, o] * K[m, i] * K[n, j] for o in range(d) for m in range(d) for n in range(d))
              + sum(sp.diff(theta_of_psi[o], psi[i], psi[j]) * A[k, o] for o in range(d))
              for j in range(d)] for i in range(d)] for k in range(d)]


@add("003-christoffel-law", location="Sec. 'The Riemannian Hessian', transformation of the connection",
     quote=r"""\tilde\Gamma_{ij}^k = \Gamma_{mn}^o \frac{\partial \psi^k}{\partial \theta^o} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \psi^k}{\partial \theta^o} .""",
     expected=Verdict.TRUE, kind="equation")
def _gamlaw(ctx: Context) -> Outcome:
    G = _generic(2)
    X = TH
    g = sp.Matrix([[1 + T1**2, T1 * T2], [T1 * T2, 1 + T2**2]])  # a non-flat metric
    gam = _christoffel(g, X)
    gp = G.K.T * g.subs(dict(zip(X, G.th)), simultaneous=True) * G.K
    direct = _christoffel(gp, G.psi)
    printed = _printed_gamma_law(gam, X, G.th, G.psi)
    generic_ok = all(_zero(direct[k][i][j] - printed[k][i][j]) for k in range(2) for i in range(2) for j in range(2))
    engine_ok = christoffel_law_holds(Metric(g, X), list(SHEAR), PS)
    ok = generic_ok and engine_ok
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the printed law equals the Christoffel symbols of the pulled-back metric, exactly, for a generic map theta(psi) and a non-flat metric",
        correction=None if ok else "wrong connection law",
        evidence={"metric": _s(g), "generic_map_exact": generic_ok, "engine_christoffel_law_holds_shear": engine_ok},
        latex=(f"Metric $G={_L(g)}$ on $\\theta$; generic undefined $\\theta(\\psi)$. The Christoffel symbols of $K^\\top(G\\circ\\theta)K$ computed "
               r"from first principles in $\psi$ equal the printed right-hand side (with $\partial\psi^k/\partial\theta^o=(K^{-1})^k{}_o$) "
               r"exactly; cross-checked with \texttt{christoffel\_law\_holds} for $\theta=(\psi_1+\psi_2^2,\psi_2)$. For a general "
               r"connection this law is how connection coefficients transform by definition."),
        rule=None if ok else 'counterexample',
    )


def _riem_symbolic(d):
    """Symbolic pieces at a point: Gamma (o,m,n), A = J, K = J^{-1}, D2 (o,i,j), gradient g, Hessian h."""
    J = _J_sym(d)
    K = _inv_small(J)
    Gam = [[[sp.Symbol(f"G{o}_{min(m, n)}{max(m, n)}") for n in range(d)] for m in range(d)] for o in range(d)]
    D2 = [[[sp.Symbol(f"D{o}_{min(i, j)}{max(i, j)}") for j in range(d)] for i in range(d)] for o in range(d)]
    g = sp.symbols(f"g0:{d}")
    h = _sym_matrix("h", d, symmetric=True)
    return J, K, Gam, D2, g, h


def _riem_correct(d, i, j, J, K, Gam, D2, g, h):
    """Correct value of H~_ij = d2(L o theta) - Gamma~ d(L o theta), with distinct dummies."""
    hess = sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
    gt = [sum(g[p] * K[p, k] for p in range(d)) for k in range(d)]
    gamt = [sum(Gam[o][m][n] * J[k, o] * K[m, i] * K[n, j] for o in range(d) for m in range(d) for n in range(d))
            + sum(D2[o][i][j] * J[k, o] for o in range(d)) for k in range(d)]
    return hess - sum(gamt[k] * gt[k] for k in range(d))


def _cz(e) -> bool:
    return _rat_zero(e)


@add("003-riem-law-step-substitution", location="Sec. 'The Riemannian Hessian', transformation display, line 2",
     quote=r"""- \left( \Gamma_{mn}^o \frac{\partial \psi^k}{\partial \theta^o} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \psi^k}{\partial \theta^o} \right) \frac{\partial \L}{\partial \theta^o} \frac{\partial \theta^o}{\partial \psi^k}""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="proof-step")
def _rs2(ctx: Context) -> Outcome:
    lit_ok, sep_factor = True, {}
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                hess = sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
                # literal: the letter o is ONE summation variable across the whole product
                lit = hess - sum((sum(Gam[o][m][n] * J[k, o] * K[m, i] * K[n, j] for m in range(d) for n in range(d))
                                  + D2[o][i][j] * J[k, o]) * g[o] * K[o, k] for o in range(d) for k in range(d))
                lit_ok &= _cz(lit - correct)
        # the other reading: contract (dpsi^k/dtheta^o)(dtheta^o/dpsi^k) on its own (a full trace = d)
        sep_factor[d] = sp.cancel(sum(J[k, o] * K[o, k] for k in range(d) for o in range(d)))
    # the verdict follows from the two computations: exact under the one-variable-per-letter reading, and
    # different (a factor d, not 1) when the repeated pair is contracted on its own
    convention_matters = any(v != 1 for v in sep_factor.values())
    if lit_ok and convention_matters:
        verdict, rule = Verdict.TRUE_UNDER_CONVENTION, "index"
    elif lit_ok:
        verdict, rule = Verdict.TRUE, None
    else:
        verdict, rule = Verdict.TYPO, "index"
    return Outcome(
        verdict,
        ("the dummy o appears three times in one product; read as one summation variable the line is exact, as strict Einstein notation it is ill-formed"
         if lit_ok else "the line differs from the correct substitution even with one summation variable per letter; a new dummy p is needed"),
        rule=rule,
        correction=(None if lit_ok else r"write the gradient factor as $\frac{\partial\L}{\partial\theta^p}\frac{\partial\theta^p}{\partial\psi^k}$ with a new dummy $p$"),
        convention=None if verdict is not Verdict.TRUE_UNDER_CONVENTION else ("each index letter is one summation variable over the whole product (so sum_k dpsi^k/dtheta^o dtheta^o/dpsi^k = 1 for each o): "
                    "then the line equals the correct substitution for generic symbols (d = 2 all symbolic; d = 3 with a rational J); contracting that pair separately "
                    "as an Einstein pair gives sum_{k,o} = d instead of 1 (computed: " + ", ".join(f"d={d}: {v}" for d, v in sep_factor.items()) + ")"),
        evidence={"literal_reading_exact": lit_ok, "separate_pair_contraction": {str(d): _s(v) for d, v in sep_factor.items()}},
        latex=(r"The gradient $\partial(\mathcal{L}\circ\varphi^{-1})/\partial\psi^k$ should be written $\partial_p\mathcal{L}\,\partial\theta^p/\partial\psi^k$ with a new dummy $p$; "
               r"the line reuses $o$, which already belongs to $\tilde\Gamma$. Evaluating the printed term with one summation per letter "
               r"($\sum_k\frac{\partial\psi^k}{\partial\theta^o}\frac{\partial\theta^o}{\partial\psi^k}=(KJ)^o{}_o=1$) gives exactly the correct value "
               r"for symbolic $\Gamma$, $J$, $\partial^2\theta$, $\nabla\mathcal{L}$, $\partial^2\mathcal{L}$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)); contracting that pair by itself would give "
               r"$\mathrm{tr}(KJ)=d$."),
    )


@add("003-riem-law-step-cancel", location="Sec. 'The Riemannian Hessian', transformation display, line 3",
     quote=r"""- \Gamma_{mn}^o \cancel{\frac{\partial \psi^k}{\partial \theta^o}} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \frac{\partial \L}{\partial \theta^o} \cancel{\frac{\partial \theta^o}{\partial \psi^k}}""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs3(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                line3 = (sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
                         - sum(Gam[o][m][n] * K[m, i] * K[n, j] * g[o] for o in range(d) for m in range(d) for n in range(d))
                         - sum(D2[o][i][j] * g[o] for o in range(d)))
                ok &= _cz(line3 - correct)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "sum_k dpsi^k/dtheta^o dtheta^p/dpsi^k = delta^p_o: after the cancellations the line equals the correct substitution (exact; d = 2 all symbolic, d = 3 with a rational J)",
        correction=None if ok else "cancellation wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$K J=I$ gives $\frac{\partial\psi^k}{\partial\theta^o}\frac{\partial\theta^p}{\partial\psi^k}=\delta^p_o$; the resulting line equals the substitution with distinct dummies for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riem-law-step-second-derivatives-cancel", location="Sec. 'The Riemannian Hessian', transformation display, line 4",
     quote=r"""\cancel{+ \frac{\partial \L}{\partial \theta^o} \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j}} - \Gamma_{mn}^o \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \frac{\partial \L}{\partial \theta^o} \cancel{- \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \L}{\partial \theta^o}}""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs4(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                line4 = (sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d))
                         - sum(Gam[o][m][n] * K[m, i] * K[n, j] * g[o] for o in range(d) for m in range(d) for n in range(d)))
                ok &= _cz(line4 - correct)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "+ dL/dtheta^o d2theta^o and - d2theta^o dL/dtheta^o cancel: the non-tensorial terms of the calculus Hessian and of Gamma~ annihilate (exact)",
        correction=None if ok else "terms do not cancel",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"The inhomogeneous term of $\tilde\Gamma$ contracted with $\tilde\nabla\mathcal{L}$ equals $\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$, exactly the extra term of the calculus Hessian; verified for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riem-law-step-factor", location="Sec. 'The Riemannian Hessian', transformation display, line 5",
     quote=r"""&= \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \left( \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n} - \Gamma_{mn}^o \frac{\partial \L}{\partial \theta^o} \right)""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs5(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        HR = sp.Matrix(d, d, lambda m, n: h[m, n] - sum(Gam[o][m][n] * g[o] for o in range(d)))
        for i in range(d):
            for j in range(d):
                ok &= _cz((K.T * HR * K)[i, j] - _riem_correct(d, i, j, J, K, Gam, D2, g, h))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "factoring dtheta^m/dpsi^i dtheta^n/dpsi^j out is exact (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "factorization wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$K^\top(\partial^2\mathcal{L}-\Gamma^o\partial_o\mathcal{L})K$ equals the full substitution for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riemannian-hessian-law", location="Sec. 'The Riemannian Hessian', transformation display, last line",
     quote=r"""&= \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} H_{mn} . \end{align*}""",
     expected=Verdict.TRUE, kind="proposition")
def _rlaw(ctx: Context) -> Outcome:
    return _riemannian_law_outcome()


def _polar_noncritical():
    """L = theta1 (non-critical everywhere) in polar coordinates at (r, phi) = (5, atan(4/3))."""
    L = T1
    Lt = L.subs(dict(zip(TH, POLAR)))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    Hc = sp.hessian(Lt, (R, PHI)).subs(pt)
    HR = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                   - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt).applyfunc(sp.simplify)
    K = sp.Matrix(POLAR).jacobian((R, PHI)).subs(pt)
    return Lt, Hc.applyfunc(sp.simplify), HR, K, Gam


@add("003-riemannian-law-everywhere", location="Sec. 'The Riemannian Hessian', paragraph after the transformation display",
     quote=r"""Note that while this transformation rule is very similar to the transformation of the “calculus Hessian” at a critical point, the transformation rule of the Riemannian Hessian applies everywhere on $\Theta$.""",
     expected=Verdict.TRUE, kind="verbal")
def _everywhere(ctx: Context) -> Outcome:
    Lt, Hc, HR, K, _ = _polar_noncritical()
    ok = HR == sp.zeros(2, 2) and Hc != sp.zeros(2, 2)  # H = 0 for L = theta1, so K^T H K = 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at a non-critical point (L = theta1 in polar coordinates at (3,4)) the Riemannian Hessian is K^T 0 K = 0 while the calculus one is not",
        correction=None if ok else "law fails off critical points",
        evidence={"L_polar": _s(Lt), "calculus_hessian": _s(Hc), "riemannian_hessian": _s(HR)},
        latex=(f"$\\mathcal{{L}}=\\theta_1$ has $H\\equiv0$ and no critical point. In polar coordinates, $\\tilde{{\\mathcal{{L}}}}={_L(Lt)}$; at $(x,y)=(3,4)$ the Riemannian "
               f"Hessian is ${_L(HR)}=K^\\top 0K$ while the calculus Hessian is ${_L(Hc)}$. The general law is proven in 003-riemannian-hessian-law."),
        rule=None if ok else 'counterexample',
    )


@add("003-riemannian-bilinear-invariant-everywhere", location="Sec. 'The Riemannian Hessian', paragraph after the transformation display",
     quote=r"""This means, seen as a bilinear map, the Hessian is invariant everywhere on $\Theta$. (Not just at the critical points as before.)""",
     expected=Verdict.TRUE, kind="proposition")
def _bil_everywhere(ctx: Context) -> Outcome:
    # L = theta1^2 + theta1 theta2^2 + 2 theta2 in polar coordinates at (3, 4), vectors v, w symbolic
    L = T1**2 + T1 * T2**2 + 2 * T2
    Lt = L.subs(dict(zip(TH, POLAR)))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    HR = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                   - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt).applyfunc(sp.simplify)
    H = sp.hessian(L, TH).subs({T1: 3, T2: 4})
    K = sp.Matrix(POLAR).jacobian((R, PHI)).subs(pt).applyfunc(sp.simplify)
    J = K.inv()
    v, w = sp.Matrix(sp.symbols("v1 v2")), sp.Matrix(sp.symbols("w1 w2"))
    diff = sp.simplify(((J * v).T * HR * (J * w))[0] - (v.T * H * w)[0])
    grad = [sp.diff(L, x).subs({T1: 3, T2: 4}) for x in TH]
    ok = diff == 0 and any(g != 0 for g in grad)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for the Riemannian Hessian B~(Jv, Jw) = B(v, w) at a non-critical point (polar coordinates, gradient != 0), exact",
        correction=None if ok else "not invariant",
        evidence={"L": _s(L), "grad_at_(3,4)": _s(grad), "H": _s(H), "H_R_polar": _s(HR)},
        latex=(f"$\\mathcal{{L}}={_L(L)}$ at $(3,4)$ (gradient ${_L(sp.Matrix(grad).T)}\\neq0$): $H={_L(H)}$, polar Riemannian Hessian ${_L(HR)}$; "
               r"$(Jv)^\top\tilde H(Jw)=v^\top Hw$ for symbolic $v,w$. True for the Riemannian Hessian; the calculus one fails (003-consensus-bilinear-noncritical)."),
        rule=None if ok else 'counterexample',
    )


@add("003-gamma-nonzero-polar", location="Sec. 'The Riemannian Hessian', last paragraph",
     quote=r"""But as can be seen in its transformation rule, under a reparametrization $\varphi$, this quantity is non-zero in general in $\psi$ parametrization—this is already true for a simple, common transformation between the Cartesian and polar coordinates.""",
     expected=Verdict.TRUE, kind="example")
def _polar_gamma(ctx: Context) -> Outcome:
    Gp = _christoffel(sp.diag(1, R**2), (R, PHI))
    zero = [[[0] * 2 for _ in range(2)] for _ in range(2)]
    law = _printed_gamma_law(zero, TH, POLAR, (R, PHI))
    eng = transform_christoffel(sp.ImmutableDenseNDimArray([0] * 8, (2, 2, 2)), TH, list(POLAR), (R, PHI))
    same = all(sp.simplify(Gp[k][i][j] - law[k][i][j]) == 0 and sp.simplify(Gp[k][i][j] - eng[k, i, j]) == 0
               for k in range(2) for i in range(2) for j in range(2))
    vals = {"Gamma^r_phiphi": sp.simplify(Gp[0][1][1]), "Gamma^phi_rphi": sp.simplify(Gp[1][0][1])}
    lin = _printed_gamma_law(zero, TH, (P1 + 2 * P2, 3 * P2), PS)
    lin_zero = all(lin[k][i][j] == 0 for k in range(2) for i in range(2) for j in range(2))
    ok = same and vals["Gamma^r_phiphi"] == -R and vals["Gamma^phi_rphi"] == 1 / R and lin_zero
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Euclidean metric in polar coordinates: Gamma^r_phiphi = -r, Gamma^phi_rphi = 1/r (metric, printed law and engine agree); zero for affine maps",
        correction=None if ok else "polar Christoffels vanish",
        evidence={k: _s(v) for k, v in vals.items()} | {"three_computations_agree": same, "affine_map_gives_zero": lin_zero},
        latex=(r"From $\tilde G=\mathrm{diag}(1,r^2)$: $\tilde\Gamma^r_{\phi\phi}="
               f"{_L(vals['Gamma^r_phiphi'])}$, $\\tilde\\Gamma^\\phi_{{r\\phi}}={_L(vals['Gamma^phi_rphi'])}$; the printed law with $\\Gamma=0$ and "
               r"\texttt{transform\_christoffel} give the same. With $\Gamma=0$ the law leaves $\tilde\Gamma^k_{ij}=\frac{\partial\psi^k}{\partial\theta^o}\partial_i\partial_j\theta^o$, "
               r"which vanishes identically iff $\theta(\psi)$ is affine (checked for $\theta=(\psi_1+2\psi_2,3\psi_2)$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-discrepancy-ignoring-gamma", location="Sec. 'The Riemannian Hessian', last paragraph",
     quote=r"""How does this discrepancy happen? This is because we ignore $\Gamma^k_{ij}$ in calculus!""",
     expected=Verdict.TRUE, kind="verbal")
def _discrepancy(ctx: Context) -> Outcome:
    # Gamma~^k_ij d_k L~ = sum_l [ij, l] (G~^{-1} grad~ L)_l with the first-kind symbols [ij, l] of G~ = K^T K;
    # writing dL/dtheta = K u makes G~^{-1} grad~ L = u, so the identity becomes polynomial (no inverse)
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        u = sp.symbols(f"u1:{d + 1}")
        fk = _first_kind(G.K.T * G.K, G.psi)
        rep = {G.grad[o]: sum(G.K[o, l] * u[l] for l in range(d)) for o in range(d)}
        res[d] = all(_zero(sum(G.grad[o] * G.D2[o][i][j] for o in range(d)).xreplace(rep)
                           - sum(fk[l][i][j] * u[l] for l in range(d)))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "calculus Hessian in psi minus the Riemannian one = Gamma~^k_ij d_k L~, which equals the extra term dL/dtheta^o d2theta^o exactly (generic maps)",
        correction=None if ok else "difference is not the connection term",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"For the Euclidean metric carried to $\psi$ ($\tilde G=K^\top K$, undefined $\theta(\psi)$, $d=2,3$): $\tilde\Gamma^k_{ij}\partial_k\tilde{\mathcal{L}}=\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$ exactly (first-kind symbols of $\tilde G$ from first principles; writing $\nabla\mathcal{L}=Ku$ makes $\tilde G^{-1}\tilde\nabla\tilde{\mathcal{L}}=u$ and the identity polynomial), so dropping $\tilde\Gamma$ is precisely what adds the non-tensorial term.",
        rule=None if ok else 'counterexample',
    )
