"""Principal curvatures of the graph of a loss computed in any chart, beside the spectra that move.

Dinh et al. (2017, "Sharp minima can generalize for deep nets") observe that a
reparametrisation changes the Hessian's spectrum; 002 and 003 discuss which curvature numbers
survive.  :func:`principal_curvatures_in_chart` answers with three computations at the same
point, all from the ``ψ`` side (products only):

* ``invariant``: the pencil ``B v = κ G v`` of the graph of ``f`` in the chart
  (:class:`~geomcheck.operators.chart.ChartPencil`; proven in
  :func:`geomcheck.symbolic.chart_pencil.prove_chart_pencil`): the principal curvatures of the
  graph of ``f``, the same in every chart (their θ-side values are
  :func:`geomcheck.graph_principal_curvatures` of the Hessian of ``f`` at ``θ = φ(ψ)``);
* ``hessian``: eigenvalues of ``∇²(f∘φ)(ψ)`` — chart-dependent;
* ``graph_of_composite``: principal curvatures of the graph of ``f∘φ`` over Euclidean ``ψ``
  (a different hypersurface of ``R^{d+1}``) — chart-dependent.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor

from geomcheck.eigen.graph import graph_principal_curvatures
from geomcheck.eigen.lanczos import lanczos
from geomcheck.eigen.result import EigenResult
from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.chart import ChartPencil
from geomcheck.operators.hessian import HessianOperator

__all__ = ["ChartCurvatures", "principal_curvatures_in_chart"]


@dataclass(frozen=True)
class ChartCurvatures:
    """The three spectra of :func:`principal_curvatures_in_chart` at one point.

    Attributes:
        invariant: principal curvatures of the graph of ``f`` (pencil ``B v = κ G v`` in ``ψ``;
            eigenvalues ascending, eigenvectors ``G``-orthonormal ψ-side principal directions,
            residuals ``‖B v − κ G v‖_{G⁻¹}``); ``num_matvecs`` = HVPs of ``g``,
            ``num_metric_products`` = JVP+VJP pairs of the chart, ``num_metric_solves`` = solves
            with ``G`` (a JVP+VJP pair of the inverse chart each, or a CG run).
        hessian: extreme eigenvalues of ``∇²(f∘φ)(ψ)`` (``None`` if not asked).
        graph_of_composite: principal curvatures of the graph of ``f∘φ`` over Euclidean ``ψ``
            (``None`` if not asked).
        directions_theta: ``J v`` for the invariant directions: the θ-side principal directions
            (unit length in the graph metric ``g = I + ppᵀ``), shape ``(d, k)``.
        theta: ``φ(ψ)``.
        jacobian_condition: the probe's estimate of ``cond(J)`` (``nan`` when not probed).
    """

    invariant: EigenResult
    hessian: EigenResult | None
    graph_of_composite: EigenResult | None
    directions_theta: Tensor
    theta: Tensor
    jacobian_condition: float

    def __repr__(self) -> str:
        def vals(r: EigenResult | None) -> str:
            return "-" if r is None else "[" + ", ".join(f"{v:.6g}" for v in r.eigenvalues.tolist()) + "]"

        return (f"ChartCurvatures(invariant={vals(self.invariant)}, hessian={vals(self.hessian)}, "
                f"graph_of_composite={vals(self.graph_of_composite)}, cond(J)~{self.jacobian_condition:.3g})")


def principal_curvatures_in_chart(
    f: Callable[[Tensor], Tensor] | HessianOperator,
    chart: Callable[[Tensor], Tensor],
    psi: Tensor,
    *,
    k: int = 1,
    which: str = "LA",
    tol: float = 1e-8,
    seed: int = 0,
    chart_inverse: Callable[[Tensor], Tensor] | None = None,
    max_iter: int | None = None,
    check_chart: bool = True,
    max_condition: float | None = None,
    compare: bool = True,
    method: str = "auto",
    **lanczos_kwargs: Any,
) -> ChartCurvatures:
    """The ``k`` extreme principal curvatures of the graph of ``f``, computed in the chart
    ``φ: ψ ↦ θ`` at ``ψ`` — and, beside them, the chart-dependent spectra.

    The invariant values solve the pencil ``B v = κ G v`` with ``B = w(∇²(f∘φ) − Σ_k p_k ∇²φ_k)
    = w JᵀHJ`` and ``G = Jᵀ(I + ppᵀ)J`` (``p = ∇f(θ)``, ``w = 1/√(1+|p|²)``, ``J = Dφ(ψ)``),
    by :func:`geomcheck.lanczos` with ``metric=G``; ``G⁻¹B = J⁻¹ s J`` with ``s`` the θ-side
    shape operator, so the eigenvalues equal the θ-side principal curvatures (derived in
    :mod:`geomcheck.operators.chart`, proven exactly in
    :func:`geomcheck.symbolic.chart_pencil.prove_chart_pencil`).

    Args:
        f: torch callable ``θ ↦ f(θ)`` (scalar), or a :class:`~geomcheck.HessianOperator`.
        chart: torch callable ``ψ ↦ θ`` (a local diffeomorphism of ``R^d``).
        psi: the point ``ψ`` ``(d,)``.
        k, which, tol, seed, max_iter, **lanczos_kwargs: as for :func:`geomcheck.lanczos`.
        chart_inverse: ``θ ↦ ψ`` if known: exact solves with ``G`` (one JVP + one VJP of the
            inverse per solve); without it each solve is a CG run on ``G`` (JVP+VJP pairs of the
            chart, counted in ``invariant.num_metric_products``).
        check_chart: probe ``cond(J)`` first (:meth:`ChartPencil.jacobian_condition`) and refuse
            a singular or badly conditioned chart.
        max_condition: the refusal threshold for ``cond(J)`` (default ``1/√ε`` of the dtype:
            ``6.7e7`` in float64, ``2.9e3`` in float32 — beyond it ``G``, with condition number
            about ``cond(J)²(1+|p|²)``, loses every digit).
        compare: also compute ``hessian`` and ``graph_of_composite`` (same ``k``, ``which``,
            ``tol``, ``seed``).
        method: ``"pencil"`` — :func:`geomcheck.lanczos` with ``metric=G`` (``M``-inner products,
            one product with ``G`` and one solve per step); ``"factored"`` (needs
            ``chart_inverse``) — standard Lanczos on ``L⁻ᵀ B L⁻¹`` with ``G = LᵀL``,
            ``L = g^{1/2} J`` (:meth:`ChartPencil.factored_form`): no product with ``G``, stable when
            ``G`` is numerically singular (``cond(J)²(1+|p|²) ≳ 1/ε``, e.g. ``|p|² = 3·10¹⁶``,
            ``cond(J) = 10⁴``, where the pencil run loses symmetry); ``"auto"`` (default):
            factored when ``chart_inverse`` is given, else pencil with CG solves.

    Returns:
        :class:`ChartCurvatures` (``invariant.eigenvalues`` ascending).

    Accuracy: normwise, like :func:`geomcheck.graph_principal_curvatures` (``|κ̂ − κ| ≲
    c·ε·w‖J⁻ᵀ∇²g J⁻¹‖₂`` with the factored form): relative accuracy holds unless every curvature is
    ``≪`` that norm (a steep graph with ``∇²f`` large along ``∇f``).  Measured over random draws:
    ``benchmarks/results/chart_invariance_2core.txt``.

    Raises:
        InvalidInputError: a chart that changes the dimension, a singular or badly conditioned
            Jacobian (with the estimate), non-finite values, a non-scalar ``f``, bad arguments.
    """
    pencil = ChartPencil(f, chart, psi, chart_inverse=chart_inverse)
    cond = math.nan
    if check_chart:
        limit = max_condition if max_condition is not None else 1.0 / math.sqrt(torch.finfo(pencil.dtype).eps)
        cond = pencil.jacobian_condition(seed=seed)
        if not cond <= limit:
            raise InvalidInputError(
                f"the chart's Jacobian at psi is singular or badly conditioned: cond(J) is estimated at "
                f"{cond:.3g} (> {limit:.3g}); the pencil metric J^T(I + pp^T)J then has condition about "
                f"{cond:.3g}^2 and no digit of the curvatures would survive")
    if pencil.size <= k:
        raise InvalidInputError(f"k={k} must be smaller than the dimension d={pencil.size}")
    common: dict[str, Any] = dict(k=k, which=which, tol=tol, seed=seed, max_iter=max_iter, **lanczos_kwargs)
    if method not in ("auto", "factored", "pencil"):
        raise InvalidInputError(f"method must be 'auto', 'factored' or 'pencil', got {method!r}")
    if method == "auto":
        method = "pencil" if chart_inverse is None else "factored"
    if method == "factored":
        if chart_inverse is None:
            raise InvalidInputError("method='factored' needs chart_inverse=")
        res = lanczos(pencil.factored_form(), **common)
        X = pencil.inverse_factor(res.eigenvectors)  # ψ-side directions, G-orthonormal
        invariant = dataclasses.replace(res, eigenvectors=X, method="chart-factored-lanczos",
                                        inner_product="metric", num_metric_solves=res.num_matvecs + X.shape[1])
    else:
        try:
            invariant = lanczos(pencil.second_form, metric=pencil.metric, metric_solve=pencil.metric_solve,
                                **common)
        except InvalidInputError as exc:
            if "not symmetric" not in str(exc):
                raise
            bound = (cond if math.isfinite(cond) else float("nan")) ** 2 * (1.0 + pencil.grad_norm_sq)
            raise InvalidInputError(
                f"{exc}.  In a chart this means the metric G = J^T(I + pp^T)J is numerically singular: its "
                f"condition is up to cond(J)^2 (1 + |grad f|^2) = {bound:.3g} (|grad f|^2 = {pencil.grad_norm_sq:.3g}); "
                "pass chart_inverse= (method='factored' never forms G) or compute on the theta side with "
                "graph_principal_curvatures") from exc
        invariant = dataclasses.replace(invariant, method="chart-pencil-lanczos")
    directions = pencil.jvp(invariant.eigenvectors)
    hessian = composite = None
    if compare:
        hessian = lanczos(pencil.composite, **common)
        composite = graph_principal_curvatures(pencil.composite, **common)
    return ChartCurvatures(invariant=invariant, hessian=hessian, graph_of_composite=composite,
                           directions_theta=directions, theta=pencil.theta, jacobian_condition=cond)



