"""Data-parallel Hessian products over torch.distributed (gloo on CPU; NCCL under ``gpu``).

Each multi-process test starts ``W`` processes of this file (``python test_distributed.py
<scenario> <dir> <rank> <world> <backend>``), as torchrun would (one process per rank, a file://
rendezvous in a temporary directory), each writes its results with ``torch.save``, and pytest
compares them with one process over the whole data.  The expected values come from
:class:`geomcheck.HessianOperator` over the concatenated data — an independent path (no
collective, one batch) — not from the distributed code.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import torch
from torch import nn

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]

N_SAMPLES = 101
SPLIT = (37, 64)          # uneven shards of the 2-rank runs
SPLIT3 = (20, 50, 31)     # 3 ranks, rank 1 holds a list of batches


# ------------------------------------------------------------------ the problem (both sides)
def make_problem(hidden: int = 12, dtype: torch.dtype = torch.float64, seed: int = 0) -> tuple[nn.Module, torch.Tensor, torch.Tensor]:
    """tanh MLP 5-h-h-3 at a seeded random point, synthetic data (101 samples)."""
    g = torch.Generator().manual_seed(1234)
    X = torch.randn(N_SAMPLES, 5, generator=g, dtype=torch.float64).to(dtype)
    y = torch.randint(0, 3, (N_SAMPLES,), generator=g)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                          nn.Linear(hidden, 3)).to(dtype)
    return model, X, y


def shard(X: torch.Tensor, y: torch.Tensor, sizes: tuple[int, ...], rank: int) -> tuple[torch.Tensor, torch.Tensor]:
    start = sum(sizes[:rank])
    return X[start:start + sizes[rank]], y[start:start + sizes[rank]]


def run_algorithms(op: Any) -> dict[str, Any]:
    """The algorithms whose results must agree (same calls, same seeds on every side)."""
    import geomcheck

    out: dict[str, Any] = {}
    top = geomcheck.lanczos(op, k=3, which="LA", tol=1e-10, seed=3)
    out["top"] = top.eigenvalues
    out["top_vectors"] = top.eigenvectors.detach().cpu()
    out["top_history"] = torch.tensor(top.history)
    out["top_matvecs"] = top.num_matvecs
    low = geomcheck.lanczos(op, k=1, which="SA", tol=1e-10, seed=4)
    out["bottom"] = low.eigenvalues
    out["bottom_converged"] = bool(low.converged.all())
    # a small basis forces many thick restarts (restart coefficients come from host NumPy arrays)
    restarted = geomcheck.lanczos(op, k=2, which="SA", tol=1e-10, seed=10, ncv=6)
    out["restarted"] = restarted.eigenvalues
    out["restarted_vectors"] = restarted.eigenvectors.detach().cpu()
    out["num_restarts"] = restarted.num_restarts
    curv = geomcheck.graph_principal_curvatures(op, k=2, which="BE", tol=1e-10, seed=5)
    out["curvatures"] = curv.eigenvalues
    out["directions"] = curv.eigenvectors.detach().cpu()
    out["trace_hutchpp"] = geomcheck.trace_estimate(op, num_matvecs=30, method="hutch++", seed=6).value
    out["trace_hutchinson"] = geomcheck.trace_estimate(op, num_matvecs=10, method="hutchinson", seed=7).value
    scal = geomcheck.graph_scalar_curvature(op, num_matvecs=31, seed=8)
    out["scalar_curvature"] = scal.value
    out["scalar_stderr"] = scal.stderr
    out["mean_curvature"] = geomcheck.graph_mean_curvature(op, num_matvecs=13, seed=9).value
    out["gradient"] = op.gradient.detach().cpu()
    out["loss"] = float(op.loss)
    return out


# ------------------------------------------------------------------ worker side (one rank)
def _expect(fn: Any, exc: type[BaseException]) -> str:
    try:
        fn()
    except exc as err:
        return str(err)
    return "NO ERROR"


def _scenario_equal(rank: int, world: int) -> dict[str, Any]:
    from geomcheck.operators.distributed import DistributedHessianOperator

    model, X, y = make_problem()
    sizes = SPLIT if world == 2 else SPLIT3
    Xr, yr = shard(X, y, sizes, rank)
    if world == 3 and rank == 1:   # a shard given as an iterable of uneven batches
        data: Any = [(Xr[:17], yr[:17]), (Xr[17:], yr[17:])]
    else:
        data = (Xr, yr)
    if os.environ.get("GC_BACKEND") in ("nccl", "gloo-cuda"):   # the model and shard on a GPU
        model = model.cuda()
        data = (data[0].cuda(), data[1].cuda())
    op = DistributedHessianOperator(model, nn.CrossEntropyLoss(), data)
    out = run_algorithms(op)
    out["shard_sizes"] = op.shard_sizes
    out["num_allreduces"] = op.num_allreduces
    out["num_matvecs"] = op.num_matvecs
    return out


def _scenario_bad(rank: int, world: int) -> dict[str, Any]:
    import geomcheck
    from torch.utils.data import DataLoader, TensorDataset
    from torch.utils.data.distributed import DistributedSampler

    from geomcheck.numeric._checks import InvalidInputError
    from geomcheck.operators.distributed import DistributedHessianOperator, DistributedOperatorError

    loss = nn.CrossEntropyLoss()
    model, X, y = make_problem()
    data = shard(X, y, SPLIT, rank)
    out: dict[str, Any] = {}
    other, _, _ = make_problem(hidden=13)
    out["params"] = _expect(lambda: DistributedHessianOperator(other if rank == 1 else model, loss, data),
                            InvalidInputError)
    m32, X32, y32 = make_problem(dtype=torch.float32)
    out["dtype"] = _expect(lambda: DistributedHessianOperator(
        m32 if rank == 1 else model, loss, shard(X32, y32, SPLIT, rank) if rank == 1 else data), InvalidInputError)
    empty = (X[:0], y[:0])
    out["empty"] = _expect(lambda: DistributedHessianOperator(model, loss, empty if rank == 1 else data),
                           InvalidInputError)
    moved, _, _ = make_problem(seed=1)
    out["values"] = _expect(lambda: DistributedHessianOperator(moved if rank == 1 else model, loss, data),
                            InvalidInputError)
    ds = TensorDataset(X, y)
    padded = DataLoader(ds, batch_size=16, sampler=DistributedSampler(ds, shuffle=False))
    out["padded"] = _expect(lambda: DistributedHessianOperator(model, loss, padded), InvalidInputError)
    op = DistributedHessianOperator(model, loss, data)
    out["seed"] = _expect(lambda: geomcheck.lanczos(op, k=1, tol=1e-8, seed=rank), DistributedOperatorError)
    # the group is still healthy after refused input: a correct run follows
    out["after"] = geomcheck.lanczos(op, k=1, tol=1e-10, seed=0).eigenvalues
    return out


class _FailingLoss(nn.Module):
    """Cross-entropy that raises on its ``fail_at``-th call (0: never)."""

    def __init__(self, fail_at: int) -> None:
        super().__init__()
        self.calls, self.fail_at = 0, fail_at

    def forward(self, out: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        if self.calls == self.fail_at:
            raise FloatingPointError("boom: a simulated failure in the loss of rank 1")
        return nn.functional.cross_entropy(out, target)


def _scenario_fail(rank: int, world: int, how: str) -> dict[str, Any]:
    import geomcheck
    from geomcheck.operators.distributed import DistributedHessianOperator, DistributedOperatorError

    model, X, y = make_problem()
    data = shard(X, y, SPLIT, rank)
    # hvp="recompute": every product calls the loss again (the gradient pass calls it once)
    loss = _FailingLoss(fail_at=4 if (rank == 1 and how == "product") else 0)
    op = DistributedHessianOperator(model, loss, data, hvp="recompute")
    if rank == 1 and how == "raise":
        raise RuntimeError("user code on rank 1 failed outside the operator")
    if rank == 1 and how == "stall":
        time.sleep(60)
    t0 = time.perf_counter()
    out: dict[str, Any] = {}
    try:
        geomcheck.lanczos(op, k=1, tol=1e-10, seed=0)
        out["error"] = "NO ERROR"
    except DistributedOperatorError as err:
        out["error"] = str(err)
        out["cause"] = repr(err.__cause__)
    out["seconds"] = time.perf_counter() - t0
    return out


def _worker(argv: list[str]) -> None:
    scenario, outdir, rank_s, world_s, backend = argv
    rank, world = int(rank_s), int(world_s)
    import torch.distributed as dist

    torch.set_num_threads(1)
    os.environ["GC_BACKEND"] = backend
    if backend == "nccl":
        torch.cuda.set_device(rank)
    timeout = datetime.timedelta(seconds=float(os.environ.get("GC_PG_TIMEOUT", "60")))
    # "gloo-cuda": gloo all-reduces CUDA tensors (every rank may share one GPU)
    dist.init_process_group(backend.removesuffix("-cuda"), init_method=f"file://{outdir}/rendezvous", rank=rank,
                            world_size=world, timeout=timeout)
    if scenario == "equal":
        out = _scenario_equal(rank, world)
    elif scenario == "bad":
        out = _scenario_bad(rank, world)
    else:
        out = _scenario_fail(rank, world, scenario.removeprefix("fail-"))
    torch.save(out, f"{outdir}/rank{rank}.pt")
    if scenario in ("equal", "bad"):
        dist.destroy_process_group()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _worker(sys.argv[1:])
    sys.exit(0)


# ------------------------------------------------------------------ pytest side
import pytest  # noqa: E402

import geomcheck  # noqa: E402
from geomcheck.numeric._checks import InvalidInputError  # noqa: E402
from geomcheck.operators.distributed import (  # noqa: E402
    DistributedHessianOperator,
    fingerprint,
    shard_indices,
)


def launch(scenario: str, tmp_path: Path, *, world: int = 2, backend: str = "gloo", pg_timeout: float = 60,
           wait_for: tuple[int, ...] | None = None, limit: float = 120) -> list[dict[str, Any] | None]:
    """Start ``world`` ranks of this file; wait for ``wait_for`` (default all) up to ``limit`` s;
    kill what is left; return each rank's saved results (None if it saved none)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", GC_PG_TIMEOUT=str(pg_timeout),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, str(HERE), scenario, str(tmp_path), str(r), str(world), backend],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for r in range(world)]
    logs: list[str] = [""] * world
    deadline = time.monotonic() + limit
    try:
        for r in (range(world) if wait_for is None else wait_for):
            try:
                logs[r] = procs[r].communicate(timeout=max(1.0, deadline - time.monotonic()))[0]
            except subprocess.TimeoutExpired:
                pytest.fail(f"rank {r} of scenario {scenario!r} did not finish within {limit} s (a hang)")
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    results: list[dict[str, Any] | None] = []
    for r in range(world):
        f = tmp_path / f"rank{r}.pt"
        results.append(torch.load(f, weights_only=False) if f.exists() else None)
    if wait_for is None:
        for r, res in enumerate(results):
            assert res is not None, f"rank {r} of {scenario!r} saved no result; its output:\n{logs[r]}"
    return results


def reference(dtype: torch.dtype = torch.float64) -> dict[str, Any]:
    model, X, y = make_problem(dtype=dtype)
    return run_algorithms(geomcheck.HessianOperator(model, nn.CrossEntropyLoss(), (X, y)))


SCALARS = ("trace_hutchpp", "trace_hutchinson", "scalar_curvature", "scalar_stderr", "mean_curvature", "loss")
VECTORS = ("top", "bottom", "restarted", "curvatures", "gradient")


def _assert_same_as_one_process(res: dict[str, Any], ref: dict[str, Any]) -> None:
    for key in VECTORS:
        err = float((res[key].double().cpu() - ref[key].double()).abs().max())
        assert err <= 1e-10, f"{key}: differs from one process over the whole data by {err:.3g}"
    for key in SCALARS:
        assert abs(res[key] - ref[key]) <= 1e-10 * max(1.0, abs(ref[key])), (key, res[key], ref[key])
    # eigenvectors up to sign
    for key in ("top_vectors", "directions"):
        a, b = res[key].double(), ref[key].double()
        signs = torch.sign((a * b).sum(dim=0))
        assert float((a * signs - b).abs().max()) <= 1e-7, key
    assert res["bottom_converged"]


@pytest.fixture(scope="module")
def ref() -> dict[str, Any]:
    return reference()


def test_two_uneven_ranks_equal_one_process_and_each_other(tmp_path: Path, ref: dict[str, Any]) -> None:
    r0, r1 = launch("equal", tmp_path)
    assert r0 is not None and r1 is not None
    assert r0["shard_sizes"] == SPLIT == r1["shard_sizes"]
    _assert_same_as_one_process(r0, ref)
    # identical Krylov bases: every rank returns the same bits, took the same number of products
    # and the same convergence history
    for key in ("top", "top_vectors", "top_history", "bottom", "restarted", "restarted_vectors", "curvatures",
                "directions", "gradient"):
        assert torch.equal(r0[key], r1[key]), f"{key} differs between the ranks"
    assert r0["num_restarts"] >= 10
    for key in (*SCALARS, "top_matvecs", "num_matvecs", "num_allreduces", "num_restarts"):
        assert r0[key] == r1[key], key
    # one header and one payload all-reduce per product call
    assert r0["num_allreduces"] % 2 == 0 and r0["num_allreduces"] >= 2


@pytest.mark.slow
def test_three_ranks_iterable_shard_equal_one_process(tmp_path: Path, ref: dict[str, Any]) -> None:
    results = launch("equal", tmp_path, world=3)
    for res in results:
        assert res is not None and res["shard_sizes"] == SPLIT3
        _assert_same_as_one_process(res, ref)
        assert torch.equal(res["top_vectors"], results[0]["top_vectors"])  # type: ignore[index]


def test_bad_input_names_the_rank_on_every_rank(tmp_path: Path, ref: dict[str, Any]) -> None:
    r0, r1 = launch("bad", tmp_path)
    assert r0 is not None and r1 is not None
    for res in (r0, r1):
        assert "ranks [1] differ from rank 0 in their parameter count d" in res["params"], res["params"]
        assert "rank 0: 267" in res["params"] and "rank 1: 302" in res["params"]
        assert "ranks [1] differ from rank 0 in their dtype" in res["dtype"], res["dtype"]
        assert "rank 1: float32" in res["dtype"]
        assert "could not be built on rank(s) [1]" in res["empty"] and "no samples" in res["empty"], res["empty"]
        assert "parameter values" in res["values"] and "state_dict" in res["values"], res["values"]
        assert "rank(s) [0, 1]" in res["padded"] and "repeating 1 of the 101" in res["padded"], res["padded"]
        assert "ranks [1] have a different input vector than rank 0" in res["seed"], res["seed"]
        assert "at product #0" in res["seed"]   # the first product: the start vectors differ
        assert float((res["after"] - ref["top"][-1:]).abs().max()) <= 1e-10


def test_rank_raising_inside_a_product_ends_the_others_at_once(tmp_path: Path) -> None:
    r0, r1 = launch("fail-product", tmp_path)
    assert r0 is not None and r1 is not None
    for res in (r0, r1):
        assert "failed on rank(s) [1]" in res["error"], res["error"]
        assert "FloatingPointError: boom" in res["error"]
    assert "boom" in r1["cause"]   # the failing rank chains its own exception
    assert r0["seconds"] < 30      # not a timeout (the group's timeout is 60 s here)


@pytest.mark.slow
def test_rank_dying_outside_the_operator_ends_the_others(tmp_path: Path) -> None:
    r0, r1 = launch("fail-raise", tmp_path, wait_for=(0, 1))
    assert r1 is None              # rank 1 died with its RuntimeError
    assert r0 is not None
    assert "rank 0: the all-reduce of the header of product #" in r0["error"], r0["error"]
    assert "Another rank has probably raised, exited or stalled" in r0["error"]


def test_stalled_rank_ends_the_others_by_timeout(tmp_path: Path) -> None:
    r0, _ = launch("fail-stall", tmp_path, pg_timeout=3, wait_for=(0,), limit=90)
    assert r0 is not None
    assert "rank 0: the all-reduce of the header of product #0 failed" in r0["error"], r0["error"]
    assert "Timed out" in r0["error"] or "timed out" in r0["error"].lower(), r0["error"]
    assert 2.5 <= r0["seconds"] <= 40, r0["seconds"]


@pytest.mark.gpu
def test_nccl_two_gpus_equal_one_process(tmp_path: Path, ref: dict[str, Any]) -> None:
    if torch.cuda.device_count() < 2:
        pytest.skip("NCCL needs one GPU per rank: fewer than 2 GPUs")
    r0, r1 = launch("equal", tmp_path, backend="nccl")
    assert r0 is not None and r1 is not None
    _assert_same_as_one_process(r0, ref)
    for key in ("top", "top_vectors", "curvatures", "gradient"):
        assert torch.equal(r0[key], r1[key]), key


@pytest.mark.gpu
def test_gloo_with_cuda_tensors_equal_one_process(tmp_path: Path, ref: dict[str, Any]) -> None:
    """The CUDA path of the operator (fingerprints and products on the GPU, header on the host)
    with 2 ranks sharing one GPU through gloo."""
    r0, r1 = launch("equal", tmp_path, backend="gloo-cuda")
    assert r0 is not None and r1 is not None
    _assert_same_as_one_process(r0, ref)
    for key in ("top", "top_vectors", "curvatures", "gradient"):
        assert torch.equal(r0[key], r1[key]), key


@pytest.mark.slow
def test_readme_torchrun_example_matches_one_process() -> None:
    """``torchrun --nproc-per-node 2 examples/distributed_digits.py --check`` (small settings)."""
    env = dict(os.environ, OMP_NUM_THREADS="1",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node=2",
           str(ROOT / "examples" / "distributed_digits.py"), "--hidden", "12", "--steps", "30", "--k", "2",
           "--check", "--timeout", "60"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("check against one process"))
    numbers = [float(tok.rstrip(",")) for tok in line.split() if tok[0].isdigit()]
    assert len(numbers) == 2 and max(numbers) <= 1e-10, line
    assert "samples per rank (899, 898)" in proc.stdout


# ------------------------------------------------------------------ in-process (no group)
def test_uninitialised_group_is_refused() -> None:
    import torch.distributed as dist

    assert not dist.is_initialized()
    model, X, y = make_problem()
    with pytest.raises(InvalidInputError, match="initialised torch.distributed process group"):
        DistributedHessianOperator(model, nn.CrossEntropyLoss(), (X, y))
    with pytest.raises(InvalidInputError, match="rank= and world_size="):
        shard_indices(10)


@pytest.mark.parametrize("n,world", [(0, 3), (2, 3), (10, 3), (101, 2), (7, 7), (1000, 8)])
def test_shard_indices_cover_each_sample_once(n: int, world: int) -> None:
    parts = [shard_indices(n, rank=r, world_size=world) for r in range(world)]
    assert [i for p in parts for i in p] == list(range(n))
    sizes = [len(p) for p in parts]
    assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)


def test_shard_indices_bad_input() -> None:
    with pytest.raises(InvalidInputError, match="rank 3 is not below world_size 3"):
        shard_indices(10, rank=3, world_size=3)
    with pytest.raises(InvalidInputError, match="world_size must be an int >= 1"):
        shard_indices(10, rank=0, world_size=0)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_fingerprint_is_exact_on_bits(dtype: torch.dtype) -> None:
    v = torch.randn(1000, generator=torch.Generator().manual_seed(0), dtype=torch.float64).to(dtype)
    f = int(fingerprint(v))
    assert f == int(fingerprint(v.clone())) and 0 <= f < 2**52
    w = v.clone()
    w[500] = torch.nextafter(w[500], torch.tensor(float("inf"), dtype=dtype))  # one ulp
    assert int(fingerprint(w)) != f
    assert int(fingerprint(v.flip(0))) != f
    for i in (0, 499, 999):      # a sign flip (the bit a plain mantissa fold would miss)
        s = v.clone()
        s[i] = -s[i]
        assert int(fingerprint(s)) != f
    u = torch.full((30,), 30 ** -0.5, dtype=dtype)   # two normalised sign vectors
    assert int(fingerprint(u)) != int(fingerprint(u * torch.tensor([1.0, -1.0] * 15, dtype=dtype)))
    assert int(fingerprint(v.reshape(100, 10))) == f   # over the flattened bits
    with pytest.raises(InvalidInputError):
        fingerprint(torch.ones(3, dtype=torch.int64))
