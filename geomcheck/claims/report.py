"""Reports of a verification run: rich table and summary, JSON, LaTeX document and PDF.

Every file is written through a temporary file and an atomic rename
(:mod:`geomcheck.claims.output_files`), and the PDF is built in a scratch directory and moved
into place only when the build succeeded, so an interrupted or failed run never leaves half a
report in place of a good one.  A PDF that was not rebuilt for a changed ``.tex`` (``--no-pdf``,
no TeX, a failed build) is removed rather than left beside it, stale.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..symbolic.latex import run_latexmk
from .model import ClaimResult, Outcome, Verdict
from .output_files import FULL_STEM, atomic_replace, atomic_write_text
from .texrender import quote_latex, tex_escape, text_with_math, verbatim_block

__all__ = ["print_report", "print_summary", "summary_table", "results_to_json", "write_json", "write_latex",
           "compile_claims_pdf", "publish_pdf", "PDF_NAME", "tex_escape", "VERDICT_STYLE", "rule_and_reason"]

PDF_NAME = FULL_STEM

VERDICT_STYLE = {
    Verdict.TRUE: "green",
    Verdict.TRUE_UNDER_CONVENTION: "cyan",
    Verdict.TYPO: "yellow",
    Verdict.FALSE: "red",
    Verdict.AMBIGUOUS: "magenta",
    Verdict.NOT_CHECKABLE: "dim",
}


def rule_and_reason(outcome: Outcome) -> tuple[str | None, str]:
    """The clause of the labelling rule an outcome cites and its reason without the citation:
    ``"[TYPO: index] an index"`` -> ``("index", "an index")``; ``(None, reason)`` when it cites none.

    The reports show the verdict once, with its clause ("Verdict: TYPO (rule: index). an index"),
    instead of the verdict followed by the prefix that repeats it."""
    return outcome.cited_clause, outcome.bare_reason


def _verdict_cell(r: ClaimResult, expected: dict[str, Verdict] | None) -> str:
    if r.error or r.outcome is None:
        return "[bold red]ERROR[/]"
    v = r.outcome.verdict
    cell = f"[{VERDICT_STYLE[v]}]{v.value}[/]"
    if expected and expected.get(r.claim_id) not in (None, v):
        cell += f" [bold red](recorded {expected[r.claim_id].value})[/]"
    return cell


def print_report(results: Sequence[ClaimResult], console: Console, *, expected: dict[str, Verdict] | None = None) -> None:
    """Table (id, verdict, reason; the location too when the console is wider than 140
    columns) and the summary counts.

    Ids and verdicts never wrap (an id broken mid-word cannot be pasted into ``geomcheck
    show``); the reason wraps at word boundaries.  Readable from 100 columns on.
    """
    wide = console.width > 140
    table = Table(title=f"{len(results)} claims", show_lines=False, pad_edge=False)
    table.add_column("id", no_wrap=True, overflow="ignore")
    if wide:
        table.add_column("location", overflow="fold", ratio=1)
    table.add_column("verdict", no_wrap=True, overflow="ignore")
    table.add_column("reason", overflow="fold", ratio=3)
    for r in results:
        if r.error:
            reason = r.error.strip().splitlines()[-1]
        elif r.outcome is None:
            reason = ""
        else:
            clause, reason = rule_and_reason(r.outcome)
            reason = f"({clause}) {reason}" if clause else reason
        # reasons and locations are plain text: as rich markup, "E[kappa_-]" would lose "[kappa_-]" (read as a style tag)
        row = [Text(r.claim_id)] + ([Text(r.location)] if wide else []) + [_verdict_cell(r, expected), Text(reason)]
        table.add_row(*row)
    console.print(table)
    print_summary(results, console)


def summary_table(results: Sequence[ClaimResult]) -> Table:
    """Counts per source and verdict (and ERROR), with a total row."""
    cols = [v.value for v in Verdict] + ["ERROR"]
    heads = {"TRUE_UNDER_CONVENTION": "TRUE_UNDER\nCONVENTION", "NOT_CHECKABLE": "NOT\nCHECKABLE"}
    summary = Table(title="summary")
    summary.add_column("source")
    for c in cols + ["total"]:
        summary.add_column(heads.get(c, c), justify="right")
    for src in sorted({r.source for r in results}):
        sub = [r for r in results if r.source == src]
        cnt = Counter("ERROR" if r.error else r.verdict.value for r in sub)
        summary.add_row(src, *[str(cnt.get(c, 0)) for c in cols], str(len(sub)))
    allc = Counter("ERROR" if r.error else r.verdict.value for r in results)
    summary.add_row("all", *[str(allc.get(c, 0)) for c in cols], str(len(results)), style="bold")
    return summary


def print_summary(results: Sequence[ClaimResult], console: Console) -> None:
    """Only the counts per source and verdict (``geomcheck verify --summary``)."""
    console.print(summary_table(results))


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, (str, int, bool)) or x is None:
        return x
    if isinstance(x, float):
        return x if x == x and abs(x) != float("inf") else str(x)
    return str(x)


def results_to_json(results: Sequence[ClaimResult]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        o = r.outcome
        out.append({
            "id": r.claim_id,
            "source": r.source,
            "location": r.location,
            "quote": r.quote,
            "verdict": o.verdict.value if o else None,
            "reason": o.reason if o else None,
            "correction": o.correction if o else None,
            "convention": o.convention if o else None,
            "evidence": _jsonable(o.evidence) if o else {},
            "seconds": round(r.seconds, 4),
            "error": r.error,
        })
    return out


def write_json(results: Sequence[ClaimResult], path: str | Path) -> Path:
    """The results as JSON at ``path`` (atomically: the old file survives an interrupted write)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, json.dumps(results_to_json(results), indent=2, ensure_ascii=False))


_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{fontspec}
% glyphs Latin Modern lacks (Greek, arrows, math symbols in plain text) come from DejaVu
\directlua{luaotfload.add_fallback("geomcheckfallback", {"DejaVu Serif:mode=node;", "DejaVu Sans:mode=node;"})}
\setmainfont{Latin Modern Roman}[RawFeature={fallback=geomcheckfallback}]
\usepackage{amsmath,amssymb,booktabs,longtable,xcolor,cancel,multicol}
\usepackage{fvextra}
\setmonofont{DejaVu Sans Mono}[Scale=0.85]
\usepackage[hidelinks]{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5ex}
\title{geomcheck: a verdict and a proof for every claim of the source documents}
\author{generated by \texttt{geomcheck verify}}
\date{}
\begin{document}
"""

_ABBREV = {"TRUE": "TRUE", "TRUE_UNDER_CONVENTION": "T.U.C.", "TYPO": "TYPO", "FALSE": "FALSE",
           "AMBIGUOUS": "AMBIG.", "NOT_CHECKABLE": "N.C.", "ERROR": "ERROR"}


def _label(claim_id: str) -> str:
    return "claim:" + claim_id


def _summary_page(results: Sequence[ClaimResult], titles: dict[str, str]) -> str:
    """Page 1: counts per source and verdict, and every FALSE / TYPO claim with a page link."""
    cols = [v.value for v in Verdict] + (["ERROR"] if any(r.error for r in results) else [])
    lines = [r"\begin{center}{\Large\bfseries geomcheck: a verdict and a proof for every claim}\\[0.5ex]"
             r"{\small generated by \texttt{geomcheck verify}}\end{center}",
             r"\section*{Summary}",
             r"\begin{center}\small\begin{tabular}{l" + "r" * (len(cols) + 1) + "}",
             r"\toprule",
             "source & " + " & ".join(_ABBREV[c] for c in cols) + r" & total \\",
             r"\midrule"]
    for src in sorted({r.source for r in results}):
        sub = [r for r in results if r.source == src]
        cnt = Counter("ERROR" if r.error else r.verdict.value for r in sub)
        lines.append(f"{src} & " + " & ".join(str(cnt.get(c, 0)) for c in cols) + f" & {len(sub)} \\\\")
    cnt = Counter("ERROR" if r.error else r.verdict.value for r in results)
    lines += [r"\midrule",
              r"\textbf{all} & " + " & ".join(rf"\textbf{{{cnt.get(c, 0)}}}" for c in cols)
              + rf" & \textbf{{{len(results)}}} \\",
              r"\bottomrule\end{tabular}\end{center}",
              r"{\footnotesize T.U.C.: TRUE\_UNDER\_CONVENTION; AMBIG.: AMBIGUOUS; N.C.: NOT\_CHECKABLE. Sources: "
              + "; ".join(f"{s}: {tex_escape(titles.get(s, ''))}" for s in sorted({r.source for r in results}))
              + ".}"]
    flagged = [r for r in results if r.outcome and r.outcome.verdict in (Verdict.FALSE, Verdict.TYPO)]
    if flagged:
        lines.append(r"\subsection*{FALSE and TYPO claims (" + str(len(flagged)) + ")}")
        lines.append(r"\begin{multicols}{2}\scriptsize\raggedright")
        for r in flagged:
            v = r.outcome.verdict.value
            clause = rule_and_reason(r.outcome)[0]
            lines.append(rf"\hyperref[{_label(r.claim_id)}]{{\texttt{{{tex_escape(r.claim_id)}}}}}"
                         rf" \textsc{{{v.lower()}}}" + (rf" ({tex_escape(clause)})" if clause else "")
                         + rf"\hfill p.~\pageref{{{_label(r.claim_id)}}}\par")
        lines.append(r"\end{multicols}")
    lines.append(r"\clearpage\tableofcontents\clearpage")
    return "\n".join(lines)


def _section(r: ClaimResult, *, typeset: bool) -> str:
    o = r.outcome
    lines = [f"\\subsection{{{tex_escape(r.claim_id)}: {tex_escape(r.location)}}}\\label{{{_label(r.claim_id)}}}"]
    if typeset:
        quote, was_typeset = quote_latex(r.quote, r.source)
    else:
        quote, was_typeset = verbatim_block(r.quote), False
    lines.append(r"\textbf{As printed}" + ("" if was_typeset else " (verbatim)") + ":")
    lines.append(quote)
    if r.error or o is None:
        lines.append(r"\textbf{Check raised an error.}")
        lines.append(r"\begin{Verbatim}[breaklines=true,fontsize=\scriptsize]")
        lines.append((r.error or "").strip().replace("\\end{Verbatim}", "\\end {Verbatim}"))
        lines.append(r"\end{Verbatim}")
        return "\n".join(lines)
    clause, body = rule_and_reason(o)
    reason = text_with_math(body) if typeset else tex_escape(body)
    rule = f" (rule: {tex_escape(clause)})" if clause else ""
    lines.append(f"\n\\textbf{{Verdict: {tex_escape(o.verdict.value)}{rule}.}} {reason}")
    if o.convention:
        conv = text_with_math(o.convention) if typeset else tex_escape(o.convention)
        lines.append(f"\n\\textbf{{Convention:}} {conv}")
    if o.latex:
        lines.append("\n" + o.latex)
    if o.correction:
        lines.append(f"\n\\textbf{{Corrected statement:}} {o.correction}")
    return "\n".join(lines)


def latex_document(results: Sequence[ClaimResult], titles: dict[str, str], *, typeset: bool = True) -> str:
    """The report as one LaTeX document: a summary page (counts, FALSE/TYPO list with page
    links), the contents, then one section per source and one subsection per claim.

    ``typeset=False`` shows every quote verbatim and every reason as escaped text (the fallback
    when a typeset document does not compile).
    """
    parts = [_PREAMBLE, _summary_page(results, titles)]
    for src in sorted({r.source for r in results}):
        parts.append(f"\\section{{Source {src}: {tex_escape(titles.get(src, ''))}}}")
        parts += [_section(r, typeset=typeset) for r in results if r.source == src]
    parts.append(r"\end{document}")
    body = "\n\n".join(parts) + "\n"
    # Reproducible PDF: LuaTeX derives the trailer /ID from the output's full path and the date
    # (the date is pinned by run_latexmk); pin the /ID to a digest of the document instead, so
    # the same .tex gives the same bytes in any checkout.
    digest = hashlib.md5(body.encode("utf-8")).hexdigest().upper()
    first, rest = body.split("\n", 1)
    return f"{first}\n\\pdfvariable trailerid {{[<{digest}> <{digest}>]}}\n{rest}"


def write_latex(results: Sequence[ClaimResult], out_dir: str | Path, titles: dict[str, str], *,
                stem: str = PDF_NAME, typeset: bool = True) -> Path:
    """Write :func:`latex_document` to ``out_dir/<stem>.tex`` (atomically)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(out / f"{stem}.tex", latex_document(results, titles, typeset=typeset))


def compile_claims_pdf(tex_path: str | Path, *, timeout: float = 600) -> tuple[Path | None, str]:
    """``latexmk -lualatex`` in a scratch directory beside ``tex_path``; the PDF replaces
    ``<stem>.pdf`` only when the build succeeded.  ``(None, reason)`` when TeX is missing or the
    build fails (the old PDF is then left untouched: :func:`publish_pdf` decides about it)."""
    if shutil.which("latexmk") is None or shutil.which("lualatex") is None:
        return None, ("no TeX installation (latexmk + lualatex) found: wrote the .tex only; "
                      "apt-get install latexmk texlive-luatex texlive-latex-extra fonts-dejavu-core")
    tex_path = Path(tex_path)
    build = Path(tempfile.mkdtemp(prefix=f".{tex_path.stem}-build-", dir=tex_path.parent))
    try:
        shutil.copyfile(tex_path, build / tex_path.name)
        pdf, msg = run_latexmk(build / tex_path.name, engine="-lualatex", timeout=timeout)
        if pdf is None:
            return None, msg
        target = tex_path.with_suffix(".pdf")
        atomic_replace(pdf, target)
        return target, f"compiled {target}"
    finally:
        shutil.rmtree(build, ignore_errors=True)


def publish_pdf(tex_path: Path, *, build: bool, tex_changed: bool, timeout: float = 600) -> tuple[Path | None, list[str]]:
    """Bring ``<stem>.pdf`` in line with ``tex_path``; returns ``(pdf or None, warnings)``.

    ``build``: compile (else only the stale-PDF rule applies).  When no new PDF was made and
    the ``.tex`` changed, an old PDF beside it is removed (it shows the previous run), and the
    warnings say so; an unchanged ``.tex`` keeps its PDF.
    """
    warnings: list[str] = []
    old_pdf = tex_path.with_suffix(".pdf")
    if build:
        try:
            pdf, msg = compile_claims_pdf(tex_path, timeout=timeout)
        except BaseException:  # Ctrl-C during the build: the old PDF no longer matches the new .tex
            if tex_changed:
                old_pdf.unlink(missing_ok=True)
            raise
        if pdf is not None:
            return pdf, []
        warnings.append(msg)
    if old_pdf.exists():
        if tex_changed:
            old_pdf.unlink()
            warnings.append(f"removed {old_pdf}: it was built from the previous {tex_path.name}, not this one")
        else:
            warnings.append(f"kept {old_pdf}: {tex_path.name} is unchanged, so the PDF is up to date")
    return None, warnings
