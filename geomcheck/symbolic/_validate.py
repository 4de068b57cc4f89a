"""Input validation shared by the symbolic classes: clear errors naming the problem."""

from __future__ import annotations

from typing import Iterable, Sequence

import sympy as sp


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
