"""Size guards: estimate the memory of a dense tensor computation before starting it.

The dense kernels hold ``d³`` (Christoffel) or ``d⁴`` (Riemann) numbers per point, and the
autodiff oracle :func:`geomcheck.numeric.metric_curvature` several ``d⁴`` arrays per point
(``∂Γ`` from a Jacobian of ``Γ``, the quadratic ``ΓΓ`` term and the Riemann tensor).  At
``d = 2000`` that is 128 TB per ``d⁴`` array in float64, which torch would try to allocate.
Such a request is refused *before* any work with :class:`SizeLimitError`, whose message gives
the estimate, the limit, what to use instead, and the keyword (``allow_large=True``) that lifts
the guard for a user who knows the machine can take it.

The limit is :data:`DENSE_TENSOR_LIMIT_BYTES` (4 GiB), about a tenth of a typical
workstation's memory; the estimate counts the output and the temporaries of the largest step
(they are listed with each estimate).
"""

from __future__ import annotations

import math

from torch import Tensor

from geomcheck.numeric._checks import SizeLimitError

__all__ = ["DENSE_TENSOR_LIMIT_BYTES", "ALTERNATIVES", "check_dense_size", "format_bytes"]

#: Largest estimated memory (bytes) a dense curvature tensor may take without ``allow_large``.
DENSE_TENSOR_LIMIT_BYTES: int = 4 * 2**30

#: What to use instead of the dense ``d³``/``d⁴`` tensors at large ``d``.
ALTERNATIVES = (
    "use the O(d²)-per-point closed forms (geomcheck.numeric.scalar_curvature, mean_curvature, "
    "principal_curvatures), or matrix-free: geomcheck.HessianOperator with "
    "geomcheck.graph_principal_curvatures / geomcheck.graph_scalar_curvature"
)

#: Arrays of the largest size alive at once, per quantity (output included).
_TEMPORARIES = {
    "christoffel": 1,       # the output
    "ricci": 4,             # H, g⁻¹H terms, H g⁻¹H products (d² each, d³ flops)
    "riemann": 5,           # two outer products, their transposes' differences, the sum
    "lowered_riemann": 3,   # outer product, difference, scaled result
    "metric_curvature": 6,  # ∂Γ, ΓΓ, its transpose difference, R, and the vmap/jacfwd copies
}


def format_bytes(n: float) -> str:
    """``n`` bytes as a short human string (``'128 TB'``)."""
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.3g} {unit}"
        n /= 1000
    raise AssertionError("unreachable")


def check_dense_size(
    what: str, points: Tensor, power: int, *, extra_d: int = 0, allow_large: bool = False
) -> int:
    """Refuse (``SizeLimitError``) when ``what`` at the batch of ``points (..., d)`` would need
    more than :data:`DENSE_TENSOR_LIMIT_BYTES`; return the estimate in bytes.

    The estimate is ``batch · d^power · itemsize · temporaries(what)`` (``extra_d`` adds a
    factor ``d`` for the flops of a ``d³`` step, which is reported but not counted as memory).
    """
    d = int(points.shape[-1])
    batch = math.prod(points.shape[:-1])
    per_point = d**power * points.element_size()
    estimate = batch * per_point * _TEMPORARIES.get(what, 1)
    if estimate > DENSE_TENSOR_LIMIT_BYTES and not allow_large:
        flops = "" if not extra_d else f" and about {batch * d ** (power + extra_d):.2g} flops"
        raise SizeLimitError(
            f"{what} at d = {d} for {batch} point(s) needs about {format_bytes(estimate)} of memory"
            f"{flops} ({d}^{power} numbers per point, {_TEMPORARIES.get(what, 1)} arrays alive at "
            f"once), over the limit of {format_bytes(DENSE_TENSOR_LIMIT_BYTES)} "
            f"(geomcheck.numeric.limits.DENSE_TENSOR_LIMIT_BYTES). Instead {ALTERNATIVES}; "
            "or pass allow_large=True to compute it anyway"
        )
    return estimate
