"""Input validation shared by the symbolic classes: clear errors naming the problem."""

from __future__ import annotations

import numbers
from typing import Iterable, Sequence

import sympy as sp

from geomcheck.errors import SizeLimitError  # noqa: F401  (re-exported by geomcheck.symbolic)


def as_coords(coords: Iterable) -> tuple[sp.Symbol, ...]:
    """Coordinates must be distinct SymPy ``Symbol`` s."""
    if isinstance(coords, sp.Symbol):
        coords = (coords,)
    coords = tuple(coords)
    if not coords:
        raise ValueError("coords is empty: give at least one coordinate symbol")
    bad = [c for c in coords if not isinstance(c, sp.Symbol)]
    if bad:
        raise TypeError(f"coordinates must be sympy Symbols; got {bad!r} of type {type(bad[0]).__name__}")
    if len(set(coords)) != len(coords):
        raise ValueError(f"coordinates must be distinct, got {coords}")
    return coords


def as_params(params: Iterable) -> tuple[sp.Symbol, ...]:
    params = tuple(params)
    bad = [p for p in params if not isinstance(p, sp.Symbol)]
    if bad:
        raise TypeError(f"params must be sympy Symbols; got {bad!r}")
    return params


def check_free_symbols(expr, coords: Sequence[sp.Symbol], params: Sequence[sp.Symbol], what: str) -> None:
    """Everything ``expr`` depends on must be a coordinate or a declared parameter."""
    extra = set(getattr(expr, "free_symbols", set())) - set(coords) - set(params)
    if extra:
        names = ", ".join(sorted(map(str, extra)))
        known = {str(c): c for c in (*coords, *params)}
        clash = sorted(str(e) for e in extra if str(e) in known)
        if clash:
            raise ValueError(
                f"{what} uses symbol(s) {', '.join(clash)} that have the same name as a coordinate or "
                "parameter but different assumptions (e.g. Symbol('x') vs Symbol('x', real=True)); "
                f"build {what} from the coordinate symbols themselves: {tuple(coords)}"
            )
        raise ValueError(
            f"{what} depends on symbols that are not coordinates: {names}; "
            f"coordinates are {tuple(coords)} (declare constants with params=...)"
        )


def as_square_symmetric_matrix(g, n: int) -> sp.ImmutableMatrix:
    """A symmetric, square ``n x n`` SymPy matrix, or a clear error."""
    try:
        G = sp.ImmutableMatrix(g)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"metric must be convertible to a sympy Matrix: {exc}") from None
    if G.rows != G.cols:
        raise ValueError(f"metric must be square, got shape {G.shape}")
    if G.rows != n:
        raise ValueError(f"metric is {G.rows}x{G.cols} but there are {n} coordinates: dimensions mismatch")
    for i in range(n):
        for j in range(i + 1, n):
            diff = G[i, j] - G[j, i]
            if diff != 0 and sp.simplify(diff) != 0:
                raise ValueError(f"metric is not symmetric: g[{i},{j}] = {G[i, j]} but g[{j},{i}] = {G[j, i]}")
    return G


def as_dimension(n: object, name: str = "n") -> int:
    """A positive ``int`` (Python or NumPy integer; ``bool`` is rejected, not read as 0/1)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {n!r} of type {type(n).__name__}")
    if n < 1:
        raise ValueError(f"{name} must be a positive integer, got {n!r}")
    return int(n)


_NON_FINITE = (sp.zoo, sp.nan, sp.oo, -sp.oo)


def check_real_finite_expression(expr: sp.Expr, coords: Sequence[sp.Symbol], params: Sequence[sp.Symbol],
                                 what: str) -> None:
    """``expr`` must be a finite, real-valued expression (no ``nan``/``zoo``/``oo``, no ``I``)."""
    bad = [a for a in _NON_FINITE if expr.has(a)]
    if bad:
        raise ValueError(
            f"{what} = {expr} is not a finite expression: it contains {bad[0]} "
            "(nan, zoo = complex infinity or oo have no derivatives)"
        )
    if expr.has(sp.I):
        real = {s: sp.Dummy(s.name, real=True) for s in (*coords, *params)}
        imag = sp.im(sp.expand_complex(expr.xreplace(real)))
        if sp.simplify(imag) != 0:
            raise ValueError(
                f"{what} = {expr} is not real-valued (imaginary part {imag.xreplace({v: k for k, v in real.items()})}); "
                "the graph of f needs a real function"
            )
