"""002, Appendix B.3: curvature over mini-batches (Proposition B.6)."""

from __future__ import annotations

import sympy as sp
from ..model import Context, Outcome, Verdict
from ._common import _crit_S, _minibatch_S_outcome, add


_B6_H1 = sp.Matrix([[-2, 0], [4, 1]])


_B6_H2_PRINTED = sp.Matrix([[1, 2, 1], [2, -2, 1]])


_B6_H2 = _B6_H2_PRINTED[:, :2]  # reading: the third column is spurious


_B6_FULL_PRINTED = sp.Matrix([[-1, 2], [6, -1]])


@add("002-propB6-minibatch-scalar", location="App. B.3, Proposition B.6",
     quote=r"""The Scalar curvature of the hessian of the full dataset is not equal to the expectation of the Scalar curvature over mini-batches.""",
     expected=Verdict.TRUE, kind="proposition")
def _propB6(ctx: Context) -> Outcome:
    return _minibatch_S_outcome()


@add("002-propB6-proof-matrices", location="App. B.3, proof of Proposition B.6, first display",
     quote=r"$$\begin{bmatrix} -2 & 0 \\ 4 & 1 \end{bmatrix}, \begin{bmatrix} 1 & 2 & 1 \\ 2 & -2 & 1 \end{bmatrix}$$",
     expected=Verdict.FALSE, kind="proof-step")
def _propB6_mats(ctx: Context) -> Outcome:
    nonsym = _B6_H1 != _B6_H1.T
    nonsquare = _B6_H2_PRINTED.shape[0] != _B6_H2_PRINTED.shape[1]
    # a valid version: symmetric Hessians of quadratic losses, mean over the two batches
    H1, H2 = sp.Matrix([[-2, 2], [2, 1]]), sp.Matrix([[1, 2], [2, -2]])
    HD = (H1 + H2) / 2
    S1, S2, SD = _crit_S(H1), _crit_S(H2), _crit_S(HD)
    false = nonsym and nonsquare and SD != (S1 + S2) / 2
    return Outcome(
        Verdict.FALSE if false else Verdict.TRUE,
        "these cannot be Hessians: the first is not symmetric (Schwarz) and the second is 2x3",
        correction=(r"e.g. symmetric $H_{B_1}=\begin{pmatrix}-2&2\\2&1\end{pmatrix}$, $H_{B_2}=\begin{pmatrix}1&2\\2&-2\end{pmatrix}$ (traces $-1$), "
                    r"$H_D=\tfrac12(H_{B_1}+H_{B_2})$: $S(H_D)=" + sp.latex(SD) + r"\neq" + sp.latex((S1 + S2) / 2)
                    + r"=\tfrac12(S(H_{B_1})+S(H_{B_2}))$ with $S(H)=(\mathrm{tr}H)^2-\mathrm{tr}H^2$"),
        evidence={"first_symmetric": not nonsym, "second_shape": str(_B6_H2_PRINTED.shape),
                  "valid_example": {"S_B1": str(S1), "S_B2": str(S2), "S_D": str(SD)}},
        latex=(r"A Hessian of a $C^2$ loss is symmetric (Schwarz) and square; $\begin{pmatrix}-2&0\\4&1\end{pmatrix}$ is not symmetric and the "
               r"second matrix is $2\times3$. A valid example with the same traces is given as the correction (exact values)."),
        rule='counterexample' if false else None,
    )


@add("002-propB6-proof-traces", location="App. B.3, proof of Proposition B.6",
     quote=r"""They both have equal trace, -1""",
     expected=Verdict.TRUE, kind="proof-step")
def _propB6_tr(ctx: Context) -> Outcome:
    ok = _B6_H1.trace() == -1 and _B6_H2.trace() == -1
    return Outcome(
        Verdict.TRUE if ok else Verdict.FALSE,
        "tr [[-2,0],[4,1]] = -1 and, reading the second as its 2x2 block [[1,2],[2,-2]], its trace is -1",
        correction=None if ok else "traces",
        evidence={"traces": [str(_B6_H1.trace()), str(_B6_H2.trace())]},
        latex=r"$-2+1=-1$ and $1-2=-1$ (the $2\times3$ matrix read as its leading $2\times2$ block; the trace of a non-square matrix is undefined).",
        rule=None if ok else 'counterexample',
    )


@add("002-propB6-proof-curvatures", location="App. B.3, proof of Proposition B.6",
     quote=r"""their ricci curvatures are -2 and -6 respectively""",
     expected=Verdict.TYPO, kind="proof-step")
def _propB6_curv(ctx: Context) -> Outcome:
    S1, S2 = _crit_S(_B6_H1), _crit_S(_B6_H2)
    d1, d2 = _B6_H1.det(), _B6_H2.det()
    typo = (S1, S2) == (-4, -12) and (d1, d2) == (-2, -6)
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "S = (tr H)^2 - tr(H^2) gives -4 and -12; the printed -2 and -6 are det H = S/2 (the Gauss curvature at a critical point)",
        correction=r"their scalar curvatures are $-4$ and $-12$ ($\det H=-2,-6$ is $S/2$)",
        evidence={"S": [str(S1), str(S2)], "det": [str(d1), str(d2)]},
        latex=(r"$S(H)=(\mathrm{tr}H)^2-\mathrm{tr}(H^2)$ (Eq.~(5)): $1-5=-4$ and $1-13=-12$; in dimension 2 this is $2\det H$, and "
               r"$\det H=-2,-6$ are the printed values. (`Ricci curvature' here means the scalar curvature.)"),
        rule='factor' if typo else 'counterexample',
    )


@add("002-propB6-proof-full-hessian", location="App. B.3, proof of Proposition B.6, second display",
     quote=r"$$\begin{bmatrix} -1 & 2 \\ 6 & -1 \end{bmatrix}$$",
     expected=Verdict.TYPO, kind="proof-step")
def _propB6_full(ctx: Context) -> Outcome:
    total = _B6_H1 + _B6_H2
    mean = total / 2
    typo = total == _B6_FULL_PRINTED and mean != _B6_FULL_PRINTED
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "the printed matrix is the sum of the batch Hessians; by Sec. 3.1 H_D is their mean [[-1/2,1],[3,-1/2]]",
        correction=r"$H_D=\tfrac12(H_{B_1}+H_{B_2})=\begin{pmatrix}-\tfrac12&1\\3&-\tfrac12\end{pmatrix}$",
        evidence={"sum": str(total.tolist()), "mean": str(mean.tolist())},
        latex=(r"$H_{B_1}+H_{B_2}=\begin{pmatrix}-1&2\\6&-1\end{pmatrix}$ (the printed matrix), but the paper's own "
               r"$H_D=\tfrac1k\sum_iH_{B_i}$ gives $\begin{pmatrix}-\tfrac12&1\\3&-\tfrac12\end{pmatrix}$."),
        rule='factor' if typo else 'counterexample',
    )


@add("002-propB6-proof-same-trace", location="App. B.3, proof of Proposition B.6, last paragraph",
     quote=r"""This has the same trace as the minibatches""",
     expected=Verdict.TYPO, kind="proof-step")
def _propB6_same(ctx: Context) -> Outcome:
    mean = (_B6_H1 + _B6_H2) / 2
    typo = _B6_FULL_PRINTED.trace() == -2 and mean.trace() == -1
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "the printed matrix has trace -2, not -1; the mean (the correct H_D) has trace -1",
        correction=r"$H_D=\begin{pmatrix}-\tfrac12&1\\3&-\tfrac12\end{pmatrix}$ has the same trace $-1$ as the mini-batches",
        evidence={"trace_printed": str(_B6_FULL_PRINTED.trace()), "trace_mean": str(mean.trace())},
        latex=r"$\mathrm{tr}\begin{pmatrix}-1&2\\6&-1\end{pmatrix}=-2\neq-1$; the mean $\tfrac12(H_{B_1}+H_{B_2})$ has trace $-1$ (linearity).",
        rule='factor' if typo else 'counterexample',
    )


@add("002-propB6-proof-value", location="App. B.3, proof of Proposition B.6, last paragraph",
     quote=r"""but its ricci curvature is -22 not equal to the average of the ricci curvatures over minibatches.""",
     expected=Verdict.TYPO, kind="proof-step")
def _propB6_val(ctx: Context) -> Outcome:
    S_printed = _crit_S(_B6_FULL_PRINTED)
    mean = (_B6_H1 + _B6_H2) / 2
    S_mean = _crit_S(mean)
    avg_true = (_crit_S(_B6_H1) + _crit_S(_B6_H2)) / 2
    avg_printed = sp.Rational(-2 - 6, 2)
    typo = S_printed == -22 and S_mean == sp.Rational(-11, 2) and S_mean != avg_true and S_printed != avg_printed
    return Outcome(
        Verdict.TYPO if typo else Verdict.FALSE,
        "-22 is S of the sum of the Hessians; for H_D (the mean) S = -11/2, still different from the batch average -8, so the conclusion stands",
        correction=r"$S(H_D)=-\tfrac{11}{2}\neq-8=\tfrac12(S(H_{B_1})+S(H_{B_2}))$",
        evidence={"S_sum": str(S_printed), "S_mean": str(S_mean), "average_true": str(avg_true), "average_printed_values": str(avg_printed)},
        latex=(r"$S\begin{pmatrix}-1&2\\6&-1\end{pmatrix}=4-26=-22$ (the sum), but $S(H_D)=1-\tfrac{26}{4}=-\tfrac{11}{2}$ for the mean; "
               r"the batch average is $\tfrac12(-4-12)=-8$ (or $-4$ with the printed values). The inequality holds in every reading."),
        rule='factor' if typo else 'counterexample',
    )
