"""Hypothesis strategy for small networks with a loss: the eigensolver's real-world test case.

A :class:`Network` is a float64 MLP ``in → w₁ → … → out`` with random widths and a smooth (or
ReLU) activation, on a seeded random data set (regression with ``MSELoss`` or classification
with ``CrossEntropyLoss``), at its seeded initialisation.  ``loss(θ)`` is the loss as a function
of the flat parameter vector (``torch.func.functional_call``), so dense references
(``torch.autograd.functional.hessian``) and matrix-free operators
(:meth:`Network.operator`, a :class:`~geomcheck.HessianOperator`) see the same function.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st
from torch import Tensor, nn

from geomcheck.operators.hessian import HessianOperator

__all__ = ["Network", "networks", "ACTIVATIONS"]

F64 = torch.float64

#: Activations drawn by :func:`networks` (``"relu"`` only when asked: its Hessian is zero almost
#: everywhere inside a layer, so the loss Hessian comes from the output non-linearity only).
ACTIVATIONS: dict[str, type[nn.Module]] = {
    "tanh": nn.Tanh, "softplus": nn.Softplus, "gelu": nn.GELU, "sigmoid": nn.Sigmoid, "relu": nn.ReLU,
}


@dataclass(frozen=True)
class Network:
    model: nn.Module
    inputs: Tensor
    targets: Tensor
    loss_fn: nn.Module
    widths: tuple[int, ...]
    activation: str
    seed: int

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.model.named_parameters()]

    @property
    def theta(self) -> Tensor:
        """The flat parameter vector (a copy)."""
        return torch.cat([p.detach().reshape(-1) for p in self.model.parameters()]).clone()

    @property
    def d(self) -> int:
        return sum(p.numel() for p in self.model.parameters())

    def loss(self, theta: Tensor) -> Tensor:
        """The mean loss at the flat parameters ``theta``."""
        params, offset = {}, 0
        for name, p in self.model.named_parameters():
            params[name] = theta[offset: offset + p.numel()].view_as(p)
            offset += p.numel()
        out = torch.func.functional_call(self.model, params, (self.inputs,))
        return self.loss_fn(out, self.targets)

    def operator(self) -> HessianOperator:
        return HessianOperator(self.model, self.loss_fn, (self.inputs, self.targets))

    def __repr__(self) -> str:
        return f"Network(widths={self.widths}, activation={self.activation!r}, d={self.d}, seed={self.seed})"

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


@st.composite
def networks(draw: st.DrawFn, *, max_width: int = 8, max_hidden_layers: int = 2, max_inputs: int = 5,
             activations: tuple[str, ...] = ("tanh", "softplus", "gelu", "sigmoid"),
             num_samples: int = 24) -> Network:
    """A :class:`Network`: widths drawn in ``[1, max_width]``, 1 to ``max_hidden_layers`` hidden
    layers, inputs ``N(0, 1)``, a regression (MSE) or 3-class (cross-entropy) task."""
    for a in activations:
        if a not in ACTIVATIONS:
            raise ValueError(f"unknown activation {a!r}; choose from {sorted(ACTIVATIONS)}")
    seed = draw(st.integers(0, 2**31 - 1))
    n_in = draw(st.integers(1, max_inputs))
    hidden = tuple(draw(st.lists(st.integers(1, max_width), min_size=1, max_size=max_hidden_layers)))
    act = draw(st.sampled_from(activations))
    task = draw(st.sampled_from(["regression", "classification"]))
    n_out = 1 if task == "regression" else 3
    gen = torch.Generator().manual_seed(seed)
    torch_state = torch.random.get_rng_state()
    try:
        torch.manual_seed(seed)
        layers: list[nn.Module] = []
        sizes = (n_in,) + hidden
        for a, b in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(a, b), ACTIVATIONS[act]()]
        layers.append(nn.Linear(sizes[-1], n_out))
        model = nn.Sequential(*layers).to(F64).eval()
    finally:
        torch.random.set_rng_state(torch_state)
    X = torch.randn(num_samples, n_in, generator=gen, dtype=F64)
    if task == "regression":
        y = torch.randn(num_samples, 1, generator=gen, dtype=F64)
        loss_fn: nn.Module = nn.MSELoss()
    else:
        y = torch.randint(0, 3, (num_samples,), generator=gen)
        loss_fn = nn.CrossEntropyLoss()
    return Network(model=model, inputs=X, targets=y, loss_fn=loss_fn, widths=(n_in,) + hidden + (n_out,),
                   activation=act, seed=seed)
