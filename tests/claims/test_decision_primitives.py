"""The shared numeric decisions of the claim checks (``tools.close``, ``tools.below``): the one place
a computed number meets its tolerance, so that the verdict scan (``flip_primitives.py``) can falsify it."""

import math

import numpy as np
import pytest

from geomcheck.claims.tools import below, close


def test_close_is_exact_equality_without_tolerance():
    assert close(600.0, 600)
    assert not close(600.0 + 2 ** -43, 600)  # the next float after 600 (512 <= 600 < 1024: ulp 2^-43)
    assert close(np.zeros(3), 0)


def test_close_tolerances_absolute_and_relative():
    # |a - b| <= atol + rtol |b|: 1.05 vs 1 is within rtol 0.1 and atol 0.06, not within rtol 0.01
    assert close(1.05, 1.0, rtol=0.1)
    assert close(1.05, 1.0, atol=0.06)
    assert not close(1.05, 1.0, rtol=0.01)
    # the relative tolerance scales with b, not a: 0 vs 1 with rtol 1 agrees, 1 vs 0 does not
    assert close(0.0, 1.0, rtol=1.0)
    assert not close(1.0, 0.0, rtol=1.0)
    # arrays: every entry must agree
    assert not close([1.0, 2.0], [1.0, 2.5], atol=0.1)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_close_and_below_refuse_non_finite(bad):
    with pytest.raises(ValueError, match="non-finite"):
        close(bad, 1.0, atol=1.0)
    with pytest.raises(ValueError, match="non-finite"):
        below([0.0, bad], 1.0)


def test_close_refuses_negative_tolerance_and_mismatched_shapes():
    with pytest.raises(ValueError, match="non-negative"):
        close(1.0, 1.0, rtol=-1e-3)
    with pytest.raises(ValueError, match="shapes"):
        close(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="shapes"):
        below(np.zeros(2), np.zeros(3))


def test_exact_scalars_are_compared_exactly():
    from fractions import Fraction

    import sympy as sp

    # 10**17 + 1 and 10**17 are the same float: only an exact comparison tells them apart
    assert not close(10 ** 17 + 1, 10 ** 17)
    assert close(Fraction(1, 3) * 3, 1)
    assert below(Fraction(1, 3), sp.Rational(1, 3)) and not below(Fraction(1, 3), sp.Rational(1, 3), strict=True)
    assert not below(10 ** 17 + 1, 10 ** 17)


def test_below_pointwise_and_strict():
    assert below([0, 1, 2], [0, 1, 2])
    assert not below([0, 1, 2], [0, 1, 2], strict=True)
    assert below([0, 1, 2], 3, strict=True)
    assert not below([0, 4, 2], 3)
