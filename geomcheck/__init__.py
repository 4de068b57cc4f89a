"""geomcheck: a verification suite for the differential geometry of loss landscapes.

Conventions: :mod:`geomcheck.conventions`.  Symbolic truth: :mod:`geomcheck.symbolic`.
Numeric core (torch): :mod:`geomcheck.numeric`.  Operators (Hessian-vector products):
:mod:`geomcheck.operators`.  Eigensolvers: :mod:`geomcheck.eigen`.  Claims of the source
documents: :mod:`geomcheck.claims`.  Hypothesis strategies for users' tests:
:mod:`geomcheck.testing` (needs ``hypothesis``: ``pip install geomcheck[testing]``).

Names are re-exported lazily (PEP 562): ``import geomcheck`` imports nothing heavy, and
``geomcheck.lanczos`` or ``geomcheck.HessianOperator`` import torch-side code only, so the
numeric stack works on a machine without python-flint (the symbolic engine's dependency).
"""

from __future__ import annotations

import importlib
from typing import Any

from . import conventions

__version__ = "0.1.0"

#: public name -> module that defines it
_LAZY: dict[str, str] = {
    # symbolic engine (SymPy + python-flint)
    "Metric": "geomcheck.symbolic",
    "GraphMetric": "geomcheck.symbolic",
    "Hypersurface": "geomcheck.symbolic",
    "prove_graph_identities": "geomcheck.symbolic",
    "dimension_free_status": "geomcheck.symbolic",
    "prove_shape_form": "geomcheck.symbolic",
    "prove_chart_pencil": "geomcheck.symbolic.chart_pencil",
    # dense numeric kernels (torch)
    "curvature": "geomcheck.numeric",
    "GraphCurvature": "geomcheck.numeric",
    "metric_curvature": "geomcheck.numeric",
    "MetricCurvature": "geomcheck.numeric",
    "scalar_curvature": "geomcheck.numeric",
    "shape_operator": "geomcheck.numeric",
    "principal_curvatures": "geomcheck.numeric",
    "InvalidInputError": "geomcheck.errors",
    "UnrepresentableError": "geomcheck.errors",
    "SizeLimitError": "geomcheck.errors",
    # operators and eigensolvers (torch)
    "Operator": "geomcheck.operators",
    "HessianOperator": "geomcheck.operators",
    "DenseOperator": "geomcheck.operators",
    "MatvecOperator": "geomcheck.operators",
    "as_operator": "geomcheck.operators",
    "ShapeOperatorForm": "geomcheck.operators",
    "ChartPencil": "geomcheck.operators",
    "DistributedHessianOperator": "geomcheck.operators",
    "DistributedOperatorError": "geomcheck.operators",
    "shard_indices": "geomcheck.operators",
    "lanczos": "geomcheck.eigen",
    "graph_principal_curvatures": "geomcheck.eigen",
    "annihilation": "geomcheck.eigen",
    "power_iteration": "geomcheck.eigen",
    "EigenResult": "geomcheck.eigen",
    "ConvergenceWarning": "geomcheck.eigen",
    "principal_curvatures_in_chart": "geomcheck.eigen",
    "ChartCurvatures": "geomcheck.eigen",
    # stochastic estimators (torch)
    "Estimate": "geomcheck.estimators",
    "trace_estimate": "geomcheck.estimators",
    "hutchinson": "geomcheck.estimators",
    "hutchpp": "geomcheck.estimators",
    "xtrace": "geomcheck.estimators",
    "graph_mean_curvature": "geomcheck.estimators",
    "graph_scalar_curvature": "geomcheck.estimators",
    "spectral_density": "geomcheck.estimators",
    "SpectralDensity": "geomcheck.estimators",
    # loss-landscape projections (torch + numpy; matplotlib / scikit-learn only for figures and digits)
    "projected_saddle_probability": "geomcheck.landscape",
    "loss_surface": "geomcheck.landscape",
    "projected_curvature": "geomcheck.landscape",
    "filter_normalized_direction": "geomcheck.landscape",
}

__all__ = ["conventions", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
