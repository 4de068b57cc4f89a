"""A small real model for the landscape tools: a tanh MLP on scikit-learn's bundled digits.

* data: ``sklearn.datasets.load_digits`` (shipped with scikit-learn, no download): 1,797 images
  of 8 × 8 pixels, scaled ``X / 16``, labels 0–9;
* model: ``Linear(64, h) → tanh → Linear(h, h) → tanh → Linear(h, 10)``, initialised after
  ``torch.manual_seed(seed)``; ``d = 64h + h + h² + h + 10h + 10`` parameters (``h = 32``:
  3,466);
* loss: full-batch mean cross-entropy;
* training: deterministic full-batch Adam (``lr = 1e-2``) for ``steps`` steps — seconds on a
  CPU.  Cross-entropy on separable data has no minimiser, so "trained" means "after this
  budget": the gradient is small, not zero, and the point is not exactly critical (the
  curvature code reports the gradient it sees).

scikit-learn is an optional dependency (``pip install geomcheck[landscape]``); it is imported
only when the data are loaded, with a clear error when it is missing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor, nn

from geomcheck.numeric._checks import InvalidInputError, check_int

__all__ = ["DigitsModel", "load_digits_tensors", "digits_mlp", "digits_model"]


@dataclass
class DigitsModel:
    """A digits MLP at a point: ``model`` (eval mode), data ``(X, y)``, ``loss_fn``, and a summary."""

    model: nn.Module
    X: Tensor
    y: Tensor
    loss_fn: nn.Module
    hidden: int
    seed: int
    steps: int
    loss: float
    grad_norm: float
    accuracy: float
    train_seconds: float

    @property
    def data(self) -> tuple[Tensor, Tensor]:
        return (self.X, self.y)

    @property
    def num_params(self) -> int:
        return sum(p.numel() for p in self.model.parameters())

    def describe(self) -> str:
        state = f"trained ({self.steps} Adam steps, {self.train_seconds:.1f} s)" if self.steps else "untrained (initialisation)"
        return (f"digits MLP 64-{self.hidden}-{self.hidden}-10 tanh, d = {self.num_params:,}, seed {self.seed}, {state}: "
                f"loss {self.loss:.4g}, |grad| {self.grad_norm:.3g}, train accuracy {self.accuracy:.3f}")


def load_digits_tensors(dtype: torch.dtype = torch.float64) -> tuple[Tensor, Tensor]:
    """``(X, y)``: the 1,797 digits, ``X / 16`` in ``dtype`` and integer labels."""
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the digits data need scikit-learn: pip install 'geomcheck[landscape]' "
                          "(or pip install scikit-learn)") from exc
    d = load_digits()
    X = torch.as_tensor(np.asarray(d.data, dtype=np.float64) / 16.0).to(dtype)
    y = torch.as_tensor(np.asarray(d.target, dtype=np.int64))
    return X, y


def digits_mlp(hidden: int, seed: int, dtype: torch.dtype = torch.float64) -> nn.Module:
    """The untrained MLP (``torch.manual_seed(seed)`` before construction)."""
    check_int("hidden", hidden, 1)
    check_int("seed", seed, 0)
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                         nn.Linear(hidden, 10)).to(dtype)


def digits_model(*, hidden: int = 32, seed: int = 0, steps: int = 300, lr: float = 1e-2,
                 dtype: torch.dtype = torch.float64) -> DigitsModel:
    """The digits MLP after ``steps`` full-batch Adam steps (``steps=0``: at its initialisation)."""
    check_int("steps", steps, 0)
    if dtype not in (torch.float32, torch.float64):
        raise InvalidInputError(f"dtype must be float32 or float64, got {dtype}")
    X, y = load_digits_tensors(dtype)
    model = digits_mlp(hidden, seed, dtype)
    loss_fn = nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    if steps:
        opt = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(steps):
            opt.zero_grad(set_to_none=True)
            loss_fn(model(X), y).backward()
            opt.step()
    seconds = time.perf_counter() - t0
    model.eval()
    params = list(model.parameters())
    loss = loss_fn(model(X), y)
    grads = torch.autograd.grad(loss, params)
    for p in params:
        p.grad = None
    gnorm = float(torch.linalg.vector_norm(torch.cat([g.reshape(-1) for g in grads])))
    with torch.no_grad():
        acc = float((model(X).argmax(1) == y).double().mean())
    return DigitsModel(model, X, y, loss_fn, hidden, seed, steps, float(loss.detach()), gnorm, acc, seconds)
