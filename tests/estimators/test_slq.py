"""Stochastic Lanczos quadrature (``geomcheck.spectral_density``).

Facts tested (derived in :mod:`geomcheck.estimators.slq`):

* Gauss quadrature exactness: for one probe ``q = z/√d`` and ``m`` steps,
  ``Σ_i τ_i θ_i^k = qᵀA^k q`` for ``k ≤ 2m − 1`` (to rounding, 1e-10 with ``‖A‖ ≤ 1``).
* Moments: each probe's ``k``-th moment is ``zᵀA^k z / d``, an unbiased Hutchinson sample of
  ``tr(A^k)/d``; the average is within 4 of its estimated standard errors of the truth.
* Histogram: with ``m = d`` the probe measure is ``Σ_i (u_iᵀq)² δ(λ_i)`` exactly, so the estimated
  CDF at ``x`` is the average of ``S = zᵀPz/d`` (``P`` the spectral projector on ``λ ≤ x``, rank
  ``r``), with mean ``r/d``.  For Rademacher ``z``, ``Var zᵀPz = 2(‖P‖_F² − Σ P_kk²) ≤ 2r``, and since
  ``zᵀz = d`` is constant, also ``= Var zᵀ(I − P)z ≤ 2(d − r)``; so
  ``sd(F̂) ≤ √(2 min(r, d − r)/N) / d``.  Tolerance: 5 of these bounds.
* The smoothed density integrates to 1 (weights sum to 1 per probe).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch

import geomcheck
from geomcheck.estimators import SpectralDensity, spectral_density
from geomcheck.numeric import InvalidInputError, principal_curvatures
from geomcheck.operators import HessianOperator
from geomcheck.operators.probes import rademacher

D = 300


def known_spectrum(d: int = D, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Dense symmetric ``A = Q diag(λ) Qᵀ``: a bulk on [−0.5, 0.5] and 20 outliers on [0.8, 1]."""
    lam = torch.cat([torch.linspace(-0.5, 0.5, d - 20, dtype=torch.float64),
                     torch.linspace(0.8, 1.0, 20, dtype=torch.float64)])
    g = torch.Generator().manual_seed(seed)
    Q, _ = torch.linalg.qr(torch.randn(d, d, generator=g, dtype=torch.float64))
    A = (Q * lam) @ Q.T
    return 0.5 * (A + A.T), lam


@pytest.fixture(scope="module")
def matrix() -> tuple[torch.Tensor, torch.Tensor]:
    return known_spectrum()


def test_quadrature_exact_for_one_probe(matrix):
    A, _ = matrix
    m = 10
    sd = spectral_density(A, num_probes=1, num_steps=m, seed=3)
    assert sd.nodes.shape == (1, m) and sd.weights.shape == (1, m)
    assert sd.num_matvecs == m
    assert abs(sd.weights.sum() - 1.0) < 1e-14
    q = rademacher(D, seed=3, stream=0, dtype=torch.float64) / math.sqrt(D)
    v = q.clone()
    for k in range(2 * m):
        exact = float(q @ v)  # qᵀ A^k q
        assert abs(float(sd.probe_moments(k)[0]) - exact) <= 1e-10, k
        v = A @ v


def test_moments_match_traces(matrix):
    A, lam = matrix
    sd = spectral_density(A, num_probes=30, num_steps=40, seed=1)
    assert sd.num_matvecs == 30 * 40
    for k in (1, 2):
        truth = float((lam ** k).mean())
        err = sd.moment_stderr(k)
        assert err > 0
        assert abs(sd.moments(k) - truth) <= 4 * err, (k, sd.moments(k), truth, err)


def test_density_integrates_to_one(matrix):
    A, _ = matrix
    sd = spectral_density(A, num_probes=4, num_steps=30, seed=0)
    sigma = 0.02
    grid = np.linspace(-1.0, 1.5, 5001)
    dens = sd.density(grid, sigma)
    assert dens.shape == grid.shape and np.all(dens >= 0)
    integral = float(np.sum(0.5 * (dens[1:] + dens[:-1]) * np.diff(grid)))
    assert abs(integral - 1.0) <= 1e-3


def test_full_steps_reproduce_eigenvalue_histogram(matrix):
    A, lam = matrix
    n = 24
    sd = spectral_density(A, num_probes=n, num_steps=D, seed=5)
    # every node is an eigenvalue (T_d is similar to A up to rounding)
    lam_np = lam.numpy()
    gaps = np.abs(sd.nodes[..., None] - lam_np).min(axis=-1)
    assert float(gaps[sd.weights > 1e-14].max()) < 1e-8
    for x in (-0.25, 0.0, 0.3, 0.9):
        r = int((lam_np <= x).sum())
        bound = math.sqrt(2 * min(r, D - r) / n) / D
        assert abs(float(sd.cdf(x)) - r / D) <= 5 * bound, (x, float(sd.cdf(x)), r / D, bound)


def _quartic(d: int, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    a = 2.0 * torch.randn(d, generator=g, dtype=torch.float64)
    B = torch.randn(d, d, generator=g, dtype=torch.float64) / math.sqrt(d)
    M = B + B.T
    x = torch.randn(d, generator=g, dtype=torch.float64)

    def f(t: torch.Tensor) -> torch.Tensor:
        return a @ t + 0.5 * t @ (M @ t) + 0.25 * (t ** 4).sum()

    grad = a + M @ x + x ** 3
    hess = M + torch.diag(3 * x ** 2)
    return f, x, grad, hess


def test_graph_matches_dense_principal_curvatures():
    d = 30
    f, x, grad, hess = _quartic(d)
    op = HessianOperator.from_function(f, x)
    assert float(grad @ grad) > 50.0  # a large gradient: curvatures differ from eigenvalues
    torch.testing.assert_close(op.gradient, grad)
    kappa = principal_curvatures(grad, hess).numpy()
    n = 40
    sd = spectral_density(op, num_probes=n, num_steps=d, seed=2, graph=True)
    assert sd.graph and sd.num_matvecs <= n * d
    scale = float(np.abs(kappa).max())
    gaps = np.abs(sd.nodes[..., None] - kappa).min(axis=-1)
    assert float(gaps[sd.weights > 1e-14].max()) < 1e-8 * scale
    for k in (1, 2):
        truth = float((kappa ** k).mean())
        assert abs(sd.moments(k) - truth) <= 4 * sd.moment_stderr(k), k
    # and the Hessian density is a different one
    lam = torch.linalg.eigvalsh(hess).numpy()
    assert abs(float((lam ** 2).mean()) - float((kappa ** 2).mean())) > 10 * sd.moment_stderr(2)


def test_deterministic_by_seed(matrix):
    A, _ = matrix
    a = spectral_density(A, num_probes=3, num_steps=15, seed=7)
    b = geomcheck.spectral_density(A, num_probes=3, num_steps=15, seed=7)
    c = spectral_density(A, num_probes=3, num_steps=15, seed=8)
    assert isinstance(a, SpectralDensity) and geomcheck.SpectralDensity is SpectralDensity
    np.testing.assert_array_equal(a.nodes, b.nodes)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert not np.array_equal(a.nodes, c.nodes)
    assert a.seed == 7 and not a.graph
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.seed = 1  # type: ignore[misc]


def test_early_stop_on_invariant_subspace():
    # 3 distinct eigenvalues: the Krylov space of any start vector has dimension ≤ 3
    lam = torch.tensor([1.0] * 4 + [2.0] * 4 + [5.0] * 4, dtype=torch.float64)
    A = torch.diag(lam)
    sd = spectral_density(A, num_probes=2, num_steps=8, seed=0)
    # the loop does not sync per step, so each probe spends its 8 products; the quadrature keeps
    # the 3 steps before the Krylov space closed (nodes = the 3 eigenvalues, exactly)
    assert sd.num_matvecs == 2 * 8
    assert np.allclose(np.unique(np.round(sd.nodes, 12)), [1.0, 2.0, 5.0], atol=1e-12)
    np.testing.assert_allclose(sd.weights.sum(axis=1), 1.0, atol=1e-14)
    # Rademacher on a diagonal matrix: weights are exactly 4/12 on each eigenvalue
    for k in range(8):
        np.testing.assert_allclose(sd.probe_moments(k), float((lam ** k).mean()), rtol=1e-12)


def test_bad_input(matrix):
    A, _ = matrix
    with pytest.raises(InvalidInputError):
        spectral_density(A, num_probes=0)
    with pytest.raises(InvalidInputError):
        spectral_density(A, num_steps=0)
    with pytest.raises(InvalidInputError):
        spectral_density(A, num_steps=D + 1)
    with pytest.raises(InvalidInputError):
        spectral_density(A, num_probes=True)
    with pytest.raises(InvalidInputError):
        spectral_density(A, num_steps=5, graph=True)  # a dense matrix has no gradient
    bad = A.clone()
    bad[0, 0] = float("nan")
    with pytest.raises(InvalidInputError):
        spectral_density(bad, num_steps=5)
    sd = spectral_density(A, num_probes=1, num_steps=5)
    with pytest.raises(InvalidInputError):
        sd.density([0.0], 0.0)
    assert math.isnan(sd.moment_stderr(1))


def test_plot_smoke(matrix):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    A, _ = matrix
    sd = spectral_density(A, num_probes=2, num_steps=10)
    fig, ax = plt.subplots()
    assert sd.plot(ax, log=True) is ax
    assert len(ax.lines) == 1 and ax.get_yscale() == "log"
    plt.close(fig)
