"""003, introduction."""

from __future__ import annotations

import sympy as sp
from ..model import Context, Outcome, Verdict
from ..tools import verdict_from_readings
from ._common import (
    _eigs,
    _generic,
    _hessian_in_psi,
    _K,
    _L,
    _lst,
    _noncritical_bilinear,
    _s,
    _scale_example,
    _shear_example,
    _zero,
    add,
    GENERIC_DIMS,
    P1,
    P2,
    PHI_FWD,
    PHI_INV,
    PS,
    ROT,
    SCALE,
    SHEAR,
    T1,
    T2,
    TH,
)


@add("003-reparam-diffeomorphism", location="Introduction, paragraph 1",
     quote=r"""Suppose further $\varphi: \Theta \to \Psi$ is a reparametrization, i.e., a differentiable map with a differentiable inverse, mapping $\theta \mapsto \psi$.""",
     expected=Verdict.TRUE, kind="definition")
def _reparam(ctx: Context) -> Outcome:
    back = [sp.expand(c.subs(dict(zip(PS, PHI_FWD)), simultaneous=True)) for c in PHI_INV]
    J = sp.Matrix(PHI_FWD).jacobian(TH)
    K_at = _K(PHI_INV).subs(dict(zip(PS, PHI_FWD)), simultaneous=True)
    ok = back == [T1, T2] and sp.expand(J * K_at) == sp.eye(2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "a diffeomorphism: chain rule on phi^{-1} o phi = id gives K(phi(theta)) J(theta) = I, so J is invertible everywhere "
        "(the Hessian laws below also need phi^{-1} twice differentiable)",
        correction=None if ok else "internal check failed",
        evidence={"phi": _s(PHI_FWD), "phi_inverse": _s(PHI_INV), "J_times_K": _s(sp.expand(J * K_at))},
        latex=(r"A differentiable $\varphi$ with differentiable inverse satisfies $D\varphi^{-1}(\varphi(\theta))\,D\varphi(\theta)=I$, "
               r"so $\mathbf J=\partial\psi/\partial\theta$ is invertible with inverse $\partial\theta/\partial\psi$. "
               f"Checked exactly for $\\psi=\\varphi(\\theta)=({_L(PHI_FWD[0])},\\ {_L(PHI_FWD[1])})$ with the polynomial inverse "
               f"$\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$. Note: every transformation law of a Hessian below uses "
               r"$\partial^2\theta/\partial\psi^i\partial\psi^j$, i.e.\ $\varphi^{-1}\in C^2$."),
        rule=None if ok else 'counterexample',
    )


def _orth_example():
    L = T1**2 + 3 * T2**2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, ROT, (0, 0))
    return L, H, Ht


def _consensus_outcome(kind: str) -> Outcome:
    L, H, Ht = _scale_example()
    _, Ho, Hto = _orth_example()
    _, Hs, Hts = _shear_example()
    f = {"eigenvalues": _eigs, "determinant": lambda M: sp.Matrix(M).det(), "trace": lambda M: sp.Matrix(M).trace()}[kind]
    a, b = f(H), f(Ht)
    ao, bo = f(Ho), f(Hto)
    as_, bs = f(Hs), f(Hts)
    changed = a != b
    orth_same = ao == bo
    fmt = _lst if kind == "eigenvalues" else _L
    latex = (f"$L=\\theta_1^2+\\theta_2^2$ has its minimum at $\\theta^*=0$; with the linear reparametrization "
             r"$\theta=(2\psi_1,\psi_2)$ ($\psi^*=0$) the Hessian becomes "
             f"$\\tilde H={_L(Ht)}$ (exact), so the {kind} {'go' if kind == 'eigenvalues' else 'goes'} from ${fmt(a)}$ to ${fmt(b)}$. "
             f"Orthogonal maps keep it: $L=\\theta_1^2+3\\theta_2^2$, $\\theta=Q\\psi$ with $Q={_L(sp.Matrix(2, 2, [c.coeff(p) for c in ROT for p in PS]))}$ "
             f"gives $\\tilde H={_L(Hto)}$, {kind} ${fmt(ao)}\\to{fmt(bo)}$ ($\\tilde H=Q^\\top HQ$ is a similarity). "
             f"A nonlinear volume-preserving map $\\theta=(\\psi_1+\\psi_2^2,\\psi_2)$ at the minimum of "
             f"$\\theta_1^2+(\\theta_2-1)^2$ ($\\psi^*=(-1,1)$) gives $\\tilde H={_L(Hts)}$: {kind} ${fmt(as_)}\\to{fmt(bs)}$.")
    ok = changed and orth_same
    verb, pron = ("are", "they are") if kind == "eigenvalues" else ("is", "it is")
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"the {kind} of H(theta*) {verb} not invariant in general (exact counterexample at a minimum); {pron} invariant under orthogonal maps",
        correction=None if ok else f"the {kind} of H(theta*) {verb} invariant",
        evidence={"L": _s(L), "theta_of_psi": _s(SCALE), "before": _s(a), "after": _s(b),
                  "orthogonal_before": _s(ao), "orthogonal_after": _s(bo),
                  "volume_preserving_shear_before": _s(as_), "volume_preserving_shear_after": _s(bs)},
        latex=latex,
        rule=None if ok else 'counterexample',
    )


@add("003-consensus-eigenvalues", location="Introduction, consensus item 1",
     quote=r"""The eigenvalues of $H(\theta^*)$ are not invariant.""",
     expected=Verdict.TRUE, kind="verbal")
def _cons_eig(ctx: Context) -> Outcome:
    return _consensus_outcome("eigenvalues")


@add("003-consensus-determinant", location="Introduction, consensus item 2",
     quote=r"""The determinant of $H(\theta^*)$ is not invariant.""",
     expected=Verdict.TRUE, kind="verbal")
def _cons_det(ctx: Context) -> Outcome:
    out = _consensus_outcome("determinant")
    return Outcome(out.verdict, out.reason + "; det is kept exactly when |det J| = 1 (e.g. the nonlinear shear)",
                   out.correction, out.evidence, out.latex)


@add("003-consensus-trace", location="Introduction, consensus item 3",
     quote=r"""The trace of $H(\theta^*)$ is not invariant.""",
     expected=Verdict.TRUE, kind="verbal")
def _cons_tr(ctx: Context) -> Outcome:
    return _consensus_outcome("trace")


@add("003-consensus-bilinear-noncritical", location="Introduction, consensus item 4",
     quote=r"""Seen as a bilinear map, the Hessian is not invariant outside the critical points of $\L$.""",
     expected=Verdict.TRUE, kind="verbal")
def _cons_bil(ctx: Context) -> Outcome:
    L, H, Ht, v, vt, B, Bt = _noncritical_bilinear()
    Ht_aff = _hessian_in_psi(L, (P1 + 2 * P2, P2), (0, 0))
    ok = B != Bt and Ht_aff == sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"for the calculus Hessian: L = theta1, theta = (psi1 + psi2^2, psi2) at psi = 0 gives B(v,v) = {B} but B~(v~,v~) = {Bt}; "
        "affine maps keep it (the extra term needs d^2 theta != 0)",
        correction=None if ok else "the Hessian bilinear map is invariant everywhere",
        evidence={"L": "theta1", "theta_of_psi": _s(SHEAR), "H": _s(H), "H_tilde": _s(Ht), "v": _s(list(v)),
                  "v_tilde": _s(list(vt)), "B": _s(B), "B_tilde": _s(Bt), "affine_H_tilde": _s(Ht_aff)},
        latex=(r"The calculus Hessian transforms as $\tilde H_{ij}=H_{mn}\partial_i\theta^m\partial_j\theta^n+\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$. "
               r"For $\mathcal{L}=\theta_1$ ($H\equiv0$, $\nabla\mathcal{L}=(1,0)$) and $\theta=(\psi_1+\psi_2^2,\psi_2)$ at $\psi=0$: "
               f"$\\tilde H={_L(Ht)}$; with $\\tilde v=(0,1)$, $v=K\\tilde v=({_L(v[0])},{_L(v[1])})$, "
               f"$B(v,v)={_L(B)}\\neq\\tilde B(\\tilde v,\\tilde v)={_L(Bt)}$. For the affine map $\\theta=(\\psi_1+2\\psi_2,\\psi_2)$ "
               r"the second term vanishes and $\tilde H=0$: the statement is about non-affine reparametrizations "
               r"(and about the calculus Hessian: the Riemannian Hessian is a tensor everywhere, see below)."),
        rule=None if ok else 'counterexample',
    )


@add("003-intro-quantities-invariant", location="Introduction, paragraph after the consensus list",
     quote=r"""In this post, we shall see that these quantities are actually invariant under reparametrization!""",
     expected=Verdict.FALSE, kind="verbal")
def _intro_inv(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    G = sp.eye(2)
    K = _K(SCALE, (0, 0))
    Gt = K.T * G * K
    E, Et = G.inv() * H, Gt.inv() * Ht
    eH, eHt, eE, eEt = _eigs(H), _eigs(Ht), _eigs(E), _eigs(Et)
    false = eH != eHt and eE == eEt
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "'these quantities' are the eigenvalues/det/trace of H(theta*): they change (consensus items 1-3 are right); "
        "what the post proves invariant is the spectrum of the different object G^{-1}H",
        correction=(r"The eigenvalues, determinant and trace of the $(1,1)$-tensor $E=G^{-1}H$ (metric transported from $\theta$) are invariant; "
                    r"those of the matrix $H(\theta^*)$ are not, and the calculus Hessian is not a tensor off critical points."),
        evidence={"eig_H": _s(eH), "eig_H_tilde": _s(eHt), "eig_E": _s(eE), "eig_E_tilde": _s(eEt), "G_tilde": _s(Gt)},
        latex=(r"With $\mathcal{L}=\theta_1^2+\theta_2^2$ and $\theta=(2\psi_1,\psi_2)$ at the minimum: "
               f"$\\operatorname{{spec}}H={_lst(eH)}$, $\\operatorname{{spec}}\\tilde H={_lst(eHt)}$, while with $\\tilde G={_L(Gt)}$ "
               f"$\\operatorname{{spec}}\\tilde G^{{-1}}\\tilde H={_lst(eEt)}=\\operatorname{{spec}}G^{{-1}}H$. The quantities of items 1--3 "
               r"are not invariant; the post changes the object."),
        rule='counterexample' if false else None,
    )


@add("003-intro-calculus-default", location="Introduction, paragraph after the consensus list",
     quote=r"""Although the argument comes from Riemannian geometry, it will also hold even if we use the default assumption found in calculus—the standard setting assumed by deep learning algorithms and practitioners.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _intro_default(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    K = _K(SCALE, (0, 0))
    Gt = K.T * K
    a = _eigs(Gt.inv() * Ht) == _eigs(H)           # (a) Euclidean in theta, transported
    b = _eigs(sp.eye(2).inv() * Ht) == _eigs(H)    # (b) Euclidean in whatever parameters are used
    verdict, rule = verdict_from_readings({"(a) theta metric transported": a, "(b) identity in psi": b})
    return Outcome(
        verdict, rule=rule, correction=None if verdict is not Verdict.FALSE else "no reading holds: see the evidence of each reading",
        reason=
        "true if 'Euclidean' means the Euclidean metric of theta carried to psi (G~ = K^T K); false if the calculus default "
        "G = I is used in the new parameters psi, as a practitioner training in psi does",
        evidence={"reading_a_theta_metric_transported": a, "reading_b_identity_in_psi": b,
                  "eig_H": _s(_eigs(H)), "eig_Ht": _s(_eigs(Ht)), "G_tilde": _s(Gt)},
        latex=(r"$\mathcal{L}=\theta_1^2+\theta_2^2$, $\theta=(2\psi_1,\psi_2)$, at the minimum. Reading (a): the metric is the Euclidean "
               f"metric of $\\theta$ expressed in $\\psi$, $\\tilde G={_L(Gt)}$; then $\\operatorname{{spec}}\\tilde G^{{-1}}\\tilde H={_lst(_eigs(Gt.inv() * Ht))}$ "
               f"equals $\\operatorname{{spec}}H={_lst(_eigs(H))}$ (holds: {a}). Reading (b): the calculus default $G=I$ in the "
               f"coordinates one computes in; then $E=\\tilde H$ with spectrum ${_lst(_eigs(Ht))}$ (invariant: {b}). "
               r"Which coordinates are `Cartesian' is exactly what a reparametrization changes."),
    )


@add("003-einstein-covector", location="Introduction, Note on the Einstein convention",
     quote=r"""meanwhile the index $i$ in the following partial derivative $\partial f/\partial \theta^i$ counts as a lower index.""",
     expected=Verdict.TRUE, kind="definition")
def _covector(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        res[d] = all(_zero(sp.diff(G.Lc, G.psi[i]) - sum(G.grad[m] * G.K[m, i] for m in range(d))) for i in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "d(L o theta)/d psi^i = dL/dtheta^m dtheta^m/dpsi^i: gradients transform with K = J^{-1} (covariantly), exact for generic maps",
        correction=None if ok else "the gradient transforms contravariantly",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=(r"For generic (undefined) $\theta(\psi)$ and $\mathcal{L}$, $\partial(\mathcal{L}\circ\theta)/\partial\psi^i=\partial_m\mathcal{L}\,\partial\theta^m/\partial\psi^i$ "
               r"exactly ($d=2,3$): the components of $\mathrm d\mathcal{L}$ transform with $K=J^{-1}$, as a lower index must, while vectors "
               r"transform with $J$."),
        rule=None if ok else 'counterexample',
    )
