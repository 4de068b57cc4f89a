"""geomcheck.power_iteration and geomcheck.annihilation (004, Appendix B) on hand-chosen spectra.

Expected iteration counts are derived, not recorded: on a spectrum where, after the first
product, only two eigenvalues ``μ₁`` (wanted, largest magnitude of ``B = A − σI``) and ``μ₂``
(an eigenspace of any multiplicity) carry the iterate, ``z_k ∝ c₁μ₁ᵏ v₁ + c₂μ₂ᵏ v₂`` and with
``t = (c₂/c₁)(μ₂/μ₁)ᵏ``

    θ_B = (μ₁ + μ₂ t²)/(1 + t²),     ‖B z − θ_B z‖ = |μ₁ − μ₂| · |t| / (1 + t²)

(exact for unit ``z``), so the residual test ``‖A z − θ z‖ ≤ tol·|θ|`` (``θ = θ_B + σ``) first
holds at a ``k`` computed below: about ``ln(tol·|θ| / (|μ₁ − μ₂| |c₂/c₁|)) / ln|μ₂/μ₁|`` —
the contraction ``|μ₂/μ₁|`` per product.  ``z_k`` is the ``(k+1)``-th product.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch

import geomcheck
from geomcheck.eigen import ConvergenceWarning, annihilation, power_iteration
from geomcheck.numeric import InvalidInputError

F64 = torch.float64


def _rotated(lam, seed=0):
    """``Q diag(λ) Qᵀ`` (symmetrised) and ``Q``, with a seeded random orthogonal ``Q``."""
    g = torch.Generator().manual_seed(seed)
    q, r = torch.linalg.qr(torch.randn(len(lam), len(lam), generator=g, dtype=F64))
    q = q * torch.sign(torch.diagonal(r))
    a = (q * torch.tensor(lam, dtype=F64)) @ q.T
    return (a + a.T) / 2, q


def _predicted_index(mu1, mu2, c1, c2, tol, shift=0.0):
    """First k >= 1 at which the two-eigenvalue iterate passes the residual test (see module doc)."""
    for k in range(1, 100000):
        t = (c2 / c1) * (mu2 / mu1) ** k
        theta_b = (mu1 + mu2 * t * t) / (1 + t * t)
        res = abs(mu1 - mu2) * abs(t) / (1 + t * t)
        if res <= tol * abs(theta_b + shift):
            return k
    raise AssertionError("no convergence predicted")


def _components(q, v0, cols):
    c = q.T @ v0
    return float(torch.linalg.vector_norm(c[cols]))


# ------------------------------------------------------------------------- power iteration


@pytest.mark.parametrize("lam2", [2.0, -3.6, 3.96])       # |μ₂/μ₁| = 0.5, 0.9, 0.99
def test_power_iteration_count_follows_the_rate(lam2):
    # eigenvalues 4 (wanted), lam2 twice, zeros: the zero components vanish at the first product
    lam = [4.0, lam2, lam2, 0.0, 0.0, 0.0]
    A, q = _rotated(lam, seed=1)
    v0 = torch.randn(6, generator=torch.Generator().manual_seed(5), dtype=F64)
    tol = 1e-8
    res = power_iteration(A, tol=tol, v0=v0, check_every=1)
    k = _predicted_index(4.0, lam2, _components(q, v0, [0]), _components(q, v0, [1, 2]), tol)
    assert abs(res.num_matvecs - (k + 1)) <= 1
    # the rule of thumb ln(tol)/ln r is the right order
    assert res.num_matvecs == pytest.approx(math.log(tol) / math.log(abs(lam2) / 4.0), rel=0.5, abs=5)
    assert res.all_converged and res.method == "power" and res.which == "LM"
    assert float(res.eigenvalues[0]) == pytest.approx(float(torch.linalg.eigvalsh(A)[-1]), abs=1e-12)
    v = res.eigenvectors[:, 0]
    assert float(torch.linalg.vector_norm(A @ v - res.eigenvalues[0] * v)) <= tol * 4.0
    assert len(res.history) == res.num_matvecs and res.num_checks == res.num_matvecs


def test_power_iteration_checks_every_ten_products_by_default():
    A, q = _rotated([4.0, 3.6, 1.0, 0.0], seed=2)
    res = power_iteration(A, tol=1e-8)
    exact = power_iteration(A, tol=1e-8, check_every=1)
    assert res.num_matvecs % 10 == 0 and res.num_checks == res.num_matvecs // 10
    assert exact.num_matvecs <= res.num_matvecs < exact.num_matvecs + 10
    assert res.history[: exact.num_matvecs] == exact.history      # the same iteration, read later


def test_power_iteration_negative_dominant_and_shift():
    lam = [-9.0, -1.0, 0.5, 2.0, 3.0]
    A, _ = _rotated(lam, seed=3)
    ref = torch.linalg.eigvalsh(A)
    res = power_iteration(A, tol=1e-10)
    assert float(res.eigenvalues[0]) == pytest.approx(float(ref[0]), abs=1e-9)
    # shift = 3 iterates on A - 3I: eigenvalues -12, ..., 0: the farthest from 3 is still -9
    res = power_iteration(A, tol=1e-10, shift=3.0)
    assert float(res.eigenvalues[0]) == pytest.approx(-9.0, abs=1e-9) and res.all_converged
    # shift = -9 iterates on A + 9I: eigenvalues 0, ..., 12: the farthest from -9 is 3 (the other end)
    res = power_iteration(A, tol=1e-10, shift=-9.0)
    assert float(res.eigenvalues[0]) == pytest.approx(3.0, abs=1e-9) and res.all_converged


def test_power_iteration_ratio_near_one_reports_nonconvergence():
    lam = [1.0, 0.9999, 0.5, 0.1]                 # contraction 0.9999 per product
    A, _ = _rotated(lam, seed=4)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        res = power_iteration(A, tol=1e-6, max_iter=2000)
    assert res.num_matvecs == 2000 and not res.all_converged
    assert float(res.residuals[0]) > 1e-6 * float(res.scale[0])


def test_power_iteration_zero_product_is_an_exact_eigenpair():
    A = torch.diag(torch.tensor([3.0, 0.0, 1.0], dtype=F64))
    res = power_iteration(A, v0=torch.tensor([0.0, 1.0, 0.0], dtype=F64), max_iter=30)
    assert float(res.eigenvalues[0]) == 0.0 and float(res.residuals[0]) == 0.0
    assert torch.equal(res.eigenvectors[:, 0], torch.tensor([0.0, 1.0, 0.0], dtype=F64))


# ------------------------------------------------------------------------- annihilation


@pytest.mark.parametrize("lam", [
    [10.0, 5.0, 3.0, 1.0, 0.0, -1.0, -6.0],          # saddle, positive dominant: r₂ = 11/16
    [-30.0, -10.0, 0.0, 4.0, 8.0],                   # saddle, negative dominant: r₂ = 20/38
    [1.0, 2.0, 3.0, 9.0],                            # positive definite: same-sign λ_min
    [5007.9, 3000.0, 1500.0, 20.0, 0.0, -2.0, -16.4],  # ResNet-like ends: r₂ = 5009.9/5024.3
])
def test_annihilation_matches_eigvalsh(lam):
    A, _ = _rotated(lam, seed=6)
    ref = torch.linalg.eigvalsh(A)
    tol = 1e-9
    res = annihilation(A, tol=tol, max_iter=20000)
    assert res.method == "annihilation" and res.which == "BE" and res.k == 2 and res.num_restarts == 2
    assert res.all_converged
    assert torch.allclose(res.eigenvalues, torch.stack([ref[0], ref[-1]]), rtol=0, atol=1e-9 * float(ref.abs().max()))
    # each pair's residual is of A (measured here again) and relative to its own eigenvalue
    for i in range(2):
        v, th = res.eigenvectors[:, i], float(res.eigenvalues[i])
        r = float(torch.linalg.vector_norm(A @ v - th * v))
        assert r == pytest.approx(float(res.residuals[i]), rel=1e-3, abs=1e-13 * float(ref.abs().max()))
        assert r <= tol * abs(th) * 1.01
    assert res.eigenvectors.shape == (len(lam), 2)


def test_annihilation_phase2_count_follows_the_rate():
    # A: 10 once, -1 five times, -6 once.  B = A - 10 I: 0 (annihilated at the first product), -11, -16
    lam = [10.0] + [-1.0] * 5 + [-6.0]
    A, q = _rotated(lam, seed=7)
    v0 = torch.randn(7, generator=torch.Generator().manual_seed(8), dtype=F64)
    tol = 1e-10
    res = annihilation(A, tol=tol, shift=10.0, v0=v0, check_every=1)
    k = _predicted_index(-16.0, -11.0, _components(q, v0, [6]), _components(q, v0, [1, 2, 3, 4, 5]), tol, shift=10.0)
    assert res.k == 1 and res.num_restarts == 1 and res.which == "SA"
    assert abs(res.num_matvecs - (k + 1)) <= 1
    assert float(res.eigenvalues[0]) == pytest.approx(-6.0, abs=1e-12) and res.all_converged


def test_annihilation_is_judged_on_A_not_on_B():
    # λ_min = -0.01 with λ₁ = 100 (B = A - 100 I: 0, -60 twice, -100.01; r₂ = 0.6): judged on B,
    # relative to |λ_min - λ₁| ≈ 100, the residual would pass 10^4 times too early, about
    # ln(10^4)/ln(1/0.6) ≈ 18 products sooner; the pair of A must meet tol·|λ_min|.
    lam = [100.0, 40.0, 40.0, -0.01]
    A, q = _rotated(lam, seed=9)
    v0 = torch.randn(4, generator=torch.Generator().manual_seed(1), dtype=F64)
    tol = 1e-6
    res = annihilation(A, tol=tol, shift=100.0, v0=v0, check_every=1)
    assert res.all_converged
    assert float(res.residuals[0]) <= tol * 0.01 * 1.0001
    assert float(res.scale[0]) == pytest.approx(0.01, rel=1e-6)
    assert float(res.eigenvalues[0]) == pytest.approx(-0.01, rel=1e-8)
    c1, c2 = _components(q, v0, [3]), _components(q, v0, [1, 2])
    k_a = _predicted_index(-100.01, -60.0, c1, c2, tol, shift=100.0)     # relative to |θ| = 0.01
    k_b = _predicted_index(-100.01, -60.0, c1, c2, tol, shift=0.0)       # relative to |θ_B| ≈ 100
    assert abs(res.num_matvecs - (k_a + 1)) <= 1
    assert k_a - k_b == pytest.approx(math.log(1e4) / math.log(1 / 0.6), abs=2)


def test_annihilation_ratio_09999_honestly_unconverged():
    # phase 1: r₁ = 0.5; phase 2: r₂ = (1 - λ_(2)) / (1 - λ_min) = 0.9999
    lam_min = -1e-3
    lam_2nd = 1.0 - 0.9999 * (1.0 - lam_min)
    A, _ = _rotated([1.0, 0.5, lam_2nd, lam_min], seed=10)
    with pytest.warns(ConvergenceWarning, match="1 of 2 eigenpairs did not converge"):
        res = annihilation(A, tol=1e-6, max_iter=3000)
    assert res.converged.tolist() == [False, True]        # λ_min unconverged, λ_max fine
    assert float(res.residuals[0]) > 1e-6 * float(res.scale[0])
    assert len(res.history) == 3000                        # phase 2 ran its whole budget
    # both phases counted: phase 1 (r₁ = 0.5) needs ≈ ln(1e-6)/ln 2 ≈ 20 products, checked every 10
    assert 3000 + 10 <= res.num_matvecs <= 3000 + 40


def test_change_rule_stops_early_and_is_reported_unconverged():
    lam_min = -1e-3
    lam_2nd = 1.0 - 0.9999 * (1.0 - lam_min)
    A, _ = _rotated([1.0, 0.5, lam_2nd, lam_min], seed=10)
    with pytest.warns(ConvergenceWarning):
        res = annihilation(A, tol=1e-8, shift=1.0, stop="change", max_iter=200000)
    assert res.num_matvecs < 200000                        # stopped by the rule, long before the budget
    assert not bool(res.converged[0])                       # ... but the residual says: not converged
    # |λ^(k) − λ^(k−1)| ≤ 1e-8·|λ^(k)| ≈ 1e-8, but the error is ≈ change/(1 − r²) ≈ 5e3 times larger
    err = abs(float(res.eigenvalues[0]) - lam_min)
    assert err > 100 * 1e-8
    h = res.history
    assert abs(h[-1] - h[-2]) <= 1e-8 * abs(h[-1] - 1.0)           # the rule held at the stop
    # the residual rule on the same budget does not stop there
    with pytest.warns(ConvergenceWarning):
        same = annihilation(A, tol=1e-8, shift=1.0, max_iter=res.num_matvecs + 1000)
    assert same.num_matvecs == res.num_matvecs + 1000


def test_none_rule_runs_the_budget():
    A, _ = _rotated([4.0, 1.0, -2.0], seed=11)
    res = annihilation(A, max_iter=50, stop="none")
    assert res.num_matvecs == 100 and res.all_converged and len(res.history) == 50


def test_unnormalised_literal_iteration_overflows_and_says_so():
    A, _ = _rotated([5000.0, 10.0, -16.0], seed=12)
    with pytest.warns(ConvergenceWarning):
        res = annihilation(A, shift=5000.0, max_iter=500, stop="none", normalise=False, tol=1e-13)
    # |B| ≈ 5016: z_kᵀz_k overflows (1.8e308) when 5016^(2k) does, k ≈ 308/(2·3.7) ≈ 41
    assert len(res.history) < res.num_matvecs < 500
    assert 35 <= len(res.history) <= 45
    assert all(math.isfinite(h) for h in res.history)
    # r₂ = 4990/5016: far from converged when it overflows; the last finite estimate is returned
    assert float(res.eigenvalues[0]) == pytest.approx(res.history[-1], rel=1e-9)
    assert not res.all_converged and math.isfinite(float(res.residuals[0]))
    assert float(torch.linalg.vector_norm(res.eigenvectors[:, 0])) == pytest.approx(1.0)


# ------------------------------------------------------------------------- determinism, input


def test_same_seed_same_bits_other_seed_other_start():
    A, _ = _rotated([3.0, 1.0, 0.5, -0.2, -2.0], seed=13)
    a = annihilation(A, seed=3, tol=1e-10)
    b = annihilation(A, seed=3, tol=1e-10)
    c = annihilation(A, seed=4, tol=1e-10)
    assert torch.equal(a.eigenvalues, b.eigenvalues) and torch.equal(a.eigenvectors, b.eigenvectors)
    assert a.history == b.history and a.num_matvecs == b.num_matvecs and a.seed == 3
    assert a.history != c.history
    assert torch.allclose(a.eigenvalues, c.eigenvalues, atol=1e-9)
    p = power_iteration(A, seed=3)
    assert p.seed == 3 and p.history == power_iteration(A, seed=3).history


@pytest.mark.parametrize("kwargs", [
    {"tol": 0.0}, {"tol": 1.0}, {"tol": -1e-3}, {"tol": float("nan")}, {"tol": True}, {"tol": "1e-6"},
    {"tol": 1e-17},
    {"max_iter": 0}, {"max_iter": 2.5}, {"max_iter": True},
    {"seed": -1}, {"seed": 1.5}, {"seed": "0"},
    {"stop": "pyhessian"}, {"check_every": 0},
    {"shift": float("nan")}, {"shift": "1"},
    {"v0": torch.zeros(3, dtype=F64)}, {"v0": torch.ones(4, dtype=F64)},
    {"v0": torch.tensor([1.0, float("nan"), 0.0], dtype=F64)},
])
@pytest.mark.parametrize("fn", [power_iteration, annihilation])
def test_bad_arguments(fn, kwargs):
    A = torch.diag(torch.tensor([3.0, 1.0, -2.0], dtype=F64))
    with pytest.raises(InvalidInputError):
        fn(A, **kwargs)


@pytest.mark.parametrize("op", [
    "matrix", torch.ones(2, 3, dtype=F64), torch.tensor([[1.0, 2.0], [0.0, 1.0]], dtype=F64),
    (lambda v: v, 0),
])
def test_bad_operator(op):
    with pytest.raises(InvalidInputError):
        annihilation(op)


def test_nan_product_raises():
    with pytest.raises(InvalidInputError, match="NaN or Inf"):
        power_iteration((lambda v: v * float("nan"), 4))


def test_float32_operator_tol_floor():
    A = torch.diag(torch.tensor([3.0, 1.0, -2.0], dtype=torch.float32))
    with pytest.raises(InvalidInputError, match="cannot be reached"):
        annihilation(A, tol=1e-7)
    res = annihilation(A, tol=1e-5)
    assert res.eigenvectors.dtype == torch.float32 and res.eigenvalues.dtype == F64
    assert torch.allclose(res.eigenvalues, torch.tensor([-2.0, 3.0], dtype=F64), atol=1e-4)


# ------------------------------------------------------------------------- other operators


def test_matvec_pair():
    A, _ = _rotated([6.0, 2.0, 1.0, -0.5, -3.0], seed=14)
    calls = []

    def mv(v):
        calls.append(1)
        return A @ v

    res = annihilation((mv, 5), tol=1e-10)
    ref = torch.linalg.eigvalsh(A)
    assert torch.allclose(res.eigenvalues, torch.stack([ref[0], ref[-1]]), atol=1e-9)
    assert len(calls) == res.num_matvecs                      # every product counted


def test_hessian_operator_of_a_tiny_model():
    torch.manual_seed(0)
    W = torch.randn(4, 3, dtype=F64)

    def f(x):                                                   # a saddle-ish smooth function of 6 variables
        a, b = x[:3], x[3:]
        return torch.tanh(W @ a).pow(2).sum() - 0.3 * (b * b).sum() + (a @ b) ** 2 + a.sum() * b[0]

    x = torch.linspace(-0.5, 0.7, 6, dtype=F64)
    op = geomcheck.HessianOperator.from_function(f, x)
    dense = torch.autograd.functional.hessian(f, x)
    ref = torch.linalg.eigvalsh((dense + dense.T) / 2)
    res = geomcheck.annihilation(op, tol=1e-9, max_iter=20000)
    assert res.all_converged
    assert torch.allclose(res.eigenvalues, torch.stack([ref[0], ref[-1]]), atol=1e-8)
    top = geomcheck.power_iteration(op, tol=1e-9, max_iter=20000)
    assert float(top.eigenvalues[0]) == pytest.approx(float(ref[ref.abs().argmax()]), abs=1e-8)


def test_public_names():
    assert geomcheck.annihilation is annihilation and geomcheck.power_iteration is power_iteration
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        geomcheck.annihilation(torch.diag(torch.tensor([2.0, 1.0, -1.5], dtype=F64)), tol=1e-8)
