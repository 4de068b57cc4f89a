"""Curvature of a 2-D projection, from Hessian-vector products, against the full space.

For directions ``D = [d₁ d₂]`` (``d × 2``) at the point ``θ*`` with gradient ``∇L`` and Hessian
``H``, the restriction ``ℓ(α, β) = L(θ* + α d₁ + β d₂)`` has (chain rule; 004 Eq. 2.15, proven in
claim 004-eq2.15)

    ∇ℓ(0) = Dᵀ∇L = p,      ∇²ℓ(0) = DᵀHD = [[A, B], [B, C]]

(two HVPs: ``HD``).  :func:`projected_curvature` reports three curvatures of the projection:

* ``kappa``: eigenvalues of ``DᵀHD`` — 004's ``κ±`` (Eq. 2.16), the principal curvatures of the
  projected surface at a critical point *in the plot's coordinates* ``(α, β)``;
* ``kappa_unit``: eigenvalues of the pencil ``(DᵀHD, DᵀD)`` — the curvature per unit length of
  parameter space (the same as ``kappa`` for orthonormal directions); by the Courant–Fischer
  theorem they lie in ``[λ_min(H), λ_max(H)]``;
* ``graph_kappa``: principal curvatures of the graph of ``ℓ`` over the ``(α, β)`` plane,
  ``eig(g^{-1/2} h g^{-1/2})`` with ``g = I + ppᵀ``, ``h = DᵀHD / √(1 + |p|²)``
  (:func:`geomcheck.numeric.principal_curvatures`; at a critical point ``graph_kappa = kappa``).

:func:`projection_trace_estimate` is 004's trace estimate (Eqs. 2.18–2.19): ``(κ₊ + κ₋)/2 =
(A + C)/2`` for Gaussian ``d₁, d₂``, an unbiased estimate of ``tr H`` — i.e. the mean of two
Gaussian Hutchinson samples (claim 004-s2.2-alternative-unbiased-estimate), with 2 HVPs per
projection; its variance per projection is ``‖H‖_F²`` against ``Σ_{i≠j} H_ij²`` for two
Rademacher Hutchinson samples (claim 004-eq2.22).  Compare both at equal cost with
:func:`geomcheck.hutchinson` (``num_matvecs = 2 × num_projections``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_int

__all__ = ["ProjectedCurvature", "projected_curvature", "projection_trace_estimate", "projection_trace_samples"]


@dataclass(frozen=True)
class ProjectedCurvature:
    """The 2-D projection's derivatives and curvatures (module docstring), float64 numpy."""

    hessian: np.ndarray          # DᵀHD (2 × 2)
    gradient: np.ndarray         # Dᵀ∇L (2,)
    gram: np.ndarray             # DᵀD (2 × 2)
    kappa: np.ndarray            # eig(DᵀHD), ascending
    kappa_unit: np.ndarray       # eig(DᵀHD, DᵀD), ascending
    graph_kappa: np.ndarray      # principal curvatures of the graph of ℓ, ascending
    num_matvecs: int

    @property
    def shows_saddle(self) -> bool:
        """``κ₊κ₋ < 0`` (004's criterion; the sign pattern is the same for all three curvatures)."""
        return bool(self.kappa[0] * self.kappa[1] < 0)


def _operator(op: Any) -> Any:
    from geomcheck.operators import as_operator

    return as_operator(op)


def projected_curvature(op: Any, d1: Tensor, d2: Tensor, *, gradient: Tensor | None = None) -> ProjectedCurvature:
    """Curvatures of the projection onto ``(d1, d2)`` from two Hessian-vector products.

    ``op``: a :class:`geomcheck.HessianOperator` (its ``.gradient`` is used) or any symmetric
    operator / dense tensor with ``gradient=``.
    """
    from geomcheck.landscape.directions import check_direction
    from geomcheck.numeric import principal_curvatures

    A = _operator(op)
    d1 = check_direction(d1, A.size, A.dtype, A.device, "d1")
    d2 = check_direction(d2, A.size, A.dtype, A.device, "d2")
    g = gradient if gradient is not None else getattr(op, "gradient", None)
    if g is None:
        raise InvalidInputError("the operator has no .gradient: pass gradient= (the gradient at the point)")
    if not isinstance(g, Tensor) or g.shape != (A.size,):
        raise InvalidInputError(f"gradient must be a tensor of shape ({A.size},)")
    D = torch.stack([d1, d2], dim=1)
    before = A.num_matvecs
    HD = A.matmat(D)
    used = A.num_matvecs - before
    D64, HD64 = D.double(), HD.double()
    H2 = D64.T @ HD64
    asym = float((H2[0, 1] - H2[1, 0]).abs())
    scale = float(H2.abs().max()) + 1e-300
    if asym > math.sqrt(torch.finfo(A.dtype).eps) * scale * 10:
        raise InvalidInputError(f"d1ᵀHd2 and d2ᵀHd1 differ by {asym:.3g} (relative {asym / scale:.3g}): the operator is not symmetric")
    H2 = (H2 + H2.T) / 2
    G2 = D64.T @ D64
    p2 = D64.T @ g.double()
    kappa = torch.linalg.eigvalsh(H2)
    L = torch.linalg.cholesky(G2)
    Linv = torch.linalg.inv(L)
    kappa_unit = torch.linalg.eigvalsh(Linv @ H2 @ Linv.T)
    graph_kappa = principal_curvatures(p2, H2)
    return ProjectedCurvature(H2.cpu().numpy(), p2.cpu().numpy(), G2.cpu().numpy(), kappa.cpu().numpy(),
                              kappa_unit.cpu().numpy(), graph_kappa.cpu().numpy(), used)


def projection_trace_samples(op: Any, *, num_projections: int, seed: int = 0) -> np.ndarray:
    """``(A + C)/2 = (κ₊ + κ₋)/2`` of ``num_projections`` Gaussian projections (2 HVPs each), float64.

    The Gaussian pairs are drawn on the CPU from ``torch.Generator().manual_seed(seed)`` in
    float64 (device-independent), cast to the operator's dtype and device.
    """
    m = check_int("num_projections", num_projections, 1)
    A = _operator(op)
    gen = torch.Generator().manual_seed(int(check_int("seed", seed, 0)))
    out = np.empty(m)
    for k in range(m):
        D = torch.randn(A.size, 2, generator=gen, dtype=torch.float64).to(A.dtype).to(A.device)
        HD = A.matmat(D)
        q = (D.double() * HD.double()).sum(0)       # (ηᵀHη, δᵀHδ)
        out[k] = float(q.sum()) / 2
    return out


def projection_trace_estimate(op: Any, *, num_projections: int, seed: int = 0) -> Any:
    """004's trace estimate ``mean (κ₊ + κ₋)/2`` with its standard error, as an
    :class:`geomcheck.Estimate` (``num_matvecs = 2 × num_projections``)."""
    from geomcheck.estimators.result import Estimate, normal_interval

    s = projection_trace_samples(op, num_projections=num_projections, seed=seed)
    mean = float(s.mean())
    se = float(s.std(ddof=1) / math.sqrt(s.size)) if s.size > 1 else math.nan
    return Estimate(mean, se, normal_interval(mean, se), 2 * s.size, "004-projection", seed,
                    {"num_projections": float(s.size)})
