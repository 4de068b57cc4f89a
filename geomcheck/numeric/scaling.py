"""Overflow- and underflow-free building blocks of the graph curvature kernels.

The closed forms of a graph (``p = ∇f``, ``H = ∇²f``, ``β = 1/(1+|p|²)``) multiply quantities
of very different size: ``|p|²`` overflows float64 for ``|p| ≳ 1.3e154`` although ``β|p|²`` is
at most 1, ``β²`` underflows while ``β² |Hp|²`` may be of order 1, and ``det H`` of a
``400 × 400`` Hessian overflows although ``β^{(n+2)/2} det H`` is ``≈ 1e-3``.  The kernels
therefore never form ``|p|²``, ``β`` or ``det H`` on their own.  They work with

* ``ρ = |p|`` computed as ``m·|p/m|`` with ``m`` a power of two near ``max|p_i|``,
  the unit vector ``û = p/ρ`` (``e₁`` when ``p = 0``; every formula below is independent of
  ``û`` when ``ρ = 0``), ``w = 1/√(1+ρ²) = 1/hypot(1, ρ)`` and ``c = ρw = |p|/√(1+|p|²)``, so
  that ``β = w²`` and ``β p = w (w p)`` with ``|w p| ≤ 1``;
* ``Ĥ = H / s`` with ``s`` a power of two near ``max|H_ij|`` (exact: only the exponent
  changes), so ``max|Ĥ_ij| ∈ [1, 2)``;
* products ``value · ∏ factors`` evaluated by :func:`times` with the binary exponents of the
  factors summed as integers (``frexp``/``ldexp``), so the result is correctly scaled whenever it
  is representable, an :class:`UnrepresentableError` is raised when it overflows, and a result
  below the normal range is rounded once by IEEE gradual underflow (subnormal or zero);
* the Householder reflection ``Q`` with ``Qû = ±e₁`` (:func:`householder_frame`), in which
  ``g = Q diag(1+ρ², 1, …, 1) Q`` and ``B = QĤQ`` splits into ``a = B₀₀ = ûᵀĤû``,
  ``v_⊥ = B_{1:,0}`` and the block ``H_⊥ = B_{1:,1:}`` of ``Ĥ`` on ``û^⊥``.

Source: derived here (the frame decomposition of ``g⁻¹ = P_⊥ + w² ûûᵀ`` with
``P_⊥ = I − ûûᵀ``; Householder reflections as in Golub & Van Loan, *Matrix Computations*, §5.1).
"""

from __future__ import annotations

import torch
from torch import Tensor

from geomcheck.numeric._checks import UnrepresentableError, first_bad_index

__all__ = [
    "GradParts", "grad_parts", "hess_scale", "scaled_sum", "times", "product", "householder_frame",
    "reflect",
    "item_max", "ldexp", "split",
]

#: Exponent steps of :func:`ldexp`: ``torch.ldexp`` multiplies by ``2^step`` formed in the
#: dtype of ``x``, so a step must keep ``2^±step`` a normal number (float64: 960, float32: 100).
_EXP_STEP = 960


def _exp_step(dtype: torch.dtype) -> int:
    return _EXP_STEP if dtype == torch.float64 else 100


class GradParts:
    """``ρ = |p|`` (``(...)``), ``û`` (``(..., d)``), ``w = 1/√(1+ρ²)`` and ``wp = w·p``."""

    __slots__ = ("rho", "unit", "w", "wp")

    def __init__(self, rho: Tensor, unit: Tensor, w: Tensor, wp: Tensor) -> None:
        self.rho, self.unit, self.w, self.wp = rho, unit, w, wp

    @property
    def c2(self) -> Tensor:
        """``c² = β|p|² = |wp|²`` (never rounds up past 1)."""
        return (self.wp * self.wp).sum(dim=-1)


def _power_of_two_near(x: Tensor) -> Tensor:
    """``2^(e−1)`` with ``x = m·2^e``, ``m ∈ [½, 1)``, so ``x / 2^(e−1) ∈ [1, 2)``; ``1`` for
    ``x = 0`` (detached; representable for every finite ``x``, subnormals included)."""
    x = x.detach()
    _, e = torch.frexp(x)
    out = ldexp(torch.ones_like(x), e.to(torch.int64) - 1)
    return torch.where(x > 0, out, torch.ones_like(x))


def grad_parts(p: Tensor) -> GradParts:
    """The scaled pieces of the gradient (see the module docstring).

    With ``m`` a power of two near ``max|p_i|`` and ``ν = |p/m|``: ``w = 1/hypot(1, mν)`` for
    ``m < 1`` and ``w = (1/m)/hypot(1/m, ν)`` for ``m ≥ 1`` (so ``ρ = mν`` may even exceed the
    float range); ``w·p = (w m)(p/m)`` with ``w m ≤ 1/ν``.
    """
    m = _power_of_two_near(p.abs().amax(dim=-1))
    ps = p / m[..., None]
    norm_s = torch.linalg.vector_norm(ps, dim=-1)
    rho = m * norm_s
    positive = norm_s > 0
    safe = torch.where(positive, norm_s, torch.ones_like(norm_s))
    e1 = torch.zeros_like(p)
    e1[..., 0] = 1.0
    unit = torch.where(positive[..., None], ps / safe[..., None], e1)
    big = m >= 1
    inv_m = 1.0 / torch.where(big, m, torch.ones_like(m))
    wm_big = 1.0 / torch.hypot(inv_m, norm_s)
    w_small = 1.0 / torch.hypot(torch.ones_like(rho), torch.where(big, torch.zeros_like(rho), rho))
    w = torch.where(big, inv_m * wm_big, w_small)
    wm = torch.where(big, wm_big, w_small * m)
    return GradParts(rho, unit, w, wm[..., None] * ps)


def hess_scale(h: Tensor) -> tuple[Tensor, Tensor]:
    """``(s, Ĥ = H/s)`` with ``s`` a power of two, ``max|Ĥ| ∈ [1, 2)`` (``s = 1`` for ``H = 0``)."""
    top = torch.maximum(h.amax(dim=(-2, -1)), -h.amin(dim=(-2, -1)))  # max|H| without a |H| copy
    s = _power_of_two_near(top)
    return s, h / s[..., None, None]  # exact (s is a power of two; 1/s may overflow float32)


def ldexp(x: Tensor, e: Tensor) -> Tensor:
    """``x · 2^e`` in steps whose factor ``2^step`` is a normal number of the dtype (``2^±960``
    in float64, ``2^±100`` in float32), so no factor over- or underflows on its own."""
    e = e.to(torch.int64)
    limit = _exp_step(x.dtype)
    while True:
        step = e.clamp(-limit, limit)
        x = torch.ldexp(x, step.to(x.dtype))
        e = e - step
        if not bool((e != 0).any()):
            return x


def _expand(t: Tensor, event_ndim: int) -> Tensor:
    return t.reshape(tuple(t.shape) + (1,) * event_ndim)


def split(f: Tensor) -> tuple[Tensor, Tensor]:
    """``f = m · 2^e`` with differentiable ``m`` (``|m| ∈ [½, 1)`` or 0) and detached int64 ``e``."""
    _, e = torch.frexp(f.detach())
    e = e.to(torch.int64)
    return ldexp(f, -e), e


Term = tuple[Tensor, list[Tensor]]


def scaled_sum(terms: list[Term], *, event_ndim: int, what: str,
               exponent: Tensor | None = None) -> Tensor:
    """``Σ_t value_t · ∏ factors_t`` (times ``2^exponent``), without intermediate over/underflow.

    Each factor (of the batch shape, broadcast over the ``event_ndim`` trailing axes) is split
    as ``f = m · 2^e`` (``m ∈ [½, 1)``, integer ``e``); the mantissas multiply the term's value
    (so it can only shrink) and the exponents add as integers.  The terms are brought to the
    largest exponent among those that are non-zero (a term that is exactly zero never sets
    the scale), summed, and the exponent is applied at the end.  Raises
    :class:`UnrepresentableError` when an item of the result overflows.  A result below the
    smallest normal number is returned as IEEE gradual underflow rounds it (a subnormal number
    or a signed zero: absolute error below the smallest normal number, as a NumPy or LAPACK
    routine would give); :func:`geomcheck.numeric.log_abs_gauss_curvature` gives the quantity
    that commonly underflows (``det s`` at large ``d``) in logarithmic form.
    """
    units, exps = [], []
    for value, factors in terms:
        e_t = torch.zeros(value.shape[: value.ndim - event_ndim], dtype=torch.int64,
                          device=value.device)
        unit = value
        for f in factors:
            m, e = split(f)
            unit = unit * _expand(m, event_ndim)
            e_t = e_t + e
        units.append(unit)
        exps.append(e_t)
    floor = torch.iinfo(torch.int64).min
    nonzero = [item_max(u, event_ndim) > 0 for u in units]
    top = torch.stack([torch.where(nz, e, torch.full_like(e, floor)) for nz, e in zip(nonzero, exps)]).amax(0)
    top = torch.where(top == floor, torch.zeros_like(top), top)
    total = units[0].new_zeros(())
    for unit, e_t in zip(units, exps):
        shift = (e_t - top).clamp(min=-2200)  # a term 2^-2200 below the top is zero in any dtype
        total = total + ldexp(unit, _expand(shift, event_ndim))
    if exponent is not None:
        top = top + exponent.to(torch.int64)
    out = ldexp(total, _expand(top, event_ndim))
    _check_representable(out, event_ndim, what)
    return out


def times(value: Tensor, factors: list[Tensor], *, event_ndim: int, what: str) -> Tensor:
    """``value · ∏ factors`` through :func:`scaled_sum` (one term)."""
    return scaled_sum([(value, factors)], event_ndim=event_ndim, what=what)


def product(values: Tensor) -> tuple[Tensor, Tensor]:
    """``∏_k values[..., k]`` as ``(mantissa, exponent)``: ``mantissa · 2^exponent`` exactly scaled.

    Mantissas are multiplied in chunks of 512 (each in ``[½, 1)``, so a chunk stays above
    ``2^-512``) and renormalised between chunks; the rounding error is ``k`` ulps.
    """
    mant, e = split(values)
    exponent = e.sum(dim=-1)
    out = torch.ones(values.shape[:-1], dtype=values.dtype, device=values.device)
    for chunk in mant.split(512, dim=-1):
        out = out * chunk.prod(dim=-1)
        out, e2 = split(out)
        exponent = exponent + e2
    return out, exponent


def item_max(t: Tensor, event_ndim: int) -> Tensor:
    t = t.detach().abs()
    return t.flatten(start_dim=t.ndim - event_ndim).amax(dim=-1) if event_ndim else t


def _check_representable(out: Tensor, event_ndim: int, what: str) -> None:
    if out.numel() == 0:
        return
    finfo = torch.finfo(out.dtype)
    big = item_max(out, event_ndim)
    overflow = ~torch.isfinite(big)
    if bool(overflow.any()):
        where = "" if overflow.ndim == 0 else f" at batch index {first_bad_index(overflow)}"
        raise UnrepresentableError(
            f"{what} is not representable in {out.dtype}{where}: its magnitude exceeds the "
            f"largest finite number {finfo.max:.3g} (the inputs are finite, the answer is not)"
        )


def householder_frame(unit: Tensor) -> tuple[Tensor, Tensor]:
    """``(v, τ)`` with ``Q = I − τ v vᵀ`` symmetric orthogonal and ``Q û = −sign(û₀) e₁``.

    ``v = û + sign(û₀) e₁`` (``sign(0) = +1``, no cancellation), ``τ = 2/|v|² = 1/(1+|û₀|)``.
    """
    u0 = unit[..., 0]
    sign = torch.where(u0 >= 0, torch.ones_like(u0), -torch.ones_like(u0))
    v = unit.clone()
    v[..., 0] = u0 + sign
    tau = 1.0 / (1.0 + u0.abs())
    return v, tau


def reflect(x: Tensor, v: Tensor, tau: Tensor) -> Tensor:
    """``Q X Q`` for ``Q = I − τ v vᵀ`` and *symmetric* ``X``, as one rank-2 update (``O(d²)``).

    With ``y = Xv`` and ``z = τ y − ½ τ² (vᵀy) v``: ``QXQ = X − v zᵀ − z vᵀ`` (expand
    ``X − τ v yᵀ − τ y vᵀ + τ² (vᵀy) v vᵀ``).
    """
    t = tau[..., None]
    y = (x @ v.unsqueeze(-1)).squeeze(-1)
    vy = (v * y).sum(dim=-1, keepdim=True)
    z = t * y - (0.5 * t * t * vy) * v
    d = x.shape[-1]
    left = torch.stack([v, z], dim=-1).reshape(-1, d, 2)
    right = torch.stack([z, v], dim=-2).reshape(-1, 2, d)
    return torch.baddbmm(x.reshape(-1, d, d), left, right, alpha=-1).reshape(x.shape)
