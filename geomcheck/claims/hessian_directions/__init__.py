"""Claims of 004: Böttcher, Wheeler, "Visualizing high-dimensional loss landscapes with Hessian directions".

Every check computes its verdict: exact identities with SymPy / the jet engine, exact
probabilities (closed forms, chi-square and beta tails, quadrature) and seeded Monte Carlo with
standard errors (the statistics of random projections come from :mod:`geomcheck.landscape`),
and the paper's two algorithms (Algorithm 1 with HVPs and ``eigsh``, and the annihilation power
iteration of Appendix B) implemented faithfully and run on matrices with known spectra.  The
source was extracted from a PDF: formulas are garbled, the quotes are the extracted text (the
symbol epsilon, for instance, was dropped by the extraction).

One module per section of the paper, imported here in the paper's order (the registry lists the
claims in registration order): :mod:`.abstract`, :mod:`.introduction`, :mod:`.s2_1_geometry`,
:mod:`.s2_2_random_projections`, :mod:`.s2_3_1_examples`, :mod:`.s2_3_2_trace`,
:mod:`.s2_3_3_hessian_directions`, :mod:`.s3_networks`, :mod:`.s4_discussion`,
:mod:`.appendix_a`, :mod:`.appendix_b`; checks that several quotes share are in :mod:`.shared`,
registration and helpers in :mod:`._common`.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a section registers its claims
    abstract,
    introduction,
    s2_1_geometry,
    s2_2_random_projections,
    s2_3_1_examples,
    s2_3_2_trace,
    s2_3_3_hessian_directions,
    s3_networks,
    s4_discussion,
    appendix_a,
    appendix_b,
)
from ._common import CLAIMS, SOURCE

__all__ = ["CLAIMS", "SOURCE"]
