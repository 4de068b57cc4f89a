"""The claims registry: a computed verdict and a proof for every claim of the source documents."""

from .model import Claim, ClaimResult, ClaimSet, Context, Outcome, Source, Verdict
from .registry import SOURCE_MODULES, all_claims, select_claims, source_text
from .runner import run_claim, run_claims

__all__ = [
    "Claim", "ClaimResult", "ClaimSet", "Context", "Outcome", "Source", "Verdict",
    "SOURCE_MODULES", "all_claims", "select_claims", "source_text", "run_claim", "run_claims",
]
