"""Run the checks of 000-003 with their exact zero tests forced to the opposite answer.

Usage (a fresh process: the checks cache intermediate results, which must not leak into other
tests): ``python tests/claims/flip_primitives.py [claim-id ...]``; prints one JSON object
``{claim_id: {"verdict": ..., "error": ..., "used": n}}`` where ``used`` counts the calls of a
flipped primitive made by that check.

The primitives every exact verdict of these modules rests on, each negated:

* :meth:`geomcheck.symbolic.jets.JetRing.is_zero` — the jet-ring identity test under
  :func:`geomcheck.claims.tools.prove_jet_identity` and the direct determinant identities;
* ``hessian_invariance._common._rat_zero`` — 003's exact rational-function zero test (``_zero``,
  ``_mat_zero``, ``_cz`` go through it);
* ``curvature_loss_landscape.s3_flatness._trig_identity_zero`` — 002's exact trigonometric identity test.

A check whose verdict is the same with these forced to the opposite outcome, although it called
them, ignores its own computation (issue 14, finding 6).
"""

from __future__ import annotations

import json
import sys
import traceback

import importlib
import pkgutil

from geomcheck.claims import all_claims
from geomcheck.claims.curvature_loss_landscape import s3_flatness as m002_s3
from geomcheck.claims.hessian_invariance import _common as m003
from geomcheck.claims.model import Context
from geomcheck.symbolic.jets import JetRing

SOURCES = ("000", "001", "002", "003")
_calls = [0]


def _negated(fn):
    def flipped(*args, **kwargs):
        _calls[0] += 1
        return not fn(*args, **kwargs)

    return flipped


def replace_everywhere(package: str, original, replacement) -> int:
    """Rebind every module attribute of ``package`` (and its submodules) that is ``original``:
    a section module imports its helpers by name, so patching one module would miss the others."""
    pkg = importlib.import_module(package)
    count = 0
    for mod in [pkg, *(importlib.import_module(f"{package}.{i.name}") for i in pkgutil.iter_modules(pkg.__path__))]:
        for name, value in list(vars(mod).items()):
            if value is original:
                setattr(mod, name, replacement)
                count += 1
    return count


def install() -> None:
    """Negate the primitives (in this process, for good)."""
    JetRing.is_zero = _negated(JetRing.is_zero)
    assert replace_everywhere("geomcheck.claims.hessian_invariance", m003._rat_zero, _negated(m003._rat_zero))
    assert replace_everywhere("geomcheck.claims.curvature_loss_landscape", m002_s3._trig_identity_zero,
                              _negated(m002_s3._trig_identity_zero))


def run(ids: list[str] | None = None) -> dict[str, dict]:
    install()
    claims = all_claims()
    ids = ids or [cid for cid, c in claims.items() if c.source.id in SOURCES]
    out = {}
    for cid in ids:
        _calls[0] = 0
        try:
            verdict, error = claims[cid].check(Context()).verdict.value, None
        except Exception:  # noqa: BLE001 - an error under flipped primitives is reported, not hidden
            verdict, error = None, traceback.format_exc(limit=1).strip().splitlines()[-1]
        out[cid] = {"verdict": verdict, "error": error, "used": _calls[0]}
    return out


if __name__ == "__main__":
    json.dump(run(sys.argv[1:] or None), sys.stdout)
