"""Shared definitions of the 003 claims: the source, the claim set and the helpers that more than one
section uses (section-local helpers stay in their section module)."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace
import sympy as sp
from sympy.core.function import AppliedUndef
from ...symbolic.graph import GraphMetric
from ...symbolic.reparam import hessian_spectrum_counterexample
from ...symbolic.exact import tidy
from ..model import ClaimSet, Outcome, Source, Verdict

SOURCE = Source("003", "003_462dc54e3de80dff.txt",
                "The Invariance of the Hessian and Its Eigenvalues, Determinant, and Trace (blog post)")


CLAIMS = ClaimSet(SOURCE)


add = CLAIMS.add


DIMS = range(2, 9)


DIMS_ALL = range(2, 11)


GENERIC_DIMS = (2, 3)


T1, T2 = sp.symbols("theta1 theta2", real=True)  # old (Cartesian) coordinates


P1, P2 = sp.symbols("psi1 psi2", real=True)      # new coordinates


TH, PS = (T1, T2), (P1, P2)


R, PHI = sp.symbols("r phi", positive=True)       # polar coordinates


def _freeze(exprs):
    """Replace every derivative and applied undefined function by a fresh symbol (same atom, same symbol)."""
    exprs = [sp.sympify(e) for e in exprs]
    atoms = set()
    for e in exprs:
        atoms |= e.atoms(sp.Derivative) | e.atoms(AppliedUndef)
    rep = {a: sp.Symbol(f"_z{k}") for k, a in enumerate(sorted(atoms, key=sp.default_sort_key))}
    return [e.xreplace(rep) for e in exprs]


def _zero(expr) -> bool:
    """Exact: ``expr`` vanishes as a rational function of its jet atoms (derivatives are independent symbols)."""
    (z,) = _freeze([expr])
    return _rat_zero(z)


def _rat_zero(z) -> bool:
    """A rational expression in plain symbols is zero iff the numerator of its ``together`` form expands to 0."""
    z = sp.sympify(z)
    syms = sorted(z.free_symbols, key=sp.default_sort_key)
    if not syms:
        return tidy(z) == 0
    try:  # sparse rational-function arithmetic over QQ (fast); falls back to together/expand
        F = sp.QQ.frac_field(*syms)
        return F.from_sympy(z) == F.zero
    except (sp.polys.polyerrors.CoercionFailed, sp.polys.polyerrors.PolynomialError, NotImplementedError):
        z = sp.together(z)
        return sp.expand(sp.numer(z)) == 0


def _mat_zero(M) -> bool:
    """Every entry of a matrix of rational expressions in plain symbols vanishes."""
    return all(_rat_zero(e) for e in sp.flatten(M))


def _all_zero(M) -> bool:
    return all(_zero(e) for e in sp.flatten(M))


def _inv_small(M) -> sp.Matrix:
    """Adjugate / determinant (Berkowitz): no pivoting tests, fast for symbolic 2x2 and 3x3."""
    M = sp.Matrix(M)
    return M.adjugate(method="berkowitz") / M.det(method="berkowitz")


def _first_kind(g, coords):
    """``[ij, l] = 1/2 (d_i g_lj + d_j g_li - d_l g_ij)`` as ``fk[l][i][j]``."""
    n = len(coords)
    g = sp.Matrix(g)
    return [[[sp.Rational(1, 2) * (sp.diff(g[l, j], coords[i]) + sp.diff(g[l, i], coords[j]) - sp.diff(g[i, j], coords[l]))
              for j in range(n)] for i in range(n)] for l in range(n)]


def _christoffel(g, coords):
    """``Gamma[i][k][l] = 1/2 g^{ij}(d_k g_jl + d_l g_jk - d_j g_kl)`` from first principles."""
    n = len(coords)
    g = sp.Matrix(g)
    gi = _inv_small(g)
    dg = [[[sp.diff(g[j, l], coords[k]) for l in range(n)] for j in range(n)] for k in range(n)]
    return [[[sp.Rational(1, 2) * sum(gi[i, j] * (dg[k][j][l] + dg[l][j][k] - dg[j][k][l]) for j in range(n))
              for l in range(n)] for k in range(n)] for i in range(n)]


@lru_cache(maxsize=None)
def _generic(d: int):
    """Generic map ``theta = theta(psi)`` (undefined functions) and generic loss ``L``; ``K = d theta/d psi``."""
    psi = sp.symbols(f"psi1:{d + 1}", real=True)
    th = [sp.Function(f"theta{m + 1}")(*psi) for m in range(d)]
    L = sp.Function("L")
    Lc = L(*th)  # L o phi^{-1} as a function of psi
    K = sp.Matrix(th).jacobian(psi)  # K[m, i] = d theta^m / d psi^i
    grad = [sp.diff(Lc, th[m]) for m in range(d)]  # dL/dtheta^m at theta(psi)
    hess = sp.Matrix(d, d, lambda m, n: sp.diff(Lc, th[m], th[n]))
    D2 = [[[sp.diff(th[o], psi[i], psi[j]) for j in range(d)] for i in range(d)] for o in range(d)]
    Hd = sp.hessian(Lc, psi)  # the calculus Hessian of L o phi^{-1}
    return SimpleNamespace(d=d, psi=psi, th=th, L=L, Lc=Lc, K=K, grad=grad, hess=hess, D2=D2, Hd=Hd)


def _sym_matrix(name: str, d: int, symmetric: bool = False) -> sp.Matrix:
    if symmetric:
        return sp.Matrix(d, d, lambda i, j: sp.Symbol(f"{name}{min(i, j) + 1}{max(i, j) + 1}"))
    return sp.Matrix(d, d, lambda i, j: sp.Symbol(f"{name}{i + 1}{j + 1}"))


#: d = 3 instances keep H, E, v, Gamma symbolic but use a fixed rational J (and G): symbolic 3x3 inverses are slow
_J3 = sp.Matrix([[2, 1, 0], [-1, 3, 1], [0, 1, -2]])


_G3 = sp.Matrix([[2, 1, 0], [1, 2, 1], [0, 1, 3]])


def _J_sym(d: int) -> sp.Matrix:
    """Symbolic J for d = 2; the fixed rational invertible J for d = 3."""
    return _sym_matrix("J", 2) if d == 2 else _J3


def _G_sym(d: int) -> sp.Matrix:
    """Symbolic symmetric G for d = 2; a fixed rational positive-definite G for d = 3."""
    return _sym_matrix("g", 2, symmetric=True) if d == 2 else _G3


def _dm(*Ms):
    """The matrices as DomainMatrix over QQ(symbols): exact, fast rational-function linear algebra."""
    from sympy.polys.matrices import DomainMatrix

    syms = sorted(set().union(*(sp.Matrix(M).free_symbols for M in Ms)), key=sp.default_sort_key)
    dom = sp.QQ.frac_field(*syms) if syms else sp.QQ
    return [DomainMatrix.from_Matrix(sp.Matrix(M)).convert_to(dom) for M in Ms]


def _eigs(M) -> list[sp.Expr]:
    out = []
    for val, mult in sp.Matrix(M).eigenvals().items():
        out += [sp.radsimp(tidy(val) if val.is_rational else sp.simplify(val))] * mult
    return sorted(out, key=lambda e: float(sp.N(e, 30)))


def _s(x) -> str:
    return str(x)


def _L(x) -> str:
    return sp.latex(x)


def _lst(xs) -> str:
    return r"\{" + ", ".join(sp.latex(x) for x in xs) + r"\}"


def _hessian_in_psi(L, theta_of_psi, at_psi=None):
    """Calculus Hessian of ``L o theta(psi)`` w.r.t. ``psi`` (optionally at a point)."""
    Lt = L.subs(dict(zip(TH, theta_of_psi)), simultaneous=True)
    H = sp.hessian(Lt, PS)
    if at_psi is not None:
        H = H.subs(dict(zip(PS, at_psi)))
    return sp.Matrix(H).applyfunc(sp.simplify)


def _K(theta_of_psi, at_psi=None):
    K = sp.Matrix(theta_of_psi).jacobian(PS)
    return K if at_psi is None else K.subs(dict(zip(PS, at_psi)))


# concrete maps used repeatedly (theta as a function of psi, and the inverse)
SCALE = (2 * P1, P2)                          # linear: theta = (2 psi1, psi2)


SHEAR = (P1 + P2**2, P2)                      # nonlinear, det K = 1


ROT = (sp.Rational(3, 5) * P1 - sp.Rational(4, 5) * P2, sp.Rational(4, 5) * P1 + sp.Rational(3, 5) * P2)


# psi = phi(theta) = (theta1 + theta2^3, theta2 + (theta1 + theta2^3)^2), with a polynomial inverse
PHI_FWD = (T1 + T2**3, T2 + (T1 + T2**3) ** 2)


PHI_INV = (P1 - (P2 - P1**2) ** 3, P2 - P1**2)


POLAR = (R * sp.cos(PHI), R * sp.sin(PHI))


def _scale_example():
    L = T1**2 + T2**2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SCALE, (0, 0))
    return L, H, Ht


def _shear_example():
    """L = theta1^2 + (theta2 - 1)^2, minimum theta* = (0, 1) = SHEAR(-1, 1); det K = 1."""
    L = T1**2 + (T2 - 1) ** 2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SHEAR, (-1, 1))
    return L, H, Ht


def _noncritical_bilinear():
    """L = theta1 (gradient (1,0) everywhere, H = 0), theta = SHEAR(psi) at psi = 0."""
    L = T1
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SHEAR, (0, 0))
    K = _K(SHEAR, (0, 0))
    vt = sp.Matrix([0, 1])
    v = K * vt
    return L, H, Ht, v, vt, (v.T * H * v)[0], (vt.T * Ht * vt)[0]


@lru_cache(maxsize=None)
def _hsc():
    """The engine's exact Hessian-vs-shape-operator counterexample (cached)."""
    return hessian_spectrum_counterexample()


@lru_cache(maxsize=None)
def _riemannian_law_outcome() -> Outcome:
    G = _generic(2)
    X = TH
    sub = dict(zip(X, G.th))
    res = {}
    for name, g in (("euclidean", sp.eye(2)), ("non-flat", sp.Matrix([[1 + T1**2, T1 * T2], [T1 * T2, 1 + T2**2]]))):
        gam = _christoffel(g, X)
        HR = sp.Matrix(2, 2, lambda m, n: G.hess[m, n] - sum(sp.sympify(gam[o][m][n]).subs(sub, simultaneous=True) * G.grad[o] for o in range(2)))
        gp = G.K.T * g.subs(sub, simultaneous=True) * G.K
        gamt = _christoffel(gp, G.psi)
        HRt = sp.Matrix(2, 2, lambda i, j: G.Hd[i, j] - sum(gamt[k][i][j] * sp.diff(G.Lc, G.psi[k]) for k in range(2)))
        res[name] = _all_zero(HRt - G.K.T * HR * G.K)
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Riemannian Hessian of L o theta w.r.t. the pulled-back metric = K^T (H o theta) K at every point: generic map, generic L, flat and non-flat metric",
        correction=None if ok else "not a tensor",
        evidence={"proven": res},
        latex=(r"End to end, with undefined $\theta(\psi)$ and $\mathcal{L}$ (no use of the printed connection law): the Christoffel symbols of "
               r"$\tilde G=K^\top(G\circ\theta)K$ from first principles, $\tilde H=\partial^2(\mathcal{L}\circ\theta)-\tilde\Gamma^k\partial_k(\mathcal{L}\circ\theta)$, "
               r"and $K^\top(H\circ\theta)K$ agree exactly for $G=I$ and for $G=\begin{pmatrix}1+\theta_1^2&\theta_1\theta_2\\ \theta_1\theta_2&1+\theta_2^2\end{pmatrix}$, at every point."),
        rule=None if ok else 'counterexample',
    )


@lru_cache(maxsize=None)
def _dinh_two_minima():
    L = sp.Rational(1, 2) * (T1 * T2 - 1) ** 2
    out = []
    for pt in ((1, 1), (2, sp.Rational(1, 2))):
        gm = GraphMetric(L, TH)
        s = gm.shape_operator().subs({T1: pt[0], T2: pt[1]}).applyfunc(sp.simplify)
        out.append((pt, _eigs(s)))
    return L, out
