"""Intrinsic curvature of a graph hypersurface in closed form.

Notation: ``p = ∇f``, ``H = ∇²f`` (symmetric), ``β = 1/(1+|p|²)``, ``g⁻¹ = I − β p pᵀ``.
Index conventions are those of :mod:`geomcheck.conventions`:
``Γ[..., i, k, l] = Γ^i_{kl}``, ``R[..., i, j, k, m] = R^i_{jkm}``, ``Ric_{jm} = R^i_{jim}``,
``S = g^{jm} Ric_{jm}`` (unit 2-sphere ``S = +2``).

Closed forms (derived from the conventions; each is proven exactly by the symbolic engine and
checked here against the autodiff oracle :mod:`geomcheck.numeric.oracle`):

* ``∂_k g_{jl} = H_{jk} p_l + p_j H_{lk}`` so the Koszul formula gives the lowered symbols
  ``Γ_{j,kl} = p_j H_{kl}`` and ``Γ^i_{kl} = (g⁻¹p)_i H_{kl} = β p_i H_{kl}``.
* Gauss equation with ``h = √β H``: ``R_{ijkm} = g_{ir} R^r_{jkm} = h_{ik} h_{jm} − h_{im} h_{jk}
  = β (H_{ik} H_{jm} − H_{im} H_{jk})`` and ``R^i_{jkm} = g^{ir} R_{rjkm}``.
* ``Ric = β [tr(g⁻¹H) H − H g⁻¹ H]``.
* ``S = β [tr(g⁻¹H)² − tr((g⁻¹H)²)]
  = β [(tr H)² − tr(H²)] − 2β² [tr H · pᵀHp − pᵀH²p]`` (expand ``g⁻¹H = H − β p pᵀH``),
  which costs ``O(d²)`` per point.

Sources: Koszul formula and the Riemann tensor as defined in :mod:`geomcheck.conventions`;
the Gauss equation for hypersurfaces of Euclidean space (do Carmo, *Riemannian Geometry*,
ch. 6, "Isometric immersions"), with ``⟨R(X,Y)Z,W⟩ = h(Y,Z)h(X,W) − h(X,Z)h(Y,W)`` in the
sign convention above (which gives the unit sphere ``+1`` sectional curvature).

Every public function takes ``grad (..., d)`` and ``hess (..., d, d)``, validates them (see
:func:`geomcheck.numeric._checks.check_grad_hess`) and is differentiable.
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import check_grad_hess
from geomcheck.numeric.metric import _beta, _inverse_graph_metric

__all__ = ["christoffel", "riemann", "lowered_riemann", "ricci", "scalar_curvature"]


def _christoffel(p: Tensor, h: Tensor) -> Tensor:
    return _beta(p)[..., None, None, None] * p[..., :, None, None] * h[..., None, :, :]


def _lowered_riemann(p: Tensor, h: Tensor) -> Tensor:
    hh = torch.einsum("...ik,...jm->...ijkm", h, h)
    return _beta(p)[..., None, None, None, None] * (hh - hh.transpose(-1, -2))


def _riemann(p: Tensor, h: Tensor) -> Tensor:
    a = _inverse_graph_metric(p) @ h  # a = g⁻¹H, a_{ik} = g^{ir} H_{rk}
    ah = torch.einsum("...ik,...jm->...ijkm", a, h)
    return _beta(p)[..., None, None, None, None] * (ah - ah.transpose(-1, -2))


def _ricci(p: Tensor, h: Tensor) -> Tensor:
    a = _inverse_graph_metric(p) @ h
    tr_a = torch.diagonal(a, dim1=-2, dim2=-1).sum(dim=-1)
    return _beta(p)[..., None, None] * (tr_a[..., None, None] * h - h @ a)


def _scalar_curvature(p: Tensor, h: Tensor) -> Tensor:
    beta = _beta(p)
    hp = (h @ p.unsqueeze(-1)).squeeze(-1)  # H p
    tr_h = torch.diagonal(h, dim1=-2, dim2=-1).sum(dim=-1)
    tr_h2 = torch.einsum("...ij,...ij->...", h, h)  # tr(H²) = Σ H_ij² for symmetric H
    php = (p * hp).sum(dim=-1)  # pᵀHp
    ph2p = (hp * hp).sum(dim=-1)  # pᵀH²p = |Hp|²
    return beta * (tr_h * tr_h - tr_h2) - 2.0 * beta * beta * (tr_h * php - ph2p)


def christoffel(grad: Tensor, hess: Tensor) -> Tensor:
    """Christoffel symbols ``Γ^i_{kl} = β p_i H_{kl}`` as ``(..., d, d, d)`` (upper index first)."""
    return _christoffel(*check_grad_hess(grad, hess))


def riemann(grad: Tensor, hess: Tensor) -> Tensor:
    """Riemann tensor ``R^i_{jkm} = β [(g⁻¹H)_{ik} H_{jm} − (g⁻¹H)_{im} H_{jk}]``, ``(..., d, d, d, d)``.

    Memory is ``d⁴`` per point.
    """
    return _riemann(*check_grad_hess(grad, hess))


def lowered_riemann(grad: Tensor, hess: Tensor) -> Tensor:
    """All-lower Riemann tensor ``R_{ijkm} = β (H_{ik} H_{jm} − H_{im} H_{jk})`` (Gauss equation)."""
    return _lowered_riemann(*check_grad_hess(grad, hess))


def ricci(grad: Tensor, hess: Tensor) -> Tensor:
    """Ricci tensor ``Ric_{jm} = R^i_{jim} = β [tr(g⁻¹H) H − H g⁻¹ H]_{jm}``, ``(..., d, d)``."""
    return _ricci(*check_grad_hess(grad, hess))


def scalar_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Scalar curvature ``S = β[(trH)² − tr H²] − 2β²[trH·pᵀHp − pᵀH²p]``, shape ``(...)``."""
    return _scalar_curvature(*check_grad_hess(grad, hess))
