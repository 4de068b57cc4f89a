"""``geomcheck landscape --out DIR``: the figure set of loss-landscape projections.

Synthetic examples (004's spectra, exact sampling): the probability that a random projection
hides a saddle against ``tr H/‖H‖_F``; histograms of ``κ±`` against their exact large-N law; the
two ways of averaging (004's Fig. 2).  The digits MLP (:mod:`geomcheck.landscape.digits`),
trained and at its initialisation: loss surfaces and contours along filter-normalised random,
Hessian and principal-curvature directions; ``κ±`` heat-maps of those surfaces; 004's projection
trace estimate against Hutchinson at equal numbers of HVPs; the Hessian vs principal-curvature
density.  A ``summary.json`` records the measured numbers and timings.

``--thorough``: larger grids and 10⁷ samples per saddle probability; ``--device cuda``: the
digits computations on a GPU.  Registered in :mod:`geomcheck.cli`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

__all__ = ["Settings", "add_parser", "run", "render_figures"]


@dataclass(frozen=True)
class Settings:
    """Sizes of the figure set (defaults: the ≤ 2-minute CPU run; :meth:`thorough`, :meth:`quick`)."""

    grid: int = 31
    span: float = 1.0
    hidden: int = 32
    steps: int = 300
    seed: int = 0
    saddle_samples: int = 100_000
    histogram_samples: int = 100_000
    trajectory: int = 10_000
    trace_hvps: int = 60
    reference_hvps: int = 120
    density_probes: int = 3
    density_steps: int = 25
    lanczos_tol: float = 1e-5
    #: products per Lanczos run (None: until converged); an unconverged run is reported in summary.json
    lanczos_products: int | None = 120
    device: str = "cpu"

    @classmethod
    def thorough(cls, **kw: Any) -> Settings:
        return cls(grid=51, saddle_samples=10_000_000, histogram_samples=1_000_000, trajectory=100_000, trace_hvps=300,
                   reference_hvps=1000, density_probes=8, density_steps=80, lanczos_tol=1e-7, lanczos_products=None, **kw)

    @classmethod
    def quick(cls, **kw: Any) -> Settings:
        """Small sizes for a smoke test (seconds): every figure, coarse."""
        return cls(grid=9, hidden=6, steps=20, saddle_samples=2000, histogram_samples=4000, trajectory=300, trace_hvps=10,
                   reference_hvps=12, density_probes=2, density_steps=8, **kw)


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``landscape`` on the subparsers of :mod:`geomcheck.cli`."""
    p = sub.add_parser("landscape", help="figures of 2-D loss-landscape projections (random vs Hessian directions, 004's statistics)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="folder for the PNG figures and summary.json (created if missing)")
    p.add_argument("--thorough", action="store_true", help="51x51 grids, 1e7 samples per saddle probability, more HVPs")
    p.add_argument("--device", default="cpu", help="torch device of the digits computations (cpu, cuda, cuda:1, ...)")
    p.add_argument("--quick", action="store_true", help="tiny sizes (a smoke test of the whole figure set)")
    return p


def _check_out(out: str) -> Path:
    path = Path(out)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise PermissionError(f"cannot write to --out {out!r}: {exc.strerror or exc}") from None
    return path


def _check_device(device: str) -> str:
    import torch

    try:
        dev = torch.device(device)
    except RuntimeError as exc:
        raise ValueError(f"--device {device!r} is not a torch device: {exc}") from None
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"--device {device!r}: CUDA is not available on this machine")
    return str(dev)


def run(args: argparse.Namespace, console: Any) -> int:
    """Entry point of ``geomcheck landscape`` (exit status: 0 ok, 2 bad arguments)."""
    try:
        out = _check_out(args.out)
        device = _check_device(args.device)
    except (PermissionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for module, extra in (("matplotlib", "matplotlib"), ("sklearn", "scikit-learn")):
        try:
            __import__(module)
        except ImportError:
            print(f"error: geomcheck landscape needs {extra}: pip install 'geomcheck[landscape]'", file=sys.stderr)
            return 2
    if args.thorough and args.quick:
        print("error: --thorough and --quick exclude each other", file=sys.stderr)
        return 2
    settings = (Settings.thorough if args.thorough else Settings.quick if args.quick else Settings)(device=device)
    t0 = time.perf_counter()
    files, summary = render_figures(out, settings, console=console)
    console.print(f"wrote {len(files)} figures and summary.json to {out}/ in {time.perf_counter() - t0:.1f} s "
                  f"(digits figure set {summary['seconds']['digits figure set']:.1f} s, "
                  f"{summary['cpu_seconds']['digits figure set']:.1f} s CPU)")
    for f in files:
        console.print(f"  {f}")
    return 0


# ---------------------------------------------------------------------------------------- figures


def _save(fig: Any, path: Path) -> Path:
    fig.savefig(path, dpi=fig.dpi)
    return path


def render_figures(out: Path, settings: Settings, *, console: Any = None,
                   progress: bool = True) -> tuple[list[Path], dict[str, Any]]:
    """Compute and write the whole figure set; returns the files and the measured numbers."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = console or Console()
    steps: list[tuple[str, Callable[[], list[Path]]]] = []
    summary: dict[str, Any] = {"settings": asdict(settings)}
    files: list[Path] = []
    steps.append(("synthetic: saddle probability", lambda: _synthetic_saddles(out, settings, summary)))
    steps.append(("synthetic: curvature laws and averaging", lambda: _synthetic_laws(out, settings, summary)))
    for trained in (True, False):
        steps.append((f"digits MLP, {'trained' if trained else 'untrained'}", lambda t=trained: _digits(out, settings, summary, t)))
    with Progress(TextColumn("[bold]landscape[/]"), BarColumn(), TextColumn("{task.completed}/{task.total} {task.description}"),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=not (progress and console.is_terminal)) as bar:
        task = bar.add_task("", total=len(steps))
        for label, step in steps:
            bar.update(task, description=label)
            t, c = time.perf_counter(), time.process_time()
            files += step()
            summary.setdefault("seconds", {})[label] = round(time.perf_counter() - t, 3)
            summary.setdefault("cpu_seconds", {})[label] = round(time.process_time() - c, 3)
            bar.update(task, advance=1)
    for key in ("seconds", "cpu_seconds"):
        summary[key]["digits figure set"] = round(sum(v for k, v in summary[key].items() if k.startswith("digits")), 3)
        summary[key]["total"] = round(sum(v for k, v in summary[key].items() if k != "digits figure set"), 3)
    with open(out / "summary.json", "w") as fh:
        json.dump(summary, fh, indent=1, default=float)
    return files, summary


def _synthetic_saddles(out: Path, s: Settings, summary: dict[str, Any]) -> list[Path]:
    from geomcheck.landscape.plots import saddle_probability_figure
    from geomcheck.landscape.statistics import projected_saddle_probability

    N = 1000
    rows = []
    for p in (500, 505, 510, 520, 530, 540, 550, 565, 580, 600):
        r = projected_saddle_probability([1.0, -1.0], multiplicities=[p, N - p], num_samples=s.saddle_samples,
                                         seed=s.seed + p)
        rows.append(((2 * p - N) / math.sqrt(N), r))
    summary["saddle_probability"] = [{"positive": int(round((m * math.sqrt(N) + N) / 2)), "m": m, "value": r.value,
                                      "stderr": r.stderr, "gaussian_limit": r.gaussian_limit, "samples": r.num_samples}
                                     for m, r in rows]
    fig = saddle_probability_figure(rows, "Random 2-D projections of a saddle with eigenvalues ±1 (N = 1000):\n"
                                          "how often the projection hides the saddle", dimension=N)
    return [_save(fig, out / "saddle_probability.png")]


def _synthetic_laws(out: Path, s: Settings, summary: dict[str, Any]) -> list[Path]:
    from geomcheck.landscape.plots import averaging_figure, curvature_histogram_figure
    from geomcheck.landscape.statistics import ensemble_trajectory, projected_curvature_distribution

    cases = [("(2.23): 500 × (+1), 500 × (−1)", 500, 500), ("(2.28): 800 × (+1), 200 × (−1)", 800, 200)]
    hist, traj = [], []
    for k, (name, p, q) in enumerate(cases):
        d = projected_curvature_distribution([1.0, -1.0], multiplicities=[p, q], num_samples=s.histogram_samples,
                                             seed=s.seed + 11 + k)
        hist.append((name, d, float(p - q), float(p + q)))
        traj.append((name, ensemble_trajectory([1.0, -1.0], multiplicities=[p, q], num_samples=s.trajectory,
                                               seed=s.seed + 21 + k)))
        summary.setdefault("curvature_laws", {})[name] = {
            "skewness_plus": d.skewness_plus, "skewness_minus": d.skewness_minus, "skewness_stderr": d.skewness_stderr,
            "limit_skewness": d.limit_skewness_plus, "mean_plus": float(d.plus.mean()), "mean_minus": float(d.minus.mean()),
            "limit_mean_plus": p - q + math.sqrt(math.pi * (p + q) / 2)}
    f1 = curvature_histogram_figure(hist, "Principal curvatures κ± of random 2-D projections (004's Fig. 3): exact samples "
                                          "vs the exact large-N law (not Gaussian)")
    f2 = averaging_figure(traj, "Averaging after (⟨κ±⟩) vs before (κ̃± of ⟨Hαβ⟩) computing curvatures (004's Eqs. 2.25–2.26, Fig. 2)")
    return [_save(f1, out / "curvature_histograms.png"), _save(f2, out / "averaging.png")]


def _digits(out: Path, s: Settings, summary: dict[str, Any], trained: bool) -> list[Path]:
    import torch

    from geomcheck.estimators import graph_mean_curvature, hutchpp, spectral_density
    from geomcheck.landscape.curvature import projected_curvature, projection_trace_samples
    from geomcheck.landscape.digits import digits_model
    from geomcheck.landscape.directions import (filter_normalized_direction, hessian_directions,
                                                principal_curvature_directions)
    from geomcheck.landscape.plots import curvature_map_figure, density_figure, surface_figure, trace_convergence_figure
    from geomcheck.landscape.surface import grid, loss_surface
    from geomcheck.operators import HessianOperator
    from geomcheck.operators.probes import rademacher

    state = "trained" if trained else "untrained"
    t0 = time.perf_counter()
    dm = digits_model(hidden=s.hidden, seed=s.seed, steps=s.steps if trained else 0)
    model = dm.model.to(s.device)
    X, y = dm.X.to(s.device), dm.y.to(s.device)
    info: dict[str, Any] = {"model": dm.describe(), "train_seconds": dm.train_seconds, "d": dm.num_params}
    op = HessianOperator(model, dm.loss_fn, (X, y))
    rand = (filter_normalized_direction(model, seed=s.seed + 1, bias_bn="zero"),
            filter_normalized_direction(model, seed=s.seed + 2, bias_bn="zero"))
    r = float(torch.linalg.vector_norm(rand[0]))
    rand = (rand[0], rand[1] * (r / torch.linalg.vector_norm(rand[1])))
    t = time.perf_counter()
    hd = hessian_directions(op, tol=s.lanczos_tol, seed=s.seed, max_iter=s.lanczos_products, quiet=True)
    pd = principal_curvature_directions(op, tol=s.lanczos_tol, seed=s.seed, max_iter=s.lanczos_products, quiet=True)
    info["eigen_seconds"] = time.perf_counter() - t
    (lmax, lmin), (kmax, kmin) = hd.values, pd.values
    info.update(lambda_max=lmax, lambda_min=lmin, kappa_max=kmax, kappa_min=kmin,
                lanczos={"hessian": {"residuals": hd.residuals, "converged": hd.converged, "products": hd.num_matvecs},
                         "graph": {"residuals": pd.residuals, "converged": pd.converged, "products": pd.num_matvecs}})
    kinds = [("random (filter-normalised)", rand),
             ("Hessian directions (λmax, λmin)", (hd.d1 * r, hd.d2 * r)),
             ("principal-curvature directions", (pd.d1 * r, pd.d2 * r))]
    g = grid(-s.span, s.span, s.grid)
    surfaces, centres = [], []
    for name, (d1, d2) in kinds:
        sf = loss_surface(model, dm.loss_fn, (X, y), (d1, d2), alphas=g, betas=g)
        surfaces.append((name, sf))
        centres.append(projected_curvature(op, d1, d2))
        info.setdefault("surfaces", {})[name] = {"seconds": sf.seconds, "method": sf.method, "points": sf.loss.size,
                                                 "kappa_centre": centres[-1].kappa.tolist(),
                                                 "kappa_unit_centre": centres[-1].kappa_unit.tolist()}
    label = f"digits MLP 64-{s.hidden}-{s.hidden}-10, {state} (d = {dm.num_params:,}, loss {dm.loss:.3g}, |∇L| {dm.grad_norm:.2g})"
    f_surf = surface_figure(surfaces, f"Loss L(θ* + α d₁ + β d₂), {label}; all directions have norm {r:.3g}")
    f_kap = curvature_map_figure([(n, sf, c) for (n, sf), c in zip(surfaces, centres)],
                                 f"Principal curvatures of the projected loss surfaces (grid differences), {label}\n"
                                 f"full space (Lanczos, {'converged' if all(hd.converged + pd.converged) else 'capped: see summary.json'}): "
                                 f"λ ∈ [{lmin:.3g}, {lmax:.3g}], graph κ ∈ [{kmin:.3g}, {kmax:.3g}] "
                                 f"(×{r * r:.3g} in these coordinates: {lmin * r * r:.3g} … {lmax * r * r:.3g})")
    # trace: 004's projection estimate vs Hutchinson at equal HVPs; reference Hutch++
    m = max(1, s.trace_hvps // 2)
    proj = projection_trace_samples(op, num_projections=m, seed=s.seed + 3)
    Z = rademacher(op.size, seed=s.seed + 4, dtype=op.dtype, device=op.device, columns=2 * m)
    hut = (Z * op.matmat(Z)).sum(0).double().cpu().numpy()
    ref = hutchpp(op, num_matvecs=s.reference_hvps, seed=s.seed + 5)
    mean_curv = graph_mean_curvature(op, num_matvecs=max(4, s.reference_hvps // 3), seed=s.seed + 6)

    def running(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = np.arange(1, x.size + 1)
        mu = np.cumsum(x) / k
        var = np.array([x[:j].var(ddof=1) if j > 1 else np.nan for j in k])
        return mu, np.sqrt(var / k)

    pm, ps = running(proj)
    hm, hs = running(hut)
    f_tr = trace_convergence_figure(
        [("004: (κ₊ + κ₋)/2 of Gaussian projections (2 HVPs each)", 2 * np.arange(1, m + 1), pm, ps),
         ("Hutchinson, Rademacher probes (1 HVP each)", np.arange(1, 2 * m + 1), hm, hs)],
        (f"reference: Hutch++ with {ref.num_matvecs} HVPs, {ref.value:.4g} ± {ref.stderr:.2g}", ref.value, ref.stderr),
        f"tr H at θ*, {label}\ngraph mean curvature (average) {mean_curv.value:.3g} ± {mean_curv.stderr:.2g} "
        f"({mean_curv.num_matvecs} HVPs)")
    info["trace"] = {"projection_final": float(pm[-1]), "projection_stderr": float(ps[-1]), "projection_hvps": 2 * m,
                     "hutchinson_final": float(hm[-1]), "hutchinson_stderr": float(hs[-1]), "hutchinson_hvps": 2 * m,
                     "reference_hutchpp": ref.value, "reference_stderr": ref.stderr,
                     "mean_curvature": mean_curv.value, "mean_curvature_stderr": mean_curv.stderr}
    dh = spectral_density(op, num_probes=s.density_probes, num_steps=min(s.density_steps, op.size), seed=s.seed + 7)
    dg = spectral_density(op, num_probes=s.density_probes, num_steps=min(s.density_steps, op.size), seed=s.seed + 7, graph=True)
    f_den = density_figure(dh, dg, f"Hessian vs principal-curvature density (stochastic Lanczos quadrature)\n{label}")
    info["seconds"] = time.perf_counter() - t0
    summary.setdefault("digits", {})[state] = info
    return [_save(f_surf, out / f"digits_{state}_surfaces.png"), _save(f_kap, out / f"digits_{state}_curvature.png"),
            _save(f_tr, out / f"digits_{state}_trace.png"), _save(f_den, out / f"digits_{state}_density.png")]


if __name__ == "__main__":  # pragma: no cover
    parser = argparse.ArgumentParser(prog="geomcheck landscape")
    add_parser(parser.add_subparsers(dest="command", required=True))
    from rich.console import Console

    sys.exit(run(parser.parse_args(["landscape", *sys.argv[1:]]), Console()))
