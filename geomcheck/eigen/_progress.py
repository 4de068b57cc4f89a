"""A rich progress bar fed by an eigensolver's convergence checks (host-side only)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

Callback = Callable[[int, float], None]


@contextlib.contextmanager
def progress_callback(enabled: bool, *, total: int, label: str,
                      user: Callback | None) -> Iterator[Callback | None]:
    """Yield a callback ``(num_matvecs, worst residual/tol ratio)`` that also advances a bar.

    The bar is updated at the solver's checks only (it adds no host synchronisation); its total
    is the product budget ``max_iter``, and its text shows the worst wanted pair's
    ``residual / (tol · scale)`` (converged at ≤ 1).
    """
    if not enabled:
        yield user
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("products"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def callback(num_matvecs: int, worst: float) -> None:
            bar.update(task, completed=min(num_matvecs, total),
                       description=f"{label}: residual/tol {worst:.2e}")
            if user is not None:
                user(num_matvecs, worst)

        yield callback
