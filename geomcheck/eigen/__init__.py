"""Eigensolvers over products: thick-restart Lanczos (standard and pencil), curvature in a chart, and 004's annihilation method for comparison."""

from geomcheck.eigen.chart import ChartCurvatures, principal_curvatures_in_chart
from geomcheck.eigen.graph import graph_principal_curvatures
from geomcheck.eigen.lanczos import WHICH, lanczos
from geomcheck.eigen.power import STOP_RULES, annihilation, power_iteration
from geomcheck.eigen.result import ConvergenceWarning, EigenResult

__all__ = ["lanczos", "WHICH", "power_iteration", "annihilation", "STOP_RULES", "EigenResult",
           "ConvergenceWarning", "graph_principal_curvatures", "principal_curvatures_in_chart",
           "ChartCurvatures"]
