"""Induced metric of a graph hypersurface and its inverse and inverse square root.

For ``f: Rⁿ → R`` with gradient ``p = ∇f`` the graph ``X(x) = (x, f(x))`` has the induced
metric ``g = I + p pᵀ`` (``geomcheck.conventions``).  With ``q = |p|²`` and
``β = 1 / (1 + q)`` the Sherman–Morrison formula gives ``g⁻¹ = I − β p pᵀ``.

``g`` has eigenvalue ``1 + q`` along ``p`` and ``1`` on ``p^⊥``, so
``g^{-1/2} = I − γ p pᵀ`` with ``γ = (1 − 1/√(1+q)) / q``.  Rationalising,
``γ = 1 / (r (1 + r))`` with ``r = √(1+q)``, which is finite (``= 1/2``) at ``p = 0`` and free
of cancellation.  (Derived here; verified against ``torch.linalg`` in the tests.)

Sources: the metric and normal of a graph are the conventions of :mod:`geomcheck.conventions`;
the inverse is the Sherman–Morrison formula (Golub & Van Loan, *Matrix Computations*, on
rank-one updates); the inverse square root follows from the spectral decomposition above.

All functions take ``grad`` of shape ``(..., d)`` and return ``(..., d, d)``; any leading batch
shape, float32/float64, any device, differentiable.
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_finite, check_tensor

__all__ = ["graph_metric", "inverse_graph_metric", "inverse_sqrt_graph_metric"]


def _check_grad(grad: object) -> Tensor:
    grad = check_tensor("grad", grad)
    if grad.ndim < 1 or grad.shape[-1] < 1:
        raise InvalidInputError(
            f"grad must have shape (..., d) with d >= 1, got shape {tuple(grad.shape)}"
        )
    check_finite("grad", grad, event_ndim=1)
    return grad


def _eye_like(p: Tensor) -> Tensor:
    return torch.eye(p.shape[-1], dtype=p.dtype, device=p.device)


def _outer(p: Tensor) -> Tensor:
    return p.unsqueeze(-1) * p.unsqueeze(-2)


def _beta(p: Tensor) -> Tensor:
    """``β = 1 / (1 + |p|²)`` with shape ``(...)``."""
    return 1.0 / (1.0 + (p * p).sum(dim=-1))


def _graph_metric(p: Tensor) -> Tensor:
    return _eye_like(p) + _outer(p)


def _inverse_graph_metric(p: Tensor) -> Tensor:
    return _eye_like(p) - _beta(p)[..., None, None] * _outer(p)


def _inverse_sqrt_coefficient(p: Tensor) -> Tensor:
    """``γ = 1 / (r (1 + r))``, ``r = √(1 + |p|²)``, so that ``g^{-1/2} = I − γ p pᵀ``."""
    r = torch.sqrt(1.0 + (p * p).sum(dim=-1))
    return 1.0 / (r * (1.0 + r))


def _inverse_sqrt_graph_metric(p: Tensor) -> Tensor:
    return _eye_like(p) - _inverse_sqrt_coefficient(p)[..., None, None] * _outer(p)


def graph_metric(grad: Tensor) -> Tensor:
    """Induced metric ``g = I + ∇f ∇fᵀ`` of the graph of ``f`` (shape ``(..., d, d)``)."""
    return _graph_metric(_check_grad(grad))


def inverse_graph_metric(grad: Tensor) -> Tensor:
    """Inverse metric ``g⁻¹ = I − β ∇f ∇fᵀ``, ``β = 1/(1+|∇f|²)`` (Sherman–Morrison; no ``inv``)."""
    return _inverse_graph_metric(_check_grad(grad))


def inverse_sqrt_graph_metric(grad: Tensor) -> Tensor:
    """Symmetric inverse square root ``g^{-1/2} = I − γ ∇f ∇fᵀ``, ``γ = 1/(r(1+r))``, ``r = √(1+|∇f|²)``."""
    return _inverse_sqrt_graph_metric(_check_grad(grad))
