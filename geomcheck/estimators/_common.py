"""Helpers shared by the stochastic estimators: argument checks, Rademacher probe blocks,
blocked products through ``matmat``, the free symmetry check, and the ``Estimate`` assembly."""

from __future__ import annotations

import math

import torch
from torch import Tensor

from geomcheck.estimators.result import Estimate, normal_interval
from geomcheck.numeric._checks import InvalidInputError, check_int
from geomcheck.operators.base import Operator
from geomcheck.operators.probes import rademacher


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInputError(f"seed must be an int, got {type(seed).__name__}")
    return seed


def _check_block(block: object) -> int | None:
    if block is None:
        return None
    return check_int("block", block, 1)


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
