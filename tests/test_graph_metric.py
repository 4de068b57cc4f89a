"""GraphMetric: closed forms against the first-principles SymPy computation, and bad input."""

import pytest
import sympy as sp

from geomcheck.symbolic import GraphMetric, Hypersurface, Metric

x, y, z = sp.symbols("x y z", real=True)
a = sp.Symbol("a", positive=True)

QUANTITIES = ["inverse_metric", "christoffel", "riemann", "ricci", "normal",
              "second_fundamental_form", "shape_operator"]
SCALARS = ["scalar_curvature", "mean_curvature", "gauss_curvature"]


def _zero(d) -> bool:
    return sp.cancel(sp.together(d)) == 0 or sp.simplify(d) == 0


def _same(u, v) -> bool:
    return all(_zero(p - q) for p, q in zip(sp.flatten(u), sp.flatten(v)))


@pytest.mark.parametrize(
    "f, coords",
    [
        (x**2 + y**2, (x, y)),
        (x**3 - 3 * x * y**2, (x, y)),  # monkey saddle
        (sp.sin(x) * sp.exp(y), (x, y)),
        (sp.log(1 + x**2) + x * y, (x, y)),
        (x * y * z + x**2 - z**2, (x, y, z)),
    ],
)
def test_closed_forms_equal_first_principles(f, coords):
    g = GraphMetric(f, coords)
    for name in QUANTITIES:
        assert _same(getattr(g, name)(), getattr(g, name)(method="metric")), name
    for name in SCALARS:
        assert _zero(getattr(g, name)() - getattr(g, name)(method="metric")), name


def test_generic_two_dimensional_graph_first_principles():
    g = GraphMetric.generic(2)
    f1, f2 = (g.f.diff(c) for c in g.coords)
    S_cf = g.scalar_curvature()
    S_fp = g.scalar_curvature(method="metric")
    # replace derivatives by symbols: exact rational-function identity
    derivs = sorted(S_fp.atoms(sp.Derivative) | S_cf.atoms(sp.Derivative), key=sp.default_sort_key)
    syms = sp.symbols(f"d0:{len(derivs)}")
    rep = dict(zip(derivs, syms))
    assert sp.cancel(S_cf.xreplace(rep) - S_fp.xreplace(rep)) == 0
    # S = 2 K for surfaces
    assert sp.cancel((S_cf - 2 * g.gauss_curvature()).xreplace(rep)) == 0
    assert g.f.func.__name__ == "f" and len(g.coords) == 2 and f1 != f2


def test_generic_is_fast_in_ten_dimensions():
    g = GraphMetric.generic(10)
    S = g.scalar_curvature()
    assert S.has(sp.Derivative)
    assert g.christoffel().shape == (10, 10, 10)


def test_metric_and_graph_metric_agree_on_the_matrix():
    g = GraphMetric(x**2 * y, (x, y))
    assert g.g == sp.Matrix([[1 + 4 * x**2 * y**2, 2 * x**3 * y], [2 * x**3 * y, 1 + x**4]])
    assert isinstance(g, Metric)
    assert sp.simplify(g.det - (1 + sum(d**2 for d in g.grad))) == 0


def test_parameters_are_allowed_when_declared():
    g = GraphMetric(a * x**2 + y**2, (x, y), params=(a,))
    assert sp.simplify(g.scalar_curvature().subs({x: 0, y: 0}) - 8 * a) == 0


def test_principal_curvatures_exact_and_ascending():
    g = GraphMetric(x**2 + y**2, (x, y))
    assert g.principal_curvatures({x: 1, y: 0}) == [2 * sp.sqrt(5) / 25, 2 * sp.sqrt(5) / 5]
    with pytest.raises(ValueError, match="missing"):
        g.principal_curvatures({x: 1})


def test_hypersurface_of_graph_matches():
    g = GraphMetric(x * y, (x, y))
    X = Hypersurface([x, y, x * y], (x, y))
    assert _same(X.shape_operator(), g.shape_operator())
    assert _same(X.first_fundamental_form(), g.g)


# --- bad input ---------------------------------------------------------------------------

def test_f_with_foreign_symbols():
    with pytest.raises(ValueError, match="not coordinates: a"):
        GraphMetric(a * x**2, (x, y))


def test_f_not_scalar():
    with pytest.raises(TypeError, match="scalar"):
        GraphMetric(sp.Matrix([x, y]), (x, y))
    with pytest.raises(TypeError, match="scalar"):
        GraphMetric([x, y], (x, y))


def test_coordinates_not_symbols():
    with pytest.raises(TypeError, match="Symbols"):
        GraphMetric(x**2, (x, 2 * y))
    with pytest.raises(TypeError, match="Symbols"):
        GraphMetric(x**2, ("x", "y"))
    with pytest.raises(ValueError, match="distinct"):
        GraphMetric(x**2, (x, x))


def test_unknown_method():
    with pytest.raises(ValueError, match="method"):
        GraphMetric(x**2, (x,)).christoffel(method="magic")


def test_generic_bad_n():
    with pytest.raises(ValueError):
        GraphMetric.generic(0)


def test_metric_bad_input():
    with pytest.raises(ValueError, match="square"):
        Metric(sp.Matrix([[1, 0, 0], [0, 1, 0]]), (x, y))
    with pytest.raises(ValueError, match="symmetric"):
        Metric(sp.Matrix([[1, x], [0, 1]]), (x, y))
    with pytest.raises(ValueError, match="singular"):
        Metric(sp.Matrix([[1, x], [x, x**2]]), (x, y))
    with pytest.raises(ValueError, match="mismatch"):
        Metric(sp.eye(3), (x, y))
    with pytest.raises(ValueError, match="not coordinates: a"):
        Metric(sp.diag(1, a), (x, y))
    with pytest.raises(TypeError, match="Symbols"):
        Metric(sp.eye(2), (x, 1))
    with pytest.raises(ValueError, match="empty"):
        Metric(sp.eye(1), ())
    with pytest.raises(TypeError, match="Matrix"):
        Metric(object(), (x,))
    with pytest.raises(ValueError, match="different"):
        Metric(sp.eye(2), (x, y)).sectional_curvature(0, 0)
    assert Metric(sp.diag(1, a), (x, y), params=(a,)).scalar_curvature() == 0


def test_hypersurface_bad_input():
    with pytest.raises(ValueError, match="needs 3 components"):
        Hypersurface([x, y], (x, y))
    with pytest.raises(ValueError, match="not coordinates"):
        Hypersurface([x, y, a], (x, y))
    with pytest.raises(ValueError, match="3 components"):
        Hypersurface([x, y, x * y], (x, y)).shape_operator(normal=[0, 1])


def test_size_guard_refuses_from_the_estimate_and_allow_large_lifts_it(monkeypatch) -> None:
    """``GraphMetric``: the estimate (``n⁴/16`` terms for S) is checked before any work; with the
    limit lowered, ``allow_large=True`` gives the same expression as without the guard."""
    import geomcheck.symbolic.graph as graph
    from geomcheck.symbolic import SizeLimitError

    G = GraphMetric.generic(3)
    expected = G.scalar_curvature()
    monkeypatch.setattr(graph, "SYMBOLIC_TERMS_LIMIT", 1)
    with pytest.raises(SizeLimitError, match=r"scalar_curvature .* n = 3 .* allow_large=True"):
        GraphMetric.generic(3).scalar_curvature()
    assert sp.simplify(GraphMetric.generic(3).scalar_curvature(allow_large=True) - expected) == 0


def test_proof_size_guard_uses_the_measured_cost_model(monkeypatch) -> None:
    """``prove_graph_identities``: ``n = 12`` is allowed (1.53 GB measured), ``13`` refused (the
    cost doubles per n); the limit is the estimate, so lowering it refuses small n too."""
    import geomcheck.symbolic.proofs as proofs
    from geomcheck.symbolic import SizeLimitError, proof_cost_estimate

    assert proof_cost_estimate(12)[0] <= proofs.PROOF_MEMORY_LIMIT < proof_cost_estimate(13)[0]
    with pytest.raises(SizeLimitError, match="prove_graph_identities\\(13\\) needs about 3.06 GB"):
        proofs.prove_graph_identities(13)
    monkeypatch.setattr(proofs, "PROOF_MEMORY_LIMIT", 1)
    with pytest.raises(SizeLimitError):
        proofs.prove_graph_identities(2)
    assert proofs.prove_graph_identities(2, allow_large=True).all_hold
