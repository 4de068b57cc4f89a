"""Property-based: closed forms of GraphMetric equal the first-principles Metric computation
for random polynomial losses, exactly, at random rational points."""

import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from geomcheck.symbolic import GraphMetric
from geomcheck.symbolic.metric import Metric

x, y = sp.symbols("x y", real=True)
MONOMIALS = [x, y, x**2, x * y, y**2, x**2 * y]

polynomials = st.lists(st.integers(-3, 3), min_size=len(MONOMIALS), max_size=len(MONOMIALS)).map(
    lambda cs: sum(c * m for c, m in zip(cs, MONOMIALS))
)
rationals = st.fractions(min_value=-2, max_value=2, max_denominator=4).map(sp.Rational)


@given(polynomials, rationals, rationals)
@example(x**2 - y**2, sp.Rational(1, 2), sp.Rational(-1, 3))  # saddle, off the critical point
@example(sp.Integer(0) + x, sp.Integer(0), sp.Integer(0))  # a plane: flat
@example(-2 * x**2 * y - 2 * x**2 + x * y - 3 * x + 2 * y**2, sp.Integer(-2), sp.Integer(0))  # thorough profile: S = -97/7938
def test_scalar_curvature_and_shape_operator_match_first_principles(f, px, py):
    g = GraphMetric(f, (x, y))
    at = {x: px, y: py}
    # first principles from the metric alone, evaluated exactly at the point
    fp = Metric(g.g, (x, y))
    # (exact already: a rational function at a rational point. sp.nsimplify must not be used here —
    # it maps the exact -97/7938 of the example above to 2**(18/175)*3**(3/35)*...*7**(159/175)/1225,
    # a surd approximation, in SymPy 1.14)
    S_fp = fp.scalar_curvature(simplify=False).subs(at)
    assert sp.simplify(g.scalar_curvature().subs(at) - S_fp) == 0
    s_cf = g.shape_operator().subs(at)
    s_fp = g.shape_operator(method="metric").subs(at)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(s_cf, s_fp))
    # S = 2 det(s) for surfaces (Gauss), exactly
    assert sp.simplify(g.scalar_curvature().subs(at) - 2 * s_cf.det()) == 0
