"""Argument checks shared by the eigensolvers (one message for one mistake everywhere)."""

from __future__ import annotations

import math

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import Operator


def check_tol(tol: object, dtype: torch.dtype) -> float:
    """``tol`` must be finite, in ``(0, 1)`` and at least ``10 ε`` of the operator's dtype.

    Residuals of products computed in a dtype bottom out near ``ε ‖A‖``, so a relative tolerance
    below ``10 ε`` cannot be met; it is refused up front instead of spending ``max_iter``
    products to report non-convergence.
    """
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not math.isfinite(tol) or not 0 < tol < 1:
        raise InvalidInputError(f"tol must be a finite number in (0, 1), got {tol!r}")
    eps = torch.finfo(dtype).eps
    if tol < 10 * eps:
        raise InvalidInputError(
            f"tol={tol:g} cannot be reached in {dtype}: residuals of products in this dtype "
            f"bottom out near eps*|A| = {eps:.2g}*|A|; use tol >= {10 * eps:.2g}"
            + (" or a float64 operator" if dtype == torch.float32 else "")
        )
    return float(tol)


def check_v0(op: Operator, v0: object) -> Tensor:
    """A user's start vector: shape ``(d,)``, finite, non-zero; returned on the operator's
    device and dtype (a copy)."""
    if not isinstance(v0, Tensor) or tuple(v0.shape) != (op.size,):
        shape = tuple(v0.shape) if isinstance(v0, Tensor) else type(v0).__name__
        raise InvalidInputError(f"v0 must be a tensor of shape ({op.size},), got {shape}")
    if not bool(torch.isfinite(v0).all()) or float(v0.abs().max()) == 0.0:
        raise InvalidInputError("v0 must be finite and non-zero")
    return v0.detach().to(device=op.device, dtype=op.dtype).clone()
