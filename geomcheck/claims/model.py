"""Claims, verdicts and outcomes: the data model of the claims registry.

A :class:`Claim` is one mathematical statement of a source document: a stable id, the source,
its location, the quoted text *exactly as printed*, and a check that **computes** an
:class:`Outcome` (a verdict with its reason, correction and evidence).  The verdict recorded
in ``expected`` is a regression value only: reports always show the computed verdict, and the
test suite fails when the two differ.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Verdict", "Outcome", "Context", "Claim", "ClaimResult", "ClaimSet", "Source"]


class Verdict(str, enum.Enum):
    """What a check concluded about a claim."""

    TRUE = "TRUE"
    #: true with a stated convention (sign, index order, normal orientation, ...)
    TRUE_UNDER_CONVENTION = "TRUE_UNDER_CONVENTION"
    #: false as printed, true after a stated minimal fix
    TYPO = "TYPO"
    #: false; the evidence carries a counterexample
    FALSE = "FALSE"
    #: garbled or ill-posed; every reasonable reading is tested
    AMBIGUOUS = "AMBIGUOUS"
    #: an empirical result that needs the authors' data or models
    NOT_CHECKABLE = "NOT_CHECKABLE"

    def __str__(self) -> str:  # rich / f-strings
        return self.value


@dataclass(frozen=True)
class Outcome:
    """The computed result of one claim's check.

    ``reason`` is one line; ``correction`` the corrected statement (required for TYPO, FALSE and
    where one exists for the others); ``evidence`` is JSON-serialisable (numbers as strings
    where exact); ``latex`` is the body of the claim's section in the proofs document
    (derivation, counterexample, corrected statement).
    """

    verdict: Verdict
    reason: str
    correction: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    latex: str = ""
    convention: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):
            raise TypeError(f"verdict must be a Verdict, got {self.verdict!r}")
        if not self.reason or "\n" in self.reason.strip():
            raise ValueError("reason must be one non-empty line")
        if self.verdict in (Verdict.TYPO, Verdict.FALSE) and not self.correction:
            raise ValueError(f"a {self.verdict} outcome needs a correction (the corrected statement)")
        if self.verdict is Verdict.TRUE_UNDER_CONVENTION and not self.convention:
            raise ValueError("TRUE_UNDER_CONVENTION needs the convention it depends on")


@dataclass(frozen=True)
class Context:
    """Run settings handed to every check."""

    #: more Monte-Carlo samples / larger dimensions (``geomcheck verify --thorough``)
    thorough: bool = False
    #: base seed; checks derive their own streams from it and their id
    seed: int = 20261122


@dataclass(frozen=True)
class Source:
    """A source document (files live in :mod:`geomcheck.claims.sources`)."""

    id: str
    file: str
    title: str


@dataclass(frozen=True)
class Claim:
    id: str
    source: Source
    location: str
    quote: str
    check: Callable[[Context], Outcome]
    #: the verdict recorded when the claim was last reviewed (regression only)
    expected: Verdict
    kind: str = "statement"
    #: long Monte-Carlo / large computations: run by the slow tests, always by ``verify``
    slow: bool = False


@dataclass(frozen=True)
class ClaimResult:
    """A claim together with what its check computed (or the error it raised)."""

    claim_id: str
    source: str
    location: str
    quote: str
    outcome: Outcome | None
    seconds: float
    error: str | None = None

    @property
    def verdict(self) -> Verdict | None:
        return self.outcome.verdict if self.outcome else None


class ClaimSet:
    """The claims of one source document, registered with :meth:`add`."""

    def __init__(self, source: Source):
        self.source = source
        self.claims: dict[str, Claim] = {}

    def add(
        self,
        id: str,
        *,
        location: str,
        quote: str,
        expected: Verdict,
        kind: str = "statement",
        slow: bool = False,
    ) -> Callable[[Callable[[Context], Outcome]], Callable[[Context], Outcome]]:
        """Decorator registering ``check`` as the claim ``id``."""
        if not id.startswith(self.source.id + "-"):
            raise ValueError(f"claim id {id!r} must start with the source id {self.source.id!r} and a dash")
        if id in self.claims:
            raise ValueError(f"duplicate claim id {id!r}")

        def register(check: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
            self.claims[id] = Claim(id, self.source, location, quote, check, expected, kind, slow)
            return check

        return register
