#!/usr/bin/env python
"""Symbolic anchors: scalar curvature of the generic graph metric, geomcheck vs EinsteinPy vs
sympy.diffgeom (vs plain first-principles sympy), timed and compared *exactly*.

The metric
----------
Coordinates ``x1..xn`` (sympy symbols), ``f = Function('f')(x1, …, xn)`` undefined, and
``g = I + ∇f ∇fᵀ`` (``g_ij = δ_ij + ∂_i f ∂_j f``), the induced metric of the graph of ``f``.
Every tool gets this same matrix (diffgeom: the same two-form, built with its own ``∂_i``).

Convention (geomcheck, ``geomcheck/conventions.py``):
``R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``,
``Ric_{jm} = R^i_{jim}``, ``S = g^{jm} Ric_{jm}``; the unit 2-sphere has ``S = +2``.
Each worker computes the unit 2-sphere ``diag(1, sin²θ)`` through the tool's own code path
first; a tool giving ``−2`` would have its result negated, explicitly, and the table says so.

Tools (rows)
------------
``geomcheck`` (ours)
    ``GraphMetric.generic(n).scalar_curvature()`` from ``geomcheck.symbolic``; ``gm.coords`` and
    ``gm.f`` name the coordinates and ``f`` of its ``Derivative`` objects.
``geomcheck method=metric``
    ``GraphMetric.generic(n).scalar_curvature(method="metric")``: geomcheck's own
    first-principles path (``Metric``: adjugate inverse, ``together``/``cancel`` on every
    component).  The default ``scalar_curvature()`` above evaluates the closed form
    ``S = β[(tr H)² − tr H²] − 2β²[tr H·pᵀHp − pᵀH²p]`` that ``geomcheck.symbolic.proofs``
    proves on the jet ring, so "ours" is a formula evaluation, not a curvature computation from
    the metric; this row is the like-for-like geomcheck time (ratio shown in parentheses).
``sympy (first principles)``
    The textbook formulas above in plain sympy, ``g.inv()`` and ``diff`` only, **no simplify**:
    a third reference, independent of both geomcheck and the anchors.
``einsteinpy``
    ``m = MetricTensor(g.tolist(), coords, config="ll")`` then
    ``RicciScalar.from_metric(m).expr``.  That chain is ``ChristoffelSymbols.from_metric``
    (``Matrix.inv()`` of ``g``, no simplify) → ``RiemannCurvatureTensor.from_christoffels``
    (``sympy.simplify`` on every one of the ``n⁴`` components ``R^t_{srn}``) →
    ``RicciTensor.from_riemann`` (contraction (0, 2), ``simplify`` per component) →
    ``RicciScalar.from_riccitensor`` (raises an index with ``metric.inv()``, which is
    ``simplify(Matrix.inv())``, ``simplify`` of the contraction, then ``simplify`` of the trace).
    These ``simplify`` calls are hard-wired in EinsteinPy (there is no switch to turn them off),
    and they are where its time goes.  Its Riemann convention
    ``R^t_{srn} = Γ^t_{sn,r} − Γ^t_{sr,n} + Γ^p_{sn}Γ^t_{pr} − Γ^p_{sr}Γ^t_{pn}`` and its Ricci
    contraction (0, 2) are geomcheck's; the sphere check confirms ``+2``.
``diffgeom``
    ``sympy.diffgeom``: ``Manifold``/``Patch``/``CoordSystem`` on ``x1..xn``, ``∂_i f`` from the
    base vector fields applied to ``f(x1, …, xn)``, the metric
    ``Σ g_ij dx_i ⊗ dx_j`` (``TensorProduct``), ``metric_to_Ricci_components`` (no simplify),
    contracted with ``Matrix(twoform_to_matrix(metric)).inv()`` (diffgeom has no scalar
    curvature function).  The ``Subs``/``BaseScalarField`` wrappers diffgeom leaves are turned
    back into ``Derivative(f(x1..xn), …)`` after the timed part.

How it is run and timed
-----------------------
Every (tool, n) runs in its own process (``benchmarks/_anchor_workers.py``), sequentially.
Inside the worker, after the imports and the sphere check, the computation is timed with
``time.process_time()`` (CPU) and ``time.perf_counter()`` (wall) under a budget of
``--timeout`` CPU seconds and ``--wall-timeout`` wall seconds (default: the same 300 s); a
watchdog thread reading those two clocks stops it when either is spent (``RLIMIT_CPU`` is a
backstop 60 s later).  Import and start-up time are *not* in the table (the child's total CPU
from ``getrusage(RUSAGE_CHILDREN)`` is printed below it).  On a machine shared with other
work, wall time inflates but CPU time much less; pass ``--wall-timeout 900`` so that the CPU
budget decides.  The worker returns ``srepr`` of the result.

Exact comparison
----------------
The parent rebuilds each expression, replaces every ``Derivative`` of ``f`` by an independent
symbol named by its sorted multi-index (``f_1``, ``f_12``, ``f_113``, …: mixed partials
commute), and decides ``ours − theirs == 0`` in the field of rational functions over ``QQ``
(``FracField.from_expr``: exact polynomial arithmetic with gcd cancellation, the same test as
``sympy.cancel(ours − theirs) == 0``).  No floats anywhere.

Usage::

    python benchmarks/symbolic_anchors.py                      # n = 2 3, both anchors, 300 s
    python benchmarks/symbolic_anchors.py --n 4 --timeout 300
    python benchmarks/symbolic_anchors.py --tools einsteinpy --n 2

The anchors are the optional ``bench`` extra (``pip install geomcheck[bench]``, which pulls
``einsteinpy>=0.4``); ``sympy.diffgeom`` ships with sympy.  An anchor that cannot be imported
gets a row saying so, never a silent skip.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKER = HERE / "_anchor_workers.py"
sys.path.insert(0, str(HERE))

from _anchor_workers import exact_difference_is_zero, jetify  # noqa: E402

ANCHORS = ("einsteinpy", "diffgeom")
LABEL = {
    "geomcheck": "geomcheck (ours)",
    "geomcheck-jets": "geomcheck jets from metric",
    "geomcheck-metric": "geomcheck method=metric",
    "sympy": "sympy first-principles",
    "einsteinpy": "einsteinpy",
    "diffgeom": "sympy.diffgeom",
}
INSTALL_HINT = "not installed (pip install geomcheck[bench])"
#: grace for interpreter start-up, imports and the sphere check before the parent kills a child
STARTUP_GRACE_S = 180.0


def run_worker(tool: str, n: int, timeout: float, python: str,
               wall_timeout: float | None = None) -> dict:
    """Run one (tool, n) in a fresh process; returns the worker's JSON plus parent-side times.

    ``timeout`` is the CPU budget and, unless ``wall_timeout`` is given, also the wall budget."""
    wall = timeout if wall_timeout is None else wall_timeout
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    with tempfile.TemporaryDirectory(prefix="anchor_") as tmp:
        out = os.path.join(tmp, "result.json")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [python, str(WORKER), tool, str(n), out, repr(float(timeout)),
                 repr(float(wall))],
                env=env,
                cwd=str(REPO),
                capture_output=True,
                text=True,
                timeout=max(timeout, wall) + STARTUP_GRACE_S,
            )
            rc, stderr = proc.returncode, proc.stderr
        except subprocess.TimeoutExpired as exc:
            rc, stderr = None, (exc.stderr or b"")
            stderr = stderr.decode() if isinstance(stderr, bytes) else stderr
        wall_total = time.perf_counter() - w0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        child_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if os.path.exists(out):
            with open(out) as fh:
                res = json.load(fh)
        elif rc is None:
            res = {"status": "timeout", "error": f"killed by the parent after "
                   f"{max(timeout, wall) + STARTUP_GRACE_S:.0f} s wall", "wall_s": wall_total}
        else:
            tail = "\n".join(stderr.strip().splitlines()[-3:]) if stderr else ""
            hint = " (CPU limit: SIGXCPU/SIGKILL)" if rc in (-24, -9) else ""
            res = {"status": "timeout" if rc in (-24, -9) else "error",
                   "error": f"worker exited with {rc}{hint}: {tail}"}
    res.setdefault("tool", tool)
    res.setdefault("n", n)
    res["process_cpu_s"] = child_cpu
    res["process_wall_s"] = wall_total
    return res


def rebuild(res: dict):
    """Rebuild the worker's expression from ``srepr`` and jetify it."""
    import sympy as sp

    ns = {k: getattr(sp, k) for k in dir(sp) if not k.startswith("_")}
    expr = eval(res["expr_srepr"], ns)  # noqa: S307  (our own worker's srepr output)
    coords = eval(res["coords_srepr"], ns)  # noqa: S307
    return jetify(expr, tuple(coords), res.get("fname", "f"))


def _fmt_s(x) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 0.1 else f"{x:.2f}"


def _yes_no(x) -> str:
    return {True: "yes", False: "NO", None: "n/a"}[x]


def render(rows: list[list[str]], header: list[str], title: str) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
        print(title)
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        print("  ".join("-" * w for w in widths))
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
        return
    table = Table(title=title)
    for i, h in enumerate(header):
        table.add_column(h, justify="right" if i in (0, 2, 3, 7) else "left")
    for r in rows:
        table.add_row(*r)
    Console(width=max(120, os.get_terminal_size(1).columns if sys.stdout.isatty() else 120)
            ).print(table)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[2, 3], help="dimensions (default 2 3)")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="CPU and wall budget per (tool, n) in seconds (default 300)")
    ap.add_argument("--wall-timeout", type=float, default=None, metavar="S",
                    help="separate wall-clock budget (default: same as --timeout); raise it on "
                         "a loaded machine so that the CPU budget is what decides")
    ap.add_argument("--tools", nargs="+", choices=ANCHORS, default=list(ANCHORS),
                    help="anchors to run (default: einsteinpy diffgeom)")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the two extra rows: geomcheck method=metric and the plain "
                         "first-principles sympy reference")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter for the workers (default: this one)")
    ap.add_argument("--json", metavar="PATH", help="also write the results (no expressions) here")
    args = ap.parse_args(argv)

    refs = ["geomcheck-jets"] + ([] if args.no_reference else ["geomcheck-metric", "sympy"])
    tools = ["geomcheck"] + refs + list(args.tools)
    rows, notes, records = [], [], []
    wall = args.timeout if args.wall_timeout is None else args.wall_timeout
    print(f"python {args.python}; timeout {args.timeout:.0f} s CPU, {wall:.0f} s wall per "
          f"(tool, n); "
          f"n = {' '.join(map(str, args.n))}", flush=True)
    for n in args.n:
        results = {}
        for tool in tools:
            print(f"  running {LABEL[tool]:<24} n={n} ...", end="", flush=True)
            res = run_worker(tool, n, args.timeout, args.python, args.wall_timeout)
            results[tool] = res
            print(f" {res['status']}"
                  + (f"  {res['cpu_s']:.2f} s CPU" if res.get("cpu_s") is not None else ""),
                  flush=True)

        # exact comparisons
        exprs, cmp_cpu = {}, {}
        for tool, res in results.items():
            if res["status"] == "ok":
                t0 = time.process_time()
                try:
                    exprs[tool] = rebuild(res)
                except Exception as exc:  # noqa: BLE001
                    res.update(status="error", error=f"rebuild: {type(exc).__name__}: {exc}")
                cmp_cpu[tool] = time.process_time() - t0

        def agree(a, b):
            if a not in exprs or b not in exprs:
                return None
            if a == b:
                return True
            t0 = time.process_time()
            r = exact_difference_is_zero(exprs[a], exprs[b])
            cmp_cpu[b] = cmp_cpu.get(b, 0.0) + time.process_time() - t0
            return r

        ours = results["geomcheck"]
        ours_cpu = ours.get("cpu_s") if ours["status"] == "ok" else None
        jets = results.get("geomcheck-jets", {})
        jets_cpu = jets.get("cpu_s") if jets.get("status") == "ok" else None
        for tool in tools:
            res = results[tool]
            res["agree_geomcheck"] = agree("geomcheck", tool)
            res["agree_reference"] = agree("sympy", tool) if "sympy" in tools else None
        # "wrong": a result that disagrees with geomcheck, unless the independent first-principles
        # reference sides with it (then geomcheck's row is the wrong one); geomcheck itself is
        # judged against the reference; the reference is wrong only when it disagrees with
        # geomcheck and with every anchor that finished.
        anchors_ok = [t for t in tools if t in ANCHORS and t in exprs]
        for tool in tools:
            res = results[tool]
            if res["status"] != "ok":
                continue
            if tool.startswith("geomcheck"):
                bad = res["agree_reference"] is False or res.get("agree_geomcheck") is False
            elif tool == "sympy":
                bad = res["agree_geomcheck"] is False and not any(
                    results[a]["agree_reference"] for a in anchors_ok)
            else:
                bad = res["agree_geomcheck"] is False and res["agree_reference"] is not True
            if bad:
                res["status"] = "wrong"
        for tool in tools:
            res = results[tool]
            status = res["status"]
            if status == "not_installed":
                shown = INSTALL_HINT if tool in ANCHORS else "not importable"
            else:
                shown = status
            cpu = res.get("cpu_s")
            if tool == "geomcheck":
                ratio = "1.00" if ours_cpu else "n/a"
            elif tool in ("geomcheck-metric", "geomcheck-jets") and ours_cpu and cpu is not None and status == "ok":
                ratio = f"({cpu / ours_cpu:.1f})"
            elif ours_cpu and cpu is not None and status in ("ok", "wrong"):
                ratio = f"{cpu / ours_cpu:.1f}"
            elif ours_cpu and status == "timeout":
                ratio = f">{(cpu if cpu is not None else args.timeout) / ours_cpu:.0f}"
            else:
                ratio = "n/a"
            flip = res.get("sign_flip")
            rows.append([
                str(n), LABEL[tool], _fmt_s(cpu), _fmt_s(res.get("wall_s")), shown,
                _yes_no(res["agree_geomcheck"]) if tool != "geomcheck" else "(self)",
                _yes_no(res["agree_reference"]) if tool != "sympy" else "(self)",
                ratio,
                (f"{cpu / jets_cpu:.1f}" if jets_cpu and cpu is not None and status in ("ok", "wrong")
                 else (f">{(cpu if cpu is not None else args.timeout) / jets_cpu:.0f}"
                       if jets_cpu and status == "timeout" else "n/a")),
            ])
            if res["status"] == "not_installed":
                notes.append(f"n={n} {LABEL[tool]}: "
                             + (INSTALL_HINT if tool in ANCHORS else
                                "geomcheck.symbolic.GraphMetric is not importable")
                             + f" [{res.get('error', '')}]")
            elif res.get("error"):
                notes.append(f"n={n} {LABEL[tool]}: {res['status']}: {res['error']}")
            if flip == -1:
                notes.append(f"n={n} {LABEL[tool]}: unit 2-sphere gives S = -2 (opposite sign "
                             f"convention); its result was multiplied by -1 before comparing")
            notes_cpu = (f"n={n} {LABEL[tool]}: process CPU {res['process_cpu_s']:.2f} s "
                         f"(incl. start-up, imports {_fmt_s(res.get('import_cpu_s'))} s, sphere "
                         f"check {_fmt_s(res.get('sphere_cpu_s'))} s), process wall "
                         f"{res['process_wall_s']:.2f} s; unit 2-sphere S = "
                         f"{res.get('sphere_S', '-')}; srepr {res.get('srepr_chars', '-')} chars"
                         f"; rebuild+compare {cmp_cpu.get(tool, 0.0):.2f} s CPU")
            notes.append(notes_cpu)
            rec = {k: v for k, v in res.items() if k not in ("expr_srepr", "traceback")}
            rec["ratio_vs_ours"] = ratio
            records.append(rec)
        if "geomcheck" not in exprs and "sympy" in exprs:
            notes.append(f"n={n}: geomcheck's side is unavailable; the '= first-principles' "
                         f"column is the exact check that is left")

    header = ["n", "tool", "CPU s", "wall s", "status", "= geomcheck", "= first-principles",
              "CPU ratio vs ours", "vs jet derivation"]
    print()
    render(rows, header, "Scalar curvature of g = I + ∇f∇fᵀ (generic f): exact agreement and time")
    print("CPU s / wall s: the computation only, measured inside the worker process "
          "(time.process_time / perf_counter); ratio = tool CPU / geomcheck CPU.")
    if "geomcheck-metric" in tools:
        print("geomcheck (ours) evaluates its proven closed form for S; 'geomcheck jets from metric' "
              "derives S from the metric on the jet ring (Γ, Riemann, Ricci, trace; the like-for-like "
              "comparison, last column); 'geomcheck method=metric' is geomcheck's plain-SymPy "
              "first-principles path (ratios in parentheses).")
    print("Sign conventions (unit 2-sphere, tool's own code path; geomcheck's convention: +2):")
    seen = set()
    for rec in records:
        t = rec["tool"]
        if t in seen or rec.get("sphere_S") is None:
            continue
        if "sphere_S" in rec:
            seen.add(t)
            s2 = rec["sphere_S"]
            verdict = ("same as geomcheck, no sign flip" if rec.get("sign_flip") == 1 else
                       "OPPOSITE to geomcheck: results negated explicitly"
                       if rec.get("sign_flip") == -1 else "unexpected")
            print(f"  {LABEL[t]:<24} S(S^2) = {s2}: {verdict}")
    print("Details:")
    for line in notes:
        print("  " + line)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(records, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
