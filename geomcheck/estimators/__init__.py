"""Stochastic estimators over operator products (trace, curvature of the graph at scale)."""

from geomcheck.estimators.result import Estimate, normal_interval

__all__ = ["Estimate", "normal_interval"]
