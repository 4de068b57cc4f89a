"""Run the claim checks with the data their verdicts are computed from forced to the opposite.

Usage (a fresh process: the checks cache intermediate results, which must not leak into other
tests): ``python tests/claims/flip_primitives.py [claim-id ...]``; prints one JSON object
``{claim_id: {"verdict": ..., "error": ..., "used": n, "primitives": {name: calls}}}`` where
``used`` counts the calls of a flipped primitive made by that check.

The primitives, each falsified (issue 14, finding 6):

* exact zero tests, negated: :meth:`geomcheck.symbolic.jets.JetRing.is_zero` (the jet-ring
  identities under :func:`geomcheck.claims.tools.prove_jet_identity`), 003's ``_rat_zero``,
  002's ``_trig_identity_zero``;
* SymPy simplification called *from a claim module* (``sp.simplify``, ``sp.expand``, ``sp.factor``,
  ``sp.cancel``, ``sp.together``, ``sp.radsimp``, ``sp.trigsimp``): a result that is zero comes back
  as a nonzero symbol and a nonzero result as zero, so every ``sp.simplify(a - b) == 0`` is negated
  (calls from inside SymPy or the symbolic engine are untouched: the frame of the caller decides);
* the shared decision primitives of :mod:`geomcheck.claims.tools`: ``verdict_from_readings``
  (the readings it is given are falsified so the verdict they give changes), ``close``/
  ``exact_equal`` (negated), ``MonteCarlo`` estimates (the mean moved far outside its interval);
* 004's Monte-Carlo estimates (``_psaddle_mc``, ``_mean_kappa_mc``) and exact tails
  (``_chi2_sf``, ``_chi2_cdf``, ``_ip_tail``: replaced by their complements).

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


def _negated(name: str, fn: Callable[..., bool]) -> Callable[..., bool]:
    def flipped(*args, **kwargs):
        _calls[name] += 1
        return not fn(*args, **kwargs)

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
        if out is not result:
            _calls[name] += 1
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
        _calls[name] += 1
        return _moved(fn(*args, **kwargs))

    return flipped


def _complement(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def flipped(*args, **kwargs):
        _calls[name] += 1
        return 1 - fn(*args, **kwargs)

    return flipped


def _falsified_readings(fn):
    """The readings falsified at their source so that the verdict they give must change: all
    agreeing -> the first one negated (a disagreement; one reading: the opposite); disagreeing -> all
    set to the opposite of the first."""

    def flipped(readings: dict[str, bool]):
        _calls["verdict_from_readings"] += 1
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
        _calls[name] += 1
        return not result

    return flipped


def _patch_sympy_comparisons() -> None:
    from sympy.matrices.repmatrix import RepMatrix

    for cls, names in ((RepMatrix, ("__eq__",)), (sp.Basic, ("__eq__", "__ne__")), (sp.Integer, ("__eq__", "__ne__")),
                       (sp.Rational, ("__eq__", "__ne__")), (sp.Float, ("__eq__", "__ne__")), (sp.Tuple, ("__eq__", "__ne__"))):
        for attr in names:
            setattr(cls, attr, _comparison_flipped("sympy ==", vars(cls)[attr]))


def _empty_text(fn: Callable[..., str]) -> Callable[..., str]:
    def flipped(*args, **kwargs):
        fn(*args, **kwargs)
        _calls["source_text"] += 1
        return ""

    return flipped


#: the primitive groups (``--only`` names); each is installed by the function beside it
PRIMITIVES = ("JetRing.is_zero", "_rat_zero", "_trig_identity_zero", "sympy simplification", "sympy ==",
              "verdict_from_readings", "estimates", "tails", "source_text")


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


def run(ids: list[str] | None = None, only: set[str] | None = None) -> dict[str, dict]:
    install(only)
    claims = all_claims()
    ids = ids or [cid for cid, c in claims.items() if c.source.id in SOURCES]
    out = {}
    for cid in ids:
        _calls.clear()
        try:
            verdict, error = claims[cid].check(Context()).verdict.value, None
        except Exception:  # noqa: BLE001 - an error under flipped primitives is reported, not hidden
            verdict, error = None, traceback.format_exc(limit=1).strip().splitlines()[-1]
        out[cid] = {"verdict": verdict, "error": error, "used": sum(_calls.values()), "primitives": dict(_calls)}
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    groups = None
    if args and args[0].startswith("--only="):
        groups = set(args.pop(0).removeprefix("--only=").split(","))
    json.dump(run(args or None, groups), sys.stdout)
