"""Hutchinson's trace estimator with Rademacher probes.

Formula (Hutchinson 1989, "A stochastic estimator of the trace of the influence matrix for
Laplacian smoothing splines"; Girard 1989): for independent probes ``z_1 … z_m`` with
``E[z zᵀ] = I``,

    t̂ = (1/m) Σ_i t_i,      t_i = z_iᵀ A z_i,      E[t_i] = tr(A zzᵀ) = tr A   (unbiased).

Probes are Rademacher vectors (:func:`geomcheck.operators.probes.rademacher`, column ``i`` =
stream ``i`` of ``seed``; bit-identical on every device).  For symmetric ``A`` and Rademacher
probes, ``Var t_i = 2 (‖A‖_F² − Σ_k A_kk²)`` (Gaussian probes: ``2‖A‖_F²``), so
``Var t̂ = Var t_i / m``.  Consequence (tested): a diagonal ``A`` gives ``t_i = Σ_k A_kk z_k² =
tr A`` for every probe — the estimate is exact and its sample variance is 0.

Standard error: the sample standard deviation of the ``t_i`` (``ddof = 1``) over ``√m`` — the
textbook estimate of ``√Var t̂`` for an i.i.d. mean; the 95 % interval is the normal one
``t̂ ± 1.96·stderr`` (the ``t_i`` are i.i.d., so the CLT applies; calibration tested).  One probe:
stderr ``nan`` (no sample variance), never 0.

Products: the probes are multiplied in blocks through ``op.matmat`` (one batched product per
block; ``block=None``: all ``m`` at once).  Symmetry: the ``m × m`` matrix ``M = Zᵀ(AZ)`` must be
symmetric for a symmetric ``A``; it is checked for free (``InvalidInputError`` otherwise).
"""

from __future__ import annotations

import math

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

__all__ = ["hutchinson"]


def hutchinson(op: object, *, num_matvecs: int, seed: int = 0, block: int | None = None) -> Estimate:
    """Hutchinson's estimate of ``tr A`` from ``num_matvecs`` Rademacher probes (module docstring).

    ``parts``: ``mean`` (the estimate), ``sample_std`` (of the ``t_i``; nan for one probe).
    """
    A = as_operator(op)
    m = check_int("num_matvecs", num_matvecs, 1, " for hutchinson")
    seed = _check_seed(seed)
    block = _check_block(block)
    Z = _probes(A, seed=seed, stream=0, m=m)
    Y = _apply(A, Z, block)
    _check_finite_products("hutchinson", Y)
    if m >= 2:
        _check_symmetric(Z, Y, Z, Y, A.dtype)
    t = (_f64(Z) * _f64(Y)).sum(dim=0)
    value, stderr = _mean_stderr(t)
    parts = {"sample_std": float(t.std(unbiased=True)) if m >= 2 else math.nan}
    return _estimate(value, stderr, m, "hutchinson", seed, parts)
