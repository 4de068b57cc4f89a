"""Conventions used everywhere in geomcheck, stated once.

Every module (symbolic, numeric, claims) follows these; ``tests/test_conventions.py``
checks them on the round spheres, the hyperbolic plane and flat space.

Index order
-----------
* Christoffel symbols are stored as an array ``G[i, k, l] = Γ^i_{kl}`` (upper index first),
  ``Γ^i_{kl} = ½ g^{ij} (∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})``; symmetric in ``k, l``.
* Riemann tensor ``R[i, j, k, m] = R^i_{jkm}`` with
  ``R^i_{jkm} = ∂_k Γ^i_{jm} − ∂_m Γ^i_{jk} + Γ^i_{kr} Γ^r_{jm} − Γ^i_{mr} Γ^r_{jk}``,
  i.e. ``R(∂_k, ∂_m) ∂_j = R^i_{jkm} ∂_i`` with ``R(X, Y) = ∇_X∇_Y − ∇_Y∇_X − ∇_{[X,Y]}``.
  Lowered: ``R_{ijkm} = g_{ir} R^r_{jkm}``; the sectional curvature of the plane
  spanned by ``∂_k, ∂_m`` is ``R_{kmkm} / (g_{kk} g_{mm} − g_{km}²)``.
* Ricci tensor ``Ric_{jm} = R^i_{jim}`` (contraction of the upper index with the first lower
  derivative index).
* Scalar curvature ``S = g^{jm} Ric_{jm}``.

With these choices the unit 2-sphere has ``S = +2``, the unit 3-sphere ``+6``, the round
``q``-sphere of radius 1 ``q(q − 1)``, the hyperbolic plane ``−2`` and flat space ``0``.

Graph hypersurfaces
-------------------
For ``f: R^n → R`` the graph is ``X(x) = (x, f(x)) ⊂ R^{n+1}``.

* induced metric ``g = I + ∇f ∇fᵀ``; inverse ``g⁻¹ = I − β ∇f ∇fᵀ`` with
  ``β = 1 / (1 + |∇f|²)`` (Sherman–Morrison);
* upward unit normal ``N = (−∇f, 1) / √(1 + |∇f|²)`` (last component positive);
* second fundamental form ``h_{ij} = ⟨∂_i ∂_j X, N⟩ = f_{ij} / √(1 + |∇f|²)``;
* shape operator ``s = g⁻¹ h`` (a (1,1)-tensor, ``s^i_j = g^{ik} h_{kj}``);
* principal curvatures: eigenvalues of ``s`` in **ascending** order (real: ``s`` is similar to
  the symmetric ``g^{-1/2} h g^{-1/2}``);
* mean curvature ``H = tr(s) / n`` (the average, not the sum);
* Gauss–Kronecker curvature ``K = det(s)``.

For a general immersion ``X: U ⊂ R^n → R^{n+1}`` the normal is the generalized cross product
``ν_a = det[∂_1X, …, ∂_nX, e_a]`` normalised; for a graph this is the upward normal above.

Numerics
--------
Verification runs in exact arithmetic (symbolic) or ``float64`` (numeric).  ``float32`` paths
exist for speed and document their measured error.
"""

from __future__ import annotations

#: Default dtype of numeric verification (name of a ``torch`` dtype; no torch import here).
DEFAULT_DTYPE_NAME: str = "float64"

#: ``CHRISTOFFEL_INDEX_ORDER[a]`` names axis ``a`` of a Christoffel array.
CHRISTOFFEL_INDEX_ORDER: tuple[str, str, str] = ("upper i", "lower k", "lower l")

#: ``RIEMANN_INDEX_ORDER[a]`` names axis ``a`` of a Riemann array ``R^i_{jkm}``.
RIEMANN_INDEX_ORDER: tuple[str, str, str, str] = ("upper i", "lower j", "lower k", "lower m")

#: Ricci is the contraction of axis 0 with axis 2 of the Riemann array.
RICCI_CONTRACTION: tuple[int, int] = (0, 2)

#: Scalar curvature of the unit 2-sphere under these conventions (the sign convention).
UNIT_SPHERE_2_SCALAR_CURVATURE: int = 2

#: The graph normal points "up": its last component is positive.
NORMAL_ORIENTATION: str = "upward"

#: Principal curvatures are returned sorted in this order.
PRINCIPAL_CURVATURE_ORDER: str = "ascending"


def round_sphere_scalar_curvature(q: int, radius: float = 1) -> float:
    """Scalar curvature ``q (q − 1) / r²`` of the round ``q``-sphere of radius ``r``."""
    if q < 1:
        raise ValueError(f"sphere dimension q must be >= 1, got {q}")
    return q * (q - 1) / radius**2
