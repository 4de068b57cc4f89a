"""Hutch++ (Meyer, Musco, Musco & Woodruff 2021, "Hutch++: Optimal Stochastic Trace
Estimation", SOSA 2021, arXiv:2010.09649).

Formula, for a budget of ``m ≥ 3`` products: ``k = ⌊m/3⌋`` sketch probes ``S`` (Rademacher,
streams ``0 … k−1``), ``Q = orth(A S)`` (Householder QR: orthonormal even if ``AS`` is rank
deficient), ``P = I − QQᵀ``, and ``g = m − 2k`` residual probes ``G`` (streams ``k … k+g−1``):

    t̂ = tr(QᵀAQ) + (1/g) Σ_i t_i,      t_i = g_iᵀ P A P g_i,

using ``k`` products for ``AS``, ``k`` for ``AQ`` and ``g`` for ``A(PG)``.  Since
``tr A = tr(QᵀAQ) + tr(PAP)`` for every orthonormal ``Q`` and the ``g_i`` are independent of
``Q``, ``E[t̂ | S] = tr A``: unbiased, conditionally on the sketch.  Variance (given ``S``):
``Var(t_i)/g`` with ``Var t_i ≤ 2‖PAP‖_F²`` — ``‖PAP‖_F ≤ ‖A − A_k‖_F`` up to the sketch's
approximation factor, hence the ``O(1/m)`` relative error of the paper instead of
Hutchinson's ``O(1/√m)``.  Exact (tested): if ``rank A ≤ k``, ``range(AS) = range(A)`` almost
surely, ``PAP = 0`` and every ``t_i = 0``.

Standard error: **from the residual Hutchinson part only** — the sample standard deviation of
the ``t_i`` over ``√g``.  Conditionally on the sketch, ``tr(QᵀAQ)`` is a constant and the whole
error is the residual mean's error, so this stderr estimates the conditional standard error and
the normal interval is conditionally calibrated (tested over seeds).  ``g = 1``: stderr nan.
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

__all__ = ["hutchpp"]


def hutchpp(op: object, *, num_matvecs: int, seed: int = 0, block: int | None = None) -> Estimate:
    """Hutch++ estimate of ``tr A`` with ``num_matvecs ≥ 3`` products (module docstring).

    ``parts``: ``tr_QAQ`` (the exact trace on the sketch), ``residual_mean`` (Hutchinson on
    ``PAP``), ``sketch_size`` ``k``, ``residual_probes`` ``g``.
    """
    A = as_operator(op)
    m = check_int("num_matvecs", num_matvecs, 3, " for hutch++ (k = m // 3 sketch, k, and m - 2k residual probes)")
    seed = _check_seed(seed)
    block = _check_block(block)
    k = m // 3
    g = m - 2 * k
    S = _probes(A, seed=seed, stream=0, m=k)
    Y = _apply(A, S, block)
    _check_finite_products("hutch++", Y)
    Q64, _ = torch.linalg.qr(_f64(Y))
    Q = Q64.to(A.dtype)
    Z = _apply(A, Q, block)
    _check_finite_products("hutch++", Z)
    _check_symmetric(Q, Z, Q, Z, A.dtype)
    Z64 = _f64(Z)
    tr_qaq = float((Q64 * Z64).sum())
    G64 = _f64(_probes(A, seed=seed, stream=k, m=g))
    PG = G64 - Q64 @ (Q64.T @ G64)
    APG = _f64(_apply(A, PG.to(A.dtype), block))
    _check_finite_products("hutch++", APG)
    t = (PG * APG).sum(dim=0)  # g_iᵀ P A P g_i = (P g_i)ᵀ A (P g_i)
    res_mean, stderr = _mean_stderr(t)
    parts = {"tr_QAQ": tr_qaq, "residual_mean": res_mean, "sketch_size": float(k),
             "residual_probes": float(g)}
    return _estimate(tr_qaq + res_mean, stderr, m, "hutch++", seed, parts)
