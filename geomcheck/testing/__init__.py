"""Public Hypothesis strategies for testing curvature code (numeric and symbolic).

* :func:`smooth_functions` — smooth ``f: Rⁿ → R`` as SymPy expression + torch function;
* :func:`diffeomorphisms` — invertible ``ψ: Rⁿ → Rⁿ`` with exact inverse (SymPy and torch);
* :func:`points`, :func:`symmetric_matrices` — bounded float64 tensors;
* :func:`spectra`, :func:`operators_with_spectrum`, :func:`pencils` — eigensolver test cases with
  known spectra (outliers, bulk, negatives, multiplicities; pencils with ``cond(M)`` up to 1e8);
* :func:`charts` — charts ``ψ ↦ θ`` of ``R^d`` with exact inverses (layer rescalings, orthogonal
  mixings, elementwise monotone maps) and a bound on ``cond(J)``;
* :func:`lifted_functions` — random smooth functions lifted to hundreds of variables by block
  structure, with SymPy's exact derivatives (the symbolic side of the bridge tests);
* :func:`networks` — small MLPs with random widths and activations on seeded data, with the loss
  as a function of the flat parameters.

>>> from hypothesis import given
>>> from geomcheck.testing import smooth_functions, points
>>> @given(smooth_functions(2), points(2))
... def test_finite(f, x):
...     assert f.torch_fn(x).isfinite()
>>> test_finite()
"""

from geomcheck.testing.arrays import points, symmetric_matrices
from geomcheck.testing.diffeomorphisms import (
    AffineLayer,
    CouplingLayer,
    Diffeomorphism,
    Layer,
    HyperbolicLayer,
    diffeomorphisms,
)
from geomcheck.testing.extreme import (
    ExtremeDerivatives,
    extreme_derivatives,
    make_extreme,
    scaled_smooth_functions,
)
from geomcheck.testing.functions import (
    SmoothFunction,
    make_symbols,
    polynomials,
    smooth_function,
    smooth_functions,
)
from geomcheck.testing.sympy_torch import SUPPORTED_FUNCTIONS, sympy_to_torch
from geomcheck.testing.charts import Chart, charts, rescaling_chart
from geomcheck.testing.lifted import Lifted, lifted_functions, sympy_principal_curvatures
from geomcheck.testing.networks import Network, networks
from geomcheck.testing.spectra import Pencil, Spectrum, operators_with_spectrum, pencils, spectra

__all__ = [
    "smooth_functions",
    "smooth_function",
    "SmoothFunction",
    "polynomials",
    "make_symbols",
    "diffeomorphisms",
    "Diffeomorphism",
    "Layer",
    "AffineLayer",
    "CouplingLayer",
    "HyperbolicLayer",
    "extreme_derivatives",
    "scaled_smooth_functions",
    "make_extreme",
    "ExtremeDerivatives",
    "points",
    "symmetric_matrices",
    "sympy_to_torch",
    "SUPPORTED_FUNCTIONS",
    "spectra",
    "Spectrum",
    "operators_with_spectrum",
    "pencils",
    "Pencil",
    "charts",
    "Chart",
    "rescaling_chart",
    "networks",
    "Network",
    "lifted_functions",
    "Lifted",
    "sympy_principal_curvatures",
]
