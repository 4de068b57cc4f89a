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

Scaled evaluation (derived here; see :mod:`geomcheck.numeric.scaling` and
:mod:`geomcheck.numeric.intrinsic`): ``w = √β``, ``Ĥ = H/s``; in the frame of the Householder
reflection ``Q`` with ``Qû = ±e₁`` and ``B = QĤQ``, ``M = w s [[w² a, w v_⊥ᵀ], [w v_⊥, H_⊥]]``
(``a = B₀₀``, ``v_⊥ = B_{1:,0}``, ``H_⊥ = B_{1:,1:}``); ``tr s = w s [(tr Ĥ − a) + w² a]``;
``det s = ±w^{n+2} s^n ∏ U_ii`` from the LU factors of ``Ĥ``, multiplied with summed binary
exponents.  Every finite input whose answer is a normal number gets it; otherwise
:class:`~geomcheck.numeric.UnrepresentableError`.

Sources: the second fundamental form, shape operator and principal curvatures of a
hypersurface as in do Carmo, *Differential Geometry of Curves and Surfaces*, ch. 3 (there for
surfaces; the definitions are dimension-free), with the orientation and normalisations of
:mod:`geomcheck.conventions`.

Gradients of the principal curvatures are undefined where two of them coincide (as for any
eigenvalue routine); the other quantities are smooth.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from geomcheck.numeric._checks import check_grad_hess
from geomcheck.numeric.intrinsic import _g_inv_h_terms, _trace
from geomcheck.numeric.scaling import (
    GradParts,
    grad_parts,
    hess_scale,
    householder_frame,
    item_max,
    ldexp,
    product,
    reflect,
    scaled_sum,
    split,
)

__all__ = [
    "second_fundamental_form",
    "shape_operator",
    "principal_curvatures",
    "mean_curvature",
    "gauss_curvature",
    "log_abs_gauss_curvature",
]


def _second_fundamental_form(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    return scaled_sum([(hs, [parts.w, s])], event_ndim=2, what="second fundamental form")


def _shape_operator(p: Tensor, h: Tensor) -> Tensor:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    first, second = _g_inv_h_terms(parts, hs)
    w = parts.w
    return scaled_sum([(first, [w, s]), (second, [w, w, w, s])], event_ndim=2,
                      what="shape operator")


def _principal_curvatures_from_frame(parts: GradParts, s: Tensor, b: Tensor) -> Tensor:
    # In the frame of Q (Qû = ±e₁): M = w s [[w² a, w v_⊥ᵀ], [w v_⊥, H_⊥]].  The three blocks are
    # brought to a common binary exponent (the largest non-zero one) before eigvalsh, so that
    # w² a is kept even where w² alone underflows (d = 1, or H concentrated along û).
    w = parts.w
    mw, ew = split(w)
    a = b[..., 0, 0]
    v_perp = b[..., 1:, 0]
    h_perp = b[..., 1:, 1:]
    ma, ea = split(a)
    block00 = mw * mw * ma  # · 2^(2ew + ea)
    e00 = 2 * ew + ea
    e01 = ew.clone()  # w v_⊥ = mw v_⊥ · 2^ew
    floor = torch.iinfo(torch.int64).min
    e00 = torch.where(block00 != 0, e00, torch.full_like(e00, floor))
    none = torch.full_like(e01, floor)
    if v_perp.shape[-1]:  # d >= 2
        e01 = torch.where(item_max(v_perp, 1) > 0, e01, none)
        e11 = torch.where(item_max(h_perp, 2) > 0, torch.zeros_like(e01), none)
    else:
        e01, e11 = none, none
    top = torch.stack([e00, e01, e11]).amax(0)
    top = torch.where(top == floor, torch.zeros_like(top), top)
    lo = -2200  # 2^-2200 below the largest block: zero in any dtype
    m = torch.empty_like(b)
    m[..., 0, 0] = ldexp(block00, (2 * ew + ea - top).clamp(min=lo))
    off = ldexp(mw[..., None] * v_perp, (ew - top).clamp(min=lo)[..., None])
    m[..., 1:, 0] = off
    m[..., 0, 1:] = off
    m[..., 1:, 1:] = ldexp(h_perp, (-top).clamp(min=lo)[..., None, None])
    eig = torch.linalg.eigvalsh(m)
    return scaled_sum([(eig, [w, s])], event_ndim=1, what="principal curvatures", exponent=top)


def _frame(p: Tensor, h: Tensor) -> tuple[GradParts, Tensor, Tensor]:
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    v, tau = householder_frame(parts.unit)
    return parts, s, reflect(hs, v, tau)


def _principal_curvatures(p: Tensor, h: Tensor) -> Tensor:
    return _principal_curvatures_from_frame(*_frame(p, h))


def _mean_curvature(p: Tensor, h: Tensor) -> Tensor:
    # n H = tr(g⁻¹h) = w s [tr(Ĥ) − c² a] = w s [(tr Ĥ − a) + w² a]  (a = ûᵀĤû; for c² ≤ ½ the
    # unsplit tr Ĥ − c² a has no cancellation)
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    first, second = _g_inv_h_terms(parts, hs)
    w, n = parts.w, p.shape[-1]
    return scaled_sum([(_trace(first) / n, [w, s]), (_trace(second) / n, [w, w, w, s])],
                      event_ndim=0, what="mean curvature")


def _gauss_factors(p: Tensor, h: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    """``det s = sign · mantissa · 2^exponent`` (see :func:`_gauss_curvature`)."""
    parts = grad_parts(p)
    s, hs = hess_scale(h)
    n = p.shape[-1]
    lu, pivots, _ = torch.linalg.lu_factor_ex(hs)  # a singular Ĥ is fine: det = 0 exactly
    diag = torch.diagonal(lu, dim1=-2, dim2=-1)
    swaps = (pivots != torch.arange(1, n + 1, device=pivots.device, dtype=pivots.dtype)).sum(dim=-1)
    sign = 1.0 - 2.0 * (swaps % 2).to(p.dtype)
    factors = torch.cat(
        [diag, s[..., None].expand(*s.shape, n), parts.w[..., None].expand(*s.shape, n + 2)], dim=-1
    )
    mantissa, exponent = product(factors)
    return sign, mantissa, exponent


def _gauss_curvature(p: Tensor, h: Tensor) -> Tensor:
    # det s = w^(n+2) det H = w^(n+2) s^n det Ĥ, det Ĥ = ±∏ U_ii (LU with partial pivoting); the
    # 2n + 2 factors are multiplied as mantissas with summed binary exponents, never as a float.
    sign, mantissa, exponent = _gauss_factors(p, h)
    return scaled_sum([(sign * mantissa, [])], event_ndim=0, what="Gauss-Kronecker curvature",
                      exponent=exponent)


def _log_abs_gauss_curvature(p: Tensor, h: Tensor) -> tuple[Tensor, Tensor]:
    sign, mantissa, exponent = _gauss_factors(p, h)
    sign = sign * torch.sign(mantissa)
    log_abs = torch.log(mantissa.abs()) + exponent.to(p.dtype) * math.log(2.0)
    return sign, log_abs


def second_fundamental_form(grad: Tensor, hess: Tensor) -> Tensor:
    """Second fundamental form ``h = H / √(1+|∇f|²)`` (upward normal), ``(..., d, d)``."""
    return _second_fundamental_form(*check_grad_hess(grad, hess))


def shape_operator(grad: Tensor, hess: Tensor) -> Tensor:
    """Shape operator ``s = g⁻¹ h`` as ``s[..., i, j] = s^i_j``, ``(..., d, d)``."""
    return _shape_operator(*check_grad_hess(grad, hess))


def principal_curvatures(grad: Tensor, hess: Tensor) -> Tensor:
    """Principal curvatures, ascending: ``eigvalsh(g^{-1/2} h g^{-1/2})``, ``(..., d)``.

    Computed in the gradient-adapted frame (module docstring); normwise accurate (eigenvalue
    errors of a few ulps of ``max|κ|``) for every finite input.
    """
    return _principal_curvatures(*check_grad_hess(grad, hess))


def mean_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Mean curvature ``tr(s)/n = √β (trH − β pᵀHp) / n`` (the average), shape ``(...)``."""
    return _mean_curvature(*check_grad_hess(grad, hess))


def gauss_curvature(grad: Tensor, hess: Tensor) -> Tensor:
    """Gauss–Kronecker curvature ``det(s) = β^{(n+2)/2} det H``, shape ``(...)``.

    ``det H`` is never formed as a float (it overflows for ``d = 400, H = 10 I``): the LU
    factors, ``s`` and ``w`` are multiplied with summed binary exponents.  A value that
    overflows raises :class:`UnrepresentableError`; one below the normal range is rounded by
    IEEE gradual underflow (subnormal or zero) — :func:`log_abs_gauss_curvature` keeps it.
    """
    return _gauss_curvature(*check_grad_hess(grad, hess))


def log_abs_gauss_curvature(grad: Tensor, hess: Tensor) -> tuple[Tensor, Tensor]:
    """``(sign, log|det s|)`` of the Gauss–Kronecker curvature, like ``torch.linalg.slogdet``.

    Always representable (``log|det s| = −inf`` and ``sign = 0`` where ``det H = 0``); use it
    where ``det s = β^{(n+2)/2} det H`` leaves the float range (large ``d``).
    """
    return _log_abs_gauss_curvature(*check_grad_hess(grad, hess))
