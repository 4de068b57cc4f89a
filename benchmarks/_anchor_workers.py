"""Subprocess workers for ``benchmarks/symbolic_anchors.py`` (one tool, one ``n`` per process).

Run as ``python benchmarks/_anchor_workers.py TOOL N OUT_JSON TIMEOUT_S [WALL_TIMEOUT_S]``.
The module only imports the standard library at top level, so the parent can also import it
for the shared helpers (``jetify``, ``exact_difference_is_zero``) without pulling in any anchor.

What a worker does, in this order:

1. imports its tool (an ``ImportError`` becomes ``status = "not_installed"``);
2. sign check: computes the scalar curvature of the unit 2-sphere ``g = diag(1, sin²θ)`` with
   the *same* code path it uses for the benchmark, simplifies it, and records the value.
   geomcheck's convention gives ``+2``; a tool giving ``-2`` is flagged and its benchmark
   result is multiplied by ``-1`` (``sign_flip = -1``, reported by the parent);
3. computes the scalar curvature of the generic graph metric ``g = I + ∇f ∇fᵀ`` in ``n``
   variables, timed with ``time.process_time()`` (CPU) and ``time.perf_counter()`` (wall),
   under a CPU budget ``TIMEOUT_S`` and a wall budget ``WALL_TIMEOUT_S`` (default
   ``TIMEOUT_S``), both counted from *after* the imports and the sign check.  A watchdog
   thread polls those same two clocks every 0.2 s and stops the computation (``SIGUSR1`` →
   ``BenchTimeout``) when either is spent; ``RLIMIT_CPU`` stands behind it 60 s later;
4. writes a JSON with ``srepr`` of the result (``Derivative(f(x1..xn), …)`` form), ``srepr`` of
   the coordinate tuple and the name of ``f``, so the parent can rebuild and compare exactly.

Tools: ``geomcheck`` (ours: ``GraphMetric.generic(n).scalar_curvature()``, a closed form proven
on the jet ring), ``geomcheck-metric`` (``scalar_curvature(method="metric")``: geomcheck's own
first-principles path with ``cancel``/``together`` per component), ``sympy`` (plain
first-principles sympy from the metric, no simplify), ``einsteinpy`` (``MetricTensor`` →
``RicciScalar.from_metric``), ``diffgeom`` (``sympy.diffgeom.metric_to_Ricci_components``
contracted with the inverse metric; diffgeom has no scalar-curvature function).
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import sys
import threading
import time
import traceback

TOOLS = ("geomcheck", "geomcheck-jets", "geomcheck-metric", "sympy", "einsteinpy", "diffgeom")


class BenchTimeout(Exception):
    """Raised inside a worker when its CPU or wall-clock budget is spent."""


# ---------------------------------------------------------------------------------------------
# metrics and the plain first-principles reference (textbook formulas, no simplify)
# ---------------------------------------------------------------------------------------------


def graph_metric(n):
    """``(coords, f, g)`` with ``g = I + ∇f ∇fᵀ`` for an undefined ``f = Function('f')(x1..xn)``."""
    import sympy as sp

    coords = sp.symbols(f"x1:{n + 1}")
    f = sp.Function("f")(*coords)
    grad = [sp.diff(f, x) for x in coords]
    g = sp.Matrix(n, n, lambda i, j: (1 if i == j else 0) + grad[i] * grad[j])
    return coords, f, g


def sphere_metric():
    """Unit 2-sphere ``g = diag(1, sin²θ)`` in ``(θ, φ)``: ``S = +2`` in geomcheck's convention."""
    import sympy as sp

    th, ph = sp.symbols("theta phi")
    return (th, ph), sp.diag(1, sp.sin(th) ** 2)


def plain_scalar_curvature(g, coords):
    """Scalar curvature from first principles, no simplification anywhere.

    ``Γ^i_{kl} = ½ g^{ij}(∂_k g_{jl} + ∂_l g_{jk} − ∂_j g_{kl})``,
    ``R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``,
    ``Ric_{jm} = R^i_{jim}``, ``S = g^{jm} Ric_{jm}``.
    """
    import sympy as sp

    n = len(coords)
    ginv = g.inv()
    dg = [[[sp.diff(g[a, b], coords[c]) for c in range(n)] for b in range(n)] for a in range(n)]
    gam = [[[None] * n for _ in range(n)] for _ in range(n)]
    for i in range(n):
        for k in range(n):
            for l in range(k, n):
                v = sp.Rational(1, 2) * sum(
                    ginv[i, j] * (dg[j][l][k] + dg[j][k][l] - dg[k][l][j]) for j in range(n)
                )
                gam[i][k][l] = gam[i][l][k] = v
    ric = [[None] * n for _ in range(n)]
    for j in range(n):
        for m in range(j, n):
            # Ric_{jm} = R^i_{jim}
            v = 0
            for i in range(n):
                v += sp.diff(gam[i][j][m], coords[i]) - sp.diff(gam[i][j][i], coords[m])
                for r in range(n):
                    v += gam[i][i][r] * gam[r][j][m] - gam[i][m][r] * gam[r][j][i]
            ric[j][m] = ric[m][j] = v
    return sum(ginv[j, m] * ric[j][m] for j in range(n) for m in range(n))


# ---------------------------------------------------------------------------------------------
# the tools; each returns (scalar_curvature_expr, coords, f) for the graph metric
# ---------------------------------------------------------------------------------------------


def _import_tool(tool):
    import sympy  # noqa: F401  (every tool needs it; its import time is not benchmarked)

    if tool.startswith("geomcheck"):
        from geomcheck.symbolic import GraphMetric, Metric  # noqa: F401
    elif tool == "einsteinpy":
        from einsteinpy.symbolic import MetricTensor, RicciScalar  # noqa: F401
    elif tool == "diffgeom":
        import sympy.diffgeom  # noqa: F401
    elif tool != "sympy":
        raise ValueError(f"unknown tool {tool!r}; known: {TOOLS}")


def _sympy_run(g, coords):
    return plain_scalar_curvature(g, coords)


def _einsteinpy_run(g, coords):
    from einsteinpy.symbolic import MetricTensor, RicciScalar

    metric = MetricTensor(g.tolist(), coords, config="ll")
    return RicciScalar.from_metric(metric).expr


def _diffgeom_setup(coords, name):
    import sympy as sp
    from sympy.diffgeom import CoordSystem, Manifold, Patch

    n = len(coords)
    manifold = Manifold(f"M_{name}", n)
    patch = Patch(f"P_{name}", manifold)
    # fresh symbols with the same names: CoordSystem wants plain symbols it owns
    cs = CoordSystem(f"C_{name}", patch, [sp.Symbol(c.name) for c in coords])
    return cs


def _diffgeom_scalar(metric, cs):
    """``S = g^{jm} Ric_{jm}`` from ``metric_to_Ricci_components`` (no simplify)."""
    import sympy as sp
    from sympy.diffgeom import metric_to_Ricci_components, twoform_to_matrix

    ric = metric_to_Ricci_components(metric)
    ginv = sp.Matrix(twoform_to_matrix(metric)).inv()
    n = cs.dim
    return sum(ginv[j, m] * ric[j, m] for j in range(n) for m in range(n))


def _diffgeom_to_symbols(expr, cs, coords):
    """Replace diffgeom's ``BaseScalarField``s by ``coords`` and unwrap the ``Subs`` objects that
    ``BaseVectorField.__call__`` leaves around derivatives of an undefined function.

    ``Subs(Derivative(f(ξ, x2), ξ), ξ, x1)`` becomes ``Derivative(f(x1, x2), x1)``: the dummies
    are replaced by their points directly (``Subs.doit`` cannot differentiate with respect to a
    ``BaseScalarField``, and ``xreplace`` does not reach into some nested ``Subs`` that diffgeom
    builds for mixed partials, where two distinct dummies share the name ``ξ``)."""
    import sympy as sp
    from sympy.diffgeom import BaseScalarField

    bsf = dict(zip(cs.coord_functions(), coords))

    def unwrap(sub):
        point = [bsf.get(p, p) for p in sub.point]
        mapping = dict(bsf)
        mapping.update(zip(sub.variables, point))
        return sub.expr.xreplace(mapping)

    expr = expr.replace(lambda e: isinstance(e, sp.Subs), unwrap)
    expr = expr.xreplace(bsf)
    left = expr.atoms(BaseScalarField)
    if left:
        raise RuntimeError(f"diffgeom result still holds base scalar fields {left}")
    return expr


def _diffgeom_graph(n):
    import sympy as sp
    from sympy.diffgeom import TensorProduct

    coords = sp.symbols(f"x1:{n + 1}")
    cs = _diffgeom_setup(coords, f"graph{n}")
    xf, dx, e = cs.coord_functions(), cs.base_oneforms(), cs.base_vectors()
    ff = sp.Function("f")(*xf)
    grad = [e[i](ff) for i in range(n)]  # ∂_i f as diffgeom builds it
    metric = sum(
        ((1 if i == j else 0) + grad[i] * grad[j]) * TensorProduct(dx[i], dx[j])
        for i in range(n)
        for j in range(n)
    )
    return metric, cs, coords


def compute(tool, n):
    """Scalar curvature of the generic graph metric with ``tool``: ``(S, coords, f)``."""
    import sympy as sp

    if tool == "geomcheck":
        from geomcheck.symbolic import GraphMetric

        gm = GraphMetric.generic(n)
        return gm.scalar_curvature(), tuple(gm.coords), gm.f
    if tool == "geomcheck-metric":
        from geomcheck.symbolic import GraphMetric

        gm = GraphMetric.generic(n)
        return gm.scalar_curvature(method="metric"), tuple(gm.coords), gm.f
    if tool == "geomcheck-jets":
        # derivation from the metric on the jet ring: Γ from ∂g, Riemann from ∂Γ and ΓΓ,
        # Ricci, S = g^{jm} Ric_jm (g^{-1} = I - β∇f∇fᵀ, proven to be the inverse), exact
        from geomcheck.symbolic import GraphMetric
        from geomcheck.symbolic import graph_jets as gj
        from geomcheck.symbolic.jets import JetRing

        gm = GraphMetric.generic(n)
        A = JetRing(n, max_order=3)
        g, ginv = gj.metric(A), gj.inverse_metric_cf(A)
        R = gj.riemann_fp(A, gj.christoffel_fp(A, g, ginv))
        S = A.reduce(gj.scalar_from_ricci(A, ginv, gj.ricci_from_riemann(A, R)))
        x = gm.coords
        subs = [1 / sp.sqrt(1 + sum(gm.f.diff(c) ** 2 for c in x))]
        subs += [gm.f.diff(*[x[i] for i in idx]) for idx in A.indices]
        return A.to_sympy(S, subs), tuple(x), gm.f
    if tool == "diffgeom":
        metric, cs, coords = _diffgeom_graph(n)
        s = _diffgeom_scalar(metric, cs)
        s = _diffgeom_to_symbols(s, cs, coords)
        return s, coords, sp.Function("f")(*coords)
    coords, f, g = graph_metric(n)
    if tool == "sympy":
        return _sympy_run(g, coords), coords, f
    if tool == "einsteinpy":
        return _einsteinpy_run(g, coords), coords, f
    raise ValueError(f"unknown tool {tool!r}")


def sphere_check(tool):
    """Simplified scalar curvature of the unit 2-sphere via ``tool``'s own code path (for
    geomcheck: its general ``Metric`` class, the first-principles path behind
    ``GraphMetric.scalar_curvature(method="metric")``; the closed form only takes graphs)."""
    import sympy as sp

    coords, g = sphere_metric()
    if tool.startswith("geomcheck"):
        from geomcheck.symbolic import Metric

        s = Metric(g, coords).scalar_curvature()
    elif tool == "sympy":
        s = _sympy_run(g, coords)
    elif tool == "einsteinpy":
        s = _einsteinpy_run(g, coords)
    elif tool == "diffgeom":
        from sympy.diffgeom import TensorProduct

        cs = _diffgeom_setup(coords, "sphere")
        th, _ = cs.coord_functions()
        dth, dph = cs.base_oneforms()
        metric = TensorProduct(dth, dth) + sp.sin(th) ** 2 * TensorProduct(dph, dph)
        s = _diffgeom_to_symbols(_diffgeom_scalar(metric, cs), cs, coords)
    else:
        raise ValueError(tool)
    return sp.simplify(s)


# ---------------------------------------------------------------------------------------------
# exact comparison helpers (used by the parent)
# ---------------------------------------------------------------------------------------------


def jet_symbol(multi_index):
    """``f_`` + sorted 1-based indices: ``(0, 1) -> f_12``, ``(0, 0, 2) -> f_113``; ``() -> f_``
    (``f`` itself).  Indices are joined with ``_`` once a coordinate index exceeds 9."""
    import sympy as sp

    idx = [str(i + 1) for i in sorted(multi_index)]
    sep = "_" if any(i >= 9 for i in multi_index) else ""
    return sp.Symbol("f_" + sep.join(idx))


def jetify(expr, coords, fname="f"):
    """Replace every ``Derivative(fname(coords), …)`` (and ``fname(coords)`` itself) by an
    independent symbol named after the *sorted* multi-index (mixed partials commute), so two
    expressions of the same jet become rational functions in the same plain symbols."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    pos = {c: i for i, c in enumerate(coords)}
    expr = expr.replace(lambda e: isinstance(e, sp.Subs), lambda e: e.doit())
    repl = {}
    for d in expr.atoms(sp.Derivative):
        if not (isinstance(d.expr, AppliedUndef) and d.expr.func.__name__ == fname):
            raise ValueError(f"unexpected derivative {d}")
        idx = []
        for v, k in d.variable_count:
            if v not in pos:
                raise ValueError(f"derivative in a non-coordinate {v} in {d}")
            idx += [pos[v]] * int(k)
        repl[d] = jet_symbol(idx)
    expr = expr.xreplace(repl)
    fs = [a for a in expr.atoms(AppliedUndef) if a.func.__name__ == fname]
    return expr.xreplace({a: jet_symbol(()) for a in fs})


def exact_difference_is_zero(a, b):
    """``True`` iff ``a − b`` is the zero rational function (both already jetified).

    Canonical form: the difference is rebuilt in the field of rational functions over ``QQ`` in
    its free symbols (``FracField.from_expr``; every step is exact polynomial arithmetic with gcd
    cancellation), which is zero iff the numerator is zero — the same test as
    ``sympy.cancel(a - b) == 0``, without float spot checks.
    """
    import sympy as sp
    from sympy.polys.fields import FracField

    diff = a - b
    gens = sorted(diff.free_symbols, key=lambda s: s.name)
    if not gens:
        return sp.simplify(diff) == 0 if not diff.is_Rational else diff == 0
    field = FracField(gens, sp.QQ)
    return field.from_expr(diff) == field.zero


# ---------------------------------------------------------------------------------------------
# worker entry point
# ---------------------------------------------------------------------------------------------


def _on_limit(signum, frame):  # noqa: ARG001
    raise BenchTimeout("CPU limit" if signum == signal.SIGXCPU else "wall-clock limit")


def _write(path, payload):
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(payload, fh)
    os.replace(tmp, path)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    tool, n, out, timeout = argv[0], int(argv[1]), argv[2], float(argv[3])
    wall_timeout = float(argv[4]) if len(argv) > 4 else timeout
    res = {"tool": tool, "n": n, "status": "error", "pid": os.getpid()}
    t_start = time.process_time()
    try:
        _import_tool(tool)
    except ImportError as exc:
        res.update(status="not_installed", error=f"{type(exc).__name__}: {exc}")
        _write(out, res)
        return 0
    res["import_cpu_s"] = time.process_time() - t_start

    import sympy as sp

    res["sympy_version"] = sp.__version__
    if tool == "einsteinpy":
        import einsteinpy

        res["tool_version"] = einsteinpy.__version__
    elif tool.startswith("geomcheck"):
        import geomcheck

        res["tool_version"] = getattr(geomcheck, "__version__", "?")
    else:
        res["tool_version"] = sp.__version__

    signal.signal(signal.SIGXCPU, _on_limit)
    signal.signal(signal.SIGALRM, _on_limit)

    # 2. sign convention on the unit 2-sphere (own 120 s wall budget, not part of the timing)
    sign = 1
    try:
        signal.setitimer(signal.ITIMER_REAL, 120.0)
        t0 = time.process_time()
        s2 = sphere_check(tool)
        signal.setitimer(signal.ITIMER_REAL, 0)
        res["sphere_cpu_s"] = time.process_time() - t0
        if s2 is None:
            res["sphere_S"] = None
        else:
            res["sphere_S"] = str(s2)
            if s2 == 2:
                sign = 1
            elif s2 == -2:
                sign = -1
            else:
                res.update(status="wrong", error=f"unit 2-sphere gives S = {s2}, expected ±2")
                _write(out, res)
                return 0
    except BenchTimeout as exc:
        res.update(status="error", error=f"sphere sign check: {exc}")
        _write(out, res)
        return 0
    except Exception as exc:  # noqa: BLE001
        res.update(status="error", error=f"sphere sign check: {type(exc).__name__}: {exc}",
                   traceback=traceback.format_exc())
        _write(out, res)
        return 0
    res["sign_flip"] = sign

    # 3. the benchmark proper, under CPU + wall limits counted from here.  The budgets are
    # enforced by a watchdog thread that reads the same clocks as the timing
    # (process_time / perf_counter) and interrupts the main thread; RLIMIT_CPU is only a
    # backstop 60 s later (in this sandbox it fired ~3 % early against process_time).
    used = resource.getrusage(resource.RUSAGE_SELF)
    used_cpu = used.ru_utime + used.ru_stime
    soft = max(1, math.ceil(used_cpu + timeout + 60))  # RLIMIT_CPU counts whole seconds
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    new_hard = soft + 600 if hard == resource.RLIM_INFINITY else min(hard, soft + 600)
    resource.setrlimit(resource.RLIMIT_CPU, (min(soft, new_hard), new_hard))
    stop, fired, armed = threading.Event(), [], [True]
    main_id = threading.get_ident()

    def on_watchdog(signum, frame):  # noqa: ARG001
        if armed[0]:  # a late signal, after compute returned, is ignored
            raise BenchTimeout(fired[-1] if fired else "limit")

    signal.signal(signal.SIGUSR1, on_watchdog)
    c0, w0 = time.process_time(), time.perf_counter()

    def watchdog():
        while not stop.wait(0.2):
            if time.process_time() - c0 >= timeout:
                fired.append("CPU limit")
            elif time.perf_counter() - w0 >= wall_timeout:
                fired.append("wall-clock limit")
            else:
                continue
            signal.pthread_kill(main_id, signal.SIGUSR1)
            return

    dog = threading.Thread(target=watchdog, daemon=True)
    dog.start()
    try:
        try:
            s, coords, f = compute(tool, n)
        finally:
            armed[0] = False
            c1, w1 = time.process_time(), time.perf_counter()
            stop.set()
            dog.join()
    except BenchTimeout as exc:
        res.update(status="timeout", error=str(exc), cpu_s=c1 - c0, wall_s=w1 - w0)
        _write(out, res)
        return 0
    except Exception as exc:  # noqa: BLE001
        res.update(status="error", error=f"{type(exc).__name__}: {exc}", cpu_s=c1 - c0,
                   wall_s=w1 - w0, traceback=traceback.format_exc())
        _write(out, res)
        return 0
    # lift the soft limit to the hard one (an unprivileged process cannot raise the hard one)
    # so that srepr and the JSON dump are not cut off
    resource.setrlimit(resource.RLIMIT_CPU, (new_hard, new_hard))
    if sign == -1:
        s = -s  # explicit, reported flip to geomcheck's convention
    srepr = sp.srepr(s)
    res.update(
        status="ok",
        cpu_s=c1 - c0,
        wall_s=w1 - w0,
        expr_srepr=srepr,
        srepr_chars=len(srepr),
        coords_srepr=sp.srepr(tuple(coords)),
        fname=f.func.__name__,
    )
    _write(out, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
