"""The conventions of geomcheck.conventions, checked on spaces whose curvature is known."""

import pytest
import sympy as sp

from geomcheck import conventions
from geomcheck.symbolic import GraphMetric, Metric


def round_sphere_metric(q: int):
    """Unit q-sphere in hyperspherical coordinates: g = diag(1, sin²a1, sin²a1 sin²a2, ...)."""
    a = sp.symbols(f"a1:{q + 1}", real=True)
    diag, factor = [], sp.Integer(1)
    for k in range(q):
        diag.append(factor)
        factor = factor * sp.sin(a[k]) ** 2
    return Metric(sp.diag(*diag), a)


@pytest.mark.parametrize("q", [2, 3, 4])
def test_round_sphere_scalar_curvature(q):
    S = round_sphere_metric(q).scalar_curvature()
    assert sp.simplify(S - q * (q - 1)) == 0
    assert conventions.round_sphere_scalar_curvature(q) == q * (q - 1)


def test_unit_sphere_sign_constant():
    assert round_sphere_metric(2).scalar_curvature() == conventions.UNIT_SPHERE_2_SCALAR_CURVATURE == 2


def test_sphere_of_radius_r():
    th, ph = sp.symbols("theta phi", real=True)
    r = sp.Symbol("r", positive=True)
    S = Metric(sp.diag(r**2, r**2 * sp.sin(th) ** 2), (th, ph), params=(r,)).scalar_curvature()
    assert sp.simplify(S - 2 / r**2) == 0


def test_hyperbolic_plane():
    x, y = sp.symbols("x y", positive=True)
    assert Metric(sp.diag(1 / y**2, 1 / y**2), (x, y)).scalar_curvature() == -2


def test_flat_space_in_polar_coordinates():
    r, t = sp.symbols("r theta", positive=True)
    m = Metric(sp.diag(1, r**2), (r, t))
    G = m.christoffel()
    assert G[0, 1, 1] == -r and sp.simplify(G[1, 0, 1] - 1 / r) == 0
    assert all(v == 0 for v in sp.flatten(m.riemann()))
    assert m.scalar_curvature() == 0


def test_riemann_index_order_and_sectional_curvature_on_sphere():
    th, ph = sp.symbols("theta phi", real=True)
    m = Metric(sp.diag(1, sp.sin(th) ** 2), (th, ph))
    R = m.riemann()
    # R^θ_{φθφ} = sin²θ  (R[i, j, k, m] = R^i_{jkm}); antisymmetric in the last two slots
    assert sp.simplify(R[0, 1, 0, 1] - sp.sin(th) ** 2) == 0
    assert sp.simplify(R[0, 1, 1, 0] + sp.sin(th) ** 2) == 0
    assert sp.simplify(m.sectional_curvature(0, 1) - 1) == 0
    # Ricci = contraction of axis 0 with axis 2
    assert conventions.RICCI_CONTRACTION == (0, 2)
    assert sp.simplify(m.ricci()[1, 1] - sum(R[i, 1, i, 1] for i in range(2))) == 0


def test_upper_hemisphere_graph_has_upward_normal_and_positive_curvatures():
    # the upper unit hemisphere as the graph of sqrt(1 - x² - y²): K = +1, S = +2
    x, y = sp.symbols("x y", real=True)
    g = GraphMetric(sp.sqrt(1 - x**2 - y**2), (x, y))
    assert sp.simplify(g.scalar_curvature() - 2) == 0
    assert sp.simplify(g.gauss_curvature() - 1) == 0
    N = g.normal().subs({x: 0, y: 0})
    assert list(N) == [0, 0, 1]
    # h = <X_ij, N> < 0 at the top (the cap bends down, away from the upward normal):
    # both principal curvatures are -1 and the mean curvature tr(s)/n is -1.
    assert g.principal_curvatures({x: 0, y: 0}) == [-1, -1]
    assert sp.simplify(g.mean_curvature().subs({x: 0, y: 0}) + 1) == 0
    assert conventions.NORMAL_ORIENTATION == "upward"
    assert conventions.PRINCIPAL_CURVATURE_ORDER == "ascending"


def test_paraboloid_principal_curvatures_ascending():
    x, y = sp.symbols("x y", real=True)
    g = GraphMetric(x**2 + 3 * y**2, (x, y))
    assert g.principal_curvatures({x: 0, y: 0}) == [2, 6]
