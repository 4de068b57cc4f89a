"""HessianOperator / FunctionHessianOperator against ``torch.func.hessian`` and hand derivations.

Reference: the loss as a function of the *flat* parameter vector, ``f(θ) = loss(model(x; θ), y)``
on the full data set (one batch, mean reduction), differentiated twice by ``torch.func.hessian``.
"""

from __future__ import annotations

import functools
import math

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset

from geomcheck import HessianOperator
from geomcheck.numeric import InvalidInputError
from geomcheck.operators import HVP_MODES, FunctionHessianOperator
from geomcheck.operators.hessian import VMAP_CHUNK

F64 = torch.float64
MODES = ["retain", "recompute", "jvp"]
N = 40


def make_problem(seed: int = 0):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 10), nn.Tanh(), nn.Linear(10, 6), nn.Softplus(), nn.Linear(6, 3)).to(F64)
    gen = torch.Generator().manual_seed(seed + 10)
    x = torch.randn(N, 4, generator=gen, dtype=F64)
    y = torch.randint(0, 3, (N,), generator=gen)
    return model, nn.CrossEntropyLoss(), x, y


def flat_loss(model: nn.Module, loss_fn, x, y, names: list[str] | None = None):
    """``(f, θ0)``: the loss as a function of the flat vector of the parameters ``names``."""
    named = dict(model.named_parameters())
    names = list(named) if names is None else names
    shapes = [named[n].shape for n in names]
    theta0 = torch.cat([named[n].detach().reshape(-1) for n in names])
    fixed = {n: p.detach() for n, p in named.items() if n not in names}

    def f(theta: torch.Tensor) -> torch.Tensor:
        parts = torch.split(theta, [math.prod(s) for s in shapes])
        params = {**fixed, **{n: p.reshape(s) for n, p, s in zip(names, parts, shapes)}}
        return loss_fn(torch.func.functional_call(model, params, (x,)), y)

    return f, theta0


@functools.lru_cache(maxsize=1)
def reference():
    model, loss_fn, x, y = make_problem()
    f, theta0 = flat_loss(model, loss_fn, x, y)
    H = torch.func.hessian(f)(theta0)
    g = torch.func.grad(f)(theta0)
    return H, g, f(theta0).detach()


def rel_err(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().max() / b.abs().max())


def vectors(d: int, m: int, seed: int = 3) -> torch.Tensor:
    return torch.randn(d, m, generator=torch.Generator().manual_seed(seed), dtype=F64)


# --------------------------------------------------------------------------- products
@pytest.mark.parametrize("hvp", MODES + ["auto"])
def test_products_match_torch_func_hessian(hvp: str) -> None:
    H, g, loss = reference()
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, (x, y), hvp=hvp)
    d = H.shape[0]
    assert op.size == d == sum(p.numel() for p in model.parameters())
    assert op.dtype == F64 and op.device.type == "cpu" and op.num_samples == N
    assert op.hvp_mode == ("retain" if hvp == "auto" else hvp)  # one batch: auto → retain
    V = vectors(d, 4)
    for j in range(4):
        assert rel_err(op.matvec(V[:, j]), H @ V[:, j]) <= 1e-12
    MM = op.matmat(V)
    assert rel_err(MM, H @ V) <= 1e-12
    stacked = torch.stack([op.matvec(V[:, j]) for j in range(4)], dim=1)
    assert float((MM - stacked).abs().max()) <= 1e-13 * float(stacked.abs().max())
    # the measured default: a loop over the retained graph on a CPU, vmap otherwise
    assert op.matmat_batched is (op.hvp_mode != "retain")
    assert rel_err(op.to_dense(), H) <= 1e-12
    assert op.num_matvecs == 4 + 4 + 4 + d
    assert rel_err(op.gradient, g) <= 1e-12
    assert abs(float(op.loss) - float(loss)) <= 1e-14 * abs(float(loss))
    assert op.loss.shape == ()


def test_hvp_modes_are_listed() -> None:
    assert set(HVP_MODES) == {"auto", "retain", "recompute", "jvp"}


def test_release_keeps_products_right() -> None:
    H, _, _ = reference()
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, (x, y), hvp="retain")
    op.release()
    assert op.hvp_mode == "recompute"
    v = vectors(H.shape[0], 1)[:, 0]
    assert rel_err(op.matvec(v), H @ v) <= 1e-12


# --------------------------------------------------------------------------- batches
def _split(x, y, sizes):
    out, start = [], 0
    for s in sizes:
        out.append((x[start:start + s], y[start:start + s]))
        start += s
    assert start == len(x)
    return out


@pytest.mark.parametrize("hvp", ["auto"] + MODES)
def test_unequal_batches_give_the_full_batch_hessian(hvp: str) -> None:
    H, g, loss = reference()
    model, loss_fn, x, y = make_problem()
    batches = _split(x, y, [3, 17, 1, 12, 7])  # sample-count weighting matters
    op = HessianOperator(model, loss_fn, batches, hvp=hvp)
    assert op.num_samples == N
    assert op.hvp_mode == ("recompute" if hvp == "auto" else hvp)
    assert rel_err(op.gradient, g) <= 1e-12
    assert abs(float(op.loss) - float(loss)) <= 1e-13 * abs(float(loss))
    V = vectors(H.shape[0], 3)
    assert rel_err(op.matmat(V), H @ V) <= 1e-12
    assert rel_err(op.matvec(V[:, 0]), H @ V[:, 0]) <= 1e-12
    # the unweighted mean of batch means is a different (wrong) function: the test can tell
    with torch.no_grad():
        means = torch.stack([loss_fn(model(xb), yb) for xb, yb in batches]).mean()
    assert abs(float(means) - float(loss)) > 1e-6


def test_dataloader_without_shuffle() -> None:
    H, g, loss = reference()
    model, loss_fn, x, y = make_problem()
    loader = DataLoader(TensorDataset(x, y), batch_size=13, shuffle=False)  # 13, 13, 13, 1
    op = HessianOperator(model, loss_fn, loader)
    assert op.num_samples == N
    assert rel_err(op.to_dense(), H) <= 1e-12
    assert rel_err(op.gradient, g) <= 1e-12
    assert abs(float(op.loss) - float(loss)) <= 1e-13 * abs(float(loss))


def test_dataloader_with_shuffle_but_no_augmentation_is_fine() -> None:
    """Reshuffling changes the batches, not the full-batch function: accepted, same Hessian."""
    H, _, _ = reference()
    model, loss_fn, x, y = make_problem()
    loader = DataLoader(TensorDataset(x, y), batch_size=8, shuffle=True,
                        generator=torch.Generator().manual_seed(0))
    op = HessianOperator(model, loss_fn, loader)
    v = vectors(H.shape[0], 1)[:, 0]
    assert rel_err(op.matvec(v), H @ v) <= 1e-11


# --------------------------------------------------------------------------- parameter subsets
@pytest.mark.parametrize("by", ["name", "tensor"])
@pytest.mark.parametrize("hvp", MODES)
def test_parameter_subset_is_the_hessian_block(by: str, hvp: str) -> None:
    H, _, _ = reference()
    model, loss_fn, x, y = make_problem()
    names = [n for n, _ in model.named_parameters()]
    chosen = ["2.weight", "0.bias"]  # out of model order on purpose
    offsets, start = {}, 0
    for n, p in model.named_parameters():
        offsets[n] = torch.arange(start, start + p.numel())
        start += p.numel()
    idx = torch.cat([offsets[n] for n in chosen])
    params = chosen if by == "name" else [dict(model.named_parameters())[n] for n in chosen]
    op = HessianOperator(model, loss_fn, (x, y), params=params, hvp=hvp)
    assert op.param_names == tuple(chosen) and set(chosen) < set(names)
    block = H[idx][:, idx]
    assert op.size == len(idx)
    assert rel_err(op.to_dense(), block) <= 1e-12
    # independent check of the block: torch.func.hessian of the loss in those parameters only
    f, theta0 = flat_loss(model, loss_fn, x, y, chosen)
    assert rel_err(op.to_dense(), torch.func.hessian(f)(theta0)) <= 1e-12


def test_default_params_skip_frozen_ones() -> None:
    model, loss_fn, x, y = make_problem()
    model[0].weight.requires_grad_(False)
    op = HessianOperator(model, loss_fn, (x, y))
    assert "0.weight" not in op.param_names
    assert op.size == sum(p.numel() for p in model.parameters() if p.requires_grad)


# --------------------------------------------------------------------------- point, side effects
@pytest.mark.parametrize("hvp", MODES)
def test_operator_is_evaluated_at_a_copy_of_the_parameters(hvp: str) -> None:
    H, g, _ = reference()
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, (x, y), hvp=hvp)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.5)  # "training" after the operator was built
    V = vectors(H.shape[0], 2)
    assert rel_err(op.matmat(V), H @ V) <= 1e-12
    assert rel_err(op.gradient, g) <= 1e-12
    # the new point really has a different Hessian (so the check above can fail)
    f, theta1 = flat_loss(model, loss_fn, x, y)
    assert rel_err(torch.func.hessian(f)(theta1) @ V, H @ V) > 1e-3


@pytest.mark.parametrize("hvp", MODES)
def test_no_grad_attached_to_model_parameters(hvp: str) -> None:
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, _split(x, y, [20, 20]) if hvp != "retain" else (x, y), hvp=hvp)
    V = vectors(op.size, 2)
    op.matvec(V[:, 0])
    op.matmat(V)
    assert all(p.grad is None for p in model.parameters())
    assert all(p.requires_grad for p in model.parameters())


# --------------------------------------------------------------------------- bad input
def test_non_scalar_loss() -> None:
    model, _, x, y = make_problem()
    with pytest.raises(InvalidInputError, match=r"scalar.*reduction='mean'"):
        HessianOperator(model, nn.CrossEntropyLoss(reduction="none"), (x, y))
    with pytest.raises(InvalidInputError, match="must return a tensor"):
        HessianOperator(model, lambda out, t: 1.0, (x, y))


def test_bad_params() -> None:
    model, loss_fn, x, y = make_problem()
    model[2].bias.requires_grad_(False)
    with pytest.raises(InvalidInputError, match=r"'2.bias' does not require grad"):
        HessianOperator(model, loss_fn, (x, y), params=["2.bias"])
    with pytest.raises(InvalidInputError, match=r"does not require grad"):
        HessianOperator(model, loss_fn, (x, y), params=[model[2].bias])
    with pytest.raises(InvalidInputError, match=r"no parameter named 'fc9.weight'"):
        HessianOperator(model, loss_fn, (x, y), params=["fc9.weight"])
    with pytest.raises(InvalidInputError, match="not a parameter of the model"):
        HessianOperator(model, loss_fn, (x, y), params=[torch.zeros(3, requires_grad=True)])
    with pytest.raises(InvalidInputError, match="listed twice"):
        HessianOperator(model, loss_fn, (x, y), params=["0.weight", model[0].weight])
    with pytest.raises(InvalidInputError, match="params is empty"):
        HessianOperator(model, loss_fn, (x, y), params=[])
    with pytest.raises(InvalidInputError, match="parameters or names"):
        HessianOperator(model, loss_fn, (x, y), params=[3])
    for p in model.parameters():
        p.requires_grad_(False)
    with pytest.raises(InvalidInputError, match="no parameter that requires grad"):
        HessianOperator(model, loss_fn, (x, y))


def test_bad_data() -> None:
    model, loss_fn, x, y = make_problem()
    with pytest.raises(InvalidInputError, match="no samples"):
        HessianOperator(model, loss_fn, [])
    with pytest.raises(InvalidInputError, match="no samples"):
        HessianOperator(model, loss_fn, [(x[:0], y[:0])])
    with pytest.raises(InvalidInputError, match="one-shot iterator"):
        HessianOperator(model, loss_fn, (b for b in _split(x, y, [20, 20])))
    with pytest.raises(InvalidInputError, match="one-shot iterator"):
        HessianOperator(model, loss_fn, iter(_split(x, y, [20, 20])))
    with pytest.raises(InvalidInputError, match="data must be one"):
        HessianOperator(model, loss_fn, x)
    with pytest.raises(InvalidInputError, match="data must be one"):
        HessianOperator(model, loss_fn, 5)
    with pytest.raises(InvalidInputError, match=r"each batch must be \(inputs, targets\)"):
        HessianOperator(model, loss_fn, [(x, y, y)])
    with pytest.raises(InvalidInputError, match="batch axis"):
        HessianOperator(model, loss_fn, [(torch.tensor(1.0, dtype=F64), y)])


@pytest.mark.parametrize("layer", [nn.Dropout(0.3), nn.BatchNorm1d(10)])
def test_train_mode_with_batch_dependent_layers(layer: nn.Module) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 10), layer, nn.Tanh(), nn.Linear(10, 3)).to(F64)
    _, loss_fn, x, y = make_problem()
    model.train()
    with pytest.raises(InvalidInputError, match=r"train mode.*BatchNorm/Dropout.*model.eval\(\)"):
        HessianOperator(model, loss_fn, (x, y))
    op = HessianOperator(model, loss_fn, (x, y), allow_train_mode=True)
    assert op.size == sum(p.numel() for p in model.parameters())
    model.eval()
    op = HessianOperator(model, loss_fn, (x, y))  # eval mode: accepted
    # ... and then a plain function of the parameters: compare with torch.func.hessian
    f, theta0 = flat_loss(model, loss_fn, x, y)
    assert rel_err(op.to_dense(), torch.func.hessian(f)(theta0)) <= 1e-12


def test_train_mode_without_such_layers_is_fine() -> None:
    model, loss_fn, x, y = make_problem()
    model.train()
    HessianOperator(model, loss_fn, (x, y))


class _NoisyDataset(Dataset):
    """Random augmentation: fresh noise on every access."""

    def __init__(self, x, y) -> None:
        self.x, self.y = x, y

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i] + 0.1 * torch.randn(self.x.shape[1], dtype=F64), self.y[i]


def test_random_augmentation_is_detected() -> None:
    model, loss_fn, x, y = make_problem()
    loader = DataLoader(_NoisyDataset(x, y), batch_size=10, shuffle=False)
    with pytest.raises(InvalidInputError, match="not deterministic"):
        HessianOperator(model, loss_fn, loader)
    HessianOperator(model, loss_fn, loader, check_data=False)  # the user's explicit choice


def test_mixed_dtypes_rejected() -> None:
    model, loss_fn, x, y = make_problem()
    model[2].to(torch.float32)
    with pytest.raises(InvalidInputError, match="share one dtype"):
        HessianOperator(model, loss_fn, (x, y))


@pytest.mark.parametrize("kwargs,match", [
    ({"hvp": "fast"}, "hvp must be one of"),
    ({"model": lambda t: t}, "torch.nn.Module"),
    ({"loss_fn": 3}, "callable"),
])
def test_bad_arguments(kwargs: dict, match: str) -> None:
    model, loss_fn, x, y = make_problem()
    args = {"model": model, "loss_fn": loss_fn, "data": (x, y), **kwargs}
    with pytest.raises(InvalidInputError, match=match):
        HessianOperator(args.pop("model"), args.pop("loss_fn"), args.pop("data"), **args)


def test_float16_parameters_rejected() -> None:
    model, loss_fn, x, y = make_problem()
    model.to(torch.float16)
    with pytest.raises(InvalidInputError, match="float32 or float64"):
        HessianOperator(model, loss_fn, (x.half(), y))


# --------------------------------------------------------------------------- from_function
def _f_quartic(x: torch.Tensor) -> torch.Tensor:
    # f = Σ xᵢ⁴ + x₀x₁  →  ∂²f/∂xᵢ² = 12 xᵢ²,  ∂²f/∂x₀∂x₁ = 1,  all other entries 0
    return (x**4).sum() + x[0] * x[1]


def _h_quartic(x: torch.Tensor) -> torch.Tensor:
    H = torch.diag(12 * x**2)
    H[0, 1] += 1.0
    H[1, 0] += 1.0
    return H


def _f_quadratic(x: torch.Tensor) -> torch.Tensor:
    # f = ½ xᵀ M x + bᵀx with M = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]  →  H = M (any x)
    M = torch.tensor([[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]], dtype=x.dtype)
    return 0.5 * x @ M @ x + x.sum()


def _h_quadratic(x: torch.Tensor) -> torch.Tensor:
    return torch.tensor([[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]], dtype=x.dtype)


def _f_exp_product(x: torch.Tensor) -> torch.Tensor:
    # f = exp(x₀ x₁) + sin(x₂)
    # ∂₀₀ = x₁² e, ∂₁₁ = x₀² e, ∂₀₁ = e + x₀x₁ e (e = exp(x₀x₁)), ∂₂₂ = −sin x₂, others 0
    return torch.exp(x[0] * x[1]) + torch.sin(x[2])


def _h_exp_product(x: torch.Tensor) -> torch.Tensor:
    e = math.exp(float(x[0] * x[1]))
    a, b, c = (float(t) for t in x)
    return torch.tensor([[b * b * e, e + a * b * e, 0.0], [e + a * b * e, a * a * e, 0.0],
                         [0.0, 0.0, -math.sin(c)]], dtype=x.dtype)


def _f_log_sum_sq(x: torch.Tensor) -> torch.Tensor:
    # f = log(1 + ‖x‖²) = log s:  ∇f = 2x/s,  H = 2I/s − 4 x xᵀ/s²
    return torch.log1p((x * x).sum())


def _h_log_sum_sq(x: torch.Tensor) -> torch.Tensor:
    s = 1 + float((x * x).sum())
    return 2 * torch.eye(len(x), dtype=x.dtype) / s - 4 * torch.outer(x, x) / s**2


def _f_relu(x: torch.Tensor) -> torch.Tensor:
    # f = Σ relu(xᵢ)³ + |x₀| x₁²: at a point with x₀ > 0 and no xᵢ = 0 it is smooth;
    # ∂ᵢᵢ = 6 xᵢ [xᵢ > 0] (+ 0 from |x₀| x₁² for i = 0), ∂₁₁ += 2|x₀|, ∂₀₁ = 2 sign(x₀) x₁
    return (torch.relu(x) ** 3).sum() + x[0].abs() * x[1] ** 2


def _h_relu(x: torch.Tensor) -> torch.Tensor:
    H = torch.diag(6 * x * (x > 0))
    H[1, 1] += 2 * abs(float(x[0]))
    H[0, 1] += 2 * math.copysign(1.0, float(x[0])) * float(x[1])
    H[1, 0] = H[0, 1]
    return H


FUNCTIONS = [
    (_f_quartic, _h_quartic, torch.tensor([0.5, -1.5, 2.0, 0.25], dtype=F64)),
    (_f_quadratic, _h_quadratic, torch.tensor([3.0, -2.0, 1.0], dtype=F64)),
    (_f_exp_product, _h_exp_product, torch.tensor([0.3, -0.7, 1.1], dtype=F64)),
    (_f_log_sum_sq, _h_log_sum_sq, torch.tensor([0.3, -0.7, 1.1, 2.0, -0.1], dtype=F64)),
    (_f_relu, _h_relu, torch.tensor([0.8, -1.3, 0.6, -0.2], dtype=F64)),
    (_f_relu, _h_relu, torch.tensor([-0.8, 1.3, -0.6, 0.2], dtype=F64)),
]


@pytest.mark.parametrize("hvp", ["retain", "jvp"])
@pytest.mark.parametrize("f,h,x", FUNCTIONS, ids=lambda v: getattr(v, "__name__", "x"))
def test_from_function_matches_hand_derived_hessian(f, h, x, hvp: str) -> None:
    op = HessianOperator.from_function(f, x, hvp=hvp)
    assert isinstance(op, FunctionHessianOperator) and op.size == len(x)
    expected = h(x)
    torch.testing.assert_close(op.to_dense(), expected, rtol=1e-13, atol=1e-13)
    v = torch.linspace(-1, 1, len(x), dtype=F64)
    torch.testing.assert_close(op.matvec(v), expected @ v, rtol=1e-13, atol=1e-13)
    assert float(op.loss) == pytest.approx(float(f(x)), rel=1e-15)
    torch.testing.assert_close(op.gradient, torch.func.grad(f)(x), rtol=1e-14, atol=1e-14)


def test_from_function_affine_has_zero_hessian() -> None:
    x = torch.tensor([1.0, 2.0], dtype=F64)
    op = HessianOperator.from_function(lambda t: 3 * t[0] - t[1], x)
    assert torch.equal(op.to_dense(), torch.zeros(2, 2, dtype=F64))
    assert torch.equal(op.gradient, torch.tensor([3.0, -1.0], dtype=F64))


def test_from_function_does_not_touch_x() -> None:
    x = torch.tensor([0.5, -1.5, 2.0, 0.25], dtype=F64)
    x0 = x.clone()
    op = HessianOperator.from_function(_f_quartic, x)
    x.add_(1.0)
    torch.testing.assert_close(op.to_dense(), _h_quartic(x0), rtol=1e-13, atol=1e-13)
    assert not x.requires_grad


@pytest.mark.parametrize("f,x,match", [
    (lambda t: t * 2, torch.ones(3, dtype=F64), "scalar"),
    (lambda t: t.sum(), torch.ones(2, 2, dtype=F64), "1-d tensor"),
    (lambda t: t.sum(), torch.ones((), dtype=F64), "1-d tensor"),
    (lambda t: t.sum(), torch.ones(0, dtype=F64), "1-d tensor"),
    (lambda t: t.sum(), [1.0, 2.0], "1-d tensor"),
    (lambda t: t.sum(), torch.tensor([1.0, math.nan], dtype=F64), "non-finite"),
    (lambda t: t.sum(), torch.tensor([1.0, math.inf], dtype=F64), "non-finite"),
    (lambda t: t.sum(), torch.tensor([1, 2]), "float32 or float64"),
    (lambda t: torch.tensor(1.0, dtype=F64), torch.ones(2, dtype=F64), "does not depend on x"),
    (lambda t: t.sum().float(), torch.ones(2, dtype=F64), "dtype"),
    ("f", torch.ones(2, dtype=F64), "callable"),
])
def test_from_function_bad_input(f, x, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        HessianOperator.from_function(f, x)


def test_from_function_bad_mode() -> None:
    with pytest.raises(InvalidInputError, match="'retain' or 'jvp'"):
        HessianOperator.from_function(_f_quartic, torch.ones(4, dtype=F64), hvp="recompute")


@pytest.mark.parametrize("hvp", MODES)
@pytest.mark.parametrize("matmat", ["vmap", "loop"])
def test_matmat_modes_agree_with_the_single_product(hvp: str, matmat: str) -> None:
    H, _, _ = reference()
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, (x, y), hvp=hvp, matmat=matmat)
    assert op.matmat_batched is (matmat == "vmap")
    m = 2 * VMAP_CHUNK + 5  # vmap runs in chunks of VMAP_CHUNK columns: two full ones and a rest
    V = vectors(H.shape[0], m)
    MM = op.matmat(V)
    assert rel_err(MM, H @ V) <= 1e-12
    stacked = torch.stack([op.matvec(V[:, j]) for j in range(m)], dim=1)
    assert float((MM - stacked).abs().max()) <= 1e-13 * float(stacked.abs().max())
    assert op.num_matvecs == 2 * m


def test_release_switches_an_automatic_loop_to_vmap() -> None:
    model, loss_fn, x, y = make_problem()
    op = HessianOperator(model, loss_fn, (x, y))
    assert op.hvp_mode == "retain" and not op.matmat_batched
    op.release()
    assert op.hvp_mode == "recompute" and op.matmat_batched
    fixed = HessianOperator(model, loss_fn, (x, y), matmat="loop")
    fixed.release()
    assert not fixed.matmat_batched


def test_unknown_matmat_mode_is_refused() -> None:
    model, loss_fn, x, y = make_problem()
    with pytest.raises(InvalidInputError, match="matmat must be one of"):
        HessianOperator(model, loss_fn, (x, y), matmat="batched")
