"""`geomcheck show ID`, `geomcheck list`, and the claims table at 100 columns."""

import re

from rich.console import Console

from geomcheck.cli import main
from geomcheck.claims import Verdict, all_claims, run_claim
from geomcheck.claims.model import Context
from geomcheck.claims.render import evidence_text
from geomcheck.claims.report import print_report, rule_and_reason

CLAIMS = all_claims()


def _fast(verdict: Verdict) -> str:
    return next(c.id for c in CLAIMS.values() if not c.slow and c.expected is verdict)


def test_show_prints_statement_verdict_reason_correction_evidence(capsys):
    cid = _fast(Verdict.TYPO)
    claim = CLAIMS[cid]
    assert main(["show", cid]) == 0
    out = re.sub(r"[│\s]+", " ", capsys.readouterr().out)
    result = run_claim(claim, Context())
    for label in ("source", "location", "as printed", "verdict", "reason", "correction", "evidence"):
        assert f" {label} " in out
    assert cid in out and "TYPO" in out
    # the text itself, not only the labels (compared with whitespace and box borders removed)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squash(claim.quote)[:60] in squash(out)
    # the verdict once, with the clause of the labelling rule it cites; the reason without the "[TYPO: clause]" prefix
    clause, reason = rule_and_reason(result.outcome)
    assert clause and f"TYPO (rule: {clause})" in out and "[TYPO:" not in out
    assert squash(reason)[:60] in squash(out)


def test_show_unknown_id_suggests_nearest(capsys):
    cid = _fast(Verdict.TRUE)
    assert main(["show", cid + "x"]) == 2
    out, err = capsys.readouterr()
    assert "did you mean" in err and cid in err and out == ""


def test_evidence_outline_keeps_flat_dicts_on_one_line():
    evidence = {"counterexample": {"jet": {"w": "1/3", "f_{1}": "2", "f_{11}": "-3"}, "lhs": "-10/81"}, "n": 3}
    text = evidence_text(evidence, width=30).plain
    assert text.splitlines() == ["counterexample:", "  jet: {w: 1/3, f_{1}: 2, f_{11}: -3}", "  lhs: -10/81", "n: 3"]
    assert evidence_text(evidence, width=100).plain.splitlines()[0].startswith("counterexample: {jet: {w: 1/3")


def test_list_filters_by_source_and_verdict(capsys):
    assert main(["list", "--source", "3", "--verdict", "false", "--ids-only"]) == 0
    ids = capsys.readouterr().out.split()
    want = [c.id for c in CLAIMS.values() if c.source.id == "003" and c.expected is Verdict.FALSE]
    assert ids == want and ids


def test_list_rejects_unknown_verdict_with_suggestion(capsys):
    assert main(["list", "--verdict", "FLASE"]) == 2
    assert "did you mean FALSE" in capsys.readouterr().err


def test_list_table_shows_every_id_whole(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert all(cid in out for cid in CLAIMS)


def test_report_table_at_100_columns_never_breaks_an_id():
    from geomcheck.claims.model import ClaimResult, Outcome

    longest = max(CLAIMS, key=len)
    results = [ClaimResult(cid, CLAIMS[cid].source.id, CLAIMS[cid].location, CLAIMS[cid].quote,
                           Outcome(Verdict.TRUE_UNDER_CONVENTION, "a long reason " * 12, convention="sum"), 0.0)
               for cid in (longest, next(iter(CLAIMS)))]
    console = Console(width=100, record=True, color_system=None)
    print_report(results, console)
    text = console.export_text()
    assert all(len(line) <= 100 for line in text.splitlines())
    assert longest in text and "TRUE_UNDER_CONVENTION" in text


def test_report_table_prints_reasons_as_plain_text_with_their_clause():
    """Brackets in a reason are text, not rich markup ("E[kappa_-]" kept whole), and the cited
    clause replaces the "[TYPO: index]" prefix that repeated the verdict column."""
    from geomcheck.claims.model import ClaimResult, Outcome

    cid = next(iter(CLAIMS))
    results = [ClaimResult(cid, CLAIMS[cid].source.id, CLAIMS[cid].location, CLAIMS[cid].quote,
                           Outcome(Verdict.TYPO, "E[kappa_-] = -19.5 [bold]not bold[/bold]", correction="c", rule="index"), 0.0)]
    console = Console(width=100, record=True, color_system=None)
    print_report(results, console)
    text = re.sub(r"[│\s]+", " ", console.export_text())
    assert "(index) E[kappa_-] = -19.5 [bold]not bold[/bold]" in text and "[TYPO:" not in text
