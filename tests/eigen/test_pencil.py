"""Lanczos on symmetric-definite pencils ``A v = λ M v`` (``geomcheck.lanczos(op, metric=M)``).

References: the eigenvalues known by construction (:func:`geomcheck.testing.spectra.pencils`) and
``scipy.linalg.eigh(A, M)`` (LAPACK ``sygvd``) on the same rounded matrices.  Accuracy bound
used below: a backward-stable pencil solver moves an eigenvalue by about ``ε · cond(M) · ‖C‖``
(``C = M^{-1/2} A M^{-1/2}``); we require ``100 ε cond(M) max|λ| + tol·max|λ|``.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sl
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st

import geomcheck as gc
from geomcheck.eigen.metric import conjugate_gradient
from geomcheck.numeric import InvalidInputError
from geomcheck.testing.spectra import Pencil, examples, extreme_values, pencils

F64 = torch.float64
EPS = float(np.finfo(np.float64).eps)


def _make(d: int, cond: float, seed: int) -> Pencil:
    gen = torch.Generator().manual_seed(seed)
    q, r = torch.linalg.qr(torch.randn(d, d, generator=gen, dtype=F64))
    Q = q * torch.sign(torch.diagonal(r))
    q2, r2 = torch.linalg.qr(torch.randn(d, d, generator=gen, dtype=F64))
    QM = q2 * torch.sign(torch.diagonal(r2))
    lam = torch.linspace(-3.0, 10.0, d, dtype=F64)
    lam[-1], lam[-2], lam[0] = 20.0, 15.0, -6.0
    mu = torch.logspace(0.0, float(np.log10(cond)), d, dtype=F64)
    S = (QM * mu.sqrt()) @ QM.T
    S = (S + S.T) / 2
    A = S @ ((Q * lam) @ Q.T) @ S
    M = S @ S
    return Pencil(A=(A + A.T) / 2, M=(M + M.T) / 2, eigenvalues=tuple(sorted(lam.tolist())), cond=cond)


@settings(max_examples=examples(12))
@given(P=pencils(), k=st.integers(1, 3), which=st.sampled_from(["LA", "SA", "BE"]))
@example(P=_make(60, 1e8, 1), k=3, which="BE")
@example(P=_make(40, 1.0, 2), k=1, which="LA")
def test_pencil_matches_scipy_eigh(P: Pencil, k: int, which: str) -> None:
    k = max(k, 2) if which == "BE" else k
    tol = 1e-9
    res = gc.lanczos(P.A, metric=P.M, k=k, which=which, tol=tol, seed=0)
    ref = sl.eigh(P.A.numpy(), P.M.numpy(), eigvals_only=True)
    scale = float(np.abs(ref).max())
    bound = 100 * EPS * P.cond * scale + tol * scale
    got = res.eigenvalues.numpy()
    assert np.abs(got - extreme_values(ref, k, which)).max() <= bound
    # known by construction (moved by the rounding of A and M only)
    assert np.abs(got - extreme_values(np.array(P.eigenvalues), k, which)).max() <= bound
    X = res.eigenvectors
    # M-orthonormal eigenvectors, as scipy's
    gram = X.T @ P.M @ X
    assert torch.allclose(gram, torch.eye(k, dtype=F64), atol=1e3 * EPS * P.cond ** 0.5 + 1e-10)
    assert res.inner_product == "metric"
    assert res.num_metric_solves == res.num_matvecs
    # the Lanczos residual is the M^{-1}-norm residual (a measured check of the claim)
    R = P.A @ X - (P.M @ X) * res.eigenvalues
    measured = torch.sqrt((R * torch.linalg.solve(P.M, R)).sum(0))
    assert torch.all(measured <= 10 * res.residuals + 1e3 * EPS * P.cond * scale)


def test_metric_identity_is_the_standard_problem() -> None:
    P = _make(50, 1.0, 3)
    A = P.A
    std = gc.lanczos(A, k=3, which="BE", tol=1e-10, seed=4)
    pen = gc.lanczos(A, metric=torch.eye(50, dtype=F64), k=3, which="BE", tol=1e-10, seed=4)
    assert torch.allclose(std.eigenvalues, pen.eigenvalues, rtol=0, atol=1e-12)
    assert std.num_matvecs == pen.num_matvecs


def test_matvec_metric_uses_cg_and_user_solve() -> None:
    P = _make(50, 30.0, 5)
    M = P.M
    ref = sl.eigh(P.A.numpy(), M.numpy(), eigvals_only=True)
    cg = gc.lanczos(P.A, metric=(lambda v: M @ v, 50), k=2, tol=1e-9)
    assert np.allclose(cg.eigenvalues.numpy(), ref[-2:], rtol=1e-10, atol=0)
    assert cg.num_metric_products > cg.num_metric_solves  # CG iterations counted
    L = torch.linalg.cholesky(M)
    user = gc.lanczos(P.A, metric=(lambda v: M @ v, 50), k=2, tol=1e-9,
                      metric_solve=lambda u: torch.cholesky_solve(u.reshape(50, -1), L).reshape(u.shape))
    assert np.allclose(user.eigenvalues.numpy(), ref[-2:], rtol=1e-10, atol=0)
    assert user.num_metric_products == user.num_matvecs + 1  # one per step + the start vector


def test_measure_residuals_and_multiplicity_with_metric() -> None:
    P = _make(60, 1e3, 6)
    res = gc.lanczos(P.A, metric=P.M, k=2, tol=1e-10, measure_residuals=True)
    assert res.residual_kind == "measured" and res.all_converged
    lam = torch.tensor([1.0] * 3 + [5.0] * 3 + list(np.linspace(-2, 0.5, 34)), dtype=F64)
    S = torch.diag(torch.linspace(1.0, 3.0, 40, dtype=F64))
    A = S @ torch.diag(lam) @ S
    M = S @ S  # pencil eigenvalues = lam, the top one three times
    mult = gc.lanczos(A, metric=M, k=3, tol=1e-10, multiplicity_check=True)
    assert np.allclose(mult.eigenvalues.numpy(), [5.0, 5.0, 5.0], atol=1e-8)


@pytest.mark.parametrize("M", [
    torch.diag(torch.linspace(-1.0, 2.0, 30, dtype=F64)),           # indefinite
    torch.diag(torch.cat([torch.zeros(1, dtype=F64), torch.ones(29, dtype=F64)])),  # singular
])
def test_not_positive_definite_metric_is_refused(M: torch.Tensor) -> None:
    A = torch.diag(torch.arange(30, dtype=F64))
    with pytest.raises(InvalidInputError, match="not positive definite"):
        gc.lanczos(A, metric=M, k=2)


def test_indefinite_matvec_metric_is_refused_by_cg_or_lanczos() -> None:
    A = torch.diag(torch.arange(30, dtype=F64))
    d = torch.linspace(-1.0, 2.0, 30, dtype=F64) + 0.013
    with pytest.raises(InvalidInputError, match="not positive definite"):
        gc.lanczos(A, metric=(lambda v: d * v, 30), k=2)
    # an exact (user) solve of an indefinite M: Lanczos' own M-norm test catches it
    with pytest.raises(InvalidInputError, match="not positive definite"):
        gc.lanczos(A, metric=(lambda v: d * v, 30), metric_solve=lambda u: u / d, k=2)


@pytest.mark.parametrize("kwargs, match", [
    (dict(metric=torch.eye(5, dtype=F64)), "size 5"),
    (dict(metric=torch.eye(30, dtype=torch.float32)), "dtype"),
    (dict(metric_solve=lambda u: u), "needs metric="),
    (dict(metric=torch.eye(30, dtype=F64), metric_rtol=2.0), "metric_rtol"),
    (dict(metric=torch.eye(30, dtype=F64), _reorthogonalize=False), "re-orthogonalises"),
])
def test_bad_metric_arguments(kwargs: dict, match: str) -> None:
    A = torch.diag(torch.arange(30, dtype=F64))
    with pytest.raises(InvalidInputError, match=match):
        gc.lanczos(A, k=2, **kwargs)


def test_cg_reports_non_convergence_with_residual() -> None:
    M = torch.diag(torch.logspace(0, 12, 200, dtype=F64))
    b = torch.ones(200, dtype=F64)
    with pytest.raises(InvalidInputError, match="relative residual"):
        conjugate_gradient(lambda v: M @ v, b, rtol=1e-14, max_iter=20)
    out = conjugate_gradient(lambda v: M[:20, :20] @ v, b[:20], rtol=1e-12, max_iter=100)
    assert torch.allclose(M[:20, :20] @ out.x, b[:20], rtol=1e-10)
