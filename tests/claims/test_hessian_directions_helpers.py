"""Unit tests for the private helpers of the 004 claims (``geomcheck.claims.hessian_directions``).

The helpers implement the paper's algorithms (Algorithm 1 as printed, with ``eigsh``; the
quadratic-fit trace estimate), exact moments, chi-square tails and parameter counts; each test
compares with an independent computation.  The samplers of projected Hessians are public now
(``geomcheck.landscape.statistics``, tested in ``tests/landscape/test_statistics.py``); the
adapters the claims use are pinned here.  The annihilation iteration of Appendix B is the public
``geomcheck.annihilation``; the properties the claims rely on are pinned here too.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
import torch

from geomcheck.claims.hessian_directions import _common as hd
from geomcheck.claims.hessian_directions import CLAIMS, SOURCE
from geomcheck.claims.hessian_directions.s2_2_random_projections import _count_228
from geomcheck.claims.hessian_directions.s3_networks import _figure_panels
from geomcheck.claims.model import Context
from geomcheck.claims.registry import source_text
from geomcheck.claims.tools import monte_carlo
from geomcheck.eigen import ConvergenceWarning, annihilation
from geomcheck.landscape.statistics import projected_curvatures, sample_projected_hessian


def _random_symmetric(rng, lam):
    Q = hd._orthogonal(len(lam), rng)
    return (Q * np.asarray(lam, float)) @ Q.T, Q


# ------------------------------------------------------------------------------------ adapters


def test_pm_spectrum_groups_and_drops_zero_multiplicities():
    spec = hd._pm_spectrum(800, 200)
    assert spec.values.tolist() == [1.0, -1.0] and spec.multiplicities.tolist() == [800, 200]
    assert (spec.trace, spec.frobenius_sq) == (600.0, 1000.0)
    only = hd._pm_spectrum(5, 0)
    assert only.values.tolist() == [1.0] and only.multiplicities.tolist() == [5]


def test_psaddle_mc_is_the_claims_monte_carlo_of_the_saddle_indicator():
    """The adapter reproduces, bit for bit, the generic seeded Monte Carlo of the claims
    (``tools.monte_carlo`` on the same stream) of the indicator AC - B^2 < 0."""
    ctx = Context()

    def sample(rng, k):
        A, B, C = sample_projected_hessian([1.0, -1.0], k, rng, multiplicities=[30, 20])
        return (A * C - B * B < 0).astype(float)

    ref = monte_carlo(sample, 25_000, claim_id="x:30:20", seed=ctx.seed)
    got = hd._psaddle_mc("x", ctx, 30, 20, 25_000)
    assert (got.mean, got.stderr, got.samples, got.seed) == (ref.mean, ref.stderr, ref.samples, ref.seed)


def test_mean_kappa_mc_matches_monte_carlo_of_each_curvature():
    ctx = Context()
    for which in (0, 1):
        def sample(rng, k):
            A, B, C = sample_projected_hessian([1.0, -1.0], k, rng, multiplicities=[40, 10])
            return projected_curvatures(A, B, C)[which]

        ref = monte_carlo(sample, 20_000, claim_id=f"y:40:10:{which}", seed=ctx.seed)
        got = hd._mean_kappa_mc("y", ctx, 40, 10, 20_000, which)
        assert (got.mean, got.stderr) == (ref.mean, ref.stderr)


def test_claims_are_registered_in_the_papers_order():
    ids = list(CLAIMS.claims)
    assert len(ids) == len(set(ids)) == 108 and all(i.startswith("004-") for i in ids)
    first = [i.split("-")[1] for i in ids]
    assert first[:5] == ["abs"] * 5 and ids[-1] == "004-appB-identification"


def test_gauss_expect_moments():
    x, y = sp.symbols("x y")
    assert hd._gauss_expect(x ** 4, [x]) == 3
    assert hd._gauss_expect(x ** 2 * y ** 2 + x ** 3, [x, y]) == 1
    assert hd._gauss_expect((x * y) ** 4, [x, y]) == 9


def test_inertia_against_numpy():
    rng = np.random.default_rng(5)
    for _ in range(10):
        M = rng.integers(-4, 5, size=(5, 5))
        M = M + M.T
        ev = np.linalg.eigvalsh(M.astype(float))
        pos, neg, zero = hd._inertia(sp.Matrix(M))
        assert (pos, neg) == (int(np.sum(ev > 1e-9)), int(np.sum(ev < -1e-9)))
        assert zero == 5 - pos - neg


def test_ip_tail_against_monte_carlo():
    rng = np.random.default_rng(6)
    N, eps, k = 10, 0.3, 400_000
    s = (rng.standard_normal((k, N)) * rng.standard_normal((k, N))).mean(1)
    p_mc = np.mean(s >= eps)
    p = float(hd._ip_tail(N, "0.3"))
    assert abs(p - p_mc) < 5 * math.sqrt(p * (1 - p) / k)
    # the corrected Chernoff bound holds
    assert p <= float(hd.mp.e ** (-N * hd._ip_rate("0.3")))


# ------------------------------------------------------------------------------------ algorithms


@pytest.mark.parametrize("lam", [
    [10.0, 3.0, 1.0, -0.5, -6.0],                     # saddle, positive dominant
    [-20.0, -3.0, 0.0, 2.0, 5.0],                     # saddle, negative dominant
    [1.0, 2.0, 3.0, 9.0],                             # positive definite
    [10.0, -10.0, 1.0, 0.5],                          # tie of magnitudes
])
def test_algorithm1_returns_extreme_eigenpairs(lam):
    rng = np.random.default_rng(7)
    lam = np.array(lam + list(rng.uniform(-0.4, 0.4, 20)))
    H, _ = _random_symmetric(rng, lam)
    mx, vmx, mn, vmn, nmv = hd._algorithm1(torch.as_tensor(H), len(lam))
    assert mx == pytest.approx(lam.max(), abs=1e-8) and mn == pytest.approx(lam.min(), abs=1e-8)
    assert np.linalg.norm(H @ vmx - mx * vmx) < 1e-7 and np.linalg.norm(H @ vmn - mn * vmn) < 1e-7
    assert np.linalg.norm(vmx) == pytest.approx(1) and nmv > 0


def test_algorithm1_with_torch_hvp():
    rng = np.random.default_rng(8)
    lam = np.concatenate([[50.0], rng.uniform(0, 5, 30), [-2.0]])
    H, _ = _random_symmetric(rng, lam)
    op = hd._torch_hvp_quadratic(H)
    v = rng.standard_normal(len(lam))
    assert np.allclose(op.matvec(torch.as_tensor(v)).numpy(), H @ v, atol=1e-12)
    before = op.num_matvecs
    mx, _, mn, _, nmv = hd._algorithm1(op, len(lam))
    assert mx == pytest.approx(50.0) and mn == pytest.approx(-2.0)
    assert nmv == op.num_matvecs - before          # counted by the operator: both eigsh runs


def test_algorithm1_rejects_wrong_size():
    with pytest.raises(ValueError, match="size"):
        hd._algorithm1(torch.eye(3, dtype=torch.float64), 4)


# The power iteration of Appendix B lives in geomcheck.eigen.power (geomcheck.annihilation); these
# tests pin the properties the 004 claims rely on.  More tests: tests/eigen/test_annihilation.py.


def test_annihilation_converges_to_opposite_sign_extreme():
    rng = np.random.default_rng(9)
    lam = np.concatenate([[10.0], rng.uniform(-1, 5, 30), [-6.0]])
    H, Q = _random_symmetric(rng, lam)
    r = annihilation(torch.as_tensor(H), shift=10.0, v0=torch.as_tensor(rng.standard_normal(len(lam))),
                     max_iter=5000, stop="residual", tol=1e-12)
    assert bool(r.converged[0]) and float(r.eigenvalues[0]) == pytest.approx(-6.0, abs=1e-9)
    assert abs(r.eigenvectors[:, 0].numpy() @ Q[:, -1]) == pytest.approx(1.0, abs=1e-6)
    # history[k] = lambda_1 + lambda^(k), lambda^(k) the Rayleigh quotient of B^k z0: the closed form (B.3)
    z0 = rng.standard_normal(len(lam))
    with pytest.warns(ConvergenceWarning):
        r = annihilation(torch.as_tensor(H), shift=10.0, v0=torch.as_tensor(z0), max_iter=4, stop="none")
    c = Q.T @ z0
    mu = lam - 10.0
    assert len(r.history) == r.num_matvecs == 4
    for k, val in enumerate(r.history):
        assert val - 10.0 == pytest.approx(np.sum(c ** 2 * mu ** (2 * k + 1)) / np.sum(c ** 2 * mu ** (2 * k)), rel=1e-10)


def test_annihilation_without_rescaling_overflows():
    rng = np.random.default_rng(10)
    lam = np.array([5000.0, 10.0, -16.0])
    H, _ = _random_symmetric(rng, lam)
    with pytest.warns(ConvergenceWarning):
        r = annihilation(torch.as_tensor(H), shift=5000.0, v0=torch.as_tensor(rng.standard_normal(3)), max_iter=500,
                         stop="none", normalise=False, check_every=1)
    overflowed = len(r.history) < r.num_matvecs
    assert overflowed and len(r.history) < 100 and r.num_matvecs < 100
    assert all(np.isfinite(r.history)) and np.isfinite(float(r.eigenvalues[0]))


def test_annihilation_change_criterion_stops_early_when_ratio_near_one():
    rng = np.random.default_rng(11)
    lam = np.concatenate([[1000.0], rng.uniform(0, 10, 30), [-1.0, -5.0]])
    H, _ = _random_symmetric(rng, lam)
    with pytest.warns(ConvergenceWarning):
        rc = annihilation(torch.as_tensor(H), shift=1000.0, v0=torch.as_tensor(rng.standard_normal(len(lam))),
                          max_iter=50000, stop="change", tol=1e-8, check_every=1)
    rr = annihilation(torch.as_tensor(H), shift=1000.0, v0=torch.as_tensor(rng.standard_normal(len(lam))),
                      max_iter=50000, stop="residual", tol=1e-11)
    est_c, est_r = float(rc.eigenvalues[0]), float(rr.eigenvalues[0])
    assert abs(est_r + 5.0) < 1e-6 and bool(rr.converged[0])
    assert abs(est_c + 5.0) > 10 * abs(est_r + 5.0)
    assert not bool(rc.converged[0])                 # the premature stop is reported, not hidden


def test_quad_fit_c2_exact_and_symmetric_grid():
    h = sp.Rational(1, 20)
    grid = [h * k / 5 for k in range(-5, 6)]
    a = sp.Symbol("a")
    assert hd._quad_fit_c2(grid, [3 + 2 * x - sp.Rational(7, 2) * x ** 2 for x in grid]) == sp.Rational(-7, 2)
    assert hd._quad_fit_c2(grid, [x ** 3 for x in grid]) == 0           # odd terms drop out
    skew = [x + h / 7 for x in grid]
    assert hd._quad_fit_c2(skew, [x ** 3 for x in skew]) != 0          # but not on a shifted grid
    xs = np.linspace(-1, 1, 9)
    vals = np.stack([1 + 2 * xs ** 2, -xs ** 2 + xs])
    assert np.allclose(hd._quad_fit_c2_float(xs, vals), [2, -1])


# ------------------------------------------------------------------------------------ counts, text


def test_parameter_counts_match_torch_modules():
    torch = pytest.importorskip("torch")
    nn = torch.nn

    def count(m):
        return sum(p.numel() for p in m.parameters())

    # ResNet-56 with projection shortcuts
    def block(cin, cout):
        layers = [nn.Conv2d(cin, cout, 3, bias=False), nn.BatchNorm2d(cout), nn.Conv2d(cout, cout, 3, bias=False), nn.BatchNorm2d(cout)]
        if cin != cout:
            layers += [nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        return layers

    layers = [nn.Conv2d(3, 16, 3, bias=False), nn.BatchNorm2d(16)]
    cin = 16
    for w in (16, 32, 64):
        for _ in range(9):
            layers += block(cin, w)
            cin = w
    layers.append(nn.Linear(64, 10))
    assert count(nn.ModuleList(layers)) == hd._resnet_cifar_params(shortcut="B")

    # DenseNet-121, CIFAR stem
    g, c = 32, 64
    mods = [nn.Conv2d(3, c, 3, bias=False)]
    for i, nb in enumerate((6, 12, 24, 16)):
        for _ in range(nb):
            mods += [nn.BatchNorm2d(c), nn.Conv2d(c, 4 * g, 1, bias=False), nn.BatchNorm2d(4 * g), nn.Conv2d(4 * g, g, 3, bias=False)]
            c += g
        if i < 3:
            mods += [nn.BatchNorm2d(c), nn.Conv2d(c, c // 2, 1, bias=False)]
            c //= 2
    mods += [nn.BatchNorm2d(c), nn.Linear(c, 10)]
    assert count(nn.ModuleList(mods)) == hd._densenet_params(stem="cifar") == 6956298


def test_figure_panels_from_captions():
    text = source_text(SOURCE.file)
    assert _figure_panels(text, 6) == {"a", "b", "c", "d"}
    assert {"e", "f", "g", "h"} <= _figure_panels(text, 7)


def test_blas_single_thread_context_is_transparent():
    rng = np.random.default_rng(12)
    M = rng.standard_normal((60, 60))
    ref = np.linalg.qr(M)[1]
    with hd._blas_single_thread():
        inside = np.linalg.qr(M)[1]
    after = np.linalg.qr(M)[1]
    assert np.allclose(ref, inside) and np.allclose(ref, after)


def test_loss_228_hessian_counts():
    for n, nt in [(2, 3), (3, 5)]:
        (pos, neg, zero), g = _count_228(n, nt)
        assert (pos, neg, zero) == (nt, 2 * n - nt, 1) and all(v == 0 for v in g)
