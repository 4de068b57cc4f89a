"""Every registered claim: its check runs, its verdict is the recorded one, its quote is exact.

The verdict printed by ``geomcheck verify`` always comes from the computation; the recorded
``expected`` verdict only turns a change of computed verdict into a failing test.
"""

import re

import pytest

from geomcheck.claims import Context, Verdict, all_claims, run_claim, source_text
from geomcheck.claims.model import Outcome

CLAIMS = all_claims()


def _params():
    for cid, claim in CLAIMS.items():
        marks = [pytest.mark.slow] if claim.slow else []
        yield pytest.param(cid, marks=marks, id=cid)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("claim_id", list(_params()))
def test_claim_verdict_is_the_recorded_one(claim_id):
    claim = CLAIMS[claim_id]
    result = run_claim(claim, Context())
    assert result.error is None, result.error
    outcome = result.outcome
    assert outcome.verdict is claim.expected, (
        f"{claim_id}: computed {outcome.verdict}, recorded {claim.expected}: {outcome.reason}"
    )
    if outcome.verdict in (Verdict.TYPO, Verdict.FALSE):
        assert outcome.correction
    for text in (outcome.latex, outcome.correction or ""):
        # a control character (e.g. "\b" from a non-raw string) or unbalanced braces breaks the PDF
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text), f"{claim_id}: control character in LaTeX"
        unescaped = re.sub(r"\\[{}]", "", text)
        assert unescaped.count("{") == unescaped.count("}"), f"{claim_id}: unbalanced braces in LaTeX"


@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_quote_is_exactly_as_printed(claim_id):
    claim = CLAIMS[claim_id]
    assert _normalise(claim.quote) in _normalise(source_text(claim.source.file)), (
        f"{claim_id}: quote not found verbatim in {claim.source.file}"
    )


def test_ids_are_unique_and_prefixed():
    for cid, claim in CLAIMS.items():
        assert cid == claim.id and cid.startswith(claim.source.id + "-")


def test_outcome_validation():
    with pytest.raises(ValueError, match="correction"):
        Outcome(Verdict.FALSE, "no correction given")
    with pytest.raises(ValueError, match="convention"):
        Outcome(Verdict.TRUE_UNDER_CONVENTION, "no convention given")
    with pytest.raises(ValueError, match="one"):
        Outcome(Verdict.TRUE, "two\nlines")
