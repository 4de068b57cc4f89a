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

Scaled evaluation (derived here; :mod:`geomcheck.numeric.scaling`): with ``ρ = |p|``,
``û = p/ρ``, ``w = 1/√(1+ρ²)`` (so ``β = w²``), ``Ĥ = H/s`` and ``y = Ĥû``,
``g⁻¹Ĥ = (Ĥ − û yᵀ) + w² û yᵀ``, so every ``β`` is carried as a factor ``w·w`` whose binary
exponent is added as an integer, and nothing overflows or underflows unless the answer does.
For ``S``, let ``Q`` be the Householder reflection with ``Qû = ±e₁`` and ``B = QĤQ``
(``a = B₀₀``, ``v_⊥ = B_{1:,0}``, ``H_⊥ = B_{1:,1:}``).  In that frame ``g^{-1/2} = diag(w, 1, …)``
and ``M = w g^{-1/2}Hg^{-1/2}`` (whose eigenvalues are the principal curvatures) is
``w s [[w² a, w v_⊥ᵀ], [w v_⊥, H_⊥]]``; ``S = 2σ₂(M)`` expands by principal minors to
``S = w² s² [2σ₂(H_⊥) + 2w² (a·tr H_⊥ − |v_⊥|²)]`` with ``2σ₂(X) = (tr X)² − ‖X‖²_F``.
Unlike the expanded formula above (whose two terms cancel to relative size ``β`` when
``|p|`` is large: for ``d = 2``, ``S = 2β² det H``), nothing cancels beyond what the
conditioning of ``S`` in ``H`` forces; for ``d = 2`` the first term is exactly zero.

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
from geomcheck.numeric.limits import check_dense_size
from geomcheck.numeric.metric import _small
from geomcheck.numeric.scaling import (
    GradParts,
    grad_parts,
    hess_scale,
    householder_frame,
    reflect,
    scaled_sum,
)

__all__ = ["christoffel", "riemann", "lowered_riemann", "ricci", "scalar_curvature"]


def _g_inv_h_terms(parts: GradParts, hs: Tensor) -> tuple[Tensor, Tensor]:
    """``(P, Q)`` with ``g⁻¹Ĥ = P + w² Q``: ``P = Ĥ − (wp)(Ĥ wp)ᵀ, Q = 0`` where ``c² ≤ ½``,
    else ``P = Ĥ − û yᵀ`` (``= P_⊥Ĥ``) and ``Q = û yᵀ`` with ``y = Ĥû``."""
    small = _small(parts)
    u, wp = parts.unit, parts.wp
    y = (hs @ u.unsqueeze(-1)).squeeze(-1)
    hwp = (hs @ wp.unsqueeze(-1)).squeeze(-1)
    uy = u.unsqueeze(-1) * y.unsqueeze(-2)
    first = torch.where(small, hs - wp.unsqueeze(-1) * hwp.unsqueeze(-2), hs - uy)
    second = torch.where(small, torch.zeros_like(uy), uy)
    return first, second


def _christoffel(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    unit = parts.wp[..., :, None, None] * hs[..., None, :, :]  # (w p_i) Ĥ_kl
    return scaled_sum([(unit, [parts.w, s])], event_ndim=3, what="Christoffel symbols")


def _antisym_outer(a: Tensor, b: Tensor) -> Tensor:
    ab = torch.einsum("...ik,...jm->...ijkm", a, b)
    return ab - ab.transpose(-1, -2)


def _lowered_riemann(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    w = parts.w
    return scaled_sum([(_antisym_outer(hs, hs), [w, w, s, s])], event_ndim=4,
                      what="lowered Riemann tensor")


def _riemann(p: Tensor, h: Tensor) -> Tensor:
    # R = w² s² [A ⊗ Ĥ − (A ⊗ Ĥ)ᵀ] with A = g⁻¹Ĥ = P + w² Q formed as a d×d matrix first (one
    # d⁴ array instead of two).  Where w² underflows, P = P_⊥Ĥ carries all of A that survives
    # in R: if P = 0 then Ĥ = a ûûᵀ and A ⊗ Ĥ antisymmetrised is 0 anyway.
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    first, second = _g_inv_h_terms(parts, hs)
    w = parts.w
    a = first + (w * w)[..., None, None] * second
    return scaled_sum([(_antisym_outer(a, hs), [w, w, s, s])], event_ndim=4, what="Riemann tensor")


def _trace(a: Tensor) -> Tensor:
    return torch.diagonal(a, dim1=-2, dim2=-1).sum(dim=-1)


def _ricci(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    first, second = _g_inv_h_terms(parts, hs)
    w = parts.w
    r1 = _trace(first)[..., None, None] * hs - hs @ first
    r2 = _trace(second)[..., None, None] * hs - hs @ second
    return scaled_sum([(r1, [w, w, s, s]), (r2, [w, w, w, w, s, s])], event_ndim=2,
                      what="Ricci tensor")


def _scalar_curvature_from_frame(parts: GradParts, s: Tensor, b: Tensor) -> Tensor:
    """``S = w² s² [2σ₂(H_⊥) + 2w² (a·tr H_⊥ − |v_⊥|²)]`` from ``B = QĤQ`` (see the module docstring)."""
    a = b[..., 0, 0]
    v_perp = b[..., 1:, 0]
    h_perp = b[..., 1:, 1:]
    t = _trace(h_perp)
    sigma = t * t - (h_perp * h_perp).sum(dim=(-2, -1))
    tau = 2.0 * (a * t - (v_perp * v_perp).sum(dim=-1))
    w = parts.w
    return scaled_sum([(sigma, [w, w, s, s]), (tau, [w, w, w, w, s, s])], event_ndim=0,
                      what="scalar curvature")


def _scalar_curvature(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    v, tau = householder_frame(parts.unit)
    return _scalar_curvature_from_frame(parts, s, reflect(hs, v, tau))


def christoffel(grad: Tensor, hess: Tensor, *, allow_large: bool = False) -> Tensor:
    """Christoffel symbols ``Γ^i_{kl} = β p_i H_{kl}`` as ``(..., d, d, d)`` (upper index first)."""
    grad, hess = check_grad_hess(grad, hess)
    check_dense_size("christoffel", grad, 3, allow_large=allow_large)
    return _christoffel(grad, hess)


def riemann(grad: Tensor, hess: Tensor, *, allow_large: bool = False) -> Tensor:
    """Riemann tensor ``R^i_{jkm} = β [(g⁻¹H)_{ik} H_{jm} − (g⁻¹H)_{im} H_{jk}]``, ``(..., d, d, d, d)``.

    Memory is ``d⁴`` per point: refused beyond
    :data:`~geomcheck.numeric.limits.DENSE_TENSOR_LIMIT_BYTES` unless ``allow_large=True``
    (:class:`~geomcheck.numeric.SizeLimitError` says what to use instead).
    """
    grad, hess = check_grad_hess(grad, hess)
    check_dense_size("riemann", grad, 4, allow_large=allow_large)
    return _riemann(grad, hess)


def lowered_riemann(grad: Tensor, hess: Tensor, *, allow_large: bool = False) -> Tensor:
    """All-lower Riemann tensor ``R_{ijkm} = β (H_{ik} H_{jm} − H_{im} H_{jk})`` (Gauss equation)."""
    grad, hess = check_grad_hess(grad, hess)
    check_dense_size("lowered_riemann", grad, 4, allow_large=allow_large)
    return _lowered_riemann(grad, hess)


def ricci(grad: Tensor, hess: Tensor, *, allow_large: bool = False) -> Tensor:
    """Ricci tensor ``Ric_{jm} = R^i_{jim} = β [tr(g⁻¹H) H − H g⁻¹ H]_{jm}``, ``(..., d, d)``."""
    grad, hess = check_grad_hess(grad, hess)
    check_dense_size("ricci", grad, 2, extra_d=1, allow_large=allow_large)
    return _ricci(grad, hess)


def scalar_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Scalar curvature ``S = β[(trH)² − tr H²] − 2β²[trH·pᵀHp − pᵀH²p]``, shape ``(...)``.

    Evaluated in the gradient-adapted frame (module docstring), finite and accurate for every
    finite input whose ``S`` is a normal number; :class:`UnrepresentableError` otherwise.
    """
    return _scalar_curvature(*check_grad_hess(grad, hess))
