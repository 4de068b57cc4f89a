"""002, Section 1 (introduction)."""

from __future__ import annotations

import itertools
import sympy as sp
from ..model import Context, Outcome, Verdict
from ._common import _all_benefits_outcome, _crit_S, _frobenius_sq, add


def _max_vertex_quadratic(H: sp.Matrix) -> sp.Expr:
    """``max_{s ∈ {±1}^q} s^T H s``: the worst loss increase (x 2/Δ²) under rounding by ±Δ."""
    q = H.shape[0]
    return max((sp.Matrix(s).T * H * sp.Matrix(s))[0, 0] for s in itertools.product((-1, 1), repeat=q))


@add("002-sec1-flat-low-precision", location="Sec. 1, paragraph 1",
     quote=r"""The basis of this hypothesis stems from the observation that when the minima of the optimization landscape are flatter, it enables the utilization of weights with lower precision.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _sec1_precision(ctx: Context) -> Outcome:
    # Quadratic minimum f = x^T H x / 2; rounding every weight by at most Δ raises the loss by at
    # most Δ²/2 max_{s∈{±1}^q} s^T H s (a convex function is maximal at a vertex of the box).
    # The largest admissible Δ for a loss budget τ is sqrt(2τ / max_s s^T H s).
    I2 = sp.eye(2)
    loewner = (sp.diag(1, 1), sp.diag(2, 3))  # H_flat <= H_sharp (Loewner)
    trace_pair = (sp.Matrix([[1, 1], [1, 1]]), sp.diag(sp.Rational(3, 2), sp.Rational(3, 2)))
    S_pair = (sp.diag(10, 0), I2)
    rows = {}
    for name, (H1, H2) in {"loewner": loewner, "trace": trace_pair, "scalar_curvature": S_pair}.items():
        m1, m2 = _max_vertex_quadratic(H1), _max_vertex_quadratic(H2)
        rows[name] = {"H_flatter": str(H1.tolist()), "H_sharper": str(H2.tolist()),
                      "trace": [str(H1.trace()), str(H2.trace())], "S": [str(_crit_S(H1)), str(_crit_S(H2))],
                      "max_s_sHs": [str(m1), str(m2)], "flatter_allows_coarser_rounding": bool(m1 <= m2)}
    loewner_ok = (loewner[1] - loewner[0]).is_positive_semidefinite and rows["loewner"]["flatter_allows_coarser_rounding"]
    ambiguous = loewner_ok and not rows["trace"]["flatter_allows_coarser_rounding"] \
        and not rows["scalar_curvature"]["flatter_allows_coarser_rounding"]
    return Outcome(
        Verdict.AMBIGUOUS if ambiguous else Verdict.TRUE,
        "true when 'flatter' means a Loewner-smaller Hessian; false when it means a smaller trace or a smaller scalar curvature",
        evidence=rows,
        latex=(r"Precise reading: at a quadratic minimum $f=\tfrac12x^\top Hx$, rounding each weight by at most "
               r"$\Delta$ raises the loss by at most $\tfrac{\Delta^2}{2}\max_{s\in\{\pm1\}^q}s^\top Hs$, so the "
               r"coarsest admissible precision for a loss budget $\tau$ is $\Delta=\sqrt{2\tau/\max_s s^\top Hs}$. "
               r"(a) Loewner order $H_1\preceq H_2$: $\max_s s^\top H_1s\le\max_s s^\top H_2s$, true. "
               r"(b) Trace: $H_1=\begin{pmatrix}1&1\\1&1\end{pmatrix}$ ($\mathrm{tr}=2$) needs $\max_s=4$, "
               r"$H_2=\tfrac32I$ ($\mathrm{tr}=3$) needs $3$: the flatter one needs finer weights. "
               r"(c) Scalar curvature: $H_1=\mathrm{diag}(10,0)$ has $S=0$, $H_2=I$ has $S=2$, but $\max_s$ is $10$ vs $2$. "
               r"The word `flatter' is not defined, and the claim holds only in reading (a)."),
        rule='readings' if ambiguous else None,
    )


@add("002-sec1-dinh-not-invariant", location="Sec. 1, paragraph 2",
     quote=r"""The notion of flatness has been challenged by Dinh et al. (2017), who argued that the different flatness measures proposed are not invariant under reparametrization of the parameter space""",
     expected=Verdict.TRUE, kind="verbal")
def _sec1_dinh(ctx: Context) -> Outcome:
    x1, x2, y1, y2 = sp.symbols("x1 x2 y1 y2", real=True)
    f = x1**2 + x2**2
    fphi = f.subs({x1: 2 * y1, x2: y2}, simultaneous=True)  # same model: f∘φ with φ(y) = (2 y1, y2)
    H = sp.hessian(f, (x1, x2)).subs({x1: 0, x2: 0})
    Hy = sp.hessian(fphi, (y1, y2)).subs({y1: 0, y2: 0})
    measures = {
        "trace": (H.trace(), Hy.trace()),
        "largest_eigenvalue": (max(H.eigenvals()), max(Hy.eigenvals())),
        "frobenius_sq": (_frobenius_sq(H), _frobenius_sq(Hy)),
        "scalar_curvature": (_crit_S(H), _crit_S(Hy)),
    }
    changed = all(a != b for a, b in measures.values())
    from ..numeric_evidence import dinh_rescaling_evidence

    at_scale = dinh_rescaling_evidence()  # Dinh's own rescaling of a ReLU network, matrix-free
    return Outcome(
        Verdict.TRUE if changed else Verdict.FALSE,
        "at the same minimum of the same model, trace, top eigenvalue, Frobenius norm and S of the Hessian all change under x = (2y1, y2)",
        correction=None if changed else "flatness measures are invariant",
        evidence={**{k: [str(a), str(b)] for k, (a, b) in measures.items()}, "relu_network_at_scale": at_scale},
        latex=(r"$f=x_1^2+x_2^2$ and $f\circ\varphi=4y_1^2+y_2^2$ with $\varphi(y)=(2y_1,y_2)$ describe the same model; "
               r"at the minimum the Hessian goes from $\mathrm{diag}(2,2)$ to $\mathrm{diag}(8,2)$: trace $4\to10$, "
               r"largest eigenvalue $2\to8$, $\|H\|_F^2$ $8\to68$, $(\mathrm{tr}H)^2-\mathrm{tr}H^2$ $8\to32$."),
        rule=None if changed else 'counterexample',
    )


@add("002-fig1-robust-flatter", location="Sec. 1, Fig. 1 caption",
     quote=r"""The loss is more robust to perturbation in the flatter minima.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _fig1(ctx: Context) -> Outcome:
    # Isotropic Gaussian perturbation z ~ N(0, σ² I) of a quadratic minimum f = z^T H z / 2:
    # E[Δf] = σ²/2 tr H and Var[Δf] = σ⁴/2 tr(H²) (z_i² has variance 2σ⁴).
    sig = sp.symbols("sigma", positive=True)

    def mean_var(H):
        return sig**2 / 2 * H.trace(), sig**4 / 2 * (H * H).trace()

    # the variance formula, exactly, for a diagonal H from the moments of a Gaussian
    z1, z2 = sp.symbols("z1 z2", real=True)
    a, b = sp.symbols("a b", real=True)
    dens = sp.exp(-(z1**2 + z2**2) / (2 * sig**2)) / (2 * sp.pi * sig**2)
    q = (a * z1**2 + b * z2**2) / 2
    m1 = sp.integrate(q * dens, (z1, -sp.oo, sp.oo), (z2, -sp.oo, sp.oo))
    m2 = sp.integrate(q**2 * dens, (z1, -sp.oo, sp.oo), (z2, -sp.oo, sp.oo))
    var_ok = sp.simplify(m2 - m1**2 - sig**4 / 2 * (a**2 + b**2)) == 0 and sp.simplify(m1 - sig**2 / 2 * (a + b)) == 0
    pairs = {
        "loewner": (sp.eye(2), sp.diag(2, 3)),
        "trace": (sp.diag(sp.Rational(14, 5), 0), sp.diag(sp.Rational(3, 2), sp.Rational(3, 2))),
        "scalar_curvature": (sp.diag(10, 0), sp.eye(2)),
    }
    ev = {"variance_formula_exact": var_ok}
    for name, (H1, H2) in pairs.items():
        (e1, v1), (e2, v2) = mean_var(H1), mean_var(H2)
        ev[name] = {"flatter": str(H1.tolist()), "sharper": str(H2.tolist()), "S": [str(_crit_S(H1)), str(_crit_S(H2))],
                    "mean": [str(e1), str(e2)], "variance": [str(v1), str(v2)],
                    "flatter_more_robust_in_mean": bool(sp.simplify(e2 - e1) >= 0),
                    "flatter_more_robust_in_variance": bool(sp.simplify(v2 - v1) >= 0)}
    ambiguous = (var_ok and ev["loewner"]["flatter_more_robust_in_mean"] and ev["loewner"]["flatter_more_robust_in_variance"]
                 and not ev["trace"]["flatter_more_robust_in_variance"]
                 and not ev["scalar_curvature"]["flatter_more_robust_in_mean"])
    return Outcome(
        Verdict.AMBIGUOUS if ambiguous else Verdict.TRUE,
        "holds for a Loewner-smaller Hessian; in variance it fails for 'smaller trace'; it fails outright for 'smaller scalar curvature'",
        evidence=ev,
        latex=(r"Reading: the same isotropic perturbation $z\sim\mathcal N(0,\sigma^2I)$ at two quadratic minima; "
               r"exactly (Gaussian moments) $\mathbb E[\Delta f]=\tfrac{\sigma^2}{2}\mathrm{tr}H$ and "
               r"$\mathrm{Var}[\Delta f]=\tfrac{\sigma^4}{2}\mathrm{tr}(H^2)$. "
               r"(a) `flatter' $=$ Loewner-smaller Hessian: $\tfrac12z^\top H_1z\le\tfrac12z^\top H_2z$ for every $z$, true pathwise. "
               r"(b) `flatter' $=$ smaller trace: $H_1=\mathrm{diag}(\tfrac{14}{5},0)$, $H_2=\tfrac32I$ have traces $\tfrac{14}{5}<3$ but "
               r"variances $\tfrac{98}{25}\sigma^4>\tfrac94\sigma^4$. "
               r"(c) `flatter' $=$ smaller scalar curvature: $H_1=\mathrm{diag}(10,0)$ ($S=0$), $H_2=I$ ($S=2$): mean $5\sigma^2>\sigma^2$. "
               r"The figure's function is not given, so the caption is ambiguous; it is true only in reading (a)."),
        rule='readings' if ambiguous else None,
    )


@add("002-sec1-all-benefits", location="Sec. 1, last paragraph",
     quote=r"""Our findings demonstrate that the scalar curvature possesses all the benefits of the Hessian norm without its limitations.""",
     expected=Verdict.FALSE, kind="verbal")
def _sec1_benefits(ctx: Context) -> Outcome:
    return _all_benefits_outcome()
