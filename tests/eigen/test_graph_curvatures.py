"""Principal curvatures of the graph of a loss by Lanczos (geomcheck.graph_principal_curvatures).

References: the dense kernels ``geomcheck.numeric.principal_curvatures`` / ``shape_operator`` fed
with the exact gradient and the dense Hessian (``torch.func.hessian`` or ``op.to_dense()``).
"""

from __future__ import annotations

import warnings

import pytest
import torch
from torch import nn

import geomcheck
from geomcheck import HessianOperator, ShapeOperatorForm, graph_principal_curvatures, lanczos
from geomcheck.numeric import InvalidInputError, principal_curvatures, shape_operator
from geomcheck.numeric.metric import inverse_sqrt_graph_metric

F64 = torch.float64


def _rel_err(a, b):
    a, b = a.to(F64), b.to(F64)
    return float((a - b).abs().max() / b.abs().max())


def _quartic(d, seed, grad_scale):
    g = torch.Generator().manual_seed(seed)
    M = torch.randn(d, d, generator=g, dtype=F64)
    M = (M + M.T) / 2
    b = grad_scale * torch.randn(d, generator=g, dtype=F64) / d**0.5

    def f(x):
        return 0.5 * x @ M @ x + b @ x + 0.25 * (x**4).sum() + torch.sin(x).sum()

    return f, M, b


def _check_against_dense(op, H, k, which, tol=1e-11, rel=1e-8):
    g = op.gradient
    kappa = principal_curvatures(g, H)
    res = graph_principal_curvatures(op, k=k, which=which, tol=tol)
    assert res.method == "graph-lanczos" and res.all_converged
    want = kappa[-k:] if which == "LA" else kappa[:k]
    assert _rel_err(res.eigenvalues, want) <= rel
    # principal directions: unit Euclidean vectors with s x = κ x
    S = shape_operator(g, H)
    X = res.eigenvectors
    assert torch.allclose(torch.linalg.vector_norm(X, dim=0), torch.ones(k, dtype=F64), atol=1e-12)
    resid = S @ X - X * res.eigenvalues.to(X)
    assert float(resid.abs().max()) <= 1e-8 * float(kappa.abs().max())
    return res


@pytest.mark.parametrize("which", ["LA", "SA"])
@pytest.mark.parametrize("grad_scale", [1.0, 10.0, 300.0])
def test_function_vs_dense_kernel(which, grad_scale):
    d = 40
    f, _, _ = _quartic(d, 1, grad_scale)
    x = torch.linspace(-1, 1, d, dtype=F64)
    op = HessianOperator.from_function(f, x)
    H = torch.func.hessian(f)(x)
    q = float(op.gradient @ op.gradient)
    if grad_scale == 300.0:
        assert q > 100  # a large gradient: the metric is far from the identity
    _check_against_dense(op, H, 3, which)


def test_critical_point_equals_hessian_eigenvalues():
    # f(x) = ½ xᵀMx + Σ cos-free quartic: x = 0 is critical (∇f(0) = 0): s = H, κ = λ(H)
    d = 30
    g = torch.Generator().manual_seed(3)
    M = torch.randn(d, d, generator=g, dtype=F64)
    M = (M + M.T) / 2

    def f(x):
        return 0.5 * x @ M @ x + 0.25 * (x**4).sum()

    op = HessianOperator.from_function(f, torch.zeros(d, dtype=F64))
    assert float(op.gradient.abs().max()) == 0.0
    form = ShapeOperatorForm(op)
    assert form.w == 1.0 and form.c == 0.5
    res = graph_principal_curvatures(op, k=4, which="LA", tol=1e-11)
    lam = torch.linalg.eigvalsh(M)
    assert _rel_err(res.eigenvalues, lam[-4:]) <= 1e-10
    ref = lanczos(HessianOperator.from_function(f, torch.zeros(d, dtype=F64)), k=4, tol=1e-11)
    assert _rel_err(res.eigenvalues, ref.eigenvalues) <= 1e-10


def test_form_is_similar_to_shape_operator_dense():
    d = 12
    f, _, _ = _quartic(d, 5, 30.0)
    x = torch.linspace(-0.5, 1.5, d, dtype=F64)
    op = HessianOperator.from_function(f, x)
    H = torch.func.hessian(f)(x)
    form = ShapeOperatorForm(op)
    A = form.to_dense()
    assert torch.allclose(A, A.T, atol=1e-12)
    Gm = inverse_sqrt_graph_metric(op.gradient)
    assert torch.allclose(A, form.w * Gm @ H @ Gm, atol=1e-12, rtol=1e-12)
    Gp = form.sqrt_metric(torch.eye(d, dtype=F64))
    assert torch.allclose(Gm @ Gp, torch.eye(d, dtype=F64), atol=1e-12)
    S = shape_operator(op.gradient, H)
    assert torch.allclose(Gm @ A @ Gp, S, atol=1e-12, rtol=1e-10)
    # matmat = stacked matvecs, one inner product per column
    V = torch.randn(d, 3, dtype=F64)
    before = op.num_matvecs
    AV = form.matmat(V)
    assert op.num_matvecs - before == 3
    assert torch.allclose(AV, torch.stack([form.matvec(V[:, j]) for j in range(3)], 1), atol=1e-12)
    # principal-direction maps: metric normalisation is g-unit
    Y = torch.linalg.qr(torch.randn(d, 2, dtype=F64))[0]
    Xm = form.to_principal_directions(Y, normalize="metric")
    g = torch.eye(d, dtype=F64) + torch.outer(op.gradient, op.gradient)
    assert torch.allclose(torch.diagonal(Xm.T @ g @ Xm), torch.ones(2, dtype=F64), atol=1e-10)
    assert torch.allclose(form.from_principal_directions(Xm), Y, atol=1e-10)
    x1 = form.to_principal_directions(Y[:, 0])
    assert abs(float(x1.norm()) - 1) < 1e-12


def test_dense_operator_with_explicit_gradient():
    d = 20
    g = torch.Generator().manual_seed(7)
    H = torch.randn(d, d, generator=g, dtype=F64)
    H = (H + H.T) / 2
    p = 5 * torch.randn(d, generator=g, dtype=F64)
    res = graph_principal_curvatures(H, gradient=p, k=2, which="SA", tol=1e-11)
    assert _rel_err(res.eigenvalues, principal_curvatures(p, H)[:2]) <= 1e-9
    res_m = graph_principal_curvatures((lambda v: H @ v, d), gradient=p, k=1, tol=1e-11, normalize="metric")
    assert _rel_err(res_m.eigenvalues, principal_curvatures(p, H)[-1:]) <= 1e-9


def _mlp_operator(hidden=12, seed=0, scale=1.0, loss_scale=1.0):
    torch.manual_seed(seed)
    X = torch.randn(64, 8, dtype=F64)
    y = torch.randint(0, 3, (64,))
    model = nn.Sequential(nn.Linear(8, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                          nn.Linear(hidden, 3)).to(F64)
    with torch.no_grad():
        for p_ in model.parameters():
            p_.mul_(scale)
    ce = nn.CrossEntropyLoss()
    return lambda: HessianOperator(model, lambda out, t: loss_scale * ce(out, t), (X, y))


@pytest.mark.parametrize("scale, loss_scale", [(1.0, 1.0), (3.0, 1.0), (3.0, 20.0)])
def test_mlp_vs_dense_hessian(scale, loss_scale):
    make = _mlp_operator(hidden=12, scale=scale, loss_scale=loss_scale)  # d = 303
    op = make()
    assert 200 <= op.size <= 500
    if loss_scale > 1:
        assert float(op.gradient @ op.gradient) > 100  # |p|² ≈ 370: far from the Hessian case
    H = op.to_dense()
    H = (H + H.T) / 2
    for which in ("LA", "SA"):
        _check_against_dense(make(), H, 3, which, tol=1e-10)


def test_hvp_count_close_to_hessian_lanczos():
    # same model, same tol, same seed: one HVP per graph-Lanczos step; the count differs only
    # through the spectrum (reported; bound generous)
    make = _mlp_operator(hidden=12, scale=3.0)
    counts = {}
    for name, run in (("hessian", lambda o: lanczos(o, k=5, tol=1e-6)),
                      ("graph", lambda o: graph_principal_curvatures(o, k=5, tol=1e-6))):
        op = make()
        res = run(op)
        assert res.all_converged
        assert res.num_matvecs == op.num_matvecs  # one HVP per product of the form
        counts[name] = res.num_matvecs
    print(f"HVPs: Hessian Lanczos {counts['hessian']}, graph Lanczos {counts['graph']}")
    assert counts["graph"] <= 1.5 * counts["hessian"] + 4


def test_lazy_exports():
    assert geomcheck.graph_principal_curvatures is graph_principal_curvatures
    assert geomcheck.ShapeOperatorForm is ShapeOperatorForm
    assert "graph_principal_curvatures" in dir(geomcheck)


# --- bad input -------------------------------------------------------------------------

def test_operator_without_gradient():
    H = torch.eye(4, dtype=F64)
    with pytest.raises(InvalidInputError, match="has no gradient"):
        graph_principal_curvatures(H, k=1)
    with pytest.raises(InvalidInputError, match="has no gradient"):
        ShapeOperatorForm((lambda v: v, 4))


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_gradient(bad):
    p = torch.ones(4, dtype=F64)
    p[2] = bad
    with pytest.raises(InvalidInputError, match="non-finite"):
        ShapeOperatorForm(torch.eye(4, dtype=F64), gradient=p)


def test_nan_gradient_from_function():
    # f finite at x but with a NaN gradient (sqrt at 0 has an infinite derivative; 0·inf = NaN)
    op = HessianOperator.from_function(lambda x: (x**2).sum() + torch.sqrt(x[0] ** 2) * 0.0, torch.zeros(3, dtype=F64))
    assert not bool(torch.isfinite(op.gradient).all())
    with pytest.raises(InvalidInputError, match="non-finite"):
        graph_principal_curvatures(op)


def test_bad_gradient_shape_dtype_and_normalize():
    H = torch.eye(4, dtype=F64)
    with pytest.raises(InvalidInputError, match="shape"):
        ShapeOperatorForm(H, gradient=torch.ones(3, dtype=F64))
    with pytest.raises(InvalidInputError, match="dtype"):
        ShapeOperatorForm(H, gradient=torch.ones(4, dtype=torch.float32))
    with pytest.raises(InvalidInputError, match="torch.Tensor"):
        ShapeOperatorForm(H, gradient=[1.0, 2.0, 3.0, 4.0])
    with pytest.raises(InvalidInputError, match="normalize"):
        graph_principal_curvatures(H, gradient=torch.ones(4, dtype=F64), normalize="unit")


def test_float32_runs():
    d = 25
    f, _, _ = _quartic(d, 2, 5.0)
    x = torch.linspace(-1, 1, d, dtype=torch.float32)
    op = HessianOperator.from_function(lambda t: f(t.to(F64)).to(torch.float32), x)
    H = torch.func.hessian(f)(x.to(F64))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = graph_principal_curvatures(op, k=1, tol=1e-4)
    assert res.eigenvectors.dtype == torch.float32
    assert _rel_err(res.eigenvalues, principal_curvatures(op.gradient.to(F64), H)[-1:]) <= 1e-3
