"""Curvature in a chart: ``principal_curvatures_in_chart`` and the pencil of ``ChartPencil``.

References are independent of the pencil code: the dense numeric core
(:func:`geomcheck.numeric.principal_curvatures` of the θ-side gradient and Hessian, formed by
autograd) and θ-side :func:`geomcheck.graph_principal_curvatures`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import geomcheck as gc
from geomcheck.eigen.chart import principal_curvatures_in_chart
from geomcheck.numeric import InvalidInputError
from geomcheck.operators.chart import ChartPencil
from geomcheck.testing.charts import rescaling_chart

F64 = torch.float64


def _problem(d: int = 30, seed: int = 0):
    gen = torch.Generator().manual_seed(seed)
    A = torch.randn(d, d, generator=gen, dtype=F64) / math.sqrt(d)
    b = torch.randn(d, generator=gen, dtype=F64)

    def f(t: torch.Tensor) -> torch.Tensor:
        return torch.sum(torch.sin(A @ t + b)) + 0.05 * (t @ t) + (t[:3] ** 3).sum()

    psi = 0.5 * torch.randn(d, generator=gen, dtype=F64)
    return f, psi


def _dense_curvatures(f, theta: torch.Tensor) -> np.ndarray:
    H = torch.autograd.functional.hessian(f, theta)
    p = torch.func.grad(f)(theta)
    return gc.principal_curvatures(p, H).numpy()


def test_invariant_equals_theta_side_and_other_spectra_move() -> None:
    f, psi = _problem()
    d = psi.shape[0]
    scale = torch.exp(2 * torch.linspace(-1, 1, d, dtype=F64))

    def chart(s):
        return scale * (s + 0.2 * torch.sinh(s))

    res = principal_curvatures_in_chart(f, chart, psi, k=4, which="BE", tol=1e-10)
    dense = _dense_curvatures(f, chart(psi))
    want = np.concatenate([dense[:2], dense[-2:]])
    assert np.abs(res.invariant.eigenvalues.numpy() - want).max() <= 1e-9 * np.abs(dense).max()
    # the Hessian of f∘φ and the graph of f∘φ over Euclidean ψ have other spectra
    assert np.abs(res.hessian.eigenvalues.numpy() - want).max() > 0.1 * np.abs(want).max()
    assert np.abs(res.graph_of_composite.eigenvalues.numpy() - want).max() > 0.1 * np.abs(want).max()
    # theta-side directions: s (J v) = κ (J v) with s = g⁻¹ h from the dense core
    theta = chart(psi)
    H = torch.autograd.functional.hessian(f, theta)
    p = torch.func.grad(f)(theta)
    s = gc.shape_operator(p, H)
    X = res.directions_theta
    R = s @ X - X * res.invariant.eigenvalues
    assert float(R.abs().max()) <= 1e-8 * float(np.abs(dense).max())
    assert not math.isnan(res.jacobian_condition) and res.jacobian_condition > 1


def test_chart_inverse_gives_exact_solves_and_same_values() -> None:
    f, psi = _problem(d=40, seed=1)
    chart = rescaling_chart((10, 20, 10), (50.0, 0.3, 1 / 50.0))
    cg = principal_curvatures_in_chart(f, chart, psi, k=2, tol=1e-10, compare=False)
    ex = principal_curvatures_in_chart(f, chart, psi, k=2, tol=1e-10, compare=False, chart_inverse=chart.inverse)
    theta_side = gc.graph_principal_curvatures(gc.HessianOperator.from_function(f, chart(psi)), k=2, tol=1e-10)
    for r in (cg, ex):
        assert np.allclose(r.invariant.eigenvalues.numpy(), theta_side.eigenvalues.numpy(), rtol=1e-9, atol=0)
    # auto with an inverse = factored: one inverse JVP+VJP pair per step (+ k to map the vectors back)
    assert ex.invariant.method == "chart-factored-lanczos"
    assert ex.invariant.num_metric_solves == ex.invariant.num_matvecs + 2
    assert ex.invariant.num_metric_products == 0
    pen = principal_curvatures_in_chart(f, chart, psi, k=2, tol=1e-10, compare=False, chart_inverse=chart.inverse,
                                        method="pencil")
    assert pen.invariant.num_metric_solves == pen.invariant.num_matvecs
    assert pen.invariant.num_metric_products == pen.invariant.num_matvecs + 1
    assert cg.invariant.num_metric_products > pen.invariant.num_metric_products  # CG pays in products
    # cost: HVPs of the pencil within 3x the theta side
    assert ex.invariant.num_matvecs <= 3 * theta_side.num_matvecs


def test_hessian_operator_loss_as_f() -> None:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1)).double()
    X, y = torch.randn(20, 3, dtype=F64), torch.randn(20, 1, dtype=F64)
    op = gc.HessianOperator(model, torch.nn.MSELoss(), (X, y))
    theta = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
    d = theta.shape[0]
    scale = torch.linspace(0.5, 2.0, d, dtype=F64)
    res = principal_curvatures_in_chart(op, lambda s: scale * s, theta / scale, k=2, tol=1e-10, compare=False)
    ref = gc.graph_principal_curvatures(op, k=2, tol=1e-10)
    assert np.allclose(res.invariant.eigenvalues.numpy(), ref.eigenvalues.numpy(), rtol=1e-9, atol=1e-12)


def test_singular_and_ill_conditioned_charts_are_refused_with_estimate() -> None:
    f, psi = _problem(d=20)
    mask = torch.ones(20, dtype=F64)
    mask[3] = 0.0
    with pytest.raises(InvalidInputError, match="cond\\(J\\) is estimated at inf"):
        principal_curvatures_in_chart(f, lambda s: mask * s, psi)
    scales = torch.ones(20, dtype=F64)
    scales[0] = 1e-9
    with pytest.raises(InvalidInputError, match="cond\\(J\\) is estimated at 1e\\+09"):
        principal_curvatures_in_chart(f, lambda s: scales * s, psi)
    # a custom threshold
    scales[0] = 1e-3
    with pytest.raises(InvalidInputError, match="badly conditioned"):
        principal_curvatures_in_chart(f, lambda s: scales * s, psi, max_condition=100.0)


def test_large_d_condition_probe_is_a_lower_bound() -> None:
    d = 200
    scales = torch.logspace(0, 3, d, dtype=F64)
    f, psi = _problem(d=d, seed=2)
    pencil = ChartPencil(f, lambda s: scales * s, psi)
    est = pencil.jacobian_condition(max_iter=60)
    assert 100 < est <= 1e3 * (1 + 1e-8)


@pytest.mark.parametrize("chart, match", [
    (lambda s: s[:-1], "keeps the dimension"),
    (lambda s: torch.cat([s, s]), "keeps the dimension"),
    (lambda s: s * float("nan"), "non-finite"),
    (lambda s: s.float(), "dtype"),
    ("not callable", "chart must be callable"),
])
def test_bad_charts(chart, match: str) -> None:
    f, psi = _problem(d=10)
    with pytest.raises(InvalidInputError, match=match):
        principal_curvatures_in_chart(f, chart, psi)


def test_bad_f_psi_and_inverse() -> None:
    f, psi = _problem(d=10)
    with pytest.raises(InvalidInputError, match="scalar"):
        principal_curvatures_in_chart(lambda t: t * 2, lambda s: s, psi)
    with pytest.raises(InvalidInputError, match="psi"):
        principal_curvatures_in_chart(f, lambda s: s, psi.reshape(2, 5))
    with pytest.raises(InvalidInputError, match="non-finite"):
        principal_curvatures_in_chart(f, lambda s: s, psi * float("inf"))
    with pytest.raises(InvalidInputError, match="not the inverse"):
        principal_curvatures_in_chart(f, lambda s: 2 * s, psi, chart_inverse=lambda t: t)
    with pytest.raises(InvalidInputError, match="not finite"):
        principal_curvatures_in_chart(lambda t: 1e200 * torch.exp(1e3 * t).sum(), lambda s: s, psi + 1.0)


def test_factored_form_survives_a_numerically_singular_metric() -> None:
    """|∇f|² = 3.4e16 and cond(J) = 1e4: G = Jᵀ(I + ppᵀ)J has condition ~1e25 > 1/ε.  Pencil
    Lanczos loses the symmetry of its M-inner products (a clear error naming G); the factored form
    L⁻ᵀBL⁻¹ never forms G and agrees with the θ side (reported by the Dinh-demo work)."""
    from geomcheck.testing.charts import rescaling_chart

    sizes = (100, 50, 10)
    chart, inverse = rescaling_chart(sizes, (100.0, 0.01, 1.0)), rescaling_chart(sizes, (0.01, 100.0, 1.0))

    def f(t):
        return (t ** 4).sum() + t.sum()

    psi = torch.randn(160, dtype=F64, generator=torch.Generator().manual_seed(0))
    theta_side = gc.graph_principal_curvatures(gc.HessianOperator.from_function(f, chart(psi)), k=2, which="BE",
                                               tol=1e-10)
    res = principal_curvatures_in_chart(f, chart, psi, k=2, which="BE", tol=1e-10, chart_inverse=inverse,
                                        compare=False)
    assert res.invariant.method == "chart-factored-lanczos"
    scale = float(theta_side.eigenvalues.abs().max())
    assert float((res.invariant.eigenvalues - theta_side.eigenvalues).abs().max()) <= 1e-12 * scale
    with pytest.raises(InvalidInputError, match="numerically singular"):
        principal_curvatures_in_chart(f, chart, psi, k=2, which="BE", tol=1e-10, chart_inverse=inverse,
                                      compare=False, method="pencil")


def test_factored_and_pencil_agree_on_a_moderate_problem() -> None:
    f, psi = _problem(d=40, seed=3)
    chart = rescaling_chart((10, 20, 10), (5.0, 0.5, 2.0))
    fac = principal_curvatures_in_chart(f, chart, psi, k=3, which="BE", tol=1e-10, chart_inverse=chart.inverse,
                                        compare=False, method="factored")
    pen = principal_curvatures_in_chart(f, chart, psi, k=3, which="BE", tol=1e-10, chart_inverse=chart.inverse,
                                        compare=False, method="pencil")
    assert torch.allclose(fac.invariant.eigenvalues, pen.invariant.eigenvalues, rtol=1e-10, atol=0)
    P = ChartPencil(f, chart, psi)
    X = fac.invariant.eigenvectors
    gram = X.T @ torch.stack([P.metric.matvec(X[:, j]) for j in range(X.shape[1])], dim=1)
    assert torch.allclose(gram, torch.eye(3, dtype=F64), atol=1e-10)  # G-orthonormal directions
    with pytest.raises(InvalidInputError, match="method"):
        principal_curvatures_in_chart(f, chart, psi, method="nope")
    with pytest.raises(InvalidInputError, match="needs chart_inverse"):
        principal_curvatures_in_chart(f, chart, psi, method="factored")
