"""Shared helpers for the numeric tests: tolerances, reference geometry, fixed examples."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

import mpmath
import sympy
import torch
from torch import Tensor

#: Relative tolerance of float64 comparisons (the brief: ≤ 1e-10 relative).
RTOL64 = 1e-10


def assert_rel_close(actual: Tensor, expected: Tensor, *, scale: float | Tensor = 0.0,
                     rtol: float = RTOL64, what: str = "") -> None:
    """``max|a − e| ≤ rtol · max(max|e|, scale, tiny)`` (normwise relative error).

    ``scale`` is the natural magnitude of the quantity (e.g. ``β‖H‖²`` for curvature), used
    when the expected values are small through cancellation.
    """
    actual = torch.as_tensor(actual, dtype=torch.float64)
    expected = torch.as_tensor(expected, dtype=torch.float64)
    assert actual.shape == expected.shape, f"{what}: shape {tuple(actual.shape)} != {tuple(expected.shape)}"
    err = float((actual - expected).abs().max()) if expected.numel() else 0.0
    ref = max(float(expected.abs().max()) if expected.numel() else 0.0, float(scale), 1e-300)
    assert err <= rtol * ref, f"{what}: max abs error {err:.3e} > {rtol:.1e} * {ref:.3e}"


def curvature_scale(grad: Tensor, hess: Tensor) -> float:
    """Natural magnitude ``β ‖H‖²_F`` of the intrinsic curvature of a graph (max over a batch)."""
    beta = 1.0 / (1.0 + (grad * grad).sum(-1))
    return float((beta * (hess * hess).sum((-2, -1))).max())


def quadratic(p: Tensor, h: Tensor) -> Callable[[Tensor], Tensor]:
    """``f(x) = pᵀx + ½ xᵀ H x``: at ``x = 0`` its gradient is ``p`` and Hessian ``H``."""

    def f(x: Tensor) -> Tensor:
        return p @ x + 0.5 * x @ (h @ x)

    return f


def sigma2(kappa: Tensor) -> Tensor:
    """Second elementary symmetric polynomial ``σ₂ = ((Σκ)² − Σκ²)/2``."""
    return 0.5 * (kappa.sum(-1) ** 2 - (kappa * kappa).sum(-1))


@functools.lru_cache(maxsize=None)
def _generic_graph_geometry(n: int) -> tuple[tuple[tuple[int, ...], ...], Callable[..., list]]:
    """Γ, Riemann, Ricci, S of the graph metric of an *undefined* ``f(x1, …, xn)``, in SymPy.

    Plain first principles from the metric: ``g = I + ∇f∇fᵀ``, ``g⁻¹ = adj(g)/det(g)``,
    Koszul formula, ``R^i_{jkm} = ∂_kΓ^i_{jm} − ∂_mΓ^i_{jk} + Γ^i_{kr}Γ^r_{jm} − Γ^i_{mr}Γ^r_{jk}``,
    ``Ric_{jm} = R^i_{jim}``, ``S = g^{jm}Ric_{jm}``.  Derivatives of ``f`` are then replaced
    by plain symbols (the jet of ``f``) and the result is lambdified to mpmath.  Returns the
    multi-indices of the jet entries the expressions use and the evaluation function.
    """
    xs = sympy.symbols(f"x1:{n + 1}", real=True)
    r = range(n)
    f = sympy.Function("f")(*xs)
    grad = sympy.Matrix([sympy.diff(f, s) for s in xs])
    g = sympy.eye(n) + grad * grad.T
    g_inv = g.adjugate() / g.det()
    gamma = [[[sum(g_inv[i, j] * (sympy.diff(g[j, l], xs[k]) + sympy.diff(g[j, k], xs[l])
                                  - sympy.diff(g[k, l], xs[j])) for j in r) / 2
               for l in r] for k in r] for i in r]
    riem = [[[[sympy.diff(gamma[i][j][m], xs[k]) - sympy.diff(gamma[i][j][k], xs[m])
               + sum(gamma[i][k][s] * gamma[s][j][m] - gamma[i][m][s] * gamma[s][j][k] for s in r)
               for m in r] for k in r] for j in r] for i in r]
    ric = [[sum(riem[i][j][i][m] for i in r) for m in r] for j in r]
    scal = sum(g_inv[j, m] * ric[j][m] for j in r for m in r)
    jet = {}
    for order in (3, 2, 1):
        for idx in itertools.combinations_with_replacement(r, order):
            jet[idx] = sympy.Symbol("f_" + "_".join(str(i + 1) for i in idx))
    replace = {sympy.Derivative(f, *[xs[i] for i in idx]): sym for idx, sym in jet.items()}

    def substitute(v):
        return [substitute(u) for u in v] if isinstance(v, list) else sympy.sympify(v).xreplace(replace)

    out = [substitute(g.tolist()), substitute(gamma), substitute(riem), substitute(ric), substitute(scal)]
    used = set().union(*(e.free_symbols for e in sympy.flatten(out)))
    assert used <= set(jet.values()), f"unreplaced derivatives: {used - set(jet.values())}"
    indices = tuple(idx for idx, sym in jet.items() if sym in used)
    fn = sympy.lambdify([jet[idx] for idx in indices], out, modules="mpmath", cse=True, docstring_limit=0)
    return indices, fn


def symbolic_graph_reference(expr: sympy.Expr, symbols: Sequence[sympy.Symbol],
                             point: Sequence[float], dps: int = 40) -> dict[str, list | float]:
    """Reference metric, Γ, Riemann, Ricci, S of the graph of ``expr`` at ``point`` (40 digits).

    The generic SymPy computation of :func:`_generic_graph_geometry` evaluated at the exact jet
    of ``expr`` (SymPy derivatives, lambdified to mpmath, at the exactly representable point).
    """
    indices, fn = _generic_graph_geometry(len(symbols))
    derivs = [sympy.diff(expr, *[symbols[i] for i in idx]) for idx in indices]
    jet_fn = sympy.lambdify(list(symbols), derivs, modules="mpmath")
    with mpmath.workdps(dps):
        jet = jet_fn(*[mpmath.mpf(float(v)) for v in point])
        g, gamma, riem, ric, scal = fn(*jet)
        return {
            "metric": _to_float(g),
            "christoffel": _to_float(gamma),
            "riemann": _to_float(riem),
            "ricci": _to_float(ric),
            "scalar_curvature": float(scal),
        }


def _to_float(nested: list | mpmath.mpf) -> list | float:
    return [_to_float(v) for v in nested] if isinstance(nested, list) else float(nested)
