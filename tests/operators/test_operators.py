"""Operators (:mod:`geomcheck.operators.base`): products, validation, algebra, counting, scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from geomcheck import DenseOperator, MatvecOperator
from geomcheck.numeric import InvalidInputError
from geomcheck.operators import Operator, as_operator

F64 = torch.float64
F32 = torch.float32


def sym(d: int, seed: int = 0, dtype: torch.dtype = F64) -> torch.Tensor:
    g = torch.randn(d, d, generator=torch.Generator().manual_seed(seed), dtype=F64)
    return ((g + g.T) / 2).to(dtype)


def vec(d: int, seed: int = 1, m: int | None = None, dtype: torch.dtype = F64) -> torch.Tensor:
    shape = (d,) if m is None else (d, m)
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=F64).to(dtype)


# --------------------------------------------------------------------------- DenseOperator
def test_dense_products_shape_and_to_dense() -> None:
    A = sym(7)
    op = DenseOperator(A)
    assert op.shape == (7, 7) and op.size == 7 and op.dtype == F64 and op.device.type == "cpu"
    v, V = vec(7), vec(7, m=3)
    torch.testing.assert_close(op.matvec(v), A @ v, rtol=0, atol=1e-14)
    torch.testing.assert_close(op.matmat(V), A @ V, rtol=0, atol=1e-14)
    torch.testing.assert_close(op @ v, A @ v, rtol=0, atol=1e-14)
    torch.testing.assert_close(op @ V, A @ V, rtol=0, atol=1e-14)
    assert torch.equal(op.to_dense(), A)
    assert "DenseOperator" in repr(op)


def test_dense_symmetry_check() -> None:
    A = sym(6)
    B = A.clone()
    B[0, 3] += 1e-3  # relative asymmetry 1e-3 / max|A| ≫ √ε
    with pytest.raises(InvalidInputError, match="not symmetric"):
        DenseOperator(B)
    C = A.clone()
    C[0, 3] += 1e-12  # rounding-level asymmetry is accepted and symmetrised away
    op = DenseOperator(C)
    assert torch.equal(op.matrix, op.matrix.T)
    assert float((op.matrix - A).abs().max()) <= 1e-12
    # the threshold is relative to max(1, max|A|): a large matrix tolerates proportionally more
    big = 1e6 * A
    big[0, 3] += 1e-3  # relative 1e-9 < √ε
    DenseOperator(big)
    with pytest.raises(InvalidInputError, match="not symmetric"):
        DenseOperator(torch.tensor([[0.0, 1.0], [0.0, 0.0]], dtype=F64))
    # float32: √ε32 ≈ 3.5e-4
    A32 = sym(6, dtype=F32)
    A32[1, 2] += 1e-2
    with pytest.raises(InvalidInputError, match="not symmetric"):
        DenseOperator(A32)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_dense_non_finite_rejected(bad: float) -> None:
    A = sym(5)
    A[2, 2] = bad
    with pytest.raises(InvalidInputError, match="non-finite"):
        DenseOperator(A)


@pytest.mark.parametrize("matrix,match", [
    (torch.zeros(3, 4, dtype=F64), "square"),
    (torch.zeros(3, dtype=F64), "square"),
    (torch.zeros(2, 2, 2, dtype=F64), "square"),
    (torch.zeros(0, 0, dtype=F64), "square"),
    (np.eye(3), "torch.Tensor"),
    (torch.eye(3, dtype=torch.int64), "float32 or float64"),
    (torch.eye(3, dtype=torch.float16), "float32 or float64"),
    (torch.eye(3, dtype=torch.complex128), "float32 or float64"),
])
def test_dense_bad_matrix(matrix, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        DenseOperator(matrix)


# --------------------------------------------------------------------------- vector checks
@pytest.mark.parametrize("method", ["matvec", "matmat"])
def test_vector_shape_dtype_device_checks(method: str) -> None:
    op = DenseOperator(sym(5))
    good = vec(5) if method == "matvec" else vec(5, m=2)
    bad_shape = vec(4) if method == "matvec" else vec(4, m=2)
    wrong_ndim = vec(5, m=1) if method == "matvec" else vec(5)
    f = getattr(op, method)
    f(good)
    with pytest.raises(InvalidInputError, match=r"shape"):
        f(bad_shape)
    with pytest.raises(InvalidInputError, match=r"shape"):
        f(wrong_ndim)
    with pytest.raises(InvalidInputError, match=r"dtype torch.float32, the operator has dtype torch.float64"):
        f(good.to(F32))
    with pytest.raises(InvalidInputError, match="torch.Tensor"):
        f(good.numpy())
    assert op.num_matvecs == (1 if method == "matvec" else 2)  # failed calls are not counted


def test_device_mismatch_is_rejected() -> None:
    op = DenseOperator(sym(4))
    meta = torch.zeros(4, dtype=F64, device="meta")
    with pytest.raises(InvalidInputError, match=r"vector is on meta, the operator is on cpu"):
        op.matvec(meta)
    with pytest.raises(InvalidInputError, match=r"on meta"):
        op.matmat(meta[:, None])


# --------------------------------------------------------------------------- MatvecOperator
def test_matvec_operator_products_and_default_matmat() -> None:
    A = sym(6)
    calls = []

    def mv(v):
        calls.append(v.shape)
        return A @ v

    op = MatvecOperator(mv, 6)
    assert op.dtype == F64 and op.device.type == "cpu" and op.shape == (6, 6)
    V = vec(6, m=4)
    torch.testing.assert_close(op.matmat(V), A @ V, rtol=0, atol=1e-14)
    assert calls == [(6,)] * 4  # column by column without a matmat
    assert op.num_matvecs == 4
    torch.testing.assert_close(op.to_dense(), A, rtol=0, atol=1e-14)
    assert op.num_matvecs == 10


def test_matvec_operator_with_block_product() -> None:
    A = sym(6)
    blocks = []
    op = MatvecOperator(lambda v: A @ v, 6, matmat=lambda V: blocks.append(V.shape) or A @ V)
    V = vec(6, m=3)
    torch.testing.assert_close(op.matmat(V), A @ V, rtol=0, atol=1e-14)
    assert blocks == [(6, 3)] and op.num_matvecs == 3
    # empty block: counted as zero products, (d, 0) out
    out = op.matmat(torch.zeros(6, 0, dtype=F64))
    assert out.shape == (6, 0) and op.num_matvecs == 3


@pytest.mark.parametrize("fn,match", [
    (lambda v: torch.zeros(5, dtype=F64), r"returned shape \(5,\), expected \(6,\)"),
    (lambda v: torch.zeros(6, 1, dtype=F64), r"returned shape \(6, 1\), expected \(6,\)"),
    (lambda v: torch.zeros(6, dtype=F32), r"returned dtype torch.float32"),
    (lambda v: v.numpy(), r"returned ndarray, not a torch.Tensor"),
    (lambda v: None, r"returned NoneType"),
])
def test_matvec_operator_output_checks(fn, match: str) -> None:
    op = MatvecOperator(fn, 6)
    with pytest.raises(InvalidInputError, match=match):
        op.matvec(vec(6))


def test_matvec_operator_block_output_checks() -> None:
    op = MatvecOperator(lambda v: v, 4, matmat=lambda V: V[:, :1])
    with pytest.raises(InvalidInputError, match=r"returned shape \(4, 1\), expected \(4, 3\)"):
        op.matmat(vec(4, m=3))


@pytest.mark.parametrize("kwargs,match", [
    ({"matvec": 3, "size": 4}, "callable"),
    ({"matvec": lambda v: v, "size": 0}, "positive int"),
    ({"matvec": lambda v: v, "size": -2}, "positive int"),
    ({"matvec": lambda v: v, "size": 2.0}, "positive int"),
    ({"matvec": lambda v: v, "size": True}, "positive int"),
    ({"matvec": lambda v: v, "size": 3, "dtype": torch.int32}, "float32 or float64"),
])
def test_matvec_operator_bad_construction(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        MatvecOperator(**kwargs)


def test_float32_matvec_operator() -> None:
    A = sym(5, dtype=F32)
    op = MatvecOperator(lambda v: A @ v, 5, dtype=F32)
    torch.testing.assert_close(op.matvec(vec(5, dtype=F32)), A @ vec(5, dtype=F32))
    with pytest.raises(InvalidInputError, match="dtype torch.float64"):
        op.matvec(vec(5))


# --------------------------------------------------------------------------- algebra
def test_algebra_against_dense() -> None:
    A, B = sym(8, 0), sym(8, 1)
    a, b = DenseOperator(A), DenseOperator(B)
    v, V = vec(8, 2), vec(8, 3, m=3)
    cases = {
        "2A - B": (2 * a - b, 2 * A - B),
        "A*3": (a * 3, 3 * A),
        "A + B": (a + b, A + B),
        "-A": (-a, -A),
        "A.shift(2.5)": (a.shift(2.5), A + 2.5 * torch.eye(8, dtype=F64)),
        "(A - B).shift(-1)": ((a - b).shift(-1.0), A - B - torch.eye(8, dtype=F64)),
        "A + dense tensor": (a + B, A + B),
        "0.5*(A+B) - 2*A": (0.5 * (a + b) - 2 * a, 0.5 * (A + B) - 2 * A),
    }
    for name, (op, dense) in cases.items():
        assert isinstance(op, Operator) and op.shape == (8, 8), name
        torch.testing.assert_close(op.matvec(v), dense @ v, rtol=0, atol=1e-13, msg=name)
        torch.testing.assert_close(op.matmat(V), dense @ V, rtol=0, atol=1e-13, msg=name)
        torch.testing.assert_close(op.to_dense(), dense, rtol=0, atol=1e-13, msg=name)
    # products of composite operators do not modify their inputs or the operands
    v0 = v.clone()
    (2 * a - b).shift(1.0).matvec(v)
    assert torch.equal(v, v0) and torch.equal(a.matrix, A)


def test_algebra_counts_products_of_the_parts() -> None:
    a, b = DenseOperator(sym(5, 0)), DenseOperator(sym(5, 1))
    combo = (2 * a - b).shift(1.0)
    combo.matmat(vec(5, m=4))
    combo.matvec(vec(5))
    assert combo.num_matvecs == 5
    assert a.num_matvecs == 5 and b.num_matvecs == 5


def test_algebra_mismatch_rejected() -> None:
    a = DenseOperator(sym(5))
    with pytest.raises(InvalidInputError, match="cannot add"):
        a + DenseOperator(sym(4))
    with pytest.raises(InvalidInputError, match="cannot add"):
        a - DenseOperator(sym(5, dtype=F32))
    with pytest.raises(InvalidInputError, match="expected an Operator"):
        a + 3.0


# --------------------------------------------------------------------------- counting, scipy
def test_num_matvecs_counts_vectors() -> None:
    op = DenseOperator(sym(6))
    op.matvec(vec(6))
    op.matmat(vec(6, m=5))
    op @ vec(6, m=2)
    assert op.num_matvecs == 8
    op.to_dense()
    assert op.num_matvecs == 8  # DenseOperator.to_dense is the stored matrix, no products
    mop = MatvecOperator(lambda v: v * 2, 6)
    mop.to_dense()
    assert mop.num_matvecs == 6


def test_to_scipy_round_trip() -> None:
    from scipy.sparse.linalg import LinearOperator, eigsh

    A = sym(30)
    op = DenseOperator(A)
    lin = op.to_scipy()
    assert isinstance(lin, LinearOperator) and lin.shape == (30, 30) and lin.dtype == np.float64
    x = np.random.default_rng(0).standard_normal(30)
    X = np.random.default_rng(1).standard_normal((30, 4))
    np.testing.assert_allclose(lin.matvec(x), A.numpy() @ x, rtol=0, atol=1e-13)
    np.testing.assert_allclose(lin.rmatvec(x), A.numpy() @ x, rtol=0, atol=1e-13)
    np.testing.assert_allclose(lin.matmat(X), A.numpy() @ X, rtol=0, atol=1e-13)
    np.testing.assert_allclose(lin @ x, A.numpy() @ x, rtol=0, atol=1e-13)
    assert op.num_matvecs == 1 + 1 + 4 + 1
    # float32 operator: scipy sees float64 numbers
    op32 = DenseOperator(A.to(F32))
    out = op32.to_scipy().matvec(x)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, A.numpy() @ x, rtol=1e-5, atol=1e-4)
    # eigsh through the wrapper finds eigvalsh's values
    lam = torch.linalg.eigvalsh(A).numpy()
    np.testing.assert_allclose(np.sort(eigsh(lin, k=3, which="LA")[0]), lam[-3:], rtol=1e-10)


# --------------------------------------------------------------------------- as_operator
def test_as_operator() -> None:
    A = sym(4)
    op = DenseOperator(A)
    assert as_operator(op) is op
    assert isinstance(as_operator(A), DenseOperator)
    pair = as_operator((lambda v: A @ v, 4))
    assert isinstance(pair, MatvecOperator) and pair.size == 4 and pair.dtype == F64
    torch.testing.assert_close(pair.matvec(vec(4)), A @ vec(4))


@pytest.mark.parametrize("obj,match", [
    (object(), "expected an Operator"),
    (np.eye(3), "expected an Operator"),
    ([[1.0, 0.0], [0.0, 1.0]], "expected an Operator"),
    ((3, 4), "expected an Operator"),
    ((lambda v: v,), "expected an Operator"),
    ((lambda v: v, 4, 5), "expected an Operator"),
    ((lambda v: v, 0), "positive int"),
    (torch.zeros(3, 4), "square"),
    (torch.tensor([[1.0, 2.0], [0.0, 1.0]], dtype=F64), "not symmetric"),
])
def test_as_operator_errors(obj, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        as_operator(obj)
