"""Bad input raises a clear ``InvalidInputError`` (a ``ValueError``), never a wrong number."""

from __future__ import annotations

import math

import pytest
import torch

from geomcheck import numeric as gn

F64 = torch.float64
KERNELS = [
    gn.christoffel,
    gn.riemann,
    gn.lowered_riemann,
    gn.ricci,
    gn.scalar_curvature,
    gn.second_fundamental_form,
    gn.shape_operator,
    gn.principal_curvatures,
    gn.mean_curvature,
    gn.gauss_curvature,
    gn.curvature_from_derivatives,
]
METRIC_KERNELS = [gn.graph_metric, gn.inverse_graph_metric, gn.inverse_sqrt_graph_metric]


def _good(batch: tuple[int, ...] = (4,), d: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(0)
    p = torch.randn(*batch, d, generator=gen, dtype=F64)
    a = torch.randn(*batch, d, d, generator=gen, dtype=F64)
    return p, a + a.transpose(-1, -2)


def test_error_type_is_a_value_error() -> None:
    assert issubclass(gn.InvalidInputError, ValueError)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_inputs(kernel, bad: float) -> None:
    p, h = _good()
    p_bad = p.clone()
    p_bad[2, 1] = bad
    with pytest.raises(gn.InvalidInputError, match=r"grad contains 1 non-finite .* batch index \(2,\)"):
        kernel(p_bad, h)
    h_bad = h.clone()
    h_bad[1, 0, 0] = bad
    with pytest.raises(gn.InvalidInputError, match=r"hess contains 1 non-finite .* batch index \(1,\)"):
        kernel(p, h_bad)


@pytest.mark.parametrize("kernel", METRIC_KERNELS)
def test_metric_kernels_reject_bad_gradients(kernel) -> None:
    with pytest.raises(gn.InvalidInputError, match="non-finite"):
        kernel(torch.tensor([1.0, math.nan], dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="shape"):
        kernel(torch.tensor(1.0, dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="non-floating dtype"):
        kernel(torch.tensor([1, 2]))


@pytest.mark.parametrize("kernel", KERNELS)
def test_shape_mismatches(kernel) -> None:
    p, h = _good()
    with pytest.raises(gn.InvalidInputError, match=r"hess must have shape \(\.\.\., 3, 3\)"):
        kernel(p, h[..., :2, :2])
    with pytest.raises(gn.InvalidInputError, match=r"hess must have shape"):
        kernel(p, h[..., 0])
    with pytest.raises(gn.InvalidInputError, match=r"batch shapes differ.*\(4,\).*\(3,\)"):
        kernel(p, h[:3])
    with pytest.raises(gn.InvalidInputError, match=r"batch shapes differ"):
        kernel(p, h[None].expand(2, 4, 3, 3))  # no silent broadcasting
    with pytest.raises(gn.InvalidInputError, match=r"grad must have shape"):
        kernel(torch.tensor(1.0, dtype=F64), h)
    with pytest.raises(gn.InvalidInputError, match=r"d >= 1"):
        kernel(torch.zeros(4, 0, dtype=F64), torch.zeros(4, 0, 0, dtype=F64))


@pytest.mark.parametrize("kernel", KERNELS)
def test_non_symmetric_hessian(kernel) -> None:
    p, h = _good()
    h[3, 0, 1] += 1e-3
    with pytest.raises(gn.InvalidInputError, match=r"hess is not symmetric.*batch index \(3,\)"):
        kernel(p, h)


def test_symmetry_tolerance_admits_rounding_and_symmetrises() -> None:
    p, h = _good()
    h_noisy = h.clone()
    h_noisy[0, 0, 1] += 1e-13
    assert torch.equal(gn.riemann(p, h_noisy)[1:], gn.riemann(p, h)[1:])
    s = gn.shape_operator(p, h_noisy)
    assert torch.isfinite(s).all()
    c = gn.curvature_from_derivatives(p, h_noisy)
    assert torch.equal(c.hess, c.hess.transpose(-1, -2))


@pytest.mark.parametrize("kernel", KERNELS)
def test_dtypes(kernel) -> None:
    p, h = _good()
    with pytest.raises(gn.InvalidInputError, match="non-floating dtype torch.int64"):
        kernel(p.long(), h.long())
    with pytest.raises(gn.InvalidInputError, match="floating dtype torch.float16"):
        kernel(p.half(), h.half())
    with pytest.raises(gn.InvalidInputError, match="dtype torch.complex128"):
        kernel(p.to(torch.complex128), h.to(torch.complex128))
    with pytest.raises(gn.InvalidInputError, match="grad has dtype torch.float32 but hess has dtype torch.float64"):
        kernel(p.float(), h)
    with pytest.raises(gn.InvalidInputError, match="must be a torch.Tensor, got list"):
        kernel(p.tolist(), h)


def test_curvature_rejects_non_scalar_functions() -> None:
    x = torch.zeros(5, 3, dtype=F64)
    with pytest.raises(gn.InvalidInputError, match=r"scalar per point.*shape \(3,\) it returned shape \(3,\)"):
        gn.curvature(lambda v: v * 2, x)
    with pytest.raises(gn.InvalidInputError, match=r"returned shape \(2,\)"):
        gn.curvature(lambda v: v[:2].sin(), x)
    with pytest.raises(gn.InvalidInputError, match="must return a torch.Tensor"):
        gn.curvature(lambda v: 1.0, x)
    with pytest.raises(gn.InvalidInputError, match="f must be callable"):
        gn.curvature(3, x)  # type: ignore[arg-type]
    # a one-element output (e.g. from nn.Linear(d, 1)) is accepted
    c = gn.curvature(lambda v: (v * v).sum().reshape(1), x)
    assert c.scalar_curvature.shape == (5,)


def test_curvature_rejects_bad_points_and_dtype_mismatch() -> None:
    with pytest.raises(gn.InvalidInputError, match=r"x contains 1 non-finite .* \(1,\)"):
        gn.curvature(lambda v: v.sum(), torch.tensor([[0.0, 1.0], [math.nan, 0.0]], dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="non-floating dtype"):
        gn.curvature(lambda v: v.sum(), torch.zeros(2, 2, dtype=torch.int32))
    with pytest.raises(gn.InvalidInputError, match=r"shape \(\.\.\., d\)"):
        gn.curvature(lambda v: v.sum(), torch.tensor(0.0, dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="f returned dtype torch.float32 for points of dtype torch.float64"):
        gn.curvature(lambda v: v.float().sum(), torch.zeros(2, 2, dtype=F64))


def test_curvature_rejects_non_finite_derivatives() -> None:
    x = torch.tensor([[0.5, 0.5], [0.0, 0.0]], dtype=F64)
    with pytest.raises(gn.InvalidInputError, match=r"gradient of f contains .* batch index \(1,\)"):
        gn.curvature(lambda v: torch.sqrt(v @ v), x)  # |x| is not differentiable at 0
    with pytest.raises(gn.InvalidInputError, match=r"Hessian of f contains"):
        gn.curvature(lambda v: v[0] ** 1.5 + v[1], torch.tensor([0.0, 1.0], dtype=F64))


def test_oracle_rejects_bad_metric_fields() -> None:
    x = torch.zeros(2, dtype=F64)
    with pytest.raises(gn.InvalidInputError, match=r"must return shape \(2, 2\)"):
        gn.metric_curvature(lambda v: torch.eye(3, dtype=F64), x)
    with pytest.raises(gn.InvalidInputError, match="must be callable"):
        gn.metric_curvature(None, x)  # type: ignore[arg-type]
    with pytest.raises(gn.InvalidInputError, match="returned dtype torch.float32"):
        gn.metric_curvature(lambda v: torch.eye(2), x)
    # a singular metric is not positive definite (checked before the inverse is used)
    with pytest.raises(gn.InvalidInputError, match=r"not positive definite at batch index \(1,\)"):
        gn.metric_curvature(lambda v: torch.eye(2, dtype=F64) * v[0], torch.tensor([[1.0, 0.0], [0.0, 0.0]], dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="metric field contains"):
        gn.metric_curvature(lambda v: torch.eye(2, dtype=F64) / v[0], torch.tensor([[1.0, 0.0], [0.0, 0.0]], dtype=F64))


def test_riemannian_hessian_checks_christoffel() -> None:
    p, h = _good()
    with pytest.raises(gn.InvalidInputError, match="christoffel must have shape"):
        gn.riemannian_hessian(p, h, torch.zeros(4, 3, 3, dtype=F64))
    with pytest.raises(gn.InvalidInputError, match="christoffel has dtype"):
        gn.riemannian_hessian(p, h, torch.zeros(4, 3, 3, 3, dtype=torch.float32))


def test_graph_curvature_is_frozen() -> None:
    c = gn.curvature_from_derivatives(*_good())
    with pytest.raises(AttributeError):
        c.scalar_curvature = torch.zeros(4, dtype=F64)  # type: ignore[misc]
    assert c.riemann is c.riemann  # cached


@pytest.mark.parametrize(
    "f",
    [
        lambda v: v.abs().sum(),                  # piecewise linear: Hessian is autograd's ZeroTensor
        lambda v: torch.relu(v).sum() + 2 * v[0],
        lambda v: torch.maximum(v[0], v[1]),
    ],
    ids=["abs", "relu", "max"],
)
def test_piecewise_linear_functions_have_flat_graphs_where_smooth(f):
    """Away from kinks a piecewise-linear f has ∇²f = 0, so h = 0: every curvature is exactly 0
    (derived: h = ∇²f/√(1+|∇f|²) = 0, s = g⁻¹h = 0, S = 2σ₂(κ) = 0)."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    c = gn.curvature(f, x)
    assert torch.equal(c.principal_curvatures, torch.zeros(2, dtype=torch.float64))
    assert float(c.scalar_curvature) == 0.0 and float(c.mean_curvature) == 0.0


def test_abs_where_curved_part_is_smooth_matches_the_smooth_part():
    """f = |x0| + x0² x1 at (1, 2) equals x0 + x0² x1 near that point: same curvature."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    rough = gn.curvature(lambda v: v[0].abs() + v[0] ** 2 * v[1], x)
    smooth = gn.curvature(lambda v: v[0] + v[0] ** 2 * v[1], x)
    torch.testing.assert_close(rough.principal_curvatures, smooth.principal_curvatures, rtol=0, atol=0)


def test_size_guard_estimates_before_allocating_and_allow_large_lifts_it(monkeypatch) -> None:
    """The guard refuses from the estimate alone (no allocation), names the alternatives, and
    ``allow_large=True`` computes the same tensor as below the limit."""
    import geomcheck.numeric.limits as limits

    p, h = _good()  # batch 4, d = 3: Riemann is 4·3⁴·8 bytes = 2.6 kB per array
    expected = gn.riemann(p, h)
    monkeypatch.setattr(limits, "DENSE_TENSOR_LIMIT_BYTES", 1000)
    with pytest.raises(gn.SizeLimitError, match="graph_principal_curvatures.*allow_large=True"):
        gn.riemann(p, h)
    with pytest.raises(gn.SizeLimitError, match="riemann at d = 3 for 4 point"):
        gn.curvature_from_derivatives(p, h).riemann
    assert torch.equal(gn.riemann(p, h, allow_large=True), expected)
    assert torch.equal(gn.curvature_from_derivatives(p, h, allow_large=True).riemann, expected)
    # the estimate: 4 points · 3⁴ · 8 bytes · 5 arrays
    assert limits.check_dense_size("riemann", p, 4, allow_large=True) == 4 * 81 * 8 * 5
