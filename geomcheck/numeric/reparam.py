"""Change of coordinates ``x = ψ(y)``: pullbacks and tensor transformation rules.

With the Jacobian ``J = ∂x/∂y`` (``J[..., a, b] = ∂x_a/∂y_b``) at a point:

* functions pull back by composition, ``f̃ = f ∘ ψ``;
* vectors push forward, ``v_x = J v_y``; covectors pull back, ``w_y = Jᵀ w_x``;
* (0,2)-tensors (metric, second fundamental form, Riemannian Hessian) pull back as
  ``B̃ = Jᵀ B J``;
* (1,1)-tensors (the shape operator) transform by similarity, ``s̃ = J⁻¹ s J``, so their
  spectrum (the principal curvatures) is invariant;
* a metric field pulls back to ``g̃(y) = J(y)ᵀ g(ψ(y)) J(y)``.

The coordinate Hessian is *not* a tensor: ``∇²(f∘ψ) = Jᵀ (∇²f) J + Σ_k ∂_k f ∂²ψ_k``, and its
spectrum changes under reparametrisation even where ``∂²ψ = 0`` (for ``J`` not orthogonal).

A Jacobian that is singular at a point (``σ_min ≤ rcond · σ_max``) is not a valid change of
coordinates there and raises :class:`~geomcheck.numeric.InvalidInputError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_finite, check_points, check_tensor
from geomcheck.numeric.derivatives import ScalarFunction
from geomcheck.numeric.immersion import Immersion
from geomcheck.numeric.oracle import MetricField

__all__ = [
    "CoordinateMap",
    "pullback_function",
    "jacobian",
    "check_jacobian",
    "pushforward_vector",
    "pullback_covector",
    "pullback_bilinear",
    "transform_endomorphism",
    "pullback_metric_field",
    "reparametrized_graph",
]

#: A change of coordinates written for one point: ``(n,) -> (n,)``.
CoordinateMap = Callable[[Tensor], Tensor]


def pullback_function(f: ScalarFunction, psi: CoordinateMap) -> ScalarFunction:
    """``f ∘ ψ`` (one point in, scalar out)."""

    def pulled_back(y: Tensor) -> Tensor:
        return f(psi(y))

    return pulled_back


def check_jacobian(jac: Tensor, *, rcond: float | None = None) -> Tensor:
    """Raise unless every ``(..., n, n)`` Jacobian in ``jac`` is finite and non-singular.

    Singular means ``σ_min ≤ rcond · σ_max`` (default ``rcond = √ε`` of the dtype), i.e.
    condition number at least ``1/rcond``.
    """
    jac = check_tensor("jacobian", jac)
    if jac.ndim < 2 or jac.shape[-1] != jac.shape[-2]:
        raise InvalidInputError(f"jacobian must have shape (..., n, n), got {tuple(jac.shape)}")
    check_finite("jacobian", jac, event_ndim=2)
    if jac.numel() == 0:
        return jac
    tol = math.sqrt(torch.finfo(jac.dtype).eps) if rcond is None else rcond
    sv = torch.linalg.svdvals(jac.detach())
    singular = sv[..., -1] <= tol * sv[..., 0]
    if bool(singular.any()):
        index = tuple(int(i) for i in torch.nonzero(singular)[0].tolist()) if singular.ndim else ()
        s_max, s_min = float(sv[..., 0][singular][0]), float(sv[..., -1][singular][0])
        cond = math.inf if s_min == 0.0 else s_max / s_min
        raise InvalidInputError(
            f"Jacobian of the coordinate change is singular at batch index {index} "
            f"(condition number {cond:.3g} >= 1/rcond = {1 / tol:.3g}): not a diffeomorphism there"
        )
    return jac


def jacobian(psi: CoordinateMap, y: Tensor, *, rcond: float | None = None) -> Tensor:
    """``J = ∂ψ/∂y`` at points ``y (..., n)`` as ``(..., n, n)``; raises if singular (see :func:`check_jacobian`)."""
    y = check_points(y, "y")
    n = y.shape[-1]

    def checked(point: Tensor) -> Tensor:
        out = psi(point)
        if not isinstance(out, Tensor) or out.shape != (n,):
            shape = tuple(out.shape) if isinstance(out, Tensor) else type(out).__name__
            raise InvalidInputError(
                f"coordinate map must send a point of shape ({n},) to shape ({n},), got {shape}"
            )
        return out

    flat = y.reshape(-1, n)
    jac = torch.func.vmap(torch.func.jacfwd(checked))(flat).reshape(*y.shape, n)
    return check_jacobian(jac, rcond=rcond)


def pushforward_vector(jac: Tensor, v: Tensor) -> Tensor:
    """Contravariant vector ``v_x = J v_y`` (``v (..., n)``)."""
    return (jac @ v.unsqueeze(-1)).squeeze(-1)


def pullback_covector(jac: Tensor, w: Tensor) -> Tensor:
    """Covector (e.g. a gradient) ``w_y = Jᵀ w_x`` (``w (..., n)``)."""
    return (jac.transpose(-1, -2) @ w.unsqueeze(-1)).squeeze(-1)


def pullback_bilinear(jac: Tensor, b: Tensor) -> Tensor:
    """(0,2)-tensor ``B̃ = Jᵀ B J`` (``b (..., n, n)``)."""
    return jac.transpose(-1, -2) @ b @ jac


def transform_endomorphism(jac: Tensor, s: Tensor) -> Tensor:
    """(1,1)-tensor ``s̃ = J⁻¹ s J`` (by a linear solve, no explicit inverse)."""
    return torch.linalg.solve(jac, s @ jac)


def pullback_metric_field(metric_fn: MetricField, psi: CoordinateMap) -> MetricField:
    """The metric field ``y ↦ J(y)ᵀ g(ψ(y)) J(y)`` (one point), differentiable by ``torch.func``."""

    def pulled_back(y: Tensor) -> Tensor:
        jac = torch.func.jacfwd(psi)(y)
        return jac.transpose(-1, -2) @ metric_fn(psi(y)) @ jac

    return pulled_back


def reparametrized_graph(f: ScalarFunction, psi: CoordinateMap) -> Immersion:
    """The graph of ``f`` parametrised by ``y``: ``X̃(y) = (ψ(y), f(ψ(y))) ∈ Rⁿ⁺¹`` (one point)."""

    def embedding(y: Tensor) -> Tensor:
        x = psi(y)
        return torch.cat([x, f(x).reshape(1)])

    return embedding
