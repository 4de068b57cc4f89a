"""004, Sec. 1 (Introduction)."""

from __future__ import annotations

import sympy as sp

from ..model import Context, Outcome, Verdict
from ._common import add


@add("004-intro-semicircle-shift", location="Sec. 1, paragraph 4",
     quote=r"""As errors increase, the semicircle distribution will be shifted to the left, leading to a larger
proportion of negative eigenvalues.""",
     expected=Verdict.TRUE, kind="verbal")
def _intro_semicircle(ctx: Context) -> Outcome:
    m, R, u = sp.symbols("m R u", real=True)
    # fraction of negative eigenvalues of a semicircle of radius R centred at m (|m| < R)
    frac = sp.Integral(2 / sp.pi * sp.sqrt(1 - u ** 2), (u, -1, -m / R))
    d = sp.simplify(frac.diff(m).doit())
    at0 = sp.simplify(frac.subs(m, 0).doit())
    expected_d = -2 * sp.sqrt(1 - m ** 2 / R ** 2) / (sp.pi * R)
    ok = sp.simplify(d - expected_d) == 0 and at0 == sp.Rational(1, 2)
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "the negative fraction F(m) of a semicircle of radius R centred at m has dF/dm = -(2/(pi R)) sqrt(1 - m^2/R^2) < 0: "
        "a shift to the left raises it (the error -> shift link itself is Bray-Dean's result, cited)",
        correction=None if ok else "see evidence",
        evidence={"dF/dm": str(d), "F(0)": str(at0)},
        latex=(r"With density $\rho(\lambda)=\frac{2}{\pi R^2}\sqrt{R^2-(\lambda-m)^2}$ the negative fraction is "
               r"$F(m)=\frac{2}{\pi}\int_{-1}^{-m/R}\sqrt{1-u^2}\,du$, $F(0)=\tfrac12$, and "
               f"$F'(m)={sp.latex(d)}<0$ for $|m|<R$: moving the semicircle left (decreasing $m$) increases the proportion of negative eigenvalues. "
               r"That larger errors shift it left is the cited result of Bray and Dean (not re-derived here)."),
    )


@add("004-intro-baldi-hornik", location="Sec. 1, paragraph 5",
     quote=r"""Baldi and Hornik [7] analyzed the loss landscape of a linear single-layer perceptron and found that all critical points except one are saddles.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _intro_baldi(ctx: Context) -> Outcome:
    w, w1, w2 = sp.symbols("w w1 w2", real=True)
    xs, ys = [1, 2], [1, 3]
    # (a) no hidden layer: L(w) = 1/2 sum (y - w x)^2, convex
    La = sp.Rational(1, 2) * sum((y - w * x) ** 2 for x, y in zip(xs, ys))
    crit_a = sp.solve(sp.diff(La, w), w)
    # (b) one hidden linear unit: L = 1/2 sum (y - w2 w1 x)^2
    Lb = sp.Rational(1, 2) * sum((y - w2 * w1 * x) ** 2 for x, y in zip(xs, ys))
    Hb = sp.hessian(Lb, (w1, w2))
    H0 = Hb.subs({w1: 0, w2: 0})
    eig0 = sorted(H0.eigenvals().keys())
    # on the hyperbola w1 w2 = 7/5 the gradient vanishes and the Hessian is PSD of rank 1
    t = sp.Symbol("t", positive=True)
    pt = {w1: t, w2: sp.Rational(7, 5) / t}
    grad_h = [sp.simplify(sp.diff(Lb, v).subs(pt)) for v in (w1, w2)]
    Hh = sp.simplify(Hb.subs(pt))
    det_h, tr_h = sp.simplify(Hh.det()), sp.simplify(Hh.trace())
    ok = (len(crit_a) == 1 and eig0[0] < 0 < eig0[-1] and grad_h == [0, 0] and det_h == 0 and tr_h.is_positive)
    return Outcome(
        Verdict.AMBIGUOUS if ok else Verdict.NOT_CHECKABLE,
        "no hidden layer: the loss is convex with one critical point (no saddles at all); one hidden linear layer "
        "(Baldi-Hornik's setting): a whole curve w1 w2 = 7/5 of global minima, so 'except one' holds only modulo the GL(p) symmetry",
        rule="readings" if ok else None,
        correction=r"Baldi--Hornik: for a linear network with one hidden layer every local minimum is global and all other critical points are saddles "
                   r"(the minima form one orbit of the $GL(p)$ symmetry, not one point).",
        evidence={"a_critical_points": [str(c) for c in crit_a], "b_hessian_at_0_eigenvalues": [str(e) for e in eig0],
                  "b_grad_on_hyperbola": [str(g) for g in grad_h], "b_det_on_hyperbola": str(det_h), "b_trace_on_hyperbola": str(tr_h),
                  "consistent": ok},
        latex=(r"Data $x=(1,2)$, $y=(1,3)$. (a) Single layer, no hidden unit: $L(w)=\frac12\sum(y-wx)^2$ is convex, its only critical point "
               f"$w={sp.latex(crit_a[0])}$ is the minimum: no saddle exists (the statement is vacuous). "
               r"(b) One hidden linear unit, $L=\frac12\sum(y-w_2w_1x)^2$: $(0,0)$ is a saddle (Hessian eigenvalues "
               f"${', '.join(sp.latex(e) for e in eig0)}$), and every point of the hyperbola $w_1w_2=7/5$ is a critical point "
               f"with positive semidefinite Hessian (determinant ${sp.latex(det_h)}$, trace ${sp.latex(tr_h)}>0$): infinitely many global minima. "
               r"``All critical points except one are saddles'' is true only counting critical points modulo the rescaling symmetry $(w_1,w_2)\mapsto(tw_1,w_2/t)$."),
    )
