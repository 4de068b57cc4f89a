"""Figures of loss-landscape projections (matplotlib, object-oriented API: no pyplot state, so
any backend works; the command line writes PNGs with Agg).

Each function takes computed results and returns a :class:`matplotlib.figure.Figure`; the
titles say what is shown, axes are labelled and colour maps have colour bars.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from geomcheck.landscape.statistics import CurvatureDistribution, EnsembleTrajectory, SaddleProbability
from geomcheck.landscape.surface import LossSurface

__all__ = [
    "surface_figure",
    "curvature_map_figure",
    "curvature_histogram_figure",
    "averaging_figure",
    "saddle_probability_figure",
    "trace_convergence_figure",
    "density_figure",
    "grid_curvatures",
]


def _figure(width: float, height: float, **adjust: float) -> Any:
    """A figure with fixed margins (``subplots_adjust``): a layout engine (constrained/tight)
    cost more than half of the rendering time of the figure set."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the landscape figures need matplotlib: pip install 'geomcheck[landscape]'") from exc

    fig = Figure(figsize=(width, height), dpi=110)
    fig.subplots_adjust(**adjust)
    return fig


def surface_figure(panels: Sequence[tuple[str, LossSurface]], title: str, *, log: bool = True) -> Any:
    """3-D surface (top) and filled contours (bottom) of each surface, side by side.

    ``panels``: ``(subtitle, surface)`` pairs.  ``log``: plot ``log10 L`` (losses near a minimum
    span decades).
    """
    from mpl_toolkits.mplot3d import Axes3D  # noqa: F401 - registers the 3-D projection

    fig = _figure(5.2 * len(panels), 9.0, left=0.05, right=0.95, bottom=0.06, top=0.92, wspace=0.4, hspace=0.22)
    fig.suptitle(title, fontsize=12)
    for k, (name, s) in enumerate(panels):
        Z = np.log10(s.loss) if log else s.loss
        zlabel = "log₁₀ loss" if log else "loss"
        A, B = np.meshgrid(s.alphas, s.betas)
        ax = fig.add_subplot(2, len(panels), k + 1, projection="3d")
        ax.plot_surface(A, B, Z, cmap="viridis", linewidth=0, antialiased=True, rcount=60, ccount=60)
        ax.set_xlabel(s.labels[0])
        ax.set_ylabel(s.labels[1])
        ax.set_zlabel(zlabel)
        ax.set_title(name, fontsize=10)
        ax2 = fig.add_subplot(2, len(panels), len(panels) + k + 1)
        cs = ax2.contourf(A, B, Z, levels=30, cmap="viridis")
        ax2.contour(A, B, Z, levels=12, colors="k", linewidths=0.4, alpha=0.6)
        ax2.plot([0], [0], "r+", markersize=12, label="θ*")
        ax2.set_xlabel(s.labels[0])
        ax2.set_ylabel(s.labels[1])
        ax2.set_aspect("equal")
        ax2.legend(loc="upper right", fontsize=8)
        ax2.set_title(f"{name}: contours ({s.loss.shape[1]}×{s.loss.shape[0]} grid)", fontsize=10)
        fig.colorbar(cs, ax=ax2, label=zlabel, shrink=0.85)
    return fig


def grid_curvatures(s: LossSurface) -> tuple[np.ndarray, np.ndarray]:
    """Principal curvatures ``(κ₋, κ₊)`` of the graph of ``ℓ(α, β)`` at the interior grid points,
    from central differences of the computed surface (error ``O(h²)`` in the grid step ``h``):
    ``∇ℓ`` and ``∇²ℓ`` by second-order differences, then ``eig(g^{-1/2} h g^{-1/2})``
    (:func:`geomcheck.numeric.principal_curvatures`)."""
    import torch

    from geomcheck.numeric import principal_curvatures

    L = s.loss
    ha, hb = np.diff(s.alphas).mean(), np.diff(s.betas).mean()
    c = L[1:-1, 1:-1]
    la = (L[1:-1, 2:] - L[1:-1, :-2]) / (2 * ha)
    lb = (L[2:, 1:-1] - L[:-2, 1:-1]) / (2 * hb)
    laa = (L[1:-1, 2:] - 2 * c + L[1:-1, :-2]) / ha ** 2
    lbb = (L[2:, 1:-1] - 2 * c + L[:-2, 1:-1]) / hb ** 2
    lab = (L[2:, 2:] - L[2:, :-2] - L[:-2, 2:] + L[:-2, :-2]) / (4 * ha * hb)
    g = torch.as_tensor(np.stack([la, lb], -1))
    H = torch.as_tensor(np.stack([np.stack([laa, lab], -1), np.stack([lab, lbb], -1)], -2))
    k = principal_curvatures(g, H).numpy()
    return k[..., 0], k[..., 1]


def curvature_map_figure(panels: Sequence[tuple[str, LossSurface, Any]], title: str) -> Any:
    """Heat-maps of ``κ₋`` and ``κ₊`` of each projected surface (rows: projections; columns:
    ``κ₋``, ``κ₊``, and the sign pattern: saddle / minimum / maximum), symmetric logarithmic
    colour scale (linear within 10⁻² of the largest magnitude).

    ``panels``: ``(name, surface, centre)`` with ``centre`` a
    :class:`~geomcheck.landscape.curvature.ProjectedCurvature` from HVPs (quoted in the title)."""
    from matplotlib.colors import ListedColormap, SymLogNorm

    fig = _figure(14.5, 4.2 * len(panels), left=0.05, right=0.96, bottom=0.05, top=1 - 1.0 / (4.2 * len(panels)), wspace=0.5, hspace=0.5)
    fig.suptitle(title, fontsize=12)
    for r, (name, s, centre) in enumerate(panels):
        km, kp = grid_curvatures(s)
        A, B = np.meshgrid(s.alphas[1:-1], s.betas[1:-1])
        for c, (lab, K) in enumerate((("κ₋ (smaller)", km), ("κ₊ (larger)", kp))):
            ax = fig.add_subplot(len(panels), 3, 3 * r + c + 1)
            vmax = float(np.nanmax(np.abs(K))) or 1.0
            norm = SymLogNorm(linthresh=vmax * 1e-2, vmin=-vmax, vmax=vmax, base=10)   # curvatures span decades
            pm = ax.pcolormesh(A, B, K, cmap="RdBu_r", norm=norm, shading="auto")
            ax.set_aspect("equal")
            ax.set_xlabel(s.labels[0])
            ax.set_ylabel(s.labels[1])
            ax.set_title(f"{name}: {lab}", fontsize=10)
            ticks = [-vmax, -vmax / 10, 0.0, vmax / 10, vmax]
            cb = fig.colorbar(pm, ax=ax, label="principal curvature (symlog scale)", shrink=0.85, ticks=ticks)
            cb.ax.set_yticklabels([f"{t:.2g}" for t in ticks])
        ax = fig.add_subplot(len(panels), 3, 3 * r + 3)
        kind = np.where(km * kp < 0, 0, np.where(km > 0, 1, 2))
        pm = ax.pcolormesh(A, B, kind, cmap=ListedColormap(["#d95f02", "#1b9e77", "#7570b3"]), vmin=-0.5, vmax=2.5,
                           shading="auto")
        ax.set_aspect("equal")
        ax.set_xlabel(s.labels[0])
        ax.set_ylabel(s.labels[1])
        kc = centre.kappa
        ax.set_title(f"{name}: shape\nat θ* from 2 HVPs: κ₊ = {kc[1]:.3g}, κ₋ = {kc[0]:.3g}", fontsize=9)
        cb = fig.colorbar(pm, ax=ax, ticks=[0, 1, 2], shrink=0.85)
        cb.ax.set_yticklabels(["saddle", "convex", "concave"])
    return fig


def curvature_histogram_figure(panels: Sequence[tuple[str, CurvatureDistribution, float, float]], title: str) -> Any:
    """Histograms of ``κ₊`` and ``κ₋`` of random projections against the exact large-N density.

    ``panels``: ``(name, distribution, tr H, tr H²)``."""
    fig = _figure(6.0 * len(panels), 4.8, left=0.07, right=0.98, bottom=0.11, top=0.8, wspace=0.18)
    fig.suptitle(title, fontsize=12)
    for k, (name, d, t, F) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), k + 1)
        lo = float(min(d.minus.min(), d.plus.min()))
        hi = float(max(d.minus.max(), d.plus.max()))
        bins = np.linspace(lo, hi, 120)
        ax.hist(d.plus, bins=bins, density=True, alpha=0.45, color="k", label=f"κ₊ (skew {d.skewness_plus:+.3f})")
        ax.hist(d.minus, bins=bins, density=True, alpha=0.45, color="r", label=f"κ₋ (skew {d.skewness_minus:+.3f})")
        x = np.linspace(lo, hi, 600)
        ax.plot(x, d.limit_density(x, "plus", t, F), "k-", lw=1.5, label="large-N law t ± √F (G + R)")
        ax.plot(x, d.limit_density(x, "minus", t, F), "r-", lw=1.5)
        ax.axvline(0.0, color="grey", lw=0.8, ls=":")
        ax.set_xlabel("projected principal curvature κ±")
        ax.set_ylabel("density")
        ax.set_title(f"{name}\n{d.num_samples:,} exact samples; limit skewness ±{d.limit_skewness_plus:.4f}", fontsize=10)
        ax.legend(fontsize=8)
    return fig


def averaging_figure(panels: Sequence[tuple[str, EnsembleTrajectory]], title: str) -> Any:
    """004's Fig. 2 done right: running averages of ``(H_αβ)_ij`` (top) and of the curvatures
    (bottom): ``⟨κ±⟩`` (average after) and ``κ̃±`` (curvatures of the average, before)."""
    fig = _figure(6.5 * len(panels), 8.5, left=0.07, right=0.98, bottom=0.07, top=0.92, wspace=0.2, hspace=0.3)
    fig.suptitle(title, fontsize=12)
    for k, (name, tr) in enumerate(panels):
        ax = fig.add_subplot(2, len(panels), k + 1)
        ax.plot(tr.S, tr.A, label="⟨A⟩ = ⟨ηᵀHη⟩")
        ax.plot(tr.S, tr.B, label="⟨B⟩ = ⟨ηᵀHδ⟩")
        ax.plot(tr.S, tr.C, label="⟨C⟩ = ⟨δᵀHδ⟩")
        ax.axhline(tr.trace, color="grey", ls="--", lw=1, label=f"E A = E C = tr H = {tr.trace:g}")
        ax.axhline(0.0, color="grey", ls=":", lw=1)
        ax.set_xscale("log")
        ax.set_xlabel("number of projections S")
        ax.set_ylabel("ensemble average")
        ax.set_title(f"{name}: projected Hessian entries", fontsize=10)
        ax.legend(fontsize=8)
        ax = fig.add_subplot(2, len(panels), len(panels) + k + 1)
        half = math.sqrt(math.pi * tr.frobenius_sq / 2)
        ax.plot(tr.S, tr.after_plus, "k-", label="⟨κ₊⟩ (average after)")
        ax.plot(tr.S, tr.after_minus, "r-", label="⟨κ₋⟩ (average after)")
        ax.plot(tr.S, tr.before_plus, "k--", label="κ̃₊ (average before, Eq. 2.26)")
        ax.plot(tr.S, tr.before_minus, "r--", label="κ̃₋ (average before)")
        ax.axhline(tr.trace + half, color="k", ls=":", lw=1, label="limits tr H ± √(π tr H²/2)")
        ax.axhline(tr.trace - half, color="r", ls=":", lw=1)
        ax.axhline(tr.trace, color="grey", ls="--", lw=1, label=f"tr H = {tr.trace:g}")
        ax.set_xscale("log")
        ax.set_xlabel("number of projections S")
        ax.set_ylabel("curvature")
        ax.set_title(f"{name}: the two ways of averaging", fontsize=10)
        ax.legend(fontsize=8)
    return fig


def saddle_probability_figure(rows: Sequence[tuple[float, SaddleProbability]], title: str, *, dimension: int) -> Any:
    """``Pr(κ₊κ₋ > 0)`` (a random projection hides the saddle) against ``m = tr H/‖H‖_F``, exact
    sampling with 95 % error bars, the large-N curve, and 004's ``≈ 0.25``."""
    fig = _figure(7.5, 5.0, left=0.11, right=0.97, bottom=0.11, top=0.87)
    ax = fig.add_subplot(1, 1, 1)
    m = np.array([r[0] for r in rows])
    v = np.array([r[1].value for r in rows])
    e = np.array([1.96 * r[1].stderr for r in rows])
    xs = np.linspace(min(m.min(), 0), m.max(), 400)
    ax.plot(xs, 1 - np.exp(-xs ** 2 / 4) / math.sqrt(2), "k-", lw=1.2, label="large-N limit 1 − exp(−m²/4)/√2")
    ax.errorbar(m, v, yerr=e, fmt="o", ms=4, capsize=3, color="C0",
                label=f"exact sampling, N = {dimension} (±1.96 σ; n = {rows[0][1].num_samples:,} each)")
    ax.axhline(0.25, color="C3", ls="--", lw=1, label="004, Eq. 2.27: ≈ 0.25 (independence assumed)")
    ax.axhline(1 - 1 / math.sqrt(2), color="grey", ls=":", lw=1, label="1 − 1/√2 = 0.293 (balanced saddle)")
    ax.set_xlabel("m = tr H / ‖H‖_F  (eigenvalues ±1: m = (p − q)/√N)")
    ax.set_ylabel("Pr(projection shows no saddle)")
    ax.set_ylim(0, 1.02)
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    return fig


def trace_convergence_figure(curves: Sequence[tuple[str, np.ndarray, np.ndarray, np.ndarray]], reference: tuple[str, float, float],
                             title: str) -> Any:
    """Running trace estimates against the number of HVPs, with ±1.96 σ bands.

    ``curves``: ``(label, hvps, estimate, stderr)``; ``reference``: ``(label, value, stderr)``."""
    fig = _figure(7.5, 5.0, left=0.11, right=0.97, bottom=0.11, top=0.87)
    ax = fig.add_subplot(1, 1, 1)
    for k, (label, n, est, se) in enumerate(curves):
        ax.plot(n, est, color=f"C{k}", label=label)
        ok = np.isfinite(se)
        ax.fill_between(n[ok], (est - 1.96 * se)[ok], (est + 1.96 * se)[ok], color=f"C{k}", alpha=0.2)
    rl, rv, rs = reference
    ax.axhline(rv, color="k", ls="--", lw=1, label=rl)
    if np.isfinite(rs) and rs > 0:
        ax.axhspan(rv - 1.96 * rs, rv + 1.96 * rs, color="k", alpha=0.08)
    ax.set_xlabel("Hessian-vector products")
    ax.set_ylabel("estimate of tr H")
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8)
    return fig


def density_figure(hessian: Any, graph: Any, title: str) -> Any:
    """Hessian-eigenvalue density and principal-curvature density of the loss graph (SLQ,
    :func:`geomcheck.spectral_density`), overlaid, on a symmetric-log x axis."""
    fig = _figure(7.5, 5.0, left=0.11, right=0.97, bottom=0.11, top=0.87)
    ax = fig.add_subplot(1, 1, 1)
    hessian.plot(ax, label=f"Hessian eigenvalues ({hessian.num_probes} probes × {hessian.nodes.shape[1]} steps)")
    graph.plot(ax, label=f"principal curvatures of the graph ({graph.num_probes} probes)")
    ax.set_yscale("log")
    top = max(line.get_ydata().max() for line in ax.get_lines())
    ax.set_ylim(top * 1e-6, top * 3)
    ax.set_xlabel("eigenvalue λ / principal curvature κ")
    ax.set_ylabel("density (Gaussian-smoothed)")
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8)
    return fig
