"""000, Loss landscapes as hypersurfaces."""

from __future__ import annotations

import sympy as sp
from ...symbolic import graph_jets as gj
from ..model import Context, Outcome, Verdict
from ._common import _dot, _prove_all_n, add, u, v, x, y
from ..tools import identity_outcome


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
        correction=None if ok and columns else r"$\langle v,w\rangle_p=v^\top J_p^\top J_pw$",
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="g = J_Z^T J_Z = I + grad ell grad ell^T, exact on the jet ring for every d",
        correction=r"$g=J_Z^\top J_Z$",
        latex=(r"$\partial_iZ=(e_i,\ell_i)$, so $(J_Z^\top J_Z)_{ij}=\delta_{ij}+\ell_i\ell_j$; exact on the jet ring up to the invariant-theory bound, hence for every $d$ "
               r"by the invariant-theory bound."),
    )
