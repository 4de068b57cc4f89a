"""Measured chart invariance of the principal curvatures (issue: curvature in any chart).

Draws (hypothesis, derandomised, ``--examples`` of them; the ``thorough`` profile's 1,000 by
default) a lifted smooth function ``F`` (:func:`geomcheck.testing.lifted.lifted_functions`,
``d = 50–300``), a point and a random chart (:func:`geomcheck.testing.charts`, ``cond(J) ≤ 10⁴``),
and records, in float64:

* ``rel_theta``: ``max |κ_ψ − κ_θ| / max|κ|`` between the ψ-side invariant principal curvatures
  (:func:`geomcheck.principal_curvatures_in_chart`, exact solves through the chart's inverse) and
  the SymPy derivation at ``θ = φ(ψ)`` (``scipy.linalg.eigh(h, g)`` of SymPy's exact derivatives);
* ``rel_matrix_free``: the same against θ-side :func:`geomcheck.graph_principal_curvatures`;
* ``hvp_ratio``: HVPs of the ψ-side run / HVPs of the θ-side run, both with seed 2 (target ≤ 3);
* ``hessian_moved``: ``max |λ(∇²(F∘φ)) − λ(∇²F)| / max|λ|`` for the extreme Hessian eigenvalues;
* ``normwise``: the same difference over ``w‖H‖₂`` — the accuracy any matrix-free method in these
  coordinates can promise: where ``H`` is huge along ``∇F`` (a steep graph), the curvatures can be
  ``≪ w‖H‖₂`` and their rounding (``ε w‖H‖₂``) is then large relative to them;
* draws refused with a clear error (non-finite gradient or products, or the symmetry probe at that
  rounding level) are counted and listed, not hidden.

Prints the distribution (max, 99th percentile, median) and the worst draw; ``--json`` saves it.
Run: ``python benchmarks/chart_invariance.py --examples 1000``.
"""

from __future__ import annotations

import argparse
import json
import math
import time
import warnings

import numpy as np
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.progress import Progress

import geomcheck as gc
from geomcheck.eigen.result import ConvergenceWarning
from geomcheck.testing import charts
from geomcheck.testing.lifted import Lifted, lifted_functions, sympy_principal_curvatures
from geomcheck.testing.spectra import extreme_values

F64 = torch.float64


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--max-d", type=int, default=300)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    torch.set_num_threads(1)
    records: list[dict] = []
    refused: list[dict] = []
    t0 = time.perf_counter()

    with Progress() as progress:
        task = progress.add_task("chart invariance", total=args.examples)

        @settings(max_examples=args.examples, derandomize=True, database=None, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        @given(data=st.data(), F=lifted_functions(max_d=args.max_d), seed=st.integers(0, 2**31 - 1))
        def run(data, F: Lifted, seed: int) -> None:
            chart = data.draw(charts(F.d, max_condition=1e4))
            rng = np.random.default_rng(seed)
            psi = torch.as_tensor(rng.uniform(-1.0, 1.0, F.d), dtype=F64)
            theta = chart(psi)
            p, H = F.sympy_derivatives(theta)
            assume(np.isfinite(p).all() and np.isfinite(H).all() and float(np.abs(theta).max()) < 1e3)
            kappa = sympy_principal_curvatures(p, H)
            scale = max(float(np.abs(kappa).max()), 1e-300)
            lam = np.linalg.eigvalsh(H)
            w_norm = float(np.abs(lam).max()) / math.sqrt(1.0 + float(p @ p))  # w‖H‖₂: the normwise scale
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    res = gc.principal_curvatures_in_chart(F, chart, psi, k=2, which="BE", tol=1e-10, seed=2,
                                                           chart_inverse=chart.inverse, max_condition=1e5)
                    side = gc.graph_principal_curvatures(gc.HessianOperator.from_function(F, theta), k=2,
                                                         which="BE", tol=1e-10, seed=2)
            except gc.InvalidInputError as exc:
                refused.append(dict(function=repr(F), chart=repr(chart), error=str(exc)[:160],
                                    grad_norm=float(np.linalg.norm(p)), normwise_over_max_kappa=w_norm / scale))
                progress.update(task, completed=len(records) + len(refused))
                return
            inv = res.invariant.eigenvalues.numpy()
            records.append(dict(
                d=F.d, chart=repr(chart), cond_bound=chart.bound, cond_probe=res.jacobian_condition,
                rel_theta=float(np.abs(inv - extreme_values(kappa, 2, "BE")).max() / scale),
                rel_matrix_free=float(np.abs(inv - side.eigenvalues.numpy()).max() / scale),
                normwise=float(np.abs(inv - extreme_values(kappa, 2, "BE")).max() / max(w_norm, 1e-300)),
                spread=w_norm / scale,
                hvp_ratio=res.invariant.num_matvecs / max(side.num_matvecs, 1),
                hessian_moved=float(np.abs(res.hessian.eigenvalues.numpy() - extreme_values(lam, 2, "BE")).max()
                                    / max(float(np.abs(lam).max()), 1e-300)),
                function=repr(F),
            ))
            progress.update(task, completed=len(records) + len(refused))

        run()
    seconds = time.perf_counter() - t0
    rel = np.array([r["rel_theta"] for r in records])
    mf = np.array([r["rel_matrix_free"] for r in records])
    ratio = np.array([r["hvp_ratio"] for r in records])
    moved = np.array([r["hessian_moved"] for r in records])
    worst = records[int(np.argmax(rel))]
    print(f"chart invariance, float64, {len(records)} draws (d = 50..{args.max_d}, cond(J) <= 1e4), {seconds:.0f} s")
    for name, v in (("psi-side vs SymPy theta-side", rel), ("psi-side vs matrix-free theta-side", mf)):
        print(f"  {name:36s} max {v.max():.2e}  p99 {np.percentile(v, 99):.2e}  median {np.median(v):.2e}")
    norm = np.array([r["normwise"] for r in records])
    spread = np.array([r["spread"] for r in records])
    ok = spread <= 1e3
    print(f"  normwise (of w‖H‖₂)                   max {norm.max():.2e}  p99 {np.percentile(norm, 99):.2e}")
    if ok.any():
        print(f"  relative, draws with w‖H‖₂ <= 1e3 max|κ| ({int(ok.sum())}): max {rel[ok].max():.2e}")
    print(f"  HVP ratio psi/theta                   max {ratio.max():.2f}  mean {ratio.mean():.2f}")
    print(f"  refused with a clear error: {len(refused)} draws")
    for r in refused[:8]:
        print(f"    |grad| {r['grad_norm']:.2e}, w‖H‖/max|κ| {r['normwise_over_max_kappa']:.1e}: {r['error'][:110]}")
    nonisometric = np.array(["orthogonal" not in r["chart"] or "rescale" in r["chart"] for r in records])
    print(f"  Hessian extremes moved (rel)          median {np.median(moved):.2e}; "
          f"< 1e-6 in {int((moved < 1e-6).sum())} of {len(moved)} draws "
          f"({int((moved[nonisometric] < 1e-6).sum())} of them with a non-orthogonal chart)")
    print(f"  worst draw: {worst['function']}, chart {worst['chart']}, cond bound {worst['cond_bound']:.3g}, "
          f"probe {worst['cond_probe']:.3g}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(dict(seconds=seconds, records=records, refused=refused), fh, indent=1)
        print(f"wrote {args.json}")
    assert math.isfinite(float(rel.max()))


if __name__ == "__main__":
    main()
