"""The public Hypothesis strategies of :mod:`geomcheck.testing` are what they claim."""

from __future__ import annotations

import mpmath
import sympy
import torch
from hypothesis import given
from hypothesis import strategies as st

from geomcheck import numeric as gn
from geomcheck.testing import (
    diffeomorphisms,
    make_symbols,
    points,
    smooth_function,
    smooth_functions,
    symmetric_matrices,
    sympy_to_torch,
)

F64 = torch.float64


@st.composite
def functions_and_points(draw: st.DrawFn):
    n = draw(st.integers(1, 4))
    return draw(smooth_functions(n)), draw(points(n))


@given(functions_and_points())
def test_torch_fn_evaluates_the_sympy_expression(case) -> None:
    f, x = case
    assert all(s.is_real for s in f.symbols) and [str(s) for s in f.symbols] == [f"x{i + 1}" for i in range(f.n)]
    with mpmath.workdps(30):
        exact = float(sympy.lambdify(f.symbols, f.expr, modules="mpmath")(*[mpmath.mpf(v) for v in x.tolist()]))
    value = f.torch_fn(x)
    assert value.shape == () and value.dtype == F64
    assert abs(float(value) - exact) <= 1e-13 * max(1.0, abs(exact))
    assert repr(f).startswith("SmoothFunction(")


@given(functions_and_points())
def test_torch_fn_gradient_matches_sympy_derivative(case) -> None:
    f, x = case
    grad, _ = gn.grad_and_hessian(f.torch_fn, x)
    exact = [float(sympy.diff(f.expr, s).subs(dict(zip(f.symbols, x.tolist())))) for s in f.symbols]
    scale = max(1.0, max(abs(v) for v in exact))
    assert float((grad - torch.tensor(exact, dtype=F64)).abs().max()) <= 1e-12 * scale


def test_torch_fn_batches_and_handles_constants() -> None:
    xs = make_symbols(2)
    f = smooth_function("x1*sin(x2) + 3", xs)
    x = torch.randn(4, 5, 2, dtype=F64, generator=torch.Generator().manual_seed(0))
    assert f.torch_fn(x).shape == (4, 5)
    const = sympy_to_torch(sympy.Integer(2), xs)
    assert const(x).shape == (4, 5) and float(const(x).max()) == 2.0
    c = gn.curvature(smooth_function("7", xs).torch_fn, x[0])
    assert float(c.grad.abs().max()) == 0.0


@st.composite
def maps_and_points(draw: st.DrawFn):
    n = draw(st.integers(1, 4))
    return draw(diffeomorphisms(n)), draw(points(n, batch_size=3))


@given(maps_and_points())
def test_diffeomorphism_inverse_and_sympy_forms_agree(case) -> None:
    psi, y = case
    x = psi.forward(y)
    assert_close = lambda a, b: float((a - b).abs().max()) <= 1e-12 * (1 + float(b.abs().max()))  # noqa: E731
    assert assert_close(psi.inverse(x), y)
    fwd = sympy.lambdify(psi.symbols_in, list(psi.forward_exprs), modules="mpmath")
    inv = sympy.lambdify(psi.symbols_out, list(psi.inverse_exprs), modules="mpmath")
    for yi, xi in zip(y, x):
        assert assert_close(xi, torch.tensor([float(v) for v in fwd(*yi.tolist())], dtype=F64))
        assert assert_close(yi, torch.tensor([float(v) for v in inv(*xi.tolist())], dtype=F64))
    jac = gn.jacobian(psi.forward, y)  # raises if singular
    jac_fn = sympy.lambdify(psi.symbols_in, psi.jacobian_expr(), modules="mpmath")
    for yi, ji in zip(y, jac):
        exact = torch.tensor([[float(v) for v in row] for row in jac_fn(*yi.tolist()).tolist()], dtype=F64)
        assert assert_close(ji, exact)
    assert float(torch.linalg.cond(jac).max()) < 1e6  # layer bounds: cond_inf(A) <= 36, shear <= 3
    assert repr(psi).startswith("Diffeomorphism(n=")


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), symmetric_matrices(n), points(n, bound=0.5))))
def test_arrays(case) -> None:
    n, m, p = case
    assert m.shape == (n, n) and m.dtype == F64 and torch.equal(m, m.T)
    assert float(m.abs().max()) <= 2.0
    assert p.shape == (n,) and float(p.abs().max()) <= 0.5


def test_strategies_shrink_to_simple_examples() -> None:
    from hypothesis import find

    f = find(smooth_functions(2), lambda g: True)
    assert str(f.expr) == "x1"
    psi = find(diffeomorphisms(2), lambda d: True)
    assert repr(psi) == "Diffeomorphism(n=2, layers=[Hyperbolic(a=1/2)])"
    affine = find(diffeomorphisms(2), lambda d: "Affine" in repr(d))
    assert repr(affine) == "Diffeomorphism(n=2, layers=[Affine(A=[[1, 0], [0, 1]], b=[0, 0])])"
    nonlinear = find(smooth_functions(1), lambda g: g.expr.has(sympy.sin))
    assert str(nonlinear.expr) == "sin(x1)"
