"""Spectral density by stochastic Lanczos quadrature (SLQ).

Method (Golub & Meurant 1994/2010; Ubaru, Chen & Saad 2017, "Fast estimation of tr(f(A)) via
stochastic Lanczos quadrature", SIMAX 38(4); Ghorbani, Krishnan & Xiao 2019, "An investigation
into neural net optimization via Hessian eigenvalue density", ICML — PyHessian's ``density()``):
the spectral density of a symmetric ``A`` (``d × d``, eigenpairs ``(λ_i, u_i)``) is

    φ(x) = (1/d) Σ_i δ(x − λ_i).

For a unit start vector ``q = z/√d`` (``z`` Rademacher), the measure ``μ_q = Σ_i (u_iᵀq)² δ(x − λ_i)``
has ``E[μ_q] = φ`` (``E[zzᵀ] = I``).  ``m`` Lanczos steps from ``q`` give a tridiagonal
``T_m = tridiag(β, α, β)``; with its eigenpairs ``(θ_k, y_k)`` the ``m``-point Gauss quadrature
rule of ``μ_q`` has nodes ``θ_k`` and weights ``τ_k = (e_1ᵀ y_k)²`` (``Σ τ_k = 1``), and is exact
for polynomials of degree ``≤ 2m − 1``:

    Σ_k τ_k θ_k^j = e_1ᵀ T_m^j e_1 = qᵀ A^j q = zᵀ A^j z / d,     j ≤ 2m − 1,

so each probe's ``j``-th moment is an unbiased Hutchinson sample of ``tr(A^j)/d``.  The estimate
averages over ``N`` probes,

    φ̂(x) = (1/N) Σ_l Σ_k τ_k^{(l)} δ(x − θ_k^{(l)}),

and :meth:`SpectralDensity.density` smooths each δ by a Gaussian of width ``σ``.

Lanczos runs with full re-orthogonalisation (two classical Gram–Schmidt passes against the
whole basis, "twice is enough") so that ``T_m`` stays the projection of ``A`` on an orthonormal
Krylov basis; it stops early when ``β_j ≤ 100 ε ‖T‖`` (an invariant subspace: the quadrature is
then exact for every degree).  No host synchronisation inside a probe's Lanczos loop: ``α_j, β_j``
stay on the device and are read once per probe, after its last step (so a probe whose Krylov
space closes early still spends its ``num_steps`` products; the tail is discarded).
Memory: ``(m + 1) · d`` numbers of the operator's dtype on its device.

With ``graph=True`` the operator is :class:`~geomcheck.operators.ShapeOperatorForm` of the
Hessian (``w g^{-1/2} H g^{-1/2}``, similar to the shape operator of the graph of ``f``): the
density is that of the principal curvatures, one HVP per step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from scipy.linalg import eigh_tridiagonal

from geomcheck.estimators._common import _check_seed
from geomcheck.eigen.lanczos import gram_schmidt_twice
from geomcheck.numeric._checks import InvalidInputError, check_int
from geomcheck.operators.base import Operator, as_operator
from geomcheck.operators.probes import rademacher

__all__ = ["SpectralDensity", "spectral_density"]


@dataclass(frozen=True)
class SpectralDensity:
    """Quadrature nodes and weights of an SLQ spectral density estimate.

    Attributes:
        nodes: ``(num_probes, m)`` float64 Ritz values ``θ`` of each probe's ``T_m``.  A probe
            whose Lanczos run stopped early (invariant subspace after ``m_l < m`` steps) is
            padded with copies of its first node of weight 0.
        weights: ``(num_probes, m)`` float64 ``τ = (e_1ᵀ y)²``; each row sums to 1.
        num_matvecs: operator products used (Hessian-vector products for ``graph=True``).
        graph: True when the nodes are principal curvatures of the graph of ``f``.
        seed: seed of the Rademacher probes.
    """

    nodes: np.ndarray
    weights: np.ndarray
    num_matvecs: int
    graph: bool
    seed: int

    @property
    def num_probes(self) -> int:
        return int(self.nodes.shape[0])

    def probe_moments(self, k: int) -> np.ndarray:
        """``Σ_i τ_i θ_i^k`` per probe, ``(num_probes,)``: ``qᵀA^k q`` exactly when ``k ≤ 2m − 1``."""
        k = check_int("k", k, 0)
        return np.sum(self.weights * self.nodes ** k, axis=1)

    def moments(self, k: int) -> float:
        """The SLQ estimate of ``(1/d) tr A^k``: the probe average of ``Σ_i τ_i θ_i^k``."""
        return float(np.mean(self.probe_moments(k)))

    def moment_stderr(self, k: int) -> float:
        """Standard error of :meth:`moments` (sample sd of the probes / √N; nan for one probe)."""
        m = self.probe_moments(k)
        if len(m) < 2:
            return math.nan
        return float(np.std(m, ddof=1) / math.sqrt(len(m)))

    def density(self, grid: Any, sigma: float) -> np.ndarray:
        """Gaussian-smoothed density on ``grid``:
        ``(1/N) Σ_l Σ_i τ_i exp(−(x − θ_i)²/(2σ²)) / (σ√(2π))``; integrates to 1 over a grid
        covering the nodes ± several ``σ``."""
        sigma = float(sigma)
        if not (math.isfinite(sigma) and sigma > 0):
            raise InvalidInputError(f"sigma must be a positive finite float, got {sigma!r}")
        x = np.asarray(grid, dtype=np.float64)
        theta = self.nodes.reshape(-1)
        tau = self.weights.reshape(-1) / self.num_probes
        z = (x.reshape(-1, 1) - theta) / sigma
        out = np.exp(-0.5 * z * z) @ tau / (sigma * math.sqrt(2.0 * math.pi))
        return out.reshape(x.shape)

    def cdf(self, x: Any) -> np.ndarray:
        """The (unsmoothed) distribution function of the node/weight measure at ``x``."""
        xs = np.asarray(x, dtype=np.float64)
        theta = self.nodes.reshape(-1)
        tau = self.weights.reshape(-1) / self.num_probes
        return ((theta <= xs.reshape(-1, 1)) @ tau).reshape(xs.shape)

    def plot(self, ax: Any = None, *, sigma: float | None = None, num_points: int = 1000,
             log: bool = False, **kwargs: Any) -> Any:
        """Draw the smoothed density on a matplotlib axis (created if ``ax`` is None).

        ``sigma`` defaults to 1 % of the node range; ``log=True`` uses a logarithmic y axis
        (the usual view of Hessian densities, PyHessian).  Extra keyword arguments go to
        ``ax.plot``.  Returns the axis.
        """
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:  # pragma: no cover - optional dependency
            raise ImportError("SpectralDensity.plot needs matplotlib (pip install matplotlib)") from exc
        lo, hi = float(self.nodes.min()), float(self.nodes.max())
        width = max(hi - lo, 1e-12 * max(abs(lo), abs(hi), 1.0))
        if sigma is None:
            sigma = 0.01 * width
        grid = np.linspace(lo - 5 * sigma, hi + 5 * sigma, int(num_points))
        if ax is None:
            _fig, ax = plt.subplots()
        kwargs.setdefault("label", "principal curvatures" if self.graph else "eigenvalues")
        ax.plot(grid, self.density(grid, sigma), **kwargs)
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("principal curvature κ" if self.graph else "eigenvalue λ")
        ax.set_ylabel("density")
        return ax

    def __repr__(self) -> str:
        return (f"SpectralDensity(num_probes={self.num_probes}, m={self.nodes.shape[1]}, "
                f"range=[{self.nodes.min():.6g}, {self.nodes.max():.6g}], graph={self.graph}, "
                f"num_matvecs={self.num_matvecs}, seed={self.seed})")


def _lanczos_tridiagonal(op: Operator, q: torch.Tensor, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """``steps`` Lanczos steps from unit ``q`` with full re-orthogonalisation; returns ``(α, β)``
    (float64, ``len(β) = len(α) − 1``), shorter on an early stop (``β ≈ 0``).

    No host synchronisation inside the loop: the coefficients stay on the operator's device and
    are copied to the host once per probe, after the last step (the one sync of a probe).  So a
    probe whose Krylov space closes early (``β_j ≤ 100 ε ‖T‖``: an operator with fewer than
    ``steps`` distinct eigenvalues seen from ``q``) still spends ``steps`` products; the
    coefficients after the closing step are discarded."""
    d = op.size
    eps = torch.finfo(op.dtype).eps
    tiny = torch.finfo(op.dtype).tiny
    Q = torch.empty(steps, d, dtype=op.dtype, device=op.device)
    Q[0] = q
    alphas = torch.empty(steps, dtype=op.dtype, device=op.device)
    betas = torch.empty(steps, dtype=op.dtype, device=op.device)
    for j in range(steps):
        w, h = gram_schmidt_twice(Q[: j + 1], op.matvec(Q[j]))
        alphas[j] = h[j]
        b = torch.linalg.vector_norm(w)
        betas[j] = b
        if j + 1 < steps:
            Q[j + 1] = w / torch.clamp(b, min=tiny)
    a_host = alphas.to("cpu", torch.float64).numpy()
    b_host = betas.to("cpu", torch.float64).numpy()
    alpha: list[float] = []
    beta: list[float] = []
    anorm = 0.0
    for j in range(steps):
        a, b = float(a_host[j]), float(b_host[j])
        if not (math.isfinite(a) and math.isfinite(b)):
            raise InvalidInputError(
                f"an operator product returned NaN or Inf (Lanczos step {j + 1}); check the "
                "loss, the data and the point"
            )
        alpha.append(a)
        anorm = max(anorm, abs(a), b, beta[-1] if beta else 0.0)
        if j + 1 == steps or b <= 100.0 * eps * max(anorm, np.finfo(float).tiny):
            break
        beta.append(b)
    return np.asarray(alpha, dtype=np.float64), np.asarray(beta, dtype=np.float64)


def spectral_density(op: object, *, num_probes: int = 8, num_steps: int = 80, seed: int = 0,
                     graph: bool = False) -> SpectralDensity:
    """Spectral density of a symmetric operator by stochastic Lanczos quadrature.

    For each of ``num_probes`` Rademacher probes ``q = z/√d`` (stream ``j`` of ``seed``),
    ``num_steps`` Lanczos steps with full re-orthogonalisation give ``T``; its eigenpairs
    ``(θ_i, y_i)`` (float64, :func:`scipy.linalg.eigh_tridiagonal`) are the nodes ``θ_i`` with
    weights ``y_{0i}²``.  The estimate of ``(1/d) Σ δ(x − λ)`` is the probe average of
    ``Σ_i τ_i δ(x − θ_i)``; each probe's ``k``-th moment equals ``qᵀA^k q`` for
    ``k ≤ 2·num_steps − 1`` (unbiased for ``tr(A^k)/d``).  See the module docstring.

    Args:
        op: an :class:`~geomcheck.operators.Operator`, a dense symmetric tensor, or a
            ``(matvec, size)`` pair; for ``graph=True`` a Hessian operator with a gradient
            (e.g. :meth:`~geomcheck.HessianOperator.from_function`).
        num_probes: number of probes, ``≥ 1``.
        num_steps: Lanczos steps per probe, ``1 ≤ num_steps ≤ d`` (memory ``num_steps · d``).
        seed: seed of the probes.
        graph: estimate the density of the principal curvatures of the graph of ``f``
            (Lanczos on :class:`~geomcheck.operators.ShapeOperatorForm`) instead of the
            eigenvalues of the operator.

    Returns:
        :class:`SpectralDensity` with ``nodes``, ``weights`` ``(num_probes, num_steps)``.

    Raises:
        InvalidInputError: bad arguments, an operator without a gradient for ``graph=True``,
            or NaN/Inf from a product.
    """
    num_probes = check_int("num_probes", num_probes, 1)
    num_steps = check_int("num_steps", num_steps, 1)
    seed = _check_seed(seed)
    if not isinstance(graph, bool):
        raise InvalidInputError(f"graph must be a bool, got {type(graph).__name__}")
    if graph:
        from geomcheck.operators.graph import ShapeOperatorForm

        target: Operator = ShapeOperatorForm(op)
        counter: Operator = target.inner
    else:
        target = counter = as_operator(op)
    d = target.size
    if num_steps > d:
        raise InvalidInputError(f"num_steps = {num_steps} exceeds the dimension d = {d}")
    start = counter.num_matvecs
    nodes = np.empty((num_probes, num_steps), dtype=np.float64)
    weights = np.zeros((num_probes, num_steps), dtype=np.float64)
    scale = 1.0 / math.sqrt(d)
    for j in range(num_probes):
        q = rademacher(d, seed=seed, stream=j, dtype=target.dtype, device=target.device) * scale
        alpha, beta = _lanczos_tridiagonal(target, q, num_steps)
        if len(alpha) == 1:
            theta, Y = alpha.copy(), np.ones((1, 1))
        else:
            theta, Y = eigh_tridiagonal(alpha, beta)
        m = len(theta)
        nodes[j, :m] = theta
        nodes[j, m:] = theta[0]
        weights[j, :m] = Y[0] ** 2
    return SpectralDensity(nodes=nodes, weights=weights, num_matvecs=counter.num_matvecs - start,
                           graph=graph, seed=seed)
