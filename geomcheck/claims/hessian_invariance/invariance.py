"""003, invariance of eigenvalues, determinant, trace."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
import sympy as sp
from ...symbolic import graph_jets as gj
from ...symbolic.graph import GraphMetric
from ...symbolic.metric import Metric
from ...symbolic.reparam import pullback_metric, shape_operator_law_holds
from ..model import Context, Outcome, Verdict
from ..tools import counterexample, jet_point_latex, prove_jet_identity, verdict_from_readings
from ._common import (
    _christoffel,
    _dinh_two_minima,
    _dm,
    _eigs,
    _G_sym,
    _hsc,
    _inv_small,
    _J_sym,
    _K,
    _L,
    _lst,
    _mat_zero,
    _rat_zero,
    _s,
    _scale_example,
    _shear_example,
    _sym_matrix,
    _zero,
    add,
    DIMS,
    DIMS_ALL,
    GENERIC_DIMS,
    P1,
    P2,
    PHI,
    POLAR,
    PS,
    R,
    ROT,
    SCALE,
    SHEAR,
    T1,
    T2,
    TH,
)


@add("003-det-not-invariant-riemannian", location="Sec. 'The Invariance of the Hessian Eigenvalues, Determinant, and Trace', paragraph 1",
     quote=r"""Let us focus on the determinant of the Hessian. As discussed above, it is not invariant. This is true even if the Riemannian Hessian above is used.""",
     expected=Verdict.TRUE, kind="verbal")
def _det_riem(ctx: Context) -> Outcome:
    L = T1**2 + 2 * T2**2
    Lt = L.subs(dict(zip(TH, POLAR)))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    HR = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                   - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt).applyfunc(sp.simplify)
    H = sp.hessian(L, TH)
    d0, d1 = H.det(), sp.simplify(HR.det())
    ok = d0 != d1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"the Riemannian Hessian is a (0,2)-tensor, det scales by (det K)^2: L = theta1^2 + 2 theta2^2, polar at r = 5: det {d0} -> {d1}",
        correction=None if ok else "det invariant",
        evidence={"L": _s(L), "H": _s(H), "H_R_polar_(3,4)": _s(HR), "det": [_s(d0), _s(d1)]},
        latex=(f"$\\mathcal{{L}}={_L(L)}$: $\\det H={_L(d0)}$; in polar coordinates at $(3,4)$ the Riemannian Hessian is ${_L(HR)}$ with determinant "
               f"${_L(d1)}=r^2\\det H$ ($\\det K=r=5$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-graph-is-hypersurface", location="Sec. 'The Invariance ...', paragraph 3",
     quote=r"""This is actually a $d$-dimensional hypersurface embedded in $\R^{d+1}$. In particular, a hypersurface is a manifold.""",
     expected=Verdict.TRUE, kind="verbal")
def _graph(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        X = sp.symbols(f"x1:{d + 1}")
        L = sp.Function("L")(*X)
        Z = sp.Matrix(list(X) + [L])
        Jz = Z.jacobian(X)
        ok &= Jz[:d, :] == sp.eye(d) and Jz.rank() == d
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "X(theta) = (theta, L(theta)) is an immersion (top block of dX is I) and a homeomorphism onto its image (inverse: projection) => embedded d-submanifold",
        correction=None if ok else "not an immersion",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$dX=\begin{pmatrix}I_d\\ \nabla\mathcal{L}^\top\end{pmatrix}$ has rank $d$ for generic $\mathcal{L}$ ($d=2,3$); the projection $(\theta,z)\mapsto\theta$ is a continuous inverse on the image, so the graph of a $C^k$ $\mathcal{L}$ on an open $\Theta$ is an embedded hypersurface.",
        rule=None if ok else 'counterexample',
    )


@lru_cache(maxsize=None)
def _shape_critical_equals_hessian():
    def build(A):
        n = A.n
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, gj.normal_cf(A))
        s = gj.matmul(A, ginv, h)
        out = [((i, j, "g"), A.at_critical_point(g[i][j]), A.one if i == j else A.zero) for i in range(n) for j in range(n)]
        return out + [((i, j, "s"), A.at_critical_point(s[i][j]), A.f(i, j)) for i in range(n) for j in range(n)]
    return prove_jet_identity(build, DIMS)


@add("003-flatness-is-curvature", location="Sec. 'The Invariance ...', paragraph 3",
     quote=r"""Meanwhile, the concept of “sharpness” or “flatness” of the loss landscape of $\L$ is nothing but the curvatures of the above manifold, particularly the principal curvatures, Gaussian curvature, and mean curvature.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _flatness(ctx: Context) -> Outcome:
    crit = _shape_critical_equals_hessian()
    c = _hsc()
    eps = sp.Symbol("epsilon", positive=True)
    # epsilon-sharpness in the box |d_i| <= eps: L1 = theta1^4 + theta2^2 and L2 = theta2^2 have the same curvature at 0
    L1, L2 = T1**4 + T2**2, T2**2
    curv1 = _eigs(sp.hessian(L1, TH).subs({T1: 0, T2: 0}))
    curv2 = _eigs(sp.hessian(L2, TH).subs({T1: 0, T2: 0}))
    sharp1, sharp2 = eps**4 + eps**2, eps**2  # max over the box is at a corner (both terms increasing in |d_i|)
    verdict, rule = verdict_from_readings({
        "(a) Hessian sharpness at critical points": crit.holds_everywhere_tested,
        "(b) Hessian sharpness away from critical points": c.hessian_eigenvalues_x == c.shape_eigenvalues_x,
        "(c) box sharpness": not (curv1 == curv2 and sharp1 != sharp2)})
    return Outcome(
        verdict, rule=rule, correction=None if verdict is not Verdict.FALSE else "no reading holds: see the evidence of each reading",
        reason=
        "Hessian-based sharpness = curvature at critical points only (exact, jets); away from them they differ, and box (epsilon-)sharpness is not a curvature",
        evidence={"critical_point_shape_equals_hessian": crit.evidence(),
                  "noncritical_(1,1)_hessian_eigs": _s(c.hessian_eigenvalues_x), "noncritical_principal_curvatures": _s(c.shape_eigenvalues_x),
                  "same_curvatures": [_s(curv1), _s(curv2)], "eps_sharpness": [_s(sharp1), _s(sharp2)]},
        latex=(r"Reading (a), at a critical point: the induced metric is $I$ and the shape operator equals $H$ (exact on the jet ring, $n=2..8$), "
               r"so spectrum, determinant and trace of $H$ are the principal curvatures, Gauss--Kronecker curvature and $n\times$ mean curvature. "
               f"Reading (b), at other points: $\\mathcal{{L}}=\\theta_1^2+\\theta_2^2$ at $(1,1)$ has Hessian spectrum ${_lst(c.hessian_eigenvalues_x)}$ but principal "
               f"curvatures ${_lst(c.shape_eigenvalues_x)}$. Reading (c), sharpness as the loss increase over a box (Keskar et al.): "
               f"$\\theta_1^4+\\theta_2^2$ and $\\theta_2^2$ have the same principal curvatures ${_lst(curv1)}$ at the minimum but box sharpness "
               f"${_L(sharp1)}$ vs ${_L(sharp2)}$."),
    )


@add("003-hessian-is-second-fundamental-form", location="Sec. 'The Invariance ...', paragraph 4",
     quote=r"""These curvatures can actually be derived from the Hessian of $\L$ since this Hessian is the second fundamental form of that manifold.""",
     expected=Verdict.FALSE, kind="verbal")
def _sff(ctx: Context) -> Outcome:
    def build_printed(A):
        n = A.n
        h = gj.second_fundamental_form_fp(A, gj.normal_cf(A))
        return [((i, j), h[i][j], A.f(i, j)) for i in range(n) for j in range(n)]

    def build_true(A):
        n = A.n
        h = gj.second_fundamental_form_fp(A, gj.normal_cf(A))
        return [((i, j), h[i][j], A.w * A.f(i, j)) for i in range(n) for j in range(n)]

    printed = prove_jet_identity(build_printed, range(2, 4))
    true = prove_jet_identity(build_true, DIMS_ALL, free_indices=2)
    crit = _shape_critical_equals_hessian()
    gm = GraphMetric(T1**2 + T2**2, TH)
    h11 = sp.simplify(gm.second_fundamental_form()[0, 0].subs({T1: 1, T2: 1}))
    false = (not printed.holds_everywhere_tested) and true.holds_for_all_n and crit.holds_everywhere_tested
    ce = counterexample(printed) if not printed.holds_everywhere_tested else {}
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "the second fundamental form of the graph is H / sqrt(1 + |grad L|^2); it equals the Hessian only at critical points",
        correction=(r"$h_{ij}=\dfrac{\partial_i\partial_j\mathcal{L}}{\sqrt{1+|\nabla\mathcal{L}|^2}}$ (upward normal); at a critical point $h=H$ and the induced metric is $I$, "
                    r"so there (and only there) the curvatures are read off the Hessian."),
        evidence={"as_printed": printed.evidence(), "h = w f_ij": true.evidence(), "at_critical_point": crit.evidence(),
                  "L=theta1^2+theta2^2_at_(1,1)_h11": _s(h11), "H11": "2"},
        latex=(r"From first principles on the jet ring, $h_{ij}=\langle\partial_i\partial_jX,N\rangle=w\,f_{ij}$ with $w=(1+|\nabla f|^2)^{-1/2}$ "
               r"(every $n$). As printed ($h=H$) it fails: "
               + (f"at the rational jet {jet_point_latex(ce['jet'])}, component {ce['component']}, $h={ce['lhs']}$ but $H={ce['rhs']}$. " if ce else "")
               + f"Concretely, $\\mathcal{{L}}=\\theta_1^2+\\theta_2^2$ at $(1,1)$: $h_{{11}}={_L(h11)}$, $H_{{11}}=2$. At critical points $h=H$ (the previous post's Proposition 2)."),
        rule='counterexample' if false else None,
    )


@add("003-shape-operator-GinvH", location="Sec. 'The Invariance ...', paragraph 4, definition of E",
     quote=r"""Suppose the matrix representation of the metric on $\Theta$ is $\mathbf{G}$. Then, the shape operator $E$ is given by

\[\mathbf{E} := \mathbf{G}^{-1} \mathbf{H} .\]""",
     expected=Verdict.FALSE, kind="definition")
def _E(ctx: Context) -> Outcome:
    gm = GraphMetric(T1**2 + T2**2, TH)
    pt = {T1: 1, T2: 1}
    s = gm.shape_operator().subs(pt).applyfunc(sp.simplify)
    H = sp.hessian(T1**2 + T2**2, TH).subs(pt)
    g_ind = gm.g.subs(pt)
    E_eucl = H
    E_ind = g_ind.inv() * H
    k_true, k_e, k_i = _eigs(s), _eigs(E_eucl), _eigs(E_ind)
    crit = _shape_critical_equals_hessian()
    false = k_true != k_e and k_true != k_i and crit.holds_everywhere_tested
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "off critical points G^{-1}H is not the shape operator (with G Euclidean or the induced metric): principal curvatures 2/27, 2/3 vs 2, 2 at (1,1) for theta1^2 + theta2^2",
        correction=(r"the shape operator of the graph is $s=g^{-1}h$ with $g=I+\nabla\mathcal{L}\nabla\mathcal{L}^\top$ and $h=\nabla^2\mathcal{L}/\sqrt{1+|\nabla\mathcal{L}|^2}$ "
                    r"(in the Cartesian $\theta$); it reduces to $G^{-1}H$ with $G=I$ at critical points, and transforms as $J s J^{-1}$ everywhere."),
        evidence={"point": "(1,1)", "shape_operator": _s(s), "eig_shape": _s(k_true), "eig_G^-1H_euclidean": _s(k_e),
                  "eig_g_induced^-1_H": _s(k_i), "at_critical_point": crit.evidence()},
        latex=(f"$\\mathcal{{L}}=\\theta_1^2+\\theta_2^2$ at $(1,1)$: the shape operator is $s={_L(s)}$ with principal curvatures ${_lst(k_true)}$; "
               f"$G^{{-1}}H$ with the Euclidean $G=I$ has spectrum ${_lst(k_e)}$, and with the induced metric $g={_L(g_ind)}$, "
               f"$g^{{-1}}H$ has ${_lst(k_i)}$. At a critical point the jet-ring computation gives $g=I$, $s=H$ exactly ($n=2..8$), "
               r"so $E=G^{-1}H$ is the shape operator there."),
        rule='counterexample' if false else None,
    )


@add("003-curvatures-eig-det-trace", location="Sec. 'The Invariance ...', paragraph 5",
     quote=r"""The principal, Gaussian, and mean curvatures of the loss landscape are then the eigenvalues, determinant, and trace of $\mathbf{E}$, respectively.""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="definition")
def _curv(ctx: Context) -> Outcome:
    def build(A):
        s = gj.shape_operator_cf(A)
        return [((), gj.determinant(A, s), gj.scalar_cf(A) * A.const(Fraction(1, 2)))]

    gauss2 = prove_jet_identity(build, range(2, 3))
    L = T1**2 + 3 * T2**2
    gm = GraphMetric(L, TH)
    s0 = gm.shape_operator().subs({T1: 0, T2: 0})
    tr, n = s0.trace(), 2
    ok = gauss2.holds_everywhere_tested
    return Outcome(
        Verdict.TRUE_UNDER_CONVENTION if ok else Verdict.FALSE,
        "eigenvalues = principal curvatures, det = Gauss-Kronecker curvature (= Gaussian curvature for d = 2), trace = mean curvature only with the sum convention",
        convention=(f"mean curvature = tr(s) (sum of principal curvatures); geomcheck's convention is the average tr(s)/n: for theta1^2 + 3 theta2^2 "
                    f"at its minimum the sum is {tr}, the average {tr / n}. 'Gaussian' = det s is the Gauss-Kronecker curvature; it is the intrinsic "
                    "Gaussian curvature S/2 for d = 2 (proven on the jet ring)"),
        correction=None if ok else "det s is not S/2 for d = 2: see the jet-ring evidence",
        evidence={"det_s_equals_S/2_n=2": gauss2.evidence(), "trace_sum": _s(tr), "trace_average": _s(tr / n)},
        latex=(r"With $E$ the shape operator (it is $G^{-1}H$ only at critical points, 003-shape-operator-GinvH): principal curvatures are its eigenvalues by definition; $\det s$ is the Gauss--Kronecker curvature, "
               r"equal to $S/2$ (intrinsic Gaussian curvature) when $d=2$, proven exactly on the jet ring. The trace is the sum of principal "
               f"curvatures: for $\\theta_1^2+3\\theta_2^2$ at $0$, $\\mathrm{{tr}}\\,s={_L(tr)}$ while the mean curvature as an average is ${_L(tr / n)}$."),
        rule='mean' if ok else 'counterexample',
    )


@add("003-calculus-E-equals-H", location="Sec. 'The Invariance ...', paragraph 5",
     quote=r"""The reason why we can simply take eigenvalues or determinant or trace of the Hessian $\mathbf{H}$ in calculus is because, by default, $\mathbf{G}$ is assumed to be the $d \times d$ identity matrix $\mathbf{I}$, i.e. the Euclidean metric. That is $\mathbf{E} = \mathbf{H}$ and we can ignore the $\mathbf{G}^{-1}$ term above.""",
     expected=Verdict.TRUE, kind="verbal")
def _EH(ctx: Context) -> Outcome:
    crit = _shape_critical_equals_hessian()
    ok = crit.holds_everywhere_tested
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with G = I, E = G^{-1}H = H; and at a critical point the induced metric is I and the shape operator is H (exact, jets n = 2..8)",
        correction=None if ok else "E != H",
        evidence=crit.evidence(),
        latex=r"Trivially $I^{-1}H=H$. On the jet ring at $\nabla f=0$: $g_{ij}=\delta_{ij}$ and $s=g^{-1}h=H$ exactly ($n=2..8$), so at critical points the spectrum of $H$ is the curvature. Off critical points the graph's metric is $I+\nabla\mathcal{L}\nabla\mathcal{L}^\top\neq I$ (003-shape-operator-GinvH).",
        rule=None if ok else 'counterexample',
    )


@add("003-metric-law", location="Sec. 'The Invariance ...', transformation of G",
     quote=r"""\mathbf{G} \mapsto (\mathbf{J}^{-1})^\top \mathbf{G} \mathbf{J}^{-1} .""",
     expected=Verdict.TRUE, kind="equation")
def _metlaw(ctx: Context) -> Outcome:
    t = sp.Symbol("t")
    c = [sp.Function(f"c{i + 1}")(t) for i in range(2)]           # psi(t)
    th = [sp.Function(f"theta{m + 1}")(*c) for m in range(2)]      # theta(psi(t))
    Gf = [[sp.Function("g11"), sp.Function("g12")], [sp.Function("g12"), sp.Function("g22")]]
    G = sp.Matrix(2, 2, lambda a, b: Gf[a][b](*th))                # generic metric at theta(psi(t))
    K = sp.Matrix(2, 2, lambda m, i: sp.diff(th[m], c[i]))
    thdot = sp.Matrix([sp.diff(x, t) for x in th])
    cdot = sp.Matrix([sp.diff(x, t) for x in c])
    generic_ok = _zero((thdot.T * G * thdot)[0] - (cdot.T * (K.T * G * K) * cdot)[0])
    pol = pullback_metric(Metric(sp.eye(2), TH), list(POLAR), (R, PHI)).g.applyfunc(sp.trigsimp)
    ok = generic_ok and pol == sp.diag(1, R**2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "lengths of velocities agree: theta'^T G theta' = psi'^T (K^T G K) psi' with K = J^{-1} (generic map and metric); polar: diag(1, r^2)",
        correction=None if ok else "wrong metric law",
        evidence={"generic_curve_speed_identity": generic_ok, "polar_pullback": _s(pol)},
        latex=r"For an arbitrary curve $\psi(t)$, undefined $\theta(\psi)$ and a generic metric $G(\theta)$: $\dot\theta^\top G\dot\theta=\dot\psi^\top(K^\top GK)\dot\psi$ exactly, $K=\partial\theta/\partial\psi=J^{-1}$, i.e.\ $\tilde G=(J^{-1})^\top GJ^{-1}$. Polar coordinates: $\tilde G=\mathrm{diag}(1,r^2)$ (engine \texttt{pullback\_metric}).",
        rule=None if ok else 'counterexample',
    )


@add("003-metric-not-identity", location="Sec. 'The Invariance ...', paragraph after the metric law",
     quote=r"""So, even when $\mathbf{G} \equiv \mathbf{I}$ in the $\theta$ parametrization, the matrix representation of the metric is different than $\mathbf{I}$ in the $\psi$ parametrization!""",
     expected=Verdict.TRUE, kind="verbal")
def _metnotI(ctx: Context) -> Outcome:
    Ks = _K(SCALE)
    Kr = _K(ROT)
    Gs, Gr = Ks.T * Ks, sp.expand(Kr.T * Kr)
    ok = Gs != sp.eye(2) and Gr == sp.eye(2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "in general (theta = (2 psi1, psi2): G~ = diag(4, 1); polar: diag(1, r^2)); G~ = I exactly when K is orthogonal (rigid motions)",
        correction=None if ok else "metric stays I",
        evidence={"scale": _s(Gs), "rotation": _s(Gr)},
        latex=(f"$\\tilde G=K^\\top K$: for $\\theta=(2\\psi_1,\\psi_2)$ it is ${_L(Gs)}$; for the rotation $\\theta=Q\\psi$ it is ${_L(Gr)}$. "
               r"$\tilde G\equiv I$ iff $K^\top K=I$ everywhere, i.e.\ $\varphi$ is a rigid motion."),
        rule=None if ok else 'counterexample',
    )


@add("003-cause-of-noninvariance", location="Sec. 'The Invariance ...', paragraph after the metric law",
     quote=r"""That is, we must not ignore the metric in the shape operator, however trivial it might be, if we care about reparametrization. This is the cause of the non-invariance of the Hessian’s eigenvalues, determinant, and trace observed in deep learning!""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _cause(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    K = _K(SCALE, (0, 0))
    Gt = K.T * K
    a = _eigs(Gt.inv() * Ht) == _eigs(H) and _eigs(Ht) != _eigs(H)
    L, pairs = _dinh_two_minima()
    b_differs = pairs[0][1] != pairs[1][1]
    verdict, rule = verdict_from_readings({"(a) change of coordinates, metric carried along": a,
                                           "(b) Dinh et al. rescaling (no metric ignored)": not b_differs})
    return Outcome(
        verdict, rule=rule, correction=None if verdict is not Verdict.FALSE else "no reading holds: see the evidence of each reading",
        reason=
        "for a change of coordinates with the metric carried along, dropping G~ is exactly the cause; for the rescaling symmetries of Dinh et al. "
        "(same Euclidean parameter space) the shape-operator spectra themselves differ, so the metric is not the cause",
        evidence={"reading_a_coordinate_change": a, "reading_b_dinh_shape_spectra": {_s(p): _s(e) for p, e in pairs},
                  "reading_b_spectra_differ": b_differs},
        latex=(r"(a) Coordinate change $\theta=(2\psi_1,\psi_2)$ at the minimum of $\theta_1^2+\theta_2^2$: "
               f"$\\operatorname{{spec}}\\tilde H={_lst(_eigs(Ht))}\\neq{_lst(_eigs(H))}$ but $\\operatorname{{spec}}\\tilde G^{{-1}}\\tilde H={_lst(_eigs(Gt.inv() * Ht))}$: "
               r"the metric restores invariance. (b) The non-invariance discussed by Dinh et al.: $\mathcal{L}=\tfrac12(\theta_1\theta_2-1)^2$ with the "
               r"function-preserving map $(\theta_1,\theta_2)\mapsto(2\theta_1,\theta_2/2)$ sends the minimum $(1,1)$ to $(2,\tfrac12)$ in the same "
               f"Euclidean space; the shape operators of the graph there have spectra ${_lst(pairs[0][1])}$ and ${_lst(pairs[1][1])}$, so no "
               r"metric was ignored and the curvature itself changes."),
    )


@add("003-shape-law-step-inverse", location="Sec. 'The Invariance ...', shape-operator display, lines 2-3",
     quote=r"""&= \mathbf{J} \mathbf{G}^{-1} \cancel{\mathbf{J}^\top} \cancel{\mathbf{J}^{-\top}} \mathbf{H} \mathbf{J}^{-1}""",
     expected=Verdict.TRUE, kind="proof-step")
def _sl3(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        G = _G_sym(d)
        H = _sym_matrix("h", d, symmetric=True)
        Jd, Gd, Hd = _dm(J, G, H)
        Ji = Jd.inv()
        line2 = (Ji.transpose() * Gd * Ji).inv() * Ji.transpose() * Hd * Ji
        line3 = Jd * Gd.inv() * Jd.transpose() * Jd.transpose().inv() * Hd * Ji
        ok &= line2 == line3
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "((J^{-1})^T G J^{-1})^{-1} = J G^{-1} J^T and J^T J^{-T} = I, exact (d = 2 all symbolic; d = 3 with rational J, G)",
        correction=None if ok else "inverse of product wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$(ABC)^{-1}=C^{-1}B^{-1}A^{-1}$ gives $((J^{-1})^\top GJ^{-1})^{-1}=JG^{-1}J^\top$; lines 2 and 3 agree for symbolic matrices ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-shape-operator-similarity", location="Sec. 'The Invariance ...', shape-operator display, last line",
     quote=r"""&= \mathbf{J} \mathbf{E} \mathbf{J}^{-1} . \end{align}""",
     expected=Verdict.TRUE, kind="proposition")
def _sim(ctx: Context) -> Outcome:
    ok_alg = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        G = _G_sym(d)
        H = _sym_matrix("h", d, symmetric=True)
        Jd, Gd, Hd = _dm(J, G, H)
        Ji = Jd.inv()
        Et = (Ji.transpose() * Gd * Ji).inv() * (Ji.transpose() * Hd * Ji)
        ok_alg &= Et == Jd * Gd.inv() * Hd * Ji
    g1, g2 = sp.Function("g1")(P1, P2), sp.Function("g2")(P1, P2)
    surf = GraphMetric(T1**2 * T2 + T2**3 / 3, TH).hypersurface()
    ok_graph = shape_operator_law_holds(surf, (g1, g2), PS)
    ok = ok_alg and ok_graph
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "E~ = J E J^{-1} (d = 2 all symbolic; d = 3 with a rational J); the graph's true shape operator obeys the same similarity law for a generic map (engine)",
        correction=None if ok else "not a similarity",
        evidence={"algebra": ok_alg, "graph_shape_operator_generic_map": ok_graph},
        latex=(r"Exact for symbolic $J,G,H$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)). Independently, for the graph of $\theta_1^2\theta_2+\theta_2^3/3$ and an undefined map "
               r"$\theta(\psi)$, \texttt{shape\_operator\_law\_holds} confirms $\tilde s=K^{-1}sK=JsJ^{-1}$ (normal transported) at every point."),
        rule=None if ok else 'counterexample',
    )


@add("003-shape-det-invariant", location="Sec. 'The Invariance ...', determinant of the shape operator",
     quote=r"""\det \tilde{\mathbf{E}} = \cancel{(\det \mathbf{J})} \cancel{(\det \mathbf{J})^{-1}} (\det \mathbf{E}) = \det \mathbf{E} .""",
     expected=Verdict.TRUE, kind="equation")
def _sdet(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        E = _sym_matrix("e", d)
        ok &= _rat_zero((J * E * _inv_small(J)).det() - E.det())
    _, H, Ht = _scale_example()
    K = _K(SCALE, (0, 0))
    num = ((K.T * K).inv() * Ht).det() == H.det()
    ok &= num
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det(J E J^{-1}) = det E exactly (d = 2 all symbolic; d = 3 with a rational J); e.g. det(G~^{-1} H~) = 4 = det H for theta = (2 psi1, psi2)",
        correction=None if ok else "det changes",
        evidence={"dims": list(GENERIC_DIMS), "example": num},
        latex=r"$\det(JEJ^{-1})=\det J\det E(\det J)^{-1}=\det E$, exact for symbolic $J,E$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)). This is the Gauss--Kronecker curvature when $E$ is the shape operator.",
        rule=None if ok else 'counterexample',
    )


@add("003-shape-trace-invariant", location="Sec. 'The Invariance ...', trace of the shape operator",
     quote=r"""\mathrm{tr}\, \tilde{\mathbf{E}} &= \tr{\mathbf{J} \mathbf{E} \mathbf{J}^{-1}} = \tr{\mathbf{J} \mathbf{J}^{-1} \mathbf{E}} = \mathrm{tr}\, \mathbf{E} ,""",
     expected=Verdict.TRUE, kind="equation")
def _str(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        E = _sym_matrix("e", d)
        ok &= _rat_zero((J * E * _inv_small(J)).trace() - (J * _inv_small(J) * E).trace())
        ok &= _rat_zero((J * _inv_small(J) * E).trace() - E.trace())
    A = sp.Matrix([[1, 1], [0, 1]])
    B = sp.Matrix([[0, 0], [1, 0]])
    C = sp.Matrix([[1, 0], [0, 2]])
    swap_fails = (A * B * C).trace() != (A * C * B).trace()
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "tr(J E J^{-1}) = tr(J^{-1} J E) = tr E (exact); the middle 'J J^{-1} E' is not a cyclic permutation but equals it since J J^{-1} = J^{-1} J = I",
        correction=None if ok else "trace changes",
        evidence={"dims": list(GENERIC_DIMS), "noncyclic_swap_fails_in_general": swap_fails},
        latex=(r"Cyclicity gives $\mathrm{tr}(JEJ^{-1})=\mathrm{tr}(J^{-1}JE)$; the printed $\mathrm{tr}(JJ^{-1}E)$ is the same number because "
               r"$JJ^{-1}=J^{-1}J$, though swapping two factors is not allowed in general (e.g.\ "
               f"$\\mathrm{{tr}}(ABC)={_L((A * B * C).trace())}\\neq\\mathrm{{tr}}(ACB)={_L((A * C * B).trace())}$ for $A={_L(A)}$, $B={_L(B)}$, $C={_L(C)}$). "
               r"Exact for symbolic $J,E$, $d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-eigen-step-vector-law", location="Sec. 'The Invariance ...', eigenvalue argument, before the display",
     quote=r"""Recall vectors are transformed by multiplying it with the Jacobian of $\varphi$. So, $\tilde{\mathbf{v}} = \mathbf{J} \mathbf{v}$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _es1(ctx: Context) -> Outcome:
    # every eigenvector of E~ = J E J^{-1} is J times an eigenvector of E (same eigenvalue), and conversely
    J = sp.Matrix([[2, 1], [1, 1]])
    E = sp.Matrix([[1, 2], [0, 3]])
    Et = J * E * _inv_small(J)
    pairs = []
    ok = True
    for lam, _, vecs in Et.eigenvects():
        for vt in vecs:
            v = _inv_small(J) * vt
            ok &= (E * v - lam * v) == sp.zeros(2, 1)
            pairs.append((lam, list(vt), list(v)))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "v~ = J v is the vector law (003-vector-law); for an eigenvector v~ of E~, v := J^{-1} v~ is an eigenvector of E for the same eigenvalue",
        correction=None if ok else "eigenvectors do not correspond",
        evidence={"J": _s(J), "E": _s(E), "pairs(lambda, v~, v)": _s(pairs)},
        latex=(r"The step is sound when read as the definition $\mathbf v:=J^{-1}\tilde{\mathbf v}$ (the same tangent vector in $\theta$-components); "
               r"the opening `let $(\lambda,\mathbf v)$ be an eigenpair' is then not needed. Example: "
               f"$J={_L(J)}$, $E={_L(E)}$, $\\tilde E=JEJ^{{-1}}={_L(Et)}$; each eigenvector of $\\tilde E$ pulled back by $J^{{-1}}$ is an "
               f"eigenvector of $E$ with the same eigenvalue (pairs $(\\lambda,\\tilde v,v)$: {_s(pairs)})."),
        rule=None if ok else 'counterexample',
    )


@add("003-eigen-step-cancel", location="Sec. 'The Invariance ...', eigenvalue display, lines 1-2",
     quote=r"""\mathbf{J} \mathbf{E} \cancel{\mathbf{J}^{-1}} \cancel{\mathbf{J}} \mathbf{v} &= \tilde{\lambda} \mathbf{J} \mathbf{v}""",
     expected=Verdict.TRUE, kind="proof-step")
def _es2(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        E = _sym_matrix("e", d)
        v = sp.Matrix(sp.symbols(f"v1:{d + 1}"))
        lam = sp.Symbol("lambda")
        lhs = (J * E * _inv_small(J)) * (J * v) - lam * (J * v)
        rhs = J * E * v - lam * J * v
        ok &= _mat_zero(lhs - rhs)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "substituting E~ = J E J^{-1} and v~ = J v: J E J^{-1} J v = J E v (exact, symbolic)",
        correction=None if ok else "wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$\tilde E\tilde v-\tilde\lambda\tilde v=JEJ^{-1}Jv-\tilde\lambda Jv=JEv-\tilde\lambda Jv$ for symbolic $J,E,v$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-eigen-step-missing-v", location="Sec. 'The Invariance ...', eigenvalue display, line 3",
     quote=r"""\mathbf{J} \mathbf{E} &= \tilde{\lambda} \mathbf{J} \mathbf{v} \\""",
     expected=Verdict.TYPO, kind="proof-step")
def _es3(ctx: Context) -> Outcome:
    J, E, v = sp.Matrix([[2, 0], [0, 1]]), sp.Matrix([[1, 0], [0, 3]]), sp.Matrix([1, 0])
    lam = 1
    lhs_shape, rhs_shape = (J * E).shape, (lam * J * v).shape
    fixed = J * E * v == lam * J * v
    ok = lhs_shape != rhs_shape and fixed
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        f"left side J E is a {lhs_shape[0]}x{lhs_shape[1]} matrix, right side a {rhs_shape[0]}x{rhs_shape[1]} vector: the v was dropped",
        correction=r"$\mathbf J\mathbf E\mathbf v=\tilde\lambda\,\mathbf J\mathbf v$",
        evidence={"lhs_shape": list(lhs_shape), "rhs_shape": list(rhs_shape), "example_J": _s(J), "example_E": _s(E),
                  "example_v": _s(list(v)), "corrected_holds_for_eigenpair": fixed},
        latex=(r"After the cancellation $J^{-1}J=I$ the left side is $JE\mathbf v$; as printed it is the matrix $JE$, which cannot equal the "
               f"vector $\\tilde\\lambda J\\mathbf v$. Corrected line verified on $J={_L(J)}$, $E={_L(E)}$, eigenpair $(1,e_1)$."),
        rule='symbol' if ok else 'counterexample',
    )


@add("003-eigen-step-last", location="Sec. 'The Invariance ...', eigenvalue display, line 4 and the sentence after it",
     quote=r"""\mathbf{E} &= \tilde{\lambda} \mathbf{v} , \end{align}\]""",
     expected=Verdict.TYPO, kind="proof-step")
def _es4(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        E = _sym_matrix("e", d)
        v = sp.Matrix(sp.symbols(f"v1:{d + 1}"))
        lam = sp.Symbol("lambda")
        # multiplying J E v - lam J v by J^{-1} gives E v - lam v
        ok &= _mat_zero(_inv_small(J) * (J * E * v - lam * J * v) - (E * v - lam * v))
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "E = lambda~ v equates a matrix with a vector: the eigenvector is missing; left-multiplying J E v = lambda~ J v by J^{-1} gives E v = lambda~ v",
        correction=r"$\mathbf E\mathbf v=\tilde\lambda\,\mathbf v$",
        evidence={"dims": list(GENERIC_DIMS), "J_inverse_step_exact": ok},
        latex=r"$J^{-1}(JE\mathbf v-\tilde\lambda J\mathbf v)=E\mathbf v-\tilde\lambda\mathbf v$ exactly for symbolic $J,E,\mathbf v$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$); $J$ is invertible since $\varphi$ is a diffeomorphism). As printed the line reads $E=\tilde\lambda\mathbf v$.",
        rule='symbol' if ok else 'counterexample',
    )


@add("003-eigenvalues-invariant", location="Sec. 'The Invariance ...', conclusion of the eigenvalue argument",
     quote=r"""Therefore, we identify that $\lambda = \tilde\lambda$. Since $\lambda$ is an arbitrary eigenvalue, we conclude that all eigenvalues of $\mathbf{E}$ are invariant.""",
     expected=Verdict.TRUE, kind="proposition")
def _eiginv(ctx: Context) -> Outcome:
    ok = True
    lam = sp.Symbol("lambda")
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        E = _sym_matrix("e", d)
        ok &= _rat_zero((J * E * _inv_small(J) - lam * sp.eye(d)).det() - (E - lam * sp.eye(d)).det())
    _, H, Ht = _shear_example()
    K = _K(SHEAR, (-1, 1))
    Et = (K.T * K).inv() * Ht
    ex = _eigs(Et) == _eigs(H)
    ok &= ex
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det(J E J^{-1} - lambda I) = det(E - lambda I): the spectra agree with multiplicities (the printed argument shows only spec E~ in spec E, via v = J^{-1} v~)",
        correction=None if ok else "spectrum changes",
        evidence={"dims": list(GENERIC_DIMS), "shear_example_eig_E_tilde": _s(_eigs(Et)), "eig_H": _s(_eigs(H))},
        latex=(r"Characteristic polynomials agree exactly for symbolic $J,E$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)), so eigenvalues with algebraic multiplicities are invariant. "
               r"The post's argument assumes the eigenvector of $\tilde E$ has the form $J\mathbf v$ (always possible: $\mathbf v:=J^{-1}\tilde{\mathbf v}$) "
               r"and so proves $\operatorname{spec}\tilde E\subseteq\operatorname{spec}E$; the reverse inclusion is the same argument with $J^{-1}$. "
               f"Example (shear at the minimum): $\\operatorname{{spec}}\\tilde G^{{-1}}\\tilde H={_lst(_eigs(Et))}=\\operatorname{{spec}}H$."),
        rule=None if ok else 'counterexample',
    )
