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
shape, float32/float64, any device, differentiable.  ``g⁻¹`` and ``g^{-1/2}`` are evaluated in
the scaled form of :mod:`geomcheck.numeric.scaling` (``g⁻¹ = (I − ûûᵀ) + w² ûûᵀ``,
``w = 1/√(1+|p|²)``), so they are finite for every finite gradient.
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import (
    InvalidInputError,
    UnrepresentableError,
    check_finite,
    check_tensor,
)
from geomcheck.numeric.scaling import GradParts, grad_parts, scaled_sum

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


def _small(parts: GradParts) -> Tensor:
    """Items with ``c² = β|p|² ≤ ½`` (``|p| ≤ 1``): there ``I − k p pᵀ`` has no cancellation;
    elsewhere the projector form ``(I − ûûᵀ) + (…) ûûᵀ`` keeps the ``β`` part exactly."""
    return (parts.c2 <= 0.5)[..., None, None]


def _graph_metric(p: Tensor) -> Tensor:
    g = _eye_like(p) + _outer(p)
    if not bool(torch.isfinite(g).all()):
        raise UnrepresentableError(
            f"the metric I + grad grad^T is not representable in {p.dtype}: |grad| = "
            f"{float(grad_parts(p).rho.detach().max()):.3g} squared overflows (the curvature kernels "
            "never form it; use inverse_graph_metric or the curvature quantities directly)"
        )
    return g


def _inverse_graph_metric_terms(parts: GradParts) -> list:
    """``g⁻¹ = I − β p pᵀ = [(I − ûûᵀ)] + w² [ûûᵀ]`` as :func:`scaled_sum` terms."""
    eye, uu = _eye_like(parts.unit), _outer(parts.unit)
    small = _small(parts)
    first = torch.where(small, eye - _outer(parts.wp), eye - uu)
    second = torch.where(small, torch.zeros_like(uu), uu)
    return [(first, []), (second, [parts.w, parts.w])]


def _inverse_graph_metric_parts(parts: GradParts) -> Tensor:
    return scaled_sum(_inverse_graph_metric_terms(parts), event_ndim=2, what="inverse metric")


def _inverse_graph_metric(p: Tensor) -> Tensor:
    return _inverse_graph_metric_parts(grad_parts(p))


def _inverse_sqrt_graph_metric(p: Tensor) -> Tensor:
    # g^{-1/2} = I − (1 − w) ûûᵀ; 1 − w = c²/(1 + w) (no cancellation) where c² ≤ ½,
    # and (I − ûûᵀ) + w ûûᵀ elsewhere.  At p = 0: û = e₁, w = 1, so exactly I.
    parts = grad_parts(p)
    eye, uu = _eye_like(p), _outer(parts.unit)
    small = _small(parts)
    first = torch.where(small, eye - _outer(parts.wp) / (1.0 + parts.w)[..., None, None], eye - uu)
    second = torch.where(small, torch.zeros_like(uu), uu)
    return scaled_sum([(first, []), (second, [parts.w])], event_ndim=2,
                      what="inverse square root of the metric")


def graph_metric(grad: Tensor) -> Tensor:
    """Induced metric ``g = I + ∇f ∇fᵀ`` of the graph of ``f`` (shape ``(..., d, d)``).

    Raises :class:`UnrepresentableError` when ``|∇f|²`` overflows the dtype (``|∇f| ≳ 1.3e154``
    in float64, ``≳ 1.8e19`` in float32); no curvature kernel needs ``g`` itself.
    """
    return _graph_metric(_check_grad(grad))


def inverse_graph_metric(grad: Tensor) -> Tensor:
    """Inverse metric ``g⁻¹ = I − β ∇f ∇fᵀ``, ``β = 1/(1+|∇f|²)`` (Sherman–Morrison; no ``inv``).

    Evaluated as ``(I − ûûᵀ) + w² ûûᵀ`` (``û = ∇f/|∇f|``, ``w² = β``) in scaled form (:mod:`geomcheck.numeric.scaling`):
    finite for every finite ``∇f``, normwise accurate to a few ulps.
    """
    return _inverse_graph_metric(_check_grad(grad))


def inverse_sqrt_graph_metric(grad: Tensor) -> Tensor:
    """Symmetric inverse square root ``g^{-1/2} = I − γ ∇f ∇fᵀ``, ``γ = 1/(r(1+r))``, ``r = √(1+|∇f|²)``.

    Evaluated as ``I − (1 − w) ûûᵀ`` with ``w = 1/r`` (scaled form, finite for every finite ``∇f``).
    """
    return _inverse_sqrt_graph_metric(_check_grad(grad))
