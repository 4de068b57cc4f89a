"""Linked claims (geomcheck.claims.links): verdicts agree unless the link records why not.

The recorded verdicts (``Claim.expected``) are compared; ``tests/test_claims.py`` already makes
every computed verdict equal its recorded one, so agreement of the recorded verdicts is agreement
of the computed ones.  Links whose checks are shared are also run here (those whose claims are
not marked slow) to confirm the sharing the table claims.
"""

import pytest

from geomcheck.claims import Context, all_claims, run_claim
from geomcheck.claims.links import LINKS, Link, links_of

CLAIMS = all_claims()


def _id(link: Link) -> str:
    return f"{link.a}~{link.b}"


@pytest.mark.parametrize("link", LINKS, ids=_id)
def test_linked_claims_exist(link):
    assert link.a in CLAIMS, f"{link.a} is not a registered claim"
    assert link.b in CLAIMS, f"{link.b} is not a registered claim"


@pytest.mark.parametrize("link", LINKS, ids=_id)
def test_linked_verdicts_agree_or_the_difference_is_recorded(link):
    va, vb = CLAIMS[link.a].expected, CLAIMS[link.b].expected
    if link.differs_because is None:
        assert va is vb, (f"{link.a} is {va} but the linked {link.b} is {vb}, and the link records no reason; "
                          "settle both by the labelling rule or record why they differ")
    else:
        assert va is not vb, f"{link.a} and {link.b} agree ({va}): the recorded difference is stale, remove it"


def test_links_are_unique():
    keys = [frozenset((link.a, link.b)) for link in LINKS]
    assert len(keys) == len(set(keys))


def test_every_001_claim_is_linked_to_the_000_claim_its_check_runs():
    ctx = Context()
    for cid in (c for c in CLAIMS if c.startswith("001-")):
        result = run_claim(CLAIMS[cid], ctx)
        assert result.error is None, result.error
        ran = result.outcome.evidence["claim_000"]
        assert any(link.a == ran and link.b == cid and link.shared == "runs-other" for link in links_of(cid)), (
            f"{cid} runs {ran}'s check but LINKS has no runs-other link {ran}~{cid}")


@pytest.mark.parametrize("link", [lk for lk in LINKS if lk.shared == "same-check" and not (CLAIMS[lk.a].slow or CLAIMS[lk.b].slow)],
                         ids=_id)
def test_same_check_links_compute_the_same_outcome(link):
    ctx = Context()
    ra, rb = run_claim(CLAIMS[link.a], ctx), run_claim(CLAIMS[link.b], ctx)
    assert ra.error is None and rb.error is None, ra.error or rb.error
    assert ra.outcome.verdict is rb.outcome.verdict
    assert ra.outcome.evidence.keys() == rb.outcome.evidence.keys()


def test_link_validation():
    with pytest.raises(ValueError, match="shared"):
        Link("000-prop2", "001-prop2-garbled", "copied")
    with pytest.raises(ValueError, match="itself"):
        Link("000-prop2", "000-prop2", "separate")
    with pytest.raises(ValueError, match="reason"):
        Link("000-prop2", "001-prop2-garbled", "runs-other", "  ")
