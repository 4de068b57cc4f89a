"""Data-parallel Hessian products over ``torch.distributed``: one all-reduce of ``d`` numbers per product.

Each of the ``W`` ranks of a process group holds a replica of the model and its own shard of the
data, ``n_r`` samples (shards may differ in size; ``N = Σ_r n_r``).  The loss of the whole data is
the sample-count-weighted mean of the ranks' shard losses,

    L(θ) = Σ_r (n_r / N) · L_r(θ),        L_r = mean loss over the shard of rank r,

so (linearity of differentiation) ``∇L = Σ_r (n_r/N) ∇L_r`` and ``H v = Σ_r (n_r/N) H_r v``.
:class:`DistributedHessianOperator` builds the local :class:`~geomcheck.HessianOperator` of the
rank's shard (which already weights its own batches by ``n_b``, so a shard may be a
``DataLoader``), and each product is the local product scaled by ``n_r/N`` followed by one
``all_reduce(SUM)`` of the ``d`` numbers (``d × m`` for a ``matmat`` of ``m`` columns).  The
gradient and the loss are reduced the same way once, at construction (one all-reduce of
``d + 1`` numbers).  This is a derivation, not a formula taken from a source; it is tested
against one process over the whole data (``tests/operators/test_distributed.py``: equal to
``1e-10`` in float64).

**Why every rank runs the same Krylov basis.**  The algorithms of geomcheck (Lanczos, the trace
estimators, the graph curvatures) are deterministic functions of their arguments, their seed and
the products they receive: start vectors and probes are counter-based Rademacher vectors
(:mod:`geomcheck.operators.probes`, SplitMix64, the same bits on every device and machine), and
everything else is arithmetic on the products.  An all-reduce delivers *the same bits* on every
rank: gloo and NCCL compute each element of the sum once and send the result to every rank (ring:
reduce-scatter then all-gather; tree: reduce then broadcast — NCCL's maintainers state it in
NVIDIA/nccl issues 434 and 855).  So, by induction over the products, every rank holds the same
basis, takes the same host-side decisions (convergence checks, restarts, stopping) and returns the
same result, provided the ranks' local arithmetic is deterministic and identical (the same device
model and library versions; with cuDNN/cuBLAS non-deterministic kernels it need not be).  Two
details make it so on CPUs: each reduced product is made contiguous before the all-reduce (a
retained-graph ``matmat`` returns a transposed view, a recomputed one a contiguous block, and
the estimators' later BLAS calls on the two layouts round differently — found by the check
below on a 3-rank run); and MKL's ``gemv`` rounds differently for differently *aligned* inputs
(measured here: 80 of 160 shifted copies differ in the last bit) — torch's allocator aligns every
tensor to 64 bytes, so equal shapes round alike on one machine type, but ranks on different CPU
models may dispatch different kernels: launch them with ``MKL_CBWR=AUTO,STRICT`` (MKL's
conditional numerical reproducibility; with it the shifted copies agree bit for bit).

**Checked, not assumed** (``check_consistency=True``, the default): before each product's
all-reduce the ranks all-reduce a small header (one row of 4 numbers per rank: failed?, number of
columns, an exact 52-bit :func:`fingerprint` of the input's bits — any one-bit change alters it —
and the product index) and compare it on the host.  Ranks whose input differs from rank 0's — diverged Krylov bases, a different seed or
arguments on one rank — raise :class:`DistributedOperatorError` on *every* rank, naming the
ranks, before a wrongly-sized payload could reach the backend (a size mismatch aborts a gloo
process instead of raising).  The header costs one extra small collective and one host
synchronisation per product; ``check_consistency=False`` skips it (one all-reduce per product,
no check; a rank whose product raises then leaves the others waiting for the timeout).

**Failures never hang.**  A rank whose local product raises joins the header collective with
"failed" set, so the other ranks raise at once with its error message (gathered with
``all_gather_object``).  A rank that dies or raises outside a product makes the others' next
collective fail: with gloo at once ("connection reset by peer") when the process has exited, or
after the process group's timeout when it is alive but stuck (``init_process_group(timeout=...)``:
set it to a few minutes rather than the default 30).  Backend errors are re-raised as
:class:`DistributedOperatorError` naming this rank and the product.  With NCCL the watchdog
(``TORCH_NCCL_ASYNC_ERROR_HANDLING``, default on) ends a process whose collective times out.

**Bad input** (raised as :class:`~geomcheck.numeric.InvalidInputError` on every rank, naming the
ranks): no initialised process group; a rank whose local operator cannot be built (its message is
shown: an empty shard, a non-scalar loss, ...); ranks with different parameter counts, parameter
shapes or dtypes; ranks whose parameter *values* differ (the model must be replicated, e.g. by
broadcasting rank 0's ``state_dict``); a ``DataLoader`` whose ``DistributedSampler`` pads the
shards with repeated samples or drops samples (``drop_last``): its products would be those of a
different data set — use :func:`shard_indices` (uneven shards, no repeats) with a ``Subset``.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import torch
from torch import Tensor, nn

from geomcheck.numeric._checks import InvalidInputError
from geomcheck.operators.base import Operator
from geomcheck.operators.hessian import HessianOperator

__all__ = ["DistributedHessianOperator", "DistributedOperatorError", "shard_indices", "fingerprint"]

_DTYPE_CODES = {torch.float32: 1.0, torch.float64: 2.0}
_FP_MASK = (1 << 52) - 1  # fingerprints stay exact in a float64 header
_WEIGHT_PERIOD = 1021


class DistributedOperatorError(RuntimeError):
    """A data-parallel product could not be completed on every rank (a rank failed, died,
    stalled past the timeout, or the ranks' inputs diverged)."""


def _dist() -> Any:
    import torch.distributed as dist

    return dist


def shard_indices(n: int, *, rank: int | None = None, world_size: int | None = None,
                  process_group: Any = None) -> range:
    """The contiguous block of ``range(n)`` that rank ``rank`` of ``world_size`` holds.

    The first ``n mod W`` ranks hold ``⌈n/W⌉`` samples, the others ``⌊n/W⌋``: every sample
    exactly once, no padding (unlike ``DistributedSampler(drop_last=False)``, which repeats
    samples to even the shards).  ``rank`` / ``world_size`` default to the process group's.
    A rank may receive an empty range when ``n < W``; :class:`DistributedHessianOperator`
    then refuses that rank by name.
    """
    if rank is None or world_size is None:
        dist = _dist()
        if not (dist.is_available() and dist.is_initialized()):
            raise InvalidInputError(
                "shard_indices needs rank= and world_size=, or an initialised torch.distributed "
                "process group (torch.distributed.init_process_group, e.g. under torchrun)"
            )
        rank = dist.get_rank(process_group) if rank is None else rank
        world_size = dist.get_world_size(process_group) if world_size is None else world_size
    for name, value, low in (("n", n, 0), ("world_size", world_size, 1), ("rank", rank, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidInputError(f"{name} must be an int >= {low}, got {value!r}")
    if rank >= world_size:
        raise InvalidInputError(f"rank {rank} is not below world_size {world_size}")
    base, extra = divmod(n, world_size)
    start = rank * base + min(rank, extra)
    return range(start, start + base + (1 if rank < extra else 0))


def fingerprint(x: Tensor) -> Tensor:
    """An exact 52-bit fingerprint of the bits of ``x`` (0-d int64 tensor on ``x``'s device).

    Every element's bit pattern (64 bits for float64, 32 for float32) is cut into 16-bit chunks
    ``c_{i,k}``, and ``F = Σ_i Σ_k c_{i,k} · (1 + (i + 257k) mod 1021)  mod 2^52`` over the
    flattened tensor.  Integer arithmetic only, without overflow (each term is below 2^26, the
    sum below 2^63 for up to 3·10¹⁰ elements), so the result is the same on every device and for
    any summation order; equal tensors give equal fingerprints, and changing any *single* bit of
    any element (sign, exponent or mantissa) changes ``F`` by ``±2^j·w`` with ``0 < 2^j·w < 2^26``,
    which is never 0 mod 2^52: always detected.  Element positions are weighted, so most
    permutations change it too.  No host synchronisation.
    """
    flat = x.detach().contiguous().reshape(-1)
    if flat.dtype == torch.float64:
        bits, chunks = flat.view(torch.int64), 4
    elif flat.dtype == torch.float32:
        bits, chunks = flat.view(torch.int32).to(torch.int64), 2
    else:
        raise InvalidInputError(f"fingerprint needs float32 or float64, got {flat.dtype}")
    index = torch.arange(flat.numel(), device=flat.device, dtype=torch.int64)
    total = torch.zeros((), dtype=torch.int64, device=flat.device)
    for k in range(chunks):
        chunk = (bits >> (16 * k)) & 0xFFFF   # arithmetic shift, then mask: the raw 16 bits
        weight = (index + 257 * k).remainder_(_WEIGHT_PERIOD).add_(1)
        total = total + (chunk * weight).sum()
    return total & _FP_MASK


def _structure_code(names: Iterable[str], shapes: Iterable[torch.Size]) -> float:
    text = ";".join(f"{n}:{tuple(s)}" for n, s in zip(names, shapes))
    return float(zlib.crc32(text.encode()))


def _sampler_problem(data: Any) -> str | None:
    """Why a DataLoader's DistributedSampler gives the wrong data set (padding or drop_last)."""
    from torch.utils.data import DataLoader
    from torch.utils.data.distributed import DistributedSampler

    if not isinstance(data, DataLoader):
        return None
    sampler = data.sampler
    if not isinstance(sampler, DistributedSampler) and data.batch_sampler is not None:
        sampler = getattr(data.batch_sampler, "sampler", sampler)
    if not isinstance(sampler, DistributedSampler):
        return None
    n = len(sampler.dataset)  # type: ignore[arg-type]
    covered = sampler.num_samples * sampler.num_replicas
    if covered > n:
        return (f"its DistributedSampler pads the shards to {sampler.num_samples} samples each by "
                f"repeating {covered - n} of the {n} samples (drop_last=False): the Hessian would "
                "weight those samples twice")
    if covered < n:
        return (f"its DistributedSampler drops {n - covered} of the {n} samples (drop_last=True): "
                "the Hessian would be that of a subset")
    return None


class DistributedHessianOperator(Operator):
    """The Hessian of the loss over the union of the ranks' data shards (module docstring).

    Same interface as :class:`~geomcheck.HessianOperator` — ``matvec``, ``matmat``,
    ``gradient``, ``loss``, ``shape``, ``dtype``, ``device``, ``num_matvecs`` — so
    :func:`geomcheck.lanczos`, :func:`geomcheck.graph_principal_curvatures` and the estimators
    run on it unchanged.  Every rank must build it and call the same algorithms with the same
    arguments and seeds, in the same order (SPMD, as under ``torchrun``); every rank then returns
    the same result.

    Args:
        model: the rank's replica (identical parameters on every rank: checked).
        loss_fn: ``loss_fn(outputs, targets) -> scalar`` (mean over the batch).
        data: the rank's shard — one ``(inputs, targets)`` batch or a re-iterable of batches (a
            ``DataLoader``: over a ``Subset`` from :func:`shard_indices`, or with a
            ``DistributedSampler`` whose shards cover the data exactly once).
        process_group: the group to reduce over (default: the default group).
        params, hvp, allow_train_mode, check_data, allow_tf32, matmat: as for
            :class:`~geomcheck.HessianOperator`, applied to the local shard.
        check_consistency: compare a per-rank header before each product (module docstring).

    Attributes:
        local: the rank's :class:`~geomcheck.HessianOperator` over its shard.
        rank, world_size: of the process group.
        num_samples: ``N``, all ranks; ``local_num_samples``: ``n_r``; ``weight``: ``n_r / N``.
        gradient ``(d,)``, loss (0-d): of the whole data, identical on every rank.
        num_allreduces: collectives issued by products (headers included).
    """

    def __init__(
        self,
        model: nn.Module,
        loss_fn: Callable[[Any, Any], Tensor],
        data: Any,
        *,
        process_group: Any = None,
        params: Iterable[Any] | None = None,
        hvp: str = "auto",
        allow_train_mode: bool = False,
        check_data: bool = True,
        allow_tf32: bool = False,
        check_consistency: bool = True,
        matmat: str = "auto",
    ) -> None:
        dist = _dist()
        if not (dist.is_available() and dist.is_initialized()):
            raise InvalidInputError(
                "DistributedHessianOperator needs an initialised torch.distributed process group: "
                "launch with torchrun and call torch.distributed.init_process_group(backend) first "
                "(gloo for CPUs, nccl for GPUs); for one process use HessianOperator"
            )
        self.process_group = process_group
        self.rank: int = dist.get_rank(process_group)
        self.world_size: int = dist.get_world_size(process_group)
        if self.rank < 0:
            raise InvalidInputError("this process is not a member of process_group")
        self.backend: str = str(dist.get_backend(process_group))
        self.check_consistency = bool(check_consistency)
        self.num_allreduces = 0
        self._index = 0
        self._header_device = (torch.device("cuda", torch.cuda.current_device())
                               if self.backend == "nccl" else torch.device("cpu"))

        # ---- 1. the local operator, and any failure, without leaving the other ranks waiting
        local: HessianOperator | None = None
        failure: BaseException | None = None
        try:
            problem = _sampler_problem(data)
            if problem is not None:
                raise InvalidInputError(f"data is a DataLoader whose {problem}; use a Subset of "
                                        "shard_indices(len(dataset)) instead")
            local = HessianOperator(model, loss_fn, data, params=params, hvp=hvp,
                                    allow_train_mode=allow_train_mode, check_data=check_data,
                                    allow_tf32=allow_tf32, matmat=matmat)
            if self.backend == "nccl" and local.device.type != "cuda":
                raise InvalidInputError(f"the NCCL backend needs the model on a CUDA device, it is on {local.device}")
        except Exception as err:  # reported to every rank below
            failure = err
        info = torch.zeros(self.world_size, 6, dtype=torch.float64, device=self._header_device)
        if local is not None:
            params_flat = torch.cat([p.detach().reshape(-1) for p in local._point])
            info[self.rank] = torch.tensor(
                [1.0, float(local.size), _DTYPE_CODES[local.dtype], float(local.num_samples),
                 _structure_code(local.param_names, local._shapes), 0.0], dtype=torch.float64,
                device=self._header_device)
            info[self.rank, 5] = fingerprint(params_flat).to(self._header_device, torch.float64)
        self._collective(info, "the exchange of shard sizes and parameter shapes")
        rows = info.cpu().tolist()
        failed = [r for r, row in enumerate(rows) if row[0] != 1.0]
        if failed:
            messages = self._gather_messages(failure)
            detail = "; ".join(f"rank {r}: {messages[r]}" for r in failed)
            raise InvalidInputError(
                f"DistributedHessianOperator could not be built on rank(s) {failed}: {detail}"
            ) from failure
        assert local is not None
        ref = rows[0]
        names = {1: "parameter count d", 2: "dtype", 4: "parameter names/shapes", 5: "parameter values"}
        for col, what in names.items():
            bad = [r for r, row in enumerate(rows) if row[col] != ref[col]]
            if bad:
                shown = ", ".join(f"rank {r}: {_describe(col, rows[r][col])}" for r in [0, *bad])
                hint = (" — the model must be replicated (broadcast rank 0's state_dict before "
                        "building the operator)") if col == 5 else ""
                raise InvalidInputError(
                    f"ranks {bad} differ from rank 0 in their {what} ({shown}){hint}"
                )
        counts = [int(row[3]) for row in rows]
        total = sum(counts)
        self.local = local
        self.local_num_samples = counts[self.rank]
        self.shard_sizes: tuple[int, ...] = tuple(counts)
        self.num_samples = total
        self.weight = counts[self.rank] / total
        super().__init__(local.size, local.dtype, local.device)

        # ---- 2. gradient and loss of the whole data: one all-reduce of d + 1 numbers
        buf = torch.cat([local.gradient.reshape(-1), local.loss.reshape(1)]).mul_(self.weight)
        self._collective(buf, "the gradient and loss")
        self.gradient: Tensor = buf[:-1].clone()
        self.loss: Tensor = buf[-1].clone()

    # ---------------------------------------------------------------- passthrough
    @property
    def hvp_mode(self) -> str:
        return self.local.hvp_mode

    @property
    def param_names(self) -> tuple[str, ...]:
        return self.local.param_names

    def release(self) -> None:
        """Free the local retained graph (see :meth:`HessianOperator.release`)."""
        self.local.release()

    # ---------------------------------------------------------------- collectives
    def _collective(self, tensor: Tensor, what: str) -> None:
        dist = _dist()
        try:
            dist.all_reduce(tensor, op=dist.ReduceOp.SUM, group=self.process_group)
        except Exception as err:
            raise DistributedOperatorError(
                f"rank {self.rank}: the all-reduce of {what} failed ({type(err).__name__}: "
                f"{_first_line(err)}). Another rank has probably raised, exited or stalled past the "
                "process group's timeout, or is not running the same algorithm (every rank must make "
                "the same calls on this operator); see its output"
            ) from err

    def _gather_messages(self, failure: BaseException | None) -> list[str]:
        dist = _dist()
        mine = "" if failure is None else f"{type(failure).__name__}: {failure}"
        out: list[Any] = [None] * self.world_size
        try:
            dist.all_gather_object(out, mine, group=self.process_group)
        except Exception as err:
            raise DistributedOperatorError(
                f"rank {self.rank}: gathering the other ranks' error messages failed "
                f"({type(err).__name__}: {_first_line(err)})"
            ) from (failure or err)
        return [str(m) for m in out]

    def _product(self, X: Tensor, local_fn: Callable[[Tensor], Tensor]) -> Tensor:
        index = self._index
        self._index += 1
        out: Tensor | None = None
        failure: BaseException | None = None
        try:
            # one memory layout on every rank (a retained-graph matmat returns a transposed
            # view, a recomputed one a contiguous block): later BLAS calls on the reduced block
            # then take the same code path, and round alike, on every rank
            out = local_fn(X).mul(self.weight).contiguous()
        except Exception as err:
            failure = err
        if self.check_consistency:
            m = 1 if X.ndim == 1 else X.shape[1]
            header = torch.zeros(self.world_size, 4, dtype=torch.float64, device=self._header_device)
            header[self.rank, 0] = 1.0 if failure is not None else 0.0
            header[self.rank, 1] = float(m)
            header[self.rank, 2] = fingerprint(X).to(self._header_device, torch.float64)
            header[self.rank, 3] = float(index)
            self.num_allreduces += 1
            self._collective(header, f"the header of product #{index}")
            rows = header.cpu().tolist()
            failed = [r for r, row in enumerate(rows) if row[0] != 0.0]
            if failed:
                messages = self._gather_messages(failure)
                detail = "; ".join(f"rank {r}: {messages[r]}" for r in failed)
                raise DistributedOperatorError(
                    f"rank {self.rank}: product #{index} failed on rank(s) {failed}: {detail}"
                ) from failure
            ref = rows[0]
            for col, what in ((3, "product index"), (1, "number of columns"), (2, "input vector")):
                bad = [r for r, row in enumerate(rows) if row[col] != ref[col]]
                if bad:
                    raise DistributedOperatorError(
                        f"rank {self.rank}: at product #{index}, ranks {bad} have a different {what} "
                        f"than rank 0 (fingerprints / values: "
                        f"{', '.join(f'rank {r}: {rows[r][col]:.0f}' for r in [0, *bad])}). Every "
                        "rank must run the same algorithm with the same arguments and seed; if they "
                        "do, the ranks' local arithmetic is not bit-identical (different devices or "
                        "non-deterministic kernels) and their Krylov bases diverged"
                    )
        elif failure is not None:
            raise failure
        assert out is not None
        self.num_allreduces += 1
        self._collective(out, f"product #{index}")
        return out

    def _matvec(self, v: Tensor) -> Tensor:
        return self._product(v, self.local.matvec)

    def _matmat(self, V: Tensor) -> Tensor:
        return self._product(V, self.local.matmat)

    def __repr__(self) -> str:
        return (f"DistributedHessianOperator(size={self.size}, rank={self.rank}/{self.world_size}, "
                f"backend={self.backend}, samples={self.local_num_samples}/{self.num_samples}, "
                f"dtype={self.dtype}, device={self.device})")


def _describe(col: int, value: float) -> str:
    if col == 2:
        return {1.0: "float32", 2.0: "float64"}.get(value, str(value))
    if col in (4, 5):
        return f"{int(value):#x}"
    return f"{int(value)}" if math.isfinite(value) else str(value)


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else ""
