"""Translate a SymPy expression into a torch function of one stacked tensor.

``sympy_to_torch(expr, symbols)`` returns ``fn`` with ``fn(x)`` for ``x`` of shape ``(..., n)``
evaluating ``expr`` with ``symbols[i] ↦ x[..., i]`` and returning shape ``(...)``.  It walks the
expression tree (no ``exec``), memoising shared sub-expressions, so the torch function is the
exact expression the symbolic side differentiates.  Rational constants become Python floats
(correctly rounded in float64).  Unsupported nodes raise ``ValueError`` at translation time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy
import torch
from torch import Tensor

__all__ = ["sympy_to_torch", "SUPPORTED_FUNCTIONS"]

#: SymPy function classes and their torch counterparts.
SUPPORTED_FUNCTIONS: dict[type, Callable[[Tensor], Tensor]] = {
    sympy.sin: torch.sin,
    sympy.cos: torch.cos,
    sympy.tan: torch.tan,
    sympy.exp: torch.exp,
    sympy.log: torch.log,
    sympy.tanh: torch.tanh,
    sympy.sinh: torch.sinh,
    sympy.cosh: torch.cosh,
    sympy.atan: torch.atan,
    sympy.asinh: torch.asinh,
}


def _check_supported(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> None:
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Add, sympy.Mul, sympy.Pow)) or node.is_Number:
            continue
        if isinstance(node, sympy.Symbol):
            if node not in symbols:
                raise ValueError(f"expression uses symbol {node} not among {list(symbols)}")
            continue
        if isinstance(node, sympy.NumberSymbol):
            continue
        if type(node) in SUPPORTED_FUNCTIONS:
            continue
        raise ValueError(f"cannot translate {type(node).__name__} node {node} to torch")


def _evaluate(expr: sympy.Expr, env: dict[sympy.Basic, Tensor], like: Tensor) -> Tensor | float:
    if expr in env:
        return env[expr]
    if expr.is_Number or isinstance(expr, sympy.NumberSymbol):
        return float(expr)
    if isinstance(expr, sympy.Add):
        args = [_evaluate(a, env, like) for a in expr.args]
        out = args[0]
        for a in args[1:]:
            out = out + a
    elif isinstance(expr, sympy.Mul):
        args = [_evaluate(a, env, like) for a in expr.args]
        out = args[0]
        for a in args[1:]:
            out = out * a
    elif isinstance(expr, sympy.Pow):
        base = _evaluate(expr.base, env, like)
        e = expr.exp
        if isinstance(base, float):
            out = float(expr)
        elif e == sympy.Rational(1, 2):
            out = torch.sqrt(base)
        elif e == sympy.Rational(-1, 2):
            out = torch.rsqrt(base)
        elif e.is_Integer:
            out = base ** int(e)
        else:
            out = base ** _evaluate(e, env, like)
    else:
        arg = _evaluate(expr.args[0], env, like)
        if isinstance(arg, float):
            arg = torch.full_like(like, arg)
        out = SUPPORTED_FUNCTIONS[type(expr)](arg)
    env[expr] = out
    return out


def sympy_to_torch(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> Callable[[Tensor], Tensor]:
    """Torch function ``x (..., n) -> (...)`` evaluating ``expr`` at ``symbols = x[..., :]``."""
    expr = sympy.sympify(expr)
    symbols = tuple(symbols)
    _check_supported(expr, symbols)

    def fn(x: Tensor) -> Tensor:
        if x.shape[-1] != len(symbols):
            raise ValueError(f"expected points of shape (..., {len(symbols)}), got {tuple(x.shape)}")
        env: dict[sympy.Basic, Tensor] = {s: x[..., i] for i, s in enumerate(symbols)}
        out = _evaluate(expr, env, x[..., 0])
        # keep a (zero) dependence on x so constants have the right shape, dtype and gradient
        return out + 0.0 * x[..., 0]

    return fn
