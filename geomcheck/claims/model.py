"""Claims, verdicts and outcomes: the data model of the claims registry.

A :class:`Claim` is one mathematical statement of a source document: a stable id, the source,
its location, the quoted text *exactly as printed*, and a check that **computes** an
:class:`Outcome` (a verdict with its reason, correction and evidence).  The verdict recorded
in ``expected`` is a regression value only: reports always show the computed verdict, and the
test suite fails when the two differ.

The labelling rule
------------------
Every verdict is given by one rule, and every non-``TRUE`` outcome cites the clause of the rule
it rests on (``Outcome(..., rule="index")`` prefixes the reason with ``[TYPO: index]``; the
clauses are :data:`LABEL_RULES`).  A claim is read with the conventions its document fixes for
it — in the sentence itself, in its proof, or in a definition the document gives — and only a
convention the document leaves open makes a verdict ``TRUE_UNDER_CONVENTION``.

``TRUE``
    true as printed, under the conventions the document fixes for it (a convention the sentence
    or its proof states is part of the statement, e.g. "assuming a downward pointing normal").
``TRUE_UNDER_CONVENTION``
    true under one choice of a convention the document leaves open (normal orientation, mean
    curvature as sum or average, index order / summation convention, curvature sign, loss
    normalisation, the variant of a named object such as an architecture or an estimator) and false
    under another; the outcome names the convention.
``TYPO``
    false as printed, true after a minimal fix of one symbol, index, sign, constant factor,
    word, reference, of the rendering, or after adding one missing hypothesis (a range, a
    genericity condition); the outcome states the fixed statement.  A claim that
    contradicts a convention its own document fixes (e.g. "trace" where the document defines the
    mean curvature as the average) is judged under that convention: ``TYPO`` if such a fix
    repairs it, else ``FALSE``.  A claim that needs a fix *and* a convention its document leaves open
    is ``TYPO`` (it is false as printed); its correction names the convention.
``FALSE``
    no reasonable reading is true; the evidence refutes each reading (a counterexample).  A
    reported value (a percentage, a probability, an order of magnitude) that no reading
    reproduces is ``FALSE``, not a ``TYPO``: replacing it states a new result, while
    ``TYPO: factor`` fixes a constant inside a formula whose derivation the document gives.
``AMBIGUOUS``
    reasonable readings disagree — at least one true and one false, each tested — or the text
    as printed is ill-posed (a formula it needs is missing or garbled).
``NOT_CHECKABLE``
    an empirical result that needs the authors' data, models or experiments.

Where one statement appears in two places (000 and its rendering 001, an abstract and a
discussion), the places are *linked* (:mod:`geomcheck.claims.links`); their verdicts agree
unless the link records why they differ.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Verdict", "Outcome", "Context", "Claim", "ClaimResult", "ClaimSet", "Source", "LABEL_RULES", "cited_rule"]


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


#: the clauses of the labelling rule (module docstring), by verdict: clause -> when it applies
LABEL_RULES: dict[Verdict, dict[str, str]] = {
    Verdict.TRUE_UNDER_CONVENTION: {
        "normal": "true for one orientation of the unit normal, which the document leaves open",
        "mean": "true with the mean curvature as the sum (or the average) of the principal curvatures, which the document leaves open",
        "index": "true under one index order or summation convention, which the document leaves open",
        "sign": "true under one sign convention of a curvature, which the document leaves open",
        "normalisation": "true for one normalisation of the loss (mean or sum, batch sizes, noise scale), which the document leaves open",
        "variant": "true for one of the variants in use of a named object (a network architecture, the definition of an estimator "
                   "or matrix such as the empirical Fisher, the normalisation of random directions), which the document leaves open",
    },
    Verdict.TYPO: {
        "symbol": "false as printed; true after replacing one symbol or letter",
        "index": "false as printed; true after fixing an index",
        "sign": "false as printed; true after fixing a sign",
        "factor": "false as printed; true after fixing a constant, factor, exponent or a missing term",
        "hypothesis": "false as printed; true after adding one missing hypothesis (a parameter range, a non-degeneracy or genericity condition)",
        "wording": "false as printed; true after fixing a word or phrase",
        "reference": "false as printed; true after fixing a citation or cross-reference",
        "rendering": "the rendering garbled a statement that is true as printed in the source it renders",
        "document-convention": "false under a convention the document itself fixes; true after the minimal fix that respects it",
    },
    Verdict.FALSE: {
        "counterexample": "no reasonable reading is true; a counterexample refutes each",
    },
    Verdict.AMBIGUOUS: {
        "readings": "reasonable readings disagree (at least one true, one false); each is tested",
        "ill-posed": "a formula or definition the statement needs is missing or garbled, so it cannot be read as printed",
    },
    Verdict.NOT_CHECKABLE: {
        "empirical": "an empirical result that needs the authors' data, models or experiments",
    },
}

_CITATION = re.compile(r"^\[(TRUE_UNDER_CONVENTION|TYPO|FALSE|AMBIGUOUS|NOT_CHECKABLE): ([a-z-]+)\] ")


def cited_rule(reason: str) -> tuple[Verdict, str] | None:
    """The clause a reason cites (``"[TYPO: index] ..."`` -> ``(Verdict.TYPO, "index")``), or None."""
    m = _CITATION.match(reason)
    if not m or m.group(2) not in LABEL_RULES[Verdict(m.group(1))]:
        return None
    return Verdict(m.group(1)), m.group(2)


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
    #: the clause of the labelling rule (:data:`LABEL_RULES`) a non-TRUE verdict rests on; the
    #: reason is then prefixed with ``[VERDICT: clause]``.  Ignored for TRUE (nothing to cite).
    rule: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):
            raise TypeError(f"verdict must be a Verdict, got {self.verdict!r}")
        if not self.reason or "\n" in self.reason.strip():
            raise ValueError("reason must be one non-empty line")
        if self.rule is not None and self.verdict is not Verdict.TRUE:
            clauses = LABEL_RULES[self.verdict]
            if self.rule not in clauses:
                raise ValueError(f"rule {self.rule!r} is not a clause of {self.verdict}; its clauses: {', '.join(clauses)}")
            prefix = f"[{self.verdict.value}: {self.rule}] "
            if not self.reason.startswith(prefix):
                object.__setattr__(self, "reason", prefix + self.reason)
        if self.verdict in (Verdict.TYPO, Verdict.FALSE) and not self.correction:
            raise ValueError(f"a {self.verdict} outcome needs a correction (the corrected statement)")
        if self.verdict is Verdict.TRUE_UNDER_CONVENTION and not self.convention:
            raise ValueError("TRUE_UNDER_CONVENTION needs the convention it depends on")

    @property
    def cited_clause(self) -> str | None:
        """The clause of the labelling rule the reason cites for this verdict, or None."""
        cited = cited_rule(self.reason)
        return cited[1] if cited is not None and cited[0] is self.verdict else None

    @property
    def bare_reason(self) -> str:
        """The reason without its ``[VERDICT: clause] `` citation (for text that embeds it)."""
        clause = self.cited_clause
        return self.reason if clause is None else self.reason[len(f"[{self.verdict.value}: {clause}] "):]


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
