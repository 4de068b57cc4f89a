"""002, Section 4 (discussion)."""

from __future__ import annotations

import sympy as sp
from ..model import Context, Outcome, Verdict
from ._common import (
    _all_benefits_outcome,
    _crit_S,
    _frobenius_sq,
    _graph_S_at,
    _nuclear_norm,
    _quadratic,
    add,
)


@add("002-sec4-difference-of-norms", location="Sec. 4, paragraph 1",
     quote=r"""We found that the scalar curvature at minima is defined as the difference between the nuclear and Frobenius norm of the Hessian of the loss function.""",
     expected=Verdict.TYPO, kind="verbal")
def _sec4_diff(ctx: Context) -> Outcome:
    u, v = sp.symbols("u v", real=True)
    H = sp.eye(2)
    S = _graph_S_at(_quadratic(H, (u, v)), (u, v), (0, 0))
    unsquared = _nuclear_norm(H) - sp.sqrt(_frobenius_sq(H))
    squared = _nuclear_norm(H) ** 2 - _frobenius_sq(H)
    typo = S == squared and sp.simplify(S - unsquared) != 0
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "the norms must be squared: for H = I, S = 2 = 4 - 2, while ||H||_* - ||H||_F = 2 - sqrt(2)",
        correction=r"$S(x_{\min})=\|H\|_*^2-\|H\|_F^2$ (difference of the \emph{squared} norms)",
        evidence={"S_graph": str(S), "difference_of_norms": str(unsquared), "difference_of_squares": str(squared)},
        latex=(r"For $f=\tfrac12(u^2+v^2)$ the graph has $S(0)=2$; $\|I\|_*^2-\|I\|_F^2=4-2=2$ but $\|I\|_*-\|I\|_F=2-\sqrt2$."),
        rule='factor' if typo else 'counterexample',
    )


@add("002-sec4-hessian-norm-gauge", location="Sec. 4, paragraph 2",
     quote=r"""We show that, in certain scenarios, the Hessian norm doesn't effectively gauge flatness, whereas scalar curvature does.""",
     expected=Verdict.AMBIGUOUS, kind="verbal")
def _sec4_gauge(ctx: Context) -> Outcome:
    Hs = sp.diag(1, -1)
    trace, nuc, fro = Hs.trace(), _nuclear_norm(Hs), sp.sqrt(_frobenius_sq(Hs))
    S = _crit_S(Hs)
    rank1 = sp.diag(100, 0)
    ok_trace_reading = trace == 0 and S != 0
    norm_reading_no_issue = nuc != 0 and fro != 0
    s_blind = _crit_S(rank1) == 0
    ambiguous = ok_trace_reading and norm_reading_no_issue and s_blind
    return Outcome(
        Verdict.AMBIGUOUS if ambiguous else Verdict.TRUE,
        "Section 3.1 shows a failure of the trace, not of a norm; every norm of the saddle Hessian is nonzero, and S itself is blind to rank-one sharpness",
        evidence={"saddle": {"trace": str(trace), "nuclear": str(nuc), "frobenius": str(fro), "S": str(S)},
                  "S_of_diag(100,0)": str(_crit_S(rank1))},
        latex=(r"(a) `Hessian norm' read as the trace (as in Sec.~3.1): at the saddle $\mathrm{diag}(1,-1)$ the trace is $0$ while "
               r"$S=-2$, so $S$ detects it: true. (b) Read as a norm: $\|H\|_*=2$, $\|H\|_F=\sqrt2$ are nonzero, no failure is shown; "
               r"the mini-batch issue is about linearity, which norms lack too. Conversely $S$ does not gauge sharpness: "
               r"$S(\mathrm{diag}(100,0))=0$. The claim depends on conflating trace and norm."),
        rule='readings' if ambiguous else None,
    )


@add("002-sec4-all-advantages", location="Sec. 4, paragraph 2",
     quote=r"""Similarly, these characteristics are also satisfied by the scalar curvature. In essence, the scalar curvature combines all the advantages of the Hessian norm while accurately describing the curvature of the parameter space.""",
     expected=Verdict.FALSE, kind="verbal")
def _sec4_adv(ctx: Context) -> Outcome:
    return _all_benefits_outcome()
