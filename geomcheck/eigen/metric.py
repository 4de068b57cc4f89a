"""The ``M`` of a symmetric-definite pencil ``A v = λ M v``: products ``M v`` and solves ``M⁻¹ u``.

Lanczos on the pencil (:func:`geomcheck.lanczos` with ``metric=``) runs the standard recurrence
for ``C = M⁻¹ A``, which is self-adjoint in the ``M``-inner product ``⟨x, y⟩_M = xᵀ M y``: each
step needs one product with ``A``, one solve with ``M`` and one product with ``M``.  How the solve
is done depends on what ``M`` is:

* a dense symmetric tensor ``(d, d)``: its Cholesky factor ``M = L Lᵀ`` (computed once,
  ``torch.linalg.cholesky_ex``; a matrix that is not positive definite is refused with the index
  of the failing pivot), and ``M⁻¹ u`` by two triangular solves;
* an :class:`~geomcheck.operators.Operator` or ``(matvec, size)`` pair with ``metric_solve=``:
  the user's solve (e.g. from a known factorisation, or a chart's inverse Jacobian);
* an operator without a solve: conjugate gradients (Hestenes & Stiefel 1952) to a relative
  residual ``rtol`` (default ``min(1e-3 · tol, 1e-10)``, at least ``10 ε``), warm-started at
  zero.  CG syncs with the host every ``check_every`` iterations (its stopping test), so a GPU
  run with a CG metric is not sync-free; each CG iteration is one product with ``M`` and is
  counted in ``num_metric_products``.  A non-positive curvature ``pᵀ M p ≤ 0`` met by CG, or
  a failure to reach ``rtol`` in ``max_iter`` iterations, raises with the residual reached.

A non-positive ``M``-norm ``wᵀ M w`` met by Lanczos itself is detected at its next check (a
recorded value, no extra sync) and refused: ``M`` is not positive definite.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import DenseOperator, Operator, as_operator

__all__ = ["Metric", "as_metric", "conjugate_gradient", "CGResult"]


class CGResult:
    """Outcome of :func:`conjugate_gradient`: ``x``, ``iterations``, ``relative_residual``."""

    __slots__ = ("x", "iterations", "relative_residual")

    def __init__(self, x: Tensor, iterations: int, relative_residual: float) -> None:
        self.x, self.iterations, self.relative_residual = x, iterations, relative_residual


def conjugate_gradient(matvec: Callable[[Tensor], Tensor], b: Tensor, *, rtol: float, max_iter: int,
                       check_every: int = 8) -> CGResult:
    """Solve ``M x = b`` (``M`` symmetric positive definite, given by ``matvec``) by CG.

    Stops when ``‖b − M x‖ ≤ rtol · ‖b‖`` (checked on the host every ``check_every``
    iterations, the only syncs).  Raises :class:`~geomcheck.numeric.InvalidInputError` when a
    search direction has ``pᵀ M p ≤ 0`` (``M`` not positive definite) or when ``max_iter``
    iterations do not reach ``rtol`` (the message gives the residual reached).
    """
    bnorm = float(torch.linalg.vector_norm(b))
    x = torch.zeros_like(b)
    if bnorm == 0.0:
        return CGResult(x, 0, 0.0)
    r = b.clone()
    p = r.clone()
    rr = torch.dot(r, r)
    min_curv = torch.full((), float("inf"), dtype=b.dtype, device=b.device)
    it = 0
    while True:
        Mp = matvec(p)
        pMp = torch.dot(p, Mp)
        min_curv = torch.minimum(min_curv, pMp / torch.dot(p, p))
        alpha = rr / pMp
        x = x + alpha * p
        r = r - alpha * Mp
        rr_new = torch.dot(r, r)
        p = r + (rr_new / rr) * p
        rr = rr_new
        it += 1
        if it % check_every == 0 or it >= max_iter:
            curv, res = float(min_curv), float(rr.sqrt()) / bnorm
            if not curv > 0.0:
                raise InvalidInputError(
                    f"the metric is not positive definite: conjugate gradients met a direction with "
                    f"p^T M p / p^T p = {curv:.3g} <= 0 after {it} iterations"
                )
            if res != res:
                raise InvalidInputError(f"conjugate gradients produced NaN after {it} iterations "
                                        "(a product with the metric returned NaN or Inf)")
            if res <= rtol:
                return CGResult(x, it, res)
            if it >= max_iter:
                raise InvalidInputError(
                    f"conjugate gradients on the metric did not converge: relative residual {res:.3g} > "
                    f"rtol={rtol:.3g} after {it} iterations; the metric is too ill-conditioned for an "
                    "iterative solve — pass metric_solve= (an exact solve, e.g. from a factorisation or "
                    "the chart's inverse) or a dense metric"
                )


class Metric:
    """``M`` symmetric positive definite: :meth:`apply` ``M V`` and :meth:`solve` ``M⁻¹ U``
    (vectors ``(d,)`` or blocks ``(d, m)``), counting both."""

    def __init__(self, op: Operator, solve: Callable[[Tensor], Tensor], kind: str) -> None:
        self.op, self._solve, self.kind = op, solve, kind
        self.num_products = 0
        self.num_solves = 0

    @property
    def size(self) -> int:
        return self.op.size

    def apply(self, V: Tensor) -> Tensor:
        self.num_products += 1 if V.ndim == 1 else V.shape[1]
        return self.op.matvec(V) if V.ndim == 1 else self.op.matmat(V)

    def solve(self, U: Tensor) -> Tensor:
        self.num_solves += 1 if U.ndim == 1 else U.shape[1]
        out = self._solve(U)
        if not isinstance(out, Tensor) or out.shape != U.shape:
            shape = tuple(out.shape) if isinstance(out, Tensor) else type(out).__name__
            raise InvalidInputError(f"metric_solve must return a tensor of shape {tuple(U.shape)}, got {shape}")
        return out


def _dense_metric(M: DenseOperator) -> Metric:
    L, info = torch.linalg.cholesky_ex(M.matrix)
    if int(info) != 0:
        raise InvalidInputError(
            f"the metric is not positive definite: its Cholesky factorisation fails at pivot {int(info)} "
            f"of {M.size}"
        )

    def solve(U: Tensor) -> Tensor:
        B = U.unsqueeze(1) if U.ndim == 1 else U
        X = torch.cholesky_solve(B, L)
        return X.squeeze(1) if U.ndim == 1 else X

    return Metric(M, solve, "cholesky")


def as_metric(metric: object, *, like: Operator, solve: Callable[[Tensor], Tensor] | None = None,
              rtol: float, max_cg_iter: int | None = None) -> Metric:
    """Wrap ``metric`` (dense tensor, operator, ``(matvec, size)`` pair, or a :class:`Metric`)
    for a pencil with ``like`` (same size, dtype and device required)."""
    if isinstance(metric, Metric):
        M = metric.op
        out = metric
    else:
        M = as_operator(metric)
        out = None
    if M.size != like.size:
        raise InvalidInputError(f"the metric has size {M.size}, the operator has size {like.size}")
    if M.dtype != like.dtype:
        raise InvalidInputError(f"the metric has dtype {M.dtype}, the operator has dtype {like.dtype}")
    if M.device.type != like.device.type:
        raise InvalidInputError(f"the metric is on {M.device}, the operator is on {like.device}")
    if out is not None:
        return out
    if solve is not None:
        if not callable(solve):
            raise InvalidInputError(f"metric_solve must be callable, got {type(solve).__name__}")
        return Metric(M, solve, "user")
    if isinstance(M, DenseOperator):
        return _dense_metric(M)
    return _CGMetric(M, rtol=rtol, max_iter=max_cg_iter if max_cg_iter is not None else max(100, 10 * M.size))


class _CGMetric(Metric):
    """A metric given by products only: each solve is a CG run per column (one product with
    ``M`` per CG iteration, counted in ``num_products``)."""

    def __init__(self, op: Operator, *, rtol: float, max_iter: int) -> None:
        super().__init__(op, self._cg_solve, "cg")
        self.rtol, self.max_iter = rtol, max_iter

    def _cg_solve(self, U: Tensor) -> Tensor:
        cols = [U] if U.ndim == 1 else [U[:, j] for j in range(U.shape[1])]
        xs = []
        for b in cols:
            xs.append(conjugate_gradient(self.apply, b, rtol=self.rtol, max_iter=self.max_iter).x)
        return xs[0] if U.ndim == 1 else torch.stack(xs, dim=1)
