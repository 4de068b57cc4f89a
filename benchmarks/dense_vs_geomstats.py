"""Dense graph curvature: geomcheck's closed forms vs geomstats 2.8 (optional anchor).

Same graph metric on both sides, ``g = I + ∇f∇fᵀ`` for
``f(x) = Σ a_i sin x_i + ½ xᵀAx`` (seeded ``a``, symmetric ``A``; ``∇f = a∘cos x + Ax``), at
``d = 2, 3, 5, 10``.  geomstats runs in a separate interpreter (default ``/tmp/bench/bin/python``,
override with ``--geomstats-python`` or ``GEOMCHECK_GEOMSTATS_PYTHON``), one subprocess per
(backend, d) with a timeout, in float64:

* ``autograd`` backend — a correct anchor: Christoffels, Riemann, Ricci and ``S`` must agree
  with ours to ``1e-12`` relative;
* ``pytorch`` backend — nested ``torch.autograd.functional.jacobian`` without
  ``create_graph`` drops the ``∂²g`` terms of ``∂Γ`` (geomstats issues 1801/1928): its
  Christoffels agree, its curvature does not.

Prints per-point times and the speed ratio.  If geomstats cannot be imported there, says so
and exits 0.  Run: ``python benchmarks/dense_vs_geomstats.py`` (``--quick`` for fewer points).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DIMS = (2, 3, 5, 10)
DEFAULT_PYTHON = "/tmp/bench/bin/python"
# geomstats at d = 10 (autograd) needs ~40 s per point on one core: keep its point count small
POINTS = {2: 8, 3: 8, 5: 4, 10: 2}
QUICK_POINTS = {2: 3, 3: 3, 5: 2, 10: 1}
RIEMANN_MAX_DIM = 5  # above this only S and Γ are compared (Riemann would double geomstats' cost)


def problem(d: int, n_points: int, seed: int = 0) -> dict:
    """Seeded coefficients and points, as plain lists (shared by both interpreters)."""
    import numpy as np

    rng = np.random.default_rng(seed + d)
    a = rng.normal(size=d) * 0.5
    m = rng.normal(size=(d, d)) * 0.3
    return {"d": d, "a": a.tolist(), "A": ((m + m.T) / 2).tolist(),
            "x": (rng.normal(size=(n_points, d)) * 0.5).tolist()}


# ---------------------------------------------------------------- geomstats side (worker)


def worker(spec_path: str, out_path: str) -> None:
    """Runs under the geomstats interpreter; imports nothing from geomcheck."""
    import numpy

    if not hasattr(numpy, "trapz"):  # geomstats 2.8's autograd backend imports trapz (numpy >= 2.4 lacks it)
        numpy.trapz = numpy.trapezoid
    import geomstats.backend as gs
    from geomstats.geometry.euclidean import Euclidean
    from geomstats.geometry.riemannian_metric import RiemannianMetric

    gs.set_default_dtype("float64")
    spec = json.loads(Path(spec_path).read_text())
    d = spec["d"]
    a, big_a = gs.array(spec["a"]), gs.array(spec["A"])

    class GraphMetric(RiemannianMetric):
        def metric_matrix(self, base_point=None):
            p = a * gs.cos(base_point) + gs.einsum("ij,...j->...i", big_a, base_point)
            return gs.eye(d) + gs.einsum("...i,...j->...ij", p, p)

    space = Euclidean(dim=d, equip=False)
    space.equip_with_metric(GraphMetric)
    metric = space.metric
    x = gs.array(spec["x"])

    def to_list(t):
        return numpy.asarray(t.detach() if hasattr(t, "detach") else t, dtype=float).tolist()

    start = time.perf_counter()
    scalar = metric.scalar_curvature(x)
    seconds = time.perf_counter() - start
    out = {"scalar_curvature": to_list(scalar), "seconds": seconds,
           "christoffel": to_list(metric.christoffels(x))}
    if d <= RIEMANN_MAX_DIM:
        out["riemann"] = to_list(metric.riemann_tensor(x))  # [..., i, j, k, l] = R_{ijk}^l
        out["ricci"] = to_list(metric.ricci_tensor(x))
    Path(out_path).write_text(json.dumps(out))


def run_worker(python: str, backend: str, spec: dict, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        spec_path, out_path = Path(tmp) / "spec.json", Path(tmp) / "out.json"
        spec_path.write_text(json.dumps(spec))
        env = dict(os.environ, GEOMSTATS_BACKEND=backend, OMP_NUM_THREADS="1")
        try:
            proc = subprocess.run([python, __file__, "--worker", str(spec_path), str(out_path)],
                                  env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s"}
        if proc.returncode != 0 or not out_path.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            return {"error": f"exit {proc.returncode}: " + " | ".join(tail)}
        return json.loads(out_path.read_text())


def geomstats_available(python: str) -> str | None:
    """``None`` if geomstats imports under ``python``, else the reason."""
    if not Path(python).exists():
        return f"{python} does not exist"
    code = "import numpy; numpy.trapz = getattr(numpy, 'trapz', getattr(numpy, 'trapezoid', None)); import geomstats"
    try:
        proc = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, GEOMSTATS_BACKEND="autograd"))
    except subprocess.TimeoutExpired:
        return "importing geomstats timed out"
    if proc.returncode != 0:
        return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
    return None


# ---------------------------------------------------------------- geomcheck side


def ours(spec: dict, repeats: int = 3) -> dict:
    import torch

    from geomcheck.numeric import curvature

    a = torch.tensor(spec["a"], dtype=torch.float64)
    big_a = torch.tensor(spec["A"], dtype=torch.float64)
    x = torch.tensor(spec["x"], dtype=torch.float64)

    def f(v: torch.Tensor) -> torch.Tensor:
        return (a * torch.sin(v)).sum() + 0.5 * v @ (big_a @ v)

    curvature(f, x)  # warm-up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        c = curvature(f, x)
        best = min(best, time.perf_counter() - start)
    big = torch.randn(1_000, spec["d"], dtype=torch.float64, generator=torch.Generator().manual_seed(0)) * 0.5
    start = time.perf_counter()
    curvature(f, big)
    batch_seconds = time.perf_counter() - start
    return {"c": c, "seconds": best, "batch_per_point": batch_seconds / len(big)}


def rel_error(theirs, mine) -> float:
    import torch

    theirs = torch.tensor(theirs, dtype=torch.float64)
    err = float((theirs - mine).abs().max())
    return err / max(float(mine.abs().max()), 1e-300)


def compare(python: str, quick: bool, timeout: float) -> int:
    reason = geomstats_available(python)
    if reason is not None:
        print(f"geomstats is not importable with {python}: {reason}")
        print("skipping the comparison (install: python3 -m venv /tmp/bench && "
              "/tmp/bench/bin/pip install torch geomstats==2.8.0 autograd)")
        return 0
    import torch

    torch.set_num_threads(1)
    counts = QUICK_POINTS if quick else POINTS
    print(f"geomstats interpreter: {python}; float64; 1 thread on both sides")
    header = (f"{'d':>3} {'backend':>8} {'pts':>4} {'rel err S':>10} {'Ric':>10} {'Riem':>10} {'Gamma':>10} "
              f"{'gs s/pt':>9} {'ours s/pt':>10} {'ratio':>8} {'ours batch s/pt':>16} {'ratio':>9}")
    print(header)
    failures = 0
    for d in DIMS:
        spec = problem(d, counts[d])
        mine = ours(spec)
        c = mine["c"]
        ours_pt = mine["seconds"] / counts[d]
        for backend in ("autograd", "pytorch"):
            res = run_worker(python, backend, spec, timeout)
            if "error" in res:
                print(f"{d:>3} {backend:>8} {counts[d]:>4}  geomstats failed: {res['error']}")
                continue
            err_s = rel_error(res["scalar_curvature"], c.scalar_curvature)
            err_g = rel_error(res["christoffel"], c.christoffel)
            if "riemann" in res:
                # geomstats riemann[..., i, j, k, l] = R_{ijk}^l = ours R^l_{ijk}
                err_r = rel_error(res["riemann"], c.riemann.permute(0, 2, 3, 4, 1))
                err_ric = rel_error(res["ricci"], c.ricci)
                r_txt, ric_txt = f"{err_r:10.2e}", f"{err_ric:10.2e}"
            else:
                err_r = err_ric = 0.0
                r_txt = ric_txt = f"{'-':>10}"
            gs_pt = res["seconds"] / counts[d]
            print(f"{d:>3} {backend:>8} {counts[d]:>4} {err_s:10.2e} {ric_txt} {r_txt} {err_g:10.2e} "
                  f"{gs_pt:9.3g} {ours_pt:10.3g} {gs_pt / ours_pt:7.0f}x {mine['batch_per_point']:16.3g} "
                  f"{gs_pt / mine['batch_per_point']:8.0f}x")
            worst = max(err_s, err_r, err_ric, err_g)
            if backend == "autograd" and worst > 1e-12:
                failures += 1
                print(f"    !! autograd backend disagrees with geomcheck beyond 1e-12 ({worst:.2e})")
            if backend == "pytorch":
                verdict = "WRONG (dropped d^2 g terms)" if err_s > 1e-6 else "agrees"
                print(f"    pytorch backend curvature: {verdict}; Christoffels agree to {err_g:.1e}")
    print("ratio = geomstats s/pt / geomcheck s/pt: first on the same few points, then vs geomcheck's"
          " per-point time in one call on 1,000 points (the issue's target setting) ('ours batch')")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geomstats-python", default=os.environ.get("GEOMCHECK_GEOMSTATS_PYTHON", DEFAULT_PYTHON))
    parser.add_argument("--quick", action="store_true", help="fewer points per dimension")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per geomstats subprocess")
    parser.add_argument("--worker", nargs=2, metavar=("SPEC", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    return compare(args.geomstats_python, args.quick, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
