"""A parametrised hypersurface ``X: U ⊂ R^n → R^{n+1}`` (first principles, SymPy).

Conventions (:mod:`geomcheck.conventions`): first fundamental form ``g_ij = ⟨∂_iX, ∂_jX⟩``;
normal ``ν_a = det[∂_1X, …, ∂_nX, e_a]`` normalised (the generalized cross product — for a
graph ``(x, f(x))`` it is the upward normal); ``h_ij = ⟨∂_i∂_jX, N⟩``; shape operator
``s = g⁻¹h``; mean curvature ``tr(s)/n``; Gauss–Kronecker curvature ``det(s)``.

Reparametrising ``X̃ = X ∘ φ`` with Jacobian ``J = ∂x/∂y`` gives ``g̃ = Jᵀ g J`` and
``h̃ = ± Jᵀ h J`` (sign of ``det J``: the generalized cross product follows the orientation of
the parametrisation), hence ``s̃ = ± J⁻¹ s J``: the spectrum of the shape operator is
invariant up to that orientation sign (checked in ``tests/test_reparametrization.py``).
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable, Iterable, Sequence

import sympy as sp

from ._validate import as_coords, as_params, check_free_symbols, check_real_finite_expression
from .metric import Metric, light_simplify

__all__ = ["Hypersurface"]


class Hypersurface:
    """Hypersurface given by ``n + 1`` component expressions of ``n`` coordinates."""

    def __init__(
        self,
        X: Sequence[sp.Expr],
        coords: Iterable[sp.Symbol],
        *,
        params: Iterable[sp.Symbol] = (),
        simplify: Callable[[sp.Expr], sp.Expr] = light_simplify,
    ):
        self.coords = as_coords(coords)
        self.params = as_params(params)
        self.n = len(self.coords)
        X = list(sp.Matrix(X)) if not isinstance(X, (list, tuple)) else list(X)
        if len(X) != self.n + 1:
            raise ValueError(
                f"a hypersurface of R^{self.n + 1} needs {self.n + 1} components for {self.n} coordinates, got {len(X)}"
            )
        self.X = sp.ImmutableMatrix([sp.sympify(c) for c in X])
        check_free_symbols(self.X, self.coords, self.params, "embedding")
        for a, component in enumerate(self.X):
            check_real_finite_expression(component, self.coords, self.params, f"X[{a}]")
        self._simp = simplify

    @cached_property
    def jacobian(self) -> sp.ImmutableMatrix:
        """``(n+1) x n`` matrix of tangent vectors ``∂_iX`` (columns)."""
        return sp.ImmutableMatrix(self.X.jacobian(self.coords))

    def first_fundamental_form(self) -> sp.ImmutableMatrix:
        """``g_ij = ⟨∂_iX, ∂_jX⟩``."""
        J = self.jacobian
        return sp.ImmutableMatrix((J.T * J).applyfunc(self._simp))

    def metric(self) -> Metric:
        """The induced metric as a :class:`Metric`."""
        return Metric(self.first_fundamental_form(), self.coords, params=self.params, simplify=self._simp)

    @cached_property
    def _unnormalised_normal(self) -> sp.ImmutableMatrix:
        J = self.jacobian
        N = self.n + 1
        comps = []
        for a in range(N):
            e = sp.zeros(N, 1)
            e[a] = 1
            comps.append(self._simp(sp.Matrix.hstack(J, e).det(method="berkowitz")))
        return sp.ImmutableMatrix(comps)

    def normal(self) -> sp.ImmutableMatrix:
        """Unit normal ``ν/|ν|``, ``ν_a = det[∂_1X, …, ∂_nX, e_a]``."""
        nu = self._unnormalised_normal
        # factor |ν|² first so that perfect squares leave the root: sqrt((x²+1)²) = x²+1
        norm = sp.sqrt(sp.factor(self._simp(sum(c**2 for c in nu))))
        return sp.ImmutableMatrix([c / norm for c in nu])

    def second_fundamental_form(self, normal: Sequence[sp.Expr] | None = None) -> sp.ImmutableMatrix:
        """``h_ij = ⟨∂_i∂_jX, N⟩`` (``normal``: a given unit normal field, default :meth:`normal`)."""
        N, x, n = (self.normal() if normal is None else list(normal)), self.coords, self.n
        return sp.ImmutableMatrix(
            n, n, lambda i, j: self._simp(sum(sp.diff(self.X[a], x[i], x[j]) * N[a] for a in range(n + 1)))
        )

    def shape_operator(self, normal: Sequence[sp.Expr] | None = None) -> sp.ImmutableMatrix:
        """``s = g⁻¹ h`` (``s^i_j``), with ``h`` taken against ``normal`` if given."""
        if normal is not None and len(list(normal)) != self.n + 1:
            raise ValueError(f"normal must have {self.n + 1} components")
        ginv = self.metric().inverse_metric()
        return sp.ImmutableMatrix((ginv * self.second_fundamental_form(normal)).applyfunc(self._simp))

    def mean_curvature(self) -> sp.Expr:
        """``tr(s)/n``."""
        return self._simp(self.shape_operator().trace() / self.n)

    def gauss_curvature(self) -> sp.Expr:
        """Gauss–Kronecker curvature ``det(s)``."""
        return self._simp(self.shape_operator().det(method="berkowitz"))
