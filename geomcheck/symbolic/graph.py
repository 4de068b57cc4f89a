"""The graph of ``f: R^n → R`` as a Riemannian manifold and a hypersurface of ``R^{n+1}``.

All quantities come from closed forms that :mod:`geomcheck.symbolic.proofs` *proves* equal to
the first-principles computation (exact polynomial identities on the jet ring, every
``n`` from 2 to 10, and for all ``n`` by the invariant-theory argument).  The very same
jet-ring constructions (:mod:`geomcheck.symbolic.graph_jets`) are evaluated here and turned
into SymPy by substituting the derivatives of ``f``; ``method="metric"`` recomputes a
quantity from first principles with plain SymPy instead (slow for generic ``f``; used to
cross-check concrete functions).

With ``β = 1/(1+|∇f|²)``, ``p = ∇f``, ``H = ∇²f`` (conventions: :mod:`geomcheck.conventions`):

* ``g = I + p pᵀ``, ``g⁻¹ = I − β p pᵀ``, ``det g = 1 + |p|²``
* ``Γ^i_{kl} = β f_i f_{kl}``
* ``R^i_{jkm} = β[(f_ik − β f_i (Hp)_k) f_jm − (f_im − β f_i (Hp)_m) f_jk]``,
  ``R_{ijkm} = β (f_ik f_jm − f_im f_jk)`` (Gauss equation)
* ``Ric_{jm} = β[(tr H − β pᵀHp) f_jm − (H²)_jm + β (Hp)_j (Hp)_m]``
* ``S = β[(tr H)² − tr H²] − 2β²[tr H · pᵀHp − pᵀH²p] = 2σ₂(κ)``
* ``N = √β (−p, 1)``, ``h = √β H``, ``s = √β (H − β p (Hp)ᵀ)``, ``det s = β^{(n+2)/2} det H``
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable, Mapping

import sympy as sp

from . import graph_jets as gj
from ._validate import as_coords, as_params, check_free_symbols
from .hypersurface import Hypersurface
from .jets import JetRing
from .metric import Metric, light_simplify

__all__ = ["GraphMetric"]

_METHODS = ("closed_form", "metric")


def _check_method(method: str) -> None:
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")


class GraphMetric(Metric):
    """Induced metric ``g = I + ∇f ∇fᵀ`` on the graph of a scalar expression ``f``.

    ``f`` may be concrete (``x**2 + sin(y)``) or generic (``GraphMetric.generic(n)``:
    ``f = Function('f')(x1, …, xn)``).  ``params`` declares constant symbols.
    """

    def __init__(self, f, coords: Iterable[sp.Symbol], *, params: Iterable[sp.Symbol] = ()):
        coords = as_coords(coords)
        params = as_params(params)
        if isinstance(f, (sp.MatrixBase, sp.NDimArray, list, tuple)):
            raise TypeError(f"f must be a scalar sympy expression, got {type(f).__name__}")
        try:
            f = sp.sympify(f)
        except sp.SympifyError as exc:
            raise TypeError(f"f must be a sympy expression: {exc}") from None
        if not isinstance(f, sp.Expr):
            raise TypeError(f"f must be a scalar sympy expression, got {type(f).__name__}")
        check_free_symbols(f, coords, params, "f")
        self.f = f
        n = len(coords)
        self.grad = sp.ImmutableMatrix([sp.diff(f, x) for x in coords])
        g = sp.eye(n) + self.grad * self.grad.T
        # det g = 1 + |∇f|² > 0 (proven: identity "metric_determinant"), never singular.
        super().__init__(g, coords, params=params, check_singular=False)

    @classmethod
    def generic(cls, n: int, name: str = "f") -> "GraphMetric":
        """Graph metric of an undefined ``f = Function(name)(x1, …, xn)`` (real coordinates)."""
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        coords = sp.symbols(f"x1:{n + 1}", real=True)
        return cls(sp.Function(name, real=True)(*coords), coords)

    # ---------------------------------------------------------------- jet substitution
    @cached_property
    def _ring(self) -> JetRing:
        return JetRing(self.n, max_order=2)

    @cached_property
    def _subs(self) -> list[sp.Expr]:
        x = self.coords
        derivs = [sp.diff(self.f, *[x[i] for i in idx]) for idx in self._ring.indices]
        w = 1 / sp.sqrt(1 + sum(d**2 for d in derivs[: self.n]))
        return [w] + derivs

    def _expr(self, P) -> sp.Expr:
        return self._ring.to_sympy(P, self._subs)

    @cached_property
    def beta(self) -> sp.Expr:
        """``β = 1 / (1 + |∇f|²)``."""
        return 1 / (1 + sum(d**2 for d in self.grad))

    def hessian(self) -> sp.ImmutableMatrix:
        """``∇²f``."""
        return sp.ImmutableMatrix(sp.hessian(self.f, self.coords))

    # ---------------------------------------------------------------- intrinsic geometry
    def inverse_metric(self, *, method: str = "closed_form") -> sp.ImmutableMatrix:
        """``g⁻¹ = I − β ∇f ∇fᵀ``."""
        _check_method(method)
        if method == "metric":
            return super().inverse_metric()
        M = gj.inverse_metric_cf(self._ring)
        return sp.ImmutableMatrix(self.n, self.n, lambda i, j: self._expr(M[i][j]))

    def christoffel(self, *, method: str = "closed_form") -> sp.ImmutableDenseNDimArray:
        """``Γ[i, k, l] = Γ^i_{kl} = β f_i f_{kl}``."""
        _check_method(method)
        if method == "metric":
            return super().christoffel()
        n, G = self.n, gj.christoffel_cf(self._ring)
        return sp.ImmutableDenseNDimArray(
            [self._expr(G[i][k][l]) for i in range(n) for k in range(n) for l in range(n)], (n, n, n)
        )

    def riemann(self, *, method: str = "closed_form") -> sp.ImmutableDenseNDimArray:
        """``R[i, j, k, m] = R^i_{jkm}`` (closed form; see the module docstring)."""
        _check_method(method)
        if method == "metric":
            return super().riemann()
        n, A = self.n, self._ring
        R = gj.riemann_cf(A)
        return sp.ImmutableDenseNDimArray(
            [self._expr(gj.riemann_component(A, R, i, j, k, m))
             for i in range(n) for j in range(n) for k in range(n) for m in range(n)],
            (n, n, n, n),
        )

    def ricci(self, *, method: str = "closed_form") -> sp.ImmutableMatrix:
        """``Ric_{jm} = R^i_{jim}``."""
        _check_method(method)
        if method == "metric":
            return super().ricci()
        R = gj.ricci_cf(self._ring)
        return sp.ImmutableMatrix(self.n, self.n, lambda j, m: self._expr(R[j][m]))

    def scalar_curvature(self, *, method: str = "closed_form", simplify: bool = False) -> sp.Expr:
        """``S = β[(tr H)² − tr H²] − 2β²[tr H · pᵀHp − pᵀH²p]``."""
        _check_method(method)
        if method == "metric":
            return super().scalar_curvature(simplify=simplify)
        S = self._expr(gj.scalar_cf(self._ring))
        return sp.simplify(S) if simplify else S

    # ---------------------------------------------------------------- extrinsic geometry
    def hypersurface(self) -> Hypersurface:
        """The embedding ``X(x) = (x, f(x))`` as a general :class:`Hypersurface`."""
        return Hypersurface(list(self.coords) + [self.f], self.coords, params=self.params)

    def normal(self, *, method: str = "closed_form") -> sp.ImmutableMatrix:
        """Upward unit normal ``N = (−∇f, 1)/√(1+|∇f|²)`` (length ``n + 1``)."""
        _check_method(method)
        if method == "metric":
            return self.hypersurface().normal()
        return sp.ImmutableMatrix([self._expr(c) for c in gj.normal_cf(self._ring)])

    def second_fundamental_form(self, *, method: str = "closed_form") -> sp.ImmutableMatrix:
        """``h_ij = f_ij / √(1+|∇f|²)``."""
        _check_method(method)
        if method == "metric":
            return self.hypersurface().second_fundamental_form()
        h = gj.second_fundamental_form_cf(self._ring)
        return sp.ImmutableMatrix(self.n, self.n, lambda i, j: self._expr(h[i][j]))

    def shape_operator(self, *, method: str = "closed_form") -> sp.ImmutableMatrix:
        """``s = g⁻¹h = (H − β ∇f (H∇f)ᵀ)/√(1+|∇f|²)`` (``s[i, j] = s^i_j``)."""
        _check_method(method)
        if method == "metric":
            return self.hypersurface().shape_operator()
        s = gj.shape_operator_cf(self._ring)
        return sp.ImmutableMatrix(self.n, self.n, lambda i, j: self._expr(s[i][j]))

    def mean_curvature(self, *, method: str = "closed_form") -> sp.Expr:
        """``tr(s)/n = (tr H − β ∇fᵀH∇f) / (n √(1+|∇f|²))``."""
        _check_method(method)
        if method == "metric":
            return self.hypersurface().mean_curvature()
        return self._expr(gj.mean_curvature_times_n_cf(self._ring)) / self.n

    def gauss_curvature(self, *, method: str = "closed_form") -> sp.Expr:
        """Gauss–Kronecker curvature ``det s = det(∇²f) / (1+|∇f|²)^{(n+2)/2}``."""
        _check_method(method)
        if method == "metric":
            return self.hypersurface().gauss_curvature()
        return self.hessian().det(method="berkowitz") * self.beta ** sp.Rational(self.n + 2, 2)

    def principal_curvatures(self, point: Mapping[sp.Symbol, sp.Expr]) -> list[sp.Expr]:
        """Exact eigenvalues of ``s`` at ``point`` (a dict coordinate → value), ascending.

        ``s`` is similar to the symmetric ``g^{-1/2} h g^{-1/2}``, so the roots of its
        characteristic polynomial are real; they are exact algebraic numbers, sorted numerically.
        """
        missing = [x for x in self.coords if x not in point]
        if missing:
            raise ValueError(f"point must give a value for every coordinate; missing {missing}")
        # s = w · (g⁻¹H) with w = 1/√(1+|∇f|²) > 0: the eigenvalues of the (rational at
        # rational points) matrix g⁻¹H scaled by w, order preserved.
        M = (self.inverse_metric() * self.hessian()).subs(dict(point))
        w = (1 / sp.sqrt(1 + sum(d**2 for d in self.grad))).subs(dict(point))
        if M.free_symbols or w.free_symbols:
            raise ValueError(f"shape operator still depends on {M.free_symbols | w.free_symbols} at this point")
        cp = M.charpoly()
        roots = sp.roots(cp, multiple=True)
        if len(roots) != self.n:
            roots = cp.all_roots()
        return sorted((sp.radsimp(w * r) for r in roots), key=lambda r: float(sp.re(sp.N(r, 30))))

    def __repr__(self) -> str:
        return f"GraphMetric(f={self.f}, coords={self.coords})"
