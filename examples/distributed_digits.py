"""Top Hessian eigenvalues and graph principal curvatures of a digits MLP, the data split across ranks.

Launch with torchrun (one process per rank; every rank runs this whole script):

    # one machine, 2 CPU processes (gloo)
    torchrun --nproc-per-node 2 examples/distributed_digits.py
    # one machine, 8 GPUs (NCCL, one GPU per process)
    torchrun --nproc-per-node 8 examples/distributed_digits.py --backend nccl
    # two machines: run the same line on both (torchrun's c10d rendezvous on HOST:29400)
    torchrun --nnodes 2 --nproc-per-node 8 --rdzv-backend c10d --rdzv-endpoint HOST:29400 \
        --rdzv-id digits examples/distributed_digits.py --backend nccl

What it does: rank 0 trains a tanh MLP 64-h-h-10 on scikit-learn's bundled digits (1,797 images,
no download; full-batch Adam, float64) and broadcasts the weights, so every rank holds the same
replica; each rank keeps its block of the samples (:func:`geomcheck.shard_indices`: uneven
blocks, each sample exactly once); :class:`geomcheck.DistributedHessianOperator` multiplies by
the Hessian of the mean cross-entropy over *all* samples with one all-reduce of d numbers per
product; :func:`geomcheck.lanczos` and :func:`geomcheck.graph_principal_curvatures` run unchanged
on it, on every rank, and every rank gets the same result.  ``--check`` makes rank 0 recompute
both with one process over the whole data and print the largest difference.
"""

from __future__ import annotations

import argparse
import datetime
import os
import time

import numpy as np
import torch
import torch.distributed as dist
from torch import nn

import geomcheck


def load_digits(dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    from sklearn.datasets import load_digits as sk_digits

    digits = sk_digits()
    X = torch.as_tensor(np.asarray(digits.data, dtype=np.float64) / 16.0).to(dtype)
    return X, torch.as_tensor(np.asarray(digits.target, dtype=np.int64))


def build_model(hidden: int, dtype: torch.dtype) -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(64, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                         nn.Linear(hidden, 10)).to(dtype)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="gloo", choices=["gloo", "nccl"])
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--steps", type=int, default=300, help="full-batch Adam steps on rank 0")
    parser.add_argument("--k", type=int, default=4, help="eigenvalues / curvatures wanted")
    parser.add_argument("--tol", type=float, default=1e-8)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a stuck collective fails")
    parser.add_argument("--check", action="store_true", help="rank 0 compares with one process")
    args = parser.parse_args()

    dist.init_process_group(args.backend, timeout=datetime.timedelta(seconds=args.timeout))
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device("cpu")
    if args.backend == "nccl":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(device)
    dtype = torch.float64
    X, y = load_digits(dtype)
    model = build_model(args.hidden, dtype).to(device)
    loss_fn = nn.CrossEntropyLoss()

    if rank == 0:  # train once, then replicate (every rank must hold the same parameters)
        opt = torch.optim.Adam(model.parameters(), lr=1e-2)
        Xd, yd = X.to(device), y.to(device)
        for _ in range(args.steps):
            opt.zero_grad()
            loss_fn(model(Xd), yd).backward()
            opt.step()
    with torch.no_grad():
        for p in model.parameters():
            dist.broadcast(p, src=0)
    model.eval()

    shard = geomcheck.shard_indices(len(X))   # this rank's block: every sample exactly once
    data = (X[shard.start:shard.stop].to(device), y[shard.start:shard.stop].to(device))
    t0 = time.perf_counter()
    op = geomcheck.DistributedHessianOperator(model, loss_fn, data)
    top = geomcheck.lanczos(op, k=args.k, which="LA", tol=args.tol, seed=0)
    curv = geomcheck.graph_principal_curvatures(op, k=args.k, which="BE", tol=args.tol, seed=1)
    seconds = time.perf_counter() - t0

    if rank == 0:
        print(f"{world} rank(s), backend {args.backend}, d = {op.size:,}, samples per rank {op.shard_sizes} "
              f"(this rank: {shard}), loss {float(op.loss):.6g}, |grad|^2 {float(op.gradient @ op.gradient):.3g}")
        print(f"top-{args.k} Hessian eigenvalues: {np.array2string(top.eigenvalues.numpy(), precision=10)} "
              f"({top.num_matvecs} products, converged {bool(top.converged.all())})")
        print(f"principal curvatures, both ends: {np.array2string(curv.eigenvalues.numpy(), precision=10)} "
              f"({curv.num_matvecs} products, converged {bool(curv.converged.all())})")
        print(f"{op.num_matvecs} distributed products, {op.num_allreduces} all-reduces, {seconds:.2f} s")
    if args.check:
        if rank == 0:
            ref_op = geomcheck.HessianOperator(model, loss_fn, (X.to(device), y.to(device)))
            ref_top = geomcheck.lanczos(ref_op, k=args.k, which="LA", tol=args.tol, seed=0)
            ref_curv = geomcheck.graph_principal_curvatures(ref_op, k=args.k, which="BE", tol=args.tol, seed=1)
            e1 = float((top.eigenvalues - ref_top.eigenvalues).abs().max())
            e2 = float((curv.eigenvalues - ref_curv.eigenvalues).abs().max())
            print(f"check against one process over the whole data: max |difference| eigenvalues {e1:.2e}, "
                  f"curvatures {e2:.2e}")
        dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
