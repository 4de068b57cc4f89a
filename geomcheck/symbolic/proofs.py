"""Exact proofs of the graph-metric closed forms, for each n and for every n.

For a fixed ``n``, :func:`prove_graph_identities` derives each quantity from first principles
on the jet ring (:mod:`geomcheck.symbolic.jets`) and decides ``first principles − closed form
= 0`` *exactly*, as membership in the ideal ``(w²(1+|p|²) − 1)`` of
``QQ[w, f_i, f_ij, f_ijk]`` — an identity of polynomials over QQ, never a float sample.

Dimension-free argument
-----------------------
Every identity ``L = R`` here (except the two determinant identities) is, after clearing the
powers of ``β = 1/(1+|p|²)`` and ``w = sqrt(β)``, a polynomial identity between
**complete contractions** of the tensors ``p = ∇f``, ``H = ∇²f``, ``T = ∇³f`` and ``δ`` with
``f`` free indices; the same contraction formula defines it in every dimension (the
definitions of Γ, Riemann, Ricci, S, h, s are index formulas that do not mention ``n``).
Contract the free indices with auxiliary vectors ``u_1..u_f``; a homogeneous component then
has ``2d = W + f`` index slots, where ``W`` is the sum of the derivative orders of its factors.
By the first and second fundamental theorems of invariant theory for ``O(n)`` (Weyl; Brauer
1937), the complete contractions of ``2d`` slots are *linearly independent* functions on
``(R^n)^{⊗2d}`` as soon as ``n ≥ d``.  Hence if the identity holds for one ``n ≥ d``, the
formal (``n``-free) contraction expression of ``L − R`` is zero, and the identity holds in
every dimension.  :func:`dimension_free_bounds` computes an upper bound of ``d`` for each
identity by running the *same* construction over syntactic degree bounds
(:class:`~geomcheck.symbolic.jets.WeightBounds`, with no cancellation, so the bound is
valid for the formal expression); :func:`dimension_free_status` then says whether the
proven dimensions reach it.  The determinant identities are covered instead by the matrix
determinant lemma and multiplicativity of ``det`` (proof in the LaTeX report).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

from . import graph_jets as gj
from ._validate import SizeLimitError, as_dimension
from .jets import Bound, JetRing, WeightBounds, sum_

__all__ = [
    "IDENTITIES",
    "IdentityCheck",
    "DimensionProof",
    "prove_graph_identities",
    "proof_cost_estimate",
    "dimension_free_bounds",
    "dimension_free_status",
]


@dataclass(frozen=True)
class IdentitySpec:
    key: str
    title: str
    #: number of free (base) indices of one component
    free_indices: int
    #: True when the invariant-theory argument applies (False: determinant identities)
    contraction_identity: bool = True


#: The proof obligations, in the order they are derived.
IDENTITIES: tuple[IdentitySpec, ...] = (
    IdentitySpec("inverse_metric", "inverse metric  g^{-1} = I - beta grad f grad f^T", 2),
    IdentitySpec("christoffel", "Christoffel symbols  Gamma^i_kl = beta f_i f_kl", 3),
    IdentitySpec("riemann", "Riemann tensor R^i_jkm (every component)", 4),
    IdentitySpec("ricci", "Ricci tensor Ric_jm", 2),
    IdentitySpec("scalar_curvature", "scalar curvature S", 0),
    IdentitySpec("normal", "upward unit normal N = w(-grad f, 1)", 1),
    IdentitySpec("second_fundamental_form", "second fundamental form h_ij = w f_ij", 2),
    IdentitySpec("shape_operator", "shape operator s = g^{-1} h", 2),
    IdentitySpec("weingarten", "Weingarten equation dN = -s dX", 2),
    IdentitySpec("gauss_equation", "Gauss equation R_ijkm = h_ik h_jm - h_im h_jk", 4),
    IdentitySpec("mean_curvature", "mean curvature n H = tr s", 0),
    IdentitySpec("scalar_is_2_sigma2", "S = 2 sigma_2(principal curvatures)", 0),
    IdentitySpec("metric_determinant", "det g = 1 + |grad f|^2", 0, contraction_identity=False),
    IdentitySpec("gauss_kronecker", "det s = w^(n+2) det Hess f", 0, contraction_identity=False),
)
SPEC_BY_KEY = {spec.key: spec for spec in IDENTITIES}

#: Exact determinants of n x n polynomial matrices grow like n! (det s: 0.5 s at n = 6, 35 s at
#: n = 7); these are the largest n tried by default.
DEFAULT_MAX_N_METRIC_DETERMINANT = 10
DEFAULT_MAX_N_GAUSS_KRONECKER = 6


@dataclass(frozen=True)
class IdentityCheck:
    """The outcome of one exact identity in one dimension."""

    key: str
    title: str
    n: int
    holds: bool
    components: int
    seconds: float
    #: the first failing component (index tuple), if any
    counterexample: tuple | None = None


@dataclass(frozen=True)
class DimensionProof:
    """All identities in dimension ``n``: derivation from the metric plus exact checks."""

    n: int
    checks: tuple[IdentityCheck, ...]
    seconds: float
    skipped: tuple[str, ...] = field(default=())

    @property
    def all_hold(self) -> bool:
        return all(c.holds for c in self.checks)

    def check(self, key: str) -> IdentityCheck:
        for c in self.checks:
            if c.key == key:
                return c
        raise KeyError(f"identity {key!r} was not checked in n={self.n}; checked: {[c.key for c in self.checks]}")


def _pairs_matrix(L, R):
    n, m = len(L), len(L[0])
    for i in range(n):
        for j in range(m):
            yield (i, j), L[i][j], R[i][j]


def _pairs_dict(L, R):
    for key, val in L.items():
        yield key, val, R[key]


def _identity_pairs(A, *, det_max_n: int, gk_max_n: int) -> Iterator[tuple[str, Callable[[], list]]]:
    """Yield ``(key, thunk)``; the thunk derives both sides and returns ``[(index, lhs, rhs)]``.

    Thunks are called in order (later ones reuse what earlier ones derived), so the time
    spent in a thunk is the cost of deriving that quantity from first principles and
    its closed form.
    """
    n = A.n
    st: dict = {}

    def inverse_metric():
        g = gj.metric(A)
        ginv = gj.inverse_metric_cf(A)
        st["g"], st["ginv"] = g, ginv
        eye = [[A.one if i == j else A.zero for j in range(n)] for i in range(n)]
        left = list(_pairs_matrix(gj.matmul(A, g, ginv), eye))
        right = [((("right",) + idx), lhs, rhs) for idx, lhs, rhs in _pairs_matrix(gj.matmul(A, ginv, g), eye)]
        return left + right

    def christoffel():
        st["gamma"] = gj.christoffel_fp(A, st["g"], st["ginv"])
        cf = gj.christoffel_cf(A)
        return [((i, k, l), st["gamma"][i][k][l], cf[i][k][l]) for i in range(n) for k in range(n) for l in range(n)]

    def riemann():
        st["R"] = gj.riemann_fp(A, st["gamma"])
        return list(_pairs_dict(st["R"], gj.riemann_cf(A)))

    def ricci():
        st["Ric"] = gj.ricci_from_riemann(A, st["R"])
        return list(_pairs_matrix(st["Ric"], gj.ricci_cf(A)))

    def scalar_curvature():
        st["S"] = gj.scalar_from_ricci(A, st["ginv"], st["Ric"])
        return [((), st["S"], gj.scalar_cf(A))]

    def normal():
        N = gj.normal_cf(A)
        st["N"] = N
        T = gj.tangent_vectors(A)
        unit = [(("unit",), sum_(A, (x * x for x in N)), A.one)]
        orth = [(("orth", i), sum_(A, (T[i][a] * N[a] for a in range(n + 1))), A.zero) for i in range(n)]
        return unit + orth

    def second_fundamental_form():
        st["h"] = gj.second_fundamental_form_fp(A, st["N"])
        return list(_pairs_matrix(st["h"], gj.second_fundamental_form_cf(A)))

    def shape_operator():
        st["s"] = gj.matmul(A, st["ginv"], st["h"])
        return list(_pairs_matrix(st["s"], gj.shape_operator_cf(A)))

    def weingarten():
        T = gj.tangent_vectors(A)
        out = []
        for j in range(n):
            for a in range(n + 1):
                lhs = A.D(st["N"][a], j)
                rhs = -sum_(A, (st["s"][k][j] * T[k][a] for k in range(n)))
                out.append(((a, j), lhs, rhs))
        return out

    def gauss_equation():
        low = gj.lowered_riemann_fp(A, st["g"], st["R"])
        return list(_pairs_dict(low, gj.gauss_equation_rhs(A, st["h"])))

    def mean_curvature():
        return [((), gj.trace(A, st["s"]), gj.mean_curvature_times_n_cf(A))]

    def scalar_is_2_sigma2():
        return [((), st["S"], gj.sigma2_twice(A, st["s"]))]

    def metric_determinant():
        return [((), gj.determinant(A, st["g"]), A.D_poly())]

    def gauss_kronecker():
        H = [[A.f(i, j) for j in range(n)] for i in range(n)]
        return [((), gj.determinant(A, st["s"]), A.w ** (n + 2) * gj.determinant(A, H))]

    for spec in IDENTITIES:
        if spec.key == "metric_determinant" and n > det_max_n:
            continue
        if spec.key == "gauss_kronecker" and n > gk_max_n:
            continue
        yield spec.key, locals()[spec.key]


#: Measured peak memory of :func:`prove_graph_identities` (``/usr/bin/time``-style max RSS of a
#: fresh process, python-flint 0.7, x86_64): 386 MB at n = 10, 779 MB at n = 11, 1.53 GB at
#: n = 12 (31 s on one core) — it doubles with every n (5.6 GB at n = 14 in the issue's report).
PROOF_MEMORY_AT_12 = 1.53e9
PROOF_SECONDS_AT_12 = 31.0
#: Refuse (without ``allow_large=True``) when the estimate exceeds this many bytes: n <= 12.
PROOF_MEMORY_LIMIT = 2 * 2**30


def proof_cost_estimate(n: int) -> tuple[float, float]:
    """``(bytes, seconds)`` :func:`prove_graph_identities` needs in dimension ``n`` (a fit of
    the measurements above: both double per unit of ``n``; rough below n = 10)."""
    n = as_dimension(n)
    factor = 2.0 ** (n - 12)
    return PROOF_MEMORY_AT_12 * factor, PROOF_SECONDS_AT_12 * factor


def prove_graph_identities(
    n: int,
    *,
    det_max_n: int = DEFAULT_MAX_N_METRIC_DETERMINANT,
    gk_max_n: int = DEFAULT_MAX_N_GAUSS_KRONECKER,
    progress: Callable[[str], None] | None = None,
    allow_large: bool = False,
) -> DimensionProof:
    """Derive every graph-metric quantity from the metric in dimension ``n`` and prove the
    closed forms exactly.  ``progress(key)`` is called before each identity.

    ``n`` is a positive integer (Python or NumPy).  The cost doubles with every ``n``
    (:func:`proof_cost_estimate`); beyond :data:`PROOF_MEMORY_LIMIT` (``n > 12``) the call is
    refused with a :class:`SizeLimitError` unless ``allow_large=True``.  No larger ``n`` is
    needed: the dimension-free argument (:func:`dimension_free_status`) covers every ``n`` from
    proofs at ``n`` up to the bound ``d`` of each identity (at most 10).
    """
    n = as_dimension(n, "dimension n")
    memory, seconds = proof_cost_estimate(n)
    if memory > PROOF_MEMORY_LIMIT and not allow_large:
        raise SizeLimitError(
            f"prove_graph_identities({n}) needs about {memory / 1e9:.3g} GB of memory and "
            f"{seconds / 60:.3g} minutes (doubling with every n; limit {PROOF_MEMORY_LIMIT / 2**30:.3g} GiB, "
            "n <= 12). The closed forms are already proven for every n by the dimension-free "
            "argument (dimension_free_status over n = 2..10); pass allow_large=True to run it anyway"
        )
    t_start = time.process_time()
    A = JetRing(n, max_order=3)
    checks = []
    done = set()
    for key, thunk in _identity_pairs(A, det_max_n=det_max_n, gk_max_n=gk_max_n):
        if progress is not None:
            progress(key)
        t0 = time.process_time()
        pairs = thunk()
        holds, bad = True, None
        for idx, lhs, rhs in pairs:
            if not A.is_zero(lhs - rhs):
                holds, bad = False, idx
                break
        spec = SPEC_BY_KEY[key]
        checks.append(IdentityCheck(key, spec.title, n, holds, len(pairs), time.process_time() - t0, bad))
        done.add(key)
    skipped = tuple(spec.key for spec in IDENTITIES if spec.key not in done)
    return DimensionProof(n, tuple(checks), time.process_time() - t_start, skipped)


def dimension_free_bounds(reference_n: int = 4) -> dict[str, int]:
    """Upper bound ``d`` on the number of index pairs of each contraction identity.

    Runs the identical constructions over :class:`WeightBounds` (max-plus bounds on the
    index weight and the power of ``w``, no cancellation), so the bound holds for the formal,
    ``n``-free expression.  ``reference_n`` only needs to realise every index pattern
    (``>= 4``: Riemann has four free indices).
    """
    A = WeightBounds(reference_n)
    out = {}
    for key, thunk in _identity_pairs(A, det_max_n=-1, gk_max_n=-1):
        spec = SPEC_BY_KEY[key]
        total = Bound(None, None)
        for _, lhs, rhs in thunk():
            total = total + lhs + rhs
        out[key] = total.pair_bound(spec.free_indices)
    return out


@dataclass(frozen=True)
class DimensionFreeStatus:
    key: str
    pair_bound: int
    proven_dimensions: tuple[int, ...]
    holds_for_all_n: bool
    argument: str


def dimension_free_status(proofs: list[DimensionProof]) -> list[DimensionFreeStatus]:
    """Combine fixed-``n`` proofs with :func:`dimension_free_bounds` into all-``n`` verdicts."""
    bounds = dimension_free_bounds()
    out = []
    for spec in IDENTITIES:
        proven = tuple(sorted(p.n for p in proofs if any(c.key == spec.key and c.holds for c in p.checks)))
        failed = any(c.key == spec.key and not c.holds for p in proofs for c in p.checks)
        if spec.contraction_identity:
            d = bounds[spec.key]
            ok = (not failed) and any(m >= d for m in proven)
            arg = (
                f"O(n) invariants: exact at n={max(proven)} >= d={d}" if ok else
                f"needs an exact proof in some n >= {d} (have {proven or 'none'})"
            )
        else:
            d = 0
            ok = (not failed) and bool(proven)
            arg = "determinant lemma (all n)"
        out.append(DimensionFreeStatus(spec.key, d, proven, ok, arg))
    return out
