"""003, the Hessian as a bilinear map."""

from __future__ import annotations

import sympy as sp
from ...symbolic.reparam import jacobian
from ..model import Context, Outcome, Verdict
from ._common import (
    _all_zero,
    _generic,
    _hessian_in_psi,
    _inv_small,
    _J_sym,
    _K,
    _L,
    _rat_zero,
    _s,
    _sym_matrix,
    _zero,
    add,
    GENERIC_DIMS,
    P1,
    P2,
    PHI_FWD,
    PHI_INV,
    PS,
    SHEAR,
    T1,
    T2,
    TH,
)


@add("003-hessian-definition", location="Sec. 'The Hessian as a Bilinear Map', first display",
     quote=r"""H_{ij}(\theta^*) = \frac{\partial^2 \L}{\partial \theta^i \theta^j}(\theta^*)""",
     expected=Verdict.TYPO, kind="definition")
def _hdef(ctx: Context) -> Outcome:
    printed = r"\frac{\partial^2 \mathcal{L}}{\partial \theta^i \theta^j}"
    missing = r"\partial \theta^i \partial \theta^j" not in printed
    # the corrected definition is the mixed directional derivative d_s d_t L(theta* + s e_i + t e_j) at 0
    a1, a2, s, t = sp.symbols("a1 a2 s t")
    c = sp.symbols("c0:10")
    L = sum(ci * m for ci, m in zip(c, [1, T1, T2, T1**2, T1 * T2, T2**2, T1**3, T1**2 * T2, T1 * T2**2, T2**3]))
    ok = True
    for i in range(2):
        for j in range(2):
            e = [sp.Integer(0), sp.Integer(0)]
            e2 = list(e)
            e[i] += s
            e2[j] += t
            Lst = L.subs({T1: a1 + e[0] + e2[0], T2: a2 + e[1] + e2[1]}, simultaneous=True)
            mixed = sp.diff(Lst, s, t).subs({s: 0, t: 0})
            ok &= sp.expand(mixed - sp.diff(L, TH[i], TH[j]).subs({T1: a1, T2: a2})) == 0
    return Outcome(
        Verdict.TYPO if (missing and ok) else Verdict.FALSE,
        "the denominator lacks the second partial sign: d^2 L / d theta^i theta^j should be d^2 L / d theta^i d theta^j",
        correction=r"$H_{ij}(\theta^*)=\dfrac{\partial^2\mathcal{L}}{\partial\theta^i\,\partial\theta^j}(\theta^*)$",
        evidence={"printed_denominator": r"\partial \theta^i \theta^j", "corrected_equals_mixed_directional_derivative": ok},
        latex=(r"As printed the denominator is $\partial\theta^i\,\theta^j$ (a partial derivative divided by the coordinate $\theta^j$); "
               r"every later formula of the post uses $\partial\theta^m\partial\theta^n$. The corrected definition agrees with "
               r"$\partial_s\partial_t\mathcal{L}(\theta^*+se_i+te_j)|_{0}$ for a generic cubic $\mathcal{L}$ with symbolic coefficients (exact)."),
        rule='symbol' if missing and ok else 'counterexample',
    )


@add("003-bilinear-form", location="Sec. 'The Hessian as a Bilinear Map', paragraph after the definition",
     quote=r"""The Hessian matrix defines a bilinear function, i.e., given arbitrary vectors $v, w$ in $\R^d$, we can write a function $B(v, w) = v^i w^j H_{ij}(\theta^*)$.""",
     expected=Verdict.TRUE, kind="definition")
def _bil(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        X = sp.symbols(f"x1:{d + 1}")
        a = sp.symbols(f"a1:{d + 1}")
        v = sp.symbols(f"v1:{d + 1}")
        w = sp.symbols(f"w1:{d + 1}")
        s, t = sp.symbols("s t")
        # generic cubic polynomial (all 2-jets at every point)
        monos = sorted(sp.itermonomials(X, 3), key=sp.default_sort_key)
        L = sum(sp.Symbol(f"c{k}") * m for k, m in enumerate(monos))
        H = sp.hessian(L, X).subs(dict(zip(X, a)))
        B = (sp.Matrix(v).T * H * sp.Matrix(w))[0]
        mixed = sp.diff(L.subs({X[k]: a[k] + s * v[k] + t * w[k] for k in range(d)}, simultaneous=True), s, t).subs({s: 0, t: 0})
        ok &= sp.expand(mixed - B) == 0 and H == H.T
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "B(v,w) = v^T H w = d_s d_t L(theta* + s v + t w)|_0 is bilinear and symmetric (exact, generic cubic L, d = 2, 3)",
        correction=None if ok else "B is not the mixed second derivative",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$B(v,w)=v^iw^jH_{ij}=\partial_s\partial_t\mathcal{L}(\theta^*+sv+tw)|_{s=t=0}$, linear in $v$ and in $w$, symmetric by Schwarz; exact for a generic cubic $\mathcal{L}$ with symbolic coefficients, $d=2,3$.",
        rule=None if ok else 'counterexample',
    )


@add("003-taylor-second-order", location="Sec. 'The Hessian as a Bilinear Map', Taylor expansion",
     quote=r"""\L(\theta) &\approx \L(\theta^*) + (\nabla \L \vert_{\theta^*})^\top d + \frac{1}{2} \underbrace{d^\top H(\theta^*) d}_{=B(d, d)}""",
     expected=Verdict.TRUE, kind="equation")
def _taylor(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        X = sp.symbols(f"x1:{d + 1}")
        a = sp.symbols(f"a1:{d + 1}")
        dd = sp.symbols(f"d1:{d + 1}")
        monos = sorted(sp.itermonomials(X, 4), key=sp.default_sort_key)
        L = sum(sp.Symbol(f"c{k}") * m for k, m in enumerate(monos))
        at = dict(zip(X, a))
        g = sp.Matrix([sp.diff(L, x) for x in X]).subs(at)
        H = sp.hessian(L, X).subs(at)
        D = sp.Matrix(dd)
        T2_ = L.subs(at) + (g.T * D)[0] + sp.Rational(1, 2) * (D.T * H * D)[0]
        rem = sp.Poly(sp.expand(L.subs({X[k]: a[k] + dd[k] for k in range(d)}, simultaneous=True) - T2_), *dd)
        ok &= min(sum(m) for m in rem.monoms()) >= 3
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "L(theta* + d) - [L + grad^T d + d^T H d / 2] has no term of degree < 3 in d (generic quartic, d = 2, 3); note 'd' also names the dimension",
        correction=None if ok else "wrong Taylor coefficients",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"For a generic quartic $\mathcal{L}$ with symbolic coefficients the remainder $\mathcal{L}(\theta^*+d)-\mathcal{L}(\theta^*)-\nabla\mathcal{L}^\top d-\tfrac12d^\top Hd$ contains only monomials of degree $\ge3$ in $d$ (exact, $d=2,3$); $d^\top Hd=B(d,d)$. The symbol $d$ is used both for $\theta-\theta^*$ and for $\dim\Theta$.",
        rule=None if ok else 'counterexample',
    )


@add("003-loss-maps-to-phi-inverse", location="Sec. 'The Hessian as a Bilinear Map', paragraph before the chain rule",
     quote=r"""Under the reparametrization $\varphi: \theta \mapsto \psi$ with $\psi^* = \varphi(\theta^*)$, we have $\L \mapsto \varphi^{-1}$.""",
     expected=Verdict.TYPO, kind="equation")
def _lmap(ctx: Context) -> Outcome:
    L = T1**2 + T1 * T2
    Lt = L.subs(dict(zip(TH, PHI_INV)), simultaneous=True)
    back = sp.expand(Lt.subs(dict(zip(PS, PHI_FWD)), simultaneous=True) - L)
    ok = back == 0 and len(PHI_INV) == 2
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the loss maps to L o phi^{-1} (as the next display uses); phi^{-1}: Psi -> Theta is vector-valued and cannot be the loss",
        correction=r"$\mathcal{L}\mapsto\mathcal{L}\circ\varphi^{-1}$",
        evidence={"L": _s(L), "L_o_phi_inverse": _s(sp.expand(Lt)), "L~(phi(theta)) - L(theta)": _s(back),
                  "phi_inverse_components": len(PHI_INV)},
        latex=(f"With $\\varphi^{{-1}}(\\psi)=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$ (two components: not a loss) and $\\mathcal{{L}}={_L(L)}$, "
               r"$\tilde{\mathcal{L}}=\mathcal{L}\circ\varphi^{-1}$ satisfies $\tilde{\mathcal{L}}(\varphi(\theta))-\mathcal{L}(\theta)=0$ exactly; the following display "
               r"differentiates $\mathcal{L}\circ\varphi^{-1}$, confirming the intended statement."),
        rule='symbol' if ok else 'counterexample',
    )


@add("003-chain-rule-step1", location="Sec. 'The Hessian as a Bilinear Map', chain-rule display, line 1",
     quote=r"""\tilde{H}_{ij} &= \frac{\partial^2 (\L \circ \varphi^{-1})}{\partial \psi^i \partial \psi^j} = \frac{\partial}{\partial \psi^j}\left( \frac{\partial \L}{\partial \theta^m} \frac{\partial \theta^m}{\partial \psi^i} \right)""",
     expected=Verdict.TRUE, kind="proof-step")
def _cr1(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        res[d] = all(_zero(G.Hd[i, j] - sp.diff(sum(G.grad[m] * G.K[m, i] for m in range(d)), G.psi[j]))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "chain rule, exact for a generic map theta(psi) and generic L (undefined functions), d = 2, 3",
        correction=None if ok else "chain rule fails",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"$\partial_j\partial_i(\mathcal{L}\circ\theta)=\partial_j(\partial_m\mathcal{L}\,\partial_i\theta^m)$ checked exactly with undefined $\theta^m(\psi)$ and $\mathcal{L}$ ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-chain-rule-step2", location="Sec. 'The Hessian as a Bilinear Map', chain-rule display, line 2",
     quote=r"""&= \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial \L}{\partial \theta^o} \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} . \end{align}\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _cr2(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        res[d] = all(_zero(G.Hd[i, j] - (G.K.T * G.hess * G.K)[i, j] - sum(G.grad[o] * G.D2[o][i][j] for o in range(d)))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "H~ = K^T H K + dL/dtheta^o d^2 theta^o/dpsi dpsi holds everywhere (generic maps, d = 2, 3)",
        correction=None if ok else "wrong second-order chain rule",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"Exact for undefined $\theta^m(\psi)$, $\mathcal{L}$: $\tilde H=K^\top(H\circ\theta)K+\sum_o\partial_o\mathcal{L}\,\partial^2\theta^o$, $K=\partial\theta/\partial\psi$, at every point ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-second-term-vanishes", location="Sec. 'The Hessian as a Bilinear Map', after the chain-rule display",
     quote=r"""However, notice that if we evaluate $\tilde{H}_{ij}$ at a minimum $\psi^* = \varphi(\theta^*)$, the second term vanishes.""",
     expected=Verdict.TRUE, kind="proof-step")
def _second_term(ctx: Context) -> Outcome:
    L = T1**2 + (T2 - 1) ** 2
    grad = sp.Matrix([sp.diff(L, x) for x in TH])

    def term(pt):
        th = [c.subs(dict(zip(PS, pt))) for c in SHEAR]
        gv = grad.subs(dict(zip(TH, th)))
        return sp.Matrix(2, 2, lambda i, j: sum(gv[o] * sp.diff(SHEAR[o], PS[i], PS[j]) for o in range(2)))

    at_min, elsewhere = term((-1, 1)), term((1, 0))
    ok = at_min == sp.zeros(2, 2) and elsewhere != sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the second term carries dL/dtheta, which is 0 at an interior minimum (indeed at every critical point); nonzero elsewhere",
        correction=None if ok else "the second term does not vanish",
        evidence={"L": _s(L), "theta_of_psi": _s(SHEAR), "term_at_minimum_psi=(-1,1)": _s(at_min),
                  "term_at_psi=(1,0)": _s(elsewhere)},
        latex=(r"The term $\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$ is linear in $\nabla\mathcal{L}$, which vanishes at an interior minimum (Fermat). "
               r"For $\mathcal{L}=\theta_1^2+(\theta_2-1)^2$, $\theta=(\psi_1+\psi_2^2,\psi_2)$: at $\psi^*=(-1,1)$ it is "
               f"${_L(at_min)}$, at $\\psi=(1,0)$ it is ${_L(elsewhere)}$. Only criticality is used: it vanishes at saddles too."),
        rule=None if ok else 'counterexample',
    )


@add("003-hessian-law-at-minimum", location="Sec. 'The Hessian as a Bilinear Map', display after 'And so, we have' (repeated in Sec. 'The Non-Invariance of the Hessian')",
     quote=r"""\tilde{H}_{ij}(\psi^*) = \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n}(\varphi^{-1}(\psi^*)) \frac{\partial \theta^m}{\partial \psi^i}(\psi^*) \frac{\partial \theta^n}{\partial \psi^j}(\psi^*) .""",
     expected=Verdict.TRUE, kind="equation")
def _law_min(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        crit = {g: 0 for g in G.grad}
        res[d] = all(_zero((G.Hd[i, j] - (G.K.T * G.hess * G.K)[i, j]).subs(crit)) for i in range(d) for j in range(d))
    # concrete: phi^{-1} = PHI_INV, psi* = (1, 1) -> theta* = (0, 0)?  use theta* = PHI_INV(1, 2)
    ps = (sp.Integer(1), sp.Integer(2))
    ts = [c.subs(dict(zip(PS, ps))) for c in PHI_INV]
    u1, u2 = T1 - ts[0], T2 - ts[1]
    L = u1**2 + u1 * u2 + 2 * u2**2 + u1**3
    H = sp.hessian(L, TH).subs(dict(zip(TH, ts)))
    K = _K(PHI_INV, ps)
    Ht = _hessian_in_psi(L, PHI_INV, ps)
    ok = all(res.values()) and sp.expand(Ht - K.T * H * K) == sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at a critical point H~(psi*) = K^T H(theta*) K: exact for generic maps (d = 2, 3) and a concrete nonlinear map",
        correction=None if ok else "the law fails at the minimum",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v], "theta_star": _s(ts), "psi_star": _s(ps),
                  "H": _s(H), "K": _s(K), "H_tilde": _s(Ht)},
        latex=(f"Generic: with $\\nabla\\mathcal{{L}}=0$ the chain rule leaves $\\tilde H=K^\\top HK$. Concrete: $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$, "
               f"$\\psi^*=(1,2)$, $\\theta^*=({_L(ts[0])},{_L(ts[1])})$, $\\mathcal{{L}}={_L(L)}$ with $u=\\theta-\\theta^*$: "
               f"$H={_L(H)}$, $K={_L(K)}$, $\\tilde H={_L(Ht)}=K^\\top HK$."),
        rule=None if ok else 'counterexample',
    )


@add("003-vector-law", location="Sec. 'The Hessian as a Bilinear Map', transformation of v and w",
     quote=r"""\tilde{v}^i = v^m \frac{\partial \psi^i}{\partial \theta^m}(\theta^*) \qquad \text{and} \qquad \tilde{w}^j = w^n \frac{\partial \psi^j}{\partial \theta^n}(\theta^*) ,""",
     expected=Verdict.TRUE, kind="equation")
def _vec(ctx: Context) -> Outcome:
    res = {}
    t = sp.Symbol("t")
    for d in GENERIC_DIMS:
        c = [sp.Function(f"c{m + 1}")(t) for m in range(d)]          # a curve theta(t) with velocity v = c'(t)
        phi = [sp.Function(f"phi{i + 1}")(*c) for i in range(d)]     # psi(t) = phi(theta(t))
        J = sp.Matrix(d, d, lambda i, m: sp.diff(phi[i], c[m]))
        vel = sp.Matrix([sp.diff(p, t) for p in phi])
        res[d] = _all_zero(vel - J * sp.Matrix([sp.diff(ci, t) for ci in c]))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "tangent vectors push forward by J = d psi/d theta: the velocity of phi(theta(t)) is J theta'(t) (generic phi, d = 2, 3)",
        correction=None if ok else "vectors transform with J^{-1}",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"For an arbitrary curve $\theta(t)$ with $\theta'(0)=v$ and undefined $\varphi$, $\frac{d}{dt}\varphi(\theta(t))=J\,\theta'(t)$ exactly, so $\tilde v^i=v^m\partial\psi^i/\partial\theta^m$ ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-inverse-jacobian", location="Sec. 'The Hessian as a Bilinear Map', paragraph before the bilinear-map display",
     quote=r"""Notice that $\frac{\partial \theta^m}{\partial \psi^i}(\psi^*)$ is the inverse of $\frac{\partial \psi^i}{\partial \theta^m}(\theta^*) = \frac{\partial \psi^i}{\partial \theta^m}(\varphi^{-1}(\psi^*))$.""",
     expected=Verdict.TRUE, kind="equation")
def _invjac(ctx: Context) -> Outcome:
    J = sp.Matrix(PHI_FWD).jacobian(TH)
    K = jacobian(list(PHI_INV), PS)  # engine: d x_old / d y_new = d theta / d psi = the post's J^{-1}
    prod = sp.expand(K * J.subs(dict(zip(TH, PHI_INV)), simultaneous=True))
    ok = prod == sp.eye(2) and K == _K(PHI_INV)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "K(psi) J(phi^{-1}(psi)) = I identically for a nonlinear polynomial diffeomorphism (inverse function theorem)",
        correction=None if ok else "not inverse",
        evidence={"phi": _s(PHI_FWD), "phi_inverse": _s(PHI_INV), "K_times_J": _s(prod)},
        latex=(f"$\\psi=({_L(PHI_FWD[0])},\\ {_L(PHI_FWD[1])})$, $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$: "
               r"$\frac{\partial\theta}{\partial\psi}(\psi)\,\frac{\partial\psi}{\partial\theta}(\varphi^{-1}(\psi))=I$ identically in $\psi$ (exact)."),
        rule=None if ok else 'counterexample',
    )


@add("003-bilinear-cancellation-step", location="Sec. 'The Hessian as a Bilinear Map', bilinear-map display, line 2",
     quote=r"""&= v^m \cancel{\frac{\partial \psi^i}{\partial \theta^m}(\varphi^{-1}(\theta^*))} w^n \cancel{\frac{\partial \psi^j}{\partial \theta^n}(\varphi^{-1}(\theta^*))}""",
     expected=Verdict.TYPO, kind="proof-step")
def _bilcancel(ctx: Context) -> Outcome:
    # psi1 = theta1/(1 - theta1), psi2 = theta2; inverse theta1 = psi1/(1 + psi1)
    fwd = (T1 / (1 - T1), T2)
    inv = (P1 / (1 + P1), P2)
    ts = (sp.Rational(1, 2), sp.Integer(0))
    ps = tuple(c.subs(dict(zip(TH, ts))) for c in fwd)
    wrong_pt = tuple(c.subs(dict(zip(PS, ts))) for c in inv)  # phi^{-1}(theta*) as printed
    J = sp.Matrix(fwd).jacobian(TH)
    K = _K(inv, ps)
    printed = sp.simplify(J.subs(dict(zip(TH, wrong_pt))) * K)
    fixed = sp.simplify(J.subs(dict(zip(TH, ts))) * K)
    # literal 'sum over every repeated letter' reading of the (index-reusing) line equals v^T H w
    lit_ok = True
    for d in GENERIC_DIMS:
        Jg = _J_sym(d)
        Kg = _inv_small(Jg)
        H = _sym_matrix("h", d, symmetric=True)
        v = sp.symbols(f"v1:{d + 1}")
        w = sp.symbols(f"w1:{d + 1}")
        lit = sum(v[m] * Jg[i, m] * w[n] * Jg[j, n] * H[m, n] * Kg[m, i] * Kg[n, j]
                  for m in range(d) for n in range(d) for i in range(d) for j in range(d))
        lit_ok &= _rat_zero(lit - (sp.Matrix(v).T * H * sp.Matrix(w))[0])
    ok = printed != sp.eye(2) and fixed == sp.eye(2) and lit_ok
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the Jacobian is evaluated at phi^{-1}(theta*) (phi^{-1} applied to a point of Theta); it must be at theta* = phi^{-1}(psi*) for the cancellation",
        correction=(r"$v^m\frac{\partial\psi^i}{\partial\theta^m}(\theta^*)\,w^n\frac{\partial\psi^j}{\partial\theta^n}(\theta^*)\,"
                    r"\frac{\partial^2\mathcal{L}}{\partial\theta^a\partial\theta^b}(\theta^*)\frac{\partial\theta^a}{\partial\psi^i}(\psi^*)\frac{\partial\theta^b}{\partial\psi^j}(\psi^*)=v^mw^nH_{mn}(\theta^*)$"),
        evidence={"fwd": _s(fwd), "theta_star": _s(ts), "psi_star": _s(ps), "phi_inverse_of_theta_star": _s(wrong_pt),
                  "J(phi^{-1}(theta*)) K(psi*)": _s(printed), "J(theta*) K(psi*)": _s(fixed),
                  "literal_index_reading_gives_vHw": lit_ok},
        latex=(r"Take $\psi_1=\theta_1/(1-\theta_1)$, $\psi_2=\theta_2$, $\theta^*=(\tfrac12,0)$, $\psi^*=(1,0)$. As printed the canceled factors "
               f"are evaluated at $\\varphi^{{-1}}(\\theta^*)=({_L(wrong_pt[0])},{_L(wrong_pt[1])})$ and "
               f"$J(\\varphi^{{-1}}(\\theta^*))\\,K(\\psi^*)={_L(printed)}\\neq I$, so they do not cancel; at $\\theta^*$ the product is ${_L(fixed)}$. "
               r"The line also reuses the dummies $m,n$ four times; read as one summation per letter it still equals $v^\top Hw$ "
               r"(checked for generic $J$, $d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)), but strict Einstein notation needs new letters for the Hessian's indices."),
        rule='symbol' if ok else 'counterexample',
    )


@add("003-bilinear-result", location="Sec. 'The Hessian as a Bilinear Map', bilinear-map display, last line",
     quote=r"""&= v^m w^n H_{mn}(\varphi^{-1}(\psi^*)) .""",
     expected=Verdict.TRUE, kind="proof-step")
def _bilres(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        K = _inv_small(J)
        H = _sym_matrix("h", d, symmetric=True)
        v, w = sp.Matrix(sp.symbols(f"v1:{d + 1}")), sp.Matrix(sp.symbols(f"w1:{d + 1}"))
        Ht = K.T * H * K
        ok &= _rat_zero(((J * v).T * Ht * (J * w))[0] - (v.T * H * w)[0])
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with v~ = J v and H~ = K^T H K (critical point), v~^T H~ w~ = v^T H w exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "B~ differs",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$(Jv)^\top K^\top HK(Jw)=v^\top(KJ)^\top H(KJ)w=v^\top Hw$ with $K=J^{-1}$; exact for symbolic $J$, $H$, $v$, $w$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)). $\varphi^{-1}(\psi^*)=\theta^*$.",
        rule=None if ok else 'counterexample',
    )


@add("003-dummy-index-rename", location="Sec. 'The Hessian as a Bilinear Map', paragraph after the bilinear-map display",
     quote=r"""Since all those indices $m$, $n$ are simply dummy indices, the last expression is equivalent to $v^i w^i H_{ij}(\theta^*)$.""",
     expected=Verdict.TYPO, kind="proof-step")
def _dummy(ctx: Context) -> Outcome:
    H = sp.Matrix([[1, 2], [2, 3]])
    v, w = (1, 0), (0, 1)
    printed = sum(v[i] * w[i] * H[i, j] for i in range(2) for j in range(2))
    fixed = sum(v[i] * w[j] * H[i, j] for i in range(2) for j in range(2))
    ok = printed != fixed
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        f"v^i w^i H_ij repeats i three times; read as a sum it is {printed} for v = e1, w = e2, H = [[1,2],[2,3]] instead of v^T H w = {fixed}",
        correction=r"$v^iw^jH_{ij}(\theta^*)$",
        evidence={"H": _s(H), "v": _s(v), "w": _s(w), "printed_sum": _s(printed), "v^T H w": _s(fixed)},
        latex=(r"Renaming the dummies $m\to i$, $n\to j$ in $v^mw^nH_{mn}$ gives $v^iw^jH_{ij}$. The printed $v^iw^iH_{ij}$ (index $i$ three times) "
               f"evaluated as $\\sum_{{i,j}}v^iw^iH_{{ij}}$ at $v=e_1$, $w=e_2$, $H={_L(H)}$ is ${printed}$, whereas $v^\\top Hw={fixed}$."),
        rule='index' if ok else None,
    )


@add("003-bilinear-invariant-at-minimum", location="Sec. 'The Hessian as a Bilinear Map', conclusion",
     quote=r"""Since $v$ and $w$ and $\varphi$ are arbitrary, this implies that, seen as a bilinear map, the Hessian at a minimum $\theta^*$ is invariant under reparametrization.""",
     expected=Verdict.TRUE, kind="proposition")
def _bilinv(ctx: Context) -> Outcome:
    # a saddle (criticality is enough) with the nonlinear PHI_INV map at theta* = (1, 1)
    ts = (sp.Integer(1), sp.Integer(1))
    ps = tuple(c.subs(dict(zip(TH, ts))) for c in PHI_FWD)
    u1, u2 = T1 - 1, T2 - 1
    L = u1**2 - u2**2 + u1**3
    H = sp.hessian(L, TH).subs(dict(zip(TH, ts)))
    Ht = _hessian_in_psi(L, PHI_INV, ps)
    J = sp.Matrix(PHI_FWD).jacobian(TH).subs(dict(zip(TH, ts)))
    v, w = sp.Matrix(sp.symbols("v1 v2")), sp.Matrix(sp.symbols("w1 w2"))
    diff = sp.expand(((J * v).T * Ht * (J * w))[0] - (v.T * H * w)[0])
    ok = diff == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "B~(Jv, Jw) = B(v, w) for all v, w at a critical point (here even a saddle, nonlinear map); fails off critical points",
        correction=None if ok else "not invariant",
        evidence={"L": _s(L), "theta_star": _s(ts), "psi_star": _s(ps), "H": _s(H), "H_tilde": _s(Ht), "J": _s(J)},
        latex=(f"Saddle $\\mathcal{{L}}={_L(L)}$ at $\\theta^*=(1,1)$, $\\psi^*=\\varphi(\\theta^*)=({ps[0]},{ps[1]})$, map $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$: "
               f"$H={_L(H)}$, $\\tilde H={_L(Ht)}$, $J={_L(J)}$, and $(Jv)^\\top\\tilde H(Jw)-v^\\top Hw=0$ for symbolic $v,w$. "
               r"The proof uses only $\nabla\mathcal{L}(\theta^*)=0$, so the statement holds at every critical point; off critical points see 003-consensus-bilinear-noncritical."),
        rule=None if ok else 'counterexample',
    )
