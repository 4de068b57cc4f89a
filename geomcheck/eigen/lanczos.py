"""Thick-restart Lanczos with full re-orthogonalisation, on any device, from products only.

Algorithm (Lanczos 1950; full re-orthogonalisation with a second Gram–Schmidt pass, "twice is
enough", Parlett 1998 §6.9 / Giraud et al. 2005; thick restart, Wu & Simon 2000):

* the Krylov basis ``V`` (at most ``ncv + 1`` vectors of length ``d``) lives on the operator's
  device in the operator's dtype; each step multiplies one basis vector, subtracts its
  projection on the whole basis twice, and records the coefficients ``h = Vᵀ A v_j`` and
  ``β_j = ‖w‖`` in a small matrix on the device (``A V_m = V_m H_m + β_m v_{m+1} e_mᵀ``);
* at a *check* the ``m × m`` projection ``T = sym(H_m)`` is copied to the host and solved in
  float64 (``numpy.linalg.eigh``); the Ritz pair ``(θᵢ, V_m yᵢ)`` has residual
  ``‖A V_m yᵢ − θᵢ V_m yᵢ‖ = β_m |e_mᵀ yᵢ|`` (exact up to the loss of orthogonality of ``V``,
  which the second pass keeps at ``O(ε ‖A‖)``);
* a wanted pair has converged when ``residual ≤ tol · max(|θᵢ|, ε^{2/3} ‖T‖)`` (relative, with
  ARPACK's floor for eigenvalues near zero); the run stops when all ``k`` wanted pairs have
  converged, when every unconverged one has reached the attainable floor
  ``≈ 100 ε ‖T‖`` (it cannot improve: ``converged=False``), or at ``max_iter`` products;
* when the basis is full, the ``p`` Ritz vectors nearest the wanted end are kept
  (``V ← V_m Y_p``), ``T`` becomes ``diag(θ_p)`` bordered by ``β_m e_mᵀ Y_p``, and the run
  continues from the residual vector: memory stays ``(ncv + 1) · d`` numbers.

**Host synchronisation** happens only at checks: the first after ``max(2k, 4)`` steps, then at a
step predicted from the measured convergence rate (half the predicted distance, at least 1 and
at most 8 steps), at each restart and at the end.  Everything between checks — products,
projections, norms, normalisations — is queued on the device without reading a number back
(``num_checks`` in the result counts the synchronisations).

**Free symmetry probe.**  For a symmetric ``A`` the recorded ``H`` is symmetric:
``⟨v_i, A v_j⟩ = ⟨A v_i, v_j⟩``.  Each check compares ``H`` with ``Hᵀ``; a difference above
``√ε · ‖T‖`` raises :class:`~geomcheck.numeric.InvalidInputError` (no extra product is spent).
A NaN or Inf from a product raises the same error at the next check.

**Multiplicities.**  In exact arithmetic a single-vector Krylov space holds one vector per
distinct eigenvalue (the projection of the start vector on that eigenspace).  In floating point,
rounding errors seed the other copies and the re-orthogonalised basis may or may not pick them up
before the run stops — as with ARPACK's ``eigsh``.  So by default, for a multiple eigenvalue at
the wanted end, each distinct wanted value is returned *at least once and at most its
multiplicity times*, and no distinct value nearer the wanted end is skipped (tested); the ``k``
returned values are then not necessarily the ``k`` extreme eigenvalues *counted with
multiplicity*.  ``multiplicity_check=True`` gives those: it restarts from fresh random vectors
orthogonal to the eigenvectors found (products against the deflated operator
``(I − XXᵀ) A (I − XXᵀ)``), pass after pass, merging further copies until a pass adds none; it
costs extra runs' products.  Hessians of trained networks have no exact multiplicities at their
extremes in practice; spectra built with repeated eigenvalues do.

The result is a pure function of ``(operator, arguments, seed)``: the start vector is uniform on
``[−1, 1)`` from a counter-based generator seeded with ``seed`` (53 random bits per entry, not ±1:
a sign vector is exactly orthogonal to structured eigenvectors with positive probability), computed
on the operator's device and bit-identical on every machine, device and dtype
(:mod:`geomcheck.operators.probes`); and
the same seed gives bit-identical results on the same device when the operator's own products
are deterministic.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import torch
from torch import Tensor

from geomcheck.eigen._progress import progress_callback
from geomcheck.eigen._validate import check_tol, check_v0
from geomcheck.eigen.metric import Metric, as_metric
from geomcheck.eigen.result import EigenResult
from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import Operator, as_operator
from geomcheck.operators.probes import uniform

__all__ = ["lanczos", "WHICH"]

#: Accepted values of ``which``: largest algebraic, smallest algebraic, both ends, largest magnitude.
WHICH: tuple[str, ...] = ("LA", "SA", "BE", "LM")

#: Basis memory used to size the default ``ncv`` (bytes).
DEFAULT_BASIS_BYTES = 1 << 30


def _validate(op: Operator, k: object, which: object, tol: object, max_iter: object,
              ncv: object) -> tuple[int, str, float, int, int]:
    d = op.size
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidInputError(f"k must be a positive int, got {k!r}")
    k = int(k)
    if k >= d:
        raise InvalidInputError(
            f"k={k} must be smaller than the dimension d={d}; for all eigenvalues of a small "
            "operator use torch.linalg.eigh(op.to_dense())"
        )
    if which not in WHICH:
        raise InvalidInputError(f"which must be one of {WHICH}, got {which!r}")
    tol = check_tol(tol, op.dtype)
    if max_iter is None:
        max_iter = max(1000, 30 * k)
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InvalidInputError(f"max_iter must be a positive int (products), got {max_iter!r}")
    if ncv is None:
        per_vector = d * torch.finfo(op.dtype).bits // 8
        budget = max(20, min(256, DEFAULT_BASIS_BYTES // per_vector))
        ncv = max(2 * k + 1, budget)
    if isinstance(ncv, bool) or not isinstance(ncv, (int, np.integer)):
        raise InvalidInputError(f"ncv must be an int, got {ncv!r}")
    ncv = min(int(ncv), d)
    if ncv < d and ncv < k + 2:
        raise InvalidInputError(f"ncv={ncv} must be at least k + 2 = {k + 2} (or equal d={d})")
    return k, str(which), float(tol), int(max_iter), ncv


def _wanted(theta: np.ndarray, k: int, which: str) -> np.ndarray:
    """Indices (into ascending ``theta``) of the ``k`` wanted Ritz values."""
    m = len(theta)
    k = min(k, m)
    if which == "LA":
        return np.arange(m - k, m)
    if which == "SA":
        return np.arange(k)
    if which == "LM":
        order = np.argsort(-np.abs(theta), kind="stable")[:k]
        return np.sort(order)
    lo = k // 2
    return np.concatenate([np.arange(lo), np.arange(m - (k - lo), m)])


def _kept(theta: np.ndarray, k: int, p: int, which: str) -> np.ndarray:
    """Indices of the ``p ≥ k`` Ritz vectors kept at a thick restart (nearest the wanted end)."""
    m = len(theta)
    if which in ("LA", "SA", "LM"):
        return _wanted(theta, p, which)
    lo_w = k // 2
    hi_w = k - lo_w
    extra = p - k
    lo = lo_w + extra * max(lo_w, 1) // (max(lo_w, 1) + max(hi_w, 1))
    hi = p - lo
    return np.concatenate([np.arange(lo), np.arange(m - hi, m)])


class _Probes:
    """Seeded stream of start vectors: uniform on ``[−1, 1)``, bit-identical on every device
    (:func:`geomcheck.operators.probes.uniform`), made where the operator lives."""

    def __init__(self, seed: int) -> None:
        self.seed, self.stream = int(seed), 0

    def draw(self, d: int, dtype: torch.dtype, device: torch.device) -> Tensor:
        v = uniform(d, seed=self.seed, stream=self.stream, dtype=dtype, device=device)
        self.stream += 1
        return v


def gram_schmidt_twice(V: Tensor, w: Tensor, Z: Tensor | None = None) -> tuple[Tensor, Tensor]:
    """Orthogonalise ``w`` against the orthonormal rows of ``V`` with two classical Gram–Schmidt
    passes ("twice is enough", Giraud et al. 2005); returns ``(w − Vᵀh, h)`` with the total
    coefficients ``h = Vw`` of both passes.  Queued on ``w``'s device: no host sync.

    With ``Z = V M`` (rows ``M vᵢ``) the passes are in the ``M``-inner product: ``h = Z w``
    (``= V M w``) and the rows of ``V`` are ``M``-orthonormal."""
    Z = V if Z is None else Z
    h = Z @ w
    w = w - V.T @ h
    h2 = Z @ w
    w = w - V.T @ h2
    return w, h + h2


def lanczos(
    op: object,
    *,
    k: int = 1,
    which: str = "LA",
    tol: float = 1e-6,
    max_iter: int | None = None,
    seed: int = 0,
    ncv: int | None = None,
    v0: Tensor | None = None,
    measure_residuals: bool = False,
    multiplicity_check: bool = False,
    check_every: int | None = None,
    callback: Callable[[int, float], None] | None = None,
    progress: bool = False,
    metric: object | None = None,
    metric_solve: Callable[[Tensor], Tensor] | None = None,
    metric_rtol: float | None = None,
    _reorthogonalize: bool = True,
) -> EigenResult:
    """The ``k`` extreme eigenpairs of a symmetric operator (or of a symmetric-definite pencil
    ``A v = λ M v``) by thick-restart Lanczos.

    **Pencils** (``metric=M``, ``M`` symmetric positive definite): the same algorithm runs on
    ``C = M⁻¹ A``, which is self-adjoint in the ``M``-inner product ``⟨x, y⟩_M = xᵀ M y`` (Parlett
    1998 §15; Ericsson & Ruhe 1980): the basis is ``M``-orthonormal (both Gram–Schmidt passes
    in the ``M``-inner product, with ``M V`` kept beside ``V`` so a pass costs no product), each
    step costs one product with ``A``, one solve with ``M`` and one product with ``M``
    (:mod:`geomcheck.eigen.metric` says how the solve is done: Cholesky for a dense ``M``, the
    user's ``metric_solve``, or conjugate gradients).  The projection ``T = Vᵀ M C V = Vᵀ A V``
    is symmetric (the free symmetry probe still applies), and the Lanczos residual is
    ``‖C x − θ x‖_M = ‖A x − θ M x‖_{M⁻¹} = β_m |e_mᵀ y|``, the residual in the ``M⁻¹``-norm:
    the stopping test compares it with ``tol · max(|θ|, ε^{2/3}‖T‖)``.  Eigenvectors come back
    ``M``-orthonormal (``XᵀMX = I``, as ``scipy.linalg.eigh(A, M)``).  A non-positive
    ``M``-norm met on the way raises :class:`~geomcheck.numeric.InvalidInputError` (``M`` is not
    positive definite).

    Args:
        op: an :class:`~geomcheck.operators.Operator` (e.g. a
            :class:`~geomcheck.HessianOperator`), a dense symmetric tensor ``(d, d)``, or a
            ``(matvec, size)`` pair (float64 on the CPU).
        k: number of eigenpairs, ``1 ≤ k < d``.
        which: ``"LA"`` largest algebraic, ``"SA"`` smallest algebraic, ``"BE"`` both ends
            (``k // 2`` from the bottom, the rest from the top, as ``eigsh``), ``"LM"``
            largest magnitude.
        tol: relative residual tolerance, ``‖A v − θ v‖ ≤ tol · max(|θ|, ε^{2/3}‖T‖)``.  The
            eigenvalue error is then about ``residual² / gap`` (much smaller).  Values below
            ``10 ε`` of the operator's dtype are refused.
        max_iter: maximum number of operator products (default ``max(1000, 30k)``).
        seed: seed of the start vector (and of any restart vector).
        ncv: maximum basis size (default: ``max(2k + 1, min(256, 1 GiB / (d · itemsize)))``,
            at least 20, at most ``d``).  Memory is ``(ncv + 1) · d`` numbers.
        v0: start vector ``(d,)`` instead of the seeded random one.
        measure_residuals: multiply the ``k`` final Ritz vectors once more (``k`` products, one
            ``matmat``) and report measured residuals (``residual_kind="measured"``).
        multiplicity_check: look for further copies of the wanted eigenvalues (see module
            docstring); costs a second run.
        check_every: fixed number of steps between convergence checks (host syncs) instead of
            the adaptive schedule.
        callback: called at each check as ``callback(num_matvecs, worst_ratio)`` where
            ``worst_ratio = max residual / (tol · scale)`` over the wanted pairs (≤ 1: converged).
        progress: show a rich progress bar (products used of ``max_iter``, worst ratio),
            updated at the checks only.
        metric: ``M`` of the pencil ``A v = λ M v``: a dense symmetric positive definite tensor,
            an :class:`~geomcheck.operators.Operator` or a ``(matvec, size)`` pair (same size,
            dtype and device as ``op``).  ``None``: the standard problem.
        metric_solve: ``U ↦ M⁻¹ U`` for vectors ``(d,)`` and blocks ``(d, m)``, when ``metric``
            is an operator with a known solve (else CG is used).
        metric_rtol: relative residual of the CG solves (default ``min(1e-3 · tol, 1e-10)``,
            at least ``10 ε``).

    Returns:
        :class:`~geomcheck.EigenResult` with ascending eigenvalues (float64, host), eigenvectors
        ``(d, k)`` on the operator's device, residuals, ``converged``, ``num_matvecs``.  A run
        that stops before convergence warns (:class:`~geomcheck.eigen.ConvergenceWarning`) and
        says which pairs failed; it never returns an unconverged pair marked converged.

    Raises:
        InvalidInputError: bad arguments, a non-symmetric operator, or NaN/Inf from a product.
    """
    op = as_operator(op)
    k, which, tol, max_iter, ncv = _validate(op, k, which, tol, max_iter, ncv)
    if check_every is not None and (isinstance(check_every, bool) or not isinstance(check_every, int) or check_every < 1):
        raise InvalidInputError(f"check_every must be a positive int, got {check_every!r}")
    M: Metric | None = None
    if metric is not None:
        M = as_metric(metric, like=op, solve=metric_solve, rtol=_metric_rtol(metric_rtol, tol, op.dtype))
        if not _reorthogonalize:
            raise InvalidInputError("the pencil solver always re-orthogonalises (_reorthogonalize=False "
                                    "is the standard problem's demonstration of ghost eigenvalues)")
    elif metric_solve is not None:
        raise InvalidInputError("metric_solve= needs metric=")
    generator = _Probes(int(seed))
    if v0 is not None:
        start = check_v0(op, v0)
    else:
        start = generator.draw(op.size, op.dtype, op.device)
    if not _reorthogonalize:
        return _plain_lanczos(op, start, k=k, which=which, tol=tol, max_iter=max_iter)
    with progress_callback(progress, total=max_iter, label=f"lanczos {which} k={k}", user=callback) as cb:
        run = _ThickRestartLanczos(op, k=k, which=which, tol=tol, max_iter=max_iter, ncv=ncv,
                                   generator=generator, check_every=check_every, callback=cb, metric=M)
        result = run.solve(start)
        if multiplicity_check:
            result = _multiplicity_pass(op, result, run, k=k, which=which, tol=tol,
                                        max_iter=max_iter, ncv=ncv, generator=generator,
                                        check_every=check_every, callback=cb, metric=M)
    if measure_residuals:
        result = _measured(op, result, M)
    if M is not None:
        result = dataclasses.replace(result, inner_product="metric", num_metric_products=M.num_products,
                                     num_metric_solves=M.num_solves)
    result = dataclasses.replace(result, seed=int(seed))
    result.warn_if_unconverged(stacklevel=3)
    return result


def _metric_rtol(rtol: object, tol: float, dtype: torch.dtype) -> float:
    floor = 10 * torch.finfo(dtype).eps
    if rtol is None:
        return max(min(1e-3 * tol, 1e-10), floor)
    if isinstance(rtol, bool) or not isinstance(rtol, (int, float)) or not math.isfinite(rtol) or not 0 < rtol < 1:
        raise InvalidInputError(f"metric_rtol must be a finite number in (0, 1), got {rtol!r}")
    return max(float(rtol), floor)


class _ThickRestartLanczos:
    """One run of thick-restart Lanczos (state kept on the operator's device)."""

    def __init__(self, op: Operator, *, k: int, which: str, tol: float, max_iter: int, ncv: int,
                 generator: _Probes, check_every: int | None,
                 callback: Callable[[int, float], None] | None,
                 deflate: tuple[Tensor, Tensor] | None = None, metric: Metric | None = None) -> None:
        self.op, self.k, self.which, self.tol = op, k, which, tol
        self.max_iter, self.ncv = max_iter, ncv
        self.generator, self.check_every, self.callback = generator, check_every, callback
        # (X, MX): (d, r) M-orthonormal columns projected out of every product (v - X (MX)ᵀ v)
        self.deflate = deflate
        self.metric = metric
        self.d = op.size
        self.eps = torch.finfo(op.dtype).eps
        # rows of V are written before they are read (only V[:m] is ever used): torch.empty does
        # not touch the (ncv + 1)·d numbers up front (a 232 MB zero-fill at d = 1.1e5, ncv = 256)
        self.V = torch.empty(ncv + 1, self.d, dtype=op.dtype, device=op.device)
        # pencil: Z = V M (rows M v_i), so the M-inner products of Gram-Schmidt cost no product;
        # min_rel tracks min wᵀMw / (‖w‖‖Mw‖) over the steps, read at the checks (no extra sync)
        self.Z = None if metric is None else torch.empty_like(self.V)
        self.min_rel = torch.full((), float("inf"), dtype=op.dtype, device=op.device)
        self.H = torch.zeros(ncv + 1, ncv + 1, dtype=op.dtype, device=op.device)
        self.num_matvecs = 0
        self.num_restarts = 0
        self.num_checks = 0
        self.history: list[float] = []
        self.anorm = 0.0

    # ------------------------------------------------------------------ products
    def _project_out(self, w: Tensor) -> Tensor:
        X, MX = self.deflate
        return w - X @ (MX.T @ w)

    def _apply(self, v: Tensor) -> Tensor:
        """``C v`` with ``C = A`` (standard) or ``M⁻¹ A`` (pencil), deflated if asked."""
        self.num_matvecs += 1
        if self.deflate is not None:
            v = self._project_out(v)
        w = self.op.matvec(v)
        if self.metric is not None:
            w = self.metric.solve(w)
        if self.deflate is not None:
            w = self._project_out(w)
        return w

    def _orthonormalise_against(self, w: Tensor, m: int) -> tuple[Tensor, Tensor]:
        """Two Gram–Schmidt passes of ``w`` against ``V[:m]`` (in the ``M``-inner product for a
        pencil); returns (w, coefficients)."""
        w, h = gram_schmidt_twice(self.V[:m], w, None if self.Z is None else self.Z[:m])
        if self.deflate is not None:
            w = self._project_out(w)
        return w, h

    def _norm(self, w: Tensor) -> tuple[Tensor, Tensor | None]:
        """``(‖w‖_M, M w)``; records ``wᵀMw / (‖w‖ ‖Mw‖)`` for the positivity check."""
        if self.metric is None:
            return torch.linalg.vector_norm(w), None
        Mw = self.metric.apply(w)
        n2 = torch.dot(w, Mw)
        scale = torch.linalg.vector_norm(w) * torch.linalg.vector_norm(Mw)
        rel = n2 / torch.clamp(scale, min=torch.finfo(self.op.dtype).tiny)
        self.min_rel = torch.minimum(self.min_rel, torch.where(scale > 0, rel, torch.ones_like(rel)))
        return torch.sqrt(torch.clamp(n2, min=0)), Mw

    def _set_basis(self, i: int, w: Tensor, norm: Tensor, Mw: Tensor | None) -> None:
        inv = 1.0 / torch.clamp(norm, min=torch.finfo(self.op.dtype).tiny)
        self.V[i] = w * inv
        if self.Z is not None:
            self.Z[i] = Mw * inv

    def _step(self, j: int) -> None:
        """Product with ``V[j]``; fills ``H[:j+2, j]`` and ``V[j+1]``; no host sync."""
        w = self._apply(self.V[j])
        w, h = self._orthonormalise_against(w, j + 1)
        self.H[: j + 1, j] = h
        beta, Mw = self._norm(w)
        self.H[j + 1, j] = beta
        if j + 1 < self.d:
            # beta == 0 only on an exactly invariant subspace; the zero vector is replaced by a
            # fresh random direction at the next check (see _repair_breakdown).
            self._set_basis(j + 1, w, beta, Mw)

    # ------------------------------------------------------------------ host side
    def _projection(self, m: int) -> tuple[np.ndarray, float]:
        Hm = self.H[: m + 1, : m].detach().to("cpu", torch.float64).numpy()
        self.num_checks += 1
        if not np.isfinite(Hm).all():
            raise InvalidInputError(
                f"an operator product returned NaN or Inf (detected after {self.num_matvecs} "
                "products); check the loss, the data and the point"
            )
        self._check_metric()
        T = Hm[:m, :m]
        beta_m = float(Hm[m, m - 1]) if m < self.d else 0.0
        return T, beta_m

    def _check_metric(self) -> None:
        """A pencil's ``M`` must give positive ``M``-norms (read at checks: one sync)."""
        if self.metric is None:
            return
        rel = float(self.min_rel)
        if rel < -math.sqrt(self.eps):
            raise InvalidInputError(
                f"the metric is not positive definite: Lanczos met a vector with w^T M w / (|w| |Mw|) "
                f"= {rel:.3g} < 0 after {self.num_matvecs} products"
            )

    def _check_symmetry(self, T: np.ndarray) -> None:
        scale = max(float(np.abs(T).max()), self.anorm, np.finfo(float).tiny)
        asym = float(np.abs(T - T.T).max())
        limit = math.sqrt(self.eps) * scale
        if asym > limit:
            raise InvalidInputError(
                f"the operator is not symmetric: the Lanczos probe <v_i, A v_j> - <A v_i, v_j> "
                f"reached {asym:.3g} (relative {asym / scale:.3g} > sqrt(eps) = "
                f"{math.sqrt(self.eps):.2g}) after {self.num_matvecs} products"
            )

    def _repair_breakdown(self, m_from: int, m: int) -> int | None:
        """If some ``β_j`` (``m_from ≤ j < m``) is at the rounding level of its step,
        ``β_j ≤ 100 ε ‖C v_j‖`` (an invariant subspace to working precision; ``‖C v_j‖² =
        ‖h_j‖² + β_j²`` from the recorded coefficients, no product), and ``j + 1 < d``, restart the
        Krylov space there from a random vector orthogonal to the basis; returns the new ``m``.

        A ``β_j`` at that level cannot give an orthogonal ``v_{j+1}``: after two Gram–Schmidt
        passes the residual still carries ``O(ε ‖C v_j‖)`` along the basis, so ``w/β_j`` would be
        far from orthogonal (the asymmetry probe then fires).  Dropping the coupling changes ``T``
        by ``β_j ≤ 100 ε ‖C‖``."""
        self._check_metric()  # a negative M-norm is clamped to a zero β: not a breakdown
        block = self.H[: m + 1, m_from:m]
        col = torch.linalg.vector_norm(block, dim=0)
        betas = self.H[m_from + 1 : m + 1, m_from:m].diagonal()
        small = (betas <= 100.0 * self.eps * col).detach().cpu()
        found = small.nonzero().flatten()
        if len(found) == 0:
            return None
        j = m_from + int(found[0])
        # nothing to repair when the space is exhausted (the deflated run lives in d - r
        # dimensions) or the basis is full (the next check restarts it)
        room = self.d - (0 if self.deflate is None else self.deflate[0].shape[1])
        if j + 1 >= min(room, self.ncv):
            return None
        r = self.generator.draw(self.d, self.op.dtype, self.op.device)
        for _ in range(2):
            r, _h = self._orthonormalise_against(r, j + 1)
        norm, Mr = self._norm(r)
        self._set_basis(j + 1, r, norm, Mr)
        self.H[:, j + 1 :].zero_()
        self.H[j + 1 :, :].zero_()
        return j + 1

    def _ritz(self, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
        T, beta_m = self._projection(m)
        Tsym = 0.5 * (T + T.T)
        theta, Y = np.linalg.eigh(Tsym)
        self.anorm = max(self.anorm, float(np.abs(theta).max()))
        self._check_symmetry(T)
        res = np.abs(beta_m * Y[m - 1, :])
        return theta, Y, res, T, beta_m

    def _status(self, theta: np.ndarray, res: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, bool]:
        wanted = _wanted(theta, self.k, self.which)
        floor = self.eps ** (2.0 / 3.0) * self.anorm
        scale = np.maximum(np.abs(theta[wanted]), floor)
        ratio = res[wanted] / (self.tol * scale)
        conv = ratio <= 1.0
        attainable = 100.0 * self.eps * max(self.anorm, np.finfo(float).tiny)
        stuck = bool(np.all(conv | (res[wanted] <= attainable)))
        return wanted, scale, conv, float(ratio.max()), stuck

    # ------------------------------------------------------------------ main loop
    def solve(self, start: Tensor) -> EigenResult:
        start = start.to(dtype=self.op.dtype)
        if self.deflate is not None:
            start = self._project_out(start)
        norm, Ms = self._norm(start)
        if self.metric is not None and not float(norm) > 0:  # one sync, before the first product
            raise InvalidInputError(
                f"the metric is not positive definite: the start vector has M-norm^2 = {float(torch.dot(start, Ms)):.3g}")
        self._set_basis(0, start, norm, Ms)
        j = 0          # next basis vector to multiply
        p = 0          # vectors kept at the last restart
        last_check = 0
        next_check = min(self.ncv, max(2 * self.k, 4)) if self.check_every is None else self.check_every
        prev: tuple[int, float] | None = None
        while True:
            self._step(j)
            j += 1
            m = j
            budget_left = self.max_iter - self.num_matvecs
            full = m == self.ncv
            if not (m >= next_check or full or budget_left <= 0 or m == self.d):
                continue
            # also at m == d: a breakdown inside the window leaves garbage vectors after it
            new_m = self._repair_breakdown(max(last_check - 1, p), m)
            if new_m is not None:
                j = new_m
                # the next scan starts at β_{new_m}: β_{new_m - 1} is the dropped coupling
                last_check = new_m + 1
                next_check = new_m + 1
                continue
            theta, Y, res, T, beta_m = self._ritz(m)
            wanted, scale, conv, worst, stuck = self._status(theta, res)
            self.history.append(worst)
            if self.callback is not None:
                self.callback(self.num_matvecs, worst)
            complete = len(wanted) == self.k
            done = (complete and (bool(conv.all()) or stuck)) or budget_left <= 0 or m == self.d
            if done:
                return self._result(theta, Y, res, wanted, scale, conv, m)
            if full:
                p = j = self._restart(theta, Y, beta_m, m)
                last_check = j
                next_check = j + 1
                prev = None
                continue
            # schedule the next check from the observed rate (half the predicted distance)
            gap = self.check_every or 1
            if self.check_every is None:
                gap = 4
                if prev is not None and worst < prev[1] and m > prev[0]:
                    rate = (worst / prev[1]) ** (1.0 / (m - prev[0]))
                    need = math.log(worst) / -math.log(rate) if rate < 1 else 8.0
                    gap = int(min(8, max(1, math.ceil(need / 2))))
                prev = (m, worst)
            last_check = m
            next_check = m + gap

    def _keep_count(self, m: int) -> int:
        return int(min(m - 1, max(self.k + 1, (m + self.k) // 2)))

    def _restart(self, theta: np.ndarray, Y: np.ndarray, beta_m: float, m: int) -> int:
        keep = _kept(theta, self.k, self._keep_count(m), self.which)
        p = len(keep)
        Yk = torch.as_tensor(Y[:, keep], dtype=self.op.dtype, device=self.op.device)
        new = Yk.T @ self.V[:m]
        self.V[:p] = new
        self.V[p] = self.V[m]
        if self.Z is not None:
            self.Z[:p] = Yk.T @ self.Z[:m]
            self.Z[p] = self.Z[m]
        coupling = torch.as_tensor(beta_m * Y[m - 1, keep], dtype=self.op.dtype, device=self.op.device)
        self.H.zero_()
        self.H[:p, :p] = torch.diag(torch.as_tensor(theta[keep], dtype=self.op.dtype, device=self.op.device))
        self.H[p, :p] = coupling
        self.H[:p, p] = coupling
        self.num_restarts += 1
        return p

    def _result(self, theta: np.ndarray, Y: np.ndarray, res: np.ndarray, wanted: np.ndarray,
                scale: np.ndarray, conv: np.ndarray, m: int) -> EigenResult:
        order = np.argsort(theta[wanted], kind="stable")
        idx = wanted[order]
        Yw = torch.as_tensor(Y[:, idx], dtype=self.op.dtype, device=self.op.device)
        X = (Yw.T @ self.V[:m]).T.contiguous()
        if self.Z is None:
            X = X / torch.linalg.vector_norm(X, dim=0, keepdim=True)
        else:  # M-normalise (the basis is M-orthonormal, so this only removes rounding)
            MX = (Yw.T @ self.Z[:m]).T
            X = X / torch.sqrt((X * MX).sum(dim=0, keepdim=True))
        return EigenResult(
            eigenvalues=torch.as_tensor(theta[idx], dtype=torch.float64),
            eigenvectors=X,
            residuals=torch.as_tensor(res[idx], dtype=torch.float64),
            converged=torch.as_tensor(conv[order]),
            num_matvecs=self.num_matvecs,
            method="lanczos",
            which=self.which,
            tol=self.tol,
            scale=torch.as_tensor(scale[order], dtype=torch.float64),
            residual_kind="lanczos",
            num_restarts=self.num_restarts,
            num_checks=self.num_checks,
            history=tuple(self.history),
        )


def _measured(op: Operator, result: EigenResult, metric: Metric | None = None) -> EigenResult:
    """One more product per pair: ``‖A x − θ x‖`` (or ``‖A x − θ M x‖_{M⁻¹}`` for a pencil:
    one product and one solve with ``M`` more per pair)."""
    X = result.eigenvectors
    AX = op.matmat(X)
    theta = result.eigenvalues.to(device=X.device, dtype=X.dtype)
    if metric is None:
        res = torch.linalg.vector_norm(AX - X * theta, dim=0).to("cpu", torch.float64)
    else:
        R = AX - metric.apply(X) * theta
        res = torch.sqrt(torch.clamp((R * metric.solve(R)).sum(dim=0), min=0)).to("cpu", torch.float64)
    conv = res <= result.tol * result.scale
    return dataclasses.replace(result, residuals=res, converged=conv, residual_kind="measured",
                               num_matvecs=result.num_matvecs + X.shape[1])


def _multiplicity_pass(op: Operator, first: EigenResult, run: _ThickRestartLanczos, *, k: int,
                       which: str, tol: float, max_iter: int, ncv: int,
                       generator: _Probes, check_every: int | None,
                       callback: Callable[[int, float], None] | None,
                       metric: Metric | None = None) -> EigenResult:
    """Search the orthogonal complement of the eigenvectors found so far for further wanted
    eigenvalues (copies of a multiple eigenvalue), pass after pass, until a pass adds none."""
    d = op.size
    best = first
    found = first  # every pair found so far (columns orthonormal: each pass is deflated)
    matvecs, restarts, checks, history = first.num_matvecs, first.num_restarts, first.num_checks, first.history
    while True:
        X = found.eigenvectors
        room = d - X.shape[1]
        if room <= 3:
            break
        MX = X if metric is None else metric.apply(X)
        # one extreme pair per pass (two for both ends): enough to decide whether the
        # complement holds a wanted eigenvalue beyond those found
        sub = _ThickRestartLanczos(op, k=2 if which == "BE" else 1, which=which, tol=tol, max_iter=max_iter,
                                   ncv=min(ncv, room), generator=generator, check_every=check_every,
                                   callback=callback, deflate=(X, MX), metric=metric)
        sub.anorm = run.anorm
        other = sub.solve(generator.draw(d, op.dtype, op.device))
        matvecs += other.num_matvecs
        restarts += other.num_restarts + 1
        checks += other.num_checks
        history += other.history
        found = EigenResult(
            eigenvalues=torch.cat([found.eigenvalues, other.eigenvalues]),
            eigenvectors=torch.cat([found.eigenvectors, other.eigenvectors], dim=1),
            residuals=torch.cat([found.residuals, other.residuals]),
            converged=torch.cat([found.converged, other.converged]),
            num_matvecs=matvecs, method="lanczos", which=which, tol=tol,
            scale=torch.cat([found.scale, other.scale]),
        )
        vals = found.eigenvalues
        ascending = torch.argsort(vals, stable=True)
        order = ascending[torch.as_tensor(_wanted(vals[ascending].numpy(), k, which))]
        gained = bool((order >= X.shape[1]).any())
        best = EigenResult(
            eigenvalues=vals[order], eigenvectors=found.eigenvectors[:, order.to(X.device)],
            residuals=found.residuals[order], converged=found.converged[order],
            num_matvecs=matvecs, method="lanczos", which=which, tol=tol,
            scale=found.scale[order], residual_kind="lanczos", num_restarts=restarts,
            num_checks=checks, history=history,
        )
        if not gained:
            break
    return best


def _plain_lanczos(op: Operator, start: Tensor, *, k: int, which: str, tol: float,
                   max_iter: int) -> EigenResult:
    """Textbook Lanczos *without* re-orthogonalisation (private; shows ghost eigenvalues).

    Three-term recurrence only; stops when the ``k`` wanted Ritz values pass the same residual
    test as :func:`lanczos`, or at ``min(max_iter, d)`` steps.  Its Ritz vectors are not
    orthonormal and copies of converged eigenvalues ("ghosts") appear.
    """
    d = op.size
    steps = min(max_iter, d)
    eps = torch.finfo(op.dtype).eps
    alphas: list[float] = []
    betas: list[float] = []
    V = [start / torch.linalg.vector_norm(start)]
    v_prev = torch.zeros_like(start)
    beta_prev = 0.0
    theta = Y = res = None
    for j in range(steps):
        w = op.matvec(V[j]) - beta_prev * v_prev
        alpha = float(V[j] @ w)
        w = w - alpha * V[j]
        beta = float(torch.linalg.vector_norm(w))
        alphas.append(alpha)
        betas.append(beta)
        T = np.diag(alphas) + np.diag(betas[:-1], 1) + np.diag(betas[:-1], -1)
        theta, Y = np.linalg.eigh(T)
        res = np.abs(beta * Y[-1, :])
        anorm = float(np.abs(theta).max())
        wanted = _wanted(theta, k, which)
        scale = np.maximum(np.abs(theta[wanted]), eps ** (2 / 3) * anorm)
        if len(theta) >= k and np.all(res[wanted] <= tol * scale):
            break
        if beta == 0 or j + 1 == steps:
            break
        v_prev, beta_prev = V[j], beta
        V.append(w / beta)
    assert theta is not None and Y is not None and res is not None
    m = len(theta)
    wanted = _wanted(theta, k, which)
    scale = np.maximum(np.abs(theta[wanted]), eps ** (2 / 3) * float(np.abs(theta).max()))
    Vm = torch.stack(V[:m])
    X = (torch.as_tensor(Y[:, wanted], dtype=op.dtype, device=op.device).T @ Vm).T
    conv = res[wanted] <= tol * scale
    return EigenResult(
        eigenvalues=torch.as_tensor(theta[wanted], dtype=torch.float64), eigenvectors=X,
        residuals=torch.as_tensor(res[wanted], dtype=torch.float64),
        converged=torch.as_tensor(conv), num_matvecs=m, method="lanczos-no-reorth",
        which=which, tol=tol, scale=torch.as_tensor(scale, dtype=torch.float64),
        history=tuple(theta.tolist()),
    )
