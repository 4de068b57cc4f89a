"""Drive ``flip_primitives.py``: which checks change their verdict when their data is falsified.

The primitive groups are run in passes, each in a fresh process (caches would carry falsified
results from one configuration into the next):

1. the computation groups together (exact zero tests, SymPy simplification, numeric comparisons,
   001's rendering comparison, readings, estimates, samples, tails) on every claim, then again with
   fresh caches on the claims it did not reach (a result another check cached is computed without
   calling anything);
2. ``sympy ==`` and then ``sympy <`` (SymPy comparisons made in a claim module) alone, on the claims
   not changed yet: together with the simplification flip they would undo it
   (``sp.expand(a - b) == 0`` flipped twice is the original test);
3. ``source_text`` (the document read as empty) alone, on those still unchanged;
4. each group alone, one call at a time (the first :data:`CALLS` calls, each run afresh), on the
   claims that reached it without changing: one falsified call can cancel another within a check
   (``ok = a and not b`` with both negated, or a value and the zero test of it both falsified).

A claim *follows its computation* when some pass reached it (a falsified primitive was called)
and its verdict changed or it raised.  ``python tests/claims/verdict_scan.py [source ...]`` prints
the table per source.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).with_name("flip_primitives.py")
REPO = Path(__file__).resolve().parents[2]
COMPUTATION = ("JetRing.is_zero", "_rat_zero", "_trig_identity_zero", "sympy simplification", "numeric comparisons", "rendering",
               "verdict_from_readings", "estimates", "samples", "tails")


#: pass 4 falsifies one call at a time, the first CALLS calls of each check
CALLS = 12


def run_flipped(ids: list[str], groups: tuple[str, ...], calls: int | None = None, fresh: bool = False) -> dict[str, dict]:
    """One fresh process of ``flip_primitives.py`` with ``groups`` falsified, on ``ids`` (``calls``: one
    call at a time, see ``flip_primitives.run``)."""
    if not ids:
        return {}
    # the checkout first on the path, as in this process (an installed copy must not answer instead)
    env = dict(os.environ, OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, str(SCRIPT), "--only=" + ",".join(groups),
                          *([f"--calls={calls}"] if calls else []), *(["--fresh"] if fresh else []), *ids], capture_output=True,
                         text=True, env=env, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"flip_primitives.py failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


@dataclass
class Scan:
    #: claim id -> the passes (group tuples) that reached it and changed its verdict (or raised)
    changed: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    #: claim id -> the passes that reached it without changing its verdict
    unchanged: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    #: claim id -> {group: calls} summed over the passes
    primitives: dict[str, dict[str, int]] = field(default_factory=dict)
    #: claim id -> the error a pass raised (if any)
    errors: dict[str, str] = field(default_factory=dict)

    def record(self, groups: tuple[str, ...], result: dict[str, dict], expected: dict[str, str]) -> None:
        for cid, r in result.items():
            if not r["used"]:
                continue
            for name, calls in r["primitives"].items():
                self.primitives.setdefault(cid, {})
                self.primitives[cid][name] = self.primitives[cid].get(name, 0) + calls
            if r["error"] is not None or r["verdict"] != expected[cid]:
                self.changed.setdefault(cid, []).append(groups)
                if r["error"] is not None:
                    self.errors[cid] = r["error"]
            else:
                self.unchanged.setdefault(cid, []).append(groups)

    @property
    def ignoring(self) -> set[str]:
        """Reached by some pass, changed by none: the verdict ignores the falsified data."""
        return set(self.unchanged) - set(self.changed)

    def reached(self) -> set[str]:
        return set(self.changed) | set(self.unchanged)


def scan(ids: list[str]) -> Scan:
    from geomcheck.claims import all_claims

    claims = all_claims()
    expected = {cid: claims[cid].expected.value for cid in ids}
    s = Scan()
    s.record(COMPUTATION, run_flipped(ids, COMPUTATION), expected)
    unreached = [cid for cid in ids if cid not in s.reached()]
    s.record(COMPUTATION + ("fresh",), run_flipped(unreached, COMPUTATION, fresh=True), expected)
    for groups in (("sympy ==",), ("sympy <",), ("source_text",)):
        rest = [cid for cid in ids if cid not in s.changed]
        s.record(groups, run_flipped(rest, groups, fresh=True), expected)
    used_by_rest: dict[str, list[str]] = {}
    for cid in sorted(s.ignoring):
        for name in _groups_of(s.primitives[cid]):
            used_by_rest.setdefault(name, []).append(cid)
    for name, rest in sorted(used_by_rest.items()):
        s.record((name, "one call"), run_flipped(rest, (name,), CALLS), expected)
    return s


def _groups_of(primitives: dict[str, int]) -> set[str]:
    """The groups (``--only`` names) a check's primitive calls belong to."""
    out = set()
    for name in primitives:
        if name.startswith("sp."):
            out.add("sympy simplification")
        elif name in ("sample_projected_hessian", "ensemble_average_hessian", "projected_curvatures", "_algorithm1",
                      "_quad_fit_c2_float", "_resnet_cifar_params", "_densenet_params", "annihilation", "power_iteration"):
            out.add("samples")
        elif name in ("_psaddle_mc", "_mean_kappa_mc", "monte_carlo"):
            out.add("estimates")
        elif name == "compare_rendering":
            out.add("rendering")
        elif name in ("close", "below"):
            out.add("numeric comparisons")
        elif name in ("_chi2_sf", "_chi2_cdf", "_ip_tail"):
            out.add("tails")
        else:
            out.add(name)
    return out


if __name__ == "__main__":
    from collections import Counter

    from geomcheck.claims import all_claims

    claims = all_claims()
    sources = sys.argv[1:] or sorted({c.source.id for c in claims.values()})
    ids = [cid for cid, c in claims.items() if c.source.id in sources]
    result = scan(ids)
    table = Counter()
    for cid in ids:
        src = claims[cid].source.id
        state = "changed" if cid in result.changed else ("IGNORES" if cid in result.unchanged else "unreached")
        table[src, state] += 1
        if state != "changed":
            print(state, cid, result.primitives.get(cid, {}))
    for src in sources:
        print(src, {k[1]: v for k, v in table.items() if k[0] == src})
