"""Every closed-form kernel against the autodiff oracle applied to the graph metric.

The oracle (:mod:`geomcheck.numeric.oracle`) differentiates ``g(x) = I + ∇f∇fᵀ`` with
``torch.func`` and uses no graph closed form, so agreement checks the derivations.
Two sources of inputs: arbitrary ``(∇f, ∇²f) = (p, H)`` realised by the quadratic
``pᵀx + ½xᵀHx`` at ``x = 0`` (``d ≤ 6``), and random smooth functions at random points.
"""

from __future__ import annotations

import torch
from hypothesis import example, given
from hypothesis import strategies as st

from geomcheck import numeric as gn
from geomcheck.testing import (
    SmoothFunction,
    make_symbols,
    points,
    smooth_function,
    smooth_functions,
    symmetric_matrices,
)

from .helpers import assert_rel_close, curvature_scale, quadratic, sigma2

F64 = torch.float64


def _compare_with_oracle(f, x: torch.Tensor) -> None:
    """Kernels vs oracle, relative to natural scales times ``cond(g) = 1 + |∇f|²``.

    The oracle inverts ``g`` numerically and differentiates through that inverse, so its own
    error grows like ``cond(g) · ε`` (the closed forms do not: see the steep regression test in
    ``test_sympy_first_principles``); lowering its Riemann tensor with ``g`` costs another
    ``‖g‖ = cond(g)``.
    """
    c = gn.curvature(f, x)
    o = gn.metric_curvature(gn.graph_metric_field(f), x)
    cond_g = float((1 + (c.grad * c.grad).sum(-1)).max())
    scale = curvature_scale(c.grad, c.hess) * cond_g
    assert_rel_close(c.metric, o.metric, what="metric")
    assert_rel_close(c.inverse_metric, o.inverse_metric, scale=cond_g, what="inverse metric")
    gamma_scale = float((c.grad.norm(dim=-1) * c.hess.norm(dim=(-2, -1))).max()) * cond_g
    assert_rel_close(c.christoffel, o.christoffel, scale=gamma_scale, what="christoffel")
    assert_rel_close(c.riemann, o.riemann, scale=scale, what="riemann")
    lowered_oracle = torch.einsum("...ir,...rjkm->...ijkm", o.metric, o.riemann)
    assert_rel_close(c.lowered_riemann, lowered_oracle, scale=scale * cond_g, what="lowered riemann")
    assert_rel_close(c.ricci, o.ricci, scale=scale, what="ricci")
    assert_rel_close(c.scalar_curvature, o.scalar_curvature, scale=scale, what="scalar curvature")


@st.composite
def derivative_pairs(draw: st.DrawFn) -> tuple[torch.Tensor, torch.Tensor]:
    d = draw(st.integers(min_value=1, max_value=6))
    return draw(points(d, bound=2.0)), draw(symmetric_matrices(d))


@given(derivative_pairs())
def test_closed_forms_match_oracle_for_arbitrary_derivatives(pair) -> None:
    p, h = pair
    _compare_with_oracle(quadratic(p, h), torch.zeros_like(p))


@st.composite
def functions_and_points(draw: st.DrawFn) -> tuple[SmoothFunction, torch.Tensor]:
    n = draw(st.integers(min_value=1, max_value=4))
    return draw(smooth_functions(n)), draw(points(n, batch_size=2))


@given(functions_and_points())
@example((smooth_function("x1*exp(2*x1 + x2)", make_symbols(2)),
          torch.tensor([[0.0, 0.0], [1.0, 1.0]], dtype=torch.float64)))
@example((smooth_function("exp(2*x3)*exp(x1**2 + x1 + 2*x3)", make_symbols(3)),
          torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=torch.float64)))
def test_closed_forms_match_oracle_on_smooth_functions(case) -> None:
    f, x = case
    _compare_with_oracle(f.torch_fn, x)


def test_closed_forms_match_oracle_at_d6_batch() -> None:
    gen = torch.Generator().manual_seed(6)
    a = torch.randn(6, 6, generator=gen, dtype=F64) / 3

    def f(x: torch.Tensor) -> torch.Tensor:
        return torch.sin(x).sum() * 0.5 + x @ (a @ x) / 2 + torch.log1p((x * x).sum())

    _compare_with_oracle(f, torch.randn(3, 6, generator=gen, dtype=F64))


@given(derivative_pairs())
def test_extrinsic_kernels_match_general_immersion(pair) -> None:
    """Graph closed forms vs the generic immersion code (cross-product normal, Cholesky)."""
    p, h = pair
    f = quadratic(p, h)
    y = torch.zeros_like(p)[None]
    geo = gn.immersion_geometry(gn.reparametrized_graph(f, lambda v: v), y, orientation="cross")
    p, h = p[None], h[None]
    kappa = gn.principal_curvatures(p, h)
    assert_rel_close(gn.graph_metric(p), geo.first_fundamental_form, what="g")
    assert_rel_close(gn.second_fundamental_form(p, h), geo.second_fundamental_form, what="h")
    assert_rel_close(gn.shape_operator(p, h), geo.shape_operator, what="s")
    assert_rel_close(kappa, geo.principal_curvatures, scale=float(h.abs().max()), what="kappa")
    normal = torch.cat([-p, torch.ones(1, 1, dtype=F64)], dim=-1) / torch.sqrt(1 + (p * p).sum(-1, keepdim=True))
    assert_rel_close(geo.normal, normal, what="cross-product normal is the upward normal")


@given(derivative_pairs())
@example((torch.tensor([1.0, 1.0, 0.0], dtype=torch.float64),
          torch.tensor([[6.329141802754052e-89, 5.02211829982229e-211, 0.0],
                        [5.02211829982229e-211, 0.0, 5.02211829982229e-211],
                        [0.0, 5.02211829982229e-211, 0.0]], dtype=torch.float64)))
def test_principal_curvature_identities(pair) -> None:
    """κ ascending, eigenvalues of s; mean = avg κ; Gauss = ∏κ; S = 2σ₂(κ); Gauss equation."""
    p, h = pair
    kappa = gn.principal_curvatures(p, h)
    assert bool((kappa[1:] >= kappa[:-1]).all())
    s = gn.shape_operator(p, h)
    kscale = float(h.abs().max()) + 1e-300
    s_norm = float(s.abs().max()) or 1.0  # LAPACK geev fails on badly scaled input (1e-89, 1e-211)
    eig = torch.linalg.eigvals(s / s_norm) * s_norm
    assert float(eig.imag.abs().max()) <= 1e-10 * kscale
    assert_rel_close(torch.sort(eig.real).values, kappa, scale=kscale, what="eig(s)")
    assert_rel_close(gn.mean_curvature(p, h), kappa.mean(), scale=kscale, what="mean")
    assert_rel_close(gn.gauss_curvature(p, h), kappa.prod(), scale=kscale ** len(p), what="gauss")
    scale = curvature_scale(p, h)
    assert_rel_close(gn.scalar_curvature(p, h), 2 * sigma2(kappa), scale=scale, what="S = 2 sigma2")
    sff = gn.second_fundamental_form(p, h)
    gauss_eq = torch.einsum("ik,jm->ijkm", sff, sff) - torch.einsum("im,jk->ijkm", sff, sff)
    assert_rel_close(gn.lowered_riemann(p, h), gauss_eq, scale=scale, what="Gauss equation")
    raised = torch.einsum("ir,rjkm->ijkm", gn.inverse_graph_metric(p), gauss_eq)
    assert_rel_close(gn.riemann(p, h), raised, scale=scale, what="R^i_jkm = g^ir R_rjkm")
    ric = torch.einsum("ijim->jm", gn.riemann(p, h))
    assert_rel_close(gn.ricci(p, h), ric, scale=scale, what="Ric_jm = R^i_jim")


@given(derivative_pairs())
def test_metric_inverse_and_inverse_sqrt(pair) -> None:
    p, _ = pair
    g = gn.graph_metric(p)
    eye = torch.eye(len(p), dtype=F64)
    assert_rel_close(g @ gn.inverse_graph_metric(p), eye, what="g g^-1 = I")
    w = gn.inverse_sqrt_graph_metric(p)
    assert torch.equal(w, w.T)
    assert_rel_close(w @ g @ w, eye, what="g^-1/2 g g^-1/2 = I")


def test_inverse_sqrt_is_exact_at_zero_gradient() -> None:
    p = torch.zeros(2, 4, dtype=F64)
    assert torch.equal(gn.inverse_sqrt_graph_metric(p), torch.eye(4, dtype=F64).expand(2, 4, 4))
    tiny = torch.full((4,), 1e-200, dtype=F64)
    assert torch.isfinite(gn.inverse_sqrt_graph_metric(tiny)).all()
