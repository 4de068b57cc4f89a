"""How ``HessianOperator.matmat`` should multiply several vectors: a loop or ``torch.func.vmap``.

On the digits MLP (``benchmarks/_digits_mlp.py``), for each HVP variant (``retain`` on one
full batch; ``recompute`` and ``jvp`` on the data split into batches of 600), the time per column
of ``matmat`` with ``matmat="loop"`` and ``matmat="vmap"``, and of curvlinops'
``HessianLinearOperator @ X`` on the same model and data (its native product: one forward pass,
then a backward pass per column), for several column counts.  Best of ``--reps`` runs after one
warm-up; ``--clock cpu`` (default) reads ``time.process_time`` — the CPU time of this process,
which other processes on a shared machine barely disturb — and ``--clock wall`` the wall clock.
All products of one row are checked to agree (relative 1e-10) before they are timed.

The numbers decide ``matmat="auto"`` (see ``geomcheck/operators/hessian.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _digits_mlp import digits_problem  # noqa: E402

from geomcheck.operators import HessianOperator  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hidden", type=int, nargs="+", default=[70])
    ap.add_argument("--columns", type=int, nargs="+", default=[1, 4, 16, 32, 102])
    ap.add_argument("--modes", nargs="+", default=["retain", "recompute", "jvp"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    ap.add_argument("--skip-curvlinops", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    def best(fn, V):
        out = fn(V)
        t = float("inf")
        for _ in range(args.reps):
            t0 = clock()
            fn(V)
            t = min(t, clock() - t0)
        return t, out

    print(f"torch {torch.__version__}, {args.threads} thread(s), {args.clock} time per column in ms "
          f"(best of {args.reps})")
    for h in args.hidden:
        prob = digits_problem(h)
        X, y = prob.data
        batches = [(X[i:i + 600], y[i:i + 600]) for i in range(0, len(X), 600)]
        cl = None
        if not args.skip_curvlinops:
            from curvlinops import HessianLinearOperator

            params = [p for p in prob.model.parameters() if p.requires_grad]
            cl = HessianLinearOperator(prob.model, prob.loss_fn, params, [prob.data], check_deterministic=False)
        print(f"\nh = {h}: d = {prob.d}")
        print(f"{'variant':<22}{'columns':>8}{'loop':>10}{'vmap':>10}{'vmap/loop':>11}"
              + ("" if cl is None else f"{'curvlinops':>12}{'cl/best':>9}"))
        for mode in args.modes:
            data = prob.data if mode == "retain" else batches
            ops = {kind: HessianOperator(prob.model, prob.loss_fn, data, hvp=mode, matmat=kind)
                   for kind in ("loop", "vmap")}
            auto = HessianOperator(prob.model, prob.loss_fn, data, hvp=mode)
            label = f"{mode} ({'1 batch' if mode == 'retain' else f'{len(batches)} batches'})"
            for m in args.columns:
                V = torch.randn(prob.d, m, dtype=torch.float64, generator=torch.Generator().manual_seed(m))
                tl, yl = best(ops["loop"].matmat, V)
                tv, yv = best(ops["vmap"].matmat, V)
                err = float((yl - yv).norm() / yl.norm())
                assert err < 1e-10, f"loop and vmap disagree: {err:.2e}"
                row = f"{label:<22}{m:>8}{1e3 * tl / m:>10.2f}{1e3 * tv / m:>10.2f}{tv / tl:>11.2f}"
                if cl is not None and mode == "retain":
                    tc, yc = best(lambda Z: cl @ Z, V)
                    assert float((yc - yl).norm() / yl.norm()) < 1e-10
                    row += f"{1e3 * tc / m:>12.2f}{tc / min(tl, tv):>9.2f}"
                chosen = "vmap" if auto.matmat_batched else "loop"
                print(row + f"   auto → {chosen}", flush=True)


if __name__ == "__main__":
    main()
