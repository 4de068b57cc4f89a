"""The kernels in extreme regimes against 50-digit mpmath references (issue 14, finding 1).

Targets: relative error ≤ 1e-10 wherever the true value is a normal float64, for ``|∇f|`` from
0 to 1e150 and ``max|H|`` from 1e-150 to 1e150; an :class:`UnrepresentableError` where the true
value overflows; below the normal range the IEEE-rounded value (absolute error < the smallest
normal number).  Relative accuracy is demanded of ``S``, the mean and the Gauss–Kronecker
curvature where they are sums of same-sign terms (definite ``H``); for indefinite ``H`` the
error is measured against the entrywise condition scale (``Σ|x ∂X/∂x|`` over the inputs ``x``:
what rounding the inputs alone can cause, :func:`mp_reference.condition_scales`); eigenvalues
and tensors are compared normwise.  References:
:mod:`tests.numeric.mp_reference` (expanded closed forms and definitions, never the kernels'
frame).
"""

from __future__ import annotations

import math

import mpmath
import pytest
import torch
from hypothesis import example, given, settings

from geomcheck import numeric as gn
from geomcheck.numeric import UnrepresentableError
from geomcheck.testing import make_symbols, points, smooth_function
from geomcheck.testing.extreme import extreme_derivatives, make_extreme, scaled_smooth_functions

from . import mp_reference as ref

F64 = torch.float64
RTOL = 1e-10
TINY = torch.finfo(F64).tiny
BIG = torch.finfo(F64).max


def _check_scalar(compute, expected: mpmath.mpf, *, allowance: float = 0.0, what: str) -> None:
    """``compute()`` against ``expected`` (see the module docstring for the contract)."""
    mag = abs(expected)
    if mag > BIG:
        with pytest.raises(UnrepresentableError):
            compute()
        return
    value = float(compute())
    err = abs(mpmath.mpf(value) - expected)
    if mag < TINY and allowance < TINY:
        assert err <= TINY, f"{what}: {value!r} vs {expected} (below the normal range)"
        return
    bound = RTOL * max(float(mag), allowance)
    assert float(err) <= bound, f"{what}: {value!r} vs {mpmath.nstr(expected, 17)}, error {float(err):.3e} > {bound:.3e}"


def _check_kappa(e, kappa_ref: list) -> None:
    top = max(abs(k) for k in kappa_ref)
    if top > BIG:
        with pytest.raises(UnrepresentableError):
            gn.principal_curvatures(e.grad, e.hess)
        return
    kappa = gn.principal_curvatures(e.grad, e.hess)
    err = max(abs(mpmath.mpf(float(a)) - b) for a, b in zip(kappa.tolist(), kappa_ref))
    assert float(err) <= max(RTOL * float(top), TINY), f"kappa normwise error {float(err):.3e}, max|kappa| {float(top):.3e}"


@settings(max_examples=40)
@given(extreme_derivatives(definite=True))
@example(make_extreme(2, 10.0, 0.0, "dense", 1, definite=1))  # S = 2β² det H: naive form gave 0
@example(make_extreme(1, 10.0, 0.0, "dense", 2, definite=1))  # mean = w³ f'': naive form gave 0
@example(make_extreme(3, 150.0, 150.0, "gradient_aligned", 3, definite=-1))
@example(make_extreme(2, None, 150.0, "diagonal", 4, definite=1))  # S ~ 1e300 at p = 0
@example(make_extreme(5, -150.0, -150.0, "axis", 5, definite=1))
@example(make_extreme(8, 150.0, -150.0, "dense", 6, definite=1))  # everything underflows
def test_definite_hessians_relative_error(e) -> None:
    """Definite ``H``: S, mean, Gauss–Kronecker relative ≤ 1e-10; κ normwise."""
    s_ref, mean_ref = ref.scalar_and_mean(e.grad, e.hess)
    _check_scalar(lambda: gn.scalar_curvature(e.grad, e.hess), s_ref, what=f"S {e!r}")
    _check_scalar(lambda: gn.mean_curvature(e.grad, e.hess), mean_ref, what=f"mean {e!r}")
    _check_scalar(lambda: gn.gauss_curvature(e.grad, e.hess), ref.gauss_curvature(e.grad, e.hess),
                  what=f"gauss {e!r}")
    _check_kappa(e, ref.principal_curvatures(e.grad, e.hess))


@settings(max_examples=40)
@given(extreme_derivatives())
@example(make_extreme(2, 10.0, 0.0, "dense", 7))
@example(make_extreme(3, 149.0, 150.0, "gradient_aligned", 8))
@example(make_extreme(2, 160.0 - 10.0, -150.0, "axis", 9))
def test_indefinite_hessians_against_condition_scale(e) -> None:
    """Any symmetric ``H``: S and the mean within 1e-10 × max(|value|, 1e-3 × entrywise
    condition scale), i.e. at worst ~1000 ulps of what the rounding of the inputs alone causes."""
    s_ref, mean_ref = ref.scalar_and_mean(e.grad, e.hess)
    cond_s, cond_m = ref.condition_scales(e.grad, e.hess)
    _check_scalar(lambda: gn.scalar_curvature(e.grad, e.hess), s_ref, allowance=1e-3 * cond_s,
                  what=f"S {e!r}")
    _check_scalar(lambda: gn.mean_curvature(e.grad, e.hess), mean_ref, allowance=1e-3 * cond_m,
                  what=f"mean {e!r}")
    _check_kappa(e, ref.principal_curvatures(e.grad, e.hess))


def _normwise(actual: torch.Tensor, expected: torch.Tensor, what: str) -> None:
    top = float(expected.abs().max())
    err = float((actual - expected).abs().max())
    assert err <= max(RTOL * top, TINY), f"{what}: normwise error {err:.3e}, max {top:.3e}"


@settings(max_examples=15)
@given(extreme_derivatives(dims=(1, 2, 3, 4), grad_log10=(-150.0, 150.0), hess_log10=(-100.0, 100.0)))
@example(make_extreme(2, 150.0, 100.0, "gradient_aligned", 10))
def test_tensors_normwise(e) -> None:
    """Γ, Riemann (both index positions), Ricci, shape operator, g⁻¹: normwise relative ≤ 1e-10 (``|H| ≤ 1e100``
    so that ``β|H|²`` stays representable)."""
    gamma, low, ric = ref.christoffel_and_riemann(e.grad, e.hess)
    _normwise(gn.christoffel(e.grad, e.hess), ref.to_tensor(gamma), f"christoffel {e!r}")
    _normwise(gn.lowered_riemann(e.grad, e.hess), ref.to_tensor(low), f"lowered riemann {e!r}")
    _normwise(gn.ricci(e.grad, e.hess), ref.to_tensor(ric), f"ricci {e!r}")
    with mpmath.workdps(ref.dps_for(e.grad)):
        pv = [mpmath.mpf(float(v)) for v in e.grad.tolist()]
        n = len(pv)
        g = mpmath.matrix([[(1 if i == j else 0) + pv[i] * pv[j] for j in range(n)] for i in range(n)])
        ginv = mpmath.inverse(g)
        w = 1 / mpmath.sqrt(1 + mpmath.fsum(v * v for v in pv))
        hm = mpmath.matrix([[mpmath.mpf(float(v)) for v in row] for row in e.hess.tolist()])
        shape = ginv * (w * hm)
        ginv_l = [[ginv[i, j] for j in range(n)] for i in range(n)]
        shape_l = [[shape[i, j] for j in range(n)] for i in range(n)]
        raised = [[[[mpmath.fsum(ginv[i, r] * low[r][j][k][m] for r in range(n)) for m in range(n)]
                    for k in range(n)] for j in range(n)] for i in range(n)]
    _normwise(gn.riemann(e.grad, e.hess), ref.to_tensor(raised), f"riemann {e!r}")
    _normwise(gn.inverse_graph_metric(e.grad), ref.to_tensor(ginv_l), f"inverse metric {e!r}")
    _normwise(gn.shape_operator(e.grad, e.hess), ref.to_tensor(shape_l), f"shape operator {e!r}")


# ------------------------------------------------------------------ the examples


def test_gradient_beyond_1e154_gives_the_true_values() -> None:
    """``|∇f| = 1e160`` (``|∇f|²`` overflows): S, mean and κ are finite and right; the metric
    itself is not representable and says so."""
    p = torch.tensor([1e160, 0.0], dtype=F64)
    h = torch.tensor([[2.0, 0.5], [0.5, 3.0]], dtype=F64)
    s_ref, mean_ref = ref.scalar_and_mean(p, h)
    _check_scalar(lambda: gn.scalar_curvature(p, h), s_ref, what="S")
    _check_scalar(lambda: gn.mean_curvature(p, h), mean_ref, what="mean")
    # mean = w (H_22 + w² H_11) / 2 with w = 1e-160: 1.5e-160 to 16 digits
    assert float(gn.mean_curvature(p, h)) == pytest.approx(1.5e-160, rel=1e-15)
    with pytest.raises(UnrepresentableError, match="metric"):
        gn.graph_metric(p)
    c = gn.curvature_from_derivatives(p, h)
    assert torch.isfinite(c.principal_curvatures).all()
    assert float(c.principal_curvatures[-1]) == pytest.approx(3e-160, rel=1e-14)


def test_gauss_curvature_d400_without_overflow_of_det_h() -> None:
    """``d = 400``, ``p_i = 1/2``, ``H = 10 I``: ``det H = 1e400`` overflows, ``det s`` does not.

    Derived: ``|p|² = 100``, ``det s = β^{(n+2)/2} det H = 101^{-201} · 10^{400}``.
    """
    d = 400
    p = torch.full((d,), 0.5, dtype=F64)
    h = 10.0 * torch.eye(d, dtype=F64)
    with mpmath.workdps(50):
        expected = mpmath.power(101, -201) * mpmath.power(10, 400)
    _check_scalar(lambda: gn.gauss_curvature(p, h), expected, what="gauss d=400")
    assert float(gn.gauss_curvature(p, h)) == pytest.approx(1.3533305e-3, rel=1e-7)
    sign, log_abs = gn.log_abs_gauss_curvature(p, h)
    assert float(sign) == 1.0
    assert float(log_abs) == pytest.approx(400 * math.log(10) - 201 * math.log(101), rel=1e-14)


def test_huge_hessian_overflow_is_an_error_not_nan() -> None:
    """``max|H| = 1e160`` at ``p = 0``: ``S = 2σ₂(H) ~ 1e320`` is not a float64: clear error."""
    h = torch.diag(torch.tensor([1e160, 2e160], dtype=F64))
    p = torch.zeros(2, dtype=F64)
    with pytest.raises(UnrepresentableError, match="scalar curvature.*exceeds the largest"):
        gn.scalar_curvature(p, h)
    # the mean curvature (1.5e160) is representable and exact
    assert float(gn.mean_curvature(p, h)) == 1.5e160


def test_f_1e300_exp_through_autodiff() -> None:
    """``f = 1e300·exp(x₁) + x₂²/2`` at 0: ``p = (1e300, 0)``, ``H = diag(1e300, 1)``.

    Derived: ``w = 1/√(1+1e600) = 1e-300`` (to 1e-600), principal curvatures ``w³·1e300 = 1e-600``
    (underflows to 0) and ``w·1 = 1e-300``; ``S = 2κ₁κ₂ = 2e-900`` underflows to 0; the mean
    ``(1e-600 + 1e-300)/2 = 5e-301``.
    """
    def f(x):
        return 1e300 * torch.exp(x[0]) + x[1] ** 2 / 2

    c = gn.curvature(f, torch.zeros(2, dtype=F64))
    assert float(c.mean_curvature) == pytest.approx(5e-301, rel=1e-14)
    assert c.principal_curvatures.tolist() == [0.0, pytest.approx(1e-300, rel=1e-14)]
    assert float(c.scalar_curvature) == 0.0


def test_float32_range() -> None:
    """float32: ``|∇f| = 1e30`` (``|∇f|² = 1e60`` overflows float32) still gives the mean curvature."""
    p = torch.tensor([1e30, 0.0], dtype=torch.float32)
    h = torch.tensor([[1.0, 0.0], [0.0, 2.0]], dtype=torch.float32)
    mean = gn.mean_curvature(p, h)
    assert mean.dtype == torch.float32
    assert float(mean) == pytest.approx(1e-30, rel=1e-6)  # w (2 + w²) / 2, w = 1e-30


# ------------------------------------------------------------------ through autodiff


@settings(max_examples=10)
@given(scaled_smooth_functions(2, log10_scale=(-150, 150)), points(2, bound=1.0))
@example(smooth_function("10**150*(x1**2/2 + x1*x2 + 3*x2**2/2 + x1)", make_symbols(2)),
         torch.tensor([0.5, -0.25], dtype=F64))
def test_scaled_functions_through_the_pipeline(f, x) -> None:
    """``curvature(10^k f, x)``: the autodiff jet matches SymPy's exact one (normwise 1e-12) and
    every scalar matches mpmath on that jet (S and mean against their condition scales)."""
    import sympy

    grad_exact = [sympy.diff(f.expr, s) for s in f.symbols]
    hess_exact = [[sympy.diff(f.expr, a, b) for b in f.symbols] for a in f.symbols]
    subs = dict(zip(f.symbols, [sympy.Float(float(v), 60) for v in x.tolist()]))
    try:
        c = gn.curvature(f.torch_fn, x)
    except gn.InvalidInputError as exc:  # f or its derivatives overflow float64 at x
        values = [abs(sympy.N(e.subs(subs), 30)) for e in [f.expr, *grad_exact, *sum(hess_exact, [])]]
        assert max(values) > 1e300, f"raised {exc} although the jet is representable"
        return
    g_ref = torch.tensor([float(sympy.N(e.subs(subs), 30)) for e in grad_exact], dtype=F64)
    h_ref = torch.tensor([[float(sympy.N(e.subs(subs), 30)) for e in row] for row in hess_exact], dtype=F64)
    assert float((c.grad - g_ref).abs().max()) <= 1e-12 * max(float(g_ref.abs().max()), TINY)
    assert float((c.hess - h_ref).abs().max()) <= 1e-12 * max(float(h_ref.abs().max()), TINY)
    s_ref, mean_ref = ref.scalar_and_mean(c.grad, c.hess)
    cond_s, cond_m = ref.condition_scales(c.grad, c.hess)
    _check_scalar(lambda: c.scalar_curvature, s_ref, allowance=1e-3 * cond_s, what=f"S of {f} at {x}")
    _check_scalar(lambda: c.mean_curvature, mean_ref, allowance=1e-3 * cond_m, what=f"mean of {f} at {x}")


# ------------------------------------------------------------------ large d (O(d²) fields)


@pytest.mark.parametrize("d", [64, pytest.param(1000, marks=pytest.mark.slow)])
@pytest.mark.parametrize("grad_log10,hess_log10", [(150.0, 150.0), (150.0, -150.0), (0.0, 0.0),
                                                   (-150.0, 150.0)])
def test_large_dimension_scalars(d: int, grad_log10: float, hess_log10: float) -> None:
    """``d = 64`` (and 1000, slow): S and the mean of a definite ``H`` (relative 1e-10), and the
    Gauss–Kronecker curvature of a diagonal one, at the extremes of the ranges."""
    e = make_extreme(d, grad_log10, hess_log10, "dense", 11, definite=1)
    s_ref, mean_ref = ref.scalar_and_mean(e.grad, e.hess)
    _check_scalar(lambda: gn.scalar_curvature(e.grad, e.hess), s_ref, what=f"S d={d}")
    _check_scalar(lambda: gn.mean_curvature(e.grad, e.hess), mean_ref, what=f"mean d={d}")
    diag = make_extreme(d, grad_log10, hess_log10, "diagonal", 12, definite=1)
    _check_scalar(lambda: gn.gauss_curvature(diag.grad, diag.hess), ref.gauss_curvature(diag.grad, diag.hess),
                  what=f"gauss d={d}")
