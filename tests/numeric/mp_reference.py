"""50-digit mpmath references for the graph curvature kernels, independent of their scaled form.

Each quantity is evaluated from the exact float64 entries of ``p = ∇f`` and ``H = ∇²f`` with
mpmath (its exponent range is unbounded, so nothing over- or underflows), by the *expanded*
formulas of :mod:`geomcheck.symbolic.graph` (proven there for every ``n``) or from the
definitions, never by the kernels' gradient-adapted frame:

* ``β = 1/(1 + Σ p_i²)``;
* at :func:`dps_for` digits (50 plus what the expanded forms lose to cancellation);
* ``S = β[(tr H)² − Σ H_ij²] − 2β²[tr H · pᵀHp − |Hp|²]``;
* mean curvature ``√β (tr H − β pᵀHp) / n``;
* principal curvatures: eigenvalues (``mp.eigsy``) of ``L⁻¹ h L⁻ᵀ`` with ``g = I + ppᵀ = LLᵀ``
  (``mp.cholesky``; similar to ``s = g⁻¹h``, no closed form), ``h = √β H``;
* Gauss–Kronecker curvature ``det(L⁻¹ h L⁻ᵀ)`` with ``mp.det`` (``d ≤ 40``), or
  ``β^{(n+2)/2} ∏ H_ii`` for a diagonal ``H``;
* Christoffel symbols by the Koszul formula from ``∂_k g_{jl} = H_{jk} p_l + p_j H_{lk}`` and
  ``mp.inverse(g)``; the lowered Riemann tensor by the Gauss equation ``h_ik h_jm − h_im h_jk``;
  Ricci ``Ric_{jm} = g^{ik} R_{ijkm}``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import mpmath
import torch
from torch import Tensor

DPS = 50


def dps_for(p: Tensor) -> int:
    """Working digits: 50, plus ``2·log10(1+|p|²)`` (the expanded forms cancel to relative size
    ``β`` and ``I + ppᵀ`` loses the ``1`` otherwise), so the result keeps at least 50 digits."""
    rho = float(torch.linalg.vector_norm(p.double() / max(float(p.abs().max()), 1e-300))) * float(p.abs().max())
    extra = 0 if rho <= 1 else int(math.ceil(4 * math.log10(rho)))
    return DPS + 10 + extra


def _mp_vector(p: Tensor) -> list:
    return [mpmath.mpf(float(v)) for v in p.tolist()]


def _mp_matrix(h: Tensor) -> list[list]:
    return [[mpmath.mpf(float(v)) for v in row] for row in h.tolist()]


def _beta(p: Sequence) -> mpmath.mpf:
    return 1 / (1 + mpmath.fsum(v * v for v in p))


def scalar_and_mean(p: Tensor, h: Tensor) -> tuple[mpmath.mpf, mpmath.mpf]:
    """``(S, mean curvature)`` (``O(d²)`` mpmath operations: any ``d``)."""
    with mpmath.workdps(dps_for(p)):
        pv, hm = _mp_vector(p), _mp_matrix(h)
        n = len(pv)
        beta = _beta(pv)
        tr = mpmath.fsum(hm[i][i] for i in range(n))
        tr2 = mpmath.fsum(v * v for row in hm for v in row)
        hp = [mpmath.fsum(hm[i][j] * pv[j] for j in range(n)) for i in range(n)]
        php = mpmath.fsum(pv[i] * hp[i] for i in range(n))
        hp2 = mpmath.fsum(v * v for v in hp)
        s = beta * (tr * tr - tr2) - 2 * beta**2 * (tr * php - hp2)
        mean = mpmath.sqrt(beta) * (tr - beta * php) / n
        return +s, +mean


def condition_scales(p: Tensor, h: Tensor) -> tuple[float, float]:
    """Entrywise condition scales ``Σ|H_ij ∂X/∂H_ij| + Σ|p_k ∂X/∂p_k|`` of ``X = S`` and of the
    mean curvature: how much relative perturbations of size 1 in the inputs move ``X`` to first
    order.  A float64 input is itself only known to ``ε ≈ 1.1e-16`` relative, so no algorithm
    can promise better than ``ε ×`` this scale.

    Derived from the expanded forms: with ``A = T² − ‖H‖²``, ``B = T φ − |Hp|²`` (``T = tr H``,
    ``φ = pᵀHp``), ``S = βA − 2β²B``, ``dβ = −2β² pᵀdp``:
    ``∂S/∂H = 2β(T I − H) − 2β²(φ I + T ppᵀ − p(Hp)ᵀ − (Hp)pᵀ)``,
    ``∂S/∂p = −2β² p (A − 4βB) − 4β² (T Hp − H²p)``;
    ``n·mean = w(T − βφ)``, ``w = √β``: ``∂/∂H = w(I − β ppᵀ)``,
    ``∂/∂p = −wβ(T − βφ) p + 2wβ²φ p − 2wβ Hp``.
    """
    with mpmath.workdps(dps_for(p)):
        pv, hm = _mp_vector(p), _mp_matrix(h)
        n = len(pv)
        r = range(n)
        beta = _beta(pv)
        w = mpmath.sqrt(beta)
        t = mpmath.fsum(hm[i][i] for i in r)
        hp = [mpmath.fsum(hm[i][j] * pv[j] for j in r) for i in r]
        h2p = [mpmath.fsum(hm[i][j] * hp[j] for j in r) for i in r]
        phi = mpmath.fsum(pv[i] * hp[i] for i in r)
        a = t * t - mpmath.fsum(v * v for row in hm for v in row)
        b = t * phi - mpmath.fsum(v * v for v in hp)
        cond_s = mpmath.fsum(
            abs(hm[i][j] * (2 * beta * ((t if i == j else 0) - hm[i][j])
                            - 2 * beta**2 * ((phi if i == j else 0) + t * pv[i] * pv[j]
                                             - pv[i] * hp[j] - hp[i] * pv[j])))
            for i in r for j in r)
        cond_s += mpmath.fsum(
            abs(pv[k] * (-2 * beta**2 * pv[k] * (a - 4 * beta * b) - 4 * beta**2 * (t * hp[k] - h2p[k])))
            for k in r)
        cond_m = mpmath.fsum(abs(hm[i][j] * w * ((1 if i == j else 0) - beta * pv[i] * pv[j]))
                             for i in r for j in r)
        cond_m += mpmath.fsum(
            abs(pv[k] * (-w * beta * (t - beta * phi) * pv[k] + 2 * w * beta**2 * phi * pv[k]
                         - 2 * w * beta * hp[k])) for k in r)
        return float(cond_s), float(cond_m / n)


def _metric(pv: list) -> mpmath.matrix:
    n = len(pv)
    return mpmath.matrix([[(1 if i == j else 0) + pv[i] * pv[j] for j in range(n)] for i in range(n)])


def _congruent_shape(pv: list, hm: list) -> mpmath.matrix:
    """``L⁻¹ h L⁻ᵀ`` with ``g = I + ppᵀ = LLᵀ`` (Cholesky): symmetric and similar to ``s = g⁻¹h``."""
    g = _metric(pv)
    linv = mpmath.inverse(mpmath.cholesky(g))
    m = linv * (mpmath.sqrt(_beta(pv)) * mpmath.matrix(hm)) * linv.T
    return (m + m.T) / 2


def principal_curvatures(p: Tensor, h: Tensor) -> list[mpmath.mpf]:
    """Ascending eigenvalues of the shape operator ``s = g⁻¹h`` (``d ≤ 12``), via the symmetric
    ``L⁻¹hL⁻ᵀ`` (Cholesky of ``g``; no closed form) and ``mp.eigsy``."""
    with mpmath.workdps(dps_for(p)):
        pv, hm = _mp_vector(p), _mp_matrix(h)
        eig, _ = mpmath.eigsy(_congruent_shape(pv, hm))
        return sorted(+eig[i] for i in range(len(pv)))


def gauss_curvature(p: Tensor, h: Tensor) -> mpmath.mpf:
    """``det s = det(L⁻¹hL⁻ᵀ)`` (dense, ``d ≤ 40``) or ``β^{(n+2)/2} ∏H_ii`` when ``H`` is diagonal."""
    with mpmath.workdps(dps_for(p)):
        pv, hm = _mp_vector(p), _mp_matrix(h)
        n = len(pv)
        beta = _beta(pv)
        if bool((h - torch.diag(torch.diagonal(h))).abs().max() == 0):
            return +(beta ** (mpmath.mpf(n + 2) / 2) * mpmath.fprod(hm[i][i] for i in range(n)))
        return +mpmath.det(_congruent_shape(pv, hm))


def christoffel_and_riemann(p: Tensor, h: Tensor) -> tuple[list, list, list]:
    """``(Γ[i][k][l], R_{ijkm}, Ric_{jm})`` from the definitions (``d ≤ 5``)."""
    with mpmath.workdps(dps_for(p)):
        pv, hm = _mp_vector(p), _mp_matrix(h)
        n = len(pv)
        r = range(n)
        ginv = mpmath.inverse(_metric(pv))
        dg = [[[hm[j][k] * pv[l] + pv[j] * hm[l][k] for l in r] for j in r] for k in r]  # dg[k][j][l] = ∂_k g_jl
        gamma = [[[mpmath.fsum(ginv[i, j] * (dg[k][j][l] + dg[l][j][k] - dg[j][k][l]) for j in r) / 2
                   for l in r] for k in r] for i in r]
        w = 1 / mpmath.sqrt(1 + mpmath.fsum(v * v for v in pv))
        sff = [[w * hm[i][j] for j in r] for i in r]
        low = [[[[sff[i][k] * sff[j][m] - sff[i][m] * sff[j][k] for m in r] for k in r] for j in r] for i in r]
        ric = [[mpmath.fsum(ginv[i, k] * low[i][j][k][m] for i in r for k in r) for m in r] for j in r]
        return gamma, low, ric


def to_tensor(nested) -> Tensor:
    """Nested lists of mpf as a float64 tensor (correctly rounded by mpmath)."""
    def conv(v):
        return [conv(u) for u in v] if isinstance(v, list) else float(v)

    return torch.tensor(conv(nested), dtype=torch.float64)
