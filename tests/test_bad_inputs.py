"""Bad and extreme inputs across the numeric, symbolic and testing surfaces (issue 14).

Every case is either a clear error (type and a fragment of the message that names the
problem) or the right answer, derived independently in the case's comment (closed forms by
hand, or mpmath at 50+ digits) — never a silent NaN, ``inf``, or a number computed from
invalid input.  The CLI's cases live with the CLI tests.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import pytest
import sympy as sp
import torch

from geomcheck import numeric as gn
from geomcheck.numeric import InvalidInputError, SizeLimitError, UnrepresentableError
from geomcheck.symbolic import GraphMetric, Hypersurface, JetRing, Metric, prove_graph_identities
from geomcheck.testing import make_symbols, points, symmetric_matrices
from geomcheck.testing.extreme import make_extreme

F64, F32 = torch.float64, torch.float32
x, y = sp.symbols("x y", real=True)


@dataclass(frozen=True)
class Raises:
    error: type[BaseException]
    fragment: str


@dataclass(frozen=True)
class Value:
    expected: object  # float, list of floats, tensor, or a predicate on the result
    rel: float = 1e-12


def t(*v, dtype=F64) -> torch.Tensor:
    return torch.tensor(v, dtype=dtype)


def diag(*v, dtype=F64) -> torch.Tensor:
    return torch.diag(torch.tensor(v, dtype=dtype))


def _metric_field(matrix: Callable[[torch.Tensor], torch.Tensor]):
    return lambda q: matrix(q)


def _const_metric(rows) -> Callable[[torch.Tensor], torch.Tensor]:
    m = torch.tensor(rows, dtype=F64)
    return lambda q: m + 0.0 * q.sum()


def _big(d: int) -> tuple[torch.Tensor, torch.Tensor]:
    return torch.zeros(d, dtype=F64), torch.eye(d, dtype=F64)


with mpmath.workdps(60):
    _GAUSS_400 = float(mpmath.power(101, -201) * mpmath.power(10, 400))  # β^{(n+2)/2} det H, |p|² = 100
    _S_D2 = float(2 * (1 / (1 + mpmath.mpf(10) ** 20)) ** 2 * (mpmath.mpf(3) - mpmath.mpf("0.2") ** 2))
    _KAPPA_PARABOLA = float(2 / mpmath.power(5, 1.5))  # f = x², x = 1: f''/(1+f'²)^{3/2}

CASES: list[tuple[str, Callable[[], object], Raises | Value]] = [
    # ---------------------------------------------------------------- numeric: extreme but valid
    # |p| = 1e160: |p|² overflows; mean = (w·3 + w³·2)/2 with w = 1e-160 (to 1e-320)
    ("mean |p|=1e160", lambda: gn.mean_curvature(t(1e160, 0.0), diag(2.0, 3.0)), Value(1.5e-160)),
    # κ = (w³·2, w·3): the first underflows to 0, the second is 3e-160
    ("kappa |p|=1e160", lambda: gn.principal_curvatures(t(1e160, 0.0), diag(2.0, 3.0)), Value([0.0, 3e-160])),
    # S = 2κ₁κ₂ = 2·w⁴·6 = 1.2e-639: below the float64 range, IEEE rounds to 0
    ("S |p|=1e160", lambda: gn.scalar_curvature(t(1e160, 0.0), diag(2.0, 3.0)), Value(0.0)),
    # S at p = 0 is 2σ₂(H) = 2·1e150·2e150 = 4e300
    ("S |H|=1e150", lambda: gn.scalar_curvature(t(0.0, 0.0), diag(1e150, 2e150)), Value(4e300)),
    ("S |H|=1e160 overflows", lambda: gn.scalar_curvature(t(0.0, 0.0), diag(1e160, 2e160)),
     Raises(UnrepresentableError, "exceeds the largest finite number")),
    # d = 1: mean = κ = w³ f'' = (1+1e20)^{-3/2} = 1e-30 (to 1e-20)
    ("mean d=1 |p|=1e10", lambda: gn.mean_curvature(t(1e10), diag(1.0)), Value(1e-30)),
    ("kappa d=1 |p|=1e10", lambda: gn.principal_curvatures(t(1e10), diag(1.0)), Value([1e-30])),
    # d = 2: S = 2β² det H, β = 1/(1+1e20), det H = 3 − 0.04 (mpmath)
    ("S d=2 |p|=1e10", lambda: gn.scalar_curvature(t(1e10, 0.0), torch.tensor([[1.0, 0.2], [0.2, 3.0]], dtype=F64)),
     Value(_S_D2, rel=1e-12)),
    # the d = 400 example (det H = 1e400 overflows)
    ("gauss d=400", lambda: gn.gauss_curvature(torch.full((400,), 0.5, dtype=F64), 10.0 * torch.eye(400, dtype=F64)),
     Value(_GAUSS_400, rel=1e-12)),
    # det s = det H = 1e400 at p = 0: not representable
    ("gauss overflows", lambda: gn.gauss_curvature(t(0.0, 0.0), diag(1e200, 1e200)),
     Raises(UnrepresentableError, "Gauss-Kronecker curvature")),
    ("log gauss of the overflow", lambda: float(gn.log_abs_gauss_curvature(t(0.0, 0.0), diag(1e200, 1e200))[1]),
     Value(400 * math.log(10), rel=1e-15)),
    ("log gauss singular H", lambda: gn.log_abs_gauss_curvature(t(0.0, 0.0), diag(1.0, 0.0))[0].item(), Value(0.0)),
    ("metric |p|=1e160", lambda: gn.graph_metric(t(1e160, 0.0)), Raises(UnrepresentableError, "metric I + grad grad^T")),
    # g^{-1/2} = diag(w, 1) for p = (1e200, 0): w = 1e-200
    ("inverse sqrt metric |p|=1e200", lambda: gn.inverse_sqrt_graph_metric(t(1e200, 0.0)), Value(diag(1e-200, 1.0))),
    # g⁻¹ = diag(w², 1) = diag(1e-400 → 0, 1)
    ("inverse metric |p|=1e200", lambda: gn.inverse_graph_metric(t(1e200, 0.0)), Value(diag(0.0, 1.0))),
    # Γ^0_kl = β p₀ H_kl = (1e200/(1+1e400)) H = 1e-200 H; Γ^1 = 0
    ("christoffel |p|=1e200", lambda: gn.christoffel(t(1e200, 0.0), diag(1.0, 2.0)),
     Value(torch.stack([1e-200 * diag(1.0, 2.0), torch.zeros(2, 2, dtype=F64)]))),
    # h = w H = (1, 1e-300) for p = (1e300, 0), H = diag(1e300, 1)
    ("sff |p|=1e300", lambda: gn.second_fundamental_form(t(1e300, 0.0), diag(1e300, 1.0)), Value(diag(1.0, 1e-300))),
    # symmetrisation must not overflow: mean at p = 0 is tr H / 2 = (1.7e308 + 1)/2
    ("mean |H| near float max", lambda: gn.mean_curvature(t(0.0, 0.0), diag(1.7e308, 1.0)), Value(8.5e307)),
    # |p| = √2·1e308 exceeds the float range, the curvature does not.  û = (1,1)/√2, so on û^⊥
    # H = diag(0, 1e300) is 0.5e300: κ_max = w·0.5e300·(1 + O(w²)), w = 1/(√2·1e308)
    ("kappa |p| beyond float max", lambda: gn.principal_curvatures(t(1e308, 1e308), diag(0.0, 1e300))[-1].item(),
     Value(0.5e300 / (1e308 * math.sqrt(2)), rel=1e-14)),
    # float32: |p| = 1e30 (|p|² overflows float32): mean = w (2 + w²)/2 = 1e-30
    ("float32 mean |p|=1e30", lambda: gn.mean_curvature(t(1e30, 0.0, dtype=F32), diag(1.0, 2.0, dtype=F32)),
     Value(1e-30, rel=1e-6)),
    # float32 subnormal Hessian (1e-40 < 1.2e-38): mean = (1e-40 + 2e-40)/2 at |p| = 1e-30 (w = 1 − 5e-61)
    ("float32 subnormal H", lambda: gn.mean_curvature(t(1e-30, 0.0, dtype=F32), diag(1e-40, 2e-40, dtype=F32)),
     Value(1.5e-40, rel=1e-4)),
    # float32 H near its max (3e38) and |p| = 1e30: mean = w (1e38 + w²·3e38)/2 = 5e7 (w = 1e-30)
    ("float32 H near max", lambda: gn.mean_curvature(t(1e30, 0.0, dtype=F32), diag(3e38, 1e38, dtype=F32)),
     Value(5e7, rel=1e-6)),
    ("float32 S overflows", lambda: gn.scalar_curvature(t(0.0, 0.0, dtype=F32), diag(1e30, -1e30, dtype=F32)),
     Raises(UnrepresentableError, "float32")),
    ("float32 kappa 1e30", lambda: gn.principal_curvatures(t(0.0, 0.0, dtype=F32), diag(1e30, -1e30, dtype=F32)),
     Value([-1e30, 1e30], rel=1e-6)),
    # f = 1e300 e^{x₁} + x₂²/2 at 0: mean = (w³·1e300 + w)/2 = 5e-301 (w = 1e-300)
    ("curvature 1e300*exp", lambda: gn.curvature(lambda v: 1e300 * torch.exp(v[0]) + v[1] ** 2 / 2,
                                                 torch.zeros(2, dtype=F64)).mean_curvature, Value(5e-301)),
    ("curvature overflowing f", lambda: gn.curvature(lambda v: 1e300 * torch.exp(10 * v[0]), t(100.0)),
     Raises(InvalidInputError, "non-finite")),
    # |x| + |y| at (1, 2) is linear nearby: flat, S = 0 (issue 14 finding 2)
    ("curvature abs", lambda: gn.curvature(lambda v: v.abs().sum(), t(1.0, 2.0)).scalar_curvature, Value(0.0)),
    # ---------------------------------------------------------------- numeric: invalid input
    ("nan grad", lambda: gn.scalar_curvature(t(float("nan"), 0.0), diag(1.0, 1.0)), Raises(InvalidInputError, "non-finite")),
    ("inf hess", lambda: gn.mean_curvature(t(0.0, 0.0), diag(float("inf"), 1.0)), Raises(InvalidInputError, "non-finite")),
    ("non-symmetric hess", lambda: gn.principal_curvatures(t(0.0, 0.0), torch.tensor([[1.0, 2.0], [0.0, 1.0]], dtype=F64)),
     Raises(InvalidInputError, "not symmetric")),
    ("shape mismatch", lambda: gn.scalar_curvature(t(0.0, 0.0, 0.0), diag(1.0, 1.0)), Raises(InvalidInputError, "must have shape")),
    ("int dtype", lambda: gn.scalar_curvature(torch.zeros(2, dtype=torch.int64), torch.eye(2, dtype=torch.int64)),
     Raises(InvalidInputError, "non-floating dtype")),
    ("float16", lambda: gn.mean_curvature(torch.zeros(2, dtype=torch.float16), torch.eye(2, dtype=torch.float16)),
     Raises(InvalidInputError, "supported dtypes")),
    ("complex", lambda: gn.mean_curvature(torch.zeros(2, dtype=torch.complex128), torch.eye(2, dtype=torch.complex128)),
     Raises(InvalidInputError, "dtype")),
    ("d = 0", lambda: gn.scalar_curvature(torch.zeros(0, dtype=F64), torch.zeros(0, 0, dtype=F64)), Raises(InvalidInputError, "d >= 1")),
    ("list input", lambda: gn.scalar_curvature([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]), Raises(InvalidInputError, "torch.Tensor")),
    ("dtype mismatch", lambda: gn.scalar_curvature(t(0.0, 0.0), diag(1.0, 1.0, dtype=F32)), Raises(InvalidInputError, "dtype")),
    # ---------------------------------------------------------------- numeric: size guards
    ("riemann d=2000", lambda: gn.riemann(*_big(2000)), Raises(SizeLimitError, "graph_principal_curvatures")),
    ("lowered riemann d=300", lambda: gn.lowered_riemann(*_big(300)), Raises(SizeLimitError, "allow_large=True")),
    ("christoffel d=1000 batch", lambda: gn.christoffel(torch.zeros(2, 1000, dtype=F64), torch.eye(1000, dtype=F64).expand(2, 1000, 1000)),
     Raises(SizeLimitError, "christoffel at d = 1000")),
    ("GraphCurvature.riemann d=2000", lambda: gn.curvature_from_derivatives(*_big(2000)).riemann, Raises(SizeLimitError, "riemann")),
    # the same object still gives its O(d²) quantities: S of the identity Hessian = d(d−1)
    ("GraphCurvature S d=2000", lambda: gn.curvature_from_derivatives(*_big(2000)).scalar_curvature, Value(2000.0 * 1999.0)),
    ("metric_curvature d=300", lambda: gn.metric_curvature(lambda q: torch.eye(300, dtype=F64) + 0 * q.sum(), torch.zeros(300, dtype=F64)),
     Raises(SizeLimitError, "metric_curvature")),
    # R^0_{101} of the paraboloid 𝑥²/2 + y²/2 at 0 (p = 0, H = I): R = H⊗H antisym: 1
    ("riemann allow_large", lambda: gn.riemann(t(0.0, 0.0), diag(1.0, 1.0), allow_large=True)[0, 1, 0, 1].item(), Value(1.0)),
    # ---------------------------------------------------------------- oracle
    ("oracle non-symmetric", lambda: gn.metric_curvature(_const_metric([[1.0, 0.5], [0.0, 1.0]]), t(0.0, 0.0)),
     Raises(InvalidInputError, "not symmetric")),
    ("oracle indefinite", lambda: gn.metric_curvature(lambda q: torch.diag(torch.stack([1 + q[0] ** 2, -torch.ones((), dtype=F64)])), t(0.0, 0.0)),
     Raises(InvalidInputError, "not positive definite")),
    ("oracle singular", lambda: gn.metric_curvature(_const_metric([[1.0, 1.0], [1.0, 1.0]]), t(0.0, 0.0)),
     Raises(InvalidInputError, "not positive definite")),
    ("oracle wrong shape", lambda: gn.metric_curvature(lambda q: torch.eye(3, dtype=F64), t(0.0, 0.0)),
     Raises(InvalidInputError, "must return shape")),
    ("oracle nan metric", lambda: gn.metric_curvature(lambda q: torch.eye(2, dtype=F64) * float("nan"), t(0.0, 0.0)),
     Raises(InvalidInputError, "non-finite")),
    ("oracle not callable", lambda: gn.metric_curvature(3, t(0.0, 0.0)), Raises(InvalidInputError, "callable")),
    # ---------------------------------------------------------------- symbolic: f
    ("GraphMetric(nan)", lambda: GraphMetric(sp.nan, (x, y)), Raises(ValueError, "not a finite expression")),
    ("GraphMetric(zoo)", lambda: GraphMetric(sp.zoo, (x, y)), Raises(ValueError, "not a finite expression")),
    ("GraphMetric(oo)", lambda: GraphMetric(sp.oo * x, (x, y)), Raises(ValueError, "not a finite expression")),
    ("GraphMetric(I*x)", lambda: GraphMetric(sp.I * x, (x, y)), Raises(ValueError, "not real-valued")),
    # e^{ix} + e^{-ix} = 2 cos x is real: accepted; f depends on x only, so K = S/2 = 0
    ("GraphMetric(2cos via exp(Ix))", lambda: sp.simplify(GraphMetric(sp.exp(sp.I * x) + sp.exp(-sp.I * x), (x, y)).scalar_curvature()),
     Value(0.0)),
    # a string means the coordinate symbols: x² + y² at 0 has S = (tr H)² − tr H² = 16 − 8 = 8
    ("GraphMetric string", lambda: GraphMetric("x**2 + y**2", (x, y)).scalar_curvature().subs({x: 0, y: 0}), Value(8.0)),
    ("GraphMetric string extra symbol", lambda: GraphMetric("x**2 + z", (x, y)), Raises(ValueError, "not coordinates: z")),
    ("GraphMetric lookalike symbol", lambda: GraphMetric(sp.Symbol("x") ** 2, (x, y)), Raises(ValueError, "different assumptions")),
    ("GraphMetric unparsable", lambda: GraphMetric("x**", (x, y)), Raises(TypeError, "sympy expression")),
    ("GraphMetric list", lambda: GraphMetric([x, y], (x, y)), Raises(TypeError, "scalar")),
    ("GraphMetric bool", lambda: GraphMetric(True, (x, y)), Raises(TypeError, "bool")),
    ("GraphMetric repeated coords", lambda: GraphMetric(x, (x, x)), Raises(ValueError, "distinct")),
    ("GraphMetric no coords", lambda: GraphMetric(x, ()), Raises(ValueError, "empty")),
    # ---------------------------------------------------------------- symbolic: points and domains
    ("hemisphere outside domain", lambda: GraphMetric(sp.sqrt(1 - x**2 - y**2), (x, y)).principal_curvatures({x: 2, y: 0}),
     Raises(ValueError, "outside the domain")),
    ("hemisphere on the rim", lambda: GraphMetric(sp.sqrt(1 - x**2 - y**2), (x, y)).principal_curvatures({x: 1, y: 0}),
     Raises(ValueError, "not finite")),
    # upper unit hemisphere, upward normal: κ = −1, −1 (conventions: Gauss–Kronecker (−1)^n)
    ("hemisphere at the pole", lambda: [float(k) for k in GraphMetric(sp.sqrt(1 - x**2 - y**2), (x, y)).principal_curvatures({x: 0, y: 0})],
     Value([-1.0, -1.0])),
    ("pole of 1/x", lambda: GraphMetric(1 / (1 + x**2) + 1 / x, (x, y)).principal_curvatures({x: 0, y: 1}),
     Raises(ValueError, "not finite")),
    ("point missing coordinate", lambda: GraphMetric(x**2, (x, y)).principal_curvatures({x: 1}), Raises(ValueError, "missing")),
    ("point extra key", lambda: GraphMetric(x**2, (x, y)).principal_curvatures({x: 1, y: 0, sp.Symbol("z"): 3}),
     Raises(ValueError, "not coordinates")),
    ("point nan", lambda: GraphMetric(x**2, (x, y)).principal_curvatures({x: sp.nan, y: 0}), Raises(ValueError, "not a finite real")),
    ("point complex", lambda: GraphMetric(x**2, (x, y)).principal_curvatures({x: sp.I, y: 0}), Raises(ValueError, "not a finite real")),
    ("point not a dict", lambda: GraphMetric(x**2, (x, y)).principal_curvatures([1, 0]), Raises(TypeError, "dict")),
    # y = x² at x = 1: κ = f''/(1+f'²)^{3/2} = 2/5^{3/2}
    ("parabola curvature", lambda: [float(k) for k in GraphMetric(x**2, (x,)).principal_curvatures({x: 1})], Value([_KAPPA_PARABOLA])),
    # ---------------------------------------------------------------- symbolic: dimensions and size guards
    ("generic(True)", lambda: GraphMetric.generic(True), Raises(TypeError, "bool")),
    ("generic(0)", lambda: GraphMetric.generic(0), Raises(ValueError, "positive integer")),
    ("generic(2.0)", lambda: GraphMetric.generic(2.0), Raises(TypeError, "positive integer")),
    ("generic(np.int64(2))", lambda: GraphMetric.generic(np.int64(2)).n, Value(2.0)),
    ("prove(np.int64(3))", lambda: prove_graph_identities(np.int64(3)).all_hold, Value(True)),
    # the exact jet ring in n = 2 (NumPy integer): 2 + 3 + 4 distinct derivatives of orders 1, 2, 3
    ("JetRing(np.int64(2))", lambda: len(JetRing(np.int64(2)).indices), Value(9.0)),
    ("JetRing(2, max_order=0)", lambda: JetRing(2, max_order=0), Raises(ValueError, "max_order must be a positive integer")),
    ("prove(True)", lambda: prove_graph_identities(True), Raises(TypeError, "bool")),
    ("prove(-1)", lambda: prove_graph_identities(-1), Raises(ValueError, "positive integer")),
    ("prove(14)", lambda: prove_graph_identities(14), Raises(SizeLimitError, "dimension-free")),
    ("generic(40).scalar_curvature", lambda: GraphMetric.generic(40).scalar_curvature(), Raises(SizeLimitError, "graph_scalar_curvature")),
    ("generic(8).riemann", lambda: GraphMetric.generic(8).riemann(), Raises(SizeLimitError, "allow_large=True")),
    ("generic(9).gauss_curvature", lambda: GraphMetric.generic(9).gauss_curvature(), Raises(SizeLimitError, "gauss_curvature")),
    ("Metric non-symmetric", lambda: Metric([[1, x], [0, 1]], (x, y)), Raises(ValueError, "not symmetric")),
    ("Metric nan entry", lambda: Metric([[1, 0], [0, sp.nan]], (x, y)), Raises(ValueError, "g[1,1] = nan is not a finite")),
    ("Metric imaginary entry", lambda: Metric([[1, 0], [0, 1 + sp.I * x]], (x, y)), Raises(ValueError, "not real-valued")),
    ("Hypersurface zoo component", lambda: Hypersurface([x, y, sp.zoo], (x, y)), Raises(ValueError, "X[2] = zoo")),
    ("Metric singular", lambda: Metric([[1, 1], [1, 1]], (x, y)), Raises(ValueError, "singular")),
    # ---------------------------------------------------------------- testing strategies
    ("make_extreme d=0", lambda: make_extreme(0, 0.0, 0.0, "dense", 0), Raises(ValueError, "dimension")),
    ("make_extreme structure", lambda: make_extreme(2, 0.0, 0.0, "banded", 0), Raises(ValueError, "structure")),
    ("make_extreme definite", lambda: make_extreme(2, 0.0, 0.0, "dense", 0, definite=2), Raises(ValueError, "definite")),
    ("points(0)", lambda: points(0), Raises(ValueError, "dimension")),
    ("symmetric_matrices(0)", lambda: symmetric_matrices(0), Raises(ValueError, "dimension")),
    ("make_symbols(0)", lambda: make_symbols(0), Raises(ValueError, "dimension")),
]


def _as_float_list(v: object) -> list[float]:
    if isinstance(v, torch.Tensor):
        return [float(a) for a in v.detach().reshape(-1).tolist()]
    if isinstance(v, (list, tuple)):
        return [float(a) for a in v]
    return [float(v)]  # sympy numbers, bools, ints


@pytest.mark.parametrize("name,call,expect", CASES, ids=[c[0] for c in CASES])
def test_bad_or_extreme_input(name: str, call: Callable[[], object], expect: Raises | Value) -> None:
    if isinstance(expect, Raises):
        with pytest.raises(expect.error, match=re.escape(expect.fragment)):
            call()
        return
    got = _as_float_list(call())
    want = _as_float_list(expect.expected)
    assert len(got) == len(want), f"{name}: {got} vs {want}"
    for a, b in zip(got, want):
        assert math.isfinite(a), f"{name}: non-finite result {a}"
        assert abs(a - b) <= expect.rel * abs(b) or a == b, f"{name}: {a!r} != {b!r}"


def test_case_count() -> None:
    """The issue's target: at least 60 distinct bad or extreme inputs (this module holds them)."""
    assert len({c[0] for c in CASES}) == len(CASES) >= 60


def test_one_size_limit_error_for_both_stacks() -> None:
    """The numeric and the symbolic refusals are the same class (one ``except`` catches both), and
    the module that holds it imports neither torch nor SymPy."""
    import subprocess
    import sys

    import geomcheck
    import geomcheck.numeric
    import geomcheck.symbolic

    assert geomcheck.numeric.SizeLimitError is geomcheck.symbolic.SizeLimitError is geomcheck.SizeLimitError
    assert issubclass(geomcheck.SizeLimitError, geomcheck.InvalidInputError)
    with pytest.raises(geomcheck.SizeLimitError):
        GraphMetric.generic(8).riemann()
    with pytest.raises(geomcheck.SizeLimitError):
        gn.riemann(*_big(2000))
    code = "import sys, geomcheck.errors; assert 'torch' not in sys.modules and 'sympy' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
