"""Shared definitions of the 000 claims: the source, the claim set and the helpers that more than one
section uses (section-local helpers stay in their section module)."""

from __future__ import annotations

import itertools
from functools import lru_cache
import sympy as sp
from ...symbolic import graph_jets as gj
from ...symbolic.jets import JetRing, sum_
from ..model import ClaimSet, Source
from ..tools import evaluate_jet, prove_all_n, prove_jet_identity, rational_jet_point

SOURCE = Source("000", "000_b919381c4a162fda.txt",
                "Hessian and Curvatures in Machine Learning: A Differential-Geometric View (blog post, LaTeX source)")


CLAIMS = ClaimSet(SOURCE)


add = CLAIMS.add


#: exact proofs for n = 2..10: enough to reach the invariant-theory pair bound of every identity here
DIMS_ALL = range(2, 11)


t1, t2, t3 = sp.symbols("theta1 theta2 theta3", real=True)


x, y, u, v = sp.symbols("x y u v", real=True)


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


def _prove_all_n(build, free):
    """Exact proof for n = 2 .. max(pair bound, 5) (at most 10): the invariant-theory bound extends it to every n."""
    return prove_all_n(build, free, at_least=5, at_most=DIMS_ALL.stop - 1)


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


def _at_crit(A, M):
    return [[A.at_critical_point(e) for e in row] for row in M]
