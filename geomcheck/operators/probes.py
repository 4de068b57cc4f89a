"""Seeded random probe vectors that are bit-identical on every device and machine.

``rademacher(d, seed=s, stream=t)`` returns ``±1`` entries ``1 − 2·bit₃₂(SplitMix64(key + i))``
for ``i = 0 … d−1`` with ``key`` derived from ``(seed, stream)``.  The generator is integer
arithmetic only (wrapping 64-bit multiplication, logical shifts), computed where the vector will
live: on a GPU it costs a few element-wise kernels (no host→device copy of ``d`` numbers, no
CPU ``randn`` of 10⁷ entries), and the result is the same bit pattern on the CPU, on any GPU and
in any dtype — unlike ``torch.randn``, whose streams differ between CPU and CUDA.

SplitMix64 (Steele, Lea & Flood 2014; the seeding generator of ``java.util.SplittableRandom``
and of xoshiro): ``z ← z + 0x9E3779B97F4A7C15``, ``z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9``,
``z ← (z ⊕ z≫27)·0x94D049BB133111EB``, ``z ⊕ z≫31``.  A pure-Python reference is
:func:`splitmix64_reference` (tested against the tensor version).

Rademacher vectors are the standard probes of Hutchinson's trace estimator; Lanczos starts from
:func:`uniform` vectors of the same stream (53 random bits per entry: a structured eigenvector is
never exactly orthogonal to one, as it is to a sign vector with positive probability).
"""

from __future__ import annotations

import torch
from torch import Tensor

__all__ = ["rademacher", "uniform", "splitmix64_reference"]

_MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB


def _signed(x: int) -> int:
    """The int64 with the same bits as the unsigned 64-bit ``x``."""
    x &= _MASK64
    return x - (1 << 64) if x >= 1 << 63 else x


def splitmix64_reference(state: int) -> int:
    """One SplitMix64 output for the (unsigned 64-bit) state *after* the increment."""
    z = state & _MASK64
    z = ((z ^ (z >> 30)) * _M1) & _MASK64
    z = ((z ^ (z >> 27)) * _M2) & _MASK64
    return z ^ (z >> 31)


def _shr(z: Tensor, s: int) -> Tensor:
    """Logical right shift of int64 bit patterns (torch's ``>>`` is arithmetic)."""
    return (z >> s) & ((1 << (64 - s)) - 1)


def _key(seed: int, stream: int) -> int:
    """Mix ``(seed, stream)`` into a 64-bit key (two SplitMix64 rounds)."""
    a = splitmix64_reference((int(seed) * _GOLDEN + _GOLDEN) & _MASK64)
    return splitmix64_reference((a + (int(stream) + 1) * _GOLDEN) & _MASK64)


def _splitmix_stream(d: int, seed: int, stream: int, device: torch.device | str) -> Tensor:
    """``SplitMix64(key + i·γ)`` for ``i = 1 … d`` as int64 bit patterns, on ``device``."""
    key = _signed(_key(seed, stream))
    z = torch.arange(1, d + 1, dtype=torch.int64, device=device)
    z.mul_(_signed(_GOLDEN)).add_(key)      # wrapping int64 arithmetic = arithmetic mod 2^64
    t = torch.empty_like(z)
    for shift, mult in ((30, _M1), (27, _M2)):
        torch.bitwise_right_shift(z, shift, out=t).bitwise_and_((1 << (64 - shift)) - 1)
        z.bitwise_xor_(t).mul_(_signed(mult))
    torch.bitwise_right_shift(z, 31, out=t).bitwise_and_((1 << 33) - 1)
    return z.bitwise_xor_(t)


def rademacher(
    d: int,
    *,
    seed: int,
    stream: int = 0,
    dtype: torch.dtype = torch.float64,
    device: torch.device | str = "cpu",
    columns: int | None = None,
) -> Tensor:
    """``±1`` vector ``(d,)`` (or block ``(d, columns)``, column ``j`` = stream ``stream + j``).

    The same ``(seed, stream)`` gives the same signs on every device and in every dtype.
    """
    if columns is not None:
        return torch.stack(
            [rademacher(d, seed=seed, stream=stream + j, dtype=dtype, device=device) for j in range(columns)],
            dim=1,
        )
    z = _splitmix_stream(d, seed, stream, device)
    z.bitwise_right_shift_(32).bitwise_and_(1)   # bit 32
    return z.mul_(-2).add_(1).to(dtype)


def uniform(
    d: int,
    *,
    seed: int,
    stream: int = 0,
    dtype: torch.dtype = torch.float64,
    device: torch.device | str = "cpu",
) -> Tensor:
    """Entries uniform on ``[−1, 1)`` with 53 random bits: ``2·(z ≫ 11)·2⁻⁵³ − 1`` for the same
    SplitMix64 stream — exact float64 arithmetic (an integer below 2⁵³, a power-of-two scaling, a
    subtraction that is exact), then one IEEE rounding to ``dtype``: the same bits on every device.

    The Lanczos start vector (as ARPACK's ``dlarnv``): unlike a sign vector it is orthogonal to a
    structured eigenvector (``(1, 1)/√2`` of a block ``[[0, a], [a, 0]]``, say) with probability 0
    — a ±1 vector is, with probability 1/2 per such block, which hides that eigenvalue from the
    Krylov space (found by the bridge tests).
    """
    z = _splitmix_stream(d, seed, stream, device)
    z.bitwise_right_shift_(11).bitwise_and_((1 << 53) - 1)
    u = z.to(torch.float64).mul_(2.0 ** -52).sub_(1.0)
    return u.to(dtype)
