"""Symbolic truth: metrics, graph hypersurfaces, exact proofs, reparametrization, LaTeX."""

from .graph import GraphMetric
from .hypersurface import Hypersurface
from .jets import JetRing
from .metric import Metric
from .proofs import (
    IDENTITIES,
    DimensionProof,
    IdentityCheck,
    dimension_free_bounds,
    dimension_free_status,
    proof_cost_estimate,
    prove_graph_identities,
)
from ._validate import SizeLimitError

__all__ = [
    "Metric",
    "GraphMetric",
    "Hypersurface",
    "JetRing",
    "IDENTITIES",
    "IdentityCheck",
    "DimensionProof",
    "prove_graph_identities",
    "proof_cost_estimate",
    "SizeLimitError",
    "prove_shape_form",
    "ShapeFormProof",
    "dimension_free_bounds",
    "dimension_free_status",
]

from geomcheck.symbolic.shape_form import ShapeFormProof, prove_shape_form  # noqa: E402
