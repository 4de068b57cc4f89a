"""Thick-restart Lanczos (:func:`geomcheck.lanczos`) against independent references.

References: ``torch.linalg.eigvalsh`` of the dense matrix, ``scipy.sparse.linalg.eigsh``, the
dense Hessian of ``torch.func.hessian``, and the residual bounds of symmetric perturbation theory
(Parlett, *The Symmetric Eigenvalue Problem*, Thm 4.5.1 and Thm 11.7.1): for symmetric ``A``,
a unit vector ``x``, any number ``θ`` and ``r = ‖A x − θ x‖``,

    (B1)   min_λ |θ − λ| ≤ r                              (λ over the eigenvalues of A);

and for the Rayleigh quotient ``ρ = xᵀ A x`` with residual ``s = ‖A x − ρ x‖``, if ``λ`` is the
eigenvalue (cluster) nearest ``ρ`` and ``δ`` the distance from ``ρ`` to the rest of the spectrum,

    (B2)   |ρ − λ| ≤ s² / δ.

Every residual used in a bound is measured here, in float64, from the returned vectors.
"""

from __future__ import annotations

import functools
import importlib
import math
import warnings

import numpy as np
import pytest
import scipy.sparse.linalg as spla
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch import nn

import geomcheck
from geomcheck import DenseOperator, EigenResult, HessianOperator, MatvecOperator, lanczos
from geomcheck.eigen import ConvergenceWarning
from geomcheck.numeric import InvalidInputError

from geomcheck.testing.spectra import Spectrum, distinct, examples, spectra, trained_spectrum, two_sided_spectrum, wanted_distinct

F64 = torch.float64
WHICH = ["LA", "SA", "BE", "LM"]
EPS64 = torch.finfo(F64).eps


# --------------------------------------------------------------------------- helpers
def measured(A: torch.Tensor, res: EigenResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Float64 ``(r_θ, ρ, s)`` per returned pair: ``‖Ax − θx‖``, ``xᵀAx``, ``‖Ax − ρx‖`` (unit x)."""
    A = A.to("cpu", F64)
    X = res.eigenvectors.detach().to("cpu", F64)
    X = X / torch.linalg.vector_norm(X, dim=0, keepdim=True)
    AX = A @ X
    theta = res.eigenvalues.to(F64)
    r_theta = torch.linalg.vector_norm(AX - X * theta, dim=0)
    rho = (X * AX).sum(0)
    s = torch.linalg.vector_norm(AX - X * rho, dim=0)
    return r_theta.numpy(), rho.numpy(), s.numpy()


def assert_residual_bounds(A: torch.Tensor, lam: np.ndarray, res: EigenResult) -> None:
    """(B1) and (B2) for every returned pair, with a rounding slack of ``1e3 ε ‖A‖``."""
    norm = float(np.abs(lam).max())
    slack = 1e3 * EPS64 * norm
    r_theta, rho, s = measured(A, res)
    vals, _ = distinct(lam, 1e-11 * norm)  # exact copies split by rounding are one eigenvalue
    for i, theta in enumerate(res.eigenvalues.tolist()):
        dist = np.abs(vals - theta)
        assert dist.min() <= r_theta[i] + slack, (
            f"(B1) violated: θ={theta!r} is {dist.min():.3e} from the spectrum, residual {r_theta[i]:.3e}")
        d_rho = np.abs(vals - rho[i])
        j = int(np.argmin(d_rho))
        delta = float(np.delete(d_rho, j).min())
        assert abs(theta - rho[i]) <= slack, f"θ={theta!r} is not the Rayleigh quotient {rho[i]!r}"
        assert d_rho[j] <= s[i] ** 2 / delta + slack, (
            f"(B2) violated: |ρ−λ|={d_rho[j]:.3e} > s²/δ={s[i] ** 2 / delta:.3e}")


def assert_orthonormal(X: torch.Tensor, atol: float = 1e-10) -> None:
    X = X.detach().to("cpu", F64)
    err = float((X.T @ X - torch.eye(X.shape[1], dtype=F64)).abs().max())
    assert err <= atol, f"eigenvectors not orthonormal: max|XᵀX − I| = {err:.3e}"


def wanted_order(vals: np.ndarray, which: str) -> list[np.ndarray]:
    """Indices of the distinct eigenvalues from the wanted end inwards (one array per end)."""
    n = len(vals)
    if which == "LA":
        return [np.arange(n)[::-1]]
    if which == "SA":
        return [np.arange(n)]
    if which == "LM":
        return [np.argsort(-np.abs(vals), kind="stable")]
    return [np.arange(n), np.arange(n)[::-1]]  # BE: bottom end, top end


def assert_wanted_prefix(lam: np.ndarray, res: EigenResult, k: int, which: str,
                         *, exact_copies: bool) -> None:
    """The returned values are the wanted eigenvalues from the wanted end inwards: no distinct
    eigenvalue nearer the end is skipped, and each appears at least once and at most its
    multiplicity times (``exact_copies``: every value but the innermost exactly its
    multiplicity times, i.e. ``eigvalsh``'s answer with multiplicity)."""
    norm = float(np.abs(lam).max())
    vals, mult = distinct(lam, 1e-11 * norm)
    got = res.eigenvalues.numpy()
    assert got.shape == (k,) and np.all(np.diff(got) >= 0), "eigenvalues not ascending"
    idx = np.array([int(np.argmin(np.abs(vals - g))) for g in got])
    assert np.abs(vals[idx] - got).max() <= 1e-9 * norm, f"a returned value is not an eigenvalue: {got}"
    ends = [idx] if which != "BE" else [idx[: k // 2], idx[k // 2:]]
    for end_idx, ordered in zip(ends, wanted_order(vals, which)):
        if len(end_idx) == 0:
            continue
        pos = {int(v): r for r, v in enumerate(ordered)}
        ranks = sorted(pos[int(i)] for i in end_idx)
        present = sorted(set(ranks))
        assert present == list(range(len(present))), (
            f"{which}: a distinct eigenvalue nearer the wanted end was skipped: got {got}, "
            f"wanted (distinct, from the end) {vals[ordered[:len(present) + 2]]}")
        for r in present:
            count, m = ranks.count(r), int(mult[ordered[r]])
            assert 1 <= count <= m, f"{vals[ordered[r]]} returned {count}x but has multiplicity {m}"
            if exact_copies and r < present[-1]:
                assert count == m, f"{vals[ordered[r]]} found {count}x of multiplicity {m}"


def assert_converged_honestly(A: torch.Tensor, res: EigenResult, norm: float) -> None:
    """A pair marked converged really has ``‖Ax − θx‖ ≤ tol·scale`` (measured, small slack);
    ``norm`` is ``‖A‖₂``."""
    r_theta, _, _ = measured(A, res)
    limit = res.tol * res.scale.numpy() + 1e3 * EPS64 * norm
    bad = res.converged.numpy() & (r_theta > limit)
    assert not bad.any(), f"pairs {np.flatnonzero(bad)} marked converged with residual {r_theta[bad]}"


def run_quiet(*args, **kwargs) -> EigenResult:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        return lanczos(*args, **kwargs)


# --------------------------------------------------------------------------- vs eigvalsh
@settings(max_examples=examples(12))
@given(spec=spectra(max_d=400), which=st.sampled_from(WHICH), data=st.data(),
       tol=st.sampled_from([1e-6, 1e-8, 1e-10]))
def test_matches_eigvalsh_within_residual_bounds(spec: Spectrum, which: str, data, tol: float) -> None:
    k = data.draw(st.integers(1, min(8, spec.max_k(which))), label="k")
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet(A, k=k, which=which, tol=tol)
    assert res.all_converged and res.which == which and res.residual_kind == "lanczos"
    assert res.eigenvalues.dtype == F64 and res.eigenvalues.device.type == "cpu"
    assert res.eigenvectors.shape == (spec.d, k)
    assert_orthonormal(res.eigenvectors)
    assert_residual_bounds(A, lam, res)
    assert_converged_honestly(A, res, spec.norm)
    # the reported (Lanczos) residual is the true one up to the orthogonality loss O(ε‖A‖)
    r_theta, _, _ = measured(A, res)
    assert np.all(r_theta <= res.residuals.numpy() + 1e3 * EPS64 * spec.norm), (
        r_theta, res.residuals.numpy())
    # the right eigenvalues: those at the wanted end, none skipped
    assert_wanted_prefix(lam, res, k, which, exact_copies=False)
    if spec.kind != "multiplicity":
        # every wanted eigenvalue is simple and separated by ≥ MIN_END_GAP·spread: then the
        # answer is exactly the k wanted ones, to the (B2) accuracy tol²·|λ|²/gap ≪ 1e-9·‖A‖
        want = wanted_distinct(lam, k, which, 1e-11 * spec.norm)
        np.testing.assert_allclose(res.eigenvalues.numpy(), want, rtol=0, atol=1e-9 * spec.norm)


@pytest.mark.slow
@settings(max_examples=5)
@given(spec=spectra(min_d=1000, max_d=1400), which=st.sampled_from(WHICH), data=st.data())
def test_matches_eigvalsh_large(spec: Spectrum, which: str, data) -> None:
    k = data.draw(st.integers(1, min(12, spec.max_k(which))), label="k")
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet(A, k=k, which=which, tol=1e-8)
    assert_orthonormal(res.eigenvectors)
    assert_residual_bounds(A, lam, res)
    assert_converged_honestly(A, res, spec.norm)
    assert_wanted_prefix(lam, res, k, which, exact_copies=False)


def test_bounds_are_tight_enough_to_catch_a_wrong_value() -> None:
    """The helpers above reject a perturbed eigenvalue (they are not vacuous)."""
    spec = trained_spectrum(d=200, n_out=3)
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet(A, k=3, which="LA", tol=1e-10)
    assert_residual_bounds(A, lam, res)
    bad = EigenResult(**{**res.__dict__, "eigenvalues": res.eigenvalues + torch.tensor([0, 0, 1e-6], dtype=F64)})
    with pytest.raises(AssertionError):
        assert_residual_bounds(A, lam, bad)
    skipped = EigenResult(**{**res.__dict__, "eigenvalues": torch.tensor(sorted([lam[-4], lam[-2], lam[-1]]))})
    with pytest.raises(AssertionError):
        assert_wanted_prefix(lam, skipped, 3, "LA", exact_copies=False)


# --------------------------------------------------------------------------- vs scipy eigsh
class _Counting:
    """Counts the products scipy asks of a LinearOperator, independently of geomcheck."""

    def __init__(self, lin: spla.LinearOperator) -> None:
        self.lin, self.count = lin, 0

    def operator(self) -> spla.LinearOperator:
        def mv(x):
            self.count += 1
            return self.lin.matvec(x)

        def mm(X):
            self.count += X.shape[1]
            return self.lin.matmat(X)

        return spla.LinearOperator(self.lin.shape, matvec=mv, matmat=mm, rmatvec=mv, dtype=np.float64)


@settings(max_examples=examples(6))
@given(spec=spectra(kinds=("trained", "clusters", "zero_block"), max_d=400),
       which=st.sampled_from(WHICH), data=st.data())
def test_agrees_with_scipy_eigsh(spec: Spectrum, which: str, data) -> None:
    lo = 2 if which == "BE" else 1  # ARPACK: BE needs k ≥ 2
    assume(spec.max_k(which) >= lo)
    k = data.draw(st.integers(lo, min(6, spec.max_k(which))), label="k")
    op = DenseOperator(spec.matrix())
    ours = run_quiet(op, k=k, which=which, tol=1e-10)
    before = op.num_matvecs
    counter = _Counting(op.to_scipy())
    theirs = spla.eigsh(counter.operator(), k=k, which=which, tol=1e-12,
                        v0=np.ones(spec.d) / math.sqrt(spec.d))[0]
    assert counter.count > 0
    assert op.num_matvecs - before == counter.count, "num_matvecs does not count the scipy products"
    np.testing.assert_allclose(ours.eigenvalues.numpy(), np.sort(theirs), rtol=0, atol=1e-9 * spec.norm)


def test_to_scipy_products_are_the_matrix_products() -> None:
    spec = trained_spectrum(d=120, n_out=2)
    op = DenseOperator(spec.matrix())
    lin = op.to_scipy()
    x = np.random.default_rng(0).standard_normal((120, 3))
    np.testing.assert_allclose(lin.matvec(x[:, 0]), spec.matrix().numpy() @ x[:, 0], rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(lin.matmat(x), spec.matrix().numpy() @ x, rtol=1e-13, atol=1e-12)
    assert op.num_matvecs == 4


# --------------------------------------------------------------------------- Hessian of an MLP
def _mlp_problem(seed: int = 0, n: int = 48):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 12), nn.Tanh(), nn.Linear(12, 8), nn.Tanh(), nn.Linear(8, 3)).to(F64)
    gen = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(n, 5, generator=gen, dtype=F64)
    y = torch.randint(0, 3, (n,), generator=gen)
    return model, nn.CrossEntropyLoss(), x, y


@functools.lru_cache(maxsize=2)
def _mlp_reference(seed: int = 0):
    model, loss_fn, x, y = _mlp_problem(seed)
    H = _dense_hessian(model, loss_fn, x, y)
    return model, loss_fn, x, y, H, torch.linalg.eigvalsh(H).numpy()


def _dense_hessian(model: nn.Module, loss_fn, x, y) -> torch.Tensor:
    names = [n for n, _ in model.named_parameters()]
    shapes = [p.shape for _, p in model.named_parameters()]
    flat0 = torch.cat([p.detach().reshape(-1) for p in model.parameters()])

    def f(flat: torch.Tensor) -> torch.Tensor:
        parts = torch.split(flat, [math.prod(s) for s in shapes])
        params = {n: p.reshape(s) for n, p, s in zip(names, parts, shapes)}
        return loss_fn(torch.func.functional_call(model, params, (x,)), y)

    return torch.func.hessian(f)(flat0)


@pytest.mark.parametrize("hvp", ["retain", "recompute", "jvp"])
def test_hessian_operator_extreme_eigenvalues(hvp: str) -> None:
    model, loss_fn, x, y, H, lam = _mlp_reference()
    op = HessianOperator(model, loss_fn, (x, y), hvp=hvp)
    assert op.size == H.shape[0] == 5 * 12 + 12 + 12 * 8 + 8 + 8 * 3 + 3
    norm = float(np.abs(lam).max())
    top = run_quiet(op, k=3, which="LA", tol=1e-10)
    bottom = run_quiet(op, k=2, which="SA", tol=1e-10)
    assert_residual_bounds(H, lam, top)
    assert_residual_bounds(H, lam, bottom)
    np.testing.assert_allclose(top.eigenvalues.numpy(), lam[-3:], rtol=0, atol=1e-8 * norm)
    np.testing.assert_allclose(bottom.eigenvalues.numpy(), lam[:2], rtol=0, atol=1e-8 * norm)
    assert op.num_matvecs == top.num_matvecs + bottom.num_matvecs


# --------------------------------------------------------------------------- ghosts
GHOST_STEPS = 60


def test_plain_lanczos_produces_ghosts_and_reorthogonalised_does_not() -> None:
    spec = trained_spectrum(d=300, n_out=4, seed=0)  # outliers 100, 50, 25, 12.5; bulk in [−0.05, 1]
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    norm = spec.norm
    # the outliers are simple eigenvalues, far from everything else
    outliers = lam[-4:]
    np.testing.assert_allclose(outliers, [12.5, 25, 50, 100], rtol=1e-12)
    assert np.diff(lam)[-4:].min() > 10

    # k = 6 reaches into the bulk, so the plain recurrence runs on after the outliers converge
    k, tol = 6, 1e-8
    plain = lanczos(A, k=k, which="LA", tol=tol, max_iter=GHOST_STEPS, _reorthogonalize=False)
    assert plain.num_matvecs <= GHOST_STEPS
    theta, est = plain.eigenvalues.numpy(), plain.residuals.numpy()
    ghosts = [(i, j) for i in range(k) for j in range(i + 1, k)
              if abs(theta[i] - theta[j]) <= 1e-8 * abs(theta[j])
              and est[i] <= tol * abs(theta[i]) and est[j] <= tol * abs(theta[j])]
    assert ghosts, f"no duplicated Ritz value in {GHOST_STEPS} steps: {theta}"
    for i, _ in ghosts:  # each duplicate copies a *simple* eigenvalue
        near = np.abs(lam - theta[i])
        assert near.min() <= 1e-8 * norm and np.sort(near)[1] > 10
    # with full re-orthogonalisation: exactly the four outliers, once each
    good = run_quiet(A, k=4, which="LA", tol=tol)
    np.testing.assert_allclose(good.eigenvalues.numpy(), outliers, rtol=1e-10)
    assert np.diff(good.eigenvalues.numpy()).min() > 10
    assert_orthonormal(good.eigenvectors)
    for k2 in (6, 8):
        more = run_quiet(A, k=k2, which="LA", tol=tol)
        assert_wanted_prefix(lam, more, k2, "LA", exact_copies=True)
        assert np.diff(more.eigenvalues.numpy()).min() > 1e-9 * norm  # no ghost copies


# --------------------------------------------------------------------------- multiplicities
def _multiple_spectrum(d: int = 240) -> Spectrum:
    """Top: 90 (×3), 60 (×2), 40, 30 (×4); bottom: −2 (×3), −1.5; bulk in [0, 1]."""
    top = [90.0] * 3 + [60.0] * 2 + [40.0] + [30.0] * 4
    bottom = [-2.0] * 3 + [-1.5]
    bulk = np.random.default_rng(5).uniform(0, 1, d - len(top) - len(bottom)).tolist()
    return Spectrum(tuple(sorted(top + bottom + bulk)), 1, "fixed-multiplicity")


@pytest.mark.parametrize("which,k", [("LA", 4), ("LA", 7), ("SA", 2), ("BE", 5), ("LM", 6)])
def test_multiplicity_default_finds_every_wanted_distinct_value(which: str, k: int) -> None:
    """Default: every distinct eigenvalue from the wanted end inwards, none skipped, each at
    least once and at most its multiplicity times.  (Rounding errors, re-orthogonalised, seed the
    other copies of an eigenspace, so *some* copies may be returned, as the docstring says.)"""
    spec = _multiple_spectrum()
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet(A, k=k, which=which, tol=1e-10)
    assert_wanted_prefix(lam, res, k, which, exact_copies=False)
    assert_residual_bounds(A, lam, res)
    assert_orthonormal(res.eigenvectors)


@pytest.mark.parametrize("which,k", [("LA", 4), ("LA", 9), ("SA", 3), ("BE", 6), ("LM", 6)])
def test_multiplicity_check_finds_every_copy(which: str, k: int) -> None:
    spec = _multiple_spectrum()
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()  # with multiplicity
    res = run_quiet(A, k=k, which=which, tol=1e-10, multiplicity_check=True)
    if which == "LA":
        want = lam[-k:]
    elif which == "SA":
        want = lam[:k]
    elif which == "LM":
        want = np.sort(lam[np.argsort(-np.abs(lam), kind="stable")[:k]])
    else:
        want = np.concatenate([lam[: k // 2], lam[len(lam) - (k - k // 2):]])
    np.testing.assert_allclose(res.eigenvalues.numpy(), want, rtol=0, atol=1e-9 * spec.norm)
    assert_wanted_prefix(lam, res, k, which, exact_copies=True)
    assert_orthonormal(res.eigenvectors)  # the copies span the eigenspace
    assert_residual_bounds(A, lam, res)
    single = run_quiet(A, k=k, which=which, tol=1e-10)
    assert res.num_matvecs > single.num_matvecs  # the second run's products are counted


@settings(max_examples=examples(6))
@given(spec=spectra(kinds=("multiplicity",), max_d=400), which=st.sampled_from(WHICH), data=st.data())
def test_multiplicity_check_property(spec: Spectrum, which: str, data) -> None:
    k = data.draw(st.integers(1, min(8, spec.max_k(which))), label="k")
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet(A, k=k, which=which, tol=1e-9, multiplicity_check=True)
    assert_wanted_prefix(lam, res, k, which, exact_copies=True)
    assert_orthonormal(res.eigenvectors)
    assert_residual_bounds(A, lam, res)


# --------------------------------------------------------------------------- determinism
@pytest.mark.parametrize("which", WHICH)
def test_same_seed_bit_identical_and_other_seeds_agree(which: str) -> None:
    spec = trained_spectrum(d=250, n_out=3, seed=2)
    A = spec.matrix()
    a = run_quiet(A, k=3, which=which, tol=1e-10, seed=7)
    b = run_quiet(A.clone(), k=3, which=which, tol=1e-10, seed=7)
    assert torch.equal(a.eigenvalues, b.eigenvalues)
    assert torch.equal(a.eigenvectors, b.eigenvectors)
    assert torch.equal(a.residuals, b.residuals) and a.num_matvecs == b.num_matvecs
    assert a.seed == 7
    for seed in (0, 1, 12345):
        c = run_quiet(A, k=3, which=which, tol=1e-10, seed=seed)
        assert not torch.equal(c.eigenvectors, a.eigenvectors) or seed == 7
        np.testing.assert_allclose(c.eigenvalues.numpy(), a.eigenvalues.numpy(), rtol=0, atol=1e-9 * spec.norm)
        # same eigenvectors up to sign
        overlap = (c.eigenvectors.T @ a.eigenvectors).diagonal().abs()
        assert float((overlap - 1).abs().max()) <= 1e-6


def test_v0_is_used() -> None:
    spec = trained_spectrum(d=200, n_out=3)
    A = spec.matrix()
    v0 = torch.linspace(1, 2, 200, dtype=F64)
    a = run_quiet(A, k=2, v0=v0, seed=1)
    b = run_quiet(A, k=2, v0=v0, seed=2)  # the seed does not matter when v0 is given
    assert torch.equal(a.eigenvectors, b.eigenvectors)
    c = run_quiet(A, k=2, seed=1)
    assert not torch.equal(a.eigenvectors, c.eigenvectors)


# --------------------------------------------------------------------------- thick restart
@pytest.mark.parametrize("which,k", [("LA", 3), ("SA", 2), ("BE", 4), ("LM", 2)])
def test_thick_restart_with_small_basis(which: str, k: int, monkeypatch) -> None:
    spec = two_sided_spectrum(d=400)
    A = spec.matrix()
    lam = torch.linalg.eigvalsh(A).numpy()
    ncv = k + 5
    lanczos_module = importlib.import_module("geomcheck.eigen.lanczos")  # the package re-exports a function of that name

    bases: list[tuple[int, ...]] = []
    init = lanczos_module._ThickRestartLanczos.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        bases.append(tuple(self.V.shape))

    monkeypatch.setattr(lanczos_module._ThickRestartLanczos, "__init__", spy)
    op = DenseOperator(A)
    res = run_quiet(op, k=k, which=which, tol=1e-9, ncv=ncv, max_iter=20000)
    assert res.all_converged and res.num_restarts > 0
    assert_wanted_prefix(lam, res, k, which, exact_copies=True)
    assert_residual_bounds(A, lam, res)
    assert bases == [(ncv + 1, spec.d)]  # memory: (ncv + 1) vectors
    # behaviour: between restarts at most ncv − (k + 1) new products (≥ k + 1 vectors kept)
    assert res.num_matvecs <= ncv + res.num_restarts * (ncv - k - 1)
    assert op.num_matvecs == res.num_matvecs
    full = run_quiet(A, k=k, which=which, tol=1e-9)
    assert full.num_restarts == 0
    np.testing.assert_allclose(res.eigenvalues.numpy(), full.eigenvalues.numpy(), rtol=0, atol=1e-9 * spec.norm)


def test_ncv_too_small_is_refused() -> None:
    A = trained_spectrum(d=100, n_out=2).matrix()
    with pytest.raises(InvalidInputError, match="ncv"):
        lanczos(A, k=3, ncv=4)


# --------------------------------------------------------------------------- measured residuals
@pytest.mark.parametrize("which,k", [("LA", 3), ("BE", 4)])
def test_measure_residuals(which: str, k: int) -> None:
    spec = trained_spectrum(d=300, n_out=4, seed=1)
    A = spec.matrix()
    est = run_quiet(A, k=k, which=which, tol=1e-8, seed=3)
    meas = run_quiet(A, k=k, which=which, tol=1e-8, seed=3, measure_residuals=True)
    assert est.residual_kind == "lanczos" and meas.residual_kind == "measured"
    assert meas.num_matvecs == est.num_matvecs + k
    assert torch.equal(meas.eigenvalues, est.eigenvalues)
    r_theta, _, _ = measured(A, meas)
    np.testing.assert_allclose(meas.residuals.numpy(), r_theta, rtol=1e-6, atol=1e2 * EPS64 * spec.norm)
    # the Lanczos estimate is the true residual up to the orthogonality loss
    assert np.all(np.abs(meas.residuals.numpy() - est.residuals.numpy()) <= 1e3 * EPS64 * spec.norm)
    assert meas.all_converged


# --------------------------------------------------------------------------- non-convergence
@pytest.mark.parametrize("which", WHICH)
def test_non_convergence_is_reported_honestly(which: str) -> None:
    spec = trained_spectrum(d=300, n_out=1, seed=4)  # k=3 LA reaches into the bulk: slow
    A = spec.matrix()
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        res = lanczos(A, k=3, which=which, tol=1e-10, max_iter=8)
    assert not res.all_converged
    assert res.num_matvecs <= 8
    assert res.residuals.shape == (3,) and torch.isfinite(res.residuals).all()
    assert np.all(res.residuals.numpy()[~res.converged.numpy()] > 0)
    assert_converged_honestly(A, res, spec.norm)
    with pytest.warns(ConvergenceWarning):
        meas = lanczos(A, k=3, which=which, tol=1e-10, max_iter=8, measure_residuals=True)
    assert_converged_honestly(A, meas, spec.norm)
    r_theta, _, _ = measured(A, meas)
    np.testing.assert_allclose(meas.residuals.numpy(), r_theta, rtol=1e-6, atol=1e-12 * spec.norm)
    unconv = ~meas.converged.numpy()
    assert np.all(r_theta[unconv] > meas.tol * meas.scale.numpy()[unconv])


@settings(max_examples=examples(8))
@given(spec=spectra(max_d=300), which=st.sampled_from(WHICH), k=st.integers(1, 6),
       max_iter=st.integers(1, 40))
def test_converged_flags_never_lie(spec: Spectrum, which: str, k: int, max_iter: int) -> None:
    A = spec.matrix()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = lanczos(A, k=k, which=which, tol=1e-8, max_iter=max_iter, measure_residuals=True)
    assert res.num_matvecs <= max_iter + k
    assert_converged_honestly(A, res, spec.norm)
    # the flags are the measured test (away from the boundary, where rounding decides)
    r_theta = measured(A, res)[0]
    limit = res.tol * res.scale.numpy()
    clear = np.abs(r_theta - limit) > 1e-3 * limit
    np.testing.assert_array_equal(res.converged.numpy()[clear], (r_theta <= limit)[clear])


# --------------------------------------------------------------------------- float32
def test_float32_operator() -> None:
    spec = trained_spectrum(d=300, n_out=4, seed=0)
    A64 = spec.matrix()
    lam = torch.linalg.eigvalsh(A64).numpy()
    A32 = A64.to(torch.float32)
    res = run_quiet(A32, k=3, which="LA", tol=1e-4)
    assert res.eigenvectors.dtype == torch.float32 and res.eigenvalues.dtype == F64
    np.testing.assert_allclose(res.eigenvalues.numpy(), lam[-3:], rtol=1e-4)
    eps32 = torch.finfo(torch.float32).eps
    assert_orthonormal(res.eigenvectors, atol=1e3 * eps32)
    r_theta, _, _ = measured(A64, res)
    assert np.all(r_theta <= 1e-4 * np.abs(res.eigenvalues.numpy()) + 1e2 * eps32 * spec.norm)
    run_quiet(A32, k=1, tol=10 * eps32 * 1.01)  # the threshold itself is accepted
    for tol in (1e-7, 5 * eps32, 1e-10):
        with pytest.raises(InvalidInputError, match=r"cannot be reached in torch\.float32.*float64"):
            lanczos(A32, k=1, tol=tol)


# --------------------------------------------------------------------------- bad input
def _A(d: int = 50) -> torch.Tensor:
    return trained_spectrum(d=d, n_out=2).matrix()


@pytest.mark.parametrize("kwargs,match", [
    ({"k": 50}, "smaller than the dimension"),
    ({"k": 60}, "smaller than the dimension"),
    ({"k": 0}, "positive int"),
    ({"k": -1}, "positive int"),
    ({"k": 2.0}, "positive int"),
    ({"k": True}, "positive int"),
    ({"which": "XX"}, "which must be one of"),
    ({"which": "la"}, "which must be one of"),
    ({"tol": 0.0}, "tol must be"),
    ({"tol": -1e-6}, "tol must be"),
    ({"tol": 1.0}, "tol must be"),
    ({"tol": 2.0}, "tol must be"),
    ({"tol": math.nan}, "tol must be"),
    ({"tol": math.inf}, "tol must be"),
    ({"tol": "1e-6"}, "tol must be"),
    ({"tol": 1e-17}, "cannot be reached"),
    ({"max_iter": 0}, "max_iter"),
    ({"max_iter": -3}, "max_iter"),
    ({"max_iter": 1.5}, "max_iter"),
    ({"check_every": 0}, "check_every"),
    ({"v0": torch.ones(49, dtype=F64)}, r"v0 must be a tensor of shape \(50,\)"),
    ({"v0": torch.ones(50, 1, dtype=F64)}, r"v0 must be a tensor of shape \(50,\)"),
    ({"v0": torch.zeros(50, dtype=F64)}, "finite and non-zero"),
    ({"v0": torch.full((50,), math.nan, dtype=F64)}, "finite and non-zero"),
    ({"v0": [1.0] * 50}, "v0 must be a tensor"),
])
def test_bad_arguments(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        lanczos(_A(), **kwargs)


def test_invalid_input_is_a_value_error() -> None:
    assert issubclass(InvalidInputError, ValueError)
    with pytest.raises(ValueError):
        lanczos(_A(), k=0)


@pytest.mark.parametrize("obj", [object(), "matrix", np.eye(5), [[1.0, 0.0], [0.0, 1.0]], (3, 5)])
def test_not_an_operator(obj) -> None:
    with pytest.raises(InvalidInputError, match="expected an Operator"):
        lanczos(obj)


def test_non_symmetric_operator_is_detected() -> None:
    gen = torch.Generator().manual_seed(0)
    B = torch.randn(80, 80, generator=gen, dtype=F64)
    op = MatvecOperator(lambda v: B @ v, 80)
    with pytest.raises(InvalidInputError, match="not symmetric"):
        lanczos(op, k=2)
    with pytest.raises(InvalidInputError, match="not symmetric"):  # and as a dense tensor
        lanczos(B, k=2)
    # a mildly non-symmetric one too (relative asymmetry 1e-4 ≫ √ε)
    S = _A(80) + 1e-4 * spec_norm(_A(80)) * torch.triu(torch.randn(80, 80, generator=gen, dtype=F64), 1)
    with pytest.raises(InvalidInputError, match="not symmetric"):
        lanczos(MatvecOperator(lambda v: S @ v, 80), k=2)


def spec_norm(A: torch.Tensor) -> float:
    return float(torch.linalg.matrix_norm(A, ord=2))


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_non_finite_product_is_detected(bad: float) -> None:
    A = _A(60)
    calls = {"n": 0}

    def mv(v: torch.Tensor) -> torch.Tensor:
        calls["n"] += 1
        out = A @ v
        if calls["n"] == 3:
            out = out.clone()
            out[7] = bad
        return out

    with pytest.raises(InvalidInputError, match="NaN"):
        lanczos(MatvecOperator(mv, 60), k=2)


def test_nan_operator_from_the_first_product() -> None:
    op = MatvecOperator(lambda v: torch.full_like(v, math.nan), 40)
    with pytest.raises(InvalidInputError, match="NaN"):
        lanczos(op, k=1)


def test_matvec_pair_and_lazy_exports() -> None:
    A = _A(60)
    lam = torch.linalg.eigvalsh(A).numpy()
    res = run_quiet((lambda v: A @ v, 60), k=2, tol=1e-10)
    np.testing.assert_allclose(res.eigenvalues.numpy(), lam[-2:], rtol=1e-10)
    assert geomcheck.lanczos is lanczos and geomcheck.EigenResult is EigenResult
    assert geomcheck.DenseOperator is DenseOperator and geomcheck.MatvecOperator is MatvecOperator
    assert geomcheck.HessianOperator is HessianOperator


# --------------------------------------------------------------------------- callback
def test_callback_sees_increasing_products() -> None:
    spec = trained_spectrum(d=300, n_out=2, seed=1)
    seen: list[tuple[int, float]] = []
    res = run_quiet(spec.matrix(), k=4, which="LA", tol=1e-10, ncv=12,
                    callback=lambda n, worst: seen.append((n, worst)))
    counts = [n for n, _ in seen]
    assert len(seen) == res.num_checks >= 2
    assert all(b > a for a, b in zip(counts, counts[1:])), counts
    assert counts[-1] == res.num_matvecs
    assert all(isinstance(w, float) and w >= 0 for _, w in seen)
    assert seen[-1][1] <= 1.0  # the last check is the converged one
    assert list(res.history) == [w for _, w in seen]


def test_check_every_fixes_the_schedule() -> None:
    seen: list[int] = []
    res = run_quiet(trained_spectrum(d=200, n_out=2).matrix(), k=2, tol=1e-10, check_every=5,
                    callback=lambda n, w: seen.append(n))
    assert seen == list(range(5, 5 * len(seen) + 1, 5)) and seen[-1] == res.num_matvecs


def test_progress_bar_runs_and_keeps_the_user_callback() -> None:
    """``progress=True`` wraps the user's callback (called at every check, products increasing)
    and does not change the result."""
    A = torch.diag(torch.linspace(-1.0, 1.0, 300, dtype=torch.float64))
    seen: list[int] = []
    with_bar = lanczos(A, k=2, which="SA", tol=1e-8, progress=True, callback=lambda n, r: seen.append(n))
    plain = lanczos(A, k=2, which="SA", tol=1e-8)
    assert seen == sorted(seen) and len(seen) == with_bar.num_checks
    assert torch.equal(with_bar.eigenvalues, plain.eigenvalues)


@pytest.mark.parametrize("k, which", [(1, "LA"), (2, "LA"), (3, "LA"), (5, "LA"), (3, "SA"), (4, "BE"), (6, "BE")])
@pytest.mark.parametrize("multiplicity_check", [False, True])
def test_krylov_space_closing_early_is_repaired(k: int, which: str, multiplicity_check: bool) -> None:
    """3 distinct eigenvalues, each 4 times in d = 12: the Krylov space closes after 3 steps with a
    β at the rounding level (not exactly 0).  Found by the bridge tests: the residual w/β was taken
    as the next basis vector (far from orthogonal: the symmetry probe fired), and a breakdown found
    at m = d or in a deflated pass indexed past the basis.  With the relative breakdown test the
    run restarts from a random orthogonal vector and returns correct values."""
    lam = torch.tensor([1.0] * 4 + [2.0] * 4 + [5.0] * 4, dtype=torch.float64)
    res = lanczos(torch.diag(lam), k=k, which=which, tol=1e-10, multiplicity_check=multiplicity_check)
    got = res.eigenvalues.numpy()
    assert res.all_converged
    assert np.abs(got[:, None] - np.array([1.0, 2.0, 5.0])[None, :]).min(axis=1).max() < 1e-12
    if multiplicity_check:  # the k extreme values counted with multiplicity
        want = np.sort(lam.numpy())
        expect = {"LA": want[-k:], "SA": want[:k], "BE": np.r_[want[: k // 2], want[len(want) - (k - k // 2):]]}[which]
        assert np.allclose(got, expect, atol=1e-12)
