"""Probe vectors: the tensor SplitMix64 streams against the pure-Python reference."""

from __future__ import annotations

import pytest
import torch

from geomcheck.operators.probes import _GOLDEN, _MASK64, _key, rademacher, splitmix64_reference, uniform


def _reference_words(d: int, seed: int, stream: int) -> list[int]:
    key = _key(seed, stream)
    return [splitmix64_reference((key + i * _GOLDEN) & _MASK64) for i in range(1, d + 1)]


@pytest.mark.parametrize("seed, stream", [(0, 0), (3, 2), (2**40 + 7, 11)])
def test_rademacher_matches_reference(seed: int, stream: int) -> None:
    words = _reference_words(257, seed, stream)
    want = torch.tensor([1.0 - 2.0 * ((w >> 32) & 1) for w in words], dtype=torch.float64)
    assert torch.equal(rademacher(257, seed=seed, stream=stream), want)
    assert torch.equal(rademacher(257, seed=seed, stream=stream, dtype=torch.float32), want.float())


@pytest.mark.parametrize("seed, stream", [(0, 0), (3, 2), (2**40 + 7, 11)])
def test_uniform_matches_reference_exactly(seed: int, stream: int) -> None:
    words = _reference_words(257, seed, stream)
    want = torch.tensor([2.0 * (w >> 11) / 2.0**53 - 1.0 for w in words], dtype=torch.float64)
    got = uniform(257, seed=seed, stream=stream)
    assert torch.equal(got, want)
    assert bool((got >= -1).all() and (got < 1).all())
    assert torch.equal(uniform(257, seed=seed, stream=stream, dtype=torch.float32), want.float())
    assert not torch.equal(uniform(257, seed=seed, stream=stream + 1), got)


def test_uniform_is_not_orthogonal_to_structured_eigenvectors() -> None:
    """Blocks [[0, a], [a, 0]] have eigenvectors (1, ±1)/√2: a sign vector is orthogonal to one of
    them in about half the blocks, a uniform vector in none."""
    d = 2000
    r = rademacher(d, seed=0).reshape(-1, 2)
    u = uniform(d, seed=0).reshape(-1, 2)
    assert int(((r[:, 0] + r[:, 1]) == 0).sum()) > 400
    assert int(((u[:, 0] + u[:, 1]) == 0).sum()) == 0 and int(((u[:, 0] - u[:, 1]) == 0).sum()) == 0
