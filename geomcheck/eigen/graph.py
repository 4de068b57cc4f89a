"""Extreme principal curvatures of the graph of a loss, by Lanczos on a form similar to ``s``.

The shape operator ``s = g⁻¹h`` of the graph of ``f`` (:mod:`geomcheck.conventions`) is not
symmetric; it is similar to the symmetric ``A = w g^{-1/2} H g^{-1/2}``
(:class:`~geomcheck.operators.graph.ShapeOperatorForm`; ``s = g^{-1/2} A g^{1/2}``, proven
exactly for every ``n`` by :func:`geomcheck.symbolic.shape_form.prove_shape_form`).  Lanczos on
``A`` costs one Hessian-vector product per step plus two rank-one corrections.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from torch import Tensor

from geomcheck.eigen.lanczos import lanczos
from geomcheck.eigen.result import EigenResult
from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.graph import ShapeOperatorForm

__all__ = ["graph_principal_curvatures"]


def graph_principal_curvatures(
    op: object,
    *,
    k: int = 1,
    which: str = "LA",
    tol: float = 1e-6,
    max_iter: int | None = None,
    seed: int = 0,
    gradient: Tensor | None = None,
    normalize: str = "euclidean",
    **lanczos_kwargs: Any,
) -> EigenResult:
    """The ``k`` extreme principal curvatures of the graph of the loss at the operator's point.

    Runs :func:`geomcheck.lanczos` on ``A = w g^{-1/2} H g^{-1/2}`` (``g = I + ppᵀ``,
    ``p = ∇f``, ``w = 1/√(1+|p|²)``), symmetric and similar to the shape operator
    ``s = g⁻¹h``: ``s = g^{-1/2} A g^{1/2}``.  The similarity and the rank-one square roots
    ``g^{∓1/2} = I ∓ {c, e} ppᵀ`` are proven exactly for every dimension in
    :func:`geomcheck.symbolic.shape_form.prove_shape_form` (scalar identities in ``QQ(w)`` of
    the algebra spanned by ``I`` and ``ppᵀ``, plus an entrywise jet-ring proof for fixed ``n``).

    Args:
        op: a :class:`~geomcheck.operators.HessianOperator` /
            :class:`~geomcheck.operators.FunctionHessianOperator` (its ``.gradient`` is used),
            or any operator / dense symmetric tensor / ``(matvec, size)`` pair with ``gradient=``.
        k, which, tol, max_iter, seed, **lanczos_kwargs: as for :func:`geomcheck.lanczos`
            (``which="LA"``: the largest curvatures, ``"SA"``: the most negative, ...).
        gradient: ``∇f`` at the point, if ``op`` has no ``.gradient``.
        normalize: principal directions of unit ``"euclidean"`` norm in parameter space
            (default), unit length in the graph ``"metric"`` (``xᵀ g x = 1``), or ``"none"``.

    Returns:
        :class:`~geomcheck.EigenResult` with ``method="graph-lanczos"``: ``eigenvalues`` the
        principal curvatures (ascending, upward normal); ``eigenvectors`` the principal
        directions ``x = g^{-1/2} y`` as tangent vectors in parameter space (``s x = κ x``),
        normalised as ``normalize`` says — *not* orthonormal in the Euclidean inner product
        (they are ``g``-orthogonal); ``residuals``, ``converged``, ``scale`` are those of
        Lanczos on the symmetric form ``A`` (``‖A y − κ y‖`` for unit ``y``): since
        ``s x − κ x = g^{-1/2} (A y − κ y)`` and ``‖g^{-1/2}‖ ≤ 1``, ``‖s x − κ x‖ ≤`` the
        residual for the metric-normalised ``x``.  ``num_matvecs`` counts products of ``A``,
        each exactly one Hessian-vector product.

    Accuracy: normwise, ``|κ̂ − κ| ≲ c·ε·w‖H‖₂`` (+ the tolerance), as for any method that
    multiplies vectors in parameter coordinates.  Where the graph is steep and ``H`` is large along
    ``∇f`` (``|∇f| ≫ 1``), every curvature can be ``≪ w‖H‖₂`` — the rounding of the products is then
    large *relative to them*, and the free symmetry probe may fire ("not symmetric") at that
    rounding level.  The dense kernels (:func:`geomcheck.principal_curvatures`, a gradient-aligned
    frame) are the tool for that regime when ``d`` allows.
    """
    form = op if isinstance(op, ShapeOperatorForm) and gradient is None else ShapeOperatorForm(op, gradient=gradient)
    if normalize not in ("euclidean", "metric", "none"):  # refused before any product is spent
        raise InvalidInputError(f"normalize must be 'euclidean', 'metric' or 'none', got {normalize!r}")
    res = lanczos(form, k=k, which=which, tol=tol, max_iter=max_iter, seed=seed, **lanczos_kwargs)
    X = form.to_principal_directions(res.eigenvectors, normalize=normalize)
    return dataclasses.replace(res, eigenvectors=X, method="graph-lanczos")
