"""Run claim checks (optionally in parallel processes), timing each and capturing errors.

Reproducible evidence: every check runs with a fixed number of compute threads
(:data:`CHECK_THREADS`, set for torch and, through ``threadpoolctl`` when it is installed, for
the BLAS/OpenMP pools NumPy and SciPy use), whatever ``OMP_NUM_THREADS`` or ``--jobs`` the user
chose, because a parallel reduction sums in an order that depends on the thread count and the
last bits of a float64 result follow that order.  Fixed threads do not make results identical
across CPUs with different vector units (a matrix product on AVX-512 and on AVX2 rounds
differently); a check therefore reports a floating-point quantity at the precision it
establishes (a bound such as "error < 1e-10", not the raw rounding residue).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence

from .model import Claim, ClaimResult, Context, Outcome

__all__ = ["run_claim", "run_claims", "fixed_threads", "CHECK_THREADS"]

#: compute threads of one check (torch intra-op, BLAS, OpenMP); ``--jobs`` parallelises across checks
CHECK_THREADS = 1


#: environment variables torch (and OpenMP / MKL) read for their thread count when first loaded
_THREAD_ENV = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def fixed_threads(n: int = CHECK_THREADS) -> Iterator[None]:
    """Run the body with ``n`` torch intra-op threads and ``n`` BLAS/OpenMP threads.

    When torch is already imported its thread count is set and restored afterwards.  When it is
    not (a purely symbolic check need not pay for importing it), ``OMP_NUM_THREADS`` and
    ``MKL_NUM_THREADS`` are set to ``n`` for the body, so a check that imports torch starts it
    with ``n`` threads (the environment is restored; torch keeps ``n`` for the process).
    """
    torch = sys.modules.get("torch")
    saved_env: dict[str, str | None] = {}
    if torch is not None:
        before = torch.get_num_threads()
        torch.set_num_threads(n)
    else:
        for var in _THREAD_ENV:
            saved_env[var] = os.environ.get(var)
            os.environ[var] = str(n)
    try:
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # optional: NumPy's BLAS then keeps its own setting (small matrices only)
            limits = contextlib.nullcontext()
        else:
            limits = threadpool_limits(limits=n)
        with limits:
            yield
    finally:
        if torch is not None:
            torch.set_num_threads(before)
        for var, value in saved_env.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def run_claim(claim: Claim, ctx: Context) -> ClaimResult:
    """Run one check with :data:`CHECK_THREADS` threads; an exception becomes
    ``ClaimResult.error`` (never a verdict)."""
    t0 = time.perf_counter()
    try:
        with fixed_threads():
            outcome = claim.check(ctx)
        if not isinstance(outcome, Outcome):
            raise TypeError(f"check of {claim.id} returned {type(outcome).__name__}, not Outcome")
        error = None
    except Exception:  # noqa: BLE001 - reported, and verify exits non-zero
        outcome, error = None, traceback.format_exc()
    return ClaimResult(claim.id, claim.source.id, claim.location, claim.quote, outcome,
                       time.perf_counter() - t0, error)


def _run_by_id(args: tuple[str, Context]) -> ClaimResult:
    from .registry import all_claims

    claim_id, ctx = args
    return run_claim(all_claims()[claim_id], ctx)


def run_claims(
    claims: Sequence[Claim],
    *,
    ctx: Context = Context(),
    jobs: int = 1,
    on_result: Callable[[ClaimResult], None] | None = None,
) -> list[ClaimResult]:
    """Run every claim (in ``jobs`` worker processes when > 1); results in input order."""
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    results: dict[str, ClaimResult] = {}
    if jobs == 1 or len(claims) <= 1:
        for claim in claims:
            res = run_claim(claim, ctx)
            results[claim.id] = res
            if on_result:
                on_result(res)
    else:
        # slow claims first so that they do not end up alone at the tail
        order = sorted(claims, key=lambda c: not c.slow)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"))
        try:
            for res in pool.map(_run_by_id, [(c.id, ctx) for c in order]):
                results[res.claim_id] = res
                if on_result:
                    on_result(res)
        except BaseException:  # Ctrl-C or a broken worker: do not wait for the queued checks
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    return [results[c.id] for c in claims]
