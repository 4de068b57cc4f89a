"""Registration and helpers of the 004 claims (Böttcher, Wheeler, "Visualizing high-dimensional loss
landscapes with Hessian directions"); the claims live in one module per section of the paper.

Private helpers (used by the section modules, tested in ``tests/claims/test_hessian_directions_helpers.py``):

* :func:`_psaddle_mc`, :func:`_mean_kappa_mc`, :func:`_pm_spectrum`: the Monte-Carlo probabilities
  and mean curvatures of random projections, computed by :mod:`geomcheck.landscape.statistics`
  (exact Wishart sampling of the projected Hessian) on each claim's own random stream;
* :func:`_algorithm1`: Algorithm 1 as printed (``LinearOperator`` + ``eigsh`` + shifted HVP, on a
  :mod:`geomcheck.operators` operator); the power iteration of Appendix B on ``B = A - lambda_1 I``
  is the public :func:`geomcheck.annihilation` (:mod:`geomcheck.eigen.power`);
* :func:`_quad_fit_c2`: exact least-squares quadratic fit (curvature-based trace estimate);
* :func:`_resnet_cifar_params`, :func:`_densenet_params`: parameter counts by formula;
* exact Gaussian moments (:func:`_gauss_expect`), chi-square tails, the losses (2.23)/(2.28).
"""

from __future__ import annotations

import ctypes
import math
from contextlib import contextmanager
from functools import lru_cache, wraps

import mpmath as mp
import numpy as np
import sympy as sp

from ...landscape.statistics import Spectrum, projected_curvature_means, projected_saddle_probability
from ...symbolic.exact import tidy
from ..model import ClaimSet, Context, Outcome, Source, Verdict
from ..tools import MonteCarlo, rng_for

SOURCE = Source("004", "004_e641759f7a6e2b77.txt",
                "Visualizing high-dimensional loss landscapes with Hessian directions (Böttcher, Wheeler)")
CLAIMS = ClaimSet(SOURCE)


@contextmanager
def _blas_single_thread():
    """Run with OpenBLAS limited to one thread, restoring the previous setting afterwards.

    Once torch is imported next to numpy/scipy's OpenBLAS, multi-threaded OpenBLAS calls on this
    2-core machine become ~100x slower (thread contention: a 120x120 QR takes ~0.7 s instead of
    5 ms).  The checks of this module only use small matrices, so one thread is never slower.
    Implemented with ctypes on the already loaded OpenBLAS libraries (what threadpoolctl does).
    """
    handles = []
    try:
        with open("/proc/self/maps") as fh:
            paths = {line.split()[-1] for line in fh if "openblas" in line.lower() and ".so" in line}
    except OSError:
        paths = set()
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                                   ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
                                   ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                                   ("openblas_get_num_threads", "openblas_set_num_threads")):
            getter, setter = getattr(lib, get_name, None), getattr(lib, set_name, None)
            if getter is not None and setter is not None:
                getter.restype = ctypes.c_int
                setter.argtypes = [ctypes.c_int]
                handles.append((setter, int(getter())))
                break
    for setter, _ in handles:
        setter(1)
    try:
        yield
    finally:
        for setter, n in handles:
            setter(n)


def add(id: str, **kw):
    """``CLAIMS.add``, running the check with single-threaded OpenBLAS (see :func:`_blas_single_thread`)."""
    register = CLAIMS.add(id, **kw)

    def deco(check):
        @wraps(check)
        def wrapped(ctx: Context) -> Outcome:
            with _blas_single_thread():
                return check(ctx)

        register(wrapped)
        return check

    return deco

DIMS_ALL = range(2, 11)
SQRT2 = sp.sqrt(2)


# ---------------------------------------------------------------------------------------- exact moments, projections


def _gauss_expect(expr, gvars) -> sp.Expr:
    """Exact E[expr] for a polynomial ``expr`` in independent standard normals ``gvars``."""
    poly = sp.Poly(sp.expand(expr), *gvars)
    total = sp.Integer(0)
    for monom, coeff in poly.terms():
        m = sp.Integer(1)
        for e in monom:
            if e % 2:
                m = sp.Integer(0)
                break
            m *= sp.factorial2(e - 1) if e else 1
        total += coeff * m
    return sp.expand(total)


def _sym_matrix(N: int, name: str = "h") -> sp.Matrix:
    return sp.Matrix(N, N, lambda i, j: sp.Symbol(f"{name}_{min(i, j) + 1}{max(i, j) + 1}", real=True))


def _projected(N: int):
    """Symbolic H (symmetric), eta, delta and A = eta^T H eta, B = eta^T H delta, C = delta^T H delta."""
    H = _sym_matrix(N)
    eta = sp.Matrix(sp.symbols(f"eta1:{N + 1}", real=True))
    dlt = sp.Matrix(sp.symbols(f"delta1:{N + 1}", real=True))
    A = (eta.T * H * eta)[0]
    B = (eta.T * H * dlt)[0]
    C = (dlt.T * H * dlt)[0]
    return H, eta, dlt, A, B, C


def _pm_spectrum(p: int, q: int) -> Spectrum:
    """The spectrum of 004's examples: ``p`` eigenvalues ``+1`` and ``q`` eigenvalues ``-1`` (zeros do not contribute)."""
    vals = [v for v, m in ((1.0, p), (-1.0, q)) if m > 0]
    return Spectrum.of(vals, [m for m in (p, q) if m > 0])


def _psaddle_mc(cid: str, ctx: Context, p: int, q: int, samples: int) -> MonteCarlo:
    """Pr(kappa_+ kappa_- < 0) for the +-1 spectrum (p, q), by :func:`geomcheck.landscape.projected_saddle_probability`."""
    r = projected_saddle_probability(_pm_spectrum(p, q), num_samples=samples, seed=rng_for(f"{cid}:{p}:{q}", ctx.seed))
    return MonteCarlo(r.saddle, r.saddle_stderr, r.num_samples, ctx.seed)


def _mean_kappa_mc(cid: str, ctx: Context, p: int, q: int, samples: int, which: int) -> MonteCarlo:
    """E[kappa_+] (which = 0) or E[kappa_-] (which = 1) by :func:`geomcheck.landscape.projected_curvature_means`."""
    r = projected_curvature_means(_pm_spectrum(p, q), num_samples=samples, seed=rng_for(f"{cid}:{p}:{q}:{which}", ctx.seed))
    return MonteCarlo(*((r.plus, r.plus_stderr) if which == 0 else (r.minus, r.minus_stderr)), r.num_samples, ctx.seed)


def _sci(x, digits: int = 2) -> str:
    """LaTeX scientific notation (math mode body): 4.1\\cdot10^{-24}."""
    x = float(x)
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return f"{x:.{digits + 1}g}"
    e = int(math.floor(math.log10(abs(x))))
    return f"{x / 10 ** e:.{digits}g}\\cdot10^{{{e}}}"


def _mc_str(m) -> str:
    return f"{m.mean:.5g} \\pm {m.stderr:.2g}"


def _mc_text(m) -> str:
    """'0.2917 +- 0.0003 (n = 200000)' for reasons (plain text)."""
    return f"{m.mean:.4g} +- {m.stderr:.1g} (n={m.samples})"


# ---------------------------------------------------------------------------------------- chi-square


def _chi2_sf(x, N) -> mp.mpf:
    return mp.gammainc(mp.mpf(N) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


def _chi2_cdf(x, N) -> mp.mpf:
    if x <= 0:
        return mp.mpf(0)
    return mp.gammainc(mp.mpf(N) / 2, 0, mp.mpf(x) / 2, regularized=True)


def _ip_tail(N: int, eps) -> mp.mpf:
    """Exact Pr[N^{-1} sum eta_i delta_i >= eps]: given delta, the sum is N(0, |delta|^2), |delta|^2 ~ chi2_N."""
    return _ip_tail_cached(int(N), str(eps))


@lru_cache(maxsize=None)
def _ip_tail_cached(N: int, eps: str) -> mp.mpf:
    mp.mp.dps = 20
    N = mp.mpf(N)
    eps = mp.mpf(eps)
    lognorm = -(N / 2) * mp.log(2) - mp.loggamma(N / 2)

    def f(r2):
        if r2 <= 0:
            return mp.mpf(0)
        return mp.ncdf(-N * eps / mp.sqrt(r2)) * mp.exp(lognorm + (N / 2 - 1) * mp.log(r2) - r2 / 2)

    return mp.quad(f, [0, N / 4, N / 2, N, 2 * N, 4 * N, mp.inf])


def _ip_rate(eps):
    """Chernoff rate of the mean of eta_i delta_i: I(eps) = (s - 1 - ln((1+s)/2))/2, s = sqrt(1+4 eps^2)."""
    s = mp.sqrt(1 + 4 * mp.mpf(eps) ** 2)
    return (s - 1 - mp.log((1 + s) / 2)) / 2


# ---------------------------------------------------------------------------------------- algorithms


def _algorithm1(hvp, N: int | None = None, *, tol: float = 0.0, seed: int = 0):
    """Algorithm 1 as printed: ``eigsh(which="LM")`` on the HVP operator, then on the shifted HVP.

    ``hvp`` is anything :func:`geomcheck.operators.as_operator` accepts (an operator, a dense
    symmetric tensor); ``L1``/``L2`` are its scipy ``LinearOperator`` and that of
    ``hvp - eigval1 * vec`` (``op.shift(-eigval1)``).  ``N`` (optional) must match the size.
    (The power-iteration variant of Appendix B is :func:`geomcheck.annihilation`.)
    Returns ``(maxeigval, maxeigvec, mineigval, mineigvec, matvec count)``.
    """
    from scipy.sparse.linalg import eigsh

    from ...operators import as_operator

    op = as_operator(hvp)
    if N is not None and N != op.size:
        raise ValueError(f"N={N} does not match the operator size {op.size}")
    N = op.size
    count0 = op.num_matvecs
    v0 = np.random.default_rng(seed).standard_normal(N)
    L1 = op.to_scipy()                                            # LinearOperator((N, N), matvec=hvp)
    w1, V1 = eigsh(L1, k=1, which="LM", tol=tol, v0=v0)
    eigval1, eigvec1 = float(w1[0]), V1[:, 0]
    L2 = op.shift(-eigval1).to_scipy()                            # shifted_hvp(vec) = hvp(vec) - eigval1*vec
    w2, V2 = eigsh(L2, k=1, which="LM", tol=tol, v0=v0)
    eigval2, eigvec2 = float(w2[0]) + eigval1, V2[:, 0]
    count = op.num_matvecs - count0
    if eigval1 >= 0:
        return eigval1, eigvec1, eigval2, eigvec2, count
    return eigval2, eigvec2, eigval1, eigvec1, count


def _orthogonal(N: int, rng: np.random.Generator) -> np.ndarray:
    Q, R = np.linalg.qr(rng.standard_normal((N, N)))
    return Q * np.sign(np.diag(R))


def _dense(H: np.ndarray):
    """The dense symmetric matrix ``H`` (numpy) as a :class:`geomcheck.operators.DenseOperator` (float64, CPU)."""
    import torch

    from ...operators import DenseOperator

    return DenseOperator(torch.as_tensor(H, dtype=torch.float64))


def _torch_hvp_quadratic(Hmat: np.ndarray):
    """HVP operator of L(theta) = 1/2 theta^T H theta + 1/3 sum theta_i^3 at theta* = 0 by double backprop (torch).

    A :class:`geomcheck.operators.MatvecOperator` (float64, CPU): ``op.matvec(v)`` is ``H v``.
    """
    import torch

    from ...operators import MatvecOperator

    Ht = torch.tensor(Hmat, dtype=torch.float64)
    theta0 = torch.zeros(Hmat.shape[0], dtype=torch.float64)

    def loss(th):
        return 0.5 * th @ (Ht @ th) + (th ** 3).sum() / 3

    def hvp(v):
        th = theta0.clone().requires_grad_(True)
        g = torch.autograd.grad(loss(th), th, create_graph=True)[0]
        return torch.autograd.grad(g @ v, th)[0]

    return MatvecOperator(hvp, Hmat.shape[0])


def _quad_fit_c2(alphas, values):
    """Exact least-squares fit values ~ c0 + c1 a + c2 a^2 (SymPy rationals); returns c2."""
    X = sp.Matrix([[1, a, a * a] for a in alphas])
    y = sp.Matrix(values)
    coef = (X.T * X).LUsolve(X.T * y)
    return tidy(coef[2])


def _quad_fit_c2_float(alphas: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Float least-squares quadratic coefficient for many curves at once (values: k x m)."""
    X = np.stack([np.ones_like(alphas), alphas, alphas ** 2], axis=1)
    coef, *_ = np.linalg.lstsq(X, values.T, rcond=None)
    return coef[2]


def _loss_228_sym(n: int, nt: int):
    """Eq. (2.28) as printed: L = theta_{2n+1} * 1/2 (sum_{i<=nt} theta_i^2 - sum_{i=nt+1}^{2n} theta_i^2)."""
    th = sp.symbols(f"t1:{2 * n + 2}", real=True)
    L = th[2 * n] * sp.Rational(1, 2) * (sum(th[i] ** 2 for i in range(nt)) - sum(th[i] ** 2 for i in range(nt, 2 * n)))
    return L, th


def _loss_223_sym(n: int):
    """Eq. (2.23): L = theta_{2n+1} * 1/2 sum_i (theta_i^2 - theta_{i+n}^2)."""
    th = sp.symbols(f"t1:{2 * n + 2}", real=True)
    L = th[2 * n] * sp.Rational(1, 2) * sum(th[i] ** 2 - th[i + n] ** 2 for i in range(n))
    return L, th


def _hessian_at(L, th, point):
    Hm = sp.hessian(L, th).subs(dict(zip(th, point)))
    g = sp.Matrix([sp.diff(L, x) for x in th]).subs(dict(zip(th, point)))
    return sp.Matrix(Hm), g


def _inertia(M: sp.Matrix):
    """(#positive, #negative, #zero) eigenvalues of a rational symmetric matrix, exactly.

    The characteristic polynomial of a symmetric matrix has only real roots, so Descartes' rule of
    signs is exact: positive roots = sign changes of p(x), negative roots = sign changes of p(-x).
    """
    lam = sp.Symbol("lam")
    cp = sp.Poly(M.charpoly(lam).as_expr(), lam)

    def changes(poly):
        cs = [c for c in poly.all_coeffs() if c != 0]
        return sum(1 for a, b in zip(cs, cs[1:]) if (a > 0) != (b > 0))

    pos = changes(cp)
    neg = changes(sp.Poly(cp.as_expr().subs(lam, -lam), lam))
    return pos, neg, M.shape[0] - pos - neg


# ---------------------------------------------------------------------------------------- networks


def _resnet_cifar_params(n_blocks: int = 9, widths=(16, 32, 64), classes: int = 10, shortcut: str = "B") -> int:
    """CIFAR ResNet (He et al. 2016, 6n+2 layers; n_blocks = 9 gives ResNet-56): convs without bias, BN
    (2 parameters per channel); shortcut 'A' = parameter-free, 'B' = 1x1 conv + BN when the width changes."""
    total = 3 * widths[0] * 9 + 2 * widths[0]
    cin = widths[0]
    for w in widths:
        for b in range(n_blocks):
            total += cin * w * 9 + 2 * w + w * w * 9 + 2 * w
            if b == 0 and cin != w and shortcut == "B":
                total += cin * w + 2 * w
            cin = w
    return total + widths[-1] * classes + classes


def _densenet_params(blocks=(6, 12, 24, 16), growth: int = 32, reduction: float = 0.5, classes: int = 10,
                     stem: str = "cifar") -> int:
    """DenseNet-BC with bottlenecks; stem 'cifar' = one 3x3 conv 3 -> 2g without BN (common CIFAR code),
    'imagenet' = torchvision's 7x7 conv + BN.  Convs without bias; BN has 2 parameters per channel."""
    c = 2 * growth
    total = 3 * c * 9 if stem == "cifar" else 3 * c * 49 + 2 * c
    for i, nb in enumerate(blocks):
        for _ in range(nb):
            total += 2 * c + c * 4 * growth + 2 * 4 * growth + 4 * growth * growth * 9
            c += growth
        if i != len(blocks) - 1:
            out = int(math.floor(c * reduction))
            total += 2 * c + c * out
            c = out
    return total + 2 * c + c * classes + classes


def _outcome_true(ok: bool, reason: str, **kw) -> Outcome:
    return Outcome(Verdict.TRUE if ok else Verdict.FALSE, reason if ok else "check failed: " + reason,
                   correction=kw.pop("correction", None) or (None if ok else "see evidence"), **kw)
