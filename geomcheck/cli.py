"""Command line: ``geomcheck derive`` (derivation report with exact proofs)."""

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomcheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("derive", help="derive and exactly prove the graph-metric closed forms; write LaTeX")
    d.add_argument("--min-n", type=int, default=2, help="smallest dimension (default 2)")
    d.add_argument("--max-n", type=int, default=10, help="largest dimension (default 10)")
    d.add_argument("--out", default="proofs", help="output folder for the LaTeX (default proofs/)")
    d.add_argument("--no-pdf", action="store_true", help="do not try to compile the PDF")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console()
    if args.command == "derive":
        return _derive(args, console)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
