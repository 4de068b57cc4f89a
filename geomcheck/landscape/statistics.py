"""Statistics of random two-dimensional projections of a critical point (the analysis of 004).

Setting (Böttcher & Wheeler, "Visualizing high-dimensional loss landscapes with Hessian
directions", source 004, Sec. 2.2): ``H`` is a symmetric ``N × N`` Hessian with eigenvalues
``λ_i``; ``η, δ ~ N(0, I_N)`` are independent; the loss restricted to the plane
``θ* + αη + βδ`` has the projected Hessian

    H_αβ = [[A, B], [B, C]],   A = ηᵀHη,  B = ηᵀHδ,  C = δᵀHδ          (004, Eq. 2.15)

with eigenvalues ``κ± = (A + C ± √(4B² + (A − C)²)) / 2`` (004, Eq. 2.16; both equations are
proven in the claims 004-eq2.15 and 004-eq2.16).  At a critical point ``κ±`` are the principal
curvatures of the projected surface (claim 004-s2.1).  The projection *shows a saddle* when
``κ₊κ₋ = AC − B² < 0``, a minimum when ``κ₋ > 0``, a maximum when ``κ₊ < 0``.

**Exact sampling** (derived here).  With ``H = QΛQᵀ`` and ``G = [η δ]``, ``QᵀG`` has the law of
``G``, so ``GᵀHG`` has the law of ``GᵀΛG = Σ_i λ_i g_i g_iᵀ`` with ``g_i`` i.i.d.
``N(0, I₂)``.  Grouping equal eigenvalues, ``Σ_{i: λ_i = μ} g_i g_iᵀ ~ W₂(m_μ, I)`` (a 2 × 2
Wishart matrix with ``m_μ`` degrees of freedom), sampled in ``O(1)`` by the Bartlett
decomposition ``W = LLᵀ``, ``L = [[a, 0], [b, c]]``, ``a² ~ χ²_m``, ``b ~ N(0, 1)``,
``c² ~ χ²_{m−1}``.  One sample costs ``O(number of distinct non-zero eigenvalues)`` — ``O(1)``
for 004's spectra of ``±1`` whatever ``N`` — and no ``N``-vector is drawn.  Only the spectrum
matters: the result is the same for every ``H`` with these eigenvalues.

**Large-N limit** (derived here; 004 states none).  With ``t = tr H`` and ``F = tr H² = ‖H‖_F²``
the exact second moments are ``E A = E C = t``, ``E B = 0``, ``Var A = Var C = 2F``,
``Var B = F``, all covariances 0 (claim 004-abs-saddles).  Write ``g = (A + C)/2``,
``h = (A − C)/2``: ``g ~ N(t, F)``, ``h, B ~ N(0, F)``, asymptotically independent when the
Lindeberg ratio ``max_i λ_i² / F → 0`` (no eigenvalue dominates; reported as ``lindeberg``).
Then ``AC − B² = g² − (h² + B²)``, ``h² + B² ~ F·χ²₂``, and

    Pr(saddle) = E exp(−g² / (2F)) → exp(−t² / (4F)) / √2 ≤ 1/√2,

so ``Pr(no saddle) → 1 − exp(−t²/(4F))/√2 ≥ 1 − 1/√2 ≈ 0.293``.  The curvatures tend to
``κ± = t + √F (G ± R)`` with ``G ~ N(0, 1)`` and ``R ~ Rayleigh(1)`` independent:
``E κ± → t ± √(πF/2)`` and the skewness of ``κ₊`` tends to
``√(π/2)(π − 3)/(3 − π/2)^{3/2} ≈ 0.1039`` (``κ₋``: its negative) — close to, not, Gaussian.

**Two ways of averaging** (004, Eqs. 2.25–2.26).  "After": the ensemble average ``⟨κ±⟩`` of the
curvatures of ``S`` projections, which tends to ``E κ±``; "before": ``κ̃±``, the curvatures of
the averaged matrix ``(⟨A⟩, ⟨B⟩, ⟨C⟩)``, which tend to ``t`` (both) as ``S → ∞``.  The sum of
``S`` independent ``W₂(m)`` is ``W₂(Sm)``, so ensemble averages are sampled exactly too.

Monte-Carlo estimates are seeded (``seed``: an ``int`` or a ``numpy.random.Generator``), drawn
in batches of ``batch`` samples, and reported with the standard error of the mean.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from geomcheck.numeric._checks import InvalidInputError

__all__ = [
    "Spectrum",
    "SaddleProbability",
    "CurvatureMeans",
    "CurvatureDistribution",
    "EnsembleTrajectory",
    "LIMIT_SKEWNESS",
    "wishart2",
    "projected_curvatures",
    "sample_projected_hessian",
    "ensemble_average_hessian",
    "gaussian_limit_saddle_probability",
    "projected_saddle_probability",
    "projected_curvature_means",
    "projected_curvature_distribution",
    "ensemble_trajectory",
    "limit_curvature_law",
]

#: large-N skewness of κ₊ (κ₋: the negative): √(π/2)(π − 3)/(3 − π/2)^{3/2} (derived above).
LIMIT_SKEWNESS: float = math.sqrt(math.pi / 2) * (math.pi - 3) / (3 - math.pi / 2) ** 1.5

#: default Monte-Carlo batch (the claims' streams depend on it: keep it fixed)
DEFAULT_BATCH = 10_000


# ------------------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Spectrum:
    """Distinct eigenvalues with their multiplicities (zero eigenvalues dropped: they do not
    contribute to ``GᵀHG``), in descending order of value.

    ``trace = Σ m·λ``, ``frobenius_sq = Σ m·λ²``, ``dimension = Σ m`` (zeros included).
    """

    values: np.ndarray
    multiplicities: np.ndarray
    dimension: int

    @property
    def trace(self) -> float:
        return float(np.sum(self.multiplicities * self.values))

    @property
    def frobenius_sq(self) -> float:
        return float(np.sum(self.multiplicities * self.values ** 2))

    @property
    def lindeberg(self) -> float:
        """``max λ² / F``: the Gaussian limit needs this small (nan when ``F = 0``)."""
        F = self.frobenius_sq
        return float(np.max(self.values ** 2) / F) if F > 0 else math.nan

    @classmethod
    def of(cls, hessian_eigenvalues: Any, multiplicities: Any = None) -> Spectrum:
        """Validate and group a spectrum (an array of eigenvalues, optionally with multiplicities)."""
        if isinstance(hessian_eigenvalues, Spectrum):
            if multiplicities is not None:
                raise InvalidInputError("multiplicities must be None when a Spectrum is given")
            return hessian_eigenvalues
        if hasattr(hessian_eigenvalues, "detach"):  # a torch tensor
            hessian_eigenvalues = hessian_eigenvalues.detach().cpu().double().numpy()
        try:
            lam = np.asarray(hessian_eigenvalues, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"hessian_eigenvalues must be an array of real numbers: {exc}") from None
        if lam.ndim != 1 or lam.size == 0:
            raise InvalidInputError(f"hessian_eigenvalues must be a non-empty 1-D array, got shape {lam.shape}")
        if not np.all(np.isfinite(lam)):
            raise InvalidInputError("hessian_eigenvalues contains NaN or Inf")
        if multiplicities is None:
            mult = np.ones(lam.size, dtype=np.int64)
        else:
            m = np.asarray(multiplicities)
            if m.shape != lam.shape or not np.issubdtype(m.dtype, np.integer) or np.any(m < 1):
                raise InvalidInputError("multiplicities must be positive integers, one per eigenvalue")
            mult = m.astype(np.int64)
        dimension = int(mult.sum())
        values, inverse = np.unique(lam, return_inverse=True)
        counts = np.bincount(inverse, weights=mult).astype(np.int64)
        order = np.argsort(-values, kind="stable")
        values, counts = values[order], counts[order]
        keep = values != 0
        return cls(values[keep], counts[keep], dimension)


def _check_samples(num_samples: object, minimum: int = 1) -> int:
    if isinstance(num_samples, bool) or not isinstance(num_samples, numbers.Integral):
        raise InvalidInputError(f"num_samples must be an int, got {type(num_samples).__name__}")
    if num_samples < minimum:
        raise InvalidInputError(f"num_samples = {num_samples} is too small: at least {minimum} needed")
    return int(num_samples)


def _rng(seed: object) -> tuple[np.random.Generator, int | None]:
    """``(generator, recorded seed)``: an int seed (``≥ 0``) or a caller's generator."""
    if isinstance(seed, np.random.Generator):
        return seed, None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative int or a numpy Generator, got {seed!r}")
    return np.random.default_rng(int(seed)), int(seed)


def _check_batch(batch: object) -> int | None:
    if batch is None:
        return None
    if isinstance(batch, bool) or not isinstance(batch, numbers.Integral) or batch < 1:
        raise InvalidInputError(f"batch must be a positive int or None, got {batch!r}")
    return int(batch)


# ------------------------------------------------------------------------------------ samplers


def wishart2(m: int, num_samples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries ``(W11, W12, W22)`` of ``num_samples`` draws of ``W₂(m, I)`` (Bartlett decomposition).

    ``W = LLᵀ`` with ``L = [[a, 0], [b, c]]``, ``a² ~ χ²_m``, ``b ~ N(0, 1)``, ``c² ~ χ²_{m−1}``
    (``c = 0`` for ``m = 1``, rank one); ``m = 0`` gives zeros and draws nothing.
    """
    if m <= 0:
        z = np.zeros(num_samples)
        return z, z.copy(), z.copy()
    a = np.sqrt(rng.chisquare(m, num_samples))
    b = rng.standard_normal(num_samples)
    c = np.sqrt(rng.chisquare(m - 1, num_samples)) if m > 1 else np.zeros(num_samples)
    return a * a, a * b, b * b + c * c


def projected_curvatures(A: Any, B: Any, C: Any) -> tuple[Any, Any]:
    """``(κ₊, κ₋)``, the eigenvalues of ``[[A, B], [B, C]]`` (004, Eq. 2.16), ``κ₊ ≥ κ₋``."""
    mid = (A + C) / 2
    rad = np.sqrt(B * B + ((A - C) / 2) ** 2)
    return mid + rad, mid - rad


def sample_projected_hessian(hessian_eigenvalues: Any, num_samples: int, rng: np.random.Generator, *,
                             multiplicities: Any = None,
                             method: str = "wishart") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(A, B, C)`` of ``num_samples`` independent projections ``GᵀHG``, ``G`` an ``N × 2`` standard Gaussian.

    ``method="wishart"`` (default): exact in law, ``Σ_μ μ·W₂(m_μ)`` over the distinct non-zero
    eigenvalues in descending order (module docstring), no ``N``-vectors.  ``method="gaussian"``:
    draws ``η, δ`` (``num_samples × N`` each) and forms ``Σ λ_i η_i²`` etc. — the direct
    definition, ``O(N)`` per sample, kept as the reference the Wishart sampler is tested against.
    """
    n = _check_samples(num_samples)
    if method == "gaussian":
        if multiplicities is not None:
            raise InvalidInputError("method='gaussian' takes the full list of eigenvalues, not multiplicities")
        Spectrum.of(hessian_eigenvalues)  # validation only
        if hasattr(hessian_eigenvalues, "detach"):
            hessian_eigenvalues = hessian_eigenvalues.detach().cpu().double().numpy()
        lam = np.asarray(hessian_eigenvalues, dtype=np.float64)
        eta = rng.standard_normal((n, lam.size))
        dlt = rng.standard_normal((n, lam.size))
        return (eta * eta) @ lam, (eta * dlt) @ lam, (dlt * dlt) @ lam
    if method != "wishart":
        raise InvalidInputError(f"method must be 'wishart' or 'gaussian', got {method!r}")
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    return _sample_wishart(spec, n, rng, 1)


def _sample_wishart(spec: Spectrum, n: int, rng: np.random.Generator, scale: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``Σ_μ μ·W₂(scale·m_μ)``: ``scale = S`` gives ``S`` times the average of ``S`` projections."""
    A = np.zeros(n)
    B = np.zeros(n)
    C = np.zeros(n)
    for mu, m in zip(spec.values, spec.multiplicities):
        w11, w12, w22 = wishart2(int(scale * m), n, rng)
        if mu == 1.0:  # exact either way; skips a multiplication for 004's ±1 spectra
            A, B, C = A + w11, B + w12, C + w22
        elif mu == -1.0:
            A, B, C = A - w11, B - w12, C - w22
        else:
            A, B, C = A + mu * w11, B + mu * w12, C + mu * w22
    return A, B, C


def ensemble_average_hessian(hessian_eigenvalues: Any, num_averaged: int, num_replicates: int,
                             rng: np.random.Generator, *,
                             multiplicities: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(⟨A⟩, ⟨B⟩, ⟨C⟩)``: ``num_replicates`` independent ensemble averages over ``S = num_averaged``
    projections (004, Eq. 2.25), sampled exactly as ``Σ_μ μ·W₂(S·m_μ) / S``."""
    S = _check_samples(num_averaged)
    R = _check_samples(num_replicates)
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    A, B, C = _sample_wishart(spec, R, rng, S)
    return A / S, B / S, C / S


# ------------------------------------------------------------------------------------ limits


def gaussian_limit_saddle_probability(trace: Any, frobenius_sq: Any, *, exact: bool = False) -> Any:
    """Large-N ``Pr(κ₊κ₋ < 0) → exp(−t²/(4F))/√2`` (module docstring), ``t = tr H``, ``F = tr H²``.

    ``exact=True`` returns a SymPy expression (for rational ``t``, ``F``: the claims quote it);
    otherwise a float.  ``F`` must be positive.
    """
    if exact:
        import sympy as sp

        t, F = sp.sympify(trace), sp.sympify(frobenius_sq)
        if not F.is_positive:
            raise InvalidInputError(f"frobenius_sq must be positive, got {F}")
        return sp.exp(-t ** 2 / (4 * F)) / sp.sqrt(2)
    t, F = float(trace), float(frobenius_sq)
    if not (math.isfinite(t) and math.isfinite(F)) or F <= 0:
        raise InvalidInputError(f"need finite trace and positive frobenius_sq, got {trace!r}, {frobenius_sq!r}")
    return math.exp(-t * t / (4 * F)) / math.sqrt(2)


@dataclass(frozen=True)
class LimitLaw:
    """Exact (SymPy) large-N law of ``κ₊/√F − t/√F = G + R`` (``G ~ N(0,1)``, ``R ~ Rayleigh(1)``)."""

    #: ``Pr(κ₊ < 0)`` for ``t = 0`` (balanced spectra): ``∫₀^∞ r e^{−r²/2} Φ(−r) dr``
    prob_kappa_plus_negative: Any
    #: skewness of ``G + R``
    skewness: Any
    #: ``Pr(κ₊ < 0)`` of the moment-matched Gaussian (``t = 0``)
    gaussian_approximation: Any
    #: ``E R = √(π/2)`` and ``Var R = 2 − π/2``
    rayleigh_mean: Any
    rayleigh_variance: Any


def limit_curvature_law() -> LimitLaw:
    """The exact large-N law of the projected curvatures (SymPy; derivation in the module docstring)."""
    import sympy as sp

    r = sp.Symbol("r", positive=True)
    sqrt2 = sp.sqrt(2)
    Phi = lambda v: (1 + sp.erf(v / sqrt2)) / 2  # noqa: E731 - standard normal CDF
    p_neg = sp.simplify(sp.integrate(r * sp.exp(-r ** 2 / 2) * Phi(-r), (r, 0, sp.oo)))
    m1, m2, m3 = sp.sqrt(sp.pi / 2), sp.Integer(2), 3 * sp.sqrt(sp.pi / 2)
    var = m2 - m1 ** 2
    mu3 = m3 - 3 * m1 * m2 + 2 * m1 ** 3
    skew = sp.simplify(mu3 / (1 + var) ** sp.Rational(3, 2))
    gauss = sp.Rational(1, 2) * (1 + sp.erf(-m1 / sp.sqrt(1 + var) / sqrt2))
    return LimitLaw(p_neg, skew, gauss, m1, var)


# ------------------------------------------------------------------------------------ Monte Carlo


class _Accumulator:
    """Running sums of several statistics, with the same arithmetic as
    :func:`geomcheck.claims.tools.monte_carlo` (mean, and the standard error of the mean)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.total = dict.fromkeys(names, 0.0)
        self.total_sq = dict.fromkeys(names, 0.0)
        self.count = 0

    def add(self, values: dict[str, np.ndarray], k: int) -> None:
        for name, x in values.items():
            x = np.asarray(x, dtype=float)
            if not np.all(np.isfinite(x)):
                raise InvalidInputError(f"Monte-Carlo sample of {name} produced non-finite values")
            self.total[name] += float(x.sum())
            self.total_sq[name] += float((x * x).sum())
        self.count += k

    def mean_stderr(self, name: str) -> tuple[float, float]:
        n = self.count
        mean = self.total[name] / n
        var = max(self.total_sq[name] / n - mean * mean, 0.0) * n / max(n - 1, 1)
        return mean, math.sqrt(var / n)


def _run(spec: Spectrum, n: int, rng: np.random.Generator, batch: int | None,
         stats: Callable[[np.ndarray, np.ndarray, np.ndarray], dict[str, np.ndarray]],
         names: tuple[str, ...]) -> _Accumulator:
    acc = _Accumulator(names)
    step = n if batch is None else batch
    while acc.count < n:
        k = min(step, n - acc.count)
        A, B, C = _sample_wishart(spec, k, rng, 1)
        acc.add(stats(A, B, C), k)
    return acc


@dataclass(frozen=True)
class SaddleProbability:
    """Probability that a random 2-D projection of a critical point shows no saddle.

    ``value``/``stderr``: ``Pr(κ₊κ₋ > 0)`` (the saddle is missed); ``saddle``: ``Pr(κ₊κ₋ < 0)``;
    ``minimum``: ``Pr(κ₋ > 0)``; ``maximum``: ``Pr(κ₊ < 0)`` — all from the same samples, each
    with its standard error.  A determinant that is zero up to rounding (a rank-deficient
    projection) counts in none of them, so ``value + saddle`` can be below 1.  ``gaussian_limit``: the large-N value of ``Pr(κ₊κ₋ > 0)``,
    ``1 − exp(−t²/(4F))/√2`` (``nan`` when ``F = 0``); it applies when ``lindeberg = max λ²/F``
    is small.  ``num_samples``; ``seed`` (``None`` when a generator was passed).
    """

    value: float
    stderr: float
    saddle: float
    saddle_stderr: float
    minimum: float
    minimum_stderr: float
    maximum: float
    maximum_stderr: float
    gaussian_limit: float
    lindeberg: float
    trace: float
    frobenius_sq: float
    num_samples: int
    seed: int | None

    def interval(self, z: float = 1.959963984540054) -> tuple[float, float]:
        """``value ± z·stderr`` (95 % by default)."""
        return self.value - z * self.stderr, self.value + z * self.stderr


def _det_sign_tolerance(A: np.ndarray, B: np.ndarray, C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(AC − B², tol)``: a determinant within ``tol = 4ε(|AC| + B²)`` of zero is a rounding of an
    exact zero (a rank-deficient projection: one non-zero eigenvalue, or ``κ₋ = 0``) and counts as
    neither a saddle nor a non-saddle."""
    det = A * C - B * B
    return det, 4 * np.finfo(float).eps * (np.abs(A * C) + B * B)


def projected_saddle_probability(hessian_eigenvalues: Any, *, num_samples: int = 100_000, seed: Any = 0,
                                 multiplicities: Any = None, batch: int | None = DEFAULT_BATCH) -> SaddleProbability:
    """``Pr(κ₊κ₋ > 0)`` for two independent standard Gaussian directions, by exact sampling.

    The projected ``2 × 2`` matrix is sampled exactly in law from the spectrum (Wishart /
    Bartlett, module docstring), ``num_samples`` times; the default ``100 000`` samples give a
    standard error ``≤ 0.5/√10⁵ ≈ 0.0016`` for any probability.

    Args:
        hessian_eigenvalues: the eigenvalues of ``H`` (array, tensor or :class:`Spectrum`).
        num_samples: number of projections (``≥ 2``).
        seed: ``int ≥ 0`` or a ``numpy.random.Generator``.
        multiplicities: optional multiplicity of each listed eigenvalue (for huge ``N``).
        batch: samples per batch (``None``: all at once); the result depends on it.

    Source: the question is 004's (Sec. 2.3.1, Eq. 2.27); 004's own answer by an independence
    argument (its Eq. 2.27, ``≈ 0.25``) is wrong (claim 004-eq2.27): ``1 − 1/√2`` in the limit.
    """
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    n = _check_samples(num_samples, 2)
    rng, recorded = _rng(seed)

    def stats(A: np.ndarray, B: np.ndarray, C: np.ndarray) -> dict[str, np.ndarray]:
        det, zero = _det_sign_tolerance(A, B, C)
        pos, neg = det > zero, det < -zero
        tr = A + C
        return {"no_saddle": pos.astype(float), "saddle": neg.astype(float),
                "minimum": (pos & (tr > 0)).astype(float), "maximum": (pos & (tr < 0)).astype(float)}

    acc = _run(spec, n, rng, _check_batch(batch), stats, ("no_saddle", "saddle", "minimum", "maximum"))
    t, F = spec.trace, spec.frobenius_sq
    limit = 1 - gaussian_limit_saddle_probability(t, F) if F > 0 else math.nan
    (v, s), (sd, ss), (mn, ms), (mx, xs) = (acc.mean_stderr(k) for k in ("no_saddle", "saddle", "minimum", "maximum"))
    return SaddleProbability(v, s, sd, ss, mn, ms, mx, xs, limit, spec.lindeberg, t, F, n, recorded)


@dataclass(frozen=True)
class CurvatureMeans:
    """``E κ₊`` and ``E κ₋`` of random projections (averaging *after*), with standard errors, and
    their large-N limits ``t ± √(πF/2)``."""

    plus: float
    plus_stderr: float
    minus: float
    minus_stderr: float
    limit_plus: float
    limit_minus: float
    num_samples: int
    seed: int | None


def projected_curvature_means(hessian_eigenvalues: Any, *, num_samples: int = 100_000, seed: Any = 0,
                              multiplicities: Any = None, scale: float = 1.0,
                              batch: int | None = DEFAULT_BATCH) -> CurvatureMeans:
    """Monte-Carlo ``E κ±`` for the spectrum (exact sampling); ``scale`` multiplies the curvatures
    (the spectrum ``scale·λ``) after sampling."""
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    n = _check_samples(num_samples, 2)
    rng, recorded = _rng(seed)
    c = float(scale)
    if not math.isfinite(c) or c == 0:
        raise InvalidInputError(f"scale must be finite and non-zero, got {scale!r}")

    def stats(A: np.ndarray, B: np.ndarray, C: np.ndarray) -> dict[str, np.ndarray]:
        kp, km = projected_curvatures(A, B, C)
        return {"plus": kp, "minus": km} if c == 1.0 else {"plus": c * kp, "minus": c * km}

    acc = _run(spec, n, rng, _check_batch(batch), stats, ("plus", "minus"))
    t, F = c * spec.trace, c * c * spec.frobenius_sq
    half = math.sqrt(math.pi * F / 2)
    (p, ps), (m, ms) = acc.mean_stderr("plus"), acc.mean_stderr("minus")
    return CurvatureMeans(p, ps, m, ms, t + half, t - half, n, recorded)


def _skewness(x: np.ndarray) -> float:
    z = (x - x.mean()) / x.std()
    return float(np.mean(z ** 3))


@dataclass(frozen=True)
class CurvatureDistribution:
    """Samples of ``κ₊`` and ``κ₋`` with their sample skewness (standard error ``√(6/n)``) and the
    large-N skewness ``±LIMIT_SKEWNESS``."""

    plus: np.ndarray
    minus: np.ndarray
    skewness_plus: float
    skewness_minus: float
    skewness_stderr: float
    limit_skewness_plus: float
    limit_skewness_minus: float
    seed: int | None

    @property
    def num_samples(self) -> int:
        return int(self.plus.size)

    def limit_density(self, x: np.ndarray, which: str, trace: float, frobenius_sq: float) -> np.ndarray:
        """Large-N density of ``κ₊`` (``which="plus"``) or ``κ₋`` at ``x``: ``κ± = t ± √F (G + R)``.

        ``G + R`` (``G ~ N(0, 1)``, ``R ~ Rayleigh(1)`` independent) has the density
        ``f(u) = ∫₀^∞ r e^{−r²/2} φ(u − r) dr``, integrated here by the trapezoid rule on
        ``r ∈ [0, 12]`` (4,001 nodes; the neglected tail is below ``e^{−72}``).
        """
        if which not in ("plus", "minus"):
            raise InvalidInputError(f"which must be 'plus' or 'minus', got {which!r}")
        sF = math.sqrt(frobenius_sq)
        u = (np.asarray(x, dtype=float) - trace) / sF
        if which == "minus":
            u = -u
        r = np.linspace(0.0, 12.0, 4001)
        w = r * np.exp(-r * r / 2)
        phi = np.exp(-(u[..., None] - r) ** 2 / 2) / math.sqrt(2 * math.pi)
        return np.trapezoid(w * phi, r, axis=-1) / sF


def projected_curvature_distribution(hessian_eigenvalues: Any, *, num_samples: int = 100_000, seed: Any = 0,
                                     multiplicities: Any = None, batch: int | None = None) -> CurvatureDistribution:
    """Samples of ``κ±`` of random projections (exact sampling) and their skewness."""
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    n = _check_samples(num_samples, 3)
    rng, recorded = _rng(seed)
    step = n if _check_batch(batch) is None else int(batch)  # type: ignore[arg-type]
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    done = 0
    while done < n:
        k = min(step, n - done)
        parts.append(projected_curvatures(*_sample_wishart(spec, k, rng, 1)))
        done += k
    kp = np.concatenate([p for p, _ in parts])
    km = np.concatenate([m for _, m in parts])
    return CurvatureDistribution(kp, km, _skewness(kp), _skewness(km), math.sqrt(6 / n), LIMIT_SKEWNESS,
                                 -LIMIT_SKEWNESS, recorded)


@dataclass(frozen=True)
class EnsembleTrajectory:
    """Running ensemble averages over ``S = 1..num_samples`` projections (004, Eqs. 2.25–2.26).

    ``A, B, C``: ``⟨A⟩_S`` etc.; ``after_plus/after_minus``: ``⟨κ±⟩_S`` (average of the
    curvatures); ``before_plus/before_minus``: ``κ̃±`` of ``(⟨A⟩_S, ⟨B⟩_S, ⟨C⟩_S)`` (curvatures of
    the average).  Limits as ``S → ∞``: ``E κ±`` (≈ ``t ± √(πF/2)``) and ``t`` for both ``κ̃±``.
    """

    S: np.ndarray
    A: np.ndarray
    B: np.ndarray
    C: np.ndarray
    after_plus: np.ndarray
    after_minus: np.ndarray
    before_plus: np.ndarray
    before_minus: np.ndarray
    trace: float
    frobenius_sq: float


def ensemble_trajectory(hessian_eigenvalues: Any, *, num_samples: int = 10_000, seed: Any = 0,
                        multiplicities: Any = None) -> EnsembleTrajectory:
    """One realisation of the running averages of 004's Fig. 2 (both ways of averaging)."""
    spec = Spectrum.of(hessian_eigenvalues, multiplicities)
    n = _check_samples(num_samples)
    rng, _ = _rng(seed)
    A, B, C = _sample_wishart(spec, n, rng, 1)
    kp, km = projected_curvatures(A, B, C)
    S = np.arange(1, n + 1, dtype=float)
    mA, mB, mC = np.cumsum(A) / S, np.cumsum(B) / S, np.cumsum(C) / S
    bp, bm = projected_curvatures(mA, mB, mC)
    return EnsembleTrajectory(S, mA, mB, mC, np.cumsum(kp) / S, np.cumsum(km) / S, bp, bm,
                              spec.trace, spec.frobenius_sq)
