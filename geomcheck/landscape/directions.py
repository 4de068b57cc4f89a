"""Directions in parameter space for 2-D loss projections ``L(θ* + α d₁ + β d₂)``.

A direction is a flat tensor over the chosen parameters, concatenated in the model's
``named_parameters()`` order (the layout of :class:`geomcheck.HessianOperator`), in their dtype
and on their device.

* :func:`random_direction`: ``N(0, I)`` (Goodfellow et al. 2015; 004's ``η, δ``), drawn on the
  CPU in float64 from ``torch.Generator().manual_seed(seed)`` and then cast and moved, so the
  same seed gives the same direction on every device.
* :func:`filter_normalized_direction`: Li et al. (2018, "Visualizing the loss landscape of
  neural nets", Sec. 4): a Gaussian direction rescaled filter by filter, ``d_{i} ← d_{i} ‖θ_{i}‖
  / ‖d_{i}‖`` for each filter ``i`` (index along the first axis: an output channel of a
  convolution, an output unit — a row — of a linear layer) of every parameter with two or more
  axes.  Parameters with one axis (biases, BatchNorm/LayerNorm scales and shifts) are handled by
  the explicit option ``bias_bn``: ``"zero"`` (Li et al.'s code default, ``ignore='biasbn'``:
  ``d = 0``), ``"keep"`` (their alternative, ``d = θ``), or ``"filter"`` (the whole vector is one
  filter: ``d ← d ‖θ‖/‖d‖``).  The ``loss-landscapes`` package (its issue 3) iterates over the
  entries of a 1-D bias as if each were a filter, so each entry is divided by its own
  magnitude: the bias part of its direction is ``±1`` times a per-entry constant, not a
  random direction.  None of the options here does that (tested).
* :func:`hessian_directions` / :func:`principal_curvature_directions`: the eigenvectors of the
  largest and smallest eigenvalue of the Hessian (:func:`geomcheck.lanczos`; 004's Algorithm 1
  computes the same pair) or of the graph's shape operator
  (:func:`geomcheck.graph_principal_curvatures`).

:func:`check_direction` validates a user's direction: size, dtype, finiteness, non-zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor, nn

from geomcheck.numeric._checks import InvalidInputError

__all__ = [
    "BIAS_BN_OPTIONS",
    "parameters_of",
    "flat_parameters",
    "check_direction",
    "random_direction",
    "filter_normalized_direction",
    "DirectionPair",
    "hessian_directions",
    "principal_curvature_directions",
    "cosine",
    "orthonormalize",
]

#: accepted values of ``bias_bn`` in :func:`filter_normalized_direction`
BIAS_BN_OPTIONS: tuple[str, ...] = ("zero", "keep", "filter")


def parameters_of(model: nn.Module, params: Iterable[Any] | None = None) -> tuple[list[str], list[Tensor]]:
    """``(names, tensors)`` of the chosen parameters: all that require grad (``params=None``) or
    the given parameters / names, in ``named_parameters()`` order."""
    if not isinstance(model, nn.Module):
        raise InvalidInputError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    if params is not None:
        wanted = set()
        ids = {id(p): n for n, p in named}
        for item in params:
            if isinstance(item, str):
                wanted.add(item)
            elif isinstance(item, Tensor) and id(item) in ids:
                wanted.add(ids[id(item)])
            else:
                raise InvalidInputError(f"params must hold parameters of the model or their names, got {item!r:.60}")
        unknown = wanted - {n for n, _ in named}
        if unknown:
            raise InvalidInputError(f"the model has no trainable parameter named {sorted(unknown)}")
        named = [(n, p) for n, p in named if n in wanted]
    if not named:
        raise InvalidInputError("no parameter selected (none requires grad)")
    dtypes = {p.dtype for _, p in named}
    devices = {p.device for _, p in named}
    if len(dtypes) != 1 or len(devices) != 1:
        raise InvalidInputError(f"the parameters must share one dtype and device, got {dtypes} and {devices}")
    if next(iter(dtypes)) not in (torch.float32, torch.float64):
        raise InvalidInputError(f"parameters have dtype {next(iter(dtypes))}; float32 or float64 needed")
    return [n for n, _ in named], [p for _, p in named]


def flat_parameters(model: nn.Module, params: Iterable[Any] | None = None) -> Tensor:
    """The chosen parameters as one flat tensor (a detached copy)."""
    _, tensors = parameters_of(model, params)
    return torch.cat([t.detach().reshape(-1) for t in tensors]).clone()


def check_direction(direction: object, size: int, dtype: torch.dtype, device: torch.device | str,
                    name: str = "direction") -> Tensor:
    """``direction`` if it is a finite, non-zero 1-D tensor of ``size`` entries, ``dtype`` and ``device``."""
    if not isinstance(direction, Tensor):
        raise InvalidInputError(f"{name} must be a torch.Tensor, got {type(direction).__name__}")
    if direction.ndim != 1 or direction.numel() != size:
        raise InvalidInputError(f"{name} has shape {tuple(direction.shape)}; a flat vector of {size} entries "
                                "(the model's parameters) is needed")
    if direction.dtype != dtype:
        raise InvalidInputError(f"{name} has dtype {direction.dtype}, the parameters {dtype}: convert it explicitly")
    if torch.device(direction.device) != torch.device(device):
        raise InvalidInputError(f"{name} is on {direction.device}, the parameters on {device}")
    if not bool(torch.isfinite(direction).all()):
        raise InvalidInputError(f"{name} contains NaN or Inf")
    if not bool((direction != 0).any()):
        raise InvalidInputError(f"{name} is the zero vector: it spans no axis of the plot")
    return direction


def _gaussian_like(tensors: list[Tensor], seed: int) -> list[Tensor]:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative int, got {seed!r}")
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(t.shape, generator=gen, dtype=torch.float64).to(dtype=t.dtype, device=t.device)
            for t in tensors]


def random_direction(model: nn.Module, *, seed: int, params: Iterable[Any] | None = None) -> Tensor:
    """A standard Gaussian direction over the chosen parameters (device-independent for a seed)."""
    _, tensors = parameters_of(model, params)
    return torch.cat([g.reshape(-1) for g in _gaussian_like(tensors, seed)])


def filter_normalized_direction(model: nn.Module, *, seed: int, bias_bn: str = "zero",
                                params: Iterable[Any] | None = None) -> Tensor:
    """Li et al.'s filter-normalised random direction (module docstring), ``bias_bn`` explicit.

    For a parameter ``θ`` with ≥ 2 axes and each ``i`` along its first axis:
    ``d_i = g_i · ‖θ_i‖ / ‖g_i‖`` (``g`` the Gaussian draw of :func:`random_direction` with the
    same seed; a zero filter ``θ_i = 0`` gets ``d_i = 0``).  One-axis parameters: ``bias_bn``.
    """
    if bias_bn not in BIAS_BN_OPTIONS:
        raise InvalidInputError(f"bias_bn must be one of {BIAS_BN_OPTIONS}, got {bias_bn!r}")
    _, tensors = parameters_of(model, params)
    parts = []
    for theta, g in zip(tensors, _gaussian_like(tensors, seed)):
        w = theta.detach()
        if w.ndim >= 2:
            gn = g.reshape(g.shape[0], -1).norm(dim=1)
            wn = w.reshape(w.shape[0], -1).norm(dim=1)
            d = g * (wn / gn).reshape(-1, *([1] * (w.ndim - 1)))
        elif bias_bn == "zero":
            d = torch.zeros_like(w)
        elif bias_bn == "keep":
            d = w.clone()
        else:  # "filter": the whole vector is one filter
            d = g * (w.norm() / g.norm())
        parts.append(d.reshape(-1))
    out = torch.cat(parts)
    if not bool((out != 0).any()):
        raise InvalidInputError("the filter-normalised direction is zero (all parameters are zero or one-axis "
                                "with bias_bn='zero')")
    return out


@dataclass(frozen=True)
class DirectionPair:
    """Unit eigen-/principal directions of the largest (``d1``) and smallest (``d2``) eigenvalue
    or principal curvature, with ``values = (largest, smallest)``, Lanczos ``residuals``,
    ``converged`` flags and the products used (``num_matvecs``)."""

    d1: Tensor
    d2: Tensor
    values: tuple[float, float]
    residuals: tuple[float, float]
    converged: tuple[bool, bool]
    num_matvecs: int
    method: str


def _pair(top: Any, low: Any, method: str) -> DirectionPair:
    def unit(r: Any) -> Tensor:
        v = r.eigenvectors[:, 0]
        return v / torch.linalg.vector_norm(v)

    return DirectionPair(unit(top), unit(low), (float(top.eigenvalues[0]), float(low.eigenvalues[0])),
                         (float(top.residuals[0]), float(low.residuals[0])),
                         (bool(top.converged[0]), bool(low.converged[0])), int(top.num_matvecs + low.num_matvecs), method)


def _quiet(run: Any, quiet: bool) -> Any:
    if not quiet:
        return run()
    import warnings

    from geomcheck.eigen import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return run()


def hessian_directions(op: Any, *, tol: float = 1e-6, seed: int = 0, max_iter: int | None = None,
                       quiet: bool = False) -> DirectionPair:
    """Unit eigenvectors of the largest and smallest Hessian eigenvalue, by
    :func:`geomcheck.lanczos` (``which="LA"`` and ``"SA"``) on a Hessian operator.

    004's Algorithm 1 returns the same pair (the largest-magnitude eigenvalue and the one at the
    other end of the spectrum), by ``eigsh`` and a shift (claim 004-alg1).  With ``max_iter`` a
    run may stop unconverged (``converged``/``residuals`` say so; ``quiet`` silences the
    :class:`~geomcheck.eigen.ConvergenceWarning`): for a plot an approximate direction is still a
    direction, and its projected curvature is computed exactly from HVPs.
    """
    from geomcheck.eigen import lanczos

    top = _quiet(lambda: lanczos(op, k=1, which="LA", tol=tol, seed=seed, max_iter=max_iter), quiet)
    low = _quiet(lambda: lanczos(op, k=1, which="SA", tol=tol, seed=seed + 1, max_iter=max_iter), quiet)
    return _pair(top, low, "lanczos")


def principal_curvature_directions(op: Any, *, tol: float = 1e-6, seed: int = 0, max_iter: int | None = None,
                                   quiet: bool = False) -> DirectionPair:
    """Principal directions (unit Euclidean norm in parameter space) of the largest and smallest
    principal curvature of the loss graph, by :func:`geomcheck.graph_principal_curvatures`.  At a
    critical point they are the Hessian's (``max_iter``, ``quiet``: as :func:`hessian_directions`)."""
    from geomcheck.eigen import graph_principal_curvatures

    top = _quiet(lambda: graph_principal_curvatures(op, k=1, which="LA", tol=tol, seed=seed, max_iter=max_iter), quiet)
    low = _quiet(lambda: graph_principal_curvatures(op, k=1, which="SA", tol=tol, seed=seed + 1, max_iter=max_iter), quiet)
    return _pair(top, low, "graph-lanczos")


def cosine(u: Tensor, v: Tensor) -> float:
    """``uᵀv / (‖u‖‖v‖)`` in float64."""
    u64, v64 = u.double(), v.double()
    return float(u64 @ v64 / (torch.linalg.vector_norm(u64) * torch.linalg.vector_norm(v64)))


def orthonormalize(d1: Tensor, d2: Tensor) -> tuple[Tensor, Tensor]:
    """Gram–Schmidt (twice) on ``(d1, d2)``: an orthonormal pair spanning the same plane."""
    q1 = d1 / torch.linalg.vector_norm(d1)
    w = d2 - (q1 @ d2) * q1
    w = w - (q1 @ w) * q1
    n = torch.linalg.vector_norm(w)
    if float(n) <= 100 * torch.finfo(d1.dtype).eps * float(torch.linalg.vector_norm(d2)) or not math.isfinite(float(n)):
        raise InvalidInputError("the two directions are parallel: they span a line, not a plane")
    return q1, w / n
