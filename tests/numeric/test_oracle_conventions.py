"""Sign and index conventions of the autodiff oracle on spaces of known curvature.

Unit 2-sphere ``S = +2``, unit 3-sphere ``+6``, round ``q``-spheres ``q(q−1)/r²``, hyperbolic
plane ``−2``, hyperbolic 3-space ``−6``, flat space in curvilinear coordinates ``0``
(:mod:`geomcheck.conventions`).  Also shows that these tests catch the geomstats PyTorch
backend bug (geomstats issues 1801/1928): nested ``torch.autograd.functional.jacobian``
without ``create_graph`` silently drops the second derivatives of the metric from ``∂Γ``.
"""

from __future__ import annotations

import math

import pytest
import torch

from geomcheck import conventions
from geomcheck import numeric as gn

from .helpers import assert_rel_close

F64 = torch.float64
ANGLES = torch.tensor([[0.4, 0.3], [1.0, 2.0], [2.5, -1.0]], dtype=F64)  # θ away from π/4


def sphere2(x: torch.Tensor) -> torch.Tensor:
    """Unit 2-sphere in (θ, φ): ``diag(1, sin²θ)``."""
    return torch.diag(torch.stack([torch.ones_like(x[0]), torch.sin(x[0]) ** 2]))


def round_sphere(radius: float):
    """Round q-sphere of radius r in hyperspherical coordinates: ``r² diag(1, s₁², s₁²s₂², …)``."""

    def metric(x: torch.Tensor) -> torch.Tensor:
        factors = [torch.ones_like(x[0])]
        for angle in x[:-1]:
            factors.append(factors[-1] * torch.sin(angle) ** 2)
        return radius**2 * torch.diag(torch.stack(factors))

    return metric


def half_space(x: torch.Tensor) -> torch.Tensor:
    """Hyperbolic upper half-space ``I / x_last²``."""
    return torch.eye(x.shape[0], dtype=x.dtype) / x[-1] ** 2


def poincare_disk(x: torch.Tensor) -> torch.Tensor:
    return 4 * torch.eye(2, dtype=x.dtype) / (1 - x @ x) ** 2


def polar(x: torch.Tensor) -> torch.Tensor:
    return torch.diag(torch.stack([torch.ones_like(x[0]), x[0] ** 2]))


def spherical_coordinates(x: torch.Tensor) -> torch.Tensor:
    r, theta = x[0], x[1]
    return torch.diag(torch.stack([torch.ones_like(r), r**2, (r * torch.sin(theta)) ** 2]))


def test_unit_two_sphere_has_scalar_curvature_plus_two() -> None:
    o = gn.metric_curvature(sphere2, ANGLES)
    assert conventions.UNIT_SPHERE_2_SCALAR_CURVATURE == 2
    assert_rel_close(o.scalar_curvature, torch.full((3,), 2.0, dtype=F64), what="S(S^2)")
    theta = ANGLES[:, 0]
    # R^θ_{φθφ} = sin²θ, i.e. R(∂_θ, ∂_φ)∂_φ = sin²θ ∂_θ ; sectional curvature +1
    assert_rel_close(o.riemann[:, 0, 1, 0, 1], torch.sin(theta) ** 2, what="R^theta_phi theta phi")
    lowered = torch.einsum("...ir,...rjkm->...ijkm", o.metric, o.riemann)
    sectional = lowered[:, 0, 1, 0, 1] / torch.linalg.det(o.metric)
    assert_rel_close(sectional, torch.ones(3, dtype=F64), what="sectional curvature")
    # Ric_{jm} = R^i_{jim} = g_{jm} on the unit 2-sphere
    i, k = conventions.RICCI_CONTRACTION
    assert (i, k) == (0, 2)
    assert_rel_close(o.ricci, o.metric, what="Ric = g")
    # Γ^θ_{φφ} = −sinθ cosθ, Γ^φ_{θφ} = cotθ
    assert_rel_close(o.christoffel[:, 0, 1, 1], -torch.sin(theta) * torch.cos(theta), what="Gamma^th_phph")
    assert_rel_close(o.christoffel[:, 1, 0, 1], torch.cos(theta) / torch.sin(theta), what="Gamma^ph_thph")


@pytest.mark.parametrize("q", [2, 3, 4, 5])
@pytest.mark.parametrize("radius", [1.0, 0.5, 3.0])
def test_round_spheres(q: int, radius: float) -> None:
    x = torch.linspace(0.3, 2.6, q, dtype=F64).roll(1)[None].expand(2, q).clone()
    x[1] = x[1].flip(0)
    o = gn.metric_curvature(round_sphere(radius), x)
    expected = conventions.round_sphere_scalar_curvature(q, radius)
    assert_rel_close(o.scalar_curvature, torch.full((2,), expected, dtype=F64), what=f"S(S^{q})")
    assert_rel_close(o.ricci, (q - 1) / radius**2 * o.metric, what="Einstein: Ric = (q-1)/r^2 g")


def test_unit_three_sphere_has_scalar_curvature_six() -> None:
    x = torch.tensor([[0.7, 1.1, 0.2], [2.0, 0.5, -3.0]], dtype=F64)
    o = gn.metric_curvature(round_sphere(1.0), x)
    assert_rel_close(o.scalar_curvature, torch.full((2,), 6.0, dtype=F64), what="S(S^3)")


@pytest.mark.parametrize(("dim", "expected"), [(2, -2.0), (3, -6.0), (4, -12.0)])
def test_hyperbolic_half_space(dim: int, expected: float) -> None:
    x = torch.tensor([[0.3] * (dim - 1) + [0.5], [-2.0] * (dim - 1) + [3.0]], dtype=F64)
    o = gn.metric_curvature(half_space, x)
    assert_rel_close(o.scalar_curvature, torch.full((2,), expected, dtype=F64), what="S(H^n)")


def test_poincare_disk_has_scalar_curvature_minus_two() -> None:
    x = torch.tensor([[0.0, 0.0], [0.3, -0.5], [-0.6, 0.1]], dtype=F64)
    o = gn.metric_curvature(poincare_disk, x)
    assert_rel_close(o.scalar_curvature, torch.full((3,), -2.0, dtype=F64), what="S(Poincare disk)")


@pytest.mark.parametrize("metric", [polar, spherical_coordinates])
def test_flat_space_in_curvilinear_coordinates_is_flat(metric) -> None:
    x = torch.tensor([[0.5, 1.0, 0.3], [2.0, 2.2, -1.0]], dtype=F64)[:, : 2 if metric is polar else 3]
    o = gn.metric_curvature(metric, x)
    assert float(o.christoffel.abs().max()) > 0.1  # the coordinates are genuinely curvilinear
    assert float(o.riemann.abs().max()) <= 1e-12
    assert float(o.scalar_curvature.abs().max()) <= 1e-12


def test_oracle_on_hemisphere_graph_metric() -> None:
    """The graph metric of ``√(1 − |x|²)`` is the round metric: ``S = n(n − 1)``."""
    for n in (2, 3):
        x = torch.tensor([[0.1, -0.2, 0.3][:n], [0.4, 0.1, -0.3][:n]], dtype=F64)
        o = gn.metric_curvature(gn.graph_metric_field(lambda v: torch.sqrt(1 - v @ v)), x)
        assert_rel_close(o.scalar_curvature, torch.full((2,), n * (n - 1.0), dtype=F64), what="S")


# --- the dropped-∂Γ failure mode -------------------------------------------------------------


def _geomstats_style_scalar_curvature(metric, point: torch.Tensor) -> torch.Tensor:
    """Scalar curvature the way geomstats' PyTorch backend computes it (bug reproduced).

    ``∂g`` and ``∂Γ`` come from nested ``torch.autograd.functional.jacobian`` calls without
    ``create_graph=True``: the inner Jacobian is detached, so the outer one misses ``∂²g``.
    """

    def christoffel(x: torch.Tensor) -> torch.Tensor:
        dg = torch.autograd.functional.jacobian(metric, x)  # detached: no create_graph
        return gn.christoffel_from_metric_derivative(torch.linalg.inv(metric(x)), dg)

    gamma = christoffel(point)
    d_gamma = torch.autograd.functional.jacobian(christoffel, point)
    riem = gn.riemann_from_christoffel(gamma, d_gamma)
    ric = torch.einsum("ijim->jm", riem)
    return torch.einsum("jm,jm->", torch.linalg.inv(metric(point)), ric)


def test_dropping_christoffel_derivatives_is_detected() -> None:
    """The S = 2 check discriminates: Riemann with ∂Γ set to zero gives S = 0 on the unit sphere.

    (Only ``Γ^θ_{φφ} = −sinθcosθ`` and ``Γ^φ_{θφ} = cotθ`` are non-zero; the quadratic terms
    give ``Ric_θθ = −cot²θ``, ``Ric_φφ = cos²θ`` and hence ``S = 0``.)
    """
    o = gn.metric_curvature(sphere2, ANGLES)
    dropped = gn.riemann_from_christoffel(o.christoffel, torch.zeros_like(o.riemann))
    s_dropped = torch.einsum("...jm,...ijim->...", o.inverse_metric, dropped)
    assert float(s_dropped.abs().max()) <= 1e-12
    assert_rel_close(o.scalar_curvature, torch.full((3,), 2.0, dtype=F64), what="oracle S")


@pytest.mark.parametrize(
    ("metric", "point", "expected"),
    [
        (sphere2, torch.tensor([1.0, 0.5], dtype=F64), 2.0),
        (half_space, torch.tensor([0.3, 0.5], dtype=F64), -2.0),
        (round_sphere(1.0), torch.tensor([0.7, 1.1, 0.2], dtype=F64), 6.0),
    ],
)
def test_nested_autograd_jacobian_without_create_graph_is_wrong(metric, point, expected) -> None:
    """Only the ``∂(g⁻¹)`` part of ``∂Γ`` survives: e.g. ``S = 2cot²θ`` on the unit 2-sphere."""
    wrong = float(_geomstats_style_scalar_curvature(metric, point))
    if metric is sphere2:
        assert math.isclose(wrong, 2 / math.tan(float(point[0])) ** 2, rel_tol=1e-12)
    assert not math.isclose(wrong, expected, rel_tol=1e-3, abs_tol=1e-3)
    right = float(gn.metric_curvature(metric, point).scalar_curvature)
    assert math.isclose(right, expected, rel_tol=1e-12)
