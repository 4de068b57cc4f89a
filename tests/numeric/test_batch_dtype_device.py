"""Batch shapes, dtypes, devices and differentiability of the kernels."""

from __future__ import annotations

import pytest
import torch

from geomcheck import numeric as gn

from .helpers import assert_rel_close

F64 = torch.float64
FIELDS = {
    # name: number of trailing per-point axes
    "grad": 1, "hess": 2, "metric": 2, "inverse_metric": 2, "christoffel": 3, "riemann": 4,
    "lowered_riemann": 4, "ricci": 2, "scalar_curvature": 0, "second_fundamental_form": 2,
    "shape_operator": 2, "principal_curvatures": 1, "mean_curvature": 0, "gauss_curvature": 0,
}


def f3(v: torch.Tensor) -> torch.Tensor:
    return torch.sin(v[0]) * v[1] + v[1] ** 2 * v[2] + torch.exp(v[2] / 3) + v @ v / 4


@pytest.mark.parametrize("batch", [(), (1,), (5,), (2, 3), (2, 1, 2), (0,), (3, 0)])
def test_batch_shapes(batch: tuple[int, ...]) -> None:
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(*batch, 3, generator=gen, dtype=F64)
    c = gn.curvature(f3, x)
    assert c.batch_shape == batch and c.dim == 3
    for name, event in FIELDS.items():
        assert getattr(c, name).shape == (*batch, *([3] * event)), name
    if x.numel():
        flat = gn.curvature(f3, x.reshape(-1, 3))
        for name in FIELDS:
            assert torch.allclose(getattr(c, name).reshape(getattr(flat, name).shape), getattr(flat, name),
                                  rtol=0, atol=1e-14), name


def test_points_are_independent_of_batching() -> None:
    """Each point's result equals the single-point result (no cross-talk in vmap or kernels)."""
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(4, 3, generator=gen, dtype=F64)
    c = gn.curvature(f3, x)
    for i in range(4):
        single = gn.curvature(f3, x[i])
        for name in FIELDS:
            assert_rel_close(getattr(c, name)[i], getattr(single, name), rtol=1e-14, scale=1.0, what=name)


def test_kernels_agree_with_graph_curvature_fields() -> None:
    gen = torch.Generator().manual_seed(3)
    x = torch.randn(2, 3, 3, generator=gen, dtype=F64)
    c = gn.curvature(f3, x)
    p, h = c.grad, c.hess
    for name, kernel in [("christoffel", gn.christoffel), ("riemann", gn.riemann), ("ricci", gn.ricci),
                         ("lowered_riemann", gn.lowered_riemann),
                         ("scalar_curvature", gn.scalar_curvature), ("shape_operator", gn.shape_operator),
                         ("second_fundamental_form", gn.second_fundamental_form),
                         ("principal_curvatures", gn.principal_curvatures),
                         ("mean_curvature", gn.mean_curvature), ("gauss_curvature", gn.gauss_curvature)]:
        assert torch.equal(getattr(c, name), kernel(p, h)), name
    assert torch.equal(c.metric, gn.graph_metric(p))
    assert torch.equal(c.inverse_metric, gn.inverse_graph_metric(p))


def test_chunked_vmap_matches_unchunked() -> None:
    x = torch.randn(10, 3, generator=torch.Generator().manual_seed(4), dtype=F64)
    a, b = gn.curvature(f3, x), gn.curvature(f3, x, chunk_size=3)
    for name in FIELDS:
        assert torch.allclose(getattr(a, name), getattr(b, name), rtol=0, atol=1e-14)


def test_float32_inputs_stay_float32_and_are_close() -> None:
    x = torch.randn(50, 3, generator=torch.Generator().manual_seed(5), dtype=F64)
    c64, c32 = gn.curvature(f3, x), gn.curvature(f3, x.float())
    for name in FIELDS:
        value = getattr(c32, name)
        assert value.dtype == torch.float32, name
        scale = float(getattr(c64, name).abs().max()) + 1.0
        assert float((value.double() - getattr(c64, name)).abs().max()) <= 1e-4 * scale, name


def test_float64_is_the_default_for_float64_points() -> None:
    from geomcheck import conventions

    c = gn.curvature(f3, torch.zeros(3, dtype=F64))
    assert str(c.scalar_curvature.dtype) == f"torch.{conventions.DEFAULT_DTYPE_NAME}"


def test_gradcheck_kernels() -> None:
    """All smooth kernels are differentiable in (grad, hess) (float64 finite differences)."""
    gen = torch.Generator().manual_seed(6)
    p = torch.randn(2, 3, generator=gen, dtype=F64, requires_grad=True)
    a = torch.randn(2, 3, 3, generator=gen, dtype=F64)
    h = (a + a.transpose(-1, -2)).requires_grad_(True)

    def sym(kernel):
        return lambda p_, h_: kernel(p_, 0.5 * (h_ + h_.transpose(-1, -2)))

    for kernel in (gn.christoffel, gn.riemann, gn.ricci, gn.scalar_curvature, gn.shape_operator,
                   gn.second_fundamental_form, gn.principal_curvatures, gn.mean_curvature,
                   gn.gauss_curvature):
        assert torch.autograd.gradcheck(sym(kernel), (p, h)), kernel.__name__
    assert torch.autograd.gradcheck(gn.inverse_sqrt_graph_metric, (p,))


def test_curvature_is_differentiable_in_points_and_parameters() -> None:
    """``curvature`` keeps the graph: d S / d x and d S / d θ for ``f_θ`` (third derivatives)."""
    theta = torch.tensor([0.7, -0.3], dtype=F64, requires_grad=True)

    def f(v: torch.Tensor) -> torch.Tensor:
        return theta[0] * torch.sin(v[0]) * v[1] + theta[1] * v[1] ** 3 + v[0] ** 2 / 2

    x = torch.tensor([[0.2, 0.5], [-0.4, 1.0]], dtype=F64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda x_, t_: gn.curvature(
        lambda v: t_[0] * torch.sin(v[0]) * v[1] + t_[1] * v[1] ** 3 + v[0] ** 2 / 2, x_).scalar_curvature,
        (x, theta))
    s = gn.curvature(f, x).scalar_curvature.sum()
    s.backward()
    assert x.grad is not None and theta.grad is not None
    assert torch.isfinite(x.grad).all() and float(theta.grad.abs().sum()) > 0


@pytest.mark.gpu
def test_cuda_matches_cpu() -> None:
    x = torch.randn(64, 3, generator=torch.Generator().manual_seed(7), dtype=F64)
    cpu = gn.curvature(f3, x)
    gpu = gn.curvature(f3, x.cuda())
    for name in FIELDS:
        value = getattr(gpu, name)
        assert value.device.type == "cuda", name
        assert_rel_close(value.cpu(), getattr(cpu, name), scale=1.0, rtol=1e-12, what=name)
    o = gn.metric_curvature(gn.graph_metric_field(f3), x.cuda())
    assert_rel_close(o.scalar_curvature.cpu(), cpu.scalar_curvature, scale=1.0, rtol=1e-10, what="oracle")


@pytest.mark.gpu
def test_cuda_device_mismatch_is_rejected() -> None:
    p = torch.zeros(3, dtype=F64)
    with pytest.raises(gn.InvalidInputError, match="grad is on cpu but hess is on cuda"):
        gn.scalar_curvature(p, torch.zeros(3, 3, dtype=F64, device="cuda"))


@pytest.mark.gpu
def test_cuda_float32_kernels() -> None:
    p = torch.randn(1000, 5, device="cuda")
    a = torch.randn(1000, 5, 5, device="cuda")
    h = a + a.transpose(-1, -2)
    kappa = gn.principal_curvatures(p, h)
    assert kappa.dtype == torch.float32 and kappa.device.type == "cuda"
    ref = gn.principal_curvatures(p.double().cpu(), h.double().cpu())
    assert float((kappa.double().cpu() - ref).abs().max()) <= 1e-4 * float(ref.abs().max())
