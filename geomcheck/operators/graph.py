"""A symmetric operator similar to the shape operator of the graph of a loss, from HVPs only.

For the graph of ``f`` at a point with ``p = ∇f``, ``H = ∇²f``, ``q = |p|²``,
``w = 1/√(1+q)``, the metric is ``g = I + ppᵀ`` and the shape operator ``s = g⁻¹ h``,
``h = w H`` (:mod:`geomcheck.conventions`).  :class:`ShapeOperatorForm` is

    A = w · g^{-1/2} H g^{-1/2},      g^{-1/2} = I − c ppᵀ,   c = 1/(r(1 + r)),  r = √(1+q),

symmetric, with ``s = g^{-1/2} A g^{1/2}`` (``g^{1/2} = I + e ppᵀ``, ``e = 1/(1 + r)``): ``s`` is
similar to ``A``, so the eigenvalues of ``A`` are the principal curvatures, and an eigenvector
``y`` of ``A`` gives the principal direction ``x = g^{-1/2} y`` (``s x = κ x``).  Proven exactly,
for every ``n``, in :func:`geomcheck.symbolic.shape_form.prove_shape_form` (scalar identities
in ``QQ(w)`` of the rank-one algebra ``P² = |p|² P``; entrywise jet-ring check for fixed ``n``).

A product ``A v = w (u − c p (pᵀu))`` with ``u = H (v − c p (pᵀv))``: one product of the inner
operator and two rank-one corrections (two dot products, two axpys), no ``d × d`` matrix, no
host synchronisation (``c`` and ``w`` are Python floats computed once at construction, one
sync there).  ``c`` is computed in the cancellation-free form ``1/(r(1+r))``, finite at
``p = 0`` (``= 1/2``).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import Operator, as_operator

__all__ = ["ShapeOperatorForm"]


def graph_gradient(op: object, inner: Operator, gradient: object = None) -> Tensor:
    """The gradient ``∇f`` that the graph quantities of ``op`` need: ``gradient=`` if given,
    else ``op.gradient`` (a :class:`~geomcheck.HessianOperator` has one); checked to be a tensor
    of shape ``(d,)`` in the operator's dtype and on its device.  (Finiteness is checked by the
    callers together with ``|∇f|²``, in one host sync.)"""
    if gradient is None:
        gradient = getattr(op, "gradient", None)
        if gradient is None:
            raise InvalidInputError(
                f"{type(op).__name__} has no gradient: the graph of f needs ∇f at the point; "
                "use a HessianOperator / HessianOperator.from_function(f, x), or pass gradient="
            )
    if not isinstance(gradient, Tensor):
        raise InvalidInputError(f"gradient must be a torch.Tensor, got {type(gradient).__name__}")
    p = gradient.detach()
    if p.shape != (inner.size,):
        raise InvalidInputError(
            f"gradient must have shape ({inner.size},) like the operator, got {tuple(p.shape)}"
        )
    if p.dtype != inner.dtype:
        raise InvalidInputError(f"gradient has dtype {p.dtype}, the operator has dtype {inner.dtype}")
    if p.device.type != inner.device.type:
        raise InvalidInputError(f"gradient is on {p.device}, the operator is on {inner.device}")
    return p


class ShapeOperatorForm(Operator):
    """``A = w g^{-1/2} H g^{-1/2}``: symmetric, similar to the shape operator ``s = g⁻¹h``.

    Args:
        op: the Hessian as an operator — a :class:`~geomcheck.operators.HessianOperator`,
            :class:`~geomcheck.operators.FunctionHessianOperator`, or anything
            :func:`~geomcheck.operators.as_operator` accepts (a dense symmetric tensor, a
            ``(matvec, size)`` pair) together with ``gradient=``.
        gradient: ``∇f`` at the operator's point, shape ``(d,)``; default ``op.gradient``.

    Attributes:
        inner: the Hessian operator (its ``num_matvecs`` counts the HVPs).
        gradient: ``p`` (on the operator's device, in its dtype).
        grad_norm_sq: ``|p|²`` (float).
        w: ``1/√(1+|p|²)`` (float).
        c: ``1/(r(1+r))`` with ``r = √(1+|p|²)``: ``g^{-1/2} = I − c ppᵀ`` (float).
        e: ``1/(1+r)``: ``g^{1/2} = I + e ppᵀ`` (float).

    Raises :class:`~geomcheck.numeric.InvalidInputError` when no gradient is available, or it
    has the wrong shape, dtype or device, or non-finite entries.
    """

    def __init__(self, op: object, *, gradient: Tensor | None = None) -> None:
        inner = as_operator(op)
        p = graph_gradient(op, inner, gradient)
        super().__init__(inner.size, inner.dtype, inner.device)
        # one host sync: |p|² in float64 (accumulated in float64 also for a float32 gradient)
        q = float(torch.dot(p.to(torch.float64), p.to(torch.float64)))
        if not math.isfinite(q):
            raise InvalidInputError(
                "the gradient contains non-finite entries (NaN or Inf), or |∇f|² overflows; "
                "the metric g = I + ∇f∇fᵀ of the graph is undefined there"
            )
        r = math.sqrt(1.0 + q)
        self.inner = inner
        self.gradient = p
        self.grad_norm_sq = q
        self.w = 1.0 / r
        self.c = 1.0 / (r * (1.0 + r))
        self.e = 1.0 / (1.0 + r)

    # ---------------------------------------------------------------- rank-one maps
    def inverse_sqrt_metric(self, V: Tensor) -> Tensor:
        """``g^{-1/2} V = V − c p (pᵀV)`` for ``V`` of shape ``(d,)`` or ``(d, m)``."""
        p = self.gradient
        if V.ndim == 1:
            return V - (self.c * torch.dot(p, V)) * p
        return V - torch.outer(p, self.c * (p @ V))

    def sqrt_metric(self, V: Tensor) -> Tensor:
        """``g^{1/2} V = V + e p (pᵀV)``."""
        p = self.gradient
        if V.ndim == 1:
            return V + (self.e * torch.dot(p, V)) * p
        return V + torch.outer(p, self.e * (p @ V))

    def to_principal_directions(self, Y: Tensor, *, normalize: str = "euclidean") -> Tensor:
        """Eigenvectors ``Y`` of this operator (columns) → principal directions ``X = g^{-1/2} Y``.

        ``s X = X diag(κ)``.  ``normalize="euclidean"`` (default): columns of unit Euclidean norm
        in parameter space; ``"metric"``: unit length in the graph metric, ``xᵀ g x = 1`` (true
        for ``g^{-1/2} y`` with unit ``y``, so no rescaling); ``"none"``: ``g^{-1/2} Y`` as is.
        Signs follow ``Y``.
        """
        if normalize not in ("euclidean", "metric", "none"):
            raise InvalidInputError(f"normalize must be 'euclidean', 'metric' or 'none', got {normalize!r}")
        X = self.inverse_sqrt_metric(Y)
        if normalize == "euclidean":
            norms = torch.linalg.vector_norm(X, dim=0, keepdim=X.ndim == 2)
            X = X / norms
        elif normalize == "metric":
            pass  # (g^{-1/2} y)ᵀ g (g^{-1/2} y) = yᵀ y
        return X

    def from_principal_directions(self, X: Tensor) -> Tensor:
        """Inverse map: ``Y = g^{1/2} X`` (eigenvectors of this operator from principal directions)."""
        return self.sqrt_metric(X)

    # ---------------------------------------------------------------- products
    def _matvec(self, v: Tensor) -> Tensor:
        u = self.inner.matvec(self.inverse_sqrt_metric(v))
        return self.inverse_sqrt_metric(u).mul_(self.w)

    def _matmat(self, V: Tensor) -> Tensor:
        U = self.inner.matmat(self.inverse_sqrt_metric(V))
        return self.inverse_sqrt_metric(U).mul_(self.w)

    def __repr__(self) -> str:
        return (f"ShapeOperatorForm(size={self.size}, |grad|^2={self.grad_norm_sq:.6g}, "
                f"inner={type(self.inner).__name__}, dtype={self.dtype}, device={self.device})")
