"""Transformation laws under x = φ(y), checked exactly; the Hessian counterexample."""

import pytest
import sympy as sp

from geomcheck.symbolic import GraphMetric, Hypersurface, Metric
from geomcheck.symbolic.reparam import (
    christoffel_law_holds,
    hessian_spectrum_counterexample,
    jacobian,
    pullback_covariant2,
    pullback_metric,
    shape_operator_law_holds,
    transform_christoffel,
    transform_vector,
)

x, y = sp.symbols("x y", real=True)
u, v = sp.symbols("u v", real=True)
r, t = sp.symbols("r theta", positive=True)
PHI_GENERIC = [sp.Function("phi1", real=True)(u, v), sp.Function("phi2", real=True)(u, v)]


def test_polar_coordinates_christoffel_law():
    flat = Metric(sp.eye(2), (x, y))
    phi = (r * sp.cos(t), r * sp.sin(t))
    assert christoffel_law_holds(flat, phi, (r, t))
    G = transform_christoffel(flat.christoffel(), flat.coords, phi, (r, t))
    assert sp.simplify(G[0, 1, 1] + r) == 0 and sp.simplify(G[1, 0, 1] - 1 / r) == 0
    assert sp.simplify(pullback_metric(flat, phi, (r, t)).g - sp.diag(1, r**2)) == sp.zeros(2)


def test_christoffel_law_for_a_graph_metric_and_a_polynomial_map():
    assert christoffel_law_holds(GraphMetric(x**2 * y + x, (x, y)), (u + v**3, v), (u, v))


def test_christoffel_law_for_a_generic_map():
    g = Metric(sp.Matrix([[1 + y**2, x], [x, 2]]), (x, y))
    assert christoffel_law_holds(g, PHI_GENERIC, (u, v))


def test_christoffel_symbols_are_not_a_tensor():
    # the inhomogeneous term matters: without it the law fails for polar coordinates
    flat = Metric(sp.eye(2), (x, y))
    pulled = pullback_metric(flat, (r * sp.cos(t), r * sp.sin(t)), (r, t)).christoffel()
    assert any(sp.simplify(c) != 0 for c in sp.flatten(pulled))  # flat Γ = 0 but Γ̃ ≠ 0


def test_vectors_and_bilinear_forms_transform_consistently():
    phi = (u + v**3, v)
    J = jacobian(phi, (u, v))
    T = sp.Matrix([[x, y], [y, x * y + 1]])
    T_y = pullback_covariant2(T, (x, y), phi, (u, v))
    vx = sp.Matrix([x - y, 2])
    at = {x: phi[0], y: phi[1]}
    vy = transform_vector(vx.subs(at), J)
    # the scalar T(v, v) is invariant
    assert sp.simplify((vy.T * T_y * vy)[0] - (vx.T * T * vx)[0].subs(at)) == 0


@pytest.mark.parametrize("phi", [(u + v**3, v), (v, u), (2 * u, -v)])
def test_shape_operator_is_similar_with_the_transported_normal(phi):
    surface = GraphMetric(x**2 * y + x, (x, y)).hypersurface()
    assert shape_operator_law_holds(surface, phi, (u, v))


@pytest.mark.parametrize("phi", [(u + v**3, v), (v, u)])
def test_shape_operator_sign_follows_parametrization_orientation(phi):
    surface = Hypersurface([x, y, x * y**2], (x, y))
    assert shape_operator_law_holds(surface, phi, (u, v), normal="parametrization")


def test_shape_operator_law_for_a_generic_map():
    assert shape_operator_law_holds(Hypersurface([x, y, x * y**2], (x, y)), PHI_GENERIC, (u, v))


def test_hessian_spectrum_counterexample_is_exact():
    c = hessian_spectrum_counterexample()
    assert c.hessian_eigenvalues_x == (2, 2)
    assert c.hessian_eigenvalues_y == (2, 8)
    assert c.hessian_spectrum_changed
    # f = x1² + x2² at x = (1, 1): p = (2, 2), β = 1/9, w = 1/3, s = (2I - (8/9)·11ᵀ)/3
    assert c.shape_eigenvalues_x == (sp.Rational(2, 27), sp.Rational(2, 3))
    assert c.shape_spectrum_invariant
    assert c.shape_eigenvalues_graph_of_pullback != c.shape_eigenvalues_x


def test_singular_reparametrization_is_rejected():
    with pytest.raises(ValueError, match="singular"):
        jacobian((u + v, u + v), (u, v))
    with pytest.raises(ValueError, match="singular"):
        christoffel_law_holds(Metric(sp.eye(2), (x, y)), (u * 0, v), (u, v))


def test_dimension_mismatch_is_rejected():
    with pytest.raises(ValueError, match="components"):
        pullback_metric(Metric(sp.eye(2), (x, y)), (u,), (u, v))
    with pytest.raises(ValueError, match="mismatch"):
        pullback_metric(Metric(sp.eye(2), (x, y)), (u, v), (u,))


def test_undecidable_orientation_is_reported():
    with pytest.raises(ValueError, match="sign of det J"):
        shape_operator_law_holds(Hypersurface([x, y, x * y], (x, y)), PHI_GENERIC, (u, v), normal="parametrization")
    with pytest.raises(ValueError, match="normal must be"):
        shape_operator_law_holds(Hypersurface([x, y, x * y], (x, y)), (u, v), (u, v), normal="up")
