"""geomcheck: a verification suite for the differential geometry of loss landscapes.

Conventions: :mod:`geomcheck.conventions`.  Symbolic truth: :mod:`geomcheck.symbolic`.
Numeric core (torch): :mod:`geomcheck.numeric`.  Claims of the source documents:
:mod:`geomcheck.claims`.  Hypothesis strategies for users' tests: :mod:`geomcheck.testing`
(needs ``hypothesis``: ``pip install geomcheck[testing]``).
"""

from . import conventions
from .numeric import (
    GraphCurvature,
    InvalidInputError,
    MetricCurvature,
    curvature,
    metric_curvature,
    principal_curvatures,
    scalar_curvature,
    shape_operator,
)
from .symbolic import (
    GraphMetric,
    Hypersurface,
    Metric,
    dimension_free_status,
    prove_graph_identities,
)

__version__ = "0.1.0"

__all__ = [
    "conventions",
    "Metric",
    "GraphMetric",
    "Hypersurface",
    "prove_graph_identities",
    "dimension_free_status",
    "curvature",
    "GraphCurvature",
    "metric_curvature",
    "MetricCurvature",
    "scalar_curvature",
    "shape_operator",
    "principal_curvatures",
    "InvalidInputError",
    "__version__",
]
