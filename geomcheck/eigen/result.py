"""The frozen result of every eigensolver of geomcheck."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from torch import Tensor

__all__ = ["EigenResult", "ConvergenceWarning"]


class ConvergenceWarning(UserWarning):
    """An eigensolver stopped before every wanted pair met its tolerance (see ``residuals``)."""


@dataclass(frozen=True)
class EigenResult:
    """Eigenpairs of a symmetric operator, with their measured quality.

    Attributes:
        eigenvalues: ``(k,)`` float64 on the host, **ascending**.
        eigenvectors: ``(d, k)`` in the operator's dtype and device; column ``i`` is a unit
            vector for ``eigenvalues[i]`` (for a pencil ``A v = λ M v``: unit in the ``M``-norm,
            ``vᵀ M v = 1``, and the columns are ``M``-orthogonal, as ``scipy.linalg.eigh(A, M)``).
        residuals: ``(k,)`` float64, ``‖A vᵢ − θᵢ vᵢ‖`` (``residual_kind`` says how measured);
            for a pencil ``‖A vᵢ − θᵢ M vᵢ‖_{M⁻¹}`` with ``‖r‖_{M⁻¹} = √(rᵀ M⁻¹ r)``.
        converged: ``(k,)`` bool, ``residualsᵢ ≤ tol · scaleᵢ`` (``scale`` below).
        num_matvecs: operator products (vectors) the solver used, all of them.
        method: name of the algorithm (``"lanczos"``, ``"annihilation"``, ...).
        which: which end(s) of the spectrum were wanted.
        tol: the requested relative tolerance.
        scale: ``(k,)`` float64, the scale each residual is compared with (``max(|θᵢ|, floor)``).
        residual_kind: ``"lanczos"`` (from the Lanczos relation ``‖A V y − θ V y‖ = β_m |y_m|``,
            exact up to the orthogonality loss, which full re-orthogonalisation keeps at
            ``O(ε‖A‖)``) or ``"measured"`` (an extra product per pair).
        num_restarts: thick restarts (Lanczos) or phases (annihilation).
        num_checks: host synchronisations at convergence checks.
        seed: the seed of the start vector.
        history: per-check worst residual ratio (Lanczos) or Rayleigh quotients (power methods).
        inner_product: ``"euclidean"``, or ``"metric"`` for a pencil ``A v = λ M v``.
        num_metric_products: products with ``M`` (pencil only; CG iterations included).
        num_metric_solves: solves with ``M`` (pencil only).
    """

    eigenvalues: Tensor
    eigenvectors: Tensor
    residuals: Tensor
    converged: Tensor
    num_matvecs: int
    method: str
    which: str
    tol: float
    scale: Tensor
    residual_kind: str = "lanczos"
    num_restarts: int = 0
    num_checks: int = 0
    seed: int | None = None
    history: tuple[float, ...] = field(default_factory=tuple, repr=False)
    inner_product: str = "euclidean"
    num_metric_products: int = 0
    num_metric_solves: int = 0

    @property
    def all_converged(self) -> bool:
        """True when every returned pair met the tolerance."""
        return bool(self.converged.all())

    @property
    def k(self) -> int:
        return int(self.eigenvalues.shape[0])

    def warn_if_unconverged(self, stacklevel: int = 3) -> None:
        if not self.all_converged:
            bad = (~self.converged).nonzero().flatten().tolist()
            ratios = (self.residuals / (self.tol * self.scale)).tolist()
            warnings.warn(
                f"{self.method}: {len(bad)} of {self.k} eigenpairs did not converge to "
                f"tol={self.tol:g} within {self.num_matvecs} products (pairs {bad}; "
                f"residual/(tol*scale) = {[f'{ratios[i]:.3g}' for i in bad]})",
                ConvergenceWarning,
                stacklevel=stacklevel,
            )

    def __repr__(self) -> str:  # short: the vectors can hold 10^7 numbers
        vals = ", ".join(f"{v:.6g}" for v in self.eigenvalues.tolist())
        return (
            f"EigenResult(method={self.method!r}, which={self.which!r}, eigenvalues=[{vals}], "
            f"converged={self.converged.tolist()}, max_residual={float(self.residuals.max()):.3g}, "
            f"num_matvecs={self.num_matvecs}, eigenvectors={tuple(self.eigenvectors.shape)} "
            f"{self.eigenvectors.dtype} on {self.eigenvectors.device})"
        )
