"""The Dinh rescaling of a ReLU layer: the chart-invariant principal curvatures stay, the Hessian
spectrum and the Euclidean-graph curvatures move (issue 10 part 3; the digits-scale run is
``benchmarks/dinh_rescaling.py``).

Set-up (derived in the benchmark's docstring): a ReLU MLP ``n_in → h → n_out`` with flat
parameters ``θ = (W1, b1, W2, b2)``, mean cross-entropy ``L``, and ``D_α = diag(α on W1 b1,
1/α on W2, 1 on b2)``.  ``relu(αz) = α relu(z)`` for ``α > 0`` gives ``L∘D_α = L`` for every
``θ``; differentiating at ``θ_1`` with ``θ_α = D_α θ_1``: ``∇L(θ_α) = D_α⁻¹ p_1``,
``∇²L(θ_α) = D_α⁻¹ H_1 D_α⁻¹``.

Expected values, all from the dense ``H_1 = ∇²L(θ_1)`` and ``p_1 = ∇L(θ_1)`` formed by
``torch.func`` (no Lanczos, no pencil code):

* invariant: for ``φ_α = D_α⁻¹`` at ``ψ = θ_α`` (so ``φ_α(ψ) = θ_1``) the chart pencil's
  eigenvalues are the graph curvatures of ``L`` at ``θ_1``: ``eigh(w_1 H_1, I + p_1p_1ᵀ)``,
  ``w_1 = (1+|p_1|²)^{-1/2}`` — the same numbers for every ``α``;
* Hessian at ``θ_α``: ``eigh(D_α⁻¹ H_1 D_α⁻¹)`` (and the dense Hessian formed at ``θ_α`` directly
  must equal that matrix: the chain rule above, checked);
* Euclidean graph at ``θ_α``: ``eigh(w_α D_α⁻¹H_1D_α⁻¹, I + p_αp_αᵀ)``, ``p_α = D_α⁻¹p_1``.

How much they must move, derived (not a fitted number): ``D_α⁻¹`` multiplies the ``W2`` block of
the Hessian by ``α²`` and the ``W1 b1`` block by ``α⁻²``; by Cauchy interlacing (the top
eigenvalue of a symmetric matrix is at least that of any principal submatrix)
``λ_max(H_α) ≥ α² λ_max(H_1[W2,W2])`` and ``λ_max(H_α) ≥ α⁻² λ_max(H_1[W1b1,W1b1])``.  For the
graph, the Rayleigh quotient of the pencil gives ``w³ λ_max ≤ κ_max ≤ w λ_max`` when
``λ_max > 0`` (``vᵀ(I+ppᵀ)v ≤ (1+|p|²)|v|²``), hence
``κ_max(α)/κ_max(1) ≥ w_α³ λ_max(H_α) / (w_1 λ_max(H_1))``.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
import torch
from torch import nn
from torch.nn import functional as F

import geomcheck as gc
from geomcheck.testing.charts import rescaling_chart

F64 = torch.float64
N_IN, HIDDEN, N_OUT, N_SAMPLES = 8, 8, 4, 48
SIZES = (N_IN * HIDDEN + HIDDEN, HIDDEN * N_OUT, N_OUT)  # (W1 b1, W2, b2): scaled by α, 1/α, 1
D = sum(SIZES)  # 108
ALPHAS = (0.1, 1.0, 10.0)
K, TOL = 2, 1e-10
#: float64 Lanczos with tol 1e-10 (residual ≤ 1e-10 |κ|) bounds each eigenvalue's error by the
#: residual, so 1e-9 relative leaves a factor 10 for the rounding of the products
REL = 1e-9


def _data(seed: int = 0):
    gen = torch.Generator().manual_seed(seed)
    X = torch.randn(N_SAMPLES, N_IN, generator=gen, dtype=F64)
    y = torch.randint(0, N_OUT, (N_SAMPLES,), generator=gen)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(N_IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, N_OUT)).to(F64)
    theta1 = torch.nn.utils.parameters_to_vector(model.parameters()).detach().clone()
    return X, y, theta1


def _loss(X: torch.Tensor, y: torch.Tensor):
    n1, n3 = N_IN * HIDDEN, HIDDEN * N_OUT

    def loss(theta: torch.Tensor) -> torch.Tensor:
        W1 = theta[:n1].reshape(HIDDEN, N_IN)
        b1 = theta[n1:n1 + HIDDEN]
        W2 = theta[n1 + HIDDEN:n1 + HIDDEN + n3].reshape(N_OUT, HIDDEN)
        b2 = theta[n1 + HIDDEN + n3:]
        return F.cross_entropy(torch.relu(X @ W1.T + b1) @ W2.T + b2, y)

    return loss


def _model(theta: torch.Tensor) -> nn.Module:
    m = nn.Sequential(nn.Linear(N_IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, N_OUT)).to(F64)
    torch.nn.utils.vector_to_parameters(theta, m.parameters())
    return m.eval()


def _top(A: np.ndarray, B: np.ndarray | None = None, k: int = K) -> np.ndarray:
    n = A.shape[0]
    return scipy.linalg.eigh(A, B, eigvals_only=True, subset_by_index=[n - k, n - 1])


def _graph(H: np.ndarray, p: np.ndarray) -> np.ndarray:
    q = float(p @ p)
    return _top((1 + q) ** -0.5 * H, np.eye(len(p)) + np.outer(p, p))


def _rel(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.abs(b)))


@pytest.fixture(scope="module")
def setup():
    X, y, theta1 = _data()
    loss = _loss(X, y)
    H1 = torch.func.hessian(loss)(theta1).numpy()
    p1 = torch.func.grad(loss)(theta1).numpy()
    out = {}
    for alpha in ALPHAS:
        fwd = rescaling_chart(SIZES, (alpha, 1 / alpha, 1.0))   # D_α
        back = rescaling_chart(SIZES, (1 / alpha, alpha, 1.0))  # φ_α = D_α⁻¹
        theta_a = fwd(theta1)
        cc = gc.principal_curvatures_in_chart(loss, back, theta_a, k=K, which="LA", tol=TOL, seed=0,
                                              chart_inverse=fwd, compare=True)
        op = gc.HessianOperator(_model(theta_a), nn.CrossEntropyLoss(), (X, y))
        ra = gc.lanczos(op, k=K, tol=TOL, seed=1)
        rb = gc.graph_principal_curvatures(gc.HessianOperator(_model(theta_a), nn.CrossEntropyLoss(), (X, y)),
                                           k=K, tol=TOL, seed=1)
        out[alpha] = dict(theta=theta_a, cc=cc, ra=ra, rb=rb, s=back(torch.ones(D, dtype=F64)).numpy())
    return dict(X=X, y=y, theta1=theta1, loss=loss, H1=H1, p1=p1, runs=out)


def test_network_function_unchanged(setup):
    X, theta1 = setup["X"], setup["theta1"]
    with torch.no_grad():
        out1 = _model(theta1)(X)
        for alpha, run in setup["runs"].items():
            diff = float((_model(run["theta"])(X) - out1).abs().max())
            # each output is a sum of HIDDEN products, each rescaled by α then 1/α: a few ulps
            assert diff <= 64 * HIDDEN * torch.finfo(F64).eps * max(1.0, float(out1.abs().max())), (alpha, diff)
            assert abs(float(setup["loss"](run["theta"]) - setup["loss"](theta1))) <= 1e-13


def test_chain_rule_at_rescaled_point(setup):
    """The dense Hessian and gradient formed at θ_α equal D⁻¹H_1D⁻¹ and D⁻¹p_1 (L∘D_α = L)."""
    loss, H1, p1 = setup["loss"], setup["H1"], setup["p1"]
    for alpha, run in setup["runs"].items():
        s = run["s"]
        Ha = torch.func.hessian(loss)(run["theta"]).numpy()
        pa = torch.func.grad(loss)(run["theta"]).numpy()
        scale = max(np.abs(Ha).max(), 1e-300)
        assert np.abs(Ha - s[:, None] * H1 * s[None, :]).max() <= 1e-12 * scale, alpha
        assert np.abs(pa - s * p1).max() <= 1e-12 * np.abs(pa).max(), alpha


def test_chart_probe_finds_the_exact_condition(setup):
    """cond(J) of the diagonal chart is exactly max(α, 1/α)².  The probe runs Lanczos on JᵀJ,
    whose three distinct eigenvalues α^{∓2}, 1 exhaust the Krylov space after three products:
    the Ritz values are then the eigenvalues up to rounding, ε·cond(JᵀJ) per product; 1e3 of
    those leaves room for the few products and the square root."""
    eps = torch.finfo(F64).eps
    for alpha, run in setup["runs"].items():
        exact = max(alpha, 1 / alpha) ** 2
        got = run["cc"].jacobian_condition
        assert abs(got / exact - 1) <= 1e3 * eps * exact**2, (alpha, got, exact)


def test_invariant_curvatures_do_not_move(setup):
    H1, p1 = setup["H1"], setup["p1"]
    expected = _graph(H1, p1)
    values = {a: r["cc"].invariant.eigenvalues.numpy() for a, r in setup["runs"].items()}
    for alpha, v in values.items():
        assert setup["runs"][alpha]["cc"].invariant.all_converged
        assert _rel(v, expected) <= REL, (alpha, v, expected)
        assert _rel(v, values[1.0]) <= REL, (alpha, v, values[1.0])
    # the θ-side computation at θ_1 (Euclidean graph at α = 1) is the same hypersurface and point
    assert _rel(setup["runs"][1.0]["rb"].eigenvalues.numpy(), values[1.0]) <= REL


def test_hessian_and_euclidean_graph_move_by_the_derived_factors(setup):
    H1, p1 = setup["H1"], setup["p1"]
    a, b = SIZES[0], SIZES[0] + SIZES[1]
    lam_w2 = float(np.linalg.eigvalsh(H1[a:b, a:b])[-1])
    lam_w1 = float(np.linalg.eigvalsh(H1[:a, :a])[-1])
    lam1 = float(np.linalg.eigvalsh(H1)[-1])
    q1 = float(p1 @ p1)
    w1 = (1 + q1) ** -0.5
    assert lam1 > 0 and lam_w2 > 0 and lam_w1 > 0, "the set-up needs positive block maxima for the bounds"
    runs = setup["runs"]
    for alpha, run in runs.items():
        s = run["s"]
        Ha = s[:, None] * H1 * s[None, :]
        pa = s * p1
        exp_h, exp_g = _top(Ha), _graph(Ha, pa)
        # Lanczos on a HessianOperator at θ_α, and the chart's chart-dependent side fields, both
        # equal the dense transformed spectra
        for got in (run["ra"].eigenvalues, run["cc"].hessian.eigenvalues):
            assert _rel(got.numpy(), exp_h) <= REL, (alpha, got, exp_h)
        for got in (run["rb"].eigenvalues, run["cc"].graph_of_composite.eigenvalues):
            assert _rel(got.numpy(), exp_g) <= REL, (alpha, got, exp_g)
        if alpha == 1.0:
            continue
        lam = float(run["ra"].eigenvalues[-1])
        kap = float(run["rb"].eigenvalues[-1])
        lam_bound = max(alpha**2 * lam_w2, alpha**-2 * lam_w1)  # interlacing
        assert lam >= lam_bound * (1 - REL), (alpha, lam, lam_bound)
        qa = float(pa @ pa)
        wa = (1 + qa) ** -0.5
        kap1 = float(runs[1.0]["rb"].eigenvalues[-1])
        kap_bound_ratio = wa**3 * lam_bound / (w1 * lam1)  # ≤ w_α³ λ_max(H_α) / (w_1 λ_max(H_1))
        # the derived bounds alone already show a move (> 1) for this draw ...
        assert lam_bound / lam1 > 1 and kap_bound_ratio > 1, (alpha, lam_bound / lam1, kap_bound_ratio)
        # ... and the measured ratios respect them
        assert lam / lam1 >= lam_bound / lam1 * (1 - REL)
        assert kap / kap1 >= kap_bound_ratio * (1 - REL), (alpha, kap / kap1, kap_bound_ratio)
        # while the invariant ratio is 1
        inv = runs[alpha]["cc"].invariant.eigenvalues[-1] / runs[1.0]["cc"].invariant.eigenvalues[-1]
        assert abs(float(inv) - 1) <= 2 * REL
