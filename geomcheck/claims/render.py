"""Terminal rendering of single claims (``geomcheck show``) and of the registry (``geomcheck list``)."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Claim, ClaimResult, Verdict
from .report import VERDICT_STYLE, _jsonable, rule_and_reason

__all__ = ["render_claim", "claims_table", "evidence_text"]


def _scalar(x: object) -> bool:
    return isinstance(x, (str, int, float, bool)) or x is None


def _inline(x: object) -> str:
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_inline(v) for v in x) + "]"
    return str(x)


def evidence_text(evidence: object, *, width: int = 100, indent: int = 0) -> Text:
    """The evidence as an indented outline: one line per key; a dict or list whose one-line
    form fits in ``width`` stays on that line (a counterexample jet reads as ``{w: 1/3, f_{1}: 2,
    ...}``, not one entry per line); a dict or list of plain values stays on one (wrapped) line."""
    out = Text()
    pad = "  " * indent
    items = evidence.items() if isinstance(evidence, dict) else enumerate(evidence) if isinstance(evidence, list) else []
    for key, value in items:
        line = _inline(value)
        label = f"{pad}{key}: "
        flat = isinstance(value, (dict, list)) and all(
            _scalar(v) for v in (value.values() if isinstance(value, dict) else value))
        if _scalar(value) or flat or len(label) + len(line) <= width:
            out.append(label, style="bold")
            out.append(line + "\n")
        else:
            out.append(label.rstrip() + "\n", style="bold")
            out.append_text(evidence_text(value, width=width, indent=indent + 1))
    return out


def _field(label: str, body: object) -> Group:
    return Group(Text(label, style="bold"), Padding(body, (0, 0, 1, 2)))


def render_claim(result: ClaimResult, claim: Claim, console: Console) -> None:
    """Print one claim for reading: where it is, the statement as printed, the computed verdict
    (and the recorded one when they differ), reason, convention, correction and the evidence
    the check computed (counterexamples, sample sizes and standard errors, dimensions proven)."""
    parts: list[object] = [
        _field("source", Text(f"{claim.source.id}: {claim.source.title}")),
        _field("location", Text(claim.location)),
        _field("as printed", Text(claim.quote)),
    ]
    o = result.outcome
    if result.error or o is None:
        parts.append(_field("check raised an error", Text((result.error or "").strip(), style="red")))
        verdict_line = Text("ERROR", style="bold red")
    else:
        clause, reason = rule_and_reason(o)
        verdict_line = Text(o.verdict.value, style=f"bold {VERDICT_STYLE[o.verdict]}")
        if clause:
            verdict_line.append(f" (rule: {clause})", style=VERDICT_STYLE[o.verdict])
        if claim.expected is not o.verdict:
            verdict_line.append(f"   (recorded {claim.expected.value}: the check now computes otherwise)", style="bold red")
        parts.insert(3, _field("verdict", verdict_line))
        parts.append(_field("reason", Text(reason)))
        if o.convention:
            parts.append(_field("convention", Text(o.convention)))
        if o.correction:
            parts.append(_field("correction", Text(o.correction)))
        if o.evidence:
            text = evidence_text(_jsonable(o.evidence), width=max(40, console.width - 8))
            text.rstrip()
            parts.append(_field("evidence", text))
    parts.append(Text(f"computed in {result.seconds:.2f} s", style="dim"))
    console.print(Panel(Group(*parts), title=f"[bold]{claim.id}[/]", title_align="left", expand=True))


def claims_table(claims: Sequence[Claim], *, title: str) -> Table:
    """Id (never wrapped), recorded verdict and location of each claim."""
    table = Table(title=title, pad_edge=False)
    table.add_column("id", no_wrap=True, overflow="ignore")
    table.add_column("recorded verdict", no_wrap=True, overflow="ignore")
    table.add_column("location", overflow="fold")
    for c in claims:
        v: Verdict = c.expected
        table.add_row(Text(c.id), f"[{VERDICT_STYLE[v]}]{v.value}[/]", Text(c.location))   # plain text, not markup
    return table
