"""All curvature quantities of a graph hypersurface at a batch of points, in one object.

``curvature(f, x)`` differentiates ``f`` (see :mod:`geomcheck.numeric.derivatives`) and
evaluates the closed forms of :mod:`geomcheck.numeric.metric`,
:mod:`geomcheck.numeric.intrinsic` and :mod:`geomcheck.numeric.extrinsic` once, after a
single validation.  Every quantity is computed on first access and cached (the Christoffel
symbols cost ``d³`` per point, the Riemann tensor ``d⁴``), so ``result.riemann`` works but costs
nothing unless used, and a quantity that is not representable raises only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import torch
from torch import Tensor

from geomcheck.numeric._checks import check_grad_hess
from geomcheck.numeric.derivatives import ScalarFunction, grad_and_hessian
from geomcheck.numeric.extrinsic import (
    _frame,
    _gauss_curvature,
    _mean_curvature,
    _principal_curvatures_from_frame,
    _second_fundamental_form,
    _shape_operator,
)
from geomcheck.numeric.intrinsic import (
    _christoffel,
    _lowered_riemann,
    _ricci,
    _riemann,
    _scalar_curvature_from_frame,
)
from geomcheck.numeric.limits import check_dense_size
from geomcheck.numeric.metric import _graph_metric, _inverse_graph_metric
from geomcheck.numeric.scaling import GradParts

__all__ = ["GraphCurvature", "curvature", "curvature_from_derivatives"]


@dataclass(frozen=True, eq=False, repr=False)
class GraphCurvature:
    """Curvature of the graph of ``f`` at points with batch shape ``B`` in dimension ``d``.

    Shapes: ``grad (B, d)``, ``hess``/``metric``/``inverse_metric``/``ricci``/
    ``second_fundamental_form``/``shape_operator`` ``(B, d, d)``, ``principal_curvatures
    (B, d)`` ascending, ``scalar_curvature``/``mean_curvature``/``gauss_curvature`` ``(B)``;
    ``christoffel (B, d, d, d)`` and ``riemann``/``lowered_riemann (B, d, d, d, d)``.
    Index conventions: :mod:`geomcheck.conventions`.  ``hess`` is the symmetrised Hessian.

    The inputs are validated on construction; every quantity is computed on first access and
    cached, so a quantity that is not representable (e.g. the metric ``I + ppᵀ`` for
    ``|p| ≳ 1.3e154``, or ``det s`` overflowing) raises
    :class:`~geomcheck.numeric.UnrepresentableError` only when it is asked for, and the
    ``O(d⁴)`` Riemann tensor costs nothing unless used.  ``riemann``, ``lowered_riemann``,
    ``christoffel`` and ``ricci`` refuse (:class:`~geomcheck.numeric.SizeLimitError`) beyond
    :data:`geomcheck.numeric.limits.DENSE_TENSOR_LIMIT_BYTES` unless ``allow_large=True``.
    """

    grad: Tensor
    hess: Tensor
    allow_large: bool = False

    def __post_init__(self) -> None:
        grad, hess = check_grad_hess(self.grad, self.hess)
        object.__setattr__(self, "grad", grad)
        object.__setattr__(self, "hess", hess)

    @cached_property
    def _frame(self) -> tuple[GradParts, Tensor, Tensor]:
        return _frame(self.grad, self.hess)

    @cached_property
    def metric(self) -> Tensor:
        """``g = I + ppᵀ`` (raises when ``|p|²`` overflows)."""
        return _graph_metric(self.grad)

    @cached_property
    def inverse_metric(self) -> Tensor:
        """``g⁻¹ = I − β ppᵀ``."""
        return _inverse_graph_metric(self.grad)

    @cached_property
    def ricci(self) -> Tensor:
        """``Ric_{jm} = β[tr(g⁻¹H) H − H g⁻¹ H]``."""
        check_dense_size("ricci", self.grad, 2, extra_d=1, allow_large=self.allow_large)
        return _ricci(self.grad, self.hess)

    @cached_property
    def scalar_curvature(self) -> Tensor:
        """``S = 2σ₂(κ)`` (scaled frame form)."""
        parts, s, b = self._frame
        return _scalar_curvature_from_frame(parts, s, b)

    @cached_property
    def second_fundamental_form(self) -> Tensor:
        """``h = √β H``."""
        return _second_fundamental_form(self.grad, self.hess)

    @cached_property
    def shape_operator(self) -> Tensor:
        """``s = g⁻¹ h``."""
        return _shape_operator(self.grad, self.hess)

    @cached_property
    def principal_curvatures(self) -> Tensor:
        """Eigenvalues of ``s``, ascending."""
        return _principal_curvatures_from_frame(*self._frame)

    @cached_property
    def mean_curvature(self) -> Tensor:
        """``tr(s)/n``."""
        return _mean_curvature(self.grad, self.hess)

    @cached_property
    def gauss_curvature(self) -> Tensor:
        """``det s = β^{(n+2)/2} det H``."""
        return _gauss_curvature(self.grad, self.hess)

    @cached_property
    def christoffel(self) -> Tensor:
        """``Γ[..., i, k, l] = Γ^i_{kl} = β p_i H_{kl}`` (``d³`` per point)."""
        check_dense_size("christoffel", self.grad, 3, allow_large=self.allow_large)
        return _christoffel(self.grad, self.hess)

    @cached_property
    def riemann(self) -> Tensor:
        """``R[..., i, j, k, m] = R^i_{jkm}`` (``d⁴`` per point)."""
        check_dense_size("riemann", self.grad, 4, allow_large=self.allow_large)
        return _riemann(self.grad, self.hess)

    @cached_property
    def lowered_riemann(self) -> Tensor:
        """``R_{ijkm} = β (H_{ik}H_{jm} − H_{im}H_{jk})`` (``d⁴`` per point)."""
        check_dense_size("lowered_riemann", self.grad, 4, allow_large=self.allow_large)
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


def curvature_from_derivatives(grad: Tensor, hess: Tensor, *, allow_large: bool = False) -> GraphCurvature:
    """Curvature of a graph from ``∇f (..., d)`` and ``∇²f (..., d, d)`` (validated)."""
    return GraphCurvature(grad, hess, allow_large)


def curvature(
    f: ScalarFunction, x: Tensor, *, chunk_size: int | None = None, allow_large: bool = False
) -> GraphCurvature:
    """Curvature of the graph of ``f: Rᵈ → R`` at points ``x`` of shape ``(..., d)``.

    ``f`` takes one point ``(d,)`` and returns a scalar; derivatives come from ``torch.func``
    (so the result is differentiable in ``x`` and in tensors ``f`` closes over).
    ``chunk_size`` limits how many points are differentiated at once; ``allow_large`` lifts
    the size guard of the dense ``d³``/``d⁴`` tensors (see :class:`GraphCurvature`).

    Functions built from ``abs``, ``relu``, ``max`` (what networks are made of) work wherever
    ``f`` is twice differentiable; a piecewise-linear ``f`` has the exact Hessian 0 there.  At a
    kink autograd returns the derivative of one piece (PyTorch's conventions, e.g.
    ``d|x|/dx = 0`` and ``relu'(0) = 0``): the numbers are then the curvature of that smooth
    piece, not of the non-smooth graph, and nothing here can detect it.
    """
    grad, hess = grad_and_hessian(f, x, chunk_size=chunk_size)
    return GraphCurvature(grad, hess, allow_large)
