"""000, Proposition 2."""

from __future__ import annotations

import sympy as sp
from ...symbolic import graph_jets as gj
from ..model import Context, Outcome, Verdict
from ._common import (
    _at_crit,
    _dot,
    _down,
    _eye,
    _fmt,
    _frame_data,
    _hess,
    _ltx,
    _prove_all_n,
    _sorted_eigs,
    _up,
    add,
    E_FRAME,
    F_FRAME,
    N_FRAME,
    x,
    y,
)
from ..tools import identity_outcome, matrix_pairs


@add("000-critical-summary", location="Sec. The Loss Landscape's Hessian, paragraph before Prop. 2",
     quote=r"""The following proposition says that at a critical point, the unit normal vector can be chosen as $(0, \dots, 0, 1)$ and thus the scalar second fundamental form coincides with the Hessian of $\ell$. Furthermore, by orthonormalizing the basis for the tangent space at that point, we can show that the matrix of the scalar second fundamental form in this case is exactly the matrix of the shape operator at $p$ and thus the Hessian encodes the principal curvatures at that point.""",
     expected=Verdict.TRUE, kind="verbal")
def _crit_summary(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        N0 = [A.at_critical_point(c) for c in _up(A)]
        out = [(("N", a), N0[a], A.one if a == n else A.zero) for a in range(n + 1)]
        out += matrix_pairs(_at_crit(A, gj.second_fundamental_form_cf(A)), _hess(A), "h")
        out += matrix_pairs(_at_crit(A, gj.shape_operator_cf(A)), _hess(A), "s")
        out += matrix_pairs(_at_crit(A, gj.metric(A)), _eye(A), "g")
        return out

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="at grad ell = 0: N = (0,...,0,1), h = Hess, g = I (coordinate basis already orthonormal), s = Hess; exact, every d",
        correction="at critical points h = s = Hess",
        latex=(r"At $\nabla\ell=0$: $N=e_{d+1}$, $h=\nabla^2\ell$, $g=I$ and $s=\nabla^2\ell$ exactly for every $d$. In any orthonormal basis "
               r"$g=I$ and the matrices of $h$ and $s$ coincide; the eigenvalues of the Hessian are the principal curvatures."),
    )


@add("000-prop2", location="Sec. The Loss Landscape's Hessian, Proposition 2",
     quote=r"""Then the matrix of the shape operator $s$ of $L$ at $p_*$ is equal to the Hessian matrix of $\ell$ at $\theta_*$.""",
     expected=Verdict.TRUE, kind="proposition")
def _prop2(ctx: Context) -> Outcome:
    def build_up(A):
        return matrix_pairs(_at_crit(A, gj.shape_operator_cf(A)), _hess(A))

    def build_down(A):
        s_down = gj.matmul(A, gj.inverse_metric_cf(A), gj.second_fundamental_form_fp(A, _down(A)))
        return matrix_pairs(_at_crit(A, s_down), [[-e for e in row] for row in _hess(A)])

    up = _prove_all_n(build_up, 2)
    down = _prove_all_n(build_down, 2)
    ok = up.holds_for_all_n and down.holds_for_all_n
    # labelling rule: the proposition's proof fixes the normal, (0, ..., 0, 1) = the upward one, so the claim is
    # judged under it (TRUE); the downward value -Hess is evidence that the choice matters
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "s = Hess ell(theta_*) in the coordinate basis with the upward normal (0,...,0,1) that the proof fixes (the downward one would give -Hess)",
        correction=None if ok else r"$s(p_*)=\nabla^2\ell(\theta_*)$",
        rule=None if ok else "counterexample",
        evidence={"upward": up.evidence(), "downward_gives_minus_hessian": down.evidence()},
        latex=(r"At a critical point $s=\nabla^2\ell(\theta_*)$ with the upward normal and $s=-\nabla^2\ell(\theta_*)$ with the downward one, "
               r"exactly for every $d$. The proposition does not say which normal, but its proof picks $(0,\dots,0,1)$, the upward one: "
               r"by the labelling rule a convention the proof fixes is part of the statement, so the verdict is TRUE."),
    )


@add("000-prop2-proof-normal", location="Proof of Prop. 2, sentences 2-3",
     quote=r"""Furthermore pick $(0, \dots, 0, 1) \in \R^{d+1}$ as the choice of the unit normal $N$ at $p_*$. We can do so since by hypothesis $p_*$ is a critical point and therefore $(0, \dots, 0, 1)$ is perpendicular to $T_{p_*} L$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _prop2_normal(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        e = [A.zero] * n + [A.one]
        out = [(("perp", k), A.at_critical_point(_dot(A, T[k], e)), A.zero) for k in range(n)]
        N0 = [A.at_critical_point(c) for c in _up(A)]
        out += [(("field", a), N0[a], e[a]) for a in range(n + 1)]
        return out

    return identity_outcome(
        _prove_all_n(build, 1),
        reason="<d_k Z, e_{d+1}> = ell_k = 0 at a critical point, and the upward unit normal field takes the value e_{d+1} there",
        correction="e_{d+1} is normal at critical points",
        latex=(r"$\langle\partial_kZ,e_{d+1}\rangle=\ell_k(\theta_*)=0$; moreover $e_{d+1}$ is the value at $p_*$ of the upward unit normal "
               r"field, so Proposition 1 (which needs a normal \emph{field}) applies. Exact for every $d$."),
    )


@add("000-prop2-proof-gram-schmidt", location="Proof of Prop. 2, sentence 1",
     quote=r"""We can assume w.l.o.g. that the basis $(E_1, \dots, E_d)$ for $T_{p_*} L$ is orthonormal by applying the Gram-Schmidt algorithm on $d$ linearly independent tangent vectors in $T_{p_*} L$.""",
     expected=Verdict.AMBIGUOUS, kind="proof-step")
def _gram_schmidt(ctx: Context) -> Outcome:
    # critical point of ell = theta1^2/2 + theta2^2 at 0: tangent space = R^2 x {0}, H = diag(1, 2)
    H = sp.diag(1, 2)
    J = sp.Matrix([[1, 0], [0, 1], [0, 0]])  # d_i Z at the critical point
    # reading (a): Gram-Schmidt on v1 = d1Z + d2Z, v2 = d2Z
    V = J * sp.Matrix([[1, 0], [1, 1]])
    E = sp.Matrix.hstack(*sp.GramSchmidt([V[:, 0], V[:, 1]], orthonormal=True))
    Q = J.T * E  # E = J Q (J's top block is the identity, last components vanish)
    h_E = (Q.T * H * Q).applyfunc(sp.simplify)
    s_E = (Q.inv() * H * Q).applyfunc(sp.simplify)  # s in basis E: Q^{-1} s Q with s = H in coordinates
    reading_a = h_E == H
    # reading (b): Gram-Schmidt on the coordinate basis d_i Z returns it unchanged (g = I)
    Eb = sp.Matrix.hstack(*sp.GramSchmidt([J[:, 0], J[:, 1]], orthonormal=True))
    reading_b = Eb == J
    verdict = Verdict.AMBIGUOUS if (not reading_a and reading_b and h_E == s_E) else Verdict.TRUE
    return Outcome(
        verdict,
        "Prop. 1 gives h in the coordinate basis; in an arbitrary Gram-Schmidt basis the matrix is Q^T Hess Q, not Hess; no GS is needed since g = I",
        rule={Verdict.AMBIGUOUS: 'readings', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=(r"at a critical point $g_{ij}=\delta_{ij}$, so the coordinate basis $\partial_iZ=(e_i,0)$ is already orthonormal; "
                    r"in another orthonormal basis $E=\partial Z\,Q$ the matrices of $h$ and $s$ are $Q^\top\nabla^2\ell\,Q$"),
        evidence={"H": str(H), "GS_basis_from_(d1Z+d2Z, d2Z)": str(E), "h_in_that_basis": str(h_E), "s_in_that_basis": str(s_E),
                  "GS_of_coordinate_basis_is_itself": reading_b},
        latex=(r"Reading (a): $E$ from Gram--Schmidt on arbitrary tangent vectors. For $\ell=\frac12\theta_1^2+\theta_2^2$ at $0$ and "
               f"$v_1=\\partial_1Z+\\partial_2Z$, $v_2=\\partial_2Z$, the matrix of $h$ (and of $s$) in $E$ is ${sp.latex(h_E)}\\neq{sp.latex(H)}$: "
               r"the next step (``by Proposition 1 the matrix of $h$ is the Hessian'') fails; only the eigenvalues survive. "
               r"Reading (b): Gram--Schmidt on $\partial_1Z,\dots,\partial_dZ$, which at a critical point are already orthonormal ($g=I$), so "
               r"$E_i=\partial_iZ$ and the proof goes through. The ``w.l.o.g.'' is only valid in reading (b)."),
    )


@add("000-prop2-proof-h-hessian", location="Proof of Prop. 2, paragraph 2, sentence 1",
     quote=r"""It follows by Proposition 1 that the matrix of the scalar second fundamental form $h$ of $L$ at $p_*$ is equal to the Hessian matrix of $\ell$ at $\theta_*$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _prop2_h(ctx: Context) -> Outcome:
    def build(A):
        return matrix_pairs(_at_crit(A, gj.second_fundamental_form_fp(A, _up(A))), _hess(A))

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="with N^{d+1}(p_*) = 1, h = Hess ell(theta_*) in the coordinate basis d_i Z (exact, every d); see 000-prop2-proof-gram-schmidt for other bases",
        correction=r"$h(p_*)=\nabla^2\ell(\theta_*)$",
        latex=r"Proposition 1 (corrected) with $N^{d+1}(p_*)=1$: $(h_{ij})=\nabla^2\ell(\theta_*)$ in the basis $\partial_iZ$; exact for every $d$.",
    )


@add("000-prop2-proof-diagonal", location="Proof of Prop. 2, paragraph 2, sentences 2-3",
     quote=r"""Moreover, since we have an orthonormal basis for $T_{p_*} L$, the metric of $L$ at $p_*$ is represented by the $d \times d$ diagonal matrix. This implies that the matrix of the shape operator at $p_*$ is equal to the matrix of the second fundamental form and the claim follows directly.""",
     expected=Verdict.TYPO, kind="proof-step")
def _diagonal(ctx: Context) -> Outcome:
    # a diagonal (orthogonal, not orthonormal) metric does not give s = h: basis (d1Z, 2 d2Z) at a critical point of theta1 theta2
    H = sp.Matrix([[0, 1], [1, 0]])
    P = sp.diag(1, 2)
    g = P.T * sp.eye(2) * P
    h = P.T * H * P
    s = g.inv() * h
    diag_not_enough = g.is_diagonal() and s != h

    def build(A):
        return matrix_pairs(_at_crit(A, gj.metric(A)), _eye(A))

    res = _prove_all_n(build, 2)
    ok = diag_not_enough and res.holds_for_all_n
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        "a diagonal metric does not give s = h (need g = I): 'diagonal' must be 'identity'",
        correction=r"the metric of $L$ at $p_*$ is represented by the $d\times d$ identity matrix, so $s=g^{-1}h=h$",
        evidence={"orthogonal_basis_(d1Z,2d2Z)": {"g": str(g), "h": str(h), "s": str(s)}, "g_at_critical_is_I": res.evidence()},
        latex=(r"With the orthogonal basis $(\partial_1Z,2\partial_2Z)$ at the critical point of $\ell=\theta_1\theta_2$: "
               f"$g={sp.latex(g)}$ is diagonal but $s=g^{{-1}}h={sp.latex(s)}\\neq h={sp.latex(h)}$. In an orthonormal basis $g=I$ "
               r"(at a critical point the coordinate basis has $g=I$, exact for every $d$), and then $s=h$."),
        rule='wording' if ok else None,
    )


@add("000-local-quadratic", location="Sec. The Loss Landscape's Hessian, side note after Prop. 2",
     quote=r"""At any point in a hypersurface with any parametrization, the principal curvatures give a concise description of the local shape of the hypersurface by approximating it with the graph of a quadratic function.""",
     expected=Verdict.TRUE, kind="proposition")
def _local_quadratic(ctx: Context) -> Outcome:
    d = _frame_data()
    a1, a2 = sp.symbols("u1 u2", real=True)
    X = sp.Matrix([x, y, F_FRAME + x**3 - 2 * x * y**2])  # cubic terms do not affect the quadratic part
    p = X.subs({x: 0, y: 0})
    # u = E^T (X - p) is linear in theta to first order: theta = A u + O(u^2) with A = (E^T J)^{-1}
    Amat = (E_FRAME.T * d["J"]).inv()
    th = Amat * sp.Matrix([a1, a2])
    z = (N_FRAME.T * (X - p))[0].subs({x: th[0], y: th[1]}, simultaneous=True)
    zpoly = sp.Poly(sp.expand(z), a1, a2)
    lin = [zpoly.coeff_monomial(a1), zpoly.coeff_monomial(a2)]
    Q = sp.Matrix([[2 * zpoly.coeff_monomial(a1**2), zpoly.coeff_monomial(a1 * a2)],
                   [zpoly.coeff_monomial(a1 * a2), 2 * zpoly.coeff_monomial(a2**2)]])
    kappa = _sorted_eigs(d["s"])
    ok = lin == [0, 0] and _sorted_eigs(Q) == kappa and Q == d["s_E"]
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "in an orthonormal frame at p the surface is z = (1/2) u^T S u + O(|u|^3) with spec S = principal curvatures (exact example, non-critical point)",
        correction=None if ok else "z = 1/2 sum kappa_i u_i^2 + O(|u|^3)",
        evidence={"height_hessian": str(Q), "principal_curvatures": _fmt(kappa), "linear_terms": [str(c) for c in lin]},
        latex=(f"For $z={sp.latex(X[2])}$ at $0$ (gradient $(2,2)$, not a critical point), write the surface over its tangent plane in the "
               r"orthonormal frame $E_1=(2,-1,2)/3$, $E_2=(-1,2,2)/3$, $N=(-2,-2,1)/3$: the height $z(u)=\langle X-p,N\rangle$ has no linear "
               f"term and Hessian ${sp.latex(Q)}$, the matrix of $s$ in that frame, with eigenvalues ${_ltx(kappa)}$ = the principal "
               r"curvatures. Rotating to the principal directions gives $z=\frac12\sum_i\kappa_iu_i^2+O(|u|^3)$. (Lee's Prop.~8.24 is not checked.)"),
        rule=None if ok else 'counterexample',
    )
