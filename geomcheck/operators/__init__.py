"""Operators: symmetric linear maps given by products (Hessian-vector products, dense matrices, sums)."""

from geomcheck.operators.base import (
    DenseOperator,
    MatvecOperator,
    Operator,
    ScaledOperator,
    ShiftedOperator,
    SumOperator,
    as_operator,
)
from geomcheck.operators.distributed import DistributedHessianOperator, DistributedOperatorError, shard_indices
from geomcheck.operators.chart import ChartPencil
from geomcheck.operators.graph import ShapeOperatorForm
from geomcheck.operators.hessian import HVP_MODES, FunctionHessianOperator, HessianOperator

__all__ = [
    "Operator",
    "DenseOperator",
    "MatvecOperator",
    "ScaledOperator",
    "SumOperator",
    "ShiftedOperator",
    "as_operator",
    "HessianOperator",
    "FunctionHessianOperator",
    "HVP_MODES",
    "ShapeOperatorForm",
    "ChartPencil",
    "DistributedHessianOperator",
    "DistributedOperatorError",
    "shard_indices",
]
