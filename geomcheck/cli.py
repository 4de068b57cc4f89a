"""Command line: ``geomcheck verify`` (a verdict for every claim of the source documents)
and ``geomcheck derive`` (derivation report with exact proofs of the graph-metric closed forms)."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = ["main"]


def _derive(args: argparse.Namespace, console: Console) -> int:
    from .symbolic.latex import compile_pdf, write_derivations
    from .symbolic.proofs import IDENTITIES, dimension_free_status, prove_graph_identities

    if args.min_n < 1 or args.max_n < args.min_n:
        console.print(f"[red]error:[/] need 1 <= --min-n <= --max-n, got {args.min_n}..{args.max_n}")
        return 2
    dims = list(range(args.min_n, args.max_n + 1))
    proofs = []
    with Progress(
        TextColumn("[bold]n = {task.fields[n]}[/]"), BarColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal,
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
        console.print(msg if pdf else f"[yellow]warning:[/] {msg}")
    failed = [(p.n, c.key) for p in proofs for c in p.checks if not c.holds]
    if failed:
        console.print(f"[red]identities that FAILED:[/] {failed}")
        return 1
    console.print(f"[green]all {sum(len(p.checks) for p in proofs)} identity checks hold exactly[/]")
    return 0


def _verify(args: argparse.Namespace, console: Console) -> int:
    from .claims.model import Context
    from .claims.registry import UnknownSelection, all_claims, select_claims
    from .claims.report import compile_claims_pdf, print_report, write_json, write_latex
    from .claims.runner import run_claims

    try:
        claims = select_claims(args.source, args.claim)
    except UnknownSelection as exc:
        console.print(f"[red]error:[/] {exc}")
        return 2
    if args.jobs < 1:
        console.print(f"[red]error:[/] --jobs must be >= 1, got {args.jobs}")
        return 2
    if not claims:
        console.print("[yellow]no claims registered for this selection[/]")
        return 0
    ctx = Context(thorough=args.thorough)
    with Progress(
        TextColumn("[bold]verify[/]"), BarColumn(), TextColumn("{task.completed}/{task.total} {task.description}"),
        TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(claims))
        results = run_claims(claims, ctx=ctx, jobs=args.jobs,
                             on_result=lambda r: progress.update(task, advance=1, description=r.claim_id))
    print_report(results, console, expected={c.id: c.expected for c in claims})
    if args.json:
        console.print(f"wrote {write_json(results, args.json)}")
    titles = {c.source.id: c.source.title for c in all_claims().values()}
    tex = write_latex(results, args.out, titles)
    console.print(f"wrote {tex}")
    if not args.no_pdf:
        pdf, msg = compile_claims_pdf(tex)
        console.print(msg if pdf else f"[yellow]warning:[/] {msg}")
    errors = [r.claim_id for r in results if r.error]
    if errors:
        console.print(f"[red]{len(errors)} check(s) raised an error:[/] {', '.join(errors)}")
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomcheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify", help="compute a verdict for every claim of the source documents")
    v.add_argument("--source", action="append", help="only this source id (repeatable), e.g. 002")
    v.add_argument("--claim", action="append", help="only this claim id (repeatable)")
    v.add_argument("--json", metavar="PATH", help="write machine-readable results to PATH")
    v.add_argument("--no-pdf", action="store_true", help="do not compile the PDF")
    v.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    v.add_argument("--thorough", action="store_true", help="more Monte-Carlo samples / dimensions")
    v.add_argument("--out", default="proofs", help="output folder for LaTeX/PDF (default proofs/)")
    d = sub.add_parser("derive", help="derive and exactly prove the graph-metric closed forms; write LaTeX")
    d.add_argument("--min-n", type=int, default=2, help="smallest dimension (default 2)")
    d.add_argument("--max-n", type=int, default=10, help="largest dimension (default 10)")
    d.add_argument("--out", default="proofs", help="output folder for the LaTeX (default proofs/)")
    d.add_argument("--no-pdf", action="store_true", help="do not try to compile the PDF")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console()
    if not console.is_terminal:  # logs and pipes: wide enough for the claims table
        console = Console(width=max(console.width, 160))
    if args.command == "derive":
        return _derive(args, console)
    if args.command == "verify":
        return _verify(args, console)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
