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

This module also holds the helpers shared by the other estimators (budget checks, probes,
blocked products, the symmetry check).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from geomcheck.estimators.result import Estimate, normal_interval
from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import Operator, as_operator
from geomcheck.operators.probes import rademacher

__all__ = ["hutchinson"]


# ---------------------------------------------------------------------------- shared helpers
def _check_int(name: str, value: object, minimum: int, why: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise InvalidInputError(f"{name} = {value} is too small: at least {minimum} needed{why}")
    return value


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInputError(f"seed must be an int, got {type(seed).__name__}")
    return seed


def _check_block(block: object) -> int | None:
    if block is None:
        return None
    return _check_int("block", block, 1)


def _operator(op: object) -> Operator:
    return as_operator(op)


def _probes(op: Operator, *, seed: int, stream: int, m: int) -> Tensor:
    """``(d, m)`` Rademacher block, column ``j`` = stream ``stream + j``."""
    return rademacher(op.size, seed=seed, stream=stream, dtype=op.dtype, device=op.device, columns=m)


def _apply(op: Operator, V: Tensor, block: int | None) -> Tensor:
    """``A V`` through ``op.matmat`` in blocks of ``block`` columns (all at once for None)."""
    m = V.shape[1]
    if block is None or block >= m:
        return op.matmat(V)
    return torch.cat([op.matmat(V[:, j:j + block].contiguous()) for j in range(0, m, block)], dim=1)


def _f64(x: Tensor) -> Tensor:
    return x.detach().to(torch.float64)


def _check_finite_products(name: str, Y: Tensor) -> None:
    if not bool(torch.isfinite(Y.sum())) and not bool(torch.isfinite(Y).all()):
        raise InvalidInputError(f"{name}: the operator returned non-finite products (NaN or Inf)")


def _sym_tol(dtype: torch.dtype) -> float:
    return math.sqrt(torch.finfo(dtype).eps)


def _check_symmetric(U: Tensor, AV: Tensor, V: Tensor, AU: Tensor, dtype: torch.dtype) -> None:
    """Raise unless ``Uᵀ(AV) = (AU)ᵀV`` up to rounding (holds for every symmetric ``A``).

    Entries are compared with the Cauchy–Schwarz scale ``max‖u‖·max‖Av‖ + max‖Au‖·max‖v‖``
    times ``√ε`` of the operator's dtype (the tolerance of :class:`DenseOperator`).
    """
    M1 = _f64(U).T @ _f64(AV)
    M2 = _f64(AU).T @ _f64(V)
    asym = float((M1 - M2).abs().max()) if M1.numel() else 0.0
    def cn(X: Tensor) -> float:
        return float(torch.linalg.vector_norm(_f64(X), dim=0).max()) if X.numel() else 0.0
    scale = cn(U) * cn(AV) + cn(AU) * cn(V)
    if asym > _sym_tol(dtype) * max(scale, 1e-300):
        raise InvalidInputError(
            f"the operator is not symmetric: |u_iᵀ(A v_j) − (A u_i)ᵀ v_j| = {asym:.3g} exceeds "
            f"{_sym_tol(dtype):.3g} × {scale:.3g} (trace estimators need a symmetric operator)"
        )


def _mean_stderr(samples: Tensor) -> tuple[float, float]:
    """Mean and sample-std/√m of i.i.d. samples; stderr nan for one sample."""
    m = samples.numel()
    mean = float(samples.mean())
    if m < 2:
        return mean, math.nan
    return mean, float(samples.std(unbiased=True)) / math.sqrt(m)


def _estimate(value: float, stderr: float, num_matvecs: int, method: str, seed: int,
              parts: dict[str, float]) -> Estimate:
    if not math.isfinite(value):
        raise InvalidInputError(f"{method}: the estimate is not finite ({value}); check the operator")
    interval = normal_interval(value, stderr) if math.isfinite(stderr) else (math.nan, math.nan)
    return Estimate(value=float(value), stderr=float(stderr), interval=interval, num_matvecs=num_matvecs,
                    method=method, seed=seed, parts=parts)


# ---------------------------------------------------------------------------- estimator
def hutchinson(op: object, *, num_matvecs: int, seed: int = 0, block: int | None = None) -> Estimate:
    """Hutchinson's estimate of ``tr A`` from ``num_matvecs`` Rademacher probes (module docstring).

    ``parts``: ``mean`` (the estimate), ``sample_std`` (of the ``t_i``; nan for one probe).
    """
    A = _operator(op)
    m = _check_int("num_matvecs", num_matvecs, 1, " for hutchinson")
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
