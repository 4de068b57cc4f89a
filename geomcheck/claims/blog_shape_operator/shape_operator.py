"""000, The second fundamental form and the shape operator."""

from __future__ import annotations

import sympy as sp
from ...symbolic import graph_jets as gj
from ...symbolic.jets import sum_
from ..model import Context, Outcome, Verdict
from ..registry import source_text
from ._common import _dot, _down, _frame_data, _prove_all_n, _up, add, F_FRAME, SOURCE, x, y
from ..tools import identity_outcome, jet_point_latex, matrix_pairs, prove_jet_identity


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

    return identity_outcome(
        _prove_all_n(build, 3),
        reason="P_T + P_N = I on R^{d+1}, and d_i d_j Z = Gamma^k_ij d_k Z + h_ij N (Gauss formula), exact for every d",
        correction=r"$\nabla_XY=(\nabla_XY)^\top+(\nabla_XY)^\perp$",
        latex=(r"With $P_T=Jg^{-1}J^\top$ and $P_N=NN^\top$ ($N$ the upward unit normal), $P_T+P_N=I_{d+1}$ exactly, so every ambient "
               r"vector splits uniquely into tangent and normal parts. For the coordinate fields the split of "
               r"$\nabla_{\partial_j}\partial_iZ=\partial_j\partial_iZ$ is $\Gamma^k_{ij}\partial_kZ+h_{ij}N$ with $\Gamma$ computed "
               r"from the induced metric: the tangential part is the Levi-Civita connection of $L$. Exact on the jet ring up to the invariant-theory bound, hence for every $d$."),
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

    return identity_outcome(
        _prove_all_n(build, 3),
        reason="II(d_i Z, d_j Z) = (d_i d_j Z)^perp = (ell_ij / sqrt(1+|grad ell|^2)) N, a normal vector field; exact, every d",
        correction=r"$\mathrm{II}(X,Y)=(\nabla_XY)^\perp$",
        latex=(r"$\mathrm{II}(\partial_iZ,\partial_jZ)=\langle\partial_i\partial_jZ,N\rangle N=w\,\ell_{ij}N$ with "
               r"$w=(1+|\nabla\ell|^2)^{-1/2}$, and it is orthogonal to every $\partial_kZ$; exact for every $d$ (jet ring up to the invariant-theory bound)."),
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="dim N_pL = (d+1) - d = 1; unit normals at p are +-N(p), and L (homeomorphic to R^d) is connected, so exactly two fields",
        correction="two unit normal fields on a connected hypersurface",
        latex=(r"The tangent vectors $\partial_iZ=(e_i,\ell_i)$ contain the identity minor, so $\dim T_pL=d$ and $\dim N_pL=1$; "
               r"$N=w(-\nabla\ell,1)$ is a unit normal ($\langle N,N\rangle=w^2(1+|\nabla\ell|^2)=1$, $\langle N,\partial_kZ\rangle=0$, exact for "
               r"every $d$). A continuous unit normal field is $\varepsilon N$ with $\varepsilon:L\to\{\pm1\}$ continuous; $L$ is homeomorphic "
               r"to $\mathbb{R}^d$, hence connected, so $\varepsilon$ is constant: exactly two fields (connectedness is needed; it holds here)."),
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="h(d_i Z, d_j Z) = <N, II> = +-ell_ij / sqrt(1+|grad ell|^2) (sign of the chosen normal), exact for every d",
        correction=r"$h(X,Y)=\langle N,\mathrm{II}(X,Y)\rangle$",
        latex=(r"Since $\mathrm{II}=hN$ and $|N|=1$, $\langle N,\mathrm{II}\rangle=h$; for the graph $h_{ij}=w\,\ell_{ij}$ with the upward and "
               r"$-w\,\ell_{ij}$ with the downward normal (exact for every $d$). The sentence says ``of $M$''; the definition applies to any "
               r"hypersurface, here $L$."),
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="s = g^{-1} h satisfies <s(d_j Z), d_k Z> = h_jk (and is the unique such endomorphism since g is invertible); exact, every d",
        correction=r"$\langle s(X),Y\rangle=h(X,Y)$",
        latex=(r"With $s(\partial_jZ)=s^i{}_j\partial_iZ$, $s=g^{-1}h=w(\nabla^2\ell-\beta\nabla\ell(\nabla^2\ell\nabla\ell)^\top)$: "
               r"$\langle s(\partial_jZ),\partial_kZ\rangle=g_{ki}s^i{}_j=h_{kj}$, exact for every $d$. This sign convention agrees with the "
               r"Weingarten map $s=-dN$ (claim 000-endomorphism)."),
    )


@add("000-raise-index", location="Sec. The Second Fundamental Form and Shape Operator, paragraph after the definition of s",
     quote=r"""Based on the characterization above, we can alternatively view $s$ as an operator obtained by raising an index of $h$, i.e. multiplying the matrix of $h$ with the inverse-metric.""",
     expected=Verdict.TRUE, kind="verbal")
def _raise(ctx: Context) -> Outcome:
    def build(A):
        ginv = gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        return matrix_pairs(gj.matmul(A, ginv, h), gj.shape_operator_cf(A))

    def build_other_order(A):
        ginv = gj.inverse_metric_cf(A)
        h = gj.second_fundamental_form_fp(A, _up(A))
        return matrix_pairs(gj.matmul(A, h, ginv), gj.shape_operator_cf(A))

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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="s(d_j Z) = s^i_j d_i Z lies in T_pL, and equals -d_j N (Weingarten map; <d_j N, N> = 0), exact for every d",
        correction="the shape operator maps T_pL to itself",
        latex=(r"$\langle\partial_jN,N\rangle=\tfrac12\partial_j|N|^2=0$, so $\partial_jN\in T_pL$, and $-\partial_jN=s^i{}_j\,\partial_iZ$ "
               r"(Weingarten equation) exactly for every $d$: $s$ is the linear map $-dN:T_pL\to T_pL$."),
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

    return identity_outcome(
        _prove_all_n(build, 2),
        reason="each step holds (definition, symmetry of h, definition, symmetry of <,>): g s is symmetric, exact for every d",
        correction=r"$\langle s(X),Y\rangle=\langle X,s(Y)\rangle$",
        latex=(r"Step 1 and 3 are the definition of $s$ (000-shape-operator-def), step 2 the symmetry of $h$ (000-II-symmetric), step 4 the "
               r"symmetry of the inner product. In coordinates: $(gs)_{kj}=\langle s(\partial_jZ),\partial_kZ\rangle$ is symmetric in $j,k$, "
               r"exact for every $d$."),
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
