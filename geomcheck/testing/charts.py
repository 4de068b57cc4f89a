"""Hypothesis strategy for charts ``φ: ψ ↦ θ`` of ``R^d`` with exact inverses and bounded conditioning.

A :class:`Chart` is a composition of pieces, each a torch map with a closed-form inverse and a
known bound on the condition number of its Jacobian:

* ``"rescale"`` — Dinh et al.'s layer rescaling, generalised: the coordinates are split into
  consecutive groups, group ``i`` multiplied by ``α_i`` (log-uniform in ``[1/s, s]``): the map
  ``(W1, b1, W2) ↦ (αW1, αb1, W2/α)`` of a ReLU layer is the case of two groups ``α, 1/α``.
  ``cond(J) = max α / min α``.
* ``"orthogonal"`` — ``θ = Q ψ`` with a Haar-random orthogonal ``Q`` (seeded): ``cond(J) = 1``;
  the Hessian's spectrum is preserved by it (an isometry), the others are not.
* ``"monotone"`` — elementwise ``θ_i = c_i (ψ_i + a_i(√(1+ψ_i²) − 1))`` with ``|a_i| ≤ 1/2``,
  ``c_i ∈ [1/2, 2]``: derivative ``c_i (1 + a_i ψ/√(1+ψ²)) ∈ [c_i/2, 3c_i/2]``; inverse
  ``ψ = (u − a√(u² + 1 − a²))/(1 − a²)``, ``u = θ/c + a`` (as
  :class:`geomcheck.testing.diffeomorphisms.HyperbolicLayer`).  ``cond(J) ≤ 3 · max c/min c``.
* ``"sinh"`` — elementwise ``θ_i = sinh(ψ_i)`` (inverse ``asinh``): ``cond(J) = max cosh ψ /
  min cosh ψ`` on the drawn points, bounded by keeping ``|ψ| ≤ 3``.

``bound`` multiplies the pieces' bounds (``cond(AB) ≤ cond(A) cond(B)``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from hypothesis import strategies as st
from torch import Tensor

from geomcheck.testing.spectra import orthogonal

__all__ = ["Chart", "ChartPiece", "charts", "rescaling_chart"]

F64 = torch.float64


@dataclass(frozen=True)
class ChartPiece:
    kind: str
    forward: Callable[[Tensor], Tensor]
    inverse: Callable[[Tensor], Tensor]
    bound: float
    description: str


@dataclass(frozen=True)
class Chart:
    """``φ = pieces[-1] ∘ … ∘ pieces[0]`` with its exact inverse; ``bound`` ≥ cond(J) on
    ``|ψ_i| ≤ 3``."""

    pieces: tuple[ChartPiece, ...]
    d: int

    def __call__(self, psi: Tensor) -> Tensor:
        for piece in self.pieces:
            psi = piece.forward(psi)
        return psi

    def inverse(self, theta: Tensor) -> Tensor:
        for piece in reversed(self.pieces):
            theta = piece.inverse(theta)
        return theta

    @property
    def bound(self) -> float:
        return float(np.prod([p.bound for p in self.pieces]))

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(p.kind for p in self.pieces)

    @property
    def isometric(self) -> bool:
        """Only orthogonal pieces: the Hessian's spectrum is preserved too."""
        return all(p.kind == "orthogonal" for p in self.pieces)

    def __repr__(self) -> str:
        return f"Chart(d={self.d}, " + " ∘ ".join(p.description for p in reversed(self.pieces)) + ")"

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


def _rescale(scales: Tensor) -> ChartPiece:
    s = scales.to(F64)
    return ChartPiece("rescale", lambda x: x * s.to(x.dtype), lambda y: y / s.to(y.dtype),
                      float(s.abs().max() / s.abs().min()),
                      f"rescale[{float(s.min()):.3g}..{float(s.max()):.3g}]")


def rescaling_chart(sizes: tuple[int, ...], alphas: tuple[float, ...]) -> Chart:
    """The layer rescaling: ``len(sizes)`` consecutive coordinate groups, group ``i`` scaled by
    ``alphas[i]`` (Dinh et al. 2017: groups ``W1, b1, W2`` with ``α, α, 1/α``)."""
    if len(sizes) != len(alphas) or any(a == 0 or not math.isfinite(a) for a in alphas):
        raise ValueError("need one finite non-zero alpha per group")
    scales = torch.cat([torch.full((n,), float(a), dtype=F64) for n, a in zip(sizes, alphas)])
    return Chart((_rescale(scales),), int(sum(sizes)))


def _orthogonal(d: int, seed: int) -> ChartPiece:
    Q = orthogonal(d, seed)
    return ChartPiece("orthogonal", lambda x: Q.to(x.dtype) @ x, lambda y: Q.T.to(y.dtype) @ y, 1.0,
                      f"orthogonal(seed={seed})")


def _monotone(a: Tensor, c: Tensor) -> ChartPiece:
    def fwd(x: Tensor) -> Tensor:
        aa, cc = a.to(x.dtype), c.to(x.dtype)
        return cc * (x + aa * (torch.sqrt(1 + x * x) - 1))

    def inv(y: Tensor) -> Tensor:
        aa, cc = a.to(y.dtype), c.to(y.dtype)
        u = y / cc + aa
        return (u - aa * torch.sqrt(u * u + 1 - aa * aa)) / (1 - aa * aa)

    return ChartPiece("monotone", fwd, inv, 3.0 * float(c.max() / c.min()), "monotone")


def _sinh() -> ChartPiece:
    return ChartPiece("sinh", torch.sinh, torch.asinh, math.cosh(3.0), "sinh")


@st.composite
def charts(draw: st.DrawFn, d: int, *, max_condition: float = 1e4,
           kinds: tuple[str, ...] = ("rescale", "orthogonal", "monotone", "sinh"), max_pieces: int = 3) -> Chart:
    """A :class:`Chart` of ``R^d`` whose Jacobian condition bound is at most ``max_condition``
    (on ``|ψ_i| ≤ 3``), one to ``max_pieces`` pieces of the given ``kinds``."""
    n = draw(st.integers(1, max_pieces))
    pieces: list[ChartPiece] = []
    budget = max_condition
    for _ in range(n):
        kind = draw(st.sampled_from(kinds))
        seed = draw(st.integers(0, 2**31 - 1))
        rng = np.random.default_rng(seed)
        if kind == "rescale":
            span = draw(st.floats(0.0, max(0.0, math.log10(budget))))
            groups = draw(st.integers(1, min(4, d)))
            cuts = np.sort(rng.choice(np.arange(1, d), size=groups - 1, replace=False)) if groups > 1 else []
            sizes = np.diff(np.concatenate([[0], cuts, [d]])).astype(int)
            logs = rng.uniform(-span / 2, span / 2, groups)
            if groups > 1:
                logs[0], logs[-1] = -span / 2, span / 2
            scales = torch.cat([torch.full((int(m),), 10.0 ** float(x), dtype=F64) for m, x in zip(sizes, logs)])
            piece = _rescale(scales)
        elif kind == "orthogonal":
            piece = _orthogonal(d, seed)
        elif kind == "monotone":
            if budget < 12:
                continue
            a = torch.as_tensor(rng.uniform(-0.5, 0.5, d), dtype=F64)
            c = torch.as_tensor(2.0 ** rng.uniform(-1, 1, d), dtype=F64)
            piece = _monotone(a, c)
        else:
            if budget < math.cosh(3.0):
                continue
            piece = _sinh()
        if piece.bound > budget:
            continue
        budget /= piece.bound
        pieces.append(piece)
    if not pieces:
        pieces.append(_orthogonal(d, draw(st.integers(0, 2**31 - 1))))
    return Chart(tuple(pieces), d)
