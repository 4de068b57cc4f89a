"""The registry: every source document's claims, looked up by source or id."""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib import resources

from .model import Claim, ClaimSet

__all__ = ["SOURCE_MODULES", "all_claims", "select_claims", "source_text", "UnknownSelection"]

#: source id -> module of geomcheck.claims holding its ClaimSet as ``CLAIMS``
SOURCE_MODULES: dict[str, str] = {
    "000": "blog_shape_operator",
    "001": "blog_shape_operator_text",
    "002": "curvature_loss_landscape",
    "003": "hessian_invariance",
    "004": "hessian_directions",
}


class UnknownSelection(ValueError):
    """An unknown source or claim id (the message lists the valid ones)."""


def _load(source_id: str) -> ClaimSet:
    module = importlib.import_module(f"geomcheck.claims.{SOURCE_MODULES[source_id]}")
    return module.CLAIMS


@lru_cache(maxsize=None)
def all_claims() -> dict[str, Claim]:
    """Every registered claim, by id, in source order."""
    out: dict[str, Claim] = {}
    for sid in SOURCE_MODULES:
        try:
            claimset = _load(sid)
        except ModuleNotFoundError as exc:
            if exc.name == f"geomcheck.claims.{SOURCE_MODULES[sid]}":
                continue  # a source whose module is not written yet has no claims
            raise
        out.update(claimset.claims)
    return out


def select_claims(sources: list[str] | None = None, claim_ids: list[str] | None = None) -> list[Claim]:
    """Claims of the given sources and/or ids; ``UnknownSelection`` lists the valid values."""
    claims = all_claims()
    if sources:
        bad = [s for s in sources if s not in SOURCE_MODULES]
        if bad:
            raise UnknownSelection(f"unknown source {', '.join(bad)}; valid sources: {', '.join(SOURCE_MODULES)}")
    if claim_ids:
        bad = [c for c in claim_ids if c not in claims]
        if bad:
            raise UnknownSelection(
                f"unknown claim id {', '.join(bad)}; valid ids: {', '.join(claims)}"
            )
    selected = [c for c in claims.values() if (not sources or c.source.id in sources)]
    if claim_ids:
        selected = [c for c in selected if c.id in claim_ids]
    return selected


@lru_cache(maxsize=None)
def source_text(file_name: str) -> str:
    """The text of a source document shipped in :mod:`geomcheck.claims.sources`."""
    return resources.files("geomcheck.claims.sources").joinpath(file_name).read_text(encoding="utf-8")
