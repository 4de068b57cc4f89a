"""002, Appendix B.1: Proposition B.4 (scalar curvature) and its proof."""

from __future__ import annotations

from ...symbolic import graph_jets as gj
from ...symbolic.jets import sum_
from ..model import Context, Outcome, Verdict
from ._common import _fp, _pH2p, _pHp, _scalar_statement_result, _trH, _trH2, add, DIMS_CE
from ..tools import identity_outcome, prove_all_n, prove_jet_identity, typo_outcome


@add("002-propB4-scalar", location="App. B.1, Proposition B.4",
     quote=r"$$R = \beta (\text{tr}(\mathbf{H})^2 - \text{tr}(\mathbf{H}^2)) + 2\beta^2 (\nabla f^\top (\mathbf{H}^2 - \text{tr}(\mathbf{H})\mathbf{H})\nabla f),$$",
     expected=Verdict.TRUE, kind="proposition")
def _propB4(ctx: Context) -> Outcome:
    res = _scalar_statement_result()
    return identity_outcome(res, reason="same as Eq. (4): equals g^jm Ric_jm from first principles exactly, every n",
                        correction=r"$S=\beta((\mathrm{tr}H)^2-\mathrm{tr}H^2)-2\beta^2\nabla f^\top(\mathrm{tr}(H)H-H^2)\nabla f$",
                        latex=r"Identical to Eq.~(4) (`Ricci scalar curvature' $=$ scalar curvature); exact on the jet ring, $n=2..10$, every $n$.")


@add("002-propB4-proof-ricci-indices", location="App. B.1, proof of Proposition B.4, Ricci display line 1",
     quote=r"R_{ab} &= R_{aib}^i = \beta(f_{,ii}f_{,ab} - f_{,bi}f_{,ai}) - \beta^2 f_{,i}f_{,r}(f_{,ir}f_{,ab} - f_{,br}f_{,ai})",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_ric1(ctx: Context) -> Outcome:
    def build(A):
        n, b, Ric = A.n, A.beta, _fp(A).Ric
        rows = []
        for a in range(n):
            for c in range(n):
                pr = (b * sum_(A, (A.f(i, i) * A.f(a, c) - A.f(c, i) * A.f(a, i) for i in range(n)))
                      - b * b * sum_(A, (A.p(i) * A.p(r) * (A.f(i, r) * A.f(a, c) - A.f(c, r) * A.f(a, i))
                                         for i in range(n) for r in range(n))))
                rows.append(((a, c), Ric[a][c], pr))
        return rows

    res = prove_all_n(build, 2)
    return identity_outcome(res, reason="the contraction R^i_aib of the (corrected) Riemann tensor, exact; it does not follow from Eq. (3) as printed",
                        correction=r"$\mathrm{Ric}_{ab}=\beta(f_{ii}f_{ab}-f_{bi}f_{ai})-\beta^2f_if_r(f_{ir}f_{ab}-f_{br}f_{ai})$",
                        latex=(r"Compared with $\mathrm{Ric}_{ab}=R^i{}_{aib}$ contracted from the first-principles Riemann tensor: exact on the "
                               r"jet ring ($n=2..10$, every $n$). It is the contraction of the corrected Eq.~(3), not of the printed one."))


@add("002-propB4-proof-ricci-matrix", location="App. B.1, proof of Proposition B.4, Ricci display line 2",
     quote=r"&= \beta(\text{tr}(\mathbf{H})\mathbf{H}_{ab} - \mathbf{H}_{ab}^2) - \beta^2 ((\nabla f^\top \mathbf{H} \nabla f)\mathbf{H}_{ab} - (\mathbf{H} \nabla f)_a (\mathbf{H} \nabla f)_b)",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_ric2(ctx: Context) -> Outcome:
    def build(A):
        n, b, Ric = A.n, A.beta, _fp(A).Ric
        Hp, trH, pHp = gj.hessian_times_grad(A), _trH(A), _pHp(A)
        rows = []
        for a in range(n):
            for c in range(n):
                H2 = sum_(A, (A.f(a, r) * A.f(r, c) for r in range(n)))
                rows.append(((a, c), Ric[a][c], b * (trH * A.f(a, c) - H2) - b * b * (pHp * A.f(a, c) - Hp[a] * Hp[c])))
        return rows

    res = prove_all_n(build, 2)
    return identity_outcome(res, reason="matrix form of the Ricci tensor (H^2_ab read as (H^2)_ab), exact",
                        correction=r"$\mathrm{Ric}=\beta(\mathrm{tr}(H)H-H^2)-\beta^2((\nabla f^\top H\nabla f)H-H\nabla f\,(H\nabla f)^\top)$",
                        latex=r"Exact on the jet ring against the first-principles Ricci tensor ($n=2..10$, every $n$).")


@add("002-propB4-proof-contraction", location="App. B.1, proof of Proposition B.4",
     quote=r"""The Ricci scalar is given by $g^{ab}R_{ab} = \delta_{ab}R_{ab} - \beta f_{,a}f_{,b}R_{ab}$""",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_contr(ctx: Context) -> Outcome:
    def build(A):
        n, b, F = A.n, A.beta, _fp(A)
        rhs = sum_(A, (F.Ric[a][a] for a in range(n))) - b * sum_(A, (A.p(a) * A.p(c) * F.Ric[a][c] for a in range(n) for c in range(n)))
        return [((), F.S, rhs)]

    res = prove_all_n(build, 0)
    return identity_outcome(res, reason="g^ab = delta_ab - beta f_a f_b, so the contraction splits as printed, exact",
                        correction=r"$S=\mathrm{Ric}_{aa}-\beta f_af_b\mathrm{Ric}_{ab}$",
                        latex=r"Exact on the jet ring ($n=2..10$, every $n$).")


@add("002-propB4-proof-notices", location="App. B.1, proof of Proposition B.4, 'we notice' display",
     quote=r"f_{,a}\mathbf{H}_{ab}f_{,b} &= \nabla f^\top \mathbf{H} \nabla f \\ (\mathbf{H} \nabla f)_a f_{,a} &= \nabla f^\top \mathbf{H} \nabla f",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_notices(ctx: Context) -> Outcome:
    def build(A):
        n = A.n
        Hp = gj.hessian_times_grad(A)
        pHp = _pHp(A)
        return [(("trace",), sum_(A, (A.f(a, a) for a in range(n))), _trH(A)),
                (("fHf",), sum_(A, (A.p(a) * A.f(a, b) * A.p(b) for a in range(n) for b in range(n))), pHp),
                (("Hf.f",), sum_(A, (Hp[a] * A.p(a) for a in range(n))), pHp)]

    res = prove_all_n(build, 0)
    return identity_outcome(res, reason="index notation for tr H and grad f^T H grad f, exact",
                        correction=r"$f_aH_{ab}f_b=(H\nabla f)_af_a=\nabla f^\top H\nabla f$",
                        latex=r"The three contractions ($H_{aa}$, $f_aH_{ab}f_b$, $(H\nabla f)_af_a$) checked on the jet ring (every $n$).")


def _S_split_printed_rhs(A):
    F, n, b = _fp(A), A.n, A.beta
    return sum_(A, (F.Ric[a][a] for a in range(n))) - b * sum_(A, (A.p(a) * A.p(c) * F.Ric[a][c] for a in range(n) for c in range(n)))


@add("002-propB4-proof-scalar-lhs", location="App. B.1, proof of Proposition B.4, display line 1",
     quote=r"R_{ab} &= R_{aa} - \beta f_{,a} f_{,b} R_{ab}",
     expected=Verdict.TYPO, kind="proof-step")
def _propB4_lhs(ctx: Context) -> Outcome:
    def printed(A):
        F, n = _fp(A), A.n
        rhs = _S_split_printed_rhs(A)
        return [((a, c), F.Ric[a][c], rhs) for a in range(n) for c in range(n)]

    def fixed(A):
        return [((), _fp(A).S, _S_split_printed_rhs(A))]

    res_p = prove_jet_identity(printed, DIMS_CE)
    res_f = prove_all_n(fixed, 0)
    return typo_outcome(res_p, res_f, reason="the left-hand side is the scalar R, not the Ricci component R_ab", rule="symbol",
                     correction=r"$R=R_{aa}-\beta f_af_bR_{ab}$",
                     latex=r"The right-hand side is a full contraction (a scalar); with left-hand side $R=S$ the line is exact ($n=2..10$, every $n$).")


@add("002-propB4-proof-Raa", location="App. B.1, proof of Proposition B.4, display line 2",
     quote=r"R_{aa} &= \beta (\text{tr}(\mathbf{H})^2 - \text{tr}(\mathbf{H}^2)) - \beta^2 ((\nabla f^\top \mathbf{H} \nabla f) \text{tr}(\mathbf{H}) - \nabla f^\top \mathbf{H}^2 \nabla f)",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_raa(ctx: Context) -> Outcome:
    def build(A):
        F, n, b = _fp(A), A.n, A.beta
        lhs = sum_(A, (F.Ric[a][a] for a in range(n)))
        return [((), lhs, b * (_trH(A) * _trH(A) - _trH2(A)) - b * b * (_pHp(A) * _trH(A) - _pH2p(A)))]

    res = prove_all_n(build, 0)
    return identity_outcome(res, reason="the trace of the Ricci tensor, exact", correction=r"as printed",
                        latex=r"$\sum_a\mathrm{Ric}_{aa}$ from first principles, exact on the jet ring ($n=2..10$, every $n$).")


@add("002-propB4-proof-bffR", location="App. B.1, proof of Proposition B.4, display line 3",
     quote=r"\beta f_{,a} f_{,b} R_{ab} &= \beta^2 (\nabla f^\top \mathbf{H} \nabla f) \text{tr}(\mathbf{H}) - \nabla f^\top \mathbf{H}^2 \nabla f - \beta^3 ((\nabla f^\top \mathbf{H} \nabla f)^2 - (\nabla f^\top \mathbf{H} \nabla f)^2)",
     expected=Verdict.TYPO, kind="proof-step")
def _propB4_bffr(ctx: Context) -> Outcome:
    def lhs(A):
        F, n = _fp(A), A.n
        return A.beta * sum_(A, (A.p(a) * A.p(c) * F.Ric[a][c] for a in range(n) for c in range(n)))

    def printed(A):
        b, pHp = A.beta, _pHp(A)
        return [((), lhs(A), b * b * pHp * _trH(A) - _pH2p(A) - b**3 * (pHp * pHp - pHp * pHp))]

    def fixed(A):
        b, pHp = A.beta, _pHp(A)
        return [((), lhs(A), b * b * (pHp * _trH(A) - _pH2p(A)) - b**3 * (pHp * pHp - pHp * pHp))]

    res_p = prove_jet_identity(printed, DIMS_CE)
    res_f = prove_all_n(fixed, 0)
    return typo_outcome(res_p, res_f, reason="missing parentheses: beta^2 must multiply the whole bracket (pHp tr H - pH^2p); the beta^3 term is identically 0", rule="factor",
                     correction=(r"$\beta f_af_b\mathrm{Ric}_{ab}=\beta^2\big((\nabla f^\top H\nabla f)\mathrm{tr}H-\nabla f^\top H^2\nabla f\big)$ "
                                 r"(the $\beta^3$ term is $0$)"),
                     latex=(r"$\beta p_ap_b\mathrm{Ric}_{ab}=\beta^2(\mathrm{tr}H\,p^\top Hp-p^\top H^2p)-\beta^3((p^\top Hp)^2-(p^\top Hp)^2)$, "
                            r"exact on the jet ring ($n=2..10$, every $n$); as printed, $\nabla f^\top H^2\nabla f$ lacks its factor $\beta^2$."))


@add("002-propB4-proof-final", location="App. B.1, proof of Proposition B.4, last display",
     quote=r"$$R = \beta (\text{tr}(\mathbf{H})^2 - \text{tr}(\mathbf{H}^2)) - 2\beta^2 (\nabla f^\top (\text{tr}(\mathbf{H})\mathbf{H} - \mathbf{H}^2) \nabla f)$$",
     expected=Verdict.TRUE, kind="proof-step")
def _propB4_final(ctx: Context) -> Outcome:
    def build(A):
        b = A.beta
        return [((), _fp(A).S, b * (_trH(A) * _trH(A) - _trH2(A)) - A.const(2) * b * b * (_trH(A) * _pHp(A) - _pH2p(A)))]

    res = prove_all_n(build, 0)
    return identity_outcome(res, reason="R_aa minus the (corrected) beta f f R term gives the scalar curvature, exact",
                        correction=r"$S=\beta((\mathrm{tr}H)^2-\mathrm{tr}H^2)-2\beta^2\nabla f^\top(\mathrm{tr}(H)H-H^2)\nabla f$",
                        latex=r"Exact on the jet ring against $g^{jm}\mathrm{Ric}_{jm}$ ($n=2..10$, every $n$).")
