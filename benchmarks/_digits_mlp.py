"""Shared problem of the Hessian benchmarks: a tanh MLP 64-h-h-10 on scikit-learn's digits.

* data: ``sklearn.datasets.load_digits`` (bundled with scikit-learn, no download), 1,797 images
  of 8×8 pixels, ``X / 16`` in float64, labels 0–9;
* model: ``Linear(64, h) → tanh → Linear(h, h) → tanh → Linear(h, 10)``, float64, initialised
  after ``torch.manual_seed(seed)``; ``d = 64h + h + h² + h + 10h + 10`` (h = 70: 10,230;
  h = 300: 112,810);
* loss: full-batch mean cross-entropy (``nn.CrossEntropyLoss()``);
* training: deterministic full-batch Adam (lr 1e-3) for a fixed number of steps (default
  1,000) from the seeded initialisation — "near a minimum": 100 % training accuracy, loss
  ≈ 4e-3 (h = 70) / 4.5e-4 (h = 300), gradient norm ≈ 3e-3 / 6e-4 (printed at every run).
  Cross-entropy on separable data has no minimiser (its infimum is at infinite weights), so
  training must stop at a budget: full-batch L-BFGS was tried and memorises the data in ~5
  steps (loss 1e-9: a saturated softmax, a Hessian near zero, a degenerate benchmark).  A tanh network is
  not convex, and the Hessian there still has small negative eigenvalues.

The trained weights are kept in memory and cached (``torch.save``) under ``/tmp`` —
``$GEOMCHECK_BENCH_CACHE`` or ``/tmp/geomcheck_bench_cache`` — keyed by ``(h, seed, steps,
torch version)``, so the memory benchmark and reruns skip training; ``cache=False`` (``--no-cache``
in the scripts) retrains.  Nothing is written into the repository.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

__all__ = ["DigitsProblem", "load_digits_tensors", "build_mlp", "train", "digits_problem", "num_params"]

CACHE_DIR = Path(os.environ.get("GEOMCHECK_BENCH_CACHE", "/tmp/geomcheck_bench_cache"))


@dataclass
class DigitsProblem:
    model: nn.Module
    X: torch.Tensor
    y: torch.Tensor
    loss_fn: nn.Module
    hidden: int
    seed: int
    loss: float
    grad_norm: float
    train_seconds: float
    from_cache: bool

    @property
    def d(self) -> int:
        return num_params(self.model)

    @property
    def data(self) -> tuple[torch.Tensor, torch.Tensor]:
        return (self.X, self.y)


def num_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def load_digits_tensors(dtype: torch.dtype = torch.float64) -> tuple[torch.Tensor, torch.Tensor]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    X = torch.as_tensor(np.asarray(digits.data, dtype=np.float64) / 16.0).to(dtype)
    y = torch.as_tensor(np.asarray(digits.target, dtype=np.int64))
    return X, y


def build_mlp(hidden: int, seed: int, dtype: torch.dtype = torch.float64) -> nn.Module:
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(64, hidden), nn.Tanh(),
        nn.Linear(hidden, hidden), nn.Tanh(),
        nn.Linear(hidden, 10),
    )
    return model.to(dtype)


def _full_grad_norm(model: nn.Module, loss_fn: nn.Module, X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    params = [p for p in model.parameters() if p.requires_grad]
    loss = loss_fn(model(X), y)
    grads = torch.autograd.grad(loss, params)
    return float(loss.detach()), float(torch.linalg.vector_norm(torch.cat([g.reshape(-1) for g in grads])))


def train(model: nn.Module, loss_fn: nn.Module, X: torch.Tensor, y: torch.Tensor, *, steps: int,
          lr: float = 1e-3) -> None:
    """Full-batch Adam, ``steps`` steps (deterministic on the CPU for a fixed thread count)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss_fn(model(X), y).backward()
        opt.step()
    for p in model.parameters():
        p.grad = None


def default_steps(hidden: int) -> int:
    """Adam steps: 1,000 (≈ 6 s at h = 70, ≈ 30 s at h = 300 on 2 busy cores)."""
    return 1000


def digits_problem(hidden: int, seed: int = 0, *, steps: int | None = None, cache: bool = True,
                   verbose: bool = True) -> DigitsProblem:
    """The trained (model, X, y, loss_fn) for hidden width ``hidden``; model in eval mode."""
    steps = default_steps(hidden) if steps is None else steps
    X, y = load_digits_tensors()
    loss_fn = nn.CrossEntropyLoss()
    model = build_mlp(hidden, seed)
    key = f"digits_mlp_h{hidden}_seed{seed}_adam{steps}_torch{torch.__version__}.pt"
    path = CACHE_DIR / key
    from_cache = False
    t0 = time.perf_counter()
    if cache and path.exists():
        model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        from_cache = True
    else:
        model.train()
        train(model, loss_fn, X, y, steps=steps)
        if cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            torch.save(model.state_dict(), tmp)
            os.replace(tmp, path)
    seconds = time.perf_counter() - t0
    model.eval()
    loss, gnorm = _full_grad_norm(model, loss_fn, X, y)
    with torch.no_grad():
        acc = float((model(X).argmax(1) == y).double().mean())
    for p in model.parameters():
        p.grad = None
    if verbose:
        how = f"loaded from {path}" if from_cache else f"trained in {seconds:.1f} s (full-batch Adam, {steps} steps)"
        print(f"digits MLP 64-{hidden}-{hidden}-10 tanh, float64, seed {seed}: d = {num_params(model):,}, "
              f"N = {X.shape[0]}; {how}; loss = {loss:.6e}, |grad| = {gnorm:.3e}, train acc = {acc:.4f}")
    return DigitsProblem(model=model, X=X, y=y, loss_fn=loss_fn, hidden=hidden, seed=seed, loss=loss,
                         grad_norm=gnorm, train_seconds=seconds, from_cache=from_cache)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="train the digits MLP and print loss and gradient norm")
    parser.add_argument("--hidden", type=int, nargs="+", default=[70])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    for h in args.hidden:
        digits_problem(h, args.seed, steps=args.steps, cache=not args.no_cache)
