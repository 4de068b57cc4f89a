"""000, The loss landscape's Hessian; Proposition 1."""

from __future__ import annotations

import re
import sympy as sp
from ...symbolic import graph_jets as gj
from ...symbolic.jets import JetRing
from ...symbolic.metric import Metric
from ..model import Context, Outcome, Verdict
from ..registry import source_text
from ._common import _dot, _down, _prove_all_n, _up, add, SOURCE, t1, t2, t3, u, v
from ..tools import counterexample, identity_outcome, jet_point_latex, prove_jet_identity


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
    ce = counterexample(printed)
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

    return identity_outcome(
        _prove_all_n(build, 3),
        reason="d_j d_i Z = (0, ..., 0, ell_ij), exact on the jet ring for every d",
        correction=r"$\partial_i\partial_jZ=(0,\dots,0,\ell_{ij})$",
        latex=r"Differentiating $(e_i,\ell_i)$ in $\theta^j$ kills the constant part: $(0,\dots,0,\ell_{ij})$; exact for every $d$.",
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="in the coordinate basis d_i Z, (h_ij) = N^{d+1} Hess ell (at theta = pi(p)), exact for every d and both normals",
        correction=r"$(h_{ij})=N^{d+1}\nabla^2\ell$",
        latex=(r"$(h(\partial_iZ,\partial_jZ))_{ij}=N^{d+1}(p)\,\nabla^2\ell(\theta)$ with $p=Z(\theta)$ (``at $p$'' means at $\theta=\pi(p)$); "
               r"this is the matrix of the bilinear form $h$ in the coordinate basis, not of $s=g^{-1}h$. Exact for every $d$."),
    )
