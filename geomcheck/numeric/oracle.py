"""Independent oracle: curvature of a general metric field by automatic differentiation.

Given a metric field ``g: Rᵈ → Sym⁺(d)`` written for one point (``(d,) -> (d, d)``), the oracle
evaluates, from first principles and the conventions of :mod:`geomcheck.conventions`:

* ``∂_c g_{ab}`` by ``torch.func.jacfwd`` (stored ``dg[a, b, c]``), ``g⁻¹`` by
  ``torch.linalg.inv`` (no closed form);
* ``Γ^i_{kl} = ½ g^{ij} (∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})``;
* ``∂_m Γ^i_{kl}`` by differentiating that whole computation again with ``torch.func.jacfwd``;
* ``R^i_{jkm} = ∂_k Γ^i_{jm} − ∂_m Γ^i_{jk} + Γ^i_{kr} Γ^r_{jm} − Γ^i_{mr} Γ^r_{jk}``;
* ``Ric_{jm} = R^i_{jim}`` and ``S = g^{jm} Ric_{jm}``.

Why functional transforms: ``torch.func`` transforms compose, so the second derivative of the
metric enters ``∂Γ``.  Nesting ``torch.autograd.functional.jacobian`` *without*
``create_graph=True`` (geomstats' PyTorch backend; geomstats issues 1801 and 1928) detaches the
inner Jacobian ``∂g``, so the outer Jacobian of ``Γ`` keeps only the ``∂(g⁻¹)`` part and the
``∂²g`` terms of ``∂Γ`` silently vanish: the unit 2-sphere then gets ``S = 2 cot²θ`` instead of
``2`` (and ``S = 0`` if ``∂Γ`` is dropped altogether).  The tests reproduce both failure modes
and check that the oracle has neither.

This module shares no formula with the closed-form kernels; it is what they are tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import Tensor

from geomcheck.numeric._checks import (
    InvalidInputError,
    check_finite,
    check_points,
    first_bad_index,
    symmetry_rtol,
)
from geomcheck.numeric.limits import check_dense_size
from geomcheck.numeric.derivatives import ScalarFunction

__all__ = [
    "MetricField",
    "MetricCurvature",
    "christoffel_from_metric_derivative",
    "riemann_from_christoffel",
    "metric_curvature",
    "graph_metric_field",
]

#: A metric field written for one point: ``(d,) -> (d, d)``.
MetricField = Callable[[Tensor], Tensor]


@dataclass(frozen=True, eq=False, repr=False)
class MetricCurvature:
    """Oracle output at points of batch shape ``B``: ``metric``/``inverse_metric``/``ricci``
    ``(B, d, d)``, ``christoffel (B, d, d, d)``, ``riemann (B, d, d, d, d)``,
    ``scalar_curvature (B)``; conventions of :mod:`geomcheck.conventions`."""

    metric: Tensor
    inverse_metric: Tensor
    christoffel: Tensor
    riemann: Tensor
    ricci: Tensor
    scalar_curvature: Tensor

    def __repr__(self) -> str:
        return f"MetricCurvature(dim={self.metric.shape[-1]}, batch_shape={tuple(self.metric.shape[:-2])})"


def christoffel_from_metric_derivative(inverse_metric: Tensor, metric_derivative: Tensor) -> Tensor:
    """``Γ^i_{kl} = ½ g^{ij} (∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})`` from ``dg[..., a, b, c] = ∂_c g_{ab}``."""
    dg = metric_derivative
    lowered = dg.permute(*range(dg.ndim - 3), -3, -1, -2) + dg - dg.permute(
        *range(dg.ndim - 3), -1, -3, -2
    )
    # lowered[j, k, l] = ∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl}
    return 0.5 * torch.einsum("...ij,...jkl->...ikl", inverse_metric, lowered)


def riemann_from_christoffel(christoffel: Tensor, christoffel_derivative: Tensor) -> Tensor:
    """``R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``.

    ``christoffel_derivative[..., i, k, l, m] = ∂_m Γ^i_{kl}`` (derivative index last).
    """
    d_gamma = christoffel_derivative
    gamma = christoffel
    quadratic = torch.einsum("...ikr,...rjm->...ijkm", gamma, gamma)
    return d_gamma.transpose(-1, -2) - d_gamma + quadratic - quadratic.transpose(-1, -2)


def _checked_metric(metric_fn: MetricField, d: int, dtype: torch.dtype) -> MetricField:
    def checked(point: Tensor) -> Tensor:
        g = metric_fn(point)
        if not isinstance(g, Tensor):
            raise InvalidInputError(f"metric field must return a tensor, got {type(g).__name__}")
        if g.shape != (d, d):
            raise InvalidInputError(
                f"metric field must return shape ({d}, {d}) for a point of shape ({d},), "
                f"got {tuple(g.shape)}"
            )
        if g.dtype != dtype:
            raise InvalidInputError(f"metric field returned dtype {g.dtype} for points of dtype {dtype}")
        return g

    return checked


def _check_symmetric_positive_definite(g: Tensor) -> None:
    """The metric must be symmetric (within ``√ε·max(1, max|g|)``) and positive definite."""
    if g.numel() == 0:
        return
    with torch.no_grad():
        gd = g.detach()
        asym = (gd - gd.transpose(-1, -2)).abs().amax(dim=(-2, -1))
        scale = gd.abs().amax(dim=(-2, -1)).clamp(min=1.0)
        bad = asym > symmetry_rtol(g.dtype) * scale
        if bool(bad.any()):
            index = first_bad_index(bad) if bad.ndim else ()
            worst = float((asym / scale).max())
            raise InvalidInputError(
                f"metric field is not symmetric at batch index {index}: "
                f"max|g - g^T| / max(1, max|g|) = {worst:.3g} exceeds {symmetry_rtol(g.dtype):.3g}"
            )
        _, info = torch.linalg.cholesky_ex(0.5 * (gd + gd.transpose(-1, -2)))
        bad = info != 0
        if bool(bad.any()):
            index = first_bad_index(bad) if bad.ndim else ()
            eig = torch.linalg.eigvalsh(0.5 * (gd + gd.transpose(-1, -2))[index])
            raise InvalidInputError(
                f"metric field is not positive definite at batch index {index}: its eigenvalues "
                f"are {[float(f'{v:.4g}') for v in eig.tolist()]} (the oracle computes the curvature "
                "of a Riemannian metric)"
            )


def metric_curvature(
    metric_fn: MetricField, x: Tensor, *, chunk_size: int | None = None, allow_large: bool = False
) -> MetricCurvature:
    """Oracle curvature of the metric field ``metric_fn`` at points ``x`` of shape ``(..., d)``.

    The metric must be symmetric and positive definite at every point (else
    :class:`InvalidInputError`).  Memory is several ``d⁴`` arrays per point: refused beyond
    :data:`~geomcheck.numeric.limits.DENSE_TENSOR_LIMIT_BYTES` with
    :class:`~geomcheck.numeric.SizeLimitError` unless ``allow_large=True``.
    """
    if not callable(metric_fn):
        raise InvalidInputError(f"metric_fn must be callable, got {type(metric_fn).__name__}")
    x = check_points(x)
    check_dense_size("metric_curvature", x, 4, allow_large=allow_large)
    batch, d = x.shape[:-1], x.shape[-1]
    metric = _checked_metric(metric_fn, d, x.dtype)

    def metric_with_aux(point: Tensor) -> tuple[Tensor, Tensor]:
        g = metric(point)
        return g, g

    def christoffel_with_aux(point: Tensor) -> tuple[Tensor, tuple[Tensor, ...]]:
        dg, g = torch.func.jacfwd(metric_with_aux, has_aux=True)(point)
        g_inv, info = torch.linalg.inv_ex(g)
        gamma = christoffel_from_metric_derivative(g_inv, dg)
        return gamma, (g, g_inv, gamma, info)

    def one_point(point: Tensor) -> tuple[Tensor, ...]:
        d_gamma, (g, g_inv, gamma, info) = torch.func.jacfwd(christoffel_with_aux, has_aux=True)(point)
        riem = riemann_from_christoffel(gamma, d_gamma)
        ric = torch.einsum("...ijim->...jm", riem)
        scalar = torch.einsum("...jm,...jm->...", g_inv, ric)
        return g, g_inv, gamma, riem, ric, scalar, info

    flat = x.reshape(-1, d)
    if flat.shape[0] == 0:
        z = x.new_zeros
        outs = (z((0, d, d)), z((0, d, d)), z((0, d, d, d)), z((0, d, d, d, d)), z((0, d, d)), z((0,)),
                torch.zeros(0, dtype=torch.int32))
    else:
        outs = torch.func.vmap(one_point, chunk_size=chunk_size)(flat)
    g, g_inv, gamma, riem, ric, scalar, info = (
        o.reshape((*batch, *o.shape[1:])) for o in outs
    )
    check_finite("metric field", g, event_ndim=2)
    _check_symmetric_positive_definite(g)
    singular = info != 0
    if bool(singular.any()):
        index = tuple(int(i) for i in torch.nonzero(singular)[0].tolist()) if singular.ndim else ()
        raise InvalidInputError(f"metric field is singular at batch index {index}")
    check_finite("oracle curvature (non-smooth metric field?)", riem, event_ndim=4)
    return MetricCurvature(g, g_inv, gamma, riem, ric, scalar)


def graph_metric_field(f: ScalarFunction) -> MetricField:
    """The induced metric field ``x ↦ I + ∇f(x) ∇f(x)ᵀ`` of the graph of ``f`` (for one point).

    ``∇f`` comes from ``torch.func.grad``, so :func:`metric_curvature` differentiates it twice
    more (third derivatives of ``f``) without using any graph closed form.
    """
    grad_f = torch.func.grad(lambda point: f(point).reshape(()))

    def metric(point: Tensor) -> Tensor:
        p = grad_f(point)
        return torch.eye(point.shape[-1], dtype=point.dtype, device=point.device) + torch.outer(p, p)

    return metric
