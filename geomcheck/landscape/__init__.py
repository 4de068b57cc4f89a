"""Loss-landscape projections: 004's statistics of random 2-D projections, directions (random,
filter-normalised, Hessian, principal-curvature), loss surfaces on (α, β) grids, projected
curvature, plots, and the ``geomcheck landscape`` command.

Modules: :mod:`.statistics` (exact sampling of projected Hessians, saddle probabilities, the
two ways of averaging, κ± distributions), :mod:`.directions` (random, filter-normalised,
Hessian and principal-curvature directions), :mod:`.surface` (the loss on an (α, β) grid,
batched with ``torch.func.vmap``), :mod:`.curvature` (projected Hessian from HVPs, κ±, 004's
trace estimate), :mod:`.digits` (a small MLP on scikit-learn's digits).  Names are imported lazily (PEP 562), so
``import geomcheck.landscape`` does not import matplotlib or scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> submodule that defines it
_LAZY: dict[str, str] = {
    "Spectrum": "statistics",
    "SaddleProbability": "statistics",
    "CurvatureMeans": "statistics",
    "CurvatureDistribution": "statistics",
    "EnsembleTrajectory": "statistics",
    "projected_saddle_probability": "statistics",
    "projected_curvature_means": "statistics",
    "projected_curvature_distribution": "statistics",
    "projected_curvatures": "statistics",
    "sample_projected_hessian": "statistics",
    "ensemble_average_hessian": "statistics",
    "ensemble_trajectory": "statistics",
    "gaussian_limit_saddle_probability": "statistics",
    "limit_curvature_law": "statistics",
    "random_direction": "directions",
    "filter_normalized_direction": "directions",
    "hessian_directions": "directions",
    "principal_curvature_directions": "directions",
    "check_direction": "directions",
    "orthonormalize": "directions",
    "LossSurface": "surface",
    "loss_surface": "surface",
    "grid": "surface",
    "ProjectedCurvature": "curvature",
    "projected_curvature": "curvature",
    "projection_trace_estimate": "curvature",
    "DigitsModel": "digits",
    "digits_model": "digits",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomcheck.landscape' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"geomcheck.landscape.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
