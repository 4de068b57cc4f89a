"""Extrinsic geometry of a general parametrised hypersurface ``X: U ⊂ Rⁿ → Rⁿ⁺¹``.

Used to check the graph formulas in other parametrisations (:mod:`geomcheck.numeric.reparam`).
From first principles, by ``torch.func`` derivatives of ``X`` (one point ``(n,) -> (n+1,)``):

* first fundamental form ``g_{ab} = ⟨∂_a X, ∂_b X⟩``;
* normal: the generalised cross product ``ν_c = det[∂_1X, …, ∂_nX, e_c]`` normalised
  (:mod:`geomcheck.conventions`; for the graph parametrisation ``(x, f(x))`` this is the
  upward normal).  With ``orientation="upward"`` the sign is flipped where needed so that the
  last component is positive (the graph convention kept under any reparametrisation);
  with ``orientation="cross"`` it is left as is (it flips with ``sign det J``);
* second fundamental form ``h_{ab} = ⟨∂_a∂_b X, N⟩``;
* shape operator ``s = g⁻¹ h``; principal curvatures ascending, the eigenvalues of the
  symmetric ``L⁻¹ h L⁻ᵀ`` with ``g = L Lᵀ`` (Cholesky), which is similar to ``s``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_finite, check_points

__all__ = ["Immersion", "ImmersionGeometry", "immersion_geometry"]

#: A parametrised hypersurface written for one point: ``(n,) -> (n + 1,)``.
Immersion = Callable[[Tensor], Tensor]


@dataclass(frozen=True, eq=False, repr=False)
class ImmersionGeometry:
    """First/second fundamental forms, unit normal, shape operator and principal curvatures."""

    first_fundamental_form: Tensor
    second_fundamental_form: Tensor
    normal: Tensor
    shape_operator: Tensor
    principal_curvatures: Tensor

    def __repr__(self) -> str:
        n = self.first_fundamental_form.shape[-1]
        return f"ImmersionGeometry(dim={n}, batch_shape={tuple(self.normal.shape[:-1])})"


def _cross_normal(jac: Tensor) -> Tensor:
    """``ν_c = det[∂_1X, …, ∂_nX, e_c]`` for ``jac`` of shape ``(..., n+1, n)``."""
    m = jac.shape[-2]
    eye = torch.eye(m, dtype=jac.dtype, device=jac.device)
    cols = jac.unsqueeze(-3).expand(*jac.shape[:-2], m, m, m - 1)
    mats = torch.cat([cols, eye.unsqueeze(-1).expand(*jac.shape[:-2], m, m, 1)], dim=-1)
    # mats[..., c, :, :] = [∂_1X … ∂_nX | e_c]
    return torch.linalg.det(mats)


def immersion_geometry(
    embedding: Immersion,
    y: Tensor,
    *,
    orientation: Literal["upward", "cross"] = "upward",
) -> ImmersionGeometry:
    """Geometry of the hypersurface ``embedding`` at parameters ``y`` of shape ``(..., n)``."""
    if orientation not in ("upward", "cross"):
        raise InvalidInputError(f"orientation must be 'upward' or 'cross', got {orientation!r}")
    y = check_points(y, "y")
    batch, n = y.shape[:-1], y.shape[-1]

    def checked(point: Tensor) -> Tensor:
        out = embedding(point)
        if not isinstance(out, Tensor) or out.shape != (n + 1,):
            shape = tuple(out.shape) if isinstance(out, Tensor) else type(out).__name__
            raise InvalidInputError(
                f"embedding must map a point of shape ({n},) to shape ({n + 1},), got {shape}"
            )
        return out

    def jac_with_aux(point: Tensor) -> tuple[Tensor, Tensor]:
        j = torch.func.jacfwd(checked)(point)
        return j, j

    def one_point(point: Tensor) -> tuple[Tensor, Tensor]:
        d2x, jac = torch.func.jacfwd(jac_with_aux, has_aux=True)(point)
        return jac, d2x

    flat = y.reshape(-1, n)
    jac, d2x = torch.func.vmap(one_point)(flat)  # (N, n+1, n), (N, n+1, n, n)
    check_finite("derivatives of the embedding", d2x, event_ndim=3)
    g = jac.transpose(-1, -2) @ jac
    nu = _cross_normal(jac)
    norm = torch.linalg.vector_norm(nu, dim=-1, keepdim=True)
    tiny = torch.finfo(y.dtype).eps * torch.linalg.matrix_norm(g, ord=2).unsqueeze(-1) ** (n / 2)
    if bool((norm <= tiny).any()):
        raise InvalidInputError("embedding is not an immersion at some point (rank-deficient Jacobian)")
    normal = nu / norm
    if orientation == "upward":
        if bool((normal[..., -1] == 0).any()):
            raise InvalidInputError("normal is horizontal at some point: 'upward' is undefined there")
        normal = normal * torch.sign(normal[..., -1:])
    h = torch.einsum("...cab,...c->...ab", d2x, normal)
    s = torch.linalg.solve(g, h)
    chol = torch.linalg.cholesky(g)
    m = torch.linalg.solve_triangular(chol, h, upper=False)
    m = torch.linalg.solve_triangular(chol, m.transpose(-1, -2), upper=False)
    kappa = torch.linalg.eigvalsh(0.5 * (m + m.transpose(-1, -2)))
    outs = (g, h, normal, s, kappa)
    g, h, normal, s, kappa = (o.reshape((*batch, *o.shape[1:])) for o in outs)
    return ImmersionGeometry(g, h, normal, s, kappa)
