"""Reparametrization: transformation laws, derived and checked exactly.

Let ``x = φ(y)`` be a change of coordinates with Jacobian ``J = ∂x/∂y`` (``J[i, a] = ∂x^i/∂y^a``).

* vectors: ``v_x = J v_y``, so ``v_y = J⁻¹ v_x``;
* (0,2)-tensors (the metric, the second fundamental form, the Riemannian Hessian):
  ``T_y = Jᵀ (T_x ∘ φ) J``;
* Christoffel symbols (not a tensor):
  ``Γ̃^a_{bc} = (J⁻¹)^a_i [Γ^i_{jk}∘φ · J^j_b J^k_c + ∂²x^i/∂y^b∂y^c]``;
* the shape operator of a hypersurface is a (1,1)-tensor: ``s̃ = J⁻¹ (s∘φ) J`` when the
  normal keeps its orientation (``det J > 0``; otherwise ``s̃ = −J⁻¹ s J``), so its spectrum,
  trace and determinant are invariant (up to that sign);
* the Euclidean Hessian of ``f∘φ`` is ``Jᵀ (∇²f∘φ) J + Σ_i ∂_i f ∂²φ^i``: a congruence, not a
  similarity, so its spectrum is **not** invariant (:func:`hessian_spectrum_counterexample`).
  The graph of ``f∘φ`` is a *different* hypersurface, so its shape operator differs too.

:func:`christoffel_law_holds`, :func:`shape_operator_law_holds` check these exactly
(``cancel`` of rational expressions; generic ``φ`` via undefined functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy as sp

from ._validate import as_coords
from .graph import GraphMetric
from .hypersurface import Hypersurface
from .metric import Metric
from .exact import tidy

__all__ = [
    "jacobian",
    "transform_vector",
    "pullback_covariant2",
    "pullback_metric",
    "transform_christoffel",
    "christoffel_law_holds",
    "shape_operator_law_holds",
    "HessianCounterexample",
    "hessian_spectrum_counterexample",
]


def _as_map(phi: Sequence[sp.Expr], new_coords, n_old: int) -> tuple[sp.ImmutableMatrix, tuple[sp.Symbol, ...]]:
    y = as_coords(new_coords)
    phi = sp.ImmutableMatrix([sp.sympify(c) for c in phi])
    if len(phi) != n_old:
        raise ValueError(f"the map has {len(phi)} components but the old coordinates are {n_old}-dimensional")
    if len(y) != n_old:
        raise ValueError(f"{len(y)} new coordinates for a {n_old}-dimensional map: dimensions mismatch")
    return phi, y


def jacobian(phi: Sequence[sp.Expr], new_coords: Sequence[sp.Symbol], *, check: bool = True) -> sp.ImmutableMatrix:
    """``J[i, a] = ∂φ^i/∂y^a``; raises ``ValueError`` if ``det J`` vanishes identically."""
    phi, y = _as_map(phi, new_coords, len(phi))
    J = sp.ImmutableMatrix(phi.jacobian(y))
    if check and sp.simplify(J.det()) == 0:
        raise ValueError(f"the reparametrization is singular: det J = 0 identically for phi = {list(phi)}")
    return J


def _compose(expr, old_coords, phi):
    return sp.sympify(expr).subs(dict(zip(old_coords, phi)), simultaneous=True)


def transform_vector(v_x: Sequence[sp.Expr], J: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Components in the new coordinates: ``v_y = J⁻¹ v_x``."""
    return sp.ImmutableMatrix(sp.Matrix(J).LUsolve(sp.Matrix(v_x)))


def pullback_covariant2(T_x: sp.MatrixBase, old_coords, phi, new_coords) -> sp.ImmutableMatrix:
    """``T_y = Jᵀ (T_x∘φ) J`` for a (0,2)-tensor given in the old coordinates."""
    J = jacobian(phi, new_coords)
    T = sp.Matrix(T_x).applyfunc(lambda e: _compose(e, old_coords, phi))
    return sp.ImmutableMatrix(J.T * T * J)


def pullback_metric(metric: Metric, phi: Sequence[sp.Expr], new_coords: Sequence[sp.Symbol]) -> Metric:
    """The same metric in the coordinates ``y`` (``x = φ(y)``)."""
    phi_m, y = _as_map(phi, new_coords, metric.n)
    g = pullback_covariant2(metric.g, metric.coords, list(phi_m), y)
    return Metric(g, y, params=metric.params, check_singular=False)


def transform_christoffel(gamma_x, old_coords, phi, new_coords) -> sp.ImmutableDenseNDimArray:
    """``Γ̃^a_{bc} = (J⁻¹)^a_i [Γ^i_{jk}∘φ J^j_b J^k_c + ∂_b∂_c φ^i]`` (array ``[a, b, c]``)."""
    phi_m, y = _as_map(phi, new_coords, len(old_coords))
    n = len(y)
    J = jacobian(list(phi_m), y)
    Jinv = J.inv()
    G = [[[_compose(gamma_x[i, j, k], old_coords, list(phi_m)) for k in range(n)] for j in range(n)] for i in range(n)]
    out = []
    for a in range(n):
        for b in range(n):
            for c in range(n):
                val = sum(
                    Jinv[a, i]
                    * (sum(G[i][j][k] * J[j, b] * J[k, c] for j in range(n) for k in range(n)) + sp.diff(phi_m[i], y[b], y[c]))
                    for i in range(n)
                )
                out.append(val)
    return sp.ImmutableDenseNDimArray(out, (n, n, n))


def _is_zero(expr) -> bool:
    expr = sp.together(sp.expand(expr))
    if expr == 0:
        return True
    num = sp.numer(expr)
    return sp.expand(num) == 0 or sp.simplify(num) == 0


def christoffel_law_holds(metric: Metric, phi: Sequence[sp.Expr], new_coords: Sequence[sp.Symbol]) -> bool:
    """Exact check: Christoffels of the pulled-back metric equal the transformation law."""
    pulled = pullback_metric(metric, phi, new_coords)
    direct = pulled.christoffel()
    law = transform_christoffel(metric.christoffel(), metric.coords, phi, new_coords)
    return all(_is_zero(a - b) for a, b in zip(sp.flatten(direct), sp.flatten(law)))


def shape_operator_law_holds(
    surface: Hypersurface, phi: Sequence[sp.Expr], new_coords: Sequence[sp.Symbol], *, normal: str = "transported"
) -> bool:
    """Exact check of the shape operator of ``X̃ = X∘φ`` against ``J⁻¹ (s∘φ) J``.

    ``normal="transported"``: the same normal field ``N∘φ`` (orientation kept); expects
    ``s̃ = J⁻¹ (s∘φ) J``.  Works for generic (undefined) ``φ``.
    ``normal="parametrization"``: ``X̃``'s own generalized-cross-product normal, which is
    ``sign(det J) N∘φ``; expects ``s̃ = sign(det J) J⁻¹ (s∘φ) J`` (the sign of ``det J`` must be
    decidable: ``ValueError`` otherwise).
    """
    if normal not in ("transported", "parametrization"):
        raise ValueError(f"normal must be 'transported' or 'parametrization', got {normal!r}")
    phi_m, y = _as_map(phi, new_coords, surface.n)
    J = jacobian(list(phi_m), y)
    Xt = [_compose(c, surface.coords, list(phi_m)) for c in surface.X]
    new = Hypersurface(Xt, y, params=surface.params)
    s_old = surface.shape_operator().applyfunc(lambda e: _compose(e, surface.coords, list(phi_m)))
    if normal == "transported":
        N = [_compose(c, surface.coords, list(phi_m)) for c in surface.normal()]
        got, sign = new.shape_operator(N), 1
    else:
        detJ = sp.simplify(J.det())
        if detJ.is_positive:
            sign = 1
        elif detJ.is_negative:
            sign = -1
        else:
            raise ValueError(f"cannot decide the sign of det J = {detJ}; use normal='transported'")
        got = new.shape_operator()
    expected = sign * J.inv() * s_old * J
    return all(_is_zero(a - b) for a, b in zip(got, expected))


@dataclass(frozen=True)
class HessianCounterexample:
    """The Hessian spectrum is not invariant; the shape operator's is (exact values)."""

    f: sp.Expr
    coords: tuple[sp.Symbol, ...]
    phi: tuple[sp.Expr, ...]
    new_coords: tuple[sp.Symbol, ...]
    point_y: tuple[sp.Expr, ...]
    point_x: tuple[sp.Expr, ...]
    hessian_eigenvalues_x: tuple[sp.Expr, ...]
    hessian_eigenvalues_y: tuple[sp.Expr, ...]
    shape_eigenvalues_x: tuple[sp.Expr, ...]
    shape_eigenvalues_reparametrized: tuple[sp.Expr, ...]
    shape_eigenvalues_graph_of_pullback: tuple[sp.Expr, ...]

    @property
    def hessian_spectrum_changed(self) -> bool:
        return self.hessian_eigenvalues_x != self.hessian_eigenvalues_y

    @property
    def shape_spectrum_invariant(self) -> bool:
        return self.shape_eigenvalues_x == self.shape_eigenvalues_reparametrized


def _sorted_eigs(M: sp.MatrixBase) -> tuple[sp.Expr, ...]:
    eigs = []
    for val, mult in M.eigenvals().items():
        eigs += [sp.radsimp(tidy(val) if val.is_rational else val)] * mult
    return tuple(sorted(eigs, key=lambda e: float(sp.N(e, 30))))


def hessian_spectrum_counterexample() -> HessianCounterexample:
    """``f = x1² + x2²``, ``x = φ(y) = (2 y1, y2)`` at ``y = (1/2, 1)``, exactly.

    Hessian of ``f`` at ``x = (1, 1)``: eigenvalues ``{2, 2}``; Hessian of ``f∘φ = 4y1² + y2²``:
    ``{2, 8}``.  The shape operator of the *same* graph surface in the ``y`` parametrization
    keeps its eigenvalues; the graph of ``f∘φ`` is a different surface with other ones.
    """
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    f = x1**2 + x2**2
    phi = (2 * y1, y2)
    py = (sp.Rational(1, 2), sp.Integer(1))
    px = tuple(c.subs({y1: py[0], y2: py[1]}) for c in phi)
    at_x, at_y = dict(zip((x1, x2), px)), dict(zip((y1, y2), py))
    pulled = _compose(f, (x1, x2), phi)
    H_x = sp.hessian(f, (x1, x2)).subs(at_x)
    H_y = sp.hessian(pulled, (y1, y2)).subs(at_y)
    graph = GraphMetric(f, (x1, x2))
    s_x = graph.shape_operator().subs(at_x)
    surface_y = Hypersurface([_compose(c, (x1, x2), phi) for c in graph.hypersurface().X], (y1, y2))
    s_y = surface_y.shape_operator().subs(at_y)
    s_pull = GraphMetric(pulled, (y1, y2)).shape_operator().subs(at_y)
    return HessianCounterexample(
        f=f,
        coords=(x1, x2),
        phi=phi,
        new_coords=(y1, y2),
        point_y=py,
        point_x=px,
        hessian_eigenvalues_x=_sorted_eigs(H_x),
        hessian_eigenvalues_y=_sorted_eigs(H_y),
        shape_eigenvalues_x=_sorted_eigs(s_x),
        shape_eigenvalues_reparametrized=_sorted_eigs(s_y),
        shape_eigenvalues_graph_of_pullback=_sorted_eigs(s_pull),
    )
