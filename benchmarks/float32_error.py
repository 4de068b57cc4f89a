"""Measured float32 error of every dense kernel, against float64 on the same inputs.

Inputs: ``p ~ N(0, I)``, ``H = (A + Aᵀ)/2`` with ``A_ij ~ N(0, 1)`` (seeded), rounded to float32;
each quantity is evaluated from the *same* rounded inputs in float32 and in float64, so the
numbers measure the float32 arithmetic of the kernels (not the rounding of the inputs).  The
pipeline rows run ``curvature(f, x)`` (``torch.func`` derivatives included) for
``f(x) = Σ sin(x_i) x_{i+1} + ½ xᵀAx + log(1 + |x|²)`` at ``x ~ N(0, I)``.

Error of a point: ``max|q₃₂ − q₆₄| / scale`` with the quantity's natural scale (so values that
vanish by cancellation are not divided by ~0):

* metric, inverse metric: ``1 + |p|²``;  Christoffel: ``β |p| ‖H‖``;
* Riemann, Ricci, scalar curvature: ``β ‖H‖²`` (``‖·‖`` Frobenius, ``β = 1/(1+|p|²)``);
* second fundamental form, shape operator, principal and mean curvature: ``√β ‖H‖``;
* Gauss–Kronecker: ``|K|`` itself (plain relative error; it grows with ``cond(H)``).

Reports the median, 99th percentile and maximum over the points.
Run: ``python benchmarks/float32_error.py [--write benchmarks/FLOAT32_ERRORS.md]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch

import geomcheck.numeric as gn

DIMS = (2, 5, 10)
KERNELS = {
    "metric": lambda p, h: gn.graph_metric(p),
    "inverse_metric": lambda p, h: gn.inverse_graph_metric(p),
    "christoffel": gn.christoffel,
    "riemann": lambda p, h: gn.riemann(p, h, allow_large=True),  # 20,000 points x 10^4: ~8 GB estimated
    "ricci": gn.ricci,
    "scalar_curvature": gn.scalar_curvature,
    "second_fundamental_form": gn.second_fundamental_form,
    "shape_operator": gn.shape_operator,
    "principal_curvatures": gn.principal_curvatures,
    "mean_curvature": gn.mean_curvature,
    "gauss_curvature": gn.gauss_curvature,
}


def natural_scale(name: str, p: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    q = (p * p).sum(-1)
    beta = 1 / (1 + q)
    hn = torch.linalg.matrix_norm(h)
    if name in ("metric", "inverse_metric"):
        return 1 + q
    if name == "christoffel":
        return beta * q.sqrt() * hn
    if name in ("riemann", "ricci", "scalar_curvature"):
        return beta * hn**2
    if name == "gauss_curvature":
        return gn.gauss_curvature(p, h).abs()
    return beta.sqrt() * hn


def point_errors(q32: torch.Tensor, q64: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    diff = (q32.double() - q64).abs()
    if diff.ndim > scale.ndim:
        diff = diff.flatten(start_dim=scale.ndim).amax(dim=-1)
    return diff / scale.clamp(min=1e-300)


def summary(errors: torch.Tensor) -> tuple[float, float, float]:
    return (float(errors.median()), float(torch.quantile(errors, 0.99)), float(errors.max()))


def kernel_rows(n_points: int) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for d in DIMS:
        gen = torch.Generator().manual_seed(d)
        p32 = torch.randn(n_points, d, generator=gen).float()
        a = torch.randn(n_points, d, d, generator=gen)
        h32 = ((a + a.transpose(-1, -2)) / 2).float()
        p64, h64 = p32.double(), h32.double()
        for name, kernel in KERNELS.items():
            errors = point_errors(kernel(p32, h32), kernel(p64, h64), natural_scale(name, p64, h64))
            rows.append((name, d, *summary(errors)))
    return rows


def pipeline_rows(n_points: int) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for d in DIMS:
        gen = torch.Generator().manual_seed(100 + d)
        m = torch.randn(d, d, generator=gen, dtype=torch.float64) / d**0.5
        a64 = (m + m.T) / 2

        def f(v: torch.Tensor) -> torch.Tensor:
            a = a64.to(v.dtype)
            return (torch.sin(v[:-1]) * v[1:]).sum() + 0.5 * v @ (a @ v) + torch.log1p(v @ v)

        x32 = torch.randn(n_points, d, generator=gen).float()
        c32, c64 = gn.curvature(f, x32), gn.curvature(f, x32.double())
        for name in ("scalar_curvature", "principal_curvatures", "mean_curvature"):
            scale = natural_scale(name, c64.grad, c64.hess)
            errors = point_errors(getattr(c32, name), getattr(c64, name), scale)
            rows.append((f"curvature(f, x).{name}", d, *summary(errors)))
    return rows


RANGE_GRAD_LOG10 = (0, 10, 19, 25, 30, 37)
RANGE_HESS_LOG10 = (-30, 0, 30)


def _outcome(fn, p: torch.Tensor, h: torch.Tensor):
    try:
        return fn(p, h), ""
    except gn.UnrepresentableError:
        return None, "overflow: UnrepresentableError"


def range_rows(seeds: int = 20) -> list[tuple[str, int, int, str, float]]:
    """float32 over its whole range: ``|p| = 10^a``, ``max|H| = 10^b``, definite ``H`` (d = 5).

    Error = max over ``seeds`` draws of ``|q₃₂ − q₆₄| / |q₆₄|`` (S, mean) or normwise (κ), the
    float64 result from the same float32-rounded inputs (float64 is accurate to 1e-10 in this
    range: ``tests/numeric/test_extreme_regimes.py``).  A result that underflows float32 (below
    1.2e-38) is reported as such, one that overflows as the error the kernel raises.
    """
    from geomcheck.testing.extreme import make_extreme

    tiny32 = torch.finfo(torch.float32).tiny
    rows = []
    kernels = {"scalar_curvature": gn.scalar_curvature, "mean_curvature": gn.mean_curvature,
               "principal_curvatures": gn.principal_curvatures}
    for a in RANGE_GRAD_LOG10:
        for b in RANGE_HESS_LOG10:
            for name, kernel in kernels.items():
                worst, note = 0.0, ""
                for seed in range(seeds):
                    e = make_extreme(5, float(a), float(b), "dense", seed, definite=1)
                    p32, h32 = e.grad.float(), e.hess.float()
                    if not bool(torch.isfinite(p32).all() and torch.isfinite(h32).all()):
                        note = "input not representable in float32"
                        break
                    q32, note = _outcome(kernel, p32, h32)
                    if q32 is None:
                        break
                    q64 = kernel(p32.double(), h32.double())
                    ref = float(q64.abs().max())
                    if ref < tiny32:
                        note = "true value below float32 normal range (IEEE-rounded)"
                        continue
                    worst = max(worst, float((q32.double() - q64).abs().max()) / ref)
                rows.append((name, a, b, note, worst))
    return rows


def range_markdown(rows: list[tuple[str, int, int, str, float]], seeds: int) -> str:
    lines = [
        "",
        "## float32 over its range (scaled kernels)",
        "",
        f"d = 5, definite `H` (`make_extreme(5, a, b, 'dense', seed, definite=1)`), {seeds} seeds per row;",
        "relative error of S and the mean, normwise error of κ, against float64 on the same",
        "float32-rounded inputs.  `|∇f|²` overflows float32 from `|∇f| ≈ 1.8e19`: the kernels never",
        "form it, so the range of `|∇f|` is the whole float32 range (before the scaled form, S was",
        "NaN from `|∇f| ≳ 1e20`).",
        "",
        "| quantity | log10 abs(grad) | log10 max abs(H) | max error | note |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, a, b, note, worst in rows:
        lines.append(f"| {name} | {a} | {b} | {worst:.1e} | {note} |")
    return "\n".join(lines) + "\n"


def to_markdown(rows: list[tuple[str, int, float, float, float]], n_kernel: int, n_pipe: int) -> str:
    lines = [
        "# float32 error of the dense kernels",
        "",
        "Generated by `python benchmarks/float32_error.py --write benchmarks/FLOAT32_ERRORS.md`",
        f"(torch {torch.__version__}, CPU).  Error of a point = max abs difference between the float32",
        "and float64 results from the same float32-rounded inputs, divided by the quantity's natural",
        "scale (`1+|p|²` for the metric, `β|p|‖H‖` for Γ, `β‖H‖²` for Riemann/Ricci/S, `√β‖H‖` for",
        "h, s, κ and mean curvature, `|K|` itself for Gauss–Kronecker; `β = 1/(1+|p|²)`).",
        f"Kernel rows: {n_kernel} points per d, `p ~ N(0, I)`, `H = sym(N(0, 1))`.  Pipeline rows:",
        f"`curvature(f, x)` in float32 (autodiff included), {n_pipe} points per d.",
        "float32 unit roundoff is 6.0e-08.",
        "",
        "| quantity | d | median | p99 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, d, med, p99, mx in rows:
        lines.append(f"| {name} | {d} | {med:.1e} | {p99:.1e} | {mx:.1e} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=20_000, help="points per dimension (kernels)")
    parser.add_argument("--pipeline-points", type=int, default=2_000, help="points per dimension (pipeline)")
    parser.add_argument("--write", type=Path, default=None, help="write the markdown table here")
    args = parser.parse_args()
    rows = kernel_rows(args.points) + pipeline_rows(args.pipeline_points)
    text = to_markdown(rows, args.points, args.pipeline_points) + range_markdown(range_rows(), 20)
    print(text)
    if args.write is not None:
        args.write.write_text(text)
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
