"""The registry: every source document's claims, looked up by source or id."""

from __future__ import annotations

import difflib
import importlib
from functools import lru_cache
from importlib import resources

from .model import Claim, ClaimSet

__all__ = ["SOURCE_MODULES", "all_claims", "select_claims", "source_text", "UnknownSelection",
           "normalize_source", "suggest", "find_claim"]

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


def normalize_source(source: str) -> str:
    """A source id as registered: ``"2"``, ``"02"`` and ``"002"`` all name source ``"002"``.

    Raises :class:`UnknownSelection` (with the valid ids) for anything else.
    """
    s = str(source).strip()
    if s in SOURCE_MODULES:
        return s
    if s.isdigit() and f"{int(s):03d}" in SOURCE_MODULES:
        return f"{int(s):03d}"
    raise UnknownSelection(f"unknown source {source!r}; valid sources: {', '.join(SOURCE_MODULES)}")


def suggest(word: str, candidates: list[str], *, n: int = 5) -> list[str]:
    """The nearest ``candidates`` to ``word`` (difflib ratio >= 0.5, best first), then ids that
    contain ``word`` as a substring; at most ``n``."""
    close = difflib.get_close_matches(word, candidates, n=n, cutoff=0.5)
    lowered = word.lower()
    contained = [c for c in candidates if lowered and lowered in c.lower() and c not in close]
    return (close + contained)[:n]


def _unknown_ids_message(bad: list[str], known: list[str]) -> str:
    parts = []
    for b in bad:
        near = suggest(b, known)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        parts.append(f"unknown claim id {b!r}{hint}")
    return "; ".join(parts) + "; `geomcheck list` prints every id"


def find_claim(claim_id: str) -> Claim:
    """One claim by id, importing only its source's module when the id names a source
    (``geomcheck show`` stays fast); :class:`UnknownSelection` with suggestions otherwise."""
    sid = claim_id.split("-", 1)[0]
    if sid in SOURCE_MODULES:
        try:
            claimset = _load(sid)
        except ModuleNotFoundError as exc:
            if exc.name != f"geomcheck.claims.{SOURCE_MODULES[sid]}":
                raise
        else:
            if claim_id in claimset.claims:
                return claimset.claims[claim_id]
    return select_claims(None, [claim_id])[0]


def select_claims(sources: list[str] | None = None, claim_ids: list[str] | None = None) -> list[Claim]:
    """Claims of the given sources and/or ids, in registry order.

    Sources may be given as ``"2"`` for ``"002"``.  An unknown source or id raises
    :class:`UnknownSelection`, whose message names the nearest valid ids ("did you mean").
    """
    claims = all_claims()
    wanted_sources = [normalize_source(s) for s in sources] if sources else None
    if claim_ids:
        bad = [c for c in claim_ids if c not in claims]
        if bad:
            raise UnknownSelection(_unknown_ids_message(bad, list(claims)))
    selected = [c for c in claims.values() if (not wanted_sources or c.source.id in wanted_sources)]
    if claim_ids:
        selected = [c for c in selected if c.id in claim_ids]
    return selected


@lru_cache(maxsize=None)
def source_text(file_name: str) -> str:
    """The text of a source document shipped in :mod:`geomcheck.claims.sources`."""
    return resources.files("geomcheck.claims.sources").joinpath(file_name).read_text(encoding="utf-8")
