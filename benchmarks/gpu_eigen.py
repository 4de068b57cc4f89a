"""GPU benchmark of the Hessian operator and the Lanczos eigensolver (one script, < 5 minutes).

Problem (the issue's): torchvision ResNet-18 with 10 classes, random init (seed), eval mode, one
random batch of 128 images 3×32×32 with random labels, cross-entropy, float32, d ≈ 1.1·10⁷.

Prints, in order (every number is measured here, in this process, on the same model and batch):

1. one HVP per variant (retain / recompute / jvp), and a 4-column ``matmat`` against 4 ``matvec``;
2. per-product time of the anchors on the same model (PyHessian's double backward,
   hessian-eigenthings' HessianOperator, curvlinops' HessianLinearOperator) when importable;
3. reference eigenvalues: float64 copy of the model and batch, Lanczos at tol 1e-10 (top) and
   1e-8 (bottom);
4. top eigenvalue in float32: relative error after n products for n = 4..24 (``max_iter=n``),
   the default run (tol 1e-4): products, wall time, ratio to 20 × one HVP, host syncs;
5. ``scipy.sparse.linalg.eigsh`` over the same GPU HVP (``op.to_scipy()``): products, wall
   time, error; speed ratio;
6. most negative eigenvalue: products and error (Lanczos ``which="SA"``);
7. memory: ``torch.cuda.memory_allocated`` and peak before / after 1,000 HVPs;
8. determinism: two runs with the same seed, ``torch.equal`` on eigenvalues and eigenvectors;
9. the loss graph: κ_max against products, ``graph_principal_curvatures`` products (vs the
   Hessian case), graph mean and scalar curvature estimates with 95 % intervals from 300 HVPs.

Host synchronisation: products never sync; :func:`geomcheck.lanczos` syncs at its convergence
checks only (``num_checks`` printed); the timers below call ``torch.cuda.synchronize()`` around
each timed region.  Also runs on CPU with a small model for a smoke test:
``python benchmarks/gpu_eigen.py --device cpu --batch 4 --quick``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
import warnings
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geomcheck.eigen import ConvergenceWarning, lanczos  # noqa: E402
from geomcheck.operators import HessianOperator  # noqa: E402

RESULTS: dict[str, object] = {}


def say(*parts: object) -> None:
    print(*parts, flush=True)


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def timed(fn, device: torch.device, repeats: int, warmup: int = 2) -> tuple[float, object]:
    out = None
    for _ in range(warmup):
        out = fn()
    sync(device)
    times = []
    for _ in range(repeats):
        sync(device)
        t0 = time.perf_counter()
        out = fn()
        sync(device)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def build(args: argparse.Namespace, dtype: torch.dtype, device: torch.device):
    torch.manual_seed(args.seed)
    if args.model == "resnet18":
        import torchvision

        model = torchvision.models.resnet18(num_classes=10)
    else:  # small CNN for CPU smoke tests
        model = torch.nn.Sequential(
            torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
            torch.nn.AdaptiveAvgPool2d(4), torch.nn.Flatten(), torch.nn.Linear(128, 10),
        )
    model = model.to(device=device, dtype=dtype).eval()
    g = torch.Generator().manual_seed(args.seed + 1)
    x = torch.randn(args.batch, 3, 32, 32, generator=g).to(device=device, dtype=dtype)
    y = torch.randint(0, 10, (args.batch,), generator=g).to(device)
    return model, x, y


def rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--model", default="resnet18", choices=["resnet18", "cnn"])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and products")
    parser.add_argument("--memory-products", type=int, default=1000)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    device = torch.device(args.device)
    warnings.simplefilter("ignore", ConvergenceWarning)
    reps = 3 if args.quick else 10
    loss_fn = torch.nn.functional.cross_entropy

    say(f"torch {torch.__version__}; device {device}"
        + (f" ({torch.cuda.get_device_name(device)})" if device.type == "cuda" else ""))
    model, x, y = build(args, torch.float32, device)
    t0 = time.perf_counter()
    op = HessianOperator(model, loss_fn, (x, y), hvp="retain")
    sync(device)
    d = op.size
    say(f"model {args.model}, batch {args.batch}, d = {d:,} parameters, loss {float(op.loss):.4f}, "
        f"|grad|^2 = {float(op.gradient.square().sum()):.4g}; operator built in {time.perf_counter() - t0:.2f} s")
    RESULTS.update(d=d, device=str(device), torch=torch.__version__)

    # 1. HVP variants -------------------------------------------------------------------
    gen = torch.Generator().manual_seed(123)
    v = torch.randn(d, generator=gen).to(device)
    hvp_times: dict[str, float] = {}
    ref_hv = op.matvec(v)
    for mode in ("retain", "recompute", "jvp"):
        try:
            o = op if mode == "retain" else HessianOperator(model, loss_fn, (x, y), hvp=mode)
            t, hv = timed(lambda o=o: o.matvec(v), device, 2 * reps)
            err = float((hv - ref_hv).norm() / ref_hv.norm())
            hvp_times[mode] = t
            say(f"HVP [{mode:9s}] {t * 1e3:8.2f} ms (median of {2 * reps}, synced)   rel. diff to retain {err:.2e}")
            del o
        except Exception as exc:  # report, keep going
            say(f"HVP [{mode:9s}] failed: {type(exc).__name__}: {str(exc)[:200]}")
    one_hvp = hvp_times["retain"]
    n_loop = 10 if args.quick else 50
    sync(device)
    t0 = time.perf_counter()
    for _ in range(n_loop):
        out = op.matvec(v)
    sync(device)
    loop_hvp = (time.perf_counter() - t0) / n_loop
    say(f"HVP [retain   ] {loop_hvp * 1e3:8.2f} ms (mean of {n_loop} back-to-back, no sync between)")
    op_tf32 = HessianOperator(model, loss_fn, (x, y), hvp="retain", allow_tf32=True)
    t_tf32, hv32 = timed(lambda: op_tf32.matvec(v), device, 2 * reps)
    say(f"HVP [retain, TF32 allowed] {t_tf32 * 1e3:8.2f} ms; rel. diff to exact float32 "
        f"{float((hv32 - ref_hv).norm() / ref_hv.norm()):.2e}")
    # matmat="auto" picks vmap on a GPU (benchmarks/matmat_batching.py measured the CPU side):
    # time both ways per column, 4 and 16 columns, so the choice is checked here
    RESULTS["matmat_ms_per_column"] = {}
    for kind in ("vmap", "loop"):
        op_k = op if (kind == "vmap") == op.matmat_batched else HessianOperator(model, loss_fn, (x, y), hvp="retain", matmat=kind)
        for m in (4, 16):
            Vm = torch.randn(d, m, generator=gen).to(device)
            try:
                t_mm, _ = timed(lambda: op_k.matmat(Vm), device, max(2, reps // 2))
                say(f"matmat of {m:2d} ({kind}): {t_mm * 1e3:.2f} ms = {t_mm / m * 1e3:.2f} ms per vector "
                    f"(vs {one_hvp * 1e3:.2f} ms per matvec)")
                RESULTS["matmat_ms_per_column"][f"{kind}_{m}"] = t_mm / m * 1e3
            except Exception as exc:
                say(f"matmat ({kind}, {m}) failed: {type(exc).__name__}: {str(exc)[:200]}")
        if op_k is not op:
            del op_k
    say(f"matmat='auto' chose {'vmap' if op.matmat_batched else 'loop'} on {device.type}")
    RESULTS["hvp_ms"] = {k: t * 1e3 for k, t in hvp_times.items()}
    RESULTS["hvp_ms"].update(retain_loop=loop_hvp * 1e3, retain_tf32=t_tf32 * 1e3)
    del op_tf32

    # 2. anchors' products ----------------------------------------------------------------
    anchors: dict[str, float] = {}
    try:
        from pyhessian import hessian as pyh_hessian  # type: ignore
        from pyhessian.utils import hessian_vector_product  # type: ignore

        model_a, _, _ = build(args, torch.float32, device)
        H = pyh_hessian(model_a, loss_fn, data=(x, y), cuda=device.type == "cuda")
        vs = [c.view_as(p) for c, p in zip(torch.split(v, [p.numel() for p in H.params]), H.params)]
        t, _ = timed(lambda: hessian_vector_product(H.gradsH, H.params, vs), device, reps)
        anchors["PyHessian"] = t
        del H, model_a
    except Exception as exc:
        say(f"PyHessian unavailable: {type(exc).__name__}: {str(exc)[:150]}")
    try:
        import hessian_eigenthings as he  # type: ignore

        model_b, _, _ = build(args, torch.float32, device)
        heo = he.HessianOperator(model_b, [(x, y)], lambda m, b: loss_fn(m(b[0]), b[1]))
        t, _ = timed(lambda: heo.matvec(v), device, reps)
        anchors["hessian-eigenthings"] = t
        del heo, model_b
    except Exception as exc:
        say(f"hessian-eigenthings unavailable: {type(exc).__name__}: {str(exc)[:150]}")
    try:
        from curvlinops import HessianLinearOperator  # type: ignore

        model_c, _, _ = build(args, torch.float32, device)
        params_c = [p for p in model_c.parameters() if p.requires_grad]
        hlo = HessianLinearOperator(model_c, torch.nn.CrossEntropyLoss(), params_c, [(x, y)],
                                    check_deterministic=False)
        t, _ = timed(lambda: hlo @ v, device, reps)
        anchors["curvlinops"] = t
        del hlo, model_c
    except Exception as exc:
        say(f"curvlinops unavailable: {type(exc).__name__}: {str(exc)[:150]}")
    for name, t in anchors.items():
        say(f"anchor HVP [{name:19s}] {t * 1e3:8.2f} ms (global TF32 settings: cudnn "
            f"{torch.backends.cudnn.allow_tf32})   ours exact fp32 / anchor {one_hvp / t:.2f}, "
            f"ours TF32 / anchor {t_tf32 / t:.2f}")
    RESULTS["anchor_hvp_ms"] = {k: t * 1e3 for k, t in anchors.items()}
    if device.type == "cuda":
        torch.cuda.empty_cache()

    # 3. float64 reference -----------------------------------------------------------------
    model64, x64, y64 = build(args, torch.float64, device)
    op64 = HessianOperator(model64, loss_fn, (x64, y64), hvp="retain")
    t0 = time.perf_counter()
    top64 = lanczos(op64, k=1, which="LA", tol=1e-10, seed=1)
    bot64 = lanczos(op64, k=1, which="SA", tol=1e-8, seed=1, max_iter=250)
    sync(device)
    lam_max, lam_min = float(top64.eigenvalues[-1]), float(bot64.eigenvalues[0])
    say(f"float64 reference: lambda_max = {lam_max:.10g} ({top64.num_matvecs} HVPs, converged "
        f"{top64.all_converged}), lambda_min = {lam_min:.10g} ({bot64.num_matvecs} HVPs, converged "
        f"{bot64.all_converged}); {time.perf_counter() - t0:.1f} s")
    del op64, model64
    if device.type == "cuda":
        torch.cuda.empty_cache()
    # float32 self-reference (the float32 operator's own eigenvalue)
    top32 = lanczos(op, k=1, which="LA", tol=1e-5, seed=2, max_iter=200)
    lam32 = float(top32.eigenvalues[-1])
    say(f"float32 operator's lambda_max (tol 1e-5, {top32.num_matvecs} HVPs): {lam32:.10g}; "
        f"float32 vs float64 operator: {rel(lam32, lam_max):.2e} relative")
    RESULTS.update(lambda_max64=lam_max, lambda_min64=lam_min, lambda_max32=lam32)

    # 4. top eigenvalue: error against products ----------------------------------------------
    curve = []
    for n in range(4, 25, 2 if args.quick else 1):
        r = lanczos(op, k=1, which="LA", tol=1e-4, seed=0, max_iter=n, check_every=n)
        curve.append((n, rel(float(r.eigenvalues[-1]), lam32), rel(float(r.eigenvalues[-1]), lam_max)))
    say("products -> rel. error of lambda_max vs float32 operator / vs float64: "
        + ", ".join(f"{n}: {a:.1e}/{b:.1e}" for n, a, b in curve))
    first = next((n for n, a, _ in curve if a <= 1e-6), None)
    say(f"first product count with rel. error <= 1e-6 (float32 operator): {first}")
    RESULTS["top_curve"] = curve
    sync(device)
    t0 = time.perf_counter()
    res = lanczos(op, k=1, which="LA", tol=1e-4, seed=0)
    sync(device)
    wall = time.perf_counter() - t0
    err = rel(float(res.eigenvalues[-1]), lam32)
    say(f"lanczos top-1 (tol 1e-4): {res.num_matvecs} HVPs, {wall:.3f} s, rel. error {err:.1e} "
        f"(vs float64 {rel(float(res.eigenvalues[-1]), lam_max):.1e}), converged {res.all_converged}, "
        f"host syncs {res.num_checks}; wall / (20 x one HVP) = {wall / (20 * one_hvp):.3f}, "
        f"wall / (HVPs x one HVP) = {wall / (res.num_matvecs * one_hvp):.3f} (synced HVP), "
        f"{wall / (res.num_matvecs * loop_hvp):.3f} (back-to-back HVP)")
    RESULTS["ours_top"] = dict(hvps=res.num_matvecs, wall=wall, err=err, syncs=res.num_checks)

    # 5. eigsh over the same GPU HVP ------------------------------------------------------------
    from scipy.sparse.linalg import eigsh

    before = op.num_matvecs
    v0 = torch.randn(d, generator=torch.Generator().manual_seed(0), dtype=torch.float64).numpy()
    sync(device)
    t0 = time.perf_counter()
    w, _ = eigsh(op.to_scipy(), k=1, which="LA", tol=1e-6, v0=v0)
    sync(device)
    wall_e = time.perf_counter() - t0
    n_e = op.num_matvecs - before
    err_e = rel(float(w[-1]), lam32)
    say(f"eigsh top-1 (tol 1e-6) over our GPU HVP: {n_e} HVPs, {wall_e:.3f} s, rel. error {err_e:.1e}; "
        f"eigsh wall / ours = {wall_e / wall:.1f}x")
    RESULTS["eigsh_top"] = dict(hvps=n_e, wall=wall_e, err=err_e)

    # 6. most negative eigenvalue ----------------------------------------------------------------
    sync(device)
    t0 = time.perf_counter()
    rs = lanczos(op, k=1, which="SA", tol=1e-3, seed=0)
    sync(device)
    wall_s = time.perf_counter() - t0
    err_s = rel(float(rs.eigenvalues[0]), lam_min)
    say(f"lanczos most negative (tol 1e-3): lambda_min = {float(rs.eigenvalues[0]):.8g}, {rs.num_matvecs} HVPs, "
        f"{wall_s:.3f} s, rel. error vs float64 {err_s:.1e}, converged {rs.all_converged}, syncs {rs.num_checks}")
    curve_s = []
    for n in range(12, 41, 4 if args.quick else 2):
        r = lanczos(op, k=1, which="SA", tol=1e-4, seed=0, max_iter=n, check_every=n)
        curve_s.append((n, rel(float(r.eigenvalues[0]), lam_min)))
    say("products -> rel. error of lambda_min vs float64: " + ", ".join(f"{n}: {a:.1e}" for n, a in curve_s))
    for target in (1e-2, 1e-3, 1e-4):
        n_t = next((n for n, a in curve_s if a <= target), None)
        say(f"  first product count with rel. error <= {target:g}: {n_t}")
    RESULTS["ours_min"] = dict(hvps=rs.num_matvecs, wall=wall_s, err=err_s, curve=curve_s)

    # 7. memory over many HVPs ----------------------------------------------------------------------
    if device.type == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        m0 = torch.cuda.memory_allocated()
        out = None
        t0 = time.perf_counter()
        for i in range(args.memory_products):
            out = op.matvec(v if out is None else out / out.norm())
            if i == 9:
                torch.cuda.synchronize()
                m10 = torch.cuda.memory_allocated()
        torch.cuda.synchronize()
        m1, peak = torch.cuda.memory_allocated(), torch.cuda.max_memory_allocated()
        say(f"memory over {args.memory_products} HVPs: allocated {m0 / 2**20:.1f} MiB before, "
            f"{m10 / 2**20:.1f} MiB after 10, {m1 / 2**20:.1f} MiB after all; peak {peak / 2**20:.1f} MiB; "
            f"{(time.perf_counter() - t0) / args.memory_products * 1e3:.2f} ms per HVP in a loop")
        RESULTS["memory_mib"] = dict(before=m0 / 2**20, after10=m10 / 2**20, after=m1 / 2**20, peak=peak / 2**20)

    # 8. determinism --------------------------------------------------------------------------------
    a = lanczos(op, k=2, which="LA", tol=1e-3, seed=7)
    b = lanczos(op, k=2, which="LA", tol=1e-3, seed=7)
    same = torch.equal(a.eigenvalues, b.eigenvalues) and torch.equal(a.eigenvectors, b.eigenvectors)
    say(f"same seed twice: bit-identical = {same} (cudnn.deterministic={torch.backends.cudnn.deterministic}); "
        f"eigenvalues {a.eigenvalues.tolist()} vs {b.eigenvalues.tolist()}")
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    op_det = HessianOperator(model, loss_fn, (x, y), hvp="retain")
    a = lanczos(op_det, k=2, which="LA", tol=1e-3, seed=7)
    b = lanczos(op_det, k=2, which="LA", tol=1e-3, seed=7)
    same_det = torch.equal(a.eigenvalues, b.eigenvalues) and torch.equal(a.eigenvectors, b.eigenvectors)
    say(f"same seed twice with cudnn.deterministic=True: bit-identical = {same_det}")
    RESULTS["bit_identical"] = dict(default=same, cudnn_deterministic=same_det)
    # 9. the graph of the loss (issue: curvature of the loss graph at scale) -------------------------
    from geomcheck.eigen import graph_principal_curvatures
    from geomcheck.estimators import graph_mean_curvature, graph_scalar_curvature

    p2 = float(op.gradient.double().square().sum())
    w = 1.0 / math.sqrt(1.0 + p2)
    kref = graph_principal_curvatures(op, k=1, which="LA", tol=1e-5, seed=2, max_iter=200)
    kap32 = float(kref.eigenvalues[-1])
    kcurve = []
    for n in range(6, 25, 3 if args.quick else 2):
        r = graph_principal_curvatures(op, k=1, which="LA", tol=1e-4, seed=0, max_iter=n, check_every=n)
        kcurve.append((n, rel(float(r.eigenvalues[-1]), kap32)))
    say(f"graph: |grad|^2 = {p2:.4g}, w = {w:.4g}; kappa_max = {kap32:.8g} (tol 1e-5, {kref.num_matvecs} HVPs) "
        f"vs lambda_max {lam32:.8g}: ratio {kap32 / lam32:.4f}")
    say("products -> rel. error of kappa_max: " + ", ".join(f"{n}: {a:.1e}" for n, a in kcurve))
    say(f"  first product count with rel. error <= 1e-6: {next((n for n, a in kcurve if a <= 1e-6), None)}")
    sync(device)
    t0 = time.perf_counter()
    kg = graph_principal_curvatures(op, k=1, which="LA", tol=1e-4, seed=0)
    sync(device)
    say(f"graph_principal_curvatures top-1 (tol 1e-4): {kg.num_matvecs} HVPs (Hessian case {res.num_matvecs}), "
        f"{time.perf_counter() - t0:.3f} s, syncs {kg.num_checks}")
    for name, fn in (("mean", graph_mean_curvature), ("scalar", graph_scalar_curvature)):
        sync(device)
        t0 = time.perf_counter()
        est = fn(op, num_matvecs=100 if args.quick else 300, seed=0)
        sync(device)
        lo, hi = est.interval
        say(f"graph {name} curvature, {est.num_matvecs} HVPs ({est.method}): {est.value:.6g} ± {est.stderr:.2g} "
            f"(95 %: [{lo:.6g}, {hi:.6g}]), {time.perf_counter() - t0:.2f} s")
        RESULTS[f"graph_{name}"] = dict(value=est.value, stderr=est.stderr, hvps=est.num_matvecs)
    RESULTS["graph_top"] = dict(kappa=kap32, curve=kcurve, hvps=kg.num_matvecs)
    if args.json:
        args.json.write_text(json.dumps(RESULTS, indent=1, default=str))
    say("done")


if __name__ == "__main__":
    main()
