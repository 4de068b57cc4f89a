"""Claims of 000: blog post "Hessian and Curvatures in Machine Learning: A Differential-Geometric
View" (LaTeX source form).

Every check derives the truth itself (jet-ring identities, exact SymPy, exact rational examples)
and compares it with what is printed.  Conventions: :mod:`geomcheck.conventions` (upward normal,
``h_ij = <d_i d_j X, N>``, ``s = g^{-1} h``, mean curvature = tr(s)/n); where the post uses another
convention (it states a *downward* normal in its example) the verdict says so.

Private helpers (not shared): ``_jet_frame`` builds tangent vectors / normals on the jet ring,
``_shape_graph`` the exact shape operator of a concrete graph, ``_plane_cylinder`` the two
surfaces of the post's example, ``_relu_rescaling`` the Dinh et al. rescaling example,
``_local_height_hessian`` the quadratic approximation of a hypersurface at a point.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import sympy as sp
from sympy.calculus.util import function_range

from ..symbolic import graph_jets as gj
from ..symbolic.graph import GraphMetric
from ..symbolic.hypersurface import Hypersurface
from ..symbolic.jets import JetRing, sum_
from ..symbolic.metric import Metric
from ..symbolic.reparam import hessian_spectrum_counterexample
from .model import ClaimSet, Context, Outcome, Source, Verdict
from .registry import source_text
from .tools import evaluate_jet, jet_point_latex, prove_jet_identity, rational_jet_point

SOURCE = Source("000", "000_b919381c4a162fda.txt",
                "Hessian and Curvatures in Machine Learning: A Differential-Geometric View (blog post, LaTeX source)")
CLAIMS = ClaimSet(SOURCE)
add = CLAIMS.add

#: exact proofs for n = 2..10: enough to reach the invariant-theory pair bound of every identity here
DIMS_ALL = range(2, 11)

t1, t2, t3 = sp.symbols("theta1 theta2 theta3", real=True)
x, y, u, v = sp.symbols("x y u v", real=True)


# =============================================================================================
# private helpers
# =============================================================================================


def _dot(A, a, b):
    return sum_(A, (p * q for p, q in zip(a, b)))


def _up(A):
    """Upward unit normal ``w(-grad f, 1)`` (geomcheck's convention)."""
    return gj.normal_cf(A)


def _down(A):
    return [-c for c in gj.normal_cf(A)]


def _hess(A):
    return [[A.f(i, j) for j in range(A.n)] for i in range(A.n)]


def _eye(A):
    return [[A.one if i == j else A.zero for j in range(A.n)] for i in range(A.n)]


def _matrix_pairs(L, R, tag=""):
    return [((tag, i, j) if tag else (i, j), L[i][j], R[i][j]) for i in range(len(L)) for j in range(len(L[0]))]


def _prove_all_n(build, free):
    """Exact proof for n = 2 .. max(pair bound, 5): the invariant-theory bound extends it to every n."""
    bound = prove_jet_identity(build, (), free_indices=free).pair_bound
    return prove_jet_identity(build, range(2, min(max(bound, 5), DIMS_ALL.stop - 1) + 1), free_indices=free)


def _q(v) -> sp.Rational:
    """fmpq -> sympy Rational."""
    return sp.Rational(int(v.p), int(v.q))


def _jet_matrix_at(A, M, vals) -> sp.Matrix:
    return sp.Matrix(len(M), len(M[0]), lambda i, j: _q(evaluate_jet(M[i][j], vals)))


def _shape_graph(f, coords, point, *, downward=False) -> sp.Matrix:
    """Exact shape operator ``s = g^{-1}h`` of the graph of ``f`` at ``point`` (upward normal
    unless ``downward``), from first principles: h_ij = <d_i d_j X, N>, g = J^T J."""
    n = len(coords)
    X = sp.Matrix(list(coords) + [f])
    J = X.jacobian(coords)
    grad = sp.Matrix([sp.diff(f, c) for c in coords])
    N = sp.Matrix(list(-grad) + [1]) / sp.sqrt(1 + (grad.T * grad)[0])
    if downward:
        N = -N
    h = sp.Matrix(n, n, lambda i, j: (sp.diff(X, coords[i], coords[j]).T * N)[0])
    g = J.T * J
    at = dict(zip(coords, point))
    return sp.Matrix((g.subs(at).inv() * h.subs(at)).applyfunc(sp.simplify))


def _sorted_eigs(M: sp.Matrix) -> list[sp.Expr]:
    out = []
    for val, mult in M.eigenvals().items():
        out += [sp.radsimp(val)] * mult
    return sorted(out, key=lambda e: float(sp.N(e, 30)))


def _fmt(xs) -> str:
    return "[" + ", ".join(str(e) for e in xs) + "]"


def _ltx(xs) -> str:
    return "\\{" + ",".join(sp.latex(e) for e in xs) + "\\}"


# -- the plane / half-cylinder example -------------------------------------------------------

#: exact points of the half-cylinder with rational sqrt(1 - y^2)
CYL_YS = (sp.Integer(0), sp.Rational(3, 5), sp.Rational(-4, 5), sp.Rational(5, 13), sp.Rational(-12, 13))


@lru_cache(maxsize=None)
def _plane_cylinder() -> dict:
    """Principal curvatures (both normals), mean and Gauss curvature of the plane z = 0 and of the
    half-cylinder z = sqrt(1 - y^2), exactly, at the points (1, y) for y in CYL_YS."""
    out = {"plane": {}, "cylinder": {}}
    for name, f in (("plane", sp.Integer(0)), ("cylinder", sp.sqrt(1 - y**2))):
        for yv in CYL_YS:
            s_up = _shape_graph(f, (x, y), (1, yv))
            s_dn = _shape_graph(f, (x, y), (1, yv), downward=True)
            out[name][str(yv)] = {
                "up": _sorted_eigs(s_up), "down": _sorted_eigs(s_dn),
                "mean_down": s_dn.trace() / 2, "mean_up": s_up.trace() / 2,
                "gauss_down": s_dn.det(), "gauss_up": s_up.det(),
            }
    return out


def _cylinder_isometry() -> tuple[bool, dict]:
    """(x, y) -> (x, arcsin y + pi/2) maps the half-cylinder's metric onto the flat square metric."""
    X = sp.Matrix([x, y, sp.sqrt(1 - y**2)])
    J = X.jacobian((x, y))
    g_cyl = (J.T * J).applyfunc(sp.cancel)
    Phi = sp.Matrix([x, sp.asin(y) + sp.pi / 2])
    JP = Phi.jacobian((x, y))
    pulled = (JP.T * sp.eye(2) * JP).applyfunc(sp.cancel)
    ok = all(sp.cancel(a - b) == 0 for a, b in zip(g_cyl, pulled))
    # the image of (0, pi) x (-1, 1) is (0, pi) x (0, pi): arcsin is an increasing bijection onto (-pi/2, pi/2)
    # asin is continuous and increasing on [-1, 1]: the image of (-1, 1) is (asin(-1), asin(1)) + pi/2
    lo, hi = sp.asin(-1) + sp.pi / 2, sp.asin(1) + sp.pi / 2
    ok = ok and lo == 0 and hi == sp.pi
    return ok, {"g_cylinder": str(g_cyl), "pullback_of_flat_metric": str(pulled), "u_range": [str(lo), str(hi)]}


# -- the Dinh et al. rescaling example -------------------------------------------------------

a_, b_, al_, x_ = sp.symbols("a b alpha x", real=True)


@lru_cache(maxsize=None)
def _relu_rescaling() -> dict:
    """f(x; a, b) = b relu(a x), one sample (x, y) = (1, 1): loss (ab - 1)^2 for a > 0.
    T_alpha(a, b) = (alpha a, b / alpha) leaves the network function unchanged (alpha > 0)."""
    relu = lambda z: sp.Piecewise((z, z > 0), (0, True))  # noqa: E731
    alpha = sp.Symbol("alpha", positive=True)
    f = b_ * relu(a_ * x_)
    f_resc = (b_ / alpha) * relu(alpha * a_ * x_)
    same_function = all(
        sp.simplify((f - f_resc).subs({x_: xv, a_: av})) == 0
        for xv in (sp.Integer(-2), sp.Rational(1, 3), sp.Integer(5)) for av in (sp.Integer(-1), sp.Integer(2))
    )
    loss = (a_ * b_ - 1) ** 2
    H = sp.hessian(loss, (a_, b_))
    grad = sp.Matrix([sp.diff(loss, c) for c in (a_, b_)])
    pts = {"1": (1, 1), "2": (2, sp.Rational(1, 2)), "10": (10, sp.Rational(1, 10))}
    out = {"same_function": same_function, "points": {}}
    for key, (av, bv) in pts.items():
        at = {a_: av, b_: bv}
        Hv = H.subs(at)
        out["points"][key] = {
            "point": (av, bv), "critical": grad.subs(at) == sp.zeros(2, 1),
            "hessian": Hv, "eigs": _sorted_eigs(Hv), "trace": Hv.trace(), "det": Hv.det(),
            # at a critical point the shape operator of the graph is the Hessian (000-prop2)
            "principal": _sorted_eigs(_shape_graph(loss, (a_, b_), (av, bv))),
        }
    tr_alpha = sp.simplify(H.subs({a_: alpha, b_: 1 / alpha}).trace())
    out["trace_alpha"] = tr_alpha
    return out


# -- exact rational orthonormal frame at a non-critical point ---------------------------------

#: f = 2x + 2y + x^2 + 3xy - y^2 at 0: grad f = (2, 2), 1 + |grad f|^2 = 9, N = (-2, -2, 1)/3; the
#: tangent vectors E1 = (2, -1, 2)/3, E2 = (-1, 2, 2)/3 are orthonormal (all rational).
F_FRAME = 2 * x + 2 * y + x**2 + 3 * x * y - y**2
E_FRAME = sp.Matrix([[sp.Rational(2, 3), sp.Rational(-1, 3)], [sp.Rational(-1, 3), sp.Rational(2, 3)],
                     [sp.Rational(2, 3), sp.Rational(2, 3)]])
N_FRAME = sp.Matrix([-2, -2, 1]) / 3


def _frame_data() -> dict:
    X = sp.Matrix([x, y, F_FRAME])
    at = {x: 0, y: 0}
    J = X.jacobian((x, y)).subs(at)
    g = J.T * J
    h = sp.Matrix(2, 2, lambda i, j: (sp.diff(X, (x, y)[i], (x, y)[j]).subs(at).T * N_FRAME)[0])
    s = g.inv() * h
    # E = J C: C = coefficients of E in the coordinate basis (J's top block is the identity)
    C = E_FRAME[:2, :]
    frame_ok = (E_FRAME.T * E_FRAME == sp.eye(2)) and (E_FRAME.T * N_FRAME == sp.zeros(2, 1)) \
        and (J * C == E_FRAME) and (N_FRAME.T * N_FRAME)[0] == 1
    s_E = C.inv() * s * C
    return {"J": J, "g": g, "h": h, "s": s, "C": C, "s_E": s_E, "frame_ok": frame_ok}


# =============================================================================================
# Introduction
# =============================================================================================


@add("000-hessian-def", location="Introduction, paragraph 1",
     quote=r"""Assuming the standard basis for $\R^d$, from calculus we know that the second partial derivatives of $\ell$ at a point $\theta \in \R^d$ form a matrix called the Hessian matrix at $\theta$.""",
     expected=Verdict.TRUE, kind="definition")
def _hessian_def(ctx: Context) -> Outcome:
    ell = t1**3 * t2 + sp.sin(t1 * t2)
    H = sp.hessian(ell, (t1, t2))
    symmetric = sp.simplify(H[0, 1] - H[1, 0]) == 0
    # the basis matters: theta = B theta' turns the Hessian into B^T H B (a congruence)
    ell2 = t1**2 + t2**2
    B = sp.Matrix([[1, 1], [0, 1]])
    s1, s2 = sp.symbols("s1 s2", real=True)
    ell2_new = ell2.subs({t1: s1 + s2, t2: s2}, simultaneous=True)
    H_std = sp.hessian(ell2, (t1, t2))
    H_new = sp.hessian(ell2_new, (s1, s2))
    congruence = H_new == B.T * H_std * B
    e_std, e_new = _sorted_eigs(H_std), _sorted_eigs(H_new)
    ok = symmetric and congruence and e_std != e_new
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the matrix of second partials (symmetric by Schwarz) in the standard basis; the qualifier matters: another basis gives B^T H B",
        correction=None if ok else "the Hessian matrix is basis dependent",
        evidence={"schwarz_symmetric": symmetric, "H_standard_eigs": _fmt(e_std), "H_in_basis_b1=(1,0),b2=(1,1)": str(H_new),
                  "eigs_in_that_basis": _fmt(e_new)},
        latex=(r"$\nabla^2\ell$ is the matrix $(\partial_i\partial_j\ell)$, symmetric for $C^2$ losses (checked exactly for "
               r"$\ell=\theta_1^3\theta_2+\sin\theta_1\theta_2$). The qualifier ``standard basis'' is needed: in the basis "
               r"$b_1=(1,0), b_2=(1,1)$ the Hessian of $\theta_1^2+\theta_2^2$ is "
               f"$B^\\top(2I)B={sp.latex(H_new)}$ with eigenvalues ${_ltx(e_new)}$ instead of ${_ltx(e_std)}$ (a congruence, not a similarity)."),
        rule=None if ok else 'counterexample',
    )


@add("000-curvature-matrix-of-L", location="Introduction, paragraph 2, sentence 1",
     quote=r"""Often, one calls the Hessian matrix the “curvature matrix” of $L$ at $\theta$ [1, 2, etc.].""",
     expected=Verdict.TYPO, kind="verbal")
def _curv_matrix_L(ctx: Context) -> Outcome:
    text = source_text(SOURCE.file)
    here = text.find("“curvature matrix” of $L$")
    defined = text.find(r"the graph $L := \{ (\theta, \ell(\theta)) : \theta \in \R^d \}")
    # a point of L has d+1 coordinates; theta has d; the Hessian is that of ell (d x d)
    d = 3
    ths = sp.symbols("q1:4", real=True)
    ell = sp.Function("ell", real=True)(*ths)
    point_of_L = sp.Matrix(list(ths) + [ell])
    hess = sp.hessian(ell, ths)
    mismatch = point_of_L.shape[0] == d + 1 and hess.shape == (d, d)
    ok = 0 <= here < defined and mismatch
    verdict = Verdict.TYPO if ok else Verdict.TRUE
    return Outcome(
        verdict,
        "L (defined later as the graph in R^{d+1}) should be the loss ell: the Hessian is that of ell at theta in R^d",
        rule={Verdict.TYPO: 'symbol', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"one calls the Hessian matrix the ``curvature matrix'' of $\ell$ at $\theta$",
        evidence={"sentence_offset": here, "definition_of_L_offset": defined, "dim_point_of_L": d + 1, "hessian_shape": [d, d]},
        latex=(r"The symbol $L$ is not defined at this point; later it is the graph $L=\{(\theta,\ell(\theta))\}\subset\mathbb{R}^{d+1}$, "
               r"whose points are not $\theta\in\mathbb{R}^d$. The Hessian at $\theta$ is the $d\times d$ matrix of the loss $\ell$, so "
               r"the intended symbol is $\ell$ (the rest of the paragraph uses $\ell$)."),
    )


@add("000-eigenspectrum-curvatures", location="Introduction, paragraph 2, sentence 2",
     quote=r"""Indeed, it is well-justified since as we have learned in calculus, the eigenspectrum of this Hessian matrix represents the curvatures of the loss landscape of $\ell$ at $\theta$.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _eigenspectrum(ctx: Context) -> Outcome:
    # reading (a)/(b): equality / proportionality at a general point
    f = t1**2 + t2**2
    pt = (1, 1)  # grad = (2, 2): 1 + |grad|^2 = 9
    H = sp.hessian(f, (t1, t2)).subs({t1: 1, t2: 1})
    kappa = _sorted_eigs(_shape_graph(f, (t1, t2), pt))
    h_eigs = _sorted_eigs(H)
    equal = kappa == h_eigs
    proportional = sp.simplify(kappa[0] * h_eigs[1] - kappa[1] * h_eigs[0]) == 0
    # reading (c): equality at critical points, every n (jet identity s = H at grad = 0)
    res_crit = _prove_all_n(lambda A: _matrix_pairs([[A.at_critical_point(e) for e in r] for r in gj.shape_operator_cf(A)],
                                                    _hess(A)), 2)
    # reading (d): the signs (inertia) always agree: s = w g^{-1} H is similar to w g^{-1/2} H g^{-1/2}
    f2 = 2 * t1 + 2 * t2 + t1**2 / 2 + 3 * t1 * t2 - t2**2
    H2 = sp.hessian(f2, (t1, t2))
    k2 = _sorted_eigs(_shape_graph(f2, (t1, t2), (0, 0)))
    e2 = _sorted_eigs(H2)
    same_signs = [sp.sign(e) for e in k2] == [sp.sign(e) for e in e2] and \
        [sp.sign(e) for e in kappa] == [sp.sign(e) for e in h_eigs]
    readings = {"(a) eigenvalues = principal curvatures everywhere": equal,
                "(b) proportional to the principal curvatures": proportional,
                "(c) equal at critical points (every n)": res_crit.holds_for_all_n,
                "(d) same signs (inertia) everywhere": same_signs}
    verdict = Verdict.AMBIGUOUS if (not equal and not proportional and res_crit.holds_for_all_n and same_signs) else Verdict.FALSE
    return Outcome(
        verdict,
        "vague: Hessian eigenvalues equal the principal curvatures only at critical points; elsewhere only their signs agree",
        rule={Verdict.AMBIGUOUS: 'readings', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"at a critical point of $\ell$ the Hessian eigenvalues are the principal curvatures of the graph; elsewhere the principal curvatures are the eigenvalues of $(1+|\nabla\ell|^2)^{-1/2}(I+\nabla\ell\nabla\ell^\top)^{-1}\nabla^2\ell$",
        evidence={"readings": readings, "ell": "theta1^2+theta2^2 at (1,1)", "hessian_eigs": _fmt(h_eigs),
                  "principal_curvatures": _fmt(kappa), "critical_point_proof": res_crit.evidence(),
                  "saddle_example": {"ell": str(f2), "hessian_eigs": _fmt(e2), "principal_curvatures": _fmt(k2)}},
        latex=(r"Readings tested. (a) equality: for $\ell=\theta_1^2+\theta_2^2$ at $(1,1)$ the Hessian eigenvalues are "
               f"${_ltx(h_eigs)}$ but the principal curvatures of the graph are ${_ltx(kappa)}$ (false). "
               r"(b) proportionality: the ratios differ (false). (c) at critical points $s=\nabla^2\ell$ exactly "
               r"(jet identity, every $n$): true. (d) inertia: $s=w\,g^{-1}\nabla^2\ell$ is similar to "
               r"$w\,g^{-1/2}\nabla^2\ell\,g^{-1/2}$, congruent to $\nabla^2\ell$, so by Sylvester's law the signs agree "
               f"(saddle example ${sp.latex(f2)}$ at $0$: ${_ltx(e2)}$ vs ${_ltx(k2)}$): true. The statement is true only in readings (c)/(d)."),
    )


# =============================================================================================
# Loss landscapes as hypersurfaces
# =============================================================================================


@add("000-hypersurface-def", location="Sec. Loss Landscapes as Hypersurfaces, paragraph 1",
     quote=r"""We call an $n$-dimensional manifold $M$ a (Euclidean) hypersurface of $\R^{n+1}$ if $M$ is a subset of $\R^{n+1}$ (equipped with the standard basis) and the inclusion $\iota: M \hookrightarrow \R^{n+1}$ is a smooth topological embedding.""",
     expected=Verdict.AMBIGUOUS, kind="definition")
def _hypersurface_def(ctx: Context) -> Outcome:
    s_ = sp.Symbol("s", real=True)
    # cusp cylinder M = {(t^3, t^2, s)} with the manifold structure of the parameters (t, s)
    tt = sp.Symbol("t", real=True)
    X = sp.Matrix([tt**3, tt**2, s_])
    J = X.jacobian((tt, s_))
    g = (J.T * J).applyfunc(sp.expand)
    g0 = g.subs(tt, 0)
    injective_inverse = sp.simplify(sp.real_root(X[0], 3).subs(tt, 2) - 2) == 0  # t = cbrt(x): continuous inverse
    degenerate = g0.det() == 0 and J.subs(tt, 0).rank() == 1
    # reading (a): smooth embedding = immersion + topological embedding, e.g. a graph: J^T J = I + p p^T, det = 1 + |p|^2 > 0
    f = sp.Function("f", real=True)(x, y)
    Jg = sp.Matrix([x, y, f]).jacobian((x, y))
    det_g = sp.expand((Jg.T * Jg).det())
    graph_ok = sp.expand(det_g - (1 + sp.diff(f, x) ** 2 + sp.diff(f, y) ** 2)) == 0
    verdict = Verdict.AMBIGUOUS if (degenerate and injective_inverse and graph_ok) else Verdict.TRUE
    return Outcome(
        verdict,
        "'smooth topological embedding' must mean smooth embedding (immersion + homeomorphism onto image); a smooth map that is merely a topological embedding allows cusps",
        rule={Verdict.AMBIGUOUS: 'readings', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"the inclusion $\iota$ is a smooth embedding, i.e.\ an injective immersion that is a homeomorphism onto its image",
        evidence={"cusp_example": "X(t,s) = (t^3, t^2, s)", "g_at_t=0": str(g0), "rank_J_at_t=0": 1,
                  "graph_det_g": "1 + f_x^2 + f_y^2"},
        latex=(r"Reading (b), a smooth map that is a topological embedding: $M=\{(t^3,t^2,s)\}$ with the smooth structure of "
               r"$(t,s)$ is a 2-manifold, $\iota(t,s)=(t^3,t^2,s)$ is smooth and a homeomorphism onto its image (inverse "
               r"$t=\sqrt[3]{x}$), but $d\iota$ has rank 1 at $t=0$ and the induced form "
               f"$g={sp.latex(g)}$ is degenerate there: no tangent plane, no normal, not a hypersurface. "
               r"Reading (a), a smooth embedding (immersion $+$ topological embedding): $g=J^\top J$ is positive definite, e.g. "
               r"for a graph $\det g=1+|\nabla f|^2>0$. Only reading (a) gives a hypersurface."),
    )


@add("000-induced-metric", location="Sec. Loss Landscapes as Hypersurfaces, first display",
     quote=r"""\[\langle v, w\rangle_p = (d\iota)_p(v) \cdot (d\iota)_p(w) ,\]""",
     expected=Verdict.TRUE, kind="definition")
def _induced_metric(ctx: Context) -> Outcome:
    # a non-graph hypersurface: the torus with radii 2 and 1
    X = sp.Matrix([(2 + sp.cos(v)) * sp.cos(u), (2 + sp.cos(v)) * sp.sin(u), sp.sin(v)])
    J = X.jacobian((u, v))
    g = sp.Matrix(2, 2, lambda i, j: sp.trigsimp((J[:, i].T * J[:, j])[0]))
    known = sp.diag((2 + sp.cos(v)) ** 2, 1)  # the classical metric of the torus of revolution
    ok = all(sp.simplify(a - b) == 0 for a, b in zip(g, known))
    pos_def = sp.simplify(g.det() - (2 + sp.cos(v)) ** 2) == 0
    return Outcome(
        Verdict.TRUE if ok and pos_def else Verdict.FALSE,
        "the induced (first fundamental form) metric: dot products of pushed-forward tangent vectors; exact on the torus",
        correction=None if ok else r"$\langle v,w\rangle_p=(d\iota)_p(v)\cdot(d\iota)_p(w)$",
        evidence={"torus_g": str(g), "det": str(sp.simplify(g.det()))},
        latex=(r"For the torus $X(u,v)=((2+\cos v)\cos u,(2+\cos v)\sin u,\sin v)$ the dot products of $d\iota(\partial_u)=\partial_uX$ "
               f"and $d\\iota(\\partial_v)=\\partial_vX$ give $g={sp.latex(g)}$, the classical torus metric, positive definite "
               r"($\det g=(2+\cos v)^2>0$)."),
        rule=None if ok and pos_def else 'counterexample',
    )


@add("000-induced-metric-matrix", location="Sec. Loss Landscapes as Hypersurfaces, second display",
     quote=r"""\[\inner{v, w}_p = (J_p v)^\top (J_p w) .\]""",
     expected=Verdict.TRUE, kind="equation")
def _induced_metric_matrix(ctx: Context) -> Outcome:
    xs = sp.symbols("x1:4", real=True)
    f = sp.Function("f", real=True)(*xs)
    X = sp.Matrix(list(xs) + [f])
    J = X.jacobian(xs)
    vv = sp.Matrix(sp.symbols("v1:4", real=True))
    ww = sp.Matrix(sp.symbols("w1:4", real=True))
    grad = sp.Matrix([sp.diff(f, c) for c in xs])
    lhs = ((J * vv).T * (J * ww))[0]
    rhs = (vv.T * (sp.eye(3) + grad * grad.T) * ww)[0]
    ok = sp.expand(lhs - rhs) == 0
    columns = all(J[:, i] == sp.diff(X, xs[i]) for i in range(3))
    return Outcome(
        Verdict.TRUE if ok and columns else Verdict.FALSE,
        "(J v)^T (J w) = v^T (J^T J) w; for a graph J^T J = I + grad f grad f^T (exact, generic f, n = 3)",
        correction=None if ok else r"$\langle v,w\rangle_p=v^\top J_p^\top J_pw$",
        evidence={"n": 3, "identity": "(Jv)^T(Jw) = v^T (I + grad f grad f^T) w"},
        latex=(r"$(d\iota)_p$ is the $(n+1)\times n$ Jacobian whose columns are $\partial_iX$; so $(J_pv)^\top(J_pw)=v^\top(J_p^\top J_p)w$, "
               r"and for a graph $J^\top J=I+\nabla f\nabla f^\top$ (checked with generic $f$, $v$, $w$ for $n=3$)."),
        rule=None if ok and columns else 'counterexample',
    )


@add("000-graph-is-hypersurface", location="Sec. Loss Landscapes as Hypersurfaces, paragraph on graphs",
     quote=r"""then the graph of $g$ is the subset $M := \{ (u, g(u)) : u \in U \} \subseteq \R^{n+1}$ which is a hypersurface in $\R^{n+1}$.""",
     expected=Verdict.TRUE, kind="proposition")
def _graph_hypersurface(ctx: Context) -> Outcome:
    us = sp.symbols("u1:4", real=True)
    gfun = sp.Function("g", real=True)(*us)
    X = sp.Matrix(list(us) + [gfun])
    J = X.jacobian(us)
    immersion = J[:3, :] == sp.eye(3)  # an n x n identity minor: rank n everywhere
    left_inverse = X[:3, 0] == sp.Matrix(us)  # pi o X = id with pi the projection: continuous inverse on the image
    ok = immersion and left_inverse
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "X(u) = (u, g(u)) is an injective immersion (identity minor) with continuous inverse the projection: a smooth embedding",
        correction=None if ok else "the graph of a smooth function is an embedded hypersurface",
        evidence={"top_block_of_J_is_identity": immersion, "projection_inverts_X": left_inverse},
        latex=(r"$J=\begin{pmatrix}I_n\\ \nabla g^\top\end{pmatrix}$ has the identity as a minor, so $X$ is an immersion; the projection "
               r"$\pi(u,z)=u$ is continuous with $\pi\circ X=\mathrm{id}$, so $X$ is a homeomorphism onto $M$: a smooth embedding, "
               r"and $M$ is an embedded hypersurface (checked with a generic $g$, $n=3$)."),
        rule=None if ok else 'counterexample',
    )


@add("000-landscape-metric", location="Sec. Loss Landscapes as Hypersurfaces, paragraph on the loss landscape",
     quote=r"""Furthermore, the metric of $L$ is given by the Jacobian of the parametrization $Z$ and the standard dot product on $\R^{d+1}$, as before.""",
     expected=Verdict.TRUE, kind="verbal")
def _landscape_metric(ctx: Context) -> Outcome:
    def build(A):
        T = gj.tangent_vectors(A)
        g = gj.metric(A)
        return [((i, j), _dot(A, T[i], T[j]), g[i][j]) for i in range(A.n) for j in range(A.n)]

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "g = J_Z^T J_Z = I + grad ell grad ell^T, exact on the jet ring for every d",
        correction=None if ok else r"$g=J_Z^\top J_Z$",
        evidence=res.evidence(),
        latex=(r"$\partial_iZ=(e_i,\ell_i)$, so $(J_Z^\top J_Z)_{ij}=\delta_{ij}+\ell_i\ell_j$; exact on the jet ring up to the invariant-theory bound, hence for every $d$ "
               r"by the invariant-theory bound."),
        rule=None if ok else 'counterexample',
    )


# =============================================================================================
# The second fundamental form and the shape operator
# =============================================================================================


@add("000-tangent-normal-decomposition", location="Sec. The Second Fundamental Form and Shape Operator, first display",
     quote=r"""\[\nabla_X Y = (\nabla_X Y)^\top + (\nabla_X Y)^\perp ,\]""",
     expected=Verdict.TRUE, kind="equation")
def _decomposition(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        N = _up(A)
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        out = []
        # projections P_T = J g^{-1} J^T and P_N = N N^T add up to the identity of R^{n+1}
        for a in range(n + 1):
            for b in range(n + 1):
                PT = sum_(A, (T[i][a] * ginv[i][j] * T[j][b] for i in range(n) for j in range(n)))
                out.append((("P", a, b), PT + N[a] * N[b], A.one if a == b else A.zero))
        # Gauss formula: d_j d_i Z = Gamma^k_ij d_k Z + h_ij N (tangential part = Levi-Civita connection)
        gamma = gj.christoffel_fp(A, g, ginv)
        h = gj.second_fundamental_form_fp(A, N)
        for i in range(n):
            for j in range(n):
                for a in range(n + 1):
                    lhs = A.D(T[i][a], j)
                    rhs = sum_(A, (gamma[k][i][j] * T[k][a] for k in range(n))) + h[i][j] * N[a]
                    out.append((("G", i, j, a), lhs, rhs))
        return out

    res = _prove_all_n(build, 3)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "P_T + P_N = I on R^{d+1}, and d_i d_j Z = Gamma^k_ij d_k Z + h_ij N (Gauss formula), exact for every d",
        correction=None if ok else r"$\nabla_XY=(\nabla_XY)^\top+(\nabla_XY)^\perp$",
        evidence=res.evidence(),
        latex=(r"With $P_T=Jg^{-1}J^\top$ and $P_N=NN^\top$ ($N$ the upward unit normal), $P_T+P_N=I_{d+1}$ exactly, so every ambient "
               r"vector splits uniquely into tangent and normal parts. For the coordinate fields the split of "
               r"$\nabla_{\partial_j}\partial_iZ=\partial_j\partial_iZ$ is $\Gamma^k_{ij}\partial_kZ+h_{ij}N$ with $\Gamma$ computed "
               r"from the induced metric: the tangential part is the Levi-Civita connection of $L$. Exact on the jet ring up to the invariant-theory bound, hence for every $d$."),
        rule=None if ok else 'counterexample',
    )


@add("000-second-fundamental-form-def", location="Sec. The Second Fundamental Form and Shape Operator, display defining II",
     quote=r"""\[\mathrm{II}(X,Y) := (\nabla_X Y)^\perp .\]""",
     expected=Verdict.TRUE, kind="definition")
def _sff_def(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        N = _up(A)
        out = []
        for i in range(n):
            for j in range(n):
                dT = [A.D(T[i][a], j) for a in range(n + 1)]
                c = _dot(A, dT, N)
                II = [c * N[a] for a in range(n + 1)]
                for a in range(n + 1):
                    out.append((("II", i, j, a), II[a], A.w * A.f(i, j) * N[a]))
                for k in range(n):
                    out.append((("perp", i, j, k), _dot(A, II, T[k]), A.zero))
        return out

    res = _prove_all_n(build, 3)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "II(d_i Z, d_j Z) = (d_i d_j Z)^perp = (ell_ij / sqrt(1+|grad ell|^2)) N, a normal vector field; exact, every d",
        correction=None if ok else r"$\mathrm{II}(X,Y)=(\nabla_XY)^\perp$",
        evidence=res.evidence(),
        latex=(r"$\mathrm{II}(\partial_iZ,\partial_jZ)=\langle\partial_i\partial_jZ,N\rangle N=w\,\ell_{ij}N$ with "
               r"$w=(1+|\nabla\ell|^2)^{-1/2}$, and it is orthogonal to every $\partial_kZ$; exact for every $d$ (jet ring up to the invariant-theory bound)."),
        rule=None if ok else 'counterexample',
    )


@add("000-normal-two-choices", location="Sec. The Second Fundamental Form and Shape Operator, paragraph after the figure",
     quote=r"""the normal space $N_pL$ at each point $p$ of $L$ has dimension one, and there exist only two ways of choosing a unit vector field normal to $L$.""",
     expected=Verdict.TRUE, kind="proposition")
def _two_choices(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        N = _up(A)
        out = [(("unit",), _dot(A, N, N), A.one)]
        out += [(("perp", k), _dot(A, N, T[k]), A.zero) for k in range(n)]
        # the top n x n block of [d_1 Z .. d_n Z] is the identity: the tangent space has dimension n
        out += [(("minor", i, a), T[i][a], A.one if i == a else A.zero) for i in range(n) for a in range(n)]
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "dim N_pL = (d+1) - d = 1; unit normals at p are +-N(p), and L (homeomorphic to R^d) is connected, so exactly two fields",
        correction=None if ok else "two unit normal fields on a connected hypersurface",
        evidence=res.evidence(),
        latex=(r"The tangent vectors $\partial_iZ=(e_i,\ell_i)$ contain the identity minor, so $\dim T_pL=d$ and $\dim N_pL=1$; "
               r"$N=w(-\nabla\ell,1)$ is a unit normal ($\langle N,N\rangle=w^2(1+|\nabla\ell|^2)=1$, $\langle N,\partial_kZ\rangle=0$, exact for "
               r"every $d$). A continuous unit normal field is $\varepsilon N$ with $\varepsilon:L\to\{\pm1\}$ continuous; $L$ is homeomorphic "
               r"to $\mathbb{R}^d$, hence connected, so $\varepsilon$ is constant: exactly two fields (connectedness is needed; it holds here)."),
        rule=None if ok else 'counterexample',
    )


@add("000-outward-normal", location="Sec. The Second Fundamental Form and Shape Operator, paragraph on unit normal fields",
     quote=r"""One of the choices is the following normal vector field which is oriented outward relative to $L$.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _outward(ctx: Context) -> Outcome:
    text = source_text(SOURCE.file)
    i = text.find("oriented outward relative to $L$.")
    following = text[i:i + 120].split("\n")
    placeholder_only = any(line.strip() == "Unit normal field" for line in following)

    def build(A):
        n = A.n
        N = _up(A)
        # d/dt [z - ell(theta)] along Z + t N at t = 0 equals N^{d+1} - grad ell . N_{1..d} = 1/w > 0
        rate = N[n] - sum_(A, (A.p(a) * N[a] for a in range(n)))
        return [((), A.w * rate, A.one)]

    res = _prove_all_n(build, 0)
    verdict = Verdict.AMBIGUOUS if (placeholder_only and res.holds_for_all_n) else Verdict.TRUE
    return Outcome(
        verdict,
        "a graph bounds no region, so outward/inward is undefined; the formula/figure is missing; the two fields are upward and downward",
        rule={Verdict.AMBIGUOUS: 'ill-posed', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=r"the two unit normal fields of a graph are the upward $N=(-\nabla\ell,1)/\sqrt{1+|\nabla\ell|^2}$ and the downward $-N$",
        evidence={"figure_placeholder_follows": placeholder_only, "upward_points_into_z>ell": res.evidence()},
        latex=(r"The vector field itself is only in a figure (the source has the placeholder ``Unit normal field''). "
               r"$\mathbb{R}^{d+1}\setminus L$ has two components $\{z>\ell(\theta)\}$ and $\{z<\ell(\theta)\}$, both unbounded, so neither is "
               r"``inside''. Readings: the upward normal $N=w(-\nabla\ell,1)$ points into $\{z>\ell\}$ (along $Z+tN$, "
               r"$\frac{d}{dt}(z-\ell)=N^{d+1}-\nabla\ell\cdot N_{1..d}=1/w>0$, exact for every $d$); the downward $-N$ into $\{z<\ell\}$. "
               r"Both are valid; the post later uses the downward one (plane/cylinder example) and the upward one (Proposition 2)."),
    )


@add("000-scalar-sff-def", location="Sec. The Second Fundamental Form and Shape Operator, display defining h",
     quote=r"""\[h(X, Y) := \inner{N, \mathrm{II}(X,Y)} .\]""",
     expected=Verdict.TRUE, kind="definition")
def _scalar_sff(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        out = []
        for tag, N, sign in (("up", _up(A), 1), ("down", _down(A), -1)):
            for i in range(n):
                for j in range(n):
                    dT = [A.D(T[i][a], j) for a in range(n + 1)]
                    II = [_dot(A, dT, N) * N[a] for a in range(n + 1)]
                    out.append(((tag, i, j), _dot(A, N, II), A.const(sign) * A.w * A.f(i, j)))
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "h(d_i Z, d_j Z) = <N, II> = +-ell_ij / sqrt(1+|grad ell|^2) (sign of the chosen normal), exact for every d",
        correction=None if ok else r"$h(X,Y)=\langle N,\mathrm{II}(X,Y)\rangle$",
        evidence=res.evidence(),
        latex=(r"Since $\mathrm{II}=hN$ and $|N|=1$, $\langle N,\mathrm{II}\rangle=h$; for the graph $h_{ij}=w\,\ell_{ij}$ with the upward and "
               r"$-w\,\ell_{ij}$ with the downward normal (exact for every $d$). The sentence says ``of $M$''; the definition applies to any "
               r"hypersurface, here $L$."),
        rule=None if ok else 'counterexample',
    )


@add("000-shape-operator-def", location="Sec. The Second Fundamental Form and Shape Operator, display defining s",
     quote=r"""\[\inner{s(X), Y} = h(X,Y) .\]""",
     expected=Verdict.TRUE, kind="definition")
def _shape_def(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        s = gj.shape_operator_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        out = []
        for j in range(n):
            sX = [sum_(A, (s[i][j] * T[i][a] for i in range(n))) for a in range(n + 1)]
            for k in range(n):
                out.append(((j, k), _dot(A, sX, T[k]), h[j][k]))
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "s = g^{-1} h satisfies <s(d_j Z), d_k Z> = h_jk (and is the unique such endomorphism since g is invertible); exact, every d",
        correction=None if ok else r"$\langle s(X),Y\rangle=h(X,Y)$",
        evidence=res.evidence(),
        latex=(r"With $s(\partial_jZ)=s^i{}_j\partial_iZ$, $s=g^{-1}h=w(\nabla^2\ell-\beta\nabla\ell(\nabla^2\ell\nabla\ell)^\top)$: "
               r"$\langle s(\partial_jZ),\partial_kZ\rangle=g_{ki}s^i{}_j=h_{kj}$, exact for every $d$. This sign convention agrees with the "
               r"Weingarten map $s=-dN$ (claim 000-endomorphism)."),
        rule=None if ok else 'counterexample',
    )


@add("000-raise-index", location="Sec. The Second Fundamental Form and Shape Operator, paragraph after the definition of s",
     quote=r"""Based on the characterization above, we can alternatively view $s$ as an operator obtained by raising an index of $h$, i.e. multiplying the matrix of $h$ with the inverse-metric.""",
     expected=Verdict.TRUE, kind="verbal")
def _raise(ctx: Context) -> Outcome:
    def build(A):
        ginv = gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        return _matrix_pairs(gj.matmul(A, ginv, h), gj.shape_operator_cf(A))

    def build_other_order(A):
        ginv = gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        return _matrix_pairs(gj.matmul(A, h, ginv), gj.shape_operator_cf(A))

    def build_transpose(A):
        ginv = gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        hg = gj.matmul(A, h, ginv)
        s = gj.shape_operator_cf(A)
        return [((i, j), hg[i][j], s[j][i]) for i in range(A.n) for j in range(A.n)]

    res = _prove_all_n(build, 2)
    other = prove_jet_identity(build_other_order, range(2, 4))
    transp = _prove_all_n(build_transpose, 2)
    ok = res.holds_for_all_n and not other.holds_everywhere_tested and transp.holds_for_all_n
    ce = other.counterexamples.get(2, {})
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "s^i_j = g^{ik} h_kj, i.e. the inverse metric times h (on the left); h g^{-1} is the transpose, with the same spectrum",
        correction=None if ok else r"$s=g^{-1}h$",
        evidence={"g_inv_h": res.evidence(), "h_g_inv_differs": other.evidence(), "h_g_inv_is_transpose": transp.evidence()},
        latex=(r"$g^{-1}h$ equals the shape operator exactly for every $d$. The order matters for the matrix (not for the spectrum): "
               r"$hg^{-1}=(g^{-1}h)^\top$ exactly, and $hg^{-1}\neq g^{-1}h$ in general, e.g. at the jet "
               f"{jet_point_latex(ce.get('jet', {}))} (component {ce.get('component', '')}: ${ce.get('lhs', '')}$ vs ${ce.get('rhs', '')}$)."),
        rule=None if ok else 'counterexample',
    )


@add("000-endomorphism", location="Sec. The Second Fundamental Form and Shape Operator, paragraph on self-adjointness, sentence 1",
     quote=r"""Note that, at each point $p \in L$, the shape operator at $p$ is a linear endomorphism of $T_p L$, i.e. it defines a map from the tangent space to itself.""",
     expected=Verdict.TRUE, kind="proposition")
def _endomorphism(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        N = _up(A)
        s = gj.shape_operator_cf(A)
        out = []
        for j in range(n):
            dN = [A.D(N[a], j) for a in range(n + 1)]
            out.append((("dN.N", j), _dot(A, dN, N), A.zero))
            for a in range(n + 1):
                out.append((("weingarten", j, a), -dN[a], sum_(A, (s[i][j] * T[i][a] for i in range(n)))))
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "s(d_j Z) = s^i_j d_i Z lies in T_pL, and equals -d_j N (Weingarten map; <d_j N, N> = 0), exact for every d",
        correction=None if ok else "the shape operator maps T_pL to itself",
        evidence=res.evidence(),
        latex=(r"$\langle\partial_jN,N\rangle=\tfrac12\partial_j|N|^2=0$, so $\partial_jN\in T_pL$, and $-\partial_jN=s^i{}_j\,\partial_iZ$ "
               r"(Weingarten equation) exactly for every $d$: $s$ is the linear map $-dN:T_pL\to T_pL$."),
        rule=None if ok else 'counterexample',
    )


@add("000-II-symmetric", location="Sec. The Second Fundamental Form and Shape Operator, paragraph on self-adjointness, sentence 2",
     quote=r"""Furthermore, we can show that $\mathrm{II}(X,Y) = \mathrm{II}(Y,X)$ and thus $h(X,Y)$ is symmetric.""",
     expected=Verdict.TRUE, kind="proposition")
def _II_sym(ctx: Context) -> Outcome:
    # general (non-coordinate) tangent fields on the graph of a generic f, n = 2
    f = sp.Function("f", real=True)(x, y)
    Z = sp.Matrix([x, y, f])
    Xc = [sp.Function("X1", real=True)(x, y), sp.Function("X2", real=True)(x, y)]
    Yc = [sp.Function("Y1", real=True)(x, y), sp.Function("Y2", real=True)(x, y)]
    cs = (x, y)
    Xv = sum((Xc[i] * sp.diff(Z, cs[i]) for i in range(2)), sp.zeros(3, 1))
    Yv = sum((Yc[i] * sp.diff(Z, cs[i]) for i in range(2)), sp.zeros(3, 1))

    def ambient_derivative(Vc, W):  # directional derivative of the R^3-valued field W along V = V^i d_i Z
        return sum((Vc[i] * sp.diff(W, cs[i]) for i in range(2)), sp.zeros(3, 1))

    nu = sp.Matrix([-sp.diff(f, x), -sp.diff(f, y), 1])  # normal direction
    diff_normal = (nu.T * (ambient_derivative(Xc, Yv) - ambient_derivative(Yc, Xv)))[0]
    sym_general = sp.expand(diff_normal) == 0

    def build(A):
        h = gj.second_fundamental_form_fp(A, _up(A))
        return [((i, j), h[i][j], h[j][i]) for i in range(A.n) for j in range(A.n)]

    res = _prove_all_n(build, 2)
    ok = sym_general and res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "II(X,Y) - II(Y,X) = ([X,Y])^perp = 0 because [X,Y] is tangent; exact for general fields (n = 2) and h_ij = h_ji for every d",
        correction=None if ok else r"$\mathrm{II}(X,Y)=\mathrm{II}(Y,X)$",
        evidence={"general_fields_n2": sym_general, "h_symmetric": res.evidence()},
        latex=(r"For arbitrary tangent fields $X=X^i\partial_iZ$, $Y=Y^j\partial_jZ$ on the graph of a generic $f$ ($n=2$), "
               r"$\langle\nabla_XY-\nabla_YX,\nu\rangle=0$ exactly ($\nabla_XY-\nabla_YX=[X,Y]$ is tangent), so "
               r"$\mathrm{II}(X,Y)=\mathrm{II}(Y,X)$; and $h_{ij}=\langle\partial_j\partial_iZ,N\rangle$ is symmetric for every $d$."),
        rule=None if ok else 'counterexample',
    )


@add("000-self-adjoint-chain", location="Sec. The Second Fundamental Form and Shape Operator, display on self-adjointness",
     quote=r"""\[\inner{s(X), Y} = h(X,Y) = h(Y,X) = \inner{s(Y), X} = \inner{X, s(Y)} .\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _self_adjoint(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        g = gj.metric(A)
        s = gj.shape_operator_cf(A)
        gs = gj.matmul(A, g, s)
        return [((j, k), gs[k][j], gs[j][k]) for j in range(n) for k in range(n)]

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "each step holds (definition, symmetry of h, definition, symmetry of <,>): g s is symmetric, exact for every d",
        correction=None if ok else r"$\langle s(X),Y\rangle=\langle X,s(Y)\rangle$",
        evidence=res.evidence(),
        latex=(r"Step 1 and 3 are the definition of $s$ (000-shape-operator-def), step 2 the symmetry of $h$ (000-II-symmetric), step 4 the "
               r"symmetry of the inner product. In coordinates: $(gs)_{kj}=\langle s(\partial_jZ),\partial_kZ\rangle$ is symmetric in $j,k$, "
               r"exact for every $d$."),
        rule=None if ok else 'counterexample',
    )


@add("000-symmetric-matrix", location="Sec. The Second Fundamental Form and Shape Operator, last paragraph",
     quote=r"""Altogether, this means that at each $p \in L$, the shape operator at $p$ can be represented by a symmetric $d \times d$ matrix.""",
     expected=Verdict.TRUE, kind="proposition")
def _sym_matrix(ctx: Context) -> Outcome:
    d = _frame_data()
    s, s_E = d["s"], d["s_E"]
    sym_in_frame = s_E == s_E.T
    coord_sym = s == s.T
    ok = d["frame_ok"] and sym_in_frame and not coord_sym
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "symmetric in any orthonormal basis of T_pL (self-adjointness); the coordinate matrix g^{-1}h is in general not symmetric",
        correction=None if ok else "symmetric in an orthonormal basis",
        evidence={"f": str(F_FRAME), "point": "(0,0)", "s_coordinates": str(s), "s_orthonormal_frame": str(s_E)},
        latex=(f"For $f={sp.latex(F_FRAME)}$ at $0$ ($\\nabla f=(2,2)$, $N=(-2,-2,1)/3$), the coordinate matrix is "
               f"$g^{{-1}}h={sp.latex(s)}$, not symmetric; in the orthonormal tangent frame $E_1=(2,-1,2)/3$, $E_2=(-1,2,2)/3$ the matrix of $s$ is "
               f"${sp.latex(s_E)}$, symmetric. ``Can be represented'' is true (in orthonormal bases)."),
        rule=None if ok else 'counterexample',
    )


# =============================================================================================
# Principal curvatures
# =============================================================================================


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


@lru_cache(maxsize=None)
def _lambda2_check() -> dict:
    """det(Lambda^2 s) = det(s)^(n-1), with Lambda^2 s computed intrinsically from the Riemann tensor."""
    out = {}

    def lam2(A):
        n = A.n
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        R = gj.riemann_fp(A, gj.christoffel_fp(A, g, ginv))
        pairs = list(itertools.combinations(range(n), 2))
        # R^{ib}_{km} = R^i_{jkm} g^{jb}: by the Gauss equation the 2x2 minors of s
        M = [[A.reduce(sum_(A, (gj.riemann_component(A, R, i, j, k, m) * ginv[j][b] for j in range(n))))
              for (k, m) in pairs] for (i, b) in pairs]
        return M, pairs

    def build_minors(A):
        M, pairs = lam2(A)
        s = gj.shape_operator_cf(A)
        return [((i, b, k, m), M[P][Q], s[i][k] * s[b][m] - s[i][m] * s[b][k])
                for P, (i, b) in enumerate(pairs) for Q, (k, m) in enumerate(pairs)]

    # pair bound 9 (free indices i, b, k, m): n = 2..9 reaches it, so the raised Gauss equation holds for every n
    out["minors"] = prove_jet_identity(build_minors, range(2, 10), free_indices=4)
    # Sylvester-Franke det(Lambda^2 S) = det(S)^(n-1): exact on the jet ring for n = 2, 3, at rational jets for n = 4, 5
    for n in (2, 3):
        A = JetRing(n, max_order=3)
        M, _ = lam2(A)
        out[f"det_jet_{n}"] = A.is_zero(gj.determinant(A, M) - gj.determinant(A, gj.shape_operator_cf(A)) ** (n - 1))
    for n in (4, 5):
        A = JetRing(n, max_order=3)
        M, _ = lam2(A)
        vals = rational_jet_point(A, n)
        Mv = _jet_matrix_at(A, M, vals)
        sv = _jet_matrix_at(A, gj.shape_operator_cf(A), vals)
        out[f"det_point_{n}"] = (Mv.det() == sv.det() ** (n - 1), str(sv.det()))
    return out


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


# =============================================================================================
# The loss landscape's Hessian; Proposition 1
# =============================================================================================


@add("000-coordinate-basis", location="Sec. The Loss Landscape's Hessian, paragraph 1, last sentence",
     quote=r"""At each $p \in L$, these vector fields form a basis for $T_p L$, viewed as a collection of $d$ vectors in $\R^{d+1}$.""",
     expected=Verdict.TRUE, kind="proposition")
def _coord_basis(ctx: Context) -> Outcome:
    gram = {}
    for n in range(2, 9):
        A = JetRing(n, max_order=2)
        gram[n] = A.is_zero(gj.determinant(A, gj.metric(A)) - A.D_poly())

    def build(A):
        T = gj.tangent_vectors(A)
        N = _up(A)
        return [((k,), _dot(A, T[k], N), A.zero) for k in range(A.n)]

    res = _prove_all_n(build, 1)
    ok = all(gram.values()) and res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Gram determinant det g = 1 + |grad ell|^2 > 0 (independent), and all d_i Z are orthogonal to N: a basis of T_pL = N^perp",
        correction=None if ok else "the d_i Z form a basis of T_pL",
        evidence={"det_g=1+|p|^2": {str(k): v for k, v in gram.items()}, "tangent": res.evidence()},
        latex=(r"The Gram determinant of $\partial_1Z,\dots,\partial_dZ$ is $\det g=1+|\nabla\ell|^2>0$ (exact for $d=2,\dots,8$; every $d$ "
               r"by the matrix determinant lemma), so they are independent; they are orthogonal to $N$, hence span the $d$-dimensional $T_pL$."),
        rule=None if ok else 'counterexample',
    )


@add("000-pushforward", location="Sec. The Loss Landscape's Hessian, display for dZ",
     quote=r"""\[dZ_\theta \left( \frac{\partial}{\partial \theta^i} \right) = \frac{\partial Z}{\partial \theta^i} (\theta) =: \partial_i Z(\theta) ,\]""",
     expected=Verdict.TRUE, kind="equation")
def _pushforward(ctx: Context) -> Outcome:
    ths = (t1, t2, t3)
    ell = sp.Function("ell", real=True)(*ths)
    Z = sp.Matrix(list(ths) + [ell])
    J = Z.jacobian(ths)
    ok = all(J * sp.eye(3)[:, i] == sp.diff(Z, ths[i]) for i in range(3))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "dZ(e_i) = J e_i = i-th column of the Jacobian = dZ/dtheta^i (generic ell, d = 3)",
        correction=None if ok else r"$dZ_\theta(\partial_i)=\partial_iZ(\theta)$",
        evidence={"d": 3},
        latex=r"$dZ_\theta(\partial/\partial\theta^i)=J_Z(\theta)e_i$, the $i$-th column of the Jacobian, which is $\partial Z/\partial\theta^i$ (checked for a generic $\ell$, $d=3$).",
        rule=None if ok else 'counterexample',
    )


@add("000-prop1", location="Sec. The Loss Landscape's Hessian, Proposition 1, display",
     quote=r"""\[h(\partial_i Z, \partial_j Z) = \left\langle \frac{\partial^2 Z}{\partial \theta^i \partial \theta^d} , N \right\rangle = N^{d+1} \frac{\partial^2 \ell}{\partial \theta^i \partial \theta^j}.\]""",
     expected=Verdict.TYPO, kind="proposition")
def _prop1(ctx: Context) -> Outcome:
    def build_printed(A):
        n = A.n
        T = gj.tangent_vectors(A)
        N = _up(A)
        return [((i, j), _dot(A, [A.D(T[i][a], n - 1) for a in range(n + 1)], N), N[n] * A.f(i, j))
                for i in range(n) for j in range(n)]

    def build_fixed(A):
        n = A.n
        T = gj.tangent_vectors(A)
        out = []
        for tag, N in (("up", _up(A)), ("down", _down(A))):
            h = gj.second_fundamental_form_fp(A, N)
            for i in range(n):
                for j in range(n):
                    mid = _dot(A, [A.D(T[i][a], j) for a in range(n + 1)], N)
                    out.append(((tag, "h=mid", i, j), h[i][j], mid))
                    out.append(((tag, "mid=N*H", i, j), mid, N[n] * A.f(i, j)))
        return out

    printed = prove_jet_identity(build_printed, range(2, 4))
    fixed = _prove_all_n(build_fixed, 2)
    if printed.holds_everywhere_tested:
        return Outcome(Verdict.TRUE, "the printed middle term equals N^{d+1} ell_ij", evidence=printed.evidence())
    ce = printed.counterexamples[min(printed.counterexamples)]
    return Outcome(
        Verdict.TYPO if fixed.holds_for_all_n else Verdict.FALSE,
        "the middle term differentiates in theta^i and theta^d instead of theta^j; with theta^j the chain holds for every d and either normal",
        correction=(r"$h(\partial_iZ,\partial_jZ)=\big\langle\frac{\partial^2Z}{\partial\theta^i\partial\theta^j},N\big\rangle"
                    r"=N^{d+1}\frac{\partial^2\ell}{\partial\theta^i\partial\theta^j}$"),
        evidence={"as_printed": printed.evidence(), "corrected": fixed.evidence(), "counterexample": ce},
        latex=(r"As printed, $\langle\partial_i\partial_dZ,N\rangle=N^{d+1}\ell_{id}$, which is not $N^{d+1}\ell_{ij}$ for $j\neq d$: at the jet "
               f"{jet_point_latex(ce['jet'])}, component {ce['component']} (0-based $(i,j)$), $d={min(printed.counterexamples)}$, "
               f"the middle term is ${ce['lhs']}$ and the right side ${ce['rhs']}$. With $\\theta^j$: "
               r"$h_{ij}=\langle\partial_i\partial_jZ,N\rangle=N^{d+1}\ell_{ij}$ exactly, for the upward and the downward normal, every $d$."),
        rule='index' if fixed.holds_for_all_n else 'counterexample',
    )


@add("000-prop1-proof-citation", location="Proof of Prop. 1, sentence 1",
     quote=r"""To show the first equality, one can refer to Proposition 8.23 in [1], which works for any parametrization and not just the graph parametrization.""",
     expected=Verdict.TYPO, kind="proof-step")
def _prop1_cite(ctx: Context) -> Outcome:
    text = source_text(SOURCE.file)
    refs = dict(re.findall(r"^\s*(\d)\.\s+(.*)$", text, flags=re.M))
    ref1_is_ml = "Natural Gradient" in refs.get("1", "")
    ref3_is_lee = "Lee, John M. Riemannian manifolds" in refs.get("3", "")
    later_cites_lee = "Prop. 8.24 in [3]" in text
    # the mathematics: h_ij = <d_i d_j X, N> for a non-graph parametrization (torus): Gauss formula
    X = sp.Matrix([(2 + sp.cos(v)) * sp.cos(u), (2 + sp.cos(v)) * sp.sin(u), sp.sin(v)])
    N = sp.Matrix([sp.cos(u) * sp.cos(v), sp.sin(u) * sp.cos(v), sp.sin(v)])  # outward unit normal
    unit_normal = sp.simplify((N.T * N)[0]) == 1 and all(sp.simplify((N.T * sp.diff(X, c))[0]) == 0 for c in (u, v))
    Jt = X.jacobian((u, v))
    g = (Jt.T * Jt).applyfunc(sp.simplify)
    G = Metric(g, (u, v)).christoffel()
    cs = (u, v)
    gauss_ok = True
    h = sp.zeros(2)
    for i in range(2):
        for j in range(2):
            d2 = sp.diff(X, cs[i], cs[j])
            tang = sum((G[k, i, j] * sp.diff(X, cs[k]) for k in range(2)), sp.zeros(3, 1))
            h[i, j] = sp.simplify((d2.T * N)[0])
            resid = (d2 - tang - h[i, j] * N).applyfunc(sp.simplify)
            gauss_ok = gauss_ok and resid == sp.zeros(3, 1)
    ok = ref1_is_ml and ref3_is_lee and later_cites_lee and gauss_ok and unit_normal
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        "reference [1] is Martens' natural-gradient paper; the differential-geometry text (Lee) is [3]; the fact itself holds for any parametrization",
        correction=r"one can refer to Proposition 8.23 in [3] (Lee, \emph{Riemannian Manifolds})",
        evidence={"ref1": refs.get("1", ""), "ref3": refs.get("3", ""), "torus_h": str(h), "gauss_formula_on_torus": gauss_ok},
        latex=(r"The reference list gives [1] = Martens, ``New Insights and Perspectives on the Natural Gradient Method'' and [3] = Lee, "
               r"\emph{Riemannian Manifolds}, which the post cites as ``Prop. 8.24 in [3]'' two paragraphs later; so [1] should be [3] "
               r"(the proposition number in the book itself is not checkable here). The mathematics holds for any parametrization: on the "
               r"torus $X(u,v)=((2+\cos v)\cos u,(2+\cos v)\sin u,\sin v)$, $\partial_i\partial_jX=\Gamma^k_{ij}\partial_kX+h_{ij}N$ exactly with "
               f"$\\Gamma$ from the induced metric, so $h_{{ij}}=\\langle(\\nabla_{{\\partial_i}}\\partial_jX)^\\perp,N\\rangle=\\langle\\partial_i\\partial_jX,N\\rangle={sp.latex(h)}$."),
        rule='reference' if ok else None,
    )


@add("000-prop1-proof-dZ", location="Proof of Prop. 1, first display",
     quote=r"""\[\frac{\partial Z}{\partial \theta^i} = \left( 0, \dots, 1, \dots, \frac{\partial \ell}{\partial \theta^i} \right) ,\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _dZ(ctx: Context) -> Outcome:
    ths = (t1, t2, t3)
    ell = sp.Function("ell", real=True)(*ths)
    Z = sp.Matrix(list(ths) + [ell])
    ok = all(sp.diff(Z, ths[i]) == sp.Matrix([1 if a == i else 0 for a in range(3)] + [sp.diff(ell, ths[i])]) for i in range(3))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "d_i Z = (e_i, ell_i): a 1 in slot i, the partial of ell last (generic ell, d = 3)",
        correction=None if ok else r"$\partial_iZ=(e_i,\partial_i\ell)$",
        evidence={"d": 3},
        latex=r"$Z=(\theta^1,\dots,\theta^d,\ell)$ gives $\partial_iZ=(e_i,\partial_i\ell)$ (checked for a generic $\ell$, $d=3$).",
        rule=None if ok else 'counterexample',
    )


@add("000-prop1-proof-d2Z", location="Proof of Prop. 1, second display",
     quote=r"""\[\frac{\partial^2 Z}{\partial \theta^i \partial \theta^j} = \left( 0, \dots, 0, \frac{\partial^2 \ell}{\partial \theta^i \partial \theta^j} \right) .\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _d2Z(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        T = gj.tangent_vectors(A)
        return [((i, j, a), A.D(T[i][a], j), A.f(i, j) if a == n else A.zero)
                for i in range(n) for j in range(n) for a in range(n + 1)]

    res = _prove_all_n(build, 3)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "d_j d_i Z = (0, ..., 0, ell_ij), exact on the jet ring for every d",
        correction=None if ok else r"$\partial_i\partial_jZ=(0,\dots,0,\ell_{ij})$",
        evidence=res.evidence(),
        latex=r"Differentiating $(e_i,\ell_i)$ in $\theta^j$ kills the constant part: $(0,\dots,0,\ell_{ij})$; exact for every $d$.",
        rule=None if ok else 'counterexample',
    )


@add("000-prop1-proof-inner", location="Proof of Prop. 1, third display",
     quote=r"""\[h(\partial_i Z, \partial_j Z) = 0 + \dots + 0 + N^{d+1} \frac{\partial^2 \ell}{\partial \theta^i \partial \theta^j} = N^{d+1} \frac{\partial^2 \ell}{\partial \theta^i \partial \theta^j} ,\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _inner(ctx: Context) -> Outcome:
    ths = (t1, t2, t3)
    ell = sp.Function("ell", real=True)(*ths)
    Z = sp.Matrix(list(ths) + [ell])
    Nsym = sp.Matrix(sp.symbols("N1:5", real=True))  # any vector
    ok_generic = all(
        sp.expand((sp.diff(Z, ths[i], ths[j]).T * Nsym)[0] - Nsym[3] * sp.diff(ell, ths[i], ths[j])) == 0
        for i in range(3) for j in range(3))

    def build(A):
        n = A.n
        out = []
        for tag, N in (("up", _up(A)), ("down", _down(A))):
            h = gj.second_fundamental_form_fp(A, N)
            out += [((tag, i, j), h[i][j], N[n] * A.f(i, j)) for i in range(n) for j in range(n)]
        return out

    res = _prove_all_n(build, 2)
    ok = ok_generic and res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "<(0,...,0,ell_ij), N> = N^{d+1} ell_ij for any N; with the unit normals h_ij = N^{d+1} ell_ij, every d",
        correction=None if ok else r"$h_{ij}=N^{d+1}\ell_{ij}$",
        evidence={"any_vector_N_d3": ok_generic, "unit_normals": res.evidence()},
        latex=r"The first $d$ components of $\partial_i\partial_jZ$ vanish, so the inner product with any $N$ is $N^{d+1}\ell_{ij}$ (symbolic $N$, $d=3$); exact on the jet ring with both unit normals, every $d$.",
        rule=None if ok else 'counterexample',
    )


@add("000-prop1-proof-N-domain", location="Proof of Prop. 1, sentence after the third display",
     quote=r"""where $N^{d+1}$ is the $(d+1)$-st component function (it is a function $\R^{d+1} \to \R$) of the normal field $N$.""",
     expected=Verdict.TYPO, kind="proof-step")
def _N_domain(ctx: Context) -> Outcome:
    ell = t1**2 + t2**2
    zz = sp.Symbol("z", real=True)
    w = 1 / sp.sqrt(1 + 4 * t1**2 + 4 * t2**2)
    N_last_on_L = w  # upward normal's last component at Z(theta)
    # two functions on R^3 that both restrict to N^{d+1} on L but differ off L
    E1 = w
    E2 = w + (zz - ell)
    agree_on_L = sp.simplify((E1 - E2).subs(zz, ell)) == 0
    differ_off_L = sp.simplify((E1 - E2).subs({zz: ell + 1})) != 0
    ok = agree_on_L and differ_off_L
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        "N is a field along L, so N^{d+1} is a function on L (theta -> +-1/sqrt(1+|grad ell|^2)), not on R^{d+1}",
        correction=(r"$N^{d+1}$ is the last component of $N$, a function on $L$; in coordinates "
                    r"$\theta\mapsto N^{d+1}(Z(\theta))=\pm(1+|\nabla\ell(\theta)|^2)^{-1/2}$"),
        evidence={"ell": str(ell), "N_last_on_L": str(N_last_on_L), "extension_1": str(E1), "extension_2": str(E2)},
        latex=(r"For $\ell=\theta_1^2+\theta_2^2$ the upward normal has $N^3(Z(\theta))=(1+4\theta_1^2+4\theta_2^2)^{-1/2}$, defined only on $L$. "
               r"Two different functions on $\mathbb{R}^3$, $E_1=w(\theta)$ and $E_2=w(\theta)+(z-\ell(\theta))$, agree on $L$ and differ off it: "
               r"the normal field does not determine a function $\mathbb{R}^{d+1}\to\mathbb{R}$. The domain is $L$ (or $\mathbb{R}^d$ via $Z$)."),
        rule='symbol' if ok else None,
    )


@add("000-prop1-proof-matrix-h", location="Proof of Prop. 1, last sentence",
     quote=r"""At each $p \in L$, the matrix of $h$ is therefore $N^{d+1}(p)$ times the Hessian matrix of $\ell$ at $p$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _matrix_h(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        out = []
        for tag, N in (("up", _up(A)), ("down", _down(A))):
            h = gj.second_fundamental_form_fp(A, N)
            out += [((tag, i, j), h[i][j], N[n] * A.f(i, j)) for i in range(n) for j in range(n)]
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "in the coordinate basis d_i Z, (h_ij) = N^{d+1} Hess ell (at theta = pi(p)), exact for every d and both normals",
        correction=None if ok else r"$(h_{ij})=N^{d+1}\nabla^2\ell$",
        evidence=res.evidence(),
        latex=(r"$(h(\partial_iZ,\partial_jZ))_{ij}=N^{d+1}(p)\,\nabla^2\ell(\theta)$ with $p=Z(\theta)$ (``at $p$'' means at $\theta=\pi(p)$); "
               r"this is the matrix of the bilinear form $h$ in the coordinate basis, not of $s=g^{-1}h$. Exact for every $d$."),
        rule=None if ok else 'counterexample',
    )


# =============================================================================================
# Proposition 2
# =============================================================================================


def _at_crit(A, M):
    return [[A.at_critical_point(e) for e in row] for row in M]


@add("000-critical-summary", location="Sec. The Loss Landscape's Hessian, paragraph before Prop. 2",
     quote=r"""The following proposition says that at a critical point, the unit normal vector can be chosen as $(0, \dots, 0, 1)$ and thus the scalar second fundamental form coincides with the Hessian of $\ell$. Furthermore, by orthonormalizing the basis for the tangent space at that point, we can show that the matrix of the scalar second fundamental form in this case is exactly the matrix of the shape operator at $p$ and thus the Hessian encodes the principal curvatures at that point.""",
     expected=Verdict.TRUE, kind="verbal")
def _crit_summary(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        N0 = [A.at_critical_point(c) for c in _up(A)]
        out = [(("N", a), N0[a], A.one if a == n else A.zero) for a in range(n + 1)]
        out += _matrix_pairs(_at_crit(A, gj.second_fundamental_form_cf(A)), _hess(A), "h")
        out += _matrix_pairs(_at_crit(A, gj.shape_operator_cf(A)), _hess(A), "s")
        out += _matrix_pairs(_at_crit(A, gj.metric(A)), _eye(A), "g")
        return out

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at grad ell = 0: N = (0,...,0,1), h = Hess, g = I (coordinate basis already orthonormal), s = Hess; exact, every d",
        correction=None if ok else "at critical points h = s = Hess",
        evidence=res.evidence(),
        latex=(r"At $\nabla\ell=0$: $N=e_{d+1}$, $h=\nabla^2\ell$, $g=I$ and $s=\nabla^2\ell$ exactly for every $d$. In any orthonormal basis "
               r"$g=I$ and the matrices of $h$ and $s$ coincide; the eigenvalues of the Hessian are the principal curvatures."),
        rule=None if ok else 'counterexample',
    )


@add("000-prop2", location="Sec. The Loss Landscape's Hessian, Proposition 2",
     quote=r"""Then the matrix of the shape operator $s$ of $L$ at $p_*$ is equal to the Hessian matrix of $\ell$ at $\theta_*$.""",
     expected=Verdict.TRUE, kind="proposition")
def _prop2(ctx: Context) -> Outcome:
    def build_up(A):
        return _matrix_pairs(_at_crit(A, gj.shape_operator_cf(A)), _hess(A))

    def build_down(A):
        s_down = gj.matmul(A, gj.inverse_metric_cf(A), gj.second_fundamental_form_fp(A, _down(A)))
        return _matrix_pairs(_at_crit(A, s_down), [[-e for e in row] for row in _hess(A)])

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

    res = _prove_all_n(build, 1)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "<d_k Z, e_{d+1}> = ell_k = 0 at a critical point, and the upward unit normal field takes the value e_{d+1} there",
        correction=None if ok else "e_{d+1} is normal at critical points",
        evidence=res.evidence(),
        latex=(r"$\langle\partial_kZ,e_{d+1}\rangle=\ell_k(\theta_*)=0$; moreover $e_{d+1}$ is the value at $p_*$ of the upward unit normal "
               r"field, so Proposition 1 (which needs a normal \emph{field}) applies. Exact for every $d$."),
        rule=None if ok else 'counterexample',
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
        return _matrix_pairs(_at_crit(A, gj.second_fundamental_form_fp(A, _up(A))), _hess(A))

    res = _prove_all_n(build, 2)
    ok = res.holds_for_all_n
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with N^{d+1}(p_*) = 1, h = Hess ell(theta_*) in the coordinate basis d_i Z (exact, every d); see 000-prop2-proof-gram-schmidt for other bases",
        correction=None if ok else r"$h(p_*)=\nabla^2\ell(\theta_*)$",
        evidence=res.evidence(),
        latex=r"Proposition 1 (corrected) with $N^{d+1}(p_*)=1$: $(h_{ij})=\nabla^2\ell(\theta_*)$ in the basis $\partial_iZ$; exact for every $d$.",
        rule=None if ok else 'counterexample',
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
        return _matrix_pairs(_at_crit(A, gj.metric(A)), _eye(A))

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


# =============================================================================================
# Flatness and generalization
# =============================================================================================


@add("000-flatness-conjecture", location="Sec. Flatness and Generalization, paragraph 1",
     quote=r"""The conjecture is that the flatter a minimum is, the better the network generalizes.""",
     expected=Verdict.NOT_CHECKABLE, kind="verbal")
def _conjecture(ctx: Context) -> Outcome:
    return Outcome(
        Verdict.NOT_CHECKABLE,
        "an empirical conjecture from the literature; testing it needs trained networks, their minima and held-out data",
        evidence={"needs": "trained networks at several minima, a flatness measure at each, and test-set generalization gaps"},
        latex=(r"This reports a conjecture of the deep-learning literature; its truth is empirical (correlation between a flatness measure at "
               r"trained minima and the test error) and needs the networks and data. The mathematical objection to Hessian-based flatness is "
               r"checked in 000-flatness-disputed."),
        rule='empirical',
    )


@add("000-flatness-disputed", location="Sec. Flatness and Generalization, paragraph 1, last sentence",
     quote=r"""However, this has been disputed by e.g. [4] and rightly so.""",
     expected=Verdict.TRUE, kind="verbal")
def _disputed(ctx: Context) -> Outcome:
    r = _relu_rescaling()
    p1, p2 = r["points"]["1"], r["points"]["2"]
    ok = r["same_function"] and p1["critical"] and p2["critical"] and p1["eigs"] != p2["eigs"] and p1["trace"] != p2["trace"]
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Hessian eigenvalues/trace at a minimum change under the function-preserving ReLU rescaling (a, b) -> (alpha a, b/alpha)",
        correction=None if ok else "Hessian-based flatness is reparametrization invariant",
        evidence={"same_function": r["same_function"], "hessian_eigs_at_(1,1)": _fmt(p1["eigs"]), "hessian_eigs_at_(2,1/2)": _fmt(p2["eigs"]),
                  "trace_at_(alpha,1/alpha)": str(r["trace_alpha"])},
        latex=(r"Dinh et al.'s argument, exactly: $f(x;a,b)=b\,\mathrm{relu}(ax)$ equals $f(x;\alpha a,b/\alpha)$ for $\alpha>0$. With one sample "
               r"$(x,y)=(1,1)$, $\ell(a,b)=(ab-1)^2$; $(1,1)$ and $(2,\frac12)$ are minima representing the same function, with Hessian "
               f"eigenvalues ${_ltx(p1['eigs'])}$ and ${_ltx(p2['eigs'])}$; along $(\\alpha,1/\\alpha)$ the trace is ${sp.latex(r['trace_alpha'])}$, "
               r"unbounded. So eigenvalue/trace flatness is not a property of the represented function."),
        rule=None if ok else 'counterexample',
    )


@add("000-minimum-not-intrinsic", location="Sec. Flatness and Generalization, paragraph 2, sentence 1",
     quote=r"""As we have seen previously, at a minimum, the principal and mean curvature (the eigenvalues and trace of the Hessian of $\ell$, resp.) are not intrinsic.""",
     expected=Verdict.TRUE, kind="proposition")
def _min_not_intrinsic(ctx: Context) -> Outcome:
    # ell_1 = 0 and ell_2 = theta1^2 / 2: both landscapes are flat and isometric to the plane; minima at 0
    G2 = GraphMetric(t1**2 / 2, (t1, t2))
    flat = sp.simplify(G2.scalar_curvature()) == 0
    # isometry: u1 = int_0^theta1 sqrt(1 + t^2) dt, u2 = theta2 pulls dx^2 back to the graph metric
    du1 = sp.sqrt(1 + t1**2)
    iso = sp.simplify(du1**2 - G2.g[0, 0]) == 0 and G2.g[1, 1] == 1 and G2.g[0, 1] == 0
    k1 = _sorted_eigs(_shape_graph(sp.Integer(0), (t1, t2), (0, 0)))
    k2 = _sorted_eigs(_shape_graph(t1**2 / 2, (t1, t2), (0, 0)))
    ok = flat and iso and k1 != k2
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the landscapes of 0 and theta1^2/2 are isometric (both flat, developable) with minima at 0 but principal curvatures {0,0} vs {0,1}",
        correction=None if ok else "principal curvatures at minima are not intrinsic",
        evidence={"scalar_curvature_of_theta1^2/2": "0", "kappa_plane": _fmt(k1), "kappa_parabolic_cylinder": _fmt(k2)},
        latex=(r"$\ell_2=\theta_1^2/2$ has graph metric $\mathrm{diag}(1+\theta_1^2,1)$, pulled back from $du_1^2+du_2^2$ by "
               r"$u_1=\int_0^{\theta_1}\sqrt{1+t^2}\,dt$, $u_2=\theta_2$ (a global isometry onto the plane); its minimum $0$ has principal "
               f"curvatures ${_ltx(k2)}$ versus ${_ltx(k1)}$ for $\\ell_1=0$, mean curvatures $\\frac12$ vs $0$."),
        rule=None if ok else 'counterexample',
    )


@add("000-mean-is-trace", location="Sec. Flatness and Generalization, paragraph 2, sentence 1 (parenthesis)",
     quote=r"""(the eigenvalues and trace of the Hessian of $\ell$, resp.)""",
     expected=Verdict.TYPO, kind="verbal")
def _mean_trace(ctx: Context) -> Outcome:
    def build(A):
        return [((), A.at_critical_point(gj.mean_curvature_times_n_cf(A)), sum_(A, (A.f(i, i) for i in range(A.n))))]

    res = _prove_all_n(build, 0)
    # the convention the post fixes: its definition of the mean curvature (000-gaussian-mean-def)
    text = source_text(SOURCE.file)
    post_average = r"the mean curvature as $\frac{1}{d} \mathrm{tr}\,s" in text
    post_sum = r"the mean curvature as $\mathrm{tr}\,s" in text
    # at the minimum 0 of theta1^2/2 + theta2^2 (d = 2): mean curvature (average) 3/2, trace of the Hessian 3
    H = sp.hessian(t1**2 / 2 + t2**2, (t1, t2))
    kappa = _sorted_eigs(_shape_graph(t1**2 / 2 + t2**2, (t1, t2), (0, 0)))
    mean_avg, trace = sum(kappa) / 2, H.trace()
    if not res.holds_for_all_n:
        verdict, rule = Verdict.FALSE, "counterexample"
    elif post_average and not post_sum:
        # labelling rule: judged under the post's own average convention; "trace" -> "trace / d" repairs it
        verdict, rule = (Verdict.TYPO, "document-convention") if mean_avg != trace else (Verdict.TRUE, None)
    else:
        verdict, rule = Verdict.TRUE_UNDER_CONVENTION, "mean"
    return Outcome(
        verdict,
        "at a critical point tr s = tr Hess, so the mean curvature is tr(Hess)/d with the post's own average definition, not the trace",
        rule=rule,
        correction=r"(the eigenvalues and the trace divided by $d$ of the Hessian of $\ell$, resp.)",
        convention=("mean curvature as the sum of the principal curvatures" if verdict is Verdict.TRUE_UNDER_CONVENTION else None),
        evidence={"tr_s=tr_Hess_at_critical_points": res.evidence(), "post_defines_mean_as_average": post_average,
                  "example_d2": {"hessian": str(H), "principal_curvatures": _fmt(kappa), "mean_curvature": str(mean_avg),
                                 "trace_hessian": str(trace)}},
        latex=(r"At $\nabla\ell=0$: $\mathrm{tr}\,s=\mathrm{tr}\nabla^2\ell$ exactly for every $d$. The post itself defines the mean "
               r"curvature as $\frac1d\mathrm{tr}\,s$ (000-gaussian-mean-def), which at a minimum is $\frac1d\mathrm{tr}\nabla^2\ell$: "
               r"for $\ell=\tfrac12\theta_1^2+\theta_2^2$ at $0$ the principal curvatures are "
               f"${_ltx(kappa)}$, the mean curvature ${sp.latex(mean_avg)}$ and the trace ${sp.latex(trace)}$. "
               r"By the labelling rule a convention the document fixes is part of the statement: ``trace'' is a typo for ``trace divided by $d$'' "
               r"(it would be right only with the sum convention, which the post does not use)."),
    )


@add("000-different-parametrization", location="Sec. Flatness and Generalization, paragraph 2, sentence 2",
     quote=r"""Different parametrization of $L$ can yield different principal and mean curvatures.""",
     expected=Verdict.FALSE, kind="verbal")
def _diff_param(ctx: Context) -> Outcome:
    ce = hessian_spectrum_counterexample()
    ok = ce.shape_spectrum_invariant and ce.shape_eigenvalues_graph_of_pullback != ce.shape_eigenvalues_x
    return Outcome(
        Verdict.FALSE if ok else Verdict.TRUE,
        "reparametrizing the same L leaves the principal curvatures unchanged; only the graph of ell o phi (a different hypersurface) has others",
        correction=(r"reparametrizing $L$ leaves its principal and mean curvatures unchanged ($\tilde s=J^{-1}sJ$); what changes them is "
                    r"replacing $\ell$ by $\ell\circ\varphi$, whose graph is a different hypersurface"),
        evidence={"f": str(ce.f), "phi": [str(c) for c in ce.phi], "point_y": [str(c) for c in ce.point_y],
                  "kappa_L": _fmt(ce.shape_eigenvalues_x), "kappa_L_reparametrized": _fmt(ce.shape_eigenvalues_reparametrized),
                  "kappa_graph_of_f_o_phi": _fmt(ce.shape_eigenvalues_graph_of_pullback)},
        latex=(f"$L$ = graph of $f={sp.latex(ce.f)}$; reparametrize by $x=\\varphi(y)=({sp.latex(ce.phi[0])},{sp.latex(ce.phi[1])})$ at "
               f"$y=({sp.latex(ce.point_y[0])},{sp.latex(ce.point_y[1])})$. The same surface $L$ in the new parameters has principal curvatures "
               f"${_ltx(ce.shape_eigenvalues_reparametrized)}$, equal to the original ${_ltx(ce.shape_eigenvalues_x)}$ (as $\\tilde s=J^{{-1}}sJ$). "
               f"The graph of $f\\circ\\varphi$ is another hypersurface, with ${_ltx(ce.shape_eigenvalues_graph_of_pullback)}$."),
        rule='counterexample' if ok else None,
    )


@add("000-isometric-reparametrization", location="Sec. Flatness and Generalization, paragraph 2, sentence 4",
     quote=r"""In particular, we can apply a bijective transformation $\varphi$ to the original parameter space $\R^d$ s.t. the resulting loss landscape is isometric to the original loss landscape and the particular minimum $\theta_*$ does not change, i.e. $\varphi(\theta_*) = \theta_*$.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _iso_reparam(ctx: Context) -> Outcome:
    # (a) the map induced by phi: Phi(theta, ell(phi(theta))) = (phi(theta), ell(phi(theta))) pulls g_L back to
    #     J^T J + grad(ell o phi) grad(ell o phi)^T: an isometry iff J^T J = I
    p1, p2 = sp.symbols("y1 y2", real=True)
    X1, X2 = sp.symbols("X1 X2", real=True)
    reading_a_law = True
    for ell_x, phi in ((X1**3 + X1 * X2**2 + X2, (p1 + p2**2, p1 * p2 + p1**3)),
                       (sp.exp(X1) * X2 + X1**2, (2 * p1 - p2, p1 + sp.sin(p2)))):
        sub = dict(zip((X1, X2), phi))
        L_ = ell_x.subs(sub, simultaneous=True)
        Jp = sp.Matrix(phi).jacobian((p1, p2))
        gradL = sp.Matrix([sp.diff(L_, c) for c in (p1, p2)])
        gx = sp.Matrix([sp.diff(ell_x, c) for c in (X1, X2)]).subs(sub, simultaneous=True)
        pulled = Jp.T * (sp.eye(2) + gx * gx.T) * Jp
        diff = (pulled - (sp.eye(2) + gradL * gradL.T) - (Jp.T * Jp - sp.eye(2))).applyfunc(sp.expand)
        reading_a_law = reading_a_law and diff == sp.zeros(2)
    # ... and then at a fixed critical point Hess(ell o phi) = J^T H J with J orthogonal: same spectrum
    R = sp.Matrix([[sp.Rational(3, 5), -sp.Rational(4, 5)], [sp.Rational(4, 5), sp.Rational(3, 5)]])
    Hx = sp.Matrix([[1, 0], [0, 2]])
    reading_a_same = R.T * R == sp.eye(2) and (R.T * Hx * R).charpoly() == Hx.charpoly()
    # (b) an abstract isometry: ell = theta1^2/2, phi(theta) = (2 theta1, theta2); both graphs flat, isometric to R^2
    G1, G2 = GraphMetric(t1**2 / 2, (t1, t2)), GraphMetric(2 * t1**2, (t1, t2))
    both_flat = sp.simplify(G1.scalar_curvature()) == 0 and sp.simplify(G2.scalar_curvature()) == 0
    k1 = _sorted_eigs(_shape_graph(t1**2 / 2, (t1, t2), (0, 0)))
    k2 = _sorted_eigs(_shape_graph(2 * t1**2, (t1, t2), (0, 0)))
    reading_b = both_flat and k1 != k2
    # (c) Dinh et al.'s rescaling: ell o T_alpha = ell (same landscape) but T_alpha moves the minimum
    r = _relu_rescaling()
    moved = r["points"]["1"]["point"] != r["points"]["2"]["point"]
    verdict = Verdict.AMBIGUOUS if (reading_a_law and reading_a_same and reading_b and moved) else Verdict.TRUE
    return Outcome(
        verdict,
        "'isometric' via the map induced by phi forces phi to be a Euclidean isometry (spectrum at theta_* unchanged); only an abstract isometry allows a change",
        rule={Verdict.AMBIGUOUS: 'readings', Verdict.FALSE: "counterexample"}.get(verdict),
        correction=(r"e.g. $\ell=\theta_1^2/2$ and $\varphi(\theta)=(2\theta_1,\theta_2)$: both landscapes are flat (abstractly isometric), "
                    r"$\varphi(0)=0$, principal curvatures $\{0,1\}\to\{0,4\}$; the map induced by $\varphi$ is an isometry only if $\varphi$ is a rigid motion"),
        evidence={"(a) pullback - g_new = J^T J - I": reading_a_law, "(a) orthogonal J keeps the spectrum": reading_a_same,
                  "(b) kappa_before": _fmt(k1), "(b) kappa_after": _fmt(k2), "(c) Dinh rescaling moves the minimum": moved},
        latex=(r"Reading (a): the isometry is the one induced by $\varphi$, $(\theta,\ell(\varphi(\theta)))\mapsto(\varphi(\theta),\ell(\varphi(\theta)))$. "
               r"It pulls $g_L$ back to $J^\top J+\nabla(\ell\circ\varphi)\nabla(\ell\circ\varphi)^\top$ (exact for two concrete pairs $\ell$, $\varphi$; it is the chain rule $\nabla(\ell\circ\varphi)=J^\top\nabla\ell$), so it is an "
               r"isometry iff $J^\top J=I$; then at the fixed minimum $\nabla^2(\ell\circ\varphi)=J^\top\nabla^2\ell J$ is orthogonally similar: the "
               r"principal curvatures cannot change, contradicting the next sentence. Reading (b): some isometry: $\ell=\theta_1^2/2$, "
               f"$\\varphi=(2\\theta_1,\\theta_2)$; both graphs are flat and isometric to the plane, $\\varphi(0)=0$, curvatures ${_ltx(k1)}\\to{_ltx(k2)}$. "
               r"Reading (c), the cited construction of [4]: $\ell\circ T_\alpha=\ell$ (the same landscape) but $T_\alpha(\theta_*)\neq\theta_*$. "
               r"The statement holds only in reading (b), which is not what [4] does."),
    )


@add("000-curvature-changes-same-function", location="Sec. Flatness and Generalization, paragraph 3, sentences 1-2",
     quote=r"""It is clear that the principal curvature changes even though functionally, the NN still represents the same function. Thus, we cannot actually connect the notion of “flatness” that are common in literature to the generalization ability of the NN.""",
     expected=Verdict.TRUE, kind="verbal")
def _changes_same_function(ctx: Context) -> Outcome:
    r = _relu_rescaling()
    p1, p2 = r["points"]["1"], r["points"]["2"]
    ok = r["same_function"] and p1["principal"] != p2["principal"] and p1["principal"] == p1["eigs"]
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "same network function, principal curvatures {0,4} vs {0,17/2} at the two minima: Hessian flatness is not a function of the network function",
        correction=None if ok else "the principal curvatures are unchanged",
        evidence={"kappa_at_(1,1)": _fmt(p1["principal"]), "kappa_at_(2,1/2)": _fmt(p2["principal"]), "same_function": r["same_function"]},
        latex=(r"Reading: a flatness measure that changes under a function-preserving reparametrization is not a function of the network's "
               r"input--output map, so it cannot by itself determine generalization (a property of that map). Exactly: "
               r"$f(x;a,b)=b\,\mathrm{relu}(ax)=f(x;2a,b/2)$, and the principal curvatures of the landscape $(ab-1)^2$ at the minima $(1,1)$ and "
               f"$(2,\\frac12)$ are ${_ltx(p1['principal'])}$ and ${_ltx(p2['principal'])}$. (Whether flatness \\emph{{correlates}} with "
               r"generalization in practice is empirical and not checked.)"),
        rule=None if ok else 'counterexample',
    )


@add("000-gaussian-is-det-hessian", location="Sec. Flatness and Generalization, last sentence (second half)",
     quote=r"""the Gaussian curvature, which can be easily computed since it is just the determinant of the Hessian at the minima.""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="proposition")
def _gauss_det(ctx: Context) -> Outcome:
    up, down = {}, {}
    for n in range(2, 7):
        A = JetRing(n, max_order=2)
        s_up = _at_crit(A, gj.shape_operator_cf(A))
        detH = gj.determinant(A, _hess(A))
        up[n] = A.is_zero(gj.determinant(A, s_up) - detH)
        s_dn = [[-e for e in row] for row in s_up]
        down[n] = A.is_zero(gj.determinant(A, s_dn) - A.const((-1) ** n) * detH)
    ok = all(up.values()) and all(down.values())
    return Outcome(
        Verdict.TRUE_UNDER_CONVENTION if ok else Verdict.FALSE,
        "at a critical point det s = det Hess with the upward normal; (-1)^d det Hess with the downward one (exact, d = 2..6)",
        correction=None if ok else r"$K=\det\nabla^2\ell$ at critical points",
        convention=("upward normal (or even d); with the downward normal used in the post's own example, K = (-1)^d det Hess at a minimum"),
        evidence={"upward": {str(k): v for k, v in up.items()}, "downward_(-1)^d": {str(k): v for k, v in down.items()}},
        latex=(r"At $\nabla\ell=0$, $s=\nabla^2\ell$ (upward normal), so $K=\det s=\det\nabla^2\ell$; with the downward normal $s=-\nabla^2\ell$ and "
               r"$K=(-1)^d\det\nabla^2\ell$ (exact on the jet ring, $d=2,\dots,6$; every $d$ by multiplicativity of $\det$)."),
        rule='normal' if ok else 'counterexample',
    )


@add("000-gaussian-as-remedy", location="Sec. Flatness and Generalization, last sentence (first half)",
     quote=r"""A definitive connection between them must start with some intrinsic notion of flatness—for starter, the Gaussian curvature""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _remedy(ctx: Context) -> Outcome:
    # (i) a reparametrization of parameter space changes det Hess at the (fixed) minimum by det(J)^2
    ell = (t1**2 + t2**2) / 2
    phi = (2 * t1, t2)
    ell_phi = ell.subs({t1: phi[0], t2: phi[1]}, simultaneous=True)
    d0 = sp.hessian(ell, (t1, t2)).subs({t1: 0, t2: 0}).det()
    d1 = sp.hessian(ell_phi, (t1, t2)).subs({t1: 0, t2: 0}).det()
    Jd = sp.Matrix(phi).jacobian((t1, t2)).det()
    scales = d1 == Jd**2 * d0 and d1 != d0
    # (ii) the Dinh et al. rescaling: det Hess = 0 at every minimum (a flat valley), so K = 0 says nothing
    r = _relu_rescaling()
    zero_det = all(pt["det"] == 0 for pt in r["points"].values())
    remedy_fails = scales and zero_det
    # reading (a), literal: the Gaussian curvature is an intrinsic notion of flatness (the raised Gauss equation:
    # det(s)^(d-1) is a function of the metric; for surfaces det s itself)
    lam = _lambda2_check()
    intrinsic = lam["minors"].holds_for_all_n and lam["det_jet_2"] and lam["det_jet_3"]
    # labelling rule: AMBIGUOUS when reasonable readings disagree, FALSE only when no reading is true
    if intrinsic and remedy_fails:
        verdict, rule = Verdict.AMBIGUOUS, "readings"
    elif remedy_fails:
        verdict, rule = Verdict.FALSE, "counterexample"
    else:
        verdict, rule = Verdict.TRUE, None
    return Outcome(
        verdict,
        "literally true (the Gaussian curvature is intrinsic); false as a remedy: a reparametrization is no isometry and det Hess scales by det(J)^2 (1 -> 4)",
        rule=rule,
        correction=(r"the Gaussian curvature is invariant under isometries of the landscape, but a reparametrization $\varphi$ of parameter space "
                    r"changes the landscape: at a fixed minimum $\det\nabla^2(\ell\circ\varphi)=(\det J_\varphi)^2\det\nabla^2\ell$, so it is not a "
                    r"reparametrization-invariant flatness measure either"),
        evidence={"(a) gaussian_curvature_intrinsic": intrinsic, "(b) remedy_fails": remedy_fails,
                  "det_before": str(d0), "det_after_phi=(2t1,t2)": str(d1), "det_J": str(Jd),
                  "dinh_minima_det_hessian": [str(pt["det"]) for pt in r["points"].values()]},
        latex=(r"The Gaussian curvature is intrinsic (000-gauss-intrinsic-up-to-sign), i.e. invariant under isometries of $L$. But the "
               r"reparametrizations at issue do not induce isometries (000-isometric-reparametrization, reading (a)). For "
               r"$\ell=\frac12(\theta_1^2+\theta_2^2)$ and $\varphi(\theta)=(2\theta_1,\theta_2)$, $\varphi(0)=0$: "
               f"$K(0)=\\det\\nabla^2\\ell(0)={d0}$ becomes ${d1}=(\\det J)^2\\cdot{d0}$. "
               r"For Dinh et al.'s ReLU rescaling the Hessian at every minimum of $(ab-1)^2$ is singular, so $K=0$ at all of them: "
               r"no information. Reading (a), the literal content (the Gaussian curvature is an intrinsic notion of flatness), is true "
               r"(000-gauss-intrinsic-up-to-sign); reading (b), the Gaussian curvature as the remedy for the reparametrization problem "
               r"the section describes, is false. The readings disagree: AMBIGUOUS by the labelling rule."),
    )
