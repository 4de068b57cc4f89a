"""Hypothesis strategies for the extreme regimes of the curvature kernels.

The everyday strategies (:func:`geomcheck.testing.points`, :func:`symmetric_matrices`,
:func:`smooth_functions`) keep ``|∇f| ≲ 5``, entries in ``[−2, 2]`` and ``d ≤ 6``.  These reach
the ranges where naive closed forms overflow, underflow or cancel:

* :func:`extreme_derivatives` — a gradient ``p`` with ``|p| = 10^a`` (``a`` up to ±150, or
  exactly ``p = 0``) and a symmetric Hessian with ``max|H| ≈ 10^b`` (``b`` up to ±150) in
  dimension ``d`` up to 1000, in four shapes: ``dense`` (symmetrised Gaussian), ``diagonal``,
  ``gradient_aligned`` (``H ≈ λ ûûᵀ`` plus a small dense part: the curvature lives mostly along
  the steep direction, where ``β`` must not be rounded away), and ``axis`` (``p`` along a
  coordinate axis, the Householder frame's exact case);
* :func:`scaled_smooth_functions` — ``c · f`` for a smooth ``f`` of
  :func:`~geomcheck.testing.smooth_functions` and ``c = 10^k`` (``k`` up to ±150 by default),
  so ``|∇(cf)|`` and ``|∇²(cf)|`` reach ``1e150`` through automatic differentiation.

Large arrays are generated from a drawn seed with ``torch.Generator`` (drawing ``10⁶`` floats
through Hypothesis would be slow); the seed, exponents and shape are what shrink and what a
failure prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
import torch
from hypothesis import strategies as st
from torch import Tensor

from geomcheck.testing.functions import SmoothFunction, smooth_function, smooth_functions

__all__ = ["ExtremeDerivatives", "STRUCTURES", "extreme_derivatives", "make_extreme",
           "scaled_smooth_functions"]

#: Shapes of Hessian (and gradient) that :func:`extreme_derivatives` draws.
STRUCTURES = ("dense", "diagonal", "gradient_aligned", "axis")


@dataclass(frozen=True, eq=False)
class ExtremeDerivatives:
    """A float64 gradient ``(d,)`` and symmetric Hessian ``(d, d)`` and how they were made."""

    grad: Tensor = field(repr=False)
    hess: Tensor = field(repr=False)
    grad_log10: float | None
    hess_log10: float
    structure: str
    seed: int
    definite: int = 0

    @property
    def dim(self) -> int:
        return int(self.grad.shape[-1])

    def __repr__(self) -> str:
        return (f"make_extreme(d={self.dim}, grad_log10={self.grad_log10}, hess_log10={self.hess_log10}, "
                f"structure={self.structure!r}, seed={self.seed}, definite={self.definite})")


def make_extreme(d: int, grad_log10: float | None, hess_log10: float, structure: str,
                 seed: int, definite: int = 0) -> ExtremeDerivatives:
    """Build the example of :func:`extreme_derivatives` deterministically (``grad_log10=None``:
    ``p = 0``); every entry is an ordinary float64 (the reference uses these exact values).

    ``definite = +1`` (``−1``) makes ``H`` positive (negative) definite: the random part becomes
    ``AAᵀ/d + I/10`` (diagonal: ``|D| + 1/10``), so every principal curvature has one sign and
    ``S``, the mean and the Gauss–Kronecker curvature are sums of same-sign terms (no
    cancellation: relative accuracy is then a fair demand)."""
    if definite not in (-1, 0, 1):
        raise ValueError(f"definite must be -1, 0 or 1, got {definite}")
    if d < 1:
        raise ValueError(f"dimension must be >= 1, got {d}")
    if structure not in STRUCTURES:
        raise ValueError(f"structure must be one of {STRUCTURES}, got {structure!r}")
    gen = torch.Generator().manual_seed(seed)
    f64 = torch.float64
    if structure == "axis":
        direction = torch.zeros(d, dtype=f64)
        direction[int(torch.randint(d, (1,), generator=gen))] = 1.0
    else:
        direction = torch.randn(d, generator=gen, dtype=f64)
        direction = direction / torch.linalg.vector_norm(direction)
    grad = torch.zeros(d, dtype=f64) if grad_log10 is None else direction * 10.0**grad_log10
    hscale = 10.0**hess_log10
    if structure == "diagonal":
        diag = torch.randn(d, generator=gen, dtype=f64)
        hess = torch.diag(diag.abs() + 0.1 if definite else diag)
    else:
        a = torch.randn(d, d, generator=gen, dtype=f64)
        hess = a @ a.T / d + 0.1 * torch.eye(d, dtype=f64) if definite else (a + a.T) / (2.0 * d**0.5)
        if structure == "gradient_aligned":
            lam = 1.0 + torch.rand((), generator=gen, dtype=f64)
            hess = lam * torch.outer(direction, direction) + 1e-3 * hess
    hess = hess / hess.abs().max() * hscale if bool(hess.abs().max() > 0) else hess
    hess = (hess + hess.T) / 2  # exactly symmetric after rounding
    if definite < 0:
        hess = -hess
    return ExtremeDerivatives(grad, hess, grad_log10, hess_log10, structure, seed, definite)


def extreme_derivatives(
    *,
    dims: tuple[int, ...] = (1, 2, 3, 5, 8),
    grad_log10: tuple[float, float] = (-150.0, 150.0),
    hess_log10: tuple[float, float] = (-150.0, 150.0),
    zero_gradient: bool = True,
    structures: tuple[str, ...] = STRUCTURES,
    definite: bool = False,
) -> st.SearchStrategy[ExtremeDerivatives]:
    """Gradients with ``|p| = 10^a`` (or ``p = 0``) and Hessians with ``max|H| = 10^b``.

    ``a`` and ``b`` are drawn uniformly from the given ranges (also the endpoints and 0, where
    Hypothesis shrinks to), ``d`` from ``dims``, the shape from ``structures``; with
    ``definite=True`` the Hessian is positive or negative definite (see :func:`make_extreme`).
    """
    exps_g = st.floats(*grad_log10, allow_nan=False, allow_infinity=False)
    grad_part = st.one_of(st.none(), exps_g) if zero_gradient else exps_g
    return st.builds(
        make_extreme,
        st.sampled_from(dims),
        grad_part,
        st.floats(*hess_log10, allow_nan=False, allow_infinity=False),
        st.sampled_from(structures),
        st.integers(0, 2**31 - 1),
        st.sampled_from((1, -1)) if definite else st.just(0),
    )


def _scaled(f: SmoothFunction, k: int) -> SmoothFunction:
    return smooth_function(sympy.Integer(10) ** k * f.expr, f.symbols)


def scaled_smooth_functions(
    n: int, *, log10_scale: tuple[int, int] = (-150, 150), max_leaves: int = 3
) -> st.SearchStrategy[SmoothFunction]:
    """``10^k · f`` for ``f`` from :func:`smooth_functions` and an integer ``k`` in the range.

    On ``|x_i| ≤ 1`` the derivatives of ``f`` are within a few orders of magnitude of 1 (see
    :mod:`geomcheck.testing.functions`), so ``|∇(10^k f)|`` is about ``10^k``.
    """
    return st.builds(_scaled, smooth_functions(n, max_leaves=max_leaves), st.integers(*log10_scale))
