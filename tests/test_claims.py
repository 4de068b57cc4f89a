"""Every registered claim: its check runs, its verdict is the recorded one, its quote is exact.

The verdict printed by ``geomcheck verify`` always comes from the computation; the recorded
``expected`` verdict only turns a change of computed verdict into a failing test.
"""

import re

import pytest

from geomcheck.claims import Context, Verdict, all_claims, run_claim, source_text
from geomcheck.claims.model import LABEL_RULES, Outcome, cited_rule

#: sources whose checks cite the labelling rule in every non-TRUE reason (004: to do in its modules)
RULE_CITING_SOURCES = ("000", "001", "002", "003", "004")

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
    if claim.source.id in RULE_CITING_SOURCES and outcome.verdict is not Verdict.TRUE:
        cited = cited_rule(outcome.reason)
        assert cited is not None, f"{claim_id}: a {outcome.verdict} reason must cite its clause of the labelling rule"
        assert cited[0] is outcome.verdict, f"{claim_id}: cites a {cited[0]} clause for a {outcome.verdict} verdict"
    for text in (outcome.latex, outcome.correction or ""):
        # a control character (e.g. "\b" or "\t" from a non-raw string) or unbalanced braces breaks the PDF
        assert not re.search(r"[\x00-\x09\x0b\x0c\x0e-\x1f]", text), f"{claim_id}: control character in LaTeX"
        unescaped = re.sub(r"\\[{}]", "", text)
        assert unescaped.count("{") == unescaped.count("}"), f"{claim_id}: unbalanced braces in LaTeX"


#: a quote cut by a page break of an extracted PDF (a figure or the running head printed in between) is given as
#: its pieces joined by this marker; each piece is printed verbatim, in order, the gap at most _MAX_GAP characters
_CUT = " [...] "
_MAX_GAP = 1500


def _find_pieces(quote: str, text: str) -> bool:
    pos = None
    for piece in (_normalise(p) for p in quote.split(_CUT.strip())):
        at = text.find(piece, 0 if pos is None else pos)
        if at < 0 or (pos is not None and at - pos > _MAX_GAP):
            return False
        pos = at + len(piece)
    return True


@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_quote_is_exactly_as_printed(claim_id):
    claim = CLAIMS[claim_id]
    text = _normalise(source_text(claim.source.file))
    if _CUT.strip() in claim.quote:
        assert _find_pieces(claim.quote, text), f"{claim_id}: the pieces of the cut quote are not printed in order in {claim.source.file}"
    else:
        assert _normalise(claim.quote) in text, f"{claim_id}: quote not found verbatim in {claim.source.file}"


def test_cut_quote_pieces_must_be_in_order_and_close():
    text = "alpha beta " + "x " * 10 + "gamma delta " + "y " * 2000 + "epsilon"
    assert _find_pieces("alpha beta [...] gamma delta", text)
    assert not _find_pieces("gamma delta [...] alpha beta", text)     # out of order
    assert not _find_pieces("gamma delta [...] epsilon", text)        # gap of 4000 characters
    assert not _find_pieces("alpha beta [...] zeta", text)            # a piece not printed


def test_ids_are_unique_and_prefixed():
    for cid, claim in CLAIMS.items():
        assert cid == claim.id and cid.startswith(claim.source.id + "-")


def test_rule_citation():
    o = Outcome(Verdict.TYPO, "an index", correction="fixed", rule="index")
    assert o.reason == "[TYPO: index] an index" and cited_rule(o.reason) == (Verdict.TYPO, "index")
    assert Outcome(Verdict.TRUE, "holds", rule="index").reason == "holds"  # TRUE cites nothing
    with pytest.raises(ValueError, match="clause"):
        Outcome(Verdict.FALSE, "no", correction="yes", rule="index")  # index is a TYPO clause, not a FALSE one
    assert cited_rule("[TYPO: nonsense] x") is None and cited_rule("TYPO: index x") is None
    assert all(LABEL_RULES[v] for v in Verdict if v is not Verdict.TRUE)


def test_outcome_validation():
    with pytest.raises(ValueError, match="correction"):
        Outcome(Verdict.FALSE, "no correction given")
    with pytest.raises(ValueError, match="convention"):
        Outcome(Verdict.TRUE_UNDER_CONVENTION, "no convention given")
    with pytest.raises(ValueError, match="one"):
        Outcome(Verdict.TRUE, "two\nlines")
