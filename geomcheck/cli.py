"""Command line: ``geomcheck verify`` (a verdict for every claim of the source documents),
``geomcheck show ID`` (one claim, computed and rendered for reading), ``geomcheck list`` (the
registered claims) and ``geomcheck derive`` (derivation report with exact proofs of the
graph-metric closed forms).  Results go to stdout; errors, warnings and progress to stderr."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["main"]


def _derive(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .symbolic.latex import compile_pdf, write_derivations
    from .symbolic.proofs import IDENTITIES, dimension_free_status, prove_graph_identities

    if args.min_n < 1 or args.max_n < args.min_n:
        _err(err, f"need 1 <= --min-n <= --max-n, got {args.min_n}..{args.max_n}")
        return 2
    from .symbolic.proofs import PROOF_MEMORY_LIMIT, proof_cost_estimate

    memory, seconds = proof_cost_estimate(args.max_n)
    if memory > PROOF_MEMORY_LIMIT:  # refused before any proof runs, not after the small n
        _err(err, f"--max-n {args.max_n}: the exact proof needs about {memory / 2**30:.1f} GiB and "
                  f"{seconds:.0f} s at n = {args.max_n} (limit {PROOF_MEMORY_LIMIT / 2**30:.1f} GiB, n <= 12); "
                  "the every-n argument covers larger n (see proofs/derivations.tex)")
        return 2
    dims = list(range(args.min_n, args.max_n + 1))
    proofs = []
    with Progress(
        TextColumn("[bold]n = {task.fields[n]}[/]"), BarColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(dims) * len(IDENTITIES), n=dims[0])
        for n in dims:
            progress.update(task, n=n)
            proofs.append(prove_graph_identities(
                n, progress=lambda key: progress.update(task, advance=1, description=key)))
            progress.update(task, completed=(dims.index(n) + 1) * len(IDENTITIES))

    table = Table(title="Graph metric g = I + ∇f∇fᵀ, generic f: derived from the metric, closed forms proven exactly")
    table.add_column("identity")
    for n in dims:
        table.add_column(f"n={n}", justify="center")
    for spec in IDENTITIES:
        cells = []
        for p in proofs:
            try:
                c = p.check(spec.key)
                cells.append("[green]✓[/]" if c.holds else "[red]✗[/]")
            except KeyError:
                cells.append("·")
        table.add_row(spec.key, *cells)
    table.add_row("CPU seconds", *[f"{p.seconds:.2f}" for p in proofs])
    console.print(table)

    dft = Table(title="Every n: invariant-theory bound d (index pairs) vs largest n proven")
    for col in ("identity", "d <=", "proven n", "holds for all n", "argument"):
        dft.add_column(col)
    for st in dimension_free_status(proofs):
        ns = f"{min(st.proven_dimensions)}..{max(st.proven_dimensions)}" if st.proven_dimensions else "-"
        dft.add_row(st.key, str(st.pair_bound or "-"), ns,
                    "[green]yes[/]" if st.holds_for_all_n else "[yellow]not yet[/]", st.argument)
    console.print(dft)

    tex = write_derivations(proofs, args.out)
    console.print(f"wrote {tex}")
    if not args.no_pdf:
        pdf, msg = compile_pdf(tex)
        if pdf:
            console.print(msg, highlight=False)
        else:
            _err(err, msg, kind="warning")
    failed = [(p.n, c.key) for p in proofs for c in p.checks if not c.holds]
    if failed:
        _err(err, f"identities that FAILED: {failed}")
        return 1
    console.print(f"[green]all {sum(len(p.checks) for p in proofs)} identity checks hold exactly[/]")
    return 0


def _err(console: Console, message: str, *, kind: str = "error") -> None:
    style = {"error": "red", "warning": "yellow", "note": "dim"}[kind]
    console.print(f"[{style}]{kind}:[/] {message}", highlight=False, soft_wrap=True)


def _verify(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .claims.model import Context
    from .claims.output_files import OutputError, check_output_dir, check_output_file, report_stem
    from .claims.registry import UnknownSelection, all_claims, normalize_source, select_claims
    from .claims.report import print_report, print_summary, publish_pdf, write_json, write_latex
    from .claims.runner import run_claims

    if args.jobs < 1:
        _err(err, f"--jobs must be >= 1, got {args.jobs}")
        return 2
    try:
        claims = select_claims(args.source, args.claim)
        sources = [normalize_source(s) for s in args.source] if args.source and not args.claim else []
    except UnknownSelection as exc:
        _err(err, str(exc))
        return 2
    # every destination is checked before the (long) run, not after it
    try:
        out_dir = check_output_dir(args.out, what="--out")
        json_path = check_output_file(args.json, what="--json") if args.json else None
    except OutputError as exc:
        _err(err, str(exc))
        return 2
    if not claims:
        _err(err, "no claim matches this selection (--source and --claim select their intersection)")
        return 2
    ctx = Context(thorough=args.thorough)
    with Progress(
        TextColumn("[bold]verify[/]"), BarColumn(), TextColumn("{task.completed}/{task.total} {task.description}"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(claims))
        results = run_claims(claims, ctx=ctx, jobs=args.jobs,
                             on_result=lambda r: progress.update(task, advance=1, description=r.claim_id))
    expected = {c.id: c.expected for c in claims}
    if args.summary:
        print_summary(results, console)
        changed = [r.claim_id for r in results if r.outcome and r.outcome.verdict is not expected[r.claim_id]]
        if changed:
            _err(err, f"{len(changed)} computed verdict(s) differ from the recorded ones: {', '.join(changed)}",
                 kind="warning")
    else:
        print_report(results, console, expected=expected)
    # results first (JSON), then the report, then the PDF: a failure later loses nothing earlier
    if json_path is not None:
        try:
            console.print(f"wrote {write_json(results, json_path)}", highlight=False)
        except OSError as exc:  # the destination broke during the run: keep the results elsewhere
            rescue = write_json(results, Path(tempfile.mkdtemp(prefix="geomcheck-")) / json_path.name)
            _err(err, f"could not write {json_path} ({exc.strerror or exc}); the results are in {rescue}")
            return 1
    registry = all_claims()
    titles = {c.source.id: c.source.title for c in registry.values()}
    stem = report_stem([c.id for c in claims], list(registry), sources)
    tex_path = out_dir / f"{stem}.tex"
    try:
        old_tex = tex_path.read_bytes() if tex_path.exists() else None
        tex = write_latex(results, out_dir, titles, stem=stem)
    except OSError as exc:
        _err(err, f"could not write the report in {out_dir} ({exc.strerror or exc})"
                  + (f"; the results are in {json_path}" if json_path else "; rerun with --json PATH to keep them"))
        return 1
    console.print(f"wrote {tex}", highlight=False)
    pdf, notes = publish_pdf(tex, build=not args.no_pdf, tex_changed=old_tex != tex.read_bytes())
    if pdf is None and not args.no_pdf and notes and notes[0].startswith("latexmk failed"):
        # a typeset quote or reason that TeX rejects must not cost the PDF: fall back to verbatim
        _err(err, notes[0], kind="warning")
        _err(err, "rebuilding the PDF with every quote verbatim and every reason as plain text", kind="warning")
        tex = write_latex(results, out_dir, titles, stem=stem, typeset=False)
        pdf, notes = publish_pdf(tex, build=True, tex_changed=True)
    if pdf is not None:
        console.print(f"compiled {pdf}", highlight=False)
    for note in notes:
        _err(err, note, kind="note" if note.startswith("kept") else "warning")
    errors = [r.claim_id for r in results if r.error]
    if errors:
        _err(err, f"{len(errors)} check(s) raised an error: {', '.join(errors)}")
        return 1
    return 0


def _show(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .claims.model import Context
    from .claims.registry import UnknownSelection, find_claim
    from .claims.render import render_claim
    from .claims.runner import run_claim

    try:
        claims = [find_claim(cid) for cid in dict.fromkeys(args.ids)]
    except UnknownSelection as exc:
        _err(err, str(exc))
        return 2
    status = 0
    for claim in claims:
        result = run_claim(claim, Context(thorough=args.thorough))
        render_claim(result, claim, console)
        status = max(status, 1 if result.error else 0)
    return status


def _list(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .claims.model import Verdict
    from .claims.registry import UnknownSelection, select_claims, suggest
    from .claims.render import claims_table

    verdicts: set[Verdict] = set()
    for v in args.verdict or []:
        key = v.strip().upper().replace("-", "_").replace(" ", "_")
        if key not in Verdict.__members__:
            near = suggest(key, list(Verdict.__members__))
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            _err(err, f"unknown verdict {v!r}{hint}; valid verdicts: {', '.join(Verdict.__members__)}")
            return 2
        verdicts.add(Verdict[key])
    try:
        claims = select_claims(args.source, None)
    except UnknownSelection as exc:
        _err(err, str(exc))
        return 2
    if verdicts:
        claims = [c for c in claims if c.expected in verdicts]
    if args.ids_only:
        for c in claims:
            console.print(c.id, highlight=False, soft_wrap=True)
        return 0
    console.print(claims_table(claims, title=f"{len(claims)} claims (verdicts as recorded; "
                                              "`geomcheck verify` recomputes them)"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .claims.output_files import DEFAULT_OUT

    parser = argparse.ArgumentParser(prog="geomcheck", description=__doc__)
    parser.add_argument("--version", action="version", version=f"geomcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser(
        "verify", help="compute a verdict for every claim of the source documents",
        description="Compute a verdict for every claim (or the selected ones); print the table, write the "
                    "LaTeX report and compile it to PDF when TeX is installed. The full run writes "
                    "OUT/geomcheck-proofs.tex/.pdf; a --source or --claim subset writes its own file "
                    "(geomcheck-proofs-002.tex, geomcheck-proofs-<id>.tex, ...), never the full report.")
    v.add_argument("--source", action="append", help="only this source (repeatable): 002, or just 2")
    v.add_argument("--claim", action="append", help="only this claim id (repeatable); `geomcheck list` shows the ids")
    v.add_argument("--json", metavar="PATH", help="also write machine-readable results to the file PATH")
    v.add_argument("--no-pdf", action="store_true", help="do not compile the PDF (a stale PDF beside a changed .tex is removed)")
    v.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    v.add_argument("--thorough", action="store_true", help="more Monte-Carlo samples / dimensions")
    v.add_argument("--summary", action="store_true", help="print only the counts per source and verdict")
    v.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                   help=f"folder for the LaTeX/PDF report (default: ./{DEFAULT_OUT}/ under the current directory; "
                        "`--out proofs` in a checkout regenerates the committed copy)")
    s = sub.add_parser("show", help="compute and print one claim: statement, verdict, reason, correction, evidence")
    s.add_argument("ids", nargs="+", metavar="ID", help="claim id(s), e.g. 002-eq3-riemann")
    s.add_argument("--thorough", action="store_true", help="more Monte-Carlo samples / dimensions")
    ls = sub.add_parser("list", help="list the registered claims (id, recorded verdict, location)")
    ls.add_argument("--source", action="append", help="only this source (repeatable): 002, or just 2")
    ls.add_argument("--verdict", action="append", help="only this recorded verdict (repeatable), e.g. FALSE or typo")
    ls.add_argument("--ids-only", action="store_true", help="print the ids only, one per line")
    d = sub.add_parser("derive", help="derive and exactly prove the graph-metric closed forms; write LaTeX")
    d.add_argument("--min-n", type=int, default=2, help="smallest dimension (default 2)")
    d.add_argument("--max-n", type=int, default=10, help="largest dimension (default 10)")
    d.add_argument("--out", default="proofs", help="output folder for the LaTeX (default proofs/)")
    d.add_argument("--no-pdf", action="store_true", help="do not try to compile the PDF")
    from .landscape.cli import add_parser as _add_landscape_parser  # torch-side only, no matplotlib

    _add_landscape_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console()
    if not console.is_terminal:  # logs and pipes: wide enough for the claims table
        console = Console(width=max(console.width, 160))
    err = Console(stderr=True)
    try:
        if args.command == "derive":
            return _derive(args, console, err)
        if args.command == "verify":
            return _verify(args, console, err)
        if args.command == "show":
            return _show(args, console, err)
        if args.command == "list":
            return _list(args, console, err)
        if args.command == "landscape":
            from .landscape.cli import run as _landscape

            return _landscape(args, console)
    except KeyboardInterrupt:
        _err(err, "interrupted: reports already in place were left as they were (nothing half-written)")
        return 130
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
