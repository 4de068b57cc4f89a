"""Stochastic estimators over operator products (trace, curvature of the graph at scale)."""

from geomcheck.estimators.graph_curvature import graph_mean_curvature, graph_scalar_curvature
from geomcheck.estimators.hutchinson import hutchinson
from geomcheck.estimators.hutchpp import hutchpp
from geomcheck.estimators.result import Estimate, normal_interval
from geomcheck.estimators.slq import SpectralDensity, spectral_density
from geomcheck.estimators.trace import trace_estimate
from geomcheck.estimators.xtrace import xtrace

__all__ = [
    "Estimate",
    "normal_interval",
    "trace_estimate",
    "hutchinson",
    "hutchpp",
    "xtrace",
    "graph_mean_curvature",
    "graph_scalar_curvature",
    "spectral_density",
    "SpectralDensity",
]
