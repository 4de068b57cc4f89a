"""Principal curvatures of the graph of the loss vs Hessian eigenvalues, digits MLP, CPU.

Problem: ``benchmarks/_digits_mlp.py`` (tanh MLP 64-h-h-10 on scikit-learn's digits, full-batch
cross-entropy, float64).  Three points: the *initial* one (seeded initialisation), the
initial weights times ``--init-scale`` (default 4: a larger gradient, ``|∇L|² ≈ 12`` at h = 20)
and the *trained* one (full-batch Adam, ``--steps``; small gradient).  Wall times are of one
run on a shared machine (noisy); the HVP counts are the measurement.  At each point, same
operator construction, same ``tol`` and seed:

* ``lanczos(H, k)`` — top-k Hessian eigenvalues;
* ``graph_principal_curvatures(H, k)`` — top-k principal curvatures of the graph of ``L``
  (Lanczos on ``w g^{-1/2} H g^{-1/2}``, one HVP per step);

printed: ``|∇L|²``, HVP counts and their ratio, the top curvature κ_max and the top Hessian
eigenvalue λ_max, ``κ_max / λ_max`` and the bounds ``w³ λ_max ≤ κ_max ≤ w λ_max`` (when
λ_max > 0: the Rayleigh quotient of ``A`` over unit ``y`` is ``w ⟨x, H x⟩`` with
``x = g^{-1/2} y``, ``w ≤ |x| ≤ 1``) — checked, not assumed.

Quick default: ``--hidden 20 --steps 300``; ``python benchmarks/graph_curvature_cpu.py --hidden 70``
for the README's size (cached weights under ``/tmp``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _digits_mlp import build_mlp, digits_problem, load_digits_tensors  # noqa: E402

from geomcheck import HessianOperator, graph_principal_curvatures, lanczos  # noqa: E402


def _run(label: str, model, loss_fn, data, k: int, tol: float, seed: int) -> None:
    t0 = time.perf_counter()
    H = HessianOperator(model, loss_fn, data)
    q = float(H.gradient @ H.gradient)
    w = (1 + q) ** -0.5
    r_h = lanczos(H, k=k, tol=tol, seed=seed)
    t1 = time.perf_counter()
    G = HessianOperator(model, loss_fn, data)
    r_g = graph_principal_curvatures(G, k=k, tol=tol, seed=seed)
    t2 = time.perf_counter()
    lam, kap = r_h.eigenvalues, r_g.eigenvalues
    lmax, kmax = float(lam[-1]), float(kap[-1])
    print(f"[{label}] d = {H.size:,}, loss = {float(H.loss):.4e}, |grad|^2 = {q:.4e}, w = {w:.6f}")
    print(f"  HVPs (k={k}, tol={tol:g}): Hessian lanczos {r_h.num_matvecs} ({t1 - t0:.2f} s), "
          f"graph {r_g.num_matvecs} ({t2 - t1:.2f} s); ratio graph/Hessian = "
          f"{r_g.num_matvecs / r_h.num_matvecs:.3f}; converged {r_h.all_converged}/{r_g.all_converged}")
    print(f"  top-{k} Hessian eigenvalues:     {[f'{v:.8g}' for v in lam.tolist()]}")
    print(f"  top-{k} principal curvatures:    {[f'{v:.8g}' for v in kap.tolist()]}")
    ok = (w**3 * lmax <= kmax * (1 + 1e-8) and kmax <= w * lmax * (1 + 1e-8)) if lmax > 0 else None
    print(f"  kappa_max / lambda_max = {kmax / lmax:.8f}; w = {w:.8f}, w^3 = {w**3:.8f}; "
          f"w^3 lambda_max <= kappa_max <= w lambda_max: {ok}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hidden", type=int, nargs="+", default=[20])
    ap.add_argument("--steps", type=int, default=300, help="Adam steps for the trained point")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--init-scale", type=float, default=4.0,
                    help="also run at the initial weights multiplied by this (a larger gradient); 0: skip")
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for h in args.hidden:
        init = build_mlp(h, args.seed).eval()
        X, y = load_digits_tensors()
        _run(f"h={h} initial", init, torch.nn.CrossEntropyLoss(), (X, y), args.k, args.tol, args.seed)
        if args.init_scale:
            big = build_mlp(h, args.seed).eval()
            with torch.no_grad():
                for p in big.parameters():
                    p.mul_(args.init_scale)
            _run(f"h={h} initial x{args.init_scale:g}", big, torch.nn.CrossEntropyLoss(), (X, y), args.k,
                 args.tol, args.seed)
        prob = digits_problem(h, args.seed, steps=args.steps, cache=not args.no_cache)
        _run(f"h={h} trained ({args.steps} Adam steps)", prob.model, prob.loss_fn, prob.data,
             args.k, args.tol, args.seed)


if __name__ == "__main__":
    main()
