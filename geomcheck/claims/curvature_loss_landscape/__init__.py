"""Claims of 002: Pouplin, Roy, Singh, Arvanitidis, "On the curvature of the loss landscape".

Every check derives the truth with the engine (never from the paper) and compares.

Helpers shared by the sections (:mod:`._common`; section-local ones stay in their section):

* :class:`_FP` / :func:`_fp` — first-principles graph quantities (metric, Christoffel symbols,
  Riemann, Ricci, scalar curvature) on the jet ring, cached per dimension ``n`` so that the many
  Appendix-B proof steps share one computation (the rings of equal ``n`` share one FLINT
  context, so cached polynomials mix with the ring ``prove_jet_identity`` builds);
* :func:`~geomcheck.claims.tools.prove_all_n` (in :mod:`geomcheck.claims.tools`) — ``prove_jet_identity`` over ``n = 2 .. pair bound`` (the dimensions the all-``n``
  invariant-theory argument needs, no more);
* :func:`_crit_S`, :func:`_nuclear_norm`, :func:`_frobenius_sq` — exact matrix quantities;
* :func:`_ball_volume_ratio_series` — the geodesic-ball volume ratio of a space form;
* :func:`_ou_excess_loss` — exact ``E[f(x_t)] - f(x_min)`` for the Ornstein–Uhlenbeck model;
* :func:`_sphere_mean_quartic_formula`, :func:`_sphere_mean_quartic_2d` — the exact mean of ``(x^T H x)^2`` over the unit sphere;
* :func:`_cov_derivative`, :func:`_lie_bracket` — the Levi-Civita connection of a SymPy metric.

One module per section of the source, imported here in the document's order (the registry lists the
claims in registration order): :mod:`.s1_introduction`, :mod:`.s2_curvature`, :mod:`.s3_flatness`,
:mod:`.s4_discussion`, :mod:`.appendix_a`, :mod:`.appendix_b1_christoffel`,
:mod:`.appendix_b1_riemann`, :mod:`.appendix_b1_scalar`, :mod:`.appendix_b2_perturbations`,
:mod:`.appendix_b3_minibatches`; the source, the claim set and the helpers shared by several
sections are in :mod:`._common`.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a section registers its claims
    s1_introduction,
    s2_curvature,
    s3_flatness,
    s4_discussion,
    appendix_a,
    appendix_b1_christoffel,
    appendix_b1_riemann,
    appendix_b1_scalar,
    appendix_b2_perturbations,
    appendix_b3_minibatches,
)
from ._common import CLAIMS, SOURCE

__all__ = ["CLAIMS", "SOURCE"]
