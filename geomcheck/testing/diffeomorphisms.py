"""Hypothesis strategy for diffeomorphisms ``ψ: Rⁿ → Rⁿ`` with exact inverses.

A :class:`Diffeomorphism` is a composition of one to ``max_layers`` layers, each with a
closed-form inverse and a Jacobian whose condition number is bounded by a constant:

* :class:`AffineLayer` ``x = A y + b`` with ``A = L D U``: ``L`` (``U``) unit lower (upper)
  *bidiagonal* with off-diagonal entries in ``{0, ±1/2}``, so ``cond_∞ ≤ 1.5 · 2 = 3``;
  ``D`` diagonal with entries in ``{±1, ±2, ±1/2}``; ``b ∈ {0, ±1/2}ⁿ``.  ``|det A| ≥ 2⁻ⁿ``,
  ``cond_∞(A) ≤ 36``; the inverse ``A⁻¹`` is exact (rational).
* :class:`CouplingLayer` (monotone triangular), along the coordinate order (or reversed):
  ``x_0 = y_0``, ``x_k = y_k · exp(a_k tanh y_{k−1}) + b_k sin y_{k−1}`` with
  ``a_k ∈ {0, ±1/2}``, ``b_k ∈ {0, ±1/2, ±1}``: triangular Jacobian with diagonal in
  ``[e^{−1/2}, e^{1/2}]``; inverse ``y_k = (x_k − b_k sin y_{k−1}) · exp(−a_k tanh y_{k−1})``,
  solved in order.
* :class:`HyperbolicLayer` ``x_i = y_i + a (√(1 + y_i²) − 1)`` with ``a = ±1/2``: derivative
  ``1 + a y/√(1+y²) ∈ [1/2, 3/2]`` (bi-Lipschitz, unlike ``sinh``, so compositions cannot
  blow up); inverse ``y_i = (u − a √(u² + 1 − a²)) / (1 − a²)`` with ``u = x_i + a``.

Each layer is written once against a small backend (SymPy or torch), so the SymPy
expressions (``forward_exprs`` in ``y1 … yn``, ``inverse_exprs`` in ``x1 … xn``) and the
torch maps (``forward``, ``inverse`` on tensors ``(..., n)``) are the same formulas.
Shrinking goes toward one layer with zero off-diagonal/shift entries and unit scales (the
fewest choices overall is a single ``Hyperbolic(a=1/2)``; among affine layers, the identity).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Union

import sympy
import torch
from hypothesis import strategies as st
from torch import Tensor

from geomcheck.testing.functions import make_symbols

__all__ = [
    "AffineLayer",
    "CouplingLayer",
    "HyperbolicLayer",
    "Layer",
    "Diffeomorphism",
    "diffeomorphisms",
]


@dataclass(frozen=True)
class _Backend:
    const: Callable[[sympy.Rational], Any]
    exp: Callable[[Any], Any]
    tanh: Callable[[Any], Any]
    sin: Callable[[Any], Any]
    sqrt: Callable[[Any], Any]


_SYMPY = _Backend(lambda r: r, sympy.exp, sympy.tanh, sympy.sin, sympy.sqrt)
_TORCH = _Backend(float, torch.exp, torch.tanh, torch.sin, torch.sqrt)

Rat = sympy.Rational
_HALVES = (Rat(0), Rat(1, 2), Rat(-1, 2))


def _fmt(r: sympy.Rational) -> str:
    return str(r)  # "1/2", "-2": short and exact


def _linear(
    matrix: tuple[tuple[sympy.Rational, ...], ...],
    shift: Sequence[sympy.Rational],
    comps: list[Any],
    be: _Backend,
) -> list[Any]:
    out = []
    for row, b in zip(matrix, shift):
        terms = [be.const(a) * c for a, c in zip(row, comps) if a != 0]
        if b != 0:
            terms.append(be.const(b))
        total = terms[0]
        for t in terms[1:]:
            total = total + t
        out.append(total)
    return out


@dataclass(frozen=True)
class AffineLayer:
    """``x = A y + b`` with exact rational ``A`` (invertible) and ``b``."""

    matrix: tuple[tuple[sympy.Rational, ...], ...]
    shift: tuple[sympy.Rational, ...]

    @cached_property
    def inverse_matrix(self) -> tuple[tuple[sympy.Rational, ...], ...]:
        """``A⁻¹``, exact."""
        inv = sympy.Matrix(self.matrix).inv()
        return tuple(tuple(inv[i, j] for j in range(inv.cols)) for i in range(inv.rows))

    def forward(self, comps: list[Any], be: _Backend) -> list[Any]:
        return _linear(self.matrix, self.shift, comps, be)

    def inverse(self, comps: list[Any], be: _Backend) -> list[Any]:
        inv = self.inverse_matrix
        shift = tuple(-sum((inv[i][j] * self.shift[j] for j in range(len(self.shift))), Rat(0))
                      for i in range(len(self.shift)))
        return _linear(inv, shift, comps, be)

    def __repr__(self) -> str:
        rows = ", ".join("[" + ", ".join(_fmt(a) for a in row) + "]" for row in self.matrix)
        return f"Affine(A=[{rows}], b=[{', '.join(_fmt(b) for b in self.shift)}])"


@dataclass(frozen=True)
class CouplingLayer:
    """Triangular ``x_k = y_k exp(a_k tanh y_{k−1}) + b_k sin y_{k−1}`` (``k ≥ 1`` in order)."""

    log_scales: tuple[sympy.Rational, ...]
    shifts: tuple[sympy.Rational, ...]
    reverse: bool

    def _order(self, n: int) -> list[int]:
        return list(range(n - 1, -1, -1)) if self.reverse else list(range(n))

    def forward(self, comps: list[Any], be: _Backend) -> list[Any]:
        order = self._order(len(comps))
        out = list(comps)
        for step, (prev, k) in enumerate(zip(order[:-1], order[1:])):
            a, b = self.log_scales[step], self.shifts[step]
            value = comps[k]
            if a != 0:
                value = value * be.exp(be.const(a) * be.tanh(comps[prev]))
            if b != 0:
                value = value + be.const(b) * be.sin(comps[prev])
            out[k] = value
        return out

    def inverse(self, comps: list[Any], be: _Backend) -> list[Any]:
        order = self._order(len(comps))
        out = list(comps)
        for step, (prev, k) in enumerate(zip(order[:-1], order[1:])):
            a, b = self.log_scales[step], self.shifts[step]
            value = comps[k]
            if b != 0:
                value = value - be.const(b) * be.sin(out[prev])
            if a != 0:
                value = value * be.exp(be.const(-a) * be.tanh(out[prev]))
            out[k] = value
        return out

    def __repr__(self) -> str:
        a = ", ".join(_fmt(v) for v in self.log_scales)
        b = ", ".join(_fmt(v) for v in self.shifts)
        return f"Coupling(a=[{a}], b=[{b}], reverse={self.reverse})"


@dataclass(frozen=True)
class HyperbolicLayer:
    """``x_i = y_i + a (√(1 + y_i²) − 1)`` for every coordinate (``|a| < 1``)."""

    a: sympy.Rational

    def forward(self, comps: list[Any], be: _Backend) -> list[Any]:
        a, one = be.const(self.a), be.const(sympy.Integer(1))
        return [c + a * (be.sqrt(one + c * c) - one) for c in comps]

    def inverse(self, comps: list[Any], be: _Backend) -> list[Any]:
        a = be.const(self.a)
        rest = be.const(1 - self.a**2)  # 1 − a²
        inv_rest = be.const(1 / (1 - self.a**2))
        out = []
        for c in comps:
            u = c + a
            out.append((u - a * be.sqrt(u * u + rest)) * inv_rest)
        return out

    def __repr__(self) -> str:
        return f"Hyperbolic(a={_fmt(self.a)})"


Layer = Union[AffineLayer, CouplingLayer, HyperbolicLayer]


@dataclass(frozen=True, eq=False)
class Diffeomorphism:
    """``ψ = layer_last ∘ … ∘ layer_first`` on ``Rⁿ``: ``x = ψ(y)``."""

    layers: tuple[Layer, ...]
    symbols_in: tuple[sympy.Symbol, ...]
    symbols_out: tuple[sympy.Symbol, ...]

    @property
    def n(self) -> int:
        """Dimension."""
        return len(self.symbols_in)

    def _apply(self, comps: list[Any], be: _Backend, inverse: bool) -> list[Any]:
        if inverse:
            for layer in reversed(self.layers):
                comps = layer.inverse(comps, be)
        else:
            for layer in self.layers:
                comps = layer.forward(comps, be)
        return comps

    @property
    def forward_exprs(self) -> tuple[sympy.Expr, ...]:
        """``x_i = ψ_i(y)`` as SymPy expressions in ``symbols_in``."""
        return tuple(self._apply(list(self.symbols_in), _SYMPY, inverse=False))

    @property
    def inverse_exprs(self) -> tuple[sympy.Expr, ...]:
        """``y_i = ψ⁻¹_i(x)`` as SymPy expressions in ``symbols_out``."""
        return tuple(self._apply(list(self.symbols_out), _SYMPY, inverse=True))

    def jacobian_expr(self) -> sympy.Matrix:
        """``J = ∂x/∂y`` as a SymPy matrix in ``symbols_in``."""
        return sympy.Matrix(self.forward_exprs).jacobian(sympy.Matrix(self.symbols_in))

    def _torch(self, t: Tensor, inverse: bool) -> Tensor:
        if t.shape[-1] != self.n:
            raise ValueError(f"expected points of shape (..., {self.n}), got {tuple(t.shape)}")
        comps = self._apply(list(t.unbind(dim=-1)), _TORCH, inverse=inverse)
        return torch.stack(comps, dim=-1)

    def forward(self, y: Tensor) -> Tensor:
        """``x = ψ(y)`` for ``y`` of shape ``(..., n)``."""
        return self._torch(y, inverse=False)

    def inverse(self, x: Tensor) -> Tensor:
        """``y = ψ⁻¹(x)`` for ``x`` of shape ``(..., n)``."""
        return self._torch(x, inverse=True)

    def __call__(self, y: Tensor) -> Tensor:
        return self.forward(y)

    def __repr__(self) -> str:
        return f"Diffeomorphism(n={self.n}, layers=[{', '.join(map(repr, self.layers))}])"


def _affine_layers(n: int) -> st.SearchStrategy[AffineLayer]:
    halves = st.sampled_from(_HALVES)
    diag = st.sampled_from((Rat(1), Rat(-1), Rat(2), Rat(1, 2), Rat(-2), Rat(-1, 2)))
    shift = st.sampled_from(_HALVES)

    def build(args: tuple[list[sympy.Rational], ...]) -> AffineLayer:
        lower, d, upper, b = args
        lm, um = sympy.eye(n), sympy.eye(n)
        for i in range(1, n):
            lm[i, i - 1], um[i - 1, i] = lower[i - 1], upper[i - 1]
        a = lm * sympy.diag(*d) * um
        return AffineLayer(tuple(tuple(a[i, j] for j in range(n)) for i in range(n)), tuple(b))

    return st.tuples(
        st.lists(halves, min_size=n - 1, max_size=n - 1),
        st.lists(diag, min_size=n, max_size=n),
        st.lists(halves, min_size=n - 1, max_size=n - 1),
        st.lists(shift, min_size=n, max_size=n),
    ).map(build)


def _coupling_layers(n: int) -> st.SearchStrategy[CouplingLayer]:
    a = st.sampled_from(_HALVES)
    b = st.sampled_from((Rat(0), Rat(1, 2), Rat(-1, 2), Rat(1), Rat(-1)))
    m = max(n - 1, 0)
    return st.builds(
        lambda s, t, r: CouplingLayer(tuple(s), tuple(t), r),
        st.lists(a, min_size=m, max_size=m),
        st.lists(b, min_size=m, max_size=m),
        st.booleans(),
    )


def _hyperbolic_layers() -> st.SearchStrategy[HyperbolicLayer]:
    return st.sampled_from((Rat(1, 2), Rat(-1, 2))).map(HyperbolicLayer)


def diffeomorphisms(n: int, *, max_layers: int = 3) -> st.SearchStrategy[Diffeomorphism]:
    """Strategy for diffeomorphisms of ``Rⁿ`` with exact inverse (see the module docstring)."""
    if n < 1:
        raise ValueError(f"dimension must be >= 1, got {n}")
    layer = st.one_of(_affine_layers(n), _coupling_layers(n), _hyperbolic_layers())
    ys, xs = make_symbols(n, "y"), make_symbols(n, "x")
    return st.lists(layer, min_size=1, max_size=max_layers).map(
        lambda layers: Diffeomorphism(tuple(layers), ys, xs)
    )
