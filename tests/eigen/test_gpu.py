"""Lanczos on CUDA agrees with the CPU float64 result (run only where CUDA exists)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from torch import nn

from geomcheck import DenseOperator, HessianOperator, lanczos
from geomcheck.eigen import ConvergenceWarning

from geomcheck.testing.spectra import two_sided_spectrum

pytestmark = pytest.mark.gpu
F64 = torch.float64
CUDA = "cuda"


def _quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        return lanczos(*args, **kwargs)


@pytest.mark.parametrize("dtype,tol,rtol", [(torch.float64, 1e-10, 1e-10), (torch.float32, 1e-4, 1e-4)])
@pytest.mark.parametrize("which,k", [("LA", 3), ("SA", 2), ("BE", 4), ("LM", 3)])
def test_dense_operator_on_cuda(which: str, k: int, dtype: torch.dtype, tol: float, rtol: float) -> None:
    spec = two_sided_spectrum(d=400)
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    cpu = _quiet(A, k=k, which=which, tol=1e-10)
    op = DenseOperator(A.to(CUDA, dtype))
    gpu = _quiet(op, k=k, which=which, tol=tol, seed=5)
    assert gpu.eigenvectors.device.type == "cuda" and gpu.eigenvectors.dtype == dtype
    assert gpu.eigenvalues.device.type == "cpu" and gpu.eigenvalues.dtype == F64
    np.testing.assert_allclose(gpu.eigenvalues.numpy(), cpu.eigenvalues.numpy(), rtol=0,
                               atol=rtol * spec.norm)
    want = np.sort(np.concatenate([lam[: k // 2], lam[len(lam) - (k - k // 2):]])) if which == "BE" else \
        lam[:k] if which == "SA" else lam[-k:]
    np.testing.assert_allclose(gpu.eigenvalues.numpy(), want, rtol=0, atol=rtol * spec.norm)
    # eigenvectors: the CPU ones up to sign, residuals measured in float64
    X = gpu.eigenvectors.to("cpu", F64)
    overlap = (X.T @ cpu.eigenvectors).diagonal().abs()
    assert float((overlap - 1).abs().max()) <= (1e-8 if dtype == F64 else 1e-3)
    r = torch.linalg.vector_norm(A @ X - X * gpu.eigenvalues, dim=0)
    assert float(r.max()) <= 10 * tol * spec.norm
    # same seed: bit-identical on the device
    again = _quiet(DenseOperator(A.to(CUDA, dtype)), k=k, which=which, tol=tol, seed=5)
    assert torch.equal(again.eigenvalues, gpu.eigenvalues)
    assert torch.equal(again.eigenvectors, gpu.eigenvectors)
    assert again.num_matvecs == gpu.num_matvecs


def _mlp(device: str):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(5, 12), nn.Tanh(), nn.Linear(12, 8), nn.Tanh(), nn.Linear(8, 3)).to(F64)
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(48, 5, generator=gen, dtype=F64)
    y = torch.randint(0, 3, (48,), generator=gen)
    return model.to(device), nn.CrossEntropyLoss(), x.to(device), y.to(device)


@pytest.mark.parametrize("hvp", ["retain", "recompute", "jvp"])
def test_hessian_operator_on_cuda(hvp: str) -> None:
    model, loss_fn, x, y = _mlp("cpu")
    op_cpu = HessianOperator(model, loss_fn, (x, y), hvp=hvp)
    lam = torch.linalg.eigvalsh(op_cpu.to_dense()).numpy()
    ref = _quiet(op_cpu, k=3, which="BE", tol=1e-10)
    gmodel, _, gx, gy = _mlp(CUDA)
    batches = [(gx[:20], gy[:20]), (gx[20:], gy[20:])]
    op = HessianOperator(gmodel, loss_fn, batches if hvp != "retain" else (gx, gy), hvp=hvp)
    assert op.device.type == "cuda"
    res = _quiet(op, k=3, which="BE", tol=1e-10, seed=3)
    assert res.eigenvectors.device.type == "cuda"
    norm = float(np.abs(lam).max())
    np.testing.assert_allclose(res.eigenvalues.numpy(), ref.eigenvalues.numpy(), rtol=0, atol=1e-9 * norm)
    np.testing.assert_allclose(res.eigenvalues.numpy(), [lam[0], lam[-2], lam[-1]], rtol=0, atol=1e-9 * norm)
    again = _quiet(op, k=3, which="BE", tol=1e-10, seed=3)
    assert torch.equal(again.eigenvalues, res.eigenvalues)
    if hvp != "recompute":  # products of the same graph are deterministic; batched recomputation
        assert torch.equal(again.eigenvectors, res.eigenvectors)  # may use atomics: values only


def test_rademacher_probes_are_bit_identical_on_cuda() -> None:
    """The start vectors and probes are integer arithmetic: the same bits on the GPU as on the CPU."""
    from geomcheck.operators.probes import rademacher, uniform

    for dtype in (torch.float64, torch.float32):
        assert torch.equal(uniform(10_007, seed=3, stream=2, dtype=dtype),
                           uniform(10_007, seed=3, stream=2, dtype=dtype, device=CUDA).cpu())

    for dtype in (torch.float32, torch.float64):
        cpu = rademacher(10_007, seed=3, stream=2, dtype=dtype)
        gpu = rademacher(10_007, seed=3, stream=2, dtype=dtype, device=CUDA)
        assert torch.equal(gpu.cpu(), cpu)


def test_graph_curvatures_and_estimates_on_cuda() -> None:
    """Graph principal curvatures and the trace estimate of a CUDA float64 function Hessian equal
    the CPU ones (same probes, same algorithm; the dense kernel is the reference)."""
    from geomcheck import graph_principal_curvatures, trace_estimate
    from geomcheck.numeric import principal_curvatures

    def f(v: torch.Tensor) -> torch.Tensor:
        return (v ** 4).sum() / 4 + 3 * v[0] * v[1] + torch.sin(v).sum()

    x = torch.linspace(-1.5, 2.0, 40, dtype=F64)
    ref = principal_curvatures(*_grad_hess(f, x))
    for device in ("cpu", CUDA):
        H = HessianOperator.from_function(f, x.to(device))
        kap = graph_principal_curvatures(H, k=2, which="BE", tol=1e-10, seed=0)
        assert kap.eigenvectors.device.type == torch.device(device).type
        np.testing.assert_allclose(kap.eigenvalues.numpy(), ref[[0, -1]].numpy(), rtol=1e-8)
    est_cpu = trace_estimate(HessianOperator.from_function(f, x), num_matvecs=12, method="hutchinson", seed=4)
    est_gpu = trace_estimate(HessianOperator.from_function(f, x.to(CUDA)), num_matvecs=12, method="hutchinson", seed=4)
    assert est_gpu.value == pytest.approx(est_cpu.value, rel=1e-12)


def _grad_hess(f, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.func.grad(f)(x), torch.func.hessian(f)(x)
