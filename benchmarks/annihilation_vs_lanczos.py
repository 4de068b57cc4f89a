"""Where 004's annihilation method fails and Lanczos does not: products, error of λ_min, converged.

004 (Böttcher & Wheeler, Algorithm 1 / Appendix B) finds λ₁ (largest magnitude) and then runs
power iteration on ``B = A − λ₁I``.  Phase 2 contracts the unwanted components by

    r₂ = max_{j≠1,k} |λ_j − λ₁| / |λ_k − λ₁|      per product,

which for ``λ₁ = λ_max > 0`` is ``(λ_max − λ_(2)) / (λ_max − λ_min)``, ``λ_(2)`` the
second-smallest eigenvalue.  With a bulk reaching 0 (``λ_(2) ≈ 0``) that is ``1/(1 + ρ)``,
``ρ = |λ_min|/λ_max``: a relative residual ``tol`` needs about ``ln(tol)/ln r₂ ≈ ln(1/tol)/ρ``
products.  Lanczos (``which="SA"``) needs about ``ln(1/tol)/√(gap ratio)`` of them
(Kaniel–Paige–Saad), the square root of the power method's count.

Problems (float64, CPU, seeded):

* synthetic: ``A = Q diag(λ) Qᵀ``, ``d = 400``, ``λ = {1, 0.6, 0.3} ∪ U(0, 0.05)^{d−5} ∪ {0, −ρ}``
  for ``ρ = 10⁻¹ … 10⁻⁴`` (phase 1 contracts by 0.6);
* MLP: ``64 → 8 → tanh → 10`` on scikit-learn's bundled digits (1,797 images, ``X/16``),
  full-batch mean cross-entropy, 150 iterations of full-batch L-BFGS from a seeded
  initialisation ("near a minimum": small loss and gradient, a few tiny negative eigenvalues);
  ``geomcheck.HessianOperator(model, cross_entropy, (X, y))``, ``d = 610``.  The
  reference spectrum is ``eigvalsh`` of the dense Hessian (``d`` products).

Both solvers get ``tol = 1e-6`` and at most ``MAX_ITER`` products (``MLP_MAX_ITER`` for the MLP;
per phase for annihilation).  Columns: ``r₂`` and ``ln(tol)/ln r₂`` from the reference spectrum
(the products phase 2 needs); "HVPs" the products used (both phases for annihilation); "err"
``|θ − λ_min|`` against the reference; "res" the reported ``‖Av − θv‖/|θ|``; "conv" the
solver's own converged flag (judged by the residual in both).
Run: ``python benchmarks/annihilation_vs_lanczos.py`` (well under 2 minutes on 2 CPU cores).
"""

from __future__ import annotations

import math
import time
import warnings

import torch
from rich.console import Console
from rich.table import Table

import geomcheck
from geomcheck.eigen import ConvergenceWarning

F64 = torch.float64
TOL = 1e-6
MAX_ITER = 20000          # products (per phase for annihilation), synthetic problems
MLP_MAX_ITER = 5000       # the same for the MLP (one HVP costs ~2 ms there)
SEED = 0


def synthetic(rho: float, d: int = 400, seed: int = SEED) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    bulk = torch.rand(d - 5, generator=g, dtype=F64) * 0.05
    lam = torch.cat([torch.tensor([1.0, 0.6, 0.3], dtype=F64), bulk, torch.tensor([0.0, -rho], dtype=F64)])
    q, r = torch.linalg.qr(torch.randn(d, d, generator=g, dtype=F64))
    q = q * torch.sign(torch.diagonal(r))
    a = (q * lam) @ q.T
    return (a + a.T) / 2


def digits_mlp(hidden: int = 8, steps: int = 150, seed: int = SEED):
    from sklearn.datasets import load_digits

    data = load_digits()
    X = torch.tensor(data.data, dtype=F64) / 16.0
    y = torch.tensor(data.target, dtype=torch.long)
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(64, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 10)).to(F64)
    opt = torch.optim.LBFGS(model.parameters(), lr=1.0, max_iter=steps, history_size=50,
                            tolerance_grad=1e-10, tolerance_change=0.0, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(X), y)
        loss.backward()
        return loss

    opt.step(closure)
    loss = torch.nn.functional.cross_entropy(model(X), y)
    grads = torch.autograd.grad(loss, list(model.parameters()))
    gnorm = float(torch.sqrt(sum((g * g).sum() for g in grads)))
    return model, X, y, loss.item(), gnorm


def phase2_rate(ref: torch.Tensor) -> float:
    """r₂ = max_{j≠1,k} |λ_j − λ₁| / |λ_k − λ₁| from the reference spectrum."""
    i1 = int(ref.abs().argmax())
    dist = (ref - ref[i1]).abs()
    k = int(dist.argmax())
    others = torch.cat([dist[:min(i1, k)], dist[min(i1, k) + 1:max(i1, k)], dist[max(i1, k) + 1:]])
    return float(others.max() / dist[k])


def run(op, ref: torch.Tensor, max_iter: int) -> dict:
    lam_min = float(ref[0])
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t = time.perf_counter()
        a = geomcheck.annihilation(op, tol=TOL, max_iter=max_iter, seed=SEED)
        out["ann_s"] = time.perf_counter() - t
        t = time.perf_counter()
        lz = geomcheck.lanczos(op, k=1, which="SA", tol=TOL, max_iter=max_iter, seed=SEED)
        out["lan_s"] = time.perf_counter() - t
    i = int(torch.argmin(a.eigenvalues))                       # the λ_min pair of annihilation
    out["ann"] = (a.num_matvecs, abs(float(a.eigenvalues[i]) - lam_min),
                  float(a.residuals[i]) / max(abs(float(a.eigenvalues[i])), 1e-300), bool(a.converged[i]))
    out["lan"] = (lz.num_matvecs, abs(float(lz.eigenvalues[0]) - lam_min),
                  float(lz.residuals[0]) / max(abs(float(lz.eigenvalues[0])), 1e-300), bool(lz.converged[0]))
    return out


def main() -> None:
    console = Console(width=200)
    # one thread: these products are small; on a shared 2-core machine two threads per product made
    # an HVP ~6x slower (thread contention), and the comparison counts products anyway
    torch.set_num_threads(1)
    t0 = time.perf_counter()
    rows = []
    for rho in (1e-1, 1e-2, 1e-3, 1e-4):
        A = synthetic(rho)
        ref = torch.linalg.eigvalsh(A)
        rows.append((f"synthetic ρ={rho:g}", ref, run(A, ref, MAX_ITER)))
    model, X, y, loss, gnorm = digits_mlp()
    op = geomcheck.HessianOperator(model, torch.nn.functional.cross_entropy, (X, y))
    H = op.to_dense()
    ref = torch.linalg.eigvalsh((H + H.T) / 2)
    rows.append((f"digits MLP d={op.size}", ref, run(op, ref, MLP_MAX_ITER)))

    table = Table(title=f"annihilation (004) vs Lanczos (k=1, SA): tol={TOL:g}, at most {MAX_ITER} products "
                        f"({MLP_MAX_ITER} for the MLP; per phase for annihilation), seed {SEED}")
    for col in ("problem", "λ_max", "λ_min", "|λ_min|/λ_max", "r₂", "ln(tol)/ln r₂",
                "ann. HVPs", "ann. err", "ann. res", "ann. conv",
                "Lcz HVPs", "Lcz err", "Lcz res", "Lcz conv"):
        table.add_column(col, justify="left" if col == "problem" else "right")
    for name, ref, out in rows:
        r2 = phase2_rate(ref)
        pred = math.log(TOL) / math.log(r2) if r2 < 1 else float("inf")
        an, lz = out["ann"], out["lan"]
        table.add_row(name, f"{float(ref[-1]):.4g}", f"{float(ref[0]):.3g}", f"{abs(float(ref[0])) / float(ref[-1]):.1e}",
                      f"{r2:.6f}", f"{pred:,.0f}",
                      f"{an[0]:,}", f"{an[1]:.1e}", f"{an[2]:.1e}", str(an[3]),
                      f"{lz[0]:,}", f"{lz[1]:.1e}", f"{lz[2]:.1e}", str(lz[3]))
    console.print(table)
    console.print(f"MLP 64-8-10 tanh on digits: loss {loss:.4g}, |grad| {gnorm:.2e} (L-BFGS, full batch); "
                  f"timings (s): " + ", ".join(f"{n.split(',')[0]}: ann {o['ann_s']:.1f} / Lanczos {o['lan_s']:.2f}"
                                                for n, _, o in rows))
    console.print(f"total {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
