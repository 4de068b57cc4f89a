"""Riemannian (covariant) Hessian of a function.

``(∇²φ)_{ij} = ∂_i ∂_j φ − Γ^k_{ij} ∂_k φ`` for any metric, with ``Γ[..., k, i, j] = Γ^k_{ij}``
(:mod:`geomcheck.conventions`).  Unlike the coordinate Hessian it is a (0,2)-tensor: under
``x = ψ(y)`` it transforms as ``Jᵀ (∇²φ) J`` with ``J = ∂x/∂y``.

For ``φ = f`` on the graph of ``f`` itself (``Γ^k_{ij} = β p_k H_{ij}``) this reduces to
``(1 − β|p|²) H = β H``.
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_grad_hess, check_tensor

__all__ = ["riemannian_hessian"]


def riemannian_hessian(grad: Tensor, hess: Tensor, christoffel: Tensor) -> Tensor:
    """``∂_i∂_jφ − Γ^k_{ij} ∂_kφ`` from ``grad (..., d)``, ``hess (..., d, d)``, ``Γ (..., d, d, d)``."""
    grad, hess = check_grad_hess(grad, hess)
    christoffel = check_tensor("christoffel", christoffel)
    d = grad.shape[-1]
    if christoffel.shape != (*grad.shape[:-1], d, d, d):
        raise InvalidInputError(
            f"christoffel must have shape {(*grad.shape[:-1], d, d, d)}, got {tuple(christoffel.shape)}"
        )
    if christoffel.dtype != grad.dtype:
        raise InvalidInputError(f"christoffel has dtype {christoffel.dtype}, grad has {grad.dtype}")
    return hess - torch.einsum("...kij,...k->...ij", christoffel, grad)
