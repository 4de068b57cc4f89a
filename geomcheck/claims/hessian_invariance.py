"""Claims of 003: blog post "The Invariance of the Hessian and Its Eigenvalues, Determinant, and Trace".

Every check derives the truth (exact SymPy with concrete maps and with generic maps built from
undefined functions, the jet ring for graph curvature, the reparametrization engine) and compares
it with the text.  Notation of the post: ``phi: theta -> psi``, ``J = d psi / d theta`` (vectors
transform as ``v~ = J v``), so ``K := d theta / d psi = J^{-1}``.  The engine's
:func:`~geomcheck.symbolic.reparam.jacobian` is ``d x_old / d y_new`` = the post's ``J^{-1}``.

Private helpers (kept here, not shared): :func:`_freeze` / :func:`_zero` (exact zero test of
expressions with derivatives of undefined functions), :func:`_christoffel` (first-principles
Levi-Civita symbols), :func:`_generic` (a generic map ``theta(psi)`` and loss ``L`` in ``d``
dimensions), :func:`_eigs` (exact sorted spectra).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from types import SimpleNamespace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..symbolic import graph_jets as gj
from ..symbolic.graph import GraphMetric
from ..symbolic.metric import Metric
from ..symbolic.reparam import (
    christoffel_law_holds,
    hessian_spectrum_counterexample,
    jacobian,
    pullback_metric,
    shape_operator_law_holds,
    transform_christoffel,
)
from .model import ClaimSet, Context, Outcome, Source, Verdict
from .tools import jet_point_latex, prove_jet_identity, verdict_from_readings

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


# ============================================================================ private helpers


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
        return sp.nsimplify(z) == 0
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
        out += [sp.radsimp(sp.nsimplify(val) if val.is_rational else sp.simplify(val))] * mult
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


# ============================================================================ introduction


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


def _scale_example():
    L = T1**2 + T2**2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SCALE, (0, 0))
    return L, H, Ht


def _orth_example():
    L = T1**2 + 3 * T2**2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, ROT, (0, 0))
    return L, H, Ht


def _shear_example():
    """L = theta1^2 + (theta2 - 1)^2, minimum theta* = (0, 1) = SHEAR(-1, 1); det K = 1."""
    L = T1**2 + (T2 - 1) ** 2
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SHEAR, (-1, 1))
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


def _noncritical_bilinear():
    """L = theta1 (gradient (1,0) everywhere, H = 0), theta = SHEAR(psi) at psi = 0."""
    L = T1
    H = sp.hessian(L, TH)
    Ht = _hessian_in_psi(L, SHEAR, (0, 0))
    K = _K(SHEAR, (0, 0))
    vt = sp.Matrix([0, 1])
    v = K * vt
    return L, H, Ht, v, vt, (v.T * H * v)[0], (vt.T * Ht * vt)[0]


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


# ============================================================================ the Hessian as a bilinear map


@add("003-hessian-definition", location="Sec. 'The Hessian as a Bilinear Map', first display",
     quote=r"""H_{ij}(\theta^*) = \frac{\partial^2 \L}{\partial \theta^i \theta^j}(\theta^*)""",
     expected=Verdict.TYPO, kind="definition")
def _hdef(ctx: Context) -> Outcome:
    printed = r"\frac{\partial^2 \mathcal{L}}{\partial \theta^i \theta^j}"
    missing = r"\partial \theta^i \partial \theta^j" not in printed
    # the corrected definition is the mixed directional derivative d_s d_t L(theta* + s e_i + t e_j) at 0
    a1, a2, s, t = sp.symbols("a1 a2 s t")
    c = sp.symbols("c0:10")
    L = sum(ci * m for ci, m in zip(c, [1, T1, T2, T1**2, T1 * T2, T2**2, T1**3, T1**2 * T2, T1 * T2**2, T2**3]))
    ok = True
    for i in range(2):
        for j in range(2):
            e = [sp.Integer(0), sp.Integer(0)]
            e2 = list(e)
            e[i] += s
            e2[j] += t
            Lst = L.subs({T1: a1 + e[0] + e2[0], T2: a2 + e[1] + e2[1]}, simultaneous=True)
            mixed = sp.diff(Lst, s, t).subs({s: 0, t: 0})
            ok &= sp.expand(mixed - sp.diff(L, TH[i], TH[j]).subs({T1: a1, T2: a2})) == 0
    return Outcome(
        Verdict.TYPO if (missing and ok) else Verdict.FALSE,
        "the denominator lacks the second partial sign: d^2 L / d theta^i theta^j should be d^2 L / d theta^i d theta^j",
        correction=r"$H_{ij}(\theta^*)=\dfrac{\partial^2\mathcal{L}}{\partial\theta^i\,\partial\theta^j}(\theta^*)$",
        evidence={"printed_denominator": r"\partial \theta^i \theta^j", "corrected_equals_mixed_directional_derivative": ok},
        latex=(r"As printed the denominator is $\partial\theta^i\,\theta^j$ (a partial derivative divided by the coordinate $\theta^j$); "
               r"every later formula of the post uses $\partial\theta^m\partial\theta^n$. The corrected definition agrees with "
               r"$\partial_s\partial_t\mathcal{L}(\theta^*+se_i+te_j)|_{0}$ for a generic cubic $\mathcal{L}$ with symbolic coefficients (exact)."),
        rule='symbol' if missing and ok else 'counterexample',
    )


@add("003-bilinear-form", location="Sec. 'The Hessian as a Bilinear Map', paragraph after the definition",
     quote=r"""The Hessian matrix defines a bilinear function, i.e., given arbitrary vectors $v, w$ in $\R^d$, we can write a function $B(v, w) = v^i w^j H_{ij}(\theta^*)$.""",
     expected=Verdict.TRUE, kind="definition")
def _bil(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        X = sp.symbols(f"x1:{d + 1}")
        a = sp.symbols(f"a1:{d + 1}")
        v = sp.symbols(f"v1:{d + 1}")
        w = sp.symbols(f"w1:{d + 1}")
        s, t = sp.symbols("s t")
        # generic cubic polynomial (all 2-jets at every point)
        monos = sorted(sp.itermonomials(X, 3), key=sp.default_sort_key)
        L = sum(sp.Symbol(f"c{k}") * m for k, m in enumerate(monos))
        H = sp.hessian(L, X).subs(dict(zip(X, a)))
        B = (sp.Matrix(v).T * H * sp.Matrix(w))[0]
        mixed = sp.diff(L.subs({X[k]: a[k] + s * v[k] + t * w[k] for k in range(d)}, simultaneous=True), s, t).subs({s: 0, t: 0})
        ok &= sp.expand(mixed - B) == 0 and H == H.T
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "B(v,w) = v^T H w = d_s d_t L(theta* + s v + t w)|_0 is bilinear and symmetric (exact, generic cubic L, d = 2, 3)",
        correction=None if ok else "B is not the mixed second derivative",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$B(v,w)=v^iw^jH_{ij}=\partial_s\partial_t\mathcal{L}(\theta^*+sv+tw)|_{s=t=0}$, linear in $v$ and in $w$, symmetric by Schwarz; exact for a generic cubic $\mathcal{L}$ with symbolic coefficients, $d=2,3$.",
        rule=None if ok else 'counterexample',
    )


@add("003-taylor-second-order", location="Sec. 'The Hessian as a Bilinear Map', Taylor expansion",
     quote=r"""\L(\theta) &\approx \L(\theta^*) + (\nabla \L \vert_{\theta^*})^\top d + \frac{1}{2} \underbrace{d^\top H(\theta^*) d}_{=B(d, d)}""",
     expected=Verdict.TRUE, kind="equation")
def _taylor(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        X = sp.symbols(f"x1:{d + 1}")
        a = sp.symbols(f"a1:{d + 1}")
        dd = sp.symbols(f"d1:{d + 1}")
        monos = sorted(sp.itermonomials(X, 4), key=sp.default_sort_key)
        L = sum(sp.Symbol(f"c{k}") * m for k, m in enumerate(monos))
        at = dict(zip(X, a))
        g = sp.Matrix([sp.diff(L, x) for x in X]).subs(at)
        H = sp.hessian(L, X).subs(at)
        D = sp.Matrix(dd)
        T2_ = L.subs(at) + (g.T * D)[0] + sp.Rational(1, 2) * (D.T * H * D)[0]
        rem = sp.Poly(sp.expand(L.subs({X[k]: a[k] + dd[k] for k in range(d)}, simultaneous=True) - T2_), *dd)
        ok &= min(sum(m) for m in rem.monoms()) >= 3
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "L(theta* + d) - [L + grad^T d + d^T H d / 2] has no term of degree < 3 in d (generic quartic, d = 2, 3); note 'd' also names the dimension",
        correction=None if ok else "wrong Taylor coefficients",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"For a generic quartic $\mathcal{L}$ with symbolic coefficients the remainder $\mathcal{L}(\theta^*+d)-\mathcal{L}(\theta^*)-\nabla\mathcal{L}^\top d-\tfrac12d^\top Hd$ contains only monomials of degree $\ge3$ in $d$ (exact, $d=2,3$); $d^\top Hd=B(d,d)$. The symbol $d$ is used both for $\theta-\theta^*$ and for $\dim\Theta$.",
        rule=None if ok else 'counterexample',
    )


@add("003-loss-maps-to-phi-inverse", location="Sec. 'The Hessian as a Bilinear Map', paragraph before the chain rule",
     quote=r"""Under the reparametrization $\varphi: \theta \mapsto \psi$ with $\psi^* = \varphi(\theta^*)$, we have $\L \mapsto \varphi^{-1}$.""",
     expected=Verdict.TYPO, kind="equation")
def _lmap(ctx: Context) -> Outcome:
    L = T1**2 + T1 * T2
    Lt = L.subs(dict(zip(TH, PHI_INV)), simultaneous=True)
    back = sp.expand(Lt.subs(dict(zip(PS, PHI_FWD)), simultaneous=True) - L)
    ok = back == 0 and len(PHI_INV) == 2
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the loss maps to L o phi^{-1} (as the next display uses); phi^{-1}: Psi -> Theta is vector-valued and cannot be the loss",
        correction=r"$\mathcal{L}\mapsto\mathcal{L}\circ\varphi^{-1}$",
        evidence={"L": _s(L), "L_o_phi_inverse": _s(sp.expand(Lt)), "L~(phi(theta)) - L(theta)": _s(back),
                  "phi_inverse_components": len(PHI_INV)},
        latex=(f"With $\\varphi^{{-1}}(\\psi)=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$ (two components: not a loss) and $\\mathcal{{L}}={_L(L)}$, "
               r"$\tilde{\mathcal{L}}=\mathcal{L}\circ\varphi^{-1}$ satisfies $\tilde{\mathcal{L}}(\varphi(\theta))-\mathcal{L}(\theta)=0$ exactly; the following display "
               r"differentiates $\mathcal{L}\circ\varphi^{-1}$, confirming the intended statement."),
        rule='symbol' if ok else 'counterexample',
    )


@add("003-chain-rule-step1", location="Sec. 'The Hessian as a Bilinear Map', chain-rule display, line 1",
     quote=r"""\tilde{H}_{ij} &= \frac{\partial^2 (\L \circ \varphi^{-1})}{\partial \psi^i \partial \psi^j} = \frac{\partial}{\partial \psi^j}\left( \frac{\partial \L}{\partial \theta^m} \frac{\partial \theta^m}{\partial \psi^i} \right)""",
     expected=Verdict.TRUE, kind="proof-step")
def _cr1(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        res[d] = all(_zero(G.Hd[i, j] - sp.diff(sum(G.grad[m] * G.K[m, i] for m in range(d)), G.psi[j]))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "chain rule, exact for a generic map theta(psi) and generic L (undefined functions), d = 2, 3",
        correction=None if ok else "chain rule fails",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"$\partial_j\partial_i(\mathcal{L}\circ\theta)=\partial_j(\partial_m\mathcal{L}\,\partial_i\theta^m)$ checked exactly with undefined $\theta^m(\psi)$ and $\mathcal{L}$ ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-chain-rule-step2", location="Sec. 'The Hessian as a Bilinear Map', chain-rule display, line 2",
     quote=r"""&= \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial \L}{\partial \theta^o} \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} . \end{align}\]""",
     expected=Verdict.TRUE, kind="proof-step")
def _cr2(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        res[d] = all(_zero(G.Hd[i, j] - (G.K.T * G.hess * G.K)[i, j] - sum(G.grad[o] * G.D2[o][i][j] for o in range(d)))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "H~ = K^T H K + dL/dtheta^o d^2 theta^o/dpsi dpsi holds everywhere (generic maps, d = 2, 3)",
        correction=None if ok else "wrong second-order chain rule",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"Exact for undefined $\theta^m(\psi)$, $\mathcal{L}$: $\tilde H=K^\top(H\circ\theta)K+\sum_o\partial_o\mathcal{L}\,\partial^2\theta^o$, $K=\partial\theta/\partial\psi$, at every point ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-second-term-vanishes", location="Sec. 'The Hessian as a Bilinear Map', after the chain-rule display",
     quote=r"""However, notice that if we evaluate $\tilde{H}_{ij}$ at a minimum $\psi^* = \varphi(\theta^*)$, the second term vanishes.""",
     expected=Verdict.TRUE, kind="proof-step")
def _second_term(ctx: Context) -> Outcome:
    L = T1**2 + (T2 - 1) ** 2
    grad = sp.Matrix([sp.diff(L, x) for x in TH])

    def term(pt):
        th = [c.subs(dict(zip(PS, pt))) for c in SHEAR]
        gv = grad.subs(dict(zip(TH, th)))
        return sp.Matrix(2, 2, lambda i, j: sum(gv[o] * sp.diff(SHEAR[o], PS[i], PS[j]) for o in range(2)))

    at_min, elsewhere = term((-1, 1)), term((1, 0))
    ok = at_min == sp.zeros(2, 2) and elsewhere != sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the second term carries dL/dtheta, which is 0 at an interior minimum (indeed at every critical point); nonzero elsewhere",
        correction=None if ok else "the second term does not vanish",
        evidence={"L": _s(L), "theta_of_psi": _s(SHEAR), "term_at_minimum_psi=(-1,1)": _s(at_min),
                  "term_at_psi=(1,0)": _s(elsewhere)},
        latex=(r"The term $\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$ is linear in $\nabla\mathcal{L}$, which vanishes at an interior minimum (Fermat). "
               r"For $\mathcal{L}=\theta_1^2+(\theta_2-1)^2$, $\theta=(\psi_1+\psi_2^2,\psi_2)$: at $\psi^*=(-1,1)$ it is "
               f"${_L(at_min)}$, at $\\psi=(1,0)$ it is ${_L(elsewhere)}$. Only criticality is used: it vanishes at saddles too."),
        rule=None if ok else 'counterexample',
    )


@add("003-hessian-law-at-minimum", location="Sec. 'The Hessian as a Bilinear Map', display after 'And so, we have' (repeated in Sec. 'The Non-Invariance of the Hessian')",
     quote=r"""\tilde{H}_{ij}(\psi^*) = \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n}(\varphi^{-1}(\psi^*)) \frac{\partial \theta^m}{\partial \psi^i}(\psi^*) \frac{\partial \theta^n}{\partial \psi^j}(\psi^*) .""",
     expected=Verdict.TRUE, kind="equation")
def _law_min(ctx: Context) -> Outcome:
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        crit = {g: 0 for g in G.grad}
        res[d] = all(_zero((G.Hd[i, j] - (G.K.T * G.hess * G.K)[i, j]).subs(crit)) for i in range(d) for j in range(d))
    # concrete: phi^{-1} = PHI_INV, psi* = (1, 1) -> theta* = (0, 0)?  use theta* = PHI_INV(1, 2)
    ps = (sp.Integer(1), sp.Integer(2))
    ts = [c.subs(dict(zip(PS, ps))) for c in PHI_INV]
    u1, u2 = T1 - ts[0], T2 - ts[1]
    L = u1**2 + u1 * u2 + 2 * u2**2 + u1**3
    H = sp.hessian(L, TH).subs(dict(zip(TH, ts)))
    K = _K(PHI_INV, ps)
    Ht = _hessian_in_psi(L, PHI_INV, ps)
    ok = all(res.values()) and sp.expand(Ht - K.T * H * K) == sp.zeros(2, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at a critical point H~(psi*) = K^T H(theta*) K: exact for generic maps (d = 2, 3) and a concrete nonlinear map",
        correction=None if ok else "the law fails at the minimum",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v], "theta_star": _s(ts), "psi_star": _s(ps),
                  "H": _s(H), "K": _s(K), "H_tilde": _s(Ht)},
        latex=(f"Generic: with $\\nabla\\mathcal{{L}}=0$ the chain rule leaves $\\tilde H=K^\\top HK$. Concrete: $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$, "
               f"$\\psi^*=(1,2)$, $\\theta^*=({_L(ts[0])},{_L(ts[1])})$, $\\mathcal{{L}}={_L(L)}$ with $u=\\theta-\\theta^*$: "
               f"$H={_L(H)}$, $K={_L(K)}$, $\\tilde H={_L(Ht)}=K^\\top HK$."),
        rule=None if ok else 'counterexample',
    )


@add("003-vector-law", location="Sec. 'The Hessian as a Bilinear Map', transformation of v and w",
     quote=r"""\tilde{v}^i = v^m \frac{\partial \psi^i}{\partial \theta^m}(\theta^*) \qquad \text{and} \qquad \tilde{w}^j = w^n \frac{\partial \psi^j}{\partial \theta^n}(\theta^*) ,""",
     expected=Verdict.TRUE, kind="equation")
def _vec(ctx: Context) -> Outcome:
    res = {}
    t = sp.Symbol("t")
    for d in GENERIC_DIMS:
        c = [sp.Function(f"c{m + 1}")(t) for m in range(d)]          # a curve theta(t) with velocity v = c'(t)
        phi = [sp.Function(f"phi{i + 1}")(*c) for i in range(d)]     # psi(t) = phi(theta(t))
        J = sp.Matrix(d, d, lambda i, m: sp.diff(phi[i], c[m]))
        vel = sp.Matrix([sp.diff(p, t) for p in phi])
        res[d] = _all_zero(vel - J * sp.Matrix([sp.diff(ci, t) for ci in c]))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "tangent vectors push forward by J = d psi/d theta: the velocity of phi(theta(t)) is J theta'(t) (generic phi, d = 2, 3)",
        correction=None if ok else "vectors transform with J^{-1}",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"For an arbitrary curve $\theta(t)$ with $\theta'(0)=v$ and undefined $\varphi$, $\frac{d}{dt}\varphi(\theta(t))=J\,\theta'(t)$ exactly, so $\tilde v^i=v^m\partial\psi^i/\partial\theta^m$ ($d=2,3$).",
        rule=None if ok else 'counterexample',
    )


@add("003-inverse-jacobian", location="Sec. 'The Hessian as a Bilinear Map', paragraph before the bilinear-map display",
     quote=r"""Notice that $\frac{\partial \theta^m}{\partial \psi^i}(\psi^*)$ is the inverse of $\frac{\partial \psi^i}{\partial \theta^m}(\theta^*) = \frac{\partial \psi^i}{\partial \theta^m}(\varphi^{-1}(\psi^*))$.""",
     expected=Verdict.TRUE, kind="equation")
def _invjac(ctx: Context) -> Outcome:
    J = sp.Matrix(PHI_FWD).jacobian(TH)
    K = jacobian(list(PHI_INV), PS)  # engine: d x_old / d y_new = d theta / d psi = the post's J^{-1}
    prod = sp.expand(K * J.subs(dict(zip(TH, PHI_INV)), simultaneous=True))
    ok = prod == sp.eye(2) and K == _K(PHI_INV)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "K(psi) J(phi^{-1}(psi)) = I identically for a nonlinear polynomial diffeomorphism (inverse function theorem)",
        correction=None if ok else "not inverse",
        evidence={"phi": _s(PHI_FWD), "phi_inverse": _s(PHI_INV), "K_times_J": _s(prod)},
        latex=(f"$\\psi=({_L(PHI_FWD[0])},\\ {_L(PHI_FWD[1])})$, $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$: "
               r"$\frac{\partial\theta}{\partial\psi}(\psi)\,\frac{\partial\psi}{\partial\theta}(\varphi^{-1}(\psi))=I$ identically in $\psi$ (exact)."),
        rule=None if ok else 'counterexample',
    )


@add("003-bilinear-cancellation-step", location="Sec. 'The Hessian as a Bilinear Map', bilinear-map display, line 2",
     quote=r"""&= v^m \cancel{\frac{\partial \psi^i}{\partial \theta^m}(\varphi^{-1}(\theta^*))} w^n \cancel{\frac{\partial \psi^j}{\partial \theta^n}(\varphi^{-1}(\theta^*))}""",
     expected=Verdict.TYPO, kind="proof-step")
def _bilcancel(ctx: Context) -> Outcome:
    # psi1 = theta1/(1 - theta1), psi2 = theta2; inverse theta1 = psi1/(1 + psi1)
    fwd = (T1 / (1 - T1), T2)
    inv = (P1 / (1 + P1), P2)
    ts = (sp.Rational(1, 2), sp.Integer(0))
    ps = tuple(c.subs(dict(zip(TH, ts))) for c in fwd)
    wrong_pt = tuple(c.subs(dict(zip(PS, ts))) for c in inv)  # phi^{-1}(theta*) as printed
    J = sp.Matrix(fwd).jacobian(TH)
    K = _K(inv, ps)
    printed = sp.simplify(J.subs(dict(zip(TH, wrong_pt))) * K)
    fixed = sp.simplify(J.subs(dict(zip(TH, ts))) * K)
    # literal 'sum over every repeated letter' reading of the (index-reusing) line equals v^T H w
    lit_ok = True
    for d in GENERIC_DIMS:
        Jg = _J_sym(d)
        Kg = _inv_small(Jg)
        H = _sym_matrix("h", d, symmetric=True)
        v = sp.symbols(f"v1:{d + 1}")
        w = sp.symbols(f"w1:{d + 1}")
        lit = sum(v[m] * Jg[i, m] * w[n] * Jg[j, n] * H[m, n] * Kg[m, i] * Kg[n, j]
                  for m in range(d) for n in range(d) for i in range(d) for j in range(d))
        lit_ok &= _rat_zero(lit - (sp.Matrix(v).T * H * sp.Matrix(w))[0])
    ok = printed != sp.eye(2) and fixed == sp.eye(2) and lit_ok
    return Outcome(
        Verdict.TYPO if ok else Verdict.FALSE,
        "the Jacobian is evaluated at phi^{-1}(theta*) (phi^{-1} applied to a point of Theta); it must be at theta* = phi^{-1}(psi*) for the cancellation",
        correction=(r"$v^m\frac{\partial\psi^i}{\partial\theta^m}(\theta^*)\,w^n\frac{\partial\psi^j}{\partial\theta^n}(\theta^*)\,"
                    r"\frac{\partial^2\mathcal{L}}{\partial\theta^a\partial\theta^b}(\theta^*)\frac{\partial\theta^a}{\partial\psi^i}(\psi^*)\frac{\partial\theta^b}{\partial\psi^j}(\psi^*)=v^mw^nH_{mn}(\theta^*)$"),
        evidence={"fwd": _s(fwd), "theta_star": _s(ts), "psi_star": _s(ps), "phi_inverse_of_theta_star": _s(wrong_pt),
                  "J(phi^{-1}(theta*)) K(psi*)": _s(printed), "J(theta*) K(psi*)": _s(fixed),
                  "literal_index_reading_gives_vHw": lit_ok},
        latex=(r"Take $\psi_1=\theta_1/(1-\theta_1)$, $\psi_2=\theta_2$, $\theta^*=(\tfrac12,0)$, $\psi^*=(1,0)$. As printed the canceled factors "
               f"are evaluated at $\\varphi^{{-1}}(\\theta^*)=({_L(wrong_pt[0])},{_L(wrong_pt[1])})$ and "
               f"$J(\\varphi^{{-1}}(\\theta^*))\\,K(\\psi^*)={_L(printed)}\\neq I$, so they do not cancel; at $\\theta^*$ the product is ${_L(fixed)}$. "
               r"The line also reuses the dummies $m,n$ four times; read as one summation per letter it still equals $v^\top Hw$ "
               r"(checked for generic $J$, $d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)), but strict Einstein notation needs new letters for the Hessian's indices."),
        rule='symbol' if ok else 'counterexample',
    )


@add("003-bilinear-result", location="Sec. 'The Hessian as a Bilinear Map', bilinear-map display, last line",
     quote=r"""&= v^m w^n H_{mn}(\varphi^{-1}(\psi^*)) .""",
     expected=Verdict.TRUE, kind="proof-step")
def _bilres(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        K = _inv_small(J)
        H = _sym_matrix("h", d, symmetric=True)
        v, w = sp.Matrix(sp.symbols(f"v1:{d + 1}")), sp.Matrix(sp.symbols(f"w1:{d + 1}"))
        Ht = K.T * H * K
        ok &= _rat_zero(((J * v).T * Ht * (J * w))[0] - (v.T * H * w)[0])
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with v~ = J v and H~ = K^T H K (critical point), v~^T H~ w~ = v^T H w exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "B~ differs",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$(Jv)^\top K^\top HK(Jw)=v^\top(KJ)^\top H(KJ)w=v^\top Hw$ with $K=J^{-1}$; exact for symbolic $J$, $H$, $v$, $w$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)). $\varphi^{-1}(\psi^*)=\theta^*$.",
        rule=None if ok else 'counterexample',
    )


@add("003-dummy-index-rename", location="Sec. 'The Hessian as a Bilinear Map', paragraph after the bilinear-map display",
     quote=r"""Since all those indices $m$, $n$ are simply dummy indices, the last expression is equivalent to $v^i w^i H_{ij}(\theta^*)$.""",
     expected=Verdict.TYPO, kind="proof-step")
def _dummy(ctx: Context) -> Outcome:
    H = sp.Matrix([[1, 2], [2, 3]])
    v, w = (1, 0), (0, 1)
    printed = sum(v[i] * w[i] * H[i, j] for i in range(2) for j in range(2))
    fixed = sum(v[i] * w[j] * H[i, j] for i in range(2) for j in range(2))
    ok = printed != fixed
    return Outcome(
        Verdict.TYPO if ok else Verdict.TRUE,
        f"v^i w^i H_ij repeats i three times; read as a sum it is {printed} for v = e1, w = e2, H = [[1,2],[2,3]] instead of v^T H w = {fixed}",
        correction=r"$v^iw^jH_{ij}(\theta^*)$",
        evidence={"H": _s(H), "v": _s(v), "w": _s(w), "printed_sum": _s(printed), "v^T H w": _s(fixed)},
        latex=(r"Renaming the dummies $m\to i$, $n\to j$ in $v^mw^nH_{mn}$ gives $v^iw^jH_{ij}$. The printed $v^iw^iH_{ij}$ (index $i$ three times) "
               f"evaluated as $\\sum_{{i,j}}v^iw^iH_{{ij}}$ at $v=e_1$, $w=e_2$, $H={_L(H)}$ is ${printed}$, whereas $v^\\top Hw={fixed}$."),
        rule='index' if ok else None,
    )


@add("003-bilinear-invariant-at-minimum", location="Sec. 'The Hessian as a Bilinear Map', conclusion",
     quote=r"""Since $v$ and $w$ and $\varphi$ are arbitrary, this implies that, seen as a bilinear map, the Hessian at a minimum $\theta^*$ is invariant under reparametrization.""",
     expected=Verdict.TRUE, kind="proposition")
def _bilinv(ctx: Context) -> Outcome:
    # a saddle (criticality is enough) with the nonlinear PHI_INV map at theta* = (1, 1)
    ts = (sp.Integer(1), sp.Integer(1))
    ps = tuple(c.subs(dict(zip(TH, ts))) for c in PHI_FWD)
    u1, u2 = T1 - 1, T2 - 1
    L = u1**2 - u2**2 + u1**3
    H = sp.hessian(L, TH).subs(dict(zip(TH, ts)))
    Ht = _hessian_in_psi(L, PHI_INV, ps)
    J = sp.Matrix(PHI_FWD).jacobian(TH).subs(dict(zip(TH, ts)))
    v, w = sp.Matrix(sp.symbols("v1 v2")), sp.Matrix(sp.symbols("w1 w2"))
    diff = sp.expand(((J * v).T * Ht * (J * w))[0] - (v.T * H * w)[0])
    ok = diff == 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "B~(Jv, Jw) = B(v, w) for all v, w at a critical point (here even a saddle, nonlinear map); fails off critical points",
        correction=None if ok else "not invariant",
        evidence={"L": _s(L), "theta_star": _s(ts), "psi_star": _s(ps), "H": _s(H), "H_tilde": _s(Ht), "J": _s(J)},
        latex=(f"Saddle $\\mathcal{{L}}={_L(L)}$ at $\\theta^*=(1,1)$, $\\psi^*=\\varphi(\\theta^*)=({ps[0]},{ps[1]})$, map $\\theta=({_L(PHI_INV[0])},\\ {_L(PHI_INV[1])})$: "
               f"$H={_L(H)}$, $\\tilde H={_L(Ht)}$, $J={_L(J)}$, and $(Jv)^\\top\\tilde H(Jw)-v^\\top Hw=0$ for symbolic $v,w$. "
               r"The proof uses only $\nabla\mathcal{L}(\theta^*)=0$, so the statement holds at every critical point; off critical points see 003-consensus-bilinear-noncritical."),
        rule=None if ok else 'counterexample',
    )


# ============================================================================ the non-invariance of the Hessian


@add("003-downstream-not-invariant", location="Sec. 'The Non-Invariance of the Hessian', paragraph 1",
     quote=r"""some of its downstream quantities are not. Let us illustrate this using the determinant—one can also easily show similar results for trace and eigenvalues.""",
     expected=Verdict.TRUE, kind="verbal")
def _downstream(ctx: Context) -> Outcome:
    _, H, Ht = _shear_example()
    _, Hl, Hlt = _scale_example()
    det_same = H.det() == Ht.det()
    tr_changed = H.trace() != Ht.trace()
    eig_changed = _eigs(H) != _eigs(Ht)
    det_changed_scale = Hl.det() != Hlt.det()
    ok = tr_changed and eig_changed and det_changed_scale
    det_note = "det kept: det K = 1" if det_same else "det changed too"
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"at a minimum the nonlinear shear theta = (psi1 + psi2^2, psi2) changes trace and eigenvalues ({det_note}); a scaling changes det",
        rule=None if ok else "counterexample",
        correction=None if ok else "downstream quantities invariant",
        evidence={"shear_H": _s(H), "shear_H_tilde": _s(Ht), "eig": [_s(_eigs(H)), _s(_eigs(Ht))], "shear_det_same": det_same,
                  "trace": [_s(H.trace()), _s(Ht.trace())], "det": [_s(H.det()), _s(Ht.det())],
                  "scale_det": [_s(Hl.det()), _s(Hlt.det())]},
        latex=(r"$\mathcal{L}=\theta_1^2+(\theta_2-1)^2$, $\theta=(\psi_1+\psi_2^2,\psi_2)$, minimum at $\psi^*=(-1,1)$: "
               f"$H={_L(H)}$, $\\tilde H={_L(Ht)}$; trace ${_L(H.trace())}\\to{_L(Ht.trace())}$, eigenvalues "
               f"${_lst(_eigs(H))}\\to{_lst(_eigs(Ht))}$, determinant ${_L(H.det())}\\to{_L(Ht.det())}$ "
               + (r"(kept since $\det K=1$). " if det_same else r"(changed as well). ") +
               f"With $\\theta=(2\\psi_1,\\psi_2)$ the determinant goes ${_L(Hl.det())}\\to{_L(Hlt.det())}$."),
    )


@add("003-matrix-form-congruence", location="Sec. 'The Non-Invariance of the Hessian', matrix notation",
     quote=r"""In matrix notation, this is $\tilde{\mathbf{H}} = (\mathbf{J}^{-1})^\top \mathbf{H} \mathbf{J}^{-1}$.""",
     expected=Verdict.TRUE, kind="equation")
def _congr(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        K = _inv_small(J)  # K[m, i] = d theta^m / d psi^i
        H = _sym_matrix("h", d, symmetric=True)
        index = sp.Matrix(d, d, lambda i, j: sum(H[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)))
        ok &= _mat_zero(index - _inv_small(J).T * H * _inv_small(J))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "with J = d psi/d theta, H_mn (J^{-1})^m_i (J^{-1})^n_j = ((J^{-1})^T H J^{-1})_ij exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "wrong matrix form",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"With $J^i{}_m=\partial\psi^i/\partial\theta^m$ (so that $\tilde v=Jv$, as the post fixes later), $\partial\theta^m/\partial\psi^i=(J^{-1})^m{}_i$ and $H_{mn}(J^{-1})^m{}_i(J^{-1})^n{}_j=((J^{-1})^\top HJ^{-1})_{ij}$; exact for symbolic $J$, $d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$). This is a congruence, not a similarity.",
        rule=None if ok else 'counterexample',
    )


@add("003-det-law", location="Sec. 'The Non-Invariance of the Hessian', determinant display",
     quote=r"""\det \tilde{\mathbf{H}} = (\det \mathbf{J}^{-1})^2 \det \mathbf{H} .""",
     expected=Verdict.TRUE, kind="equation")
def _detlaw(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J = _J_sym(d)
        H = _sym_matrix("h", d, symmetric=True)
        Ht = _inv_small(J).T * H * _inv_small(J)
        ok &= _rat_zero(Ht.det() - _inv_small(J).det() ** 2 * H.det())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "det((J^{-1})^T H J^{-1}) = (det J^{-1})^2 det H exactly (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "wrong determinant law",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"Multiplicativity of $\det$ and $\det A^\top=\det A$; verified exactly for symbolic $J$, $H$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-det-not-invariant", location="Sec. 'The Non-Invariance of the Hessian', paragraph after the determinant display",
     quote=r"""Thus, in general, $\det \tilde{\mathbf{H}} \neq \det \mathbf{H}$. Hence the determinant of the Hessian is not invariant.""",
     expected=Verdict.TRUE, kind="verbal")
def _detnot(ctx: Context) -> Outcome:
    _, H, Ht = _scale_example()
    _, Hs, Hts = _shear_example()
    ok = H.det() != Ht.det() and Hs.det() == Hts.det()
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        f"theta = (2 psi1, psi2) at the minimum of theta1^2 + theta2^2: det {H.det()} -> {Ht.det()}; equal iff |det J| = 1 or det H = 0",
        correction=None if ok else "det is invariant",
        evidence={"scale": [_s(H.det()), _s(Ht.det())], "volume_preserving_shear": [_s(Hs.det()), _s(Hts.det())]},
        latex=(f"$\\det\\tilde H=(\\det J^{{-1}})^2\\det H$: with $\\theta=(2\\psi_1,\\psi_2)$, $\\det H={_L(H.det())}$, $\\det\\tilde H={_L(Ht.det())}$. "
               f"Equality holds exactly when $|\\det J|=1$ (or $\\det H=0$), e.g.\\ the nonlinear shear: ${_L(Hs.det())}\\to{_L(Hts.det())}$."),
        rule=None if ok else 'counterexample',
    )


@add("003-dinh-flatness", location="Sec. 'The Non-Invariance of the Hessian', last sentence",
     quote=r"""For instance, Dinh et al. 2017 argue that one cannot study the connection between flatness and generalization performance at the minimum of $\L$.""",
     expected=Verdict.TRUE, kind="verbal")
def _dinh(ctx: Context) -> Outcome:
    a, b, x, al = sp.symbols("a b x alpha", positive=True)
    relu = lambda z: sp.Max(0, z)  # noqa: E731
    f_same = sp.simplify(b * relu(a * x) - (b / al) * relu(al * a * x)) == 0
    L = sp.Rational(1, 2) * (T1 * T2 - 1) ** 2  # one ReLU unit, x = 1, y = 1, theta1 > 0
    H = sp.hessian(L, TH)
    H1 = H.subs({T1: 1, T2: 1})
    Ha = H.subs({T1: al, T2: 1 / al})
    tr_a = sp.simplify(Ha.trace())
    H2 = H.subs({T1: 2, T2: sp.Rational(1, 2)})
    ok = f_same and sp.limit(tr_a, al, sp.oo) == sp.oo and _eigs(H1) != _eigs(H2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the mathematics of Dinh et al.'s argument checks: the function-preserving rescaling (a, b) -> (alpha a, b/alpha) "
        "moves a minimum to one with Hessian trace alpha^2 + alpha^-2 (unbounded); the paraphrase 'cannot study' is the post's",
        correction=None if ok else "rescaling does not change flatness",
        evidence={"function_preserved": f_same, "L": _s(L), "H_at_(1,1)": _s(H1), "H_at_(alpha,1/alpha)": _s(Ha),
                  "trace": _s(tr_a), "eig_(1,1)": _s(_eigs(H1)), "eig_(2,1/2)": _s(_eigs(H2))},
        latex=(r"Network $x\mapsto b\,\mathrm{relu}(ax)$; for $\alpha>0$, $b\,\mathrm{relu}(ax)=(b/\alpha)\,\mathrm{relu}(\alpha ax)$ (exact). "
               r"With one sample $x=y=1$ and $a>0$, $\mathcal{L}=\tfrac12(ab-1)^2$; every point of $ab=1$ is a minimum, and "
               f"$H(\\alpha,1/\\alpha)={_L(Ha)}$, trace ${_L(tr_a)}\\to\\infty$; at $(1,1)$ the spectrum is ${_lst(_eigs(H1))}$, at $(2,\\tfrac12)$ it is "
               f"${_lst(_eigs(H2))}$. Both minima lie on the same Euclidean landscape, whose shape operator there equals $H$: "
               r"the principal curvatures differ too (see 003-correct-object-shape-operator). The attribution's wording was not checked against the paper."),
        rule=None if ok else 'counterexample',
    )


# ============================================================================ the Riemannian Hessian


@lru_cache(maxsize=None)
def _hsc():
    """The engine's exact Hessian-vs-shape-operator counterexample (cached)."""
    return hessian_spectrum_counterexample()


def _polar_geodesic_check():
    """Straight line (3 + a t, 4 + b t) in polar coordinates: psi'' = -Gamma psi' psi' at t = 0 and the
    second derivative of a concrete loss along it equals the Riemannian Hessian."""
    a, b, t = sp.symbols("a b t", real=True)
    x, y = 3 + a * t, 4 + b * t
    r_t, p_t = sp.sqrt(x**2 + y**2), sp.atan(y / x)
    at0 = {t: 0}
    vel = [sp.simplify(sp.diff(q, t).subs(at0)) for q in (r_t, p_t)]
    acc = [sp.simplify(sp.diff(q, t, 2).subs(at0)) for q in (r_t, p_t)]
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    geo = [sp.simplify(acc[k] + sum(Gam[k][i][j].subs(pt) * vel[i] * vel[j] for i in range(2) for j in range(2)))
           for k in range(2)]
    Lt = R**3 * sp.sin(PHI) + R**2 * sp.cos(2 * PHI)  # an arbitrary loss written in polar coordinates
    direct = sp.simplify(sp.diff(Lt.subs({R: r_t, PHI: p_t}), t, 2).subs(at0))
    Hess = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                     - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt)
    V = sp.Matrix(vel)
    formula = sp.simplify((V.T * Hess * V)[0])
    calc = sp.simplify((V.T * sp.hessian(Lt, (R, PHI)).subs(pt) * V)[0])
    return SimpleNamespace(vel=vel, acc=acc, geo=geo, direct=direct, formula=formula, calc=calc, Lt=Lt, Gam=Gam)


@add("003-riemannian-hessian-definition", location="Sec. 'The Riemannian Hessian', first display",
     quote=r"""H_{ij} = \frac{\partial^2 \L}{\partial \theta^i \partial \theta^j} - \Gamma^k_{ij} \frac{\partial \L}{\partial \theta^k} ,""",
     expected=Verdict.TRUE, kind="definition")
def _riemdef(ctx: Context) -> Outcome:
    c = _polar_geodesic_check()
    ok = all(g == 0 for g in c.geo) and sp.simplify(c.direct - c.formula) == 0 and sp.simplify(c.direct - c.calc) != 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "(nabla dL)_ij = d_i d_j L - Gamma^k_ij d_k L: equals d^2/dt^2 L along geodesics (checked in polar coordinates); the same formula defines it for any connection",
        correction=None if ok else "wrong sign of the connection term",
        evidence={"velocity": _s(c.vel), "acceleration": _s(c.acc), "geodesic_residual": _s(c.geo),
                  "d2/dt2 L": _s(c.direct), "Riemannian_formula": _s(c.formula), "calculus_formula": _s(c.calc)},
        latex=(r"Euclidean plane in polar coordinates $(r,\phi)$, $g=\mathrm{diag}(1,r^2)$, at $(x,y)=(3,4)$ ($r=5$). The straight line "
               r"$(3+at,4+bt)$ is a geodesic; its polar velocity and acceleration at $t=0$ satisfy $\ddot\psi^k+\Gamma^k_{ij}\dot\psi^i\dot\psi^j=0$ exactly. "
               f"For $\\tilde{{\\mathcal{{L}}}}={_L(c.Lt)}$: $\\frac{{d^2}}{{dt^2}}\\tilde{{\\mathcal{{L}}}}={_L(c.direct)}$, which equals "
               r"$\dot\psi^\top(\partial^2\tilde{\mathcal{L}}-\Gamma^k\partial_k\tilde{\mathcal{L}})\dot\psi$ and differs from the calculus form "
               f"${_L(c.calc)}$. For an arbitrary connection, $(\\nabla\\mathrm d\\mathcal{{L}})_{{ij}}=\\partial_i\\partial_j\\mathcal{{L}}-\\Gamma^k_{{ij}}\\partial_k\\mathcal{{L}}$ "
               r"is the definition (with $\nabla_{\partial_i}\partial_j=\Gamma^k_{ij}\partial_k$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-calculus-case-gamma-zero", location="Sec. 'The Riemannian Hessian', paragraph after the first display",
     quote=r"""In the calculus case, where the Euclidean metric and the Cartesian coordinates are assumed by default, $\Gamma^k_{ij}$ vanishes identically; hence the previous definition of the Hessian.""",
     expected=Verdict.TRUE, kind="verbal")
def _gamma0(ctx: Context) -> Outcome:
    X = sp.symbols("x1:4")
    Gam = Metric(sp.eye(3), X).christoffel()
    zero = all(e == 0 for e in sp.flatten(Gam))
    ok = zero
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "constant metric => all Christoffel symbols vanish, so H_ij reduces to the matrix of second partials (the Riemannian Hessian generalizes it)",
        correction=None if ok else "Gamma does not vanish",
        evidence={"Gamma_euclidean_R3": _s(sp.flatten(Gam))},
        latex=r"For $g=I$ (any constant metric) $\partial g=0$, so $\Gamma^k_{ij}=0$ (engine, $n=3$) and $H_{ij}=\partial_i\partial_j\mathcal{L}$. Only in affine (Cartesian) coordinates: in polar coordinates $\Gamma\neq0$ (see 003-gamma-nonzero-polar).",
        rule=None if ok else 'counterexample',
    )


def _printed_gamma_law(gamma_theta, X, theta_of_psi, psi):
    """Eq. as printed: Gamma~^k_ij = Gamma^o_mn dpsi^k/dtheta^o dtheta^m/dpsi^i dtheta^n/dpsi^j + d2theta^o/dpsi^i dpsi^j dpsi^k/dtheta^o."""
    d = len(psi)
    K = sp.Matrix(theta_of_psi).jacobian(psi)
    A = _inv_small(K)  # A[k, o] = dpsi^k / dtheta^o
    sub = dict(zip(X, theta_of_psi))
    G = [[[sp.sympify(gamma_theta[o][m][n]).subs(sub, simultaneous=True) for n in range(d)] for m in range(d)] for o in range(d)]
    return [[[sum(G[o][m][n] * A[k, o] * K[m, i] * K[n, j] for o in range(d) for m in range(d) for n in range(d))
              + sum(sp.diff(theta_of_psi[o], psi[i], psi[j]) * A[k, o] for o in range(d))
              for j in range(d)] for i in range(d)] for k in range(d)]


@add("003-christoffel-law", location="Sec. 'The Riemannian Hessian', transformation of the connection",
     quote=r"""\tilde\Gamma_{ij}^k = \Gamma_{mn}^o \frac{\partial \psi^k}{\partial \theta^o} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \psi^k}{\partial \theta^o} .""",
     expected=Verdict.TRUE, kind="equation")
def _gamlaw(ctx: Context) -> Outcome:
    G = _generic(2)
    X = TH
    g = sp.Matrix([[1 + T1**2, T1 * T2], [T1 * T2, 1 + T2**2]])  # a non-flat metric
    gam = _christoffel(g, X)
    gp = G.K.T * g.subs(dict(zip(X, G.th)), simultaneous=True) * G.K
    direct = _christoffel(gp, G.psi)
    printed = _printed_gamma_law(gam, X, G.th, G.psi)
    generic_ok = all(_zero(direct[k][i][j] - printed[k][i][j]) for k in range(2) for i in range(2) for j in range(2))
    engine_ok = christoffel_law_holds(Metric(g, X), list(SHEAR), PS)
    ok = generic_ok and engine_ok
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the printed law equals the Christoffel symbols of the pulled-back metric, exactly, for a generic map theta(psi) and a non-flat metric",
        correction=None if ok else "wrong connection law",
        evidence={"metric": _s(g), "generic_map_exact": generic_ok, "engine_christoffel_law_holds_shear": engine_ok},
        latex=(f"Metric $G={_L(g)}$ on $\\theta$; generic undefined $\\theta(\\psi)$. The Christoffel symbols of $K^\\top(G\\circ\\theta)K$ computed "
               r"from first principles in $\psi$ equal the printed right-hand side (with $\partial\psi^k/\partial\theta^o=(K^{-1})^k{}_o$) "
               r"exactly; cross-checked with \texttt{christoffel\_law\_holds} for $\theta=(\psi_1+\psi_2^2,\psi_2)$. For a general "
               r"connection this law is how connection coefficients transform by definition."),
        rule=None if ok else 'counterexample',
    )


def _riem_symbolic(d):
    """Symbolic pieces at a point: Gamma (o,m,n), A = J, K = J^{-1}, D2 (o,i,j), gradient g, Hessian h."""
    J = _J_sym(d)
    K = _inv_small(J)
    Gam = [[[sp.Symbol(f"G{o}_{min(m, n)}{max(m, n)}") for n in range(d)] for m in range(d)] for o in range(d)]
    D2 = [[[sp.Symbol(f"D{o}_{min(i, j)}{max(i, j)}") for j in range(d)] for i in range(d)] for o in range(d)]
    g = sp.symbols(f"g0:{d}")
    h = _sym_matrix("h", d, symmetric=True)
    return J, K, Gam, D2, g, h


def _riem_correct(d, i, j, J, K, Gam, D2, g, h):
    """Correct value of H~_ij = d2(L o theta) - Gamma~ d(L o theta), with distinct dummies."""
    hess = sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
    gt = [sum(g[p] * K[p, k] for p in range(d)) for k in range(d)]
    gamt = [sum(Gam[o][m][n] * J[k, o] * K[m, i] * K[n, j] for o in range(d) for m in range(d) for n in range(d))
            + sum(D2[o][i][j] * J[k, o] for o in range(d)) for k in range(d)]
    return hess - sum(gamt[k] * gt[k] for k in range(d))


def _cz(e) -> bool:
    return _rat_zero(e)


@add("003-riem-law-step-substitution", location="Sec. 'The Riemannian Hessian', transformation display, line 2",
     quote=r"""- \left( \Gamma_{mn}^o \frac{\partial \psi^k}{\partial \theta^o} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} + \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \psi^k}{\partial \theta^o} \right) \frac{\partial \L}{\partial \theta^o} \frac{\partial \theta^o}{\partial \psi^k}""",
     expected=Verdict.TRUE_UNDER_CONVENTION, kind="proof-step")
def _rs2(ctx: Context) -> Outcome:
    lit_ok, sep_factor = True, {}
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                hess = sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
                # literal: the letter o is ONE summation variable across the whole product
                lit = hess - sum((sum(Gam[o][m][n] * J[k, o] * K[m, i] * K[n, j] for m in range(d) for n in range(d))
                                  + D2[o][i][j] * J[k, o]) * g[o] * K[o, k] for o in range(d) for k in range(d))
                lit_ok &= _cz(lit - correct)
        # the other reading: contract (dpsi^k/dtheta^o)(dtheta^o/dpsi^k) on its own (a full trace = d)
        sep_factor[d] = sp.cancel(sum(J[k, o] * K[o, k] for k in range(d) for o in range(d)))
    # the verdict follows from the two computations: exact under the one-variable-per-letter reading, and
    # different (a factor d, not 1) when the repeated pair is contracted on its own
    convention_matters = any(v != 1 for v in sep_factor.values())
    if lit_ok and convention_matters:
        verdict, rule = Verdict.TRUE_UNDER_CONVENTION, "index"
    elif lit_ok:
        verdict, rule = Verdict.TRUE, None
    else:
        verdict, rule = Verdict.TYPO, "index"
    return Outcome(
        verdict,
        ("the dummy o appears three times in one product; read as one summation variable the line is exact, as strict Einstein notation it is ill-formed"
         if lit_ok else "the line differs from the correct substitution even with one summation variable per letter; a new dummy p is needed"),
        rule=rule,
        correction=(None if lit_ok else r"write the gradient factor as $\frac{\partial\L}{\partial\theta^p}\frac{\partial\theta^p}{\partial\psi^k}$ with a new dummy $p$"),
        convention=None if verdict is not Verdict.TRUE_UNDER_CONVENTION else ("each index letter is one summation variable over the whole product (so sum_k dpsi^k/dtheta^o dtheta^o/dpsi^k = 1 for each o): "
                    "then the line equals the correct substitution for generic symbols (d = 2 all symbolic; d = 3 with a rational J); contracting that pair separately "
                    "as an Einstein pair gives sum_{k,o} = d instead of 1 (computed: " + ", ".join(f"d={d}: {v}" for d, v in sep_factor.items()) + ")"),
        evidence={"literal_reading_exact": lit_ok, "separate_pair_contraction": {str(d): _s(v) for d, v in sep_factor.items()}},
        latex=(r"The gradient $\partial(\mathcal{L}\circ\varphi^{-1})/\partial\psi^k$ should be written $\partial_p\mathcal{L}\,\partial\theta^p/\partial\psi^k$ with a new dummy $p$; "
               r"the line reuses $o$, which already belongs to $\tilde\Gamma$. Evaluating the printed term with one summation per letter "
               r"($\sum_k\frac{\partial\psi^k}{\partial\theta^o}\frac{\partial\theta^o}{\partial\psi^k}=(KJ)^o{}_o=1$) gives exactly the correct value "
               r"for symbolic $\Gamma$, $J$, $\partial^2\theta$, $\nabla\mathcal{L}$, $\partial^2\mathcal{L}$ ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)); contracting that pair by itself would give "
               r"$\mathrm{tr}(KJ)=d$."),
    )


@add("003-riem-law-step-cancel", location="Sec. 'The Riemannian Hessian', transformation display, line 3",
     quote=r"""- \Gamma_{mn}^o \cancel{\frac{\partial \psi^k}{\partial \theta^o}} \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \frac{\partial \L}{\partial \theta^o} \cancel{\frac{\partial \theta^o}{\partial \psi^k}}""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs3(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                line3 = (sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d)) + sum(g[o] * D2[o][i][j] for o in range(d))
                         - sum(Gam[o][m][n] * K[m, i] * K[n, j] * g[o] for o in range(d) for m in range(d) for n in range(d))
                         - sum(D2[o][i][j] * g[o] for o in range(d)))
                ok &= _cz(line3 - correct)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "sum_k dpsi^k/dtheta^o dtheta^p/dpsi^k = delta^p_o: after the cancellations the line equals the correct substitution (exact; d = 2 all symbolic, d = 3 with a rational J)",
        correction=None if ok else "cancellation wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$K J=I$ gives $\frac{\partial\psi^k}{\partial\theta^o}\frac{\partial\theta^p}{\partial\psi^k}=\delta^p_o$; the resulting line equals the substitution with distinct dummies for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riem-law-step-second-derivatives-cancel", location="Sec. 'The Riemannian Hessian', transformation display, line 4",
     quote=r"""\cancel{+ \frac{\partial \L}{\partial \theta^o} \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j}} - \Gamma_{mn}^o \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \frac{\partial \L}{\partial \theta^o} \cancel{- \frac{\partial^2 \theta^o}{\partial \psi^i \partial \psi^j} \frac{\partial \L}{\partial \theta^o}}""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs4(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        for i in range(d):
            for j in range(d):
                correct = _riem_correct(d, i, j, J, K, Gam, D2, g, h)
                line4 = (sum(h[m, n] * K[m, i] * K[n, j] for m in range(d) for n in range(d))
                         - sum(Gam[o][m][n] * K[m, i] * K[n, j] * g[o] for o in range(d) for m in range(d) for n in range(d)))
                ok &= _cz(line4 - correct)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "+ dL/dtheta^o d2theta^o and - d2theta^o dL/dtheta^o cancel: the non-tensorial terms of the calculus Hessian and of Gamma~ annihilate (exact)",
        correction=None if ok else "terms do not cancel",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"The inhomogeneous term of $\tilde\Gamma$ contracted with $\tilde\nabla\mathcal{L}$ equals $\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$, exactly the extra term of the calculus Hessian; verified for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riem-law-step-factor", location="Sec. 'The Riemannian Hessian', transformation display, line 5",
     quote=r"""&= \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} \left( \frac{\partial^2 \L}{\partial \theta^m \partial \theta^n} - \Gamma_{mn}^o \frac{\partial \L}{\partial \theta^o} \right)""",
     expected=Verdict.TRUE, kind="proof-step")
def _rs5(ctx: Context) -> Outcome:
    ok = True
    for d in GENERIC_DIMS:
        J, K, Gam, D2, g, h = _riem_symbolic(d)
        HR = sp.Matrix(d, d, lambda m, n: h[m, n] - sum(Gam[o][m][n] * g[o] for o in range(d)))
        for i in range(d):
            for j in range(d):
                ok &= _cz((K.T * HR * K)[i, j] - _riem_correct(d, i, j, J, K, Gam, D2, g, h))
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "factoring dtheta^m/dpsi^i dtheta^n/dpsi^j out is exact (d = 2 all symbolic; d = 3 with a rational J)",
        correction=None if ok else "factorization wrong",
        evidence={"dims": list(GENERIC_DIMS)},
        latex=r"$K^\top(\partial^2\mathcal{L}-\Gamma^o\partial_o\mathcal{L})K$ equals the full substitution for symbolic data ($d=2$ fully symbolic, $d=3$ with a fixed rational $J$ (and $G$)).",
        rule=None if ok else 'counterexample',
    )


@add("003-riemannian-hessian-law", location="Sec. 'The Riemannian Hessian', transformation display, last line",
     quote=r"""&= \frac{\partial \theta^m}{\partial \psi^i} \frac{\partial \theta^n}{\partial \psi^j} H_{mn} . \end{align*}""",
     expected=Verdict.TRUE, kind="proposition")
def _rlaw(ctx: Context) -> Outcome:
    return _riemannian_law_outcome()


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


def _polar_noncritical():
    """L = theta1 (non-critical everywhere) in polar coordinates at (r, phi) = (5, atan(4/3))."""
    L = T1
    Lt = L.subs(dict(zip(TH, POLAR)))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    Hc = sp.hessian(Lt, (R, PHI)).subs(pt)
    HR = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                   - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt).applyfunc(sp.simplify)
    K = sp.Matrix(POLAR).jacobian((R, PHI)).subs(pt)
    return Lt, Hc.applyfunc(sp.simplify), HR, K, Gam


@add("003-riemannian-law-everywhere", location="Sec. 'The Riemannian Hessian', paragraph after the transformation display",
     quote=r"""Note that while this transformation rule is very similar to the transformation of the “calculus Hessian” at a critical point, the transformation rule of the Riemannian Hessian applies everywhere on $\Theta$.""",
     expected=Verdict.TRUE, kind="verbal")
def _everywhere(ctx: Context) -> Outcome:
    Lt, Hc, HR, K, _ = _polar_noncritical()
    ok = HR == sp.zeros(2, 2) and Hc != sp.zeros(2, 2)  # H = 0 for L = theta1, so K^T H K = 0
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "at a non-critical point (L = theta1 in polar coordinates at (3,4)) the Riemannian Hessian is K^T 0 K = 0 while the calculus one is not",
        correction=None if ok else "law fails off critical points",
        evidence={"L_polar": _s(Lt), "calculus_hessian": _s(Hc), "riemannian_hessian": _s(HR)},
        latex=(f"$\\mathcal{{L}}=\\theta_1$ has $H\\equiv0$ and no critical point. In polar coordinates, $\\tilde{{\\mathcal{{L}}}}={_L(Lt)}$; at $(x,y)=(3,4)$ the Riemannian "
               f"Hessian is ${_L(HR)}=K^\\top 0K$ while the calculus Hessian is ${_L(Hc)}$. The general law is proven in 003-riemannian-hessian-law."),
        rule=None if ok else 'counterexample',
    )


@add("003-riemannian-bilinear-invariant-everywhere", location="Sec. 'The Riemannian Hessian', paragraph after the transformation display",
     quote=r"""This means, seen as a bilinear map, the Hessian is invariant everywhere on $\Theta$. (Not just at the critical points as before.)""",
     expected=Verdict.TRUE, kind="proposition")
def _bil_everywhere(ctx: Context) -> Outcome:
    # L = theta1^2 + theta1 theta2^2 + 2 theta2 in polar coordinates at (3, 4), vectors v, w symbolic
    L = T1**2 + T1 * T2**2 + 2 * T2
    Lt = L.subs(dict(zip(TH, POLAR)))
    pt = {R: 5, PHI: sp.atan(sp.Rational(4, 3))}
    Gam = _christoffel(sp.diag(1, R**2), (R, PHI))
    HR = sp.Matrix(2, 2, lambda i, j: sp.diff(Lt, (R, PHI)[i], (R, PHI)[j])
                   - sum(Gam[k][i][j] * sp.diff(Lt, (R, PHI)[k]) for k in range(2))).subs(pt).applyfunc(sp.simplify)
    H = sp.hessian(L, TH).subs({T1: 3, T2: 4})
    K = sp.Matrix(POLAR).jacobian((R, PHI)).subs(pt).applyfunc(sp.simplify)
    J = K.inv()
    v, w = sp.Matrix(sp.symbols("v1 v2")), sp.Matrix(sp.symbols("w1 w2"))
    diff = sp.simplify(((J * v).T * HR * (J * w))[0] - (v.T * H * w)[0])
    grad = [sp.diff(L, x).subs({T1: 3, T2: 4}) for x in TH]
    ok = diff == 0 and any(g != 0 for g in grad)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "for the Riemannian Hessian B~(Jv, Jw) = B(v, w) at a non-critical point (polar coordinates, gradient != 0), exact",
        correction=None if ok else "not invariant",
        evidence={"L": _s(L), "grad_at_(3,4)": _s(grad), "H": _s(H), "H_R_polar": _s(HR)},
        latex=(f"$\\mathcal{{L}}={_L(L)}$ at $(3,4)$ (gradient ${_L(sp.Matrix(grad).T)}\\neq0$): $H={_L(H)}$, polar Riemannian Hessian ${_L(HR)}$; "
               r"$(Jv)^\top\tilde H(Jw)=v^\top Hw$ for symbolic $v,w$. True for the Riemannian Hessian; the calculus one fails (003-consensus-bilinear-noncritical)."),
        rule=None if ok else 'counterexample',
    )


@add("003-gamma-nonzero-polar", location="Sec. 'The Riemannian Hessian', last paragraph",
     quote=r"""But as can be seen in its transformation rule, under a reparametrization $\varphi$, this quantity is non-zero in general in $\psi$ parametrization—this is already true for a simple, common transformation between the Cartesian and polar coordinates.""",
     expected=Verdict.TRUE, kind="example")
def _polar_gamma(ctx: Context) -> Outcome:
    Gp = _christoffel(sp.diag(1, R**2), (R, PHI))
    zero = [[[0] * 2 for _ in range(2)] for _ in range(2)]
    law = _printed_gamma_law(zero, TH, POLAR, (R, PHI))
    eng = transform_christoffel(sp.ImmutableDenseNDimArray([0] * 8, (2, 2, 2)), TH, list(POLAR), (R, PHI))
    same = all(sp.simplify(Gp[k][i][j] - law[k][i][j]) == 0 and sp.simplify(Gp[k][i][j] - eng[k, i, j]) == 0
               for k in range(2) for i in range(2) for j in range(2))
    vals = {"Gamma^r_phiphi": sp.simplify(Gp[0][1][1]), "Gamma^phi_rphi": sp.simplify(Gp[1][0][1])}
    lin = _printed_gamma_law(zero, TH, (P1 + 2 * P2, 3 * P2), PS)
    lin_zero = all(lin[k][i][j] == 0 for k in range(2) for i in range(2) for j in range(2))
    ok = same and vals["Gamma^r_phiphi"] == -R and vals["Gamma^phi_rphi"] == 1 / R and lin_zero
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "Euclidean metric in polar coordinates: Gamma^r_phiphi = -r, Gamma^phi_rphi = 1/r (metric, printed law and engine agree); zero for affine maps",
        correction=None if ok else "polar Christoffels vanish",
        evidence={k: _s(v) for k, v in vals.items()} | {"three_computations_agree": same, "affine_map_gives_zero": lin_zero},
        latex=(r"From $\tilde G=\mathrm{diag}(1,r^2)$: $\tilde\Gamma^r_{\phi\phi}="
               f"{_L(vals['Gamma^r_phiphi'])}$, $\\tilde\\Gamma^\\phi_{{r\\phi}}={_L(vals['Gamma^phi_rphi'])}$; the printed law with $\\Gamma=0$ and "
               r"\texttt{transform\_christoffel} give the same. With $\Gamma=0$ the law leaves $\tilde\Gamma^k_{ij}=\frac{\partial\psi^k}{\partial\theta^o}\partial_i\partial_j\theta^o$, "
               r"which vanishes identically iff $\theta(\psi)$ is affine (checked for $\theta=(\psi_1+2\psi_2,3\psi_2)$)."),
        rule=None if ok else 'counterexample',
    )


@add("003-discrepancy-ignoring-gamma", location="Sec. 'The Riemannian Hessian', last paragraph",
     quote=r"""How does this discrepancy happen? This is because we ignore $\Gamma^k_{ij}$ in calculus!""",
     expected=Verdict.TRUE, kind="verbal")
def _discrepancy(ctx: Context) -> Outcome:
    # Gamma~^k_ij d_k L~ = sum_l [ij, l] (G~^{-1} grad~ L)_l with the first-kind symbols [ij, l] of G~ = K^T K;
    # writing dL/dtheta = K u makes G~^{-1} grad~ L = u, so the identity becomes polynomial (no inverse)
    res = {}
    for d in GENERIC_DIMS:
        G = _generic(d)
        u = sp.symbols(f"u1:{d + 1}")
        fk = _first_kind(G.K.T * G.K, G.psi)
        rep = {G.grad[o]: sum(G.K[o, l] * u[l] for l in range(d)) for o in range(d)}
        res[d] = all(_zero(sum(G.grad[o] * G.D2[o][i][j] for o in range(d)).xreplace(rep)
                           - sum(fk[l][i][j] * u[l] for l in range(d)))
                     for i in range(d) for j in range(d))
    ok = all(res.values())
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "calculus Hessian in psi minus the Riemannian one = Gamma~^k_ij d_k L~, which equals the extra term dL/dtheta^o d2theta^o exactly (generic maps)",
        correction=None if ok else "difference is not the connection term",
        evidence={"generic_dims_proven": [d for d, v in res.items() if v]},
        latex=r"For the Euclidean metric carried to $\psi$ ($\tilde G=K^\top K$, undefined $\theta(\psi)$, $d=2,3$): $\tilde\Gamma^k_{ij}\partial_k\tilde{\mathcal{L}}=\partial_o\mathcal{L}\,\partial_i\partial_j\theta^o$ exactly (first-kind symbols of $\tilde G$ from first principles; writing $\nabla\mathcal{L}=Ku$ makes $\tilde G^{-1}\tilde\nabla\tilde{\mathcal{L}}=u$ and the identity polynomial), so dropping $\tilde\Gamma$ is precisely what adds the non-tensorial term.",
        rule=None if ok else 'counterexample',
    )


# ============================================================================ invariance of eigenvalues, determinant, trace


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
    ce = printed.counterexamples[min(printed.counterexamples)] if printed.counterexamples else {}
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


@lru_cache(maxsize=None)
def _dinh_two_minima():
    L = sp.Rational(1, 2) * (T1 * T2 - 1) ** 2
    out = []
    for pt in ((1, 1), (2, sp.Rational(1, 2))):
        gm = GraphMetric(L, TH)
        s = gm.shape_operator().subs({T1: pt[0], T2: pt[1]}).applyfunc(sp.simplify)
        out.append((pt, _eigs(s)))
    return L, out


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


# ============================================================================ tensor-analysis viewpoint


@add("003-hessian-covariant-2-tensor", location="Sec. 'Non-Invariance from the Tensor Analysis Viewpoint', paragraph 1",
     quote=r"""First, the Hessian represents a bilinear map, so it is a covariant 2-tensor.""",
     expected=Verdict.TRUE, kind="verbal")
def _cov2(ctx: Context) -> Outcome:
    r = _rlaw(ctx)
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
