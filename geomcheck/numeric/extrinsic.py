"""Extrinsic curvature of a graph hypersurface (upward normal) in closed form.

Notation: ``p = ∇f``, ``H = ∇²f``, ``β = 1/(1+|p|²)``, ``n = d`` the dimension.
Conventions (:mod:`geomcheck.conventions`): upward unit normal
``N = (−p, 1)/√(1+|p|²)``; second fundamental form ``h_{ij} = ⟨∂_i∂_j X, N⟩ = √β H_{ij}``
(``∂_i∂_j X = (0, H_{ij})``); shape operator ``s = g⁻¹ h``; principal curvatures are the
eigenvalues of ``s`` in ascending order; mean curvature ``tr(s)/n``; Gauss–Kronecker
curvature ``det(s)``.

Derived closed forms:

* ``s = √β (I − β p pᵀ) H``.
* ``s`` is similar to the symmetric ``M = g^{-1/2} h g^{-1/2}`` (``s = g^{-1/2} M g^{1/2}``), so the
  principal curvatures are ``eigvalsh(M)`` with ``g^{-1/2} = I − γ p pᵀ`` (see
  :mod:`geomcheck.numeric.metric`).  Writing ``v = H p`` and ``w = v − (γ/2)(pᵀv) p``:
  ``M = √β [H − γ (p vᵀ + v pᵀ) + γ² (pᵀv) p pᵀ] = √β [H − γ (p wᵀ + w pᵀ)]``, a rank-2
  update of ``H`` (``O(d²)`` to form).
* ``tr s = √β (tr H − β pᵀHp)`` so the mean curvature is that divided by ``n``.
* ``det s = det(g⁻¹) det(h) = β · β^{n/2} det H = β^{(n+2)/2} det H``.

Sources: the second fundamental form, shape operator and principal curvatures of a
hypersurface as in do Carmo, *Differential Geometry of Curves and Surfaces*, ch. 3 (there for
surfaces; the definitions are dimension-free), with the orientation and normalisations of
:mod:`geomcheck.conventions`.

Gradients of the principal curvatures are undefined where two of them coincide (as for any
eigenvalue routine); the other quantities are smooth.
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import check_grad_hess
from geomcheck.numeric.metric import _beta, _inverse_graph_metric, _inverse_sqrt_coefficient

__all__ = [
    "second_fundamental_form",
    "shape_operator",
    "principal_curvatures",
    "mean_curvature",
    "gauss_curvature",
]


def _second_fundamental_form(p: Tensor, h: Tensor) -> Tensor:
    return torch.sqrt(_beta(p))[..., None, None] * h


def _shape_operator(p: Tensor, h: Tensor) -> Tensor:
    return _inverse_graph_metric(p) @ _second_fundamental_form(p, h)


def _principal_curvatures(p: Tensor, h: Tensor) -> Tensor:
    # M = √β [H − γ(p wᵀ + w pᵀ)] with v = Hp, w = v − (γ/2)(pᵀv) p (the rank-2 form of
    # H − γ(p vᵀ + v pᵀ) + γ²(pᵀv) p pᵀ); eigenvalues of M are √β times those of the bracket.
    gamma = _inverse_sqrt_coefficient(p)[..., None]
    v = (h @ p.unsqueeze(-1)).squeeze(-1)
    w = v - 0.5 * gamma * (p * v).sum(dim=-1, keepdim=True) * p
    left = torch.stack([gamma * p, gamma * w], dim=-1)  # (..., d, 2)
    right = torch.stack([w, p], dim=-1)
    m = h - left @ right.transpose(-1, -2)
    return torch.sqrt(_beta(p))[..., None] * torch.linalg.eigvalsh(m)


def _mean_curvature(p: Tensor, h: Tensor) -> Tensor:
    beta = _beta(p)
    php = (p * (h @ p.unsqueeze(-1)).squeeze(-1)).sum(dim=-1)
    tr_h = torch.diagonal(h, dim1=-2, dim2=-1).sum(dim=-1)
    return torch.sqrt(beta) * (tr_h - beta * php) / p.shape[-1]


def _gauss_curvature(p: Tensor, h: Tensor) -> Tensor:
    return _beta(p) ** ((p.shape[-1] + 2) / 2) * torch.linalg.det(h)


def second_fundamental_form(grad: Tensor, hess: Tensor) -> Tensor:
    """Second fundamental form ``h = H / √(1+|∇f|²)`` (upward normal), ``(..., d, d)``."""
    return _second_fundamental_form(*check_grad_hess(grad, hess))


def shape_operator(grad: Tensor, hess: Tensor) -> Tensor:
    """Shape operator ``s = g⁻¹ h`` as ``s[..., i, j] = s^i_j``, ``(..., d, d)``."""
    return _shape_operator(*check_grad_hess(grad, hess))


def principal_curvatures(grad: Tensor, hess: Tensor) -> Tensor:
    """Principal curvatures, ascending: ``eigvalsh(g^{-1/2} h g^{-1/2})``, ``(..., d)``."""
    return _principal_curvatures(*check_grad_hess(grad, hess))


def mean_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Mean curvature ``tr(s)/n = √β (trH − β pᵀHp) / n`` (the average), shape ``(...)``."""
    return _mean_curvature(*check_grad_hess(grad, hess))


def gauss_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Gauss–Kronecker curvature ``det(s) = β^{(n+2)/2} det H``, shape ``(...)``."""
    return _gauss_curvature(*check_grad_hess(grad, hess))
