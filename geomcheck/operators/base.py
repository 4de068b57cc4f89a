"""Symmetric linear operators on ``R^d``: the interface every algorithm of geomcheck consumes.

An :class:`Operator` multiplies vectors (``matvec``, shape ``(d,)``) and blocks of vectors
(``matmat``, shape ``(d, m)``) on one device, in one floating dtype, and counts the vectors it
has multiplied (``num_matvecs``; a ``matmat`` of ``m`` columns counts ``m``).  A dense symmetric
tensor (:class:`DenseOperator`) and a ``(matvec, size)`` pair (:class:`MatvecOperator`) are
operators too, so every algorithm runs on a small dense matrix as well as on a network's
Hessian (the design of curvlinops).  Operators add, subtract, scale and shift:
``2 * A - B``, ``A.shift(-sigma)`` (``A − σI``); :meth:`Operator.to_scipy` gives a
``scipy.sparse.linalg.LinearOperator`` (float64, host memory) for comparison with ``eigsh``.

No method here synchronises with the host: products stay on the operator's device; checks
that need a number on the host (finiteness, symmetry) are done by the algorithms at their
own checkpoints.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from geomcheck.numeric._checks import SUPPORTED_DTYPES, InvalidInputError

__all__ = [
    "Operator",
    "DenseOperator",
    "MatvecOperator",
    "ScaledOperator",
    "SumOperator",
    "ShiftedOperator",
    "as_operator",
]


class Operator:
    """A symmetric linear map ``R^d → R^d`` given by products.

    Subclasses implement :meth:`_matvec` (one vector ``(d,)``) and may override
    :meth:`_matmat` (a block ``(d, m)``; default: a loop over columns).  The public
    :meth:`matvec` / :meth:`matmat` validate shapes, dtype and device, and count products.
    """

    def __init__(self, size: int, dtype: torch.dtype, device: torch.device | str) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidInputError(f"operator size must be a positive int, got {size!r}")
        if dtype not in SUPPORTED_DTYPES:
            raise InvalidInputError(
                f"operator dtype must be float32 or float64, got {dtype}"
            )
        self._size = size
        self._dtype = dtype
        self._device = torch.device(device)
        self.num_matvecs = 0

    # ---------------------------------------------------------------- properties
    @property
    def shape(self) -> tuple[int, int]:
        """``(d, d)``."""
        return (self._size, self._size)

    @property
    def size(self) -> int:
        """``d``, the dimension of the space the operator acts on."""
        return self._size

    @property
    def dtype(self) -> torch.dtype:
        return self._dtype

    @property
    def device(self) -> torch.device:
        return self._device

    # ---------------------------------------------------------------- products
    def _matvec(self, v: Tensor) -> Tensor:
        """The product ``A v``: the one method every concrete operator defines (abstract here)."""
        raise NotImplementedError(f"{type(self).__name__} does not define _matvec")

    def _matmat(self, V: Tensor) -> Tensor:
        return torch.stack([self._matvec(V[:, j]) for j in range(V.shape[1])], dim=1)

    def _check_vectors(self, name: str, v: object, ndim: int) -> Tensor:
        if not isinstance(v, Tensor):
            raise InvalidInputError(f"{name} needs a torch.Tensor, got {type(v).__name__}")
        if v.ndim != ndim or v.shape[0] != self._size:
            want = f"({self._size},)" if ndim == 1 else f"({self._size}, m)"
            raise InvalidInputError(
                f"{name} needs a tensor of shape {want}, got shape {tuple(v.shape)}"
            )
        if v.dtype != self._dtype:
            raise InvalidInputError(
                f"{name}: vector has dtype {v.dtype}, the operator has dtype {self._dtype}"
            )
        if v.device.type != self._device.type or (
            self._device.index is not None and v.device.index not in (None, self._device.index)
        ):
            raise InvalidInputError(
                f"{name}: vector is on {v.device}, the operator is on {self._device}"
            )
        return v

    def matvec(self, v: Tensor) -> Tensor:
        """``A v`` for ``v`` of shape ``(d,)``; counts one product."""
        v = self._check_vectors("matvec", v, 1)
        self.num_matvecs += 1
        return self._matvec(v)

    def matmat(self, V: Tensor) -> Tensor:
        """``A V`` for ``V`` of shape ``(d, m)``; counts ``m`` products."""
        V = self._check_vectors("matmat", V, 2)
        self.num_matvecs += V.shape[1]
        if V.shape[1] == 0:
            return V.clone()
        return self._matmat(V)

    def __matmul__(self, v: Tensor) -> Tensor:
        return self.matvec(v) if v.ndim == 1 else self.matmat(v)

    # ---------------------------------------------------------------- algebra
    def __mul__(self, alpha: float) -> Operator:
        return ScaledOperator(self, alpha)

    __rmul__ = __mul__

    def __neg__(self) -> Operator:
        return ScaledOperator(self, -1.0)

    def __add__(self, other: Operator) -> Operator:
        return SumOperator(self, as_operator(other), 1.0)

    def __sub__(self, other: Operator) -> Operator:
        return SumOperator(self, as_operator(other), -1.0)

    def shift(self, sigma: float) -> Operator:
        """``A + σ I``."""
        return ShiftedOperator(self, sigma)

    # ---------------------------------------------------------------- conversions
    def to_dense(self) -> Tensor:
        """The ``d × d`` matrix, by ``d`` products (for tests and small problems only)."""
        eye = torch.eye(self._size, dtype=self._dtype, device=self._device)
        return self.matmat(eye)

    def to_scipy(self) -> Any:
        """A ``scipy.sparse.linalg.LinearOperator`` (float64 numpy in and out) over this operator.

        Each scipy product is one product of this operator (counted in ``num_matvecs``); the
        conversion host ↔ device is included, as any scipy user pays it.
        """
        import numpy as np
        from scipy.sparse.linalg import LinearOperator

        def mv(x: Any) -> Any:
            v = torch.as_tensor(np.asarray(x, dtype=np.float64).reshape(-1))
            out = self.matvec(v.to(device=self._device, dtype=self._dtype))
            return out.detach().to(device="cpu", dtype=torch.float64).numpy()

        def mm(X: Any) -> Any:
            V = torch.as_tensor(np.asarray(X, dtype=np.float64))
            out = self.matmat(V.to(device=self._device, dtype=self._dtype))
            return out.detach().to(device="cpu", dtype=torch.float64).numpy()

        return LinearOperator(self.shape, matvec=mv, rmatvec=mv, matmat=mm, dtype=np.float64)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(size={self._size}, dtype={self._dtype}, device={self._device})"


class DenseOperator(Operator):
    """A dense symmetric matrix ``(d, d)`` as an operator (the reference for every algorithm).

    Symmetry is checked once: ``max|A − Aᵀ| ≤ √ε · max(1, max|A|)``; the symmetrised matrix
    is used.  Non-finite entries are rejected.
    """

    def __init__(self, matrix: Tensor) -> None:
        if not isinstance(matrix, Tensor):
            raise InvalidInputError(f"matrix must be a torch.Tensor, got {type(matrix).__name__}")
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 1:
            raise InvalidInputError(
                f"matrix must be square (d, d) with d >= 1, got shape {tuple(matrix.shape)}"
            )
        super().__init__(matrix.shape[0], matrix.dtype, matrix.device)
        A = matrix.detach()
        if not bool(torch.isfinite(A).all()):
            raise InvalidInputError("matrix contains non-finite entries (NaN or Inf)")
        asym = float((A - A.T).abs().max())
        scale = max(1.0, float(A.abs().max()))
        tol = math.sqrt(torch.finfo(A.dtype).eps)
        if asym > tol * scale:
            raise InvalidInputError(
                f"matrix is not symmetric: max|A - A^T| / max(1, max|A|) = {asym / scale:.3g} "
                f"exceeds {tol:.3g}"
            )
        self.matrix = (A + A.T) / 2

    def _matvec(self, v: Tensor) -> Tensor:
        return self.matrix @ v

    def _matmat(self, V: Tensor) -> Tensor:
        return self.matrix @ V

    def to_dense(self) -> Tensor:
        return self.matrix.clone()


class MatvecOperator(Operator):
    """An operator from a function ``matvec(v) -> A v`` on vectors of length ``size``.

    ``matmat`` (optional) multiplies a block ``(d, m)``; without it blocks are multiplied
    column by column.  Symmetry cannot be checked here; :func:`geomcheck.lanczos` probes it
    for free from its own products and raises on a non-symmetric operator.
    """

    def __init__(
        self,
        matvec: Callable[[Tensor], Tensor],
        size: int,
        *,
        dtype: torch.dtype = torch.float64,
        device: torch.device | str = "cpu",
        matmat: Callable[[Tensor], Tensor] | None = None,
    ) -> None:
        if not callable(matvec):
            raise InvalidInputError(f"matvec must be callable, got {type(matvec).__name__}")
        super().__init__(size, dtype, device)
        self._fn = matvec
        self._mm = matmat

    def _checked(self, out: object, want: tuple[int, ...]) -> Tensor:
        if not isinstance(out, Tensor):
            raise InvalidInputError(f"matvec returned {type(out).__name__}, not a torch.Tensor")
        if tuple(out.shape) != want:
            raise InvalidInputError(
                f"matvec returned shape {tuple(out.shape)}, expected {want}"
            )
        if out.dtype != self._dtype:
            raise InvalidInputError(
                f"matvec returned dtype {out.dtype}, the operator has dtype {self._dtype}"
            )
        return out

    def _matvec(self, v: Tensor) -> Tensor:
        return self._checked(self._fn(v), (self._size,))

    def _matmat(self, V: Tensor) -> Tensor:
        if self._mm is None:
            return super()._matmat(V)
        return self._checked(self._mm(V), tuple(V.shape))


class ScaledOperator(Operator):
    """``α A``."""

    def __init__(self, op: Operator, alpha: float) -> None:
        super().__init__(op.size, op.dtype, op.device)
        self.op, self.alpha = op, float(alpha)

    def _matvec(self, v: Tensor) -> Tensor:
        return self.op.matvec(v).mul_(self.alpha)

    def _matmat(self, V: Tensor) -> Tensor:
        return self.op.matmat(V).mul_(self.alpha)


class SumOperator(Operator):
    """``A + c B`` (``c = ±1`` from ``+`` and ``-``)."""

    def __init__(self, a: Operator, b: Operator, coeff: float = 1.0) -> None:
        if a.shape != b.shape or a.dtype != b.dtype or a.device != b.device:
            raise InvalidInputError(
                f"cannot add operators of shape/dtype/device {a.shape}/{a.dtype}/{a.device} and "
                f"{b.shape}/{b.dtype}/{b.device}"
            )
        super().__init__(a.size, a.dtype, a.device)
        self.a, self.b, self.coeff = a, b, float(coeff)

    def _matvec(self, v: Tensor) -> Tensor:
        return self.a.matvec(v).add_(self.b.matvec(v), alpha=self.coeff)

    def _matmat(self, V: Tensor) -> Tensor:
        return self.a.matmat(V).add_(self.b.matmat(V), alpha=self.coeff)


class ShiftedOperator(Operator):
    """``A + σ I``."""

    def __init__(self, op: Operator, sigma: float) -> None:
        super().__init__(op.size, op.dtype, op.device)
        self.op, self.sigma = op, float(sigma)

    def _matvec(self, v: Tensor) -> Tensor:
        return self.op.matvec(v).add_(v, alpha=self.sigma)

    def _matmat(self, V: Tensor) -> Tensor:
        return self.op.matmat(V).add_(V, alpha=self.sigma)


def as_operator(op: object) -> Operator:
    """Accept an :class:`Operator`, a dense symmetric tensor ``(d, d)`` or a ``(matvec, size)`` pair."""
    if isinstance(op, Operator):
        return op
    if isinstance(op, Tensor):
        return DenseOperator(op)
    if isinstance(op, tuple) and len(op) == 2 and callable(op[0]):
        fn, size = op
        return MatvecOperator(fn, size)
    raise InvalidInputError(
        "expected an Operator, a dense symmetric torch.Tensor (d, d) or a (matvec, size) pair, "
        f"got {type(op).__name__}"
    )
