"""Tidying exact SymPy values without changing them.

``sympy.nsimplify`` identifies a closed form from the *floating-point value* of its argument, also
when the argument is exact, and then it can return a different number: in SymPy 1.14
``nsimplify(Rational(-97, 7938))`` is ``-2**(18/175)*3**(3/35)*5**(12/25)*7**(159/175)/1225``
(equal to 15 digits, not equal), and so are about 2 % of the rationals with a denominator in the
thousands (82 of 4,572 tried; ``tests/test_exact_tidy.py``).  Found by the ``thorough`` hypothesis
profile.  :func:`tidy` is what geomcheck uses instead: it keeps a rational as it is, and accepts
``nsimplify``'s form of any other exact expression only when SymPy proves the two equal.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy as sp

__all__ = ["tidy"]


def tidy(x: Any) -> Any:
    """``x`` in a tidier exact form, never a different value.

    Rationals (SymPy ``Rational``, ``int``, :class:`fractions.Fraction`) come back as a SymPy
    ``Rational`` unchanged; a matrix is tidied entrywise; another exact expression is replaced by
    ``sympy.nsimplify(x)`` only when ``simplify(nsimplify(x) − x)`` is exactly ``0``, else returned as
    it is.  A ``float`` or an expression holding a ``Float`` is refused (``TypeError``): tidying
    must not turn an approximation into a claimed exact value.
    """
    if isinstance(x, sp.MatrixBase):
        return x.applyfunc(tidy)
    if isinstance(x, bool) or isinstance(x, float):
        raise TypeError(f"tidy takes exact values, got {type(x).__name__} {x!r}")
    if isinstance(x, (int, Fraction)):
        return sp.Rational(x)
    x = sp.sympify(x)
    if x.has(sp.Float):
        raise TypeError(f"tidy takes exact values, got an expression with floats: {x}")
    if x.is_Rational:
        return x
    y = sp.nsimplify(x)
    if y == x:
        return y
    return y if sp.simplify(y - x) == 0 else x
