"""Directions, loss surfaces and projected curvature (geomcheck.landscape).

References: hand-computed filter norms (Li et al.'s definition), a per-entry bias normalisation
written here the way the loss-landscapes package does it (its issue 3) to show ours differs, a
plain loop over grid points with the model's own forward pass, closed-form quadratics, dense
eigendecompositions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

from geomcheck.landscape.curvature import projected_curvature, projection_trace_estimate, projection_trace_samples
from geomcheck.landscape.directions import (check_direction, cosine, filter_normalized_direction, flat_parameters,
                                            hessian_directions, orthonormalize, principal_curvature_directions,
                                            random_direction)
from geomcheck.landscape.surface import grid, loss_surface
from geomcheck.numeric import InvalidInputError
from geomcheck.operators import HessianOperator


def _net(seed: int = 0, dropout: bool = False, bn: bool = False) -> nn.Module:
    torch.manual_seed(seed)
    layers: list[nn.Module] = [nn.Conv2d(1, 3, 3), nn.Tanh(), nn.Flatten()]
    if bn:
        layers.insert(1, nn.BatchNorm2d(3))
    layers += [nn.Linear(12, 5), nn.Tanh()]
    if dropout:
        layers.append(nn.Dropout(0.5))
    layers.append(nn.Linear(5, 3))
    return nn.Sequential(*layers).double()


def _data(seed: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(20, 1, 4, 4, generator=g, dtype=torch.float64), torch.randint(0, 3, (20,), generator=g)


def _split(model: nn.Module, v: torch.Tensor) -> dict[str, torch.Tensor]:
    out, k = {}, 0
    for n, p in model.named_parameters():
        out[n] = v[k:k + p.numel()].reshape(p.shape)
        k += p.numel()
    return out


# ------------------------------------------------------------------------------------ directions


def test_random_direction_is_seeded_and_standard():
    m = _net()
    a, b = random_direction(m, seed=3), random_direction(m, seed=3)
    assert torch.equal(a, b) and not torch.equal(a, random_direction(m, seed=4))
    assert a.shape == flat_parameters(m).shape and a.dtype == torch.float64
    big = random_direction(nn.Linear(300, 300).double(), seed=0)
    assert abs(float(big.mean())) < 5 / math.sqrt(big.numel()) and abs(float(big.std()) - 1) < 0.01


def test_filter_normalisation_matches_li_et_al_per_filter():
    m = _net()
    d = _split(m, filter_normalized_direction(m, seed=5, bias_bn="zero"))
    g = _split(m, random_direction(m, seed=5))
    for name, p in m.named_parameters():
        if p.ndim >= 2:
            for i in range(p.shape[0]):      # filter i: its norm is the weight's, its direction the draw's
                assert float(d[name][i].norm()) == pytest.approx(float(p[i].detach().norm()), rel=1e-12)
                assert cosine(d[name][i].reshape(-1), g[name][i].reshape(-1)) == pytest.approx(1.0, abs=1e-12)
        else:
            assert bool((d[name] == 0).all())               # Li et al.'s ignore='biasbn'
    keep = _split(m, filter_normalized_direction(m, seed=5, bias_bn="keep"))
    assert torch.equal(keep["0.bias"], m[0].bias.detach())  # their 'keep': d = theta


def test_bias_option_filter_is_not_the_loss_landscapes_bias_bug():
    """loss-landscapes (issue 3) loops over the entries of a 1-D bias as filters: each entry is
    rescaled by itself, |d_f| = |theta_f| entry by entry, and the random draw survives only as signs.
    With bias_bn="filter" the bias part is the draw, rescaled as a whole to ||theta||."""
    m = _net()
    g = _split(m, random_direction(m, seed=7))
    d = _split(m, filter_normalized_direction(m, seed=7, bias_bn="filter"))
    for name, p in m.named_parameters():
        if p.ndim == 1:
            theta = p.detach()
            buggy = torch.stack([g[name][f] * theta[f].abs() / g[name][f].abs() for f in range(theta.numel())])
            assert torch.allclose(buggy.abs(), theta.abs())                       # what the bug produces
            assert float(d[name].norm()) == pytest.approx(float(theta.norm()), rel=1e-12)
            assert cosine(d[name], g[name]) == pytest.approx(1.0, abs=1e-12)      # the draw's direction
            assert not torch.allclose(d[name], buggy)
            assert cosine(d[name], buggy) < 0.99


def test_direction_validation():
    m = _net()
    n = flat_parameters(m).numel()
    with pytest.raises(InvalidInputError, match="shape"):
        check_direction(torch.ones(n + 1, dtype=torch.float64), n, torch.float64, "cpu")
    with pytest.raises(InvalidInputError, match="dtype"):
        check_direction(torch.ones(n, dtype=torch.float32), n, torch.float64, "cpu")
    with pytest.raises(InvalidInputError, match="zero vector"):
        check_direction(torch.zeros(n, dtype=torch.float64), n, torch.float64, "cpu")
    with pytest.raises(InvalidInputError, match="NaN"):
        check_direction(torch.full((n,), float("nan"), dtype=torch.float64), n, torch.float64, "cpu")
    with pytest.raises(InvalidInputError, match="bias_bn"):
        filter_normalized_direction(m, seed=0, bias_bn="ignore")
    with pytest.raises(InvalidInputError, match="seed"):
        random_direction(m, seed=-2)
    with pytest.raises(InvalidInputError, match="parallel"):
        d = random_direction(m, seed=0)
        orthonormalize(d, 2 * d)


def test_hessian_and_principal_curvature_directions_against_dense():
    m = _net().eval()
    X, y = _data()
    op = HessianOperator(m, nn.functional.cross_entropy, (X, y))
    H = op.to_dense()
    lam, Q = torch.linalg.eigh(H)
    hd = hessian_directions(op, tol=1e-10)
    lmax, lmin = hd.values
    assert lmax == pytest.approx(float(lam[-1]), rel=1e-8) and lmin == pytest.approx(float(lam[0]), rel=1e-8, abs=1e-12)
    assert abs(cosine(hd.d1, Q[:, -1])) == pytest.approx(1.0, abs=1e-6) and abs(cosine(hd.d2, Q[:, 0])) == pytest.approx(1.0, abs=1e-6)
    assert all(hd.converged) and hd.num_matvecs > 0 and float(hd.d1.norm()) == pytest.approx(1.0)
    from geomcheck.numeric import principal_curvatures
    kap = principal_curvatures(op.gradient, H)
    pd = principal_curvature_directions(op, tol=1e-10)
    kmax, kmin = pd.values
    assert kmax == pytest.approx(float(kap[-1]), rel=1e-7) and kmin == pytest.approx(float(kap[0]), rel=1e-7, abs=1e-12)
    short = hessian_directions(op, tol=1e-14, max_iter=3, quiet=True)      # capped: reported, not hidden
    assert not all(short.converged) and short.num_matvecs <= 6


# ------------------------------------------------------------------------------------ surfaces


def test_surface_vmap_equals_the_loop_and_the_models_forward():
    m = _net().eval()
    X, y = _data()
    d1, d2 = random_direction(m, seed=1) * 0.1, filter_normalized_direction(m, seed=2, bias_bn="filter")
    a, b = grid(-1, 1, 5), np.array([-0.5, 0.0, 0.25])
    sv = loss_surface(m, nn.functional.cross_entropy, (X, y), (d1, d2), alphas=a, betas=b, method="vmap", chunk=4)
    sl = loss_surface(m, nn.functional.cross_entropy, (X, y), (d1, d2), alphas=a, betas=b, method="loop")
    assert (sv.method, sl.method) == ("vmap", "loop") and sv.loss.shape == (3, 5)
    assert np.allclose(sv.loss, sl.loss, rtol=1e-13, atol=0)
    theta = flat_parameters(m)
    for j, bj in enumerate(b):          # reference: load the point into a copy of the model, forward
        for i, ai in enumerate(a):
            ref = _net().eval()
            torch.nn.utils.vector_to_parameters(theta + ai * d1 + bj * d2, ref.parameters())
            with torch.no_grad():
                want = float(nn.functional.cross_entropy(ref(X), y))
            assert sv.loss[j, i] == pytest.approx(want, rel=1e-13)
    assert sv.loss[1, 2] == pytest.approx(sv.center_loss, rel=1e-14)
    again = loss_surface(m, nn.functional.cross_entropy, (X, y), (d1, d2), alphas=a, betas=b, method="vmap", chunk=4)
    assert np.array_equal(again.loss, sv.loss)                       # deterministic
    assert torch.equal(flat_parameters(m), theta)                    # the model is not modified


def test_surface_with_batchnorm_in_eval_mode_and_bad_input():
    m = _net(bn=True).eval()
    X, y = _data()
    d = random_direction(m, seed=0)
    s = loss_surface(m, nn.functional.cross_entropy, (X, y), (d, random_direction(m, seed=1)),
                     alphas=[0.0, 0.1], betas=[0.0])
    assert s.loss.shape == (1, 2) and s.method == "vmap"
    f = nn.functional.cross_entropy
    bad = [
        (dict(alphas=[], betas=[0.0]), "non-empty"),
        (dict(alphas=[0.0, float("inf")], betas=[0.0]), "NaN or Inf"),
        (dict(alphas=[[0.0]], betas=[0.0]), "1-D"),
    ]
    for kw, match in bad:
        with pytest.raises(InvalidInputError, match=match):
            loss_surface(m, f, (X, y), (d, d), **kw)
    with pytest.raises(InvalidInputError, match="dtype"):
        loss_surface(m, f, (X, y), (d.float(), d), alphas=[0.0], betas=[0.0])
    with pytest.raises(InvalidInputError, match="zero vector"):
        loss_surface(m, f, (X, y), (torch.zeros_like(d), d), alphas=[0.0], betas=[0.0])
    with pytest.raises(InvalidInputError, match="train mode"):
        loss_surface(_net(dropout=True).train(), f, (X, y), (d, d), alphas=[0.0], betas=[0.0])
    for lo, hi, num, match in [(0.0, float("nan"), 5, "finite"), (-1.0, float("inf"), 5, "finite"),
                               (-1.0, 1.0, 0, "at least one"), (1.0, -1.0, 3, "low < high")]:
        with pytest.raises(InvalidInputError, match=match):
            grid(lo, hi, num)


# ------------------------------------------------------------------------------------ curvature


def test_projected_curvature_on_a_quadratic():
    """f(x) = 1/2 xᵀHx + gᵀx: DᵀHD, Dᵀg and the three curvatures have closed forms."""
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    H = torch.as_tensor((Q * np.array([3.0, 1.0, 0.5, -0.2, -1.0, -4.0])) @ Q.T)
    gvec = torch.as_tensor(rng.standard_normal(6))
    x0 = torch.zeros(6, dtype=torch.float64)
    op = HessianOperator.from_function(lambda x: 0.5 * x @ (H @ x) + gvec @ x, x0)
    d1, d2 = torch.as_tensor(rng.standard_normal(6)), torch.as_tensor(rng.standard_normal(6))
    pc = projected_curvature(op, d1, d2)
    D = torch.stack([d1, d2], 1)
    H2 = (D.T @ H @ D).numpy()
    assert np.allclose(pc.hessian, H2, rtol=1e-12) and np.allclose(pc.gradient, (D.T @ gvec).numpy(), rtol=1e-12)
    assert np.allclose(pc.kappa, np.linalg.eigvalsh(H2), rtol=1e-12)
    import scipy.linalg
    assert np.allclose(pc.kappa_unit, scipy.linalg.eigh(H2, (D.T @ D).numpy(), eigvals_only=True), rtol=1e-10)
    assert -4.0 - 1e-12 <= pc.kappa_unit[0] and pc.kappa_unit[1] <= 3.0 + 1e-12           # Courant-Fischer
    p = pc.gradient
    g2 = np.eye(2) + np.outer(p, p)
    w = 1 / math.sqrt(1 + p @ p)
    ref = np.sort(np.linalg.eigvals(np.linalg.solve(g2, w * H2)).real)                   # s = g⁻¹h
    assert np.allclose(pc.graph_kappa, ref, rtol=1e-10)
    assert pc.num_matvecs == 2
    # Hessian eigenvectors: the projection shows the saddle, with the extreme eigenvalues
    q1, q2 = torch.as_tensor(Q[:, 0]), torch.as_tensor(Q[:, 5])
    pe = projected_curvature(op, q1, q2, gradient=torch.zeros(6, dtype=torch.float64))
    assert pe.shows_saddle and np.allclose(pe.kappa, [-4.0, 3.0], rtol=1e-12) and np.allclose(pe.graph_kappa, pe.kappa)


def test_projection_trace_estimate_is_unbiased_and_equals_two_gaussian_samples():
    rng = np.random.default_rng(1)
    H = rng.standard_normal((8, 8))
    H = torch.as_tensor(H + H.T)
    s = projection_trace_samples(H, num_projections=4000, seed=3)
    tr, F = float(H.trace()), float((H * H).sum())
    assert abs(s.mean() - tr) < 5 * math.sqrt(F / 4000)         # Var (A + C)/2 = ||H||_F^2
    assert s.var() == pytest.approx(F, rel=0.1)
    gen = torch.Generator().manual_seed(3)
    D = torch.randn(8, 2, generator=gen, dtype=torch.float64)
    assert s[0] == pytest.approx(float((D * (H @ D)).sum()) / 2, rel=1e-14)
    est = projection_trace_estimate(H, num_projections=50, seed=0)
    assert est.num_matvecs == 100 and est.method == "004-projection" and est.stderr > 0
