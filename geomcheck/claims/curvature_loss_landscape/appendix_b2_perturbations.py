"""002, Appendix B.2: perturbations on the weights (Proposition B.5)."""

from __future__ import annotations

import numpy as np
import sympy as sp
from ..model import Context, Outcome, Verdict
from ._common import (
    _eq7_outcome,
    _quartic_bound_check,
    _sphere_mean_quartic_2d,
    _sphere_mean_quartic_formula,
    add,
)
from ..tools import monte_carlo


@add("002-propB5-equivalence", location="App. B.2, Proposition B.5",
     quote=r"""Then, minimising the trace of the square of the Hessian is equivalent to minimising the influence of the perturbations on the weights:""",
     expected=Verdict.FALSE, kind="proposition")
def _propB5_equiv(ctx: Context) -> Outcome:
    # leading-order influence of a unit perturbation x: (ε⁴/4)(x^T H x)^2.
    # worst case over x: λ_max(H)²; average over the unit sphere: ((tr H)² + 2 tr H²)/(q(q+2)).
    a, b = sp.symbols("a b", real=True)
    mean_formula_ok = sp.simplify(_sphere_mean_quartic_2d(a, b) - _sphere_mean_quartic_formula(sp.diag(a, b))) == 0
    Hd = sp.diag(1, 2, 3, 4)
    mc = monte_carlo(lambda rng, k: _unit_quartic_samples(rng, k, np.array([1.0, 2.0, 3.0, 4.0])),
                     40_000 * (5 if ctx.thorough else 1), claim_id="002-propB5-equivalence", seed=ctx.seed)
    exact_q4 = _sphere_mean_quartic_formula(Hd)
    lo, hi = mc.interval()
    mc_ok = lo <= float(exact_q4) <= hi

    def stats(H):
        return {"trH2": (H * H).trace(), "worst": max(H.eigenvals()) ** 2 if H.is_positive_semidefinite else None,
                "mean": _sphere_mean_quartic_formula(H)}

    worst_pair = (sp.diag(2, 0), sp.diag(sp.Rational(3, 2), sp.Rational(3, 2)))
    mean_pair = (sp.eye(2), sp.diag(sp.Rational(3, 2), 0))
    w1, w2 = stats(worst_pair[0]), stats(worst_pair[1])
    m1, m2 = stats(mean_pair[0]), stats(mean_pair[1])
    false = (mean_formula_ok and mc_ok and w1["trH2"] < w2["trH2"] and w1["worst"] > w2["worst"]
             and m1["trH2"] < m2["trH2"] and m1["mean"] > m2["mean"])
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "a smaller tr(H^2) can come with a larger worst-case and a larger average perturbation: tr(H^2) only bounds them",
        correction=(r"To leading order the influence is $\tfrac{\varepsilon^4}{4}(x^\top Hx)^2$: its maximum over unit $x$ is "
                    r"$\tfrac{\varepsilon^4}{4}\lambda_{\max}(H^2)$ and its mean over the sphere $\tfrac{\varepsilon^4}{4}\tfrac{(\mathrm{tr}H)^2+2\mathrm{tr}H^2}{q(q+2)}$; "
                    r"$\mathrm{tr}(H^2)$ is only an upper bound of both, minimising it is not equivalent."),
        evidence={"worst_case_pair": {"H1": "diag(2,0)", "H2": "diag(3/2,3/2)", "trH2": [str(w1["trH2"]), str(w2["trH2"])],
                                      "lambda_max^2": [str(w1["worst"]), str(w2["worst"])]},
                  "average_pair": {"H1": "I_2", "H2": "diag(3/2,0)", "trH2": [str(m1["trH2"]), str(m2["trH2"])],
                                   "sphere_mean": [str(m1["mean"]), str(m2["mean"])]},
                  "sphere_mean_formula_exact_q2": mean_formula_ok,
                  "monte_carlo_q4_diag(1,2,3,4)": mc.as_evidence() | {"exact": str(exact_q4)}},
        latex=(r"Worst case: $H_1=\mathrm{diag}(2,0)$, $H_2=\tfrac32I$: $\mathrm{tr}H_1^2=4<\tfrac92$ but $\lambda_{\max}^2=4>\tfrac94$. "
               r"Average over the unit circle, $\mathbb E(x^\top Hx)^2=\tfrac{(\mathrm{tr}H)^2+2\mathrm{tr}H^2}{q(q+2)}$ (exact integral for "
               r"$q=2$; seeded Monte Carlo for $q=4$, $H=\mathrm{diag}(1,2,3,4)$: "
               f"${mc.mean:.4f}\\pm{mc.stderr:.4f}$, $n={mc.samples}$, exact ${sp.latex(exact_q4)}$): $H_1=I$, "
               r"$H_2=\mathrm{diag}(\tfrac32,0)$ have $\mathrm{tr}H^2=2<\tfrac94$ but means $1>\tfrac{27}{32}$. So ordering by "
               r"$\mathrm{tr}(H^2)$ disagrees with both readings of `the influence of the perturbations'."),
        rule='counterexample' if false else None,
    )


def _unit_quartic_samples(rng, k: int, lams: np.ndarray) -> np.ndarray:
    """(x^T diag(lams) x)^2 for k uniform unit vectors x."""
    z = rng.standard_normal((k, len(lams)))
    x2 = z**2 / (z**2).sum(axis=1, keepdims=True)
    return (x2 @ lams) ** 2


@add("002-eq11-perturbation-bound", location="App. B.2, Proposition B.5, Eq. (11)",
     quote=r"$$\|f(\mathbf{x}_{\min} + \varepsilon \mathbf{x}) - f(\mathbf{x}_{\min})\|_2^2 \leq \frac{1}{4} \varepsilon^4 \text{tr}(\mathbf{H}_{\min}^2) \quad (11)$$",
     expected=Verdict.TYPO, kind="proposition")
def _eq11(ctx: Context) -> Outcome:
    return _eq7_outcome(ctx, "002-eq11-perturbation-bound")


@add("002-propB5-proof-taylor", location="App. B.2, proof of Proposition B.5, first display",
     quote=r"$$f(\mathbf{x}_{\min} + \varepsilon \mathbf{x}) = f(\mathbf{x}_{\min}) + \varepsilon \mathbf{x}^\top \mathbf{J} + \frac{\varepsilon^2}{2} \mathbf{x}^\top \mathbf{H} \mathbf{x} + o(\varepsilon^2 \|\mathbf{x}\|^2).$$",
     expected=Verdict.TRUE, kind="proof-step")
def _propB5_taylor(ctx: Context) -> Outcome:
    # generic cubic polynomial in 2 variables, generic base point and direction: the remainder is O(ε³)
    y1, y2, a1, a2, x1, x2, eps = sp.symbols("y1 y2 a1 a2 x1 x2 epsilon", real=True)
    coeffs = iter(sp.symbols("c0:10"))
    f = sum(next(coeffs) * y1**i * y2**j for i in range(4) for j in range(4 - i))
    at = {y1: a1, y2: a2}
    grad = sp.Matrix([sp.diff(f, v).subs(at) for v in (y1, y2)])
    H = sp.hessian(f, (y1, y2)).subs(at)
    x = sp.Matrix([x1, x2])
    rem = sp.expand(f.subs({y1: a1 + eps * x1, y2: a2 + eps * x2}, simultaneous=True) - f.subs(at)
                    - eps * (x.T * grad)[0, 0] - eps**2 / 2 * (x.T * H * x)[0, 0])
    low = [sp.expand(rem.coeff(eps, k)) for k in range(3)]
    ok = all(c == 0 for c in low)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "second-order Taylor expansion with J = grad f: the remainder of a generic cubic has no eps^0, eps^1, eps^2 terms",
        correction=None if ok else r"Taylor",
        evidence={"remainder_low_order_coefficients": [str(c) for c in low]},
        latex=(r"For a generic cubic $f$ in two variables, base point $a$ and direction $x$ (all symbolic), "
               r"$f(a+\varepsilon x)-f(a)-\varepsilon x^\top\nabla f(a)-\tfrac{\varepsilon^2}{2}x^\top H(a)x$ is $O(\varepsilon^3)$ exactly; "
               r"for $f\in C^2$ the remainder is $o(\varepsilon^2\|x\|^2)$ by Taylor's theorem."),
        rule=None if ok else 'counterexample',
    )


@add("002-propB5-proof-eigenvector", location="App. B.2, proof of Proposition B.5",
     quote=r"""Note that, if \mathbf{x} is an eigenvector of \mathbf{H} then: $\mathbf{x}^\top \mathbf{H} \mathbf{x} = \text{tr}(\mathbf{H})$.""",
     expected=Verdict.FALSE, kind="proof-step")
def _propB5_eig(ctx: Context) -> Outcome:
    H = sp.diag(1, 2)
    x = sp.Matrix([1, 0])
    is_eig = H * x == 1 * x
    q = (x.T * H * x)[0, 0]
    false = is_eig and q != H.trace()
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "for a unit eigenvector x^T H x is its eigenvalue, not tr H: H = diag(1,2), x = e1 gives 1, not 3",
        correction=r"If $x$ is a unit eigenvector of $H$ with eigenvalue $\lambda$, then $x^\top Hx=\lambda$.",
        evidence={"H": "diag(1,2)", "x": "e1", "xHx": str(q), "trH": str(H.trace())},
        latex=r"$H=\mathrm{diag}(1,2)$, $x=e_1$ (unit eigenvector, eigenvalue 1): $x^\top Hx=1\neq3=\mathrm{tr}H$.",
        rule='counterexample' if false else None,
    )


@add("002-propB5-proof-coordinates", location="App. B.2, proof of Proposition B.5",
     quote=r"""In general, each element of the vector is inferior to 1: $\mathbf{x}_i^2 \leq 1$ and so, $\lambda_i^2 \mathbf{x}_i^4 \leq \lambda_i^2$.""",
     expected=Verdict.TRUE, kind="proof-step")
def _propB5_coord(ctx: Context) -> Outcome:
    # true as stated; but Σλ_i² x_i⁴ is not (x^T H x)²: cross terms (λ = (1, 1), x = (3/5, 4/5))
    lam = (1, 1)
    x = (sp.Rational(3, 5), sp.Rational(4, 5))
    quad_sq = (sum(l * xi**2 for l, xi in zip(lam, x))) ** 2
    diag_terms = sum(l**2 * xi**4 for l, xi in zip(lam, x))
    ok = all(xi**2 <= 1 for xi in x) and quad_sq > diag_terms
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "x_i^2 <= 1 for a unit vector, so lambda_i^2 x_i^4 <= lambda_i^2; note (x^T H x)^2 also has cross terms this step does not bound",
        correction=None if ok else r"$x_i^2\le1$",
        evidence={"x": "(3/5, 4/5)", "lambda": "(1, 1)", "(sum lambda x^2)^2": str(quad_sq), "sum lambda^2 x^4": str(diag_terms)},
        latex=(r"For $\|x\|=1$, $x_i^2\le1$ and hence $\lambda_i^2x_i^4\le\lambda_i^2$: true. It does not by itself give "
               r"$(x^\top Hx)^2\le\mathrm{tr}H^2$, because in the eigenbasis $(x^\top Hx)^2=(\sum_i\lambda_ix_i^2)^2$ has cross terms: "
               r"$\lambda=(1,1)$, $x=(\tfrac35,\tfrac45)$ gives $1>\sum\lambda_i^2x_i^4=\tfrac{337}{625}$. The needed step is "
               r"Jensen/Cauchy--Schwarz: $(\sum\lambda_ix_i^2)^2\le\sum\lambda_i^2x_i^2\le\max_i\lambda_i^2\le\sum\lambda_i^2$."),
        rule=None if ok else 'counterexample',
    )


@add("002-propB5-proof-final", location="App. B.2, proof of Proposition B.5, last display",
     quote=r"$$\|f(\mathbf{x}_{\min} + \mathbf{x}) - f(\mathbf{x}_{\min})\|_2^2 = \frac{\varepsilon^4}{4} (\mathbf{x}^\top \mathbf{H} \mathbf{x})^2 + o(\varepsilon^4) \leq \frac{\varepsilon^4}{4} \text{tr}(\mathbf{H}^2) + o(\varepsilon^4)$$",
     expected=Verdict.TYPO, kind="proof-step")
def _propB5_final(ctx: Context) -> Outcome:
    x, eps = sp.symbols("x epsilon", real=True)
    f = x**2 + x**3
    H = 2
    printed_lhs = (f.subs(x, 1) - f.subs(x, 0)) ** 2           # no ε: the constant 4
    fixed_lhs = sp.expand((f.subs(x, eps) - f.subs(x, 0)) ** 2)
    fixed_eq = sp.limit((fixed_lhs - eps**4 / 4 * H**2) / eps**4, eps, 0) == 0
    printed_eq = sp.limit((printed_lhs - eps**4 / 4 * H**2) / eps**4, eps, 0) == 0
    ok_ineq, ev = _quartic_bound_check(ctx, "002-propB5-proof-final")
    typo = fixed_eq and not printed_eq and ok_ineq
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "the perturbation eps is missing in f(x_min + x); with f(x_min + eps x) the equality and the inequality hold",
        correction=(r"$\|f(x_{\min}+\varepsilon x)-f(x_{\min})\|_2^2=\tfrac{\varepsilon^4}{4}(x^\top Hx)^2+o(\varepsilon^4)"
                    r"\le\tfrac{\varepsilon^4}{4}\mathrm{tr}(H^2)+o(\varepsilon^4)$"),
        evidence={"f": str(f), "printed_lhs_x=1": str(printed_lhs), "fixed_lhs": str(fixed_lhs), "inequality_checks": ev},
        latex=(r"As printed, for $f=x^2+x^3$, $x=1$: $(f(1)-f(0))^2=4$, not $\tfrac{\varepsilon^4}{4}\cdot4+o(\varepsilon^4)$. "
               r"With $f(x_{\min}+\varepsilon x)$: $(\varepsilon^2+\varepsilon^3)^2=\varepsilon^4+o(\varepsilon^4)$ (exact limit), and "
               r"$(x^\top Hx)^2\le x^\top H^2x\le\mathrm{tr}H^2$ for unit $x$ (Cauchy--Schwarz; exact checks on seeded rational data)."),
        rule='symbol' if typo else 'counterexample',
    )
