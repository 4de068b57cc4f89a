"""Mutation check: does the test suite notice a wrong verdict, a wrong formula, a dropped bound?

Each mutation below is a documented, minimal edit of the source that makes geomcheck wrong in
the way an outside review found the suite blind to (issue 14, finding 7: "a check forced to
return TRUE survives, and so does deleting the dimension requirement of the every-n argument").
For each one the script exports the committed tree (``git archive REV``) to a temporary folder,
applies the edit there (never in the checkout), runs the tests that should catch it, and
requires them to FAIL.  A baseline run of the union of those tests on the unmutated tree must
PASS first, so a failing test means the mutation was caught, not that the suite is broken.

Usage::

    python benchmarks/mutation_check.py [--rev HEAD] [--only NAME ...]

Exit status 0 iff the baseline passes and every mutation is caught.  Output (one line per
mutation: caught / SURVIVED, the tests and their wall time) is what ``benchmarks/results/
mutation_check.txt`` records.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str
    what: str
    #: the file to edit, or a folder: the one file below it that holds ``old``
    file: str
    old: str
    new: str
    #: pytest node ids that must fail
    tests: tuple[str, ...]
    #: further (file, old, new) edits of the same mutation
    more: tuple[tuple[str, str, str], ...] = ()


MUTATIONS: tuple[Mutation, ...] = (
    Mutation(
        "scalar-beta2-sign-in-claim",
        "sign of the beta^2 term of the scalar curvature that 002-eq4-scalar compares with first principles",
        "geomcheck/claims/curvature_loss_landscape",
        "return b * (_trH(A) * _trH(A) - _trH2(A)) + A.const(2) * b * b * (_pH2p(A) - _trH(A) * _pHp(A))",
        "return b * (_trH(A) * _trH(A) - _trH2(A)) - A.const(2) * b * b * (_pH2p(A) - _trH(A) * _pHp(A))",
        ("tests/test_claims.py::test_claim_verdict_is_the_recorded_one[002-eq4-scalar]",),
    ),
    Mutation(
        "scalar-beta2-sign-and-relabel",
        "the same wrong sign, with the recorded verdict of 002-eq4-scalar edited to match (FALSE): the regression test "
        "passes, only the independent second derivation can notice",
        "geomcheck/claims/curvature_loss_landscape",
        "return b * (_trH(A) * _trH(A) - _trH2(A)) + A.const(2) * b * b * (_pH2p(A) - _trH(A) * _pHp(A))",
        "return b * (_trH(A) * _trH(A) - _trH2(A)) - A.const(2) * b * b * (_pH2p(A) - _trH(A) * _pHp(A))",
        ("tests/claims/test_second_derivation.py::test_second_derivation_agrees_with_the_verdict[002-eq4-scalar]",),
        more=(("geomcheck/claims/curvature_loss_landscape",
               '(\\mathbf{H}^2 - \\text{tr}(\\mathbf{H})\\mathbf{H})\\nabla f), \\quad (4)$$",\n     expected=Verdict.TRUE,',
               '(\\mathbf{H}^2 - \\text{tr}(\\mathbf{H})\\mathbf{H})\\nabla f), \\quad (4)$$",\n     expected=Verdict.FALSE,'),),
    ),
    Mutation(
        "riemann-fix-beta2-sign",
        "sign of the beta^2 term of 002's corrected Riemann tensor (the TYPO verdict's correction)",
        "geomcheck/claims/curvature_loss_landscape",
        "        - b * b * A.p(i) * sum_(A, (A.p(r) * (A.f(r, k) * A.f(j, m) - A.f(r, m) * A.f(j, k)) for r in range(n)))",
        "        + b * b * A.p(i) * sum_(A, (A.p(r) * (A.f(r, k) * A.f(j, m) - A.f(r, m) * A.f(j, k)) for r in range(n)))",
        ("tests/test_claims.py::test_claim_verdict_is_the_recorded_one[002-eq3-riemann]",),
    ),
    Mutation(
        "true-check-forced-true",
        "000-gaussian-mean-def returns TRUE whatever its jet proofs compute (the recorded verdict is TRUE)",
        "geomcheck/claims/blog_shape_operator",
        """        Verdict.TRUE if ok else Verdict.FALSE,
        "det s = prod kappa_i""",
        """        Verdict.TRUE,
        "det s = prod kappa_i""",
        ("tests/claims/test_verdicts_follow_computation.py::test_000_003_checks_change_verdict_when_their_zero_tests_are_flipped",),
    ),
    Mutation(
        "identity-outcome-forced-true",
        "the shared proven-identity -> Outcome construction answers TRUE without looking at the proof",
        "geomcheck/claims/tools.py",
        "    if proven(res, all_n):\n        return Outcome(Verdict.TRUE, reason",
        "    if True:\n        return Outcome(Verdict.TRUE, reason",
        ("tests/claims/test_tools.py::test_identity_outcome_true_false",
         "tests/claims/test_verdicts_follow_computation.py::test_000_003_checks_change_verdict_when_their_zero_tests_are_flipped"),
    ),
    Mutation(
        "typo-check-forced-true",
        "000-prop1 (TYPO) returns TRUE: its printed-form test is bypassed",
        "geomcheck/claims/blog_shape_operator",
        "    if printed.holds_everywhere_tested:\n        return Outcome(Verdict.TRUE, \"the printed middle term equals N^{d+1} ell_ij\"",
        "    if True:\n        return Outcome(Verdict.TRUE, \"the printed middle term equals N^{d+1} ell_ij\"",
        ("tests/test_claims.py::test_claim_verdict_is_the_recorded_one[000-prop1]",),
    ),
    Mutation(
        "every-n-bound-dropped",
        "JetIdentityResult.holds_for_all_n no longer requires a proof at some n >= the pair bound",
        "geomcheck/claims/tools.py",
        "            and any(n >= self.pair_bound for n in self.holds)",
        "            and True",
        ("tests/claims/test_every_n_bound.py",),
    ),
    Mutation(
        "ambiguous-ignores-readings",
        "003-newton-not-invariant answers AMBIGUOUS whatever its three computed booleans say (issue 14, finding 6)",
        "geomcheck/claims/hessian_invariance",
        "    if reading_a and not reading_b:\n        verdict, rule = Verdict.AMBIGUOUS, \"readings\"",
        "    if True:\n        verdict, rule = Verdict.AMBIGUOUS, \"readings\"",
        ("tests/claims/test_verdicts_follow_computation.py::test_newton_verdict_follows_its_three_booleans",),
    ),
    Mutation(
        "rule-not-cited",
        "002-eq3-riemann's TYPO verdict no longer cites its clause of the labelling rule",
        "geomcheck/claims/curvature_loss_landscape",
        '        rule="index" if verdict is Verdict.TYPO else "counterexample",\n',
        "",
        ("tests/test_claims.py::test_claim_verdict_is_the_recorded_one[002-eq3-riemann]",),
    ),
    Mutation(
        "linked-verdict-relabelled",
        "001-mean-is-trace relabelled TRUE_UNDER_CONVENTION while 000-mean-is-trace stays TYPO (no recorded reason)",
        "geomcheck/claims/blog_shape_operator_text.py",
        'quote=r"""(the eigenvalues and trace of the Hessian of , resp.)""",\n     expected=Verdict.TYPO,',
        'quote=r"""(the eigenvalues and trace of the Hessian of , resp.)""",\n     expected=Verdict.TRUE_UNDER_CONVENTION,',
        ("tests/claims/test_links.py::test_linked_verdicts_agree_or_the_difference_is_recorded",),
    ),
    Mutation(
        "mean-curvature-sum-convention",
        "000-mean-is-trace judged with the sum convention again (TRUE_UNDER_CONVENTION) though the post defines the average",
        "geomcheck/claims/blog_shape_operator",
        '    elif post_average and not post_sum:',
        '    elif False:',
        ("tests/test_claims.py::test_claim_verdict_is_the_recorded_one[000-mean-is-trace]",
         "tests/claims/test_second_derivation.py::test_second_derivation_agrees_with_the_verdict[000-mean-is-trace]"),
    ),
)


def _export(rev: str, dest: Path) -> None:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def _pytest(tree: Path, tests: tuple[str, ...]) -> tuple[int, float, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), OMP_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "slow or not slow",
                          *tests], cwd=tree, env=env, capture_output=True, text=True)
    tail = (out.stdout + out.stderr).strip().splitlines()[-1:] or [""]
    return out.returncode, time.perf_counter() - t0, tail[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default="HEAD", help="git revision to export (default HEAD)")
    ap.add_argument("--only", nargs="*", help="run only these mutations (names)")
    args = ap.parse_args(argv)
    mutations = [m for m in MUTATIONS if not args.only or m.name in args.only]
    if not mutations:
        ap.error(f"no mutation named {args.only}; known: {', '.join(m.name for m in MUTATIONS)}")
    with tempfile.TemporaryDirectory(prefix="geomcheck-mutation-") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        _export(args.rev, base)
        union = tuple(dict.fromkeys(t for m in mutations for t in m.tests))
        rc, secs, tail = _pytest(base, union)
        print(f"baseline ({args.rev}, {len(union)} test selections): {'PASS' if rc == 0 else 'FAIL'} in {secs:.0f} s — {tail}")
        if rc != 0:
            print("the unmutated tree fails these tests: mutation results would mean nothing")
            return 2
        survived = 0
        for m in mutations:
            tree = Path(tmp) / m.name
            shutil.copytree(base, tree)
            for file, old, new in ((m.file, m.old, m.new), *m.more):
                where = tree / file
                paths = sorted(where.rglob("*.py")) if where.is_dir() else [where]
                hits = [(path, path.read_text()) for path in paths]
                hits = [(path, text) for path, text in hits if old in text]
                if len(hits) != 1 or hits[0][1].count(old) != 1:
                    print(f"{m.name}: the text to mutate is not in exactly one place under {file} (update the mutation)")
                    return 2
                path, text = hits[0]
                path.write_text(text.replace(old, new))
            rc, secs, tail = _pytest(tree, m.tests)
            caught = rc != 0
            survived += not caught
            print(f"{m.name}: {'caught' if caught else 'SURVIVED'} in {secs:.0f} s — {m.what} — {tail}")
            shutil.rmtree(tree)
        print(f"{len(mutations) - survived} of {len(mutations)} mutations caught")
        return 0 if survived == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
