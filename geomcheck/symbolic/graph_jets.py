"""Graph-metric quantities on the jet ring: first principles and closed forms.

Every function takes an *algebra* ``A`` — a :class:`~geomcheck.symbolic.jets.JetRing`
(exact FLINT polynomials) or a :class:`~geomcheck.symbolic.jets.WeightBounds` (syntactic
degree bounds) — so the same construction serves the proof and the dimension-free bound.

Notation (0-based in code): ``p_i = f_i``, ``H_ij = f_ij``, ``T_ijk = f_ijk``,
``w = 1/sqrt(1 + |p|²)``, ``β = w²``.

*First principles* (``*_fp``) follow the definitions of :mod:`geomcheck.conventions` from the
metric ``g_ij = δ_ij + p_i p_j`` and the embedding ``X = (x, f)``; the only closed form they use
is the inverse metric, which is proven to be the inverse first (:func:`inverse_metric_cf`).

*Closed forms* (``*_cf``) were derived by hand (the derivation is written out in the LaTeX of
:mod:`geomcheck.symbolic.latex`) and are proven equal to the first-principles quantities by
:mod:`geomcheck.symbolic.proofs`.
"""

from __future__ import annotations

from fractions import Fraction

from .jets import sum_

# ----------------------------------------------------------------------------- metric


def metric(A):
    """``g_ij = δ_ij + p_i p_j``: the metric induced on the graph (first fundamental form)."""
    n = A.n
    return [[(A.one if i == j else A.zero) + A.p(i) * A.p(j) for j in range(n)] for i in range(n)]


def inverse_metric_cf(A):
    """``g^{ij} = δ_ij − β p_i p_j`` (Sherman–Morrison)."""
    n = A.n
    b = A.beta
    return [[(A.one if i == j else A.zero) - b * A.p(i) * A.p(j) for j in range(n)] for i in range(n)]


def matmul(A, X, Y):
    """Matrix product of nested lists over the algebra."""
    n, m, q = len(X), len(Y), len(Y[0])
    return [[sum_(A, (X[i][k] * Y[k][j] for k in range(m))) for j in range(q)] for i in range(n)]


# ----------------------------------------------------------------------------- Christoffel


def christoffel_fp(A, g, ginv):
    """``Γ^i_{kl} = ½ g^{ij} (∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})``, array ``[i][k][l]``."""
    n = A.n
    half = A.const(Fraction(1, 2))
    dg = [[[A.D(g[j][l], k) for l in range(n)] for j in range(n)] for k in range(n)]  # dg[k][j][l]
    gamma = [[[None] * n for _ in range(n)] for _ in range(n)]
    for k in range(n):
        for l in range(k, n):
            first_kind = [dg[k][j][l] + dg[l][j][k] - dg[j][k][l] for j in range(n)]
            for i in range(n):
                val = A.reduce(half * sum_(A, (ginv[i][j] * first_kind[j] for j in range(n))))
                gamma[i][k][l] = val
                gamma[i][l][k] = val
    return gamma


def christoffel_cf(A):
    """``Γ^i_{kl} = β f_i f_{kl}``."""
    n = A.n
    b = A.beta
    return [[[b * A.p(i) * A.f(k, l) for l in range(n)] for k in range(n)] for i in range(n)]


# ----------------------------------------------------------------------------- Riemann


def riemann_fp(A, gamma):
    """``R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``.

    Returned as a dict ``{(i, j, k, m): value}`` for ``k < m``; the defining expression is
    antisymmetric in ``(k, m)`` term by term, so ``R^i_{jmk} = −R^i_{jkm}`` and
    ``R^i_{jkk} = 0`` hold by construction (see :func:`riemann_component`).
    Components are kept in normal form (``A.reduce``: exact, equal as functions of the jet).
    """
    n = A.n
    dgamma = {}
    for i in range(n):
        for j in range(n):
            for m in range(j, n):
                for k in range(n):
                    dgamma[(k, i, j, m)] = A.D(gamma[i][j][m], k)
                    dgamma[(k, i, m, j)] = dgamma[(k, i, j, m)]
    R = {}
    for i in range(n):
        for j in range(n):
            for k in range(n):
                for m in range(k + 1, n):
                    quad = sum_(
                        A,
                        (gamma[i][k][r] * gamma[r][j][m] - gamma[i][m][r] * gamma[r][j][k] for r in range(n)),
                    )
                    R[(i, j, k, m)] = A.reduce(dgamma[(k, i, j, m)] - dgamma[(m, i, j, k)] + quad)
    return R


def riemann_component(A, R, i, j, k, m):
    """``R^i_{jkm}`` from the ``k < m`` storage of :func:`riemann_fp`."""
    if k == m:
        return A.zero
    if k < m:
        return R[(i, j, k, m)]
    return -R[(i, j, m, k)]


def hessian_times_grad(A):
    """``(Hp)_k = Σ_r f_r f_{rk}``."""
    n = A.n
    return [sum_(A, (A.p(r) * A.f(r, k) for r in range(n))) for k in range(n)]


def hessian_invariants(A):
    """``(Hp, tr H, pᵀHp)``: the contractions the closed forms below are built from."""
    n = A.n
    Hp = hessian_times_grad(A)
    trH = sum_(A, (A.f(r, r) for r in range(n)))
    pHp = sum_(A, (A.p(r) * Hp[r] for r in range(n)))
    return Hp, trH, pHp


def riemann_cf(A):
    """``R^i_{jkm} = β [(f_ik − β f_i (Hp)_k) f_jm − (f_im − β f_i (Hp)_m) f_jk]`` (k < m)."""
    n = A.n
    b = A.beta
    Hp = hessian_times_grad(A)
    R = {}
    for i in range(n):
        for j in range(n):
            for k in range(n):
                for m in range(k + 1, n):
                    a_k = A.f(i, k) - b * A.p(i) * Hp[k]
                    a_m = A.f(i, m) - b * A.p(i) * Hp[m]
                    R[(i, j, k, m)] = b * (a_k * A.f(j, m) - a_m * A.f(j, k))
    return R


def lowered_riemann_fp(A, g, R):
    """``R_{ijkm} = g_{ir} R^r_{jkm}`` (k < m storage).

    ``g_{ir} = δ_ir + p_i p_r`` is applied as ``R^i_{jkm} + p_i (p_r R^r_{jkm})`` — the same
    contraction, evaluated in ``O(n^4)`` instead of ``O(n^5)`` products.  ``g`` is checked to be
    exactly that matrix.
    """
    n = A.n
    for i in range(n):
        for r in range(n):
            expected = (A.one if i == r else A.zero) + A.p(i) * A.p(r)
            if g[i][r] != expected:
                raise ValueError("lowered_riemann_fp expects the graph metric g = I + p p^T")
    q = {}
    for (i, j, k, m) in R:
        if (j, k, m) not in q:
            q[(j, k, m)] = sum_(A, (A.p(r) * R[(r, j, k, m)] for r in range(n)))
    return {(i, j, k, m): val + A.p(i) * q[(j, k, m)] for (i, j, k, m), val in R.items()}


def gauss_equation_rhs(A, h):
    """``h_ik h_jm − h_im h_jk`` (k < m storage): the Gauss equation's right-hand side."""
    n = A.n
    return {
        (i, j, k, m): h[i][k] * h[j][m] - h[i][m] * h[j][k]
        for i in range(n)
        for j in range(n)
        for k in range(n)
        for m in range(k + 1, n)
    }


# ----------------------------------------------------------------------------- Ricci, scalar


def ricci_from_riemann(A, R):
    """``Ric_{jm} = R^i_{jim}``."""
    n = A.n
    return [
        [sum_(A, (riemann_component(A, R, i, j, i, m) for i in range(n))) for m in range(n)]
        for j in range(n)
    ]


def ricci_cf(A):
    """``Ric_{jm} = β [(tr H − β pᵀHp) f_jm − (H²)_jm + β (Hp)_j (Hp)_m]``."""
    n = A.n
    b = A.beta
    Hp, trH, pHp = hessian_invariants(A)
    return [
        [
            b * ((trH - b * pHp) * A.f(j, m) - sum_(A, (A.f(j, r) * A.f(r, m) for r in range(n))) + b * Hp[j] * Hp[m])
            for m in range(n)
        ]
        for j in range(n)
    ]


def scalar_from_ricci(A, ginv, Ric):
    """``S = g^{jm} Ric_{jm}``."""
    n = A.n
    return sum_(A, (ginv[j][m] * Ric[j][m] for j in range(n) for m in range(n)))


def scalar_cf(A):
    """``S = β[(tr H)² − tr(H²)] − 2β²[tr H · pᵀHp − pᵀH²p]``."""
    n = A.n
    b = A.beta
    Hp, trH, pHp = hessian_invariants(A)
    trH2 = sum_(A, (A.f(r, s) * A.f(s, r) for r in range(n) for s in range(n)))
    pH2p = sum_(A, (Hp[r] * Hp[r] for r in range(n)))
    return b * (trH * trH - trH2) - A.const(2) * b * b * (trH * pHp - pH2p)


# ----------------------------------------------------------------------------- embedding


def tangent_vectors(A):
    """``∂_i X = (e_i, f_i)`` as ``n`` vectors of length ``n + 1``."""
    n = A.n
    return [[(A.one if a == i else A.zero) for a in range(n)] + [A.p(i)] for i in range(n)]


def normal_cf(A):
    """Upward unit normal ``N = w (−∇f, 1)``."""
    n = A.n
    return [-(A.w * A.p(a)) for a in range(n)] + [A.w]


def second_fundamental_form_fp(A, N):
    """``h_ij = ⟨∂_j ∂_i X, N⟩`` with ``∂_j`` the total derivative of the tangent vectors."""
    n = A.n
    T = tangent_vectors(A)
    return [
        [sum_(A, (A.D(T[i][a], j) * N[a] for a in range(n + 1))) for j in range(n)]
        for i in range(n)
    ]


def second_fundamental_form_cf(A):
    """``h_ij = w f_ij = f_ij / sqrt(1 + |∇f|²)``."""
    n = A.n
    return [[A.w * A.f(i, j) for j in range(n)] for i in range(n)]


def shape_operator_cf(A):
    """``s^i_j = w (f_ij − β f_i (Hp)_j)``, i.e. ``s = g⁻¹ H / sqrt(1 + |∇f|²)``."""
    n = A.n
    b = A.beta
    Hp = hessian_times_grad(A)
    return [[A.w * (A.f(i, j) - b * A.p(i) * Hp[j]) for j in range(n)] for i in range(n)]


def mean_curvature_times_n_cf(A):
    """``n·H = tr s = w (tr H − β pᵀHp)``."""
    n = A.n
    Hp, trH, pHp = hessian_invariants(A)
    return A.w * (trH - A.beta * pHp)


def trace(A, M):
    return sum_(A, (M[i][i] for i in range(len(M))))


def sigma2_twice(A, s):
    """``2σ₂(κ) = (tr s)² − tr(s²)`` (Newton's identity for the eigenvalues of ``s``)."""
    n = len(s)
    t = trace(A, s)
    return t * t - sum_(A, (s[i][j] * s[j][i] for i in range(n) for j in range(n)))


def determinant(A, M):
    """Fraction-free (Bareiss) determinant over an integral domain; exact divisions."""
    n = len(M)
    M = [row[:] for row in M]
    sign = 1
    prev = A.one
    for k in range(n - 1):
        if M[k][k] == A.zero:
            swap = next((r for r in range(k + 1, n) if M[r][k] != A.zero), None)
            if swap is None:
                return A.zero
            M[k], M[swap] = M[swap], M[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                num = M[i][j] * M[k][k] - M[i][k] * M[k][j]
                M[i][j] = num / prev if k else num
        prev = M[k][k]
    return M[n - 1][n - 1] if sign > 0 else -M[n - 1][n - 1]
