"""Input validation shared by every numeric kernel.

Bad input raises :class:`InvalidInputError` (a :class:`ValueError`) whose message names the
argument and the problem; no kernel ever returns a number computed from invalid input.
"""

from __future__ import annotations

import math
import numbers

import torch
from torch import Tensor

# the exceptions live in the torch-free geomcheck.errors (the symbolic stack raises them too)
from geomcheck.errors import InvalidInputError, SizeLimitError, UnrepresentableError  # noqa: F401

#: Floating dtypes the kernels accept (``torch.linalg.eigvalsh`` and ``det`` need these).
SUPPORTED_DTYPES: tuple[torch.dtype, ...] = (torch.float32, torch.float64)


def symmetry_rtol(dtype: torch.dtype) -> float:
    """Relative tolerance ``√ε`` (of ``dtype``) for the symmetry check of a Hessian.

    A Hessian ``H`` passes when ``max|H − Hᵀ| ≤ √ε · max(1, max|H|)`` for each matrix; this
    admits the rounding of automatic differentiation (forward-over-reverse Hessians agree
    with their transpose to a few ulps of the intermediate terms) and rejects genuinely
    non-symmetric input.
    """
    return math.sqrt(torch.finfo(dtype).eps)


def check_int(name: str, value: object, minimum: int, why: str = "") -> int:
    """``value`` as an ``int`` (Python or NumPy integer, not ``bool``) that is ``≥ minimum``.

    ``why`` completes the message when the value is too small (e.g. what the budget is for).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidInputError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise InvalidInputError(f"{name} = {value} is too small: at least {minimum} needed{why}")
    return int(value)


def check_tensor(name: str, value: object) -> Tensor:
    """Return ``value`` if it is a tensor of a supported floating dtype, else raise."""
    if not isinstance(value, Tensor):
        raise InvalidInputError(f"{name} must be a torch.Tensor, got {type(value).__name__}")
    if value.dtype not in SUPPORTED_DTYPES:
        kind = "floating" if value.dtype.is_floating_point else "non-floating"
        raise InvalidInputError(
            f"{name} has {kind} dtype {value.dtype}; supported dtypes are float32 and float64"
        )
    return value


def first_bad_index(bad: Tensor) -> tuple[int, ...]:
    return tuple(int(i) for i in torch.nonzero(bad)[0].tolist())


def check_finite(name: str, value: Tensor, event_ndim: int) -> None:
    """Raise if ``value`` holds NaN or ±Inf; the message gives the first bad batch index.

    ``event_ndim`` trailing axes form one item (1 for a vector, 2 for a matrix).  Fast path:
    a finite sum proves every entry finite (NaN and ±Inf propagate through addition); only
    when the sum is not finite (bad entries, or overflow of the sum) are entries inspected.
    """
    if value.numel() == 0 or bool(torch.isfinite(value.sum())):
        return
    finite = torch.isfinite(value)
    if bool(finite.all()):
        return
    bad = ~finite
    count = int(bad.sum())
    if bad.ndim > event_ndim:
        bad = bad.flatten(start_dim=bad.ndim - event_ndim).any(dim=-1)
    else:
        bad = bad.any()
    where = "" if bad.ndim == 0 else f"; first at batch index {first_bad_index(bad)}"
    raise InvalidInputError(f"{name} contains {count} non-finite entries (NaN or Inf){where}")


def check_points(x: object, name: str = "x") -> Tensor:
    """Validate points of shape ``(..., d)`` with ``d >= 1``: floating, finite."""
    x = check_tensor(name, x)
    if x.ndim < 1 or x.shape[-1] < 1:
        raise InvalidInputError(
            f"{name} must have shape (..., d) with d >= 1, got shape {tuple(x.shape)}"
        )
    check_finite(name, x, event_ndim=1)
    return x


def _materialized(value: Tensor) -> Tensor:
    """A real tensor for autograd's immutable ``ZeroTensor`` (the exact Hessian of a piecewise
    linear function such as ``abs``/``relu`` sums, from ``torch.func``), which in-place kernels
    cannot write to."""
    if value._is_zerotensor():
        return torch.zeros(value.shape, dtype=value.dtype, device=value.device)
    return value


def check_grad_hess(grad: object, hess: object) -> tuple[Tensor, Tensor]:
    """Validate a gradient ``(..., d)`` and Hessian ``(..., d, d)``; return ``(grad, sym(hess))``.

    Checks: tensors of float32/float64, equal dtype and device, ``d >= 1``, trailing shapes
    ``(d,)`` and ``(d, d)``, identical batch shapes (no broadcasting), all entries finite, and
    ``hess`` symmetric within :func:`symmetry_rtol`.  The returned Hessian is the exactly
    symmetric ``(H + Hᵀ) / 2``.
    """
    grad = _materialized(check_tensor("grad", grad))
    hess = _materialized(check_tensor("hess", hess))
    if grad.dtype != hess.dtype:
        raise InvalidInputError(f"grad has dtype {grad.dtype} but hess has dtype {hess.dtype}")
    if grad.device != hess.device:
        raise InvalidInputError(f"grad is on {grad.device} but hess is on {hess.device}")
    if grad.ndim < 1 or grad.shape[-1] < 1:
        raise InvalidInputError(
            f"grad must have shape (..., d) with d >= 1, got shape {tuple(grad.shape)}"
        )
    d = grad.shape[-1]
    if hess.ndim < 2 or hess.shape[-2:] != (d, d):
        raise InvalidInputError(
            f"hess must have shape (..., {d}, {d}) to match grad of shape {tuple(grad.shape)}, "
            f"got shape {tuple(hess.shape)}"
        )
    if hess.shape[:-2] != grad.shape[:-1]:
        raise InvalidInputError(
            f"batch shapes differ: grad has batch shape {tuple(grad.shape[:-1])}, "
            f"hess has batch shape {tuple(hess.shape[:-2])}"
        )
    check_finite("grad", grad, event_ndim=1)
    check_finite("hess", hess, event_ndim=2)
    hess_t = hess.transpose(-1, -2)
    if hess.numel() > 0:
        with torch.no_grad():  # a check, not part of the computation
            detached = hess.detach()
            buffer = torch.sub(detached, detached.transpose(-1, -2))  # one temporary, reused for |H|
            asym = buffer.abs_().amax(dim=(-2, -1))
            scale = torch.abs(detached, out=buffer).amax(dim=(-2, -1)).clamp_(min=1.0)
        bad = asym > symmetry_rtol(hess.dtype) * scale
        if bool(bad.any()):
            worst = float((asym / scale).max())
            where = "" if bad.ndim == 0 else f"; first at batch index {first_bad_index(bad)}"
            raise InvalidInputError(
                f"hess is not symmetric: max|H - H^T| / max(1, max|H|) = {worst:.3g} exceeds "
                f"{symmetry_rtol(hess.dtype):.3g}{where}"
            )
    return grad, torch.add(hess * 0.5, hess_t * 0.5)  # halves first: no overflow near the float max
