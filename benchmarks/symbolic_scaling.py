"""Generic-f graph metric: derivation from the metric + exact proofs of every closed form.

For each n, ``prove_graph_identities(n)`` builds the jet ring, derives Γ, Riemann (every
component), Ricci, S, N, h, s, Weingarten, Gauss equation, mean curvature, 2σ₂ and det g from
the metric, and decides each closed form exactly.  CPU seconds (``time.process_time``) are
compared with the issue's targets: n = 6 <= 5 s, n = 8 <= 30 s, n = 10 <= 300 s.

Run: ``python benchmarks/symbolic_scaling.py [--max-n 10] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import platform
import time

from geomcheck.symbolic.proofs import prove_graph_identities

TARGETS = {6: 5.0, 8: 30.0, 10: 300.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-n", type=int, default=2)
    ap.add_argument("--max-n", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'n':>3} {'identities':>10} {'components':>10} {'CPU s (best)':>13} {'wall s':>8} {'target s':>9} {'target/ours':>12} {'all hold':>8}")
    for n in range(args.min_n, args.max_n + 1):
        best_cpu, best_wall, result = float("inf"), float("inf"), None
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            result = prove_graph_identities(n)
            best_cpu = min(best_cpu, time.process_time() - c0)
            best_wall = min(best_wall, time.perf_counter() - w0)
        comps = sum(c.components for c in result.checks)
        target = TARGETS.get(n)
        ratio = f"{target / best_cpu:12.0f}x" if target else f"{'':>13}"
        tgt = f"{target:9.0f}" if target else f"{'':>9}"
        print(f"{n:>3} {len(result.checks):>10} {comps:>10} {best_cpu:>13.3f} {best_wall:>8.3f} {tgt} {ratio} {str(result.all_hold):>8}")


if __name__ == "__main__":
    main()
