"""000, Principal curvatures."""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import function_range
from ...symbolic import graph_jets as gj
from ...symbolic.hypersurface import Hypersurface
from ...symbolic.jets import JetRing
from ..model import Context, Outcome, Verdict
from ..registry import source_text
from ._common import (
    _cylinder_isometry,
    _fmt,
    _frame_data,
    _hess,
    _jet_matrix_at,
    _lambda2_check,
    _ltx,
    _plane_cylinder,
    _prove_all_n,
    _shape_graph,
    _sorted_eigs,
    _up,
    add,
    CYL_YS,
    F_FRAME,
    SOURCE,
    u,
    v,
    x,
    y,
)
from ..tools import prove_jet_identity, rational_jet_point


@add("000-eigendecomposition", location="Sec. Principal Curvatures, paragraph 1, sentence 1",
     quote=r"""we can apply eigendecomposition on $s$ and obtain $n$ real eigenvalues $\kappa_1, \dots, \kappa_n$ and an orthonormal basis for $T_p L$ formed by the eigenvectors $(b_1, \dots, b_n)$ corresponding to these eigenvalues.""",
     expected=Verdict.TYPO, kind="proposition")
def _eigendecomp(ctx: Context) -> Outcome:
    counts = {}
    orth = {}
    for dd in range(2, 6):
        A = JetRing(dd, max_order=2)
        vals = rational_jet_point(A, dd)
        ginv = _jet_matrix_at(A, gj.inverse_metric_cf(A), vals)
        g = _jet_matrix_at(A, gj.metric(A), vals)
        Hm = _jet_matrix_at(A, _hess(A), vals)
        M = ginv * Hm  # s = w g^{-1} H, w > 0: same eigenvectors, eigenvalues scaled by w
        cp = M.charpoly()
        counts[dd] = {"degree": cp.degree(), "real_roots": len(sp.real_roots(sp.Poly(cp.as_expr(), cp.gen)))}
        orth[dd] = (g * M).T == g * M  # g M symmetric: eigenvectors of distinct eigenvalues are g-orthogonal
    ok_fixed = all(c["degree"] == dd and c["real_roots"] == dd for dd, c in counts.items()) and all(orth.values())
    text = source_text(SOURCE.file)
    n_is_input_dim = r"$f: \R^n \times \R^d \to \R$" in text
    verdict = Verdict.TYPO if (ok_fixed and n_is_input_dim) else (Verdict.TRUE if ok_fixed else Verdict.FALSE)
    return Outcome(
        verdict,
        "s acts on the d-dimensional T_pL: d (not n, the network's input dimension) real eigenvalues with a g-orthonormal eigenbasis",
        rule={Verdict.TYPO: 'symbol', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"obtain $d$ real eigenvalues $\kappa_1,\dots,\kappa_d$ and an orthonormal basis of $T_pL$ of eigenvectors $(b_1,\dots,b_d)$",
        evidence={"charpoly_real_roots": {str(k): v for k, v in counts.items()}, "g_s_symmetric": {str(k): v for k, v in orth.items()}},
        latex=(r"In this post $n$ is the input dimension of the network $f:\mathbb{R}^n\times\mathbb{R}^d\to\mathbb{R}$, while $L$ is "
               r"$d$-dimensional, and the same sentence sums $\prod_{i=1}^d\kappa_i$. Corrected statement, proven: $gs$ is symmetric "
               r"(000-self-adjoint-chain) and $g$ positive definite, so $s$ is self-adjoint for $g$ and the spectral theorem gives $d$ real "
               r"eigenvalues with a $g$-orthonormal eigenbasis. Checked exactly at rational jets for $d=2,\dots,5$: the characteristic "
               r"polynomial of $g^{-1}\nabla^2\ell$ has degree $d$ and $d$ real roots (with multiplicity)."),
    )


@add("000-gaussian-mean-def", location="Sec. Principal Curvatures, paragraph 1, sentence 3",
     quote=r"""Moreover, we also define the Gaussian curvature as $\det s = \prod_{i=1}^d \kappa_i$ and the mean curvature as $\frac{1}{d} \mathrm{tr}\,s = \frac{1}{d} \sum_{i=1}^d \kappa_i$.""",
     expected=Verdict.TRUE, kind="definition")
def _gauss_mean(ctx: Context) -> Outcome:
    def build_tr(A):
        s = gj.matmul(A, gj.inverse_metric_cf(A), gj.second_fundamental_form_fp(A, _up(A)))
        return [((), gj.trace(A, s), gj.mean_curvature_times_n_cf(A))]

    res_tr = _prove_all_n(build_tr, 0)
    det_ok = {}
    for n in range(2, 6):
        A = JetRing(n, max_order=2)
        det_ok[n] = A.is_zero(gj.determinant(A, gj.shape_operator_cf(A)) - A.w ** (n + 2) * gj.determinant(A, _hess(A)))
    d = _frame_data()
    kap = _sorted_eigs(d["s"])
    prod_ok = sp.simplify(kap[0] * kap[1] - d["s"].det()) == 0
    sum_ok = sp.simplify(kap[0] + kap[1] - d["s"].trace()) == 0
    ok = res_tr.holds_for_all_n and all(det_ok.values()) and prod_ok and sum_ok
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det s = prod kappa_i (Gauss-Kronecker) and tr(s)/d = mean of kappa_i: the average convention, as in geomcheck; closed forms proven",
        correction=None if ok else r"$K=\det s$, $H=\mathrm{tr}\,s/d$",
        evidence={"trace_identity": res_tr.evidence(), "det_s = w^(d+2) det H": {str(k): v for k, v in det_ok.items()},
                  "example_kappas": _fmt(kap), "example_det": str(d["s"].det()), "example_trace": str(d["s"].trace())},
        latex=(r"Determinant and trace are the product and sum of the eigenvalues (Vieta); for the graph "
               r"$\det s=(1+|\nabla\ell|^2)^{-(d+2)/2}\det\nabla^2\ell$ (exact, $d=2,\dots,5$) and "
               r"$\mathrm{tr}\,s=w(\mathrm{tr}\nabla^2\ell-\beta\nabla\ell^\top\nabla^2\ell\nabla\ell)$ (every $d$). The mean curvature is the "
               r"average $\frac1d\mathrm{tr}\,s$, geomcheck's convention (a source using the sum would differ by the factor $d$). "
               f"Example ($f={sp.latex(F_FRAME)}$ at $0$): $\\kappa={_ltx(kap)}$, $\\det s={sp.latex(d['s'].det())}$."),
        rule=None if ok else 'counterexample',
    )


@add("000-normal-sections", location="Sec. Principal Curvatures, paragraph on the intuition in R^3",
     quote=r"""We can now compute the curvature of this curve at $p$ as usual, in the calculus sense (the reciprocal of the radius of the osculating circle at $p$). Then, the principal curvatures of $M$ at $p$ are the minimum and maximum curvatures obtained this way.""",
     expected=Verdict.FALSE, kind="proposition")
def _normal_sections(ctx: Context) -> Outcome:
    th = sp.Symbol("t", real=True)
    sv = sp.Symbol("sigma", real=True)
    f = x**2 - y**2
    # normal section in direction (cos t, sin t) at 0: gamma(sigma) = (sigma cos t, sigma sin t, f(...)), N = e_3
    gam = sp.Matrix([sv * sp.cos(th), sv * sp.sin(th), f.subs({x: sv * sp.cos(th), y: sv * sp.sin(th)})])
    g1 = sp.diff(gam, sv).subs(sv, 0)
    g2 = sp.diff(gam, sv, 2).subs(sv, 0)
    unsigned_sq = sp.simplify(sum(c**2 for c in g1.cross(g2)) / (g1.T * g1)[0] ** 3)
    unsigned = sp.sqrt(unsigned_sq)
    signed = sp.simplify((g2.T * sp.Matrix([0, 0, 1]))[0] / (g1.T * g1)[0])
    # exact ranges over the directions t in [0, pi]
    sq_range = function_range(unsigned_sq, th, sp.Interval(0, sp.pi))
    uns_range = (sp.sqrt(sq_range.inf), sp.sqrt(sq_range.sup))
    s_range = function_range(signed, th, sp.Interval(0, sp.pi))
    sig_range = (s_range.inf, s_range.sup)
    kappa = _sorted_eigs(_shape_graph(f, (x, y), (0, 0)))
    signed_ok = sp.simplify(signed - 2 * sp.cos(2 * th)) == 0 and list(sig_range) == kappa
    unsigned_wrong = list(uns_range) != kappa
    verdict = Verdict.FALSE if (signed_ok and unsigned_wrong) else Verdict.TRUE
    return Outcome(
        verdict,
        "with the unsigned (osculating-circle) curvature the extremes are {0, 2} at the saddle z = x^2 - y^2, not the principal curvatures {-2, 2}",
        rule={Verdict.FALSE: 'counterexample'}.get(verdict),
        correction=(r"use the signed normal curvature $\kappa_N(v)=\langle\gamma''(0),N_p\rangle$ of the normal section ($\gamma$ of unit speed), "
                    r"equal to $h(v,v)/g(v,v)$; its minimum and maximum over $v$ are the principal curvatures (Euler)"),
        evidence={"surface": "z = x^2 - y^2 at 0", "unsigned_curvature(t)": str(unsigned), "signed_curvature(t)": str(signed),
                  "unsigned_range": _fmt(uns_range), "signed_range": _fmt(sig_range), "principal_curvatures": _fmt(kappa)},
        latex=(r"For $z=x^2-y^2$ at $0$ ($N=e_3$) the normal section in direction $(\cos t,\sin t)$ is "
               r"$\gamma(\sigma)=(\sigma\cos t,\sigma\sin t,\sigma^2\cos2t)$. Its calculus curvature (reciprocal radius of the osculating circle) is "
               f"${sp.latex(unsigned)}$, with minimum $0$ and maximum $2$ over $t$; the principal curvatures are ${_ltx(kappa)}$. "
               f"The signed curvature $\\langle\\gamma'',N\\rangle={sp.latex(signed)}$ ranges over $[-2,2]$, whose ends are the principal "
               r"curvatures (Euler's theorem; in general $h(v,v)/g(v,v)$ is a Rayleigh quotient of $g^{-1}h$). The statement holds only with "
               r"signed curvature (and, for unsigned curvature, only when both principal curvatures are $\ge0$)."),
    )


@add("000-not-intrinsic", location="Sec. Principal Curvatures, paragraph 3",
     quote=r"""Principal and mean curvatures are not intrinsic to a hypersurface. There are two hypersurfaces that are isometric, but have different principal curvatures and hence different mean curvatures.""",
     expected=Verdict.TRUE, kind="proposition")
def _not_intrinsic(ctx: Context) -> Outcome:
    pc = _plane_cylinder()
    iso, iso_ev = _cylinder_isometry()
    yk = str(CYL_YS[1])
    plane, cyl = pc["plane"][yk], pc["cylinder"][yk]
    differ = plane["down"] != cyl["down"] and plane["mean_down"] != cyl["mean_down"]
    # 'hence' for surfaces in R^3: K = k1 k2 is intrinsic, so equal mean curvature would force equal {k1, k2}
    H_, K_, tt = sp.symbols("H K t")
    roots = sp.solve(tt**2 - 2 * H_ * tt + K_, tt)
    determined = len(roots) == 2
    ok = iso and differ and determined
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "plane and half-cylinder are isometric with principal curvatures {0,0} vs {0,1} and mean curvatures 0 vs 1/2",
        correction=None if ok else "isometric surfaces may have different principal curvatures",
        evidence={"isometry": iso_ev, "plane": _fmt(plane["down"]), "cylinder": _fmt(cyl["down"]),
                  "means": [str(plane["mean_down"]), str(cyl["mean_down"])]},
        latex=(r"The flat square and the half-cylinder are isometric (000-example-isometric) but have principal curvatures "
               f"${_ltx(plane['down'])}$ and ${_ltx(cyl['down'])}$ (downward normal). The ``hence'' is valid for surfaces in "
               r"$\mathbb{R}^3$: $K=\kappa_1\kappa_2$ is intrinsic, and $\kappa_{1,2}$ are the roots of $t^2-2Ht+K$, so isometric surfaces "
               r"with equal mean curvature have equal principal curvatures."),
        rule=None if ok else 'counterexample',
    )


@add("000-example-parametrizations", location="Sec. Principal Curvatures, plane vs half-cylinder example, sentences 1-2",
     quote=r"""The first (left) surface is the plane described by the parametrization $(x,y) \mapsto \{ x, y, 0 \}$ for $0 < x < \pi$ and $0 < y < \pi$. The second one is the half cylinder $(x,y) \mapsto \{ x, y, \sqrt{1-y^2} \}$ for $0 < x < \pi$ and $\abs{y} < 1$.""",
     expected=Verdict.TYPO, kind="example")
def _example_params(ctx: Context) -> Outcome:
    # as printed: set braces; at x = y the 'point' {x, y, 0} collapses to a 2-element set
    printed = sp.FiniteSet(1, 1, 0)
    not_a_point = len(printed) != 3
    # corrected: tuples; immersions with the stated images
    P = sp.Matrix([x, y, 0])
    C = sp.Matrix([x, y, sp.sqrt(1 - y**2)])
    rank_ok = P.jacobian((x, y)).rank() == 2 and all(C.jacobian((x, y)).subs(y, yv).rank() == 2 for yv in CYL_YS)
    on_cylinder = sp.simplify(C[1] ** 2 + C[2] ** 2 - 1) == 0
    ok = not_a_point and rank_ok and on_cylinder
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        "set braces {x, y, 0} denote a set, not a point of R^3 ({1, 1, 0} = {0, 1}); the maps are (x, y, 0) and (x, y, sqrt(1-y^2))",
        correction=r"$(x,y)\mapsto(x,y,0)$ and $(x,y)\mapsto(x,y,\sqrt{1-y^2})$",
        evidence={"{1,1,0}": str(printed), "corrected_are_immersions": rank_ok, "y^2+z^2=1": on_cylinder},
        latex=(r"$\{1,1,0\}=\{0,1\}$ is a two-element set, so $(x,y)\mapsto\{x,y,0\}$ is not a map into $\mathbb{R}^3$. With parentheses: "
               r"$(x,y,0)$ parametrizes the open square in the plane $z=0$, and $(x,y,\sqrt{1-y^2})$ (rank 2 for $|y|<1$, "
               r"$y^2+z^2=1$, $z>0$) the upper half of the unit cylinder about the $x$-axis."),
        rule='symbol' if ok else None,
    )


@add("000-example-curvatures", location="Sec. Principal Curvatures, plane vs half-cylinder example, sentence 4",
     quote=r"""Indeed, assuming a downward pointing normal, we can see that $\kappa_1 = \kappa_2 = 0$ for the plane and $\kappa_1 = 0, \kappa_2 = 1$ for the half-cylinder and thus their mean curvatures differ.""",
     expected=Verdict.TRUE, kind="example")
def _example_curv(ctx: Context) -> Outcome:
    pc = _plane_cylinder()
    plane_ok = all(d["down"] == [0, 0] and d["up"] == [0, 0] for d in pc["plane"].values())
    cyl_down = all(d["down"] == [0, 1] for d in pc["cylinder"].values())
    cyl_up = all(d["up"] == [-1, 0] for d in pc["cylinder"].values())
    means = {k: [str(pc["plane"][k]["mean_down"]), str(d["mean_down"])] for k, d in pc["cylinder"].items()}
    ok = plane_ok and cyl_down and cyl_up and all(m == ["0", "1/2"] for m in means.values())
    # labelling rule: the sentence fixes its own convention ("assuming a downward pointing normal"), so it is
    # judged under it (TRUE), not TRUE_UNDER_CONVENTION; the upward-normal values are evidence only
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with the downward normal the sentence itself fixes: plane {0, 0}, half-cylinder {0, 1}, mean curvatures 0 and 1/2 (exact at five points)",
        correction=None if ok else r"half-cylinder: $\kappa=\{0,1\}$ (downward normal)",
        rule=None if ok else "counterexample",
        evidence={"plane": "{0,0} at every tested point", "cylinder_down": "{0,1}", "cylinder_up": "{-1,0}",
                  "mean_down_(plane,cylinder)": means, "points_y": [str(c) for c in CYL_YS]},
        latex=(r"$s=g^{-1}h$ computed from first principles at $(1,y)$, $y\in\{0,\frac35,-\frac45,\frac5{13},-\frac{12}{13}\}$: plane $s=0$; "
               r"half-cylinder $z=\sqrt{1-y^2}$: $s=\mathrm{diag}(0,1)$ with the downward normal (mean $\tfrac12$, average convention; $1$ with "
               r"the sum), $\mathrm{diag}(0,-1)$ with the upward normal. The unit circle has curvature $1$, as expected."),
    )


@add("000-example-isometric", location="Sec. Principal Curvatures, plane vs half-cylinder example, sentence 5",
     quote=r"""However, they are actually isometric to each other—from the point of view of Riemannian geometry, they are the same.""",
     expected=Verdict.TRUE, kind="example")
def _example_iso(ctx: Context) -> Outcome:
    ok, ev = _cylinder_isometry()
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Phi(x, y) = (x, arcsin y + pi/2) is an isometry of the half-cylinder onto the flat square (0, pi) x (0, pi)",
        correction=None if ok else "the two surfaces are not isometric",
        evidence=ev,
        latex=(r"The half-cylinder's metric in $(x,y)$ is $g=\mathrm{diag}\big(1,\frac1{1-y^2}\big)$; with $u=\arcsin y+\frac\pi2$, "
               r"$du^2=\frac{dy^2}{1-y^2}$, so $\Phi(x,y)=(x,u)$ pulls back $dx^2+du^2$ to $g$ exactly, and maps $(0,\pi)\times(-1,1)$ onto "
               r"$(0,\pi)\times(0,\pi)$ — exactly the plane's domain (the half circle has length $\pi$)."),
        rule=None if ok else 'counterexample',
    )


@add("000-depends-on-parametrization", location="Sec. Principal Curvatures, plane vs half-cylinder example, last sentence",
     quote=r"""Thus, both principal and mean curvatures depend on the choice of the parametrization and not intrinsic.""",
     expected=Verdict.FALSE, kind="verbal")
def _depends_param(ctx: Context) -> Outcome:
    # the half-cylinder in two parametrizations: (x, y) (graph) and (x, u) -> (x, -cos u, sin u) (arclength)
    S = Hypersurface([x, -sp.cos(u), sp.sin(u)], (x, u))
    N_down = [0, sp.cos(u), -sp.sin(u)]  # = -(0, y, z): the downward (inward) normal
    s_u = S.shape_operator(normal=N_down).applyfunc(sp.simplify)
    g_u = S.first_fundamental_form().applyfunc(sp.simplify)
    eig_u = _sorted_eigs(s_u)
    eig_y = _plane_cylinder()["cylinder"][str(CYL_YS[1])]["down"]
    same_surface_same_kappa = eig_u == eig_y
    # the plane in coordinates with the *same* metric: kappa = {0, 0}
    P = Hypersurface([x, u, sp.Integer(0)], (x, u))
    s_p = P.shape_operator(normal=[0, 0, -1])
    same_metric = g_u == P.first_fundamental_form()
    ok = same_surface_same_kappa and same_metric and s_p == sp.zeros(2) and eig_u == [0, 1]
    return Outcome(
        Verdict.FALSE if ok else Verdict.TRUE,
        "principal curvatures do not depend on the parametrization (same cylinder, two parametrizations: {0,1} both); they depend on the embedding",
        correction=(r"principal and mean curvatures depend on how the surface is embedded in $\mathbb{R}^3$ (they are extrinsic), not on the "
                    r"parametrization: under reparametrization $\tilde s=J^{-1}sJ$, so the $\kappa_i$ are unchanged (up to a common sign if the normal flips)"),
        evidence={"cylinder_(x,y)_kappa": _fmt(eig_y), "cylinder_(x,u)_kappa": _fmt(eig_u), "metric_(x,u)": str(g_u),
                  "plane_in_same_metric_s": str(s_p)},
        latex=(r"The half-cylinder parametrized by $(x,u)\mapsto(x,-\cos u,\sin u)$ has $g=I$ and, with the downward normal, $s="
               f"{sp.latex(s_u)}$: principal curvatures ${_ltx(eig_u)}$, the same as in the graph parametrization $(x,y)$. The plane "
               r"$(x,u)\mapsto(x,u,0)$ has the same metric $g=I$ in the same coordinates and $s=0$. So with identical parametrizations and "
               r"metrics the curvatures still differ: they depend on the embedding, not on the parametrization."),
        rule='counterexample' if ok else None,
    )


@add("000-theorema-egregium", location="Sec. Principal Curvatures, paragraph on Gaussian curvature, sentence 3",
     quote=r"""In 2D surfaces, this is a classic result which Gauss named Theorema Egregium.""",
     expected=Verdict.TRUE, kind="proposition")
def _egregium(ctx: Context) -> Outcome:
    def build(A):
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        R = gj.riemann_fp(A, gj.christoffel_fp(A, g, ginv))
        Rl = gj.lowered_riemann_fp(A, g, R)
        s = gj.shape_operator_cf(A)
        det_s = s[0][0] * s[1][1] - s[0][1] * s[1][0]
        # K_sectional = R_{1212} / det g and det g = 1/beta: R_{1212} * beta = det s
        return [((), Rl[(0, 1, 0, 1)] * A.beta, det_s)]

    res = prove_jet_identity(build, range(2, 3))
    ok = res.holds_everywhere_tested
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for surfaces det s = R_1212 / det g, a function of the metric alone (exact on the jet ring, n = 2)",
        correction=None if ok else r"$K=R_{1212}/\det g$",
        evidence=res.evidence(),
        latex=(r"With the Riemann tensor computed from the metric only (Christoffel symbols $\to R$), "
               r"$R_{1212}/\det g=\det s$ exactly for the graph of a generic $f$ of two variables: the Gauss curvature is intrinsic "
               r"(Theorema Egregium). Historical attribution: Gauss, \emph{Disquisitiones generales circa superficies curvas} (1827)."),
        rule=None if ok else 'counterexample',
    )


@add("000-gauss-intrinsic-up-to-sign", location="Sec. Principal Curvatures, paragraph on Gaussian curvature, sentence 1",
     quote=r"""Remarkably, the Gaussian curvature is intrinsic: All isometric hypersurfaces of dimension $\geq 2$ have the same Gaussian curvature (up to sign).""",
     expected=Verdict.TRUE, kind="proposition")
def _gauss_intrinsic(ctx: Context) -> Outcome:
    r = _lambda2_check()
    ok = r["minors"].holds_for_all_n and r["det_jet_2"] and r["det_jet_3"] and r["det_point_4"][0] and r["det_point_5"][0]
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det(s)^(n-1) = det(R^{ij}_{km}) is a function of the metric: det s is intrinsic for even n, up to sign for odd n",
        correction=None if ok else "the Gauss-Kronecker curvature is intrinsic up to sign",
        evidence={"gauss_equation_raised": r["minors"].evidence(), "det_identity_jets_n2_n3": [r["det_jet_2"], r["det_jet_3"]],
                  "det_identity_points_n4_n5": [r["det_point_4"][0], r["det_point_5"][0]]},
        latex=(r"From the metric alone one computes $R^{ij}{}_{km}=g^{jr}R^i{}_{rkm}$; by the Gauss equation it equals the $2\times2$ minor "
               r"$s^i{}_ks^j{}_m-s^i{}_ms^j{}_k$ (exact, $n=2,\dots,9$, and every $n$ by the invariant-theory bound), i.e. the matrix of $\Lambda^2s$ on pairs $i<j$. By Sylvester--Franke "
               r"$\det\Lambda^2s=(\det s)^{n-1}$ (exact on the jet ring for $n=2,3$, at rational jets for $n=4,5$). Hence $(\det s)^{n-1}$ is "
               r"intrinsic: for $n$ even ($n-1$ odd) $\det s$ itself is, for $n$ odd only $|\det s|$ — the sign flips with the normal, "
               r"$\det(-s)=(-1)^n\det s$. For $n=2$ there is no sign ambiguity (Theorema Egregium)."),
        rule=None if ok else 'counterexample',
    )


@add("000-gauss-intrinsic-higher-dim", location="Sec. Principal Curvatures, paragraph on Gaussian curvature, last sentence",
     quote=r"""For hypersurfaces with dimension $> 2$, it can be shown that the Gaussian curvature is intrinsic up to sign [5, Ch. 7, Cor. 23].""",
     expected=Verdict.TRUE, kind="proposition")
def _gauss_intrinsic_hd(ctx: Context) -> Outcome:
    r = _lambda2_check()
    ok = r["minors"].holds_for_all_n and r["det_jet_3"] and r["det_point_4"][0] and r["det_point_5"][0]
    # the sign cannot be removed for odd n: the same hypersurface with the opposite normal
    sign_flip = (-sp.eye(3)).det() == -1
    return Outcome(
        Verdict.TRUE if ok and sign_flip else Verdict.FALSE,
        "n >= 3: det(Lambda^2 s) = det(s)^(n-1) is intrinsic; for odd n the sign is not (flip the normal); the citation itself not checked",
        correction=None if ok else "the Gauss-Kronecker curvature is intrinsic up to sign",
        evidence={"det_identity_n3_jets": r["det_jet_3"], "n4_n5_points": [r["det_point_4"][0], r["det_point_5"][0]]},
        latex=(r"Same computation as 000-gauss-intrinsic-up-to-sign: $(\det s)^{n-1}=\det(R^{ij}{}_{km})$ with $R$ from the metric "
               r"(exact for $n=3$ on the jet ring, $n=4,5$ at rational jets). For odd $n$ the opposite normal gives the same metric and "
               r"$-\det s$, so ``up to sign'' cannot be dropped; for even $n$ it can. The cited corollary in Spivak is not checked (the book is not part of the source)."),
        rule=None if ok and sign_flip else 'counterexample',
    )


@add("000-example-gauss-zero", location="Sec. Principal Curvatures, paragraph on Gaussian curvature, sentence 2",
     quote=r"""Using the previous example: the plane and half-cylinder have the same Gaussian curvature of $0$.""",
     expected=Verdict.TRUE, kind="example")
def _gauss_zero(ctx: Context) -> Outcome:
    pc = _plane_cylinder()
    ok = all(d["gauss_down"] == 0 and d["gauss_up"] == 0 for name in pc for d in pc[name].values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det s = 0 * 0 = 0 * 1 = 0 for both surfaces, with either normal (exact at five points)",
        correction=None if ok else "K = 0 for both",
        evidence={"points_y": [str(c) for c in CYL_YS]},
        latex=r"$\det s=0$ for the plane and for the half-cylinder ($\det\mathrm{diag}(0,\pm1)=0$) at every tested point, with either normal.",
        rule=None if ok else 'counterexample',
    )
