"""Hypothesis strategy for smooth test functions ``f: Rⁿ → R`` known exactly to SymPy.

Each draw is a :class:`SmoothFunction`: a SymPy expression in the real symbols ``x1 … xn``
(so the symbolic engine differentiates it exactly), the same expression as a torch function
of a tensor ``(..., n)`` (see :mod:`geomcheck.testing.sympy_torch`), and a readable ``repr``.

Grammar (``max_leaves`` bounds the size):

* leaves are small polynomials: up to three monomials ``c · x_i^a x_j^b`` of total degree
  ≤ 3 with ``c ∈ {1, −1, 2, −2, 1/2, −1/2, 3/2}``;
* nodes are ``u + v``, ``u · v`` and the tame unary maps ``sin u``, ``cos u``, ``tanh u``,
  ``atan u``, ``log(1 + u²)``, ``√(1 + u²)``, ``1/(1 + u²)``, plus ``exp(P)`` and
  ``exp(−P²/2)`` of a leaf polynomial ``P`` (never of a composite, so values stay moderate).

All of these are real-analytic on all of ``Rⁿ``.  On the box ``|x_i| ≤ 1`` (the default of
:func:`geomcheck.testing.points`) a leaf is at most ``3 · 3/2``, ``exp`` of a leaf at most
``e^{4.5} ≈ 90``, so values and derivatives stay within a few orders of magnitude of 1 and
float64 comparisons at ``1e-10`` relative are meaningful.  Shrinking goes to a single
monomial (``x1``) — the first alternative of every choice is the simplest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy
from hypothesis import strategies as st
from torch import Tensor

from geomcheck.testing.sympy_torch import sympy_to_torch

__all__ = ["SmoothFunction", "make_symbols", "smooth_function", "smooth_functions", "polynomials"]

_COEFFICIENTS = (
    sympy.Integer(1),
    sympy.Integer(-1),
    sympy.Integer(2),
    sympy.Integer(-2),
    sympy.Rational(1, 2),
    sympy.Rational(-1, 2),
    sympy.Rational(3, 2),
)


def make_symbols(n: int, name: str = "x") -> tuple[sympy.Symbol, ...]:
    """Real symbols ``name1 … name{n}``."""
    if n < 1:
        raise ValueError(f"dimension must be >= 1, got {n}")
    return tuple(sympy.Symbol(f"{name}{i + 1}", real=True) for i in range(n))


@dataclass(frozen=True, eq=False)
class SmoothFunction:
    """A smooth ``f: Rⁿ → R``: ``expr`` in ``symbols``; ``torch_fn`` maps ``(..., n) -> (...)``."""

    expr: sympy.Expr
    symbols: tuple[sympy.Symbol, ...]
    torch_fn: Callable[[Tensor], Tensor] = field(repr=False)

    @property
    def n(self) -> int:
        """Number of variables."""
        return len(self.symbols)

    def __call__(self, x: Tensor) -> Tensor:
        return self.torch_fn(x)

    def __repr__(self) -> str:
        return f"SmoothFunction({self.expr}, n={self.n})"


def smooth_function(expr: sympy.Expr | str, symbols: tuple[sympy.Symbol, ...]) -> SmoothFunction:
    """Wrap a concrete expression (or a string parsed with ``symbols``) as a :class:`SmoothFunction`."""
    if isinstance(expr, str):
        expr = sympy.sympify(expr, locals={str(s): s for s in symbols})
    return SmoothFunction(expr, tuple(symbols), sympy_to_torch(expr, symbols))


@st.composite
def _monomial(draw: st.DrawFn, symbols: tuple[sympy.Symbol, ...]) -> sympy.Expr:
    coefficient = draw(st.sampled_from(_COEFFICIENTS))
    degree = draw(st.integers(min_value=1, max_value=3))
    indices = draw(st.lists(st.integers(0, len(symbols) - 1), min_size=degree, max_size=degree))
    term = coefficient
    for i in indices:
        term = term * symbols[i]
    return term


def polynomials(symbols: tuple[sympy.Symbol, ...]) -> st.SearchStrategy[sympy.Expr]:
    """Sums of one to three monomials of degree 1–3 with small coefficients."""
    return st.lists(_monomial(symbols), min_size=1, max_size=3).map(lambda terms: sympy.Add(*terms))


def _unary(name: str, u: sympy.Expr) -> sympy.Expr:
    one = sympy.Integer(1)
    table: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
        "sin": sympy.sin,
        "cos": sympy.cos,
        "tanh": sympy.tanh,
        "atan": sympy.atan,
        "log1p_sq": lambda v: sympy.log(one + v**2),
        "sqrt1p_sq": lambda v: sympy.sqrt(one + v**2),
        "lorentzian": lambda v: one / (one + v**2),
    }
    return table[name](u)


_UNARY_NAMES = ("sin", "cos", "tanh", "atan", "log1p_sq", "sqrt1p_sq", "lorentzian")


def _expressions(symbols: tuple[sympy.Symbol, ...], max_leaves: int) -> st.SearchStrategy[sympy.Expr]:
    leaf = polynomials(symbols)
    exp_leaf = st.one_of(
        leaf.map(sympy.exp),
        leaf.map(lambda p: sympy.exp(-(p**2) / 2)),
    )

    def extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
        return st.one_of(
            st.tuples(st.sampled_from(_UNARY_NAMES), children).map(lambda t: _unary(*t)),
            st.tuples(children, children).map(lambda t: t[0] + t[1]),
            st.tuples(children, children).map(lambda t: t[0] * t[1]),
            exp_leaf,
        )

    return st.recursive(leaf, extend, max_leaves=max_leaves)


def smooth_functions(n: int, *, max_leaves: int = 4) -> st.SearchStrategy[SmoothFunction]:
    """Strategy for random smooth functions of ``n`` variables (see the module docstring)."""
    symbols = make_symbols(n)
    return _expressions(symbols, max_leaves).map(lambda e: smooth_function(e, symbols))
