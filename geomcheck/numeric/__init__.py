"""Batched dense curvature of graph hypersurfaces in torch, plus an autodiff oracle.

For ``f: Rᵈ → R`` the graph ``{(x, f(x))}`` has, in closed form from ``p = ∇f`` and
``H = ∇²f`` (conventions: :mod:`geomcheck.conventions`), metric ``I + p pᵀ``, Christoffel
symbols ``β p_i H_{kl}``, Riemann tensor from the Gauss equation, Ricci and scalar
curvature, second fundamental form ``H/√(1+|p|²)``, shape operator and principal, mean and
Gauss–Kronecker curvatures.  All kernels take any leading batch shape, default to float64
(float32 accepted), run on any device and are differentiable.

>>> import torch
>>> from geomcheck.numeric import curvature
>>> x = torch.zeros(3, dtype=torch.float64)
>>> c = curvature(lambda x: (x * x).sum() / 2, x)      # paraboloid: all κ = 1 at 0
>>> c.principal_curvatures.tolist(), c.scalar_curvature.item()
([1.0, 1.0, 1.0], 6.0)

:mod:`geomcheck.numeric.oracle` computes the same intrinsic quantities for *any* metric
field by differentiating it with ``torch.func``; :mod:`geomcheck.numeric.reparam` and
:mod:`geomcheck.numeric.immersion` handle other parametrisations.

Range: the kernels are evaluated in the scaled form of :mod:`geomcheck.numeric.scaling`
(``|∇f|`` never squared, ``β = 1/(1+|∇f|²)`` carried as binary exponents), so every finite input
whose answer is a normal number of the dtype gets it — float64 is tested for ``|∇f|`` from 0
to 1e150 and ``max|H|`` from 1e-150 to 1e150 against 50-digit mpmath references — and an answer
that is not representable raises :class:`UnrepresentableError`.  Dense ``d³``/``d⁴`` tensors are
guarded by :mod:`geomcheck.numeric.limits` (:class:`SizeLimitError`, ``allow_large=True``).
"""

from geomcheck.numeric._checks import (
    SUPPORTED_DTYPES,
    InvalidInputError,
    SizeLimitError,
    UnrepresentableError,
)
from geomcheck.numeric.covariant import riemannian_hessian
from geomcheck.numeric.derivatives import ScalarFunction, grad_and_hessian
from geomcheck.numeric.extrinsic import (
    gauss_curvature,
    log_abs_gauss_curvature,
    mean_curvature,
    principal_curvatures,
    second_fundamental_form,
    shape_operator,
)
from geomcheck.numeric.graph_curvature import GraphCurvature, curvature, curvature_from_derivatives
from geomcheck.numeric.immersion import Immersion, ImmersionGeometry, immersion_geometry
from geomcheck.numeric.intrinsic import christoffel, lowered_riemann, ricci, riemann, scalar_curvature
from geomcheck.numeric.metric import graph_metric, inverse_graph_metric, inverse_sqrt_graph_metric
from geomcheck.numeric.oracle import (
    MetricCurvature,
    MetricField,
    christoffel_from_metric_derivative,
    graph_metric_field,
    metric_curvature,
    riemann_from_christoffel,
)
from geomcheck.numeric.reparam import (
    CoordinateMap,
    check_jacobian,
    jacobian,
    pullback_bilinear,
    pullback_covector,
    pullback_function,
    pullback_metric_field,
    pushforward_vector,
    reparametrized_graph,
    transform_endomorphism,
)

__all__ = [
    # errors and types
    "InvalidInputError",
    "UnrepresentableError",
    "SizeLimitError",
    "SUPPORTED_DTYPES",
    "ScalarFunction",
    "MetricField",
    "CoordinateMap",
    "Immersion",
    # closed-form graph kernels
    "graph_metric",
    "inverse_graph_metric",
    "inverse_sqrt_graph_metric",
    "christoffel",
    "riemann",
    "lowered_riemann",
    "ricci",
    "scalar_curvature",
    "second_fundamental_form",
    "shape_operator",
    "principal_curvatures",
    "mean_curvature",
    "gauss_curvature",
    "log_abs_gauss_curvature",
    # everything at once from a function
    "grad_and_hessian",
    "GraphCurvature",
    "curvature",
    "curvature_from_derivatives",
    # oracle for general metrics
    "MetricCurvature",
    "metric_curvature",
    "graph_metric_field",
    "christoffel_from_metric_derivative",
    "riemann_from_christoffel",
    # tensors and reparametrisation
    "riemannian_hessian",
    "ImmersionGeometry",
    "immersion_geometry",
    "pullback_function",
    "jacobian",
    "check_jacobian",
    "pushforward_vector",
    "pullback_covector",
    "pullback_bilinear",
    "transform_endomorphism",
    "pullback_metric_field",
    "reparametrized_graph",
]
