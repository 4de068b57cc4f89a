"""``trace_estimate``: one entry point for the stochastic trace estimators.

``method``: ``"hutchinson"`` (:mod:`geomcheck.estimators.hutchinson`, ``t̂ = mean z_iᵀAz_i``,
stderr ``std/√m``), ``"hutch++"`` (:mod:`geomcheck.estimators.hutchpp`, Meyer et al. 2021,
stderr from the residual Hutchinson part) or ``"xtrace"`` (:mod:`geomcheck.estimators.xtrace`,
Epperly, Tropp & Webber 2024, stderr from the exchangeable per-probe estimates).  All are
unbiased with Rademacher probes from :func:`geomcheck.operators.probes.rademacher` (seeded,
bit-identical on every device) and multiply through ``op.matmat`` (batched where the operator
allows).  Every result is an :class:`~geomcheck.estimators.result.Estimate` with a 95 % normal
interval (``(nan, nan)`` when the stderr cannot be computed).
"""

from __future__ import annotations

from geomcheck.estimators.hutchinson import hutchinson
from geomcheck.estimators.hutchpp import hutchpp
from geomcheck.estimators.result import Estimate
from geomcheck.estimators.xtrace import xtrace
from geomcheck.numeric._checks import InvalidInputError

__all__ = ["trace_estimate", "TRACE_METHODS"]

TRACE_METHODS = {"hutchinson": hutchinson, "hutch++": hutchpp, "xtrace": xtrace}


def trace_estimate(op: object, *, num_matvecs: int, method: str = "hutchinson", seed: int = 0,
                   block: int | None = None) -> Estimate:
    """Estimate ``tr A`` of a symmetric operator (an :class:`Operator`, a dense symmetric
    tensor or a ``(matvec, size)`` pair) with ``num_matvecs`` products."""
    fn = TRACE_METHODS.get(method) if isinstance(method, str) else None
    if fn is None:
        raise InvalidInputError(f"method must be one of {sorted(TRACE_METHODS)}, got {method!r}")
    return fn(op, num_matvecs=num_matvecs, seed=seed, block=block)
