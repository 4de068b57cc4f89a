"""The pencil (second fundamental form, metric) of the graph of a loss, in any chart, from products.

Let ``f: R^d → R`` be a loss over parameters ``θ`` and ``φ: ψ ↦ θ`` a chart (a local
diffeomorphism ``R^d → R^d``) at ``ψ``, with ``J = Dφ(ψ)``, ``p = ∇f(θ)``, ``θ = φ(ψ)``.  The
graph of ``f`` — one hypersurface ``{(θ, f(θ))} ⊂ R^{d+1}`` — is parametrised from ``ψ`` by
``X(ψ) = (φ(ψ), f(φ(ψ)))``.  Derived here (first principles, and proven exactly by
:func:`geomcheck.symbolic.chart_pencil.prove_chart_pencil`):

* metric ``G_ab = ⟨∂_a X, ∂_b X⟩ = (JᵀJ + qqᵀ)_ab = (Jᵀ(I + ppᵀ)J)_ab`` with ``q = Jᵀp = ∇_ψ(f∘φ)``;
* upward unit normal ``N = (−p, 1) / √(1+|p|²)`` (the θ-side normal of
  :mod:`geomcheck.conventions`: it depends on the point of the hypersurface only);
* second fundamental form ``B_ab = ⟨∂_a∂_b X, N⟩ = w (∂_a∂_b(f∘φ) − Σ_k p_k ∂_a∂_b φ_k)
  = w (JᵀHJ)_ab``, ``w = 1/√(1+|p|²)``, ``H = ∇²f(θ)`` — the Hessian of ``f∘φ`` minus the
  chart's second derivative contracted with ``∇f``, i.e. ``w`` times the Hessian of
  ``g(ψ) = f(φ(ψ)) − ⟨p̄, φ(ψ)⟩`` with ``p̄ = ∇f(θ)`` held fixed.

The shape operator in ``ψ`` is ``G⁻¹B = J⁻¹ (g⁻¹h) J`` with ``g = I + ppᵀ``, ``h = wH`` the θ-side
forms: similar to ``s = g⁻¹h``, so the eigenvalues of the pencil ``B v = κ G v`` are the
principal curvatures of the graph of ``f`` — whatever the chart — and ``J v`` is the θ-side
principal direction of ``v``.  The Hessian ``∇²(f∘φ) = JᵀHJ + Σ p_k ∇²φ_k`` and the graph of
``f∘φ`` over Euclidean ``ψ`` (metric ``I + qqᵀ``, a different hypersurface) have other spectra.

Products, never a ``d × d`` matrix: ``B v`` is one Hessian-vector product of ``g`` (autograd
through ``f∘φ``; the chart's second derivative enters through it); ``G v = Jᵀ(Jv) + q(qᵀv)`` is
one JVP and one VJP of the chart (``torch.func.jvp`` / a ``torch.func.vjp`` closure built once);
``G⁻¹ u = J⁻¹ g^{-1/2} g^{-1/2} J⁻ᵀ u`` (``g^{-1/2} = I − c ppᵀ``, ``c = 1/(r(1+r))``,
``r = √(1+|p|²)``: :mod:`geomcheck.operators.graph`) is one JVP and one VJP of the chart's
inverse when it is given, conjugate gradients on ``G`` otherwise.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import torch
from torch import Tensor

from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import MatvecOperator, Operator
from geomcheck.operators.hessian import FunctionHessianOperator, HessianOperator, check_point

__all__ = ["ChartPencil"]


class ChartPencil:
    """The pencil ``(B, G)`` of the graph of ``f`` in the chart ``φ`` at ``ψ`` (module docstring).

    Args:
        f: torch callable ``θ ↦ f(θ)`` (scalar), or a :class:`~geomcheck.HessianOperator`
            (its loss as a function of the flat parameters).
        chart: torch callable ``ψ ↦ θ = φ(ψ)``, ``R^d → R^d``.
        psi: the point ``ψ``, shape ``(d,)``.
        chart_inverse: optional ``θ ↦ ψ`` (the chart's inverse near ``θ``): gives exact solves
            with ``G`` (one JVP and one VJP of the inverse); without it, ``G⁻¹`` is by CG.

    Attributes:
        second_form: operator ``v ↦ B v`` (one HVP of ``g`` per product).
        metric: operator ``v ↦ G v`` (one JVP and one VJP of the chart per product).
        metric_solve: ``u ↦ G⁻¹ u`` or ``None`` (then CG).
        theta, gradient (``p``), gradient_psi (``q = Jᵀp``), w, c: the point's data
            (``w = 1/r``, ``c = 1/(r(1+r))``, ``r = √(1+|p|²)``).
        composite: the Hessian operator of ``f∘φ`` at ``ψ`` (for the non-invariant spectra).
        num_chart_jvps, num_chart_vjps, num_inverse_jvps, num_inverse_vjps: product counters.
    """

    def __init__(self, f: Callable[[Tensor], Tensor] | HessianOperator, chart: Callable[[Tensor], Tensor],
                 psi: Tensor, *, chart_inverse: Callable[[Tensor], Tensor] | None = None) -> None:
        if isinstance(f, HessianOperator):
            f = f.loss_function()
        if not callable(f):
            raise InvalidInputError(f"f must be a torch callable over θ or a HessianOperator, got {type(f).__name__}")
        if not callable(chart):
            raise InvalidInputError(f"chart must be callable (ψ ↦ θ), got {type(chart).__name__}")
        if chart_inverse is not None and not callable(chart_inverse):
            raise InvalidInputError(f"chart_inverse must be callable (θ ↦ ψ), got {type(chart_inverse).__name__}")
        psi = check_point("psi", psi)
        d = psi.shape[0]
        self.f, self.chart, self.psi, self.size = f, chart, psi, d
        self.dtype, self.device = psi.dtype, psi.device
        with torch.no_grad():
            theta = chart(psi)
        if not isinstance(theta, Tensor) or theta.shape != psi.shape:
            shape = tuple(theta.shape) if isinstance(theta, Tensor) else type(theta).__name__
            raise InvalidInputError(
                f"the chart must map R^{d} to R^{d} (a local diffeomorphism keeps the dimension); "
                f"chart(psi) has shape {shape} for psi of shape {tuple(psi.shape)}")
        if theta.dtype != psi.dtype:
            raise InvalidInputError(f"chart(psi) has dtype {theta.dtype}, psi has {psi.dtype}")
        if not bool(torch.isfinite(theta).all()):
            raise InvalidInputError("chart(psi) contains non-finite entries")
        self.theta = theta.detach()

        # θ side: p = ∇f(θ) (autograd; one backward pass)
        th = self.theta.clone().requires_grad_(True)
        with torch.enable_grad():
            y = f(th)
            if not isinstance(y, Tensor) or y.numel() != 1:
                shape = tuple(y.shape) if isinstance(y, Tensor) else type(y).__name__
                raise InvalidInputError(f"f must return a scalar tensor, got {shape}")
            if not y.requires_grad:
                raise InvalidInputError("f(θ) does not depend on θ (no autograd graph)")
            (p,) = torch.autograd.grad(y.reshape(()), th)
        p = p.detach()
        qn = float(torch.dot(p.to(torch.float64), p.to(torch.float64)))
        if not math.isfinite(qn):
            raise InvalidInputError("∇f(θ) is not finite (or |∇f|² overflows): the graph metric is undefined")
        self.gradient, self.loss = p, y.detach().reshape(())
        self.grad_norm_sq = qn
        r = math.sqrt(1.0 + qn)
        self.w = 1.0 / r
        self.c = 1.0 / (r * (1.0 + r))

        # chart products: J v by forward-mode AD (torch.func.jvp), Jᵀ u by a vjp closure built
        # once (its graph is kept)
        self._jvp = lambda v: torch.func.jvp(chart, (psi,), (v,))[1]
        _, self._vjp = torch.func.vjp(chart, psi)
        self.num_chart_jvps = self.num_chart_vjps = 0
        self.gradient_psi = self.jvp_t(p)  # q = Jᵀp = ∇_ψ (f∘φ)

        pbar = p

        def g(s: Tensor) -> Tensor:
            t = chart(s)
            return f(t).reshape(()) - torch.dot(pbar, t)

        self._hess_g = FunctionHessianOperator(g, psi)
        self.composite = FunctionHessianOperator(lambda s: f(chart(s)).reshape(()), psi)
        w = self.w
        self.second_form: Operator = MatvecOperator(lambda v: w * self._hess_g.matvec(v), d,
                                                    dtype=self.dtype, device=self.device)
        q = self.gradient_psi

        def metric_mv(v: Tensor) -> Tensor:
            return self.jvp_t(self.jvp(v)) + torch.dot(q, v) * q

        self.metric: Operator = MatvecOperator(metric_mv, d, dtype=self.dtype, device=self.device)

        self.num_inverse_jvps = self.num_inverse_vjps = 0
        self.metric_solve: Callable[[Tensor], Tensor] | None = None
        if chart_inverse is not None:
            with torch.no_grad():
                back = chart_inverse(self.theta)
            if not isinstance(back, Tensor) or back.shape != psi.shape:
                raise InvalidInputError("chart_inverse(chart(psi)) must have the shape of psi")
            err = float(torch.linalg.vector_norm(back - psi))
            tol = math.sqrt(torch.finfo(self.dtype).eps) * (1.0 + float(torch.linalg.vector_norm(psi)))
            if not err <= tol:
                raise InvalidInputError(
                    f"chart_inverse is not the inverse of chart at psi: |chart_inverse(chart(psi)) - psi| = "
                    f"{err:.3g} > {tol:.3g}")
            theta0 = self.theta
            self._inv_jvp = lambda v: torch.func.jvp(chart_inverse, (theta0,), (v,))[1]
            _, self._inv_vjp = torch.func.vjp(chart_inverse, self.theta)
            self.metric_solve = self._solve_exact

    # ---------------------------------------------------------------- chart products
    @staticmethod
    def _columns(fn: Callable[[Tensor], Tensor], V: Tensor) -> Tensor:
        """``fn`` on a vector, or column by column on a block ``(d, m)``."""
        if V.ndim == 2:
            return torch.stack([fn(V[:, j]) for j in range(V.shape[1])], dim=1)
        return fn(V)

    def _inverse_sqrt_metric(self, y: Tensor) -> Tensor:
        """``g^{-1/2} y = y − c p (pᵀy)`` (``c = 1/(r(1+r))``, :mod:`geomcheck.operators.graph`)."""
        return y - (self.c * torch.dot(self.gradient, y)) * self.gradient

    def jvp(self, v: Tensor) -> Tensor:
        """``J v`` (one JVP of the chart per column)."""
        def one(x: Tensor) -> Tensor:
            self.num_chart_jvps += 1
            return self._jvp(x)
        return self._columns(one, v)

    def jvp_t(self, u: Tensor) -> Tensor:
        """``Jᵀ u`` (one VJP of the chart per column)."""
        def one(x: Tensor) -> Tensor:
            self.num_chart_vjps += 1
            return self._vjp(x)[0]
        return self._columns(one, u)

    def _solve_exact(self, U: Tensor) -> Tensor:
        """``G⁻¹ U = L⁻¹ L⁻ᵀ U = J⁻¹ g^{-1/2} g^{-1/2} J⁻ᵀ U`` through the inverse chart's JVP and
        VJP.  ``g⁻¹`` as ``(g^{-1/2})²``: one application leaves the ``p``-component scaled by
        ``1/r`` with a cancellation error ``ε·r``, instead of the ``ε·r²`` of ``I − β ppᵀ``
        (measured: the Sherman–Morrison form broke the pencil's symmetry at ``|p|² = 3e16``)."""
        return self.inverse_factor(self.inverse_factor_t(U))

    # ---------------------------------------------------------------- factored form
    def inverse_factor(self, V: Tensor) -> Tensor:
        """``L⁻¹ V = J⁻¹ g^{-1/2} V`` with ``G = LᵀL``, ``L = g^{1/2} J`` (needs ``chart_inverse``)."""
        def one(x: Tensor) -> Tensor:
            self.num_inverse_jvps += 1
            return self._inv_jvp(self._inverse_sqrt_metric(x))
        return self._columns(one, V)

    def inverse_factor_t(self, U: Tensor) -> Tensor:
        """``L⁻ᵀ U = g^{-1/2} J⁻ᵀ U``."""
        def one(x: Tensor) -> Tensor:
            self.num_inverse_vjps += 1
            return self._inverse_sqrt_metric(self._inv_vjp(x)[0])
        return self._columns(one, U)

    def factored_form(self) -> Operator:
        """The symmetric ``A_ψ = L⁻ᵀ B L⁻¹ = g^{-1/2} J⁻ᵀ B J⁻¹ g^{-1/2}`` (``G = LᵀL``,
        ``L = g^{1/2} J``): the pencil ``B x = κ G x`` as a standard problem, ``x = L⁻¹ y``.

        Its products never form ``G`` (whose condition ``≈ cond(J)²(1+|p|²)`` exceeds ``1/ε``
        for large gradients: the ``M``-inner products of pencil Lanczos then lose the ``JᵀJ``
        part of ``G`` to rounding): one HVP of ``g`` (ψ side), one JVP and one VJP of the
        chart's inverse, two rank-one corrections.  ``‖A_ψ y − κ y‖ = ‖B x − κ G x‖_{G⁻¹}``
        (``A_ψ y − κ y = L⁻ᵀ (B x − κ G x)``), the pencil's residual, and ``xᵀGx = yᵀy``."""
        if self.metric_solve is None:
            raise InvalidInputError("the factored form needs chart_inverse= (J⁻¹ through the inverse chart)")

        def mv(v: Tensor) -> Tensor:
            return self.inverse_factor_t(self.second_form.matvec(self.inverse_factor(v)))

        return MatvecOperator(mv, self.size, dtype=self.dtype, device=self.device)

    @property
    def num_hvps(self) -> int:
        """Hessian-vector products of ``g`` spent on ``B`` products."""
        return self._hess_g.num_matvecs

    def jacobian_condition(self, *, max_iter: int = 60, seed: int = 0) -> float:
        """An estimate of ``cond(J) = σ_max/σ_min`` from a short Lanczos run on ``JᵀJ`` (both
        ends).  Ritz values lie inside the spectrum, so the estimate is a *lower bound* that
        tightens with ``max_iter``; for ``d ≤ 64`` the Jacobian is formed and the value is exact.
        Costs up to ``max_iter`` JVP+VJP pairs (``d`` for the exact small case)."""
        d = self.size
        if d <= 64:
            Jm = self.jvp(torch.eye(d, dtype=self.dtype, device=self.device))
            s = torch.linalg.svdvals(Jm.to(torch.float64))
            smin, smax = float(s[-1]), float(s[0])
        else:
            from geomcheck.eigen.lanczos import lanczos  # eigen imports operators: import here

            JtJ = MatvecOperator(lambda v: self.jvp_t(self.jvp(v)), d, dtype=self.dtype, device=self.device)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = lanczos(JtJ, k=2, which="BE", tol=max(1e-2, 10 * torch.finfo(self.dtype).eps),
                              max_iter=max_iter, seed=seed)
            lo, hi = (float(v) for v in res.eigenvalues)
            smin, smax = math.sqrt(max(lo, 0.0)), math.sqrt(max(hi, 0.0))
        if not math.isfinite(smax) or smax == 0.0:
            return math.inf
        return smax / smin if smin > 0 else math.inf
