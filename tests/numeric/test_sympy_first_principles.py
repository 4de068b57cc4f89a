"""Kernels against plain SymPy computed from the metric (n = 2, 3): float64 ≤ 1e-10 relative.

The reference (:func:`helpers.symbolic_graph_reference`) derives Γ, Riemann, Ricci and ``S``
of the metric ``I + ∇f∇fᵀ`` of an undefined ``f(x1, …, xn)`` in SymPy from first principles
(Koszul formula, definition of ``R``), lambdifies it to 40-digit mpmath in the jet of ``f``,
and evaluates it at the exact SymPy derivatives of a concrete or randomly drawn ``f``.  No
graph closed form is used.
"""

from __future__ import annotations

import itertools

import pytest
import torch
from hypothesis import example, given
from hypothesis import strategies as st

from geomcheck import numeric as gn
from geomcheck.testing import SmoothFunction, make_symbols, points, smooth_function, smooth_functions

from .helpers import RTOL64, assert_rel_close, curvature_scale, symbolic_graph_reference

F64 = torch.float64

CONCRETE = [
    ("x1**2*x2 + sin(x1)*x2**2/2", 2),
    ("exp(x1/2)*cos(x2) + x1*x2", 2),
    ("log(1 + x1**2 + x2**2)", 2),
    ("x1*x2*x3 + sin(x1 + x2**2)/2 + x3**3/3", 3),
    ("exp(-(x1**2 + x2**2 + x3**2)/2) + x1*x3", 3),
]


def _check_against_reference(f, x: torch.Tensor) -> None:
    c = gn.curvature(f.torch_fn, x)
    refs = [symbolic_graph_reference(f.expr, f.symbols, point.tolist()) for point in x.reshape(-1, f.n)]

    def ref(name: str) -> torch.Tensor:
        values = torch.tensor([r[name] for r in refs], dtype=F64)
        return values.reshape((*x.shape[:-1], *values.shape[1:]))

    # Autodiff derivatives carry an absolute rounding error of a few ulps of the terms they sum
    # (atan(exp(x2/2)) at x2 = 2.2e-16: f'' = e^{x/2}(1 - e^x)/(4(1 + e^x)^2) ≈ -1.4e-17 comes out of
    # two terms of 1/16 that cancel): the kernels are compared up to that input error, propagated —
    # δ = 1e3·ε·(1 + max|p| + max|H|) for p and H, hence |p|·δ for Γ and 2|H|·δ + δ² for the
    # curvatures (β ≤ 1) — or 1e-10 relative, whichever is larger.
    eps = torch.finfo(F64).eps
    p_max, h_max = float(c.grad.abs().max()), float(c.hess.abs().max())
    delta = 1e3 * eps * (1 + p_max + h_max)
    floor = lambda absolute: absolute / RTOL64  # noqa: E731  (assert_rel_close's scale for an absolute floor)
    scale = max(curvature_scale(c.grad, c.hess), floor(2 * h_max * delta + delta**2))
    assert_rel_close(c.metric, ref("metric"), scale=floor(2 * p_max * delta), what="metric")
    assert_rel_close(c.christoffel, ref("christoffel"), scale=floor(p_max * delta), what="christoffel")
    assert_rel_close(c.riemann, ref("riemann"), scale=scale, what="riemann")
    assert_rel_close(c.ricci, ref("ricci"), scale=scale, what="ricci")
    assert_rel_close(c.scalar_curvature, ref("scalar_curvature"), scale=scale, what="scalar curvature")


@pytest.mark.parametrize(("text", "n"), CONCRETE)
def test_kernels_match_symbolic_first_principles(text: str, n: int) -> None:
    f = smooth_function(text, make_symbols(n))
    gen = torch.Generator().manual_seed(1234 + n)
    _check_against_reference(f, torch.rand(3, n, generator=gen, dtype=F64) * 2 - 1)


@st.composite
def functions_and_points(draw: st.DrawFn) -> tuple[SmoothFunction, torch.Tensor]:
    n = draw(st.sampled_from([2, 3]))
    return draw(smooth_functions(n)), draw(points(n))


@given(functions_and_points())
@example((smooth_function("exp(2*x3)*exp(x1**2 + x1 + 2*x3)", make_symbols(3)),
          torch.tensor([0.0, 0.0, 1.0], dtype=F64)))
@example((smooth_function("exp(2*x1*x3**2)", make_symbols(3)), torch.tensor([1.0, 0.0, -2.0], dtype=F64)))
# thorough profile: f'' ≈ -1.4e-17 by cancellation, so Γ is autodiff rounding (100 % relative error)
@example((smooth_function("atan(exp(x2/2))", make_symbols(2)), torch.tensor([0.0, 2.220446049250313e-16], dtype=F64)))
def test_kernels_match_symbolic_first_principles_on_random_functions(case) -> None:
    f, x = case
    _check_against_reference(f, x)


def test_riemann_symmetries_on_a_concrete_function() -> None:
    """Antisymmetries, pair symmetry (lowered) and the first Bianchi identity."""
    f = smooth_function("x1*x2*x3 + sin(x1 + x2**2)/2 + x3**3/3", make_symbols(3))
    c = gn.curvature(f.torch_fn, torch.tensor([0.3, -0.7, 0.5], dtype=F64))
    low = c.lowered_riemann
    scale = curvature_scale(c.grad, c.hess)
    assert_rel_close(low, -low.transpose(-1, -2), scale=scale, what="R_ijkm = -R_ijmk")
    assert_rel_close(low, -low.transpose(0, 1), scale=scale, what="R_ijkm = -R_jikm")
    assert_rel_close(low, low.permute(2, 3, 0, 1), scale=scale, what="R_ijkm = R_kmij")
    for i, j, k, m in itertools.product(range(3), repeat=4):
        bianchi = c.riemann[i, j, k, m] + c.riemann[i, k, m, j] + c.riemann[i, m, j, k]
        assert abs(float(bianchi)) <= 1e-12 * max(scale, 1.0)
