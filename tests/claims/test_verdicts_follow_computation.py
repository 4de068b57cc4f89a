"""Issue 14, finding 6: a verdict follows from its check's computation.

Every check of 000, 002 and 003 is run (in a fresh process: checks cache intermediate results)
with the exact zero tests it relies on forced to the opposite answer
(``tests/claims/flip_primitives.py``); a check that called one and still returns its recorded
verdict ignores what it computed.  The checks whose booleans come from plain SymPy comparisons
instead are forced one by one below, by monkeypatching the data they compute from.
(001's checks compare renderings; their verdicts rest on the text comparison, tested in
``test_blog_shape_operator_helpers.py``, and on the 000 check they run.)
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from geomcheck.claims import Context, Verdict, all_claims
from geomcheck.claims.hessian_invariance import _common as m003
from geomcheck.claims.hessian_invariance import non_invariance, riemannian_hessian, tensor_analysis

CLAIMS = all_claims()
SCRIPT = Path(__file__).with_name("flip_primitives.py")


def _flip(sources):
    ids = [cid for cid, c in CLAIMS.items() if c.source.id in sources]
    # the checkout first on the path, as in this process (an installed copy must not answer instead)
    repo = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, str(SCRIPT), *ids], capture_output=True, text=True, env=env, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def _assert_verdicts_follow(flipped, min_used, must_use):
    used = {cid: r for cid, r in flipped.items() if r["used"]}
    ignoring = {cid: r["verdict"] for cid, r in used.items() if r["error"] is None and r["verdict"] == CLAIMS[cid].expected.value}
    assert not ignoring, f"verdict unchanged although the computation it relies on was flipped: {ignoring}"
    # the jet-ring / rational / trigonometric identities carry most formula claims: keep the scan meaningful
    assert len(used) >= min_used, f"only {len(used)} checks reached a flipped primitive"
    for cid in must_use:
        assert flipped[cid]["used"], f"{cid} no longer rests on an exact zero test"


def test_000_003_checks_change_verdict_when_their_zero_tests_are_flipped():
    _assert_verdicts_follow(_flip(("000", "003")), 40,
                            ("003-riem-law-step-substitution", "000-prop1", "000-shape-operator-def", "003-christoffel-law"))


@pytest.mark.slow
def test_002_checks_change_verdict_when_their_zero_tests_are_flipped():
    _assert_verdicts_follow(_flip(("002",)), 35, ("002-eq3-riemann", "002-eq4-scalar", "002-ex3.1-scalar"))


def _verdict(cid):
    return CLAIMS[cid].check(Context()).verdict


def test_newton_verdict_follows_its_three_booleans(monkeypatch):
    assert _verdict("003-newton-not-invariant") is Verdict.AMBIGUOUS
    # an affine map: the calculus Newton direction is already invariant, so reading (a) fails -> FALSE
    monkeypatch.setattr(tensor_analysis, "SHEAR", (m003.P1 + 2 * m003.P2, m003.P2))
    assert _verdict("003-newton-not-invariant") is Verdict.FALSE


def test_downstream_verdict_follows_the_computed_changes(monkeypatch):
    assert _verdict("003-downstream-not-invariant") is Verdict.TRUE
    # if every spectrum looked alike, the eigenvalue change the reason asserts is not there -> FALSE
    monkeypatch.setattr(non_invariance, "_eigs", lambda M: [sp.Integer(0)])
    assert _verdict("003-downstream-not-invariant") is Verdict.FALSE


def test_downstream_reason_reports_the_determinant_as_computed(monkeypatch):
    assert "det kept" in CLAIMS["003-downstream-not-invariant"].check(Context()).reason
    H0 = m003._shear_example()
    monkeypatch.setattr(non_invariance, "_shear_example", lambda: (H0[0], H0[1], 2 * H0[2]))
    assert "det changed" in CLAIMS["003-downstream-not-invariant"].check(Context()).reason


def test_substitution_step_verdict_follows_the_literal_reading(monkeypatch):
    assert _verdict("003-riem-law-step-substitution") is Verdict.TRUE_UNDER_CONVENTION
    monkeypatch.setattr(riemannian_hessian, "_cz", lambda e: False)
    assert _verdict("003-riem-law-step-substitution") is Verdict.TYPO
