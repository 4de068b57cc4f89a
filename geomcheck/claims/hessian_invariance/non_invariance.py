"""003, the non-invariance of the Hessian."""

from __future__ import annotations

import sympy as sp
from ..model import Context, Outcome, Verdict
from ._common import (
    _eigs,
    _inv_small,
    _J_sym,
    _L,
    _lst,
    _mat_zero,
    _rat_zero,
    _s,
    _scale_example,
    _shear_example,
    _sym_matrix,
    add,
    GENERIC_DIMS,
    T1,
    T2,
    TH,
)


@add("003-downstream-not-invariant", location="Sec. 'The Non-Invariance of the Hessian', paragraph 1",
     quote=r"""some of its downstream quantities are not. Let us illustrate this using the determinant—one can also easily show similar results for trace and eigenvalues.""",
     expected=Verdict.TRUE, kind="verbal")
def _downstream(ctx: Context) -> Outcome:
    _, H, Ht = _shear_example()
    _, Hl, Hlt = _scale_example()
    det_same = H.det() == Ht.det()
    tr_changed = H.trace() != Ht.trace()
    eig_changed = _eigs(H) != _eigs(Ht)
    det_changed_scale = Hl.det() != Hlt.det()
    ok = tr_changed and eig_changed and det_changed_scale
    det_note = "det kept: det K = 1" if det_same else "det changed too"
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"at a minimum the nonlinear shear theta = (psi1 + psi2^2, psi2) changes trace and eigenvalues ({det_note}); a scaling changes det",
        rule=None if ok else "counterexample",
        correction=None if ok else "downstream quantities invariant",
        evidence={"shear_H": _s(H), "shear_H_tilde": _s(Ht), "eig": [_s(_eigs(H)), _s(_eigs(Ht))], "shear_det_same": det_same,
                  "trace": [_s(H.trace()), _s(Ht.trace())], "det": [_s(H.det()), _s(Ht.det())],
                  "scale_det": [_s(Hl.det()), _s(Hlt.det())]},
        latex=(r"$\mathcal{L}=\theta_1^2+(\theta_2-1)^2$, $\theta=(\psi_1+\psi_2^2,\psi_2)$, minimum at $\psi^*=(-1,1)$: "
               f"$H={_L(H)}$, $\\tilde H={_L(Ht)}$; trace ${_L(H.trace())}\\to{_L(Ht.trace())}$, eigenvalues "
               f"${_lst(_eigs(H))}\\to{_lst(_eigs(Ht))}$, determinant ${_L(H.det())}\\to{_L(Ht.det())}$ "
               + (r"(kept since $\det K=1$). " if det_same else r"(changed as well). ") +
               f"With $\\theta=(2\\psi_1,\\psi_2)$ the determinant goes ${_L(Hl.det())}\\to{_L(Hlt.det())}$."),
    )


@add("003-matrix-form-congruence", location="Sec. 'The Non-Invariance of the Hessian', matrix notation",
     quote=r"""In matrix notation, this is $\tilde{\mathbf{H}} = (\mathbf{J}^{-1})^\top \mathbf{H} \mathbf{J}^{-1}$.""",
     expected=Verdict.TRUE, kind="equation")
def _congr(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        K = _inv_small(J)  # K[m, i] = d theta^m / d psi^i
        H = _sym_matrix("h", d, symmetric=True)
        index = sp.Matrix(d, d, lambda i, j: sum(H[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)))
        ok &= _mat_zero(index - _inv_small(J).T * H * _inv_small(J))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with J = d psi/d theta, H_mn (J^{-1})^m_i (J^{-1})^n_j = ((J^{-1})^T H J^{-1})_ij exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "wrong matrix form",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"With $J^i{}_m=\partial\psi^i/\partial\theta^m$ (so that $\tilde v=Jv$, as the post fixes later), $\partial\theta^m/\partial\psi^i=(J^{-1})^m{}_i$ and $H_{mn}(J^{-1})^m{}_i(J^{-1})^n{}_j=((J^{-1})^\top HJ^{-1})_{ij}$; exact for symbolic $J$, $d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$). This is a congruence, not a similarity.",
        rule=None if ok else 'counterexample',
    )


@add("003-det-law", location="Sec. 'The Non-Invariance of the Hessian', determinant display",
     quote=r"""\det \tilde{\mathbf{H}} = (\det \mathbf{J}^{-1})^2 \det \mathbf{H} .""",
     expected=Verdict.TRUE, kind="equation")
def _detlaw(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        H = _sym_matrix("h", d, symmetric=True)
        Ht = _inv_small(J).T * H * _inv_small(J)
        ok &= _rat_zero(Ht.det() - _inv_small(J).det() ** 2 * H.det())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det((J^{-1})^T H J^{-1}) = (det J^{-1})^2 det H exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "wrong determinant law",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"Multiplicativity of $\det$ and $\det A^\top=\det A$; verified exactly for symbolic $J$, $H$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-det-not-invariant", location="Sec. 'The Non-Invariance of the Hessian', paragraph after the determinant display",
     quote=r"""Thus, in general, $\det \tilde{\mathbf{H}} \neq \det \mathbf{H}$. Hence the determinant of the Hessian is not invariant.""",
     expected=Verdict.TRUE, kind="verbal")
def _detnot(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    _, Hs, Hts = _shear_example()
    ok = H.det() != Ht.det() and Hs.det() == Hts.det()
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"theta = (2 psi1, psi2) at the minimum of theta1^2 + theta2^2: det {H.det()} -> {Ht.det()}; equal iff |det J| = 1 or det H = 0",
        correction=None if ok else "det is invariant",
        evidence={"scale": [_s(H.det()), _s(Ht.det())], "volume_preserving_shear": [_s(Hs.det()), _s(Hts.det())]},
        latex=(f"$\\det\\tilde H=(\\det J^{{-1}})^2\\det H$: with $\\theta=(2\\psi_1,\\psi_2)$, $\\det H={_L(H.det())}$, $\\det\\tilde H={_L(Ht.det())}$. "
               f"Equality holds exactly when $|\\det J|=1$ (or $\\det H=0$), e.g.\\ the nonlinear shear: ${_L(Hs.det())}\\to{_L(Hts.det())}$."),
        rule=None if ok else 'counterexample',
    )


@add("003-dinh-flatness", location="Sec. 'The Non-Invariance of the Hessian', last sentence",
     quote=r"""For instance, Dinh et al. 2017 argue that one cannot study the connection between flatness and generalization performance at the minimum of $\L$.""",
     expected=Verdict.TRUE, kind="verbal")
def _dinh(ctx: Context) -> Outcome:
    a, b, x, al = sp.symbols("a b x alpha", positive=True)
    relu = lambda z: sp.Max(0, z)  # noqa: E731
    f_same = sp.simplify(b * relu(a * x) - (b / al) * relu(al * a * x)) == 0
    L = sp.Rational(1, 2) * (T1 * T2 - 1) ** 2  # one ReLU unit, x = 1, y = 1, theta1 > 0
    H = sp.hessian(L, TH)
    H1 = H.subs({T1: 1, T2: 1})
    Ha = H.subs({T1: al, T2: 1 / al})
    tr_a = sp.simplify(Ha.trace())
    H2 = H.subs({T1: 2, T2: sp.Rational(1, 2)})
    # the same rescaling on a ReLU network with the matrix-free solvers (issue: curvature in any chart)
    from ..numeric_evidence import dinh_rescaling_evidence

    at_scale = dinh_rescaling_evidence()
    moves = float(at_scale["hessian_top_ratio"]) > 10 and float(at_scale["euclidean_graph_top_ratio"]) > 10
    ok = (f_same and sp.limit(tr_a, al, sp.oo) == sp.oo and _eigs(H1) != _eigs(H2)
          and bool(at_scale["max_output_change_below_1e-12"]) and moves)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the mathematics of Dinh et al.'s argument checks: the function-preserving rescaling (a, b) -> (alpha a, b/alpha) "
        "moves a minimum to one with Hessian trace alpha^2 + alpha^-2 (unbounded); the paraphrase 'cannot study' is the post's",
        correction=None if ok else "rescaling does not change flatness",
        evidence={"function_preserved": f_same, "L": _s(L), "H_at_(1,1)": _s(H1), "H_at_(alpha,1/alpha)": _s(Ha),
                  "trace": _s(tr_a), "eig_(1,1)": _s(_eigs(H1)), "eig_(2,1/2)": _s(_eigs(H2)),
                  "relu_network_at_scale": at_scale},
        latex=(r"Network $x\mapsto b\,\mathrm{relu}(ax)$; for $\alpha>0$, $b\,\mathrm{relu}(ax)=(b/\alpha)\,\mathrm{relu}(\alpha ax)$ (exact). "
               r"With one sample $x=y=1$ and $a>0$, $\mathcal{L}=\tfrac12(ab-1)^2$; every point of $ab=1$ is a minimum, and "
               f"$H(\\alpha,1/\\alpha)={_L(Ha)}$, trace ${_L(tr_a)}\\to\\infty$; at $(1,1)$ the spectrum is ${_lst(_eigs(H1))}$, at $(2,\\tfrac12)$ it is "
               f"${_lst(_eigs(H2))}$. Both minima lie on the same Euclidean landscape, whose shape operator there equals $H$: "
               r"the principal curvatures differ too (see 003-correct-object-shape-operator). "
               f"On a ReLU MLP (d = 108) the rescaling with $\\alpha\\in\\{{0.1,1,10\\}}$ leaves the outputs unchanged while the top Hessian "
               f"eigenvalue moves {at_scale['hessian_top_ratio']}x and the top curvature of the graph over the rescaled "
               f"parameters {at_scale['euclidean_graph_top_ratio']}x; the curvature computed in the chart back to the original "
               f"parameters stays {at_scale['invariant_top']} (equal to 1e-9: {at_scale['invariant_equal_to_1e-9']}). "
               r"The attribution's wording was not checked against the paper."),
        rule=None if ok else 'counterexample',
    )
