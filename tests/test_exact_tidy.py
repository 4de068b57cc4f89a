"""geomcheck.symbolic.exact.tidy: exact values tidied, never changed (SymPy's nsimplify changes some)."""

from fractions import Fraction

import pytest
import sympy as sp

from geomcheck.symbolic.exact import tidy


def test_nsimplify_changes_exact_rationals_and_tidy_does_not() -> None:
    r = sp.Rational(-97, 7938)  # the thorough-profile case: S of a random polynomial graph
    changed = [sp.Rational(p, q) for q in range(2, 8000, 7) for p in (1, -97, 13, -5)
               if sp.nsimplify(sp.Rational(p, q)) != sp.Rational(p, q)]
    # the hazard tidy exists for (if a SymPy release fixes nsimplify, this documents that it did)
    assert sp.nsimplify(r) != r and len(changed) >= 1
    for q in changed + [r]:
        assert tidy(q) == q and tidy(Fraction(int(q.p), int(q.q))) == q
    assert tidy(7) == 7 and isinstance(tidy(7), sp.Integer)


def test_tidy_simplifies_when_provably_equal_and_keeps_the_rest() -> None:
    assert tidy(sp.sqrt(8) / 2) == sp.sqrt(2)
    e = sp.Rational(-97, 7938) + sp.sqrt(2)
    assert sp.simplify(tidy(e) - e) == 0
    M = sp.Matrix([[sp.Rational(-5, 7527), sp.sqrt(8) / 2], [0, 1]])
    assert tidy(M) == sp.Matrix([[sp.Rational(-5, 7527), sp.sqrt(2)], [0, 1]])
    x = sp.symbols("x")
    assert sp.simplify(tidy(x / 2 + x / 2) - x) == 0


@pytest.mark.parametrize("bad", [0.5, sp.Float(0.25) * sp.sqrt(2), True])
def test_tidy_refuses_floats(bad) -> None:
    with pytest.raises(TypeError, match="exact"):
        tidy(bad)
