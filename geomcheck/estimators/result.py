"""The frozen result of every stochastic estimator of geomcheck."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = ["Estimate", "normal_interval"]

#: two-sided 95 % quantile of the standard normal distribution
Z95 = 1.959963984540054


def normal_interval(value: float, stderr: float) -> tuple[float, float]:
    """``value ± z₀.₉₇₅ · stderr`` (a normal-approximation 95 % interval)."""
    return (value - Z95 * stderr, value + Z95 * stderr)


@dataclass(frozen=True)
class Estimate:
    """A scalar estimate with its uncertainty.

    Attributes:
        value: the estimate (float64).
        stderr: its estimated standard error; ``math.nan`` when it cannot be estimated (e.g. one
            probe) — never 0 for a random estimate.
        interval: 95 % interval ``(low, high)``; ``(nan, nan)`` when ``stderr`` is nan.
        num_matvecs: operator products used, all of them.
        method: the estimator's name (``"hutchinson"``, ``"hutch++"``, ``"xtrace"``, ...).
        seed: seed of the probes.
        parts: named intermediate quantities (exact ones and estimated ones), for the reader.
        exact: True when the value is exact (no randomness involved; stderr is 0 then).
    """

    value: float
    stderr: float
    interval: tuple[float, float]
    num_matvecs: int
    method: str
    seed: int | None = None
    parts: dict[str, float] = field(default_factory=dict)
    exact: bool = False

    @property
    def has_interval(self) -> bool:
        return math.isfinite(self.stderr)

    def __repr__(self) -> str:
        lo, hi = self.interval
        return (f"Estimate(method={self.method!r}, value={self.value:.6g}, stderr={self.stderr:.3g}, "
                f"interval=({lo:.6g}, {hi:.6g}), num_matvecs={self.num_matvecs})")
