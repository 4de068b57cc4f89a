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

import math
from functools import cached_property
from typing import Iterable, Mapping

import sympy as sp

from . import graph_jets as gj
from ._validate import (
    SizeLimitError,
    as_coords,
    as_dimension,
    as_params,
    check_free_symbols,
    check_real_finite_expression,
)
from .hypersurface import Hypersurface
from .jets import JetRing
from .metric import Metric, light_simplify

__all__ = ["GraphMetric"]

_METHODS = ("closed_form", "metric")

#: Largest estimated number of terms a closed form may have without ``allow_large=True``.
#: Measured: ``GraphMetric.generic(n).scalar_curvature()`` has ``≈ n⁴/16`` terms and takes about
#: 1.5 ms per term on one x86_64 core (33 s for n = 28, 21,924 terms), so the limit is about a
#: minute of work.
SYMBOLIC_TERMS_LIMIT = 50_000
SECONDS_PER_TERM = 1.5e-3


def _terms_estimate(quantity: str, n: int, generic: bool) -> float:
    """Terms of the SymPy result of ``quantity`` in dimension ``n`` (upper estimates)."""
    if quantity == "gauss_curvature":
        return float(math.factorial(n)) if generic else float(n**4)  # det of the Hessian
    return {
        "christoffel": n**3,  # n³ components β f_i f_kl
        "riemann": 2 * n**5,  # n⁴ components, each with (Hp)_k sums of n terms
        "ricci": n**4,  # n² components, each with sums over n² products
        "scalar_curvature": n**4 / 16,  # measured
        "shape_operator": n**3,  # n² components, each with an (Hp) sum of n terms
    }[quantity]


def _check_method(method: str) -> None:
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")


class GraphMetric(Metric):
    """Induced metric ``g = I + ∇f ∇fᵀ`` on the graph of a scalar expression ``f``.

    ``f`` may be concrete (``x**2 + sin(y)``) or generic (``GraphMetric.generic(n)``:
    ``f = Function('f')(x1, …, xn)``).  ``params`` declares constant symbols.  A string is parsed
    with the coordinate and parameter names bound to those symbols.  ``f`` must be finite and
    real-valued (``nan``, ``zoo``, ``oo`` and non-real expressions such as ``I*x`` are
    rejected with ``ValueError``).

    Size guard: the quantities whose SymPy result grows fast with ``n`` (Christoffel ``n³``,
    Riemann ``~2n⁵``, Ricci ``~n⁴``, scalar curvature ``~n⁴/16`` terms, Gauss–Kronecker ``n!``
    for a generic ``f``) refuse beyond :data:`SYMBOLIC_TERMS_LIMIT` terms with a
    ``SizeLimitError`` that names the numeric alternatives, unless ``allow_large=True``.
    """

    def __init__(self, f, coords: Iterable[sp.Symbol], *, params: Iterable[sp.Symbol] = ()):
        coords = as_coords(coords)
        params = as_params(params)
        if isinstance(f, (sp.MatrixBase, sp.NDimArray, list, tuple)):
            raise TypeError(f"f must be a scalar sympy expression, got {type(f).__name__}")
        if isinstance(f, bool):
            raise TypeError(f"f must be a scalar sympy expression, got the bool {f!r}")
        try:
            if isinstance(f, str):
                # names of the coordinates and parameters mean those very symbols (with their
                # assumptions), not fresh Symbols that only print the same
                f = sp.sympify(f, locals={str(s): s for s in (*coords, *params)})
            else:
                f = sp.sympify(f, strict=True)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            raise TypeError(f"f must be a sympy expression (or a string SymPy parses): {exc}") from None
        if not isinstance(f, sp.Expr) or isinstance(f, sp.logic.boolalg.BooleanAtom):
            raise TypeError(f"f must be a scalar sympy expression, got {type(f).__name__}")
        check_free_symbols(f, coords, params, "f")
        check_real_finite_expression(f, coords, params, "f")
        self.f = f
        n = len(coords)
        self.grad = sp.ImmutableMatrix([sp.diff(f, x) for x in coords])
        g = sp.eye(n) + self.grad * self.grad.T
        # det g = 1 + |∇f|² > 0 (proven: identity "metric_determinant"), never singular.
        super().__init__(g, coords, params=params, check_singular=False)

    @classmethod
    def generic(cls, n: int, name: str = "f") -> "GraphMetric":
        """Graph metric of an undefined ``f = Function(name)(x1, …, xn)`` (real coordinates)."""
        n = as_dimension(n)
        coords = sp.symbols(f"x1:{n + 1}", real=True)
        return cls(sp.Function(name, real=True)(*coords), coords)

    def _check_size(self, quantity: str, allow_large: bool) -> None:
        generic = bool(self.f.atoms(sp.core.function.AppliedUndef))
        terms = _terms_estimate(quantity, self.n, generic)
        if terms > SYMBOLIC_TERMS_LIMIT and not allow_large:
            raise SizeLimitError(
                f"{quantity} of the graph of f at n = {self.n} builds about {terms:.3g} terms "
                f"(~{terms * SECONDS_PER_TERM / 60:.2g} min at {SECONDS_PER_TERM * 1e3:g} ms per term), over "
                f"the limit of {SYMBOLIC_TERMS_LIMIT} terms (geomcheck.symbolic.graph.SYMBOLIC_TERMS_LIMIT). "
                "Use the closed forms numerically at points (geomcheck.numeric.curvature or "
                "geomcheck.numeric.scalar_curvature(grad, hess)), or matrix-free at scale "
                "(geomcheck.HessianOperator with geomcheck.graph_principal_curvatures / "
                "geomcheck.graph_scalar_curvature); pass allow_large=True to build it anyway"
            )

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

    def christoffel(self, *, method: str = "closed_form", allow_large: bool = False) -> sp.ImmutableDenseNDimArray:
        """``Γ[i, k, l] = Γ^i_{kl} = β f_i f_{kl}``."""
        _check_method(method)
        self._check_size("christoffel", allow_large)
        if method == "metric":
            return super().christoffel()
        n, G = self.n, gj.christoffel_cf(self._ring)
        return sp.ImmutableDenseNDimArray(
            [self._expr(G[i][k][l]) for i in range(n) for k in range(n) for l in range(n)], (n, n, n)
        )

    def riemann(self, *, method: str = "closed_form", allow_large: bool = False) -> sp.ImmutableDenseNDimArray:
        """``R[i, j, k, m] = R^i_{jkm}`` (closed form; see the module docstring)."""
        _check_method(method)
        self._check_size("riemann", allow_large)
        if method == "metric":
            return super().riemann()
        n, A = self.n, self._ring
        R = gj.riemann_cf(A)
        return sp.ImmutableDenseNDimArray(
            [self._expr(gj.riemann_component(A, R, i, j, k, m))
             for i in range(n) for j in range(n) for k in range(n) for m in range(n)],
            (n, n, n, n),
        )

    def ricci(self, *, method: str = "closed_form", allow_large: bool = False) -> sp.ImmutableMatrix:
        """``Ric_{jm} = R^i_{jim}``."""
        _check_method(method)
        self._check_size("ricci", allow_large)
        if method == "metric":
            return super().ricci()
        R = gj.ricci_cf(self._ring)
        return sp.ImmutableMatrix(self.n, self.n, lambda j, m: self._expr(R[j][m]))

    def scalar_curvature(
        self, *, method: str = "closed_form", simplify: bool = False, allow_large: bool = False
    ) -> sp.Expr:
        """``S = β[(tr H)² − tr H²] − 2β²[tr H · pᵀHp − pᵀH²p]``."""
        _check_method(method)
        self._check_size("scalar_curvature", allow_large)
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

    def shape_operator(self, *, method: str = "closed_form", allow_large: bool = False) -> sp.ImmutableMatrix:
        """``s = g⁻¹h = (H − β ∇f (H∇f)ᵀ)/√(1+|∇f|²)`` (``s[i, j] = s^i_j``)."""
        _check_method(method)
        self._check_size("shape_operator", allow_large)
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

    def gauss_curvature(self, *, method: str = "closed_form", allow_large: bool = False) -> sp.Expr:
        """Gauss–Kronecker curvature ``det s = det(∇²f) / (1+|∇f|²)^{(n+2)/2}``."""
        _check_method(method)
        self._check_size("gauss_curvature", allow_large)
        if method == "metric":
            return self.hypersurface().gauss_curvature()
        return self.hessian().det(method="berkowitz") * self.beta ** sp.Rational(self.n + 2, 2)

    def principal_curvatures(self, point: Mapping[sp.Symbol, sp.Expr]) -> list[sp.Expr]:
        """Exact eigenvalues of ``s`` at ``point`` (a dict coordinate → value), ascending.

        ``s`` is similar to the symmetric ``g^{-1/2} h g^{-1/2}``, so the roots of its
        characteristic polynomial are real; they are exact algebraic numbers, sorted numerically.
        """
        point = self._checked_point(point)
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

    def _checked_point(self, point: Mapping[sp.Symbol, sp.Expr]) -> dict:
        """``point`` as a dict of real numbers for every coordinate, inside the domain of ``f``.

        The domain check evaluates ``f``, ``∇f`` and ``∇²f`` there: each must be a finite real
        number (``sqrt(1 - x**2 - y**2)`` at ``(2, 0)`` is ``sqrt(3)·I``: outside the domain).
        """
        if not isinstance(point, Mapping):
            raise TypeError(f"point must be a dict coordinate -> value, got {type(point).__name__}")
        missing = [x for x in self.coords if x not in point]
        if missing:
            raise ValueError(f"point must give a value for every coordinate; missing {missing}")
        extra = [k for k in point if k not in self.coords]
        if extra:
            raise ValueError(f"point gives values for {extra}, which are not coordinates {self.coords}")
        values = {}
        for x in self.coords:
            try:
                v = sp.sympify(point[x], strict=not isinstance(point[x], str))
            except (sp.SympifyError, TypeError) as exc:
                raise TypeError(f"point[{x}] must be a number, got {point[x]!r}: {exc}") from None
            if v.free_symbols or v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or v.is_extended_real is False \
                    or not v.is_finite:
                raise ValueError(f"point[{x}] = {v} is not a finite real number")
            values[x] = v
        checks = [("f", self.f)] + [(f"df/d{x}", d) for x, d in zip(self.coords, self.grad)]
        hess = self.hessian()
        checks += [(f"d2f/d{self.coords[i]}d{self.coords[j]}", hess[i, j])
                   for i in range(self.n) for j in range(i, self.n)]
        for what, expr in checks:
            val = expr.subs(values)
            if val.free_symbols:
                continue  # depends on parameters (or an undefined f): nothing to decide numerically
            num = sp.N(val, 30)
            if num.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not num.is_finite:
                raise ValueError(
                    f"point {values} is outside the domain of f = {self.f}: {what} = {val} is not finite there"
                )
            if abs(sp.im(num)) > 0:
                raise ValueError(
                    f"point {values} is outside the domain of f = {self.f}: {what} = {val} is not real there"
                )
        return values

    def __repr__(self) -> str:
        return f"GraphMetric(f={self.f}, coords={self.coords})"
