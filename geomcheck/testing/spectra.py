"""Hypothesis strategies for eigensolver tests: symmetric matrices with spectra shaped like trained
networks (:func:`spectra`, :func:`operators_with_spectrum`) and symmetric-definite pencils with
known eigenvalues (:func:`pencils`).

Every matrix is ``A = Q diag(λ) Qᵀ`` with a seeded random orthogonal ``Q`` (QR of a Gaussian
matrix, sign-fixed, float64 on the CPU; cached per ``(d, seed)``), so the spectrum ``λ`` is known
by construction; tests still compare with ``torch.linalg.eigvalsh(A)`` of the *rounded* matrix.

Spectrum shapes (``kind``):

* ``"trained"`` — a few large positive outliers (the "top of the Hessian"), a bulk near zero,
  many small negatives with an exponential tail (Ghorbani et al. 2019, Papyan 2019 shapes);
* ``"clusters"`` — the same with the bulk and the tail replaced by tight clusters;
* ``"multiplicity"`` — outliers and tail values repeated exactly (2–4 copies);
* ``"zero_block"`` — outliers, a block of exact zeros, a small negative tail.

Outliers lie in ``[max(top/8, 1.5·neg), top]`` and the bulk below ``top/16``, so the largest
values are also the largest in magnitude.  The extreme values at both ends are kept apart by a relative gap (``MIN_END_GAP`` of the
spread) unless they are exact copies, so "the k wanted distinct eigenvalues" is well defined
and reachable within the default iteration budget; the bulk in between may be arbitrarily close.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import torch
from hypothesis import settings
from hypothesis import strategies as st
from torch import Tensor

from geomcheck.operators.base import DenseOperator, MatvecOperator, Operator

__all__ = ["Spectrum", "spectra", "operators_with_spectrum", "Pencil", "pencils", "distinct", "extreme_values",
           "wanted_distinct", "trained_spectrum", "two_sided_spectrum", "orthogonal", "examples"]

F64 = torch.float64

#: Matrix sizes drawn (a few, so the orthogonal factors are reused from the cache).
SIZES = (200, 250, 300, 400, 500, 600, 1000, 1200)
#: Number of values at each end that are kept well separated (or exact copies).
END = 12
#: Minimal gap between distinct end values, relative to the spread max(λ) − min(λ).
MIN_END_GAP = 2e-3


def examples(n: int) -> int:
    """``n`` examples under the fast ``ci`` profile; the profile's own count under ``thorough``."""
    current = settings().max_examples
    return current if current > 20 else min(n, current)


@functools.lru_cache(maxsize=20)
def orthogonal(d: int, seed: int) -> Tensor:
    """A random orthogonal ``(d, d)`` float64 matrix (Haar: QR with the signs of ``diag R``)."""
    gen = torch.Generator().manual_seed(int(seed))
    g = torch.randn(d, d, generator=gen, dtype=F64)
    q, r = torch.linalg.qr(g)
    return q * torch.sign(torch.diagonal(r))


@functools.lru_cache(maxsize=16)
def _matrix(d: int, seed: int, eigenvalues: tuple[float, ...]) -> Tensor:
    q = orthogonal(d, seed)
    lam = torch.tensor(eigenvalues, dtype=F64)
    a = (q * lam) @ q.T
    return (a + a.T) / 2


@dataclass(frozen=True)
class Spectrum:
    """A prescribed spectrum and the seed of its eigenvector basis."""

    eigenvalues: tuple[float, ...]  # ascending
    seed: int
    kind: str
    #: distinct well separated values at the top (largest also in magnitude) and at the bottom:
    #: a request for at most that many from an end has a well-defined, reachable answer
    n_top: int = 1
    n_bottom: int = 1

    def max_k(self, which: str) -> int:
        """Largest ``k`` whose wanted distinct eigenvalues are all among the separated ones."""
        if which in ("LA", "LM"):
            return self.n_top
        if which == "SA":
            return self.n_bottom
        return min(2 * self.n_bottom, 2 * self.n_top - 1)  # BE: k//2 bottom, k - k//2 top

    @property
    def d(self) -> int:
        return len(self.eigenvalues)

    @property
    def values(self) -> np.ndarray:
        return np.asarray(self.eigenvalues, dtype=np.float64)

    def matrix(self) -> Tensor:
        """``Q diag(λ) Qᵀ`` (float64, CPU; cached — do not modify in place)."""
        return _matrix(self.d, self.seed, self.eigenvalues)

    @property
    def norm(self) -> float:
        return float(np.abs(self.values).max())

    def _repr_pretty_(self, p, cycle) -> None:  # hypothesis' printer: keep it short
        p.text(repr(self))

    def __repr__(self) -> str:
        v = self.values
        return (f"Spectrum(kind={self.kind!r}, d={self.d}, seed={self.seed}, "
                f"bottom={np.round(v[:4], 6).tolist()}, top={np.round(v[-4:], 6).tolist()})")


def distinct(values: np.ndarray, atol: float) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of an ascending array (runs closer than ``atol`` merged) and multiplicities."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    groups: list[list[float]] = [[values[0]]]
    for v in values[1:]:
        if v - groups[-1][-1] <= atol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return np.array([np.mean(g) for g in groups]), np.array([len(g) for g in groups])


def extreme_values(values: np.ndarray, k: int, which: str) -> np.ndarray:
    """The ``k`` wanted values of an ascending array, counted with multiplicity (``which`` as
    :func:`geomcheck.lanczos`: ``"LA"``, ``"SA"``, ``"BE"`` = ``k // 2`` from the bottom)."""
    values = np.asarray(values)
    if which == "LA":
        return values[len(values) - k:]
    if which == "SA":
        return values[:k]
    if which == "BE":
        return np.concatenate([values[: k // 2], values[len(values) - (k - k // 2):]])
    raise ValueError(f"which must be 'LA', 'SA' or 'BE', got {which!r}")


def wanted_distinct(values: np.ndarray, k: int, which: str, atol: float) -> np.ndarray:
    """The ``k`` wanted *distinct* eigenvalues, ascending (the definition of ``which``, as eigsh)."""
    vals, _ = distinct(values, atol)
    if which == "LA":
        out = vals[-k:]
    elif which == "SA":
        out = vals[:k]
    elif which == "LM":
        out = vals[np.argsort(-np.abs(vals), kind="stable")[:k]]
    elif which == "BE":
        lo = k // 2
        out = np.concatenate([vals[:lo], vals[len(vals) - (k - lo):]])
    else:
        raise ValueError(which)
    return np.sort(out)


def _separated(draw: st.DrawFn, n: int, lo: float, hi: float, min_gap: float) -> list[float]:
    """``n`` values in ``[lo, hi]`` pairwise at least ``min_gap`` apart (a drawn gap pattern)."""
    assert (n - 1) * min_gap < hi - lo
    slack = (hi - lo) - (n - 1) * min_gap
    weights = draw(st.lists(st.floats(0.05, 1.0), min_size=n + 1, max_size=n + 1))
    cuts = np.cumsum(weights) / sum(weights) * slack
    return [lo + cuts[i] + i * min_gap for i in range(n)]


@st.composite
def spectra(draw: st.DrawFn, *, min_d: int = 200, max_d: int = 600,
            kinds: tuple[str, ...] = ("trained", "clusters", "multiplicity", "zero_block")) -> Spectrum:
    """A :class:`Spectrum` of size ``d ∈ [min_d, max_d]``."""
    kind = draw(st.sampled_from(kinds))
    d = draw(st.sampled_from([s for s in SIZES if min_d <= s <= max_d]))
    seed = draw(st.integers(0, 1))  # few sizes and seeds: Q (a QR, O(d³)) is cached
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    top = draw(st.floats(20.0, 200.0))
    neg = draw(st.floats(0.5, 5.0))  # magnitude of the most negative eigenvalue
    spread = top + neg
    gap = MIN_END_GAP * spread
    n_out = draw(st.integers(1, 8))
    # outliers: log-spaced-ish between top/8 and top, pairwise separated
    outliers = _separated(draw, n_out, max(top / 8, 1.5 * neg), top, max(gap, 0.02 * top))
    # tail of small negatives: END separated extremes, the rest an exponential cloud above them
    tail_ext = _separated(draw, END, -neg, -neg / 2, min(gap, neg / (2 * END + 2)))
    n_rest = d - n_out - END
    if kind == "trained":
        n_neg = int(n_rest * draw(st.floats(0.2, 0.45)))
        negs = -np.minimum(rng.exponential(neg / 12, n_neg), neg / 2 - 1e-3 * neg)
        bulk = np.abs(rng.normal(0.0, draw(st.floats(1e-3, 0.3)), n_rest - n_neg))
        bulk = np.minimum(bulk, top / 16)
        rest = np.concatenate([negs, bulk])
        values = outliers + tail_ext + rest.tolist()
    elif kind == "clusters":
        centers = rng.uniform(-neg / 2.5, top / 10, size=draw(st.integers(2, 10)))
        width = draw(st.sampled_from([1e-9, 1e-6, 1e-3]))
        rest = centers[rng.integers(0, len(centers), n_rest)] * (1 + width * rng.standard_normal(n_rest))
        values = outliers + tail_ext + rest.tolist()
    elif kind == "multiplicity":
        mult_top = [draw(st.integers(1, 4)) for _ in outliers]
        mult_bot = [draw(st.integers(1, 3)) for _ in tail_ext]
        ends = [v for v, m in zip(outliers, mult_top) for _ in range(m)]
        ends += [v for v, m in zip(tail_ext, mult_bot) for _ in range(m)]
        n_rest = d - len(ends)
        rest = np.concatenate([-rng.exponential(neg / 12, n_rest // 3).clip(0, neg / 2 - 1e-3 * neg),
                               rng.uniform(0, top / 16, n_rest - n_rest // 3)])
        values = ends + rest.tolist()
    elif kind == "zero_block":
        n_zero = int(n_rest * draw(st.floats(0.2, 0.8)))
        rest = np.concatenate([np.zeros(n_zero),
                               -rng.exponential(neg / 12, n_rest - n_zero).clip(0, neg / 2 - 1e-3 * neg)])
        values = outliers + tail_ext + rest.tolist()
    else:  # pragma: no cover
        raise ValueError(kind)
    assert len(values) == d, (kind, len(values), d)
    return Spectrum(tuple(sorted(float(v) for v in values)), seed, kind, n_top=n_out, n_bottom=END)


def trained_spectrum(d: int = 300, n_out: int = 4, seed: int = 0) -> Spectrum:
    """A fixed trained-network-like spectrum: ``n_out`` well separated outliers 100, 50, 25, …,
    a bulk uniform in ``[-0.05, 1]`` (no exact copies)."""
    rng = np.random.default_rng(seed)
    outliers = [100.0 / 2**i for i in range(n_out)]
    bulk = rng.uniform(-0.05, 1.0, d - n_out)
    return Spectrum(tuple(sorted(outliers + bulk.tolist())), seed, "fixed", n_top=n_out, n_bottom=1)


def two_sided_spectrum(d: int = 400, seed: int = 3) -> Spectrum:
    """Separated ends on both sides: outliers 100, 50, 25, 12.5, 6.25; negatives −3, −2.5, −2,
    −1.6, −1.3; a bulk uniform in ``[-0.5, 1]``."""
    rng = np.random.default_rng(seed)
    ends = [100.0, 50.0, 25.0, 12.5, 6.25, -3.0, -2.5, -2.0, -1.6, -1.3]
    bulk = rng.uniform(-0.5, 1.0, d - len(ends)).tolist()
    return Spectrum(tuple(sorted(ends + bulk)), seed, "fixed-two-sided", n_top=5, n_bottom=5)


@st.composite
def operators_with_spectrum(draw: st.DrawFn, *, min_d: int = 200, max_d: int = 600,
                            kinds: tuple[str, ...] = ("trained", "clusters", "multiplicity", "zero_block"),
                            form: str | None = None) -> tuple[Operator, Spectrum]:
    """``(operator, spectrum)``: the matrix of a drawn :func:`spectra` as a
    :class:`~geomcheck.operators.DenseOperator` or, matrix-free, as a ``MatvecOperator`` (``form``
    ``"dense"`` / ``"matvec"``; drawn when ``None``) — for testing an eigensolver on both paths."""
    spec = draw(spectra(min_d=min_d, max_d=max_d, kinds=kinds))
    form = form or draw(st.sampled_from(["dense", "matvec"]))
    A = spec.matrix()
    if form == "dense":
        return DenseOperator(A), spec
    if form == "matvec":
        return MatvecOperator(lambda v: A @ v, spec.d, matmat=lambda V: A @ V), spec
    raise ValueError(f"form must be 'dense' or 'matvec', got {form!r}")


@dataclass(frozen=True)
class Pencil:
    """A symmetric-definite pencil ``A v = λ M v`` with known eigenvalues.

    ``M = S²`` with ``S = Q_M diag(√μ) Q_Mᵀ`` (``μ`` log-uniform in ``[1, cond]``, so
    ``cond(M) = cond`` up to the drawn endpoints), ``A = S (Q diag(λ) Qᵀ) S``: then
    ``A v = λ M v ⇔ (S⁻¹ A S⁻¹) u = λ u`` with ``u = S v``, so the pencil's eigenvalues are ``λ``
    by construction (in exact arithmetic; the rounded matrices move them by about
    ``ε · cond(M) · max|λ|``).
    """

    A: Tensor
    M: Tensor
    eigenvalues: tuple[float, ...]  # ascending
    cond: float

    @property
    def d(self) -> int:
        return self.A.shape[0]

    def __repr__(self) -> str:
        v = self.eigenvalues
        return (f"Pencil(d={self.d}, cond(M)={self.cond:.3g}, bottom={np.round(v[:3], 6).tolist()}, "
                f"top={np.round(v[-3:], 6).tolist()})")

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


@st.composite
def pencils(draw: st.DrawFn, *, min_d: int = 20, max_d: int = 120, max_cond: float = 1e8) -> Pencil:
    """A :class:`Pencil` with ``d ∈ [min_d, max_d]``, ``cond(M) ∈ [1, max_cond]`` (log-uniform)
    and a spectrum with separated ends (outliers, a bulk, negatives), float64 on the CPU."""
    d = draw(st.integers(min_d, max_d))
    log_cond = draw(st.floats(0.0, float(np.log10(max_cond))))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    top = draw(st.floats(1.0, 100.0))
    n_end = min(4, d // 4)
    ends_top = top * (1.0 - 0.1 * np.arange(n_end))
    ends_bot = -top * draw(st.floats(0.05, 1.0)) * (1.0 - 0.1 * np.arange(n_end))
    bulk = rng.uniform(ends_bot[-1] * 0.8, ends_top[-1] * 0.8, d - 2 * n_end)
    lam = np.sort(np.concatenate([ends_top, ends_bot, bulk]))
    mu = 10.0 ** rng.uniform(0.0, log_cond, d)
    mu[0], mu[-1] = 1.0, 10.0**log_cond
    gen = torch.Generator().manual_seed(seed)

    def haar(n: int) -> Tensor:
        q, r = torch.linalg.qr(torch.randn(n, n, generator=gen, dtype=F64))
        return q * torch.sign(torch.diagonal(r))

    Q, QM = haar(d), haar(d)
    S = (QM * torch.as_tensor(np.sqrt(mu))) @ QM.T
    S = (S + S.T) / 2
    C = (Q * torch.as_tensor(lam)) @ Q.T
    A = S @ ((C + C.T) / 2) @ S
    M = (S @ S)
    return Pencil(A=(A + A.T) / 2, M=(M + M.T) / 2, eigenvalues=tuple(float(v) for v in lam),
                  cond=float(10.0**log_cond))
