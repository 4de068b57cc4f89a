"""The Dinh rescaling, demonstrated: which curvature of a ReLU network's loss survives it.

Problem: a ReLU MLP ``64 → h → 10`` (default ``h = 32``: ``d = 64h + h + 10h + 10 = 2,410``) on
scikit-learn's bundled digits (``benchmarks/_digits_mlp.py``: 1,797 images, ``X/16``), full-batch
mean cross-entropy, float64, initialised after ``torch.manual_seed(seed)``; two points: the
seeded initialisation ("untrained") and the result of ``--steps`` full-batch Adam steps
("trained", near a minimum: the gradient norm is printed).  Parameters flattened in the order
``θ = (W1, b1, W2, b2)``.

**The rescaling** (Dinh, Pascanu, Bengio & Bengio 2017, "Sharp minima can generalize for deep
nets", Sec. 4): for ``α > 0`` let ``D_α`` be the diagonal map
``(W1, b1, W2, b2) ↦ (αW1, αb1, W2/α, b2)`` (:func:`geomcheck.testing.rescaling_chart` with
groups ``(W1 b1, W2, b2)`` and scales ``(α, 1/α, 1)``).  ReLU is positively homogeneous,
``relu(αz) = α relu(z)``, so the network *function* is the same at ``θ`` and ``D_α θ`` for
**every** ``θ``: ``L ∘ D_α = L`` identically (a symmetry of the loss, not only of the point).
The script checks ``max |Δ output|`` at ``θ_α = D_α θ_1`` (``θ_1`` the point at ``α = 1``).

What moves and what does not (derived here; ``D = D_α``, ``H_1 = ∇²L(θ_1)``, ``p_1 = ∇L(θ_1)``):

* differentiating ``L(Dθ) = L(θ)`` once and twice (``D`` is linear and symmetric):
  ``∇L(θ_α) = D⁻¹ p_1`` and ``∇²L(θ_α) = D⁻¹ H_1 D⁻¹``.  ``D⁻¹`` scales ``W2`` by ``α`` and
  ``W1, b1`` by ``1/α``, so (Cauchy interlacing on the diagonal blocks)
  ``λ_max(∇²L(θ_α)) ≥ max(α² λ_max(H_1[W2,W2]), α⁻² λ_max(H_1[W1b1,W1b1]))`` and
  ``|λ|_max ≤ max(α, 1/α)² ‖H_1‖``: the top Hessian eigenvalue grows like ``α^{±2}`` at both
  ends (column **(a)**, ``lanczos`` on a ``HessianOperator`` of the model with weights ``θ_α``).
* the graph ``{(θ, L(θ))} ⊂ R^{d+1}`` over Euclidean parameters is one hypersurface, mapped to
  itself by ``(θ, z) ↦ (Dθ, z)`` — which is *not* an isometry of ``R^{d+1}`` — and ``θ_α`` is
  another point of it: its principal curvatures there (the pencil ``(w_α D⁻¹H_1D⁻¹,
  I + p_α p_αᵀ)``, ``p_α = D⁻¹p_1``, ``w_α = (1+|p_α|²)^{-1/2}``) obey
  ``w_α³ λ_max ≤ κ_max ≤ w_α λ_max`` (for ``λ_max > 0``) and move with the Hessian
  (column **(b)**, :func:`geomcheck.graph_principal_curvatures` at ``θ_α``).  This is what a
  practitioner who trains in the coordinates ``θ_α`` and calls them Euclidean measures.
* the invariant: read ``θ_α`` as a *chart* of the α = 1 parameter space, ``φ_α: ψ ↦ θ = D_α⁻¹ ψ``
  at ``ψ = θ_α`` (so ``φ_α(ψ) = θ_1``), and ask for the principal curvatures of the graph of
  ``L`` over the *α = 1* coordinates with their Euclidean metric, computed from the ψ side only:
  :func:`geomcheck.principal_curvatures_in_chart` ``(L, φ_α, θ_α, chart_inverse=D_α)`` (the
  pencil ``B v = κ G v``, ``B = w Jᵀ H J``, ``G = Jᵀ(I + ppᵀ)J``, ``J = D_α⁻¹``, ``H, p`` at
  ``θ_1``).  ``G⁻¹B = J⁻¹ s J`` is similar to the θ-side shape operator at ``θ_1``, so the values
  are the α = 1 graph curvatures **for every α** (column **(c)**).  Its side fields are the two
  chart-dependent spectra: ``hessian`` is the Hessian of ``L∘φ_α = L`` at ``θ_α`` (= column (a),
  through another code path) and ``graph_of_composite`` the graph of ``L∘φ_α = L`` over Euclidean
  ``ψ = θ_α`` (= column (b)); both are printed as cross-checks.

So the invariance is not free: it holds because one metric — the Euclidean metric of the α = 1
coordinates — is carried along by the chart.  That choice of reference coordinates is exactly
what Dinh et al.'s argument leaves open (003's "reading (a)" vs "(b)"); the numbers show that the
Hessian spectrum and the Euclidean-graph curvatures in the coordinates one trains in are not
properties of the network function, while the curvature of one fixed hypersurface in one fixed
ambient metric is computable from any chart.

Cross-checks: the invariant values against column (b) at α = 1 (the θ-side Lanczos run at
``θ_1``); at ``α ∈ {10^-2, 10^-1, 1, 10, 10^2}`` the chart's two side fields against columns (a)
and (b); at every α the interlacing and ``w³`` bounds above.  With ``--dense`` (``d`` more HVPs
and scipy ``eigh`` of ``d × d`` pencils: minutes) also the dense ``H_1`` references
``eigh(D⁻¹H_1D⁻¹)``, ``eigh(w_α D⁻¹H_1D⁻¹, I + p_αp_αᵀ)``, ``eigh(w_1 H_1, I + p_1p_1ᵀ)``.
(``tests/eigen/test_dinh_rescaling.py`` makes all of these dense comparisons at ``d = 108``.)

The chart probe of ``principal_curvatures_in_chart`` runs (default ``check_chart=True``): its
estimate of ``cond(J)`` is printed beside the exact ``max(α, 1/α)²`` of this diagonal chart.
(Before commit ce54021 the probe — Lanczos on ``JᵀJ``, which here has only three distinct
eigenvalues ``α^{∓2}, 1`` — stopped with a false "operator is not symmetric" error once the
Krylov space was exhausted; the first version of this script switched it off.)

Targets: the invariant values agree across α to ≤ 1e-9 relative (float64, ``tol = 1e-10``,
exact solves with ``G`` through ``chart_inverse``); (a) and (b) change by orders of magnitude.

Outputs: ``benchmarks/results/dinh_rescaling.png`` (log-log, the three curves vs α, both
points), ``dinh_rescaling.json`` (all numbers); redirect stdout to
``benchmarks/results/dinh_rescaling_2core.txt`` for the raw output.  Run:
``OMP_NUM_THREADS=2 python benchmarks/dinh_rescaling.py > benchmarks/results/dinh_rescaling_2core.txt``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import scipy.linalg
import torch
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _digits_mlp import load_digits_tensors  # noqa: E402

from geomcheck import (  # noqa: E402
    HessianOperator,
    MatvecOperator,
    graph_principal_curvatures,
    lanczos,
    principal_curvatures_in_chart,
)
from geomcheck.testing import rescaling_chart  # noqa: E402

F64 = torch.float64
RESULTS = Path(__file__).resolve().parent / "results"
CROSS_ALPHAS = (1e-2, 1e-1, 1.0, 1e1, 1e2)


def build_relu_mlp(hidden: int, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)).to(F64)


def group_sizes(hidden: int) -> tuple[int, int, int]:
    """Sizes of the coordinate groups scaled by ``α``, ``1/α``, ``1``: ``(W1 b1, W2, b2)``."""
    return (64 * hidden + hidden, 10 * hidden, 10)


def flat_params(model: nn.Module) -> torch.Tensor:
    return torch.nn.utils.parameters_to_vector(model.parameters()).detach().clone()


def make_loss(X: torch.Tensor, y: torch.Tensor, hidden: int):
    """``θ ↦ L(θ)``: mean cross-entropy of the ReLU MLP with flat parameters ``(W1, b1, W2, b2)``."""
    n1, n2 = 64 * hidden, hidden
    n3 = 10 * hidden

    def loss(theta: torch.Tensor) -> torch.Tensor:
        W1 = theta[:n1].reshape(hidden, 64)
        b1 = theta[n1:n1 + n2]
        W2 = theta[n1 + n2:n1 + n2 + n3].reshape(10, hidden)
        b2 = theta[n1 + n2 + n3:]
        return F.cross_entropy(torch.relu(X @ W1.T + b1) @ W2.T + b2, y)

    return loss


def train_adam(model: nn.Module, X: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> None:
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(X), y).backward()
        opt.step()
    for p in model.parameters():
        p.grad = None


def model_at(hidden: int, theta: torch.Tensor) -> nn.Module:
    m = build_relu_mlp(hidden, 0)
    torch.nn.utils.vector_to_parameters(theta, m.parameters())
    return m.eval()


def dense_hessian(op: HessianOperator, block: int = 128) -> torch.Tensor:
    d = op.size
    eye = torch.eye(d, dtype=F64)
    cols = [op.matmat(eye[:, i:i + block]) for i in range(0, d, block)]
    H = torch.cat(cols, dim=1)
    return 0.5 * (H + H.T)


def top_dense(A: np.ndarray, B: np.ndarray | None, k: int) -> np.ndarray:
    d = A.shape[0]
    return scipy.linalg.eigh(A, B, eigvals_only=True, subset_by_index=[d - k, d - 1])


def rel(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-300)


def run_point(label: str, theta1: torch.Tensor, X: torch.Tensor, y: torch.Tensor, hidden: int,
              alphas: np.ndarray, k: int, tol: float, seed: int, dense: bool) -> dict:
    loss = make_loss(X, y, hidden)
    sizes = group_sizes(hidden)
    d = theta1.numel()
    m1 = model_at(hidden, theta1)
    with torch.no_grad():
        out1 = m1(X)
    op1 = HessianOperator(m1, nn.CrossEntropyLoss(), (X, y))
    p1 = op1.gradient.detach().clone()
    L1 = float(op1.loss)
    assert abs(float(loss(theta1)) - L1) <= 1e-13 * max(1.0, abs(L1)), "functional loss != model loss"
    q1 = float(p1 @ p1)
    with torch.no_grad():
        acc = float((out1.argmax(1) == y).double().mean())
    print(f"\n[{label}] d = {d:,}, N = {X.shape[0]}, loss = {L1:.6e}, |grad|^2 = {q1:.4e}, "
          f"train acc = {acc:.4f}")

    # interlacing bounds need the top eigenvalues of the W2 and W1b1 diagonal blocks of H_1:
    # Lanczos on P H_1 P (P the block's coordinate mask); its spectrum is the block's plus zeros
    W1b1, W2 = sizes[0], sizes[1]
    t0 = time.perf_counter()
    blocks = {}
    for name, lo, hi in (("W2", W1b1, W1b1 + W2), ("W1b1", 0, W1b1)):
        mask = torch.zeros(d, dtype=F64)
        mask[lo:hi] = 1.0
        opm = MatvecOperator(lambda v, mask=mask: mask * op1.matvec(mask * v), d, dtype=F64, device="cpu")
        blocks[name] = float(lanczos(opm, k=1, which="LA", tol=1e-8, seed=seed).eigenvalues[-1])
    blk_w2, blk_w1 = blocks["W2"], blocks["W1b1"]
    norm_h1 = float(lanczos(op1, k=1, which="LM", tol=1e-8, seed=seed).eigenvalues.abs().max())
    print(f"  lambda_max(H_1[W2,W2]) = {blk_w2:.6g}, lambda_max(H_1[W1b1,W1b1]) = {blk_w1:.6g}, "
          f"||H_1|| = {norm_h1:.6g} (Lanczos, {time.perf_counter() - t0:.1f} s)")
    ref_graph1 = None
    if dense:
        t0 = time.perf_counter()
        H1 = dense_hessian(op1).numpy()
        p1n = p1.numpy()
        ref_graph1 = top_dense((1 + q1) ** -0.5 * H1, np.eye(d) + np.outer(p1n, p1n), k)
        print(f"  dense H_1 ({d} HVPs) + eigh in {time.perf_counter() - t0:.1f} s: top-{k} graph curvatures at "
              f"theta_1 {[f'{v:.12g}' for v in ref_graph1]}")

    rows = []
    head = (f"  {'alpha':>9} {'max|dout|':>9} {'lam_max H (a)':>14} {'kap_max Eucl (b)':>16} "
            f"{'kap_max inv (c)':>18} {'HVPs a/b/c':>12} {'G prod/solve':>12} {'cond J':>8} {'probe/cond-1':>12} "
            f"{'|p_a|^2':>9}")
    print(head)
    rows = []
    for alpha in alphas:
        alpha = float(alpha)
        chart_fwd = rescaling_chart(sizes, (alpha, 1.0 / alpha, 1.0))      # D_α: θ ↦ θ_α
        chart_back = rescaling_chart(sizes, (1.0 / alpha, alpha, 1.0))     # φ_α = D_α⁻¹: ψ ↦ θ
        theta_a = chart_fwd(theta1)
        m_a = model_at(hidden, theta_a)
        with torch.no_grad():
            dout = float((m_a(X) - out1).abs().max())
        t0 = time.perf_counter()
        op_a = HessianOperator(m_a, nn.CrossEntropyLoss(), (X, y))
        ra = lanczos(op_a, k=k, tol=tol, seed=seed)
        op_b = HessianOperator(m_a, nn.CrossEntropyLoss(), (X, y))
        rb = graph_principal_curvatures(op_b, k=k, tol=tol, seed=seed)
        ta = time.perf_counter() - t0
        cross = any(math.isclose(alpha, a, rel_tol=1e-12) for a in CROSS_ALPHAS)
        t0 = time.perf_counter()
        cc = principal_curvatures_in_chart(loss, chart_back, theta_a, k=k, which="LA", tol=tol, seed=seed,
                                           chart_inverse=chart_fwd, compare=cross)
        tc = time.perf_counter() - t0
        rc = cc.invariant
        pa = op_a.gradient
        qa = float(pa @ pa)
        cond_j = max(alpha, 1.0 / alpha) ** 2  # exact for the diagonal chart
        row = dict(
            alpha=alpha, max_abs_output_diff=dout, grad_norm_sq=qa, jacobian_condition=cond_j,
            jacobian_condition_probe=cc.jacobian_condition,
            hessian_top=ra.eigenvalues.tolist(), graph_euclidean_top=rb.eigenvalues.tolist(),
            invariant_top=rc.eigenvalues.tolist(),
            hvps_hessian=ra.num_matvecs, hvps_graph=rb.num_matvecs, hvps_invariant=rc.num_matvecs,
            metric_products_invariant=rc.num_metric_products, metric_solves_invariant=rc.num_metric_solves,
            converged=bool(ra.all_converged and rb.all_converged and rc.all_converged),
            seconds_ab=ta, seconds_chart=tc,
        )
        if cross:
            row["chart_hessian_top"] = cc.hessian.eigenvalues.tolist()
            row["chart_graph_of_composite_top"] = cc.graph_of_composite.eigenvalues.tolist()
            row["converged"] &= bool(cc.hessian.all_converged and cc.graph_of_composite.all_converged)
        row["interlacing_lower_bound"] = max(alpha**2 * blk_w2, alpha**-2 * blk_w1)
        row["norm_upper_bound"] = max(alpha, 1 / alpha) ** 2 * norm_h1
        lam, kap = row["hessian_top"][-1], row["graph_euclidean_top"][-1]
        wa = (1 + qa) ** -0.5
        row["graph_bounds_ok"] = bool(lam <= 0 or (wa**3 * lam <= kap * (1 + 1e-9) and kap <= wa * lam * (1 + 1e-9)))
        row["hessian_bounds_ok"] = bool(row["interlacing_lower_bound"] <= lam * (1 + 1e-9)
                                        and lam <= row["norm_upper_bound"] * (1 + 1e-9))
        if dense and cross:
            s = chart_back(torch.ones(d, dtype=F64)).numpy()  # diag of D_α⁻¹
            Ha = s[:, None] * H1 * s[None, :]
            pan = s * p1n
            row["dense_hessian_top"] = top_dense(Ha, None, k).tolist()
            row["dense_graph_euclidean_top"] = top_dense((1 + float(pan @ pan)) ** -0.5 * Ha,
                                                         np.eye(d) + np.outer(pan, pan), k).tolist()
        rows.append(row)
        print(f"  {alpha:9.3g} {dout:9.2e} {lam:14.8g} {kap:16.8g} {row['invariant_top'][-1]:18.14g} "
              f"{ra.num_matvecs:>4}/{rb.num_matvecs:>3}/{rc.num_matvecs:>3} "
              f"{rc.num_metric_products:>5}/{rc.num_metric_solves:<5} {cond_j:8.2g} "
              f"{cc.jacobian_condition / cond_j - 1:12.1e} {qa:9.3g}"
              + ("" if row["converged"] else "  NOT CONVERGED"), flush=True)

    # summaries
    def col(key: str) -> np.ndarray:
        return np.array([r[key][-1] for r in rows])

    lam, kap, inv = col("hessian_top"), col("graph_euclidean_top"), col("invariant_top")
    inv_all = np.array([r["invariant_top"] for r in rows])
    i1 = int(np.argmin(np.abs(np.log(alphas))))
    assert math.isclose(float(alphas[i1]), 1.0, rel_tol=1e-12), "the alpha grid must contain 1"
    theta_side = np.array(rows[i1]["graph_euclidean_top"])  # graph curvatures at θ_1, θ side (Lanczos)
    inv_vs_theta = float(np.max(np.abs(inv_all - theta_side[None, :]) / np.abs(theta_side)[None, :]))
    inv_across = float(np.max(np.abs(inv_all - inv_all[i1][None, :]) / np.abs(inv_all[i1])[None, :]))
    cross_rows = [r for r in rows if "chart_hessian_top" in r]
    cross_h = max(rel(r["chart_hessian_top"][i], r["hessian_top"][i]) for r in cross_rows for i in range(k))
    cross_g = max(rel(r["chart_graph_of_composite_top"][i], r["graph_euclidean_top"][i])
                  for r in cross_rows for i in range(k))
    summary = dict(
        label=label, d=d, loss=L1, grad_norm_sq=q1, train_accuracy=acc,
        max_abs_output_diff=float(max(r["max_abs_output_diff"] for r in rows)),
        max_abs_output=float(out1.abs().max()),
        ratio_hessian=float(lam.max() / lam.min()), ratio_graph_euclidean=float(kap.max() / kap.min()),
        ratio_invariant=float(inv.max() / inv.min()),
        probe_cond_max_rel_err=float(max(abs(r["jacobian_condition_probe"] / r["jacobian_condition"] - 1)
                                         for r in rows)),
        invariant_max_rel_diff_across_alpha=inv_across, invariant_max_rel_diff_vs_theta_side=inv_vs_theta,
        chart_hessian_vs_a_max_rel=cross_h, chart_graph_vs_b_max_rel=cross_g,
        block_top_W2=blk_w2, block_top_W1b1=blk_w1, norm_H1=norm_h1,
        all_converged=all(r["converged"] for r in rows),
        graph_bounds_ok=all(r["graph_bounds_ok"] for r in rows),
        hessian_bounds_ok=all(r["hessian_bounds_ok"] for r in rows),
        hvps_total=dict(hessian=int(sum(r["hvps_hessian"] for r in rows)),
                        graph=int(sum(r["hvps_graph"] for r in rows)),
                        invariant=int(sum(r["hvps_invariant"] for r in rows))),
    )
    print(f"  max over alpha of max|d output| = {summary['max_abs_output_diff']:.3e} "
          f"(max |output| = {summary['max_abs_output']:.3g})")
    print(f"  ratio max/min over alpha: lambda_max Hessian (a) {summary['ratio_hessian']:.4g}, "
          f"kappa_max Euclidean graph (b) {summary['ratio_graph_euclidean']:.4g}, "
          f"kappa_max invariant (c) {summary['ratio_invariant']:.15g}")
    print(f"  invariant top-{k}: max rel. difference across alpha {inv_across:.2e}; vs the theta-side graph "
          f"curvatures at theta_1 (column (b) at alpha = 1) {inv_vs_theta:.2e}")
    print(f"  chart probe: cond(J) estimate vs exact max(alpha,1/alpha)^2, max rel. error "
          f"{summary['probe_cond_max_rel_err']:.1e}")
    print(f"  cross-checks at alpha in {list(CROSS_ALPHAS)}: chart 'hessian' field vs (a) {cross_h:.2e}; "
          f"chart 'graph_of_composite' vs (b) {cross_g:.2e}")
    if dense:
        dense_rows = [r for r in rows if "dense_hessian_top" in r]
        dense_h = max(rel(r["hessian_top"][i], r["dense_hessian_top"][i]) for r in dense_rows for i in range(k))
        dense_g = max(rel(r["graph_euclidean_top"][i], r["dense_graph_euclidean_top"][i])
                      for r in dense_rows for i in range(k))
        inv_dense = float(np.max(np.abs(inv_all - ref_graph1[None, :]) / np.abs(ref_graph1)[None, :]))
        summary.update(lanczos_hessian_vs_dense_max_rel=dense_h, lanczos_graph_vs_dense_max_rel=dense_g,
                       invariant_vs_dense_theta1_max_rel=inv_dense, dense_graph_theta1_top=ref_graph1.tolist())
        print(f"  dense: (a) vs eigh(D^-1 H_1 D^-1) {dense_h:.2e}; (b) vs eigh(w H_a, I + p_a p_a^T) {dense_g:.2e}; "
              f"(c) vs eigh(w H_1, I + p_1 p_1^T) {inv_dense:.2e}")
    print(f"  bounds: interlacing alpha^(+-2) lambda_max(block) <= lambda_max <= max(alpha,1/alpha)^2 ||H_1||: "
          f"{summary['hessian_bounds_ok']}; w^3 lambda_max <= kappa_max <= w lambda_max: {summary['graph_bounds_ok']}; "
          f"all converged: {summary['all_converged']}")
    return dict(summary=summary, rows=rows)


def plot(results: list[dict], path: Path, hidden: int, d: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(6.2 * len(results), 5.0), sharey=True)
    for ax, res in zip(np.atleast_1d(axes), results):
        rows, s = res["rows"], res["summary"]
        a = np.array([r["alpha"] for r in rows])
        ax.loglog(a, [r["hessian_top"][-1] for r in rows], "o-", color="tab:red", ms=8, lw=2.5,
                  label=r"(a) top Hessian eigenvalue $\lambda_{\max}\,\nabla^2 L(\theta_\alpha)$")
        ax.loglog(a, [r["graph_euclidean_top"][-1] for r in rows], "s--", color="tab:orange", ms=5,
                  mfc="white", lw=1.5,
                  label=r"(b) top principal curvature, graph of $L$ over Euclidean $\theta_\alpha$")
        ax.loglog(a, [r["invariant_top"][-1] for r in rows], "^-", color="tab:blue", lw=2.2,
                  label=r"(c) chart-invariant top principal curvature ($\psi=\theta_\alpha$, chart $D_\alpha^{-1}$)")
        ax.set_title(f"{s['label']}: loss {s['loss']:.3g}, $|\\nabla L|^2$ = {s['grad_norm_sq']:.2g}\n"
                     f"max/min over $\\alpha$: (a) {s['ratio_hessian']:.3g}, (b) {s['ratio_graph_euclidean']:.3g}, "
                     f"(c) 1 + {s['ratio_invariant'] - 1:.1e}", fontsize=10)
        ax.set_xlabel(r"rescaling $\alpha$:  $(W_1, b_1, W_2) \mapsto (\alpha W_1, \alpha b_1, W_2/\alpha)$")
        ax.grid(True, which="both", alpha=0.3)
        if s["grad_norm_sq"] < 1e-3:
            ax.text(0.5, 0.02, "near a minimum (|∇L| small, w ≈ 1): (a) and (b) nearly coincide",
                    transform=ax.transAxes, ha="center", va="bottom", fontsize=9)
    np.atleast_1d(axes)[0].set_ylabel("curvature (log scale)")
    np.atleast_1d(axes)[0].legend(fontsize=8.5, loc="upper center")
    dout = max(r["summary"]["max_abs_output_diff"] for r in results)
    fig.suptitle(f"Dinh rescaling of a ReLU MLP 64-{hidden}-10 on digits (d = {d:,}, float64): the network "
                 f"function is unchanged (max|Δoutput| ≤ {dout:.0e});\n"
                 "the Hessian spectrum and the Euclidean-graph curvature move by orders of magnitude, "
                 "the chart-invariant principal curvature does not", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--num-alphas", type=int, default=17)
    parser.add_argument("--k", type=int, default=2)
    parser.add_argument("--tol", type=float, default=1e-10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--dense", action="store_true",
                        help="also form H_1 (d HVPs) and compare with scipy eigh at the cross-check alphas")
    args = parser.parse_args()
    torch.set_default_dtype(F64)
    t_start, c_start = time.perf_counter(), time.process_time()
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}; ReLU MLP 64-{args.hidden}-10, "
          f"seed {args.seed}, Adam lr {args.lr} x {args.steps} full-batch steps; k = {args.k}, tol = {args.tol:g}, "
          f"{args.num_alphas} alphas log-spaced in [1e-2, 1e2]")
    X, y = load_digits_tensors()
    model = build_relu_mlp(args.hidden, args.seed)
    theta_init = flat_params(model)
    t0 = time.perf_counter()
    model.train()
    train_adam(model, X, y, args.steps, args.lr)
    model.eval()
    theta_trained = flat_params(model)
    print(f"trained in {time.perf_counter() - t0:.1f} s")
    alphas = np.logspace(-2, 2, args.num_alphas)
    results = [run_point(lbl, th, X, y, args.hidden, alphas, args.k, args.tol, args.seed, args.dense)
               for lbl, th in (("untrained (seeded init)", theta_init), ("trained (Adam)", theta_trained))]
    args.out.mkdir(parents=True, exist_ok=True)
    d = theta_init.numel()
    plot(results, args.out / "dinh_rescaling.png", args.hidden, d)
    meta = dict(hidden=args.hidden, d=d, seed=args.seed, steps=args.steps, lr=args.lr, k=args.k, tol=args.tol,
                alphas=alphas.tolist(), torch=torch.__version__, threads=torch.get_num_threads(),
                seconds_wall=time.perf_counter() - t_start, seconds_cpu=time.process_time() - c_start)
    with open(args.out / "dinh_rescaling.json", "w") as fh:
        json.dump(dict(meta=meta, points=results), fh, indent=1)
    print(f"\nwrote {args.out / 'dinh_rescaling.png'} and {args.out / 'dinh_rescaling.json'}; "
          f"total {time.perf_counter() - t_start:.1f} s wall, {time.process_time() - c_start:.1f} s CPU "
          f"(this process, all threads; the machine is shared)")


if __name__ == "__main__":
    main()
