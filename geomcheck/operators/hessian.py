"""The Hessian of a loss as an operator: Hessian-vector products, never the matrix.

``HessianOperator(model, loss_fn, data)`` is the Hessian, with respect to a flat vector of the
chosen parameters, of the sample-count-weighted mean loss over the batches of ``data``,

    L(θ) = Σ_b (n_b / N) · loss_fn(model(x_b; θ), y_b),      N = Σ_b n_b,

at the model's parameters when the operator is built (they are copied: later training does not
change the operator).  ``loss_fn`` must return the *mean* loss of a batch (PyTorch's default
``reduction="mean"``); ``n_b`` is the length of the batch's first axis.

Three ways to multiply (``hvp=``), all exact up to rounding:

* ``"retain"`` — double backward on a retained graph: the gradient is built once with
  ``create_graph=True`` and each product is one backward pass through it
  (``∂(gᵀv)/∂θ``); no forward pass per product, memory: the graph of every batch.
* ``"recompute"`` — the same double backward, rebuilding the graph batch by batch for every
  product: memory of one batch, one forward + two backward passes per batch and product.
* ``"jvp"`` — forward-over-reverse, ``torch.func.jvp`` of ``torch.func.grad`` of the functional
  model (``torch.func.functional_call``), batch by batch.

``"auto"`` (default) picks ``"retain"`` for one batch and ``"recompute"`` for several — the
fastest measured per setting (``benchmarks/hvp_variants.py``: on the digits MLP on CPU the
retained graph is fastest because it skips the forward and first backward pass; the numbers are
in the README); an iterable of many batches would hold every batch's graph, so it recomputes.

``matmat`` multiplies several vectors in one call (``matmat=``): ``"vmap"`` batches them with
``torch.func.vmap`` (``is_grads_batched=True`` for the double-backward variants, ``vmap`` over
``jvp`` for the forward mode), ``"loop"`` calls the single product once per column, and
``"auto"`` (default) picks the faster one measured per setting (``benchmarks/matmat_batching.py``;
per column, best of 2, one thread; ``vmap`` in chunks of :data:`VMAP_CHUNK` columns):

* on a CPU with the retained graph, the loop: digits MLP d = 10,230, 16 columns 8.8 ms (loop) vs
  13.3 ms (vmap); 102 columns 11.1 vs 25.1 ms; d = 112,810, 32 columns 68 vs 119 ms — the vmapped
  backward materialises ``(m, d)`` intermediates and runs slower per column than ``m`` passes;
* everywhere else ``vmap``: with ``"recompute"`` / ``"jvp"`` it shares one forward pass per batch
  among the columns (16 columns, d = 10,230 in 3 batches: 12.9 vs 17.5 ms, 15.7 vs 24.2 ms), and on
  a GPU it fills the device (ResNet-18, H200, retained graph: 9.25 ms per column for 4 columns
  vs 15.09 ms per product).

If the model does not support ``vmap`` the operator falls back to the loop once and remembers it
(``matmat_batched`` says whether ``matmat`` is batched).  No product reads a number back to the host,
and no product attaches anything to ``.grad`` of the model's parameters (no reference cycle:
PyHessian's ``backward(create_graph=True)`` leak, its issue 28, cannot happen here).

``HessianOperator.from_function(f, x)``: the Hessian of any torch callable ``f: R^d → R`` at
the point ``x``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import torch
from torch import Tensor, nn

from geomcheck.numeric._checks import SUPPORTED_DTYPES, InvalidInputError
from geomcheck.operators.base import Operator

__all__ = ["HessianOperator", "HVP_MODES", "MATMAT_MODES"]

#: Accepted values of ``hvp=``.
HVP_MODES: tuple[str, ...] = ("auto", "retain", "recompute", "jvp")
#: Accepted values of ``matmat=``.
MATMAT_MODES: tuple[str, ...] = ("auto", "vmap", "loop")
#: Columns per vmapped call: more than this are multiplied in chunks (the vmapped passes hold
#: ``(m, d)`` intermediates and slow down per column beyond ~16–32 columns on a CPU:
#: ``benchmarks/matmat_batching.py``, d = 10,230, ``recompute``: 10.0 ms per column at 16,
#: 12.8 at 32, 23.8 at 102 columns in one call).
VMAP_CHUNK = 16

#: Layers whose train-mode output depends on the batch or on random numbers.
_TRAIN_SENSITIVE = (nn.modules.batchnorm._BatchNorm, nn.modules.dropout._DropoutNd)


def _is_single_batch(data: object) -> bool:
    """One batch is a *tuple* ``(inputs, targets)`` whose ``inputs`` is a tensor; anything else
    (a list of batches, a DataLoader) is an iterable of batches."""
    return isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], Tensor)


def _batch_size(inputs: Any) -> int:
    first = inputs if isinstance(inputs, Tensor) else inputs[0]
    if first.ndim == 0:
        raise InvalidInputError("inputs of a batch must have a batch axis (got a 0-d tensor)")
    return int(first.shape[0])


def _to_device(x: Any, device: torch.device) -> Any:
    if isinstance(x, Tensor):
        return x.to(device, non_blocking=True)
    if isinstance(x, (tuple, list)):
        return type(x)(_to_device(t, device) for t in x)
    return x


class HessianOperator(Operator):
    """Hessian-vector products of a model's loss (see the module docstring for the formula).

    Args:
        model: a ``torch.nn.Module``.
        loss_fn: ``loss_fn(outputs, targets) -> scalar`` (mean over the batch).
        data: one batch ``(inputs, targets)`` or a re-iterable of batches (a ``DataLoader``, a
            list).  ``inputs`` is a tensor (or a tuple of tensors passed as positional
            arguments); batches are moved to the parameters' device.
        params: the parameters to differentiate — ``None`` (every parameter that requires
            grad), or an iterable of the model's parameters or of their names.
        hvp: ``"auto"``, ``"retain"``, ``"recompute"`` or ``"jvp"`` (module docstring).
        allow_train_mode: accept a model in train mode that has BatchNorm or Dropout layers
            (their products depend on batch statistics or random masks).
        check_data: for an iterable of batches, compute the gradient twice and raise if the two
            passes differ (shuffling with augmentation, random crops, sampling with
            replacement: every product would be of a different function).
        matmat: ``"auto"``, ``"vmap"`` or ``"loop"`` — how ``matmat`` multiplies several
            vectors (module docstring: ``"auto"`` is the faster one measured per setting).
        allow_tf32: let float32 products on a GPU use TF32 tensor cores (PyTorch's default for
            cuDNN convolutions). Off by default: TF32 keeps 10 mantissa bits, and on ResNet-18
            (H200) it moved λ_max by 9·10⁻⁴ relative against float64, while exact float32 agrees
            to ~10⁻⁶ (``benchmarks/gpu_eigen.py``). Products and the gradient are computed with
            TF32 disabled unless this is True.

    Attributes: ``gradient`` ``(d,)`` and ``loss`` (0-d) at the point, computed once;
    ``num_samples``; ``param_names``; ``hvp_mode`` (the resolved mode); ``num_matvecs``.
    """

    def __init__(
        self,
        model: nn.Module,
        loss_fn: Callable[[Any, Any], Tensor],
        data: Any,
        *,
        params: Iterable[Any] | None = None,
        hvp: str = "auto",
        allow_train_mode: bool = False,
        check_data: bool = True,
        allow_tf32: bool = False,
        matmat: str = "auto",
    ) -> None:
        if not isinstance(model, nn.Module):
            raise InvalidInputError(f"model must be a torch.nn.Module, got {type(model).__name__}")
        if not callable(loss_fn):
            raise InvalidInputError(f"loss_fn must be callable, got {type(loss_fn).__name__}")
        if hvp not in HVP_MODES:
            raise InvalidInputError(f"hvp must be one of {HVP_MODES}, got {hvp!r}")
        if matmat not in MATMAT_MODES:
            raise InvalidInputError(f"matmat must be one of {MATMAT_MODES}, got {matmat!r}")
        names, tensors = self._select_params(model, params)
        dtypes = {t.dtype for t in tensors}
        devices = {t.device for t in tensors}
        if len(dtypes) != 1 or len(devices) != 1:
            raise InvalidInputError(
                f"the chosen parameters must share one dtype and device, got dtypes "
                f"{sorted(map(str, dtypes))} and devices {sorted(map(str, devices))}"
            )
        dtype, device = dtypes.pop(), devices.pop()
        if dtype not in SUPPORTED_DTYPES:
            raise InvalidInputError(f"parameters have dtype {dtype}; float32 or float64 needed")
        if model.training and not allow_train_mode:
            sensitive = [n or type(model).__name__ for n, mod in model.named_modules()
                         if isinstance(mod, _TRAIN_SENSITIVE)]
            if sensitive:
                raise InvalidInputError(
                    "model is in train mode and has BatchNorm/Dropout layers "
                    f"({', '.join(sensitive[:5])}{', ...' if len(sensitive) > 5 else ''}): its "
                    "products would depend on batch statistics or random masks. Call "
                    "model.eval() first, or pass allow_train_mode=True if that is what you want"
                )
        self.model = model
        self.loss_fn = loss_fn
        self.allow_tf32 = bool(allow_tf32)
        self.param_names: tuple[str, ...] = tuple(names)
        self._shapes = [t.shape for t in tensors]
        self._numels = [t.numel() for t in tensors]
        super().__init__(sum(self._numels), dtype, device)
        # the point: a copy of the parameters (leaf tensors that require grad)
        self._point = [t.detach().clone().requires_grad_(True) for t in tensors]
        self._single = _is_single_batch(data)
        if self._single:
            self._batches: Sequence[Any] | Iterable[Any] = [tuple(data)]
        else:
            if isinstance(data, Tensor) or not isinstance(data, Iterable):
                raise InvalidInputError(
                    "data must be one (inputs, targets) batch or an iterable of such batches, got "
                    f"{type(data).__name__}"
                )
            if iter(data) is data:
                raise InvalidInputError(
                    "data is a one-shot iterator; products need to pass over the data many times: "
                    "pass a DataLoader, a list of batches, or one (inputs, targets) batch"
                )
            self._batches = data
        self.hvp_mode = ("retain" if self._single else "recompute") if hvp == "auto" else hvp
        self._graph_grads: list[Tensor] | None = None
        self._matmat_auto = matmat == "auto"
        self.matmat_batched = self._auto_batched() if self._matmat_auto else matmat == "vmap"
        with self._precision():
            grad, loss, self.num_samples = self._gradient_pass(create_graph=self.hvp_mode == "retain")
        self.gradient: Tensor = torch.cat([g.detach().reshape(-1) for g in grad])
        self.loss: Tensor = loss.detach()
        if not self._single and check_data:
            with self._precision():
                grad2, loss2, n2 = self._gradient_pass(create_graph=False)
            g2 = torch.cat([g.reshape(-1) for g in grad2])
            diff = float(torch.linalg.vector_norm(g2 - self.gradient))
            scale = float(torch.linalg.vector_norm(self.gradient)) + float(self.loss.abs())
            tol = math.sqrt(torch.finfo(dtype).eps) * max(scale, 1e-30)
            if n2 != self.num_samples or diff > tol or abs(float(loss2 - self.loss)) > tol:
                raise InvalidInputError(
                    "two passes over data gave different gradients (|g1 - g2| = "
                    f"{diff:.3g}, losses {float(self.loss):.10g} vs {float(loss2):.10g}, samples "
                    f"{self.num_samples} vs {n2}): the data is not deterministic (random "
                    "augmentation, sampling with replacement, drop_last with shuffling?). "
                    "Products of a changing function are meaningless; fix the data, or pass "
                    "check_data=False if you know better"
                )

    # ---------------------------------------------------------------- construction helpers
    @staticmethod
    def _select_params(model: nn.Module, params: Iterable[Any] | None) -> tuple[list[str], list[Tensor]]:
        named = list(model.named_parameters())
        if params is None:
            chosen = [(n, p) for n, p in named if p.requires_grad]
            if not chosen:
                raise InvalidInputError("the model has no parameter that requires grad")
            return [n for n, _ in chosen], [p for _, p in chosen]
        by_name = dict(named)
        by_id = {id(p): n for n, p in named}
        names: list[str] = []
        for item in params:
            if isinstance(item, str):
                if item not in by_name:
                    raise InvalidInputError(f"the model has no parameter named {item!r}")
                name = item
            elif isinstance(item, Tensor):
                if id(item) not in by_id:
                    raise InvalidInputError(
                        f"a tensor of shape {tuple(item.shape)} in params is not a parameter of the model"
                    )
                name = by_id[id(item)]
            else:
                raise InvalidInputError(f"params must hold parameters or names, got {type(item).__name__}")
            if not by_name[name].requires_grad:
                raise InvalidInputError(f"parameter {name!r} does not require grad")
            if name in names:
                raise InvalidInputError(f"parameter {name!r} is listed twice in params")
            names.append(name)
        if not names:
            raise InvalidInputError("params is empty")
        return names, [by_name[n] for n in names]

    def _iter_batches(self) -> Iterable[tuple[Any, Any, int]]:
        any_batch = False
        for batch in self._batches:
            if not isinstance(batch, (tuple, list)) or len(batch) != 2:
                raise InvalidInputError(
                    f"each batch must be (inputs, targets), got {type(batch).__name__}"
                    + (f" of length {len(batch)}" if isinstance(batch, (tuple, list)) else "")
                )
            inputs, targets = batch
            n = _batch_size(inputs)
            if n == 0:
                continue
            any_batch = True
            yield _to_device(inputs, self.device), _to_device(targets, self.device), n
        if not any_batch:
            raise InvalidInputError("data holds no samples (an empty iterable or empty batches)")

    def _params_dict(self, tensors: Sequence[Tensor]) -> dict[str, Tensor]:
        return dict(zip(self.param_names, tensors))

    def _batch_loss(self, tensors: Sequence[Tensor], inputs: Any, targets: Any) -> Tensor:
        args = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
        out = torch.func.functional_call(self.model, self._params_dict(tensors), args)
        loss = self.loss_fn(out, targets)
        if not isinstance(loss, Tensor):
            raise InvalidInputError(f"loss_fn must return a tensor, got {type(loss).__name__}")
        if loss.numel() != 1:
            raise InvalidInputError(
                f"loss_fn must return a scalar (the mean loss of the batch), got shape "
                f"{tuple(loss.shape)}; use reduction='mean'"
            )
        return loss.reshape(())

    def _gradient_pass(self, *, create_graph: bool) -> tuple[list[Tensor], Tensor, int]:
        """One pass over the data: ``(∇L per parameter, L, N)``; batch by batch, ``Σ n_b ∇L_b / N``."""
        total = 0
        grads: list[Tensor] | None = None
        loss_sum = torch.zeros((), dtype=self.dtype, device=self.device)
        with torch.enable_grad():
            for inputs, targets, n in self._iter_batches():
                total += n
                loss = self._batch_loss(self._point, inputs, targets)
                g = torch.autograd.grad(loss, self._point, create_graph=create_graph, allow_unused=True)
                if self._single:  # weight 1: keep the graph free of scaling ops
                    g = [torch.zeros_like(p) if gi is None else gi for gi, p in zip(g, self._point)]
                    grads, loss_sum = g, loss.detach()
                    continue
                g = [torch.zeros_like(p) if gi is None else gi * n for gi, p in zip(g, self._point)]
                grads = g if grads is None else [a + b for a, b in zip(grads, g)]
                loss_sum = loss_sum + loss.detach() * n
        assert grads is not None
        if not self._single:
            grads = [g / total for g in grads]
        if create_graph:
            self._graph_grads = grads
        return grads, (loss_sum if self._single else loss_sum / total), total

    def loss_function(self) -> Callable[[Tensor], Tensor]:
        """``θ ↦ L(θ)``: the loss as a function of the flat parameter vector, with the weighting
        of the products (:meth:`_gradient_pass`): one batch as is, several as ``Σ n_b L_b / N``."""

        def f(theta: Tensor) -> Tensor:
            parts = self._split(theta)
            if self._single:
                inputs, targets, _ = next(iter(self._iter_batches()))
                return self._batch_loss(parts, inputs, targets)
            total, acc = 0, None
            for inputs, targets, n in self._iter_batches():
                loss = self._batch_loss(parts, inputs, targets) * n
                acc = loss if acc is None else acc + loss
                total += n
            return acc / total

        return f

    # ---------------------------------------------------------------- flat <-> per-parameter
    def _split(self, v: Tensor) -> list[Tensor]:
        return [c.view(s) for c, s in zip(torch.split(v, self._numels), self._shapes)]

    def _split_batched(self, V: Tensor) -> list[Tensor]:
        """``V`` of shape ``(m, d)`` → per-parameter ``(m, *shape)``."""
        m = V.shape[0]
        return [c.reshape(m, *s) for c, s in zip(torch.split(V, self._numels, dim=1), self._shapes)]

    @staticmethod
    def _flat(parts: Sequence[Tensor | None], like: Sequence[Tensor]) -> Tensor:
        return torch.cat([(torch.zeros_like(p) if g is None else g).reshape(-1) for g, p in zip(parts, like)])

    # ---------------------------------------------------------------- products
    @contextlib.contextmanager
    def _precision(self) -> Iterator[None]:
        """Disable TF32 for float32 CUDA work unless ``allow_tf32`` (restores the flags after)."""
        if self.allow_tf32 or self.dtype != torch.float32 or self.device.type != "cuda":
            yield
            return
        old = (torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32)
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
        try:
            yield
        finally:
            torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32 = old

    def _matvec(self, v: Tensor) -> Tensor:
        with self._precision():
            return self._matvec_impl(v)

    def _matmat(self, V: Tensor) -> Tensor:
        with self._precision():
            return self._matmat_impl(V)

    def _matvec_impl(self, v: Tensor) -> Tensor:
        if self.hvp_mode == "retain":
            assert self._graph_grads is not None
            hv = torch.autograd.grad(self._graph_grads, self._point, grad_outputs=self._split(v),
                                     retain_graph=True, allow_unused=True)
            return self._flat(hv, self._point)
        out = torch.zeros(self.size, dtype=self.dtype, device=self.device)
        total = self.num_samples
        for inputs, targets, n in self._iter_batches():
            out.add_(self._batch_hvp(inputs, targets, v), alpha=n / total)
        return out

    def _batch_hvp(self, inputs: Any, targets: Any, v: Tensor) -> Tensor:
        if self.hvp_mode == "jvp":
            point = tuple(p.detach() for p in self._point)
            tangent = tuple(self._split(v))

            def grad_fn(*tensors: Tensor) -> tuple[Tensor, ...]:
                return tuple(torch.func.grad(
                    lambda *ts: self._batch_loss(ts, inputs, targets), argnums=tuple(range(len(tensors)))
                )(*tensors))

            _, hv = torch.func.jvp(grad_fn, point, tangent)
            return torch.cat([h.reshape(-1) for h in hv]).detach()
        with torch.enable_grad():
            loss = self._batch_loss(self._point, inputs, targets)
            g = torch.autograd.grad(loss, self._point, create_graph=True, allow_unused=True)
            used = [(gi, p, vi) for gi, p, vi in zip(g, self._point, self._split(v)) if gi is not None and gi.requires_grad]
            if not used:
                return torch.zeros(self.size, dtype=self.dtype, device=self.device)
            hv = torch.autograd.grad([u[0] for u in used], self._point,
                                     grad_outputs=[u[2] for u in used], allow_unused=True)
        return self._flat(hv, self._point)

    def _auto_batched(self) -> bool:
        """``matmat="auto"``: vmap, except for the retained graph on a CPU, where the loop was
        measured faster (module docstring)."""
        return not (self.hvp_mode == "retain" and self.device.type == "cpu")

    def _matmat_impl(self, V: Tensor) -> Tensor:
        if self.matmat_batched:
            try:
                m, c = V.shape[1], VMAP_CHUNK
                if m <= c:
                    return self._matmat_vmap(V)
                return torch.cat([self._matmat_vmap(V[:, j:j + c]) for j in range(0, m, c)], dim=1)
            except (RuntimeError, NotImplementedError) as err:  # an op without a batching rule
                if "vmap" not in str(err).lower() and "batch" not in str(err).lower():
                    raise
                self.matmat_batched = False
        return torch.stack([self._matvec_impl(V[:, j]) for j in range(V.shape[1])], dim=1)

    def _matmat_vmap(self, V: Tensor) -> Tensor:
        Vt = V.T.contiguous()  # (m, d)
        if self.hvp_mode == "retain":
            assert self._graph_grads is not None
            hv = torch.autograd.grad(self._graph_grads, self._point,
                                     grad_outputs=self._split_batched(Vt), retain_graph=True,
                                     is_grads_batched=True, allow_unused=True)
            m = Vt.shape[0]
            flat = torch.cat([(torch.zeros(m, p.numel(), dtype=self.dtype, device=self.device) if h is None
                               else h.reshape(m, -1)) for h, p in zip(hv, self._point)], dim=1)
            return flat.T
        out = torch.zeros_like(V)
        total = self.num_samples
        for inputs, targets, n in self._iter_batches():
            block = torch.func.vmap(lambda v: self._batch_hvp(inputs, targets, v))(Vt)
            out.add_(block.T, alpha=n / total)
        return out

    def release(self) -> None:
        """Free the retained graph (``hvp="retain"``); later products rebuild it per product."""
        self._graph_grads = None
        if self.hvp_mode == "retain":
            self.hvp_mode = "recompute"
            if self._matmat_auto:
                self.matmat_batched = self._auto_batched()

    # ---------------------------------------------------------------- callables
    @classmethod
    def from_function(cls, f: Callable[[Tensor], Tensor], x: Tensor, *, hvp: str = "retain") -> FunctionHessianOperator:
        """The Hessian of ``f: R^d → R`` at ``x`` (shape ``(d,)``) as an operator."""
        return FunctionHessianOperator(f, x, hvp=hvp)


def check_point(name: str, x: object) -> Tensor:
    """A point of ``R^d``: a 1-d float32/float64 tensor with finite entries (returned detached)."""
    if not isinstance(x, Tensor) or x.ndim != 1 or x.shape[0] < 1:
        raise InvalidInputError(
            f"{name} must be a 1-d tensor (d,), got {type(x).__name__}"
            + (f" of shape {tuple(x.shape)}" if isinstance(x, Tensor) else "")
        )
    if x.dtype not in SUPPORTED_DTYPES:
        raise InvalidInputError(f"{name} has dtype {x.dtype}; float32 or float64 needed")
    if not bool(torch.isfinite(x).all()):
        raise InvalidInputError(f"{name} contains non-finite entries (NaN or Inf)")
    return x.detach()


class FunctionHessianOperator(Operator):
    """Hessian-vector products of a torch callable ``f: R^d → R`` at a point ``x``.

    ``hvp="retain"`` (default): ``g = ∇f(x)`` is built once with ``create_graph=True`` and each
    product is one backward pass; ``"jvp"``: ``torch.func.jvp(torch.func.grad(f), x, v)``.
    ``gradient`` and ``loss`` (= ``f(x)``) are computed once.
    """

    def __init__(self, f: Callable[[Tensor], Tensor], x: Tensor, *, hvp: str = "retain") -> None:
        if not callable(f):
            raise InvalidInputError(f"f must be callable, got {type(f).__name__}")
        check_point("x", x)
        if hvp not in ("retain", "jvp"):
            raise InvalidInputError(f"hvp must be 'retain' or 'jvp' for a function, got {hvp!r}")
        super().__init__(x.shape[0], x.dtype, x.device)
        self.f, self.hvp_mode = f, hvp
        self._x = x.detach().clone().requires_grad_(True)
        with torch.enable_grad():
            y = f(self._x)
            if not isinstance(y, Tensor) or y.numel() != 1:
                shape = tuple(y.shape) if isinstance(y, Tensor) else type(y).__name__
                raise InvalidInputError(f"f must return a scalar tensor, got {shape}")
            if y.dtype != x.dtype:
                raise InvalidInputError(f"f returned dtype {y.dtype} for x of dtype {x.dtype}")
            if not y.requires_grad:
                raise InvalidInputError("f(x) does not depend on x (no autograd graph)")
            (g,) = torch.autograd.grad(y.reshape(()), self._x, create_graph=hvp == "retain")
        self._g = g if hvp == "retain" else None
        self.gradient: Tensor = g.detach()
        self.loss: Tensor = y.detach().reshape(())
        self.matmat_batched = True

    def _matvec(self, v: Tensor) -> Tensor:
        if self.hvp_mode == "retain":
            if not self._g.requires_grad:  # f is affine in x: its Hessian is zero
                return torch.zeros_like(v)
            (hv,) = torch.autograd.grad(self._g, self._x, grad_outputs=v, retain_graph=True, allow_unused=True)
            return torch.zeros_like(v) if hv is None else hv
        x = self._x.detach()
        return torch.func.jvp(torch.func.grad(lambda t: self.f(t).reshape(())), (x,), (v,))[1]

    def _matmat(self, V: Tensor) -> Tensor:
        if self.hvp_mode == "retain":
            if not self._g.requires_grad:
                return torch.zeros_like(V)
            (hv,) = torch.autograd.grad(self._g, self._x, grad_outputs=V.T.contiguous(), retain_graph=True,
                                        is_grads_batched=True, allow_unused=True)
            return torch.zeros_like(V) if hv is None else hv.T
        return torch.func.vmap(self._matvec, in_dims=1, out_dims=1)(V)
