"""Hessian eigenvalue density vs principal-curvature density of the loss graph, digits MLP.

Problem: ``benchmarks/_digits_mlp.py`` (tanh MLP 64-h-h-10 on scikit-learn's digits, full-batch
cross-entropy, float64) at the seeded initial weights times ``--init-scale`` (default 4: a large
gradient, so the graph's curvatures ``κ`` differ visibly from the Hessian's eigenvalues ``λ``;
``|κ| ≤ w |λ|_max`` with ``w = 1/√(1+|∇L|²)``).  Both densities by stochastic Lanczos
quadrature (:func:`geomcheck.spectral_density`, same probes, ``graph=False`` / ``True``), drawn
side by side on a log scale to ``--out`` (PNG).  Needs matplotlib.

Quick default ``--hidden 20`` (d = 1,930): about 2 × probes × steps HVPs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _digits_mlp import build_mlp, load_digits_tensors, num_params  # noqa: E402

from geomcheck import HessianOperator, spectral_density  # noqa: E402


def main(argv: list[str] | None = None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hidden", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init-scale", type=float, default=4.0)
    ap.add_argument("--probes", type=int, default=8)
    ap.add_argument("--steps", type=int, default=80)
    ap.add_argument("--out", type=Path, default=Path("/tmp/spectral_density.png"))
    args = ap.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    X, y = load_digits_tensors()
    model = build_mlp(args.hidden, args.seed).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(args.init_scale)
    loss_fn = torch.nn.CrossEntropyLoss()
    print(f"h={args.hidden}  d={num_params(model)}  init x{args.init_scale:g}")

    results = {}
    for graph in (False, True):
        op = HessianOperator(model, loss_fn, (X, y))
        t0 = time.perf_counter()
        sd = spectral_density(op, num_probes=args.probes, num_steps=args.steps, seed=args.seed,
                              graph=graph)
        dt = time.perf_counter() - t0
        results[graph] = sd
        name = "principal curvatures" if graph else "Hessian eigenvalues"
        print(f"{name:22s} range [{sd.nodes.min():.4g}, {sd.nodes.max():.4g}]  "
              f"mean {sd.moments(1):.4g}  HVPs {sd.num_matvecs}  {dt:.1f} s")
        if graph:
            grad = op.gradient
            q = float(grad @ grad)
            print(f"|grad L|^2 = {q:.4g}   w = 1/sqrt(1+|grad|^2) = {(1 + q) ** -0.5:.4g}")

    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    results[False].plot(axes[0], log=True, color="C0")
    axes[0].set_title(f"Hessian eigenvalue density (h={args.hidden}, init x{args.init_scale:g})")
    results[True].plot(axes[1], log=True, color="C1")
    axes[1].set_title("principal-curvature density of the loss graph")
    for ax in axes:
        ax.set_ylim(bottom=1e-6)
    fig.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")
    return args.out


if __name__ == "__main__":
    main()
