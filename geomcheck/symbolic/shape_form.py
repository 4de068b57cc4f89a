"""A symmetric operator similar to the shape operator, proven exactly (for each n and every n).

Notation (:mod:`geomcheck.conventions`): ``p = ∇f``, ``q = |p|²``, ``H = ∇²f``, ``P = p pᵀ``,
``g = I + P``, ``w = 1/√(1+q)``, ``β = w²``, ``h = w H``, ``s = g⁻¹ h``.

Derivation
----------
``P² = q P``, so ``g`` has eigenvalue ``1 + q`` on ``p`` and ``1`` on ``p^⊥``; the symmetric
square root and its inverse are rank-one corrections of ``I``:

* ``g^{1/2}  = I + e P``, ``e = (√(1+q) − 1)/q = 1/(1 + √(1+q)) = w/(1 + w)``;
* ``g^{-1/2} = I − c P``, ``c = (1 − w)/q = 1/(√(1+q)(1 + √(1+q))) = w²/(1 + w)``
  (the last two forms need no division by ``q``: ``c = 1/2`` at ``p = 0``).

Define the symmetric ``A = w g^{-1/2} H g^{-1/2}``.  Then

    g^{-1/2} A g^{1/2} = w (g^{-1/2})² H (g^{-1/2} g^{1/2}) = w g⁻¹ H = g⁻¹ h = s,

so ``s`` is similar to ``A`` (same eigenvalues: the principal curvatures), and if
``A y = κ y`` then ``x = g^{-1/2} y`` satisfies ``s x = g^{-1/2} A g^{1/2} g^{-1/2} y = κ x``:
the principal direction.  A product ``A v`` is ``w (u − c p (pᵀu))`` with
``u = H (v − c p (pᵀv))``: one Hessian product and two rank-one corrections.

What is proven (:func:`prove_shape_form`)
----------------------------------------
1. **Scalar identities, every n** (:func:`prove_rank_one_scalars`).  ``I`` and ``P`` span a
   commutative algebra: ``(a I + b P)(a' I + b' P) = a a' I + (a b' + b a' + q b b') P``.  With
   ``q = (1 − w²)/w²``, ``c = w²/(1+w)``, ``e = w/(1+w)`` the identities

   * ``(I − cP)²(I + P) = I``                    (``g^{-1/2}`` is an inverse square root),
   * ``(I − cP)² = I − βP``                       (``(g^{-1/2})² = g⁻¹``, Sherman–Morrison),
   * ``(I + eP)² = I + P``                         (``g^{1/2}`` is a square root),
   * ``(I − cP)(I + eP) = I``                      (``g^{-1/2} g^{1/2} = I``),
   * ``(I − cP) p = w p``, ``(I + eP) p = p/w``    (eigenvalues on ``p``),

   reduce to equalities of the two coefficients, rational functions of ``w`` over ``QQ``;
   SymPy decides each with ``cancel`` (exact arithmetic in ``QQ(w)``, no ``simplify``, no
   floats).  The denominators ``1 + w`` and ``w`` are positive for ``w ∈ (0, 1]``.  Two
   elements of the algebra with equal coefficients are equal matrices in every dimension
   ``n`` (they are the same formula ``a δ_ij + b p_i p_j``), so the identities hold for all
   ``n`` and all ``p`` (``p = 0`` included: ``w = 1``).  The similarity ``g^{-1/2} A g^{1/2} =
   g⁻¹ h`` then follows for every symmetric ``H`` and every ``n`` by associativity alone (the
   three lines of the derivation above) and ``h = w H`` (proven in
   :mod:`geomcheck.symbolic.proofs`, identity ``second_fundamental_form``).
2. **Matrix identities, fixed n** (:func:`prove_shape_form_matrices`): the same identities and
   the full similarity, entry by entry on the jet ring (:mod:`geomcheck.symbolic.jets`,
   generic ``p_i``, ``H_ij = f_ij``), with ``g⁻¹ h`` computed from first principles (``h`` from
   the embedding and the normal ``N = w(−p, 1)``), decided exactly modulo
   ``w²(1+q) − 1``.  ``c`` and ``e`` carry the denominator ``1 + w``: an identity of degree
   ``k`` in ``c, e`` is multiplied by ``(1 + w)^k`` (``(1+w)c = w²``, ``(1+w)e = w``), which
   gives polynomials; on the branch ``w > 0`` the factor is non-zero, so the polynomial
   identity is equivalent to the original.  An independent cross-check of part 1 for
   ``n = 2..6`` (or any list of ``n``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy as sp

from . import graph_jets as gj
from .jets import JetRing

__all__ = [
    "SHAPE_FORM_IDENTITIES",
    "ShapeFormCheck",
    "ShapeFormProof",
    "prove_rank_one_scalars",
    "prove_shape_form_matrices",
    "prove_shape_form",
]

#: keys and statements of the proven identities
SHAPE_FORM_IDENTITIES: dict[str, str] = {
    "inverse_sqrt": "(I - cP)^2 (I + P) = I,  c = w^2/(1+w) = 1/(r(1+r)), r = sqrt(1+|p|^2)",
    "inverse_sqrt_squared": "(I - cP)^2 = I - beta P = g^{-1}",
    "sqrt": "(I + eP)^2 = I + P,  e = w/(1+w) = 1/(1+r)",
    "sqrt_inverse_pair": "(I - cP)(I + eP) = I",
    "eigen_on_p": "(I - cP) p = w p,  (I + eP) p = p / w",
    "similarity": "g^{-1/2} (w g^{-1/2} H g^{-1/2}) g^{1/2} = g^{-1} h = s",
}


@dataclass(frozen=True)
class ShapeFormCheck:
    key: str
    statement: str
    n: int | None  # None: the scalar (every-n) proof
    holds: bool
    components: int
    seconds: float


@dataclass(frozen=True)
class ShapeFormProof:
    """Scalar proofs (every n) plus matrix proofs for the listed dimensions."""

    scalar_checks: tuple[ShapeFormCheck, ...]
    matrix_checks: tuple[ShapeFormCheck, ...]
    dimensions: tuple[int, ...]
    seconds: float
    argument: str = field(default="")

    @property
    def all_hold(self) -> bool:
        return all(c.holds for c in self.scalar_checks + self.matrix_checks)

    @property
    def holds_for_all_n(self) -> bool:
        """The scalar identities (which imply every ``n``) hold and no matrix check failed."""
        return self.all_hold and bool(self.scalar_checks)


# --------------------------------------------------------------------------- every n

_W = sp.Symbol("w", positive=True)


def _coefficients():
    """``(c, e)`` as rational functions of ``w`` (tests replace this to see a proof fail)."""
    return _W**2 / (1 + _W), _W / (1 + _W)


def _jet_numerators(A: JetRing):
    """``((1+w) c, (1+w) e) = (w², w)`` on the jet ring (tests replace this to see a proof fail)."""
    return A.w**2, A.w


def _rank_one_product(x, y):
    """``(a I + b P)(a' I + b' P)`` in the algebra with ``P² = q P``; elements are ``(a, b)``."""
    q = (1 - _W**2) / _W**2
    (a, b), (a2, b2) = x, y
    return (a * a2, a * b2 + b * a2 + q * b * b2)


def _equal(x, y) -> bool:
    return all(sp.cancel(sp.together(u - v)) == 0 for u, v in zip(x, y))


def prove_rank_one_scalars() -> tuple[ShapeFormCheck, ...]:
    """Prove the rank-one identities as coefficient identities in ``QQ(w)`` (hence every ``n``)."""
    w = _W
    q = (1 - w**2) / w**2
    c, e = _coefficients()
    r = 1 / w
    one = (sp.Integer(1), sp.Integer(0))
    g = (sp.Integer(1), sp.Integer(1))
    gis = (sp.Integer(1), -c)  # g^{-1/2}
    gs = (sp.Integer(1), e)  # g^{1/2}
    ginv = (sp.Integer(1), -w**2)
    out = []

    def record(key, fn):
        t0 = time.process_time()
        holds, comps = fn()
        out.append(ShapeFormCheck(key, SHAPE_FORM_IDENTITIES[key], None, holds, comps,
                                  time.process_time() - t0))

    def inverse_sqrt():
        # also the two other closed forms of c: (1 - w)/q and 1/(r(1 + r))
        forms = _equal((c, c), ((1 - w) / q, 1 / (r * (1 + r))))
        return forms and _equal(_rank_one_product(_rank_one_product(gis, gis), g), one), 4

    def inverse_sqrt_squared():
        return _equal(_rank_one_product(gis, gis), ginv), 2

    def sqrt():
        forms = _equal((e, e), ((r - 1) / q, 1 / (1 + r)))
        return forms and _equal(_rank_one_product(gs, gs), g), 4

    def sqrt_inverse_pair():
        return _equal(_rank_one_product(gis, gs), one) and _equal(_rank_one_product(gs, gis), one), 4

    def eigen_on_p():
        # (a I + b P) p = (a + b q) p
        return _equal((1 - c * q, 1 + e * q), (w, 1 / w)), 2

    def similarity():
        # g^{-1/2} (w g^{-1/2} H g^{-1/2}) g^{1/2} = w (g^{-1/2})² H (g^{-1/2} g^{1/2}) by
        # associativity, for every H: needs (g^{-1/2})² = g^{-1} and g^{-1/2} g^{1/2} = I.
        return (_equal(_rank_one_product(gis, gis), ginv)
                and _equal(_rank_one_product(gis, gs), one)), 4

    for key, fn in (("inverse_sqrt", inverse_sqrt), ("inverse_sqrt_squared", inverse_sqrt_squared),
                    ("sqrt", sqrt), ("sqrt_inverse_pair", sqrt_inverse_pair),
                    ("eigen_on_p", eigen_on_p), ("similarity", similarity)):
        record(key, fn)
    return tuple(out)


# --------------------------------------------------------------------------- fixed n


def _scaled_rank_one(A: JetRing, a, b):
    """The matrix ``a I + b P`` over the jet ring."""
    n = A.n
    return [[(a if i == j else A.zero) + b * A.p(i) * A.p(j) for j in range(n)] for i in range(n)]


def _scale(A: JetRing, M, s):
    return [[s * x for x in row] for row in M]


def prove_shape_form_matrices(n: int) -> tuple[ShapeFormCheck, ...]:
    """Every identity entry by entry in dimension ``n`` on the jet ring (generic ``p``, ``H``).

    ``G = (1+w) g^{-1/2} = (1+w) I − w² P`` and ``E = (1+w) g^{1/2} = (1+w) I + w P`` are
    polynomial; each identity of degree ``k`` in ``g^{±1/2}`` is checked multiplied by
    ``(1+w)^k``.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"dimension n must be a positive integer, got {n!r}")
    A = JetRing(n, max_order=2)
    one_w = A.one + A.w
    c_num, e_num = _jet_numerators(A)
    G = _scaled_rank_one(A, one_w, -c_num)
    E = _scaled_rank_one(A, one_w, e_num)
    I = _scaled_rank_one(A, A.one, A.zero)
    g = gj.metric(A)
    ginv = gj.inverse_metric_cf(A)
    H = [[A.f(i, j) for j in range(n)] for i in range(n)]
    mm = lambda X, Y: gj.matmul(A, X, Y)  # noqa: E731
    out = []

    def check(key, L, R):
        t0 = time.process_time()
        pairs = [(L[i][j], R[i][j]) for i in range(len(L)) for j in range(len(L[0]))]
        holds = all(A.is_zero(a - b) for a, b in pairs)
        out.append(ShapeFormCheck(key, SHAPE_FORM_IDENTITIES[key], n, holds, len(pairs),
                                  time.process_time() - t0))

    k2 = one_w**2
    G2 = mm(G, G)
    check("inverse_sqrt", mm(G2, g), _scale(A, I, k2))
    check("inverse_sqrt_squared", G2, _scale(A, ginv, k2))
    check("sqrt", mm(E, E), _scale(A, g, k2))
    GE, EG = mm(G, E), mm(E, G)
    check("sqrt_inverse_pair", GE + EG, _scale(A, I, k2) + _scale(A, I, k2))  # both orders (2n rows)
    pcol = [[A.p(i)] for i in range(n)]
    Gp, Ep = mm(G, pcol), mm(E, pcol)
    check("eigen_on_p", [[Gp[i][0], A.w * Ep[i][0]] for i in range(n)],
          [[one_w * A.w * A.p(i), one_w * A.p(i)] for i in range(n)])
    # full similarity: (1+w)^4 g^{-1/2} A g^{1/2} against (1+w)^4 g^{-1} h, h from first principles
    form = _scale(A, mm(mm(G, H), G), A.w)  # (1+w)^2 A, A = w g^{-1/2} H g^{-1/2}
    lhs = mm(mm(G, form), E)
    h = gj.second_fundamental_form_fp(A, gj.normal_cf(A))
    s = mm(ginv, h)
    check("similarity", lhs, _scale(A, s, one_w**4))
    return tuple(out)


def prove_shape_form(dimensions=range(2, 7)) -> ShapeFormProof:
    """The scalar (every-``n``) proof plus the matrix cross-check in each of ``dimensions``."""
    t0 = time.process_time()
    dims = tuple(int(n) for n in dimensions)
    scalar = prove_rank_one_scalars()
    matrix = tuple(c for n in dims for c in prove_shape_form_matrices(n))
    argument = (
        "rank-one algebra: I and P = ppᵀ span a commutative algebra with P² = |p|² P; each "
        "identity is an equality of the two coefficients (a, b) of a I + b P, rational functions "
        "of w proven exactly in QQ(w); equal coefficients give equal matrices in every n; the "
        "similarity follows by associativity for every symmetric H"
    )
    return ShapeFormProof(scalar, matrix, dims, time.process_time() - t0, argument)
