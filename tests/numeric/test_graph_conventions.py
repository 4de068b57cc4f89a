"""Conventions of the closed-form graph kernels on hypersurfaces of known curvature.

Upward normal ``(−∇f, 1)/√(1+|∇f|²)``; principal curvatures ascending; mean curvature is the
average; Gauss–Kronecker is ``det s`` (:mod:`geomcheck.conventions`).
"""

from __future__ import annotations

import pytest
import torch

from geomcheck import conventions
from geomcheck import numeric as gn

from .helpers import assert_rel_close

F64 = torch.float64


def _interior_points(n: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(100 + n)
    x = torch.randn(5, n, generator=gen, dtype=F64)
    return 0.8 * x / (1 + x.norm(dim=-1, keepdim=True))  # |x| < 0.8


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_upper_hemisphere(n: int) -> None:
    """Graph of ``√(1 − |x|²)``: the upward normal is the outward one, so all κ = −1."""
    x = _interior_points(n)
    c = gn.curvature(lambda v: torch.sqrt(1 - v @ v), x)
    ones = torch.ones(5, dtype=F64)
    assert_rel_close(c.principal_curvatures, -torch.ones(5, n, dtype=F64), what="kappa")
    assert_rel_close(c.mean_curvature, -ones, what="mean curvature (average)")
    assert_rel_close(c.gauss_curvature, (-1.0) ** n * ones, what="Gauss-Kronecker")
    expected_s = conventions.round_sphere_scalar_curvature(n)
    assert_rel_close(c.scalar_curvature, expected_s * ones, scale=1.0, what="S = n(n-1)")
    assert_rel_close(c.ricci, (n - 1) * c.metric, scale=1.0, what="Ric = (n-1) g")
    assert_rel_close(c.shape_operator, -torch.eye(n, dtype=F64).expand(5, n, n), what="s = -I")


def test_lower_hemisphere_has_curvature_plus_one() -> None:
    x = _interior_points(3)
    c = gn.curvature(lambda v: -torch.sqrt(1 - v @ v), x)
    assert_rel_close(c.principal_curvatures, torch.ones(5, 3, dtype=F64), what="kappa")
    assert_rel_close(c.scalar_curvature, torch.full((5,), 6.0, dtype=F64), what="S")


def test_paraboloid_and_normal_orientation() -> None:
    """``|x|²/2`` is convex upward: ``h > 0`` for the upward normal; κ = 1 at the vertex."""
    c = gn.curvature(lambda v: 0.5 * (v @ v), torch.zeros(3, dtype=F64))
    assert torch.equal(c.second_fundamental_form, torch.eye(3, dtype=F64))
    assert c.principal_curvatures.tolist() == [1.0, 1.0, 1.0]
    assert c.scalar_curvature.item() == 6.0
    assert conventions.NORMAL_ORIENTATION == "upward"


def test_saddle_and_ascending_order() -> None:
    assert conventions.PRINCIPAL_CURVATURE_ORDER == "ascending"
    c = gn.curvature(lambda v: v[0] * v[1], torch.zeros(2, dtype=F64))
    assert c.principal_curvatures.tolist() == [-1.0, 1.0]
    assert c.gauss_curvature.item() == -1.0
    assert c.mean_curvature.item() == 0.0
    assert c.scalar_curvature.item() == -2.0
    c = gn.curvature(lambda v: 1.5 * v[0] ** 2 - 0.5 * v[1] ** 2 + v[2] ** 2, torch.zeros(3, dtype=F64))
    assert c.principal_curvatures.tolist() == [-1.0, 2.0, 3.0]


def test_plane_is_flat() -> None:
    a = torch.tensor([0.5, -2.0, 1.0], dtype=F64)
    c = gn.curvature(lambda v: a @ v + 3.0, torch.randn(4, 3, dtype=F64, generator=torch.Generator().manual_seed(0)))
    assert_rel_close(c.metric, (torch.eye(3, dtype=F64) + torch.outer(a, a)).expand(4, 3, 3), what="g")
    for name in ("christoffel", "riemann", "ricci", "scalar_curvature", "second_fundamental_form",
                 "principal_curvatures", "mean_curvature", "gauss_curvature"):
        assert float(getattr(c, name).abs().max()) == 0.0, name


def test_plane_curve() -> None:
    """n = 1: κ = f''/(1 + f'²)^{3/2}; intrinsic curvature vanishes."""
    x = torch.linspace(-1, 1, 7, dtype=F64)[:, None]
    c = gn.curvature(lambda v: (v[0] ** 2 / 2 + v[0] ** 3).sum(), x)
    fp, fpp = x[:, 0] + 3 * x[:, 0] ** 2, 1 + 6 * x[:, 0]
    kappa = fpp / (1 + fp**2) ** 1.5
    assert_rel_close(c.principal_curvatures[:, 0], kappa, what="kappa")
    assert_rel_close(c.gauss_curvature, kappa, what="K = kappa")
    assert_rel_close(c.mean_curvature, kappa, what="H = kappa")
    assert float(c.riemann.abs().max()) == 0.0
    assert float(c.scalar_curvature.abs().max()) == 0.0


def test_cylinder() -> None:
    """Graph of ``√(1 − x1²)`` over ``(x1, x2)``: κ = (−1, 0); flat (S = 0); K = 0."""
    x = torch.tensor([[0.0, 0.0], [0.5, 3.0], [-0.7, -1.0]], dtype=F64)
    c = gn.curvature(lambda v: torch.sqrt(1 - v[0] ** 2), x)
    expected = torch.tensor([[-1.0, 0.0]] * 3, dtype=F64)
    assert_rel_close(c.principal_curvatures, expected, what="kappa")
    assert float(c.scalar_curvature.abs().max()) <= 1e-14
    assert float(c.gauss_curvature.abs().max()) <= 1e-14
    assert_rel_close(c.mean_curvature, torch.full((3,), -0.5, dtype=F64), what="H = -1/2")
