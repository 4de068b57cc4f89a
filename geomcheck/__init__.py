"""geomcheck: a verification suite for the differential geometry of loss landscapes.

Conventions: :mod:`geomcheck.conventions`.  Symbolic truth: :mod:`geomcheck.symbolic`.
"""

from . import conventions
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
    "__version__",
]
