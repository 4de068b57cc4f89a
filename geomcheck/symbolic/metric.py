"""A Riemannian metric in coordinates, with curvature from first principles (SymPy).

Conventions: :mod:`geomcheck.conventions` (``Γ[i, k, l] = Γ^i_{kl}``,
``R[i, j, k, m] = R^i_{jkm}``, ``Ric_{jm} = R^i_{jim}``, ``S = g^{jm} Ric_{jm}``; the unit
2-sphere has ``S = +2``).

This is the textbook computation, done once per component with light simplification
(``cancel``/``together``) instead of ``simplify`` on every component (which is what makes
EinsteinPy take minutes for ``n = 3``).  For graph metrics of a *generic* ``f`` use
:class:`~geomcheck.symbolic.graph.GraphMetric`, whose closed forms are proven exactly on the
jet ring.
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable, Iterable

import sympy as sp

from ._validate import (
    as_coords,
    as_params,
    as_square_symmetric_matrix,
    check_free_symbols,
    check_real_finite_expression,
)

__all__ = ["Metric", "light_simplify"]


def light_simplify(expr: sp.Expr) -> sp.Expr:
    """Cheap normalisation used on every component: ``together`` then ``cancel`` when the
    expression is rational in its atoms; trigonometric/undefined-function expressions are
    left to the caller's ``simplify``."""
    expr = sp.together(expr)
    try:
        return sp.cancel(expr)
    except (sp.PolynomialError, NotImplementedError):
        return expr


class Metric:
    """A metric ``g`` (``n x n`` SymPy matrix) in coordinates ``coords`` (SymPy symbols).

    ``params`` declares symbols that are constants (not coordinates).  ``simplify`` is
    applied to every component (default :func:`light_simplify`).

    Raises ``TypeError``/``ValueError`` for coordinates that are not symbols, a non-square,
    non-symmetric, mis-sized or singular metric, entries that depend on undeclared symbols, or
    entries that are not finite real expressions (``nan``, ``zoo``, ``oo``, ``I``).
    """

    def __init__(
        self,
        g,
        coords: Iterable[sp.Symbol],
        *,
        params: Iterable[sp.Symbol] = (),
        simplify: Callable[[sp.Expr], sp.Expr] = light_simplify,
        check_singular: bool = True,
    ):
        self.coords = as_coords(coords)
        self.params = as_params(params)
        self.n = len(self.coords)
        self.g = as_square_symmetric_matrix(g, self.n)
        check_free_symbols(self.g, self.coords, self.params, "metric")
        for i in range(self.n):
            for j in range(i, self.n):
                check_real_finite_expression(self.g[i, j], self.coords, self.params, f"g[{i},{j}]")
        self._simp = simplify
        if check_singular:
            det = self.det
            if det == 0 or sp.simplify(det) == 0:
                raise ValueError(f"metric is singular: det g = {det} vanishes identically")

    @property
    def dim(self) -> int:
        return self.n

    @cached_property
    def det(self) -> sp.Expr:
        """``det g``."""
        return self._simp(self.g.det(method="berkowitz"))

    def inverse_metric(self) -> sp.ImmutableMatrix:
        """``g^{ij}`` (adjugate / determinant, simplified componentwise)."""
        return self._inverse

    @cached_property
    def _inverse(self) -> sp.ImmutableMatrix:
        adj = self.g.adjugate(method="berkowitz")
        return sp.ImmutableMatrix(self.n, self.n, lambda i, j: self._simp(adj[i, j] / self.det))

    def christoffel(self) -> sp.ImmutableDenseNDimArray:
        """``Γ[i, k, l] = Γ^i_{kl} = ½ g^{ij}(∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})``."""
        return self._christoffel

    @cached_property
    def _christoffel(self) -> sp.ImmutableDenseNDimArray:
        n, x, g, ginv = self.n, self.coords, self.g, self.inverse_metric()
        dg = [[[sp.diff(g[j, l], x[k]) for l in range(n)] for j in range(n)] for k in range(n)]
        G = [[[None] * n for _ in range(n)] for _ in range(n)]
        for i in range(n):
            for k in range(n):
                for l in range(k, n):
                    val = sp.Rational(1, 2) * sum(
                        ginv[i, j] * (dg[k][j][l] + dg[l][j][k] - dg[j][k][l]) for j in range(n)
                    )
                    G[i][k][l] = G[i][l][k] = self._simp(val)
        return sp.ImmutableDenseNDimArray(G, (n, n, n))

    def riemann(self) -> sp.ImmutableDenseNDimArray:
        """``R[i, j, k, m] = R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``."""
        return self._riemann

    @cached_property
    def _riemann(self) -> sp.ImmutableDenseNDimArray:
        n, x, G = self.n, self.coords, self.christoffel()
        R = [[[[sp.S.Zero] * n for _ in range(n)] for _ in range(n)] for _ in range(n)]
        for i in range(n):
            for j in range(n):
                for k in range(n):
                    for m in range(k + 1, n):
                        val = (
                            sp.diff(G[i, j, m], x[k])
                            - sp.diff(G[i, j, k], x[m])
                            + sum(G[i, k, r] * G[r, j, m] - G[i, m, r] * G[r, j, k] for r in range(n))
                        )
                        val = self._simp(val)
                        R[i][j][k][m] = val
                        R[i][j][m][k] = -val
        return sp.ImmutableDenseNDimArray(R, (n, n, n, n))

    def lowered_riemann(self) -> sp.ImmutableDenseNDimArray:
        """``R_{ijkm} = g_{ir} R^r_{jkm}``."""
        n, g, R = self.n, self.g, self.riemann()
        return sp.ImmutableDenseNDimArray(
            [self._simp(sum(g[i, r] * R[r, j, k, m] for r in range(n)))
             for i in range(n) for j in range(n) for k in range(n) for m in range(n)],
            (n, n, n, n),
        )

    def ricci(self) -> sp.ImmutableMatrix:
        """``Ric_{jm} = R^i_{jim}``."""
        n, R = self.n, self.riemann()
        return sp.ImmutableMatrix(n, n, lambda j, m: self._simp(sum(R[i, j, i, m] for i in range(n))))

    def scalar_curvature(self, *, simplify: bool = True) -> sp.Expr:
        """``S = g^{jm} Ric_{jm}`` (``simplify=True`` runs ``sympy.simplify`` on the result)."""
        n, ginv, Ric = self.n, self.inverse_metric(), self.ricci()
        S = self._simp(sum(ginv[j, m] * Ric[j, m] for j in range(n) for m in range(n)))
        return sp.simplify(S) if simplify else S

    def sectional_curvature(self, k: int, m: int) -> sp.Expr:
        """Sectional curvature of the coordinate plane ``(∂_k, ∂_m)``: ``R_{kmkm}/(g_kk g_mm − g_km²)``."""
        if k == m:
            raise ValueError("sectional curvature needs two different coordinate directions")
        g = self.g
        return sp.simplify(self.lowered_riemann()[k, m, k, m] / (g[k, k] * g[m, m] - g[k, m] ** 2))

    def __repr__(self) -> str:
        return f"Metric(n={self.n}, coords={self.coords})"
