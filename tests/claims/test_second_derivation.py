"""Issue 14, finding 7: every formula verdict about the graph metric or the shape operator, derived twice.

The claims' checks decide their formulas exactly on the jet ring (geomcheck.symbolic). Here an
independent second derivation shares no code with them: float64 torch autodiff (``torch.func``)
of the *embedding* ``Z(x) = (x, f(x))`` of the graph of random smooth functions ``f`` at random
points —

* metric ``g = J_Z^T J_Z``; Christoffel symbols from the derivatives of ``g`` (Levi-Civita formula);
  ``R^i_{jkm} = d_k Gamma^i_{jm} - d_m Gamma^i_{jk} + Gamma^i_{rk} Gamma^r_{jm} - Gamma^i_{rm} Gamma^r_{jk}``
  from the derivatives of ``Gamma``; ``Ric_{jm} = R^i_{jim}``, ``S = g^{jm} Ric_{jm}`` (unit sphere: +2,
  checked below);
* upward unit normal ``N`` = the normalised component of ``e_{d+1}`` orthogonal to the columns of
  ``J_Z``; ``h_ij = <d_i d_j Z, N>``; shape operator from the Weingarten equation ``-d_j N = s^i_j d_i Z``
  (least squares on the tangent columns), never from the closed form ``w g^{-1} H``.

The printed formula of each claim (and its correction where the verdict is TYPO/FALSE) is
evaluated from the derivatives of ``f`` and compared with the oracle: a TRUE (or
TRUE_UNDER_CONVENTION, under the convention named) verdict needs agreement at every sample, a
TYPO/FALSE verdict disagreement at some sample and, where a corrected formula is stated,
agreement of the correction.  A verdict written by the same hand as its check does not survive
this when it is wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np
import pytest
import torch
from torch.func import hessian, jacfwd, jacrev

from geomcheck.claims import Verdict, all_claims

CLAIMS = all_claims()
DTYPE = torch.float64
SEEDS = (0, 1, 2)
DIMS = (2, 3)
RTOL = 1e-8


# =============================================================================================
# random smooth functions and the autodiff oracle
# =============================================================================================


def _random_function(seed: int, d: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """A seeded smooth f: R^d -> R with nonzero derivatives of every order up to 3."""
    gen = torch.Generator().manual_seed(1000 * d + seed)
    a = torch.randn(d, generator=gen, dtype=DTYPE)
    B = torch.randn(d, d, generator=gen, dtype=DTYPE)
    C = 0.3 * torch.randn(d, d, d, generator=gen, dtype=DTYPE)
    u = torch.randn(d, generator=gen, dtype=DTYPE)
    v = 0.5 * torch.randn(d, generator=gen, dtype=DTYPE)
    c = torch.randn(2, generator=gen, dtype=DTYPE)

    def f(x):
        return (a @ x + 0.5 * x @ (B + B.T) @ x / 2 + torch.einsum("ijk,i,j,k->", C, x, x, x) / 6
                + c[0] * torch.sin(u @ x) + c[1] * torch.exp(v @ x))

    return f


def _point(seed: int, d: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(7 + 1000 * d + seed)
    return 0.6 * torch.randn(d, generator=gen, dtype=DTYPE)


@dataclass
class Sample:
    """Derivatives of f (inputs of the printed formulas) and the oracle's geometry at one point."""

    d: int
    p: np.ndarray      # gradient
    H: np.ndarray      # Hessian
    g: np.ndarray      # metric J^T J (oracle)
    ginv: np.ndarray
    Gamma: np.ndarray  # Gamma[i, k, l] = Gamma^i_{kl} (oracle)
    dGamma: np.ndarray  # dGamma[i, k, l, a] = d_a Gamma^i_{kl} (oracle)
    dbeta: np.ndarray  # d_a (1 / det g) (oracle)
    T: np.ndarray      # third derivatives of f, T[i, j, k] = f_ijk
    R: np.ndarray      # R[i, j, k, m] = R^i_{jkm} (oracle)
    Ric: np.ndarray
    S: float
    N: np.ndarray      # upward unit normal (oracle)
    h: np.ndarray      # <d_i d_j Z, N>
    s: np.ndarray      # Weingarten shape operator
    Zij: np.ndarray    # second derivatives of the embedding, Zij[a, i, j]

    @property
    def beta(self) -> float:
        return 1.0 / (1.0 + self.p @ self.p)

    @property
    def w(self) -> float:
        return math.sqrt(self.beta)


def oracle(f: Callable, x: torch.Tensor) -> Sample:
    d = x.shape[0]

    def Z(y):
        return torch.cat([y, f(y).reshape(1)])

    def metric(y):
        J = jacrev(Z)(y)
        return J.T @ J

    def christoffel(y):
        g = metric(y)
        dg = jacfwd(metric)(y)  # dg[m, l, k] = d_k g_ml
        # T[m, k, l] = d_k g_ml + d_l g_mk - d_m g_kl
        T = torch.stack([torch.stack([torch.stack([dg[m, l, k] + dg[m, k, l] - dg[k, l, m] for l in range(d)])
                                      for k in range(d)]) for m in range(d)])
        return 0.5 * torch.einsum("im,mkl->ikl", torch.linalg.inv(g), T)

    def normal(y):
        J = jacrev(Z)(y)
        e = torch.zeros(d + 1, dtype=DTYPE)
        e[d] = 1.0
        n = e - J @ torch.linalg.solve(J.T @ J, J.T @ e)
        return n / torch.linalg.norm(n)

    g = metric(x)
    ginv = torch.linalg.inv(g)
    Gam = christoffel(x)
    dGam = jacfwd(christoffel)(x)  # dGam[i, k, l, a] = d_a Gamma^i_kl
    R = (torch.einsum("ijmk->ijkm", dGam) - dGam
         + torch.einsum("irk,rjm->ijkm", Gam, Gam) - torch.einsum("irm,rjk->ijkm", Gam, Gam))
    Ric = torch.einsum("ijim->jm", R)
    S = torch.einsum("jm,jm->", ginv, Ric)
    J = jacrev(Z)(x)
    N = normal(x)
    Zij = jacfwd(jacrev(Z))(x)  # (d+1, d, d)
    h = torch.einsum("aij,a->ij", Zij, N)
    dN = jacfwd(normal)(x)  # (d+1, d)
    s = -torch.linalg.solve(J.T @ J, J.T @ dN)
    dbeta = jacrev(lambda y: 1.0 / torch.linalg.det(metric(y)))(x)
    p, H, T = jacrev(f)(x), hessian(f)(x), jacfwd(hessian(f))(x)
    n = lambda t: t.detach().numpy()  # noqa: E731
    return Sample(d, n(p), n(H), n(g), n(ginv), n(Gam), n(dGam), n(dbeta), n(T), n(R), n(Ric), float(S), n(N), n(h), n(s),
                  n(Zij))


@lru_cache(maxsize=None)
def sample(seed: int, d: int, critical: bool) -> Sample:
    f0, x0 = _random_function(seed, d), _point(seed, d)
    if not critical:
        return oracle(f0, x0)
    xg = x0.clone().requires_grad_(True)
    p0 = torch.autograd.grad(f0(xg), xg)[0].detach()

    def f(x):  # x0 is a critical point of f
        return f0(x) - p0 @ x

    return oracle(f, x0)


def test_oracle_on_the_unit_sphere_and_a_plane():
    """Convention anchors of the oracle: the upper hemisphere has S = +2 and, with the upward
    normal, s = -I; a plane has zero curvature."""
    smp = oracle(lambda x: torch.sqrt(1 - x @ x), torch.tensor([0.3, -0.2], dtype=DTYPE))
    assert smp.S == pytest.approx(2.0, rel=1e-10)
    np.testing.assert_allclose(smp.s, -np.eye(2), atol=1e-10)
    flat = oracle(lambda x: 2 * x[0] - x[1], torch.tensor([0.5, 1.0], dtype=DTYPE))
    assert abs(flat.S) < 1e-12 and np.abs(flat.R).max() < 1e-12 and np.abs(flat.s).max() < 1e-12


# =============================================================================================
# the printed statements (and corrections), as functions of a Sample
# =============================================================================================


def _riemann_printed(m: Sample, fixed: bool) -> np.ndarray:
    p, H, b = m.p, m.H, m.beta
    d = m.d
    R = np.zeros((d, d, d, d))
    for i in range(d):
        for j in range(d):
            for k in range(d):
                for q in range(d):  # q plays the printed index m
                    first = H[i, k] * H[j, q] - (H[i, q] if fixed else H[j, q]) * H[j, k]
                    second = sum(p[i] * p[r] * (H[r, k] * (H[j, q] if fixed else H[i, q]) - H[r, q] * H[j, k]) for r in range(d))
                    R[i, j, k, q] = b * first - b * b * second
    return R


def _scalar_closed(m: Sample) -> float:
    p, H, b = m.p, m.H, m.beta
    return b * (np.trace(H) ** 2 - np.trace(H @ H)) + 2 * b * b * (p @ (H @ H - np.trace(H) * H) @ p)


def _ricci_closed(m: Sample) -> np.ndarray:
    p, H, b = m.p, m.H, m.beta
    return b * (np.trace(H) * H - H @ H) - b * b * ((p @ H @ p) * H - np.outer(H @ p, H @ p))


def _e_last(m: Sample) -> np.ndarray:
    e = np.zeros(m.d + 1)
    e[-1] = 1.0
    return e


@dataclass(frozen=True)
class Statement:
    claim_id: str
    #: the printed formula, and the oracle's value of what it claims to equal
    printed: Callable[[Sample], object]
    oracle: Callable[[Sample], object]
    corrected: Callable[[Sample], object] | None = None
    critical: bool = False
    dims: tuple[int, ...] = DIMS


STATEMENTS: tuple[Statement, ...] = (
    # ---- 000: the graph as a hypersurface
    Statement("000-landscape-metric", lambda m: np.eye(m.d) + np.outer(m.p, m.p), lambda m: m.g),
    Statement("000-scalar-sff-def", lambda m: m.w * m.H, lambda m: m.h),
    Statement("000-II-symmetric", lambda m: m.h.T, lambda m: m.h),
    Statement("000-raise-index", lambda m: m.ginv @ m.h, lambda m: m.s),
    Statement("000-self-adjoint-chain", lambda m: (m.g @ m.s).T, lambda m: m.g @ m.s),
    Statement("000-gaussian-mean-def", lambda m: [np.linalg.det(m.s), np.trace(m.s) / m.d],
              lambda m: [np.prod(np.linalg.eigvals(m.s)).real, np.mean(np.linalg.eigvals(m.s)).real]),
    # Prop. 1 as printed: the middle term differentiates in theta^i and theta^d
    Statement("000-prop1", lambda m: np.array([[m.Zij[:, i, m.d - 1] @ m.N for j in range(m.d)] for i in range(m.d)]),
              lambda m: m.h, corrected=lambda m: m.N[-1] * m.H),
    Statement("000-prop1-proof-inner", lambda m: m.N[-1] * m.H, lambda m: m.h),
    Statement("000-prop1-proof-matrix-h", lambda m: m.N[-1] * m.H, lambda m: m.h),
    Statement("000-critical-summary", lambda m: [_e_last(m), np.eye(m.d), m.H, m.H], lambda m: [m.N, m.g, m.h, m.s], critical=True),
    Statement("000-prop2", lambda m: m.H, lambda m: m.s, critical=True),
    Statement("000-prop2-proof-normal", _e_last, lambda m: m.N, critical=True),
    Statement("000-prop2-proof-h-hessian", lambda m: m.H, lambda m: m.h, critical=True),
    # TRUE_UNDER_CONVENTION (upward normal, the oracle's): det s = det Hess at a critical point
    Statement("000-gaussian-is-det-hessian", lambda m: np.linalg.det(m.H), lambda m: np.linalg.det(m.s), critical=True),
    # TYPO by the post's own average convention: the mean curvature is tr(Hess)/d, not tr(Hess)
    Statement("000-mean-is-trace", lambda m: np.trace(m.H), lambda m: np.trace(m.s) / m.d,
              corrected=lambda m: np.trace(m.H) / m.d, critical=True),
    # ---- 002: metric, Christoffel symbols, Riemann tensor, Ricci tensor, scalar curvature
    Statement("002-eq1-metric", lambda m: np.eye(m.d) + np.outer(m.p, m.p), lambda m: m.g),
    Statement("002-eq2-christoffel", lambda m: m.beta * np.einsum("i,kl->ikl", m.p, m.H), lambda m: m.Gamma),
    Statement("002-propB1-christoffel", lambda m: np.einsum("i,kl->ikl", m.p, m.H) / (1 + m.p @ m.p), lambda m: m.Gamma),
    Statement("002-propB1-proof-sherman-morrison", lambda m: np.eye(m.d) - np.outer(m.p, m.p) / (1 + m.p @ m.p), lambda m: m.ginv),
    Statement("002-propB2-contracted-christoffel", lambda m: m.H @ m.p / (1 + m.p @ m.p), lambda m: np.einsum("iki->k", m.Gamma)),
    Statement("002-propB2-proof-log-det", lambda m: -0.5 * m.dbeta / m.beta, lambda m: np.einsum("iki->k", m.Gamma)),
    Statement("002-propB1-proof-final",
              lambda m: [np.einsum("kl,i->ikl", m.H, m.p) - np.einsum("kl,i->ikl", m.H, m.p) * (m.p @ m.p) / (1 + m.p @ m.p),
                         np.einsum("i,kl->ikl", m.p, m.H) / (1 + m.p @ m.p)],
              lambda m: [m.Gamma, m.Gamma]),
    Statement("002-propB1-proof-definition",  # with g_{mk,l} = f_ml f_k + f_m f_kl from Eq. (1)
              lambda m: 0.5 * np.einsum("im,mkl->ikl", np.linalg.inv(np.eye(m.d) + np.outer(m.p, m.p)),
                                        np.einsum("ml,k->mkl", m.H, m.p) + np.einsum("m,kl->mkl", m.p, m.H)
                                        + np.einsum("mk,l->mkl", m.H, m.p) + np.einsum("m,lk->mkl", m.p, m.H)
                                        - np.einsum("km,l->mkl", m.H, m.p) - np.einsum("k,lm->mkl", m.p, m.H)),
              lambda m: m.Gamma),
    Statement("002-propB4-proof-contraction", lambda m: np.trace(m.Ric) - m.beta * m.p @ m.Ric @ m.p, lambda m: m.S),
    Statement("002-propB2-proof-determinant", lambda m: 1 + m.p @ m.p, lambda m: np.linalg.det(m.g)),
    Statement("002-lemB1-eigenvalues", lambda m: np.sort(np.r_[np.ones(m.d - 1), 1 + m.p @ m.p]), lambda m: np.linalg.eigvalsh(m.g)),
    Statement("002-eq3-riemann", lambda m: _riemann_printed(m, False), lambda m: m.R, corrected=lambda m: _riemann_printed(m, True)),
    Statement("002-propB3-riemann", lambda m: _riemann_printed(m, False), lambda m: m.R, corrected=lambda m: _riemann_printed(m, True)),
    Statement("002-propB4-proof-ricci-matrix", _ricci_closed, lambda m: m.Ric),
    Statement("002-propB4-proof-Raa", lambda m: m.beta * (np.trace(m.H) ** 2 - np.trace(m.H @ m.H))
              - m.beta ** 2 * ((m.p @ m.H @ m.p) * np.trace(m.H) - m.p @ m.H @ m.H @ m.p), lambda m: np.trace(m.Ric)),
    Statement("002-propB4-proof-bffR",
              lambda m: m.beta ** 2 * (m.p @ m.H @ m.p) * np.trace(m.H) - m.p @ m.H @ m.H @ m.p,
              lambda m: m.beta * (m.p @ m.Ric @ m.p),
              corrected=lambda m: m.beta ** 2 * ((m.p @ m.H @ m.p) * np.trace(m.H) - m.p @ m.H @ m.H @ m.p)),
    # Appendix B.1, proof of Prop. B.3: derivatives of beta and of the Christoffel symbols
    Statement("002-propB3-proof-dbeta", lambda m: -2 * m.beta ** 2 * m.H @ m.p, lambda m: m.dbeta),
    Statement("002-propB3-proof-dk-gamma",  # d_k Gamma^i_jm, stored as [i, j, m, k]
              lambda m: -2 * m.beta ** 2 * np.einsum("a,ak,i,jm->ijmk", m.p, m.H, m.p, m.H)
              + m.beta * (np.einsum("ik,jm->ijmk", m.H, m.H) + np.einsum("i,jmk->ijmk", m.p, m.T)),
              lambda m: m.dGamma),
    Statement("002-propB3-proof-dm-gamma",  # d_m Gamma^i_jk, stored as [i, j, k, m]; printed with f_ak f_jm
              lambda m: -2 * m.beta ** 2 * np.einsum("a,ak,i,jm->ijkm", m.p, m.H, m.p, m.H)
              + m.beta * (np.einsum("im,jk->ijkm", m.H, m.H) + np.einsum("i,jkm->ijkm", m.p, m.T)),
              lambda m: m.dGamma,
              corrected=lambda m: -2 * m.beta ** 2 * np.einsum("a,am,i,jk->ijkm", m.p, m.H, m.p, m.H)
              + m.beta * (np.einsum("im,jk->ijkm", m.H, m.H) + np.einsum("i,jkm->ijkm", m.p, m.T))),
    Statement("002-propB3-proof-quadratic-terms",  # Gamma^i_rk Gamma^r_jm, stored as [i, k, j, m]
              lambda m: m.beta ** 2 * np.einsum("i,rk,r,jm->ikjm", m.p, m.H, m.p, m.H),
              lambda m: np.einsum("irk,rjm->ikjm", m.Gamma, m.Gamma)),
    Statement("002-propB4-proof-ricci-indices",
              lambda m: m.beta * (np.trace(m.H) * m.H - m.H @ m.H)
              - m.beta ** 2 * np.einsum("i,r,ir,ab->ab", m.p, m.p, m.H, m.H) + m.beta ** 2 * np.outer(m.H @ m.p, m.H @ m.p),
              lambda m: m.Ric),
    Statement("002-eq4-scalar", _scalar_closed, lambda m: m.S),
    Statement("002-propB4-scalar", _scalar_closed, lambda m: m.S),
    Statement("002-propB4-proof-final", lambda m: m.beta * (np.trace(m.H) ** 2 - np.trace(m.H @ m.H))
              - 2 * m.beta ** 2 * (m.p @ (np.trace(m.H) * m.H - m.H @ m.H) @ m.p), lambda m: m.S),
    Statement("002-cor2.1-critical", lambda m: np.trace(m.H) ** 2 - np.trace(m.H @ m.H), lambda m: m.S, critical=True),
    # ---- 003: the Hessian as the second fundamental form / G^{-1} H as the shape operator
    Statement("003-hessian-is-second-fundamental-form", lambda m: m.H, lambda m: m.h, corrected=lambda m: m.w * m.H),
    Statement("003-shape-operator-GinvH", lambda m: m.ginv @ m.H, lambda m: m.s, corrected=lambda m: m.w * m.ginv @ m.H),
)


def _agree(a, b) -> bool:
    a = np.concatenate([np.ravel(np.asarray(t, dtype=float)) for t in (a if isinstance(a, list) else [a])])
    b = np.concatenate([np.ravel(np.asarray(t, dtype=float)) for t in (b if isinstance(b, list) else [b])])
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= RTOL * np.maximum(1.0, np.abs(b))))


def _samples(st: Statement):
    return [sample(seed, d, st.critical) for d in st.dims for seed in SEEDS]


@pytest.mark.parametrize("st", STATEMENTS, ids=lambda st: st.claim_id)
def test_second_derivation_agrees_with_the_verdict(st):
    verdict = CLAIMS[st.claim_id].expected
    agree = [_agree(st.printed(m), st.oracle(m)) for m in _samples(st)]
    if verdict in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION):
        assert all(agree), f"{st.claim_id} is {verdict} but the autodiff oracle disagrees with the printed formula at {agree}"
    elif verdict in (Verdict.TYPO, Verdict.FALSE):
        assert not all(agree), f"{st.claim_id} is {verdict} but the printed formula agrees with the oracle at every sample"
    else:
        pytest.fail(f"{st.claim_id}: {verdict} is not a formula verdict this test can decide")
    if st.corrected is not None:
        assert verdict in (Verdict.TYPO, Verdict.FALSE)
        assert all(_agree(st.corrected(m), st.oracle(m)) for m in _samples(st)), f"{st.claim_id}: the correction disagrees with the oracle"


def test_example_3_1_scalar_curvature_against_the_oracle():
    """002-ex3.1-scalar (FALSE): f = e^{-cu} sin u sin v; the printed S disagrees with the oracle,
    the corrected formula of the claim agrees (c = 1/2, 1, 2 at seeded points)."""
    assert CLAIMS["002-ex3.1-scalar"].expected is Verdict.FALSE
    rng = np.random.default_rng(31)
    printed_ok, corrected_ok = [], []
    for c in (0.5, 1.0, 2.0):
        for u, v in rng.uniform(-1.5, 1.5, size=(3, 2)):
            m = oracle(lambda x, c=c: torch.exp(-c * x[0]) * torch.sin(x[0]) * torch.sin(x[1]), torch.tensor([u, v], dtype=DTYPE))
            num = (c * c - 1) * math.cos(2 * u) - math.cos(2 * v) - c * (c - 2 * math.sin(2 * u))
            printed = num / (math.exp(2 * c * u) + math.cos(v) * math.sin(u) ** 2 + (math.cos(u) - c * math.sin(u)) * math.sin(v) ** 2)
            D = math.exp(2 * c * u) + math.cos(v) ** 2 * math.sin(u) ** 2 + (math.cos(u) - c * math.sin(u)) ** 2 * math.sin(v) ** 2
            corrected = math.exp(2 * c * u) * num / D**2
            printed_ok.append(_agree(printed, m.S))
            corrected_ok.append(_agree(corrected, m.S))
    assert not any(printed_ok) and all(corrected_ok)


def test_every_statement_names_a_registered_formula_claim():
    for st in STATEMENTS:
        assert st.claim_id in CLAIMS
    assert len({st.claim_id for st in STATEMENTS}) == len(STATEMENTS)
