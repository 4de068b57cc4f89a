"""Eigensolvers over products: thick-restart Lanczos, and 004's annihilation method for comparison."""

from geomcheck.eigen.graph import graph_principal_curvatures
from geomcheck.eigen.lanczos import WHICH, lanczos
from geomcheck.eigen.power import STOP_RULES, annihilation, power_iteration
from geomcheck.eigen.result import ConvergenceWarning, EigenResult

__all__ = ["lanczos", "WHICH", "power_iteration", "annihilation", "STOP_RULES", "EigenResult",
           "ConvergenceWarning", "graph_principal_curvatures"]
