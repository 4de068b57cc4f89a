"""geomcheck.landscape on CUDA agrees with the CPU (run only where CUDA exists)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from torch import nn

from geomcheck.landscape.curvature import projected_curvature
from geomcheck.landscape.directions import filter_normalized_direction, random_direction
from geomcheck.landscape.surface import grid, loss_surface
from geomcheck.operators import HessianOperator

pytestmark = pytest.mark.gpu


def _problem():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(10, 16), nn.Tanh(), nn.Linear(16, 4)).double().eval()
    g = torch.Generator().manual_seed(1)
    X = torch.randn(64, 10, generator=g, dtype=torch.float64)
    y = torch.randint(0, 4, (64,), generator=g)
    return m, X, y


def test_directions_are_device_independent():
    m, _, _ = _problem()
    mc = copy.deepcopy(m).cuda()
    assert torch.equal(random_direction(m, seed=3), random_direction(mc, seed=3).cpu())
    assert torch.allclose(filter_normalized_direction(m, seed=3, bias_bn="filter"),
                          filter_normalized_direction(mc, seed=3, bias_bn="filter").cpu(), rtol=1e-14, atol=0)


def test_surface_and_projected_curvature_cuda_vs_cpu():
    m, X, y = _problem()
    d1, d2 = random_direction(m, seed=1), random_direction(m, seed=2)
    a = grid(-0.5, 0.5, 11)
    cpu = loss_surface(m, nn.functional.cross_entropy, (X, y), (d1, d2), alphas=a, betas=a)
    mc = copy.deepcopy(m).cuda()
    gpu = loss_surface(mc, nn.functional.cross_entropy, (X.cuda(), y.cuda()), (d1.cuda(), d2.cuda()), alphas=a, betas=a)
    assert gpu.method == "vmap" and np.allclose(gpu.loss, cpu.loss, rtol=1e-12, atol=0)
    pc = projected_curvature(HessianOperator(m, nn.functional.cross_entropy, (X, y)), d1, d2)
    pg = projected_curvature(HessianOperator(mc, nn.functional.cross_entropy, (X.cuda(), y.cuda())), d1.cuda(), d2.cuda())
    assert np.allclose(pg.hessian, pc.hessian, rtol=1e-10) and np.allclose(pg.graph_kappa, pc.graph_kappa, rtol=1e-10)
