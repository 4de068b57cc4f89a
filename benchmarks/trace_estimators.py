"""Trace and scalar-curvature estimators on the digits MLP (d ≈ 10^4) vs curvlinops.

For the Hessian of the trained digits MLP (``benchmarks/_digits_mlp.py``, h = 70: d = 10,230):

* exact trace and scalar curvature from the dense Hessian (d products in blocks, cached under
  ``$GEOMCHECK_BENCH_CACHE``/tmp);
* RMS relative trace error over ``--seeds`` seeds at budgets 30, 102, 300 for geomcheck's
  Hutchinson, Hutch++, XTrace and curvlinops' ``hutchinson_trace``, ``hutchpp_trace``,
  ``xtrace``, curvlinops twice: on its own ``HessianLinearOperator`` of the same model and data
  ("native": what a curvlinops user runs, end to end) and on a ``PyTorchLinearOperator`` wrapper of
  geomcheck's ``HessianOperator.matmat`` ("our products": both pay identical products, so the
  times compare the estimators' own work), with wall and CPU times per estimate;
* scalar curvature (``ustat`` and ``hutch++``) at ≤ 300 HVPs: RMS relative error and coverage
  of the reported 95 % interval over the seeds.

Quick default: 3 seeds (``--seeds 20`` for the issue's setting).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _digits_mlp import CACHE_DIR, digits_problem  # noqa: E402

from geomcheck.estimators import graph_scalar_curvature, trace_estimate  # noqa: E402
from geomcheck.numeric import scalar_curvature  # noqa: E402
from geomcheck.operators import HessianOperator  # noqa: E402


def dense_hessian(op: HessianOperator, block: int, key: str) -> torch.Tensor:
    path = CACHE_DIR / f"dense_hessian_{key}_torch{torch.__version__}.pt"
    if path.exists():
        return torch.load(path, weights_only=True)
    d = op.size
    H = torch.empty(d, d, dtype=op.dtype)
    t0 = time.perf_counter()
    for j in range(0, d, block):
        E = torch.zeros(d, min(block, d - j), dtype=op.dtype)
        E[torch.arange(j, j + E.shape[1]), torch.arange(E.shape[1])] = 1.0
        H[:, j:j + E.shape[1]] = op.matmat(E)
    H = (H + H.T) / 2
    print(f"dense Hessian: {d} products in {time.perf_counter() - t0:.1f} s")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    torch.save(H, tmp)
    os.replace(tmp, path)
    return H


def curvlinops_wrapper(op: HessianOperator, block: int):
    from curvlinops._torch_base import PyTorchLinearOperator

    class Wrapped(PyTorchLinearOperator):
        SELF_ADJOINT = True

        def __init__(self) -> None:
            super().__init__([(op.size,)], [(op.size,)])

        @property
        def dtype(self):
            return op.dtype

        @property
        def device(self):
            return op.device

        def _matmat(self, X):
            V = X[0]
            return [torch.cat([op.matmat(V[:, j:j + block].contiguous()) for j in range(0, V.shape[1], block)], 1)]

    return Wrapped()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hidden", type=int, default=70)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--budgets", type=int, nargs="+", default=[30, 102, 300])
    ap.add_argument("--block", type=int, default=None,
                    help="columns per matmat call (default: all; matmat batches as measured per setting)")
    ap.add_argument("--curvlinops-operator", choices=("native", "ours", "both"), default="both")
    ap.add_argument("--scalar-matvecs", type=int, default=300)
    ap.add_argument("--skip-curvlinops", action="store_true")
    ap.add_argument("--methods", nargs="+", default=None,
                    help="only these methods (names as printed, e.g. hutch++ 'curvlinops hutchpp_trace')")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default min(2, cores); 1 on a busy machine, where waiting threads spin)")
    ap.add_argument("--no-scalar", action="store_true", help="skip the scalar-curvature part")
    args = ap.parse_args()
    torch.set_num_threads(args.threads or max(1, min(2, os.cpu_count() or 1)))
    prob = digits_problem(args.hidden)
    op = HessianOperator(prob.model, prob.loss_fn, prob.data)
    H = dense_hessian(op, 256, f"digits_h{args.hidden}_seed{prob.seed}")
    exact = float(torch.trace(H))
    S_exact = float(scalar_curvature(op.gradient, H))
    print(f"d = {op.size}, tr H = {exact:.6e}, ‖H‖_F = {float(torch.linalg.matrix_norm(H)):.4e}, "
          f"S = {S_exact:.6e}, |p| = {float(op.gradient.norm()):.3e}")
    del H
    ours = {m: (lambda s, n, m=m: trace_estimate(op, num_matvecs=n, method=m, seed=s, block=args.block).value)
            for m in ("hutchinson", "hutch++", "xtrace")}
    methods = dict(ours)
    if not args.skip_curvlinops:
        from curvlinops import hutchinson_trace, hutchpp_trace, xtrace

        operators = {}
        if args.curvlinops_operator in ("native", "both"):
            from curvlinops import HessianLinearOperator

            params = [p for p in prob.model.parameters() if p.requires_grad]
            operators["curvlinops"] = HessianLinearOperator(prob.model, prob.loss_fn, params, [prob.data],
                                                            check_deterministic=False)
        if args.curvlinops_operator in ("ours", "both"):
            operators["curvlinops (our HVP)"] = curvlinops_wrapper(op, args.block or 10**9)

        def cl(fn, A):
            def run(s, n):
                torch.manual_seed(s)
                return float(fn(A, n))
            return run

        for label, A in operators.items():
            methods.update({f"{label} hutchinson_trace": cl(hutchinson_trace, A),
                            f"{label} hutchpp_trace": cl(hutchpp_trace, A), f"{label} xtrace": cl(xtrace, A)})
    if args.methods:
        unknown = set(args.methods) - set(methods)
        if unknown:
            raise SystemExit(f"unknown methods {sorted(unknown)}; choose from {sorted(methods)}")
        methods = {k: v for k, v in methods.items() if k in args.methods}
    print(f"\ntrace: RMS relative error over {args.seeds} seeds (± its standard error, delta method), "
          f"mean wall / CPU time per estimate ({torch.get_num_threads()} threads)")
    print(f"{'method':<44}" + "".join(f"{'m=' + str(b):>31}" for b in args.budgets))
    for name, fn in methods.items():
        fn(10**6, min(args.budgets))  # warm-up (first-call allocations and dispatch), not timed
        row = f"{name:<44}"
        for b in args.budgets:
            errs, t0, c0 = [], time.perf_counter(), time.process_time()
            for s in range(args.seeds):
                errs.append((fn(s, b) - exact) / exact)
            wall = (time.perf_counter() - t0) / args.seeds
            cpu = (time.process_time() - c0) / args.seeds
            rms = math.sqrt(sum(e * e for e in errs) / len(errs))
            sq = [e * e for e in errs]
            mean_sq = sum(sq) / len(sq)
            sd_sq = math.sqrt(sum((x - mean_sq) ** 2 for x in sq) / max(len(sq) - 1, 1))
            se_rms = sd_sq / (2 * rms * math.sqrt(len(sq))) if rms > 0 else float("nan")
            row += f"{rms:>10.2e} ±{se_rms:.1e} {wall:>6.2f}/{cpu:>6.2f} s"
        print(row, flush=True)
    if args.no_scalar:
        return
    print(f"\nscalar curvature at {args.scalar_matvecs} HVPs over {args.seeds} seeds (exact S = {S_exact:.6e})")
    for method in ("ustat", "hutch++"):
        errs, cover, t0, ses = [], 0, time.perf_counter(), []
        for s in range(args.seeds):
            e = graph_scalar_curvature(op, num_matvecs=args.scalar_matvecs, seed=s, method=method, block=args.block)
            errs.append((e.value - S_exact) / S_exact)
            ses.append(e.stderr / abs(S_exact))
            cover += e.interval[0] <= S_exact <= e.interval[1]
        wall = (time.perf_counter() - t0) / args.seeds
        rms = math.sqrt(sum(x * x for x in errs) / len(errs))
        print(f"{method:<10} RMS rel. error {rms:.2e}, max {max(map(abs, errs)):.2e}, mean rel. stderr "
              f"{sum(ses) / len(ses):.2e}, coverage {cover}/{args.seeds}, {wall:.2f} s/estimate", flush=True)


if __name__ == "__main__":
    main()
