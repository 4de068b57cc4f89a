"""003, tensor-analysis viewpoint."""

from __future__ import annotations

import sympy as sp
from ...symbolic.metric import Metric
from ..model import Context, Outcome, Verdict
from ..tools import verdict_from_readings
from ._common import (
    _dinh_two_minima,
    _eigs,
    _hsc,
    _K,
    _L,
    _lst,
    _noncritical_bilinear,
    _riemannian_law_outcome,
    _s,
    _scale_example,
    add,
    PS,
    SCALE,
    SHEAR,
    T1,
    T2,
    TH,
)


@add("003-hessian-covariant-2-tensor", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 1",
     quote=r"""First, the Hessian represents a bilinear map, so it is a covariant 2-tensor.""",
     expected=Verdict.TRUE, kind="verbal")
def _cov2(ctx: Context) -> Outcome:
    r = _riemannian_law_outcome()
    _, _, _, _, _, B, Bt = _noncritical_bilinear()
    ok = r.verdict is Verdict.TRUE and B != Bt
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the Riemannian Hessian transforms as K^T H K everywhere (a (0,2)-tensor); the calculus Hessian is one only at critical points",
        correction=None if ok else "not a tensor",
        evidence={"riemannian_law": r.evidence, "calculus_noncritical_B_vs_B_tilde": [_s(B), _s(Bt)]},
        latex=r"Proven in 003-riemannian-hessian-law for generic maps and losses. The matrix of second partials is a tensor only where $\nabla\mathcal{L}=0$ (counterexample in 003-consensus-bilinear-noncritical).",
        rule=None if ok else 'counterexample',
    )


@add("003-eigenvalues-type-mismatch", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 1",
     quote=r"""Meanwhile, when we talk about eigenvalues, we refer to the spectral theorem and this theorem applies to linear maps. So, there is a type mismatch here.""",
     expected=Verdict.TRUE, kind="verbal")
def _mismatch(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    K = _K(SCALE, (0, 0))
    cong = _eigs(K.T * H * K)
    sim = _eigs(K.inv() * H * K)
    Hs = sp.Matrix([[2, 0], [0, -1]])
    Ks = sp.Matrix([[1, 3], [0, 2]])
    e0, e1 = _eigs(Hs), _eigs(Ks.T * Hs * Ks)
    signs_same = [sp.sign(x) for x in e0] == [sp.sign(x) for x in e1]
    ok = cong != _eigs(H) and sim == _eigs(H) and signs_same and e0 != e1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "a bilinear form changes by congruence K^T H K (spectrum not invariant), a linear map by similarity (spectrum invariant); only the signs (inertia) survive congruence",
        correction=None if ok else "no mismatch",
        evidence={"congruence": _s(cong), "similarity": _s(sim), "inertia_example": [_s(e0), _s(e1)]},
        latex=(f"$K=\\mathrm{{diag}}(2,1)$, $H=2I$: $\\operatorname{{spec}}K^\\top HK={_lst(cong)}$, $\\operatorname{{spec}}K^{{-1}}HK={_lst(sim)}$. "
               f"Sylvester: for $H={_L(Hs)}$ and $K={_L(Ks)}$ the spectrum ${_lst(e0)}$ becomes ${_lst(e1)}$, signs unchanged, so definiteness "
               r"and Morse index of a critical point are invariant even though the eigenvalues are not."),
        rule=None if ok else 'counterexample',
    )


@add("003-raise-index-11-tensor", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 2",
     quote=r"""This can be done by viewing the Hessian as a linear map on the tangent space onto itself, which is a 1-contravariant 1-covariant tensor. That is, we need to “raise” one of the indices of $H$. How do we do this? You guessed it: Multiply $H$ with the inverse of the metric.""",
     expected=Verdict.TRUE, kind="verbal")
def _raise(ctx: Context) -> Outcome:
    G = sp.Matrix([[2, 1], [1, 1]])
    H = sp.Matrix([[1, 0], [0, -1]])
    E = G.inv() * H
    eig = _eigs(E)
    real = all(x.is_real for x in eig)
    selfadj = (G * E - (G * E).T) == sp.zeros(2, 2)
    ok = real and selfadj
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "G^{-1}H is a (1,1)-tensor (E~ = J E J^{-1}) and self-adjoint w.r.t. G, so the spectral theorem applies (real eigenvalues, G-orthonormal eigenbasis)",
        correction=None if ok else "not self-adjoint",
        evidence={"G": _s(G), "H": _s(H), "G^-1H": _s(E), "eigenvalues": _s(eig)},
        latex=(f"$G(G^{{-1}}H)=H$ is symmetric, so $G^{{-1}}H$ is $G$-self-adjoint and similar to $G^{{-1/2}}HG^{{-1/2}}$: e.g.\\ $G={_L(G)}$, "
               f"$H={_L(H)}$ give $G^{{-1}}H={_L(E)}$ (not symmetric) with real spectrum ${_lst(eig)}$. Its transformation law is 003-shape-operator-similarity."),
        rule=None if ok else 'counterexample',
    )


@add("003-correct-object-shape-operator", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 3",
     quote=r"""The reason why “flatness measures” derived from the calculus version of Hessian is not invariant is simply because we measure those “flatness measures” from an incorrect object. The correct object we should use is the shape operator, which is obtained with the help of the metric (even when the latter is Euclidean).""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _correct(ctx: Context) -> Outcome:
    c = _hsc()
    _, H, Ht = _scale_example()
    L, pairs = _dinh_two_minima()
    a = c.shape_spectrum_invariant
    b = c.shape_eigenvalues_graph_of_pullback != c.shape_eigenvalues_x
    crit_b = _eigs(Ht) != _eigs(H)  # graph of L o phi^{-1} over Euclidean psi: at a minimum its shape operator is H~
    cc = pairs[0][1] != pairs[1][1]
    verdict, rule = verdict_from_readings({"(a) metric carried along": a, "(b) graph over Euclidean psi": not (b and crit_b),
                                           "(c) Dinh et al. rescaling": not cc})
    return Outcome(
        verdict, rule=rule, correction=None if verdict is not Verdict.FALSE else "no reading holds: see the evidence of each reading",
        reason=
        "invariant if 'the shape operator' is that of the graph over theta with the metric carried along; not if the graph of L o phi^{-1} over Euclidean psi is used, nor under Dinh's rescalings",
        evidence={"reading_a_transported_invariant": a,
                  "reading_b_graph_over_psi": {"shape_x": _s(c.shape_eigenvalues_x), "graph_of_pullback": _s(c.shape_eigenvalues_graph_of_pullback),
                                               "differs": b, "at_minimum_eig_H_vs_H_tilde": [_s(_eigs(H)), _s(_eigs(Ht))]},
                  "reading_c_dinh": {_s(p): _s(e) for p, e in pairs}, "reading_c_differs": cc},
        latex=(r"(a) Same hypersurface, new coordinates, normal transported: $\tilde s=JsJ^{-1}$ and "
               f"(engine, $\\theta_1^2+\\theta_2^2$ at $(1,1)$, $\\theta=(2\\psi_1,\\psi_2)$) the principal curvatures stay ${_lst(c.shape_eigenvalues_reparametrized)}$. "
               r"(b) `Euclidean' taken in the parameters actually used, $\psi$: the landscape is then the graph of $\mathcal{L}\circ\varphi^{-1}$ over $\psi$, a different "
               f"hypersurface, with principal curvatures ${_lst(c.shape_eigenvalues_graph_of_pullback)}$ at the same point; at the minimum its shape operator is "
               f"$\\tilde H$ with spectrum ${_lst(_eigs(Ht))}\\neq{_lst(_eigs(H))}$. (c) Dinh et al.'s rescaling of $\\tfrac12(\\theta_1\\theta_2-1)^2$: "
               f"principal curvatures ${_lst(pairs[0][1])}$ at $(1,1)$ and ${_lst(pairs[1][1])}$ at $(2,\\tfrac12)$. The shape operator is invariant "
               r"only once a metric on parameter space is fixed and carried along; choosing it is the real issue."),
    )


@add("003-newton-not-invariant", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 4",
     quote=r"""Moreover, the reason why Newton’s method is not invariant (see Sec. 12 of Martens, 2020) is that we ignore the second term involving the connection coefficient $\Gamma$.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _newton(ctx: Context) -> Outcome:
    L = (T1**2 + T2**2) / 2
    ps0 = sp.Matrix([0, 1])
    th0 = sp.Matrix([c.subs(dict(zip(PS, ps0))) for c in SHEAR])
    grad = sp.Matrix([sp.diff(L, x) for x in TH])
    H = sp.hessian(L, TH)
    eta = -(H.inv() * grad).subs(dict(zip(TH, th0)))                     # theta-Newton step
    K = _K(SHEAR, list(ps0))
    Lt = L.subs(dict(zip(TH, SHEAR)))
    gt = sp.Matrix([sp.diff(Lt, p) for p in PS]).subs(dict(zip(PS, ps0)))
    Hc = sp.hessian(Lt, PS).subs(dict(zip(PS, ps0)))                   # calculus Hessian in psi
    HR = K.T * H * K                                                      # Riemannian (Gamma~ included)
    eta_c, eta_R = -Hc.inv() * gt, -HR.inv() * gt
    dir_c_ok, dir_R_ok = K * eta_c == eta, K * eta_R == eta
    th_add = sp.Matrix([c.subs(dict(zip(PS, ps0 + eta_R))) for c in SHEAR])  # additive update in psi
    th_true = th0 + eta
    iterate_add_ok = th_add == th_true
    # reading (a) "ignoring Gamma in the Hessian is why the Newton direction is not invariant": true iff the calculus
    # direction fails and the Riemannian one (Gamma included) is invariant; reading (b) "Gamma is the whole reason
    # Newton's method is not invariant": additionally needs the additive iterate to be invariant once Gamma is kept
    reading_a = dir_R_ok and not dir_c_ok
    reading_b = reading_a and iterate_add_ok
    if reading_a and not reading_b:
        verdict, rule = Verdict.AMBIGUOUS, "readings"
    elif reading_b:
        verdict, rule = Verdict.TRUE, None
    else:
        verdict, rule = Verdict.FALSE, "counterexample"
    return Outcome(
        verdict,
        ("with Gamma the Newton direction becomes invariant (calculus one is not), but the additive iterate psi + eta is still not invariant "
         "for nonlinear maps (needs the exponential map); Newton is already invariant under affine maps") if verdict is Verdict.AMBIGUOUS else
        (f"computed: calculus direction invariant {dir_c_ok}, Riemannian direction invariant {dir_R_ok}, additive iterate invariant {iterate_add_ok}"),
        rule=rule,
        correction=(None if verdict is not Verdict.FALSE else
                    "keeping Gamma does not make the Newton direction invariant in this example"),
        evidence={"L": _s(L), "psi0": _s(list(ps0)), "theta_step": _s(list(eta)), "calculus_step_pushed": _s(list(K * eta_c)),
                  "riemannian_step_pushed": _s(list(K * eta_R)), "direction_calculus_invariant": dir_c_ok,
                  "direction_riemannian_invariant": dir_R_ok, "additive_iterate_theta": _s(list(th_add)),
                  "theta_newton_iterate": _s(list(th_true)), "additive_iterate_invariant": iterate_add_ok,
                  "reading_a_direction": reading_a, "reading_b_whole_method": reading_b},
        latex=(r"$\mathcal{L}=\tfrac12|\theta|^2$, $\theta=(\psi_1+\psi_2^2,\psi_2)$, $\psi_0=(0,1)$, $\theta_0=(1,1)$. The Newton step in $\theta$ is "
               f"$\\eta={_L(eta.T)}$. In $\\psi$, the calculus Hessian ${_L(Hc)}$ gives a step whose image $K\\tilde\\eta={_L((K * eta_c).T)}\\neq\\eta$; "
               f"the Riemannian Hessian ${_L(HR)}$ gives $K\\tilde\\eta={_L((K * eta_R).T)}=\\eta$ (direction invariant). "
               f"But the iterate $\\psi_0+\\tilde\\eta$ maps to $\\theta={_L(th_add.T)}$, not the $\\theta$-Newton iterate ${_L(th_true.T)}$; "
               r"invariance of the method needs the update along geodesics (exponential map of $\tilde G$), which also involves $\Gamma$. "
               r"Reading `ignore $\Gamma$' as the Hessian term only: incomplete; as every connection term (Hessian and update): true."),
    )


@add("003-euclidean-justified", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', last paragraph",
     quote=r"""Ignoring those geometric quantities are totally justified in calculus and deep learning since we always assume a Euclidean metric along with the Cartesian coordinates.""",
     expected=Verdict.TRUE, kind="verbal")
def _justified(ctx: Context) -> Outcome:
    X = sp.symbols("x1:3")
    Gam = Metric(sp.eye(2), X).christoffel()
    ok = all(e == 0 for e in sp.flatten(Gam))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with G = I in Cartesian coordinates, Gamma = 0 and G^{-1} = I, so the calculus Hessian is the Riemannian one and E = H, in those coordinates",
        correction=None if ok else "Gamma nonzero",
        evidence={"Gamma": _s(sp.flatten(Gam))},
        latex=r"$\Gamma\equiv0$ and $G^{-1}=I$ for the Euclidean metric in Cartesian coordinates, so nothing is lost there; the omission matters only once the coordinates change (003-gamma-nonzero-polar, 003-metric-not-identity).",
        rule=None if ok else 'counterexample',
    )
