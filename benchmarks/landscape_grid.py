"""51 × 51 loss surface of the digits MLP: geomcheck.landscape.loss_surface (vmap over grid points)
against the loop over grid points that loss-landscapes and Li et al.'s scripts run.

The anchor is written here, since ``loss-landscapes`` (unmaintained since 2019) is not installed:
its ``planar_interpolation`` keeps one parameter vector, moves it in place to each grid point
(``start_point.add_`` of the step vectors) and calls the model once per point; Li et al.'s
``crunch`` likewise sets the weights (``set_weights``) and evaluates the loss point by point.
``anchor_loop`` below does the same with ``torch.nn.utils.vector_to_parameters`` and one forward
pass per point under ``torch.no_grad``.  Both run in this process on the same model, directions
and grid; the surfaces must agree to 1e-12 relative.

Usage: ``python benchmarks/landscape_grid.py [--hidden 32 70] [--grid 51] [--repeats 3]``; the raw
output of the committed run is in ``benchmarks/results/landscape_grid.txt``.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import torch

from geomcheck.landscape.digits import digits_model
from geomcheck.landscape.directions import filter_normalized_direction, flat_parameters
from geomcheck.landscape.surface import grid, loss_surface


def anchor_loop(model, loss_fn, X, y, d1, d2, alphas, betas) -> np.ndarray:
    """One forward pass per grid point, parameters set in place (loss-landscapes / Li et al.)."""
    theta = flat_parameters(model)
    out = np.empty((len(betas), len(alphas)))
    params = list(model.parameters())
    with torch.no_grad():
        for j, b in enumerate(betas):
            for i, a in enumerate(alphas):
                torch.nn.utils.vector_to_parameters(theta + a * d1 + b * d2, params)
                out[j, i] = float(loss_fn(model(X), y))
        torch.nn.utils.vector_to_parameters(theta, params)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hidden", type=int, nargs="+", default=[32, 70])
    ap.add_argument("--grid", type=int, default=51)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--own-loop", action="store_true", help="also time loss_surface(method='loop')")
    args = ap.parse_args()
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (shared machine: timings are noisy)")
    g = grid(-1.0, 1.0, args.grid)
    for h in args.hidden:
        dm = digits_model(hidden=h, steps=300)
        print(dm.describe())
        m = dm.model
        d1 = filter_normalized_direction(m, seed=1, bias_bn="zero")
        d2 = filter_normalized_direction(m, seed=2, bias_bn="zero")
        t_ours, t_anchor, t_loop, c_ours = [], [], [], []
        for _ in range(args.repeats):
            c0 = time.process_time()
            s = loss_surface(m, dm.loss_fn, dm.data, (d1, d2), alphas=g, betas=g, method="vmap")
            c_ours.append(time.process_time() - c0)
            t_ours.append(s.seconds)
            t0 = time.perf_counter()
            ref = anchor_loop(m, dm.loss_fn, dm.X, dm.y, d1, d2, g, g)
            t_anchor.append(time.perf_counter() - t0)
            if args.own_loop:
                sl = loss_surface(m, dm.loss_fn, dm.data, (d1, d2), alphas=g, betas=g, method="loop")
                t_loop.append(sl.seconds)
            err = float(np.max(np.abs(s.loss - ref) / np.abs(ref)))
            assert err < 1e-12, err
        mo, ma = min(t_ours), min(t_anchor)
        ml = min(t_loop) if t_loop else float("nan")
        print(f"h = {h}, d = {dm.num_params:,}, {args.grid}x{args.grid} = {g.size ** 2} points, chunk {s.info['chunk']}: "
              f"vmap {mo:.2f} s wall, {min(c_ours):.2f} s CPU (runs {', '.join(f'{t:.2f}' for t in t_ours)}), "
              f"anchor loop {ma:.2f} s ({', '.join(f'{t:.2f}' for t in t_anchor)}), "
              f"our loop {ml:.2f} s; anchor/vmap = {ma / mo:.2f}x; max rel. difference {err:.1e}")


if __name__ == "__main__":
    main()
