"""Throughput of the dense kernels: 10⁵ points at d = 10 in one call, on CPU.

Times (best of ``--repeats``), for ``f(x) = Σ sin(x_i) x_{i+1} + ½ xᵀAx + log(1 + |x|²)``:

* ``curvature(f, x)`` — gradient and Hessian by ``torch.func`` (vmap over the points), alone
  (the ``GraphCurvature`` it returns computes its fields lazily, on first access) and with every
  ``O(d²)``-per-point field read (metric, inverse, Ricci, S, h, s, κ, mean, Gauss);
* ``scalar_curvature(grad, hess)`` and ``principal_curvatures(grad, hess)`` on precomputed
  derivatives (the closed-form kernels alone).

Prints points per second.  Run: ``python benchmarks/dense_throughput.py [--points N] [--dim D]``.
"""

from __future__ import annotations

import argparse
import time

import torch

from geomcheck.numeric import curvature, principal_curvatures, scalar_curvature


def make_function(d: int, dtype: torch.dtype):
    gen = torch.Generator().manual_seed(0)
    m = torch.randn(d, d, generator=gen, dtype=torch.float64) / d**0.5
    a = ((m + m.T) / 2).to(dtype)

    def f(v: torch.Tensor) -> torch.Tensor:
        return (torch.sin(v[:-1]) * v[1:]).sum() + 0.5 * v @ (a @ v) + torch.log1p(v @ v)

    return f


def best_of(repeats: int, fn) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--chunk-size", type=int, default=None, help="vmap chunk size (memory)")
    args = parser.parse_args()
    dtype = getattr(torch, args.dtype)
    f = make_function(args.dim, dtype)
    x = torch.randn(args.points, args.dim, generator=torch.Generator().manual_seed(1), dtype=dtype)
    curvature(f, x[:64])  # warm-up (loads torch.func decompositions)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.dtype}, "
          f"{args.points} points, d = {args.dim}")
    result = {}

    fields = ("metric", "inverse_metric", "ricci", "scalar_curvature", "second_fundamental_form",
              "shape_operator", "principal_curvatures", "mean_curvature", "gauss_curvature")

    def derivatives() -> None:
        result["c"] = curvature(f, x, chunk_size=args.chunk_size)

    def full() -> None:
        c = curvature(f, x, chunk_size=args.chunk_size)
        for name in fields:
            getattr(c, name)  # cached_property: computed here, once
        result["c"] = c

    t_deriv = best_of(args.repeats, derivatives)
    t_full = best_of(args.repeats, full)
    c = result["c"]
    grad, hess = c.grad, c.hess
    t_s = best_of(args.repeats, lambda: scalar_curvature(grad, hess))
    t_k = best_of(args.repeats, lambda: principal_curvatures(grad, hess))
    t_both = best_of(args.repeats, lambda: (scalar_curvature(grad, hess), principal_curvatures(grad, hess)))
    rows = [
        ("curvature(f, x): autodiff only (fields lazy)", t_deriv),
        ("curvature(f, x): autodiff + all O(d^2) fields", t_full),
        ("scalar_curvature(grad, hess)", t_s),
        ("principal_curvatures(grad, hess)", t_k),
        ("scalar + principal curvatures (kernels)", t_both),
    ]
    for name, seconds in rows:
        print(f"{name:<48} {seconds:8.3f} s  {args.points / seconds:14,.0f} points/s")
    assert torch.isfinite(c.scalar_curvature).all() and torch.isfinite(c.principal_curvatures).all()


if __name__ == "__main__":
    main()
