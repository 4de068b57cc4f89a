"""Power iteration and 004's annihilation method, from products only, with honest convergence.

**Power iteration.**  ``z_k = B z_{k-1} / ‖B z_{k-1}‖`` with ``B = A − σI`` (``σ`` = ``shift``;
note the sign: the shift is *subtracted*, as in the paper's ``B = A − λ₁I`` and scipy's
``eigsh(sigma=…)``, the opposite of :meth:`Operator.shift`).  The Rayleigh quotient
``λ^(k) = z_kᵀ B z_k`` tends to the largest-magnitude eigenvalue ``μ₁`` of ``B``; the returned
eigenvalue of ``A`` is ``θ_k = λ^(k) + σ``.  Writing ``z₀ = Σ c_j v_j``, the component of
``z_k`` off the wanted eigenvector shrinks by ``r = |μ₂/μ₁|`` per product (``μ₂`` the
second-largest magnitude of ``B``): the residual ``‖A z_k − θ_k z_k‖`` (and the angle of the
vector) decreases like ``r^k``, the eigenvalue error like ``r^{2k}``.  Reaching a relative
residual ``tol`` therefore takes about ``ln(tol) / ln(r)`` products: 130 for ``r = 0.9`` and
``tol = 10⁻⁶``, 1.4·10⁵ for ``r = 0.9999``.  A tie ``|μ₂| = |μ₁|`` (eigenvalues ``±μ₁``) never
converges.  Lanczos (:func:`geomcheck.lanczos`) needs about ``ln(tol)/√(1 − r)``-many products
instead (Kaniel–Paige–Saad), which is why it is the default solver of geomcheck.

**Annihilation (004, Appendix B; Algorithm 1 with power iteration).**  Phase 1: power
iteration on ``A`` gives ``λ₁``, the largest-magnitude eigenvalue.  Phase 2: power iteration on
``B = A − λ₁I``, whose eigenvalues ``λ_j − λ₁`` are all of one sign and largest in magnitude at
the other end of the spectrum ``λ_k`` (the farthest eigenvalue from ``λ₁``; at a saddle, the
extreme eigenvalue of opposite sign); ``λ_k = λ^(k) + λ₁``.  The error of ``λ₁`` cancels (the
same value shifts and adds back).  Phase 2 contracts by
``r₂ = max_{j≠1,k} |λ_j − λ₁| / |λ_k − λ₁|`` per product; for ``λ₁ = λ_max > 0`` that is
``(λ_max − λ_{(2)}) / (λ_max − λ_min)`` with ``λ_{(2)}`` the second-smallest eigenvalue — close
to 1 whenever ``|λ_min| ≪ λ_max`` (a ResNet-like spectrum ``{5007.9, …, −16.4}``: ``0.9977``; a
near-minimum network: ``0.9999``): thousands of products, or no convergence at all.

What 004 leaves out or gets wrong, and what this module does about it:

* **No stopping rule.**  Appendix B iterates "in the limit ``k → ∞``"; Algorithm 1 delegates to
  ``eigsh``.  Stopping on the *change* of the Rayleigh quotient (``|λ^(k) − λ^(k−1)| ≤
  tol·|λ^(k)|``, PyHessian's rule) stops early when ``r ≈ 1``: the change underestimates the
  error by ``≈ 1/(1 − r²)``, and the unconverged value is reported as done.  Here the default
  rule is the **residual** ``‖A z − θ z‖ ≤ tol · max(|θ|, ε^{2/3}‖A‖)`` of the returned pair of
  ``A`` — relative to ``|λ_k|``, not to ``|λ_k − λ₁|`` (the residual of ``B`` is the same
  vector, but judged against ``|λ_k − λ₁| ≈ λ₁`` it would call ``λ_min`` converged far too
  early).  The change rule (``stop="change"``) and no rule (``stop="none"``) are kept to
  demonstrate the failure; **``converged`` is always judged by the residual**, whatever rule
  stopped the run, so a premature stop shows up as ``converged=False`` with a
  :class:`~geomcheck.eigen.ConvergenceWarning`.
* **Overflow.**  The literal ``z_k = B z_{k−1}`` (no rescaling) overflows after
  ``≈ 308/log₁₀‖B‖`` steps; ``normalise=False`` keeps that literal iteration for the claims
  (the run stops at the first non-finite ``λ^(k)`` and returns the last finite one; then
  ``len(history) < num_matvecs``).
* **Assumptions.**  (B.1) (``|λ₁|`` strictly largest, ``λ_k`` strictly farthest) and ``c_k ≠ 0``
  are needed; for a definite ``A`` phase 2 returns ``λ_min`` of the *same* sign, with no warning
  in the paper (here the result simply reports both eigenvalues; the sign is the caller's
  business).  The paper calls the result "the second largest magnitude" eigenvalue (Sec. 3): it
  is the other end of the spectrum.

**Products and host synchronisation.**  Every product and every vector operation stays on the
operator's device, in its dtype; one product per iteration (``B z_k`` gives both ``λ^(k)`` and
the next iterate).  The Rayleigh quotients are written into a device buffer; the host reads
them — and the residual of the current iterate — only at a *check*, every ``check_every``
products (default 10) and at the end, so stopping happens at a check (up to
``check_every − 1`` products after the rule first held).  ``num_checks`` counts the reads.
``check_every=1`` reproduces the per-step rules exactly.

The result is a pure function of ``(operator, arguments, seed)``: the start vector is drawn from
a CPU ``torch.Generator`` seeded with ``seed`` (as :func:`geomcheck.lanczos` does), so the same
seed gives the same numbers on every device.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import torch
from torch import Tensor

from geomcheck.eigen._validate import check_tol, check_v0
from geomcheck.eigen.result import EigenResult
from geomcheck.numeric._checks import InvalidInputError, check_int
from geomcheck.operators.base import Operator, as_operator

__all__ = ["power_iteration", "annihilation", "STOP_RULES"]

#: Accepted values of ``stop``.
STOP_RULES: tuple[str, ...] = ("residual", "change", "none")

#: Default number of products between host synchronisations.
DEFAULT_CHECK_EVERY = 10


# ---------------------------------------------------------------------------------- validation


def _check_real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(float(value)):
        raise InvalidInputError(f"{name} must be a finite real number, got {value!r}")
    return float(value)


def _validate(op: Operator, tol: object, max_iter: object, seed: object, stop: object,
              check_every: object) -> tuple[float, int, int, str, int]:
    tol = check_tol(tol, op.dtype)
    max_iter = check_int("max_iter (products)", max_iter, 1)
    seed = check_int("seed", seed, 0)
    if stop not in STOP_RULES:
        raise InvalidInputError(f"stop must be one of {STOP_RULES}, got {stop!r}")
    check_every = check_int("check_every", check_every, 1)
    return float(tol), max_iter, seed, str(stop), check_every


def _start(op: Operator, v0: object, generator: torch.Generator) -> Tensor:
    if v0 is not None:
        return check_v0(op, v0)
    v = torch.randn(op.size, generator=generator, dtype=torch.float64)
    return v.to(device=op.device, dtype=op.dtype)


# ---------------------------------------------------------------------------------- the iteration


class _Run:
    """One power iteration on ``B = A − σI`` (state on the operator's device)."""

    def __init__(self, op: Operator, *, shift: float, tol: float, max_iter: int, stop: str,
                 check_every: int, normalise: bool, anorm: float) -> None:
        self.op, self.shift, self.tol, self.max_iter = op, shift, tol, max_iter
        self.stop, self.check_every, self.normalise = stop, check_every, normalise
        self.eps = torch.finfo(op.dtype).eps
        self.anorm = anorm          # a lower bound on ‖A‖, for the floor of the scale
        self.num_matvecs = 0
        self.num_checks = 0
        self.raw: list[float] = []  # λ^(k), Rayleigh quotients of B
        self.overflow = False

    def _B(self, v: Tensor) -> Tensor:
        self.num_matvecs += 1
        w = self.op.matvec(v)
        if self.shift != 0.0:
            w = torch.sub(w, v, alpha=self.shift)     # out of place: w may be the caller's tensor
        return w

    def _rq(self, z: Tensor, y: Tensor) -> Tensor:
        if self.normalise:
            return torch.dot(z, y)                    # ‖z‖ = 1
        return torch.dot(z, y) / torch.dot(z, z)

    def solve(self, z0: Tensor) -> EigenResult:
        normalise = self.normalise
        z = z0 / torch.linalg.vector_norm(z0) if normalise else z0
        buf = torch.empty(self.check_every, dtype=self.op.dtype, device=self.op.device)
        tiny = torch.finfo(self.op.dtype).tiny
        nan = torch.tensor(float("nan"), dtype=self.op.dtype, device=self.op.device)
        y = self._B(z)
        rq = self._rq(z, y)
        if not normalise:
            z_good, y_good = z, y
            rq = torch.where(torch.isfinite(rq) & torch.isfinite(torch.dot(z, z)), rq, nan)
        buf[0] = rq
        i = 1
        while True:
            if i == self.check_every or self.num_matvecs >= self.max_iter:
                if not normalise:
                    done, state = self._check(buf[:i], z_good, y_good)
                else:
                    done, state = self._check(buf[:i], z, y)
                if done or self.num_matvecs >= self.max_iter:
                    return self._result(state)
                i = 0
            # next iterate: one product, no host synchronisation
            if normalise:
                nrm = torch.linalg.vector_norm(y)
                # B z = 0 exactly: z is an eigenvector of B for 0; keep it (the residual is 0)
                z = torch.where(nrm > 0, y / torch.clamp(nrm, min=tiny), z)
                y = self._B(z)
                rq = self._rq(z, y)
            else:
                z = y
                y = self._B(z)
                rq = self._rq(z, y)
                ok = torch.isfinite(rq) & torch.isfinite(torch.dot(z, z))
                rq = torch.where(ok, rq, nan)
                z_good = torch.where(ok, z, z_good)
                y_good = torch.where(ok, y, y_good)
            buf[i] = rq
            i += 1

    def _check(self, chunk: Tensor, z: Tensor, y: Tensor) -> tuple[bool, tuple[float, Tensor, float, bool, float]]:
        """Read the new Rayleigh quotients and the residual of the current (last finite) iterate."""
        if self.normalise:
            vec, rq = z, chunk[-1]                  # ‖z‖ = 1 and y = B z: the last λ^(k)
            res = torch.linalg.vector_norm(y - rq * z)
        else:
            # the literal iterate may be huge: scale before forming norms
            s = z.abs().max().clamp(min=torch.finfo(z.dtype).tiny)
            zs, ys = z / s, y / s
            zn = torch.linalg.vector_norm(zs)
            rq = torch.dot(zs, ys) / (zn * zn)
            res = torch.linalg.vector_norm(ys - rq * zs) / zn
            vec = zs / zn
        host = torch.cat([chunk, torch.stack([rq, res])]).detach().to("cpu", torch.float64).tolist()
        self.num_checks += 1
        vals, rq_h, res_h = host[:-2], host[-2], host[-1]
        stop_now = False
        if not all(math.isfinite(v) for v in vals):
            if self.normalise:
                raise InvalidInputError(
                    f"an operator product returned NaN or Inf (detected after {self.num_matvecs} "
                    "products); check the loss, the data and the point")
            vals = vals[: next(j for j, v in enumerate(vals) if not math.isfinite(v))]
            self.overflow = stop_now = True
        self.raw.extend(vals)
        theta = rq_h + self.shift
        anorm = max(self.anorm, abs(theta), abs(self.shift))
        scale = max(abs(theta), self.eps ** (2.0 / 3.0) * anorm)
        conv = math.isfinite(res_h) and res_h <= self.tol * scale
        if self.stop == "residual":
            # converged, or at the attainable floor (rounding of the products): cannot improve
            stop_now = stop_now or conv or res_h <= 100.0 * self.eps * anorm
        elif self.stop == "change" and len(self.raw) >= 2:
            stop_now = stop_now or abs(self.raw[-1] - self.raw[-2]) <= self.tol * abs(self.raw[-1])
        return stop_now, (theta, vec, res_h, conv, scale)

    def _result(self, state: tuple[float, Tensor, float, bool, float]) -> EigenResult:
        theta, vec, res_h, conv, scale = state
        return EigenResult(
            eigenvalues=torch.tensor([theta], dtype=torch.float64),
            eigenvectors=vec.reshape(-1, 1),
            residuals=torch.tensor([res_h], dtype=torch.float64),
            converged=torch.tensor([conv]),
            num_matvecs=self.num_matvecs,
            method="power" if self.normalise else "power-unnormalised",
            which="LM",
            tol=self.tol,
            scale=torch.tensor([scale], dtype=torch.float64),
            residual_kind="measured",
            num_restarts=0,
            num_checks=self.num_checks,
            history=tuple(v + self.shift for v in self.raw),
        )


def _power(op: Operator, start: Tensor, *, shift: float, tol: float, max_iter: int, stop: str,
           check_every: int, normalise: bool, anorm: float = 0.0) -> EigenResult:
    return _Run(op, shift=shift, tol=tol, max_iter=max_iter, stop=stop, check_every=check_every,
                normalise=normalise, anorm=anorm).solve(start)


# ---------------------------------------------------------------------------------- public API


def power_iteration(
    op: object,
    *,
    tol: float = 1e-6,
    max_iter: int = 10000,
    seed: int = 0,
    shift: float = 0.0,
    stop: str = "residual",
    check_every: int = DEFAULT_CHECK_EVERY,
    v0: Tensor | None = None,
    normalise: bool = True,
) -> EigenResult:
    """The eigenpair of ``A`` whose eigenvalue is farthest from ``shift``, by power iteration.

    Iterates ``z_k ∝ (A − shift·I) z_{k−1}``; with ``shift=0`` this is the largest-magnitude
    eigenpair of ``A``.  Converges at the rate ``|μ₂/μ₁|`` per product (the two largest
    magnitudes of ``A − shift·I``); see the module docstring.

    Args:
        op: an :class:`~geomcheck.operators.Operator`, a dense symmetric tensor ``(d, d)``, or a
            ``(matvec, size)`` pair.
        tol: relative tolerance: the pair ``(θ, z)`` is converged when
            ``‖A z − θ z‖ ≤ tol · max(|θ|, ε^{2/3}‖A‖)`` (``‖A‖`` estimated by
            ``max(|θ|, |shift|)``).
        max_iter: maximum number of operator products (one per iteration).
        seed: seed of the random start vector (ignored when ``v0`` is given).
        shift: ``σ`` in ``A − σI`` (subtracted, as the paper's ``B = A − λ₁I``; the opposite sign
            of :meth:`Operator.shift`).  The returned eigenvalue is of ``A``.
        stop: ``"residual"`` (the residual test above; also stops, unconverged, at the attainable
            floor ``100 ε ‖A‖``), ``"change"`` (``|λ^(k) − λ^(k−1)| ≤ tol·|λ^(k)|`` on the
            Rayleigh quotients of ``A − σI``: PyHessian's rule, premature when convergence is
            slow) or ``"none"`` (run ``max_iter`` products).  Rules are tested at checks.
        check_every: products between host synchronisations (checks).
        v0: start vector ``(d,)`` instead of the seeded random one.
        normalise: rescale ``z_k`` to unit length each step (default).  ``False`` is the
            paper's literal ``z_k = B z_{k−1}``, which overflows; the run then stops at the
            first non-finite Rayleigh quotient and returns the last finite one
            (``len(history) < num_matvecs`` tells that it overflowed).

    Returns:
        :class:`~geomcheck.EigenResult` with one pair; ``converged`` is judged by the measured
        residual whatever ``stop`` was (a premature stop is ``converged=False`` and warns with
        :class:`~geomcheck.eigen.ConvergenceWarning`); ``history[k]`` is the estimate
        ``λ^(k) + shift`` from the ``k``-th iterate ``z_k`` (``k = 0, 1, …``; one per product);
        ``residual_kind="measured"`` (from the last product, no extra one).

    Raises:
        InvalidInputError: bad arguments, or NaN/Inf from a product (with ``normalise=True``).
    """
    op = as_operator(op)
    tol, max_iter, seed, stop, check_every = _validate(op, tol, max_iter, seed, stop, check_every)
    shift = _check_real("shift", shift)
    generator = torch.Generator().manual_seed(seed)
    start = _start(op, v0, generator)
    result = _power(op, start, shift=shift, tol=tol, max_iter=max_iter, stop=stop,
                    check_every=check_every, normalise=bool(normalise))
    result = _with(result, seed=seed)
    result.warn_if_unconverged(stacklevel=3)
    return result


def annihilation(
    op: object,
    *,
    tol: float = 1e-6,
    max_iter: int = 10000,
    seed: int = 0,
    shift: float | None = None,
    stop: str = "residual",
    check_every: int = DEFAULT_CHECK_EVERY,
    v0: Tensor | None = None,
    normalise: bool = True,
) -> EigenResult:
    """Both ends of the spectrum by 004's annihilation method (Algorithm 1 with power iteration).

    Phase 1: :func:`power_iteration` for ``λ₁`` (largest magnitude).  Phase 2: power iteration on
    ``B = A − λ₁I``, whose largest-magnitude eigenvalue is ``λ_k − λ₁`` with ``λ_k`` the
    eigenvalue farthest from ``λ₁`` (the other end of the spectrum); ``λ_k = λ^(k) + λ₁``.

    Args:
        op: an :class:`~geomcheck.operators.Operator`, a dense symmetric tensor or a
            ``(matvec, size)`` pair.
        tol: relative residual tolerance of each pair, judged on ``A``:
            ``‖A z − θ z‖ ≤ tol · max(|θ|, ε^{2/3}‖A‖)`` — for ``λ_k`` relative to ``|λ_k|``,
            not to ``|λ_k − λ₁|``.
        max_iter: maximum number of products *per phase*.
        seed: seed of the start vectors (phase 2 draws a fresh one from the same generator).
        shift: ``λ₁`` given directly: phase 1 is skipped and the result holds the phase-2 pair
            only (``k = 1``, ``which`` ``"SA"`` or ``"LA"``: the side of ``shift`` it lies on).
        stop, check_every, normalise: as :func:`power_iteration`, for both phases.
        v0: start vector of both phases instead of the seeded random ones.

    Returns:
        :class:`~geomcheck.EigenResult`, ``method="annihilation"``, ``which="BE"``: the pairs
        ``λ₁`` and ``λ_k`` in ascending order, each with its own honest ``converged`` flag and
        measured residual of ``A``; ``num_matvecs`` counts both phases, ``num_restarts`` is the
        number of phases run, ``history`` holds phase 2's estimates ``λ^(k) + λ₁`` (phase 1's
        are in :func:`power_iteration`'s result).  Under (B.1) the pairs are ``λ_min`` and
        ``λ_max``; for a definite ``A`` both have the same sign (the paper's "opposite sign"
        does not exist).  Warns (:class:`~geomcheck.eigen.ConvergenceWarning`) if a pair
        did not converge.

    Raises:
        InvalidInputError: bad arguments, or NaN/Inf from a product (with ``normalise=True``).
    """
    op = as_operator(op)
    tol, max_iter, seed, stop, check_every = _validate(op, tol, max_iter, seed, stop, check_every)
    if shift is not None:
        shift = _check_real("shift", shift)
    generator = torch.Generator().manual_seed(seed)
    start1 = _start(op, v0, generator)
    kw = dict(tol=tol, max_iter=max_iter, stop=stop, check_every=check_every, normalise=bool(normalise))
    if shift is None:
        first = _power(op, start1, shift=0.0, **kw)
        lam1 = float(first.eigenvalues[0])
        start2 = start1 if v0 is not None else _start(op, None, generator)
    else:
        first = None
        lam1 = shift
        start2 = start1
    second = _power(op, start2, shift=lam1, anorm=abs(lam1), **kw)
    if first is None:
        theta = float(second.eigenvalues[0])
        result = _with(second, method="annihilation", which="SA" if theta <= lam1 else "LA",
                       num_restarts=1, seed=seed)
    else:
        order = torch.argsort(torch.cat([first.eigenvalues, second.eigenvalues]), stable=True)
        cat = lambda name: torch.cat([getattr(first, name), getattr(second, name)])  # noqa: E731
        result = EigenResult(
            eigenvalues=cat("eigenvalues")[order],
            eigenvectors=torch.cat([first.eigenvectors, second.eigenvectors], dim=1)[:, order.to(first.eigenvectors.device)],
            residuals=cat("residuals")[order],
            converged=cat("converged")[order],
            num_matvecs=first.num_matvecs + second.num_matvecs,
            method="annihilation",
            which="BE",
            tol=tol,
            scale=cat("scale")[order],
            residual_kind="measured",
            num_restarts=2,
            num_checks=first.num_checks + second.num_checks,
            seed=seed,
            history=second.history,
        )
    result.warn_if_unconverged(stacklevel=3)
    return result


def _with(result: EigenResult, **changes: object) -> EigenResult:
    return dataclasses.replace(result, **changes)
