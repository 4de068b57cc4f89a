"""Hypothesis strategies for float64 points and symmetric matrices as torch tensors.

Elements are drawn one by one with ``st.floats`` (no NaN/Inf, no subnormals), so they shrink
toward ``0`` and counterexamples print as short lists of numbers.
"""

from __future__ import annotations

import torch
from hypothesis import strategies as st
from torch import Tensor

__all__ = ["points", "symmetric_matrices"]


def _floats(bound: float) -> st.SearchStrategy[float]:
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def points(n: int, *, bound: float = 1.0, batch_size: int | None = None) -> st.SearchStrategy[Tensor]:
    """Points of ``[−bound, bound]ⁿ`` as float64 tensors ``(n,)`` or ``(batch_size, n)``."""
    if n < 1:
        raise ValueError(f"dimension must be >= 1, got {n}")
    count = n if batch_size is None else n * batch_size
    shape = (n,) if batch_size is None else (batch_size, n)
    return st.lists(_floats(bound), min_size=count, max_size=count).map(
        lambda v: torch.tensor(v, dtype=torch.float64).reshape(shape)
    )


def symmetric_matrices(n: int, *, bound: float = 2.0) -> st.SearchStrategy[Tensor]:
    """Symmetric ``(n, n)`` float64 tensors with entries in ``[−bound, bound]``."""
    if n < 1:
        raise ValueError(f"dimension must be >= 1, got {n}")
    m = n * (n + 1) // 2

    def build(values: list[float]) -> Tensor:
        out = torch.zeros(n, n, dtype=torch.float64)
        rows, cols = torch.triu_indices(n, n)
        out[rows, cols] = torch.tensor(values, dtype=torch.float64)
        return out + out.triu(1).transpose(0, 1)

    return st.lists(_floats(bound), min_size=m, max_size=m).map(build)
