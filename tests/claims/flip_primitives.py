"""Run the claim checks with the data their verdicts are computed from forced to the opposite.

Usage (a fresh process: the checks cache intermediate results, which must not leak into other
tests): ``python tests/claims/flip_primitives.py [--only=GROUP,...] [--calls=K] [--fresh] [claim-id ...]``
(groups: :data:`PRIMITIVES`, all by default; ``--calls``/``--fresh``: see :func:`run`); prints one
JSON object ``{claim_id: {"verdict": ..., "error": ..., "used": n, "primitives": {name: calls}}}``
where ``used`` counts the calls of a falsifiable primitive made by that check.
``tests/claims/verdict_scan.py`` runs the groups in passes.

The primitives, each falsified (issue 14, finding 6):

* exact zero tests, negated: :meth:`geomcheck.symbolic.jets.JetRing.is_zero` (the jet-ring
  identities under :func:`geomcheck.claims.tools.prove_jet_identity`), 003's ``_rat_zero``,
  002's ``_trig_identity_zero``;
* SymPy simplification called *from a claim module* (``sp.simplify``, ``sp.expand``, ``sp.factor``,
  ``sp.cancel``, ``sp.together``, ``sp.radsimp``, ``sp.trigsimp``): a result that is zero comes back
  as the nonzero rational 7/3 and a nonzero result as zero (matrices likewise, booleans negated), so every ``sp.simplify(a - b) == 0`` is negated
  (calls from inside SymPy or the symbolic engine are untouched: the frame of the caller decides);
* the shared numeric decisions :func:`geomcheck.claims.tools.close` (agreement within a
  tolerance) and :func:`geomcheck.claims.tools.below` (a pointwise bound), negated;
* :func:`geomcheck.claims.tools.verdict_from_readings`: the readings it is given are falsified so
  that the verdict they give changes; :func:`geomcheck.claims.tools.monte_carlo`: the estimate
  moved far outside its interval;
* SymPy orderings (``<``, ``<=``, ``>``, ``>=``) decided in a claim module, negated (``sympy <``);
  ``==``/``!=`` of SymPy objects and matrices (also ``DomainMatrix``) there, negated (``sympy ==``);
* 004's Monte-Carlo estimates (``_psaddle_mc``, ``_mean_kappa_mc``: moved far outside their
  interval), sampled projections (``sample_projected_hessian``, ``ensemble_average_hessian``,
  ``projected_curvatures``), Algorithm 1's eigenvalues, the float quadratic fit and the network
  parameter counts (multiplied by -3), the power methods' eigenvalue estimates (annihilation,
  power iteration: multiplied by -3), exact tails
  (``_chi2_sf``, ``_chi2_cdf``, ``_ip_tail``: replaced by their complements);
* 001's rendering comparison with 000 (``compare_rendering``): equal prose found different and
  back, essential dropped formulas found absent and back;
* the source document read by a check (``registry.source_text``) as empty.

A check whose verdict is the same with these falsified, although it called them, ignores its own
computation.
"""

from __future__ import annotations

import collections
import importlib
import json
import pkgutil
import sys
import traceback
from typing import Any, Callable

import sympy as sp

from geomcheck.claims import all_claims, tools
from geomcheck.claims.model import Context
from geomcheck.symbolic.jets import JetRing

SOURCES = ("000", "001", "002", "003", "004")
_calls: collections.Counter = collections.Counter()
#: what a zero result becomes (a nonzero rational: float conversions and later arithmetic still work)
_FLIP_VALUE = sp.Rational(7, 3)


def _claim_packages() -> list[str]:
    return ["geomcheck.claims", "geomcheck.claims.blog_shape_operator", "geomcheck.claims.curvature_loss_landscape",
            "geomcheck.claims.hessian_invariance", "geomcheck.claims.hessian_directions"]


def _modules(package: str):
    pkg = importlib.import_module(package)
    yield pkg
    for info in pkgutil.iter_modules(pkg.__path__):
        if not info.ispkg:
            yield importlib.import_module(f"{package}.{info.name}")


def replace_everywhere(packages, original, replacement) -> int:
    """Rebind every module attribute of ``packages`` (and their modules) that is ``original``:
    a section module imports its helpers by name, so patching one module would miss the others."""
    count = 0
    for package in [packages] if isinstance(packages, str) else packages:
        for mod in _modules(package):
            for name, value in list(vars(mod).items()):
                if value is original:
                    setattr(mod, name, replacement)
                    count += 1
    return count


def _called_from_claims(depth: int) -> bool:
    return sys._getframe(depth).f_globals.get("__name__", "").startswith("geomcheck.claims")


#: ``None``: falsify every call; ``k``: only the k-th falsifiable call of each check (1-based)
_only_call: list[int | None] = [None]
_seen = [0]


def _take(name: str) -> bool:
    """Count a call of a falsifiable primitive; whether to falsify this one."""
    _calls[name] += 1
    _seen[0] += 1
    return _only_call[0] is None or _seen[0] == _only_call[0]


def _negated(name: str, fn: Callable[..., bool]) -> Callable[..., bool]:
    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        return not result if _take(name) else result

    return flipped


# --------------------------------------------------------------------------- SymPy results


def _opposite_zero(value: Any) -> Any:
    """A zero comes back nonzero and a nonzero value as zero (matrices: all of it); booleans negated."""
    if isinstance(value, (bool, sp.logic.boolalg.BooleanAtom)):
        return not bool(value)
    if isinstance(value, sp.MatrixBase):
        if all(e == 0 for e in value):
            out = value.as_mutable()
            out[0] = _FLIP_VALUE
            return out
        return sp.zeros(*value.shape)
    if isinstance(value, sp.Expr):
        return _FLIP_VALUE if value == 0 else sp.Integer(0)
    return value


def _sympy_flipped(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        if not _called_from_claims(2):
            return result
        out = _opposite_zero(result)
        if out is result or not _take(name):
            return result
        return out

    flipped.__wrapped__ = fn
    return flipped


# --------------------------------------------------------------------------- estimates


def _moved(mc: tools.MonteCarlo) -> tools.MonteCarlo:
    """The estimate moved far outside its interval: a probability by 1/2 (staying in [0, 1]), any
    other mean to its negative plus ten of its magnitudes' worth (so its sign and size both change)."""
    if 0.0 <= mc.mean <= 1.0:
        mean = mc.mean + 0.5 if mc.mean < 0.5 else mc.mean - 0.5
    else:
        mean = -mc.mean - 10 * abs(mc.mean) * (1 if mc.mean > 0 else -1)
    return tools.MonteCarlo(mean, mc.stderr, mc.samples, mc.seed)


def _estimate_flipped(name: str, fn: Callable[..., tools.MonteCarlo]) -> Callable[..., tools.MonteCarlo]:
    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        return _moved(result) if _take(name) else result

    return flipped


def _complement(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        return 1 - result if _take(name) else result

    return flipped


def _falsified_readings(fn):
    """The readings falsified at their source so that the verdict they give must change: all
    agreeing -> the first one negated (a disagreement; one reading: the opposite); disagreeing -> all
    set to the opposite of the first."""

    def flipped(readings: dict[str, bool]):
        if not _take("verdict_from_readings"):
            return fn(readings)
        values = [bool(v) for v in readings.values()]
        keys = list(readings)
        if len(set(values)) == 1:
            new = dict(zip(keys, values))
            new[keys[0]] = not values[0]
        else:
            new = {k: not values[0] for k in keys}
        return fn(new)

    return flipped


# --------------------------------------------------------------------------- install


_SYMPY_FUNCTIONS = ("simplify", "expand", "factor", "cancel", "together", "radsimp", "trigsimp")


def _comparison_flipped(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``==`` / ``!=`` of SymPy objects evaluated in a claim module, negated."""

    def flipped(self, other):
        result = fn(self, other)
        if result is NotImplemented or not _called_from_claims(2):
            return result
        return not result if _take(name) else result

    return flipped


def _ordering_flipped(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``<``, ``<=``, ``>``, ``>=`` of SymPy objects evaluated in a claim module: a decided answer negated."""

    def flipped(self, other):
        result = fn(self, other)
        if not isinstance(result, sp.logic.boolalg.BooleanAtom) or not _called_from_claims(2):
            return result
        return (sp.false if result else sp.true) if _take(name) else result

    return flipped


def _patch_sympy_orderings() -> None:
    for cls in (sp.Expr, sp.Rational, sp.Integer, sp.Float):
        for attr in ("__lt__", "__le__", "__gt__", "__ge__"):
            if attr in vars(cls):
                setattr(cls, attr, _ordering_flipped("sympy <", vars(cls)[attr]))


def _scaled(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """Sampled arrays (the eigenvalue estimates of Algorithm 1, a fitted coefficient, a parameter
    count) multiplied by -3: their sign and size both wrong, far outside any interval the check accepts."""

    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        if not _take(name):
            return result
        if name == "_algorithm1":
            mx, vmx, mn, vmn, count = result
            return -3 * mx, vmx, -3 * mn, vmn, count
        if isinstance(result, tuple):
            return tuple(-3 * a for a in result)
        return -3 * result

    return flipped


def _eigen_flipped(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """An :class:`~geomcheck.eigen.EigenResult` of a power method called from a claim module with its
    eigenvalue estimates and Rayleigh-quotient history multiplied by -3."""
    import dataclasses

    def flipped(*args, **kwargs):
        result = fn(*args, **kwargs)
        if not _called_from_claims(2) or not _take(name):
            return result
        return dataclasses.replace(result, eigenvalues=-3 * result.eigenvalues, history=[-3 * h for h in result.history])

    return flipped


def _rendering_flipped(fn: Callable[..., dict]) -> Callable[..., dict]:
    """001's comparison of a rendering with 000, falsified: the prose found equal becomes different
    (with one invented change) and different becomes equal; essential dropped formulas found
    become none, none becomes one."""

    def flipped(seg000: str, text001: str) -> dict:
        cmp = fn(seg000, text001)
        if not _take("compare_rendering"):
            return cmp
        same = not cmp["same_prose"]
        return dict(cmp, same_prose=same, changes=[] if same else (cmp["changes"] or [{"000": "(falsified)", "001": "(changed)"}]),
                    dropped_essential=[] if cmp["dropped_essential"] else ["(falsified)"])

    return flipped


def _patch_sympy_comparisons() -> None:
    from sympy.matrices.repmatrix import RepMatrix
    from sympy.polys.matrices import DomainMatrix

    for cls, names in ((RepMatrix, ("__eq__",)), (DomainMatrix, ("__eq__",)), (sp.Basic, ("__eq__", "__ne__")), (sp.Integer, ("__eq__", "__ne__")),
                       (sp.Rational, ("__eq__", "__ne__")), (sp.Float, ("__eq__", "__ne__")), (sp.Tuple, ("__eq__", "__ne__"))):
        for attr in names:
            setattr(cls, attr, _comparison_flipped("sympy ==", vars(cls)[attr]))


def _empty_text(fn: Callable[..., str]) -> Callable[..., str]:
    def flipped(*args, **kwargs):
        text = fn(*args, **kwargs)
        return "" if _take("source_text") else text

    return flipped


#: the primitive groups (``--only`` names); each is installed by the function beside it
PRIMITIVES = ("JetRing.is_zero", "_rat_zero", "_trig_identity_zero", "sympy simplification", "sympy ==", "sympy <",
              "numeric comparisons", "rendering", "verdict_from_readings", "estimates", "samples", "tails", "source_text")


def install(only: set[str] | None = None) -> None:
    """Falsify the primitives (in this process, for good); ``only``: just these groups of :data:`PRIMITIVES`."""
    from geomcheck.claims import registry
    from geomcheck.claims.curvature_loss_landscape import s3_flatness as m002_s3
    from geomcheck.claims.hessian_directions import _common as m004
    from geomcheck.claims.hessian_invariance import _common as m003

    unknown = (only or set()) - set(PRIMITIVES)
    if unknown:
        raise ValueError(f"unknown primitive groups {sorted(unknown)}; known: {PRIMITIVES}")
    on = (lambda name: True) if only is None else (lambda name: name in only)
    packages = _claim_packages()
    if on("JetRing.is_zero"):
        JetRing.is_zero = _negated("JetRing.is_zero", JetRing.is_zero)
    if on("_rat_zero"):
        assert replace_everywhere(packages, m003._rat_zero, _negated("_rat_zero", m003._rat_zero))
    if on("_trig_identity_zero"):
        assert replace_everywhere(packages, m002_s3._trig_identity_zero,
                                  _negated("_trig_identity_zero", m002_s3._trig_identity_zero))
    if on("sympy simplification"):
        for fname in _SYMPY_FUNCTIONS:
            original = getattr(sp, fname)
            setattr(sp, fname, _sympy_flipped(f"sp.{fname}", original))
            replace_everywhere(packages, original, getattr(sp, fname))
    if on("sympy =="):
        _patch_sympy_comparisons()
    if on("sympy <"):
        _patch_sympy_orderings()
    if on("samples"):
        from geomcheck.landscape import statistics

        for name in ("sample_projected_hessian", "ensemble_average_hessian", "projected_curvatures"):
            original = getattr(statistics, name)
            assert replace_everywhere(packages, original, _scaled(name, original))
        import geomcheck.eigen

        for name in ("annihilation", "power_iteration"):  # imported inside the checks: the package attribute
            setattr(geomcheck.eigen, name, _eigen_flipped(name, getattr(geomcheck.eigen, name)))
        for name in ("_algorithm1", "_quad_fit_c2_float", "_resnet_cifar_params", "_densenet_params"):
            original = getattr(m004, name)
            assert replace_everywhere(packages, original, _scaled(name, original))
    if on("rendering"):
        from geomcheck.claims import blog_shape_operator_text as m001

        assert replace_everywhere(packages, m001.compare_rendering, _rendering_flipped(m001.compare_rendering))
    if on("numeric comparisons"):
        for name in ("close", "below"):
            original = getattr(tools, name)
            assert replace_everywhere(packages, original, _negated(name, original))
    if on("verdict_from_readings"):
        assert replace_everywhere(packages, tools.verdict_from_readings, _falsified_readings(tools.verdict_from_readings))
    if on("estimates"):
        for name in ("_psaddle_mc", "_mean_kappa_mc"):
            original = getattr(m004, name)
            assert replace_everywhere(packages, original, _estimate_flipped(name, original))
        original = tools.monte_carlo
        replace_everywhere(packages, original, _estimate_flipped("monte_carlo", original))
    if on("tails"):
        for name in ("_chi2_sf", "_chi2_cdf", "_ip_tail"):
            original = getattr(m004, name)
            assert replace_everywhere(packages, original, _complement(name, original))
    if on("source_text"):
        assert replace_everywhere(packages, registry.source_text, _empty_text(registry.source_text))


def _clear_caches() -> None:
    """Drop what the claim modules cached (``lru_cache``): under single-call falsification each run
    of a check must compute afresh."""
    for package in _claim_packages():
        for mod in _modules(package):
            for value in list(vars(mod).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def run(ids: list[str] | None = None, only: set[str] | None = None, calls: int | None = None,
        fresh: bool = False) -> dict[str, dict]:
    """Run ``ids`` with the groups ``only`` (all if None) falsified.  ``calls = K``: run each check
    up to K times, falsifying only its k-th call (k = 1..K, fresh caches each time), and report the
    first run whose verdict changed (else the last one).  ``fresh``: clear the claim modules' caches
    before each check (a check whose computation another check cached would otherwise reach
    nothing)."""
    install(only)
    claims = all_claims()
    ids = ids or [cid for cid, c in claims.items() if c.source.id in SOURCES]
    out = {}
    for cid in ids:
        if calls is None:
            if fresh:
                _clear_caches()
            out[cid] = _run_one(claims[cid])
            continue
        for k in range(1, calls + 1):
            _clear_caches()
            _only_call[0] = k
            r = _run_one(claims[cid])
            r["call"] = k
            out[cid] = r
            if r["error"] is not None or r["verdict"] != claims[cid].expected.value or r["used"] <= k:
                break
        _only_call[0] = None
    return out


def _run_one(claim) -> dict:
    _calls.clear()
    _seen[0] = 0
    try:
        verdict, error = claim.check(Context()).verdict.value, None
    except Exception:  # noqa: BLE001 - an error under flipped primitives is reported, not hidden
        verdict, error = None, traceback.format_exc(limit=1).strip().splitlines()[-1]
    return {"verdict": verdict, "error": error, "used": sum(_calls.values()), "primitives": dict(_calls)}


if __name__ == "__main__":
    args = sys.argv[1:]
    groups, calls, fresh = None, None, False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt.startswith("--only="):
            groups = set(opt.removeprefix("--only=").split(","))
        elif opt == "--fresh":
            fresh = True
        elif opt.startswith("--calls="):
            calls = int(opt.removeprefix("--calls="))
        else:
            raise SystemExit(f"unknown option {opt}")
    json.dump(run(args or None, groups, calls, fresh), sys.stdout)
