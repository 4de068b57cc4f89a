"""Scale-out of data-parallel Hessian products: products per second with 1 and 2 gloo ranks.

    python benchmarks/distributed_scaleout.py                # runs the configurations below
    python benchmarks/distributed_scaleout.py --backend nccl --configs 1x1 2x1 4x1 8x1   # GPUs

Each configuration ``WxT`` is launched with torchrun (``W`` ranks, ``T`` intra-op threads per
rank; on a 2-core machine ``1x1``, ``1x2`` and ``2x1``) on the same problem: a tanh MLP
64-h-h-10 (float64, seeded), mean cross-entropy over a synthetic data set of ``--samples``
Gaussian inputs with random labels, the data split in ``W`` contiguous blocks
(:func:`geomcheck.shard_indices`).  Per rank and round (``--rounds``, interleaved, after warm-up):

* ``local``:   one local HVP over the rank's shard (``op.local.matvec``, retained graph);
* ``reduce``:  one ``all_reduce`` of d numbers alone (after a barrier, so all ranks enter together);
* ``fingerprint``: the header's fingerprint of the input vector alone;
* ``product``: one :class:`geomcheck.DistributedHessianOperator` product without the header
  (``check_consistency=False``: local HVP + one all-reduce), and ``checked`` with it (the default).

Reported: medians over rounds of rank 0 (and the slowest rank's median), products per second
``1/product``, the all-reduce share ``reduce / product``, the header's share, and a top-1
``lanczos`` (tol 1e-6) wall time.  Cost model: ``product ≈ local(N/W) + reduce(d)``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker(args: argparse.Namespace) -> None:
    import datetime

    import torch
    import torch.distributed as dist
    from torch import nn

    import geomcheck
    from geomcheck.operators.distributed import fingerprint
    from geomcheck.operators.probes import rademacher

    dist.init_process_group(args.backend, timeout=datetime.timedelta(seconds=600))
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.set_num_threads(args.threads)
    device = torch.device("cpu")
    if args.backend == "nccl":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(device)
    g = torch.Generator().manual_seed(0)
    X = torch.randn(args.samples, 64, generator=g, dtype=torch.float64)
    y = torch.randint(0, 10, (args.samples,), generator=g)
    torch.manual_seed(0)
    h = args.hidden
    model = nn.Sequential(nn.Linear(64, h), nn.Tanh(), nn.Linear(h, h), nn.Tanh(), nn.Linear(h, 10)).double().to(device)
    idx = geomcheck.shard_indices(args.samples)
    data = (X[idx.start:idx.stop].to(device), y[idx.start:idx.stop].to(device))
    op = geomcheck.DistributedHessianOperator(model, nn.CrossEntropyLoss(), data)
    v = rademacher(op.size, seed=1, dtype=op.dtype, device=op.device)
    v = v / torch.linalg.vector_norm(v)

    def sync() -> None:
        if device.type == "cuda":
            torch.cuda.synchronize()

    def timed(fn: object) -> float:
        dist.barrier()
        sync()
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        sync()
        return time.perf_counter() - t0

    buf = torch.zeros(op.size, dtype=op.dtype, device=op.device)

    def product_plain() -> None:
        op.check_consistency = False
        op.matvec(v)
        op.check_consistency = True

    tasks = {"local": lambda: op.local.matvec(v), "reduce": lambda: dist.all_reduce(buf),
             "product": product_plain, "checked": lambda: op.matvec(v), "fingerprint": lambda: int(fingerprint(v))}
    for _ in range(args.warmup):
        for fn in tasks.values():
            timed(fn)
    times: dict[str, list[float]] = {k: [] for k in tasks}
    for _ in range(args.rounds):
        for name, fn in tasks.items():
            times[name].append(timed(fn))
    med = {k: statistics.median(t) for k, t in times.items()}
    slowest = torch.tensor([med[k] for k in tasks], dtype=torch.float64, device=device)
    dist.all_reduce(slowest, op=dist.ReduceOp.MAX)
    dist.barrier()
    sync()
    t0 = time.perf_counter()
    res = geomcheck.lanczos(op, k=1, tol=1e-6, seed=0)
    sync()
    lanczos_s = time.perf_counter() - t0
    if rank == 0:
        out = {"world": world, "threads": args.threads, "backend": args.backend, "d": op.size,
               "samples": args.samples, "shards": list(op.shard_sizes), "median": med,
               "slowest_rank_median": dict(zip(tasks, slowest.tolist())),
               "lanczos_s": lanczos_s, "lanczos_matvecs": res.num_matvecs,
               "lambda_max": float(res.eigenvalues[-1]), "converged": bool(res.converged.all())}
        print("RESULT " + json.dumps(out), flush=True)
    dist.destroy_process_group()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="gloo", choices=["gloo", "nccl"])
    parser.add_argument("--configs", nargs="+", default=["1x1", "1x2", "2x1"], help="WxT: ranks x threads")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--samples", type=int, default=16384)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    import platform

    import torch

    print(f"# python benchmarks/distributed_scaleout.py {' '.join(sys.argv[1:])}")
    print(f"# {platform.machine()}, {os.cpu_count()} cores (shared with other jobs: timings are noisy), "
          f"torch {torch.__version__}, backend {args.backend}")
    results = []
    for cfg in args.configs:
        w, t = (int(x) for x in cfg.split("x"))
        cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={w}",
               str(Path(__file__).resolve()), "--worker", f"--backend={args.backend}", f"--threads={t}",
               f"--samples={args.samples}", f"--hidden={args.hidden}", f"--rounds={args.rounds}",
               f"--warmup={args.warmup}"]
        env = dict(os.environ, OMP_NUM_THREADS=str(t), PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if proc.returncode != 0 or line is None:
            print(proc.stdout[-3000:], proc.stderr[-3000:])
            raise SystemExit(f"configuration {cfg} failed")
        r = json.loads(line[len("RESULT "):])
        results.append(r)
        m, s = r["median"], r["slowest_rank_median"]
        print(f"{w} rank(s) x {t} thread(s): d = {r['d']:,}, shards {r['shards']}; medians (ms, rank 0 / slowest rank): "
              f"local HVP {1e3 * m['local']:.1f} / {1e3 * s['local']:.1f}, all-reduce of d {1e3 * m['reduce']:.2f} / "
              f"{1e3 * s['reduce']:.2f}, product {1e3 * m['product']:.1f}, checked product {1e3 * m['checked']:.1f}, "
              f"fingerprint of v {1e3 * m['fingerprint']:.2f}")
        print(f"    products/s {1 / m['product']:.2f} (checked {1 / m['checked']:.2f}); all-reduce share of a product "
              f"{m['reduce'] / m['product']:.1%}; header share {(m['checked'] - m['product']) / m['checked']:.1%}; "
              f"cost model slowest local + reduce = {1e3 * (s['local'] + m['reduce']):.1f} ms vs product {1e3 * m['product']:.1f} ms; "
              f"lanczos top-1 {r['lanczos_matvecs']} products {r['lanczos_s']:.2f} s, lambda_max {r['lambda_max']:.12g}")
    base = results[0]["median"]["product"]
    for r in results[1:]:
        print(f"speed-up {r['world']}x{r['threads']} vs {results[0]['world']}x{results[0]['threads']}: "
              f"{base / r['median']['product']:.2f}x products/s (checked: "
              f"{results[0]['median']['checked'] / r['median']['checked']:.2f}x)")
    lams = {r["lambda_max"] for r in results}
    spread = max(lams) - min(lams)
    print(f"lambda_max spread over configurations: {spread:.2e}")


if __name__ == "__main__":
    main()
