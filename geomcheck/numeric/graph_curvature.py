"""All curvature quantities of a graph hypersurface at a batch of points, in one object.

``curvature(f, x)`` differentiates ``f`` (see :mod:`geomcheck.numeric.derivatives`) and
evaluates the closed forms of :mod:`geomcheck.numeric.metric`,
:mod:`geomcheck.numeric.intrinsic` and :mod:`geomcheck.numeric.extrinsic` once, after a
single validation.  The ``O(d²)``-per-point quantities are computed eagerly; the Christoffel
symbols (``d³`` per point) and the Riemann tensor (``d⁴``) are computed on first access and
cached, so ``result.riemann`` works but costs nothing unless used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import torch
from torch import Tensor

from geomcheck.numeric._checks import check_grad_hess
from geomcheck.numeric.derivatives import ScalarFunction, grad_and_hessian
from geomcheck.numeric.extrinsic import (
    _gauss_curvature,
    _mean_curvature,
    _principal_curvatures,
    _second_fundamental_form,
    _shape_operator,
)
from geomcheck.numeric.intrinsic import (
    _christoffel,
    _lowered_riemann,
    _ricci,
    _riemann,
    _scalar_curvature,
)
from geomcheck.numeric.metric import _graph_metric, _inverse_graph_metric

__all__ = ["GraphCurvature", "curvature", "curvature_from_derivatives"]


@dataclass(frozen=True, eq=False, repr=False)
class GraphCurvature:
    """Curvature of the graph of ``f`` at points with batch shape ``B`` in dimension ``d``.

    Shapes: ``grad (B, d)``, ``hess``/``metric``/``inverse_metric``/``ricci``/
    ``second_fundamental_form``/``shape_operator`` ``(B, d, d)``, ``principal_curvatures
    (B, d)`` ascending, ``scalar_curvature``/``mean_curvature``/``gauss_curvature`` ``(B)``;
    lazily ``christoffel (B, d, d, d)`` and ``riemann``/``lowered_riemann (B, d, d, d, d)``.
    Index conventions: :mod:`geomcheck.conventions`.  ``hess`` is the symmetrised Hessian.
    """

    grad: Tensor
    hess: Tensor
    metric: Tensor = field(init=False)
    inverse_metric: Tensor = field(init=False)
    ricci: Tensor = field(init=False)
    scalar_curvature: Tensor = field(init=False)
    second_fundamental_form: Tensor = field(init=False)
    shape_operator: Tensor = field(init=False)
    principal_curvatures: Tensor = field(init=False)
    mean_curvature: Tensor = field(init=False)
    gauss_curvature: Tensor = field(init=False)

    def __post_init__(self) -> None:
        grad, hess = check_grad_hess(self.grad, self.hess)
        values = {
            "hess": hess,
            "metric": _graph_metric(grad),
            "inverse_metric": _inverse_graph_metric(grad),
            "ricci": _ricci(grad, hess),
            "scalar_curvature": _scalar_curvature(grad, hess),
            "second_fundamental_form": _second_fundamental_form(grad, hess),
            "shape_operator": _shape_operator(grad, hess),
            "principal_curvatures": _principal_curvatures(grad, hess),
            "mean_curvature": _mean_curvature(grad, hess),
            "gauss_curvature": _gauss_curvature(grad, hess),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @cached_property
    def christoffel(self) -> Tensor:
        """``Γ[..., i, k, l] = Γ^i_{kl} = β p_i H_{kl}`` (computed on first access)."""
        return _christoffel(self.grad, self.hess)

    @cached_property
    def riemann(self) -> Tensor:
        """``R[..., i, j, k, m] = R^i_{jkm}`` (computed on first access; ``d⁴`` per point)."""
        return _riemann(self.grad, self.hess)

    @cached_property
    def lowered_riemann(self) -> Tensor:
        """``R_{ijkm} = β (H_{ik}H_{jm} − H_{im}H_{jk})`` (computed on first access)."""
        return _lowered_riemann(self.grad, self.hess)

    @property
    def dim(self) -> int:
        """Dimension ``d`` of the hypersurface."""
        return int(self.grad.shape[-1])

    @property
    def batch_shape(self) -> torch.Size:
        """Leading batch shape ``B`` of the points."""
        return self.grad.shape[:-1]

    def __repr__(self) -> str:
        return (
            f"GraphCurvature(dim={self.dim}, batch_shape={tuple(self.batch_shape)}, "
            f"dtype={self.grad.dtype}, device={self.grad.device})"
        )


def curvature_from_derivatives(grad: Tensor, hess: Tensor) -> GraphCurvature:
    """Curvature of a graph from ``∇f (..., d)`` and ``∇²f (..., d, d)`` (validated)."""
    return GraphCurvature(grad, hess)


def curvature(f: ScalarFunction, x: Tensor, *, chunk_size: int | None = None) -> GraphCurvature:
    """Curvature of the graph of ``f: Rᵈ → R`` at points ``x`` of shape ``(..., d)``.

    ``f`` takes one point ``(d,)`` and returns a scalar; derivatives come from ``torch.func``
    (so the result is differentiable in ``x`` and in tensors ``f`` closes over).
    ``chunk_size`` limits how many points are differentiated at once.

    Functions built from ``abs``, ``relu``, ``max`` (what networks are made of) work wherever
    ``f`` is twice differentiable; a piecewise-linear ``f`` has the exact Hessian 0 there.  At a
    kink autograd returns the derivative of one piece (PyTorch's conventions, e.g.
    ``d|x|/dx = 0`` and ``relu'(0) = 0``): the numbers are then the curvature of that smooth
    piece, not of the non-smooth graph, and nothing here can detect it.
    """
    grad, hess = grad_and_hessian(f, x, chunk_size=chunk_size)
    return GraphCurvature(grad, hess)
