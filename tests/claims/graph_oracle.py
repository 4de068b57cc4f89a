"""The second derivation of issue 14, finding 7: a float64 torch-autodiff oracle of embedded hypersurfaces.

It shares no code with the claims' exact checks (``geomcheck.symbolic`` / ``geomcheck.claims``) nor
with the numeric kernels (``geomcheck.numeric``): everything here is ``torch.func`` applied to an
*embedding* ``Z: R^d -> R^{d+1}`` of a hypersurface —

* metric ``g = J^T J`` (``J = dZ``); ``dg[i, j, k] = d_k g_ij``; Christoffel symbols from ``dg``
  (Levi-Civita formula ``Gamma^i_kl = 1/2 g^im (d_l g_mk + d_k g_ml - d_m g_kl)``);
  ``R^i_{jkm} = d_k Gamma^i_jm - d_m Gamma^i_jk + Gamma^i_rk Gamma^r_jm - Gamma^i_rm Gamma^r_jk``
  (``R(d_k, d_m) d_j = R^i_{jkm} d_i`` with ``R(X, Y) = [nabla_X, nabla_Y] - nabla_[X,Y]``);
  ``Ric_jm = R^i_{jim}``, ``S = g^{jm} Ric_jm`` (the unit sphere has S = +2, checked in the tests);
* unit normal ``N``: the normalised component of ``e_{d+1}`` orthogonal to the columns of ``J``
  (upward for a graph); ``h_ij = <d_i d_j Z, N>``; the shape operator from the Weingarten
  equation ``-d_j N = s^i_j d_i Z`` (least squares on the tangent columns), never ``w g^{-1} H``;
* ``Rg``: the Riemann tensor from the Gauss equation ``R^i_{jkm} = s^i_k h_jm - s^i_m h_jk`` —
  built from the embedding's second derivatives only, so it is a derivation of the curvature
  independent of the metric-derivative route above.

``graph_oracle(f, x)`` is the case ``Z(x) = (x, f(x))`` and adds the derivatives of ``f`` (the
inputs of the printed formulas).  ``sample(seed, d, point)`` caches the oracle per
(seed, d, kind of point); ``chart_sample`` adds a random chart ``theta(psi)`` of the same surface
(003's reparametrization laws) and the graph of ``f o theta`` (a different surface).

``derives(*ids)`` marks a test as the second derivation of claims; inside, ``judge`` compares the
computed truth of the printed statement (and of its correction) with the recorded verdict; the
decorator fails the test if an id it names was not judged.  ``DERIVED`` is what the coverage test
(``test_formula_coverage.py``) reads.
"""

from __future__ import annotations

import contextvars
import functools
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch.func import hessian, jacfwd, jacrev

from geomcheck.claims import Verdict, all_claims

CLAIMS = all_claims()
DTYPE = torch.float64
SEEDS = (0, 1, 2)
DIMS = (2, 3)
RTOL = 1e-8
#: the kinds of points: a generic point, a critical point, a (strict) minimum and maximum
GENERIC, CRITICAL, MINIMUM, MAXIMUM = "generic", "critical", "minimum", "maximum"


# =============================================================================================
# random smooth functions
# =============================================================================================


def random_function(seed: int, d: int) -> Callable[[torch.Tensor], torch.Tensor]:
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


def random_point(seed: int, d: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(7 + 1000 * d + seed)
    return 0.6 * torch.randn(d, generator=gen, dtype=DTYPE)


def function_at(seed: int, d: int, point: str) -> tuple[Callable, torch.Tensor]:
    """``(f, x0)``: the seeded function, changed by a linear (and quadratic) term so that x0 is a
    point of the asked kind: ``critical`` (grad f(x0) = 0, Hessian indefinite in general),
    ``minimum`` / ``maximum`` (and the Hessian shifted to be definite, smallest |eigenvalue| 0.5)."""
    f0, x0 = random_function(seed, d), random_point(seed, d)
    if point == GENERIC:
        return f0, x0
    p0 = jacrev(f0)(x0).detach()
    H0 = hessian(f0)(x0).detach()
    ev = torch.linalg.eigvalsh(H0)
    if point == CRITICAL:
        shift = 0.0
    elif point == MINIMUM:
        shift = float(max(0.0, -ev[0]) + 0.5)
    elif point == MAXIMUM:
        shift = -float(max(0.0, ev[-1]) + 0.5)
    else:
        raise ValueError(f"unknown kind of point {point!r}")

    def f(x):
        y = x - x0
        return f0(x) - p0 @ x + 0.5 * shift * (y @ y)

    return f, x0


# =============================================================================================
# the oracle
# =============================================================================================


@dataclass
class Surface:
    """The geometry of an embedded hypersurface Z at one point (all float64 numpy)."""

    d: int
    J: np.ndarray       # (d+1, d) tangent columns d_i Z
    Zij: np.ndarray     # (d+1, d, d) second derivatives of Z
    g: np.ndarray       # metric J^T J
    ginv: np.ndarray
    dg: np.ndarray      # dg[i, j, k] = d_k g_ij
    dbeta: np.ndarray   # d_a (1 / det g)
    Gamma: np.ndarray   # Gamma[i, k, l] = Gamma^i_{kl}
    dGamma: np.ndarray  # dGamma[i, k, l, a] = d_a Gamma^i_{kl}
    R: np.ndarray       # R[i, j, k, m] = R^i_{jkm} from Gamma (metric route)
    Ric: np.ndarray
    S: float
    N: np.ndarray       # unit normal (upward for a graph)
    dN: np.ndarray      # (d+1, d): d_j N
    h: np.ndarray       # <d_i d_j Z, N>
    s: np.ndarray       # Weingarten shape operator

    @property
    def Rg(self) -> np.ndarray:
        """Riemann tensor from the Gauss equation, R^i_{jkm} = s^i_k h_jm - s^i_m h_jk."""
        return np.einsum("ik,jm->ijkm", self.s, self.h) - np.einsum("im,jk->ijkm", self.s, self.h)

    def riemannian_hessian(self, a: np.ndarray) -> np.ndarray:
        """Hess of the restriction of the linear function y -> a.y to the surface: <a, N> h
        (the Gauss formula), in this chart."""
        return float(a @ self.N) * self.h


def surface_oracle(Z: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> Surface:
    d = x.shape[0]
    e = torch.zeros(d + 1, dtype=DTYPE)
    e[d] = 1.0

    def metric(y):
        J = jacrev(Z)(y)
        return J.T @ J

    def christoffel(y):
        dg = jacfwd(metric)(y)  # dg[m, l, k] = d_k g_ml
        # first[m, k, l] = d_l g_mk + d_k g_ml - d_m g_kl
        first = dg + torch.einsum("mlk->mkl", dg) - torch.einsum("klm->mkl", dg)
        return 0.5 * torch.einsum("im,mkl->ikl", torch.linalg.inv(metric(y)), first)

    def normal(y):
        J = jacrev(Z)(y)
        n = e - J @ torch.linalg.solve(J.T @ J, J.T @ e)
        return n / torch.linalg.norm(n)

    J = jacrev(Z)(x)
    g = J.T @ J
    ginv = torch.linalg.inv(g)
    dg = jacfwd(metric)(x)
    Gam = christoffel(x)
    dGam = jacfwd(christoffel)(x)
    R = (torch.einsum("ijmk->ijkm", dGam) - dGam
         + torch.einsum("irk,rjm->ijkm", Gam, Gam) - torch.einsum("irm,rjk->ijkm", Gam, Gam))
    Ric = torch.einsum("ijim->jm", R)
    S = torch.einsum("jm,jm->", ginv, Ric)
    N = normal(x)
    Zij = jacfwd(jacrev(Z))(x)
    h = torch.einsum("aij,a->ij", Zij, N)
    dN = jacfwd(normal)(x)
    s = -torch.linalg.solve(g, J.T @ dN)
    dbeta = jacrev(lambda y: 1.0 / torch.linalg.det(metric(y)))(x)
    n = lambda t: t.detach().numpy()  # noqa: E731
    return Surface(d, n(J), n(Zij), n(g), n(ginv), n(dg), n(dbeta), n(Gam), n(dGam), n(R), n(Ric), float(S), n(N), n(dN), n(h), n(s))


@dataclass
class Sample(Surface):
    """A graph ``Z(x) = (x, f(x))``: the surface plus the derivatives of f (inputs of the printed formulas)."""

    p: np.ndarray = None  # gradient
    H: np.ndarray = None  # Hessian
    T: np.ndarray = None  # third derivatives, T[i, j, k] = f_ijk

    @property
    def beta(self) -> float:
        return 1.0 / (1.0 + self.p @ self.p)

    @property
    def w(self) -> float:
        return math.sqrt(self.beta)


def graph_embedding(f: Callable) -> Callable:
    def Z(y):
        return torch.cat([y, f(y).reshape(1)])

    return Z


def oracle(f: Callable, x: torch.Tensor) -> Sample:
    """The oracle of the graph of f at x, with f's gradient, Hessian and third derivatives."""
    surf = surface_oracle(graph_embedding(f), x)
    p, H, T = jacrev(f)(x), hessian(f)(x), jacfwd(hessian(f))(x)
    return Sample(**surf.__dict__, p=p.detach().numpy(), H=H.detach().numpy(), T=T.detach().numpy())


@functools.lru_cache(maxsize=None)
def sample(seed: int, d: int, point: str = GENERIC) -> Sample:
    f, x0 = function_at(seed, d, point)
    return oracle(f, x0)


def ball_volume_density(Z: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> tuple[float, np.ndarray, np.ndarray]:
    """The volume density D(y) = sqrt(det g(exp_x(E y))) |det d exp_x(E y) / dy| in Riemann normal
    coordinates y (E: a g-orthonormal frame at x): its value, gradient and Hessian at y = 0.

    ``exp_x`` integrates the geodesic equation x'' = -Gamma(x)(x', x') over t in [0, 1] with one
    classical Runge-Kutta step, differentiated by torch.func: the step's error is O(|y|^5), so the
    derivatives of exp_x at 0 up to order 4 are exact and D's Hessian (which needs order 3) is
    the exact one.  Then vol(B_g(r)) = integral of D over the Euclidean r-ball =
    vol(B_e(r)) (1 + tr(Hess D) r^2 / (2 (q + 2)) + O(r^4)) (odd terms integrate to 0)."""
    def metric(y):
        J = jacrev(Z)(y)
        return J.T @ J

    def christoffel(y):
        dg = jacfwd(metric)(y)
        first = dg + torch.einsum("mlk->mkl", dg) - torch.einsum("klm->mkl", dg)
        return 0.5 * torch.einsum("im,mkl->ikl", torch.linalg.inv(metric(y)), first)

    g0 = metric(x).detach()
    ev, V = torch.linalg.eigh(g0)
    E = V @ torch.diag(ev ** -0.5) @ V.T

    def expmap(y):
        def rhs(p, v):
            return v, -torch.einsum("ikl,k,l->i", christoffel(p), v, v)

        p, v = x, E @ y
        k1 = rhs(p, v)
        k2 = rhs(p + k1[0] / 2, v + k1[1] / 2)
        k3 = rhs(p + k2[0] / 2, v + k2[1] / 2)
        k4 = rhs(p + k3[0], v + k3[1])
        return p + (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]) / 6

    def density(y):
        return torch.exp(0.5 * torch.linalg.slogdet(metric(expmap(y)))[1] + torch.linalg.slogdet(jacfwd(expmap)(y))[1])

    y0 = torch.zeros(x.shape[0], dtype=DTYPE)
    return (float(density(y0)), jacrev(density)(y0).detach().numpy(), hessian(density)(y0).detach().numpy())


# =============================================================================================
# charts: the same surface in other coordinates, and the graph of f o theta
# =============================================================================================


def random_chart(seed: int, d: int, x0: torch.Tensor) -> tuple[Callable, torch.Tensor]:
    """A seeded local diffeomorphism ``theta(psi) = c + A psi + 0.3 tanh(B psi + b)`` and the point
    psi0 with theta(psi0) = x0 (its Jacobian there is checked invertible by the caller's solve)."""
    gen = torch.Generator().manual_seed(55 + 1000 * d + seed)
    A = torch.eye(d, dtype=DTYPE) + 0.4 * torch.randn(d, d, generator=gen, dtype=DTYPE)
    B = torch.randn(d, d, generator=gen, dtype=DTYPE)
    b = torch.randn(d, generator=gen, dtype=DTYPE)
    psi0 = 0.5 * torch.randn(d, generator=gen, dtype=DTYPE)
    c = x0 - A @ psi0 - 0.3 * torch.tanh(B @ psi0 + b)

    def theta(psi):
        return c + A @ psi + 0.3 * torch.tanh(B @ psi + b)

    return theta, psi0


@dataclass
class ChartSample:
    """One surface (the graph of f) at theta-point x0, seen in the theta chart (``th``) and in a
    random chart psi (``ps``: the embedding Z o theta at psi0), and the graph of f o theta at psi0
    (:func:`composed_sample`, a different surface).  J = d psi / d theta, K = d theta / d psi = J^{-1},
    D2[o, i, j] = d^2 theta^o / d psi^i d psi^j; a is a random vector of R^{d+1} and L = a.Z a
    function on the surface (gL, HL its theta-gradient and theta-Hessian)."""

    key: tuple[int, int, str]
    th: Sample
    ps: Surface
    J: np.ndarray
    K: np.ndarray
    D2: np.ndarray
    a: np.ndarray
    gL: np.ndarray
    HL: np.ndarray

    @property
    def comp(self) -> Sample:
        """The graph of f o theta at psi0 (cached)."""
        return composed_sample(*self.key)


@functools.lru_cache(maxsize=None)
def chart_sample(seed: int, d: int, point: str = GENERIC) -> ChartSample:
    f, x0 = function_at(seed, d, point)
    theta, psi0 = random_chart(seed, d, x0)
    K = jacrev(theta)(psi0)
    D2 = jacfwd(jacrev(theta))(psi0)
    th = sample(seed, d, point)
    ps = surface_oracle(lambda q: graph_embedding(f)(theta(q)), psi0)
    gen = np.random.default_rng(99 + 1000 * d + seed)
    a = gen.normal(size=d + 1)
    gL = a[:d] + a[d] * th.p
    HL = a[d] * th.H
    Kn = K.detach().numpy()
    return ChartSample((seed, d, point), th, ps, np.linalg.inv(Kn), Kn, D2.detach().numpy(), a, gL, HL)


@functools.lru_cache(maxsize=None)
def composed_sample(seed: int, d: int, point: str = GENERIC) -> Sample:
    """The graph of f o theta at psi0 (the chart of :func:`chart_sample`): another surface."""
    f, x0 = function_at(seed, d, point)
    theta, psi0 = random_chart(seed, d, x0)
    return oracle(lambda q: f(theta(q)), psi0)


# =============================================================================================
# agreement and verdicts
# =============================================================================================


def flat(t) -> np.ndarray:
    return np.concatenate([np.ravel(np.asarray(x, dtype=float)) for x in (t if isinstance(t, list) else [t])])


def agree(a, b, rtol: float = RTOL) -> bool:
    """Entrywise |a - b| <= rtol max(1, |b|); objects of different shapes never agree."""
    a, b = flat(a), flat(b)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= rtol * np.maximum(1.0, np.abs(b))))


#: claim id -> name of the test that derives its verdict a second time
DERIVED: dict[str, str] = {}
_JUDGED: contextvars.ContextVar[set | None] = contextvars.ContextVar("judged", default=None)


def derives(*ids: str):
    """Register a test as the second derivation of ``ids``; the test fails unless it ``judge``-s each."""
    def deco(fn):
        for cid in ids:
            if cid not in CLAIMS:
                raise KeyError(f"{fn.__name__}: {cid} is not a registered claim")
            if cid in DERIVED:
                raise ValueError(f"{cid} is derived twice ({DERIVED[cid]} and {fn.__name__})")
            DERIVED[cid] = fn.__name__

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            judged: set = set()
            token = _JUDGED.set(judged)
            try:
                fn(*args, **kwargs)
            finally:
                _JUDGED.reset(token)
            missing = set(ids) - judged
            assert not missing, f"{fn.__name__} names {sorted(missing)} but never judged them"

        return wrapper

    return deco


def judge(claim_id: str, printed: bool, corrected: bool | None = None, *, readings: dict[str, bool] | None = None) -> None:
    """Fail unless the recorded verdict of ``claim_id`` follows from the second derivation.

    ``printed``: the printed statement holds at every sample (computed here).  TRUE and
    TRUE_UNDER_CONVENTION (under the oracle's conventions, stated per test) need it; TYPO and
    FALSE need it to fail, and ``corrected`` (the claim's correction, where the test evaluates it)
    to hold.  AMBIGUOUS needs ``readings`` with at least one true and one false reading.
    """
    verdict = CLAIMS[claim_id].expected
    if verdict in (Verdict.TRUE, Verdict.TRUE_UNDER_CONVENTION):
        assert printed, f"{claim_id} is {verdict} but the second derivation refutes the printed statement"
        assert corrected is None, f"{claim_id}: a correction for a {verdict} claim"
    elif verdict in (Verdict.TYPO, Verdict.FALSE):
        assert not printed, f"{claim_id} is {verdict} but the second derivation confirms the printed statement"
        if corrected is not None:
            assert corrected, f"{claim_id}: the correction disagrees with the second derivation"
    elif verdict is Verdict.AMBIGUOUS:
        assert readings, f"{claim_id} is AMBIGUOUS: the second derivation must test its readings"
        values = set(readings.values())
        assert values == {True, False}, f"{claim_id} is AMBIGUOUS but its readings all come out {values}: {readings}"
    else:
        raise AssertionError(f"{claim_id}: {verdict} is not a verdict a second derivation can decide")
    judged = _JUDGED.get()
    if judged is not None:
        judged.add(claim_id)
