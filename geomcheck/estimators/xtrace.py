"""XTrace (Epperly, Tropp & Webber 2024, "XTrace: Making the most of every sample in stochastic
trace estimation", SIAM J. Matrix Anal. Appl. 45(1), arXiv:2301.07825), Rademacher probes.

Budget ``m ≥ 2`` products, ``k = ⌊m/2⌋`` probes ``Ω = [ω_1 … ω_k]`` (streams ``0 … k−1``;
an odd budget leaves one product unused: ``num_matvecs`` reports ``2k``).  ``Y = AΩ = QR``.
For each ``i`` let ``Q_(i)`` be an orthonormal basis of ``range(A Ω_{−i})`` (all probes but
``ω_i``) and ``P_i = I − Q_(i)Q_(i)ᵀ``; the exchangeable estimates are

    t_i = tr(Q_(i)ᵀ A Q_(i)) + ω_iᵀ P_i A P_i ω_i,        t̂ = (1/k) Σ_i t_i.

Each ``t_i`` is a Hutch++ estimate whose sketch ``Ω_{−i}`` is independent of its residual probe
``ω_i``, so ``E[t_i] = tr A`` (unbiased; ``E[ωωᵀ] = I`` suffices, Rademacher included — their
norm is exactly ``√d``, so the paper's sphere normalisation is the identity here).

Cheap downdating (derived here, as in the paper): with ``s_i = R^{−T}e_i / ‖R^{−T}e_i‖``,
``s_iᵀ R e_j = 0`` for ``j ≠ i``, so ``Q_(i)Q_(i)ᵀ = Q(I − s_i s_iᵀ)Qᵀ`` and, with
``H = QᵀAQ`` (``Z = AQ``: ``k`` more products), ``W = QᵀΩ``, ``c_i = s_iᵀW e_i``,

    tr(Q_(i)ᵀAQ_(i)) = tr H − s_iᵀ H s_i,
    P_i ω_i = ω_i − Q(W e_i − s_i c_i) =: u_i,   A u_i = Y e_i − Z(W e_i − s_i c_i),
    ω_iᵀ P_i A P_i ω_i = u_iᵀ (A u_i),

all vectorised over ``i`` (no loop).  Rank-deficient ``Y`` (``σ_min(R) ≤ k·ε·σ_max(R)``, e.g.
``rank A < k``): ``Q`` is the basis of ``range(Y)`` from an SVD and each ``t_i`` uses it — equal
to the leave-one-out basis whenever any ``k−1`` columns of ``Y`` span ``range(Y)`` (almost
surely when ``rank A ≤ k − 1``), where the estimate is exact (tested).

Variance: ``Var t̂ ≤ Var`` of Hutch++ at the same budget (the paper's Theorem / experiments:
the exchangeable average is never worse and typically much better).  Standard error: the
paper's ``std(t_i)/√k`` over the exchangeable per-probe estimates.  The ``t_i`` are *not*
independent (they share the probes), so this is a heuristic error estimate, not an i.i.d.
one; its calibration is tested over seeds.  ``k = 1``: stderr nan.
"""

from __future__ import annotations

import torch

from geomcheck.estimators._common import (
    _apply,
    _check_block,
    _check_finite_products,
    _check_seed,
    _check_symmetric,
    _estimate,
    _f64,
    _mean_stderr,
    _probes,
)
from geomcheck.estimators.result import Estimate
from geomcheck.numeric._checks import check_int
from geomcheck.operators.base import as_operator

__all__ = ["xtrace"]


def xtrace(op: object, *, num_matvecs: int, seed: int = 0, block: int | None = None) -> Estimate:
    """XTrace estimate of ``tr A`` with ``num_matvecs ≥ 2`` products (module docstring).

    ``parts``: ``probes`` ``k``, ``rank_deficient`` (1.0 when the SVD fallback was used).
    """
    A = as_operator(op)
    m = check_int("num_matvecs", num_matvecs, 2, " for xtrace (k = m // 2 probes, 2k products)")
    seed = _check_seed(seed)
    block = _check_block(block)
    k = m // 2
    Om = _probes(A, seed=seed, stream=0, m=k)
    Y = _apply(A, Om, block)
    _check_finite_products("xtrace", Y)
    Om64, Y64 = _f64(Om), _f64(Y)
    Q64, R = torch.linalg.qr(Y64)
    sv = torch.linalg.svdvals(R)
    eps = torch.finfo(torch.float64).eps
    deficient = bool(sv.numel() == 0 or sv[-1] <= k * eps * max(float(sv[0]), 1e-300) * 10)
    if deficient:
        U, sy, _ = torch.linalg.svd(Y64, full_matrices=False)
        r = int((sy > k * eps * 10 * max(float(sy[0]) if sy.numel() else 0.0, 1e-300)).sum())
        Q64 = U[:, :r]
    Q = Q64.to(A.dtype)
    Z = _apply(A, Q, block) if Q.shape[1] else torch.zeros_like(Q)
    _check_finite_products("xtrace", Z)
    _check_symmetric(Om, Z, Q, Y, A.dtype)
    Z64 = _f64(Z)
    H = Q64.T @ Z64
    H = (H + H.T) / 2
    W = Q64.T @ Om64
    if deficient:
        PO = Om64 - Q64 @ W
        APO = Y64 - Z64 @ W
        t = float(torch.trace(H)) + (PO * APO).sum(dim=0)
    else:
        Sm = torch.linalg.inv(R).T  # R^{-T}
        Sm = Sm / torch.linalg.vector_norm(Sm, dim=0, keepdim=True)
        c = (Sm * W).sum(dim=0)  # c_i = s_iᵀ W e_i
        D = W - Sm * c  # columns W e_i − s_i c_i
        U = Om64 - Q64 @ D
        AU = Y64 - Z64 @ D
        sHs = (Sm * (H @ Sm)).sum(dim=0)
        t = torch.trace(H) - sHs + (U * AU).sum(dim=0)
    value, stderr = _mean_stderr(t)
    parts = {"probes": float(k), "rank_deficient": float(deficient)}
    return _estimate(value, stderr, k + Q.shape[1], "xtrace", seed, parts)
