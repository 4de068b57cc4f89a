"""Memory growth over many Hessian-vector products (RSS on CPU): geomcheck against PyHessian.

For each variant, on the digits MLP (``benchmarks/_digits_mlp.py``), float64, full batch:

* geomcheck ``HessianOperator`` with ``hvp="retain"``, ``"recompute"``, ``"jvp"`` (``matvec``);
* PyHessian's ``hessian`` class (constructor: ``loss.backward(create_graph=True)``, then
  ``hessian_vector_product`` on the retained graph — its single-batch path), and its
  ``dataloader_hv_product`` (``backward(create_graph=True)`` per product, the code of its
  issue 28 on the reference cycle parameter ↔ ``.grad``).

Protocol per variant: build the operator, ``--warmup`` products (allocator and autograd caches
settle), read RSS, ``--products`` products (each output dropped; a vector reused, as an
eigensolver does), ``gc.collect()``, read RSS again.  RSS is read from ``/proc/self/statm``
(resident pages × page size; ``psutil`` is not needed); the peak RSS (``ru_maxrss``) is printed
too.  Growth is reported in MB per 100 products; the glibc allocator returns memory lazily, so
growth under ~1 MB in total is noise.  The variants run in one process in the order given, the
model's ``.grad`` fields are reset to ``None`` between them, so a leak of one shows up in its
own row.

Run: ``python benchmarks/hvp_memory.py [--hidden 70] [--products 1000] [--warmup 20]
[--variants ...]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _digits_mlp import digits_problem  # noqa: E402

from geomcheck.operators.hessian import HessianOperator  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
VARIANTS = ("geomcheck-retain", "geomcheck-recompute", "geomcheck-jvp", "pyhessian", "pyhessian-dataloader")


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def clear_grads(model: torch.nn.Module) -> None:
    for p in model.parameters():
        p.grad = None


def make_product(variant: str, prob) -> tuple[Callable[[], object], Callable[[], None]]:
    """(one product, cleanup) for a variant."""
    model, X, y, loss_fn = prob.model, prob.X, prob.y, prob.loss_fn
    v = torch.randn(prob.d, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    clear_grads(model)
    if variant.startswith("geomcheck-"):
        op = HessianOperator(model, loss_fn, (X, y), hvp=variant.split("-", 1)[1])
        return (lambda: op.matvec(v)), (lambda: None)
    from pyhessian import hessian as PyHessian
    from pyhessian.utils import hessian_vector_product

    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)  # PyHessian allocates in the default dtype
    try:
        if variant == "pyhessian":
            hc = PyHessian(model, loss_fn, data=(X, y), cuda=False)
        else:
            hc = PyHessian(model, loss_fn, dataloader=[(X, y)], cuda=False)
    finally:
        torch.set_default_dtype(old)
    parts = [c.view_as(p) for c, p in zip(torch.split(v, [p.numel() for p in hc.params]), hc.params)]
    if variant == "pyhessian":
        fn = lambda: hessian_vector_product(hc.gradsH, hc.params, parts)  # noqa: E731
    else:
        fn = lambda: hc.dataloader_hv_product(parts)  # noqa: E731
    return fn, (lambda: clear_grads(model))


def measure(variant: str, prob, products: int, warmup: int) -> dict:
    gc.collect()
    base = rss_mb()
    fn, cleanup = make_product(variant, prob)
    for _ in range(warmup):
        fn()
    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    for _ in range(products):
        fn()
    seconds = time.perf_counter() - t0
    gc.collect()
    after = rss_mb()
    cleanup()
    del fn
    gc.collect()
    released = rss_mb()
    return dict(variant=variant, rss_build_mb=before - base, rss_before_mb=before, rss_after_mb=after,
                growth_mb=after - before, growth_mb_per_100=100 * (after - before) / products,
                rss_after_release_mb=released, peak_mb=peak_mb(), seconds=seconds, products=products)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=int, nargs="+", default=[70])
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--json", default=None)
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, load average "
          f"{os.getloadavg()[0]:.2f}; RSS from /proc/self/statm")
    rows = []
    for h in args.hidden:
        prob = digits_problem(h, args.seed, cache=not args.no_cache)
        print(f"{'variant':<22} {'build MB':>9} {'RSS before':>11} {'RSS after':>10} {'growth MB':>10} "
              f"{'MB/100 HVPs':>12} {'after release':>14} {'s/HVP':>8}")
        for variant in args.variants:
            r = measure(variant, prob, args.products, args.warmup) | dict(hidden=h, d=prob.d)
            rows.append(r)
            print(f"{variant:<22} {r['rss_build_mb']:9.1f} {r['rss_before_mb']:11.1f} {r['rss_after_mb']:10.1f} "
                  f"{r['growth_mb']:10.2f} {r['growth_mb_per_100']:12.3f} {r['rss_after_release_mb']:14.1f} "
                  f"{r['seconds'] / r['products'] * 1e3:7.2f}ms", flush=True)
        print(f"h = {h}: {args.products} products per variant; peak RSS {peak_mb():.0f} MB")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    return rows


if __name__ == "__main__":
    main()
