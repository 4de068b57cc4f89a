"""Eigensolvers over products: thick-restart Lanczos, and 004's annihilation method for comparison."""

from geomcheck.eigen.lanczos import WHICH, lanczos
from geomcheck.eigen.result import ConvergenceWarning, EigenResult

__all__ = ["lanczos", "WHICH", "EigenResult", "ConvergenceWarning"]
