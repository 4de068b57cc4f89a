"""Reparametrisation: what is invariant, what transforms as a tensor, what is not a tensor.

With ``x = ψ(y)`` and ``J = ∂x/∂y``, the graph of ``f`` parametrised by ``y`` is
``X̃(y) = (ψ(y), f(ψ(y)))``; its fundamental forms are computed from first principles by
:func:`geomcheck.numeric.immersion_geometry` (generalised cross-product normal kept upward),
independently of the graph closed forms at ``x``.
"""

from __future__ import annotations

import pytest
import sympy
import torch
from hypothesis import assume, example, given, reject
from hypothesis import strategies as st

from geomcheck import numeric as gn
from geomcheck.testing import (
    AffineLayer,
    CouplingLayer,
    Diffeomorphism,
    HyperbolicLayer,
    SmoothFunction,
    diffeomorphisms,
    make_symbols,
    points,
    smooth_function,
    smooth_functions,
)

from .helpers import assert_rel_close, curvature_scale, sigma2

F64 = torch.float64
R = sympy.Rational
RTOL = 1e-9  # composite maps: derivatives of ψ and f multiply; still 1e5 above float64 rounding


@st.composite
def reparametrised_graphs(draw: st.DrawFn) -> tuple[SmoothFunction, Diffeomorphism, torch.Tensor]:
    n = draw(st.integers(min_value=1, max_value=3))
    return draw(smooth_functions(n)), draw(diffeomorphisms(n)), draw(points(n, batch_size=2))


def _curvature(f: SmoothFunction, x: torch.Tensor) -> gn.GraphCurvature:
    """``curvature(f, x)``, rejecting draws where ``ψ`` carried ``x`` so far out that the drawn
    ``f`` overflows float64 (e.g. ``exp(x1³)`` at ``x1 = 10``): a property of the draw, not of
    the code under test."""
    try:
        return gn.curvature(f.torch_fn, x)
    except gn.InvalidInputError as error:
        if "non-finite" not in str(error):
            raise
        reject()


def _setup(case):
    f, psi, y = case
    x = psi.forward(y)
    jac = gn.jacobian(psi.forward, y)
    return f, psi, y, x, jac


def _norm(t: torch.Tensor) -> float:
    return float(t.abs().max())


def _amplification(grad_x: torch.Tensor, jac: torch.Tensor) -> float:
    """Error amplification ``cond(g) · cond(J)²`` of the generic routes (they invert ``g̃ = JᵀgJ``).

    ``cond(g) = 1 + |∇f|²`` for the graph metric.  Examples where it exceeds ``1e4`` (steep
    graphs far from the origin, e.g. ``exp(2 x1 x3²)`` at ``x = (1, 0, −2)``, ``|∇f|² ≈ 1e9``)
    are discarded: there the generic routes, not the kernels, lose the digits (the closed forms
    are checked on that example against the exact reference in ``test_sympy_first_principles``).
    """
    cond_g = float((1 + (grad_x * grad_x).sum(-1)).max())
    assume(cond_g <= 1e4)
    return cond_g * float(torch.linalg.cond(jac).max()) ** 2


def _kappa_scale(c: gn.GraphCurvature, psi: Diffeomorphism, y: torch.Tensor) -> float:
    """Magnitude of the terms the immersion route cancels: ``h̃ = ⟨∂²X̃, N⟩`` with
    ``∂²X̃ ∋ ∂²ψ, ∇f·∂²ψ`` even where the graph is flat."""
    second = torch.func.vmap(torch.func.hessian(psi.forward))(y)
    return _norm(c.hess) + _norm(c.principal_curvatures) + _norm(second) * (1 + _norm(c.grad))


IDENTITY_2 = Diffeomorphism(
    (AffineLayer(((sympy.Integer(1), sympy.Integer(0)), (sympy.Integer(0), sympy.Integer(1))),
                 (sympy.Integer(0), sympy.Integer(0))),),
    make_symbols(2, "y"),
    make_symbols(2, "x"),
)


@given(reparametrised_graphs())
@example((smooth_function("x1**2*x2 + sin(x2)", make_symbols(2)), IDENTITY_2,
          torch.tensor([[0.0, 0.0], [0.5, -1.0]], dtype=F64)))
@example((smooth_function("x1", make_symbols(1)),
          Diffeomorphism((HyperbolicLayer(R(1, 2)), HyperbolicLayer(R(1, 2))), make_symbols(1, "y"),
                         make_symbols(1, "x")),
          torch.tensor([[0.0], [1.0]], dtype=F64)))
def test_shape_operator_is_similar_and_spectrum_invariant(case) -> None:
    f, psi, y, x, jac = _setup(case)
    c = _curvature(f, x)
    amp = _amplification(c.grad, jac)
    geo = gn.immersion_geometry(gn.reparametrized_graph(f.torch_fn, psi.forward), y)
    jscale = _norm(jac) ** 2
    kscale = _kappa_scale(c, psi, y)
    assert_rel_close(geo.first_fundamental_form, gn.pullback_bilinear(jac, c.metric),
                     scale=jscale * _norm(c.metric), rtol=RTOL, what="g~ = J^T g J")
    assert_rel_close(geo.second_fundamental_form, gn.pullback_bilinear(jac, c.second_fundamental_form),
                     scale=jscale * kscale, rtol=RTOL, what="h~ = J^T h J")
    cond = float(torch.linalg.cond(jac).max())
    assert_rel_close(geo.shape_operator, gn.transform_endomorphism(jac, c.shape_operator),
                     scale=cond * kscale, rtol=RTOL, what="s~ = J^-1 s J")
    assert_rel_close(geo.principal_curvatures, c.principal_curvatures, scale=amp * kscale, rtol=RTOL,
                     what="principal curvatures are invariant")


COUPLINGS_3 = Diffeomorphism(
    (CouplingLayer((R(0), R(0)), (R(0), R(0)), False),
     CouplingLayer((R(-1, 2), R(0)), (R(0), R(0)), False),
     CouplingLayer((R(0), R(0)), (R(0), R(1, 2)), True)),
    make_symbols(3, "y"),
    make_symbols(3, "x"),
)


@given(reparametrised_graphs())
@example((smooth_function("x1", make_symbols(3)), COUPLINGS_3,
          torch.tensor([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=F64)))
def test_cross_product_normal_flips_with_orientation(case) -> None:
    f, psi, y, x, jac = _setup(case)
    c = _curvature(f, x)
    amp = _amplification(c.grad, jac)
    geo = gn.immersion_geometry(gn.reparametrized_graph(f.torch_fn, psi.forward), y, orientation="cross")
    sign = torch.sign(torch.linalg.det(jac))
    kscale = amp * _kappa_scale(c, psi, y)
    expected = torch.sort(sign[:, None] * c.principal_curvatures, dim=-1).values
    assert_rel_close(geo.principal_curvatures, expected, scale=kscale, rtol=RTOL,
                     what="kappa flips with sign det J")


@given(reparametrised_graphs())
def test_gradient_and_hessian_chain_rule(case) -> None:
    """``∇(f∘ψ) = Jᵀ∇f``; ``∇²(f∘ψ) = Jᵀ(∇²f)J + Σ_k ∂_kf ∂²ψ_k`` (not a tensor rule)."""
    f, psi, y, x, jac = _setup(case)
    c = _curvature(f, x)
    grad_x, hess_x = c.grad, c.hess
    grad_y, hess_y = gn.grad_and_hessian(gn.pullback_function(f.torch_fn, psi.forward), y)
    assert_rel_close(grad_y, gn.pullback_covector(jac, grad_x), scale=_norm(jac) * _norm(grad_x),
                     rtol=RTOL, what="gradient is a covector")
    second = torch.func.vmap(torch.func.hessian(psi.forward))(y)  # (..., k, a, b) = ∂_a∂_b ψ_k
    expected = gn.pullback_bilinear(jac, hess_x) + torch.einsum("...k,...kab->...ab", grad_x, second)
    assert_rel_close(hess_y, expected, scale=_norm(jac) ** 2 * _norm(hess_x) + _norm(grad_x) * _norm(second),
                     rtol=RTOL, what="Hessian chain rule")


def test_coordinate_hessian_spectrum_is_not_invariant() -> None:
    """For ``f = |x|²/2`` and ``ψ(y) = (2y₁, y₂)``: ``eig ∇²f = {1, 1}`` but ``eig ∇²(f∘ψ) = {1, 4}``.

    The principal curvatures, computed in either parametrisation, agree.
    """

    def f(v: torch.Tensor) -> torch.Tensor:
        return 0.5 * (v @ v)

    def psi(v: torch.Tensor) -> torch.Tensor:
        return v * torch.tensor([2.0, 1.0], dtype=v.dtype)

    y = torch.tensor([0.3, -0.2], dtype=F64)
    x = psi(y)
    _, hess_x = gn.grad_and_hessian(f, x)
    _, hess_y = gn.grad_and_hessian(gn.pullback_function(f, psi), y)
    assert torch.linalg.eigvalsh(hess_x).tolist() == [1.0, 1.0]
    assert torch.linalg.eigvalsh(hess_y).tolist() == [1.0, 4.0]
    kappa_x = gn.curvature(f, x).principal_curvatures
    kappa_y = gn.immersion_geometry(gn.reparametrized_graph(f, psi), y).principal_curvatures
    assert_rel_close(kappa_y, kappa_x, what="principal curvatures agree")


@st.composite
def two_functions_and_a_map(draw: st.DrawFn):
    n = draw(st.integers(min_value=1, max_value=3))
    return (draw(smooth_functions(n)), draw(smooth_functions(n)), draw(diffeomorphisms(n)),
            draw(points(n)))


@given(two_functions_and_a_map())
@example((smooth_function("x1**3", make_symbols(1)), smooth_function("x1", make_symbols(1)),
          Diffeomorphism((HyperbolicLayer(R(1, 2)),), make_symbols(1, "y"), make_symbols(1, "x")),
          torch.tensor([2.0**-126], dtype=F64)))
def test_riemannian_hessian_is_a_tensor_and_curvature_is_invariant(case) -> None:
    """On the graph metric of ``f`` pulled back by ``ψ``: ``∇²φ`` transforms as ``Jᵀ(∇²φ)J``,
    ``Ric`` as ``Jᵀ Ric J`` and ``S`` is a scalar; the Gauss equation holds in ``y``."""
    f, phi, psi, y = case
    x = psi.forward(y)
    jac = gn.jacobian(psi.forward, y)
    c = _curvature(f, x)
    _curvature(phi, x)
    amp = _amplification(c.grad, jac)
    metric_x = gn.graph_metric_field(f.torch_fn)
    o_x = gn.metric_curvature(metric_x, x)
    o_y = gn.metric_curvature(gn.pullback_metric_field(metric_x, psi.forward), y)
    grad_x, hess_x = gn.grad_and_hessian(phi.torch_fn, x)
    grad_y, hess_y = gn.grad_and_hessian(gn.pullback_function(phi.torch_fn, psi.forward), y)
    cov_x = gn.riemannian_hessian(grad_x, hess_x, o_x.christoffel)
    cov_y = gn.riemannian_hessian(grad_y, hess_y, o_y.christoffel)
    j2 = _norm(jac) ** 2
    # magnitudes of the terms each side combines (they cancel where the result is small)
    terms_x = _norm(hess_x) + _norm(o_x.christoffel) * _norm(grad_x)
    terms_y = _norm(hess_y) + _norm(o_y.christoffel) * _norm(grad_y)
    assert_rel_close(cov_y, gn.pullback_bilinear(jac, cov_x), scale=amp * (j2 * terms_x + terms_y),
                     rtol=RTOL, what="Riemannian Hessian is a (0,2)-tensor")
    # the y-route's Γ̃ carries J⁻¹∂²ψ, which cancels out of R̃
    scale = amp * (curvature_scale(c.grad, c.hess) + _norm(o_y.christoffel) ** 2)
    assert_rel_close(o_y.scalar_curvature, c.scalar_curvature, scale=scale, rtol=RTOL,
                     what="scalar curvature is a scalar")
    assert_rel_close(o_y.ricci, gn.pullback_bilinear(jac, c.ricci), scale=j2 * scale, rtol=RTOL,
                     what="Ricci is a (0,2)-tensor")
    geo = gn.immersion_geometry(gn.reparametrized_graph(f.torch_fn, psi.forward), y)
    h = geo.second_fundamental_form
    gauss = torch.einsum("ik,jm->ijkm", h, h) - torch.einsum("im,jk->ijkm", h, h)
    lowered = torch.einsum("ir,rjkm->ijkm", o_y.metric, o_y.riemann)
    assert_rel_close(lowered, gauss, scale=j2 * j2 * scale * (1 + _norm(c.grad) ** 2), rtol=RTOL,
                     what="Gauss equation in y")
    kappa = geo.principal_curvatures
    assert_rel_close(o_y.scalar_curvature, 2 * sigma2(kappa), scale=scale, rtol=RTOL, what="S = 2 sigma2")


def test_riemannian_hessian_of_f_on_its_own_graph() -> None:
    """Closed form ``∇²f = βH`` for ``f`` on the graph metric of ``f``."""
    f = smooth_function("x1**2*x2 + sin(x2)", make_symbols(2))
    x = torch.tensor([[0.3, -0.4], [1.0, 0.5]], dtype=F64)
    c = gn.curvature(f.torch_fn, x)
    cov = gn.riemannian_hessian(c.grad, c.hess, c.christoffel)
    beta = 1 / (1 + (c.grad * c.grad).sum(-1))
    assert_rel_close(cov, beta[:, None, None] * c.hess, what="beta H")


def test_vector_transformations_preserve_pairing() -> None:
    gen = torch.Generator().manual_seed(5)
    jac = torch.randn(4, 3, 3, generator=gen, dtype=F64) + 3 * torch.eye(3, dtype=F64)
    v = torch.randn(4, 3, generator=gen, dtype=F64)
    w = torch.randn(4, 3, generator=gen, dtype=F64)
    paired_y = (gn.pullback_covector(jac, w) * v).sum(-1)
    paired_x = (w * gn.pushforward_vector(jac, v)).sum(-1)
    assert_rel_close(paired_y, paired_x, what="<J^T w, v> = <w, J v>")
    s = torch.randn(4, 3, 3, generator=gen, dtype=F64)
    assert_rel_close(jac @ gn.transform_endomorphism(jac, s), s @ jac, scale=100.0, what="J s~ = s J")


def test_singular_jacobian_raises() -> None:
    def cube(v: torch.Tensor) -> torch.Tensor:
        return torch.stack([v[0] ** 3, v[1]])

    y = torch.tensor([[0.5, 0.3], [0.0, 0.3]], dtype=F64)
    with pytest.raises(gn.InvalidInputError, match=r"singular at batch index \(1,\)"):
        gn.jacobian(cube, y)
    gn.jacobian(cube, y[:1])  # fine away from y₁ = 0
    with pytest.raises(gn.InvalidInputError, match="singular"):
        gn.check_jacobian(torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="not an immersion"):
        gn.immersion_geometry(gn.reparametrized_graph(lambda v: v @ v, cube), y[1:])


def test_coordinate_map_shape_is_checked() -> None:
    with pytest.raises(gn.InvalidInputError, match="coordinate map must send"):
        gn.jacobian(lambda v: v[:1], torch.zeros(2, dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="embedding must map"):
        gn.immersion_geometry(lambda v: v, torch.zeros(2, dtype=F64))

