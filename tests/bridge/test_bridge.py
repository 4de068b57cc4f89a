"""The bridge: matrix-free eigensolvers vs the dense numeric core vs the SymPy derivations, under
random reparametrisations.

For each draw (hypothesis; :mod:`geomcheck.testing` strategies):

* a random smooth ``f: Rⁿ → R`` known to SymPy (``n ∈ {2, 3}``) is lifted to ``d = n·B``
  (``d ≈ 50–500``) by block structure: ``F(θ) = Σ_b f(θ_b)`` at ``B`` random block points, so its
  gradient and Hessian are *exactly* the blocks of SymPy's ``∇f`` and ``∇²f`` (lambdified);
* three answers must agree to ``≤ 1e-8`` relative (of ``max|κ|``) in float64:
  (a) the matrix-free solvers (:func:`geomcheck.lanczos`, :func:`geomcheck.graph_principal_curvatures`,
  :func:`geomcheck.principal_curvatures_in_chart`), (b) the dense numeric core
  (:func:`geomcheck.principal_curvatures` of the autograd gradient and Hessian), (c) the SymPy
  derivation: the pencil ``h v = κ g v`` with ``g = I + ppᵀ``, ``h = H/√(1+|p|²)`` from SymPy's exact
  derivatives (``scipy.linalg.eigh(h, g)``: the definition of the principal curvatures, no rank-one
  algebra of ours), and for ``d = 2`` the first-principles derivation from the metric
  (:class:`geomcheck.GraphMetric` ``shape_operator(method="metric")``: Christoffel-free Weingarten
  map of the embedding);
* a random chart (:func:`geomcheck.testing.charts`, ``cond(J) ≤ 10⁴``) moves the Hessian's spectrum
  (shown: the Hessian of ``F∘φ`` has other extreme eigenvalues when the chart is not an isometry),
  while the principal curvatures computed from the ψ side in two different charts agree with the
  θ side.

float32: the same chart-invariance check runs in float32 (CPU here, CUDA with ``-m gpu``) with
the tolerance measured on the CPU and stated in ``F32_RTOL``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy
import torch
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import geomcheck as gc
from geomcheck.eigen.result import ConvergenceWarning
from geomcheck.numeric import InvalidInputError
from geomcheck.testing import charts, networks, smooth_function, smooth_functions
from geomcheck.testing.lifted import Lifted, lifted_functions, sympy_principal_curvatures
from geomcheck.testing.charts import Chart
from geomcheck.testing.functions import make_symbols
from geomcheck.testing.networks import Network
from geomcheck.testing.spectra import examples, extreme_values

F64 = torch.float64
RTOL = 1e-8
#: float32 relative tolerance (of max|κ|) for the chart-invariance check: measured on the CPU
#: (2-core x86_64, torch 2.13) for seeds 0-9 of ``_float32_case``: 1.4e-8 .. 1.1e-7 (cond(J) <= 100,
#: tol 1e-5); 1e-5 leaves ~100x room for a GPU's other reduction orders.
F32_RTOL = 1e-5

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _rel(a: np.ndarray, b: np.ndarray, scale: float) -> float:
    return float(np.abs(np.asarray(a) - np.asarray(b)).max() / max(scale, 1e-300))


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return fn(*args, **kwargs)


_X = make_symbols(3)
#: kept failures and corner cases (see the commit history for what each one caught)
_SIN_CUBIC = smooth_function(sympy.sin(_X[0] * _X[1]) + _X[2] ** 3 / 2 - _X[0] ** 2, _X)
_FLAT = smooth_function(_X[0] + 2 * _X[1] - _X[2], _X)  # zero Hessian: every curvature 0


@settings(max_examples=examples(10), **SETTINGS)
@given(F=lifted_functions(), which=st.sampled_from(["LA", "SA", "BE"]))
@example(F=Lifted(_SIN_CUBIC, 40, 0), which="BE")
@example(F=Lifted(_FLAT, 20, 1), which="LA")
@example(F=Lifted(smooth_function(sympy.exp(_X[1] / 2), _X[:2]), 25, 0), which="SA")  # thorough profile: 0 of multiplicity 48
def test_matrix_free_equals_dense_core_and_sympy(F: Lifted, which: str) -> None:
    theta = F.theta
    p_sym, H_sym = F.sympy_derivatives(theta)
    assume(np.isfinite(p_sym).all() and np.isfinite(H_sym).all())
    op = gc.HessianOperator.from_function(F, theta)
    # (b) dense core from autograd, (c) SymPy derivation
    H_ad = torch.autograd.functional.hessian(F, theta)
    kappa_core = gc.principal_curvatures(op.gradient, H_ad).numpy()
    kappa_sym = sympy_principal_curvatures(p_sym, H_sym)
    scale = max(float(np.abs(kappa_sym).max()), 1e-12)
    assert _rel(kappa_core, kappa_sym, scale) <= RTOL
    assert _rel(op.gradient.numpy(), p_sym, float(np.abs(p_sym).max()) + 1e-300) <= 1e-12
    # (a) matrix-free; lifted functions repeat blocks, so wanted values can be exactly multiple:
    # the multiplicity check returns them counted with multiplicity, as the dense spectra are
    k = 2
    graph = _quiet(gc.graph_principal_curvatures, op, k=k, which=which, tol=1e-10, seed=1, multiplicity_check=True)
    assert _rel(graph.eigenvalues.numpy(), extreme_values(kappa_sym, k, which), scale) <= RTOL
    lam = np.linalg.eigvalsh(H_sym)
    hess = _quiet(gc.lanczos, op, k=k, which=which, tol=1e-10, seed=1, multiplicity_check=True)
    assert _rel(hess.eigenvalues.numpy(), extreme_values(lam, k, which), max(float(np.abs(lam).max()), 1e-12)) <= RTOL


@settings(max_examples=examples(6), **SETTINGS)
@given(f=smooth_functions(2, max_leaves=2), x=st.lists(st.sampled_from([-1, -0.5, 0, 0.5, 1]), min_size=2, max_size=2))
def test_dense_core_equals_first_principles_metric_derivation_d2(f, x) -> None:
    """``d = 2``: SymPy's first-principles shape operator (embedding, normal, Weingarten map)."""
    gm = gc.GraphMetric(f.expr, f.symbols)
    s = gm.shape_operator(method="metric")
    point = {sym: sympy.Rational(v).limit_denominator(4) for sym, v in zip(f.symbols, x)}
    S = np.array(s.subs(point).evalf(30).tolist(), dtype=np.float64)
    assume(np.isfinite(S).all())
    exact = np.sort(np.linalg.eigvals(S).real)
    theta = torch.tensor([float(v) for v in point.values()], dtype=F64)
    H = torch.autograd.functional.hessian(lambda t: f.torch_fn(t), theta)
    p = torch.func.grad(lambda t: f.torch_fn(t))(theta)
    core = gc.principal_curvatures(p, H).numpy()
    assert _rel(core, exact, max(float(np.abs(exact).max()), 1e-12)) <= RTOL


def _chart_case(F, chart: Chart, seed: int):
    rng = np.random.default_rng(seed)
    psi = torch.as_tensor(rng.uniform(-1.0, 1.0, F.d), dtype=F64)
    return psi, chart(psi)


@settings(max_examples=examples(6), **SETTINGS)
@given(data=st.data(), F=lifted_functions(max_d=200), seed=st.integers(0, 2**31 - 1))
def test_invariant_curvatures_in_two_charts_equal_theta_side_while_hessian_moves(data, F: Lifted, seed: int) -> None:
    chart1 = data.draw(charts(F.d, max_condition=1e4), label="chart1")
    chart2 = data.draw(charts(F.d, max_condition=1e4), label="chart2")
    psi1, theta = _chart_case(F, chart1, seed)
    p_sym, H_sym = F.sympy_derivatives(theta)
    assume(np.isfinite(p_sym).all() and np.isfinite(H_sym).all() and float(np.abs(theta).max()) < 1e3)
    kappa_sym = sympy_principal_curvatures(p_sym, H_sym)
    scale = max(float(np.abs(kappa_sym).max()), 1e-12)
    k, which = 2, "BE"
    want = extreme_values(kappa_sym, k, which)
    psi2 = chart2.inverse(theta)
    res1 = _quiet(gc.principal_curvatures_in_chart, F, chart1, psi1, k=k, which=which, tol=1e-10, seed=2,
                  chart_inverse=chart1.inverse, max_condition=1e5)
    res2 = _quiet(gc.principal_curvatures_in_chart, F, chart2, psi2, k=k, which=which, tol=1e-10, seed=3,
                  chart_inverse=chart2.inverse, max_condition=1e5, compare=False)
    theta_side = _quiet(gc.graph_principal_curvatures, gc.HessianOperator.from_function(F, theta), k=k,
                        which=which, tol=1e-10, seed=4)
    assert _rel(res1.invariant.eigenvalues.numpy(), want, scale) <= RTOL
    assert _rel(res2.invariant.eigenvalues.numpy(), want, scale) <= RTOL
    assert _rel(theta_side.eigenvalues.numpy(), want, scale) <= RTOL
    # cost: HVPs of the pencil within 3x the theta side
    assert res1.invariant.num_matvecs <= 3 * theta_side.num_matvecs + 10
    # the Hessian of F∘φ: its spectrum is that of JᵀHJ + Σ p_k ∇²φ_k (dense, autograd) ...
    comp = lambda s: F(chart1(s))  # noqa: E731
    Hc = torch.autograd.functional.hessian(comp, psi1)
    lam_c = np.linalg.eigvalsh(Hc.numpy())
    cscale = max(float(np.abs(lam_c).max()), 1e-12)
    assert _rel(res1.hessian.eigenvalues.numpy(), extreme_values(lam_c, k, which), cscale) <= RTOL
    # ... and it moves away from the θ-side Hessian's under a chart that is not an isometry
    lam = np.linalg.eigvalsh(H_sym)
    if not chart1.isometric and chart1.bound >= 10 and float(np.abs(lam).max()) > 1e-6:
        assert _rel(extreme_values(lam_c, k, which), extreme_values(lam, k, which), float(np.abs(lam).max())) > 1e-6


@settings(max_examples=examples(6), **SETTINGS)
@given(net=networks(max_width=6), seed=st.integers(0, 2**31 - 1))
def test_networks_matrix_free_equals_dense_and_chart_invariant(net: Network, seed: int) -> None:
    assume(net.d >= 6)
    theta = net.theta
    H = torch.autograd.functional.hessian(net.loss, theta)
    p = torch.func.grad(net.loss)(theta)
    lam = np.linalg.eigvalsh(H.numpy())
    kappa = gc.principal_curvatures(p, H).numpy()
    op = net.operator()
    k = 2
    hess = _quiet(gc.lanczos, op, k=k, which="BE", tol=1e-10, seed=seed % 1000)
    assert _rel(hess.eigenvalues.numpy(), extreme_values(lam, k, "BE"), float(np.abs(lam).max())) <= RTOL
    graph = _quiet(gc.graph_principal_curvatures, op, k=k, which="BE", tol=1e-10, seed=seed % 1000)
    assert _rel(graph.eigenvalues.numpy(), extreme_values(kappa, k, "BE"), float(np.abs(kappa).max())) <= RTOL
    # a layer rescaling of the first weight matrix (Dinh): invariant curvatures unchanged
    rng = np.random.default_rng(seed)
    alpha = float(10 ** rng.uniform(-1, 1))
    first = next(iter(net.model.parameters())).numel()
    scales = torch.ones(net.d, dtype=F64)
    scales[:first] = alpha
    res = _quiet(gc.principal_curvatures_in_chart, net.loss, lambda s: scales * s, theta / scales, k=k,
                 which="BE", tol=1e-10, chart_inverse=lambda t: t / scales, compare=False)
    assert _rel(res.invariant.eigenvalues.numpy(), extreme_values(kappa, k, "BE"), float(np.abs(kappa).max())) <= RTOL


def _float32_case(device: str, seed: int) -> float:
    """Largest relative difference (of max|κ|) between the float32 ψ-side invariant curvatures and
    the float64 θ-side ones, for a fixed lifted function and a rescaling+monotone chart."""
    F = Lifted(_SIN_CUBIC, 60, seed)
    gen = torch.Generator().manual_seed(seed)
    scales = torch.exp(torch.empty(F.d, dtype=F64).uniform_(-2.3, 2.3, generator=gen))  # cond <= 100
    theta64 = F.theta
    want = gc.graph_principal_curvatures(gc.HessianOperator.from_function(F, theta64), k=2, which="BE",
                                         tol=1e-10).eigenvalues.numpy()
    s32 = scales.to(device=device, dtype=torch.float32)
    psi = (theta64.to(device=device, dtype=torch.float32) / s32)
    got = _quiet(gc.principal_curvatures_in_chart, F, lambda s: s32 * s, psi, k=2, which="BE", tol=1e-5,
                 chart_inverse=lambda t: t / s32, compare=False)
    return _rel(got.invariant.eigenvalues.numpy(), want, float(np.abs(want).max()))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_float32_chart_invariance_cpu(seed: int) -> None:
    assert _float32_case("cpu", seed) <= F32_RTOL


@pytest.mark.gpu
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_float32_and_float64_chart_invariance_cuda(seed: int) -> None:
    assert _float32_case("cuda", seed) <= F32_RTOL
    F = Lifted(_SIN_CUBIC, 60, seed)
    theta = F.theta.to("cuda")
    scales = torch.linspace(0.1, 10.0, F.d, dtype=F64, device="cuda")
    res = gc.principal_curvatures_in_chart(F, lambda s: scales * s, theta / scales, k=2, which="BE", tol=1e-10,
                                           chart_inverse=lambda t: t / scales, compare=False)
    p, H = F.sympy_derivatives(F.theta)
    want = extreme_values(sympy_principal_curvatures(p, H), 2, "BE")
    assert _rel(res.invariant.eigenvalues.numpy(), want, float(np.abs(want).max())) <= RTOL


def test_non_finite_lift_is_refused() -> None:
    F = Lifted(smooth_function(sympy.exp(_X[0] ** 3) * 1, _X), 20, 0)
    theta = F.theta.clone()
    theta[0] = 50.0
    with pytest.raises(InvalidInputError):
        gc.graph_principal_curvatures(gc.HessianOperator.from_function(F, theta), k=2)
