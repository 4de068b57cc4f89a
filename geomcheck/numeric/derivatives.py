"""Gradient and Hessian of a scalar function at a batch of points via ``torch.func``.

``grad_and_hessian(f, x)`` evaluates ``∇f`` and ``∇²f`` at every point of ``x`` (shape
``(..., d)``) with forward-over-reverse differentiation
(``torch.func.jacfwd(torch.func.grad(f))``) vectorised by ``torch.func.vmap`` over the
flattened points.  ``f`` is written for **one** point: it receives a tensor of shape ``(d,)``
and must return a scalar (shape ``()``, or one element, which is reshaped).  Being functional
transforms, these keep the autograd graph: the outputs are differentiable with respect to
``x`` and to any tensors ``f`` closes over.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError, check_finite, check_points

__all__ = ["ScalarFunction", "grad_and_hessian"]

#: A function of one point ``(d,) -> ()`` written with torch operations.
ScalarFunction = Callable[[Tensor], Tensor]


def _as_scalar(f: ScalarFunction, dtype: torch.dtype) -> ScalarFunction:
    def scalar_f(point: Tensor) -> Tensor:
        out = f(point)
        if not isinstance(out, Tensor):
            raise InvalidInputError(
                f"f must return a torch.Tensor for a point of shape {tuple(point.shape)}, "
                f"got {type(out).__name__}"
            )
        if out.numel() != 1:
            raise InvalidInputError(
                f"f must return a scalar per point: for a point of shape {tuple(point.shape)} "
                f"it returned shape {tuple(out.shape)}"
            )
        if out.dtype != dtype:
            raise InvalidInputError(
                f"f returned dtype {out.dtype} for points of dtype {dtype}; "
                "it must compute in the dtype of the points"
            )
        return out.reshape(())

    return scalar_f


def grad_and_hessian(
    f: ScalarFunction, x: Tensor, *, chunk_size: int | None = None
) -> tuple[Tensor, Tensor]:
    """Return ``(∇f(x), ∇²f(x))`` with shapes ``(..., d)`` and ``(..., d, d)``.

    ``chunk_size`` bounds how many points ``vmap`` processes at once (memory).  Raises
    :class:`~geomcheck.numeric.InvalidInputError` for invalid points, a non-scalar or
    wrongly typed output of ``f``, or a non-finite gradient or Hessian.
    """
    if not callable(f):
        raise InvalidInputError(f"f must be callable, got {type(f).__name__}")
    x = check_points(x)
    batch, d = x.shape[:-1], x.shape[-1]
    flat = x.reshape(-1, d)
    if flat.shape[0] == 0:
        return x.new_zeros((*batch, d)), x.new_zeros((*batch, d, d))
    grad_f = torch.func.grad(_as_scalar(f, x.dtype))

    def grad_with_aux(point: Tensor) -> tuple[Tensor, Tensor]:
        g = grad_f(point)
        return g, g

    def one_point(point: Tensor) -> tuple[Tensor, Tensor]:
        hess, grad = torch.func.jacfwd(grad_with_aux, has_aux=True)(point)
        return grad, hess

    grad, hess = torch.func.vmap(one_point, chunk_size=chunk_size)(flat)
    grad, hess = grad.reshape(*batch, d), hess.reshape(*batch, d, d)
    check_finite("gradient of f", grad, event_ndim=1)
    check_finite("Hessian of f", hess, event_ndim=2)
    return grad, hess
