"""Run claim checks (optionally in parallel processes), timing each and capturing errors."""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence

from .model import Claim, ClaimResult, Context, Outcome

__all__ = ["run_claim", "run_claims"]


def run_claim(claim: Claim, ctx: Context) -> ClaimResult:
    """Run one check; an exception becomes ``ClaimResult.error`` (never a verdict)."""
    t0 = time.perf_counter()
    try:
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
        with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
            for res in pool.map(_run_by_id, [(c.id, ctx) for c in order]):
                results[res.claim_id] = res
                if on_result:
                    on_result(res)
    return [results[c.id] for c in claims]
